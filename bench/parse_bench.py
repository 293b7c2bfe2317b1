"""Parser throughput against two baselines on the same workbooks in the same run.

    python bench/parse_bench.py [DIR] [--passes N] [--departments N --years 2019-2023]

DIR: a directory searched recursively for .xls/.xlsx. Without it, a corpus is generated
with dagster_project.lib.workbooks.generator (when present) into a temporary directory,
and the seed workbook raw/2021/179_*.xlsx is used as a fallback.

Measures, per workbook, on exactly the same files:
- parser: parse_disclosure_workbook (read + find + normalise every figure into Decimal);
- calamine bare: CalamineWorkbook.from_path + to_python() of every sheet, the floor any
  calamine-based parser pays;
- pandas: pandas.read_excel(sheet_name=None, engine="openpyxl"); .xls files use engine
  "xlrd" because openpyxl cannot read them (labelled as such);
- for information, parser + raw_records(): what the loader pays per workbook, so that
  nothing the parser leaves for later can hide in the parser's figure.

Method: one untimed warm-up pass of every reader over every file (imports, caches, OS file
cache: the same for all), then N timed passes; in each pass the readers take turns over
the same file list, so machine noise falls on all of them alike. The figure is the median
pass. The bar (issue): parser at least 10x faster than pandas+openpyxl, and no more than
3x slower than calamine bare. Unreadable files (the generator's quarantine cases) are left
out of all readers.
"""

from __future__ import annotations

import argparse
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
    import pandas as pd

    engine = "xlrd" if _is_xls(path) else "openpyxl"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pd.read_excel(path, sheet_name=None, engine=engine, header=None)


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


def measure(files: list[Path], passes: int, pandas_passes: int) -> dict[str, float]:
    """Median seconds per pass over `files`, per reader."""
    for fn in READERS.values():  # warm-up, untimed, identical for every reader
        for f in files:
            fn(f)
    times: dict[str, list[float]] = {name: [] for name in READERS}
    for i in range(passes):
        for name, fn in READERS.items():
            if name == "pandas" and i >= pandas_passes:
                continue
            start = time.perf_counter()
            for f in files:
                fn(f)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(ts) for name, ts in times.items()}


def corpus(args) -> tuple[list[Path], tempfile.TemporaryDirectory | None]:
    if args.directory:
        return sorted(
            p for p in Path(args.directory).rglob("*") if p.suffix.lower() in (".xls", ".xlsx")
        ), None
    try:
        from dagster_project.lib.workbooks.generator import generate_corpus
    except ImportError:
        print("generator not available; using the seed workbook only")
        return sorted((ROOT / "raw").rglob("179_*.xlsx")), None
    tmp = tempfile.TemporaryDirectory(prefix="parse_bench_")
    first, last = (int(y) for y in args.years.split("-"))
    generate_corpus(Path(tmp.name), args.departments, list(range(first, last + 1)), seed=args.seed)
    return sorted(p for p in Path(tmp.name).rglob("*") if p.suffix in (".xls", ".xlsx")), tmp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?")
    parser.add_argument("--passes", type=int, default=7)
    parser.add_argument(
        "--pandas-passes", type=int, default=3, help="timed passes for pandas (slow)"
    )
    parser.add_argument("--departments", type=int, default=10)
    parser.add_argument("--years", default="2019-2023")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    files, tmp = corpus(args)
    readable = []
    for f in files:
        try:
            parse_disclosure_workbook(f)
            readable.append(f)
        except WorkbookReadError:
            pass
    if not readable:
        sys.exit("no readable workbooks found")
    xls = [f for f in readable if _is_xls(f)]
    xlsx = [f for f in readable if f not in xls]
    print(
        f"{len(readable)} readable workbooks ({len(xlsx)} xlsx, {len(xls)} xls), "
        f"{len(files) - len(readable)} unreadable left out; warm-up pass excluded; median of "
        f"{args.passes} passes ({min(args.passes, args.pandas_passes)} for pandas)"
    )
    header = (
        f"{'files':6} {'n':>4} {'parser':>8} {'calamine':>9} {'pandas':>8} {'+records':>9}"
        f"  {'parser/calamine':>15}  {'pandas/parser':>13}"
    )
    print("ms per workbook (median pass / n)")
    print(header)
    verdicts = []
    for label, subset in (("xlsx", xlsx), ("xls", xls), ("all", readable)):
        if not subset:
            continue
        t = measure(subset, args.passes, args.pandas_passes)
        n = len(subset)
        slower = t["parser"] / t["calamine"]
        faster = t["pandas"] / t["parser"]
        ok_cal = slower <= CALAMINE_BAR
        ok_pd = faster >= PANDAS_BAR
        print(
            f"{label:6} {n:4d} {t['parser'] / n * 1e3:8.2f} {t['calamine'] / n * 1e3:9.2f} "
            f"{t['pandas'] / n * 1e3:8.2f} {t['parser+records'] / n * 1e3:9.2f}"
            f"  {slower:8.2f}x {'PASS' if ok_cal else 'FAIL':>5}"
            f"  {faster:6.1f}x {'PASS' if ok_pd else 'FAIL':>5}"
        )
        verdicts.append((label, n / t["parser"], n / t["calamine"], n / t["pandas"]))
    print("workbooks per second")
    for label, p, c, pd_ in verdicts:
        print(f"{label:6} parser {p:8.1f}  calamine {c:8.1f}  pandas {pd_:7.1f}")
    print(
        f"bar: parser/calamine <= {CALAMINE_BAR:g}x and pandas/parser >= {PANDAS_BAR:g}x; pandas "
        "engine is openpyxl for .xlsx and xlrd for .xls (openpyxl cannot read .xls), so the "
        "openpyxl bar proper is the xlsx row"
    )
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
