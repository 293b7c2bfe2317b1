"""Runs over some department-years: `evaluate_rules(department_years=…)` gives exactly the
full run's results for those, the reports of some department-years equal the full
reports' and leave the bureau summary whole, and Data Docs show the rule run's own
validations."""

from __future__ import annotations

import shutil
from decimal import Decimal as D
from pathlib import Path

import duckdb
import pytest

from dagster_project.lib.reports import write_data_docs, write_reports
from dagster_project.lib.reports._results import load_findings
from expectations.results import append_check_results
from expectations.runner import evaluate_rules
from tests.rules.seed_disclosure import seed_disclosure

ASKED = {("801", 2021), ("179", 2022)}


@pytest.fixture(scope="module")
def warehouse(rules_warehouse_factory) -> Path:
    """179 in 2021 and 2022 (passes), 801 in 2021 with a B1 fault and in 2022 (passes)."""
    disclosures = []
    for code, year in (("179", 2021), ("179", 2022), ("801", 2021), ("801", 2022)):
        disclosure = seed_disclosure()
        disclosure.department_code, disclosure.fiscal_year = code, year
        if code == "801":
            disclosure.department_name = "甲部门"
        if (code, year) == ("801", 2021):
            disclosure.set(
                "T01", "支出总计", "amount", D("11463800.00"), section="expenditure_function"
            )
        disclosures.append(disclosure)
    registry = [("179", "陕西省政务服务中心"), ("801", "甲部门")]
    return rules_warehouse_factory(disclosures, registry)


def _department_year(result) -> tuple[str, int]:
    return (result.department_code, result.fiscal_year)


def test_department_years_give_the_full_results_restricted_to_them(warehouse):
    full = evaluate_rules(warehouse)
    assert {_department_year(r) for r in full} == {
        ("179", 2021),
        ("179", 2022),
        ("801", 2021),
        ("801", 2022),
    }
    scoped = evaluate_rules(warehouse, department_years=ASKED)
    assert scoped == [r for r in full if _department_year(r) in ASKED]
    assert any(r.status == "failed" and r.rule_id == "B1" for r in scoped)


def test_department_years_combine_with_the_other_filters(warehouse):
    full = evaluate_rules(warehouse, ["B1", "S1"])
    scoped = evaluate_rules(warehouse, ["B1", "S1"], fiscal_year=2021, department_years=ASKED)
    assert scoped == [r for r in full if _department_year(r) == ("801", 2021)]
    assert scoped and {r.rule_id for r in scoped} == {"B1", "S1"}


def test_no_or_unknown_department_years_give_no_results(warehouse):
    assert evaluate_rules(warehouse, department_years=set()) == []
    assert evaluate_rules(warehouse, department_years={("801", 2019)}) == []


def test_data_docs_show_the_rule_runs_own_validations(warehouse, tmp_path):
    evaluate_rules(warehouse, department_years=ASKED)
    stored_before = _stored_keys()
    index = write_data_docs(warehouse, tmp_path / "docs", department_years=ASKED)
    assert _stored_keys() == stored_before  # nothing validated a second time
    pages = list((tmp_path / "docs" / "validations").rglob("*.html"))
    assert len(pages) == 5  # one per family
    assert index.exists()


def test_data_docs_validate_when_no_rule_run_saw_the_rows(warehouse, tmp_path):
    stored_before = _stored_keys()
    write_data_docs(warehouse, tmp_path / "docs", department_years={("179", 2021)})
    assert len(_stored_keys() - stored_before) == 5
    assert len(list((tmp_path / "docs" / "validations").rglob("*.html"))) == 5


def _stored_keys() -> set:
    from expectations.runner import _gx_context

    return set(map(str, _gx_context().validation_results_store.list_keys()))


def _texts(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): p.read_text(encoding="utf-8")
        for p in directory.rglob("*.html")
        if "data_docs" not in p.parts
    }


def test_reports_of_some_department_years_equal_the_full_reports(warehouse, tmp_path):
    full_dir, scoped_dir = tmp_path / "full", tmp_path / "scoped"
    write_reports(warehouse, full_dir)
    paths = write_reports(warehouse, scoped_dir, department_years={("801", 2021)})
    departments = sorted(str(p.relative_to(scoped_dir)) for p in paths if "departments" in p.parts)
    assert departments == ["departments/2021/801.html", "departments/2021/801.xlsx"]
    full, scoped = _texts(full_dir), _texts(scoped_dir)
    assert scoped["departments/2021/801.html"] == full["departments/2021/801.html"]
    # the bureau summary still covers every department-year
    assert scoped["bureau_summary.html"] == full["bureau_summary.html"]
    assert "有错误 has errors 1" in scoped["bureau_summary.html"]
    assert "通过 accepted 3" in scoped["bureau_summary.html"]


def test_recorded_results_report_what_a_fresh_evaluation_reports(warehouse, tmp_path):
    recorded = tmp_path / "recorded.duckdb"
    shutil.copy(warehouse, recorded)
    results = evaluate_rules(recorded)
    with duckdb.connect(str(recorded)) as conn:
        append_check_results(conn, "run-1", results)
    fresh_findings = load_findings(warehouse, department_years=ASKED)
    recorded_findings = load_findings(recorded, department_years=ASKED)
    assert recorded_findings == fresh_findings
    assert "passed" not in {r.status for r in fresh_findings.results}
    assert any(r.status == "failed" for r in fresh_findings.results)
    assert set(fresh_findings.status_counts) == ASKED
    write_reports(warehouse, tmp_path / "fresh")
    write_reports(recorded, tmp_path / "from_record")
    assert _texts(tmp_path / "fresh") == _texts(tmp_path / "from_record")
