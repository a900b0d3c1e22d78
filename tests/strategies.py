"""Hypothesis strategies for citelib's records.

``names()``, ``dates()`` and ``works()`` generate what every lossless format
must carry: Western names with particles and suffixes, Chinese and Japanese
names split into family and given, institutions as literal names, dates with
ranges, circa, seasons and literal text, every kind of field, rich-text markup
and ``extra`` keys.  Text is single-line with single spaces (every format may
normalise whitespace).  ``full=True`` adds what only CSL-JSON carries: dropping
particles, ``comma-suffix``/``static-ordering``, the ``season`` key, newlines.

Other engineers append their own strategies at the end of this file.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from citelib.dates import parse_date
from citelib.model import CSL_TYPES, FIELDS, SUBTYPES, Date, Field, Name, Work

__all__ = [
    "cite_clusters",
    "pandoc_citations",
    "cjk_names",
    "dates",
    "digit_runs",
    "extra_items",
    "gbt_works",
    "ids",
    "literal_names",
    "made_key_libraries",
    "names",
    "number_ranges",
    "page_delimiters",
    "page_range_formats",
    "path_texts",
    "numeric_texts",
    "plain_text",
    "quote_texts",
    "rich_text",
    "western_names",
    "works",
]

# --------------------------------------------------------------------------- text

_LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ACCENTED = "éèêëáàâäåãçñóòôöøõúùûüýÿíìîïßłŁœæÉÖÜÅØĆčšžŠŽđ"
_HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
_KANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんアイウエオカキクケコサシスセソタチツテト"
_DIGITS = "0123456789"
_PUNCT = ".,;:!?'\"()/&%$#_^*+=@"
_FULLWIDTH = "，。：；！？“”‘’（）《》、—…·"

_word_chars = st.sampled_from(
    list(_LATIN * 3 + _ACCENTED + _HAN + _KANA + _DIGITS * 2 + _PUNCT + _FULLWIDTH)
)


def _clean(text: str) -> bool:
    """No TeX ligatures that a writer would have to guard (``--``, ``''``, `````)."""
    return "--" not in text and "''" not in text and "``" not in text


_word = st.text(_word_chars, min_size=1, max_size=10).filter(_clean)


@st.composite
def plain_text(draw: st.DrawFn, *, max_words: int = 6) -> str:
    """Single-line text: words joined by single spaces, no markup, no ``<``/``>``."""
    words = draw(st.lists(_word, min_size=1, max_size=max_words))
    text = " ".join(words)
    if draw(st.integers(0, 9)) == 0:
        text += draw(st.sampled_from(["-", "–", "—"])) + draw(_word)
    return text if _clean(text) else "text"


_TAGS = [
    ("<i>", "</i>"),
    ("<b>", "</b>"),
    ("<sup>", "</sup>"),
    ("<sub>", "</sub>"),
    ('<span class="nocase">', "</span>"),
    ('<span style="font-variant:small-caps;">', "</span>"),
]


@st.composite
def rich_text(draw: st.DrawFn, *, max_segments: int = 4) -> str:
    """Text with citeproc-js markup (``<i>``, ``<b>``, ``<sup>``, ``<sub>``, nocase and small-caps spans).

    Segments are separated by spaces, so no two marked-up runs touch and no
    markup is empty or starts or ends with a space.
    """
    segments: list[str] = []
    for _ in range(draw(st.integers(1, max_segments))):
        inner = draw(plain_text(max_words=3))
        if draw(st.booleans()):
            open_, close = draw(st.sampled_from(_TAGS))
            if draw(st.integers(0, 4)) == 0 and open_ != '<span class="nocase">':
                # a nocase run inside another (a protected word in an italic title)
                inner = f'{inner} <span class="nocase">{draw(_word)}</span>'
            inner = f"{open_}{inner}{close}"
        segments.append(inner)
    return " ".join(segments)


# --------------------------------------------------------------------------- names

_SURNAMES_ZH = ["孙", "王", "李", "张", "刘", "陈", "欧阳", "司马", "曾", "单", "仇", "任"]
_GIVEN_ZH = ["柏瑛", "伟", "小明", "建国", "丽", "志强", "一", "晓燕"]
_SURNAMES_JA = ["山田", "田中", "佐藤", "鈴木", "高橋", "渡辺"]
_GIVEN_JA = ["太郎", "花子", "健", "さくら", "ひろし"]
_FAMILY = ["Smith", "Ren", "Müller", "García Márquez", "O'Brien", "Nguyen", "Łukasiewicz", "Zhang"]
_GIVEN = ["K. Q.", "John", "Mary Ann", "José", "Ö.", "Jean-Paul", "A", "Hsiao-Wen"]
_PARTICLES = ["van", "von", "de", "van der", "della", "di", "da", "du", "de la"]
_SUFFIXES = ["Jr.", "Sr.", "III", "Jr"]
_INSTITUTIONS = [
    "World Health Organization",
    "国家统计局",
    "中国科学院文献情报中心",
    "National Aeronautics and Space Administration",
    "The R Core Team",
    "全国信息与文献标准化技术委员会",
    "日本学術会議",
]


def _word_name() -> st.SearchStrategy[str]:
    # a generated Latin name part: capitalised, letters only
    return st.builds(
        lambda a, b: a.upper() + b,
        st.sampled_from(list("ABCDEFGHIJKLMNOPRSTVWZ")),
        st.text(st.sampled_from(list("abcdefghijklmnoprstuvyzéüöø")), min_size=1, max_size=8),
    )


@st.composite
def western_names(draw: st.DrawFn, *, full: bool = False) -> Name:
    """A Western name: family, usually given, sometimes a particle and a suffix."""
    family = draw(st.one_of(st.sampled_from(_FAMILY), _word_name()))
    given = draw(st.one_of(st.none(), st.sampled_from(_GIVEN), _word_name()))
    particle = draw(st.one_of(st.none(), st.none(), st.sampled_from(_PARTICLES)))
    suffix = draw(st.one_of(st.none(), st.none(), st.none(), st.sampled_from(_SUFFIXES)))
    if given is None:
        suffix = None  # "Jr." without a given name is no name anyone writes
    kwargs: dict[str, Any] = {"family": family, "given": given, "suffix": suffix}
    if particle is not None:
        if full and draw(st.booleans()):
            kwargs["dropping_particle"] = particle
        else:
            kwargs["non_dropping_particle"] = particle
    if full:
        kwargs["comma_suffix"] = suffix is not None and draw(st.booleans())
        kwargs["static_ordering"] = draw(st.integers(0, 9)) == 0
    return Name(**kwargs)


@st.composite
def cjk_names(draw: st.DrawFn) -> Name:
    """A Chinese or Japanese name split into family and given (孙 + 柏瑛), or family only."""
    if draw(st.booleans()):
        family, given = draw(st.sampled_from(_SURNAMES_ZH)), draw(st.sampled_from(_GIVEN_ZH))
    else:
        family, given = draw(st.sampled_from(_SURNAMES_JA)), draw(st.sampled_from(_GIVEN_JA))
    if draw(st.integers(0, 5)) == 0:
        return Name(family=family + given)
    return Name(family=family, given=given)


def literal_names() -> st.SearchStrategy[Name]:
    """An institution or an unsplit name, kept whole in ``literal``."""
    return st.builds(Name, literal=st.sampled_from(_INSTITUTIONS))


def names(*, full: bool = False) -> st.SearchStrategy[Name]:
    """Any name: Western, Chinese, Japanese or literal."""
    return st.one_of(western_names(full=full), cjk_names(), literal_names())


# --------------------------------------------------------------------------- dates


@st.composite
def _date_part(draw: st.DrawFn, *, min_year: int = 1000, max_year: int = 2999) -> tuple[int, ...]:
    year = draw(st.integers(min_year, max_year))
    kind = draw(st.sampled_from(["y", "ym", "ymd", "ymd", "season"]))
    if kind == "y":
        return (year,)
    if kind == "season":
        return (year, draw(st.integers(21, 24)))
    month = draw(st.integers(1, 12))
    if kind == "ym":
        return (year, month)
    return (year, month, draw(st.integers(1, 28)))


_LITERAL_DATES = ["n.d.", "forthcoming", "in press", "s.a.", "出版中", "Michaelmas term 1890"]


@st.composite
def dates(draw: st.DrawFn, *, full: bool = False, literal: bool = True) -> Date:
    """A date: one part or a range, perhaps circa; sometimes a literal that does not parse."""
    if literal and draw(st.integers(0, 7)) == 0:
        text = draw(st.sampled_from(_LITERAL_DATES))
        assert parse_date(text).literal == text
        return Date(literal=text)
    min_year = -9999 if full else 1000
    start = draw(_date_part(min_year=min_year))
    parts: tuple[tuple[int, ...], ...] = (start,)
    if draw(st.integers(0, 3)) == 0:
        parts = (start, draw(_date_part(min_year=min_year)))
    season: int | str | None = None
    if full and draw(st.integers(0, 7)) == 0:
        season = draw(st.one_of(st.integers(1, 4), st.sampled_from(["Spring", "冬季"])))
    return Date(parts=parts, circa=draw(st.integers(0, 4)) == 0, season=season)


# --------------------------------------------------------------------------- works

_PLAIN_FIELDS = frozenset(
    ["url", "doi", "isbn", "issn", "pmid", "pmcid", "call_number", "citation_label"]
)
_LANGUAGES = ["en", "en-US", "zh-CN", "zh", "ja", "de", "fr", "ru"]

ids = st.from_regex(r"[A-Za-z][A-Za-z0-9_:.-]{0,20}", fullmatch=True)
"""Citation keys every format can carry."""

_EXTRA_KEYS = st.one_of(
    st.sampled_from(["gtid", "subject"]),
    st.from_regex(r"x[a-z0-9]{1,8}(-[a-z0-9]{1,6})?", fullmatch=True),
)


def extra_items() -> st.SearchStrategy[tuple[tuple[str, str], ...]]:
    """``extra``: unique lowercase keys no format maps to a field, with plain values."""
    return st.lists(
        st.tuples(_EXTRA_KEYS, plain_text()), max_size=3, unique_by=lambda kv: kv[0]
    ).map(tuple)


def _value(field: Field, *, full: bool) -> st.SearchStrategy[Any]:
    if field.kind == "name":
        return st.lists(names(full=full), min_size=1, max_size=4).map(tuple)
    if field.kind == "date":
        return dates(full=full)
    if field.kind == "list":
        return st.lists(plain_text(max_words=2), min_size=1, max_size=3).map(tuple)
    if field.attr == "language":
        return st.sampled_from(_LANGUAGES)
    if field.attr == "subtype":
        return st.sampled_from(sorted(SUBTYPES))
    if field.attr in _PLAIN_FIELDS:
        return st.text(st.sampled_from(list(_LATIN + _DIGITS + "-./:_")), min_size=1, max_size=30)
    if full and field.attr in ("abstract", "note"):
        return st.lists(rich_text(), min_size=1, max_size=3).map("\n".join)
    return rich_text()


_FIELD_LIST = [f for f in FIELDS]


@st.composite
def works(
    draw: st.DrawFn,
    *,
    full: bool = False,
    fields: list[Field] | None = None,
    max_fields: int = 10,
) -> Work:
    """A work of any type with a random selection of fields of every kind, and ``extra``.

    *fields* limits the choice of fields (a format test may leave out what it
    cannot carry); ``full=True`` adds CSL-only detail (see the module docstring).
    """
    pool = fields if fields is not None else _FIELD_LIST
    chosen = draw(st.lists(st.sampled_from(pool), max_size=max_fields, unique_by=lambda f: f.attr))
    values = {f.attr: draw(_value(f, full=full)) for f in chosen}
    csl_type = draw(st.sampled_from(sorted(CSL_TYPES)))
    if "subtype" in values:
        csl_type = SUBTYPES[values["subtype"]]  # a subtype refines one type
    return Work(id=draw(ids), type=csl_type, extra=draw(extra_items()), **values)


# --------------------------------------------------------------------------- RIS (appended by the RIS engineer)

_RIS_EXTRA_TAGS = [
    "author-address",
    "U1",
    "U2",
    "L1",
    "L2",
    "C2",
    "C5",
    "reprint-edition",
    "SE",
    "JP",
]
_RIS_LANGUAGES = ["en-US", "zh-CN", "ja-JP", "de-DE", "fr-FR", "ru-RU"]
_RIS_PLAIN = st.text(st.sampled_from(list(_LATIN + _DIGITS)), min_size=1, max_size=12)


@st.composite
def _ris_name(draw: st.DrawFn) -> Name:
    """A name RIS carries: ``Last, First[, Suffix]``, a split CJK name, a Western institution."""
    kind = draw(st.sampled_from(["western", "western", "cjk", "literal"]))
    if kind == "cjk":
        return draw(cjk_names())
    if kind == "literal":
        return Name(literal=draw(st.sampled_from([i for i in _INSTITUTIONS if i.isascii()])))
    family = draw(st.one_of(st.sampled_from(_FAMILY), _word_name()))
    given = draw(st.one_of(st.none(), st.sampled_from(_GIVEN), _word_name()))
    suffix = draw(st.one_of(st.none(), st.sampled_from(_SUFFIXES))) if given else None
    return Name(family=family, given=given, suffix=suffix)


@st.composite
def _ris_date(draw: st.DrawFn, *, literal: bool = True) -> Date:
    """One date (no range, no circa): year, month, day or season; sometimes a literal."""
    if literal and draw(st.integers(0, 7)) == 0:
        return Date(literal=draw(st.sampled_from(_LITERAL_DATES)))
    return Date(parts=(draw(_date_part()),))


def _ris_keywords() -> st.SearchStrategy[str]:
    word = st.text(st.sampled_from(list(_LATIN + _HAN + " ")), min_size=1, max_size=12).map(
        lambda s: " ".join(s.split())
    )
    return st.lists(word.filter(bool), min_size=1, max_size=4, unique=True).map(", ".join)


def _ris_long_text() -> st.SearchStrategy[str]:
    return st.lists(plain_text(), min_size=1, max_size=3).map("\n".join)


@st.composite
def _isbn(draw: st.DrawFn) -> str:
    digits = draw(st.text(st.sampled_from(list(_DIGITS)), min_size=10, max_size=10))
    return f"978-{digits[0]}-{digits[1:5]}-{digits[5:]}"


_RIS_VALUES: dict[str, Any] = {
    "author": st.lists(_ris_name(), min_size=1, max_size=4).map(tuple),
    "editor": st.lists(_ris_name(), min_size=1, max_size=3).map(tuple),
    "collection_editor": st.lists(_ris_name(), min_size=1, max_size=2).map(tuple),
    "translator": st.lists(_ris_name(), min_size=1, max_size=2).map(tuple),
    "issued": _ris_date(),
    "accessed": _ris_date(literal=False),
    "abstract": _ris_long_text(),
    "note": _ris_long_text(),
    "keyword": _ris_keywords(),
    "language": st.sampled_from(_RIS_LANGUAGES),
    "doi": st.builds(lambda a, b: f"10.{a}/{b}", st.integers(1000, 99999), _RIS_PLAIN),
    "url": st.builds(lambda a: f"https://example.org/{a}", _RIS_PLAIN),
    "issn": st.from_regex(r"\d{4}-\d{3}[\dX]", fullmatch=True),
    "isbn": _isbn(),
    "page": st.one_of(
        st.builds(lambda a, b: f"{a}-{b}", st.integers(1, 999), st.integers(1000, 2000)),
        st.integers(1, 999).map(str),
        st.builds(lambda a: f"e{a}", st.integers(1, 99999)),
    ),
    "number_of_pages": st.integers(1, 2000).map(str),
    "number": st.builds(lambda a: f"R-{a}", st.integers(1, 99999)),
    "pmid": st.integers(1, 99999999).map(str),
    "pmcid": st.integers(1, 9999999).map(lambda n: f"PMC{n}"),
    "genre": plain_text(max_words=3).filter(lambda t: not t.startswith("10.")),
}

# fields RIS carries, and the types they are carried for (None: every type)
_RIS_FIELDS: dict[str, frozenset[str] | None] = {
    "author": None,
    "editor": None,
    "collection_editor": None,
    "translator": None,
    "title": None,
    "title_short": None,
    "container_title": None,
    "event_title": frozenset(["paper-conference"]),
    "event_place": frozenset(["paper-conference"]),
    "collection_title": None,
    "container_title_short": None,
    "issued": None,
    "accessed": None,
    "volume": None,
    "issue": None,
    "page": None,
    "number_of_pages": frozenset(["book", "thesis", "manuscript"]),
    "version": frozenset(["software", "dataset"]),
    "edition": None,
    "number_of_volumes": None,
    "collection_number": frozenset(["book"]),
    "number": None,
    "issn": None,
    "isbn": None,
    "doi": None,
    "pmid": None,
    "pmcid": None,
    "url": None,
    "abstract": None,
    "note": None,
    "keyword": None,
    "language": None,
    "publisher": None,
    "publisher_place": None,
    "genre": None,
    "archive": None,
    "archive_location": None,
    "source": None,
    "call_number": None,
    "license": None,
}
_RIS_NOT_FOR: dict[str, frozenset[str]] = {
    "container_title": frozenset(["book", "report", "map", "software"]),  # T2 is their series
    "edition": frozenset(["software", "dataset"]),
    "number": frozenset(["book"]),
}


@st.composite
def ris_works(draw: st.DrawFn, *, max_fields: int = 12) -> Work:
    """A work with only what RIS carries (see :mod:`citelib.formats.ris`): a type RIS names
    one-to-one, names without particles, single dates without circa, plain text."""
    from citelib.formats.ris import IMPORT_TYPES, TYPES

    types = sorted(t for t, ty in TYPES.items() if IMPORT_TYPES.get(ty) == t)
    csl_type = draw(st.sampled_from(types))
    pool = [
        f
        for f, only in _RIS_FIELDS.items()
        if (only is None or csl_type in only) and csl_type not in _RIS_NOT_FOR.get(f, ())
    ]
    chosen = draw(st.lists(st.sampled_from(pool), max_size=max_fields, unique=True))
    if "page" in chosen and "number_of_pages" in chosen:
        chosen.remove("number_of_pages")
    values = {f: draw(_RIS_VALUES.get(f, plain_text())) for f in chosen}
    extra = draw(
        st.lists(
            st.tuples(st.sampled_from(_RIS_EXTRA_TAGS), plain_text()),
            max_size=2,
            unique_by=lambda kv: kv[0],
        )
    )
    return Work(id=draw(ids), type=csl_type, extra=tuple(extra), **values)


# --------------------------------------------------------------------------- BibTeX (appended by the BibTeX engineer)


def bibtex_works() -> st.SearchStrategy[Work]:
    """A work BibTeX can carry: any type and field but lists (``categories``), with
    nocase spans only in title-like fields (elsewhere BibTeX braces mean nothing)."""
    import re

    from citelib.formats.bibtex._fields import RULES

    nocase_span = re.compile(r'<span class="nocase">(.*?)</span>')

    rich = {r.attr for r in RULES if r.codec.rich}
    fields = [f for f in FIELDS if f.kind != "list"]

    def representable(w: Work) -> Work:
        changes = {
            f.attr: nocase_span.sub(r"\1", getattr(w, f.attr))
            for f in fields
            if f.kind == "text" and f.attr not in rich and "nocase" in (getattr(w, f.attr) or "")
        }
        return w.evolve(**changes) if changes else w

    return works(fields=fields).map(representable)


# --------------------------------------------------------------------------- round-trip matrix (appended by the lossless-writers engineer)

_ANY_KEY_CHARS = st.sampled_from(list(_LATIN + _DIGITS + _PUNCT + " %,={}[]\\-_" + _HAN[:20]))


def any_extra_items() -> st.SearchStrategy[tuple[tuple[str, str], ...]]:
    """``extra`` with keys of any text (``%,``, ``a=b``, ``GSCC``, ``url``, spaces, braces,
    Chinese): what EndNote, RIS and CSL-JSON readers keep under the source's own names."""
    keys = st.one_of(
        st.sampled_from(["%,", "a=b", "GSCC", "url", "title", "year", "citelib.x", "", " "]),
        st.text(_ANY_KEY_CHARS, min_size=1, max_size=12),
    )
    return st.lists(st.tuples(keys, plain_text()), max_size=4, unique_by=lambda kv: kv[0]).map(
        tuple
    )


@st.composite
def any_works(draw: st.DrawFn) -> Work:
    """A work as any reader may give it: every field (``full``), keys of any text in ``extra``,
    sometimes a language name (``English``) rather than a tag."""
    w = draw(works(full=True))
    changes: dict[str, Any] = {"extra": draw(any_extra_items())}
    if draw(st.integers(0, 3)) == 0:
        changes["language"] = draw(st.sampled_from(["English", "FR", "Chinese", "中文"]))
    return w.evolve(**changes)


def cite_clusters() -> st.SearchStrategy[list[tuple[list[str], str | None]]]:
    """A document's citations: each a few of three keys and one locator (or none)."""
    return st.lists(
        st.tuples(
            st.lists(st.sampled_from("abc"), min_size=1, max_size=3),
            st.sampled_from([None, "1", "2"]),
        ),
        min_size=1,
        max_size=8,
    )


# --------------------------------------------------------------------------- libraries of several files (keys)

_KEY_AUTHORS = [Name(family="李", given="明"), Name(family="Li", given="M."), Name(literal="WHO")]


@st.composite
def made_key_libraries(draw: st.DrawFn) -> Any:
    """A :class:`~citelib.model.Library` read from up to three files: works whose keys the
    readers made up (from one of a few authors and years, so they collide across files) and
    works with keys a user wrote (``li2020``, ``li2020a`` ... among them)."""
    from citelib.keys import assign_keys
    from citelib.model import Library, Origin

    works: list[Work] = []
    origins: list[Origin] = []
    for n in range(draw(st.integers(1, 3))):
        file = f"f{n}.txt"
        made: list[Work] = []
        written: list[Work] = []
        for line in range(1, draw(st.integers(0, 6)) + 1):
            author = draw(st.sampled_from(_KEY_AUTHORS))
            year = draw(st.sampled_from([2020, 2021]))
            own = draw(st.one_of(st.none(), st.sampled_from(["li2020", "li2020a", "LI2021", "x"])))
            w = Work(id=own or "", type="book", author=(author,), issued=Date.of(year))
            (written if own else made).append(w)
            origins.append(Origin(file, line, own is None))
            works.append(w)
        # the reader made keys unique within the file, around the written ones
        keyed = iter(assign_keys(made + written)[: len(made)])
        works[len(works) - len(made) - len(written) :] = [
            next(keyed) if not w.id else w for w in works[len(works) - len(made) - len(written) :]
        ]
    return Library(works, (), origins)


_PANDOC_LABELS = {"page": "p.", "chapter": "chap.", "section": "sec.", "figure": "fig."}


@st.composite
def pandoc_citations(draw: st.DrawFn) -> tuple[str, list[tuple[str, str | None, str, str, str]]]:
    """A pandoc citation as written (``[see @a, p. 12; -@b]``) and its items as
    (key, locator, label, prefix, mode)."""
    items = []
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        key = draw(st.from_regex(r"[a-z][a-z0-9_]{0,7}(:[a-z0-9]{1,3})?", fullmatch=True))
        prefix = draw(st.sampled_from(["", "see", "参见", "cf. also"]))
        mode = draw(st.sampled_from(["normal", "suppress-author"]))
        locator = draw(
            st.none() | st.from_regex(r"[1-9][0-9]{0,3}(-[1-9][0-9]{0,3})?", fullmatch=True)
        )
        label = draw(st.sampled_from(sorted(_PANDOC_LABELS)))
        text = (prefix + " " if prefix else "") + ("-" if mode == "suppress-author" else "")
        text += "@" + key
        if locator is not None:
            text += f", {_PANDOC_LABELS[label]} {locator}"
        parts.append(text)
        items.append((key, locator, label if locator else "page", prefix, mode))
    return "[" + "; ".join(parts) + "]", items


# --------------------------------------------------------------------------- formatted references (citelib.parse)

_TITLE_HAN = st.text(st.sampled_from(list(_HAN[:300])), min_size=2, max_size=14)
_TITLE_WORD = st.sampled_from(
    ["Data", "Theory", "Library", "Water", "Science", "of", "the", "and", "Systems", "Review"]
    + ["Learning", "Economic", "Growth", "Modern", "Chinese", "History", "Network", "Models"]
)
_CJK_PERSONS = [n for n in _SURNAMES_ZH if len(n) == 1]


@st.composite
def _gbt_person(draw: st.DrawFn, *, chinese: bool) -> Name:
    if chinese:
        return Name(
            family=draw(st.sampled_from(_CJK_PERSONS)), given=draw(st.sampled_from(_GIVEN_ZH))
        )
    family = draw(st.sampled_from(["Smith", "Ren", "Nguyen", "Zhang", "Tenopir", "Crane", "Baker"]))
    given = draw(st.sampled_from(["John", "Mary Ann", "K. Q.", "Jean-Paul", "A."]))
    return Name(family=family, given=given)


@st.composite
def gbt_works(draw: st.DrawFn) -> Work:
    """A journal article, book, chapter or thesis such as GB/T 7714 lists print: Chinese or
    English throughout, titles without the punctuation that separates elements."""
    chinese = draw(st.booleans())
    kind = draw(st.sampled_from(["article-journal", "book", "chapter", "thesis"]))
    if chinese:
        title = draw(_TITLE_HAN)
        container = draw(_TITLE_HAN) + "学报"
    else:
        title = " ".join(draw(st.lists(_TITLE_WORD, min_size=1, max_size=6))).capitalize()
        container = "Journal of " + draw(_TITLE_WORD).capitalize()
    fields: dict[str, Any] = {
        "id": "w",
        "type": kind,
        "title": title,
        "author": tuple(draw(st.lists(_gbt_person(chinese=chinese), min_size=1, max_size=5))),
        "issued": Date.of(draw(st.integers(1900, 2030))),
        "language": "zh-CN" if chinese else "en-US",
    }
    first = draw(st.integers(1, 900))
    pages = f"{first}-{first + draw(st.integers(1, 40))}"
    if kind == "article-journal":
        fields |= {"container_title": container, "volume": str(draw(st.integers(1, 300)))}
        if draw(st.booleans()):
            fields["issue"] = str(draw(st.integers(1, 12)))
        fields["page"] = pages
    else:
        place, publisher = ("北京", "科学出版社") if chinese else ("New York", "Wiley")
        if kind == "thesis":
            publisher = "清华大学" if chinese else "Stanford University"
        fields |= {"publisher_place": place, "publisher": publisher}
        if kind == "chapter":
            fields["container_title"] = container.replace("学报", "论文集")
            fields["page"] = pages
    return Work(**fields)


@st.composite
def gbt_works_with_marks_inside(draw: st.DrawFn) -> Work:
    """:func:`gbt_works` with a value that holds the mark parting it from its neighbour, so
    that two readings may print alike: a place with a colon (``London : New York``), a
    journal with a comma and a number (``Revista, 8``), a publisher with a colon."""
    work = draw(gbt_works())
    chinese = work.language == "zh-CN"
    if work.type == "article-journal":
        return work.evolve(container_title=f"{work.container_title}, {draw(st.integers(1, 9))}")
    which = draw(st.sampled_from(["place", "publisher"]))
    if which == "place":
        place = "北京 : 上海" if chinese else "London : New York"
        return work.evolve(publisher_place=place)
    publisher = "科学出版社：上海分社" if chinese else "Wiley: Blackwell"
    return work.evolve(publisher=publisher)


# ---------------------------------------------------------------------------- XML


_XML_NAMES = st.sampled_from(["style", "text", "group", "term", "single", "if", "date-part"])
_XML_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from("\n\t"),
    max_size=12,
)


@st.composite
def xml_elements(draw: st.DrawFn, *, depth: int = 3) -> Any:
    """A small ``xml.etree.ElementTree`` element in the CSL namespace (attributes, text
    before and after children, nested elements), for the style reader's properties."""
    from xml.etree import ElementTree as ET

    ns = "{http://purl.org/net/xbiblio/csl}"
    attrib = draw(
        st.dictionaries(
            st.sampled_from(
                ["name", "form", "prefix", "{http://www.w3.org/XML/1998/namespace}lang"]
            ),
            _XML_TEXT,
            max_size=3,
        )
    )
    el = ET.Element(ns + draw(_XML_NAMES), attrib)
    el.text = draw(st.none() | _XML_TEXT)
    if depth:
        for _ in range(draw(st.integers(0, 3))):
            child = draw(xml_elements(depth=depth - 1))
            child.tail = draw(st.none() | _XML_TEXT)
            el.append(child)
    return el


# --------------------------------------------------------------------------- numbers

#: page numbers as written: ASCII digits, leading zeros and long runs included
digit_runs = st.from_regex(r"[0-9]{1,6}|0[0-9]{0,3}|[1-9][0-9]{17,22}", fullmatch=True)
#: page-range delimiters of the shipped locales and styles, and a few unusual ones
page_delimiters = st.sampled_from(["–", "-", "～", "—", "~", "to", "‑"])
#: the page-range formats of CSL 1.0.2, and none
page_range_formats = st.sampled_from(
    [None, "expanded", "minimal", "minimal-two", "chicago", "chicago-15", "chicago-16"]
)
#: numbers and ranges of two as number variables hold them: hyphens, en dashes, spaces,
#: leading zeros, a missing end, descending ranges and long runs
number_ranges = st.from_regex(
    r" ?[0-9]{1,5}(?: ?[-–] ?[0-9]{0,5})? ?|[0-9]{17,20}-[0-9]{17,20}", fullmatch=True
)
#: short texts of the characters that decide how a straight quote reads: quotes, spaces,
#: brackets and dashes before it, letters, digits (other scripts' and superscript ones too)
#: and an underscore after it (no markup tags: their quotes stay straight)
quote_texts = st.text(
    st.sampled_from(list("'\"a Z\t\u3000([{>“‘’—–/-_1²٣éxÅ\u0301:.")), max_size=12
)
#: short texts of the characters CSL's is-numeric looks at
numeric_texts = st.text(st.sampled_from(list("a1 2-–—,&and.xIv\t")), max_size=12)


# --------------------------------------------------------------------------- paths

#: short path strings made of the characters a suffix rule cares about
path_texts = st.text(st.sampled_from("ab./ .x"), max_size=12)
