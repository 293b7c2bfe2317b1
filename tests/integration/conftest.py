"""End-to-end fixtures: the whole Dagster job, in-process, on a copy of a raw folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from dagster_project.cli import main
from dagster_project.lib.settings import PROJECT_ROOT


def run_load(raw_dir: Path, warehouse: Path, *options: str) -> int:
    return main(["load", str(raw_dir), "--warehouse", str(warehouse), *options])


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return conn.execute(sql, params or []).fetchall()


@pytest.fixture(scope="session")
def seed_raw_copy(tmp_path_factory) -> Path:
    """A copy of the shipped raw folder: tests never touch the originals."""
    target = tmp_path_factory.mktemp("raw") / "raw"
    shutil.copytree(PROJECT_ROOT / "raw", target)
    return target


@pytest.fixture(scope="session")
def seed_warehouse(seed_raw_copy, tmp_path_factory) -> Path:
    warehouse = tmp_path_factory.mktemp("wh") / "budget.duckdb"
    assert run_load(seed_raw_copy, warehouse) == 0
    return warehouse
