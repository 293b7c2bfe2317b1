"""Adversarial fixture builder: the seed disclosure's figures (陕西省政务服务中心, 2021,
`shared/seeds/000_e11edf5b5a7d1d93.txt`) written the way a department might send them and
the project's generator does not.

Written independently of `dagster_project/lib/workbooks/` (no layout code shared): each
builder returns sheets (rows of cell values, merges, hidden flag) and the figures a
perfect parser must find, and `write_workbook` writes them with openpyxl (.xlsx) or xlwt
(.xls). The tests are in `test_variants.py`; the list of variants and what each one
probes is `VARIANTS` at the end of this file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import openpyxl
import xlwt

D = Decimal
WAN = D(10000)

Cell = str | int | float | None


@dataclass
class Sheet:
    name: str
    rows: list[list[Cell]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1
    hidden: bool = False
    indents: dict[tuple[int, int], int] = field(default_factory=dict)  # cell format indent

    def add(self, *cells: Cell) -> int:
        self.rows.append(list(cells))
        return len(self.rows) - 1

    def merge(self, r0: int, c0: int, r1: int, c1: int) -> None:
        self.merges.append((r0, c0, r1, c1))


def write_workbook(path: Path, sheets: list[Sheet]) -> Path:
    """.xls (xlwt) or .xlsx (openpyxl) by the path's suffix."""
    if path.suffix == ".xls":
        wb = xlwt.Workbook(encoding="utf-8")
        for sheet in sheets:
            ws = wb.add_sheet(sheet.name, cell_overwrite_ok=True)
            covered = set()
            for r0, c0, r1, c1 in sheet.merges:
                value = _cell(sheet, r0, c0)
                ws.write_merge(r0, r1, c0, c1, "" if value is None else value)
                covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
            for r, row in enumerate(sheet.rows):
                for c, value in enumerate(row):
                    if (r, c) not in covered and value not in (None, ""):
                        if (r, c) in sheet.indents:
                            style = xlwt.XFStyle()
                            style.alignment.inde = sheet.indents[(r, c)]
                            ws.write(r, c, value, style)
                        else:
                            ws.write(r, c, value)
            if sheet.hidden:
                ws.visibility = 1
        wb.save(str(path))
        return path
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.name)
        for r, row in enumerate(sheet.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value not in (None, ""):
                    ws.cell(row=r, column=c, value=value)
        for (r, c), level in sheet.indents.items():
            ws.cell(row=r + 1, column=c + 1).alignment = openpyxl.styles.Alignment(indent=level)
        for r0, c0, r1, c1 in sheet.merges:
            ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
        if sheet.hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def _cell(sheet: Sheet, r: int, c: int) -> Cell:
    if r < len(sheet.rows) and c < len(sheet.rows[r]):
        return sheet.rows[r][c]
    return None


# ---- the seed's figures ------------------------------------------------------------------

YEAR = 2021
DEPT = "陕西省政务服务中心"
T05_TITLE = f"{YEAR}年部门综合预算一般公共预算支出明细表（按支出功能分类科目-不含上年结转）"
T06_TITLE = f"{YEAR}年部门综合预算一般公共预算支出明细表（按支出经济分类科目-不含上年结转）"
T01_TITLE = f"{YEAR}年部门综合预算收支总表"
T12_TITLE = f"{YEAR}年部门综合预算政府采购（资产配置、购买服务）预算表（不含上年结转）"
T02_TITLE = f"{YEAR}年部门综合预算收入总表"

MEASURES = ("total", "personnel", "public", "project")

# 表5: (code, name, total, personnel, public, project); None = blank cell
T05 = [
    (None, "合计", "11463700.00", "3097800.00", "289000.00", "8076900.00"),
    ("201", "一般公共服务支出", "11263700.00", "3097800.00", "289000.00", "7876900.00"),
    (
        "20103",
        "政府办公厅(室)及相关机构事务",
        "11263700.00",
        "3097800.00",
        "289000.00",
        "7876900.00",
    ),
    ("2010350", "事业运行", "3386800.00", "3097800.00", "289000.00", None),
    ("2010399", "其他政府办公厅(室)及相关机构事务支出", "7876900.00", None, None, "7876900.00"),
    ("205", "教育支出", "200000.00", None, None, "200000.00"),
    ("20508", "进修及培训", "200000.00", None, None, "200000.00"),
    ("2050803", "培训支出", "200000.00", None, None, "200000.00"),
]

# 表6: (dept code, name, gov code, gov name, total, personnel, public, project)
T06 = [
    (None, "合计", None, None, "11463700.00", "3097800.00", "289000.00", "8076900.00"),
    ("301", "工资福利支出", None, None, "3085320.00", "3085320.00", None, None),
    ("30101", "基本工资", "50501", "工资福利支出", "802881.60", "802881.60", None, None),
    ("30107", "绩效工资", "50501", "工资福利支出", "1380960.00", "1380960.00", None, None),
    ("30199", "其他工资福利支出", "50501", "工资福利支出", "901478.40", "901478.40", None, None),
    ("302", "商品和服务支出", None, None, "8378380.00", "12480.00", "289000.00", "8076900.00"),
    ("30201", "办公费", "50502", "商品和服务支出", "137223.17", None, "60323.17", "76900.00"),
    ("30202", "印刷费", "50502", "商品和服务支出", "10000.00", None, "10000.00", None),
    ("30207", "邮电费", "50502", "商品和服务支出", "1330000.00", None, "130000.00", "1200000.00"),
    ("30211", "差旅费", "50502", "商品和服务支出", "65000.00", None, "35000.00", "30000.00"),
    ("30214", "租赁费", "50502", "商品和服务支出", "850000.00", None, None, "850000.00"),
    ("30215", "会议费", "50502", "商品和服务支出", "66000.00", None, None, "66000.00"),
    ("30216", "培训费", "50502", "商品和服务支出", "200000.00", None, None, "200000.00"),
    ("30217", "公务接待费", "50502", "商品和服务支出", "10000.00", None, "10000.00", None),
    ("30226", "劳务费", "50502", "商品和服务支出", "1960000.00", None, None, "1960000.00"),
    ("30227", "委托业务费", "50502", "商品和服务支出", "3420000.00", None, None, "3420000.00"),
    ("30228", "工会经费", "50502", "商品和服务支出", "43676.83", None, "43676.83", None),
    ("30239", "其他交通费用", "50502", "商品和服务支出", "12480.00", "12480.00", None, None),
    (
        "30299",
        "其他商品和服务支出",
        "50502",
        "商品和服务支出",
        "274000.00",
        None,
        None,
        "274000.00",
    ),
]

# 表1: four label|amount columns (income, function, dept econ, gov econ), seed wording.
T01_INCOME = [
    ("一、部门预算", "11463700.00"),
    ("1、财政拨款", "11463700.00"),
    ("（1）一般公共预算拨款", "11463700.00"),
    ("其中：专项资金列入部门预算的项目", None),
    ("（2）政府性基金拨款", None),
    ("（3）国有资本经营预算收入", None),
    ("2、上级补助收入", None),
    ("3、事业收入", None),
    ("4、事业单位经营收入", None),
    ("5、附属单位上缴收入", None),
    ("6、其他收入", None),
]
T01_FUNCTION = [
    ("一、部门预算", "11463700.00"),
    ("1、一般公共服务支出", "11263700.00"),
    ("2、外交支出", None),
    ("3、国防支出", None),
    ("4、公共安全支出", None),
    ("5、教育支出", "200000.00"),
    ("6、科学技术支出", None),
]
T01_DEPT_ECON = [
    ("一、部门预算", "11463700.00"),
    ("1、人员经费和公用经费支出", "3386800.00"),
    ("（1）工资福利支出", "3085320.00"),
    ("（2）商品和服务支出", "301480.00"),
    ("（3）对个人和家庭的补助", None),
    ("2、专项业务经费支出", "8076900.00"),
    ("（1）工资福利支出", None),
    ("（2）商品和服务支出", "8076900.00"),
]
T01_GOV_ECON = [
    ("一、部门预算", "11463700.00"),
    ("1、机关工资福利支出", None),
    ("2、机关商品和服务支出", None),
    ("3、机关资本性支出（一）", None),
    ("4、机关资本性支出（二）", None),
    ("5、对事业单位经常性补助", "11463700.00"),
    ("6、对事业单位资本性补助", None),
]
T01_TOTALS = [("本年收入合计", "本年支出合计"), ("收入总计", "支出总计")]
T01_SECTIONS = ("income", "expenditure_function", "expenditure_dept_econ", "expenditure_gov_econ")

# 表12: (类, 款, 项, unit code, project, catalogue, unit of measure, quantity, dept 类, 款,
# gov 类, 款, month, amount)


def _t12_line(catalogue: str, uom: str, qty: int, dept_kuan: str, amount: str) -> tuple:
    return ("201", "03", "99", None, "一网通办业务经费", catalogue, uom, qty,
            "302", dept_kuan, "505", "02", "9月份", amount)  # fmt: skip


T12 = [
    (None, None, None, None, "合计", None, None, 132, None, None, None, None, None, "2679993.00"),
    ("201", "03", "99", "179", DEPT, *[None] * 2, 132, *[None] * 5, "2679993.00"),
    ("201", "03", "99", "179001", DEPT, *[None] * 2, 132, *[None] * 5, "2679993.00"),
    _t12_line("A0201计算机设备及软件", "批", 4, "27", "60000.00"),
    _t12_line("A02通用设备", "批", 40, "27", "320000.00"),
    _t12_line("A02通用设备", "批", 44, "99", "220000.00"),
    _t12_line("A07纺织原料、毛皮、被服装具", "批", 43, "27", "199993.00"),
    _t12_line("C99其他服务", "项", 1, "26", "1880000.00"),
]  # fmt: skip


# ---- expectations -----------------------------------------------------------------------


@dataclass
class Row:
    """A row a perfect parser finds: its code (or None), label, level and non-blank
    amounts in yuan (or a count)."""

    code: str | None
    label: str
    level: int | None
    amounts: dict[str, Decimal]
    section: str = "main"
    row_kind: str = "line"


@dataclass
class Case:
    """One variant: the workbook's sheets, the table it probes and what must be found.
    `warn` is a word a parser warning must contain (e.g. the table id)."""

    name: str
    sheets: list[Sheet]
    table_id: str
    rows: list[Row]
    warn: str | None = None
    multiplier: int = 1
    attributes: dict[tuple[str | None, str], str] = field(default_factory=dict)


def _level(code: str | None, lengths=(3, 5, 7)) -> int | None:
    return lengths.index(len(code)) + 1 if code else None


def t05_expected(*, measures=MEASURES, with_codes=True) -> list[Row]:
    rows = []
    for code, name, *figures in T05:
        amounts = {m: D(v) for m, v in zip(MEASURES, figures, strict=True) if v and m in measures}
        rows.append(
            Row(
                code if with_codes else None,
                name,
                _level(code),
                amounts,
                row_kind="line" if code else "total",
            )
        )
    return rows


def t06_expected() -> list[Row]:
    return [
        Row(
            code,
            name,
            _level(code, (3, 5)),
            {m: D(v) for m, v in zip(MEASURES, figures, strict=True) if v},
            row_kind="line" if code else "total",
        )
        for code, name, _, _, *figures in T06
    ]


def _wan(value: str, places: int) -> float:
    """The seed's yuan figure printed in 万元 with `places` decimals (exact for the seed's
    figures up to 6 places)."""
    return float(round(D(value) / WAN, places))


def _wan_yuan(value: str, places: int) -> Decimal:
    return (round(D(value) / WAN, places) * WAN).quantize(D("0.01"))


# ---- 表5 builder -------------------------------------------------------------------------


@dataclass
class T05Layout:
    """How 表5 is typed. Defaults are the seed's own layout."""

    title: str = T05_TITLE
    title_cells: str = "alone"  # alone | merged | number_cell | number_same_cell | unit_right
    unit: str = "单位：元"
    unit_cell: str = "right"  # right | left | merged | none
    # column | split | combined | indent | indent_blank_code (code column left empty) |
    # align_indent (no code column; the level is the cell format's indent) | name_only
    code_style: str = "column"
    code_format: Callable[[str], Cell] = str
    combined_format: str = "{code} {name}"
    indent: str = "  "
    columns: tuple[str, ...] = ("code", "name", "total", "personnel", "public", "project", "note")
    headers: dict[str, str] = field(default_factory=dict)
    header_rows: int = 1  # 1 | 2 | 3
    header_merges: bool = True  # False: parents typed once, no merged cells
    wan_places: int | None = None  # print in 万元 with this many decimals
    amount_format: Callable[[str], Cell] | None = None  # yuan text → cell
    blank: Cell = None
    blank_rows_after: tuple[int, ...] = ()  # data row indexes followed by an empty row
    footnote: str | tuple[str, ...] | None = None  # a tuple: one text per cell
    offset: tuple[int, int] = (0, 0)


HEADER_TEXT = {
    "code": "功能科目编码",
    "name": "功能科目名称",
    "total": "合计",
    "personnel": "人员经费支出",
    "public": "公用经费支出",
    "project": "专项业务经费支出",
    "note": "备注",
    "carryover": "上年结转",
    "gov_fund": "政府性基金",
    "basic_subtotal": "基本支出小计",
    "lei": "类",
    "kuan": "款",
    "xiang": "项",
}


def t05_sheet(layout: T05Layout, name: str = "表5") -> Sheet:
    sheet = Sheet(name)
    off_r, off_c = layout.offset
    for _ in range(off_r):
        sheet.add()
    pad = [None] * off_c
    cols = list(layout.columns)
    if layout.code_style == "split":
        i = cols.index("code")
        cols[i : i + 1] = ["lei", "kuan", "xiang"]
    elif layout.code_style in ("combined", "indent", "name_only", "align_indent"):
        cols.remove("code")
    width = len(cols)
    mult = 10000 if layout.wan_places is not None else 1

    # title and unit
    title_row = [None] * width
    if layout.title_cells == "number_same_cell":
        title_row[0] = f"表5 {layout.title}"
    elif layout.title_cells == "number_cell":
        title_row[0], title_row[1] = "表5", layout.title
    else:
        title_row[0] = layout.title
    if layout.title_cells == "unit_right":
        title_row[-1] = layout.unit
    r = sheet.add(*pad, *title_row)
    if layout.title_cells == "merged":
        sheet.merge(r, off_c, r, off_c + width - 1)
    if layout.title_cells != "unit_right" and layout.unit_cell != "none":
        unit_row = [None] * width
        if layout.unit_cell == "left":
            unit_row[0] = layout.unit
        elif layout.unit_cell == "merged":
            unit_row[0] = layout.unit
        else:
            unit_row[-1] = layout.unit
        r = sheet.add(*pad, *unit_row)
        if layout.unit_cell == "merged":
            sheet.merge(r, off_c, r, off_c + width - 1)

    # header
    text = HEADER_TEXT | layout.headers
    if layout.code_style in ("combined",):
        text = text | {"name": layout.headers.get("name", "功能科目编码及名称")}
    if layout.header_rows == 1 and layout.code_style != "split":
        sheet.add(*pad, *[text[c] for c in cols])
    elif layout.header_rows == 1 or (layout.header_rows == 2 and layout.code_style == "split"):
        # split codes: 科目编码 over 类|款|项, other headers merged down over two rows
        top = sheet.add(
            *pad, *[("科目编码" if c in ("lei", "kuan", "xiang") else text[c]) for c in cols]
        )
        sheet.add(*pad, *[(text[c] if c in ("lei", "kuan", "xiang") else None) for c in cols])
        first = cols.index("lei")
        sheet.merge(top, off_c + first, top, off_c + first + 2)
        for i, c in enumerate(cols):
            if c not in ("lei", "kuan", "xiang"):
                sheet.merge(top, off_c + i, top + 1, off_c + i)
    elif layout.header_rows == 2:
        # 本年预算 over the measures? No: 基本支出 over 人员|公用, others merged down
        top = [text[c] if c not in ("personnel", "public") else "基本支出" for c in cols]
        r0 = sheet.add(*pad, *top)
        sheet.add(*pad, *[text[c] if c in ("personnel", "public") else None for c in cols])
        ip, iq = cols.index("personnel"), cols.index("public")
        sheet.merge(r0, off_c + min(ip, iq), r0, off_c + max(ip, iq))
        for i, c in enumerate(cols):
            if c not in ("personnel", "public"):
                sheet.merge(r0, off_c + i, r0 + 1, off_c + i)
    else:
        # three rows: 一般公共预算支出 over all measures; 基本支出 over 人员|公用
        money = [c for c in cols if c in MEASURES]
        row1 = [("一般公共预算支出" if c in money else text[c]) for c in cols]
        row2 = [
            ("基本支出" if c in ("personnel", "public") else text[c]) if c in money else None
            for c in cols
        ]
        row3 = [text[c] if c in ("personnel", "public") else None for c in cols]
        r0 = sheet.add(*pad, *row1)
        sheet.add(*pad, *row2)
        sheet.add(*pad, *row3)
        i_money = [cols.index(c) for c in money]
        sheet.merge(r0, off_c + min(i_money), r0, off_c + max(i_money))
        ip, iq = cols.index("personnel"), cols.index("public")
        sheet.merge(r0 + 1, off_c + min(ip, iq), r0 + 1, off_c + max(ip, iq))
        for i, c in enumerate(cols):
            if c not in money:
                sheet.merge(r0, off_c + i, r0 + 2, off_c + i)
            elif c not in ("personnel", "public"):
                sheet.merge(r0 + 1, off_c + i, r0 + 2, off_c + i)

    if not layout.header_merges:
        header_rows = set(range(len(sheet.rows) - layout.header_rows, len(sheet.rows)))
        for r0, c0, r1, c1 in [m for m in sheet.merges if m[0] in header_rows]:
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if (r, c) != (r0, c0) and c < len(sheet.rows[r]):
                        sheet.rows[r][c] = None
        sheet.merges = [m for m in sheet.merges if m[0] not in header_rows]

    # data
    for i, (code, name, *figures) in enumerate(T05):
        values = dict(zip(MEASURES, figures, strict=True))
        cells: list[Cell] = []
        for c in cols:
            if c == "code":
                blank = layout.code_style == "indent_blank_code"
                cells.append(layout.code_format(code) if code and not blank else None)
            elif c in ("lei", "kuan", "xiang"):
                part = {"lei": code[:3] if code else "", "kuan": code[3:5] if code else "",
                        "xiang": code[5:7] if code else ""}[c]  # fmt: skip
                cells.append(layout.code_format(part) if part else None)
            elif c == "name":
                if code is None:
                    cells.append(name)
                elif layout.code_style == "combined":
                    cells.append(layout.combined_format.format(code=code, name=name))
                elif layout.code_style in ("indent", "indent_blank_code"):
                    cells.append(layout.indent * (len(code) // 2 - 1) + name)
                elif layout.code_style == "align_indent":
                    sheet.indents[(len(sheet.rows), off_c + len(cells))] = len(code) // 2 - 1
                    cells.append(name)
                else:
                    cells.append(name)
            elif c == "basic_subtotal":
                basic = sum(D(values[m] or 0) for m in ("personnel", "public"))
                cells.append(float(basic) if basic else layout.blank)
            elif c in MEASURES:
                v = values[c]
                if v is None:
                    cells.append(layout.blank)
                elif layout.amount_format is not None:
                    cells.append(layout.amount_format(v))
                elif mult == 10000:
                    cells.append(_wan(v, layout.wan_places))
                else:
                    cells.append(float(D(v)))
            else:
                cells.append(None)
        sheet.add(*pad, *cells)
        if i in layout.blank_rows_after:
            sheet.add()
    if isinstance(layout.footnote, tuple):
        sheet.add(*pad, *[x for cell in layout.footnote for x in (cell, None)])
    elif layout.footnote:
        sheet.add(*pad, layout.footnote)
    return sheet


def t05_expected_for(layout: T05Layout) -> list[Row]:
    measures = tuple(m for m in MEASURES if m in layout.columns)
    with_codes = layout.code_style not in ("indent", "indent_blank_code", "align_indent")
    rows = t05_expected(measures=measures, with_codes=with_codes)
    if layout.wan_places is not None:
        for row in rows:
            row.amounts = {m: _wan_yuan(str(v), layout.wan_places) for m, v in row.amounts.items()}
    return rows


def t05_case(
    name: str, layout: T05Layout, *, warn: str | None = None, extra: list[Sheet] = ()
) -> Case:
    mult = 1 if layout.wan_places is None else 10000
    return Case(name, [*extra, t05_sheet(layout)], "T05", t05_expected_for(layout), warn, mult)


# ---- 表6, 表1, 表12, cover and catalogue ----------------------------------------------------


def t06_sheet(
    name: str = "表6",
    *,
    gov_combined: bool = False,
    code_format=str,
    indent: str | None = None,
    merge_gov: bool = False,
    code_header: str = "部门经济科目编码",
    name_header: str = "部门经济科目名称",
) -> Sheet:
    """表6; `indent`: no code column, names indented by level; `merge_gov`: the
    government code and name cells merged down over each run of equal values;
    `code_header`/`name_header`: how the department economic code and name are headed."""
    sheet = Sheet(name)
    sheet.add(T06_TITLE)
    sheet.add(None, None, None, None, None, None, None, None, "单位：元")
    header = [code_header, name_header, "政府经济科目编码", "政府经济科目名称",
              "合计", "人员经费支出", "公用经费支出", "专项业务经费支出", "备注"]  # fmt: skip
    if gov_combined:
        header[2:4] = ["政府经济科目"]
    if indent is not None:
        header = header[1:]
    sheet.add(*header)
    runs: list[list[int]] = []
    for code, name_, gcode, gname, *figures in T06:
        gov = [f"{gcode} {gname}" if gcode else None] if gov_combined else [gcode, gname]
        if indent is not None:
            cells = [indent * (len(code) // 2 - 1) + name_ if code else name_, *gov]
        else:
            cells = [code_format(code) if code else None, name_, *gov]
        cells += [float(D(v)) if v else None for v in figures]
        r = sheet.add(*cells)
        if merge_gov and gcode:
            if runs and runs[-1][1] == r - 1 and runs[-1][2] == gcode:
                runs[-1][1] = r
                sheet.rows[r][2] = sheet.rows[r][3] = None
            else:
                runs.append([r, r, gcode])
    for r0, r1, _ in runs:
        if r1 > r0:
            sheet.merge(r0, 2, r1, 2)
            sheet.merge(r0, 3, r1, 3)
    return sheet


def t01_sheet(
    name: str = "表1", *, numbering: Callable[[str], str] | None = None, unit: str = "单位：元",
    amount_header: str = "预算数", prior_year: bool = False, repeat_header_at: int | None = None,
) -> Sheet:  # fmt: skip
    """表1; `amount_header`: how each 预算数 column is headed ("2021年预算数");
    `prior_year`: a "上年预算数" column (other figures) before each amount column;
    `repeat_header_at`: the two header rows typed again before this data row (a page
    break's print titles pasted as cells)."""
    step = 3 if prior_year else 2
    sheet = Sheet(name)
    sheet.add(T01_TITLE)
    sheet.add(*[None] * (4 * step - 1), unit)
    r = sheet.add("收 入", *[None] * (step - 1), "支 出")
    sheet.merge(r, 0, r, step - 1)
    sheet.merge(r, step, r, 4 * step - 1)
    header: list[Cell] = []
    for label in ("项 目", "支出功能分类科目（按大类）", "部门预算支出经济分类科目（按大类）",
                  "政府预算支出经济分类科目（按大类）"):  # fmt: skip
        header += [label, "上年预算数", amount_header] if prior_year else [label, amount_header]
    sheet.add(*header)
    columns = [T01_INCOME, T01_FUNCTION, T01_DEPT_ECON, T01_GOV_ECON]
    for i in range(max(len(c) for c in columns)):
        if i == repeat_header_at:
            r = sheet.add("收 入", *[None] * (step - 1), "支 出")
            sheet.merge(r, 0, r, step - 1)
            sheet.merge(r, step, r, 4 * step - 1)
            sheet.add(*header)
        cells: list[Cell] = []
        for col in columns:
            label, value = col[i] if i < len(col) else (None, None)
            if label and numbering:
                label = numbering(label)
            figure = float(D(value)) if value else None
            cells += [label, figure and figure - 1000, figure] if prior_year else [label, figure]
        sheet.add(*cells)
    for income, spend in T01_TOTALS:
        cells = []
        for label in (income, spend, spend, spend):
            cells += [label, 10463700.0, 11463700.0] if prior_year else [label, 11463700.0]
        sheet.add(*cells)
    return sheet


def t01_expected(numbering: Callable[[str], str] | None = None) -> list[Row]:
    rows = []
    for section, col in zip(T01_SECTIONS, [T01_INCOME, T01_FUNCTION, T01_DEPT_ECON, T01_GOV_ECON],
                            strict=True):  # fmt: skip
        for label, value in col:
            rows.append(Row(None, label, None, {"amount": D(value)} if value else {}, section))
    for income, spend in T01_TOTALS:
        rows.append(Row(None, income, None, {"amount": D("11463700.00")}, "income", "total"))
        for section in T01_SECTIONS[1:]:
            rows.append(Row(None, spend, None, {"amount": D("11463700.00")}, section, "total"))
    return rows


def t12_sheet(
    name: str = "表12", *, kuan_as_number: bool = True, merge_codes: bool = False,
    quantity_unit: bool = False, no_code: str | None = None,
) -> Sheet:  # fmt: skip
    """表12; `merge_codes`: 类/款/项 cells merged down over the lines sharing them;
    `quantity_unit`: 数量 typed with its unit of measure ("4批"); `no_code`: what the
    code cells of the 合计 and unit rows hold instead of nothing ("—", "/")."""
    sheet = Sheet(name)
    sheet.add(T12_TITLE)
    sheet.add(*[None] * 15, "单位：元")
    top = ["科目编码", None, None, "单位编码", "采购项目", "采购目录", "购买服务内容", "规格型号",
           "数量", "部门预算支出经济科目编码", None, "政府预算支出经济科目编码", None,
           "实施采购时间", "预算金额", "说明"]  # fmt: skip
    r = sheet.add(*top)
    sheet.add("类", "款", "项", None, None, None, None, None, None, "类", "款", "类", "款")
    sheet.merge(r, 0, r, 2)
    sheet.merge(r, 9, r, 10)
    sheet.merge(r, 11, r, 12)
    for c in (3, 4, 5, 6, 7, 8, 13, 14, 15):
        sheet.merge(r, c, r + 1, c)
    for lei, kuan, xiang, unit, project, cat, uom, qty, dl, dk, gl, gk, month, amount in T12:
        lc = int(lei) if lei and kuan_as_number else lei
        k = int(kuan) if kuan and kuan_as_number else kuan
        x = int(xiang) if xiang and kuan_as_number else xiang
        dkk = int(dk) if dk and kuan_as_number else dk
        gkk = int(gk) if gk and kuan_as_number else gk
        q = f"{qty}{uom}" if quantity_unit and uom else qty
        codes = [lc, k, x, dl, dkk, gl, gkk]
        if no_code is not None:
            codes = [no_code if v is None else v for v in codes]
        lc, k, x, dl, dkk, gl, gkk = codes
        sheet.add(lc, k, x, unit, project, cat, None,
                  uom, q, dl, dkk, gl, gkk, month, float(D(amount)), None)  # fmt: skip
    if merge_codes:
        first = 4 + 1  # header rows 2-3, 合计 row 4: lines from sheet row 5 share 201 03 99
        last = len(sheet.rows) - 1
        for c in (0, 1, 2):
            for r in range(first + 1, last + 1):
                sheet.rows[r][c] = None
            sheet.merge(first, c, last, c)
    return sheet


def t02_sheet(
    name: str = "表2", *, name_header: str = "单位名称", total_label: str = "合计"
) -> Sheet:
    """表2 with a one-row header; `name_header`: how the unit name column is headed,
    `total_label`: how its 合计 row is labelled."""
    sheet = Sheet(name)
    sheet.add(T02_TITLE)
    sheet.add(None, None, None, None, None, "单位：元")
    sheet.add("单位编码", name_header, "合计", "一般公共预算拨款", "事业收入", "其他收入")
    sheet.add(None, total_label, 11463700.0, 11263700.0, 200000.0, None)
    sheet.add("179", DEPT, 11463700.0, 11263700.0, 200000.0, None)
    sheet.add("179001", DEPT, 11463700.0, 11263700.0, 200000.0, None)
    return sheet


def t02_expected() -> list[Row]:
    amounts = {
        "total": D("11463700.00"),
        "general_budget": D("11263700.00"),
        "business_income": D("200000.00"),
    }
    return [
        Row(None, "合计", None, dict(amounts), row_kind="total"),
        Row("179", DEPT, None, dict(amounts)),
        Row("179001", DEPT, None, dict(amounts)),
    ]


T13_TITLE = f"{YEAR}年部门综合预算“三公”经费及会议费、培训费支出预算表"


def t13_sheet(name: str = "表13", *, name_header: str = "单位名称") -> Sheet:
    """表13 with a one-row header; `name_header`: how the unit name column is headed."""
    sheet = Sheet(name)
    sheet.add(T13_TITLE)
    sheet.add(*[None] * 8, "单位：元")
    sheet.add("单位编码", name_header, "合计", "因公出国（境）费用", "公务用车购置费",
              "公务用车运行费", "公务接待费", "会议费", "培训费")  # fmt: skip
    for code, label in ((None, "合计"), ("179", DEPT)):
        sheet.add(code, label, 276000.0, None, None, None, 10000.0, 66000.0, 200000.0)
    return sheet


def t13_expected() -> list[Row]:
    amounts = {
        "total": D("276000.00"),
        "reception": D("10000.00"),
        "meeting": D("66000.00"),
        "training": D("200000.00"),
    }
    total = Row(None, "合计", None, dict(amounts), row_kind="total")
    return [total, Row("179", DEPT, None, amounts)]


T14_TITLE = f"{YEAR}年部门预算专项业务经费绩效目标表"
T14_PROJECTS = [
    ("一网通办业务经费", "500.00", "400.00", "100.00"),
    ("宣传经费", "80.50", "80.50", None),
]


def t14_sheet(name: str = "表14", *, inline: bool = False) -> Sheet:
    """表14, one block per project, figures in 万元; `inline`: each label cell holds its
    value too ("项目名称：…", "实施期资金总额：500.00万元"), as a form typed in Word."""
    sheet = Sheet(name)
    sheet.add(T14_TITLE)
    for project, total, fiscal, other in T14_PROJECTS:
        fields = [("项目名称", project), ("主管部门", DEPT), ("实施期资金总额", total),
                  ("其中：财政拨款", fiscal), ("其他资金", other)]  # fmt: skip
        for label, value in fields:
            figure = label not in ("项目名称", "主管部门")
            if inline:
                text = f"{label}：{value}万元" if figure and value else f"{label}：{value or '-'}"
                sheet.add(None, text) if figure else sheet.add(text)
            else:
                cell = float(D(value)) if figure and value else value
                sheet.add(None, label, cell) if figure else sheet.add(label, None, cell)
        sheet.add("年度绩效指标", "一级指标", "二级指标", "指标内容", "指标值")
        sheet.add(None, "产出指标", "数量指标", f"{project}完成事项数", "≥10项")
    return sheet


def t14_expected() -> list[Row]:
    rows = []
    for project, total, fiscal, other in T14_PROJECTS:
        amounts = {"total_funds": D(total) * WAN, "fiscal_funds": D(fiscal) * WAN}
        if other:
            amounts["other_funds"] = D(other) * WAN
        rows.append(Row(None, project, None, amounts, "funds"))
        rows.append(Row(None, f"{project}完成事项数", None, {}, "indicators"))
    return rows


def t12_expected() -> list[Row]:
    rows = []
    for lei, kuan, xiang, _unit, project, *_mid, qty, _dl, _dk, _gl, _gk, _month, amount in T12:
        code = f"{lei}{kuan}{xiang}" if lei else None
        amounts = {"quantity": D(qty), "amount": D(amount)}
        rows.append(Row(code, project, 3 if code else None, amounts,
                        row_kind="line" if code else "total"))  # fmt: skip
    return rows


def cover_sheet(name: str = "封面", *, style: str = "colon") -> Sheet:
    sheet = Sheet(name)
    sheet.add(f"{YEAR}年部门综合预算公开报表")
    sheet.add()
    if style == "colon":
        sheet.add("部门名称：" + DEPT)
    elif style == "next_cell":
        sheet.add("部门名称：", DEPT)
    elif style == "next_cell_no_colon":
        sheet.add("部门名称", None, DEPT)
    elif style == "stamp":
        sheet.add("部门名称（盖章）：" + DEPT)
    elif style == "unit_name":
        sheet.add("部门（单位）名称：" + DEPT)
    elif style == "spaced_label":
        sheet.add("部 门 名 称：", None, DEPT)
    elif style == "budget_unit":
        sheet.add("预算单位：" + DEPT)
    elif style == "stamp_after_name":
        sheet.add("部门名称：" + DEPT + "（盖章）")
    sheet.add("保密审查情况：已审查")
    sheet.add("部门主要负责人审签情况：已审签")
    return sheet


CATALOGUE = [
    ("表1", f"{YEAR}年部门综合预算收支总表", "否", None),
    ("表5", f"{YEAR}年部门综合预算一般公共预算支出明细表（按支出功能分类科目）", "否", None),
    ("表6", f"{YEAR}年部门综合预算一般公共预算支出明细表（按支出经济分类科目）", "否", None),
    ("表9", f"{YEAR}年部门综合预算政府性基金收支表", "是", "不涉及"),
    ("表12", f"{YEAR}年部门综合预算政府采购（资产配置、购买服务）预算表", "否", None),
]


def catalogue_rows(
    sheet: Sheet, *, empty_header: str = "是否空表", marks: tuple[str, str] = ("是", "否")
) -> None:
    """`marks`: how 是 and 否 are typed in the 是否空表 column."""
    sheet.add("目录")
    sheet.add("报表", "报表名称", empty_header, "公开空表理由")
    for number, title, empty, reason in CATALOGUE:
        sheet.add(number, title, marks[0] if empty == "是" else marks[1], reason)
    sheet.add("注：1、封面和目录的格式不得随意改变。2、公开空表一定要在目录说明理由。")


def catalogue_sheet(name: str = "目录", **kwargs) -> Sheet:
    sheet = Sheet(name)
    catalogue_rows(sheet, **kwargs)
    return sheet


# ---- 表1 numbering --------------------------------------------------------------------------

_CN = "一二三四五六七八九十"
_ENCLOSED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
NUMBERING = {
    # level 0 (一、), level 1 (1、), level 2 (（1）) written as …
    "seed": ("{cn}、", "{n}、", "（{n}）"),
    "dots": ("{cn}.", "{n}.", "({n})"),
    "enclosed": ("{cn}、", "{n}.", "{enc}"),
    "chinese_paren": ("{cn}、", "（{cn}）", "{n}）"),
    "circled": ("{cn}、", "{n}、", "{circ}"),
    "half_paren_dot": ("{cn}、", "{n})", "({n})、"),
    "fullwidth_dot": ("{cn}．", "{n}．", "（{n}）"),
}


def _split_number(label: str) -> tuple[int | None, int, str]:
    """Seed label → (level, ordinal, bare label)."""
    for level, prefix in ((0, "([一二三四五六七八九十])、"), (1, r"(\d+)、"), (2, r"（(\d+)）")):
        import re

        m = re.match(prefix + "(.*)$", label)
        if m:
            g = m.group(1)
            n = _CN.index(g) + 1 if level == 0 else int(g)
            return level, n, m.group(2)
    return None, 0, label


def renumber(style: str) -> Callable[[str], str]:
    def fmt(label: str) -> str:
        level, n, bare = _split_number(label)
        if level is None:
            return label
        pattern = NUMBERING[style][level]
        return pattern.format(cn=_CN[n - 1], n=n, enc=_ENCLOSED[n - 1], circ=_CIRCLED[n - 1]) + bare

    return fmt


def bare_label(label: str) -> str:
    return _split_number(label)[2]


# ---- the variants -------------------------------------------------------------------------


def _t05(name: str, warn: str | None = None, **kwargs) -> Callable[[], Case]:
    return lambda: t05_case(name, T05Layout(**kwargs), warn=warn)


def _ascii_text(v: str) -> str:
    return f"{D(v):,.2f}"


T05_VARIANTS: dict[str, Callable[[], Case]] = {
    "seed_layout": _t05("seed_layout"),
    # codes omitted, hierarchy by indentation (DOMAIN.md §3)
    "indent_spaces": _t05("indent_spaces", "T05", code_style="indent", indent="  "),
    "indent_four_spaces": _t05("indent_four_spaces", "T05", code_style="indent", indent="    "),
    "indent_fullwidth": _t05("indent_fullwidth", "T05", code_style="indent", indent="\u3000"),
    "indent_nbsp": _t05("indent_nbsp", "T05", code_style="indent", indent="\xa0\xa0"),
    "indent_blank_code_column": _t05(
        "indent_blank_code_column", "T05", code_style="indent_blank_code", indent="\u3000"
    ),
    "indent_cell_format": _t05("indent_cell_format", "T05", code_style="align_indent"),
    # code and name in one cell
    "combined_space": _t05("combined_space", code_style="combined"),
    "combined_tight": _t05("combined_tight", code_style="combined", combined_format="{code}{name}"),
    "combined_brackets": _t05(
        "combined_brackets", code_style="combined", combined_format="[{code}]{name}"
    ),
    "combined_cn_brackets": _t05(
        "combined_cn_brackets", code_style="combined", combined_format="【{code}】{name}"
    ),
    "combined_fullwidth_space": _t05(
        "combined_fullwidth_space", code_style="combined", combined_format="{code}\u3000{name}"
    ),
    "combined_dash": _t05("combined_dash", code_style="combined", combined_format="{code}-{name}"),
    "combined_under_name_header": _t05(
        "combined_under_name_header",
        code_style="combined",
        headers={"name": "功能科目名称"},
    ),
    "combined_under_subject_header": _t05(
        "combined_under_subject_header", code_style="combined", headers={"name": "科目名称"}
    ),
    # codes typed oddly
    "codes_dot_zero": _t05("codes_dot_zero", code_format=lambda c: c + ".0"),
    "codes_trailing_space": _t05("codes_trailing_space", code_format=lambda c: c + " "),
    "codes_leading_space": _t05("codes_leading_space", code_format=lambda c: "  " + c),
    "codes_float": _t05("codes_float", code_format=float),
    "codes_fullwidth": _t05(
        "codes_fullwidth",
        code_format=lambda c: c.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    ),
    # 类/款/项 in split columns (款 and 项 typed as numbers lose their leading zero)
    "split_codes_text": _t05("split_codes_text", code_style="split"),
    "split_codes_numbers": _t05("split_codes_numbers", code_style="split", code_format=int),
    # column order and presence
    "public_before_personnel_total_last": _t05(
        "public_before_personnel_total_last",
        columns=("code", "name", "public", "personnel", "project", "total", "note"),
    ),
    "extra_columns": _t05(
        "extra_columns",
        columns=(
            "code",
            "name",
            "total",
            "personnel",
            "public",
            "project",
            "carryover",
            "gov_fund",
            "note",
        ),  # fmt: skip
    ),
    "name_header_xiangmu": _t05(
        "name_header_xiangmu", headers={"code": "科目编码", "name": "项目"}
    ),
    "no_note_column": _t05(
        "no_note_column", columns=("code", "name", "total", "personnel", "public", "project")
    ),
    "total_header_zongji_with_basic_subtotal": _t05(
        "total_header_zongji_with_basic_subtotal",
        columns=("code", "name", "total", "basic_subtotal", "personnel", "public", "project"),
        headers={"total": "总计", "basic_subtotal": "基本支出小计"},
    ),
    "project_header_xiangmu": _t05(
        "project_header_xiangmu", headers={"project": "项目支出", "personnel": "人员经费"}
    ),
    "no_project_column": _t05(
        "no_project_column", columns=("code", "name", "total", "personnel", "public", "note")
    ),
    "name_before_code": _t05(
        "name_before_code",
        columns=("name", "code", "total", "personnel", "public", "project", "note"),
    ),
    # titles
    "title_merged": _t05("title_merged", title_cells="merged"),
    "title_department_first": _t05(
        "title_department_first",
        title=f"{DEPT}{YEAR}年部门综合预算一般公共预算支出明细表（按支出功能分类科目-不含上年结转）",
    ),
    "title_number_same_cell": _t05("title_number_same_cell", title_cells="number_same_cell"),
    "title_number_own_cell": _t05("title_number_own_cell", title_cells="number_cell"),
    "title_extra_spaces": _t05(
        "title_extra_spaces",
        title=f" {YEAR} 年  部门综合预算  一般公共预算支出明细表 （按支出功能分类科目）  ",
    ),
    "title_unit_in_row": _t05("title_unit_in_row", title_cells="unit_right"),
    # the year in Chinese numerals, as on a printed cover ("二〇二一年", "二零二一年")
    "title_year_chinese_ling": _t05(
        "title_year_chinese_ling", title=T05_TITLE.replace(f"{YEAR}年", "二〇二一年")
    ),
    "title_year_chinese_zero": _t05(
        "title_year_chinese_zero", title=T05_TITLE.replace(f"{YEAR}年", "二零二一年度")
    ),
    "title_with_unit_in_cell": _t05(
        "title_with_unit_in_cell", title=T05_TITLE + "  单位：万元", unit_cell="none", wan_places=2
    ),
    "title_two_lines_in_cell": _t05(
        "title_two_lines_in_cell",
        title=f"{YEAR}年部门综合预算\n一般公共预算支出明细表（按支出功能分类科目-不含上年结转）",
    ),
    # units
    "unit_amount_wan": _t05("unit_amount_wan", unit="金额单位：万元", wan_places=2),
    "unit_halfwidth_colon": _t05("unit_halfwidth_colon", unit="单位:万元", wan_places=2),
    "unit_in_brackets": _t05("unit_in_brackets", unit="（单位：万元）", wan_places=2),
    "unit_merged": _t05("unit_merged", unit="单位：万元", unit_cell="merged", wan_places=2),
    "unit_left": _t05("unit_left", unit="单位：万元", unit_cell="left", wan_places=2),
    "unit_spaced_wan": _t05("unit_spaced_wan", unit="单位： 万 元", wan_places=2),
    "unit_rmb_wan": _t05("unit_rmb_wan", unit="单位：人民币万元", wan_places=2),
    "unit_in_title_row_wan": _t05(
        "unit_in_title_row_wan", title_cells="unit_right", unit="单位：万元", wan_places=2
    ),
    "wan_four_decimals": _t05("wan_four_decimals", unit="单位：万元", wan_places=4),
    "wan_six_decimals": _t05("wan_six_decimals", unit="单位：万元", wan_places=6),
    "wan_four_decimals_text": _t05(
        "wan_four_decimals_text",
        unit="单位：万元",
        wan_places=4,
        amount_format=lambda v: f"{D(v) / WAN:.4f}",
    ),
    # amount cells
    "amounts_text_yuan_suffix": _t05(
        "amounts_text_yuan_suffix", amount_format=lambda v: _ascii_text(v) + "元"
    ),
    "amounts_text_wan_suffix": _t05(
        "amounts_text_wan_suffix", amount_format=lambda v: f"{D(v) / WAN:.4f}万元"
    ),
    "amounts_fullwidth_text": _t05(
        "amounts_fullwidth_text",
        amount_format=lambda v: _ascii_text(v).translate(
            str.maketrans("0123456789,.", "０１２３４５６７８９，．")
        ),
    ),
    "amounts_yen_sign": _t05("amounts_yen_sign", amount_format=lambda v: "¥" + _ascii_text(v)),
    "blank_as_zero_text": _t05("blank_as_zero_text", blank="0.00"),
    "blank_as_dash": _t05("blank_as_dash", blank="-"),
    "blank_as_fullwidth_space": _t05("blank_as_fullwidth_space", blank="\u3000"),
    "blank_as_wu": _t05("blank_as_wu", blank="无"),
    # rows around the data
    "empty_rows_inside": _t05("empty_rows_inside", blank_rows_after=(0, 3, 4)),
    "footnote_after": _t05("footnote_after", footnote="注：本表不含上年结转。"),
    "footnote_explanation_after": _t05(
        "footnote_explanation_after", footnote="填表说明：本表反映部门当年一般公共预算支出。"
    ),
    "footnote_remark_after": _t05("footnote_remark_after", footnote="备注：无"),
    "footnote_numbered": _t05("footnote_numbered", footnote="注1：本表金额为当年预算数。"),
    "footnote_source": _t05("footnote_source", footnote="数据来源：2021年部门预算批复。"),
    "signature_line_one_cell": _t05(
        "signature_line_one_cell", footnote="单位负责人：张三    财务负责人：李四    填表人：王五"
    ),
    "signature_line_cells": _t05(
        "signature_line_cells",
        footnote=("单位负责人：", "财务负责人：", "制表人：", "报送日期：2021年2月1日"),
    ),
    # headers
    "header_two_rows": _t05("header_two_rows", header_rows=2),
    "header_three_rows": _t05("header_three_rows", header_rows=3),
    "header_three_rows_unmerged": _t05(
        "header_three_rows_unmerged", header_rows=3, header_merges=False
    ),
    "header_two_rows_unmerged": _t05(
        "header_two_rows_unmerged", header_rows=2, header_merges=False
    ),
    "header_three_rows_split_codes": _t05(
        "header_three_rows_split_codes", code_style="split", code_format=int
    ),
    "offset_and_wan": _t05("offset_and_wan", offset=(3, 2), unit="单位：万元", wan_places=2),
}


def negative_case() -> Case:
    """Every figure negative (a correction sheet): "-1,000.00", "(1,000.00)", "（1,000.00）"."""
    styles = [
        lambda v: "-" + _ascii_text(v),
        lambda v: "(" + _ascii_text(v) + ")",
        lambda v: "（" + _ascii_text(v) + "）",
    ]
    counter = iter(range(10_000))
    layout = T05Layout(amount_format=lambda v: styles[next(counter) % 3](v))
    rows = t05_expected()
    for row in rows:
        row.amounts = {m: -v for m, v in row.amounts.items()}
    return Case("negative_amounts", [t05_sheet(layout)], "T05", rows)


def negative_numbers_case() -> Case:
    layout = T05Layout(amount_format=lambda v: -float(D(v)))
    rows = t05_expected()
    for row in rows:
        row.amounts = {m: -v for m, v in row.amounts.items()}
    return Case("negative_numbers", [t05_sheet(layout)], "T05", rows)


def _bare(rows: list[Row]) -> list[Row]:
    """The rows with their labels' list numbering dropped, as the parser stores them."""
    for row in rows:
        row.label = bare_label(row.label)
    return rows


def t01_case(style: str) -> Case:
    fmt = renumber(style)
    return Case(f"t01_numbering_{style}", [t01_sheet(numbering=fmt)], "T01", _bare(t01_expected()))


def _uncoded(rows: list[Row]) -> list[Row]:
    for row in rows:
        row.code = None
    return rows


def t06_case(name: str, **kwargs) -> Case:
    case = Case(name, [t06_sheet(**kwargs)], "T06", t06_expected())
    for code, _, gcode, gname, *_ in T06:
        if gcode:
            case.attributes[(code, "gov_econ_code")] = gcode
            case.attributes[(code, "gov_econ_name")] = gname
    return case


def hidden_stale_copy_case() -> Case:
    """A hidden sheet, first in the workbook, keeps last year's 表5 (other figures); the
    visible sheet holds this year's. The visible table is the disclosure."""
    stale = t05_sheet(T05Layout(title=T05_TITLE.replace(str(YEAR), str(YEAR - 1))), "底稿")
    for row in stale.rows[3:]:
        for i, v in enumerate(row):
            if isinstance(v, float):
                row[i] = v + 1000
    stale.hidden = True
    return Case("hidden_stale_copy", [stale, t05_sheet(T05Layout())], "T05", t05_expected())


def hidden_only_copy_case() -> Case:
    """表6 exists only on a hidden sheet: its figures are still the department's."""
    sheet = t06_sheet()
    sheet.hidden = True
    return Case("hidden_only_copy", [t05_sheet(T05Layout()), sheet], "T06", t06_expected())


def continuation_case(style: str) -> Case:
    """表5 runs over two sheets; the second starts with a continuation title and the
    header again."""
    whole = t05_sheet(T05Layout())
    first = Sheet("表5", whole.rows[:7], list(whole.merges))  # title, unit, header, 4 rows
    second = Sheet("表5（续）")
    if style == "title":
        second.add(T05_TITLE + "（续表）")
    elif style == "label":
        second.add("续表5")
    elif style == "number_paren":
        second.add("表5（续）")
    elif style == "xu_biao":
        second.add("续表")
    elif style == "no_mark":
        second.name = "Sheet2"
    second.add(None, None, None, None, None, None, "单位：元")
    second.rows.append(list(whole.rows[2]))
    second.rows.extend(whole.rows[7:])
    return Case(f"continued_{style}", [first, second], "T05", t05_expected())


def empty_table_case() -> Case:
    """表9-style empty table: header and a 合计 row of blanks only."""
    sheet = Sheet("表5")
    sheet.add(T05_TITLE)
    sheet.add(None, None, None, None, None, None, "单位：元")
    sheet.add(
        *[
            HEADER_TEXT[c]
            for c in ("code", "name", "total", "personnel", "public", "project", "note")
        ]
    )
    sheet.add(None, "合计", None, None, None, None, None)
    return Case(
        "empty_table_blank_total", [sheet], "T05", [Row(None, "合计", None, {}, row_kind="total")]
    )


def label_only_case(label: str | None, sheet_name: str = "Sheet2") -> Case:
    """表5 whose title row was deleted: only its "表5" label heads the sheet, or (label
    None) only the sheet's name says 表5. The year comes from 表1's title."""
    sheet = t05_sheet(T05Layout(title=""), sheet_name)
    assert not any(sheet.rows[0])  # the title row, left empty
    if label is None:
        del sheet.rows[0]  # the unit line is the first row
    else:
        sheet.rows[0] = [label]
    name = f"title_deleted_label_{label or sheet_name}"
    return Case(name, [t01_sheet(), sheet], "T05", t05_expected(), "T05")


def one_sheet_case() -> Case:
    """Cover, catalogue and four tables one after another on a single sheet."""
    sheet = cover_sheet("公开报表")
    sheet.add()
    catalogue_rows(sheet)
    for block in (t01_sheet(), t05_sheet(T05Layout()), t06_sheet(), t12_sheet()):
        sheet.add()
        sheet.add(block.name)
        base = len(sheet.rows)
        sheet.rows.extend(block.rows)
        sheet.merges.extend((r0 + base, c0, r1 + base, c1) for r0, c0, r1, c1 in block.merges)
    return Case("all_on_one_sheet", [sheet], "T05", t05_expected())


def shared_sheet_label_case(probe: str) -> Case:
    """表1 and then 表12 on one sheet, 表12's title row deleted but its "表12" label
    kept: the label starts 表12 and ends 表1 (whose pairs would otherwise read on into
    表12's rows and stop at its unit line)."""
    sheet = t01_sheet("公开报表")
    block = t12_sheet()
    assert block.rows[0] == [T12_TITLE]
    block.rows[0] = ["表12"]
    sheet.add()
    base = len(sheet.rows)
    sheet.rows.extend(block.rows)
    sheet.merges.extend((r0 + base, c0, r1 + base, c1) for r0, c0, r1, c1 in block.merges)
    if probe == "T12":
        return Case("shared_sheet_label_t12", [sheet], "T12", t12_expected(), "T12")
    return Case("shared_sheet_label_t01", [sheet], "T01", _bare(t01_expected()), "T12")


def cover_case(style: str, *, together: bool = False, catalogue: bool = True,
               empty_header: str = "是否空表", last: bool = False,
               marks: tuple[str, str] = ("是", "否")) -> Case:  # fmt: skip
    """`last`: the cover is the workbook's last sheet, after a 表2 whose header has a
    单位名称 column (a header cell, not the cover's 部门名称 line)."""
    sheets = [cover_sheet(style=style)]
    if together and catalogue:
        sheets[0].add()
        catalogue_rows(sheets[0], empty_header=empty_header, marks=marks)
    elif catalogue:
        sheets.append(catalogue_sheet(empty_header=empty_header, marks=marks))
    sheets += [t05_sheet(T05Layout()), t06_sheet()]
    if last:
        sheets = [t02_sheet(), *sheets[1:], sheets[0]]
    name = f"cover_{style}" + ("_with_catalogue" if together else "") + ("_last" if last else "")
    name += "" if catalogue else "_no_catalogue"
    name += "" if empty_header == "是否空表" else f"_{empty_header}"
    name += "" if marks == ("是", "否") else f"_{'_'.join(marks)}"
    return Case(name, sheets, "T05", t05_expected())


CASES: dict[str, Callable[[], Case]] = {
    **{f"t05_{k}": v for k, v in T05_VARIANTS.items()},
    "t05_negative_amounts": negative_case,
    "t05_negative_numbers": negative_numbers_case,
    **{f"t01_numbering_{s}": (lambda s=s: t01_case(s)) for s in NUMBERING},
    # the amount header dated ("2021年预算数") is a second header row, not a data row
    "t01_amount_header_dated": lambda: Case(
        "t01_amount_header_dated",
        [t01_sheet(amount_header="2021年预算数")],
        "T01",
        _bare(t01_expected()),
    ),  # fmt: skip
    "t01_amount_header_with_unit": lambda: Case(
        "t01_amount_header_with_unit",
        [t01_sheet(amount_header="金额（元）")],
        "T01",
        _bare(t01_expected()),
    ),  # fmt: skip
    "t01_header_repeated": lambda: Case(
        "t01_header_repeated", [t01_sheet(repeat_header_at=4)], "T01", _bare(t01_expected())
    ),
    "t01_prior_year_column": lambda: Case(
        "t01_prior_year_column",
        [t01_sheet(amount_header="本年预算数", prior_year=True)],
        "T01",
        _bare(t01_expected()),
    ),  # fmt: skip
    "t06_seed_layout": lambda: t06_case("t06_seed_layout"),
    "t06_codes_dot_zero": lambda: t06_case("t06_codes_dot_zero", code_format=lambda c: c + ".0"),
    "t06_codes_int": lambda: t06_case("t06_codes_int", code_format=int),
    "t06_gov_code_and_name_in_one_cell": lambda: t06_case(
        "t06_gov_code_and_name_in_one_cell", gov_combined=True
    ),
    "t12_kuan_as_numbers": lambda: Case(
        "t12_kuan_as_numbers", [t12_sheet()], "T12", t12_expected()
    ),
    "t12_kuan_as_text": lambda: Case(
        "t12_kuan_as_text", [t12_sheet(kuan_as_number=False)], "T12", t12_expected()
    ),
    "t06_indent_no_codes": lambda: Case(
        "t06_indent_no_codes", [t06_sheet(indent="\u3000")], "T06", _uncoded(t06_expected()), "T06"
    ),
    "t06_gov_merged_down": lambda: t06_case("t06_gov_merged_down", merge_gov=True),
    # the next sheet is a function-code table whose title was deleted: not 表6's rows
    "t06_then_untitled_function_table": lambda: Case(
        "t06_then_untitled_function_table",
        [t06_sheet(), t05_sheet(T05Layout(title=""), "表7")],
        "T06",
        t06_expected(),
    ),
    "t02_seed_layout": lambda: Case("t02_seed_layout", [t02_sheet()], "T02", t02_expected()),
    "t14_seed_layout": lambda: Case(
        "t14_seed_layout", [t14_sheet()], "T14", t14_expected(), multiplier=10000
    ),
    "t14_values_in_label_cells": lambda: Case(
        "t14_values_in_label_cells",
        [t14_sheet(inline=True)],
        "T14",
        t14_expected(),
        multiplier=10000,
    ),  # fmt: skip
    "t13_seed_layout": lambda: Case("t13_seed_layout", [t13_sheet()], "T13", t13_expected()),
    "t13_name_header_danwei": lambda: Case(
        "t13_name_header_danwei", [t13_sheet(name_header="单位")], "T13", t13_expected()
    ),
    "t02_total_label_colon": lambda: Case(
        "t02_total_label_colon", [t02_sheet(total_label="合计：")], "T02", t02_expected()
    ),
    "t02_name_header_danwei": lambda: Case(
        "t02_name_header_danwei", [t02_sheet(name_header="单位")], "T02", t02_expected()
    ),
    # the short headers of simplified sheets: the 政府经济科目编码 column keeps its own
    "t06_headers_kemu_bianma_xiangmu": lambda: t06_case(
        "t06_headers_kemu_bianma_xiangmu", code_header="科目编码", name_header="项目"
    ),
    "t06_headers_bianma_mingcheng": lambda: t06_case(
        "t06_headers_bianma_mingcheng", code_header="编码", name_header="科目名称"
    ),
    "t12_codes_merged_down": lambda: Case(
        "t12_codes_merged_down", [t12_sheet(merge_codes=True)], "T12", t12_expected()
    ),
    "t12_quantity_with_unit": lambda: Case(
        "t12_quantity_with_unit", [t12_sheet(quantity_unit=True)], "T12", t12_expected()
    ),
    # a dash or slash where a line has no code: no code, not a malformed one
    **{
        f"t12_no_code_as_{name}": (
            lambda mark=mark, name=name: Case(
                f"t12_no_code_as_{name}", [t12_sheet(no_code=mark)], "T12", t12_expected()
            )
        )
        for name, mark in (("dash", "-"), ("emdash", "—"), ("fullwidth_dash", "－"), ("slash", "/"))
    },
    "hidden_stale_copy": hidden_stale_copy_case,
    "hidden_only_copy": hidden_only_copy_case,
    **{
        f"continued_{s}": (lambda s=s: continuation_case(s))
        for s in ("title", "label", "number_paren", "xu_biao", "no_mark")
    },  # fmt: skip
    "empty_table_blank_total": empty_table_case,
    "all_on_one_sheet": one_sheet_case,
    "shared_sheet_label_t12": lambda: shared_sheet_label_case("T12"),
    "shared_sheet_label_t01": lambda: shared_sheet_label_case("T01"),
    "title_deleted_label_digits": lambda: label_only_case("表5"),
    "title_deleted_label_chinese": lambda: label_only_case("表五"),
    "title_deleted_sheet_name": lambda: label_only_case(None, "表5"),
    "title_deleted_sheet_name_chinese": lambda: label_only_case(None, "表五"),
    "cover_colon": lambda: cover_case("colon"),
    "cover_next_cell": lambda: cover_case("next_cell"),
    "cover_next_cell_no_colon": lambda: cover_case("next_cell_no_colon"),
    "cover_stamp": lambda: cover_case("stamp"),
    "cover_unit_name": lambda: cover_case("unit_name"),
    "cover_spaced_label": lambda: cover_case("spaced_label"),
    "cover_budget_unit": lambda: cover_case("budget_unit"),
    "cover_stamp_after_name": lambda: cover_case("stamp_after_name"),
    "cover_last_sheet": lambda: cover_case("colon", last=True),
    "cover_next_cell_last_sheet": lambda: cover_case("next_cell_no_colon", last=True),
    "cover_with_catalogue": lambda: cover_case("colon", together=True),
    "cover_no_catalogue": lambda: cover_case("colon", catalogue=False),
    "catalogue_header_wei": lambda: cover_case("colon", empty_header="是否为空表"),
    "catalogue_header_yes_no": lambda: cover_case("colon", empty_header="是否空表（是/否）"),
    "catalogue_marks_tick": lambda: cover_case("colon", marks=("√", "×")),
    "catalogue_marks_noted": lambda: cover_case("colon", marks=("是（空表）", "否（非空表）")),
    "catalogue_marks_words": lambda: cover_case("colon", marks=("空表", "非空表")),
}


# ---- truly unreadable: the parser must name file, sheet and cell ----------------------------


def unreadable_cases() -> dict[str, tuple[list[Sheet], str, str, str]]:
    """name → (sheets, reason, sheet, cell). An amount that is no number (an Excel error
    pasted as values, a note typed into an amount cell) cannot be guessed."""
    cases = {}
    for name, text in (("ref_error", "#REF!"), ("div_error", "#DIV/0!"), ("see_note", "见附表")):
        sheet = t05_sheet(T05Layout())
        sheet.rows[6][3] = text  # 2010350's 人员经费, sheet cell D7
        cases[f"amount_{name}"] = ([sheet], "non_numeric_amount", "表5", "D7")
    sheet = t05_sheet(T05Layout())
    sheet.rows[3][2] = "=SUM(C5,C9)"  # 合计 as a formula saved without its value (C4)
    cases["amount_formula_without_value"] = ([sheet], "non_numeric_amount", "表5", "C4")
    sheet = t05_sheet(T05Layout())
    sheet.rows[6][0] = "20103五0"
    cases["code_with_a_chinese_digit"] = ([sheet], "malformed_code", "表5", "A7")
    return cases
