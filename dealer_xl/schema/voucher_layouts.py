"""The columns of the voucher files 金蝶 and 用友 import (issue #23), as their published layouts spell them.

金蝶 K/3 WISE / KIS 专业版「标准凭证引入」: 37 columns in this order (the layout of K/3's 标准凭证引出).
用友 U8 (V8.x) / 用友通 T3「总账工具 → 凭证引入」: the first 19 fields of a line of the V800 text format
(first line ``填制凭证,V800``). :mod:`dealer_xl.actions.finance.voucher_files` writes them.
"""

from __future__ import annotations

KINGDEE_SHEET = "凭证"
KINGDEE_HEADERS = ("凭证日期", "会计年度", "会计期间", "凭证字", "凭证号", "科目代码", "科目名称", "币别代码", "币别名称",
                   "原币金额", "借方", "贷方", "制单", "审核", "核准", "出纳", "经办", "结算方式", "结算号", "凭证摘要",
                   "数量", "数量单位", "单价", "参考信息", "业务日期", "往来业务编号", "附件数", "序号", "系统模块",
                   "业务描述", "汇率类型", "汇率", "分录序号", "核算项目", "过账", "机制凭证", "现金流量")
KINGDEE_MONEY = ("原币金额", "借方", "贷方")
KINGDEE_WIDE = ("科目名称", "凭证摘要", "核算项目")
YONYOU_FIRST_LINE = "填制凭证,V800"
YONYOU_FIELDS = ("制单日期", "凭证类别字", "凭证号", "附单据数", "摘要", "科目编码", "借方金额", "贷方金额", "数量", "外币",
                 "汇率", "制单人", "结算方式", "票号", "发生日期", "部门编码", "个人编码", "客户编码", "供应商编码")
# 核算项目 kind (主数据「会计科目」) → the 用友 field its code goes in
YONYOU_AUX = {"部门": "部门编码", "职员": "个人编码", "客户": "客户编码", "供应商": "供应商编码"}
