"""The generated multi-year corpus (faults included) published with the Dagster job
`publish_postgres`: every mart and the consolidations agree with DuckDB, and the rule
relations build on PostgreSQL."""

from __future__ import annotations

import dagster as dg
import pytest

from tests.postgres.conftest import duckdb_query, duckdb_relations, relation_rows

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def published_generated(pg_settings, generated_warehouse):
    from dagster_project.lib.dbt_cli import ensure_dbt_manifest

    ensure_dbt_manifest()
    from dagster_project.definitions import defs
    from dagster_project.defs.postgres import POSTGRES_PUBLISHED_KEY

    with dg.DagsterInstance.ephemeral() as instance:
        result = defs.resolve_job_def("publish_postgres").execute_in_process(
            instance=instance,
            run_config={
                "resources": {"warehouse": {"config": {"warehouse_path": str(generated_warehouse)}}}
            },
        )
    assert result.success
    (materialization,) = result.get_asset_materialization_events()
    assert materialization.asset_key == POSTGRES_PUBLISHED_KEY
    return generated_warehouse


def test_row_counts_of_every_mart_are_equal(published_generated, server):
    marts = duckdb_relations(published_generated, "marts")
    assert len(marts) >= 15
    for mart in marts:
        (duck,) = duckdb_query(published_generated, f"select count(*) from marts.{mart}")
        (pg,) = server.query(f"select count(*) from marts.{mart}")
        assert pg == duck and duck[0] > 0, mart


def test_consolidated_totals_are_equal(published_generated, server):
    for mart, code in (
        ("mart_consolidated_by_function", "function_code"),
        ("mart_consolidated_by_econ", "econ_code"),
    ):
        sql = (
            f"select fiscal_year, {code}, sum(total_yuan), sum(department_count) "
            f"from marts.{mart} group by 1, 2"
        )
        duck = relation_rows(duckdb_query(published_generated, sql))
        assert len(duck) > 50
        assert relation_rows(server.query(sql)) == duck, mart
    sql = (
        "select fiscal_year, sum(total_yuan) from marts.mart_consolidated_by_function "
        "where class_level = 1 group by 1"
    )
    assert relation_rows(server.query(sql)) == relation_rows(duckdb_query(published_generated, sql))


def test_every_mart_holds_the_same_rows(published_generated, server):
    for mart in duckdb_relations(published_generated, "marts"):
        duck = relation_rows(duckdb_query(published_generated, f"select * from marts.{mart}"))
        assert relation_rows(server.query(f"select * from marts.{mart}")) == duck, mart


def test_rule_relations_build_and_agree(published_generated, server):
    sql = (
        "select rule_id, count(*), count(*) filter (where excess_over_tolerance_yuan > 0) "
        "from quality.rule_comparisons group by rule_id"
    )
    duck = relation_rows(duckdb_query(published_generated, sql))
    assert len(duck) >= 20
    assert relation_rows(server.query(sql)) == duck
    for relation in duckdb_relations(published_generated, "quality"):
        (count,) = duckdb_query(published_generated, f"select count(*) from quality.{relation}")
        assert server.query(f"select count(*) from quality.{relation}") == [count], relation


def test_raw_tables_and_rule_results_are_replaced_not_appended(published_generated, server):
    for table in ("raw.disclosure_files", "raw.amounts", "quality.check_results"):
        (duck,) = duckdb_query(published_generated, f"select count(*) from {table}")
        assert server.query(f"select count(*) from {table}") == [duck], table
