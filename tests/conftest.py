"""Fixtures shared across test layers: a generated multi-year corpus and its warehouse.

Generating and loading cost ~30 s, so both are session-scoped: the end-to-end corpus
test, the rule-fault test and the analyst-guide queries all read the same warehouse.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CORPUS_DEPARTMENTS = 12
CORPUS_YEARS = list(range(2019, 2024))
CORPUS_SEED = 7


@pytest.fixture(scope="session")
def generated_corpus(tmp_path_factory) -> tuple[Path, dict]:
    """12 departments × 2019–2023 with every layout variant, one injected fault per rule
    and the unreadable files; returns (raw folder, truth manifest)."""
    from dagster_project.lib.workbooks.generator import generate_corpus

    raw = tmp_path_factory.mktemp("generated") / "raw"
    manifest = generate_corpus(
        raw, departments=CORPUS_DEPARTMENTS, years=CORPUS_YEARS, seed=CORPUS_SEED, faults=True
    )
    assert json.loads((raw / "manifest.json").read_text(encoding="utf-8")) == manifest
    return raw, manifest


@pytest.fixture(scope="session")
def generated_warehouse(generated_corpus, tmp_path_factory) -> Path:
    """The generated corpus loaded by `budget-warehouse load` (the whole Dagster job)."""
    from dagster_project.cli import main

    raw, _ = generated_corpus
    warehouse = tmp_path_factory.mktemp("generated_wh") / "budget.duckdb"
    assert main(["load", str(raw), "--warehouse", str(warehouse)]) == 0
    return warehouse
