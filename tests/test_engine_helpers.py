"""Direct tests of the CSL engine's pure helpers (``citelib._citeproc``).

Expected values come from the CSL 1.0.2 specification and from citeproc-js, not from what the
helpers return today: the spec's Appendix V "Page Range Formats" tables, its sections on
``text-case``, ``initialize-with``, affixes, delimiters, ``punctuation-in-quote`` and links
(Appendix VI), and the citeproc-js test fixtures (``processor-tests/humans``, named in the
tables below: ``page_Chicago`` …).  Related examples share one test as a table, compared whole
so that a failure lists every wrong entry.

A case where citelib disagrees with the spec or citeproc-js is an ``xfail(strict=True)`` naming
the rule or fixture: a known engine bug, which turns the test red the day it is fixed so that
the mark comes off.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import plain_text, rich_text

from citelib._citeproc.item import parse_particles
from citelib._citeproc.locale import Locale, build_locale
from citelib._citeproc.names import initialize
from citelib._citeproc.numbers import (
    format_number,
    is_plural_value,
    number_info,
    number_text,
    page_range,
    range_end,
    roman,
    text_ranges,
)
from citelib._citeproc.rich import (
    AFFIX,
    BOLD,
    DELIMITER,
    EMPTY,
    ITALIC,
    LINK_DOI,
    LINK_URL,
    NOCASE,
    NORMAL,
    PREFIX,
    SMALLCAPS,
    SUB,
    SUP,
    Rich,
    affix,
    concat,
    join,
    parse_markup,
    punctuation_in_quote,
    to_html,
    to_markdown,
    to_text,
)
from citelib._citeproc.textcase import (
    apply_case,
    cap_first,
    quote,
    resolve_quotes,
    smart_apostrophes,
    title_case,
)
from citelib.model import Name

P = Rich.plain
NC = '<span class="nocase">'
SC = '<span style="font-variant:small-caps;">'
UPRIGHT = '<span style="font-style:normal;">'


def xfail(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


def results(func: Callable[..., Any], table: dict[Any, Any]) -> dict[Any, Any]:
    """``func`` applied to every key of *table* (a tuple key is the arguments), to compare with
    *table* whole: pytest then lists each entry that differs."""
    return {k: func(*k) if isinstance(k, tuple) else func(k) for k in table}


@pytest.fixture(scope="module")
def locale() -> Callable[[str], Locale]:
    """The locale the engine builds for a language (``Style.locale`` → ``build_locale``) for a
    style without ``<locale>`` elements of its own: en-US, the primary dialect, then the tag."""
    return cache(lambda tag: build_locale(tag, []))


# =========================================================================== numbers.py

# --------------------------------------------------------------------------- page ranges
# {(first, last as written): end as the format writes it}

# CSL 1.0.2 Appendix V, "chicago-15" table, and citeproc-js page_Chicago ("chicago" is its alias)
CHICAGO_15 = {
    ("3", "10"): "10",
    ("71", "72"): "72",
    ("96", "117"): "117",
    ("100", "104"): "104",
    ("100", "4"): "104",
    ("600", "613"): "613",
    ("1100", "1123"): "1123",
    ("101", "108"): "8",
    ("107", "108"): "8",
    ("505", "517"): "17",
    ("1002", "1006"): "6",
    ("321", "325"): "25",
    ("415", "532"): "532",
    ("1536", "538"): "38",
    ("11564", "11568"): "68",
    ("13792", "13803"): "803",
    ("1496", "1504"): "1504",
    ("1496", "504"): "1504",
    ("2787", "2816"): "2816",
}

# CSL 1.0.2 Appendix V, "chicago-16" table, and citeproc-js page_Chicago16
CHICAGO_16 = {
    ("3", "10"): "10",
    ("71", "2"): "72",
    ("92", "113"): "113",
    ("100", "104"): "104",
    ("1100", "13"): "1113",
    ("107", "108"): "8",
    ("808", "833"): "33",
    ("1002", "1006"): "6",
    ("1103", "1104"): "4",
    ("321", "8"): "28",
    ("415", "532"): "532",
    ("1087", "1089"): "89",
    ("1496", "1500"): "500",
    ("11564", "11615"): "615",
    ("13792", "13803"): "803",
    ("12991", "13001"): "3001",
}

# the spec's 42–5, 321–8, 2787–816, and citeproc-js page_Minimal
MINIMAL = {
    ("42", "45"): "5",
    ("321", "328"): "8",
    ("2787", "2816"): "816",
    ("3", "10"): "10",
    ("100", "4"): "4",
    ("1100", "23"): "23",
    ("1536", "538"): "8",
    ("11564", "11578"): "78",
    ("13792", "13803"): "803",
}

# the spec's 42–45, 321–28, 2787–816: at least two digits when the end has two or more
MINIMAL_TWO = {
    ("42", "45"): "45",
    ("321", "328"): "28",
    ("2787", "2816"): "816",
    ("101", "108"): "08",
    ("3", "10"): "10",
    ("1", "2"): "2",
}

# the spec's 42–45, 321–328, 2787–2816 from abbreviated ends, and citeproc-js page_Expand
EXPANDED = {
    ("42", "5"): "45",
    ("321", "28"): "328",
    ("2787", "816"): "2816",
    ("110", "5"): "115",
    ("1002", "6"): "1006",
    ("96", "117"): "117",
}


@pytest.mark.parametrize(
    ("fmt", "table"),
    [
        ("chicago", CHICAGO_15),
        ("chicago-15", CHICAGO_15),
        ("chicago-16", CHICAGO_16),
        ("minimal", MINIMAL),
        ("minimal-two", MINIMAL_TWO),
        ("expanded", EXPANDED),
    ],
)
def test_range_end_follows_the_page_range_format(fmt: str, table: dict[Any, str]) -> None:
    assert results(lambda first, last: range_end(first, last, fmt), table) == table


def test_page_range_without_a_format_keeps_the_end_as_written(locale) -> None:
    assert page_range("110-5", locale("en-US"), None) == "110–5"


def test_minimal_keeps_an_end_equal_to_the_start(locale) -> None:
    assert page_range("22-22", locale("en-US"), "minimal") == "22–22"


def test_page_range_reformats_numbers_with_the_same_prefix(locale) -> None:
    en = locale("en-US")
    assert page_range("N110 - N5", en, "expanded") == "N110–N115"
    assert page_range("n11564 - n1568", en, "minimal") == "n11564–8"


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        # hyphens, spaced or not, become the delimiter (page_Chicago, page_Minimal, page_Expand)
        ("142-145 & 235", "minimal", "142–5 & 235"),
        ("123N110 - N5, 456K200 - 99", "expanded", "123N110–N5, 456K200–99"),
        # roman pages and single pages are left alone (page_Chicago16)
        ("xxv-xxviii", "chicago-16", "xxv-xxviii"),
        ("e1234", "chicago", "e1234"),
    ],
)
def test_page_range_rewrites_each_range_in_a_value(
    locale, value: str, fmt: str, expected: str
) -> None:
    assert page_range(value, locale("en-US"), fmt) == expected


def test_page_range_uses_the_locale_page_range_delimiter(locale) -> None:
    # CSL 1.0.1+: the page-range-delimiter term (citeproc-js locale_PageRangeDelimiter*)
    table = {"en-US": "45–47", "fr-FR": "45\u201147", "zh-CN": "45～47"}
    assert results(lambda tag: page_range("45-47", locale(tag), "expanded"), table) == table


# What citeproc-js 2.4.63 prints for ``<text variable="page"/>`` and ``<text variable="number"/>``
# (a zh-CN style without page-range-format: the delimiter is ～; bench/citeproc_js.mjs): a
# range is reformatted only where both ends are numbers of one kind with the same prefix;
# anything else keeps the hyphen it was written with.
PAGES_ZH = {
    "序2-3": "序2-3",  # a prefix in another script: not a number, left alone
    "序2–3": "序2-3",  # ... and an en dash in a page is read as a hyphen
    "21-22": "21～22",
    "21–22": "21～22",
    "1.1-1.36": "1.1-1.36",
    "e123-e130": "e123～e130",
    "12-5": "12～5",
    "xii-xv": "xii～xv",
    "A3-4": "A3-4",  # two different prefixes
    "123-45": "123～45",
    "5, 7-9": "5, 7～9",
    "第2-3页": "第2-3页",
    "12A-15A": "12A-15A",
    "23-": "23-",
}
NUMBERS_EN = {
    "5R01HD081252-04": "5R01HD081252–04",  # descending: a range whatever its first number
    "5R01-04": "5R01-04",
    "A12-04": "A12-04",
    "12X-04": "12X–04",
    "12-13-14": "12-13–14",
    "1, 3-5": "1, 3–5",
    "3 & 4": "3 & 4",
    "2a-c": "2a-c",  # one number with its subsections
    "12a-15b": "12a–15b",
    "AB-12": "AB-12",
}


def test_number_text_reads_ranges_as_citeproc_js_does(locale) -> None:
    zh, en = locale("zh-CN"), locale("en-US")
    assert results(lambda v: number_text(v, "page", zh, None), PAGES_ZH) == PAGES_ZH
    assert results(lambda v: number_text(v, "number", en, None), NUMBERS_EN) == NUMBERS_EN


def test_a_reformatted_page_range_takes_the_style_locale_delimiter(locale) -> None:
    # citeproc-js fixes the page delimiter when it reads the style: an English item in a
    # Chinese style's English layout still gets the style's ～; its other ranges take en's –
    zh, en = locale("zh-CN"), locale("en-US")
    assert number_text("21-22", "page", en, "expanded", page_locale=zh) == "21～22"
    assert number_text("123-45", "page", en, "expanded", page_locale=zh) == "123～145"
    assert number_text("3-4", "volume", en, "expanded", page_locale=zh) == "3–4"


def test_number_plural_counts_numbers_not_hyphens(locale) -> None:
    en = locale("en-US")

    def number_plural(value: str, variable: str, locale: Locale) -> bool | None:
        info = number_info(value, variable, locale)
        return None if info is None else info.plural

    table = {
        "12-15": True,
        "5, 7": True,
        "12A-15A": True,
        "序2-3": False,
        "1.1-1.36": False,
        "2a-c": False,
        "12": False,
    }
    assert results(lambda v: number_plural(v, "page", en), table) == table


_PAGE_FORMATS = ["expanded", "minimal", "minimal-two", "chicago", "chicago-15", "chicago-16"]


@settings(max_examples=examples(300))
@given(first=st.integers(1, 99_999), span=st.integers(0, 3_000), data=st.data())
def test_expanded_restores_any_unambiguous_abbreviation(
    first: int, span: int, data: st.DataObject
) -> None:
    a, b = str(first), str(first + span)
    common = 0
    if len(a) == len(b):
        while common < len(a) and a[common] == b[common]:
            common += 1
    keep = data.draw(st.integers(max(len(b) - common, 1), len(b)), label="digits written")
    assert range_end(a, b[-keep:], "expanded") == b


@settings(max_examples=examples(300))
@given(
    first=st.integers(1, 99_999),
    span=st.integers(0, 3_000),
    fmt=st.sampled_from(_PAGE_FORMATS),
)
def test_every_format_writes_an_end_that_expands_back(first: int, span: int, fmt: str) -> None:
    """Every format only leaves out leading digits the start repeats: nothing is lost."""
    a, b = str(first), str(first + span)
    end = range_end(a, b, fmt)
    assert b.endswith(end)
    assert range_end(a, end, "expanded") == b


# --------------------------------------------------------------------------- roman numerals

_ROMAN_VALUE = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_CANONICAL_ROMAN = re.compile(r"m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")


def decode_roman(numeral: str) -> int:
    total = 0
    for ch, nxt in zip(numeral, numeral[1:] + " ", strict=True):
        value = _ROMAN_VALUE[ch]
        total += -value if nxt != " " and _ROMAN_VALUE[nxt] > value else value
    return total


def test_roman() -> None:
    table = {1: "i", 4: "iv", 9: "ix", 14: "xiv", 40: "xl", 42: "xlii", 90: "xc", 400: "cd",
             1994: "mcmxciv", 3999: "mmmcmxcix"}  # fmt: skip
    assert results(roman, table) == table


def test_roman_round_trips_every_number_it_can_write() -> None:
    """1–3999, all of them: lower case, canonical (no ``iiii``), and decoding back to *n*."""
    for n in range(1, 4000):
        numeral = roman(n)
        assert _CANONICAL_ROMAN.fullmatch(numeral), (n, numeral)
        assert decode_roman(numeral) == n, (n, numeral)


# --------------------------------------------------------------------------- format_number


def test_english_ordinals(locale) -> None:
    # en-US ordinal-01…03 and ordinal-11…13 (CSL 1.0.1 ordinals; number_SimpleNumberOrdinalShort)
    table = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th",
             21: "21st", 22: "22nd", 23: "23rd", 42: "42nd", 101: "101st", 111: "111th",
             112: "112th", 113: "113th"}  # fmt: skip
    en = locale("en-US")
    assert results(lambda n: format_number(str(n), "ordinal", en, "volume"), table) == table


@pytest.mark.parametrize(
    ("value", "form", "expected"),
    [
        ("9", "long-ordinal", "ninth"),  # number_SimpleNumberOrdinalLong
        ("42", "long-ordinal", "42nd"),  # no long-ordinal-42: the short ordinal
        ("42", "roman", "xlii"),  # number_SimpleNumberRoman
        ("2 & 4", "roman", "ii & iv"),
        ("2, 4", "ordinal", "2nd, 4th"),
        ("2-4", "numeric", "2–4"),  # a range of numbers takes an en dash
        ("second", "ordinal", "second"),  # not numeric: as is
        ("3\\-B", "numeric", "3-B"),  # an escaped hyphen is a hyphen (number_PlainHyphen…)
    ],
)
def test_format_number_in_english(locale, value: str, form: str, expected: str) -> None:
    assert format_number(value, form, locale("en-US"), "volume") == expected


def test_format_number_in_chinese(locale) -> None:
    # zh-CN's (empty) ordinal term replaces every English ordinal; long ordinals 一…十
    table = {("3", "ordinal"): "3", ("3", "long-ordinal"): "三", ("10", "long-ordinal"): "十",
             ("12", "long-ordinal"): "12"}  # fmt: skip
    zh = locale("zh-CN")
    assert results(lambda v, form: format_number(v, form, zh, "edition"), table) == table


# --------------------------------------------------------------------------- plurals


def test_is_plural_value_of_several_numbers() -> None:
    # "Content is considered plural when it contains multiple numbers" (CSL 1.0.2 cs:label)
    values = [
        "1-2",  # number_PlainHyphenOrEnDashAlwaysPlural
        "10–20",  # page_PluralDetectWithEndash
        "3, 5",
        "213 & 235",  # label_PluralWithAmpersand
        "213 and 235",  # label_PluralWithAnd
        "S213-S235",  # label_PluralPagesWithAlphaPrefix
    ]
    assert [v for v in values if not is_plural_value(v)] == []


def test_is_plural_value_of_one_number() -> None:
    values = [
        "42",
        "3\\-B",  # an escaped hyphen joins one number
        "327\\-30",  # label_CollapsedPageNumberPluralDetection
        "Michaelson-Morely",
    ]
    assert [v for v in values if is_plural_value(v)] == []


def test_is_plural_value_with_comma_and() -> None:
    assert is_plural_value("213, and 235")


def test_is_plural_value_of_a_roman_range() -> None:
    assert is_plural_value("i-ix")


# =========================================================================== names.py


def init(mark: str, hyphen: bool = True) -> Callable[[str], str]:
    return lambda given: initialize(given, mark, hyphen)


@pytest.mark.parametrize(
    ("mark", "table"),
    [
        (". ", {"John Robert": "J. R.", "M E.": "M. E.", "Ph. M": "Ph. M.", "Łukasz Jan": "Ł. J."}),
        (".", {"John Robert": "J.R.", "Charles D.": "C.D.", "M E": "M.E.", "Élise": "É."}),
        ("", {"John Quiggly": "JQ"}),  # bugreports_UnisaHarvardInitialization
        (" ", {"John Jeeves": "J J", "Me.": "Me"}),
    ],
)
def test_initialize_with(mark: str, table: dict[str, str]) -> None:
    # name_InitialsInitializeTrue*, name_CeltsAndToffs*; the spec's "J. J. Doe"
    assert results(init(mark), table) == table


def test_initialize_keeps_digraph_initials_and_reads_capitals_as_one_name() -> None:
    # name_InitialsInitializeTruePeriod: "Me." stays "Me.", "ME" is one name: "M."
    table = {"Me.": "Me.", "ME": "M."}
    assert results(init("."), table) == table


@pytest.mark.parametrize(
    ("mark", "hyphen", "table"),
    [
        (".", True, {"Jean-Luc": "J.-L.", "Hsien-Li": "H.-L."}),  # name_CeltsAndToffsWithHyphens
        (".", False, {"Jean-Luc": "J.L.", "Hsien-Li": "H.L."}),  # name_CeltsAndToffsNoHyphens
        (". ", False, {"Jean-Luc": "J. L."}),  # the spec's initialize-with-hyphen="false"
        (". ", True, {"Hui-Xiao Li Yuan": "H.-X. L. Y."}),  # name_HyphenatedFirstName
    ],
)
def test_initialize_with_hyphen(mark: str, hyphen: bool, table: dict[str, str]) -> None:
    assert results(init(mark, hyphen), table) == table


def test_initialize_keeps_lowercase_particles_whole() -> None:
    # name_CeltsAndToffsSpacedInitials: Saunders, J. B. de C. M.
    assert initialize("John Bertrand de Cusance Morant", ". ", True) == "J. B. de C. M."


def test_initialize_crowded_keeps_the_space_before_a_particle() -> None:
    assert initialize("John Bertrand de Cusance Morant", ".", True) == "J.B. de C.M."


def test_initialize_splits_initials_joined_by_periods() -> None:
    table = {
        ("M.E", ".", True): "M.E.",
        ("John M.E.", ".", True): "J.M.E.",
        ("J.R.", ". ", True): "J. R.",
        ("J.J.", "", True): "JJ",
    }
    assert results(initialize, table) == table


def test_initialize_leaves_a_chinese_given_name_whole() -> None:
    assert initialize("柏瑛", ". ", True) == "柏瑛"


# =========================================================================== textcase.py


def test_cap_first_capitalises_the_first_letter() -> None:
    table = {"hello": "Hello", "élan": "Élan", "'tis": "'Tis", "“new": "“New", "123abc": "123Abc",
             "": ""}  # fmt: skip
    assert results(cap_first, table) == table


def case(text: str, text_case: str, lang: str = "en") -> str:
    """*text* (citeproc-js markup) in *text_case*, as HTML."""
    return to_html(apply_case(parse_markup(text), text_case, lang))


@pytest.mark.parametrize(
    ("text", "text_case", "expected"),
    [
        # citeproc-js textcase_Lowercase / _Uppercase / _CapitalizeFirst / _CapitalizeAll
        (f"This is a pen that is a {NC}Smith</span> pencil", "lowercase",
         "this is a pen that is a Smith pencil"),
        (f"This is a pen that is a {NC}Smith</span> pencil", "uppercase",
         "THIS IS A PEN THAT IS A Smith PENCIL"),
        (f"this is a Pen that is a {NC}Smith</span> Pencil", "capitalize-first",
         "This is a Pen that is a Smith Pencil"),
        (f"This IS a Pen that is a {NC}SMITH</span> Pencil", "capitalize-all",
         "This IS A Pen That Is A SMITH Pencil"),
        (f"{NC}iPhone</span> sales", "capitalize-first", "iPhone sales"),
        # sentence case as citeproc-js (and so Zotero) has it: the first word as written
        # after its first letter, every other lowered (CSL 1.0.2 would give "This is a pen")
        ("THIS IS A PEN", "sentence", "THIS is a pen"),
        ("GDJ", "sentence", "GDJ"),
        ("this is a pen", "sentence", "This is a pen"),
        ("<i>title</i> of it", "uppercase", "<i>TITLE</i> OF IT"),
    ],
)  # fmt: skip
def test_apply_case(text: str, text_case: str, expected: str) -> None:
    assert case(text, text_case) == expected


@pytest.mark.parametrize(
    "table",
    [
        pytest.param({  # CSL 1.0.2: stop words stay lower but first, last and after a colon
            "the war of the worlds": "The War of the Worlds",
            "from “distance” to “friction”: substituting metaphors and redirecting intercultural research for":
                "From “Distance” to “Friction”: Substituting Metaphors and Redirecting Intercultural Research For",
            "John van Doe? a life": "John van Doe? A Life",  # textcase_SkipNameParticlesInTitleCase
            "John de Doe a life": "John de Doe a Life",
            "All for one. For all.": "All for One. For All.",  # textcase_CapitalsUntouched
        }, id="stop-words"),
        pytest.param({  # "words in mixed or uppercase stay the same"
            "This IS a pen that is a cat": "This IS a Pen That Is a Cat",  # textcase_TitleCapitalization
            "Writings on UK people and places": "Writings on UK People and Places",
            "Review of Book by A.N. Author": "Review of Book by A.N. Author",
            "iPad is a thing": "iPad Is a Thing",  # textcase_TitleCaseWithCleverBrandName
        }, id="capitals-untouched"),
        pytest.param({  # "hyphenated word parts are treated as distinct words"
            "two-thirds of the way": "Two-Thirds of the Way",
            "Out-of-fashion initiatives: a second story": "Out-of-Fashion Initiatives: A Second Story",
            "cat/mouse pencil": "Cat/Mouse Pencil",  # textcase_TitleCapitalization2
            "Closing the scientist–practitioner gap": "Closing the Scientist–Practitioner Gap",
            "core self-evaluation traits—self-esteem": "Core Self-Evaluation Traits—Self-Esteem",
        }, id="hyphens-and-dashes"),
        pytest.param({
            "The “new Career” and Organizational Commitment":
                "The “New Career” and Organizational Commitment",  # textcase_AfterQuote
            "Response to Shafi’i comment": "Response to Shafi’i Comment",
            "About arvâsî": "About Arvâsî",  # textcase_TitleWithCircumflex
            "The physical\u00a0volcanology of it": "The Physical\u00a0Volcanology of It",
        }, id="quotes-accents-nbsp"),
        pytest.param({  # nocase runs are untouched (textcase_TitleCapitalization, _WithFinalNocase)
            f"This is a {NC}smith</span> pencil": "This Is a smith Pencil",
            f"The {NC}Mirror</span>, the {NC}Window</span>: of the {NC}Universe</span>":
                "The Mirror, the Window: Of the Universe",
        }, id="nocase"),
    ],
)  # fmt: skip
def test_title_case_in_english(table: dict[str, str]) -> None:
    assert results(lambda t: case(t, "title", "en"), table) == table
    assert results(lambda t: to_html(title_case(parse_markup(t))), table) == table


def test_title_case_stop_words_are_csl_1_0_2s() -> None:
    assert case("John von Doe: an about up life", "title") == "John von Doe: An about up Life"


def test_title_case_leaves_superscript_alone() -> None:
    assert (
        case("My <sup>superscript phrase</sup> in a title", "title")
        == "My <sup>superscript phrase</sup> in a Title"
    )


def test_title_case_leaves_a_lone_greek_letter_alone() -> None:
    assert case("Saline solution of β-carotine", "title") == "Saline Solution of β-Carotine"


def test_title_case_is_for_english_only() -> None:
    # CSL 1.0.2 "Non-English Items"; citeproc-js textcase_TitleCaseNonEnglish(2)
    text = "Review of book by A.N. author"
    table = {lang: text for lang in ("de", "zh-CN", "fr-FR")}
    table |= {lang: "Review of Book by A.N. Author" for lang in ("en", "en-US", "en-GB")}
    assert results(lambda lang: case(text, "title", lang), table) == table


@settings(max_examples=examples(300))
@given(plain_text())
def test_title_case_is_idempotent(text: str) -> None:
    once = title_case(Rich.plain(text))
    assert title_case(once) == once


def test_smart_apostrophes(locale: Callable[[str], Locale]) -> None:
    """Apostrophes typographic; quotes paired, then given their glyphs by depth and locale."""

    def shown(text: str, lang: str = "en-US") -> str:
        return str(resolve_quotes(Rich.plain(smart_apostrophes(text)), locale(lang)))

    table = {
        "Plato's thought": "Plato’s thought",
        "IEEE Conference (ETFA '09)": "IEEE Conference (ETFA ’09)",  # flipflop_StartingApostrophe
        "'Nobody Knows You're a Dog': As": "“Nobody Knows You’re a Dog”: As",  # _SingleBeforeColon
        '"friend" of mine': "“friend” of mine",
        'He said "hi"': "He said “hi”",
        "l'Égypte": "l’Égypte",  # flipflop_Apostrophes
        "Qur’an and ‘x’": "Qur’an and ‘x’",
        "保洁人员“一前五后”手卫生": "保洁人员“一前五后”手卫生",  # curly quotes after Han
        "no quotes at all": "no quotes at all",
    }
    assert results(shown, table) == table
    # a field's quotes inside a style's quotes flip; en-GB's curly double quotes are its inner
    nested = quote(Rich.plain(smart_apostrophes('Speak, "friend" and ‘foe’')), locale("en-US"))
    assert str(resolve_quotes(nested, locale("en-US"))) == "“Speak, ‘friend’ and ‘foe’”"
    assert shown("a “resource war”", "en-GB") == "a “resource war”"
    assert shown("a 'resource war'", "en-GB") == "a ‘resource war’"
    # curly quotes are quotes where they are the style's default locale's glyphs: in an
    # en-US style a Chinese work's “…” takes the zh-CN glyphs; in a zh-CN style it is text
    cn = Rich.plain(smart_apostrophes("为什么称为“中国大历史”"))
    assert str(resolve_quotes(cn, locale("zh-CN"), locale("en-US"))) == "为什么称为《中国大历史》"
    assert str(resolve_quotes(cn, locale("zh-CN"), locale("zh-CN"))) == "为什么称为“中国大历史”"


def test_smart_apostrophes_leave_the_quotes_of_markup_alone() -> None:
    table = {
        f"{NC}Sadock</span>'s": f"{NC}Sadock</span>’s",
        f"{NC}l'''</span>": f"{NC}l’’’</span>",  # flipflop_ApostropheInsideTag
    }
    assert results(smart_apostrophes, table) == table


# =========================================================================== rich.py

# --------------------------------------------------------------------------- Rich


def test_rich_merges_runs_of_equal_formatting_and_drops_empty_ones() -> None:
    r = Rich([("a", 0), ("", ITALIC), ("b", 0), ("c", ITALIC)])
    assert r.runs == (("ab", 0), ("c", ITALIC))
    assert (r.first, r.last, str(r)) == ("a", "c", "abc")
    assert not Rich() and not P("") and Rich() == EMPTY


def test_rich_strip_removes_outer_whitespace_across_runs() -> None:
    r = Rich([("  ", 0), (" a ", ITALIC), ("b  ", 0)])
    assert r.strip().runs == (("a ", ITALIC), ("b", 0))


# --------------------------------------------------------------------------- seams: join, concat, affix


def joined(pieces: tuple[str, ...], delimiter: str) -> str:
    return to_text(join([P(p) for p in pieces], delimiter))


@pytest.mark.parametrize(
    "table",
    [
        pytest.param({  # a delimiter delimits non-empty pieces only (CSL 1.0.2 "Delimiter")
            (("A", "", "B", ""), ", "): "A, B",
            ((), ", "): "",
            (("a", "b", "c"), ""): "abc",
        }, id="empty-pieces"),
        pytest.param({  # different punctuation at a seam stays
            (("Doe, J.", "et al."), ", "): "Doe, J., et al.",  # the spec's delimiter-precedes-et-al
            (("Detroit, Mich.", "Random"), ": "): "Detroit, Mich.: Random",  # punctuation_DoNotSuppressColonAfterPeriod
            (("Hello.", "Goodbye"), "; "): "Hello.; Goodbye",  # punctuation_NoSuppressOfPeriodBeforeSemicolon
        }, id="punctuation-kept"),
        pytest.param({  # the same punctuation twice, or a period after ? and !, is once
            (("Ed.", "Title"), ". "): "Ed. Title",
            (("Why?", "Then"), ". "): "Why? Then",
            (("Wow!", "Then"), ". "): "Wow! Then",
            (("Smith,", "John"), ", "): "Smith, John",
            (("a ", " b"), ""): "a b",
        }, id="duplicates-merged"),
    ],
)  # fmt: skip
def test_join(table: dict[tuple[tuple[str, ...], str], str]) -> None:
    assert results(joined, table) == table


def test_join_keeps_formatting_and_leaves_the_delimiter_plain() -> None:
    # citeproc-js punctuation_FieldDuplicates: <span small-caps>Doe, J.</span> 1965
    body = join([P("Doe, J.", SMALLCAPS), P("1965")], ". ")
    assert body.runs == (("Doe, J.", SMALLCAPS), (" ", AFFIX | DELIMITER), ("1965", 0))
    assert to_html(body) == f"{SC}Doe, J.</span> 1965"


@settings(max_examples=examples(200))
@given(
    st.lists(st.text("abcxyzABCXYZ0123456789éü中文", min_size=1, max_size=8), max_size=6),
    st.sampled_from([", ", "; ", ". ", " ", ""]),
)
def test_join_of_words_is_str_join(words: list[str], delimiter: str) -> None:
    """Without punctuation at the seams nothing is merged: join is ``str.join``."""
    assert joined(tuple(words), delimiter) == delimiter.join(words)


def test_concat() -> None:
    """Punctuation merges where an affix or a delimiter meets text (citeproc-js): a text
    value ". " after "eds." stays "eds..", a suffix ". " does not."""
    table = {
        ("Why?", "."): "Why?",
        ("Wow!", "."): "Wow!",
        ("a.", ","): "a.,",  # a period before a comma stays ("Doe, J., ed.")
        ("eds.", ". "): "eds. ",
        ("p. 5", ""): "p. 5",
        ("", ". "): ". ",
    }
    assert results(lambda a, b: to_text(concat(P(a), P(b, AFFIX))), table) == table
    plain = {("Why?", "."): "Why?.", ("eds.", ". "): "eds.. ", ("a ", " b"): "a b"}
    assert results(lambda a, b: to_text(concat(P(a), P(b))), plain) == plain


@pytest.mark.parametrize(
    ("body", "prefix", "suffix", "expected"),
    [
        (P("2001"), "(", ")", (("(", AFFIX | PREFIX), ("2001", 0), (")", AFFIX))),
        # affixes are unformatted
        (P("Title", ITALIC), "", ". ", (("Title", ITALIC), (". ", AFFIX))),
        (P("Doe, J.", SMALLCAPS), "", ". ", (("Doe, J.", SMALLCAPS), (" ", AFFIX))),  # no ".."
        (EMPTY, "(", ")", ()),  # affixes only with output (CSL 1.0.2 "Affixes")
    ],
)
def test_affix(body: Rich, prefix: str, suffix: str, expected: tuple[tuple[str, int], ...]) -> None:
    assert affix(body, prefix, suffix).runs == expected


# --------------------------------------------------------------------------- punctuation-in-quote


def _affixed(text: str, flags: int = 0) -> Rich:
    """*text* with each mark after a closing quote an affix's or delimiter's, as the engine
    makes them: only those move into the quote (citeproc-js)."""
    runs = []
    for piece in re.split(r"(?<=[”’»])([,.;:?!])", text):
        runs.append((piece, AFFIX if len(piece) == 1 and piece in ",.;:?!" else flags))
    return Rich(runs)


def test_punctuation_in_quote() -> None:
    table = {
        "“Book A”, 1900": "“Book A,” 1900",  # magic_PunctuationInQuoteDelimiterTrue
        "“The Book Title”.": "“The Book Title.”",
        "“A”; “B”: “C”? “D”.": "“A”; “B”: “C”? “D.”",  # only commas and periods move
        "no quotes, no change.": "no quotes, no change.",
    }
    assert results(lambda t: to_text(punctuation_in_quote(_affixed(t))), table) == table


def test_punctuation_in_quote_leaves_a_text_s_own_marks() -> None:
    # magic_PunctuationInQuoteTrueSuppressExtra: only an affix's or a delimiter's mark moves
    assert to_text(punctuation_in_quote(P("“The Book Title”."))) == "“The Book Title”."


def test_punctuation_in_quote_takes_the_locale_close_quote() -> None:
    assert to_text(punctuation_in_quote(_affixed("«A», «B»."), "»")) == "«A,» «B.»"


def test_punctuation_in_quote_moves_inside_an_inner_quote_too() -> None:
    body = _affixed("“This is ‘The One’”.")
    assert to_text(punctuation_in_quote(body)) == "“This is ‘The One.’”"


def test_punctuation_in_quote_keeps_the_quote_in_its_formatting() -> None:
    body = Rich([("Doe. ", 0), ("“Book A”", ITALIC), (".", AFFIX), (" 1900.", 0)])
    assert to_html(punctuation_in_quote(body)) == "Doe. <i>“Book A.”</i> 1900."


# --------------------------------------------------------------------------- parse_markup and output


@pytest.mark.parametrize(
    ("markup", "runs"),
    [
        ("", ()),
        ("a <i>b</i> c", (("a ", 0), ("b", ITALIC), (" c", 0))),
        ("<b>bold</b> x<sup>2</sup> H<sub>2</sub>",
         (("bold", BOLD), (" x", 0), ("2", SUP), (" H", 0), ("2", SUB))),
        (f"{SC}sc</span> {NC}iPhone</span>", (("sc", SMALLCAPS), (" ", 0), ("iPhone", NOCASE))),
        (f"<i>a {NC}B</span></i>", (("a ", ITALIC), ("B", ITALIC | NOCASE))),
    ],
)  # fmt: skip
def test_parse_markup(markup: str, runs: tuple[tuple[str, int], ...]) -> None:
    assert parse_markup(markup).runs == runs


def test_parse_markup_leaves_what_is_not_balanced_markup_as_text() -> None:
    # citeproc-js flipflop_ItalicsSimple (TwoF): a stray closing tag is text
    texts = ["One TwoF</i> Three", "<i>unclosed", "x < y > z", '<span class="other">s</span>']
    assert [parse_markup(t).runs for t in texts] == [((t, 0),) for t in texts]


def test_parse_markup_adds_the_base_formatting() -> None:
    assert parse_markup("a <b>b</b>", ITALIC).runs == (("a ", ITALIC), ("b", ITALIC | BOLD))


@pytest.mark.parametrize(
    ("markup", "html"),
    [
        # citeproc-js flipflop_ItalicsSimple
        ("<i>One TwoD</i> Three <i>Four Five!</i>", "<i>One TwoD</i> Three <i>Four Five!</i>"),
        ("One TwoF</i> Three Four Five!", "One TwoF&#60;/i&#62; Three Four Five!"),
        (f"<i>One TwoE {UPRIGHT}Three</span> Four Five!</i>",
         f"<i>One TwoE {UPRIGHT}Three</span> Four Five!</i>"),
        ("AT&T <sup>®</sup>", "AT&#38;T <sup>®</sup>"),  # entities as citeproc-js writes them
        (f"a {NC}B</span> c", "a B c"),  # nocase is no formatting
        pytest.param(
            "<i>One TwoE <i>Three</i> Four Five!</i>",
            f"<i>One TwoE {UPRIGHT}Three</span> Four Five!</i>",
        ),
    ],
)  # fmt: skip
def test_markup_to_html(markup: str, html: str) -> None:
    assert to_html(parse_markup(markup)) == html


def test_italic_formatting_flips_italics_inside_to_upright() -> None:
    # citeproc-js flipflop_ItalicsFlipped: font-style="italic" on a title with <i> in it
    body = parse_markup("One Two <i>Three</i> Four Five!").with_flags(ITALIC)
    assert to_html(body) == f"<i>One Two {UPRIGHT}Three</span> Four Five!</i>"


def test_links_in_html() -> None:
    # CSL 1.0.2 Appendix VI: a DOI links to https://doi.org/…, a URL to itself; a rendered
    # resolver is part of the anchor, other affix text ("doi: ") is not
    assert [to_html(b) for b in [
        Rich([("doi: ", 0), ("10.1000/182", LINK_DOI)]),
        Rich([("https://doi.org/", 0), ("10.1000/182", LINK_DOI)]),
        P("https://e.org/?a=1&b=2", LINK_URL),
    ]] == [
        'doi: <a href="https://doi.org/10.1000/182">10.1000/182</a>',
        '<a href="https://doi.org/10.1000/182">https://doi.org/10.1000/182</a>',
        '<a href="https://e.org/?a=1&#38;b=2">https://e.org/?a=1&#38;b=2</a>',
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "markdown"),
    [
        (parse_markup("<b>bold</b> and <i>it</i> x<sup>2</sup>"), "**bold** and *it* x<sup>2</sup>"),
        (P("2*3 snake_case"), "2\\*3 snake\\_case"),  # CommonMark backslash escapes
        (P("https://e.org/a_b", LINK_URL), "<https://e.org/a_b>"),  # an autolink: no escapes
        (P("10.1000/x_y", LINK_DOI), "[10.1000/x\\_y](<https://doi.org/10.1000/x_y>)"),
        pytest.param(
            Rich([("One TwoE ", ITALIC), ("Three", ITALIC | NORMAL), (" Four Five!", ITALIC)]),
            "*One TwoE* Three *Four Five!*",
        ),
    ],
)  # fmt: skip
def test_to_markdown(body: Rich, markdown: str) -> None:
    assert to_markdown(body) == markdown


def test_to_text_drops_all_formatting() -> None:
    body = Rich([("a ", ITALIC), ("b", BOLD | SUP), (" c", NOCASE), ("10.1/x", LINK_DOI)])
    assert to_text(body) == "a b c10.1/x"


@settings(max_examples=examples(300))
@given(plain_text())
def test_text_without_markup_parses_to_itself(text: str) -> None:
    assert parse_markup(text).runs == ((text, 0),)
    assert to_text(parse_markup(text)) == text


_TAG = re.compile(r'</?(?:i|b|sup|sub)>|<span (?:class|style)="[^"]*">|</span>')


@settings(max_examples=examples(300))
@given(rich_text())
def test_markup_parses_to_its_text_without_the_tags(text: str) -> None:
    assert to_text(parse_markup(text)) == _TAG.sub("", text)


# ---------------------------------------------------------------------------- names and numbers
# (expected values: what citeproc-js 2.4.63 makes of the same CSL-JSON names and numbers)


@pytest.mark.parametrize(
    ("family", "given", "parts"),
    [
        ("van Regenmortel", "M.H.", ("M.H.", None, "van", "Regenmortel", None, False)),
        ("van der Waals", "J. D.", ("J. D.", None, "van der", "Waals", None, False)),
        ("d'Alembert", "Jean", ("Jean", None, "d'", "Alembert", None, False)),
        ("al-Farabi", "Abu", ("Abu", None, "al-", "Farabi", None, False)),
        ("Beethoven", "Ludwig van", ("Ludwig", "van", None, "Beethoven", None, False)),
        ("Schalick", "Walton O., III", ("Walton O.", None, None, "Schalick", "III", False)),
        ("Doe", "J.,!Jr.", ("J.", None, None, "Doe", "Jr.", True)),
        ("Boudon-Millot", "Véronique", ("Véronique", None, None, "Boudon-Millot", None, False)),
        ('"van Gogh"', "Vincent", ("Vincent", None, None, "van Gogh", None, False)),
    ],
)
def test_parse_particles(family: str, given: str, parts: tuple[object, ...]) -> None:
    n = parse_particles(Name(family=family, given=given))
    assert (
        n.given,
        n.dropping_particle,
        n.non_dropping_particle,
        n.family,
        n.suffix,
        n.comma_suffix,
    ) == parts


def test_parse_particles_leaves_names_that_say_how_they_split() -> None:
    kept = [
        Name(family="Regenmortel", given="M.H.", non_dropping_particle="van"),
        Name(family="van Regenmortel"),  # no given name: citeproc-js leaves it whole
        Name(family="van Regenmortel", given="M.H.", static_ordering=True),
    ]
    assert [parse_particles(n) for n in kept] == kept


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4-5", "4–5"),
        ("12 - 14", "12–14"),
        ("2a-3", "2a–3"),
        ("2nd-3rd", "2nd–3rd"),
        ("1-2, 4-5", "1–2, 4–5"),
        ("R-12-14", "R-12-14"),
        ("Suppl. 2-3", "Suppl. 2-3"),
        ("09", "09"),
    ],
)
def test_text_ranges(value: str, expected: str) -> None:
    assert text_ranges(value) == expected


@pytest.mark.parametrize(
    ("value", "plural"),
    [
        ("12-15", True),
        ("3, 5", True),
        ("1, 2, and 3", True),
        ("i-ix", True),
        ("367-368, fig. 333", True),  # the numbers before an embedded label
        ("9,367", False),
        ("AIAA G-136-2022", False),  # a code with a range in it: one number (citeproc-js)
        ("GB 18030—2022", False),
        ("51/52", False),
    ],
)
def test_is_plural_value(value: str, plural: bool) -> None:
    assert is_plural_value(value) is plural


def test_year_suffixes_go_on_past_zz() -> None:
    """citeproc-js's year suffixes are bijective base 26: a numeric style that gives every
    work one (see test_engine_rules) reaches aaa at the 703rd work of a long list."""
    from citelib._citeproc.engine import _suffix

    got = [_suffix(i) for i in (0, 25, 26, 27, 51, 52, 701, 702, 703, 18277, 18278)]
    assert got == ["a", "z", "aa", "ab", "az", "ba", "zz", "aaa", "aab", "zzz", "aaaa"]


def test_run_flags_are_distinct_bits() -> None:
    """Every flag a run of rich text can carry is a bit of its own (two flags sharing one
    would each switch the other's rule on)."""
    from citelib._citeproc import rich

    constants = {
        name: value
        for name, value in vars(rich).items()
        if name.isupper() and not name.startswith("_") and type(value) is int
    }
    flags = {name: value for name, value in constants.items() if value & (value - 1) == 0}
    assert len(flags) >= 30
    for name, value in flags.items():
        assert value > 0, name
    assert len(set(flags.values())) == len(flags), sorted(flags.items(), key=lambda kv: kv[1])
    # the others are unions the hot paths test at once (TRIMS, NESTING): of flags only
    every = 0
    for value in flags.values():
        every |= value
    for name, value in constants.items():
        assert value > 0 and value & ~every == 0, name
