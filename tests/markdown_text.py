"""What Streamlit's Markdown (react-markdown with remark-gfm, Streamlit's directives, emoji and
typographic plugins) would make of a source, as far as the tests need to know (issue 12).

No GFM renderer is installed for Python, and none would be Streamlit's: these are the patterns
the browser's renderer applies, taken from Streamlit 1.67's bundle, so a test can say whether a
source turns into anything but text. The browser test checks the real renderer."""

from __future__ import annotations

import re

# CommonMark: a backslash before any ASCII punctuation character shows that character.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
ASCII_PUNCTUATION = frozenset(chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum())

# mdast-util-gfm-autolink-literal runs these on the text nodes, after escapes are resolved: a
# backslash before ":" or "." does not stop them.
AUTOLINK = re.compile(r"(https?://|www(?=\.))[-.\w]+", re.IGNORECASE)
EMAIL = re.compile(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+")
# remark-emoji's shortcodes; Streamlit turns ":material/x:" into ":material_x:" before parsing.
SHORTCODE = re.compile(r":[\w/+-]+:")
# Streamlit's typographic replacements (→ ← ↔ — ≥ ≤ ≈).
TYPOGRAPHIC = re.compile(r"<->|->|<-|--|>=|<=|~=")


def shown_text(source: str) -> str:
    """The text a reader sees of `source`, were it all text: escapes resolved."""
    return _ESCAPE.sub(r"\1", source)


def read(source: str) -> str:
    """What a reader sees of `source`, to compare with words a test expects: escapes resolved,
    `inert_markdown`'s invisible word joiners and hard-break spaces gone."""
    return shown_text(source).replace("\u2060", "").replace("  \n", "\n")


def unescaped_punctuation(source: str) -> list[tuple[int, str]]:
    """Each ASCII punctuation character in `source` that no backslash escapes, with its place:
    every one of them may start Markdown (a link, emphasis, a directive, HTML, a formula)."""
    found = []
    escaped = False
    for at, char in enumerate(source):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in ASCII_PUNCTUATION:
            found.append((at, char))
    return found


def live_text(source: str) -> list[str]:
    """What a renderer would turn into a link, an icon or an emoji, or replace by a symbol, in
    the text of `source`: empty for inert text."""
    text = shown_text(source)
    return [
        match.group(0)
        for pattern in (AUTOLINK, EMAIL, SHORTCODE, TYPOGRAPHIC)
        for match in pattern.finditer(text)
    ]
