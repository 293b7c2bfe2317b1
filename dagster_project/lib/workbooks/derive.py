"""Derive the content of all 16 tables (plus cover and 目录) from one `Budget`.

Content is kept as builder input (`TableContent`), not as grids, so that faults can be
injected on meaningful objects (a 表5 row's 人员经费, 表1's 支出总计) before layout.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from dagster_project.lib.workbooks.budget import Budget, Line, econ_name
from dagster_project.lib.workbooks.codes import code_lists, gov_econ_code
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
    FUNCTION_CLASSES,
    GOV_ECON_CLASSES,
    T1_DEPT_ECON,
    T1_INCOME_LABELS,
    T4_INCOME_LABELS,
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

ZERO = Decimal(0)
KINDS = ("personnel", "public", "project")
PROCUREMENT_ECON = {"30227", "30226", "30299", "30201", "30218", "30213", "30209", "30207"}
CATALOGUE_ITEMS = [
    ("A02通用设备", "批"),
    ("A0201计算机设备及软件", "批"),
    ("A05家具用具", "套"),
    ("C99其他服务", "项"),
    ("A07纺织原料、毛皮、被服装具", "批"),
]
STANDARD_EMPTY = {"T09": "不涉及", "T11": "不涉及", "T16": "不涉及"}


@dataclass
class TableContent:
    """Builder input for one table; `kind` says which builder applies."""

    table_id: str
    kind: str  # list | summary | project_perf | overall_perf | blank_special
    rows: list[ListRow] = field(default_factory=list)
    sections: dict[str, list] = field(default_factory=dict)
    footer: list[list] = field(default_factory=list)
    projects: list[ProjectGoal] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    totals: tuple = (None, None, None)
    goal: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    title_year: int | None = None


@dataclass
class Disclosure:
    department_code: str
    department_name: str
    year: int
    tables: dict[str, TableContent]
    empty: dict[str, str]


def build_grid(c: TableContent, year: int, department_name: str, table_label: str | None) -> Grid:
    y = c.title_year or year
    if c.kind == "list":
        return build_list(c.table_id, y, c.rows, table_label=table_label)
    if c.kind == "summary":
        return build_summary_table(
            table_id=c.table_id,
            year=y,
            sections=c.sections,
            footer=c.footer,
            table_label=table_label,
        )
    if c.kind == "project_perf":
        return build_project_performance(y, c.projects, table_label=table_label)
    if c.kind == "overall_perf":
        return build_overall_performance(
            y, department_name, c.tasks, c.totals, c.goal, c.indicators, table_label=table_label
        )
    return build_special_fund_performance_blank(y, table_label=table_label)


def _by(lines: list[Line], key) -> dict[str, dict[str, Decimal]]:
    out: dict[str, dict[str, Decimal]] = defaultdict(lambda: dict.fromkeys(KINDS, ZERO))
    for ln in lines:
        out[key(ln)][ln.kind] += ln.amount
    return out


def _measures(k: dict[str, Decimal], basic_subtotal: bool, project: bool) -> dict[str, Decimal]:
    m = {
        "total": k["personnel"] + k["public"] + (k["project"] if project else ZERO),
        "personnel": k["personnel"],
        "public": k["public"],
    }
    if basic_subtotal:
        m["basic_subtotal"] = k["personnel"] + k["public"]
    if project:
        m["project"] = k["project"]
    return m


def function_rows(
    lines: list[Line], basic_subtotal: bool, project: bool, t03: bool = False
) -> list[ListRow]:
    """合计 / 类 / 款 / 项 rows of 表3, 表5 or 表7 (codes sorted, parents before children)."""
    leaf = _by(lines, lambda ln: ln.function_code)
    names = code_lists().function
    agg: dict[str, dict[str, Decimal]] = defaultdict(lambda: dict.fromkeys(KINDS, ZERO))
    for code, k in leaf.items():
        for prefix in (code[:3], code[:5], code):
            for kind in KINDS:
                agg[prefix][kind] += k[kind]
    extra = {"remit_superior": ZERO, "operating": ZERO, "subsidy_affiliated": ZERO} if t03 else {}
    total = {kind: sum((leaf[c][kind] for c in leaf), ZERO) for kind in KINDS}
    rows = [
        ListRow(
            {"label": "合计", **_measures(total, basic_subtotal, project), **extra},
            None,
            "合计",
            "total",
        )
    ]
    for code in sorted(agg):
        rows.append(
            ListRow(
                {
                    "code": code,
                    "label": names[code],
                    **_measures(agg[code], basic_subtotal, project),
                    **extra,
                },
                code,
                names[code],
            )
        )
    return rows


def econ_rows(lines: list[Line], unit_kind: str, project: bool) -> list[ListRow]:
    """合计 / 类 / 款 rows of 表6 or 表8 with the government economic code of each 款."""
    leaf = _by(lines, lambda ln: ln.econ_code)
    agg: dict[str, dict[str, Decimal]] = defaultdict(lambda: dict.fromkeys(KINDS, ZERO))
    for code, k in leaf.items():
        for prefix in (code[:3], code):
            for kind in KINDS:
                agg[prefix][kind] += k[kind]
    gov = code_lists().gov_econ
    total = {kind: sum((leaf[c][kind] for c in leaf), ZERO) for kind in KINDS}
    rows = [ListRow({"label": "合计", **_measures(total, False, project)}, None, "合计", "total")]
    for code in sorted(agg):
        cells = {"code": code, "label": econ_name(code), **_measures(agg[code], False, project)}
        if len(code) == 5:
            g = gov_econ_code(code, unit_kind)
            cells |= {"gov_econ_code": g, "gov_econ_name": gov[g]}
        rows.append(ListRow(cells, code, econ_name(code)))
    return rows


def _unit_rows(
    budget: Budget, values_by_unit: dict[str, dict[str, Decimal]], keys: list[str]
) -> list[ListRow]:
    dept = budget.department
    zero = dict.fromkeys(keys, ZERO)
    total = {k: sum((v.get(k, ZERO) for v in values_by_unit.values()), ZERO) for k in keys}
    rows = [
        ListRow({"label": "合计", **total}, None, "合计", "total"),
        ListRow({"code": dept.code, "label": dept.name, **total}, dept.code, dept.name),
    ]
    for u in dept.units:
        rows.append(
            ListRow(
                {"code": u.code, "label": u.name, **(zero | values_by_unit.get(u.code, {}))},
                u.code,
                u.name,
            )
        )
    return rows


def derive_disclosure(rng: random.Random, budget: Budget) -> Disclosure:
    dept, year, lines = budget.department, budget.year, budget.lines
    kind = dept.units[0].kind
    total = sum((ln.amount for ln in lines), ZERO)
    by_kind = {k: sum((ln.amount for ln in lines if ln.kind == k), ZERO) for k in KINDS}
    basic = lines_basic = [ln for ln in lines if ln.kind != "project"]
    t: dict[str, TableContent] = {}
    empty = dict(STANDARD_EMPTY)

    by_class = {code: ZERO for code, _ in FUNCTION_CLASSES}
    econ_keys: dict[str, Decimal] = {key: ZERO for _, key in T1_DEPT_ECON}
    gov_classes = {code: ZERO for code, _ in GOV_ECON_CLASSES}
    for ln in lines:
        by_class[ln.function_code[:3]] += ln.amount
        econ_keys["basic" if ln.kind != "project" else "project"] += ln.amount
        econ_keys[f"{'basic' if ln.kind != 'project' else 'project'}:{ln.econ_code[:3]}"] += (
            ln.amount
        )
        gov_classes[gov_econ_code(ln.econ_code, kind)[:3]] += ln.amount
    for tid, head, income in (
        ("T01", "一、部门预算", T1_INCOME_LABELS),
        ("T04", "一、财政拨款", T4_INCOME_LABELS),
    ):
        income_values = [total, total] + ([total] if tid == "T01" else []) + [ZERO] * 12
        t[tid] = TableContent(
            tid,
            "summary",
            sections={
                "income": list(zip(income, income_values, strict=False)),
                "expenditure_function": function_view(head, by_class),
                "expenditure_dept_econ": dept_econ_view(
                    head, total, econ_keys, half_width=tid == "T04"
                ),
                "expenditure_gov_econ": gov_econ_view(head, total, gov_classes),
            },
            footer=t1_footer(total, total) if tid == "T01" else t4_footer(total, total, ZERO, ZERO),
        )
    t["T09"] = TableContent(
        "T09",
        "summary",
        sections=t9_sections(),
        footer=[[("本年收入合计", None)] + [("本年支出合计", None)] * 3],
    )

    per_unit = {
        u.code: sum((ln.amount for ln in lines if ln.unit_code == u.code), ZERO) for u in dept.units
    }
    t02_keys = [
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
    t["T02"] = TableContent(
        "T02",
        "list",
        rows=_unit_rows(
            budget,
            {
                u: dict.fromkeys(t02_keys, ZERO)
                | {"total": v, "fiscal_subtotal": v, "general_budget": v}
                for u, v in per_unit.items()
            },
            t02_keys,
        ),
    )
    t["T03"] = TableContent("T03", "list", rows=function_rows(lines, True, True, t03=True))
    t["T05"] = TableContent("T05", "list", rows=function_rows(lines, False, True))
    t["T06"] = TableContent("T06", "list", rows=econ_rows(lines, kind, True))
    t["T07"] = TableContent("T07", "list", rows=function_rows(lines_basic, False, False))
    t["T08"] = TableContent("T08", "list", rows=econ_rows(basic, kind, False))

    # Unit order first, so 表10 (grouped by unit), 表14 and 表15 list projects alike.
    unit_order = [u.code for u in dept.units]
    projects = sorted(_projects(lines), key=lambda p: unit_order.index(p[1]))
    t10_rows = _unit_rows(
        budget,
        {
            u.code: {"amount": sum((p[2] for p in projects if p[1] == u.code), ZERO)}
            for u in dept.units
        },
        ["amount"],
    )
    out_rows = t10_rows[:2]
    for row in t10_rows[2:]:
        out_rows.append(row)
        for name, unit_code, amount, _ in projects:
            if unit_code == row.code:
                out_rows.append(
                    ListRow(
                        {
                            "label": name,
                            "amount": amount,
                            "description": f"保障{name.removesuffix('经费')}工作开展",
                        },
                        None,
                        name,
                    )
                )
    t["T10"] = TableContent("T10", "list", rows=out_rows)
    t["T11"] = TableContent("T11", "list", rows=[])
    t12 = _procurement(rng, budget)
    if t12:
        t["T12"] = TableContent("T12", "list", rows=t12)
    else:
        t["T12"] = TableContent("T12", "list", rows=[])
        empty["T12"] = "本部门无政府采购预算"
    t13_map = {
        "overseas_travel": "30212",
        "vehicle_operation": "30231",
        "reception": "30217",
        "meeting": "30215",
        "training": "30216",
    }
    t13_keys = [
        "total",
        "overseas_travel",
        "vehicle_total",
        "vehicle_purchase",
        "vehicle_operation",
        "reception",
        "meeting",
        "training",
    ]
    t13_units = {}
    for u in dept.units:
        v = {
            k: sum(
                (ln.amount for ln in lines if ln.unit_code == u.code and ln.econ_code == e), ZERO
            )
            for k, e in t13_map.items()
        }
        v["vehicle_purchase"] = ZERO
        v["vehicle_total"] = v["vehicle_purchase"] + v["vehicle_operation"]
        v["total"] = (
            v["overseas_travel"]
            + v["vehicle_total"]
            + v["reception"]
            + v["meeting"]
            + v["training"]
        )
        t13_units[u.code] = v
    t["T13"] = TableContent("T13", "list", rows=_unit_rows(budget, t13_units, t13_keys))
    if all(v["total"] == 0 for v in t13_units.values()):
        empty["T13"] = "本部门无三公经费及会议费、培训费预算"
    wan = Decimal(10000)
    t["T14"] = TableContent(
        "T14",
        "project_perf",
        projects=[
            ProjectGoal(
                name,
                dept.name,
                amount / wan,
                amount / wan,
                ZERO,
                f"目标1：按期完成{name.removesuffix('经费')}任务",
                _indicators(name, amount / wan),
            )
            for name, _, amount, _ in projects
        ],
    )
    tasks = [
        Task(
            "任务1",
            "按时足额发放工资及社会保障缴费",
            by_kind["personnel"] / wan,
            by_kind["personnel"] / wan,
            ZERO,
        ),
        Task("任务2", "保障机构正常运转", by_kind["public"] / wan, by_kind["public"] / wan, ZERO),
    ]
    tasks += [
        Task(f"任务{i}", name, amount / wan, amount / wan, ZERO)
        for i, (name, _, amount, _) in enumerate(projects, 3)
    ]
    t["T15"] = TableContent(
        "T15",
        "overall_perf",
        tasks=tasks,
        totals=(total / wan, total / wan, ZERO),
        goal="目标1：保障机构正常运转 目标2：完成年度重点工作任务",
        indicators=_indicators("年度重点工作", total / wan),
    )
    t["T16"] = TableContent("T16", "blank_special")
    return Disclosure(dept.code, dept.name, year, dict(sorted(t.items())), empty)


def _projects(lines: list[Line]) -> list[tuple[str, str, Decimal, str]]:
    """(name, unit code, amount, function code) of each project, in first-seen order."""
    out: dict[tuple[str, str], list] = {}
    for ln in lines:
        if ln.kind == "project":
            entry = out.setdefault((ln.project or "", ln.unit_code), [ZERO, ln.function_code])
            entry[0] += ln.amount
    return [(name, unit, v[0], v[1]) for (name, unit), v in out.items()]


def _indicators(name: str, wan_amount: Decimal) -> list[Indicator]:
    return [
        Indicator("产出指标", "数量指标", f"{name}完成事项数", "≥10项"),
        Indicator("产出指标", "质量指标", "任务完成合格率", "≥95%"),
        Indicator("产出指标", "成本指标", f"{name}支出", f"≤{wan_amount:.2f}万元"),
        Indicator("效益指标", "社会效益指标", "服务对象覆盖率", "≥90%"),
        Indicator("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"),
    ]


def _procurement(rng: random.Random, budget: Budget) -> list[ListRow]:
    dept = budget.department
    eligible = [
        ln
        for ln in budget.lines
        if ln.kind == "project" and ln.econ_code in PROCUREMENT_ECON and ln.amount >= 1000
    ]
    if not eligible:
        return []
    picked = rng.sample(eligible, min(len(eligible), rng.randint(1, 4)))
    picked.sort(key=lambda ln: (ln.unit_code, ln.function_code, ln.econ_code))
    items = []
    for ln in picked:
        amount = (ln.amount * Decimal(rng.randint(30, 90)) / 100).quantize(Decimal(1))
        catalogue, measure = rng.choice(CATALOGUE_ITEMS)
        items.append((ln, amount, rng.randint(1, 50), catalogue, measure))
    kind = dept.units[0].kind

    def fn_cells(code: str | None) -> dict:
        if code is None:
            return {}
        return dict(
            zip(("fn_class", "fn_kuan", "fn_xiang"), split_code(code, (3, 2, 2)), strict=True)
        )

    def totals(sel) -> dict:
        return {
            "quantity": sum(q for _, _, q, _, _ in sel),
            "amount": sum((a for _, a, _, _, _ in sel), ZERO),
        }

    codes = {ln.function_code for ln, *_ in items}
    common = next(iter(codes)) if len(codes) == 1 else None
    rows = [
        ListRow({"label": "合计", **totals(items)}, None, "合计", "total"),
        ListRow(
            {**fn_cells(common), "unit_code": dept.code, "label": dept.name, **totals(items)},
            common,
            dept.name,
            attributes={"unit_code": dept.code},
        ),
    ]
    for u in dept.units:
        sel = [i for i in items if i[0].unit_code == u.code]
        if not sel:
            continue
        ucodes = {ln.function_code for ln, *_ in sel}
        ucommon = next(iter(ucodes)) if len(ucodes) == 1 else None
        rows.append(
            ListRow(
                {**fn_cells(ucommon), "unit_code": u.code, "label": u.name, **totals(sel)},
                ucommon,
                u.name,
                attributes={"unit_code": u.code},
            )
        )
        for ln, amount, quantity, catalogue, measure in sel:
            g = gov_econ_code(ln.econ_code, kind)
            cells = {
                **fn_cells(ln.function_code),
                "label": ln.project,
                "catalogue": catalogue,
                "spec": measure,
                "quantity": quantity,
                "dept_class": ln.econ_code[:3],
                "dept_kuan": ln.econ_code[3:],
                "gov_class": g[:3],
                "gov_kuan": g[3:],
                "month": f"{rng.randint(3, 11)}月份",
                "amount": amount,
            }
            rows.append(
                ListRow(
                    cells,
                    ln.function_code,
                    ln.project or "",
                    attributes={"dept_econ_code": ln.econ_code, "gov_econ_code": g},
                )
            )
    return rows
