"""The summary `budget-warehouse load` prints, read back from the published warehouse.

Reading the published file (not the loader's own bookkeeping) means the summary shows
what analysts will actually see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

FACT_TABLES = (
    "fct_expenditure_by_function",
    "fct_expenditure_by_econ",
    "fct_basic_expenditure_by_function",
    "fct_basic_expenditure_by_econ",
    "fct_expenditure_total_by_function",
    "fct_income",
    "fct_three_public",
    "fct_project",
    "fct_procurement",
    "fct_performance_indicator",
)


@dataclass
class LoadSummary:
    department_years: list[tuple[str, str, int]] = field(default_factory=list)
    quarantined: list[tuple[str, str]] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)
    fact_rows: dict[str, int] = field(default_factory=dict)
    rules: list[tuple[str, str, int, int, int]] = field(default_factory=list)

    def render(self) -> str:
        lines = [f"Department-years loaded: {len(self.department_years)}"]
        if len(self.department_years) <= 20:
            lines += [f"  {code} {name} {year}" for code, name, year in self.department_years]
        else:
            per_year: dict[int, int] = {}
            for _, _, year in self.department_years:
                per_year[year] = per_year.get(year, 0) + 1
            lines += [f"  {year}: {count} departments" for year, count in sorted(per_year.items())]
        lines.append(f"Files quarantined: {len(self.quarantined)}")
        lines += [f"  {path}: {message}" for path, message in self.quarantined]
        if self.superseded:
            lines.append(f"Files superseded (kept on record): {len(self.superseded)}")
        lines.append("Rows per fact table:")
        lines += [f"  marts.{table}: {rows}" for table, rows in self.fact_rows.items()]
        passed = sum(r[2] for r in self.rules)
        failed = sum(r[3] for r in self.rules)
        not_evaluated = sum(r[4] for r in self.rules)
        lines.append(
            f"Rule results: {passed} passed, {failed} failed, {not_evaluated} not evaluated"
        )
        lines += [
            f"  {rule_id:<4} {severity:<7} passed {p:>5}  failed {f:>5}  not evaluated {n:>5}"
            for rule_id, severity, p, f, n in self.rules
        ]
        return "\n".join(lines)


def _tables(conn: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    return set(
        conn.execute("select table_schema, table_name from information_schema.tables").fetchall()
    )


def read_summary(warehouse_path: Path) -> LoadSummary:
    summary = LoadSummary()
    with duckdb.connect(str(warehouse_path), read_only=True) as conn:
        tables = _tables(conn)
        summary.department_years = conn.execute(
            "select f.department_code, coalesce(d.department_name, f.department_name),"
            " f.fiscal_year from raw.disclosure_files f left join raw.departments d"
            " using (department_code) where f.status = 'loaded' order by 1, 3"
        ).fetchall()
        summary.quarantined = conn.execute(
            "select file_path, message from raw.disclosure_files where status = 'quarantined'"
            " order by file_path"
        ).fetchall()
        summary.superseded = [
            r[0]
            for r in conn.execute(
                "select file_path from raw.disclosure_files where status = 'superseded'"
                " order by file_path"
            ).fetchall()
        ]
        for table in FACT_TABLES:
            if ("marts", table) in tables:
                summary.fact_rows[table] = conn.execute(
                    f"select count(*) from marts.{table}"
                ).fetchall()[0][0]
        if ("quality", "check_results_latest") in tables:
            summary.rules = conn.execute(
                "select rule_id, max(severity),"
                " count(*) filter (where status = 'passed'),"
                " count(*) filter (where status = 'failed'),"
                " count(*) filter (where status = 'not_evaluated')"
                " from quality.check_results_latest group by rule_id order by rule_id"
            ).fetchall()
    return summary
