"""`dbt docs generate` works on a loaded warehouse, and the models are documented: every
model and every column it has in the warehouse carries a non-empty description (Chinese
term and English, per the models' YAML), the rule engine's relations (`models/rules/`)
included."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.analyst.guide import REPO_ROOT

DBT_PROJECT_DIR = REPO_ROOT / "dbt"
MARTS_SCHEMA = "marts"
# The tables the analyst guide relies on; a mart missing from the docs fails loudly.
EXPECTED_MARTS = {
    "dim_department",
    "dim_function_class",
    "dim_econ_class",
    "fct_expenditure_by_function",
    "fct_expenditure_by_econ",
    "fct_basic_expenditure_by_function",
    "fct_basic_expenditure_by_econ",
    "fct_expenditure_total_by_function",
    "fct_income",
    "fct_three_public",
    "fct_project",
    "fct_procurement",
    "fct_performance_indicator",
    "mart_consolidated_by_function",
    "mart_consolidated_by_econ",
    "mart_year_over_year_by_function",
}


@pytest.fixture(scope="module")
def dbt_docs(generated_warehouse: Path, tmp_path_factory) -> tuple[dict, dict]:
    """(manifest.json, catalog.json) of `dbt docs generate` on a copy of the warehouse.

    A copy, because dbt opens its target read-write; named like the original because
    DuckDB names the catalog after the file's stem and the views refer to it."""
    workdir = tmp_path_factory.mktemp("dbt_docs")
    warehouse = workdir / generated_warehouse.name
    shutil.copyfile(generated_warehouse, warehouse)
    target = workdir / "target"
    env = {
        **os.environ,
        "BW_WAREHOUSE_PATH": str(warehouse),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("dbt")),
            "docs",
            "generate",
            "--project-dir",
            "dbt",
            "--profiles-dir",
            "dbt",
            "--target-path",
            str(target),
            "--log-path",
            str(workdir / "logs"),
        ],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    catalog = json.loads((target / "catalog.json").read_text(encoding="utf-8"))
    return manifest, catalog


def mart_models(manifest: dict) -> dict[str, dict]:
    return {
        node["name"]: node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["schema"] == MARTS_SCHEMA
    }


@pytest.mark.slow
def test_catalog_lists_every_mart_with_its_columns(dbt_docs):
    manifest, catalog = dbt_docs
    assert not catalog.get("errors"), catalog.get("errors")
    marts = mart_models(manifest)
    assert EXPECTED_MARTS <= set(marts), sorted(EXPECTED_MARTS - set(marts))
    for name, node in marts.items():
        entry = catalog["nodes"].get(node["unique_id"])
        assert entry is not None, f"{name} is not in catalog.json"
        assert entry["metadata"]["schema"] == MARTS_SCHEMA
        catalog_columns = {column.lower() for column in entry["columns"]}
        documented_columns = {column.lower() for column in node["columns"]}
        assert catalog_columns, f"{name} has no columns in the catalog"
        assert catalog_columns == documented_columns, (
            f"{name}: in the warehouse but not in the YAML "
            f"{sorted(catalog_columns - documented_columns)}, in the YAML but not in the "
            f"warehouse {sorted(documented_columns - catalog_columns)}"
        )


def undocumented(node: dict, catalog: dict) -> list[str]:
    """The model itself and each of its columns (as built, or as declared) without a
    description."""
    name = node["name"]
    missing = [] if node["description"].strip() else [name]
    built = catalog["nodes"].get(node["unique_id"], {}).get("columns", {})
    descriptions = {
        column.lower(): (spec.get("description") or "").strip()
        for column, spec in node["columns"].items()
    }
    columns = {column.lower() for column in built} | set(descriptions)
    missing += [f"{name}.{column}" for column in sorted(columns) if not descriptions.get(column)]
    return missing


@pytest.mark.slow
def test_every_mart_model_and_column_has_a_description(dbt_docs):
    manifest, catalog = dbt_docs
    missing = [
        item
        for _, node in sorted(mart_models(manifest).items())
        for item in undocumented(node, catalog)
    ]
    assert not missing, f"marts without a description: {missing}"


@pytest.mark.slow
def test_staging_intermediate_quality_and_rule_models_are_documented(dbt_docs):
    manifest, catalog = dbt_docs
    layers = ("models/staging/", "models/intermediate/", "models/quality/", "models/rules/")
    nodes = [
        node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["original_file_path"].startswith(layers)
    ]
    assert {node["original_file_path"].split("/")[1] for node in nodes} == {
        "staging",
        "intermediate",
        "quality",
        "rules",
    }
    missing = [item for node in nodes for item in undocumented(node, catalog)]
    assert not missing, f"models or columns without a description: {sorted(missing)}"
