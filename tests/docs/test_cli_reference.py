"""docs/cli.md is exactly what the parser says (regenerate with make docs), and the grammar is one."""

from __future__ import annotations

import runpy

from .blocks import ROOT


def test_cli_reference_is_generated_from_the_parser():
    reference = runpy.run_path(str(ROOT / "scripts" / "cli_reference.py"))["reference"]()
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == reference, \
        "docs/cli.md 与程序不一致：请运行 make docs 重新生成"
