"""What the last build of a warehouse was made from, and how much the next one must redo.

A load that changes one workbook should not rebuild five hundred department-years. The
loader records the department-years it changed (`raw.load_scope`, see
`loading.changed_department_years`); the dbt models keyed by department-year are
incremental over that scope (`dbt/macros/load_scope.sql`), and the rule run and the
reports follow the same scope.

That is only sound while the code that derives everything is the code that built the
warehouse. So a build records a fingerprint of that code (the dbt project, the rule
catalogue and the GX suites) in `raw.build_state`, and the next run plans:

- `full`: no build recorded, the code changed since, or the load asks for it (first load,
  registry changed, the operator's `load --full-refresh`) — rebuild every model and
  re-check every department-year;
- `incremental`: same code — redo the department-years of the scope (none when nothing
  changed: the whole-warehouse tables, dimensions and consolidations, are still rebuilt,
  which is cheap and keeps every dbt asset materialized by every run).

`raw.build_state` travels with the warehouse (it is copied and published with it), so a
published warehouse always says which code built it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from dagster_project.lib.settings import DBT_PROJECT_DIR, PROJECT_ROOT

FULL, INCREMENTAL = "full", "incremental"

#: Everything that shapes the dbt relations and the rule results. Parser code is not here:
#: the parser's output is the raw schema, and files are parsed again only when they change
#: (or into a fresh warehouse).
FINGERPRINTED = (
    DBT_PROJECT_DIR / "dbt_project.yml",
    DBT_PROJECT_DIR / "models",
    DBT_PROJECT_DIR / "macros",
    DBT_PROJECT_DIR / "seeds",
    DBT_PROJECT_DIR / "tests",
    PROJECT_ROOT / "expectations",
)
_SKIPPED_PARTS = {"__pycache__", "target", "logs", "dbt_packages"}

BUILD_STATE_DDL = """
create table if not exists raw.build_state (
    run_id varchar,
    built_at timestamp,
    mode varchar,            -- full | incremental
    fingerprint varchar,     -- code_fingerprint() of the code that built the warehouse
    department_years integer -- how many department-years an incremental build redid
)
"""


def code_fingerprint(paths: tuple[Path, ...] = FINGERPRINTED) -> str:
    """sha256 over the path and content of every file under `paths`, in sorted order."""
    digest = hashlib.sha256()
    for root in paths:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            if _SKIPPED_PARTS & set(path.parts) or path.suffix == ".pyc":
                continue
            digest.update(f"{root.name}/{path.relative_to(root)}".encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class BuildPlan:
    mode: str  # full | incremental
    reason: str
    department_years: frozenset[tuple[str, int]]  # the scope; all of it when mode is full

    @property
    def is_full(self) -> bool:
        return self.mode == FULL


def plan_build(
    conn: duckdb.DuckDBPyConnection,
    fingerprint: str,
    run_id: str | None = None,
    full_refresh: bool = False,
) -> BuildPlan:
    """Decide how much of the warehouse this run rebuilds (see the module docstring).
    `run_id` names the load whose scope applies (the latest load when None)."""
    conn.execute(BUILD_STATE_DDL)
    last = last_fingerprint(conn)
    load = conn.execute(
        "select full_rebuild from raw.load_runs"
        + (" where run_id = ?" if run_id else "")
        + " order by started_at desc limit 1",
        [run_id] if run_id else [],
    ).fetchall()
    scope = frozenset(
        (code, year)
        for code, year in conn.execute(
            "select department_code, fiscal_year from raw.load_scope"
        ).fetchall()
    )
    if full_refresh:
        return BuildPlan(FULL, "a full refresh was asked for", scope)
    if last is None:
        return BuildPlan(FULL, "no build recorded in this warehouse", scope)
    if last != fingerprint:
        return BuildPlan(FULL, "the dbt project or rule catalogue changed", scope)
    if not load:
        return BuildPlan(FULL, "no load recorded for this run", scope)
    if load[0][0]:
        return BuildPlan(FULL, "the load asks for a full rebuild (registry changed)", scope)
    return BuildPlan(INCREMENTAL, f"{len(scope)} department-year(s) in the load's scope", scope)


def record_build(
    conn: duckdb.DuckDBPyConnection,
    plan: BuildPlan,
    fingerprint: str,
    run_id: str,
    department_years: int | None,
    built_at: datetime | None = None,
) -> None:
    """Note that the warehouse was built by `fingerprint` (after the build succeeded)."""
    conn.execute(BUILD_STATE_DDL)
    conn.execute(
        "insert into raw.build_state values (?, ?, ?, ?, ?)",
        [run_id, built_at or datetime.now(), plan.mode, fingerprint, department_years],
    )


def _has_build_state(conn: duckdb.DuckDBPyConnection) -> bool:
    """Whether raw.build_state exists, asked without creating it (read-only connections)."""
    return bool(
        conn.execute(
            "select count(*) from information_schema.tables"
            " where table_schema = 'raw' and table_name = 'build_state'"
        ).fetchall()[0][0]
    )


def build_of_run(conn: duckdb.DuckDBPyConnection, run_id: str) -> str | None:
    """The mode the dbt build of `run_id` ran in, or None when the run built nothing (a run
    of the rule step alone, say). Reads only: works on a read-only connection."""
    if not _has_build_state(conn):
        return None
    rows = conn.execute(
        "select mode from raw.build_state where run_id = ? order by built_at desc limit 1",
        [run_id],
    ).fetchall()
    return rows[0][0] if rows else None


def department_years_to_check(
    conn: duckdb.DuckDBPyConnection, run_id: str, selection: set[tuple[str, int]] | None
) -> set[tuple[str, int]] | None:
    """The department-years whose rules a run must evaluate (None: all of them).

    - After an incremental build, the load's scope: what changed within the run's
      selection and the next year of each (its Y rules read the changed year), nothing
      else — the latest results of the others stand.
    - After a full build, every department-year, whatever the run's selection: a full build
      means the code or the registry changed, so every latest result may be stale (a
      sensor's single-partition run after an upgrade re-checks the whole warehouse).
    - When the run built nothing itself (the rule step alone), its selection."""
    mode = build_of_run(conn, run_id)
    if mode == FULL:
        return None
    if mode != INCREMENTAL:
        return selection
    return {
        (code, year)
        for code, year in conn.execute(
            "select department_code, fiscal_year from raw.load_scope"
        ).fetchall()
    }


def last_fingerprint(conn: duckdb.DuckDBPyConnection) -> str | None:
    """The fingerprint of the code that last built this warehouse (read only)."""
    if not _has_build_state(conn):
        return None
    rows = conn.execute(
        "select fingerprint from raw.build_state order by built_at desc limit 1"
    ).fetchall()
    return rows[0][0] if rows else None
