"""The seed workbook read back with python-calamine holds the seed's golden figures."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from dagster_project.lib.workbooks.seed import write_seed_registry, write_seed_workbook


@pytest.fixture(scope="module")
def seed_book(tmp_path_factory) -> CalamineWorkbook:
    raw = tmp_path_factory.mktemp("raw")
    return CalamineWorkbook.from_path(str(write_seed_workbook(raw)))


def sheet(book: CalamineWorkbook, name: str) -> list[list]:
    return book.get_sheet_by_name(name).to_python(skip_empty_area=False)


def row_by_first(rows: list[list], col: int, value) -> list:
    return next(r for r in rows if r[col] == value)


def test_sheet_names_and_cover(seed_book):
    assert seed_book.sheet_names == ["封面", "目录"] + [f"表{n}" for n in range(1, 17)]
    cover = [r[0] for r in sheet(seed_book, "封面")]
    assert cover == [
        "2021年部门综合预算公开报表",
        "部门名称：陕西省政务服务中心",
        "保密审查情况：已审查",
        "部门主要负责人审签情况：已审签",
    ]


def test_catalogue_marks_empty_tables(seed_book):
    rows = sheet(seed_book, "目录")
    marks = {r[0]: (r[2], r[3]) for r in rows if str(r[0]).startswith("表")}
    assert (
        marks["表9"] == ("是", "不涉及")
        and marks["表11"] == ("是", "不涉及")
        and marks["表16"] == ("是", "不涉及")
    )
    assert marks["表5"] == ("否", "")
    assert len(marks) == 16


def test_t05_golden_figures(seed_book):
    rows = sheet(seed_book, "表5")
    assert rows[1][0].startswith("2021年部门综合预算一般公共预算支出明细表")
    assert rows[2][-1] == "单位：元"
    assert rows[3][:6] == [
        "功能科目编码",
        "功能科目名称",
        "合计",
        "人员经费支出",
        "公用经费支出",
        "专项业务经费支出",
    ]
    assert row_by_first(rows, 1, "合计")[2:6] == [11463700.0, 3097800.0, 289000.0, 8076900.0]
    assert row_by_first(rows, 0, "2010350")[2:5] == [3386800.0, 3097800.0, 289000.0]
    assert row_by_first(rows, 0, "2010399")[5] == 7876900.0
    assert row_by_first(rows, 0, "2050803")[2] == 200000.0


def test_t06_and_t01_golden_figures(seed_book):
    t6 = sheet(seed_book, "表6")
    assert row_by_first(t6, 0, "301")[4] == 3085320.0
    assert row_by_first(t6, 0, "30101")[2:5] == ["50501", "工资福利支出", 802881.6]
    assert row_by_first(t6, 0, "30201")[4:8] == [137223.17, "", 60323.17, 76900.0]
    assert row_by_first(t6, 0, "30227")[4] == 3420000.0
    t1 = sheet(seed_book, "表1")
    assert t1[2][0] == "收 入" and t1[2][2] == "支 出"
    assert row_by_first(t1, 0, "收入总计")[1::2] == [11463700.0] * 4
    assert row_by_first(t1, 2, "1、一般公共服务支出")[3] == 11263700.0
    assert row_by_first(t1, 4, "（1）工资福利支出")[5] == 3085320.0


def test_t12_procurement_and_merged_headers(seed_book):
    rows = sheet(seed_book, "表12")
    total = row_by_first(rows, 4, "合计")
    assert total[8] == 132 and total[14] == 2679993.0
    assert rows[4][:3] == ["类", "款", "项"]
    item = next(r for r in rows if r[5] == "C99其他服务")
    assert (
        item[:3] == ["201", "03", "99"]
        and item[9:13] == ["302", "26", "505", "02"]
        and item[14] == 1880000.0
    )
    merges = {tuple(map(tuple, m)) for m in seed_book.get_sheet_by_name("表12").merged_cell_ranges}
    assert ((3, 0), (3, 2)) in merges  # 科目编码 over 类/款/项
    assert ((3, 9), (3, 10)) in merges and ((3, 11), (3, 12)) in merges


def test_reconstructed_tables_2_3_13(seed_book):
    t2 = sheet(seed_book, "表2")
    assert row_by_first(t2, 0, "179001")[2:5] == [11463700.0, 11463700.0, 11463700.0]
    t3 = sheet(seed_book, "表3")
    assert row_by_first(t3, 0, "2010350")[2:7] == [3386800.0, 3386800.0, 3097800.0, 289000.0, ""]
    t13 = sheet(seed_book, "表13")
    assert row_by_first(t13, 1, "合计")[2:10] == [
        276000.0,
        "",
        "",
        "",
        "",
        10000.0,
        66000.0,
        200000.0,
    ]


def test_withheld_and_performance_tables(seed_book):
    t11 = sheet(seed_book, "表11")
    assert t11[4] == ["**"] * 11
    t14 = sheet(seed_book, "表14")
    assert row_by_first(t14, 2, "实施期资金总额:")[4] == 807.69
    t15 = sheet(seed_book, "表15")
    assert row_by_first(t15, 0, "金额合计")[3] == 1146.37


def test_seed_is_deterministic_and_registry(tmp_path: Path):
    a = write_seed_workbook(tmp_path / "a").read_bytes()
    b = write_seed_workbook(tmp_path / "b").read_bytes()
    assert a == b
    with write_seed_registry(tmp_path).open(encoding="utf-8") as fh:
        assert list(csv.reader(fh)) == [
            ["department_code", "department_name", "aliases"],
            ["179", "陕西省政务服务中心", "省政务服务中心"],
        ]
