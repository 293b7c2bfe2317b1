"""Write-audit-publish for a single-file warehouse.

Analysts open `warehouse/budget.duckdb` read-only all day; a DuckDB file that one process
holds read-only cannot be opened for writing by another (../shared/STACK.md). So a load
never writes the published file: it copies it to a private working file, builds and
checks there, and when everything finished it writes a compact snapshot next to the
published file and renames it over the old one. A rename is atomic: a reader sees the old
state or the new, never a half-built one, and a load that dies before the rename leaves
the published file exactly as it was.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        candidate.unlink(missing_ok=True)


def prepare_working_copy(published: Path, working: Path) -> None:
    """Start a load from the last published state (so unchanged files are not parsed
    again), or from nothing on the first load. Whatever a killed load left behind in the
    working folder is discarded here."""
    working.parent.mkdir(parents=True, exist_ok=True)
    _remove(working)
    if published.exists():
        shutil.copyfile(published, working)


def publish(working: Path, published: Path, compact: bool = True) -> None:
    """Atomically replace the published warehouse with a snapshot of the working one.

    `compact`: the snapshot is a fresh database written by COPY FROM DATABASE, with none of
    the space deleted rows left behind (1–2 s at 500 department-years). Without it, the
    working file itself is checkpointed and copied (a fraction of a second): what an
    incremental load does, whose deletes and inserts touch a few department-years and
    whose freed blocks DuckDB reuses. Full builds compact, so the file never drifts far."""
    published.parent.mkdir(parents=True, exist_ok=True)
    snapshot = published.with_name(published.name + ".publishing")
    _remove(snapshot)
    if compact:
        catalog = working.stem
        with duckdb.connect(str(working)) as conn:
            conn.execute(f"attach '{snapshot}' as bw_snapshot")
            try:
                conn.execute(f'copy from database "{catalog}" to bw_snapshot')
            finally:
                conn.execute("detach bw_snapshot")
    else:
        with duckdb.connect(str(working)) as conn:
            conn.execute("checkpoint")  # everything in the file, nothing left in the WAL
        shutil.copyfile(working, snapshot)
    os.replace(snapshot, published)
