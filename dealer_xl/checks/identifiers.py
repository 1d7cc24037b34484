"""Identifier rules (DOMAIN §1): resident IDs, credit codes, VINs, mobile phones, kind ↔ ID.

Customers of kind 个人 need a resident ID and 企业 a unified social credit code; employees need a
resident ID; sub-dealers a credit code; a 17-character serial must pass the VIN check digit, and a
manufacturer's serial pattern (参数 vin_pattern) applies to the others.
"""

from __future__ import annotations

import re

from ..domain import identifiers as ids
from ..ledger import Ledger
from ..problems import Code, Problem, Severity


def check_identifiers(ctx: Ledger) -> list[Problem]:
    """Every identifier problem of customers, employees, sub-dealers and stock."""
    return [*_customers(ctx), *_employees(ctx), *_sub_dealers(ctx), *_serials(ctx), *_phones(ctx)]


_UNASKED = object()  # a rule not asked yet (see _customers)


def _customers(ctx: Ledger) -> list[Problem]:
    table = ctx.table("master", "customers")
    if table is None:
        return []
    out = []
    for i, row in enumerate(table.rows):
        number, kind = row["id_number"], row["kind"]
        if number is None:
            continue
        # each rule only where its answer is looked at (a 个人's number as a credit code only when
        # it is no resident ID, and the other way round): the same problems as asking both always
        person_problem = ids.resident_id_problem(number, ctx.today) if kind != "企业" else _UNASKED
        company_problem = ids.uscc_problem(number) if kind != "个人" or person_problem else None
        if person_problem is _UNASKED:
            person_problem = ids.resident_id_problem(number, ctx.today) if company_problem else None
        if kind == "个人" and person_problem:
            if company_problem is None:
                out.append(ctx.problem(table, i, "id_number", Code.ID_KIND_MISMATCH,
                                       "客户类型为个人，但证件号码是统一社会信用代码；请核对客户类型或改填身份证号"))
            else:
                out.append(ctx.problem(table, i, "id_number", Code.BAD_ID_NUMBER, person_problem))
        elif kind == "企业" and company_problem:
            if person_problem is None:
                out.append(ctx.problem(table, i, "id_number", Code.ID_KIND_MISMATCH,
                                       "客户类型为企业，但证件号码是身份证号；请核对客户类型或改填统一社会信用代码"))
            else:
                out.append(ctx.problem(table, i, "id_number", Code.BAD_USCC, company_problem))
        elif kind is None and person_problem and company_problem:
            out.append(ctx.problem(table, i, "id_number", Code.BAD_ID_NUMBER,
                                   "证件号码既不是有效的身份证号，也不是有效的统一社会信用代码"))
    return out


def _employees(ctx: Ledger) -> list[Problem]:
    table = ctx.table("master", "employees")
    if table is None:
        return []
    out = []
    for i, row in enumerate(table.rows):
        if row["id_number"] is not None:
            why = ids.resident_id_problem(row["id_number"], ctx.today)
            if why:
                out.append(ctx.problem(table, i, "id_number", Code.BAD_ID_NUMBER, why))
    return out


def _sub_dealers(ctx: Ledger) -> list[Problem]:
    table = ctx.table("master", "sub_dealers")
    if table is None:
        return []
    out = []
    for i, row in enumerate(table.rows):
        if row["uscc"] is not None:
            why = ids.uscc_problem(row["uscc"])
            if why:
                out.append(ctx.problem(table, i, "uscc", Code.BAD_USCC, why))
    return out


def serial_patterns(text: str) -> dict[str, re.Pattern]:
    """Parse 参数 vin_pattern ``厂家=正则;厂家=正则`` into compiled patterns (bad ones are skipped)."""
    patterns = {}
    for part in (text or "").split(";"):
        name, sep, regex = part.partition("=")
        if sep and name.strip() and regex.strip():
            try:
                patterns[name.strip()] = re.compile(regex.strip())
            except re.error:
                continue
    return patterns


def _serials(ctx: Ledger) -> list[Problem]:
    table = ctx.table("sales", "stock")
    if table is None:
        return []
    patterns = serial_patterns(str(ctx.params.get("vin_pattern") or ""))
    out = []
    for i, row in enumerate(table.rows):
        serial = row["serial_no"]
        if serial is None:
            continue
        if ids.looks_like_vin(serial) and any(ch.isalpha() for ch in serial):
            why = ids.vin_problem(serial)
            if why:
                out.append(ctx.problem(table, i, "serial_no", Code.BAD_VIN, why))
            continue
        model = ctx.first("master", "models", "model_code", row["model_code"])
        pattern = patterns.get(model["manufacturer"]) if model else None
        if pattern and not pattern.fullmatch(serial):
            out.append(ctx.problem(table, i, "serial_no", Code.BAD_VIN,
                                   f"整机编号不符合厂家 {model['manufacturer']} 的编号格式（参数 vin_pattern）",
                                   Severity.WARNING))
    return out


def _phones(ctx: Ledger) -> list[Problem]:
    out = []
    for sheet in ("customers", "sub_dealers"):
        table = ctx.table("master", sheet)
        if table is None:
            continue
        for i, row in enumerate(table.rows):
            phone = row["phone"]
            if phone is not None and not ids.is_valid_mobile(phone):
                out.append(ctx.problem(table, i, "phone", Code.BAD_PHONE,
                                       "联系电话不是有效的手机号（1开头的11位数字，可带+86）", Severity.WARNING))
    return out
