"""Across tables (X): figures of one table equal (X8: do not exceed) those of another."""

from __future__ import annotations

import great_expectations as gx

from expectations._suite import comparison_suite

FAMILY = "cross_table"
RULE_IDS: tuple[str, ...] = ("X1", "X2", "X3", "X4", "X5", "X6", "X7", "X8", "X9", "X10")
VALUE_UNITS: tuple[str, ...] = ("yuan",)


def build_suite() -> gx.ExpectationSuite:
    return comparison_suite(f"rules_{FAMILY}", RULE_IDS, VALUE_UNITS)
