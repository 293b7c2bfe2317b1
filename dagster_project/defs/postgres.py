"""Publish to PostgreSQL: the shared server copy of the published warehouse (optional).

Its own job, `publish_postgres`, not a step of `load_disclosures`: a load (and every test
that runs one) stays a DuckDB-only affair, and the server can be refreshed, or caught up
after an outage, without loading anything. Unpartitioned: it always copies the whole
published warehouse. Without `BW_PG_HOST` it materialises nothing and says why.
"""

import dagster as dg

from dagster_project.defs.publishing import PUBLISHED_KEY
from dagster_project.defs.resources import WarehouseResource
from dagster_project.lib.postgres import publish_to_postgres
from dagster_project.lib.settings import PostgresSettings

POSTGRES_GROUP = "postgres"
POSTGRES_PUBLISHED_KEY = dg.AssetKey(["postgres", "published"])
PUBLISH_POSTGRES_JOB_NAME = "publish_postgres"


@dg.asset(
    key=POSTGRES_PUBLISHED_KEY,
    deps=[PUBLISHED_KEY],
    group_name=POSTGRES_GROUP,
    kinds={"postgres", "dbt"},
    output_required=False,
    description="The published warehouse's raw tables and rule results copied to the "
    "PostgreSQL server of BW_PG_HOST, and the dbt models built there (target postgres).",
)
def postgres_published(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    pg_settings = PostgresSettings.from_env()
    if pg_settings is None:
        context.log.info("BW_PG_HOST is not set: skipped, nothing published to PostgreSQL")
        return
    duckdb_path = warehouse.settings().warehouse_path
    publication = publish_to_postgres(duckdb_path, pg_settings)
    yield dg.MaterializeResult(
        metadata={
            "server": repr(pg_settings),
            "source": str(duckdb_path),
            "copy_seconds": round(publication.copy_seconds, 2),
            "dbt_seconds": round(publication.dbt_seconds, 2),
            **{f"rows {name}": count for name, count in publication.rows.items()},
        }
    )


publish_postgres_job = dg.define_asset_job(
    PUBLISH_POSTGRES_JOB_NAME,
    selection=[POSTGRES_PUBLISHED_KEY],
    description="Copy the published warehouse to PostgreSQL and build the dbt models there.",
    executor_def=dg.in_process_executor,
)
