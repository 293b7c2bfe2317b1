"""Jobs. DuckDB allows one writer per file, so everything runs in one process, in order."""

import dagster as dg

LOAD_JOB_NAME = "load_disclosures"

load_job = dg.define_asset_job(
    LOAD_JOB_NAME,
    # PostgreSQL publishing is its own job (defs/postgres.py), never a step of a load.
    selection=dg.AssetSelection.all() - dg.AssetSelection.groups("postgres"),
    description="Ingest every changed workbook, build the dbt models, run the rule "
    "catalogue, publish the warehouse.",
    executor_def=dg.in_process_executor,
    # DuckDB has one writer per file: dagster.yaml limits runs with this tag to one at a
    # time, so sensor-requested runs queue instead of colliding on the working warehouse.
    tags={"budget_warehouse/writer": "duckdb"},
)
