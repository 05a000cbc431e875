"""Reading an uploaded file in a worker process, with a memory and a time limit (issue 12).

The app is one server process for every user. The reader bounds what it will try before parsing
(read_limits.py: what a workbook may unpack to, how far a sheet may reach); this is the second
line of defence, for whatever the first does not foresee (a parser that spins, a structure that
needs gigabytes). The file is read in a child process that the kernel stops at `memory_mb` of
data (RLIMIT_DATA) and that is killed after `seconds`. The uploading session's thread only waits
on a socket, the GIL released, so every other session carries on at full speed; the worst a
file can do is take one core for `seconds` and then be refused, naming the limit.

The command line does not use the worker: it is one process per command, already bounded by the
operating system (ulimit, timeout, systemd), and a worker would add a second interpreter's
start-up to every `check`.

How the worker is made. Not fork() from the server: the server is threaded (Tornado's loop, a
script thread per session, the database's and pyarrow's pools), and fork() copies only the
calling thread, so a lock another thread holds at that instant stays locked in the child for
ever; the child would also start with every cached ledger counted against its limit. Not
multiprocessing's forkserver or spawn either: Streamlit's script runner puts each page's module
in sys.modules["__main__"] (its __file__ the page's path), and both re-run the parent's __main__
in every child, so each reading would run the page again, bare, store and all. A fresh
interpreter per file (subprocess) is safe but pays its imports, 1.5-2 s, every time (the report
page reads a notice twice in a row). So: a fork server of our own. One interpreter, started by
subprocess (fork and exec at once, safe from a threaded process), imports the readers, keeps a
single thread (see WORKER_ENVIRONMENT), and forks one child per file on the server's request,
passing it its own socket to the server; it alone kills and reaps its children, so a pid it is
asked to kill is never another process's. A reading then costs the fork and the round trip of
the file and its result: 0.04 s for the sample.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import ReadingStopped
from .intake import check_file
from .ledger import Flag, LedgerCheck

if TYPE_CHECKING:
    from .settings import Settings

try:
    import resource
except ImportError:  # Windows: no resource limits (nor fork); files are read in process there
    resource = None  # type: ignore[assignment]

T = TypeVar("T")

# What the fork server imports before its first child: the service (its read_notice is the
# notices' reader, and it brings check_file, the sheets') and python-docx, for .docx notices.
PRELOAD = ("rectification.service", "docx")
WORKER_ENVIRONMENT = {
    # pyarrow's default allocator (mimalloc) reserves a 1 GiB arena at its first string
    # operation. The reservation is writable address space, so RLIMIT_DATA (and RLIMIT_AS) count
    # it though almost none of it is used: measured here, with it a limit of 1.5 GB refused a
    # 25,000-row ledger that 1.0 GB read (mimalloc falls back to small mappings only when the
    # gigabyte is refused). With the system allocator the limit is what reading really uses.
    "ARROW_DEFAULT_MEMORY_POOL": "system",
    # The fork server must have one thread when it forks: pyarrow's bundled jemalloc starts a
    # background thread as pyarrow loads, and OpenBLAS a pool as numpy does, unless told not to.
    "JE_ARROW_MALLOC_CONF": "background_thread:false",
    "OPENBLAS_NUM_THREADS": "1",
}
# The kernel's own stop for a child nobody can kill any more (the server and the fork server
# gone): RLIMIT_CPU ends it once it has used this much more CPU time than the wall-clock limit.
_CPU_GRACE_SECONDS = 5
# A child still running at the time limit with this share of its memory limit in use is taken to
# have run out of memory (see _answer).
_AT_LIMIT = 0.95
# How often the fork server reaps its children when no request comes.
_REAP_SECONDS = 1.0
_PID = struct.Struct("q")


@dataclass(frozen=True)
class ReadingLimits:
    """What one reading may cost: MB of data memory (heap and private mappings) and seconds."""

    memory_mb: int
    seconds: int

    @classmethod
    def of(cls, settings: Settings) -> ReadingLimits:
        return cls(memory_mb=settings.read_memory_mb, seconds=settings.read_seconds)


# -- in the server --------------------------------------------------------------------------------
@dataclass
class _ForkServer:
    process: subprocess.Popen
    control: socket.socket  # SOCK_SEQPACKET: one request, one message
    ready: bool = False


@dataclass
class _Worker:
    pid: int
    connection: Connection  # the server's end of the socket the child reads and answers on


_server: _ForkServer | None = None
_server_lock = threading.Lock()  # one request and its answer at a time, whichever thread asks


def _launch() -> _ForkServer:
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    # It imports what this process imports, from where this process imports it (the source tree,
    # a test's helpers); each child takes this process's environment as it is at its file.
    path = os.pathsep.join(entry for entry in sys.path if entry)
    entry = f"from rectification.reading_worker import fork_server; fork_server({theirs.fileno()})"
    process = subprocess.Popen(
        [sys.executable, "-c", entry],
        env={**os.environ, **WORKER_ENVIRONMENT, "PYTHONPATH": path},
        pass_fds=(theirs.fileno(),),
        stdin=subprocess.DEVNULL,
    )
    theirs.close()
    return _ForkServer(process, ours)


def _running() -> _ForkServer:
    """The fork server, started if there is none or it has died (call under _server_lock)."""
    global _server
    if _server is None or _server.process.poll() is not None:
        if _server is not None:
            _server.control.close()
        _server = _launch()
    return _server


def start() -> None:
    """Start the fork server now, so that the first file read does not wait for its imports
    (about 2 s); returns at once. Does nothing when it is running."""
    if resource is None:
        return
    with _server_lock:
        _running()


def _fork(limits: ReadingLimits, filename: str) -> _Worker:
    """A child of the fork server, with its end of a socket of its own to this process."""
    ours, theirs = socket.socketpair()
    try:
        with _server_lock:
            server = _running()
            # Its start-up is not the file's reading time, but it is bounded by the same limit.
            if not server.ready:
                if not select.select([server.control], [], [], limits.seconds)[0]:
                    raise ReadingStopped("upload.read_time", **_said(filename, limits))
                if server.control.recv(1) != b"R":  # it could not import the readers: installation
                    raise RuntimeError(
                        f"the reading worker did not start ({server.process.wait()}): see stderr"
                    )
                server.ready = True
            try:
                socket.send_fds(server.control, [b"F"], [theirs.fileno()])
                reply = server.control.recv(_PID.size)
            except OSError:
                reply = b""
            if len(reply) != _PID.size:  # it has died: the next reading starts another
                server.process.kill()
                raise ReadingStopped("upload.read_stopped", **_said(filename, limits))
    except BaseException:
        ours.close()
        raise
    finally:
        theirs.close()  # the child holds its own copy: once it is gone, ours reads as closed
    return _Worker(_PID.unpack(reply)[0], Connection(ours.detach()))


def _end(worker: _Worker) -> None:
    """Close the child's socket and have the fork server kill it if it is still running."""
    worker.connection.close()
    with _server_lock:
        if _server is not None and _server.process.poll() is None:
            with contextlib.suppress(OSError):  # it has gone, and its children with it
                _server.control.send(b"K" + _PID.pack(worker.pid))


def read_in_worker(
    reader: Callable[[bytes, str], T], content: bytes, filename: str, limits: ReadingLimits
) -> T:
    """`reader(content, filename)` in a worker process under `limits`: its result, or the
    exception it raised (a fault of ours, raised here as it would be in process, with the
    worker's traceback as a note). Raises `ReadingStopped` naming the limit when the worker ran
    out of memory or time, or ended without an answer. `reader` must be importable by name."""
    if resource is None:
        return reader(content, filename)
    worker = _fork(limits, filename)
    try:
        request = (dict(os.environ), limits.memory_mb, limits.seconds, reader, content, filename)
        try:
            worker.connection.send(request)
        except (BrokenPipeError, ConnectionResetError):  # it ended before it read the file
            raise ReadingStopped("upload.read_stopped", **_said(filename, limits)) from None
        deadline = time.monotonic() + limits.seconds
        return _answer(worker, deadline, filename, limits)
    finally:  # on every way out, a rerun's exception in the waiting thread included
        _end(worker)


def _answer(worker: _Worker, deadline: float, filename: str, limits: ReadingLimits) -> Any:
    params = _said(filename, limits)
    if not worker.connection.poll(max(0.0, deadline - time.monotonic())):
        # A library can hang instead of failing when memory runs out (python-calamine: Rust's
        # out-of-memory hook waits for a lock its own panic holds); the limit it hit is memory.
        at_limit = _data_mb(worker.pid) >= _AT_LIMIT * limits.memory_mb
        raise ReadingStopped("upload.read_memory" if at_limit else "upload.read_time", **params)
    try:
        kind, value = worker.connection.recv()
    except EOFError:  # ended without answering: killed by the kernel, or a crash in a library
        raise ReadingStopped("upload.read_stopped", **params) from None
    if kind == "memory":
        raise ReadingStopped("upload.read_memory", **params)
    if kind == "raised":
        raise value
    return value


def _said(filename: str, limits: ReadingLimits) -> dict[str, object]:
    """What a refusal for a limit says: the file, as check_file names it, and both limits."""
    return {"file": Path(filename).name, "seconds": limits.seconds, "mb": limits.memory_mb}


def _data_mb(pid: int) -> float:
    """The data memory (VmData) process `pid` holds, in MB; 0 where the system does not say."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


# -- in the fork server -----------------------------------------------------------------------
def fork_server(fd: int) -> None:
    """Import the readers, say so, then fork a child for each socket the server sends ("F") and
    kill a child it names ("K"); reap them all; on the server's going, kill them and end."""
    control = socket.socket(fileno=fd)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ^C at the server's console: it ends on EOF
    for module in PRELOAD:
        __import__(module)
    control.send(b"R")
    children: set[int] = set()
    while True:
        readable = select.select([control], [], [], _REAP_SECONDS)[0]
        _reap(children)
        if not readable:
            continue
        message, fds, _, _ = socket.recv_fds(control, 16, 1)
        if not message:  # the server has gone: so do the readings it waited for
            for pid in children:
                os.kill(pid, signal.SIGKILL)
            _reap(children, wait=True)
            return
        if message[:1] == b"K":
            pid = _PID.unpack(message[1:])[0]
            if pid in children:  # not reaped yet, so the pid is still that child's
                os.kill(pid, signal.SIGKILL)
            continue
        pid = os.fork()
        if pid == 0:
            control.close()
            try:
                serve(fds[0])
            finally:
                os._exit(0)
        os.close(fds[0])
        children.add(pid)
        control.send(_PID.pack(pid))


def _reap(children: set[int], wait: bool = False) -> None:
    for pid in list(children):
        done, _ = os.waitpid(pid, 0 if wait else os.WNOHANG)
        if done:
            children.discard(pid)


# -- in the child ----------------------------------------------------------------------------------
def serve(fd: int) -> None:
    """One reading: wait for the file, bound this process, read it, answer once."""
    connection = Connection(fd)
    try:
        environ, memory_mb, seconds, reader, content, filename = connection.recv()
    except EOFError:  # the server gave up before sending it
        return
    # The reader's settings (its own limits, read_limits.py) are read from the environment: the
    # server's as it is now, not as it was when the fork server started.
    os.environ.clear()
    os.environ.update({**environ, **WORKER_ENVIRONMENT})
    _bound(memory_mb, seconds)
    answer = _outcome(reader, content, filename)
    del content
    fallback: tuple[str, Any] = ("memory", None)
    try:
        connection.send(answer)  # pickled here, within the same limit: a large ledger's frames
        return
    except MemoryError:
        pass  # leaving the handler drops its traceback, and with it the half-made pickle
    except Exception as error:  # a result or an exception that will not pickle: a fault of ours
        fallback = ("raised", RuntimeError(f"the reading worker's answer cannot be sent: {error!r}"))
    answer = None  # what was read, freed before the short answer is made
    connection.send(fallback)


def _outcome(reader: Callable[[bytes, str], Any], content: bytes, filename: str) -> tuple[str, Any]:
    try:
        return ("done", reader(content, filename))
    except MemoryError:
        pass  # out of the handler, the traceback's frames (what was read so far) are freed
    except Exception as error:
        error.add_note(f"In the reading worker:\n{traceback.format_exc()}")
        return ("raised", error.with_traceback(None))
    return ("memory", None)


def _bound(memory_mb: int, seconds: int) -> None:
    # RLIMIT_DATA (Linux 4.7 on) counts the heap and every private writable mapping, which is
    # where Python objects, numpy and pyarrow buffers and Rust's allocations live; unlike
    # RLIMIT_AS it leaves out the libraries' code and the threads' reserved stacks and malloc
    # arenas (address space, not memory), so the limit is close to what reading uses.
    data = memory_mb << 20
    _lower(resource.RLIMIT_DATA, data, data)
    cpu = seconds + _CPU_GRACE_SECONDS
    _lower(resource.RLIMIT_CPU, cpu, cpu + _CPU_GRACE_SECONDS)  # SIGXCPU, then SIGKILL
    _lower(resource.RLIMIT_CORE, 0, 0)  # a worker ended by a signal leaves no core file behind


def _lower(which: int, soft: int, hard: int) -> None:
    """Set a limit, or leave it where the operating system already holds it lower."""
    _, ceiling = resource.getrlimit(which)
    if ceiling != resource.RLIM_INFINITY:
        soft, hard = min(soft, ceiling), min(hard, ceiling)
    resource.setrlimit(which, (soft, hard))


# -- for the service ----------------------------------------------------------------------------
def stopped_check(refusal: ReadingStopped, filename: str) -> LedgerCheck:
    """A refused check saying why the reading was stopped, as the reader says it cannot read."""
    name = Path(filename).name  # as check_file names the file
    return LedgerCheck(file=name, errors=[Flag("error", refusal.key, params=dict(refusal.params))])


def check_in_worker(
    content: bytes,
    filename: str,
    limits: ReadingLimits,
    reader: Callable[[bytes, str], LedgerCheck] = check_file,
) -> LedgerCheck:
    """`check_file` in a worker under `limits`; a reading stopped by a limit is a refused check.
    `reader` stands in for check_file in the tests (one that never ends, one that allocates)."""
    try:
        return read_in_worker(reader, content, filename, limits)
    except ReadingStopped as refusal:
        return stopped_check(refusal, filename)
