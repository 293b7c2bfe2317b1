"""Evaluate catalogue rules on a warehouse: read dbt's comparison rows, assert them with the
family's Great Expectations suite, return one RuleResult per comparison.

Failure is loud: a missing relation, a GX exception, an integrity expectation that fails or
a validation that did not see every input row raises RuleEvaluationError; it is never read
as "passed". Rows dbt marked not evaluable (a table missing, a withheld cell) come back as
status "not_evaluated", never "passed".
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from expectations.catalogue import Rule, load_catalogue

COMPARISONS_RELATION = "quality.rule_comparisons"
FAMILY_MODULES = {
    "balance": "expectations.balance",
    "sums": "expectations.sums",
    "cross_table": "expectations.cross_table",
    "completeness": "expectations.completeness",
    "years": "expectations.years",
}
RESULT_FORMAT = {"result_format": "COMPLETE"}


class RuleEvaluationError(RuntimeError):
    """A rule could not be evaluated at all (missing relation, GX error, broken rows)."""


@dataclass(frozen=True)
class RuleResult:
    fiscal_year: int
    department_code: str
    rule_id: str
    rule_version: int
    severity: str
    status: str  # passed | failed | not_evaluated
    passed: bool | None
    expected_yuan: Decimal | None
    actual_yuan: Decimal | None
    difference_yuan: Decimal | None
    tolerance_yuan: Decimal | None
    source_ref: str
    message: str
    comparison_key: str
    expected_cells: str
    actual_cells: str
    value_unit: str = "yuan"
    file_sha256: str | None = None


def _silence_gx_logging() -> None:
    for name in ("great_expectations", "great_expectations.core", "py.warnings"):
        logging.getLogger(name).setLevel(logging.ERROR)


@lru_cache(maxsize=1)
def _gx_context() -> Any:
    """One ephemeral GX context per process (importing GX alone costs ~2 s)."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    _silence_gx_logging()
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    context.data_sources.add_pandas("rule_comparisons")
    return context


@cache
def _validation_definition(family: str) -> Any:
    import great_expectations as gx

    context = _gx_context()
    module = importlib.import_module(FAMILY_MODULES[family])
    datasource = context.data_sources.get("rule_comparisons")
    asset = datasource.add_dataframe_asset(name=family)
    batch_definition = asset.add_batch_definition_whole_dataframe(f"{family}_all_rows")
    suite = context.suites.add(module.build_suite())
    return context.validation_definitions.add(
        gx.ValidationDefinition(name=f"rules_{family}", data=batch_definition, suite=suite)
    )


def family_rule_ids(family: str) -> tuple[str, ...]:
    return importlib.import_module(FAMILY_MODULES[family]).RULE_IDS


def validate_comparisons(family: str, frame: pd.DataFrame) -> set[int]:
    """Run the family's suite on evaluable comparison rows; return the row_ids that fail.

    `frame` must carry a unique integer `row_id` column."""
    from expectations._suite import FAILING_COLUMN, FAILING_EXPECTATION, ROW_KEY_COLUMNS

    if frame.empty:
        return set()
    result_format = dict(RESULT_FORMAT, unexpected_index_column_names=ROW_KEY_COLUMNS)
    try:
        validation = _validation_definition(family).run(
            batch_parameters={"dataframe": frame}, result_format=result_format
        )
    except Exception as error:  # any GX failure is a failure to evaluate, never a pass
        raise RuleEvaluationError(f"GX validation of family {family} raised: {error}") from error
    failing: set[int] | None = None
    for expectation_result in validation.results:
        config = expectation_result.expectation_config
        info = expectation_result.exception_info or {}
        if info.get("raised_exception"):
            raise RuleEvaluationError(
                f"GX expectation {config.type} on {family} raised: "
                f"{info.get('exception_message')}"
            )
        element_count = expectation_result.result.get("element_count")
        if element_count != len(frame):
            raise RuleEvaluationError(
                f"GX expectation {config.type} on {family} validated {element_count} rows "
                f"of {len(frame)}"
            )
        column = config.kwargs.get("column")
        if config.type == FAILING_EXPECTATION and column == FAILING_COLUMN:
            rows = expectation_result.result.get("unexpected_index_list") or []
            if len(rows) != expectation_result.result.get("unexpected_count", 0):
                raise RuleEvaluationError(f"GX returned incomplete failing rows for {family}")
            failing = {int(row["row_id"]) for row in rows}
        elif not expectation_result.success:
            raise RuleEvaluationError(
                f"comparison rows of {family} are broken: {config.type}({column}) failed "
                f"on {expectation_result.result.get('partial_unexpected_list')}"
            )
    if failing is None:
        raise RuleEvaluationError(f"suite of {family} has no {FAILING_COLUMN} expectation")
    return failing


def _select_rules(rule_ids: list[str] | None) -> list[Rule]:
    catalogue = load_catalogue()
    known = {rule.rule_id: rule for rule in catalogue}
    if rule_ids is None:
        return [rule for rule in catalogue if rule.is_active]
    unknown = [rule_id for rule_id in rule_ids if rule_id not in known]
    if unknown:
        raise ValueError(f"unknown rule ids: {unknown}")
    return [known[rule_id] for rule_id in rule_ids if known[rule_id].is_active]


def _relation_names(conn: duckdb.DuckDBPyConnection) -> set[str]:
    rows = conn.execute(
        "select table_schema || '.' || table_name from information_schema.tables"
    ).fetchall()
    return {row[0] for row in rows}


def _read_comparisons(
    conn: duckdb.DuckDBPyConnection,
    rule_ids: list[str],
    fiscal_year: int | None,
    department_code: str | None,
) -> pd.DataFrame:
    filters = ["list_contains($rule_ids, rule_id)"]
    params: dict[str, Any] = {"rule_ids": rule_ids}
    if fiscal_year is not None:
        filters.append("fiscal_year = $fiscal_year")
        params["fiscal_year"] = fiscal_year
    if department_code is not None:
        filters.append("department_code = $department_code")
        params["department_code"] = department_code
    # amounts travel as text so the results keep exact decimals; GX sees the doubles
    sql = f"""
        select
            rule_id, fiscal_year, department_code, file_sha256, comparison_key,
            comparison_kind, value_unit, evaluable, not_evaluable_reason,
            coalesce(expected_cells, '') as expected_cells,
            coalesce(actual_cells, '') as actual_cells,
            cast(expected_yuan as varchar) as expected_text,
            cast(actual_yuan as varchar) as actual_text,
            cast(difference_yuan as varchar) as difference_text,
            cast(tolerance_yuan as varchar) as tolerance_text,
            cast(expected_yuan as double) as expected_yuan,
            cast(actual_yuan as double) as actual_yuan,
            cast(difference_yuan as double) as difference_yuan,
            cast(tolerance_yuan as double) as tolerance_yuan,
            cast(excess_over_tolerance_yuan as double) as excess_over_tolerance_yuan
        from {COMPARISONS_RELATION}
        where {" and ".join(filters)}
        order by fiscal_year, department_code, rule_id, comparison_key
    """
    frame = conn.execute(sql, params).df()
    frame.insert(0, "row_id", range(len(frame)))
    return frame


def evaluate_rules(
    warehouse_path: Path,
    rule_ids: list[str] | None = None,
    fiscal_year: int | None = None,
    department_code: str | None = None,
) -> list[RuleResult]:
    """One RuleResult per (rule, department-year, comparison key) of the active rules asked
    for (all active rules by default), optionally for one fiscal year and/or department.

    Rules with status needs_narrative (N1–N4, Y1) are not evaluated and yield no rows."""
    rules = _select_rules(rule_ids)
    if not rules:
        return []
    warehouse_path = Path(warehouse_path)
    if not warehouse_path.exists():
        raise RuleEvaluationError(f"warehouse {warehouse_path} does not exist")
    conn = duckdb.connect(str(warehouse_path), read_only=True)
    try:
        relations = _relation_names(conn)
        missing = [
            f"quality.{rule.relation_name}"
            for rule in rules
            if f"quality.{rule.relation_name}" not in relations
        ]
        if COMPARISONS_RELATION not in relations:
            missing.insert(0, COMPARISONS_RELATION)
        if missing:
            raise RuleEvaluationError(
                f"rule relations missing from {warehouse_path}: {missing} (run dbt build)"
            )
        frame = _read_comparisons(
            conn, [rule.rule_id for rule in rules], fiscal_year, department_code
        )
    finally:
        conn.close()

    by_id = {rule.rule_id: rule for rule in rules}
    failing: set[int] = set()
    evaluable = frame[frame["evaluable"].astype(bool)]
    for family in FAMILY_MODULES:
        family_ids = set(family_rule_ids(family))
        family_rows = evaluable[evaluable["rule_id"].isin(family_ids)]
        failing |= validate_comparisons(family, family_rows.reset_index(drop=True))
    unassigned = set(evaluable["rule_id"]) - {
        rule_id for family in FAMILY_MODULES for rule_id in family_rule_ids(family)
    }
    if unassigned:
        raise RuleEvaluationError(f"rules without a GX suite: {sorted(unassigned)}")

    return [_result(by_id[row["rule_id"]], row, failing) for row in frame.to_dict("records")]


def _decimal(text: object) -> Decimal | None:
    if text is None or (isinstance(text, float) and pd.isna(text)) or text is pd.NA:
        return None
    return Decimal(str(text))


def _format(value: Decimal | None, value_unit: str) -> str:
    if value is None:
        return "—"
    if value_unit == "count":
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def _result(rule: Rule, row: dict[str, Any], failing: set[int]) -> RuleResult:
    evaluable = bool(row["evaluable"])
    if not evaluable:
        status, passed = "not_evaluated", None
    elif int(row["row_id"]) in failing:
        status, passed = "failed", False
    else:
        status, passed = "passed", True
    expected = _decimal(row["expected_text"])
    actual = _decimal(row["actual_text"])
    difference = _decimal(row["difference_text"])
    tolerance = _decimal(row["tolerance_text"])
    unit = row["value_unit"]
    cells = [c for c in (row["actual_cells"] + "," + row["expected_cells"]).split(",") if c]
    source_ref = ",".join(dict.fromkeys(cells))
    if evaluable:
        fields = {
            "comparison_key": row["comparison_key"],
            "expected": _format(expected, unit),
            "actual": _format(actual, unit),
            "difference": _format(difference, unit),
            "tolerance": _format(tolerance, unit),
            "expected_cells": row["expected_cells"] or "—",
            "actual_cells": row["actual_cells"] or "—",
        }
        if passed:
            message = (
                f"{rule.rule_id} {rule.title_zh}：{row['comparison_key']} 通过 / "
                f"{rule.title_en}: {row['comparison_key']} passed"
            )
        else:
            message = (
                f"{rule.rule_id} " + rule.message_zh.format(**fields) + " / "
                + rule.message_en.format(**fields)
            )
    else:
        reason = row["not_evaluable_reason"] or "not evaluable"
        message = (
            f"{rule.rule_id} {rule.title_zh}：无法校验（{row['comparison_key']}） / "
            f"{rule.title_en}: not evaluated ({reason})"
        )
    return RuleResult(
        fiscal_year=int(row["fiscal_year"]),
        department_code=str(row["department_code"]),
        rule_id=rule.rule_id,
        rule_version=rule.version,
        severity=rule.severity,
        status=status,
        passed=passed,
        expected_yuan=expected,
        actual_yuan=actual,
        difference_yuan=difference,
        tolerance_yuan=tolerance,
        source_ref=source_ref,
        message=message,
        comparison_key=str(row["comparison_key"]),
        expected_cells=row["expected_cells"],
        actual_cells=row["actual_cells"],
        value_unit=unit,
        file_sha256=row["file_sha256"] if isinstance(row["file_sha256"], str) else None,
    )
