"""Where reports read rule results: the latest recorded results
(quality.check_results_latest) when a run has written any, else a fresh evaluation."""

from __future__ import annotations

import html
from decimal import Decimal
from pathlib import Path

import duckdb

from expectations.catalogue import rules_by_id
from expectations.runner import RuleResult, evaluate_rules

SEVERITY_ZH = {"error": "错误", "warning": "警告"}
STATUS_ZH = {"passed": "通过", "failed": "未通过", "not_evaluated": "无法校验"}


def _has_relation(conn: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    return bool(conn.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, name],
    ).fetchone()[0])


def load_results(warehouse_path: Path, department_code: str | None = None,
                 fiscal_year: int | None = None) -> list[RuleResult]:
    conn = duckdb.connect(str(warehouse_path), read_only=True)
    try:
        recorded = _has_relation(conn, "quality", "check_results_latest") and conn.execute(
            "select count(*) from quality.check_results_latest"
        ).fetchone()[0] > 0
        if recorded:
            sql = """
                select fiscal_year, department_code, rule_id, rule_version, severity, status,
                       passed, expected_yuan, actual_yuan, difference_yuan, tolerance_yuan,
                       source_ref, message, comparison_key, expected_cells, actual_cells,
                       value_unit, file_sha256
                from quality.check_results_latest
                where ($department_code is null or department_code = $department_code)
                  and ($fiscal_year is null or fiscal_year = $fiscal_year)
                order by fiscal_year, department_code, rule_id, comparison_key
            """
            rows = conn.execute(
                sql, {"department_code": department_code, "fiscal_year": fiscal_year}
            ).fetchall()
            return [RuleResult(*row) for row in rows]
    finally:
        conn.close()
    return evaluate_rules(warehouse_path, None, fiscal_year, department_code)


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
