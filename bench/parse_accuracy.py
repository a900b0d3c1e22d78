"""How well ``citelib.parse`` reads formatted references back, measured on held-out works.

Works come from the corpora in ``../shared/corpora`` (beside the repository) (both gbt7714-bibtex-style example
files, the zotero-chinese-styles CSL-JSON items, the CSL-JSON corpora).  They are split
*by work*: the GB/T examples appear in several corpora under one clause id
(``gbt7714.4.1.2:1``), so the split key is that id where there is one, else the title;
a stable hash sends each key to the development half (``dev``, which the rules were
written against) or the held-out half (``held``, only measured).  Works without a title
are fragments of clause examples (``2012, 22(增刊 2): 81-86``) and are left out (counted).

Each work is rendered with citelib's styles, the strings are parsed, and every field the
rendering printed is compared with the source after the normalisations rendering applies
(names as GB/T or APA prints them, page dashes, width): field accuracy, exact records,
the share verified and the precision of ``verified: true``, per style.  Then text from
other implementations: gbt7714-bibtex-style's .bbl outputs (against the .bib they were
made from) and the zotero-chinese style previews (against the zotero-chinese items).

    .venv/bin/python bench/parse_accuracy.py [--split held|dev|all] [--json] [--verified-wrong]
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's citelib, whichever is installed

import citelib  # noqa: E402
from citelib._citeproc.item import _ORDINAL_WORDS  # noqa: E402
from citelib._citeproc.names import initialize  # noqa: E402
from citelib._citeproc.nodes import unescape  # noqa: E402
from citelib.formats.reflist import to_halfwidth  # noqa: E402
from citelib.language import has_cjk  # noqa: E402
from citelib.model import Name, Work  # noqa: E402
from citelib.parsing import normalise, parse  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
CSL = ROOT.parent / "shared" / "csl"
GBT_STYLES = (
    "gbt7714-2025-numeric",
    "gbt7714-2015-numeric",
    "gbt7714-2025-author-date",
    "gbt7714-2015-author-date",
)
STYLES = (*GBT_STYLES, "apa")

_CODES = {
    "article": "PP",
    "article-journal": "J",
    "article-magazine": "J",
    "periodical": "J",
    "article-newspaper": "N",
    "book": "M",
    "chapter": "M",
    "classic": "M",
    "entry-dictionary": "M",
    "entry-encyclopedia": "M",
    "collection": "A",
    "manuscript": "A",
    "personal_communication": "A",
    "dataset": "DS",
    "map": "CM",
    "paper-conference": "C",
    "patent": "P",
    "post": "EB",
    "post-weblog": "EB",
    "webpage": "EB",
    "report": "R",
    "software": "CP",
    "standard": "S",
    "thesis": "D",
}


def type_code(work: Work) -> str:
    """The code GB/T styles print for *work* (a work of no coded type: A with an archive,
    EB with a link, else Z)."""
    if work.subtype == "proceedings":
        return "C"
    code = _CODES.get(work.type)
    if code is not None:
        return code
    if work.archive:
        return "A"
    return "EB" if work.url or work.doi or work.cstr else "Z"


# ---------------------------------------------------------------------------- sources


def corpus_works() -> list[Work]:
    """Every work the corpora give, first occurrence of an id kept."""
    found: list[Work] = []
    files: list[Path] = [
        *sorted((CORPORA / "gbt7714-bibtex-style").glob("*.bib")),
        *sorted((CORPORA / "zotero-chinese-styles" / "items").glob("*.json")),
        *sorted((CORPORA / "csl-json").glob("*/*.json")),
    ]
    for path in files:
        if not path.exists():
            continue
        try:
            lib = citelib.read(path)
        except citelib.CitelibError:
            continue
        found.extend(lib.works)
    return found


_KEY_PUNCT = re.compile(r"\s*([,.:;()\[\]/“”\"'])\s*")


def split_key(work: Work) -> str:
    """What puts a work in a half: its clause id, else its title (normalised once and for all
    here, so that changes to the parser's normalisation never move a work across)."""
    if re.match(r"^[a-z0-9-]+\.[0-9A-Za-z.]+:\d+", work.id):
        return re.sub(r"[a-z]$", "", work.id)  # gbt7714.6.1.3:1a and :1b are one example
    text = " ".join(to_halfwidth(work.title or work.id).split())
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"[–—‐‑−~～]", "-", text)
    return _KEY_PUNCT.sub(r"\1", text).rstrip(".").casefold()


def half(key: str) -> str:
    return "dev" if hashlib.sha1(key.encode()).digest()[0] % 2 == 0 else "held"


def select(works: Iterable[Work], split: str) -> tuple[list[Work], int]:
    """The works of *split* with a title and a unique id; and how many had no title."""
    out: dict[str, Work] = {}
    fragments = 0
    for w in works:
        if split != "all" and half(split_key(w)) != split:
            continue
        if not w.title:
            fragments += 1
            continue
        out.setdefault(w.id, w)
    return list(out.values()), fragments


# ---------------------------------------------------------------------------- comparing

_DASH = re.compile(r"[–—‐−~]|--")
#: quotation marks: rendering turns a title's 'x' into “x” (and the 2015 styles ‘x’)
_QUOTES = re.compile(r"[\"'‘’“”]")


def norm(text: str | None) -> str:
    if not text:
        return ""
    text = re.sub(r"<[^>]+>", "", text)
    text = unescape(text.replace("\\quad", " "))  # 89\-670 is printed 89-670
    return _QUOTES.sub('"', normalise(_DASH.sub("-", text)).casefold())


def name_form(name: Name, gbt: bool = False) -> str:
    """A name as GB/T and APA print it, for comparison: ``smith j a``, ``孙柏瑛``.

    Upper-cased first (the 2015 styles print KILIÇ for Kılıç: what is lost there is lost
    in print); initials as the engine makes them (Chiang Kai-shek is printed Chiang K: a
    lower-case part after a hyphen gives none)."""
    if name.literal:
        return norm(name.literal.upper())
    family = name.family or ""
    given = (name.given or "").split(",")[0]  # "Walton O., III": the suffix is no initial
    if has_cjk(family) or has_cjk(given):
        return norm(family + given)
    initials = re.sub(r"[\s.\-]", "", initialize(given, " ", not gbt)) if given else ""
    particles = " ".join(p for p in (name.non_dropping_particle, name.dropping_particle) if p)
    return norm(" ".join(x for x in (particles, family, initials) if x).upper())


def names_value(names: Sequence[Name], gbt: bool = False) -> str:
    return "; ".join(name_form(n, gbt) for n in names)


#: what GB/T author-date styles print where a work has no author: a sole literal author
#: that says so is no author, as rendered
_NO_AUTHOR = ("佚名", "无名氏", "Anon", "Anon.", "Anonymous")


def _no_author(names: Sequence[Name]) -> bool:
    return len(names) == 1 and (names[0].literal or "").strip() in _NO_AUTHOR


FIELDS = (
    "type",
    "author",
    "editor",
    "translator",
    "title",
    "container_title",
    "event_title",
    "edition",
    "publisher_place",
    "publisher",
    "issued",
    "volume",
    "issue",
    "page",
    "number",
    "archive",
    "archive_place",
    "archive_location",
    "url",
    "doi",
    "cstr",
    "accessed",
    "scale",
    "dimensions",
)


_PRINTED_CODE = re.compile(r"\[([A-Z]{1,2})(?:/[A-Z]{2})?\]")


def printed_code(rendered: str) -> str:
    """The GB/T type code a rendering prints (``J`` of ``[J/OL]``), or ``-``.

    GB/T 7714-1987 and -2005 code a part of a book ``[A]`` and its host after it (``Title[A]//
    Editors. Book[M]``, which some school styles still print); 2015 prints the host's code
    alone (``Title[M]//``): the host's code is the one compared, ``A`` staying an archive's."""
    text = to_halfwidth(rendered)
    m = _PRINTED_CODE.search(text)
    if m and m[1] == "A":
        host = re.compile(r"\[([CMG])\]").search(text, m.end())
        return host[1] if host else "A"
    return m[1] if m else "-"


#: a stop or comma the style moved inside closing quotes (American punctuation: APA's
#: ``the term “prostate.”``): the value printed is the one before the stop
_INSIDE_QUOTES = re.compile(r"([.,])([”\"])")


_CREATOR_ROLES = (
    "director",
    "composer",
    "interviewer",
    "host",
    "illustrator",
    "performer",
    "compiler",
)


def expected(work: Work, rendered: str, gbt: bool) -> dict[str, str]:
    """The fields of *work* that *rendered* shows, normalised as compared."""
    shown = norm(_INSIDE_QUOTES.sub(r"\2\1", rendered))
    out: dict[str, str] = {}
    work = _identifiers(_event_as_container(work))
    if not work.author and not work.editor:  # read with its role label, compared as printed
        role = next((r for r in _CREATOR_ROLES if getattr(work, r)), None)
        if role:
            work = work.evolve(author=getattr(work, role))
    if gbt:
        # a text printing no code (a codeless school or journal style, APA): the type as the
        # code GB/T would print for it
        code = printed_code(rendered)
        out["type"] = code if code != "-" else type_code(work)
    creators = {f: getattr(work, f) for f in ("author", "editor", "translator")}
    if gbt:
        # GB/T prints editors (and a patent's holder) where authors go, with no role: as
        # rendered they are the work's creators; a chapter's book author stands as editor
        inventors = bool(work.author) and all(name_form(n, gbt) in shown for n in work.author[:3])
        if work.holder and work.type == "patent" and not inventors:
            # citelib's GB/T styles print a patent's holder; the official ones its inventors
            creators["author"] = work.holder
        elif not creators["author"] and creators["editor"] and not work.container_title:
            creators["author"], creators["editor"] = creators["editor"], ()
        if not creators["editor"] and work.container_author and work.container_title:
            creators["editor"] = work.container_author
        if _no_author(creators["author"]):
            creators["author"] = ()
        if creators["editor"] and creators["editor"] == creators["translator"]:
            # an editor who translated: printed once, as the translator (CSL's
            # editortranslator), so not shown as an editor
            creators["editor"] = ()
    if not creators["author"] and not creators["editor"]:
        # a film's director, a song's composer, a book's compiler...: the style prints them
        # as the creators (APA with their role, "(Compiler)", which other programs leave out)
        for role in _CREATOR_ROLES:
            if getattr(work, role):
                creators["author"] = getattr(work, role)
                break
    # each field found is taken out of the text, so no other finds it there; longer values
    # first, and the creators' names too, so that a short value is not found inside a
    # longer one (天津 inside an editor 中国地质科学院天津地质矿产研究所, Instagram in a URL)
    wanted: list[tuple[str, str, Any]] = []
    for f in ORDER:
        value = getattr(work, f)
        if f in ("archive", "archive_place") and gbt:
            continue  # GB/T prints them as the publisher and its place (below)
        if f == "publisher" and gbt and value is None:
            value = work.archive
        if f == "publisher_place" and gbt and value is None:
            value = work.archive_place
        if f == "container_title" and value and norm(value) not in shown:
            value = work.container_title_short or value  # the style printed the short form
        if f == "page" and gbt and value is None and work.type == "article-journal":
            value = work.number
        if f == "number" and gbt and work.type == "article-journal" and not work.page:
            continue
        if value is None:
            continue
        if f in ("issued", "accessed"):
            if value.parts:
                text = str(value.parts[0][0]) if f == "issued" else str(value)
            else:
                text = open_year(value.literal or "")
            text = norm(text)
        elif f == "edition":
            text = edition(str(value))
        else:
            text = norm(str(value))
        if not text:
            continue
        wanted.append((f, text, value))
        if f == "volume" and volume(text) != text:
            value = volume(text)  # compared as its number: found as printed
    names = [name_form(n, gbt) for f in creators.values() for n in f]
    pool = [(len(t), i, f, t, v) for i, (f, t, v) in enumerate(wanted)]
    pool += [(len(t), len(pool) + i, "", t, None) for i, t in enumerate(names) if t]
    pool.sort(key=lambda x: (-x[0], x[1]))
    unnamed = shown
    for _, _, f, text, value in pool:
        if not f:  # a creator's name: taken out, not counted here
            at = shown.find(text)
            if at >= 0:
                shown = shown[:at] + "\x00" * len(text) + shown[at + len(text) :]
            continue
        before = r"(?<![0-9a-z])" if text[:1].isascii() and text[:1].isalnum() else ""
        after = r"(?![0-9])" if f == "issued" else r"(?![0-9a-z])"
        if not (text[-1:].isascii() and text[-1:].isalnum()):
            after = ""
        found = None
        if f == "edition":  # as an edition is printed (2nd ed.) before a bare 2 elsewhere
            found = re.search(before + re.escape(text) + r"(?:st|nd|rd|th)?\s*(?:ed|版)", shown)
            written = norm(str(value))
            if not found and written != text:  # printed as written ("Second"): styles
                found = re.search(r"(?<![0-9a-z])" + re.escape(written) + after, shown)
        found = found or re.search(before + re.escape(text) + after, shown)
        if not found and f == "accessed" and value.parts:  # printed as its year alone
            text = str(value.parts[0][0])  # (and its letter: [2013a])
            found = re.search(r"\[" + text + r"[a-z]?\]", shown)
        if not found and f == "container_title" and "." in text:
            # a journal's abbreviation printed with its stops stripped (Br. Med. J.)
            text = norm(text.replace(".", " "))
            found = re.search(re.escape(text) + after, shown) if text else None
        if found:
            out[f] = volume(text) if f == "volume" else text
            blank = "\x00" * (found.end() - found.start())
            shown = shown[: found.start()] + blank + shown[found.end() :]
            unnamed = unnamed[: found.start()] + blank + unnamed[found.end() :]
    for f, names in creators.items():  # looked for outside the fields found above
        if names and (name_form(names[0], gbt).split(" ")[0] or "\0") in unnamed:
            out[f] = names_value(names, gbt)
    return out


_VOLUME_LABEL = re.compile(r"(?:第|제|vol\.|v\.|卷)\s*(\d+)\s*(?:卷|권)?")


def volume(text: str) -> str:
    """A volume compared as its number: the styles print 1 as ``第1卷``, ``v.1``, ``Vol. 1``
    (and another program ``제 1 권``), so a volume read with its label is that number."""
    m = _VOLUME_LABEL.fullmatch(text)
    return m[1] if m else text


def open_year(literal: str) -> str:
    """A literal date that is a year and an open range (``1979/``, ``1984-``) as its year,
    as dates with parts are compared; other literals as they are."""
    m = re.fullmatch(r"(\d{4})\s*[/\-–—]", literal.strip())
    return m[1] if m else literal


# the engine's own table: "second" edition -> 2, as rendering reads it
_ORDINALS = {w: str(n) for w, n in _ORDINAL_WORDS.items()}


def edition(text: str) -> str:
    """An edition as the styles print it, compared: ``Fourth`` and ``4th ed.`` are ``4``."""
    t = norm(text)
    t = _ORDINALS.get(t, t)
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?\s*(?:ed\.?|edition|版)?", t)
    return m[1] if m else t


ORDER = (
    "title",
    "number",
    "archive_location",
    "container_title",
    "event_title",
    "url",
    "doi",
    "cstr",
    "accessed",
    "scale",
    "dimensions",
    "publisher",
    "publisher_place",
    "archive",
    "archive_place",
    "edition",
    "issued",
    "volume",
    "issue",
    "page",
)


def _event_as_container(work: Work) -> Work:
    """A conference's name where a proceedings' title goes (the slot GB/T 7714-2015 styles
    print both in): compared as the container."""
    if work.event_title and not work.container_title:
        return work.evolve(container_title=work.event_title, event_title=None)
    return work


_DOI_LINK = re.compile(r"https?://(?:dx\.)?doi\.org/(10\.\S+)$", re.I)


def _identifiers(work: Work) -> Work:
    """A URL that is a DOI's link compared as the DOI (a DOI is printed as that link)."""
    m = _DOI_LINK.match(work.url or "")
    if m and (not work.doi or work.doi.casefold() == m[1].casefold()):
        return work.evolve(url=None, doi=m[1])
    return work


def got(work: Work, fields: Iterable[str], gbt: bool, code: str = "-") -> dict[str, str]:
    out: dict[str, str] = {}
    work = _identifiers(_event_as_container(work))
    if not work.author and not work.editor:  # read with its role label, compared as printed
        role = next((r for r in _CREATOR_ROLES if getattr(work, r)), None)
        if role:
            work = work.evolve(author=getattr(work, role))
    if gbt:
        if _no_author(work.author):
            work = work.evolve(author=())
        if not work.author and work.editor and not work.container_title:
            work = work.evolve(author=work.editor, editor=())
        work = work.evolve(
            publisher=work.publisher or work.archive,
            publisher_place=work.publisher_place or work.archive_place,
        )
    for f in fields:
        if f == "type":
            if gbt:
                out[f] = code
            continue
        value = getattr(work, f)
        if f in ("author", "editor", "translator"):
            if value:
                out[f] = names_value(value, gbt)
        elif f in ("issued", "accessed"):
            if value is not None:
                text = (
                    (str(value.parts[0][0]) if f == "issued" else str(value))
                    if value.parts
                    else open_year(value.literal or "")
                )
                out[f] = norm(text)
        elif f == "edition" and value:
            out[f] = edition(str(value))
        elif f == "volume" and value:
            out[f] = volume(norm(str(value)))
        elif f in ("archive", "archive_place") and gbt:
            continue
        elif value:
            out[f] = norm(str(value))
    return out


def compare(
    source: Work,
    parsed: Work,
    rendered: str,
    gbt: bool,
    incomplete: bool,
    again: str = "",
    details: list[tuple[str, str | None, str | None]] | None = None,
    inferred: bool = False,
) -> tuple[int, int, list[str]]:
    """(fields correct, fields counted, the wrong fields); *again* is the parsed record
    rendered in the same style (its type code is compared with the one printed; *inferred*:
    the parser read the type from the shape of a text printing none); each wrong field is
    added to *details* as (field, expected, read)."""
    want = expected(source, rendered, gbt)
    code = printed_code(again)
    codeless = printed_code(rendered) == "-"
    if codeless:
        # the text prints no code: the type compared, as codes, where the parser read one from
        # the entry's GB/T shape; not where it read the text as APA (as in APA's own rows)
        code = type_code(parsed)
    have = got(parsed, FIELDS, gbt, code)
    if codeless and not inferred:
        want.pop("type", None)
        have.pop("type", None)
    if incomplete:
        for f in ("author", "editor", "translator"):
            if f in want and f in have:
                n = have[f].count(";") + 1
                want[f] = "; ".join(want[f].split("; ")[:n])
    keys = set(want) | set(have)
    wrong = sorted(k for k in keys if want.get(k) != have.get(k))
    if details is not None:
        details.extend((k, want.get(k), have.get(k)) for k in wrong)
    return len(keys) - len(wrong), len(keys), wrong


class Tally:
    def __init__(self) -> None:
        self.fields = 0
        self.correct = 0
        self.records = 0
        self.exact = 0
        self.verified = 0
        self.verified_exact = 0
        self.wrong: Counter[str] = Counter()
        self.examples: list[tuple[str, list[str]]] = []
        #: the verified records with a wrong field: (text, [(field, expected, read)])
        self.verified_wrong: list[tuple[str, list[tuple[str, str | None, str | None]]]] = []

    def add(
        self,
        correct: int,
        counted: int,
        wrong: list[str],
        verified: bool,
        text: str,
        details: list[tuple[str, str | None, str | None]] | None = None,
    ) -> None:
        self.fields += counted
        self.correct += correct
        self.records += 1
        self.exact += not wrong
        self.verified += verified
        self.verified_exact += verified and not wrong
        self.wrong.update(wrong)
        if wrong and len(self.examples) < 400:
            self.examples.append((text, wrong))
        if wrong and verified:
            self.verified_wrong.append((text, details or [(f, None, None) for f in wrong]))

    def summary(self) -> dict[str, Any]:
        def pct(a: int, b: int) -> float | None:
            return round(100 * a / b, 2) if b else None

        return {
            "records": self.records,
            "fields": pct(self.correct, self.fields),
            "exact": pct(self.exact, self.records),
            "verified_share": pct(self.verified, self.records),
            "verified_precision": pct(self.verified_exact, self.verified),
            "wrong_fields": dict(self.wrong.most_common(8)),
        }


def rendered_again(works: list[Work], style: str) -> dict[str, str]:
    """The parsed records rendered in *style*, by id."""
    bib = citelib.format_bibliography(works, style=style)
    return {e.id: e.text for e in bib.entries}


def corpus_of(key: str) -> str:
    """Which examples a work is: the GB/T standard's, the APA manual's, or others."""
    if key.startswith("gbt7714."):
        return "GB/T 7714 examples"
    if key.startswith("apa."):
        return "APA manual examples"
    return "other"


def measure_rendered(
    works: list[Work], styles: Sequence[str] = STYLES, *, by_corpus: bool = False
) -> dict[str, Tally]:
    """Render *works* in each style, parse the list back, tally the fields."""
    tallies: dict[str, Tally] = {}
    by_id = {w.id: w for w in works}
    for style in styles:
        tally = tallies[style] = Tally()
        bib = citelib.format_bibliography(works, style=style)
        entries = [e for e in bib.entries if e.id in by_id and "[No printed form]" not in e.text]
        text = "\n".join(e.text for e in entries)
        result = parse(text)
        assert len(result.references) == len(entries), (style, len(result.references), len(entries))
        again = rendered_again(result.works, style)
        for entry, ref in zip(entries, result.references, strict=True):
            incomplete = any(
                p.code == "incomplete-names" and p.line == ref.line for p in result.problems
            )
            details: list[tuple[str, str | None, str | None]] = []
            c, n, wrong = compare(
                by_id[entry.id],
                ref.work,
                entry.text,
                style != "apa",
                incomplete,
                again[ref.work.id],
                details,
            )
            tally.add(c, n, wrong, ref.verified, ref.text, details)
            if by_corpus:
                part = f"  {style} / {corpus_of(entry.id)}"
                tallies.setdefault(part, Tally()).add(c, n, wrong, ref.verified, ref.text, details)
    return tallies


# ---------------------------------------------------------------------------- other implementations


def _latex_to_text(text: str) -> str:
    text = re.sub(r"\\newblock\s*", " ", text)
    text = text.replace("---", "—").replace("--", "–")  # TeX's dashes
    text = text.replace("``", "“").replace("''", "”")  # and quotes
    text = text.replace("\\ ", " ")  # a control space
    text = text.replace("\\allowbreak", "").replace("\\quad", " ").replace("~", " ")
    text = re.sub(r"\\(?:url|doi|nolinkurl|emph|textit|textbf)\{([^{}]*)\}", r"\1", text)
    text = re.sub(r"\{\\natexlab\{([a-z])\}\}", r"\1", text)
    text = text.replace("\\&", "&").replace("\\%", "%").replace("\\_", "_").replace("\\#", "#")
    text = re.sub(r"\\[a-zA-Z]+\s*", "", text)
    text = text.replace("{", "").replace("}", "")
    return " ".join(text.split())


def bbl_entries(path: Path) -> list[tuple[str, str]]:
    """(key, text) of each \\bibitem of a .bbl (test log) file."""
    raw = path.read_text(encoding="utf-8")
    raw = raw.split("\\begin{thebibliography}", 1)[-1].split("\\end{thebibliography}", 1)[0]
    out = []
    for m in re.finditer(
        r"\\bibitem(?:\[(?:[^\[\]]|\[[^\]]*\])*\])?\{([^}]*)\}(.*?)(?=\\bibitem|\Z)", raw, re.S
    ):
        out.append((m[1], _latex_to_text(m[2])))
    return out


def printed(work: Work, text: str, style: str | None = None) -> str:
    """For text another implementation wrote: the parsed record as it prints, for its type
    code: in the style it was verified in (whose code is the text's own: PP is a 2025 code),
    else in GB/T 7714-2015 numeric."""
    (entry,) = citelib.format_bibliography([work], style=style or "gbt7714-2015-numeric").entries
    return entry.text


def measure_bbl(split: str) -> dict[str, Tally]:
    tallies: dict[str, Tally] = {}
    sources = {
        "2015": CORPORA / "gbt7714-bibtex-style" / "gbt7714-2015-examples.bib",
        "2005": CORPORA / "gbt7714-bibtex-style" / "gbt7714-2015-examples.bib",
    }
    for path in sorted((CORPORA / "gbt7714-bibtex-style" / "expected-bbl").glob("*.tlg")):
        year = path.name[:4]
        works = {w.id: w for w in citelib.read(sources[year]).works}
        entries = [
            (k, t)
            for k, t in bbl_entries(path)
            if k in works
            and works[k].title
            and (split == "all" or half(split_key(works[k])) == split)
        ]
        result = parse("\n".join(t for _, t in entries))
        tally = tallies[f"bibtex-style {path.stem}"] = Tally()
        for (key, text), ref in zip(entries, result.references, strict=True):
            incomplete = any(
                p.code == "incomplete-names" and p.line == ref.line for p in result.problems
            )
            details: list[tuple[str, str | None, str | None]] = []
            c, n, wrong = compare(
                works[key],
                ref.work,
                text,
                True,
                incomplete,
                printed(ref.work, text, ref.style),
                details,
            )
            tally.add(c, n, wrong, ref.verified, text, details)
    return tallies


def measure_previews(split: str) -> dict[str, Tally]:
    items = corpus_works()
    by_title = {norm(w.title): w for w in items if w.title and len(norm(w.title)) > 6}
    tally = Tally()
    counted = 0
    for meta in sorted(CSL.glob("zotero-chinese/*/metadata.json")):
        data = json.loads(meta.read_text(encoding="utf-8"))
        title = data.get("title", "")
        if "7714" not in title:
            continue
        body = data.get("bibliography") or ""
        entries = re.findall(
            r'<div class="csl-entry">(.*?)</div>\s*(?=<div class="csl-entry">|</div>\s*$)',
            body,
            re.S,
        )
        texts = []
        for e in entries:
            t = html.unescape(re.sub(r"<[^>]+>", " ", e))
            texts.append(" ".join(t.split()))
        chosen = []
        for t in texts:
            n = norm(t)
            match = [w for k, w in by_title.items() if k in n]
            if len(match) == 1 and (split == "all" or half(split_key(match[0])) == split):
                chosen.append((match[0], t))
        if not chosen:
            continue
        result = parse("\n".join(t for _, t in chosen))
        for (work, text), ref in zip(chosen, result.references, strict=True):
            counted += 1
            incomplete = any(
                p.code == "incomplete-names" and p.line == ref.line for p in result.problems
            )
            details: list[tuple[str, str | None, str | None]] = []
            c, n, wrong = compare(
                work, ref.work, text, True, incomplete, printed(ref.work, text, ref.style), details
            )
            tally.add(c, n, wrong, ref.verified, text, details)
    return {"zotero-chinese previews (GB/T 7714 styles)": tally}


#: the official styles citeproc-js renders for :func:`measure_citeproc_js` (what Zotero
#: prints), by the family name they are reported under
JS_STYLES = {
    "apa": "apa.csl",
    "gbt7714-2025-numeric": "china-national-standard-gb-t-7714-2025-numeric.csl",
    "gbt7714-2015-numeric": "china-national-standard-gb-t-7714-2015-numeric.csl",
    "gbt7714-2025-author-date": "china-national-standard-gb-t-7714-2025-author-date.csl",
    "gbt7714-2015-author-date": "china-national-standard-gb-t-7714-2015-author-date.csl",
}


#: APA's date after the creators: ``Roe, J. (2019a).``, ``Zotero. (n.d.-a).``
_APA_HEAD = re.compile(
    r"[^()]*?\.\s\(\s*(?:\d{4}[a-z]?(?:,\s[^()]{1,25})?|n\.\s?d\.(?:-[a-z]{1,2})?)\)\."
)


def tally_printed(entries: list[tuple[str, str]], by_id: dict[str, Work], style: str) -> Tally:
    """Another program's text of each work (``(id, text)``, in *style*) parsed back as one
    list and compared with the work."""
    if style != "apa":  # the numeric labels
        entries = [(k, re.sub(r"^\[\d+\]\s*", "", t)) for k, t in entries]
    result = parse("\n".join(t for _, t in entries), "apa" if style == "apa" else None)
    tally = Tally()
    for (key, text), ref in zip(entries, result.references, strict=True):
        # a school style's text is compared as GB/T prints, unless it is APA-like (a date in
        # brackets after the creators): there an article number is printed as one ("Article
        # e0209899"), not as GB/T's pages
        gbt = style != "apa" and not (style == "school" and _APA_HEAD.match(text))
        incomplete = any(
            p.code == "incomplete-names" and p.line == ref.line for p in result.problems
        )
        details: list[tuple[str, str | None, str | None]] = []
        inferred = any(p.code == "inferred-type" and p.line == ref.line for p in result.problems)
        again = printed(ref.work, text, ref.style) if gbt else ""
        c, n, wrong = compare(
            by_id[key], ref.work, text, gbt, incomplete, again, details, inferred=inferred
        )
        tally.add(c, n, wrong, ref.verified, text, details)
    return tally


def measure_citeproc_js(
    works: list[Work], styles: Sequence[str] = tuple(JS_STYLES)
) -> dict[str, Tally]:
    """*works* rendered by citeproc-js in the official styles and parsed back: text another
    implementation printed (skipped, empty, where node or citeproc-js is missing)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import render_js

    from citelib.formats.csljson import work_to_csl

    if not render_js.available():
        return {}
    by_id = {w.id: w for w in works}
    tallies: dict[str, Tally] = {}
    for style in styles:
        out = render_js.render(JS_STYLES[style], [work_to_csl(w) for w in works], format="text")
        entries = [
            (e["id"], " ".join(e["text"].split()))
            for e in out["entries"]
            if e["id"] in by_id and e["text"].strip() and "[CSL STYLE ERROR" not in e["text"]
        ]
        tallies[f"citeproc-js {style}"] = tally_printed(entries, by_id, style)
    return tallies


#: a list's label as school and journal styles print it: ``[1]``, ``［1］``, ``1.``, ``(1)``
_LABEL = re.compile(r"^\s*(?:\[\d+\]|［\d+］|\(\d+\)|（\d+）|\d+[.．、])\s*")
_BARE_LABEL = re.compile(r"^\d+\s+(?=\S)")
#: the seed and the number of styles :func:`school_styles` draws by default
SCHOOL_SEED = 7
SCHOOL_STYLES = 30
SCHOOL_CACHE = Path(__file__).resolve().parent / "out" / "parse-school-js"


_GBT_VARIANT = re.compile(r"GB[/-]T[ -]7714")


def school_styles(n: int = SCHOOL_STYLES, seed: int = SCHOOL_SEED) -> list[tuple[str, str]]:
    """(name, archive member) of *n* in-text zotero-chinese styles drawn with *seed*, leaving
    out the collection's GB/T 7714 variants (:func:`gbt_variants`)."""
    import random

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from zotero_chinese_styles import in_text_styles

    pool = sorted(
        (name, member) for name, member in in_text_styles() if not _GBT_VARIANT.match(name)
    )
    return sorted(random.Random(seed).sample(pool, min(n, len(pool))))


def gbt_variants() -> list[tuple[str, str]]:
    """(name, archive member) of every in-text GB/T 7714 style of the zotero-chinese collection
    (bilingual, names in capitals or not, full-width marks...: what Zotero users print)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from zotero_chinese_styles import in_text_styles

    return sorted((name, member) for name, member in in_text_styles() if _GBT_VARIANT.match(name))


def _school_text(member: str, items: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """citeproc-js's list of *items* in the archive's style *member*, (id, text), whitespace
    collapsed; cached under bench/out by the style, the items and the engine's version."""
    import tempfile
    import zipfile

    import render_js
    from zotero_chinese_styles import ARCHIVE

    with zipfile.ZipFile(ARCHIVE) as archive:
        style = archive.read(member)
    data = json.dumps(items, ensure_ascii=False, sort_keys=True).encode()
    key = hashlib.sha256(style + b"\0" + data + b"\0" + render_js.version().encode())
    cached = SCHOOL_CACHE / f"{key.hexdigest()[:32]}.json"
    if cached.is_file():
        rows = json.loads(cached.read_text(encoding="utf-8"))
    else:
        with tempfile.TemporaryDirectory(prefix="parse-school-") as tmp:
            path = Path(tmp) / "style.csl"
            path.write_bytes(style)
            try:
                out = render_js.render(path, items, format="text")
                rows = [[e["id"], " ".join((e["text"] or "").split())] for e in out["entries"]]
            except render_js.CiteprocJsError:
                rows = []
        SCHOOL_CACHE.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return [(str(i), t) for i, t in rows]


def measure_school(
    works: list[Work],
    n: int = SCHOOL_STYLES,
    seed: int = SCHOOL_SEED,
    styles: list[tuple[str, str]] | None = None,
    prefix: str = "school",
) -> dict[str, Tally]:
    """*works* rendered by citeproc-js in *n* zotero-chinese school and journal styles drawn
    at random (:func:`school_styles`; or in *styles*, rows named *prefix* and the style) and
    parsed back with no style given, each style's list as one text (skipped, empty, where
    node or citeproc-js is missing)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import render_js

    from citelib.formats.csljson import work_to_csl

    if not render_js.available():
        return {}
    by_id = {w.id: w for w in works}
    items = [work_to_csl(w) for w in works]
    tallies: dict[str, Tally] = {}
    for name, member in styles if styles is not None else school_styles(n, seed):
        entries = [
            (k, _LABEL.sub("", t))
            for k, t in _school_text(member, items)
            if k in by_id and t and "[CSL STYLE ERROR" not in t
        ]
        entries = [(k, t) for k, t in entries if t]
        if entries and all(_BARE_LABEL.match(t) for _, t in entries):
            # a bare number (``1 陈登原.``): a label only where every entry starts with one
            entries = [(k, _BARE_LABEL.sub("", t)) for k, t in entries]
        if entries:
            tallies[f"{prefix} {name}"] = tally_printed(entries, by_id, "school")
    return tallies


def school_summary(tallies: dict[str, Tally], prefix: str = "school") -> dict[str, Any]:
    """Median and lowest precision of ``verified`` over the school styles (the rows named
    *prefix*) that verified any entry, and how many reach 99.5 %."""
    import statistics

    rows = [t.summary() for k, t in tallies.items() if k.startswith(prefix + " ")]
    precisions = [p for s in rows if (p := s["verified_precision"]) is not None]
    if not precisions:
        return {}
    return {
        "styles": len(rows),
        "with_verified": len(precisions),
        "median_precision": round(statistics.median(precisions), 2),
        "lowest_precision": min(precisions),
        "at_99_5": sum(p >= 99.5 for p in precisions),
        "fields_median": round(statistics.median(s["fields"] or 0 for s in rows), 2),
        "verified_median": round(statistics.median(s["verified_share"] or 0 for s in rows), 2),
    }


def measure_pandoc(works: list[Work], styles: Sequence[str] = ("apa",)) -> dict[str, Tally]:
    """*works* rendered by pandoc's citeproc (``--citeproc``, HTML, one ``ref-ID`` block an
    entry) in the official styles and parsed back (skipped, empty, without pandoc)."""
    import shutil
    import subprocess
    import tempfile

    from citelib.formats.csljson import work_to_csl

    exe = shutil.which("pandoc")
    if exe is None:
        return {}
    by_id = {w.id: w for w in works}
    tallies: dict[str, Tally] = {}
    with tempfile.TemporaryDirectory(prefix="parse-pandoc-") as tmp:
        items = Path(tmp) / "items.json"
        items.write_text(json.dumps([work_to_csl(w) for w in works], ensure_ascii=False), "utf-8")
        doc = Path(tmp) / "nocite.md"
        doc.write_text("---\nnocite: '@*'\n---\n", encoding="utf-8")
        for style in styles:
            csl = CSL / "styles" / JS_STYLES[style]
            cmd = [exe, str(doc), "--citeproc", "--bibliography", str(items), "--csl", str(csl)]
            out = subprocess.run(cmd + ["-t", "html"], capture_output=True, check=True).stdout
            # an entry runs to the next (numeric styles hold its label in a div of its own)
            blocks = re.findall(
                r'<div id="ref-([^"]+)" class="csl-entry"[^>]*>(.*?)(?=<div id="ref-|\Z)',
                out.decode(),
                re.S,
            )
            entries = [
                (key, " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split()))
                for key, body in blocks
                if key in by_id
            ]
            entries = [(k, t) for k, t in entries if t]
            tallies[f"pandoc {style}"] = tally_printed(entries, by_id, style)
    return tallies


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("dev", "held", "all"), default="held")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--examples", type=int, default=0, help="print N wrong records per style")
    ap.add_argument(
        "--verified-wrong",
        action="store_true",
        help="print every verified record with a wrong field (field: expected / read)",
    )
    ap.add_argument(
        "--styles", default=",".join(STYLES), help="the styles to render in, comma-separated"
    )
    ap.add_argument(
        "--no-others", action="store_true", help="skip the text of other implementations"
    )
    ap.add_argument(
        "--school",
        type=int,
        default=0,
        metavar="N",
        help="also N zotero-chinese school/journal styles through citeproc-js (seed --seed)",
    )
    ap.add_argument("--seed", type=int, default=SCHOOL_SEED, help="the draw of --school")
    ap.add_argument(
        "--school-only",
        action="store_true",
        help="only the --school and --gbt-variants rows (with --styles '')",
    )
    ap.add_argument(
        "--gbt-variants",
        action="store_true",
        help="also every GB/T 7714 style of the zotero-chinese collection through citeproc-js",
    )
    args = ap.parse_args(argv)
    works, fragments = select(corpus_works(), args.split)
    report: dict[str, Any] = {
        "split": args.split,
        "works": len(works),
        "fragments_left_out": fragments,
    }
    styles = tuple(s for s in args.styles.split(",") if s)
    tallies = measure_rendered(works, styles, by_corpus=True) if styles else {}
    if not args.no_others and not args.school_only:
        tallies |= measure_bbl(args.split)
        tallies |= measure_previews(args.split)
        tallies |= measure_citeproc_js(works)
        tallies |= measure_pandoc(works, ("apa", "gbt7714-2025-numeric"))
    if args.school:
        tallies |= measure_school(works, args.school, args.seed)
        report["school"] = school_summary(tallies)
    if args.gbt_variants:
        tallies |= measure_school(works, styles=gbt_variants(), prefix="gbt-variant")
        report["gbt_variants"] = school_summary(tallies, "gbt-variant")
    report["results"] = {k: t.summary() for k, t in tallies.items()}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(f"split {args.split}: {len(works)} works ({fragments} untitled fragments left out)")
        print(f"{'source':48} {'n':>5} {'fields%':>8} {'exact%':>7} {'verif%':>7} {'prec%':>7}")
        for name, t in tallies.items():
            s = t.summary()
            print(
                f"{name:48} {s['records']:>5} {s['fields'] or 0:>8} {s['exact'] or 0:>7}"
                f" {s['verified_share'] or 0:>7} {s['verified_precision'] or 0:>7}  {s['wrong_fields']}"
            )
            for text, wrong in t.examples[: args.examples]:
                print(f"    {wrong}  {text[:160]}")
            if args.verified_wrong and not name.startswith(" "):
                for text, diffs in t.verified_wrong:
                    print(f"  VERIFIED-WRONG {text}")
                    for field, want, have in diffs:
                        print(f"      {field}: expected {want!r}, read {have!r}")
        if report.get("school"):
            print("school/journal styles (citeproc-js):", report["school"])
        if report.get("gbt_variants"):
            print("zotero-chinese GB/T 7714 styles (citeproc-js):", report["gbt_variants"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
