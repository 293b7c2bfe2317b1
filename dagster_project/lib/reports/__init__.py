"""Reports people act on (issue 5): per department-year rule reports (.xlsx + HTML, in
Chinese), the bureau summary of every registered department × year, and GX Data Docs.
Plain Python, no Dagster import."""

from dagster_project.lib.reports.bureau import write_bureau_summary
from dagster_project.lib.reports.department import write_department_reports
from dagster_project.lib.reports.docs import write_data_docs

__all__ = ["write_bureau_summary", "write_data_docs", "write_department_reports"]
