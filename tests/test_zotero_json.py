"""zotero-json: CSL-JSON that Zotero's importer takes without dropping anything."""

from __future__ import annotations

import json

import pytest
from conftest import DATA, ROOT, examples
from hypothesis import given, settings
from strategies import works

from citelib.errors import Report
from citelib.formats import csljson, get_format
from citelib.formats.zotero_json import merge_name, work_to_zotero, write
from citelib.io import read
from citelib.model import FIELDS, Date, Name, Work

SCHEMA = json.loads((DATA / "csljson" / "csl-data.json").read_text(encoding="utf-8"))

# The item types Zotero's "CSL JSON" import translator recognises (zotero/translators,
# CSL JSON.js, lastUpdated 2022-09-20): every CSL 1.0.2 type but software.
ZOTERO_IMPORT_TYPES = {
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
    "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
    "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
    "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
    "musical_score", "pamphlet", "paper-conference", "patent", "performance",
    "personal_communication", "periodical", "post", "post-weblog", "regulation", "report",
    "review", "review-book", "song", "speech", "standard", "thesis", "treaty", "webpage",
}  # fmt: skip
NAME_KEYS = {"family", "given", "literal"}


def _validate(items: list[dict[str, object]]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(items, SCHEMA)


def _zotero_ready(item: dict[str, object]) -> None:
    """What Zotero needs of one item: a known type, plain names, no custom, string ids."""
    assert item["type"] in ZOTERO_IMPORT_TYPES
    assert "custom" not in item
    assert isinstance(item["id"], str)
    for field in FIELDS:
        if field.kind == "name" and field.csl in item:
            for name in item[field.csl]:  # type: ignore[attr-defined]
                assert set(name) <= NAME_KEYS


def seeds() -> list[Work]:
    return list(csljson.read((ROOT / "seeds" / "governance.json").read_text(encoding="utf-8")))


def test_registered_as_a_write_only_format() -> None:
    fmt = get_format("zotero-json")
    assert fmt.can_write and not fmt.can_read
    assert fmt.suffixes == ()


def test_seeds_for_zotero() -> None:
    written = write(seeds())
    items, problems = json.loads(written.text), written.problems
    _validate(items)
    for item in items:
        _zotero_ready(item)
    ren = items[0]
    assert ren["id"] == ren["citation-key"] == "ren2020"
    assert ren["type"] == "thesis"
    assert ren["genre"] == "Doctoral dissertation"
    assert ren["issued"] == {"date-parts": [[2020]]}
    assert "available-date" not in ren and "keyword" not in ren
    assert ren["note"] == "\n".join(
        [
            "available-date: 2020-08-25",
            "keyword: Social Governance Innovation, Manufacturing Typical Experience, Optional"
            " Project Tournament, Strategic Elites, Opportunity Structure",
            "country: China",
            "gtid: 1526306725973949",
            "subject: Sociology",
            "Citation Key: ren2020",
        ]
    )
    sun = items[2]
    assert sun["note"].splitlines()[:4] == [
        "keyword: " + (seeds()[2].keyword or ""),
        "number-of-pages: 15",
        "times-cited: 22",
        "translated-title: " + seeds()[2].extra_dict["translated-title"],
    ]
    assert sun["note"].splitlines()[-1] == "Citation Key: sun2018"
    assert "translated-container-title: Local Governance Research" in sun["note"].splitlines()
    assert "original-title" not in sun and "original-title:" not in sun["note"]
    assert [str(p) for p in problems] == [
        "<input>: warning: no Zotero field for available-date, keyword in a thesis item;"
        f" written as Extra lines (entry '{key}')"
        for key in ("ren2020", "wang2024")
    ] + [
        "<input>: warning: no Zotero field for keyword, number-of-pages in a"
        " journalArticle item; written as Extra lines (entry 'sun2018')"
    ] + [
        "<input>: warning: no Zotero field for available-date, keyword in a thesis item;"
        f" written as Extra lines (entry '{key}')"
        for key in ("pang2021", "wu2024")
    ] + [
        "<input>: warning: keywords of 5 works written as Extra 'keyword:' lines: Zotero's"
        " CSL JSON import makes no tags; for Zotero tags write RIS (--to ris: one KW line"
        " per keyword) or BibTeX (keywords)"
    ]


def test_what_moved_to_extra_reads_back_as_variables() -> None:
    """citelib's CSL-JSON reader (like citeproc-js, pandoc and Zotero) reads the lines back."""
    for original in seeds():
        back = csljson.work_from_csl(work_to_zotero(original))
        moved = {"available_date", "keyword", "number_of_pages", "original_title"}
        for attr in moved:
            assert getattr(back, attr) == getattr(original, attr)
        assert back.title == original.title and back.author == original.author
        # extra's own lines read back as extra, as citeproc-js reads them as variables
        assert back.extra == original.extra
        assert back.note == f"Citation Key: {original.id}"


def test_plain_csljson_stays_lossless() -> None:
    works_ = seeds()
    text = csljson.write(works_).text
    assert list(csljson.read(text)) == works_
    assert json.loads(text)[0]["custom"]


@pytest.mark.parametrize(
    ("name", "merged"),
    [
        (Name(family="Gogh", given="Vincent", non_dropping_particle="van"), Name(family="van Gogh", given="Vincent")),
        (Name(family="Beethoven", given="Ludwig", dropping_particle="van"), Name(family="Beethoven", given="Ludwig van")),
        (Name(family="King", given="Martin Luther", suffix="Jr."), Name(family="King", given="Martin Luther, Jr.")),
        (Name(family="Alembert", given="Jean", non_dropping_particle="d'"), Name(family="d'Alembert", given="Jean")),
        (Name(family="Gates", suffix="III"), Name(family="Gates, III")),
        (Name(family="孙", given="柏瑛"), Name(family="孙", given="柏瑛")),
        (Name(literal="World Health Organization", static_ordering=True), Name(literal="World Health Organization")),
    ],
)  # fmt: skip
def test_merge_name(name: Name, merged: Name) -> None:
    assert merge_name(name) == merged


def test_names_software_isbn_and_book_versions() -> None:
    software = Work(
        id="r2024",
        type="software",
        title="R",
        version="4.4.0",
        author=[Name(literal="R Core Team")],
        editor=[Name(family="Gogh", given="V.", non_dropping_particle="van")],
    )
    book = Work(
        id="b",
        type="book",
        title="B",
        version="2",
        isbn="978-7-300-16689-6 978-0-262-51774-4",
        author=[Name(family="King", given="M. L.", suffix="Jr.")],
    )
    written = write([software, book])
    items, problems = json.loads(written.text), written.problems
    _validate(items)
    s, b = items
    assert s["type"] == "book" and s["version"] == "4.4.0"
    assert "editor" not in s  # Zotero's computer program has no editor role
    assert s["note"].splitlines() == [
        "type: software",
        "editor: van Gogh || V.",
        "Citation Key: r2024",
    ]
    assert b["type"] == "book" and "version" not in b  # else Zotero makes it a program
    assert b["ISBN"] == "978-7-300-16689-6"
    assert b["author"] == [{"family": "King", "given": "M. L., Jr."}]
    assert b["note"].splitlines() == [
        "version: 2",
        "other-isbn: 978-0-262-51774-4",
        "Citation Key: b",
    ]
    messages = [p.message for p in problems]
    assert messages == [
        "type software written as book with its version (Zotero: computer program)",
        "no Zotero field for editor in a computerProgram item; written as Extra lines",
        "only the first ISBN (978-7-300-16689-6) kept in ISBN; the others go to Extra as other-isbn",
        "particles and suffixes merged into family/given names (Zotero drops them): author",
        "no Zotero field for version in a book item; written as Extra lines",
    ]
    assert {p.severity for p in problems} == {"warning"}


def test_extra_values_with_line_breaks_and_the_own_note() -> None:
    report = Report()
    w = Work(
        id="x",
        type="document",
        title="T",
        note="A real note.\nSecond line.",
        issued=Date(parts=((2019,), (2020,)), circa=True),
        extra=(("fund", "A\nB"),),
    )
    item = work_to_zotero(w, report)
    problems = report.problems
    assert item["note"] == "A real note.\nSecond line.\nfund: A B\nCitation Key: x"
    assert item["issued"]["circa"] is True
    assert [p.message for p in problems] == [
        "line breaks inside extra values written as spaces (one Extra line per key)"
    ]


@settings(max_examples=examples(150))
@given(works())
def test_any_work_is_zotero_ready_and_loses_nothing(w: Work) -> None:
    item = work_to_zotero(w)
    _validate([item])
    _zotero_ready(item)
    note_keys = {line.split(":", 1)[0] for line in str(item.get("note", "")).splitlines()}
    for field in FIELDS:
        value = getattr(w, field.attr)
        if value is None or value == () or field.attr == "note":
            continue
        assert field.csl in item or field.csl in note_keys, field.csl
    for key, _ in w.extra:
        assert key in note_keys


def test_convert_through_the_library() -> None:
    text = read(ROOT / "seeds" / "governance.json").works
    from citelib.io import write_text

    assert json.loads(write_text(text, "zotero-json").text) == json.loads(write(text).text)


def test_types_zotero_lacks_get_a_host_type_and_a_type_line() -> None:
    report = Report()
    regulation = Work(
        id="r", type="regulation", title="Exec. Order", container_title="C.F.R.", page="294"
    )
    # as read from a Zotero export: a chapter whose Extra said `type: classic`
    classic = Work(id="c", type="classic", title="Poetics", extra=(("csl-type", "chapter"),))
    event = Work(id="e", type="event", title="A conference", publisher="P")
    items = [work_to_zotero(w, report) for w in (regulation, classic, event)]
    problems = report.problems
    _validate(items)
    r, c, e = items
    assert (r["type"], r["container-title"], r["page"]) == ("legislation", "C.F.R.", "294")
    assert r["note"] == "type: regulation\nCitation Key: r"
    assert c["type"] == "chapter" and c["note"] == "type: classic\nCitation Key: c"
    assert e["type"] == "event" and e["publisher"] == "P"
    assert e["note"] == "type: event\nCitation Key: e"
    assert [p.message for p in problems] == [
        "type regulation has no Zotero item type: written as legislation (statute) with a"
        " 'type: regulation' Extra line",
        "type classic has no Zotero item type: written as chapter (bookSection) with a"
        " 'type: classic' Extra line",
        "type event has no Zotero item type: written as event (document) with a"
        " 'type: event' Extra line",
    ]
    # citelib reads the type back
    assert csljson.work_from_csl(r).type == "regulation"


def test_a_note_starting_with_free_text_keeps_its_variable_lines_leading() -> None:
    w = Work(
        id="m",
        type="map",
        title="Coastal wetlands",
        event_place="Beijing",
        note="Book Title: Coastal erosion\npage: 50\ntex.entrytype: map",
    )
    assert work_to_zotero(w)["note"].splitlines() == [
        "event-place: Beijing",
        "page: 50",
        "Book Title: Coastal erosion",
        "tex.entrytype: map",
        "Citation Key: m",
    ]


def test_a_citation_key_line_in_the_note_is_not_repeated() -> None:
    w = Work(id="k", type="book", title="T", note="Citation Key: k")
    assert work_to_zotero(w)["note"] == "Citation Key: k"
