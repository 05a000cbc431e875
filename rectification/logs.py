"""Where faults and bugs are written down: the logger "rectification", never the screen.

The screen (a page, the command line's stderr) gets one sentence in the reader's language; the
log gets the cause and, for a bug, the traceback, for an administrator. Every record passes
`Masked` on its way out, so no password or token of a URL reaches a log either.

- The command line (`configure_command_line`) writes the log to the file of the `log_file`
  setting (RECTIFICATION_LOG_FILE), else to one in the system's temporary folder: a data folder
  that is read-only or full must not cost the record of why.
- The dashboard (`web.page`) hands the logger to Streamlit's: the server's console, formatted
  as Streamlit's own lines are.
"""

from __future__ import annotations

import getpass
import logging
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from .errors import Refusal, SystemFault
from .settings import DATA_DIR, masked_url

LOGGER = "rectification"
log = logging.getLogger(LOGGER)


class Masked(logging.Filter):
    """Hides the password of every URL in a record (its message and its traceback) before any
    handler formats it: a driver's error may quote the URL it was given."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = masked_url(record.getMessage()), None
        if record.exc_info and not record.exc_text:
            record.exc_text = masked_url("".join(traceback.format_exception(*record.exc_info)).rstrip())
        elif record.exc_text:
            record.exc_text = masked_url(record.exc_text)
        return True


def fault_logged(refusal: Refusal, where: str) -> None:
    """Log a refusal that names a fault of the machine (`SystemFault`) with its cause: one line
    at WARNING (what happened, in English, and the driver's or system's own error), and its
    traceback at DEBUG. Other refusals are answers to a person, not faults: not logged."""
    if not isinstance(refusal, SystemFault):
        return
    cause = refusal.__cause__ or refusal.__context__
    said = f"{type(cause).__name__}: {cause}" if cause is not None else type(refusal).__name__
    log.warning("%s: %s (%s)", where, refusal.message("en"), said.strip().splitlines()[0])
    log.debug("%s: the fault in full", where, exc_info=refusal)


# -- the command line ------------------------------------------------------------------------
class LogFile(logging.Handler):
    """Appends each record to the first of the files `candidates()` names that can be written,
    opened for that record alone: the command line logs rarely, and the files are asked for only
    then, so a command that logs nothing reads no settings for it. `path` is where the last
    record went, or None, with `failure` saying why."""

    def __init__(self, candidates: Callable[[], list[Path]]) -> None:
        super().__init__(logging.DEBUG)
        self.candidates = candidates
        self.path: Path | None = None
        self.failure = ""
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        self.addFilter(Masked())

    def emit(self, record: logging.LogRecord) -> None:
        text = self.format(record) + "\n"
        for path in self.candidates():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                with path.open("a", encoding="utf-8") as file:
                    file.write(text)
            except OSError as error:
                self.failure = f"{path}: {error.strerror or error}"
                continue
            self.path, self.failure = path, ""
            return
        self.path = None


def log_candidates() -> list[Path]:
    """The `log_file` setting's file (its default when the settings cannot be read: the log must
    work to record why), then one in the temporary folder, named for the user who runs it."""
    from .settings import load_settings

    try:
        configured = load_settings().log_file
    except Refusal:
        configured = DATA_DIR / "rectification.log"
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    return [configured, Path(tempfile.gettempdir()) / f"rectification-{user}.log"]


def configure_command_line() -> LogFile:
    """Send the "rectification" logger to the log file only: nothing of it reaches stderr, where
    the command line prints its one sentence itself. Any other handler is taken off (in a test
    session the dashboard's pages may have given it Streamlit's, which writes to stderr)."""
    for handler in list(log.handlers):
        if not isinstance(handler, LogFile):
            log.removeHandler(handler)
    # Every time: Streamlit's get_logger, run by a page in the same process, sets its own level.
    log.setLevel(logging.DEBUG)
    log.propagate = False
    if log.handlers:
        (handler,) = log.handlers
        handler.path, handler.failure = None, ""
        return handler
    handler = LogFile(log_candidates)
    log.addHandler(handler)
    return handler


def bug_logged(command: str, handler: LogFile) -> Path | None:
    """Log the exception being handled as a bug of `command`, with its traceback; the file it went
    to, or None when none could be written (`handler.failure` says why)."""
    log.error("the %s command failed on a bug", command, exc_info=True)
    return handler.path
