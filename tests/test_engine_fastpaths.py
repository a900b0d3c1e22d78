"""The engine's fast paths give what its general paths give (numbers, page ranges, quotes)."""

from __future__ import annotations

import re
from functools import cache
from unittest import mock

from hypothesis import example, given
from hypothesis import strategies as st
from strategies import (
    digit_runs,
    number_ranges,
    numeric_texts,
    page_delimiters,
    page_range_formats,
    quote_texts,
)

from citelib._citeproc import numbers
from citelib._citeproc.locale import Locale, build_locale
from citelib._citeproc.nodes import is_numeric
from citelib._citeproc.numbers import (
    _number_text,
    _split_values,
    digit_range,
    page_mangle,
)
from citelib._citeproc.textcase import smart_apostrophes
from citelib._citeproc.xmltree import parse

_VARIABLES = st.sampled_from(["page", "volume", "issue", "number", "locator", "edition"])


@cache
def _locale(tag: str, page_range_delimiter: str | None = None) -> Locale:
    if page_range_delimiter is None:
        return build_locale(tag, [])
    style_locale = parse(
        b'<locale xmlns="http://purl.org/net/xbiblio/csl"><terms><term name="page-range-delimiter">'
        + page_range_delimiter.encode()
        + b"</term></terms></locale>"
    )
    return build_locale(tag, [style_locale])


@given(digit_runs, digit_runs, page_delimiters, page_range_formats)
def test_a_range_of_digits_reformats_as_page_mangle_does(
    begin: str, end: str, delim: str, page_format: str | None
) -> None:
    assert digit_range(begin, end, delim, page_format) == page_mangle(
        f"{begin} - {end}", delim, page_format
    )


@given(digit_runs, _VARIABLES, st.sampled_from(["en-US", "zh-CN", "fr-FR", "de-DE"]))
def test_one_number_prints_as_the_general_split_prints_it(
    value: str, variable: str, tag: str
) -> None:
    values = _split_values(value, variable, _locale(tag))
    assert values is not None and len(values) == 1
    assert values[0].text() == value
    assert _number_text(value, variable, _locale(tag), None, True, None) == value


def test_digit_ranges_in_each_page_format() -> None:
    cases = {
        None: "321–328",
        "expanded": "321–328",
        "minimal": "321–8",
        "minimal-two": "321–28",
        "chicago": "321–28",
    }
    for page_format, expected in cases.items():
        assert digit_range("321", "328", "–", page_format) == expected
    assert digit_range("321", "28", "–", "expanded") == "321–328"
    assert digit_range("328", "321", "–", None) == "328–321"  # descending: as written
    assert digit_range("12", "12", "-", "minimal") == "12-12"


# the pattern the engine used before: a class of marks beyond Latin-1 takes a third of a
# millisecond to compile, at every start
_NUMERIC = re.compile(r"[A-Za-z]*\d+[A-Za-z]*(?:\s*(?:[-–,&]|and)\s*[A-Za-z]*\d+[A-Za-z]*)*")


@given(numeric_texts)
def test_is_numeric_reads_as_the_pattern_read(text: str) -> None:
    assert is_numeric(text) == bool(_NUMERIC.fullmatch(text.strip().replace("\\-", "")))


def test_a_single_quote_that_pairs_with_none_is_an_apostrophe() -> None:
    assert smart_apostrophes("'Tis five o'clock") == "’Tis five o’clock"


@given(quote_texts)
def test_smart_apostrophes_leaves_no_straight_single_quote(text: str) -> None:
    assert "'" not in smart_apostrophes(text)


_NUMBER_VARIABLES = st.sampled_from(
    ["page", "volume", "issue", "number", "locator", "edition", "collection-number",
     "number-of-pages", "page-first"]
)  # fmt: skip
_TAGS = st.sampled_from(["en-US", "zh-CN", "fr-FR", "de-DE"])


@example("12-15", "page", "zh-CN", "～", "-", None, True)  # the locale's delimiter, not the style's
@example("12-15", "collection-number", "en-US", "-", None, None, True)  # a year range's
@example("3-4", "volume", "zh-CN", "-", "-", None, True)
@example("15-12", "page", "en-US", "-", "～", None, True)  # descending
@example("100-105", "page", "fr-FR", "–", "–", "minimal", True)
@example("7-9", "locator", "de-DE", "0", "", "chicago", False)
@given(
    number_ranges,
    _NUMBER_VARIABLES,
    _TAGS,
    st.sampled_from([None, "-", "～", "to", "0", ""]),
    st.sampled_from([None, "-"]),
    page_range_formats,
    st.booleans(),
)
def test_numbers_of_digits_read_as_the_general_split_reads_them(
    value: str,
    variable: str,
    tag: str,
    delimiter: str | None,
    page_delimiter: str | None,
    page_format: str | None,
    page_label: bool,
) -> None:
    # the fast paths take numbers of ASCII digits; without them (no text is digits to
    # them) every value goes through the labels, joiners and patterns; the delimiters of
    # the locale and the style's default locale (a GB/T style's "-", odd ones too)
    locale, page_locale = _locale(tag, delimiter), _locale("en-US", page_delimiter)

    def read() -> tuple[object, ...]:
        return (
            _number_text(value, variable, locale, page_format, page_label, page_locale),
            numbers.number_info(value, variable, locale),
            [v.text() for v in numbers._split_values(value, variable, locale) or []],
            [
                numbers.format_number(value, form, locale, variable)
                for form in ("numeric", "ordinal", "long-ordinal", "roman")
            ],
        )

    fast = read()
    with mock.patch.object(numbers, "_is_digits", lambda text: False):
        general = read()
    assert fast == general
