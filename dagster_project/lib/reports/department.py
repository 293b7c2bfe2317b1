"""Per department-year: every failed rule with its message, cells, expected, found,
difference and severity, as .xlsx and as an HTML page (Chinese, English in brackets)."""

from __future__ import annotations

from pathlib import Path

from dagster_project.lib.reports._results import (
    HTML_STYLE,
    SEVERITY_ZH,
    STATUS_ZH,
    department_names,
    escape,
    load_findings,
    money,
    rule_title,
)
from dagster_project.lib.reports._xlsx import Sheet, Style, write_workbook
from expectations.runner import RuleResult

COLUMNS = [
    ("规则 Rule", 8),
    ("规则名称 Title", 36),
    ("严重程度 Severity", 10),
    ("比较项 Key", 28),
    ("单元格 Cells", 36),
    ("应为 Expected", 16),
    ("实为 Found", 16),
    ("差额 Difference", 16),
    ("容差 Tolerance", 12),
    ("说明 Message", 80),
]


def _row(result: RuleResult) -> list[object]:
    unit = result.value_unit
    return [
        result.rule_id,
        rule_title(result.rule_id),
        SEVERITY_ZH.get(result.severity),
        result.comparison_key,
        result.source_ref,
        money(result.expected_yuan, unit),
        money(result.actual_yuan, unit),
        money(result.difference_yuan, unit),
        money(result.tolerance_yuan, unit),
        result.message,
    ]


def _write_xlsx(
    path: Path, title: str, failed: list[RuleResult], not_evaluated: list[RuleResult]
) -> None:
    header = [(name, Style.BOLD) for name, _ in COLUMNS]
    failed_sheet = Sheet(
        "未通过规则",
        rows=[
            [(title, Style.TITLE)],
            [f"未通过 {len(failed)} 项；无法校验 {len(not_evaluated)} 项"],
            header,
            *([*row[:-1], (row[-1], Style.WRAPPED)] for row in map(_row, failed)),
        ],
        widths=[width for _, width in COLUMNS],
    )
    skipped_sheet = Sheet(
        "无法校验",
        rows=[
            ["规则 Rule", "规则名称 Title", "比较项 Key", "说明 Message"],
            *(
                [result.rule_id, rule_title(result.rule_id), result.comparison_key, result.message]
                for result in not_evaluated
            ),
        ],
    )
    write_workbook(path, [failed_sheet, skipped_sheet])


def _write_html(
    path: Path,
    title: str,
    failed: list[RuleResult],
    not_evaluated: list[RuleResult],
    passed_count: int,
) -> None:
    head = "".join(f"<th>{escape(name)}</th>" for name, _ in COLUMNS)
    body = []
    for result in failed:
        cells = _row(result)
        tds = []
        for index, value in enumerate(cells):
            css = ' class="num"' if 5 <= index <= 8 else ""
            if index == 2:
                css = f' class="{result.severity}"'
            tds.append(f"<td{css}>{escape(value)}</td>")
        body.append("<tr>" + "".join(tds) + "</tr>")
    skipped = "".join(
        f"<li>{escape(r.rule_id)} {escape(r.comparison_key)}：{escape(r.message)}</li>"
        for r in not_evaluated
    )
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>
<style>{HTML_STYLE}</style></head><body>
<h1>{escape(title)}</h1>
<p>未通过 {len(failed)} 项（failed），通过 {passed_count} 项（passed），无法校验
{len(not_evaluated)} 项（not evaluated）。</p>
<table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>
<h2>无法校验的规则 Rules not evaluated</h2><ul>{skipped}</ul>
</body></html>
"""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")


def write_department_reports(
    warehouse_path: Path,
    out_dir: Path,
    department_code: str | None = None,
    fiscal_year: int | None = None,
    department_years: set[tuple[str, int]] | None = None,
) -> list[Path]:
    """Write `<out_dir>/<year>/<department>.xlsx` and `.html` for each department-year with
    rule results (latest recorded results, else a fresh evaluation); return the paths.
    `department_years` limits them to those (code, year) pairs."""
    findings = load_findings(Path(warehouse_path), department_code, fiscal_year, department_years)
    by_department_year: dict[tuple[int, str], list[RuleResult]] = {
        (year, code): [] for code, year in findings.status_counts
    }
    for result in findings.results:
        by_department_year[(result.fiscal_year, result.department_code)].append(result)
    names = department_names(Path(warehouse_path))
    written: list[Path] = []
    for (year, code), group in sorted(by_department_year.items()):
        order = {"error": 0, "warning": 1}
        failed = sorted(
            (r for r in group if r.status == "failed"),
            key=lambda r: (order.get(r.severity, 2), r.rule_id, r.comparison_key),
        )
        not_evaluated = [r for r in group if r.status == "not_evaluated"]
        passed = findings.status_counts[(code, year)]["passed"]
        title = (
            f"{year} 年部门预算公开 规则校验结果 {names.get(code, '部门')}（{code}）"
            f"（{STATUS_ZH['failed']} {len(failed)} 项）"
        )
        base = Path(out_dir) / str(year) / code
        _write_xlsx(base.with_suffix(".xlsx"), title, failed, not_evaluated)
        _write_html(base.with_suffix(".html"), title, failed, not_evaluated, passed)
        written += [base.with_suffix(".xlsx"), base.with_suffix(".html")]
    return written
