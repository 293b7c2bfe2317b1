"""The seed disclosure published to a real PostgreSQL server with `publish-postgres`:
the same figures as DuckDB, in the same exact types."""

from __future__ import annotations

import shutil
from decimal import Decimal

import duckdb
import pytest

from dagster_project.lib.postgres import PostgresPublishError, publish_to_postgres
from dagster_project.lib.warehouse import RAW_TABLES
from tests.postgres.conftest import duckdb_query, duckdb_relations, relation_rows

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def published_seed(pg_settings, seed_duckdb_warehouse):
    from dagster_project.cli import main

    assert main(["publish-postgres", "--warehouse", str(seed_duckdb_warehouse)]) == 0
    return seed_duckdb_warehouse


def test_seed_function_total_on_the_server(published_seed, server):
    assert server.query(
        "select sum(total_yuan) from marts.fct_expenditure_by_function "
        "where department_code = '179' and fiscal_year = 2021"
    ) == [(Decimal("11463700.00"),)]


def test_raw_columns_have_the_contract_types(published_seed, server):
    rows = server.query(
        "select table_name, column_name, data_type, numeric_precision, numeric_scale "
        "from information_schema.columns where table_schema = 'raw'"
    )
    actual = {(t, c): (d, p, s) for t, c, d, p, s in rows}
    assert actual[("amounts", "value")] == ("numeric", 18, 2)
    for table, columns in RAW_TABLES.items():
        for column in columns:
            assert (table, column) in actual, f"raw.{table}.{column} missing on the server"


def test_mart_decimal_columns_are_numeric_18_2_on_the_server(published_seed, server):
    duck = duckdb_query(
        published_seed,
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_catalog = current_database() and table_schema = 'marts'",
    )
    pg = {
        (t, c): (d, p, s)
        for t, c, d, p, s in server.query(
            "select table_name, column_name, data_type, numeric_precision, numeric_scale "
            "from information_schema.columns where table_schema = 'marts'"
        )
    }
    assert {(t, c) for t, c, _ in duck} == set(pg)
    decimals = [(t, c) for t, c, d in duck if d == "DECIMAL(18,2)"]
    assert len(decimals) > 20
    for key in decimals:
        assert pg[key] == ("numeric", 18, 2), key


def test_every_mart_holds_the_same_rows_as_duckdb(published_seed, server):
    marts = duckdb_relations(published_seed, "marts")
    assert "fct_expenditure_by_function" in marts
    for mart in marts:
        duck = relation_rows(duckdb_query(published_seed, f"select * from marts.{mart}"))
        pg = relation_rows(server.query(f"select * from marts.{mart}"))
        assert pg == duck, mart


def test_a_failed_copy_leaves_the_server_as_it_was(published_seed, server, pg_settings, tmp_path):
    """The copy is one transaction: an amount PostgreSQL refuses, in the last raw table,
    rolls back the tables already replaced before it."""
    broken = tmp_path / "budget.duckdb"
    shutil.copyfile(published_seed, broken)
    with duckdb.connect(str(broken)) as conn:
        conn.execute("alter table raw.amounts alter value type varchar")
        conn.execute("update raw.amounts set value = 'not a number' where row_number = 9")
        conn.execute("delete from raw.disclosure_files")
    before = server.query("select count(*) from raw.disclosure_files")
    assert before[0][0] > 0
    with pytest.raises(PostgresPublishError, match="numeric"):
        publish_to_postgres(broken, pg_settings)
    assert server.query("select count(*) from raw.disclosure_files") == before
