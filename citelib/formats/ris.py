"""RIS (``.ris``), read and written as Zotero reads and writes it.

A record is ``TY  - <type>`` … ``ER  - ``, one ``XX  - value`` line per value;
repeated tags (``AU``, ``KW``, ``N1``, ``UR``) give several values and lines
that are not tags continue the value above them.  The mapping is one table,
:data:`RULES`, used by :func:`read` and :func:`write`; the types are
:data:`TYPES` (CSL type → ``TY``) and :data:`IMPORT_TYPES` (``TY`` → CSL type).

Reading
    * a UTF-8 BOM, blank lines, junk between records (``1.``, ``Record #1 of
      2``) and one or two spaces before the hyphen are accepted;
    * ``AU``/``A1`` are authors, ``A2``/``A3``/``ED`` editors and series
      editors by type (as Zotero), ``A4`` translators; ``Last, First[,
      Suffix]`` gives name parts, a Chinese name without a comma is split
      (孙柏瑛 → 孙 + 柏瑛), any other name without a comma stays whole
      (``literal``), as Zotero reads it; ``AU  - 孙柏瑛;杜英歌`` (CNKI) is two names;
    * the date is the most precise of ``DA``, ``PY`` and ``Y1``
      (``YYYY/MM/DD/other``, ``YYYY///``, ``2016/12//``, ``2015/october``; a
      season in the *other* part becomes a season month); ``Y2`` is the access date;
    * ``SP``/``EP`` make the page range (``SP`` alone is the number of pages
      of a book, thesis or manuscript); ``SN`` is an ISSN or ISBN by its form,
      else by type (an ISSN for serials, the report or patent number for
      reports and patents); ``DO`` (and a DOI in ``M3``) loses ``doi:`` and
      resolver prefixes; keywords are joined as described in
      :func:`citelib.formats._tagged.join_keywords`; ``N1`` notes are joined
      by line breaks (Zotero's HTML notes become plain lines); ``LA`` becomes a
      BCP 47 tag when it is recognisable (``eng`` → ``en-US``);
    * types follow Zotero's import map, except that RIS types naming a CSL
      type Zotero lacks keep it (``PAMP`` pamphlet, ``STAND`` standard,
      ``MUSIC`` musical score, ``FIGURE``, ``CLSWK`` classic, ``JFULL``
      periodical) and ``GEN`` is a generic ``document`` (Zotero: a journal
      article); an unknown ``TY`` (or EndNote's ``Journal Article``) is
      looked up among EndNote's type names, else read as ``document``;
    * ``ID`` becomes the citation key when it is one token and unique;
      records without one get a key from :mod:`citelib.keys` (author + year);
    * PubMed's ``U1  - 23690738[pmid]`` and ``U2  - PMC4756000[pmcid]`` give
      ``PMID`` and ``PMCID`` (and are written so);
    * every tag no rule takes (``U1``, ``L2``, a second ``UR``, a ``PY`` that
      contradicts ``DA``) is kept in ``extra`` under the tag, and written back;
      ``AD``, ``TT``, ``TA``, ``LB``, ``RP`` and ``CA`` under the names the
      EndNote and NoteExpress readers give them (:data:`EXTRA_TAGS`:
      ``author-address``, ``translated-title`` …).

Writing (CRLF line ends and a blank line between records, as the RIS
specification and Zotero do) warns through *problems* about what RIS cannot carry:

    * name particles (merged into the family or given name), ``static-ordering``;
      an unsplit Chinese name of two to four characters (it reads back split);
    * date ranges (only the start is written), ``circa``;
    * rich text and case protection (``<i>``, ``<span class="nocase">`` are
      stripped);
    * CSL types without a RIS type of their own (``review`` is written as
      ``JOUR`` and read back as ``article-journal``, ``article`` as ``GEN``);
    * variables without a tag (``event-date``, ``original-title``, most name
      roles …) and ``extra`` keys that are not RIS tags;
    * the citation key, unless it is written to ``ID`` (the default;
      ``ids=False`` leaves it out). Zotero ignores ``ID`` on import.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from ..dates import SEASON_NAMES, SEASONS, days_in_month, english_month, parse_date
from ..errors import Report
from ..model import Date, Library, Work, Written
from . import _tagged
from ._readback import check_read_back, report_repeated_keys
from ._tagged import (
    Dates,
    Entry,
    Joined,
    Keywords,
    Language,
    Matching,
    Names,
    Pages,
    RawRecord,
    Rule,
    Spec,
    Text,
    clean_doi,
    clean_text,
    is_isbn,
    is_issn,
)

__all__ = [
    "EXTRA_TAGS",
    "IMPORT_TYPES",
    "RULES",
    "TYPES",
    "parse_ris_date",
    "read",
    "sniff",
    "write",
]

# --------------------------------------------------------------------------- types

# CSL type -> TY (Zotero's export map, through Zotero's CSL type mapping)
TYPES: dict[str, str] = {
    "article-journal": "JOUR",
    "book": "BOOK",
    "chapter": "CHAP",
    "paper-conference": "CONF",
    "thesis": "THES",
    "report": "RPRT",
    "webpage": "ELEC",
    "post-weblog": "BLOG",
    "dataset": "DATA",
    "software": "COMP",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "manuscript": "MANSCPT",
    "patent": "PAT",
    "entry-encyclopedia": "ENCYC",
    "entry-dictionary": "DICT",
    "speech": "SLIDE",
    "personal_communication": "PCOMM",
    "motion_picture": "MPCT",
    "song": "SOUND",
    "graphic": "ART",
    "map": "MAP",
    "bill": "BILL",
    "legal_case": "CASE",
    "hearing": "HEAR",
    "legislation": "STAT",
    "document": "GEN",
    # types CSL has and RIS names, though Zotero folds them into others
    "pamphlet": "PAMP",
    "standard": "STAND",
    "musical_score": "MUSIC",
    "figure": "FIGURE",
    "classic": "CLSWK",
    "periodical": "JFULL",
    # degenerate: read back as another type
    "interview": "PCOMM",
    "broadcast": "MPCT",
    "post": "ICOMM",
    "review": "JOUR",
    "review-book": "JOUR",
    "article": "GEN",
}

# TY -> CSL type (Zotero's import map, with the CSL types RIS names kept apart)
IMPORT_TYPES: dict[str, str] = {
    **{ty: csl for csl, ty in TYPES.items() if csl not in ("interview", "broadcast", "post")},
    "JOUR": "article-journal",
    "GEN": "document",
    "PCOMM": "personal_communication",
    "ICOMM": "personal_communication",
    "MPCT": "motion_picture",
    "VIDEO": "motion_picture",
    "CPAPER": "paper-conference",
    "GOVDOC": "report",
    "WEB": "webpage",
    "DBASE": "dataset",
    "UNPB": "manuscript",
    "UNPD": "manuscript",
    "INPR": "manuscript",
    "ABST": "article-journal",
    "EJOUR": "article-journal",
    "EBOOK": "book",
    "EDBOOK": "book",
    "SER": "periodical",
    "ECHAP": "chapter",
    "CTLG": "article-magazine",
    "CHART": "graphic",
    "AGGR": "document",
    "ANCIENT": "classic",
    "EQUA": "document",
    "GRNT": "document",
    "LEGAL": "legislation",
    "ADVS": "motion_picture",
    "MULTI": "motion_picture",
}

# --------------------------------------------------------------------------- values

_RIS_DATE = re.compile(r"^(\d{4})(?:/([^/]*)(?:/([^/]*)(?:/(.*))?)?)?$")


def parse_ris_date(text: str) -> Date | None:
    """A date in RIS's ``YYYY/MM/DD/other`` form (or a common human form); None if empty.

    ``2019/05/16/``, ``2019///``, ``2016/12//``, ``2015/october``, ``2020///Spring``;
    ``00`` parts count as missing; the *other* part is a season or kept as ``season`` text.
    A month or day that names no day of the calendar (``2020/13/45``, ``2021/02/30``)
    is a literal date: the text is kept, and the codec reports it.
    """
    t = clean_text(text)
    if not t or not t.strip("/ "):
        return None
    m = _RIS_DATE.match(t)
    if m is None:
        return parse_date(t)
    year = int(m[1])
    month_s, day_s, other = (m[2] or "").strip(), (m[3] or "").strip(), (m[4] or "").strip()
    month: int | None = None
    if month_s.isdigit():
        if int(month_s) > 12:
            return Date(literal=t)
        month = int(month_s) or None
    elif month_s:
        month = english_month(month_s) or SEASONS.get(month_s.lower())
    day: int | None = None
    if day_s.isdigit() and int(day_s):
        if month is None or month > 12:  # a day without a month, or in a season
            return Date(literal=t)
        if int(day_s) > days_in_month(year or 2000, month):
            return Date(literal=t)
        day = int(day_s)
    season: str | None = None
    if re.fullmatch(
        r"\d{1,2}:\d{2}(?::\d{2})?", other
    ):  # Zotero's access times: 2020/05/17/10:15:00
        other = ""
    if other:
        code = SEASONS.get(other.lower())
        if code and month is None:
            month = code
        else:
            season = other
    return Date(
        parts=((year,) if month is None else (year, month) if day is None else (year, month, day),),
        season=season,
    )


def _slash(date: Date, ctx: _tagged.WriteContext, tag: str) -> str | None:
    """A :class:`Date` as ``YYYY/MM/DD/other`` (warning about what RIS cannot hold)."""
    if not date.parts:
        return date.literal
    fmt = ctx.fmt
    if date.is_range:
        ctx.report.warning(
            "not-written",
            f"{fmt} cannot hold the date range {date}; only its start is written ({tag})",
            key=ctx.key,
        )
    if date.circa:
        ctx.report.warning(
            "not-written", f"{fmt} cannot mark the date {date} as approximate ({tag})", key=ctx.key
        )
    part = date.parts[0]
    year = part[0]
    if not 0 <= year <= 9999:
        ctx.report.warning(
            "changed",
            f"{fmt} writes four-digit years; the year {year} is written as text ({tag})",
            key=ctx.key,
        )
        return str(date)
    month = part[1] if len(part) > 1 else None
    day = part[2] if len(part) > 2 else None
    other = ""
    if month is not None and month > 12:
        other = SEASON_NAMES.get(month if month > 20 else month + 8, "")
        month = None
    if date.season is not None:
        season = date.season
        other = SEASON_NAMES.get(season + 20, str(season)) if isinstance(season, int) else season
    mm = f"{month:02d}" if month else ""
    dd = f"{day:02d}" if day else ""
    return f"{year:04d}/{mm}/{dd}/{other}"


def _issued_lines(date: Date, ctx: _tagged.WriteContext) -> list[tuple[str, str]]:
    if not date.parts:
        return [("DA", date.literal or "")] if date.literal else []
    full = _slash(date, ctx, "DA")
    if full is None:
        return []
    year = full.split("/", 1)[0]
    if not (len(year) == 4 and year.isdigit()):
        return [("DA", full)]  # written as text (reported): one line, not a PY as well
    if "/" not in full or full == f"{year}///":
        return [("PY", year)]
    return [("PY", year), ("DA", full)]


def _single_date(tag: str) -> Callable[[Date, _tagged.WriteContext], list[tuple[str, str]]]:
    def lines(date: Date, ctx: _tagged.WriteContext) -> list[tuple[str, str]]:
        text = _slash(date, ctx, tag)
        return [(tag, text)] if text else []

    return lines


_HTML_TAG = re.compile(
    r"</?(?:p|div|br|span|strong|b|em|i|u|h[1-6]|ul|ol|li|blockquote|pre|a|sup|sub)\b[^>]*>", re.I
)
_HTML_BREAK = re.compile(r"<br\s*/?>|</(?:p|div|h[1-6]|li|blockquote|pre)>", re.I)


def note_text(value: str) -> str:
    """A note as plain lines: Zotero writes its notes to ``N1`` as HTML (``<p>…</p>``)."""
    if not _HTML_TAG.search(value):
        return value
    text = _HTML_BREAK.sub("\n", value.replace("\r", ""))
    text = _HTML_TAG.sub("", text.replace("\n\n", "\n"))
    return html.unescape(text)


@attrs.frozen
class _BookPages(_tagged.Codec):
    """``SP`` alone, a plain number: a book's (thesis's, manuscript's) number of pages."""

    def read(self, rule: Rule, entries: list[Entry], ctx: Any) -> tuple[Any, list[Entry]]:
        starts = [e for e in entries if e.tag == "SP" and clean_text(e.value)]
        ends = [e for e in entries if e.tag == "EP" and clean_text(e.value)]
        if len(starts) == 1 and not ends and re.fullmatch(r"\d+", clean_text(starts[0].value)):
            return clean_text(starts[0].value), []
        return None, starts + ends

    def write(self, rule: Rule, value: Any, ctx: Any) -> list[tuple[str, str]]:
        return [("SP", str(value))]


def _has_page_count(csl_type: str) -> bool:
    """True for the types whose lone ``SP`` is the number of pages (book, thesis, manuscript)."""
    return csl_type in _BOOK_PAGES


@attrs.frozen
class _RisPages(Pages):
    """Pages; a single page of a book-like type is written ``SP``=``EP`` so it is not read as a page count."""

    def write(self, rule: Rule, value: Any, ctx: Any) -> list[tuple[str, str]]:
        lines = Pages.write(self, rule, value, ctx)
        # SP alone would read back as a book's page count, or join an EP kept in extra
        book_page = _has_page_count(ctx.work.type) and str(value).isdigit()
        if len(lines) == 1 and (book_page or "EP" in ctx.work.extra_dict):
            lines.append(("EP", str(value)))
        return lines


@attrs.frozen
class _Urls(Text):
    """The first URL; further ones (repeated ``UR``, ``a; b`` lists) stay in the pool."""

    def read(self, rule: Rule, entries: list[Entry], ctx: Any) -> tuple[Any, list[Entry]]:
        urls: list[Entry] = []
        for e in entries:
            for piece in re.split(r"\s*;\s*|\s+", e.value.strip()):
                if piece:
                    urls.append(Entry(e.tag, piece, e.line))
        return Text.read(self, rule, urls, ctx)


@attrs.frozen
class _Labelled(Text):
    """A value PubMed writes with a label after it (``U1  - 23690738[pmid]``)."""

    label: str = ""

    def read(self, rule: Rule, entries: list[Entry], ctx: Any) -> tuple[Any, list[Entry]]:
        mark = f"[{self.label}]"
        take = [
            Entry(e.tag, clean_text(e.value)[: -len(mark)], e.line)
            for e in entries
            if clean_text(e.value).lower().endswith(mark) and clean_text(e.value) != mark
        ]
        originals = {(e.tag, e.line) for e in take}
        rest = [e for e in entries if (e.tag, e.line) not in originals]
        value, more = Text.read(self, rule, take, ctx)
        return value, rest + [Entry(e.tag, e.value + mark, e.line) for e in more]

    def write(self, rule: Rule, value: Any, ctx: Any) -> list[tuple[str, str]]:
        return [(rule.tags[0], f"{value}[{self.label}]")]


_SERIALS = frozenset(["article-journal", "article-magazine", "article-newspaper", "periodical"])
_SERIES_IN_T2 = frozenset(["book", "report", "map", "software"])
_BOOK_PAGES = frozenset(["book", "thesis", "manuscript"])
_CONF = frozenset(["paper-conference"])
_VERSIONED = frozenset(["software", "dataset"])
_A3_EDITOR = frozenset(["book", "report"])  # A3 is the editor, A2 the series editor
_NAME_LIST = re.compile(r"[;；]")  # CNKI's RIS puts several names on one line: 孙柏瑛;杜英歌

RULES: tuple[Rule, ...] = (
    Rule("author", ("AU", "A1"), Names(split=_NAME_LIST)),
    Rule("editor", ("A3", "ED"), Names(split=_NAME_LIST), types=_A3_EDITOR),
    Rule("editor", ("A2", "ED"), Names(split=_NAME_LIST), exclude=_A3_EDITOR),
    Rule("collection_editor", ("A2",), Names(split=_NAME_LIST), types=_A3_EDITOR),
    Rule("collection_editor", ("A3",), Names(split=_NAME_LIST), exclude=_A3_EDITOR),
    Rule("translator", ("A4",), Names(split=_NAME_LIST)),
    Rule("title", ("TI", "T1", "CT")),
    Rule("title", ("BT",), types=frozenset(["book"]), write=False),
    Rule("title_short", ("ST",)),
    Rule("container_title", ("C3",), types=_CONF),
    Rule("event_title", ("T2",), types=_CONF),
    Rule("container_title", ("T2", "JF", "JO", "BT"), exclude=_SERIES_IN_T2 | _CONF),
    Rule("collection_title", ("T2", "T3"), types=_SERIES_IN_T2),
    Rule("collection_title", ("T3",)),
    Rule("container_title_short", ("J2", "JA", "J1", "JO")),
    Rule("issued", ("DA", "PY", "Y1"), Dates(parse_ris_date, _issued_lines)),
    Rule("accessed", ("Y2",), Dates(parse_ris_date, _single_date("Y2"))),
    Rule("volume", ("VL",)),
    Rule("issue", ("IS",)),
    Rule("number_of_pages", ("SP", "EP"), _BookPages(), types=_BOOK_PAGES),
    Rule("page", ("SP", "EP"), _RisPages()),
    Rule("version", ("ET",), types=_VERSIONED),
    Rule("edition", ("ET",), exclude=_VERSIONED),
    Rule("number_of_volumes", ("NV",)),
    Rule("collection_number", ("M1",), types=frozenset(["book"])),
    Rule("issn", ("SN",), Matching(accept=is_issn)),
    Rule("isbn", ("SN",), Matching(accept=is_isbn)),
    Rule("number", ("SN",), types=frozenset(["report", "patent"])),
    Rule("issn", ("SN",), types=_SERIALS),
    Rule("isbn", ("SN",), exclude=_SERIALS),
    Rule("number", ("M1",), exclude=frozenset(["book"])),
    Rule("doi", ("DO", "M3"), Text(clean=clean_doi)),
    Rule("pmid", ("U1", "U2", "U3", "U4", "U5"), _Labelled(label="pmid")),
    Rule("pmcid", ("U2", "U1", "U3", "U4", "U5"), _Labelled(label="pmcid")),
    Rule("url", ("UR",), _Urls()),
    Rule("abstract", ("AB", "N2"), Text(long=True)),
    Rule("note", ("N1", "RN"), Joined(clean=note_text)),
    Rule("keyword", ("KW",), Keywords()),
    Rule("language", ("LA",), Language()),
    Rule("publisher", ("PB",)),
    Rule("event_place", ("CY",), types=_CONF),
    Rule("publisher_place", ("C1",), types=_CONF),
    Rule("publisher_place", ("CY",)),
    Rule("genre", ("M3",)),
    Rule("archive", ("DB",)),
    Rule("archive_location", ("AN",)),
    Rule("source", ("DP",)),
    Rule("call_number", ("CN",)),
    Rule("license", ("CR",)),
)
"""The RIS table: Work field, tags (the first is written), codec and the types a row is for."""

# tags kept in ``extra`` under a readable name, the one the EndNote and NoteExpress readers use
EXTRA_TAGS: dict[str, str] = {
    "AD": "author-address",
    "TT": "translated-title",
    "TA": "translated-author",
    "LB": "label",
    "RP": "reprint-edition",
    "CA": "caption",
}
_EXTRA_KEY_TAGS = {key: tag for tag, key in EXTRA_TAGS.items()}

SPEC = Spec("ris", RULES, extra_key=lambda tag: EXTRA_TAGS.get(tag, tag))

# --------------------------------------------------------------------------- reading

_TAG = re.compile(r"^\ufeff?([A-Z][A-Z0-9])  ?-(?: (.*)|\s*)$")


def sniff(text: str) -> bool:
    """True if *text* holds a RIS ``TY`` line among its first lines."""
    for i, line in enumerate(text.splitlines()):
        if i > 60:
            break
        if re.match(r"^\ufeff?TY  ?- ", line):
            return True
    return False


def _records(text: str, report: Report) -> list[RawRecord]:
    """Split RIS text into records of tagged entries (continuation lines joined to their value).

    Time is linear in the size of *text*: a value's continuation lines are joined once.
    """
    records: list[RawRecord] = []
    entries = _tagged.PendingEntries()
    start = 0
    open_ = False
    typed = False  # the open record has a tag other than TY

    def close(why: str | None) -> None:
        nonlocal open_, typed
        done = entries.take()
        if typed:
            if why:
                report.warning("syntax", why, line=start)
            records.append(RawRecord(done, start))
        elif done:
            report.warning("empty-record", "empty record (a TY line only) skipped", line=start)
        open_ = typed = False

    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        m = _TAG.match(line)
        if m is None:
            stripped = line.strip().lstrip("\ufeff")
            if open_ and stripped and entries:
                entries.continue_value(stripped)
            continue
        tag, value = m[1], (m[2] or "").strip()
        if tag == "TY":
            if open_ and typed:
                close("record ends without ER")
            elif open_:
                report.warning(
                    "syntax", f"TY repeated (line {n}); the record's type is {value!r}", line=start
                )
                entries.take()  # the record holds only TY lines so far
            if not open_:
                start = n
            open_ = True
            entries.add(tag, value, n)
        elif tag == "ER":
            if open_:
                close(None)
        else:
            if not open_:
                open_ = True
                start = n
                report.warning(
                    "missing-type", "record without TY: read as a journal article", line=n
                )
            entries.add(tag, value, n)
            typed = True
    if open_:
        close("record ends without ER at the end of the input")
    return records


def _record_type(record: RawRecord, report: Report) -> str:
    ty = record.first("TY")
    if not ty:
        return "article-journal"
    found = IMPORT_TYPES.get(ty.upper())
    if found is not None:
        return found

    return _tagged.look_up_type(ty, _tagged.ENDNOTE_TYPES, record, report, what="RIS type")


def read(text: str, *, source: str = "<string>", strict: bool = False, **options: Any) -> Library:
    """The works in RIS *text*; problems for skipped junk, missing ``ER`` and unknown types."""
    report = Report(source)
    try:
        records = _records(text, report)
    except RecursionError:  # pragma: no cover - the tokenizer does not recurse
        records = []
    if not records and text.strip():
        report.error("no-records", "no RIS records found (no TY line)", line=1)
    return _tagged.read_records(
        records,
        SPEC,
        _record_type,
        report,
        strict=strict,
        skip=["TY"],
        key_tag="ID",
        database_url=bool(options.get("database_url", False)),
    )


# --------------------------------------------------------------------------- writing

_MARKUP = re.compile(r"</?(?:i|b|sup|sub|span)(?:\s[^>]*)?>")
_SHOULD_BE_TAG = re.compile(r"^[A-Z][A-Z0-9]  ?-")


def _plain(value: str, key: str, report: Report, field: str) -> str:
    if _MARKUP.search(value):
        report.warning(
            "not-written",
            f"RIS has no rich text or case protection: markup dropped from {field}",
            key=key,
            field=field,
        )
        return _MARKUP.sub("", value)
    return value


def _strip_markup(work: Work, report: Report) -> Work:
    changes: dict[str, Any] = {}
    for f, v in work.fields().items():
        if isinstance(v, str) and "<" in v:
            plain = _plain(v, work.id, report, f)
            if plain != v:
                changes[f] = plain
    return work.evolve(**changes) if changes else work


def _line(tag: str, value: str, newline: str) -> str:
    lines = value.split("\n")
    out = [f"{tag}  - {lines[0]}".rstrip() if lines[0] else f"{tag}  - "]
    for more in lines[1:]:
        # a continuation line that looks like a tag would start a new value: indent it
        out.append(" " + more if _SHOULD_BE_TAG.match(more) or not more.strip() else more)
    return newline.join(out)


def write(
    works: Iterable[Work],
    *,
    ids: bool = True,
    newline: str = "\r\n",
    check: bool = True,
    **options: Any,
) -> Written:
    """*works* as RIS text; what RIS cannot carry comes back as problems (warnings).

    With *check* (the default) the text is read back and every field that does not
    come back as it was (a season, a page range or keyword list the reader normalises,
    white space) is reported too, naming the key and the field.
    """
    report = Report()
    chunks: list[str] = []
    works = list(works)
    report_repeated_keys(works, report, "RIS")
    for work in works:
        work = _strip_markup(work, report)
        ty = TYPES.get(work.type, "GEN")
        back = IMPORT_TYPES.get(ty, "document")
        if back != work.type:
            report.warning(
                "changed",
                f"RIS has no type for {work.type!r}: written as {ty} (read back as {back!r})",
                key=work.id,
            )
        skip: list[str] = []
        if work.page and work.number_of_pages and work.type in _BOOK_PAGES:
            skip.append("number_of_pages")
            report.warning(
                "not-written",
                "RIS holds pages or a number of pages in SP, not both: number-of-pages dropped",
                key=work.id,
                field="number_of_pages",
            )
        lines, unwritten = _tagged.work_lines(work, SPEC, report, skip=skip)
        dropped = [f.replace("_", "-") for f in sorted(unwritten)]
        for k, v in work.extra:
            tag = _EXTRA_KEY_TAGS.get(k, k)
            if re.fullmatch(r"[A-Z][A-Z0-9]", tag) and tag not in ("TY", "ER"):
                lines.extend((tag, piece) for piece in v.split("\n"))
            else:
                dropped.append(f"extra {k!r}")
        out = [("TY", ty)]
        own_id = "ID" in work.extra_dict
        if own_id:
            pass  # the record's own ID (not usable as a key) is written back from extra
        elif not lines and work.id:
            # a record of a TY line alone is skipped by readers: the key is all it carries
            out.append(("ID", work.id))
            if not (ids and _tagged.usable_key(work.id)):
                report.warning(
                    "changed",
                    f"nothing but the key {work.id!r} is written (a record of a TY line alone "
                    "reads back as nothing): written to ID"
                    + ("" if _tagged.usable_key(work.id) else ", which reads back into extra"),
                    key=work.id,
                )
        elif ids and work.id:
            if _tagged.usable_key(work.id):
                out.append(("ID", work.id))
            else:
                report.warning(
                    "not-written",
                    f"the key {work.id!r} is not one word: not written to ID",
                    key=work.id,
                )
        elif work.id:
            report.warning(
                "not-written",
                "RIS keeps no citation key unless written to ID: key dropped",
                key=work.id,
            )
        elif not lines:
            report.warning(
                "not-written",
                "a work without a key and with nothing RIS can carry: written as a TY line "
                "alone, which readers skip",
            )
        out.extend(lines)
        for name in dropped:
            field = name[len("extra '") : -1] if name.startswith("extra '") else name
            report.warning(
                "not-written", f"RIS has no tag for {name}: dropped", key=work.id, field=field
            )
        out.append(("ER", ""))
        chunks.append(newline.join(_line(t, v, newline) for t, v in out) + newline)
    text = newline.join(chunks)
    if check:
        check_read_back(works, read(text, source="<written>").works, report, "RIS", by_order=True)
    return Written(text, report.problems)
