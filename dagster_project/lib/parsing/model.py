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


# What an amount cell reads as, all but its reference: (value, value_unit, is_withheld,
# is_blank, raw_text, unit_multiplier), ParsedAmount's fields in order.
AmountFields = tuple[Decimal | None, str, bool, bool, str, int]


class ParsedRow:
    """One row of a table. Its figures are kept compact, not as ParsedAmount objects: a
    workbook has about 800 of them and the loader only needs their fields, so building an
    object per figure (and having the garbage collector walk it) was a tenth of a parse.
    `measures`, `figures` and `ref_heads` run in parallel: figure i is measure i, its
    fields `figures[i]` (shared with the amount memo, see normalise.AMOUNT_MEMOS) and its
    cell `ref_heads[i] + ref_tail` ("表5!C" + "12" in a grid row, where the heads are the
    section's column prefixes; a full reference + "" in a form). `amounts` gives them as
    ParsedAmount objects, built on first use; raw_records reads the compact form.

    A plain class with slots, not a dataclass: model.pxd makes it an extension type when
    the parser is compiled (see _compiled), which a workbook's ~700 rows are built twice
    as fast as; dataclass machinery cannot decorate an extension type.

    Fields: table_id, section; row_number (1-based sheet row, as Excel shows it); sheet;
    row_kind ("total" | "line"); code, code_level (or None); label, label_raw (or None);
    cell_ref (the row's first cell in the table); attributes (name → (text, cell_ref));
    measures, figures, ref_heads, ref_tail (above)."""

    __slots__ = (
        "table_id", "section", "row_number", "sheet", "row_kind", "code", "code_level",
        "label", "label_raw", "cell_ref", "attributes", "measures", "figures", "ref_heads",
        "ref_tail", "_amounts",
    )  # fmt: skip

    def __init__(
        self,
        table_id: str,
        section: str,
        row_number: int,
        sheet: str,
        row_kind: str,
        code: str | None,
        code_level: int | None,
        label: str | None,
        label_raw: str | None,
        cell_ref: str,
        attributes: dict[str, tuple[str, str]] | None = None,
        measures: tuple[str, ...] = (),
        figures: tuple[AmountFields, ...] = (),
        ref_heads: tuple[str, ...] = (),
        ref_tail: str = "",
    ):
        self.table_id = table_id
        self.section = section
        self.row_number = row_number
        self.sheet = sheet
        self.row_kind = row_kind
        self.code = code
        self.code_level = code_level
        self.label = label
        self.label_raw = label_raw
        self.cell_ref = cell_ref
        self.attributes = {} if attributes is None else attributes
        self.measures = measures
        self.figures = figures
        self.ref_heads = ref_heads
        self.ref_tail = ref_tail
        self._amounts = None  # dict[str, ParsedAmount] once `amounts` is asked for

    @property
    def amounts(self) -> dict[str, ParsedAmount]:
        """measure → ParsedAmount, in the section's column order. Built once, on first use,
        then kept: from then on this dict is the row's figures (a change to it is what
        raw_records writes)."""
        built = self._amounts
        if built is None:
            tail = self.ref_tail
            built = self._amounts = {
                measure: ParsedAmount(*fields, head + tail)
                for measure, fields, head in zip(
                    self.measures, self.figures, self.ref_heads, strict=True
                )
            }
        return built

    @amounts.setter
    def amounts(self, amounts: dict[str, ParsedAmount]) -> None:
        self._amounts = amounts

    def compact_figures(
        self,
    ) -> tuple[tuple[str, ...], tuple[AmountFields, ...], tuple[str, ...], str]:
        """(measures, figures, ref_heads, ref_tail): the figures as stored, or as the
        `amounts` dict holds them once it has been built."""
        built = self._amounts
        if built is None:
            return self.measures, self.figures, self.ref_heads, self.ref_tail
        return (
            tuple(built),
            tuple(
                (a.value, a.value_unit, a.is_withheld, a.is_blank, a.raw_text, a.unit_multiplier)
                for a in built.values()
            ),
            tuple(a.cell_ref for a in built.values()),
            "",
        )

    def _public(self) -> tuple:
        return (
            self.table_id, self.section, self.row_number, self.sheet, self.row_kind,
            self.code, self.code_level, self.label, self.label_raw, self.cell_ref,
            self.attributes, self.amounts,
        )  # fmt: skip

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not ParsedRow:
            return NotImplemented
        return self._public() == other._public()

    def __repr__(self) -> str:
        names = (
            "table_id", "section", "row_number", "sheet", "row_kind", "code", "code_level",
            "label", "label_raw", "cell_ref", "attributes", "amounts",
        )  # fmt: skip
        inner = ", ".join(f"{n}={v!r}" for n, v in zip(names, self._public(), strict=True))
        return f"ParsedRow({inner})"


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
        for row in self.rows:
            for fields in row.compact_figures()[1]:
                value = fields[0]
                # `is not None` first: a Decimal compared with None asks whether None is a
                # numbers.Rational, an ABC check in Python code
                if value is not None and value != 0:
                    return True
        return False

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
                measures, figures, heads, tail = row.compact_figures()
                for measure, fields, head in zip(measures, figures, heads, strict=True):
                    value, unit, withheld, blank, raw_text, multiplier = fields
                    amounts.append(
                        {
                            "file_sha256": sha,
                            "table_id": table_id,
                            "section": section,
                            "row_number": row_number,
                            "measure": measure,
                            "value": value,
                            "value_unit": unit,
                            "is_withheld": withheld,
                            "is_blank": blank,
                            "raw_text": raw_text,
                            "unit_multiplier": multiplier,
                            "cell_ref": head + tail,
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
