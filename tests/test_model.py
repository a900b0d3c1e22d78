"""The record model: frozen, hashable records whose fields match the CSL schema."""

from __future__ import annotations

import json

import attrs
import pytest
from conftest import DATA, examples
from hypothesis import given, settings
from strategies import works

from citelib.model import (
    CSL_TYPES,
    DATE_FIELDS,
    FIELDS,
    NAME_FIELDS,
    Date,
    Name,
    Work,
    field_for_csl,
)

SCHEMA = json.loads((DATA / "csljson" / "csl-data.json").read_text(encoding="utf-8"))
ITEM = SCHEMA["items"]
# keys of a CSL-JSON item that are no variables of the model
NOT_VARIABLES = {
    "id",
    "type",
    "citation-key",
    "custom",
    "journalAbbreviation",
    "shortTitle",
    "event",
}


def _kind(spec: dict) -> str:
    ref = spec.get("$ref", "") or spec.get("items", {}).get("$ref", "")
    if ref.endswith("name-variable"):
        return "name"
    if ref.endswith("date-variable"):
        return "date"
    if spec.get("type") == "array":
        return "list"
    return "text"


def test_fields_match_the_schema() -> None:
    props = ITEM["properties"]
    schema_vars = {k: _kind(v) for k, v in props.items() if k not in NOT_VARIABLES}
    model_vars = {f.csl: f.kind for f in FIELDS if f.in_schema}
    assert model_vars == schema_vars


def test_out_of_schema_fields_are_the_csl_1_0_2_additions_and_citelibs_own() -> None:
    assert {f.csl for f in FIELDS if not f.in_schema} == {
        "license",
        "part-number",
        "printing-number",
        "supplement-number",
        "editor-translator",
        # citelib's own: a patent's holder, a proceedings (its GB/T style copies read both),
        # a CSTR (the zotero-chinese GB/T 2025 styles read it)
        "holder",
        "subtype",
        "CSTR",
    }


def test_a_subtype_refines_one_type() -> None:
    assert Work(id="p", type="book", subtype="proceedings").subtype == "proceedings"
    with pytest.raises(ValueError, match="not a kind of 'chapter'"):
        Work(id="p", type="chapter", subtype="proceedings")
    with pytest.raises(ValueError, match="subtype 'thesis'"):
        Work(id="p", type="book", subtype="thesis")


def test_types_match_the_schema() -> None:
    assert set(ITEM["properties"]["type"]["enum"]) == CSL_TYPES


def test_field_table_is_consistent() -> None:
    attrs_names = [a.name for a in attrs.fields(Work)]
    assert [f.attr for f in FIELDS] == [a for a in attrs_names if a not in ("id", "type", "extra")]
    assert len({f.csl for f in FIELDS}) == len(FIELDS)
    assert tuple(f.attr for f in FIELDS if f.kind == "name") == NAME_FIELDS
    assert DATE_FIELDS == (
        "accessed",
        "available_date",
        "event_date",
        "issued",
        "original_date",
        "submitted",
    )
    for f in FIELDS:
        assert field_for_csl(f.csl) is f
        assert f.attr == f.csl.lower().replace("-", "_")
    assert field_for_csl("container_title") is None  # the CSL spelling only
    assert field_for_csl("DOI").attr == "doi"


def test_records_are_frozen() -> None:
    work = Work(id="a", type="book")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        work.title = "x"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        Name(family="Li").family = "Wang"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        Date.of(2019).circa = True  # type: ignore[misc]


@given(works(full=True))
def test_records_are_hashable_and_equal_by_value(work: Work) -> None:
    copy = attrs.evolve(work)
    assert copy == work and hash(copy) == hash(work)
    assert len({work, copy}) == 1
    assert work.evolve(id=work.id + "x") != work


def test_the_constructor_checks_its_arguments() -> None:
    """Work's own __init__ (table-driven, not generated) keeps the generated one's contract."""
    import pickle

    with pytest.raises(TypeError, match="'id'"):
        Work(type="book")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="no_such_field"):
        Work(id="a", no_such_field=1)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="subtype"):
        Work(id="a", type="article", subtype="proceedings")
    work = Work(id="a", type="book", subtype="proceedings", title="T", issued=Date.of(2020))
    assert pickle.loads(pickle.dumps(work)) == work
    assert work != work.evolve(title="U") and work != "a" and work != attrs.evolve(work, id="b")
    assert hash(Work(id="a")) == hash(Work(id="a", type="document", title=""))


def test_unknown_type_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown CSL item type 'journal'"):
        Work(id="a", type="journal")
    assert Work(id="a").type == "document"


def test_converters() -> None:
    work = Work(
        id=12,  # type: ignore[arg-type]
        type="book",
        volume=3,  # type: ignore[arg-type]
        title="",
        author=[Name(family="Ren", given="K. Q.")],  # type: ignore[arg-type]
        categories=["a", "b"],  # type: ignore[arg-type]
        extra={"gtid": 5},  # type: ignore[dict-item]
    )
    assert work.id == "12"
    assert work.volume == "3"
    assert work.title is None
    assert work.author == (Name(family="Ren", given="K. Q."),)
    assert work.categories == ("a", "b")
    assert work.extra == (("gtid", "5"),)
    assert Name(family="", given="柏瑛") == Name(given="柏瑛")


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"author": ["Ren"]}, TypeError),
        ({"categories": "a, b"}, TypeError),
        ({"extra": [("k", "1"), ("k", "2")]}, ValueError),
        ({"issued": "2019"}, TypeError),
    ],
)
def test_bad_values_are_rejected(kwargs: dict, error: type[Exception]) -> None:
    with pytest.raises(error):
        Work(id="a", **kwargs)


def test_date_invariants() -> None:
    assert Date.of(2019, 5).parts == ((2019, 5),)
    assert Date(parts=[["2019", "5"]]).parts == ((2019, 5),)  # type: ignore[list-item]
    with pytest.raises(ValueError):
        Date(parts=((2019,), (2020,), (2021,)))
    with pytest.raises(ValueError):
        Date(parts=((2019, 1, 2, 3),))
    with pytest.raises(ValueError):
        Date(parts=((),))
    assert Date(parts=((2019,),), season="3").season == 3
    assert Date(parts=((2019,),), season="Spring").season == "Spring"
    assert Date(season="").season is None
    assert Date(parts=((2019,), (2020,))).is_range
    assert Date(literal="n.d.").year is None
    assert str(Date(parts=((2019, 5, 1), (2019, 6)), circa=True)) == "2019-05-01/2019-06~"
    assert str(Date(literal="n.d.")) == "n.d."


def test_names_as_their_users_write_them() -> None:
    assert str(Name(family="孙", given="柏瑛")) == "孙柏瑛"
    assert str(Name(family="山田", given="太郎")) == "山田太郎"
    assert str(Name(family="Ren", given="K. Q.")) == "K. Q. Ren"
    assert (
        str(Name(family="Gogh", given="Vincent", non_dropping_particle="van")) == "Vincent van Gogh"
    )
    assert str(Name(family="King", given="Martin Luther", suffix="Jr.", comma_suffix=True)) == (
        "Martin Luther King, Jr."
    )
    assert str(Name(literal="国家统计局")) == "国家统计局"
    assert Name(literal="WHO").is_literal and not Name(family="Li").is_literal


def test_work_accessors() -> None:
    work = Work(
        id="a",
        type="book",
        title="T",
        container_title="C",
        doi="10.1/x",
        extra=(("gtid", "1"), ("subject", "S")),
    )
    assert work.get("container-title") == "C"
    assert work.get("DOI") == "10.1/x"
    assert work.get("gtid") == "1"
    assert work.get("nothing") is None
    assert work.extra_dict == {"gtid": "1", "subject": "S"}
    assert list(work.fields()) == ["container_title", "doi", "title"]
    assert repr(work) == (
        "Work(id='a', type='book', container_title='C', doi='10.1/x', title='T',"
        " extra=(('gtid', '1'), ('subject', 'S')))"
    )
    assert work.evolve(title="U").title == "U" and work.title == "T"


@given(works(), works())
@settings(max_examples=examples(200))
def test_evolve_equals_attrs_evolve(work: Work, other: Work) -> None:
    """Work.evolve converts and validates only what changes, with attrs.evolve's result."""
    changes = {f.attr: getattr(other, f.attr) for f in FIELDS[::3]}
    changes["id"] = other.id
    changes["type"] = other.type  # a subtype is valid only with its type
    assert work.evolve(**changes) == attrs.evolve(work, **changes)
    # converters run on what changes: a list of names becomes a tuple, as in the constructor
    names = [Name(family="Li")]
    assert work.evolve(author=names).author == (Name(family="Li"),)
    with pytest.raises(ValueError):
        work.evolve(type="no-such-type")


@given(works())
@settings(max_examples=examples(200))
def test_new_work_equals_the_constructor(work: Work) -> None:
    """new_work converts and validates only the fields given, with the constructor's result."""
    from citelib.model import new_work

    given = {
        f.attr: getattr(work, f.attr) for f in FIELDS if getattr(work, f.attr) not in (None, ())
    }
    given.update(id=work.id, type=work.type, extra=list(work.extra))
    assert new_work(**given) == Work(**given)
    with pytest.raises(ValueError):
        new_work(id="x", type="no-such-type")
    with pytest.raises(TypeError):
        new_work(id="x", no_such_field=1)
