"""The seed disclosure travels the whole chain: workbook → Dagster → dbt → GX → DuckDB."""

from __future__ import annotations

import shutil
from decimal import Decimal

import openpyxl

from tests.integration.conftest import query, run_load


def test_seed_totals_read_back_from_the_published_warehouse(seed_warehouse):
    (total,) = query(
        seed_warehouse,
        "select sum(total_yuan) from marts.fct_expenditure_by_function"
        " where department_code = '179' and fiscal_year = 2021",
    )[0]
    assert total == Decimal("11463700.00")
    rows = {
        code: (personnel, public, project, total)
        for code, personnel, public, project, total in query(
            seed_warehouse,
            "select function_code, personnel_yuan, public_yuan, project_yuan, total_yuan"
            " from marts.fct_expenditure_by_function where department_code = '179'",
        )
    }
    assert set(rows) == {"2010350", "2010399", "2050803"}  # leaf 项 rows only
    assert rows["2010350"][:2] == (Decimal("3097800.00"), Decimal("289000.00"))
    assert rows["2010399"][2] == Decimal("7876900.00")
    assert rows["2050803"][3] == Decimal("200000.00")


def test_fact_columns_have_the_contract_types(seed_warehouse):
    types = dict(
        query(
            seed_warehouse,
            "select column_name, data_type from information_schema.columns"
            " where table_schema = 'marts' and table_name = 'fct_expenditure_by_function'",
        )
    )
    assert types["fiscal_year"] == "INTEGER"
    assert types["function_code"] == "VARCHAR"
    assert types["total_yuan"] == "DECIMAL(18,2)"


def test_seed_passes_b1_and_is_listed_as_loaded(seed_warehouse):
    results = query(
        seed_warehouse,
        "select rule_id, status from quality.check_results"
        " where department_code = '179' and fiscal_year = 2021 and rule_id in ('B1', 'S1', 'S2')",
    )
    assert results, "no B1/S1/S2 results were written"
    assert {status for _, status in results} == {"passed"}
    assert {rule for rule, _ in results} == {"B1", "S1", "S2"}
    files = query(
        seed_warehouse, "select status, department_code, fiscal_year from quality.disclosure_files"
    )
    assert files == [("loaded", "179", 2021)]


def _alter_personnel_of_2010350(path, new_value):
    workbook = openpyxl.load_workbook(path)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            if any(str(c.value).strip() == "2010350" for c in row if c.value is not None):
                for cell in row:
                    if cell.value in (3097800, 3097800.0, "3097800.00"):
                        cell.value = new_value
                        workbook.save(path)
                        return f"{sheet.title}!{cell.coordinate}"
    raise AssertionError("2010350 personnel cell not found in the seed workbook")


def test_altering_one_figure_fails_s1_for_that_department_but_the_load_succeeds(
    seed_raw_copy, tmp_path
):
    raw = tmp_path / "raw"
    shutil.copytree(seed_raw_copy, raw)
    workbook = next((raw / "2021").glob("*.xlsx"))
    cell = _alter_personnel_of_2010350(workbook, 3097900)
    warehouse = tmp_path / "budget.duckdb"
    assert run_load(raw, warehouse) == 0  # a rule failing is a finding, not a broken load
    failed = query(
        warehouse,
        "select difference_yuan, source_ref from quality.check_results"
        " where rule_id = 'S1' and status = 'failed' and department_code = '179'",
    )
    assert failed, "S1 did not catch the altered figure"
    assert any(abs(diff) == Decimal("100.00") for diff, _ in failed)
    assert any(cell.split("!")[1] in (ref or "") for _, ref in failed)
