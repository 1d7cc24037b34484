"""Stock count: our machines against a list (the manufacturer's, or a physical count) — pure.

:func:`compare_stock` matches by 整机编号 (normalised: upper case, no spaces) and gives one
:class:`StockLine` per machine that differs: ``only_ours`` (in our stock, not on the list),
``only_theirs`` (on the list, not in our stock: sold, returned to the factory or missing),
``model_differs`` (same serial, other 机型), ``status_differs`` (the list gives a status other than
ours). Machines on both with nothing different are counted, not listed.

:func:`compare_count` reads a physical count back: 实盘 有 (or 是/在/1/√) = present, 无 (or
否/缺/0/×) = missing, blank = not counted; a serial written in by the counter that is not booked
is ``found`` (盘盈), a booked machine marked missing is ``missing`` (盘亏).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

PRESENT = ("有", "是", "在", "在库", "1", "√", "✓", "Y", "YES")
ABSENT = ("无", "否", "缺", "没有", "0", "×", "✗", "N", "NO")


@dataclass(frozen=True, slots=True)
class Machine:
    """One machine on one side.

    Attributes:
        serial_no: 整机编号.
        model_code: 机型 ('' when not given).
        status: 库存状态 or the list's status ('' when not given).
    """

    serial_no: str
    model_code: str = ""
    status: str = ""


@dataclass(frozen=True, slots=True)
class StockLine:
    """A difference.

    Attributes:
        serial_no: 整机编号.
        model_code: our 机型, else theirs.
        ours: what our books say (机型/状态), '' when we do not hold it.
        theirs: what the list says, '' when it is not on the list.
        category: only_ours / only_theirs / model_differs / status_differs (count: missing / found /
            not_counted).
    """

    serial_no: str
    model_code: str
    ours: str
    theirs: str
    category: str


def normalise(serial: object) -> str:
    """The serial as compared: text, no spaces, upper case."""
    return "".join(str(serial or "").split()).upper()


def _describe(m: Machine) -> str:
    return " / ".join(x for x in (m.model_code, m.status) if x)


def compare_stock(ours: Iterable[Machine], theirs: Iterable[Machine]) -> tuple[list[StockLine], int]:
    """The differences and how many machines agree (see the module docstring)."""
    mine = {normalise(m.serial_no): m for m in ours}
    lines: list[StockLine] = []
    agree = 0
    seen: set[str] = set()
    for t in theirs:
        key = normalise(t.serial_no)
        if not key or key in seen:
            continue
        seen.add(key)
        m = mine.get(key)
        if m is None:
            lines.append(StockLine(t.serial_no, t.model_code, "", _describe(t), "only_theirs"))
        elif t.model_code and normalise(t.model_code) != normalise(m.model_code):
            lines.append(StockLine(m.serial_no, m.model_code, _describe(m), _describe(t), "model_differs"))
        elif t.status and t.status.strip() != m.status:
            lines.append(StockLine(m.serial_no, m.model_code, _describe(m), _describe(t), "status_differs"))
        else:
            agree += 1
    lines += [StockLine(m.serial_no, m.model_code, _describe(m), "", "only_ours")
              for key, m in mine.items() if key not in seen]
    return lines, agree


def counted_mark(text: object) -> bool | None:
    """True (present), False (missing) or None (not counted) for a 实盘 cell."""
    value = normalise(text)
    if not value:
        return None
    if value in PRESENT:
        return True
    if value in ABSENT:
        return False
    return None


def compare_count(booked: Iterable[Machine], counted: Iterable[tuple[str, str, object]]) -> tuple[list[StockLine], int]:
    """Booked machines against count rows (整机编号, 机型, 实盘): the differences (missing, found and
    not counted) and how many booked machines were counted present (each once)."""
    mine = {normalise(m.serial_no): m for m in booked}
    lines: list[StockLine] = []
    seen: set[str] = set()
    present: set[str] = set()
    for serial, model, mark in counted:
        key = normalise(serial)
        if not key:
            continue
        seen.add(key)
        state = counted_mark(mark)
        m = mine.get(key)
        if m is None:
            if state is not False:
                lines.append(StockLine(serial, model, "", "实盘有", "found"))
        elif state is False:
            lines.append(StockLine(m.serial_no, m.model_code, _describe(m), "实盘无", "missing"))
        elif state is None:
            lines.append(StockLine(m.serial_no, m.model_code, _describe(m), "未盘", "not_counted"))
        else:
            present.add(key)
    lines += [StockLine(m.serial_no, m.model_code, _describe(m), "不在盘点表上", "not_counted")
              for key, m in mine.items() if key not in seen]
    return lines, len(present)
