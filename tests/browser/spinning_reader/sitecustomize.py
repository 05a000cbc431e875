"""Only on PYTHONPATH of the dashboard that test_isolation.py starts: a reader that spins on any
file whose name holds "spin", as a parser caught in a pathological input does. Python imports
this module at the start of every interpreter with this folder on its path: the server, its
reading worker's fork server, and so each worker forked from it.

The spin is a regular expression that backtracks (about 2^30 steps: a minute or more), run in C
with the GIL held throughout, so if the reading ever happened in the server's own process again
the whole server would stop answering while it runs and the test would fail; in a worker it only
takes that worker's core until the time limit kills it."""

import re

from rectification import intake

_read = intake.check_file
_BACKTRACKS = re.compile(r"(a+)+$")


def check_file(content: bytes, filename: str, *args: object, **kwargs: object) -> intake.LedgerCheck:
    if "spin" in filename:
        _BACKTRACKS.match("a" * 30 + "b")
    return _read(content, filename, *args, **kwargs)


# Before the service or the reading worker import it, so both take this one (the worker by name,
# sitecustomize.check_file, which each worker has imported as it started).
intake.check_file = check_file
