"""GX Data Docs for a rule run: each family's suite and its validation of the warehouse's
comparison rows, as a static site in out_dir.

The validations shown are the rule run's own when this process evaluated the same
comparisons (a load: `evaluate_rules` stores every family's validation result in the GX
context under a run name that digests the rows it read). Only otherwise, e.g.
`budget-warehouse report` in a fresh process, are the suites run here. Either way the
site is built in one pass over the results, not one Checkpoint per family: each build
renders the index again and compiles GX's page templates afresh.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from expectations.catalogue import load_catalogue
from expectations.runner import (
    COMPARISONS_RELATION,
    FAMILY_MODULES,
    ComparisonScope,
    RuleEvaluationError,
    _gx_context,
    _read_comparisons,
    _run_identifier,
    _validate_families,
    comparisons_fingerprint,
    family_rule_ids,
    stored_validations,
    validation_run_name,
)


def _site_name(out_dir: Path) -> str:
    """Register a filesystem Data Docs site for out_dir in the context (once a process)."""
    context = _gx_context()
    site_name = f"rules_{abs(hash(str(out_dir)))}"
    if site_name not in context.get_site_names():
        context.add_data_docs_site(
            site_name=site_name,
            site_config={
                "class_name": "SiteBuilder",
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": str(out_dir),
                },
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
    return site_name


def _validated_suites(conn: duckdb.DuckDBPyConnection, scope: ComparisonScope) -> set[str]:
    """The suites a validation of the scope runs: families with evaluable comparisons."""
    from_clause, params = scope.from_clause()
    rule_ids = {
        row[0]
        for row in conn.execute(
            f"select distinct rule_id {from_clause} and evaluable", params
        ).fetchall()
    }
    return {
        f"rules_{family}" for family in FAMILY_MODULES if rule_ids & set(family_rule_ids(family))
    }


def _validation_keys(conn: duckdb.DuckDBPyConnection, scope: ComparisonScope) -> list[Any]:
    """Identifiers of one validation result per suite for the comparisons in scope: the
    stored ones of the rule run if it saw these very rows, else fresh ones."""
    run_name = validation_run_name(comparisons_fingerprint(conn, scope))
    suites = _validated_suites(conn, scope)
    stored = [
        key
        for key in stored_validations(run_name)
        if key.expectation_suite_identifier.name in suites
    ]
    if {key.expectation_suite_identifier.name for key in stored} == suites:
        return stored
    _validate_families(_read_comparisons(conn, scope), _run_identifier(run_name))
    return stored_validations(run_name)


def write_data_docs(
    warehouse_path: Path,
    out_dir: Path,
    department_code: str | None = None,
    fiscal_year: int | None = None,
    department_years: set[tuple[str, int]] | None = None,
) -> Path:
    """Build the Data Docs site under out_dir; return its index.html.

    `department_years` limits the validations shown to those (code, year) pairs: a load
    documents what it loaded, not the whole warehouse again. Pages of earlier runs in
    out_dir stay listed in the index."""
    out_dir = Path(out_dir).resolve()
    site_name = _site_name(out_dir)
    scope = ComparisonScope(
        rule_ids=tuple(rule.rule_id for rule in load_catalogue() if rule.is_active),
        fiscal_year=fiscal_year,
        department_code=department_code,
        department_years=None if department_years is None else frozenset(department_years),
    )
    conn = duckdb.connect(str(warehouse_path), read_only=True)
    try:
        keys = _validation_keys(conn, scope)
    except duckdb.CatalogException as error:
        raise RuleEvaluationError(f"{COMPARISONS_RELATION} missing: {error}") from error
    finally:
        conn.close()
    if keys:
        _gx_context().build_data_docs(
            site_names=[site_name],
            resource_identifiers=[
                identifier for key in keys for identifier in (key, key.expectation_suite_identifier)
            ],
        )
    index = out_dir / "index.html"
    if not index.exists():
        raise RuleEvaluationError(f"GX Data Docs were not written to {out_dir}")
    return index
