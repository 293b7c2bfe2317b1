"""quality.check_results: every rule result of every run (history kept), and
quality.check_results_latest: the latest result per department-year, rule and comparison
key. Plain SQL on a DuckDB connection; the Dagster asset checks call these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from operator import attrgetter
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from expectations.runner import RuleResult

#: Column → SQL type of quality.check_results, in table order.
COLUMN_TYPES: dict[str, str] = {
    "run_id": "varchar not null",
    "checked_at": "timestamp not null",
    "fiscal_year": "integer not null",
    "department_code": "varchar not null",
    "rule_id": "varchar not null",
    "rule_version": "integer not null",
    "severity": "varchar not null",
    "status": "varchar not null",
    "passed": "boolean",
    "expected_yuan": "decimal(18, 2)",
    "actual_yuan": "decimal(18, 2)",
    "difference_yuan": "decimal(18, 2)",
    "tolerance_yuan": "decimal(18, 2)",
    "source_ref": "varchar",
    "message": "varchar",
    "comparison_key": "varchar not null",
    "expected_cells": "varchar",
    "actual_cells": "varchar",
    "value_unit": "varchar",
    "file_sha256": "varchar",
}
COLUMNS = tuple(COLUMN_TYPES)

CHECK_RESULTS_DDL = f"""
create schema if not exists quality;
create table if not exists quality.check_results (
    {", ".join(f"{name} {sql_type}" for name, sql_type in COLUMN_TYPES.items())}
);
create or replace view quality.check_results_latest as
-- The latest evaluation of each department-year: every row of the newest run that
-- evaluated it. (Per department-year, not per comparison key: a key that disappeared in a
-- corrected workbook must not linger as a stale failure.)
with latest_run as (
    select fiscal_year, department_code, max(checked_at) as checked_at
    from quality.check_results
    group by fiscal_year, department_code
)
select results.*
from quality.check_results as results
inner join latest_run using (fiscal_year, department_code, checked_at);
"""


_SQL_TYPE = {name: sql_type.replace(" not null", "") for name, sql_type in COLUMN_TYPES.items()}


def ensure_check_results_table(conn: duckdb.DuckDBPyConnection) -> None:
    """Create quality.check_results (if absent) and (re)create the latest-result view."""
    conn.execute(CHECK_RESULTS_DDL)


def append_check_results(
    conn: duckdb.DuckDBPyConnection,
    run_id: str,
    results: Iterable[RuleResult],
    checked_at: dt.datetime | None = None,
) -> int:
    """Append one row per result under `run_id`; returns the number of rows written.

    One set-based insert from a DataFrame built column by column (executemany costs ~1 ms
    a row; a dict per row, then a DataFrame of rows, cost 2.4 s for a 500 department-year
    run). Amounts cross as text and are cast by DuckDB, so the Decimals stay exact: DuckDB
    would read Decimal objects at a precision guessed from a sample of rows."""
    ensure_check_results_table(conn)
    checked_at = checked_at or dt.datetime.now()
    results = list(results)
    if not results:
        return 0
    fields = [name for name in COLUMNS if name not in ("run_id", "checked_at")]
    frame = pd.DataFrame(
        {name: _column(name, list(map(attrgetter(name), results))) for name in fields}
    )
    conn.register("_check_results_incoming", frame)
    try:
        conn.execute(
            f"insert into quality.check_results ({', '.join(COLUMNS)}) "
            "select cast($run_id as varchar), cast($checked_at as timestamp), "
            f"{', '.join(f'cast({name} as {_SQL_TYPE[name]})' for name in fields)} "
            "from _check_results_incoming",
            {"run_id": run_id, "checked_at": checked_at},
        )
    finally:
        conn.unregister("_check_results_incoming")
    return len(results)


_DECIMAL = {"expected_yuan", "actual_yuan", "difference_yuan", "tolerance_yuan"}


def _column(name: str, values: list) -> Any:
    if name in _DECIMAL:
        values = [None if value is None else str(value) for value in values]
    if name in ("fiscal_year", "rule_version"):
        return np.array(values, dtype=np.int64)
    if name == "passed":
        return pd.array(values, dtype="boolean")
    return np.array(values, dtype=object)
