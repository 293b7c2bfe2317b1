"""The seed disclosure (陕西省政务服务中心, 179, 2021) as raw-schema fixture data.

Figures are the seed's (../shared/seeds/000_e11edf5b5a7d1d93.txt). 表2, 表3 and 表13 were
lost in extraction and are rebuilt consistently with 表1/表5/表6, as DOMAIN.md §1 asks.
"""

from __future__ import annotations

from decimal import Decimal as D

from tests.rules.raw_fixture import Disclosure, Row, Table

FUNCTION_CLASSES = [
    "一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
    "文化旅游体育与传媒支出", "社会保障和就业支出", "社会保险基金支出", "卫生健康支出",
    "节能环保支出", "城乡社区支出", "农林水支出", "交通运输支出", "资源勘探工业信息等支出",
    "商业服务业等支出", "金融支出", "援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出",
    "粮油物资储备支出", "国有资本经营预算支出", "灾害防治及应急管理支出", "预备费", "其他支出",
    "转移性支出", "债务还本支出", "债务付息支出", "债务发行费用支出",
]
GOV_ECON_CLASSES = [
    "机关工资福利支出", "机关商品和服务支出", "机关资本性支出（一）", "机关资本性支出（二）",
    "对事业单位经常性补助", "对事业单位资本性补助", "对企业补助", "对企业资本性支出",
    "对个人和家庭的补助", "对社会保障基金补助", "债务利息及费用支出", "债务还本支出",
    "转移性支出", "预备费及预留", "其他支出",
]


def _summary_table(table_id: str, top: str, total: D, with_income_extras: bool) -> Table:
    """表1 (部门预算) or 表4 (财政拨款): income ‖ three expenditure views."""
    a = "amount"
    income = [
        Row(f"一、{top}", {a: total}),
    ]
    if with_income_extras:
        income += [
            Row("1、财政拨款", {a: total}),
            Row("（1）一般公共预算拨款", {a: total}),
            Row("其中：专项资金列入部门预算的项目", {a: None}),
            Row("（2）政府性基金拨款", {a: None}),
            Row("（3）国有资本经营预算收入", {a: None}),
            Row("2、上级补助收入", {a: None}),
            Row("3、事业收入", {a: None}),
            Row("其中：纳入财政专户管理的收费", {a: None}),
            Row("4、事业单位经营收入", {a: None}),
            Row("5、附属单位上缴收入", {a: None}),
            Row("6、其他收入", {a: None}),
        ]
    else:
        income += [
            Row("1、一般公共预算拨款", {a: total}),
            Row("其中：专项资金列入部门预算的项目", {a: None}),
            Row("2、政府性基金拨款", {a: None}),
            Row("3、国有资本经营预算收入", {a: None}),
        ]
    function = [Row(f"一、{top}", {a: total})] + [
        Row(f"{i}、{name}", {a: {1: D("11263700.00"), 5: D("200000.00")}.get(i)})
        for i, name in enumerate(FUNCTION_CLASSES, start=1)
    ]
    dept = [
        Row(f"一、{top}", {a: total}),
        Row("1、人员经费和公用经费支出", {a: D("3386800.00")}),
        Row("（1）工资福利支出", {a: D("3085320.00")}),
        Row("（2）商品和服务支出", {a: D("301480.00")}),
        Row("（3）对个人和家庭的补助", {a: None}),
        Row("（4）资本性支出", {a: None}),
        Row("2、专项业务经费支出", {a: D("8076900.00")}),
        Row("（1）工资福利支出", {a: None}),
        Row("（2）商品和服务支出", {a: D("8076900.00")}),
        Row("（3）对个人和家庭补助", {a: None}),
        Row("（4）债务利息及费用支出", {a: None}),
        Row("（5）资本性支出（基本建设）", {a: None}),
        Row("（6）资本性支出", {a: None}),
        Row("（7）对企业补助（基本建设）", {a: None}),
        Row("（8）对企业补助", {a: None}),
        Row("（9）对社会保障基金补助", {a: None}),
        Row("（10）其他支出", {a: None}),
        Row("3、上缴上级支出", {a: None}),
        Row("4、事业单位经营支出", {a: None}),
        Row("5、对附属单位补助支出", {a: None}),
    ]
    gov = [Row(f"一、{top}", {a: total})] + [
        Row(f"{i}、{name}", {a: total if i == 5 else None})
        for i, name in enumerate(GOV_ECON_CLASSES, start=1)
    ]
    rows: list[Row] = []
    for section, lines in (("income", income), ("expenditure_function", function),
                           ("expenditure_dept_econ", dept), ("expenditure_gov_econ", gov)):
        for number, row in enumerate(lines, start=5):
            row.section = section
            row.row_number = number
            rows.append(row)
    tail_start = 5 + len(function)
    rows.append(Row("本年收入合计", {a: total}, section="income", row_number=tail_start))
    for section in ("expenditure_function", "expenditure_dept_econ", "expenditure_gov_econ"):
        rows.append(Row("本年支出合计", {a: total}, section=section, row_number=tail_start))
        rows.append(Row("结转下年", {a: None}, section=section, row_number=tail_start + 1))
        rows.append(Row("支出总计", {a: total}, section=section, row_number=tail_start + 8))
    extras = (
        ["用事业基金弥补收支差额", "上年实户资金余额", "上年结转", "其中：财政拨款资金结转",
         "非财政拨款资金结余"]
        if with_income_extras else ["上年结转"]
    )
    for offset, label in enumerate(extras, start=1):
        rows.append(Row(label, {a: None}, section="income", row_number=tail_start + offset))
    rows.append(Row("收入总计", {a: total}, section="income", row_number=tail_start + 8))
    return Table(table_id, rows)


def _function_table(table_id: str, with_project: bool) -> Table:
    p, u, j = "personnel", "public", "project"
    data = [
        (None, "合计", "11463700.00", "3097800.00", "289000.00", "8076900.00"),
        ("201", "一般公共服务支出", "11263700.00", "3097800.00", "289000.00", "7876900.00"),
        ("20103", "政府办公厅（室）及相关机构事务", "11263700.00", "3097800.00", "289000.00",
         "7876900.00"),
        ("2010350", "事业运行", "3386800.00", "3097800.00", "289000.00", None),
        ("2010399", "其他政府办公厅（室）及相关机构事务支出", "7876900.00", None, None,
         "7876900.00"),
        ("205", "教育支出", "200000.00", None, None, "200000.00"),
        ("20508", "进修及培训", "200000.00", None, None, "200000.00"),
        ("2050803", "培训支出", "200000.00", None, None, "200000.00"),
    ]
    rows = []
    for code, label, total, personnel, public, project in data:
        if not with_project:
            if personnel is None and public is None:
                continue
            total = str(D(personnel or 0) + D(public or 0))
        amounts = {"total": _d(total), p: _d(personnel), u: _d(public)}
        if with_project:
            amounts[j] = _d(project)
        rows.append(Row(label, amounts, code=code))
    measures = ["total", p, u] + ([j] if with_project else [])
    return Table(table_id, rows, measures={"main": measures})


ECON_LINES = [
    # code, label, total, personnel, public, project
    ("30101", "基本工资", "802881.60", "802881.60", None, None),
    ("30107", "绩效工资", "1380960.00", "1380960.00", None, None),
    ("30199", "其他工资福利支出", "901478.40", "901478.40", None, None),
    ("30201", "办公费", "137223.17", None, "60323.17", "76900.00"),
    ("30202", "印刷费", "10000.00", None, "10000.00", None),
    ("30207", "邮电费", "1330000.00", None, "130000.00", "1200000.00"),
    ("30211", "差旅费", "65000.00", None, "35000.00", "30000.00"),
    ("30214", "租赁费", "850000.00", None, None, "850000.00"),
    ("30215", "会议费", "66000.00", None, None, "66000.00"),
    ("30216", "培训费", "200000.00", None, None, "200000.00"),
    ("30217", "公务接待费", "10000.00", None, "10000.00", None),
    ("30226", "劳务费", "1960000.00", None, None, "1960000.00"),
    ("30227", "委托业务费", "3420000.00", None, None, "3420000.00"),
    ("30228", "工会经费", "43676.83", None, "43676.83", None),
    ("30239", "其他交通费用", "12480.00", "12480.00", None, None),
    ("30299", "其他商品和服务支出", "274000.00", None, None, "274000.00"),
]


def _econ_table(table_id: str, with_project: bool) -> Table:
    p, u, j = "personnel", "public", "project"
    lines = []
    for code, label, total, personnel, public, project in ECON_LINES:
        if not with_project:
            if personnel is None and public is None:
                continue
            total = str(D(personnel or 0) + D(public or 0))
            project = None
        lines.append((code, label, D(total), D(personnel or 0), D(public or 0),
                      D(project or 0)))

    def summed(prefix: str | None) -> tuple[D, D, D, D]:
        chosen = [x for x in lines if prefix is None or x[0].startswith(prefix)]
        return tuple(sum((x[i] for x in chosen), D(0)) for i in range(2, 6))  # type: ignore

    rows = []
    for code, label in ((None, "合计"), ("301", "工资福利支出"), ("302", "商品和服务支出")):
        total, personnel, public, project = summed(code)
        rows.append((code, label, total, personnel, public, project, None))
        if code:
            rows += [x + (f"5050{code[-1]}",) for x in lines if x[0].startswith(code)]
    table_rows = []
    for code, label, total, personnel, public, project, gov in rows:
        amounts = {"total": total, p: personnel or None, u: public or None}
        if with_project:
            amounts[j] = project or None
        attributes = {"gov_econ_code": gov} if gov else {}
        table_rows.append(Row(label, amounts, code=code, attributes=attributes))
    measures = ["total", p, u] + ([j] if with_project else [])
    return Table(table_id, table_rows, measures={"main": measures})


def _d(value: str | None) -> D | None:
    return D(value) if value is not None else None


def seed_disclosure() -> Disclosure:
    """The seed's 2021 disclosure of department 179, every table the rules read."""
    total = D("11463700.00")
    t01 = _summary_table("T01", "部门预算", total, with_income_extras=True)
    t04 = _summary_table("T04", "财政拨款", total, with_income_extras=False)
    t09 = Table("T09", [
        Row("一、政府性基金拨款", {"amount": None}, section="income", row_number=5),
        Row("一、科学技术支出", {"amount": None}, section="expenditure_function",
            row_number=5),
        Row("一、人员经费和公用经费支出", {"amount": None}, section="expenditure_dept_econ",
            row_number=5),
        Row("二、专项业务经费支出", {"amount": None}, section="expenditure_dept_econ",
            row_number=10),
        Row("一、机关工资福利支出", {"amount": None}, section="expenditure_gov_econ",
            row_number=5),
        Row("本年收入合计", {"amount": None}, section="income", row_number=24),
        Row("本年支出合计", {"amount": None}, section="expenditure_function", row_number=24),
        Row("本年支出合计", {"amount": None}, section="expenditure_dept_econ", row_number=24),
        Row("本年支出合计", {"amount": None}, section="expenditure_gov_econ", row_number=24),
    ])
    t02 = Table("T02", [
        Row("合计", {"total": total, "fiscal_subtotal": total, "general_budget": total}),
        Row("陕西省政务服务中心", {"total": total, "fiscal_subtotal": total,
                                   "general_budget": total}, code="179"),
    ], measures={"main": ["total", "fiscal_subtotal", "general_budget"]})
    t03_source = _function_table("T05", with_project=True)
    t03_rows = []
    for row in t03_source.rows:
        personnel = row.amounts["personnel"] or D(0)
        public = row.amounts["public"] or D(0)
        basic = personnel + public
        t03_rows.append(Row(row.label_raw, {
            "total": row.amounts["total"], "basic_subtotal": basic or None,
            "personnel": row.amounts["personnel"], "public": row.amounts["public"],
            "project": row.amounts["project"], "remit_superior": None, "operating": None,
            "subsidy_affiliated": None,
        }, code=row.code))
    t03 = Table("T03", t03_rows, measures={"main": [
        "total", "basic_subtotal", "personnel", "public", "project", "remit_superior",
        "operating", "subsidy_affiliated"]})
    t10 = Table("T10", [
        Row("合计", {"amount": D("8076900.00")}),
        Row("陕西省政务服务中心", {"amount": D("8076900.00")}, code="179"),
        Row("陕西省政务服务中心", {"amount": D("8076900.00")}, code="179001"),
        Row("专用项目", {"amount": D("8076900.00")}),
        Row("一网通办业务经费", {"amount": D("8076900.00")},
            attributes={"description": "政务服务一网通办业务开展，建成“12345”热线平台运营"}),
    ])
    t12_lines = [
        ("A0201计算机设备及软件", "4", "60000.00", "30227"),
        ("A02通用设备", "40", "320000.00", "30227"),
        ("A02通用设备", "44", "220000.00", "30299"),
        ("A07纺织原料、毛皮、被服装具", "43", "199993.00", "30227"),
        ("C99其他服务", "1", "1880000.00", "30226"),
    ]
    t12_rows = [
        Row("合计", {"quantity": D(132), "amount": D("2679993.00")}),
        Row("陕西省政务服务中心", {"quantity": D(132), "amount": D("2679993.00")},
            code="2010399", attributes={"unit_code": "179"}),
        Row("陕西省政务服务中心", {"quantity": D(132), "amount": D("2679993.00")},
            code="2010399", attributes={"unit_code": "179001"}),
    ] + [
        Row("一网通办业务经费", {"quantity": D(q), "amount": D(amount)}, code="2010399",
            attributes={"catalogue": catalogue, "dept_econ_code": econ,
                        "gov_econ_code": "50502", "month": "9月份"})
        for catalogue, q, amount, econ in t12_lines
    ]
    t12 = Table("T12", t12_rows, measures={"main": ["quantity", "amount"]})
    three_public = {
        "total": D("276000.00"), "overseas_travel": None, "vehicle_total": None,
        "vehicle_purchase": None, "vehicle_operation": None, "reception": D("10000.00"),
        "meeting": D("66000.00"), "training": D("200000.00"),
    }
    t13 = Table("T13", [
        Row("合计", dict(three_public)),
        Row("陕西省政务服务中心", dict(three_public), code="179"),
    ], measures={"main": list(three_public)})
    t14 = Table("T14", [
        Row("一网通办业务经费", {"total_funds": D("8076900.00"),
                                 "fiscal_funds": D("8076900.00"), "other_funds": None},
            section="funds", attributes={"project_name": "一网通办业务经费"}),
    ], unit_multiplier=10000)
    t15 = Table("T15", [
        Row("任务1", {"total": D("3097800.00"), "fiscal": D("3097800.00"), "other": None},
            section="tasks", row_kind="line"),
        Row("任务2", {"total": D("289000.00"), "fiscal": D("289000.00"), "other": None},
            section="tasks", row_kind="line"),
        Row("任务3", {"total": D("4956900.00"), "fiscal": D("4956900.00"), "other": None},
            section="tasks", row_kind="line"),
        Row("任务4", {"total": D("3120000.00"), "fiscal": D("3120000.00"), "other": None},
            section="tasks", row_kind="line"),
        Row("金额合计", {"total": total, "fiscal": total, "other": None}, section="tasks",
            row_kind="total"),
    ], unit_multiplier=10000, measures={"tasks": ["total", "fiscal", "other"]})
    t11 = Table("T11", [Row("**", {"amount": "**"}, row_kind="line")])
    t16 = Table("T16", [Row("", {"total_funds": None}, section="funds", row_kind="line")],
                unit_multiplier=10000)
    tables = {
        "T01": t01, "T02": t02, "T03": t03, "T04": t04,
        "T05": _function_table("T05", with_project=True),
        "T06": _econ_table("T06", with_project=True),
        "T07": _function_table("T07", with_project=False),
        "T08": _econ_table("T08", with_project=False),
        "T09": t09, "T10": t10, "T11": t11, "T12": t12, "T13": t13, "T14": t14, "T15": t15,
        "T16": t16,
    }
    return Disclosure("179", 2021, tables,
                      catalogue_empty={"T09": "不涉及", "T11": "不涉及", "T16": "不涉及"})
