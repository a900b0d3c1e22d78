"""How each kind of value travels between a BibTeX field and a :class:`~citelib.model.Work` attribute.

A :class:`Codec` reads the raw LaTeX of one field into a model value and
writes a model value back as the LaTeX of one field.  The rows of the field
table (:data:`._fields.RULES`) hold codec instances; the reader
(:func:`._to_work.to_work`) and the writer (:func:`._writer.entry_text`) only
walk the table and call them.  A codec that needs more than its own field
(``issued`` from ``year``/``month``/``day``, a title joined with its subtitle)
finds the entry's other fields in its context.

Text is decoded from LaTeX by :func:`.latex.decode` (``rich``: a
case-protecting ``{Group}`` becomes a nocase span, as titles want) and encoded
by :func:`.latex.encode`; verbatim fields (``url``, ``doi``) are neither.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Generic, TypeVar

from ...dates import ENGLISH_MONTHS, MONTH_NAMES, format_edtf, looks_numeric, parse_date
from ...errors import Report
from ...language import normalize_language
from ...model import FIELDS, Date, Name
from ._titles import join_title, split_title
from .latex import braces_balanced, decode, encode, match_brace
from .names import format_name, format_names, parse_name, parse_names, split_name_list

if TYPE_CHECKING:
    from ._fields import Rule
    from ._reader import RawEntry, Reader

__all__ = [
    "Codec",
    "Dates",
    "Genre",
    "Issued",
    "Keyed",
    "Language",
    "Names",
    "Out",
    "Pages",
    "Places",
    "ReadContext",
    "Text",
    "Title",
    "Verbatim",
    "WriteContext",
    "useprefix",
]

T = TypeVar("T")

_CSL_NAME = {f.attr: f.csl for f in FIELDS}

Out = tuple[str, str, bool]
"""A field as written: its name, its LaTeX and whether it goes bare (``month = jan``) or braced."""

_USEPREFIX = re.compile(r"useprefix\s*(?:=\s*(true|false))?", re.IGNORECASE)
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


def useprefix(fields: Mapping[str, str]) -> bool:
    """biblatex's ``useprefix`` entry option (``options = {useprefix=true}``): name particles
    are part of the family name."""
    options = fields.get("options")
    if not options:
        return False
    m = _USEPREFIX.search(options)
    return m is not None and (m.group(1) or "true").lower() == "true"


# --------------------------------------------------------------------------- contexts


class ReadContext:
    """What a codec may use while reading an entry besides its own field."""

    __slots__ = ("raw", "reader", "consumed", "useprefix")

    def __init__(self, raw: RawEntry, reader: Reader, consumed: set[str]) -> None:
        self.raw = raw
        self.reader = reader
        self.consumed = consumed  # the fields read so far: the others go to extra
        self.useprefix = useprefix(raw.fields)

    @property
    def fields(self) -> dict[str, str]:
        """Every field of the entry (lowercase names, raw LaTeX values)."""
        return self.raw.fields

    def problem(self, code: str, message: str, field: str) -> None:
        """A warning about *field* of the entry."""
        raw = self.raw
        self.reader.problem(code, message, raw.source, raw.lines.get(field), raw.key)


class WriteContext:
    """What a codec may use while writing a work: the entry type, the dialect, the extra fields."""

    __slots__ = ("key", "dialect", "bibtype", "extra", "report", "useprefix")

    def __init__(
        self, key: str, dialect: str, bibtype: str, extra: dict[str, str], report: Report
    ) -> None:
        self.key = key
        self.dialect = dialect
        self.bibtype = bibtype
        self.extra = extra  # fields written from the work's extra: never written over
        self.report = report
        self.useprefix = useprefix(extra)

    def lost(self, what: str, field: str | None = None) -> None:
        """A warning that *what* is left out (*field*: the variable, by its CSL name)."""
        self.report.warning(
            "not-written", f"BibTeX cannot hold {what}; left out", key=self.key, field=field
        )

    def pick(self, rule: Rule) -> str | None:
        """The field *rule* writes in this dialect: its first that ``extra`` leaves free and
        that no field in ``extra`` would win over when read back (None if there is none)."""
        extra = self.extra
        for name in rule.names_for(self.dialect):
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


# --------------------------------------------------------------------------- codecs


class Codec(Generic[T]):
    """One kind of value: ``read`` turns a field's raw LaTeX into a model value, ``write`` back.

    ``read`` gets the rule, the field's name and raw value, and returns the
    value (None for none); ``write`` returns the LaTeX of the field *name*
    (None: write nothing).  :meth:`write_fields` picks the field and may write
    several.  ``rich`` says the value is rich text with nocase spans.
    """

    __slots__ = ()
    rich: bool = False

    def read(self, rule: Rule, name: str, text: str, ctx: ReadContext) -> T | None:
        raise NotImplementedError

    def write(self, rule: Rule, name: str, value: T, ctx: WriteContext) -> str | None:
        raise NotImplementedError

    def write_fields(self, rule: Rule, value: T, ctx: WriteContext) -> list[Out]:
        """The fields *value* is written to: by default the one :meth:`WriteContext.pick` chooses."""
        name = ctx.pick(rule)
        if name is None:
            ctx.lost(rule.attr, _CSL_NAME[rule.attr])
            return []
        text = self.write(rule, name, value, ctx)
        return [] if text is None else [(name, text, False)]


class Text(Codec[str]):
    """Text decoded from LaTeX (``rich``: with nocase spans, for titles) and encoded back.

    In the fields biber and pandoc split into lists on ``and`` (``publisher``,
    ``institution``, ``address``…) a word ``and`` is written braced, so that
    ``Henry Holt {and} Co.`` stays one publisher.
    """

    __slots__ = ("rich",)

    def __init__(self, *, rich: bool = False) -> None:
        self.rich = rich

    def read(self, rule: Rule, name: str, text: str, ctx: ReadContext) -> str | None:
        return decode(text, rich=self.rich)

    def write(self, rule: Rule, name: str, value: str, ctx: WriteContext) -> str | None:
        if name in _NAME_LISTS:
            return _AND_WORD.sub(r"{\g<0>}", encode(value))
        return encode(value)


class Title(Text):
    """A title, joined with its subtitle and addon fields (``subtitle``, ``booktitleaddon``…).

    *parts* maps a title field to its subtitle and addon fields (``""``: none).
    The subtitle and addon stay in ``extra``; writing, the title field is what
    is left when they are taken off the end (:func:`._titles.split_title`).
    """

    __slots__ = ("parts",)

    def __init__(self, parts: Mapping[str, tuple[str, str]]) -> None:
        super().__init__(rich=True)
        self.parts = parts

    def read(self, rule: Rule, name: str, text: str, ctx: ReadContext) -> str | None:
        title = decode(text, rich=True)
        sub, addon = self.parts.get(name, ("", ""))
        fields = ctx.fields
        if sub in fields or addon in fields:
            title = join_title(
                title,
                decode(fields[sub], rich=True) if sub in fields else "",
                decode(fields[addon], rich=True) if addon in fields else "",
            )
        return title

    def write(self, rule: Rule, name: str, value: str, ctx: WriteContext) -> str | None:
        if name not in self.parts:
            return super().write(rule, name, value, ctx)
        sub, addon = self.parts[name]
        extra = ctx.extra
        own = value
        if extra.get(sub) or extra.get(addon):
            found = split_title(
                value,
                decode(extra[sub], rich=True) if extra.get(sub) else "",
                decode(extra[addon], rich=True) if extra.get(addon) else "",
            )
            if found is None:
                ctx.lost(
                    f"the {sub} (the {rule.attr} no longer ends with it)", _CSL_NAME[rule.attr]
                )
            else:
                own = found
        return encode(own)


class Verbatim(Codec[str]):
    """A value never decoded nor encoded (``url``, ``doi``, and the fields kept in ``extra``).

    Written as it is unless its braces do not balance (or it would start a
    line with ``@`` or end in a lone backslash): then its braces and
    backslashes are escaped, with a warning.
    """

    __slots__ = ()

    def read(self, rule: Rule, name: str, text: str, ctx: ReadContext) -> str | None:
        return text.strip()

    def write(self, rule: Rule | None, name: str, value: str, ctx: WriteContext) -> str | None:
        if (
            braces_balanced(value)
            and not _LINE_AT.search(value)
            and (len(value) - len(value.rstrip("\\"))) % 2 == 0
        ):
            return value
        ctx.report.warning(
            "unbalanced-braces",
            f"field '{name}' has unbalanced braces; they were escaped",
            key=ctx.key,
            field=name,
        )
        return value.replace("\\", "\\textbackslash{}").replace("{", "\\{").replace("}", "\\}")


class Names(Codec[tuple[Name, ...]]):
    """A name list (``A and B and others``, :mod:`.names`); biblatex's extended name format
    only in the ``biblatex`` dialect."""

    __slots__ = ()

    def read(self, rule: Rule, name: str, text: str, ctx: ReadContext) -> tuple[Name, ...] | None:
        return parse_names(text, useprefix=ctx.useprefix)

    def write(
        self, rule: Rule, name: str, value: tuple[Name, ...], ctx: WriteContext
    ) -> str | None:
        if ctx.dialect == "biblatex":
            return format_names(value, useprefix=ctx.useprefix)
        return " and ".join(_classic_name(n, ctx.useprefix) for n in value)


def _classic_name(name: Name, useprefix: bool) -> str:
    """*name* in classic BibTeX's form (:func:`.names.format_name` without biblatex's extended
    format), a family name alone as ``{葛兆光},``: BibTeX's "Last, First" with no first name,
    which reads back as a family name (``{葛兆光}`` alone reads as a literal name)."""
    text = format_name(name, useprefix=useprefix, extended=False)
    if (
        name.family
        and name.given is None
        and name.literal is None
        and not (name.dropping_particle or name.non_dropping_particle or name.suffix)
        and parse_name(text, useprefix=useprefix) != name
    ):
        family = encode(name.family)
        return ("{{}" if family.startswith("\\") else "{") + family + "},"
    return text


# a hyphen between two runs that hold a digit; the runs are matched from their start only and
# atomically, so that a long run costs linear time (not cubic: 4,000 digits took 215 s)
_PAGE_RANGE = re.compile(
    r"(?<![^\s,;\-{}])((?>[^\s,;\-{}\d]*)\d(?>[^\s,;\-{}]*))-(?=(?>[^\s,;\-{}\d]*)\d)"
)


class Pages(Codec[str]):
    """Pages: a range's ``--`` (or ``---``) read as ``-`` and written as ``--`` between numbers."""

    __slots__ = ()

    def read(self, rule: Rule, name: str, text: str, ctx: ReadContext) -> str | None:
        return decode(re.sub(r"-{2,}", "-", text), rich=False)

    def write(self, rule: Rule, name: str, value: str, ctx: WriteContext) -> str | None:
        return _PAGE_RANGE.sub(r"\1--", encode(value))


def _date_text(value: str) -> str:
    """A date field's text: decoded, but ``~`` (EDTF's "approximately") kept."""
    return decode(value, rich=False).replace("\u00a0", "~").strip()


def _parse_date(value: str) -> Date | None:
    """A date field's value as a :class:`Date` (None if it is empty)."""
    text = _date_text(value)
    if not text:
        return None
    return parse_date(text)


def _date_out(d: Date) -> str:
    """A date as biblatex writes it: EDTF, or the literal text."""
    if not d.parts:
        return encode(d.literal or "")
    return format_edtf(d)


class Dates(Codec[Date]):
    """A date field (``urldate``, ``origdate``): EDTF as biblatex writes it, or free text.

    A value that is no date is kept as a literal date, with a warning.
    """

    __slots__ = ()

    def read(self, rule: Rule, name: str, text: str, ctx: ReadContext) -> Date | None:
        d = _parse_date(text)
        if d is not None and d.literal is not None and not d.parts:
            ctx.problem("bad-date", f"'{name}' is not a date (kept as text)", name)
        return _read_season(rule, d, ctx)

    def write(self, rule: Rule, name: str, value: Date, ctx: WriteContext) -> str | None:
        return _date_out(value)

    def write_fields(self, rule: Rule, value: Date, ctx: WriteContext) -> list[Out]:
        out = super().write_fields(rule, value, ctx)
        return out + _season_out(rule, value, out[0][1] if out else None, ctx)


def _season_field(rule: Rule) -> str:
    """The field that carries a date's season EDTF cannot hold: ``issued-season``."""
    return _CSL_NAME[rule.attr] + "-season"


def _with_season(d: Date, season: str) -> Date:
    """*d* with the season *season* (a number 1–4 or text): a numeric season's EDTF month
    (21–24, CSL's 13–16) on a year is taken off again, since the season holds it."""
    value = int(season) if season.isdigit() else season
    parts = d.parts
    if (
        isinstance(value, int)
        and len(parts) == 1
        and len(parts[0]) == 2
        and parts[0][1] in (20 + value, 12 + value)
    ):
        parts = ((parts[0][0],),)
    return Date(parts=parts, season=value, circa=d.circa, literal=d.literal)


def _read_season(rule: Rule, d: Date | None, ctx: ReadContext) -> Date | None:
    """*d* with the season its companion field (:func:`_season_field`) holds, if any."""
    name = _season_field(rule)
    if d is None or name not in ctx.fields:
        return d
    season = decode(ctx.fields[name], rich=False).strip()
    if not season:
        return d
    ctx.consumed.add(name)
    return _with_season(d, season)


def _season_out(rule: Rule, d: Date, written: str | None, ctx: WriteContext) -> list[Out]:
    """The companion field of a date whose season EDTF does not keep as it is (a season
    on a year is written as EDTF's month 21–24, which reads back as a month; a season
    that is text is left out of EDTF): ``issued-season = {4}``, read back by
    :func:`_read_season`.  Nothing if the date needs none or the field is taken."""
    name = _season_field(rule)
    if d.season is None or written is None or name in ctx.extra:
        return []
    back = _parse_date(written)
    if back is None or back == d or _with_season(back, str(d.season)) != d:
        return []
    return [(name, encode(str(d.season)), False)]


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


def _simple(d: Date) -> bool:
    """True if BibTeX's ``year``/``month``/``day`` can hold *d* exactly."""
    if d.literal is not None or d.circa or d.season is not None or len(d.parts) != 1:
        return False
    part = d.parts[0]
    return 0 <= part[0] <= 9999 and (len(part) < 2 or 1 <= part[1] <= 12)


class Issued(Codec[Date]):
    """``issued``: biblatex's ``date``, or BibTeX's ``year``, ``month`` and ``day``.

    Reading ``date``, the ``year``/``month``/``day`` fields that agree with it
    are used up and those that disagree stay in ``extra``; reading ``year``
    (the rule's fallback), a month that is no month stays in ``extra`` with a
    warning, and a year that is no number (``1865（清同治四年）``, ``in press``)
    is kept as text.  Writing, the ``bibtex`` dialect uses ``year``,
    ``month = jan`` and ``day`` where they hold the date exactly, ``biblatex``
    the EDTF ``date``; fields already in ``extra`` are never written over.
    """

    __slots__ = ()

    def read(self, rule: Rule, name: str, text: str, ctx: ReadContext) -> Date | None:
        d = self._read(name, text, ctx)
        if d is not None and d.literal and not d.parts and looks_numeric(d.literal):
            ctx.problem("bad-date", f"'{name}': no such date {d.literal!r} (kept as text)", name)
        return _read_season(rule, d, ctx)

    def _read(self, name: str, text: str, ctx: ReadContext) -> Date | None:
        fields = ctx.fields
        consumed = ctx.consumed
        if name == "date":
            d = _parse_date(text)
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
        ytext = _date_text(text)
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
            else:
                ctx.problem(
                    "bad-date", f"month '{fields['month']}' is not a month (kept in extra)", "month"
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

    def write(self, rule: Rule, name: str, value: Date, ctx: WriteContext) -> str | None:
        return _date_out(value)

    def write_fields(self, rule: Rule, value: Date, ctx: WriteContext) -> list[Out]:
        d = value
        dialect = ctx.dialect
        extra = ctx.extra
        taken = {k for k in ("year", "month", "day", "date") if k in extra}
        if dialect == "bibtex" and _simple(d) and not taken:
            return _year_month_day(d.parts[0], bare=True)
        if dialect == "bibtex" and not d.parts and d.literal and not taken:
            year = encode(d.literal)
            return [("year", year, False), *_season_out(rule, d, year, ctx)]
        if "date" in extra:
            if _simple(d) and not (taken - {"date"}):
                return _year_month_day(d.parts[0], bare=False)
            return []
        text = self.write(rule, "date", d, ctx) or ""
        out = [("date", text, False)]
        if dialect == "bibtex" and d.parts and "year" not in extra:
            out.append(("year", str(d.parts[0][0]), False))
        return out + _season_out(rule, d, text, ctx)


def _year_month_day(part: tuple[int, ...], *, bare: bool) -> list[Out]:
    """``year``, ``month = jan`` and ``day`` of one date; the month macro always bare, the
    numbers bare only with *bare*."""
    out: list[Out] = [("year", str(part[0]), bare)]
    if len(part) >= 2:
        out.append(("month", MONTH_NAMES[part[1] - 1][:3].lower(), True))
        if len(part) == 3:
            out.append(("day", str(part[2]), bare))
    return out


_TAG_LIKE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
# babel language names, in the order the writer tries them for langid
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


class Language(Codec[str]):
    """A language as a BCP 47 tag: ``langid = {ngerman}`` reads as ``de-DE``; a tag stays a tag.

    ``langid`` is written as the babel name that reads back as the same tag
    (pandoc reads only ``langid``, gbt7714.bst knows only babel names), other
    fields as the tag.
    """

    __slots__ = ()

    def read(self, rule: Rule, name: str, text: str, ctx: ReadContext) -> str | None:
        value = decode(text, rich=False).strip()
        if not value:
            return None
        if _TAG_LIKE.match(value) or (name == "language" and _one_group(text)):
            return value
        return normalize_language(value) or value

    def write(self, rule: Rule, name: str, value: str, ctx: WriteContext) -> str | None:
        if name == "langid":
            for babel in _BABEL:
                if normalize_language(babel) == value:
                    return babel
        return encode(value)

    def write_fields(self, rule: Rule, value: str, ctx: WriteContext) -> list[Out]:
        """A language that is neither a tag nor reads back as one from its name
        (``English``, ``FR``) goes in ``language`` as one braced group, which reads back
        as it is (biblatex prints ``language`` as text)."""
        name = ctx.pick(rule)
        text = self.write(rule, name, value, ctx) if name else None
        if name is None or text is None or _reads_as(text) == value:
            return super().write_fields(rule, value, ctx)
        if any(f in ctx.extra for f in rule.read):
            ctx.lost(rule.attr, _CSL_NAME[rule.attr])
            return []
        return [("language", "{" + encode(value) + "}", False)]


def _one_group(text: str) -> bool:
    """True if *text* is one ``{…}`` group (the value as written, braces kept)."""
    text = text.strip()
    return text.startswith("{") and match_brace(text, 0) == len(text) - 1


def _reads_as(text: str) -> str:
    """What a ``langid`` of *text* reads back as."""
    value = decode(text, rich=False).strip()
    return value if _TAG_LIKE.match(value) else normalize_language(value) or value


class Keyed(Codec[str]):
    """Text that may be one of biblatex's localisation keys (``newseries``, ``inpress``).

    Reading, a key (*keys*, folded to lower case) becomes its English text,
    anything else is decoded (``rich``: with nocase spans); *match_decoded*
    looks the key up in the decoded value (``{phdthesis}`` is a key) rather
    than in the value as written.  Writing, a text that has a key is written
    as the key in the ``biblatex`` dialect (also in ``bibtex`` with
    *keys_in_bibtex*), anything else encoded.
    """

    __slots__ = ("keys", "keys_out", "rich", "match_decoded", "keys_in_bibtex")

    def __init__(
        self,
        keys: Mapping[str, str],
        *,
        rich: bool = False,
        match_decoded: bool = False,
        keys_in_bibtex: bool = False,
    ) -> None:
        self.keys = keys
        self.keys_out = {v: k for k, v in keys.items()}
        self.rich = rich
        self.match_decoded = match_decoded
        self.keys_in_bibtex = keys_in_bibtex

    def read(self, rule: Rule, name: str, text: str, ctx: ReadContext) -> str | None:
        decoded = decode(text, rich=self.rich)
        key = decoded if self.match_decoded else text
        return self.keys.get(key.strip().lower()) or decoded

    def write(self, rule: Rule, name: str, value: str, ctx: WriteContext) -> str | None:
        if (self.keys_in_bibtex or ctx.dialect == "biblatex") and value in self.keys_out:
            return self.keys_out[value]
        return encode(value)


class Genre(Keyed):
    """A genre (``type``): biblatex's keys (``mathesis``), and not written where the entry type
    already says it (:func:`._special.default_genre`: ``PhD thesis`` in a ``@phdthesis``)."""

    __slots__ = ("defaults",)

    def __init__(self, keys: Mapping[str, str], defaults: Mapping[str, str]) -> None:
        super().__init__(keys, match_decoded=True)
        self.defaults = defaults

    def write(self, rule: Rule, name: str, value: str, ctx: WriteContext) -> str | None:
        if self.defaults.get(ctx.bibtype) == value:
            return None
        return super().write(rule, name, value, ctx)


class Places(Text):
    """A place: biblatex's ``location`` is a list (``Durham and London`` reads as
    ``Durham; London`` and is written back so); ``address`` and the others are text."""

    __slots__ = ()

    def read(self, rule: Rule, name: str, text: str, ctx: ReadContext) -> str | None:
        if name == "location":
            return "; ".join(decode(p, rich=False) for p in split_name_list(text))
        return decode(text, rich=False)

    def write(self, rule: Rule, name: str, value: str, ctx: WriteContext) -> str | None:
        if name == "location":
            return " and ".join(_AND_WORD.sub(r"{\g<0>}", encode(p)) for p in value.split("; "))
        return super().write(rule, name, value, ctx)
