"""The rule catalogue of DOMAIN.md §4 as Great Expectations Core 1.x suites.

- catalogue.yaml / catalogue.py: the rules as data (`load_catalogue()`).
- dbt/models/rules/: the comparisons each rule makes (quality.rule_comparisons).
- balance.py, sums.py, cross_table.py, completeness.py, years.py: one GX suite per family.
- runner.py: `evaluate_rules(warehouse_path, ...)` → list[RuleResult].
- results.py: quality.check_results and quality.check_results_latest.

Importing this package does not import Great Expectations (2 s); the runner does, once.
"""
