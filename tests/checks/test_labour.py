"""劳动合同 rules on inline books: dates, probation (第十九条), open-ended contracts (第十四条), and an
employee on the payroll without a contract. Today is 2026-06-30.

Employees: E01 hired 2019-07-01, E02 hired 2015-04-01, E03 hired 2026-06-10 (still within the month for a
written contract), E04 hired 2020-01-01 and left 2025-12-31. Columns of 劳动合同: A 工号 C 类型 D 开始日期
E 结束日期 F 试用期结束 G 签订次数 H 状态; 员工: A 工号.
"""

from __future__ import annotations

from datetime import date

from dealer_xl.checks.labour import check_labour
from dealer_xl.problems import Code, Severity

from .builders import context, found, table

ERROR, WARNING = Severity.ERROR, Severity.WARNING
STAFF = table("master", "employees",
              {"emp_id": "E01", "name": "王强", "hire_date": date(2019, 7, 1)},
              {"emp_id": "E02", "name": "李敏", "hire_date": date(2015, 4, 1)},
              {"emp_id": "E03", "name": "周新", "hire_date": date(2026, 6, 10)},
              {"emp_id": "E04", "name": "赵刚", "hire_date": date(2020, 1, 1), "leave_date": date(2025, 12, 31)})


def contract(emp_id, kind, start, end=None, probation=None, n=None, status="履行中", no=None):
    return {"emp_id": emp_id, "contract_no": no, "kind": kind, "start": start, "end": end, "probation_end": probation,
            "signing_no": n, "status": status}


def covered():
    """A chain that keeps E01 and E02 covered today (E01: 2 fixed terms then open-ended; E02: open-ended)."""
    return [contract("E01", "固定期限", date(2019, 7, 1), date(2022, 6, 30), date(2019, 9, 30), 1, "已续签"),
            contract("E01", "固定期限", date(2022, 7, 1), date(2025, 6, 30), None, 2, "已续签"),
            contract("E01", "无固定期限", date(2025, 7, 1), None, None, 3),
            contract("E02", "无固定期限", date(2015, 4, 1), None, date(2015, 9, 30), 1)]


def check(*rows):
    return check_labour(context(STAFF, table("admin", "labour_contracts", *rows)))


def test_a_lawful_chain_passes():
    assert check(*covered()) == []


def test_an_end_before_the_start_and_a_probation_outside_the_term_are_errors():
    rows = covered()
    rows[0] = {**rows[0], "end": date(2019, 6, 30)}
    rows[3] = {**rows[3], "probation_end": date(2015, 3, 1)}
    assert found(check(*rows)) == [(Code.DATES_OUT_OF_ORDER, "E2", ERROR), (Code.DATES_OUT_OF_ORDER, "F5", ERROR)]


def test_a_fixed_term_contract_needs_its_end():
    rows = covered()
    rows[1] = {**rows[1], "end": None}
    assert found(check(*rows)) == [(Code.REQUIRED, "E3", ERROR)]


def test_a_probation_longer_than_the_term_allows_names_the_lawful_limit():
    rows = covered()
    rows[0] = {**rows[0], "end": date(2020, 6, 30), "probation_end": date(2019, 9, 30)}  # one year: 2 months
    rows[1] = {**rows[1], "start": date(2020, 7, 1)}
    problems = check(*rows)
    assert found(problems) == [(Code.PROBATION_TOO_LONG, "F2", ERROR)]
    assert "最长 2 个月（至 2019-08-31）" in problems[0].message


def test_a_second_probation_is_an_error_even_when_the_first_contract_is_not_on_file():
    rows = covered()
    rows[1] = {**rows[1], "probation_end": date(2022, 8, 31)}
    assert found(check(*rows)) == [(Code.PROBATION_REPEATED, "F3", ERROR)]
    alone = contract("E01", "无固定期限", date(2025, 7, 1), None, date(2025, 8, 31), 3)   # 签订次数 3: earlier ones exist
    assert found(check(alone, covered()[3])) == [(Code.PROBATION_REPEATED, "F2", ERROR)]


def test_a_third_fixed_term_contract_warns_that_it_should_be_open_ended():
    rows = covered()
    rows[2] = {**rows[2], "kind": "固定期限", "end": date(2028, 6, 30)}
    problems = check(*rows)
    assert found(problems) == [(Code.OPEN_ENDED_DUE, "C4", WARNING)] and "连续订立 2 次" in problems[0].message
    # the same from 签订次数 when the earlier contracts are not in the register
    assert found(check(rows[2], covered()[3])) == [(Code.OPEN_ENDED_DUE, "C2", WARNING)]


def test_a_fixed_term_contract_after_ten_years_of_service_warns_too():
    rows = covered()
    rows[3] = contract("E02", "固定期限", date(2025, 4, 1), date(2028, 3, 31), None, 1)   # hired 2015-04-01
    problems = check(*rows)
    assert found(problems) == [(Code.OPEN_ENDED_DUE, "C5", WARNING)] and "满十年" in problems[0].message


def test_an_employee_on_the_payroll_without_a_contract_in_force_is_flagged_at_their_row():
    rows = covered()[:3]                        # E02 has none; E03 is in the month's grace; E04 has left
    problems = check(*rows)
    assert [(p.book, p.sheet, p.cell, p.code, p.severity) for p in problems] == \
        [("主数据.xlsx", "员工", "A3", Code.NO_LABOUR_CONTRACT, WARNING)]
    expired = [*covered()[:3], contract("E02", "固定期限", date(2023, 4, 1), date(2026, 3, 31), None, 1)]
    assert "已于 2026-03-31 到期" in check(*expired)[0].message
    ended = [*covered()[:3], contract("E02", "无固定期限", date(2015, 4, 1), None, None, 1, "已解除")]
    assert "状态：已解除" in check(*ended)[0].message


def test_a_register_not_in_use_yet_does_not_flag_every_employee():
    assert check() == []
