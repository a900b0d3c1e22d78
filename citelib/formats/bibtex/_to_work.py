"""A raw entry as a :class:`~citelib.model.Work`: the field table's codecs, then the special cases."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...model import Work, new_work
from . import _fields as bm
from ._codecs import ReadContext
from ._special import (
    keep_entry_type,
    read_archive_place,
    read_default_genre,
    read_main_title,
    read_subtype,
    read_type,
)

if TYPE_CHECKING:
    from ._reader import RawEntry, Reader

__all__ = ["to_work"]


def _choose(
    bibtype: str, fields: dict[str, str], consumed: set[str]
) -> dict[str, tuple[int, str, bm.Rule]]:
    """For each attribute the table gives *bibtype*: the field it is read from (the first of
    its rule's ``read`` that is present and not *consumed*, else of its ``also``), with its
    priority and rule."""
    index = bm.field_index(bibtype)
    chosen: dict[str, tuple[int, str, bm.Rule]] = {}
    for name in fields:
        hit = index.get(name)
        if hit is not None and name not in consumed:
            rule, pos = hit
            best = chosen.get(rule.attr)
            if best is None or pos < best[0]:
                chosen[rule.attr] = (pos, name, rule)
    for rule in bm.fallbacks(bibtype):
        if rule.attr not in chosen:
            also = next((n for n in rule.also if n in fields), None)
            if also is not None:
                chosen[rule.attr] = (0, also, rule)
    return chosen


def _extra(fields: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The fields no rule read, as ``extra``: a field the writer named for a key BibTeX cannot
    take (:func:`._fields.escape_key`) under that key again, unless the entry has it too."""
    names = {name for name, _ in fields}
    out = []
    for name, value in fields:
        key = bm.extra_key(name)
        out.append((name if key != name and key in names else key, value))
    return out


def to_work(raw: RawEntry, reader: Reader) -> Work:
    """The Work of one entry: its type, each attribute read by its rule's codec, the
    special cases of :mod:`._special`, and every field left over in ``extra``."""
    fields = raw.fields
    consumed: set[str] = set()
    csl_type, used_subtype = read_type(raw.type, fields)
    if used_subtype:
        consumed.add("entrysubtype")
    chosen = _choose(raw.type, fields, consumed)
    ctx = ReadContext(raw, reader, consumed)
    values: dict[str, Any] = {}
    for _pos, name, rule in chosen.values():
        consumed.add(name)
        value = rule.codec.read(rule, name, fields[name], ctx)
        if value is not None:
            values[rule.attr] = value
    read_main_title(raw.type, fields, values)
    place = chosen.get("publisher_place")
    read_archive_place(raw.type, values, place[1] if place else None)
    read_default_genre(raw.type, csl_type, values)
    read_subtype(raw.type, csl_type, values)
    extra = _extra([(name, value) for name, value in fields.items() if name not in consumed])
    if "entrytype" not in fields and keep_entry_type(raw.type, csl_type, values):
        extra.insert(0, ("entrytype", raw.type))
    return new_work(id=raw.key, type=csl_type, extra=extra, **values)
