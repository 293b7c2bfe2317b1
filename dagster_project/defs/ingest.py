"""Ingest: raw workbooks → DuckDB schema `raw` of the working warehouse.

(No `from __future__ import annotations` in defs/: Dagster inspects the `context`
annotation at definition time and cannot resolve a string.)
"""

import dagster as dg
import duckdb

from dagster_project.defs.partitions import run_department_years
from dagster_project.defs.resources import WarehouseResource
from dagster_project.lib.loading import load_raw_folder
from dagster_project.lib.publish import prepare_working_copy
from dagster_project.lib.registry import read_registry
from dagster_project.lib.warehouse import RAW_TABLES

RAW_ASSET_SPECS = [
    dg.AssetSpec(["raw", table], group_name="ingest", kinds={"duckdb", "python"})
    for table in RAW_TABLES
]


@dg.multi_asset(
    specs=RAW_ASSET_SPECS,
    name="raw_disclosures",
    description="Find the disclosure workbooks under RAW_DIR/<year>/, parse the changed ones, "
    "quarantine what cannot be used, and write schema raw of the working warehouse.",
)
def raw_disclosures(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    settings = warehouse.settings()
    prepare_working_copy(settings.warehouse_path, settings.working_warehouse_path)
    registry = read_registry(settings.registry_path)
    with duckdb.connect(str(settings.working_warehouse_path)) as conn:
        outcome = load_raw_folder(
            conn,
            settings.raw_dir,
            registry,
            run_id=context.run_id,
            # Not a partitioned asset (see defs/partitions.py): the run's tags say which
            # department-years it covers.
            only=run_department_years(context),
            progress=lambda done, total, label: context.log.debug(
                f"progress {done}/{total} {label}"
            ),
        )
        counts = {
            table: conn.execute(f"select count(*) from raw.{table}").fetchall()[0][0]
            for table in RAW_TABLES
        }
    reused = [f for f in outcome.files if f.reused]
    if reused:
        context.log.info(
            f"{len(reused)} department-year(s) unchanged since the last load, not re-parsed: "
            + ", ".join(f"{f.department_code}/{f.fiscal_year}" for f in reused)
        )
    for quarantined in outcome.quarantined:
        context.log.warning(quarantined.message)
    for table in RAW_TABLES:
        yield dg.MaterializeResult(
            asset_key=["raw", table],
            metadata={
                "rows": counts[table],
                "files_loaded": len(outcome.loaded),
                "files_quarantined": len(outcome.quarantined),
                "files_parsed": outcome.parsed_count,
                "files_unchanged": len(reused),
            },
        )
