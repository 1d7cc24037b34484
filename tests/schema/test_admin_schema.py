"""综合管理台账 is the issue's (#26) book: its sheets and headers exactly as the issue lists them, an
optional book (absent: no problem; present: every sheet expected), written by ``init``."""

from __future__ import annotations

import openpyxl

from dealer_xl import schema
from dealer_xl.io.reader import read_books
from dealer_xl.io.templates import init_books
from dealer_xl.problems import Code

# the issue's text, sheet by sheet (the parenthesised choices are the dropdowns)
ISSUE = """
车辆: 车牌号 · 车辆类型 · 品牌型号 · 使用部门/分公司 · 责任司机 · 购置日期 · 购置价 · 交强险到期 · 商业险到期 · 年检到期 · 保养间隔(公里) · 上次保养里程 · 当前里程 · 状态
车辆费用: 日期 · 车牌号 · 类别 · 金额 · 里程 · 经办人
固定资产: 资产编号 · 名称 · 类别 · 使用部门 · 保管人 · 存放地点 · 购置日期 · 原值 · 残值率 · 折旧年限 · 状态 · 处置日期 · 处置收入
劳动合同: 工号 · 合同编号 · 类型 · 开始日期 · 结束日期 · 试用期结束 · 签订次数 · 状态
培训记录: 日期 · 培训名称 · 类型 · 讲师 · 参加人 · 学时 · 考核结果 · 证书到期
证照印章: 名称 · 编号 · 保管人 · 到期日期
用印登记: 日期 · 印章 · 文件名称 · 份数 · 申请人 · 批准人 · 用途
档案: 档案号 · 名称 · 类别 · 形成日期 · 保管期限(年) · 存放位置 · 密级
档案借阅: 日期 · 档案号 · 借阅人 · 批准人 · 应还日期 · 归还日期
办公用品: 日期 · 物品 · 入库/领用 · 数量 · 单价 · 部门 · 经办人
"""
CHOICES = {("vehicle_costs", "category"): ("燃油", "过路", "维修", "保养", "保险", "年检", "违章", "其他"),
           ("fixed_assets", "category"): ("房屋", "机器设备", "运输工具", "电子设备", "办公家具"),
           ("fixed_assets", "status"): ("在用", "闲置", "报废", "处置"),
           ("labour_contracts", "kind"): ("固定期限", "无固定期限", "以完成一定工作任务为期限", "劳务"),
           ("training", "kind"): ("入职", "岗位", "厂家技术", "安全")}


def test_the_sheets_and_headers_are_the_issues():
    wanted = [(line.split(":")[0], [h.strip() for h in line.split(":")[1].split("·")])
              for line in ISSUE.strip().splitlines()]
    book = schema.book("admin")
    assert [(s.name, [c.header for c in s.columns]) for s in book.sheets] == wanted
    assert book.filename == "综合管理台账.xlsx" and book.optional


def test_the_issues_choices_are_the_dropdowns():
    for (sheet, field), choices in CHOICES.items():
        assert schema.sheet("admin", sheet).column(field).choices == choices


def test_init_writes_the_book_with_every_sheet(tmp_path):
    paths = init_books(tmp_path)
    assert tmp_path / "综合管理台账.xlsx" in paths
    wb = openpyxl.load_workbook(tmp_path / "综合管理台账.xlsx")
    assert wb.sheetnames == [s.name for s in schema.book("admin").sheets]
    assert [c.value for c in wb["车辆"][1]] == [c.header for c in schema.sheet("admin", "vehicles").columns]


def test_an_absent_book_is_no_problem_but_a_missing_sheet_of_a_present_one_is(tmp_path):
    init_books(tmp_path)
    (tmp_path / "综合管理台账.xlsx").unlink()
    books = read_books(tmp_path)
    assert not books["admin"].found and books["admin"].problems == []
    init_books(tmp_path, overwrite=True)
    wb = openpyxl.load_workbook(tmp_path / "综合管理台账.xlsx")
    del wb["档案借阅"]
    wb.save(tmp_path / "综合管理台账.xlsx")
    problems = read_books(tmp_path)["admin"].problems
    assert [(p.sheet, p.code) for p in problems] == [("档案借阅", Code.MISSING_SHEET)]
