"""Disclosure templates as data.

A template (one YAML file here) says how to recognise each table of a template by its
title words and how to read it: sections, header words → measure/attribute names, which
columns hold the code, the default unit, and which rule ids of the catalogue apply. The
parser is generic over these definitions, so a new template is a new YAML file.

Header words are given as alternatives; an alternative "财政拨款/小计" means a column whose
combined multi-row header has a part containing 财政拨款 and, below it, one containing 小计.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

TEMPLATE_DIR = Path(__file__).parent


@dataclass(frozen=True)
class CodeSpec:
    """Where a row's code is: one column (`headers`) or split columns (`parts`)."""

    headers: tuple[str, ...] = ()
    parts: tuple[tuple[str, ...], ...] = ()
    widths: tuple[int, ...] = (3, 2, 2)
    lengths: tuple[int, ...] = (3, 5, 7)  # allowed lengths, also the levels 类/款/项
    kind: str = "function"  # function | econ | unit
    strict: bool = True  # a malformed code is an error (else a warning)
    check_parent: bool = True


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    headers: tuple[str, ...]
    unit: str = "money"  # money | count (measures only)
    parts: tuple[tuple[str, ...], ...] = ()  # attribute joined from split code columns
    widths: tuple[int, ...] = ()
    # a code attribute whose cell may hold "50501 工资福利支出": the code's allowed lengths
    # and the attribute that takes the name when its own column is absent or blank
    code_lengths: tuple[int, ...] = ()
    name_attribute: str | None = None


@dataclass(frozen=True)
class SectionSpec:
    section: str
    kind: str  # grid | pairs | fields
    label: tuple[str, ...] = ()
    code: CodeSpec | None = None
    measures: tuple[ColumnSpec, ...] = ()
    attributes: tuple[ColumnSpec, ...] = ()
    label_attribute: str | None = None  # also store the label under this attribute name
    carry_down: tuple[str, ...] = ()  # attributes filled down when blank (vertical merges)
    inherit: tuple[str, ...] = ()  # attributes copied from the block's fields section
    end_words: tuple[str, ...] = ()  # a row with this label ends the section (included)
    stop_words: tuple[str, ...] = ()  # a row with this text ends the section (excluded)
    header_words: tuple[str, ...] = ()  # extra words that mark the header row
    pairs: tuple[dict, ...] = ()  # pairs kind: [{section, label, amount}]
    total_parts: tuple[str, ...] = ()  # measures whose sum is the row's total (rule S1)


@dataclass(frozen=True)
class TableSpec:
    table_id: str
    number: str | None
    title_all: tuple[str, ...]
    title_any: tuple[str, ...]
    title_none: tuple[str, ...]
    unit_default: str
    sections: tuple[SectionSpec, ...]
    block_split: tuple[str, ...] = ()  # key words starting a repeated block (表14 projects)
    rules: tuple[str, ...] = ()
    unit_codes: bool = False  # its codes are 单位编码 (feed ParsedDisclosure.unit_codes)

    def title_matches(self, key: str) -> bool:
        """`key` is a title after match_key(): all words present, one of `any`, none of
        `none`."""
        return (
            all(w in key for w in self.title_all)
            and (not self.title_any or any(w in key for w in self.title_any))
            and not any(w in key for w in self.title_none)
        )


@dataclass(frozen=True)
class TemplateDefinition:
    template_id: str
    name: str
    min_tables: int
    cover_fields: dict[str, tuple[str, ...]]
    catalogue_header: dict[str, tuple[str, ...]]
    tables: tuple[TableSpec, ...]
    source: Path | None = None
    extra: dict = field(default_factory=dict, hash=False, compare=False)

    def table(self, table_id: str) -> TableSpec:
        return next(t for t in self.tables if t.table_id == table_id)


def _tuple(value) -> tuple:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _columns(mapping: dict | None) -> tuple[ColumnSpec, ...]:
    columns = []
    for name, spec in (mapping or {}).items():
        if isinstance(spec, dict):
            columns.append(
                ColumnSpec(
                    name=name,
                    headers=_tuple(spec.get("headers")),
                    unit=spec.get("unit", "money"),
                    parts=tuple(_tuple(p) for p in spec.get("parts", ())),
                    widths=_tuple(spec.get("widths")),
                    code_lengths=tuple(int(n) for n in _tuple(spec.get("code_lengths"))),
                    name_attribute=spec.get("name_attribute"),
                )
            )
        else:
            columns.append(ColumnSpec(name=name, headers=_tuple(spec)))
    return tuple(columns)


def _code(spec: dict | None) -> CodeSpec | None:
    if not spec:
        return None
    return CodeSpec(
        headers=_tuple(spec.get("headers")),
        parts=tuple(_tuple(p) for p in spec.get("parts", ())),
        widths=_tuple(spec.get("widths", (3, 2, 2))),
        lengths=_tuple(spec.get("lengths", (3, 5, 7))),
        kind=spec.get("kind", "function"),
        strict=spec.get("strict", True),
        check_parent=spec.get("check_parent", True),
    )


def _section(spec: dict) -> SectionSpec:
    return SectionSpec(
        section=spec.get("section", "main"),
        kind=spec.get("kind", "grid"),
        label=_tuple(spec.get("label")),
        code=_code(spec.get("code")),
        measures=_columns(spec.get("measures")),
        attributes=_columns(spec.get("attributes")),
        label_attribute=spec.get("label_attribute"),
        carry_down=_tuple(spec.get("carry_down")),
        inherit=_tuple(spec.get("inherit")),
        end_words=_tuple(spec.get("end_words")),
        stop_words=_tuple(spec.get("stop_words")),
        header_words=_tuple(spec.get("header_words")),
        pairs=tuple(spec.get("pairs", ())),
        total_parts=_tuple(spec.get("total_parts")),
    )


def template_from_dict(data: dict, source: Path | None = None) -> TemplateDefinition:
    tables = []
    for t in data["tables"]:
        title = t.get("title", {})
        tables.append(
            TableSpec(
                table_id=t["table_id"],
                number=t.get("number"),
                title_all=_tuple(title.get("all")),
                title_any=_tuple(title.get("any")),
                title_none=_tuple(title.get("none")),
                unit_default=t.get("unit_default", "元"),
                sections=tuple(_section(s) for s in t["sections"]),
                block_split=_tuple(t.get("block_split")),
                rules=_tuple(t.get("rules")),
                unit_codes=bool(t.get("unit_codes", False)),
            )
        )
    return TemplateDefinition(
        template_id=data["template_id"],
        name=data.get("name", data["template_id"]),
        min_tables=int(data.get("min_tables", 2)),
        cover_fields={k: _tuple(v) for k, v in (data.get("cover") or {}).items()},
        catalogue_header={k: _tuple(v) for k, v in (data.get("catalogue") or {}).items()},
        tables=tuple(tables),
        source=source,
    )


def load_template(path: Path) -> TemplateDefinition:
    with open(path, encoding="utf-8") as fh:
        return template_from_dict(yaml.safe_load(fh), source=path)


@cache
def default_templates() -> tuple[TemplateDefinition, ...]:
    """Every template shipped here, Shaanxi first (ties in table count go to it)."""
    paths = sorted(TEMPLATE_DIR.glob("*.yaml"), key=lambda p: (p.stem != "shaanxi", p.stem))
    return tuple(load_template(p) for p in paths)
