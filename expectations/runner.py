"""Evaluate catalogue rules on a warehouse: read dbt's comparison rows, assert them with the
family's Great Expectations suite, return one RuleResult per comparison.

Failure is loud: a missing relation, a GX exception, an integrity expectation that fails or
a validation that did not see every input row raises RuleEvaluationError; it is never read
as "passed". Rows dbt marked not evaluable (a table missing, a withheld cell) come back as
status "not_evaluated", never "passed".
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import logging
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
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


def validate_comparisons(family: str, frame: pd.DataFrame, run_id: Any = None) -> set[int]:
    """Run the family's suite on evaluable comparison rows; return the row_ids that fail.

    `frame` must carry a unique integer `row_id` column. GX stores the validation result
    in the context under `run_id` (a GX RunIdentifier; by default one named after nothing
    but the time)."""
    from expectations._suite import FAILING_COLUMN, FAILING_EXPECTATION, ROW_KEY_COLUMNS

    if frame.empty:
        return set()
    result_format = dict(RESULT_FORMAT, unexpected_index_column_names=ROW_KEY_COLUMNS)
    try:
        validation = _validation_definition(family).run(
            batch_parameters={"dataframe": frame}, result_format=result_format, run_id=run_id
        )
    except Exception as error:  # any GX failure is a failure to evaluate, never a pass
        raise RuleEvaluationError(f"GX validation of family {family} raised: {error}") from error
    failing: set[int] | None = None
    for expectation_result in validation.results:
        config = expectation_result.expectation_config
        info = expectation_result.exception_info or {}
        if info.get("raised_exception"):
            raise RuleEvaluationError(
                f"GX expectation {config.type} on {family} raised: {info.get('exception_message')}"
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


def department_years_join(
    department_years: set[tuple[str, int]] | frozenset[tuple[str, int]] | None,
    params: dict[str, Any],
) -> str:
    """A semi join that keeps the rows of these (department code, fiscal year) pairs, for a
    relation with both columns; adds its parameters ($codes, $years) to `params`. Empty
    when `department_years` is None (every department-year)."""
    if department_years is None:
        return ""
    pairs = sorted(department_years)
    params["codes"] = [code for code, _ in pairs]
    params["years"] = [int(year) for _, year in pairs]
    return (
        "semi join (select unnest($codes::varchar[]) as department_code,"
        " unnest($years::integer[]) as fiscal_year) as asked"
        " using (department_code, fiscal_year)"
    )


@dataclass(frozen=True)
class ComparisonScope:
    """Which rows of quality.rule_comparisons a run reads: the rules asked for, optionally
    one fiscal year, one department and/or a set of (department code, fiscal year) pairs.

    The department-years are filtered in SQL (a semi join on an unnested list), so a run
    for the one workbook that changed reads its few hundred comparisons, not the
    warehouse's hundreds of thousands."""

    rule_ids: tuple[str, ...]
    fiscal_year: int | None = None
    department_code: str | None = None
    department_years: frozenset[tuple[str, int]] | None = None

    def from_clause(self) -> tuple[str, dict[str, Any]]:
        """`from … where …` over the comparisons in scope, and its parameters."""
        filters = ["list_contains($rule_ids, rule_id)"]
        params: dict[str, Any] = {"rule_ids": list(self.rule_ids)}
        if self.fiscal_year is not None:
            filters.append("fiscal_year = $fiscal_year")
            params["fiscal_year"] = self.fiscal_year
        if self.department_code is not None:
            filters.append("department_code = $department_code")
            params["department_code"] = self.department_code
        join = department_years_join(self.department_years, params)
        sql = f"from {COMPARISONS_RELATION} {join} where {' and '.join(filters)}"
        return sql, params


#: What the GX suites read (see _suite.py); the other columns only make the RuleResults.
VALIDATED_COLUMNS = (
    "rule_id",
    "fiscal_year",
    "department_code",
    "comparison_key",
    "comparison_kind",
    "value_unit",
    "expected_yuan",
    "actual_yuan",
    "difference_yuan",
    "tolerance_yuan",
    "excess_over_tolerance_yuan",
)


def _read_comparisons(conn: duckdb.DuckDBPyConnection, scope: ComparisonScope) -> dict[str, Any]:
    """The comparisons in scope as columns (numpy arrays; NULL is None or NaN), in a fixed
    order, with a `row_id` 0…n-1.

    One query fetched with fetchnumpy: pandas' own conversion of the text columns and
    `DataFrame.to_dict("records")` cost ~6 s of the ~7 s a 500 department-year run took."""
    from_clause, params = scope.from_clause()
    # amounts travel as text so the results keep exact decimals; GX sees the doubles.
    # actual_cells completes the key: comparison_key repeats when a workbook prints a code
    # twice, and the order must not depend on how DuckDB breaks ties.
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
        {from_clause}
        order by fiscal_year, department_code, rule_id, comparison_key, actual_cells
    """
    columns = {
        name: _unmasked(array) for name, array in conn.execute(sql, params).fetchnumpy().items()
    }
    columns["row_id"] = np.arange(len(columns["rule_id"]), dtype=np.int64)
    return columns


def _unmasked(array: np.ndarray) -> np.ndarray:
    """fetchnumpy returns a masked array for a column with NULLs: NaN for numbers (as
    pandas would give GX), None for anything else."""
    if not isinstance(array, np.ma.MaskedArray):
        return array
    if array.dtype.kind in "iufb":
        return array.astype(np.float64).filled(np.nan)
    # not array.filled(None): None there means "numpy's default filler", "?" for objects
    filled = array.data.astype(object)
    filled[np.ma.getmaskarray(array)] = None
    return filled


def comparisons_fingerprint(conn: duckdb.DuckDBPyConnection, scope: ComparisonScope) -> str:
    """A digest of the comparisons in scope: equal digests, equal rows to validate. Data
    Docs use it to find the rule run's own validation results (see `validation_run_name`)."""
    from_clause, params = scope.from_clause()
    count, digest = conn.execute(
        "select count(*), coalesce(sum(hash(rule_id, fiscal_year, department_code,"
        " comparison_key, actual_cells, comparison_kind, value_unit, evaluable,"
        " expected_yuan, actual_yuan, difference_yuan, tolerance_yuan,"
        f" excess_over_tolerance_yuan)::hugeint), 0) {from_clause}",
        params,
    ).fetchone()
    return hashlib.sha256(f"{count}:{digest}".encode()).hexdigest()[:16]


def validation_run_name(fingerprint: str) -> str:
    """The GX run name under which the family validations of these comparisons are stored
    in the context's validation results store."""
    return f"rules-{fingerprint}"


def stored_validations(run_name: str) -> list[Any]:
    """The validation result identifiers this process stored under `run_name`, the newest
    of each suite (GX keeps every run's results in the ephemeral context's store)."""
    store = _gx_context().validation_results_store
    keys = [key for key in store.list_keys() if key.run_id.run_name == run_name]
    newest: dict[str, Any] = {}
    for key in sorted(keys, key=lambda k: k.run_id.run_time, reverse=True):
        newest.setdefault(key.expectation_suite_identifier.name, key)
    return list(newest.values())


def _check_relations(
    conn: duckdb.DuckDBPyConnection, warehouse_path: Path, rules: list[Rule]
) -> None:
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


def evaluate_rules(
    warehouse_path: Path,
    rule_ids: list[str] | None = None,
    fiscal_year: int | None = None,
    department_code: str | None = None,
    department_years: set[tuple[str, int]] | None = None,
) -> list[RuleResult]:
    """One RuleResult per (rule, department-year, comparison key) of the active rules asked
    for (all active rules by default), optionally for one fiscal year and/or department
    and/or the (department code, fiscal year) pairs in `department_years`; in
    (fiscal year, department, rule, comparison key) order.

    Rules with status needs_narrative (N1–N4, Y1) are not evaluated and yield no rows.
    The family validations are stored in the GX context under `validation_run_name`, so
    Data Docs can show this run's own results instead of validating again."""
    rules = _select_rules(rule_ids)
    if not rules:
        return []
    warehouse_path = Path(warehouse_path)
    if not warehouse_path.exists():
        raise RuleEvaluationError(f"warehouse {warehouse_path} does not exist")
    scope = ComparisonScope(
        rule_ids=tuple(rule.rule_id for rule in rules),
        fiscal_year=fiscal_year,
        department_code=department_code,
        department_years=None if department_years is None else frozenset(department_years),
    )
    conn = duckdb.connect(str(warehouse_path), read_only=True)
    try:
        _check_relations(conn, warehouse_path, rules)
        columns = _read_comparisons(conn, scope)
        run_name = validation_run_name(comparisons_fingerprint(conn, scope))
    finally:
        conn.close()

    failing = _validate_families(columns, _run_identifier(run_name))
    return _results(rules, columns, failing)


def _validate_families(columns: dict[str, Any], run_id: Any) -> set[int]:
    """Validate the evaluable comparisons with their family's suite, all under one GX run
    id; return the row_ids that fail."""
    evaluable = columns["evaluable"].astype(bool)
    assigned = {rule_id for family in FAMILY_MODULES for rule_id in family_rule_ids(family)}
    unassigned = set(columns["rule_id"][evaluable]) - assigned
    if unassigned:
        raise RuleEvaluationError(f"rules without a GX suite: {sorted(unassigned)}")
    frame = pd.DataFrame({name: columns[name] for name in ("row_id", *VALIDATED_COLUMNS)})
    rule_column = frame["rule_id"]
    failing: set[int] = set()
    for family in FAMILY_MODULES:
        rows = evaluable & rule_column.isin(family_rule_ids(family)).to_numpy()
        failing |= validate_comparisons(family, frame[rows].reset_index(drop=True), run_id=run_id)
    return failing


def _run_identifier(run_name: str) -> Any:
    import datetime as dt

    from great_expectations.core.run_identifier import RunIdentifier

    return RunIdentifier(run_name=run_name, run_time=dt.datetime.now(dt.UTC))


class _Decimals(dict):
    """Text → Decimal, each distinct text converted once (tolerances and round amounts
    repeat across hundreds of thousands of comparisons); None stays None."""

    def __missing__(self, text: str) -> Decimal:
        value = self[text] = Decimal(text)
        return value


def _results(rules: list[Rule], columns: dict[str, Any], failing: set[int]) -> list[RuleResult]:
    """Build the RuleResults from plain column lists: iterating numpy/pandas rows, or
    building a dict per row, cost more than the rest of the run together.

    The cyclic garbage collector is paused meanwhile: hundreds of thousands of new objects
    (none of them in a cycle) set it off again and again, each time walking every result
    built so far, a third of the building time on a 500 department-year run."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build_results(rules, columns, failing)
    finally:
        if collecting:
            gc.enable()


def _build_results(
    rules: list[Rule], columns: dict[str, Any], failing: set[int]
) -> list[RuleResult]:
    by_id = {rule.rule_id: rule for rule in rules}
    decimals = _Decimals({None: None})
    decimal = decimals.__getitem__
    names = (
        "row_id",
        "rule_id",
        "fiscal_year",
        "department_code",
        "comparison_key",
        "value_unit",
        "evaluable",
        "not_evaluable_reason",
        "expected_cells",
        "actual_cells",
        "expected_text",
        "actual_text",
        "difference_text",
        "tolerance_text",
        "file_sha256",
    )
    rows = zip(*(columns[name].tolist() for name in names), strict=True)
    results = []
    for (
        row_id,
        rule_id,
        fiscal_year,
        department_code,
        comparison_key,
        unit,
        evaluable,
        reason,
        expected_cells,
        actual_cells,
        expected_text,
        actual_text,
        difference_text,
        tolerance_text,
        file_sha256,
    ) in rows:
        rule = by_id[rule_id]
        expected, actual = decimal(expected_text), decimal(actual_text)
        difference, tolerance = decimal(difference_text), decimal(tolerance_text)
        if not evaluable:
            status, passed = "not_evaluated", None
            message = (
                f"{rule_id} {rule.title_zh}：无法校验（{comparison_key}） / "
                f"{rule.title_en}: not evaluated ({reason or 'not evaluable'})"
            )
        elif row_id in failing:
            status, passed = "failed", False
            fields = {
                "comparison_key": comparison_key,
                "expected": _format(expected, unit),
                "actual": _format(actual, unit),
                "difference": _format(difference, unit),
                "tolerance": _format(tolerance, unit),
                "expected_cells": expected_cells or "—",
                "actual_cells": actual_cells or "—",
            }
            message = (
                f"{rule_id} "
                + rule.message_zh.format(**fields)
                + " / "
                + rule.message_en.format(**fields)
            )
        else:
            status, passed = "passed", True
            message = (
                f"{rule_id} {rule.title_zh}：{comparison_key} 通过 / "
                f"{rule.title_en}: {comparison_key} passed"
            )
        results.append(
            RuleResult(
                fiscal_year=fiscal_year,
                department_code=department_code,
                rule_id=rule_id,
                rule_version=rule.version,
                severity=rule.severity,
                status=status,
                passed=passed,
                expected_yuan=expected,
                actual_yuan=actual,
                difference_yuan=difference,
                tolerance_yuan=tolerance,
                source_ref=_source_ref(actual_cells, expected_cells),
                message=message,
                comparison_key=comparison_key,
                expected_cells=expected_cells,
                actual_cells=actual_cells,
                value_unit=unit,
                file_sha256=file_sha256,
            )
        )
    return results


def _source_ref(actual_cells: str, expected_cells: str) -> str:
    """The cells compared, actual first, each once, in order."""
    joined = (
        f"{actual_cells},{expected_cells}"
        if actual_cells and expected_cells
        else (actual_cells or expected_cells)
    )
    cells = joined.split(",")
    if "" in cells or len(set(cells)) != len(cells):
        return ",".join(dict.fromkeys(cell for cell in cells if cell))
    return joined


def _format(value: Decimal | None, value_unit: str) -> str:
    if value is None:
        return "—"
    if value_unit == "count":
        return f"{value:,.0f}"
    return f"{value:,.2f}"
