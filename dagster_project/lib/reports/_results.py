"""Where reports read rule results: the latest recorded results
(quality.check_results_latest) when a run has written any, else a fresh evaluation.

Reports show what a department must act on (failed and not evaluated comparisons) and how
many passed, so only those rows leave DuckDB and the passes arrive as counts: building a
RuleResult for each of a 500 department-year warehouse's 300,000 passes cost ~3 s, twice
(department reports and bureau summary)."""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from expectations.catalogue import rules_by_id
from expectations.runner import RuleResult, department_years_join, evaluate_rules

SEVERITY_ZH = {"error": "错误", "warning": "警告"}
STATUS_ZH = {"passed": "通过", "failed": "未通过", "not_evaluated": "无法校验"}


@dataclass(frozen=True)
class Findings:
    """The results of some department-years that are not passes (failed, not evaluated),
    in (year, department, rule, comparison key) order, and every department-year's count
    of results per status."""

    results: list[RuleResult]
    status_counts: dict[tuple[str, int], Counter]


def _has_relation(conn: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    return bool(
        conn.execute(
            "select count(*) from information_schema.tables"
            " where table_schema = ? and table_name = ?",
            [schema, name],
        ).fetchone()[0]
    )


def _recorded_scope(
    department_code: str | None,
    fiscal_year: int | None,
    department_years: set[tuple[str, int]] | None,
) -> tuple[str, dict[str, Any]]:
    """`from … where …` over the latest recorded results asked for, and its parameters."""
    params: dict[str, Any] = {"department_code": department_code, "fiscal_year": fiscal_year}
    join = department_years_join(department_years, params)
    sql = f"""
        from quality.check_results_latest {join}
        where ($department_code is null or department_code = $department_code)
          and ($fiscal_year is null or fiscal_year = $fiscal_year)
    """
    return sql, params


def load_findings(
    warehouse_path: Path,
    department_code: str | None = None,
    fiscal_year: int | None = None,
    department_years: set[tuple[str, int]] | None = None,
) -> Findings:
    """Findings of one department, one year and/or the (code, year) pairs asked for (all
    department-years by default)."""
    conn = duckdb.connect(str(warehouse_path), read_only=True)
    try:
        recorded = (
            _has_relation(conn, "quality", "check_results_latest")
            and conn.execute(
                "select count(*) from (select 1 from quality.check_results limit 1)"
            ).fetchone()[0]
            > 0
        )
        if recorded:
            scope, params = _recorded_scope(department_code, fiscal_year, department_years)
            rows = conn.execute(
                f"""
                select fiscal_year, department_code, rule_id, rule_version, severity, status,
                       passed, expected_yuan, actual_yuan, difference_yuan, tolerance_yuan,
                       source_ref, message, comparison_key, expected_cells, actual_cells,
                       value_unit, file_sha256
                {scope} and status <> 'passed'
                order by fiscal_year, department_code, rule_id, comparison_key, actual_cells
                """,
                params,
            ).fetchall()
            counts: dict[tuple[str, int], Counter] = {}
            for code, year, status, count in conn.execute(
                f"select department_code, fiscal_year, status, count(*) {scope} group by all",
                params,
            ).fetchall():
                counts.setdefault((code, year), Counter())[status] = count
            return Findings([RuleResult(*row) for row in rows], counts)
    finally:
        conn.close()
    results = evaluate_rules(warehouse_path, None, fiscal_year, department_code, department_years)
    counts = {}
    for result in results:
        counts.setdefault((result.department_code, result.fiscal_year), Counter())[
            result.status
        ] += 1
    return Findings([r for r in results if r.status != "passed"], counts)


def department_names(warehouse_path: Path) -> dict[str, str]:
    """Registry names by code, so a report says whom it is addressed to."""
    with duckdb.connect(str(warehouse_path), read_only=True) as conn:
        if not _has_relation(conn, "raw", "departments"):
            return {}
        rows = conn.execute("select department_code, department_name from raw.departments")
        return dict(rows.fetchall())


def rule_title(rule_id: str) -> str:
    rule = rules_by_id().get(rule_id)
    return rule.title_zh if rule else rule_id


def money(value: Decimal | None, unit: str = "yuan") -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if unit == "count" else f"{value:,.2f}"


def escape(text: object) -> str:
    return html.escape("" if text is None else str(text))


HTML_STYLE = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2em; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { border: 1px solid #999; padding: 4px 8px; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.error { color: #b00020; } .warning { color: #8a6d00; }
"""
