"""Resources shared by the asset definitions."""

import dagster as dg
from dagster_dbt import DbtCliResource

from dagster_project.lib.settings import Settings


class WarehouseResource(dg.ConfigurableResource):
    """Where a run reads raw workbooks and which warehouse it publishes.

    Unset fields fall back to the environment and project defaults (`Settings.from_env`),
    resolved when the run starts, so the CLI and tests can point a run anywhere."""

    raw_dir: str | None = None
    warehouse_path: str | None = None

    def settings(self) -> Settings:
        return Settings.from_env(self.raw_dir, self.warehouse_path)


class BudgetDbtCliResource(DbtCliResource):
    """dagster-dbt's resource without its in-process dbt adapter.

    Before every `dbt` subprocess, dagster-dbt opens a dbt adapter in the Dagster process
    (imports the adapter, reads the profile: ~2.3 s here). It serves only the optional
    column-schema and row-count metadata (`fetch_column_metadata`, `fetch_row_counts`),
    which this project does not fetch, and dagster-dbt runs without it when it is None.
    Skipping it takes 2.3 s off every load — a quarter of the 10 s the issue allows from
    a changed workbook to its report. If a dagster-dbt upgrade renames the hook, loads only
    get that much slower (tests/integration/test_definitions.py notices)."""

    def _initialize_dbt_core_adapter(self, args):  # noqa: ARG002 - dagster-dbt's signature
        return None
