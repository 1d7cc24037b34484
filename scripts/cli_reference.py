"""Write docs/cli.md, the CLI reference, from the parser itself (``make docs``).

Every command and sub-command with its ``--help`` exactly as the program prints it (at 100 columns),
so the reference cannot drift: ``tests/docs/test_cli_reference.py`` regenerates it and fails on any
difference. Usage: ``python scripts/cli_reference.py [docs/cli.md]``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HEADER = """# 命令行参考（dealer-xl）

本页由 `make docs`（`python scripts/cli_reference.py docs/cli.md`）从程序的参数定义生成，请勿手改；
测试 `tests/docs/test_cli_reference.py` 在它与程序不一致时失败。各部门的用法和示例见 [README](README.md)
所列各篇。所有命令的共同写法：台账文件夹写在命令后（`[DIR]`，默认当前文件夹）；日期用 `--as-of`；
月份用 `--month YYYY-MM`；`--format table|json`（写出工作簿的命令另有 `xlsx`）；改动台账的命令加
`--write` 才写入；选项写在 DIR 之前或之后均可。结果、问题和合计打印在标准输出，进度和提示在标准错误。
"""


def _walk(parser: argparse.ArgumentParser, name: str):
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                yield from _walk(sub, f"{name} {sub_name}")


def reference() -> str:
    """The text of docs/cli.md."""
    os.environ["COLUMNS"] = "100"
    from dealer_xl.arguments import chinese
    from dealer_xl.cli import build_parser

    parts = [HEADER]
    with chinese():
        for name, parser in _walk(build_parser(), "dealer-xl"):
            parts.append(f"\n## `{name}`\n\n```text\n{parser.format_help().rstrip()}\n```\n")
    return "".join(parts)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/cli.md")
    target.write_text(reference(), encoding="utf-8")
    print(f"已写出 {target}")
