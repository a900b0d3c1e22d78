"""BibTeX name lists: splitting, BibTeX name rules, CJK names, extended format, writing back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import names

from citelib.formats.bibtex.names import OTHERS, format_name, format_names, parse_name, parse_names
from citelib.model import Name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ludwig van Beethoven", Name(family="Beethoven", given="Ludwig", dropping_particle="van")),
        (
            "van Beethoven, Ludwig",
            Name(family="Beethoven", given="Ludwig", dropping_particle="van"),
        ),
        ("Smith, Jr., John", Name(family="Smith", given="John", suffix="Jr.")),
        ("Drummond de Andrade, Carlos", Name(family="Drummond de Andrade", given="Carlos")),
        (
            "Charles Louis Xavier Joseph de la Vallee Poussin",
            Name(
                family="Vallee Poussin",
                given="Charles Louis Xavier Joseph",
                dropping_particle="de la",
            ),
        ),
        ("{World Health Organization}", Name(literal="World Health Organization")),
        ("{The {R} Core Team}", Name(literal="The R Core Team")),
        ("{Barnes and Noble}, Inc.", Name(family="Barnes and Noble", given="Inc.")),
        ("K. Q. Ren", Name(family="Ren", given="K. Q.")),
        ("Ren, K. Q.", Name(family="Ren", given="K. Q.")),
        ("孙柏瑛", Name(family="孙", given="柏瑛")),
        ("孙, 柏瑛", Name(family="孙", given="柏瑛")),
        ("孙 柏瑛", Name(family="孙", given="柏瑛")),
        ("欧阳修", Name(family="欧阳", given="修")),
        ('M{\\"u}ller, J{\\"o}rg', Name(family="Müller", given="Jörg")),
        ('{\\"U}nal, Ali', Name(family="Ünal", given="Ali")),
        ("Vign{\\'e}, M.", Name(family="Vigné", given="M.")),
        ("{Delgado de Molina}, A.", Name(family="Delgado de Molina", given="A.")),
        ("Donald~E. Knuth", Name(family="Knuth", given="Donald E.")),
        ("Plato", Name(family="Plato")),
        (
            "given=Ludwig, family=Beethoven, prefix=van, useprefix=true",
            Name(family="Beethoven", given="Ludwig", non_dropping_particle="van"),
        ),
        (
            "family={Smith, Jones}, given=Ann",
            Name(family="Smith, Jones", given="Ann"),
        ),
        ("others", OTHERS),
    ],
)
def test_parse_name(text: str, expected: Name) -> None:
    assert parse_name(text) == expected


def test_useprefix_makes_the_particle_non_dropping() -> None:
    assert parse_name("van Gogh, Vincent", useprefix=True) == Name(
        family="Gogh", given="Vincent", non_dropping_particle="van"
    )


def test_parse_names_splits_on_and_at_depth_zero_in_any_case() -> None:
    assert parse_names("U Ramer and C A Lindbergh AND Plato and {Barnes and Noble}") == (
        Name(family="Ramer", given="U"),
        Name(family="Lindbergh", given="C A"),
        Name(family="Plato"),
        Name(literal="Barnes and Noble"),
    )


def test_and_others_ends_the_list() -> None:
    assert parse_names("{World Health Organization} and others") == (
        Name(literal="World Health Organization"),
        OTHERS,
    )


def test_empty_list() -> None:
    assert parse_names("  ") == ()


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            Name(family="Beethoven", given="Ludwig", dropping_particle="van"),
            "van Beethoven, Ludwig",
        ),
        (Name(family="Smith", given="John", suffix="Jr."), "Smith, Jr., John"),
        (Name(literal="World Health Organization"), "{World Health Organization}"),
        (Name(family="孙", given="柏瑛"), "孙柏瑛"),
        (Name(family="欧", given="阳修"), "欧, 阳修"),  # 欧阳 would read as a compound surname
        (Name(family="van Gogh", given="Vincent"), "{van Gogh}, Vincent"),
        (
            Name(family="Gogh", given="V.", non_dropping_particle="van"),
            "family={Gogh}, given={V.}, prefix={van}, useprefix=true",
        ),
        (Name(family="Müller", given="Jörg"), "Müller, Jörg"),
        (Name(family="O'Brien & Sons", given="A"), "O'Brien \\& Sons, A"),
        (OTHERS, "others"),
    ],
)
def test_format_name(name: Name, text: str) -> None:
    assert format_name(name) == text
    assert parse_name(text) == name


def test_format_names_joins_with_and() -> None:
    ns = (Name(family="Ren", given="K. Q."), Name(family="孙", given="柏瑛"), OTHERS)
    assert format_names(ns) == "Ren, K. Q. and 孙柏瑛 and others"


@given(st.lists(names(), min_size=1, max_size=4))
def test_names_round_trip(ns: list[Name]) -> None:
    assert parse_names(format_names(ns)) == tuple(ns)


@given(st.text(max_size=60))
def test_parse_names_never_raises(text: str) -> None:
    for n in parse_names(text):
        assert isinstance(n, Name)


_SIMPLE_WORD = st.from_regex(r"[A-Z][A-Za-z.'-]{0,6}", fullmatch=True)


@given(
    st.lists(_SIMPLE_WORD, min_size=1, max_size=3),
    st.one_of(st.none(), st.lists(_SIMPLE_WORD, min_size=1, max_size=3)),
)
def test_fast_path_for_capitalised_names_agrees_with_the_rules(
    first: list[str], second: list[str] | None
) -> None:
    from citelib.formats.bibtex.names import parse_name_by_rules

    text = " ".join(first) + (", " + " ".join(second) if second else "")
    assert parse_name(text) == parse_name_by_rules(text)


@pytest.mark.parametrize(
    ("name", "extended", "classic"),
    [
        (Name(family="江远山"), "family={江远山}", "{江远山}"),
        (Name(family="García Márquez"), "family={García Márquez}", "{García Márquez}"),
        (
            Name(family="Gogh", given="V.", non_dropping_particle="van"),
            "family={Gogh}, given={V.}, prefix={van}, useprefix=true",
            "van Gogh, V.",
        ),
        (Name(family="Smith", given="J."), "Smith, J.", "Smith, J."),
    ],
)
def test_classic_bibtex_never_gets_the_extended_format(
    name: Name, extended: str, classic: str
) -> None:
    assert format_name(name) == extended
    assert format_name(name, extended=False) == classic
