"""Fault injection: break exactly one rule of DOMAIN.md §4 in one department-year.

Each injector edits table content so that its rule fails and, as far as the rule set
allows, no other rule does (e.g. the S1 fault raises a 表7 row's 合计 together with its
ancestors' 合计, so only 合计 = 人员 + 公用 fails). Injectors return None when the
disclosure offers nothing to break (no 表12 lines, say); the caller then tries another.
Deltas are whole 万元 so a fault stays visible in tables printed in 万元.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal

from dagster_project.lib.workbooks.budget import HUNDRED, Budget
from dagster_project.lib.workbooks.derive import Disclosure
from dagster_project.lib.workbooks.layout import ListRow

Fault = dict[str, str]
X7_CODES = {"30212", "30215", "30216", "30217", "30231", "31013"}
WAN = Decimal(10000)


def _delta(rng: random.Random) -> Decimal:
    return Decimal(rng.randint(2, 9)) * WAN


def _rows(d: Disclosure, tid: str) -> list[ListRow]:
    return d.tables[tid].rows if tid in d.tables else []


def _bump(row: ListRow, key: str, delta: Decimal) -> None:
    row.cells[key] = (row.cells.get(key) or Decimal(0)) + delta


def _lineage(rows: list[ListRow], code: str) -> list[ListRow]:
    """The row of `code`, its ancestors by code prefix, and the 合计 row."""
    return [r for r in rows if r.code is None and r.row_kind == "total"] + [
        r for r in rows if r.code and code.startswith(r.code)
    ]


def _bump_side(d: Disclosure, tid: str, section: str, index: int, delta: Decimal) -> str:
    entries = d.tables[tid].sections[section]
    label, amount = entries[index]
    entries[index] = (label, (amount or Decimal(0)) + delta)
    return label


def _bump_footer(d: Disclosure, tid: str, row: int, col: int, delta: Decimal) -> str:
    footer = d.tables[tid].footer
    label, amount = footer[row][col]
    footer[row] = list(footer[row])
    footer[row][col] = (label, (amount or Decimal(0)) + delta)
    return label


def b1(rng, d):
    delta = _delta(rng)
    _bump_footer(d, "T01", -1, 1, delta)
    return {
        "table_id": "T01",
        "detail": f"表1 支出功能分类 支出总计 raised by {delta} (收入总计 unchanged)",
    }


def b2(rng, d):
    delta = _delta(rng)
    label = _bump_side(d, "T01", "income", 2, delta)
    return {
        "table_id": "T01",
        "detail": f"表1 {label} raised by {delta}; 财政拨款 no longer its sum",
    }


def b3(rng, d):
    delta = _delta(rng)
    entries = d.tables["T01"].sections["expenditure_gov_econ"]
    label = _bump_side(d, "T01", "expenditure_gov_econ", len(entries) - 1, delta)
    return {
        "table_id": "T01",
        "detail": f"表1 政府经济分类 {label} raised by {delta}; lines ≠ 本年支出合计",
    }


def b4(rng, d):
    delta = _delta(rng)
    _bump_footer(d, "T04", -1, 2, delta)
    return {"table_id": "T04", "detail": f"表4 部门经济分类 支出总计 raised by {delta}"}


def _move(rows: list[ListRow], code: str, delta: Decimal, src: str, dst: str) -> None:
    for r in _lineage(rows, code):
        _bump(r, src, -delta)
        _bump(r, dst, delta)


def _pick(
    rng,
    rows: list[ListRow],
    length: int,
    need: str | None = None,
    minimum: Decimal = Decimal(0),
    exclude: set[str] = frozenset(),
) -> ListRow | None:
    cands = [
        r
        for r in rows
        if r.code
        and len(r.code) == length
        and r.code not in exclude
        and (need is None or (r.cells.get(need) or 0) > minimum)
    ]
    return rng.choice(cands) if cands else None


def s1(rng, d):
    delta = _delta(rng)
    row = _pick(rng, _rows(d, "T07"), 7)
    if not row:
        return None
    for r in _lineage(_rows(d, "T07"), row.code):
        _bump(r, "total", delta)
    return {
        "table_id": "T07",
        "detail": f"表7 {row.code} 合计 (and its parents') raised by {delta}, 人员/公用 unchanged",
    }


def s2(rng, d):
    delta = _delta(rng)
    row = _pick(rng, _rows(d, "T05"), 7)
    if not row:
        return None
    _bump(row, "project", delta)
    _bump(row, "total", delta)
    return {
        "table_id": "T05",
        "detail": f"表5 项 {row.code} 专项/合计 raised by {delta}; its 款 ≠ Σ 项",
    }


def s3(rng, d):
    delta = _delta(rng)
    row = _pick(rng, _rows(d, "T06"), 5, exclude=X7_CODES)
    if not row:
        return None
    _bump(row, "project", delta)
    _bump(row, "total", delta)
    return {
        "table_id": "T06",
        "detail": f"表6 款 {row.code} 专项/合计 raised by {delta}; its 类 ≠ Σ 款",
    }


def s4(rng, d):
    rows = _rows(d, "T12")
    if not rows:
        return None
    rows[0].cells["quantity"] = rows[0].cells["quantity"] + 3
    return {"table_id": "T12", "detail": "表12 合计 数量 raised by 3; ≠ Σ lines"}


def x1(rng, d):
    delta = _delta(rng)
    row = _pick(rng, _rows(d, "T08"), 5, "personnel", delta)
    if not row:
        return None
    _move(_rows(d, "T06"), row.code, delta, "personnel", "public")
    _move(_rows(d, "T08"), row.code, delta, "personnel", "public")
    return {
        "table_id": "T06",
        "detail": f"{delta} moved 人员→公用 at {row.code} in 表6 and 表8; 表5 合计 ≠ 表6 合计",
    }


def x2(rng, d):
    delta = _delta(rng)
    row = _pick(rng, _rows(d, "T07"), 7, "personnel", delta)
    if not row:
        return None
    _move(_rows(d, "T07"), row.code, delta, "personnel", "public")
    return {"table_id": "T07", "detail": f"表7 {row.code}: {delta} moved from 人员 to 公用; ≠ 表5"}


def x3(rng, d):
    delta = _delta(rng)
    row = _pick(rng, _rows(d, "T08"), 5, "personnel", delta)
    if not row:
        return None
    _move(_rows(d, "T08"), row.code, delta, "personnel", "public")
    return {"table_id": "T08", "detail": f"表8 {row.code}: {delta} moved from 人员 to 公用; ≠ 表6"}


def x4(rng, d):
    delta = _delta(rng)
    row = _pick(rng, _rows(d, "T03"), 7)
    if not row:
        return None
    for r in _lineage(_rows(d, "T03"), row.code):
        _bump(r, "project", delta)
        _bump(r, "total", delta)
    return {
        "table_id": "T03",
        "detail": f"表3 {row.code} and parents raised by {delta}; 类 {row.code[:3]} ≠ 表1",
    }


def x5(rng, d):
    delta = _delta(rng)
    _bump_side(d, "T04", "income", 1, -delta)
    _bump_side(d, "T04", "income", 4, delta)
    return {
        "table_id": "T04",
        "detail": f"表4 {delta} moved from 一般公共预算拨款 to 国有资本经营预算收入; ≠ 表5 合计",
    }


def x6(rng, d):
    delta = _delta(rng)
    rows = _rows(d, "T10")
    projects = [r for r in rows if r.code is None and r.row_kind != "total"]
    if not projects:
        return None
    idx = rng.randrange(len(projects))
    target = projects[idx]
    pos = rows.index(target)
    owner = next(r for r in reversed(rows[:pos]) if r.code)
    for r in [rows[0], rows[1], owner, target]:
        _bump(r, "amount", delta)
    goal = d.tables["T14"].projects[idx]
    goal.total_funds += delta / WAN
    goal.fiscal_funds += delta / WAN
    return {
        "table_id": "T10",
        "detail": f"表10 {target.label} raised by {delta} (表14 kept in step); ≠ 表5 专项",
    }


def x7(rng, d):
    delta = _delta(rng)
    rows = _rows(d, "T13")
    if "T13" in d.empty or not rows:
        return None
    for r in rows[:2] + rows[2:3]:
        _bump(r, "reception", delta)
        _bump(r, "total", delta)
    return {"table_id": "T13", "detail": f"表13 公务接待费 raised by {delta}; ≠ 表6 30217"}


def x8(rng, d):
    rows = _rows(d, "T12")
    items = [r for r in rows if "dept_econ_code" in r.attributes]
    if not items:
        return None
    item = rng.choice(items)
    econ = item.attributes["dept_econ_code"]
    t06 = next(r.cells["total"] for r in _rows(d, "T06") if r.code == econ)
    delta = (t06 / HUNDRED).quantize(Decimal(1)) * HUNDRED + _delta(rng)
    pos = rows.index(item)
    owner = next(
        r
        for r in reversed(rows[:pos])
        if "unit_code" in r.attributes and "dept_econ_code" not in r.attributes
    )
    for r in {id(x): x for x in [rows[0], rows[1], owner, item]}.values():
        _bump(r, "amount", delta)
    return {
        "table_id": "T12",
        "detail": f"表12 item on {econ} raised by {delta}; procurement > 表6 {econ}",
    }


def x9(rng, d):
    goal = d.tables["T14"].projects[0]
    goal.total_funds += Decimal(1)
    goal.fiscal_funds += Decimal(1)
    return {"table_id": "T14", "detail": f"表14 {goal.name} 资金总额 raised by 1.00 万元; ≠ 表10"}


def x10(rng, d):
    delta = _delta(rng)
    _bump_side(d, "T01", "expenditure_dept_econ", 2, -delta)
    _bump_side(d, "T01", "expenditure_dept_econ", 3, delta)
    return {
        "table_id": "T01",
        "detail": f"表1 {delta} moved from 工资福利支出 to 商品和服务支出 (basic); ≠ 表6",
    }


def c1(rng, d):
    tid = rng.choice(["T11", "T13", "T16"])
    del d.tables[tid]
    return {"table_id": tid, "detail": f"表{int(tid[1:])} missing from the workbook"}


def c2(rng, d):
    d.empty.pop("T09", None)
    return {"table_id": "T09", "detail": "目录 marks 表9 是否空表=否 but 表9 has no amounts"}


def c3(rng, d):
    row = _pick(rng, _rows(d, "T06"), 5)
    bad = row.cells["gov_econ_code"][:4]
    row.cells["gov_econ_code"] = bad
    return {"table_id": "T06", "detail": f"表6 {row.code} 政府经济科目编码 malformed: {bad}"}


def c3n(rng, d):
    row = _pick(rng, _rows(d, "T05"), 7)
    if row is None:
        return None
    wrong = f"{row.label}经费"  # reads plausibly, contradicts the year's code list
    row.cells["label"] = wrong
    row.label = wrong
    return {"table_id": "T05", "detail": f"表5 {row.code} printed as “{wrong}”"}


def c4(rng, d):
    d.tables["T08"].title_year = d.year - 1
    return {"table_id": "T08", "detail": f"表8 title says {d.year - 1}, workbook is {d.year}"}


CONTENT_FAULTS: dict[str, Callable] = {
    "B1": b1,
    "B2": b2,
    "B3": b3,
    "B4": b4,
    "S1": s1,
    "S2": s2,
    "S3": s3,
    "S4": s4,
    "X1": x1,
    "X2": x2,
    "X3": x3,
    "X4": x4,
    "X5": x5,
    "X6": x6,
    "X7": x7,
    "X8": x8,
    "X9": x9,
    "X10": x10,
    "C1": c1,
    "C2": c2,
    "C3": c3,
    "C3N": c3n,
    "C4": c4,
}
TOUCHES = {
    "B1": {"T01"},
    "B2": {"T01"},
    "B3": {"T01"},
    "X10": {"T01"},
    "B4": {"T04"},
    "X5": {"T04"},
    "S1": {"T07"},
    "X2": {"T07"},
    "S2": {"T05"},
    "S3": {"T06"},
    "C3": {"T06"},
    "C3N": {"T05"},
    "X1": {"T06", "T08"},
    "X3": {"T08"},
    "C4": {"T08"},
    "S4": {"T12"},
    "X8": {"T12"},
    "X4": {"T03"},
    "X6": {"T10", "T14"},
    "X9": {"T14"},
    "X7": {"T13"},
    "C1": {"T11", "T13", "T16"},
    "C2": {"T09"},
}


def inject(rule_id: str, rng: random.Random, d: Disclosure) -> Fault | None:
    """Apply one content fault; None when this disclosure cannot carry it."""
    result = CONTENT_FAULTS[rule_id](rng, d)
    return None if result is None else {"rule_id": rule_id, **result}


def scale_class(budget: Budget, factor: Decimal) -> Fault:
    """Y3: one function 类 grows far beyond normal year-on-year drift (all tables agree)."""
    cls = max({b.function_code[:3] for b in budget.buckets if b.kind == "project"})
    for b in budget.buckets:
        if b.function_code[:3] == cls:
            b.amount = (b.amount * factor / HUNDRED).quantize(Decimal(1)) * HUNDRED
    return {
        "rule_id": "Y3",
        "table_id": "T05",
        "detail": f"功能类 {cls} scaled ×{factor} against the prior year",
    }


def drop_code(budget: Budget) -> Fault | None:
    """Y4: a 项 code used last year vanishes; its money moves to another 项 of the same 类."""
    counts: dict[str, int] = {}
    for b in budget.buckets:
        counts[b.function_code] = counts.get(b.function_code, 0) + 1
    for victim in budget.buckets:
        if victim.kind != "project" or counts[victim.function_code] != 1:
            continue
        host = next(
            (
                b
                for b in budget.buckets
                if b is not victim
                and b.kind == "project"
                and b.function_code[:3] == victim.function_code[:3]
                and b.function_code != victim.function_code
            ),
            None,
        )
        if host is None:
            host = next(
                (
                    b
                    for b in budget.buckets
                    if b.function_code[:3] == victim.function_code[:3]
                    and b.function_code != victim.function_code
                ),
                None,
            )
        if host is None:
            continue
        host.amount += victim.amount
        budget.buckets.remove(victim)
        return {
            "rule_id": "Y4",
            "table_id": "T05",
            "detail": f"功能科目 {victim.function_code} used last year is gone",
        }
    return None
