"""Reports people act on (issue 5): per department-year rule reports (.xlsx + HTML, in
Chinese), the bureau summary of every registered department × year, and GX Data Docs.
Plain Python, no Dagster import."""

from pathlib import Path

from dagster_project.lib.reports.bureau import write_bureau_summary
from dagster_project.lib.reports.department import write_department_reports
from dagster_project.lib.reports.docs import write_data_docs

__all__ = ["write_bureau_summary", "write_data_docs", "write_department_reports", "write_reports"]


def write_reports(
    warehouse_path: Path,
    out_dir: Path,
    department_code: str | None = None,
    fiscal_year: int | None = None,
    department_years: set[tuple[str, int]] | None = None,
) -> list[Path]:
    """Everything a load or `budget-warehouse report` hands out, read from one warehouse:
    `<out>/departments/<year>/<code>.xlsx|.html`, `<out>/bureau_summary.xlsx|.html`
    and the GX Data Docs site under `<out>/data_docs/`. `department_years` limits the
    department reports and Data Docs to those (code, year) pairs (a load's own); the
    bureau summary always covers every department-year."""
    out_dir = Path(out_dir)
    paths = write_department_reports(
        warehouse_path, out_dir / "departments", department_code, fiscal_year, department_years
    )
    paths += write_bureau_summary(warehouse_path, out_dir, fiscal_year)
    paths.append(
        write_data_docs(
            warehouse_path, out_dir / "data_docs", department_code, fiscal_year, department_years
        )
    )
    return paths
