"""The parser's compiled build: its hot modules compiled to C by Cython, from the very same
Python source, which stays the fallback.

Why: a workbook costs calamine ~1.5 ms to read and the parser's Python ~2.5 ms more; the
parser must be ten times faster than pandas+openpyxl (issue 3) and the Python was already
tuned flat (docs/scaling.md). Compiled, a workbook takes ~25 % less time, with the same
records (tests/parsing/test_compiled.py parses a corpus both ways and compares).

How:
- `python dagster_project/lib/parsing/_compiled.py build` (the Makefile's install step, and
  again whenever a source changes) compiles MODULES next to their .py files and writes
  `_compiled.json`: the sha256 of each source it compiled. Without Cython or a C compiler
  it says so and builds nothing; the parser then runs from its Python source.
- At import, `select()` (called by the package's __init__, before any parser module is
  imported) checks each extension against that manifest. A module whose source changed
  since the build, or every module when BW_PURE_PYTHON=1, is imported from its .py: a
  meta-path finder serves the source ahead of the stale extension, so an edit is never
  shadowed by an old build (Python prefers an extension to a .py of the same name).
- This file imports nothing of the package and is run as a script to build, so a build
  never overwrites an extension the building process has loaded; each extension is
  moved into place with one rename.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

PACKAGE = "dagster_project.lib.parsing"
HERE = Path(__file__).resolve().parent
# The modules a parse spends its time in. model.py is compiled for ParsedRow, which its
# model.pxd makes an extension type (a workbook builds ~700 rows); errors.py stays Python.
MODULES = ("model", "normalise", "reader", "headers", "sections", "locate", "disclosure")
MANIFEST = HERE / "_compiled.json"
PURE_ENV = "BW_PURE_PYTHON"
# annotation_typing off: the annotations document, they do not constrain (a row typed
# `list` may be a tuple); Cython would otherwise enforce them at every call. Type
# inference stays at Cython's safe default (Python objects only): with infer_types=True a
# count such as a column index could become a C integer that wraps instead of growing,
# for ~0.5 % of a parse.
DIRECTIVES = {"language_level": 3, "annotation_typing": False, "binding": False}

# module → "compiled" or "source", and why (for `status()`), filled by select()
_CHOSEN: dict[str, tuple[str, str]] = {}


def source_digest(name: str, directory: Path = HERE) -> str:
    """sha256 of the module's source: its .py, and its .pxd (declarations for the
    compiled build) when it has one."""
    digest = hashlib.sha256((directory / f"{name}.py").read_bytes())
    pxd = directory / f"{name}.pxd"
    if pxd.exists():
        digest.update(b"\0pxd\0" + pxd.read_bytes())
    return digest.hexdigest()


def extension_path(name: str, directory: Path = HERE) -> Path | None:
    """The module's compiled extension for this Python, if built."""
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = directory / f"{name}{suffix}"
        if path.exists():
            return path
    return None


def read_manifest(path: Path = MANIFEST) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def choose(
    modules: tuple[str, ...],
    extensions: dict[str, bool],
    digests: dict[str, str],
    manifest: dict | None,
    pure: bool,
) -> dict[str, tuple[str, str]]:
    """Which build each module is imported from, and why: pure in its inputs (tested).
    An extension is used only when the manifest says it was compiled from the source as
    it is now."""
    built = (manifest or {}).get("modules", {})
    chosen = {}
    for name in modules:
        if pure:
            chosen[name] = ("source", f"{PURE_ENV}=1")
        elif not extensions.get(name):
            chosen[name] = ("source", "not compiled")
        elif manifest is None:
            chosen[name] = ("source", "extension without a build manifest")
        elif built.get(name) != digests[name]:
            chosen[name] = ("source", "source changed since the build")
        else:
            chosen[name] = ("compiled", f"Cython {manifest.get('cython', '?')}")
    return chosen


class _SourceFinder:
    """Finds the listed parser modules as their .py source, ahead of the path finder that
    would load their (stale or unwanted) extension."""

    def __init__(self, names: set[str]):
        self.names = names

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in self.names:
            return None
        name = fullname.rpartition(".")[2]
        return importlib.util.spec_from_file_location(fullname, HERE / f"{name}.py")


def select() -> None:
    """Decide, before the parser's modules are imported, where each comes from."""
    if _CHOSEN:
        return
    pure = os.environ.get(PURE_ENV, "").strip().lower() in ("1", "true", "yes")
    extensions = {name: extension_path(name) is not None for name in MODULES}
    if not any(extensions.values()):
        _CHOSEN.update({name: ("source", "not compiled") for name in MODULES})
        return
    digests = {name: source_digest(name) for name in MODULES}
    _CHOSEN.update(choose(MODULES, extensions, digests, read_manifest(), pure))
    source = {f"{PACKAGE}.{n}" for n, (build, _) in _CHOSEN.items() if build == "source"}
    if source:
        sys.meta_path.insert(0, _SourceFinder(source))
    stale = sorted(
        n for n, (_, why) in _CHOSEN.items() if why.startswith(("source changed", "extension"))
    )
    if stale:
        warnings.warn(
            f"compiled parser modules not built from their current source, run from the source: "
            f"{', '.join(stale)} (`make install` rebuilds them)",
            RuntimeWarning,
            stacklevel=2,
        )


def status() -> str:
    """One line for logs and benchmarks: which build the parser runs."""
    loaded = {}
    for name in MODULES:
        module = sys.modules.get(f"{PACKAGE}.{name}")
        file = getattr(module, "__file__", "") or ""
        loaded[name] = "compiled" if not file.endswith(".py") else "source"
    compiled = [n for n in MODULES if loaded[n] == "compiled"]
    if len(compiled) == len(MODULES):
        return f"compiled ({_CHOSEN.get(compiled[0], ('', 'Cython'))[1]})"
    reasons = sorted({why for n, (_, why) in _CHOSEN.items() if loaded[n] == "source"})
    if not compiled:
        return f"Python source ({'; '.join(reasons) or 'not compiled'})"
    source = [n for n in MODULES if loaded[n] == "source"]
    return f"compiled except {', '.join(source)} ({'; '.join(reasons)})"


def build(jobs: int = 2) -> int:
    """Compile MODULES in place and write the manifest; 0 also when it cannot compile
    (the parser then runs from its source, as it says)."""
    try:
        import Cython
        from Cython.Build import cythonize
        from setuptools import Distribution, Extension
    except ImportError as exc:
        print(f"parser not compiled ({exc}); it runs from its Python source")
        return 0
    MANIFEST.unlink(missing_ok=True)  # a failed build leaves no claim of a good one
    digests = {name: source_digest(name) for name in MODULES}
    root = HERE.parents[2]  # the directory holding the dagster_project package
    with tempfile.TemporaryDirectory(prefix="bw-parser-build-") as tmp:
        extensions = [
            # -Wno-array-bounds: gcc 12 misreads CPython's own macros in generated code
            Extension(
                f"{PACKAGE}.{name}",
                [str(HERE / f"{name}.py")],
                extra_compile_args=["-Wno-array-bounds"],
            )
            for name in MODULES
        ]
        try:
            modules = cythonize(
                extensions,
                compiler_directives=DIRECTIVES,
                build_dir=tmp,
                nthreads=jobs,
                force=True,
                quiet=True,
            )
            dist = Distribution({"ext_modules": modules, "script_name": "build"})
            command = dist.get_command_obj("build_ext")
            command.build_lib = str(Path(tmp) / "lib")
            command.build_temp = str(Path(tmp) / "temp")
            command.parallel = jobs
            command.ensure_finalized()
            command.run()
        except Exception as exc:  # no compiler, no headers: the source still runs
            print(f"parser not compiled ({type(exc).__name__}: {exc}); it runs from its source")
            return 0
        built = Path(tmp) / "lib" / HERE.relative_to(root)
        for name in MODULES:
            found = extension_path(name, built)
            if found is None:
                print(f"parser not compiled (no extension built for {name})")
                return 0
            # copied beside its target, then renamed over it: a process that has the old
            # extension loaded keeps its copy intact
            staged = HERE / f".{found.name}.new"
            shutil.copyfile(found, staged)
            os.replace(staged, HERE / found.name)
    MANIFEST.write_text(
        json.dumps(
            {"cython": Cython.__version__, "python": sys.version.split()[0], "modules": digests},
            indent=1,
            sort_keys=True,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"parser compiled with Cython {Cython.__version__}: {', '.join(MODULES)}")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] != ["build"]:
        sys.exit("usage: python dagster_project/lib/parsing/_compiled.py build")
    sys.exit(build())
