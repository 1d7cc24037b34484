"""Worksheet functions (``=DX_ID_VALID(A2)`` …) as plain Python functions.

Each is callable without Excel and holds no logic of its own: it wraps a domain function. The Excel
front end registers them as xlwings UDFs, using each docstring as the function's help text, so the
docstrings are written for the staff who see them in Excel's function wizard.
"""

from __future__ import annotations

import functools
from decimal import Decimal

from ..domain import identifiers, rmb
from ..schema import labels


def _text(value: object) -> object:
    """Excel hands numbers over as floats: 13912345678.0 is the text 13912345678."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def dx_id_valid(text: object) -> bool:
    """身份证号是否有效：18位、出生日期真实、校验位正确（GB 11643-1999）。例：=DX_ID_VALID(D2)"""
    from datetime import date

    return identifiers.is_valid_resident_id(_text(text), date.today())


def dx_uscc_valid(text: object) -> bool:
    """统一社会信用代码是否有效：18位、字符集与校验位正确（GB 32100-2015）。例：=DX_USCC_VALID(D2)"""
    return identifiers.is_valid_uscc(_text(text))


def dx_vin_valid(text: object) -> bool:
    """车辆识别代号（VIN）是否有效：17位、不含I/O/Q、第9位校验位正确（GB 16735-2019）。例：=DX_VIN_VALID(A2)"""
    return identifiers.is_valid_vin(_text(text))


def dx_phone_valid(text: object) -> bool:
    """手机号是否有效：1[3-9]开头的11位数字，可带 +86。例：=DX_PHONE_VALID(E2)"""
    return identifiers.is_valid_mobile(_text(text))


def _amount(value: object) -> object:
    """Excel hands amounts over as floats: 1680.32 is the amount 1680.32 (its shortest repr), and a
    computed 0.30000000000000004 is 0.30 (float noise below a millionth of a fen is dropped)."""
    if isinstance(value, float) and abs(value * 100 - round(value * 100)) < 1e-6:
        return f"{value:.2f}"
    return value


def dx_rmb_upper(amount: object) -> str:
    """金额的中文大写（不含"人民币"前缀），按《正确填写票据和结算凭证的基本规定》：负数前加"负"，
    最多两位小数，金额须小于1万亿元。例：=DX_RMB_UPPER(107000.53) 得 壹拾万柒仟元零伍角叁分"""
    return rmb.rmb_upper(_amount(amount))


def _date(value: object, what: str):
    """A date from a date cell, an Excel serial number or text such as 2026-10-31; ValueError otherwise."""
    from datetime import date

    from ..io.dates import parse_date

    parsed = parse_date(value)
    if not isinstance(parsed, date):
        raise ValueError(f"{what}不是有效日期：{value!r}")
    return parsed


def _decimal(value: object, what: str):
    """A Decimal from an Excel number (its shortest repr, so 0.065 stays 0.065) or numeric text."""
    from decimal import Decimal, InvalidOperation

    try:
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValueError(f"{what}不是数字：{value!r}") from None


def dx_schedule(principal: object, annual_rate: object, months: object, first_due_date: object,
                method: str = "等额本息") -> list[list]:
    """还款计划表（数组公式）：首行为表头 期数、应还日期、应还金额、本金、利息、剩余本金，其后每期一行。
    还款方式为 等额本息、等额本金 或 免息；每期金额四舍五入到分，尾差计入最后一期，本金合计等于贷款金额；
    应还日期为首期还款日之后每月同一日（当月无此日取月末）。例：=DX_SCHEDULE(500000,0.065,36,DATE(2026,1,15),"等额本息")"""
    from ..domain.schedules import build_schedule

    count = _decimal(months, labels.PERIOD)
    if count != count.to_integral_value():
        raise ValueError(f"期数应为整数：{months!r}")
    rows = build_schedule(_decimal(principal, "贷款金额"), _decimal(annual_rate or 0, labels.ANNUAL_RATE), int(count),
                          _date(first_due_date, labels.FIRST_DUE_DATE), str(method or "等额本息").strip())
    return [[labels.PERIOD, labels.DUE_DATE, labels.AMOUNT_DUE, labels.PRINCIPAL, labels.INTEREST, "剩余本金"],
            *([i.period, i.due_date, float(i.amount_due), float(i.principal), float(i.interest), float(i.balance)]
              for i in rows)]


def dx_overdue_days(due_date: object, as_of: object) -> int:
    """逾期天数：截至日期晚于应还日期的天数，未到期（含当天到期）为 0。例：=DX_OVERDUE_DAYS(C2,DATE(2026,10,31))"""
    return max((_date(as_of, "截至日期") - _date(due_date, labels.DUE_DATE)).days, 0)


def dx_aging_bucket(due_date: object, as_of: object, buckets: object = "30,60,90,180,365") -> str:
    """账龄段：未到期、1-30、31-60、61-90、91-180、181-365、365以上（分段上限可用第三个参数改，如 "30,60,90"）。
    例：=DX_AGING_BUCKET(C2,DATE(2026,10,31))"""
    from ..domain.aging import aging_bucket, parse_buckets

    return aging_bucket(dx_overdue_days(due_date, as_of), parse_buckets(buckets))


def dx_risk_class(days_overdue: object) -> str:
    """五级分类（按逾期天数）：0 正常，1—90 关注，91—270 次级，271—360 可疑，360 以上 损失。例：=DX_RISK_CLASS(H2)"""
    from ..domain.aging import risk_class

    days = _decimal(days_overdue or 0, "逾期天数")
    return risk_class(int(days))


def dx_iit(cum_taxable: Decimal, withheld_so_far: Decimal = Decimal(0)) -> Decimal:
    """本月应预扣个税（累计预扣法，国家税务总局公告2018年第61号）：按累计预扣预缴应纳税所得额查预扣率表一，
    减去本年已预扣税额，不足0按0。例：=DX_IIT(55500,1180) 得 1850"""
    from ..domain.payroll_tax import withholding

    return withholding(cum_taxable, withheld_so_far or Decimal(0))


SI_KIND_NAMES = {"养老": "pension", "医疗": "medical", "失业": "unemployment", "公积金": "housing_fund",
                 "社保合计": "total"} | {labels.header("payroll", "results", k): k  # 养老保险 … 住房公积金
                                         for k in ("pension", "medical", "unemployment", "housing_fund")}


def dx_si(base: Decimal, kind: str, hf_rate: Decimal = Decimal(0)) -> Decimal:
    """个人缴纳的社保或公积金（按参数默认比例和上下限，四舍五入到分）：kind 为 养老、医疗、失业、社保合计 或 公积金；
    公积金须给第三个参数：个人缴存比例。基数先按上下限截取。例：=DX_SI(30000,"养老") 得 2400；=DX_SI(50000,"公积金",0.12)"""
    from ..domain.payroll import PayRules, contribution
    from ..schema.params import defaults

    rules = PayRules.from_params(defaults())
    name = SI_KIND_NAMES.get(str(kind or "").strip())
    if name is None:
        raise ValueError(f"险种应为 {'、'.join(SI_KIND_NAMES)} 之一：{kind!r}")
    if name == "housing_fund" and not hf_rate:
        raise ValueError("公积金需要第三个参数：个人缴存比例（如 0.07）")
    if name == "total":
        return sum((contribution(base, k, rules) for k in ("pension", "medical", "unemployment")), Decimal(0))
    return contribution(base, name, rules, hf_rate)
def _books_folder():
    """The books folder the add-in was installed with (dealer-xl addin install --books …)."""
    from . import config

    folder = config.configured_books_dir(config.config_path())
    if folder is None:
        raise ValueError("不知道台账文件夹：请运行 dealer-xl addin install --books 台账文件夹")
    return folder


@functools.lru_cache(maxsize=4)
def _maker_days(path, stamp: int) -> dict:
    """厂家 → 索赔提交时限(天) from the 厂家 sheet of 主数据 at ``path`` (``stamp`` = its mtime)."""
    from ..io.reader import read_book

    table = read_book(path, sheets=["manufacturers"]).tables.get("manufacturers")
    return {r["manufacturer"]: r["claim_submit_days"] for r in (table.rows if table else [])
            if r["manufacturer"] and r["claim_submit_days"] is not None}


def dx_claim_deadline(close_date: object, manufacturer: object):
    """索赔提交截止日期：完工日期 + 该厂家的“索赔提交时限(天)”（取自台账文件夹中 主数据「厂家」表）。
    例：=DX_CLAIM_DEADLINE(C2,"恒岳重工")"""
    from ..domain.claim_deadlines import due_after

    path = _books_folder() / "主数据.xlsx"
    if not path.is_file():
        raise ValueError(f"台账文件夹中没有 主数据.xlsx：{path.parent}")
    days = _maker_days(path, path.stat().st_mtime_ns).get(str(manufacturer or "").strip())
    if days is None:
        raise ValueError(f"主数据「厂家」表中没有厂家「{manufacturer}」或其索赔提交时限")
    return due_after(_date(close_date, labels.CLOSE_DATE), days)
