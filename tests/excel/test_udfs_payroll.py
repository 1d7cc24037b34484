"""DX_IIT and DX_SI: the payroll worksheet functions, with Excel's float arguments."""

import pytest

from dealer_xl.excel import udf_registry


def test_dx_iit_is_this_months_cumulative_withholding():
    # 55,500 × 10% − 2,520 = 3,030; 1,180 already withheld → 1,850 (the bureau's 30,000 example, month 3)
    assert udf_registry.DX_IIT(55500.0, 1180.0) == 1850
    assert udf_registry.DX_IIT("18500") == 555  # 18,500 × 3%, nothing withheld yet
    assert udf_registry.DX_IIT(30000.0, 1000.0) == 0  # 900 due < 1,000 withheld: no refund


def test_dx_si_clamps_the_base_and_rounds_each_item():
    assert udf_registry.DX_SI(30000.0, "养老") == 2400  # 30,000 × 8%
    assert udf_registry.DX_SI(50000.0, "养老") == 2984.16  # ceiling 37,302 × 8%
    assert udf_registry.DX_SI(5000.0, "社保合计") == 783.3  # floor 7,460: 596.80 + 149.20 + 37.30
    assert udf_registry.DX_SI(50000.0, "公积金", 0.12) == 4476.24  # 37,302 × 12%
    with pytest.raises(ValueError, match="比例"):
        udf_registry.DX_SI(50000.0, "公积金")
    with pytest.raises(ValueError, match="险种"):
        udf_registry.DX_SI(50000.0, "工伤")
