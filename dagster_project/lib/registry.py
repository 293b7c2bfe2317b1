"""The finance bureau's registry of departments (`departments.csv`).

A workbook names its department on the cover in free text ("陕西省政务服务中心",
"省政务服务中心", sometimes with half-width brackets or stray spaces); the registry decides
which department code that is. Matching is exact after normalisation — a fuzzy match
would silently attribute one department's budget to another, which is worse than a
quarantined file a human looks at.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path


class RegistryError(Exception):
    """The registry file itself is unusable: the whole load must stop."""


def normalise_name(name: str) -> str:
    """Fold width (NFKC turns full-width brackets and digits half-width) and drop white
    space, so that names typed in different ways compare equal."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name or ""))


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass
class Registry:
    departments: list[Department]
    _by_key: dict[str, Department] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_key = {}
        for dept in self.departments:
            for key in (dept.code, dept.name, *dept.aliases):
                self._by_key.setdefault(normalise_name(key), dept)

    def match(self, *candidates: str | None) -> Department | None:
        """The department any candidate (name, alias or code) names, or None."""
        for candidate in candidates:
            if candidate:
                dept = self._by_key.get(normalise_name(candidate))
                if dept is not None:
                    return dept
        return None

    def fingerprint(self) -> str:
        """A digest of the registry's content: a load can tell whether it changed."""
        text = "\n".join(
            f"{d.code}\t{d.name}\t{'|'.join(d.aliases)}"
            for d in sorted(self.departments, key=lambda d: d.code)
        )
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def by_code(self, code: str) -> Department | None:
        return next((d for d in self.departments if d.code == code), None)


def read_registry(path: Path) -> Registry:
    """Read `department_code,department_name[,aliases]` (UTF-8, optional BOM; aliases
    separated by `|`). Codes stay strings: "017" is not "17"."""
    if not path.is_file():
        raise RegistryError(f"部门名录不存在 / department registry not found: {path}")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"department_code", "department_name"} - set(reader.fieldnames or [])
        if missing:
            raise RegistryError(
                f"部门名录缺少列 {sorted(missing)} / "
                f"registry {path} lacks columns {sorted(missing)}"
            )
        departments: list[Department] = []
        seen: set[str] = set()
        for line_no, row in enumerate(reader, start=2):
            code = (row.get("department_code") or "").strip()
            name = (row.get("department_name") or "").strip()
            if not code or not name:
                raise RegistryError(
                    f"部门名录第{line_no}行缺少编码或名称 / registry {path} line {line_no}: "
                    "code and name are required"
                )
            if code in seen:
                raise RegistryError(
                    f"部门名录编码重复 {code} / "
                    f"registry {path} line {line_no}: duplicate code {code}"
                )
            seen.add(code)
            aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
            departments.append(Department(code, name, aliases))
    return Registry(departments)
