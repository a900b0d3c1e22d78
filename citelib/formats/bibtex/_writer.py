"""A :class:`~citelib.model.Work` as a BibTeX or BibLaTeX entry: the special cases, then the
field table's codecs, then ``extra``."""

from __future__ import annotations

import re

from ...errors import Report
from ...model import Work
from . import _fields as bm
from ._codecs import Out, WriteContext
from ._special import (
    entry_type,
    write_archive_place,
    write_entrysubtype,
    write_main_title,
    write_subtype,
)

__all__ = ["entry_text"]

_KEY = re.compile(r"[^\s,{}()\"#%'=\\]+")


def _read_as_variable(name: str, work: Work, btype: str) -> bool:
    """True if a field *name* written from ``extra`` would be read into a variable of *work*
    that is empty (``url`` in ``extra`` but no URL): it is then written escaped."""
    hit = bm.field_index(btype).get(name)
    rules = [hit[0]] if hit else [r for r in bm.fallbacks(btype) if name in r.also]
    return any(getattr(work, r.attr) in (None, ()) for r in rules)


def entry_text(work: Work, dialect: str, report: Report) -> str:
    """*work* as one entry in *dialect*; what it cannot hold is reported to *report*."""
    extra = dict(work.extra)
    btype = entry_type(work, extra, dialect)
    ctx = WriteContext(work.id, dialect, btype, extra, report)
    write_subtype(work, ctx)
    out: list[Out] = write_entrysubtype(work, ctx)
    work, tail = write_archive_place(work, ctx)
    work = write_main_title(work, ctx)
    for rule in bm.rules_for(btype):
        value = getattr(work, rule.attr)
        if value is None or value == ():
            continue
        out.extend(rule.codec.write_fields(rule, value, ctx))
    out.extend(tail)
    if work.categories:
        ctx.lost("categories", "categories")
    for key, value in extra.items():
        name = key if bm.plain_key(key) and not _read_as_variable(key, work, btype) else None
        name = name or bm.escape_key(key)
        out.append((name, bm.VERBATIM.write(None, name, value, ctx) or "", False))
    lines = [f"@{btype}{{{work.id},"]
    for i, (name, text, bare) in enumerate(out):
        sep = "," if i < len(out) - 1 else ""
        lines.append(f"  {name} = {text if bare else '{' + text + '}'}{sep}")
    lines.append("}")
    if not _KEY.fullmatch(work.id):
        report.warning("bad-key", f"key {work.id!r} is not a valid BibTeX key", key=work.id)
    return "\n".join(lines)
