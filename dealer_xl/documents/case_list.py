"""Legal cases (诉讼案件) for the collector's worklist pack and hearing reminders (#16).

:func:`case_entries` pairs each 诉讼案件 row with its contract; :func:`for_person` keeps the
cases of contracts a person is responsible for (the contract's 催收责任人, by name or 工号, or the
worklist's responsible person) and of a branch; :func:`reminders` lists the hearings due from the
date to :data:`REMIND_DAYS` days ahead, soonest first; :func:`case_cells` is a case as sheet
cells under :data:`CASE_HEADERS`. Cases in stage 终结 are left out of the list.
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from typing import Any

from ..schema import labels

CASE_HEADERS = (labels.CASE_NO, labels.CONTRACT_NO, labels.CUSTOMER_NAME, labels.COURT, labels.FILING_DATE,
                labels.LAWSUIT_AMOUNT, labels.STAGE, labels.NEXT_HEARING, labels.JUDGMENT_AMOUNT, labels.LAWYER,
                labels.COLLECTOR)
CASE_FORMATS = {labels.FILING_DATE: "yyyy-mm-dd", labels.NEXT_HEARING: "yyyy-mm-dd", labels.LAWSUIT_AMOUNT: "#,##0.00",
                labels.JUDGMENT_AMOUNT: "#,##0.00"}
REMIND_DAYS = 14


def case_entries(contracts, rows: list[dict[str, Any]]) -> list[tuple[dict, Any]]:
    """(case row, ContractFile or None) of every open case, by next hearing then filing date."""
    by_no = {c.contract_no: c for c in contracts}
    found = [(r, by_no.get(r.get("contract_no"))) for r in rows if r.get("case_no") and r.get("stage") != "终结"]
    return sorted(found, key=lambda e: (e[0].get("next_hearing") or date.max, e[0].get("filing_date") or date.max))


def for_person(entries, person: str | None, branch: str | None, responsible: set[str] = frozenset(),
               aliases: set[str] = frozenset()) -> list[tuple[dict, Any]]:
    """The cases of ``person`` (collector named by any of ``aliases``, or a contract in ``responsible``)."""
    out = []
    for row, file in entries:
        if branch and (file is None or file.branch != branch):
            continue
        mine = file is not None and (file.contract_no in responsible or file.contract.get("collector") in aliases)
        if person is None or mine:
            out.append((row, file))
    return out


def reminders(entries, as_of: date, days: int = REMIND_DAYS) -> list[tuple[dict, Any]]:
    """Cases whose next hearing falls from ``as_of`` to ``as_of + days``."""
    end = as_of + timedelta(days=days)
    return [(r, f) for r, f in entries if r.get("next_hearing") and as_of <= r["next_hearing"] <= end]


def case_cells(row: dict, file) -> list:
    return [row.get("case_no"), row.get("contract_no"), file.customer_name if file else "", row.get("court"),
            row.get("filing_date"), row.get("claim_amount"), row.get("stage"), row.get("next_hearing"),
            row.get("judgment_amount"), row.get("lawyer"), file.collector if file else ""]


def reminder_html(entries, as_of: date) -> str:
    """The email paragraph of hearings in the next :data:`REMIND_DAYS` days ('' when none)."""
    due = reminders(entries, as_of)
    if not due:
        return ""
    items = "".join(f"<li>{r['next_hearing']:%Y-%m-%d} 开庭：{escape(str(r.get('case_no') or ''))}"
                    f"（合同 {escape(str(r.get('contract_no') or ''))}，{escape(f.customer_name if f else '')}，"
                    f"{escape(str(r.get('court') or ''))}，代理律师 {escape(str(r.get('lawyer') or ''))}）</li>"
                    for r, f in due)
    return f"<p><b>开庭提醒（{REMIND_DAYS} 天内）：</b></p><ul>{items}</ul>"
