"""The ingest is not a partitioned asset; it reads the run's department-years from the run's
partition tags, as Dagster writes them for a single partition or a range."""

from types import SimpleNamespace

import dagster as dg

from dagster_project.defs.partitions import (
    BUDGET_YEAR,
    DEPARTMENT,
    partition_key,
    range_tags,
    run_department_years,
)


def context_with(tags: dict[str, str], instance: dg.DagsterInstance) -> SimpleNamespace:
    return SimpleNamespace(run=SimpleNamespace(tags=tags), instance=instance)


def test_run_department_years_from_single_partition_and_range_tags():
    with dg.DagsterInstance.ephemeral() as instance:
        instance.add_dynamic_partitions(BUDGET_YEAR, ["2020", "2021"])
        instance.add_dynamic_partitions(DEPARTMENT, ["115", "179", "393"])
        single = context_with({"dagster/partition": str(partition_key(2021, "179"))}, instance)
        assert run_department_years(single) == {("179", 2021)}
        year_range = context_with(
            range_tags(partition_key(2021, "115"), partition_key(2021, "393")), instance
        )
        assert run_department_years(year_range) == {("115", 2021), ("179", 2021), ("393", 2021)}
        assert run_department_years(context_with({}, instance)) is None
