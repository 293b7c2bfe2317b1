"""Every SQL query of docs/analyst-guide.md runs against the generated warehouse and returns
what the generator's manifest says it must.

The queries are read from the guide itself (tests/analyst/guide.py); each carries a
`-- guide: <tag>` comment naming its checker below. A checker computes the expected rows
from the manifest in plain Python (tests/analyst/truth.py) and compares them with the
query's rows, column by column, in the guide's order: amounts as exact Decimals, shares
computed as DOUBLE in SQL to the cent of a percent. Literal parameters (a department, a
threshold) are read from the query text, so a reader may change them and the test follows.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tests.analyst.guide import GuideQuery, guide_queries
from tests.analyst.truth import (
    INCOME_SOURCES,
    ZERO,
    Truth,
    amount,
    cell_text_value,
    file_sha256,
    normalise_name,
    percent,
)

QUERIES = guide_queries()
MIN_QUESTIONS = 10
MEASURES = ("personnel", "public", "project", "total")

Rows = list[dict]
Checker = Callable[[Rows, Truth, GuideQuery], None]
CHECKERS: dict[str, Checker] = {}


def checker(tag: str) -> Callable[[Checker], Checker]:
    def register(function: Checker) -> Checker:
        CHECKERS[tag] = function
        return function

    return register


# ---- fixtures ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def truth(generated_corpus) -> Truth:
    raw_dir, manifest = generated_corpus
    return Truth(raw_dir, manifest)


@pytest.fixture(scope="module")
def warehouse(generated_warehouse: Path):
    with duckdb.connect(str(generated_warehouse), read_only=True) as conn:
        yield conn


def run(conn: duckdb.DuckDBPyConnection, sql: str) -> Rows:
    cursor = conn.execute(sql)
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]


# ---- comparison --------------------------------------------------------------------------


def assert_rows(actual: Rows, expected: Rows, percent_columns: tuple[str, ...] = ()) -> None:
    """Same rows in the same order; every column compared (percentages to 0.01)."""
    assert expected, "the manifest gives no expected rows: the question would test nothing"
    if actual:
        assert list(actual[0]) == list(expected[0]), "columns differ from the checker's"
    for index, (got, want) in enumerate(zip(actual, expected, strict=False)):
        for column, wanted in want.items():
            value = got[column]
            if column in percent_columns and wanted is not None and value is not None:
                assert abs(Decimal(str(value)) - wanted) <= Decimal("0.01"), (
                    f"row {index} {column}: {value} != {wanted}\n got  {got}\n want {want}"
                )
            else:
                assert value == wanted, (
                    f"row {index} {column}: {value!r} != {wanted!r}\n got  {got}\n want {want}"
                )
    assert len(actual) == len(expected), f"{len(actual)} rows, expected {len(expected)}"


def literal(query: GuideQuery, pattern: str) -> str:
    """A literal parameter of the query (department code, year, threshold)."""
    match = re.search(pattern, query.sql)
    assert match, f"no parameter matching {pattern!r} in query {query.tag}"
    return match.group(1)


# ---- the guide's shape -------------------------------------------------------------------


def test_guide_has_enough_questions_each_with_a_heading_tag_and_checker():
    assert len(QUERIES) >= MIN_QUESTIONS
    tags = [query.tag for query in QUERIES]
    untagged = [query.line for query in QUERIES if query.tag is None]
    assert not untagged, f"sql blocks without a `-- guide: <tag>` line at lines {untagged}"
    assert len(set(tags)) == len(tags), f"duplicate tags: {tags}"
    assert all(query.heading for query in QUERIES), "every query needs a heading above it"
    headings = [query.heading for query in QUERIES]
    assert len(set(headings)) == len(headings), "one question per heading"
    missing = sorted(set(tags) - set(CHECKERS))
    assert not missing, f"queries without a checker: {missing}"
    unused = sorted(set(CHECKERS) - set(tags))
    assert not unused, f"checkers whose query left the guide: {unused}"


@pytest.mark.slow
@pytest.mark.parametrize("query", QUERIES, ids=[q.tag or f"line{q.line}" for q in QUERIES])
def test_guide_query_matches_manifest(query: GuideQuery, warehouse, truth):
    assert query.tag in CHECKERS, f"query at line {query.line} ({query.heading}) has no checker"
    rows = run(warehouse, query.sql)
    CHECKERS[query.tag](rows, truth, query)


# ---- checkers, one per question ------------------------------------------------------------


@checker("consolidated_by_class")
def check_consolidated_by_class(rows: Rows, truth: Truth, query: GuideQuery) -> None:
    """Σ of 表5 项 (7-digit) rows by first 3 digits, per year, over loaded files."""
    sums: dict[tuple[int, str], dict] = {}
    for disclosure in truth.loaded:
        for row in disclosure.lines("T05", code_length=7):
            key = (disclosure.fiscal_year, row["code"][:3])
            entry = sums.setdefault(key, {m: ZERO for m in MEASURES} | {"departments": set()})
            for measure in MEASURES:
                entry[measure] += amount(row, measure)
            entry["departments"].add(disclosure.department_code)
    expected = [
        {
            "fiscal_year": year,
            "function_code": code,
            "function_name": truth.function_name(year, code),
            "personnel_yuan": entry["personnel"],
            "public_yuan": entry["public"],
            "project_yuan": entry["project"],
            "total_yuan": entry["total"],
            "department_count": len(entry["departments"]),
        }
        for (year, code), entry in sorted(sums.items())
    ]
    assert_rows(rows, expected)


@checker("top_three_public")
def check_top_three_public(rows: Rows, truth: Truth, query: GuideQuery) -> None:
    """表13 合计 row of the latest year: 三公 items and 会议费 + 培训费, top 5 by 三公."""
    per_department = {
        (d.fiscal_year, d.department_code): truth.three_public(d)
        for d in truth.loaded
        if truth.three_public(d) is not None
    }
    latest = max(year for year, _ in per_department)
    ranked = sorted(
        (
            (-three_public, code, three_public, meeting_training)
            for (year, code), (three_public, meeting_training) in per_department.items()
            if year == latest
        )
    )
    expected = [
        {
            "fiscal_year": latest,
            "department_code": code,
            "department_name": truth.department_names[code],
            "three_public_yuan": three_public,
            "meeting_training_yuan": meeting_training,
        }
        for _, code, three_public, meeting_training in ranked[:5]
    ]
    assert_rows(rows, expected)


@checker("personnel_share")
def check_personnel_share(rows: Rows, truth: Truth, query: GuideQuery) -> None:
    """表5 项 rows of the latest year: 人员经费 against 合计 per department."""
    latest = max(d.fiscal_year for d in truth.loaded if d.lines("T05", code_length=7))
    expected = []
    for disclosure in truth.loaded:
        if disclosure.fiscal_year != latest:
            continue
        leaves = disclosure.lines("T05", code_length=7)
        personnel = sum((amount(row, "personnel") for row in leaves), ZERO)
        total = sum((amount(row, "total") for row in leaves), ZERO)
        expected.append(
            {
                "fiscal_year": latest,
                "department_code": disclosure.department_code,
                "department_name": truth.department_names[disclosure.department_code],
                "personnel_yuan": personnel,
                "total_yuan": total,
                "personnel_share_pct": percent(personnel, total),
            }
        )
    expected.sort(key=lambda row: (-row["personnel_share_pct"], row["department_code"]))
    assert_rows(rows, expected, percent_columns=("personnel_share_pct",))


@checker("procurement_by_catalogue")
def check_procurement_by_catalogue(rows: Rows, truth: Truth, query: GuideQuery) -> None:
    """表12 lines that name a 采购目录, grouped by year and catalogue entry."""
    groups: dict[tuple[int, str], dict] = {}
    for disclosure in truth.loaded:
        for row in disclosure.lines("T12"):
            catalogue = row["attributes"].get("catalogue")
            if not catalogue:
                continue
            entry = groups.setdefault(
                (disclosure.fiscal_year, catalogue),
                {"lines": 0, "departments": set(), "quantity": ZERO, "amount": ZERO},
            )
            entry["lines"] += 1
            entry["departments"].add(disclosure.department_code)
            entry["quantity"] += amount(row, "quantity")
            entry["amount"] += amount(row, "amount")
    expected = [
        {
            "fiscal_year": year,
            "catalogue": catalogue,
            "procurement_lines": entry["lines"],
            "department_count": len(entry["departments"]),
            "quantity": entry["quantity"],
            "amount_yuan": entry["amount"],
        }
        for (year, catalogue), entry in groups.items()
    ]
    expected.sort(key=lambda row: (row["fiscal_year"], -row["amount_yuan"], row["catalogue"]))
    assert_rows(rows, expected)


def class_totals(truth: Truth, department_code: str) -> dict[int, dict[str, Decimal]]:
    """fiscal year → 类 → Σ 表5 项 totals, for the department's loaded years."""
    years: dict[int, dict[str, Decimal]] = {}
    for disclosure in truth.loaded:
        if disclosure.department_code != department_code:
            continue
        classes: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for row in disclosure.lines("T05", code_length=7):
            classes[row["code"][:3]] += amount(row, "total")
        years[disclosure.fiscal_year] = dict(classes)
    return years


@checker("department_yoy_by_class")
def check_department_yoy_by_class(rows: Rows, truth: Truth, query: GuideQuery) -> None:
    """Per loaded year: every 类 of this or the prior year; prior null if not loaded."""
    department_code = literal(query, r"department_code\s*=\s*'(\d+)'")
    years = class_totals(truth, department_code)
    expected = []
    for year, classes in sorted(years.items()):
        prior = years.get(year - 1)
        for code in sorted(set(classes) | set(prior or {})):
            current_amount = classes.get(code, ZERO)
            prior_amount = prior.get(code, ZERO) if prior is not None else None
            expected.append(
                {
                    "department_code": department_code,
                    "fiscal_year": year,
                    "function_code": code,
                    "function_name": truth.function_name(year, code),
                    "amount_yuan": current_amount,
                    "prior_amount_yuan": prior_amount,
                    "change_yuan": (
                        current_amount - prior_amount if prior_amount is not None else None
                    ),
                    "change_pct": (
                        percent(current_amount - prior_amount, prior_amount)
                        if prior_amount is not None
                        else None
                    ),
                }
            )
    assert any(row["prior_amount_yuan"] is not None for row in expected)
    assert_rows(rows, expected, percent_columns=("change_pct",))


@checker("three_public_rose")
def check_three_public_rose(rows: Rows, truth: Truth, query: GuideQuery) -> None:
    """表13 三公 of consecutive loaded years of a department, where it rose."""
    three_public = {
        (d.fiscal_year, d.department_code): truth.three_public(d)[0]
        for d in truth.loaded
        if truth.three_public(d) is not None
    }
    expected = [
        {
            "fiscal_year": year,
            "department_code": code,
            "department_name": truth.department_names[code],
            "prior_three_public_yuan": three_public[(year - 1, code)],
            "three_public_yuan": value,
            "change_yuan": value - three_public[(year - 1, code)],
        }
        for (year, code), value in three_public.items()
        if (year - 1, code) in three_public and value > three_public[(year - 1, code)]
    ]
    expected.sort(key=lambda row: (row["fiscal_year"], -row["change_yuan"], row["department_code"]))
    assert_rows(rows, expected)


@checker("income_by_source")
def check_income_by_source(rows: Rows, truth: Truth, query: GuideQuery) -> None:
    """表1 income lines mapped to sources (truth.INCOME_SOURCES), summed per year."""
    sources = {normalise_name(label): key for label, key in INCOME_SOURCES.items()}
    groups: dict[tuple[int, str], dict] = {}
    for disclosure in truth.loaded:
        for row in disclosure.rows("T01", section="income"):
            source = sources.get(normalise_name(row["label"] or ""))
            if row["row_kind"] != "line" or source is None:
                continue
            entry = groups.setdefault(
                (disclosure.fiscal_year, source), {"amount": ZERO, "departments": set()}
            )
            entry["amount"] += amount(row, "amount")
            entry["departments"].add(disclosure.department_code)
    expected = [
        {
            "fiscal_year": year,
            "income_source": source,
            "amount_yuan": entry["amount"],
            "department_count": len(entry["departments"]),
        }
        for (year, source), entry in sorted(groups.items())
        if entry["amount"] != 0
    ]
    assert_rows(rows, expected)


@checker("projects_over_threshold")
def check_projects_over_threshold(rows: Rows, truth: Truth, query: GuideQuery) -> None:
    """表10 projects at or above the query's threshold."""
    threshold = Decimal(literal(query, r"amount_yuan\s*>=\s*(\d+(?:\.\d+)?)"))
    expected = [
        {
            "fiscal_year": disclosure.fiscal_year,
            "department_code": disclosure.department_code,
            "department_name": truth.department_names[disclosure.department_code],
            "unit_code": unit_code,
            "project_name": project_name,
            "amount_yuan": value,
        }
        for disclosure in truth.loaded
        for (unit_code, project_name), value in truth.projects(disclosure).items()
        if value >= threshold
    ]
    expected.sort(
        key=lambda row: (
            -row["amount_yuan"],
            row["fiscal_year"],
            row["department_code"],
            row["unit_code"],
            row["project_name"],
        )
    )
    assert_rows(rows, expected)


@checker("wage_share_by_year")
def check_wage_share_by_year(rows: Rows, truth: Truth, query: GuideQuery) -> None:
    """表6 款 (5-digit) rows per year: those under 301 against all."""
    expected = []
    for year, disclosures in truth.by_year():
        leaves = [row for d in disclosures for row in d.lines("T06", code_length=5)]
        wages = sum((amount(row, "total") for row in leaves if row["code"][:3] == "301"), ZERO)
        total = sum((amount(row, "total") for row in leaves), ZERO)
        expected.append(
            {
                "fiscal_year": year,
                "wages_yuan": wages,
                "total_yuan": total,
                "wage_share_pct": percent(wages, total),
            }
        )
    assert_rows(rows, expected, percent_columns=("wage_share_pct",))


@checker("failed_error_rules")
def check_failed_error_rules(rows: Rows, truth: Truth, query: GuideQuery) -> None:
    """Exactly the department-years and rules of the injected error-severity faults."""
    expected_keys = sorted(truth.error_faults())
    actual_keys = [(row["fiscal_year"], row["department_code"], row["rule_id"]) for row in rows]
    assert actual_keys == expected_keys
    for row in rows:
        assert row["department_name"] == truth.department_names[row["department_code"]]
        assert row["failed_comparisons"] >= 1
        assert row["example_message"], f"no message for {row}"


@checker("basic_vs_project_by_kuan")
def check_basic_vs_project_by_kuan(rows: Rows, truth: Truth, query: GuideQuery) -> None:
    """表3 项 rows of the latest year, by first 5 digits: 基本支出 vs 项目支出."""
    latest = max(d.fiscal_year for d in truth.loaded if d.lines("T03", code_length=7))
    groups: dict[str, dict[str, Decimal]] = {}
    for disclosure in truth.loaded:
        if disclosure.fiscal_year != latest:
            continue
        for row in disclosure.lines("T03", code_length=7):
            entry = groups.setdefault(
                row["code"][:5], {"basic_subtotal": ZERO, "project": ZERO, "total": ZERO}
            )
            for measure in entry:
                entry[measure] += amount(row, measure)
    expected = [
        {
            "fiscal_year": latest,
            "kuan_code": code,
            "kuan_name": truth.function_name(latest, code),
            "basic_yuan": entry["basic_subtotal"],
            "project_yuan": entry["project"],
            "total_yuan": entry["total"],
        }
        for code, entry in sorted(groups.items())
    ]
    assert_rows(rows, expected)


@checker("missing_department_years")
def check_missing_department_years(rows: Rows, truth: Truth, query: GuideQuery) -> None:
    """Registry × years with a loaded file, minus the loaded department-years."""
    loaded = truth.loaded_department_years()
    expected = [
        {
            "department_code": code,
            "department_name": name,
            "fiscal_year": year,
        }
        for code, name in sorted(truth.department_names.items())
        for year in truth.loaded_years()
        if (code, year) not in loaded
    ]
    assert_rows(rows, expected)


@checker("quarantined_files")
def check_quarantined_files(rows: Rows, truth: Truth, query: GuideQuery) -> None:
    """Every file the manifest expects quarantined, with a message naming the file."""
    quarantined = {f["path"]: f for f in truth.quarantined_files()}
    assert [row["file_path"] for row in rows] == sorted(quarantined)
    for row in rows:
        expected = quarantined[row["file_path"]]
        assert Path(row["file_path"]).name in row["message"], row
        # Identified where the loader could tell; never a wrong department or year.
        assert row["department_code"] in (None, expected["department_code"]), row
        assert row["fiscal_year"] in (None, expected["fiscal_year"]), row


@checker("source_cells")
def check_source_cells(rows: Rows, truth: Truth, query: GuideQuery) -> None:
    """Each 表5 项 of the department-year: the file's hash, the sheet, the first row printing
    the code, and the cell on that row whose text × unit gives the printed total."""
    department_code = literal(query, r"department_code\s*=\s*'(\d+)'")
    fiscal_year = int(literal(query, r"fiscal_year\s*=\s*(\d{4})"))
    disclosure = truth.disclosure(department_code, fiscal_year)
    table = disclosure.tables["T05"]
    sha256 = file_sha256(truth.raw_dir / disclosure.path)
    first_rows: dict[str, dict] = {}
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for row in disclosure.lines("T05", code_length=7):
        first_rows.setdefault(row["code"], row)
        totals[row["code"]] += amount(row, "total")
    expected = [
        {
            "fiscal_year": fiscal_year,
            "department_code": department_code,
            "function_code": code,
            "total_yuan": totals[code],
            "file_sha256": sha256,
            "sheet": table["sheet"],
            "label": first_rows[code]["label"],
            "unit_multiplier": table["unit_multiplier"],
        }
        for code in sorted(first_rows)
    ]
    assert_rows([{k: row[k] for k in expected[0]} for row in rows], expected)
    for row in rows:
        first_row = first_rows[row["function_code"]]
        cell = re.fullmatch(rf"{re.escape(table['sheet'])}!([A-Z]+)(\d+)", row["cell_ref"])
        assert cell and int(cell.group(2)) == first_row["row_number"], row
        printed = cell_text_value(row["raw_text"]) * table["unit_multiplier"]
        assert printed == amount(first_row, "total"), row
