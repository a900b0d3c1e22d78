"""BibTeX and BibLaTeX, both ways, through bibtexparser's splitter.

Reading (either dialect, whatever the ``dialect`` option says):

* several files form one library: ``@string`` macros (case-insensitive, with
  ``#`` concatenation, the month macros ``jan``…``dec`` predefined) and
  ``crossref``/``xdata`` parents resolve across them, macro-only files first;
* ``crossref`` follows biblatex's inheritance rules (a book's ``title``
  becomes its chapter's ``booktitle``…); the ``crossref`` key stays in
  ``extra`` so that it is written back;
* values are decoded from LaTeX by :mod:`.latex` (titles keep their
  case protection as nocase spans; ``url``, ``doi``, ``eprint``, ``file`` …
  stay verbatim), names are split by :mod:`.names`, dates parsed by
  :mod:`citelib.dates`;
* the GB/T 7714 types of biblatex-gb7714 and gbt7714.bst: ``@archive`` is a
  ``manuscript`` and ``@letter`` a ``personal_communication`` held by an
  archive (``institution`` → ``archive``, ``number`` → ``archive_location``,
  the place → ``archive-place`` unless there is a publisher), ``@map`` a
  ``map``, ``@preprint`` an ``article`` whose server (``eprinttype`` or
  ``archivePrefix``) is its publisher; a ``cstr`` field becomes the note line
  ``CSTR: …`` that Zotero, citeproc-js and citelib's engine read as the
  variable the GB/T 7714-2025 styles print;
* every field the model has no variable for is kept in ``extra`` under its
  lowercase name, and so is the entry type where the CSL type does not
  determine it (``entrytype: proceedings``);
* every problem (a block that does not parse, a missing comma that merged two
  fields, an undefined macro, a duplicate key or field, an empty key, a bad
  date, a missing ``crossref`` parent) becomes a :class:`Problem` with file,
  line and key; lenient reading keeps every good or repaired entry, strict
  reading raises one :class:`ParseError` with them all.

Writing produces UTF-8 BibTeX (``dialect="bibtex"``: ``journal``, ``year`` and
``month = jan``, ``address``, ``@phdthesis``) or BibLaTeX (``journaltitle``,
``date``, ``location``), with ``langid`` in both (babel names where one reads
back as the same tag: pandoc reads only ``langid``, gbt7714.bst knows only
babel names), braces every value once and the word ``and`` in publisher-like
fields (biber and pandoc split those lists on it), orders fields stably, and
reads back to the same records.  Titles are written as they are: see
:func:`write` for why no case protection is added.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from ...dates import ENGLISH_MONTHS, MONTH_NAMES, format_edtf, parse_date
from ...errors import CitelibError, ParseError, Problem, Report, Severity
from ...language import has_cjk, normalize_language
from ...model import Date, Library, Work, Written
from . import _fields as bm
from ._braces import brace_depth
from ._braces import walk as _walk
from ._scan import ScannedEntry, ScannedField, scan
from .latex import braces_balanced, decode, encode, match_brace
from .names import format_names, parse_names, split_name_list

__all__ = ["read", "read_many", "sniff", "write"]

_MONTH_MACROS = {name[:3].lower(): name for name in MONTH_NAMES}
_IDENT = re.compile(r"[^\s#{}\",=()]+")
_FIELD_START = re.compile(r"([A-Za-z][\w:.+/-]*)\s*=\s*", re.DOTALL)
_MERGED = re.compile(r"[,}]\s*\n\s*([A-Za-z][\w-]*)\s*=\s*[{\"\w]")
_SNIFF = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.MULTILINE)
_TAG_LIKE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_HTML_TAG = re.compile(r"<[^>]+>")
_USEPREFIX = re.compile(r"useprefix\s*(?:=\s*(true|false))?", re.IGNORECASE)

# fields never inherited through crossref/xdata (biblatex)
_NO_INHERIT = frozenset(
    [
        "ids",
        "crossref",
        "xref",
        "xdata",
        "entryset",
        "entrysubtype",
        "execute",
        "label",
        "options",
        "presort",
        "related",
        "relatedoptions",
        "relatedstring",
        "relatedtype",
        "shorthand",
        "shorthandintro",
        "sortkey",
        "shorttitle",
        "sorttitle",
        "indextitle",
        "indexsorttitle",
    ]
)
_MV = frozenset(["mvbook", "mvcollection", "mvproceedings", "mvreference"])
_IN_MV = frozenset(
    [
        "book",
        "inbook",
        "bookinbook",
        "suppbook",
        "collection",
        "incollection",
        "suppcollection",
        "reference",
        "inreference",
        "proceedings",
        "inproceedings",
    ]
)
_BOOKISH = frozenset(["book", "collection", "proceedings", "reference"]) | _MV
_IN_BOOK = frozenset(
    [
        "inbook",
        "bookinbook",
        "suppbook",
        "incollection",
        "suppcollection",
        "inreference",
        "inproceedings",
    ]
)
_TITLE_PARTS = ("title", "subtitle", "titleaddon")


def sniff(text: str) -> bool:
    """True if *text* looks like BibTeX: an ``@type{`` at the start of a line."""
    return _SNIFF.search(text[:20000]) is not None


# --------------------------------------------------------------------------- raw entries


@attrs.define
class _Raw:
    """One entry as split: its fields evaluated to raw LaTeX strings (lowercase names)."""

    source: str
    line: int
    key: str
    type: str
    fields: dict[str, str]
    lines: dict[str, int]


class _Reader:
    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.problems: list[Problem] = []
        self.macros: dict[str, str] = dict(_MONTH_MACROS)

    def problem(
        self,
        code: str,
        message: str,
        source: str,
        line: int | None,
        key: str | None,
        severity: Severity = "warning",
    ) -> None:
        Report(source, self.problems).add(severity, code, message, line=line, key=key)

    # ---------------------------------------------------------------- values

    def evaluate(
        self, raw: str, source: str, line: int, key: str | None, field: str
    ) -> tuple[str, list[tuple[str, str]]]:
        """The value of a field expression, and fields found merged into it (a missing comma)."""
        n = len(raw)
        if n >= 2 and "#" not in raw and "=" not in raw:
            c = raw[0]
            if (c == "{" and raw[-1] == "}") or (c == '"' and raw[-1] == '"'):
                return raw[1:-1], []
        if raw.isdigit():
            return raw, []
        parts: list[str] = []
        merged: list[tuple[str, str]] = []
        i = 0
        expect = True
        while i < n:
            c = raw[i]
            if c.isspace():
                i += 1
                continue
            if not expect:
                if c == "#":
                    expect = True
                    i += 1
                    continue
                if c == "%":  # a comment line after the value
                    end = raw.find("\n", i)
                    if end < 0:
                        break
                    i = end + 1
                    continue
                m = _FIELD_START.match(raw, i)
                if m:
                    name = m.group(1).lower()
                    self.problem(
                        "missing-comma",
                        f"missing comma before field '{name}' (after '{field}'); repaired",
                        source,
                        line,
                        key,
                    )
                    value, more = self.evaluate(raw[m.end() :], source, line, key, name)
                    merged.append((name, value))
                    merged.extend(more)
                    break
                self.problem(
                    "unexpected-text",
                    f"unexpected text in field '{field}': {raw[i : i + 30]!r}",
                    source,
                    line,
                    key,
                )
                parts.append(raw[i:])
                break
            if c == "{":
                close = match_brace(raw, i)
                if close < 0:
                    self.problem(
                        "unbalanced-braces",
                        f"unbalanced braces in field '{field}'",
                        source,
                        line,
                        key,
                    )
                    parts.append(raw[i + 1 :])
                    break
                parts.append(raw[i + 1 : close])
                i = close + 1
            elif c == '"':
                close = _match_quote(raw, i)
                if close < 0:
                    self.problem(
                        "unclosed-quote", f'unclosed " in field {field!r}', source, line, key
                    )
                    parts.append(raw[i + 1 :])
                    break
                parts.append(raw[i + 1 : close])
                i = close + 1
            else:
                m = _IDENT.match(raw, i)
                if m is None:
                    self.problem(
                        "unexpected-text", f"unexpected {c!r} in field '{field}'", source, line, key
                    )
                    i += 1
                    continue
                word = m.group()
                i = m.end()
                if word.isdigit():
                    parts.append(word)
                else:
                    value = self.macros.get(word.lower())
                    if value is None:
                        self.problem(
                            "undefined-macro",
                            f"undefined macro '{word}' in field '{field}' (kept as text)",
                            source,
                            line,
                            key,
                        )
                        value = word
                    parts.append(value)
            expect = False
        if expect and parts:
            self.problem(
                "unexpected-text",
                f"'#' with nothing after it in field '{field}'",
                source,
                line,
                key,
            )
        return "".join(parts), merged

    # ---------------------------------------------------------------- splitting

    def split(self, source: str, text: str) -> tuple[list[Any], list[Any]]:
        """The string definitions and entries of one file.

        Well-formed text goes through :func:`._scan.scan`, which splits it as
        bibtexparser's splitter does, only faster; anything else (and every file
        with a syntax error) through bibtexparser's splitter itself.
        """
        from bibtexparser import model as bm_model
        from bibtexparser.splitter import Splitter

        scanned = scan(text)
        if scanned is not None:
            lines: list[str] | None = None
            has_comments = "%" in text
            strings_s: list[Any] = []
            entries_s: list[Any] = []
            for block in (*scanned[0], *scanned[1]):
                if has_comments:
                    if lines is None:
                        lines = text.split("\n")
                    at = block.start_line
                    if at < len(lines) and lines[at].lstrip().startswith("%"):
                        continue
                if isinstance(block, ScannedEntry):
                    entries_s.append((block, False))
                else:
                    strings_s.append(block)
            return strings_s, entries_s
        try:
            with _quiet():
                library = Splitter(text).split()
        except Exception as e:  # the splitter raises on states it calls bugs
            self.problem("syntax", f"cannot split the file: {e}", source, None, None, "error")
            return [], []
        strings: list[Any] = []
        entries: list[Any] = []
        lines: list[str] | None = None
        has_comments = "%" in text
        for block in library.blocks:
            if has_comments and isinstance(block, (bm_model.Entry, bm_model.String)):
                # "%@article{…": commented out, as biber reads it (BibTeX has no comments)
                if lines is None:
                    lines = text.split("\n")
                at = block.start_line or 0
                if at < len(lines) and lines[at].lstrip().startswith("%"):
                    continue
            if isinstance(block, bm_model.Entry):
                entries.append((block, False))
            elif isinstance(block, bm_model.String):
                strings.append(block)
            elif isinstance(block, bm_model.DuplicateFieldKeyBlock):
                entries.append((block.ignore_error_block, True))
            elif isinstance(block, bm_model.DuplicateBlockKeyBlock):
                inner = block.ignore_error_block
                if isinstance(inner, bm_model.String):
                    strings.append(inner)
                elif isinstance(inner, bm_model.Entry):
                    entries.append((inner, False))
            elif isinstance(block, bm_model.ParsingFailedBlock):
                repaired = self.repair(source, block)
                if repaired is not None:
                    entries.append((repaired, False))
            elif isinstance(block, bm_model.MiddlewareErrorBlock):  # pragma: no cover
                entries.append((block.ignore_error_block, False))
        return strings, entries

    def repair(self, source: str, block: Any) -> Any:
        """An entry from a block that did not parse (unbalanced braces), or None with an error."""
        from bibtexparser import model as bm_model
        from bibtexparser.splitter import Splitter

        raw: str = block.raw or ""
        line = (block.start_line or 0) + 1
        m = re.match(r"@\s*([A-Za-z][\w:-]*)\s*[{(]\s*([^,\s{}()]*)", raw)
        key = m.group(2) if m else None
        reason = getattr(getattr(block, "error", None), "abort_reason", None) or "syntax error"
        btype = m.group(1).lower() if m else ""
        if btype in ("comment", "preamble"):
            self.problem("syntax", f"@{btype} block skipped: {reason.strip()}", source, line, None)
            return None
        depth = brace_depth(raw)
        entry = None
        if m and btype != "string" and depth > 0:
            try:
                with _quiet():
                    lib = Splitter(raw.rstrip() + "}" * depth).split()
                found = [b for b in lib.blocks if isinstance(b, bm_model.Entry)]
                if len(found) == 1 and not lib.failed_blocks:
                    base = block.start_line or 0
                    entry = ScannedEntry(
                        found[0].entry_type,
                        found[0].key,
                        [
                            ScannedField(f.key, f.value, (f.start_line or 0) + base)
                            for f in found[0].fields
                        ],
                        base,
                    )
            except Exception:
                entry = None
        if entry is not None:
            self.problem(
                "unbalanced-braces",
                f"unbalanced braces ({reason.strip()}); {depth} closing brace(s) added, "
                "check the entry",
                source,
                line,
                key,
            )
            return entry
        what = "@string definition" if btype == "string" else "entry"
        self.problem(
            "syntax", f"{what} skipped: {reason.strip()}", source, line, key or None, "error"
        )
        return None

    # ---------------------------------------------------------------- entries

    def raw_entry(self, source: str, entry: Any, dup_fields: bool) -> _Raw | None:
        line = (entry.start_line or 0) + 1
        key = (entry.key or "").strip()
        if not key:
            key = f"nokey-{line}"
            self.problem("missing-key", f"entry has no key; named it '{key}'", source, line, None)
        fields: dict[str, str] = {}
        lines: dict[str, int] = {}
        for f in entry.fields:
            name = f.key.strip().lower()
            if "%" in name:
                # comment lines before the field name (biber skips them); a field
                # whose own line is commented out is skipped as well
                kept = [ln for ln in name.split("\n") if not ln.lstrip().startswith("%")]
                if not kept or f.key.rstrip().split("\n")[-1].lstrip().startswith("%"):
                    continue
                name = "\n".join(kept).strip()
            fline = (f.start_line or 0) + 1
            value, merged = self.evaluate(f.value, source, fline, key, name)
            for fname, fvalue in [(name, value), *merged]:
                if fname in fields:
                    self.problem(
                        "duplicate-field",
                        f"duplicate field '{fname}' (the first is kept)",
                        source,
                        fline,
                        key,
                    )
                    continue
                if not fname:
                    self.problem("syntax", "field with no name skipped", source, fline, key)
                    continue
                fields[fname] = fvalue
                lines[fname] = fline
                if "\n" in fvalue and "{" in fvalue:
                    mm = _MERGED.search(fvalue)
                    if mm:
                        self.problem(
                            "merged-fields",
                            f"field '{fname}' seems to hold another field "
                            f"('{mm.group(1)} = …'): a missing brace or quote?",
                            source,
                            fline,
                            key,
                        )
        return _Raw(source, line, key, entry.entry_type.lower(), fields, lines)


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Keep bibtexparser's log messages off stderr: its problems come back as Problems."""
    logger = logging.getLogger("bibtexparser")
    old = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(old)


def _match_quote(s: str, i: int) -> int:
    """Index of the ``"`` closing the quoted value opened at *i* (one outside braces), or -1."""
    for j, _end, depth in _walk(s, i + 1, marks='"'):
        if depth <= 0 and s[j] == '"':
            return j
    return -1


# --------------------------------------------------------------------------- crossref


def _inherit(child: _Raw, parent: _Raw, renames: bool) -> None:
    """Copy into *child* the fields it lacks from *parent* (biblatex's rules if *renames*)."""
    fields = child.fields
    if renames:
        pt, ct = parent.type, child.type
        mapping: dict[str, str] = {}
        if pt in _MV and ct in _IN_MV:
            mapping = {p: "main" + p for p in _TITLE_PARTS}
        elif pt in _BOOKISH and ct in _IN_BOOK:
            mapping = {p: "book" + p for p in _TITLE_PARTS}
        elif pt == "periodical" and ct in ("article", "suppperiodical"):
            mapping = {"title": "journaltitle", "subtitle": "journalsubtitle"}
        if (
            pt in ("book", "mvbook")
            and ct in ("inbook", "bookinbook", "suppbook")
            and "bookauthor" not in fields
            and "author" in parent.fields
        ):
            fields["bookauthor"] = parent.fields["author"]
        for src, dst in mapping.items():
            if src in parent.fields and dst not in fields:
                fields[dst] = parent.fields[src]
        skip = set(mapping)
    else:
        skip = set()
    for name, value in parent.fields.items():
        if name in skip or name in _NO_INHERIT or name in fields:
            continue
        fields[name] = value


def _resolve_parents(reader: _Reader, entries: list[_Raw]) -> None:
    by_key: dict[str, _Raw] = {}
    for e in entries:
        by_key.setdefault(e.key.lower(), e)
    done: set[int] = set()

    def resolve(e: _Raw, stack: tuple[int, ...]) -> None:
        if id(e) in done:
            return
        if id(e) in stack:
            reader.problem("crossref-cycle", "crossref/xdata cycle", e.source, e.line, e.key)
            return
        stack = stack + (id(e),)
        xdata = e.fields.get("xdata")
        if xdata:
            for ref in (r.strip() for r in xdata.split(",")):
                parent = by_key.get(ref.lower()) if ref else None
                if parent is None:
                    if ref:
                        reader.problem(
                            "missing-parent",
                            f"xdata entry '{ref}' not found",
                            e.source,
                            e.line,
                            e.key,
                        )
                    continue
                resolve(parent, stack)
                _inherit(e, parent, renames=False)
        cref = e.fields.get("crossref")
        if cref and cref.strip():
            parent = by_key.get(cref.strip().lower())
            if parent is None:
                reader.problem(
                    "missing-parent",
                    f"crossref entry '{cref.strip()}' not found",
                    e.source,
                    e.line,
                    e.key,
                )
            elif parent is not e:
                resolve(parent, stack)
                _inherit(e, parent, renames=True)
        done.add(id(e))

    for e in entries:
        if "crossref" in e.fields or "xdata" in e.fields:
            resolve(e, ())


# --------------------------------------------------------------------------- raw -> Work


def _language(value: str) -> str | None:
    text = decode(value, rich=False).strip()
    if not text:
        return None
    if _TAG_LIKE.match(text):
        return text
    return normalize_language(text) or text


_PUNCT_END = "!?.,:;。！？，：；"


def _plain_end(text: str) -> str:
    return _HTML_TAG.sub("", text).rstrip()[-1:]


def _concat(head: str, tail: str, punct: str) -> str:
    """*head* and *tail* joined as pandoc and biblatex print a subtitle or an addon."""
    if not tail:
        return head
    last = _plain_end(head)
    if not last:
        return tail
    if has_cjk(last) and has_cjk(tail[:1]):
        return head + ("：" if punct == ":" else "。") + tail
    if last in _PUNCT_END:
        return head + " " + tail
    return head + punct + " " + tail


def _join_title(title: str, subtitle: str, addon: str) -> str:
    return _concat(_concat(title, subtitle, ":"), addon, ".")


def _unconcat(text: str, tail: str, punct: str) -> str | None:
    """The *head* that :func:`_concat` joined with *tail* into *text*, or None."""
    if not tail:
        return text
    for head in _heads(text, tail, punct):
        if _concat(head, tail, punct) == text:
            return head
    return None


def _heads(text: str, tail: str, punct: str) -> list[str]:
    if not text.endswith(tail):
        return []
    rest = text[: -len(tail)]
    out = []
    for joint in (punct + " ", " ", "：", "。"):
        if rest.endswith(joint):
            out.append(rest[: -len(joint)])
    return out


def _split_title(text: str, subtitle: str, addon: str) -> str | None:
    """The title field that, joined with *subtitle* and *addon*, reads as *text*."""
    head = _unconcat(text, addon, ".")
    return None if head is None else _unconcat(head, subtitle, ":")


def _main_joined(fields: dict[str, str]) -> str:
    def part(name: str) -> str:
        return decode(fields[name], rich=True) if fields.get(name) else ""

    return _join_title(part("maintitle"), part("mainsubtitle"), part("maintitleaddon"))


def _main_title(bibtype: str, fields: dict[str, str], values: dict[str, Any]) -> None:
    """A multi-volume work's ``maintitle``, as biblatex and pandoc print it.

    In a chapter it is the container title and the book's own title the volume
    title; in a book it is the title and the book's own title the volume title.
    ``maintitle`` stays in ``extra``, which tells the writer to undo this.
    """
    main = _main_joined(fields)
    if not main:
        return
    attr = "container_title" if bibtype in bm.CHAPTER_TYPES else "title"
    if values.get(attr):
        values["volume_title"] = values[attr]
    values[attr] = main


_CSTR = "CSTR: "


def _cstr(value: str, values: dict[str, Any], consumed: set[str]) -> None:
    """A ``cstr`` field as the ``CSTR: …`` note line Zotero and the GB/T styles read.

    The line goes first in ``note`` (citeproc-js and citelib's engine read such
    lines as the CSL variable ``CSTR``); the writer takes it back out.
    """
    text = decode(value, rich=False).strip()
    if not text or "\n" in text:
        return
    consumed.add("cstr")
    note = values.get("note")
    values["note"] = _CSTR + text + ("\n" + note if note else "")


def _split_cstr(note: str) -> tuple[str, str | None] | None:
    """(the CSTR, the rest of *note*) if *note* starts with a line :func:`_cstr` writes."""
    if not note.startswith(_CSTR):
        return None
    line, nl, rest = note.partition("\n")
    value = line[len(_CSTR) :]
    if not value or value != value.strip() or (nl and not rest):
        return None
    if decode(encode(value), rich=False).strip() != value:
        return None
    return value, (rest if nl else None)


def _places(value: str) -> str:
    """A biblatex ``location`` list (``Durham and London``) as ``Durham; London``."""
    return "; ".join(decode(p, rich=False) for p in split_name_list(value))


def _genre(value: str) -> str | None:
    text = decode(value, rich=False)
    return bm.GENRE_KEYS.get(text.strip().lower(), text)


def _pages(value: str) -> str:
    return decode(re.sub(r"-{2,}", "-", value), rich=False)


def _date_text(value: str) -> str:
    """A date field's text: decoded, but ``~`` (EDTF's "approximately") kept."""
    return decode(value, rich=False).replace("\u00a0", "~").strip()


def _date(value: str) -> Date | None:
    text = _date_text(value)
    if not text:
        return None
    return parse_date(text)


def _month(text: str) -> tuple[int, int | None] | None:
    """A month field as (month, day): ``jan``, ``January``, ``1``, ``10~jan``, ``jan 10``."""
    t = text.strip().rstrip(".").lower()
    if t.isdigit():
        m = int(t)
        return (m, None) if 1 <= m <= 12 else None
    if t in ENGLISH_MONTHS:
        return ENGLISH_MONTHS[t], None
    m2 = re.fullmatch(r"(\d{1,2})[\s~\u00a0.]*([a-z]+)\.?|([a-z]+)\.?[\s~\u00a0]*(\d{1,2})", t)
    if m2:
        day_s, word = (m2.group(1), m2.group(2)) if m2.group(2) else (m2.group(4), m2.group(3))
        if word in ENGLISH_MONTHS and 1 <= int(day_s) <= 31:
            return ENGLISH_MONTHS[word], int(day_s)
    return None


def _issued(
    fields: dict[str, str], consumed: set[str], reader: _Reader | None, raw: _Raw | None
) -> Date | None:
    """``date``, or ``year``/``month``/``day``; the parts that disagree with ``date`` stay in extra."""
    if "date" in fields:
        consumed.add("date")
        d = _date(fields["date"])
        if d is None:
            return None
        start = d.parts[0] if d.parts else ()
        if (
            "year" in fields
            and start
            and decode(fields["year"], rich=False).strip() == str(start[0])
        ):
            consumed.add("year")
        if "month" in fields and len(start) >= 2:
            mm = _month(decode(fields["month"], rich=False))
            if mm is not None and mm[0] == start[1] and mm[1] is None:
                consumed.add("month")
        if "day" in fields and len(start) >= 3 and fields["day"].strip() == str(start[2]):
            consumed.add("day")
        return d
    if "year" not in fields:
        return None
    consumed.add("year")
    ytext = _date_text(fields["year"])
    if not ytext:
        return None
    if not re.fullmatch(r"-?\d{1,4}", ytext):
        # a year such as 1865（清同治四年） or "in press" is kept as text: not a problem
        return parse_date(ytext.replace("–", "/"))
    year = int(ytext)
    month: int | None = None
    day: int | None = None
    if "month" in fields:
        mm = _month(decode(fields["month"], rich=False))
        if mm is not None:
            consumed.add("month")
            month, day = mm
        elif raw is not None and reader is not None:
            reader.problem(
                "bad-date",
                f"month '{fields['month']}' is not a month (kept in extra)",
                raw.source,
                raw.lines.get("month"),
                raw.key,
            )
    if month is not None and day is None and "day" in fields:
        dtext = fields["day"].strip()
        if dtext.isdigit() and 1 <= int(dtext) <= 31:
            day = int(dtext)
            consumed.add("day")
    try:
        return Date.of(year, month, day)
    except (ValueError, TypeError):
        return Date(literal=ytext)


def _useprefix(fields: dict[str, str] | dict[str, Any]) -> bool:
    options = fields.get("options")
    if not options:
        return False
    m = _USEPREFIX.search(options)
    return bool(m) and (m.group(1) or "true").lower() == "true"


def _to_work(raw: _Raw, reader: _Reader) -> Work:
    fields = raw.fields
    consumed: set[str] = set()
    csl_type, used_subtype = bm.csl_type_for(raw.type, fields.get("entrysubtype"))
    if used_subtype:
        consumed.add("entrysubtype")
    useprefix = _useprefix(fields)
    values: dict[str, Any] = {}
    index = bm.field_index(raw.type)
    chosen: dict[str, tuple[int, str, bm.Rule]] = {}
    for name in fields:
        hit = index.get(name)
        if hit is not None and name not in consumed:
            rule, pos = hit
            best = chosen.get(rule.attr)
            if best is None or pos < best[0]:
                chosen[rule.attr] = (pos, name, rule)
    if "year" in fields and "issued" not in chosen:
        chosen["issued"] = (0, "date", bm.ISSUED)
    for _pos, name, rule in chosen.values():
        kind = rule.kind
        if kind == "issued":
            d = _issued(fields, consumed, reader, raw)
            if d is not None:
                values["issued"] = d
            continue
        consumed.add(name)
        value = fields[name]
        if kind == "rich":
            values[rule.attr] = decode(value, rich=True)
        elif kind == "text":
            values[rule.attr] = decode(value, rich=False)
        elif kind == "names":
            values[rule.attr] = parse_names(value, useprefix=useprefix)
        elif kind == "verbatim":
            values[rule.attr] = value.strip()
        elif kind == "pages":
            values[rule.attr] = _pages(value)
        elif kind == "date":
            d = _date(value)
            if d is not None:
                if d.literal is not None and not d.parts:
                    reader.problem(
                        "bad-date",
                        f"'{name}' is not a date (kept as text)",
                        raw.source,
                        raw.lines.get(name),
                        raw.key,
                    )
                values[rule.attr] = d
        elif kind == "language":
            values[rule.attr] = _language(value)
        elif kind == "genre":
            values[rule.attr] = _genre(value)
        elif kind == "series":
            key = value.strip().lower()
            values[rule.attr] = bm.SERIES_KEYS.get(key) or decode(value, rich=True)
        elif kind == "status":
            key = value.strip().lower()
            values[rule.attr] = bm.STATUS_KEYS.get(key) or decode(value, rich=False)
        elif kind == "places":
            values[rule.attr] = _places(value) if name == "location" else decode(value, rich=False)
    for attr in ("title", "container_title"):
        if attr in values and attr in chosen:
            sub, addon = bm.TITLE_PARTS.get(chosen[attr][1], ("", ""))
            if sub in fields or addon in fields:
                values[attr] = _join_title(
                    values[attr],
                    decode(fields[sub], rich=True) if sub in fields else "",
                    decode(fields[addon], rich=True) if addon in fields else "",
                )
    if "maintitle" in fields and "volume_title" not in values:
        _main_title(raw.type, fields, values)
    if (
        raw.type in bm.ARCHIVE_TYPES
        and "publisher" not in values
        and "archive_place" not in values
        and chosen.get("publisher_place", (0, "", None))[1] in ("location", "address")
    ):
        # an archival document's place is its archive's (GB/T 7714: 收藏者所在地)
        values["archive_place"] = values.pop("publisher_place")
    if "cstr" in fields:
        _cstr(fields["cstr"], values, consumed)
    if csl_type == "thesis" and raw.type in bm.DEFAULT_GENRE and not values.get("genre"):
        values["genre"] = bm.DEFAULT_GENRE[raw.type]
    if csl_type == "book" and raw.type in bm.SUBTYPE_OF:
        values["subtype"] = bm.SUBTYPE_OF[raw.type]
    extra = [(name, value) for name, value in fields.items() if name not in consumed]
    if "entrytype" not in fields:
        genre = values.get("genre")
        editor = bool(values.get("editor"))
        cauthor = bool(values.get("container_author"))
        subtype = values.get("subtype")
        if raw.type not in (
            bm.write_type_for(csl_type, genre, editor, cauthor, "bibtex", subtype),
            bm.write_type_for(csl_type, genre, editor, cauthor, "biblatex", subtype),
        ):
            extra.insert(0, ("entrytype", raw.type))
    return Work(id=raw.key, type=csl_type, extra=extra, **values)


# --------------------------------------------------------------------------- reading


def read_many(
    sources: Sequence[tuple[str, str]],
    *,
    strict: bool = False,
    dialect: str = "bibtex",
    **options: Any,
) -> Library:
    """One library from several BibTeX texts ``(source, text)``: macros and crossrefs resolve across them."""
    reader = _Reader(strict)
    try:
        return _read_many(reader, sources, strict)
    except CitelibError:
        raise
    except RecursionError:
        raise ParseError(
            "input nested too deeply to read", file=sources[0][0] if sources else None
        ) from None
    except Exception as e:  # pragma: no cover - a bug, but never a raw traceback for bad data
        raise ParseError(
            f"cannot read BibTeX: {type(e).__name__}: {e}",
            file=sources[0][0] if sources else None,
        ) from e


def _read_many(reader: _Reader, sources: Sequence[tuple[str, str]], strict: bool) -> Library:
    split = [(source, *reader.split(source, text)) for source, text in sources]
    # macro files (strings, no entries) first, then the others in the order given
    for source, strings, _entries in sorted(split, key=lambda s: bool(s[2])):
        for s in strings:
            line = (s.start_line or 0) + 1
            value, _ = reader.evaluate(s.value, source, line, None, "@string " + s.key)
            reader.macros[s.key.strip().lower()] = value
    raws: list[_Raw] = []
    seen: dict[str, _Raw] = {}
    for source, _strings, entries in split:
        for entry, dup_fields in entries:
            raw = reader.raw_entry(source, entry, dup_fields)
            if raw is None:
                continue
            folded = raw.key.lower()
            if folded in seen:
                first = seen[folded]
                if first.key == raw.key:
                    reader.problem(
                        "duplicate-key",
                        f"duplicate key '{raw.key}' (first at {first.source}:{first.line}); "
                        "this entry is skipped",
                        source,
                        raw.line,
                        raw.key,
                        "error",
                    )
                    continue
                reader.problem(
                    "duplicate-key",
                    f"key '{raw.key}' differs only in case from '{first.key}' "
                    f"({first.source}:{first.line}); BibTeX treats them as one",
                    source,
                    raw.line,
                    raw.key,
                )
            else:
                seen[folded] = raw
            raws.append(raw)
    _resolve_parents(reader, raws)
    works: list[Work] = []
    for raw in raws:
        try:
            works.append(_to_work(raw, reader))
        except (ValueError, TypeError, RecursionError) as e:
            reader.problem(
                "bad-entry", f"entry skipped: {e}", raw.source, raw.line, raw.key, "error"
            )
    if strict and reader.problems:
        raise ParseError.from_problems(reader.problems)
    return Library(works, reader.problems)


def read(
    text: str,
    *,
    source: str = "<string>",
    strict: bool = False,
    dialect: str = "bibtex",
    **options: Any,
) -> Library:
    """Works from BibTeX or BibLaTeX *text* (see the module docstring)."""
    return read_many([(source, text)], strict=strict, dialect=dialect, **options)


# --------------------------------------------------------------------------- writing

_LINE_AT = re.compile(r"\n[ \t]*@")
_AND_WORD = re.compile(r"(?<=\s)and(?=\s)", re.IGNORECASE)
# fields biblatex reads as lists of literals (BibTeX's address and school are its aliases)
_NAME_LISTS = frozenset(
    [
        "publisher",
        "institution",
        "organization",
        "school",
        "address",
        "origpublisher",
        "origlocation",
    ]
)
_PAGE_RANGE = re.compile(r"([^\s,;\-{}]*\d[^\s,;\-{}]*)-(?=[^\s,;\-{}]*\d)")
_BABEL = [
    "english",
    "british",
    "american",
    "ngerman",
    "german",
    "french",
    "spanish",
    "italian",
    "dutch",
    "russian",
    "chinese",
    "japanese",
    "korean",
    "portuguese",
    "brazil",
    "polish",
    "swedish",
    "greek",
    "latin",
    "australian",
    "canadian",
]


def _raw_out(value: str, name: str, work: Work, report: Report) -> str:
    """A value written as it is (verbatim fields, extra); escaped only if its braces do not balance."""
    if (
        braces_balanced(value)
        and not _LINE_AT.search(value)
        and (len(value) - len(value.rstrip("\\"))) % 2 == 0
    ):
        return value
    report.warning(
        "unbalanced-braces",
        f"field '{name}' has unbalanced braces; they were escaped",
        key=work.id,
        field=name,
    )
    return value.replace("\\", "\\textbackslash{}").replace("{", "\\{").replace("}", "\\}")


def _write_pages(text: str) -> str:
    return _PAGE_RANGE.sub(r"\1--", encode(text))


def _write_language(tag: str, dialect: str, field: str) -> str:
    """A language tag as written: ``langid`` takes the babel name that reads back as *tag*."""
    if field == "langid":
        for babel in _BABEL:
            if normalize_language(babel) == tag:
                return babel
    return encode(tag)


def _simple(d: Date) -> bool:
    if d.literal is not None or d.circa or d.season is not None or len(d.parts) != 1:
        return False
    part = d.parts[0]
    return 0 <= part[0] <= 9999 and (len(part) < 2 or 1 <= part[1] <= 12)


def _date_out(d: Date) -> str:
    if not d.parts:
        return encode(d.literal or "")
    return format_edtf(d)


def _issued_out(d: Date, dialect: str, extra: dict[str, str]) -> list[tuple[str, str, bool]]:
    taken = {k for k in ("year", "month", "day", "date") if k in extra}
    if dialect == "bibtex" and _simple(d) and not taken:
        part = d.parts[0]
        out = [("year", str(part[0]), True)]
        if len(part) >= 2:
            out.append(("month", MONTH_NAMES[part[1] - 1][:3].lower(), True))
            if len(part) == 3:
                out.append(("day", str(part[2]), True))
        return out
    if dialect == "bibtex" and not d.parts and d.literal and not taken:
        return [("year", encode(d.literal), False)]
    if "date" in extra:
        if _simple(d) and not (taken - {"date"}):
            part = d.parts[0]
            out = [("year", str(part[0]), False)]
            if len(part) >= 2:
                out.append(("month", MONTH_NAMES[part[1] - 1][:3].lower(), True))
                if len(part) == 3:
                    out.append(("day", str(part[2]), False))
            return out
        return []
    out = [("date", _date_out(d), False)]
    if dialect == "bibtex" and d.parts and "year" not in extra:
        out.append(("year", str(d.parts[0][0]), False))
    return out


def _entry(work: Work, dialect: str, report: Report) -> str:
    extra = dict(work.extra)
    btype = extra.pop("entrytype", None)
    if btype:
        btype = btype.strip().lower()
        if (
            bm.csl_type_for(btype, None)[0] != work.type
            and bm.subtype_for(work.type, btype) is None
        ):
            btype = None
    if not btype:
        btype = bm.write_type(work, dialect)
    if work.subtype and bm.SUBTYPE_OF.get(btype) != work.subtype:
        _lost(report, work, f"the subtype {work.subtype!r} in a @{btype} entry")
    out: list[tuple[str, str, bool]] = []
    subtype = bm.subtype_for(work.type, btype)
    if subtype is not None:
        if "entrysubtype" in extra:
            _lost(report, work, f"type {work.type!r} (entrysubtype is taken)")
        else:
            out.append(("entrysubtype", subtype, False))
    useprefix = _useprefix(extra)
    tail: list[tuple[str, str, bool]] = []
    if work.note and "cstr" not in extra:
        found = _split_cstr(work.note)
        if found is not None:
            work = attrs.evolve(work, note=found[1])
            tail.append(("cstr", encode(found[0]), False))
    if btype in bm.ARCHIVE_TYPES and not work.publisher:
        # the reader takes the place of an archival document without a publisher for
        # its archive's place: write archive_place there, and a publisher_place apart
        if work.publisher_place:
            if "publisher-place" in extra:
                _lost(report, work, "publisher_place (publisher-place is taken)")
            else:
                tail.append(("publisher-place", encode(work.publisher_place), False))
            work = attrs.evolve(work, publisher_place=None)
        elif work.archive_place:
            work = attrs.evolve(work, publisher_place=work.archive_place, archive_place=None)
    if extra.get("maintitle"):
        attr = "container_title" if btype in bm.CHAPTER_TYPES else "title"
        if getattr(work, attr) == _main_joined(extra):
            # undo _main_title: the entry's own title is the volume title
            work = attrs.evolve(work, **{attr: work.volume_title, "volume_title": None})
    for rule in bm.rules_for(btype):
        value = getattr(work, rule.attr)
        if value is None or value == ():
            continue
        if rule.kind == "issued":
            out.extend(_issued_out(value, dialect, extra))
            continue
        name = _pick(rule, dialect, extra)
        if name is None:
            _lost(report, work, rule.attr)
            continue
        kind = rule.kind
        if kind == "names":
            text = format_names(value, useprefix=useprefix, extended=dialect == "biblatex")
        elif kind == "verbatim":
            text = _raw_out(value, name, work, report)
        elif kind == "pages":
            text = _write_pages(value)
        elif kind == "date":
            text = _date_out(value)
        elif kind == "language":
            text = _write_language(value, dialect, name)
        elif kind == "genre":
            if btype in bm.DEFAULT_GENRE and value == bm.DEFAULT_GENRE[btype]:
                continue
            if dialect == "biblatex" and value in bm.GENRE_KEYS_OUT:
                text = bm.GENRE_KEYS_OUT[value]
            else:
                text = encode(value)
        elif kind == "series":
            if dialect == "biblatex" and value in bm.SERIES_KEYS_OUT:
                text = bm.SERIES_KEYS_OUT[value]
            else:
                text = encode(value)
        elif kind == "status":
            text = bm.STATUS_KEYS_OUT.get(value) or encode(value)
        elif kind == "places" and name == "location":
            text = " and ".join(_AND_WORD.sub(r"{\g<0>}", encode(p)) for p in value.split("; "))
        elif rule.attr in ("title", "container_title") and name in bm.TITLE_PARTS:
            sub, addon = bm.TITLE_PARTS[name]
            own = value
            if extra.get(sub) or extra.get(addon):
                found = _split_title(
                    value,
                    decode(extra[sub], rich=True) if extra.get(sub) else "",
                    decode(extra[addon], rich=True) if extra.get(addon) else "",
                )
                if found is None:
                    _lost(report, work, f"the {sub} (the {rule.attr} no longer ends with it)")
                else:
                    own = found
            text = encode(own)
        elif name in _NAME_LISTS:
            # biber and pandoc split these on "and": Henry Holt {and} Co. stays one
            text = _AND_WORD.sub(r"{\g<0>}", encode(value))
        else:
            text = encode(value)
        out.append((name, text, False))
    out.extend(tail)
    if work.categories:
        _lost(report, work, "categories")
    for name, value in extra.items():
        out.append((name, _raw_out(value, name, work, report), False))
    lines = [f"@{btype}{{{work.id},"]
    for i, (name, text, bare) in enumerate(out):
        sep = "," if i < len(out) - 1 else ""
        lines.append(f"  {name} = {text if bare else '{' + text + '}'}{sep}")
    lines.append("}")
    if not re.fullmatch(r"[^\s,{}()\"#%'=\\]+", work.id):
        report.warning("bad-key", f"key {work.id!r} is not a valid BibTeX key", key=work.id)
    return "\n".join(lines)


def _pick(rule: bm.Rule, dialect: str, extra: dict[str, str]) -> str | None:
    for name in rule.names_for(dialect):
        if name in extra:
            continue
        try:
            higher = rule.read[: rule.read.index(name)]
        except ValueError:
            higher = ()
        if any(h in extra for h in higher):
            continue
        return name
    return None


def _lost(report: Report, work: Work, what: str) -> None:
    report.warning("not-written", f"BibTeX cannot hold {what}; left out", key=work.id)


def write(
    works: Iterable[Work],
    *,
    dialect: str = "bibtex",
    **options: Any,
) -> Written:
    """*works* as a .bib text in *dialect* (``bibtex`` or ``biblatex``).

    Titles keep only the case protection the records hold (nocase spans become
    ``{…}``); no protection is added.  pandoc's own export braces every
    capitalised word of an English title so that its reader, which
    sentence-cases English BibTeX titles, keeps them; citelib does not, because
    (1) BibTeX has one kind of braces: writer-added ``{Practical}`` would read back
    as a protected word, so a record would not survive the round trip, and (2) it
    would stop gbt7714.bst and biblatex-gb7714 from sentence-casing English titles,
    which GB/T 7714 wants and those styles do by default.
    """
    if dialect not in ("bibtex", "biblatex"):
        raise CitelibError(f"unknown BibTeX dialect {dialect!r}; use bibtex or biblatex")
    report = Report()
    entries = [_entry(w, dialect, report) for w in works]
    return Written("\n\n".join(entries) + ("\n" if entries else ""), report.problems)
