"""Rule tests: small raw-schema warehouses, the rules' dbt models built on them once per
module, then evaluated with the runner."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from expectations.runner import RuleResult, evaluate_rules
from tests.rules.raw_fixture import Disclosure, write_raw_warehouse

DBT_PROJECT_DIR = Path(__file__).resolve().parents[2] / "dbt"
DBT_EXECUTABLE = Path(sys.executable).with_name("dbt")


def build_rules_warehouse(
    directory: Path,
    disclosures: list[Disclosure],
    departments: list[tuple[str, str]] | None = None,
) -> Path:
    """Write the raw schema, then `dbt build` the rule models (and the seeds and models they
    read) into it."""
    warehouse = directory / "rules.duckdb"
    write_raw_warehouse(warehouse, disclosures, departments)
    env = dict(os.environ, BW_WAREHOUSE_PATH=str(warehouse))
    completed = subprocess.run(
        [
            str(DBT_EXECUTABLE), "build",
            # the rule models and what they read: C3N needs the year's reference codes
            "--select", "+path:models/rules",
            "--project-dir", str(DBT_PROJECT_DIR),
            "--profiles-dir", str(DBT_PROJECT_DIR),
            "--target-path", str(directory / "dbt_target"),
            "--log-path", str(directory / "dbt_logs"),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise AssertionError(f"dbt build failed:\n{completed.stdout}\n{completed.stderr}")
    return warehouse


def only(results: list[RuleResult], key: str) -> RuleResult:
    matching = [r for r in results if r.comparison_key == key]
    assert len(matching) == 1, (key, [r.comparison_key for r in results])
    return matching[0]


def failures(results: list[RuleResult]) -> list[RuleResult]:
    return [r for r in results if r.status == "failed"]


@pytest.fixture(scope="module")
def rules_warehouse_factory(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[..., Path]:
    def factory(disclosures: list[Disclosure], departments=None) -> Path:
        return build_rules_warehouse(tmp_path_factory.mktemp("wh"), disclosures, departments)

    return factory


def evaluate(warehouse: Path, rule_id: str, department_code: str,
             fiscal_year: int = 2021) -> list[RuleResult]:
    return evaluate_rules(warehouse, [rule_id], fiscal_year, department_code)
