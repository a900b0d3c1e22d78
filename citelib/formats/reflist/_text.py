"""Entries of a pasted list: widths, labels, joined lines, full stops that end elements."""

from __future__ import annotations

import re

import attrs

from ...language import has_cjk
from ...model import Date, Work


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


#: GB/T 7714-1987's label, a bare number: taken only in a list numbered so from 1
_BARE_LABEL = re.compile(r"^\s*(\d{1,4})\s+(?=[^\d\s])")


def _bare_numbered(filled: list[tuple[int, str]]) -> bool:
    """Whether a list is numbered ``1 ``, ``2 ``, ...: its first line starts ``1 `` and the
    line starting the second entry ``2 ``."""
    first = _BARE_LABEL.match(filled[0][1])
    return (
        first is not None
        and first[1] == "1"
        and any((m := _BARE_LABEL.match(line)) is not None and m[1] == "2" for _, line in filled)
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
    bare = first_label is None and _bare_numbered(filled)
    if bare:
        # "1 Name. Title. Place: Publisher, 1987.": a number starts an entry only as the next
        following = 1
        for at, line in filled:
            m = _BARE_LABEL.match(line)
            if m and int(m[1]) == following:  # the first line is "1 " (_bare_numbered)
                groups.append((at, [line]))
                following += 1
            else:
                groups[-1][1].append(line)
    elif first_label:
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
        m = (_BARE_LABEL if bare else _LABEL).match(joined)
        if m:
            label = joined[: m.end()].strip()
            joined = joined[m.end() :]
        out.append(Entry(first, count, label, joined))
    return out


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
    #: how many of ``alternatives`` (the first ones) are the same record to the style: a
    #: value in a field it prints in the same place (a conference's name where a
    #: proceedings' title goes); the others are rival readings, and an entry that renders
    #: back from two rival readings is ambiguous, so not verified
    equivalents: int = 0
    #: what rendering cannot prove even when the record renders back (a name printed
    #: whole: a body's, or a person's written out in a style that does not abbreviate)
    unproved: tuple[str, ...] = ()
    #: the type code the entry's shape suggested when it prints none (``J``, ``M/OL``)
    inferred: str | None = None
    #: the part of the entry the record renders as, where the entry has more: the Chinese
    #: half of one followed by its English translation, an entry without its language note
    own: str | None = None
    #: that translation as written, and as read (None: no rule reads it)
    translation_text: str | None = None
    translation: ParsedEntry | None = None
    #: whether the entry prints GB/T 7714's placeholders for an unknown place or publisher
    #: (``[S.l.]: [s.n.]``, ``[出版地不详]``): left out of the record, rendered again
    placeholders: bool = False


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


def _word_start(s: str, pos: int, at: int) -> int:
    """Where the word ending at *at* starts (not before *pos*): after the last space, ``:``,
    ``,`` or ``;``. A backward scan, so the cost is the word's length, not the segment's."""
    i = at
    while i > pos and not (s[i - 1].isspace() or s[i - 1] in ":,;"):
        i -= 1
    return i


def _after_initial(s: str, pos: int, first: int) -> bool:
    """True if an initial (``A.``) and spaces stand right before the run of non-spaces
    that holds *first*, the initial itself at *pos* or after a space."""
    i = first
    while i > pos and not s[i - 1].isspace():
        i -= 1
    first = i
    while i > pos and s[i - 1].isspace():
        i -= 1
    if i == first or i - 2 < pos or s[i - 1] != "." or not ("A" <= s[i - 2] <= "Z"):
        return False
    return i - 2 == pos or s[i - 3].isspace()


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
    # a stop before or after a Chinese character ends an element with no space (译．2 版)
    cjk = "\u3400-\u4dbf\u4e00-\u9fff"
    stops = (
        r"[.?!](?:\s+|$)" if dotted else rf"\.(?:\s+|$|(?=[{cjk}]))|(?<=[{cjk}])\.(?=[\dA-Za-z(\[])"
    )
    for m in re.finditer(stops, s[start:end]):
        if depth[m.start()]:
            continue
        at = start + m.start()
        after = s[start + m.end() : start + m.end() + 1]
        first = _word_start(s, pos, at)
        last = s[first:at]
        version = re.fullmatch(r"[Vv]\d+(?:\.\d+)*", s[pos:at].strip()) is not None
        if after and (after.islower() or after in ",:") and not version:
            continue
        if re.fullmatch(r"[A-Z]", last) and (
            dotted
            or re.match(r"\s*[A-Z]\.(?:\s|$)", s[start + m.end() : start + m.end() + 3])
            or _after_initial(s, pos, first)
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
