"""Publish: the checked working warehouse becomes the file analysts open."""

import dagster as dg
import duckdb

from dagster_project.defs.quality import CHECK_RESULTS_KEY
from dagster_project.defs.resources import WarehouseResource
from dagster_project.lib.build_state import INCREMENTAL, build_of_run
from dagster_project.lib.publish import publish

PUBLISHED_KEY = dg.AssetKey(["warehouse", "published"])


@dg.asset(
    key=PUBLISHED_KEY,
    deps=[CHECK_RESULTS_KEY],
    group_name="publish",
    kinds={"duckdb"},
    description="An atomic snapshot of the built and checked warehouse, renamed over the "
    "published file; analysts' read-only sessions never block it nor see a partial state.",
)
def published_warehouse(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    settings = warehouse.settings()
    with duckdb.connect(str(settings.working_warehouse_path), read_only=True) as conn:
        incremental = build_of_run(conn, context.run.run_id) == INCREMENTAL
    # An incremental load copies the working file; a full build writes a compact snapshot.
    publish(settings.working_warehouse_path, settings.warehouse_path, compact=not incremental)
    return dg.MaterializeResult(
        metadata={"path": str(settings.warehouse_path), "compacted": not incremental},
    )
