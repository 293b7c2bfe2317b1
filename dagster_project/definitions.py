"""Assembles the Dagster definitions; the pieces live in `defs/`, the logic in `lib/`."""

import dagster as dg

from dagster_project.defs.automation import raw_folder_sensor, spring_load_schedule
from dagster_project.defs.dbt_models import dbt_models
from dagster_project.defs.dbt_project import dbt_project
from dagster_project.defs.ingest import raw_disclosures
from dagster_project.defs.jobs import load_job
from dagster_project.defs.postgres import postgres_published, publish_postgres_job
from dagster_project.defs.progress import progress_logger
from dagster_project.defs.publishing import published_warehouse
from dagster_project.defs.quality import check_results, rule_checks
from dagster_project.defs.reporting import disclosure_reports
from dagster_project.defs.resources import BudgetDbtCliResource, WarehouseResource
from dagster_project.lib.dbt_cli import dbt_executable

defs = dg.Definitions(
    assets=[
        raw_disclosures,
        dbt_models,
        check_results,
        published_warehouse,
        disclosure_reports,
        postgres_published,
    ],
    asset_checks=[rule_checks],
    jobs=[load_job, publish_postgres_job],
    sensors=[raw_folder_sensor],
    schedules=[spring_load_schedule],
    loggers={"console": dg.colored_console_logger, "progress": progress_logger},
    resources={
        "warehouse": WarehouseResource(),
        "dbt": BudgetDbtCliResource(
            project_dir=dbt_project,
            profiles_dir=dbt_project.profiles_dir,
            dbt_executable=dbt_executable(),
        ),
    },
    executor=dg.in_process_executor,
)
