"""The record model: immutable attrs records named after CSL variables.

A :class:`Work` holds one bibliographic item.  Its fields are the CSL
variables in snake_case (``container-title`` → ``container_title``,
``DOI`` → ``doi``); names are tuples of :class:`Name`, dates are
:class:`Date` values, every other variable is a string.  Whatever no field
holds is kept in ``extra`` (ordered key/value pairs), so nothing read is lost.

Rich text inside string values uses the citeproc-js convention (the one CSL-JSON
uses): ``<i>``, ``<b>``, ``<sup>``, ``<sub>``,
``<span style="font-variant:small-caps;">`` and ``<span class="nocase">`` for
case-protected text.  Every other character is literal text.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Literal, cast

import attrs

from .errors import Problem

__all__ = [
    "CSL_TYPES",
    "DATE_FIELDS",
    "FIELDS",
    "NAME_FIELDS",
    "SUBTYPES",
    "Date",
    "Field",
    "Library",
    "Name",
    "Origin",
    "Work",
    "Written",
    "field_for_csl",
    "new_work",
]

CSL_TYPES: frozenset[str] = frozenset(
    [
        "article",
        "article-journal",
        "article-magazine",
        "article-newspaper",
        "bill",
        "book",
        "broadcast",
        "chapter",
        "classic",
        "collection",
        "dataset",
        "document",
        "entry",
        "entry-dictionary",
        "entry-encyclopedia",
        "event",
        "figure",
        "graphic",
        "hearing",
        "interview",
        "legal_case",
        "legislation",
        "manuscript",
        "map",
        "motion_picture",
        "musical_score",
        "pamphlet",
        "paper-conference",
        "patent",
        "performance",
        "periodical",
        "personal_communication",
        "post",
        "post-weblog",
        "regulation",
        "report",
        "review",
        "review-book",
        "software",
        "song",
        "speech",
        "standard",
        "thesis",
        "treaty",
        "webpage",
    ]
)


#: Values of :attr:`Work.subtype` and the CSL type each refines: kinds of work CSL files
#: under a broader type (a whole conference proceedings is a CSL ``book``).
SUBTYPES: dict[str, str] = {"proceedings": "book"}


# ---------------------------------------------------------------------------
# Names


def _is_cjk(text: str | None) -> bool:
    from .language import has_cjk  # language builds on the model

    return has_cjk(text)


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if text else None


@attrs.frozen(cache_hash=True)
class Name:
    """A person's or an institution's name, in CSL's name parts.

    ``孙柏瑛`` is ``Name(family="孙", given="柏瑛")``; ``K. Q. Ren`` is
    ``Name(family="Ren", given="K. Q.")``; ``Ludwig van Beethoven`` is
    ``Name(family="Beethoven", given="Ludwig", dropping_particle="van")``.
    Institutions and names that must not be split use ``literal`` alone.
    """

    family: str | None = attrs.field(default=None, converter=_opt_str)
    given: str | None = attrs.field(default=None, converter=_opt_str)
    dropping_particle: str | None = attrs.field(default=None, converter=_opt_str)
    non_dropping_particle: str | None = attrs.field(default=None, converter=_opt_str)
    suffix: str | None = attrs.field(default=None, converter=_opt_str)
    literal: str | None = attrs.field(default=None, converter=_opt_str)
    comma_suffix: bool = attrs.field(default=False, converter=bool)
    static_ordering: bool = attrs.field(default=False, converter=bool)

    @property
    def is_literal(self) -> bool:
        """True for an institution or an unsplit name."""
        return self.literal is not None

    def __str__(self) -> str:
        if self.literal is not None:
            return self.literal
        if _is_cjk(self.family) or _is_cjk(self.given):
            return (self.family or "") + (self.given or "")
        parts = [
            self.given,
            self.dropping_particle,
            self.non_dropping_particle,
            self.family,
        ]
        text = " ".join(p for p in parts if p)
        if self.suffix:
            text += (", " if self.comma_suffix else " ") + self.suffix
        return text


def _names(value: Iterable[Name] | None) -> tuple[Name, ...]:
    if value is None:
        return ()
    names = tuple(value)
    for n in names:
        if not isinstance(n, Name):
            raise TypeError(f"expected Name, got {type(n).__name__}: {n!r}")
    return names


# ---------------------------------------------------------------------------
# Dates

DatePart = tuple[int, ...]


def _date_parts(value: Iterable[Iterable[int]] | None) -> tuple[DatePart, ...]:
    if value is None:
        return ()
    parts = tuple(tuple(int(x) for x in p) for p in value)
    if len(parts) > 2:
        raise ValueError(f"a date has a start and at most an end, got {len(parts)} parts")
    for p in parts:
        if not 1 <= len(p) <= 3:
            raise ValueError(f"a date part is (year[, month[, day]]), got {p!r}")
    return parts


def _season(value: Any) -> int | str | None:
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value)
    return int(text) if text.isdigit() else text


@attrs.frozen
class Date:
    """A CSL date: one date or a range, possibly approximate, seasonal or literal.

    ``parts`` holds the start and, for a range, the end, each as
    ``(year[, month[, day]])``; months 13–16 and 21–24 are seasons as in CSL.
    A date that cannot be parsed keeps its text in ``literal`` (and no parts).
    """

    parts: tuple[DatePart, ...] = attrs.field(default=(), converter=_date_parts)
    season: int | str | None = attrs.field(default=None, converter=_season)
    circa: bool = attrs.field(default=False, converter=bool)
    literal: str | None = attrs.field(default=None, converter=_opt_str)

    @classmethod
    def of(cls, year: int, month: int | None = None, day: int | None = None) -> Date:
        """A single date from its year, month and day."""
        part: list[int] = [year]
        if month is not None:
            part.append(month)
            if day is not None:
                part.append(day)
        return cls(parts=(tuple(part),))

    @property
    def year(self) -> int | None:
        """The (start) year, or None for a literal date."""
        return self.parts[0][0] if self.parts else None

    @property
    def is_range(self) -> bool:
        return len(self.parts) == 2

    def __str__(self) -> str:
        if self.literal is not None and not self.parts:
            return self.literal
        text = "/".join(
            "-".join(f"{v:02d}" if i else str(v) for i, v in enumerate(p)) for p in self.parts
        )
        return text + ("~" if self.circa else "")


# ---------------------------------------------------------------------------
# Works: each field declares its CSL name and kind once; the table is derived

Kind = Literal["name", "date", "text", "list"]


@attrs.frozen
class Field:
    """One variable of the model: its attribute name, its CSL name and its kind."""

    attr: str
    csl: str
    kind: Kind
    in_schema: bool = True  # False: a CSL 1.0.2 style variable that csl-data.json lacks


def _meta(csl: str, kind: Kind, in_schema: bool) -> dict[str, Any]:
    return {"csl": csl, "kind": kind, "in_schema": in_schema}


def _name(csl: str, in_schema: bool = True) -> Any:
    return attrs.field(default=(), converter=_NAMES, metadata=_meta(csl, "name", in_schema))


def _date(csl: str, in_schema: bool = True) -> Any:
    return attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(Date)),
        metadata=_meta(csl, "date", in_schema),
    )


def _text(csl: str, in_schema: bool = True) -> Any:
    return attrs.field(default=None, converter=_OPT_STR, metadata=_meta(csl, "text", in_schema))


def _list(csl: str, in_schema: bool = True) -> Any:
    return attrs.field(default=(), converter=_STRINGS, metadata=_meta(csl, "list", in_schema))


def _extra(
    value: Mapping[str, str] | Iterable[tuple[str, str]] | None,
) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    items = value.items() if isinstance(value, Mapping) else value
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for k, v in items:
        key = str(k)
        if key in seen:
            raise ValueError(f"extra has the key {key!r} twice")
        seen.add(key)
        out.append((key, str(v)))
    return tuple(out)


def _strings(value: Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        raise TypeError("categories takes a sequence of strings, not one string")
    return tuple(str(v) for v in value)


def _check_type(instance: Any, attribute: Any, value: str) -> None:
    if value not in CSL_TYPES:
        raise ValueError(f"unknown CSL item type {value!r}")


def _check_subtype(instance: Any, attribute: Any, value: str | None) -> None:
    if value is not None and SUBTYPES.get(value) != instance.type:
        raise ValueError(
            f"subtype {value!r} is not a kind of {instance.type!r}"
            f" (known: {', '.join(f'{k} of {v}' for k, v in SUBTYPES.items())})"
        )


# One converter object per function, shared by the fields of Work that convert with it:
# attrs reads a converter's signature once per Converter object (with one per field, a
# tenth of the model's import time).  (Typed through _name, _text and _list: mypy's attrs
# plugin takes plain functions only.)
_OPT_STR = attrs.Converter(_opt_str)
_NAMES = attrs.Converter(_names)
_STRINGS = attrs.Converter(_strings)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Work:
    """One bibliographic work.

    ``id`` is the citation key and ``type`` a CSL item type; every CSL variable
    is a keyword argument in snake_case (``container_title``, ``doi``,
    ``issued``).  Name fields take sequences of :class:`Name`, date fields a
    :class:`Date`, the rest strings.  ``extra`` keeps, in order, what no field
    holds (``gtid``, ``subject``, a BibTeX field CSL has no variable for).
    """

    id: str = attrs.field(converter=str)
    type: str = attrs.field(default="document", validator=_check_type)

    # name variables
    author: tuple[Name, ...] = _name("author")
    chair: tuple[Name, ...] = _name("chair")
    collection_editor: tuple[Name, ...] = _name("collection-editor")
    compiler: tuple[Name, ...] = _name("compiler")
    composer: tuple[Name, ...] = _name("composer")
    container_author: tuple[Name, ...] = _name("container-author")
    contributor: tuple[Name, ...] = _name("contributor")
    curator: tuple[Name, ...] = _name("curator")
    director: tuple[Name, ...] = _name("director")
    editor: tuple[Name, ...] = _name("editor")
    editorial_director: tuple[Name, ...] = _name("editorial-director")
    executive_producer: tuple[Name, ...] = _name("executive-producer")
    guest: tuple[Name, ...] = _name("guest")
    host: tuple[Name, ...] = _name("host")
    interviewer: tuple[Name, ...] = _name("interviewer")
    illustrator: tuple[Name, ...] = _name("illustrator")
    narrator: tuple[Name, ...] = _name("narrator")
    organizer: tuple[Name, ...] = _name("organizer")
    original_author: tuple[Name, ...] = _name("original-author")
    performer: tuple[Name, ...] = _name("performer")
    producer: tuple[Name, ...] = _name("producer")
    recipient: tuple[Name, ...] = _name("recipient")
    reviewed_author: tuple[Name, ...] = _name("reviewed-author")
    script_writer: tuple[Name, ...] = _name("script-writer")
    series_creator: tuple[Name, ...] = _name("series-creator")
    translator: tuple[Name, ...] = _name("translator")
    editor_translator: tuple[Name, ...] = _name("editor-translator", in_schema=False)
    #: citelib's own: a patent's holder (biblatex ``holder``, GB/T 7714's 专利申请者或所有者)
    holder: tuple[Name, ...] = _name("holder", in_schema=False)

    # date variables
    accessed: Date | None = _date("accessed")
    available_date: Date | None = _date("available-date")
    event_date: Date | None = _date("event-date")
    issued: Date | None = _date("issued")
    original_date: Date | None = _date("original-date")
    submitted: Date | None = _date("submitted")

    # text and number variables
    abstract: str | None = _text("abstract")
    annote: str | None = _text("annote")
    archive: str | None = _text("archive")
    archive_collection: str | None = _text("archive_collection")
    archive_location: str | None = _text("archive_location")
    archive_place: str | None = _text("archive-place")
    authority: str | None = _text("authority")
    call_number: str | None = _text("call-number")
    chapter_number: str | None = _text("chapter-number")
    citation_label: str | None = _text("citation-label")
    citation_number: str | None = _text("citation-number")
    collection_number: str | None = _text("collection-number")
    collection_title: str | None = _text("collection-title")
    container_title: str | None = _text("container-title")
    container_title_short: str | None = _text("container-title-short")
    dimensions: str | None = _text("dimensions")
    division: str | None = _text("division")
    doi: str | None = _text("DOI")
    edition: str | None = _text("edition")
    event_place: str | None = _text("event-place")
    event_title: str | None = _text("event-title")
    first_reference_note_number: str | None = _text("first-reference-note-number")
    genre: str | None = _text("genre")
    isbn: str | None = _text("ISBN")
    issn: str | None = _text("ISSN")
    issue: str | None = _text("issue")
    jurisdiction: str | None = _text("jurisdiction")
    keyword: str | None = _text("keyword")
    language: str | None = _text("language")
    locator: str | None = _text("locator")
    medium: str | None = _text("medium")
    note: str | None = _text("note")
    number: str | None = _text("number")
    number_of_pages: str | None = _text("number-of-pages")
    number_of_volumes: str | None = _text("number-of-volumes")
    original_publisher: str | None = _text("original-publisher")
    original_publisher_place: str | None = _text("original-publisher-place")
    original_title: str | None = _text("original-title")
    page: str | None = _text("page")
    page_first: str | None = _text("page-first")
    part: str | None = _text("part")
    part_title: str | None = _text("part-title")
    pmcid: str | None = _text("PMCID")
    pmid: str | None = _text("PMID")
    printing: str | None = _text("printing")
    publisher: str | None = _text("publisher")
    publisher_place: str | None = _text("publisher-place")
    references: str | None = _text("references")
    reviewed_genre: str | None = _text("reviewed-genre")
    reviewed_title: str | None = _text("reviewed-title")
    scale: str | None = _text("scale")
    section: str | None = _text("section")
    source: str | None = _text("source")
    status: str | None = _text("status")
    supplement: str | None = _text("supplement")
    title: str | None = _text("title")
    title_short: str | None = _text("title-short")
    url: str | None = _text("URL")
    version: str | None = _text("version")
    volume: str | None = _text("volume")
    volume_title: str | None = _text("volume-title")
    volume_title_short: str | None = _text("volume-title-short")
    year_suffix: str | None = _text("year-suffix")
    license: str | None = _text("license", in_schema=False)
    part_number: str | None = _text("part-number", in_schema=False)
    printing_number: str | None = _text("printing-number", in_schema=False)
    supplement_number: str | None = _text("supplement-number", in_schema=False)
    #: citelib's own: a China Science and Technology Resource identifier (GB/T 7714-2025
    #: 7.9; the zotero-chinese GB/T 2025 styles print the variable CSTR)
    cstr: str | None = _text("CSTR", in_schema=False)
    #: citelib's own: the kind of work within ``type`` where CSL has no type for it
    #: (:data:`SUBTYPES`; ``proceedings``: a whole conference proceedings, a CSL book)
    subtype: str | None = attrs.field(
        default=None,
        converter=_opt_str,
        validator=_check_subtype,
        metadata=_meta("subtype", "text", False),
    )

    # list variables
    categories: tuple[str, ...] = _list("categories")

    #: what no field holds, as ordered (key, value) pairs
    extra: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_extra)

    def get(self, csl_name: str) -> Any:
        """The value of a CSL variable by its CSL name (``container-title``), or of an extra key."""
        f = _BY_CSL.get(csl_name)
        if f is not None:
            return getattr(self, f.attr)
        return self.extra_dict.get(csl_name)

    @property
    def extra_dict(self) -> dict[str, str]:
        """``extra`` as a dict."""
        return dict(self.extra)

    def fields(self) -> dict[str, Any]:
        """The variables that are set, by attribute name, in table order."""
        out: dict[str, Any] = {}
        for f in FIELDS:
            v = getattr(self, f.attr)
            if v is not None and v != ():
                out[f.attr] = v
        return out

    def evolve(self, **changes: Any) -> Work:
        """A copy with some fields changed.

        Only the changed fields are converted and validated (``attrs.evolve`` runs every
        field's converter again: 40 µs a work, the largest cost of assigning keys to a
        large import); the validator of ``subtype`` runs when ``type`` changes too.
        """
        if not changes:
            return self
        new = _copy_work(self)
        checked: list[attrs.Attribute[Any]] = []
        for name, value in changes.items():
            plan = _PLANS.get(name)
            if plan is None:
                raise TypeError(f"Work has no field {name!r}")
            setter, converter, str_kept, attribute = plan
            # a non-empty str is what a str field's converter would return: skip it
            if converter is not None and not (str_kept and type(value) is str and value):
                value = converter(value)
            setter(new, value)
            if attribute is not None:
                checked.append(attribute)
        if "type" in changes and "subtype" not in changes:
            checked.append(_WORK_ATTRS["subtype"])
        for attribute in checked:
            attribute.validator(new, attribute, getattr(new, attribute.name))  # type: ignore[misc]
        return new

    # Equality and hashing over every field, as attrs would write them (``eq=False`` above):
    # one C-level getter of all ~100 fields instead of ~200 lines of generated code that
    # Python compiles at every start (a fifth of the model's import time).
    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _all_fields(self) == _all_fields(other)

    def __hash__(self) -> int:
        return hash((Work, *_all_fields(self)))

    def __repr__(self) -> str:
        inner = "".join(f", {k}={v!r}" for k, v in self.fields().items())
        extra = f", extra={self.extra!r}" if self.extra else ""
        return f"Work(id={self.id!r}, type={self.type!r}{inner}{extra})"


def _plain(converter: Any) -> Callable[[Any], Any] | None:
    """The function an attribute's converter calls (attrs wraps shared ones in a Converter)."""
    return cast("Callable[[Any], Any] | None", getattr(converter, "converter", converter))


_WORK_ATTRS: dict[str, attrs.Attribute[Any]] = {a.name: a for a in attrs.fields(Work)}
_all_fields = operator.attrgetter(*_WORK_ATTRS)
# Each slot's own setter (its member descriptor's __set__): twice as fast as
# object.__setattr__, which looks the attribute up on the class every time.
_SETTERS: dict[str, Callable[[Work, Any], None]] = {
    name: Work.__dict__[name].__set__ for name in _WORK_ATTRS
}
#: how evolve sets each field: (setter, converter, whether the converter returns a
#: non-empty str unchanged, the attribute if it has a validator)
_PLANS: dict[
    str,
    tuple[
        Callable[[Work, Any], None],
        Callable[[Any], Any] | None,
        bool,
        attrs.Attribute[Any] | None,
    ],
] = {
    name: (
        _SETTERS[name],
        converter,
        converter is str or converter is _opt_str,
        a if a.validator is not None else None,
    )
    for name, a in _WORK_ATTRS.items()
    for converter in [_plain(a.converter)]
}


def _copier() -> Callable[[Work], Work]:
    """A function that copies a Work slot by slot (straight-line code, as attrs writes its own)."""
    lines = ["def copy_work(work):", "    new = _new(_Work)"]
    lines += [f"    _set_{name}(new, work.{name})" for name in _WORK_ATTRS]
    lines.append("    return new")
    namespace: dict[str, Any] = {"_new": object.__new__, "_Work": Work}
    namespace.update({f"_set_{name}": setter for name, setter in _SETTERS.items()})
    exec("\n".join(lines), namespace)  # noqa: S102 - code built from the field names above
    copy_work: Callable[[Work], Work] = namespace["copy_work"]
    return copy_work


_copy_work = _copier()


def new_work(**fields: Any) -> Work:
    """``Work(**fields)``, converting and validating only the fields given.

    For readers making many works of a few fields each: the constructor runs all ~100
    converters, defaults included (24 µs a work); this copies a blank work and sets what
    is given (the defaults are valid by construction), with the same result.
    """
    return _BLANK.evolve(**fields)


_BLANK = Work(id="")


FIELDS: tuple[Field, ...] = tuple(
    Field(a.name, a.metadata["csl"], a.metadata["kind"], a.metadata["in_schema"])
    for a in attrs.fields(Work)
    if "csl" in a.metadata
)
"""Every CSL variable the model holds, in declaration order (names, dates, text, lists)."""

_BY_CSL: dict[str, Field] = {f.csl: f for f in FIELDS}
NAME_FIELDS: tuple[str, ...] = tuple(f.attr for f in FIELDS if f.kind == "name")
DATE_FIELDS: tuple[str, ...] = tuple(f.attr for f in FIELDS if f.kind == "date")


def field_for_csl(csl_name: str) -> Field | None:
    """The field that holds the CSL variable *csl_name* (exact CSL spelling), if any."""
    return _BY_CSL.get(csl_name)


# ---------------------------------------------------------------------------
# Libraries: works and the problems met reading them


def _work_tuple(value: Iterable[Work]) -> tuple[Work, ...]:
    return tuple(value)


def _problem_tuple(value: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(value)


@attrs.frozen
class Origin:
    """Where a work was read: its file and first line, and whether its key was made up.

    ``key_made`` is true when the source gave no key and the reader made one
    (:func:`citelib.keys.assign_keys`); such a key may be changed to keep keys unique
    across the files of a library, a key the user wrote never is.
    """

    file: str | None = None
    line: int | None = None
    key_made: bool = False


_NOWHERE = Origin()


def _origin_tuple(value: Iterable[Origin]) -> tuple[Origin, ...]:
    return tuple(value)


@attrs.frozen
class Library:
    """Works read from one or more sources, with every problem met on the way.

    ``origins``, when the reader gives them, is aligned with ``works``: where each
    was read (:class:`Origin`); it is empty when no reader said.
    """

    works: tuple[Work, ...] = attrs.field(default=(), converter=_work_tuple)
    problems: tuple[Problem, ...] = attrs.field(default=(), converter=_problem_tuple)
    origins: tuple[Origin, ...] = attrs.field(default=(), converter=_origin_tuple)

    @origins.validator
    def _aligned(self, attribute: object, value: tuple[Origin, ...]) -> None:
        if value and len(value) != len(self.works):
            raise ValueError(f"{len(value)} origins for {len(self.works)} works")

    def origin(self, index: int) -> Origin:
        """Where the *index*-th work was read (an empty :class:`Origin` if unknown)."""
        return self.origins[index] if self.origins else _NOWHERE

    def where(self) -> dict[str, tuple[str | None, int | None]]:
        """``{key: (file, line)}`` for the works whose origin is known (the first of a key)."""
        found: dict[str, tuple[str | None, int | None]] = {}
        for work, origin in zip(self.works, self.origins, strict=False):
            if origin.file is not None or origin.line is not None:
                found.setdefault(work.id, (origin.file, origin.line))
        return found

    def __iter__(self) -> Iterator[Work]:
        return iter(self.works)

    def __len__(self) -> int:
        return len(self.works)

    def __getitem__(self, key: str) -> Work:
        for w in self.works:
            if w.id == key:
                return w
        raise KeyError(key)

    def keys(self) -> list[str]:
        return [w.id for w in self.works]

    def __add__(self, other: Library) -> Library:
        origins: tuple[Origin, ...] = ()
        if self.origins or other.origins:
            origins = (self.origins or (_NOWHERE,) * len(self.works)) + (
                other.origins or (_NOWHERE,) * len(other.works)
            )
        return Library(self.works + other.works, self.problems + other.problems, origins)


@attrs.frozen
class Written:
    """Works written as text in a format, with what the format could not carry.

    The writing twin of :class:`Library`: ``text`` is the output, ``problems``
    every field left out or changed on the way (warnings).
    """

    text: str
    problems: tuple[Problem, ...] = attrs.field(default=(), converter=_problem_tuple)

    def __str__(self) -> str:
        return self.text
