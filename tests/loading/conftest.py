"""Fixtures of the loader tests: a copy of the project's raw folder, a fresh warehouse."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from dagster_project.lib.settings import PROJECT_ROOT


@pytest.fixture
def raw(tmp_path) -> Path:
    target = tmp_path / "raw"
    shutil.copytree(PROJECT_ROOT / "raw", target)
    return target


@pytest.fixture
def conn(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as connection:
        yield connection
