"""The rule catalogue run as Dagster asset checks.

One GX evaluation per run covers every rule (the suites live in `expectations/`); each rule
then reports as its own asset check on `quality/check_results`, so the UI shows B1, S1 …
side by side. A rule failing for a department is a finding about that department's
figures, not a broken load: the check fails, the run goes on and publishes.
"""


import uuid
from collections import Counter
from datetime import datetime

import dagster as dg
import duckdb

from dagster_project.defs.dbt_models import dbt_models
from dagster_project.defs.resources import WarehouseResource
from expectations.catalogue import load_catalogue
from expectations.results import append_check_results
from expectations.runner import evaluate_rules

CHECK_RESULTS_KEY = dg.AssetKey(["quality", "check_results"])
EVALUATED_RULES = [rule for rule in load_catalogue() if rule.is_active]


def check_name(rule_id: str) -> str:
    return f"rule_{rule_id}"


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            CHECK_RESULTS_KEY,
            deps=[dbt_models],
            group_name="quality",
            kinds={"great_expectations", "duckdb"},
            description="Every rule's result per department-year, appended per run "
            "(quality.check_results; quality.check_results_latest is the current view).",
        )
    ],
    check_specs=[
        dg.AssetCheckSpec(
            check_name(rule.rule_id),
            asset=CHECK_RESULTS_KEY,
            description=f"{rule.rule_id} {rule.title_zh}",
        )
        for rule in EVALUATED_RULES
    ],
    name="rule_checks",
)
def rule_checks(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    settings = warehouse.settings()
    results = evaluate_rules(settings.working_warehouse_path)
    run_id = context.run.run_id if context.run else uuid.uuid4().hex
    with duckdb.connect(str(settings.working_warehouse_path)) as conn:
        append_check_results(conn, run_id, results, checked_at=datetime.now())
    by_rule: dict[str, Counter] = {rule.rule_id: Counter() for rule in EVALUATED_RULES}
    for result in results:
        by_rule.setdefault(result.rule_id, Counter())[result.status] += 1
    for rule in EVALUATED_RULES:
        counts = by_rule[rule.rule_id]
        failed = [
            f"{r.department_code}/{r.fiscal_year}"
            for r in results
            if r.rule_id == rule.rule_id and r.status == "failed"
        ]
        yield dg.AssetCheckResult(
            check_name=check_name(rule.rule_id),
            asset_key=CHECK_RESULTS_KEY,
            # Passed only if something was evaluated and nothing failed; department-years
            # that could not be evaluated (no prior year for Y3, a missing table) are
            # counted in the metadata, never as passed.
            passed=counts["failed"] == 0 and counts["passed"] > 0,
            severity=(
                dg.AssetCheckSeverity.ERROR if rule.severity == "error" else dg.AssetCheckSeverity.WARN
            ),
            metadata={
                "passed": counts["passed"],
                "failed": counts["failed"],
                "not_evaluated": counts["not_evaluated"],
                "failed_department_years": ", ".join(sorted(set(failed))[:50]) or "none",
            },
        )
    yield dg.MaterializeResult(
        asset_key=CHECK_RESULTS_KEY,
        metadata={"results": len(results), "run_id": run_id},
    )
