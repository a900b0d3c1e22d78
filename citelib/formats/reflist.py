"""Reference lists as text: formatted references (GB/T 7714, APA 7) read back into records.

The format reads a list pasted from Word, a PDF or a web page: one entry per line or
per paragraph, with or without labels (``[1]``, ``1.``, ``［1］``), in full- or
half-width punctuation, with stray line breaks and hyphenation.  Each entry is read by
hand-written rules for the style family its shape shows (a GB/T 7714 type code such
as ``[J]`` or ``[M/OL]``, or APA's ``Family, I. (Year).``); an entry no rule reads
becomes a ``document`` whose title is the text, with a problem.  Nothing here renders:
:func:`citelib.parse` renders each record again to prove it (``citelib.parsing``).

Values are cut from the entry as it is written (full-width brackets in a journal's
name stay); only the rules look at a copy whose punctuation is half-width.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from ..errors import ParseError, Report
from ..language import has_cjk
from ..model import Date, Library, Name, Work, new_work

__all__ = ["Entry", "ParsedEntry", "parse_entry", "read", "split_entries", "to_halfwidth"]

# ---------------------------------------------------------------------------- text


def _width_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII
        table[code] = chr(code - 0xFEE0)
    table.update({0x3000: " ", 0x3001: ",", 0xFF0E: "."})
    for ch in "–—":  # kept: GB/T uses the em dash in standard numbers
        table.pop(ord(ch), None)
    return table


_WIDTH = _width_table()


def to_halfwidth(text: str) -> str:
    """*text* with full-width ASCII and CJK punctuation made half-width, one character for one."""
    return text.translate(_WIDTH)


_LABEL = re.compile(
    r"^\s*(?:\[\s*(\d{1,4})\s*\]|［\s*(\d{1,4})\s*］|(\d{1,4})\s*[.．、)）](?!\d))\s*"
)


def _label_number(m: re.Match[str]) -> int | None:
    digits = m[1] or m[2] or m[3]
    return int(digits) if digits else None


@attrs.frozen
class Entry:
    """One entry of a pasted list: where it starts, its number, its label and its text."""

    line: int
    number: int
    label: str | None
    text: str


def _join(previous: str, following: str) -> str:
    """Two lines of one entry joined: hyphenation and URLs broken by a PDF undone."""
    if not previous:
        return following
    last = previous[-1]
    first = following[:1]
    words = previous.split()
    if (
        words
        and re.match(r"(?:https?://|www\.|doi:)", words[-1], re.I)
        and not following[:1].isupper()
    ):
        return previous + following  # a URL broken across lines
    if last == "-" and len(previous) > 1 and previous[-2].isalpha() and first.islower():
        return previous[:-1] + following  # hyphenated word
    if has_cjk(last) or has_cjk(first) or last in "-/":
        return previous + following
    return previous + " " + following


def split_entries(text: str) -> list[Entry]:
    """The entries of a pasted reference list, each on one line, whitespace collapsed.

    With labels, an entry runs from its label to the next one; without, an entry is a
    paragraph when blank lines separate entries of several lines, else a line.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    filled = [(i + 1, line.strip()) for i, line in enumerate(lines) if line.strip()]
    if not filled:
        return []
    groups: list[tuple[int, list[str]]] = []
    first_label = _LABEL.match(filled[0][1])
    if first_label:
        # labelled: an entry runs to the next label; ``12.`` starts one only as the next number
        # (a line broken before ``2013.`` is no new entry), ``[12]`` always
        expected = _label_number(first_label)
        for at, line in filled:
            m = _LABEL.match(line)
            number = _label_number(m) if m else None
            bracketed = m is not None and (m[1] or m[2]) is not None
            if m and (bracketed or number == expected or not groups):
                groups.append((at, [line]))
                expected = number + 1 if number is not None else None
            else:
                groups[-1][1].append(line)
    elif any(not line.strip() for line in lines[filled[0][0] - 1 : filled[-1][0]]):
        start: int | None = None
        for i, line in enumerate(lines):
            if line.strip():
                if start is None:
                    start = i + 1
                    groups.append((start, []))
                groups[-1][1].append(line.strip())
            else:
                start = None
    else:
        groups = [(at, [line]) for at, line in filled]
    out: list[Entry] = []
    for count, (first, parts) in enumerate(groups, 1):
        joined = ""
        for part in parts:
            joined = _join(joined, part)
        joined = " ".join(joined.split())
        label = None
        m = _LABEL.match(joined)
        if m:
            label = joined[: m.end()].strip()
            joined = joined[m.end() :]
        out.append(Entry(first, count, label, joined))
    return out


# ---------------------------------------------------------------------------- names

_COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "诸葛",
        "上官",
        "东方",
        "皇甫",
        "令狐",
        "慕容",
        "夏侯",
        "尉迟",
        "长孙",
        "宇文",
        "司徒",
        "公孙",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "轩辕",
        "钟离",
        "闻人",
        "万俟",
        "澹台",
        "公冶",
        "宗政",
        "濮阳",
        "淳于",
        "单于",
        "太叔",
        "申屠",
        "仲孙",
        "呼延",
        "百里",
        "东郭",
        "拓跋",
    ]
)
_PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "le",
        "la",
        "ten",
        "ter",
        "dos",
        "das",
    ]
)
_INITIALS = re.compile(r"^(?:[^\W\d_][^\W\d_]?\.?(?:-[^\W\d_][^\W\d_]?\.?)?)$")
_SUFFIXES = frozenset(["Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"])


def _initial(word: str) -> bool:
    return (
        bool(_INITIALS.match(word))
        and word[0].isupper()
        and (len(word) == 1 or not word[1].isupper() or "-" in word or word[1] == ".")
    )


def _cjk_name(text: str) -> Name:
    if "·" in text or "•" in text or len(text) > 4 or len(text) < 2:
        return Name(literal=text) if len(text) > 4 else Name(family=text)
    if len(text) >= 3 and text[:2] in _COMPOUND_SURNAMES:
        return Name(family=text[:2], given=text[2:])
    return Name(family=text[0], given=text[1:])


def _gbt_name(text: str) -> Name:
    """A name as GB/T 7714 prints it: ``孙柏瑛``, ``SMITH J A``, ``VEEN P H van der``."""
    text = text.strip()
    if has_cjk(text):
        return _cjk_name(text.replace(" ", "")) if " " not in text.strip() else Name(literal=text)
    words = text.split()
    if len(words) < 2:
        return (
            Name(literal=text) if len(words) == 1 and not words[0].isupper() else Name(family=text)
        )
    suffix = None
    if len(words) > 2 and words[-1] in _SUFFIXES:
        suffix = words.pop()
    i = len(words)
    while i > 1 and words[i - 1] in _PARTICLES:
        i -= 1
    particles = words[i:]
    j = i
    while j > 1 and _initial(words[j - 1]):
        j -= 1
    if j == i:  # no initials: an institution or a name we cannot split
        return Name(literal=text)
    given = " ".join(w if w.endswith(".") else w + "." for w in words[j:i])
    return Name(
        family=" ".join(words[:j]),
        given=given,
        dropping_particle=" ".join(particles) or None,
        suffix=suffix,
    )


_ETAL = re.compile(r"^(?:等|et al\.?|等\.?|\.\.\.|…)$", re.I)


def _names(text: str, split: re.Pattern[str]) -> tuple[tuple[Name, ...], bool]:
    """Names from a list and whether it ends in 等/et al. (an incomplete list)."""
    names: list[Name] = []
    incomplete = False
    parts: list[str] = []
    for part in split.split(text):
        if parts and re.fullmatch(r"\s*(?:Inc|Ltd|LLC|Co|Corp|S\.A|GmbH)\.?\s*", part):
            parts[-1] += ", " + part.strip()
        elif parts and re.fullmatch(r"\s*(?:Jr|Sr|II|III|IV)\.?\s*", part):
            parts[-1] += " " + part.strip()  # SMITH J, Jr: the suffix of the name before
        else:
            parts.append(part)
    for part in parts:
        part = (
            part.strip(" .")
            if not part.strip().endswith(("Inc.", "Ltd.", "Co.", "Corp."))
            else part.strip()
        )
        tail = re.search(r"\s+(?:等|et al\.?)$", part)
        if tail:
            incomplete = True
            part = part[: tail.start()]
        if not part:
            continue
        if _ETAL.match(part) or _ETAL.match(part + "."):
            incomplete = True
            continue
        names.append(_gbt_name(part))
    return tuple(names), incomplete


_COMMA = re.compile(r"\s*,\s*")


def _plausible_names(text: str, *, strict: bool = False) -> bool:
    """Whether *text* (before the first full stop) reads as a GB/T list of creators;
    *strict*: Western names only as persons (``SMITH J``) or capitalised institutions, as
    editors must be to tell them from a book's title."""
    parts = [p.strip(" .") for p in _COMMA.split(text) if p.strip(" .")]
    if not parts or len(text) > 400:
        return False
    for part in parts:
        if _ETAL.match(part) or _ETAL.match(part + "."):
            continue
        if has_cjk(part):
            part = re.sub(r"^(?:\[[^\]]{1,3}\]|\([^)]{1,3}\))", "", part)
            if len(part) > 40 or re.search(r"[:《》“”\[\]]", part):
                return False
            continue
        words = part.split()
        while len(words) > 1 and words[0] in _PARTICLES:
            words = words[1:]
        if not words or len(words) > 8 or not words[0][:1].isupper() or ":" in part:
            return False
        if len(words) == 1 and len(words[0]) < 2:
            return False
        if words[-1] in ("v", "vs"):
            return False  # Brown v. Board: a case, not a person
        if strict and not (_initial(words[-1]) or all(w[:1].isupper() for w in words)):
            return False
        if re.search(r"\d", part):
            return False
    return True


# ---------------------------------------------------------------------------- GB/T 7714

TYPE_CODES: dict[str, str] = {
    "M": "book",
    "C": "book",
    "G": "book",
    "N": "article-newspaper",
    "J": "article-journal",
    "D": "thesis",
    "R": "report",
    "S": "standard",
    "P": "patent",
    "DB": "dataset",
    "DS": "dataset",
    "CP": "software",
    "EB": "webpage",
    "A": "collection",
    "CM": "map",
    "PP": "article",
    "Z": "document",
}
"""The GB/T 7714 type code of each kind of work, and the CSL type read for it."""

_CODE = re.compile(
    r"\[\s*("
    + "|".join(sorted(TYPE_CODES, key=len, reverse=True))
    + r")\s*(?:/\s*([^\]\[]{1,60}?))?\s*\]"
)
_ISO_DATE = r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?"
_YEAR = r"\[?c?\d{4}[a-z]?\]?(?:\([^)]*\))?[a-z]?(?:[—–-](?:\d{4})?)?|n\.d\.(?:-[a-z])?|出版年不详|无日期(?:-[a-z])?"


@attrs.frozen
class ParsedEntry:
    """A work read from one entry, the style family it was read as, and what was doubtful."""

    work: Work
    family: str | None
    incomplete: tuple[str, ...] = ()
    doubts: tuple[str, ...] = ()
    #: other readings of the same text, tried in order when ``work`` does not render back
    #: (``佚名`` is the author in a numeric list, no author in an author-date one)
    alternatives: tuple[Work, ...] = ()


class _Cut:
    """The entry as written and a half-width copy of the same length: rules match the copy,
    values are cut from the original."""

    def __init__(self, text: str) -> None:
        self.o = text
        self.n = to_halfwidth(text)

    def val(self, start: int, end: int) -> str:
        return self.o[start:end].strip(" ,;:")


def _date(text: str) -> Date | None:
    text = text.strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text)
    if m:
        return Date.of(int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None)
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})[a-z]?", text)
    if m:
        return Date.of(int(m[1]))
    return Date(literal=text)


def _identifier(text: str) -> bool:
    """Whether *text* after a title's last colon reads as a number, not a subtitle."""
    text = text.strip()
    if len(text) > 40 or not re.search(r"\d", text):
        return False
    if re.fullmatch(r"\d{4}(?:\s*[-–—]\s*\d{4})?|(?:v|Vol)\.\s*\d+", text):  # years, volumes
        return False
    if has_cjk(text):  # 国发〔2007〕19号, （1988）浙法民上字 7 号, 主席令第80号, 中国, 2006101...
        return (
            text.endswith("号")
            or re.fullmatch(r"[^,\d]{1,20},\s*[A-Z]{0,3}[\d.]+[A-Z]?\d*", text) is not None
        )
    words = text.split()
    return len(words) <= 4 and not any(len(w) > 3 and w.islower() for w in words)


def _year(c: _Cut, year: str, m: re.Match[str] | None) -> Date | None:
    """The date an author-date head gives (``2012a``, ``[2025]``, ``1865（清同治四年）``)."""
    if year.startswith(("n.d.", "出版年不详", "无日期")):
        return None
    bare = re.sub(r"(?<=\d)[a-z]$|(?<=\))[a-z]$", "", year.strip("[]"))
    bare = re.sub(r"(\d{4})[a-z](?=\(|$)", r"\1", bare)
    if re.fullmatch(r"\d{4}", bare):
        return Date.of(int(bare))
    span = re.fullmatch(r"(\d{4})\s*[-–—/]\s*(\d{4})", bare)
    if span:
        return Date(parts=((int(span[1]),), (int(span[2]),)))
    if m is not None and "(" in bare:
        text = c.o[m.start(2) : m.end(2)]
        return Date(literal=re.sub(r"[a-z]$", "", text))
    return Date(literal=bare)


def _gbt(entry: str, hint: str | None = None) -> ParsedEntry | None:
    c = _Cut(entry)
    s = c.n
    code = _CODE.search(s)
    if code is None:
        return None
    fields: dict[str, object] = {}
    doubts: list[str] = []
    incomplete: list[str] = []
    renames: list[tuple[str, str]] = []  # other readings: a value in another field
    kind = code.group(1)
    carrier = code.group(2)
    if carrier and carrier != "OL":
        fields["medium"] = carrier
    head_end, tail_start = code.start(), code.end()
    # -- the end: DOI, URL, dates in brackets
    end = len(s.rstrip(" ."))
    for key, pid in (("cstr", "CSTR"), ("doi", "DOI"), ("cstr", "CSTR")):  # either last
        m = re.search(r"\b" + pid + r"\s*:\s*(\S+?)\s*\.?$", s[:end], re.I)
        if m and m.start() >= tail_start and key not in fields:
            fields[key] = c.val(m.start(1), m.end(1))
            end = len(s[: m.start()].rstrip(" ."))
    m = re.search(r"(?:https?|ftp)://\S+$", s[:end])
    if m and m.start() >= tail_start:
        fields["url"] = c.o[m.start() : m.end()]
        end = len(s[: m.start()].rstrip(" ."))
    m = re.search(r"\[(\d{4}(?:-\d{1,2}){0,2})\]$", s[:end])
    if m and m.start() >= tail_start:
        fields["accessed"] = _date(m[1])
        end = m.start()
    updated: str | None = None
    m = re.search(r"\((" + _ISO_DATE + r")\)$", s[:end])
    if m and m.start() >= tail_start:
        updated = m[1]
        end = m.start()
    # -- the head: creators (and the year, author-date) and the title
    head = s[:head_end]
    family = "gbt-author-date" if hint == "gbt-author-date" else "gbt-numeric"
    year: str | None = None
    title_start = 0
    ad = re.match(r"^(.*?)\s*[,.]\s*(" + _YEAR + r")\.\s*", head)  # 2005: "Name. 2000."
    if ad and (not ad[1] or _plausible_names(ad[1])):
        family = "gbt-author-date"
        creators = ad[1]
        year = ad[2]
        title_start = ad.end()
    else:
        creators = ""
        for m in re.finditer(r"(?:et al|等)?\.\s*", head):
            before = head[: m.start()]
            after = head[m.start() + 1 :]
            if re.search(r"(?:^|\s)(?:[A-Z]\.)+[A-Z]$", before) or (
                re.search(r"(?:^|\s)[A-Z]$", before) and re.match(r"[A-Z]\.", after)
            ):
                continue  # U.S. Department: the stops of an abbreviation
            candidate = head[: m.end()].rstrip(" .") if m[0][:1] in "e等" else before
            if _plausible_names(candidate):
                creators = candidate
                title_start = m.end()
            break
    anonymous = creators.strip() in ("佚名", "Anon", "Anon.")
    if anonymous and family == "gbt-numeric":  # author-date styles print it for no author
        fields["author"] = (Name(literal=creators.strip().rstrip(".")),)
    elif creators and not anonymous:
        names, etal = _names(creators, _COMMA)
        fields["author"] = names
        if etal:
            incomplete.append("author")
    title = c.val(title_start, head_end)
    # a number follows the title after a colon: a standard's, a patent's, a report's, a
    # document's (国发〔2007〕19号), an archive's call number
    m = re.search(
        r"(?<!\d):\s*((?:[^:]|(?<=\d):(?=\d))*\d(?:[^:]|(?<=\d):(?=\d))*)$", s[title_start:head_end]
    )
    if m and kind not in ("M", "C", "J", "G") and _identifier(m[1]):
        key = "archive_location" if kind == "A" else "number"
        fields[key] = c.val(title_start + m.start(1), head_end)
        title = c.val(title_start, title_start + m.start())
        country = re.match(r"([^,\d]{1,20}),\s*", m[1])
        if kind == "P" and country:  # 中国, 200610171314.3: where it was granted
            fields["publisher_place"] = c.val(
                title_start + m.start(1), title_start + m.start(1) + country.end(1)
            )
            fields["number"] = c.val(title_start + m.start(1) + country.end(), head_end)
    if kind == "S":
        m = _STANDARD_NUMBER.match(s[title_start:head_end])
        if m and "number" not in fields:
            fields["number"] = c.val(title_start, title_start + m.end(1))
            title = c.val(title_start + m.end(), head_end)
    if (
        kind in ("M", "C", "G", "R", "A", "Z", "CM")
        and not contained_after(s, tail_start)
        and "number" not in fields
    ):
        m = _VOLUME.search(s[title_start:head_end])
        if m:
            fields["volume"] = _volume(c, title_start, m)
            title = c.val(title_start, title_start + m.start())
    if title:
        fields["title"] = title
    if kind == "CM":  # a map: its scale after the title, its size at the end
        m = re.search(r"\.\s*(1\s*:\s*[\d,]+)$", s[title_start:head_end])
        if m and title:
            fields["scale"] = c.val(title_start + m.start(1), title_start + m.end(1))
            fields["title"] = c.val(title_start, title_start + m.start())
        m = re.search(
            r"\.\s*(\d+(?:\.\d+)?\s*(?:cm|mm)\s*[×x]\s*\d+(?:\.\d+)?\s*(?:cm|mm))$", s[:end]
        )
        if m and m.start() >= tail_start:
            fields["dimensions"] = c.val(m.start(1), m.end(1))
            end = m.start()
    # -- the tail
    m = re.match(r"\.\s*([^.]+?)\s*,?\s*(?:译|trans\.?)\s*(?=//)", s[tail_start:end])
    if m and _translators(
        s[tail_start + m.start(1) : tail_start + m.end()].strip(), fields, incomplete
    ):
        tail_start += m.end()  # "[M]. 陈霄, 译//刘刚. ...": a translated part of a book
    tail_s = s[tail_start:end]
    type_ = TYPE_CODES[kind]
    contained = tail_s.startswith("//")
    if kind == "C":
        type_ = "paper-conference" if contained else "book"
        if not contained:
            fields["subtype"] = "proceedings"
            if "author" in fields:  # GB/T prints the editors of proceedings as their creators
                fields["editor"] = fields.pop("author")
                incomplete[:] = ["editor" if f == "author" else f for f in incomplete]
    if kind == "M" and contained:
        type_ = "chapter"
    fields["type"] = type_
    pos = tail_start + (2 if contained else 0)
    pos += len(s[pos:end]) - len(s[pos:end].lstrip(" ."))
    if contained:
        # editors (optional). container. rest
        seg = _segments(s, pos, end)
        if seg:
            first = s[seg[0][0] : seg[0][1]]
            if len(seg) > 2 and _plausible_names(first, strict=True):
                eds, etal = _names(first, _COMMA)
                fields["editor"] = eds
                if etal:
                    incomplete.append("editor")
                seg = seg[1:]
            if seg:
                a, b = seg[0]
                m = _VOLUME.search(s[a:b])
                if m:
                    fields["volume"] = _volume(c, a, m)
                    b = a + m.start()
                fields["container_title"] = c.val(a, b)
                seg = seg[1:]
                ym = re.search(r",\s*(\d{4})(?::\s*([^:,]+))?$", s[a:b])
                pm = re.search(r":\s*(\d[\d\s\-–—,]*)$", s[a:b])
                if not seg and year is not None and pm and not ym:
                    # author-date "//conference: 2": its pages
                    fields["container_title"] = c.val(a, a + pm.start())
                    renames.append(("container_title", "event_title"))
                    fields["page"] = c.val(a + pm.start(1), a + pm.end(1))
                elif not seg and ym:
                    # "//name, year: pages": a proceedings' title, or (2025) a conference's
                    # name, tried second
                    fields["container_title"] = c.val(a, a + ym.start())
                    renames.append(("container_title", "event_title"))
                    fields["issued"] = _date(ym[1])
                    if ym[2]:
                        fields["page"] = c.val(a + ym.start(2), a + ym.end(2))
        pos = seg[0][0] if seg else end
    serial = None
    if kind == "J" and not contained:
        segs = _segments(s, pos, end)
        if len(segs) > 1 and _translators(s[segs[0][0] : segs[0][1]].strip(), fields, incomplete):
            pos = segs[1][0]
        elif len(segs) > 1 and re.fullmatch(r"[\d\s(),/—–-]+", s[segs[0][0] : segs[0][1]]):
            serial = segs[0]  # a whole journal: "1984, 1(1)-. 武汉: 出版者, 1984-."
    if serial is not None:
        fields["type"] = "periodical"
        fields["volume"] = c.val(*serial)
        _publication(c, serial[1], end, fields, doubts, incomplete, dated=year is not None)
    elif kind in ("J", "N") and not contained:
        _periodical(c, pos, end, fields, family, year, kind)
    else:
        _publication(c, pos, end, fields, doubts, incomplete, dated=year is not None)
    if year is not None and re.fullmatch(r"\[\d{4}[a-z]?\]", year):
        # "[2025]": no date of its own; the bracketed year is the year it was cited
        if "accessed" not in fields:
            fields["accessed"] = Date.of(int(year[1:5]))
    elif year is not None and "issued" not in fields:
        fields["issued"] = _year(c, year, ad)
    elif year is not None and family == "gbt-author-date":
        issued = fields["issued"]
        if isinstance(issued, Date) and issued.year is not None and str(issued.year) != year[:4]:
            doubts.append(f"year {year} in the head but {issued} in the tail")
    if updated is not None:
        # "(2013-04-16)" before the cited date: when the work was published or updated; it
        # is the issued date unless another date is given (the year of an author-date head
        # is its year)
        issued = fields.get("issued")
        same_year = (
            isinstance(issued, Date)
            and len(issued.parts) == 1
            and issued.parts[0] == (int(updated[:4]),)
        )
        if issued is None or same_year:
            fields["issued"] = _date(updated)
        else:
            fields["extra"] = (("updated", updated),)
    fields = {k: v for k, v in fields.items() if v not in (None, "", ())}
    work = new_work(**fields)
    alternatives: list[Work] = [
        work.evolve(**{old: None, new: getattr(work, old)})
        for old, new in renames
        if getattr(work, old) is not None
    ]
    if anonymous:  # the other reading of 佚名/Anon
        alternatives.append(
            work.evolve(author=())
            if work.author
            else work.evolve(author=(Name(literal=creators.strip().rstrip(".")),))
        )
    return ParsedEntry(work, family, tuple(incomplete), tuple(doubts), tuple(alternatives))


_VOLUME = re.compile(
    r":\s*(?:(?P<num>(?:第\s*(?P<n1>\d+)\s*卷)|卷\s*(?P<n2>\d+)|(?:v|Vol)\.\s*(?P<n3>\d+))"
    r"|(?P<text>(?:第\s*)?[^:]{1,6}?(?<!年)\s*[卷册辑集部编]|[上中下]))$"
)
_STANDARD_NUMBER = re.compile(
    r"^((?:[A-Z]{2,}(?:/[A-Z]+)*)\s*[\dA-Z.]+(?:-\d+)*(?:[—–-]\d{4}|:\d{4})(?:\(\w+\))?)\s*"
)


def _volume(c: _Cut, base: int, m: re.Match[str]) -> str:
    """The volume after a title: ``：第1卷``, ``：卷 1``, ``: v. 1`` give ``1``; ``：下册`` stays."""
    if m["num"]:
        return m["n1"] or m["n2"] or m["n3"]
    return c.val(base + m.start("text"), base + m.end("text"))


def contained_after(s: str, at: int) -> bool:
    """Whether a ``//`` (the work it is part of) follows the type code ending at *at*."""
    return s[at : at + 2] == "//"


def _segments(s: str, start: int, end: int, *, dotted: bool = False) -> list[tuple[int, int]]:
    """Spans of *s* between full stops (``. `` or a final ``.``) from *start* to *end*.

    A stop after an initial or an abbreviation (``Rev. ed.``, ``Univ.``, ``Inc.``) that a
    lower-case word or a comma follows does not end a segment, nor one in brackets
    (``(S. H. Butcher, Trans.)``, ``(4th ed., pp. 43–110)``).
    """
    out: list[tuple[int, int]] = []
    pos = start
    depth = [0] * (end - start + 1)
    level = 0
    for i, ch in enumerate(s[start:end]):
        if ch in "([":
            level += 1
        elif ch in ")]" and level:
            level -= 1
        depth[i] = level
    stops = r"[.?!](?:\s+|$)" if dotted else r"\.(?:\s+|$)"
    for m in re.finditer(stops, s[start:end]):
        if depth[m.start()]:
            continue
        at = start + m.start()
        after = s[start + m.end() : start + m.end() + 1]
        word = re.search(r"([^\s:,;]+)$", s[pos:at])
        last = word[1] if word else ""
        version = re.fullmatch(r"[Vv]\d+(?:\.\d+)*", s[pos:at].strip()) is not None
        if after and (after.islower() or after in ",:") and not version:
            continue
        if re.fullmatch(r"[A-Z]", last) and (
            dotted
            or re.match(r"\s*[A-Z]\.(?:\s|$)", s[start + m.end() : start + m.end() + 3])
            or re.search(r"(?:^|\s)[A-Z]\.\s+\S+$", s[pos:at])
        ):
            continue
        if re.fullmatch(r"(?:[A-Za-z]{1,4}\.)+[A-Za-z]{1,4}", last):  # U.S., e.g.
            continue
        if re.fullmatch(r"Inc|Co|Ltd|Univ|No|Vol|St|Dept|Corp|Assoc|Colo|Mass|Calif", last):
            continue
        if s[at] in "?!":
            at += 1  # a title's question mark is its own
            if not after or not after.isupper():
                continue
        if s[pos:at].strip():
            out.append((pos, at))
        pos = start + m.end()
    if s[pos:end].strip(" ."):
        out.append((pos, end))
    return out


_EDITION = re.compile(
    r"^(?:\S+\s*版|.*\bed(?:ition)?\.?|第.+版|修订本|.*(?:刻本|影印本|抄本|重印本))$"
)
_TRANSLATOR = re.compile(r"^(.*?)\s*,?\s*(译|編譯|编译|trans\.?|译注|编)$")


def _translators(text: str, fields: dict[str, object], incomplete: list[str]) -> bool:
    """Read ``names, 译`` (``names, trans.``) into ``translator``; whether *text* was that."""
    m = _TRANSLATOR.match(text)
    if not (m and m[1]) or not _plausible_names(m[1]):
        return False
    names, etal = _names(m[1], _COMMA)
    fields["translator"] = names
    if etal:
        incomplete.append("translator")
    return True


def _publication(
    c: _Cut,
    pos: int,
    end: int,
    fields: dict[str, object],
    doubts: list[str],
    incomplete: list[str],
    dated: bool = False,
) -> None:
    """``[edition. ][translators, 译. ]place: publisher, year: pages`` after the type code
    (``place: publisher: pages`` when the year is *dated* before the title, author-date)."""
    s = c.n
    segs = _segments(s, pos, end)
    if not segs:
        return
    *before, last = segs
    for a, b in before:
        text = s[a:b].strip()
        if _translators(text, fields, incomplete):
            continue
        vm = re.fullmatch(r"(?:[Vv]|[Vv]ersion\s*)(\d+(?:\.\d+)*)", text)
        if vm:
            fields["version"] = vm[1]
            continue
        if _EDITION.match(text) and "edition" not in fields:
            value = c.val(a, b)
            m = re.fullmatch(r"(\d+)\s*(?:版|st ed\.?|nd ed\.?|rd ed\.?|th ed\.?)", value)
            fields["edition"] = m[1] if m else value
            continue
        if "container_title" not in fields and fields.get("type") in (
            "chapter",
            "paper-conference",
        ):
            fields["container_title"] = c.val(a, b)
            continue
        doubts.append(f"unread part {c.val(a, b)!r}")
    a, b = last
    text = s[a:b]
    # pages after the last colon when a year or a publisher precedes it
    m = re.search(r":\s*([^:]*)$", text)
    if (
        m
        and (re.search(r"\d|[ivxlcdm]+$|序|前言", m[1]) or len(m[1].strip()) <= 6)
        and (
            re.search(r"(?:" + _YEAR + r")\s*$", text[: m.start()])
            or text[: m.start()].count(":") >= 1
            or (dated and re.fullmatch(r"\s*[\dA-Za-z]*\d[\d\s,\-–—.A-Za-z]*", m[1]))
        )
    ):
        fields["page"] = c.val(a + m.start(1), b)
        text = text[: m.start()]
    b2 = a + len(text)
    # the year (or date) at the end
    m = re.search(
        r"(?:^|,\s*)(c?" + _ISO_DATE + r"(?:\([^)]*\)|[a-z]|[-—–/](?:\d{4})?)?)\s*$", text
    )
    if m:
        value = m[1]
        span = re.fullmatch(r"(\d{4})[-—–/](\d{4})", value)
        literal = "(" in value or value.startswith("c") or re.fullmatch(r"\d{4}[-—–/]", value)
        if span:
            fields["issued"] = Date(parts=((int(span[1]),), (int(span[2]),)))
        elif literal:
            fields["issued"] = Date(literal=c.val(a + m.start(1), a + m.end(1)))
        else:
            fields["issued"] = _date(value)
        text = text[: m.start()]
    b2 = a + len(text)
    if not text.strip():
        return
    if dated and re.fullmatch(r"\s*\d+(?:\s*[-–—]\s*\d+)?\s*", text) and "page" not in fields:
        fields["page"] = c.val(a, b2)  # author-date: "container. 15." gives pages alone
        return
    place, publisher = (
        ("archive_place", "archive")
        if fields.get("type") == "collection"
        else ("publisher_place", "publisher")
    )
    m = re.match(r"^([^:]+?)\s*:\s*(.+)$", text)
    if m:
        fields[place] = c.val(a + m.start(1), a + m.end(1))
        fields[publisher] = c.val(a + m.start(2), b2)
    else:
        fields[publisher] = c.val(a, b2)


def _periodical(
    c: _Cut, pos: int, end: int, fields: dict[str, object], family: str, year: str | None, kind: str
) -> None:
    """``container, year, volume(issue): pages`` (numeric) or ``container, volume(issue): pages``."""
    s = c.n
    text = s[pos:end].rstrip(" .")
    stop = pos + len(text)
    m = re.search(r":\s*([^:]+)$", text)
    if m and re.search(r"\d", m[1]):
        fields["page"] = c.val(pos + m.start(1), stop)
        stop = pos + m.start()
    text = s[pos:stop]
    m = re.search(r"\(([^()]*)\)$", text)
    if m and (len(m[1]) <= 12 or kind == "N"):
        key = "page" if kind == "N" else "issue"
        fields[key] = c.val(pos + m.start(1), pos + m.end(1))
        stop = pos + m.start()
    text = s[pos:stop].rstrip()
    if kind == "N" or family == "gbt-numeric":
        m = re.search(r"^(.*?),\s*(" + _ISO_DATE + r")(?:\s*,\s*([^,]+))?$", text)
        if m:
            fields["issued"] = _date(m[2])
            if m[3]:
                fields["volume"] = c.val(pos + m.start(3), pos + m.end(3))
            fields["container_title"] = c.val(pos + m.start(1), pos + m.end(1))
            return
    m = re.search(r"^(.*?),\s*(\d{4}-\d{1,2}-\d{1,2})$", text)
    if m:  # an author-date entry's full date (a weekly's issue)
        fields["issued"] = _date(m[2])
        text = m[1]
    m = re.search(r"^(.*?)(?:,\s*([^,]*\d[^,]*))?$", text)
    if m and m[2] and len(m[2]) <= 16:
        fields["volume"] = c.val(pos + m.start(2), pos + m.end(2))
        text = m[1]
    if text.strip(" ,."):
        fields["container_title"] = c.val(pos, pos + len(text))


# ---------------------------------------------------------------------------- APA 7

_APA_HEAD = re.compile(
    r"^(?P<names>.*?)\s*\((?P<year>\d{4}[a-z]?(?:,\s*[^)]*)?|n\.d\.(?:-[a-z])?)\)\.\s*(?P<rest>.*)$"
)

_APA_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.[\s-]?)+(?:\s*(?:Jr\.|Sr\.|I{2,3}))?$")


def _apa_names(text: str) -> tuple[tuple[Name, ...], bool]:
    """Names as APA lists them: ``Family, I. I., Family, I., & Family, I.``."""
    text = text.strip()
    incomplete = "…" in text or "..." in text
    text = text.replace("…", ",").replace("...", ",").replace("&", ",")
    tokens = [t.strip() for t in re.split(r"\s*,\s*", text) if t.strip()]
    names: list[Name] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if i + 1 < len(tokens) and _APA_INITIALS.match(tokens[i + 1]):
            family, given = token, tokens[i + 1]
            suffix = None
            m = re.search(r"\s*(Jr\.|Sr\.|I{2,3})$", given)
            if m:
                suffix, given = m[1], given[: m.start()]
            words = family.split()
            particle = None
            if len(words) > 1 and words[0] in _PARTICLES:
                particle, family = " ".join(words[:-1]), words[-1]
            names.append(
                Name(
                    family=family,
                    given=given.strip(),
                    non_dropping_particle=particle,
                    suffix=suffix,
                )
            )
            i += 2
            continue
        names.append(
            _cjk_name(token)
            if has_cjk(token) and len(token) <= 4
            else Name(literal=token.rstrip("."))
        )
        i += 1
    return tuple(names), incomplete


_APA_JOURNAL = re.compile(
    r"^(?P<container>.*?),\s*(?P<volume>\d[\w-]*)?\s*(?:\((?P<issue>[^()]+)\))?"
    r"(?:,\s*(?P<article>Article\s+)?(?P<page>[\w–-]+))?$"
)


def _dated(value: object) -> bool:
    """Whether *value* is a date with a month (a page or post, not a book)."""
    return isinstance(value, Date) and bool(value.parts) and len(value.parts[0]) > 1


def _apa_parens(inner: str, fields: dict[str, object]) -> bool:
    """Read what APA puts in brackets after a title (``4th ed., Vol. 2, pp. 5–9``,
    ``No. 12``, ``S. H. Butcher, Trans.``, ``RMRS-GTR-262``); whether it was all read."""
    found: dict[str, object] = {}
    for part in re.split(r"\s*;\s*", inner.strip()):
        m = re.fullmatch(r"(.*?),\s*(Trans|Ed|Eds)\.", part)
        if m:
            names = re.sub(r"\b((?:[A-Z]\.\s?)+)\s*([^,&]+)", r"\2, \1", m[1])
            found["translator" if m[2] == "Trans" else "editor"] = _apa_names(names)[0]
            continue
        for item in re.split(r",\s*", part):
            if m := re.fullmatch(r"(\d+)(?:st|nd|rd|th) ed\.|(.+?) ed\.", item):
                found["edition"] = m[1] or m[2]
            elif m := re.fullmatch(r"pp?\.\s*(.+)", item):
                found["page"] = m[1]
            elif m := re.fullmatch(r"Vol(?:s)?\.\s*(.+)", item):
                found["volume"] = m[1]
            elif m := re.fullmatch(r"(?:[A-Z][a-z]+ )?No\.\s*(.+)", item):
                found["number"] = m[1]
            elif m := re.fullmatch(r"Version\s+(.+)", item):
                found["version"] = m[1]
            elif re.fullmatch(
                r"[A-Z][A-Z0-9]*(?:[-/ ][A-Z0-9]+)*[-: ]?\d[\w:.-]*(?:\(\w+\))?", item
            ):
                found["number"] = item
            else:
                return False
    fields.update(found)
    return bool(found)


_APA_JOURNAL_TAIL = re.compile(r"^[^.]*,\s*\d[\w-]*\s*(?:\([^()]+\))?(?:,\s*[\w–-]+)?\.?$")


def _apa_untitled(c: _Cut, m: re.Match[str], fields: dict[str, object]) -> ParsedEntry | None:
    """An APA entry with no creator: ``Title. (Year). Container, vol(issue), pages.``"""
    s = c.n
    fields["title"] = c.val(m.start("names"), m.end("names")).rstrip(".")
    year = m["year"]
    if not year.startswith("n.d."):
        fields["issued"] = Date.of(int(year[:4]))
    a = m.start("rest")
    b = len(s.rstrip(" ."))
    um = re.search(r"\s*(https?://\S+)$", s[:b])
    if um and um.start() >= a:
        link = re.match(r"https?://(?:dx\.)?doi\.org/(\S+)$", um[1])
        fields["doi" if link else "url"] = link[1] if link else c.o[um.start(1) : um.end(1)]
        b = len(s[: um.start()].rstrip(" ."))
    bracket = re.match(r"\[([^\]]+)\]\.?\s*", s[a:b])
    if bracket:
        fields["genre"] = bracket[1]
        a += bracket.end()
    jm = _APA_JOURNAL.match(s[a:b])
    if jm and (jm["volume"] or jm["issue"]):
        fields["type"] = "article-journal"
        fields["container_title"] = c.val(a + jm.start("container"), a + jm.end("container"))
        for key in ("volume", "issue"):
            if jm[key]:
                fields[key] = c.val(a + jm.start(key), a + jm.end(key))
        if jm["page"]:
            fields["number" if jm["article"] else "page"] = c.val(
                a + jm.start("page"), a + jm.end("page")
            )
    elif s[a:b].strip():
        fields["type"] = "book"
        fields["publisher"] = c.val(a, b)
    else:
        fields["type"] = "document"
    fields = {k: v for k, v in fields.items() if v not in (None, "", ())}
    return ParsedEntry(new_work(**fields), "apa")


def _apa(entry: str) -> ParsedEntry | None:
    c = _Cut(entry)
    s = c.n
    m = _APA_HEAD.match(s)
    if m is None:
        return None
    fields: dict[str, object] = {}
    incomplete: list[str] = []
    doubts: list[str] = []
    editors = re.search(r"\s*\((Eds?|ed)\.\)\s*\.?$", m["names"])
    names_text = m["names"][: editors.start()] if editors else m["names"]
    rest_text = m["rest"]
    title_first = not editors and (
        rest_text.startswith("[")
        or bool(_APA_JOURNAL_TAIL.search(re.sub(r"\s*https?://\S+$", "", rest_text)))
        and not re.search(r",\s*(?:[A-Z][a-z]?\.\s?)+(?:,|$|\s*&)", names_text)
    )
    if title_first or not rest_text.strip():  # no creator: APA moves the title before the year
        return _apa_untitled(c, m, fields)
    if names_text.strip():
        names, etal = _apa_names(names_text)
        fields["editor" if editors else "author"] = names
        if etal:
            incomplete.append("editor" if editors else "author")
    year = m["year"]
    if not year.startswith("n.d."):
        ym = re.match(r"(\d{4})(?:,\s*(\w+)(?:\s+(\d{1,2}))?)?", year)
        assert ym is not None
        month = _MONTHS.get((ym[2] or "").lower()[:3])
        fields["issued"] = Date.of(int(ym[1]), month, int(ym[3]) if month and ym[3] else None)
    pos = m.start("rest")
    end = len(s.rstrip())
    dm = re.search(r"\s*https?://(?:dx\.)?doi\.org/(\S+)$", s[:end])
    if dm:
        fields["doi"] = c.o[dm.start(1) : dm.end(1)]
        end = dm.start()
    else:
        end = len(re.sub(r"\s*\(Original work published [^)]*\)$", "", s[:end]))
        um = re.search(r"\s*(?:Retrieved .*? from\s+)?(https?://\S+)$", s[:end])
        if um:
            fields["url"] = c.o[um.start(1) : um.end(1)]
            end = um.start()
    segs = _segments(s, pos, end, dotted=True)
    if not segs:
        return None
    # the title runs to the element that names where the work is: a journal's
    # "name, volume(issue), pages", a book's "In editors (Eds.), title", else the last
    k = next(
        (
            i
            for i in range(1, len(segs))
            if s[segs[i][0] :].startswith("In ")
            or (lambda jm: jm is not None and bool(jm["volume"] or jm["issue"]))(
                _APA_JOURNAL.match(s[segs[i][0] : segs[i][1]])
            )
        ),
        len(segs) - 1 if len(segs) > 1 else 1,
    )
    ta, tb = segs[0][0], segs[k - 1][1]
    title_text = s[ta:tb]
    bracket = re.search(r"\s*\[([^\]]+)\]$", title_text)
    if bracket:
        fields["genre"] = bracket[1]
        thesis = re.fullmatch(
            r"((?:PhD|Doctoral|Master's|Masters|Bachelor's)[^,]*?(?:thesis|dissertation)),\s*(.+)",
            bracket[1],
        )
        if thesis:
            fields |= {"type": "thesis", "genre": thesis[1], "publisher": thesis[2]}
        tb = ta + bracket.start()
        title_text = s[ta:tb]
    paren = re.search(r"\s*\(([^()]*)\)$", title_text)
    if paren and _apa_parens(paren[1], fields):
        tb = ta + paren.start()
    fields["title"] = c.val(ta, tb)
    rest = segs[k:]
    if rest and s[rest[0][0] :].startswith("In "):
        a, b = rest[0]
        im = re.match(r"In (?:(.*?) \((Eds?)\.\),\s*)?(.*?)(?:\s*\(([^()]*)\))?$", s[a:b])
        fields["type"] = "chapter"
        if im:
            if im[1]:
                eds = re.sub(r"\b((?:[A-Z]\.\s?)+)\s*([^,&]+)", r"\2, \1", im[1])
                fields["editor"] = _apa_names(eds)[0]
            fields["container_title"] = c.val(a + im.start(3), a + im.end(3))
            if im[4] and not _apa_parens(im[4], fields):
                fields["container_title"] = c.val(a + im.start(3), b)
        if len(rest) > 1:
            fields["publisher"] = c.val(*rest[1])
    elif rest:
        a, b = rest[0]
        jm = _APA_JOURNAL.match(s[a:b])
        if jm and (jm["volume"] or jm["issue"]):
            fields["type"] = "article-journal"
            fields["container_title"] = c.val(a + jm.start("container"), a + jm.end("container"))
            for key in ("volume", "issue"):
                if jm[key]:
                    fields[key] = c.val(a + jm.start(key), a + jm.end(key))
            if jm["page"]:
                key = "number" if jm["article"] else "page"
                fields[key] = c.val(a + jm.start("page"), a + jm.end("page"))
        elif "url" in fields and _dated(fields.get("issued")):
            fields["type"] = "webpage"  # a dated page on a site: the site's name
            fields["container_title"] = c.val(a, b)
        elif "publisher" not in fields:
            fields.setdefault("type", "book")
            fields["publisher"] = c.val(a, b)
        for a, b in rest[1:]:
            doubts.append(f"unread part {c.val(a, b)!r}")
    else:
        fields.setdefault("type", "webpage" if "url" in fields else "book")
    fields = {k: v for k, v in fields.items() if v not in (None, "", ())}
    return ParsedEntry(new_work(**fields), "apa", tuple(incomplete), tuple(doubts))


_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}


# ---------------------------------------------------------------------------- entries


def parse_entry(text: str, family: str | None = None) -> ParsedEntry | None:
    """The work one entry describes (label dropped), or None when no rule reads it.

    *family* (``gbt-numeric``, ``gbt-author-date``, ``apa``) is the list's, if known: its
    rules are tried first, and a GB/T entry with no year after its creators is read as an
    author-date one when the list is.
    """
    found: ParsedEntry | None
    for rule in ("apa", "gbt") if family == "apa" else ("gbt", "apa"):
        found = _gbt(text, family) if rule == "gbt" else _apa(text)
        if found is not None and (found.work.title or found.work.author):
            return found
    return None


def _language(work: Work) -> Work:
    text = (work.title or "") + "".join(str(n) for n in work.author)
    return work.evolve(language="zh-CN" if has_cjk(text) else "en-US")


def read_entries(
    text: str, family: str | None = None
) -> Iterator[tuple[Entry, ParsedEntry | None]]:
    """Each entry of *text* with what the rules read from it.

    Without *family*, the list's own decides: a GB/T list whose entries mostly put the year
    after the creators is author-date, and its entries without a year are read so too.
    """
    entries = split_entries(text)
    if family is None:
        read = [parse_entry(e.text) for e in entries]
        families = [r.family for r in read if r is not None and r.family != "apa"]
        if families and families.count("gbt-author-date") * 2 >= len(families):
            family = "gbt-author-date"
        else:
            yield from zip(entries, read, strict=True)
            return
    for entry in entries:
        yield entry, parse_entry(entry.text, family)


def read(
    text: str, *, source: str = "<string>", strict: bool = False, **options: object
) -> Library:
    """Works from a pasted reference list, unverified (:func:`citelib.parse` verifies them)."""
    report = Report(source)
    works: list[Work] = []
    for entry, parsed in read_entries(text):
        key = f"_:{entry.number}"
        if parsed is None:
            report.warning(
                "unparsed-reference",
                f"entry {entry.number}: no rule reads it; kept as a document titled with its text",
                line=entry.line,
                key=key,
            )
            works.append(new_work(id=key, type="document", title=entry.text))
            continue
        works.append(_language(parsed.work.evolve(id=key)))
    if strict and report.problems:
        raise ParseError.from_problems(report.problems)
    return Library(works, report.problems)


def sniff(text: str) -> bool:
    """Whether *text* looks like a GB/T 7714 reference list (type codes on most lines)."""
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    return bool(lines) and sum(1 for line in lines if _CODE.search(to_halfwidth(line))) * 2 > len(
        lines
    )
