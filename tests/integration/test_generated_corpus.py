"""A generated multi-year corpus through `budget-warehouse load`, compared with the
generator's truth manifest: every file's outcome, every amount, every injected fault."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from tests.integration.conftest import query

QUARANTINE_WORDS = {
    # the words a message must contain, besides the file name
    "non_numeric_amount": ("abc",),
    "duplicate_department_year": ("department",),
    "unknown_department": ("registry",),
}


def test_every_file_has_the_outcome_the_manifest_expects(generated_corpus, generated_warehouse):
    _, manifest = generated_corpus
    outcomes = {
        path: (status, message)
        for path, status, message in query(
            generated_warehouse, "select file_path, status, message from quality.disclosure_files"
        )
    }
    assert set(outcomes) == {f["path"] for f in manifest["files"]}
    for entry in manifest["files"]:
        status, message = outcomes[entry["path"]]
        assert status == entry["expected_status"], (entry["path"], message)
        if status == "quarantined":
            file_name = entry["path"].rsplit("/", 1)[-1]
            assert file_name in message, message
            assert " / " in message  # Chinese / English
            for word in QUARANTINE_WORDS.get(entry["quarantine_reason"], ()):
                assert word in message, message
            for bad in entry.get("bad_cells") or []:
                assert bad["cell_ref"] in message, message


def test_every_manifest_amount_is_in_the_warehouse_to_the_cent(
    generated_corpus, generated_warehouse
):
    _, manifest = generated_corpus
    found: dict[tuple, list] = defaultdict(list)
    for path, table_id, section, row_number, code, measure, value in query(
        generated_warehouse,
        """
        select f.file_path, r.table_id, r.section, r.row_number, r.code, a.measure, a.value
        from raw.table_rows r
        join raw.disclosure_files f on f.file_sha256 = r.file_sha256 and f.status = 'loaded'
        join raw.amounts a on a.file_sha256 = r.file_sha256 and a.table_id = r.table_id
            and a.section = r.section and a.row_number = r.row_number
        order by 1, 2, 3, 4
        """,
    ):
        found[(path, table_id, section)].append((row_number, code, measure, value))

    compared = 0
    for entry in manifest["files"]:
        if entry["expected_status"] != "loaded":
            continue
        for table_id, table in entry["tables"].items():
            expected_rows: dict[str, list] = defaultdict(list)
            for row in table["rows"]:
                expected_rows[row["section"]].append(row)
            for section, rows in expected_rows.items():
                got_rows: dict[int, dict] = defaultdict(dict)
                codes: dict[int, str | None] = {}
                for row_number, code, measure, value in found[(entry["path"], table_id, section)]:
                    got_rows[row_number][measure] = value
                    codes[row_number] = code
                ordered = sorted(got_rows)
                with_amounts = [r for r in rows if r["amounts"]]
                assert len(ordered) == len(with_amounts), (entry["path"], table_id, section)
                for row, row_number in zip(with_amounts, ordered, strict=True):
                    assert codes[row_number] == row["code"], (entry["path"], table_id, row)
                    for measure, text in row["amounts"].items():
                        expected = None if text is None else Decimal(text)
                        assert got_rows[row_number].get(measure) == expected, (
                            entry["path"],
                            table_id,
                            section,
                            row,
                            measure,
                        )
                        compared += 1
    assert compared > 20_000  # the corpus is not trivially small


def test_every_injected_fault_is_reported_by_its_rule_for_its_department_year(
    generated_corpus, generated_warehouse
):
    _, manifest = generated_corpus
    failed = set(
        query(
            generated_warehouse,
            "select rule_id, department_code, fiscal_year from quality.check_results_latest"
            " where status = 'failed'",
        )
    )
    injected = {
        (fault["rule_id"], entry["department_code"], entry["fiscal_year"])
        for entry in manifest["files"]
        if entry["expected_status"] == "loaded"
        for fault in entry["faults"]
    } | {
        (m["rule_id"], m["department_code"], m["fiscal_year"])
        for m in manifest.get("missing_disclosures", [])
    }
    assert injected, "the corpus has no injected faults"
    assert injected <= failed, f"faults not reported: {sorted(injected - failed)}"


def test_no_clean_department_year_has_an_error(generated_corpus, generated_warehouse):
    _, manifest = generated_corpus
    faulted = {
        (entry["department_code"], entry["fiscal_year"])
        for entry in manifest["files"]
        if entry["faults"]
    }
    errors = query(
        generated_warehouse,
        "select distinct department_code, fiscal_year, rule_id from quality.check_results_latest"
        " where status = 'failed' and severity = 'error'",
    )
    spurious = [e for e in errors if (e[0], e[1]) not in faulted]
    assert not spurious, f"error-level failures on clean department-years: {spurious}"
