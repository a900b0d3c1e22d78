"""Likely duplicate works across a library, and merging them.

The same article often arrives twice: from CNKI and from Zotero, with 张三 as one name in
one record and 张 + 三 in the other, a full-width ``：`` in one title and ``:`` in the
other.  :func:`find_duplicates` pairs such works; :func:`duplicate_problems` reports each
pair as a ``likely-duplicate`` warning naming both keys and files; :func:`merge_duplicates`
keeps the fuller record of each group, fills what it lacks from the others, and reports
what it took (``merged-duplicate``).

Two works are a pair when they share an identifier (DOI, CNKI file name; an ISBN, URL or
number of a patent, standard or report with the same title), or their titles agree once normalised (width, case, punctuation, spaces,
markup) with the same year and the same first author (CJK names compared with their
parts joined, Western names by family name).  Whatever the route, a pair must not
conflict: distinct works that look alike are never paired — two patents or standards with
the same title (their numbers differ), a conference paper and its journal version (their
types or containers differ), two parts of one book (their pages, chapters or volumes
differ), two editions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

import attrs

from .errors import Problem
from .language import has_cjk
from .model import FIELDS, Library, Name, Origin, Work

__all__ = [
    "Duplicate",
    "conflict",
    "duplicate_problems",
    "find_duplicates",
    "merge_duplicates",
    "normalize_title",
]

Where = Mapping[str, tuple[str | None, int | None]]

_MARKUP = re.compile(r"<[^>]+>")
_NOT_WORD = re.compile(r"[\W_]+")


def normalize_title(text: str | None) -> str:
    """A title folded for comparison: NFKC (full-width to half-width), markup and
    punctuation and spaces removed, case folded (``Ａ：b`` and ``a: B`` → ``ab``)."""
    if not text:
        return ""
    plain = _MARKUP.sub("", unicodedata.normalize("NFKC", text))
    return _NOT_WORD.sub("", plain).casefold()


def _plain(text: str | None) -> str:
    return normalize_title(text)


def _name_key(name: Name) -> str:
    """A first author for comparison: a CJK name with its parts joined (张 + 三 = 张三),
    a Western name by family name, accents and case folded."""
    if name.literal is not None:
        return _plain(name.literal)
    full = (name.family or "") + (name.given or "")
    if has_cjk(full):
        return _plain(full)
    folded = unicodedata.normalize("NFKD", name.family or name.given or "")
    return _plain("".join(c for c in folded if not unicodedata.combining(c)))


def _first_creator(work: Work) -> str:
    for names in (work.author, work.editor, work.holder, work.translator):
        if names:
            return _name_key(names[0])
    return ""


_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)


def _doi(work: Work) -> str:
    return _DOI.sub("", unicodedata.normalize("NFKC", work.doi or "")).strip().casefold()


def _isbn(work: Work) -> str:
    """The first ISBN as 13 digits (an ISBN-10 converted), or ``""``."""
    text = unicodedata.normalize("NFKC", work.isbn or "")
    head = re.split(r"[\s,;(]", text.strip())[0] if text.strip() else ""
    digits = re.sub(r"[^0-9Xx]", "", head).upper()
    if len(digits) == 10:
        core = "978" + digits[:9]
        check = (10 - sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(core)) % 10) % 10
        return core + str(check)
    return digits if len(digits) == 13 else ""


_CNKI_FILE = re.compile(r"[?&]filename=([A-Za-z0-9.]+)", re.I)


def _cnki_id(work: Work) -> str:
    """CNKI's file name of the record (``ZXGL202203007``), from its link, or ``""``."""
    for url in (work.url, work.extra_dict.get("landing-page")):
        if url:
            m = _CNKI_FILE.search(url)
            if m:
                return m[1].upper()
    return ""


def _number(text: str | None) -> str:
    """A volume, issue, number or page folded: NFKC, spaces out, leading zeros dropped."""
    t = _plain(text)
    return re.sub(r"(?<![0-9a-z])0+(?=\d)", "", t)


def _first_page(text: str | None) -> str:
    if not text:
        return ""
    first = re.split(r"[-–—~,+]", unicodedata.normalize("NFKC", text).strip(), maxsplit=1)[0]
    return _number(first)


_KIND = {
    "article-journal": "article",
    "article-magazine": "article",
    "article": "article",
    "review": "article",
    "review-book": "article",
    "article-newspaper": "newspaper",
    "paper-conference": "conference",
    "chapter": "part",
    "entry": "part",
    "entry-dictionary": "part",
    "entry-encyclopedia": "part",
    "book": "book",
    "classic": "book",
    "collection": "book",
    "thesis": "thesis",
    "patent": "patent",
    "standard": "standard",
    "report": "report",
    "webpage": "web",
    "post": "web",
    "post-weblog": "web",
    "dataset": "dataset",
    "software": "software",
}


def _kind(work: Work) -> str:
    return _KIND.get(work.type, work.type)


def _year(work: Work) -> int | None:
    return work.issued.year if work.issued is not None else None


def _containers(work: Work) -> set[str]:
    return {t for t in (_plain(work.container_title), _plain(work.container_title_short)) if t}


def _days_differ(a: Work, b: Work) -> bool:
    """Both dated to the month or day, and the dates differ."""
    da, db = a.issued, b.issued
    if da is None or db is None or not da.parts or not db.parts:
        return False
    return len(da.parts[0]) > 1 and len(db.parts[0]) > 1 and da.parts[0] != db.parts[0]


def conflict(a: Work, b: Work) -> str | None:
    """Why *a* and *b* are distinct works, or None when nothing says so."""
    if _kind(a) != _kind(b):
        return f"types differ ({a.type}, {b.type})"
    ca, cb = _containers(a), _containers(b)
    if ca and cb and not (ca & cb) and not any(x in y or y in x for x in ca for y in cb):
        return "containers differ"
    for attr, label in (
        ("number", "numbers"),
        ("volume", "volumes"),
        ("issue", "issues"),
        ("chapter_number", "chapters"),
        ("part_number", "parts"),
        ("edition", "editions"),
        ("collection_number", "series numbers"),
    ):
        x, y = _number(getattr(a, attr)), _number(getattr(b, attr))
        if x and y and x != y:
            return f"{label} differ"
    if a.type == "article-newspaper" == b.type and _days_differ(a, b):
        return "dates of issue differ"  # a newspaper's date is its issue
    for one, whole in ((a, b), (b, a)):
        if one.volume and not whole.volume and _number(whole.number_of_volumes) not in ("", "1"):
            return "one volume and the whole set"
    pa, pb = _first_page(a.page), _first_page(b.page)
    if pa and pb and pa != pb:
        return "pages differ"
    va, vb = (
        _plain(a.volume_title) or _plain(a.part_title),
        _plain(b.volume_title) or _plain(b.part_title),
    )
    if va and vb and va != vb:
        return "parts differ"
    da, db = _doi(a), _doi(b)
    if da and db and da != db:
        return "DOIs differ"
    ia, ib = _isbn(a), _isbn(b)
    if ia and ib and ia != ib:
        return "ISBNs differ"
    ka, kb = _cnki_id(a), _cnki_id(b)
    if ka and kb and ka != kb:
        return "CNKI records differ"
    return None


@attrs.frozen
class Duplicate:
    """Two works of a library that are likely one: their indexes and what matched."""

    first: int
    second: int
    reason: str


def _same_date(a: Work, b: Work) -> bool:
    """The years agree (dates as text, equal), or one work is dated by the other's
    online-first date (a record imported before CNKI's ``PubTime`` was kept apart carries
    it as its date)."""
    ia, ib = a.issued, b.issued
    if ia is None or ib is None:
        return True
    ya, yb = _year(a), _year(b)
    if ya is None or yb is None:
        return ia == ib
    if ya == yb:
        return True
    return ia == b.available_date or ib == a.available_date


_SUBTITLE = re.compile(r"\s*(?:——|—|--|:|：|\s-\s)\s*")


def _main_title(text: str | None) -> str:
    """The title before its subtitle (``A——B``, ``A: B``), folded."""
    if not text:
        return ""
    return _plain(_SUBTITLE.split(unicodedata.normalize("NFKC", text), maxsplit=1)[0])


def _title_match(a: Work, b: Work) -> bool:
    """Same title (or one the other without its subtitle, in one container), date and
    first author."""
    ta, tb = _plain(a.title), _plain(b.title)
    if not ta or not tb:
        return False
    if ta != tb:
        # a subtitle left out: only within one container, where the rest must agree too
        if not (_containers(a) & _containers(b)) or _main_title(a.title) != _main_title(b.title):
            return False
        if len(_main_title(a.title)) < 6:
            return False
    if not _same_date(a, b):
        return False
    fa, fb = _first_creator(a), _first_creator(b)
    if fa and fb and fa != fb:
        return False
    # a title alone is not enough: the date or the first author must be there to agree
    return bool(fa and fb) or (a.issued is not None and b.issued is not None)


def _close_titles(a: Work, b: Work) -> bool:
    """Titles equal, or one the other with a subtitle (an identifier matched already)."""
    ta, tb = _plain(a.title), _plain(b.title)
    return bool(ta and tb) and (ta == tb or ta.startswith(tb) or tb.startswith(ta))


_LABELS = {"isbn": "ISBN", "url": "URL", "number": "number"}
_LARGE = 64  # a bucket of more works than this is split further


def _url(work: Work) -> str:
    """The URL folded (scheme, ``www.`` and a final ``/`` dropped, case folded)."""
    if not work.url:
        return ""
    u = re.sub(r"^[a-z]+://(?:www\.)?", "", work.url.strip(), flags=re.I)
    return u.rstrip("/").casefold()


def find_duplicates(works: Sequence[Work]) -> list[Duplicate]:
    """The pairs of *works* that are likely the same work, in input order (see the module
    docstring for what matches and what keeps distinct works apart)."""
    buckets: dict[tuple[str, str], list[int]] = {}
    for i, w in enumerate(works):
        for kind, value in (
            ("doi", _doi(w)),
            ("cnki", _cnki_id(w)),
            ("isbn", _isbn(w)),
            ("url", _url(w)),
            ("number", f"{_kind(w)} {_number(w.number)}" if w.number else ""),
            ("title", _main_title(w.title)),
        ):
            if value:
                buckets.setdefault((kind, value), []).append(i)
    found: dict[tuple[int, int], str] = {}
    groups: list[tuple[str, list[int]]] = []
    for (kind, _value), members in buckets.items():
        if len(members) > _LARGE:
            # hundreds of works with one title ("Introduction") or one site address: pair
            # only those that also share a first author and a year (time stays near linear)
            sub: dict[tuple[str, str, int | None], list[int]] = {}
            for i in members:
                w = works[i]
                sub.setdefault((_main_title(w.title), _first_creator(w), _year(w)), []).append(i)
            groups += [(kind, m) for m in sub.values()]
        else:
            groups.append((kind, members))
    for kind, members in groups:
        if len(members) < 2:
            continue
        for n, i in enumerate(members):
            for j in members[n + 1 :]:
                if (i, j) in found:
                    continue
                a, b = works[i], works[j]
                if conflict(a, b) is not None:
                    continue
                if kind == "title":
                    if _title_match(a, b):
                        found[(i, j)] = "same title, year and first author"
                elif kind in ("isbn", "url", "number"):
                    # a book's parts share its ISBN, a site's pages may share an address,
                    # a number may be a report series': the titles must agree too
                    if _close_titles(a, b):
                        found[(i, j)] = f"same {_LABELS[kind]} and title"
                elif _close_titles(a, b) or not (a.title and b.title):
                    found[(i, j)] = "same DOI" if kind == "doi" else "same CNKI record"
    return [Duplicate(i, j, why) for (i, j), why in sorted(found.items())]


def _place(key: str, where: Where | None) -> tuple[str | None, int | None]:
    if where is None:
        return (None, None)
    return where.get(key, (None, None))


def duplicate_problems(
    works: Library | Sequence[Work], where: Where | None = None
) -> list[Problem]:
    """A ``likely-duplicate`` warning for each pair :func:`find_duplicates` finds, at the
    second work, with the first in ``related`` (*where* maps a key to its file and line;
    a :class:`~citelib.model.Library`'s own origins are used too)."""
    items = list(works.works if isinstance(works, Library) else works)
    places: dict[str, tuple[str | None, int | None]] = {}
    if isinstance(works, Library):
        places.update(works.where())
    if where is not None:
        places.update(where)
    out: list[Problem] = []
    for d in find_duplicates(items):
        a, b = items[d.first], items[d.second]
        fa, la = _place(a.id, places)
        fb, lb = _place(b.id, places)
        at = f" ({fa}:{la})" if fa and la else (f" ({fa})" if fa else "")
        out.append(
            Problem(
                f"likely the same work as {a.id!r}{at}: {d.reason}",
                file=fb,
                line=lb,
                key=b.id,
                severity="warning",
                code="likely-duplicate",
                field="title",
                clause=None,
                hint=f"keep one record (cite {a.id!r}), or merge them:"
                " citelib convert --merge-duplicates",
                related=((a.id, fa, la),),
            )
        )
    return out


def _richness(work: Work) -> int:
    return len(work.fields()) + len(work.extra)


def _merge_pair(keep: Work, other: Work) -> tuple[Work, list[str]]:
    """*keep* with the fields only *other* has, and the CSL names of those fields."""
    mine = keep.fields()
    taken: dict[str, object] = {}
    for attr, value in other.fields().items():
        if attr not in mine and attr not in ("id", "type"):
            taken[attr] = value
    have = keep.extra_dict
    extra = [(k, v) for k, v in other.extra if k not in have]
    names = [_csl_name(a) for a in taken] + [k for k, _ in extra]
    if extra:
        taken["extra"] = (*keep.extra, *extra)
    return (keep.evolve(**taken) if taken else keep), names


_CSL = {f.attr: f.csl for f in FIELDS}


def _csl_name(attr: str) -> str:
    return _CSL.get(attr, attr)


def merge_duplicates(library: Library, where: Where | None = None) -> Library:
    """*library* with each group of likely duplicates merged into one work.

    Pairs join into groups only where no two works of a group conflict (a record without a
    number may look like two patents that differ; it joins one of them at most).  The
    fuller record (more fields set) is kept, in the place of the group's first work,
    and takes the fields only the others have; a key the user wrote is kept over one a
    reader made up.  Each merge is a ``merged-duplicate`` warning naming the key kept, the
    key dropped (with its file and line) and what was taken from it.
    """
    works = list(library.works)
    parent = list(range(len(works)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    joined: dict[int, list[int]] = {i: [i] for i in range(len(works))}
    for d in find_duplicates(works):
        ra, rb = root(d.first), root(d.second)
        if ra == rb:
            continue
        # a record without a number may pair with two patents that differ: never merge
        # a group into another holding a work it conflicts with
        if any(conflict(works[x], works[y]) for x in joined[ra] for y in joined[rb]):
            continue
        keep, gone = min(ra, rb), max(ra, rb)
        parent[gone] = keep
        joined[keep] += joined.pop(gone)
    groups: dict[int, list[int]] = {}
    for i in range(len(works)):
        groups.setdefault(root(i), []).append(i)
    places: dict[str, tuple[str | None, int | None]] = dict(library.where())
    if where is not None:
        places.update(where)
    keep_index: dict[int, Work] = {}
    best_origin: dict[int, Origin] = {}
    dropped: set[int] = set()
    problems: list[Problem] = []
    for first, members in groups.items():
        if len(members) == 1:
            continue
        best = max(members, key=lambda i: (_richness(works[i]), -i))
        merged = works[best]
        written = [i for i in members if not library.origin(i).key_made]
        key = merged.id
        if library.origin(best).key_made and written:
            key = works[written[0]].id
        for i in members:
            if i == best:
                continue
            merged, took = _merge_pair(merged, works[i])
            file, line = _place(works[i].id, places)
            kfile, kline = _place(works[best].id, places)
            what = ", ".join(took) if took else "nothing (the kept record had every field)"
            at = f" ({file}:{line})" if file and line else (f" ({file})" if file else "")
            kept = "" if key == works[best].id else f"; the merged record keeps the key {key!r}"
            problems.append(
                Problem(
                    f"{works[i].id!r}{at} merged into {works[best].id!r}, likely the same"
                    f" work; took from it: {what}{kept}",
                    file=kfile,
                    line=kline,
                    key=key,
                    severity="warning",
                    code="merged-duplicate",
                    related=((works[i].id, file, line),),
                    hint=f"cite {key!r} where {works[i].id!r} was cited"
                    if works[i].id != key
                    else None,
                )
            )
        keep_index[first] = merged.evolve(id=key) if key != merged.id else merged
        best_origin[first] = library.origin(best)
        dropped.update(members)
        dropped.discard(first)  # the kept record takes the place of the group's first
    out: list[Work] = []
    origins: list[Origin] = []
    for i, w in enumerate(works):
        if i in dropped:
            continue
        out.append(keep_index.get(i, w))
        origins.append(best_origin.get(i, library.origin(i)))
    return Library(out, (*library.problems, *problems), tuple(origins) if library.origins else ())
