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
        (
            "2010350",
            Decimal("3097800.00"),
            Decimal("289000.00"),
            Decimal("0.00"),
            Decimal("3386800.00"),
        ),
        ("2010399", Decimal("0.00"), Decimal("0.00"), Decimal("7876900.00"), Decimal("7876900.00")),
        ("2050803", Decimal("0.00"), Decimal("0.00"), Decimal("200000.00"), Decimal("200000.00")),
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
        "select department_code, status, message from quality.disclosure_files order by file_path"
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


CONTRACT_TYPES.update(
    {
        ("fct_expenditure_by_econ", "econ_code"): "VARCHAR",
        ("fct_expenditure_by_econ", "total_yuan"): "DECIMAL(18,2)",
        ("fct_income", "amount_yuan"): "DECIMAL(18,2)",
        ("fct_procurement", "line_number"): "INTEGER",
        ("fct_procurement", "quantity"): "DECIMAL(18,2)",
        ("mart_consolidated_by_function", "class_level"): "INTEGER",
        ("mart_consolidated_by_function", "total_yuan"): "DECIMAL(18,2)",
        ("mart_consolidated_by_function", "department_count"): "INTEGER",
        ("mart_year_over_year_by_function", "change_pct"): "DECIMAL(18,2)",
        ("dim_function_class", "fiscal_year"): "INTEGER",
        ("dim_econ_class", "econ_code"): "VARCHAR",
    }
)


def test_contract_column_types(built_warehouse):
    rows = built_warehouse.query(
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_schema = 'marts'"
    )
    actual = {(table, column): data_type for table, column, data_type in rows}
    for key, expected in CONTRACT_TYPES.items():
        assert actual.get(key) == expected, key


def test_build_ran_data_and_unit_tests(built_warehouse):
    output = built_warehouse.build_output
    for unit_test in (
        "test_int_t05_rows_pivoted_pivots_measures_of_loaded_files",
        "test_mart_consolidated_by_function_rolls_leaves_up",
        "test_mart_year_over_year_by_function_compares_with_prior_year",
    ):
        result_lines = [
            line for line in output.splitlines() if unit_test in line and "START" not in line
        ]
        assert result_lines and all(" PASS " in line for line in result_lines), unit_test
    assert "ERROR=0" in output


def test_identity_failures_warn_without_breaking_the_build(built_warehouse):
    """Department 180's 表5 row 20508 breaks S1: dbt reports it and the build still passes."""
    output = built_warehouse.build_output
    assert "WARN=1 " in output
    warn_lines = [line for line in output.splitlines() if "WARN 1 " in line]
    assert len(warn_lines) == 1 and "s1_row_total_equals_components" in warn_lines[0]


def test_econ_fact_matches_table6(built_warehouse):
    rows = built_warehouse.query(
        "select econ_code, gov_econ_code, personnel_yuan, public_yuan, project_yuan, total_yuan "
        "from marts.fct_expenditure_by_econ where department_code = '179' and fiscal_year = 2021 "
        "and econ_code in ('30101', '30201', '30239') order by econ_code"
    )
    assert rows == [
        (
            "30101",
            "50501",
            Decimal("802881.60"),
            Decimal("0.00"),
            Decimal("0.00"),
            Decimal("802881.60"),
        ),
        (
            "30201",
            "50502",
            Decimal("0.00"),
            Decimal("60323.17"),
            Decimal("76900.00"),
            Decimal("137223.17"),
        ),
        (
            "30239",
            "50502",
            Decimal("12480.00"),
            Decimal("0.00"),
            Decimal("0.00"),
            Decimal("12480.00"),
        ),
    ]
    totals = built_warehouse.query(
        "select sum(personnel_yuan), sum(public_yuan), sum(project_yuan), sum(total_yuan), "
        "sum(case when econ_code like '301%' then total_yuan end) "
        "from marts.fct_expenditure_by_econ where department_code = '179' and fiscal_year = 2021"
    )
    # X1 (表5 合计 = 表6 合计) and S3 (301 = Σ its 款 = 3,085,320.00)
    assert totals == [
        (
            Decimal("3097800.00"),
            Decimal("289000.00"),
            Decimal("8076900.00"),
            Decimal("11463700.00"),
            Decimal("3085320.00"),
        )
    ]


def test_basic_expenditure_facts(built_warehouse):
    assert built_warehouse.query(
        "select function_code, personnel_yuan, public_yuan, total_yuan "
        "from marts.fct_basic_expenditure_by_function where department_code = '179'"
    ) == [("2010350", Decimal("3097800.00"), Decimal("289000.00"), Decimal("3386800.00"))]
    assert built_warehouse.query(
        "select count(*), sum(total_yuan) from marts.fct_basic_expenditure_by_econ "
        "where department_code = '179'"
    ) == [(10, Decimal("3386800.00"))]


def test_total_expenditure_by_function(built_warehouse):
    rows = built_warehouse.query(
        "select function_code, total_yuan, basic_yuan, project_yuan "
        "from marts.fct_expenditure_total_by_function where department_code = '179' "
        "order by function_code"
    )
    assert rows == [
        ("2010350", Decimal("3386800.00"), Decimal("3386800.00"), Decimal("0.00")),
        ("2010399", Decimal("7876900.00"), Decimal("0.00"), Decimal("7876900.00")),
        ("2050803", Decimal("200000.00"), Decimal("0.00"), Decimal("200000.00")),
    ]


def test_income_by_source(built_warehouse):
    rows = dict(
        built_warehouse.query(
            "select income_source, amount_yuan from marts.fct_income where department_code = '179'"
        )
    )
    assert rows["general_budget"] == Decimal("11463700.00")
    assert set(rows) == {
        "general_budget",
        "gov_fund",
        "state_capital",
        "superior_subsidy",
        "business_income",
        "operating_income",
        "affiliated_income",
        "other_income",
        "business_fund",
        "prior_balance",
        "carryover",
    }
    assert sum(rows.values()) == Decimal("11463700.00")  # B2: the keys add up to 收入总计
    assert built_warehouse.query(
        "select count(*), sum(abs(difference_yuan)) from quality.income_cross_check"
    ) == [(10, Decimal("0.00"))]


def test_three_public(built_warehouse):
    rows = dict(
        built_warehouse.query(
            "select item, amount_yuan from marts.fct_three_public where department_code = '179'"
        )
    )
    assert rows == {
        "overseas_travel": Decimal("0.00"),
        "vehicle_purchase": Decimal("0.00"),
        "vehicle_operation": Decimal("0.00"),
        "reception": Decimal("10000.00"),
        "meeting": Decimal("66000.00"),
        "training": Decimal("200000.00"),
    }


def test_project_lines_skip_units_and_categories(built_warehouse):
    assert built_warehouse.query(
        "select unit_code, project_name, amount_yuan from marts.fct_project"
    ) == [("179001", "一网通办业务经费", Decimal("8076900.00"))]


def test_procurement_lines(built_warehouse):
    rows = built_warehouse.query(
        "select line_number, function_code, unit_code, catalogue, dept_econ_code, "
        "gov_econ_code, quantity, month, amount_yuan from marts.fct_procurement order by 1"
    )
    assert len(rows) == 5
    assert rows[0] == (
        1,
        "2010399",
        "179001",
        "A0201计算机设备及软件",
        "30227",
        "50502",
        Decimal("4.00"),
        "9月份",
        Decimal("60000.00"),
    )
    assert sum(r[-1] for r in rows) == Decimal("2679993.00")
    assert sum(r[6] for r in rows) == Decimal("132")


def test_performance_indicators_fill_merged_levels(built_warehouse):
    rows = built_warehouse.query(
        "select table_id, indicator_number, project_name, indicator_level1, indicator_level2, "
        "target_value from marts.fct_performance_indicator order by table_id, indicator_number"
    )
    t14 = [r for r in rows if r[0] == "T14"]
    t15 = [r for r in rows if r[0] == "T15"]
    assert len(t14) == 7 and len(t15) == 11
    assert t14[3] == ("T14", 4, "一网通办业务经费", "产出指标", "成本指标", "≤807.69万元")
    assert t15[3] == ("T15", 4, None, "产出指标", "时效指标", "≥95%")


def test_consolidated_roll_up(built_warehouse):
    rows = built_warehouse.query(
        "select function_code, class_level, personnel_yuan, total_yuan, department_count "
        "from marts.mart_consolidated_by_function where fiscal_year = 2021 "
        "order by function_code"
    )
    assert rows == [
        ("201", 1, Decimal("4097800.25"), Decimal("12463700.50"), 2),
        ("20103", 2, Decimal("4097800.25"), Decimal("12463700.50"), 2),
        ("2010350", 3, Decimal("4097800.25"), Decimal("4586800.50"), 2),
        ("2010399", 3, Decimal("0.00"), Decimal("7876900.00"), 1),
        ("205", 1, Decimal("0.00"), Decimal("500000.00"), 2),
        ("20508", 2, Decimal("0.00"), Decimal("500000.00"), 2),
        ("2050803", 3, Decimal("0.00"), Decimal("500000.00"), 2),
    ]
    (leaf_total,) = built_warehouse.query(
        "select sum(total_yuan) from marts.fct_expenditure_by_function where fiscal_year = 2021"
    )[0]
    (class_total,) = built_warehouse.query(
        "select sum(total_yuan) from marts.mart_consolidated_by_function "
        "where fiscal_year = 2021 and class_level = 1"
    )[0]
    assert class_total == leaf_total == Decimal("12963700.50")
    assert built_warehouse.query(
        "select total_yuan, department_count from marts.mart_consolidated_by_econ "
        "where fiscal_year = 2021 and econ_code = '301'"
    ) == [(Decimal("3085320.00"), 1)]


def test_year_over_year(built_warehouse):
    rows = built_warehouse.query(
        "select function_code, amount_yuan, prior_amount_yuan, change_yuan, change_pct "
        "from marts.mart_year_over_year_by_function "
        "where department_code = '179' and fiscal_year = 2022 order by function_code"
    )
    by_code = {r[0]: r[1:] for r in rows}
    assert by_code["2010350"] == (
        Decimal("3500000.00"),
        Decimal("3386800.00"),
        Decimal("113200.00"),
        Decimal("3.34"),
    )
    assert by_code["2050803"] == (
        Decimal("0.00"),
        Decimal("200000.00"),
        Decimal("-200000.00"),
        Decimal("-100.00"),
    )
    assert by_code["2013999"][1] == Decimal("0.00") and by_code["2013999"][3] is None


def test_code_dimensions(built_warehouse):
    assert built_warehouse.query(
        "select function_name, class_level, parent_code, name_source from marts.dim_function_class "
        "where fiscal_year = 2021 and function_code = '20103'"
    ) == [("政府办公厅（室）及相关机构事务", 2, "201", "reference")]
    # 2013901 is new in 2024 (crosswalk): not part of the 2021 or 2022 lists
    assert built_warehouse.query(
        "select count(*) from marts.dim_function_class where function_code = '2013901'"
    ) == [(0,)]
    assert built_warehouse.query(
        "select econ_name, class_level, parent_code from marts.dim_econ_class "
        "where fiscal_year = 2021 and scheme = 'government' and econ_code = '50501'"
    ) == [("工资福利支出", 2, "505")]


def test_code_name_conflicts(built_warehouse):
    rows = built_warehouse.query(
        "select distinct department_code, code, printed_name, conflict_type "
        "from quality.code_name_conflicts order by conflict_type, department_code"
    )
    # 表5 prints 政府办公厅(室) with half-width brackets: not a conflict once unified.
    # 179 prints 2010350 in 表3, 表5 and 表7 (one row each, hence distinct).
    assert rows == [
        ("179", "2010350", "事业运行", "differs_between_departments"),
        ("180", "2010350", "事业运行支出", "differs_between_departments"),
        ("180", "2010350", "事业运行支出", "differs_from_reference"),
    ]


def test_unknown_codes(built_warehouse):
    rows = built_warehouse.query(
        "select distinct fiscal_year, scheme, code, reason from quality.unknown_codes order by code"
    )
    assert rows == [
        (2022, "function", "20139", "not_in_code_list"),
        (2022, "function", "2013999", "not_in_code_list"),
    ]
