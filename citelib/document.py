"""A document's citations, in order, and its reference list.

>>> import citelib
>>> doc = citelib.Document(citelib.read("seeds/governance.bib"), style="gbt7714-2025-numeric")
>>> doc.cite(citelib.CiteItem("ren2020"))
>>> doc.cite(citelib.CiteItem("sun2018", locator="12-15"), citelib.CiteItem("ren2020"))
>>> out = doc.render()
>>> out.citations                     # ['[1]', '[1],[2]12-15'] - numbered by first citation
>>> print(out.bibliography)           # the cited works, in the style's order

Numeric styles number works by first citation and collapse ranges; author-date styles
disambiguate across the whole document (an earlier citation can gain a year suffix that a
later one made necessary: :attr:`Rendered.citations` holds the final forms); note styles
track positions -- first, subsequent, ibid, ibid-with-locator, near-note -- as the CSL
specification defines them (``citelib._citeproc.document``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .errors import Problem, RenderError
from .model import Library
from .render import (
    DEFAULT_STYLE,
    Bibliography,
    Markup,
    WorkLike,
    _check_markup,
    _problems,
    _render,
    _style,
    _without_repeated_pids,
    _works,
    format_bibliography,
)

if TYPE_CHECKING:
    from ._citeproc import CiteRequest

__all__ = ["MODES", "CiteItem", "Document", "Rendered", "parse_citation"]

#: a cite's modes: the whole cite; part of the sentence (孙柏瑛（2018）, Sun (2018));
#: the author alone; all but the author
MODES = ("normal", "narrative", "author-only", "suppress-author")
_ALIASES = {"composite": "narrative", "author-in-text": "narrative", "in-text": "narrative"}


def _mode(value: str) -> str:
    mode = _ALIASES.get(value, value)
    if mode not in MODES:
        raise ValueError(f"unknown cite mode {value!r}; known: {', '.join(MODES)}, composite")
    return mode


def _text(value: object) -> str | None:
    return None if value is None or str(value).strip() == "" else str(value).strip()


@attrs.frozen
class CiteItem:
    """One cited work inside a citation: its id, pinpoint, affixes and mode.

    ``mode`` is one of :data:`~citelib.document.MODES` (``composite``, citeproc-js's name, means
    ``narrative``).  ``label`` names the locator's kind (``page``, ``chapter``, ...).
    """

    id: str
    locator: str | None = attrs.field(default=None, converter=_text)
    label: str = "page"
    prefix: str = ""
    suffix: str = ""
    mode: str = attrs.field(default="normal", converter=_mode)

    def _request(self, mode: str | None = None) -> CiteRequest:
        from ._citeproc import CiteRequest

        engine_mode = mode or ("normal" if self.mode == "narrative" else self.mode)
        return CiteRequest(
            self.id, self.locator, self.label or None, self.prefix, self.suffix, engine_mode
        )


@attrs.frozen
class Rendered:
    """A rendered document: each citation in its final form, and the reference list."""

    #: the citations, in document order
    citations: list[str]
    #: the reference list: the cited works (and ``nocite``), in the style's order
    bibliography: Bibliography
    #: what could not be rendered as asked (an unknown key, a missing element)
    problems: tuple[Problem, ...] = ()


class Document:
    """Citations in document order, in one style.

    ``works``: a :class:`~citelib.model.Library`, a sequence of
    :class:`~citelib.model.Work` or a list of CSL-JSON item dicts.  ``style``: a short
    name, a zotero-chinese title or folder name, or a ``.csl`` path.  ``nocite``: keys
    listed without being cited (``*``: every work).  ``sentence_case``, ``full_pinyin``,
    ``omit_contained_pid`` and ``placeholders`` are :func:`citelib.format_bibliography`'s.
    """

    def __init__(
        self,
        works: Library | Iterable[WorkLike],
        style: str | os.PathLike[str] = DEFAULT_STYLE,
        *,
        nocite: Iterable[str] = (),
        **options: Any,
    ) -> None:
        self.style = style
        self._compiled = _style(style)
        self._records, self._read_problems = _works(works)
        self._options = options
        self._nocite: list[str] = list(nocite)
        self._clusters: list[tuple[list[CiteItem], int | None]] = []

    @property
    def style_class(self) -> str:
        """The style's class: ``in-text`` or ``note`` (footnote citations)."""
        return str(self._compiled.cls)

    def cite(self, *items: CiteItem | str, note: int | None = None) -> int:
        """Add one citation of *items* (ids or :class:`CiteItem`) after those added so far;
        *note* is its footnote number (default: its place, 1, 2, ...).  Returns its index."""
        cites = [CiteItem(i) if isinstance(i, str) else i for i in items]
        if not cites:
            raise ValueError("a citation needs at least one item")
        self._clusters.append((cites, note))
        return len(self._clusters) - 1

    def nocite(self, *keys: str) -> None:
        """List *keys* without citing them (``*``: every work)."""
        self._nocite.extend(keys)

    def __len__(self) -> int:
        return len(self._clusters)

    def render(self, markup: Markup = "text") -> Rendered:
        """The citations and the reference list (``markup``: text, html or markdown)."""
        from ._citeproc import Processor
        from ._citeproc.document import Cluster, render_clusters

        _check_markup(markup)
        compiled = self._compiled
        if compiled.citation is None:
            raise RenderError(f"style {os.fspath(self.style)!r} has no citation layout")
        records = self._records
        if self._options.get("omit_contained_pid") or "omit-doi-link" in compiled.options:
            contained = bool(self._options.get("omit_contained_pid"))
            records = [_without_repeated_pids(w, contained=contained) for w in records]
        proc = Processor(compiled, records, full_pinyin=bool(self._options.get("full_pinyin")))
        note_style = compiled.cls == "note"
        clusters: list[Cluster] = []
        for i, (cites, note) in enumerate(self._clusters):
            narrative = [c for c in cites if c.mode == "narrative"]
            if narrative:  # the sentence's author goes first
                cites = [narrative[0], *(c for c in cites if c is not narrative[0])]
            requests = [c._request() for c in cites]
            number = note if note is not None else (i + 1 if note_style else 0)
            clusters.append(Cluster(requests, number, narrative=bool(narrative)))
        rich = render_clusters(proc, clusters, nocite=self._nocite)
        citations: list[str] = []
        for r, cl in zip(rich, clusters, strict=True):
            try:
                citations.append(_render(r, markup))
            except Exception as e:  # noqa: BLE001 - one citation must not lose the others
                proc.warnings.append((None, "render-failed", f"cannot render a citation: {e}"))
                citations.append("(" + "; ".join(c.id for c in cl.cites) + ")")
        listed = [it.id for it in proc.registered]
        bib_options = {
            k: v
            for k, v in self._options.items()
            if k in ("sentence_case", "full_pinyin", "omit_contained_pid", "placeholders")
        }
        bibliography = format_bibliography(
            self._records, self.style, markup=markup, cited=listed, **bib_options
        )
        problems = _merge(
            self._read_problems, _problems(proc.warnings, "<render>"), bibliography.problems
        )
        return Rendered(citations, bibliography, problems)


def _merge(*groups: Sequence[Problem]) -> tuple[Problem, ...]:
    seen: set[tuple[str | None, str, str]] = set()
    out: list[Problem] = []
    for group in groups:
        for p in group:
            key = (p.key, p.code, p.message)
            if key not in seen:
                seen.add(key)
                out.append(p)
    return tuple(out)


# ----------------------------------------------------------------------------
# citations written as text

# a pandoc citation key: letters, digits, _ and internal punctuation, or {anything}
_KEY = r"(?:\{(?P<braced>[^}]*)\}|(?P<plain>[\w](?:[\w:.#$%&+?<>~/-]*[\w])?))"
_ITEM = re.compile(rf"^(?P<prefix>.*?)(?P<minus>-?)@{_KEY}(?P<rest>.*)$", re.S)
_NARRATIVE = re.compile(rf"^@{_KEY}\s*(?:\[(?P<bracket>[^\]]*)\])?$", re.S)
_NUMBER = r"[0-9ivxlcdmIVXLCDM]+[a-zA-Z]?"
_LOCATOR_VALUE = re.compile(rf"^(?P<loc>{_NUMBER}(?:\s*[-–—,&]\s*{_NUMBER})*)(?P<suffix>.*)$", re.S)


def parse_citation(text: str) -> list[CiteItem]:
    """One citation written as text: ``KEY[,KEY...]`` or pandoc's syntax.

    ``[@sun2018, p. 12; -@ren2020]`` (a prefix before ``@``, a locator and suffix after
    the comma, ``-`` to suppress the author) and ``@sun2018`` or ``@sun2018 [p. 12]``
    (narrative).  A locator without a label is a page.  Raises :class:`ValueError` when
    *text* is neither.
    """
    text = text.strip()
    if not text:
        raise ValueError("an empty citation")
    if "@" not in text:
        keys = [k.strip() for k in text.split(",")]
        if not all(keys) or any(re.search(r"[\s\[\];]", k) for k in keys):
            raise ValueError(f"not KEY[,KEY...] nor a pandoc citation: {text!r}")
        return [CiteItem(k) for k in keys]
    m = _NARRATIVE.match(text)
    if m:
        key = m.group("braced") if m.group("braced") is not None else m.group("plain")
        locator, label, suffix = _after_key(m.group("bracket") or "", comma=False)
        return [CiteItem(key, locator, label, "", suffix, "narrative")]
    if not (text.startswith("[") and text.endswith("]")):
        raise ValueError(f"a pandoc citation is [@key...] or @key: {text!r}")
    items: list[CiteItem] = []
    for part in text[1:-1].split(";"):
        im = _ITEM.match(part.strip())
        if im is None:
            raise ValueError(f"no @key in {part.strip()!r} of {text!r}")
        key = im.group("braced") if im.group("braced") is not None else im.group("plain")
        locator, label, suffix = _after_key(im.group("rest"), comma=True)
        prefix = im.group("prefix").strip()
        mode = "suppress-author" if im.group("minus") else "normal"
        items.append(CiteItem(key, locator, label, prefix + " " if prefix else "", suffix, mode))
    return items


def _after_key(rest: str, *, comma: bool) -> tuple[str | None, str, str]:
    """(locator, label, suffix) of what follows a key: ``, p. 12 and passim``."""
    from .render import _LOCATOR_LABELS

    stripped = rest.strip()
    if not stripped:
        return None, "page", ""
    body = stripped
    if comma:
        if not stripped.startswith(","):
            return None, "page", " " + stripped
        body = stripped[1:].strip()
    m = re.match(r"^([^\W\d]+\.?|[§¶])\s*(.*)$", body, re.S)
    label = "page"
    value = body
    if m and m.group(1).lower() in _LOCATOR_LABELS:
        label, value = _LOCATOR_LABELS[m.group(1).lower()], m.group(2)
    lm = _LOCATOR_VALUE.match(value)
    if lm is None:
        return None, "page", (", " if comma else "") + body
    return lm.group("loc").strip(), label, lm.group("suffix").rstrip()
