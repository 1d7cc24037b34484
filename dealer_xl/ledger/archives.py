"""The archive register of 综合管理台账 on a day: retention, open loans, what is due for destruction.

Retention (保管期限) is counted from the first day of the year after the file was formed, as
会计档案管理办法 (2015) 第十四条 counts it for accounting files and archive practice does for the others:
a file formed on 2015-06-10 kept 10 years is kept through 2025-12-31 and may be destroyed from
2026-01-01. A file without 保管期限 is kept permanently (永久). A loan is open while it has no
归还日期 (as of the day: a return dated later is not there yet); it is due on its 应还日期, else
参数 ``loan_days`` after it was lent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .admin_view import Person, entries, person, plus_days
from .model import Ledger


@dataclass(frozen=True, slots=True)
class ArchiveLine:
    """One file of the register.

    Attributes:
        row: the 档案 row.
        excel_row: its row in the workbook.
        kept_until: the last day of its retention (None: permanent, or no 形成日期).
    """

    row: dict
    excel_row: int
    kept_until: date | None

    def expired(self, day: date) -> bool:
        """True when its retention ended before ``day``."""
        return self.kept_until is not None and self.kept_until < day


@dataclass(frozen=True, slots=True)
class Loan:
    """A loan not returned.

    Attributes:
        row: the 档案借阅 row.
        excel_row: its row in the workbook.
        due: when it is to be returned.
        borrower: the 借阅人.
        approver: the 批准人.
        archive: the 档案 row lent (None when the 档案号 is unknown).
    """

    row: dict
    excel_row: int
    due: date
    borrower: Person | None
    approver: Person | None
    archive: dict | None


def kept_until(formed: date | None, years: int | None) -> date | None:
    """The last day of retention: 31 December of the year formed + ``years`` (None: permanent)."""
    if formed is None or not years:
        return None
    return date(min(formed.year + years, date.max.year), 12, 31)


def archive_register(led: Ledger, day: date) -> list[ArchiveLine]:
    """Every file on the register on ``day`` (formed by then, or without 形成日期)."""
    return [ArchiveLine(e.row, e.excel_row, kept_until(e.row["formed"], e.row["retention_years"]))
            for e in entries(led, "archives", day)]


def destruction_list(led: Ledger, day: date) -> list[ArchiveLine]:
    """The files whose retention ended before ``day``, by 档案号."""
    return sorted((a for a in archive_register(led, day) if a.expired(day)), key=lambda a: str(a.row["archive_no"]))


def open_loans(led: Ledger, day: date) -> list[Loan]:
    """The loans not returned on ``day``, by due date."""
    days = int(led.params["loan_days"])
    files = {a.row["archive_no"]: a.row for a in archive_register(led, day)}
    out = [Loan(e.row, e.excel_row, e.row["due"] or plus_days(e.row["date"], days),
                person(led, e.row["borrower"]), person(led, e.row["approver"]), files.get(e.row["archive_no"]))
           for e in entries(led, "archive_loans", day) if e.row["returned"] is None and e.row["date"] is not None]
    return sorted(out, key=lambda loan: (loan.due, loan.excel_row))
