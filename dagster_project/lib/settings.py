"""The one place that resolves paths and environment.

Everything else asks a `Settings` object for a path; nothing builds paths with chains of
`..`. Settings are read when a run starts (`Settings.from_env()`), never at import, so a
test or the CLI can point a run at a temporary raw directory and warehouse.

Environment variables (all optional):
- `BW_RAW_DIR`: the raw disclosures folder (default `<project>/raw`).
- `BW_WAREHOUSE`: the published DuckDB file analysts open (default
  `<project>/warehouse/budget.duckdb`).
- `BW_DBT_TARGET`: the dbt profile target (default `duckdb`).
- `BW_PG_HOST`, `BW_PG_PORT`, `BW_PG_USER`, `BW_PG_PASSWORD`, `BW_PG_DBNAME`: the PostgreSQL
  server a load is also published to (`PostgresSettings`); unset `BW_PG_HOST` = none.
- `BW_PURE_PYTHON=1`: run the parser from its Python source, not its compiled build. Read
  by `lib/parsing/_compiled.py` itself, once, when the parser is first imported (before
  any setting could be), so not a field here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt"


@dataclass(frozen=True)
class Settings:
    raw_dir: Path
    warehouse_path: Path
    dbt_target: str = "duckdb"

    @classmethod
    def from_env(
        cls, raw_dir: str | Path | None = None, warehouse_path: str | Path | None = None
    ) -> Settings:
        raw = raw_dir or os.environ.get("BW_RAW_DIR") or PROJECT_ROOT / "raw"
        wh = (
            warehouse_path
            or os.environ.get("BW_WAREHOUSE")
            or PROJECT_ROOT / "warehouse" / "budget.duckdb"
        )
        return cls(
            raw_dir=Path(raw).resolve(),
            warehouse_path=Path(wh).resolve(),
            dbt_target=os.environ.get("BW_DBT_TARGET", "duckdb"),
        )

    @property
    def work_dir(self) -> Path:
        """Private folder of the loader: the working warehouse lives here, never opened by
        analysts (see `publish.py`)."""
        return self.warehouse_path.parent / f".{self.warehouse_path.stem}.work"

    @property
    def working_warehouse_path(self) -> Path:
        """Same file name as the published warehouse on purpose: DuckDB names a catalog
        after the file's stem, and dbt writes that catalog into every view it creates, so
        views only resolve in the published copy if both files share the stem."""
        return self.work_dir / self.warehouse_path.name

    @property
    def dbt_target_dir(self) -> Path:
        """dbt's target folder for builds of this warehouse (compiled SQL, run results, the
        log of the last build, partial-parse state), kept beside the working copy."""
        return self.work_dir / "dbt_target"

    @property
    def registry_path(self) -> Path:
        return self.raw_dir / "departments.csv"

    @property
    def reports_dir(self) -> Path:
        return self.warehouse_path.parent / "reports"

    def as_env(self) -> dict[str, str]:
        """Variables the dbt subprocess needs: it builds into the working warehouse."""
        return {
            "BW_WAREHOUSE_PATH": str(self.working_warehouse_path),
            "BW_RAW_DIR": str(self.raw_dir),
        }


@dataclass(frozen=True)
class PostgresSettings:
    """The shared PostgreSQL server analysts query (dbt profile target `postgres`)."""

    host: str
    port: int = 5432
    user: str = "budget"
    password: str = ""
    dbname: str = "budget_warehouse"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> PostgresSettings | None:
        """None when `BW_PG_HOST` is unset: publishing to PostgreSQL is optional."""
        env = os.environ if environ is None else environ
        if not env.get("BW_PG_HOST"):
            return None
        return cls(
            host=env["BW_PG_HOST"],
            port=int(env.get("BW_PG_PORT") or 5432),
            user=env.get("BW_PG_USER") or "budget",
            password=env.get("BW_PG_PASSWORD", ""),
            dbname=env.get("BW_PG_DBNAME") or "budget_warehouse",
        )

    def as_env(self) -> dict[str, str]:
        """Variables dbt's `postgres` target reads (dbt/profiles.yml)."""
        return {
            "BW_DBT_TARGET": "postgres",
            "BW_PG_HOST": self.host,
            "BW_PG_PORT": str(self.port),
            "BW_PG_USER": self.user,
            "BW_PG_PASSWORD": self.password,
            "BW_PG_DBNAME": self.dbname,
        }

    def __repr__(self) -> str:  # never print the password into a log
        return f"PostgresSettings({self.user}@{self.host}:{self.port}/{self.dbname})"
