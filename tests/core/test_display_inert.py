"""`inert_markdown`, the one way outside text (sheet cells, file names, the URL, user names,
notices) reaches Streamlit's Markdown: it reads exactly as written and is never a link, an
image, HTML, a formula, a colour, an icon or an emoji (issue 12, part 5)."""

import pytest

from rectification.display import WORD_JOINER, inert_markdown
from tests.markdown_text import AUTOLINK, EMAIL, live_text, shown_text, unescaped_punctuation

HOSTILE = [
    "[x](http://evil.example)",
    "[点此重新登录](http://evil.example/login)",
    "http://evil.example/login",
    "见https://evil.example/中文",
    "HTTPS://EVIL.EXAMPLE/UP",
    "www.evil.example",
    "WWW.Evil.Example",
    "https://www.evil.example",
    "a@evil.example",
    "联系a.b+c@mail.evil.example",
    "mailto:a@evil.example xmpp:b@evil.example",
    "javascript:alert(1)",
    "<http://evil.example/angle>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "**bold**",
    "__bold__ *em* ~~gone~~ `code`",
    "# heading",
    "line\n===",
    "- item\n1. item\n> quote",
    "| a | b |\n|---|---|",
    ":red[colour]",
    ":blue-background[x] :green-badge[y] :small[z]",
    ":material/home: :tada: :+1:",
    "$x^2$",
    "$$\\int_0^1 x$$",
    "![img](http://evil.example/x.png)",
    "http&#58;//evil.example &lt;b&gt;",
    "A -> B <- C <-> D -- E >= F <= G ~= H",
    "    indented code",
    "\tindented too",
    "```\nfenced\n```",
    "a\\\nb \\[kept\\]",
    "line one\r\nline two\rline three",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_every_markdown_character_is_escaped(text):
    assert unescaped_punctuation(inert_markdown(text)) == []


@pytest.mark.parametrize("text", HOSTILE)
def test_nothing_in_the_text_becomes_a_link_an_icon_or_a_symbol(text):
    # remark-gfm finds bare URLs and e-mail addresses after escapes are resolved.
    assert live_text(inert_markdown(text)) == []


@pytest.mark.parametrize("text", HOSTILE)
def test_the_reader_sees_the_words_as_written(text):
    shown = shown_text(inert_markdown(text)).replace(WORD_JOINER, "").replace("  \n", "\n")
    # Line breaks kept; a line's leading blanks dropped (Markdown drops them too, or shows code).
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    written = "\n".join(line.lstrip(" \t") for line in lines)
    assert shown == written


def test_the_patterns_find_what_they_must_in_raw_text():
    # Without the helper each is live: the tests above would fail.
    assert AUTOLINK.search("see http://evil.example") and AUTOLINK.search("www.evil.example")
    assert EMAIL.search("a@evil.example")
    assert live_text("http\\://evil\\.example") and live_text("\\:tada\\:") and live_text("A \\-\\> B")
    assert unescaped_punctuation("[x](y)") != []


def test_plain_words_are_unchanged():
    assert inert_markdown("学习不深入，整改中") == "学习不深入，整改中"
    assert inert_markdown("") == ""


def test_line_breaks_are_kept_as_breaks():
    assert inert_markdown("一\n二") == "一  \n二"


def test_the_joiner_is_invisible():
    assert WORD_JOINER == "\u2060"
