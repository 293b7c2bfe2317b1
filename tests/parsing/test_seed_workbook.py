"""The seed disclosure (陕西省政务服务中心 2021): every figure of the 16 tables recovered.

Golden values are typed from /work/shared/seeds/000_e11edf5b5a7d1d93.txt (the published
PDF), not taken from the workbook writer, so a writer or parser slip shows up here.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from dagster_project.lib.parsing import parse_disclosure_workbook


@pytest.fixture(scope="module")
def seed(seed_workbook_path):
    return parse_disclosure_workbook(seed_workbook_path)


def figures(table, section="main"):
    """{(code or label, measure): Decimal} of non-blank amounts."""
    out = {}
    for row in table.section_rows(section):
        key = row.code or row.label
        for measure, amount in row.amounts.items():
            if not amount.is_blank:
                out[(key, measure)] = amount.value
    return out


D = Decimal


def test_identity_and_all_tables(seed):
    assert seed.template_id == "shaanxi"
    assert seed.fiscal_year == 2021
    assert seed.department_name == "陕西省政务服务中心"
    assert seed.department_name_source == "cover"
    assert seed.cover.secrecy_review == "已审查"
    assert seed.cover.head_signoff == "已审签"
    assert sorted(seed.tables) == [f"T{i:02d}" for i in range(1, 17)]
    assert {t.fiscal_year for t in seed.tables.values()} <= {2021, None}
    assert "179" in seed.unit_codes and "179001" in seed.unit_codes


def test_catalogue(seed):
    by_id = {e.table_id: e for e in seed.catalogue}
    assert len(by_id) == 16
    assert [t for t, e in by_id.items() if e.is_empty] == ["T09", "T11", "T16"]
    assert by_id["T09"].empty_reason == "不涉及"
    assert by_id["T05"].is_empty is False


def test_table5_function_detail(seed):
    f = figures(seed.tables["T05"])
    total = next(r for r in seed.tables["T05"].rows if r.row_kind == "total")
    assert total.amounts["total"].value == D("11463700.00")
    assert total.amounts["personnel"].value == D("3097800.00")
    assert total.amounts["public"].value == D("289000.00")
    assert total.amounts["project"].value == D("8076900.00")
    assert f[("2010350", "personnel")] == D("3097800.00")
    assert f[("2010350", "public")] == D("289000.00")
    assert f[("2010399", "project")] == D("7876900.00")
    assert f[("2050803", "total")] == D("200000.00")
    assert f[("201", "total")] == D("11263700.00")
    assert f[("20508", "project")] == D("200000.00")
    levels = {r.code: r.code_level for r in seed.tables["T05"].rows if r.code}
    assert levels == {
        "201": 1,
        "20103": 2,
        "2010350": 3,
        "2010399": 3,
        "205": 1,
        "20508": 2,
        "2050803": 3,
    }
    # nothing more than the published figures
    assert len(f) == 4 + 4 + 4 + 3 + 2 + 2 + 2 + 2


def test_table6_and_8_economic(seed):
    f6 = figures(seed.tables["T06"])
    assert f6[("30239", "personnel")] == D("12480.00")
    assert f6[("301", "total")] == D("3085320.00")
    assert f6[("30101", "total")] == D("802881.60")
    assert f6[("30201", "public")] == D("60323.17")
    assert f6[("30227", "project")] == D("3420000.00")
    assert f6[("302", "total")] == D("8378380.00")
    row = next(r for r in seed.tables["T06"].rows if r.code == "30228")
    assert row.attributes["gov_econ_code"][0] == "50502"
    assert row.amounts["public"].value == D("43676.83")
    f8 = figures(seed.tables["T08"])
    assert f8[("302", "total")] == D("301480.00")
    assert f8[("30207", "public")] == D("130000.00")
    assert "project" not in {m for _, m in f8}
    f7 = figures(seed.tables["T07"])
    assert f7[("2010350", "total")] == D("3386800.00")


def test_table1_and_4_side_by_side(seed):
    for table_id in ("T01", "T04"):
        t = seed.tables[table_id]
        income = figures(t, "income")
        function = figures(t, "expenditure_function")
        dept = figures(t, "expenditure_dept_econ")
        gov = figures(t, "expenditure_gov_econ")
        assert income[("本年收入合计", "amount")] == D("11463700.00")
        assert income[("收入总计", "amount")] == D("11463700.00")
        assert income[("一般公共预算拨款", "amount")] == D("11463700.00")
        assert function[("一般公共服务支出", "amount")] == D("11263700.00")
        assert function[("教育支出", "amount")] == D("200000.00")
        assert function[("支出总计", "amount")] == D("11463700.00")
        assert dept[("工资福利支出", "amount")] == D("3085320.00")
        assert dept[("专项业务经费支出", "amount")] == D("8076900.00")
        assert gov[("对事业单位经常性补助", "amount")] == D("11463700.00")
    # 一、部门预算, 29 function 类 lines, 本年支出合计, 结转下年, 未安排支出的实户资金, 支出总计
    lines = seed.tables["T01"].section_rows("expenditure_function")
    assert len(lines) == 1 + 29 + 1 + 2 + 1
    assert len(seed.tables["T01"].section_rows("income")) == 12 + 1 + 5 + 1
    assert all(r.row_kind == "total" for r in lines if r.label in {"本年支出合计", "支出总计"})


def test_table10_12_13(seed):
    f10 = figures(seed.tables["T10"])
    assert f10[("合计", "amount")] == D("8076900.00")
    assert f10[("179001", "amount")] == D("8076900.00")
    t12 = seed.tables["T12"]
    total = next(r for r in t12.rows if r.row_kind == "total")
    assert total.amounts["amount"].value == D("2679993.00")
    assert total.amounts["quantity"].value == D("132")
    assert total.amounts["quantity"].value_unit == "count"
    lines = [r for r in t12.rows if r.label == "一网通办业务经费"]
    assert [r.code for r in lines] == ["2010399"] * 5
    assert [r.attributes["dept_econ_code"][0] for r in lines] == [
        "30227",
        "30227",
        "30299",
        "30227",
        "30226",
    ]
    assert sum(r.amounts["amount"].value for r in lines) == D("2679993.00")
    f13 = figures(seed.tables["T13"])
    assert f13[("合计", "reception")] == D("10000.00")
    assert f13[("合计", "meeting")] == D("66000.00")
    assert f13[("合计", "training")] == D("200000.00")


def test_table11_withheld_is_not_zero(seed):
    row = seed.tables["T11"].rows[0]
    amount = row.amounts["amount"]
    assert amount.is_withheld and amount.value is None and not amount.is_blank
    assert amount.raw_text == "**"


def test_table14_15_in_wan_yuan(seed):
    t14 = seed.tables["T14"]
    assert t14.unit_multiplier == 10000
    funds = t14.section_rows("funds")[0]
    assert funds.amounts["total_funds"].value == D("8076900.00")
    assert funds.amounts["total_funds"].raw_text == "807.69"
    assert funds.amounts["fiscal_funds"].value == D("8076900.00")
    assert funds.amounts["other_funds"].is_blank
    assert funds.attributes["department_name"][0] == "陕西省政务服务中心"
    indicators = t14.section_rows("indicators")
    assert len(indicators) == 7
    assert all(r.attributes["project_name"][0] == "一网通办业务经费" for r in indicators)
    assert indicators[1].attributes["indicator_level1"][0] == "产出指标"
    tasks = seed.tables["T15"].section_rows("tasks")
    assert [r.amounts["total"].value for r in tasks] == [
        D("3097800.00"),
        D("289000.00"),
        D("4956900.00"),
        D("3120000.00"),
        D("11463700.00"),
    ]
    assert tasks[-1].row_kind == "total"
    assert len(seed.tables["T15"].section_rows("indicators")) == 11


def test_every_amount_has_provenance(seed):
    records = seed.raw_records()
    assert records["amounts"]
    for a in records["amounts"]:
        assert a["cell_ref"].split("!")[0] in {t.sheet for t in seed.tables.values()}
        assert a["file_sha256"] == seed.file_sha256
        assert a["value"] is None or a["value"] == a["value"].quantize(D("0.01"))
