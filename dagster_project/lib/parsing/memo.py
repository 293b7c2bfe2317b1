"""Remembering a pure function of one text by value, for the parser's hot lookups.

The parser asks the same few thousand questions of every workbook (the match key of
"项目", the label and kind of "一般公共服务支出", the letters of column 3). functools'
lru_cache answers them, but each call builds a key and moves the entry to the front of
its list. `remembered` makes the function the `__getitem__` of a dict: a known value is
one dict lookup in C, with no Python code run at all, compiled or not; the function's
own code runs only for a value not seen yet. Bounded: the dict is emptied when full
(the texts a corpus repeats come back at once; an ever-growing cache would not).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _Memo(dict):
    __slots__ = ("_make", "_size")

    def __init__(self, make: Callable, size: int):
        super().__init__()
        self._make = make
        self._size = size

    def __missing__(self, key):
        value = self._make(key)
        if len(self) >= self._size:
            self.clear()
        self[key] = value
        return value


def remembered(size: int) -> Callable[[Callable[[K], V]], Callable[[K], V]]:
    """Decorator: the function, remembered by its one (hashable) argument; at most
    `size` values kept. Exceptions are not remembered: the next call raises again."""

    def wrap(make: Callable[[K], V]) -> Callable[[K], V]:
        return _Memo(make, size).__getitem__

    return wrap
