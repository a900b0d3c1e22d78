"""The one BibTeX/BibLaTeX ⇄ CSL mapping table that the reader and the writer share.

Entry types map to CSL types (``TYPE_IN``) and back (:func:`write_type`).
Each :class:`Rule` maps one model attribute to BibTeX fields, for some entry
types, through a :class:`~._codecs.Codec` that reads a field's value and
writes it back: ``read`` lists the fields in the order the reader prefers them
(the first present wins; the others stay in ``extra``), ``bibtex`` and
``biblatex`` the order the writer prefers in each dialect.  Every model
variable the explicit rules leave out is carried under its CSL name
(``archive-place``, ``director``), so records survive a round trip whole.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import attrs

from ...model import FIELDS, Work
from ._codecs import (
    Codec,
    Dates,
    Genre,
    Issued,
    Keyed,
    Language,
    Names,
    Pages,
    Places,
    Text,
    Title,
    Verbatim,
)

__all__ = [
    "ARCHIVE_TYPES",
    "EXTRA_PREFIX",
    "ARTICLE_TYPES",
    "PREPRINT_TYPES",
    "RULES",
    "TYPE_IN",
    "Rule",
    "csl_type_for",
    "escape_key",
    "extra_key",
    "plain_key",
    "rules_for",
    "subtype_for",
    "write_type",
    "write_type_for",
]


# --------------------------------------------------------------------------- entry types

TYPE_IN: dict[str, str] = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "bookinbook": "book",
    "collection": "book",
    "mvcollection": "book",
    "proceedings": "book",
    "mvproceedings": "book",
    "reference": "book",
    "mvreference": "book",
    "booklet": "pamphlet",
    "inbook": "chapter",
    "incollection": "chapter",
    "suppbook": "chapter",
    "suppcollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "inreference": "entry-encyclopedia",
    "manual": "report",
    "misc": "document",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "patent": "patent",
    "periodical": "periodical",
    "suppperiodical": "periodical",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "unpublished": "manuscript",
    "dataset": "dataset",
    "data": "dataset",
    "software": "software",
    "standard": "standard",
    "artwork": "graphic",
    "image": "graphic",
    "audio": "song",
    "music": "song",
    "movie": "motion_picture",
    "video": "motion_picture",
    "jurisdiction": "legal_case",
    "legislation": "legislation",
    "legal": "treaty",
    "letter": "personal_communication",
    "performance": "performance",
    "review": "review",
    # biblatex-gb7714 and gbt7714.bst types (GB/T 7714 [A], [CM], [PP])
    "archive": "manuscript",
    "map": "map",
    "preprint": "article",
}

# CSL type -> the BibLaTeX entry type written for it (chapter and thesis are decided per record)
_TYPE_OUT: dict[str, str] = {
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "article": "article",
    "book": "book",
    "paper-conference": "inproceedings",
    "entry-encyclopedia": "inreference",
    "entry-dictionary": "inreference",
    "entry": "inreference",
    "report": "report",
    "webpage": "online",
    "post": "online",
    "post-weblog": "online",
    "manuscript": "unpublished",
    "speech": "unpublished",
    "patent": "patent",
    "dataset": "dataset",
    "software": "software",
    "standard": "standard",
    "pamphlet": "booklet",
    "periodical": "periodical",
    "graphic": "artwork",
    "song": "music",
    "motion_picture": "movie",
    "legal_case": "jurisdiction",
    "legislation": "legislation",
    "treaty": "legal",
    "personal_communication": "letter",
    "performance": "performance",
    "review": "review",
    "document": "misc",
    "map": "map",
}

ARTICLE_TYPES = frozenset(["article", "periodical", "suppperiodical"])
CHAPTER_TYPES = frozenset(
    [
        "inbook",
        "incollection",
        "inproceedings",
        "conference",
        "inreference",
        "bookinbook",
        "suppbook",
        "suppcollection",
    ]
)
BOOK_TYPES = CHAPTER_TYPES | frozenset(
    [
        "book",
        "mvbook",
        "collection",
        "mvcollection",
        "proceedings",
        "mvproceedings",
        "reference",
        "mvreference",
    ]
)
THESIS_TYPES = frozenset(["phdthesis", "mastersthesis", "thesis"])
REPORT_TYPES = frozenset(["techreport", "report"])
# archival documents (GB/T 7714 [A]): ``institution`` is the archive that holds them,
# ``number`` their archive number (档号), ``location`` the archive's place (see
# _special.read_archive_place)
ARCHIVE_TYPES = frozenset(["archive", "letter"])
PREPRINT_TYPES = frozenset(["preprint"])
ONLINE_TYPES = frozenset(["online", "electronic", "www"])

_SUBTYPES = {"magazine": "article-magazine", "newspaper": "article-newspaper"}
_SUBTYPES_OUT = {v: k for k, v in _SUBTYPES.items()}

# thesis genres: the BibTeX types that imply them, biblatex's localisation keys
DEFAULT_GENRE = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}
GENRE_KEYS = {
    "phdthesis": "PhD thesis",
    "mathesis": "Master's thesis",
    "bathesis": "Bachelor's thesis",
    "candthesis": "Candidate thesis",
    "techreport": "technical report",
    "resreport": "research report",
    "software": "computer software",
    "datacd": "CD-ROM",
    "audiocd": "audio CD",
    "patent": "patent",
    "patentde": "German patent",
    "patenteu": "European patent",
    "patentfr": "French patent",
    "patentuk": "British patent",
    "patentus": "U.S. patent",
    "patreq": "patent request",
    "patreqde": "German patent request",
    "patreqeu": "European patent request",
    "patreqfr": "French patent request",
    "patrequk": "British patent request",
    "patrequs": "U.S. patent request",
}
# biblatex's localisation keys in ``series``
SERIES_KEYS = {"newseries": "new series", "oldseries": "old series"}
# ... and in ``pubstate``
STATUS_KEYS = {
    "inpress": "in press",
    "forthcoming": "forthcoming",
    "submitted": "submitted",
    "inpreparation": "in preparation",
    "prepublished": "pre-published",
}
# the fields joined to a title as pandoc and biblatex print them: (subtitle, addon)
TITLE_PARTS = {
    "title": ("subtitle", "titleaddon"),
    "booktitle": ("booksubtitle", "booktitleaddon"),
    "journaltitle": ("journalsubtitle", ""),
    "journal": ("journalsubtitle", ""),
}
_MASTER = re.compile(r"master|\bm\.?\s?(?:a|s|sc|phil)\b\.?|magister|硕士", re.IGNORECASE)
_DOCTOR = re.compile(r"ph\.?\s?d|doctor|doctoral|dissertation|博士", re.IGNORECASE)


def csl_type_for(bibtype: str, subtype: str | None) -> tuple[str, bool]:
    """The CSL type of an entry, and whether its ``entrysubtype`` was used up deciding it."""
    csl = TYPE_IN.get(bibtype, "document")
    if subtype:
        s = subtype.strip().lower()
        if bibtype == "article" and s in _SUBTYPES:
            return _SUBTYPES[s], True
        from ...model import CSL_TYPES

        if s in CSL_TYPES and s != csl:
            return s, True
    return csl, False


def write_type(work: Work, dialect: str) -> str:
    """The entry type the writer uses for *work* when no original type is kept."""
    return write_type_for(
        work.type,
        work.genre,
        bool(work.editor),
        bool(work.container_author),
        dialect,
        work.subtype,
    )


def write_type_for(
    t: str,
    genre: str | None,
    editor: bool,
    container_author: bool,
    dialect: str,
    subtype: str | None = None,
) -> str:
    """:func:`write_type` from the only fields it looks at."""
    if t == "book" and subtype == "proceedings":
        return "proceedings"
    if t == "chapter":
        return "incollection" if editor and not container_author else "inbook"
    if t == "thesis":
        if dialect == "bibtex" and genre:
            if _MASTER.search(genre):
                return "mastersthesis"
            if _DOCTOR.search(genre):
                return "phdthesis"
        return "thesis"
    if t == "report" and dialect == "bibtex":
        return "techreport"
    return _TYPE_OUT.get(t, "misc")


def subtype_for(work_type: str, bibtype: str) -> str | None:
    """The ``entrysubtype`` that makes *bibtype* read back as *work_type*, if one is needed."""
    if TYPE_IN.get(bibtype, "document") == work_type:
        return None
    if bibtype == "article" and work_type in _SUBTYPES_OUT:
        return _SUBTYPES_OUT[work_type]
    return work_type


# --------------------------------------------------------------------------- fields


@attrs.frozen
class Rule:
    """One model attribute ⇄ BibTeX fields through *codec*, for the entry types in *types* (None: all).

    ``also`` names fields that make the rule apply when none of ``read`` is
    present (``issued`` from ``year``); the codec then reads the first of them.
    """

    attr: str
    codec: Codec[Any]  # the codec of this attribute's value type
    read: tuple[str, ...]
    bibtex: tuple[str, ...] = ()
    biblatex: tuple[str, ...] = ()
    types: frozenset[str] | None = None
    also: tuple[str, ...] = ()

    def names_for(self, dialect: str) -> tuple[str, ...]:
        """The writer's preference order in *dialect*."""
        order = self.biblatex if dialect == "biblatex" else self.bibtex
        return order or self.read


def _r(
    attr: str,
    codec: Codec[Any],
    *read: str,
    bibtex: tuple[str, ...] = (),
    biblatex: tuple[str, ...] = (),
    types: frozenset[str] | None = None,
    also: tuple[str, ...] = (),
) -> Rule:
    return Rule(attr, codec, tuple(read), bibtex, biblatex, types, also)


# the codecs of the table, one instance each
TEXT = Text()
RICH = Text(rich=True)
TITLE = Title(TITLE_PARTS)
NAMES = Names()
VERBATIM = Verbatim()
PAGES = Pages()
DATE = Dates()
ISSUED = Issued()
LANGUAGE = Language()
GENRE = Genre(GENRE_KEYS, DEFAULT_GENRE)
SERIES = Keyed(SERIES_KEYS, rich=True)
PUBSTATE = Keyed(STATUS_KEYS, keys_in_bibtex=True)
PLACES = Places()

RULES: tuple[Rule, ...] = (
    _r("author", NAMES, "author"),
    _r("editor", NAMES, "editor"),
    _r("translator", NAMES, "translator"),
    _r("container_author", NAMES, "bookauthor"),
    _r("title", TITLE, "title"),
    _r("title_short", RICH, "shorttitle"),
    _r(
        "container_title",
        TITLE,
        "journaltitle",
        "journal",
        "booktitle",
        bibtex=("journal", "journaltitle", "booktitle"),
        types=ARTICLE_TYPES,
    ),
    # a website's title: biblatex-apa and pandoc read journaltitle in @online
    _r(
        "container_title",
        TITLE,
        "booktitle",
        "journaltitle",
        "journal",
        bibtex=("journal", "journaltitle", "booktitle"),
        biblatex=("journaltitle", "journal", "booktitle"),
        types=ONLINE_TYPES,
    ),
    _r("container_title", TITLE, "booktitle", "journaltitle", "journal"),
    _r("container_title_short", RICH, "shortjournal"),
    _r("collection_title", SERIES, "series"),
    _r("volume_title", RICH, "issuetitle"),
    _r("event_title", RICH, "eventtitle"),
    _r("original_title", RICH, "origtitle"),
    _r("edition", TEXT, "edition"),
    _r("volume", TEXT, "volume"),
    _r("issue", TEXT, "number", "issue", types=ARTICLE_TYPES),
    _r("issue", TEXT, "issue"),
    _r("collection_number", TEXT, "number", types=BOOK_TYPES),
    # biblatex's eid: an article's number in place of pages (GB/T 7714-2025 7.7)
    _r("number", TEXT, "eid", "csl-number", types=ARTICLE_TYPES),
    _r("number", TEXT, "csl-number", types=BOOK_TYPES | ARCHIVE_TYPES),
    _r("number", TEXT, "number"),
    _r("number_of_volumes", TEXT, "volumes"),
    _r("page", PAGES, "pages"),
    _r("number_of_pages", TEXT, "pagetotal"),
    _r("chapter_number", TEXT, "chapter"),
    _r("version", TEXT, "version"),
    _r("issued", ISSUED, "date", also=("year",)),
    _r("original_date", DATE, "origdate"),
    _r("event_date", DATE, "eventdate"),
    _r("accessed", DATE, "urldate"),
    _r(
        "publisher",
        TEXT,
        "institution",
        "school",
        "publisher",
        bibtex=("school", "institution", "publisher"),
        types=THESIS_TYPES,
    ),
    _r("publisher", TEXT, "institution", "publisher", "organization", types=REPORT_TYPES),
    _r("publisher", TEXT, "organization", "publisher", "institution", types=frozenset(["manual"])),
    _r("publisher", TEXT, "publisher", "organization", types=ARCHIVE_TYPES),
    _r(
        "publisher",
        TEXT,
        "publisher",
        "eprinttype",
        "archiveprefix",
        bibtex=("archiveprefix", "eprinttype", "publisher"),
        biblatex=("eprinttype", "archiveprefix", "publisher"),
        types=PREPRINT_TYPES,
    ),
    _r("publisher", TEXT, "publisher", "organization", "institution"),
    _r("archive", TEXT, "institution", "archive", types=ARCHIVE_TYPES),
    _r("archive_location", TEXT, "number", "archive_location", types=ARCHIVE_TYPES),
    _r(
        "publisher_place",
        PLACES,
        "publisher-place",
        "location",
        "address",
        bibtex=("address", "location"),
        biblatex=("location", "address"),
        types=ARCHIVE_TYPES,
    ),
    _r("publisher_place", PLACES, "location", "address", bibtex=("address", "location")),
    _r("event_place", TEXT, "venue"),
    _r("original_publisher", TEXT, "origpublisher"),
    _r("original_publisher_place", TEXT, "origlocation"),
    _r("genre", GENRE, "type"),
    _r("status", PUBSTATE, "pubstate"),
    # langid in both dialects: pandoc reads only langid, gbt7714.bst langid before language
    _r("language", LANGUAGE, "langid", "hyphenation", "language"),
    _r("doi", VERBATIM, "doi"),
    _r("url", VERBATIM, "url"),
    _r("isbn", TEXT, "isbn"),
    _r("issn", TEXT, "issn"),
    _r("pmid", TEXT, "pmid"),
    _r("pmcid", TEXT, "pmcid"),
    _r("call_number", TEXT, "library"),
    _r("keyword", TEXT, "keywords"),
    _r("abstract", TEXT, "abstract"),
    _r("note", TEXT, "note"),
    _r("annote", TEXT, "annotation", "annote", bibtex=("annote", "annotation")),
)

_CODEC_OF: dict[str, Codec[Any]] = {"name": NAMES, "date": DATE, "text": TEXT}

# every other variable of the model (and those the rules above give only some entry
# types) under its CSL name; lists have no BibTeX form, the subtype is the entry type
RULES = RULES + tuple(
    _r(f.attr, _CODEC_OF[f.kind], f.csl.lower())
    for f in FIELDS
    if f.kind in _CODEC_OF
    and f.attr != "subtype"
    and not any(r.attr == f.attr and r.types is None for r in RULES)
)

#: Entry types that give a work its :attr:`~citelib.model.Work.subtype`.
SUBTYPE_OF = {"proceedings": "proceedings", "mvproceedings": "proceedings"}


@cache
def rules_for(bibtype: str) -> tuple[Rule, ...]:
    """The rules that apply to *bibtype*: for each attribute, the first that matches."""
    seen: set[str] = set()
    out: list[Rule] = []
    for rule in RULES:
        if rule.attr in seen:
            continue
        if rule.types is None or bibtype in rule.types:
            seen.add(rule.attr)
            out.append(rule)
    return tuple(out)


@cache
def field_index(bibtype: str) -> dict[str, tuple[Rule, int]]:
    """For *bibtype*: each BibTeX field any rule reads -> (its rule, its reading priority)."""
    index: dict[str, tuple[Rule, int]] = {}
    for rule in rules_for(bibtype):
        for pos, name in enumerate(rule.read):
            if name in index:  # pragma: no cover - a table error
                raise AssertionError(f"{bibtype}: field {name} read by two rules")
            index[name] = (rule, pos)
    return index


@cache
def fallbacks(bibtype: str) -> tuple[Rule, ...]:
    """The rules for *bibtype* that have ``also`` fields."""
    return tuple(rule for rule in rules_for(bibtype) if rule.also)


# --------------------------------------------------------------------------- extra keys

#: The prefix of a field that holds an ``extra`` key BibTeX cannot take as a field name.
EXTRA_PREFIX = "citelib."
_PLAIN_KEY = re.compile(r"[a-z_][a-z0-9_.:+/-]*")
_KEEP = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.:+/-")
_ESCAPE = re.compile(r"_([a-z])|__([0-9a-f]+)_")


def escape_key(key: str) -> str:
    """*key* as a field name every BibTeX reader takes and :func:`extra_key` turns back.

    ``citelib.`` and the key with each character outside ``[a-z0-9.:+/-]`` escaped: an
    upper-case letter as ``_`` and the letter (``ID`` → ``citelib._i_d``), any other as
    ``__``, its code point in hex and ``_`` (``%8`` → ``citelib.__25_8``).
    """
    out = []
    for ch in key:
        if ch in _KEEP:
            out.append(ch)
        elif "A" <= ch <= "Z":
            out.append("_" + ch.lower())
        else:
            out.append(f"__{ord(ch):x}_")
    return EXTRA_PREFIX + "".join(out)


def plain_key(key: str) -> bool:
    """True if *key* reads back as itself when written as a field name: lower case, no
    character BibTeX gives a meaning (``%``, ``=``, ``,``, braces, spaces), not ``citelib.…``."""
    return _PLAIN_KEY.fullmatch(key) is not None and not key.startswith(EXTRA_PREFIX)


def extra_key(name: str) -> str:
    """The ``extra`` key a field *name* holds: its escaped key (:func:`escape_key`) for a
    ``citelib.…`` field written so, else the name itself."""
    if not name.startswith(EXTRA_PREFIX):
        return name

    def unescape(m: re.Match[str]) -> str:
        return m.group(1).upper() if m.group(1) else chr(int(m.group(2), 16))

    try:
        key = _ESCAPE.sub(unescape, name[len(EXTRA_PREFIX) :])
    except (ValueError, OverflowError):
        return name
    return key if escape_key(key) == name else name
