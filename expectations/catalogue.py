"""The rule catalogue (catalogue.yaml) as typed records."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml

CATALOGUE_PATH = Path(__file__).with_name("catalogue.yaml")

SEVERITIES = ("error", "warning")
STATUSES = ("active", "planned", "needs_narrative")
FAMILIES = ("balance", "sums", "cross_table", "completeness", "years", "narrative")


@dataclass(frozen=True)
class Tolerance:
    """exact_cent: |difference| ≤ base_yuan + per_wan_yuan_term_yuan × (万元 terms);
    count: counts compared exactly; relative: Y3's share of the prior amount."""

    kind: str
    base_yuan: Decimal = Decimal("0")
    per_wan_yuan_term_yuan: Decimal = Decimal("0")
    share: Decimal | None = None
    min_yuan: Decimal | None = None


@dataclass(frozen=True)
class Rule:
    rule_id: str
    family: str
    title_zh: str
    title_en: str
    description: str
    tables: tuple[str, ...]
    severity: str
    tolerance: Tolerance
    requires_general_budget_only: bool
    status: str
    version: int
    message_zh: str
    message_en: str

    @property
    def is_active(self) -> bool:
        return self.status == "active"

    @property
    def relation_name(self) -> str:
        """The dbt model (schema quality) holding this rule's comparisons."""
        return f"rule_{self.rule_id.lower()}"


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _rule(entry: dict) -> Rule:
    tolerance = entry["tolerance"]
    rule = Rule(
        rule_id=entry["id"],
        family=entry["family"],
        title_zh=entry["title_zh"],
        title_en=entry["title_en"],
        description=" ".join(str(entry["description"]).split()),
        tables=tuple(entry.get("tables") or ()),
        severity=entry["severity"],
        tolerance=Tolerance(
            kind=tolerance["kind"],
            base_yuan=_decimal(tolerance.get("base_yuan", 0)) or Decimal("0"),
            per_wan_yuan_term_yuan=_decimal(tolerance.get("per_wan_yuan_term_yuan", 0))
            or Decimal("0"),
            share=_decimal(tolerance.get("share")),
            min_yuan=_decimal(tolerance.get("min_yuan")),
        ),
        requires_general_budget_only=bool(entry["requires_general_budget_only"]),
        status=entry["status"],
        version=int(entry["version"]),
        message_zh=entry["message_zh"],
        message_en=entry["message_en"],
    )
    if rule.severity not in SEVERITIES:
        raise ValueError(f"rule {rule.rule_id}: severity {rule.severity!r}")
    if rule.status not in STATUSES:
        raise ValueError(f"rule {rule.rule_id}: status {rule.status!r}")
    if rule.family not in FAMILIES:
        raise ValueError(f"rule {rule.rule_id}: family {rule.family!r}")
    return rule


@lru_cache(maxsize=1)
def _load(path: Path) -> tuple[Rule, ...]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    rules = tuple(_rule(entry) for entry in document["rules"])
    ids = [rule.rule_id for rule in rules]
    duplicates = {rule_id for rule_id in ids if ids.count(rule_id) > 1}
    if duplicates:
        raise ValueError(f"duplicate rule ids in {path}: {sorted(duplicates)}")
    return rules


def load_catalogue(path: Path = CATALOGUE_PATH) -> list[Rule]:
    """Every rule of the catalogue, in catalogue order (active and needs_narrative)."""
    return list(_load(path))


def rules_by_id(path: Path = CATALOGUE_PATH) -> dict[str, Rule]:
    return {rule.rule_id: rule for rule in _load(path)}
