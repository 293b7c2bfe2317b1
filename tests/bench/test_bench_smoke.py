"""`make bench` on tiny corpora: every section is produced (its figures are not tested;
timing belongs to the bench, not to tests)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dagster_project.lib.settings import PROJECT_ROOT

pytestmark = pytest.mark.slow

SECTIONS = (
    "## Machine",
    "## Parse throughput",
    "## End-to-end load",
    "## Incremental: one changed workbook to its published report",
    "## Rule evaluation as the warehouse grows",
    "## Bounded memory",
    "## Bar (issue 7)",
)


def test_bench_smoke_run_writes_every_section(tmp_path):
    out = tmp_path / "results.md"
    run = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "bench" / "run.py"), "--smoke", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# budget-warehouse bench\n\nSMOKE RUN")
    positions = [text.find(section) for section in SECTIONS]
    assert -1 not in positions, [s for s, p in zip(SECTIONS, positions, strict=True) if p < 0]
    assert positions == sorted(positions)
    for row in (
        "| all, 1 process |",  # parse throughput, one process
        " processes |",  # and on all cores
        "| department-years | saved change → report s |",  # incremental
        "| 12 |",  # bounded memory, the larger run
    ):
        assert row in text, row
    bar = text[text.find("## Bar") :]
    # parser, 500 load, memory, and change → report for each of the two largest corpora
    # (the smoke run loads one)
    assert bar.count("| PASS |") + bar.count("| FAIL |") + bar.count("| - |") == 4
    assert "nproc" in text and "python-calamine" in text
