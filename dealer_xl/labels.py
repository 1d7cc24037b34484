"""Chinese labels shown in reports for codes kept in English (reason codes of problems).

Guarantees: every :class:`dealer_xl.problems.Code` has a short Chinese label (a test checks it);
:func:`code_label` never fails — a code added later without a label shows its code.
"""

from __future__ import annotations

from .problems import Code

CODE_LABELS: dict[str, str] = {
    "missing_book": "缺少台账文件", "duplicate_book": "台账文件重复", "missing_sheet": "缺少工作表",
    "missing_column": "缺少列", "no_header": "找不到表头", "duplicate_column": "列重复",
    "bad_date": "日期无法识别", "bad_month": "月份无法识别", "bad_number": "数字无法识别", "bad_int": "整数无法识别",
    "bad_money": "金额无法识别", "bad_rate": "比率无法识别", "bad_choice": "不在可选值中", "bad_yesno": "应为是或否",
    "money_precision": "金额超过两位小数", "rate_as_percent": "比率按百分数填写", "number_as_code": "编号存成了数字",
    "required": "必填项为空", "duplicate": "编号重复", "bad_reference": "引用的记录不存在", "out_of_range": "数值超出范围",
    "bad_id_number": "身份证号无效", "bad_uscc": "统一社会信用代码无效", "bad_vin": "整机编号（VIN）无效",
    "bad_phone": "手机号无效", "id_kind_mismatch": "证件与客户类型不符",
    "serial_not_in_stock": "整机不在库存中", "serial_sold_twice": "整机重复销售", "model_mismatch": "机型不一致",
    "price_below_floor": "成交价低于最低限价", "down_payment_low": "首付比例不足", "finance_sum_mismatch": "首付与分期金额不符",
    "term_too_long": "分期期数超限", "first_due_not_after_sale": "首期还款日不晚于销售日",
    "credit_grade_refused": "信用等级不允许分期", "credit_limit_exceeded": "超出授信额度",
    "customer_seriously_overdue": "客户有严重逾期", "contract_missing": "缺少分期合同", "contract_mismatch": "合同与销售不一致",
    "free_rate_not_zero": "免息合同利率不为零", "schedule_missing": "缺少还款计划", "schedule_mismatch": "还款计划与合同不符",
    "amount_not_positive": "金额应为正数", "receipt_before_contract": "收款早于合同", "overpaid": "多收款",
    "serial_not_sold": "整机未售出", "dates_out_of_order": "日期先后颠倒", "out_of_warranty": "已过三包期",
    "claim_total_mismatch": "索赔合计不符", "claim_amount_mismatch": "索赔金额不符", "old_part_missing": "旧件未返厂",
    "claim_submitted_late": "索赔提交超期", "old_parts_late": "旧件返厂超期", "settlement_incomplete": "结算信息不全",
    "approved_on_rejected": "驳回索赔有批准金额", "approved_above_claim": "批准金额超过索赔合计",
    "callback_before_close": "回访早于完工",
    "closed_period_changed": "已结账期间被改动", "delivery_not_in_stock": "提车记录不在库存中",
    "delivery_price_mismatch": "提车金额与采购价不符", "settlement_mismatch": "索赔结算与结算单不符",
    "repo_record_missing": "缺少扣车记录", "disposal_incomplete": "处置信息不全", "disposal_before_repo": "处置早于扣车",
    "redemption_paid": "已付清赎回款", "writeoff_record_missing": "缺少核销记录", "writeoff_approval": "核销审批不全",
    "case_dates": "诉讼日期有误", "case_stage_incomplete": "诉讼阶段信息不全", "sold_still_in_stock": "已售仍在库",
    "sample_not_returned": "样机逾期未归还", "not_notarized": "未办理公证", "refund_exceeds_received": "退款超过已收款",
    "settled_but_owing": "结清但仍欠款", "penalty_above_cap": "罚息超过4倍LPR",
    "sub_dealer_grade_refused": "经销商信用等级不允许", "sub_dealer_limit_exceeded": "经销商超出授信额度",
    "book_name_variant": "台账文件名不规范", "date_as_text_serial": "日期存成了文本数字",
    "inactive_employee": "员工已离职", "worked_days_exceed": "出勤天数超出应出勤", "bad_param": "参数有误",
    "opening_after_go_live": "期初不早于上线日期", "opening_overlap": "期初与明细重复计算",
    "opening_mismatch": "期初数字不可能", "history_missing": "上线前缺少历史",
    "missing_pay_month": "缺少此前月份的工资结果", "opening_missing": "缺少工资期初", "opening_inconsistent": "工资期初数字不合理",
    "no_grade_rate": "技术等级没有计件单价",
    "customer_overdue": "报修客户欠款逾期", "complaint_incomplete": "投诉关闭未填结果",
    "parts_stock_mismatch": "配件账面数与流水不符", "transfer_unbalanced": "调拨出入不平",
    "parts_grade_refused": "配件批发客户资信不符", "parts_limit_exceeded": "配件批发超授信额度",
    "bad_plate": "车牌号无效", "driver_not_employee": "司机不是本公司员工", "driver_left": "司机已离职",
    "odometer_backwards": "里程倒退", "unknown_unit": "部门或分公司不明", "asset_disposal_incomplete": "资产处置信息不符",
    "asset_years_below_tax": "折旧年限短于税法最低年限", "no_labour_contract": "未签劳动合同",
    "open_ended_due": "应签无固定期限合同", "probation_too_long": "试用期超过法定上限", "probation_repeated": "重复约定试用期",
    "seal_not_approved": "用印未经批准", "seal_self_approved": "用印自批", "loan_not_approved": "涉密档案借阅未经批准",
    "supply_overdrawn": "领用超过库存",
    "expense_second_approval": "缺少二级审批", "expense_self_approved": "审批自己的报销",
    "invoice_claimed_twice": "发票重复报销", "expense_category_unknown": "费用类别不在清单中",
    "rebate_tiers_overlap": "返利档位重叠", "rebate_tiers_gap": "返利档位有缺口",
    "rebate_policy_inconsistent": "返利政策各行不一致",
    "returned_still_sold": "退回的整机仍为已售", "targets_over_annual": "月度目标超过年度目标",
}


def code_label(code: Code | str) -> str:
    """The Chinese label of a reason code (the code itself when it has none yet)."""
    return CODE_LABELS.get(str(code), str(code))
