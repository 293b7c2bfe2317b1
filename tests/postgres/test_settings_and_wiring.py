"""What needs no server: type mapping, connection settings, the Dagster wiring's skip."""

from __future__ import annotations

import dagster as dg
import pytest

from dagster_project.lib.postgres import postgres_type
from dagster_project.lib.settings import PostgresSettings
from dagster_project.lib.warehouse import RAW_TABLES


@pytest.mark.parametrize(
    ("duckdb_type", "expected"),
    [
        ("DECIMAL(18,2)", "numeric(18,2)"),
        ("decimal(18, 2)", "numeric(18,2)"),
        ("VARCHAR", "varchar"),
        ("INTEGER", "integer"),
        ("BIGINT", "bigint"),
        ("BOOLEAN", "boolean"),
        ("TIMESTAMP", "timestamp"),
    ],
)
def test_duckdb_types_map_to_exact_postgres_types(duckdb_type, expected):
    assert postgres_type(duckdb_type) == expected


def test_every_raw_column_has_a_postgres_type_and_money_is_never_a_float():
    types = {postgres_type(t) for columns in RAW_TABLES.values() for t in columns.values()}
    assert "numeric(18,2)" in types
    assert not types & {"double precision", "real"}
    with pytest.raises(ValueError):
        postgres_type("FLOAT")


def test_settings_come_from_the_environment_and_hide_the_password():
    assert PostgresSettings.from_env({}) is None
    settings = PostgresSettings.from_env(
        {"BW_PG_HOST": "db", "BW_PG_PORT": "6543", "BW_PG_PASSWORD": "s3cret"}
    )
    assert (settings.host, settings.port, settings.user, settings.dbname) == (
        "db",
        6543,
        "budget",
        "budget_warehouse",
    )
    assert settings.as_env()["BW_DBT_TARGET"] == "postgres"
    assert settings.as_env()["BW_PG_PASSWORD"] == "s3cret"
    assert "s3cret" not in repr(settings)


def test_publish_postgres_is_its_own_job_and_skips_without_a_server(no_pg_env, tmp_path):
    from dagster_project.lib.dbt_cli import ensure_dbt_manifest

    ensure_dbt_manifest()
    from dagster_project.definitions import defs
    from dagster_project.defs.postgres import POSTGRES_PUBLISHED_KEY

    load_keys = defs.resolve_job_def("load_disclosures").asset_layer.executable_asset_keys
    assert POSTGRES_PUBLISHED_KEY not in load_keys
    job = defs.resolve_job_def("publish_postgres")
    with dg.DagsterInstance.ephemeral() as instance:
        result = job.execute_in_process(
            instance=instance,
            run_config={
                "resources": {
                    "warehouse": {"config": {"warehouse_path": str(tmp_path / "none.duckdb")}}
                }
            },
        )
        assert result.success
        assert not result.get_asset_materialization_events()
        messages = [entry.user_message for entry in instance.all_logs(result.run_id)]
    assert any("BW_PG_HOST is not set" in message for message in messages)


def test_cli_refuses_without_a_server(no_pg_env, capsys):
    from dagster_project.cli import main

    assert main(["publish-postgres"]) == 2
    assert "BW_PG_HOST is not set" in capsys.readouterr().err
