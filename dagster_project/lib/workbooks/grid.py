"""A laid-out table, independent of the spreadsheet format it is written to.

A disclosure table is a stack of lines: an optional "表N" label, a title, a unit line,
one or more header rows (with merged ranges), body rows and footnotes. Builders in
`shaanxi.py` produce grids from budget content; `writer.py` places grids on sheets. Keeping
the layout separate from the format lets one budget be written as .xls and .xlsx, at any
offset, several tables per sheet, without the builders knowing.

Cell values: `str` is text, `Decimal` is money in the table's printed unit, `int` is a
count or a code typed as a number, `None` is an empty cell. How money is rendered (number,
text with separators, full-width digits, "-" for zero) is the writer's choice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

CellValue = str | Decimal | int | None


@dataclass(frozen=True)
class Merge:
    """A merged range, 0-based and inclusive, relative to the block it belongs to."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int


@dataclass
class Grid:
    """One table as it is printed.

    `body_meta` optionally carries, per body row, whatever the caller wants to relate to
    the printed row (the generator keeps the truth-manifest rows there, so that the sheet
    row number of every manifest row is known once the grid is placed).
    """

    title: str
    header_rows: list[list[CellValue]]
    body: list[list[CellValue]] = field(default_factory=list)
    table_label: str | None = None
    unit_text: str | None = None
    header_merges: list[Merge] = field(default_factory=list)
    body_merges: list[Merge] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    table_id: str | None = None
    body_meta: list[Any] = field(default_factory=list)
    unit_in_first_column: bool = False
    code_columns: list[int] = field(default_factory=list)

    @property
    def width(self) -> int:
        rows = self.header_rows + self.body
        return max((len(r) for r in rows), default=1)

    def lines(self) -> list[tuple[str, list[CellValue]]]:
        """Every printed line in order, tagged with its part of the table.

        Tags: label, title, unit, header, body, footnote. The writer and the row-number
        arithmetic both use this single ordering.
        """
        out: list[tuple[str, list[CellValue]]] = []
        if self.table_label:
            out.append(("label", [self.table_label]))
        out.append(("title", [self.title]))
        if self.unit_text:
            if self.unit_in_first_column or self.width == 1:
                out.append(("unit", [self.unit_text]))
            else:
                out.append(("unit", [None] * (self.width - 1) + [self.unit_text]))
        out.extend(("header", list(r)) for r in self.header_rows)
        out.extend(("body", list(r)) for r in self.body)
        out.extend(("footnote", [f]) for f in self.footnotes)
        return out

    def body_offset(self) -> int:
        """Row index, relative to the grid's first line, of the first body row."""
        return (
            (1 if self.table_label else 0)
            + 1
            + (1 if self.unit_text else 0)
            + len(self.header_rows)
        )

    def height(self) -> int:
        return self.body_offset() + len(self.body) + len(self.footnotes)

    def merges(self) -> list[Merge]:
        """All merges relative to the grid's first line, the title merged across."""
        width = self.width
        out: list[Merge] = []
        title_row = 1 if self.table_label else 0
        if width > 1:
            out.append(Merge(title_row, 0, title_row, width - 1))
        header_start = title_row + 1 + (1 if self.unit_text else 0)
        for m in self.header_merges:
            out.append(
                Merge(
                    m.first_row + header_start, m.first_col, m.last_row + header_start, m.last_col
                )
            )
        body_start = self.body_offset()
        for m in self.body_merges:
            out.append(
                Merge(m.first_row + body_start, m.first_col, m.last_row + body_start, m.last_col)
            )
        foot_start = body_start + len(self.body)
        if width > 1:
            out.extend(
                Merge(foot_start + i, 0, foot_start + i, width - 1)
                for i in range(len(self.footnotes))
            )
        return out
