"""Reading the rows of one table section, for the three layouts the templates use:

- grid: one header, then one row per line (codes, labels, measure columns);
- pairs: side-by-side label|amount column pairs (表1/表4/表9: income | three views);
- fields: label → value forms (表14/表16 project funds: "实施期资金总额: 807.69").

Every amount keeps its sheet cell, raw text and unit; an amount cell that is not a
number stops the parse with the cell named, because a silently skipped figure would
break every sum downstream.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain
from pathlib import Path

from dagster_project.lib.templates import CodeSpec, ColumnSpec, SectionSpec

from .errors import WorkbookReadError
from .headers import (
    assign_columns,
    column_paths,
    find_header_end,
    find_header_start,
    is_header_words,
    vocabulary,
)
from .memo import remembered
from .model import AmountFields, ParsedRow
from .normalise import (
    CENT,
    MalformedCode,
    NotANumber,
    amount_fields,
    amount_memo,
    clean_text,
    code_level,
    code_text,
    join_code_parts,
    match_key,
    normalise_code,
    normalise_label,
    split_leading_code,
)
from .reader import SheetGrid, a1, cell_indents

TOTAL_WORDS = frozenset(
    match_key(w)
    for w in (
        "合计",
        "总计",
        "小计",
        "金额合计",
        "本年收入合计",
        "本年支出合计",
        "收入总计",
        "支出总计",
        "收入合计",
        "支出合计",
    )
)
# Lines below a table that are not rows of it: notes ("注：", "填表说明：", "数据来源：")
# and the sign-off line ("单位负责人：  财务负责人：  填表人：  报送日期：").
_FOOTNOTE_RE = re.compile(
    r"^(?:注|备注|说明|填表说明|附注|数据来源|资料来源"
    r"|[^:：]{0,8}?(?:负责人|填表人|制表人|审核人|复核人|经办人|填报人|联系人|联系电话"
    r"|报送日期|填报日期|制表日期|填表日期|编制日期))\s*\d*\s*[:：]"
)


@dataclass
class TableContext:
    """What a section reader needs to know about the table it is in."""

    file_path: Path
    sheet: SheetGrid
    table_id: str
    start: int  # first row after the title
    end: int  # first row after the table
    unit_multiplier: int
    warnings: list[str] = field(default_factory=list)

    def non_numeric(self, row: int, col: int, raw: str) -> WorkbookReadError:
        if raw.startswith("="):  # see reader._mark_hidden_blanks
            zh = f"公式未保存计算结果：{raw!r}，请在 Excel/WPS 中打开并保存后重新发送"
            en = f"formula saved without its computed value: {raw!r} (open and save the file)"
        else:
            zh, en = f"金额无法识别：{raw!r}", f"amount is not a number: {raw!r}"
        return WorkbookReadError(
            "non_numeric_amount",
            zh,
            en,
            file_path=self.file_path,
            sheet=self.sheet.name,
            cell=a1(row, col),
        )

    def malformed(self, row: int, col: int, text: str, kind: str) -> WorkbookReadError:
        return WorkbookReadError(
            "malformed_code",
            f"编码格式错误：{text!r}（{kind}）",
            f"malformed {kind} code: {text!r}",
            file_path=self.file_path,
            sheet=self.sheet.name,
            cell=a1(row, col),
        )

    def blank_figure(self) -> AmountFields:
        """A form field with no value cell at all (an empty 表16): zero, blank."""
        return Decimal(0).quantize(CENT), "yuan", False, True, "", self.unit_multiplier

    def figure_of(self, value: str, row: int, col: int) -> AmountFields:
        """The money figure in a text typed in cell (row, col) beside its label."""
        try:
            return amount_fields(value, self.unit_multiplier, False)
        except NotANumber as exc:
            raise self.non_numeric(row, col, value) from exc

    def figure(self, row: int, col: int) -> AmountFields:
        """The money figure in a cell: amount_cell's fields, without the reference."""
        cells = self.sheet.rows[row] if row < len(self.sheet.rows) else ()
        value = cells[col] if col < len(cells) else ""
        try:
            f = amount_memo(self.unit_multiplier, False).get(value)
            if f is None or type(value) is bool:
                f = amount_fields(value, self.unit_multiplier, False)
            return f
        except NotANumber as exc:
            raise self.non_numeric(row, col, str(value)) from exc


def _row_kind(label_key: str, code: str | None) -> str:
    if code is None and label_key and (label_key in TOTAL_WORDS or label_key.endswith("总计")):
        return "total"
    if code is None and label_key.endswith("合计"):
        return "total"
    return "line"


@remembered(1 << 14)
def _label_of(label_raw: str) -> tuple[str, str, str]:
    """(label, its match key, row kind when the row has no code) of a non-empty label
    cell; labels recur in every workbook (科目 names, 收入/支出 items)."""
    label = normalise_label(label_raw)
    key = match_key(label) if label else ""
    if key.endswith(":") and _row_kind(key[:-1], None) == "total":
        # "合计：": the colon of a label typed like a form field, not part of the word
        label, key = label[:-1], key[:-1]
    return label, key, _row_kind(key, None)


# The row tests read_grid and read_pairs make of every row, as loops: once compiled (see
# _compiled) a loop of pointer compares and truth tests beats a set test over map(type,
# row) or next(filter(None, row)), which build an iterator object per row.
def _has_non_text(row: tuple) -> bool:
    """Any cell not text: a figure, in practice."""
    for v in row:
        if type(v) is not str:
            return True
    return False


def _first_truthy(row: tuple) -> object:
    """next(filter(None, row), None)."""
    for v in row:
        if v:
            return v
    return None


def _is_footnote(row: list) -> bool:
    # The first truthy cell is the first filled one unless a 0 comes first (then it is no
    # footnote either), so a row whose first truthy cell cannot start a footnote is out.
    first = _first_truthy(row)
    if type(first) is not str or not ("：" in first or ":" in first):
        return False
    texts = [v for v in row if v != ""]
    if not texts or not isinstance(texts[0], str):
        return False
    return bool(_FOOTNOTE_RE.match(texts[0].strip()))


_VOCAB_CACHE: dict[int, tuple[SectionSpec, frozenset[str]]] = {}


def _section_vocab(spec: SectionSpec) -> frozenset[str]:
    """All header words of a section (cached per spec object: templates live for the
    process)."""
    cached = _VOCAB_CACHE.get(id(spec))
    if cached is not None and cached[0] is spec:
        return cached[1]
    vocab = _build_vocab(spec)
    _VOCAB_CACHE[id(spec)] = (spec, vocab)
    return vocab


def _build_vocab(spec: SectionSpec) -> frozenset[str]:
    alternatives: list[str] = list(spec.label) + list(spec.header_words)
    for col in spec.measures + spec.attributes:
        alternatives += col.headers
        for part in col.parts:
            alternatives += part
    if spec.code:
        alternatives += spec.code.headers
        for part in spec.code.parts:
            alternatives += part
    for pair in spec.pairs:
        alternatives += list(pair.get("label", ())) + list(pair.get("amount", ()))
    return vocabulary(alternatives)


def locate_header(ctx: TableContext, spec: SectionSpec, start: int) -> tuple[int, int] | None:
    vocab = _section_vocab(spec)
    first = find_header_start(ctx.sheet, start, ctx.end, vocab)
    if first is None:
        return None
    return first, find_header_end(ctx.sheet, first, ctx.end, vocab, TOTAL_WORDS)


@dataclass
class GridColumns:
    code: int | None = None
    code_parts: list[int] = field(default_factory=list)
    label: int | None = None
    measures: dict[str, int] = field(default_factory=dict)
    attributes: dict[str, int] = field(default_factory=dict)
    attribute_parts: dict[str, list[int]] = field(default_factory=dict)


@dataclass(slots=True)
class _GridPlan:
    """What read_grid derives from a section spec and the column paths of the header it
    found; none of it depends on the sheet or the rows, so it is built once per header
    layout (see _grid_plan). Column references still need the sheet's name."""

    cols: GridColumns
    vocab: frozenset[str]
    measures: list[tuple[str, int, bool]]  # (name, column, is a count)
    attributes: list[tuple[str, int]]  # (name, column)
    # code attributes whose cell may also hold the name: name → (lengths, name attribute)
    named_codes: dict[str, tuple[tuple[int, ...], str]]
    attribute_parts: list[tuple[str, list[int], list[int]]]  # (name, columns, widths)
    code_cols: set[int]
    first_col: int  # the row's first cell: the leftmost of its label and code columns
    code_spec: CodeSpec | None  # codes read from code columns
    code_col: int | None  # the one code column (codes not split over 类/款/项)
    leading_code: CodeSpec | None  # no code column: a code may lead the label
    # code length → level (code_level); only lengths a code may have, so a code of
    # another length or a spec without lengths takes the general path.
    code_levels: dict[int, int]
    levelled: CodeSpec | None  # a code with levels: may show only as indentation
    end_keys: frozenset[str]
    stop_keys: frozenset[str]
    merged_cols: frozenset[int]  # code, label and attribute columns: see _merged_down
    width: int  # columns a row must have for every column above (short rows are padded)


_PLAN_CACHE: dict[tuple, tuple[SectionSpec, _GridPlan | None]] = {}


def _grid_plan(spec: SectionSpec, paths: tuple[tuple[str, ...], ...]) -> _GridPlan | None:
    """read_grid's plan for a header, None when it has neither measures nor a label.
    Pure in the spec and the header text, and the same header recurs in every workbook
    of a corpus, so cached per spec object (templates live for the process) and paths."""
    key = (id(spec), paths)
    cached = _PLAN_CACHE.get(key)
    if cached is not None and cached[0] is spec:
        return cached[1]
    if len(_PLAN_CACHE) > 4096:
        _PLAN_CACHE.clear()
    plan = _build_grid_plan(spec, _grid_columns(spec, paths))
    _PLAN_CACHE[key] = (spec, plan)
    return plan


_COLUMNS_CACHE: dict[tuple, tuple[SectionSpec, GridColumns]] = {}


def _grid_columns(spec: SectionSpec, paths: tuple[tuple[str, ...], ...]) -> GridColumns:
    """_assign_grid_columns, cached by the header's text less its leading empty columns: a
    table pasted further right (departments move them a column or three) is the same
    assignment moved, and scoring every alternative against every column is most of what
    a new plan costs. An empty column matches nothing and ties break in column order,
    which a move keeps (tested against assigning afresh)."""
    lead = 0
    while lead < len(paths) and not paths[lead]:
        lead += 1
    key = (id(spec), paths[lead:])
    cached = _COLUMNS_CACHE.get(key)
    if cached is None or cached[0] is not spec:
        if len(_COLUMNS_CACHE) > 4096:
            _COLUMNS_CACHE.clear()
        cached = _COLUMNS_CACHE[key] = (spec, _assign_grid_columns(spec, paths[lead:]))
    return _moved(cached[1], lead) if lead else cached[1]


def _moved(cols: GridColumns, by: int) -> GridColumns:
    """The same columns, `by` places to the right."""
    return GridColumns(
        code=None if cols.code is None else cols.code + by,
        code_parts=[c + by for c in cols.code_parts],
        label=None if cols.label is None else cols.label + by,
        measures={name: c + by for name, c in cols.measures.items()},
        attributes={name: c + by for name, c in cols.attributes.items()},
        attribute_parts={name: [c + by for c in cs] for name, cs in cols.attribute_parts.items()},
    )


def _build_grid_plan(spec: SectionSpec, cols: GridColumns) -> _GridPlan | None:
    if not cols.measures and cols.label is None:
        return None
    units = {m.name: m.unit for m in spec.measures}
    code_cols = set(cols.code_parts) | ({cols.code} if cols.code is not None else set())
    code_spec = spec.code if spec.code and code_cols else None
    code_levels: dict[int, int] = {}
    for i, n in enumerate(code_spec.lengths if code_spec is not None else ()):
        code_levels.setdefault(n, i + 1)
    return _GridPlan(
        cols=cols,
        vocab=_section_vocab(spec),
        measures=[(name, c, units[name] == "count") for name, c in cols.measures.items()],
        attributes=list(cols.attributes.items()),
        named_codes={
            a.name: (a.code_lengths, a.name_attribute)
            for a in spec.attributes
            if a.name_attribute and a.name in cols.attributes
        },
        attribute_parts=[
            (
                name,
                parts,
                list(next(a.widths for a in spec.attributes if a.name == name)[: len(parts)]),
            )
            for name, parts in cols.attribute_parts.items()
        ],
        code_cols=code_cols,
        first_col=min([c for c in [cols.label, *code_cols] if c is not None], default=0),
        code_spec=code_spec,
        code_col=cols.code if code_spec is not None and not cols.code_parts else None,
        leading_code=spec.code if spec.code and not code_cols else None,
        code_levels=code_levels,
        levelled=spec.code if spec.code and spec.code.lengths else None,
        end_keys=frozenset(match_key(w) for w in spec.end_words),
        stop_keys=frozenset(match_key(w) for w in spec.stop_words),
        merged_cols=frozenset(
            [*code_cols, *cols.attributes.values(), *chain(*cols.attribute_parts.values())]
            + ([cols.label] if cols.label is not None else [])
        ),
        width=1
        + max(
            [*code_cols, *cols.measures.values(), *cols.attributes.values()]
            + [*chain(*cols.attribute_parts.values())]
            + ([cols.label] if cols.label is not None else []),
            default=-1,
        ),
    )


def _assign_grid_columns(spec: SectionSpec, paths: tuple[tuple[str, ...], ...]) -> GridColumns:
    specs: list[tuple[str, tuple[str, ...]]] = []
    code = spec.code
    if code:
        specs += [(f"code.part{i}", alts) for i, alts in enumerate(code.parts)]
        specs.append(("code", code.headers))
    for col in spec.attributes:
        specs += [(f"attr.{col.name}.part{i}", alts) for i, alts in enumerate(col.parts)]
    for col in spec.measures:
        specs.append((f"measure.{col.name}", col.headers))
    if spec.label:
        specs.append(("label", spec.label))
    for col in spec.attributes:
        specs.append((f"attr.{col.name}", col.headers))
    chosen = assign_columns(specs, paths)
    cols = GridColumns(label=chosen.get("label"))
    if code:
        parts = [chosen.get(f"code.part{i}") for i in range(len(code.parts))]
        if len(parts) >= 2 and parts[0] is not None and parts[1] is not None:
            cols.code_parts = [p for p in parts if p is not None]
        else:
            cols.code = chosen.get("code")
    for col in spec.measures:
        if f"measure.{col.name}" in chosen:
            cols.measures[col.name] = chosen[f"measure.{col.name}"]
    for col in spec.attributes:
        parts = [chosen.get(f"attr.{col.name}.part{i}") for i in range(len(col.parts))]
        if len(parts) >= 2 and parts[0] is not None and parts[1] is not None:
            cols.attribute_parts[col.name] = [p for p in parts if p is not None]
        elif f"attr.{col.name}" in chosen:
            cols.attributes[col.name] = chosen[f"attr.{col.name}"]
    return cols


def _parent_warning(cell_ref: str, code: str, parent: str) -> str:
    """A code that does not start with the code of the level above it."""
    return (
        f"{cell_ref}: 编码 {code} 与上级编码 {parent} 不符 / "
        f"code {code} does not start with its parent {parent}"
    )


_REFS_CACHE: dict[tuple[int, str], tuple] = {}


def _grid_refs(plan: _GridPlan, sheet: SheetGrid) -> tuple:
    """read_grid's per-column lists for one plan on one sheet: measure names, measure cell
    prefixes, (column, is a count) per measure, (name, column, prefix) per attribute,
    (name, columns, widths, prefix) per split attribute, and the row's first, label and
    code cell prefixes. A cell reference is a column prefix ("表5!C") + the row number; a
    row's figures are stored compact (see ParsedRow) with the names and prefixes shared
    by the section's rows. Pure in the plan and the sheet's name, and a corpus repeats
    both, so cached (bounded like the plan cache; the plan is kept to check identity)."""
    key = (id(plan), sheet.name)
    cached = _REFS_CACHE.get(key)
    if cached is not None and cached[0] is plan:
        return cached[1]
    if len(_REFS_CACHE) > 4096:
        _REFS_CACHE.clear()
    prefix = sheet.ref_prefix
    first_prefix = prefix(plan.first_col)
    label_col = plan.cols.label
    refs = (
        # lists turned tuples, not generator expressions: a compiled generator is an
        # object per call (see _compiled)
        tuple([name for name, _, _ in plan.measures]),
        tuple([prefix(c) for _, c, _ in plan.measures]),
        tuple([(c, count) for _, c, count in plan.measures]),
        tuple([(name, c, prefix(c)) for name, c in plan.attributes]),
        tuple([(n, parts, widths, prefix(parts[0])) for n, parts, widths in plan.attribute_parts]),
        first_prefix,
        prefix(label_col) if label_col is not None else first_prefix,
        prefix(min(plan.code_cols)) if plan.code_cols else "",
    )
    _REFS_CACHE[key] = (plan, refs)
    return refs


def read_grid(
    ctx: TableContext, spec: SectionSpec, header: tuple[int, int], end: int
) -> tuple[list[ParsedRow], int]:
    """Rows of a grid section below `header`, up to `end`; returns the rows and the row
    after the last one consumed."""
    sheet = ctx.sheet
    plan = _grid_plan(spec, column_paths(sheet, header[0], header[1]))
    if plan is None:
        return [], header[1] + 1
    cols, vocab = plan.cols, plan.vocab
    label_col = cols.label
    code_spec, code_col, code_levels = plan.code_spec, plan.code_col, plan.code_levels
    leading_code, levelled = plan.leading_code, plan.levelled
    end_keys, stop_keys, width = plan.end_keys, plan.stop_keys, plan.width
    check_parent = spec.code is not None and spec.code.check_parent
    lineage: dict[int, str] = {}  # level → the last code seen at that level
    depth = len(spec.code.lengths) if spec.code is not None else 0
    carried: dict[str, tuple[str, str]] = {}
    rows: list[ParsedRow] = []
    # A header repeated after a page break, parent rows above the matched header included.
    header_signatures = {
        _row_signature(tuple(sheet.rows[i]))
        for i in range(max(ctx.start, header[0] - 2), header[1] + 1)
    } - {frozenset()}
    mult = ctx.unit_multiplier
    (
        measure_names, measure_heads, measure_cols, attribute_cols, attribute_parts,
        first_prefix, label_prefix, code_prefix,
    ) = _grid_refs(plan, sheet)  # fmt: skip
    measure_memos = [(c, count, amount_memo(mult, count).get) for c, count in measure_cols]
    named_codes = plan.named_codes
    carry_down, label_attribute = spec.carry_down, spec.label_attribute
    # code-less line rows of a coded section: (index in rows, indentation, sheet row)
    indented: list[tuple[int, int, int]] = []
    codes_seen = False
    table_id, section, sheet_name = ctx.table_id, spec.section, sheet.name
    grid = sheet.rows
    r = header[1] + 1
    stop = min(end, len(grid))
    fill_down = _merged_down(sheet, r, stop, plan.merged_cols) if sheet.merges else {}
    while r < stop:
        raw = grid[r]
        if fill_down and r in fill_down:
            raw = list(raw)
            for c, v in fill_down[r]:
                if c >= len(raw):
                    raw.extend([""] * (c + 1 - len(raw)))
                raw[c] = v
        r += 1
        nraw = len(raw)
        if nraw < width:  # a short row reads as blank beyond its end
            raw = [*raw, *[""] * (width - nraw)]
            nraw = width
        if raw.count("") == nraw:
            continue
        has_number = _has_non_text(raw)
        # _is_footnote starts from the first truthy cell: only a text with a colon can be one
        first = _first_truthy(raw)
        if type(first) is str and ("：" in first or ":" in first) and _is_footnote(raw):
            break
        texts = None  # the row's non-empty texts, listed only for the rows that need them
        if stop_keys or not has_number:
            texts = [v for v in raw if type(v) is str and v]
            keys = frozenset(map(match_key, texts))
            if "" in keys:
                keys -= _NO_KEY
            if stop_keys & keys:
                break
            if not has_number:
                if keys in header_signatures:
                    continue
                if is_header_words(keys, vocab):  # find_header_start on this one row
                    r = find_header_end(sheet, r - 1, end, vocab, TOTAL_WORDS) + 1
                    continue
        row_index = r - 1
        rn = str(r)
        if label_col is not None:
            v = raw[label_col]
            label_raw = v.strip() if type(v) is str else clean_text(v)
        else:
            label_raw = ""
        code, level = None, None
        if code_spec is not None:
            v = raw[code_col] if code_col is not None else None
            if type(v) is str and v.isascii() and v.isdigit() and len(v) in code_levels:
                code = v  # the usual code cell; _read_code's first short path, inlined
            else:
                code, label_raw = _read_code(ctx, code_spec, cols, row_index, label_raw, raw)
            if code is not None:
                level = code_levels.get(len(code))
                if check_parent and level is not None:
                    # parent and child codes agree down the table: a 项 starts with its 款
                    parent = lineage.get(level - 1)
                    if parent and not code.startswith(parent):
                        ctx.warnings.append(_parent_warning(code_prefix + rn, code, parent))
                    lineage[level] = code
                    if level < depth:
                        for deeper in range(level + 1, depth + 1):
                            lineage.pop(deeper, None)
        elif leading_code is not None and label_raw:
            found = split_leading_code(label_raw, leading_code.lengths)
            if found is not None:
                code, label_raw = found
                level = code_level(code, leading_code.lengths)
        label, label_key, kind = _label_of(label_raw) if label_raw else ("", "", "line")
        if not label_key:
            # a total row whose 合计 sits in another column (merged over code and label)
            if texts is None:
                texts = [v for v in raw if type(v) is str and v]
            for v in texts:
                k = match_key(v)
                if k in TOTAL_WORDS or k in end_keys:
                    label_raw, label, label_key = clean_text(v), normalise_label(v), k
                    kind = _row_kind(k, None)
                    break
        attributes: dict[str, tuple[str, str]] = {}
        for name, c, ref_prefix in attribute_cols:
            v = raw[c]
            text = v.strip() if type(v) is str else clean_text(v)
            if text:
                attributes[name] = (text, ref_prefix + rn)
        if named_codes:
            _split_named_codes(attributes, named_codes)
        for name, parts, widths, ref_prefix in attribute_parts:
            try:
                joined = join_code_parts([raw[c] for c in parts], widths)
            except MalformedCode as exc:
                raise ctx.malformed(row_index, parts[0], str(exc), name) from exc
            if joined:
                attributes[name] = (joined, ref_prefix + rn)
        figures = []
        try:
            for c, count, memo_get in measure_memos:
                # amount_cell's fields (see there), inlined
                v = raw[c]
                f = memo_get(v)
                if f is None or type(v) is bool:
                    f = amount_fields(v, mult, count)
                figures.append(f)
        except NotANumber as exc:
            raise ctx.non_numeric(row_index, c, str(raw[c])) from exc
        if not label_key and code is None and not attributes and all(f[3] for f in figures):
            continue
        for name in carry_down:
            if name in attributes:
                carried[name] = attributes[name]
            elif name in carried:
                attributes[name] = carried[name]
        if label_attribute and label_raw:
            attributes.setdefault(label_attribute, (label_raw, label_prefix + rn))
        if levelled is not None:
            if code is not None:
                codes_seen = True
            elif kind == "line" and label_col is not None and not codes_seen:
                # no code yet: the level may show only as indentation ("　　事业运行")
                v = raw[label_col]
                indent = _indent_width(v) if type(v) is str and v[:1] in _INDENT_CHARS else 0
                indented.append((len(rows), indent, row_index))
        rows.append(
            ParsedRow(
                table_id,
                section,
                r,
                sheet_name,
                kind if code is None else "line",
                code,
                level,
                label or None,
                label_raw or None,
                first_prefix + rn,
                attributes,
                measure_names,
                tuple(figures),
                measure_heads,
                rn,
            )
        )
        if end_keys and label_key in end_keys:
            break
    if levelled is not None and indented and not codes_seen:
        _levels_from_indentation(ctx, spec, rows, indented, levelled, label_col)
    return rows, r


_NO_KEY = frozenset({""})


def _split_named_codes(
    attributes: dict[str, tuple[str, str]], named_codes: dict[str, tuple[tuple[int, ...], str]]
) -> None:
    """A code attribute typed with its name ("50501 办公费"): the code stays, the name
    goes to its own attribute unless the row has one; a code typed as "50501.0" or in
    full-width digits becomes its digits."""
    for name, (lengths, name_attribute) in named_codes.items():
        if name in attributes:
            text, ref = attributes[name]
            found = split_leading_code(text, lengths)
            if found is not None:
                attributes[name] = (found[0], ref)
                if name_attribute not in attributes:
                    attributes[name_attribute] = (found[1], ref)
            elif not text.isdigit() and (digits := code_text(text)).isdigit():
                attributes[name] = (digits, ref)  # "50501.0", "５０５０１"


_INDENT_CHARS = " \u3000\xa0\t"
_INDENT_WIDTHS = {" ": 1, "\xa0": 1, "\u3000": 2, "\t": 4}


def _indent_width(text: str) -> int:
    """Leading blank width of a label, a full-width space counting two."""
    width = 0
    for ch in text:
        w = _INDENT_WIDTHS.get(ch)
        if w is None:
            break
        width += w
    return width


def _levels_from_indentation(
    ctx: TableContext,
    spec: SectionSpec,
    rows: list[ParsedRow],
    indented: list[tuple[int, int, int]],
    code: CodeSpec,
    label_col: int,
) -> None:
    """A code-bearing section printed without codes (no code column, or one left
    blank): the hierarchy shows only as the labels' indentation, typed (spaces, 　) or,
    failing that, the cells' format indent (read with openpyxl/xlrd, which calamine
    does not expose). Each distinct depth is a level (shallowest 类), the code stays
    null, and a warning says so (the facts key on codes)."""
    depths = {i: d for i, d, _ in indented}
    how = "按缩进确定级次 / levels taken from the labels' indentation"
    if len(set(depths.values())) < 2:
        formats = cell_indents(
            ctx.file_path, ctx.sheet.name, [(r, label_col) for *_, r in indented]
        )
        depths = {i: formats.get((r, label_col), 0) for i, _, r in indented}
        how = "按单元格缩进格式确定级次 / levels taken from the cells' indent format"
    distinct = sorted(set(depths.values()))
    if len(distinct) > 1:
        rank = {d: min(n + 1, len(code.lengths)) for n, d in enumerate(distinct)}
        for i, depth in depths.items():
            rows[i].code_level = rank[depth]
    else:
        how = "且无缩进，级次不明 / no indentation either, levels unknown"
    first = rows[0]
    ctx.warnings.append(
        f"{first.cell_ref}: {ctx.table_id}/{spec.section} 未列科目编码，{how}; "
        f"{ctx.table_id} has no {code.kind} codes, code left empty"
    )


def _merged_down(
    sheet: SheetGrid, start: int, stop: int, wanted: frozenset[int]
) -> dict[int, list[tuple[int, object]]]:
    """Values of code, label and attribute cells (columns `wanted`) merged down over
    several data rows (表12's 类/款/项 over the lines sharing them, 表6's 政府经济科目 over
    a run): row → [(col, value)] for the rows under each merge's top. Amount cells are
    never filled: a merged amount is one figure."""
    fill: dict[int, list[tuple[int, object]]] = {}
    for r0, c0, r1 in sheet.merges_down():
        if start <= r0 < stop and c0 in wanted:
            value = sheet.cell(r0, c0)
            if value != "":
                for row in range(r0 + 1, min(r1 + 1, stop)):
                    fill.setdefault(row, []).append((c0, value))
    return fill


@remembered(4096)
def _row_signature(row: tuple) -> frozenset[str]:
    """The distinct header words of a row (header rows recur in every workbook)."""
    return frozenset(match_key(v) for v in row if isinstance(v, str)) - {""}


def _read_code(
    ctx: TableContext, spec: CodeSpec, cols: GridColumns, row: int, label_raw: str, cells: list
) -> tuple[str | None, str]:
    """The row's code, and its label (a label typed into the code column moves over).
    `cells` is the sheet row `row`."""
    sheet = ctx.sheet
    if cols.code_parts:
        values = [cells[c] if c < len(cells) else "" for c in cols.code_parts]
        first = code_text(values[0])
        if first and not first.isdigit():
            return None, label_raw or clean_text(values[0])
        try:
            code = join_code_parts(values, list(spec.widths[: len(values)]))
        except MalformedCode as exc:
            if spec.strict:
                raise ctx.malformed(row, cols.code_parts[0], str(exc), spec.kind) from exc
            ctx.warnings.append(f"{sheet.ref(row, cols.code_parts[0])}: 编码无法识别 {exc}")
            return None, label_raw
        if code and spec.lengths and len(code) not in spec.lengths and spec.strict:
            raise ctx.malformed(row, cols.code_parts[0], code, spec.kind)
        return code, label_raw
    value = cells[cols.code] if cols.code < len(cells) else ""
    cls = type(value)
    if cls is str and value.isascii() and value.isdigit():
        # The usual cell, "2010350": what normalise_code returns when the length fits.
        if not spec.lengths or len(value) in spec.lengths:
            return value, label_raw
    elif (cls is float and value.is_integer() and 0 <= value < 1e15) or (cls is int and value >= 0):
        # A code typed as a number (2010350.0 in .xlsx, 2010350 in .xls), as code_text
        # reads it.
        text = str(int(value))
        if not spec.lengths or len(text) in spec.lengths:
            return text, label_raw
    text = code_text(value)
    if text and not text.isdigit():
        found = split_leading_code(value.strip(), spec.lengths) if cls is str else None
        if found and (not label_raw or match_key(label_raw) == match_key(found[1])):
            # code and name in one cell ("2010350 事业运行", "[2010350]事业运行"), the name
            # column blank or repeating the name; "20103五0" beside 事业运行 stays malformed
            return found[0], label_raw or found[1]
        if not label_raw or match_key(text) in TOTAL_WORDS:
            # 合计 merged across the code and label columns, or a name typed one cell left
            return None, label_raw or clean_text(value)
        if spec.strict:
            raise ctx.malformed(row, cols.code, clean_text(value), spec.kind)
        ctx.warnings.append(
            f"{sheet.ref(row, cols.code)}: 编码栏不是编码 {clean_text(value)!r} / "
            f"not a code in the code column"
        )
        return None, label_raw
    try:
        return normalise_code(value, spec.lengths), label_raw
    except MalformedCode as exc:
        if spec.strict:
            raise ctx.malformed(row, cols.code, str(exc), spec.kind) from exc
        ctx.warnings.append(f"{sheet.ref(row, cols.code)}: 编码格式异常 {exc}")
        return None, label_raw


_PAIRS_CACHE: dict[tuple, tuple[SectionSpec, list[tuple[str, int, int]]]] = {}


def _pair_layout(
    spec: SectionSpec, paths: tuple[tuple[str, ...], ...]
) -> list[tuple[str, int, int]]:
    """(section, label column, amount column) per pair, left to right; pure in the spec
    and the header text, so cached like _map_grid_columns."""
    key = (id(spec), paths)
    cached = _PAIRS_CACHE.get(key)
    if cached is not None and cached[0] is spec:
        return cached[1]
    if len(_PAIRS_CACHE) > 4096:
        _PAIRS_CACHE.clear()
    label_cols = assign_columns(
        [(p["section"], tuple(p.get("label", ()))) for p in spec.pairs], paths
    )
    ordered = sorted(label_cols.items(), key=lambda item: item[1])
    layout: list[tuple[str, int, int]] = []
    for i, (section, label_col) in enumerate(ordered):
        limit = ordered[i + 1][1] if i + 1 < len(ordered) else len(paths)
        pair = next(p for p in spec.pairs if p["section"] == section)
        amount_words = tuple(pair.get("amount", ()))
        amount_col = label_col + 1
        found = assign_columns(
            [("amount", amount_words)], paths, exclude=set(range(0, label_col + 1))
        )
        if "amount" in found and found["amount"] < limit:
            amount_col = found["amount"]
        layout.append((section, label_col, amount_col))
    _PAIRS_CACHE[key] = (spec, layout)
    return layout


_PAIR_MEASURES = ("amount",)  # a pair's one figure


def read_pairs(
    ctx: TableContext, spec: SectionSpec, header: tuple[int, int], end: int
) -> tuple[list[ParsedRow], int]:
    """Side-by-side sections: each pair is a label column and the amount column to its
    right (表1: 收入 项目|预算数, then three expenditure views)."""
    sheet = ctx.sheet
    layout = [
        (
            section,
            label_col,
            amount_col,
            sheet.ref_prefix(label_col),
            (sheet.ref_prefix(amount_col),),
        )
        for section, label_col, amount_col in _pair_layout(
            spec, column_paths(sheet, header[0], header[1])
        )
    ]
    mult, table_id, sheet_name = ctx.unit_multiplier, ctx.table_id, sheet.name
    memo_get = amount_memo(mult, False).get
    width = 1 + max((max(lc, ac) for _, lc, ac, _, _ in layout), default=-1)
    rows: list[ParsedRow] = []
    grid = sheet.rows
    # The header rows repeated further down (print titles at a page break, pasted back
    # as cells): skipped like a blank row, not read as labels and an amount "预算数".
    header_rows = set(grid[header[0] : header[1] + 1])
    r = header[1] + 1
    stop = min(end, len(grid))
    while r < stop:
        raw = grid[r]
        r += 1
        nraw = len(raw)
        if raw.count("") == nraw or raw in header_rows:
            continue
        # only a row whose first truthy cell is a text with a colon can be a footnote
        first = _first_truthy(raw)
        if type(first) is str and ("：" in first or ":" in first) and _is_footnote(raw):
            break
        if nraw < width:  # a short row reads as blank beyond its end
            raw = [*raw, *[""] * (width - nraw)]
        rn = str(r)
        for section, label_col, amount_col, label_prefix, amount_head in layout:
            lv = raw[label_col]
            v = raw[amount_col]
            if v == "" and lv == "":  # most pair cells
                continue
            # amount_cell's fields (see there), inlined
            try:
                f = memo_get(v)
                if f is None or type(v) is bool:
                    f = amount_fields(v, mult, False)
            except NotANumber as exc:
                raise ctx.non_numeric(r - 1, amount_col, str(v)) from exc
            label_raw = lv.strip() if type(lv) is str else clean_text(lv)
            if label_raw:
                label, _, kind = _label_of(label_raw)
            elif f[3]:  # no label, a blank figure
                continue
            else:
                label, kind = "", "line"
            rows.append(
                ParsedRow(
                    table_id,
                    section,
                    r,
                    sheet_name,
                    kind,
                    None,
                    None,
                    label or None,
                    label_raw or None,
                    label_prefix + rn,
                    {},
                    _PAIR_MEASURES,
                    (f,),
                    amount_head,
                    rn,
                )
            )
    return rows, r


def _field_keys(columns: tuple[ColumnSpec, ...]) -> list[tuple[str, list[str]]]:
    return [(c.name, [match_key(h).rstrip(":") for h in c.headers]) for c in columns]


def _field_matches(key: str, words: list[str]) -> bool:
    return any(key == w or (w in key and len(key) <= len(w) + 6) for w in words)


_FIELDS_CACHE: dict[int, tuple[SectionSpec, dict[str, tuple[str, ...]]]] = {}


def _fields_for_key(spec: SectionSpec, key: str) -> tuple[str, ...]:
    """Names of the section's fields (attributes, then measures, in template order) whose
    words the cell key matches; memoised per spec, the form labels being few and fixed."""
    cached = _FIELDS_CACHE.get(id(spec))
    if cached is None or cached[0] is not spec:
        cached = (spec, {})
        _FIELDS_CACHE[id(spec)] = cached
    memo = cached[1]
    names = memo.get(key)
    if names is None:
        if len(memo) > 4096:
            memo.clear()
        names = tuple(
            name
            for name, words in _field_keys(spec.attributes) + _field_keys(spec.measures)
            if _field_matches(key, words)
        )
        memo[key] = names
    return names


def _key_of(value) -> str:
    return match_key(value).rstrip(":") if isinstance(value, str) else ""


def read_fields(
    ctx: TableContext, spec: SectionSpec, start: int, end: int
) -> tuple[list[ParsedRow], dict[str, tuple[str, str]]]:
    """A label → value form. Each field is the first cell in [start, end) whose text is
    one of its words; its value is the next filled cell to the right, unless that is
    another label (then the value is blank, as in an empty 表16)."""
    sheet = ctx.sheet
    attr_keys = _field_keys(spec.attributes)
    measure_keys = _field_keys(spec.measures)
    # header_words of a fields section are the form's other labels (实施期限, 年度目标):
    # never a value.
    all_words = tuple(
        [w for _, words in attr_keys + measure_keys for w in words]
        + [match_key(w).rstrip(":") for w in spec.header_words]
    )
    found: dict[str, tuple[int, int, int]] = {}  # name → (row, key col, value col)
    inline: dict[str, str] = {}  # name → its value typed in the label cell
    for r in range(start, min(end, len(sheet.rows))):
        row = sheet.rows[r]
        for c, value in enumerate(row):
            if type(value) is not str or not value:
                continue
            key = _key_of(value)
            if not key:
                continue
            names, text = _inline_field(spec, key, value)
            for name in names or _fields_for_key(spec, key):
                if name in found:
                    continue
                if names:
                    found[name], inline[name] = (r, c, c), text
                else:
                    found[name] = (r, c, _value_column(sheet, r, c, all_words))
                break
    if not found:
        return [], {}
    attributes: dict[str, tuple[str, str]] = {}
    for name, _ in attr_keys:
        if name in found and found[name][2] is not None:
            r, _, vc = found[name]
            text = inline[name] if name in inline else clean_text(sheet.cell(r, vc))
            if text:
                attributes[name] = (text, sheet.ref(r, vc))
    names, figures, refs = [], [], []
    for name, _ in measure_keys:
        if name in found:
            r, kc, vc = found[name]
            names.append(name)
            if name in inline:
                figures.append(ctx.figure_of(inline[name], r, vc))
            else:
                figures.append(ctx.figure(r, vc) if vc is not None else ctx.blank_figure())
            refs.append(sheet.ref(r, vc if vc is not None else kc))
    first_row, first_col, _ = min(found.values())
    label_raw = attributes.get("project_name", ("", ""))[0]
    row = ParsedRow(
        table_id=ctx.table_id,
        section=spec.section,
        row_number=first_row + 1,
        sheet=sheet.name,
        row_kind="line",
        code=None,
        code_level=None,
        label=normalise_label(label_raw) if label_raw else None,
        label_raw=label_raw or None,
        cell_ref=sheet.ref(first_row, first_col),
        attributes=attributes,
        measures=tuple(names),
        figures=tuple(figures),
        ref_heads=tuple(refs),
        ref_tail="",
    )
    return [row], attributes


def _inline_field(spec: SectionSpec, key: str, value: str) -> tuple[tuple[str, ...], str]:
    """A label cell that holds its value too ("实施期资金总额：318.88万元", "项目名称：X"):
    the fields its label part names and the text after that label's colon; ((), "") for
    a plain label. The label ends at the first colon that leaves a field's words before
    it ("总体目标：目标1：…"), else at the last ("其中：财政拨款：50")."""
    if ":" not in key:
        return (), ""
    for label, rest in (key.split(":", 1), key.rsplit(":", 1)):
        if not rest or not label:
            continue
        names = _fields_for_key(spec, label)
        if names:
            parts = _COLON_RE.split(value, maxsplit=label.count(":") + 1)
            return names, parts[-1].strip() if len(parts) > label.count(":") + 1 else ""
    return (), ""


_COLON_RE = re.compile("[:：\ufe55]")


def _value_column(sheet: SheetGrid, row: int, col: int, words: tuple[str, ...]) -> int | None:
    """Column of the value beside a form label; None when the next cell is itself a label."""
    first = sheet.merge_end(row, col)[1] + 1
    values = sheet.rows[row]
    for c in range(first, len(values)):
        v = values[c]
        if v == "":
            continue
        key = _key_of(v)
        if (key and key.startswith(words)) or (
            isinstance(v, str) and v.strip().endswith(("：", ":"))
        ):
            return first if c > first else None
        return c
    return first
