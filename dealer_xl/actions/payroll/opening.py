"""``payroll opening``: bring the tax client's 累计 figures into 工资表 / 工资期初 (the opening balances
a company going live mid-year continues cumulative withholding from).

Guarantees: the file is read tolerantly (:data:`dealer_xl.schema.incoming_payroll.tax_client_cumulative`:
the 扣缴端 export of 正常工资薪金所得, or a sheet laid out like 工资期初); only 正常工资薪金 rows count
(when the file has 所得项目); each row is matched to an employee by 工号, else 证件号码 (员工 身份证号),
else a name only one employee has; its 截至月份 is the row's 税款所属期止 (or 截至月份/年度 columns,
else ``month``); when an employee has rows for several periods the latest counts. A row is
refused — listed with the file's cell and the reason, never imported — when it matches nobody, has
no period, covers the go-live month or later, its figures do not give its 累计应纳税所得额, its
累计减除费用 is not the exemption × months employed, or it shows 累计减免税额 (dealer_xl withholds
without reliefs). Nothing is written unless ``write``; then each imported row replaces the
employee's row of that 年度 in 工资期初 or is appended (the sheet is added when the book lacks it),
once, through the safe writer (backup, atomic replace, lock check); a closed month is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ... import ledger
from ...checks.payroll_opening import go_live_date
from ...domain.payroll_opening import Opening, from_tax_client, opening_reasons
from ...io.append import append_rows, set_fields
from ...io.generated_xml import put_generated_sheet
from ...io.incoming import read_document
from ...io.table import Table
from ...io.writer import editing
from ...jsonout import fen
from ...ledger.period import refuse_if_closed
from ...problems import BookError, Code, Problem, Severity
from ...schema import sheet
from ...schema.incoming_payroll import tax_client_cumulative

OPENING = sheet("payroll", "opening")
WAGES = "正常工资薪金"


@dataclass
class OpeningImport:
    """What ``payroll opening`` found and did (a :class:`dealer_xl.actions.result.Result`).

    Attributes:
        source: the file read. rows: 工资期初 records to import (field → value), 工号 order.
        names: 工号 → 姓名. replaced: 工号 of rows that replace an existing row.
        problems: rows refused and other findings. written: True once written. path: 工资表.xlsx.
    """

    source: Path
    path: Path
    rows: list[dict[str, Any]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    replaced: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    written: bool = False

    def records(self) -> list[dict[str, Any]]:
        """One object per employee imported (or to be imported)."""
        return [{"employee_id": r["emp_id"], "name": self.names.get(r["emp_id"], ""), "year": r["year"],
                 "through": r["through"], "cumulative_income_fen": fen(r["cum_income"]),
                 "cumulative_tax_fen": fen(r["cum_withheld"]), "replaces": r["emp_id"] in self.replaced}
                for r in self.rows]

    def summary(self) -> list[str]:
        """Chinese lines: per employee, then what was refused, then what was written."""
        out = [f"{self.source.name}：{len(self.rows)} 人的累计数可导入「{OPENING.name}」"]
        for r in self.rows:
            action = "替换原有行" if r["emp_id"] in self.replaced else "新增"
            out.append(f"  {r['emp_id']} {self.names.get(r['emp_id'], '')}：{r['year']} 年截至 {r['through']}，"
                       f"累计收入 {r['cum_income']:,.2f}，累计已预扣税额 {r['cum_withheld']:,.2f}（{action}）")
        out += [f"  [{p.severity}] {p.where()}：{p.message}" for p in self.problems]
        if self.written:
            out.append(f"已写入 {self.path.name} 的「{OPENING.name}」（{len(self.rows)} 行）")
        elif self.rows:
            out.append("预览：未写入（加 --write 写入）")
        return out


def import_opening(folder: Path | str, source: Path | str, *, month: str | None = None, write: bool = False,
                   led: ledger.Ledger | None = None) -> OpeningImport:
    """Read the tax client's 累计 export at ``source`` and (with ``write``) put it into 工资期初."""
    led = led or ledger.load(Path(folder))
    source = Path(source)
    table = read_document(source, tax_client_cumulative)
    result = OpeningImport(source, led.path("payroll"), problems=list(table.problems))
    latest: dict[str, tuple[dict[str, Any], int]] = {}
    for i, line in enumerate(table.rows):
        if line.get("item") and WAGES not in line["item"]:
            continue
        found = _opening_row(led, table, i, line, month, result.problems)
        if found is not None:
            emp = found["emp_id"]
            if emp not in latest or found["through"] > latest[emp][0]["through"]:
                latest[emp] = (found, i)
    existing = _existing(led)
    for emp in sorted(latest):
        row, _ = latest[emp]
        result.rows.append(row)
        result.names[emp] = (led.employee(emp) or {}).get("name") or ""
        if (emp, row["year"]) in existing:
            result.replaced.add(emp)
    if write and result.rows:
        refuse_if_closed(led.params, [r["through"] for r in result.rows], f"写入「{OPENING.name}」")
        _write(led, result, existing)
        result.written = True
    return result


def _opening_row(led: ledger.Ledger, table: Table, i: int, line: dict[str, Any], month: str | None,
                 problems: list[Problem]) -> dict[str, Any] | None:
    """The 工资期初 record of file row ``i``, or None (and a problem) when it cannot be imported."""
    def refuse(field_name: str, message: str) -> None:
        problems.append(table.problem(i, field_name, Severity.ERROR, Code.OPENING_INCONSISTENT, message))

    person = _employee(led, line)
    who = line.get("name") or line.get("emp_id") or line.get("id_number") or f"第 {table.row_numbers[i]} 行"
    if person is None:
        refuse("name", f"{who}：在「员工」中找不到（按工号、证件号码、姓名），未导入")
        return None
    through = _through(line, month)
    if through is None:
        refuse("period_end", f"{who}：没有税款所属期（也没有截至月份），请加 --month YYYY-MM 指明截至哪个月")
        return None
    live = go_live_date(led.params)
    if live is not None and through >= f"{live:%Y-%m}":
        refuse("period_end", f"{who}：所属期 {through} 不早于上线月份 {live:%Y-%m}，期初只应截至上线前一个月")
        return None
    if line.get("cum_relief"):
        refuse("cum_relief", f"{who}：有累计减免税额 {line['cum_relief']:,.2f}，dealer_xl 不计算减免税额，请在扣缴端处理")
        return None
    amounts, why = from_tax_client(line)
    if why:
        refuse("cum_taxable" if amounts else "cum_due", f"{who}：{why}")
        return None
    row = {"emp_id": person["emp_id"], "year": int(through[:4]), "through": through, **amounts}
    reasons = opening_reasons(Opening.from_row(row), person.get("hire_date"), led.decimal("iit_monthly_exemption"))
    if reasons:
        refuse("cum_exemption", f"{who}：{'；'.join(r for _, r in reasons)}")
        return None
    return row


def _employee(led: ledger.Ledger, line: dict[str, Any]) -> dict[str, Any] | None:
    """The 员工 row of a file row: by 工号, else 证件号码, else a name only one employee has."""
    if line.get("emp_id") and led.first("master", "employees", "emp_id", line["emp_id"]):
        return led.first("master", "employees", "emp_id", line["emp_id"])
    if line.get("id_number") and led.first("master", "employees", "id_number", line["id_number"]):
        return led.first("master", "employees", "id_number", line["id_number"])
    same = led.all("master", "employees", "name", line.get("name")) if line.get("name") else []
    return same[0] if len(same) == 1 else None


def _through(line: dict[str, Any], month: str | None) -> str | None:
    """The last month the row covers: 税款所属期止/起, else 截至月份, else ``month``."""
    day = line.get("period_end") or line.get("period_start")
    if day is not None:
        return f"{day:%Y-%m}"
    return line.get("through") or month


def _existing(led: ledger.Ledger) -> dict[tuple[str, int], int]:
    """(工号, 年度) → row index of 工资期初 as it is."""
    out = {}
    for i, row in enumerate(led.rows("payroll", "opening")):
        person = led.employee(row.get("emp_id")) if row.get("emp_id") else None
        if person and row.get("year"):
            out.setdefault((person["emp_id"], row["year"]), i)
    return out


def _write(led: ledger.Ledger, result: OpeningImport, existing: dict[tuple[str, int], int]) -> None:
    table = led.table("payroll", "opening")
    with editing(result.path) as workbook:
        if table is None:  # a 工资表 from before the sheet existed: add it, a user's sheet from now on
            put_generated_sheet(workbook, OPENING.name, [c.header for c in OPENING.columns],
                                [[row[c.field] for c in OPENING.columns] for row in result.rows],
                                as_table=False, marker=False)
            return
        missing = [OPENING.column(f).header for f in OPENING.fields if f not in table.columns]
        if missing:
            raise BookError(f"{result.path.name} 的「{table.sheet_name}」缺少 {'、'.join(missing)} 列，未写入；请先加上这些列")
        ws = workbook[table.sheet_name]
        new = []
        for row in result.rows:
            values = {f: row[f] for f in OPENING.fields}
            i = existing.get((row["emp_id"], row["year"]))
            if i is None:
                new.append(values)
            else:
                set_fields(ws, table, i, values)
        if new:
            append_rows(ws, table, new)


__all__ = ["OpeningImport", "import_opening"]
