"""The credit-file steps of the main job (``make demo``, #16): bad debts, grades, repossession papers.

:func:`run_credit_steps` writes the 呆死帐追缴 list (with 扣车处置), the 信用等级建议 preview, and
the 扣车通知书 and 车辆交接单 of every contract repossessed, each as of its repossession date (the
day they are issued), into ``<folder>/报表`` and ``<folder>/文书``; returns the Chinese summary lines.
The books are not written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ... import ledger as ledger_mod
from ...actions.credit.bad_debts import list_bad_debts
from ...actions.credit.grades import grade_parties
from .held_steps import on_held_books


@on_held_books(collect=True)
def run_credit_steps(books: Path | str | ledger_mod.Ledger, as_of: date) -> list[str]:
    """Run the steps above on the books (a folder, or the run's Ledger) as of ``as_of``."""
    from ...documents import DOCUMENTS_DIR
    from ...documents.repossession_notices import generate_notices

    led = ledger_mod.load(books, today=as_of)  # read once: the three steps below only write 报表/ and 文书/
    folder = led.books_dir
    lines = [*list_bad_debts(led, as_of).summary()]
    grades = grade_parties(led, as_of)
    lines.append(grades.summary()[0])
    lines.append(f"  信用等级建议 {grades.path}")
    for c in led.receivables.contracts:
        for row in c.repossessions:
            if row.get("repo_date") and row["repo_date"] <= as_of:
                for kind in ("repossession", "handover"):
                    written, errors = generate_notices(led, kind, row["repo_date"], folder / DOCUMENTS_DIR,
                                                       [c.contract_no], pdf=False)
                    lines += [f"  已生成 {d.docx.name}" for d in written] + [f"  未生成：{e}" for e in errors]
    return lines
