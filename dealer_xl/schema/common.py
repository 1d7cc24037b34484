"""Columns that appear in several sheets, declared once so they keep one header everywhere.

DESIGN §2: customer_id 客户编号, serial_no 整机编号, model_code 机型, manufacturer 厂家, branch 分公司,
region 片区, contract_no 合同编号, emp_id 工号, part_no 配件编号, wo_no 工单号, claim_no 索赔单号,
month 月份, phone 联系电话. Sheets take these and adjust ``required``/``unique``/``ref`` with ``with_``.
"""

from __future__ import annotations

from .model import Column, FieldType, Ref

T = FieldType

CREDIT_GRADES = ("A", "B", "C", "D")
BRANCH_ALIASES = ("分公司名称", "所属分公司", "办事处")

customer_id = Column("customer_id", "客户编号", T.CODE, ("客户代码", "客户号", "客户ID"), width=12)
serial_no = Column("serial_no", "整机编号", T.CODE, ("整机号", "机号", "车架号", "出厂编号", "VIN", "车辆识别代号"), width=20)
model_code = Column("model_code", "机型", T.CODE, ("型号", "机型代码", "产品型号"), width=14)
manufacturer = Column("manufacturer", "厂家", T.TEXT, ("生产厂家", "厂商", "制造商"), width=16)
branch = Column("branch", "分公司", T.TEXT, BRANCH_ALIASES, width=12)
region = Column("region", "片区", T.TEXT, ("区域", "所属片区"), width=10)
contract_no = Column("contract_no", "合同编号", T.CODE, ("合同号", "合同编码"), width=16)
emp_id = Column("emp_id", "工号", T.CODE, ("员工编号", "员工工号", "职工编号"), width=10)
part_no = Column("part_no", "配件编号", T.CODE, ("配件号", "零件号", "配件代码", "图号"), width=16)
wo_no = Column("wo_no", "工单号", T.CODE, ("工单编号", "服务单号", "维修单号"), width=14)
claim_no = Column("claim_no", "索赔单号", T.CODE, ("索赔编号", "索赔号"), width=14)
month = Column("month", "月份", T.MONTH, ("年月", "所属月份", "工资月份"), width=10)
phone = Column("phone", "联系电话", T.CODE, ("电话", "手机", "手机号", "手机号码", "联系方式"), width=14)
sub_dealer_id = Column("sub_dealer_id", "经销商编号", T.CODE, ("二级经销商编号", "二级代理商编号", "经销商代码"), width=12)
credit_grade = Column("credit_grade", "信用等级", T.ENUM, ("资信等级", "信用评级"), choices=CREDIT_GRADES, width=10)
credit_limit = Column("credit_limit", "授信额度", T.MONEY, ("信用额度",), min=0, width=14)

EMPLOYEE = Ref("master", "employees", "emp_id", alt_field="name")
CUSTOMER = Ref("master", "customers", "customer_id")
MODEL = Ref("master", "models", "model_code")
MANUFACTURER = Ref("master", "manufacturers", "manufacturer")
SUB_DEALER = Ref("master", "sub_dealers", "dealer_id")
PART = Ref("master", "parts", "part_no")
STOCK = Ref("sales", "stock", "serial_no")
SALE = Ref("sales", "sales", "contract_no")
CONTRACT = Ref("receivables", "contracts", "contract_no")
WORK_ORDER = Ref("service", "work_orders", "wo_no")
CLAIM = Ref("service", "claims", "claim_no")


def money(field_name: str, header: str, *aliases: str, required: bool = False, min: float | None = 0) -> Column:
    """A money column (yuan, two decimals), non-negative unless ``min`` says otherwise."""
    return Column(field_name, header, T.MONEY, tuple(aliases), required=required, min=min, width=14)


def date(field_name: str, header: str, *aliases: str, required: bool = False) -> Column:
    """A date column."""
    return Column(field_name, header, T.DATE, tuple(aliases), required=required, width=12)


def text(field_name: str, header: str, *aliases: str, required: bool = False, width: float = 16) -> Column:
    """A free-text column."""
    return Column(field_name, header, T.TEXT, tuple(aliases), required=required, width=width)


def enum(field_name: str, header: str, choices: tuple[str, ...], *aliases: str, required: bool = False) -> Column:
    """A column whose value is one of ``choices`` (a dropdown in the templates)."""
    return Column(field_name, header, T.ENUM, tuple(aliases), required=required, choices=choices, width=10)


def yesno(field_name: str, header: str, *aliases: str) -> Column:
    """A 是/否 column."""
    return Column(field_name, header, T.YESNO, tuple(aliases), width=8)


def number(field_name: str, header: str, *aliases: str, min: float | None = 0, max: float | None = None) -> Column:
    """A non-money decimal quantity."""
    return Column(field_name, header, T.NUMBER, tuple(aliases), min=min, max=max, width=10)


def integer(field_name: str, header: str, *aliases: str, min: float | None = 0, max: float | None = None) -> Column:
    """A whole number."""
    return Column(field_name, header, T.INT, tuple(aliases), min=min, max=max, width=10)


def rate(field_name: str, header: str, *aliases: str, min: float | None = 0, max: float | None = 1) -> Column:
    """A ratio such as 6% (stored 0.06)."""
    return Column(field_name, header, T.RATE, tuple(aliases), min=min, max=max, width=10)
