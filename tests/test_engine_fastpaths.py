"""The engine's fast paths give what its general paths give (numbers, page ranges, quotes)."""

from __future__ import annotations

import re
from functools import cache

from hypothesis import given
from hypothesis import strategies as st
from strategies import digit_runs, numeric_texts, page_delimiters, page_range_formats, quote_texts

from citelib._citeproc.locale import Locale, build_locale
from citelib._citeproc.nodes import is_numeric
from citelib._citeproc.numbers import (
    _number_text,
    _split_values,
    digit_range,
    page_mangle,
)
from citelib._citeproc.textcase import smart_apostrophes

_VARIABLES = st.sampled_from(["page", "volume", "issue", "number", "locator", "edition"])


@cache
def _locale(tag: str) -> Locale:
    return build_locale(tag, [])


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
