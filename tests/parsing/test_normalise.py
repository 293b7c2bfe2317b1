"""Every cell-level normalisation, one variant per case."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dagster_project.lib.parsing.normalise import (
    MalformedCode,
    NotANumber,
    code_level,
    display_text,
    find_unit,
    find_year,
    join_code_parts,
    match_key,
    normalise_code,
    normalise_label,
    number_text,
    parse_amount,
    to_yuan,
    unit_in_header,
)

D = Decimal


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        (11463700.0, D("11463700")),
        (11463700, D("11463700")),
        (802881.6, D("802881.6")),
        (802881.6000000001, D("802881.6")),  # float artefact of an Excel sum
        (0.1 + 0.2, D("0.3")),
        ("1,146,370.00", D("1146370.00")),
        ("１２３", D("123")),  # full-width digits
        ("１，２３４．５０", D("1234.50")),
        (" 3097800.00  ", D("3097800.00")),
        ("3 097 800", D("3097800")),
        ("3097800.00\u3000", D("3097800.00")),
        ("¥1,000", D("1000")),
        ("-500.5", D("-500.5")),
        ("(500)", D("-500")),
    ],
)
def test_amount_numbers(cell, value):
    parsed = parse_amount(cell)
    assert parsed.value == value
    assert not parsed.is_blank and not parsed.is_withheld


@pytest.mark.parametrize("cell", ["", None, "-", "—", "－", "--", " ", "\u3000", "——"])
def test_amount_blank_is_zero(cell):
    parsed = parse_amount(cell)
    assert parsed.value == 0 and parsed.is_blank and not parsed.is_withheld


@pytest.mark.parametrize("cell", ["**", "＊＊", "*", " ** "])
def test_amount_withheld_is_not_zero(cell):
    parsed = parse_amount(cell)
    assert parsed.value is None and parsed.is_withheld and not parsed.is_blank


@pytest.mark.parametrize("cell", ["abc", "1.2.3", "12a", "见附件", "1,2x", True])
def test_amount_not_a_number(cell):
    with pytest.raises(NotANumber):
        parse_amount(cell)


def test_amount_with_unit_suffix():
    parsed = parse_amount("807.69万元")
    assert parsed.value == D("807.69") and parsed.unit_multiplier == 10000


@pytest.mark.parametrize(
    ("printed", "multiplier", "yuan"),
    [
        (D("807.69"), 10000, D("8076900.00")),
        (D("1146.37"), 10000, D("11463700.00")),
        (D("0.01"), 10000, D("100.00")),
        (D("802881.6"), 1, D("802881.60")),
        (D("60323.17"), 1, D("60323.17")),
        (D("1.005"), 1, D("1.01")),  # half-up to the cent
    ],
)
def test_to_yuan_exact(printed, multiplier, yuan):
    assert to_yuan(printed, multiplier) == yuan
    assert str(to_yuan(printed, multiplier)) == str(yuan)


def test_wan_yuan_float_from_excel_is_exact():
    # 807.69 as an Excel double is 807.6900000000000546…; yuan must still be exact.
    assert to_yuan(parse_amount(807.69).value, 10000) == D("8076900.00")
    assert to_yuan(parse_amount(1146.37).value, 10000) == D("11463700.00")
    assert to_yuan(parse_amount(495.69).value, 10000) == D("4956900.00")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("单位：元", ("元", 1)),
        ("单位：万元", ("万元", 10000)),
        ("单位:万元", ("万元", 10000)),
        ("金额单位：元", ("元", 1)),
        ("单位： 万元", ("万元", 10000)),
        ("编制部门：某某局      单位：元", ("元", 1)),
        ("单 位：万元", ("万元", 10000)),
        ("单位名称", None),
    ],
)
def test_find_unit(text, unit):
    assert find_unit(text) == unit


def test_unit_in_header():
    assert unit_in_header("资金金额 (万元)") == ("万元", 10000)
    assert unit_in_header("预算金额（万元）") == ("万元", 10000)
    assert unit_in_header("金额(元)") == ("元", 1)
    assert unit_in_header("金额") is None


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2021年部门综合预算收支总表", 2021),
        ("２０２１年部门综合预算收支总表", 2021),
        ("2021 年部门综合预算", 2021),
        ("部门综合预算财政拨款上年结转资金支出表", None),
        ("二〇二一年部门综合预算收支总表", 2021),
        ("二零一九年度部门预算", 2019),
        ("二0二二年部门预算", 2022),
        ("第一二三年", None),
    ],
)
def test_find_year(text, year):
    assert find_year(text) == year


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        (2010350, "2010350"),
        (2010350.0, "2010350"),
        ("2010350", "2010350"),
        (" 201 ", "201"),
        ("２０１０３", "20103"),
        ("", None),
        ("—", None),
        (" - ", None),
        ("/", None),
    ],
)
def test_normalise_code(cell, code):
    assert normalise_code(cell, (3, 5, 7)) == code


@pytest.mark.parametrize("cell", ["20103a", "2010", "201-03", "12345678"])
def test_malformed_code(cell):
    with pytest.raises(MalformedCode):
        normalise_code(cell, (3, 5, 7))


@pytest.mark.parametrize(
    ("parts", "widths", "code"),
    [
        (["201", "03", "99"], [3, 2, 2], "2010399"),
        ([201, 3, 99], [3, 2, 2], "2010399"),  # 款 typed as the number 3
        ([201.0, 3.0, 50.0], [3, 2, 2], "2010350"),
        (["302", "27"], [3, 2], "30227"),
        (["205", "08", ""], [3, 2, 2], "20508"),
        (["205", "", ""], [3, 2, 2], "205"),
        (["", "", ""], [3, 2, 2], None),
        (["201", "20103", "99"], [3, 2, 2], "2010399"),  # full prefix in the 款 column
    ],
)
def test_join_code_parts(parts, widths, code):
    assert join_code_parts(parts, widths) == code


@pytest.mark.parametrize("parts", [["201", "x", "99"], ["201", "123", "99"]])
def test_join_code_parts_malformed(parts):
    with pytest.raises(MalformedCode):
        join_code_parts(parts, [3, 2, 2])


def test_code_level():
    assert [code_level(c, (3, 5, 7)) for c in ("201", "20103", "2010350", None, "2010")] == [
        1,
        2,
        3,
        None,
        None,
    ]


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ("一、部门预算", "部门预算"),
        ("1、财政拨款", "财政拨款"),
        ("（1）一般公共预算拨款", "一般公共预算拨款"),
        ("(1)工资福利支出", "工资福利支出"),
        ("(10)其他支出", "其他支出"),
        ("十四、债务付息支出", "债务付息支出"),
        ("  事业运行  ", "事业运行"),
        ("政府办公厅(室)及相关机构事务", "政府办公厅（室）及相关机构事务"),
        ("项 目", "项目"),
        ("其中：专项资金列入部门预算的项目", "其中：专项资金列入部门预算的项目"),
        ("2020年结转", "2020年结转"),
    ],
)
def test_normalise_label(raw, label):
    assert normalise_label(raw) == label


def test_match_key_unifies_width_spaces_and_quotes():
    assert match_key("收 入") == match_key("收入")
    assert match_key("（按功能科目）") == match_key("(按功能科目)")
    assert match_key("“三公”经费") == "三公经费"
    assert display_text("陕西省 政务服务中心") == "陕西省政务服务中心"


def test_number_text():
    assert number_text(2010350.0) == "2010350"
    assert number_text(132) == "132"
    assert number_text(60323.17) == "60323.17"
