"""What the tagged formats share: one mapping-table mechanism for RIS, EndNote, CNKI and NoteExpress.

Each of these formats is a list of records, each record a list of
``(tag, value)`` lines.  A format module splits its text into
:class:`RawRecord` values and describes its mapping as one :class:`Spec`: a
table of :class:`Rule` rows, each tying a :class:`~citelib.model.Work` field to
one or more tags through a :class:`Codec`.  :func:`build_work` (reading) and
:func:`work_lines` (writing) both walk that one table, so the two directions
cannot drift apart.

Reading: the record's lines form a pool; the rules, in table order, take the
lines they use out of it (a rule applies only if the record's type matches and
its field is still empty).  Values a rule finds redundant (``JF`` repeating
``T2``) are consumed; values that conflict go back to the pool, where a later
rule may take them (``JO`` becomes the short title when ``T2`` gave the
title).  Whatever is left ends in ``extra`` under a key the format names, so
nothing is dropped; the RIS writer writes such keys back as tags.

Writing: for each field set on a work, the first writable rule whose types
match and whose codec accepts the value produces the lines.

A reader splits its text (:func:`split_records` for the line-per-tag formats
without an end tag), then hands the records, its table and its way of finding
a record's type to :func:`read_records`, which builds the works, assigns keys
and raises in strict mode; :func:`look_up_type` turns an unknown type name
into a generic ``document`` with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any

import attrs

from ..dates import looks_numeric, parse_date
from ..errors import ParseError, Problem, Report
from ..language import (
    has_cjk,
    normalize_language,
    script_language,
    split_cjk_name,
)
from ..model import Date, Library, Name, Origin, Work, new_work

__all__ = [
    "DATABASE_HOSTS",
    "ENDNOTE_TYPES",
    "LANDING_PAGE",
    "Codec",
    "Dates",
    "Entry",
    "Joined",
    "Keywords",
    "Language",
    "Matching",
    "Names",
    "Pages",
    "PendingEntries",
    "RawRecord",
    "Rule",
    "Spec",
    "Text",
    "assign_missing_keys",
    "build_library",
    "build_work",
    "clean_doi",
    "clean_text",
    "degree_genre",
    "finish_import",
    "is_isbn",
    "is_landing_page",
    "is_issn",
    "join_keywords",
    "landing_page_as_url",
    "look_up_type",
    "number_text",
    "page_text",
    "parse_name",
    "read_records",
    "split_keywords",
    "split_records",
    "text_date",
    "thesis_genre",
    "usable_key",
    "work_lines",
]


# --------------------------------------------------------------------------- records


@attrs.frozen
class Entry:
    """One tagged value of a record, with the line it starts on."""

    tag: str
    value: str
    line: int


@attrs.frozen
class RawRecord:
    """One record as the tokenizer found it: its lines, in order, and its first line number."""

    entries: tuple[Entry, ...]
    line: int

    def values(self, tag: str) -> list[str]:
        return [e.value for e in self.entries if e.tag == tag]

    def first(self, tag: str) -> str:
        """The first value of *tag*, white space folded (``""`` if the record has none)."""
        return next((clean_text(v) for v in self.values(tag)), "")


# --------------------------------------------------------------------------- text helpers

_WS = re.compile(r"\s+")


def clean_text(value: str) -> str:
    """*value* with runs of white space (line breaks included) folded to one space."""
    return _WS.sub(" ", value).strip()


def _clean_long(value: str) -> str:
    """Multi-line text: each line stripped, empty lines dropped, lines joined by ``\\n``."""
    return "\n".join(s for s in (ln.strip() for ln in value.splitlines()) if s)


def text_date(text: str) -> Date | None:
    """A date written as free text (:func:`citelib.dates.parse_date`); None for an empty value."""
    t = clean_text(text)
    return parse_date(t) if t else None


def number_text(value: str) -> str | None:
    """An issue or volume number without leading zeros (``09`` → ``9``); other text as it is."""
    return (value.lstrip("0") or value) if value.isdigit() else value


def degree_genre(value: str) -> str | None:
    """A thesis type from a degree or a database name: ``硕士`` (or
    ``中国优秀硕士学位论文全文数据库``) → ``硕士学位论文``, ``博士`` → ``博士学位论文``;
    None for anything else."""
    if "博士" in value:
        return "博士学位论文"
    if "硕士" in value:
        return "硕士学位论文"
    return None


def thesis_genre(value: str) -> str | None:
    """A thesis type as :func:`degree_genre` gives it, or the value as written
    (``Master's thesis``)."""
    return degree_genre(value) or value or None


def split_keywords(value: str) -> list[str]:
    """The keywords in a ``keyword`` string: split on ``;`` if it holds one, else on ``,``."""
    sep = ";" if ";" in value else ","
    return [k.strip() for k in value.split(sep) if k.strip()]


_KEYWORD_SEP = re.compile(r"[;；]")


def join_keywords(keywords: Iterable[str]) -> str | None:
    """Keywords as one ``keyword`` string: ``", "`` between them (CSL's and biblatex's
    convention), or ``"; "`` when a keyword itself holds a comma (``Cells, Cultured``).

    A keyword holding ``;`` is split there (and a lone keyword holding commas at
    them); duplicates and empty keywords are dropped.
    """
    seen: dict[str, None] = {}  # insertion-ordered set: de-duplication in linear time
    for k in keywords:
        for piece in _KEYWORD_SEP.split(clean_text(k)):
            piece = piece.strip(" ,，")
            if piece:
                seen[piece] = None
    kws = list(seen)
    if len(kws) == 1 and "," in kws[0]:
        # alone, "a, b" cannot say it is one keyword: it is read as CSL reads it, two
        kws = list(dict.fromkeys(p.strip() for p in kws[0].split(",") if p.strip()))
    if not kws:
        return None
    sep = "; " if any("," in k for k in kws) else ", "
    return sep.join(kws)


# --------------------------------------------------------------------------- names


_TRANSLATED = re.compile(r"[·•‧・]")


def parse_name(text: str) -> Name | None:
    """A creator as the tagged formats write it.

    ``Last, First`` and ``Last, First, Suffix`` give name parts; a CJK name
    without a comma is split into family and given name (孙柏瑛 → 孙 + 柏瑛);
    any other name without a comma stays whole as ``literal``, as Zotero reads
    it (``World Health Organization``).  ``Last,`` is a family name alone.
    """
    value = clean_text(text)
    if not value:
        return None
    if "," not in value:
        if has_cjk(value):
            return split_cjk_name(value)
        return Name(literal=value)
    parts = [p.strip() for p in value.split(",")]
    family = parts[0]
    given = parts[1] if len(parts) > 1 else ""
    suffix = ", ".join(p for p in parts[2:] if p)
    if not family:
        return Name(literal=value.strip(", "))
    if has_cjk(value) and _TRANSLATED.search(value):
        # a translated Western name (斯科特·詹姆斯, C.): kept whole, as written, for a
        # Chinese family + given pair is printed without a space and would glue
        return Name(literal=" ".join(p for p in parts if p))
    return Name(family=family, given=given or None, suffix=suffix or None)


def format_name(name: Name, report: Report, key: str, fmt: str) -> str:
    """A :class:`Name` as ``Last, First[, Suffix]``; particles are merged into the name."""
    if name.literal is not None:
        if "," in name.literal and not has_cjk(name.literal):
            report.warning(
                "changed",
                f"the name {name.literal!r} holds a comma and reads back as family, given",
                key=key,
            )
        elif has_cjk(name.literal) and split_cjk_name(name.literal).literal is None:
            report.warning(
                "changed",
                f"the unsplit name {name.literal!r} reads back split into family and given",
                key=key,
            )
        return name.literal
    family = name.family or ""
    given = name.given or ""
    if name.non_dropping_particle:
        family = f"{name.non_dropping_particle} {family}".strip()
    if name.dropping_particle:
        given = f"{given} {name.dropping_particle}".strip()
    if name.non_dropping_particle or name.dropping_particle:
        report.warning(
            "changed", f"{fmt} has no name particles; merged into {str(name)!r}", key=key
        )
    if name.static_ordering or name.comma_suffix:
        report.warning("not-written", f"{fmt} cannot mark the name order of {str(name)!r}", key=key)
    text = f"{family}, {given}" if given else f"{family},"
    if name.suffix:
        text = f"{family}, {given}, {name.suffix}"
    return text


# --------------------------------------------------------------------------- codecs


class Codec:
    """Turns the values of a rule's tags into a field value (read) and back (write).

    ``read`` receives the pool entries of the rule's tags (in record order) and
    returns the value (None if the entries give none) and the entries it did not
    use; ``write`` returns ``(tag, text)`` lines, or none if it cannot write the value.
    """

    def read(self, rule: Rule, entries: list[Entry], ctx: Context) -> tuple[Any, list[Entry]]:
        raise NotImplementedError

    def write(self, rule: Rule, value: Any, ctx: WriteContext) -> list[tuple[str, str]]:
        raise NotImplementedError


def _by_priority(rule: Rule, entries: list[Entry]) -> list[Entry]:
    order = {t: i for i, t in enumerate(rule.tags)}
    return sorted(entries, key=lambda e: order.get(e.tag, len(order)))


@attrs.frozen
class Text(Codec):
    """One string: the first value of the first tag (in the rule's order) that has one.

    Other values equal to it are dropped; different ones stay in the pool.
    ``long`` keeps line breaks (abstracts); otherwise white space is folded.
    ``clean`` post-processes a read value (returning None rejects it).
    """

    long: bool = False
    clean: Callable[[str], str | None] | None = None

    def norm(self, value: str) -> str | None:
        text = _clean_long(value) if self.long else clean_text(value)
        if text and self.clean is not None:
            return self.clean(text)
        return text or None

    def read(self, rule: Rule, entries: list[Entry], ctx: Context) -> tuple[Any, list[Entry]]:
        chosen: str | None = None
        rest: list[Entry] = []
        for e in _by_priority(rule, entries):
            v = self.norm(e.value)
            if v is None:
                if clean_text(e.value) and self.clean is not None:
                    rest.append(e)  # rejected by clean: another rule may want it
                continue  # an empty tag carries nothing
            if chosen is None:
                chosen = v
            elif v != chosen:
                rest.append(e)
        return chosen, rest

    def write(self, rule: Rule, value: Any, ctx: WriteContext) -> list[tuple[str, str]]:
        return [(rule.tags[0], str(value))]


@attrs.frozen
class Matching(Text):
    """A :class:`Text` that takes (and writes) only values *accept* approves (an ISSN, an ISBN)."""

    accept: Callable[[str], bool] = lambda value: True

    def read(self, rule: Rule, entries: list[Entry], ctx: Context) -> tuple[Any, list[Entry]]:
        take: list[Entry] = []
        rest: list[Entry] = []
        for e in entries:  # one pass: a membership test on a list made this quadratic
            (take if self.accept(clean_text(e.value)) else rest).append(e)
        value, more = Text.read(self, rule, take, ctx)
        return value, rest + more

    def write(self, rule: Rule, value: Any, ctx: WriteContext) -> list[tuple[str, str]]:
        if not self.accept(str(value)):
            return []
        return [(rule.tags[0], str(value))]


@attrs.frozen
class Joined(Codec):
    """Every value, joined by ``\\n`` (notes); written back as one tag.

    ``clean`` turns a raw value into text first (Zotero's HTML notes into lines).
    """

    clean: Callable[[str], str] | None = None

    def read(self, rule: Rule, entries: list[Entry], ctx: Context) -> tuple[Any, list[Entry]]:
        raw = [self.clean(e.value) if self.clean else e.value for e in entries]
        values = [v for v in (_clean_long(r) for r in raw) if v]
        return ("\n".join(values) or None), []

    def write(self, rule: Rule, value: Any, ctx: WriteContext) -> list[tuple[str, str]]:
        return [(rule.tags[0], str(value))]


@attrs.frozen
class Keywords(Codec):
    """Keywords, one per tag (or split on ``split`` within a value), joined as :func:`join_keywords`."""

    split: re.Pattern[str] | None = None

    def read(self, rule: Rule, entries: list[Entry], ctx: Context) -> tuple[Any, list[Entry]]:
        kws: list[str] = []
        for e in entries:
            lines = e.value.splitlines() or [e.value]
            for line in lines:
                kws.extend(self.split.split(line) if self.split else [line])
        return join_keywords(kws), []

    def write(self, rule: Rule, value: Any, ctx: WriteContext) -> list[tuple[str, str]]:
        return [(rule.tags[0], k) for k in split_keywords(str(value))]


@attrs.frozen
class Names(Codec):
    """Creators: one per value, or split on ``split`` within a value (``柯洪琴;陈璿英;``).

    Tags in ``fallback`` are read only when the others give no name (CNKI's
    ``FirstDuty`` repeats the first author); a fallback name that is among those
    read is dropped, another one stays in the pool.
    """

    split: re.Pattern[str] | None = None
    fallback: frozenset[str] = frozenset()

    def _names(self, entries: Iterable[Entry]) -> list[Name]:
        names: list[Name] = []
        for e in entries:
            pieces = self.split.split(e.value) if self.split else [e.value]
            for piece in pieces:
                n = parse_name(piece)
                if n is not None:
                    names.append(n)
        return names

    def read(self, rule: Rule, entries: list[Entry], ctx: Context) -> tuple[Any, list[Entry]]:
        main = [e for e in entries if e.tag not in self.fallback]
        names = self._names(main)
        if not names:
            return (tuple(self._names(entries)) or None), []
        known = set(names)
        rest = [
            e
            for e in entries
            if e.tag in self.fallback and not all(n in known for n in self._names([e]))
        ]
        return tuple(names), rest

    def write(self, rule: Rule, value: Any, ctx: WriteContext) -> list[tuple[str, str]]:
        return [(rule.tags[0], format_name(n, ctx.report, ctx.key, ctx.fmt)) for n in value]


@attrs.frozen
class Language(Text):
    """A language: a BCP 47 tag when the value is recognisable (``chi`` → ``zh-CN``), else as written."""

    def norm(self, value: str) -> str | None:
        text = clean_text(value)
        return (normalize_language(text) or text) if text else None

    def write(self, rule: Rule, value: Any, ctx: WriteContext) -> list[tuple[str, str]]:
        back = self.norm(str(value))
        if back != value:
            ctx.report.warning(
                "changed",
                f"language {value!r} reads back from {rule.tags[0]} as {back!r}",
                key=ctx.key,
                field="language",
            )
        return super().write(rule, value, ctx)


def _no_lines(date: Date, ctx: WriteContext) -> list[tuple[str, str]]:
    return []


@attrs.frozen
class Dates(Codec):
    """A date from several tags: the most precise one in the rule's tag order wins.

    ``parse`` reads one value (None if it gives no date; by default free text,
    :func:`text_date`); ``format`` writes a :class:`Date` as ``(tag, text)``
    lines (by default none: a read-only format).  Other values that agree with
    the chosen date (a year matching it) are dropped; those that do not stay in the pool.
    """

    parse: Callable[[str], Date | None] = text_date
    format: Callable[[Date, WriteContext], list[tuple[str, str]]] = _no_lines

    def read(self, rule: Rule, entries: list[Entry], ctx: Context) -> tuple[Any, list[Entry]]:
        parsed: list[tuple[Entry, Date]] = []
        rest: list[Entry] = []
        for e in _by_priority(rule, entries):
            d = self.parse(e.value)
            gone_wrong = d is not None and not d.parts and looks_numeric(d.literal or "")
            if gone_wrong and ctx.report is not None:  # 2020/13/45, kept as text
                ctx.report.warning(
                    "bad-date",
                    f"no such date {e.value.strip()!r} (kept as text)",
                    line=e.line,
                    field=rule.field.replace("_", "-"),
                )
            if d is None:
                if clean_text(e.value):
                    rest.append(e)
                continue
            parsed.append((e, d))
        if not parsed:
            return None, rest

        def rank(item: tuple[Entry, Date]) -> int:
            d = item[1]
            return max((len(p) for p in d.parts), default=0) * 2 + (1 if d.parts else 0)

        best = max(parsed, key=rank)  # max keeps the first of equals: rule order
        chosen = best[1]
        for e, d in parsed:
            if e is best[0]:
                continue
            if d == chosen or _agrees(d, chosen):
                continue
            rest.append(e)
        rest.sort(key=lambda e: e.line)
        return chosen, rest

    def write(self, rule: Rule, value: Any, ctx: WriteContext) -> list[tuple[str, str]]:
        return self.format(value, ctx)


def _agrees(less: Date, more: Date) -> bool:
    """True if *less* says nothing *more* contradicts (2005 agrees with 2005-07-15)."""
    if not less.parts or not more.parts or len(less.parts) != 1:
        return False
    a, b = less.parts[0], more.parts[0]
    return len(a) <= len(b) and b[: len(a)] == a and less.season in (None, more.season)


_PAGE_RANGE = re.compile(r"^\s*([^\s,;]+?)\s*(?:-+|–|—)\s*([^\s,;]+)\s*$")
# longer than any page range: not matched with _PAGE_RANGE, whose backtracking is cubic
# on a long run of dashes (a 1 KB value took 6 s)
_LONGEST_RANGE = 100


@attrs.frozen
class Pages(Codec):
    """A page range from a start tag and an end tag (``SP``/``EP``); a lone end page stays in the pool."""

    def read(self, rule: Rule, entries: list[Entry], ctx: Context) -> tuple[Any, list[Entry]]:
        start_tag, end_tag = rule.tags[0], rule.tags[1]
        starts = [e for e in entries if e.tag == start_tag and clean_text(e.value)]
        ends = [e for e in entries if e.tag == end_tag and clean_text(e.value)]
        if not starts:
            return None, ends
        first = clean_text(starts[0].value)
        if len(first) > _LONGEST_RANGE:  # no page range: kept as written, the rest in the pool
            return first, starts[1:] + ends
        last = clean_text(ends[0].value) if ends else first
        used = {first, last}
        rest = [e for e in starts[1:] + ends[1:] if clean_text(e.value) not in used]
        rest.sort(key=lambda e: e.line)
        whole = _PAGE_RANGE.match(first)
        if whole and last in (first, whole[2]):
            return first, rest  # SP holds the whole range (and EP, if any, its end)
        # dashes at the seam are the range's own: "SP  - 5-" with "EP  - 9" is 5-9
        start = first.rstrip("-–— ")
        end = last.lstrip("-–— ") if ends else start
        if not start and not end:
            return first, rest
        start, end = start or end, end or start
        return (f"{start}-{end}" if end != start else start), rest

    def write(self, rule: Rule, value: Any, ctx: WriteContext) -> list[tuple[str, str]]:
        text = str(value)
        m = _PAGE_RANGE.match(text)
        if m:
            return [(rule.tags[0], m[1]), (rule.tags[1], m[2])]
        return [(rule.tags[0], text)]


# --------------------------------------------------------------------------- the table


@attrs.frozen
class Rule:
    """One row of a format's table: a Work field, the tags that hold it and how.

    The first tag is the one written; the others are only read (in priority
    order).  ``types`` limits the row to some CSL types, ``exclude`` keeps it
    from others; ``write=False`` makes the whole row read-only.
    """

    field: str
    tags: tuple[str, ...]
    codec: Codec = Text()
    types: frozenset[str] | None = None
    exclude: frozenset[str] = frozenset()
    write: bool = True

    def applies(self, csl_type: str) -> bool:
        if csl_type in self.exclude:
            return False
        return self.types is None or csl_type in self.types


@attrs.frozen
class Context:
    """What a codec may want to know while reading a record; problems go to ``report``."""

    type: str
    source: str
    line: int
    report: Report | None = None


@attrs.define
class WriteContext:
    """What a codec may want to know while writing a work; problems go to ``report``."""

    work: Work
    key: str
    fmt: str
    report: Report


@attrs.frozen
class Spec:
    """A tagged format's mapping: its name, its table and how tags become ``extra`` keys."""

    name: str
    rules: tuple[Rule, ...]
    extra_key: Callable[[str], str] = lambda tag: tag
    language_from_script: bool = False  # set ``language`` from the script when the record has none
    #: called with the record's type and the values read, before the work is made: a
    #: format's rule that no single row can say (CNKI's online-first date)
    finish: Callable[[str, dict[str, Any]], None] | None = None
    #: tag -> the indexes of the rules that read it, so a record visits only its rules
    by_tag: Mapping[str, tuple[int, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, list[int]] = {}
        for i, rule in enumerate(self.rules):
            for tag in dict.fromkeys(rule.tags):
                index.setdefault(tag, []).append(i)
        object.__setattr__(self, "by_tag", {t: tuple(ix) for t, ix in index.items()})


def build_work(
    record: RawRecord,
    spec: Spec,
    csl_type: str,
    *,
    key: str = "",
    source: str = "<string>",
    skip: Sequence[str] = (),
    report: Report | None = None,
) -> Work:
    """One Work from a record: the table's rules in order, the rest into ``extra``;
    what a codec repairs is reported to *report*."""
    pool: dict[str, list[Entry]] = {}
    for e in record.entries:
        if e.tag not in skip:
            pool.setdefault(e.tag, []).append(e)
    ctx = Context(csl_type, source, record.line, report)
    values: dict[str, Any] = {}
    # only the rules reading a tag the record has (entries go back to the pool under their
    # own tag, so no other rule can find anything later)
    mine_rules = sorted({i for t in pool for i in spec.by_tag.get(t, ())})
    for rule in (spec.rules[i] for i in mine_rules):
        if rule.field in values or not any(t in pool for t in rule.tags):
            continue
        if not rule.applies(csl_type):
            continue
        mine = [e for t in rule.tags for e in pool.pop(t, ())]
        mine.sort(key=lambda e: e.line)  # stable: values split from one line keep their order
        value, rest = rule.codec.read(rule, mine, ctx)
        if value is not None:
            values[rule.field] = value
        for e in rest:
            pool.setdefault(e.tag, []).append(e)
    left = sorted((e for entries in pool.values() for e in entries), key=lambda e: e.line)
    extra: dict[str, list[str]] = {}
    for e in left:
        text = clean_text(e.value)
        if text:
            extra.setdefault(spec.extra_key(e.tag), []).append(text)
    if spec.finish is not None:
        spec.finish(csl_type, values)
    if spec.language_from_script and values.get("language") is None:
        names = values.get("author", ())[:3]
        probe = " ".join(
            filter(None, [values.get("title"), values.get("container_title"), *map(str, names)])
        )
        if has_cjk(probe):  # the language work_language would give the finished work
            people = values.get("author", ())[:3] + values.get("editor", ())[:3]
            values["language"] = script_language(
                values.get("title"),
                values.get("container_title"),
                values.get("publisher"),
                *(n.literal or n.family or "" for n in people),
            )
    return new_work(
        id=key,
        type=csl_type,
        extra=[(k, "\n".join(v)) for k, v in extra.items()],
        **values,
    )


def work_lines(
    work: Work, spec: Spec, report: Report, *, skip: Iterable[str] = ()
) -> tuple[list[tuple[str, str]], set[str]]:
    """The ``(tag, text)`` lines of *work* in table order, and the fields that found no rule."""
    ctx = WriteContext(work, work.id, spec.name.upper(), report)
    set_fields = {k for k, v in work.fields().items()} - set(skip)
    out: list[tuple[str, str]] = []
    done: set[str] = set()
    for rule in spec.rules:
        f = rule.field
        if f in done or f not in set_fields or not rule.write or not rule.applies(work.type):
            continue
        lines = rule.codec.write(rule, getattr(work, f), ctx)
        if lines:
            out.extend(lines)
            done.add(f)
    return out, set_fields - done


# --------------------------------------------------------------------------- libraries and keys


def assign_missing_keys(works: list[Work]) -> list[Work]:
    """Readable keys (:func:`citelib.keys.assign_keys`: author + year, pinyin for
    Chinese) for works read without one (``id == ""``); existing keys stay."""
    from ..keys import assign_keys

    return list(assign_keys(works))


def build_library(
    works: list[Work],
    problems: list[Problem],
    *,
    strict: bool,
    lines: Sequence[int] = (),
    source: str | None = None,
) -> Library:
    """A :class:`~citelib.model.Library` of *works* with keys assigned.

    *lines* gives each work's first line: a problem reported at that line gets
    the work's key, so messages name the file, the line and the record; with
    *source* they make the library's ``origins``
    (a key made here is marked as made, so it may change to stay unique across files).
    Strict reading raises a :class:`~citelib.errors.ParseError` on any problem.
    """
    from ..keys import has_key

    keyed = assign_missing_keys(works)
    by_line = {line: w.id for line, w in zip(lines, keyed, strict=False)}
    problems = [
        attrs.evolve(p, key=by_line[p.line]) if p.key is None and p.line in by_line else p
        for p in problems
    ]
    if strict and problems:
        raise ParseError.from_problems(problems)
    origins: list[Origin] = []
    if len(lines) == len(works):
        origins = [
            Origin(source, line, not has_key(w)) for w, line in zip(works, lines, strict=True)
        ]
    return Library(keyed, problems, origins)


# --------------------------------------------------------------------------- identifiers and types

_DOI_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/|(?:dx\.)?doi\.org/)", re.I)


def clean_doi(text: str) -> str | None:
    """A bare DOI (``10.xxx/yyy``) from ``doi:…`` or a resolver URL; None if *text* is no DOI."""
    t = _DOI_PREFIX.sub("", text.strip()).strip()
    return t if re.match(r"^10\.\d{3,}[^\s]*/\S+$", t) else None


_ISSN = re.compile(r"^\d{4}-?\d{3}[\dXx](?:$|\s|\()")
_ISBN_HEAD = re.compile(r"\s|\(")
_ISBN_SEP = re.compile(r"[-\s]")
_ISBN = re.compile(r"\d{9}[\dXx]|97[89]\d{10}")


def is_issn(text: str) -> bool:
    """True if *text* starts with an ISSN (``1234-567X``)."""
    return _ISSN.match(text) is not None


def is_isbn(text: str) -> bool:
    """True if *text* starts with an ISBN-10 or ISBN-13 (hyphens allowed)."""
    head = _ISBN_HEAD.split(text.strip(), maxsplit=1)[0]
    return _ISBN.fullmatch(_ISBN_SEP.sub("", head)) is not None


#: EndNote reference type names (folded to lower case) -> CSL type; RIS exports and
#: NoteExpress use them too
ENDNOTE_TYPES: dict[str, str] = {
    "journal article": "article-journal",
    "journal": "article-journal",
    "electronic article": "article-journal",
    "book": "book",
    "edited book": "book",
    "electronic book": "book",
    "book section": "chapter",
    "electronic book section": "chapter",
    "conference paper": "paper-conference",
    "conference proceedings": "paper-conference",
    "conference": "paper-conference",
    "thesis": "thesis",
    "dissertation": "thesis",
    "report": "report",
    "government document": "report",
    "generic": "document",
    "web page": "webpage",
    "electronic source": "webpage",
    "newspaper article": "article-newspaper",
    "press release": "article-newspaper",
    "magazine article": "article-magazine",
    "catalog": "article-magazine",
    "patent": "patent",
    "manuscript": "manuscript",
    "unpublished work": "manuscript",
    "dataset": "dataset",
    "aggregated database": "dataset",
    "online database": "dataset",
    "computer program": "software",
    "film or broadcast": "motion_picture",
    "audiovisual material": "motion_picture",
    "online multimedia": "motion_picture",
    "personal communication": "personal_communication",
    "interview": "interview",
    "map": "map",
    "case": "legal_case",
    "statute": "legislation",
    "bill": "bill",
    "hearing": "hearing",
    "legal rule or regulation": "regulation",
    "artwork": "graphic",
    "chart or table": "figure",
    "figure": "figure",
    "dictionary": "entry-dictionary",
    "encyclopedia": "entry-encyclopedia",
    "standard": "standard",
    "serial": "periodical",
    "classical work": "classic",
    "ancient text": "classic",
    "blog": "post-weblog",
    "music": "musical_score",
    "pamphlet": "pamphlet",
    "review": "review",
    "equation": "document",
    "grant": "document",
}


# --------------------------------------------------------------------------- reading


def split_records(
    text: str,
    report: Report,
    *,
    tag_of: Callable[[str], tuple[str, str] | None],
    starts: Callable[[str, Collection[str]], bool],
    head: Collection[str],
    empty: str | None,
) -> list[RawRecord]:
    """The records of a format with one tag a line and no end tag (EndNote, NoteExpress, CNKI).

    *tag_of* reads a line's tag and value (None: the line continues the value
    above it).  A blank line ends a record, and so does a tag for which
    ``starts(tag, tags of the record so far)`` is true.  A record holding only
    *head* tags (its type) is dropped, with the warning *empty* if one is given.
    Time is linear in the size of *text*, however many lines a value or a record has.
    """
    records: list[RawRecord] = []
    entries = PendingEntries()

    def close() -> None:
        done = entries.take()
        if any(e.tag not in head for e in done):
            records.append(RawRecord(done, done[0].line))
        elif done and empty is not None:
            report.warning("empty-record", empty, line=done[0].line)

    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if not line.strip():
            close()
            continue
        found = tag_of(line)
        if found is None:
            if entries:
                entries.continue_value(line.strip())
            else:
                report.warning("stray-text", "text outside a record skipped", line=n)
            continue
        tag, value = found
        if entries and starts(tag, entries.tags):
            close()
        entries.add(tag, value, n)
    close()
    return records


class PendingEntries:
    """The entries of the record being read: a value's continuation lines are collected
    in a list and joined once (appending each to the value rebuilt it: quadratic)."""

    def __init__(self) -> None:
        self.done: list[Entry] = []
        self.tags: set[str] = set()
        self.last: tuple[str, int, list[str]] | None = None  # tag, line, value's lines

    def __bool__(self) -> bool:
        return self.last is not None

    def add(self, tag: str, value: str, line: int) -> None:
        self._flush()
        self.last = (tag, line, [value])
        self.tags.add(tag)

    def continue_value(self, text: str) -> None:
        """Add a line to the last entry's value."""
        assert self.last is not None
        self.last[2].append(text)

    def _flush(self) -> None:
        if self.last is not None:
            tag, line, lines = self.last
            self.done.append(Entry(tag, "\n".join(lines), line))
            self.last = None

    def take(self) -> tuple[Entry, ...]:
        """The entries so far, which are then forgotten."""
        self._flush()
        out = tuple(self.done)
        self.done = []
        self.tags = set()
        return out


def look_up_type(
    name: str,
    types: Mapping[str, str],
    record: RawRecord,
    report: Report,
    *,
    what: str,
) -> str:
    """The CSL type *types* gives the type name *name* (case folded); an unknown
    or empty name gives ``document`` and a warning naming it as *what*."""
    found = types.get(name.casefold()) if name else None
    if found is None:
        report.warning(
            "unknown-type", f"unknown {what} {name!r}: read as a generic document", line=record.line
        )
        return "document"
    return found


_KEY = re.compile(r"^[^\s,{}#%\"'()=\\~]+$")


def usable_key(text: str) -> bool:
    """True if *text* can be a citation key: one token without BibTeX's special characters."""
    return _KEY.match(text) is not None


def _own_key(record: RawRecord, tag: str, used: set[str], report: Report) -> str:
    """The record's own key in *tag* if it is one usable key not *used* yet, else ``""``."""
    ids = [clean_text(v) for v in record.values(tag) if clean_text(v)]
    if len(ids) == 1 and usable_key(ids[0]) and ids[0].casefold() not in used:
        return ids[0]
    if ids:
        report.warning(
            "bad-key",
            f"{tag} {ids[0]!r} is not a usable key (repeated or not one word): kept in extra",
            line=record.line,
        )
    return ""


#: hosts of the Chinese databases whose records link to their own landing page
#: (CNKI 知网, Wanfang 万方, VIP 维普), as CNKI's own GB/T export leaves out
DATABASE_HOSTS: tuple[str, ...] = (
    "cnki.net",
    "cnki.com.cn",
    "wanfangdata.com.cn",
    "wanfangdata.com",
    "cqvip.com",
)
LANDING_PAGE = "landing-page"
"""The ``extra`` key that keeps a database landing-page link the styles do not print."""

_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://([^/?#:\s]+)", re.I)


def is_landing_page(url: str) -> bool:
    """True if *url* is a page of CNKI, Wanfang or VIP (``kns.cnki.net/kcms/...``)."""
    m = _HOST.match(url.strip())
    if m is None:
        return False
    host = m[1].lower()
    return any(host == h or host.endswith("." + h) for h in DATABASE_HOSTS)


_LEADING_ZEROS = re.compile(r"(?<![0-9A-Za-z])0+(?=[1-9])")


def page_text(value: str) -> str:
    """A page or page range without leading zeros in its numbers (``007`` → ``7``,
    ``07-09`` → ``7-9``); ``0`` and numbers inside words (``e0123``, ``S01``) stay."""
    return _LEADING_ZEROS.sub("", value)


def finish_import(work: Work, *, database_url: bool = False) -> Work:
    """*work* as a database export should be kept: a newspaper's pages without leading
    zeros (CNKI writes page ``007``), a CNKI, Wanfang or VIP landing-page ``URL`` moved
    to ``extra`` as ``landing-page`` (GB/T 7714 styles print a URL, which makes a
    journal article ``[J/OL]``), unless *database_url*; other URLs stay."""
    changes: dict[str, Any] = {}
    if work.page is not None and work.type == "article-newspaper":  # elsewhere 034708 is
        # an article number, whose zeros belong to it
        page = page_text(work.page)
        if page != work.page:
            changes["page"] = page
    url = work.url
    if url and not database_url and is_landing_page(url) and LANDING_PAGE not in work.extra_dict:
        changes["url"] = None
        changes["extra"] = (*work.extra, (LANDING_PAGE, url))
    return work.evolve(**changes) if changes else work


def landing_page_as_url(work: Work) -> Work:
    """*work* with its database landing page (``extra`` ``landing-page``) as the URL,
    if it has no other URL (what a reader's ``database_url=True`` gives)."""
    page = work.extra_dict.get(LANDING_PAGE)
    if page is None or work.url:
        return work
    return work.evolve(url=page, extra=[(k, v) for k, v in work.extra if k != LANDING_PAGE])


def read_records(
    records: Sequence[RawRecord],
    spec: Spec,
    record_type: Callable[[RawRecord, Report], str],
    report: Report,
    *,
    strict: bool,
    skip: Sequence[str] = (),
    key_tag: str | None = None,
    database_url: bool = False,
) -> Library:
    """The library of *records*: each typed by ``record_type(record, report)``
    and built by :func:`build_work` (tags in *skip* left out), keys
    assigned as :func:`build_library` does.

    Every work is finished as :func:`finish_import` says: a newspaper's page numbers
    without leading zeros, and a Chinese database's landing-page link moved from ``URL`` to
    ``extra`` (``landing-page``) unless *database_url* keeps it as the URL.

    With *key_tag*, a record's own key in that tag (RIS ``ID``) is the work's
    key when it is one token and unique in the input; otherwise it stays in
    ``extra``, with a warning.  A record that cannot be built is skipped with
    an error.  Strict reading raises a :class:`~citelib.errors.ParseError` on any problem.
    """
    works: list[Work] = []
    lines: list[int] = []
    keys: set[str] = set()
    for rec in records:
        csl_type = record_type(rec, report)
        key = ""
        tags = list(skip)
        if key_tag is not None:
            key = _own_key(rec, key_tag, keys, report)
            if key:
                tags.append(key_tag)
        try:
            work = build_work(
                rec,
                spec,
                csl_type,
                key=key,
                source=report.source or "<string>",
                skip=tags,
                report=report,
            )
        except (ValueError, TypeError) as e:
            report.error("bad-entry", f"record skipped: {e}", line=rec.line)
            continue
        if key:
            keys.add(key.casefold())
        works.append(finish_import(work, database_url=database_url))
        lines.append(rec.line)
    return build_library(works, report.problems, strict=strict, lines=lines, source=report.source)
