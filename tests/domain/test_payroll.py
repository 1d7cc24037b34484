"""Payroll pay lines (DOMAIN §5) with figures worked by hand in the comments."""

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

from dealer_xl.domain.payroll import (
    PAID_DAYS,
    SEPARATE,
    TOGETHER,
    PayInput,
    PayLine,
    PayRules,
    YearToDate,
    advance,
    base_paid,
    check_line,
    compute_pay,
    contribution,
    line_from_row,
    year_to_date,
)
from dealer_xl.domain.payroll_opening import months_covered
from dealer_xl.domain.payroll_tax import cumulative_tax, withholding, year_end_bonus_tax

RULES = PayRules(D("0.08"), D("0.02"), D("0.005"), D(7460), D(37302), D(2690), D(37302), D(5000),
                 D("1.5"), D("21.75"), SEPARATE)


def pay(month="2026-01", base=D(10000), si=D(10000), hf=D(10000), hf_rate=D("0.07"), special=D(0), **kw):
    return PayInput(month, "YG0001", "张三", "财务部", base, D(0), si, hf, hf_rate, special, **kw)


def stored(line):
    """The 工资结果 row of a line (its 19 fields; nothing else is stored)."""
    return {f: getattr(line, f) for f in PayLine.__slots__[:19]}


def run_year(inp_for, months, rules=RULES):
    """Run months 1..n in order, feeding each month's rows into the next (as 工资结果 does)."""
    rows, lines = [], []
    for k in range(1, months + 1):
        line = compute_pay(inp_for(k), year_to_date(rows), rules)
        rows.append(stored(line))
        lines.append(line)
    return lines


def test_tax_bureau_example_30000_a_month():
    # 税务总局的示例：月薪 30,000，三险一金 4,500，专项附加扣除 2,000。
    # si_base 30,000: 养老 2,400 + 医疗 600 + 失业 150 = 3,150; 公积金 30,000 × 4.5% = 1,350 → 4,500.
    # Month k: 累计应纳税所得额 = 30,000k − 5,000k − 4,500k − 2,000k = 18,500k.
    # 1: 18,500 × 3% = 555
    # 2: 37,000 × 10% − 2,520 = 1,180; − 555 = 625
    # 3: 55,500 × 10% − 2,520 = 3,030; − 1,180 = 1,850
    # 4–7: each +18,500 × 10% = 1,850
    # 8: 148,000 × 20% − 16,920 = 12,680; 7: 129,500 × 10% − 2,520 = 10,430 → 2,250 (crosses 144,000)
    # 9–12: 18,500 × 20% = 3,700; year: 222,000 × 20% − 16,920 = 27,480
    lines = run_year(lambda k: pay(f"2026-{k:02d}", D(30000), D(30000), D(30000), D("0.045"), D(2000)), 12)
    assert lines[0].insurance == D(4500)
    assert [x.iit for x in lines] == [D(555), D(625), D(1850), D(1850), D(1850), D(1850), D(1850), D(2250),
                                      D(3700), D(3700), D(3700), D(3700)]
    assert lines[2].cum_taxable == D(55500) and lines[2].cum_income == D(90000)
    assert sum(x.iit for x in lines) == D(27480)
    assert lines[0].net == D(30000) - D(4500) - D(555)  # 24,945


def test_bracket_table_boundaries_are_inclusive():
    assert cumulative_tax(D(36000)) == D(1080)            # 36,000 × 3%
    assert cumulative_tax(D("36000.01")) == D("1080.00")  # 3,600.001 − 2,520 = 1,080.001 → 1,080.00
    assert cumulative_tax(D(144000)) == D(11880)           # 14,400 − 2,520
    assert cumulative_tax(D(300000)) == D(43080)           # 60,000 − 16,920
    assert cumulative_tax(D(1000000)) == D(268080)         # 450,000 − 181,920
    assert cumulative_tax(D(-500)) == D(0)


def test_withholding_never_negative():
    # cumulative tax 900 (30,000 × 3%) but 1,000 already withheld → 0 this month, no refund
    assert withholding(D(30000), D(1000)) == D(0)
    assert withholding(D(30000), D(600)) == D(300)


def test_mid_year_hire_counts_months_from_hire_month():
    # hired 2026-07-15: July is month 1, August month 2 of 5,000 exemption
    assert months_covered("2026-07", date(2026, 7, 15)) == 1
    assert months_covered("2026-08", date(2026, 7, 15)) == 2
    assert months_covered("2026-08", date(2019, 3, 1)) == 8   # earlier years: from January
    # 10,000 salary; 三险一金 = 800 + 200 + 50 + 700 (7% fund) = 1,750; special 1,000
    # July: 10,000 − 5,000 − 1,750 − 1,000 = 2,250 × 3% = 67.50
    # Aug: 4,500 × 3% = 135 − 67.50 = 67.50
    lines = run_year(lambda k: pay(f"2026-{k + 6:02d}", special=D(1000)), 2)
    assert [x.cum_taxable for x in lines] == [D(2250), D(4500)]
    assert [x.iit for x in lines] == [D("67.50"), D("67.50")]
    assert lines[0].net == D("8182.50")  # 10,000 − 1,750 − 67.50


def test_low_month_after_high_withholds_nothing():
    # Jan 20,000 with 三险一金 1,750 on a 10,000 base: 20,000 − 5,000 − 1,750 = 13,250 → 397.50
    # Feb pay 0 after unpaid leave of all days: cum 20,000 − 10,000 − 3,500 = 6,500 → 195 < 397.50 → 0
    jan = compute_pay(pay(base=D(20000)), YearToDate(), RULES)
    assert jan.iit == D("397.50")
    feb = compute_pay(pay("2026-02", base=D(0)), year_to_date([stored(jan)]), RULES)
    assert feb.cum_taxable == D(6500) and feb.iit == D(0)


def test_social_insurance_base_clamped_to_floor_and_ceiling():
    # below the floor: 5,000 → 7,460: 596.80 / 149.20 / 37.30
    assert [contribution(D(5000), k, RULES) for k in ("pension", "medical", "unemployment")] == \
        [D("596.80"), D("149.20"), D("37.30")]
    # above the ceiling: 50,000 → 37,302: 2,984.16 / 746.04 / 186.51
    assert [contribution(D(50000), k, RULES) for k in ("pension", "medical", "unemployment")] == \
        [D("2984.16"), D("746.04"), D("186.51")]
    # housing fund: 50,000 → 37,302 × 12% = 4,476.24; 2,000 → 2,690 × 5% = 134.50
    assert contribution(D(50000), "housing_fund", RULES, D("0.12")) == D("4476.24")
    assert contribution(D(2000), "housing_fund", RULES, D("0.05")) == D("134.50")


def test_absence_and_overtime():
    # base 4,350, 21 required days, 2 unpaid: 4,350 ÷ 21 × 2 = 414.2857 → 414.29
    # overtime 10 h: 10 × 4,350 ÷ 21.75 ÷ 8 × 1.5 = 10 × 25 × 1.5 = 375
    line = compute_pay(pay(base=D(4350), si=D(7460), hf=None, hf_rate=None, required_days=D(21),
                           unpaid_days=D(2), overtime_hours=D(10)), YearToDate(), RULES)
    assert line.absence_deduction == D("414.29") and line.overtime_pay == D("375.00")
    assert line.gross == D("4310.71")  # 4,350 + 375 − 414.29
    assert line.housing_fund == D(0)


def test_year_end_bonus_separately_and_together():
    # January, salary 10,000, 三险一金 1,750, 年终奖 36,000.
    # 单独计税: 36,000 ÷ 12 = 3,000 → 3% → 1,080; salary: 10,000 − 5,000 − 1,750 = 3,250 × 3% = 97.50
    sep = compute_pay(pay(year_end_bonus=D(36000)), YearToDate(), RULES)
    assert (sep.bonus_tax, sep.iit, sep.cum_income, sep.bonus_method) == \
        (D(1080), D("1177.50"), D(10000), SEPARATE)
    assert sep.gross == D(46000) and sep.bonus == D(36000)
    # 合并计税: 46,000 − 5,000 − 1,750 = 39,250 × 10% − 2,520 = 1,405
    rules = replace(RULES, bonus_method=TOGETHER)
    tog = compute_pay(pay(year_end_bonus=D(36000)), YearToDate(), rules)
    assert (tog.bonus_tax, tog.iit, tog.cum_income, tog.bonus_method) == (D(0), D(1405), D(46000), TOGETHER)


def test_year_end_bonus_cliff_above_3000_a_month():
    # 36,001 ÷ 12 = 3,000.08 → 10% bracket: 3,600.10 − 210 = 3,390.10
    assert year_end_bonus_tax(D(36001)) == D("3390.10")
    # 144,000 ÷ 12 = 12,000 → 10%: 14,400 − 210 = 14,190
    assert year_end_bonus_tax(D(144000)) == D(14190)


def test_separate_bonus_tax_is_not_counted_as_withheld_next_month():
    # Jan as above (97.50 on pay + 1,080 on the bonus); Feb salary alone:
    # cum 20,000 − 10,000 − 3,500 = 6,500 × 3% = 195 − 97.50 = 97.50
    lines = run_year(lambda k: pay(f"2026-{k:02d}", year_end_bonus=D(36000) if k == 1 else D(0)), 2)
    assert lines[1].iit == D("97.50")


def test_check_line_net_plus_deductions_equals_gross_plus_non_taxable():
    a = compute_pay(pay(non_taxable=D(300), bonus=D(-100)), YearToDate(), RULES)
    b = compute_pay(pay(base=D(30000), si=D(30000), year_end_bonus=D(50000)), YearToDate(), RULES)
    net, deductions, gross, non_taxable = check_line([a, b])
    assert net + deductions == gross + non_taxable
    # a: gross 9,900; 三险一金 1,750; cum 9,900 − 5,000 − 1,750 = 3,150 × 3% = 94.50; net 9,900 − 1,844.50 + 300
    assert a.net == D("8355.50")


def test_stored_row_gives_back_what_it_does_not_hold():
    # January with a separately taxed 36,000 bonus and 300 non-taxable: from the 19 stored fields,
    # bonus = gross 46,000 − 累计收入 10,000 = 36,000, tax 1,080; non-taxable = net − gross + 三险一金 + iit
    line = compute_pay(pay(year_end_bonus=D(36000), non_taxable=D(300)), YearToDate(), RULES)
    back = line_from_row(stored(line), D(0))
    assert (back.year_end_bonus, back.bonus_tax, back.bonus_method, back.non_taxable) == \
        (D(36000), D(1080), SEPARATE, D(300))
    assert back == line


def test_a_part_month_pays_the_base_by_days_and_deducts_no_absence_twice():
    # hired 2026-02-15, 19 working days required, 10 worked (the case): 20,000 × 10 ÷ 19
    # = 10,526.3158 → 10,526.32, not the full 20,000; 2 unpaid days are already outside the 10
    part = pay(base=D(20000), si=D(20000), required_days=D(19), worked_days=D(10), unpaid_days=D(2), partial=True)
    line = compute_pay(part, YearToDate(), RULES)
    assert (line.base, line.absence_deduction, line.gross) == (D("10526.32"), D(0), D("10526.32"))
    # paid leave counts as paid days: 10 + 2 → 20,000 × 12 ÷ 19 = 12,631.5789 → 12,631.58
    assert base_paid(replace(part, paid_leave_days=D(2)), RULES) == D("12631.58")
    # 21.75: 20,000 ÷ 21.75 × 10 = 9,195.40; never above the full month (23 days → 20,000)
    by_days = replace(RULES, proration=PAID_DAYS)
    assert base_paid(part, by_days) == D("9195.40")
    assert base_paid(replace(part, worked_days=D(23)), by_days) == D(20000)
    # overtime is paid on the full monthly base: 4 h × 20,000 ÷ 21.75 ÷ 8 × 1.5 = 689.66
    assert compute_pay(replace(part, overtime_hours=D(4)), YearToDate(), RULES).overtime_pay == D("689.66")
    assert base_paid(replace(part, partial=False), RULES) == D(20000)


def test_the_year_continues_from_an_opening_year_to_date():
    # 工资期初 through June: income 60,000, deductions 30,000 + 10,500 + 6,000 = 46,500, withheld 405.
    # July 10,000 with 1,750 三险一金 and 1,000 special: 70,000 − 54,250 = 15,750 × 3% = 472.50 − 405 = 67.50
    opening = YearToDate(D(60000), D(46500), D(405))
    line = compute_pay(pay("2026-07", special=D(1000)), opening, RULES)
    assert (line.cum_income, line.cum_taxable, line.iit) == (D(70000), D(15750), D("67.50"))
    # the stored July row continues the same year: August 80,000 − 62,000 = 18,000 × 3% = 540 − 472.50
    august = compute_pay(pay("2026-08", special=D(1000)), year_to_date([stored(line)], opening), RULES)
    assert august.iit == D("67.50")
    assert advance(opening, line) == YearToDate(D(70000), D(54250), D("472.50"))
