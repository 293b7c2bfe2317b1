"""Reading a workbook file into plain cell grids with python-calamine.

The format is decided from the file's bytes, not its name: departments send .xls files
named .xlsx and the reverse. Anything calamine cannot open becomes a WorkbookReadError
with a reason that tells the department what to do (send the file again, send a
spreadsheet, ...). The file is opened read-only and never written.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from python_calamine import CalamineWorkbook

from .errors import WorkbookReadError
from .memo import remembered

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"


@remembered(1024)
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
    rows: list[tuple]
    merges: list[tuple[tuple[int, int], tuple[int, int]]]
    visible: bool = True
    width: int = 0
    _merge_at: dict[tuple[int, int], tuple[int, int]] | None = field(default=None, repr=False)
    _ref_prefixes: list[str] = field(default_factory=list, repr=False)
    _bottoms: dict[int, list[int]] | None = field(default=None, repr=False)
    _down: list[tuple[int, int, int]] | None = field(default=None, repr=False)

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
                [f"{self.name}!{column_letter(c)}" for c in range(len(prefixes), col + 1)]
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

    def merges_down(self) -> list[tuple[int, int, int]]:
        """(r0, c0, r1) of the merged ranges spanning more than one row."""
        if self._down is None:
            self._down = [(r0, c0, r1) for (r0, c0), (r1, _) in self.merges if r1 > r0]
        return self._down

    def filled_row(self, row: int) -> list:
        """The row with every merged range's value copied into all its cells; used for
        header rows, where a parent header spans its children."""
        return self.filled_rows(row, row)[0]

    def filled_rows(self, first: int, last: int) -> list[list]:
        """filled_row of each row from `first` to `last`, with one pass over the merged
        ranges for them all (a sheet of repeated project blocks has a hundred)."""
        rows = []
        for row in range(first, last + 1):
            values = list(self.rows[row]) if row < len(self.rows) else []
            if len(values) < self.width:
                values.extend([""] * (self.width - len(values)))
            rows.append(values)
        for (r0, c0), (r1, c1) in self.merges:
            if r0 <= last and r1 >= first:
                top_left = self.cell(r0, c0)
                end = min(c1, self.width - 1) + 1
                for row in range(max(r0, first), min(r1, last) + 1):
                    rows[row - first][c0:end] = [top_left] * (end - c0)
        return rows


@dataclass
class WorkbookGrid:
    path: Path
    sha256: str
    size: int
    sheets: list[SheetGrid]
    _table_word_rows: list[tuple[SheetGrid, int, tuple]] | None = field(default=None, repr=False)

    def table_word_rows(self) -> list[tuple[SheetGrid, int, tuple]]:
        """(sheet, row index, row) of every row with 表 in a text cell, in sheet order.
        Table titles and the catalogue's lines ("是否空表") are among them: the title and
        catalogue searches share this one pass over every cell of the workbook."""
        if self._table_word_rows is None:
            found = []
            for sheet in self.sheets:
                for r, row in enumerate(sheet.rows):
                    for v in row:
                        if type(v) is str and "表" in v:
                            found.append((sheet, r, row))
                            break
            self._table_word_rows = found
        return self._table_word_rows


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
            # Rows as tuples: a tuple of plain values is untracked by the garbage collector
            # at its first pass, a list never is. A collection during a parse would
            # otherwise carry every row into the oldest generation, and each full
            # collection walks that generation (long in a big process: Dagster, pandas).
            rows = list(map(tuple, sheet.to_python(skip_empty_area=False)))
            merges = list(sheet.merged_cell_ranges or [])
            width = max(map(len, rows), default=0)
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


def mark_hidden_blanks(workbook: WorkbookGrid) -> bool:
    """_mark_hidden_blanks on a workbook already read (an .xlsx); True when any cell was
    marked. Costs an inflate of every sheet, so the parser asks only when its figures
    leave a gap a hidden error or formula could explain."""
    data = workbook.path.read_bytes()
    if not data.startswith(_ZIP_MAGIC):
        return False
    marked = _mark_hidden_blanks(data, workbook.sheets)
    if marked:
        workbook._table_word_rows = None  # rows changed: search them again if asked
    return marked


_CELL_RE = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_REF_RE = re.compile(rb'\br="([A-Z]+)(\d+)"')
_SHEET_RE = re.compile(rb"<sheet\b[^>]*?>", re.S)
_REL_RE = re.compile(rb"<Relationship\b[^>]*?>", re.S)


def _attr(tag: bytes, name: bytes) -> bytes | None:
    m = re.search(rb"\b" + name + rb'="([^"]*)"', tag)
    return m.group(1) if m else None


def _mark_hidden_blanks(data: bytes, sheets: list[SheetGrid]) -> bool:
    """Cells calamine reads as empty that are not: Excel errors ("#REF!") and formulas
    saved without their computed value (files written by programs that never
    calculate). Each such cell gets its error text or "=formula" in the grid, so an
    amount column holding one stops the parse with the cell named instead of reading a
    silent zero; in a label it is just text. Only sheets whose XML has an error or a
    formula are looked at cell by cell."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            suspects = {}
            for name in zf.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    xml = zf.read(name)
                    if b"<f" in xml or b't="e"' in xml:
                        suspects[name] = xml
            if not suspects:
                return False
            paths = _sheet_paths(zf)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False
    by_name = {s.name: s for s in sheets}
    marked = False
    for name, xml in suspects.items():
        sheet = by_name.get(paths.get(name, ""))
        if sheet is None:
            continue
        for m in _CELL_RE.finditer(xml):
            attrs, inner = m.group(1), m.group(2) or b""
            error = b't="e"' in attrs
            if not error and b"<f" not in inner:
                continue
            value = re.search(rb"<v>([^<]*)</v>", inner)
            if value and value.group(1) and not error:
                continue  # a formula with its value: calamine has it
            ref = _REF_RE.search(attrs)
            if ref is None:
                continue
            row, col = int(ref.group(2)) - 1, _column_index(ref.group(1).decode())
            if row >= len(sheet.rows) or sheet.cell(row, col) != "":
                continue
            if error:
                text = value.group(1).decode("utf-8", "replace") if value else "#ERROR"
            else:
                formula = re.search(rb"<f[^>]*>([^<]*)</f>", inner)
                text = "=" + (formula.group(1).decode("utf-8", "replace") if formula else "?")
            cells = list(sheet.rows[row])
            if col >= len(cells):
                cells.extend([""] * (col + 1 - len(cells)))
            cells[col] = text
            sheet.rows[row] = tuple(cells)
            marked = True
    return marked


def _sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet XML path → sheet name, from the workbook and its relationships."""
    rels = {}
    for tag in _REL_RE.findall(zf.read("xl/_rels/workbook.xml.rels")):
        rid, target = _attr(tag, b"Id"), _attr(tag, b"Target")
        if rid and target:
            target = target.decode()
            rels[rid] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    paths = {}
    for tag in _SHEET_RE.findall(zf.read("xl/workbook.xml")):
        name, rid = _attr(tag, b"name"), _attr(tag, b"r:id")
        if name and rid in rels:
            paths[rels[rid]] = html.unescape(name.decode())
    return paths


def _column_index(letters: str) -> int:
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return col - 1


def cell_indents(
    path: Path, sheet_name: str, cells: list[tuple[int, int]]
) -> dict[tuple[int, int], int]:
    """The format indent level of some cells ((row, col) 0-based), which calamine does not
    read: openpyxl for .xlsx, xlrd (formatting_info) for .xls. Only asked for a table
    that shows its hierarchy by nothing else, so the slow readers stay off the usual
    path; a file they cannot read gives no indents."""
    wanted = set(cells)
    found: dict[tuple[int, int], int] = {}
    try:
        with open(path, "rb") as fh:
            magic = fh.read(8)
        if magic.startswith(_ZIP_MAGIC):
            import openpyxl

            wb = openpyxl.load_workbook(path, read_only=True)
            try:
                ws = wb[sheet_name]
                last = max(r for r, _ in wanted) + 1
                for r, row in enumerate(ws.iter_rows(max_row=last)):
                    for cell in row:
                        col = getattr(cell, "column", None)
                        if col is not None and (r, col - 1) in wanted:
                            found[(r, col - 1)] = int(cell.alignment.indent or 0)
            finally:
                wb.close()
        elif magic.startswith(_OLE2_MAGIC):
            import xlrd

            book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
            sheet = book.sheet_by_name(sheet_name)
            for r, c in wanted:
                if r < sheet.nrows and c < sheet.ncols:
                    xf = book.xf_list[sheet.cell_xf_index(r, c)]
                    found[(r, c)] = int(xf.alignment.indent_level or 0)
    except Exception:  # formatting is a hint only; the figures are already read
        return {}
    return found
