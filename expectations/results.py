"""quality.check_results: every rule result of every run (history kept), and
quality.check_results_latest: the latest result per department-year, rule and comparison
key. Plain SQL on a DuckDB connection; the Dagster asset checks call these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import duckdb
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
    """Append one row per result under `run_id`; returns the number of rows written."""
    ensure_check_results_table(conn)
    checked_at = checked_at or dt.datetime.now()
    records = [
        {
            "run_id": run_id, "checked_at": checked_at, "fiscal_year": r.fiscal_year,
            "department_code": r.department_code, "rule_id": r.rule_id,
            "rule_version": r.rule_version, "severity": r.severity, "status": r.status,
            "passed": r.passed, "expected_yuan": r.expected_yuan, "actual_yuan": r.actual_yuan,
            "difference_yuan": r.difference_yuan, "tolerance_yuan": r.tolerance_yuan,
            "source_ref": r.source_ref, "message": r.message, "comparison_key": r.comparison_key,
            "expected_cells": r.expected_cells, "actual_cells": r.actual_cells,
            "value_unit": r.value_unit, "file_sha256": r.file_sha256,
        }
        for r in results
    ]
    if not records:
        return 0
    # One set-based insert (executemany costs ~1 ms a row). Values cross as text and are
    # cast by DuckDB, so the Decimal amounts stay exact.
    frame = pd.DataFrame(
        [{k: None if v is None else str(v) for k, v in rec.items()} for rec in records],
        columns=list(COLUMNS),
        dtype="object",
    )
    conn.register("_check_results_incoming", frame)
    try:
        conn.execute(
            f"insert into quality.check_results ({', '.join(COLUMNS)}) "
            f"select {', '.join(f'cast({c} as {_SQL_TYPE[c]})' for c in COLUMNS)} "
            "from _check_results_incoming"
        )
    finally:
        conn.unregister("_check_results_incoming")
    return len(records)

