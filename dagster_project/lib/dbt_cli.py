"""Running dbt outside Dagster: keeping its manifest current.

dagster-dbt builds the asset graph from `dbt/target/manifest.json` when definitions are
imported, so the manifest must exist and match the models before any import of
`dagster_project.definitions`. `ensure_dbt_manifest()` re-parses only when a file of the
dbt project is newer than the manifest (a parse costs ~2–3 s).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from dagster_project.lib.settings import DBT_PROJECT_DIR

MANIFEST = DBT_PROJECT_DIR / "target" / "manifest.json"
_SOURCE_DIRS = ("models", "macros", "seeds", "tests", "snapshots", "analyses")


def dbt_executable() -> str:
    """The dbt of this interpreter's environment, so nothing depends on an activated venv."""
    return str(Path(sys.executable).with_name("dbt"))


def _newest_source_mtime() -> float:
    files = [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"]
    for folder in _SOURCE_DIRS:
        files.extend(p for p in (DBT_PROJECT_DIR / folder).rglob("*") if p.is_file())
    return max((p.stat().st_mtime for p in files if p.exists()), default=0.0)


def ensure_dbt_manifest(force: bool = False) -> Path:
    if force or not MANIFEST.exists() or MANIFEST.stat().st_mtime < _newest_source_mtime():
        subprocess.run(
            [
                dbt_executable(),
                "parse",
                "--quiet",
                "--project-dir",
                str(DBT_PROJECT_DIR),
                "--profiles-dir",
                str(DBT_PROJECT_DIR),
            ],
            check=True,
            cwd=DBT_PROJECT_DIR,
            env={**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"},
        )
    return MANIFEST
