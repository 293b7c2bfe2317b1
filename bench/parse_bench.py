"""Parser throughput against two baselines on the same workbooks in the same run.

    python bench/parse_bench.py [DIR] [--passes N] [--departments N --years 2019-2023 --seed N]

DIR: a directory searched recursively for .xls/.xlsx. Without it, corpora are generated
with dagster_project.lib.workbooks.generator into a temporary directory.

Measures, per workbook, on exactly the same files:
- parser: parse_disclosure_workbook (read + find + normalise every figure into Decimal);
- calamine bare: CalamineWorkbook.from_path + to_python() of every sheet, the floor any
  calamine-based parser pays;
- pandas: pandas.read_excel(sheet_name=None, engine="openpyxl"); .xls files use engine
  "xlrd" because openpyxl cannot read them (labelled as such);
- for information, parser + raw_records(): what the loader pays per workbook, so that
  nothing the parser leaves for later can hide in the parser's figure.

Method: every reader reads the same files in the same process. The readers take turns
within a pass, so machine noise falls on all of them alike, and the figure is the median
of N timed passes, on the wall clock (the issue's measure) and on this process's CPU time
(the same work, less what other processes on a shared machine take from it). Generated
corpora (the default) use a fresh corpus per pass (seeds SEED+1 ... SEED+N) and an
untimed warm-up pass over corpus SEED for every reader (imports, template loading, code
paths: the same for all): no reader ever times a file it has seen before, so nothing
memoised from an earlier pass can flatter a figure. With DIR, every pass reads the same
files after the warm-up over them (say so when quoting such figures).
Before each reader's timed loop the garbage collector runs a full collection
(gc.collect(), untimed): pandas leaves thousands of objects behind, and the full
collection they eventually trigger would otherwise fall inside whichever reader happens
to allocate next (the parser, after pandas), charging it for another reader's garbage.
Collections the reader's own allocations trigger are still timed, as they should be.
The bar (issue): parser at least 10x faster than pandas+openpyxl, and no more than 3x
slower than calamine bare. Unreadable files (quarantine cases) are left out of all
readers.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from python_calamine import CalamineWorkbook  # noqa: E402

from dagster_project.lib.parsing import WorkbookReadError, parse_disclosure_workbook  # noqa: E402

CALAMINE_BAR = 3.0  # parser time / calamine bare time, at most
PANDAS_BAR = 10.0  # pandas+openpyxl time / parser time, at least


def calamine_bare(path: Path) -> None:
    wb = CalamineWorkbook.from_path(str(path))
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python()


def pandas_read(path: Path) -> None:
    """The issue's baseline, called as the issue writes it: pandas' defaults otherwise
    (header=0 among them; an earlier version passed header=None, a variant the issue does
    not name and ~5 % cheaper for pandas)."""
    import pandas as pd

    engine = "xlrd" if _is_xls(path) else "openpyxl"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pd.read_excel(path, sheet_name=None, engine=engine)


def parse_and_records(path: Path) -> None:
    parse_disclosure_workbook(path).raw_records()


def _is_xls(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(4) == b"\xd0\xcf\x11\xe0"


READERS = {
    "parser": parse_disclosure_workbook,
    "calamine": calamine_bare,
    "pandas": pandas_read,
    "parser+records": parse_and_records,
}


CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}


def time_pass(files: list[Path]) -> dict[tuple[str, str], float]:
    """Seconds each reader takes over `files`, readers in turn, on both clocks: wall time
    is the issue's measure; this process's CPU time is the same work without the time
    other processes on a shared machine take from it."""
    times = {}
    for name, fn in READERS.items():
        gc.collect()  # no other reader's garbage collected on this one's clock (see above)
        wall, cpu = time.perf_counter(), time.process_time()
        for f in files:
            fn(f)
        times[(name, "wall")] = time.perf_counter() - wall
        times[(name, "cpu")] = time.process_time() - cpu
    return times


def split(files: list[Path]) -> dict[str, list[Path]]:
    xls = [f for f in files if _is_xls(f)]
    return {"xlsx": [f for f in files if f not in xls], "xls": xls}


PARSER_REASONS = {"truncated", "not_a_spreadsheet", "no_template_tables", "non_numeric_amount"}


def generated(out: Path, args, seed: int) -> list[Path]:
    """A corpus's readable workbooks, known from its manifest (not by parsing them, which
    would warm the parser on the very files it is then timed on)."""
    from dagster_project.lib.workbooks.generator import generate_corpus

    first, last = (int(y) for y in args.years.split("-"))
    manifest = generate_corpus(out, args.departments, list(range(first, last + 1)), seed=seed)
    return sorted(
        out / f["path"]
        for f in manifest["files"]
        if f.get("quarantine_reason") not in PARSER_REASONS
    )


def readable_by_parsing(files: list[Path]) -> list[Path]:
    readable = []
    for f in files:
        try:
            parse_disclosure_workbook(f)
            readable.append(f)
        except WorkbookReadError:
            pass
    return readable


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?")
    parser.add_argument("--passes", type=int, default=7)
    parser.add_argument("--departments", type=int, default=10)
    parser.add_argument("--years", default="2019-2023")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    tmp = None
    if args.directory:
        files = sorted(
            p for p in Path(args.directory).rglob("*") if p.suffix.lower() in (".xls", ".xlsx")
        )
        warmup = readable_by_parsing(files)
        per_pass = [warmup] * args.passes
        mode = f"same {len(warmup)} files every pass (warm)"
    else:
        try:
            import dagster_project.lib.workbooks.generator  # noqa: F401
        except ImportError:
            sys.exit("no DIR given and the corpus generator is not available")
        tmp = tempfile.TemporaryDirectory(prefix="parse_bench_")
        root = Path(tmp.name)
        warmup = generated(root / "warmup", args, args.seed)
        per_pass = [
            generated(root / f"pass{i}", args, args.seed + i) for i in range(1, args.passes + 1)
        ]
        mode = (
            f"a fresh generated corpus per pass ({args.departments} departments x "
            f"{args.years}, ~{len(per_pass[0])} workbooks each)"
        )
    if not warmup or not all(per_pass):
        sys.exit("no readable workbooks found")
    for fn in READERS.values():
        for f in warmup:
            fn(f)
    samples: dict[str, dict[tuple[str, str], list[float]]] = {}
    counts: dict[str, list[int]] = {}
    for files in per_pass:
        totals: dict[tuple[str, str], float] = {}
        for label, subset in split(files).items():
            if not subset:
                continue
            for key, seconds in time_pass(subset).items():
                samples.setdefault(label, {}).setdefault(key, []).append(seconds / len(subset))
                totals[key] = totals.get(key, 0.0) + seconds
            counts.setdefault(label, []).append(len(subset))
        for key, seconds in totals.items():
            samples.setdefault("all", {}).setdefault(key, []).append(seconds / len(files))
        counts.setdefault("all", []).append(len(files))
    from dagster_project.lib.parsing import _compiled

    print(f"{mode}; warm-up pass untimed; median of {len(per_pass)} passes")
    print(f"parser build: {_compiled.status()}")
    for clock in CLOCKS:
        print(f"{clock} ms per workbook")
        print(
            f"{'files':6} {'n/pass':>6} {'parser':>8} {'calamine':>9} {'pandas':>8} "
            f"{'+records':>9}  {'parser/calamine':>15}  {'pandas/parser':>13}"
        )
        for label in ("xlsx", "xls", "all"):
            if label not in samples:
                continue
            ms = {name: statistics.median(samples[label][(name, clock)]) * 1e3 for name in READERS}
            slower = ms["parser"] / ms["calamine"]
            faster = ms["pandas"] / ms["parser"]
            print(
                f"{label:6} {statistics.median(counts[label]):6.0f} {ms['parser']:8.2f} "
                f"{ms['calamine']:9.2f} {ms['pandas']:8.2f} {ms['parser+records']:9.2f}"
                f"  {slower:8.2f}x {'PASS' if slower <= CALAMINE_BAR else 'FAIL':>5}"
                f"  {faster:6.1f}x {'PASS' if faster >= PANDAS_BAR else 'FAIL':>5}"
            )
    print("workbooks per second (wall)")
    for label in ("xlsx", "xls", "all"):
        if label in samples:
            wps = {n: 1 / statistics.median(samples[label][(n, "wall")]) for n in READERS}
            print(
                f"{label:6} parser {wps['parser']:8.1f}  calamine {wps['calamine']:8.1f}  "
                f"pandas {wps['pandas']:7.1f}  parser+records {wps['parser+records']:7.1f}"
            )
    print(
        f"bar: parser/calamine <= {CALAMINE_BAR:g}x and pandas/parser >= {PANDAS_BAR:g}x; pandas "
        "engine is openpyxl for .xlsx and xlrd for .xls (openpyxl cannot read .xls), so the "
        "openpyxl bar proper is the xlsx row"
    )
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
