"""DX_CLAIM_DEADLINE: completion date + the maker's claim limit from 主数据 in the configured folder."""

from __future__ import annotations

from datetime import date

import pytest

from dealer_xl.excel import udfs
from dealer_xl.io.reader import read_books


def test_deadline_from_the_makers_limit(demo_master, monkeypatch):
    monkeypatch.setattr(udfs, "_books_folder", lambda: demo_master)
    makers = read_books(demo_master)["master"].tables["manufacturers"].rows
    maker = next(m for m in makers if m["manufacturer"] == "长川机械")
    assert maker["claim_submit_days"] == 15
    assert udfs.dx_claim_deadline(date(2026, 10, 20), "长川机械") == date(2026, 11, 4)   # 20 Oct + 15 days
    assert udfs.dx_claim_deadline("2026.10.20", " 长川机械 ") == date(2026, 11, 4)
    with pytest.raises(ValueError, match="没有厂家「无名厂」"):
        udfs.dx_claim_deadline(date(2026, 10, 20), "无名厂")
