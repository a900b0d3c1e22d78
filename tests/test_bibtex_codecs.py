"""The codecs of the BibTeX field table (citelib.formats.bibtex._codecs), one value at a time."""

from __future__ import annotations

import pytest

from citelib.errors import Report
from citelib.formats.bibtex import _fields as bm
from citelib.formats.bibtex._codecs import Codec, Out, ReadContext, WriteContext
from citelib.formats.bibtex._reader import RawEntry, Reader
from citelib.model import Date, Name

NC = '<span class="nocase">'


def rule(attr: str, bibtype: str = "article") -> bm.Rule:
    return next(r for r in bm.rules_for(bibtype) if r.attr == attr)


def read(
    attr: str, fields: dict[str, str], bibtype: str = "article"
) -> tuple[object, set[str], list[str]]:
    """The value the rule for *attr* reads from *fields* (its first field present), the fields
    used up, and the problems."""
    r = rule(attr, bibtype)
    name = next(n for n in (*r.read, *r.also) if n in fields)
    raw = RawEntry("t.bib", 1, "k", bibtype, fields, {n: i + 2 for i, n in enumerate(fields)})
    reader = Reader(strict=False)
    consumed = {name}
    value = r.codec.read(r, name, fields[name], ReadContext(raw, reader, consumed))
    return value, consumed, [p.message for p in reader.problems]


def write(
    attr: str,
    value: object,
    *,
    dialect: str = "bibtex",
    bibtype: str = "article",
    extra: dict[str, str] | None = None,
) -> tuple[list[Out], list[str]]:
    """The fields the rule for *attr* writes *value* to, and the problems."""
    r = rule(attr, bibtype)
    report = Report()
    ctx = WriteContext("k", dialect, bibtype, dict(extra or {}), report)
    return r.codec.write_fields(r, value, ctx), [p.message for p in report.problems]


def test_every_row_holds_a_codec() -> None:
    assert all(isinstance(r.codec, Codec) for r in bm.RULES)
    assert {r.attr for r in bm.RULES if r.codec.rich} >= {
        "title",
        "container_title",
        "collection_title",
    }
    assert not bm.GENRE.rich and not bm.PUBSTATE.rich and bm.SERIES.rich


def test_text_rich_and_plain() -> None:
    assert read("title_short", {"shorttitle": "The {DNA}"})[0] == f"The {NC}DNA</span>"
    assert read("edition", {"edition": "2{nd}"})[0] == "2nd"
    # biber and pandoc split publisher-like fields on "and"
    assert write("publisher", "Henry Holt and Co.", bibtype="book")[0] == [
        ("publisher", "Henry Holt {and} Co.", False)
    ]
    assert write("edition", "Black and white")[0] == [("edition", "Black and white", False)]


def test_title_joins_subtitle_and_addon_and_splits_them_back() -> None:
    fields = {"title": "Main", "subtitle": "Sub", "titleaddon": "Addon"}
    value, consumed, _ = read("title", fields)
    assert value == "Main: Sub. Addon"
    assert consumed == {"title"}  # subtitle and addon stay in extra
    extra = {"subtitle": "Sub", "titleaddon": "Addon"}
    assert write("title", "Main: Sub. Addon", extra=extra)[0] == [("title", "Main", False)]
    assert read("title", {"title": "主标题", "subtitle": "副标题"})[0] == "主标题：副标题"
    out, problems = write("title", "Another", extra=extra)
    assert out == [("title", "Another", False)]
    assert problems == [
        "BibTeX cannot hold the subtitle (the title no longer ends with it); left out"
    ]


def test_verbatim() -> None:
    assert read("url", {"url": " http://x.org/~a_b%20c "})[0] == "http://x.org/~a_b%20c"
    assert write("doi", "10.1/x_{1}")[0] == [("doi", "10.1/x_{1}", False)]
    out, problems = write("url", "http://x/}")
    assert out == [("url", "http://x/\\}", False)]
    assert problems == ["field 'url' has unbalanced braces; they were escaped"]


def test_names_and_useprefix() -> None:
    assert read("author", {"author": "van Gogh, Vincent and others"})[0] == (
        Name(family="Gogh", given="Vincent", dropping_particle="van"),
        Name(literal="others"),
    )
    fields = {"author": "van Gogh, Vincent", "options": "useprefix=true"}
    assert read("author", fields)[0] == (
        Name(family="Gogh", given="Vincent", non_dropping_particle="van"),
    )
    names = (Name(family="Beethoven", given="Ludwig", non_dropping_particle="van"),)
    assert write("author", names, dialect="biblatex")[0] == [
        ("author", "family={Beethoven}, given={Ludwig}, prefix={van}, useprefix=true", False)
    ]
    assert write("author", names, dialect="biblatex", extra={"options": "useprefix"})[0] == [
        ("author", "van Beethoven, Ludwig", False)
    ]


def test_pages() -> None:
    assert read("page", {"pages": "12--18"})[0] == "12-18"
    assert write("page", "12-18")[0] == [("pages", "12--18", False)]
    assert write("page", "e1234")[0] == [("pages", "e1234", False)]


def test_date_fields() -> None:
    assert read("accessed", {"urldate": "2021-01-02"})[0] == Date.of(2021, 1, 2)
    value, _, problems = read("accessed", {"urldate": "someday"})
    assert value == Date(literal="someday")
    assert problems == ["'urldate' is not a date (kept as text)"]
    assert write("accessed", Date.of(2021, 1))[0] == [("urldate", "2021-01", False)]


def test_issued_from_date_uses_up_the_parts_that_agree() -> None:
    fields = {"date": "2020-05-17", "year": "2020", "month": "jun", "day": "17"}
    value, consumed, problems = read("issued", fields)
    assert value == Date.of(2020, 5, 17)
    assert consumed == {"date", "year", "day"}  # the month disagrees: it stays in extra
    assert problems == []


def test_issued_from_year_month_day() -> None:
    value, consumed, _ = read("issued", {"year": "1999", "month": "10~jan"})
    assert value == Date.of(1999, 1, 10)
    assert consumed == {"year", "month"}
    value, consumed, problems = read("issued", {"year": "1999", "month": "Lent"})
    assert value == Date.of(1999)
    assert consumed == {"year"}
    assert problems == ["month 'Lent' is not a month (kept in extra)"]
    assert read("issued", {"year": "in press"})[0] == Date(literal="in press")


@pytest.mark.parametrize(
    ("dialect", "extra", "fields"),
    [
        ("bibtex", {}, [("year", "2020", True), ("month", "may", True), ("day", "17", True)]),
        ("biblatex", {}, [("date", "2020-05-17", False)]),
        # a date field of its own in extra: year/month/day written beside it
        (
            "biblatex",
            {"date": "x"},
            [("year", "2020", False), ("month", "may", True), ("day", "17", False)],
        ),
    ],
)
def test_issued_written(dialect: str, extra: dict[str, str], fields: list[Out]) -> None:
    assert write("issued", Date.of(2020, 5, 17), dialect=dialect, extra=extra)[0] == fields


def test_issued_circa_in_bibtex_keeps_a_year_too() -> None:
    d = Date(parts=((2020,),), circa=True)
    assert write("issued", d)[0] == [("date", "2020~", False), ("year", "2020", False)]


def test_language() -> None:
    assert read("language", {"langid": "ngerman"})[0] == "de-DE"
    assert read("language", {"language": "zh-CN"})[0] == "zh-CN"
    assert read("language", {"langid": " "})[0] is None
    assert write("language", "de-DE")[0] == [("langid", "ngerman", False)]
    assert write("language", "tlh")[0] == [("langid", "tlh", False)]


def test_localisation_keys() -> None:
    assert read("collection_title", {"series": "newseries"})[0] == "new series"
    assert read("collection_title", {"series": "{newseries}"})[0] == f"{NC}newseries</span>"
    assert write("collection_title", "new series", dialect="biblatex")[0] == [
        ("series", "newseries", False)
    ]
    assert write("collection_title", "new series")[0] == [("series", "new series", False)]
    assert read("status", {"pubstate": "inpress"})[0] == "in press"
    assert write("status", "in press")[0] == [("pubstate", "inpress", False)]  # both dialects
    assert read("genre", {"type": "{mathesis}"}, "thesis")[0] == "Master's thesis"


def test_genre_implied_by_the_entry_type_is_not_written() -> None:
    assert write("genre", "PhD thesis", bibtype="phdthesis")[0] == []
    assert write("genre", "PhD thesis", bibtype="thesis", dialect="biblatex")[0] == [
        ("type", "phdthesis", False)
    ]


def test_places() -> None:
    assert read("publisher_place", {"location": "Durham and London"}, "book")[0] == "Durham; London"
    assert (
        read("publisher_place", {"address": "Durham and London"}, "book")[0] == "Durham and London"
    )
    assert write("publisher_place", "Durham; London", dialect="biblatex", bibtype="book")[0] == [
        ("location", "Durham and London", False)
    ]
    assert write("publisher_place", "Durham and London", bibtype="book")[0] == [
        ("address", "Durham {and} London", False)
    ]


def test_a_field_taken_by_extra_is_not_written_over() -> None:
    out, problems = write("note", "n", extra={"note": "mine"})
    assert out == []
    assert problems == ["BibTeX cannot hold note; left out"]
    # nor one that a field in extra would win over when read back
    assert write("container_title", "J", extra={"journaltitle": "K"})[0] == []
