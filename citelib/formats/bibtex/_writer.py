"""A :class:`~citelib.model.Work` as a BibTeX or BibLaTeX entry: the special cases, then the
field table's codecs, then ``extra``."""

from __future__ import annotations

import re

from ...errors import Report
from ...model import FIELDS, Date, Name, Work
from . import _fields as bm
from ._codecs import Out, WriteContext
from ._special import (
    entry_type,
    write_archive_place,
    write_entrysubtype,
    write_main_title,
    write_subtype,
)

__all__ = ["check_read_back", "entry_text"]

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


def _shown(value: object) -> str:
    """A value as a problem message shows it: short."""
    text = str(value) if isinstance(value, (str, Date)) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _name_text(names: tuple[Name, ...]) -> str:
    return "; ".join(str(n) for n in names)


def check_read_back(works: list[Work], back: tuple[Work, ...], report: Report) -> None:
    """Report each field of *works* that the text written for them does not give back.

    *back* is that text read again.  The writer carries every field it can and reports
    what it cannot as it writes; this names whatever else changed on the way (a name
    classic BibTeX has no form for, text whose spacing LaTeX does not keep), so that
    nothing is lost silently.  A field already reported for the work is not reported again.
    """
    reported = {(p.key, p.field) for p in report.problems}
    again: dict[str, list[Work]] = {}
    for w in back:
        again.setdefault(w.id, []).append(w)
    for work in works:
        found = again.get(work.id)
        if not found:
            if (work.id, None) not in reported:
                report.warning("not-written", f"entry {work.id!r} does not read back", key=work.id)
            continue
        other = found.pop(0)
        if other == work:
            continue
        for f in FIELDS:
            mine, theirs = getattr(work, f.attr), getattr(other, f.attr)
            if mine == theirs or (work.id, f.csl) in reported:
                continue
            if f.kind == "name":
                mine, theirs = _name_text(mine), _name_text(theirs)
                if mine == theirs:
                    mine, theirs = "its name parts", "other parts"
            _differs(report, work.id, f.csl, mine, theirs)
        if other.type != work.type and (work.id, "type") not in reported:
            _differs(report, work.id, "type", work.type, other.type)
        mine_x, theirs_x = work.extra_dict, other.extra_dict
        for key in sorted(set(mine_x) | set(theirs_x)):
            if mine_x.get(key) != theirs_x.get(key) and (work.id, key) not in reported:
                _differs(report, work.id, key, mine_x.get(key), theirs_x.get(key))


def _differs(report: Report, key: str, field: str, mine: object, theirs: object) -> None:
    if _shown(mine) == _shown(theirs):
        mine, theirs = repr(mine), repr(theirs)
    if mine in (None, (), ""):
        report.warning(
            "changed",
            f"'{field}' reads back from BibTeX as {_shown(theirs)!r}",
            key=key,
            field=field,
        )
    elif theirs in (None, (), ""):
        report.warning(
            "not-written",
            f"BibTeX does not carry '{field}' ({_shown(mine)!r})",
            key=key,
            field=field,
        )
    else:
        report.warning(
            "changed",
            f"'{field}' reads back from BibTeX as {_shown(theirs)!r}, not {_shown(mine)!r}",
            key=key,
            field=field,
        )
