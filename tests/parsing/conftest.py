"""Shared fixtures for the parser tests: the seed workbook and small-workbook builders."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def seed_workbook_path() -> Path:
    found = sorted((ROOT / "raw" / "2021").glob("179_*.xlsx"))
    if not found:
        pytest.skip("seed workbook raw/2021/179_*.xlsx not written yet")
    return found[0]
