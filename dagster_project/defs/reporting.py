"""Reports for the bureau and every department, from the published warehouse."""

import dagster as dg
import duckdb

from dagster_project.defs.publishing import PUBLISHED_KEY
from dagster_project.defs.resources import WarehouseResource
from dagster_project.lib.build_state import build_of_run
from dagster_project.lib.reports import write_bureau_summary, write_reports


@dg.asset(
    key=["reports", "disclosure_reports"],
    deps=[PUBLISHED_KEY],
    group_name="publish",
    kinds={"html", "excel"},
    description="Rule reports (.xlsx + HTML, Chinese) for the department-years this run "
    "checked, the bureau summary of all, and GX Data Docs, beside the published "
    "warehouse (reports/).",
)
def disclosure_reports(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    settings = warehouse.settings()
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as conn:
        checked = {
            (code, year)
            for code, year in conn.execute(
                "select distinct department_code, fiscal_year from quality.check_results"
                " where run_id = ?",
                [context.run.run_id],
            ).fetchall()
        }
        built_in_run = build_of_run(conn, context.run.run_id) is not None
    if checked or not built_in_run:
        # A load reports the department-years it checked; a run of this asset alone (no
        # build in the run) reports everything.
        paths = write_reports(
            settings.warehouse_path, settings.reports_dir, department_years=checked or None
        )
    else:
        # Nothing was re-checked (no workbook changed): the department reports and Data
        # Docs of the last check stand; the bureau summary is rewritten all the same.
        paths = write_bureau_summary(settings.warehouse_path, settings.reports_dir)
    return dg.MaterializeResult(
        metadata={
            "files": len(paths),
            "department_years": len(checked),
            "folder": str(settings.reports_dir),
        }
    )
