"""Balance rules (B): 表1, 表4 and 表9 balance and their totals add up."""

from __future__ import annotations

import great_expectations as gx

from expectations._suite import comparison_suite

FAMILY = "balance"
RULE_IDS: tuple[str, ...] = ("B1", "B2", "B3", "B4")
VALUE_UNITS: tuple[str, ...] = ("yuan",)


def build_suite() -> gx.ExpectationSuite:
    return comparison_suite(f"rules_{FAMILY}", RULE_IDS, VALUE_UNITS)
