"""Classification codes the generator may print, read from the bundled reference CSVs.

Only code–name pairs observed in real documents are used, so a clean generated workbook
never trips the code checks; department→government economic pairs follow the observed
对照表 (机关 units) or the seed's 事业单位 mapping (301xx→50501, 302xx→50502).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REFERENCE_DIR = Path(__file__).with_name("reference")


@dataclass(frozen=True)
class CodeLists:
    function: dict[str, str]
    dept_econ: dict[str, str]
    gov_econ: dict[str, str]
    agency_gov_map: dict[str, str]


def _read(name: str) -> list[dict[str, str]]:
    with (REFERENCE_DIR / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@cache
def code_lists() -> CodeLists:
    function = {r["code"]: r["name"] for r in _read("expenditure_function_codes_observed.csv")}
    dept = {r["code"]: r["name"] for r in _read("dept_economic_codes_observed.csv")}
    gov = {r["code"]: r["name"] for r in _read("gov_economic_codes_observed.csv")}
    gov.setdefault("505", "对事业单位经常性补助")
    agency = {
        r["dept_code"]: r["gov_code"]
        for r in _read("dept_to_gov_economic_mapping_observed.csv")
        if r["gov_code"].startswith(("501", "502"))
    }
    return CodeLists(function, dept, gov, agency)


def gov_econ_code(dept_code: str, unit_kind: str) -> str:
    """Government economic 款 for a department economic 款 in an agency or institution."""
    if unit_kind == "institution":
        return "50501" if dept_code.startswith("301") else "50502"
    return code_lists().agency_gov_map[dept_code]


def allowed_econ(unit_kind: str, candidates: list[str]) -> list[str]:
    """Candidates printable for this unit kind (agencies only where a 机关 pair was seen)."""
    lists = code_lists()
    if unit_kind == "institution":
        return [c for c in candidates if c in lists.dept_econ]
    return [c for c in candidates if c in lists.agency_gov_map]
