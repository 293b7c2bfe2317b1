"""Small disclosures written straight into the raw schema of docs/data-contract.md.

The rule tests do not depend on the parser: a fixture describes tables as rows of
(code, label, amounts), and `write_raw_warehouse` lays them out the way the loader would
(one row per amount cell with its `表N!A1` address). Amounts are Decimal yuan; `None` is a
blank cell (stored as 0, is_blank) and `WITHHELD` a "**" cell.
"""

from __future__ import annotations

import copy
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb

from dagster_project.lib.warehouse import RAW_TABLES, ensure_raw_schema

WITHHELD = "**"

_NUMBERING_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[0-9]+\s*[、.．]|[（(]\s*[0-9]+\s*[）)])\s*"
)



Amount = Decimal | str | None


@dataclass
class Row:
    label_raw: str
    amounts: dict[str, Amount] = field(default_factory=dict)
    code: str | None = None
    section: str = "main"
    row_kind: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    row_number: int | None = None

    @property
    def label(self) -> str:
        return _NUMBERING_RE.sub("", self.label_raw).replace("(", "（").replace(")", "）")


@dataclass
class Table:
    table_id: str
    rows: list[Row]
    unit_multiplier: int = 1
    measures: dict[str, list[str]] = field(default_factory=dict)  # section -> column order
    title: str = ""
    fiscal_year: int | None = None  # the year its title states, when not the workbook's

    def find(self, code_or_label: str, section: str = "main") -> Row:
        for row in self.rows:
            if row.section == section and row.code is None and row.label == code_or_label:
                return row
        for row in self.rows:
            if row.section == section and (
                row.code == code_or_label or (row.code is None and row.label == code_or_label)
            ):
                return row
        raise KeyError(code_or_label)


@dataclass
class Disclosure:
    department_code: str
    fiscal_year: int
    tables: dict[str, Table]
    department_name: str = "陕西省政务服务中心"
    status: str = "loaded"
    catalogue_empty: dict[str, str] = field(default_factory=dict)  # table_id -> reason

    @property
    def file_sha256(self) -> str:
        key = f"{self.department_code}/{self.fiscal_year}"
        return hashlib.sha256(key.encode()).hexdigest()

    def copy(self) -> Disclosure:
        return copy.deepcopy(self)

    def set(self, table_id: str, code_or_label: str, measure: str, value: Amount,
            section: str = "main") -> Disclosure:
        self.tables[table_id].find(code_or_label, section).amounts[measure] = value
        return self


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _sheet(table_id: str) -> str:
    return f"表{int(table_id[1:])}"


def write_raw_warehouse(path: Path, disclosures: list[Disclosure],
                        departments: list[tuple[str, str]] | None = None) -> None:
    """(Re)create the raw schema in the DuckDB file at `path` holding `disclosures`."""
    conn = duckdb.connect(str(path))
    try:
        # The loader's own DDL, so the fixture can never drift from the contract.
        for table in RAW_TABLES:
            conn.execute(f"drop table if exists raw.{table}")
        ensure_raw_schema(conn)
        registry = departments or sorted(
            {(d.department_code, d.department_name) for d in disclosures}
        )
        for code, name in registry:
            conn.execute("insert into raw.departments values (?, ?, '')", [code, name])
        for disclosure in disclosures:
            _write_disclosure(conn, disclosure)
    finally:
        conn.close()


def _write_disclosure(conn: duckdb.DuckDBPyConnection, d: Disclosure) -> None:
    sha = d.file_sha256
    conn.execute(
        "insert into raw.disclosure_files (file_path, file_sha256, file_size, department_code,"
        " department_name, fiscal_year, template_id, status, message, seen_at)"
        " values (?, ?, 1000, ?, ?, ?, 'shaanxi', ?, '', now())",
        [f"{d.fiscal_year}/{d.department_code}.xlsx", sha, d.department_code,
         d.department_name, d.fiscal_year, d.status],
    )
    if d.status != "loaded":
        return
    conn.execute(
        "insert into raw.cover values (?, ?, '已审查', '已审签', '封面!B2')",
        [sha, d.department_name],
    )
    for index in range(1, 17):
        table_id = f"T{index:02d}"
        reason = d.catalogue_empty.get(table_id)
        conn.execute(
            "insert into raw.catalogue values (?, ?, ?, ?, ?, ?)",
            [sha, table_id, f"{d.fiscal_year}年表{index}", reason is not None, reason or "",
             f"目录!C{index + 3}"],
        )
    for table in d.tables.values():
        _write_table(conn, d, table)


def _write_table(conn: duckdb.DuckDBPyConnection, d: Disclosure, table: Table) -> None:
    sha = d.file_sha256
    sheet = _sheet(table.table_id)
    sections = list(dict.fromkeys(row.section for row in table.rows))
    # side-by-side sections (表1/表4/表9) share sheet rows; others are stacked
    side_by_side = table.table_id in ("T01", "T04", "T09")
    section_offset = {s: i * 2 for i, s in enumerate(sections)} if side_by_side else {}
    counters: dict[str, int] = {}
    has_amounts = False
    for row in table.rows:
        if row.row_number is None:
            counters[row.section] = counters.get(row.section, 0) + 1
            row_number = 4 + counters[row.section]
        else:
            row_number = row.row_number
        kind = row.row_kind or (
            "total" if row.code is None and re.search(r"合计|总计", row.label) else "line"
        )
        first_col = section_offset.get(row.section, 0)
        level = {3: 1, 5: 2, 7: 3}.get(len(row.code)) if row.code else None
        conn.execute(
            "insert into raw.table_rows values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [sha, table.table_id, row.section, row_number, sheet, kind, row.code, level,
             row.label, row.label_raw, f"{sheet}!{_column_letter(first_col)}{row_number}"],
        )
        for name, value in row.attributes.items():
            conn.execute(
                "insert into raw.row_attributes values (?, ?, ?, ?, ?, ?, ?)",
                [sha, table.table_id, row.section, row_number, name, value,
                 f"{sheet}!Z{row_number}"],
            )
        columns = table.measures.get(row.section) or list(row.amounts)
        for measure, value in row.amounts.items():
            col = first_col + 1 + (columns.index(measure) if measure in columns else 0) + (
                0 if side_by_side else 1
            )
            cell = f"{sheet}!{_column_letter(col)}{row_number}"
            withheld = value == WITHHELD
            blank = value is None
            amount = None if withheld else (Decimal(0) if blank else Decimal(value))
            if amount:
                has_amounts = True
            conn.execute(
                "insert into raw.amounts values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [sha, table.table_id, row.section, row_number, measure, amount,
                 "count" if measure == "quantity" else "yuan", withheld, blank,
                 "" if blank else str(value), table.unit_multiplier, cell],
            )
    conn.execute(
        "insert into raw.disclosure_tables values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [sha, table.table_id, table.title or f"{d.fiscal_year}年{sheet}",
         table.title or f"{d.fiscal_year}年{sheet}",
         table.fiscal_year or d.fiscal_year,
         "单位：万元" if table.unit_multiplier == 10000 else "单位：元", table.unit_multiplier,
         sheet, f"{sheet}!A1", has_amounts],
    )
