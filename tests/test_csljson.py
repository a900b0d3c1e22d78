"""CSL-JSON: reading what Zotero, Better BibTeX and pandoc write; writing valid, lossless CSL-JSON."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from conftest import DATA, examples
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import works

from citelib.errors import CitelibError, ParseError
from citelib.formats import csljson, format_for_path
from citelib.io import read_text
from citelib.model import FIELDS, Date, Name, Work

SCHEMA = json.loads((DATA / "csljson" / "csl-data.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)


def read_one(item: dict[str, Any]) -> tuple[Work, list[str]]:
    lib = csljson.read(json.dumps([item]))
    assert len(lib.works) == 1
    return lib.works[0], [p.message for p in lib.problems]


def assert_valid(text: str) -> None:
    errors = sorted(VALIDATOR.iter_errors(json.loads(text)), key=str)
    assert not errors, errors[0].message


# --------------------------------------------------------------------------- reading


def test_reads_a_zotero_item() -> None:
    work, problems = read_one(
        {
            "id": "http://zotero.org/users/1/items/ABCD",
            "citation-key": "sun2018",
            "type": "article-journal",
            "title": "突破“碎片化”：构建整体性治理",
            "container-title": "地方治理研究",
            "author": [{"family": "孙", "given": "柏瑛"}, {"literal": "国家统计局"}],
            "issued": {"date-parts": [["2018"]]},
            "issue": 1,
            "page": "2-16",
            "language": "zh-CN",
        }
    )
    assert problems == []
    assert work == Work(
        id="sun2018",
        type="article-journal",
        title="突破“碎片化”：构建整体性治理",
        container_title="地方治理研究",
        author=(Name(family="孙", given="柏瑛"), Name(literal="国家统计局")),
        issued=Date.of(2018),
        issue="1",
        page="2-16",
        language="zh-CN",
        extra=(("csl-id", "http://zotero.org/users/1/items/ABCD"),),
    )


def test_numbers_and_numeric_ids_become_strings() -> None:
    work, _ = read_one({"id": 17, "type": "book", "volume": 3, "edition": 2.5})
    assert (work.id, work.volume, work.edition) == ("17", "3", "2.5")


def test_dates_in_every_form() -> None:
    work, problems = read_one(
        {
            "id": "a",
            "type": "book",
            "issued": {"date-parts": [["2011", 5, 25], ["2012"]], "circa": True},
            "accessed": {"raw": "2019-07-16"},
            "original-date": {"literal": "Michaelmas 1890"},
            "event-date": "2019-05/2019-07",
            "submitted": {"date-parts": [[2017]], "season": 4},
        }
    )
    assert problems == []
    assert work.issued == Date(parts=((2011, 5, 25), (2012,)), circa=True)
    assert work.accessed == Date.of(2019, 7, 16)
    assert work.original_date == Date(literal="Michaelmas 1890")
    assert work.event_date == Date(parts=((2019, 5), (2019, 7)))
    assert work.submitted == Date(parts=((2017,),), season=4)


def test_a_bad_date_becomes_a_literal_with_a_warning() -> None:
    work, problems = read_one(
        {"id": "a", "type": "book", "issued": {"date-parts": [[2019, 2, 30]], "raw": "Feb 30"}}
    )
    assert work.issued == Date(literal="Feb 30")
    assert problems == ["issued: no such date: [2019, 2, 30]; kept as the literal date 'Feb 30'"]


def test_an_empty_date_is_left_out_with_a_warning() -> None:
    work, problems = read_one({"id": "a", "type": "book", "issued": {"date-parts": [[""]]}})
    assert work.issued is None
    assert problems == ['issued: a date with no date in it ({"date-parts":[[""]]}) was left out']


def test_legacy_keys() -> None:
    work, _ = read_one(
        {
            "id": "a",
            "type": "article-journal",
            "shortTitle": "Short",
            "journalAbbreviation": "J. Abbr.",
            "event": "Conf 2019",
        }
    )
    assert work.title_short == "Short"
    assert work.container_title_short == "J. Abbr."
    assert work.event_title == "Conf 2019"
    assert work.extra == ()


def test_legacy_key_differing_from_the_modern_one_is_kept() -> None:
    work, _ = read_one(
        {
            "id": "a",
            "type": "book",
            "title-short": "A",
            "shortTitle": "B",
            "event-title": "E",
            "event": "E",
        }
    )
    assert work.title_short == "A"
    assert work.event_title == "E"
    assert work.extra == (("shortTitle", "B"),)


def test_unknown_keys_and_name_keys_go_to_extra() -> None:
    work, problems = read_one(
        {
            "id": "a",
            "type": "book",
            "zotero-item-key": "XYZ",
            "file": "",
            "GSCC": 21819,
            "author": [
                {"literal": "WHO", "isInstitution": 1},
                {"family": "Li", "parse-names": True},
            ],
        }
    )
    assert problems == []
    assert work.author == (Name(literal="WHO"), Name(family="Li"))
    assert work.extra == (
        ("zotero-item-key", "XYZ"),
        ("file", ""),
        ("GSCC", "21819"),
        ("author[0].isInstitution", "1"),
        ("author[1].parse-names", "true"),
    )


def test_name_flags_and_particles() -> None:
    work, _ = read_one(
        {
            "id": "a",
            "type": "book",
            "author": [
                {
                    "family": "Gogh",
                    "given": "Vincent",
                    "non-dropping-particle": "van",
                    "suffix": "Jr.",
                    "comma-suffix": "true",
                    "static-ordering": 0,
                },
                {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"},
            ],
        }
    )
    assert work.author == (
        Name(
            family="Gogh",
            given="Vincent",
            non_dropping_particle="van",
            suffix="Jr.",
            comma_suffix=True,
        ),
        Name(family="Beethoven", given="Ludwig", dropping_particle="van"),
    )


def test_a_name_as_a_string_is_a_literal_with_a_warning() -> None:
    work, problems = read_one({"id": "a", "type": "book", "author": ["Plato", {}]})
    assert work.author == (Name(literal="Plato"),)
    assert problems == [
        "author[0]: a name given as a string was read as a literal name",
        "author[1]: an empty name was left out",
    ]


def test_custom_is_read_back() -> None:
    work, problems = read_one(
        {
            "id": "a",
            "type": "book",
            "custom": {
                "license": "CC BY 4.0",
                "part-number": "2",
                "editor-translator": [{"family": "Ren", "given": "K. Q."}],
                "extra": {"gtid": "123", "subject": "Public administration"},
                "someone-else": {"nested": [1, 2]},
            },
        }
    )
    assert problems == []
    assert work.license == "CC BY 4.0"
    assert work.part_number == "2"
    assert work.editor_translator == (Name(family="Ren", given="K. Q."),)
    assert work.extra == (
        ("gtid", "123"),
        ("subject", "Public administration"),
        ("someone-else", '{"nested":[1,2]}'),
    )


def test_out_of_schema_variables_at_the_top_level() -> None:
    work, _ = read_one({"id": "a", "type": "book", "license": "CMOS", "part-number": "bk. 3"})
    assert (work.license, work.part_number) == ("CMOS", "bk. 3")


# -- Zotero's note lines ------------------------------------------------------------


def test_note_cheater_syntax() -> None:
    work, _ = read_one(
        {
            "id": "a",
            "type": "book",
            "note": "original-author: Zhang || San\noriginal-author: 国家统计局\n"
            "Original Date: 1950\nPMID: 123\n{:publisher-place: Beijing}\n"
            "type: classic\ntex.entrytype: map\nvolume: 2",
        }
    )
    assert work.type == "classic"
    assert work.original_author == (Name(family="Zhang", given="San"), Name(literal="国家统计局"))
    assert work.original_date == Date.of(1950)
    assert work.pmid == "123"
    assert work.publisher_place == "Beijing"
    assert work.volume is None  # after the first line that is no variable
    assert work.note == "tex.entrytype: map\nvolume: 2"
    assert work.extra == (("csl-type", "book"),)


def test_note_lines_fill_and_dates_override_as_in_citeproc_js() -> None:
    work, _ = read_one(
        {
            "id": "a",
            "type": "book",
            "page": "12",
            "issued": {"date-parts": [[1865, 3]]},
            "note": "page: 12\n\nissued: 1865（清同治四年）\npage: 3\nvolume: 2",
        }
    )
    assert work.page == "12"  # the item's own: both page lines stay in the note
    assert work.volume == "2"
    assert work.issued == Date.of(1865)  # a date in the note wins, read as citeproc-js reads it
    assert work.note == "page: 12\npage: 3"
    assert work.extra == (("csl-issued", '{"date-parts":[[1865,3]]}'),)  # the item's own date
    assert csljson.work_from_csl(csljson.work_to_csl(work)) == work


def test_note_first_line_may_be_text_and_unknown_variables_go_to_extra() -> None:
    work, _ = read_one(
        {
            "id": "a",
            "type": "map",
            "note": "Book Title: Atlas\npage: 50\nbook-title: Atlas\ntex.entrytype: map\nvolume: 1",
        }
    )
    assert (work.page, work.volume) == ("50", None)  # the tex. line ends the block
    assert work.note == "Book Title: Atlas\ntex.entrytype: map\nvolume: 1"
    assert work.extra == (("book-title", "Atlas"),)
    inline, _ = read_one({"id": "b", "type": "book", "note": "{:page: 7}{:volume: 3}"})
    assert (inline.page, inline.volume, inline.note) == ("7", "3", None)


def test_note_that_is_all_variables_disappears() -> None:
    work, _ = read_one({"id": "a", "type": "book", "note": "status: in press\nnumber: e0209899"})
    assert (work.status, work.number, work.note) == ("in press", "e0209899", None)


def test_a_note_that_looks_like_variables_survives_a_round_trip() -> None:
    work = Work(id="a", type="book", page="5", note="page: 5\ntitle: not a title")
    item = csljson.work_to_csl(work)
    assert item["custom"] == {"verbatim-note": True}
    assert csljson.work_from_csl(item) == work


# -- problems ---------------------------------------------------------------------

DOC = """[
  {"id": "a", "type": "book"},
  42,
  {
    "id": "b",
    "type": "bookish"
  },
  {"type": "book"},
  {"id": "c"},
  {"id": "A", "type": "book", "issued": {"date-parts": [["soon"]]}},
  {"id": "b", "type": "book", "title": "x", "title": "y"}
]
"""


def test_problems_carry_file_line_and_key() -> None:
    lib = csljson.read(DOC, source="refs.json")
    assert [w.id for w in lib.works] == ["a", "b", "item4", "c", "A", "b"]
    assert [str(p) for p in lib.problems] == [
        "refs.json:3: error: an item is a JSON object, not 42",
        "refs.json:4: warning: unknown item type 'bookish'; read as 'document' (entry 'b')",
        "refs.json:8: warning: an item without an id; called it 'item4' (entry 'item4')",
        "refs.json:9: warning: an item without a type; read as 'document' (entry 'c')",
        "refs.json:10: warning: issued: a date part is a number, not 'soon'; kept as the literal"
        " date '{\"date-parts\":[[\"soon\"]]}' (entry 'A')",
        "refs.json:11: warning: the key 'title' appears twice in the item; the last value was kept"
        " (entry 'b')",
        "refs.json:10: warning: duplicate key: 'A' differs only in case from 'a' (entry 'A')",
        "refs.json:11: warning: duplicate key: 'b' again (entry 'b')",
    ]
    assert lib.works[1].extra == (("csl-type", "bookish"),)


def test_strict_raises_with_every_problem() -> None:
    with pytest.raises(ParseError) as e:
        csljson.read(DOC, source="refs.json", strict=True)
    assert len(e.value.problems) == 8
    assert (e.value.file, e.value.line) == ("refs.json", 3)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('[\n  {"id": "a",\n   "type": "book",}\n]', 3, 19),
        ('[{"id": "a"}\n{"id": "b"}]', 2, 1),
        ("", 1, 1),
        ("[", 1, 2),
        ('[{"id": "a"}] x', 1, 15),
        ("[{'id': 'a'}]", 1, 3),
    ],
)
def test_invalid_json_names_line_and_column(text: str, line: int, column: int) -> None:
    with pytest.raises(ParseError) as e:
        csljson.read(text, source="bad.json")
    assert (e.value.file, e.value.line, e.value.column) == ("bad.json", line, column)
    assert str(e.value).startswith(f"bad.json:{line}:{column}: error: invalid JSON")


@pytest.mark.parametrize("text", ['"a string"', "42", "null", "true"])
def test_a_document_that_is_no_array_is_an_error(text: str) -> None:
    with pytest.raises(ParseError, match="CSL-JSON is an array of items"):
        csljson.read(text)


def test_a_single_item_is_read_with_a_warning() -> None:
    lib = csljson.read('\n{"id": "a", "type": "book"}')
    assert [w.id for w in lib.works] == ["a"]
    assert [str(p) for p in lib.problems] == [
        "<string>:2: warning: the document is a single item, not an array of items"
    ]


def test_csl_1_1_references_object() -> None:
    lib = csljson.read(
        '{"version": 1.1,\n "references": [\n  {"id": "a", "type": "book", "issued": "2019~"},\n'
        '  {"id": "b"}]}'
    )
    assert [w.id for w in lib.works] == ["a", "b"]
    assert lib.works[0].issued == Date(parts=((2019,),), circa=True)
    assert [(p.line, p.key) for p in lib.problems] == [(4, "b")]


def test_bom_and_empty_array() -> None:
    assert len(csljson.read("\ufeff[]")) == 0


def test_lone_surrogates_are_replaced() -> None:
    lib = csljson.read('[{"id": "a", "type": "book", "title": "x\\ud800y"}]')
    assert lib.works[0].title == "x\ufffdy"
    assert len(lib.problems) == 1
    csljson.write(lib.works).text.encode("utf-8")


def test_unknown_read_option() -> None:
    with pytest.raises(CitelibError, match="no option"):
        csljson.read("[]", dialect="x")


# --------------------------------------------------------------------------- writing


def test_write_shape() -> None:
    work = Work(
        id="wang2024",
        type="thesis",
        author=(Name(family="Wang", given="K. Q."),),
        issued=Date(parts=((2024,),), circa=True),
        genre="Doctoral dissertation",
        license="CC BY",
        extra=(("gtid", "42"),),
    )
    item = json.loads(csljson.write([work]).text)[0]
    assert item == {
        "id": "wang2024",
        "type": "thesis",
        "citation-key": "wang2024",
        "author": [{"family": "Wang", "given": "K. Q."}],
        "issued": {"date-parts": [[2024]], "circa": True},
        "genre": "Doctoral dissertation",
        # a variable the schema lacks: a note line, as Zotero hands it to citeproc-js
        "note": "license: CC BY",
        "custom": {"extra": {"gtid": "42"}},
    }
    plain = csljson.work_to_csl(work, custom=False)
    assert "custom" not in plain and "citation-key" not in plain
    assert_valid(json.dumps([plain]))


def test_write_keeps_cjk_unescaped_and_ends_with_newline() -> None:
    text = csljson.write([Work(id="a", type="book", title="治理")], indent=0).text
    assert "治理" in text and text.endswith("\n")


def test_registry_and_sniffing() -> None:
    assert format_for_path("refs.json").name == "csljson"
    assert csljson.sniff('  [\n {"id": 1}]')
    assert csljson.sniff("[]") and csljson.sniff('{"references": []}')
    assert not csljson.sniff("@book{a, title={x}}")
    lib = read_text('[{"id": "a", "type": "book"}]', "csljson")
    assert lib.keys() == ["a"]


# --------------------------------------------------------------------------- properties


@settings(max_examples=examples(150))
@given(st.lists(works(full=True), max_size=4, unique_by=lambda w: w.id.casefold()))
def test_read_write_round_trip(ws: list[Work]) -> None:
    text = csljson.write(ws).text
    assert_valid(text)
    lib = csljson.read(text)
    assert list(lib.works) == ws
    assert lib.problems == ()


@settings(max_examples=examples(150))
@given(works(full=True))
def test_work_to_csl_and_back(work: Work) -> None:
    assert csljson.work_from_csl(csljson.work_to_csl(work)) == work
    assert_valid(json.dumps([csljson.work_to_csl(work, custom=False)]))


@settings(max_examples=examples(200))
@given(
    st.one_of(
        st.text(max_size=200), st.text(alphabet='[]{}":,0123456789.-eEtrufalsn \n\\u', max_size=60)
    )
)
def test_arbitrary_text_raises_only_citelib_errors(text: str) -> None:
    try:
        lib = csljson.read(text)
    except ParseError as e:
        assert e.line is not None
        return
    assert all(isinstance(w, Work) for w in lib.works)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=12,
)
_keys = st.sampled_from(
    [f.csl for f in FIELDS]
    + ["id", "type", "citation-key", "custom", "shortTitle", "journalAbbreviation", "event", "x"]
)
_items = st.dictionaries(
    _keys,
    st.one_of(
        _json,
        st.sampled_from(["book", "2019", "2019-02-30", "page: 1", "author: A || B", "type: x"]),
        st.lists(
            st.dictionaries(
                st.sampled_from(["family", "given", "literal", "comma-suffix", "x"]), _json
            )
        ),
        st.dictionaries(
            st.sampled_from(["date-parts", "raw", "literal", "circa", "season", "extra"]), _json
        ),
    ),
    max_size=6,
)


@settings(max_examples=examples(300))
@given(st.one_of(_json, st.lists(st.one_of(_items, _json), max_size=4)))
def test_arbitrary_json_raises_only_citelib_errors(doc: Any) -> None:
    text = json.dumps(doc)
    try:
        lib = csljson.read(text)
    except CitelibError:
        return
    # whatever was read can be written, validates, and reads back the same
    out = csljson.write(lib.works).text
    assert_valid(out)
    assert list(csljson.read(out).works) == list(lib.works)


def test_csl_1_1_title_objects_and_institutions() -> None:
    work, problems = read_one(
        {
            "id": "a",
            "type": "book",
            "title": {"main": "Governance", "sub": ["A study", "of fragments"], "short": "Gov"},
            "container-title": {"full": "Local Governance Research", "short": "LGR"},
            "author": [{"institution": "国家统计局"}],
        }
    )
    assert problems == []
    assert work.title == "Governance: A study: of fragments"
    assert work.title_short == "Gov"
    assert work.container_title == "Local Governance Research"
    assert work.container_title_short == "LGR"
    assert work.author == (Name(literal="国家统计局"),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000, "nested too deeply"),
        ('[{"id": 1' + "1" * 5000 + ', "type": "book"}]', "Exceeds the limit"),
        ('[{"id": "a", "type": "book", "issue": NaN}]', "NaN is not JSON"),
        ('[{"id": "a", "type": "book", "issue": -Infinity}]', "-Infinity is not JSON"),
    ],
)
def test_json_python_accepts_but_the_standard_does_not(text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        csljson.read(text)


_note_lines = st.sampled_from(
    [
        "page: 5",
        "page: 6",
        "author: Zhang || San",
        "author: ||",
        "editor: 国家统计局",
        "type: classic",
        "type: book",
        "Type: journalArticle",
        "issued: 2019",
        "issued: 1865（清同治四年）",
        "{:publisher-place: Beijing}",
        "PMID: 123",
        "tex.entrytype: map",
        "note: x",
        "",
        "plain text",
    ]
)
_noted_items = st.fixed_dictionaries(
    {"id": st.just("a"), "type": st.sampled_from(["book", "article"])},
    optional={
        "page": st.sampled_from(["5", "7"]),
        "issued": st.just({"date-parts": [[2019]]}),
        "author": st.just([{"family": "Li"}]),
        "note": st.lists(_note_lines, min_size=1, max_size=5).map("\n".join),
    },
)


@settings(max_examples=examples(200))
@given(_noted_items)
def test_note_lines_round_trip(item: dict[str, Any]) -> None:
    first = csljson.work_from_csl(item)
    written = csljson.work_to_csl(first)
    assert_valid(json.dumps([written]))
    assert csljson.work_from_csl(written) == first


@settings(max_examples=examples(100))
@given(works(full=True), st.lists(_note_lines, min_size=1, max_size=5).map("\n".join))
def test_any_note_survives_writing(work: Work, note: str) -> None:
    work = work.evolve(note=note)
    assert csljson.work_from_csl(csljson.work_to_csl(work)) == work


def test_impossible_dates_are_kept_and_reported() -> None:
    from citelib.formats import csljson

    items = (
        '[{"id": "a", "type": "book", "issued": {"raw": "99999999-99-99"}},'
        ' {"id": "b", "type": "book", "issued": "2020-13-45"},'
        ' {"id": "c", "type": "book", "issued": {"literal": "2020"}},'
        ' {"id": "d", "type": "book", "issued": {"raw": "Spring 2020"}}]'
    )
    lib = csljson.read(items)
    assert [w.issued.literal if w.issued else None for w in lib.works] == [
        "99999999-99-99",
        "2020-13-45",
        "2020",
        None,
    ]
    assert [(p.key, p.code) for p in lib.problems] == [("a", "bad-date"), ("b", "bad-date")]
