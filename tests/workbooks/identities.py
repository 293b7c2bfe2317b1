"""An independent evaluation of DOMAIN.md §4 on manifest figures (not on generator internals).

Used by the tests to show that the clean corpus satisfies every identity and that each
injected fault breaks its rule. It reads only manifest.json and departments.csv.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from dagster_project.lib.workbooks.codes import code_lists

Z = Decimal(0)
TOL = Decimal("0.01")
FUNCTION_CLASS_BY_NAME = {
    "一般公共服务支出": "201",
    "外交支出": "202",
    "国防支出": "203",
    "公共安全支出": "204",
    "教育支出": "205",
    "科学技术支出": "206",
    "文化旅游体育与传媒支出": "207",
    "社会保障和就业支出": "208",
    "社会保险基金支出": "209",
    "卫生健康支出": "210",
    "节能环保支出": "211",
    "城乡社区支出": "212",
    "农林水支出": "213",
    "交通运输支出": "214",
    "资源勘探工业信息等支出": "215",
    "商业服务业等支出": "216",
    "金融支出": "217",
    "援助其他地区支出": "219",
    "自然资源海洋气象等支出": "220",
    "住房保障支出": "221",
    "粮油物资储备支出": "222",
    "国有资本经营预算支出": "223",
    "灾害防治及应急管理支出": "224",
    "预备费": "227",
    "其他支出": "229",
    "转移性支出": "230",
    "债务还本支出": "231",
    "债务付息支出": "232",
    "债务发行费用支出": "233",
}
T13_ECON = {
    "reception": "30217",
    "meeting": "30215",
    "training": "30216",
    "vehicle_operation": "30231",
    "overseas_travel": "30212",
    "vehicle_purchase": "31013",
}
ECON_GROUPS = [
    "人员经费和公用经费支出",
    "专项业务经费支出",
    "上缴上级支出",
    "事业单位经营支出",
    "对附属单位补助支出",
]


def amt(row: dict, key: str) -> Decimal:
    v = row["amounts"].get(key)
    return Decimal(v) if v is not None else Z


def ne(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) > TOL


def rows(f: dict, tid: str, section: str = "main") -> list[dict]:
    return [r for r in f["tables"].get(tid, {}).get("rows", []) if r["section"] == section]


def side(f: dict, tid: str, section: str) -> list[tuple[str, Decimal]]:
    return [(r["label"], amt(r, "amount")) for r in rows(f, tid, section)]


def first(entries, label) -> Decimal:
    return next(v for lab, v in entries if lab == label)


def lines_before(entries, stop: str) -> list[tuple[str, Decimal]]:
    out = []
    for lab, v in entries[1:]:
        if lab == stop:
            break
        out.append((lab, v))
    return out


def check_balance(f: dict) -> set[str]:
    bad: set[str] = set()
    views = ["expenditure_function", "expenditure_dept_econ", "expenditure_gov_econ"]
    for tid, rule in (("T01", "B1"), ("T04", "B4"), ("T09", "B4")):
        if tid not in f["tables"]:
            continue
        income = first(side(f, tid, "income"), "收入总计" if tid != "T09" else "本年收入合计")
        for v in views:
            if ne(income, first(side(f, tid, v), "支出总计" if tid != "T09" else "本年支出合计")):
                bad.add(rule)
    for tid in ("T01", "T04"):
        if tid not in f["tables"]:
            continue
        inc = dict(reversed(side(f, tid, "income")))
        fiscal = inc["财政拨款"]
        if ne(
            fiscal, inc["一般公共预算拨款"] + inc["政府性基金拨款"] + inc["国有资本经营预算收入"]
        ):
            bad.add("B2")
        sources = fiscal + sum(
            (
                inc.get(k, Z)
                for k in (
                    "上级补助收入",
                    "事业收入",
                    "事业单位经营收入",
                    "附属单位上缴收入",
                    "其他收入",
                )
            ),
            Z,
        )
        financing = sum(
            (inc.get(k, Z) for k in ("用事业基金弥补收支差额", "上年实户资金余额", "上年结转")), Z
        )
        if ne(inc["本年收入合计"], sources) or ne(inc["收入总计"], inc["本年收入合计"] + financing):
            bad.add("B2")
        totals = []
        for v in views:
            entries = side(f, tid, v)
            total = first(entries, "本年支出合计")
            totals.append(total)
            lines = lines_before(entries, "本年支出合计")
            if v == "expenditure_dept_econ":
                groups, current = defaultdict(lambda: Z), None
                for lab, val in lines:
                    if lab in ECON_GROUPS:
                        current = lab
                    else:
                        groups[current] += val
                tops = dict(x for x in lines if x[0] in ECON_GROUPS)
                if any(ne(groups[g], tops[g]) for g in groups if g in tops) or ne(
                    sum(tops.values(), Z), total
                ):
                    bad.add("B3")
            elif ne(sum((val for _, val in lines), Z), total):
                bad.add("B3")
        if any(ne(t, totals[0]) for t in totals):
            bad.add("B3")
    return bad


def _hier(rs: list[dict], measures: list[str], child_len: dict[int, int]) -> bool:
    """True when some parent differs from the sum of its children (or 合计 from Σ 类)."""
    coded = [r for r in rs if r["code"]]
    for m in measures:
        total = next((amt(r, m) for r in rs if r["row_kind"] == "total"), None)
        if total is not None and ne(
            total, sum((amt(r, m) for r in coded if len(r["code"]) == 3), Z)
        ):
            return True
        for r in coded:
            n = child_len.get(len(r["code"]))
            if n is None:
                continue
            kids = [
                amt(c, m) for c in coded if len(c["code"]) == n and c["code"].startswith(r["code"])
            ]
            if kids and ne(amt(r, m), sum(kids, Z)):
                return True
    return False


def check_sums(f: dict) -> set[str]:
    bad: set[str] = set()
    for tid in ("T05", "T06", "T07", "T08"):
        for r in rows(f, tid):
            parts = amt(r, "personnel") + amt(r, "public") + amt(r, "project")
            if ne(amt(r, "total"), parts):
                bad.add("S1")
    for tid, ms in (
        ("T03", ["total", "personnel", "public", "project"]),
        ("T05", ["total", "personnel", "public", "project"]),
        ("T07", ["total", "personnel", "public"]),
    ):
        if _hier(rows(f, tid), ms, {3: 5, 5: 7}):
            bad.add("S2")
    for tid, ms in (
        ("T06", ["total", "personnel", "public", "project"]),
        ("T08", ["total", "personnel", "public"]),
    ):
        if _hier(rows(f, tid), ms, {3: 5}):
            bad.add("S3")
    t10 = rows(f, "T10")
    if t10 and ne(
        amt(t10[0], "amount"),
        sum((amt(r, "amount") for r in t10 if not r["code"] and r["row_kind"] == "line"), Z),
    ):
        bad.add("S4")
    items = [r for r in rows(f, "T12") if "dept_econ_code" in r["attributes"]]
    t12 = rows(f, "T12")
    for m in ("amount", "quantity"):
        if t12 and ne(amt(t12[0], m), sum((amt(r, m) for r in items), Z)):
            bad.add("S4")
    t13 = rows(f, "T13")
    units = [r for r in t13 if r["code"] and len(r["code"]) == 6]
    for m in ("total", "reception", "meeting", "training"):
        if t13 and ne(amt(t13[0], m), sum((amt(r, m) for r in units), Z)):
            bad.add("S4")
    tasks = rows(f, "T15", "tasks")
    if tasks and ne(amt(tasks[-1], "total"), sum((amt(r, "total") for r in tasks[:-1]), Z)):
        bad.add("S4")
    return bad


def by_code(rs: list[dict]) -> dict[str, dict]:
    return {r["code"]: r for r in rs if r["code"]}


def check_cross(f: dict) -> set[str]:
    bad: set[str] = set()
    t = f["tables"]
    t05, t06, t07, t08 = (rows(f, x) for x in ("T05", "T06", "T07", "T08"))
    total05 = next(r for r in t05 if r["row_kind"] == "total")
    total06 = next(r for r in t06 if r["row_kind"] == "total")
    if any(
        ne(amt(total05, m), amt(total06, m)) for m in ("total", "personnel", "public", "project")
    ):
        bad.add("X1")
    for rule, basic, full in (("X2", t07, t05), ("X3", t08, t06)):
        if not basic:
            continue
        fb, bb = by_code(full), by_code(basic)
        for code in set(fb) | set(bb):
            for m in ("personnel", "public"):
                a = amt(fb[code], m) if code in fb else Z
                b = amt(bb[code], m) if code in bb else Z
                if ne(a, b):
                    bad.add(rule)
    if "T03" in t and "T01" in t:
        per_class = {
            r["code"]: amt(r, "total") for r in rows(f, "T03") if r["code"] and len(r["code"]) == 3
        }
        for lab, val in lines_before(side(f, "T01", "expenditure_function"), "本年支出合计"):
            if ne(per_class.get(FUNCTION_CLASS_BY_NAME[lab], Z), val):
                bad.add("X4")
    if "T04" in t:
        inc4 = dict(reversed(side(f, "T04", "income")))
        inc1 = dict(reversed(side(f, "T01", "income")))
        if ne(amt(total05, "total"), inc4["一般公共预算拨款"]) or ne(
            inc4["财政拨款"], inc1["财政拨款"]
        ):
            bad.add("X5")
    t10 = rows(f, "T10")
    if t10 and ne(amt(t10[0], "amount"), amt(total05, "project")):
        bad.add("X6")
    e06 = by_code(t06)
    t13 = rows(f, "T13")
    if t13:
        for m, code in T13_ECON.items():
            if ne(amt(t13[0], m), amt(e06[code], "total") if code in e06 else Z):
                bad.add("X7")
    by_econ, by_fn = defaultdict(lambda: Z), defaultdict(lambda: Z)
    for r in rows(f, "T12"):
        if "dept_econ_code" in r["attributes"]:
            by_econ[r["attributes"]["dept_econ_code"]] += amt(r, "amount")
            by_fn[r["code"]] += amt(r, "amount")
    f05 = by_code(t05)
    if any(v > (amt(e06[c], "total") if c in e06 else Z) for c, v in by_econ.items()) or any(
        v > (amt(f05[c], "total") if c in f05 else Z) for c, v in by_fn.items()
    ):
        bad.add("X8")
    funds = rows(f, "T14", "funds")
    projects = [r for r in t10 if not r["code"] and r["row_kind"] == "line"]
    if "T14" in t and [amt(r, "total_funds") for r in funds] != [
        amt(r, "amount") for r in projects
    ]:
        bad.add("X9")
    tasks = rows(f, "T15", "tasks")
    if tasks and ne(
        amt(tasks[-1], "total"), first(side(f, "T01", "expenditure_function"), "本年支出合计")
    ):
        bad.add("X9")
    econ_view = side(f, "T01", "expenditure_dept_econ")
    group, view = None, {}
    for lab, val in lines_before(econ_view, "本年支出合计"):
        if lab in ECON_GROUPS:
            group = lab
        else:
            view[(group, lab)] = view.get((group, lab), Z) + val
    for code, name in (("301", "工资福利支出"), ("302", "商品和服务支出")):
        r = e06.get(code)
        basic = amt(r, "personnel") + amt(r, "public") if r else Z
        project = amt(r, "project") if r else Z
        if ne(view.get(("人员经费和公用经费支出", name), Z), basic) or ne(
            view.get(("专项业务经费支出", name), Z), project
        ):
            bad.add("X10")
    return bad


def _name_key(name: str) -> str:
    """Names compare with brackets unified and spaces dropped, as rule C3N does."""
    return re.sub(r"\s+", "", name or "").replace("(", "（").replace(")", "）")


def check_completeness(f: dict, registry: dict[str, str]) -> set[str]:
    bad: set[str] = set()
    if set(f["tables"]) != {f"T{n:02d}" for n in range(1, 17)}:
        bad.add("C1")
    for tid, entry in f.get("catalogue", {}).items():
        if tid not in f["tables"]:
            continue
        has = any(
            v not in (None, "0", "0.00")
            for r in f["tables"][tid]["rows"]
            for v in r["amounts"].values()
        )
        if entry["is_empty"] == has or (entry["is_empty"] and not entry["empty_reason"]):
            bad.add("C2")
    lists = code_lists()
    for tid, valid in (
        ("T03", lists.function),
        ("T05", lists.function),
        ("T07", lists.function),
        ("T06", lists.dept_econ),
        ("T08", lists.dept_econ),
        ("T12", lists.function),
    ):
        for r in rows(f, tid):
            if r["code"] and r["code"] not in valid:
                bad.add("C3")
            for key, known in (
                ("gov_econ_code", lists.gov_econ),
                ("dept_econ_code", lists.dept_econ),
            ):
                if key in r["attributes"] and r["attributes"][key] not in known:
                    bad.add("C3")
    for tid, names in (
        ("T03", lists.function),
        ("T05", lists.function),
        ("T07", lists.function),
        ("T06", lists.dept_econ),
        ("T08", lists.dept_econ),
    ):
        for r in rows(f, tid):
            if r["code"] in names and _name_key(r["label"]) != _name_key(names[r["code"]]):
                bad.add("C3N")
    year = f["fiscal_year"]
    for table in f["tables"].values():
        if not re.search(rf"{year}年", table["title"]) or re.search(
            rf"(?!{year})\d{{4}}年", table["title"]
        ):
            bad.add("C4")
    if f["department_code"] not in registry:
        bad.add("C4")
    return bad


def violations(f: dict, registry: dict[str, str]) -> set[str]:
    """Every B/S/X/C rule broken by one loaded file's manifest figures."""
    return check_balance(f) | check_sums(f) | check_cross(f) | check_completeness(f, registry)


def year_on_year(
    files: list[dict], threshold: Decimal = Decimal("0.5")
) -> dict[tuple[str, int], set[str]]:
    """Y3 (a function 类 moved more than `threshold`) and Y4 (a 项 code vanished) per file."""
    by = {(f["department_code"], f["fiscal_year"]): f for f in files}
    out: dict[tuple[str, int], set[str]] = defaultdict(set)
    for (dept, year), f in by.items():
        prior = by.get((dept, year - 1))
        if not prior:
            continue
        now = {r["code"]: amt(r, "total") for r in rows(f, "T05") if r["code"]}
        before = {r["code"]: amt(r, "total") for r in rows(prior, "T05") if r["code"]}
        for code, val in before.items():
            if len(code) == 3 and val and abs(now.get(code, Z) - val) / val > threshold:
                out[(dept, year)].add("Y3")
            if len(code) == 7 and code not in now:
                out[(dept, year)].add("Y4")
    return out


def read_registry(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as fh:
        return {r["department_code"]: r["department_name"] for r in csv.DictReader(fh)}
