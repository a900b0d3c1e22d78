"""CSL-JSON, both ways: what Zotero, Better BibTeX, pandoc and citeproc-js read and write.

Reading takes the CSL 1.0 array (or a single item, or CSL 1.1's
``{"references": [...]}``) and is forgiving in the ways real exports need:
date-parts as strings, ``raw``, ``literal`` and bare EDTF string dates,
``citation-key`` (which becomes the id; a differing original ``id`` is kept in
``extra`` as ``csl-id``), the legacy ``shortTitle``/``journalAbbreviation`` and
``event``, numbers for text variables, Zotero's ``note`` lines ``key: value``
(the "cheater syntax": leading lines naming a CSL variable or a Zotero field,
names as ``author: Family || Given``), and ``custom``.  Keys no field holds
are kept in ``extra``.

Writing produces CSL-JSON that validates against the CSL 1.0 schema
(``csl-data.json``): ids and text as strings, dates as ``date-parts`` (or
``literal``), ``circa`` as a boolean.  What the schema has no key for (the CSL
1.0.2 variables ``license``, ``part-number``, ``printing-number``,
``supplement-number``, ``editor-translator``, and ``extra``) goes into
``custom`` and is read back from it, so the format is lossless.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, Literal, NamedTuple

import attrs

from .._regex import LazyPattern
from ..dates import date_from_csl, date_in_text, date_to_csl, looks_numeric
from ..errors import CitelibError, ParseError, Report
from ..keys import duplicate_keys
from ..model import (
    CSL_TYPES,
    FIELDS,
    SUBTYPES,
    Date,
    Field,
    Library,
    Name,
    Work,
    Written,
    field_for_csl,
    new_work,
)

__all__ = [
    "ITEM_KEYS",
    "name_from_csl",
    "name_to_csl",
    "read",
    "read_items",
    "sniff",
    "work_from_csl",
    "work_to_csl",
    "write",
]

# --------------------------------------------------------------------------- tables

_NAME_KEYS: dict[str, str] = {
    "family": "family",
    "given": "given",
    "dropping-particle": "dropping_particle",
    "non-dropping-particle": "non_dropping_particle",
    "suffix": "suffix",
    "literal": "literal",
}
_NAME_FLAGS: dict[str, str] = {"comma-suffix": "comma_suffix", "static-ordering": "static_ordering"}

# legacy citeproc-js keys and the variables they stand for
_LEGACY: dict[str, str] = {
    "shortTitle": "title-short",
    "journalAbbreviation": "container-title-short",
    "event": "event-title",
}

#: Every key of an item the reader reads as something other than ``extra``.
ITEM_KEYS: frozenset[str] = frozenset(
    {f.csl for f in FIELDS} | set(_LEGACY) | {"id", "type", "citation-key", "custom"}
)

_CUSTOM_EXTRA = "extra"  # custom["extra"]: the work's extra pairs, in order
_VERBATIM_NOTE = "verbatim-note"  # custom flag: the note's leading lines are no variables

# Zotero's field labels as people type them in Extra, normalised (lower case,
# spaces as hyphens), mapped to CSL variables
_ZOTERO_LABELS: dict[str, str] = {
    "place": "publisher-place",
    "date": "issued",
    "access-date": "accessed",
    "accessed": "accessed",
    "pages": "page",
    "series": "collection-title",
    "series-number": "collection-number",
    "publication-title": "container-title",
    "journal-abbr": "container-title-short",
    "short-title": "title-short",
    "num-pages": "number-of-pages",
    "abstract-note": "abstract",
    "rights": "license",
    "loc.-in-archive": "archive_location",
    "archive-location": "archive_location",
    "archive-collection": "archive_collection",
    "running-time": "dimensions",
    "conference-name": "event-title",
    "university": "publisher",
    "institution": "publisher",
}

_NOTE_KEYS: dict[str, str] = {f.csl.lower(): f.csl for f in FIELDS if f.kind != "list"}
_NOTE_KEYS.update({k.replace("_", "-"): v for k, v in list(_NOTE_KEYS.items())})
_NOTE_KEYS.update(_ZOTERO_LABELS)
_NOTE_KEYS["type"] = "type"

_NOTE_LINE = LazyPattern(r"^\s*([A-Za-z][A-Za-z0-9 ._-]*?)\s*:\s*(.*?)\s*$")
# a key in the form citeproc-js reads as a variable: lower case with - and _, or all capitals
_CSL_KEY = LazyPattern(r"[-_a-z]+|[A-Z]+")
_INLINE_FIELD = LazyPattern(r"\{:([-_a-zA-Z]+):([^}]*)\}")
_INLINE_FIELDS = LazyPattern(r"\s*(?:\{:[-_a-zA-Z]+:[^}]*\}\s*)+")

_FIELD_BY_CSL: dict[str, Field] = {f.csl: f for f in FIELDS}  # field_for_csl, without a call
_SCHEMA_FIELDS: tuple[Field, ...] = tuple(f for f in FIELDS if f.in_schema)
_CUSTOM_FIELDS: tuple[Field, ...] = tuple(f for f in FIELDS if not f.in_schema)
_CUSTOM_BY_CSL: dict[str, Field] = {f.csl: f for f in _CUSTOM_FIELDS}


_TYPE_SEPARATORS = str.maketrans("", "", "-_ ")


def _norm_type(text: str) -> str:
    return text.translate(_TYPE_SEPARATORS).lower()


_TYPES_LOOSE: dict[str, str] = {_norm_type(t): t for t in CSL_TYPES}
# Zotero item types that leak into CSL-JSON from other tools and Extra lines
_TYPES_LOOSE.update(
    {
        _norm_type(k): v
        for k, v in {
            "journalArticle": "article-journal",
            "magazineArticle": "article-magazine",
            "newspaperArticle": "article-newspaper",
            "bookSection": "chapter",
            "conferencePaper": "paper-conference",
            "preprint": "article",
            "videoRecording": "motion_picture",
            "video": "motion_picture",
            "film": "motion_picture",
            "computerProgram": "software",
            "blogPost": "post-weblog",
            "forumPost": "post",
            "case": "legal_case",
            "statute": "legislation",
            "presentation": "speech",
            "letter": "personal_communication",
            "email": "personal_communication",
            "podcast": "song",
            "audioRecording": "song",
            "radioBroadcast": "broadcast",
            "tvBroadcast": "broadcast",
            "artwork": "graphic",
            "encyclopediaArticle": "entry-encyclopedia",
            "dictionaryEntry": "entry-dictionary",
            "web": "webpage",
        }.items()
    }
)


# --------------------------------------------------------------------------- reading helpers


class _Extra:
    """Ordered extra pairs; a repeated key gets a ``#2``, ``#3`` suffix rather than being lost."""

    def __init__(self) -> None:
        self.pairs: dict[str, str] = {}

    def add(self, key: str, value: str) -> None:
        name = key
        n = 2
        while name in self.pairs:
            name = f"{key}#{n}"
            n += 1
        self.pairs[name] = value


def _as_text(value: Any) -> str:
    """A JSON value as extra text: strings as they are, anything else as compact JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "false", "no", "off")
    return bool(value)


@lru_cache(maxsize=65536)
def _plain_name(items: tuple[tuple[str, Any], ...]) -> Name | None | Literal[False]:
    """The name (None for no name) a name object of *items* gives when its keys are all
    name parts and its values all strings, as :func:`name_from_csl` reads it; else False."""
    if not all(key in _NAME_KEYS and type(value) is str for key, value in items):
        return False
    name, _ = _name_from_mapping(dict(items))
    return name


def name_from_csl(obj: Any) -> tuple[Name | None, dict[str, Any]]:
    """A :class:`Name` from a CSL name object, and the keys it had that a Name does not hold.

    A bare string is read as a literal name.  Returns ``(None, leftovers)`` for an
    object with no name in it.
    """
    if isinstance(obj, str):
        return (Name(literal=obj) if obj.strip() else None), {}
    if type(obj) is dict:
        # the common case, fast: name parts only, all strings (a name repeats in a list)
        try:
            plain = _plain_name(tuple(obj.items()))
        except TypeError:  # an unhashable value: no plain name
            plain = False
        if plain is not False:
            return plain, {}
    elif not isinstance(obj, Mapping):
        raise ValueError(f"a name is an object, not {_as_text(obj)}")
    return _name_from_mapping(obj)


def _name_from_mapping(obj: Mapping[str, Any]) -> tuple[Name | None, dict[str, Any]]:
    """:func:`name_from_csl` of a name object."""
    kwargs: dict[str, Any] = {}
    left: dict[str, Any] = {}
    for key, value in obj.items():
        attr = _NAME_KEYS.get(key)
        if attr is not None and type(value) is str:  # the common case, fast
            kwargs[attr] = value
        elif (
            attr is not None
            and isinstance(value, (str, int, float))
            and not isinstance(value, bool)
        ):
            kwargs[attr] = str(value)
        elif key in _NAME_FLAGS and isinstance(value, (str, int, float, bool)):
            kwargs[_NAME_FLAGS[key]] = _flag(value)
        else:
            left[key] = value
    if not kwargs and isinstance(left.get("institution"), str) and left["institution"].strip():
        kwargs["literal"] = left.pop("institution")  # CSL 1.1: an institution as the name
    name = Name(**kwargs)
    if (
        name.family is None
        and name.given is None
        and name.literal is None
        and name.dropping_particle is None
        and name.non_dropping_particle is None
        and name.suffix is None
    ):  # every one of _NAME_KEYS
        return None, left
    return name, left


def name_to_csl(name: Name) -> dict[str, Any]:
    """The CSL name object for *name* (flags only when set)."""
    if (
        name.literal is None
        and name.dropping_particle is None
        and name.non_dropping_particle is None
        and name.suffix is None
        and not name.comma_suffix
        and not name.static_ordering
    ):
        # the common case, fast: family and given only
        out: dict[str, Any] = {}
        if name.family is not None:
            out["family"] = name.family
        if name.given is not None:
            out["given"] = name.given
        return out
    out = {}
    for key, attr in _NAME_KEYS.items():
        value = getattr(name, attr)
        if value is not None:
            out[key] = value
    for key, attr in _NAME_FLAGS.items():
        if getattr(name, attr):
            out[key] = True
    return out


class _Reader:
    """Builds one Work from one item, collecting warnings."""

    def __init__(self, line: int | None, report: Report) -> None:
        self.line = line
        self.report = report
        self.key: str | None = None

    def warn(self, code: str, message: str) -> None:
        self.report.warning(code, message, line=self.line, key=self.key)

    # -- values ---------------------------------------------------------------

    def names(self, var: str, value: Any, extra: _Extra) -> tuple[Name, ...]:
        if type(value) is list:  # the common case: skips the slow isinstance(value, Mapping)
            pass
        elif isinstance(value, (str, Mapping)):
            value = [value]
        if not isinstance(value, list):
            self.warn(
                "bad-value", f"{var}: a name list is an array, not {_as_text(value)}; kept in extra"
            )
            extra.add(var, _as_text(value))
            return ()
        out: list[Name] = []
        for i, item in enumerate(value):
            try:
                name, left = name_from_csl(item)
            except ValueError as e:
                self.warn("bad-name", f"{var}[{i}]: {e}; kept in extra")
                extra.add(f"{var}[{i}]", _as_text(item))
                continue
            if isinstance(item, str):
                self.warn(
                    "bad-name", f"{var}[{i}]: a name given as a string was read as a literal name"
                )
            for k, v in left.items():
                extra.add(f"{var}[{len(out)}].{k}", _as_text(v))
            if name is None:
                if item:
                    self.warn(
                        "bad-name",
                        f"{var}[{i}]: a name with no name parts; its keys are kept in extra",
                    )
                else:
                    self.warn("bad-name", f"{var}[{i}]: an empty name was left out")
                continue
            out.append(name)
        return tuple(out)

    def date(self, var: str, value: Any) -> Date | None:
        try:
            date = date_from_csl(value)
        except ValueError as e:
            literal = None
            if isinstance(value, Mapping):
                for k in ("literal", "raw"):
                    if isinstance(value.get(k), str) and value[k].strip():
                        literal = value[k]
                        break
            literal = literal or _as_text(value)
            self.warn("bad-date", f"{var}: {e}; kept as the literal date {literal!r}")
            return Date(literal=literal)
        if (
            date.literal
            and not date.parts
            and not (isinstance(value, Mapping) and value.get("literal"))
            and looks_numeric(date.literal)
        ):
            self.warn(
                "bad-date", f"{var}: no such date: {date.literal!r}; kept as the literal date"
            )
        if not date.parts and date.literal is None and date.season is None:
            if value not in ("", {}):
                self.warn(
                    "bad-date", f"{var}: a date with no date in it ({_as_text(value)}) was left out"
                )
            return None
        return date

    def text(self, var: str, value: Any, extra: _Extra) -> str | None:
        if isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
            joined = ", ".join(str(v) for v in value)
            self.warn("bad-value", f"{var}: a list where text belongs was joined into {joined!r}")
            return joined
        if value is None:
            return None
        self.warn("bad-value", f"{var}: {_as_text(value)} is no text; kept in extra")
        extra.add(var, _as_text(value))
        return None

    def strings(self, var: str, value: Any, extra: _Extra) -> tuple[str, ...]:
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list) and all(
            isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value
        ):
            return tuple(str(v) for v in value)
        self.warn("bad-value", f"{var}: {_as_text(value)} is not a list of strings; kept in extra")
        extra.add(var, _as_text(value))
        return ()

    def value(self, field: Field, value: Any, extra: _Extra) -> Any:
        if field.kind == "name":
            return self.names(field.csl, value, extra)
        if field.kind == "date":
            return self.date(field.csl, value)
        if field.kind == "list":
            return self.strings(field.csl, value, extra)
        return self.text(field.csl, value, extra)


def _is_title_object(value: Any) -> bool:
    return (
        isinstance(value, Mapping)
        and bool(value)
        and set(value) <= {"full", "main", "sub", "short"}
        and isinstance(value.get("full", value.get("main")), str)
    )


def _title_text(value: Mapping[str, Any]) -> str:
    full = value.get("full")
    if isinstance(full, str) and full:
        return full
    subs = value.get("sub") or []
    if isinstance(subs, str):
        subs = [subs]
    return ": ".join([str(value["main"]), *(str(s) for s in subs if isinstance(s, str))])


def _empty(value: Any) -> bool:
    return value is None or value == () or value == ""


def _note_value(field: Field, text: str) -> Any:
    """A cheater-syntax value: names as ``Family || Given`` or a literal, dates parsed."""
    if field.kind == "name":
        if "||" in text:
            family, _, given = text.partition("||")
            name = Name(family=family.strip(), given=given.strip())
            if name.family is None and name.given is None:
                raise ValueError("no name")
            return name
        return Name(literal=text)
    if field.kind == "date":
        date = date_from_csl(text)
        if date.literal is not None and not date.parts:
            # citeproc-js reads the date a note line starts with: "1865（清同治四年）" is 1865
            return date_in_text(text, gloss=True) or date
        return date
    return text


class _NoteFields(NamedTuple):
    """What the ``key: value`` lines of a note say (see :func:`_split_note`)."""

    found: dict[str, Any]  # CSL name -> model value ("type" -> a CSL type)
    unknown: list[tuple[str, str]]  # lines naming no variable citelib knows -> extra
    rest: str  # the note without the lines read

    def __bool__(self) -> bool:
        return bool(self.found or self.unknown)


def _note_lines(note: str) -> list[str]:
    """The note's lines, a line of inline ``{:key: value}`` groups split into one line each."""
    out: list[str] = []
    for line in note.split("\n"):
        line = line.rstrip("\r")
        if _INLINE_FIELDS.fullmatch(line):
            out.extend(f"{m[1]}: {m[2].strip()}" for m in _INLINE_FIELD.finditer(line))
        else:
            out.append(line)
    return out


def _split_note(note: str, present: Mapping[str, Any]) -> _NoteFields:
    """The variables the note's ``key: value`` lines set, read as citeproc-js reads them.

    The lines form a block at the start of the note (its first line may be other
    text, which stays); the first other line ends the block.  ``type`` and dates
    set the item's (an overridden value is kept in extra by the caller); names and
    other variables only fill what the item lacks (name lines accumulate), and a
    line for a variable the item has stays in the note.  Keys are CSL variable names
    in any case or Zotero's field labels (``Original Date``); a line with a key in
    CSL's form that names no variable is kept in extra.  Blank lines are dropped
    from the block.
    """
    found: dict[str, Any] = {}
    unknown: list[tuple[str, str]] = []
    keep: list[str] = []
    lines = _note_lines(note)
    end = len(lines)
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        m = _NOTE_LINE.match(line)
        var = _note_key(m[1]) if m is not None and m[2] else None
        if var is None:
            if m is not None and m[2] and _CSL_KEY.fullmatch(m[1]):
                unknown.append((m[1], m[2]))
                continue
            if i == 0:
                keep.append(line)
                continue
            end = i
            break
        assert m is not None
        value = m[2]
        if var == "type":
            t = value if value in CSL_TYPES else _TYPES_LOOSE.get(_norm_type(value))
            if t is None:
                keep.append(line)
            else:
                found["type"] = t
            continue
        field = field_for_csl(var)
        assert field is not None
        try:
            parsed = _note_value(field, value)
        except ValueError:
            keep.append(line)
            continue
        if field.kind == "date":
            found[var] = parsed  # a date in the note overrides the item's
        elif var in present and var not in found:
            keep.append(line)  # the item has it: the line stays
        elif field.kind == "name":
            found[var] = (*found.get(var, ()), parsed)
        elif var not in found:
            found[var] = parsed
        else:
            keep.append(line)
    rest = "\n".join([*keep, *lines[end:]]).strip("\n")
    return _NoteFields(found, unknown, rest)


def _note_key(key: str) -> str | None:
    """The CSL variable (or ``type``) a note line's key names, if any."""
    var = _NOTE_KEYS.get(key.lower().replace(" ", "-").replace("_", "-"))
    return var if var is not None else _NOTE_KEYS.get(key.lower())


def work_from_csl(item: Any, *, index: int | None = None) -> Work:
    """A :class:`Work` from one CSL-JSON item (a dict).

    Repairs (an unknown type, an odd date, a name given as a string) are made
    silently; :func:`read_items` reports them.  An item that is no object at all
    raises :class:`ParseError`.  *index* (the item's position) makes up an id for
    an item that has none.
    """
    return _work_from_csl(item, Report(), line=None, index=index)


def _work_from_csl(item: Any, report: Report, *, line: int | None, index: int | None) -> Work:
    """:func:`work_from_csl`, reporting every repair to *report*."""
    r = _Reader(line, report)
    source = report.source
    if type(item) is not dict and not isinstance(item, Mapping):  # (a dict: no slow ABC check)
        raise ParseError(
            f"an item is a JSON object, not {_as_text(item)[:60]}",
            file=source,
            line=line,
            code="bad-entry",
        )
    extra = _Extra()
    values: dict[str, Any] = {}  # attr -> value

    # -- id and citation-key --------------------------------------------------
    raw_id = item.get("id")
    ckey = item.get("citation-key")
    if isinstance(ckey, str) and ckey.strip():
        wid = ckey
        if raw_id is not None and str(raw_id) != ckey:
            extra.add("csl-id", _as_text(raw_id))
    elif raw_id is not None and not isinstance(raw_id, (bool, list, dict)) and str(raw_id).strip():
        wid = str(raw_id)
        if ckey is not None:
            extra.add("citation-key", _as_text(ckey))
    else:
        wid = f"item{(index or 0) + 1}"
        if raw_id is not None:
            extra.add("csl-id", _as_text(raw_id))
        r.key = wid
        r.warn("missing-key", f"an item without an id; called it {wid!r}")
    r.key = wid

    # -- type ------------------------------------------------------------------
    raw_type = item.get("type")
    if isinstance(raw_type, str) and raw_type in CSL_TYPES:
        wtype = raw_type
    elif isinstance(raw_type, str) and _norm_type(raw_type) in _TYPES_LOOSE:
        wtype = _TYPES_LOOSE[_norm_type(raw_type)]
        r.warn("unknown-type", f"item type {raw_type!r} read as {wtype!r}")
        extra.add("csl-type", raw_type)
    elif raw_type is None:
        wtype = "document"
        r.warn("missing-type", "an item without a type; read as 'document'")
    else:
        wtype = "document"
        r.warn("unknown-type", f"unknown item type {_as_text(raw_type)!r}; read as 'document'")
        extra.add("csl-type", _as_text(raw_type))

    # -- custom: fields the schema lacks, extra, flags ------------------------
    custom = item.get("custom")
    custom_fields: dict[str, Any] = {}
    custom_extra: list[tuple[str, Any]] = []
    verbatim_note = False
    if isinstance(custom, Mapping):
        for key, value in custom.items():
            if key in _CUSTOM_BY_CSL and key not in item:
                custom_fields[key] = value
            elif key == _CUSTOM_EXTRA and isinstance(value, Mapping):
                custom_extra.extend(value.items())
            elif key == _VERBATIM_NOTE and value is True:
                verbatim_note = True
            else:
                custom_extra.append((key, value))
    elif custom is not None:
        custom_extra.append(("custom", custom))

    # -- variables ---------------------------------------------------------------
    legacy: list[tuple[str, Any]] = []
    for key, value in item.items():
        if key in ("id", "type", "citation-key", "custom"):
            continue
        if key in _LEGACY:
            legacy.append((key, value))
            continue
        field = _FIELD_BY_CSL.get(key)
        if field is None:
            extra.add(key, _as_text(value))
            continue
        if type(value) is str and field.kind == "text":
            # the common case, fast: what r.value gives a string, kept unless empty
            if value:
                values[field.attr] = value
            continue
        if field.kind == "text" and _is_title_object(value):
            # CSL 1.1: {"full", "main", "sub": [...], "short"}
            short = field_for_csl(key + "-short")
            if short is not None and isinstance(value.get("short"), str):
                legacy.append((short.csl, value["short"]))
            value = _title_text(value)
        v = r.value(field, value, extra)
        if not _empty(v):
            values[field.attr] = v
    for key, value in custom_fields.items():
        field = _CUSTOM_BY_CSL[key]
        v = r.value(field, value, extra)
        if not _empty(v):
            values[field.attr] = v
    for key, value in legacy:
        field = field_for_csl(_LEGACY.get(key, key))
        assert field is not None
        v = r.value(field, value, extra)
        if _empty(v):
            continue
        if field.attr not in values:
            values[field.attr] = v
        elif values[field.attr] != v:
            extra.add(key, _as_text(value))  # differs from the modern key: keep both

    # -- note: Zotero's cheater syntax --------------------------------------------
    note = values.get("note")
    if note and not verbatim_note:
        present = {f.csl: values[f.attr] for f in FIELDS if f.attr in values}
        fields = _split_note(note, present)
        if fields:
            for var, v in fields.found.items():
                if var == "type":
                    if v != wtype:
                        if "csl-type" not in extra.pairs:
                            extra.add("csl-type", wtype)
                        wtype = v
                    continue
                field = field_for_csl(var)
                assert field is not None
                old_value = values.get(field.attr)
                if old_value is not None and old_value != v:
                    # a date the note overrides: the item's own is kept
                    extra.add(f"csl-{var}", _as_text(_value_to_csl(field, old_value)))
                values[field.attr] = v
            for key, value in fields.unknown:
                extra.add(key, value)
            if fields.rest.strip():
                values["note"] = fields.rest
            else:
                values.pop("note", None)

    for key, value in custom_extra:
        extra.add(str(key), _as_text(value))

    subtype = values.get("subtype")
    if subtype is not None and SUBTYPES.get(subtype) != wtype:
        r.warn("bad-value", f"subtype {subtype!r} is no kind of {wtype!r}; kept in extra")
        extra.add("subtype", values.pop("subtype"))
    try:
        return new_work(id=wid, type=wtype, extra=tuple(extra.pairs.items()), **values)
    except (TypeError, ValueError) as e:  # the model's own checks; should not happen
        raise ParseError(
            f"cannot make a record: {e}", file=source, line=line, key=wid, code="bad-entry"
        ) from None


# --------------------------------------------------------------------------- writing


def _value_to_csl(field: Field, value: Any) -> Any:
    if field.kind == "name":
        return [name_to_csl(n) for n in value]
    if field.kind == "date":
        return date_to_csl(value)
    if field.kind == "list":
        return list(value)
    return value


_SCHEMA_PLAN: tuple[tuple[str, str, str], ...] = tuple(
    (f.attr, f.csl, f.kind) for f in _SCHEMA_FIELDS
)


def work_to_csl(work: Work, *, custom: bool = True) -> dict[str, Any]:
    """The CSL-JSON item for *work*, valid against the CSL 1.0 schema.

    With ``custom=True`` (the default) the item also carries ``citation-key``
    and a ``custom`` object holding the variables the schema lacks and
    ``extra``, so :func:`work_from_csl` gives the same work back.  With
    ``custom=False`` only the schema's variables are written (what a CSL
    processor such as citeproc-py wants).
    """
    item: dict[str, Any] = {"id": work.id, "type": work.type}
    if custom:
        item["citation-key"] = work.id
    for attr, csl, kind in _SCHEMA_PLAN:
        value = getattr(work, attr)
        if not value:  # None, () -- the model turns "" into None
            continue
        if kind == "text":
            item[csl] = value
        elif kind == "name":
            item[csl] = [name_to_csl(n) for n in value]
        elif kind == "date":
            item[csl] = date_to_csl(value)
        else:
            item[csl] = list(value)
    if not custom:
        return item
    bag: dict[str, Any] = {}
    own = {
        f.csl: getattr(work, f.attr) for f in _CUSTOM_FIELDS if not _empty(getattr(work, f.attr))
    }
    note = _note_with_variables(work, own) if own else None
    if note is not None:
        item["note"] = note
    else:
        for csl, value in own.items():
            bag[csl] = _value_to_csl(_CUSTOM_BY_CSL[csl], value)
        if work.note and _split_note(work.note, _present_values(work)):
            bag[_VERBATIM_NOTE] = True
    if work.extra:
        bag[_CUSTOM_EXTRA] = dict(work.extra)
    if bag:
        item["custom"] = bag
    return item


def _note_line(field: Field, value: Any) -> list[str] | None:
    """*value* as ``variable: value`` note lines (names as ``Family || Given``), if it can be."""
    if field.kind == "name":
        lines = []
        for name in value:
            if name.literal is not None:
                text = name.literal
            elif name.family and name.given:
                text = f"{name.family} || {name.given}"
            else:
                return None
            lines.append(f"{field.csl}: {text}")
        return lines
    if field.kind == "date":
        return None
    return [f"{field.csl}: {value}"]


def _note_with_variables(work: Work, own: Mapping[str, Any]) -> str | None:
    """The note that carries *own* (variables outside the schema) as leading lines.

    This is how Zotero hands such variables to citeproc-js (``CSTR: …``), so a
    processor reads them too.  None when a value cannot be such a line or the note
    would not read back to the same work (the caller then uses ``custom``).
    """
    if not own:
        return (
            work.note or ""
            if not work.note or not _split_note(work.note, _present_values(work))
            else None
        )
    lines: list[str] = []
    for csl, value in own.items():
        found = _note_line(_CUSTOM_BY_CSL[csl], value)
        if found is None:
            return None
        lines.extend(found)
    note = "\n".join([*lines, work.note] if work.note else lines)
    present = {k: v for k, v in _present_values(work).items() if k not in own}
    back = _split_note(note, present)
    wanted = {
        csl: (value if _CUSTOM_BY_CSL[csl].kind != "name" else tuple(value))
        for csl, value in own.items()
    }
    if back.found != wanted or back.unknown or back.rest != (work.note or ""):
        return None
    return note


def _present_values(work: Work) -> dict[str, Any]:
    return {f.csl: getattr(work, f.attr) for f in FIELDS if not _empty(getattr(work, f.attr))}


def write(works: Iterable[Work], *, indent: int = 2) -> Written:
    """*works* as a CSL-JSON array (UTF-8 text, non-ASCII kept as is); nothing is lost."""
    items = [work_to_csl(w) for w in works]
    if not indent:
        return Written(_ENCODER.encode(items) + "\n")
    return Written(_indented(items, " " * indent))


_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _indented(items: list[dict[str, Any]], pad: str) -> str:
    """The array with one item variable per line, each value in compact form.

    ``json.dumps(indent=...)`` falls back to the pure-Python encoder, several
    times slower than the C one; this keeps the C encoder for every value.
    """
    if not items:
        return "[]\n"
    encode = _ENCODER.encode
    out = ["[\n"]
    last = len(items) - 1
    for i, item in enumerate(items):
        fields = ",\n".join(f"{pad}{pad}{encode(k)}: {encode(v)}" for k, v in item.items())
        out.append(f"{pad}{{\n{fields}\n{pad}}}" + (",\n" if i < last else "\n"))
    out.append("]\n")
    return "".join(out)


# --------------------------------------------------------------------------- the document


def _location(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return line, column


_WS = LazyPattern(r"[ \t\r\n]*")


class _Doc:
    """Walks a JSON document with the C scanner, remembering where each array item starts."""

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self.duplicates: list[str] = []
        self.decoder = json.JSONDecoder(
            object_pairs_hook=self._pairs, parse_constant=self._constant
        )

    @staticmethod
    def _constant(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    def _pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)  # the last value of a repeated key, at the place of its first
        if len(out) != len(pairs):  # a key given twice: note each repeat, in order
            seen: set[str] = set()
            for k, _ in pairs:
                if k in seen:
                    self.duplicates.append(k)
                seen.add(k)
        return out

    def fail(self, message: str, pos: int) -> ParseError:
        line, column = _location(self.text, pos)
        return ParseError(f"invalid JSON: {message}", file=self.source, line=line, column=column)

    def ws(self, pos: int) -> int:
        m = _WS.match(self.text, pos)
        return m.end() if m else pos

    def value(self, pos: int) -> tuple[Any, int]:
        try:
            return self.decoder.raw_decode(self.text, pos)
        except json.JSONDecodeError as e:
            raise self.fail(e.msg, e.pos) from None
        except RecursionError:
            raise self.fail("nested too deeply", pos) from None
        except ValueError as e:  # NaN, or a number too long for int()
            raise self.fail(str(e).split(";")[0], pos) from None

    def array(self, pos: int) -> tuple[list[tuple[int, Any, list[str]]], int]:
        """Items of the array at *pos* as (offset, value, duplicate keys), and the end."""
        text = self.text
        assert text[pos] == "["
        out: list[tuple[int, Any, list[str]]] = []
        pos = self.ws(pos + 1)
        if pos < len(text) and text[pos] == "]":
            return out, pos + 1
        while True:
            start = pos
            self.duplicates = []
            value, pos = self.value(pos)
            out.append((start, value, self.duplicates))
            pos = self.ws(pos)
            if pos >= len(text):
                raise self.fail("unterminated array, expecting ',' or ']'", pos)
            if text[pos] == "]":
                return out, pos + 1
            if text[pos] != ",":
                raise self.fail("expecting ',' or ']'", pos)
            pos = self.ws(pos + 1)

    def items(self, report: Report) -> tuple[list[tuple[int, Any, list[str]]], int]:
        """The items with their offsets, and the end; problems of the document's shape go to *report*."""
        text = self.text
        pos = self.ws(0)
        if pos >= len(text):
            raise self.fail("the document is empty; expecting an array of items", pos)
        if text[pos] == "[":
            items, end = self.array(pos)
            return items, end
        start = pos
        self.duplicates = []
        value, end = self.value(pos)
        if isinstance(value, dict):
            refs = value.get("references")
            if isinstance(refs, list) and "type" not in value:
                # CSL 1.1: {"version": ..., "references": [...]}: find the array for line numbers
                m = re.search(r'"references"\s*:\s*\[', text[start:end])
                if m is not None:
                    try:
                        items, _ = self.array(start + m.end() - 1)
                    except ParseError:
                        items = []
                    if [v for _, v, _ in items] == refs:
                        return items, end
                return [(start, v, []) for v in refs], end
            line, _ = _location(text, start)
            report.warning(
                "not-an-array", "the document is a single item, not an array of items", line=line
            )
            return [(start, value, self.duplicates)], end
        line, column = _location(text, start)
        raise ParseError(
            f"CSL-JSON is an array of items, not {type(value).__name__ if value is not None else 'null'}",
            file=self.source,
            line=line,
            column=column,
        )


_ESCAPED_SURROGATE = LazyPattern(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = LazyPattern("[\ud800-\udfff]")


def _no_surrogates(value: Any, report: Report) -> Any:
    """*value* with lone UTF-16 surrogates (``"\\ud800"`` in JSON) replaced by U+FFFD."""
    if isinstance(value, str):
        if _LONE_SURROGATE.search(value):
            report.warning("encoding", "a lone UTF-16 surrogate escape was replaced by U+FFFD")
            return _LONE_SURROGATE.sub("\ufffd", value)
        return value
    if isinstance(value, list):
        return [_no_surrogates(v, report) for v in value]
    if isinstance(value, dict):
        return {_no_surrogates(k, report): _no_surrogates(v, report) for k, v in value.items()}
    return value


def read(text: str, *, source: str = "<string>", strict: bool = False, **options: Any) -> Library:
    """Works from CSL-JSON *text*; every skipped or repaired item is a :class:`Problem`.

    Invalid JSON raises :class:`ParseError` with line and column.  With
    *strict*, any problem raises :class:`ParseError` listing them all.
    """
    if options:
        unknown = ", ".join(sorted(options))
        raise CitelibError(f"CSL-JSON reading has no option {unknown}")
    text = text.removeprefix("\ufeff")
    doc = _Doc(text, source)
    report = Report(source)
    items, end = doc.items(report)
    rest = doc.ws(end)
    if rest < len(text):
        raise doc.fail("extra data after the document", rest)
    if _ESCAPED_SURROGATE.search(text):
        items = [(pos, _no_surrogates(v, report), d) for pos, v, d in items]
    located: list[tuple[int, Any, list[str]]] = []
    last_pos, last_line = 0, 1
    for pos, value, dups in items:
        line = last_line + text.count("\n", last_pos, pos)
        last_pos, last_line = pos, line
        located.append((line, value, dups))
    return _read_items(located, report, strict=strict)


def read_items(items: Iterable[Any], *, source: str = "<items>", strict: bool = False) -> Library:
    """Works from CSL-JSON items already parsed (dicts), with every repair as a problem.

    This is :func:`read` for data that is not text: what a program hands to
    :func:`citelib.format_bibliography` as CSL-JSON, say.
    """
    report = Report(source)
    return _read_items([(None, item, []) for item in items], report, strict=strict)


def _read_items(
    items: Iterable[tuple[int | None, Any, list[str]]], report: Report, *, strict: bool
) -> Library:
    works: list[Work] = []
    lines: list[int | None] = []
    for index, (line, value, dups) in enumerate(items):
        try:
            work = _work_from_csl(value, report, line=line, index=index)
        except ParseError as e:
            report.error(e.code, str(e.args[0]), line=line, key=e.key)
            continue
        for k in dict.fromkeys(dups):
            report.warning(
                "duplicate-field",
                f"the key {k!r} appears twice in the item; the last value was kept",
                line=line,
                key=work.id,
            )
        lines.append(line)
        works.append(work)
    # duplicate_keys reports each later occurrence, in order; give each its line
    seen: set[str] = set()
    repeats: list[int] = []
    for i, w in enumerate(works):
        folded = w.id.casefold()
        if folded in seen:
            repeats.append(i)
        seen.add(folded)
    for i, p in zip(repeats, duplicate_keys(works), strict=True):
        report.problems.append(attrs.evolve(p, file=report.source, line=lines[i]))
    if strict and report.problems:
        raise ParseError.from_problems(report.problems)
    return Library(works, report.problems)


def sniff(text: str) -> bool:
    """True if *text* looks like CSL-JSON (a JSON array of objects, or one object)."""
    head = text.lstrip("\ufeff \t\r\n")[:200]
    return bool(re.match(r"\[\s*(\{|\]|$)|\{\s*\"", head))
