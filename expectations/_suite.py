"""What every rule family's suite asserts about quality.rule_comparisons rows.

The rows are comparisons dbt already computed; the suites decide. The one expectation that
decides pass/fail per row is `excess_over_tolerance_yuan ≤ 0` (FAILING_EXPECTATION); the
others guard the relation's integrity, and if one of them fails the run raises instead of
reporting anything.
"""

from __future__ import annotations

import great_expectations as gx

ROW_KEY_COLUMNS = ["row_id", "rule_id", "fiscal_year", "department_code", "comparison_key"]
FAILING_EXPECTATION = "expect_column_values_to_be_between"
FAILING_COLUMN = "excess_over_tolerance_yuan"


def comparison_suite(
    name: str, rule_ids: tuple[str, ...], value_units: tuple[str, ...]
) -> gx.ExpectationSuite:
    suite = gx.ExpectationSuite(name=name)
    suite.add_expectation(
        gx.expectations.ExpectColumnValuesToBeBetween(column=FAILING_COLUMN, max_value=0)
    )
    for column in ("expected_yuan", "actual_yuan", "difference_yuan", "tolerance_yuan",
                   FAILING_COLUMN, "fiscal_year", "department_code", "comparison_key"):
        suite.add_expectation(gx.expectations.ExpectColumnValuesToNotBeNull(column=column))
    suite.add_expectation(
        gx.expectations.ExpectColumnValuesToBeInSet(column="rule_id", value_set=list(rule_ids))
    )
    suite.add_expectation(
        gx.expectations.ExpectColumnValuesToBeInSet(column="value_unit",
                                                    value_set=list(value_units))
    )
    suite.add_expectation(
        gx.expectations.ExpectColumnValuesToBeBetween(column="tolerance_yuan", min_value=0)
    )
    suite.add_expectation(
        gx.expectations.ExpectColumnValuesToBeInSet(
            column="comparison_kind", value_set=["equal", "at_most"]
        )
    )
    return suite
