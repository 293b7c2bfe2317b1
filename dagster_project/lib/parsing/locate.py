"""Finding what is where: table titles (by their words, on any sheet, at any offset,
several per sheet), the catalogue (目录) and the cover fields.

The catalogue repeats every title, so its rows are found first and never taken for a
table. A cell is a title when its text ends like a title ("…表", "…表（不含上年结转）"),
stands nearly alone in its row, and fits exactly one table's title words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dagster_project.lib.templates import TableSpec, TemplateDefinition

from .headers import assign_columns, column_paths, find_header_end, find_header_start, vocabulary
from .model import CatalogueEntry, CoverInfo
from .normalise import clean_text, match_key
from .reader import SheetGrid, WorkbookGrid

_TITLE_END_RE = re.compile(r"表(\(.*\))?$")
_TABLE_NO_RE = re.compile(r"^表(\d+)")


# A continuation marker without the title's words: "续表5", "表5（续）", "表5续表", "续表".
_CONTINUED_RE = re.compile(r"^(?:续表(\d*)|表(\d+)\(?续表?\)?)$")


@dataclass
class TitleHit:
    spec: TableSpec | None  # None: a bare "续表", continuing the table before it
    sheet: SheetGrid
    row: int
    col: int
    raw: str
    continued: bool = False  # "…明细表（续表）", "续表5": more rows of a table begun earlier


_TITLE_CACHE: dict[int, tuple[TemplateDefinition, dict[str, TableSpec | None]]] = {}


def table_for_title(template: TemplateDefinition, key: str) -> TableSpec | None:
    """The first of the template's tables whose title words `key` (a match_key) fits;
    memoised per template, titles being worded alike across workbooks."""
    cached = _TITLE_CACHE.get(id(template))
    if cached is None or cached[0] is not template:
        cached = (template, {})
        _TITLE_CACHE[id(template)] = cached
    memo = cached[1]
    if key not in memo:
        if len(memo) > 4096:
            memo.clear()
        memo[key] = next((t for t in template.tables if t.title_matches(key)), None)
    return memo[key]


def find_catalogue(
    workbook: WorkbookGrid, template: TemplateDefinition
) -> tuple[list[CatalogueEntry], set[tuple[str, int]]]:
    """Catalogue rows and the (sheet, row) pairs they occupy."""
    header = template.catalogue_header
    if not header:
        return [], set()
    vocab, required, columns = _catalogue_words(template)
    for sheet, r, row in workbook.table_word_rows():  # 空表 holds 表
        for v in row:
            if type(v) is str and "空表" in v:
                break
        else:
            continue
        keys = {match_key(v) for v in row if isinstance(v, str)}
        if not any(w in k for k in keys for w in required):  # "是否空表(是/否)" too
            continue
        first = find_header_start(sheet, r, r + 1, vocab)
        if first is None:
            continue
        last = find_header_end(sheet, first, len(sheet.rows), vocab, frozenset())
        paths = column_paths(sheet, first, last)
        cols = columns.get(paths)
        if cols is None:
            if len(columns) > 4096:
                columns.clear()
            cols = columns[paths] = assign_columns(list(header.items()), paths)
        return _catalogue_rows(sheet, last + 1, cols, template)
    return [], set()


_CATALOGUE_CACHE: dict[int, tuple[TemplateDefinition, tuple]] = {}


def _catalogue_words(
    template: TemplateDefinition,
) -> tuple[frozenset[str], set[str], dict[tuple, dict[str, int]]]:
    """The catalogue header's vocabulary, the 是否空表 words, and the columns assigned per
    header (column paths → assign_columns): pure in the template's catalogue header and
    the header text, which recurs in every workbook; cached per template object
    (templates live for the process), the columns bounded like the grid plans."""
    cached = _CATALOGUE_CACHE.get(id(template))
    if cached is None or cached[0] is not template:
        header = template.catalogue_header
        words = (
            vocabulary(w for words in header.values() for w in words),
            {match_key(w) for w in header.get("is_empty", ())},
            {},
        )
        cached = _CATALOGUE_CACHE[id(template)] = (template, words)
    return cached[1]


def _catalogue_rows(
    sheet: SheetGrid, start: int, cols: dict[str, int], template: TemplateDefinition
) -> tuple[list[CatalogueEntry], set[tuple[str, int]]]:
    entries, used = [], set()
    title_col, no_col = cols.get("listed_title"), cols.get("table_no")
    by_number = {match_key(t.number): t for t in template.tables if t.number}
    for r in range(start, len(sheet.rows)):
        title = clean_text(sheet.cell(r, title_col)) if title_col is not None else ""
        number = clean_text(sheet.cell(r, no_col)) if no_col is not None else ""
        if not title and not number:
            if entries:
                break
            continue
        if title.startswith(("注", "备注")) or number.startswith(("注", "备注")):
            break
        spec = None
        m = _TABLE_NO_RE.match(match_key(number))
        if m:
            spec = by_number.get(match_key(number)[: m.end()])
        if spec is None and title:
            spec = table_for_title(template, match_key(title))
        empty_text = clean_text(sheet.cell(r, cols["is_empty"])) if "is_empty" in cols else ""
        reason = clean_text(sheet.cell(r, cols["empty_reason"])) if "empty_reason" in cols else ""
        entries.append(
            CatalogueEntry(
                table_id=spec.table_id if spec else None,
                listed_title=title or number,
                is_empty=_empty_answer(empty_text),
                empty_reason=reason or None,
                cell_ref=sheet.ref(r, title_col if title_col is not None else 0),
            )
        )
        used.add((sheet.name, r))
    return entries, used


def _empty_answer(text: str) -> bool | None:
    """The 是否空表 cell: 是 → True, 否 → False, also with a note ("是（空表）"), as the
    words 空表/非空表, or as a tick or cross; anything else (blank) → None."""
    key = match_key(text)
    if not key:
        return None
    if key[0] in "是√✓✔" or key == "空表":
        return True
    if key[0] in "否×✗✘" or key.startswith("非空"):
        return False
    return None


def find_titles(
    workbook: WorkbookGrid, template: TemplateDefinition, skip: set[tuple[str, int]]
) -> list[TitleHit]:
    """Every table title in sheet order; the first hit per table wins later."""
    hits: list[TitleHit] = []
    for sheet, r, row in workbook.table_word_rows():  # a title holds 表
        if (sheet.name, r) in skip:
            continue
        texts = [(c, v) for c, v in enumerate(row) if v != ""]
        if len({str(v) for _, v in texts}) > 3:
            continue
        for c, value in texts:
            if not isinstance(value, str) or "表" not in value:
                continue
            key = match_key(value)
            if "续" in key and (m := _CONTINUED_RE.match(key)):
                number = m.group(1) or m.group(2)
                spec = None
                if number:
                    spec = next((t for t in template.tables if t.number == f"表{number}"), None)
                    if spec is None:
                        continue
                hits.append(TitleHit(spec, sheet, r, c, value, continued=True))
                break
            if not _TITLE_END_RE.search(key):
                # the unit typed into the title cell: "…明细表  单位：万元"
                cut = key.rfind("单位")
                if cut <= 0 or not _TITLE_END_RE.search(key[:cut].rstrip("(")):
                    continue
                key = key[:cut].rstrip("(")
            spec = table_for_title(template, key)
            if spec is not None:
                hits.append(TitleHit(spec, sheet, r, c, value, continued="续" in key))
                break
    return hits


def find_cover(workbook: WorkbookGrid, template: TemplateDefinition) -> CoverInfo:
    """Cover fields "部门名称：X" (value after the colon or in the next filled cell)."""
    values: dict[str, tuple[str, str]] = {}
    wanted = {name: [match_key(w) for w in words] for name, words in template.cover_fields.items()}
    for sheet in workbook.sheets:
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                if not isinstance(value, str) or not value:
                    continue
                key = match_key(value)
                for name, words in wanted.items():
                    if name in values:
                        continue
                    word = next((w for w in words if key.startswith(w)), None)
                    if word is None:
                        continue
                    rest = key[len(word) :]
                    if rest.startswith("(") and ")" in rest:  # "部门名称（盖章）："
                        rest = rest[rest.index(")") + 1 :]
                    if rest and not rest.startswith(":"):
                        continue
                    found = _cover_value(sheet, r, c, value)
                    if found:
                        values[name] = found
                    break
            if len(values) == len(wanted):
                break
        if len(values) == len(wanted):
            break
    name = values.get("department_name")
    return CoverInfo(
        department_name_raw=name[0] if name else None,
        secrecy_review=values.get("secrecy_review", (None,))[0],
        head_signoff=values.get("head_signoff", (None,))[0],
        cell_ref=name[1] if name else None,
    )


# A stamp note after the name: "陕西省政务服务中心（盖章）".
_STAMP_RE = re.compile(r"\s*[(（]\s*(?:盖章|公章|签章|章)\s*[)）]\s*$")
# A cover line holds a label and its value (two pairs at most); a row with more filled
# cells is a table header, whose "单位名称" column heads no department name.
_COVER_ROW_CELLS = 4


def _cover_value(sheet: SheetGrid, r: int, c: int, value: str) -> tuple[str, str] | None:
    text = value.strip()
    for sep in ("：", ":"):
        if sep in text:
            after = _STAMP_RE.sub("", text.split(sep, 1)[1].strip())
            if after:
                return after, sheet.ref(r, c)
    row = sheet.rows[r]
    if len(row) - row.count("") > _COVER_ROW_CELLS:
        return None
    for cc in range(sheet.merge_end(r, c)[1] + 1, len(row)):
        if row[cc] != "":
            return _STAMP_RE.sub("", clean_text(row[cc])), sheet.ref(r, cc)
    return None
