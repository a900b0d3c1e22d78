"""GB/T 7714 entries (2025, 2015, 2005; numeric and author-date) read back into works."""

from __future__ import annotations

import re

import attrs

from ...language import has_cjk
from ...model import Date, Name, Work, new_work
from ._names import (
    _BODY,
    _CJK_BODY,
    _COMMA,
    _INVERTED_NAME,
    _initialled_names,
    _name_like,
    _names,
    _plausible_names,
)
from ._text import ParsedEntry, _Cut, _date, _segments, to_halfwidth

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

#: A type code and carrier (``[J]``, ``[M/OL]``, ``[Z/four-disc ... DVD]``).
CODE = re.compile(
    r"\[\s*("
    + "|".join(sorted(TYPE_CODES, key=len, reverse=True))
    + r")\s*(?:/\s*([^\]\[]{1,60}?))?\s*\]"
)
_ISO_DATE = r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?"
_YEAR = (
    r"\[?c?\d{4}[a-z]?\]?(?:\([^)]*\))?[a-z]?(?:[—–/_-](?:\d{4}[a-z]?)?)?|n\.d\.(?:-[a-z]{1,2})?|出版年不详|无日期(?:-[a-z]{1,2})?"
    # the locales' "no date" in brackets, as citeproc-js prints it in a head
    r"|\[(?:日期不详|no date)\](?:-[a-z]{1,2})?"
)


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
    if not re.search(r"\d", re.sub(r"\b(?:1[5-9]|20)\d\d\b", "", text)):
        return False  # Fiscal Year 2017: a year is no number
    words = text.split()
    return len(words) <= 4 and not any(re.fullmatch(r"[a-z]{4,}", w) for w in words)


def _year(c: _Cut, year: str, m: re.Match[str] | None) -> Date | None:
    """The date an author-date head gives (``2012a``, ``[2025]``, ``1865（清同治四年）``)."""
    if year.startswith(("n.d.", "出版年不详", "无日期", "[日期不详]", "[no date]")):
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


_ANALYTIC_2005 = re.compile(r"\[\s*A\s*\]\s*(?:\.|//)\s*")
_HOST_2005 = re.compile(r"\[\s*([CMG])\s*\]")


def _analytic_as_2015(entry: str) -> str:
    """An analytic as GB/T 7714-1987 and -2005 print it, ``Title[A]. Editors. Book[C].``,
    written as 2015 does, ``Title[C]//Editors. Book.``; other entries as they are."""
    n = to_halfwidth(entry)
    a = _ANALYTIC_2005.search(n)
    host = _HOST_2005.search(n, a.end()) if a else None
    if a is None or host is None:
        return entry
    return f"{entry[: a.start()]}[{host[1]}]//{entry[a.end() : host.start()]}{entry[host.end() :]}"


#: a full-width stop with no space after it, not between digits (``1．5``)
_BARE_FULL_STOP = re.compile(r"．(?=\S)(?!(?<=\d．)\d)")


_TILDE_RANGE = re.compile(r"[A-Za-z]?\d+\s*[~～〜]\s*[A-Za-z]?\d+")


def read_entry(entry: str, hint: str | None = None) -> ParsedEntry | None:
    """The work a GB/T 7714 entry describes, or None without a type code; *hint* is the
    list's family (``gbt-author-date`` reads an entry with no year after its creators so)."""
    # Styles printing full-width marks write "LAPIEUVRE R．Le droit des Océans．Éditions":
    # a stop that ends an element, which between Latin words is written ". "
    c = _Cut(_BARE_FULL_STOP.sub("． ", _analytic_as_2015(entry)))
    s = c.n
    code = CODE.search(s)
    if code is None:
        return None
    fields: dict[str, object] = {}
    doubts: list[str] = []
    incomplete: list[str] = []
    renames: list[tuple[str, str]] = []  # other readings: a value in another field
    variants: list[dict[str, object]] = []  # rival readings: other values
    same: list[dict[str, object]] = []  # other values that say the same (第1卷 for 1)
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
    # (an author-date style's year letter lands in the date cited when there is no other:
    # "[2013j-03-24]", as citeproc-js prints it)
    m = re.search(r"\[(\d{4})[a-z]{0,2}((?:-\d{1,2}){0,2})\]$", s[:end])
    if m and m.start() >= tail_start:
        fields["accessed"] = _date(m[1] + m[2])
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
    # 2005: "Name. 2000."; "Name, n.d. Title": the stop of n.d. ends the year too
    ad = re.match(r"^(.*?)\s*[,.]\s*(" + _YEAR + r")(?:\.|(?<=\.d\.)(?=\s))\s*", head)
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
            if (
                re.search(r"(?:^|\s)(?:[A-Z]\.)+[A-Z]$", before)
                or (re.search(r"(?:^|\s)[A-Z]$", before) and re.match(r"\s?[A-Z]\.", after))
                or re.search(r"[·•‧・]\s?[A-Z]$", before)
            ):
                # U.S. Department, Baker S. K.: the stops of an abbreviation, initials;
                # 詹姆斯·C.斯科特: an initial inside a name written in Chinese
                continue
            if re.match(r"[a-z,，]", head[m.end() :]) or re.search(
                r"(?:^|\s)(?i:St|Ste|Mt)$", before
            ):
                # "Inc. v. Natural": no title starts in lower case; "St. Clair": a name's
                continue
            candidate = head[: m.end()].rstrip(" .") if m[0][:1] in "e等" else before
            if _plausible_names(candidate):
                creators = candidate
                title_start = m.end()
            break
    head_rival: dict[str, object] | None = None
    lone_after: tuple[str, str] | None = None
    if not creators and title_start == 0:
        # no creators read: a title's start, or creators the rules do not take for names
        # ("Holst M R, 9 workshop participants...", "..., 1975_2013."): a rival reading
        split = ad or re.search(r"[^.\s]{2}\.\s+(?=[^\sa-z])", head)
        if split is not None and split.end() < len(head):
            at = split.end(1) if ad else split.start() + 2
            names_, _ = _names(head[:at].strip(" ,;:"), _COMMA)
            rival: dict[str, object] = {"author": names_, "title": c.val(split.end(), head_end)}
            if ad:
                rival["issued"] = _year(c, ad[2], ad)  # unless the tail gives one (below)
            if names_:
                head_rival = rival
    anonymous = creators.strip() in ("佚名", "无名氏", "Anon", "Anon.", "Anonymous")
    if anonymous and family == "gbt-numeric":  # author-date styles print it for no author
        fields["author"] = (Name(literal=creators.strip().rstrip(".")),)
    elif creators and not anonymous:
        # "Fan X，Sommers C H主编": some school styles print the editors' role after them
        # ("周雪光著", "王浦劬等著": lists copied from catalogues print "著", written by)
        role = re.search(r"\s*(主编|编著|编|(?<=[\u4e00-\u9fff]{2})著)$", creators)
        if role:
            creators = creators[: role.start()]
        names, etal = _names(creators, _COMMA)
        persons, changed = _persons(names)
        fields["author"] = persons
        if role and role[1] not in ("编著", "著"):
            fields["editor"], fields["author"] = persons, ()
        if etal:
            incomplete.append("author")
        if changed:
            variants.append({"author": names})
        variants += _creator_rivals(names, creators, "author")
        more = re.match(r"([^.]{3,80}?)\.\s+", head[title_start:])
        if (
            more
            and len(names) == 1
            and _unsplit(names[0])
            and _BODY.search(more[1])
            and not has_cjk(more[1])
        ):
            # "Commonwealth Libraries Bureau. Pennsylvania Department of Education Office.
            # Title": a body and its part, or a body and the title's start
            variants.append(
                {
                    "author": (Name(literal=c.val(0, title_start + more.end(1))),),
                    "title": c.val(title_start + more.end(), head_end),
                }
            )
        if family == "gbt-numeric" and (
            any(_title_like(n) for n in names)
            or (len(names) == 1 and re.fullmatch(r"[A-Z][a-z]{1,4}", names[0].literal or ""))
        ):
            # "Dublin Core Metadata Element Set. Version 1.1": a body, or a title's start
            variants.append({"author": (), "title": c.val(0, head_end)})
    title = c.val(title_start, head_end)
    # a number follows the title after a colon: a standard's, a patent's, a report's, a
    # document's (国发〔2007〕19号), an archive's call number
    m = re.search(
        r"(?<!\d):(?!//)\s*((?:[^:]|(?<=\d):(?=\d)|:(?=//))*\d(?:[^:]|(?<=\d):(?=\d)|:(?=//))*)$",
        s[title_start:head_end],
    )
    if m and kind not in ("M", "C", "J", "G") and _identifier(m[1]):
        # an archive's call number, but a document's number (国发〔2007〕19号) even there
        key = "archive_location" if kind == "A" and not m[1].rstrip().endswith("号") else "number"
        fields[key] = c.val(title_start + m.start(1), head_end)
        title = c.val(title_start, title_start + m.start())
        country = re.match(r"([^,\d]{1,20}),\s*", m[1])
        if kind == "P" and country:  # 中国, 200610171314.3: where it was granted
            fields["publisher_place"] = c.val(
                title_start + m.start(1), title_start + m.start(1) + country.end(1)
            )
            fields["number"] = c.val(title_start + m.start(1) + country.end(), head_end)
        value = str(fields[key])
        if kind not in ("P", "S") and not value.endswith("号"):
            # after an archive's title, its call number; after another's, the document's
            # number or (held in an archive) its call number; and "Title: 3209.1" is a title
            # and a number, or one title, unless the number is a code (RMRS-GTR-262,
            # 04-01-35-0399-039)
            if kind != "A":
                variants.append({key: None, "archive_location": value})
            if not _CODE.fullmatch(value):
                variants.append({key: None, "title": c.val(title_start, head_end)})
    elif kind not in ("M", "C", "J", "G", "P", "S"):
        # "June 1990：3209.1", "全宗 1 目录 2": what may be a number after the title's last
        # colon, read as the title's end; after an archive's title, any part may be its call
        # number (党外人士座谈会记录：李劼人档案)
        m = re.search(r":(?!//)\s*([^:]{1,40})$", s[title_start:head_end])
        if m and (kind == "A" or re.search(r"\d", re.sub(r"\b(?:1[5-9]|20)\d\d\b", "", m[1]))):
            variants.append(
                {
                    "archive_location" if kind == "A" else "number": c.val(
                        title_start + m.start(1), head_end
                    ),
                    "title": c.val(title_start, title_start + m.start()),
                }
            )
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
            if m["vtitle"]:  # "：第1卷 疆域": the volume's own title
                fields["volume_title"] = c.val(title_start + m.start("vtitle"), head_end)
                # or a series, its volume and the work's title (中国科学技术史：第2卷 科学思想史)
                variants.append(
                    {
                        "collection_title": c.val(title_start, title_start + m.start()),
                        "title": fields["volume_title"],
                        "volume_title": None,
                    }
                )
            title = c.val(title_start, title_start + m.start())
            # other readings: the volume as written, or no volume but a longer title
            written = c.val(
                title_start + m.start() + 1,
                title_start + m.start("vtitle") if m["vtitle"] else head_end,
            )
            if written != fields["volume"]:
                same.append({"volume": written, "volume_title": None})
            no_volume: dict[str, object] = {
                "volume": None,
                "volume_title": None,
                "title": c.val(title_start, head_end),
            }
            if _weak_volume(m):  # "：美国卷" may end the title; "：卷1" never does
                variants.append(no_volume)
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
    # "[M]. 陈霄, 译//刘刚. ...": a translated part of a book; "[M]. 李承森, ed.//植物科学
    # 进展": the book's editors, as school styles print them before the book
    m = re.match(rf"(?:\.+\s*[^./]+?\s*,?\s*{_ROLE}\s*){{1,2}}(?=//)", s[tail_start:end])
    if m:
        parts = re.findall(rf"\.+\s*([^./]+?\s*,?\s*{_ROLE})", m[0])
        found: dict[str, object] = {}
        if all(_translators(p.strip(), found, incomplete) for p in parts):
            fields.update(found)
            tail_start += m.end()
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
        editors_start: int | None = None
        if seg:
            first = s[seg[0][0] : seg[0][1]]
            # the editors' role after them: "Brown K, ed.", "张三主编"
            role = re.search(r"(?:,\s*eds?|\s*(?:主编|编))$", first)
            if role and role.start() > 0:
                first = first[: role.start()]
            # (not before an edition: "//邓小平文选. 2 版. 人民出版社" names the book first)
            after = s[seg[1][0] : seg[1][1]].strip() if len(seg) > 1 else ""
            edition_next = _EDITION.match(after) and re.search(r"\d|版|本|[Ee]dition", after)
            if len(seg) > 2 and not edition_next and _plausible_names(first, strict=True):
                eds, etal = _names(first, _COMMA)
                fields["editor"] = eds
                if etal:
                    incomplete.append("editor")
                variants += _creator_rivals(eds, first, "editor")
                if not etal and any(
                    (_unsplit(n) and not _BODY.search(str(n)))
                    or (n.literal and has_cjk(n.literal) and not _CJK_BODY.search(n.literal))
                    for n in eds
                ):
                    # "//Cong. Rec.": an editor and a container, or a container's name
                    # (its end found below)
                    editors_start = seg[0][0]
                seg = seg[1:]
            if seg:
                a, b = seg[0]
                m = _VOLUME.search(s[a:b])
                if m:
                    fields["volume"] = _volume(c, a, m)
                    if m["vtitle"]:
                        fields["volume_title"] = c.val(a + m.start("vtitle"), b)
                    no_volume = {
                        "volume": None,
                        "volume_title": None,
                        "container_title": c.val(a, b),
                    }
                    if _weak_volume(m):  # "：美国卷" may end the title; "：卷1" never does
                        variants.append(no_volume)
                    b = a + m.start()
                fields["container_title"] = c.val(a, b)
                if editors_start is not None:
                    whole = c.val(editors_start, b)
                    variants.append({"editor": (), "container_title": whole})
                seg = seg[1:]
                if len(seg) == 1 and not re.search(r"[\d:]", s[seg[0][0] : seg[0][1]]) and not m:
                    # "//Fla. Stat.": a container and a lone value after it (a publisher, an
                    # archive), or the container's name ending with an abbreviation's stop
                    lone_after = (c.val(a, seg[0][1]), c.val(*seg[0]))
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
        _publication(
            c, serial[1], end, fields, doubts, incomplete, dated=year is not None, rivals=variants
        )
        lead = re.match(r"([^,]+),\s*(.+)$", str(fields["volume"]))
        issued = fields.get("issued")
        dates = _as_written(issued) if isinstance(issued, Date) else ""
        again = re.match(r"[^,(]+", lead[2]) if lead else None
        # the year printed twice ("1984, 1984, 1(1)-", "1883-, 1883, 1(1)-"): the dates and
        # volumes that begin with the year, nothing else
        twice = lead is not None and again is not None and _digits(again[0]) == _digits(lead[1])
        if lead and not dates and year:
            # author-date: the year is the head's; the dates before the volumes are read as
            # such where they are a span (1957/1990) or printed twice (1883-, 1883, ...),
            # not in 2025's "1984, 1(1)-" nor 2005's "1984-. ... 1984, 1(1)-"
            dates = re.sub(r"[a-z]", "", year)
            if not re.search(r"\d\D+\d", dates) and not twice:
                dates = ""
        if lead and dates and _digits(lead[1]) == _digits(dates):
            # "1984-, 1984, 1(1)-": 2015 prints the dates before the volumes too (or the
            # volumes begin with the year, as in 2025's "1979, 1(1)-")
            if not twice:
                variants.insert(0, {"volume": fields["volume"]})
            fields["volume"] = lead[2]
        elif lead and year and _digits(lead[1]) == _digits(re.sub(r"[a-z]", "", year)):
            # "2018, 6(1)" after an author-date head of 2018: 2015's date and an issue's
            # volume and number, or volumes that begin with the year
            # (an open run of volumes, 1(1)-, is the volumes': 2025's "1984, 1(1)-")
            vi = re.fullmatch(r"\s*([^()]+?)\s*\(([^()]+)\)\s*", lead[2])
            if vi:
                variants.append({"volume": vi[1], "issue": vi[2]})
    elif kind in ("J", "N") and not contained:
        _periodical(c, pos, end, fields, family, year, kind)
        digits = re.match(r"\d{4}", year or "")
        if digits and fields.get("volume") == digits[0] and "issue" not in fields:
            # author-date "Journal, 2019.": the year again (no volume), or a volume 2019
            variants.append({"volume": fields.pop("volume")})
    else:
        _publication(
            c, pos, end, fields, doubts, incomplete, dated=year is not None, rivals=variants
        )
    if fields.get("type") == "periodical" or (
        kind == "J" and not contained and year and fields.get("container_title") == year[:4]
    ):
        # a journal's issue, not an article in it ("Title: theme[J]. 2018, 73(4)." has the
        # year where a journal's name would go): the part after the title's colon may be
        # the issue's own title
        if fields.get("type") != "periodical":
            fields["type"] = "periodical"
            del fields["container_title"]
        tm = re.search(r":\s*([^:]+)$", s[title_start:head_end])
        if tm:
            variants.append(
                {
                    "title": c.val(title_start, title_start + tm.start()),
                    "volume_title": c.val(title_start + tm.start(1), head_end),
                }
            )
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
    if lone_after is not None:
        longer, lone = lone_after
        held = [
            f
            for f in ("publisher", "archive", "publisher_place", "archive_place")
            if fields.get(f) == lone
        ]
        if held and not _PUBLISHER_WORD.search(lone):  # 中国政法大学出版社 is a publisher
            variants.append({"container_title": longer, **{f: None for f in held}})
    if head_rival is not None:
        if "issued" in fields:
            head_rival.pop("issued", None)
        variants.append(head_rival)
    fields = {k: v for k, v in fields.items() if v not in (None, "", ())}
    page = fields.get("page")
    if isinstance(page, str) and _TILDE_RANGE.fullmatch(page):
        # "860~877": a style's range delimiter (the locale's), which rendering puts back
        fields["page"] = re.sub(r"\s*[~～〜]\s*", "-", page)
    work = new_work(**fields)
    alternatives: list[Work] = [
        work.evolve(**{old: None, new: getattr(work, old)})
        for old, new in renames
        if getattr(work, old) is not None
    ]
    alternatives += [work.evolve(**changes) for changes in same]
    if anonymous:  # 佚名/Anon: what author-date styles print for no author, the same record
        alternatives.append(
            work.evolve(author=())
            if work.author
            else work.evolve(author=(Name(literal=creators.strip().rstrip(".")),))
        )
    equivalents = len(alternatives)
    alternatives += [work.evolve(**changes) for changes in variants]
    unproved = [
        f"{n.literal!r} is printed whole: a body's name, or a person's written out"
        for n in (*work.author, *work.editor)
        if _full_given(n) is not None and not _BODY.search(n.literal or "")
    ]
    return ParsedEntry(
        work,
        family,
        tuple(incomplete),
        tuple(doubts),
        tuple(alternatives),
        equivalents,
        tuple(unproved),
    )


_VOLUME = re.compile(
    r":\s*(?:(?P<num>(?:第\s*(?P<n1>\d+)\s*卷)|卷\s*(?P<n2>\d+)|(?:v|Vol)\.\s*(?P<n3>\d+)"
    r"|제\s*(?P<n4>\d+)\s*권|(?P<cn>第[一二三四五六七八九十百]+卷))"
    r"(?:\s+(?P<vtitle>[^\s:\d][^:]{0,60}))?"
    r"|(?P<text>(?:第\s*)?[^:]{1,6}?(?<!年)\s*[卷册辑集部编]|\d{4}\s*年卷|\d+\s*[卷巻]\s*\d+\s*号|[上中下]"
    r"|卷\s*[一二三四五六七八九十百]+))$"
)
_STANDARD_NUMBER = re.compile(
    r"^((?:[A-Z]{2,}(?:/[A-Z]+)*)\s*(?=[\w./-]*\d)[\w.]+(?:/[A-Z][\w.]*)*(?:-\d+)*"
    r"(?:[—–-]\d{4}|:\d{4})(?:\(\w+\))?)\s*"
)


#: a number that is a code: no space, a digit, and letters or separators with the digits
_CODE = re.compile(r"(?=\S*\d)(?=\S*[A-Za-z./-])[\w./-]{4,}")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _as_written(date: Date) -> str:
    """A date's literal, or its years (``1957/1990``)."""
    return date.literal or "/".join(str(p[0]) for p in date.parts)


def _unsplit(name: Name) -> bool:
    """Whether *name* is Western and was kept whole (a body, or a name with no initials)."""
    return bool(name.literal) and not has_cjk(name.literal or "")


#: how the names of Chinese bodies end (学会, 出版社, 研究所, 委员会...)
def _title_like(name: Name) -> bool:
    """Whether a name kept whole could as well be the start of a title: three words or
    more, or abbreviations (``U.S. Const.``), and no word that names a body."""
    text = name.literal or ""
    if not _unsplit(name) or _BODY.search(text):
        return False
    return len(text.split()) >= 3 or "." in text


def _full_given(name: Name) -> Name | None:
    """``Burin Dalila`` (``BURIN Dalila``) as a person with a given name written out, or None."""
    words = (name.literal or "").split()
    if len(words) != 2 or has_cjk(name.literal or "") or not all(w.isalpha() for w in words):
        return None
    family, given = words
    if not (family[:1].isupper() and given[:1].isupper() and given[1:].islower()):
        return None
    return Name(family=family, given=given)


def _persons(names: tuple[Name, ...]) -> tuple[tuple[Name, ...], bool]:
    """*names* with two-word names read as family and given name where the list holds
    persons with initials (``Burin Dalila, Kilteni K``); and whether any was."""
    if not any(n.family and n.given and not has_cjk(n.family) for n in names):
        return names, False
    out = tuple(_full_given(n) or n for n in names)
    return out, out != names


def _creator_rivals(names: tuple[Name, ...], text: str, field: str) -> list[dict[str, object]]:
    """Other readings of a list of creators that render the same: a body whose name holds
    a comma (``Institute for Art, Academy of Fine Arts``) read as one name."""
    if (
        len(names) > 1
        and any(_unsplit(n) for n in names)
        and not _ETAL_END.search(text)
        and (_BODY.search(text.title()) or has_cjk(text))  # INSTITUTE FOR ART (2015 styles)
    ):
        return [{field: (Name(literal=text.strip(" .")),)}]
    return []


_ETAL_END = re.compile(r"(?:等|et al\.?)\s*$")


def _weak_volume(m: re.Match[str]) -> bool:
    """Whether a volume read after a title's colon could as well be the end of the title:
    yes for ``：美国卷`` or ``：巳集上``, no for a numbered one (``：第1卷``, ``：第 4 册``,
    ``：一部``, ``：下册``)."""
    numbered = r"第?\s*[\d一二三四五六七八九十百]+\s*[卷册辑集部编]|[上中下]册?"
    return not (m["num"] or re.fullmatch(numbered, m["text"] or ""))


def _volume(c: _Cut, base: int, m: re.Match[str]) -> str:
    """The volume after a title: ``：第1卷``, ``：卷 1``, ``: v. 1`` give ``1``; ``：下册`` stays."""
    if m["num"]:
        return m["n1"] or m["n2"] or m["n3"] or m["n4"] or m["cn"]
    return c.val(base + m.start("text"), base + m.end("text"))


def contained_after(s: str, at: int) -> bool:
    """Whether a ``//`` (the work it is part of) follows the type code ending at *at*."""
    return s[at : at + 2] == "//"


_EDITION = re.compile(
    r"^(?:\S+\s*版|.*\bed(?:ition)?\.?|第.+版|[^\x00-\x7f]{0,12}本"
    r"|[^\x00-\x7f\d]*\d*[^\x00-\x7f]*(?:修订|修正|增订)"
    # an edition in words, as the official styles print what the work says ("Second")
    r"|(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh"
    r"|twelfth|revised|enlarged))$"
)
#: the term after names that tells their role: translators, editors
_ROLE = r"(?:译|trans\.?|编|主编|,\s*eds?\.)"
#: names and their role: ``names, 译``, ``names 编``, ``names, ed.`` (the comma is needed
#: there: "Rev. ed." is an edition)
_TRANSLATOR = re.compile(
    r"^(.*?)(?:\s*,?\s*(译|編譯|编译|trans\.?|译注|编|主编)|\s*,\s*(eds?)\.?)\.?$"
)
#: the terms of the other creators printed after a title that name editors
_EDITOR_TERMS = frozenset(["编", "主编"])


def _translators(text: str, fields: dict[str, object], incomplete: list[str]) -> bool:
    """Read ``names, 译`` (``names, trans.``) into ``translator``, ``names, 编`` (``names,
    ed.``: school styles print a book's editors so) into ``editor``; whether *text* was
    that."""
    m = _TRANSLATOR.match(text)
    if not (m and m[1]) or not _plausible_names(m[1]):
        return False
    # "Glare, P. G. W., ed.": names as author-date styles of English origin print them
    initialled = _initialled_names(m[1]) if _INVERTED_NAME.match(m[1]) else ()
    names, etal = (initialled, False) if initialled else _names(m[1], _COMMA)
    role = "editor" if m[3] or m[2] in _EDITOR_TERMS else "translator"
    fields[role] = names
    if etal:
        incomplete.append(role)
    return True


def _publication(
    c: _Cut,
    pos: int,
    end: int,
    fields: dict[str, object],
    doubts: list[str],
    incomplete: list[str],
    dated: bool = False,
    rivals: list[dict[str, object]] | None = None,
) -> None:
    """``[edition. ][translators, 译. ]place: publisher, year: pages`` after the type code
    (``place: publisher: pages`` when the year is *dated* before the title, author-date)."""
    s = c.n
    segs = _segments(s, pos, end)
    if not segs:
        return
    *before, last = segs
    unread: list[tuple[int, int]] = []
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
            m = re.fullmatch(r"(?:第\s*)?(\d+)\s*(?:版|st ed\.?|nd ed\.?|rd ed\.?|th ed\.?)", value)
            # "刻本 版", "修订本 版": a style that adds 版 to every edition; the edition is 刻本
            fields["edition"] = (
                m[1] if m else re.sub(r"([本版正订])\s+(?:版|edition)$", r"\1", value)
            )
            continue
        if "container_title" not in fields and fields.get("type") in (
            "chapter",
            "paper-conference",
        ):
            fields["container_title"] = c.val(a, b)
            continue
        unread.append((a, b))
    a, b = last
    text = s[a:b]
    # pages after the last colon when a year or a publisher precedes it
    m = re.search(r":\s*([^:]*)$", text)
    if (
        m
        and (
            re.search(r"\d|(?:^|[\s,\-–])[ivxlcdm]+$|序|前言", m[1].strip())
            or (  # 封二, 扉页: no publisher's name (科学出版社) nor a word (Wiley)
                has_cjk(m[1]) and len(m[1].strip()) <= 6 and not _PUBLISHER_WORD.search(m[1])
            )
        )
        and not _PUBLISHER_AND_YEAR.fullmatch(m[1].strip())
        and (
            re.search(r"(?:" + _YEAR + "|" + _ISO_DATE + r")\s*$", text[: m.start()])
            or text[: m.start()].count(":") >= 1
            or (dated and re.fullmatch(r"\s*[\dA-Za-z]*\d[\d\s,\-–—.A-Za-z]*", m[1]))
        )
    ):
        fields["page"] = c.val(a + m.start(1), b)
        text = text[: m.start()]
    if (
        len(unread) == 1
        and "page" in fields
        and fields.get("type") == "book"
        and not fields.get("subtype")  # ([C]: proceedings, whole)
        and "container_title" not in fields
        and _BOOK_NAME.search(s[unread[0][0] : unread[0][1]])
        and not _ROLE_END.search(s[unread[0][0] : unread[0][1]])
    ):
        # "Title[M]. Book. Place: Publisher, Year: pages": a part of a book, as styles that
        # print no "//" before the book show one (its volume after a colon, as after "//")
        fields["type"] = "chapter"
        ua, ub = unread[0]
        vm = _VOLUME.search(s[ua:ub])
        if vm and "volume" not in fields:
            fields["volume"] = _volume(c, ua, vm)
            ub = ua + vm.start()
        fields["container_title"] = c.val(ua, ub)
    else:
        doubts.extend(f"unread part {c.val(x, y)!r}" for x, y in unread)
    b2 = a + len(text)
    # the year (or date) at the end
    m = re.search(
        r"(?:^|,\s*)(c?" + _ISO_DATE + r"(?:\([^)]*\)|[a-z]|[-—–/](?:\d{4})?|_\d{4})?)\s*$", text
    )
    if m:
        value = m[1]
        span = re.fullmatch(r"(\d{4})[-—–/](\d{4})", value)
        # "1975_2013": two years joined otherwise than by a dash are kept as written
        literal = (
            "(" in value
            or "_" in value
            or value.startswith("c")
            or re.fullmatch(r"\d{4}[-—–/]", value)
        )
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
    if re.fullmatch(r"\s*\d+(?:\s*[-–—,]\s*\d+)*\s*", text) and "page" not in fields:
        # "container. 15." (author-date, or no year): pages alone; no place nor publisher
        # is a number
        fields["page"] = c.val(a, b2)
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
        if rivals is not None and not _place_before_colon(m[1]):
            # "Foreign Relations of the United States: Diplomatic Papers": a publisher's
            # name with a colon, when what stands before it is no place's
            rivals.append({place: None, publisher: c.val(a, b2)})
        return
    # one value where place and publisher go: an edition (光绪三年苏州文学山房活字本,
    # 2 版), a place (Uppsala, Sweden; 天津) or a publisher, by its shape; rendered alike
    value = c.val(a, b2)
    readings: list[dict[str, object]] = [{publisher: value}]
    if _place_like(value) or fields.get("type") == "document":
        # a lone value is taken for the publisher unless it reads as a place; a [Z]
        # entry's is either (a department and university where a manuscript was written)
        readings.insert(0 if _place_like(value) else 1, {place: value})
    if "edition" not in fields and _EDITION.match(value.strip()) and not dated_tail(value):
        em = re.fullmatch(r"(\d+)\s*(?:版|st ed\.?|nd ed\.?|rd ed\.?|th ed\.?)", value)
        readings.insert(0, {"edition": em[1] if em else value})
    fields.update(readings[0])
    if rivals is not None:
        for other in readings[1:]:
            rivals.append({**{k: None for k in readings[0]}, **other})


#: what a book's name holds: two Chinese characters or two words (not a lone term, ``版``)
_BOOK_NAME = re.compile(r"[\u4e00-\u9fff]{2}|[^\W\d_]{2,}\W+[^\W\d_]{2,}")
#: names and their role (``Deverell, W., D. Igler, eds.``), not a book
_ROLE_END = re.compile(r"(?:\b(?:eds?|trans|comp)\.?|[编译著])\.?\s*$", re.IGNORECASE)
#: "Macmillan, 1980" after a colon: a publisher and its year, not pages
_PUBLISHER_AND_YEAR = re.compile(r"[^\d,]*[^\W\d_][^\d,]*,\s*c?\d{4}[a-z]?")


def dated_tail(text: str) -> bool:
    """Whether *text* holds a year (then it is no edition)."""
    return re.search(r"\d{4}", text) is not None


_PLACE_END = re.compile(r",\s*(?:[A-Z]{2,3}|[A-Z][a-z]+(?:\s[A-Z][a-z]+)*)$")
_PUBLISHER_WORD = re.compile(
    r"出版|书局|公司|大学|学院|研究|社$|馆$|局$|会$|院$|所$|中心|Press|Publish|Books|Inc\b"
    r"|Ltd|Universit|Department|Institute|Associat|Society|Council|Cent(?:er|re)|Library"
    r"|Company|Films|Records|Media|Group|;|[a-z][A-Z]"  # mcDJ; RCA, YouTube: no place
)


def _place_before_colon(value: str) -> bool:
    """Whether what stands before ``place: publisher``'s colon may be a place: no word of a
    publisher's, and short (four words, twelve Chinese characters)."""
    if _PUBLISHER_WORD.search(value):
        return False
    return len(value.strip()) <= 12 if has_cjk(value) else len(value.split()) <= 4


def _place_like(value: str) -> bool:
    """Whether a lone value reads as a place: ``Uppsala, Sweden``, ``Sydney, NSW,
    Australia``, a short Chinese name (``天津``) with no word of a publisher's."""
    if _PUBLISHER_WORD.search(value):
        return False
    if has_cjk(value):
        return len(value.strip()) <= 3
    return _PLACE_END.search(value) is not None


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
    text = s[pos:stop].rstrip(" ,")  # CNKI writes "2019,(03)" where there is no volume
    if kind == "N" or family == "gbt-numeric":
        m = re.search(r"^(.*?),\s*(" + _ISO_DATE + r"|\d{4}_\d{4})(?:\s*,\s*(.+))?$", text)
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
        # a newspaper's number with no date before it is its page (版次: "中国青年报, 15")
        fields["page" if kind == "N" else "volume"] = c.val(pos + m.start(2), pos + m.end(2))
        text = m[1]
    if text.strip(" ,."):
        fields["container_title"] = c.val(pos, pos + len(text))


# ---------------------------------------------------------------------------- no type code

#: where an element ends in an entry with no type code: a stop before a space or a Chinese
#: character (not an initial's, not an abbreviation's: ``Vol. 1``, ``4th ed.``), or ``//``
_ELEMENT_END = re.compile(r"\.(?=\s|[\u3400-\u9fff《“]|$)|//")
#: what a stop that ends no element follows: initials (``A.``, ``U.S.``), abbreviations
_NO_END = re.compile(r"(?:^|[\s.])[A-Z]$|(?:^|\s)(?i:vol|no|ed|eds|trans|pp|tr|rev|pt|ch|al)$")
#: a press's words, that name a publisher alone
_PRESS = r"出版社|书局|印书馆|出版公司|Press|Publish\w*"
#: the shapes of what follows a title, tried in order: (code, pattern)
_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("D", re.compile(r"[博硕]士(?:学位)?论文|学位论文|\b(?:[Tt]hesis|[Dd]issertation)\b")),
    (
        "C",
        re.compile(
            r"^//.*(?:会议|论文集|文集|年会|研讨会|[Pp]roceedings|[Cc]onference|[Ss]ymposium"
            r"|[Cc]ongress|[Ww]orkshop)"
        ),
    ),
    ("M", re.compile(r"^//")),
    ("N", re.compile(r"\d{4}-\d{1,2}-\d{1,2}\s*\(\s*\d+\s*\)")),
    # a newspaper by its name (日报, 青年报; not a journal's 学报) and maybe its page:
    # "人民日报, 17[2015-02-28]", "中国青年报, : 15" (an author-date list's year is in its head)
    (
        "N",
        re.compile(
            r"^\.\s*[^.,:\d\[\]/]{1,20}(?<!学)报\s*(?:,\s*:?\s*[A-Z]?\d+\s*"
            r"|,\s*\d{4}-\d{1,2}-\d{1,2}\s*(?:\(\s*\d+\s*\))?)?(?:\[|\.?$)"
        ),
    ),
    # an archive after a place: a document it holds ("北京: 中国第一历史档案馆")
    ("A", re.compile(r"^(?::[^.]*)?\.\s*[^.:\d]{1,20}:\s*[^.:]*档案[馆局室][^.:]*\.?$")),
    ("S", re.compile(r"^\.\s*(?:GB|GB/T|GB/Z|ISO|IEC|[A-Z]{2,4}/T)\s*[\d.]+[-—–]\d{2,4}")),
    ("P", re.compile(r"专利|\b[Pp]atent\b|\b(?:CN|US|EP|WO|JP)\s?\d{6,}")),
    # Place: Publisher (a place is a short phrase with no digit or comma, but a state's
    # abbreviation after one: "Littleton, Colo.", "Burr Ridge, IL")
    (
        "M",
        re.compile(
            r"^\.\s*(?:[^.:\s][^.:]{0,59}\.+\s*)*?[^.:,\d\[\]()\s][^.:,\d\[\]()]{0,39}"
            r"(?:,\s*[A-Z][A-Za-z]{1,4}\.?)?:(?!//)\s*[^:\d\s][^:]*?(?:,\s*\d{4}|\.?$|:)"
        ),
    ),
    # Publisher, Year: pages, the publisher by its words (not a periodical's year and pages)
    (
        "M",
        re.compile(
            rf"^\.\s*(?:[^.:\s][^.:]{{0,59}}\.+\s*)*?[^.:]{{0,80}}(?:{_PRESS}|Inc\.?)"
            r"\s*,\s*\d{4}[a-z]?\s*(?::\s*\d+(?:\s*[-–]\s*\d+)?)?\s*\.?$"
        ),
    ),
    # Journal, (year,) volume(issue): pages
    (
        "J",
        re.compile(
            r",\s*(?:\d{4}[a-z]?\s*,\s*)?(?:\d+\s*\(\s*[^)]{1,12}\)|\(\s*[^)]{1,12}\)|\d+\s*:\s*\S)"
        ),
    ),
    ("J", re.compile(r"\d{4}\s*\(\s*[^)]{1,12}\)")),
    # a periodical's issue glued to its name, no volume: "中国法学(1): 144-164"
    ("J", re.compile(r"^\.\s*[^.,:()\d]{2,40}\(\s*[^()]{1,12}\)\s*:\s*\S")),
    # Publisher, Year (no place): "Open University Press, 2011: 105"
    (
        "M",
        re.compile(
            r"^\.\s*[^.:\d\s][^.:]{0,80},\s*\d{4}[a-z]?(?:\s*[.:]\s*\d+(?:\s*[-–]\s*\d+)?)?\s*\.?$"
        ),
    ),
    # a publisher alone, by its words (an author-date list's year is in its head)
    (
        "M",
        re.compile(
            rf"^\.\s*[^.:\d][^.:]{{0,40}}(?:{_PRESS})"
            r"\s*(?:[,:]\s*\d+(?:\s*[-–~]\s*\d+)?)?\s*\.?$"
        ),
    ),
    ("R", re.compile(r"报告|\b[Rr]eport\b")),
    ("EB", re.compile(r"(?:https?|ftp)://")),
)


#: a Chinese patent's (application) number, with or without its country
_PATENT_NUMBER = re.compile(r"(?<![\d.])(?:CN)?\d{8}(?:\d{4})?\.[\dX](?!\d)")
#: what APA prints and GB/T never does: a date in brackets after the creators (``(2013).``,
#: ``(2008, June 26).``, ``(1881（光绪七年）a).``), a court and year (``(Tex. Ct. App. 1992).``),
#: a case's ``v.``, ``Retrieved``
_APA_DATE = re.compile(
    r"\(\s*(?:\d{4}|n\.\s?d\.)[^.]{0,30}?\)\.|\([^()]{0,40}\s\d{4}\)\.|\bv\.\s|\bRetrieved\b"
)
#: the dates of an online work, updated and cited, printed with no stop before them
_GLUED_DATES = re.compile(
    r"(?:\(\d{4}-\d{1,2}(?:-\d{1,2})?\))?\[\d{4}[a-z]{0,2}(?:-\d{1,2}){1,2}\]$"
    r"|\(\d{4}-\d{1,2}-\d{1,2}\)$"
)
#: a standard's number after its title's colon: "文献著录: GB/T 3792.4—2009"
_STANDARD_AFTER_COLON = re.compile(
    r":\s*(?:GB|GB/T|GB/Z|ISO|IEC|[A-Z]{2,4}/T)\s*[\d.]+\s*[-—–]\s*\d{4}$"
)
#: pages after a publication's year and a stop (GB/T 7714-1987)
_PAGES_AFTER_YEAR = re.compile(r",\s*\d{4}[a-z]?(\.)\s*\d+(?:\s*[-–~]\s*\d+)?\s*\.?$")
#: a place and a university or institute that is no press, where a thesis names its grantor
_DEGREE_GRANTOR = re.compile(
    r":\s*[^:,]*(?:大学|学院|研究所|研究院|研究生院|University|Institute|College)[^:,出\[]*(?:[,:\[]|\.?$)"
    r"(?<!Press,)(?<!Press)"
)
#: an author-date head: creators, then the year and a stop ("Roe, J. 2020. ", "佚名, 1925. ")
_AD_HEAD = re.compile(r"^(.*?)\s*[,.]\s*(" + _YEAR + r")\.\s*")
#: the word before a host (GB/T 7714-1987's 见, "In"), where later editions print "//"
_IN_HOST = re.compile(r"\.\s*(?:见|In)\s*:\s*")
#: a patent's number after its title's colon, a country's letters before it
_PATENT_AFTER_TITLE = re.compile(r":\s*(?:CN|US|EP|WO|JP|GB|DE|FR|KR)\s?\d{6,}[A-Z]?\d?$")
#: a year (and pages) alone after a title
_YEAR_ALONE = re.compile(r"^\.\s*\d{4}[a-z]?(?:\s*:\s*\d+(?:\s*[-–]\s*\d+)?)?\s*\.?$")
#: a map's title: a map of a region, its geology, its relief, or an atlas ("沈阳市政区图")
_MAP_TITLE = re.compile(r"(?:地图|[区质势形]图|地图集)$")
#: a title that names proceedings
_PROCEEDINGS = re.compile(r"论文集|会议录|[Pp]roceedings of")


def _title_end(n: str, ad: re.Match[str] | None, creators: bool = True) -> int | None:
    """Where the title of *n* (half-width, no type code) ends: the end of the element after
    its creators (and the year, author-date: *ad*, :data:`_AD_HEAD`'s match), or of the
    first when it has none (or, *creators* false, when they are not looked for)."""
    marks = list(_ELEMENT_END.finditer(n))
    ends = [m for m in marks if m[0] == "//" or not _NO_END.search(n[: m.start()])]
    if not ends:
        return None
    start = 0
    if ad and (_plausible_names(ad[1]) or _name_like(ad[1])):
        start = ad.end()
    elif creators:
        # the creators end at the last stop before which the text reads as names (Latin
        # ones strictly: "Roe J. Frames of things" is no list of names), an initial's
        # stop included ("Roe J. Title"), up to the first stop that is no initial's
        # ("Roe J. Things. Oxford: Press" leaves no element after "Things": the stop before
        # it, when there is one that does)
        last = len(n.rstrip(" ."))
        found: list[tuple[int, bool]] = []  # (where the creators end, whether an element follows)
        for m in marks:
            if m[0] == "//":
                break
            before = n[: m.start()]
            if _plausible_names(before, strict=not has_cjk(before)):
                found.append((m.end(), any(m.end() < e.start() < last for e in ends)))
            if not _NO_END.search(before):
                break
        followed = [at for at, more in found if more]
        if followed or found:
            start = (followed or [found[-1][0]])[-1]
    for m in ends:
        if m.start() > start:
            # an online work's dates glued to its title: "Title(2012-05-03)[2013-03-25]."
            dated = _GLUED_DATES.search(n, start, m.start())
            return dated.start() if dated and dated.start() > start else m.start()
    return None


def _inferred_code(n: str, end: int) -> str | None:
    """The type code the shape of *n* after its title (which ends at *end*) suggests."""
    tail = n[end:]
    if host := _IN_HOST.match(tail):  # "见: ", "In: ": a host, as after "//"
        tail = "//" + tail[host.end() :]
    # the book's editors or the part's translators before "//" (read with the host)
    lead = re.match(rf"(?:\.+\s*[^./]+?\s*,?\s*{_ROLE}\s*){{1,2}}(?=//)", tail)
    tail = tail[lead.end() :] if lead else tail
    code = next((c for c, shape in _SHAPES if shape.search(tail)), None)
    if _PATENT_NUMBER.search(n) or _PATENT_AFTER_TITLE.search(n[:end]):
        code = "P"  # "全智能节电器: CN200610171314.3. 2008-01-16.", "Title: US6915001."
    elif _STANDARD_AFTER_COLON.search(n[:end]):
        code = "S"
    elif _GLUED_DATES.match(tail.rstrip(" .")):  # "Title(2012-05-03)[2013-03-25]."
        code = "EB"
    elif code in (None, "M") and _PROCEEDINGS.search(n[:end]):
        code = "C"
    elif code in (None, "M") and _MAP_TITLE.search(n[:end].rstrip(" .")):
        code = "CM"
    elif code == "M" and tail[:2] != "//" and _DEGREE_GRANTOR.search(tail):
        code = "D"  # "长春: 吉林大学, 2008.": a university that is no press grants a degree
    elif code is None and re.match(r"^.*?[,.]\s*(?:" + _YEAR + r")\.\s", n[:end]):
        # creators and a year, then a title with nothing after that tells its kind
        code = "Z"
    elif code is None and _YEAR_ALONE.match(tail):
        # a numeric entry's title and its year (and pages) alone: a report by its title's
        # word or its number after the colon, else of no telling kind
        code = "R" if re.search(r"报告|[Rr]eport", n[:end]) else "Z"
    if code is not None and code != "EB" and re.search(r"(?:https?|ftp)://", tail):
        code += "/OL"
    elif code == "EB":
        code = "EB/OL"
    return code


def read_codeless(entry: str, hint: str | None = None) -> ParsedEntry | None:
    """An entry printed with no type code (journal and school styles that leave them out)
    read as GB/T 7714: the code its shape suggests is put after its title and the entry read
    so, the type marked as inferred; None when no shape is recognised."""
    n = to_halfwidth(entry)
    ad = _AD_HEAD.match(n)
    if ad and any(not _NO_END.search(n[: m.start()]) for m in _ELEMENT_END.finditer(ad[1])):
        ad = None  # "Body. Title. 2012.": a numeric entry's year, after more than creators
    if CODE.search(n) or not ad and _APA_DATE.search(n):
        return None  # coded, or APA's shapes that APA's rules did not read
    end = _title_end(n, ad)
    code = _inferred_code(n, end) if end is not None else None
    if code is None and not ad and (bare := _title_end(n, None, creators=False)) != end:
        # no shape after the title the creators leave: perhaps no creators were printed,
        # where a periodical's numbers say so ("Title of a body's report. 图书馆文化, 2007,
        # 48(7): 11-12."; not "佚名. 世界出版业: 美国卷.", no place and publisher)
        periodical = _inferred_code(n, bare) if bare is not None else None
        if bare is not None and periodical is not None and periodical[0] in "JN":
            end, code = bare, periodical
    if code is None or end is None:
        return None
    host = _IN_HOST.match(n, end)
    if host:  # GB/T 7714-1987's "见: Editors编. Book": the host after "//" as 2015 writes it
        entry = f"{entry[:end]}//{entry[host.end() :]}"
        n = to_halfwidth(entry)
    pages = _PAGES_AFTER_YEAR.search(n, end)
    if pages:  # GB/T 7714-1987: "北京: 出版社, 2012. 112", read as 2015 writes it, ", 2012: 112"
        entry = f"{entry[: pages.start(1)]}:{entry[pages.end(1) :]}"
    found = read_entry(f"{entry[:end]}[{code}]{entry[end:]}", hint)
    if found is None or not found.work.title:
        return None
    work = found.work
    if (
        work.type == "article-journal"
        and work.volume
        and not work.issue
        and work.volume.isdigit()
        and int(work.volume) <= 12
        and has_cjk(work.container_title or "")
    ):
        # a small number alone after a Chinese periodical, in a style that prints no codes:
        # its issue (期) more likely than a volume (卷) (an issue-only periodical, the common
        # kind, printed "中国法学, 1: 144~164"; a monthly's issues run to 12, a volume may be
        # 40); the volume is the other reading
        issue = work.evolve(volume=None, issue=work.volume)
        same, others = (
            found.alternatives[: found.equivalents],
            found.alternatives[found.equivalents :],
        )
        found = attrs.evolve(found, work=issue, alternatives=(*same, work, *others))
    creators = len(n[: ad.start(2)].rstrip(" ,")) if ad else 0  # "Roe, J. 2020.": J.'s stop
    if ad and _INVERTED_NAME.match(n[:creators]) and (names := _initialled_names(entry[:creators])):
        # "Webb, A. C., 1879. Title": GB/T 7714 never writes "Family, I." and its rules for
        # names would split such a list wrongly
        cut = _Cut(entry)
        work = found.work.evolve(
            author=names, title=cut.val(ad.end(), end), issued=_year(cut, ad[2], ad)
        )
        found = attrs.evolve(found, work=work, family="gbt-author-date", alternatives=())
    return attrs.evolve(found, inferred=code)
