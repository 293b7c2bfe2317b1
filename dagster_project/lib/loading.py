"""Load a raw folder of disclosure workbooks into the raw schema of a warehouse.

This is the loader's whole decision logic, free of Dagster so it can be tested alone:
which files exist, which changed (by sha256, never by timestamp), which parse, which
department and year each belongs to, and which must be quarantined. A file that cannot
be used is recorded with a bilingual message and *never* stops the others; the original
file is only ever opened for reading.

File history lives in `raw.disclosure_files`: one row per (path, sha256) ever seen, with
status `loaded`, `quarantined` or `superseded` (a file whose content changed or that
disappeared from the folder keeps its row, so the bureau can see what was replaced and
when).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from dagster_project.lib import warehouse
from dagster_project.lib.registry import Registry

log = logging.getLogger(__name__)

WORKBOOK_SUFFIXES = {".xls", ".xlsx", ".xlsm"}
LOADED, QUARANTINED, SUPERSEDED = "loaded", "quarantined", "superseded"


@dataclass(frozen=True)
class RawFile:
    """A workbook found under `RAW_DIR/<fiscal_year>/`."""

    path: Path
    relative_path: str  # posix, relative to the raw folder: the file's stable name
    folder_year: int
    sha256: str
    size: int


@dataclass
class FileOutcome:
    relative_path: str
    file_sha256: str
    file_size: int
    status: str
    message: str = ""
    department_code: str | None = None
    department_name: str | None = None
    fiscal_year: int | None = None
    template_id: str | None = None
    reused: bool = False  # unchanged since the last load: not parsed again
    quarantine_reason: str | None = None  # machine-readable, e.g. non_numeric_amount

    def record(self, seen_at: datetime) -> dict[str, Any]:
        return {
            "file_path": self.relative_path,
            "file_sha256": self.file_sha256,
            "file_size": self.file_size,
            "department_code": self.department_code,
            "department_name": self.department_name,
            "fiscal_year": self.fiscal_year,
            "template_id": self.template_id,
            "status": self.status,
            "message": self.message,
            "quarantine_reason": self.quarantine_reason,
            "seen_at": seen_at,
        }


@dataclass
class LoadOutcome:
    files: list[FileOutcome] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)
    #: department-years whose loaded file changed, and the next year of each (load_scope)
    scope: set[tuple[str, int]] = field(default_factory=set)
    #: everything downstream must be rebuilt (first load, registry changed)
    full_rebuild: bool = False

    @property
    def loaded(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status == LOADED]

    @property
    def quarantined(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status == QUARANTINED]

    @property
    def parsed_count(self) -> int:
        return sum(1 for f in self.files if not f.reused)

    @property
    def changed_department_years(self) -> set[tuple[str, int]]:
        return {
            (f.department_code, f.fiscal_year)
            for f in self.files
            if not f.reused and f.department_code and f.fiscal_year
        }


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def discover_raw_files(raw_dir: Path) -> Iterator[RawFile]:
    """Workbooks in `RAW_DIR/<4-digit year>/`, sorted by path so runs are repeatable.

    Excel's lock files (`~$name.xlsx`) and hidden files are not disclosures."""
    for year_dir in sorted(p for p in raw_dir.iterdir() if p.is_dir()):
        if not re.fullmatch(r"\d{4}", year_dir.name):
            continue
        for path in sorted(year_dir.rglob("*")):
            if (
                path.is_file()
                and path.suffix.lower() in WORKBOOK_SUFFIXES
                and not path.name.startswith(("~$", "."))
            ):
                yield RawFile(
                    path=path,
                    relative_path=path.relative_to(raw_dir).as_posix(),
                    folder_year=int(year_dir.name),
                    sha256=sha256_of(path),
                    size=path.stat().st_size,
                )


def _default_parser() -> Callable[[Path], Any]:
    from dagster_project.lib.parsing import parse_disclosure_workbook

    return parse_disclosure_workbook


def _read_error_type() -> type[Exception]:
    from dagster_project.lib.parsing import WorkbookReadError

    return WorkbookReadError


def _previous_files(conn: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], FileOutcome]:
    rows = conn.execute(
        "select file_path, file_sha256, file_size, status, message, department_code,"
        " department_name, fiscal_year, template_id, quarantine_reason"
        " from raw.disclosure_files where status in (?, ?)",
        [LOADED, QUARANTINED],
    ).fetchall()
    return {(r[0], r[1]): FileOutcome(*r[:9], reused=True, quarantine_reason=r[9]) for r in rows}


def _previous_registry_fingerprint(conn: duckdb.DuckDBPyConnection) -> str | None:
    # fetchall, not fetchone: DuckDB 2 keeps a partly fetched result open on the
    # connection and refuses the next statement.
    rows = conn.execute(
        "select registry_sha256 from raw.load_runs order by started_at desc limit 1"
    ).fetchall()
    return rows[0][0] if rows else None


def _identify(parsed: Any, raw_file: RawFile, registry: Registry) -> FileOutcome:
    """Department and year of a parsed workbook, or a quarantine outcome saying why not."""
    outcome = FileOutcome(
        raw_file.relative_path,
        raw_file.sha256,
        raw_file.size,
        QUARANTINED,
        fiscal_year=parsed.fiscal_year,
        template_id=parsed.template_id,
        department_name=parsed.department_name,
    )
    name = parsed.department_name
    dept = registry.match(name)
    notes: list[str] = list(getattr(parsed, "warnings", []) or [])
    if dept is None:
        codes = [c for c in (getattr(parsed, "unit_codes", None) or []) if registry.by_code(c)]
        if codes:
            dept = registry.by_code(codes[0])
            notes.append(
                f"封面部门名称“{name}”不在部门名录中，按单位编码 {codes[0]} 识别为 {dept.name}"
                f" / cover name '{name}' is not in the registry; identified by unit code {codes[0]}"
            )
    if dept is None:
        outcome.quarantine_reason = "unknown_department"
        outcome.message = (
            f"{raw_file.relative_path}：部门“{name}”不在部门名录 departments.csv 中"
            f" / {raw_file.relative_path}: department '{name}' is not in the registry"
            " departments.csv"
        )
        return outcome
    outcome.department_code, outcome.department_name = dept.code, dept.name
    if parsed.fiscal_year != raw_file.folder_year:
        outcome.quarantine_reason = "folder_year_mismatch"
        outcome.message = (
            f"{raw_file.relative_path}：表内年度 {parsed.fiscal_year} 与所在文件夹 "
            f"{raw_file.folder_year} 不符 / {raw_file.relative_path}: the tables say fiscal year "
            f"{parsed.fiscal_year} but the file is in folder {raw_file.folder_year}"
        )
        return outcome
    outcome.status, outcome.message = LOADED, "；".join(notes)
    return outcome


def _quarantine_duplicates(outcomes: list[FileOutcome]) -> list[FileOutcome]:
    """A second workbook for a department-year that already has one is quarantined.

    The disclosure already loaded keeps its place (a file loaded in an earlier run wins,
    then the first by path); the newcomer waits for a human, with a message naming the
    file it collides with. A correction is made by replacing or removing the old file,
    which then becomes `superseded`. Returns the outcomes newly quarantined."""
    groups: dict[tuple[str, int], list[FileOutcome]] = defaultdict(list)
    for outcome in outcomes:
        if outcome.status == LOADED:
            groups[(outcome.department_code, outcome.fiscal_year)].append(outcome)
    demoted = []
    for (code, year), group in groups.items():
        if len(group) < 2:
            continue
        keeper, *others = sorted(group, key=lambda o: (not o.reused, o.relative_path))
        for outcome in others:
            outcome.status = QUARANTINED
            outcome.quarantine_reason = "duplicate_department_year"
            outcome.message = (
                f"{outcome.relative_path}：部门 {code} {year} 年已有公开文件 "
                f"{keeper.relative_path}，同一部门同一年度只能有一个文件；如需更正，请替换或删除原文件"
                f" / {outcome.relative_path}: department {code} already has a disclosure for "
                f"{year} ({keeper.relative_path}); one file per department-year — to correct "
                "it, replace or remove the old file"
            )
            demoted.append(outcome)
    return demoted


DepartmentYear = tuple[str, int]


def load_raw_folder(
    conn: duckdb.DuckDBPyConnection,
    raw_dir: Path,
    registry: Registry,
    parse: Callable[[Path], Any] | None = None,
    now: datetime | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    run_id: str | None = None,
    only: set[DepartmentYear] | None = None,
) -> LoadOutcome:
    """Bring `raw.*` in line with the files now in `raw_dir`.

    Unchanged files (same path, same sha256, already loaded) are not parsed again;
    everything else is parsed once, its rows buffered and written in large batches, so
    memory stays bounded whatever the corpus size.

    `only` restricts the load to some department-years (a Dagster partition run): files
    of other department-years are left exactly as they were — a new file for another
    department-year waits for its own run. Files that cannot be attributed to any
    department-year (unreadable, unknown department) are recorded whatever `only` says.
    """
    parse = parse or _default_parser()
    read_error = _read_error_type()
    seen_at = now or datetime.now()

    def selected(department_code: str | None, fiscal_year: int | None) -> bool:
        if only is None or department_code is None or fiscal_year is None:
            return True
        return (department_code, fiscal_year) in only

    warehouse.ensure_raw_schema(conn)
    conn.execute("delete from raw.departments")
    warehouse.insert_records(
        conn,
        "departments",
        (
            {"department_code": d.code, "department_name": d.name, "aliases": "|".join(d.aliases)}
            for d in registry.departments
        ),
    )
    previous = _previous_files(conn)
    # An unchanged quarantined file is read again only when its verdict could change: the
    # registry changed (an unknown department may now be registered), or it lost a
    # duplicate contest and the file it collided with is gone (see below).
    previous_registry = _previous_registry_fingerprint(conn)
    registry_changed = previous_registry != registry.fingerprint()
    loaded_before = {
        (f.department_code, f.fiscal_year): f.file_sha256
        for f in previous.values()
        if f.status == LOADED and selected(f.department_code, f.fiscal_year)
    }
    buffer = warehouse.RecordBuffer(conn)
    result = LoadOutcome()
    present: set[tuple[str, str]] = set()
    deferred: set[tuple[str, str]] = set()
    reread: set[tuple[str, str]] = set()  # quarantined before, read again now
    raw_files = list(discover_raw_files(raw_dir))
    for done, raw_file in enumerate(raw_files, start=1):
        key = (raw_file.relative_path, raw_file.sha256)
        present.add(key)
        if progress:
            progress(done, len(raw_files), raw_file.relative_path)
        old = previous.get(key)
        if old is not None and (old.status == LOADED or not registry_changed):
            result.files.append(old)
            continue
        if old is not None and not selected(old.department_code, old.fiscal_year):
            deferred.add(key)
            continue
        outcome, parsed = read_workbook(raw_file, registry, parse, read_error)
        if not selected(outcome.department_code, outcome.fiscal_year):
            deferred.add(key)
            continue
        if old is not None:
            reread.add(key)
        if outcome.status == LOADED:
            buffer.add(parsed.raw_records())
        result.files.append(outcome)

    loaded_years = {(f.department_code, f.fiscal_year) for f in result.loaded}
    by_key = {(f.relative_path, f.sha256): f for f in raw_files}
    for index, old in enumerate(result.files):
        if (
            old.reused
            and old.quarantine_reason == "duplicate_department_year"
            and (old.department_code, old.fiscal_year) not in loaded_years
            and selected(old.department_code, old.fiscal_year)
        ):
            key = (old.relative_path, old.file_sha256)
            outcome, parsed = read_workbook(by_key[key], registry, parse, read_error)
            reread.add(key)
            if outcome.status == LOADED:
                buffer.add(parsed.raw_records())
                loaded_years.add((outcome.department_code, outcome.fiscal_year))
            result.files[index] = outcome
    buffer.flush()

    for key, old in previous.items():
        if key in deferred:
            continue
        if key in reread:
            # A quarantined file read again: its old record makes way for the new outcome.
            conn.execute(
                "delete from raw.disclosure_files where file_path = ? and file_sha256 = ?"
                " and status = ?",
                [*key, QUARANTINED],
            )
        elif key not in present and selected(old.department_code, old.fiscal_year):
            # Changed or removed: its facts go, its record stays as superseded.
            _drop_rows_unless_loaded(conn, old.file_sha256, result)
            conn.execute(
                "update raw.disclosure_files set status = ?, message = ? "
                "where file_path = ? and file_sha256 = ? and status in (?, ?)",
                [
                    SUPERSEDED,
                    f"已被替换或移除（{seen_at:%Y-%m-%d %H:%M}） / replaced or removed at "
                    f"{seen_at:%Y-%m-%d %H:%M}",
                    *key,
                    LOADED,
                    QUARANTINED,
                ],
            )
            result.superseded.append(key[0])

    for outcome in _quarantine_duplicates(result.files):
        _drop_rows_unless_loaded(conn, outcome.file_sha256, result)
        if outcome.reused:
            conn.execute(
                "update raw.disclosure_files set status = ?, message = ? "
                "where file_path = ? and file_sha256 = ? and status = ?",
                [QUARANTINED, outcome.message, outcome.relative_path, outcome.file_sha256, LOADED],
            )
    warehouse.insert_records(
        conn, "disclosure_files", (f.record(seen_at) for f in result.files if not f.reused)
    )
    result.full_rebuild = previous_registry is None or registry_changed
    changed = changed_department_years(
        loaded_before,
        # unchanged files of other department-years are in result.files too (reused)
        [f for f in result.loaded if selected(f.department_code, f.fiscal_year)],
    )
    result.scope = changed | {(code, year + 1) for code, year in changed}
    conn.execute("delete from raw.load_scope")
    warehouse.insert_records(
        conn,
        "load_scope",
        (
            {
                "department_code": code,
                "fiscal_year": year,
                "reason": "changed" if (code, year) in changed else "next_year",
            }
            for code, year in sorted(result.scope)
        ),
    )
    warehouse.insert_records(
        conn,
        "load_runs",
        [
            {
                "run_id": run_id or seen_at.isoformat(),
                "started_at": seen_at,
                "raw_dir": str(raw_dir),
                "files_seen": len(present),
                "files_parsed": result.parsed_count,
                "files_unchanged": len(result.files) - result.parsed_count,
                "files_deferred": len(deferred),
                "registry_sha256": registry.fingerprint(),
                "full_rebuild": result.full_rebuild,
            }
        ],
    )
    return result


def changed_department_years(
    loaded_before: dict[DepartmentYear, str], loaded_now: list[FileOutcome]
) -> set[DepartmentYear]:
    """The department-years whose facts a load changed: the file that supplies them is new,
    different or gone (compared by sha256, so a renamed identical file changes nothing).

    With the next fiscal year of each (whose year-over-year figures and Y rules read it as
    their prior year) this is the load's scope, `raw.load_scope`: what an incremental dbt
    build, the rule run and the reports redo."""
    loaded_after = {(f.department_code, f.fiscal_year): f.file_sha256 for f in loaded_now}
    return {
        key
        for key in loaded_before.keys() | loaded_after.keys()
        if loaded_before.get(key) != loaded_after.get(key)
    }


def _drop_rows_unless_loaded(
    conn: duckdb.DuckDBPyConnection, file_sha256: str, result: LoadOutcome
) -> None:
    """Rows are keyed by content: an identical copy that stays loaded keeps them."""
    if not any(f.file_sha256 == file_sha256 for f in result.loaded):
        warehouse.delete_file_rows(conn, [file_sha256])


def read_workbook(
    raw_file: RawFile,
    registry: Registry,
    parse: Callable[[Path], Any] | None = None,
    read_error: type[Exception] | None = None,
) -> tuple[FileOutcome, Any]:
    """Parse one workbook and decide its department-year; nothing is written.

    Returns the outcome (loaded or quarantined, with the bilingual message) and the
    parsed disclosure (None when it could not be read)."""
    parse = parse or _default_parser()
    read_error = read_error or _read_error_type()
    try:
        parsed = parse(raw_file.path)
    except read_error as exc:
        # The folder says the year even when the workbook cannot: keep it, so the bureau
        # can see which department-year a broken file was meant for.
        outcome = FileOutcome(
            raw_file.relative_path,
            raw_file.sha256,
            raw_file.size,
            QUARANTINED,
            str(exc),
            fiscal_year=raw_file.folder_year,
            quarantine_reason=getattr(exc, "reason", None),
        )
        return outcome, None
    except Exception as exc:  # a parser bug must not cost the other departments their load
        log.exception("parser failed on %s", raw_file.path)
        outcome = FileOutcome(
            raw_file.relative_path,
            raw_file.sha256,
            raw_file.size,
            QUARANTINED,
            f"{raw_file.relative_path}：解析程序内部错误 {type(exc).__name__}: {exc}"
            f" / {raw_file.relative_path}: internal parser error {type(exc).__name__}: {exc}",
            fiscal_year=raw_file.folder_year,
            quarantine_reason="parser_error",
        )
        return outcome, None
    return _identify(parsed, raw_file, registry), parsed


def department_year_universe(raw_dir: Path, registry: Registry) -> tuple[list[int], list[str]]:
    """The partition space: every year folder present × every registered department.

    A registered department without a file for a year is a partition too: that is
    exactly what rule Y2 (missing disclosure) reports on."""
    years = sorted(
        int(p.name) for p in raw_dir.iterdir() if p.is_dir() and re.fullmatch(r"\d{4}", p.name)
    )
    return years, sorted(d.code for d in registry.departments)


def department_years_changed_since(
    conn: duckdb.DuckDBPyConnection, raw_dir: Path, registry: Registry
) -> set[DepartmentYear] | None:
    """Which department-years a load of `raw_dir` would change in the warehouse behind
    `conn` (read only; nothing is written). None when that cannot be narrowed down: no
    load recorded, the registry changed, or a new file belongs to no registered
    department — then every department-year must be looked at.

    The command line uses it to run only the changed department-years' partitions, as
    the sensor does: a whole-range run of 500 department-years costs Dagster thousands of
    partition events even when one file changed."""
    try:
        previous = _previous_files(conn)
        registry_then = _previous_registry_fingerprint(conn)
    except duckdb.CatalogException:
        return None
    if registry_then is None or registry_then != registry.fingerprint():
        return None
    present: set[tuple[str, str]] = set()
    changed: set[DepartmentYear] = set()
    for raw_file in discover_raw_files(raw_dir):
        key = (raw_file.relative_path, raw_file.sha256)
        present.add(key)
        if key in previous:
            continue
        outcome, _ = read_workbook(raw_file, registry)
        if outcome.department_code is None or outcome.fiscal_year is None:
            return None
        changed.add((outcome.department_code, outcome.fiscal_year))
    for key, old in previous.items():
        if key not in present:
            if old.department_code is None or old.fiscal_year is None:
                return None
            changed.add((old.department_code, old.fiscal_year))
    return changed
