"""The rule catalogue run as Dagster asset checks.

The `quality/check_results` asset (partitioned by department-year) runs the Great
Expectations suites (`expectations/`) over the rule relations dbt built, for the
department-years of the run that the load changed, and appends the results to
quality.check_results. Each catalogue rule is then its own asset check giving the rule's
standing over the warehouse, with the failing department-years in its metadata.

A rule failing for a department is a finding about its figures, not a broken load: the
check fails, the run goes on and publishes.
"""

from collections import Counter, defaultdict
from datetime import datetime

import dagster as dg
import duckdb

from dagster_project.defs.partitions import SINGLE_RUN, department_years, selected_department_years
from dagster_project.defs.resources import WarehouseResource
from dagster_project.lib.build_state import department_years_to_check
from expectations.catalogue import Rule, load_catalogue
from expectations.results import append_check_results
from expectations.runner import evaluate_rules

CHECK_RESULTS_KEY = dg.AssetKey(["quality", "check_results"])
#: The one dbt relation the rule run reads. Depending on it, not on every dbt asset, matters:
#: an incremental dbt run leaves views alone (they are not materialized in it), and Dagster
#: skips a step whose upstream assets were not materialized in the run.
RULE_COMPARISONS_KEY = dg.AssetKey(["quality", "rule_comparisons"])
EVALUATED_RULES = [rule for rule in load_catalogue() if rule.is_active]


@dg.asset(
    key=CHECK_RESULTS_KEY,
    deps=[RULE_COMPARISONS_KEY],
    group_name="quality",
    kinds={"great_expectations", "duckdb"},
    partitions_def=department_years,
    backfill_policy=SINGLE_RUN,
    description="Every rule's result per department-year, appended per run "
    "(quality.check_results; quality.check_results_latest is the current view).",
)
def check_results(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    settings = warehouse.settings()
    with duckdb.connect(str(settings.working_warehouse_path)) as conn:
        # After an incremental dbt build only the department-years it redid can have new
        # results; after a full one (code changed) every selected department-year is checked.
        to_check = department_years_to_check(
            conn, context.run_id, selected_department_years(context)
        )
    results = evaluate_rules(settings.working_warehouse_path, department_years=to_check)
    context.log.info(
        f"rules checked for {'every' if to_check is None else len(to_check)} department-year(s)"
    )
    with duckdb.connect(str(settings.working_warehouse_path)) as conn:
        append_check_results(conn, context.run_id, results, checked_at=datetime.now())
    statuses = Counter(r.status for r in results)
    return dg.MaterializeResult(
        metadata={
            "results": len(results),
            "passed": statuses["passed"],
            "failed": statuses["failed"],
            "not_evaluated": statuses["not_evaluated"],
        }
    )


def _rule_check_result(
    rule: Rule, counts: Counter, listed: dict[str, list[str]]
) -> dg.AssetCheckResult:
    failed = listed.get("failed", [])
    not_evaluated = listed.get("not_evaluated", [])
    return dg.AssetCheckResult(
        asset_key=CHECK_RESULTS_KEY,
        check_name=f"rule_{rule.rule_id}",
        # Passed only if something was evaluated and nothing failed; department-years that
        # could not be evaluated (no prior year for Y3, a missing table) are listed, never
        # counted as passed.
        passed=counts["failed"] == 0 and counts["passed"] > 0,
        severity=(
            dg.AssetCheckSeverity.ERROR if rule.severity == "error" else dg.AssetCheckSeverity.WARN
        ),
        metadata={
            "passed": counts["passed"],
            "failed": counts["failed"],
            "not_evaluated": counts["not_evaluated"],
            "failed_department_years": ", ".join(failed[:50]) or "none",
            "not_evaluated_department_years": ", ".join(not_evaluated[:50]) or "none",
        },
    )


@dg.multi_asset_check(
    specs=[
        dg.AssetCheckSpec(
            name=f"rule_{rule.rule_id}",
            asset=CHECK_RESULTS_KEY,
            description=f"{rule.rule_id} {rule.title_zh} — {rule.title_en}",
        )
        for rule in EVALUATED_RULES
    ],
)
def rule_checks(warehouse: WarehouseResource):
    """The Dagster face of the catalogue: one check per rule, its standing over the whole
    warehouse, read from the latest result of every department-year (whether this run
    re-checked it or an earlier one did: an incremental run re-checks only what changed).

    One step and one query for all rules (26 steps, each opening the warehouse and
    grouping the results' history, cost ~2 s of a load). Not partitioned, on purpose: a
    partitioned check records one evaluation, and plans one, per department-year of the
    run — 26 rules × 500 department-years made 26,000 Dagster events per load, about 20 s.
    The per-department-year verdicts live where people read them (the check_results
    partitions, quality.check_results_latest, the department reports); each check's
    metadata lists the failing department-years."""
    with duckdb.connect(str(warehouse.settings().working_warehouse_path), read_only=True) as conn:
        # Counted and listed in SQL: the 300,000 latest results of 500 department-years
        # never cross into Python.
        counted = conn.execute(
            "select rule_id, status, count(*) from quality.check_results_latest group by all"
        ).fetchall()
        listed = conn.execute(
            "select rule_id, status,"
            " list(distinct department_code || '/' || fiscal_year order by"
            " department_code || '/' || fiscal_year)"
            " from quality.check_results_latest"
            " where status in ('failed', 'not_evaluated') group by all"
        ).fetchall()
    counts: dict[str, Counter] = defaultdict(Counter)
    for rule_id, status, n in counted:
        counts[rule_id][status] = n
    lists: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for rule_id, status, keys in listed:
        lists[rule_id][status] = keys
    for rule in EVALUATED_RULES:
        yield _rule_check_result(rule, counts[rule.rule_id], lists[rule.rule_id])
