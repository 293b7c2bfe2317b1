"""The generator: deterministic, identities hold when clean, each fault breaks its rule."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl.utils import column_index_from_string
from python_calamine import CalamineWorkbook

from dagster_project.lib.workbooks.generator import generate_corpus
from tests.workbooks.identities import read_registry, violations, year_on_year

REQUIRED_FAULTS = {
    "B1",
    "B2",
    "B3",
    "B4",
    "S1",
    "S2",
    "S3",
    "S4",
    *(f"X{n}" for n in range(1, 11)),
    "C1",
    "C2",
    "C3",
    "C4",
    "Y2",
    "Y3",
    "Y4",
}
YEARS = range(2021, 2024)


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("clean")
    return out, generate_corpus(out, departments=6, years=YEARS, seed=3)


@pytest.fixture(scope="module")
def faulty(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("faulty")
    return out, generate_corpus(out, departments=12, years=YEARS, seed=5, faults=True)


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_same_seed_same_bytes_other_seed_differs(tmp_path: Path):
    generate_corpus(tmp_path / "a", departments=3, years=[2021, 2022], seed=11, faults=True)
    generate_corpus(tmp_path / "b", departments=3, years=[2021, 2022], seed=11, faults=True)
    generate_corpus(tmp_path / "c", departments=3, years=[2021, 2022], seed=12)
    a, b, c = _tree(tmp_path / "a"), _tree(tmp_path / "b"), _tree(tmp_path / "c")
    assert a == b
    assert a["manifest.json"] != c["manifest.json"]


def test_manifest_on_disk_and_registry(clean):
    out, manifest = clean
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8")) == manifest
    registry = read_registry(out / "departments.csv")
    assert len(registry) == 6 and all(re.fullmatch(r"\d{3}", c) for c in registry)
    assert {f["department_code"] for f in manifest["files"]} == set(registry)
    assert len(manifest["files"]) == 6 * 3
    for f in manifest["files"]:
        assert (out / f["path"]).exists() and f["expected_status"] == "loaded"


def test_clean_corpus_satisfies_every_identity(clean):
    out, manifest = clean
    registry = read_registry(out / "departments.csv")
    broken = {f["path"]: violations(f, registry) for f in manifest["files"]}
    assert {p: v for p, v in broken.items() if v} == {}
    assert dict(year_on_year(manifest["files"])) == {}


def test_clean_corpus_mixes_layout_variants(clean):
    _, manifest = clean
    tags = {t.split(":")[0] for f in manifest["files"] for t in f["variants"]}
    assert {
        "xls",
        "xlsx",
        "wan_yuan",
        "amount_text",
        "codes_as_numbers",
        "shared_sheet",
        "sheets_reordered",
        "title_variants",
        "half_width_brackets",
        "offset",
    } <= tags
    names = {f"sheet_names_{n}" for n in ("standard", "numbered", "chinese", "random")}
    assert names <= tags


def _cell(book: CalamineWorkbook, sheet: str, row_number: int, col: int):
    rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    return (
        rows[row_number - 1][col]
        if row_number - 1 < len(rows) and col < len(rows[row_number - 1])
        else None
    )


def test_manifest_rows_point_at_printed_rows(clean):
    out, manifest = clean
    for f in manifest["files"]:
        book = CalamineWorkbook.from_path(str(out / f["path"]))
        for tid, table in f["tables"].items():
            rows = book.get_sheet_by_name(table["sheet"]).to_python(skip_empty_area=False)
            assert any(table["title"] in map(str, r) for r in rows), (f["path"], tid)
            for r in table["rows"]:
                if (
                    r["section"] == "main"
                    and r["code"]
                    and tid in ("T05", "T06", "T07", "T08", "T03")
                ):
                    printed = [str(v).removesuffix(".0") for v in rows[r["row_number"] - 1]]
                    assert r["code"] in printed, (f["path"], tid, r)


def test_every_required_fault_is_injected(faulty):
    _, manifest = faulty
    rules = {x["rule_id"] for f in manifest["files"] for x in f["faults"]}
    rules |= {m["rule_id"] for m in manifest["missing_disclosures"]}
    assert REQUIRED_FAULTS <= rules


def test_each_fault_breaks_exactly_its_rule(faulty):
    out, manifest = faulty
    registry = read_registry(out / "departments.csv")
    for f in manifest["files"]:
        if f["expected_status"] != "loaded":
            continue
        expected = {x["rule_id"] for x in f["faults"]} - {"Y3", "Y4"}
        assert violations(f, registry) == expected, f["path"]


def test_year_on_year_faults_are_visible(faulty):
    _, manifest = faulty
    loaded = [f for f in manifest["files"] if f["expected_status"] == "loaded"]
    found = year_on_year(loaded)
    for f in loaded:
        for x in f["faults"]:
            if x["rule_id"] in ("Y3", "Y4"):
                assert x["rule_id"] in found[(f["department_code"], f["fiscal_year"])], f["path"]
    missing = manifest["missing_disclosures"][0]
    assert not [
        f
        for f in manifest["files"]
        if (f["department_code"], f["fiscal_year"])
        == (missing["department_code"], missing["fiscal_year"])
    ]


def _quarantined(manifest: dict, reason: str) -> list[dict]:
    return [f for f in manifest["files"] if f["quarantine_reason"] == reason]


def test_unreadable_files_are_unreadable(faulty):
    out, manifest = faulty
    for reason in ("truncated", "not_a_spreadsheet"):
        (f,) = _quarantined(manifest, reason)
        with pytest.raises(Exception):  # noqa: B017 - calamine raises its own error types
            CalamineWorkbook.from_path(str(out / f["path"])).get_sheet_by_index(0).to_python()
    (f,) = _quarantined(manifest, "no_template_tables")
    book = CalamineWorkbook.from_path(str(out / f["path"]))
    cells = [
        str(v) for n in book.sheet_names for r in book.get_sheet_by_name(n).to_python() for v in r
    ]
    assert not [c for c in cells if "部门综合预算" in c or re.fullmatch(r"表\d+", c)]


def test_non_numeric_amount_is_where_recorded(faulty):
    out, manifest = faulty
    (f,) = _quarantined(manifest, "non_numeric_amount")
    (bad,) = f["bad_cells"]
    col, row = re.fullmatch(r"([A-Z]+)(\d+)", bad["cell"]).groups()
    book = CalamineWorkbook.from_path(str(out / f["path"]))
    assert _cell(book, bad["sheet"], int(row), column_index_from_string(col) - 1) == "abc"


def test_unknown_and_duplicate_department_files(faulty):
    out, manifest = faulty
    registry = read_registry(out / "departments.csv")
    (unknown,) = _quarantined(manifest, "unknown_department")
    assert unknown["department_code"] not in registry and (out / unknown["path"]).exists()
    (dup,) = _quarantined(manifest, "duplicate_department_year")
    twins = [
        f
        for f in manifest["files"]
        if (f["department_code"], f["fiscal_year"]) == (dup["department_code"], dup["fiscal_year"])
    ]
    assert len(twins) == 2 and {t["expected_status"] for t in twins} == {"loaded", "quarantined"}
    book = CalamineWorkbook.from_path(str(out / dup["path"]))
    assert len(book.sheet_names) >= 16
