"""The runner never reads a check that cannot run as passed."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from expectations.results import append_check_results, ensure_check_results_table
from expectations.runner import RuleEvaluationError, evaluate_rules, validate_comparisons
from tests.rules.raw_fixture import write_raw_warehouse
from tests.rules.seed_disclosure import seed_disclosure


def test_missing_relation_raises(tmp_path: Path):
    warehouse = tmp_path / "raw_only.duckdb"
    write_raw_warehouse(warehouse, [seed_disclosure()])
    with pytest.raises(RuleEvaluationError, match="missing"):
        evaluate_rules(warehouse, ["B1"])


def test_missing_warehouse_raises(tmp_path: Path):
    with pytest.raises(RuleEvaluationError):
        evaluate_rules(tmp_path / "absent.duckdb", ["B1"])


def test_unknown_rule_raises(tmp_path: Path):
    with pytest.raises(ValueError):
        evaluate_rules(tmp_path / "absent.duckdb", ["Z9"])


def test_broken_rows_raise_instead_of_passing():
    frame = pd.DataFrame({
        "row_id": [0], "rule_id": ["B1"], "fiscal_year": [2021], "department_code": ["179"],
        "comparison_key": ["k"], "comparison_kind": ["equal"], "value_unit": ["yuan"],
        "expected_yuan": [None], "actual_yuan": [1.0], "difference_yuan": [None],
        "tolerance_yuan": [0.0], "excess_over_tolerance_yuan": [None],
    })
    with pytest.raises(RuleEvaluationError):
        validate_comparisons("balance", frame)


def test_missing_column_raises():
    frame = pd.DataFrame({"row_id": [0], "rule_id": ["B1"]})
    with pytest.raises(RuleEvaluationError):
        validate_comparisons("balance", frame)


def test_results_history_and_latest_view(tmp_path: Path, rules_warehouse_factory):
    warehouse = rules_warehouse_factory([seed_disclosure()])
    results = evaluate_rules(warehouse, ["B1"])
    conn = duckdb.connect(str(warehouse))
    try:
        ensure_check_results_table(conn)
        assert append_check_results(conn, "run-1", results) == 3
        assert append_check_results(conn, "run-2", results) == 3
        total, latest_runs = conn.execute(
            "select (select count(*) from quality.check_results),"
            " (select list(distinct run_id) from quality.check_results_latest)"
        ).fetchone()
        assert total == 6 and latest_runs == ["run-2"]
        row = conn.execute(
            "select status, passed, expected_yuan, rule_version from quality.check_results_latest"
            " where comparison_key = 'T01:expenditure_function'"
        ).fetchone()
        assert row[0] == "passed" and row[1] is True and str(row[2]) == "11463700.00"
    finally:
        conn.close()
