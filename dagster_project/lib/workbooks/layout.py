"""Shared layout helpers: header rows from column paths, list tables, row truths.

Most Shaanxi tables are a list: header rows (some merged over sub-columns) and one body row
per code or unit. Building them from a column specification keeps header text, merged
ranges and the truth about each body row (which measure sits in which column) in one place,
so the printed table and the generator's manifest cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from dagster_project.lib.workbooks.grid import CellValue, Grid, Merge

ColumnKind = Literal["code", "code_part", "label", "amount", "quantity", "text"]
WITHHELD = "**"

_NUMBERING = re.compile(
    r"^\s*(?:[（(]\s*[0-9一二三四五六七八九十]+\s*[）)]|[0-9]+\s*[、.．]|[一二三四五六七八九十]+\s*、)\s*"
)


def strip_numbering(label: str) -> str:
    """'1、一般公共服务支出' / '（1）工资福利支出' / '一、部门预算' -> the bare label."""
    return _NUMBERING.sub("", label).strip()


def row_kind_of(label: str) -> str:
    return "total" if ("合计" in label or "总计" in label) else "line"


@dataclass
class RowTruth:
    """What a perfect parser must read from one body row (amounts in the printed unit).

    Amount values: Decimal or int as printed, None for a blank cell (zero), WITHHELD ("**").
    """

    section: str
    code: str | None
    label: str
    row_kind: str
    amounts: dict[str, Decimal | int | str | None] = field(default_factory=dict)
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Column:
    """A column: its header path (outer to inner), the key of its value, and its kind."""

    header: tuple[str, ...]
    key: str
    kind: ColumnKind = "text"


@dataclass
class ListRow:
    """One body row of a list table: printed cells by column key plus its identity."""

    cells: dict[str, CellValue]
    code: str | None = None
    label: str = ""
    row_kind: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)


def header_from_paths(paths: list[tuple[str, ...]]) -> tuple[list[list[CellValue]], list[Merge]]:
    """Header rows and merges for columns given as header paths of depth 1 or 2.

    A depth-1 column spans all header rows vertically; consecutive depth-2 columns with the
    same outer text share one horizontally merged outer cell.
    """
    depth = max(len(p) for p in paths)
    rows: list[list[CellValue]] = [[None] * len(paths) for _ in range(depth)]
    merges: list[Merge] = []
    j = 0
    while j < len(paths):
        path = paths[j]
        if len(path) < depth:
            rows[0][j] = path[0]
            if depth > 1:
                merges.append(Merge(0, j, depth - 1, j))
            j += 1
            continue
        end = j
        while (
            end + 1 < len(paths) and len(paths[end + 1]) == depth and paths[end + 1][0] == path[0]
        ):
            end += 1
        rows[0][j] = path[0]
        if end > j:
            merges.append(Merge(0, j, 0, end))
        for k in range(j, end + 1):
            for level in range(1, depth):
                rows[level][k] = paths[k][level]
        j = end + 1
    return rows, merges


def build_list_table(
    *,
    title: str,
    columns: list[Column],
    rows: list[ListRow],
    table_id: str,
    table_label: str | None = None,
    unit_text: str | None = "单位：元",
    footnotes: list[str] | None = None,
    section: str = "main",
) -> Grid:
    header_rows, header_merges = header_from_paths([c.header for c in columns])
    body: list[list[CellValue]] = []
    meta: list[list[RowTruth]] = []
    for row in rows:
        body.append([row.cells.get(c.key) for c in columns])
        amounts = {c.key: row.cells.get(c.key) for c in columns if c.kind in ("amount", "quantity")}
        attributes = {
            c.key: str(row.cells[c.key])
            for c in columns
            if (c.kind == "text" or (c.kind == "code" and c.key != "code"))
            and row.cells.get(c.key) not in (None, "")
        }
        attributes.update(row.attributes)
        label = strip_numbering(row.label)
        meta.append(
            [
                RowTruth(
                    section=section,
                    code=row.code,
                    label=label,
                    row_kind=row.row_kind or row_kind_of(label),
                    amounts=amounts,
                    attributes=attributes,
                )
            ]
        )
    return Grid(
        title=title,
        header_rows=header_rows,
        header_merges=header_merges,
        body=body,
        body_meta=meta,
        table_label=table_label,
        unit_text=unit_text,
        footnotes=list(footnotes or []),
        table_id=table_id,
        code_columns=[i for i, c in enumerate(columns) if c.kind in ("code", "code_part")],
    )
