"""NoteExpress export (``.net``; Wanfang 万方 and others export it), read only.

Each line is ``{Field Name}: value``; a record starts at ``{Reference Type}:``
and ends at a blank line.  Repeated fields (``{Author}``, ``{Keywords}``)
give several values; a line without a field continues the value above it.
The reference types are EndNote's names (``Journal Article``, ``Thesis`` …,
:data:`citelib.formats.endnote.TYPES`).

* Chinese authors are split into family and given name (江文杰 → 江 + 文杰);
  a value holding ``;`` is several authors (or keywords).
* ``{Keywords}`` are joined as :func:`citelib.formats._tagged.join_keywords`
  does; ``{Language}: chi`` becomes ``zh-CN``, and a work in Chinese script
  without a language gets ``zh-CN``.
* ``{Database Provider}`` is the ``source`` (as RIS ``DP`` is for Zotero).
* A Wanfang (or CNKI, VIP) landing-page ``{URL}`` is kept in ``extra`` as
  ``landing-page``, which the styles do not print (``database_url=True`` keeps it
  as the URL); a thesis's ``{Type of Work}`` ``硕士``/``博士`` becomes
  ``硕士学位论文``/``博士学位论文``.
* Fields without a CSL variable are kept in ``extra`` under the field name in
  lower case with hyphens: ``translated-title``, ``translated-author``,
  ``translated-journal``, ``author-address``.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import Report
from ..model import Library
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
)

__all__ = ["RULES", "read", "sniff"]

_SPLIT = re.compile(r"[;；]")
_BOOKS = frozenset(["book", "thesis", "report", "manuscript"])
_THESES = frozenset(["thesis"])
_SERIALS = frozenset(["article-journal", "article-magazine", "article-newspaper", "periodical"])


RULES: tuple[Rule, ...] = (
    Rule("author", ("Author",), Names(split=_SPLIT)),
    Rule("editor", ("Secondary Author", "Editor"), Names(split=_SPLIT)),
    Rule("collection_editor", ("Tertiary Author",), Names(split=_SPLIT)),
    Rule("translator", ("Subsidiary Author", "Translator"), Names(split=_SPLIT)),
    Rule("title", ("Title",)),
    Rule("title_short", ("Short Title",)),
    Rule("container_title", ("Journal", "Secondary Title"), exclude=_BOOKS),
    Rule("collection_title", ("Secondary Title", "Tertiary Title"), types=_BOOKS),
    Rule("collection_title", ("Tertiary Title",)),
    Rule("container_title_short", ("Alternate Journal", "Alternate Title")),
    Rule("issued", ("Date", "Year"), Dates()),
    Rule("accessed", ("Date Accessed", "Access Date"), Dates()),
    Rule("volume", ("Volume",)),
    Rule("issue", ("Issue", "Number"), Text(clean=_tagged.number_text)),
    Rule("page", ("Pages",)),
    Rule("number_of_pages", ("Number of Pages",)),
    Rule("edition", ("Edition",)),
    Rule("genre", ("Type of Work",), Text(clean=_tagged.thesis_genre), types=_THESES),
    Rule("genre", ("Type of Work",)),
    Rule("issn", ("ISBN/ISSN", "ISSN"), Matching(accept=_tagged.is_issn)),
    Rule("isbn", ("ISBN/ISSN", "ISBN"), Matching(accept=_tagged.is_isbn)),
    Rule("issn", ("ISBN/ISSN",), types=_SERIALS),
    Rule("isbn", ("ISBN/ISSN",), exclude=_SERIALS),
    Rule("doi", ("DOI",), Text(clean=_tagged.clean_doi)),
    Rule("url", ("URL",)),
    Rule("abstract", ("Abstract",), Text(long=True)),
    Rule("note", ("Notes",), Joined()),
    Rule("keyword", ("Keywords",), Keywords(split=_SPLIT)),
    Rule("language", ("Language",), Language()),
    Rule("publisher", ("Publisher",)),
    Rule("publisher_place", ("Place Published",)),
    Rule("call_number", ("Call Number",)),
    Rule("archive_location", ("Accession Number",)),
    Rule("source", ("Database Provider",)),
)
"""The NoteExpress table: Work field, field names, codec and the types a row is for."""

SPEC = Spec(
    "noteexpress",
    RULES,
    extra_key=lambda tag: re.sub(r"[^0-9a-z]+", "-", tag.lower()).strip("-"),
    language_from_script=True,
)

_FIELD = re.compile(r"^\ufeff?\{([^{}]{1,40})\}\s*[:：]\s?(.*)$")


def sniff(text: str) -> bool:
    """True if *text* has a NoteExpress ``{Reference Type}:`` line near its start."""
    head = text.lstrip("\ufeff").splitlines()[:40]
    return any(re.match(r"^\{Reference Type\}\s*[:：]", ln) for ln in head)


def _tag(line: str) -> tuple[str, str] | None:
    m = _FIELD.match(line)
    return (m[1].strip(), m[2].strip()) if m else None


def _records(text: str, report: Report) -> list[RawRecord]:
    """NoteExpress records: a ``{Reference Type}`` line or a blank line starts the next one."""
    return _tagged.split_records(
        text,
        report,
        tag_of=_tag,
        starts=lambda tag, tags: tag == "Reference Type",
        head=("Reference Type",),
        empty="empty record skipped",
    )


def _record_type(record: RawRecord, report: Report) -> str:
    name = record.first("Reference Type")
    return _tagged.look_up_type(
        name, _tagged.ENDNOTE_TYPES, record, report, what="NoteExpress reference type"
    )


def read(text: str, *, source: str = "<string>", strict: bool = False, **options: Any) -> Library:
    """The works in a NoteExpress export."""
    report = Report(source)
    records = _records(text, report)
    if not records:
        report.error(
            "no-records", "no NoteExpress records found (no {Reference Type}: lines)", line=1
        )
    return _tagged.read_records(
        records,
        SPEC,
        _record_type,
        report,
        strict=strict,
        skip=["Reference Type"],
        database_url=bool(options.get("database_url", False)),
    )
