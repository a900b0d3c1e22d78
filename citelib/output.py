"""Whole reference lists as documents: plain text, HTML, Markdown, LaTeX, RTF and Word.

:func:`citelib.format_bibliography` renders each entry; this module puts the entries
together the way each kind of document wants them:

- ``html``: citeproc-js's ``<div class="csl-bib-body">`` with one ``csl-entry`` per
  work (labels in ``csl-left-margin``), or with ``standalone`` a complete page with a
  charset and the style's language;
- ``markdown``: one paragraph per entry (blank lines between), text escaped;
- ``latex``: a ``thebibliography`` environment to ``\\input`` into a thesis template
  (``\\bibitem[n]{key}`` in numeric styles, natbib's ``\\bibitem[{Author(Year)}]{key}``
  otherwise; needs the ``url`` or ``hyperref`` package for ``\\url``);
- ``rtf``: one paragraph per entry, as citeproc-js's RTF, in a document Word opens;
- Word (:func:`bibliography_docx`): one paragraph per entry, numeric labels on a
  hanging indent with a tab stop, the fonts of :class:`Fonts`.

>>> bib = citelib.format_bibliography(lib.works)
>>> Path("refs.docx").write_bytes(citelib.bibliography_docx(bib))
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

import attrs

from .errors import WriteError
from .language import work_language
from .model import Name, Work
from .render import Bibliography, Entry

if TYPE_CHECKING:
    from ._citeproc import Rich

__all__ = ["DocumentMarkup", "Fonts", "bibliography_docx", "bibliography_text"]

DocumentMarkup = Literal["text", "html", "markdown", "latex", "rtf"]
_MARKUPS = ("text", "html", "markdown", "latex", "rtf")


@attrs.frozen
class Fonts:
    """Fonts of a Word or RTF list: by default those of Chinese theses, 宋体 for Chinese
    text, Times New Roman for Latin text, 五号 (10.5 pt)."""

    #: the font of Latin (and other non-East-Asian) text
    latin: str = "Times New Roman"
    #: the font of Chinese, Japanese and Korean text
    east_asian: str = "宋体"
    #: the size in points (五号 10.5, 小四 12, 小五 9)
    size: float = 10.5

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.size <= 1638:  # what Word accepts
            raise ValueError(f"font size {self.size} pt: give a size from 1 to 1638")
        if not self.latin.strip() or not self.east_asian.strip():
            raise ValueError("a font needs a name")


# ----------------------------------------------------------------------------- entries


def _parts(entry: Entry) -> tuple[Rich | None, Rich]:
    """An entry's label and body as rich text (a hand-built entry: its text, plainly)."""
    from ._citeproc import Rich

    if entry.rich is not None:
        return entry.rich
    return None, Rich.plain(entry.text)


def _whole(entry: Entry) -> Rich:
    from ._citeproc import Rich

    label, body = _parts(entry)
    return body if label is None else label + Rich.plain(" ") + body


def _numbered(bib: Bibliography) -> bool:
    """Whether the list has labels set apart (CSL ``second-field-align``: numeric styles)."""
    return any(_parts(e)[0] is not None for e in bib.entries)


def _style_option(bib: Bibliography, name: str) -> str | None:
    from .render import _style

    section = _style(bib.style).bibliography
    return section.opt(name) if section is not None else None


def _language(bib: Bibliography) -> str:
    from .render import _style

    return _style(bib.style).default_locale


# ----------------------------------------------------------------------------- text documents


def bibliography_text(
    bib: Bibliography,
    markup: DocumentMarkup = "text",
    *,
    standalone: bool = False,
    works: Iterable[Work] | Mapping[str, Work] = (),
    fonts: Fonts = Fonts(),  # noqa: B008 - immutable
) -> str:
    """The reference list *bib* as one document in *markup*.

    ``standalone`` makes HTML a complete page (``<!DOCTYPE html>``, a UTF-8 charset, the
    style's language); the other markups are documents as they are.  LaTeX labels in
    author-date styles are natbib's ``Author(Year)``, made from *works* (the rendered
    ones; a work not given is labelled by its key).  *fonts* are RTF's.
    """
    from ._citeproc import to_markdown, to_text

    if markup == "html":
        return _html(bib, standalone=standalone)
    if markup == "markdown":
        return "".join(to_markdown(_whole(e)) + "\n\n" for e in bib.entries).removesuffix("\n")
    if markup == "latex":
        by_id = dict(works) if isinstance(works, Mapping) else {w.id: w for w in works}
        return _latex(bib, by_id)
    if markup == "rtf":
        return _rtf(bib, fonts)
    if markup == "text":
        return "".join(to_text(_whole(e)).strip() + "\n" for e in bib.entries)
    raise ValueError(f"unknown markup {markup!r}; known: {', '.join(_MARKUPS)}, or Word")


# HTML


_CSS = """\
body { max-width: 50em; margin: 2em auto; padding: 0 1em; line-height: 1.5; }
.csl-entry { margin: 0.25em 0; }
.hanging-indent .csl-entry { padding-left: 2em; text-indent: -2em; }
.csl-left-margin { float: left; min-width: %(label)sem; padding-right: 0.5em; }
.csl-right-inline { margin-left: %(indent)sem; }
"""


def _html(bib: Bibliography, *, standalone: bool) -> str:
    from ._citeproc import to_html
    from ._citeproc.rich import _html_escape

    lines = []
    classes = ["csl-bib-body"]
    if _style_option(bib, "hanging-indent") == "true":
        classes.append("hanging-indent")
    widest = 0
    for entry in bib.entries:
        label, body = _parts(entry)
        if label is None:
            lines.append(f'  <div class="csl-entry">{to_html(body)}</div>\n')
            continue
        widest = max(widest, len(str(label)))
        lines.append(
            '  <div class="csl-entry">\n'
            f'    <div class="csl-left-margin">{to_html(label)}</div>'
            f'<div class="csl-right-inline">{to_html(body)}</div>\n'
            "  </div>\n"
        )
    fragment = f'<div class="{" ".join(classes)}">\n{"".join(lines)}</div>\n'
    if not standalone:
        return fragment
    lang = _language(bib)
    title = "参考文献" if lang.lower().startswith("zh") else "References"
    label_em = max(1.5, 0.6 * widest)
    css = _CSS % {"label": f"{label_em:g}", "indent": f"{label_em + 0.5:g}" if widest else "0"}
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_html_escape(lang)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f"<style>\n{css}</style>\n"
        "</head>\n"
        "<body>\n"
        f"{fragment}"
        "</body>\n"
        "</html>\n"
    )


# LaTeX

_BAD_KEY = frozenset("{}%#\\,~ \t\n")
_CJK = ("zh", "ja", "ko")


def _natbib_label(entry: Entry, work: Work | None) -> str:
    """natbib's ``Short(Year)Full`` for an author-date entry: the first author's family name
    (a Chinese name whole), ``A and B``, ``A et al.`` (``A和B``, ``A等`` for Chinese works);
    with three names or more, every name after the year for ``\\citet*``."""
    if work is None:
        return f"{entry.id}(n.d.)"
    cjk = work_language(work).lower().startswith(_CJK)

    def name(n: Name) -> str:
        if n.literal:
            return n.literal
        if cjk and n.given and n.family and not n.family.isascii():
            return n.family + n.given
        return n.family or n.given or ""

    shown = [s for s in map(name, work.author or work.editor or work.translator) if s]
    if not shown:
        who = work.title_short or work.title or work.id
    elif len(shown) == 1:
        who = shown[0]
    elif len(shown) == 2:
        who = f"{shown[0]}和{shown[1]}" if cjk else f"{shown[0]} and {shown[1]}"
    else:
        who = f"{shown[0]}等" if cjk else f"{shown[0]} et al."
    full = ""
    if len(shown) > 2:
        full = "，".join(shown) if cjk else f"{', '.join(shown[:-1])}, and {shown[-1]}"
    year = work.issued.year if work.issued is not None else None
    when = f"{year}{entry.year_suffix or ''}" if year is not None else "n.d."
    return f"{who}({when}){full}"


def _latex(bib: Bibliography, works: Mapping[str, Work]) -> str:
    from ._citeproc import to_latex
    from ._citeproc.rich import latex_escape

    numbered = _numbered(bib)
    items = []
    for i, entry in enumerate(bib.entries, 1):
        if _BAD_KEY & set(entry.id):
            raise WriteError(
                f"entry {entry.id!r}: a key with spaces or any of {{ }} % # \\ , ~"
                " cannot be a LaTeX \\bibitem key; change the key"
            )
        label, body = _parts(entry)
        if numbered:
            tag = str(entry.number if entry.number is not None else i)
        else:
            tag = "{" + latex_escape(_natbib_label(entry, works.get(entry.id))) + "}"
        items.append(f"\\bibitem[{tag}]{{{entry.id}}}\n{to_latex(body)}\n")
    widest = max((str(e.number or i) for i, e in enumerate(bib.entries, 1)), key=len, default="")
    return (
        f"% reference list in {bib.style}, written by citelib;\n"
        "% \\input it where the list goes (\\url needs the url or hyperref package"
        + ("" if numbered else "; the Author(Year) labels are natbib's")
        + ")\n"
        f"\\begin{{thebibliography}}{{{widest if numbered else ''}}}\n"
        + "\n".join(items)
        + "\\end{thebibliography}\n"
    )


# RTF


def _indent(bib: Bibliography, fonts: Fonts) -> tuple[float, bool]:
    """The hanging indent in points, and whether the label sits on a tab stop before it.

    Numeric lists hang by the widest label and a space; a style's ``hanging-indent``
    hangs by two characters, as Chinese theses indent."""
    if _numbered(bib):
        widest = max((len(str(_parts(e)[0])) for e in bib.entries), default=3)
        return round((0.55 * widest + 0.5) * fonts.size * 2) / 2, True
    if _style_option(bib, "hanging-indent") == "true":
        return 2 * fonts.size, False
    return 0.0, False


def _rtf(bib: Bibliography, fonts: Fonts) -> str:
    from ._citeproc import to_rtf
    from ._citeproc.rich import rtf_escape

    hang, tab = _indent(bib, fonts)
    twips = round(hang * 20)
    para = f"\\pard\\plain\\f0\\fs{round(fonts.size * 2)}\\loch\\f0\\hich\\f0\\dbch\\f1"
    if twips:
        para += f"\\fi-{twips}\\li{twips}" + (f"\\tx{twips}" if tab else "")
    lines = [
        "{\\rtf1\\ansi\\deff0",
        "{\\fonttbl{\\f0\\froman " + rtf_escape(fonts.latin) + ";}"
        "{\\f1\\fnil\\fcharset134 " + rtf_escape(fonts.east_asian) + ";}}",
    ]
    for entry in bib.entries:
        label, body = _parts(entry)
        text = to_rtf(body) if label is None else f"{to_rtf(label)}\\tab {to_rtf(body)}"
        if label is not None and not tab:
            text = f"{to_rtf(label)} {to_rtf(body)}"
        lines.append(f"{{{para} {text}\\par}}")
    lines.append("}")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- Word

# Han, kana, hangul, CJK punctuation and full-width forms (compiled by re on first use:
# a class this wide takes milliseconds, and only Word files need it)
_EAST_ASIAN = "[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"


def bibliography_docx(bib: Bibliography, *, fonts: Fonts = Fonts()) -> bytes:  # noqa: B008
    """The reference list *bib* as a Word document (.docx): one paragraph per entry.

    Italics, bold, small capitals, super- and subscripts and underlines come from the
    style as runs; URLs and DOIs are links.  Numeric labels sit on a hanging indent with
    a tab stop where the text begins; a style's ``hanging-indent`` hangs by two
    characters.  Every run carries *fonts* (Latin and East Asian) and the size, so the
    list keeps them when pasted into another document.
    """
    import docx
    from docx.shared import Pt

    document = docx.Document()
    normal: Any = document.styles["Normal"]
    _set_fonts(normal.font, normal.element.get_or_add_rPr(), fonts)
    hang, tab = _indent(bib, fonts)
    for entry in bib.entries:
        paragraph = document.add_paragraph()
        layout = paragraph.paragraph_format
        layout.space_before = Pt(0)
        layout.space_after = Pt(0)
        if hang:
            layout.left_indent = Pt(hang)
            layout.first_line_indent = Pt(-hang)
        label, body = _parts(entry)
        east_asian = bool(re.search(_EAST_ASIAN, str(body)))
        if label is not None:
            if tab:
                layout.tab_stops.add_tab_stop(Pt(hang))
            _add_runs(paragraph, label, fonts, east_asian)
            _add_run(paragraph, "\t" if tab else " ", 0, fonts, east_asian)
        _add_runs(paragraph, body, fonts, east_asian)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _set_fonts(font: Any, rpr: Any, fonts: Fonts, *, east_asian: bool = False) -> None:
    """Latin and East Asian fonts and the size, on a style's or a run's properties.

    With *east_asian* (a run of an entry in Chinese, Japanese or Korean), characters that
    both scripts use (“ ” — …) take the East Asian font, as Word sets them when typed with a
    Chinese input method (``w:hint="eastAsia"``)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font.name = fonts.latin  # w:ascii and w:hAnsi
    font.size = Pt(fonts.size)
    rfonts = rpr.get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), fonts.east_asian)
    rfonts.set(qn("w:cs"), fonts.latin)
    if east_asian:
        rfonts.set(qn("w:hint"), "eastAsia")


def _add_runs(paragraph: Any, rich: Rich, fonts: Fonts, east_asian: bool) -> None:
    from ._citeproc.rich import LINK_DOI, LINK_URL, _absorb_doi_prefix

    for text, flags in _absorb_doi_prefix(rich).runs:
        if flags & (LINK_URL | LINK_DOI):
            href = text
            if flags & LINK_DOI and not text.lower().startswith(("http://", "https://")):
                href = "https://doi.org/" + text
            _add_link(paragraph, text, href, flags, fonts, east_asian)
        else:
            _add_run(paragraph, text, flags, fonts, east_asian)


def _add_run(paragraph: Any, text: str, flags: int, fonts: Fonts, east_asian: bool) -> Any:
    from ._citeproc.rich import BOLD, ITALIC, NORMAL, SMALLCAPS, SUB, SUP, UNDERLINE

    run = paragraph.add_run(text)
    if flags & ITALIC and not flags & NORMAL:
        run.italic = True
    if flags & BOLD:
        run.bold = True
    if flags & SMALLCAPS:
        run.font.small_caps = True
    if flags & UNDERLINE:
        run.underline = True
    if flags & SUP:
        run.font.superscript = True
    if flags & SUB:
        run.font.subscript = True
    _set_fonts(run.font, run._r.get_or_add_rPr(), fonts, east_asian=east_asian)
    return run


def _add_link(
    paragraph: Any, text: str, href: str, flags: int, fonts: Fonts, east_asian: bool
) -> None:
    """A ``w:hyperlink`` to *href* around one run of *text*."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    part = paragraph.part
    rid = part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    run = _add_run(paragraph, text, flags, fonts, east_asian)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    element = run._r
    element.addprevious(link)
    link.append(element)
