"""Progress of long commands: one summary line per step when stderr is not a terminal."""

import io

from dealer_xl.progress import StepProgress, step, terminal_progress


def test_each_finished_step_writes_one_summary_line():
    log = io.StringIO()
    progress = StepProgress("账龄分析", None, log)
    with step(progress, "读取台账") as p:
        p(3, 5, "主数据")
        p(5, 5, "应收款台账")
    with step(progress, "写入工作簿"):
        pass
    lines = log.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("[账龄分析] 读取台账：5/5，") and lines[0].endswith(" 秒")
    assert lines[1].startswith("[账龄分析] 写入工作簿：") and "/" not in lines[1]


def test_step_passes_plain_callables_and_none_through():
    calls = []
    with step(calls.append, "x") as p:
        assert p == calls.append
    with step(None, "x") as p:
        assert p is None


def test_redirected_output_gets_lines_not_a_bar(capsys):
    with terminal_progress("催收清单") as progress:      # pytest's stderr is not a terminal
        with step(progress, "计算"):
            progress(1, 2, "a")
    assert capsys.readouterr().err.startswith("[催收清单] 计算：1/2，")
