"""Every refusal the product makes, in one place.

A refusal is not a fault: it is the product saying no to a person, in their language, for a
reason they can act on (a file it cannot read, an action their role does not grant, a version
that does not exist, a setting with a bad value). Each is a subclass of `Refusal`, carries a label
key and its parameters, and says its message in either language. Each entry point (the page
helpers, the command line's main) catches `Refusal` once; anything else that escapes is a bug.
"""

from __future__ import annotations

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


class NotPermitted(Refusal):
    """An action the acting identity's role, department scope or sign-in mode does not allow."""


class NotVerifiable(Refusal):
    """A closure (销号) that cannot be recorded: the item is not in the current version, or not done."""


class NoSuchVersion(Refusal):
    """A version number the store does not hold."""

    exit_code = 2


class FileRefused(Refusal):
    """An upload that validation refused: it cannot be saved, whatever the role."""


class InvalidMember(Refusal):
    """A role-table entry that cannot be made (an unknown role, an uploader without a department)."""

    exit_code = 2


class BadSetting(Refusal):
    """A setting whose value cannot be used; the message names the variable and what it accepts."""

    exit_code = 2


class StoreTooNew(Refusal):
    """The store was written by a newer release of the program than this one."""


class UsageError(Refusal):
    """A command line that does not parse, or names something that does not exist."""

    exit_code = 2


class CannotRead(Refusal):
    """A file named on the command line that is not there or cannot be read."""


class CannotWrite(Refusal):
    """An output file that cannot be written (a missing folder, no permission, a full disk)."""
