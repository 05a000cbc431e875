"""Every refusal the product makes, in one place.

A refusal is not a bug: it is the product saying no to a person, in their language, for a
reason they can act on (a file it cannot read, an action their role does not grant, a version
that does not exist, a setting with a bad value), or naming a fault of the machine it runs on that
an administrator can mend (`SystemFault`: a database that cannot be reached, a read-only store, a
full disk). Each is a subclass of `Refusal`, carries a label key and its parameters, and says its
message in either language. Each entry point (the page helpers, the command line's main) catches
`Refusal` once; anything else that escapes is a bug, logged with its traceback, never shown.
"""

from __future__ import annotations

import errno
from pathlib import Path

from .labels import DEFAULT_LANG, label


class Words:
    """A label, with its parameters, to be shown inside another message in the reader's language
    (a role's name, the reason inside a usage error)."""

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params

    def localised(self, lang: str) -> str:
        return label(self.key, lang, **self.params)


class Refusal(Exception):
    """The base of every refusal: `key` names the label, `params` fill it in."""

    exit_code = 1  # the command line's exit status for this refusal

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key, self.params = key, params

    def message(self, lang: str = DEFAULT_LANG) -> str:
        # A parameter that is itself a word of ours (a role's name) is shown in `lang` too.
        params = {k: v.localised(lang) if hasattr(v, "localised") else v for k, v in self.params.items()}
        return label(self.key, lang, **params)

    def __str__(self) -> str:
        return self.message()


class UnreadableFile(Refusal):
    """A file that cannot be read as a spreadsheet or a notice (damaged, empty, wrong kind)."""


class ReadingStopped(UnreadableFile):
    """A file whose reading was stopped by the app's reading worker: it needed more memory or time
    than the settings allow, or the worker ended without an answer (rectification.reading_worker)."""


class NotPermitted(Refusal):
    """An action the acting identity's role, department scope or sign-in mode does not allow."""


class NotVerifiable(Refusal):
    """A closure (销号) that cannot be recorded: the item is not in the current version, or not done."""


class NotDecidable(Refusal):
    """An oversight step that cannot be taken as asked: an extension that is not pending, a
    problem that is not verified closed, a deadline pushed back without a reason."""


class NoSuchVersion(Refusal):
    """A version number the store does not hold."""

    exit_code = 2


class FileRefused(Refusal):
    """An upload that validation refused: it cannot be saved, whatever the role."""


class InvalidMember(Refusal):
    """A role-table entry that cannot be made (an unknown role, an uploader without a department)."""

    exit_code = 2


class BadContacts(Refusal):
    """A contacts sheet, or a contact typed in, that cannot be taken (issue 16): each bad cell
    named by file, sheet, row and column; nothing is changed."""


class BadSetting(Refusal):
    """A setting whose value cannot be used; the message names the variable and what it accepts."""

    exit_code = 2


class StoreTooNew(Refusal):
    """The store was written by a newer release of the program than this one."""


class NoticeFigures(Refusal):
    """A composed notice would state a figure the ledger does not give (issue 15)."""


class UsageError(Refusal):
    """A command line that does not parse, or names something that does not exist."""

    exit_code = 2


class CannotRead(Refusal):
    """A file named on the command line that is not there or cannot be read."""


class CannotWrite(Refusal):
    """An output file that cannot be written (a missing folder, no permission, a full disk)."""


class SystemFault(Refusal):
    """A fault of the machine, not of the person nor of the program: the database, the disk, the
    permissions of a file or folder. Raised where it arises (`store.faults` for the database,
    `file_refusal` for files), its message names the cause and what an administrator can do; the
    driver's or the system's own error stays its `__cause__`, for the log."""


class StoreUnavailable(SystemFault):
    """The store cannot be reached or opened: a server that is down or refuses the connection or
    the sign-in, a database that does not exist, a database file that cannot be opened, is busy
    or is damaged."""


class StoreReadOnly(SystemFault):
    """The store can be read but not written: a read-only database file or data folder, a database
    account without the right to write, a read-only server."""


class ValueRefused(SystemFault):
    """A value the database would not take (PostgreSQL text cannot hold a NUL character), so the
    version was not saved."""


class DiskFull(SystemFault):
    """No room left on the disk: under the store, or where a file was being written."""


_DISK_FULL = {errno.ENOSPC, errno.EDQUOT}
_NO_PERMISSION = {errno.EACCES, errno.EPERM, errno.EROFS}


def file_refusal(error: OSError, path: Path, *, writing: bool) -> Refusal:
    """The refusal for an OSError reading or writing `path`, naming its real cause: a full disk,
    no permission (the file, or the folder it goes in), a missing file or folder, a folder where
    a file was expected; the system's own words for anything else."""
    folder = path.parent if str(path.parent) not in ("", ".") else Path.cwd()
    if error.errno in _DISK_FULL:
        return DiskFull("file.disk_full", file=path, folder=folder)
    if error.errno in _NO_PERMISSION:
        if writing:
            return CannotWrite("file.not_writable", file=path, folder=folder)
        return CannotRead("file.not_readable", file=path)
    if error.errno == errno.EISDIR:
        return (CannotWrite if writing else CannotRead)("file.is_folder", file=path)
    if error.errno == errno.ENOENT:
        if writing:
            return CannotWrite("file.no_folder", file=path, folder=folder)
        return CannotRead("file.not_found", file=path)
    reason = error.strerror or type(error).__name__
    if writing:
        return CannotWrite("cli.cannot_write", file=path, reason=reason)
    return CannotRead("file.cannot_read", file=path, reason=reason)
