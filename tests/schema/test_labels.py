"""Chinese headers live in the schema: no code outside ``dealer_xl/schema`` types one as a literal."""

from __future__ import annotations

import ast
from pathlib import Path

from dealer_xl import schema
from dealer_xl.schema import labels

ROOT = Path(schema.__file__).resolve().parent.parent
# files another helper is rewriting at the same time (none now: their literals moved at merge)
PENDING: set[str] = set()
# values that happen to spell a header: a job title, a pay-adjustment item, a UDF argument kind, the suffix
# of a branch's name (郑州分公司 → 郑州市人民法院), a word of a message (超出主要部件三包期), the as-of date of
# a report or a worksheet function (合同期初's 截至日期 spells the same words)
NOT_HEADERS = {("demo/company.py", "业务员"), ("demo/company.py", "维修技师"), ("demo/payroll.py", "奖金"),
               ("demo/plant_others.py", "奖金"), ("excel/udf_registry.py", "值"),
               ("demo/credit_files.py", "分公司"), ("domain/claims.py", "主要部件"),
               ("documents/reports/receivables.py", "截至日期"), ("excel/udfs.py", "截至日期")}
# 综合管理台账 (issue #26) names columns 名称, 编号, 状态 and 原值, words other reports already use for their own
# columns (a party's 编号/名称 in the grade suggestions, a deadline's 状态, the 问题清单's raw 原值)
NOT_HEADERS |= {("actions/credit/grades.py", "编号"), ("actions/credit/grades.py", "名称"),
                ("actions/service/deadlines.py", "状态"), ("actions/validate.py", "原值"),
                ("demo/statements.py", "状态"), ("deploy/service.py", "状态"), ("documents/contracts.py", "名称")}
# and 事项/内容 (用印登记's and 客户投诉's columns) head a reminder's or a GM line's own words; 名称 heads the
# glossary's figure names, 状态 a first service's state
NOT_HEADERS |= {("actions/service/firstservice.py", "状态"), ("commands/figures.py", "名称"),
                ("documents/reports/admin_reminders.py", "事项"), ("documents/reports/gm_admin.py", "事项"),
                ("documents/reports/gm_admin.py", "内容"), ("documents/lawsuit.py", "名称")}


def schema_headers() -> set[str]:
    return {c.header for b in schema.BOOKS for s in b.sheets for c in s.columns}


def literals(path: Path, wanted: set[str]) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{node.lineno}:{node.value}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in wanted]


def test_no_schema_header_is_typed_outside_the_schema():
    wanted = schema_headers()
    found = {}
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("schema/") or rel in PENDING:
            continue
        hits = [h for h in literals(path, wanted) if (rel, h.split(":", 1)[1]) not in NOT_HEADERS]
        if hits:
            found[rel] = hits
    assert found == {}


def test_the_scan_sees_a_header_literal(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text('COLUMNS = ("合同编号", f"{1}")\n', encoding="utf-8")
    assert literals(sample, schema_headers()) == ["1:合同编号"]


def test_report_labels_follow_the_schema():
    assert labels.CONTRACT_NO == schema.sheet("receivables", "contracts").column("contract_no").header == "合同编号"
    assert labels.DUE_DATE == "应还日期" and labels.CUSTOMER_NAME == "客户名称"
