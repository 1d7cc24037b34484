"""The demo company's own details (参数 SELLER_*): a consistent, fictitious seller.

Guarantees: the credit code passes the GB 32100-2015 check (address code 410104 = 郑州市管城回族区,
matching the address, as is the court of the contracts' 争议解决 clause), the account is 19 digits, and every value is plainly invented.
"""

from __future__ import annotations

DEMO_SELLER: dict[str, str] = {
    "SELLER_NAME": "郑州恒通工程机械销售有限公司",
    "SELLER_USCC": "91410104MA9K7H3Q5P",
    "SELLER_LEGAL_REP": "谢宁俊",
    "SELLER_ADDRESS": "河南省郑州市管城回族区航海东路1866号",
    "SELLER_PHONE": "0371-66889900",
    "SELLER_BANK": "中国工商银行郑州航海路支行",
    "SELLER_ACCOUNT_NAME": "郑州恒通工程机械销售有限公司",
    "SELLER_ACCOUNT": "1702020109200123456",
    "SELLER_PLACE": "河南省郑州市管城回族区",
    "SELLER_COURT": "郑州市管城回族区人民法院",
}


DEMO_FINANCE: dict[str, str] = {"cash_opening": "9800000"}  # the cash plan's opening balance on the demo date


def demo_param_value(key: str, default: object) -> str:
    """The value the demo writes in 参数 for ``key``: the seller's details, the demo's cash, else the default."""
    return DEMO_SELLER.get(key) or DEMO_FINANCE.get(key, str(default))
