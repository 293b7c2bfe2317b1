"""How much a load redoes: the loader's scope (department-years whose file changed, and the
next year of each) and the build plan drawn from it (full, or incremental over the scope)."""

from __future__ import annotations

from pathlib import Path

from dagster_project.lib.build_state import (
    FULL,
    INCREMENTAL,
    code_fingerprint,
    department_years_to_check,
    plan_build,
    record_build,
)
from dagster_project.lib.loading import load_raw_folder
from dagster_project.lib.registry import read_registry

SEED = ("179", 2021)


def load(conn, raw: Path, run_id: str):
    return load_raw_folder(conn, raw, read_registry(raw / "departments.csv"), run_id=run_id)


def scope_rows(conn) -> set[tuple]:
    return set(
        conn.execute("select department_code, fiscal_year, reason from raw.load_scope").fetchall()
    )


def test_the_first_load_asks_for_a_full_build_and_scopes_what_it_loaded(conn, raw):
    outcome = load(conn, raw, "r1")
    assert outcome.full_rebuild
    assert scope_rows(conn) == {("179", 2021, "changed"), ("179", 2022, "next_year")}
    plan = plan_build(conn, "code-v1", run_id="r1")
    assert plan.mode == FULL


def test_an_unchanged_reload_is_incremental_over_nothing(conn, raw):
    load(conn, raw, "r1")
    record_build(conn, plan_build(conn, "code-v1", "r1"), "code-v1", "r1", 1)
    outcome = load(conn, raw, "r2")
    assert not outcome.full_rebuild and outcome.scope == set()
    assert scope_rows(conn) == set()
    plan = plan_build(conn, "code-v1", run_id="r2")
    assert (plan.mode, plan.department_years) == (INCREMENTAL, frozenset())
    record_build(conn, plan, "code-v1", "r2", 0)
    assert department_years_to_check(conn, "r2", None) == set()


def test_a_removed_file_scopes_its_department_year_and_the_next(conn, raw):
    load(conn, raw, "r1")
    record_build(conn, plan_build(conn, "code-v1", "r1"), "code-v1", "r1", 1)
    for path in (raw / "2021").glob("*.xlsx"):
        path.unlink()
    outcome = load(conn, raw, "r2")
    assert outcome.scope == {SEED, ("179", 2022)}
    plan = plan_build(conn, "code-v1", run_id="r2")
    assert plan.mode == INCREMENTAL
    record_build(conn, plan, "code-v1", "r2", 2)
    # the rules re-check the scope: the changed year and the next, whose Y rules read it
    assert department_years_to_check(conn, "r2", None) == {SEED, ("179", 2022)}
    assert department_years_to_check(conn, "r2", {SEED}) == {SEED, ("179", 2022)}


def test_changed_code_or_an_explicit_request_rebuilds_everything(conn, raw):
    load(conn, raw, "r1")
    record_build(conn, plan_build(conn, "code-v1", "r1"), "code-v1", "r1", 1)
    load(conn, raw, "r2")
    assert plan_build(conn, "code-v2", run_id="r2").mode == FULL
    assert plan_build(conn, "code-v1", run_id="r2", full_refresh=True).mode == FULL
    plan = plan_build(conn, "code-v1", run_id="r2")
    assert plan.mode == INCREMENTAL
    # a run whose dbt step did not run re-checks all it was asked for
    assert department_years_to_check(conn, "some-other-run", {SEED}) == {SEED}
    # after a full build (code changed) every department-year is re-checked, whatever the
    # run selected: every latest result may be stale
    record_build(conn, plan_build(conn, "code-v2", "r2"), "code-v2", "r2", None)
    assert department_years_to_check(conn, "r2", {SEED}) is None


def test_a_registry_change_asks_for_a_full_build(conn, raw):
    load(conn, raw, "r1")
    record_build(conn, plan_build(conn, "code-v1", "r1"), "code-v1", "r1", 1)
    registry = raw / "departments.csv"
    registry.write_text(
        registry.read_text(encoding="utf-8") + "999,某某新部门,\n", encoding="utf-8"
    )
    outcome = load(conn, raw, "r2")
    assert outcome.full_rebuild
    assert plan_build(conn, "code-v1", run_id="r2").mode == FULL


def test_the_code_fingerprint_follows_file_content(tmp_path):
    (tmp_path / "models").mkdir()
    model = tmp_path / "models" / "a.sql"
    model.write_text("select 1")
    first = code_fingerprint((tmp_path / "models",))
    assert code_fingerprint((tmp_path / "models",)) == first
    model.write_text("select 2")
    assert code_fingerprint((tmp_path / "models",)) != first
    # the project's own fingerprint covers the dbt project and the rule catalogue
    assert len(code_fingerprint()) == 64


def test_a_partition_run_scopes_only_its_own_changes(conn, tmp_path):
    """A run for one department-year (what the sensor and `load` request for a single
    change) scopes that department-year and the next, however many others are loaded."""
    from dagster_project.lib.workbooks.generator import generate_corpus

    raw = tmp_path / "corpus"
    manifest = generate_corpus(raw, departments=2, years=range(2020, 2023), seed=5)
    registry = read_registry(raw / "departments.csv")
    load_raw_folder(conn, raw, registry, run_id="r1")
    entry = next(f for f in manifest["files"] if f["expected_status"] == "loaded")
    target = (entry["department_code"], entry["fiscal_year"])
    (raw / entry["path"]).unlink()
    outcome = load_raw_folder(conn, raw, registry, run_id="r2", only={target})
    assert outcome.scope == {target, (target[0], target[1] + 1)}
