"""Finding a table's header rows and giving each column a meaning by its header words.

Headers span several rows with merged parents ("财政拨款" over "小计 | 一般公共预算拨款"),
so a column's header is the path of texts down its header rows after merged cells are
filled. Template words are matched against that path; the best-scoring column wins, so
"合计" goes to the column headed only 合计 and not to "财政拨款/合计".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import repeat

from .memo import remembered
from .normalise import match_key
from .reader import SheetGrid

_MAX_HEADER_ROWS = 4
_NO_KEY = frozenset({""})


@remembered(4096)
def alternative_parts(alternative: str) -> tuple[str, ...]:
    return tuple(match_key(p) for p in alternative.split("/") if p.strip())


def vocabulary(alternatives: Iterable[str]) -> frozenset[str]:
    words: set[str] = set()
    for alt in alternatives:
        words.update(alternative_parts(alt))
    return frozenset(words)


def _cell_key(value) -> str:
    if isinstance(value, str):
        return match_key(value)
    return ""


@lru_cache(maxsize=256)
def _long_words(vocab: frozenset[str], min_len: int) -> tuple[str, ...]:
    return tuple(w for w in vocab if len(w) >= min_len)


@lru_cache(maxsize=256)
def _contains_long_word(vocab: frozenset[str], min_len: int) -> Callable[[str], bool]:
    """key → any(w in key for w in _long_words(vocab, min_len)), as one regular
    expression of the words: one scan in C instead of a Python loop over the words."""
    words = _long_words(vocab, min_len)
    if not words:
        return lambda key: False
    search = re.compile("|".join(map(re.escape, words))).search
    return lambda key: search(key) is not None


@lru_cache(maxsize=1 << 16)
def _hits(key: str, vocab: frozenset[str]) -> bool:
    """The key is a header word or contains one of two characters or more. Cached: the
    vocabularies live for the process and header texts recur in every workbook."""
    if key in vocab:
        return True
    return _contains_long_word(vocab, 2)(key)


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


_NUMBER_TYPES = frozenset({int, float})


def _has_number(row: tuple) -> bool:
    """any(_is_number(v) for v in row) for a row as calamine gives it, whose numbers are
    plain int and float (bool is its own type): the types looked up in C."""
    return not _NUMBER_TYPES.isdisjoint(map(type, row))


# Verdicts on rows by value, and on sets of header words, for the header searches below:
# a template's header and unit rows ("单位：元", "项目 | 预算数") recur in every workbook, and
# a row's verdict is pure in its cells and the words it is judged by. Only rows of text
# and blanks are kept: a data row is rejected at once by its figures and is new in every
# workbook, and a row with a cell of another kind could be equal to one that differs
# (True == 1). Bounded like the other parser caches. Keys hold only strings and
# frozensets, so the garbage collector untracks them.
_ROW_VERDICTS: dict[tuple, bool] = {}
_ROW_VERDICTS_SIZE = 4096


def _remember(key: tuple, verdict: bool) -> bool:
    if len(_ROW_VERDICTS) >= _ROW_VERDICTS_SIZE:
        _ROW_VERDICTS.clear()
    _ROW_VERDICTS[key] = verdict
    return verdict


def _text_only(row: tuple, texts: list) -> bool:
    """Every cell of the row is text or blank (`texts`: its non-empty texts)."""
    return len(texts) + row.count("") == len(row)


def find_header_start(sheet: SheetGrid, start: int, end: int, vocab: frozenset[str]) -> int | None:
    """First row in [start, end) that reads like a header: at least two distinct cells
    carrying header words, and those are at least half of the row's texts."""
    grid = sheet.rows
    verdicts = _ROW_VERDICTS
    for r in range(start, min(end, len(grid))):
        row = grid[r]
        verdict = verdicts.get((row, vocab, 0))
        if verdict is None:
            verdict = _is_header_start(row, vocab)
        if verdict:
            return r
    return None


def _is_header_start(row: tuple, vocab: frozenset[str]) -> bool:
    """find_header_start's test of one row (remembered when the row holds no figure)."""
    texts = [v for v in row if type(v) is str and v]
    if len(texts) < 2:
        return False
    if len(texts) + row.count("") < len(row) and _has_number(row):
        return False
    keys = frozenset(map(match_key, texts))
    if "" in keys:
        keys -= _NO_KEY
    verdict = is_header_words(keys, vocab)
    return _remember((row, vocab, 0), verdict) if _text_only(row, texts) else verdict


def is_header_words(keys: frozenset[str], vocab: frozenset[str]) -> bool:
    """The distinct non-empty keys of a number-free row make a header: at least two carry
    header words, and those are at least half of them."""
    if len(keys) < 2:
        return False
    verdict = _ROW_VERDICTS.get((keys, vocab))
    if verdict is None:
        hits = sum(map(_hits, keys, repeat(vocab)))  # the keys that carry header words
        verdict = _remember((keys, vocab), hits >= 2 and hits * 2 >= len(keys))
    return verdict


def _is_continuation(row: tuple, vocab: frozenset[str], total_words: frozenset[str]) -> bool:
    """A header row below the first: only header words (e.g. 类/款/项, 小计, 人员经费),
    no numbers, not a lone 合计 (that is the first data row)."""
    verdict = _ROW_VERDICTS.get((row, vocab, total_words))
    if verdict is not None:
        return verdict
    texts = [v for v in row if type(v) is str and v]
    if len(texts) + row.count("") < len(row) and _has_number(row):
        return False
    keys = [k for k in map(match_key, texts) if k]
    if not keys:
        verdict = False
    else:
        distinct = frozenset(keys)
        if len(keys) == 1 and distinct <= total_words:
            verdict = False
        else:
            verdict = _only_header_words(distinct, vocab)
    return _remember((row, vocab, total_words), verdict) if _text_only(row, texts) else verdict


def _under_merged_header(row: tuple, total_words: frozenset[str]) -> bool:
    """A row still covered by the first header row's merged cells is a header row unless
    it holds figures or is a lone 合计 (the first data row): its words need not be
    template words (a parent such as 基本支出 over 人员经费 | 公用经费)."""
    verdict = _ROW_VERDICTS.get((row, total_words))
    if verdict is not None:
        return verdict
    texts = [v for v in row if type(v) is str and v]
    if len(texts) + row.count("") < len(row) and _has_number(row):
        return False
    keys = {k for k in map(match_key, texts) if k}
    verdict = not (len(keys) == 1 and keys <= total_words)
    return _remember((row, total_words), verdict) if _text_only(row, texts) else verdict


# A header word dated to the year it counts ("2021年预算数", "本年预算数", "上年度预算数")
# or followed by its unit ("金额(元)", "预算数(万元)"; keys are NFKC, brackets half-width).
_DATED_OR_UNIT_RE = re.compile(r"^(?:(?:19|20)\d{2}|上|本)年度?|\((?:万元|千元|元)\)$")


@lru_cache(maxsize=4096)
def _only_header_words(keys: frozenset[str], vocab: frozenset[str]) -> bool:
    """Every key is a header word, or contains one of four characters or more. A year
    in front of a word ("2021年预算数") does not make the key a numbered data label, nor
    does a unit after it ("金额（元）") make it an unknown word."""
    for k in keys:
        if k in vocab:
            continue
        bare = _DATED_OR_UNIT_RE.sub("", k)
        if bare and bare in vocab:
            continue
        if k[:1] in "一二三四五六七八九十0123456789(":
            return False
        if not _contains_long_word(vocab, 4)(k):
            return False
    return True


def find_header_end(
    sheet: SheetGrid,
    header_start: int,
    end: int,
    vocab: frozenset[str],
    total_words: frozenset[str],
) -> int:
    """Last header row: as far down as merged cells of the first header row reach, then
    while following rows hold only header words."""
    last = header_start
    # Merged header cells reach down over their children; a merge running further than
    # three rows is a data label (年度绩效指标 beside all indicator rows), not a header.
    merge_last = header_start
    for r1 in sheet.merge_bottoms(header_start):
        if header_start < r1 <= header_start + 2:
            merge_last = max(merge_last, min(r1, end - 1))
    for r in range(header_start + 1, merge_last + 1):
        row = sheet.rows[r] if r < len(sheet.rows) else []
        if any(v != "" for v in row) and not _under_merged_header(row, total_words):
            break
        last = r
    r = last + 1
    while r < min(end, len(sheet.rows), header_start + _MAX_HEADER_ROWS):
        if not _is_continuation(sheet.rows[r], vocab, total_words):
            break
        last = r
        r += 1
    return last


def column_paths(sheet: SheetGrid, first: int, last: int) -> tuple[tuple[str, ...], ...]:
    """Per column, the header texts from top to bottom (merged cells filled, repeats of
    the same text collapsed)."""
    return _paths_of(tuple(map(tuple, sheet.filled_rows(first, last))))


@remembered(4096)
def _paths_of(filled: tuple[tuple, ...]) -> tuple[tuple[str, ...], ...]:
    """column_paths of header rows given by value: a template's headers recur in every
    workbook, so this runs once per header layout."""
    width = max((len(r) for r in filled), default=0)
    paths: list[tuple[str, ...]] = []
    for c in range(width):
        path: list[str] = []
        for row in filled:
            k = _cell_key(row[c]) if c < len(row) else ""
            if k and (not path or path[-1] != k):
                path.append(k)
        paths.append(tuple(path))
    return tuple(paths)


def alternative_score(parts: tuple[str, ...], path: tuple[str, ...]) -> float | None:
    """How well one alternative ("财政拨款/小计") fits a column path. The last part must
    fit the last header text; earlier parts must fit earlier texts in order."""
    if not path or not parts:
        return None
    score = 0.0
    last_part, leaf = parts[-1], path[-1]
    if leaf == last_part:
        score += 3
    elif leaf.startswith(last_part):
        score += 2
    elif last_part in leaf:
        score += 1
    else:
        return None
    pos = 0
    for part in parts[:-1]:
        while pos < len(path) - 1 and part not in path[pos]:
            pos += 1
        if pos >= len(path) - 1:
            return None
        score += 3 if path[pos] == part else 1
        pos += 1
    if len(parts) == len(path):
        score += 1
    return score


def assign_columns(
    specs: list[tuple[str, tuple[str, ...]]],
    paths: tuple[tuple[str, ...], ...],
    exclude: set[int] | None = None,
) -> dict[str, int]:
    """Greedy best-first assignment of named specs to columns, one column per spec and
    one spec per column. Earlier alternatives win ties over later ones."""
    candidates = []
    for order, (name, alternatives) in enumerate(specs):
        for rank, alt in enumerate(alternatives):
            parts = alternative_parts(alt)
            for col, path in enumerate(paths):
                if exclude and col in exclude:
                    continue
                s = alternative_score(parts, path)
                if s is not None:
                    candidates.append((-s, rank, col, order, name))
    candidates.sort()
    chosen: dict[str, int] = {}
    used: set[int] = set()
    for _, _, col, _, name in candidates:
        if name in chosen or col in used:
            continue
        chosen[name] = col
        used.add(col)
    return chosen
