"""Resources shared by the asset definitions."""

import dagster as dg

from dagster_project.lib.settings import Settings


class WarehouseResource(dg.ConfigurableResource):
    """Where a run reads raw workbooks and which warehouse it publishes.

    Unset fields fall back to the environment and project defaults (`Settings.from_env`),
    resolved when the run starts, so the CLI and tests can point a run anywhere."""

    raw_dir: str | None = None
    warehouse_path: str | None = None

    def settings(self) -> Settings:
        return Settings.from_env(self.raw_dir, self.warehouse_path)
