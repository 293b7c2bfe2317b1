"""`budget-warehouse`: the operator's command line.

`load` materialises the same Dagster job the UI shows (`load_disclosures`), in-process.
It exits non-zero only when the load itself broke; a department whose figures fail a
rule is a finding, reported in the summary and in quality.check_results.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import sys
import warnings
from pathlib import Path

from dagster_project.lib.settings import Settings


@contextlib.contextmanager
def _imports_without_gc():
    """Import Dagster, dagster-dbt and the definitions with the cyclic garbage collector
    off, then freeze what they allocated. Those imports create hundreds of thousands of
    objects that live as long as the process; with the collector on, each new batch sets
    off a collection that walks all the earlier ones (0.4 s of a 1.9 s import here, on the
    path from a changed workbook to its report). Frozen objects are left out of every
    later collection, which also makes the run's own collections cheaper. Only for this
    short-lived command: a long-running Dagster process does not go through here."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _run_load_job(
    settings: Settings,
    years: list[int] | None = None,
    department: str | None = None,
    full_refresh: bool = False,
) -> bool:
    """Materialise the load job in-process over the chosen department-years.

    All department-years (or one year's) form a contiguous partition range and run as a
    single run; one department across several years is one run per year."""
    from dagster_project.lib.dbt_cli import ensure_dbt_manifest

    ensure_dbt_manifest()
    with _imports_without_gc():
        import dagster as dg

        from dagster_project.definitions import defs
        from dagster_project.defs.dbt_models import FULL_REFRESH_TAG
        from dagster_project.defs.jobs import LOAD_JOB_NAME
        from dagster_project.defs.partitions import (
            department_year_of,
            range_tags,
            sync_partitions,
        )
        from dagster_project.defs.publishing import PUBLISHED_KEY

    job = defs.resolve_job_def(LOAD_JOB_NAME)
    run_config = {
        # The operator reads the summary; Dagster's step-by-step DEBUG events stay in the
        # run's event log (the UI shows them when DAGSTER_HOME is set).
        "loggers": {"console": {"config": {"log_level": "ERROR"}}, "progress": {}},
        "resources": {
            "warehouse": {
                "config": {
                    "raw_dir": str(settings.raw_dir),
                    "warehouse_path": str(settings.warehouse_path),
                }
            }
        },
    }

    def run(instance: dg.DagsterInstance) -> bool:
        keys = sync_partitions(instance, settings)
        wanted = [
            k
            for k in keys
            if (years is None or department_year_of(k)[1] in years)
            and (department is None or department_year_of(k)[0] == department)
        ]
        if not wanted:
            print("nothing to load: no department-year matches", file=sys.stderr)
            return False
        if department is not None:
            batches = [[k] for k in wanted]
        elif (
            years is None
            and not full_refresh
            and (changed := _changed_partitions(settings))
            and set(changed) <= set(keys)  # a removed department-year may have no partition
        ):
            batches = [[k] for k in changed]
        else:
            batches = [wanted]
        for batch in batches:
            result = job.execute_in_process(
                run_config=run_config,
                instance=instance,
                tags={
                    **range_tags(batch[0], batch[-1]),
                    **({FULL_REFRESH_TAG: "true"} if full_refresh else {}),
                },
                raise_on_error=False,
            )
            if not result.success:
                _print_failure(result)
                return False
            if not any(
                event.asset_key == PUBLISHED_KEY
                for event in result.get_asset_materialization_events()
            ):
                # A step skipped (not failed) upstream would leave the old warehouse in
                # place while the run reports success: never print that as a load.
                print("the run finished without publishing the warehouse", file=sys.stderr)
                return False
        return True

    if os.environ.get("DAGSTER_HOME"):
        return run(dg.DagsterInstance.get())
    with dg.DagsterInstance.ephemeral() as instance:
        return run(instance)


def _changed_partitions(settings: Settings) -> list[str] | None:
    """The partitions to run when only a few department-years changed since the published
    warehouse was built — by the same code — each as its own run, as the sensor requests
    them. None means one run over every department-year: nothing changed (the run records
    an idempotent load), many changed, the code or registry changed, or a file cannot be
    placed."""
    import duckdb

    from dagster_project.defs.automation import BULK_THRESHOLD
    from dagster_project.defs.partitions import partition_key
    from dagster_project.lib.build_state import code_fingerprint, last_fingerprint
    from dagster_project.lib.loading import department_years_changed_since
    from dagster_project.lib.registry import RegistryError, read_registry

    if not settings.warehouse_path.exists():
        return None
    try:
        registry = read_registry(settings.registry_path)
    except RegistryError:
        return None  # the run itself reports the registry's error
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as conn:
        if last_fingerprint(conn) != code_fingerprint():
            return None
        changed = department_years_changed_since(conn, settings.raw_dir, registry)
    if not changed or len(changed) > BULK_THRESHOLD:
        return None
    return [partition_key(year, code) for code, year in sorted(changed)]


def _print_failure(result) -> None:
    for event in result.all_events:
        if event.is_failure and event.event_specific_data is not None:
            error = getattr(event.event_specific_data, "error", None)
            if error is not None:
                print(error.to_string(), file=sys.stderr)


def cmd_load(args: argparse.Namespace) -> int:
    from dagster_project.lib.summary import read_summary

    settings = Settings.from_env(args.raw_dir, args.warehouse)
    if not settings.raw_dir.is_dir():
        print(f"raw folder not found: {settings.raw_dir}", file=sys.stderr)
        return 2
    years = _parse_years(args.year) if args.year else None
    published_before = _mtime(settings.warehouse_path)
    # dbt's own output (one line per model and test) goes to a log file, not the screen.
    log_path = settings.work_dir / "last_load.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w", encoding="utf-8") as log, contextlib.redirect_stdout(log):
        ok = _run_load_job(settings, years, args.department, args.full_refresh)
    print(f"Full log of this load: {log_path}")
    if not ok:
        state = (
            "the published warehouse was left as it was"
            if _mtime(settings.warehouse_path) == published_before
            else "the warehouse was published before the failure; see the error above"
        )
        print(f"LOAD FAILED: {state} ({settings.warehouse_path})", file=sys.stderr)
        return 1
    print(f"Published {settings.warehouse_path}")
    print(read_summary(settings.warehouse_path).render())
    return 0


def _mtime(path: Path) -> int | None:
    return path.stat().st_mtime_ns if path.exists() else None


def _parse_years(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def cmd_make_seed_workbook(args: argparse.Namespace) -> int:
    from dagster_project.lib.workbooks.seed import write_seed_registry, write_seed_workbook

    raw_dir = Path(args.raw_dir)
    path = write_seed_workbook(raw_dir)
    write_seed_registry(raw_dir)
    print(f"wrote {path} and {raw_dir / 'departments.csv'}")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    from dagster_project.lib.workbooks.generator import generate_corpus

    years = _parse_years(args.years)
    manifest = generate_corpus(
        Path(args.out),
        departments=args.departments,
        years=years,
        seed=args.seed,
        faults=args.faults,
    )
    files = manifest["files"]
    quarantined = sum(1 for f in files if f["expected_status"] == "quarantined")
    print(
        f"wrote {len(files)} workbooks ({quarantined} deliberately unreadable) and "
        f"manifest.json to {args.out}"
    )
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    import csv

    import duckdb

    settings = Settings.from_env(warehouse_path=args.warehouse)
    if not settings.warehouse_path.exists():
        print(f"no published warehouse at {settings.warehouse_path}", file=sys.stderr)
        return 2
    # read_only: an analyst's query never blocks a load (loads publish by rename).
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as conn:
        try:
            relation = conn.sql(args.sql)
        except duckdb.Error as exc:
            print(f"query failed: {exc}", file=sys.stderr)
            return 1
        if relation is None:
            return 0
        if args.csv:
            writer = csv.writer(sys.stdout)
            writer.writerow(relation.columns)
            writer.writerows(relation.fetchall())
        else:
            relation.show(max_rows=args.max_rows, max_width=10_000)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from dagster_project.lib.reports import write_reports

    settings = Settings.from_env(warehouse_path=args.warehouse)
    if not settings.warehouse_path.exists():
        print(f"no published warehouse at {settings.warehouse_path}", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else settings.reports_dir
    paths = write_reports(settings.warehouse_path, out, args.department, args.year)
    print(f"wrote {len(paths)} report files to {out}")
    return 0


def cmd_publish_postgres(args: argparse.Namespace) -> int:
    from dagster_project.lib.postgres import PostgresPublishError, publish_to_postgres
    from dagster_project.lib.settings import PostgresSettings

    settings = Settings.from_env(warehouse_path=args.warehouse)
    pg_settings = PostgresSettings.from_env()
    if pg_settings is None:
        print("BW_PG_HOST is not set: no PostgreSQL server to publish to", file=sys.stderr)
        return 2
    if not settings.warehouse_path.exists():
        print(f"no published warehouse at {settings.warehouse_path}", file=sys.stderr)
        return 2
    try:
        publication = publish_to_postgres(settings.warehouse_path, pg_settings)
    except PostgresPublishError as exc:
        print(f"PUBLISH TO POSTGRESQL FAILED: {exc}", file=sys.stderr)
        return 1
    rows = sum(publication.rows.values())
    print(
        f"Published {settings.warehouse_path} to {pg_settings!r}: {rows} rows copied in "
        f"{publication.copy_seconds:.1f} s, dbt seed + build {publication.dbt_seconds:.1f} s"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="budget-warehouse", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    load = sub.add_parser("load", help="load RAW_DIR into the warehouse and print a summary")
    load.add_argument(
        "raw_dir", nargs="?", default=None, help="raw folder (default $BW_RAW_DIR or raw/)"
    )
    load.add_argument(
        "--warehouse",
        default=None,
        help="published DuckDB file (default $BW_WAREHOUSE or warehouse/budget.duckdb)",
    )
    load.add_argument("--year", default=None, help="only this fiscal year (or range 2019-2021)")
    load.add_argument("--department", default=None, help="only this department code")
    load.add_argument(
        "--full-refresh",
        action="store_true",
        help="rebuild every dbt model and re-check every department-year, not only what "
        "changed (the load does this by itself when the dbt project or rules changed)",
    )
    load.set_defaults(func=cmd_load)

    query = sub.add_parser("query", help="run read-only SQL against the published warehouse")
    query.add_argument("sql")
    query.add_argument(
        "--warehouse", default=None, help="default $BW_WAREHOUSE or warehouse/budget.duckdb"
    )
    query.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    query.add_argument("--max-rows", type=int, default=100)
    query.set_defaults(func=cmd_query)

    report = sub.add_parser(
        "report", help="write department reports, the bureau summary and GX Data Docs"
    )
    report.add_argument("--department", default=None, help="one department code")
    report.add_argument("--year", type=int, default=None, help="one fiscal year")
    report.add_argument("--out", default=None, help="default: reports/ beside the warehouse")
    report.add_argument("--warehouse", default=None)
    report.set_defaults(func=cmd_report)

    pg = sub.add_parser(
        "publish-postgres",
        help="copy the published warehouse to PostgreSQL (BW_PG_*) and build the dbt models there",
    )
    pg.add_argument("--warehouse", default=None)
    pg.set_defaults(func=cmd_publish_postgres)

    gen = sub.add_parser("generate", help="write a synthetic corpus in the Shaanxi template")
    gen.add_argument("--departments", type=int, required=True)
    gen.add_argument("--years", default="2019-2023", help="e.g. 2019-2023 or 2021")
    gen.add_argument("--out", required=True)
    gen.add_argument("--seed", type=int, default=0)
    gen.add_argument("--faults", action="store_true", help="inject rule faults and bad files")
    gen.set_defaults(func=cmd_generate)

    seed = sub.add_parser(
        "make-seed-workbook", help="regenerate the seed disclosure workbook and registry"
    )
    seed.add_argument("raw_dir", nargs="?", default="raw")
    seed.set_defaults(func=cmd_make_seed_workbook)
    return parser


def main(argv: list[str] | None = None) -> int:
    # Dagster flags partitioned asset checks and single-run backfills as preview/beta at
    # every import; an operator can do nothing about that, so the CLI does not show it.
    warnings.filterwarnings("ignore", module=r"dagster(\.|_).*")
    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)  # libraries set INFO on their own loggers
    logging.basicConfig(handlers=[handler], format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
