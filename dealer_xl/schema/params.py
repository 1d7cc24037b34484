"""Policy parameters (DESIGN §4): every number finance may change, with its default and 说明.

The 参数 sheet of 主数据.xlsx holds one row per parameter (参数 = key, 值, 说明). ``init`` writes
all of them with these defaults; code reads the sheet and falls back to the default for a missing
key. Values are typed here (Decimal for ratios and money, int for days) so the sheet can hold text.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Param:
    """One policy parameter.

    Attributes:
        key: the key written in the 参数 column.
        default: the default value; its Python type is the parameter's type.
        note: the Chinese 说明 shown to finance.
        lo: smallest sane value (numbers only), checked by validation.
        hi: largest sane value (numbers only).
    """

    key: str
    default: Decimal | int | str
    note: str
    lo: Decimal | int | None = None
    hi: Decimal | int | None = None


D = Decimal

PARAMS: tuple[Param, ...] = (
    Param("min_down_payment_ratio", D("0.30"), "分期/按揭最低首付比例（首付款 ÷ 成交价）", D("0"), D("1")),
    Param("max_term_months", 36, "分期最长期数（月）", D("1"), D("120")),
    Param("grace_days", 3, "逾期宽限天数：超过应还日期这么多天后才计罚息", D("0"), D("30")),
    Param("penalty_daily_rate", D("0.0003"), "罚息日利率（逾期金额 × 日利率 × 超过宽限期的天数）", D("0"), D("0.01")),
    Param("lpr_1y", D("0.030"), "一年期贷款市场报价利率LPR；罚息年化超过4倍LPR时提示（民法典第585条）", D("0"), D("0.2")),
    Param("aging_buckets", "30,60,90,180,365", "账龄分段上限（天，逗号分隔）：未到期、1-30、31-60、61-90、91-180、181-365、365以上"),
    Param("sales_to_credit_handover_days", 60, "逾期不超过此天数由业务员催收，超过后移交信审债权部催收责任人", D("0"), D("365")),
    Param("long_overdue_days", 180, "逾期天数超过此值为陈欠款，否则为逾期款", D("1"), D("3650")),
    Param("bad_debt_days", 360, "逾期超过此天数（或合同状态为核销）列为呆死帐候选", D("1"), D("3650")),
    Param("risk_special_days", 90, "五级分类：逾期超过此天数为次级（此前为关注）", D("1"), D("3650")),
    Param("risk_doubtful_days", 270, "五级分类：逾期超过此天数为可疑", D("1"), D("3650")),
    Param("risk_loss_days", 360, "五级分类：逾期超过此天数为损失", D("1"), D("3650")),
    Param("acceleration_ratio", D("0.20"), "民法典第634条：到期未付达合同总价的此比例且催告无效，可主张全部价款", D("0"), D("1")),
    Param("no_repossession_paid_ratio", D("0.75"), "买卖合同司法解释第26条：已付达总价此比例，不得取回标的物", D("0"), D("1")),
    Param("limitation_years", 3, "诉讼时效（年，民法典第188条），自最后一期应还日起算，送达催款函后重新计算", D("1"), D("20")),
    Param("limitation_warn_days", 90, "距诉讼时效届满不足此天数时提醒", D("0"), D("3650")),
    Param("callback_days", 7, "工单完工后应在此天数内回访", D("0"), D("365")),
    Param("claim_tolerance", D("1.00"), "厂家结算与索赔金额差异容差（元），超过列为差异", D("0"), D("10000")),
    Param("pension_rate", D("0.08"), "养老保险个人缴费比例", D("0"), D("0.3")),
    Param("medical_rate", D("0.02"), "医疗保险个人缴费比例", D("0"), D("0.3")),
    Param("unemployment_rate", D("0.005"), "失业保险个人缴费比例", D("0"), D("0.3")),
    Param("si_base_min", D("7460"), "社保缴费基数下限（元/月，当地社平工资60%）", D("0"), D("1000000")),
    Param("si_base_max", D("37302"), "社保缴费基数上限（元/月，当地社平工资300%）", D("0"), D("1000000")),
    Param("hf_base_min", D("2690"), "公积金缴存基数下限（元/月）", D("0"), D("1000000")),
    Param("hf_base_max", D("37302"), "公积金缴存基数上限（元/月）", D("0"), D("1000000")),
    Param("hf_rate_min", D("0.05"), "公积金缴存比例下限", D("0"), D("0.12")),
    Param("hf_rate_max", D("0.12"), "公积金缴存比例上限", D("0.05"), D("0.12")),
    Param("iit_monthly_exemption", D("5000"), "个税每月减除费用（元），按本单位任职月数累计", D("0"), D("100000")),
    Param("overtime_multiplier", D("1.5"), "加班费倍数（小时工资 = 基本工资 ÷ 21.75 ÷ 8）", D("1"), D("5")),
    Param("monthly_paid_days", D("21.75"), "月计薪天数（计算日工资、小时工资）", D("1"), D("31")),
    Param("commission_rate_full", D("0.005"), "业务员提成比例：当月实收的全款销售款", D("0"), D("0.2")),
    Param("commission_rate_installment", D("0.01"), "业务员提成比例：当月实收的分期首付款及分期还款", D("0"), D("0.2")),
    Param("tech_rate_junior", D("30"), "技师计件工资：初级技师每工时（元）", D("0"), D("10000")),
    Param("tech_rate_middle", D("40"), "技师计件工资：中级技师每工时（元）", D("0"), D("10000")),
    Param("tech_rate_senior", D("50"), "技师计件工资：高级技师每工时（元）", D("0"), D("10000")),
    Param("tech_rate_master", D("60"), "技师计件工资：技师每工时（元）", D("0"), D("10000")),
    Param("callback_bonus_per_point", D("20"), "回访满意度奖扣：每张工单（满意度 − 3）× 此金额（元）", D("0"), D("10000")),
    Param("closed_through", "", "已结账月份（YYYY-MM）：此月及以前的数据已锁定，改动需先反结账（由月末结账写入，勿手工修改）"),
    Param("go_live", "", "上线日期（YYYY-MM-DD）：此前的行是历史，只用于余额（合同期初、厂家往来期初、工资期初），不按需要更早数据的规则重新校验；dealer_xl 从此日所在月份开始结账和计算工资；留空表示从建账起就用 dealer_xl"),
    Param("annual_bonus_tax_method", "单独计税", "全年一次性奖金（奖扣项目「年终奖」）计税方式：单独计税 或 合并计税（并入当月工资按累计预扣法）；单独计税政策执行至2027年12月31日（财政部 税务总局公告2023年第30号）"),
    Param("employer_si_rate", D("0"), "单位社保缴费比例合计（养老+医疗+失业+工伤+生育，按员工社保基数），工资汇总计入单位成本；大于0时单位公积金按员工同额计入；填0表示单位社保和公积金都不计（利润表的单位社保公积金为0）", D("0"), D("0.5")),
    Param("vin_pattern", "", "非道路机械整机编号格式（按厂家，正则表达式，格式：厂家=正则;厂家=正则），留空不检查"),
    Param("SELLER_NAME", "", "出卖人（本公司）全称，印在合同和催款函上；未填时不出正式文书"),
    Param("SELLER_USCC", "", "出卖人统一社会信用代码（18位，校验位须正确）"),
    Param("SELLER_LEGAL_REP", "", "出卖人法定代表人"),
    Param("SELLER_ADDRESS", "", "出卖人住所及送达地址"),
    Param("SELLER_PHONE", "", "出卖人联系电话（合同首部、催款函联系电话）"),
    Param("SELLER_BANK", "", "收款开户银行"),
    Param("SELLER_ACCOUNT_NAME", "", "收款账户名称（留空时用 SELLER_NAME）"),
    Param("SELLER_ACCOUNT", "", "收款银行账号（8至30位数字）"),
    Param("SELLER_PLACE", "", "合同签订地点（如 河南省郑州市管城回族区）"),
    Param("SELLER_COURT", "出卖人住所地人民法院", "合同争议管辖法院"),
    Param("claim_no_prefix", "SP", "新索赔单号前缀：索赔单号 = 前缀 + 年份 + 5位流水号（如 SP202600001），号码不重复使用"),
    Param("backup_keep", 10, "每本台账在 备份/ 中保留的最近备份份数；写入成功后删除更早的备份", D("1"), D("1000")),
    Param("proration", "attendance", "入职、离职当月的基本工资折算：attendance = 基本工资 × 计薪天数 ÷ 应出勤天数；21.75 = 基本工资 ÷ 月计薪天数 × 计薪天数（不超过全月）；计薪天数 = 实出勤天数 + 带薪假天数"),
    Param("overtime_hours_max", 120, "考勤「加班小时」超过此数视为录入错误（该员工当月不计算工资）；超过36小时另有提示（劳动法第41条：每月一般不得超过36小时）", D("36"), D("744")),
    Param("earliest_date_year", 1990, "日期合理范围：早于此年份1月1日的日期列为错误（该合同不参与计算）", D("1900"), D("2100")),
    Param("latest_date_years_ahead", 50, "日期合理范围：晚于今天此年数以后的日期列为错误（该合同不参与计算）", D("1"), D("200")),
    Param("vat_rates", "挖掘机=0.13;装载机=0.13;起重机=0.13;自卸车=0.13;其他=0.13;拖拉机=0.09;收割机=0.09;配件=0.13",
          "增值税税率（按机型类别，格式：类别=税率;…）：农业机械9%，工程机械及配件13%；记账凭证按此拆分不含税金额和税额，单台毛利和利润表按此把成交价换算为不含税价"),
    Param("voucher_word", "记", "记账凭证的凭证字（导入金蝶/用友时须与账套中的凭证字一致，如 记、转）"),
    Param("voucher_preparer", "", "记账凭证的制单人（须为金蝶/用友账套中的用户名；留空时导入后由财务软件填写）"),
)

CREDIT_PARAMS: tuple[Param, ...] = (
    Param("writeoff_second_approval", D("100000"), "核销金额（本金+利息+罚息）超过此值须总经理复核（第二审批人）", D("0"), D("100000000")),
    Param("notarize_over_amount", D("300000"), "分期/按揭成交价超过此金额应办理公证（是否公证=是），否则提示", D("0"), D("100000000")),
    Param("grade_window_months", 12, "信用等级建议：回看最近多少个月的还款表现", D("1"), D("60")),
    Param("grade_b_rule", "max_dpd>15;avg_dpd>5;on_time<0.90;broken>=1",
          "信用等级建议：满足任一条件至少为 B（max_dpd 最长逾期天数、avg_dpd 平均逾期天数、on_time 按时还款比例、broken 失信承诺次数、current 当前逾期天数）"),
    Param("grade_c_rule", "max_dpd>60;avg_dpd>20;on_time<0.70;broken>=2;current>30",
          "信用等级建议：满足任一条件至少为 C（写法同上，分号分隔）"),
    Param("grade_d_rule", "max_dpd>180;current>90;repossessed>=1;written_off>=1",
          "信用等级建议：满足任一条件为 D（repossessed 扣车次数、written_off 核销次数）"),
)

# Work that crosses departments (issue #29): the handover to after-sales, the overdue customer at the
# service desk, complaints, parts stock.
DESK_PARAMS: tuple[Param, ...] = (
    Param("first_service_days", 30, "首保：交车日期后此天数内应做首次保养（与首保小时数先到为准；填0表示不按天数）", D("0"), D("3650")),
    Param("first_service_hours", 50, "首保：工作小时达到此数应做首次保养（与首保天数先到为准；填0表示不按小时）", D("0"), D("100000")),
    Param("sales_callback_days", 15, "销售回访：交车日期后此天数应由销售部回访客户（记入「回访记录」，回访类型 销售回访）", D("0"), D("365")),
    Param("service_hold_dpd", 30, "报修客户的分期合同逾期超过此天数时，工单标记欠款客户（警告，保外维修先款后修），并每日通知催收责任人", D("0"), D("3650")),
    Param("complaint_open_days", 7, "客户投诉受理后超过此天数仍未关闭的，列入超期投诉清单", D("0"), D("365")),
    Param("complaint_no_prefix", "TS", "新投诉编号前缀：投诉编号 = 前缀 + 年份 + 5位流水号（如 TS202600001），由不满意回访转投诉时使用"),
    Param("parts_usage_days", 90, "配件计划：按最近此天数的用量（工单配件明细与出库）计算日均用量", D("1"), D("3650")),
    Param("parts_min_days", 30, "配件计划：配件库存未填最低库存时，最低库存 = 日均用量 × 此天数（向上取整）", D("0"), D("3650")),
    Param("parts_max_days", 60, "配件计划：配件库存未填最高库存时，最高库存 = 日均用量 × 此天数（向上取整）", D("0"), D("3650")),
    Param("parts_credit_days", 30, "配件批发账期（天）：客户此天数内的配件批发额计入授信占用，与分期敞口合计不得超过授信额度", D("0"), D("3650")),
)

PARAMS = PARAMS + CREDIT_PARAMS + DESK_PARAMS

ADMIN_PARAMS: tuple[Param, ...] = (
    Param("asset_years_building", 20, "固定资产税法最低折旧年限（年）：房屋、建筑物（企业所得税法实施条例第60条）", D("1"), D("100")),
    Param("asset_years_machinery", 10, "固定资产税法最低折旧年限（年）：飞机、火车、轮船、机器、机械和其他生产设备（第60条）", D("1"), D("100")),
    Param("asset_years_furniture", 5, "固定资产税法最低折旧年限（年）：与生产经营活动有关的器具、工具、家具等（第60条）", D("1"), D("100")),
    Param("asset_years_vehicle", 4, "固定资产税法最低折旧年限（年）：飞机、火车、轮船以外的运输工具（第60条）", D("1"), D("100")),
    Param("asset_years_electronic", 3, "固定资产税法最低折旧年限（年）：电子设备（第60条）", D("1"), D("100")),
    Param("asset_residual_rate", D("0.05"), "固定资产「残值率」未填时采用的预计净残值率", D("0"), D("1")),
    Param("reminder_days", 30, "综合管理提醒：到期日在此天数以内的事项列入提醒（命令行 --within 可另定）", D("0"), D("3650")),
    Param("maintenance_warn_km", 1000, "车辆保养提醒：距下次保养不足此公里数时列入提醒（无法按日均里程推算日期时）", D("0"), D("100000")),
    Param("loan_days", 30, "档案借阅未填「应还日期」时，借出后此天数内应归还", D("1"), D("3650")),
    Param("admin_hr_owner", "", "劳动合同与试用期提醒的负责人（工号或姓名；留空为综合管理部）"),
    Param("admin_archive_owner", "", "档案保管期满销毁提醒的负责人（工号或姓名；留空为综合管理部）"),
)

PARAMS = PARAMS + ADMIN_PARAMS

FINANCE_PARAMS: tuple[Param, ...] = (  # issue #25: 财务台账 and the finance commands
    Param("expense_second_approval", D("5000"), "报销金额超过此值须有二级审批人（与审批人、报销人都不同）", D("0"), D("100000000")),
    Param("expense_categories", "差旅、业务招待、办公、车辆、通讯、广告宣传、运输、维修、培训、其他",
          "费用类别可选值（顿号或逗号分隔）：费用报销和预算的「费用类别」须是其中之一"),
    # vat_rates (整机增值税税率 by 类别) is declared once, with the vouchers' 参数 above; the figures read it too
    Param("vat_rate_service", D("0.13"), "配件和修理修配劳务的增值税税率：保外维修收入、索赔收入、配件成本按此换算为不含税",
          D("0"), D("0.5")),
    Param("cost_includes_vat", "是", "采购价、配件成本价、厂家返利和二级经销商三包工时费是否为含税金额（是：按税率换算为不含税后计入毛利；否：按原值计入）"),
    Param("cash_opening", D("0"), "资金计划的期初现金余额（元，截至日期当天的银行存款和现金合计）；命令行 --opening 可临时指定",
          D("-1000000000"), D("1000000000")),
    Param("manufacturer_pay_days", "30", "厂家货款账期（天，自提车或配件采购日起）；可按厂家写：厂家=天数;厂家=天数;其他=天数"),
    Param("expense_pay_days", 7, "已批未付的报销单在报销日期后多少天付款（资金计划）", D("0"), D("365")),
    Param("claim_settle_days", 60, "已提交的索赔单在提交日期后多少天由厂家结算到账（资金计划）", D("0"), D("730")),
    Param("payroll_pay_day", 10, "工资发放日：次月几号发放上月工资（资金计划）", D("1"), D("28")),
    Param("iit_pay_day", 15, "个人所得税缴纳日：次月几号缴纳上月代扣的个税（资金计划）", D("1"), D("28")),
    Param("si_pay_day", 15, "社保和公积金缴纳日：次月几号缴纳上月的个人和单位部分（资金计划）", D("1"), D("28")),
    Param("vat_pay_day", 15, "增值税缴纳日：次月几号缴纳上月的增值税（资金计划按销项减进项估算）", D("1"), D("28")),
    Param("collection_history_months", 6, "资金计划：按最近多少个整月估算各催收人的回收率（期内实收 ÷ 期初已逾期与期内到期的未还金额）", D("1"), D("36")),
)

PARAMS = PARAMS + FINANCE_PARAMS

CROSS_DEPARTMENT_PARAMS: tuple[Param, ...] = (
    Param("lawsuit_recovery_ratio", D("0.70"), "清欠纠纷处理意见：起诉的预计回收比例（胜诉后执行到位的部分 ÷ 诉讼标的）", D("0"), D("1")),
    Param("resale_ratio", D("0.60"), "清欠纠纷处理意见：扣车处置价 ÷ 采购价，台账中还没有已处置的扣车时使用", D("0"), D("2")),
    Param("installment_method", "等额本息", "由销售明细生成分期合同时的还款方式（等额本息/等额本金/免息；年利率为0时为免息）"),
    Param("sales_bonus_rules", "achievement>=1.2:2000;achievement>=1:800;achievement<0.6:-500;overdue_ratio>0.2:-300",
          "业务员月度奖罚：条件:金额，分号分隔；同一指标自左向右第一条成立的生效（achievement 金额达成率、units_achievement "
          "台数达成率、collection_rate 回款率、overdue_ratio 客户逾期占比）"),
    Param("repeat_repair_days", 30, "售后考核：同一整机完工后此天数内再次报修，计为返修", D("1"), D("365")),
)
PARAMS = PARAMS + CROSS_DEPARTMENT_PARAMS
BY_KEY: dict[str, Param] = {p.key.lower(): p for p in PARAMS}


def defaults() -> dict[str, Decimal | int | str]:
    """Every parameter's default, by key."""
    return {p.key: p.default for p in PARAMS}
