"""Department reports, bureau summary and Data Docs on a small warehouse: the seed
(accepted), one B1 fault (has errors), a quarantined file and a registered department
without a disclosure (missing)."""

from __future__ import annotations

from decimal import Decimal as D

import openpyxl
import pytest

from dagster_project.lib.reports import (
    write_bureau_summary,
    write_data_docs,
    write_department_reports,
)
from dagster_project.lib.reports.bureau import bureau_statuses
from tests.rules.seed_disclosure import seed_disclosure


@pytest.fixture(scope="module")
def warehouse(rules_warehouse_factory):
    faulty = seed_disclosure()
    faulty.department_code, faulty.department_name = "801", "甲部门"
    faulty.set("T01", "支出总计", "amount", D("11463800.00"), section="expenditure_function")
    quarantined = seed_disclosure()
    quarantined.department_code, quarantined.department_name = "802", "乙部门"
    quarantined.status = "quarantined"
    registry = [("179", "陕西省政务服务中心"), ("801", "甲部门"), ("802", "乙部门"),
                ("803", "丙部门")]
    return rules_warehouse_factory([seed_disclosure(), faulty, quarantined], registry)


def test_department_report_lists_failed_rule_with_cells(warehouse, tmp_path):
    paths = write_department_reports(warehouse, tmp_path, department_code="801")
    assert sorted(p.name for p in paths) == ["801.html", "801.xlsx"]
    sheet = openpyxl.load_workbook(tmp_path / "2021" / "801.xlsx")["未通过规则"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert len(rows) == 1
    rule_id, _, severity, key, cells, expected, found, difference, *_ = rows[0]
    assert (rule_id, severity, key) == ("B1", "错误", "T01:expenditure_function")
    assert "表1!D43" in cells and (expected, found, difference) == (
        "11,463,700.00", "11,463,800.00", "100.00")
    page = (tmp_path / "2021" / "801.html").read_text(encoding="utf-8")
    assert "相差 100.00 元" in page and "表1!D43" in page


def test_bureau_statuses(warehouse, tmp_path):
    statuses = {s.department_code: s for s in bureau_statuses(warehouse)}
    assert statuses["179"].status == "accepted"
    assert statuses["801"].status == "has_errors" and statuses["801"].failed_by_rule == {"B1": 1}
    assert statuses["802"].status == "quarantined"
    assert statuses["803"].status == "missing"
    xlsx, html = write_bureau_summary(warehouse, tmp_path)
    assert xlsx.exists() and "未报送 missing 1" in html.read_text(encoding="utf-8")


def test_data_docs_written(warehouse, tmp_path):
    index = write_data_docs(warehouse, tmp_path / "docs")
    assert index.exists()
    assert (tmp_path / "docs" / "expectations" / "rules_balance.html").exists()
