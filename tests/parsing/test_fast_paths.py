"""The parser's shortcuts give what the plain code they replace gives: each test puts a
shortcut beside a straightforward version of the same rule (written here, as the parser
once had it) on inputs made to reach every branch."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

import pytest

from dagster_project.lib.parsing import ParsedRow, ParsedTable, parse_disclosure_workbook
from dagster_project.lib.parsing.disclosure import (
    _first_total_blank,
    _has_gaps,
    _may_hold_unit_codes,
)
from dagster_project.lib.parsing.headers import (
    _contains_long_word,
    _has_number,
    _is_number,
    _long_words,
    vocabulary,
)
from dagster_project.lib.parsing.reader import SheetGrid
from dagster_project.lib.parsing.sections import _first_truthy, _has_non_text, _is_footnote
from dagster_project.lib.templates import default_templates


def _template_vocabularies() -> list[frozenset[str]]:
    vocabs = []
    for template in default_templates():
        for table in template.tables:
            for section in table.sections:
                words = list(section.label) + list(section.header_words)
                for column in section.measures + section.attributes:
                    words += column.headers
                if section.code:
                    words += section.code.headers
                vocabs.append(vocabulary(words))
    return vocabs


@pytest.mark.parametrize("min_len", [2, 4])
def test_contains_long_word_is_any_word_in_key(min_len):
    rng = random.Random(min_len)
    for vocab in _template_vocabularies():
        words = sorted(vocab)
        keys = ["", "合计", "(万元)", "a|b", "项目.*", *words]
        for _ in range(200):  # words inside other text, pieces of words, brackets
            w = rng.choice(words) if words else ""
            keys.append(rng.choice(["", "一、", "(", "其中:"]) + w[: rng.randrange(len(w) + 1)])
            keys.append(w + rng.choice(["", "小计", ")", "合计"]))
        contains = _contains_long_word(vocab, min_len)
        for key in keys:
            expected = any(w in key for w in _long_words(vocab, min_len))
            assert contains(key) == expected, (key, sorted(vocab))


def _filled_row_one_by_one(sheet: SheetGrid, row: int) -> list:
    values = list(sheet.rows[row]) if row < len(sheet.rows) else []
    if len(values) < sheet.width:
        values.extend([""] * (sheet.width - len(values)))
    for (r0, c0), (r1, c1) in sheet.merges:
        if r0 <= row <= r1:
            top_left = sheet.cell(r0, c0)
            for c in range(c0, min(c1, sheet.width - 1) + 1):
                values[c] = top_left
    return values


def test_filled_rows_is_filled_row_of_each_row():
    rng = random.Random(7)
    for _ in range(300):
        height, width = rng.randrange(1, 9), rng.randrange(1, 7)
        rows = [
            tuple(rng.choice(["", "", "合计", "小计", 1.0, "项目"]) for _ in range(width))
            for _ in range(height)
        ]
        merges = []
        for _ in range(rng.randrange(6)):  # overlapping ranges too: the later one wins
            r0, c0 = rng.randrange(height), rng.randrange(width)
            r1, c1 = r0 + rng.randrange(4), c0 + rng.randrange(3)  # may pass the grid's edge
            merges.append(((r0, c0), (r1, c1)))
        sheet = SheetGrid("表1", rows, merges, width=width)
        first = rng.randrange(height + 2)
        last = first + rng.randrange(3)
        expected = [_filled_row_one_by_one(sheet, r) for r in range(first, last + 1)]
        assert sheet.filled_rows(first, last) == expected, (rows, merges, first, last)


def _unit_codes_of_every_row(template, tables) -> list[str]:
    codes: list[str] = []
    for spec in template.tables:
        table = tables.get(spec.table_id)
        if table is None:
            continue
        for row in table.rows:
            candidates = []
            if spec.unit_codes and row.code:
                candidates.append(row.code)
            if "unit_code" in row.attributes:
                candidates.append(row.attributes["unit_code"][0])
            for code in candidates:
                if code.isdigit() and code not in codes:
                    codes.append(code)
    return codes


def test_unit_codes_skip_only_tables_that_cannot_hold_them(seed_workbook_path):
    parsed = parse_disclosure_workbook(seed_workbook_path)
    template = next(t for t in default_templates() if t.template_id == parsed.template_id)
    assert parsed.unit_codes == _unit_codes_of_every_row(template, parsed.tables)
    for table in parsed.tables.values():
        spec = template.table(table.table_id)
        if not _may_hold_unit_codes(spec):
            assert not spec.unit_codes
            assert all("unit_code" not in row.attributes for row in table.rows)


def test_has_number_is_any_cell_a_number():
    cells = ["", "合计", "1", 0, 1, 0.0, 2.5, True, False, datetime.date(2021, 1, 1), None]
    rng = random.Random(3)
    for _ in range(500):
        row = tuple(rng.choice(cells) for _ in range(rng.randrange(6)))
        assert _has_number(row) == any(_is_number(v) for v in row), row


def test_grid_row_tests_are_the_texts_tests():
    """read_grid asks whether a row has a cell that is not text, and whether it may be a
    footnote, without listing the row's texts: the same answers as the texts give."""
    cells = ["", "", "", "合计", "注：本表为空", "备注:", "单位负责人：张三", " ", "a:b"]
    cells += [0, 0.0, 1.5, 3, True, False, datetime.date(2021, 1, 1)]
    rng = random.Random(11)
    for _ in range(5000):
        row = tuple(rng.choice(cells) for _ in range(rng.randrange(1, 7)))
        if row.count("") == len(row):
            continue
        texts = [v for v in row if v.__class__ is str and v]
        filled = len(row) - row.count("")
        assert _has_non_text(row) == (len(texts) < filled), row
        first = _first_truthy(row)
        assert first == next(filter(None, row), None), row
        gate = first.__class__ is str and ("：" in first or ":" in first)
        plain = bool(texts) and ("：" in texts[0] or ":" in texts[0])
        assert (gate and _is_footnote(row)) == (plain and _is_footnote(row)), row


def _has_gaps_by_name(template, tables) -> bool:
    """_has_gaps as it read each row's figures through a name → figure dict."""
    for table in tables.values():
        spec = template.table(table.table_id)
        sums = {s.section: s.total_parts for s in spec.sections if s.total_parts}
        if not sums:
            if _first_total_blank(table):  # not what changed: shared with _has_gaps
                return True
            continue
        for row in table.rows:
            names = sums.get(row.section)
            if names is None:
                continue
            measures, figures, _, _ = row.compact_figures()
            if "total" not in measures:
                continue
            by_name = dict(zip(measures, figures, strict=True))
            total = by_name["total"]
            if total[0] is None:
                continue
            figure = 0
            for m in names:
                f = by_name.get(m)
                if f is not None and f[0] is not None:
                    figure += f[0]
            if figure != total[0] or (total[4] == "" and row.row_kind == "total"):
                return True
    return False


def test_has_gaps_is_the_figures_by_name():
    """_has_gaps finds a row's total and parts by their places in the section's measures
    (looked up once per measures tuple): the same answer as by name, on sections with
    and without a total column, parts missing or withheld, a measure named twice, a
    blank total row, and sums that do or do not add up."""
    template = next(t for t in default_templates() if t.template_id == "shaanxi")
    spec = next(t for t in template.tables if any(s.total_parts for s in t.sections))
    section = next(s for s in spec.sections if s.total_parts)
    layouts = [
        ("total", *section.total_parts),
        (*section.total_parts, "total"),
        ("total", section.total_parts[0]),
        tuple(section.total_parts),
        ("total", "total", *section.total_parts),
        ("total", "other", section.total_parts[-1]),
    ]
    values = [None, Decimal("0.00"), Decimal("1.00"), Decimal("2.00"), Decimal("3.00")]
    rng = random.Random(5)
    for _ in range(3000):
        rows = []
        for n in range(rng.randrange(1, 4)):
            measures = rng.choice(layouts)
            figures = tuple(
                (v, "yuan", v is None, False, rng.choice(["", "1"]) if v is not None else "**", 1)
                for v in (rng.choice(values) for _ in measures)
            )
            rows.append(
                ParsedRow(
                    spec.table_id, rng.choice([section.section, "other"]), n + 1, "表",
                    rng.choice(["line", "total"]), None, None, None, None, f"表!A{n + 1}",
                    {}, measures, figures, tuple("表!B" for _ in measures), str(n + 1),
                )
            )  # fmt: skip
        table = ParsedTable(spec.table_id, "", "", "表", "", "元", 1, None, rows)
        tables = {spec.table_id: table}
        assert _has_gaps(template, tables) == _has_gaps_by_name(template, tables), rows


def test_catalogue_columns_cached_are_the_columns_assigned(seed_workbook_path):
    """find_catalogue keeps the columns it assigns per header text: a workbook read with
    the cache warm gives the catalogue it gives with the cache empty."""
    from dagster_project.lib.parsing import locate
    from dagster_project.lib.parsing.reader import read_workbook

    template = next(t for t in default_templates() if t.template_id == "shaanxi")
    workbook = read_workbook(seed_workbook_path)
    locate._CATALOGUE_CACHE.clear()
    cold = locate.find_catalogue(workbook, template)
    assert cold[0], "the seed workbook has a catalogue"
    warm = locate.find_catalogue(workbook, template)
    assert warm == cold


def test_header_row_verdicts_remembered_are_the_verdicts_computed():
    """The header searches remember their verdict on a row by its value: across rows that
    are equal as tuples but not alike (a True where another row has 1), the remembered
    verdict is what a computation afresh gives."""
    from dagster_project.lib.parsing import headers

    vocab = vocabulary(["项目", "预算数", "合计", "科目编码"])
    totals = frozenset({"合计"})
    cells = ["", "", "项目", "预算数", "合计", "1", 1, 1.0, True, False, "说明"]
    rng = random.Random(5)
    rows = [tuple(rng.choice(cells) for _ in range(rng.randrange(1, 5))) for _ in range(3000)]

    def verdicts(row: tuple) -> tuple:
        sheet = SheetGrid("表", [row], [], width=len(row))
        return (
            headers.find_header_start(sheet, 0, 1, vocab),
            headers._is_continuation(row, vocab, totals),
            headers._under_merged_header(row, totals),
        )

    afresh = []
    for row in rows:
        headers._ROW_VERDICTS.clear()
        afresh.append(verdicts(row))
    headers._ROW_VERDICTS.clear()
    assert [verdicts(row) for row in rows] == afresh


def test_grid_columns_of_a_moved_header_are_the_columns_assigned_afresh():
    """_grid_columns caches a header's column assignment by its text without the leading
    empty columns and moves it: for every grid section of the templates, with headers
    made of its own words (shuffled, some columns empty), the moved assignment is what
    _assign_grid_columns gives the moved header directly."""
    from dagster_project.lib.parsing.headers import alternative_parts
    from dagster_project.lib.parsing.sections import _assign_grid_columns, _grid_columns

    rng = random.Random(13)
    for template in default_templates():
        for table in template.tables:
            for section in table.sections:
                if section.kind != "grid":
                    continue
                alternatives = list(section.label)
                for column in section.measures + section.attributes:
                    alternatives += column.headers
                for column in section.attributes:  # 类/款 parts of a split code
                    alternatives += [a for alts in column.parts for a in alts]
                if section.code:
                    alternatives += section.code.headers
                    alternatives += [a for alts in section.code.parts for a in alts]
                paths = [alternative_parts(a) for a in alternatives if alternative_parts(a)]
                for _ in range(20):
                    header = rng.sample(paths, min(len(paths), rng.randrange(2, 9)))
                    header = [p if rng.random() > 0.15 else () for p in header]
                    for lead in (0, 1, 3):
                        moved = tuple([()] * lead + header)
                        assert _grid_columns(section, moved) == _assign_grid_columns(
                            section, moved
                        ), (table.table_id, section.section, moved)
