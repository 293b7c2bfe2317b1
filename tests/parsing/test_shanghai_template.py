"""A second template is a YAML file plus tests: the Shanghai 9-table budget set, read by
the same parser. Figures are the real ones of 上海市普陀区人民政府办公室 2025 部门预算
(shared/real/shanghai/sh_putuo_govoffice_2025_dept_budget.txt)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from builders import write

from dagster_project.lib.parsing import parse_disclosure_workbook
from dagster_project.lib.templates import default_templates

D = Decimal
DEPT = "编制部门：上海市普陀区人民政府办公室"

# (类, 款, 项, name, 合计, 基本支出, 项目支出) as printed in 表5
SH05_LINES = [
    ("201", "", "", "一般公共服务支出", "82,096,797.42", "15,686,797.42", "66,410,000.00"),
    (
        "201",
        "03",
        "",
        "政府办公厅（室）及相关机构事务",
        "82,096,797.42",
        "15,686,797.42",
        "66,410,000.00",
    ),
    ("201", "03", "01", "行政运行", "12,029,501.84", "11,919,501.84", "110,000.00"),
    ("201", "03", "02", "一般行政管理事务", "46,140,000.00", "", "46,140,000.00"),
    ("201", "03", "50", "事业运行", "3,807,295.58", "3,767,295.58", "40,000.00"),
    (
        "201",
        "03",
        "99",
        "其他政府办公厅（室）及相关机构事务支出",
        "20,120,000.00",
        "",
        "20,120,000.00",
    ),
    ("208", "", "", "社会保障和就业支出", "4,213,779.28", "4,213,779.28", ""),
    ("208", "05", "", "行政事业单位养老支出", "4,213,779.28", "4,213,779.28", ""),
    ("208", "05", "01", "行政单位离退休", "1,554,220.00", "1,554,220.00", ""),
    ("208", "05", "05", "机关事业单位基本养老保险缴费支出", "1,763,159.52", "1,763,159.52", ""),
    ("208", "05", "06", "机关事业单位职业年金缴费支出", "881,579.76", "881,579.76", ""),
    ("208", "05", "99", "其他行政事业单位养老支出", "14,820.00", "14,820.00", ""),
    ("210", "", "", "卫生健康支出", "1,097,073.43", "1,097,073.43", ""),
    ("210", "11", "", "行政事业单位医疗", "1,097,073.43", "1,097,073.43", ""),
    ("210", "11", "01", "行政单位医疗", "782,855.28", "782,855.28", ""),
    ("210", "11", "02", "事业单位医疗", "314,218.15", "314,218.15", ""),
    ("221", "", "", "住房保障支出", "3,609,125.22", "3,609,125.22", ""),
    ("221", "02", "", "住房改革支出", "3,609,125.22", "3,609,125.22", ""),
    ("221", "02", "01", "住房公积金", "1,741,445.22", "1,741,445.22", ""),
    ("221", "02", "03", "购房补贴", "1,867,680.00", "1,867,680.00", ""),
]
SH08_LINES = [
    ("301", "", "工资福利支出", 21170337.81, 21170337.81, None),
    ("301", "01", "基本工资", 2540192.00, 2540192.00, None),
    ("301", "13", "住房公积金", 1741445.22, 1741445.22, None),
    ("302", "", "商品和服务支出", 1932777.54, None, 1932777.54),
    ("302", "17", "公务接待费", 185000.00, None, 185000.00),
    ("303", "", "对个人和家庭的补助", 1303660.00, 1303660.00, None),
    ("310", "", "资本性支出", 200000.00, None, 200000.00),
    ("310", "02", "办公设备购置", 200000.00, None, 200000.00),
]


def _sh01():
    rows = [
        ["2025年部门财务收支预算总表"],
        [DEPT, None, None, "单位：元"],
        ["本年收入", None, "本年支出"],
        ["项目", "预算数", "项目", "预算数"],
        ["一、财政拨款收入", 91016775.35, "一、一般公共服务支出", 82096797.42],
        ["1. 一般公共预算资金", 91016775.35, "二、社会保障和就业支出", 4213779.28],
        ["2. 政府性基金", None, "三、卫生健康支出", 1097073.43],
        ["3. 国有资本经营预算", None, "四、住房保障支出", 3609125.22],
        ["二、事业收入"],
        ["收入总计", 91016775.35, "支出总计", 91016775.35],
    ]
    return rows, ["A1:D1", "A3:B3", "C3:D3"]


def _sh05():
    header = [
        ["项目", None, None, None, "一般公共预算支出"],
        ["功能分类科目编码", None, None, "功能分类科目名称", "合计", "基本支出", "项目支出"],
        ["类", "款", "项"],
    ]
    body = [list(line) for line in SH05_LINES]
    # Excel drops the leading zero of a 款 typed as a number; one row keeps it as text
    body[2][1] = 3
    rows = [
        ["2025年部门一般公共预算支出功能分类预算表"],
        [DEPT, None, None, None, None, None, "单位：元"],
    ]
    rows += header + body[:13] + header + body[13:]  # header repeated after a page break
    rows += [[None, None, None, "合计", "91,016,775.35", "24,606,775.35", "66,410,000.00"]]
    merges = ["A3:D3", "E3:G3", "A4:C4", "D4:D5", "E4:E5", "F4:F5", "G4:G5"]
    return rows, merges


def _sh08():
    rows = [
        ["2025年部门一般公共预算基本支出部门预算经济分类预算表"],
        [DEPT, None, None, None, "单位：元"],
        ["项目", None, None, "一般公共预算基本支出"],
        ["部门预算经济分类科目编码", None, "经济分类科目名称", "合计", "人员经费", "公用经费"],
        ["类", "款"],
    ]
    rows += [[int(c), int(k) if k else None, n, t, p, q] for c, k, n, t, p, q in SH08_LINES]
    rows += [[None, None, "合计", 24606775.35, 22473997.81, 2132777.54]]
    return rows, ["A3:C3", "D3:F3", "A4:B4", "C4:C5", "D4:D5", "E4:E5", "F4:F5"]


def _sh09():
    rows = [
        ["2025年部门“三公”经费和机关运行经费预算表"],
        [DEPT, None, None, None, None, None, "单位:万元"],
        ["“三公”经费预算数", None, None, None, None, None, "机关运行经费预算数"],
        ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费"],
        [None, None, None, "小计", "购置费", "运行费"],
        [867.50, 839.00, 28.50, None, None, None, 213.28],
    ]
    return rows, ["A3:F3", "G3:G5", "A4:A5", "B4:B5", "C4:C5", "D4:F4"]


@pytest.fixture(scope="module", params=[".xlsx", ".xls"])
def putuo(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("sh") / f"putuo_govoffice_2025{request.param}"
    sheets = {"1": _sh01(), "5": _sh05(), "8": _sh08(), "9": _sh09()}
    return parse_disclosure_workbook(write(path, sheets))


def test_template_is_chosen_by_its_tables(putuo):
    assert [t.template_id for t in default_templates()][:1] == ["shaanxi"]
    assert putuo.template_id == "shanghai"
    assert sorted(putuo.tables) == ["SH01", "SH05", "SH08", "SH09"]
    assert putuo.fiscal_year == 2025
    assert putuo.department_name == "上海市普陀区人民政府办公室"


def test_financial_summary_pairs(putuo):
    t = putuo.tables["SH01"]
    income = {r.label: r.amounts["amount"].value for r in t.section_rows("income")}
    spend = {r.label: r.amounts["amount"].value for r in t.section_rows("expenditure_function")}
    assert income["财政拨款收入"] == D("91016775.35")
    assert income["收入总计"] == spend["支出总计"] == D("91016775.35")
    lines = [v for k, v in spend.items() if k != "支出总计"]
    assert sum(lines) == D("91016775.35")  # B1 on real figures


def test_function_table_split_codes_and_identities(putuo):
    t = putuo.tables["SH05"]
    rows = {r.code: r for r in t.rows if r.code}
    assert len(rows) == len(SH05_LINES)
    assert rows["2010350"].amounts["basic"].value == D("3767295.58")
    assert rows["2010350"].amounts["project"].value == D("40000.00")
    assert rows["2010301"].code_level == 3 and rows["20103"].code_level == 2
    total = next(r for r in t.rows if r.row_kind == "total")
    assert total.amounts["total"].value == D("91016775.35")
    classes = [r for r in t.rows if r.code_level == 1]
    for measure in ("total", "basic", "project"):
        assert sum(r.amounts[measure].value for r in classes) == total.amounts[measure].value
    for r in t.rows:  # S1-like: 合计 = 基本 + 项目 on every row
        assert r.amounts["total"].value == r.amounts["basic"].value + r.amounts["project"].value
    assert not putuo.warnings or all("SH05" not in w for w in putuo.warnings)


def test_economic_table(putuo):
    t = putuo.tables["SH08"]
    rows = {r.code: r for r in t.rows if r.code}
    assert rows["30217"].amounts["public"].value == D("185000.00")
    assert rows["30113"].amounts["personnel"].value == D("1741445.22")
    assert rows["310"].code_level == 1 and rows["31002"].code_level == 2
    total = next(r for r in t.rows if r.row_kind == "total")
    assert total.amounts["personnel"].value + total.amounts["public"].value == D("24606775.35")


def test_three_public_expenses_in_wan_yuan(putuo):
    t = putuo.tables["SH09"]
    assert t.unit_multiplier == 10000
    (row,) = t.rows
    got = {m: a.value for m, a in row.amounts.items()}
    assert got["total"] == D("8675000.00")
    assert got["overseas_travel"] == D("8390000.00")
    assert got["reception"] == D("285000.00")
    assert got["office_operation"] == D("2132800.00")
    assert row.amounts["vehicle_purchase"].is_blank
    assert got["total"] == got["overseas_travel"] + got["reception"] + got["vehicle_total"]
