"""Yearly and incremental loads: idempotent, change-driven, never half-visible, never
lost when killed (issue 6). Each test works on copies of the generated corpus and of its
published warehouse, and runs `budget-warehouse load` as an operator would."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

import duckdb
import openpyxl
import pytest

from dagster_project.lib.parsing import parse_disclosure_workbook
from dagster_project.lib.summary import FACT_TABLES
from tests.integration.conftest import query, run_load

# Every fact is keyed by department-year: the summary's list is the one to follow.
MARTS_BY_DEPARTMENT_YEAR = FACT_TABLES


def fingerprints(warehouse: Path) -> dict[tuple[str, str, int], tuple]:
    """(mart, department, year) → (row count, digest of every row)."""
    result = {}
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        for mart in MARTS_BY_DEPARTMENT_YEAR:
            rows = conn.execute(
                f"select department_code, fiscal_year, count(*),"
                f" md5(string_agg(cast(t as varchar), chr(10) order by cast(t as varchar)))"
                f" from marts.{mart} t group by all"
            ).fetchall()
            result.update({(mart, code, year): (n, digest) for code, year, n, digest in rows})
    return result


def latest_results(warehouse: Path) -> set[tuple]:
    return set(
        query(
            warehouse,
            "select fiscal_year, department_code, rule_id, comparison_key, status,"
            " expected_yuan, actual_yuan, difference_yuan from quality.check_results_latest",
        )
    )


def last_run(warehouse: Path) -> tuple:
    return query(
        warehouse,
        "select files_seen, files_parsed, files_unchanged from raw.load_runs"
        " order by started_at desc limit 1",
    )[0]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def copies(generated_corpus, generated_warehouse, tmp_path) -> tuple[Path, Path, dict]:
    raw, manifest = generated_corpus
    raw_copy = tmp_path / "raw"
    shutil.copytree(raw, raw_copy)
    warehouse = tmp_path / "wh" / "budget.duckdb"
    warehouse.parent.mkdir()
    shutil.copyfile(generated_warehouse, warehouse)
    return raw_copy, warehouse, manifest


def change_one_workbook(raw: Path, manifest: dict) -> tuple[str, int, str, str]:
    """Raise one 项 figure of 表5 by 100 yuan in a clean .xlsx; return its department,
    year, path and sha256 before the change. The workbook chosen has its department's prior
    year loaded, so that the year rules of an incremental build (which read the prior
    year beside the scope) are exercised too."""
    loaded = {
        (f["department_code"], f["fiscal_year"])
        for f in manifest["files"]
        if f["expected_status"] == "loaded"
    }
    entry = next(
        f
        for f in manifest["files"]
        if f["expected_status"] == "loaded"
        and not f["faults"]
        and f["path"].endswith(".xlsx")
        and (f["department_code"], f["fiscal_year"] - 1) in loaded
    )
    path = raw / entry["path"]
    old_sha = sha(path)
    parsed = parse_disclosure_workbook(path)
    row = next(r for r in parsed.tables["T05"].rows if r.code and len(r.code) == 7)
    sheet_name, cell = row.amounts["total"].cell_ref.rsplit("!", 1)
    workbook = openpyxl.load_workbook(path)
    workbook[sheet_name][cell].value = float(row.amounts["total"].value + Decimal("100"))
    workbook.save(path)
    return entry["department_code"], entry["fiscal_year"], entry["path"], old_sha


def test_loading_the_same_files_again_changes_nothing_and_parses_nothing(copies):
    raw, warehouse, _ = copies
    before_facts, before_results = fingerprints(warehouse), latest_results(warehouse)
    assert run_load(raw, warehouse) == 0
    seen, parsed, unchanged = last_run(warehouse)
    assert parsed == 0 and unchanged == seen
    assert fingerprints(warehouse) == before_facts
    assert latest_results(warehouse) == before_results


def test_a_changed_workbook_changes_only_its_department_year(copies):
    raw, warehouse, manifest = copies
    before = fingerprints(warehouse)
    code, year, path, old_sha = change_one_workbook(raw, manifest)
    assert run_load(raw, warehouse) == 0
    assert last_run(warehouse)[1] == 1  # only the changed file was parsed
    assert builds(warehouse)[-1] == ("incremental", 2)  # its department-year and the next
    after = fingerprints(warehouse)
    changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    assert changed, "the change did not reach the marts"
    assert {(c, y) for _, c, y in changed} == {(code, year)}
    history = query(
        warehouse,
        "select file_sha256, status from quality.disclosure_files where file_path = ?",
        [path],
    )
    assert (old_sha, "superseded") in history
    assert (sha(raw / path), "loaded") in history


def relation_rows(warehouse: Path) -> dict[str, list[tuple]]:
    """Every row of every table dbt builds (marts, rule relations), sorted; the rule results'
    history is left out (a full refresh re-checks everything, by design)."""
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        tables = conn.execute(
            "select schema_name, table_name from duckdb_tables()"
            " where schema_name in ('marts', 'quality', 'intermediate')"
            " and table_name <> 'check_results' order by all"
        ).fetchall()
        return {
            f"{schema}.{table}": sorted(
                conn.execute(f"select * from {schema}.{table}").fetchall(), key=repr
            )
            for schema, table in tables
        }


def builds(warehouse: Path) -> list[tuple[str, int | None]]:
    return query(warehouse, "select mode, department_years from raw.build_state order by built_at")


def assert_same_as_a_full_rebuild(warehouse: Path, raw: Path, scratch: Path) -> None:
    """Every table dbt leaves in `warehouse` is, row for row, what `load --full-refresh` of
    a copy of it builds, and so are the latest rule results."""
    rebuilt = scratch / "budget.duckdb"
    scratch.mkdir()
    shutil.copyfile(warehouse, rebuilt)
    assert run_load(raw, rebuilt, "--full-refresh") == 0
    assert builds(rebuilt)[-1][0] == "full"
    incremental, full = relation_rows(warehouse), relation_rows(rebuilt)
    assert incremental.keys() == full.keys()
    assert "quality.rule_comparisons" in full and "marts.fct_expenditure_by_function" in full
    for relation in full:
        assert incremental[relation] == full[relation], relation
    assert latest_results(rebuilt) == latest_results(warehouse)
    # The rule views an analyst queries are not left narrowed to the load's scope (the
    # incremental build scopes them on its own connection only): together they hold every
    # comparison of quality.rule_comparisons, over every department-year.
    assert (
        rule_view_rows(warehouse)
        == query(warehouse, "select count(*) from quality.rule_comparisons")[0][0]
    )


def rule_view_rows(warehouse: Path) -> int:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        views = [
            name
            for (name,) in conn.execute(
                "select view_name from duckdb_views()"
                " where schema_name = 'quality' and view_name like 'rule\\_%' escape '\\'"
            ).fetchall()
        ]
        assert len(views) >= 26
        return sum(
            conn.execute(f"select count(*) from quality.{view}").fetchall()[0][0] for view in views
        )


def checked_in_last_build(warehouse: Path) -> set[tuple[str, int]]:
    return set(
        query(
            warehouse,
            "select distinct department_code, fiscal_year from quality.check_results"
            " where run_id = (select run_id from raw.build_state order by built_at desc limit 1)",
        )
    )


def test_an_incremental_load_gives_what_a_full_rebuild_gives(copies, tmp_path):
    """A changed workbook (one department-year: a single-partition run) and then a removed
    one (a run over every department-year): each load redoes only its department-years and
    the next year of each, and leaves every table as a full rebuild would."""
    raw, warehouse, manifest = copies
    code, year, _, _ = change_one_workbook(raw, manifest)
    assert run_load(raw, warehouse) == 0
    assert builds(warehouse)[-1] == ("incremental", 2)
    assert set(query(warehouse, "select department_code, fiscal_year from raw.load_scope")) == {
        (code, year),
        (code, year + 1),
    }
    assert checked_in_last_build(warehouse) <= {(code, year), (code, year + 1)}
    assert (code, year) in checked_in_last_build(warehouse)
    assert_same_as_a_full_rebuild(warehouse, raw, tmp_path / "after_change")

    files_per_department_year = Counter(
        (f.get("department_code"), f.get("fiscal_year")) for f in manifest["files"]
    )
    removed = next(
        f
        for f in manifest["files"]
        if f["expected_status"] == "loaded"
        and f["department_code"] != code
        # no second file (a quarantined duplicate) would take its place
        and files_per_department_year[(f["department_code"], f["fiscal_year"])] == 1
    )
    (raw / removed["path"]).unlink()
    gone = (removed["department_code"], removed["fiscal_year"])
    assert run_load(raw, warehouse) == 0
    assert builds(warehouse)[-1][0] == "incremental"
    assert set(query(warehouse, "select department_code, fiscal_year from raw.load_scope")) == {
        gone,
        (gone[0], gone[1] + 1),
    }
    facts = "select distinct department_code, fiscal_year from marts.fct_expenditure_by_function"
    assert gone not in set(query(warehouse, facts))
    assert_same_as_a_full_rebuild(warehouse, raw, tmp_path / "after_removal")


def _start_load(raw: Path, warehouse: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "dagster_project.cli",
            "load",
            str(raw),
            "--warehouse",
            str(warehouse),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def test_readers_never_block_a_load_and_never_see_a_partial_state(copies):
    raw, warehouse, manifest = copies
    total_sql = "select count(*), sum(total_yuan) from marts.fct_expenditure_by_function"
    before = query(warehouse, total_sql)[0]
    change_one_workbook(raw, manifest)
    load = _start_load(raw, warehouse)
    seen, errors = [], []
    while load.poll() is None:
        try:
            with duckdb.connect(str(warehouse), read_only=True) as conn:
                seen.append(conn.execute(total_sql).fetchall()[0])
        except duckdb.Error as exc:  # a lock error would land here
            errors.append(str(exc))
        time.sleep(0.05)
    assert load.returncode == 0
    after = query(warehouse, total_sql)[0]
    assert after != before
    assert errors == []
    assert len(seen) > 20  # the readers really ran during the load
    assert set(seen) <= {before, after}


def test_a_killed_load_leaves_the_published_warehouse_and_the_next_load_succeeds(copies):
    raw, warehouse, manifest = copies
    published = sha(warehouse)
    change_one_workbook(raw, manifest)
    load = _start_load(raw, warehouse)
    working = warehouse.parent / f".{warehouse.stem}.work" / warehouse.name
    deadline = time.monotonic() + 120
    while not working.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(3)  # well into parsing or dbt
    assert load.poll() is None, "the load finished before it could be killed"
    os.killpg(load.pid, signal.SIGKILL)
    load.wait()
    assert sha(warehouse) == published
    assert run_load(raw, warehouse) == 0
    assert sha(warehouse) != published
