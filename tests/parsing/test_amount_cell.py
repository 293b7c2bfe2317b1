"""amount_cell's short paths (empty, "-", whole numbers, floats with cents, plain ASCII
texts) must give exactly what the general path, parse_amount + to_yuan, gives: the same
Decimal digits and exponent, raw text, unit and flags, for every kind of cell, the first
time (computed) and every time after (from amount_cell's memo)."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from dagster_project.lib.parsing.normalise import (
    _BLANK_MARKS,
    NotANumber,
    amount_cell,
    parse_amount,
    to_yuan,
)

EDGE_CELLS = [
    0,
    5,
    -3,
    10**17,
    12345678901234567890,
    0.0,
    -0.0,
    0.5,
    -0.05,
    1.005,
    2.675,
    1e-7,
    802881.6000000001,
    123456789.0,
    1e15,
    1e16,
    1.5e16,
    *sorted(_BLANK_MARKS - {""}),
    " - ",
    "1,000.5 ",
    "1,146,370.00",
    "9.99  ",
    "-0",
    "-0.0",
    "-0.5",
    "0.05",
    "0012.30",
    ".5",
    "5.",
    "+5",
    "1.234",
    "12,34",
    " 1 2 ",
    "\t7\n",
    "1234567890123456789",
    "９，９９９．９９",
    "(12.5)",
    "**",
    "＊＊",
    "12万元",
    "807.69万元",
    "12.5元",
]
BAD_CELLS = [True, False, "abc", "1e5", "--5", "12.5 元 x"]


def _random_cells(seed: int, n: int) -> list:
    rng = random.Random(seed)
    cells: list = []
    for _ in range(n):
        cents = rng.randint(-(10**11), 10**11)
        kind = rng.randrange(6)
        if kind == 0:
            cells.append(cents // 100)  # .xls integer
        elif kind == 1:
            cells.append(cents / 100)  # .xlsx float with cents
        elif kind == 2:
            cells.append(rng.uniform(-1e12, 1e12))  # any float
        elif kind == 3:
            cells.append(f"{cents / 100:,.2f}" + rng.choice(["", " ", "  "]))
        elif kind == 4:
            cells.append(f"{cents / 100:.{rng.randrange(4)}f}")
        else:
            cells.append(rng.randint(0, 10**6) / 10)
    return cells


def _expected(cell, multiplier: int, count: bool) -> tuple:
    parsed = parse_amount(cell)
    if cell == "":
        value = Decimal("0.00")  # an empty cell is a blank zero in cents, count or not
        return value, "count" if count else "yuan", False, True, "", 1 if count else multiplier
    if count:
        return parsed.value, "count", parsed.is_withheld, parsed.is_blank, parsed.raw_text, 1
    unit = parsed.unit_multiplier or multiplier
    value = None if parsed.value is None else to_yuan(parsed.value, unit)
    return value, "yuan", parsed.is_withheld, parsed.is_blank, parsed.raw_text, unit


def _fields(a) -> tuple:
    return a.value, a.value_unit, a.is_withheld, a.is_blank, a.raw_text, a.unit_multiplier


@pytest.mark.parametrize("multiplier", [1, 1000, 10000])
@pytest.mark.parametrize("count", [False, True])
def test_amount_cell_matches_the_general_path(multiplier, count):
    for cell in ["", *EDGE_CELLS, *_random_cells(multiplier + count, 3000)]:
        a = amount_cell(cell, multiplier, count, "表5!C9")
        got = _fields(a)
        # repr, not ==: Decimal("5.0") == Decimal("5.00"), but the stored figure differs
        assert repr(got) == repr(_expected(cell, multiplier, count)), cell
        assert a.cell_ref == "表5!C9"


@pytest.mark.parametrize("cell", BAD_CELLS)
def test_amount_cell_rejects_what_parse_amount_rejects(cell):
    with pytest.raises(NotANumber):
        parse_amount(cell)
    with pytest.raises(NotANumber):
        amount_cell(cell, 1, False, "表5!C9")


# Equal as dictionary keys, read differently: amount_cell's memo must keep them apart.
EQUAL_BUT_NOT_ALIKE = [1, 1.0, True, 0, 0.0, -0.0, False, 10**15, 1e15, 10**16, 1e16, "1", "1.0"]


@pytest.mark.parametrize("order", [1, -1])
def test_amount_cell_memo_keeps_equal_values_of_other_classes_apart(order):
    for multiplier in (1, 10000):
        for cell in EQUAL_BUT_NOT_ALIKE[::order]:
            for _ in range(2):  # the first call fills the memo, the second reads it
                if cell.__class__ is bool:
                    with pytest.raises(NotANumber):
                        amount_cell(cell, multiplier, False, "表5!C9")
                    continue
                got = _fields(amount_cell(cell, multiplier, False, "表5!C9"))
                assert repr(got) == repr(_expected(cell, multiplier, False)), cell


def test_amount_cell_memo_gives_each_cell_its_own_record():
    first = amount_cell(1234.5, 1, False, "表5!C9")
    second = amount_cell(1234.5, 1, False, "表5!D9")
    assert first is not second
    assert (first.cell_ref, second.cell_ref) == ("表5!C9", "表5!D9")
    assert first.value == second.value == Decimal("1234.50")
