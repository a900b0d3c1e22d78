"""Checking works against the rules of a style's standard: GB/T 7714 (2025, 2015) and APA 7.

:func:`check` lists, for each work, the elements the standard of ``style`` requires for the
work's type that are missing (errors), and doubtful data any style suffers from (warnings):
a language tag the script of the title and names contradicts, a Chinese personal name kept
as one literal (or an institution split into family and given names), a URL or DOI that is
not one.  Every problem names its CSL field, the clause it enforces and a one-line fix.

Which standard a style follows comes from the style itself: its ``<id>``, else the
``template`` it declares in ``<info>``, looked up in :data:`KNOWN_STYLES` (citelib's own
styles by name too).  A style of no known standard gets the generic checks only.

:func:`with_placeholders` fills a work's missing place, publisher and year with the
placeholders GB/T 7714 prescribes (``[出版地不详]``, ``[S.l.]``, ``[出版者不详]``,
``[s.n.]``, ``[出版年不详]``, ``[n.d.]``), for ``format --placeholders``.

:func:`locate` finds where each work is in its source text, so that problems found in
works (which do not carry their lines) can name file and line.
"""

from __future__ import annotations

import operator
import os
import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import attrs

from ._regex import LazyPattern
from .errors import CitelibError, Problem
from .language import (
    has_cjk,
    has_kana,
    is_han,
    normalize_language,
    primary_language,
    split_cjk_name,
    work_language,
)
from .model import Date, Library, Name, Work, field_for_csl

if TYPE_CHECKING:
    from .render import WorkLike

__all__ = [
    "APA7",
    "GBT2015",
    "GBT2025",
    "KNOWN_STYLES",
    "PERSON_ROLES",
    "RuleSet",
    "check",
    "check_files",
    "language_problem",
    "locate",
    "missing_elements",
    "rules_for_style",
    "unsplit_personal_name",
    "with_placeholders",
]

DEFAULT_STYLE = "gbt7714-2025-numeric"
Where = Mapping[str, tuple[str | None, int | None]]


@attrs.frozen
class RuleSet:
    """The rules of one standard: its short name and the title clauses are cited under."""

    #: ``gbt7714-2025``, ``gbt7714-2015`` or ``apa7``
    name: str
    #: how clauses are cited: ``GB/T 7714—2025``
    title: str

    @property
    def is_gbt(self) -> bool:
        return self.name.startswith("gbt7714")


GBT2025 = RuleSet("gbt7714-2025", "GB/T 7714—2025")
GBT2015 = RuleSet("gbt7714-2015", "GB/T 7714—2015")
APA7 = RuleSet("apa7", "APA 7")

_ZC = "https://zotero-chinese.com/styles/"
_ZOTERO = "http://www.zotero.org/styles/"

#: citelib's style names and known style ids (or id prefixes, ending in ``（``) -> rule set.
#: A style not listed here is looked up by the ``template`` its ``<info>`` declares.
KNOWN_STYLES: dict[str, RuleSet | None] = {
    # citelib's own styles, by name
    "gbt7714-2025-numeric": GBT2025,
    "gbt7714-2025-author-date": GBT2025,
    "gbt7714-2025-note": GBT2025,
    "gbt7714-2015-numeric": GBT2015,
    "gbt7714-2015-author-date": GBT2015,
    "apa": APA7,
    # the official CSL styles
    f"{_ZOTERO}china-national-standard-gb-t-7714-2025-numeric": GBT2025,
    f"{_ZOTERO}china-national-standard-gb-t-7714-2025-author-date": GBT2025,
    f"{_ZOTERO}china-national-standard-gb-t-7714-2025-note": GBT2025,
    f"{_ZOTERO}china-national-standard-gb-t-7714-2015-numeric": GBT2015,
    f"{_ZOTERO}china-national-standard-gb-t-7714-2015-author-date": GBT2015,
    f"{_ZOTERO}china-national-standard-gb-t-7714-2015-note": GBT2015,
    f"{_ZOTERO}apa": APA7,
    # the zotero-chinese GB/T 7714 family: every variant of an edition (id prefixes)
    f"{_ZC}GB-T-7714—2025（": GBT2025,
    f"{_ZC}GB-T-7714—2015（": GBT2015,
    # earlier editions, whose rules citelib does not check (not their 2015 template's)
    f"{_ZC}GB-T-7714—2005（": None,
    f"{_ZC}GB-T-7714—1987（": None,
}


def _known(ident: str) -> tuple[bool, RuleSet | None]:
    """Whether *ident* is a known style id (or has a known prefix), and its rule set."""
    if ident in KNOWN_STYLES:
        return True, KNOWN_STYLES[ident]
    for prefix, rules in KNOWN_STYLES.items():
        if prefix.endswith("（") and ident.startswith(prefix):
            return True, rules
    return False, None


@lru_cache(maxsize=64)
def _style_ids(style: str) -> tuple[str, ...]:
    """The style's own id, then the template it declares."""
    from .render import style_ids

    return style_ids(style)


def rules_for_style(style: str | os.PathLike[str] | None) -> RuleSet | None:
    """The rule set the style follows, or ``None`` for a style of no known standard.

    Decided by the style's name among citelib's own styles, else by its ``<id>``, else by
    the ``template`` link of its ``<info>`` (a school style derived from a GB/T 7714
    style follows that edition).  Raises :class:`~citelib.errors.UnknownStyle` for a name
    that is no style.
    """
    if style is None:
        return None
    name = os.fspath(style)
    if name in KNOWN_STYLES:
        return KNOWN_STYLES[name]
    for ident in _style_ids(name):
        known, rules = _known(ident)
        if known:
            return rules
    return None


# ----------------------------------------------------------------------------- categories

Category = Literal[
    "monograph",
    "proceedings",
    "part",
    "conference",
    "serial",
    "article",
    "newspaper",
    "thesis",
    "report",
    "standard",
    "patent",
    "webpage",
    "dataset",
    "software",
    "preprint",
    "archive",
    "map",
    "other",
]

_PARTS = frozenset(["chapter", "entry", "entry-dictionary", "entry-encyclopedia"])


def category(work: Work) -> Category:
    """The kind of work GB/T 7714 and APA set rules for."""
    t = work.type
    if t == "book":
        return "proceedings" if work.subtype == "proceedings" else "monograph"
    if t in ("classic", "collection"):
        return "monograph"
    if t in _PARTS:
        return "part"
    if t == "paper-conference":
        return "part" if work.container_title else "conference"
    if t in ("article-journal", "article-magazine"):
        return "article"
    if t == "article-newspaper":
        return "newspaper"
    if t == "periodical":
        return "serial"
    if t in ("thesis", "report", "standard", "patent", "dataset", "software", "map"):
        return t  # type: ignore[return-value]
    if t in ("webpage", "post", "post-weblog"):
        return "webpage"
    if t == "article":
        return "preprint"
    if t in ("manuscript", "personal_communication") and (work.archive or work.archive_location):
        return "archive"
    return "other"


def _online(work: Work) -> bool:
    return bool(work.url and work.url.strip())


# ----------------------------------------------------------------------------- requirements


class _Need(NamedTuple):  # (a tuple: several are made for each work checked)
    """One required element: the CSL field reported, a test, the clause and a hint."""

    field: str
    element: str
    clause: str
    hint: str
    present: Callable[[Work], bool]


def _value_of(csl: str) -> Callable[[Work], Any]:
    """``work.get(csl)`` as a function: an attribute getter for a model field."""
    field = field_for_csl(csl)
    if field is None:
        return lambda work: work.get(csl)
    return operator.attrgetter(field.attr)


@cache  # one test for each set of fields, made once
def _has(*fields: str) -> Callable[[Work], bool]:
    getters = tuple(_value_of(f) for f in fields)

    def present(work: Work) -> bool:
        for get in getters:
            value = get(work)
            if isinstance(value, Date) or (isinstance(value, tuple) and value):
                return True
            if isinstance(value, str) and value.strip():
                return True
        return False

    return present


_PLACE_HINT = "add the place (BibTeX address/location); if unknown, --placeholders prints {ph}"
_PUB_HINT = "add the publisher (BibTeX publisher); if unknown, --placeholders prints {ph}"


def _gbt_needs(work: Work, rules: RuleSet) -> tuple[_Need, ...]:
    """What GB/T 7714 (the edition of *rules*) requires of *work*, with the clauses."""
    new = rules is GBT2025
    cat = category(work)
    online = _online(work)
    # an article published online first gives its online date instead (2025 8.5.1.1 ex. 7)
    online_first = (
        cat == "article" and new and (online or bool(work.doi)) and not (work.volume or work.issue)
    )
    return _gbt_needs_of(new, rules.title, cat, online, _is_zh(work), online_first)


@lru_cache(maxsize=512)  # a few dozen combinations: each made once
def _gbt_needs_of(
    new: bool, std: str, cat: Category, online: bool, zh: bool, online_first: bool
) -> tuple[_Need, ...]:
    """:func:`_gbt_needs` of a work of category *cat*: the 2025 edition's rules (*new*) or
    2015's, cited as *std*; online or not, in Chinese or not, an article online first or not."""
    ph_place = "[出版地不详]" if zh else "[S.l.]"
    ph_pub = "[出版者不详]" if zh else "[s.n.]"
    needs: list[_Need] = []

    def need(field: str, element: str, clause: str, hint: str, *fields: str) -> None:
        needs.append(_Need(field, element, f"{std} {clause}", hint, _has(*(fields or (field,)))))

    # the type's own clause, 2025 (§8.x) and 2015 (§4.x)
    own = {
        "monograph": ("8.2", "4.1"),
        "proceedings": ("8.6.1, 8.2", "4.1"),
        "part": ("8.3", "4.2"),
        "conference": ("8.6", "4.1"),
        "serial": ("8.4", "4.3"),
        "article": ("8.5", "4.4"),
        "newspaper": ("8.5.1", "4.4, 8.8.2"),
        "thesis": ("8.7", "4.1"),
        "report": ("8.8", "4.1"),
        "standard": ("8.9", "4.1"),
        "patent": ("8.10", "4.5"),
        "webpage": ("8.11", "4.6"),
        "archive": ("8.12", "4.1"),
        "map": ("8.13", "4.1"),
        "dataset": ("8.14", "4.6"),
        "preprint": ("8.15", "4.6"),
        "software": ("8.11", "4.6"),
        "other": ("8", "4"),
    }[cat]
    clause = own[0] if new else own[1]

    need("title", "title (题名)", f"{clause}, {'7.2' if new else '8.2'}", "add the title")

    # place, publisher, year: the publication block (2025 7.5, 2015 8.4)
    pub_block = cat in ("monograph", "proceedings", "part", "map", "serial") or (
        not new and cat in ("standard", "archive")
    )
    if cat == "thesis":
        need(
            "publisher-place",
            "place of the degree-granting institution (学位授予单位所在地)",
            f"{clause}, 7.5.2" if new else f"{clause}, 8.4.1",
            _PLACE_HINT.format(ph=ph_place),
        )
        need(
            "publisher",
            "degree-granting institution (学位授予单位)",
            f"{clause}, 7.5.3" if new else f"{clause}, 8.4.2",
            "add the degree-granting institution (BibTeX school)"
            f"; if unknown, --placeholders prints {ph_pub}",
        )
        need(
            "issued",
            "year of the degree (学位授予年)",
            f"{clause}, {'7.5.4' if new else '8.4.3'}",
            "add the year",
        )
    elif pub_block and not online:
        # electronic resources may leave them out (2015 8.4.1.3, 2025 7.5.2.3)
        need(
            "publisher-place",
            "place of publication (出版地)",
            f"{clause}, {'7.5.2' if new else '8.4.1'}",
            _PLACE_HINT.format(ph=ph_place),
        )
        need(
            "publisher",
            "publisher (出版者)",
            f"{clause}, {'7.5.3' if new else '8.4.2'}",
            _PUB_HINT.format(ph=ph_pub),
        )
        need(
            "issued",
            "year of publication (出版年)",
            f"{clause}, {'7.5.4' if new else '8.4.3'}",
            "add the year (BibTeX year/date)",
        )
    if cat == "part":
        need(
            "container-title",
            "title of the host book (图书题名)",
            clause,
            "add the book's title (BibTeX booktitle)",
        )
    if cat == "conference":
        need(
            "event-title",
            "name of the conference (会议名称)",
            clause,
            "add the conference name (BibTeX eventtitle) or the proceedings' title (booktitle)",
            "event-title",
            "container-title",
        )
        need("issued", "year of the conference (会议年份)", clause, "add the year")
    if cat in ("article", "newspaper"):
        serial = "newspaper (报纸名)" if cat == "newspaper" else "serial (连续出版物题名)"
        need(
            "container-title",
            f"title of the {serial}",
            clause,
            "add the journal (BibTeX journal/journaltitle)",
        )
        block = "8.5.1" if new else "8.8.2"
        need("issued", "year (年)", f"{clause}, {block}", "add the year (BibTeX year/date)")
        if cat == "article" and not online_first:
            need(
                "volume",
                "volume or issue (卷(期))",
                f"{clause}, {block}",
                "add the volume (BibTeX volume) or the issue (BibTeX number)",
                "volume",
                "issue",
            )
            need(
                "page",
                "pages or article number (页码)",
                f"{clause}, {block}, {'7.7' if new else '8.5'}",
                "add the pages (BibTeX pages) or the article number (BibTeX eid)",
                "page",
                "number",
            )
        if cat == "newspaper":
            need(
                "page",
                "page or section number (版次)",
                f"{clause}, {block}",
                "add the page/版次 (BibTeX pages)",
                "page",
                "section",
                "issue",
            )
    if cat == "report" and not online:  # the standards' reports print no place or publisher
        need(
            "issued",
            "date of release (发布日期)",
            f"{clause}, {'7.5.4' if new else '8.4.3'}",
            "add the date (BibTeX date)",
        )
    if cat == "standard":
        need(
            "number",
            "standard number (标准编号)",
            clause if new else f"{clause}, 8.2",
            "add the number (BibTeX number)",
        )
    if cat == "patent":
        need(
            "author",
            "applicant or holder (专利申请者或所有者)",
            f"{clause}, {'7.1' if new else '8.1'}",
            "add the holder (BibTeX holder/author)",
            "author",
            "holder",
        )
        need("number", "patent number (专利号)", clause, "add the number (BibTeX number)")
        need(
            "issued",
            "date of announcement (公告日期或公开日期)",
            f"{clause}, {'7.5.4.2' if new else '8.4.4'}",
            "add the date (BibTeX date)",
        )
    if cat == "archive" and new:
        need(
            "archive",
            "holding institution (收藏者)",
            f"{clause}, 7.5.3",
            "add the archive (BibTeX institution/archive)",
        )
    if cat in ("webpage", "preprint") or (cat == "dataset" and (new or online)):
        need(
            "URL",
            "access path (获取和访问路径)",
            f"{clause}, {'7.8' if new else '8.6'}",
            "add the URL",
        )
    # the cited date: 2025 only for websites, datasets and preprints; 2015 for every online work
    if new:
        if cat in ("webpage", "dataset", "preprint") or (cat == "software" and online):
            need(
                "accessed",
                "date of access (引用日期)",
                f"{clause}, 7.6",
                "add the date you accessed it (BibTeX urldate)",
            )
    elif online or cat == "webpage":
        need(
            "accessed",
            "date of access (引用日期)",
            f"{clause}, 8.4.4",
            "add the date you accessed it (BibTeX urldate)",
        )
    return tuple(needs)


def _has_day(date: Date | None) -> bool:
    return date is not None and bool(date.parts) and len(date.parts[0]) == 3


_APA_OWN = {
    "article": "10.1",
    "newspaper": "10.1",
    "serial": "10.1",
    "monograph": "10.2",
    "proceedings": "10.2",
    "part": "10.3",
    "report": "10.4",
    "conference": "10.5",
    "thesis": "10.6",
    "dataset": "10.9",
    "software": "10.10",
    "webpage": "10.16",
}


def _apa_needs(work: Work) -> tuple[_Need, ...]:
    """The elements the APA 7 reference templates (Publication Manual ch. 10) need."""
    return _apa_needs_of(category(work))


@cache  # one list for each category
def _apa_needs_of(cat: Category) -> tuple[_Need, ...]:
    """:func:`_apa_needs` of a work of category *cat*."""
    clause = "APA 7 §" + _APA_OWN.get(cat, "9.4")
    needs = [_Need("title", "title", f"{clause}, 9.19", "add the title", _has("title"))]
    if cat in ("article", "newspaper"):
        needs.append(
            _Need(
                "container-title",
                "periodical title",
                clause,
                "add the journal",
                _has("container-title"),
            )
        )
    if cat == "article":
        needs.append(
            _Need("volume", "volume", clause, "add the volume (BibTeX volume)", _has("volume"))
        )
        needs.append(
            _Need(
                "page",
                "page range or article number",
                clause,
                "add the pages or the article number",
                _has("page", "number"),
            )
        )
    if cat in ("monograph", "proceedings", "part"):
        needs.append(
            _Need(
                "publisher", "publisher", f"{clause}, 9.29", "add the publisher", _has("publisher")
            )
        )
    if cat == "part":
        needs.append(
            _Need(
                "container-title",
                "book title",
                clause,
                "add the book's title (BibTeX booktitle)",
                _has("container-title"),
            )
        )
    if cat == "thesis":
        needs.append(
            _Need(
                "publisher",
                "degree-granting institution",
                clause,
                "add the institution (BibTeX school)",
                _has("publisher"),
            )
        )
    if cat == "conference":
        needs.append(
            _Need(
                "event-title",
                "conference name",
                clause,
                "add the conference name (BibTeX eventtitle)",
                _has("event-title", "container-title"),
            )
        )
    if cat in ("webpage", "dataset"):
        needs.append(
            _Need("URL", "URL", f"{clause}, 9.34", "add the URL or DOI", _has("URL", "DOI"))
        )
    return tuple(needs)


_LABELS: dict[str, str] = {
    "monograph": "a book",
    "proceedings": "a proceedings",
    "part": "a part of a book",
    "conference": "a conference paper",
    "serial": "a serial",
    "article": "a journal article",
    "newspaper": "a newspaper article",
    "thesis": "a thesis",
    "report": "a report",
    "standard": "a standard",
    "patent": "a patent",
    "webpage": "a web page",
    "dataset": "a dataset",
    "software": "a piece of software",
    "preprint": "a preprint",
    "archive": "an archival document",
    "map": "a map",
    "other": "any work",
}


def missing_elements(work: Work, rules: RuleSet) -> list[Problem]:
    """The elements *rules* require of *work* that it lacks, as ``missing-element`` errors
    (without file and line)."""
    needs = _apa_needs(work) if rules is APA7 else _gbt_needs(work, rules)
    out: list[Problem] = []
    seen: set[str] = set()
    for n in needs:
        if n.field in seen or n.present(work):
            continue
        seen.add(n.field)
        out.append(
            Problem(
                f"missing {n.element}, required of {_LABELS[category(work)]} by {n.clause}",
                key=work.id,
                severity="error",
                code="missing-element",
                field=n.field,
                clause=n.clause,
                hint=n.hint,
            )
        )
    return out


# ----------------------------------------------------------------------------- generic checks


def _is_zh(work: Work) -> bool:
    # work_language is the declared language when there is one, else the script's
    return primary_language(normalize_language(work.language) or work_language(work)) == "zh"


def _cjk_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(has_cjk(c) for c in letters) / len(letters)


def _name_text(names: Iterable[Name]) -> str:
    return " ".join(filter(None, (n.literal or f"{n.family or ''} {n.given or ''}" for n in names)))


def language_problem(work: Work) -> Problem | None:
    """The ``language-script`` warning for *work*, if its script contradicts its language tag."""
    raw = work.language
    tag = normalize_language(raw)
    if not tag:
        return None
    lang = primary_language(tag)
    title = work.title or ""
    names = _name_text(work.author + work.editor)
    cjk_tag = lang in ("zh", "ja", "ko")
    if cjk_tag:
        if title and not has_cjk(title) and not has_cjk(names):
            found = "Latin or other non-CJK script"
        elif lang == "zh" and has_kana(title):
            found = "Japanese kana"
        else:
            return None
    else:
        if title and _cjk_share(title) > 0.3:
            found = "Chinese, Japanese or Korean characters"
        elif not title and names and _cjk_share(names) > 0.5:
            found = "Chinese, Japanese or Korean characters in the names"
        else:
            return None
    return Problem(
        f"language {raw!r} but the title and names are written in {found}",
        key=work.id,
        severity="warning",
        code="language-script",
        field="language",
        clause="GB/T 7714—2025 5.1 (GB/T 7714—2015 6.1): each work is described in its own language",
        hint="correct the language tag (BibTeX langid/language), or remove it to let the script decide",
    )


_INSTITUTION_END = (
    "会", "院", "所", "局", "部", "社", "馆", "司", "厅", "委", "办", "处", "室", "组", "校",
    "中心", "大学", "学会", "协会", "集团", "公司", "政府", "署", "府", "台", "站", "厂",
    "报", "网", "刊", "团", "队", "党",
)  # fmt: skip
# the endings that make a short (3-4 character) split name an institution: fewer, since
# personal names end in 委, 国, 华...
_SHORT_INSTITUTION_END = (
    "部",
    "院",
    "局",
    "社",
    "馆",
    "所",
    "厅",
    "署",
    "中心",
    "大学",
    "学会",
    "协会",
    "公司",
    "政府",
)

PERSON_ROLES = (
    "author",
    "editor",
    "translator",
    "container_author",
    "collection_editor",
    "compiler",
    "contributor",
    "editorial_director",
    "illustrator",
    "interviewer",
    "original_author",
    "recipient",
    "reviewed_author",
)


def unsplit_personal_name(name: Name) -> bool:
    """True for a Chinese personal name kept as one literal (2-4 Han characters, no
    institution's ending such as 院, 局, 大学): ``name-literal``, which ``fix`` splits."""
    if name.literal is None:
        return False
    text = name.literal.strip()
    bare = text.replace("·", "")
    return 2 <= len(text) <= 4 and is_han(bare) and not text.endswith(_INSTITUTION_END)


def _name_problems(work: Work) -> list[Problem]:
    out: list[Problem] = []
    for attr in PERSON_ROLES:
        csl = attr.replace("_", "-")
        for name in getattr(work, attr):
            if name.literal is not None:
                text = name.literal.strip()
                if unsplit_personal_name(name):
                    split = split_cjk_name(text)
                    out.append(
                        Problem(
                            f"the Chinese personal name {text!r} is one literal; family and given"
                            " name are expected (sorting and author-date citations use the family name)",
                            key=work.id,
                            severity="warning",
                            code="name-literal",
                            field=csl,
                            clause="GB/T 7714—2025 7.1.1 (GB/T 7714—2015 8.1.1)",
                            hint=f"store it as family {split.family!r}, given {split.given!r}"
                            " (BibTeX: {family}, {given})"
                            if split.family
                            else "store it as family and given name",
                        )
                    )
                continue
            full = (name.family or "") + (name.given or "")
            if (
                name.family
                and has_cjk(full)
                and is_han(full)
                and (len(full) > 5 or (len(full) >= 3 and full.endswith(_SHORT_INSTITUTION_END)))
            ):
                out.append(
                    Problem(
                        f"{full!r} looks like an institution but is split into family"
                        f" {name.family!r} and given {name.given!r}",
                        key=work.id,
                        severity="warning",
                        code="name-split",
                        field=csl,
                        clause="GB/T 7714—2025 7.1.4 (GB/T 7714—2015 8.1.4)",
                        hint="store an institution as one literal name (BibTeX: wrap it in braces {...})",
                    )
                )
    return out


_DOI_RE = LazyPattern(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIX_RE = LazyPattern(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)


def _link_problems(work: Work) -> list[Problem]:
    out: list[Problem] = []
    if work.url is not None:
        url = work.url.strip()
        from urllib.parse import urlsplit  # (here: formatting needs no urllib)

        parts = urlsplit(url) if " " not in url else None
        ok = (
            parts is not None
            and parts.scheme.lower() in ("http", "https", "ftp")
            and ("." in parts.netloc or parts.netloc.startswith("localhost"))
        )
        if not ok:
            out.append(
                Problem(
                    f"the URL {url!r} is not a web address (http(s)://host/...)",
                    key=work.id,
                    severity="warning",
                    code="bad-url",
                    field="URL",
                    clause="GB/T 7714—2025 7.8 (GB/T 7714—2015 8.6)",
                    hint="give the full address with http:// or https://, without spaces",
                )
            )
    if work.doi is not None:
        doi = work.doi.strip()
        bare = _DOI_PREFIX_RE.sub("", doi)
        if not _DOI_RE.match(doi):
            fix = (
                f"store the bare DOI {bare!r}"
                if _DOI_RE.match(bare)
                else "a DOI starts with 10. and a registrant code, then / and a suffix"
            )
            out.append(
                Problem(
                    f"the DOI {doi!r} is not a bare DOI (10.NNNN/suffix)",
                    key=work.id,
                    severity="warning",
                    code="bad-doi",
                    field="DOI",
                    clause="GB/T 7714—2025 7.9 (GB/T 7714—2015 8.7)",
                    hint=fix,
                )
            )
    return out


def generic_problems(work: Work) -> list[Problem]:
    """The checks every style gets: language against script, name forms, URL and DOI."""
    out: list[Problem] = []
    lang = language_problem(work)
    if lang is not None:
        out.append(lang)
    out += _name_problems(work)
    out += _link_problems(work)
    return out


# ----------------------------------------------------------------------------- check


def _works_of(works: Library | Iterable[WorkLike]) -> list[Work]:
    from .render import _works

    found, _problems = _works(works)
    return found


def _placed(problem: Problem, where: Where | None) -> Problem:
    if where is None or problem.key is None or problem.key not in where:
        return problem
    file, line = where[problem.key]
    return attrs.evolve(problem, file=file, line=line)


def check(
    works: Library | Iterable[Work | Mapping[str, Any]],
    style: str | os.PathLike[str] | None = DEFAULT_STYLE,
    *,
    where: Mapping[str, tuple[str | None, int | None]] | None = None,
) -> list[Problem]:
    """Every problem of *works* under the standard *style* follows, in work order.

    For each work: the elements the standard requires for its type that are missing
    (``missing-element``, errors), then the generic checks (``language-script``,
    ``name-literal``, ``name-split``, ``bad-url``, ``bad-doi``, warnings); last, likely
    duplicate works across the library (``likely-duplicate`` warnings naming both keys,
    :mod:`citelib.duplicates`).  A style of no
    known standard (see ``citelib.checks.rules_for_style``) gets the generic checks and one
    ``unchecked-style`` warning saying so.  *where* maps a key to its ``(file, line)``
    (``citelib.checks.locate``); a :class:`~citelib.model.Library`'s own reading problems are not
    repeated here.
    """
    rules = rules_for_style(style)
    out: list[Problem] = []
    if rules is None and style is not None:
        out.append(
            Problem(
                f"the style {os.fspath(style)!r} follows no standard citelib knows; only the"
                " generic checks were made",
                severity="warning",
                code="unchecked-style",
                hint="name a GB/T 7714 or APA style with --style for its required elements",
            )
        )
    listed = _works_of(works)
    for work in listed:
        found = missing_elements(work, rules) if rules is not None else []
        found += generic_problems(work)
        out += [_placed(p, where) for p in found]
    from .duplicates import duplicate_problems

    places = dict(works.where()) if isinstance(works, Library) else {}
    out += duplicate_problems(listed, {**places, **(where or {})})
    return out


def check_files(
    *inputs: str | os.PathLike[str],
    style: str | os.PathLike[str] | None = DEFAULT_STYLE,
    format: str | None = None,
    encoding: str | None = None,
) -> list[Problem]:
    """The problems of files: reading problems, then :func:`check`'s at each work's file
    and line (found by :func:`locate_files`)."""
    from .io import read

    library = read(*inputs, format=format, encoding=encoding)
    where = locate_files(inputs, format, encoding) | library.where()
    return [*library.problems, *check(library, style, where=where)]


def locate_files(
    inputs: Iterable[str | os.PathLike[str]], format: str | None = None, encoding: str | None = None
) -> dict[str, tuple[str | None, int | None]]:
    """:func:`locate` over the readable files among *inputs* (standard input, ``-``, cannot be
    read a second time and is left out; so is a file that cannot be read or decoded)."""
    from .formats import get_format
    from .io import decode

    sources: list[tuple[str, str]] = []
    for item in inputs:
        name = os.fspath(item)
        if name == "-":
            continue
        try:
            with open(name, "rb") as f:
                sources.append((name, decode(f.read(), source=name, encoding=encoding)))
        except (OSError, CitelibError):
            continue
    return locate(sources, get_format(format).name if format is not None else None)


# ----------------------------------------------------------------------------- placeholders


def with_placeholders(work: Work, rules: RuleSet | None) -> Work:
    """*work* with GB/T 7714's placeholders where the standard requires a place, a
    publisher or a year that is missing (2025 7.5.2.3, 7.5.3.3; 2015 8.4.1.3, 8.4.2.3):
    ``[出版地不详]``/``[S.l.]``, ``[出版者不详]``/``[s.n.]``, ``[出版年不详]``/``[n.d.]`` by
    the work's language.  Other rule sets and complete works are returned unchanged."""
    if rules is None or not rules.is_gbt:
        return work
    missing = {p.field for p in missing_elements(work, rules)}
    zh = _is_zh(work)
    changes: dict[str, object] = {}
    if "publisher-place" in missing:
        changes["publisher_place"] = "[出版地不详]" if zh else "[S.l.]"
    if "publisher" in missing:
        changes["publisher"] = "[出版者不详]" if zh else "[s.n.]"
    if "issued" in missing:
        changes["issued"] = Date(literal="[出版年不详]" if zh else "[n.d.]")
    return work.evolve(**changes) if changes else work


# ----------------------------------------------------------------------------- locations

_BIB_ENTRY_RE = LazyPattern(r"@\s*([A-Za-z]+)\s*[{(]\s*([^,\s{}()]+)\s*,")
_JSON_ID_RE = LazyPattern(r"\"id\"\s*:\s*(?:\"((?:[^\"\\]|\\.)*)\"|(-?\d+))")
_TAGGED_ID_RE = LazyPattern(r"^(?:ID  - |%F |\{Citation Key\}: ?|Key: ?)(.+?)\s*$", re.M)
_SKIP_BIB = frozenset(["string", "comment", "preamble"])


class _Lines:
    """Line numbers of increasing offsets in one text, counted once through (the matches
    of a ``finditer`` come in order; counting from the start for each was quadratic)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1

    def at(self, offset: int) -> int:
        if offset < self.offset:  # not in order: count again from the start
            self.offset, self.line = 0, 1
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def locate(
    sources: Iterable[tuple[str, str]], format: str | None = None
) -> dict[str, tuple[str | None, int | None]]:
    """Where each key is: ``{key: (source, line)}`` from ``(source, text)`` pairs.

    BibTeX and BibLaTeX entries are found at their ``@type{key,``, CSL-JSON items at their
    ``"id"``, tagged formats (RIS ``ID``, EndNote ``%F``) at their key line; a key found in
    two sources is where it was first found.  Keys that are made up on reading (tagged
    records without one) are not found.
    """
    found: dict[str, tuple[str | None, int | None]] = {}
    for source, text in sources:
        fmt = format or _guess_format(source, text)
        _line_at = _Lines(text).at
        if fmt in ("bibtex", "biblatex"):
            for m in _BIB_ENTRY_RE.finditer(text):
                if m.group(1).lower() not in _SKIP_BIB:
                    found.setdefault(m.group(2), (source, _line_at(m.start())))
        elif fmt in ("csljson", "zotero-json", "json"):
            for m in _JSON_ID_RE.finditer(text):
                key = m.group(1) if m.group(1) is not None else m.group(2)
                if m.group(1) is not None and "\\" in key:
                    import json

                    key = json.loads(f'"{key}"')
                found.setdefault(key, (source, _line_at(m.start())))
        else:
            for m in _TAGGED_ID_RE.finditer(text):
                found.setdefault(m.group(1), (source, _line_at(m.start())))
    return found


def _guess_format(source: str, text: str) -> str | None:
    from .formats import format_for_path

    try:
        return format_for_path(source if source != "<stdin>" else "stdin", text).name
    except Exception:  # noqa: BLE001 - an unknown suffix: no lines, not an error
        return None
