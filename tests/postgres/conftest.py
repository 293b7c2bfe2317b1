"""A real PostgreSQL server for the publishing tests: `BW_PG_*` from the environment.

Without `BW_PG_HOST` the server tests are skipped, with the reason shown (`pytest -ra`).
In CI (`CI=true`) a missing or unreachable server is a failure instead: `.ci/run` starts
one, and a broken setup must never look green.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from dagster_project.lib.postgres import connect
from dagster_project.lib.settings import PROJECT_ROOT, PostgresSettings

NO_SERVER = "BW_PG_HOST is not set: no PostgreSQL server to test against (.ci/postgres starts one)"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1")


@pytest.fixture(scope="session")
def pg_settings() -> PostgresSettings:
    settings = PostgresSettings.from_env()
    if settings is None:
        if _in_ci():
            pytest.fail(f"CI=true but {NO_SERVER}", pytrace=False)
        pytest.skip(NO_SERVER)
    try:
        connect(settings).close()
    except Exception as exc:  # an unreachable server is a broken setup, never a skip
        pytest.fail(f"cannot connect to PostgreSQL {settings!r}: {exc}", pytrace=False)
    return settings


class Server:
    """Read-only SQL on the server, for assertions."""

    def __init__(self, settings: PostgresSettings) -> None:
        self.settings = settings

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        conn = connect(self.settings)
        try:
            with conn.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        finally:
            conn.close()


@pytest.fixture(scope="session")
def server(pg_settings) -> Server:
    return Server(pg_settings)


def duckdb_query(path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture(scope="session")
def seed_duckdb_warehouse(tmp_path_factory) -> Path:
    """The shipped raw folder (the seed disclosure) loaded into DuckDB by `load`."""
    from dagster_project.cli import main

    raw = tmp_path_factory.mktemp("pg_seed_raw") / "raw"
    shutil.copytree(PROJECT_ROOT / "raw", raw)
    warehouse = tmp_path_factory.mktemp("pg_seed_wh") / "budget.duckdb"
    assert main(["load", str(raw), "--warehouse", str(warehouse)]) == 0
    return warehouse


@pytest.fixture
def no_pg_env(monkeypatch) -> Iterator[None]:
    monkeypatch.delenv("BW_PG_HOST", raising=False)
    yield


def _comparable(value):
    """One spelling per value across the engines: numbers as normalised Decimals (DuckDB
    sums integers to int, PostgreSQL to numeric), cell lists sorted (string_agg without
    an order is free to differ)."""
    from decimal import Decimal

    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | Decimal):
        return ("number", Decimal(value).normalize())
    if isinstance(value, str) and "!" in value and "," in value:
        return ",".join(sorted(value.split(",")))
    return value


def relation_rows(rows: list[tuple]) -> list[tuple]:
    return sorted((tuple(_comparable(v) for v in row) for row in rows), key=repr)


def duckdb_relations(path: Path, schema: str) -> list[str]:
    return [
        name
        for (name,) in duckdb_query(
            path,
            "select table_name from information_schema.tables where table_catalog = "
            f"current_database() and table_schema = '{schema}' order by table_name",
        )
    ]
