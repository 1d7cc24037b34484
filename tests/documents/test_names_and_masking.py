"""Safe output names and the masking of personal data (DOMAIN §6)."""

from pathlib import Path

import pytest

from dealer_xl.documents.masking import mask_account, mask_id, mask_phone
from dealer_xl.documents.names import output_path, safe_name


@pytest.mark.parametrize("hostile", ["../x", "..", "a/b\\c", 'a:b*c?"<>|', "CON", "nul.txt", " . ", "\x00\x1f", "",
                                     "x" * 300, "../../etc/passwd"])
def test_output_stays_inside_the_folder_whatever_the_name(tmp_path, hostile):
    path = output_path(tmp_path, "合同", hostile, suffix=".docx")
    assert path.parent == tmp_path
    assert path.resolve().parent == tmp_path.resolve()
    name = path.name
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    assert not any(ch in name for ch in '<>:"|?*')
    assert len(name) <= 130


def test_safe_name_keeps_ordinary_names_readable():
    assert safe_name("HT2026XQ0001") == "HT2026XQ0001"
    assert safe_name("../x") == "_x"
    assert safe_name("CON") == "_CON"
    assert safe_name("") == "未命名"
    assert output_path(Path("/out"), "催款函", "HT-1", "2026-10-31", suffix=".docx").name == "催款函_HT-1_2026-10-31.docx"


def test_masks_keep_only_what_the_rules_allow():
    assert mask_id("11010519491231002X") == "110105********002X"
    assert mask_id("91350100M000100Y43") == "913501********0Y43"
    assert mask_phone("13812341234") == "138****1234"
    assert mask_phone("+8613812341234") == "138****1234"
    assert mask_account("6222021223984808870") == "****8870"
    assert mask_id("12345") == "*****" and mask_phone("123") == "***" and mask_account("1234") == "****"
    assert mask_id(None) == mask_phone("") == mask_account(None) == ""


def test_names_that_become_alike_when_made_safe_still_get_different_files():
    names = {output_path(Path("/out"), "催款函", no, "2026-10-31", suffix=".docx").name
             for no in ("A/B", "A_B", "A:B", "A?B", "x" * 300, "x" * 301)}
    assert len(names) == 6
    assert "催款函_A_B_2026-10-31.docx" in names
