"""GX Data Docs for a rule run: each family's suite validated on the warehouse's comparison
rows through a Checkpoint whose UpdateDataDocsAction writes a static site to out_dir."""

from __future__ import annotations

from pathlib import Path

import duckdb

from expectations.catalogue import load_catalogue
from expectations.runner import (
    COMPARISONS_RELATION,
    FAMILY_MODULES,
    RESULT_FORMAT,
    RuleEvaluationError,
    _gx_context,
    _read_comparisons,
    _validation_definition,
    family_rule_ids,
)


def write_data_docs(warehouse_path: Path, out_dir: Path, department_code: str | None = None,
                    fiscal_year: int | None = None,
                    department_years: set[tuple[str, int]] | None = None) -> Path:
    """Build the Data Docs site under out_dir; return its index.html.

    `department_years` limits the validations shown to those (code, year) pairs: a load
    documents what it loaded, not the whole warehouse again."""
    import great_expectations as gx

    out_dir = Path(out_dir).resolve()
    context = _gx_context()
    site_name = f"rules_{abs(hash(str(out_dir)))}"
    if site_name not in context.get_site_names():
        context.add_data_docs_site(
            site_name=site_name,
            site_config={
                "class_name": "SiteBuilder",
                "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                                  "base_directory": str(out_dir)},
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
    active = [rule.rule_id for rule in load_catalogue() if rule.is_active]
    conn = duckdb.connect(str(warehouse_path), read_only=True)
    try:
        frame = _read_comparisons(conn, active, fiscal_year, department_code)
    except duckdb.CatalogException as error:
        raise RuleEvaluationError(f"{COMPARISONS_RELATION} missing: {error}") from error
    finally:
        conn.close()
    evaluable = frame[frame["evaluable"].astype(bool)]
    if department_years is not None:
        keys = list(zip(evaluable["department_code"], evaluable["fiscal_year"], strict=True))
        evaluable = evaluable[[(c, int(y)) in department_years for c, y in keys]]
    for family in FAMILY_MODULES:
        rows = evaluable[evaluable["rule_id"].isin(family_rule_ids(family))]
        if rows.empty:
            continue
        name = f"{site_name}_{family}"
        try:
            checkpoint = context.checkpoints.get(name)
        except Exception:  # not registered yet in this process
            checkpoint = context.checkpoints.add(gx.Checkpoint(
                name=name,
                validation_definitions=[_validation_definition(family)],
                actions=[gx.checkpoint.UpdateDataDocsAction(name="docs",
                                                            site_names=[site_name])],
                result_format=RESULT_FORMAT,
            ))
        checkpoint.run(batch_parameters={"dataframe": rows.reset_index(drop=True)})
    index = out_dir / "index.html"
    if not index.exists():
        raise RuleEvaluationError(f"GX Data Docs were not written to {out_dir}")
    return index
