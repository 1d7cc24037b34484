"""The machines we hold, from a Ledger (no I/O).

Our stock is the 整机库存 rows whose 库存状态 is 在库/样机/调拨中 and that are not sold (a 销售明细
row with that 整机编号, unless a 退车 in 退换车 took it back). A machine sold but still marked
在库 is left out here; validation reports it.
"""

from __future__ import annotations

from .model import Ledger

HELD = ("在库", "样机", "调拨中")


def held_machines(led: Ledger, *, manufacturer: str | None = None, branch: str | None = None) -> list[dict]:
    """The 整机库存 rows we hold (see the module docstring), optionally of one maker or branch."""
    returned = {r["serial_no"] for r in led.rows("sales", "returns") if r["kind"] == "退车"}
    sold = {r["serial_no"] for r in led.rows("sales", "sales") if r["serial_no"]} - returned
    makers = {r["model_code"]: r["manufacturer"] for r in led.rows("master", "models")}
    return [r for r in led.rows("sales", "stock")
            if r["serial_no"] and r["status"] in HELD and r["serial_no"] not in sold
            and (manufacturer is None or makers.get(r["model_code"]) == manufacturer)
            and (branch is None or r["branch"] == branch)]
