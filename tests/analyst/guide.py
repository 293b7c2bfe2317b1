"""Reading docs/analyst-guide.md: every ```sql block with the heading above it and its tag.

The test runs exactly the blocks found here, so the guide and the test cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
GUIDE_PATH = REPO_ROOT / "docs" / "analyst-guide.md"

TAG_PATTERN = re.compile(r"^\s*--\s*guide:\s*(?P<tag>[a-z0-9_]+)\s*$", re.MULTILINE)
HEADING_PATTERN = re.compile(r"^#{2,6}\s+(?P<text>.+?)\s*$")


@dataclass(frozen=True)
class GuideQuery:
    heading: str
    tag: str | None
    sql: str
    line: int  # 1-based line of the opening fence


def parse_guide(text: str) -> list[GuideQuery]:
    queries: list[GuideQuery] = []
    heading = ""
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("```"):
            fence_line = index
            language = line[3:].strip().lower()
            body: list[str] = []
            index += 1
            while index < len(lines) and not lines[index].startswith("```"):
                body.append(lines[index])
                index += 1
            if index == len(lines):
                raise ValueError(f"unclosed code fence at line {fence_line + 1}")
            if language == "sql":
                sql = "\n".join(body)
                tag = TAG_PATTERN.search(sql)
                queries.append(
                    GuideQuery(heading, tag["tag"] if tag else None, sql, fence_line + 1)
                )
        else:
            match = HEADING_PATTERN.match(line)
            if match:
                heading = match["text"]
        index += 1
    return queries


def guide_queries() -> list[GuideQuery]:
    return parse_guide(GUIDE_PATH.read_text(encoding="utf-8"))
