"""quality.check_results: every rule result of every run (history kept), and
quality.check_results_latest: the latest result per department-year, rule and comparison
key. Plain SQL on a DuckDB connection; the Dagster asset checks call these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import duckdb

from expectations.runner import RuleResult

CHECK_RESULTS_DDL = """
create schema if not exists quality;
create table if not exists quality.check_results (
    run_id varchar not null,
    checked_at timestamp not null,
    fiscal_year integer not null,
    department_code varchar not null,
    rule_id varchar not null,
    rule_version integer not null,
    severity varchar not null,
    status varchar not null,
    passed boolean,
    expected_yuan decimal(18, 2),
    actual_yuan decimal(18, 2),
    difference_yuan decimal(18, 2),
    tolerance_yuan decimal(18, 2),
    source_ref varchar,
    message varchar,
    comparison_key varchar not null,
    expected_cells varchar,
    actual_cells varchar,
    value_unit varchar,
    file_sha256 varchar
);
create or replace view quality.check_results_latest as
select * exclude (recency)
from (
    select
        *,
        row_number() over (
            partition by fiscal_year, department_code, rule_id, comparison_key
            order by checked_at desc, run_id desc
        ) as recency
    from quality.check_results
)
where recency = 1;
"""

COLUMNS = (
    "run_id", "checked_at", "fiscal_year", "department_code", "rule_id", "rule_version",
    "severity", "status", "passed", "expected_yuan", "actual_yuan", "difference_yuan",
    "tolerance_yuan", "source_ref", "message", "comparison_key", "expected_cells",
    "actual_cells", "value_unit", "file_sha256",
)


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
    rows = [
        (
            run_id, checked_at, r.fiscal_year, r.department_code, r.rule_id, r.rule_version,
            r.severity, r.status, r.passed, r.expected_yuan, r.actual_yuan, r.difference_yuan,
            r.tolerance_yuan, r.source_ref, r.message, r.comparison_key, r.expected_cells,
            r.actual_cells, r.value_unit, r.file_sha256,
        )
        for r in results
    ]
    if rows:
        placeholders = ", ".join("?" for _ in COLUMNS)
        conn.executemany(
            f"insert into quality.check_results ({', '.join(COLUMNS)}) values ({placeholders})",
            rows,
        )
    return len(rows)
