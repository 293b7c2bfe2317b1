"""The one real disclosure we hold, 陕西省政务服务中心 2021 (code 179), as a workbook.

Every figure is the seed text's (表1, 表4–表12, 表14–表16 literally); 表2, 表3 and 表13, lost
in the PDF extraction, are rebuilt from the other tables (表3 = 表5's rows split into
人员/公用/专项; 表13 from 表6's 30215/30216/30217). Its figures are the project's golden
values, so the parser's unit tests read this file.

Run `python -m dagster_project.lib.workbooks.seed [RAW_DIR]` to regenerate.
"""

from __future__ import annotations

import csv
import sys
from decimal import Decimal
from pathlib import Path

from dagster_project.lib.workbooks.grid import Grid
from dagster_project.lib.workbooks.layout import ListRow
from dagster_project.lib.workbooks.performance import (
    Indicator,
    ProjectGoal,
    Task,
    build_overall_performance,
    build_project_performance,
    build_special_fund_performance_blank,
)
from dagster_project.lib.workbooks.shaanxi import (
    T1_INCOME_LABELS,
    T4_INCOME_LABELS,
    build_catalogue,
    build_cover,
    build_list,
    build_summary_table,
    dept_econ_view,
    function_view,
    gov_econ_view,
    split_code,
    t1_footer,
    t4_footer,
    t9_sections,
)
from dagster_project.lib.workbooks.writer import Placement, SheetSpec, write_workbook

D = Decimal
YEAR = 2021
DEPARTMENT_CODE = "179"
DEPARTMENT_NAME = "陕西省政务服务中心"
DEPARTMENT_ALIASES = ["省政务服务中心"]
UNIT_CODE = "179001"
SEED_FILE_NAME = f"{DEPARTMENT_CODE}_{DEPARTMENT_NAME}_{YEAR}年部门综合预算.xlsx"
EMPTY_TABLES = {"T09": "不涉及", "T11": "不涉及", "T16": "不涉及"}

TOTAL = D("11463700.00")
PERSONNEL = D("3097800.00")
PUBLIC = D("289000.00")
PROJECT = D("8076900.00")

# 表5 rows: code, name, total, personnel, public, project (None = blank cell).
T05_ROWS = [
    (None, "合计", TOTAL, PERSONNEL, PUBLIC, PROJECT),
    ("201", "一般公共服务支出", D("11263700.00"), PERSONNEL, PUBLIC, D("7876900.00")),
    ("20103", "政府办公厅(室)及相关机构事务", D("11263700.00"), PERSONNEL, PUBLIC, D("7876900.00")),
    ("2010350", "事业运行", D("3386800.00"), PERSONNEL, PUBLIC, None),
    (
        "2010399",
        "其他政府办公厅(室)及相关机构事务支出",
        D("7876900.00"),
        None,
        None,
        D("7876900.00"),
    ),
    ("205", "教育支出", D("200000.00"), None, None, D("200000.00")),
    ("20508", "进修及培训", D("200000.00"), None, None, D("200000.00")),
    ("2050803", "培训支出", D("200000.00"), None, None, D("200000.00")),
]
# 表6 rows: dept code, name, gov code, gov name, total, personnel, public, project.
_W, _S = ("50501", "工资福利支出"), ("50502", "商品和服务支出")
T06_ROWS = [
    (None, "合计", None, None, TOTAL, PERSONNEL, PUBLIC, PROJECT),
    ("301", "工资福利支出", None, None, D("3085320.00"), D("3085320.00"), None, None),
    ("30101", "基本工资", *_W, D("802881.60"), D("802881.60"), None, None),
    ("30107", "绩效工资", *_W, D("1380960.00"), D("1380960.00"), None, None),
    ("30199", "其他工资福利支出", *_W, D("901478.40"), D("901478.40"), None, None),
    ("302", "商品和服务支出", None, None, D("8378380.00"), D("12480.00"), PUBLIC, PROJECT),
    ("30201", "办公费", *_S, D("137223.17"), None, D("60323.17"), D("76900.00")),
    ("30202", "印刷费", *_S, D("10000.00"), None, D("10000.00"), None),
    ("30207", "邮电费", *_S, D("1330000.00"), None, D("130000.00"), D("1200000.00")),
    ("30211", "差旅费", *_S, D("65000.00"), None, D("35000.00"), D("30000.00")),
    ("30214", "租赁费", *_S, D("850000.00"), None, None, D("850000.00")),
    ("30215", "会议费", *_S, D("66000.00"), None, None, D("66000.00")),
    ("30216", "培训费", *_S, D("200000.00"), None, None, D("200000.00")),
    ("30217", "公务接待费", *_S, D("10000.00"), None, D("10000.00"), None),
    ("30226", "劳务费", *_S, D("1960000.00"), None, None, D("1960000.00")),
    ("30227", "委托业务费", *_S, D("3420000.00"), None, None, D("3420000.00")),
    ("30228", "工会经费", *_S, D("43676.83"), None, D("43676.83"), None),
    ("30239", "其他交通费用", *_S, D("12480.00"), D("12480.00"), None, None),
    ("30299", "其他商品和服务支出", *_S, D("274000.00"), None, None, D("274000.00")),
]
# 表12 item rows: catalogue, unit of measure (规格型号), quantity, dept econ code, amount.
T12_ITEMS = [
    ("A0201计算机设备及软件", "批", 4, "30227", D("60000.00")),
    ("A02通用设备", "批", 40, "30227", D("320000.00")),
    ("A02通用设备", "批", 44, "30299", D("220000.00")),
    ("A07纺织原料、毛皮、被服装具", "批", 43, "30227", D("199993.00")),
    ("C99其他服务", "项", 1, "30226", D("1880000.00")),
]
PROJECT_NAME = "一网通办业务经费"


def _sum(values) -> Decimal:
    return sum((v for v in values if v is not None), D(0))


def _seed_expenditure_views(head: str, half_width: bool = False) -> dict:
    """表1 and 表4 print the same three expenditure views: every yuan of this department
    is a fiscal appropriation, so only the head line and bracket style differ."""
    return {
        "expenditure_function": function_view(
            head, {"201": D("11263700.00"), "205": D("200000.00")}
        ),
        "expenditure_dept_econ": dept_econ_view(
            head,
            TOTAL,
            {
                "basic": D("3386800.00"),
                "basic:301": D("3085320.00"),
                "basic:302": D("301480.00"),
                "project": PROJECT,
                "project:302": PROJECT,
            },
            half_width=half_width,
        ),
        "expenditure_gov_econ": gov_econ_view(head, TOTAL, {"505": TOTAL}),
    }


def seed_t01() -> Grid:
    head = "一、部门预算"
    sections = {
        "income": list(zip(T1_INCOME_LABELS, [TOTAL, TOTAL, TOTAL] + [None] * 9, strict=True)),
        **_seed_expenditure_views(head),
    }
    return build_summary_table(
        table_id="T01", year=YEAR, sections=sections, footer=t1_footer(TOTAL, TOTAL)
    )


def seed_t04() -> Grid:
    head = "一、财政拨款"
    sections = {
        "income": list(zip(T4_INCOME_LABELS, [TOTAL, TOTAL, None, None, None], strict=True)),
        **_seed_expenditure_views(head, half_width=True),
    }
    return build_summary_table(
        table_id="T04",
        year=YEAR,
        sections=sections,
        footer=t4_footer(TOTAL, TOTAL),
        table_label="表4",
    )


def seed_t09() -> Grid:
    footer = [[("本年收入合计", None)] + [("本年支出合计", None)] * 3]
    return build_summary_table(
        table_id="T09", year=YEAR, sections=t9_sections(), footer=footer, table_label="表9"
    )


def _unit_rows(values: dict[str, Decimal | None]) -> list[ListRow]:
    """合计 / department / unit rows carrying the same figures (one unit: 本级)."""
    return [
        ListRow({"label": "合计", **values}, None, "合计", "total"),
        ListRow(
            {"code": DEPARTMENT_CODE, "label": DEPARTMENT_NAME, **values},
            DEPARTMENT_CODE,
            DEPARTMENT_NAME,
        ),
        ListRow(
            {"code": UNIT_CODE, "label": DEPARTMENT_NAME, **values}, UNIT_CODE, DEPARTMENT_NAME
        ),
    ]


def seed_tables() -> dict[str, Grid]:
    """Every table of the seed disclosure by table id (plus 'cover' and 'catalogue')."""
    t: dict[str, Grid] = {
        "cover": build_cover(YEAR, DEPARTMENT_NAME),
        "catalogue": build_catalogue(YEAR, EMPTY_TABLES),
        "T01": seed_t01(),
    }
    t["T02"] = build_list(
        "T02",
        YEAR,
        _unit_rows({"total": TOTAL, "fiscal_subtotal": TOTAL, "general_budget": TOTAL}),
        table_label="表2",
    )
    t["T03"] = build_list(
        "T03",
        YEAR,
        [
            ListRow(
                {
                    "code": c,
                    "label": n,
                    "total": tot,
                    "basic_subtotal": (_sum([p, u]) or None),
                    "personnel": p,
                    "public": u,
                    "project": j,
                },
                c,
                n,
                "total" if c is None else None,
            )
            for c, n, tot, p, u, j in T05_ROWS
        ],
        table_label="表3",
    )
    t["T04"] = seed_t04()
    t["T05"] = build_list(
        "T05",
        YEAR,
        [
            ListRow(
                {"code": c, "label": n, "total": tot, "personnel": p, "public": u, "project": j},
                c,
                n,
            )
            for c, n, tot, p, u, j in T05_ROWS
        ],
        table_label="表5",
    )
    t["T06"] = build_list(
        "T06",
        YEAR,
        [
            ListRow(
                {
                    "code": c,
                    "label": n,
                    "gov_econ_code": gc,
                    "gov_econ_name": gn,
                    "total": tot,
                    "personnel": p,
                    "public": u,
                    "project": j,
                },
                c,
                n,
            )
            for c, n, gc, gn, tot, p, u, j in T06_ROWS
        ],
        table_label="表6",
    )
    t["T07"] = build_list(
        "T07",
        YEAR,
        [
            ListRow(
                {"code": c, "label": n, "total": _sum([p, u]), "personnel": p, "public": u}, c, n
            )
            for c, n, tot, p, u, j in T05_ROWS
            if p or u
        ],
        table_label="表7",
    )
    t["T08"] = build_list(
        "T08",
        YEAR,
        [
            ListRow(
                {
                    "code": c,
                    "label": n,
                    "gov_econ_code": gc,
                    "gov_econ_name": gn,
                    "total": _sum([p, u]),
                    "personnel": p,
                    "public": u,
                },
                c,
                n,
            )
            for c, n, gc, gn, tot, p, u, j in T06_ROWS
            if p or u
        ],
        table_label="表8",
    )
    t["T09"] = seed_t09()
    t["T10"] = build_list(
        "T10",
        YEAR,
        [
            *_unit_rows({"amount": PROJECT}),
            ListRow({"label": "专用项目", "amount": PROJECT}, None, "专用项目"),
            ListRow(
                {
                    "label": PROJECT_NAME,
                    "amount": PROJECT,
                    "description": "政务服务一网通办业务开展，建成“12345”热线平台运营",
                },
                None,
                PROJECT_NAME,
            ),
        ],
        table_label="表10",
    )
    withheld = {
        k: "**"
        for k in (
            "unit_code",
            "unit_name",
            "label",
            "amount",
            "function_code",
            "function_name",
            "gov_econ_code",
            "gov_econ_name",
            "project_category",
            "fund_nature",
            "note",
        )
    }
    t["T11"] = build_list(
        "T11",
        None,
        [ListRow(withheld, None, "**")],
        table_label="表11",
        title="部门综合预算财政拨款上年结转资金支出表",
    )
    t["T12"] = build_list("T12", YEAR, seed_t12_rows(), table_label="表12")
    t["T13"] = build_list(
        "T13",
        YEAR,
        _unit_rows(
            {
                "total": D("276000.00"),
                "reception": D("10000.00"),
                "meeting": D("66000.00"),
                "training": D("200000.00"),
            }
        ),
        table_label="表13",
    )
    t["T14"] = build_project_performance(YEAR, [seed_project_goal()])
    t["T15"] = seed_t15()
    t["T16"] = build_special_fund_performance_blank(YEAR)
    return t


def seed_t12_rows() -> list[ListRow]:
    fn = dict(
        zip(("fn_class", "fn_kuan", "fn_xiang"), split_code("2010399", (3, 2, 2)), strict=True)
    )
    total = {"quantity": 132, "amount": D("2679993.00")}
    rows = [ListRow({"label": "合计", **total}, None, "合计", "total")]
    for unit in (DEPARTMENT_CODE, UNIT_CODE):
        rows.append(
            ListRow(
                {**fn, "unit_code": unit, "label": DEPARTMENT_NAME, **total},
                "2010399",
                DEPARTMENT_NAME,
                attributes={"unit_code": unit},
            )
        )
    for catalogue, spec, quantity, econ, amount in T12_ITEMS:
        cells = {
            **fn,
            "label": PROJECT_NAME,
            "catalogue": catalogue,
            "spec": spec,
            "quantity": quantity,
            "dept_class": econ[:3],
            "dept_kuan": econ[3:],
            "gov_class": "505",
            "gov_kuan": "02",
            "month": "9月份",
            "amount": amount,
        }
        rows.append(
            ListRow(
                cells,
                "2010399",
                PROJECT_NAME,
                attributes={"dept_econ_code": econ, "gov_econ_code": "50502"},
            )
        )
    return rows


def seed_project_goal() -> ProjectGoal:
    ind = [
        ("产出指标", "数量指标", "指标1: 业务办理量", "≥6000件"),
        ("产出指标", "质量指标", "指标1: 政务服务事项一窗受理比例", "≥90%"),
        ("产出指标", "时效指标", "指标1: “12345”热线工单及时转办率", "≥90%"),
        ("产出指标", "成本指标", "指标1: 一网通办费用支出", "≤807.69万元"),
        ("效益指标", "社会效益指标", "指标1: 减少群众跑腿, 办理结果通过政务专递寄送的比例", "≥30%"),
        ("效益指标", "生态效益指标", "指标1: “12345”系统正常使用年限", "≥3年"),
        ("满意度指标", "服务对象满意度指标", "指标1: 群众服务满意度", "≥95%"),
    ]
    return ProjectGoal(
        name=PROJECT_NAME,
        department_name=DEPARTMENT_NAME,
        total_funds=D("807.69"),
        fiscal_funds=D("807.69"),
        other_funds=None,
        overall_goal="目标1: 推广综合窗口模式 目标2: 提升服务水平 "
        "目标3: 做好一体化在线平台的日常管理和维护 "
        "目标4: 运行好省级“12345”热线平台",
        indicators=[Indicator(*i) for i in ind],
    )


def seed_t15() -> Grid:
    tasks = [
        Task("任务1", "按时足额发放员工工资", D("309.78"), D("309.78"), None),
        Task("任务2", "保证单位正常运转", D("28.9"), D("28.9"), None),
        Task("任务3", "做好政务服务一网通办业务开展工作", D("495.69"), D("495.69"), None),
        Task("任务4", "运行好“12345”热线平台", D("312"), D("312"), None),
    ]
    ind = [
        ("产出指标", "数量指标", "业务办理量", "≥6000件"),
        ("产出指标", "质量指标", "政务服务事项“一窗”受理比例", "≥90%"),
        ("产出指标", "时效指标", "12345热线工单及时办结率", "≥80%"),
        ("产出指标", "时效指标", "线下收取材料通过政务专递当日寄出率", "≥95%"),
        ("产出指标", "成本指标", "12345运营成本", "≤312万元"),
        ("产出指标", "成本指标", "一网通办费用支出", "≤807.69万元"),
        ("效益指标", "社会效益指标", "按时发放工资，确保稳定", "≥98%"),
        ("效益指标", "社会效益指标", "减少群众跑腿，办理结果通过政务专递寄送的比例", "≥30%"),
        ("效益指标", "生态效益指标", "12345系统正常使用年限", "≥3年"),
        ("满意度指标", "服务对象满意度指标", "热线服务满意度", "≥80%"),
        ("满意度指标", "服务对象满意度指标", "群众服务满意度", "≥95%"),
    ]
    return build_overall_performance(
        YEAR,
        None,
        tasks,
        (D("1146.37"), D("1146.37"), None),
        "目标1：做好政务服务一网通办业务开展 目标2：运行好“12345”热线平台",
        [Indicator(*i) for i in ind],
    )


def seed_sheets() -> list[SheetSpec]:
    tables = seed_tables()
    names = {"cover": "封面", "catalogue": "目录", **{f"T{n:02d}": f"表{n}" for n in range(1, 17)}}
    return [SheetSpec(names[key], [Placement(grid)]) for key, grid in tables.items()]


def write_seed_workbook(raw_dir: Path) -> Path:
    """Write raw_dir/2021/179_陕西省政务服务中心_2021年部门综合预算.xlsx (same bytes each run)."""
    return write_workbook(Path(raw_dir) / str(YEAR) / SEED_FILE_NAME, seed_sheets())


def write_registry(path: Path, departments: list[tuple[str, str, list[str]]]) -> Path:
    """departments.csv: department_code,department_name,aliases ('|'-separated)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["department_code", "department_name", "aliases"])
        for code, name, aliases in departments:
            writer.writerow([code, name, "|".join(aliases)])
    return path


def write_seed_registry(raw_dir: Path) -> Path:
    return write_registry(
        Path(raw_dir) / "departments.csv", [(DEPARTMENT_CODE, DEPARTMENT_NAME, DEPARTMENT_ALIASES)]
    )


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    raw_dir = Path(args[0]) if args else Path(__file__).resolve().parents[3] / "raw"
    print(write_seed_workbook(raw_dir))
    print(write_seed_registry(raw_dir))


if __name__ == "__main__":
    main()
