"""Tables are found by title and header words wherever they sit, in .xls and .xlsx."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest
from builders import T05_TITLE, amounts_by_code, place, t05_block, t06_block, write

from dagster_project.lib.parsing import parse_disclosure_workbook

D = Decimal


def _expect_t05(table):
    got = amounts_by_code(table)
    assert got[("合计", "total")] == D("11463700.00")
    assert got[("2010350", "personnel")] == D("3097800.00")
    assert got[("2010350", "public")] == D("289000.00")
    assert got[("2010399", "project")] == D("7876900.00")
    assert got[("2050803", "total")] == D("200000.00")
    assert len(got) == 4 + 4 + 4 + 3 + 2 + 2 + 2 + 2


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_offset_table_on_renamed_sheet(tmp_path, suffix):
    path = write(
        tmp_path / f"offset{suffix}",
        {"Sheet3": (place(t05_block(), row_offset=4, col_offset=2), ["C5:I5"])},
    )
    d = parse_disclosure_workbook(path)
    t = d.tables["T05"]
    assert t.sheet == "Sheet3" and t.title_cell_ref == "Sheet3!C5"
    _expect_t05(t)
    row = next(r for r in t.rows if r.code == "2010350")
    assert row.amounts["personnel"].cell_ref == "Sheet3!F11"
    assert row.row_number == 11


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_two_tables_share_a_sheet_in_reverse_order(tmp_path, suffix):
    rows = t06_block() + [[], ["表5"]] + t05_block()
    path = write(tmp_path / f"shared{suffix}", {"明细": (rows, []), "空": ([["说明"]], [])})
    d = parse_disclosure_workbook(path)
    assert set(d.tables) == {"T05", "T06"}
    _expect_t05(d.tables["T05"])
    t6 = amounts_by_code(d.tables["T06"])
    assert t6[("30239", "personnel")] == D("12480.00")
    assert t6[("30101", "total")] == D("802881.60")
    # 表6 ends where 表5's title begins: none of 表5's codes leak into it
    assert not any(r.code and r.code.startswith("20") for r in d.tables["T06"].rows)


@pytest.mark.parametrize(
    "title",
    [
        "2021年部门综合预算一般公共预算支出明细表（按功能科目）",
        "2021年一般公共预算支出明细表(按支出功能分类科目)",
        "２０２１年 一般公共预算 支出明细表 （按支出功能分类科目-不含上年结转）",
    ],
)
def test_title_wording_variants(tmp_path, title):
    path = write(tmp_path / "v.xlsx", {"x": (t05_block(title=title), [])})
    d = parse_disclosure_workbook(path)
    assert d.fiscal_year == 2021
    _expect_t05(d.tables["T05"])


def test_content_decides_format_not_extension(tmp_path):
    xls = write(tmp_path / "real.xls", {"表5": (t05_block(), [])})
    disguised = tmp_path / "disguised.xlsx"
    shutil.copy(xls, disguised)
    _expect_t05(parse_disclosure_workbook(disguised).tables["T05"])


def test_codes_split_over_class_columns_with_numeric_kuan(tmp_path):
    rows = [
        [T05_TITLE],
        ["单位:元"],
        ["科目编码", None, None, "科目名称", "合计", "人员经费", "公用经费", "专项业务经费"],
        ["类", "款", "项", None, None, None, None, None],
        [None, None, None, "合计", 3586800, 3097800, 289000, 200000],
        [201, None, None, "一般公共服务支出", 3386800, 3097800, 289000, None],
        [201, 3, None, "政府办公厅(室)及相关机构事务", 3386800, 3097800, 289000, None],
        [201, 3, 50, "事业运行", 3386800, 3097800, 289000, None],
        ["205", "08", "03", "培训支出", "200,000.00", "-", "—", "200,000.00"],
    ]
    path = write(tmp_path / "split.xlsx", {"表5": (rows, ["A3:C3", "D3:D4", "E3:E4"])})
    t = parse_disclosure_workbook(path).tables["T05"]
    codes = [(r.code, r.code_level) for r in t.rows if r.code]
    assert codes == [("201", 1), ("20103", 2), ("2010350", 3), ("2050803", 3)]
    got = amounts_by_code(t)
    assert got[("2010350", "public")] == D("289000.00")
    assert got[("2050803", "project")] == D("200000.00")
    training = next(r for r in t.rows if r.code == "2050803")
    assert training.amounts["personnel"].is_blank and training.amounts["personnel"].value == 0
    assert training.amounts["personnel"].raw_text == "-"


def test_code_parent_mismatch_is_a_warning(tmp_path):
    rows = t05_block()
    rows[10][0] = "2060803"  # a 项 under 20508 that does not start with it
    d = parse_disclosure_workbook(write(tmp_path / "m.xlsx", {"表5": (rows, [])}))
    assert any("2060803" in w and "20508" in w for w in d.warnings)
    assert any("表5!A11" in w for w in d.warnings)


def test_multi_row_header_parent_and_child(tmp_path):
    rows = [
        ["2021年部门综合预算收入总表"],
        ["金额单位：万元"],
        [
            "单位编码",
            "单位名称",
            "合计",
            "财政拨款",
            None,
            None,
            None,
            "上级补助收入",
            "事业收入",
            "其他收入",
            "上年结转",
        ],
        [None, None, None, "小计", "一般公共预算拨款", "政府性基金拨款", "国有资本经营预算收入"],
        [None, "合计", 1146.37, 1146.37, 1146.37, None, None, None, None, None, "**"],
        ["179", "陕西省政务服务中心", "1,146.37", "1146.37", "１１４６.３７"],
    ]
    merges = ["A3:A4", "B3:B4", "C3:C4", "D3:G3", "H3:H4", "I3:I4", "J3:J4", "K3:K4"]
    for suffix in (".xlsx", ".xls"):
        d = parse_disclosure_workbook(write(tmp_path / f"t2{suffix}", {"收入": (rows, merges)}))
        t = d.tables["T02"]
        assert t.unit_multiplier == 10000
        got = amounts_by_code(t)
        for measure in ("total", "fiscal_subtotal", "general_budget"):
            assert got[("179", measure)] == D("11463700.00")
            assert got[("合计", measure)] == D("11463700.00")
        total = next(r for r in t.rows if r.row_kind == "total")
        assert total.amounts["carryover"].is_withheld
        assert set(total.amounts) >= {"gov_fund", "state_capital", "superior_subsidy"}
        assert d.unit_codes == ["179"]


def test_side_by_side_sections_with_spaced_headers(tmp_path):
    rows = [
        ["2021年部门综合预算财政拨款收支总表"],
        ["单位：元"],
        ["收  入", None, "支 出"],
        [
            "项  目",
            "预算数",
            "支出功能分类科目(按大类)",
            "预算数",
            "部门预算支出经济分类科目(按大类)",
            "预算数",
            "政府预算支出经济分类科目(按大类)",
            "预算数",
        ],
        [
            "一、财政拨款",
            11463700,
            "一、财政拨款",
            11463700,
            "一、财政拨款",
            11463700,
            "一、财政拨款",
            11463700,
        ],
        [
            "1、一般公共预算拨款",
            11463700,
            "1、一般公共服务支出",
            11263700,
            "(1)工资福利支出",
            3085320,
            "5、对事业单位经常性补助",
            11463700,
        ],
        [None, None, "5、教育支出", 200000],
        [
            "本年收入合计",
            11463700,
            "本年支出合计",
            11463700,
            "本年支出合计",
            11463700,
            "本年支出合计",
            11463700,
        ],
    ]
    t = parse_disclosure_workbook(
        write(tmp_path / "t4.xls", {"s": (rows, ["A3:B3", "C3:H3"])})
    ).tables["T04"]
    by_section = {}
    for r in t.rows:
        by_section.setdefault(r.section, []).append(
            (r.label, r.amounts["amount"].value, r.row_kind)
        )
    assert by_section["income"] == [
        ("财政拨款", D("11463700.00"), "line"),
        ("一般公共预算拨款", D("11463700.00"), "line"),
        ("本年收入合计", D("11463700.00"), "total"),
    ]
    assert ("教育支出", D("200000.00"), "line") in by_section["expenditure_function"]
    assert ("工资福利支出", D("3085320.00"), "line") in by_section["expenditure_dept_econ"]
    assert by_section["expenditure_gov_econ"][1] == (
        "对事业单位经常性补助",
        D("11463700.00"),
        "line",
    )


def test_header_repeated_after_page_break_and_footnote(tmp_path):
    rows = t05_block()
    rows = rows[:7] + [rows[2]] + rows[7:] + [["注：本表不含上年结转。", None, 5]]
    t = parse_disclosure_workbook(write(tmp_path / "p.xlsx", {"表5": (rows, [])})).tables["T05"]
    _expect_t05(t)


def test_missing_unit_line_uses_template_default_with_warning(tmp_path):
    rows = [r for r in t05_block() if not (len(r) > 5 and r[5] == "单位：元")]
    d = parse_disclosure_workbook(write(tmp_path / "u.xlsx", {"表5": (rows, [])}))
    assert d.tables["T05"].unit_multiplier == 1
    assert any("未标明金额单位" in w for w in d.warnings)


def test_wan_yuan_table(tmp_path):
    rows = t05_block(unit="单位：万元")
    for r in rows[3:]:
        for i in range(2, len(r)):
            if isinstance(r[i], float):
                r[i] = round(r[i] / 10000, 2)
    t = parse_disclosure_workbook(write(tmp_path / "w.xlsx", {"表5": (rows, [])})).tables["T05"]
    assert t.unit_text == "万元"
    _expect_t05(t)
    row = next(r for r in t.rows if r.code == "2010350")
    assert row.amounts["public"].raw_text == "28.9"
    assert row.amounts["public"].unit_multiplier == 10000


def test_cover_catalogue_and_department_fallback(tmp_path):
    cover = [
        ["2021年部门综合预算公开报表"],
        ["部门名称：陕西省政务服务中心"],
        ["保密审查情况：", "已审查"],
        ["部门主要负责人审签情况：已审签"],
    ]
    catalogue = [
        ["目录"],
        ["报表", "报表名称", "是否空表", "公开空表理由"],
        ["表5", "2021年部门综合预算一般公共预算支出明细表（按支出功能分类科目）", "否"],
        ["表9", "2021年部门综合预算政府性基金收支表", "是", "不涉及"],
    ]
    path = write(
        tmp_path / "c.xlsx",
        {"封面": (cover, []), "目录": (catalogue, []), "表5": (t05_block(), [])},
    )
    d = parse_disclosure_workbook(path)
    assert d.department_name == "陕西省政务服务中心" and d.department_name_source == "cover"
    assert (d.cover.secrecy_review, d.cover.head_signoff) == ("已审查", "已审签")
    assert d.cover.cell_ref == "封面!A2"
    assert [(e.table_id, e.is_empty, e.empty_reason) for e in d.catalogue] == [
        ("T05", False, None),
        ("T09", True, "不涉及"),
    ]
    # the catalogue's titles are not tables
    assert list(d.tables) == ["T05"]
    no_cover = write(tmp_path / "n.xlsx", {"表5": (t05_block(), [])})
    assert parse_disclosure_workbook(no_cover).department_name_source == "none"


def test_parser_does_not_modify_the_file(tmp_path):
    path = write(tmp_path / "ro.xlsx", {"表5": (t05_block(), [])})
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    d = parse_disclosure_workbook(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    import hashlib

    assert d.file_sha256 == hashlib.sha256(before[0]).hexdigest()
    assert d.file_size == len(before[0])
