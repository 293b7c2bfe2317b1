"""Write-audit-publish: readers keep working while a load publishes, a failed load never
touches the published file."""

from pathlib import Path

import duckdb
import pytest

from dagster_project.lib.publish import prepare_working_copy, publish


def make_db(path: Path, value: int) -> None:
    with duckdb.connect(str(path)) as conn:
        conn.execute("create schema if not exists marts")
        conn.execute("create or replace table marts.t as select ? as v", [value])
        conn.execute("create or replace view marts.v as select v * 2 as w from marts.t")


@pytest.mark.parametrize("compact", [True, False])
def test_publish_replaces_atomically_while_a_reader_holds_the_old_file(tmp_path, compact):
    published = tmp_path / "budget.duckdb"
    working = tmp_path / ".work" / "budget.duckdb"
    make_db(published, 1)
    reader = duckdb.connect(str(published), read_only=True)
    try:
        prepare_working_copy(published, working)
        with duckdb.connect(str(working)) as conn:
            conn.execute("update marts.t set v = 2")
        # must not fail although a reader holds the file
        publish(working, published, compact=compact)
        assert reader.execute("select v from marts.t").fetchone() == (1,)  # old snapshot
    finally:
        reader.close()
    with duckdb.connect(str(published), read_only=True) as conn:
        assert conn.execute("select v from marts.t").fetchone() == (2,)
        assert conn.execute("select w from marts.v").fetchone() == (4,)  # views resolve
    assert not published.with_name("budget.duckdb.publishing").exists()


def test_a_load_that_dies_before_publish_leaves_the_published_file_as_it_was(tmp_path):
    published = tmp_path / "budget.duckdb"
    working = tmp_path / ".work" / "budget.duckdb"
    make_db(published, 1)
    before = published.read_bytes()
    prepare_working_copy(published, working)
    with duckdb.connect(str(working)) as conn:
        conn.execute("update marts.t set v = 99")
    # the load "dies" here: no publish
    assert published.read_bytes() == before
    prepare_working_copy(published, working)  # the next load starts from the published state
    with duckdb.connect(str(working), read_only=True) as conn:
        assert conn.execute("select v from marts.t").fetchone() == (1,)


@pytest.mark.parametrize("compact", [True, False])
def test_publish_of_a_broken_working_file_raises_and_keeps_the_published_file(tmp_path, compact):
    published = tmp_path / "budget.duckdb"
    make_db(published, 1)
    before = published.read_bytes()
    working = tmp_path / ".work" / "budget.duckdb"
    working.parent.mkdir()
    working.write_bytes(b"not a database")
    with pytest.raises(duckdb.Error):
        publish(working, published, compact=compact)
    assert published.read_bytes() == before
