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
    Param("go_live", "", "上线日期（YYYY-MM-DD）：此前的行是历史，只用于余额（合同期初、厂家往来期初、工资期初），不按需要更早数据的规则重新校验；dealer_xl 从此日所在月份开始结账；留空表示从建账起就用 dealer_xl"),
    Param("annual_bonus_tax_method", "单独计税", "全年一次性奖金（奖扣项目「年终奖」）计税方式：单独计税 或 合并计税（并入当月工资按累计预扣法）；单独计税政策执行至2027年12月31日（财政部 税务总局公告2023年第30号）"),
    Param("employer_si_rate", D("0"), "单位社保缴费比例合计（养老+医疗+失业+工伤+生育，按员工社保基数），工资汇总计入单位成本；填0表示不计单位部分（单位公积金按员工同额计入）", D("0"), D("0.5")),
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
    Param("earliest_date_year", 1990, "日期合理范围：早于此年份1月1日的日期列为错误（该合同不参与计算）", D("1900"), D("2100")),
    Param("latest_date_years_ahead", 50, "日期合理范围：晚于今天此年数以后的日期列为错误（该合同不参与计算）", D("1"), D("200")),
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

PARAMS = PARAMS + CREDIT_PARAMS

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
