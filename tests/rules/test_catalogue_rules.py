"""Every active rule of the catalogue: the seed passes it, and a copy of the seed with one
fault of that rule (the generator's kind of fault, see workbooks/faults.py) fails it on
the expected comparison with the expected difference. One warehouse, one dbt build."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal as D

import pytest
import yaml

from expectations.catalogue import load_catalogue
from tests.rules.conftest import DBT_PROJECT_DIR, evaluate, failures
from tests.rules.raw_fixture import Disclosure, Row
from tests.rules.seed_disclosure import seed_disclosure

SEED = "179"
SEVERITY = {rule.rule_id: rule.severity for rule in load_catalogue()}


def _bump(d: Disclosure, table_id: str, key: str, measure: str, delta: D,
          section: str = "main") -> None:
    row = d.tables[table_id].find(key, section)
    row.amounts[measure] = (D(row.amounts.get(measure) or 0)) + delta


def _lineage(d: Disclosure, table_id: str, code: str) -> list[str]:
    rows = d.tables[table_id].rows
    return ["合计"] + [r.code for r in rows if r.code and code.startswith(r.code)]


def b1(d):
    _bump(d, "T01", "支出总计", "amount", D(100), "expenditure_function")


def b2(d):
    _bump(d, "T01", "一般公共预算拨款", "amount", D(20000), "income")


def b3(d):
    _bump(d, "T01", "其他支出", "amount", D(30000), "expenditure_gov_econ")


def b4(d):
    _bump(d, "T04", "支出总计", "amount", D(40000), "expenditure_dept_econ")


def s1(d):
    for key in _lineage(d, "T07", "2010350"):
        _bump(d, "T07", key, "total", D(50000))


def s2(d):
    _bump(d, "T05", "2010399", "project", D(60000))
    _bump(d, "T05", "2010399", "total", D(60000))


def s3(d):
    _bump(d, "T06", "30201", "project", D(70000))
    _bump(d, "T06", "30201", "total", D(70000))


def s4(d):
    _bump(d, "T12", "合计", "quantity", D(3))


def _move(d, table_id, code, delta):
    for key in _lineage(d, table_id, code):
        _bump(d, table_id, key, "personnel", -delta)
        _bump(d, table_id, key, "public", delta)


def x1(d):
    _move(d, "T06", "30101", D(10000))
    _move(d, "T08", "30101", D(10000))


def x2(d):
    _move(d, "T07", "2010350", D(20000))


def x3(d):
    _move(d, "T08", "30101", D(30000))


def x4(d):
    for key in _lineage(d, "T03", "2050803"):
        _bump(d, "T03", key, "project", D(40000))
        _bump(d, "T03", key, "total", D(40000))


def x5(d):
    _bump(d, "T04", "一般公共预算拨款", "amount", D(-50000), "income")
    _bump(d, "T04", "国有资本经营预算收入", "amount", D(50000), "income")


def x6(d):
    t10 = d.tables["T10"]
    for row in t10.rows:
        if row.label != "专用项目":
            row.amounts["amount"] += D(60000)
    _bump(d, "T14", "一网通办业务经费", "total_funds", D(60000), "funds")
    _bump(d, "T14", "一网通办业务经费", "fiscal_funds", D(60000), "funds")


def x7(d):
    for key in ("合计", "179"):
        _bump(d, "T13", key, "reception", D(20000))
        _bump(d, "T13", key, "total", D(20000))


def x8(d):
    t12 = d.tables["T12"]
    item = next(r for r in t12.rows if r.attributes.get("dept_econ_code") == "30299")
    for row in t12.rows[:3] + [item]:
        row.amounts["amount"] += D(60000)


def x9(d):
    _bump(d, "T14", "一网通办业务经费", "total_funds", D(10000), "funds")


def x10(d):
    _bump(d, "T01", "工资福利支出", "amount", D(-30000), "expenditure_dept_econ")
    _bump(d, "T01", "商品和服务支出", "amount", D(30000), "expenditure_dept_econ")


def c1(d):
    del d.tables["T16"]


def c2(d):
    d.catalogue_empty.pop("T09")


def c3(d):
    row = d.tables["T06"].find("30101")
    row.attributes["gov_econ_code"] = "5050"


class _LabelAsPrinted(Row):
    """A row whose label keeps its half-width brackets (Row unifies them)."""

    @property
    def label(self) -> str:
        return self.label_raw


def c3n(d):
    t05 = d.tables["T05"]
    # half-width brackets: the list's name once brackets are unified, not counted
    t05.rows = [
        _LabelAsPrinted(**{**vars(r), "label_raw": "政府办公厅(室)及相关机构事务"})
        if r.code == "20103" else r
        for r in t05.rows
    ]
    t05.find("2010350").label_raw = "事业运行支出"  # the 2021 list: 事业运行
    t06 = d.tables["T06"]
    t06.find("30101").attributes["gov_econ_name"] = "工资福利 支出"  # a space: not counted
    t06.find("30107").attributes["gov_econ_name"] = "工资奖金"  # 50501 is 工资福利支出


def c4(d):
    d.tables["T08"].fiscal_year = 2020


# rule → (department code of the faulty copy, fault, {failing comparison key: difference})
FAULTS: dict[str, tuple[str, Callable[[Disclosure], None], dict[str, D]]] = {
    "B1": ("801", b1, {"T01:expenditure_function": D(100)}),
    "B2": ("802", b2, {"T01:income:财政拨款": D(-20000)}),
    "B3": ("803", b3, {"T01:expenditure_gov_econ:本年支出合计 = Σ lines": D(-30000),
                       "T01:expenditure_gov_econ:部门预算": D(-30000)}),
    "B4": ("804", b4, {"T04:expenditure_dept_econ": D(40000)}),
    "S1": ("811", s1, {"T07:r5:合计:total": D(50000), "T07:r6:201:total": D(50000),
                       "T07:r7:20103:total": D(50000), "T07:r8:2010350:total": D(50000)}),
    "S2": ("812", s2, {"T05:20103:total": D(-60000), "T05:20103:project": D(-60000)}),
    "S3": ("813", s3, {"T06:302:total": D(-70000), "T06:302:project": D(-70000)}),
    "S4": ("814", s4, {"T12:合计:quantity:Σ lines": D(3)}),
    "X1": ("821", x1, {"合计:personnel": D(-10000), "合计:public": D(10000)}),
    "X2": ("822", x2, {f"{k}:{m}": D(-20000 if m == "personnel" else 20000)
                       for k in ("合计", "201", "20103", "2010350")
                       for m in ("personnel", "public")}),
    "X3": ("823", x3, {f"{k}:{m}": D(-30000 if m == "personnel" else 30000)
                       for k in ("合计", "301", "30101") for m in ("personnel", "public")}),
    "X4": ("824", x4, {"205": D(40000)}),
    "X5": ("825", x5, {"表5合计 = 表4一般公共预算拨款": D(-50000)}),
    "X6": ("826", x6, {"表10合计 = 表5专项 + 表9专项": D(60000)}),
    "X7": ("827", x7, {"reception=30217": D(20000)}),
    "X8": ("828", x8, {"T06:30299": D(6000)}),
    "X9": ("829", x9, {"表14:一网通办业务经费": D(10000)}),
    "X10": ("830", x10, {"basic:301": D(-30000), "basic:302": D(30000)}),
    "C1": ("841", c1, {"T16": D(-1)}),
    "C2": ("842", c2, {"T09:amounts": D(-1)}),
    "C3": ("843", c3, {"T06:gov_econ_code": D(1)}),
    "C3N": ("845", c3n, {"T05:code": D(1), "T06:gov_econ_code": D(1)}),
    "C4": ("844", c4, {"tables_year": D(1)}),
}
YEAR_DEPARTMENT = "950"
MISSING_DEPARTMENT = "999"


def _faulty(rule_id: str) -> Disclosure:
    code, fault, _ = FAULTS[rule_id]
    d = seed_disclosure()
    d.department_code = code
    fault(d)
    return d


def _year_pair() -> list[Disclosure]:
    prior = seed_disclosure()
    prior.department_code, prior.fiscal_year = YEAR_DEPARTMENT, 2020
    current = seed_disclosure()
    current.department_code = YEAR_DEPARTMENT
    # Y3: 类 205 grows ×2.5; Y4: 项 2050803 vanishes (its 款 carries the money)
    current.set("T05", "205", "total", D("500000.00"))
    t05 = current.tables["T05"]
    t05.rows = [r for r in t05.rows if r.code != "2050803"]
    return [prior, current]


@pytest.fixture(scope="module")
def warehouse(rules_warehouse_factory):
    disclosures = [seed_disclosure()] + [_faulty(rule_id) for rule_id in FAULTS] + _year_pair()
    registry = sorted({(d.department_code, d.department_name) for d in disclosures})
    registry.append((MISSING_DEPARTMENT, "未报送部门"))
    return rules_warehouse_factory(disclosures, registry)


def test_every_active_rule_has_a_fault_case():
    active = {rule.rule_id for rule in load_catalogue() if rule.is_active}
    assert active == set(FAULTS) | {"Y2", "Y3", "Y4"}


def test_rule_comparisons_accepts_exactly_the_active_rule_ids():
    document = yaml.safe_load(
        (DBT_PROJECT_DIR / "models" / "rules" / "_rules__models.yml").read_text(encoding="utf-8")
    )
    (model,) = [m for m in document["models"] if m["name"] == "rule_comparisons"]
    (rule_id,) = [c for c in model["columns"] if c["name"] == "rule_id"]
    (accepted,) = [t["accepted_values"] for t in rule_id["data_tests"] if "accepted_values" in t]
    active = [rule.rule_id for rule in load_catalogue() if rule.is_active]
    assert accepted["arguments"]["values"] == active


@pytest.mark.parametrize("rule_id", sorted(FAULTS) + ["Y2"])
def test_seed_passes(warehouse, rule_id):
    results = evaluate(warehouse, rule_id, SEED)
    assert results, rule_id
    assert [r for r in results if r.status != "passed"] == []


@pytest.mark.parametrize("rule_id", sorted(FAULTS))
def test_fault_fails_with_difference(warehouse, rule_id):
    code, _, expected = FAULTS[rule_id]
    results = evaluate(warehouse, rule_id, code)
    found = {r.comparison_key: r.difference_yuan for r in failures(results)}
    assert found == expected
    for result in failures(results):
        assert result.passed is False and result.severity == SEVERITY[rule_id]
        assert result.rule_id in result.message and result.source_ref


def test_c3n_contradicting_name_is_a_warning_with_its_cell(warehouse):
    code, _, _ = FAULTS["C3N"]
    failed = {r.comparison_key: r for r in failures(evaluate(warehouse, "C3N", code))}
    assert {key: r.severity for key, r in failed.items()} == {
        "T05:code": "warning",
        "T06:gov_econ_code": "warning",
    }
    assert failed["T05:code"].actual_cells == "表5!A8=2010350 事业运行支出≠事业运行"
    assert failed["T06:gov_econ_code"].actual_cells == "表6!Z8=50501 工资奖金≠工资福利支出"
    assert "表5!A8" in failed["T05:code"].source_ref
    # a name is not a malformed code: C3 (the error) passes the same disclosure
    assert failures(evaluate(warehouse, "C3", code)) == []


def test_y2_missing_department_year(warehouse):
    [result] = evaluate(warehouse, "Y2", MISSING_DEPARTMENT)
    assert result.status == "failed" and result.severity == "warning"
    assert result.expected_yuan == 1 and result.actual_yuan == 0
    assert result.difference_yuan == D(-1)


def test_y3_large_change_warns(warehouse):
    results = {r.comparison_key: r for r in evaluate(warehouse, "Y3", YEAR_DEPARTMENT)}
    assert results["201"].status == "passed"
    grown = results["205"]
    assert grown.status == "failed" and grown.severity == "warning"
    assert grown.difference_yuan == D("300000.00") and grown.tolerance_yuan == D("100000.00")
    prior = evaluate(warehouse, "Y3", YEAR_DEPARTMENT, fiscal_year=2020)
    assert prior and all(r.status == "not_evaluated" for r in prior)


def test_y4_vanished_code(warehouse):
    results = {r.comparison_key: r for r in evaluate(warehouse, "Y4", YEAR_DEPARTMENT)}
    assert results["T05:2010350"].status == "passed"
    gone = results["T05:2050803"]
    assert gone.status == "failed" and gone.difference_yuan == D(-1)
    assert [k for k, r in results.items() if r.status == "failed"] == ["T05:2050803"]
