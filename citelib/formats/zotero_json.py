"""Zotero-ready CSL-JSON (write only): what Zotero's CSL JSON importer takes without loss.

Plain ``csljson`` is lossless for citelib; Zotero's importer is not (see
``../shared/notes/csl-json.md`` §4).  This writer changes the data so nothing
is dropped on the way into Zotero, and reports each change as a warning:

* **type ``software``**: Zotero does not recognise the file at all if one item
  has it; written as ``book`` with its ``version`` (Zotero imports that as a
  computer program) and a leading ``type: software`` note line.  A real
  ``book`` with a ``version`` would become a computer program too, so its
  version goes to Extra.
* **types Zotero has no item type for** (``regulation``, ``classic``,
  ``periodical``, ``event`` …) would come back from Zotero as ``document``:
  written as the type Zotero users give such works (``legislation`` for a
  regulation, ``book`` for a classic, or the source file's own type kept in
  ``extra`` as ``csl-type``) with a ``type: <type>`` note line, as in
  zotero-chinese's items.
* **names**: Zotero reads only ``family``/``given``/``literal``; particles and
  suffixes are merged into them the way citeproc-js parses them back
  (``van`` + ``Gogh`` → family ``van Gogh``; given ``Martin Luther, Jr.``).
  ``static-ordering`` is dropped.
* **variables Zotero has no field for** in the item's Zotero type (Zotero drops
  them silently: a thesis has no ``available-date``, a journal article no
  ``number-of-pages``, nothing has ``keyword``), and name roles the type lacks,
  go into ``note`` as leading ``variable: value`` lines (``author: Family ||
  Given`` for names, EDTF for dates).  ``note`` becomes Zotero's Extra, and
  Zotero, citeproc-js, pandoc and citelib read such lines back as variables.
* **``custom``** (which Zotero ignores) is not written.  The note is: the
  variable lines, the work's own note (if it starts with a free-text line and
  variable lines after it, those lines move up into the leading block, which is
  all pandoc and citeproc-js read), the ``extra`` pairs as ``key: value``
  lines, and a ``Citation Key:`` line.  Line breaks inside a value become
  spaces.
* **ISBN**: only the first one stays in ``ISBN`` (Zotero keeps one); the others
  go to Extra as ``other-isbn``.
* ids are strings; ``citation-key`` is written too.
* **keywords**: Zotero's CSL JSON importer (``itemFromCSLJSON``) reads text,
  name and date variables only and makes no tags, so no CSL-JSON can give
  Zotero tags.  The keywords stay an Extra ``keyword:`` line (nothing lost),
  and one warning says so: Zotero makes one tag per ``KW`` line of a RIS file
  (``--to ris`` writes one per keyword) and one per comma-separated word of a
  BibTeX ``keywords`` field.

The output validates against the CSL 1.0 schema.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import attrs

from ..dates import format_edtf
from ..errors import Report
from ..model import FIELDS, Date, Field, Name, Work, Written
from .csljson import work_to_csl

__all__ = ["ZOTERO_TYPES", "merge_name", "work_to_zotero", "write"]

# --------------------------------------------------------------------------- Zotero's fields

# Variables every Zotero item type has a field for (title, abstractNote, date, language,
# url, accessDate, shortTitle, extra) ...
_BASE = frozenset(
    ["title", "abstract", "issued", "language", "URL", "accessed", "title-short", "note"]
)
# ... and those most types add (archive, loc. in archive, library catalog, call number).
_ARCHIVE = frozenset(["archive", "archive_location", "source", "call-number"])
_BOOKISH = frozenset(
    [
        "collection-title",
        "collection-number",
        "volume",
        "number-of-volumes",
        "edition",
        "publisher-place",
        "publisher",
        "ISBN",
    ]
)


@attrs.frozen
class ZoteroType:
    """A Zotero item type: the CSL variables and name roles it has fields for."""

    name: str
    variables: frozenset[str]
    names: frozenset[str] = frozenset()


def _zt(name: str, *groups: Iterable[str], names: Iterable[str] = ()) -> ZoteroType:
    variables = set(_BASE)
    for g in groups:
        variables |= set(g)
    return ZoteroType(name, frozenset(variables), frozenset(["author", "contributor", *names]))


_EDITORS = ("editor", "translator", "collection-editor")

# CSL type → the Zotero type it imports as, with what that type keeps. Conservative: a
# variable that is not listed goes to Extra, where nothing is lost.
ZOTERO_TYPES: dict[str, ZoteroType] = {
    "article-journal": _zt(
        "journalArticle",
        _ARCHIVE,
        ["container-title", "volume", "issue", "page", "collection-title", "ISSN", "DOI"],
        ["container-title-short"],
        names=("editor", "translator", "reviewed-author"),
    ),
    "article-magazine": _zt(
        "magazineArticle",
        _ARCHIVE,
        ["container-title", "volume", "issue", "page", "ISSN"],
        names=("translator", "reviewed-author"),
    ),
    "article-newspaper": _zt(
        "newspaperArticle",
        _ARCHIVE,
        ["container-title", "publisher-place", "edition", "section", "page", "ISSN"],
        names=("translator", "reviewed-author"),
    ),
    "article": _zt(
        "preprint",
        _ARCHIVE,
        ["publisher", "publisher-place", "number", "genre", "DOI", "collection-title"],
        names=("editor", "translator", "reviewed-author"),
    ),
    "book": _zt("book", _ARCHIVE, _BOOKISH, ["number-of-pages"], names=_EDITORS),
    "chapter": _zt(
        "bookSection",
        _ARCHIVE,
        _BOOKISH,
        ["container-title", "page"],
        names=(*_EDITORS, "container-author"),
    ),
    "paper-conference": _zt(
        "conferencePaper",
        _ARCHIVE,
        [
            "container-title",
            "event-title",
            "publisher-place",
            "publisher",
            "volume",
            "page",
            "collection-title",
            "DOI",
            "ISBN",
        ],
        names=_EDITORS,
    ),
    "thesis": _zt("thesis", _ARCHIVE, ["genre", "publisher", "publisher-place", "number-of-pages"]),
    "report": _zt(
        "report",
        _ARCHIVE,
        ["number", "genre", "collection-title", "publisher-place", "publisher", "page"],
        names=_EDITORS,
    ),
    "webpage": _zt("webpage", ["container-title", "genre"], names=("translator",)),
    "post-weblog": _zt("blogPost", ["container-title", "genre"]),
    "post": _zt("forumPost", ["container-title", "genre"]),
    "dataset": _zt(
        "dataset",
        _ARCHIVE,
        ["number", "genre", "version", "publisher", "publisher-place", "medium", "DOI"],
    ),
    "patent": _zt(
        "patent",
        [
            "publisher-place",
            "number",
            "authority",
            "submitted",
            "page",
            "issue",
            "references",
            "status",
            "call-number",
        ],
    ),
    "standard": _zt(
        "standard",
        _ARCHIVE,
        [
            "authority",
            "number",
            "version",
            "status",
            "publisher",
            "publisher-place",
            "number-of-pages",
        ],
    ),
    "software": _zt(
        "computerProgram",
        _ARCHIVE,
        ["version", "collection-title", "publisher-place", "publisher", "genre", "medium", "ISBN"],
    ),
    "map": _zt(
        "map",
        _ARCHIVE,
        ["genre", "scale", "collection-title", "edition", "publisher-place", "publisher", "ISBN"],
        names=("collection-editor",),
    ),
    "manuscript": _zt(
        "manuscript",
        _ARCHIVE,
        ["genre", "publisher-place", "number-of-pages"],
        names=("translator",),
    ),
    "graphic": _zt("artwork", _ARCHIVE, ["medium", "dimensions"]),
    "motion_picture": _zt(
        "film",
        _ARCHIVE,
        ["publisher", "genre", "medium", "dimensions"],
        names=("director", "producer", "script-writer"),
    ),
    "broadcast": _zt(
        "tvBroadcast",
        _ARCHIVE,
        ["container-title", "number", "medium", "publisher-place", "publisher", "dimensions"],
        names=("director", "producer", "script-writer", "guest"),
    ),
    "interview": _zt("interview", _ARCHIVE, ["medium"], names=("interviewer", "translator")),
    "personal_communication": _zt("letter", _ARCHIVE, ["genre"], names=("recipient",)),
    "speech": _zt(
        "presentation", ["genre", "publisher-place", "event-title"], names=("translator",)
    ),
    "entry-dictionary": _zt(
        "dictionaryEntry", _ARCHIVE, _BOOKISH, ["container-title", "page"], names=_EDITORS
    ),
    "entry-encyclopedia": _zt(
        "encyclopediaArticle", _ARCHIVE, _BOOKISH, ["container-title", "page"], names=_EDITORS
    ),
    "legal_case": _zt(
        "case", ["authority", "number", "container-title", "volume", "page", "references"]
    ),
    "legislation": _zt(
        "statute", ["container-title", "number", "section", "page", "chapter-number", "references"]
    ),
    "bill": _zt(
        "bill",
        [
            "number",
            "container-title",
            "volume",
            "section",
            "page",
            "authority",
            "chapter-number",
            "references",
        ],
    ),
    "hearing": _zt(
        "hearing",
        [
            "section",
            "publisher-place",
            "publisher",
            "number",
            "number-of-volumes",
            "page",
            "authority",
            "chapter-number",
            "references",
        ],
    ),
    "song": _zt(
        "audioRecording",
        _ARCHIVE,
        [
            "medium",
            "collection-title",
            "volume",
            "number-of-volumes",
            "publisher-place",
            "publisher",
            "dimensions",
            "ISBN",
        ],
        names=("composer", "performer"),
    ),
}
_DOCUMENT = _zt(
    "document", _ARCHIVE, ["publisher"], names=("editor", "translator", "reviewed-author")
)
ZOTERO_TYPES["document"] = _DOCUMENT

_NO_SPACE_AFTER = ("'", "’", "-", "‐")


# --------------------------------------------------------------------------- names


def _join(particle: str | None, rest: str | None) -> str | None:
    if not particle:
        return rest
    if not rest:
        return particle
    sep = "" if particle.endswith(_NO_SPACE_AFTER) else " "
    return f"{particle}{sep}{rest}"


def merge_name(name: Name) -> Name:
    """*name* with only family/given/literal: particles and suffix merged in.

    ``Ludwig`` + ``van`` + ``Beethoven`` → given ``Ludwig van``, family
    ``Beethoven``; ``Vincent`` + ``van`` (non-dropping) + ``Gogh`` → family
    ``van Gogh``; suffix ``Jr.`` → given ``Martin Luther, Jr.`` (citeproc-js
    and Zotero parse these back into the parts).
    """
    if name.literal is not None:
        return Name(literal=name.literal)
    family = _join(name.non_dropping_particle, name.family)
    given = name.given
    if name.dropping_particle:
        given = f"{given} {name.dropping_particle}" if given else name.dropping_particle
    if name.suffix:
        if given:
            given = f"{given}, {name.suffix}"
        else:
            family = f"{family}, {name.suffix}" if family else name.suffix
    return Name(family=family, given=given)


def _name_changed(name: Name) -> bool:
    return bool(
        name.dropping_particle or name.non_dropping_particle or name.suffix or name.static_ordering
    )


def _name_line(name: Name) -> str:
    merged = merge_name(name)
    if merged.literal is not None:
        return merged.literal
    if merged.given:
        return f"{merged.family or ''} || {merged.given}"
    return merged.family or ""


# --------------------------------------------------------------------------- writing

# What citeproc-js takes for a `variable: value` line of a note (its NOTE_FIELD_REGEXP).
_FIELD_LINE = re.compile(r"^([-_a-z]+|[A-Z]+):\s*([^}]+)$")

# CSL types with no Zotero item type of their own, and the type Zotero users give such
# works (with an Extra line `type: <csl type>`, as zotero-chinese's items do).
_HOSTS: dict[str, str] = {
    "classic": "book",
    "periodical": "book",
    "regulation": "legislation",
    "treaty": "legislation",
    "pamphlet": "manuscript",
    "collection": "manuscript",
    "entry": "entry-encyclopedia",
    "figure": "graphic",
    "review": "article-journal",
    "review-book": "article-journal",
    "musical_score": "song",
}


def _zotero_type(work: Work) -> tuple[ZoteroType, str, bool]:
    """The Zotero type *work* goes into, the CSL type to write, and whether extra's csl-type chose it."""
    if work.type == "software":
        return ZOTERO_TYPES["software"], "book", False
    if work.type in ZOTERO_TYPES:
        return ZOTERO_TYPES[work.type], work.type, False
    source_type = work.extra_dict.get("csl-type")
    if source_type in ZOTERO_TYPES and source_type != "software":
        return ZOTERO_TYPES[source_type], source_type, True
    host = _HOSTS.get(work.type)
    if host is not None:
        return ZOTERO_TYPES[host], host, False
    return _DOCUMENT, work.type, False


_NEWLINES = re.compile(r"\s*[\r\n]+\s*")


def _line(key: str, value: str) -> tuple[str, bool]:
    flat = _NEWLINES.sub(" ", value).strip()
    return f"{key}: {flat}", flat != value.strip()


def _value_lines(field: Field, value: Any) -> list[str]:
    if field.kind == "name":
        return [f"{field.csl}: {_name_line(n)}" for n in value]
    if field.kind == "date":
        assert isinstance(value, Date)
        text = format_edtf(value) if value.parts else (value.literal or "")
        return [f"{field.csl}: {text}"]
    if field.kind == "list":
        return [f"{field.csl}: {', '.join(value)}"]
    return [_line(field.csl, value)[0]]


def work_to_zotero(work: Work, report: Report | None = None) -> dict[str, Any]:
    """The CSL-JSON item Zotero imports *work* from; changes are added to *report*."""

    def warn(message: str) -> None:
        if report is not None:
            report.warning("changed", message, key=work.id)

    zotero, out_type, host_from_extra = _zotero_type(work)
    if work.type == "software":
        if work.version:
            warn("type software written as book with its version (Zotero: computer program)")
        else:
            warn(
                "type software written as book (Zotero rejects software); it has no version,"
                " so Zotero makes it a book"
            )
    elif work.type not in ZOTERO_TYPES:
        warn(
            f"type {work.type} has no Zotero item type: written as {out_type}"
            f" ({zotero.name}) with a 'type: {work.type}' Extra line"
        )

    changes: dict[str, Any] = {}
    var_lines: list[str] = []
    if out_type != work.type or work.type not in ZOTERO_TYPES:
        var_lines.append(f"type: {work.type}")  # citeproc-js and Zotero's export read it back
    moved: list[str] = []
    merged_names: list[str] = []
    isbn_lines: list[str] = []
    for field in FIELDS:
        value = getattr(work, field.attr)
        if value is None or value == () or field.attr == "note":
            continue
        keep = field.csl in zotero.names if field.kind == "name" else field.csl in zotero.variables
        if field.kind == "name" and keep:
            if any(_name_changed(n) for n in value):
                merged_names.append(field.csl)
            changes[field.attr] = tuple(merge_name(n) for n in value)
            continue
        if field.attr == "isbn" and keep:
            isbns = [x for x in re.split(r"[\s,;]+", value) if x]
            if len(isbns) > 1:
                changes["isbn"] = isbns[0]
                isbn_lines.append(f"other-isbn: {' '.join(isbns[1:])}")
                warn(
                    f"only the first ISBN ({isbns[0]}) kept in ISBN; the others go to Extra as other-isbn"
                )
            continue
        if keep:
            continue
        var_lines.extend(_value_lines(field, value))
        moved.append(field.csl)
        changes[field.attr] = () if field.kind in ("name", "list") else None
    if merged_names:
        warn(
            "particles and suffixes merged into family/given names (Zotero drops them): "
            + ", ".join(merged_names)
        )
    if moved:
        warn(
            f"no Zotero field for {', '.join(moved)} in a {zotero.name} item; written as Extra lines"
        )

    extra_lines: list[str] = isbn_lines
    flattened = False
    for key, value in work.extra:
        if key == "csl-type" and host_from_extra:
            continue  # the source file's own type, written as the item type
        line, changed = _line(key, value)
        extra_lines.append(line)
        flattened |= changed
    if flattened:
        warn("line breaks inside extra values written as spaces (one Extra line per key)")
    if not re.search(r"(?im)^\s*citation key\s*:", work.note or ""):
        extra_lines.append(f"Citation Key: {work.id}")
    # Variables lead, so processors read them: pandoc reads only the leading block of
    # `variable: value` lines, citeproc-js the same block after skipping a first line that
    # is no such line.  The work's own note follows; if it starts with such a skipped line
    # and variable lines after it, those lines join the leading block, so both read them.
    own = work.note.split("\n") if work.note else []
    lifted: list[str] = []
    if own and not _FIELD_LINE.match(own[0]):
        n = 1
        while n < len(own) and _FIELD_LINE.match(own[n]):
            n += 1
        lifted, own = own[1:n], own[:1] + own[n:]
    note_parts = var_lines + lifted + own + extra_lines
    changes["note"] = "\n".join(note_parts)
    changes["extra"] = ()
    body = work_to_csl(work.evolve(**changes), custom=False)
    body.pop("id", None)
    body.pop("type", None)
    return {"id": str(work.id), "type": out_type, "citation-key": str(work.id), **body}


def write(works: Iterable[Work], *, indent: int = 2) -> Written:
    """*works* as CSL-JSON that Zotero imports without loss (see the module docstring)."""
    report = Report()
    works = list(works)
    items = [work_to_zotero(w, report) for w in works]
    tagged = sum(1 for w in works if w.keyword)
    if tagged:
        report.warning(
            "changed",
            f"keywords of {tagged} work{'s' if tagged != 1 else ''} written as Extra 'keyword:'"
            " lines: Zotero's CSL JSON import makes no tags; for Zotero tags write RIS"
            " (--to ris: one KW line per keyword) or BibTeX (keywords)",
            field="keyword",
        )
    return Written(
        json.dumps(items, ensure_ascii=False, indent=indent or None) + "\n", report.problems
    )
