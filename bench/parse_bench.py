"""Parser throughput against two baselines on the same workbooks in the same run.

    python bench/parse_bench.py [DIR] [--repeat N] [--departments N --years 2019-2023]

DIR: a directory searched recursively for .xls/.xlsx. Without it, a corpus is generated
with dagster_project.lib.workbooks.generator (when present) into a temporary directory,
and the seed workbook raw/2021/179_*.xlsx is used as a fallback.

Prints workbooks/s for
- parser: parse_disclosure_workbook (read + find + normalise everything);
- calamine bare: CalamineWorkbook.from_path, every sheet's to_python(skip_empty_area=False)
  and merged_cell_ranges — the floor any calamine-based parser pays;
- pandas: pandas.read_excel(sheet_name=None, engine="openpyxl") (.xls files: engine "xlrd",
  since openpyxl cannot read them; reported separately).
Targets: parser within 3x of calamine bare; at least 10x faster than pandas+openpyxl.
Unreadable files (the generator's quarantine cases) are left out of all three.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from python_calamine import CalamineWorkbook  # noqa: E402

from dagster_project.lib.parsing import WorkbookReadError, parse_disclosure_workbook  # noqa: E402


def calamine_bare(path: Path) -> None:
    wb = CalamineWorkbook.from_path(str(path))
    for name in wb.sheet_names:
        sheet = wb.get_sheet_by_name(name)
        sheet.to_python(skip_empty_area=False)
        sheet.merged_cell_ranges  # noqa: B018 - reading it is the cost measured


def pandas_read(path: Path) -> None:
    import pandas as pd

    engine = "xlrd" if path.read_bytes()[:4] == b"\xd0\xcf\x11\xe0" else "openpyxl"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pd.read_excel(path, sheet_name=None, engine=engine, header=None)


def timed(fn, files: list[Path], repeat: int) -> float:
    """Best of `repeat` passes over all files, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for f in files:
            fn(f)
        best = min(best, time.perf_counter() - start)
    return best


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
    parser.add_argument("--repeat", type=int, default=3)
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
    xlsx = [f for f in readable if f.read_bytes()[:2] == b"PK"]
    xls = [f for f in readable if f not in xlsx]
    print(
        f"{len(readable)} readable workbooks ({len(xlsx)} xlsx, {len(xls)} xls), "
        f"{len(files) - len(readable)} unreadable left out; best of {args.repeat}"
    )
    rows = []
    for label, subset in (("all", readable), ("xlsx", xlsx), ("xls", xls)):
        if not subset:
            continue
        t_parse = timed(parse_disclosure_workbook, subset, args.repeat)
        t_bare = timed(calamine_bare, subset, args.repeat)
        t_pandas = timed(pandas_read, subset, max(1, args.repeat // 2))
        n = len(subset)
        rows.append(
            (label, n, n / t_parse, n / t_bare, n / t_pandas, t_parse / t_bare, t_pandas / t_parse)
        )
    print(
        f"{'files':6} {'n':>4} {'parser wb/s':>12} {'calamine wb/s':>14} {'pandas wb/s':>12} "
        f"{'parser/calamine':>16} {'pandas/parser':>14}"
    )
    for label, n, p, c, pd_, ratio, speedup in rows:
        print(f"{label:6} {n:4d} {p:12.1f} {c:14.1f} {pd_:12.1f} {ratio:15.2f}x {speedup:13.1f}x")
    print("pandas engine: openpyxl for .xlsx, xlrd for .xls (openpyxl cannot read .xls)")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
