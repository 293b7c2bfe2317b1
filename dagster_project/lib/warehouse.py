"""The raw schema of the warehouse and the writes into it.

`docs/data-contract.md` is the specification; this module is its DDL. The loader owns
schema `raw` (dbt only reads it through `source()`); rows are keyed by the workbook's
sha256 so one file's rows can be replaced or dropped without touching the others.

Amounts travel as decimal *strings* from the parser and are cast to DECIMAL(18,2) inside
DuckDB: no float ever holds money, not even in a DataFrame on the way in.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping

import duckdb
import pandas as pd

RAW_TABLES: dict[str, dict[str, str]] = {
    "departments": {
        "department_code": "VARCHAR",
        "department_name": "VARCHAR",
        "aliases": "VARCHAR",
    },
    "load_runs": {
        "run_id": "VARCHAR",
        "started_at": "TIMESTAMP",
        "raw_dir": "VARCHAR",
        "files_seen": "INTEGER",
        "files_parsed": "INTEGER",
        "files_unchanged": "INTEGER",
        "files_deferred": "INTEGER",
        "registry_sha256": "VARCHAR",
        # True when everything downstream must be rebuilt, not only load_scope: the
        # registry changed (names, aliases) or this is the warehouse's first load.
        "full_rebuild": "BOOLEAN",
    },
    # The department-years this load changed (see loading.load_scope), replaced by every
    # load: what an incremental dbt build, the rule run and the reports redo.
    "load_scope": {
        "department_code": "VARCHAR",
        "fiscal_year": "INTEGER",
        "reason": "VARCHAR",  # changed | next_year
    },
    "disclosure_files": {
        "file_path": "VARCHAR",
        "file_sha256": "VARCHAR",
        "file_size": "BIGINT",
        "department_code": "VARCHAR",
        "department_name": "VARCHAR",
        "fiscal_year": "INTEGER",
        "template_id": "VARCHAR",
        "status": "VARCHAR",
        "message": "VARCHAR",
        "quarantine_reason": "VARCHAR",
        "seen_at": "TIMESTAMP",
    },
    "cover": {
        "file_sha256": "VARCHAR",
        "department_name_raw": "VARCHAR",
        "secrecy_review": "VARCHAR",
        "head_signoff": "VARCHAR",
        "cell_ref": "VARCHAR",
    },
    "catalogue": {
        "file_sha256": "VARCHAR",
        "table_id": "VARCHAR",
        "listed_title": "VARCHAR",
        "is_empty": "BOOLEAN",
        "empty_reason": "VARCHAR",
        "cell_ref": "VARCHAR",
    },
    "disclosure_tables": {
        "file_sha256": "VARCHAR",
        "table_id": "VARCHAR",
        "title": "VARCHAR",
        "title_raw": "VARCHAR",
        "fiscal_year": "INTEGER",
        "unit_text": "VARCHAR",
        "unit_multiplier": "INTEGER",
        "sheet": "VARCHAR",
        "title_cell_ref": "VARCHAR",
        "has_amounts": "BOOLEAN",
    },
    "table_rows": {
        "file_sha256": "VARCHAR",
        "table_id": "VARCHAR",
        "section": "VARCHAR",
        "row_number": "INTEGER",
        "sheet": "VARCHAR",
        "row_kind": "VARCHAR",
        "code": "VARCHAR",
        "code_level": "INTEGER",
        "label": "VARCHAR",
        "label_raw": "VARCHAR",
        "cell_ref": "VARCHAR",
    },
    "row_attributes": {
        "file_sha256": "VARCHAR",
        "table_id": "VARCHAR",
        "section": "VARCHAR",
        "row_number": "INTEGER",
        "attribute": "VARCHAR",
        "value_text": "VARCHAR",
        "cell_ref": "VARCHAR",
    },
    "amounts": {
        "file_sha256": "VARCHAR",
        "table_id": "VARCHAR",
        "section": "VARCHAR",
        "row_number": "INTEGER",
        "measure": "VARCHAR",
        "value": "DECIMAL(18,2)",
        "value_unit": "VARCHAR",
        "is_withheld": "BOOLEAN",
        "is_blank": "BOOLEAN",
        "raw_text": "VARCHAR",
        "unit_multiplier": "INTEGER",
        "cell_ref": "VARCHAR",
    },
}

#: Tables whose rows belong to one parsed workbook (keyed by file_sha256).
PARSED_TABLES = (
    "cover",
    "catalogue",
    "disclosure_tables",
    "table_rows",
    "row_attributes",
    "amounts",
)


def ensure_raw_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Create the raw tables, and add columns a newer version of the contract introduced
    to a warehouse built by an older one (a warehouse lives for years)."""
    conn.execute("create schema if not exists raw")
    for table, columns in RAW_TABLES.items():
        cols = ", ".join(f'"{name}" {sql_type}' for name, sql_type in columns.items())
        conn.execute(f"create table if not exists raw.{table} ({cols})")
        for name, sql_type in columns.items():
            conn.execute(f'alter table raw.{table} add column if not exists "{name}" {sql_type}')


def insert_records(
    conn: duckdb.DuckDBPyConnection, table: str, records: Iterable[Mapping[str, object]]
) -> int:
    """Append records (dicts with the contract's column names) to `raw.<table>`.

    Values go in as text and are cast by DuckDB to the contract's types, which keeps
    Decimal exact and codes such as "03" intact.
    """
    columns = RAW_TABLES[table]
    records = records if isinstance(records, list) else list(records)
    if not records:
        return 0
    # Rows as tuples (itemgetter runs in C), object dtype so pandas infers nothing; only
    # non-text values are turned into text, so the cast below sees exact decimals.
    getter = operator.itemgetter(*columns) if len(columns) > 1 else None
    rows = [
        tuple(record.get(name) for name in columns)
        if getter is None or len(record) != len(columns)
        else getter(record)
        for record in records
    ]
    frame = pd.DataFrame(rows, columns=list(columns), dtype="object")
    for name, sql_type in columns.items():
        if sql_type != "VARCHAR":
            frame[name] = frame[name].map(_as_text)
    conn.register("_incoming", frame)
    try:
        casts = ", ".join(
            f'cast("{name}" as {sql_type}) as "{name}"' for name, sql_type in columns.items()
        )
        conn.execute(f"insert into raw.{table} select {casts} from _incoming")
    finally:
        conn.unregister("_incoming")
    return len(records)


def _as_text(value: object) -> str | None:
    if value is None or value.__class__ is str:
        return value
    return str(value)


def delete_file_rows(conn: duckdb.DuckDBPyConnection, file_sha256s: Iterable[str]) -> None:
    """Drop every parsed row of these files (a quarantined duplicate, a superseded file)."""
    shas = list(file_sha256s)
    if not shas:
        return
    for table in PARSED_TABLES:
        conn.execute(f"delete from raw.{table} where file_sha256 in (select unnest(?))", [shas])


class RecordBuffer:
    """Collects parsed records of many workbooks and writes them in few large inserts.

    One insert per table per workbook costs more than the parse itself; flushing every
    `max_rows` keeps memory bounded however large the corpus."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, max_rows: int = 200_000) -> None:
        self.conn = conn
        self.max_rows = max_rows
        self._pending: dict[str, list[Mapping[str, object]]] = {t: [] for t in PARSED_TABLES}
        self._count = 0

    def add(self, records_by_table: Mapping[str, list[Mapping[str, object]]]) -> None:
        for table, records in records_by_table.items():
            self._pending[table].extend(records)
            self._count += len(records)
        if self._count >= self.max_rows:
            self.flush()

    def flush(self) -> None:
        for table, records in self._pending.items():
            insert_records(self.conn, table, records)
            records.clear()
        self._count = 0
