"""Reference lists as text: formatted references (GB/T 7714, APA 7) read back into records.

The format reads a list pasted from Word, a PDF or a web page: one entry per line or
per paragraph, with or without labels (``[1]``, ``1.``, ``［1］``), in full- or
half-width punctuation, with stray line breaks and hyphenation.  Each entry is read by
hand-written rules for the style family its shape shows (a GB/T 7714 type code such
as ``[J]`` or ``[M/OL]``, or APA's ``Family, I. (Year).``); an entry no rule reads
becomes a ``document`` whose title is the text, with a problem.  Nothing here renders:
:func:`citelib.parse` renders each record again to prove it (``citelib.parsing``).

Values are cut from the entry as it is written (full-width brackets in a journal's
name stay); only the rules look at a copy whose punctuation is half-width.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from ...errors import ParseError, Report
from ...language import has_cjk
from ...model import Library, Work, new_work
from . import _bilingual, _names, apa, gbt
from ._text import Entry, ParsedEntry, split_entries, to_halfwidth
from .gbt import TYPE_CODES

__all__ = [
    "TYPE_CODES",
    "Entry",
    "ParsedEntry",
    "inferred_message",
    "parse_entry",
    "read",
    "read_entries",
    "split_entries",
    "to_halfwidth",
]

# ---------------------------------------------------------------------------- text


def parse_entry(text: str, family: str | None = None) -> ParsedEntry | None:
    """The work one entry describes (label dropped), or None when no rule reads it.

    *family* (``gbt-numeric``, ``gbt-author-date``, ``apa``) is the list's, if known: its
    rules are tried first, and a GB/T entry with no year after its creators is read as an
    author-date one when the list is.  An entry neither reads, with no type code, is read as
    GB/T 7714 with the code its shape suggests (``ParsedEntry.inferred``).  A Chinese entry
    followed by its English translation and ``(in Chinese)`` is read half by half, the
    translation into the record's ``original-*`` variables (:mod:`._bilingual`).
    """
    found = _parse_halves(text, family)
    return None if found is None else _without_placeholders(found)


#: GB/T 7714's placeholders for an unknown place and publisher, as a value holds them
_PLACEHOLDERS = frozenset(["[s.l.]", "[出版地不详]", "[s.n.]", "[出版者不详]"])


def _without_placeholders(found: ParsedEntry) -> ParsedEntry:
    """*found* with no placeholder (``[S.l.]``, ``[出版者不详]``) kept as a place or a publisher:
    those say the element is unknown (verification renders them again)."""

    def without(work: Work) -> Work:
        changes = {
            f: None
            for f in ("publisher_place", "publisher")
            if to_halfwidth(getattr(work, f) or "").strip().lower() in _PLACEHOLDERS
        }
        return work.evolve(**changes) if changes else work

    work = without(found.work)
    if work == found.work:
        return found
    return attrs.evolve(
        found,
        work=work,
        alternatives=tuple(without(a) for a in found.alternatives),
        placeholders=True,
    )


def _parse_halves(text: str, family: str | None) -> ParsedEntry | None:
    """:func:`parse_entry`, placeholders kept."""
    halves = _bilingual.split(text)
    if halves is None:
        return _parse_one(text, family)
    found = _parse_one(halves.own, family)
    if found is None:
        return _parse_one(text, family)
    if halves.translation is None:  # an English entry noting that the work is in Chinese
        note = "; ".join(n for n in (found.work.note, halves.note) if n)
        return attrs.evolve(found, work=found.work.evolve(note=note), own=halves.own)
    english = _parse_one(halves.translation, found.family)
    if english is not None and not english.work.title:
        english = None
    work = found.work if english is None else _with_translation(found.work, english.work)
    return attrs.evolve(
        found,
        work=work,
        alternatives=tuple(
            a if english is None else _with_translation(a, english.work) for a in found.alternatives
        ),
        own=halves.own,
        translation_text=halves.translation,
        translation=english,
    )


def _with_translation(work: Work, english: Work) -> Work:
    """*work* with the title, creators, container and publisher of its translation as its
    ``original-*`` variables (the container where CSL has no variable: in ``extra``)."""
    extra = work.extra
    if english.container_title:
        extra = (*extra, ("original-container-title", english.container_title))
    return work.evolve(
        original_title=english.title,
        original_author=english.author or english.editor,
        original_publisher=english.publisher,
        original_publisher_place=english.publisher_place,
        extra=extra,
    )


def _parse_one(text: str, family: str | None) -> ParsedEntry | None:
    """:func:`parse_entry` of an entry with no translation in it."""
    found: ParsedEntry | None
    for rule in ("apa", "gbt") if family == "apa" else ("gbt", "apa"):
        found = gbt.read_entry(text, family) if rule == "gbt" else apa.read_entry(text)
        if found is not None and (found.work.title or found.work.author):
            return found
    # journal and school styles that print no type code: the code the shape suggests (not in
    # an APA list: what APA's rules leave is no GB/T entry)
    return None if family == "apa" else gbt.read_codeless(text, family)


def _language(work: Work) -> Work:
    text = (work.title or "") + "".join(str(n) for n in work.author)
    return work.evolve(language="zh-CN" if has_cjk(text) else "en-US")


def read_entries(
    text: str, family: str | None = None
) -> Iterator[tuple[Entry, ParsedEntry | None]]:
    """Each entry of *text* with what the rules read from it.

    Without *family*, the list's own decides: a GB/T list whose entries mostly put the year
    after the creators is author-date, and its entries without a year are read so too.
    """
    entries = split_entries(text)
    read = [parse_entry(e.text, family) for e in entries]
    if family is None:
        families = [r.family for r in read if r is not None and r.family != "apa"]
        if families and families.count("gbt-author-date") * 2 >= len(families):
            read = [parse_entry(e.text, "gbt-author-date") for e in entries]
    if _writes_given_names_out(read):
        read = [_given_names_out(r) if r is not None else None for r in read]
    yield from zip(entries, read, strict=True)


_NAME_FIELDS = ("author", "editor", "translator", "container_author", "collection_editor")


def _writes_given_names_out(read: list[ParsedEntry | None]) -> bool:
    """Whether the list writes Western given names out (``Grattapaglia Dario``, ``Yufin
    Sergey A.``): more of its names read so than with initials alone, three at least."""
    votes = [
        _names.given_written_out(n)
        for r in read
        if r is not None and r.family != "apa"
        for f in _NAME_FIELDS
        for n in getattr(r.work, f)
    ]
    out, initials = votes.count(True), votes.count(False)
    return out >= 3 and out > initials


def _given_names_out(parsed: ParsedEntry) -> ParsedEntry:
    """*parsed* with its names read as a list writing given names out does, its other
    readings too (the one with a family of two words is gone)."""
    if parsed.family == "apa":
        return parsed

    def names_out(work: Work) -> Work:
        changes = {
            f: tuple(map(_names.with_given_written_out, getattr(work, f)))
            for f in _NAME_FIELDS
            if getattr(work, f)
        }
        return work.evolve(**changes) if changes else work

    def named(work: Work) -> bool:
        return any(getattr(work, f) for f in _NAME_FIELDS)

    # a reading with no creators, the names left at the title's start, is no rival to
    # names the list shows written so
    work = names_out(parsed.work)
    keep = [work == parsed.work or named(a) for a in parsed.alternatives]
    return attrs.evolve(
        parsed,
        work=work,
        alternatives=tuple(
            names_out(a) for a, k in zip(parsed.alternatives, keep, strict=True) if k
        ),
        equivalents=sum(keep[: parsed.equivalents]),
    )


def inferred_message(number: int, code: str) -> str:
    """The ``inferred-type`` problem's message for entry *number*, read as *code*."""
    return f"entry {number}: no type code; read as [{code}], the type its shape suggests"


def read(
    text: str, *, source: str = "<string>", strict: bool = False, **options: object
) -> Library:
    """Works from a pasted reference list, unverified (:func:`citelib.parse` verifies them)."""
    report = Report(source)
    works: list[Work] = []
    for entry, parsed in read_entries(text):
        key = f"_:{entry.number}"
        if parsed is None:
            report.warning(
                "unparsed-reference",
                f"entry {entry.number}: no rule reads it; kept as a document titled with its text",
                line=entry.line,
                key=key,
            )
            works.append(new_work(id=key, type="document", title=entry.text))
            continue
        if parsed.inferred:
            report.warning(
                "inferred-type",
                inferred_message(entry.number, parsed.inferred),
                line=entry.line,
                key=key,
            )
        works.append(_language(parsed.work.evolve(id=key)))
    if strict and report.problems:
        raise ParseError.from_problems(report.problems)
    return Library(works, report.problems)


def sniff(text: str) -> bool:
    """Whether *text* looks like a GB/T 7714 reference list (type codes on most lines)."""
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    return bool(lines) and sum(
        1 for line in lines if gbt.CODE.search(to_halfwidth(line))
    ) * 2 > len(lines)
