"""What an operator watching `budget-warehouse load` sees: one line per stage and a bar
over the workbooks. On a terminal the bar redraws in place; in a log file (cron, CI) it
prints a line at every tenth of the way, so the log stays short."""

from __future__ import annotations

import sys
import time
from typing import TextIO

STAGES = {
    "raw_disclosures": "read workbooks",
    "dbt_models": "build warehouse (dbt)",
    "quality__check_results": "check rules (Great Expectations)",
    "warehouse__published": "publish",
    "reports__disclosure_reports": "write reports",
}


class ProgressPrinter:
    def __init__(self, stream: TextIO | None = None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.interactive = self.stream.isatty()
        self._started: dict[str, float] = {}
        self._last_tenth = -1

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()

    def stage_started(self, step_key: str) -> None:
        name = STAGES.get(step_key)
        if name:
            self._started[step_key] = time.monotonic()
            self._write(f"… {name}\n")

    def stage_finished(self, step_key: str) -> None:
        name = STAGES.get(step_key)
        if name and step_key in self._started:
            seconds = time.monotonic() - self._started.pop(step_key)
            self._write(f"✓ {name} ({seconds:.1f} s)\n")

    def files(self, done: int, total: int, label: str) -> None:
        if total <= 0:
            return
        filled = self.width * done // total
        bar = "█" * filled + "·" * (self.width - filled)
        if self.interactive:
            end = "\n" if done == total else ""
            self._write(f"\r  [{bar}] {done}/{total} {label[:50]:<50}{end}")
            return
        tenth = 10 * done // total
        if tenth != self._last_tenth:
            self._last_tenth = tenth
            self._write(f"  [{bar}] {done}/{total}\n")
