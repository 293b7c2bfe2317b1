"""A row keeps its figures compact (fields shared with the amount memo, cell references as
a column prefix + row number) and builds ParsedAmount objects only when `row.amounts` is
read. Both forms must say the same thing: each figure is what amount_cell, the plain
path, reads from the row's cell, and raw_records writes the same rows whichever form a
row is in."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from dagster_project.lib.parsing import ParsedAmount, parse_disclosure_workbook
from dagster_project.lib.parsing.normalise import NotANumber, amount_cell
from dagster_project.lib.parsing.reader import _column_index, read_workbook
from dagster_project.lib.templates import default_templates

generator = pytest.importorskip("dagster_project.lib.workbooks.generator")


@pytest.fixture(scope="module")
def workbooks(seed_workbook_path, tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("compact")
    manifest = generator.generate_corpus(out, 4, [2022, 2023], seed=3)
    generated = [out / f["path"] for f in manifest["files"] if f["expected_status"] == "loaded"]
    assert any(p.suffix == ".xls" for p in generated) and any(
        p.suffix == ".xlsx" for p in generated
    )
    return [seed_workbook_path, *generated]


def _count_measures(template_id: str, table_id: str) -> set[str]:
    template = next(t for t in default_templates() if t.template_id == template_id)
    return {
        m.name for s in template.table(table_id).sections for m in s.measures if m.unit == "count"
    }


def test_each_figure_is_what_amount_cell_reads_from_its_cell(workbooks):
    checked = 0
    for path in workbooks:
        parsed = parse_disclosure_workbook(path)
        sheets = {s.name: s for s in read_workbook(path).sheets}
        for table in parsed.tables.values():
            counts = _count_measures(parsed.template_id, table.table_id)
            for row in table.rows:
                for measure, amount in row.amounts.items():
                    assert isinstance(amount, ParsedAmount)
                    sheet, cell = amount.cell_ref.rsplit("!", 1)
                    letters, digits = re.fullmatch(r"([A-Z]+)(\d+)", cell).groups()
                    value = sheets[sheet].cell(int(digits) - 1, _column_index(letters))
                    try:
                        expected = amount_cell(
                            value, table.unit_multiplier, measure in counts, amount.cell_ref
                        )
                    except NotANumber:
                        # a form field with no value cell: its reference is the label's
                        expected = ParsedAmount(
                            Decimal("0.00"), "yuan", False, True, "", table.unit_multiplier,
                            amount.cell_ref,
                        )  # fmt: skip
                    # repr, not ==: Decimal("5.0") == Decimal("5.00"), the stored figure differs
                    assert repr(amount) == repr(expected), (path.name, row.cell_ref, measure)
                    checked += 1
    assert checked > 5_000


def test_raw_records_are_the_same_from_either_form(workbooks):
    for path in workbooks:
        parsed = parse_disclosure_workbook(path)
        compact = parsed.raw_records()
        for table in parsed.tables.values():
            for row in table.rows:
                assert row._amounts is None  # nothing built them so far
                row.amounts  # noqa: B018  built, and from now on the row's figures
        assert repr(parsed.raw_records()) == repr(compact), path.name


def test_a_change_to_amounts_is_what_raw_records_writes(seed_workbook_path):
    parsed = parse_disclosure_workbook(seed_workbook_path)
    row = next(r for r in parsed.tables["T05"].rows if "total" in r.amounts)
    row.amounts["total"].value = Decimal("1.00")
    del row.amounts[next(m for m in row.amounts if m != "total")]
    written = [
        a
        for a in parsed.raw_records()["amounts"]
        if (a["table_id"], a["section"], a["row_number"]) == ("T05", row.section, row.row_number)
    ]
    assert [a["measure"] for a in written] == list(row.amounts)
    assert written[0]["value"] == Decimal("1.00")


def test_rows_compare_and_print_by_their_amounts(seed_workbook_path):
    first = parse_disclosure_workbook(seed_workbook_path)
    second = parse_disclosure_workbook(seed_workbook_path)
    assert first.tables["T05"].rows == second.tables["T05"].rows
    row = second.tables["T05"].rows[0]
    assert "amounts={'total': ParsedAmount(" in repr(row)
    row.amounts["total"].raw_text = "changed"
    assert first.tables["T05"].rows[0] != row
