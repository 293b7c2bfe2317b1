"""The Dagster definitions load and show the graph we expect."""

import dagster as dg

from dagster_project.lib.dbt_cli import ensure_dbt_manifest


def test_definitions_have_the_expected_assets_and_checks():
    ensure_dbt_manifest()
    from dagster_project.definitions import defs

    graph = defs.resolve_asset_graph()
    keys = {key.to_user_string() for key in graph.get_all_asset_keys()}
    assert {"raw/amounts", "raw/disclosure_files", "raw/table_rows"} <= keys
    assert "marts/fct_expenditure_by_function" in keys
    assert "marts/dim_department" in keys
    assert "quality/check_results" in keys
    assert "warehouse/published" in keys
    checks = {(k.asset_key.to_user_string(), k.name) for k in graph.asset_check_keys}
    for rule in ("B1", "S1", "S2"):
        assert ("quality/check_results", f"rule_{rule}") in checks
    # dbt data tests surface as asset checks on their models
    assert any(asset == "marts/fct_expenditure_by_function" for asset, _ in checks)
    # the dbt sources are the ingest asset's outputs: lineage is connected
    upstream = graph.get(dg.AssetKey(["staging", "stg_raw__amounts"])).parent_keys
    assert dg.AssetKey(["raw", "amounts"]) in upstream
    assert defs.resolve_job_def("load_disclosures") is not None


def test_the_dbt_resource_still_overrides_dagster_dbts_slow_hooks():
    """BudgetDbtCliResource skips dagster-dbt's in-process adapter and its `dbt --version`
    subprocess by overriding two hooks dagster-dbt calls before each dbt build; if an
    upgrade renames them, this fails instead of every load silently getting 5 s slower."""
    import subprocess

    from dagster_dbt import DbtCliResource

    from dagster_project.defs.resources import BudgetDbtCliResource
    from dagster_project.lib.dbt_cli import dbt_executable
    from dagster_project.lib.settings import DBT_PROJECT_DIR

    assert hasattr(DbtCliResource, "_initialize_dbt_core_adapter")
    assert hasattr(DbtCliResource, "_cli_version")
    assert BudgetDbtCliResource._initialize_dbt_core_adapter(None, ["build"]) is None
    resource = BudgetDbtCliResource(
        project_dir=str(DBT_PROJECT_DIR), dbt_executable=dbt_executable()
    )
    # the version dagster-dbt would read from `dbt --version`, without starting dbt
    reported = subprocess.run(
        [dbt_executable(), "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert str(resource._cli_version) in reported
