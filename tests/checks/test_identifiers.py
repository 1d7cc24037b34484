"""Identifier rules: resident IDs, credit codes, VINs, serial patterns and mobile phones.

Hand-worked identifiers (DOMAIN §1 weights):
- 11010519491231002X, GB 11643's example: weighted sum 167, 167 mod 11 = 2 → X.
- 110105194902300020: weighted sum of 11010519490230002 = 155, 155 mod 11 = 1 → "0"; the checksum is
  right but 1949-02-30 is not a date.
- 11010520300101001X: weighted sum 79, 79 mod 11 = 2 → X; born 2030-01-01, after TODAY.
- 91350100M000100Y43, GB 32100's example; as a credit code 11010519491231002X fails (its 17 first
  symbols give 826, 826 mod 31 = 20, 31 − 20 = 11 → "B", not "X").
- 1M8GDM9AXKP042788: VIN weighted sum 351, 351 mod 11 = 10 → X in position 9.
Columns: 客户 D 证件号码, E 联系电话; 员工 I 身份证号; 二级经销商 C 统一社会信用代码, F 联系电话; 整机库存 A 整机编号.
"""

from __future__ import annotations

from dealer_xl.checks.identifiers import check_identifiers
from dealer_xl.problems import Code, Severity

from .builders import TODAY, context, found, table

ERROR, WARNING = Severity.ERROR, Severity.WARNING
PERSON_ID = "11010519491231002X"
COMPANY_ID = "91350100M000100Y43"


def customer(kind, id_number, phone=None):
    return table("master", "customers", {"customer_id": "C001", "name": "张三", "kind": kind,
                                         "id_number": id_number, "phone": phone})


def check_customer(kind, id_number, phone=None):
    return check_identifiers(context(customer(kind, id_number, phone)))


def test_person_with_a_valid_resident_id_is_fine():
    assert check_customer("个人", PERSON_ID) == []


def test_company_with_a_valid_credit_code_is_fine():
    assert check_customer("企业", COMPANY_ID) == []


def test_resident_id_with_a_wrong_check_character_is_an_error():
    problems = check_customer("个人", "110105194912310021")
    assert found(problems) == [(Code.BAD_ID_NUMBER, "D2", ERROR)]
    assert problems[0].message == "身份证号校验位错误（末位应为 X）"
    assert problems[0].value == "110105194912310021"


def test_resident_id_with_an_impossible_birth_date_is_an_error():
    problems = check_customer("个人", "110105194902300020")
    assert found(problems) == [(Code.BAD_ID_NUMBER, "D2", ERROR)]
    assert "19490230" in problems[0].message


def test_resident_id_born_after_today_is_an_error():
    problems = check_customer("个人", "11010520300101001X")
    assert found(problems) == [(Code.BAD_ID_NUMBER, "D2", ERROR)]
    assert "2030-01-01" in problems[0].message


def test_person_with_a_credit_code_is_a_kind_mismatch():
    problems = check_customer("个人", COMPANY_ID)
    assert found(problems) == [(Code.ID_KIND_MISMATCH, "D2", ERROR)]


def test_company_with_a_resident_id_is_a_kind_mismatch():
    assert found(check_customer("企业", PERSON_ID)) == [(Code.ID_KIND_MISMATCH, "D2", ERROR)]


def test_company_with_a_wrong_credit_code_check_character_is_an_error():
    problems = check_customer("企业", "91350100M000100Y44")
    assert found(problems) == [(Code.BAD_USCC, "D2", ERROR)]
    assert problems[0].message == "统一社会信用代码校验位错误（末位应为 3）"


def test_customer_without_a_kind_needs_either_kind_of_valid_number():
    assert check_customer(None, PERSON_ID) == []
    assert check_customer(None, COMPANY_ID) == []
    assert found(check_customer(None, "110105194912310021")) == [(Code.BAD_ID_NUMBER, "D2", ERROR)]


def test_empty_id_number_is_left_to_the_required_rule():
    assert check_customer("个人", None) == []


def test_employee_with_a_bad_resident_id_is_an_error():
    def employee(id_number):
        return table("master", "employees", {"emp_id": "E001", "name": "王五", "dept": "财务部",
                                             "id_number": id_number})
    assert found(check_identifiers(context(employee("110105194912310021")))) == [(Code.BAD_ID_NUMBER, "I2", ERROR)]
    assert check_identifiers(context(employee(PERSON_ID))) == []


def test_sub_dealer_with_a_bad_credit_code_is_an_error():
    def dealer(uscc):
        return table("master", "sub_dealers", {"dealer_id": "D01", "name": "某某农机", "uscc": uscc})
    assert found(check_identifiers(context(dealer("91350100M000100Y44")))) == [(Code.BAD_USCC, "C2", ERROR)]
    assert check_identifiers(context(dealer(COMPANY_ID))) == []


def stock(serial, model_code="SY215"):
    return table("sales", "stock", {"serial_no": serial, "model_code": model_code})


def test_vin_with_a_wrong_check_digit_is_an_error():
    problems = check_identifiers(context(stock("1M8GDM9A1KP042788")))
    assert found(problems) == [(Code.BAD_VIN, "A2", ERROR)]
    assert problems[0].message == "车辆识别代号（VIN）第9位校验位错误（应为 X）"
    assert check_identifiers(context(stock("1M8GDM9AXKP042788"))) == []


def test_seventeen_digit_manufacturer_serial_is_not_read_as_a_vin():
    # 17 digits, no letter: a machinery serial, whose 9th digit is no check digit
    assert check_identifiers(context(stock("20260310000000017"))) == []


def test_serial_off_its_manufacturers_pattern_is_a_warning():
    models = table("master", "models", {"model_code": "SY215", "manufacturer": "三一"},
                   {"model_code": "LG855", "manufacturer": "柳工"})
    pattern = r"三一=SY\d{7};徐工=XG\d+"
    problems = check_identifiers(context(models, stock("SY215001"), vin_pattern=pattern))
    assert found(problems) == [(Code.BAD_VIN, "A2", WARNING)]
    assert "三一" in problems[0].message
    assert check_identifiers(context(models, stock("SY2150001"), vin_pattern=pattern)) == []
    assert check_identifiers(context(models, stock("SY215001", "LG855"), vin_pattern=pattern)) == []
    assert check_identifiers(context(models, stock("SY215001"))) == []  # no pattern set


def test_broken_serial_pattern_is_ignored():
    models = table("master", "models", {"model_code": "SY215", "manufacturer": "三一"})
    assert check_identifiers(context(models, stock("SY215001"), vin_pattern="三一=SY(\\d")) == []


def test_phone_that_is_not_a_mobile_number_is_a_warning():
    assert found(check_customer("个人", PERSON_ID, "1381234567")) == [(Code.BAD_PHONE, "E2", WARNING)]
    assert found(check_customer("个人", PERSON_ID, "12812345678")) == [(Code.BAD_PHONE, "E2", WARNING)]
    assert check_customer("个人", PERSON_ID, "13812345678") == []
    assert check_customer("个人", PERSON_ID, "+8613812345678") == []


def test_sub_dealer_phone_is_checked_too():
    def dealer(phone):
        return table("master", "sub_dealers", {"dealer_id": "D01", "name": "某某农机", "phone": phone})
    assert found(check_identifiers(context(dealer("0551-1234567")))) == [(Code.BAD_PHONE, "F2", WARNING)]
    assert check_identifiers(context(dealer("15912345678"))) == []


def plain_rule(kind, number) -> list[tuple]:
    """The customer rule written out, both numbers asked always: (code, message) expected."""
    from dealer_xl.domain import identifiers as ids

    person, company = ids.resident_id_problem(number, TODAY), ids.uscc_problem(number)
    if kind == "个人" and person:
        return [(Code.ID_KIND_MISMATCH if company is None else Code.BAD_ID_NUMBER)]
    if kind == "企业" and company:
        return [(Code.ID_KIND_MISMATCH if person is None else Code.BAD_USCC)]
    if kind is None and person and company:
        return [Code.BAD_ID_NUMBER]
    return []


def test_each_kind_and_number_gives_what_asking_both_rules_gives():
    """The check asks a number's second rule only when its answer is looked at (a speed-up): every
    kind against a resident ID, a credit code, a bad one of each, a number born after today and junk."""
    numbers = (PERSON_ID, COMPANY_ID, "11010519491231002Y", "91350100M000100Y44", "11010520300101001X",
               "12345", "９１３５０１００Ｍ０００１００Ｙ４３")
    for kind in ("个人", "企业", None, "其他"):
        for number in numbers:
            assert [p.code for p in check_customer(kind, number)] == plain_rule(kind, number), (kind, number)
