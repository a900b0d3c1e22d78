"""Dates as people and programs write them: EDTF, CSL-JSON date objects, free text.

:func:`parse_date` reads EDTF level 0 and level 1 (``2019-07-16``, ``2019~``,
``2019/2020``, ``2019-21`` for spring, ``199X``, ``Y170000002``) and what people
type (``May 2019``, ``16 May 2019``, ``2019年5月16日``, ``2019.05.16``,
``spring 2019``, ``[2019]``); anything else becomes a literal date.
:func:`format_edtf` writes a parts-based :class:`~citelib.model.Date` back as
EDTF, so that ``parse_date(format_edtf(d)) == d``.  :func:`date_from_csl` and
:func:`date_to_csl` convert CSL-JSON date values.

Years are numbered as in EDTF and ISO 8601 and kept as written: ``-0043`` is
the year -43 in the model and in CSL ``date-parts`` alike.  Months 13–16 and
21–24 are seasons (CSL's and EDTF's codes); they are kept as months.  EDTF's
uncertain (``?``) and approximate (``~``, ``%``) qualifiers all become
``circa``, the one qualifier CSL has.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from ._regex import LazyPattern
from .model import Date

__all__ = [
    "ENGLISH_MONTHS",
    "MONTH_NAMES",
    "SEASONS",
    "SEASON_NAMES",
    "date_from_csl",
    "date_in_text",
    "date_to_csl",
    "days_in_month",
    "english_month",
    "format_edtf",
    "looks_numeric",
    "parse_date",
    "season_of",
]

DatePart = tuple[int, ...]

# --------------------------------------------------------------------------- EDTF

_EDTF_ONE = LazyPattern(
    r"""^(?P<q0>[~?%]?)
    (?:
        Y(?P<ylong>-?\d{5,})
      | (?P<year>-?[0-9uUxX]{4})
        (?:-(?P<q1>[~?%]?)(?P<month>[0-9uUxX]{2})
            (?:-(?P<q2>[~?%]?)(?P<day>[0-9uUxX]{2}))?
        )?
    )
    (?P<q3>[~?%]?)
    (?:[T ]\d{2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$""",
    re.VERBOSE,
)

_SEASON_MONTHS = frozenset(range(13, 17)) | frozenset(range(21, 25))


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """The days of *month* (1-12) in *year* of the Gregorian calendar, proleptic: any int
    year (the ``calendar`` module would pull in ``locale`` at every start for this)."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month - 1]


def _valid_part(part: DatePart) -> bool:
    if len(part) >= 2:
        month = part[1]
        if len(part) == 2:
            return 1 <= month <= 12 or month in _SEASON_MONTHS
        if not 1 <= month <= 12:
            return False
        day = part[2]
        return 1 <= day <= days_in_month(part[0], month)  # February 29th in leap years
    return True


def _edtf_one(text: str) -> tuple[list[DatePart], bool] | None:
    """One EDTF date: its parts (one, or two for an unspecified-digit range) and circa."""
    m = _EDTF_ONE.match(text)
    if m is None:
        return None
    circa = any(m.group(g) for g in ("q0", "q1", "q2", "q3"))
    if m.group("ylong") is not None:
        return [(int(m.group("ylong")),)], circa
    year_s, month_s, day_s = m.group("year"), m.group("month"), m.group("day")
    x_year = any(c in "uUxX" for c in year_s)
    if x_year:
        # 199X is the decade 1990–1999, 19XX the century; a digit after an X is not EDTF
        digits = year_s.lstrip("-")
        sign = "-" if year_s.startswith("-") else ""
        stem = digits.rstrip("uUxX")
        if any(c in "uUxX" for c in stem) or not stem:
            return None
        if month_s is not None:  # an unspecified year with a month: not in level 1
            return None
        width = len(digits) - len(stem)
        lo = int(sign + stem + "0" * width)
        hi = int(sign + stem + "9" * width)
        if lo > hi:
            lo, hi = hi, lo
        return [(lo,), (hi,)], circa
    year = int(year_s)
    if month_s is None:
        return [(year,)], circa
    if any(c in "uUxX" for c in month_s):
        if day_s is not None and not all(c in "uUxX" for c in day_s):
            return None
        return [(year,)], circa
    month = int(month_s)
    if day_s is None or any(c in "uUxX" for c in day_s):
        part: DatePart = (year, month)
    else:
        part = (year, month, int(day_s))
    if not _valid_part(part):
        return None
    return [part], circa


def _parse_edtf(text: str) -> Date | None:
    if "/" in text:
        left, _, right = text.partition("/")
        if "/" in right or not left or not right or ".." in (left, right):
            return None
        a, b = _edtf_one(left), _edtf_one(right)
        if a is None or b is None or len(a[0]) != 1 or len(b[0]) != 1:
            return None
        return Date(parts=(a[0][0], b[0][0]), circa=a[1] or b[1])
    one = _edtf_one(text)
    if one is None:
        return None
    return Date(parts=tuple(one[0]), circa=one[1])


def _year_edtf(year: int) -> str:
    if -9999 <= year <= 9999:
        return f"-{-year:04d}" if year < 0 else f"{year:04d}"
    return f"Y{year}"


def _part_edtf(part: DatePart) -> str:
    text = _year_edtf(part[0])
    for v in part[1:]:
        text += f"-{v:02d}"
    return text


def format_edtf(date: Date) -> str:
    """*date* as an EDTF string (``2019-07-16``, ``2019~``, ``2019-05/2019-07``).

    A literal date (no parts) comes back as its literal text.  ``season`` is a
    CSL-JSON detail EDTF has no place for: a numeric season 1–4 on a year-only
    date is written as the EDTF season month (21–24), any other is left out.
    """
    if not date.parts:
        return date.literal or ""
    parts = list(date.parts)
    season = date.season
    if isinstance(season, int) and 1 <= season <= 4 and len(parts) == 1 and len(parts[0]) == 1:
        parts[0] = (parts[0][0], 20 + season)
    mark = "~" if date.circa else ""
    return "/".join(_part_edtf(p) + mark for p in parts)


# --------------------------------------------------------------------------- free text

MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""English month names, January first."""

ENGLISH_MONTHS: dict[str, int] = {
    **{name.lower(): i for i, name in enumerate(MONTH_NAMES, start=1)},
    **{name[:3].lower(): i for i, name in enumerate(MONTH_NAMES, start=1)},
    "sept": 9,
}
"""English month names and their abbreviations (``jan``, ``sept``), lower case, to numbers."""

# what people paste from catalogues: English, German and French month names
_MONTHS: dict[str, int] = dict(ENGLISH_MONTHS)
for _names in (
    ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august")
    + ("september", "oktober", "november", "dezember"),
    ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août")
    + ("septembre", "octobre", "novembre", "décembre"),
):
    for _i, _name in enumerate(_names, start=1):
        _MONTHS.setdefault(_name, _i)
_MONTHS.setdefault("jän", 1)
_MONTHS.setdefault("okt", 10)
_MONTHS.setdefault("dez", 12)

SEASONS: dict[str, int] = {
    "spring": 21,
    "spr": 21,
    "summer": 22,
    "sum": 22,
    "autumn": 23,
    "fall": 23,
    "aut": 23,
    "fal": 23,
    "winter": 24,
    "win": 24,
    "春": 21,
    "春季": 21,
    "夏": 22,
    "夏季": 22,
    "秋": 23,
    "秋季": 23,
    "冬": 24,
    "冬季": 24,
}
"""Season words (English, abbreviated, Chinese), lower case, to EDTF's season months 21–24."""

SEASON_NAMES: dict[int, str] = {21: "Spring", 22: "Summer", 23: "Autumn", 24: "Winter"}
"""EDTF's season months 21–24 to English names."""


def season_of(month: int) -> int | None:
    """The season 1–4 (spring first) of a season month: CSL's 13–16 or EDTF's 21–24."""
    if 13 <= month <= 16:
        return month - 12
    if 21 <= month <= 24:
        return month - 20
    return None


def english_month(word: str) -> int | None:
    """The number of an English month name or abbreviation (``Sept.`` → 9), or None."""
    return ENGLISH_MONTHS.get(word.strip().lower().rstrip("."))


_MONTH_WORD = r"(?P<{g}>[^\W\d_]{{3,}})\.?"
_DASH = r"\s*[-–—~～至到]\s*"

_CIRCA = LazyPattern(r"^(?:c\.|ca\.?|circa|approx\.?|about|约|約)\s*", re.IGNORECASE)
_BRACKETS = LazyPattern(r"^\[(.*)\]$")


def _month(word: str) -> int | None:
    return _MONTHS.get(word.lower().rstrip("."))


def _mk(year: str, month: int | None = None, day: str | int | None = None) -> DatePart | None:
    part: list[int] = [int(year)]
    if month is not None:
        part.append(month)
        if day is not None:
            part.append(int(day))
    result = tuple(part)
    return result if _valid_part(result) else None


def _free_one(text: str) -> DatePart | None:
    """One date in a common human form."""
    t = text.strip().rstrip(".").strip()
    # 2019年5月16日, 2019年5月, 2019年
    m = re.fullmatch(r"(\d{1,4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?", t)
    if m:
        return _mk(m[1], int(m[2]) if m[2] else None, m[3])
    # 2019.05.16, 2019/5/16, 2019-7-16, 2019.5, 2019/05
    m = re.fullmatch(r"(\d{4})([./-])(\d{1,2})(?:\2(\d{1,2}))?", t)
    if m:
        return _mk(m[1], int(m[3]), m[4])
    # 16 May 2019, 16. Mai 2019, 16 May, 2019
    m = re.fullmatch(r"(\d{1,2})\.?\s+([^\W\d_]{3,})\.?,?\s+(\d{1,4})", t)
    if m and _month(m[2]):
        return _mk(m[3], _month(m[2]), m[1])
    # May 16, 2019 / May 16 2019 / May 16th, 2019
    m = re.fullmatch(r"([^\W\d_]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{1,4})", t)
    if m and _month(m[1]):
        return _mk(m[3], _month(m[1]), m[2])
    # May 2019, Spring 2019, 2019 May, 2019 spring, 2019年春
    m = re.fullmatch(r"([^\W\d_]+)\.?,?\s*(\d{3,4})", t)
    if m:
        code = _month(m[1]) or SEASONS.get(m[1].lower())
        if code:
            return _mk(m[2], code)
    m = re.fullmatch(r"(\d{3,4})\s*年?\s*,?\s*([^\W\d_]+)\.?", t)
    if m:
        code = _month(m[2]) or SEASONS.get(m[2].lower())
        if code:
            return _mk(m[1], code)
    # 16/05/2019 or 05/16/2019 when the order is unambiguous; 2019 alone (1–4 digits)
    m = re.fullmatch(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})", t)
    if m:
        a, b = int(m[1]), int(m[3])
        if a > 12 >= b:
            return _mk(m[4], b, a)
        if b > 12 >= a:
            return _mk(m[4], a, b)
        if a == b:
            return _mk(m[4], a, b)
        return None
    m = re.fullmatch(r"(\d{3,4})", t)
    if m:
        return (int(m[1]),)
    return None


def _parse_free(text: str) -> Date | None:
    t = text.strip()
    circa = False
    m = _BRACKETS.match(t)
    if m:  # cataloguers' inferred dates: [2019], [2019?], [ca. 2019]
        t = m[1].strip()
    m = _CIRCA.match(t)
    if m:
        circa = True
        t = t[m.end() :]
    if t.endswith(("?", "~")):
        circa = True
        t = t[:-1].rstrip()
    one = _free_one(t)
    if one is not None:
        return Date(parts=(one,), circa=circa)
    # ranges: 2019–2020, May–June 2019, 16–18 May 2019, 2019年5月—6月
    m = re.fullmatch(r"(\d{4})" + _DASH + r"(\d{4})", t)
    if m:
        return Date(parts=((int(m[1]),), (int(m[2]),)), circa=circa)
    m = re.fullmatch(r"([^\W\d_]{3,})\.?" + _DASH + r"([^\W\d_]{3,})\.?,?\s+(\d{1,4})", t)
    if m:
        a = _month(m[1]) or SEASONS.get(m[1].lower())
        b = _month(m[2]) or SEASONS.get(m[2].lower())
        if a and b:
            start, end = _mk(m[3], a), _mk(m[3], b)
            if start and end:
                return Date(parts=(start, end), circa=circa)
    m = re.fullmatch(r"(\d{1,2})" + _DASH + r"(\d{1,2})\s+([^\W\d_]{3,})\.?,?\s+(\d{1,4})", t)
    if m and _month(m[3]):
        start, end = _mk(m[4], _month(m[3]), m[1]), _mk(m[4], _month(m[3]), m[2])
        if start and end:
            return Date(parts=(start, end), circa=circa)
    for dash in ("—", "–", "至", "到", " - ", "~", "～", "/"):
        if dash in t:
            left, _, right = t.partition(dash)
            a1 = _free_one(left)
            b1 = _free_one(right)
            if b1 is None and a1 is not None:
                # 2019年5月—6月 / 2019.05-06: the end borrows the start's year
                m2 = re.fullmatch(r"\s*(\d{1,2})\s*月?\s*", right)
                if m2 and len(a1) >= 2:
                    b1 = _mk(str(a1[0]), int(m2[1]))
            if a1 is not None and b1 is not None:
                return Date(parts=(a1, b1), circa=circa)
    return None


_NUMERIC_DATE = LazyPattern(r"[-+]?\d+(?:\s*[-./]\s*\d+)*[?~%]?")


def looks_numeric(text: str) -> bool:
    """True if *text* is only numbers and date separators (``99999999-99-99``, ``2020/13/45``).

    Such a text that :func:`parse_date` keeps as a literal is a date gone wrong, not a
    date written in words (``Spring 2020``, ``n.d.``), and readers report it.
    """
    return _NUMERIC_DATE.fullmatch(text.strip()) is not None


def parse_date(text: str) -> Date:
    """A :class:`Date` from EDTF or a common human form; a literal date if neither fits."""
    t = text.strip()
    if not t:
        return Date()
    try:
        found = _parse_edtf(t)
        if found is None:
            found = _parse_free(t)
    except ValueError:  # a number too long for int(), say
        found = None
    if found is None:
        return Date(literal=t)
    return found


# --------------------------------------------------------------------------- CSL-JSON


# --------------------------------------------------------------------------- what a processor reads

_PROCESSOR_PART = LazyPattern(r"(-?\d{1,5})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:T.*)?")
_OPEN_END = LazyPattern(r"(?i)|\.\.|present|now|today|open|至今|今")
_LEADING_DATE = LazyPattern(r"(\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)(?=\D)")
_LEADING_RANGE = LazyPattern(r"\d{4}\s*[-–/]\s*\d")


def _processor_part(text: str) -> DatePart | None:
    m = _PROCESSOR_PART.fullmatch(text.strip().rstrip("?~%"))
    if m is None:
        return None
    year = int(m[1])
    month = int(m[2]) if m[2] else 0
    day = int(m[3]) if m[3] else 0
    if month > 24 or day > 31:
        return None
    if 21 <= month <= 24:
        month -= 8  # EDTF's seasons 21-24 are CSL's 13-16
    if not month:
        return (year,)
    return (year, month) if not day else (year, month, day)


def date_in_text(text: str, *, gloss: bool = False) -> Date | None:
    """The date a CSL processor prints for a date given as text, or None if it is none.

    ``1984``, ``2019-07``, ``2019-21`` (spring), a range ``2019/2020`` or ``2019–2020``,
    and an open range printed as its start (``1984/``, ``2015–Present``, as
    citeproc-js prints them).  With *gloss* a leading date followed by other text
    (``1865 (reprinted)``) is that date, as citeproc-js reads a date in a note;
    without it such text is no date, as GB/T 7714 prints ``1865（清同治四年）``.
    The model keeps such text as a literal; this is how the renderer reads it.
    """
    text = text.strip()
    if not text:
        return None
    circa = text.endswith(("~", "%"))
    sep = "/" if "/" in text else "–" if "–" in text else None
    if sep:
        head, _, tail = text.partition(sep)
        start = _processor_part(head)
        if start is not None:
            if _OPEN_END.fullmatch(tail.strip()):
                return Date(parts=(start,), circa=circa)
            end = _processor_part(tail)
            if end is not None:
                return Date(parts=(start, end), circa=circa)
    else:
        one = _processor_part(text)
        if one is not None:
            return Date(parts=(one,), circa=circa)
    if gloss:
        m = _LEADING_DATE.match(text)
        if m and not _LEADING_RANGE.match(text):
            one = _processor_part(m[1])
            if one is not None:
                return Date(parts=(one,), circa=circa)
    return None


def _int_part(value: Any) -> int | None:
    """One date-parts value as an int; None for an empty string."""
    if isinstance(value, bool):
        raise ValueError(f"a date part is a number, not {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueError(f"a date part is a whole number, not {value!r}")
    if isinstance(value, str):
        s = value.strip()
        if not s:
            return None
        if re.fullmatch(r"[-+]?\d+", s):
            return int(s)
        month = _month(s) or SEASONS.get(s.lower())
        if month:
            return month
        raise ValueError(f"a date part is a number, not {value!r}")
    raise ValueError(f"a date part is a number, not {value!r}")


def _csl_parts(value: Any) -> tuple[DatePart, ...]:
    if not isinstance(value, list):
        raise ValueError(f"date-parts is a list of lists, not {value!r}")
    if value and all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
        value = [value]  # a flat [2019, 5] is a common slip; read it as one date
    parts: list[DatePart] = []
    for item in value:
        if not isinstance(item, list):
            raise ValueError(f"each date-parts entry is a list, not {item!r}")
        read = [v if type(v) is int else _int_part(v) for v in item]  # (an int: no call)
        nums = [n for n in read if n is not None]
        # trailing zeros ("2019-00-00" exports) mean an unknown month or day
        while len(nums) > 1 and nums[-1] == 0:
            nums.pop()
        if not nums:
            continue
        if len(nums) > 3:
            raise ValueError(f"a date part has at most year, month and day: {item!r}")
        parts.append(tuple(nums))
    if len(parts) > 2:
        raise ValueError(f"date-parts has a start and an end at most, got {len(parts)}")
    return tuple(parts)


def _circa(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "false", "no", "off")
    if isinstance(value, (bool, int, float)):
        return bool(value)
    if value is None:
        return False
    raise ValueError(f"circa is a boolean, not {value!r}")


_DATE_KEYS = frozenset(["date-parts", "season", "circa", "literal", "raw", "year", "month", "day"])


def date_from_csl(obj: Any) -> Date:
    """A :class:`Date` from a CSL-JSON date value.

    Takes the CSL 1.0 object (``date-parts`` with numbers or strings,
    ``season``, ``circa``, ``literal``, ``raw``), a bare EDTF or free-text string
    as CSL 1.1 allows, or a bare year number.  Raises ``ValueError`` for values
    that are no date at all (a list of strings, a nested object).
    """
    if type(obj) is dict and len(obj) == 1:
        found = obj.get("date-parts")
        if type(found) is list and len(found) == 1:
            part = found[0]
            if type(part) is list and 0 < len(part) <= 3 and all(type(x) is int for x in part):
                # the common case, fast: one date of numbers (a year repeats in a list)
                return _numeric_date(tuple(part))
    return _date_from_csl(obj)


@lru_cache(maxsize=4096)
def _numeric_date(part: tuple[int, ...]) -> Date:
    """:func:`date_from_csl` of ``{"date-parts": [part]}``, remembered."""
    return _date_from_csl({"date-parts": [list(part)]})


def _date_from_csl(obj: Any) -> Date:
    """:func:`date_from_csl`, every case."""
    if isinstance(obj, str):
        return parse_date(obj)
    if isinstance(obj, int) and not isinstance(obj, bool):
        return Date(parts=((obj,),))
    if type(obj) is not dict and not isinstance(obj, Mapping):  # (a dict: no slow ABC check)
        raise ValueError(f"a date is an object or a string, not {obj!r}")
    if not _DATE_KEYS.issuperset(obj):
        unknown = set(obj) - _DATE_KEYS
        raise ValueError(f"a date object has no key {sorted(unknown)[0]!r}")
    parts: tuple[DatePart, ...] = ()
    if "date-parts" in obj:
        parts = _csl_parts(obj["date-parts"])
    elif "year" in obj:  # {"year": 2019, "month": 5}: an old citeproc-js form
        flat = [
            _int_part(obj.get(k)) if obj.get(k) is not None else None
            for k in ("year", "month", "day")
        ]
        nums: list[int] = []
        for n in flat:
            if n is None:
                break
            nums.append(n)
        parts = (tuple(nums),) if nums else ()
    season = obj.get("season")
    if season is not None and not isinstance(season, (str, int)) or isinstance(season, bool):
        raise ValueError(f"season is a number or a string, not {season!r}")
    circa = _circa(obj.get("circa"))
    literal = obj.get("literal")
    if literal is not None and not isinstance(literal, str):
        raise ValueError(f"a literal date is a string, not {literal!r}")
    raw = obj.get("raw")
    if raw is not None and not isinstance(raw, str):
        raise ValueError(f"a raw date is a string, not {raw!r}")
    if parts:
        for p in parts:
            if len(p) >= 2 and not _valid_part(p):
                raise ValueError(f"no such date: {list(p)!r}")
        return Date(parts=parts, season=season, circa=circa, literal=literal)
    if raw and raw.strip() and not (literal and literal.strip()):
        parsed = parse_date(raw)
        return Date(
            parts=parsed.parts,
            season=season if season is not None else parsed.season,
            circa=circa or parsed.circa,
            literal=parsed.literal,
        )
    return Date(season=season, circa=circa, literal=literal)


def date_to_csl(date: Date) -> dict[str, Any]:
    """The CSL-JSON 1.0 object for *date*: ``date-parts`` (numbers), ``season``, a boolean ``circa``, ``literal``."""
    out: dict[str, Any] = {}
    if date.parts:
        out["date-parts"] = [list(p) for p in date.parts]
    if date.season is not None:
        out["season"] = date.season
    if date.circa:
        out["circa"] = True
    if date.literal is not None:
        out["literal"] = date.literal
    return out
