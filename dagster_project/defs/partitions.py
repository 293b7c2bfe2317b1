"""Department-year partitions.

Two dynamic dimensions, the budget year and the department, filled from the raw folder's
year folders and the registry (`sync_partitions`). The dimension named `budget_year` sorts
before `department`, so Dagster orders keys year-first ("2021|179"): one year's
department-years form one contiguous range, and a backfill of a year is a single run.

Only `quality/check_results` — the department-year's verdict — carries these partitions;
the job's other assets are whole-warehouse steps (the ingest writes one schema, dbt builds
once, publish and reports follow) that read the run's department-years from its partition
tags. A run over 500 department-years then records 500 partitioned materializations, not
500 for each of the seven raw tables as well (7,000 more Dagster events, ~6 s). A single-run
backfill policy makes one run cover any range, while a run for a single department-year is
what the sensor and `load` request when one workbook changes.
"""

import dagster as dg

from dagster_project.lib.loading import DepartmentYear, department_year_universe
from dagster_project.lib.registry import read_registry
from dagster_project.lib.settings import Settings

BUDGET_YEAR = "budget_year"
DEPARTMENT = "department"

department_years = dg.MultiPartitionsDefinition(
    {
        BUDGET_YEAR: dg.DynamicPartitionsDefinition(name=BUDGET_YEAR),
        DEPARTMENT: dg.DynamicPartitionsDefinition(name=DEPARTMENT),
    }
)
SINGLE_RUN = dg.BackfillPolicy.single_run()


def partition_key(fiscal_year: int, department_code: str) -> str:
    return dg.MultiPartitionKey({BUDGET_YEAR: str(fiscal_year), DEPARTMENT: department_code})


def department_year_of(key: str | dg.MultiPartitionKey) -> DepartmentYear:
    if isinstance(key, dg.MultiPartitionKey):
        dims = key.keys_by_dimension
        return dims[DEPARTMENT], int(dims[BUDGET_YEAR])
    year, code = key.split("|", 1)  # dimension order is budget_year|department
    return code, int(year)


def selected_department_years(context) -> set[DepartmentYear] | None:
    """The department-years a run covers; None when the run is not partitioned (all)."""
    if not context.has_partition_key and not context.has_partition_key_range:
        return None
    return {department_year_of(key) for key in context.partition_keys}


def run_department_years(context) -> set[DepartmentYear] | None:
    """The department-years of the run, read from its partition tags, for a step whose own
    asset is not partitioned (the ingest); None when the run is not partitioned (all)."""
    tags = context.run.tags
    if "dagster/partition" in tags:
        return {department_year_of(tags["dagster/partition"])}
    start = tags.get("dagster/asset_partition_range_start")
    end = tags.get("dagster/asset_partition_range_end")
    if start is None or end is None:
        return None
    keys = department_years.get_partition_keys_in_range(
        dg.PartitionKeyRange(start, end), dynamic_partitions_store=context.instance
    )
    return {department_year_of(key) for key in keys}


def partition_requests(
    instance: dg.DagsterInstance, settings: Settings
) -> list[dg.AddDynamicPartitionsRequest]:
    """The dynamic partitions the raw folder and registry call for but the instance lacks."""
    years, codes = department_year_universe(settings.raw_dir, read_registry(settings.registry_path))
    requests = []
    for name, wanted in ((BUDGET_YEAR, [str(y) for y in years]), (DEPARTMENT, codes)):
        missing = [k for k in wanted if not instance.has_dynamic_partition(name, k)]
        if missing:
            requests.append(dg.AddDynamicPartitionsRequest(name, missing))
    return requests


def sync_partitions(instance: dg.DagsterInstance, settings: Settings) -> list[str]:
    """Register missing partitions; return every partition key, year-first order."""
    for request in partition_requests(instance, settings):
        instance.add_dynamic_partitions(request.partitions_def_name, list(request.partition_keys))
    return department_years.get_partition_keys(dynamic_partitions_store=instance)


def range_tags(first_key: str, last_key: str) -> dict[str, str]:
    """Run tags that make one run cover a contiguous range of department-years."""
    return {
        "dagster/asset_partition_range_start": first_key,
        "dagster/asset_partition_range_end": last_key,
    }
