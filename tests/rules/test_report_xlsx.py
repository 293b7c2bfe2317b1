"""The department reports' own .xlsx writer: what openpyxl reads back is what was written."""

from __future__ import annotations

import openpyxl
import pytest

from dagster_project.lib.reports._xlsx import Sheet, Style, write_workbook


def test_cells_styles_and_widths_read_back(tmp_path):
    path = tmp_path / "report.xlsx"
    write_workbook(
        path,
        [
            Sheet(
                "未通过规则",
                rows=[
                    [("2021 年 <部门> & “报告”", Style.TITLE)],
                    ["未通过 1 项", None, "", 2021, 1.5],
                    [("规则 Rule", Style.BOLD), ("说明 Message", Style.BOLD)],
                    ["B1", ("  相差 100.00 元\n第二行", Style.WRAPPED)],
                ],
                widths=[8, 80],
            ),
            Sheet("无法校验", rows=[["规则 Rule"]]),
        ],
    )
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["未通过规则", "无法校验"]
    sheet = workbook["未通过规则"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["2021 年 <部门> & “报告”", None, None, None, None],
        ["未通过 1 项", None, None, 2021, 1.5],
        ["规则 Rule", "说明 Message", None, None, None],
        ["B1", "  相差 100.00 元\n第二行", None, None, None],
    ]
    assert sheet["A1"].font.b and sheet["A1"].font.sz == 14
    assert sheet["A3"].font.b and sheet["B3"].font.b and not sheet["A2"].font.b
    assert sheet["B4"].alignment.wrap_text and sheet["B4"].alignment.vertical == "top"
    assert not sheet["A4"].alignment.wrap_text
    assert (sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width) == (8, 80)
    assert workbook["无法校验"]["A1"].value == "规则 Rule"


def test_text_a_workbook_cannot_hold_is_refused(tmp_path):
    with pytest.raises(ValueError, match="cannot hold"):
        write_workbook(tmp_path / "bad.xlsx", [Sheet("s", rows=[["a\x01b"]])])
