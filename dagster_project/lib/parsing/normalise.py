"""Cell-level normalisation: text, amounts, units, codes, labels, years.

Departments type the same thing many ways (full-width digits, "1,146,370.00" as text,
"－" for zero, 款 3 for "03", "（1）" vs "(1)"). Everything here is a pure function so each
variant has a unit test, and the table readers never look at raw cell values directly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from .memo import remembered
from .model import AmountFields, ParsedAmount

CENT = Decimal("0.01")

# Characters that mean "nothing here" in an amount column (zero, per DOMAIN.md §2); "无"
# ("none") is how some departments fill the cells of a table they have nothing for.
_BLANK_MARKS = frozenset({"", "-", "--", "—", "——", "－", "―", "–", "/", "0-", "/-", "无"})
# "**" is how a withheld (secret) figure is printed; one or more asterisks.
_WITHHELD_RE = re.compile(r"^[*＊]+$")
_WHITESPACE_RE = re.compile(r"[\s\u3000\xa0\u200b\ufeff]+")
_NUMBER_RE = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)$")
_UNIT_RE = re.compile(r"(?:金额)?单位\s*[:：]?\s*(万元|元|千元)")
_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
_NUMBERING_RE = re.compile(
    r"^(?:"
    r"[一二三四五六七八九十]+\s*[、.．]"  # 一、
    r"|\d+\s*[、.．)）](?!\d)"  # 1、 1. 1）
    r"|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]\s*[、.．]?"  # （1） (一)
    r"|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]"
    r"|[⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇][、.．]?"  # ⑴ (one character)
    r"|[⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛]"  # ⒈ (one character)
    r"|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]\s*[、.．]"
    r")\s*"
)
_CJK = r"\u3400-\u9fff\uff08\uff09（）"

UNIT_MULTIPLIERS = {"元": 1, "万元": 10000, "千元": 1000}


def clean_text(value: object) -> str:
    """Cell value as display text: str() of it, outer whitespace trimmed."""
    if value is None:
        return ""
    if isinstance(value, float):
        return number_text(value)
    return str(value).strip()


_KEY_DROP = str.maketrans("", "", "“”\"'‘’「」『』 \t\r\n\u3000\xa0\u200b\ufeff")


@remembered(1 << 16)
def match_key(text: str) -> str:
    """A key for comparing words: NFKC (full-width → half-width, brackets unified),
    all whitespace removed, quotes dropped. "收 入" and "收入", "（按功能科目）" and
    "(按功能科目)" get the same key. Cached: the same header and label texts recur in
    every workbook."""
    return unicodedata.normalize("NFKC", text).translate(_KEY_DROP)


@remembered(1 << 14)
def display_text(text: str) -> str:
    """Text as stored in `title`/`label`: whitespace between Chinese characters removed
    (spaced-out words like "项 目"), other runs collapsed, brackets full-width as in the
    Ministry of Finance code lists."""
    text = _WHITESPACE_RE.sub(" ", text.strip())
    text = re.sub(rf"(?<=[{_CJK}]) (?=[{_CJK}])", "", text)
    text = re.sub(rf"(?<=[{_CJK}]) (?=[(（])|(?<=[)）]) (?=[{_CJK}])", "", text)
    return text.replace("(", "（").replace(")", "）")


def strip_numbering(text: str) -> str:
    """Label without its list numbering ("一、部门预算" → "部门预算", "（1）工资" → "工资")."""
    return _NUMBERING_RE.sub("", text, count=1).strip()


@remembered(1 << 14)
def normalise_label(raw: str) -> str:
    return strip_numbering(display_text(raw))


def number_text(value: float | int) -> str:
    """Text of an Excel number without float artefacts: 2010350.0 → "2010350",
    802881.6000000001 → "802881.6". Six decimals is beyond any printed money figure."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    rounded = round(value, 6)
    if rounded == int(rounded) and abs(rounded) < 1e15:
        return str(int(rounded))
    return repr(rounded)


@dataclass(frozen=True)
class AmountValue:
    """One amount cell, normalised. `value` is in the table's printed unit (not yet yuan)."""

    value: Decimal | None
    is_blank: bool
    is_withheld: bool
    raw_text: str
    unit_multiplier: int | None = None  # set when the cell itself says 万元/元


class NotANumber(ValueError):
    """The cell of an amount column holds something that is not a number."""


def _number_amount(value: float | int) -> AmountValue:
    text = number_text(value)
    return AmountValue(Decimal(text), False, False, text)


def parse_amount(value: object) -> AmountValue:
    """Read an amount cell. Blank and dashes are zero (is_blank), asterisks are withheld
    (value None), numbers may be Excel numbers or text with separators, full-width digits
    and spaces. Raises NotANumber otherwise."""
    if value is None or value == "":
        return AmountValue(Decimal(0), True, False, "")
    if isinstance(value, bool):
        raise NotANumber(str(value))
    if isinstance(value, int | float):
        return _number_amount(value)
    raw = str(value)
    # ASCII is its own NFKC form, and its whitespace is what str.split() splits on.
    text = (
        "".join(raw.split())
        if raw.isascii()
        else _WHITESPACE_RE.sub("", unicodedata.normalize("NFKC", raw))
    )
    if text in _BLANK_MARKS:
        return AmountValue(Decimal(0), True, False, raw)
    if _WITHHELD_RE.match(text):
        return AmountValue(None, False, True, raw)
    multiplier = None
    for suffix, factor in (("万元", 10000), ("元", 1)):
        if text.endswith(suffix):
            text, multiplier = text[: -len(suffix)], factor
            break
    text = text.lstrip("¥￥").replace(",", "").replace("−", "-")
    negative = text.startswith("(") and text.endswith(")")
    if negative:
        text = "-" + text[1:-1]
    if not _NUMBER_RE.match(text):
        raise NotANumber(raw)
    try:
        return AmountValue(Decimal(text), False, False, raw, multiplier)
    except InvalidOperation as exc:  # pragma: no cover - regex already guards
        raise NotANumber(raw) from exc


def to_yuan(value: Decimal, multiplier: int) -> Decimal:
    """Printed figure × unit → yuan, exact Decimal arithmetic, quantized to the cent."""
    return (value * multiplier).quantize(CENT, rounding=ROUND_HALF_UP)


_ZERO_COUNT = Decimal(0)
_ZERO_YUAN = Decimal(0).quantize(CENT)


def _fraction_amount(value: float, multiplier: int, count: bool) -> AmountFields:
    """_amount_fields of a float with a fraction. repr() is the shortest text that reads
    back as the same float; with at most six decimals it is what number_text gives (the
    rounding to six decimals returns the float itself)."""
    text = repr(value)
    point = text.find(".")
    decimals = len(text) - point - 1
    if point < 0 or "e" in text or decimals > 6:
        text = number_text(value)
        point, decimals = -1, 99
    if count:
        return Decimal(text), "count", False, False, text, 1
    return _decimal_yuan(text, point, decimals, multiplier), "yuan", False, False, text, multiplier


def _decimal_yuan(text: str, point: int, decimals: int, multiplier: int) -> Decimal:
    """to_yuan(Decimal(text), multiplier) for a plain decimal text whose point is at
    `point` (-1: none). Up to two decimals in 元 or 万元, the yuan figure is the text with
    its point moved and zeros appended: the same digits and exponent, no arithmetic."""
    if decimals <= 2:
        if multiplier == 1:
            if point < 0:
                return Decimal(text + ".00")
            return Decimal(text + "0" if decimals == 1 else text)
        if multiplier == 10000:
            if point < 0:
                return Decimal(text + "0000.00")
            return Decimal(text[:point] + text[point + 1 :].ljust(4, "0") + ".00")
    return to_yuan(Decimal(text), multiplier)


# An ASCII amount text once spaces and thousands separators are gone: "1146370.00".
_PLAIN_DECIMAL_RE = re.compile(r"-?\d{1,18}(?:\.(\d{1,2}))?")


def _text_amount(value: str, multiplier: int, count: bool) -> AmountFields:
    """_amount_fields of a text: plain ASCII figures ("1,146,370.00", "9.99  ") directly,
    anything else (full-width, 万元, brackets, **) through parse_amount."""
    if value.isascii():
        text = "".join(value.split()).replace(",", "")
        m = _PLAIN_DECIMAL_RE.fullmatch(text)
        if m:
            if count:
                return Decimal(text), "count", False, False, value, 1
            decimals = len(m.group(1)) if m.group(1) else 0
            point = len(text) - decimals - 1 if m.group(1) else -1
            yuan = _decimal_yuan(text, point, decimals, multiplier)
            return yuan, "yuan", False, False, value, multiplier
    return _parsed_amount(value, multiplier, count)


def _amount_fields(value: object, multiplier: int, count: bool) -> AmountFields:
    """amount_cell's figure, before the memo. The cells most tables hold take short paths
    that give exactly what parse_amount and to_yuan give (tested against them): empty,
    "-", whole numbers (every .xls integer, most .xlsx floats), floats with cents.
    Everything else goes through them."""
    cls = type(value)
    if cls is int:
        text = str(value)
    elif cls is str:
        if not value:
            if count:
                return _ZERO_YUAN, "count", False, True, "", 1
            return _ZERO_YUAN, "yuan", False, True, "", multiplier
        if value in _BLANK_MARKS:
            if count:
                return _ZERO_COUNT, "count", False, True, value, 1
            return _ZERO_YUAN, "yuan", False, True, value, multiplier
        return _text_amount(value, multiplier, count)
    elif cls is float:
        if not (value.is_integer() and -1e15 < value < 1e15):
            return _fraction_amount(value, multiplier, count)
        text = str(int(value))
    else:
        return _parsed_amount(value, multiplier, count)
    if count:
        return Decimal(text), "count", False, False, text, 1
    if len(text) < 20:
        yuan = _decimal_yuan(text, -1, 0, multiplier)
    else:
        yuan = to_yuan(Decimal(text), multiplier)
    return yuan, "yuan", False, False, text, multiplier


# amount_cell's memo: one dict per (multiplier, count), cell value → AmountFields. Keyed
# by the value alone (no tuple to build and hash per cell): the values it keeps are str,
# int and float under 1e15 in size, and equal values among those read alike (an int and
# the float equal to it give the same text and figure; a text never equals a number).
# Everything else is left out: True == 1 is not a number, so a reader looking a bool up
# must not take what the memo holds for 1 (see amount_memo), and 10**15 == 1e15 prints
# "1000000000000000.0" as a float. Keys and fields hold only atomic values, so the
# garbage collector untracks them and never walks the memo's entries (a memo of objects
# it tracks would make every full collection longer).
AMOUNT_MEMOS: dict[tuple[int, bool], dict[object, AmountFields]] = {}
_AMOUNT_MEMO_SIZE = 4096


def amount_memo(multiplier: int, count: bool) -> dict[object, AmountFields]:
    """The memo for one unit and kind; a reader looks a cell up with `.get(value)` and
    calls amount_fields on a miss, or when the value is a bool (`type(v) is bool`)."""
    memo = AMOUNT_MEMOS.get((multiplier, count))
    if memo is None:
        memo = AMOUNT_MEMOS[(multiplier, count)] = {}
    return memo


def amount_cell(value: object, multiplier: int, count: bool, cell_ref: str) -> ParsedAmount:
    """An amount cell as a ParsedAmount: money in yuan for a table printed in
    `multiplier`, or a count; an empty cell is a blank zero. Raises NotANumber.

    Memoised by value: a workbook repeats its figures (one total in 表1, 表2, 表3 and
    表5, blanks and dashes everywhere; about one cell in eight holds a figure not seen
    before in the workbook), and everything but the cell reference follows from the
    cell's value and the table's unit. The fields (Decimals are immutable) are shared;
    each cell gets its own ParsedAmount. Gives exactly what _amount_fields gives, which
    gives what parse_amount and to_yuan give (tested against both)."""
    f = amount_memo(multiplier, count).get(value)
    if f is None or type(value) is bool:
        f = amount_fields(value, multiplier, count)
    # the fields one by one: a call with *f costs more than the rest of this function
    return ParsedAmount(f[0], f[1], f[2], f[3], f[4], f[5], cell_ref)


def amount_fields(value: object, multiplier: int, count: bool) -> AmountFields:
    """_amount_fields, kept in its amount_memo when the value may be (see AMOUNT_MEMOS).
    For a table reader that looks the memo up itself (amount_cell inlined in its loop)
    and calls this on a miss. Raises NotANumber."""
    fields = _amount_fields(value, multiplier, count)
    kind = type(value)
    if kind is str or ((kind is float or kind is int) and -1e15 < value < 1e15):
        memo = amount_memo(multiplier, count)
        if len(memo) >= _AMOUNT_MEMO_SIZE:
            memo.clear()  # figures recur within a workbook, rarely across many
        memo[value] = fields
    return fields


# A count typed with its unit of measure: "4批", "40 台", "1项".
_COUNT_WITH_UNIT_RE = re.compile(
    r"^\s*([-+]?[\d,]*\.?\d+)\s*(?:[\u4e00-\u9fff]{1,3}|[A-Za-z]{1,4})\s*$"
)


def _parsed_amount(value: object, multiplier: int, count: bool) -> AmountFields:
    if count and type(value) is str:
        m = _COUNT_WITH_UNIT_RE.match(unicodedata.normalize("NFKC", value))
        if m:
            return Decimal(m.group(1).replace(",", "")), "count", False, False, value, 1
    parsed = parse_amount(value)
    if count:
        return parsed.value, "count", parsed.is_withheld, parsed.is_blank, parsed.raw_text, 1
    multiplier = parsed.unit_multiplier or multiplier
    yuan = None if parsed.value is None else to_yuan(parsed.value, multiplier)
    return yuan, "yuan", parsed.is_withheld, parsed.is_blank, parsed.raw_text, multiplier


@remembered(4096)  # unit and title texts recur in every workbook
def find_unit(text: str) -> tuple[str, int] | None:
    """ "单位：万元" / "单位:元" / "金额单位：元" → ("万元", 10000)."""
    m = _UNIT_RE.search(unicodedata.normalize("NFKC", text).replace(" ", ""))
    if not m:
        return None
    return m.group(1), UNIT_MULTIPLIERS[m.group(1)]


@remembered(4096)  # unit and title texts recur in every workbook
def unit_in_header(text: str) -> tuple[str, int] | None:
    """A unit given in a header such as "资金金额（万元）" or "预算金额(元)"."""
    key = match_key(text)
    if "(万元)" in key or key.endswith("万元"):
        return "万元", 10000
    if "(元)" in key:
        return "元", 1
    return None


# A year in Chinese numerals, as covers and some titles print it: "二〇二一年", "二零二一年".
_CN_YEAR_RE = re.compile(r"((?:二[〇零○0]|一九)[〇零○0一二三四五六七八九]{2})\s*年")
_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")


@remembered(4096)  # unit and title texts recur in every workbook
def find_year(text: str) -> int | None:
    text = unicodedata.normalize("NFKC", text)
    m = _YEAR_RE.search(text)
    if m:
        return int(m.group(1))
    m = _CN_YEAR_RE.search(text)
    return int(m.group(1).translate(_CN_DIGITS)) if m else None


class MalformedCode(ValueError):
    """A code column holds something that cannot be a classification code."""


_TEXT_FLOAT_CODE_RE = re.compile(r"^(\d+)\.0+$")


def code_text(value: object) -> str:
    """A code cell as a digit string: 2010350.0 → "2010350", " 201 " → "201", the text
    "2010350.0" (a number pasted as text) → "2010350". A dash or slash ("—", "/": how a
    line with no 部门经济科目 in 表12 is often filled in) is no code: ""."""
    cls = type(value)
    if cls is str and value.isascii() and value.isdigit():
        return value  # already what NFKC and dropping whitespace would leave
    if cls is int:
        return str(value)
    if isinstance(value, float | int) and not isinstance(value, bool):
        return number_text(value)
    text = _WHITESPACE_RE.sub("", unicodedata.normalize("NFKC", str(value)))
    if text in _BLANK_MARKS:
        return ""
    if "." in text:
        m = _TEXT_FLOAT_CODE_RE.match(text)
        if m:
            return m.group(1)
    return text


# A code typed in front of its name in one cell: "2010350 事业运行", "2010350事业运行",
# "[2010350]事业运行", "【2010350】事业运行", "2010350-事业运行" (after NFKC).
_LEADING_CODE_RE = re.compile(
    r"^[\[【(]?\s*(\d{3}(?:\d{2}){0,2})\s*[\]】)]?\s*[-—－_、.:]?\s*(\D.*)$"
)


@lru_cache(maxsize=1 << 14)
def split_leading_code(text: str, lengths: tuple[int, ...]) -> tuple[str, str] | None:
    """(code, name) of a cell holding a code and its name, when the code has one of the
    allowed lengths and a name follows; else None."""
    if not text or not (text[0].isdigit() or text[0] in "[【(（［"):
        return None
    m = _LEADING_CODE_RE.match(unicodedata.normalize("NFKC", text).strip())
    if m is None or len(m.group(1)) not in lengths:
        return None
    name = m.group(2).strip()
    if not name or name[0] in ")]】":
        return None
    return m.group(1), name


def normalise_code(value: object, lengths: tuple[int, ...]) -> str | None:
    """One code cell; None when blank. Raises MalformedCode unless it is all digits of
    one of the allowed lengths."""
    text = code_text(value)
    if text == "":
        return None
    if not text.isdigit() or (lengths and len(text) not in lengths):
        raise MalformedCode(text)
    return text


def join_code_parts(parts: list[object], widths: list[int]) -> str | None:
    """Codes split over 类/款/项 columns: ("201", 3, "99") → "2010399". A part typed as a
    number loses its leading zero, so each part is left-padded to its width; a part given
    at full length ("20103" in the 款 column) is accepted as the whole prefix."""
    code = ""
    for value, width in zip(parts, widths, strict=True):
        text = code_text(value)
        if text == "":
            break
        if not text.isdigit():
            raise MalformedCode(text)
        if len(text) > width and code and text.startswith(code):
            code = text
            continue
        if len(text) > width:
            raise MalformedCode(text)
        code += text.zfill(width)
    return code or None


def code_level(code: str | None, level_lengths: tuple[int, ...]) -> int | None:
    """1 类, 2 款, 3 项 from the code's length."""
    if code is None:
        return None
    try:
        return level_lengths.index(len(code)) + 1
    except ValueError:
        return None
