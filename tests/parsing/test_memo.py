"""memo.remembered: the parser's lookups by text (match_key, labels, column letters) are
remembered in a bounded dict; it must give what the function gives, compute each value
once, forget everything when full, and remember no exception."""

from __future__ import annotations

import pytest

from dagster_project.lib.parsing.memo import remembered
from dagster_project.lib.parsing.normalise import match_key


def test_each_value_is_computed_once_and_given_back_unchanged():
    calls = []

    @remembered(100)
    def double(text: str) -> str:
        calls.append(text)
        return text * 2

    assert [double(t) for t in ["a", "b", "a", "a", "b"]] == ["aa", "bb", "aa", "aa", "bb"]
    assert calls == ["a", "b"]


def test_a_full_memo_starts_again():
    calls = []

    @remembered(3)
    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    for text in ["a", "b", "c", "a"]:  # three kept; "a" still known
        upper(text)
    assert calls == ["a", "b", "c"]
    upper("d")  # full: emptied, then "d" kept
    upper("a")
    assert calls == ["a", "b", "c", "d", "a"]


def test_an_exception_is_raised_again_not_remembered():
    calls = []

    @remembered(10)
    def strict(text: str) -> str:
        calls.append(text)
        if text == "bad":
            raise ValueError(text)
        return text

    for _ in range(2):
        with pytest.raises(ValueError):
            strict("bad")
    assert calls == ["bad", "bad"]


def test_match_key_gives_the_same_key_computed_and_remembered():
    texts = ["收 入", "（按功能科目）", "“合计”", "项\u3000目", ""]
    for _ in range(2):  # computed, then from the memo
        assert [match_key(t) for t in texts] == ["收入", "(按功能科目)", "合计", "项目", ""]
