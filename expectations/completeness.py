"""Completeness and codes (C): tables present, catalogue honest, codes well formed and named
as the year's reference list names them, one department-year per workbook."""

from __future__ import annotations

import great_expectations as gx

from expectations._suite import comparison_suite

FAMILY = "completeness"
RULE_IDS: tuple[str, ...] = ("C1", "C2", "C3", "C3N", "C4")
VALUE_UNITS: tuple[str, ...] = ("count",)


def build_suite() -> gx.ExpectationSuite:
    return comparison_suite(f"rules_{FAMILY}", RULE_IDS, VALUE_UNITS)
