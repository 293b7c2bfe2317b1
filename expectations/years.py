"""Across years (Y2–Y4): disclosures present, large year-on-year changes, vanished codes."""

from __future__ import annotations

import great_expectations as gx

from expectations._suite import comparison_suite

FAMILY = "years"
RULE_IDS: tuple[str, ...] = ("Y2", "Y3", "Y4")
VALUE_UNITS: tuple[str, ...] = ("yuan", "count")


def build_suite() -> gx.ExpectationSuite:
    return comparison_suite(f"rules_{FAMILY}", RULE_IDS, VALUE_UNITS)
