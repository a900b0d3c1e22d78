"""APA 7 entries read back into works."""

from __future__ import annotations

import re

from ...model import Date, new_work
from ._names import _apa_names
from ._text import ParsedEntry, _Cut, _segments

_APA_HEAD = re.compile(
    r"^(?P<names>.*?)\s*\((?P<year>\d{4}[a-z]?(?:,\s*[^)]*)?|n\.d\.(?:-[a-z])?)\)\.\s*(?P<rest>.*)$"
)


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


def _journal(c: _Cut, a: int, b: int, fields: dict[str, object]) -> bool:
    """Read ``Container, vol(issue), pages`` (or an article number) at ``[a, b)`` into
    *fields* as a journal article; False, and nothing read, when it is not one."""
    jm = _APA_JOURNAL.match(c.n[a:b])
    if not (jm and (jm["volume"] or jm["issue"])):
        return False
    fields["type"] = "article-journal"
    fields["container_title"] = c.val(a + jm.start("container"), a + jm.end("container"))
    for key in ("volume", "issue"):
        if jm[key]:
            fields[key] = c.val(a + jm.start(key), a + jm.end(key))
    if jm["page"]:
        key = "number" if jm["article"] else "page"
        fields[key] = c.val(a + jm.start("page"), a + jm.end("page"))
    return True


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
    if _journal(c, a, b, fields):
        pass
    elif s[a:b].strip():
        fields["type"] = "book"
        fields["publisher"] = c.val(a, b)
    else:
        fields["type"] = "document"
    fields = {k: v for k, v in fields.items() if v not in (None, "", ())}
    return ParsedEntry(new_work(**fields), "apa")


def read_entry(entry: str) -> ParsedEntry | None:
    """The work an APA 7 entry describes, or None without ``(Year).`` after its creators."""
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
    while (
        k > 1
        and k < len(segs)
        and re.fullmatch(r"[A-Z][a-z]{0,4}", s[segs[k - 1][0] : segs[k - 1][1]])
    ):
        k -= 1  # "Br. Med. J., 283(6292), 628": an abbreviated journal name
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
        # the book runs to the publisher, the last element ("Vol. 2. Cognitive processes")
        a, b = rest[0][0], rest[-2][1] if len(rest) > 1 else rest[0][1]
        rest = [(a, b), rest[-1]] if len(rest) > 1 else [(a, b)]
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
        a, b = (
            rest[0][0],
            rest[-1][1] if _APA_JOURNAL_TAIL.match(s[rest[0][0] : rest[-1][1]]) else rest[0][1],
        )
        rest = [(a, b)] if b == rest[-1][1] else rest
        if _journal(c, a, b, fields):
            pass
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
