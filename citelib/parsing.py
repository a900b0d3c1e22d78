"""Formatted reference lists back into records, each proved by rendering it again.

:func:`parse` reads a pasted list with the rules of :mod:`citelib.formats.reflist`,
then renders every record in the styles of the family its entry was read as (GB/T
7714-2025 and -2015, numeric or author-date; APA 7) and compares the result with the
entry, label dropped, whitespace and punctuation width normalised.  A record whose
rendering matches is *verified*, with the styles it matched, unless a rival reading of
the same entry (``ParsedEntry.alternatives`` past its equivalents: another end of the
title, a body's name or a title's start, a place or a publisher...) renders back to it
too: the printed form cannot tell them apart, so the entry is *ambiguous* and not
verified; nor is a record that renders back holding what no field holds (a publisher with
no letter, a link in a name, a code for a title).  One that matches none keeps the first
difference as the reason.  What the style does not print (the CSL type behind a type code,
given names behind initials, the language) is read, not proved.  (The module is not called ``parse``: a
submodule of that name would shadow the function on the package.)
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .errors import Problem, Report
from .formats.reflist import Entry, ParsedEntry, inferred_message, read_entries, to_halfwidth
from .formats.reflist._names import _BODY as _BODY_WORD  # the words of a body's name
from .language import has_cjk
from .model import Library, Name, Work, new_work

if TYPE_CHECKING:
    from .render import Entry as BibEntry

__all__ = ["FAMILY_STYLES", "Parsed", "Reference", "normalise", "parse", "parse_sources"]

_GBT_NUMERIC = ("gbt7714-2025-numeric", "gbt7714-2015-numeric")
_GBT_AUTHOR_DATE = ("gbt7714-2025-author-date", "gbt7714-2015-author-date")

#: The styles each family of entries is verified in, most likely first (an author-date
#: entry without a year reads as numeric: both kinds are tried).
FAMILY_STYLES: dict[str, tuple[str, ...]] = {
    "gbt-numeric": _GBT_NUMERIC + _GBT_AUTHOR_DATE,
    "gbt-author-date": _GBT_AUTHOR_DATE + _GBT_NUMERIC,
    "apa": ("apa",),
}


@attrs.frozen
class Reference:
    """One entry of the list: where it was, its text, the record read and its proof."""

    #: the line (1-based) where the entry starts
    line: int
    #: the entry's number in the list (1-based)
    number: int
    #: the label as written (``[1]``, ``1.``), or None
    label: str | None
    #: the entry as read, lines joined, label dropped
    text: str
    #: the record read (its id a key made as ``convert`` makes them)
    work: Work
    #: whether rendering the record in ``style`` gives the entry back, and no rival reading
    #: of the entry does (an ambiguous entry is not verified: see ``difference``)
    verified: bool = False
    #: the first style whose rendering matched, or None
    style: str | None = None
    #: every style whose rendering matched
    styles: tuple[str, ...] = ()
    #: why it is not verified: the first difference from the closest rendering, or (an
    #: ambiguous entry) how a rival reading that renders back as well differs
    difference: str | None = None
    #: whether rules read the entry at all (False: a ``document`` titled with the text)
    parsed: bool = True
    #: the file it was read from (``<string>`` for a string)
    source: str = "<string>"

    def to_json(self) -> dict[str, Any]:
        """The entry as ``citelib parse --json`` prints it."""
        from .formats.csljson import work_to_csl

        return {
            "line": self.line,
            "label": self.label,
            "text": self.text,
            "verified": self.verified,
            "style": self.style,
            "styles": list(self.styles),
            "work": work_to_csl(self.work),
        }


@attrs.frozen
class Parsed:
    """What :func:`parse` read: the references in list order and every problem."""

    references: tuple[Reference, ...]
    problems: tuple[Problem, ...] = ()

    @property
    def works(self) -> list[Work]:
        """The records, in list order."""
        return [r.work for r in self.references]

    @property
    def library(self) -> Library:
        """The records and problems as a :class:`~citelib.model.Library`."""
        return Library(self.works, self.problems)

    def __iter__(self) -> Any:
        return iter(self.references)

    def __len__(self) -> int:
        return len(self.references)


_SPACE_PUNCT = re.compile(r"\s*([,.:;()\[\]/“”\"'])\s*")
_DASHES = re.compile(r"[–—‐‑−~～]")


_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
_SPACE_CJK = re.compile(rf"(?<=[{_CJK}]) | (?=[{_CJK}])")


def normalise(text: str) -> str:
    """*text* as verification compares it: half-width, dashes alike, no space at punctuation
    nor beside Chinese, Japanese or Korean characters (``第 1 卷`` is ``第1卷``)."""
    text = " ".join(to_halfwidth(text).split())
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = _DASHES.sub("-", text)
    text = _SPACE_PUNCT.sub(r"\1", text)
    text = _SPACE_CJK.sub("", text)
    return text.rstrip(".")


def _first_difference(expected: str, got: str) -> str:
    a, b = normalise(expected), normalise(got)
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return f"at {i + 1}: the entry has {a[i : i + 24]!r}, its rendering {b[i : i + 24]!r}"


def _language(work: Work) -> Work:
    text = (work.title or "") + "".join(str(n) for n in work.author) + (work.container_title or "")
    return work.evolve(language="zh-CN" if has_cjk(text) else "en-US")


_MORE = Name(literal="…")


def _as_listed(work: Work, parsed: ParsedEntry | None) -> Work:
    """*work* as the list must have held it: a name more where the list ends in 等/et al."""
    if parsed is None or not parsed.incomplete:
        return work
    return work.evolve(**{f: (*getattr(work, f), _MORE, _MORE) for f in parsed.incomplete})


def _rendered(
    works: Sequence[Work], style: str, placeholders: Collection[str] = ()
) -> dict[str, str]:
    """Each work's entry in *style* without its label, by id (the list rendered at once;
    the works whose ids are in *placeholders* apart, with GB/T 7714's placeholders for a
    place or publisher they lack)."""
    from .render import format_bibliography

    if not works:
        return {}
    marked = [w for w in works if w.id in placeholders]
    if marked:
        plain = _rendered([w for w in works if w.id not in placeholders], style)
        bib = format_bibliography(marked, style=style, placeholders=True)
        return {**plain, **_texts(bib.entries)}
    return _texts(format_bibliography(works, style=style).entries)


def _texts(entries: Iterable[BibEntry]) -> dict[str, str]:
    out: dict[str, str] = {}
    for entry in entries:
        text = entry.text
        if entry.label and text.startswith(entry.label):
            text = text[len(entry.label) :]
        out[entry.id] = text.strip()
    return out


def _differing(a: Work, b: Work) -> str:
    """The fields in which *a* and *b* differ, as ``field: 'a' or 'b'``."""
    from .formats.csljson import work_to_csl

    x, y = work_to_csl(a), work_to_csl(b)
    keys = [k for k in dict.fromkeys([*x, *y]) if k not in ("id", "citation-key")]
    out = [f"{k}: {x.get(k)!r} or {y.get(k)!r}" for k in keys if x.get(k) != y.get(k)]
    return "; ".join(out)


def _kind(style: str) -> str:
    return "author-date" if "author-date" in style else style.split("-")[0]


def _family_kind(parsed: ParsedEntry | None) -> str:
    """The kind of style (as :func:`_kind` names them) of the family an entry reads as."""
    family = parsed.family if parsed is not None else None
    return {"gbt-author-date": "author-date", "gbt-numeric": "gbt7714"}.get(family or "", "")


def _first_creator(work: Work) -> str:
    names = work.author or work.editor
    return str(names[0]) if names else ""


#: the text fields a boundary may move between: the parser cut each from the entry, so
#: each is found there as written
_MOVABLE = (
    "title",
    "container_title",
    "collection_title",
    "volume_title",
    "event_title",
    "edition",
    "publisher_place",
    "publisher",
    "archive_place",
    "archive",
    "archive_location",
    "number",
    "volume",
    "issue",
    "page",
)
#: the marks that part two fields (a space alone is too weak: words are parted by it)
_GAP = re.compile(r"\s*([.,:;/])\s*")
#: what a value must hold to be read in a field at all: a number holds a digit
_DIGITS = frozenset(["volume", "issue", "page", "number"])
_PLACE_WORDS = re.compile(r"出版|大学|公司|Press|Publish|Universit|\d")


_FUNCTION_WORD = re.compile(r"(?:of|and|the|in|for|to|with|on|at|by|from|a|an)\s")
_LETTER = re.compile(r"[^\W\d_]")


def _balanced(value: str) -> bool:
    """Whether the brackets in *value* close as they open (a field is never cut inside them)."""
    depth = 0
    for ch in to_halfwidth(value):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _plausible(field: str, value: str) -> bool:
    if not value.strip(" .,:;/") or not _balanced(value):
        return False
    if field in ("publisher", "container_title", "archive") and (
        _FUNCTION_WORD.match(value) or not _LETTER.search(value) or value[:1] in "(（"
    ):
        return False  # a name starts with no "of" nor a bracket, and holds a letter
    if field in ("number", "archive_location"):
        # a code: short, no colon but between digits (ISO 15836:2009)
        half = to_halfwidth(value)
        if len(half) > 40 or re.search(r":(?!\d)|(?<!\d):", half):
            return False
    if field in _DIGITS:
        return re.search(r"\d", value) is not None
    if field == "edition":  # 2 版, 6th ed., Rev. ed., 修订本
        return re.search(r"(?:\d|ed\.?|edition|版|本|修订|增订|修正)$", value, re.I) is not None
    if field in ("publisher_place", "archive_place"):
        # a place: short, no word of a publisher's
        short = len(value) <= 12 if has_cjk(value) else len(value.split()) <= 5
        return short and _PLACE_WORDS.search(value) is None
    return True


_LINK = re.compile(r"https?://|\bdoi\.org/|\bwww\.|^//|^https?$", re.I)
#: the fields a link never belongs in (a post's title may hold one)
_NAMED_FIELDS = (
    "container_title",
    "publisher",
    "publisher_place",
    "archive",
    "archive_place",
    "edition",
)
#: what ends a GB/T entry, read into a name: a year and its pages (``2015:12-48``), a type
#: code (``[M]``), an edition or a volume after a stop (``．28 版``, ``中华肿瘤杂志. 32``)
_RUN_ON = re.compile(
    r"(?<!\d)\d{4}[a-z]?\s*:\s*\d|\[[A-Z]{1,2}(?:/OL)?\]|\.\s*\d+\s*(?:版|ed\.?)?$"
)
#: a volume with its issue (``4(2)``: the issue not read apart; a run of a periodical,
#: ``1957(1)-1990(4)``, is a volume)
_VOLUME_ISSUE = re.compile(r"\d+\s*\([^()]*\)")
#: a year after a comma in a publisher or a place: the date run into the name
_YEAR_AFTER = re.compile(r",\s*\d{4}")
#: a year with its letter read as a volume (``中国出版, 1998a(5)``: a numeric list's year)
_LETTERED_YEAR = re.compile(r"1[5-9]\d\d[a-z]|20\d\d[a-z]")
#: a name in inverted form or et al. at a title's start: the creators read into the title
_NAMES_FIRST = re.compile(
    r"[^\W\d_][\w'’-]*,\s+(?:[A-Z]\.\s?){1,3}(?:,|\s)|[^\W\d_][\w'’-]*,\s+(?:[A-Z]\s?){1,3},"
    r"|.*\bet al\.|.{0,200}?,\s*eds?\.\s"
)
#: initials standing as a name of their own
_INITIALS_ALONE = re.compile(r"(?=.*[\s.])(?:[A-Z]\.?\s?){1,3}")
#: an edition read as the publisher (``2013年修正``, ``3 版``)
_EDITION_LIKE = re.compile(r"(?:修正|修订|增订)\s*[本版]?$|^\d+\s*版$")
#: a date read as the publisher (``2008a-01-16``: a patent's date with the year's letter)
_DATE_ALONE = re.compile(r"\d{4}[a-z]?-\d{1,2}(?:-\d{1,2})?")
#: a title that starts with an initial: the creators cut at an initial's stop
_INITIAL_FIRST = re.compile(r"[A-Z]\.(?:,|\s+[A-Z])")  # not "R. v. Panel", a case
#: four Chinese characters or more in a page: a name run into the pages
_CJK_RUN = re.compile(r"[\u3400-\u9fff]{4}")
#: a date in brackets (an accessed date run into the publisher: ``档案馆[2025a-02-28]``)
_DATE_IN_BRACKETS = re.compile(
    r"\[\d{4}[a-z]{0,2}(?:-\d{1,2}){0,2}\]|\[[^\[\]]*(?:日期|date)[^\[\]]*\]"
)
#: the year of an author-date head, bracketed or with its letter (``OFFICE, [2013]. Title``,
#: ``김세훈，others，2003a. Title``)
_HEAD_YEAR = re.compile(r"[,，]\s*(?:\[\d{4}[a-z]?\]|\d{4}[a-z])\.(?:\s|(?=[^\W\d_]))")
#: a title that is a report's or a standard's code, not words (``CNIC-01887``)
_CODE_TITLE = re.compile(r"[A-Z]{2,}[-/ ]?\d[\w./-]*")
#: two Chinese names joined by 和 (``高某某和程某某``; not a body's name, ``国家卫生和计划生育委员会``,
#: nor a person's, ``王和平``): persons of two to four characters, or a body before it
_CJK_AND = re.compile(
    r"(?!.*(?:[会社所院部局馆厅处室站团组队]|中心|大学|公司|政府)$)[\u3400-\u9fff]{2,4}和[\u3400-\u9fff]{2,4}"
    r"|.*(?:[会社所院部局馆厅处室站团组队]|中心|大学|公司|政府)和[\u3400-\u9fff]{2,}"
)
#: a Western person's name printed whole, two words, beside persons with initials (``Mou
#: Weimin, Zhang Kan, McNamara T P``): a person's with the given name written out, or a
#: body's; rendering cannot say which
_WRITTEN_OUT = re.compile(r"[^\W\d_][^\W\d_'’-]*(?:-[^\W\d_]+)?\s+([^\W\d_]+(?:-[^\W\d_]+)?)")
#: common Western given names: the last word of a family read before initials (``Dirckx
#: John`` H.: a style that writes given names out), or a title's first word before a comma
#: or a stop (``Alan, Burneson Eric G. Title``): a given name, not a family's or a title's
_GIVEN_NAME_LIST = """
    Adam Adrian Alan Albert Alberto Alena Alex Alexander Alexandra Alice Alison Amanda Amy
    Andrea Andrew Angela Ann Anna Anne Anthony Antonio Barbara Benjamin Bernard Betty Brian
    Bruce Carl Carlos Carol Caroline Catherine Charles Charlotte Christian Christine
    Christopher Claire Claude Claudia Daniel David Deborah Dennis Diana Diane Donald Dorothy
    Douglas Edward Elena Elizabeth Ellen Emily Emma Eric Eva Frances Francesco Francis Frank
    Frederick Gary George Gerald Giovanni Giuseppe Gregory Hannah Hans Harold Helen Henry
    Howard Hugh Ian Isabel Jack Jacob James Jane Janet Jean Jeffrey Jennifer Jessica Joan
    Johann John Jonathan Jose Joseph Joyce Juan Judith Julia Julie Karen Karl Katherine
    Kathleen Kenneth Kevin Laura Lawrence Linda Lisa Louis Louise Lucy Luis Margaret Maria
    Marie Mario Mark Martha Mary Matthew Michael Michel Nancy Nicholas Nicole Pamela Patricia
    Patrick Paul Peter Philip Pierre Rachel Ralph Raymond Rebecca Richard Robert Roger Ronald
    Rose Ruth Samuel Sandra Sarah Scott Sharon Simon Sophie Stephen Steven Susan Thomas
    Timothy Victoria Walter William
"""
_GIVEN_NAMES = frozenset(_GIVEN_NAME_LIST.split())
#: a given name written out, read with a stop after it (``Bai`` ``Yi.``)
_GIVEN_WITH_STOP = re.compile(r"[A-Z][a-z]+\.")
#: initials with their stops after a name at a title's start, run together or before a comma
#: (``Glare P.G.W. Oxford Latin dictionary``, ``Pachur T., B. Scheibehenne. Title``)
_GLUED_INITIALS_FIRST = re.compile(
    r"(?:[a-z]+\s+)*[^\W\d_][\w'’-]*\s+(?:(?:[A-Z]\.){2,3}\s|[A-Z]\.(?:\s[A-Z]\.){0,2},"
    r"|(?:[A-Z]\.){2,3},\s*[^\W\d_][\w'’-]*\s+(?:[A-Z]\.){1,3}\s)"
)
#: two names read as one: an initial standing as a word of a family name (``Marx F J &
#: Karenberg``, A), or a conjunction or 等 after a name's initial (``Poláčková G和Džuganová
#: B``, ``Tuskan G A等``)
_INITIAL_WORD = re.compile(r"(?:^|\s)[A-Z]\.?(?:\s|$)")
_JOINED_NAMES = re.compile(r"(?:^|[\s.])[A-Z]\.?(?:\s*[&和]\s*\S|\s+and\s+\S|\s*等)")
#: a title that starts with a mark parting fields, a name's suffix or an initial in any
#: script (``Я. Молибден…``, ``Jr. Probability…``): the creators cut in the wrong place
_MARK_FIRST = re.compile(r"[.,:;，．：；、]|(?:Jr|Sr)\.?\s|([^\W\d_])\.\s+([^\W\d_])")
#: a title that ends in a description other styles print there: a thesis
#: (``(Doctoral dissertation)``, ``[博士学位论文]``) or a report's number (``(No. GB/T …)``)
_DESCRIBED_TITLE = re.compile(
    r"[(\[][^()\[\]]*(?:dissertation|thesis|学位论文)[^()\[\]]*[)\]]$|\(No\.\s[^()]*(?:\([^()]*\))?\)$",
    re.I,
)
#: a title ending in a numbered volume after its colon (``…Psychiatry: Vol. 1``)
_VOLUME_END = re.compile(r"[:：]\s*(?:Vol\.|Volume|v\.)\s*(?:第\s*)?\d+\s*(?:年卷|[卷册])?$", re.I)
#: a place and a publisher after a comma at the end of a book's or a meeting's name
#: (``…论文集, 北京: 北京大学信息管理系``: the elements after a container run into it)
_PLACE_PUBLISHER_END = re.compile(
    r"[,，]\s*(?:[\u4e00-\u9fff]{2,6}|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s*[:：]\s*[^:：,，]+$"
)
#: a whole reference in a description: another style's translation or original after the
#: entry (``[现代汉语频率词典. (1986). 北京: …]``)
_REFERENCE_IN_NOTE = re.compile(r"\(\d{4}[a-z]?\)\.\s")
#: a place or a publisher holding a stop after a whole word and more words
#: (``History of neurology. Edinburgh``: a book's title before its place; not ``St. Louis``)
_STOP_INSIDE = re.compile(r"[a-z]{5,}\.\s*[A-Z]")
#: a place that is the word a chapter's book follows (``见``, ``In``)
_IN_WORD = re.compile(r"见|收入|载|In", re.I)
#: creators with a locale's et-al term for a title's start (``김세훈, others. Title``)
_OTHERS_FIRST = re.compile(r".{0,200}?[,，]\s*others[.．,，]")
#: two names as GB/T prints them at a title's start (``De Vries R, Nieuwenhuijze M, …``)
_GBT_NAMES_FIRST = re.compile(
    r"(?:[^\W\d_][\w'’-]*\s+){1,2}(?:[A-Z]\s?){1,3}[,，]\s*[^\W\d_][\w'’-]*\s+(?:[A-Z]\s?){1,3}[,，.]"
)
#: two names with their initials' stops at a title's start, the family of one or two words
#: (``De Vries R., Nieuwenhuijze M., …``, ``Myburg Alexander A., Tuskan Gerald A., …``: a
#: style that prints the stops, or given names written out)
_STOPPED_NAMES_FIRST = re.compile(
    r"(?:(?:[a-z]+\s+)*(?:[^\W\d_][\w'’-]*\s+){1,2}[A-Z]\.(?:\s?[A-Z]\.){0,2}[,，]\s*){2}"
)
#: what a name (a publisher, a periodical, a place, an edition) never holds: another
#: work's marks (``//``), a role after names (``trans.``, ``eds.``, ``编``), an edition after
#: a stop (``6th ed.``, ``Fourth.``, ``Rev. ed.``), a date
#: in full at its end (a patent's ``2005-07-05``) or a bracketed note after a comma
#: (``[日期不详]``)
_OTHER_ELEMENTS = re.compile(
    r"(?<!:)//|\b(?:trans|eds?|comp)\.\s*(?:[.．]|//)|[编译]\s*(?://|[.．])"
    r"|(?:^|[.．]\s*)(?:\d+(?:st|nd|rd|th)\s*ed\b|Rev\.\s*ed\b"
    r"|(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)\s*[.．])"
    r"|\d{4}-\d{1,2}-\d{1,2}$|[,，]\s*\[[^\[\]]*\]$",
    re.I,
)
#: a numbered volume in a publisher or a place (``Vol. 26. New York``; a book's name may
#: hold one: ``The Cambridge History of Science, vol. 2: Medieval Science``)
_VOLUME_IN_NAME = re.compile(r"\bVol\.\s*\d", re.I)
#: a periodical's or a book's name ending in a year with its letter or an edition after a
#: comma (``Biology, 2013a``, ``邓小平文选, 2 版``, ``…, 7 edition``)
_CONTAINER_TAIL = re.compile(r"[,，]\s*(?:\d{4}[a-z]|\d+\s*(?:版|edition|ed\.))$")
#: a volume that holds what follows it: pages after a colon, a semicolon, a type code, an
#: open year span before a comma (``1984-, 1984, 1(1)-``) or a year before a volume and its
#: issue (``2018, 6(1)``)
_VOLUME_RUN_ON = re.compile(
    r"[:：]\s*\d|[;；]|\[[A-Z]{1,2}(?:/OL)?\]|\d{4}\s*[-–—]\s*[,，]|^\d{4}\s*[,，]\s*\d+\s*\(\d+\)$"
)


def _implausible(work: Work) -> str | None:
    """Why a record that renders back is still no reading of its entry: a publisher,
    periodical or archive that is no name (``1983, 1(1)-``), a name or a place holding a link
    (a URL read with what another program printed after it), a title with no word that is
    not a number either (``1979, 1(1)-``), or a code for a title (``CNIC-01887``); and what
    school and journal styles print that citelib's never do, kept in the wrong field: two
    names run together or a given name written out, another element in a name (an edition,
    a volume, translators, a date, ``//``), a volume running on, a title that starts with
    creators or ends in a description, a bracket left open."""
    for field in ("publisher", "container_title", "archive", "publisher_place", "archive_place"):
        value = getattr(work, field)
        if isinstance(value, str) and value and not _plausible(field, value):
            return f"{field.replace('_', '-')}: {value!r} is no name"
        if isinstance(value, str) and (
            _RUN_ON.search(to_halfwidth(value))
            or field != "container_title"
            and _YEAR_AFTER.search(to_halfwidth(value))
        ):
            return f"{field.replace('_', '-')}: {value!r} runs on into the next elements"
    for field in ("publisher", "archive"):
        if _EDITION_LIKE.search(getattr(work, field) or ""):
            return f"{field}: {getattr(work, field)!r} is an edition"
        if _DATE_ALONE.fullmatch(getattr(work, field) or ""):
            return f"{field}: {getattr(work, field)!r} is a date"
    creators = (*work.author, *work.editor, *work.translator)
    persons = any(n.family and n.given and not has_cjk(n.family) for n in creators)
    for name in creators:
        literal = name.literal or ""
        out = _WRITTEN_OUT.fullmatch(literal)
        written_out = (
            out is not None
            and literal[:1].isupper()
            and all(p[:1].isupper() and p[1:].islower() for p in out[1].split("-"))
            and not has_cjk(literal)
            and not _BODY_WORD.search(literal)
        )
        if written_out and persons:
            return f"name: {literal!r} is printed whole: a person's written out, or a body's"
        family_words = (name.family or "").split()
        if (
            len(family_words) > 1
            and family_words[-1] in _GIVEN_NAMES
            and re.fullmatch(r"(?:[A-Z]\.?\s*){1,3}", name.given or "")
        ):
            return f"name: {name.family!r} ends in a given name written out"
        if _GIVEN_WITH_STOP.fullmatch(name.given or ""):
            return f"name: {name.given!r} is a given name written out"
        one_letter = len(name.family or "") == 1 and (name.family or "").isascii()
        if _INITIALS_ALONE.fullmatch(name.literal or "") or one_letter:
            return f"name: {name.literal!r} is initials alone (Family, I I: a name cut in two)"
        whole = " ".join(p for p in (name.literal, name.family, name.given) if p)
        if (
            _INITIAL_WORD.search(name.family or "")
            or _JOINED_NAMES.search(name.literal or name.family or "")
            or _JOINED_NAMES.search(whole)
        ):
            return f"name: {whole!r} is two names run together"
        if _CJK_AND.fullmatch(literal) or "," in literal and _INITIAL_WORD.search(literal):
            return f"name: {whole!r} is two names run together"
        if not _balanced(whole):
            return f"name: {whole!r} opens or closes a bracket it does not close or open"
    for field in ("publisher", "container_title", "archive", "publisher_place", "edition"):
        value = getattr(work, field)
        found = _OTHER_ELEMENTS.search(to_halfwidth(value)) if isinstance(value, str) else None
        if found and (field != "edition" or "/" in found[0] or found.start() > 0):
            return f"{field.replace('_', '-')}: {value!r} holds another element"
    for field in ("publisher", "publisher_place"):
        value = to_halfwidth(getattr(work, field) or "")
        if (
            _STOP_INSIDE.search(value)
            or _IN_WORD.fullmatch(value.strip())
            or _VOLUME_IN_NAME.search(value)
        ):
            return f"{field.replace('_', '-')}: {value!r} holds another element"
    if re.fullmatch(r"\[[^\[\]]*\]", to_halfwidth(work.container_title or "").strip()):
        return f"container-title: {work.container_title!r} is a note in brackets"
    if _VOLUME_END.search(to_halfwidth(work.container_title or "").strip()):
        return f"container-title: {work.container_title!r} ends in a volume"
    if _CONTAINER_TAIL.search(to_halfwidth(work.container_title or "")):
        return f"container-title: {work.container_title!r} holds a year or an edition"
    for field in ("container_title", "event_title"):
        value = getattr(work, field)
        if isinstance(value, str) and _PLACE_PUBLISHER_END.search(to_halfwidth(value)):
            return f"{field.replace('_', '-')}: {value!r} ends in a place and a publisher"
    if _REFERENCE_IN_NOTE.search(work.genre or ""):
        return f"genre: {work.genre!r} is another reference"
    if _VOLUME_RUN_ON.search(to_halfwidth(work.volume or "")):
        return f"volume: {work.volume!r} runs on into the next elements"
    if _VOLUME_ISSUE.fullmatch(work.volume or ""):
        return f"volume: {work.volume!r} holds the issue"
    if _LETTERED_YEAR.fullmatch(work.volume or ""):
        return f"volume: {work.volume!r} is a year with its letter"
    if _CJK_RUN.search(work.page or ""):
        return f"page: {work.page!r} holds a name"
    for field in _NAMED_FIELDS:
        value = getattr(work, field)
        if isinstance(value, str) and _LINK.search(value):
            return f"{field.replace('_', '-')}: {value!r} holds a link"
    for field in ("publisher", "archive"):
        value = getattr(work, field)
        if isinstance(value, str) and _DATE_IN_BRACKETS.search(value):
            return f"{field}: {value!r} holds a date"
    title = work.title or ""
    half = to_halfwidth(title)
    if _HEAD_YEAR.search(half):
        return f"title: {title!r} holds an author-date head's year"
    if (
        _NAMES_FIRST.match(half)
        or _INITIAL_FIRST.match(title)
        or (m := _MARK_FIRST.match(half)) is not None
        and (m[1] is None or m[1].isupper() and m[2].isupper())
        or _OTHERS_FIRST.match(half)
        or _GBT_NAMES_FIRST.match(half)
        or _STOPPED_NAMES_FIRST.match(half)
        or _GLUED_INITIALS_FIRST.match(half)
        or (g := re.match(r"([^\W\d_]+)[,.]\s", half)) is not None
        and g[1] in _GIVEN_NAMES
        or (b := re.match(r"([^.:?!]{3,100}?\s)?(\S+)\.\s*\S", half)) is not None
        and _BODY_WORD.fullmatch(b[2]) is not None
    ):
        return f"title: {title!r} starts with creators' names"
    if re.fullmatch(r"\([^()]*\)", title.strip()) or re.match(r"\d{4}[a-z]?,", work.genre or ""):
        return f"title: {title!r} is creators in brackets, or the description a date"
    if not _balanced(title):
        return f"title: {title!r} opens or closes a bracket it does not close or open"
    if _DESCRIBED_TITLE.search(half.strip()) or _VOLUME_END.search(half.strip()):
        return f"title: {title!r} ends in a description or a volume"
    if title and not _LETTER.search(title) and not title.strip().isdigit():
        return f"title: {title!r} holds no word"
    if _CODE_TITLE.fullmatch(title.strip()):
        return f"title: {title!r} is a code"
    if _PATENT_END.search(half.strip()):
        return f"title: {title!r} ends in a patent's country and number"
    if work.type == "patent" and _COUNTRY.fullmatch(half.strip()):
        return f"title: {title!r} is a patent's country"
    return None


#: a country (or its code) where a patent's title would be: what a style prints before the
#: type code of a patent with no number (``一种…装置. 中国[P]``)
_COUNTRY = re.compile(
    r"中国|美国|日本|德国|英国|法国|韩国|俄罗斯|欧洲|CN|US|USA|U\.S\.A?\.?|EP|WO|JP|GB|DE|FR|KR|RU"
)
#: a patent's country and number after a title's full stop (``…装置. 中国, 01128777.2``,
#: ``… System. U.S., US6915001``: styles that print them before the type code)
_PATENT_END = re.compile(r"[.]\s*[^\s.,]{1,12}(?:\.[A-Z]\.?)?,\s*[A-Z]{0,2}\d{6,}(?:\.\d)?$")


#: what other styles print after a title's colon that citelib's print elsewhere: a court
#: case's number (``（1988）浙法民上字 7 号``), an archive's call number
#: (``LS031-001-0001-001``), an episode (``Season 3, Episode 12``), an archive's box
_CALL_NUMBER = re.compile(r"[A-Z]{1,5}\d+(?:-\d+){2,}")
_NUMBER_AFTER_TITLE = re.compile(
    rf"[:：]\s*(?:[(（]\d{{4}}[)）][^:：]{{1,30}}?\d+\s*号|{_CALL_NUMBER.pattern}"
    r"|Season\s+\d+,\s*Episode\s+\d+)$|[:：]\s*(?:Box|Folder|Carton)\s+\d+\b"
)


def _style_doubt(work: Work, family: str | None) -> str | None:
    """Why a record that renders back in citelib's styles may still be another reading
    where another style printed the entry (no style named): what school and journal
    styles print in the same place as another field.

    - a number that may be a call number (its shape, or an archive for publisher) after
      the title, where citelib's styles print a work's number;
    - a number, a case's or a call number, after the title's colon;
    - APA: a number alone after a Chinese periodical, its volume in APA and its issue in
      the APA-like Chinese styles (``中国出版, 5, 38–39``; APA prints an issue ``(5)``).
    """
    if (
        work.number
        and not work.archive_location
        and (_CALL_NUMBER.fullmatch(work.number) or _archive_publisher(work))
    ):
        return f"number: {work.number!r} may be a call number in an archive"
    if _NUMBER_AFTER_TITLE.search(work.title or ""):
        return f"title: {work.title!r} holds a number other styles print after a title"
    if (
        family == "apa"
        and work.type == "article-journal"
        and work.volume
        and not work.issue
        and has_cjk(work.container_title or "")
    ):
        return (
            f"volume: {work.volume!r} after a Chinese periodical may be its issue"
            " (Chinese APA-like styles print an issue alone so)"
        )
    return None


def _moved(work: Work, text: str) -> list[Work]:
    """Rival readings of *text* with the boundary between two fields moved: where the mark
    that parts them in the entry (``：``, ``,``, ``. ``) stands inside one of them too, it
    may as well be the one that parts them (``London : New York：Macmillan`` is a place and a
    publisher either side of either colon).  Readings that give a field a value no one
    would read there (a volume with no digit) are left out; whether a rival renders back
    is for rendering to say."""
    t = to_halfwidth(text)
    spans: list[tuple[int, int, str]] = []
    for field in _MOVABLE:
        value = getattr(work, field)
        if not isinstance(value, str) or not value:
            continue
        at = t.find(to_halfwidth(value))
        if at < 0 or t.find(to_halfwidth(value), at + 1) >= 0:
            continue  # not found as written, or not where alone
        spans.append((at, at + len(value), field))
    spans.sort()
    out: list[Work] = []
    for (a0, a1, fa), (b0, b1, fb) in zip(spans, spans[1:], strict=False):
        gap = _GAP.fullmatch(t[a1:b0])
        if b0 < a1:
            continue
        if gap is not None:
            mark = re.escape(gap[1]) + (r"\s" if gap[1] == "." else "")
        elif t[a1 - 1 : a1] in "?!" and t[a1:b0].isspace():
            mark = r"\.\s"  # "Abandoned? No. BMJ": a title's own mark parts it from what follows
        else:
            continue
        cuts = [a0 + m.start() for m in re.finditer(mark, t[a0:a1])]
        cuts += [b0 + m.start() for m in re.finditer(mark, t[b0:b1])]
        # a mark between digits is a number's own (13,676; 15836:2009; 3.4)
        cuts = [x for x in cuts if not (t[x - 1 : x].isdigit() and t[x + 1 : x + 2].isdigit())]
        for cut in cuts[:4]:
            first = text[a0:cut].strip(" ,;:")
            second = text[cut + 1 : b1].strip(" ,;:")
            if _plausible(fa, first) and _plausible(fb, second):
                out.append(work.evolve(**{fa: first, fb: second}))
    return out


#: fields a GB/T style prints in one slot: a number or an archive's call number after the
#: title, a publisher or the archive that holds the work (and their places)
_ARCHIVE_NAME = re.compile(r"档案|Archiv|Record Office", re.I)


_FIRST_VOLUMES = re.compile(r"1\s*[-–]\s*(\d+)")


def _archive_publisher(work: Work) -> bool:
    """Whether the publisher of *work* is named as an archive (and not as a press)."""
    publisher = work.publisher or ""
    return bool(_ARCHIVE_NAME.search(publisher)) and not re.search(r"出版|Press|Publish", publisher)


def _swapped(work: Work) -> list[Work]:
    """Rival readings of *work* with values in the other field of their slot: a periodical
    alone may be the publisher and the other way round; volumes 1 to n their count; a call
    number with no archive to hold it may be the work's number; a number after the title of
    a work whose publisher is named as an archive may be its call number there (the
    publisher the archive: in GB/T the same slot, so that alone is no rival)."""
    out: list[Work] = []
    # a periodical or site and a publisher often print alike (APA: "[Photograph]. National
    # Geographic."), so one standing alone may be the other
    if work.container_title and not work.publisher:
        out.append(work.evolve(container_title=None, publisher=work.container_title))
    elif work.publisher and not work.container_title:
        out.append(work.evolve(publisher=None, container_title=work.publisher))
    # volumes 1 to n may be a count of volumes (APA prints both "Vols. 1–20")
    whole = _FIRST_VOLUMES.fullmatch(work.volume or "")
    if whole and not work.number_of_volumes:
        out.append(work.evolve(volume=None, number_of_volumes=whole[1]))
    if work.archive_location and not work.archive and not work.number:
        out.append(work.evolve(archive_location=None, number=work.archive_location))
    if work.number and not work.archive_location and not work.archive and _archive_publisher(work):
        held = work.evolve(
            publisher=None,
            archive=work.publisher,
            publisher_place=None,
            archive_place=work.publisher_place or work.archive_place,
        )
        held = held.evolve(number=None, archive_location=work.number)
        # a document held in an archive is a manuscript to CSL (both [Z] in GB/T 7714-2015)
        out.append(held.evolve(type="manuscript") if work.type == "document" else held)
    return out


#: the fields a value's tail may belong to where the parser let the value run on: what a
#: style prints after a title, a periodical or a publisher, parted from it by a mark
#: (APA's "Title (Version 2). arXiv", "The New Yorker, 45-55", "Title (3209.1)")
_TAIL_FIELDS = ("publisher", "page", "number", "volume", "issue", "edition")
_TAIL_MARK = re.compile(r"\.\s+|,\s*|\s+\(|[:：]\s*")


#: a code after a colon: digits with separators, no space
_CODE_LIKE = re.compile(
    r"[A-Za-z]{0,4}\d[\d./-]*\d[A-Za-z]?|[A-Z]{1,4}(?:/[A-Z])?\s*\d[\d.]*\s*[—–-]\s*\d{4}"
)
#: a year or a span of years after a title's colon is the title's (中国造纸年鉴：2003)
_YEARS = re.compile(r"\d{4}(?:\s*[-–—]\s*\d{4})?")


def _spilled(work: Work) -> list[Work]:
    """Rival readings of *work* with the tail of its title, periodical or publisher (after
    one of the last two marks in it) in a field it leaves empty: the text alone cannot say
    where a value ends when nothing follows it."""
    empty = [f for f in _TAIL_FIELDS if not getattr(work, f)]
    out: list[Work] = []
    for field in ("title", "container_title", "publisher"):
        value = getattr(work, field)
        if not isinstance(value, str) or not empty:
            continue
        for m in list(_TAIL_MARK.finditer(value))[-2:]:
            head = value[: m.start()].strip(" ,;:")
            tail = value[m.end() :].strip(" ,;:")
            if m.group().endswith("("):
                if not tail.endswith(")"):
                    continue
                tail = tail[:-1].strip()
            if not head or m.group() == "," and head[-1:].isdigit() and tail[:1].isdigit():
                continue  # 13,676: a number's own mark
            colon = m.group()[:1] in ":："  # "Civil Rights Act of 1964: 88-352": a code alone
            for other in empty:
                if colon and (
                    other != "number" or not _CODE_LIKE.fullmatch(tail) or _YEARS.fullmatch(tail)
                ):
                    continue
                if other != field and _plausible(other, tail):
                    out.append(work.evolve(**{field: head, other: tail}))
    return out


def _marked(
    works: Sequence[Work], read: Sequence[tuple[str, Entry, ParsedEntry | None]]
) -> set[str]:
    """The ids of the works whose entries print placeholders (rendered with them)."""
    return {
        w.id for w, (_, _, p) in zip(works, read, strict=True) if p is not None and p.placeholders
    }


def _own_text(read: tuple[str, Entry, ParsedEntry | None]) -> str:
    """The text an entry's record must render as: the entry's, or the part of it the record
    describes (a Chinese entry's own half, before its English translation)."""
    _, entry, parsed = read
    return parsed.own if parsed is not None and parsed.own is not None else entry.text


def _translations_unverified(
    works: Sequence[Work],
    read: Sequence[tuple[str, Entry, ParsedEntry | None]],
    matched: list[tuple[str, ...]],
    marked: set[str],
) -> dict[int, str]:
    """The verified entries whose English translation does not render back in the style
    their own half matched, each with why; their ``matched`` styles narrowed to those in
    which the translation renders back too (*marked*: see :func:`_marked`)."""
    failed: dict[int, str] = {}
    todo: dict[str, list[int]] = {}
    translations: dict[int, tuple[ParsedEntry, str]] = {}  # the translation read, as written
    for i, (_, _, parsed) in enumerate(read):
        if parsed is None or not matched[i] or parsed.translation_text is None:
            continue
        if parsed.translation is None:
            failed[i] = "no rule reads its English translation"
            matched[i] = ()
            continue
        translations[i] = (parsed.translation, parsed.translation_text)
        for name in matched[i]:
            todo.setdefault(name, []).append(i)
    shown = {
        i: _as_listed(_language(english.work).evolve(id=works[i].id), english)
        for i, (english, _) in translations.items()
    }
    kept: dict[int, tuple[str, ...]] = {i: () for i in shown}
    last: dict[int, str] = {}
    for name, ids in todo.items():
        rendered = _rendered([shown[i] for i in ids], name, marked)
        for i in ids:
            text = translations[i][1]
            got = rendered.get(works[i].id, "\0")
            if normalise(got) == normalise(text):
                kept[i] += (name,)
            else:
                last.setdefault(i, _first_difference(text, got))
    for i, styles in kept.items():
        matched[i] = styles
        if not styles:
            failed[i] = f"its English translation renders otherwise ({last[i]})"
    return failed


def _rivals(
    works: list[Work],
    read: Sequence[tuple[str, Entry, ParsedEntry | None]],
    candidates: Sequence[tuple[Work, ...]],
    chosen: Sequence[int],
    first_rival: Sequence[int],
    matched: Sequence[tuple[str, ...]],
    tries: Sequence[tuple[str, ...]],
    marked: set[str],
) -> dict[int, str]:
    """The verified entries that a rival reading also renders back to, in any style of
    the kinds they matched (which edition the entry is in is not known either): index ->
    how the readings differ.  The rivals after the reading chosen are rendered, one round each."""
    todo: dict[int, list[Work]] = {}
    for i, (_, _, parsed) in enumerate(read):
        if parsed is None or not matched[i]:
            continue
        later = [
            candidates[i][j] for j in range(max(chosen[i] + 1, first_rival[i]), len(candidates[i]))
        ]
        later += _moved(works[i], _own_text(read[i])) + _swapped(works[i]) + _spilled(works[i])
        # in the language the entry rendered back in (the terms, 卷 3 or Vol. 3, depend on it)
        later = [w.evolve(language=works[i].language) for w in later]
        others = [w for w in later if _differing(w.evolve(id=works[i].id), works[i])]
        if others:
            todo[i] = others
    # the styles of the kinds the entry matched in (numeric, author-date): the GB/T 7714
    # editions render the same record differently, so a rival may match in the other one
    # and those of the kind the entry reads as ("Holst M R, 9 workshop..., 2020. Title"
    # matches numeric as a title; read as author-date, its creators are a rival)
    kin = [
        tuple(
            t
            for t in tries[i]
            if _kind(t) in {_kind(m) for m in matched[i]} | {_family_kind(read[i][2])}
        )
        for i in range(len(works))
    ]
    found: dict[int, str] = {}
    round_ = 0
    while True:
        batch = [i for i, ws in todo.items() if round_ < len(ws) and i not in found]
        if not batch:
            return found
        shown = {i: todo[i][round_].evolve(id=works[i].id) for i in batch}
        keys = {_first_creator(w) for w in shown.values()}
        for name in dict.fromkeys(s for i in batch for s in kin[i]):
            chosen_ = [i for i in batch if name in kin[i] and i not in found]
            # the rivals, and in an author-date list the entries of the same first creator
            # as they matched (a year's letter depends on them)
            context = "author-date" in name
            listed = [
                _as_listed(shown.get(i, w), read[i][2])
                for i, w in enumerate(works)
                if i in shown or (context and name in matched[i] and _first_creator(w) in keys)
            ]
            rendered = _rendered(listed, name, marked)
            for i in chosen_:
                if normalise(rendered.get(works[i].id, "\0")) == normalise(_own_text(read[i])):
                    found[i] = _differing(works[i], shown[i])
        round_ += 1


def parse(
    text: str,
    style: str | os.PathLike[str] | None = None,
    *,
    source: str = "<string>",
    verify: bool = True,
) -> Parsed:
    """The records a formatted reference list describes, each verified by rendering it again.

    ``style`` names the style to verify against (a short name or a .csl file); by default
    each entry is verified in the styles of the family it reads as (:data:`FAMILY_STYLES`).
    Every entry gives a record: one no rule reads is a ``document`` titled with its text,
    with an ``unparsed-reference`` problem naming its line and number.
    """
    return parse_sources([(source, text)], style, verify=verify)


def parse_sources(
    sources: Sequence[tuple[str, str]],
    style: str | os.PathLike[str] | None = None,
    *,
    verify: bool = True,
) -> Parsed:
    """:func:`parse` for several ``(source, text)`` lists at once: keys unique across them."""
    from .keys import assign_keys

    family_hint = "apa" if style is not None and "apa" in os.fspath(style).lower() else None
    read: list[tuple[str, Entry, ParsedEntry | None]] = []
    works: list[Work] = []
    problems: list[tuple[int, Problem]] = []  # (index of the work, problem)
    for source, text in sources:
        report = Report(source)
        entries = list(read_entries(text, family_hint))
        if not entries and text.strip() == "":
            report.warning("no-records", "no references: the text is empty")
        for entry, parsed in entries:
            index = len(works)
            read.append((source, entry, parsed))
            before = len(report.problems)
            placeholder = f"_:{index + 1}"
            if parsed is None:
                works.append(new_work(id=placeholder, type="document", title=entry.text))
                report.warning(
                    "unparsed-reference",
                    f"entry {entry.number}: no rule reads it; kept as a document titled with"
                    " its text",
                    line=entry.line,
                )
            else:
                works.append(_language(parsed.work.evolve(id=placeholder)))
                for field in parsed.incomplete:
                    report.warning(
                        "incomplete-names",
                        f"entry {entry.number}: the {field} list ends in 等/et al.;"
                        " only the names shown are read",
                        line=entry.line,
                        field=field,
                    )
                if parsed.inferred:
                    report.warning(
                        "inferred-type",
                        inferred_message(entry.number, parsed.inferred),
                        line=entry.line,
                    )
                for doubt in parsed.doubts:
                    report.warning("unread-part", f"entry {entry.number}: {doubt}", line=entry.line)
            problems += [(index, p) for p in report.problems[before:]]
        problems += [(-1, p) for p in report.problems if p.code == "no-records"]
    works = assign_keys(works)
    found_problems = [attrs.evolve(p, key=works[i].id) if i >= 0 else p for i, p in problems]
    # which styles to try for each entry
    tries: list[tuple[str, ...]] = []
    for _source, _entry, parsed in read:
        if parsed is None:
            tries.append(())
        elif style is not None:
            tries.append((os.fspath(style),))
        else:
            tries.append(FAMILY_STYLES.get(parsed.family or "", ()))
    matched: list[tuple[str, ...]] = [() for _ in works]
    closest: list[str] = ["" for _ in works]
    picked: list[int] = [-1 for _ in works]  # which candidate rendered back
    first_rival: list[int] = []  # where each entry's rival readings start among its candidates
    rival: dict[int, str] = {}  # entries that another reading renders back to: how it differs
    untranslated: dict[int, str] = {}  # verified entries whose translation does not render back
    if verify:
        marked = _marked(works, read)  # (ids are fixed from here on)
        # every record first, as one list per style (an author-date list disambiguates as
        # the input did); then, for those not verified, each other reading in turn
        candidates: list[tuple[Work, ...]] = []
        for w, (_, entry, p) in zip(works, read, strict=True):
            # the record in Chinese too when the entry has Chinese in it (``4 版``, ``第1卷``
            # after a German title): the language is not printed, the terms are; and, after
            # the parser's other readings of the same record, a Chinese record with no
            # language (a style with a layout for Chinese works prints those otherwise)
            same: tuple[Work, ...] = ()
            unsaid: tuple[Work, ...] = ()
            if w.language != "zh-CN" and has_cjk(entry.text):
                same = (w.evolve(language="zh-CN"),)
            elif w.language == "zh-CN" and p is not None:
                unsaid = (w.evolve(language=None),)
            others = tuple(_language(a) for a in (p.alternatives if p else ()))
            equal = p.equivalents if p else 0
            first_rival.append(1 + len(same) + equal + len(unsaid))
            candidates.append((w, *same, *others[:equal], *unsaid, *others[equal:]))
        round_ = 0
        pending = list(range(len(works)))
        while pending:
            batch = [i for i in pending if round_ < len(candidates[i])]
            if not batch:
                break
            shown = {
                i: _as_listed(candidates[i][round_].evolve(id=works[i].id), read[i][2])
                for i in batch
            }
            for name in dict.fromkeys(s for i in batch for s in tries[i]):
                chosen = [i for i in batch if name in tries[i]]
                rendered = _rendered([shown[i] for i in chosen], name, marked)
                for i in chosen:
                    got = rendered.get(works[i].id, "\0")
                    if normalise(got) == normalise(_own_text(read[i])):
                        matched[i] += (name,)
                    elif round_ == 0 and name == tries[i][0]:
                        closest[i] = got
            for i in batch:
                if matched[i]:
                    picked[i] = round_
                if matched[i] and round_:
                    works[i] = candidates[i][round_].evolve(id=works[i].id)
            pending = [i for i in batch if not matched[i]]
            round_ += 1
        untranslated = _translations_unverified(works, read, matched, marked)
        rival = _rivals(works, read, candidates, picked, first_rival, matched, tries, marked)
        for i, (_, _, parsed) in enumerate(read):
            if parsed is None or not matched[i] or i in rival:
                continue
            # what the parser doubts; a reading no one would make; what another style
            # prints in the same place (unless the style is named)
            reason = "; ".join(parsed.unproved) or _implausible(works[i])
            if reason is None and style is None:
                reason = _style_doubt(works[i], parsed.family)
            if reason:
                rival[i] = reason
    references: list[Reference] = []
    for index, ((source, entry, parsed), work, names) in enumerate(
        zip(read, works, tries, strict=True)
    ):
        found = matched[index]
        difference = None
        if index in rival:
            difference = rival[index]
            found_problems.append(
                Problem(
                    f"entry {entry.number}: not verified: it renders back in {found[0]},"
                    f" but ambiguously ({difference})",
                    file=source,
                    line=entry.line,
                    key=work.id,
                    severity="warning",
                    code="ambiguous-reference",
                )
            )
            found = ()
        elif parsed is not None and verify and not found and names:
            difference = untranslated.get(index) or _first_difference(
                _own_text((source, entry, parsed)), closest[index]
            )
            found_problems.append(
                Problem(
                    f"entry {entry.number}: not verified: its record renders otherwise in"
                    f" {names[0]} ({difference})",
                    file=source,
                    line=entry.line,
                    key=work.id,
                    severity="warning",
                    code="unverified-reference",
                )
            )
        references.append(
            Reference(
                line=entry.line,
                number=entry.number,
                label=entry.label,
                text=entry.text,
                work=work,
                verified=bool(found),
                style=found[0] if found else None,
                styles=found,
                difference=difference,
                parsed=parsed is not None,
                source=source,
            )
        )
    return Parsed(tuple(references), tuple(found_problems))
