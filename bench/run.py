"""`make bench`: what one machine does, measured on generated corpora in one run.

    python bench/run.py [--out bench/results.md] [--smoke]

Sections (each a `## ` heading in the output, which is Markdown and also written to
--out):
- Machine: cores, memory, CPU, Python, package versions.
- Parse throughput: workbooks/s in one process and on all cores (multiprocessing), for
  our parser, pandas.read_excel(sheet_name=None, engine="openpyxl") and calamine's bare
  cell read, on the same freshly generated files (the readers of bench/parse_bench.py).
- End-to-end load: `budget-warehouse load` of 10, 100 and 500 department-years as a child
  process: wall time and peak RSS.
- Incremental: one workbook of the largest corpus rewritten with one figure changed, then
  `load` again: seconds from the saved change to its department's report on disk.
- Rule evaluation: GX evaluation of the catalogue on each of those warehouses.
- Bounded memory: peak RSS of a process parsing workbooks one at a time (parse +
  raw_records, what the loader does per file, nothing kept), 500 vs 20,000.
- Bar: the issue's thresholds against the figures above.

--smoke runs every section on tiny corpora (for tests/bench); its figures mean nothing.
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(ROOT))

import parse_bench  # noqa: E402  (the readers and the corpus helper, shared)

PARSE_READERS = ("parser", "pandas", "calamine")
YEARS = (2019, 2023)
PACKAGES = (
    "dagster",
    "dagster-dbt",
    "dbt-core",
    "dbt-duckdb",
    "dbt-postgres",
    "duckdb",
    "great-expectations",
    "pandas",
    "openpyxl",
    "xlrd",
    "python-calamine",
)

# Bars from the issue.
PANDAS_BAR = 10.0
LOAD_BAR_SECONDS, LOAD_BAR_SIZE = 60.0, 500
INCREMENTAL_BAR_SECONDS = 10.0
MEMORY_BAR = 1.5


@dataclass(frozen=True)
class Plan:
    parse_departments: int  # x 5 years per corpus; one fresh corpus per pass
    parse_passes: int
    load_sizes: tuple[int, ...]  # department-years; 5 years each, except in smoke
    load_years: tuple[int, int]
    memory_counts: tuple[int, int]  # parses: the small and the large run


FULL = Plan(20, 3, (10, 100, 500), YEARS, (500, 20_000))
SMOKE = Plan(1, 1, (4,), (2019, 2020), (4, 12))


# ---------------------------------------------------------------- machine


def machine() -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kib / 2**20:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    return [
        "## Machine",
        "",
        f"- cores (nproc): {os.cpu_count()}",
        f"- memory: {memory}",
        f"- CPU: {cpu}",
        f"- Python {platform.python_version()} on {platform.platform()}",
        f"- {', '.join(versions)}",
        f"- parser build: {_parser_build()}",
        f"- run at {time.strftime('%Y-%m-%d %H:%M:%S %Z')}; load average at start "
        f"{', '.join(f'{x:.2f}' for x in os.getloadavg())} (a shared machine: other work "
        "running beside the bench shows in wall times, not in CPU times)",
        "",
    ]


def _parser_build() -> str:
    """Compiled or Python source (dagster_project/lib/parsing/_compiled.py): the parse
    figures depend on it."""
    from dagster_project.lib.parsing import _compiled

    return _compiled.status()


# ---------------------------------------------------------------- parse throughput


def _read(item: tuple[str, str]) -> None:
    name, path = item
    parse_bench.READERS[name](Path(path))


def _warm(files: list[Path]) -> None:
    for name in PARSE_READERS:
        for f in files:
            parse_bench.READERS[name](f)


def _corpus(root: Path, departments: int, years: tuple[int, int], seed: int) -> list[Path]:
    """A generated corpus's readable workbooks (from its manifest, not by parsing them)."""
    args = argparse.Namespace(departments=departments, years=f"{years[0]}-{years[1]}")
    return parse_bench.generated(root, args, seed)


def parse_throughput(plan: Plan, work: Path) -> tuple[list[str], dict]:
    """Workbooks/s per reader. Every timed pass reads a freshly generated corpus no reader
    has seen (nothing memoised can flatter a figure); readers take turns within a pass, each
    after a full garbage collection (untimed)."""
    warmup = _corpus(work / "parse_warmup", 1, (2019, 2020), seed=900)
    _warm(warmup)
    single: dict[tuple[str, str], list[float]] = {}
    for p in range(plan.parse_passes):
        files = _corpus(work / f"parse_pass{p}", plan.parse_departments, YEARS, seed=901 + p)
        for label, subset in {**parse_bench.split(files), "all": files}.items():
            if not subset:
                continue
            for name in PARSE_READERS:
                # untimed, as in parse_bench.time_pass: the garbage another reader left
                # (pandas leaves thousands of objects) is not collected on this one's clock
                gc.collect()
                started = time.perf_counter()
                for f in subset:
                    parse_bench.READERS[name](f)
                single.setdefault((label, name), []).append(
                    len(subset) / (time.perf_counter() - started)
                )
    pool_files = _corpus(work / "parse_pool", plan.parse_departments, YEARS, seed=950)
    cores = os.cpu_count() or 1
    pooled: dict[str, float] = {}
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(cores) as pool:
        # untimed: every worker up, imports done, every reader warmed
        pool.map(_read, [(n, str(f)) for n in PARSE_READERS for f in warmup * cores], chunksize=1)
        for name in PARSE_READERS:
            items = [(name, str(f)) for f in pool_files]
            started = time.perf_counter()
            pool.map(_read, items, chunksize=max(1, len(items) // (cores * 8)))
            pooled[name] = len(items) / (time.perf_counter() - started)
    n = len(pool_files)
    lines = [
        "## Parse throughput",
        "",
        f"Workbooks/s (wall clock). One process: median of {plan.parse_passes} pass(es), each "
        f"over a fresh generated corpus of ~{n} workbooks ({plan.parse_departments} departments "
        f"x {YEARS[0]}-{YEARS[1]}, half .xls, half .xlsx), after an untimed warm-up; readers take "
        "turns, each after an untimed full garbage collection (as bench/parse_bench.py). "
        "All cores: "
        f"multiprocessing.Pool({cores}) over another fresh corpus of {n} workbooks, workers "
        "warmed up first. pandas reads .xlsx with openpyxl and .xls with xlrd (openpyxl cannot "
        "read .xls): the openpyxl comparison proper is the xlsx row.",
        "",
        "| files | parser | pandas | calamine bare | pandas time / parser time |",
        "|---|---:|---:|---:|---:|",
    ]
    figures: dict = {"single": {}, "pooled": pooled, "cores": cores}
    for label in ("xlsx", "xls", "all"):
        if (label, "parser") not in single:
            continue
        wps = {name: statistics.median(single[(label, name)]) for name in PARSE_READERS}
        figures["single"][label] = wps
        lines.append(
            f"| {label}, 1 process | {wps['parser']:.1f} | {wps['pandas']:.1f} | "
            f"{wps['calamine']:.1f} | {wps['parser'] / wps['pandas']:.1f}x |"
        )
    lines.append(
        f"| all, {cores} processes | {pooled['parser']:.1f} | {pooled['pandas']:.1f} | "
        f"{pooled['calamine']:.1f} | {pooled['parser'] / pooled['pandas']:.1f}x |"
    )
    lines.append("")
    return lines, figures


# ---------------------------------------------------------------- child processes

_MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
with open(sys.argv[1], "a") as log:
    code = subprocess.run(sys.argv[2:], stdout=log, stderr=subprocess.STDOUT).returncode
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": code, "seconds": seconds, "peak_mib": usage.ru_maxrss / 1024,
                  "cpu_seconds": usage.ru_utime + usage.ru_stime}))
"""


def measure(command: list[str], log: Path) -> dict:
    """Wall time and peak RSS (the largest process of the command's tree: the loader, or
    the dbt it runs) of a command run in a fresh child, so no figure carries another's."""
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(log), *command],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["code"] != 0:
        raise SystemExit(f"{' '.join(command)} failed (exit {result['code']}); see {log}")
    return result


def budget_warehouse() -> str:
    return str(Path(sys.executable).with_name("budget-warehouse"))


# ---------------------------------------------------------------- loads


def generate(raw: Path, department_years: int, years: tuple[int, int], seed: int) -> dict:
    from dagster_project.lib.workbooks.generator import generate_corpus

    span = list(range(years[0], years[1] + 1))
    departments = max(1, department_years // len(span))
    return generate_corpus(raw, departments=departments, years=span, seed=seed)


def loads(plan: Plan, work: Path) -> tuple[list[str], dict]:
    lines = [
        "## End-to-end load",
        "",
        "`budget-warehouse load RAW --warehouse WH` on a fresh generated corpus (no faults), "
        "first load into an empty warehouse: discover, parse, dbt build, rule evaluation, "
        "publish, reports; the whole Dagster job in one child process. Peak RSS is that of "
        "the largest process of the load (the loader itself, or the dbt it starts).",
        "",
        "| department-years | workbooks | generate s | load s (wall) | load CPU s | "
        "workbooks/s | peak RSS MiB |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    figures: dict = {"sizes": {}}
    for size in plan.load_sizes:
        raw = work / f"load{size}" / "raw"
        started = time.perf_counter()
        manifest = generate(raw, size, plan.load_years, seed=size)
        generated_s = time.perf_counter() - started
        warehouse = work / f"load{size}" / "warehouse" / "budget.duckdb"
        result = measure(
            [budget_warehouse(), "load", str(raw), "--warehouse", str(warehouse)],
            work / f"load{size}.log",
        )
        files = len(manifest["files"])
        figures["sizes"][size] = {
            "raw": raw,
            "warehouse": warehouse,
            "manifest": manifest,
            "seconds": result["seconds"],
            "peak_mib": result["peak_mib"],
        }
        lines.append(
            f"| {size} | {files} | {generated_s:.1f} | {result['seconds']:.1f} | "
            f"{result['cpu_seconds']:.1f} | {files / result['seconds']:.1f} | "
            f"{result['peak_mib']:.0f} |"
        )
    lines.append("")
    return lines, figures


def change_one_figure(path: Path) -> str:
    """Add 100 to the first positive number after the cover sheet of an .xlsx workbook."""
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    for sheet in workbook.worksheets[1:]:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                    if cell.value > 0:
                        old = cell.value
                        cell.value = old + 100
                        workbook.save(path)
                        return f"{sheet.title}!{cell.coordinate} {old} -> {cell.value}"
    raise SystemExit(f"no figure to change in {path}")


def _one_change(run: dict, size: int, work: Path) -> dict:
    """Change one figure of one .xlsx workbook of a loaded corpus, load again, and time the
    saved change to the department report's rewrite."""
    import duckdb

    entry = next(f for f in run["manifest"]["files"] if f["path"].endswith(".xlsx"))
    report = (
        run["warehouse"].parent
        / "reports"
        / "departments"
        / str(entry["fiscal_year"])
        / f"{entry['department_code']}.html"
    )
    before = report.stat().st_mtime if report.exists() else 0.0
    change = change_one_figure(run["raw"] / entry["path"])
    changed_at = time.time()
    log = work / f"incremental{size}.log"
    result = measure(
        [budget_warehouse(), "load", str(run["raw"]), "--warehouse", str(run["warehouse"])], log
    )
    if not report.exists() or report.stat().st_mtime <= before:
        raise SystemExit(f"the incremental load did not rewrite {report}")
    with duckdb.connect(str(run["warehouse"]), read_only=True) as conn:
        mode, redone = conn.execute(
            "select mode, department_years from raw.build_state order by built_at desc limit 1"
        ).fetchall()[0]
    stages = [
        line.strip()
        for line in log.read_text(encoding="utf-8").splitlines()
        if line.startswith("✓")
    ]
    return {
        "size": size,
        "path": entry["path"],
        "change": change,
        "to_report": report.stat().st_mtime - changed_at,
        "load_seconds": result["seconds"],
        "cpu_seconds": result["cpu_seconds"],
        "peak_mib": result["peak_mib"],
        "mode": mode,
        "redone": redone,
        "stages": stages,
    }


def incremental(load_figures: dict, work: Path) -> tuple[list[str], dict]:
    """The change → report time in the two largest loaded corpora (100 and 500
    department-years in a full run): the fixed cost of a run and what grows with the
    warehouse show apart."""
    sizes = sorted(load_figures["sizes"])[-2:]
    runs = [_one_change(load_figures["sizes"][size], size, work) for size in sizes]
    lines = [
        "## Incremental: one changed workbook to its published report",
        "",
        "In a loaded corpus, one figure of one .xlsx workbook rewritten, then "
        "`budget-warehouse load` again. The load runs the changed department-year's "
        "partition alone (as the sensor would) and parses only that file; the dbt build "
        "redoes that department-year and the next year (the plan column), the rules "
        "re-check them and their reports are rewritten. The clock starts when the file is "
        "saved and stops when the department's report is written.",
        "",
        "| department-years | saved change → report s | whole load s | load CPU s | "
        "peak RSS MiB | dbt plan |",
        "|---:|---:|---:|---:|---:|---|",
    ]
    for run in runs:
        lines.append(
            f"| {run['size']} | {run['to_report']:.1f} | {run['load_seconds']:.1f} | "
            f"{run['cpu_seconds']:.1f} | {run['peak_mib']:.0f} | {run['mode']}, "
            f"{run['redone']} department-years |"
        )
    lines.append("")
    for run in runs:
        lines.append(
            f"- {run['size']}: `{run['path']}` ({run['change']}); stages as the load printed "
            "them: " + "; ".join(run["stages"]) + "."
        )
    lines.append("")
    return lines, {"runs": runs}


# ---------------------------------------------------------------- rule evaluation

_RULES = """
import json, sys, time
from expectations.runner import evaluate_rules
paths = sys.argv[1:]
evaluate_rules(paths[0])  # warm-up: imports (GX ~2 s), suites
out = []
for path in paths:
    started = time.perf_counter()
    results = evaluate_rules(path)
    out.append({"seconds": time.perf_counter() - started, "results": len(results)})
print(json.dumps(out))
"""


def rule_evaluation(load_figures: dict) -> tuple[list[str], dict]:
    sizes = sorted(load_figures["sizes"])
    paths = [str(load_figures["sizes"][s]["warehouse"]) for s in sizes]
    out = subprocess.run(
        [sys.executable, "-c", _RULES, *paths],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    timings = json.loads(out.stdout.strip().splitlines()[-1])
    lines = [
        "## Rule evaluation as the warehouse grows",
        "",
        "`expectations.runner.evaluate_rules` (every active rule of the catalogue, GX suites "
        "over the dbt rule relations) on each published warehouse, in one process after an "
        "untimed warm-up (imports, suites).",
        "",
        "| department-years | rule results | seconds | results/s |",
        "|---:|---:|---:|---:|",
    ]
    for size, timing in zip(sizes, timings, strict=True):
        lines.append(
            f"| {size} | {timing['results']} | {timing['seconds']:.2f} | "
            f"{timing['results'] / timing['seconds']:.0f} |"
        )
    lines.append("")
    return lines, dict(zip(sizes, timings, strict=True))


# ---------------------------------------------------------------- bounded memory

_STREAM = """
import json, sys
from pathlib import Path
from dagster_project.lib.parsing import parse_disclosure_workbook
files = [Path(p) for p in Path(sys.argv[1]).read_text().splitlines()]
count = int(sys.argv[2])
def hwm():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
marks = {}
checkpoints = {count // 4, count // 2, count}
for i in range(count):
    parse_disclosure_workbook(files[i % len(files)]).raw_records()
    if i + 1 in checkpoints:
        marks[i + 1] = hwm()
# VmHWM, not ru_maxrss: after fork + exec, ru_maxrss still holds the parent's size
print(json.dumps({"peak_mib": hwm(), "marks": marks}))
"""


def bounded_memory(plan: Plan, load_figures: dict, work: Path) -> tuple[list[str], dict]:
    size = max(load_figures["sizes"])
    manifest = load_figures["sizes"][size]["manifest"]
    files = [
        str(load_figures["sizes"][size]["raw"] / f["path"])
        for f in manifest["files"]
        if f["expected_status"] == "loaded"
    ]
    listing = work / "stream_files.txt"
    listing.write_text("\n".join(files))
    runs = {}
    for count in plan.memory_counts:
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", _STREAM, str(listing), str(count)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        runs[count] = {**json.loads(out.stdout), "seconds": time.perf_counter() - started}
    small, large = plan.memory_counts
    ratio = runs[large]["peak_mib"] / runs[small]["peak_mib"]
    lines = [
        "## Bounded memory",
        "",
        f"A fresh process parses workbooks one at a time (parse + raw_records, what the loader "
        f"does per file; nothing is kept). The {len(files)} distinct workbooks of the "
        f"{size} department-year corpus are read in turn, cycled to reach the count: "
        f"generating {large:,} distinct workbooks would take ~{large * 0.04 / 60:.0f} min and "
        f"~{large * 0.13 / 1000:.1f} GB here, so the large run parses each file "
        f"{large / len(files):.0f} times. (The parser's caches — figures by value, header "
        "layouts, titles — hold a few thousand entries at most, so repeated files cannot hide "
        "a growing cache; the loader's own memory bound is its record buffer, flushed to "
        "DuckDB every 200,000 rows.)",
        "",
        "| workbooks parsed | seconds | peak RSS MiB | high-water mark at 1/4, 1/2, all (MiB) |",
        "|---:|---:|---:|---|",
    ]
    for count, run in runs.items():
        marks = ", ".join(f"{float(v):.0f}" for _, v in sorted(run["marks"].items()))
        lines.append(f"| {count:,} | {run['seconds']:.0f} | {run['peak_mib']:.0f} | {marks} |")
    lines += ["", f"Peak at {large:,} / peak at {small:,}: {ratio:.2f}x", ""]
    return lines, {"ratio": ratio, "runs": runs}


# ---------------------------------------------------------------- bar


def bar(parse: dict, load: dict, inc: dict, memory: dict, plan: Plan) -> list[str]:
    def verdict(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    xlsx = parse["single"].get("xlsx") or parse["single"]["all"]
    speedup = xlsx["parser"] / xlsx["pandas"]
    lines = ["## Bar (issue 7)", "", "| bar | measured | verdict |", "|---|---:|---|"]
    lines.append(
        f"| parser ≥ {PANDAS_BAR:g}x pandas+openpyxl per workbook (.xlsx) | {speedup:.1f}x | "
        f"{verdict(speedup >= PANDAS_BAR)} |"
    )
    if LOAD_BAR_SIZE in load["sizes"]:
        seconds = load["sizes"][LOAD_BAR_SIZE]["seconds"]
        lines.append(
            f"| {LOAD_BAR_SIZE} department-years loaded end to end < {LOAD_BAR_SECONDS:g} s | "
            f"{seconds:.1f} s | {verdict(seconds < LOAD_BAR_SECONDS)} |"
        )
    else:
        lines.append(f"| {LOAD_BAR_SIZE} department-years < {LOAD_BAR_SECONDS:g} s | not run | - |")
    for run in inc["runs"]:
        lines.append(
            f"| one changed workbook → its report < {INCREMENTAL_BAR_SECONDS:g} s "
            f"({run['size']} department-years) | {run['to_report']:.1f} s | "
            f"{verdict(run['to_report'] < INCREMENTAL_BAR_SECONDS)} |"
        )
    small, large = plan.memory_counts
    lines.append(
        f"| peak memory at {large:,} workbooks ≤ {MEMORY_BAR:g}x that at {small:,} | "
        f"{memory['ratio']:.2f}x | {verdict(memory['ratio'] <= MEMORY_BAR)} |"
    )
    lines.append("")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(BENCH_DIR / "results.md"))
    parser.add_argument("--smoke", action="store_true", help="tiny corpora, every section")
    args = parser.parse_args(argv)
    plan = SMOKE if args.smoke else FULL
    started = time.perf_counter()
    doc = ["# budget-warehouse bench", ""]
    if args.smoke:
        doc += ["SMOKE RUN: tiny corpora; the figures below mean nothing.", ""]
    doc += machine()
    print("\n".join(doc), flush=True)
    with tempfile.TemporaryDirectory(prefix="bw-bench-") as tmp:
        work = Path(tmp)
        sections = []
        parse_lines, parse = parse_throughput(plan, work)
        print("\n".join(parse_lines), flush=True)
        load_lines, load = loads(plan, work)
        print("\n".join(load_lines), flush=True)
        inc_lines, inc = incremental(load, work)
        print("\n".join(inc_lines), flush=True)
        rule_lines, _ = rule_evaluation(load)
        print("\n".join(rule_lines), flush=True)
        memory_lines, memory = bounded_memory(plan, load, work)
        print("\n".join(memory_lines), flush=True)
        bar_lines = bar(parse, load, inc, memory, plan)
        print("\n".join(bar_lines), flush=True)
        sections = parse_lines + load_lines + inc_lines + rule_lines + memory_lines + bar_lines
    total = time.perf_counter() - started
    load_end = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    doc += sections + [
        f"Bench wall time: {total / 60:.1f} min; load average at the end {load_end}.",
        "",
    ]
    Path(args.out).write_text("\n".join(doc), encoding="utf-8")
    print(f"Bench wall time: {total / 60:.1f} min; wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
