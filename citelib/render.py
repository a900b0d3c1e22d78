"""Reference lists and in-text citations in GB/T 7714 (2025, 2015) and APA 7.

>>> import citelib
>>> lib = citelib.read("seeds/governance.json")
>>> print(citelib.format_bibliography(lib.works))          # GB/T 7714-2025 numeric
>>> citelib.cite(lib.works, ["sun2018", "ren2020"]).text      # '[1,3]'

Styles are found by short name (:func:`styles`), by the title or folder name of a
zotero-chinese style (:func:`find_styles`) or as a path to any ``.csl`` file.  In
styles with per-language layouts, each work is rendered in the locale of its own
language (its ``language`` field, else its script): Chinese works get 等 and ``2 版``,
English works in the same list ``et al.`` and ``2nd ed.``.  Rendering never raises on
odd data: problems come back as warnings; a work that cannot be rendered gets a plain
fallback entry instead of losing the list, and one the style prints nothing for is left
out (marked, in a numeric list) as citeproc-js does, and reported.

This and :mod:`citelib.document` (citations in document order) are the only public
modules that use the engine (``citelib._citeproc``).
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

import attrs

if TYPE_CHECKING:
    import zipfile
    from pathlib import Path

    from ._citeproc import Processor, Rich, Style
    from ._citeproc.item import Item

from ._regex import LazyPattern
from .errors import Problem, RenderError, Report, UnknownStyle
from .language import work_language
from .model import Library, Work

__all__ = [
    "DEFAULT_STYLE",
    "Bibliography",
    "Citation",
    "Entry",
    "StyleInfo",
    "cite",
    "find_styles",
    "format_bibliography",
    "aux_citations",
    "read_aux",
    "sentence_case",
    "style_ids",
    "style_path",
    "styles",
]

DEFAULT_STYLE = "gbt7714-2025-numeric"
Markup = Literal["text", "html", "markdown", "latex", "rtf"]
_MARKUPS = ("text", "html", "markdown", "latex", "rtf")


def _styles_dir() -> Path:
    """Where the shipped styles are (package ``citelib._styles``, the repository's ``styles/``)."""
    from ._citeproc.locale import styles_dir

    return styles_dir()


def _deprecated(old: str, new: str) -> None:
    warnings.warn(f"{old} is deprecated; use {new}", DeprecationWarning, stacklevel=3)


@attrs.frozen
class Entry:
    """One reference list entry: the work's id, its text (label included) and its label."""

    id: str
    text: str
    label: str | None = None
    #: the work's citation number (numeric styles: its place in the list)
    number: int | None = attrs.field(default=None, eq=False, kw_only=True)
    #: the year suffix disambiguation gave the work (``"a"``), else ``None``
    year_suffix: str | None = attrs.field(default=None, eq=False, kw_only=True)
    #: label and body as the engine's rich text, for the writers of whole lists
    #: (:func:`bibliography_docx`, :func:`bibliography_text`); ``None`` when built by hand
    rich: tuple[Rich | None, Rich] | None = attrs.field(
        default=None, eq=False, repr=False, kw_only=True
    )


@attrs.frozen
class Bibliography:
    """A rendered reference list, entries in list order, and what went wrong on the way."""

    #: the entries, in list order
    entries: tuple[Entry, ...]
    #: what could not be rendered as asked (a missing variable, an unknown key)
    problems: tuple[Problem, ...] = ()
    #: the style it was rendered in
    style: str = DEFAULT_STYLE

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Deprecated name of :attr:`problems`."""
        _deprecated("Bibliography.warnings", "Bibliography.problems")
        return self.problems

    def __str__(self) -> str:
        return "\n".join(e.text for e in self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


@attrs.frozen
class Citation:
    """One in-text citation and its problems."""

    #: the citation as it appears in the text
    text: str
    #: what could not be rendered as asked (an unknown key)
    problems: tuple[Problem, ...] = ()

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Deprecated name of :attr:`problems`."""
        _deprecated("Citation.warnings", "Citation.problems")
        return self.problems

    def __str__(self) -> str:
        return self.text


# ----------------------------------------------------------------------------
# styles


def styles() -> list[str]:
    """The short names of citelib's own styles, sorted (:func:`find_styles` lists them all)."""
    return sorted(p.stem for p in _styles_dir().glob("*.csl"))


ZOTERO_CHINESE = "zotero-chinese.zip"


@attrs.frozen
class StyleInfo:
    """A style citelib can render: one of its own, or one of the zotero-chinese collection."""

    #: what ``style=`` and ``--style`` take: a short name, or a zotero-chinese title
    name: str
    #: the title in the style's ``<info>``
    title: str
    #: ``"citelib"`` or ``"zotero-chinese"``
    collection: str
    #: the zotero-chinese folder name (also accepted as ``style=``), else ``None``
    folder: str | None = None
    #: ``numeric``, ``author-date``, ``note``, ``label`` or ``author``
    citation_format: str = ""
    #: zotero-chinese's tags (``姓名小写``, ``无URL``, ...) and field (``generic-base``)
    tags: tuple[str, ...] = ()
    #: zotero-chinese's one-line description
    summary: str = ""


@lru_cache(maxsize=1)
def _zotero_chinese() -> tuple[StyleInfo, ...]:
    import json
    import zipfile
    from collections import Counter

    with zipfile.ZipFile(_styles_dir() / ZOTERO_CHINESE) as archive:
        index = json.loads(archive.read("index.json"))
    titles = Counter(meta["title"] for meta in index)
    return tuple(
        StyleInfo(
            # a title two styles share names neither: their folders do
            name=meta["title"] if titles[meta["title"]] == 1 else meta["dir"],
            title=meta["title"],
            collection="zotero-chinese",
            folder=meta["dir"],
            citation_format=meta.get("citation_format", ""),
            tags=tuple(meta.get("tags", ())) + ((meta["field"],) if meta.get("field") else ()),
            summary=meta.get("summary", ""),
        )
        for meta in index
    )


_OWN_FORMATS = {"numeric": "numeric", "author-date": "author-date", "note": "note"}


def _own_styles() -> tuple[StyleInfo, ...]:
    out = []
    for name in styles():
        kind = next((v for k, v in _OWN_FORMATS.items() if name.endswith(k)), "author-date")
        out.append(StyleInfo(name=name, title=name, collection="citelib", citation_format=kind))
    return tuple(out)


def _folded(text: str) -> str:
    """*text* for matching: NFKC (full-width to half-width), case folded, no spaces."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def find_styles(query: str | None = None) -> list[StyleInfo]:
    """citelib's own styles, then the zotero-chinese collection, those matching *query*.

    Every word of *query* must occur in a style's name, title, folder, tags, format or
    summary, compared without case, spaces or the difference between full- and
    half-width forms (``find_styles("清华")``, ``find_styles("GB/T 2015 著者")``).
    """
    found = list(_own_styles()) + list(_zotero_chinese())
    if not query:
        return found
    words = [_folded(w) for w in query.split()]

    def haystack(info: StyleInfo) -> str:
        parts = (info.name, info.title, info.folder or "", info.citation_format, info.summary)
        return _folded(" ".join(parts + info.tags))

    return [info for info in found if all(w in haystack(info) for w in words)]


def _zotero_chinese_member(text: str) -> str | None:
    """The archive member of the zotero-chinese style named, titled or foldered *text*."""
    wanted = _folded(text.removesuffix(".csl"))
    by_folder = [s for s in _zotero_chinese() if _folded(s.folder or "") == wanted]
    by_title = [s for s in _zotero_chinese() if _folded(s.title) == wanted]
    found = by_folder or by_title
    if not found:
        return None
    if len(found) > 1:
        folders = ", ".join(repr(s.folder) for s in found)
        raise UnknownStyle(
            f"{len(found)} zotero-chinese styles are titled {text!r}: give the folder name ({folders})"
        )
    import zipfile

    with zipfile.ZipFile(_styles_dir() / ZOTERO_CHINESE) as archive:
        prefix = f"{found[0].folder}/"
        return next(n for n in archive.namelist() if n.startswith(prefix))


def style_path(style: str | os.PathLike[str]) -> Path | zipfile.Path:
    """The style file for a name: a short name, a ``.csl`` path, or a zotero-chinese title
    or folder name (then a :class:`zipfile.Path` into the shipped collection, unmodified).

    Raises :class:`UnknownStyle` for anything else.
    """
    from pathlib import Path

    text = os.fspath(style)
    shipped = _shipped_style(text)
    if shipped is not None:
        return Path(shipped[0])
    path = Path(text)
    if path.is_file():
        return path
    member = _zotero_chinese_member(text)
    if member is not None:
        import zipfile

        return zipfile.Path(_styles_dir() / ZOTERO_CHINESE, member)
    raise UnknownStyle(
        f"unknown style {text!r}; known: {', '.join(styles())}, a zotero-chinese style's title"
        " or folder (`citelib styles WORD` searches them) or a path to a .csl file"
    )


@lru_cache(maxsize=16)
def _load(path: str, mtime: float) -> Style:
    from ._citeproc import load_style

    try:
        if path.startswith("zotero-chinese:"):
            import zipfile

            member = path.removeprefix("zotero-chinese:")
            with zipfile.ZipFile(_styles_dir() / ZOTERO_CHINESE) as archive:
                style, _problems = load_style(archive.read(member), name=path)
        else:
            style, _problems = load_style(path)
    except Exception as e:  # noqa: BLE001 - the XML reader and the compiler raise many kinds
        raise RenderError(f"{path}: cannot use this style: {e}") from e
    if style.bibliography is None and style.citation is None:
        raise RenderError(f"{path}: the style has neither a citation nor a bibliography")
    return style


def style_ids(style: str | os.PathLike[str]) -> tuple[str, ...]:
    """The style's ``<id>``, then the ``template`` links of its ``<info>`` (the styles it
    derives from), read once with the compiled style."""
    return _style(style).ids


def _shipped_style(text: str) -> tuple[str, os.stat_result] | None:
    """The file of the shipped style *text* names by its short name, and its status: found
    with os.path, so that a run that formats with one imports no pathlib (nor urllib)."""
    if "/" in text or os.sep in text:
        return None
    from ._citeproc.locale import file_stat, styles_root

    path = os.path.join(styles_root(), f"{text}.csl")
    st = file_stat(path)
    return None if st is None else (path, st)


def _style(style: str | os.PathLike[str]) -> Style:
    shipped = _shipped_style(os.fspath(style))
    if shipped is not None:
        return _load(shipped[0], shipped[1].st_mtime)
    from pathlib import Path

    path = style_path(style)
    if isinstance(path, Path):
        return _load(os.fspath(path), path.stat().st_mtime)
    archive = _styles_dir() / ZOTERO_CHINESE
    return _load(f"zotero-chinese:{path.at}", archive.stat().st_mtime)


# ----------------------------------------------------------------------------
# input


WorkLike = Work | Mapping[str, Any]
"""A work to render: a :class:`~citelib.model.Work`, or a CSL-JSON item (a dict)."""


def _works(works: Library | Iterable[WorkLike]) -> tuple[list[Work], list[Problem]]:
    """The works to render: records as they are, CSL-JSON items read as records.

    CSL-JSON dicts go through the CSL-JSON reader (:func:`citelib.formats.csljson.read_items`),
    so the engine sees one kind of record whatever it is given; the reader's problems
    are returned.
    """
    given = list(works.works if isinstance(works, Library) else works)
    if all(isinstance(w, Work) for w in given):
        return given, []  # type: ignore[return-value]
    from .formats.csljson import ITEM_KEYS, read_items

    items = []
    for w in given:
        if isinstance(w, Mapping):
            items.append(w)
        elif not isinstance(w, Work):
            raise TypeError(f"not a Work or a CSL-JSON item: {w!r}")
    read = read_items(items, source="<items>")
    problems = list(read.problems)
    for item in items:  # a typo in a key is easy to make and hard to see: say so
        for key in item:
            if key not in ITEM_KEYS:
                problems.append(
                    Problem(
                        f"unsupported variable {key!r} ignored by the styles",
                        file="<items>",
                        key=str(item.get("id")),
                        severity="warning",
                        code="unsupported-variable",
                    )
                )
    found = iter(read.works)
    if any(p.severity == "error" for p in read.problems):  # an item that is no record at all
        return [w for w in given if isinstance(w, Work)] + list(read.works), problems
    return [w if isinstance(w, Work) else next(found) for w in given], problems


_DOI_LINKS = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/")


def _without_repeated_pids(work: Work, *, contained: bool) -> Work:
    """*work* without a persistent identifier its URL already gives (GB/T 7714-2025 §7.9).

    When the URL is the DOI's own link (only for a style that declares ``citelib:omit-doi-link``
    or with ``contained``); with ``contained`` also when the URL
    merely holds the DOI or CSTR (``…/doi/book/10.1002/…``, ``cstr.cn/31253.11…``), which
    GB/T 7714 allows ("可省略", 2015 §8.7) and its examples do, but citeproc-js does not.
    """
    url = work.url
    if not url or not url.strip():
        return work
    if "%" in url:
        from urllib.parse import unquote

        url = unquote(url)
    link = url.lower().rstrip("/")
    changes: dict[str, None] = {}
    doi = work.doi
    if doi and doi.strip():
        own = link in tuple(f"{base}{doi}".lower() for base in _DOI_LINKS)
        if own or (contained and doi.lower() in link):
            changes["doi"] = None
    cstr = work.cstr
    if contained and cstr and cstr.strip() and cstr.lower() in link:
        changes["cstr"] = None
    return work.evolve(**changes) if changes else work


_WORD = LazyPattern(r"\S+")
_NOCASE_SPAN = LazyPattern(r'(<span class="nocase">.*?</span>)', re.S)


def sentence_case(text: str) -> str:
    """English title in sentence case, as GB/T 7714's examples show them.

    The first word is capitalised, other words lowercased, except words the data
    protects: ``nocase`` spans (BibTeX braces), acronyms (``NASA``, ``DNA``) and
    words with capitals after the first letter (``iPhone``, ``McNamara``).
    """
    pieces = _NOCASE_SPAN.split(text)
    out: list[str] = []
    first = True
    for piece in pieces:
        if piece.startswith('<span class="nocase">'):
            out.append(piece)
            if re.sub(r"<[^>]+>", "", piece).strip():
                first = False
            continue

        def fix(m: re.Match[str]) -> str:
            nonlocal first
            word = m.group(0)
            if word.startswith("<") and word.endswith(">"):
                return word
            if word.startswith("<") and word.endswith(">"):
                return word
            # hyphenated compounds are cased part by part: "Next-Generation" → "Next-generation"
            parts = re.split(r"([-‐–])", word)
            out_parts = []
            for i, part in enumerate(parts):
                if i % 2:
                    out_parts.append(part)
                    continue
                letters = re.sub(r"<[^>]+>|[^\w]", "", part)
                if not letters:
                    out_parts.append(part)
                    continue
                protected = (len(letters) > 1 and letters.isupper()) or any(
                    c.isupper() for c in letters[1:]
                )
                if first:
                    first = False
                    out_parts.append(part if protected else _cap_first(part))
                else:
                    out_parts.append(part if protected else part.lower())
            return "".join(out_parts)

        out.append(_WORD.sub(fix, piece))
    return "".join(out)


def _cap_first(word: str) -> str:
    for i, ch in enumerate(word):
        if ch.isalpha():
            return word[:i] + ch.upper() + word[i + 1 :].lower()
    return word


_BOOKLIKE_CONTAINERS = frozenset(
    ["chapter", "paper-conference", "entry", "entry-dictionary", "entry-encyclopedia"]
)


def _sentence_cased(work: Work) -> Work:
    """An English work's own title and a book-like container's title in sentence case.

    Serial titles keep their case, as in the standard's examples: a journal title as
    container (``The Public-Access Computer Systems Review``), and the title of a
    periodical cited as a whole (``Public Library Quarterly[J/OL]``, GB/T 7714-2025 B.3).
    """
    if not work_language(work).lower().startswith("en") or work.type == "periodical":
        return work
    changes = {
        attr: sentence_case(value)
        for attr in ("title", "title_short", "volume_title")
        if (value := getattr(work, attr))
    }
    if work.type in _BOOKLIKE_CONTAINERS and work.container_title:
        changes["container_title"] = sentence_case(work.container_title)
    return work.evolve(**changes) if changes else work


def _render(rich: Rich, markup: str) -> str:
    from ._citeproc import to_html, to_latex, to_markdown, to_rtf, to_text

    if markup == "html":
        return to_html(rich)
    if markup == "markdown":
        return to_markdown(rich)
    if markup == "latex":
        return to_latex(rich)
    if markup == "rtf":
        return to_rtf(rich)
    return to_text(rich).strip()


def _split_label(rich: Rich, label: Rich | None, body: Rich) -> tuple[Rich | None, Rich]:
    """An entry's label and body apart (the engine joins them with a space)."""
    if label is None or not str(rich).startswith(str(label)):
        return None, rich
    return label, body.strip()


def _problems(found: Iterable[tuple[str | None, str, str]], source: str) -> tuple[Problem, ...]:
    report = Report(source)
    seen: set[tuple[str | None, str, str]] = set()
    for key, code, message in found:
        if (key, code, message) not in seen:
            seen.add((key, code, message))
            report.warning(code, message, key=key)
    return tuple(report.problems)


def _check_markup(markup: str) -> None:
    if markup not in _MARKUPS:
        raise ValueError(f"unknown markup {markup!r}; known: {', '.join(_MARKUPS)}")


# ----------------------------------------------------------------------------
# public API


def format_bibliography(
    works: Library | Iterable[WorkLike],
    style: str | os.PathLike[str] = DEFAULT_STYLE,
    *,
    markup: Markup = "text",
    cited: Sequence[str] | None = None,
    sentence_case: bool = False,
    full_pinyin: bool = False,
    omit_contained_pid: bool = False,
    placeholders: bool = False,
) -> Bibliography:
    """The reference list of ``works`` in ``style``.

    Numbering and order follow the style: numeric styles number works in input
    order, or -- with ``cited``, the keys in citation order -- list just the
    cited works, numbered by first citation (``*`` among them: every work, the others
    after the cited ones).  ``sentence_case`` rewrites English
    titles in sentence case (keeping protected words).  ``full_pinyin`` keeps the
    given names of Chinese authors written in pinyin in full (``Wang Shanshan``, as
    GB/T 7714-2025 §7.1.1 prefers) instead of initials.  ``omit_contained_pid``
    leaves out a DOI or CSTR that the work's URL already contains, as GB/T 7714 allows
    (2025 §7.9) and its own examples do; off by default, as in Zotero.  A style that declares
    ``citelib:omit-doi-link`` (citelib's GB/T 7714 styles) leaves out a DOI whose own link
    is the URL; other styles print what the work holds, as citeproc-js does.  ``markup`` is
    ``text``, ``html``, ``markdown``, ``latex`` or ``rtf`` (each entry's text; whole lists as
    documents, Word included: :func:`bibliography_text`, :func:`bibliography_docx`).

    Every listed work that lacks an element the style's standard requires for its type
    (GB/T 7714, APA 7: ``citelib.checks``) gets a ``missing-element`` warning; with
    ``placeholders`` a missing place, publisher or year prints as GB/T 7714 prescribes
    (``[出版地不详]``/``[S.l.]``, ``[出版者不详]``/``[s.n.]``, ``[出版年不详]``/``[n.d.]``).
    """
    from ._citeproc import Processor, Rich, to_text
    from ._citeproc.engine import NO_PRINTED_FORM
    from ._citeproc.rich import with_label

    _check_markup(markup)
    compiled = _style(style)
    records, read_problems = _works(works)
    if cited is not None and "*" in cited:  # \nocite{*}: every work, after the cited ones
        named = [k for k in cited if k != "*"]
        cited = named + [w.id for w in records if w.id not in set(named)]
    missing, records = _required_elements(records, style, cited, placeholders=placeholders)
    if omit_contained_pid or "omit-doi-link" in compiled.options:
        records = [_without_repeated_pids(w, contained=omit_contained_pid) for w in records]
    if sentence_case:
        records = [_sentence_cased(w) for w in records]
    proc = Processor(compiled, records, full_pinyin=full_pinyin)
    proc.register(list(cited) if cited is not None else None)
    entries: list[Entry] = []
    for item in proc.order:
        try:
            label, body = proc.entry_parts(item)
            rich = body if label is None else with_label(label, body)
            text = _render(rich, markup)
        except Exception as e:  # noqa: BLE001 - one work must never lose the list
            proc.warnings.append(
                (item.id, "render-failed", f"cannot render: {e}; a plain entry is given instead")
            )
            plain = _plain_entry(compiled, item)
            entries.append(
                Entry(item.id, plain, None, number=item.number, rich=(None, Rich.plain(plain)))
            )
            continue
        blank = not text.strip()
        if blank and body.runs:
            # spaces only (a style's <text value=" "/> for a type it leaves out): kept, as
            # citeproc-js keeps it, and reported
            proc.warnings.append(
                (item.id, "empty-entry", "the style prints only spaces for this work: kept")
            )
        elif blank:
            # as citeproc-js: left out, or where citations print numbers (which must not
            # skip) its marker in its place, numbered as the entry it stands for; reported
            # either way.  A number alone is an entry ("192."), as in citeproc-js.
            if compiled.cites_numbers:
                marker = f"{len(entries) + 1}. {NO_PRINTED_FORM}"
                parts = (None, Rich.plain(marker))
                entries.append(Entry(item.id, marker, None, number=item.number, rich=parts))
                what = "marked in the list"
            else:
                what = "left out of the list"
            proc.warnings.append(
                (item.id, "empty-entry", f"the style prints nothing for this work: {what}")
            )
            continue
        entries.append(
            Entry(
                item.id,
                text,
                to_text(label) if label is not None else None,
                number=item.number,
                year_suffix=item.year_suffix,
                rich=_split_label(rich, label, body),
            )
        )
    problems = (*read_problems, *missing, *_problems(proc.warnings, "<render>"))
    return Bibliography(tuple(entries), problems, os.fspath(style))


def _required_elements(
    records: list[Work],
    style: str | os.PathLike[str],
    cited: Sequence[str] | None,
    *,
    placeholders: bool,
) -> tuple[list[Problem], list[Work]]:
    """Warnings for the listed works that lack an element the style's standard requires,
    and the works, with GB/T 7714's placeholders filled in when asked."""
    from .checks import missing_elements, rules_for_style, with_placeholders

    rules = rules_for_style(style)
    if rules is None:
        return [], records
    listed = set(cited) if cited is not None else None
    problems: list[Problem] = []
    out: list[Work] = []
    for work in records:
        if listed is None or work.id in listed:
            problems += [
                attrs.evolve(p, file="<render>", severity="warning")
                for p in missing_elements(work, rules)
            ]
            if placeholders:
                work = with_placeholders(work, rules)
        out.append(work)
    return problems, out


def _plain_entry(compiled: Style, item: Item) -> str:
    """A fallback entry: the number (numeric styles) and the title, or the id."""
    title = item.work.title or item.id
    numbered = compiled.cls != "note" and _is_numeric(compiled)
    return (f"[{item.number}] " if numbered else "") + title


def _is_numeric(style: Style) -> bool:
    bib = style.bibliography
    return bib is not None and bib.opt("second-field-align") is not None


_LOCATOR_LABELS = {
    "p": "page", "p.": "page", "pp": "page", "pp.": "page", "page": "page", "pages": "page",
    "chap": "chapter", "chap.": "chapter", "chapter": "chapter", "ch.": "chapter",
    "sec": "section", "sec.": "section", "section": "section", "§": "section",
    "para": "paragraph", "para.": "paragraph", "paragraph": "paragraph", "¶": "paragraph",
    "fig": "figure", "fig.": "figure", "figure": "figure", "vol": "volume", "vol.": "volume",
    "volume": "volume", "line": "line", "l.": "line", "note": "note", "n.": "note",
    "part": "part", "pt.": "part", "table": "table", "tab.": "table", "col.": "column",
    "column": "column", "book": "book", "bk.": "book", "verse": "verse", "v.": "verse",
}  # fmt: skip


def _locator(text: str) -> tuple[str, str]:
    """``"p. 12"`` → ``("page", "12")``; a bare locator is a page."""
    m = re.match(r"^\s*([^\W\d]+\.?|[§¶])\s*(\S.*)$", text)
    if m and m.group(1).lower() in _LOCATOR_LABELS:
        return _LOCATOR_LABELS[m.group(1).lower()], m.group(2).strip()
    return "page", text.strip()


def cite(
    works: Library | Iterable[WorkLike],
    keys: Sequence[str],
    style: str | os.PathLike[str] = DEFAULT_STYLE,
    *,
    locators: Mapping[str, str] | None = None,
    markup: Markup = "text",
) -> Citation:
    """One in-text citation of ``keys`` (numeric ``[1-3]``, author-date ``（孙柏瑛，2018）``).

    Works are numbered by their position in ``works``; ``locators`` maps a key
    to a pinpoint such as ``"12-15"`` or ``"chap. 3"``.  Unknown keys are
    warnings and print as ``key?``.
    """
    from ._citeproc import CiteRequest

    _check_markup(markup)
    compiled = _style(style)
    if compiled.citation is None:
        raise RenderError(f"style {os.fspath(style)!r} has no citation layout")
    records, read_problems = _works(works)
    proc, settled = _citation_processor(compiled, records)
    start = len(proc.warnings)
    requests = []
    for key in keys:
        loc = (locators or {}).get(key)
        if loc:
            label, value = _locator(loc)
            requests.append(CiteRequest(key, value, label))
        else:
            requests.append(CiteRequest(key))
    try:
        rich = proc.citation(requests)
        text = _render(rich, markup)
    except Exception as e:  # noqa: BLE001
        proc.warnings.append((None, "render-failed", f"cannot render the citation: {e}"))
        text = "(" + "; ".join(keys) + ")"
    found = proc.warnings[:settled] + proc.warnings[start:]
    del proc.warnings[start:]  # a cached processor keeps only the library's own warnings
    return Citation(text, (*read_problems, *_problems(found, "<render>")))


_PROCESSORS: dict[tuple[Style, tuple[Work, ...]], tuple[Processor, int]] = {}


def _citation_processor(compiled: Style, works: list[Work]) -> tuple[Processor, int]:
    """A registered processor for ``works`` and the number of its library warnings.

    Citing the same library again (one citation per paragraph, say) reuses the
    processor: numbering, sorting and disambiguation are done once.
    """
    from ._citeproc import Processor

    key: tuple[Style, tuple[Work, ...]] | None = (compiled, tuple(works))
    try:
        hit = _PROCESSORS.get(key)  # type: ignore[arg-type]
    except TypeError:  # an unhashable value inside a work
        key, hit = None, None
    if hit is not None:
        return hit
    proc = Processor(compiled, works)
    proc.register(None)
    entry = (proc, len(proc.warnings))
    if key is not None:
        if len(_PROCESSORS) >= 4:
            _PROCESSORS.pop(next(iter(_PROCESSORS)))
        _PROCESSORS[key] = entry
    return entry


_CITATION_RE = LazyPattern(r"\\citation\{([^}]*)\}")
# biblatex: \abx@aux@cite{refsection}{key} (3.x), \abx@aux@cite{key} (older)
_ABX_CITE_RE = LazyPattern(r"\\abx@aux@cite\{([^}]*)\}(?:\{([^}]*)\})?")


def aux_citations(path: str | os.PathLike[str]) -> list[list[str]]:
    """The citations of a LaTeX ``.aux`` file, in order, each a list of keys.

    BibTeX's ``\\citation{a,b}`` is one citation (one ``\\cite``); biblatex writes one
    ``\\abx@aux@cite`` per key, so each is a citation of its own; ``\\nocite{*}`` gives
    ``["*"]``.  ``\\@input{chapter.aux}`` files are followed where they appear.
    """
    out: list[list[str]] = []

    def visit(p: Path, depth: int) -> None:
        try:
            text = p.read_text(encoding="utf-8", errors="replace")
        except OSError as e:
            raise RenderError(f"{p}: cannot read: {e.strerror}") from e
        for line in text.splitlines():
            m = re.match(r"\\@input\{([^}]*)\}", line.strip())
            if m and depth < 20:
                child = p.parent / m.group(1)
                if child.is_file():
                    visit(child, depth + 1)
                continue
            for cm in _CITATION_RE.finditer(line):
                keys = [k.strip() for k in cm.group(1).split(",") if k.strip()]
                if keys:
                    out.append(keys)
            for am in _ABX_CITE_RE.finditer(line):
                key = (am.group(2) if am.group(2) is not None else am.group(1)).strip()
                if key:
                    out.append([key])

    from pathlib import Path

    visit(Path(path), 0)
    return out


def read_aux(path: str | os.PathLike[str]) -> list[str]:
    """The cited keys of a LaTeX ``.aux`` file, in order of first citation.

    BibTeX's ``\\citation{a,b}`` and biblatex's ``\\abx@aux@cite`` lines give the keys;
    ``\\@input{chapter.aux}`` files are followed; ``\\nocite{*}`` gives ``*`` (every
    work, which :func:`format_bibliography` lists after the cited ones).
    """
    keys: list[str] = []
    seen: set[str] = set()
    for citation in aux_citations(path):
        for key in citation:
            if key not in seen:
                seen.add(key)
                keys.append(key)
    return keys
