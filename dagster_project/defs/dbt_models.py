"""dbt models as Dagster assets, built in the working warehouse."""

import os
from collections.abc import Mapping
from contextlib import contextmanager
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from dagster_project.defs.dbt_project import dbt_project
from dagster_project.defs.resources import WarehouseResource
from dagster_project.lib.settings import Settings


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
    # Not partitioned: marts consolidate across departments, so every run rebuilds them
    # whole. (Partitioning them would also make a run over 500 department-years record
    # 500 materializations of each of ~90 models: a minute of event writes, for nothing.)
)
def dbt_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
):
    with dbt_environment(warehouse.settings()):
        yield from dbt.cli(["build"], context=context).stream()
