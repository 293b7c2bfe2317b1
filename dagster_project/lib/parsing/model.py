"""Records the parser returns, and their flattening into the raw tables of
docs/data-contract.md (the loader writes `raw_records()` as is)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path


@dataclass(slots=True)
class ParsedAmount:
    """One figure with its provenance. `value` is yuan (or a count for quantity);
    None only when withheld ("**")."""

    value: Decimal | None
    value_unit: str  # "yuan" | "count"
    is_withheld: bool
    is_blank: bool
    raw_text: str
    unit_multiplier: int
    cell_ref: str


@dataclass(slots=True)
class ParsedRow:
    table_id: str
    section: str
    row_number: int  # 1-based sheet row, as Excel shows it
    sheet: str
    row_kind: str  # "total" | "line"
    code: str | None
    code_level: int | None
    label: str | None
    label_raw: str | None
    cell_ref: str  # the row's first cell in the table
    attributes: dict[str, tuple[str, str]] = field(default_factory=dict)  # name → (text, cell_ref)
    amounts: dict[str, ParsedAmount] = field(default_factory=dict)  # measure → amount


@dataclass
class ParsedTable:
    table_id: str
    title: str
    title_raw: str
    sheet: str
    title_cell_ref: str
    unit_text: str
    unit_multiplier: int
    fiscal_year: int | None
    rows: list[ParsedRow] = field(default_factory=list)

    @property
    def has_amounts(self) -> bool:
        """True when any figure is non-zero. Blank/zero tables and tables whose only
        content is withheld ("**") count as empty: nothing is disclosed in them."""
        return any(a.value not in (None, 0) for row in self.rows for a in row.amounts.values())

    def section_rows(self, section: str) -> list[ParsedRow]:
        return [r for r in self.rows if r.section == section]


@dataclass
class CoverInfo:
    department_name_raw: str | None
    secrecy_review: str | None
    head_signoff: str | None
    cell_ref: str | None  # where 部门名称's value was read


@dataclass
class CatalogueEntry:
    table_id: str | None
    listed_title: str
    is_empty: bool | None  # 是 → True, 否 → False, anything else → None
    empty_reason: str | None
    cell_ref: str


@dataclass
class ParsedDisclosure:
    file_path: Path
    file_sha256: str
    file_size: int
    template_id: str
    fiscal_year: int
    department_name: str | None
    department_name_source: str  # "cover" | "T14" | "T10" | "none"
    cover: CoverInfo
    catalogue: list[CatalogueEntry]
    tables: dict[str, ParsedTable]
    warnings: list[str] = field(default_factory=list)
    unit_codes: list[str] = field(default_factory=list)  # 单位编码 seen, in order of appearance

    def raw_records(self) -> dict[str, list[dict]]:
        """Rows for raw.cover, raw.catalogue, raw.disclosure_tables, raw.table_rows,
        raw.row_attributes, raw.amounts, with the contract's column names."""
        sha = self.file_sha256
        cover = [
            {
                "file_sha256": sha,
                "department_name_raw": self.cover.department_name_raw,
                "secrecy_review": self.cover.secrecy_review,
                "head_signoff": self.cover.head_signoff,
                "cell_ref": self.cover.cell_ref,
            }
        ]
        catalogue = [
            {
                "file_sha256": sha,
                "table_id": e.table_id,
                "listed_title": e.listed_title,
                "is_empty": e.is_empty,
                "empty_reason": e.empty_reason,
                "cell_ref": e.cell_ref,
            }
            for e in self.catalogue
        ]
        tables, rows, attributes, amounts = [], [], [], []
        # Each record is one dict display (not a shared key dict merged with the rest):
        # the loader writes a thousand of these per workbook.
        for table in self.tables.values():
            tables.append(
                {
                    "file_sha256": sha,
                    "table_id": table.table_id,
                    "title": table.title,
                    "title_raw": table.title_raw,
                    "fiscal_year": table.fiscal_year,
                    "unit_text": table.unit_text,
                    "unit_multiplier": table.unit_multiplier,
                    "sheet": table.sheet,
                    "title_cell_ref": table.title_cell_ref,
                    "has_amounts": table.has_amounts,
                }
            )
            for row in table.rows:
                table_id, section, row_number = row.table_id, row.section, row.row_number
                rows.append(
                    {
                        "file_sha256": sha,
                        "table_id": table_id,
                        "section": section,
                        "row_number": row_number,
                        "sheet": row.sheet,
                        "row_kind": row.row_kind,
                        "code": row.code,
                        "code_level": row.code_level,
                        "label": row.label,
                        "label_raw": row.label_raw,
                        "cell_ref": row.cell_ref,
                    }
                )
                for name, (text, ref) in row.attributes.items():
                    attributes.append(
                        {
                            "file_sha256": sha,
                            "table_id": table_id,
                            "section": section,
                            "row_number": row_number,
                            "attribute": name,
                            "value_text": text,
                            "cell_ref": ref,
                        }
                    )
                for measure, a in row.amounts.items():
                    amounts.append(
                        {
                            "file_sha256": sha,
                            "table_id": table_id,
                            "section": section,
                            "row_number": row_number,
                            "measure": measure,
                            "value": a.value,
                            "value_unit": a.value_unit,
                            "is_withheld": a.is_withheld,
                            "is_blank": a.is_blank,
                            "raw_text": a.raw_text,
                            "unit_multiplier": a.unit_multiplier,
                            "cell_ref": a.cell_ref,
                        }
                    )
        return {
            "cover": cover,
            "catalogue": catalogue,
            "disclosure_tables": tables,
            "table_rows": rows,
            "row_attributes": attributes,
            "amounts": amounts,
        }
