"""The one exception the parser raises for a workbook it cannot read.

The loader quarantines the file and sends the message back to the department, so the
message is bilingual and always says which file, and where it applies which sheet and
cell, a person has to open.
"""

from __future__ import annotations

from pathlib import Path

# Reasons the loader and the generator's manifest share (docs/data-contract.md).
REASONS = (
    "truncated",
    "not_a_spreadsheet",
    "no_template_tables",
    "non_numeric_amount",
    "inconsistent_year",
    "malformed_code",
    "unreadable_sheet",
)


class WorkbookReadError(Exception):
    """A workbook that cannot be turned into figures; `reason` is machine-readable."""

    def __init__(
        self,
        reason: str,
        message_zh: str,
        message_en: str,
        *,
        file_path: Path | str | None = None,
        sheet: str | None = None,
        cell: str | None = None,
    ) -> None:
        self.reason = reason
        self.message_zh = message_zh
        self.message_en = message_en
        self.file_path = str(file_path) if file_path is not None else None
        self.sheet = sheet
        self.cell = cell
        super().__init__(self.__str__())

    @property
    def file_name(self) -> str:
        return Path(self.file_path).name if self.file_path else "?"

    @property
    def cell_ref(self) -> str | None:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet

    def __str__(self) -> str:
        where_zh = f"文件 {self.file_name}"
        where_en = f"file {self.file_name}"
        if self.cell_ref:
            where_zh += f" {self.cell_ref}"
            where_en += f", {'cell' if self.cell else 'sheet'} {self.cell_ref}"
        return f"{where_zh} {self.message_zh} / {where_en}: {self.message_en}"

    def __reduce__(self):  # keep the keyword attributes when pickled across processes
        return (
            _rebuild,
            (self.reason, self.message_zh, self.message_en, self.file_path, self.sheet, self.cell),
        )


def _rebuild(reason, message_zh, message_en, file_path, sheet, cell) -> WorkbookReadError:
    return WorkbookReadError(
        reason, message_zh, message_en, file_path=file_path, sheet=sheet, cell=cell
    )
