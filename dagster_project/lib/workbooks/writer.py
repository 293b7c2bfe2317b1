"""Write grids onto sheets of an .xlsx (openpyxl) or .xls (xlwt) workbook.

Departments send both formats, with tables anywhere on a sheet and money typed in many
ways; the writer reproduces that so the parser meets it in tests. Output is byte-for-byte
deterministic: fixed document properties and fixed zip entry timestamps, because the
loader keys files by their sha256 and the generator's tests compare bytes.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

import openpyxl
import xlwt
from openpyxl.styles import Alignment, Font
from openpyxl.writer.excel import ExcelWriter

from dagster_project.lib.workbooks.grid import CellValue, Grid

FIXED_TIMESTAMP = dt.datetime(2021, 1, 1, 0, 0, 0)
FULL_WIDTH = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")

AmountText = Literal["number", "plain_text", "thousands_text", "fullwidth", "trailing_space"]
ZeroText = Literal["blank", "dash", "zero"]


@dataclass(frozen=True)
class AmountStyle:
    """How money cells (Decimal values) are typed into the sheet."""

    text: AmountText = "number"
    zero: ZeroText = "zero"


@dataclass
class Placement:
    """A grid placed with its first line at (start_row, start_col), both 0-based."""

    grid: Grid
    start_row: int = 0
    start_col: int = 0
    amount_style: AmountStyle = field(default_factory=AmountStyle)


@dataclass
class SheetSpec:
    name: str
    placements: list[Placement] = field(default_factory=list)


def render_amount(value: Decimal, style: AmountStyle) -> str | float | None:
    """The value a money cell receives: a float only at this last step, else text."""
    if value == 0:
        if style.zero == "blank":
            return None
        if style.zero == "dash":
            return "-"
    quantised = value.quantize(Decimal("0.01"))
    if quantised != value:
        raise ValueError(f"money with more than 2 decimals cannot be written exactly: {value}")
    if style.text == "number":
        # An Excel number cell is an IEEE double: the one place money becomes a float, and
        # only as written, from a value checked above to have at most two decimals (the
        # parser reads it back through repr, exact to the cent).
        return float(quantised)
    if style.text == "plain_text":
        return f"{quantised:.2f}"
    if style.text == "thousands_text":
        return f"{quantised:,.2f}"
    if style.text == "fullwidth":
        return f"{quantised:,.2f}".translate(FULL_WIDTH)
    return f"{quantised:.2f}  "


def _cell_value(value: CellValue, style: AmountStyle) -> str | float | int | None:
    if isinstance(value, Decimal):
        return render_amount(value, style)
    return value


def _placed_cells(p: Placement):
    """(row, col, value, part) for every non-empty cell of a placement."""
    for i, (part, cells) in enumerate(p.grid.lines()):
        for j, value in enumerate(cells):
            rendered = _cell_value(value, p.amount_style)
            if rendered is None or rendered == "":
                continue
            yield p.start_row + i, p.start_col + j, rendered, part


def write_workbook(path: Path, sheets: list[SheetSpec]) -> Path:
    """Write sheets to `path`; the suffix (.xls or .xlsx) picks the format."""
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        _write_xlsx(path, sheets)
    elif suffix == ".xls":
        _write_xls(path, sheets)
    else:
        raise ValueError(f"unsupported workbook suffix: {path.suffix}")
    return path


class _FixedTimeZip(zipfile.ZipFile):
    """A ZipFile whose entries all carry one fixed timestamp (reproducible bytes)."""

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if isinstance(zinfo_or_arcname, str):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=FIXED_TIMESTAMP.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        # openpyxl streams worksheets through temporary files; drop their mtimes.
        with open(filename, "rb") as fh:
            self.writestr(arcname or Path(filename).name, fh.read())


def _write_xlsx(path: Path, sheets: list[SheetSpec]) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for spec in sheets:
        ws = wb.create_sheet(spec.name)
        for p in spec.placements:
            for r, c, value, part in _placed_cells(p):
                cell = ws.cell(row=r + 1, column=c + 1, value=value)
                if part in ("title", "header"):
                    cell.alignment = centre
                if part == "title":
                    cell.font = bold
                if isinstance(value, float):
                    cell.number_format = "#,##0.00"
            for m in p.grid.merges():
                ws.merge_cells(
                    start_row=p.start_row + m.first_row + 1,
                    start_column=p.start_col + m.first_col + 1,
                    end_row=p.start_row + m.last_row + 1,
                    end_column=p.start_col + m.last_col + 1,
                )
    wb.properties.creator = "budget-warehouse"
    wb.properties.created = FIXED_TIMESTAMP
    with _FixedTimeZip(path, "w", zipfile.ZIP_DEFLATED) as archive:
        wb.properties.modified = FIXED_TIMESTAMP
        ExcelWriter(wb, archive).save()


def _write_xls(path: Path, sheets: list[SheetSpec]) -> None:
    wb = xlwt.Workbook(encoding="utf-8")
    styles = {
        "title": xlwt.easyxf("font: bold on; align: horiz center, vert center"),
        "header": xlwt.easyxf("align: horiz center, vert center, wrap on"),
        "text": xlwt.easyxf(""),
        "number": xlwt.easyxf("", num_format_str="#,##0.00"),
    }
    for spec in sheets:
        ws = wb.add_sheet(spec.name, cell_overwrite_ok=True)
        for p in spec.placements:
            for m in p.grid.merges():
                ws.merge(
                    p.start_row + m.first_row,
                    p.start_row + m.last_row,
                    p.start_col + m.first_col,
                    p.start_col + m.last_col,
                )
            for r, c, value, part in _placed_cells(p):
                if part in ("title", "header"):
                    style = styles[part]
                elif isinstance(value, float):
                    style = styles["number"]
                else:
                    style = styles["text"]
                ws.write(r, c, value, style)
    wb.save(str(path))
