"""Every reason code has a Chinese label for the 问题清单."""

from dealer_xl.labels import CODE_LABELS, code_label
from dealer_xl.problems import Code


def test_every_code_has_a_chinese_label():
    assert [c for c in Code if c.value not in CODE_LABELS] == []
    assert code_label(Code.BAD_DATE) == "日期无法识别"


def test_an_unlabelled_code_shows_itself():
    assert code_label("new_rule") == "new_rule"
