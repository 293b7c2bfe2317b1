"""Small workbooks written in the tests themselves (openpyxl for .xlsx, xlwt for .xls),
so each layout variant is visible next to the assertion about it."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import xlwt
from openpyxl.utils import range_boundaries

Cell = str | int | float | None
# sheet name → (rows, merges as "A1:D1" ranges)
Sheets = dict[str, tuple[list[list[Cell]], list[str]]]


def place(rows: list[list[Cell]], row_offset: int = 0, col_offset: int = 0) -> list[list[Cell]]:
    """Shift a block of rows down/right (a table that does not start at A1)."""
    return [[] for _ in range(row_offset)] + [[None] * col_offset + list(r) for r in rows]


def write_xlsx(path: Path, sheets: Sheets) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, (rows, merges) in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None and value != "":
                    ws.cell(row=r, column=c, value=value)
        for rng in merges:
            ws.merge_cells(rng)
    wb.save(path)
    return path


def write_xls(path: Path, sheets: Sheets) -> Path:
    wb = xlwt.Workbook(encoding="utf-8")
    for name, (rows, merges) in sheets.items():
        ws = wb.add_sheet(name)
        merged_origin = {}
        for rng in merges:
            c0, r0, c1, r1 = range_boundaries(rng)
            merged_origin[(r0 - 1, c0 - 1)] = (r1 - 1, c1 - 1)
        covered = set()
        for (r0, c0), (r1, c1) in merged_origin.items():
            value = rows[r0][c0] if r0 < len(rows) and c0 < len(rows[r0]) else ""
            ws.write_merge(r0, r1, c0, c1, "" if value is None else value)
            covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if (r, c) in covered or value is None or value == "":
                    continue
                ws.write(r, c, value)
    wb.save(str(path))
    return path


def write(path: Path, sheets: Sheets) -> Path:
    return write_xls(path, sheets) if path.suffix == ".xls" else write_xlsx(path, sheets)


# ---- table blocks in the Shaanxi template's shape, figures from the seed ----------------

T05_TITLE = "2021年部门综合预算一般公共预算支出明细表（按支出功能分类科目-不含上年结转）"
T06_TITLE = "2021年部门综合预算一般公共预算支出明细表（按支出经济分类科目-不含上年结转）"


def t05_block(title: str = T05_TITLE, unit: str = "单位：元") -> list[list[Cell]]:
    return [
        [title],
        [None, None, None, None, None, unit],
        [
            "功能科目编码",
            "功能科目名称",
            "合计",
            "人员经费支出",
            "公用经费支出",
            "专项业务经费支出",
            "备注",
        ],
        [None, "合计", 11463700.0, 3097800.0, 289000.0, 8076900.0],
        ["201", "一般公共服务支出", 11263700.0, 3097800.0, 289000.0, 7876900.0],
        ["20103", "政府办公厅(室)及相关机构事务", 11263700.0, 3097800.0, 289000.0, 7876900.0],
        [2010350, "事业运行", 3386800.0, 3097800.0, 289000.0],
        [2010399.0, "其他政府办公厅(室)及相关机构事务支出", 7876900.0, None, None, 7876900.0],
        ["205", "教育支出", 200000.0, None, None, 200000.0],
        ["20508", "进修及培训", 200000.0, None, None, 200000.0],
        ["2050803", "培训支出", 200000.0, None, None, 200000.0],
    ]


def t06_block(title: str = T06_TITLE) -> list[list[Cell]]:
    return [
        [title],
        ["单位：元"],
        [
            "部门经济科目编码",
            "部门经济科目名称",
            "政府经济科目编码",
            "政府经济科目名称",
            "合计",
            "人员经费支出",
            "公用经费支出",
            "专项业务经费支出",
            "备注",
        ],
        [None, "合计", None, None, 11463700.0, 3097800.0, 289000.0, 8076900.0],
        ["301", "工资福利支出", None, None, 3085320.0, 3085320.0],
        ["30101", "基本工资", "50501", "工资福利支出", 802881.6, 802881.6],
        ["30239", "其他交通费用", "50502", "商品和服务支出", 12480.0, 12480.0],
    ]


def amounts_by_code(table) -> dict[tuple[str | None, str], object]:
    return {
        (row.code or row.label, m): a.value
        for row in table.rows
        for m, a in row.amounts.items()
        if not a.is_blank
    }
