"""A Dagster logger that turns a run's events into the CLI's progress display.

The CLI switches it on through run config; the UI never does. File progress arrives as
debug messages of the form `progress <done>/<total> <label>` from the ingest asset."""

import logging
import re

import dagster as dg

from dagster_project.lib.progress import ProgressPrinter

_FILE_PROGRESS = re.compile(r"progress (\d+)/(\d+) (.*)")


class _ProgressHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.printer = ProgressPrinter()

    def emit(self, record: logging.LogRecord) -> None:
        event = getattr(record, "dagster_event", None)
        if event is not None and event.step_key:
            if event.event_type_value == "STEP_START":
                self.printer.stage_started(event.step_key)
            elif event.event_type_value == "STEP_SUCCESS":
                self.printer.stage_finished(event.step_key)
            return
        match = _FILE_PROGRESS.search(record.getMessage())
        if match:
            self.printer.files(int(match[1]), int(match[2]), match[3])


@dg.logger(description="Stage lines and a bar over the workbooks, on stderr (CLI only).")
def progress_logger(_init_context) -> logging.Logger:
    logger = logging.getLogger("budget_warehouse.progress")
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    logger.handlers = [_ProgressHandler()]
    return logger
