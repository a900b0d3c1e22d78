"""Dates: EDTF, what people write, CSL-JSON date objects."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import dates

from citelib.dates import date_from_csl, date_to_csl, days_in_month, format_edtf, parse_date
from citelib.model import Date

D = Date.of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # EDTF level 0
        ("2019-07-16", D(2019, 7, 16)),
        ("2019-07", D(2019, 7)),
        ("2019", D(2019)),
        ("0099", D(99)),
        ("2019/2020", Date(parts=((2019,), (2020,)))),
        ("2019-05/2019-07", Date(parts=((2019, 5), (2019, 7)))),
        ("2019-05-30/2019-06-02", Date(parts=((2019, 5, 30), (2019, 6, 2)))),
        ("2019-07-16T10:20:30Z", D(2019, 7, 16)),
        ("2019-07-16 10:20:30", D(2019, 7, 16)),
        ("2019-07-16T10:20:30+08:00", D(2019, 7, 16)),
        # EDTF level 1
        ("2019~", Date(parts=((2019,),), circa=True)),
        ("2019?", Date(parts=((2019,),), circa=True)),
        ("2019%", Date(parts=((2019,),), circa=True)),
        ("2019-07-16~", Date(parts=((2019, 7, 16),), circa=True)),
        ("2019-?07-16", Date(parts=((2019, 7, 16),), circa=True)),
        ("2019~/2020~", Date(parts=((2019,), (2020,)), circa=True)),
        ("2019-21", Date(parts=((2019, 21),))),
        ("2019-24", Date(parts=((2019, 24),))),
        ("2019-13", Date(parts=((2019, 13),))),
        ("199u", Date(parts=((1990,), (1999,)))),
        ("199X", Date(parts=((1990,), (1999,)))),
        ("19XX", Date(parts=((1900,), (1999,)))),
        ("2019-XX", D(2019)),
        ("2019-05-XX", D(2019, 5)),
        ("-0043", D(-43)),
        ("-0043-03-15", D(-43, 3, 15)),
        ("Y170000002", D(170000002)),
        ("Y-170000002", D(-170000002)),
        ("2020-02-29", D(2020, 2, 29)),
        # what people write
        ("May 2019", D(2019, 5)),
        ("Sept. 2019", D(2019, 9)),
        ("16 May 2019", D(2019, 5, 16)),
        ("16. Mai 2019", D(2019, 5, 16)),
        ("May 16, 2019", D(2019, 5, 16)),
        ("May 16th 2019", D(2019, 5, 16)),
        ("2019年5月16日", D(2019, 5, 16)),
        ("2019年5月", D(2019, 5)),
        ("2019年", D(2019)),
        ("2019.05.16", D(2019, 5, 16)),
        ("2019.5", D(2019, 5)),
        ("2019/5/16", D(2019, 5, 16)),
        ("2019-7-6", D(2019, 7, 6)),
        ("16/05/2019", D(2019, 5, 16)),
        ("05/16/2019", D(2019, 5, 16)),
        ("spring 2019", Date(parts=((2019, 21),))),
        ("Winter 2019", Date(parts=((2019, 24),))),
        ("2019年春", Date(parts=((2019, 21),))),
        ("[2019]", D(2019)),
        ("[2019?]", Date(parts=((2019,),), circa=True)),
        ("ca. 2019", Date(parts=((2019,),), circa=True)),
        ("c. 1850", Date(parts=((1850,),), circa=True)),
        ("2019–2020", Date(parts=((2019,), (2020,)))),
        ("2019-2020", Date(parts=((2019,), (2020,)))),
        ("May–June 2019", Date(parts=((2019, 5), (2019, 6)))),
        ("16–18 May 2019", Date(parts=((2019, 5, 16), (2019, 5, 18)))),
        ("2019年5月—6月", Date(parts=((2019, 5), (2019, 6)))),
        ("2019年5月16日至2019年6月2日", Date(parts=((2019, 5, 16), (2019, 6, 2)))),
        ("  2019  ", D(2019)),
    ],
)
def test_parse_date(text: str, expected: Date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "n.d.",
        "forthcoming",
        "2019-02-30",  # no such day
        "2019-13-01",  # a season has no days
        "2019-00",
        "05/06/2019",  # May 6th or June 5th: left as written
        "2019/..",  # open intervals: no end to give
        "1865（清同治四年）",
        "Y12",
        "19X5",
        "9" * 5000,  # too long for int(): still no exception
        "16 May",  # no year: not the year 16
        "May 16",
    ],
)
def test_unparseable_dates_stay_literal(text: str) -> None:
    assert parse_date(text) == Date(literal=text)


def test_empty_text_is_an_empty_date() -> None:
    assert parse_date("   ") == Date()


@pytest.mark.parametrize(
    ("date", "edtf"),
    [
        (D(2019, 7, 16), "2019-07-16"),
        (D(5), "0005"),
        (D(-43), "-0043"),
        (D(123456), "Y123456"),
        (Date(parts=((2019,), (2020, 1))), "2019/2020-01"),
        (Date(parts=((2019, 22),), circa=True), "2019-22~"),
        (Date(parts=((2019,), (2020,)), circa=True), "2019~/2020~"),
        (Date(parts=((2019,),), season=3), "2019-23"),
        (Date(literal="n.d."), "n.d."),
    ],
)
def test_format_edtf(date: Date, edtf: str) -> None:
    assert format_edtf(date) == edtf


@given(dates(literal=False, full=True).filter(lambda d: d.season is None))
def test_format_edtf_parse_date_inverse(date: Date) -> None:
    assert parse_date(format_edtf(date)) == date


@given(dates(full=True))
def test_date_csl_inverse(date: Date) -> None:
    assert date_from_csl(date_to_csl(date)) == date


@given(st.text(max_size=40))
def test_parse_date_never_raises(text: str) -> None:
    result = parse_date(text)
    assert result.parts or result.literal == (text.strip() or None)


@pytest.mark.parametrize(
    ("obj", "expected"),
    [
        ({"date-parts": [["2013", 1, 1]]}, D(2013, 1, 1)),
        ({"date-parts": [[2019, ""]]}, D(2019)),
        ({"date-parts": [["2019", "05", "00"]]}, D(2019, 5)),
        ({"date-parts": [[2019, 5]], "circa": "false"}, D(2019, 5)),
        ({"date-parts": [[2019]], "circa": "true"}, Date(parts=((2019,),), circa=True)),
        ({"date-parts": [[2019]], "circa": 1}, Date(parts=((2019,),), circa=True)),
        ({"date-parts": [[2017]], "season": 4}, Date(parts=((2017,),), season=4)),
        ({"date-parts": [[2017]], "season": "4"}, Date(parts=((2017,),), season=4)),
        ({"date-parts": [[2017]], "season": "Spring"}, Date(parts=((2017,),), season="Spring")),
        ({"date-parts": [[2011, 5, 25], ["2012"]]}, Date(parts=((2011, 5, 25), (2012,)))),
        ({"date-parts": [2019, 5]}, D(2019, 5)),  # flat: one date
        ({"raw": "2019-05"}, D(2019, 5)),
        ({"raw": "16 May 2019"}, D(2019, 5, 16)),
        ({"raw": "sometime"}, Date(literal="sometime")),
        ({"literal": "Spring term"}, Date(literal="Spring term")),
        (
            {"date-parts": [[1999]], "literal": "1999 (1st ed.)"},
            Date(parts=((1999,),), literal="1999 (1st ed.)"),
        ),
        ({"year": 2019, "month": 5}, D(2019, 5)),
        ("2019-07-16?", Date(parts=((2019, 7, 16),), circa=True)),
        ("n.d.", Date(literal="n.d.")),
        (2019, D(2019)),
        ({}, Date()),
    ],
)
def test_date_from_csl(obj: object, expected: Date) -> None:
    assert date_from_csl(obj) == expected


@pytest.mark.parametrize(
    "obj",
    [
        {"date-parts": "2019"},
        {"date-parts": [[2019, 2, 30]]},
        {"date-parts": [[2019, 1, 2, 3]]},
        {"date-parts": [[1], [2], [3]]},
        {"date-parts": [["spring-ish"]]},
        {"date-parts": [[2019.5]]},
        {"date-parts": [[True]]},
        {"literal": 5},
        {"raw": ["2019"]},
        {"circa": [1]},
        {"season": True},
        {"when": "2019"},
        ["2019"],
        None,
        1.5,
    ],
)
def test_date_from_csl_rejects_non_dates(obj: object) -> None:
    with pytest.raises(ValueError):
        date_from_csl(obj)


def test_date_to_csl() -> None:
    assert date_to_csl(Date(parts=((2019, 5), (2019, 7)), circa=True, season=2)) == {
        "date-parts": [[2019, 5], [2019, 7]],
        "season": 2,
        "circa": True,
    }
    assert date_to_csl(Date(literal="n.d.")) == {"literal": "n.d."}
    assert date_to_csl(D(2019)) == {"date-parts": [[2019]]}


def test_looks_numeric_tells_a_broken_date_from_one_in_words() -> None:
    from citelib.dates import looks_numeric

    for text in ("99999999-99-99", "2020/13/45", " 2020-00 ", "1.2.3", "2020?"):
        assert looks_numeric(text), text
    for text in ("Spring 2020", "n.d.", "forthcoming", "2020年", "", "Mai 2020"):
        assert not looks_numeric(text), text


@given(st.integers(1, 9999), st.integers(1, 12))
def test_days_in_month_as_the_calendar_module_counts(year: int, month: int) -> None:
    import calendar

    assert days_in_month(year, month) == calendar.monthrange(year, month)[1]
