"""EndNote tagged export (``.enw``, "refer" style), read only.

Each line is ``%X value``: ``%0`` the reference type (``Journal Article``,
``Book Section`` …, :data:`TYPES`), ``%A`` an author, ``%T`` the title and so
on (:data:`RULES`, one table).  A record starts at ``%0`` and ends at a blank
line or the next ``%0``; a line without a tag continues the value above it.

* Names are ``Last, First``; a Chinese name (CNKI's and Wanfang's EndNote
  exports) is split into family and given name; ``%A a;b`` lists and old
  CNKI's ``%A a %A b`` lines are split.
* ``%D`` (year) and ``%8`` (date) make the date, the more precise winning.
* ``%K`` keywords may come one per line or separated by ``;`` (CNKI); they are
  joined as :func:`citelib.formats._tagged.join_keywords` does.
* ``%N`` is the issue (CNKI's ``09`` becomes ``9``); ``%P`` is the page range, or the number of pages of a book or thesis.
* A thesis's ``%Y`` is its advisor (CSL ``contributor``, Zotero's contributor),
  elsewhere the series editor; its ``%9`` degree ``硕士``/``博士`` becomes the type
  ``硕士学位论文``/``博士学位论文``.
* A CNKI, Wanfang or VIP landing-page ``%U`` is kept in ``extra`` as
  ``landing-page`` (``database_url=True`` keeps it as the URL); a newspaper's
  page ``007`` is ``7``.
* A work in Chinese script gets ``language`` ``zh-CN`` unless ``%G`` names one.
* Tags with no CSL variable go to ``extra`` under a readable key
  (``%+`` → ``author-address``, ``%F`` → ``label``, ``%=`` → ``last-modified``).
"""

from __future__ import annotations

import re
from typing import Any

from ..dates import parse_date
from ..errors import Report
from ..model import Date, Library
from . import _tagged
from ._tagged import (
    Dates,
    Joined,
    Keywords,
    Language,
    Matching,
    Names,
    RawRecord,
    Rule,
    Spec,
    Text,
    clean_text,
)

__all__ = ["RULES", "TYPES", "read", "sniff"]

TYPES = _tagged.ENDNOTE_TYPES
"""EndNote reference type names (folded to lower case) -> CSL type."""

_BOOKS = frozenset(["book", "thesis", "report", "manuscript"])
_SERIALS = frozenset(["article-journal", "article-magazine", "article-newspaper", "periodical"])
_THESES = frozenset(["thesis"])
_SPLIT = re.compile(r"[;；]")
# old CNKI exports put several authors on one line: "%A 蔺卿 %A 罗格平 %A 陈曦"
_NAMES = re.compile(r"[;；]|(?<!\s)\s+%[AEY?]\s+")  # from a run's start: linear


def _parse_enw_date(text: str) -> Date | None:
    t = clean_text(text)
    if not t:
        return None
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", t)  # %[ 20151028
    if m and 1 <= int(m[2]) <= 12 and 1 <= int(m[3]) <= 31:
        return Date.of(int(m[1]), int(m[2]), int(m[3]))
    return parse_date(t)


RULES: tuple[Rule, ...] = (
    Rule("author", ("A",), Names(split=_NAMES)),
    Rule("editor", ("E",), Names(split=_NAMES)),
    Rule("contributor", ("Y",), Names(split=_NAMES), types=_THESES),  # the advisor
    Rule("collection_editor", ("Y",), Names(split=_NAMES)),
    Rule("translator", ("?",), Names(split=_NAMES)),
    Rule("title", ("T",)),
    Rule("title_short", ("!",)),
    Rule("container_title", ("J", "B"), exclude=_BOOKS),
    Rule("collection_title", ("B", "S"), types=_BOOKS),
    Rule("collection_title", ("S",)),
    Rule("issued", ("D", "8"), Dates(_parse_enw_date)),
    Rule("accessed", ("[",), Dates(_parse_enw_date)),
    Rule("volume", ("V",)),
    Rule("issue", ("N",), Text(clean=_tagged.number_text)),
    Rule("number_of_pages", ("P",), types=_BOOKS),
    Rule("page", ("P",)),
    Rule("edition", ("7",)),
    Rule("genre", ("9",), Text(clean=_tagged.thesis_genre), types=_THESES),
    Rule("genre", ("9",)),
    Rule("issn", ("@",), Matching(accept=_tagged.is_issn)),
    Rule("isbn", ("@",), Matching(accept=_tagged.is_isbn)),
    Rule("issn", ("@",), types=_SERIALS),
    Rule("isbn", ("@",), exclude=_SERIALS),
    Rule("doi", ("R",), Text(clean=_tagged.clean_doi)),
    Rule("url", ("U",)),
    Rule("abstract", ("X",), Text(long=True)),
    Rule("note", ("Z", "O"), Joined()),
    Rule("keyword", ("K",), Keywords(split=_SPLIT)),
    Rule("language", ("G",), Language()),
    Rule("publisher", ("I",)),
    Rule("publisher_place", ("C",)),
    Rule("call_number", ("L",)),
    Rule("archive_location", ("M",)),
    Rule("source", ("W",)),
    Rule("archive", ("~",)),
    Rule("section", ("&",)),
    Rule("original_title", ("(",)),
    Rule("reviewed_title", ("*",)),
)
"""The EndNote table: Work field, tags (without ``%``), codec and the types a row is for."""

_EXTRA_KEYS = {
    "+": "author-address",
    "F": "label",
    "=": "last-modified",
    "1": "custom1",
    "2": "custom2",
    "3": "custom3",
    "4": "custom4",
    "Q": "translated-title",
    ")": "reprint-edition",
    "^": "caption",
    ">": "file",
    "<": "research-notes",
    "H": "translated-author",
}

SPEC = Spec(
    "endnote",
    RULES,
    extra_key=lambda tag: _EXTRA_KEYS.get(tag, "%" + tag),
    language_from_script=True,
)

_TAG = re.compile(r"^\ufeff?%(\S)(?:[ \t](.*))?$")


def sniff(text: str) -> bool:
    """True if the first non-blank line of *text* is an EndNote ``%X`` tag line and ``%0`` or ``%T`` occurs."""
    lines = [ln for ln in text.lstrip("\ufeff").splitlines()[:80] if ln.strip()]
    if not lines or not _TAG.match(lines[0]):
        return False
    return any(re.match(r"^%[0T] ", ln) for ln in lines)


def _tag(line: str) -> tuple[str, str] | None:
    m = _TAG.match(line)
    return (m[1], (m[2] or "").strip()) if m else None


def _records(text: str, report: Report) -> list[RawRecord]:
    """EndNote records: a ``%0`` line or a blank line starts the next one."""
    return _tagged.split_records(
        text,
        report,
        tag_of=_tag,
        starts=lambda tag, tags: tag == "0",
        head=("0",),
        empty="empty record (a %0 line only) skipped",
    )


def _record_type(record: RawRecord, report: Report) -> str:
    name = record.first("0")
    if not name:
        report.warning(
            "missing-type",
            "record without a reference type (%0): read as a generic document",
            line=record.line,
        )
        return "document"
    return _tagged.look_up_type(name, TYPES, record, report, what="EndNote type")


def read(text: str, *, source: str = "<string>", strict: bool = False, **options: Any) -> Library:
    """The works in EndNote tagged *text*."""
    report = Report(source)
    records = _records(text, report)
    if not records and text.strip():
        report.error("no-records", "no EndNote records found (no %X tag lines)", line=1)
    return _tagged.read_records(
        records,
        SPEC,
        _record_type,
        report,
        strict=strict,
        skip=["0"],
        database_url=bool(options.get("database_url", False)),
    )
