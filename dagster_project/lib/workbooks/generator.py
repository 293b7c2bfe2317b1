"""Generate a corpus of disclosure workbooks with a truth manifest.

`generate_corpus` writes, under `out_dir`: one workbook per department-year (mixed layout
variants, see `variants.py`), `departments.csv`, and `manifest.json` listing for each file
its expected load status and every amount a perfect parser must find. With `faults=True`
it also breaks one rule per chosen department-year (`faults.py`), leaves one department-year
out (Y2) and adds files that must be quarantined.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from dagster_project.lib.workbooks import faults as fault_lib
from dagster_project.lib.workbooks.budget import (
    Budget,
    Department,
    Unit,
    evolve_budget,
    initial_budget,
    lines_of,
    make_departments,
    resplit_in_hundreds,
)
from dagster_project.lib.workbooks.derive import Disclosure, build_grid, derive_disclosure
from dagster_project.lib.workbooks.grid import Grid
from dagster_project.lib.workbooks.seed import write_registry
from dagster_project.lib.workbooks.shaanxi import build_catalogue, build_cover
from dagster_project.lib.workbooks.unreadable import write_unreadable_files
from dagster_project.lib.workbooks.variants import (
    Layout,
    apply_layout,
    choose_layout,
    plan_sheets,
    truth_rows,
)
from dagster_project.lib.workbooks.writer import write_workbook

SECTION_ORDER = [
    "main",
    "income",
    "expenditure_function",
    "expenditure_dept_econ",
    "expenditure_gov_econ",
    "funds",
    "tasks",
    "indicators",
]
WAN_ALWAYS = {"T14", "T15", "T16"}
NEEDS_CENTS_IN_HUNDREDS = {"T01", "T04", "T06", "T08"}
BUDGET_FAULTS = ("Y3", "Y4")


@dataclass
class Slot:
    department_index: int
    year: int
    index: int


def file_name(code: str, name: str, year: int, fmt: str, suffix: str = "") -> str:
    return f"{year}/{code}_{name}_{year}年部门综合预算{suffix}.{fmt}"


def money_text(value, multiplier: int) -> str | None:
    if value == "**":
        return None
    if value is None:
        return "0.00"
    if isinstance(value, int) and not isinstance(value, bool) and multiplier == 1:
        return str(value)
    return str((Decimal(value) * multiplier).quantize(Decimal("0.01")))


def render_disclosure(
    d: Disclosure, layout: Layout, rng: random.Random
) -> tuple[dict[str, Grid], list]:
    grids: dict[str, Grid] = {
        "cover": build_cover(d.year, d.department_name),
        "catalogue": build_catalogue(d.year, d.empty),
    }
    for tid, content in d.tables.items():
        label = f"表{int(tid[1:])}" if layout.table_labels else None
        grids[tid] = build_grid(content, d.year, d.department_name, label)
    grids = apply_layout(grids, layout)
    return grids, plan_sheets(grids, layout, rng)


def manifest_tables(placed, layout: Layout) -> dict:
    tables = {}
    for p in placed:
        if not p.table_id.startswith("T"):
            continue
        multiplier = 10000 if (p.table_id in layout.wan_tables or p.table_id in WAN_ALWAYS) else 1
        rows = []
        for row_number, t in truth_rows(p):
            amounts = {
                k: money_text(v, 1 if k == "quantity" else multiplier) for k, v in t.amounts.items()
            }
            rows.append(
                {
                    "section": t.section,
                    "code": t.code,
                    "label": t.label,
                    "row_kind": t.row_kind,
                    "row_number": row_number,
                    "amounts": amounts,
                    "attributes": t.attributes,
                }
            )
        rows.sort(key=lambda r: (SECTION_ORDER.index(r["section"]), r["row_number"]))
        tables[p.table_id] = {
            "unit_multiplier": multiplier,
            "sheet": p.sheet,
            "title": p.placement.grid.title,
            "rows": rows,
        }
    return dict(sorted(tables.items()))


def _budgets(seed: int, departments, years: list[int], y_faults: dict[tuple[int, int], str]):
    """Budget chains per department; Y3/Y4 faults applied in the chain so later years follow."""
    out: dict[tuple[int, int], tuple[Budget, list]] = {}
    for i, dept in enumerate(departments):
        rng = random.Random(f"{seed}:budget:{dept.code}")
        prior = None
        for year in years:
            budget = (
                initial_budget(rng, dept, year)
                if prior is None
                else evolve_budget(rng, prior, year)
            )
            recorded = []
            rule = y_faults.get((i, year))
            if rule == "Y3":
                recorded.append(fault_lib.scale_class(budget, Decimal("2.5")))
            elif rule == "Y4":
                f = fault_lib.drop_code(budget)
                if f:
                    recorded.append(f)
            if recorded:
                budget.lines = lines_of(rng, budget.buckets, Decimal("0.01"))
            out[(i, year)] = (budget, recorded)
            prior = budget
    return out


def generate_corpus(
    out_dir: Path, departments: int, years: range | list[int], seed: int = 0, faults: bool = False
) -> dict:
    """Write workbooks, departments.csv and manifest.json under out_dir; return the manifest."""
    out_dir = Path(out_dir)
    years = sorted(years)
    rng = random.Random(f"{seed}:corpus")
    depts = make_departments(rng, departments)
    slots = [
        Slot(i, y, k) for k, (i, y) in enumerate((i, y) for y in years for i in range(len(depts)))
    ]
    plan = _fault_plan(random.Random(f"{seed}:faults"), slots, years) if faults else {}
    y_faults = {(s.department_index, s.year): r for r, s in plan.get("budget", {}).items()}
    budgets = _budgets(seed, depts, years, y_faults)
    files = []
    pending: list[str] = []
    for slot in slots:
        dept = depts[slot.department_index]
        if faults and slot is plan.get("missing"):
            continue
        srng = random.Random(f"{seed}:{dept.code}:{slot.year}")
        # Offset the cycle by the year so a department does not keep one format every year.
        layout = choose_layout(srng, slot.index + years.index(slot.year))
        budget, recorded = budgets[(slot.department_index, slot.year)]
        if set(layout.wan_tables) & NEEDS_CENTS_IN_HUNDREDS:
            resplit_in_hundreds(srng, budget)
        disclosure = derive_disclosure(srng, budget)
        recorded = list(recorded)
        if slot.index not in reserved_slots(plan):
            wanted = plan.get("content", {}).get(slot.index, []) + pending
            pending, touched = [], set()
            for rule in wanted:
                f = None
                if not touched & fault_lib.TOUCHES[rule]:
                    f = fault_lib.inject(rule, srng, disclosure)
                if f:
                    recorded.append(f)
                    touched |= fault_lib.TOUCHES[rule]
                else:
                    pending.append(rule)
        grids, (sheets, placed) = render_disclosure(disclosure, layout, srng)
        entry = {
            "path": file_name(dept.code, dept.name, slot.year, layout.fmt),
            "department_code": dept.code,
            "fiscal_year": slot.year,
            "expected_status": "loaded",
            "quarantine_reason": None,
            "variants": layout.variant_tags(),
            "faults": recorded,
            "catalogue": {
                f"T{n:02d}": {
                    "is_empty": f"T{n:02d}" in disclosure.empty,
                    "empty_reason": disclosure.empty.get(f"T{n:02d}"),
                }
                for n in range(1, 17)
            },
            "tables": manifest_tables(placed, layout),
        }
        if faults and slot is plan.get("non_numeric"):
            entry |= _poison(placed)
        write_workbook(out_dir / entry["path"], sheets)
        files.append(entry)
        if faults and slot is plan.get("duplicate"):
            files.append(
                _write_variant(
                    out_dir, disclosure, slot, seed, "duplicate_department_year", suffix="_修订"
                )
            )
    if pending:
        raise ValueError(f"corpus too small to carry faults {pending}; add departments or years")
    if faults:
        extra_dept = _unknown_department(depts, years[0], seed)
        files.append(
            _write_variant(
                out_dir, extra_dept, Slot(-1, years[0], len(slots)), seed, "unknown_department"
            )
        )
        files += write_unreadable_files(out_dir, years[0])
    write_registry(out_dir / "departments.csv", [(d.code, d.name, list(d.aliases)) for d in depts])
    manifest = {
        "generator": {
            "seed": seed,
            "departments": departments,
            "years": [years[0], years[-1]],
            "faults": faults,
        },
        "files": sorted(files, key=lambda f: f["path"]),
        "missing_disclosures": _missing(plan, depts),
    }
    (out_dir / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False), encoding="utf-8"
    )
    return manifest


def _missing(plan: dict, depts) -> list[dict]:
    slot = plan.get("missing")
    if slot is None:
        return []
    dept = depts[slot.department_index]
    return [
        {
            "department_code": dept.code,
            "fiscal_year": slot.year,
            "rule_id": "Y2",
            "detail": f"{dept.name} has no {slot.year} disclosure",
        }
    ]


def _write_variant(
    out_dir: Path, disclosure: Disclosure, slot: Slot, seed: int, reason: str, suffix: str = ""
) -> dict:
    """A further workbook (another layout) that the loader must quarantine for `reason`."""
    srng = random.Random(f"{seed}:{reason}:{disclosure.department_code}:{slot.year}")
    layout = choose_layout(srng, slot.index + 1)
    _, (sheets, _) = render_disclosure(disclosure, layout, srng)
    path = file_name(
        disclosure.department_code, disclosure.department_name, slot.year, layout.fmt, suffix
    )
    write_workbook(out_dir / path, sheets)
    return {
        "path": path,
        "department_code": disclosure.department_code,
        "fiscal_year": slot.year,
        "expected_status": "quarantined",
        "quarantine_reason": reason,
        "variants": layout.variant_tags(),
        "faults": [],
        "tables": {},
    }


def _unknown_department(depts, year: int, seed: int) -> Disclosure:
    taken = {d.code for d in depts}
    code = next(f"{c}" for c in range(990, 1000) if f"{c}" not in taken)
    dept = Department(
        code,
        "陕西省未登记事务办公室",
        ("省未登记事务办公室",),
        (Unit(code + "001", "陕西省未登记事务办公室", "institution"),),
    )
    rng = random.Random(f"{seed}:unknown")
    return derive_disclosure(rng, initial_budget(rng, dept, year))


def _poison(placed) -> dict:
    """Replace one 表5 amount by 'abc'; the file must then be quarantined."""
    from openpyxl.utils import get_column_letter

    p = next(x for x in placed if x.table_id == "T05")
    grid = p.placement.grid
    i = next(k for k, truths in enumerate(grid.body_meta) if truths and truths[0].code)
    grid.body[i][2] = "abc"
    row = p.placement.start_row + grid.body_offset() + i + 1
    col = get_column_letter(p.placement.start_col + 3)
    return {
        "expected_status": "quarantined",
        "quarantine_reason": "non_numeric_amount",
        "tables": {},
        "bad_cells": [
            {
                "table_id": "T05",
                "sheet": p.sheet,
                "cell": f"{col}{row}",
                "cell_ref": f"{p.sheet}!{col}{row}",
                "value": "abc",
            }
        ],
    }


def reserved_slots(plan: dict) -> set[int]:
    """Slots kept free of content faults (Y faults, the missing, poisoned and duplicated ones)."""
    special = [plan.get(k) for k in ("missing", "non_numeric", "duplicate")]
    return {s.index for s in [*special, *plan.get("budget", {}).values()] if s is not None}


def _fault_plan(rng: random.Random, slots: list[Slot], years: list[int]) -> dict:
    """Which department-year carries which fault: one rule per file where slots allow,
    otherwise several rules touching disjoint tables."""
    order = slots[:]
    rng.shuffle(order)
    later = [s for s in order if s.year != years[0]]
    plan: dict = {"content": {}, "budget": {}}
    reserved: set[int] = set()
    if len(years) > 1:
        for rule in BUDGET_FAULTS:
            s = next(s for s in later if s.index not in reserved)
            plan["budget"][rule] = s
            reserved.add(s.index)
    free = [s for s in order if s.index not in reserved]
    for key in ("missing", "non_numeric", "duplicate"):
        if len(free) > 1:
            plan[key] = free.pop()
            reserved.add(plan[key].index)
    free = [s for s in order if s.index not in reserved] or order
    touched: dict[int, set[str]] = {}
    for k, rule in enumerate(fault_lib.CONTENT_FAULTS):
        for j in range(len(free)):
            s = free[(k + j) % len(free)]
            if not touched.get(s.index, set()) & fault_lib.TOUCHES[rule]:
                touched.setdefault(s.index, set()).update(fault_lib.TOUCHES[rule])
                plan["content"].setdefault(s.index, []).append(rule)
                break
    return plan
