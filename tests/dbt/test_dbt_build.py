"""dbt build on a temporary DuckDB warehouse holding the seed disclosure's figures."""

from __future__ import annotations

from decimal import Decimal

import pytest

pytestmark = pytest.mark.slow


def test_function_fact_total_is_the_seed_total(built_warehouse):
    (total,) = built_warehouse.query(
        "select sum(total_yuan) from marts.fct_expenditure_by_function "
        "where department_code = '179' and fiscal_year = 2021"
    )[0]
    assert total == Decimal("11463700.00")


def test_function_fact_leaf_rows(built_warehouse):
    rows = built_warehouse.query(
        "select function_code, personnel_yuan, public_yuan, project_yuan, total_yuan "
        "from marts.fct_expenditure_by_function "
        "where department_code = '179' and fiscal_year = 2021 order by function_code"
    )
    assert rows == [
        ("2010350", Decimal("3097800.00"), Decimal("289000.00"), Decimal("0.00"),
         Decimal("3386800.00")),
        ("2010399", Decimal("0.00"), Decimal("0.00"), Decimal("7876900.00"),
         Decimal("7876900.00")),
        ("2050803", Decimal("0.00"), Decimal("0.00"), Decimal("200000.00"),
         Decimal("200000.00")),
    ]


def test_function_fact_points_back_to_its_source_row(built_warehouse):
    rows = built_warehouse.query(
        "select source_row_key from marts.fct_expenditure_by_function "
        "where department_code = '179' and fiscal_year = 2021 and function_code = '2010350'"
    )
    assert rows == [("sha-179-2021:T05:main:9",)]


def test_quarantined_files_contribute_nothing(built_warehouse):
    rows = built_warehouse.query(
        "select count(*) from marts.fct_expenditure_by_function where department_code = '181'"
    )
    assert rows == [(0,)]
    statuses = built_warehouse.query(
        "select department_code, status, message from quality.disclosure_files "
        "order by file_path"
    )
    assert ("181", "quarantined", "truncated") in statuses
    assert len(statuses) == 4


def test_dim_department_years_loaded(built_warehouse):
    rows = built_warehouse.query(
        "select department_code, first_fiscal_year, last_fiscal_year "
        "from marts.dim_department order by department_code"
    )
    assert rows == [("179", 2021, 2022), ("180", 2021, 2021), ("181", None, None)]


CONTRACT_TYPES = {
    ("dim_department", "department_code"): "VARCHAR",
    ("dim_department", "first_fiscal_year"): "INTEGER",
    ("fct_expenditure_by_function", "fiscal_year"): "INTEGER",
    ("fct_expenditure_by_function", "department_code"): "VARCHAR",
    ("fct_expenditure_by_function", "function_code"): "VARCHAR",
    ("fct_expenditure_by_function", "personnel_yuan"): "DECIMAL(18,2)",
    ("fct_expenditure_by_function", "public_yuan"): "DECIMAL(18,2)",
    ("fct_expenditure_by_function", "project_yuan"): "DECIMAL(18,2)",
    ("fct_expenditure_by_function", "total_yuan"): "DECIMAL(18,2)",
}


def test_contract_column_types(built_warehouse):
    rows = built_warehouse.query(
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_schema = 'marts'"
    )
    actual = {(table, column): data_type for table, column, data_type in rows}
    for key, expected in CONTRACT_TYPES.items():
        assert actual.get(key) == expected, key


def test_build_ran_data_and_unit_tests(built_warehouse):
    assert "unit_test" in built_warehouse.build_output or "test_int_t05" in built_warehouse.build_output
    assert "ERROR=0" in built_warehouse.build_output
