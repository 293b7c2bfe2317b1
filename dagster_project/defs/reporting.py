"""Reports for the bureau and every department, from the published warehouse."""

import dagster as dg

from dagster_project.defs.partitions import (
    SINGLE_RUN,
    department_years,
    selected_department_years,
)
from dagster_project.defs.publishing import PUBLISHED_KEY
from dagster_project.defs.resources import WarehouseResource
from dagster_project.lib.reports import write_reports


@dg.asset(
    key=["reports", "disclosure_reports"],
    deps=[PUBLISHED_KEY],
    group_name="publish",
    partitions_def=department_years,
    backfill_policy=SINGLE_RUN,
    kinds={"html", "excel"},
    description="Per department-year rule reports (.xlsx + HTML, Chinese), the bureau "
    "summary and GX Data Docs, written beside the published warehouse (reports/).",
)
def disclosure_reports(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    settings = warehouse.settings()
    selection = selected_department_years(context)
    code, year = next(iter(selection)) if selection and len(selection) == 1 else (None, None)
    paths = write_reports(settings.warehouse_path, settings.reports_dir, code, year)
    return dg.MaterializeResult(metadata={"files": len(paths), "folder": str(settings.reports_dir)})
