"""APA 7 entries read back into works."""

from __future__ import annotations

import re

from ...language import has_cjk
from ...model import Date, Work, new_work
from ._names import _apa_names
from ._text import ParsedEntry, _Cut, _segments

_APA_HEAD = re.compile(
    r"^(?P<names>.*?)\s*\((?P<year>\d{4}[a-z]?(?:,\s*[^)]*)?|n\.d\.(?:-[a-z])?)\)\.\s*(?P<rest>.*)$"
)


_APA_JOURNAL = re.compile(
    r"^(?P<container>.*?),\s*(?P<volume>\d[\w-]*)?\s*(?:\((?P<issue>[^()]+)\))?"
    r"(?:,\s*(?P<article>Article\s+)?(?P<page>[\w–-]+))?$"
)
#: a periodical's volume and issue with no name before them (a special section's "6(1), 51–104")
_APA_ISSUE_ONLY = re.compile(
    r"^(?P<volume>\d[\w-]*)\s*\((?P<issue>[^()]+)\)(?:,\s*(?P<page>\d[\w–-]*))?$"
)
#: pages alone, or after a name that is neither a volume nor an issue ("RGDIP, 15–47")
_APA_PAGES = re.compile(r"^(?:(?P<container>[^,]*\D[^,]*),\s*)?(?P<page>\d+(?:\s*[–-]\s*\d+)?)$")
#: an archive, the work's place in it and the archive's place: "档案馆 (04-01-35), 北京"
_APA_ARCHIVE = re.compile(
    r"^(?P<archive>[^()]*[^()\d\s,])\s*\((?P<location>[^()]*\d[^()]*)\),\s*(?P<place>[^\d()]+)$"
)

#: the role APA prints after creators who stand where the author goes
_ROLES = {
    "ed": "editor",
    "eds": "editor",
    "compiler": "compiler",
    "compilers": "compiler",
    "director": "director",
    "directors": "director",
    "host": "host",
    "hosts": "host",
    "producer": "producer",
    "producers": "producer",
    "executive producer": "executive_producer",
    "executive producers": "executive_producer",
    "curator": "curator",
    "curators": "curator",
    "organizer": "organizer",
    "organizers": "organizer",
    "chair": "chair",
    "chairs": "chair",
}
_ROLE = re.compile(r"\s*\(((?:Eds?|ed)\.|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\)\s*\.?$")

#: words that name a publisher, and words that name a periodical or a site: where a value
#: stands alone after the title, a publisher and a periodical print alike in APA 7
_PUBLISHER_WORDS = re.compile(
    r"出版|[书書][局店社]|印[书書]馆|印書館|文献中心|閣$|Press\b|\bPublish|Books\b|Verlag"
    r"|Editions|Éditions|Wiley|Springer|Elsevier|Routledge|Sage\b|Penguin|Macmillan|Norton"
    r"|Harper|Random House|McGraw|Thieme|Gruyter|Lippincott|Wilkins|Saunders|Mosby|Pearson"
    r"|Prentice|Addison|Wesley|Cengage|Wadsworth|Houghton|Knopf|Doubleday|Schuster|Vintage"
    r"|Blackwell|Brill|Kluwer|Karger|Erlbaum|Guilford|Jossey|Plenum|Palgrave|Bloomsbury"
    r"|Polity|Verso|Scholastic|Hachette|Gallimard|Suhrkamp|Hafner|Heinemann|Hodder|Longman"
    r"|Little, Brown|Farrar|Rowman|Crown|Viking|Bantam|Dover|Sinauer|Freeman|Academic"
    r"|Inc\b|Ltd\b|LLC|GmbH|Co\.|Company|Group|Corporation|Universit|Univ\.|College"
    r"|Institut|Association|Society|Office|Department|Ministry|Organi[sz]ation|Council"
    r"|Agency|Bank\b|Cent(?:er|re)|Foundation|Bureau|Commission|Committee|Nations"
    r"|大学|学院|研究所|研究院|委员会|协会|学会|公司|中心|政府|[部局院所]$",
    re.I,
)
_CONTAINER_WORDS = re.compile(
    r"Journal|Review|Quarterly|Bulletin|Proceedings|Letters|Magazine|Annals|Transactions"
    r"|Gazette|Times\b|News\b|Post\b|Herald|Tribune|Wikipedia|Blog|Podcast|学报|杂志|期刊"
    r"|月刊|季刊|[^出]报$|Zeitschrift|Revue|Rivista|Acta\b|Archives of|会议$|Conference"
    r"|Symposium|Meeting|Congress|Workshop",
    re.I,
)

_CJK_NUMERALS = "一二三四五六七八九十百千零〇"
#: a volume named after a Chinese title (APA prints a volume that is no number there):
#: ``第 4 册``, ``上``, ``下册``, ``2011 年卷``, ``上卷第一分册``, ``美国卷``
_CJK_VOLUME = re.compile(
    rf":\s+((?:第\s*[\d{_CJK_NUMERALS}]+\s*[册卷辑编集部]|[上中下][册卷编集]?"
    rf"|[^:：,，。的手答试画书长案]{{0,6}}[卷册])(?:\s*第[^:：,，]{{1,4}}分?册)?)$"
)
_VOLUME_TITLE = re.compile(r":\s+Vol\.\s*(?P<volume>[^.\s]+)(?:\.\s+(?P<title>.+))?$")


_ORDINAL_EDITIONS = frozenset(
    [
        "First",
        "Second",
        "Third",
        "Fourth",
        "Fifth",
        "Sixth",
        "Seventh",
        "Eighth",
        "Ninth",
        "Tenth",
        "Revised",
    ]
)


def _dated(value: object) -> bool:
    """Whether *value* is a date with a month (a page or post, not a book)."""
    return isinstance(value, Date) and bool(value.parts) and len(value.parts[0]) > 1


def _flip(names: str) -> str:
    """Names written given name first (``W. A. Sodeman Jr. & L. Liben``) as APA lists them
    family first (``Sodeman, W. A., Jr., & Liben, L.``)."""

    def one(m: re.Match[str]) -> str:
        family, suffix = m[2].strip(), ""
        sm = re.search(r"\s+(Jr\.|Sr\.|I{2,3}|IV)$", family)
        if sm:
            family, suffix = family[: sm.start()], " " + sm[1]
        return f"{family}, {m[1].strip()}{suffix}"

    return re.sub(r"\b((?:[A-Z]\.\s?)+)\s*([^,&]+)", one, names)


def _apa_parens(inner: str, fields: dict[str, object]) -> bool:
    """Read what APA puts in brackets after a title (``4th ed., Vol. 2, pp. 5–9``,
    ``No. 12``, ``S. H. Butcher, Trans.``, ``K. Mazur, Narr.``, ``RMRS-GTR-262``);
    whether it was all read."""
    found: dict[str, object] = {}
    for part in re.split(r"\s*;\s*", inner.strip()):
        m = re.fullmatch(r"(.*?),\s*(Trans|Eds?|Narr)\.", part)
        if m:
            role = {"Trans": "translator", "Narr": "narrator"}.get(m[2], "editor")
            found[role] = _apa_names(_flip(m[1]))[0]
            continue
        for item in re.split(r",\s+", part):
            if m := re.fullmatch(r"(\d+)(?:st|nd|rd|th) ed\.|(.+?) ed\.", item):
                found["edition"] = m[1] or m[2]
            elif m := re.fullmatch(r"pp?\.\s*(.+)", item):
                found["page"] = m[1]
            elif m := re.fullmatch(r"Vol(?:s)?\.\s*(.+)", item):
                found["volume"] = m[1]
            elif m := re.fullmatch(r"(?:(.+?)\s+)?No\.\s*(.+)", item):
                found["number"] = m[2]  # "Report No. 12": the genre before the number
                if m[1]:
                    found["genre"] = m[1]
            elif (
                item in _ORDINAL_EDITIONS or has_cjk(item) and re.search(r"[本版]$", item)
            ):  # "(Third)": an edition written out
                found["edition"] = item
            elif m := re.fullmatch(r"Version\s+(.+)", item):
                found["version"] = m[1]
            elif re.fullmatch(
                r"[A-Z][A-Z0-9]*(?:[-/ ][A-Z0-9]+)*[-: ]?\d[\w:.—-]*(?:\(\w+\))?", item
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
    jm = _APA_JOURNAL.match(c.n[a:b]) or _APA_ISSUE_ONLY.match(c.n[a:b])
    if not (jm and (jm["volume"] or jm["issue"])):
        return False
    fields["type"] = "article-journal"
    if "container" in jm.groupdict() and jm["container"]:
        fields["container_title"] = c.val(a + jm.start("container"), a + jm.end("container"))
    for key in ("volume", "issue"):
        if jm[key]:
            fields[key] = c.val(a + jm.start(key), a + jm.end(key))
    if jm["page"]:
        key = "number" if jm.groupdict().get("article") else "page"
        fields[key] = c.val(a + jm.start("page"), a + jm.end("page"))
    return True


def _volume(c: _Cut, a: int, b: int, fields: dict[str, object]) -> int:
    """Where the title at ``[a, b)`` ends once the volume APA prints after it is read:
    ``Handbook: Vol. 2. Cognitive processes``, ``师伏堂日记: 第 4 册``."""
    text = c.n[a:b]
    vm = _VOLUME_TITLE.search(text)
    if vm and "volume" not in fields:
        fields["volume"] = c.val(a + vm.start("volume"), a + vm.end("volume"))
        if vm["title"]:
            fields["volume_title"] = c.val(a + vm.start("title"), a + vm.end("title"))
        return a + vm.start()
    cm = _CJK_VOLUME.search(text)
    if cm and "volume" not in fields and has_cjk(cm[1]) and has_cjk(text[: cm.start()]):
        fields["volume"] = c.val(a + cm.start(1), a + cm.end(1))
        return a + cm.start()
    return b


def _title(c: _Cut, a: int, b: int, fields: dict[str, object]) -> None:
    """The title at ``[a, b)`` with what APA prints after it: a bracketed description
    (``[Doctoral dissertation, University]``), notes in brackets, a volume."""
    s = c.n
    bracket = re.search(r"\s*\[([^\]]+)\]$", s[a:b])
    if bracket:
        fields["genre"] = c.val(a + bracket.start(1), a + bracket.end(1))
        thesis = re.fullmatch(
            r"([^,]*(?:thesis|dissertation|论文)[^,]*?),\s*(.+)", bracket[1], flags=re.I
        )
        if thesis:
            fields["type"] = "thesis"
            fields["genre"] = c.val(a + bracket.start(1), a + bracket.start(1) + thesis.end(1))
            fields["publisher"] = c.val(
                a + bracket.start(1) + thesis.start(2), a + bracket.start(1) + thesis.end(2)
            )
        b = a + bracket.start()
    paren = re.search(r"\s*\(([^()]*)\)$", s[a:b])
    if paren and _apa_parens(paren[1], fields):
        b = a + paren.start()
    b = _volume(c, a, b, fields)
    fields["title"] = c.val(a, b)


def _container_kind(value: str) -> str | None:
    """``publisher`` or ``container`` when the words of *value* say which it is, else None."""
    publisher = _PUBLISHER_WORDS.search(value) is not None
    container = _CONTAINER_WORDS.search(value) is not None
    if publisher != container:
        return "publisher" if publisher else "container"
    return None


def _chapter(c: _Cut, a: int, b: int, fields: dict[str, object]) -> None:
    """``In Editors (Eds.), Book (pp. 5–9)`` at ``[a, b)``: the book a chapter is in."""
    s = c.n
    fields["type"] = "chapter"
    im = re.match(r"In (?:(.*?) \((Eds?)\.\),\s*)?(.*?)(?:\s*\(([^()]*)\))?$", s[a:b])
    if im is None:  # pragma: no cover - the pattern matches any text after "In "
        return
    if im[1]:
        fields["editor"] = _apa_names(_flip(im[1]))[0]
    ca, cb = a + im.start(3), a + im.end(3)
    if im[4] and not _apa_parens(im[4], fields):
        cb = b
    # a book's own author (CSL's container-author): "In 马克思 & 恩格斯, 马克思恩格斯全集"
    am = re.match(
        r"((?:[^,()&]{1,40},\s+)*[^,()&]{1,40},?\s+&\s+[^,()&]{1,40}"
        r"|(?:[A-Z]\.\s?)+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?),\s+(?=\S)",
        s[ca:cb],
    )
    if am and not im[1]:
        names = _apa_names(_flip(am[1]))[0]
        if all(n.family or len(n.literal or "") <= 8 for n in names):
            fields["container_author"] = names
            ca += am.end()
    cb = _volume(c, ca, cb, fields)
    fields["container_title"] = c.val(ca, cb)


def _rest(
    c: _Cut, segs: list[tuple[int, int]], fields: dict[str, object], doubts: list[str]
) -> None:
    """What follows the title: a book's publisher, a journal's name, volume, issue and
    pages, the book a chapter is in, an archive, a site."""
    s = c.n
    if not segs:
        fields.setdefault("type", "webpage" if "url" in fields else "book")
        return
    if s[segs[0][0] :].startswith("In "):
        # the book runs to the publisher, the last element ("Vol. 2. Cognitive processes")
        a, b = segs[0][0], segs[-2][1] if len(segs) > 1 else segs[0][1]
        _chapter(c, a, b, fields)
        if len(segs) > 1:
            fields["publisher"] = c.val(*segs[-1])
        return
    a = segs[0][0]
    b = segs[-1][1] if _APA_JOURNAL_TAIL.match(s[a : segs[-1][1]]) else segs[0][1]
    rest = [(a, b)] if b == segs[-1][1] else segs
    text = s[a:b]
    pm = _APA_PAGES.match(text)
    am = _APA_ARCHIVE.match(text)
    if _journal(c, a, b, fields):
        pass
    elif pm:
        fields["type"] = "article-journal"
        if pm["container"]:
            fields["container_title"] = c.val(a + pm.start("container"), a + pm.end("container"))
        fields["page"] = c.val(a + pm.start("page"), a + pm.end("page"))
    elif "publisher" in fields:  # a thesis's database or archive: "[Master's thesis, U]. ProQuest"
        fields["archive"] = c.val(a, b)
    elif am:
        fields.setdefault("type", "manuscript")
        fields["archive"] = c.val(a + am.start("archive"), a + am.end("archive"))
        fields["archive_location"] = c.val(a + am.start("location"), a + am.end("location"))
        fields["archive_place"] = c.val(a + am.start("place"), a + am.end("place"))
    elif "url" in fields and _dated(fields.get("issued")):
        fields["type"] = "webpage"  # a dated page on a site: the site's name
        fields["container_title"] = c.val(a, b)
    elif _container_kind(text) == "container":
        fields["type"] = "article-journal"  # a periodical with no volume (online first)
        fields["container_title"] = c.val(a, b)
    else:
        fields.setdefault("type", "book")
        fields["publisher"] = c.val(a, b)
    for a, b in rest[1:]:
        doubts.append(f"unread part {c.val(a, b)!r}")


def _links(c: _Cut, a: int, end: int, fields: dict[str, object]) -> int:
    """Read the DOI or URL that ends the entry, and the date of the original work after it
    (``(Original work published 1948)``, or the bare year other programs print); where what
    comes before them ends."""
    s = c.n
    om = re.search(r"\s*\((?:Original work published )?(\d{4})\)$", s[a:end])
    if om and (
        om[0].lstrip().startswith("(Original") or re.search(r"://\S+$", s[a : a + om.start()])
    ):
        fields["original_date"] = Date.of(int(om[1]))
        end = a + om.start()
    else:  # "(Original work published as Title, Publisher)", pandoc's "(as Title)": not
        # read, so never verified
        end = a + len(re.sub(r"\s*\((?:Original work published |as )[^)]*\)$", "", s[a:end]))
    dm = re.search(r"\s*https?://(?:dx\.)?doi\.org/(\S+)$", s[a:end])
    if dm:
        fields["doi"] = c.o[a + dm.start(1) : a + dm.end(1)]
        return a + dm.start()
    um = re.search(r"\s*(?:Retrieved .*? from\s+)?(https?://\S+)$", s[a:end])
    if um:
        fields["url"] = c.o[a + um.start(1) : a + um.end(1)]
        return a + um.start()
    return end


#: what no creator's name holds: a title's colon, a volume, quotes, a Chinese title's marks
_NOT_NAMES = re.compile(r":\s|\bVol\.|[《》“”\"]|\(\d")


def read_entry(entry: str) -> ParsedEntry | None:
    """The work an APA 7 entry describes, or None without ``(Year).`` after its creators."""
    # APA puts a full stop that ends a quoted title inside the quotes ("term “prostate.”"):
    # put it back after them, where it parts the elements
    c = _Cut(re.sub(r"\.([”\"])(?=\s|$)", r"\1.", entry))
    s = c.n
    m = _APA_HEAD.match(s)
    if m is None:
        return None
    fields: dict[str, object] = {}
    incomplete: list[str] = []
    doubts: list[str] = []
    role_m = _ROLE.search(m["names"])
    role = _ROLES.get(role_m[1].rstrip(".").lower()) if role_m else None
    names_text = m["names"][: role_m.start()] if role and role_m else m["names"]
    rest_text = m["rest"]
    title_first = not role and (
        rest_text.startswith(("[", "In "))
        or bool(_APA_JOURNAL_TAIL.search(re.sub(r"\s*https?://\S+$", "", rest_text)))
        and not re.search(r",\s*(?:[A-Z][a-z]?\.\s?)+(?:,|$|\s*&)", names_text)
        or _NOT_NAMES.search(names_text) is not None
    )
    year = m["year"]
    if not year.startswith("n.d."):
        ym = re.match(r"(\d{4})(?:,\s*(\w+)(?:\s+(\d{1,2}))?)?", year)
        assert ym is not None
        month = _MONTHS.get((ym[2] or "").lower()[:3])
        fields["issued"] = Date.of(int(ym[1]), month, int(ym[3]) if month and ym[3] else None)
    pos = m.start("rest")
    end = _links(c, pos, len(s.rstrip()), fields)
    if title_first or not rest_text.strip():  # no creator: APA moves the title before the year
        return _entry(_untitled(c, m, pos, end, fields, doubts), incomplete, doubts)
    if names_text.strip():
        names, etal = _apa_names(names_text)
        field = role or "author"
        fields[field] = names
        if etal:
            incomplete.append(field)
    segs = _segments(s, pos, end, dotted=True)
    if not segs:
        return None
    # the title runs to the element that names where the work is: a journal's
    # "name, volume(issue), pages", a book's "In editors (Eds.), title", else the last;
    # at least to a bracketed description ("Game on! Integrating games [PowerPoint slides]")
    found = next(
        (
            i
            for i in range(1, len(segs))
            if s[segs[i][0] :].startswith("In ")
            or (lambda jm: jm is not None and bool(jm["volume"] or jm["issue"]))(
                _APA_JOURNAL.match(s[segs[i][0] : segs[i][1]])
            )
        ),
        None,
    )
    if found is not None:
        k = found
    else:
        described = next((i + 1 for i, (a, b) in enumerate(segs) if s[a:b].endswith("]")), 0)
        k = max(len(segs) - 1 if len(segs) > 1 else 1, min(described, len(segs)))
    while (
        k > 1
        and k < len(segs)
        and re.fullmatch(r"[A-Z][a-z]{0,4}", s[segs[k - 1][0] : segs[k - 1][1]])
    ):
        k -= 1  # "Br. Med. J., 283(6292), 628": an abbreviated journal name
    _title(c, segs[0][0], segs[k - 1][1], fields)
    _rest(c, segs[k:], fields, doubts)
    rivals: tuple[Work, ...] = ()
    creators = fields.get("author")
    if (
        k == len(segs)
        and isinstance(creators, tuple)
        and len(creators) == 1
        and creators[0].literal
    ):
        # "Body. (Year). Title." may be "Title. (Year). Publisher.": a work with no creator
        # whose publisher or archive follows the date
        alone = s[segs[0][0] : segs[-1][1]]
        words = alone.split()
        # a publisher's or a site's words, or a proper name (APA writes a work's title in
        # sentence case): "King James Bible. (2017). King James Bible Online."
        proper = len(words) <= 5 and all(w[:1].isupper() for w in words)
        named = _container_kind(alone) == "publisher" or _ARCHIVE_WORDS.search(alone) or proper
        if named and not re.search(r"[()\[\]]", alone):
            other = _untitled(
                c,
                m,
                pos,
                end,
                {f: v for f, v in fields.items() if f in ("issued", "original_date", "url", "doi")},
                [],
            )
            rivals = (_work(other),)
    return _entry(fields, incomplete, doubts, rivals)


def _untitled(
    c: _Cut,
    m: re.Match[str],
    pos: int,
    end: int,
    fields: dict[str, object],
    doubts: list[str],
) -> dict[str, object]:
    """*fields* read as an entry with no creator: ``Title. (Year). [Map]. In Book. Publisher.``"""
    s = c.n
    fields = dict(fields)
    _title(c, m.start("names"), m.start("names") + len(m["names"].rstrip(" .")), fields)
    bracket = re.match(r"\[([^\]]+)\]\.?\s*", s[pos:end])
    if bracket:
        fields["genre"] = bracket[1]
        pos += bracket.end()
    _rest(c, _segments(s, pos, end, dotted=True), fields, doubts)
    if not s[pos:end].strip(" ."):
        fields["type"] = "webpage" if "url" in fields else "document"
    return fields


#: words that name an archive or a collection rather than a publisher
_ARCHIVE_WORDS = re.compile(
    r"Archiv|档案|Collection|Museum|Gallery|Library|[档博美]术?馆|图书馆", re.I
)


def _alternatives(work: Work) -> tuple[Work, ...]:
    """Rival readings of *work* that APA prints alike: a name standing alone after the
    title may be a publisher, a periodical or site (an article online before its issue, a
    post), or an archive (``[Photograph]. National Geographic.``), unless its words say
    which or the work is surely a book (an edition, a translator, editors, a volume)."""
    out: list[Work] = []
    lone = not (work.volume or work.issue or work.page or work.number)
    book = bool(
        work.edition
        or work.translator
        or work.editor
        or work.number_of_volumes
        or not (work.genre or work.url or work.doi)
    )
    if work.publisher and not work.container_title and work.type != "thesis" and lone:
        kind = _container_kind(work.publisher)
        if kind != "publisher" and not book:
            out.append(
                work.evolve(type="article-journal", publisher=None, container_title=work.publisher)
            )
        if (kind is None and work.genre) or _ARCHIVE_WORDS.search(work.publisher):
            out.append(work.evolve(publisher=None, archive=work.publisher))
    elif (
        work.container_title
        and not work.publisher
        and work.type in ("article-journal", "webpage")
        and lone
        and _container_kind(work.container_title) != "container"
    ):
        out.append(work.evolve(type="book", container_title=None, publisher=work.container_title))
    # a museum or an archive and its place: "Art Institute of Chicago, Chicago, IL, United
    # States" (a publisher is printed without one)
    where = re.fullmatch(
        r"([^,]+),\s+((?:[A-Z][\w.]*(?: [A-Z][\w.]*)*,\s+)+[A-Z][\w.]*(?: [A-Z]\w*)*)",
        work.publisher or "",
    )
    if where and not work.archive:
        out.append(work.evolve(publisher=None, archive=where[1], archive_place=where[2]))
    # "康熙字典: 巳集上 水部": a Chinese title's subtitle after a half-width colon may be the
    # volume APA prints there (a Chinese subtitle is written after a full-width one)
    for field in ("title", "container_title"):
        value = getattr(work, field) or ""
        vm = re.fullmatch(r"([^:]+?):\s+([^:,，.()]{1,12})", value)
        if vm and not work.volume and has_cjk(vm[1]) and has_cjk(vm[2]):
            out.append(work.evolve(**{field: vm[1], "volume": vm[2]}))
        # "Handbook: Vol. 4. Socialization": the volume may be the title's own words
        if value and work.volume and work.volume_title and field == _volume_of(work):
            whole = f"{value}: Vol. {work.volume}. {work.volume_title}"
            out.append(work.evolve(**{field: whole, "volume": None, "volume_title": None}))
    return tuple(out)


def _volume_of(work: Work) -> str:
    """The field whose volume APA prints after it: the book's (a chapter's) or the title."""
    return "container_title" if work.type == "chapter" else "title"


#: a note APA prints in brackets after a title that the rules could not read: the record
#: renders back with it in the title, but that proves nothing
_UNREAD_NOTE = re.compile(
    r"\(([^()]*(?:\bpp?\.\s*\S|\bed\.|\bVols?\.|\bNo\.|,\s*[A-Z][a-z]{1,5}\.)[^()]*)\)$"
    r"|\((?:[A-Z]\.\s?)+[A-Z][^()]*\)$"  # a person's name: "(K. Mazur)", a translator's
    r"|\([^()\w]*\d+(?:\s*[-–]\s*\d+)?\)$"  # a bare number or range: "(1–2)", volumes
    r"|\b\d+(?:st|nd|rd|th) Cong\.?\)?$"  # a hearing's or a bill's Congress
)


def _work(fields: dict[str, object]) -> Work:
    """The work *fields* describe, the empty ones left out."""
    return new_work(**{k: v for k, v in fields.items() if v not in (None, "", ())})


def _entry(
    fields: dict[str, object],
    incomplete: list[str],
    doubts: list[str],
    rivals: tuple[Work, ...] = (),
) -> ParsedEntry:
    work = _work(fields)
    unproved = tuple(
        f"an unread note {note[0]!r} in the {field.replace('_', '-')}"
        for field in ("title", "container_title")
        if (note := _UNREAD_NOTE.search(getattr(work, field) or ""))
    )
    return ParsedEntry(
        work,
        "apa",
        tuple(incomplete),
        tuple(doubts),
        alternatives=rivals + _alternatives(work),
        unproved=unproved,
    )


_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
