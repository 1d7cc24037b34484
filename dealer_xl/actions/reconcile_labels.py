"""The Chinese labels of the reconciliation reports (厂家对账, 库存核对, 盘点差异), in one place.

Categories are stable English codes in JSON output and code; these are what the workbooks and the
terminal show for them.
"""

from __future__ import annotations

ACCOUNT_CATEGORIES = {"matched": "已核对", "amount_differs": "金额不符", "only_ours": "我方已记厂家未记",
                      "only_theirs": "厂家已记我方未记"}
SOURCES = {"ours": "我方", "theirs": "厂家"}
ACCOUNT_DETAIL_HEADERS = ("来源", "日期", "单据号", "类型/摘要", "金额", "核对结果", "对方单据号", "对方日期", "对方金额")
STOCK_CATEGORIES = {"only_ours": "我方有、清单无", "only_theirs": "清单有、我方无", "status_differs": "状态不同",
                    "model_differs": "机型不同", "missing": "盘亏（实盘无）", "found": "盘盈（账上没有）",
                    "not_counted": "未盘"}
STOCK_HEADERS = ("整机编号", "机型", "我方", "对方", "差异")
