"""One disclosure workbook, whole: which template it is in, its tables found by title and
read section by section, its fiscal year, department and unit codes.

The department name comes from the cover's 部门名称; when the cover lacks it, from 表14's
主管部门, else from 表10's first unit row (`department_name_source` says which).
"""

from __future__ import annotations

import gc
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from dagster_project.lib.templates import TableSpec, TemplateDefinition, default_templates

from .errors import WorkbookReadError
from .locate import TitleHit, find_catalogue, find_cover, find_titles
from .memo import remembered
from .model import (
    CatalogueEntry,
    CoverInfo,
    ParsedDisclosure,
    ParsedTable,
)
from .normalise import display_text, find_unit, find_year, match_key, unit_in_header
from .reader import SheetGrid, WorkbookGrid, a1, mark_hidden_blanks, read_workbook
from .sections import TableContext, locate_header, read_fields, read_grid, read_pairs

_UNIT_SEARCH_ROWS = 4


def parse_disclosure_workbook(
    path: Path, templates: list[TemplateDefinition] | None = None
) -> ParsedDisclosure:
    """Read one workbook (.xls or .xlsx, told apart by content) with the template whose
    tables it contains. Raises WorkbookReadError for anything it cannot read.

    The cyclic garbage collector is paused while it runs (and left as it was found: a
    caller that paused it keeps it paused). A parse allocates a few thousand objects that
    all live until it returns, and makes no reference cycles of its own; the collections
    they would trigger only walk them, again and again, promoting them to older
    generations (3 % of a parse here, and more in a loader process whose older
    generations hold Dagster's objects). Refcounting frees what a parse drops, as always.
    """
    if not gc.isenabled():
        return _parse_disclosure_workbook(path, templates)
    gc.disable()
    try:
        return _parse_disclosure_workbook(path, templates)
    finally:
        gc.enable()


def _parse_disclosure_workbook(
    path: Path, templates: list[TemplateDefinition] | None
) -> ParsedDisclosure:
    path = Path(path)
    workbook = read_workbook(path)
    candidates = list(templates) if templates is not None else list(default_templates())
    best = None
    for template in candidates:
        if best is not None and best[0] >= len(template.tables):
            continue  # cannot beat the tables already found
        catalogue, catalogue_rows = find_catalogue(workbook, template)
        hits = find_titles(workbook, template, catalogue_rows)
        found = {h.spec.table_id for h in hits if h.spec is not None}
        if best is None or len(found) > best[0]:
            best = (len(found), template, catalogue, hits)
    if best is None or best[0] == 0:
        raise WorkbookReadError(
            "no_template_tables",
            "未找到任何预算公开表（按表名识别）",
            "no disclosure table of a known template was found (by title)",
            file_path=path,
        )
    _, template, catalogue, hits = best
    warnings: list[str] = []
    hits = _label_titles(workbook, template, catalogue, hits, warnings)
    tables = _parse_tables(workbook, template, hits, warnings)
    if _has_gaps(template, tables) and mark_hidden_blanks(workbook):
        # an error cell or an uncalculated formula read as blank: read again, so the
        # amount it holds stops the parse with its cell named
        warnings = []
        tables = _parse_tables(workbook, template, hits, warnings)
    fiscal_year = _fiscal_year(workbook, tables, path, warnings)
    cover = find_cover(workbook, template)
    name, source = _department_name(cover, tables)
    return ParsedDisclosure(
        file_path=path,
        file_sha256=workbook.sha256,
        file_size=workbook.size,
        template_id=template.template_id,
        fiscal_year=fiscal_year,
        department_name=name,
        department_name_source=source,
        cover=cover,
        catalogue=catalogue,
        tables=tables,
        warnings=warnings,
        unit_codes=_unit_codes(template, tables),
    )


def _label_titles(
    workbook: WorkbookGrid,
    template: TemplateDefinition,
    catalogue: list[CatalogueEntry],
    hits: list[TitleHit],
    warnings: list[str],
) -> list[TitleHit]:
    """A table whose title row was deleted but whose "表7" label still heads its sheet:
    the label stands for the title. Only for a table found nowhere else and only a
    label alone in its row (the catalogue's "表7" cells have their titles beside them);
    on a sheet shared with other tables the label also ends the table above it, which
    would otherwise read on into this one. With no label either, a sheet named "表7"
    whose first row is no header (blank, or the unit line) is taken as 表7 from its
    first row."""
    found = {h.spec.table_id for h in hits if h.spec is not None}
    if len(found) == len(template.tables):
        return hits
    titled = {h.sheet.name for h in hits}
    listed = {e.cell_ref.split("!", 1)[0] for e in catalogue}
    by_number = {t.number: t for t in template.tables}
    added: list[TitleHit] = []
    for sheet, r, row in workbook.table_word_rows():
        if sheet.name in listed or not sheet.visible:
            continue
        texts = [(c, v) for c, v in enumerate(row) if v != ""]
        if len(texts) != 1 or type(texts[0][1]) is not str:
            continue
        c, value = texts[0]
        spec = by_number.get(_table_number(match_key(value)))
        if spec is None or spec.table_id in found:
            continue
        found.add(spec.table_id)
        titled.add(sheet.name)
        added.append(TitleHit(spec, sheet, r, c, value))
        warnings.append(
            f"{sheet.ref(r, c)}: {spec.table_id} 无表名，按表号“{value.strip()}”识别 / "
            f"no title, identified by its label {value.strip()!r}"
        )
    for sheet in workbook.sheets:
        if sheet.name in titled or sheet.name in listed or not sheet.visible or not sheet.rows:
            continue
        spec = by_number.get(_table_number(match_key(sheet.name)))
        if spec is None or spec.table_id in found:
            continue
        if len({v for v in sheet.rows[0] if v != ""}) > 1:
            continue  # the header itself: no row above it to stand for the title
        found.add(spec.table_id)
        added.append(TitleHit(spec, sheet, 0, 0, sheet.name))
        warnings.append(
            f"{sheet.ref(0, 0)}: {spec.table_id} 无表名，按工作表名“{sheet.name}”识别 / "
            f"no title, identified by its sheet name {sheet.name!r}"
        )
    if not added:
        return hits
    order = {s.name: i for i, s in enumerate(workbook.sheets)}
    return sorted([*hits, *added], key=lambda h: (order[h.sheet.name], h.row))


_CN_NUMBERS = {n: i + 1 for i, n in enumerate("一二三四五六七八九")}


def _table_number(key: str) -> str:
    """ "表7", "表七", "表十六" → "表7"; anything else → ""."""
    if not _TABLE_LABEL_RE.match(key):
        return ""
    digits = key[1:]
    if digits.isdigit():
        return f"表{int(digits)}"
    tens, _, units = digits.rpartition("十")
    if "十" in digits:
        value = (_CN_NUMBERS.get(tens, 0) if tens else 1) * 10 + _CN_NUMBERS.get(units, 0)
    else:
        value = _CN_NUMBERS.get(digits, 0)
    return f"表{value}" if value else ""


def _parse_tables(
    workbook: WorkbookGrid, template: TemplateDefinition, hits: list[TitleHit], warnings: list[str]
) -> dict[str, ParsedTable]:
    """Each table from its title hit. A table found twice (a hidden working copy, a
    catalogue typed without its 是否空表 header) is read from the visible copy with figures;
    a continuation ("…（续表）", "续表5" on the next sheet) adds its rows to the table."""
    by_sheet: dict[str, list[TitleHit]] = {}
    for hit in hits:
        by_sheet.setdefault(hit.sheet.name, []).append(hit)
    groups: dict[str, list[tuple[TitleHit, int]]] = {}
    previous: TitleHit | None = None
    for hit in hits:
        if hit.spec is None:  # a bare "续表": the table before it goes on
            if previous is None:
                continue
            hit.spec = previous.spec
        previous = hit
        same_sheet = by_sheet[hit.sheet.name]
        following = [h.row for h in same_sheet if h.row > hit.row]
        end = _region_end(hit.sheet, hit.row, min(following)) if following else len(hit.sheet.rows)
        groups.setdefault(hit.spec.table_id, []).append((hit, end))
    tables: dict[str, ParsedTable] = {}
    for table_id, group in groups.items():
        main = [(h, e) for h, e in group if not h.continued] or group[:1]
        if len(main) == 1:
            chosen = main[0][0]
            table = _parse_table(workbook.path, chosen, main[0][1], warnings)
        else:
            chosen, table = _best_copy(workbook.path, main, warnings)
        for hit, end in group:
            if hit is chosen:
                continue
            if not hit.continued:
                warnings.append(
                    f"{hit.sheet.ref(hit.row, hit.col)}: {table_id} 重复出现，已忽略 / "
                    f"{table_id} appears twice, this copy ignored"
                )
                continue
            more = _parse_table(workbook.path, hit, end, warnings, fallback=table)
            table.rows.extend(more.rows)
            warnings.append(
                f"{hit.sheet.ref(hit.row, hit.col)}: {table_id} 续表，{len(more.rows)} 行并入 / "
                f"{table_id} continued here, {len(more.rows)} rows added"
            )
        tables[table_id] = table
    if len(by_sheet) < len(workbook.sheets):
        _untitled_continuations(workbook, hits, tables, warnings)
    order = _table_order(template)
    return dict(sorted(tables.items(), key=lambda item: order[item[0]]))


def _untitled_continuations(
    workbook: WorkbookGrid, hits: list[TitleHit], tables: dict[str, ParsedTable], warnings
) -> None:
    """A sheet with no title that carries on the grid table of the sheet before it: the
    same header, then more rows (a table split over sheets with no 续表 mark). Its rows
    are added when they repeat none of the table's rows (a plain copy is not more rows)."""
    titled = {h.sheet.name for h in hits}
    last: TitleHit | None = None
    by_sheet_last = {}
    for hit in hits:
        by_sheet_last[hit.sheet.name] = hit
    for sheet in workbook.sheets:
        if sheet.name in titled:
            last = by_sheet_last[sheet.name]
            continue
        if last is None or last.spec is None or not sheet.visible:
            continue
        sections = last.spec.sections
        table = tables.get(last.spec.table_id)
        if table is None or len(sections) != 1 or sections[0].kind != "grid":
            continue
        ctx = TableContext(
            workbook.path, sheet, last.spec.table_id, 0, len(sheet.rows),
            table.unit_multiplier, warnings,
        )  # fmt: skip
        header = locate_header(ctx, sections[0], 0)
        if header is None:
            continue
        try:
            rows, _ = read_grid(ctx, sections[0], header, len(sheet.rows))
        except WorkbookReadError:
            # Cells the table's columns cannot hold (表7's function codes read as 表6's
            # economic codes): another table whose title is missing, not more rows.
            continue
        seen = {(r.code, r.label) for r in table.rows}
        if not rows or any((r.code, r.label) in seen for r in rows):
            continue
        table.rows.extend(rows)
        warnings.append(
            f"{sheet.ref(header[0], 0)}: {table.table_id} 无表名的续表，{len(rows)} 行并入 / "
            f"untitled continuation of {table.table_id}, {len(rows)} rows added"
        )
        last = TitleHit(last.spec, sheet, 0, 0, "", continued=True)


def _best_copy(
    path: Path, copies: list[tuple[TitleHit, int]], warnings: list[str]
) -> tuple[TitleHit, ParsedTable]:
    """Of a table's copies, the first visible one with figures (else with rows, else the
    first): a hidden sheet keeps drafts, a catalogue row can look like a title."""
    parsed: list[tuple[tuple, TitleHit, ParsedTable, list[str]]] = []
    error: WorkbookReadError | None = None
    for i, (hit, end) in enumerate(copies):
        notes: list[str] = []
        try:
            table = _parse_table(path, hit, end, notes)
        except WorkbookReadError as exc:
            error = error or exc
            continue
        rank = (hit.sheet.visible, table.has_amounts, bool(table.rows), -i)
        parsed.append((rank, hit, table, notes))
    if not parsed:
        assert error is not None
        raise error
    _, hit, table, notes = max(parsed, key=lambda p: p[0])
    warnings.extend(notes)
    return hit, table


_TABLE_LABEL_RE = re.compile(r"^表\s*[0-9一二三四五六七八九十]+$")


def _region_end(sheet: SheetGrid, title_row: int, next_title_row: int) -> int:
    """A table ends where the next one begins: its title, or the "表10" label and blank
    rows just above that title."""
    end = next_title_row
    while end - 1 > title_row:
        texts = [v for v in sheet.rows[end - 1] if v != ""]
        if texts and not (
            len(texts) == 1
            and isinstance(texts[0], str)
            and _TABLE_LABEL_RE.match(match_key(texts[0]))
        ):
            break
        end -= 1
    return end


_TABLE_ORDERS: dict[int, tuple[TemplateDefinition, dict[str, int]]] = {}


def _table_order(template: TemplateDefinition) -> dict[str, int]:
    """table id → its place in the template (cached per template object, like the
    other per-template caches: templates live for the process)."""
    cached = _TABLE_ORDERS.get(id(template))
    if cached is None or cached[0] is not template:
        order = {t.table_id: i for i, t in enumerate(template.tables)}
        cached = _TABLE_ORDERS[id(template)] = (template, order)
    return cached[1]


def _table_unit(
    sheet: SheetGrid, title_row: int, end: int, spec: TableSpec
) -> tuple[str, int, bool]:
    """The unit stated between the title and the data ("单位：万元"), else one stated in a
    header ("资金金额（万元）"), else the template's default (flagged)."""
    for r in range(title_row, min(end, title_row + _UNIT_SEARCH_ROWS + 1, len(sheet.rows))):
        for value in sheet.rows[r]:
            if type(value) is str and "单位" in value:
                unit = find_unit(value)
                if unit:
                    return unit[0], unit[1], True
    for r in range(title_row + 1, min(end, title_row + 12, len(sheet.rows))):
        for value in sheet.rows[r]:
            if type(value) is str and "元" in value:
                unit = unit_in_header(value)
                if unit:
                    return unit[0], unit[1], True
    default = spec.unit_default
    return default, {"元": 1, "万元": 10000}[default], False


def _parse_table(
    path: Path, hit: TitleHit, end: int, warnings: list[str], fallback: ParsedTable | None = None
) -> ParsedTable:
    """One table's rows; `fallback` is the table a continuation belongs to (its unit
    applies when the continuation states none)."""
    spec, sheet = hit.spec, hit.sheet
    unit_text, multiplier, stated = _table_unit(sheet, hit.row, end, spec)
    if not stated and fallback is not None:
        unit_text, multiplier, stated = fallback.unit_text, fallback.unit_multiplier, True
    if not stated:
        warnings.append(
            f"{sheet.ref(hit.row, hit.col)}: {spec.table_id} 未标明金额单位，按{unit_text}读取 / "
            f"no unit stated, read as {unit_text}"
        )
    ctx = TableContext(path, sheet, spec.table_id, hit.row + 1, end, multiplier, warnings)
    table = ParsedTable(
        table_id=spec.table_id,
        title=display_text(hit.raw),
        title_raw=hit.raw,
        sheet=sheet.name,
        title_cell_ref=sheet.ref(hit.row, hit.col),
        unit_text=unit_text,
        unit_multiplier=multiplier,
        fiscal_year=find_year(hit.raw),
    )
    for start, block_end in _blocks(sheet, spec, hit.row + 1, end):
        inherited: dict[str, tuple[str, str]] = {}
        cursor = start
        for i, section in enumerate(spec.sections):
            if section.kind == "fields":
                next_header = None
                for later in spec.sections[i + 1 :]:
                    found = locate_header(ctx, later, cursor)
                    if found and found[0] < block_end:
                        next_header = found[0]
                        break
                stop = next_header if next_header is not None else block_end
                rows, inherited = read_fields(ctx, section, cursor, stop)
                table.rows.extend(rows)
                cursor = stop
                continue
            header = locate_header(ctx, section, cursor)
            if header is None or header[0] >= block_end:
                warnings.append(
                    f"{sheet.ref(hit.row, hit.col)}: {spec.table_id}/{section.section} "
                    f"未找到表头 / header not found"
                )
                continue
            reader = read_pairs if section.kind == "pairs" else read_grid
            rows, cursor = reader(ctx, section, header, block_end)
            if section.inherit and inherited:
                for row in rows:
                    for name in section.inherit:
                        if name in inherited and name not in row.attributes:
                            row.attributes[name] = inherited[name]
            table.rows.extend(rows)
    return table


def _first_total_blank(table: ParsedTable) -> bool:
    """The table's first total row (合计, 本年收入合计 …) left wholly blank beside figures."""
    for row in table.rows:
        if row.row_kind == "total":
            figures = row.compact_figures()[1]
            return bool(figures) and all(f[4] == "" for f in figures) and table.has_amounts
    return False


def _has_gaps(template: TemplateDefinition, tables: dict[str, ParsedTable]) -> bool:
    """A blank where the figures say a value belongs: a total row left blank in a table
    with figures, or (sections with `total_parts`, 表5-8) a row whose total is not the sum
    of its parts. That is what an Excel error or a formula saved without its value look
    like once read (calamine gives both as empty cells)."""
    # The rows' compact figures (see ParsedRow), so no ParsedAmount is built to check them.
    for table in tables.values():
        sums = _total_parts(template, table.table_id)
        if not sums:
            if _first_total_blank(table):
                return True
            continue
        # A section's rows share one measures tuple (see ParsedRow): where each part
        # sits in it is looked up once per tuple, not per row.
        places: dict[tuple[str, tuple[str, ...]], tuple[int, tuple[int, ...]] | None] = {}
        for row in table.rows:
            names = sums.get(row.section)
            if names is None:
                continue
            measures, figures, _, _ = row.compact_figures()
            place_key = (row.section, measures)
            place = places.get(place_key, False)
            if place is False:
                place = places[place_key] = _part_places(measures, names)
            if place is None:
                continue  # no total column
            total = figures[place[0]]
            if total[0] is None:
                continue
            figure = 0
            for i in place[1]:
                value = figures[i][0]
                if value is not None:
                    figure += value
            if figure != total[0] or (total[4] == "" and row.row_kind == "total"):
                return True
    return False


def _part_places(
    measures: tuple[str, ...], names: tuple[str, ...]
) -> tuple[int, tuple[int, ...]] | None:
    """(index of the total, indexes of the parts present, in `names` order) in a row's
    measures; None when the row has no total. A measure named twice counts as its last
    place, as dict(zip(measures, figures)) would have it."""
    if "total" not in measures:
        return None
    last = {m: i for i, m in enumerate(measures)}
    return last["total"], tuple(last[m] for m in names if m in last)


_TOTAL_PARTS: dict[tuple[int, str], dict[str, tuple[str, ...]]] = {}


def _total_parts(template: TemplateDefinition, table_id: str) -> dict[str, tuple[str, ...]]:
    key = (id(template), table_id)
    found = _TOTAL_PARTS.get(key)
    if found is None:
        spec = template.table(table_id)
        found = {s.section: s.total_parts for s in spec.sections if s.total_parts}
        _TOTAL_PARTS[key] = found
    return found


def _blocks(sheet: SheetGrid, spec: TableSpec, start: int, end: int) -> list[tuple[int, int]]:
    """Row ranges of repeated blocks (one per project in 表14), or the whole table."""
    if not spec.block_split:
        return [(start, end)]
    opens = _block_opener(spec.block_split)
    starts = []
    for r in range(start, min(end, len(sheet.rows))):
        for value in sheet.rows[r]:
            if type(value) is str and value and opens(value):
                starts.append(r)
                break
    if not starts:
        return [(start, end)]
    starts[0] = start
    return list(zip(starts, starts[1:] + [end], strict=True))


_BLOCK_OPENERS: dict[tuple[str, ...], Callable[[str], bool]] = {}


def _block_opener(split_words: tuple[str, ...]) -> Callable[[str], bool]:
    """text → whether the cell starts a block ("项目名称：…"), for one table's words;
    remembered, a form's labels recur in every block and workbook."""
    opens = _BLOCK_OPENERS.get(split_words)
    if opens is None:
        words = tuple(match_key(w) for w in split_words)

        def opens_block(text: str) -> bool:
            return match_key(text).rstrip(":").startswith(words)

        opens = _BLOCK_OPENERS[split_words] = remembered(1 << 14)(opens_block)
    return opens


def _fiscal_year(
    workbook: WorkbookGrid, tables: dict[str, ParsedTable], path: Path, warnings: list[str]
) -> int:
    """The year the table titles agree on. One title with another year (most tables say
    2024, 表8 says 2023) is loaded with a warning and left to rule C4, because dropping a
    whole department-year for one slip loses more than it protects; when no year has a
    majority the workbook's year is unknown and that is an error."""
    years = Counter(t.fiscal_year for t in tables.values() if t.fiscal_year is not None)
    if not years:
        for sheet in workbook.sheets:
            for row in sheet.rows[:6]:
                for value in row:
                    if isinstance(value, str) and (year := find_year(value)):
                        return year
        raise WorkbookReadError(
            "inconsistent_year",
            "表名中没有年度",
            "no table title states the fiscal year",
            file_path=path,
        )
    ranked = years.most_common()
    year = ranked[0][0]
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        # No majority: the workbook's year cannot be told, so nothing can be loaded.
        odd = next(t for t in tables.values() if t.fiscal_year == ranked[1][0])
        raise WorkbookReadError(
            "inconsistent_year",
            f"各表年度不一致（{ranked[0][0]} 与 {ranked[1][0]} 各占一半），"
            f"{odd.table_id} 表名为 {odd.fiscal_year} 年",
            f"tables disagree on the year ({ranked[0][0]} vs {ranked[1][0]}, no majority); "
            f"{odd.table_id} title says {odd.fiscal_year}",
            file_path=path,
            sheet=odd.sheet,
            cell=odd.title_cell_ref.split("!", 1)[1],
        )
    for table in tables.values():
        if table.fiscal_year is not None and table.fiscal_year != year:
            # A minority title (a copy-paste slip): load, keep the table's own year in
            # disclosure_tables so rule C4 flags it, and say so here.
            warnings.append(
                f"{table.title_cell_ref}: {table.table_id} 表名年度 {table.fiscal_year} 与其他表的 "
                f"{year} 不一致 / {table.table_id} title says {table.fiscal_year}, other tables "
                f"say {year}"
            )
    return year


def _department_name(cover: CoverInfo, tables: dict[str, ParsedTable]) -> tuple[str | None, str]:
    if cover.department_name_raw:
        return display_text(cover.department_name_raw), "cover"
    for table_id in ("T14", "T16"):
        for row in tables.get(table_id, ParsedTable("", "", "", "", "", "", 1, None)).rows:
            if "department_name" in row.attributes:
                return display_text(row.attributes["department_name"][0]), table_id
    for row in tables.get("T10", ParsedTable("", "", "", "", "", "", 1, None)).rows:
        if row.row_kind == "line" and row.label:
            return row.label, "T10"
    return None, "none"


def _unit_codes(template: TemplateDefinition, tables: dict[str, ParsedTable]) -> list[str]:
    codes: list[str] = []
    for spec in template.tables:
        table = tables.get(spec.table_id)
        if table is None or not _may_hold_unit_codes(spec):
            continue
        from_codes = spec.unit_codes
        for row in table.rows:
            code = row.code if from_codes else None
            attribute = row.attributes.get("unit_code")
            if code is None and attribute is None:
                continue  # most rows: nothing to look at
            for candidate in (code, attribute and attribute[0]):
                if candidate and candidate.isdigit() and candidate not in codes:
                    codes.append(candidate)
    return codes


_UNIT_CODE_TABLES: dict[int, tuple[TableSpec, bool]] = {}


def _may_hold_unit_codes(spec: TableSpec) -> bool:
    """The table's codes are 单位编码, or one of its sections can give a row a unit_code
    attribute (a column, a code's name, the label, a form field inherited): the other
    tables are not looked at row by row. Cached per spec object, like the other
    per-template structures."""
    cached = _UNIT_CODE_TABLES.get(id(spec))
    if cached is not None and cached[0] is spec:
        return cached[1]
    found = bool(spec.unit_codes)
    for section in spec.sections:
        names = {section.label_attribute, *section.inherit}
        for column in section.attributes:
            names.update((column.name, column.name_attribute))
        found = found or "unit_code" in names
    _UNIT_CODE_TABLES[id(spec)] = (spec, found)
    return found


# Kept importable for callers that build A1 references the same way.
cell_address = a1
