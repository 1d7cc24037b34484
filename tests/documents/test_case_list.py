"""Legal cases for the collector's pack: whose cases, and which hearings to remind of."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from dealer_xl.documents.case_list import case_entries, for_person, reminder_html, reminders

AS_OF = date(2026, 10, 31)


def file(no, collector, branch="城关分公司"):
    return SimpleNamespace(contract_no=no, contract={"collector": collector}, branch=branch, customer_name=f"客户{no}",
                           collector=collector)


CASES = [dict(case_no="A1", contract_no="C1", stage="开庭", next_hearing=date(2026, 11, 14), court="中原区人民法院"),
         dict(case_no="A2", contract_no="C2", stage="开庭", next_hearing=date(2026, 11, 15)),
         dict(case_no="A3", contract_no="C1", stage="终结", next_hearing=date(2026, 11, 1)),
         dict(case_no="A4", contract_no="C2", stage="立案", next_hearing=None, filing_date=date(2026, 10, 1))]


def test_cases_of_a_collector_and_hearings_within_fourteen_days():
    entries = case_entries([file("C1", "李四"), file("C2", "王五", "东区分公司")], CASES)
    assert [r["case_no"] for r, _ in entries] == ["A1", "A2", "A4"]          # 终结 left out; by hearing
    mine = for_person(entries, "李四", None, aliases={"李四"})
    assert [r["case_no"] for r, _ in mine] == ["A1"]
    assert [r["case_no"] for r, _ in for_person(entries, None, "东区分公司")] == ["A2", "A4"]
    assert [r["case_no"] for r, _ in reminders(entries, AS_OF)] == ["A1"]    # 14 Nov ≤ 31 Oct + 14; 15 Nov is not
    assert "2026-11-14 开庭：A1（合同 C1，客户C1，中原区人民法院" in reminder_html(entries, AS_OF)
    assert reminder_html(entries, date(2026, 12, 1)) == ""
