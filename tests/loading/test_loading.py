"""The loader's decisions on real workbooks: what is parsed, what is reused, what is
quarantined and why, and that the original files are never touched."""

from __future__ import annotations

import shutil
from pathlib import Path

from dagster_project.lib.loading import load_raw_folder, sha256_of
from dagster_project.lib.registry import Department, Registry, read_registry


def files(conn) -> dict[str, tuple]:
    return {
        path: (status, reason)
        for path, status, reason in conn.execute(
            "select file_path, status, quarantine_reason from raw.disclosure_files"
        ).fetchall()
    }


def last_run(conn) -> tuple:
    return conn.execute(
        "select files_seen, files_parsed, files_unchanged from raw.load_runs"
        " order by started_at desc limit 1"
    ).fetchall()[0]


def load(conn, raw: Path, registry: Registry | None = None):
    return load_raw_folder(conn, raw, registry or read_registry(raw / "departments.csv"))


def test_second_load_of_unchanged_files_parses_nothing_and_changes_nothing(conn, raw):
    seed = next((raw / "2021").glob("*.xlsx"))
    before = sha256_of(seed)
    load(conn, raw)
    amounts = conn.execute("select count(*), sum(value) from raw.amounts").fetchall()[0]
    assert last_run(conn) == (1, 1, 0)
    load(conn, raw)
    assert last_run(conn) == (1, 0, 1)
    assert conn.execute("select count(*), sum(value) from raw.amounts").fetchall()[0] == amounts
    assert sha256_of(seed) == before  # the original is never modified


def test_a_second_file_for_a_department_year_waits_until_the_first_is_gone(conn, raw):
    seed = next((raw / "2021").glob("*.xlsx"))
    copy = raw / "2021" / "zz_resubmitted.xlsx"
    shutil.copyfile(seed, copy)
    load(conn, raw)
    outcome = files(conn)
    assert outcome[f"2021/{seed.name}"] == ("loaded", None)
    assert outcome["2021/zz_resubmitted.xlsx"] == ("quarantined", "duplicate_department_year")
    load(conn, raw)
    assert last_run(conn)[1] == 0  # the duplicate verdict stands: nothing re-read
    seed.unlink()
    load(conn, raw)
    outcome = files(conn)
    assert outcome[f"2021/{seed.name}"] == ("superseded", None)
    assert outcome["2021/zz_resubmitted.xlsx"] == ("loaded", None)
    # identical content: the facts are the same rows, kept once
    assert conn.execute("select count(distinct file_sha256) from raw.amounts").fetchall()[0] == (1,)


def test_unknown_department_is_quarantined_until_the_registry_knows_it(conn, raw):
    stranger = Registry([Department("100", "别的部门")])
    load(conn, raw, stranger)
    assert set(files(conn).values()) == {("quarantined", "unknown_department")}
    assert conn.execute("select count(*) from raw.amounts").fetchall()[0] == (0,)
    load(conn, raw, stranger)
    assert last_run(conn)[1] == 0
    load(conn, raw)  # the registry now lists 179
    assert set(files(conn).values()) == {("loaded", None)}


def test_a_workbook_in_the_wrong_year_folder_is_quarantined_with_its_years(conn, raw):
    (raw / "2022").mkdir()
    shutil.move(next((raw / "2021").glob("*.xlsx")), raw / "2022" / "misfiled.xlsx")
    load(conn, raw)
    status, message, year = conn.execute(
        "select status, message, fiscal_year from raw.disclosure_files"
    ).fetchall()[0]
    assert status == "quarantined"
    assert "2021" in message and "2022" in message and "misfiled.xlsx" in message
    assert year == 2021


def test_a_partition_run_touches_only_its_department_years(conn, tmp_path):
    from dagster_project.lib.workbooks.generator import generate_corpus

    raw = tmp_path / "gen"
    manifest = generate_corpus(raw, departments=3, years=[2021], seed=3)
    codes = sorted(f["department_code"] for f in manifest["files"])
    chosen = codes[0]
    load_raw_folder(conn, raw, read_registry(raw / "departments.csv"), only={(chosen, 2021)})
    assert conn.execute("select department_code from raw.disclosure_files").fetchall() == [
        (chosen,)
    ]
    assert last_run(conn)[:2] == (3, 1)
    load_raw_folder(conn, raw, read_registry(raw / "departments.csv"))
    assert (
        sorted(
            c
            for (c,) in conn.execute(
                "select department_code from raw.disclosure_files where status = 'loaded'"
            ).fetchall()
        )
        == codes
    )
    assert last_run(conn)[1] == 2  # the chosen one was not parsed again
