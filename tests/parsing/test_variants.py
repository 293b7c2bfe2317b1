"""Layout variants a department might send that the project's generator does not write
(tests/parsing/variants.py): every amount of the probed table is found with the right
code/label, level and value, in .xlsx and .xls."""

from __future__ import annotations

from decimal import Decimal

import pytest
from variants import CASES, DEPT, Case, unreadable_cases, write_workbook

from dagster_project.lib.parsing import WorkbookReadError, parse_disclosure_workbook
from dagster_project.lib.parsing.normalise import match_key


def _key(text: str | None) -> str:
    return match_key((text or "").replace("(", "（").replace(")", "）"))


def check_case(case: Case, parsed) -> None:
    table = parsed.tables.get(case.table_id)
    assert table is not None, f"{case.table_id} not found; tables {sorted(parsed.tables)}"
    found = {}
    for row in table.rows:
        found.setdefault((row.section, row.code, _key(row.label)), []).append(row)
    for want in case.rows:
        key = (want.section, want.code, _key(want.label))
        rows = found.get(key)
        assert rows, f"row {key} missing; have {sorted(found, key=str)}"
        row = rows.pop(0)
        assert row.code_level == want.level, (key, row.code_level, want.level)
        assert row.row_kind == want.row_kind, (key, row.row_kind)
        got = {m: a.value for m, a in row.amounts.items() if a.value != 0}
        assert got == want.amounts, (key, got, want.amounts)
        for (code, name), value in case.attributes.items():
            if code == want.code:
                assert row.attributes.get(name, ("",))[0] == value, (key, name, row.attributes)
    extra = [
        (k, {m: a.raw_text for m, a in r.amounts.items()}) for k, rs in found.items() for r in rs
    ]
    assert not extra, f"rows not expected: {extra}"
    assert table.unit_multiplier == case.multiplier
    if case.warn:
        assert any(case.warn in w for w in parsed.warnings), parsed.warnings


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_variant(tmp_path, name, suffix):
    case = CASES[name]()
    path = write_workbook(tmp_path / f"{name}{suffix}", case.sheets)
    parsed = parse_disclosure_workbook(path)
    assert parsed.fiscal_year == 2021
    check_case(case, parsed)
    if name.startswith("cover_") or name.startswith("catalogue_"):
        assert parsed.department_name == DEPT
    if name.startswith("catalogue_") or name == "cover_with_catalogue":
        assert [e.table_id for e in parsed.catalogue] == ["T01", "T05", "T06", "T09", "T12"]
        assert [e.is_empty for e in parsed.catalogue] == [False, False, False, True, False]
        assert parsed.tables["T05"].sheet != parsed.catalogue[0].cell_ref.split("!")[0]


_ = Decimal


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
@pytest.mark.parametrize("name", sorted(unreadable_cases()))
def test_unreadable_variant_names_file_sheet_and_cell(tmp_path, name, suffix):
    sheets, reason, sheet, cell = unreadable_cases()[name]
    path = write_workbook(tmp_path / f"{name}{suffix}", sheets)
    with pytest.raises(WorkbookReadError) as info:
        parse_disclosure_workbook(path)
    err = info.value
    assert (err.reason, err.sheet, err.cell) == (reason, sheet, cell)
    assert path.name in str(err) and f"{sheet}!{cell}" in str(err)
