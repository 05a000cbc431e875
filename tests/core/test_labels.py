"""The one label table holds every key the code asks for, in both languages, and nothing else.

Keys are found two ways. Literal keys are quoted strings in the code that look like keys
("upload.refused", ctx.t("filter.any"), NotPermitted("auth.action_refused"), Flag("error",
"date.invalid", …)). Keys built at run time (label(f"role.{role}")) are listed in DYNAMIC below,
each prefix with the names it takes, taken from the code's own tuples where it has them.
"""

import re
import string

import pytest

from rectification.access import MODES, ROLES
from rectification.dates import DECIDED
from rectification.errors import Refusal
from rectification.extensions import EXTENSION_STATES
from rectification.filters import FILTERED_FIELDS
from rectification.labels import LABELS, LANGS, label
from rectification.layout import SET_APART
from rectification.metrics import AGEING_BUCKETS, AMOUNT_FIELDS, COMPARED_FIELDS, WARNING_LEVELS
from rectification.notices.parse import COMPARED_CLAIMS
from rectification.quiet_changes import QUIET_KINDS
from rectification.reminders import CHAIN, CHANNELS
from rectification.robots import ROBOTS
from rectification.schema import DEADLINE_TERMS, FIELDS, STATUS_CODES
from rectification.sending import FAILURES
from rectification.store.versions import _MODES as VERSION_MODES
from rectification.store.versions import AS_OF_SOURCES
from tests.builders import ROOT

SOURCES = sorted(
    [*(ROOT / "rectification").rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "dashboard.py"]
)
CODE = {path: path.read_text(encoding="utf-8") for path in SOURCES if path.name != "labels.py"}

KEY = r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+"
# Any quoted word or dotted name: the table has a few keys without a dot ("yes").
QUOTED_KEY = re.compile(r"([\"'])([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*)\1")


def _refusals(cls: type) -> set[str]:
    return {sub.__name__ for sub in cls.__subclasses__()} | {
        n for s in cls.__subclasses__() for n in _refusals(s)
    }


# The calls that take a key as their first text argument: label(), a page's ctx.t() or the
# command line's t(), Words() and every Refusal; and a Flag's second argument.
TAKERS = "|".join(sorted({"label", "t", "Words", "Refusal", *_refusals(Refusal)}))
CALLED_KEY = re.compile(rf"\b(?:{TAKERS})\(\s*([\"'])({KEY})\1")
FLAGGED_KEY = re.compile(rf"\bFlag\(\s*([\"'])(?:error|warning)\1,\s*([\"'])({KEY})\2")
# Keys built at run time, as label(f"role.{…}") or Flag("warning", f"notice.disagrees.{…}").
BUILT_KEY = re.compile(r"\b(?:label|t|Flag\(\s*[\"'](?:error|warning)[\"'],)\(?\s*f([\"'])(.+?)\1")


def _commands() -> tuple[str, ...]:
    """The command line's top-level commands: each one's help is label "cli.help.<name>"."""
    from rectification.__main__ import build_parser

    (commands,) = [a for a in build_parser("zh")._actions if a.dest == "command"]
    return tuple(commands.choices)


# Prefix (as the code writes it, "{}" standing for the part filled in) and the names it takes.
DYNAMIC: dict[str, tuple[str, ...]] = {
    "role.{}": ROLES,  # access.RoleName, pages/admin.py, the users table
    "upload.mode.{}": MODES,  # pages/upload.py and pages/report.py offer these
    "history.mode.{}": VERSION_MODES,  # every mode a version can be saved in
    "warning.{}": (*WARNING_LEVELS, "none"),  # export writes "none" for no level
    "filter.{}": (*FILTERED_FIELDS, "supporting", "status", "warning"),  # the sidebar filters
    "notice.disagrees.{}": COMPARED_CLAIMS,  # notices/parse.py compares these figures
    "departments.lead_{}": ("marked", "first"),  # ledger._departments: how a lead was chosen
    "rows.{}": SET_APART,  # ledger._set_apart: rows that are not problems
    "date.rule.{}": DECIDED,  # ledger._say_dates_read: how a deadline in words was read
    "column.{}": AMOUNT_FIELDS,  # display.department_table: an audit ledger's amounts
    "{}.invalid": tuple(f.name for f in FIELDS if f.kind == "date"),  # a bad date outside a deadline
    "cli.help.{}": _commands(),
    "as_of.source.{}": AS_OF_SOURCES,  # display.version_table: how an as-of date was decided
    "upload.as_of_source.{}": AS_OF_SOURCES,  # widgets.save_panel says the same in the preview
    "cli.as_of.{}": AS_OF_SOURCES,  # import prints it
    "extension.state.{}": EXTENSION_STATES,  # extensions.extension_state
    "cli.extension_{}": ("approved", "rejected"),  # extensions approve|reject prints it
    "quiet.kind.{}": QUIET_KINDS,  # quiet_changes: each kind of change that happened quietly
    "ageing.{}": tuple(name for name, _, _ in AGEING_BUCKETS),  # charts.ageing_chart's bars
    # widgets.comparison_card and display.comparison_table: a round's units, or its rounds
    "overview.compare.{}": COMPARED_FIELDS,
    "overview.compare_hint.{}": COMPARED_FIELDS,
    "compare.blank.{}": COMPARED_FIELDS,
    "remind.role.{}": CHAIN,  # reminders.digest_text: whom a digest goes to
    "remind.channel.{}": CHANNELS,  # remind's lines: how a copy went
    "cli.remind_{}": ("sent", "failed", "skipped"),  # store.chasing.Outcome's statuses
    "remind.outcome.{}": ("sent", "failed"),  # the record keeps these two
    "send.{}": FAILURES,  # why a copy failed (display.failure_words)
    "robot.{}": ROBOTS,  # contacts list: which office-chat robot
    # Resolved from the schema by label() rather than from LABELS.
    "field.{}": tuple(f.name for f in FIELDS),
    "status.{}": STATUS_CODES,
    "term.{}": tuple(DEADLINE_TERMS),
}
BUILT = {template.format(name) for template, names in DYNAMIC.items() for name in names}
LITERAL = {m.group(2) for text in CODE.values() for m in QUOTED_KEY.finditer(text)} & set(LABELS)
CALLED = {
    key
    for text in CODE.values()
    for key in [m.group(2) for m in CALLED_KEY.finditer(text)]
    + [m.group(3) for m in FLAGGED_KEY.finditer(text)]
}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_key_the_code_asks_for_has_text_in_both_languages():
    def has_text(key: str, lang: str) -> bool:
        try:
            return bool(label(key, lang).strip())
        except KeyError:
            return False

    missing = sorted((key, lang) for key in CALLED | BUILT for lang in LANGS if not has_text(key, lang))
    assert missing == []


def test_every_run_time_key_prefix_in_the_code_is_listed_with_its_names():
    written = {
        re.sub(r"\{[^{}]*\}", "{}", m.group(2)): path.relative_to(ROOT).as_posix()
        for path, text in CODE.items()
        for m in BUILT_KEY.finditer(text)
    }
    assert set(written) - set(DYNAMIC) == set(), written


@pytest.mark.parametrize("template", sorted(DYNAMIC))
def test_each_listed_prefix_is_still_written_in_the_code(template):
    pattern = re.compile("f[\"']" + re.escape(template).replace(r"\{\}", r"\{[^}]+\}") + "[\"']")
    assert any(pattern.search(text) for text in CODE.values()), f'no f"{template}" left in the code'


def test_no_key_in_the_table_is_unused():
    unused = sorted(set(LABELS) - LITERAL - BUILT)
    assert unused == [], "delete these keys from rectification/labels.py or use them"


def test_no_text_in_the_table_is_empty():
    assert [key for key, texts in LABELS.items() if not all(text.strip() for text in texts)] == []


def test_both_languages_fill_in_the_same_placeholders():
    differ = {key: (placeholders(zh), placeholders(en)) for key, (zh, en) in LABELS.items()}
    assert {key: names for key, names in differ.items() if names[0] != names[1]} == {}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param("第{row}行“{column}”", {"row", "column"}, id="plain placeholders are found"),
        pytest.param("{count:row|rows} read", {"count"}, id="a plural spec is not part of the name"),
        pytest.param("{{literal}} braces", set(), id="doubled braces are not a placeholder"),
    ],
)
def test_placeholders_are_read_the_way_str_format_reads_them(text, names):
    assert placeholders(text) == names
