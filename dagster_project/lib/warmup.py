"""Importing slow modules while the process would otherwise wait.

Great Expectations takes 2–3 s to import, and the rule step needs it right after the dbt
build, during which this process mostly waits for the dbt subprocess. Importing it on a
background thread then moves those seconds off the path from a changed workbook to its
report (issue 7's 10 s). Python's import locks make the later `import` in the rule step
wait for a half-finished import, never run it twice.
"""

from __future__ import annotations

import importlib
import logging
import threading

log = logging.getLogger(__name__)


def import_in_background(*modules: str) -> threading.Thread:
    """Start importing `modules` on a daemon thread; return the thread. A failure is only
    logged: the real import, where the module is used, raises it properly."""

    def run() -> None:
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - reported again by the real import
                log.debug("background import of %s failed", name, exc_info=True)

    thread = threading.Thread(target=run, name="background-imports", daemon=True)
    thread.start()
    return thread
