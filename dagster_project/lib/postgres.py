"""Publishing to a PostgreSQL server: one shared warehouse for many analysts at once.

DuckDB stays the engine a load builds and checks in (single file, single writer). After a
load has published its DuckDB file, this module copies that file's raw schema (and the rule
results of the checks run on it) to PostgreSQL schema `raw` / `quality.check_results`, then
builds the same dbt project there with the profile's `postgres` target. So the marts on the
server come from the same SQL as the DuckDB marts, and analysts get PostgreSQL's many
concurrent readers.

Money stays exact: DuckDB writes each table as CSV (DECIMAL(18,2) printed as its decimal
text) and PostgreSQL reads it with COPY into numeric(18,2); no float is involved. All raw
tables are replaced in one transaction, so a reader of `raw.*` sees the previous copy or
the new one. The dbt models are then rebuilt one at a time (each swap is atomic in
PostgreSQL, the set of them is not; see docs/scaling.md).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from dagster_project.lib.settings import DBT_PROJECT_DIR, PostgresSettings
from dagster_project.lib.warehouse import RAW_TABLES
from expectations.results import CHECK_RESULTS_DDL
from expectations.results import COLUMN_TYPES as CHECK_RESULT_TYPES

#: dbt writes its manifest and run results here for the postgres target, so a publish never
#: overwrites the DuckDB manifest that Dagster's definitions are read from.
POSTGRES_TARGET_PATH = DBT_PROJECT_DIR / "target" / "postgres"

_SIMPLE_TYPES = {
    "VARCHAR": "varchar",
    "TEXT": "text",
    "INTEGER": "integer",
    "BIGINT": "bigint",
    "SMALLINT": "smallint",
    "BOOLEAN": "boolean",
    "TIMESTAMP": "timestamp",
    "DATE": "date",
    "DOUBLE": "double precision",
}
_DECIMAL = re.compile(r"(?:DECIMAL|NUMERIC)\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)", re.IGNORECASE)


class PostgresPublishError(RuntimeError):
    """Publishing to PostgreSQL failed; the server keeps its previous raw copy."""


def postgres_type(duckdb_type: str) -> str:
    """The PostgreSQL type that holds a DuckDB column exactly (DECIMAL(18,2) → numeric(18,2))."""
    declared = duckdb_type.strip()
    decimal = _DECIMAL.fullmatch(declared)
    if decimal:
        return f"numeric({decimal.group(1)},{decimal.group(2)})"
    try:
        return _SIMPLE_TYPES[declared.upper()]
    except KeyError:
        raise ValueError(f"no exact PostgreSQL type for DuckDB type {duckdb_type!r}") from None


@dataclass(frozen=True)
class CopiedTable:
    schema: str
    table: str
    columns: dict[str, str]  # column → DuckDB type

    @property
    def name(self) -> str:
        return f"{self.schema}.{self.table}"


def tables_to_copy(conn: duckdb.DuckDBPyConnection) -> list[CopiedTable]:
    """Every raw table of the contract, and the rule results if the checks have run."""
    tables = [CopiedTable("raw", name, columns) for name, columns in RAW_TABLES.items()]
    if _duckdb_columns(conn, "quality", "check_results"):
        types = {name: t.replace(" not null", "") for name, t in CHECK_RESULT_TYPES.items()}
        tables.append(CopiedTable("quality", "check_results", types))
    return tables


def _duckdb_columns(conn: duckdb.DuckDBPyConnection, schema: str, table: str) -> set[str]:
    rows = conn.execute(
        "select column_name from information_schema.columns "
        "where table_catalog = current_database() and table_schema = ? and table_name = ?",
        [schema, table],
    ).fetchall()
    return {row[0] for row in rows}


def _export_csv(conn: duckdb.DuckDBPyConnection, table: CopiedTable, path: Path) -> None:
    """The table as CSV in the contract's column order. A column an older warehouse lacks is
    exported as NULL. DuckDB quotes empty strings and leaves NULL unquoted-empty, which is
    exactly how PostgreSQL's CSV COPY tells them apart."""
    present = _duckdb_columns(conn, table.schema, table.table)
    if not present:
        raise PostgresPublishError(f"the DuckDB warehouse has no table {table.name}")
    select = ", ".join(
        f'"{name}"' if name in present else f'cast(null as {sql_type}) as "{name}"'
        for name, sql_type in table.columns.items()
    )
    target = str(path).replace("'", "''")
    conn.execute(
        f"copy (select {select} from {table.schema}.{table.table}) "
        f"to '{target}' (format csv, header false)"
    )


def _prepare_postgres_table(cursor, table: CopiedTable) -> None:
    columns = ", ".join(f'"{n}" {postgres_type(t)}' for n, t in table.columns.items())
    cursor.execute(f"create schema if not exists {table.schema}")
    if table.name == "quality.check_results":
        cursor.execute(CHECK_RESULTS_DDL)
    cursor.execute(f"create table if not exists {table.name} ({columns})")
    for name, sql_type in table.columns.items():
        cursor.execute(
            f'alter table {table.name} add column if not exists "{name}" {postgres_type(sql_type)}'
        )
    cursor.execute(
        "select column_name, data_type, numeric_precision, numeric_scale "
        "from information_schema.columns where table_schema = %s and table_name = %s",
        [table.schema, table.table],
    )
    actual = {row[0]: row[1:] for row in cursor.fetchall()}
    for name, sql_type in table.columns.items():
        expected = postgres_type(sql_type)
        data_type, precision, scale = actual[name]
        found = f"numeric({precision},{scale})" if data_type == "numeric" else data_type
        wanted = {
            "varchar": "character varying",
            "double precision": "double precision",
            "timestamp": "timestamp without time zone",
        }.get(expected, expected)
        if found != wanted:
            raise PostgresPublishError(
                f"{table.name}.{name} is {found} on the server, the contract says {expected}: "
                "drop the table on the server (it is a copy) and publish again"
            )
    cursor.execute(f"truncate {table.name}")


def copy_tables(duckdb_path: Path, pg_settings: PostgresSettings) -> dict[str, int]:
    """Replace the server's raw tables (and rule results) with the DuckDB file's, in one
    transaction. Returns rows copied per table."""
    import psycopg2

    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="bw-pg-") as tmp:
        files: list[tuple[CopiedTable, Path]] = []
        with duckdb.connect(str(duckdb_path), read_only=True) as source:
            for table in tables_to_copy(source):
                path = Path(tmp) / f"{table.schema}.{table.table}.csv"
                _export_csv(source, table, path)
                files.append((table, path))
        conn = connect(pg_settings)
        try:
            with conn:  # one transaction: commit on success, roll back on any error
                with conn.cursor() as cursor:
                    for table, path in files:
                        _prepare_postgres_table(cursor, table)
                        columns = ", ".join(f'"{name}"' for name in table.columns)
                        with path.open("r", encoding="utf-8", newline="") as handle:
                            cursor.copy_expert(
                                f"copy {table.name} ({columns}) from stdin "
                                "with (format csv, header false)",
                                handle,
                            )
                        counts[table.name] = cursor.rowcount
                        # fresh statistics, or the planner guesses the dbt models' joins
                        cursor.execute(f"analyze {table.name}")
        except psycopg2.Error as exc:
            raise PostgresPublishError(f"copy to PostgreSQL failed: {exc}") from exc
        finally:
            conn.close()
    return counts


def connect(pg_settings: PostgresSettings):
    """A psycopg2 connection to the server (the caller closes it)."""
    import psycopg2

    return psycopg2.connect(
        host=pg_settings.host,
        port=pg_settings.port,
        user=pg_settings.user,
        password=pg_settings.password,
        dbname=pg_settings.dbname,
        connect_timeout=10,
        application_name="budget-warehouse",
    )


def run_dbt_on_postgres(
    args: list[str], pg_settings: PostgresSettings, environ: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`dbt <args> --target postgres` with the connection in the environment the profile
    reads; never through the command line, where a password would show in `ps`."""
    env = {
        **(os.environ if environ is None else environ),
        **pg_settings.as_env(),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    command = [
        str(Path(sys.executable).with_name("dbt")),
        *args,
        "--target",
        "postgres",
        "--project-dir",
        str(DBT_PROJECT_DIR),
        "--profiles-dir",
        str(DBT_PROJECT_DIR),
        "--target-path",
        str(POSTGRES_TARGET_PATH),
    ]
    return subprocess.run(
        command, cwd=DBT_PROJECT_DIR, env=env, capture_output=True, text=True, check=False
    )


@dataclass
class PostgresPublication:
    rows: dict[str, int] = field(default_factory=dict)
    copy_seconds: float = 0.0
    dbt_seconds: float = 0.0
    dbt_output: str = ""


def publish_to_postgres(
    duckdb_path: Path | str, pg_settings: PostgresSettings
) -> PostgresPublication:
    """Copy a built DuckDB warehouse's raw tables to PostgreSQL and build the dbt project
    there (`dbt seed`, then `dbt build`). Raises PostgresPublishError if either fails."""
    duckdb_path = Path(duckdb_path)
    if not duckdb_path.exists():
        raise PostgresPublishError(f"no DuckDB warehouse at {duckdb_path}")
    publication = PostgresPublication()
    started = time.perf_counter()
    publication.rows = copy_tables(duckdb_path, pg_settings)
    publication.copy_seconds = time.perf_counter() - started

    started = time.perf_counter()
    outputs = []
    # Seeds are loaded by `dbt seed` alone; `build` then runs models, tests and unit tests.
    # Always a full refresh: the incremental models' scope (raw.load_scope) describes the
    # DuckDB load, not what this server last received.
    for args in (["seed"], ["build", "--full-refresh", "--exclude-resource-type", "seed"]):
        result = run_dbt_on_postgres(args, pg_settings)
        outputs.append(result.stdout + result.stderr)
        if result.returncode != 0:
            tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
            raise PostgresPublishError(
                f"dbt {args[0]} --target postgres failed (exit {result.returncode}):\n{tail}"
            )
    publication.dbt_seconds = time.perf_counter() - started
    publication.dbt_output = "\n".join(outputs)
    return publication
