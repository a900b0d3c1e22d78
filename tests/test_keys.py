"""Citation keys: readable, deterministic, unique, and existing keys never changed."""

from __future__ import annotations

import re

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import works

from citelib.keys import assign_keys, has_key, key_base, make_key, placeholder_id
from citelib.model import Date, Name, Work


def _work(id: str = "_:1", **fields: object) -> Work:
    return Work(id=id, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"author": [Name(family="孙", given="柏瑛")], "issued": Date.of(2018)}, "sun2018"),
        ({"author": [Name(family="Ren", given="K. Q.")], "issued": Date.of(2020, 8, 25)}, "ren2020"),
        # surnames read as surnames, compound surnames whole
        ({"author": [Name(family="曾", given="国藩")], "issued": Date.of(1860)}, "zeng1860"),
        ({"author": [Name(family="单", given="田芳")], "issued": Date.of(1990)}, "shan1990"),
        ({"author": [Name(family="欧阳", given="修")], "issued": Date.of(1060)}, "ouyang1060"),
        # a Chinese person's name kept whole in literal (as zotero-chinese items do)
        ({"author": [Name(literal="张伯伟")], "issued": Date.of(2002)}, "zhang2002"),
        # institutions: the first significant word; a Chinese one two characters of pinyin
        ({"author": [Name(literal="World Health Organization")], "issued": Date.of(2020)}, "world2020"),
        ({"author": [Name(literal="The Royal Society")], "issued": Date.of(1665)}, "royal1665"),
        ({"author": [Name(literal="中华医学会湖北分会")], "issued": Date.of(1984)}, "zhonghua1984"),
        # folding to ASCII: accents, ligatures, Cyrillic; particles left out
        ({"author": [Name(family="Müller", given="J.")], "issued": Date.of(2001)}, "muller2001"),
        ({"author": [Name(family="Ærø")], "issued": Date.of(2001)}, "aero2001"),
        ({"author": [Name(family="Достоевский", given="Ф. М.")], "issued": Date.of(1866)}, "dostoevskiy1866"),
        ({"author": [Name(family="Gogh", given="Vincent", non_dropping_particle="van")], "issued": Date.of(1888)}, "gogh1888"),
        ({"author": [Name(family="O'Brien")], "issued": Date.of(1999)}, "obrien1999"),
        # no author: the editor, then the first significant title word
        ({"editor": [Name(family="Deverell", given="William")], "issued": Date.of(2013)}, "deverell2013"),
        ({"title": "The Art of Computer Programming", "issued": Date.of(1968)}, "art1968"),
        ({"title": "<i>Nature</i> reviews", "issued": Date.of(2001)}, "nature2001"),
        ({"title": "康熙字典", "issued": Date.of(1962)}, "kangxi1962"),
        # no year, a literal date with a year, nothing at all
        ({"author": [Name(family="Smith")]}, "smith"),
        ({"author": [Name(family="Smith")], "issued": Date(literal="circa 1850s, 1853?")}, "smith1850"),
        ({}, "anon"),
    ],
)  # fmt: skip
def test_key_base(fields: dict[str, object], key: str) -> None:
    assert key_base(_work(**fields)) == key
    assert make_key(_work(**fields)) == key


def test_has_key_and_placeholders() -> None:
    assert placeholder_id(7) == "_:7"
    assert not has_key(_work(id=""))
    assert not has_key(_work(id="_:12"))
    assert has_key(_work(id="sun2018"))
    assert has_key(_work(id="_:x"))  # not a placeholder: only _:<digits> is
    assert make_key(_work(id="Mine", author=[Name(family="Sun")])) == "Mine"


def test_collisions_get_letters_and_existing_keys_stay() -> None:
    sun = {"author": [Name(family="Sun", given="B.")], "issued": Date.of(2018)}
    ws = [
        _work("_:1", **sun),
        _work("Sun2018", title="kept"),  # an existing key, differing only in case
        _work("_:2", author=[Name(family="孙", given="柏瑛")], issued=Date.of(2018)),
        _work("", **sun),
        _work("sun2018b", title="also kept"),
        _work("_:3", **sun),
    ]
    out = assign_keys(ws)
    assert [w.id for w in out] == [
        "sun2018a",
        "Sun2018",
        "sun2018c",
        "sun2018d",
        "sun2018b",
        "sun2018e",
    ]
    assert out[1] is ws[1] and out[4] is ws[4]
    assert [w.evolve(id="x") for w in out] == [w.evolve(id="x") for w in ws]


def test_first_of_a_kind_gets_the_bare_key() -> None:
    ws = [_work(f"_:{i}", author=[Name(family="Li")], issued=Date.of(2020)) for i in range(30)]
    keys = [w.id for w in assign_keys(ws)]
    assert keys[:3] == ["li2020", "li2020a", "li2020b"]
    assert keys[26:28] == ["li2020z", "li2020aa"]
    assert len(set(keys)) == 30


def test_suffixes_run_a_to_z_then_aa_to_zz_then_aaa() -> None:
    ws = [_work(f"_:{i}", author=[Name(family="Li")], issued=Date.of(2020)) for i in range(704)]
    keys = [w.id for w in assign_keys(ws)]
    assert (keys[26], keys[27], keys[52], keys[53]) == (
        "li2020z",
        "li2020aa",
        "li2020az",
        "li2020ba",
    )
    assert (keys[702], keys[703]) == ("li2020zz", "li2020aaa")
    assert len(set(keys)) == 704


def test_remembered_suffixes_still_skip_keys_taken_later() -> None:
    # "smith" + "a" is the base of a Smitha without a year, taken between two Smiths
    ws = [
        _work("_:1", author=[Name(family="Smith")]),
        _work("_:2", author=[Name(family="Smith")]),
        _work("_:3", author=[Name(family="Smithb")]),
        _work("_:4", author=[Name(family="Smith")]),
        _work("_:5", author=[Name(family="SMITH")]),  # same base, whatever the case
        _work("SmithD", title="an existing key"),
    ]
    assert [w.id for w in assign_keys(ws)] == [
        "smith",
        "smitha",
        "smithb",
        "smithc",
        "smithe",
        "SmithD",
    ]


@settings(max_examples=examples(40))
@given(st.lists(works(), max_size=8), st.lists(st.booleans(), min_size=8, max_size=8))
def test_assign_keys_properties(ws: list[Work], blank: list[bool]) -> None:
    ws = [
        w.evolve(id=placeholder_id(i)) if b else w
        for i, (w, b) in enumerate(zip(ws, blank, strict=False))
    ]
    out = assign_keys(ws)
    assert len(out) == len(ws)
    for before, after in zip(ws, out, strict=True):
        if has_key(before):
            assert after is before
        else:
            assert re.fullmatch(r"[a-z0-9]+", after.id)
            assert after.evolve(id=before.id) == before
    new = [a.id.casefold() for b, a in zip(ws, out, strict=True) if not has_key(b)]
    old = {b.id.casefold() for b in ws if has_key(b)}
    assert len(set(new)) == len(new)
    assert not set(new) & old
    assert assign_keys(ws) == out  # deterministic
    assert assign_keys(out) == out  # idempotent
