"""The reader's fast paths give what the general paths give (names, dates, new_work)."""

from __future__ import annotations

import pytest

from citelib.dates import _date_from_csl, date_from_csl
from citelib.formats.csljson import _name_from_mapping, name_from_csl, read_items
from citelib.model import Date, Name, Work, new_work


@pytest.mark.parametrize(
    "obj",
    [
        {"family": "Smith", "given": "John"},
        {"given": "John", "family": "Smith"},
        {"family": "", "given": ""},
        {"family": "孙", "given": "柏瑛"},
        {"literal": "WHO"},
        {"family": "Smith", "given": 1},
        {"family": "Smith", "given": True},
        {"family": "Smith", "comma-suffix": True, "suffix": "Jr."},
        {"institution": "WHO"},
        {"family": ["Smith"]},
        {"family": "Smith", "x": "y"},
        {},
    ],
)
def test_name_from_csl_as_the_general_path(obj: dict[str, object]) -> None:
    for _ in range(2):  # the second time from the cache
        name, left = name_from_csl(obj)
        assert (name, left) == _name_from_mapping(obj)
        assert name is None or type(name) is Name


def test_a_cached_name_is_not_shared_with_leftovers() -> None:
    _, left = name_from_csl({"family": "Smith"})
    left["x"] = 1
    assert name_from_csl({"family": "Smith"}) == (Name(family="Smith"), {})


@pytest.mark.parametrize(
    "obj",
    [
        {"date-parts": [[2019]]},
        {"date-parts": [[2019, 5, 16]]},
        {"date-parts": [[2019, 0, 0]]},
        {"date-parts": [[2019, 21]]},
        {"date-parts": [[2019.0]]},
        {"date-parts": [["2019"]]},
    ],
)
def test_date_from_csl_as_the_general_path(obj: dict[str, object]) -> None:
    for _ in range(2):
        assert date_from_csl(obj) == _date_from_csl(obj)


@pytest.mark.parametrize(
    "obj",
    [{"date-parts": [[True]]}, {"date-parts": [[2019, 2, 30]]}, {"date-parts": [[1, 2, 3, 4]]}],
)
def test_date_from_csl_errors_as_the_general_path(obj: dict[str, object]) -> None:
    with pytest.raises(ValueError) as general:
        _date_from_csl(obj)
    for _ in range(2):
        with pytest.raises(ValueError) as fast:
            date_from_csl(obj)
        assert str(fast.value) == str(general.value)


def test_a_true_date_part_is_no_year_one() -> None:
    assert date_from_csl({"date-parts": [[1]]}) == Date(parts=((1,),))
    with pytest.raises(ValueError):
        date_from_csl({"date-parts": [[True]]})


def test_new_work_as_the_constructor() -> None:
    fields = {
        "id": "k",
        "type": "book",
        "title": "T",
        "author": [Name(family="A")],
        "volume": 3,
        "page": "",
        "extra": {"a": "b"},
        "categories": ["x"],
        "issued": Date.of(2019),
        "subtype": "proceedings",
    }
    assert new_work(**fields) == Work(**fields)
    with pytest.raises(TypeError, match="no field 'nope'"):
        new_work(id="k", nope=1)
    with pytest.raises(ValueError, match="unknown CSL item type"):
        new_work(id="k", type="nope")
    with pytest.raises(ValueError, match="subtype"):
        new_work(id="k", subtype="proceedings")
    with pytest.raises(ValueError, match="subtype"):
        new_work(id="k", type="book", subtype="proceedings").evolve(type="article")
    with pytest.raises(TypeError):
        new_work(id="k", issued="2019")


def test_read_items_text_values() -> None:
    lib = read_items([{"id": "a", "type": "book", "title": "", "volume": 3, "note": "x"}])
    assert lib.works[0] == Work(id="a", type="book", volume="3", note="x")
