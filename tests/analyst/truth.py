"""Expected answers from the generator's truth manifest, in plain Python.

Nothing here reads the warehouse: figures come from the manifest (amounts as a perfect
parser must find them, 万元 tables already × 10000), the registry comes from the raw
folder's departments.csv, code names from the reference seeds. Each helper states the
table and rows it reads, following DOMAIN.md and docs/data-contract.md, not the SQL.
"""

from __future__ import annotations

import csv
import hashlib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

from tests.analyst.guide import REPO_ROOT

SEEDS_DIR = REPO_ROOT / "dbt" / "seeds"
CATALOGUE_PATH = REPO_ROOT / "expectations" / "catalogue.yaml"

ZERO = Decimal("0.00")
CENT = Decimal("0.01")

THREE_PUBLIC_ITEMS = ("overseas_travel", "vehicle_purchase", "vehicle_operation", "reception")
MEETING_TRAINING_ITEMS = ("meeting", "training")

# 表1 income lines → fct_income's source keys (DOMAIN.md §1, B2): the sources that add up to
# 收入总计; subtotals (部门预算, 财政拨款, 本年收入合计, 收入总计) and 其中 lines are not sources.
INCOME_SOURCES = {
    "一般公共预算拨款": "general_budget",
    "政府性基金拨款": "gov_fund",
    "国有资本经营预算收入": "state_capital",
    "国有资本经营预算拨款": "state_capital",
    "上级补助收入": "superior_subsidy",
    "事业收入": "business_income",
    "事业单位经营收入": "operating_income",
    "附属单位上缴收入": "affiliated_income",
    "其他收入": "other_income",
    "用事业基金弥补收支差额": "business_fund",
    "上年实户资金余额": "prior_balance",
    "上年结转": "carryover",
}


def amount(row: dict, measure: str) -> Decimal:
    """A manifest amount in yuan; blank is "0.00", withheld (null) counts as 0 in facts."""
    value = row["amounts"].get(measure)
    return Decimal(value) if value is not None else ZERO


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if whole == 0:
        return None
    return (part * 100 / whole).quantize(CENT, rounding=ROUND_HALF_UP)


def normalise_name(name: str) -> str:
    """Brackets to full width, spaces dropped: how names are compared (dim_*_class)."""
    return name.replace("(", "（").replace(")", "）").replace(" ", "").replace("\u3000", "")


def cell_text_value(text: str | None) -> Decimal:
    """The number a printed amount cell shows (full-width digits, thousands separators)."""
    cleaned = unicodedata.normalize("NFKC", text or "").replace(",", "").strip()
    return Decimal(cleaned) if cleaned not in ("", "-") else ZERO


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Disclosure:
    """One loaded workbook of the manifest."""

    path: str
    department_code: str
    fiscal_year: int
    tables: dict

    def rows(self, table_id: str, section: str = "main") -> list[dict]:
        table = self.tables.get(table_id) or {"rows": []}
        return [row for row in table["rows"] if row["section"] == section]

    def lines(self, table_id: str, code_length: int | None = None) -> list[dict]:
        """Line rows of a table's main section, optionally only codes of one length."""
        return [
            row
            for row in self.rows(table_id)
            if row["row_kind"] == "line"
            and (code_length is None or len(row["code"] or "") == code_length)
        ]


class Truth:
    def __init__(self, raw_dir: Path, manifest: dict) -> None:
        self.raw_dir = raw_dir
        self.manifest = manifest
        self.loaded = [
            Disclosure(f["path"], f["department_code"], f["fiscal_year"], f["tables"])
            for f in manifest["files"]
            if f["expected_status"] == "loaded"
        ]
        with (raw_dir / "departments.csv").open(encoding="utf-8") as handle:
            self.department_names = {
                row["department_code"]: row["department_name"] for row in csv.DictReader(handle)
            }
        self._reference_function_names = self._read_reference_function_names()
        self._printed_function_names = self._count_printed_function_names()

    # ---- files and years -------------------------------------------------------------------

    def disclosure(self, department_code: str, fiscal_year: int) -> Disclosure:
        (found,) = [
            d
            for d in self.loaded
            if d.department_code == department_code and d.fiscal_year == fiscal_year
        ]
        return found

    def loaded_department_years(self) -> set[tuple[str, int]]:
        return {(d.department_code, d.fiscal_year) for d in self.loaded}

    def loaded_years(self) -> list[int]:
        return sorted({d.fiscal_year for d in self.loaded})

    def quarantined_files(self) -> list[dict]:
        return [f for f in self.manifest["files"] if f["expected_status"] == "quarantined"]

    def error_faults(self) -> set[tuple[int, str, str]]:
        """(fiscal_year, department_code, rule_id) of injected faults whose rule is an error."""
        catalogue = yaml.safe_load(CATALOGUE_PATH.read_text(encoding="utf-8"))
        severity = {rule["id"]: rule["severity"] for rule in catalogue["rules"]}
        return {
            (f["fiscal_year"], f["department_code"], fault["rule_id"])
            for f in self.manifest["files"]
            if f["expected_status"] == "loaded"
            for fault in f["faults"]
            if severity[fault["rule_id"]] == "error"
        }

    def by_year(self) -> Iterator[tuple[int, list[Disclosure]]]:
        years: dict[int, list[Disclosure]] = defaultdict(list)
        for disclosure in self.loaded:
            years[disclosure.fiscal_year].append(disclosure)
        yield from sorted(years.items())

    # ---- code names ------------------------------------------------------------------------

    @staticmethod
    def _read_reference_function_names() -> dict[str, tuple[str, int | None]]:
        """code → (reference name, year it was introduced per the crosswalk or None)."""
        introduced: dict[str, int] = {}
        with (SEEDS_DIR / "code_crosswalk.csv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["scheme"] == "function" and not row["from_code"] and row["to_code"]:
                    introduced[row["to_code"]] = int(row["to_year"])
        function_codes = SEEDS_DIR / "expenditure_function_codes_observed.csv"
        with function_codes.open(encoding="utf-8") as handle:
            return {
                row["code"]: (row["name"], introduced.get(row["code"]))
                for row in csv.DictReader(handle)
            }

    def _count_printed_function_names(self) -> dict[tuple[int, str], Counter]:
        printed: dict[tuple[int, str], Counter] = defaultdict(Counter)
        for disclosure in self.loaded:
            for table_id in ("T03", "T05", "T07"):
                for row in disclosure.rows(table_id):
                    if row["code"] and row["label"] and row["code"].isdigit():
                        printed[(disclosure.fiscal_year, row["code"])][
                            normalise_name(row["label"])
                        ] += 1
        return printed

    def function_name(self, fiscal_year: int, code: str) -> str | None:
        """The reference name wins; otherwise the name printed most often that year."""
        reference = self._reference_function_names.get(code)
        if reference and (reference[1] is None or reference[1] <= fiscal_year):
            return reference[0]
        counts = self._printed_function_names.get((fiscal_year, code))
        if not counts:
            return None
        return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]

    # ---- figures ---------------------------------------------------------------------------

    def three_public(self, disclosure: Disclosure) -> tuple[Decimal, Decimal] | None:
        """(三公, 会议费 + 培训费) of 表13's 合计 row; None when the table has no 合计 row."""
        totals = [row for row in disclosure.rows("T13") if row["row_kind"] == "total"]
        if not totals:
            return None
        (total,) = totals
        return (
            sum((amount(total, item) for item in THREE_PUBLIC_ITEMS), ZERO),
            sum((amount(total, item) for item in MEETING_TRAINING_ITEMS), ZERO),
        )

    def projects(self, disclosure: Disclosure) -> dict[tuple[str, str], Decimal]:
        """表10 projects: (unit code, project name) → amount. A project is a line without a
        code; its unit is the nearest coded line above it (else the department)."""
        projects: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
        unit_code = disclosure.department_code
        for row in disclosure.rows("T10"):
            if row["row_kind"] != "line":
                continue
            if row["code"] is not None:
                unit_code = row["code"]
            elif row["label"]:
                projects[(unit_code, row["label"])] += amount(row, "amount")
        return projects
