"""The generator's corpus: every amount its manifest promises is found to the cent, and
every file it made unreadable raises WorkbookReadError with the manifest's reason.

The generator (dagster_project/lib/workbooks/generator.py) is written independently of the
parser and varies format, sheet names and order, shared sheets, offsets, 万元 tables, text
amounts, dashes, codes typed as numbers and title wording; the manifest lists the variants
of each file so a failure names what broke.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from dagster_project.lib.parsing import WorkbookReadError, parse_disclosure_workbook
from dagster_project.lib.parsing.normalise import match_key, normalise_label

generator = pytest.importorskip("dagster_project.lib.workbooks.generator")

PARSER_REASONS = {"truncated", "not_a_spreadsheet", "no_template_tables", "non_numeric_amount"}


@pytest.fixture(scope="module", params=[7, 11])
def corpus(request, tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp(f"corpus{request.param}")
    manifest = generator.generate_corpus(
        out, 12, [2020, 2021, 2022, 2023, 2024], seed=request.param, faults=True
    )
    return out, manifest


def _key(section: str, code: str | None, label: str | None, measure: str) -> tuple:
    return section, code, match_key(normalise_label(label or "")), measure


def test_corpus_is_big_enough(corpus):
    _, manifest = corpus
    loaded = [f for f in manifest["files"] if f["expected_status"] == "loaded"]
    assert len(loaded) >= 50
    reasons = Counter(f["quarantine_reason"] for f in manifest["files"])
    assert PARSER_REASONS <= set(reasons)


def test_every_manifest_amount_found_exactly(corpus):
    out, manifest = corpus
    expected_total, missing = 0, []
    for entry in manifest["files"]:
        if entry["quarantine_reason"] in PARSER_REASONS:
            continue
        parsed = parse_disclosure_workbook(out / entry["path"])
        assert parsed.fiscal_year == entry["fiscal_year"], entry["path"]
        for table_id, truth in entry["tables"].items():
            table = parsed.tables.get(table_id)
            assert table is not None, (entry["path"], table_id, entry["variants"])
            found: dict[tuple, list] = {}
            for row in table.rows:
                for measure, amount in row.amounts.items():
                    value = None if amount.value is None else str(amount.value)
                    found.setdefault(_key(row.section, row.code, row.label, measure), []).append(
                        value
                    )
            for row in truth["rows"]:
                for measure, value in row["amounts"].items():
                    expected_total += 1
                    key = _key(row["section"], row.get("code"), row.get("label"), measure)
                    if value not in found.get(key, []):
                        missing.append((entry["path"], table_id, key, value, found.get(key)))
    assert expected_total > 10_000
    assert missing == [], f"{len(missing)} of {expected_total} amounts not found: {missing[:10]}"


def test_unreadable_files_raise_the_expected_reason(corpus):
    out, manifest = corpus
    bad = [f for f in manifest["files"] if f["quarantine_reason"] in PARSER_REASONS]
    assert bad
    for entry in bad:
        path = out / entry["path"]
        with pytest.raises(WorkbookReadError) as info:
            parse_disclosure_workbook(path)
        assert info.value.reason == entry["quarantine_reason"], (entry["path"], str(info.value))
        assert path.name in str(info.value)
        if entry["quarantine_reason"] == "non_numeric_amount":
            assert info.value.sheet and info.value.cell
