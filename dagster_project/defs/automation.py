"""Automation: a sensor for workbooks as they arrive, a schedule for the spring load.

The sensor compares every workbook's sha256 (never its timestamp: a copied or touched file
is not a changed file) with what it saw last, and asks for runs of just the
department-years that changed. When many departments of one year change at once (the
first tick, a bulk delivery), one run over that year's range is cheaper than one run each:
the loader skips unchanged files anyway, and dbt and the rules run once.

Both start STOPPED; switch them on in the UI (`make dev`) or with `dagster sensor start`.
"""

import hashlib
import json
from collections import defaultdict

import dagster as dg

from dagster_project.defs.jobs import load_job
from dagster_project.defs.partitions import (
    department_year_of,
    partition_key,
    partition_requests,
    range_tags,
    sync_partitions,
)
from dagster_project.lib.loading import discover_raw_files, read_workbook
from dagster_project.lib.registry import RegistryError, read_registry
from dagster_project.lib.settings import Settings

#: More changed departments than this in one year → one run over the year.
BULK_THRESHOLD = 5


def _year_range_request(year: int, codes: list[str], run_key: str) -> dg.RunRequest:
    return dg.RunRequest(
        run_key=run_key,
        tags=range_tags(partition_key(year, codes[0]), partition_key(year, codes[-1])),
    )


@dg.sensor(
    job=load_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Requests loads for department-years whose workbooks were added, changed "
    "or removed under RAW_DIR (compared by sha256).",
)
def raw_folder_sensor(context: dg.SensorEvaluationContext):
    settings = Settings.from_env()
    try:
        registry = read_registry(settings.registry_path)
    except RegistryError as exc:
        return dg.SkipReason(str(exc))
    seen: dict[str, list] = json.loads(context.cursor) if context.cursor else {}
    current: dict[str, list] = {}
    changed: set[str] = set()
    whole_years: set[int] = set()

    def touch(entry: list | None, folder_year: int) -> None:
        if entry and entry[1] and entry[2]:
            changed.add(partition_key(entry[2], entry[1]))
        else:  # no department known: a run over the year records the file's outcome
            whole_years.add(folder_year)

    for raw_file in discover_raw_files(settings.raw_dir):
        before = seen.get(raw_file.relative_path)
        if before and before[0] == raw_file.sha256:
            current[raw_file.relative_path] = before
            continue
        outcome, _ = read_workbook(raw_file, registry)
        entry = [
            raw_file.sha256,
            outcome.department_code,
            outcome.fiscal_year,
            raw_file.folder_year,
        ]
        current[raw_file.relative_path] = entry
        touch(entry, raw_file.folder_year)
        if before:
            touch(before, before[3])
    for path, before in seen.items():
        if path not in current:
            touch(before, before[3])

    codes = sorted(d.code for d in registry.departments)
    by_year: dict[int, set[str]] = defaultdict(set)
    for key in changed:
        code, year = department_year_of(key)
        by_year[year].add(code)
    digest = hashlib.sha256(json.dumps(current, sort_keys=True).encode()).hexdigest()[:16]
    requests = []
    for year in sorted(set(by_year) | whole_years):
        if year in whole_years or len(by_year[year]) > BULK_THRESHOLD:
            requests.append(_year_range_request(year, codes, f"{year}@{digest}"))
        else:
            requests += [
                dg.RunRequest(
                    partition_key=partition_key(year, code), run_key=f"{year}|{code}@{digest}"
                )
                for code in sorted(by_year[year])
                if code in codes
            ]
    return dg.SensorResult(
        run_requests=requests,
        cursor=json.dumps(current, sort_keys=True),
        dynamic_partitions_requests=partition_requests(context.instance, settings),
    )


@dg.schedule(
    job=load_job,
    cron_schedule="0 2 1 4 *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="The spring load: on 1 April, 02:00 Beijing time, once the year's "
    "disclosures are in, reload and re-check every department of the fiscal year.",
)
def spring_load_schedule(context: dg.ScheduleEvaluationContext):
    settings = Settings.from_env()
    year = context.scheduled_execution_time.year
    # Registering partitions here is a side effect, but the run needs them to exist and a
    # schedule cannot return partition requests the way a sensor can.
    keys = [k for k in sync_partitions(context.instance, settings) if k.startswith(f"{year}|")]
    if not keys:
        return dg.SkipReason(f"no disclosures for {year} under {settings.raw_dir}")
    return dg.RunRequest(run_key=f"spring-{year}", tags=range_tags(keys[0], keys[-1]))
