"""Builders for the Shaanxi provincial template: cover, 目录 and 表1–表13 as grids.

Header texts and merged header cells follow the 2021 seed disclosure (表2, 表3 and 表13,
lost from the seed text, follow the template's usual shape). Builders take semantic content
(codes, labels, Decimal amounts in the printed unit) and return a `Grid` whose `body_meta`
says, per printed row, which measures it carries (`RowTruth`). 表14–表16 live in
`performance.py`.
"""

from __future__ import annotations

from decimal import Decimal

from dagster_project.lib.workbooks.grid import CellValue, Grid, Merge
from dagster_project.lib.workbooks.layout import (
    Column,
    ListRow,
    RowTruth,
    build_list_table,
    row_kind_of,
    strip_numbering,
)

Amount = Decimal | None
SideEntry = tuple[str, Amount]

CATALOGUE_NAMES = {
    "T01": "{y}年部门综合预算收支总表",
    "T02": "{y}年部门综合预算收入总表",
    "T03": "{y}年部门综合预算支出总表",
    "T04": "{y}年部门综合预算财政拨款收支总表",
    "T05": "{y}年部门综合预算一般公共预算支出明细表（按支出功能分类科目）",
    "T06": "{y}年部门综合预算一般公共预算支出明细表（按支出经济分类科目）",
    "T07": "{y}年部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）",
    "T08": "{y}年部门综合预算一般公共预算基本支出明细表（按支出经济分类科目）",
    "T09": "{y}年部门综合预算政府性基金收支表",
    "T10": "{y}年部门综合预算专项业务经费支出表",
    "T11": "{y}年部门综合预算财政拨款上年结转资金支出表",
    "T12": "{y}年部门综合预算政府采购（资产配置、购买服务）预算表",
    "T13": "{y}年部门综合预算一般公共预算拨款“三公”经费及会议费、培训费支出预算表",
    "T14": "{y}年部门专项业务经费绩效目标表",
    "T15": "{y}年部门整体支出绩效目标表",
    "T16": "{y}年专项资金总体绩效目标表",
}

TABLE_TITLES = {
    **CATALOGUE_NAMES,
    "T05": "{y}年部门综合预算一般公共预算支出明细表（按支出功能分类科目-不含上年结转）",
    "T06": "{y}年部门综合预算一般公共预算支出明细表（按支出经济分类科目-不含上年结转）",
    "T07": "{y}年部门综合预算一般公共预算基本支出明细表（按支出功能分类科目-不含上年结转）",
    "T08": "{y}年部门综合预算一般公共预算基本支出明细表（支出经济分类科目-不含上年结转）",
    "T09": "{y}年部门综合预算政府性基金收支表（不含上年结转）",
    "T10": "{y}年部门综合预算专项业务经费支出表（不含上年结转）",
    "T12": "{y}年部门综合预算政府采购（资产配置、购买服务）预算表（不含上年结转）",
    "T14": "{y}年部门预算专项业务经费绩效目标表",
}

CATALOGUE_FOOTNOTE = (
    "注：1、封面和目录的格式不得随意改变。2、公开空表一定要在目录说明理由。"
    "3、市县部门涉及公开扶贫项目资金绩效目标表的，请在重点项目绩效目标表中添加公开。"
)


def table_no(table_id: str) -> int:
    return int(table_id[1:])


def title_for(table_id: str, year: int) -> str:
    return TABLE_TITLES[table_id].format(y=year)


# --- cover and catalogue -------------------------------------------------------------


def build_cover(year: int, department_name: str) -> Grid:
    return Grid(
        title=f"{year}年部门综合预算公开报表",
        header_rows=[],
        body=[
            [f"部门名称：{department_name}"],
            ["保密审查情况：已审查"],
            ["部门主要负责人审签情况：已审签"],
        ],
        table_id="cover",
    )


def build_catalogue(year: int, empty: dict[str, str | None]) -> Grid:
    """目录: `empty` maps table ids marked 是否空表=是 to their 公开空表理由."""
    body: list[list[CellValue]] = []
    for n in range(1, 17):
        tid = f"T{n:02d}"
        is_empty = tid in empty
        body.append(
            [
                f"表{n}",
                CATALOGUE_NAMES[tid].format(y=year),
                "是" if is_empty else "否",
                empty.get(tid) if is_empty else None,
            ]
        )
    return Grid(
        title="目录",
        header_rows=[["报表", "报表名称", "是否空表", "公开空表理由"]],
        body=body,
        footnotes=[CATALOGUE_FOOTNOTE],
        table_id="catalogue",
    )


# --- 表1 / 表4 / 表9: income ‖ three expenditure views ----------------------------------

SUMMARY_SECTIONS = (
    "income",
    "expenditure_function",
    "expenditure_dept_econ",
    "expenditure_gov_econ",
)

SUMMARY_HEADER: list[list[CellValue]] = [
    ["收 入", None, "支 出", None, None, None, None, None],
    [
        "项 目",
        "预算数",
        "支出功能分类科目（按大类）",
        "预算数",
        "部门预算支出经济分类科目（按大类）",
        "预算数",
        "政府预算支出经济分类科目（按大类）",
        "预算数",
    ],
]


def build_summary_table(
    *,
    table_id: str,
    year: int,
    sections: dict[str, list[SideEntry]],
    footer: list[list[SideEntry | None]],
    table_label: str | None = None,
    unit_text: str = "单位：元",
) -> Grid:
    """表1/表4/表9. `sections` lists (printed label, amount) per section, top-aligned;
    `footer` rows hold one entry (or None) per section, aligned across the four views."""
    upper = max(len(sections.get(s, [])) for s in SUMMARY_SECTIONS)
    rows: list[list[SideEntry | None]] = []
    for i in range(upper):
        rows.append(
            [sections[s][i] if i < len(sections.get(s, [])) else None for s in SUMMARY_SECTIONS]
        )
    rows.extend(footer)
    body: list[list[CellValue]] = []
    meta: list[list[RowTruth]] = []
    for row in rows:
        cells: list[CellValue] = []
        truths: list[RowTruth] = []
        for section, entry in zip(SUMMARY_SECTIONS, row, strict=True):
            if entry is None:
                cells.extend([None, None])
                continue
            label_raw, amount = entry
            cells.extend([label_raw, amount])
            label = strip_numbering(label_raw)
            truths.append(RowTruth(section, None, label, row_kind_of(label), {"amount": amount}))
        body.append(cells)
        meta.append(truths)
    return Grid(
        title=title_for(table_id, year),
        header_rows=[list(r) for r in SUMMARY_HEADER],
        header_merges=[Merge(0, 0, 0, 1), Merge(0, 2, 0, 7)],
        body=body,
        body_meta=meta,
        table_label=table_label,
        unit_text=unit_text,
        table_id=table_id,
    )


# --- list tables ---------------------------------------------------------------------

T02_COLUMNS = [
    Column(("单位编码",), "code", "code"),
    Column(("单位名称",), "label", "label"),
    Column(("合计",), "total", "amount"),
    Column(("财政拨款", "小计"), "fiscal_subtotal", "amount"),
    Column(("财政拨款", "一般公共预算拨款"), "general_budget", "amount"),
    Column(("财政拨款", "政府性基金拨款"), "gov_fund", "amount"),
    Column(("财政拨款", "国有资本经营预算收入"), "state_capital", "amount"),
    Column(("上级补助收入",), "superior_subsidy", "amount"),
    Column(("事业收入",), "business_income", "amount"),
    Column(("事业单位经营收入",), "operating_income", "amount"),
    Column(("附属单位上缴收入",), "affiliated_income", "amount"),
    Column(("其他收入",), "other_income", "amount"),
    Column(("用事业基金弥补收支差额",), "business_fund", "amount"),
    Column(("上年结转",), "carryover", "amount"),
]
T03_COLUMNS = [
    Column(("功能科目编码",), "code", "code"),
    Column(("功能科目名称",), "label", "label"),
    Column(("合计",), "total", "amount"),
    Column(("基本支出", "小计"), "basic_subtotal", "amount"),
    Column(("基本支出", "人员经费"), "personnel", "amount"),
    Column(("基本支出", "公用经费"), "public", "amount"),
    Column(("专项业务经费",), "project", "amount"),
    Column(("上缴上级支出",), "remit_superior", "amount"),
    Column(("事业单位经营支出",), "operating", "amount"),
    Column(("对附属单位补助支出",), "subsidy_affiliated", "amount"),
]
_FUNCTION_HEAD = [
    Column(("功能科目编码",), "code", "code"),
    Column(("功能科目名称",), "label", "label"),
]
_ECON_HEAD = [
    Column(("部门经济科目编码",), "code", "code"),
    Column(("部门经济科目名称",), "label", "label"),
    Column(("政府经济科目编码",), "gov_econ_code", "code"),
    Column(("政府经济科目名称",), "gov_econ_name", "text"),
]
_BASIC_MEASURES = [
    Column(("合计",), "total", "amount"),
    Column(("人员经费支出",), "personnel", "amount"),
    Column(("公用经费支出",), "public", "amount"),
]
_PROJECT = Column(("专项业务经费支出",), "project", "amount")
_NOTE = Column(("备注",), "note", "text")
T05_COLUMNS = [*_FUNCTION_HEAD, *_BASIC_MEASURES, _PROJECT, _NOTE]
T06_COLUMNS = [*_ECON_HEAD, *_BASIC_MEASURES, _PROJECT, _NOTE]
T07_COLUMNS = [*_FUNCTION_HEAD, *_BASIC_MEASURES, _NOTE]
T08_COLUMNS = [*_ECON_HEAD, *_BASIC_MEASURES, _NOTE]
T10_COLUMNS = [
    Column(("单位编码",), "code", "code"),
    Column(("单位（项目）名称",), "label", "label"),
    Column(("项目金额",), "amount", "amount"),
    Column(("项目简介",), "description", "text"),
]
T11_COLUMNS = [
    Column(("预算单位代码",), "unit_code", "text"),
    Column(("预算单位名称",), "unit_name", "text"),
    Column(("预算项目名称",), "label", "label"),
    Column(("金额",), "amount", "amount"),
    Column(("功能分类科目代码",), "function_code", "text"),
    Column(("功能分类科目名称",), "function_name", "text"),
    Column(("政府经济分类科目代码",), "gov_econ_code", "text"),
    Column(("政府经济分类科目名称",), "gov_econ_name", "text"),
    Column(("项目类别",), "project_category", "text"),
    Column(("资金性质",), "fund_nature", "text"),
    Column(("备注",), "note", "text"),
]
T11_FOOTNOTE = (
    "注：项目类别指基本支出或项目支出；"
    "资金性质指一般公共预算支出、政府性基金预算支出、国有资本经营预算支出等。"
)
T12_COLUMNS = [
    Column(("科目编码", "类"), "fn_class", "code_part"),
    Column(("科目编码", "款"), "fn_kuan", "code_part"),
    Column(("科目编码", "项"), "fn_xiang", "code_part"),
    Column(("单位编码",), "unit_code", "code"),
    Column(("采购项目",), "label", "label"),
    Column(("采购目录",), "catalogue", "text"),
    Column(("购买服务内容",), "service_content", "text"),
    Column(("规格型号",), "spec", "text"),
    Column(("数量",), "quantity", "quantity"),
    Column(("部门预算支出经济科目编码", "类"), "dept_class", "code_part"),
    Column(("部门预算支出经济科目编码", "款"), "dept_kuan", "code_part"),
    Column(("政府预算支出经济科目编码", "类"), "gov_class", "code_part"),
    Column(("政府预算支出经济科目编码", "款"), "gov_kuan", "code_part"),
    Column(("实施采购时间",), "month", "text"),
    Column(("预算金额",), "amount", "amount"),
    Column(("说明",), "note", "text"),
]
T13_COLUMNS = [
    Column(("单位编码",), "code", "code"),
    Column(("单位名称",), "label", "label"),
    Column(("合计",), "total", "amount"),
    Column(("因公出国（境）费用",), "overseas_travel", "amount"),
    Column(("公务用车购置及运行费", "小计"), "vehicle_total", "amount"),
    Column(("公务用车购置及运行费", "公务用车购置费"), "vehicle_purchase", "amount"),
    Column(("公务用车购置及运行费", "公务用车运行费"), "vehicle_operation", "amount"),
    Column(("公务接待费",), "reception", "amount"),
    Column(("会议费",), "meeting", "amount"),
    Column(("培训费",), "training", "amount"),
]

LIST_COLUMNS = {
    "T02": T02_COLUMNS,
    "T03": T03_COLUMNS,
    "T05": T05_COLUMNS,
    "T06": T06_COLUMNS,
    "T07": T07_COLUMNS,
    "T08": T08_COLUMNS,
    "T10": T10_COLUMNS,
    "T11": T11_COLUMNS,
    "T12": T12_COLUMNS,
    "T13": T13_COLUMNS,
}
LIST_FOOTNOTES = {"T11": [T11_FOOTNOTE]}


def build_list(
    table_id: str,
    year: int | None,
    rows: list[ListRow],
    *,
    table_label: str | None = None,
    unit_text: str = "单位：元",
    title: str | None = None,
) -> Grid:
    """Any of 表2, 表3, 表5–表8, 表10–表13 from its body rows.

    Row cells are keyed by column key (see the *_COLUMNS constants): "code", "label",
    measure names, attribute names, and for 表12 the split code parts.
    """
    return build_list_table(
        title=title or title_for(table_id, year or 0),
        columns=LIST_COLUMNS[table_id],
        rows=rows,
        table_id=table_id,
        table_label=table_label,
        unit_text=unit_text,
        footnotes=LIST_FOOTNOTES.get(table_id),
    )


def split_code(code: str, parts: tuple[int, ...]) -> list[str]:
    """'2010399' with (3, 2, 2) -> ['201', '03', '99'] (表12's 类/款/项 columns)."""
    out, start = [], 0
    for width in parts:
        out.append(code[start : start + width])
        start += width
    return out


# --- printed label lists of 表1 / 表4 / 表9 --------------------------------------------

FUNCTION_CLASSES: list[tuple[str, str]] = [
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("209", "社会保险基金支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"),
    ("216", "商业服务业等支出"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"),
    ("227", "预备费"),
    ("229", "其他支出"),
    ("230", "转移性支出"),
    ("231", "债务还本支出"),
    ("232", "债务付息支出"),
    ("233", "债务发行费用支出"),
]
GOV_ECON_CLASSES: list[tuple[str, str]] = [
    ("501", "机关工资福利支出"),
    ("502", "机关商品和服务支出"),
    ("503", "机关资本性支出（一）"),
    ("504", "机关资本性支出（二）"),
    ("505", "对事业单位经常性补助"),
    ("506", "对事业单位资本性补助"),
    ("507", "对企业补助"),
    ("508", "对企业资本性支出"),
    ("509", "对个人和家庭的补助"),
    ("510", "对社会保障基金补助"),
    ("511", "债务利息及费用支出"),
    ("512", "债务还本支出"),
    ("513", "转移性支出"),
    ("514", "预备费及预留"),
    ("599", "其他支出"),
]
T1_INCOME_LABELS = [
    "一、部门预算",
    "1、财政拨款",
    "（1）一般公共预算拨款",
    "其中：专项资金列入部门预算的项目",
    "（2）政府性基金拨款",
    "（3）国有资本经营预算收入",
    "2、上级补助收入",
    "3、事业收入",
    "其中：纳入财政专户管理的收费",
    "4、事业单位经营收入",
    "5、附属单位上缴收入",
    "6、其他收入",
]
T4_INCOME_LABELS = [
    "一、财政拨款",
    "1、一般公共预算拨款",
    "其中：专项资金列入部门预算的项目",
    "2、政府性基金拨款",
    "3、国有资本经营预算收入",
]
# Department-economic view: (printed label, key). Keys: basic/project x 类 code, or a total.
T1_DEPT_ECON: list[tuple[str, str]] = [
    ("1、人员经费和公用经费支出", "basic"),
    ("（1）工资福利支出", "basic:301"),
    ("（2）商品和服务支出", "basic:302"),
    ("（3）对个人和家庭的补助", "basic:303"),
    ("（4）资本性支出", "basic:310"),
    ("2、专项业务经费支出", "project"),
    ("（1）工资福利支出", "project:301"),
    ("（2）商品和服务支出", "project:302"),
    ("（3）对个人和家庭补助", "project:303"),
    ("（4）债务利息及费用支出", "project:307"),
    ("（5）资本性支出（基本建设）", "project:309"),
    ("（6）资本性支出", "project:310"),
    ("（7）对企业补助（基本建设）", "project:311"),
    ("（8）对企业补助", "project:312"),
    ("（9）对社会保障基金补助", "project:313"),
    ("（10）其他支出", "project:399"),
    ("3、上缴上级支出", "remit_superior"),
    ("4、事业单位经营支出", "operating"),
    ("5、对附属单位补助支出", "subsidy_affiliated"),
]
T9_FUNCTION_LABELS = [
    "一、科学技术支出",
    "二、文化旅游体育与传媒支出",
    "三、社会保障和就业支出",
    "四、节能环保支出",
    "五、城乡社区支出",
    "六、农林水支出",
    "七、交通运输支出",
    "八、资源勘探工业信息等支出",
    "九、金融支出",
    "十、其他支出",
    "十一、转移性支出",
    "十二、债务还本支出",
    "十四、债务付息支出",
    "十五、债务发行费用支出",
]
T9_DEPT_ECON_LABELS = [
    "一、人员经费和公用经费支出",
    "工资福利支出",
    "商品和服务支出",
    "对个人和家庭的补助",
    "其他资本性支出",
    "二、专项业务经费支出",
    "工资福利支出",
    "商品和服务支出",
    "对个人和家庭的补助",
    "债务付息及费用支出",
    "资本性支出（基本建设）",
    "资本性支出",
    "对企业补助（基本建设）",
    "对企业补助",
    "对社会保障基金补助",
    "其他支出",
    "三、上缴上级支出",
    "四、事业单位经营支出",
    "五、对附属单位补助支出",
]
_CN_NUMERALS = "一二三四五六七八九十"


def cn_numeral(n: int) -> str:
    if n <= 10:
        return _CN_NUMERALS[n - 1]
    return "十" + _CN_NUMERALS[n - 11] if n < 20 else str(n)


def half_width_brackets(label: str) -> str:
    """表4 prints its sub-items with half-width brackets: '(1)工资福利支出'."""
    return label.replace("（", "(").replace("）", ")")


def function_view(head: str, by_class: dict[str, Amount]) -> list[SideEntry]:
    """'一、部门预算' + the 29 numbered function 类 of 表1/表4 with amounts by 类 code."""
    total = sum((v for v in by_class.values() if v), Decimal(0))
    entries: list[SideEntry] = [(head, total)]
    entries += [
        (f"{i}、{name}", by_class.get(code)) for i, (code, name) in enumerate(FUNCTION_CLASSES, 1)
    ]
    return entries


def dept_econ_view(
    head: str, head_total: Amount, by_key: dict[str, Amount], half_width: bool = False
) -> list[SideEntry]:
    entries: list[SideEntry] = [(head, head_total)]
    for label, key in T1_DEPT_ECON:
        entries.append((half_width_brackets(label) if half_width else label, by_key.get(key)))
    return entries


def gov_econ_view(head: str, head_total: Amount, by_class: dict[str, Amount]) -> list[SideEntry]:
    entries: list[SideEntry] = [(head, head_total)]
    entries += [
        (f"{i}、{name}", by_class.get(code)) for i, (code, name) in enumerate(GOV_ECON_CLASSES, 1)
    ]
    return entries


def t1_footer(
    income_total: Amount,
    expenditure_total: Amount,
    extra: dict[str, Amount] | None = None,
    grand_income: Amount = None,
    grand_expenditure: Amount = None,
) -> list[list[SideEntry | None]]:
    """Footer rows of 表1 with the 本年 totals, the financing lines and the 总计 lines."""
    x = extra or {}
    gi = grand_income if grand_income is not None else income_total
    ge = grand_expenditure if grand_expenditure is not None else expenditure_total
    return [
        [("本年收入合计", income_total)] + [("本年支出合计", expenditure_total)] * 3,
        [("用事业基金弥补收支差额", x.get("business_fund"))]
        + [("结转下年", x.get("carry_forward"))] * 3,
        [("上年实户资金余额", x.get("prior_balance"))]
        + [("未安排支出的实户资金", x.get("unallocated"))] * 3,
        [("上年结转", x.get("carryover")), None, None, None],
        [("其中：财政拨款资金结转", x.get("carryover_fiscal")), None, None, None],
        [("非财政拨款资金结余", x.get("carryover_other")), None, None, None],
        [("收入总计", gi)] + [("支出总计", ge)] * 3,
    ]


def t4_footer(
    income_total: Amount,
    expenditure_total: Amount,
    carryover: Amount = None,
    carry_forward: Amount = None,
) -> list[list[SideEntry | None]]:
    grand_in = (income_total or 0) + (carryover or 0) if (income_total or carryover) else None
    grand_out = (
        (expenditure_total or 0) + (carry_forward or 0)
        if (expenditure_total or carry_forward)
        else None
    )
    return [
        [("本年收入合计", income_total)] + [("本年支出合计", expenditure_total)] * 3,
        [("上年结转", carryover)] + [("结转下年", carry_forward)] * 3,
        [("收入总计", grand_in)] + [("支出总计", grand_out)] * 3,
    ]


def t9_sections(values: dict[str, dict[int, Amount]] | None = None) -> dict[str, list[SideEntry]]:
    """表9's four views, blank unless `values` gives amounts by section and label index."""
    v = values or {}
    gov_labels = [f"{cn_numeral(i)}、{name}" for i, (_, name) in enumerate(GOV_ECON_CLASSES, 1)]
    lists = {
        "income": ["一、政府性基金拨款"],
        "expenditure_function": T9_FUNCTION_LABELS,
        "expenditure_dept_econ": T9_DEPT_ECON_LABELS,
        "expenditure_gov_econ": gov_labels,
    }
    return {
        s: [(lab, v.get(s, {}).get(i)) for i, lab in enumerate(labels)]
        for s, labels in lists.items()
    }
