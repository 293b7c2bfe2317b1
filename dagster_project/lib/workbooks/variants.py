"""Layout variants: how one disclosure's tables are typed, named, placed and formatted.

Real departments rename and reorder sheets, start tables below notes, put two tables on a
sheet, type money as text with separators or full-width digits, print some tables in 万元,
let Excel turn code "03" into the number 3, and vary title wording and bracket width. Each
department-year gets a deterministic mix drawn from its own random stream.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from decimal import Decimal

from dagster_project.lib.workbooks.grid import Grid
from dagster_project.lib.workbooks.layout import RowTruth
from dagster_project.lib.workbooks.shaanxi import cn_numeral
from dagster_project.lib.workbooks.writer import AmountStyle, Placement, SheetSpec

WAN = Decimal(10000)
WAN_CANDIDATES = ["T01", "T04", "T05", "T06", "T07", "T08"]
SHARED_PAIRS = [("T05", "T07"), ("T06", "T08"), ("T09", "T10"), ("T02", "T03")]
TEXT_STYLES = ["plain_text", "thousands_text", "fullwidth", "trailing_space"]
RANDOM_SHEET_NAMES = [
    "收支总表",
    "收入",
    "支出",
    "财拨",
    "明细",
    "基本支出",
    "基金",
    "专项",
    "结转",
    "采购",
    "三公",
    "绩效",
    "整体绩效",
    "专项资金",
    "数据",
    "报表",
]
TITLE_VARIANTS = {
    "（按支出功能分类科目-不含上年结转）": "（按功能科目）",
    "（按支出经济分类科目-不含上年结转）": "（按经济科目）",
    "（支出经济分类科目-不含上年结转）": "（按经济科目）",
}
PERFORMANCE = ("T14", "T15", "T16")


@dataclass
class Layout:
    fmt: str
    sheet_naming: str
    reorder: bool
    shared: tuple[str, str] | None
    wan_tables: list[str]
    amount_text: dict[str, str]
    zero: str
    codes_as_numbers: bool
    title_variant: bool
    half_width: bool
    table_labels: bool
    unit_first_column: bool
    offsets: dict[str, tuple[int, int]] = field(default_factory=dict)

    def variant_tags(self) -> list[str]:
        tags = [self.fmt, f"sheet_names_{self.sheet_naming}"]
        tags += ["sheets_reordered"] if self.reorder else []
        tags += [f"shared_sheet:{self.shared[0]}+{self.shared[1]}"] if self.shared else []
        tags += [f"wan_yuan:{t}" for t in self.wan_tables]
        tags += [f"amount_text:{t}:{s}" for t, s in sorted(self.amount_text.items())]
        tags += [f"zero_as:{self.zero}"]
        tags += ["codes_as_numbers"] if self.codes_as_numbers else []
        tags += ["title_variants"] if self.title_variant else []
        tags += ["half_width_brackets"] if self.half_width else []
        tags += ["table_labels"] if self.table_labels else ["no_table_labels"]
        tags += ["unit_first_column"] if self.unit_first_column else []
        tags += [f"offset:{t}:{r},{c}" for t, (r, c) in sorted(self.offsets.items())]
        return tags


def choose_layout(rng: random.Random, index: int) -> Layout:
    """A deterministic mix; `index` cycles the main axes so small corpora still cover them."""
    tables = [f"T{n:02d}" for n in range(1, 17)]
    wan = sorted(rng.sample(WAN_CANDIDATES, rng.randint(1, 3))) if index % 3 == 1 else []
    text_tables = (
        rng.sample([t for t in tables if t not in PERFORMANCE], rng.randint(1, 5))
        if index % 2
        else []
    )
    offsets = {
        t: (rng.randint(1, 4), rng.randint(1, 3)) for t in rng.sample(tables, rng.randint(0, 4))
    }
    return Layout(
        fmt="xls" if index % 2 == 0 else "xlsx",
        sheet_naming=["standard", "numbered", "chinese", "random"][index % 4],
        reorder=index % 5 in (2, 4),
        shared=SHARED_PAIRS[index % len(SHARED_PAIRS)] if index % 3 == 2 else None,
        wan_tables=wan,
        amount_text={t: rng.choice(TEXT_STYLES) for t in sorted(text_tables)},
        zero=["blank", "dash", "zero"][index % 3],
        codes_as_numbers=index % 4 == 3,
        title_variant=index % 3 == 0,
        half_width=index % 4 == 1,
        table_labels=index % 5 != 3,
        unit_first_column=index % 7 == 5,
        offsets=offsets,
    )


def to_wan(grid: Grid) -> Grid:
    """The same table printed in 万元 (amounts must be whole hundreds of yuan to stay exact)."""

    def conv(v):
        return (v / WAN).quantize(Decimal("0.01")) if isinstance(v, Decimal) else v

    body = [[conv(v) for v in row] for row in grid.body]
    meta = [
        [replace(t, amounts={k: conv(v) for k, v in t.amounts.items()}) for t in truths]
        for truths in grid.body_meta
    ]
    return replace(grid, body=body, body_meta=meta, unit_text="单位：万元")


def codes_to_numbers(grid: Grid) -> Grid:
    body = [list(r) for r in grid.body]
    for row in body:
        for c in grid.code_columns:
            if c < len(row) and isinstance(row[c], str) and row[c].isdigit():
                row[c] = int(row[c])
    return replace(grid, body=body)


def vary_text(grid: Grid, layout: Layout) -> Grid:
    title = grid.title
    headers = [list(r) for r in grid.header_rows]
    if layout.title_variant:
        for old, new in TITLE_VARIANTS.items():
            title = title.replace(old, new)
    if layout.half_width:
        title = title.replace("（", "(").replace("）", ")")
        headers = [
            [v.replace("（", "(").replace("）", ")") if isinstance(v, str) else v for v in r]
            for r in headers
        ]
    return replace(
        grid, title=title, header_rows=headers, unit_in_first_column=layout.unit_first_column
    )


def apply_layout(grids: dict[str, Grid], layout: Layout) -> dict[str, Grid]:
    out = {}
    for tid, g in grids.items():
        if tid in layout.wan_tables:
            g = to_wan(g)
        if layout.codes_as_numbers:
            g = codes_to_numbers(g)
        if tid.startswith("T"):
            g = vary_text(g, layout)
        out[tid] = g
    return out


def sheet_name(tid: str, layout: Layout, position: int, rng: random.Random) -> str:
    special = {"cover": "封面", "catalogue": "目录"}
    if layout.sheet_naming == "numbered":
        return f"Sheet{position + 1}"
    if tid in special:
        return special[tid]
    n = int(tid[1:])
    if layout.sheet_naming == "chinese":
        return f"表{cn_numeral(n)}"
    if layout.sheet_naming == "random":
        return f"{RANDOM_SHEET_NAMES[n - 1]}{rng.randint(1, 99)}"
    return f"表{n}"


@dataclass
class PlacedTable:
    table_id: str
    sheet: str
    placement: Placement


def plan_sheets(
    grids: dict[str, Grid], layout: Layout, rng: random.Random
) -> tuple[list[SheetSpec], list[PlacedTable]]:
    """Group grids into sheets (one per table, or a shared pair), order and name them."""
    groups: list[list[str]] = []
    for tid in grids:
        if layout.shared and tid == layout.shared[1] and layout.shared[0] in grids:
            continue
        group = [tid]
        if layout.shared and tid == layout.shared[0] and layout.shared[1] in grids:
            group.append(layout.shared[1])
        groups.append(group)
    if layout.reorder:
        head = [g for g in groups if g[0] in ("cover", "catalogue")]
        rest = [g for g in groups if g[0] not in ("cover", "catalogue")]
        rng.shuffle(rest)
        groups = head + rest
    sheets, placed = [], []
    for position, group in enumerate(groups):
        name = sheet_name(group[0], layout, position, rng)
        spec = SheetSpec(name)
        row = 0
        for tid in group:
            start_row, start_col = layout.offsets.get(tid, (0, 0))
            style = AmountStyle(text=layout.amount_text.get(tid, "number"), zero=layout.zero)
            p = Placement(grids[tid], row + start_row, start_col, style)
            spec.placements.append(p)
            placed.append(PlacedTable(tid, name, p))
            row = p.start_row + grids[tid].height() + 2
        sheets.append(spec)
    return sheets, placed


def truth_rows(placed: PlacedTable) -> list[tuple[int, RowTruth]]:
    """(1-based sheet row, truth) for every truth of a placed grid."""
    g, p = placed.placement.grid, placed.placement
    out = []
    for i, truths in enumerate(g.body_meta):
        for t in truths:
            out.append((p.start_row + g.body_offset() + i + 1, t))
    return out
