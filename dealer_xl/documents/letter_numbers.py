"""函号 of demand letters: unique and sequential per year, kept in a register beside the books.

The counter lives in ``<台账文件夹>/文书/函号登记.csv`` (one line per letter issued: 函号, 年份, 序号,
合同编号, 日期, 文件), whatever ``--out`` says, so every letter of one company draws from one
sequence. The next number of a year is the largest 序号 of that year in the register plus one; the
register is rewritten atomically (temporary file + rename) after the letters are written, so a
failed run leaves no gap-causing entries. Format: 〔2026〕催字第0001号.
"""

from __future__ import annotations

import csv
import io
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..schema import labels

REGISTER_DIR, REGISTER_NAME = "文书", "函号登记.csv"
HEADER = ("函号", "年份", "序号", labels.CONTRACT_NO, labels.DATE, "文件")


def letter_number(year: int, seq: int) -> str:
    """〔2026〕催字第0001号."""
    return f"〔{year}〕催字第{seq:04d}号"


@dataclass(frozen=True, slots=True)
class IssuedLetter:
    """One line of the register.

    Attributes:
        number: 函号.
        year: 年份.
        seq: 序号 within the year.
        contract_no: 合同编号.
        day: 函件日期.
        file: the .docx written.
    """

    number: str
    year: int
    seq: int
    contract_no: str
    day: date
    file: str


def register_path(books_dir: Path) -> Path:
    """Where the register of a books folder lives."""
    return Path(books_dir) / REGISTER_DIR / REGISTER_NAME


def read_register(path: Path) -> list[list[str]]:
    """The register's data lines ([] when it does not exist yet)."""
    if not path.is_file():
        return []
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    return rows[1:] if rows and tuple(rows[0]) == HEADER else rows


class LetterCounter:
    """Hands out the next 函号 of each year; :meth:`save` appends what was issued to the register."""

    def __init__(self, books_dir: Path):
        self.path = register_path(books_dir)
        self.rows = read_register(self.path)
        self.last: dict[int, int] = {}
        for row in self.rows:
            if len(row) >= 3 and row[1].isdigit() and row[2].isdigit():
                year, seq = int(row[1]), int(row[2])
                self.last[year] = max(self.last.get(year, 0), seq)
        self.issued: list[IssuedLetter] = []

    def peek(self, day: date) -> str:
        """The number the next letter dated ``day`` would get."""
        return letter_number(day.year, self.last.get(day.year, 0) + 1)

    def take(self, day: date, contract_no: str, file: Path) -> IssuedLetter:
        """Issue the next number of ``day``'s year for ``contract_no``'s letter ``file``."""
        seq = self.last.get(day.year, 0) + 1
        self.last[day.year] = seq
        issued = IssuedLetter(letter_number(day.year, seq), day.year, seq, contract_no, day, Path(file).name)
        self.issued.append(issued)
        return issued

    def save(self) -> None:
        """Write the register with the letters issued in this run (atomically)."""
        if not self.issued:
            return
        lines: Iterable = [HEADER, *self.rows,
                           *((i.number, i.year, i.seq, i.contract_no, i.day.isoformat(), i.file) for i in self.issued)]
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(lines)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{secrets.token_hex(4)}.tmp")
        try:
            tmp.write_text(buffer.getvalue(), encoding="utf-8-sig")
            os.replace(tmp, self.path)
        finally:
            tmp.unlink(missing_ok=True)
        self.rows += [[str(v) for v in (i.number, i.year, i.seq, i.contract_no, i.day.isoformat(), i.file)]
                      for i in self.issued]
        self.issued = []


DEMANDS = ("催款函", "律师函")


def prior_demand(books_dir: Path, log_rows: Iterable[dict], contract_no: str, until: date,
                 *, since: date | None = None) -> dict | None:
    """The latest delivered demand (催收记录 催款函/律师函 whose 催收结果 contains 已送达) dated on or
    before ``until`` (and on or after ``since``), as ``{date, kind, ref}``: ``ref`` names its 函号 when
    the register holds a letter of the contract on that date; None when there is none."""
    found = [r for r in log_rows if r.get("action") in DEMANDS and "已送达" in str(r.get("result") or "")
             and isinstance(r.get("log_date"), date) and r["log_date"] <= until
             and (since is None or r["log_date"] >= since)]
    if not found:
        return None
    row = max(found, key=lambda r: r["log_date"])
    day = row["log_date"]
    numbers = [line[0] for line in read_register(register_path(books_dir))
               if len(line) >= 5 and line[3] == contract_no and line[4] == day.isoformat()]
    return {"date": f"{day.year}年{day.month}月{day.day}日", "kind": row["action"],
            "ref": f"（函号：{numbers[-1]}）" if numbers else "", "day": day}
