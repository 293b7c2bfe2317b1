"""Resources shared by the asset definitions."""

import importlib.metadata
from functools import cached_property

import dagster as dg
from dagster_dbt import DbtCliResource
from packaging import version

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
    """dagster-dbt's resource without two costs it pays before every dbt build.

    - Its in-process dbt adapter (imports the adapter, reads the profile: ~2.3 s). It serves
      only the optional column-schema and row-count metadata (`fetch_column_metadata`,
      `fetch_row_counts`), which this project does not fetch; dagster-dbt runs without it
      when it is None.
    - `dbt --version` in a subprocess to learn the CLI's version (a whole dbt start-up,
      2–3 s). The dbt this project runs is the dbt-core installed beside it
      (`dbt_cli.dbt_executable`), so the package metadata gives the same version.

    Together a third of the 10 s the issue allows from a changed workbook to its report. If
    a dagster-dbt upgrade renames these hooks, loads only get slower, and
    tests/integration/test_definitions.py fails to say so."""

    def _initialize_dbt_core_adapter(self, args):  # noqa: ARG002 - dagster-dbt's signature
        return None

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(importlib.metadata.version("dbt-core"))
