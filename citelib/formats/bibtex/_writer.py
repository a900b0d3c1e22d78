"""A :class:`~citelib.model.Work` as a BibTeX or BibLaTeX entry: the field table written."""

from __future__ import annotations

import re

import attrs

from ...dates import MONTH_NAMES, format_edtf
from ...errors import Report
from ...language import normalize_language
from ...model import Date, Work
from . import _fields as bm
from ._to_work import _main_joined, _split_cstr, _split_title, _useprefix
from .latex import braces_balanced, decode, encode
from .names import format_names

__all__ = ["entry_text"]

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


def entry_text(work: Work, dialect: str, report: Report) -> str:
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
