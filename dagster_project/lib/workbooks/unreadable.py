"""Files the loader must quarantine because they cannot be read as a disclosure at all."""

from __future__ import annotations

from pathlib import Path

from dagster_project.lib.workbooks.grid import Grid
from dagster_project.lib.workbooks.writer import Placement, SheetSpec, write_workbook


def _entry(path: str, year: int, reason: str, detail: str) -> dict:
    return {
        "path": path,
        "department_code": None,
        "fiscal_year": year,
        "expected_status": "quarantined",
        "quarantine_reason": reason,
        "variants": [],
        "faults": [],
        "tables": {},
        "detail": detail,
    }


def write_unreadable_files(out_dir: Path, year: int) -> list[dict]:
    """A truncated .xlsx, a text file named .xls and a workbook without template tables."""
    out = []
    truncated = f"{year}/损坏_部门预算_{year}.xlsx"
    notes = Grid(
        title="工作记录",
        header_rows=[["日期", "事项"]],
        body=[["3月1日", "整理报表"], ["3月2日", "报送"]],
    )
    full = write_workbook(out_dir / truncated, [SheetSpec("Sheet1", [Placement(notes)])])
    data = full.read_bytes()
    full.write_bytes(data[: len(data) // 2])
    out.append(
        _entry(truncated, year, "truncated", f"cut to {len(data) // 2} of {len(data)} bytes")
    )

    text = f"{year}/部门预算说明_{year}.xls"
    (out_dir / text).write_text(
        "2021年部门预算公开说明\n本文件为文本，不是电子表格。\n", encoding="utf-8"
    )
    out.append(_entry(text, year, "not_a_spreadsheet", "plain UTF-8 text with an .xls name"))

    other = f"{year}/工作记录_{year}.xlsx"
    write_workbook(out_dir / other, [SheetSpec("Sheet1", [Placement(notes)]), SheetSpec("Sheet2")])
    out.append(_entry(other, year, "no_template_tables", "a spreadsheet with no 表1–表16 title"))
    return out
