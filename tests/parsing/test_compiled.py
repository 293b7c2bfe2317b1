"""The parser's compiled build (dagster_project/lib/parsing/_compiled.py): it is what runs
after `make install`, it reads every workbook exactly as the Python source does, and an
extension older than its source is never used.

Without a build (pytest run on a venv where `make install` never compiled) the tests that
need one skip and say why; in CI (CI=true), where `make test` builds it, that is a failure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from dagster_project.lib.parsing import WorkbookReadError, _compiled, parse_disclosure_workbook
from dagster_project.lib.workbooks.generator import generate_corpus

ROOT = Path(__file__).resolve().parents[2]


def _require_build() -> None:
    built = _compiled.read_manifest() is not None and all(
        _compiled.extension_path(name) for name in _compiled.MODULES
    )
    if built:
        return
    reason = "no compiled parser build (run `make install`)"
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


def _python(code: str, **env: str) -> tuple[str, str]:
    """Run `code` in a fresh interpreter from the project root: (stdout, stderr)."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        # the parent's BW_PURE_PYTHON is not passed on: each test says which build it runs
        env={**{k: v for k, v in os.environ.items() if k != _compiled.PURE_ENV}, **env},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout, result.stderr


# ------------------------------------------------------------------ choosing a build

DIGESTS = {"reader": "aaa", "sections": "bbb"}
MODULES = tuple(DIGESTS)


def test_an_extension_built_from_the_current_source_is_used():
    chosen = _compiled.choose(
        MODULES, dict.fromkeys(MODULES, True), DIGESTS, {"cython": "9.9", "modules": DIGESTS}, False
    )
    assert chosen == {"reader": ("compiled", "Cython 9.9"), "sections": ("compiled", "Cython 9.9")}


def test_a_changed_source_is_run_instead_of_its_old_extension():
    manifest = {"cython": "9.9", "modules": {**DIGESTS, "sections": "old"}}
    chosen = _compiled.choose(MODULES, dict.fromkeys(MODULES, True), DIGESTS, manifest, False)
    assert chosen["reader"][0] == "compiled"
    assert chosen["sections"] == ("source", "source changed since the build")


def test_no_manifest_or_no_extension_means_the_source():
    assert set(
        _compiled.choose(MODULES, dict.fromkeys(MODULES, True), DIGESTS, None, False).values()
    ) == {("source", "extension without a build manifest")}
    chosen = _compiled.choose(
        MODULES, {"reader": True, "sections": False}, DIGESTS, {"modules": DIGESTS}, False
    )
    assert chosen["sections"] == ("source", "not compiled")


def test_pure_python_is_chosen_on_request():
    chosen = _compiled.choose(
        MODULES, dict.fromkeys(MODULES, True), DIGESTS, {"modules": DIGESTS}, True
    )
    assert {build for build, _ in chosen.values()} == {"source"}


# ------------------------------------------------------------------ the real build


def test_the_installed_parser_runs_compiled():
    _require_build()
    if os.environ.get(_compiled.PURE_ENV):
        pytest.skip(f"{_compiled.PURE_ENV} is set")
    for name in _compiled.MODULES:
        module = sys.modules[f"{_compiled.PACKAGE}.{name}"]
        assert not module.__file__.endswith(".py"), (name, module.__file__)
    assert _compiled.status().startswith("compiled (Cython")


def test_an_extension_older_than_its_source_is_not_imported():
    """The real import machinery, in a fresh process: the manifest is made to say
    sections.py changed since the build; sections comes from its .py, with a warning, and
    the other modules stay compiled."""
    _require_build()
    out, err = _python(
        "import importlib.util, sys\n"
        "spec = importlib.util.spec_from_file_location("
        "'dagster_project.lib.parsing._compiled', 'dagster_project/lib/parsing/_compiled.py')\n"
        "c = importlib.util.module_from_spec(spec)\n"
        "sys.modules[spec.name] = c\n"
        "spec.loader.exec_module(c)\n"
        "real = c.read_manifest()\n"
        "c.read_manifest = lambda: {**real, 'modules': {**real['modules'], 'sections': 'x'}}\n"
        "import dagster_project.lib.parsing.sections as s\n"
        "import dagster_project.lib.parsing.reader as r\n"
        "print('sections', s.__file__)\n"
        "print('reader', r.__file__)\n"
        "print('status', c.status())\n"
    )
    assert "sections " + str(ROOT / "dagster_project/lib/parsing/sections.py") in out
    assert "reader " + str(ROOT / "dagster_project/lib/parsing/reader.py") not in out
    assert "status compiled except sections (source changed since the build)" in out
    assert "RuntimeWarning: compiled parser modules not built from their current source" in err


def _canonical(path: Path) -> dict:
    try:
        parsed = parse_disclosure_workbook(path)
    except WorkbookReadError as exc:
        return {"error": [exc.reason, exc.message_zh, exc.message_en, exc.sheet, exc.cell]}
    return {
        "records": parsed.raw_records(),
        "warnings": parsed.warnings,
        "unit_codes": parsed.unit_codes,
        "year": parsed.fiscal_year,
        "department": [parsed.department_name, parsed.department_name_source],
    }


def _encode(value):
    if isinstance(value, Decimal):
        return {"decimal": str(value)}  # digits and exponent, so 1.0 and 1.00 differ
    return str(value)


def _dump(files: list[Path]) -> str:
    return json.dumps({str(f): _canonical(f) for f in files}, default=_encode, sort_keys=True)


def test_compiled_and_source_parse_a_corpus_alike(tmp_path):
    """Every record, warning and error of a generated corpus with faults (every layout
    variant, .xls and .xlsx, unreadable files), parsed compiled here and from the source
    in a fresh process with BW_PURE_PYTHON=1."""
    _require_build()
    manifest = generate_corpus(tmp_path, 6, [2021, 2022, 2023], seed=5, faults=True)
    files = sorted(tmp_path / f["path"] for f in manifest["files"])
    assert len(files) >= 18
    compiled = _dump(files)
    listing = tmp_path / "files.json"
    listing.write_text(json.dumps([str(f) for f in files]))
    source, _ = _python(
        "import json, sys\n"
        "sys.path.insert(0, 'tests/parsing')\n"
        "from pathlib import Path\n"
        "import test_compiled as t\n"
        "from dagster_project.lib.parsing import _compiled\n"
        "assert _compiled.status().startswith('Python source'), _compiled.status()\n"
        f"files = [Path(p) for p in json.loads(Path({str(listing)!r}).read_text())]\n"
        "sys.stdout.write(t._dump(files))\n",
        **{_compiled.PURE_ENV: "1"},
    )
    assert '"error"' in compiled and '"records"' in compiled  # faults and readable files
    assert source == compiled


def test_a_parse_survives_pickling_and_copying(seed_workbook_path):
    """A parsed workbook crosses process boundaries (Dagster's executors) and is copied
    by tests: compiled, ParsedRow is an extension type, pickled by Cython's generated
    reducer; from source, a slots class."""
    import copy
    import pickle

    parsed = parse_disclosure_workbook(seed_workbook_path)
    for other in (pickle.loads(pickle.dumps(parsed)), copy.deepcopy(parsed)):
        assert other.raw_records() == parsed.raw_records()
        row = other.tables["T05"].rows[1]
        assert row == parsed.tables["T05"].rows[1]
        assert type(row) is type(parsed.tables["T05"].rows[1])
