"""Reading a workbook file into plain cell grids with python-calamine.

The format is decided from the file's bytes, not its name: departments send .xls files
named .xlsx and the reverse. Anything calamine cannot open becomes a WorkbookReadError
with a reason that tells the department what to do (send the file again, send a
spreadsheet, ...). The file is opened read-only and never written.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from python_calamine import CalamineWorkbook

from .errors import WorkbookReadError

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"


@lru_cache(maxsize=1024)
def column_letter(col: int) -> str:
    """0-based column index → Excel letters (0 → A, 26 → AA)."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@lru_cache(maxsize=1 << 16)
def a1(row: int, col: int) -> str:
    """0-based (row, col) → "C9"."""
    return f"{column_letter(col)}{row + 1}"


@dataclass
class SheetGrid:
    """One sheet's cells from A1 (0-based rows/cols), values as calamine gives them
    ('' for empty), and its merged ranges ((r0, c0), (r1, c1)) inclusive."""

    name: str
    rows: list[list]
    merges: list[tuple[tuple[int, int], tuple[int, int]]]
    visible: bool = True
    width: int = 0
    _merge_at: dict[tuple[int, int], tuple[int, int]] | None = field(default=None, repr=False)
    _ref_prefixes: list[str] = field(default_factory=list, repr=False)
    _bottoms: dict[int, list[int]] | None = field(default=None, repr=False)

    def cell(self, row: int, col: int):
        if 0 <= row < len(self.rows):
            r = self.rows[row]
            if 0 <= col < len(r):
                return r[col]
        return ""

    def ref(self, row: int, col: int) -> str:
        return f"{self.name}!{a1(row, col)}"

    def ref_prefix(self, col: int) -> str:
        """ "表5!C" for column 2: a cell reference is this plus the 1-based row number."""
        prefixes = self._ref_prefixes
        if col >= len(prefixes):
            prefixes.extend(
                f"{self.name}!{column_letter(c)}" for c in range(len(prefixes), col + 1)
            )
        return prefixes[col]

    def merge_end(self, row: int, col: int) -> tuple[int, int]:
        """Bottom-right of the merged range whose top-left is (row, col), else itself."""
        if self._merge_at is None:
            self._merge_at = {start: end for start, end in self.merges}
        return self._merge_at.get((row, col), (row, col))

    def merge_bottoms(self, row: int) -> list[int]:
        """Last rows of the merged ranges that start in `row`."""
        if self._bottoms is None:
            self._bottoms = {}
            for (r0, _), (r1, _) in self.merges:
                self._bottoms.setdefault(r0, []).append(r1)
        return self._bottoms.get(row, [])

    def filled_row(self, row: int) -> list:
        """The row with every merged range's value copied into all its cells; used for
        header rows, where a parent header spans its children."""
        values = list(self.rows[row]) if row < len(self.rows) else []
        if len(values) < self.width:
            values.extend([""] * (self.width - len(values)))
        for (r0, c0), (r1, c1) in self.merges:
            if r0 <= row <= r1:
                top_left = self.cell(r0, c0)
                for c in range(c0, min(c1, self.width - 1) + 1):
                    values[c] = top_left
        return values


@dataclass
class WorkbookGrid:
    path: Path
    sha256: str
    size: int
    sheets: list[SheetGrid]


def _error(reason: str, zh: str, en: str, path: Path) -> WorkbookReadError:
    return WorkbookReadError(reason, zh, en, file_path=path)


def _classify_unreadable(data: bytes, path: Path, exc: Exception | None) -> WorkbookReadError:
    """Tell a cut-off spreadsheet from something that never was one."""
    detail = f"{type(exc).__name__}: {exc}" if exc else ""
    if len(data) == 0:
        return _error("truncated", "文件为空（0 字节）", "the file is empty (0 bytes)", path)
    if data.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
                bad = zf.testzip()
        except (zipfile.BadZipFile, EOFError, OSError, ValueError):
            return _error(
                "truncated",
                "文件不完整（压缩包被截断），请重新导出后发送",
                f"the file is incomplete (truncated zip archive) {detail}".strip(),
                path,
            )
        if bad is not None:
            return _error("truncated", f"文件已损坏（{bad}）", f"the file is corrupt ({bad})", path)
        if "xl/workbook.xml" not in names and not any(n.endswith("workbook.xml") for n in names):
            return _error(
                "not_a_spreadsheet",
                "文件是压缩包但不是 Excel 工作簿",
                "the file is a zip archive but not an Excel workbook",
                path,
            )
        return _error(
            "truncated",
            "Excel 工作簿已损坏，无法读取",
            f"the Excel workbook is damaged and cannot be read ({detail})",
            path,
        )
    if data.startswith(_OLE2_MAGIC):
        # A whole compound file is a header sector plus whole 512-byte sectors.
        if len(data) % 512 != 0 or len(data) < 1536:
            return _error(
                "truncated",
                "文件不完整（.xls 被截断），请重新导出后发送",
                "the file is incomplete (truncated .xls)",
                path,
            )
        return _error(
            "not_a_spreadsheet",
            "文件是 Office 文档但不是可读的 Excel 工作簿",
            f"the file is an Office document but not a readable Excel workbook ({detail})",
            path,
        )
    if _ZIP_MAGIC[:2] == data[:2] or _OLE2_MAGIC[:4] == data[:4]:
        return _error("truncated", "文件不完整", "the file is incomplete", path)
    return _error(
        "not_a_spreadsheet",
        "文件不是 Excel 工作簿（.xls/.xlsx）",
        "the file is not an Excel workbook (.xls/.xlsx)",
        path,
    )


def read_workbook(path: Path) -> WorkbookGrid:
    """All sheets of the workbook as grids, plus the file's sha256 and size."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _error(
            "unreadable_file", f"无法打开文件：{exc}", f"cannot open the file: {exc}", path
        ) from exc
    sha = hashlib.sha256(data).hexdigest()
    if not (data.startswith(_ZIP_MAGIC) or data.startswith(_OLE2_MAGIC)):
        raise _classify_unreadable(data, path, None)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        metadata = workbook.sheets_metadata
        sheets = []
        for meta in metadata:
            if not str(meta.typ).endswith(".WorkSheet"):
                continue
            sheet = workbook.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            merges = list(sheet.merged_cell_ranges or [])
            width = max((len(r) for r in rows), default=0)
            for _, (_, c1) in merges:
                width = max(width, c1 + 1)
            sheets.append(
                SheetGrid(
                    name=meta.name,
                    rows=rows,
                    merges=merges,
                    visible=str(meta.visible).endswith(".Visible"),
                    width=width,
                )
            )
    except WorkbookReadError:
        raise
    except Exception as exc:  # calamine raises several error types; all mean "unreadable"
        raise _classify_unreadable(data, path, exc) from exc
    return WorkbookGrid(path=path, sha256=sha, size=len(data), sheets=sheets)
