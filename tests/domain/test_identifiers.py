"""Identifier checks against hand-worked and published examples (DOMAIN §1)."""

from datetime import date

from dealer_xl.domain import identifiers as ids


def test_resident_id_check_char_hand_worked():
    # 11010519491231002X is the example of GB 11643-1999:
    # weighted sum of 11010519491231002 = 167, 167 mod 11 = 2 → "10X98765432"[2] = X
    assert ids.resident_id_check_char("11010519491231002") == "X"
    assert ids.is_valid_resident_id("11010519491231002X")
    assert ids.is_valid_resident_id("11010519491231002x")  # lower-case x normalised
    assert ids.is_valid_resident_id("１１０１０５１９４９１２３１００２Ｘ")  # full-width
    assert not ids.is_valid_resident_id("110105194912310021")


def test_resident_id_birth_date_must_be_real_and_past():
    first17 = "11010520230230123"  # 2023-02-30 does not exist
    bad_date = first17 + ids.resident_id_check_char(first17)
    assert "不是有效日期" in ids.resident_id_problem(bad_date)
    future17 = "11010520300101123"
    future = future17 + ids.resident_id_check_char(future17)
    assert ids.resident_id_problem(future, today=date(2026, 11, 26)) is not None


def test_uscc_published_example():
    # 91350100M000100Y43 is the code printed in GB 32100-2015's annex:
    # sum of values×weights of the first 17 = 9·1+1·3+3·9+5·27+0·19+1·26+0·16+0·17+21·20+0·29+0·25+0·13+1·8
    #   +0·24+0·10+30·30+4·28 = 1640; 1640 mod 31 = 28; 31 − 28 = 3 → "3"
    assert ids.uscc_check_char("91350100M000100Y4") == "3"
    assert ids.is_valid_uscc("91350100M000100Y43")
    assert not ids.is_valid_uscc("91350100M000100Y44")
    assert not ids.is_valid_uscc("91350100M000100Y4")  # 17 chars


def test_vin_check_digit_hand_worked():
    # 1M8GDM9AXKP042788 is the textbook example: weighted sum 351, 351 mod 11 = 10 → X
    assert ids.vin_check_char("1M8GDM9AXKP042788") == "X"
    assert ids.is_valid_vin("1M8GDM9AXKP042788")
    assert not ids.is_valid_vin("1M8GDM9A1KP042788")
    assert not ids.is_valid_vin("1M8GDM9AXKP04278O")  # letter O not allowed


def test_mobile():
    assert ids.is_valid_mobile("13812345678")
    assert ids.is_valid_mobile("+86 138 1234 5678")
    assert not ids.is_valid_mobile("12812345678")
    assert not ids.is_valid_mobile("1381234567")
