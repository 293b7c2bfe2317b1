"""The bureau summary: every registered department × year with its status (accepted, has
errors, has warnings, quarantined, missing) and the failed-rule counts per rule."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import openpyxl
from openpyxl.styles import Font

from dagster_project.lib.reports._results import HTML_STYLE, escape, load_findings

STATUS_LABELS = {
    "accepted": "通过 accepted",
    "has_errors": "有错误 has errors",
    "has_warnings": "有警告 has warnings",
    "quarantined": "已隔离 quarantined",
    "missing": "未报送 missing",
}


@dataclass
class DepartmentYearStatus:
    fiscal_year: int
    department_code: str
    department_name: str
    status: str
    failed_by_rule: Counter = field(default_factory=Counter)
    errors: int = 0
    warnings: int = 0
    not_evaluated: int = 0


def bureau_statuses(
    warehouse_path: Path, fiscal_year: int | None = None
) -> list[DepartmentYearStatus]:
    conn = duckdb.connect(str(warehouse_path), read_only=True)
    try:
        registry = conn.execute(
            "select department_code, department_name from raw.departments order by 1"
        ).fetchall()
        files = conn.execute(
            "select department_code, fiscal_year, status from raw.disclosure_files"
        ).fetchall()
    finally:
        conn.close()
    years = sorted(
        {
            year
            for _, year, _ in files
            if year is not None and (fiscal_year is None or year == fiscal_year)
        }
    )
    file_status: dict[tuple[str, int], set[str]] = defaultdict(set)
    for code, year, status in files:
        file_status[(code, year)].add(status)
    # passes count for nothing here, so only findings are read
    results = load_findings(Path(warehouse_path), None, fiscal_year).results
    by_key: dict[tuple[str, int], list] = defaultdict(list)
    for result in results:
        by_key[(result.department_code, result.fiscal_year)].append(result)
    statuses = []
    for year in years:
        for code, name in registry:
            seen = file_status.get((code, year), set())
            group = [r for r in by_key.get((code, year), []) if r.rule_id != "Y2"]
            failed = [r for r in group if r.status == "failed"]
            entry = DepartmentYearStatus(
                fiscal_year=year,
                department_code=code,
                department_name=name,
                status="",
                failed_by_rule=Counter(r.rule_id for r in failed),
                errors=sum(1 for r in failed if r.severity == "error"),
                warnings=sum(1 for r in failed if r.severity == "warning"),
                not_evaluated=sum(1 for r in group if r.status == "not_evaluated"),
            )
            if "loaded" not in seen:
                entry.status = "quarantined" if "quarantined" in seen else "missing"
            elif entry.errors:
                entry.status = "has_errors"
            elif entry.warnings:
                entry.status = "has_warnings"
            else:
                entry.status = "accepted"
            statuses.append(entry)
    return statuses


def write_bureau_summary(
    warehouse_path: Path, out_dir: Path, fiscal_year: int | None = None
) -> list[Path]:
    """Write `<out_dir>/bureau_summary.xlsx` and `.html`; return the paths."""
    statuses = bureau_statuses(Path(warehouse_path), fiscal_year)
    rule_ids = sorted({rule_id for s in statuses for rule_id in s.failed_by_rule})
    header = [
        "年度 Year",
        "部门编码 Code",
        "部门名称 Department",
        "状态 Status",
        "错误 Errors",
        "警告 Warnings",
        "无法校验 Not evaluated",
    ] + rule_ids
    rows = [
        [
            s.fiscal_year,
            s.department_code,
            s.department_name,
            STATUS_LABELS[s.status],
            s.errors,
            s.warnings,
            s.not_evaluated,
        ]
        + [s.failed_by_rule.get(r, 0) for r in rule_ids]
        for s in statuses
    ]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "汇总"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    xlsx = out_dir / "bureau_summary.xlsx"
    workbook.save(xlsx)
    counts = Counter(s.status for s in statuses)
    summary = "，".join(f"{STATUS_LABELS[k]} {counts.get(k, 0)}" for k in STATUS_LABELS)
    table_rows = "".join(
        "<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>" for row in rows
    )
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>部门预算公开校验汇总</title>
<style>{HTML_STYLE}</style></head><body>
<h1>部门预算公开校验汇总 Bureau summary</h1>
<p>{escape(summary)}</p>
<table><thead><tr>{"".join(f"<th>{escape(h)}</th>" for h in header)}</tr></thead>
<tbody>{table_rows}</tbody></table></body></html>
"""
    page_path = out_dir / "bureau_summary.html"
    page_path.write_text(page, encoding="utf-8")
    return [xlsx, page_path]
