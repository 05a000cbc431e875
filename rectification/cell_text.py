"""What a cell's text may hold once read, whatever kind of file it came from (issue 12, part 4).

Pure rules on strings; ledger._texts applies them once to every cell of every door (sheets, CSV
and text, web pages, notices), so SQLite and PostgreSQL are handed the very same text:

- Control characters are removed from every text (NUL, the bell, escape sequences, DEL, C1
  controls, lone surrogates, the noncharacters U+FFFE/U+FFFF). PostgreSQL text cannot hold NUL at
  all and SQLite would keep it: a file must not be saved on one store and refused by the other.
  Tab and line breaks stay; a CR or CRLF inside a cell becomes one LF, as Excel writes a line
  break inside a cell.
- Keys (the fields that group, filter and join: ids, categories, departments, units, rounds) also
  lose invisible format characters (zero-width spaces and joiners, word joiner, BOM, soft hyphen,
  direction marks, variation selectors, tag characters, fillers): 党⟨U+200B⟩建 is 党建 wherever
  it is counted. Keys that differ only in compatibility forms (full-width letters, circled
  digits, an ideographic space: NFKC) are told apart by `fold_key`, so the reader can make them
  one and say so.
- A text made of nothing but invisible characters and white space is blank (`is_blank`).
"""

from __future__ import annotations

import re
import unicodedata

# Kept: tab, LF (and CR, made LF first). Removed: the other C0 controls, DEL and the C1 controls,
# lone surrogates (no store can encode them) and the two noncharacters of the BMP's last row.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_END = re.compile("\r\n?")
# Invisible characters, in two sets by what str.isprintable() says of them: it is a test of a few
# nanoseconds a character (a regular expression takes about 12), and text it passes holds no
# control character and none of the first set. The first: format characters (Unicode category
# Cf) that show nothing (the Arabic and Egyptian marks of that category are visible and left
# alone). The second, which it passes: variation selectors, the combining grapheme joiner, the
# Mongolian free variation selectors, the Hangul fillers and the blank braille pattern.
_FORMAT = (
    "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_SHOWN_BLANK = "\u034f\u115f\u1160\u180b-\u180d\u180f\u2800\u3164\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef"
INVISIBLE = re.compile(f"[{_FORMAT}{_SHOWN_BLANK}]")
PRINTABLE_INVISIBLE = re.compile(f"[{_SHOWN_BLANK}]")


def has_controls(text: str) -> bool:
    """Whether `clean_text` would remove anything from `text` (line breaks are kept, not removed)."""
    return _CONTROLS.search(text) is not None


def surely_plain(text: str) -> bool:
    """A quick test that `text` holds no control character, no CR and no format character (the
    first set of invisible ones): str.isprintable, once more without the white space it refuses
    and a ledger is full of (line breaks, tabs, the ideographic and the no-break space). False
    only says: look closer. A whole column's joined text takes it in one go."""
    if text.isprintable():
        return True
    return text.replace("\n", "").replace("\t", "").replace("\u3000", "").replace("\xa0", "").isprintable()


def clean_text(text: str) -> str:
    """`text` without control characters, its line breaks as LF."""
    if "\r" in text:
        text = _LINE_END.sub("\n", text)
    return _CONTROLS.sub("", text)


def key_text(text: str) -> str:
    """A key as it is kept: `clean_text` without invisible characters, trimmed."""
    return INVISIBLE.sub("", clean_text(text)).strip()


def fold_key(text: str) -> str:
    """What two keys must share to be one key: `key_text` in NFKC, white space collapsed."""
    return " ".join(unicodedata.normalize("NFKC", key_text(text)).split())


def is_blank(text: str) -> bool:
    """Whether `text` shows nothing: empty, white space and invisible characters only."""
    return not key_text(text)


def shown_invisibly(text: str) -> str:
    """`text` with each invisible or control character named (党⟨U+200B⟩建), for a message that
    must show two texts that look the same."""
    return _SHOWN.sub(lambda found: f"⟨U+{ord(found.group()):04X}⟩", text)


_SHOWN = re.compile(f"{INVISIBLE.pattern}|{_CONTROLS.pattern}|[\r\t\n]")
