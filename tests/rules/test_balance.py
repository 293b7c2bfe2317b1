"""B-series rules on the seed (passes) and on altered copies (fail with the difference)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from tests.rules.conftest import evaluate, failures, only
from tests.rules.seed_disclosure import seed_disclosure

SEED = "179"


def _b1_fault():
    # 支出总计 of the function view typed 100.00 too high
    d = seed_disclosure()
    d.department_code = "901"
    d.set("T01", "支出总计", "amount", D("11463800.00"), section="expenditure_function")
    return d


def _b1_missing_table():
    d = seed_disclosure()
    d.department_code = "902"
    del d.tables["T01"]
    return d


def _b1_wan_yuan():
    # 表1 in 万元: 收入总计 printed 1146.37, 支出总计 (gov view) 1146.38 → 100 yuan off, with
    # two rounded terms tolerated 100 yuan: passes; the dept view is 1146.39: fails by 200.
    d = seed_disclosure()
    d.department_code = "903"
    d.tables["T01"].unit_multiplier = 10000
    d.set("T01", "支出总计", "amount", D("11463800.00"), section="expenditure_gov_econ")
    d.set("T01", "支出总计", "amount", D("11463900.00"), section="expenditure_dept_econ")
    return d


@pytest.fixture(scope="module")
def warehouse(rules_warehouse_factory):
    return rules_warehouse_factory(
        [seed_disclosure(), _b1_fault(), _b1_missing_table(), _b1_wan_yuan()]
    )


def test_b1_seed_passes_in_all_three_views(warehouse):
    results = evaluate(warehouse, "B1", SEED)
    assert {r.comparison_key for r in results} == {
        "T01:expenditure_function", "T01:expenditure_dept_econ", "T01:expenditure_gov_econ"
    }
    for result in results:
        assert result.status == "passed" and result.passed is True
        assert result.expected_yuan == result.actual_yuan == D("11463700.00")
        assert result.difference_yuan == D("0.00") and result.tolerance_yuan == D("0.00")


def test_b1_fails_with_difference_and_cells(warehouse):
    results = evaluate(warehouse, "B1", "901")
    [failed] = failures(results)
    assert failed.comparison_key == "T01:expenditure_function"
    assert failed.difference_yuan == D("100.00")
    assert failed.expected_yuan == D("11463700.00") and failed.actual_yuan == D("11463800.00")
    assert failed.severity == "error" and failed.passed is False
    assert failed.actual_cells.startswith("表1!D") and failed.expected_cells.startswith("表1!B")
    assert "100.00" in failed.message and "相差" in failed.message


def test_b1_missing_table_is_not_evaluated(warehouse):
    [result] = evaluate(warehouse, "B1", "902")
    assert result.status == "not_evaluated" and result.passed is None
    assert result.comparison_key == "T01:missing"


def test_b1_wan_yuan_tolerance_is_50_per_rounded_term(warehouse):
    results = evaluate(warehouse, "B1", "903")
    gov = only(results, "T01:expenditure_gov_econ")
    assert gov.status == "passed" and gov.tolerance_yuan == D("100.00")
    assert gov.difference_yuan == D("100.00")
    dept = only(results, "T01:expenditure_dept_econ")
    assert dept.status == "failed" and dept.difference_yuan == D("200.00")
