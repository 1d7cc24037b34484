"""The main job (`make demo`) runs every step on the demo company and writes only inside ``out``."""

from __future__ import annotations

import json

import pytest

from dealer_xl.actions.main_job import run_main_job
from dealer_xl.problems import BookError


def test_main_job_runs_every_step_inside_out(tmp_path):
    out = tmp_path / "out"
    result = run_main_job(out, scale=0.3)
    demo = out / "演示公司"
    manifest = json.loads((demo / "demo_manifest.json").read_text("utf-8"))
    planted = len(manifest["mistakes"])
    assert any(f"预置错误找到 {planted}/{planted}" in line for line in result.log), result.log
    assert len(list((out / "空白台账").glob("*.xlsx"))) == 5
    assert (demo / "问题清单.xlsx").exists()
    reports = {p.name.split("_")[0] for p in (demo / "报表").glob("*.xlsx")}
    assert {"账龄分析", "催收清单", "催收计划"} <= reports
    assert list((demo / "文书").glob("催款函_*.docx")) and list((demo / "文书").glob("*合同_*.docx"))
    assert list((out / "发件箱").glob("*.eml"))
    assert result.summary.total_rows > 0
    assert {p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*")} == {"out"}


def test_main_job_refuses_a_folder_of_real_books(tmp_path):
    real = tmp_path / "out" / "演示公司"
    real.mkdir(parents=True)
    (real / "销售台账.xlsx").write_bytes(b"the user's own book")
    with pytest.raises(BookError, match="不是演示数据"):
        run_main_job(tmp_path / "out", scale=0.3)
    assert (real / "销售台账.xlsx").read_bytes() == b"the user's own book"
