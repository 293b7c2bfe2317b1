"""dbt models as Dagster assets, built in the working warehouse.

Each run builds either everything (`dbt build --full-refresh`) or, when the code that
builds the warehouse is unchanged, only what the load changed: the incremental models
redo the department-years of `raw.load_scope`, the whole-warehouse tables (dimensions,
consolidations) are rebuilt, and views — whose SQL did not change — are left alone. The
decision and its reasons are `lib/build_state.py`'s.
"""

import os
from collections.abc import Mapping
from contextlib import contextmanager
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from dagster_project.defs.dbt_project import dbt_project
from dagster_project.defs.resources import WarehouseResource
from dagster_project.lib.build_state import code_fingerprint, plan_build, record_build
from dagster_project.lib.settings import Settings
from dagster_project.lib.warmup import import_in_background

#: Run tag that forces a full rebuild (`budget-warehouse load --full-refresh`).
FULL_REFRESH_TAG = "budget_warehouse/full_refresh"
#: What an incremental run leaves out: views, seeds and unit tests depend on code only,
#: which is unchanged (else the plan is full). Given as --exclude because dagster-dbt adds
#: its own --select of every dbt asset, and dbt takes the union of several --select.
INCREMENTAL_EXCLUDE = "config.materialized:view resource_type:seed resource_type:unit_test"
#: An incremental run is about latency: it does not write dbt's JSON artifacts
#: (manifest.json twice, run_results.json: 0.5 s at 500 department-years). Nothing reads
#: them — the definitions use dbt/target's manifest and the asset events come from dbt's
#: log stream — and dbt.log in the target folder still has every node's timing and
#: result. Full builds still write them (so run_results.json there is the last full
#: build's, not necessarily the last build's).
INCREMENTAL_ARGS = ["build", "--exclude", INCREMENTAL_EXCLUDE, "--no-write-json"]


class BudgetDbtTranslator(DagsterDbtTranslator):
    """Models are keyed `<schema>/<name>` (marts/fct_income), matching the SQL an analyst
    writes; sources keep dagster-dbt's `<source>/<table>`, which is what the ingest asset
    produces (raw/amounts)."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] in ("model", "seed", "snapshot"):
            schema = dbt_resource_props.get("config", {}).get("schema") or "main"
            return dg.AssetKey([schema, dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "reference"
        return dbt_resource_props.get("config", {}).get("schema") or "dbt"


@contextmanager
def dbt_environment(settings: Settings):
    """dbt runs as a subprocess that inherits os.environ; point it at the working warehouse
    for the duration of one invocation."""
    saved = {key: os.environ.get(key) for key in settings.as_env()}
    os.environ.update(settings.as_env())
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=BudgetDbtTranslator(),
    # Not partitioned: one dbt build per run, full or incremental over the load's scope
    # (module docstring). Partitioning the models would make a run over 500
    # department-years record 500 materializations of each of ~90 models: a minute of
    # event writes, for nothing.
)
def dbt_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
):
    # The rule step right after this one needs Great Expectations (2–3 s to import): import
    # it while this process waits for the dbt subprocess.
    import_in_background("great_expectations")
    settings = warehouse.settings()
    fingerprint = code_fingerprint()
    with duckdb.connect(str(settings.working_warehouse_path)) as conn:
        plan = plan_build(
            conn,
            fingerprint,
            run_id=context.run_id,
            full_refresh=context.run.tags.get(FULL_REFRESH_TAG) == "true",
        )
    context.log.info(f"dbt build: {plan.mode} ({plan.reason})")
    args = ["build", "--full-refresh"] if plan.is_full else INCREMENTAL_ARGS
    with dbt_environment(settings):
        # One target folder per warehouse, reused: dbt's partial parsing then skips
        # re-reading the project, and no folder per run piles up under dbt/target.
        yield from dbt.cli(args, context=context, target_path=settings.dbt_target_dir).stream()
    with duckdb.connect(str(settings.working_warehouse_path)) as conn:
        record_build(
            conn,
            plan,
            fingerprint,
            context.run_id,
            None if plan.is_full else len(plan.department_years),
        )
