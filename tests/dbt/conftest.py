"""A temporary warehouse for the dbt project: raw tables per docs/data-contract.md, then
`dbt seed` + `dbt build` into it.

The figures are the seed disclosure's (陕西省政务服务中心 2021, department 179), written
with plain duckdb SQL as the loader would, plus a second department and a second year so
that consolidation and year-over-year models have something to add up.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from dagster_project.lib.warehouse import ensure_raw_schema

REPO_ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT_DIR = REPO_ROOT / "dbt"

SHA_179_2021 = "sha-179-2021"
SHA_179_2022 = "sha-179-2022"
SHA_180_2021 = "sha-180-2021"
SHA_QUARANTINED = "sha-181-2021-bad"


@dataclass
class Row:
    """One sheet row of a table section: amounts are decimal strings ('' = blank cell)."""

    code: str | None
    label: str
    amounts: dict[str, str] = field(default_factory=dict)
    attributes: dict[str, str] = field(default_factory=dict)
    row_kind: str = "line"


def code_level(code: str | None) -> int | None:
    return {3: 1, 5: 2, 7: 3}.get(len(code)) if code else None


def column_letter(index: int) -> str:
    return chr(ord("C") + index)


def write_table(
    con: duckdb.DuckDBPyConnection,
    file_sha256: str,
    table_id: str,
    sheet: str,
    measures: list[str],
    rows: list[Row],
    section: str = "main",
    first_row: int = 6,
    unit_multiplier: int = 1,
) -> None:
    """Write rows, their attributes and one amount per measure, as the loader does."""
    for offset, row in enumerate(rows):
        row_number = first_row + offset
        con.execute(
            "insert into raw.table_rows values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                file_sha256,
                table_id,
                section,
                row_number,
                sheet,
                row.row_kind,
                row.code,
                code_level(row.code) if table_id in CODED_TABLES else None,
                row.label,
                row.label,
                f"{sheet}!A{row_number}",
            ],
        )
        for attribute, value in row.attributes.items():
            con.execute(
                "insert into raw.row_attributes values (?, ?, ?, ?, ?, ?, ?)",
                [
                    file_sha256,
                    table_id,
                    section,
                    row_number,
                    attribute,
                    value,
                    f"{sheet}!B{row_number}",
                ],
            )
        for index, measure in enumerate(measures):
            text = row.amounts.get(measure, "")
            is_withheld = text == "**"
            is_blank = text in ("", "-")
            value = None if is_withheld else (Decimal(0) if is_blank else Decimal(text))
            con.execute(
                "insert into raw.amounts values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    file_sha256,
                    table_id,
                    section,
                    row_number,
                    measure,
                    value,
                    "count" if measure == "quantity" else "yuan",
                    is_withheld,
                    is_blank,
                    text,
                    unit_multiplier,
                    f"{sheet}!{column_letter(index)}{row_number}",
                ],
            )


CODED_TABLES = {"T03", "T05", "T06", "T07", "T08", "T12"}

T05_MEASURES = ["total", "personnel", "public", "project"]
T07_MEASURES = ["total", "personnel", "public"]

SEED_T05 = [
    Row(
        None,
        "合计",
        {
            "total": "11463700.00",
            "personnel": "3097800.00",
            "public": "289000.00",
            "project": "8076900.00",
        },
        row_kind="total",
    ),
    Row(
        "201",
        "一般公共服务支出",
        {
            "total": "11263700.00",
            "personnel": "3097800.00",
            "public": "289000.00",
            "project": "7876900.00",
        },
    ),
    Row(
        "20103",
        "政府办公厅(室)及相关机构事务",
        {
            "total": "11263700.00",
            "personnel": "3097800.00",
            "public": "289000.00",
            "project": "7876900.00",
        },
    ),
    Row(
        "2010350",
        "事业运行",
        {"total": "3386800.00", "personnel": "3097800.00", "public": "289000.00"},
    ),
    Row(
        "2010399",
        "其他政府办公厅(室)及相关机构事务支出",
        {"total": "7876900.00", "project": "7876900.00"},
    ),
    Row("205", "教育支出", {"total": "200000.00", "project": "200000.00"}),
    Row("20508", "进修及培训", {"total": "200000.00", "project": "200000.00"}),
    Row("2050803", "培训支出", {"total": "200000.00", "project": "200000.00"}),
]

# (code, name, gov code, gov name, total, personnel, public, project)
SEED_T06_LINES = [
    ("301", "工资福利支出", "", "", "3085320.00", "3085320.00", "", ""),
    ("30101", "基本工资", "50501", "工资福利支出", "802881.60", "802881.60", "", ""),
    ("30107", "绩效工资", "50501", "工资福利支出", "1380960.00", "1380960.00", "", ""),
    ("30199", "其他工资福利支出", "50501", "工资福利支出", "901478.40", "901478.40", "", ""),
    ("302", "商品和服务支出", "", "", "8378380.00", "12480.00", "289000.00", "8076900.00"),
    ("30201", "办公费", "50502", "商品和服务支出", "137223.17", "", "60323.17", "76900.00"),
    ("30202", "印刷费", "50502", "商品和服务支出", "10000.00", "", "10000.00", ""),
    ("30207", "邮电费", "50502", "商品和服务支出", "1330000.00", "", "130000.00", "1200000.00"),
    ("30211", "差旅费", "50502", "商品和服务支出", "65000.00", "", "35000.00", "30000.00"),
    ("30214", "租赁费", "50502", "商品和服务支出", "850000.00", "", "", "850000.00"),
    ("30215", "会议费", "50502", "商品和服务支出", "66000.00", "", "", "66000.00"),
    ("30216", "培训费", "50502", "商品和服务支出", "200000.00", "", "", "200000.00"),
    ("30217", "公务接待费", "50502", "商品和服务支出", "10000.00", "", "10000.00", ""),
    ("30226", "劳务费", "50502", "商品和服务支出", "1960000.00", "", "", "1960000.00"),
    ("30227", "委托业务费", "50502", "商品和服务支出", "3420000.00", "", "", "3420000.00"),
    ("30228", "工会经费", "50502", "商品和服务支出", "43676.83", "", "43676.83", ""),
    ("30239", "其他交通费用", "50502", "商品和服务支出", "12480.00", "12480.00", "", ""),
    ("30299", "其他商品和服务支出", "50502", "商品和服务支出", "274000.00", "", "", "274000.00"),
]


def econ_rows(lines, measures: list[str], total: dict[str, str]) -> list[Row]:
    rows = [Row(None, "合计", total, row_kind="total")]
    for code, name, gov_code, gov_name, *values in lines:
        amounts = dict(zip(["total", "personnel", "public", "project"], values, strict=True))
        amounts = {m: amounts[m] for m in measures}
        attributes = {"gov_econ_code": gov_code, "gov_econ_name": gov_name} if gov_code else {}
        rows.append(Row(code, name, amounts, attributes))
    return rows


def basic_only(lines):
    """表8 = 表6 restricted to 人员/公用: drop project-only lines, total = personnel + public."""
    result = []
    for code, name, gov_code, gov_name, _total, personnel, public, _project in lines:
        basic = Decimal(personnel or 0) + Decimal(public or 0)
        if basic:
            result.append((code, name, gov_code, gov_name, f"{basic:.2f}", personnel, public, ""))
    return result


def write_seed_disclosure(con: duckdb.DuckDBPyConnection) -> None:
    sha = SHA_179_2021
    write_table(con, sha, "T05", "表5", T05_MEASURES, SEED_T05)
    write_table(
        con,
        sha,
        "T06",
        "表6",
        T05_MEASURES,
        econ_rows(
            SEED_T06_LINES,
            T05_MEASURES,
            {
                "total": "11463700.00",
                "personnel": "3097800.00",
                "public": "289000.00",
                "project": "8076900.00",
            },
        ),
    )
    t07 = [
        Row(
            r.code,
            r.label,
            {m: r.amounts.get(m, "") for m in T07_MEASURES},
            r.attributes,
            r.row_kind,
        )
        for r in SEED_T05
        if r.amounts.get("personnel")
    ]
    for row in t07:
        basic = Decimal(row.amounts["personnel"]) + Decimal(row.amounts["public"] or 0)
        row.amounts["total"] = f"{basic:.2f}"
    write_table(con, sha, "T07", "表7", T07_MEASURES, t07)
    write_table(
        con,
        sha,
        "T08",
        "表8",
        T07_MEASURES,
        econ_rows(
            basic_only(SEED_T06_LINES),
            T07_MEASURES,
            {"total": "3386800.00", "personnel": "3097800.00", "public": "289000.00"},
        ),
    )


T01_INCOME = [
    # label (numbering stripped, as the parser stores it), amount, row kind
    ("部门预算", "11463700.00", "line"),
    ("财政拨款", "11463700.00", "line"),
    ("一般公共预算拨款", "11463700.00", "line"),
    ("其中：专项资金列入部门预算的项目", "", "line"),
    ("政府性基金拨款", "", "line"),
    ("国有资本经营预算收入", "", "line"),
    ("上级补助收入", "", "line"),
    ("事业收入", "", "line"),
    ("其中：纳入财政专户管理的收费", "", "line"),
    ("事业单位经营收入", "", "line"),
    ("附属单位上缴收入", "", "line"),
    ("其他收入", "", "line"),
    ("本年收入合计", "11463700.00", "total"),
    ("用事业基金弥补收支差额", "", "line"),
    ("上年实户资金余额", "", "line"),
    ("上年结转", "", "line"),
    ("其中：财政拨款资金结转", "", "line"),
    ("非财政拨款资金结余", "", "line"),
    ("收入总计", "11463700.00", "total"),
]

T02_MEASURES = [
    "total",
    "fiscal_subtotal",
    "general_budget",
    "gov_fund",
    "state_capital",
    "superior_subsidy",
    "business_income",
    "operating_income",
    "affiliated_income",
    "other_income",
    "business_fund",
    "carryover",
]
T03_MEASURES = [
    "total",
    "basic_subtotal",
    "personnel",
    "public",
    "project",
    "remit_superior",
    "operating",
    "subsidy_affiliated",
]
T13_MEASURES = [
    "total",
    "overseas_travel",
    "vehicle_total",
    "vehicle_purchase",
    "vehicle_operation",
    "reception",
    "meeting",
    "training",
]

T14_INDICATORS = [
    ("产出指标", "数量指标", "指标1: 业务办理量", "≥6000件"),
    ("", "质量指标", "指标1: 政务服务事项一窗受理比例", "≥90%"),
    ("", "时效指标", "指标1: “12345”热线工单及时转办率", "≥90%"),
    ("", "成本指标", "指标1: 一网通办费用支出", "≤807.69万元"),
    ("效益指标", "社会效益指标", "指标1: 减少群众跑腿, 办理结果通过政务专递寄送的比例", "≥30%"),
    ("", "生态效益指标", "指标1: “12345”系统正常使用年限", "≥3年"),
    ("满意度指标", "服务对象满意度指标", "指标1: 群众服务满意度", "≥95%"),
]
T15_INDICATORS = [
    ("产出指标", "数量指标", "业务办理量", "≥6000件"),
    ("", "质量指标", "政务服务事项“一窗”受理比例", "≥90%"),
    ("", "时效指标", "12345热线工单及时办结率", "≥80%"),
    ("", "", "线下收取材料通过政务专递当日寄出率", "≥95%"),
    ("", "成本指标", "12345运营成本", "≤312万元"),
    ("", "", "一网通办费用支出", "≤807.69万元"),
    ("效益指标", "社会效益指标", "按时发放工资，确保稳定", "≥98%"),
    ("", "", "减少群众跑腿，办理结果通过政务专递寄送的比例", "≥30%"),
    ("", "生态效益指标", "12345系统正常使用年限", "≥3年"),
    ("满意度指标", "服务对象满意度指标", "热线服务满意度", "≥80%"),
    ("", "", "群众服务满意度", "≥95%"),
]
T12_ITEMS = [
    ("A0201计算机设备及软件", "批", "4", "30227", "60000.00"),
    ("A02通用设备", "批", "40", "30227", "320000.00"),
    ("A02通用设备", "批", "44", "30299", "220000.00"),
    ("A07纺织原料、毛皮、被服装具", "批", "43", "30227", "199993.00"),
    ("C99其他服务", "项", "1", "30226", "1880000.00"),
]
PROJECT_NAME = "一网通办业务经费"


def write_seed_other_tables(con: duckdb.DuckDBPyConnection) -> None:
    """表1, 表2 (lost in the seed's extraction: built from the template), 表3, 表10, 表12–表15."""
    sha = SHA_179_2021
    write_table(
        con,
        sha,
        "T01",
        "表1",
        ["amount"],
        [Row(None, label, {"amount": amount}, row_kind=kind) for label, amount, kind in T01_INCOME],
        section="income",
    )
    write_table(
        con,
        sha,
        "T01",
        "表1",
        ["amount"],
        [
            Row(None, "一般公共服务支出", {"amount": "11263700.00"}),
            Row(None, "教育支出", {"amount": "200000.00"}),
            Row(None, "本年支出合计", {"amount": "11463700.00"}, row_kind="total"),
        ],
        section="expenditure_function",
    )
    unit_values = {
        "total": "11463700.00",
        "fiscal_subtotal": "11463700.00",
        "general_budget": "11463700.00",
    }
    write_table(
        con,
        sha,
        "T02",
        "表2",
        T02_MEASURES,
        [
            Row(None, "合计", unit_values, row_kind="total"),
            Row("179", "陕西省政务服务中心", unit_values),
            Row("179001", "陕西省政务服务中心", unit_values),
        ],
    )
    t03 = []
    for row in SEED_T05:
        amounts = dict(row.amounts)
        basic = Decimal(amounts.get("personnel") or 0) + Decimal(amounts.get("public") or 0)
        amounts["basic_subtotal"] = f"{basic:.2f}" if basic else ""
        t03.append(Row(row.code, row.label, amounts, row_kind=row.row_kind))
    write_table(con, sha, "T03", "表3", T03_MEASURES, t03)
    project = {"amount": "8076900.00"}
    write_table(
        con,
        sha,
        "T10",
        "表10",
        ["amount"],
        [
            Row(None, "合计", project, row_kind="total"),
            Row("179", "陕西省政务服务中心", project),
            Row("179001", "陕西省政务服务中心", project),
            Row(None, "专用项目", project),
            Row(
                None,
                PROJECT_NAME,
                project,
                {"description": "政务服务一网通办业务开展，建成“12345”热线平台运营"},
            ),
        ],
    )
    t12 = [Row(None, "合计", {"quantity": "132", "amount": "2679993.00"}, row_kind="total")]
    for unit in ("179", "179001"):
        t12.append(
            Row(
                "2010399",
                "陕西省政务服务中心",
                {"quantity": "132", "amount": "2679993.00"},
                {"unit_code": unit},
            )
        )
    for catalogue, spec, quantity, econ, amount in T12_ITEMS:
        t12.append(
            Row(
                "2010399",
                PROJECT_NAME,
                {"quantity": quantity, "amount": amount},
                {
                    "catalogue": catalogue,
                    "spec": spec,
                    "dept_econ_code": econ,
                    "gov_econ_code": "50502",
                    "month": "9月份",
                },
            )
        )
    write_table(con, sha, "T12", "表12", ["quantity", "amount"], t12)
    three_public = {
        "total": "276000.00",
        "reception": "10000.00",
        "meeting": "66000.00",
        "training": "200000.00",
    }
    write_table(
        con,
        sha,
        "T13",
        "表13",
        T13_MEASURES,
        [
            Row(None, "合计", three_public, row_kind="total"),
            Row("179", "陕西省政务服务中心", three_public),
            Row("179001", "陕西省政务服务中心", three_public),
        ],
    )
    write_table(
        con,
        sha,
        "T14",
        "表14",
        ["total_funds", "fiscal_funds", "other_funds"],
        [
            Row(
                None,
                PROJECT_NAME,
                {"total_funds": "8076900.00", "fiscal_funds": "8076900.00"},
                {"project_name": PROJECT_NAME, "department_name": "陕西省政务服务中心"},
            ),
        ],
        section="funds",
        first_row=3,
        unit_multiplier=10000,
    )
    write_table(
        con,
        sha,
        "T14",
        "表14",
        [],
        [
            Row(
                None,
                content,
                {},
                {
                    "project_name": PROJECT_NAME if i == 0 else "",
                    "indicator_level1": level1,
                    "indicator_level2": level2,
                    "indicator_content": content,
                    "indicator_value": value,
                },
            )
            for i, (level1, level2, content, value) in enumerate(T14_INDICATORS)
        ],
        section="indicators",
        first_row=10,
    )
    write_table(
        con,
        sha,
        "T15",
        "表15",
        [],
        [
            Row(
                None,
                content,
                {},
                # the content only as the row label, as the parser writes it
                {"indicator_level1": level1, "indicator_level2": level2, "indicator_value": value},
            )
            for level1, level2, content, value in T15_INDICATORS
        ],
        section="indicators",
        first_row=12,
    )
    for table_id in ("T01", "T02", "T03", "T05", "T06", "T07", "T08", "T10", "T12", "T13"):
        con.execute(
            "insert into raw.disclosure_tables values "
            "(?, ?, ?, ?, 2021, '单位：元', 1, ?, ?, true)",
            [
                sha,
                table_id,
                f"2021年{table_id}",
                f"2021年{table_id}",
                f"表{int(table_id[1:])}",
                f"表{int(table_id[1:])}!A1",
            ],
        )


def write_other_disclosures(con: duckdb.DuckDBPyConnection) -> None:
    """Department 180 (2021) and department 179's 2022 file. The 2022 file prints 20139 /
    2013999, codes the crosswalk only knows from 2024 on: quality.unknown_codes lists them."""
    write_table(
        con,
        SHA_180_2021,
        "T05",
        "表5",
        T05_MEASURES,
        [
            Row(
                None,
                "合计",
                {
                    "total": "1500000.50",
                    "personnel": "1000000.25",
                    "public": "200000.25",
                    "project": "300000.00",
                },
                row_kind="total",
            ),
            Row(
                "201",
                "一般公共服务支出",
                {"total": "1200000.50", "personnel": "1000000.25", "public": "200000.25"},
            ),
            Row(
                "20103",
                "政府办公厅（室）及相关机构事务",
                {"total": "1200000.50", "personnel": "1000000.25", "public": "200000.25"},
            ),
            Row(
                "2010350",
                "事业运行支出",
                {"total": "1200000.50", "personnel": "1000000.25", "public": "200000.25"},
            ),
            Row("205", "教育支出", {"total": "300000.00", "project": "300000.00"}),
            # Faults on purpose: S1 fails on this row (合计 ≠ 人员 + 公用 + 专项) and
            # 2010350 is printed with a name that contradicts the reference list.
            Row("20508", "进修及培训", {"total": "300000.00", "project": "290000.00"}),
            Row("2050803", "培训支出", {"total": "300000.00", "project": "300000.00"}),
        ],
    )
    write_table(
        con,
        SHA_179_2022,
        "T05",
        "表5",
        T05_MEASURES,
        [
            Row(
                None,
                "合计",
                {
                    "total": "4000000.00",
                    "personnel": "3200000.00",
                    "public": "300000.00",
                    "project": "500000.00",
                },
                row_kind="total",
            ),
            Row(
                "201",
                "一般公共服务支出",
                {
                    "total": "4000000.00",
                    "personnel": "3200000.00",
                    "public": "300000.00",
                    "project": "500000.00",
                },
            ),
            Row(
                "20103",
                "政府办公厅(室)及相关机构事务",
                {"total": "3500000.00", "personnel": "3200000.00", "public": "300000.00"},
            ),
            Row(
                "2010350",
                "事业运行",
                {"total": "3500000.00", "personnel": "3200000.00", "public": "300000.00"},
            ),
            Row("20139", "社会工作事务", {"total": "500000.00", "project": "500000.00"}),
            Row("2013999", "其他社会工作事务支出", {"total": "500000.00", "project": "500000.00"}),
        ],
    )


def write_registry_and_files(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""
        insert into raw.departments values
            ('179', '陕西省政务服务中心', '省政务服务中心|陕西省政务服务中心部门本级'),
            ('180', '示例厅', null),
            ('181', '未加载的部门', null)
    """)
    con.execute(
        "insert into raw.load_runs (run_id, started_at, raw_dir)"
        " values ('run-1', timestamp '2026-11-28 02:00:00', '/raw')"
    )
    files = [
        ("2021/179.xls", SHA_179_2021, "179", "陕西省政务服务中心", 2021, "loaded", None),
        ("2022/179.xls", SHA_179_2022, "179", "陕西省政务服务中心", 2022, "loaded", None),
        ("2021/180.xlsx", SHA_180_2021, "180", "示例厅", 2021, "loaded", None),
        ("2021/181.xls", SHA_QUARANTINED, "181", "未加载的部门", 2021, "quarantined", "truncated"),
    ]
    for path, sha, code, name, year, status, message in files:
        con.execute(
            "insert into raw.disclosure_files (file_path, file_sha256, file_size,"
            " department_code, department_name, fiscal_year, template_id, status, message,"
            " seen_at) values (?, ?, 1000, ?, ?, ?, 'shaanxi', ?, ?,"
            " timestamp '2026-11-28 02:00:00')",
            [path, sha, code, name, year, status, message],
        )
    # A quarantined file has no rows by contract; one stray amount proves the filter works.
    con.execute(
        "insert into raw.table_rows values (?, 'T05', 'main', 9, '表5', 'line', '2010350', 3, "
        "'事业运行', '事业运行', '表5!A9')",
        [SHA_QUARANTINED],
    )
    con.execute(
        "insert into raw.amounts values (?, 'T05', 'main', 9, 'total', 999.00, 'yuan', false, "
        "false, '999', 1, '表5!C9')",
        [SHA_QUARANTINED],
    )


def write_raw_schema(path: Path) -> None:
    con = duckdb.connect(str(path))
    try:
        ensure_raw_schema(con)  # the loader's own DDL: the fixture cannot drift from it
        write_registry_and_files(con)
        write_seed_disclosure(con)
        write_seed_other_tables(con)
        write_other_disclosures(con)
    finally:
        con.close()


def run_dbt(args: list[str], warehouse: Path, target_path: Path) -> subprocess.CompletedProcess:
    dbt = Path(sys.executable).with_name("dbt")
    env = {
        **os.environ,
        "BW_WAREHOUSE_PATH": str(warehouse),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    return subprocess.run(
        [
            str(dbt),
            *args,
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(target_path),
            "--log-path",
            str(target_path / "logs"),
        ],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@dataclass
class BuiltWarehouse:
    path: Path
    build_output: str

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        con = duckdb.connect(str(self.path), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory: pytest.TempPathFactory) -> BuiltWarehouse:
    workdir = tmp_path_factory.mktemp("dbt_build")
    warehouse = workdir / "budget.duckdb"
    target_path = workdir / "target"
    write_raw_schema(warehouse)
    for args in (["seed"], ["build"]):
        result = run_dbt(args, warehouse, target_path)
        assert result.returncode == 0, f"dbt {args[0]} failed:\n{result.stdout}\n{result.stderr}"
    return BuiltWarehouse(warehouse, result.stdout)
