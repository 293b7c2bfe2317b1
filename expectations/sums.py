"""Sums within a table (S): row sums, code hierarchies, list totals (S4 also compares
quantity counts)."""

from __future__ import annotations

import great_expectations as gx

from expectations._suite import comparison_suite

FAMILY = "sums"
RULE_IDS: tuple[str, ...] = ("S1", "S2", "S3", "S4")
VALUE_UNITS: tuple[str, ...] = ("yuan", "count")


def build_suite() -> gx.ExpectationSuite:
    return comparison_suite(f"rules_{FAMILY}", RULE_IDS, VALUE_UNITS)
