"""The notice as a Word document, laid out as GB/T 9704-2012 (党政机关公文格式) has it, and the
text of a .docx notice for reading one in. The edge that uses python-docx; the parts come from
notice_write.compose_notice."""

from __future__ import annotations

import io
import math
import unicodedata
from itertools import pairwise

from .write import Notice

# The faces GB/T 9704 names: 小标宋 for the title, 楷体 for second-level headings, 仿宋 for the body.
# 仿宋 rather than 仿宋_GB2312: 仿宋 (FangSong) comes with every Windows since Vista and with WPS,
# and covers all of GBK; 仿宋_GB2312 has not shipped with Windows since 7 and holds only the 6,763
# GB2312 characters, so a rarer character in a person's or place's name would drop to another
# face mid-line. The design is the same, so the page looks as offices expect. Likewise 楷体.
TITLE_FONT, HEADING_FONT, BODY_FONT, PAGE_NUMBER_FONT = "方正小标宋简体", "楷体", "仿宋", "宋体"
TITLE_PT, BODY_PT, PAGE_NUMBER_PT = 22, 16, 14  # 二号, 三号, 四号
LINE_PT, TITLE_LINE_PT = 28, 35  # exact line spacing: body and headings; the title's larger type
THEME_FONT_ATTRIBUTES = ("asciiTheme", "eastAsiaTheme", "hAnsiTheme", "cstheme")


def notice_docx(notice: Notice) -> bytes:
    """The notice as a Word document laid out as GB/T 9704 has it: A4 with the standard margins,
    the title centred in 小标宋 二号, "（一）…" headings in 楷体 三号 (Heading 1, for the navigation
    pane), the body in 仿宋 三号 at exactly 28 pt with a two-character first-line indent, the
    sign-off right-aligned below, and the page number as "— N —" centred in the footer."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    document = Document()
    properties = document.core_properties  # not "python-docx" as author in File › Properties
    properties.title, properties.author, properties.comments = notice.title, notice.unit, ""
    properties.language = "zh-CN"
    _plain_fonts_and_chinese(document)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.footer_distance = Cm(2.4)  # the number about 7 mm below the text block

    normal = document.styles["Normal"]
    _set_font(normal, BODY_FONT, BODY_PT)
    body = normal.paragraph_format
    body.space_before = body.space_after = Pt(0)
    body.line_spacing_rule, body.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(LINE_PT)
    body.widow_control = False  # a fixed 22 lines a page, as typeset notices have
    heading = document.styles["Heading 1"]
    _set_font(heading, HEADING_FONT, BODY_PT)
    for name in ("w:b", "w:bCs"):  # 楷体 is set regular in notices; Word would fake a bold
        for element in heading.element.rPr.findall(qn(name)):
            heading.element.rPr.remove(element)
    heading.font.color.rgb = RGBColor(0, 0, 0)
    color = heading.element.rPr.find(qn("w:color"))
    for name in ("w:themeColor", "w:themeShade", "w:themeTint"):
        color.attrib.pop(qn(name), None)
    spacing = heading.paragraph_format
    spacing.space_before = spacing.space_after = Pt(0)
    spacing.line_spacing_rule, spacing.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(LINE_PT)
    spacing.keep_with_next = True
    _indent_two_characters(heading.element.get_or_add_pPr())

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = Pt(TITLE_LINE_PT)
    title.paragraph_format.space_after = Pt(LINE_PT)  # 标题下空一行
    lines = title_lines(notice.title)
    for number, line in enumerate(lines, start=1):
        run = title.add_run(line)
        _set_font(run, TITLE_FONT, TITLE_PT)
        if number < len(lines):
            run.add_break()
    paragraphs = [(notice.summary, None)]
    paragraphs += [part for head, text in notice.sections for part in ((head, "Heading 1"), (text, None))]
    paragraphs += [(notice.closing, None)] if notice.closing else []
    for text, style in paragraphs:
        paragraph = document.add_paragraph(text, style=style)
        if style is None:
            _indent_two_characters(paragraph._p.get_or_add_pPr())
    sign_off = _sign_off(notice.unit, notice.dated)
    paragraph.paragraph_format.keep_with_next = bool(sign_off)  # no page with the sign-off alone
    for number, (line, indent) in enumerate(sign_off, start=1):
        paragraph = document.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = Pt(BODY_PT * indent)
        paragraph.paragraph_format.keep_with_next = number < len(sign_off)
        if number == 1:
            paragraph.paragraph_format.space_before = Pt(LINE_PT)  # 正文下空一行
    _page_number(section.footer.paragraphs[0])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _plain_fonts_and_chinese(document) -> None:
    """Drop theme-font references from every style and the document defaults (Word prefers them to
    the named fonts), name 仿宋 as the default, and mark East Asian text as Chinese (zh-CN)."""
    from docx.oxml.ns import qn

    styles = document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for name in THEME_FONT_ATTRIBUTES:
            fonts.attrib.pop(qn(f"w:{name}"), None)
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for name in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        defaults.find(qn("w:rFonts")).set(qn(name), BODY_FONT)
    defaults.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    theme_language = document.settings.element.find(qn("w:themeFontLang"))
    if theme_language is not None:
        theme_language.set(qn("w:eastAsia"), "zh-CN")


def _set_font(target, name: str, size: float) -> None:
    """A style's or run's font: the same face for Latin and Chinese text, no theme reference."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    target.font.name, target.font.size = name, Pt(size)
    fonts = target.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    for attribute in THEME_FONT_ATTRIBUTES:
        fonts.attrib.pop(qn(f"w:{attribute}"), None)


def _indent_two_characters(paragraph_properties) -> None:
    """First line indented by two characters: Word reads firstLineChars (it follows the font
    size), other readers the equivalent twips at 三号."""
    from docx.oxml.ns import qn

    indent = paragraph_properties.get_or_add_ind()
    indent.set(qn("w:firstLineChars"), "200")
    indent.set(qn("w:firstLine"), str(2 * BODY_PT * 20))


def _width(text: str) -> float:
    """Width in characters of 三号: Chinese (and full-width) characters 1, digits and Latin ½."""
    return sum(1 if unicodedata.east_asian_width(c) in "FWA" else 0.5 for c in text)


def _sign_off(unit: str, dated: str) -> list[tuple[str, float]]:
    """The sign-off's lines with their right indents in characters, as GB/T 9704 (7.3.5.2) has
    them: the unit two characters from the right, the date starting two characters in from the
    unit's start; a date longer than that stays two from the right and the unit moves left."""
    if not (unit and dated):
        return [(line, 2) for line in (unit, dated) if line]
    u, d = _width(unit), _width(dated)
    if u - 2 >= d:
        return [(unit, 2), (dated, u - d)]
    return [(unit, 4 + d - u), (dated, 2)]


def title_lines(title: str, per_line: float = 20) -> list[str]:
    """The title broken into lines of about equal length (GB/T 9704: 梯形或菱形, words kept whole),
    at most `per_line` characters of 二号 each (20 fit the 156 mm text width). Breaks go next to
    关于 (after the unit, before the round) or before 整改 freely, at likely word ends (after 年,
    委员会, 区委…, before 第 or quotation marks) cheaply, elsewhere only at a cost: a word
    may be cut there. Never inside quotation marks, before closing punctuation or in a number."""
    total = _width(title)
    if total <= per_line:
        return [title]
    penalties = [_break_penalty(title, i) for i in range(len(title) + 1)]
    for count in range(math.ceil(total / per_line), len(title) + 1):
        target = total / count
        best: dict[tuple[int, int], tuple[float, list[int]]] = {(0, 0): (0.0, [])}
        for lines in range(1, count + 1):
            for end in range(1, len(title) + 1):
                if (lines == count) != (end == len(title)) or penalties[end] == math.inf:
                    continue
                options = [
                    (cost + (_width(title[start:end]) - target) ** 2 + penalties[end], [*breaks, end])
                    for (done, start), (cost, breaks) in best.items()
                    if done == lines - 1 and start < end and _width(title[start:end]) <= per_line
                ]
                if options:
                    best[(lines, end)] = min(options)
        if (count, len(title)) in best:
            return [title[start:end] for start, end in pairwise([0, *best[(count, len(title))][1]])]
    return [title]


_OPENING, _CLOSING_MARKS = "“‘（《〈【", "”’）》〉】，。、；：！？"
_WORD_ENDS = ("年", "”", "委员会", "党组", "党委", "工委", "区委", "县委", "市委", "省委", "开发区", "局")


def _break_penalty(title: str, at: int) -> float:
    """The cost of a line break before title[at]."""
    if at in (0, len(title)):
        return 0.0
    before, after = title[at - 1], title[at]
    quoted = title[:at].count("“") > title[:at].count("”")
    if quoted or before in _OPENING or after in _CLOSING_MARKS or (before.isascii() and after.isascii()):
        return math.inf
    if title[:at].endswith("关于") or title.startswith(("关于", "整改"), at):
        return 0.0
    return 2.0 if title[:at].endswith(_WORD_ENDS) or after in "第“" else 30.0


def _page_number(paragraph) -> None:
    """ "— N —" centred in 宋体 四号, N a PAGE field (GB/T 9704 puts a 一字线 either side)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def run(text: str = "", field: str | None = None, instruction: str | None = None) -> None:
        added = paragraph.add_run(text)
        _set_font(added, PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
        if field:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), field)
            added._r.append(mark)
        if instruction:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = instruction
            added._r.append(code)

    run("— ")
    run(field="begin")
    run(instruction=" PAGE ")
    run(field="separate")
    run("1")
    run(field="end")
    run(" —")


def docx_text(content: bytes) -> str:
    """The paragraphs of a .docx file, one a line (for reading a notice). The zip is held to the
    reading limits first (read_limits.inspect_zip): python-docx inflates document.xml whole."""
    from docx import Document

    from ..read_limits import inspect_zip, limits_in_effect

    inspect_zip(content, limits_in_effect())
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
