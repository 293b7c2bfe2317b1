"""Disclosure workbook parser: every table of a budget disclosure workbook, found by
meaning (title words, header words), with every amount in yuan and its provenance.

Public interface (the loader's):
    parse_disclosure_workbook(path, templates=None) -> ParsedDisclosure
    WorkbookReadError (reason, message_zh, message_en, sheet, cell)
    ParsedDisclosure.raw_records() -> rows of the raw tables in docs/data-contract.md

Modules: reader (file → cell grids), locate (titles, catalogue, cover), headers and
sections (a table's header, columns and rows), normalise (cells → amounts, codes,
labels), disclosure (one workbook, whole), model (the records). The hot ones run compiled
when built (see _compiled: same source, same results, Python as the fallback).
"""

from . import _compiled

_compiled.select()  # before any parser module is imported

from dagster_project.lib.templates import TemplateDefinition  # noqa: E402

from .disclosure import parse_disclosure_workbook  # noqa: E402
from .errors import REASONS, WorkbookReadError  # noqa: E402
from .model import (  # noqa: E402
    CatalogueEntry,
    CoverInfo,
    ParsedAmount,
    ParsedDisclosure,
    ParsedRow,
    ParsedTable,
)

__all__ = [
    "REASONS",
    "CatalogueEntry",
    "CoverInfo",
    "ParsedAmount",
    "ParsedDisclosure",
    "ParsedRow",
    "ParsedTable",
    "TemplateDefinition",
    "WorkbookReadError",
    "parse_disclosure_workbook",
]
