"""S-series rules on the seed and on altered copies."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from tests.rules.conftest import evaluate, failures, only
from tests.rules.raw_fixture import WITHHELD
from tests.rules.seed_disclosure import seed_disclosure

SEED = "179"


def _variant(code: str, *changes):
    d = seed_disclosure()
    d.department_code = code
    for table_id, row, measure, value in changes:
        d.set(table_id, row, measure, value)
    return d


@pytest.fixture(scope="module")
def warehouse(rules_warehouse_factory):
    return rules_warehouse_factory([
        seed_disclosure(),
        # S1: 表5 2010350 人员经费 +0.01 (合计 and the hierarchy above left alone)
        _variant("911", ("T05", "2010350", "personnel", D("3097800.01"))),
        # S2: 表5 205 合计 typed 210,000 (its 款 20508 still 200,000)
        _variant("912", ("T05", "205", "total", D("210000.00"))),
        # S3: 表6 301 人员经费 3,085,000.00 (款 sum 3,085,320.00)
        _variant("913", ("T06", "301", "personnel", D("3085000.00")),
                 ("T06", "301", "total", D("3085000.00"))),
        # a withheld cell makes the row not evaluable, never passed
        _variant("914", ("T07", "2010350", "public", WITHHELD)),
    ])


@pytest.mark.parametrize("rule_id", ["S1", "S2", "S3"])
def test_seed_passes(warehouse, rule_id):
    results = evaluate(warehouse, rule_id, SEED)
    assert results and all(r.status == "passed" for r in results)


def test_s3_seed_worked_value(warehouse):
    results = evaluate(warehouse, "S3", SEED)
    result = only(results, "T06:301:total")
    assert result.actual_yuan == result.expected_yuan == D("3085320.00")
    assert result.expected_cells.count(",") == 2  # 30101, 30107, 30199


def test_s1_fails_by_one_cent(warehouse):
    results = evaluate(warehouse, "S1", "911")
    [failed] = failures(results)
    assert failed.comparison_key.startswith("T05:") and "2010350:total" in failed.comparison_key
    assert failed.difference_yuan == D("-0.01")
    assert failed.expected_yuan == D("3386800.01") and failed.actual_yuan == D("3386800.00")


def test_s2_fails_on_parent(warehouse):
    failed = failures(evaluate(warehouse, "S2", "912"))
    keys = {r.comparison_key: r.difference_yuan for r in failed}
    # 205 ≠ Σ 款 (+10,000) and 合计 ≠ Σ 类 (−10,000)
    assert keys == {"T05:205:total": D("10000.00"), "T05:合计:total": D("-10000.00")}


def test_s3_fails_on_class(warehouse):
    failed = failures(evaluate(warehouse, "S3", "913"))
    keys = {r.comparison_key: r.difference_yuan for r in failed}
    assert keys["T06:301:personnel"] == D("-320.00")
    assert keys["T06:301:total"] == D("-320.00")


def test_withheld_cell_is_not_evaluated(warehouse):
    results = evaluate(warehouse, "S1", "914")
    withheld = [r for r in results if r.status == "not_evaluated"]
    assert [r.comparison_key for r in withheld] == ["T07:r8:2010350:total"]
    assert not failures(results)
