"""citelib.Document: citations in document order (numbering, disambiguation, positions)."""

from __future__ import annotations

from typing import Any

import pytest
import strategies
from conftest import ROOT
from hypothesis import given

import citelib
from citelib import CiteItem, Document
from citelib._citeproc import CiteRequest
from citelib._citeproc.document import Cluster, set_positions
from citelib.document import parse_citation

SEEDS = ROOT / "seeds" / "governance.bib"  # ren2020, wang2024, sun2018, pang2021, wu2024


@pytest.fixture(scope="module")
def lib() -> citelib.Library:
    return citelib.read(SEEDS)


def _sun(key: str, title: str) -> dict[str, Any]:
    return {
        "id": key,
        "type": "article-journal",
        "title": title,
        "author": [{"family": "孙", "given": "柏瑛"}],
        "container-title": "地方治理研究",
        "issued": {"date-parts": [[2018]]},
        "language": "zh-CN",
    }


def test_numeric_numbers_by_first_citation_and_lists_cited_works(lib: citelib.Library) -> None:
    doc = Document(lib, style="gbt7714-2025-numeric")
    doc.cite("sun2018")
    doc.cite("wang2024")
    doc.cite("ren2020", "sun2018", "wang2024")
    doc.cite(CiteItem("sun2018", locator="12-15"))
    out = doc.render()
    assert out.citations == ["[1]", "[2]", "[1-3]", "[1]12-15"]
    assert [e.id for e in out.bibliography] == ["sun2018", "wang2024", "ren2020"]
    assert [e.label for e in out.bibliography] == ["[1]", "[2]", "[3]"]
    assert doc.render("html").citations[3] == "<sup>[1]12-15</sup>"


def test_gbt_numeric_pages_after_the_bracket(lib: citelib.Library) -> None:
    for style in ("gbt7714-2025-numeric", "gbt7714-2015-numeric"):
        doc = Document(lib, style=style)
        doc.cite("ren2020", "wang2024")
        doc.cite(CiteItem("sun2018", locator="12-15"))
        doc.cite(CiteItem("ren2020", locator="3"), CiteItem("sun2018", locator="20"))
        doc.cite(CiteItem("ren2020"), CiteItem("sun2018", locator="20"), CiteItem("wang2024"))
        assert doc.render().citations == ["[1,2]", "[3]12-15", "[1]3,[3]20", "[1,2],[3]20"]


def test_gbt_author_date_pages_and_narrative(lib: citelib.Library) -> None:
    doc = Document(lib, style="gbt7714-2025-author-date")
    doc.cite(CiteItem("sun2018", locator="12-15"))
    doc.cite(CiteItem("sun2018", mode="narrative"))
    doc.cite(CiteItem("sun2018", mode="composite", locator="12"))
    doc.cite(CiteItem("sun2018", mode="suppress-author"))
    doc.cite(CiteItem("sun2018", mode="author-only"))
    assert doc.render().citations == [
        "（孙柏瑛，2018）12-15",
        "孙柏瑛（2018）",
        "孙柏瑛（2018）12",
        "（2018）",
        "孙柏瑛",
    ]
    # GB/T 7714-2015 §10.2.4: the page is a superscript after the parentheses
    assert doc.render("html").citations[0] == "（孙柏瑛，2018）<sup>12-15</sup>"


def test_styles_called_by_their_own_names_keep_the_locator_where_they_put_it(
    lib: citelib.Library,
) -> None:
    doc = Document(lib, style="GB-T-7714—2025（顺序编码，双语）")
    doc.cite(CiteItem("sun2018", locator="12-15"))
    assert doc.render().citations == ["[1]"]  # as Zotero renders it
    doc = Document(lib, style="apa")
    doc.cite(CiteItem("ren2020", locator="12-15"))
    doc.cite(CiteItem("ren2020", mode="narrative"))
    assert doc.render().citations == ["(Ren, 2020, pp. 12–15)", "Ren (2020)"]


def test_a_later_citation_changes_an_earlier_one() -> None:
    works = [_sun("a", "第一篇"), _sun("b", "第二篇")]
    doc = Document(works, style="gbt7714-2025-author-date")
    doc.cite("a")
    assert doc.render().citations == ["（孙柏瑛，2018）"]
    doc.cite("b")
    out = doc.render()
    assert out.citations == ["（孙柏瑛，2018a）", "（孙柏瑛，2018b）"]
    assert [e.text.split(".")[0] for e in out.bibliography] == ["孙柏瑛，2018a", "孙柏瑛，2018b"]


def test_note_style_positions(lib: citelib.Library) -> None:
    doc = Document(lib, style="gbt7714-2025-note")
    doc.cite(CiteItem("sun2018", locator="5"))
    doc.cite(CiteItem("ren2020"))
    doc.cite(CiteItem("sun2018", locator="326-329"))
    doc.cite(CiteItem("sun2018"), note=9)
    out = doc.render().citations
    assert out[0].startswith("孙柏瑛. 突破“碎片化”") and out[0].endswith("2018（1）：5.")
    assert out[1:] == [
        "Ren K Q. Manufacturing Typical Experience: Research on Innovation Behavior of"
        " Urban Local Government in Social Governance[D]. 2020.",
        "同1：326-329.",
        "同1.",
    ]


def test_note_style_ibid(lib: citelib.Library) -> None:
    # citelib's and zotero-chinese's 2025 note styles have no ibid branch (同N for every
    # repeat); zotero-chinese's 2015 note style prints 同上
    doc = Document(lib, style="GB-T-7714—2015（注释，双语）")
    doc.cite(CiteItem("sun2018", locator="5"))
    doc.cite(CiteItem("sun2018", locator="5"))
    doc.cite(CiteItem("sun2018", locator="7"))
    doc.cite(CiteItem("ren2020"))
    doc.cite(CiteItem("sun2018", locator="326-329"))
    assert doc.render().citations[1:3] == ["同上.", "同上: 7."]
    assert doc.render().citations[4] == "同1: 326-329."


def test_nocite_and_unknown_keys(lib: citelib.Library) -> None:
    doc = Document(lib, style="gbt7714-2025-numeric", nocite=["wu2024"])
    doc.cite("pang2021", "nosuch")
    out = doc.render()
    assert out.citations == ["[1,nosuch?]"]
    assert [e.id for e in out.bibliography] == ["pang2021", "wu2024"]
    assert [(p.code, p.key) for p in out.problems if p.code == "unknown-key"] == [
        ("unknown-key", "nosuch")
    ]
    doc.nocite("*")
    assert [e.id for e in doc.render().bibliography] == [
        "pang2021",
        "wu2024",
        "ren2020",
        "wang2024",
        "sun2018",
    ]


def test_bad_arguments(lib: citelib.Library) -> None:
    with pytest.raises(ValueError, match="unknown cite mode"):
        CiteItem("sun2018", mode="sideways")
    with pytest.raises(ValueError, match="at least one"):
        Document(lib).cite()
    with pytest.raises(ValueError, match="unknown markup"):
        Document(lib).render("pdf")  # type: ignore[arg-type]


def test_public_names() -> None:
    assert {"Document", "CiteItem"} <= set(citelib.__all__)
    assert citelib.Document is Document


# ----------------------------------------------------------------------------
# positions, whatever the document


@given(strategies.cite_clusters())
def test_positions_hold_their_definitions(clusters: list[tuple[list[str], str | None]]) -> None:
    doc = [
        Cluster([CiteRequest(key, loc) for key in keys], note=i + 1)
        for i, (keys, loc) in enumerate(clusters)
    ]
    set_positions(doc)
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    previous: CiteRequest | None = None
    for j, cl in enumerate(doc):
        for k, req in enumerate(cl.cites):
            assert (req.position == "first") == (req.id not in first)
            if req.position.startswith("ibid"):
                # right after a cite of the same work: in this note, or alone in the last
                assert previous is not None and previous.id == req.id
                assert k > 0 or len(doc[j - 1].cites) == 1
                assert req.locator is not None or previous.locator is None
                same = previous.locator == req.locator
                assert req.position == ("ibid" if same else "ibid-with-locator")
            if req.id in first:
                assert req.first_note == (first[req.id] if first[req.id] != cl.note else None)
                assert req.near_note == (cl.note - last[req.id] <= 5)
            else:
                first[req.id] = cl.note
                assert req.first_note is None and not req.near_note
            last[req.id] = cl.note
            previous = req


@given(strategies.pandoc_citations())
def test_pandoc_citations_parse_back(
    written: tuple[str, list[tuple[str, str | None, str, str, str]]],
) -> None:
    text, items = written
    parsed = parse_citation(text)
    assert [(c.id, c.locator, c.label, c.prefix.strip(), c.mode) for c in parsed] == items
    assert all(c.suffix == "" for c in parsed)


def test_citations_as_written() -> None:
    assert parse_citation("sun2018, ren2020") == [CiteItem("sun2018"), CiteItem("ren2020")]
    assert parse_citation("@sun2018 [p. 12]") == [CiteItem("sun2018", "12", mode="narrative")]
    assert parse_citation("[@a, pp. 33-35 and passim]") == [
        CiteItem("a", "33-35", suffix=" and passim")
    ]
    assert parse_citation("[@a, and passim]") == [CiteItem("a", suffix=", and passim")]
    for bad in ("", "a b", "[x]", "[@a"):
        with pytest.raises(ValueError):
            parse_citation(bad)
