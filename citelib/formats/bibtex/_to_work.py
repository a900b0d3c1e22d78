"""A raw entry as a :class:`~citelib.model.Work`: the field table read, then the special cases."""

from __future__ import annotations

import re
from typing import Any

from ...dates import ENGLISH_MONTHS, parse_date
from ...language import has_cjk, normalize_language
from ...model import Date, Work
from . import _fields as bm
from ._reader import RawEntry, Reader
from .latex import decode, encode
from .names import parse_names, split_name_list

__all__ = ["to_work"]

_TAG_LIKE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_HTML_TAG = re.compile(r"<[^>]+>")
_USEPREFIX = re.compile(r"useprefix\s*(?:=\s*(true|false))?", re.IGNORECASE)


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
    fields: dict[str, str], consumed: set[str], reader: Reader | None, raw: RawEntry | None
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


def to_work(raw: RawEntry, reader: Reader) -> Work:
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
