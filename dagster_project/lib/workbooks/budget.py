"""A consistent department budget, the single source every generated table is derived from.

A budget is a list of leaf lines (unit × function 项 × department economic 款 × personnel /
public / project). Deriving all 16 tables from the same lines is what makes the identities
of DOMAIN.md §4 hold exactly; faults are injected afterwards, on purpose.

Year-over-year continuity: a department keeps its structure (buckets of function code,
kind, economic codes); each year every function 类 is scaled by a factor in [0.87, 1.15],
and occasionally a new project (a new 项 code) appears.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from decimal import Decimal

from dagster_project.lib.workbooks.codes import allowed_econ, code_lists

HUNDRED = Decimal(100)
CENT = Decimal("0.01")

AGENCY_SUFFIXES = ["厅", "局"]
DOMAINS = [
    "财政",
    "教育",
    "科学技术",
    "民政",
    "司法",
    "自然资源",
    "生态环境",
    "住房和城乡建设",
    "交通运输",
    "水利",
    "农业农村",
    "商务",
    "文化和旅游",
    "审计",
    "统计",
    "体育",
    "医疗保障",
    "机关事务管理",
    "信访",
    "粮食和物资储备",
    "市场监督管理",
    "人力资源和社会保障",
    "退役军人事务",
    "应急管理",
]
INSTITUTIONS = [
    "公共资源交易中心",
    "信息中心",
    "大数据服务中心",
    "档案馆",
    "社会科学院",
    "科技资源统筹中心",
    "住房资金管理中心",
    "行政学院培训中心",
    "价格认证中心",
    "国库支付中心",
    "法律援助中心",
    "体育训练中心",
]
SUBUNIT_SUFFIXES = ["信息中心", "培训中心", "服务中心", "监测中心", "研究所"]

# Main function 款 for basic spending: (行政运行 项 for agencies, 事业运行 项 for institutions).
MAIN_ITEMS = {
    "agency": ["2010301", "2010601", "2011301", "2040601", "2120101"],
    "institution": ["2010350", "2011350", "2200150"],
}
PROJECT_ITEMS = [
    "2010302",
    "2010399",
    "2010602",
    "2010604",
    "2010605",
    "2010607",
    "2010608",
    "2011302",
    "2011399",
    "2040604",
    "2040605",
    "2040607",
    "2040613",
    "2040699",
    "2050803",
    "2059999",
    "2060503",
    "2060702",
    "2070308",
    "2120102",
    "2120104",
    "2120199",
    "2200199",
    "2109999",
]
SALARY_ECON = {
    "agency": ["30101", "30102", "30103", "30199"],
    "institution": ["30101", "30107", "30199"],
}
SOCIAL = [
    ("2080505", "30108", Decimal("0.16")),
    ("2080506", "30109", Decimal("0.08")),
    ("2210201", "30113", Decimal("0.12")),
]
MEDICAL = {"agency": ("2101101", "30110"), "institution": ("2101102", "30110")}
PUBLIC_ECON = [
    "30201",
    "30202",
    "30205",
    "30206",
    "30207",
    "30211",
    "30215",
    "30217",
    "30228",
    "30229",
    "30231",
    "30212",
]
PROJECT_ECON = [
    "30201",
    "30207",
    "30211",
    "30213",
    "30214",
    "30215",
    "30216",
    "30218",
    "30226",
    "30227",
    "30299",
    "30209",
]
PROJECT_NAMES = [
    "信息化建设运维经费",
    "业务培训经费",
    "专项调研经费",
    "宣传及普法经费",
    "数据平台建设经费",
    "监督检查经费",
    "档案数字化经费",
    "政务服务热线运营经费",
    "课题研究经费",
    "设备购置经费",
    "会议及展览经费",
    "专项审计经费",
]


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    kind: str  # "agency" (机关) or "institution" (事业单位)


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    aliases: tuple[str, ...]
    units: tuple[Unit, ...]


@dataclass(frozen=True)
class Line:
    """One leaf amount in yuan."""

    unit_code: str
    function_code: str
    econ_code: str
    kind: str  # personnel | public | project
    amount: Decimal
    project: str | None = None


@dataclass
class Bucket:
    """A (unit, function 项, kind[, project]) amount in whole hundreds, split over econ codes."""

    unit_code: str
    function_code: str
    kind: str
    econ_codes: list[str]
    amount: Decimal
    project: str | None = None


@dataclass
class Budget:
    department: Department
    year: int
    buckets: list[Bucket]
    lines: list[Line] = field(default_factory=list)

    def unit_kind(self, unit_code: str) -> str:
        return next(u.kind for u in self.department.units if u.code == unit_code)


def make_departments(rng: random.Random, count: int) -> list[Department]:
    codes = rng.sample([c for c in range(101, 900) if c != 179], count)
    names: list[tuple[str, str]] = []
    pool = [(f"省{d}{rng.choice(AGENCY_SUFFIXES)}", "agency") for d in DOMAINS]
    pool += [(f"省{i}", "institution") for i in INSTITUTIONS]
    rng.shuffle(pool)
    for i in range(count):
        short, kind = pool[i % len(pool)]
        if i >= len(pool):
            short = short.replace("省", f"省第{i // len(pool) + 1}", 1)
        names.append((short, kind))
    departments = []
    for code, (short, kind) in zip(sorted(codes), names, strict=True):
        full = "陕西" + short
        units = [Unit(f"{code:03d}001", full, kind)]
        # Sub-units share the department's kind so one economic code maps to one
        # government code per department (表6 keeps one row per economic 款).
        for k in range(rng.choice([0, 0, 1, 2])):
            units.append(Unit(f"{code:03d}{k + 2:03d}", full + SUBUNIT_SUFFIXES[k], kind))
        departments.append(Department(f"{code:03d}", full, (short,), tuple(units)))
    return departments


def _hundreds(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low // 100, high // 100)) * HUNDRED


def initial_budget(rng: random.Random, dept: Department, year: int) -> Budget:
    buckets: list[Bucket] = []
    used_names: set[str] = set()
    for unit in dept.units:
        staff = rng.randint(8, 60)
        salary = _hundreds(rng, staff * 90_000, staff * 160_000)
        main = rng.choice(MAIN_ITEMS[unit.kind])
        buckets.append(
            Bucket(
                unit.code,
                main,
                "personnel",
                allowed_econ(unit.kind, SALARY_ECON[unit.kind]),
                salary,
            )
        )
        for fcode, econ, share in [*SOCIAL, (*MEDICAL[unit.kind], Decimal("0.08"))]:
            amount = (salary * share / HUNDRED).quantize(Decimal(1)) * HUNDRED
            buckets.append(Bucket(unit.code, fcode, "personnel", [econ], amount))
        if unit.kind == "institution" and rng.random() < 0.5:
            buckets.append(
                Bucket(unit.code, main, "personnel", ["30239"], _hundreds(rng, 5_000, 30_000))
            )
        public_econ = allowed_econ(unit.kind, PUBLIC_ECON)
        chosen = sorted(
            set(rng.sample(public_econ, rng.randint(3, min(7, len(public_econ))))) | {"30215"}
        )
        buckets.append(
            Bucket(
                unit.code, main, "public", chosen, _hundreds(rng, staff * 15_000, staff * 30_000)
            )
        )
        for _ in range(rng.randint(1, 3)):
            buckets.append(_new_project(rng, unit, used_names, 200_000, 5_000_000))
    return _with_lines(rng, Budget(dept, year, buckets))


def _new_project(
    rng: random.Random,
    unit: Unit,
    used: set[str],
    low: int,
    high: int,
    function_code: str | None = None,
) -> Bucket:
    name = rng.choice([n for n in PROJECT_NAMES if n not in used] or PROJECT_NAMES)
    used.add(name)
    fcode = function_code or rng.choice(PROJECT_ITEMS)
    econ = allowed_econ(unit.kind, PROJECT_ECON)
    chosen = sorted(rng.sample(econ, rng.randint(2, 4)))
    if "专项培训" in name or fcode == "2050803":
        chosen = sorted(set(chosen) | {"30216"})
    return Bucket(unit.code, fcode, "project", chosen, _hundreds(rng, low, high), name)


def evolve_budget(
    rng: random.Random, prior: Budget, year: int, allow_new_codes: bool = True
) -> Budget:
    """Next year's budget: each function 类 scaled by one factor; sometimes a new project."""
    classes = sorted({b.function_code[:3] for b in prior.buckets})
    factor = {c: Decimal(rng.randint(870, 1150)) / 1000 for c in classes}
    buckets = [
        replace(
            b,
            econ_codes=list(b.econ_codes),
            amount=max(
                HUNDRED,
                (b.amount * factor[b.function_code[:3]] / HUNDRED).quantize(Decimal(1)) * HUNDRED,
            ),
        )
        for b in prior.buckets
    ]
    if allow_new_codes and rng.random() < 0.3:
        project_buckets = [b for b in buckets if b.kind == "project"]
        host = rng.choice(project_buckets)
        siblings = [c for c in PROJECT_ITEMS if c[:3] == host.function_code[:3]]
        fresh = [c for c in siblings if c not in {b.function_code for b in buckets}]
        if fresh:
            unit = next(u for u in prior.department.units if u.code == host.unit_code)
            used = {b.project for b in buckets if b.project}
            class_total = sum(
                (b.amount for b in buckets if b.function_code[:3] == host.function_code[:3]),
                Decimal(0),
            )
            cap = max(1_000, int(class_total / 20))
            buckets.append(_new_project(rng, unit, used, 100, cap, function_code=rng.choice(fresh)))
    return _with_lines(rng, Budget(prior.department, year, buckets))


def split_amount(rng: random.Random, total: Decimal, parts: int, step: Decimal) -> list[Decimal]:
    """Split `total` into `parts` positive amounts, each a multiple of `step`."""
    units = int(total / step)
    if parts <= 1 or units < parts:
        return [total]
    cuts = sorted(rng.sample(range(1, units), parts - 1))
    bounds = [0, *cuts, units]
    return [Decimal(bounds[i + 1] - bounds[i]) * step for i in range(parts)]


def _with_lines(rng: random.Random, budget: Budget, step: Decimal = CENT) -> Budget:
    budget.lines = lines_of(rng, budget.buckets, step)
    return budget


def lines_of(rng: random.Random, buckets: list[Bucket], step: Decimal) -> list[Line]:
    lines = []
    for b in buckets:
        for econ, amount in zip(
            b.econ_codes, split_amount(rng, b.amount, len(b.econ_codes), step), strict=False
        ):
            lines.append(Line(b.unit_code, b.function_code, econ, b.kind, amount, b.project))
    return lines


def resplit_in_hundreds(rng: random.Random, budget: Budget) -> None:
    """Re-split economic detail in whole hundreds, for workbooks printing 表1/4/6/8 in 万元."""
    budget.lines = lines_of(rng, budget.buckets, HUNDRED)


def function_name(code: str) -> str:
    return code_lists().function[code]


def econ_name(code: str) -> str:
    return code_lists().dept_econ[code]
