"""The sensor asks for runs of exactly the department-years whose workbooks changed (by
content), and the spring schedule asks for one run over the year."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import dagster as dg
import openpyxl
import pytest

from dagster_project.defs.automation import raw_folder_sensor, spring_load_schedule
from dagster_project.lib.settings import PROJECT_ROOT


@pytest.fixture
def raw(tmp_path, monkeypatch) -> Path:
    target = tmp_path / "raw"
    shutil.copytree(PROJECT_ROOT / "raw", target)
    monkeypatch.setenv("BW_RAW_DIR", str(target))
    monkeypatch.setenv("BW_WAREHOUSE", str(tmp_path / "wh" / "budget.duckdb"))
    return target


def tick(instance: dg.DagsterInstance, cursor: str | None) -> dg.SensorResult:
    result = raw_folder_sensor(dg.build_sensor_context(instance=instance, cursor=cursor))
    for request in result.dynamic_partitions_requests or []:
        instance.add_dynamic_partitions(request.partitions_def_name, list(request.partition_keys))
    return result


def seed_workbook(raw: Path) -> Path:
    return next((raw / "2021").glob("*.xlsx"))


def test_first_tick_requests_the_seed_partition_and_registers_partitions(raw):
    with dg.DagsterInstance.ephemeral() as instance:
        result = tick(instance, None)
        assert [r.partition_key for r in result.run_requests] == ["2021|179"]
        assert instance.get_dynamic_partitions("budget_year") == ["2021"]
        assert instance.get_dynamic_partitions("department") == ["179"]


def test_unchanged_or_merely_touched_files_request_nothing(raw):
    with dg.DagsterInstance.ephemeral() as instance:
        first = tick(instance, None)
        path = seed_workbook(raw)
        path.touch()  # a new timestamp, the same content
        second = tick(instance, first.cursor)
        assert second.run_requests == []


def test_a_changed_workbook_requests_only_its_department_year(raw):
    with dg.DagsterInstance.ephemeral() as instance:
        first = tick(instance, None)
        path = seed_workbook(raw)
        workbook = openpyxl.load_workbook(path)
        workbook["表13"][
            "A1"
        ].value = "2021年部门综合预算一般公共预算拨款“三公”经费及会议费、培训费支出预算表"
        workbook.save(path)
        second = tick(instance, first.cursor)
        assert [r.partition_key for r in second.run_requests] == ["2021|179"]
        assert second.run_requests[0].run_key != first.run_requests[0].run_key


def test_an_unidentifiable_new_file_requests_a_run_over_its_year(raw):
    with dg.DagsterInstance.ephemeral() as instance:
        first = tick(instance, None)
        (raw / "2021" / "broken.xls").write_text("not a workbook", encoding="utf-8")
        second = tick(instance, first.cursor)
        assert len(second.run_requests) == 1
        tags = second.run_requests[0].tags
        assert tags["dagster/asset_partition_range_start"] == "2021|179"
        assert tags["dagster/asset_partition_range_end"] == "2021|179"


def test_a_removed_workbook_requests_its_department_year(raw):
    with dg.DagsterInstance.ephemeral() as instance:
        first = tick(instance, None)
        seed_workbook(raw).unlink()
        second = tick(instance, first.cursor)
        assert [r.partition_key for r in second.run_requests] == ["2021|179"]


def test_a_bulk_delivery_becomes_one_run_per_year(generated_corpus, monkeypatch, tmp_path):
    raw, manifest = generated_corpus
    monkeypatch.setenv("BW_RAW_DIR", str(raw))
    with dg.DagsterInstance.ephemeral() as instance:
        result = tick(instance, None)
        years = sorted({f["fiscal_year"] for f in manifest["files"] if f["fiscal_year"]})
        assert len(result.run_requests) == len(years)
        starts = sorted(r.tags["dagster/asset_partition_range_start"] for r in result.run_requests)
        assert [s.split("|")[0] for s in starts] == [str(y) for y in years]


def test_spring_schedule_requests_one_run_over_the_year(raw):
    with dg.instance_for_test() as instance:  # a schedule context needs a persistent instance
        context = dg.build_schedule_context(
            instance=instance, scheduled_execution_time=datetime(2021, 4, 1, 2)
        )
        request = spring_load_schedule(context)
        assert isinstance(request, dg.RunRequest)
        assert request.tags["dagster/asset_partition_range_start"] == "2021|179"
        assert request.tags["dagster/asset_partition_range_end"] == "2021|179"
        later = dg.build_schedule_context(
            instance=instance, scheduled_execution_time=datetime(2030, 4, 1, 2)
        )
        assert isinstance(spring_load_schedule(later), dg.SkipReason)
