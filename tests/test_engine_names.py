"""Names as citeproc-js prints them (expected values: citeproc-js 2.4.63 on the same input)."""

from __future__ import annotations

from pathlib import Path

import pytest

import citelib

_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
  demote-non-dropping-particle="{demote}">
  <info><title>names</title><id>names</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <names variable="author"><name {name}/></names>
  </layout></bibliography>
</style>"""


_INIT = 'initialize-with=". "'


def _render(tmp_path: Path, author: dict[str, str], language: str | None, name: str) -> str:
    style = tmp_path / "names.csl"
    style.write_text(_STYLE.format(demote="display-and-sort", name=name), "utf-8")
    item: dict[str, object] = {"id": "a", "type": "book", "title": "T", "author": [author]}
    if language:
        item["language"] = language
    return citelib.format_bibliography([item], style).entries[0].text


@pytest.mark.parametrize(
    ("author", "language", "name", "expected"),
    [
        # particles and suffixes split from CSL-JSON family and given names
        ({"family": "van Regenmortel", "given": "M.H."}, None, _INIT, "M. H. van Regenmortel"),
        (
            {"family": "van Regenmortel", "given": "M. H."},
            None,
            'name-as-sort-order="all"',
            "Regenmortel, M. H. van",
        ),
        ({"family": "d'Alembert", "given": "Jean"}, None, _INIT, "J. d’Alembert"),
        ({"family": "al-Farabi", "given": "Abu"}, None, _INIT, "A. al-Farabi"),
        ({"family": "Schalick", "given": "Walton O., III"}, None, _INIT, "W. O. Schalick III"),
        ({"family": "Beethoven", "given": "Ludwig van"}, None, _INIT, "L. van Beethoven"),
        # a Latin-script name in a Chinese work: family first, space-separated
        ({"family": "Swingland", "given": "Ian R."}, "zh-CN", _INIT, "Swingland I. R."),
        (
            {"family": "Swingland", "given": "Ian R."},
            "zh-CN",
            'initialize-with="" name-as-sort-order="all"',
            "Swingland IR",
        ),
        ({"family": "Swingland", "given": "Ian R."}, "en", _INIT, "I. R. Swingland"),
        # a name in kana with a Latin given name: family first, spaced
        (
            {"family": "ラムザイヤー", "given": "J.マーク"},
            "ja",
            'and="text"',
            "ラムザイヤー J.マーク",
        ),
    ],
)
def test_names_as_citeproc_js_prints_them(
    tmp_path: Path, author: dict[str, str], language: str | None, name: str, expected: str
) -> None:
    assert _render(tmp_path, author, language, name) == expected


def test_a_term_first_after_the_citation_number_is_capitalised(tmp_path: Path) -> None:
    """citeproc-js capitalises a term that is the first thing printed, and the citation
    number (a numeric blob) does not count: "[1] Anonymous. T in" (checked against it)."""
    style = tmp_path / "anon.csl"
    style.write_text(
        """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="citation-number"/></layout></citation>
  <bibliography><layout>
    <text variable="citation-number" prefix="[" suffix="] "/>
    <choose><if variable="author"><names variable="author"/></if>
      <else><text term="anonymous"/></else></choose>
    <text variable="title" prefix=". "/>
    <text term="in" prefix=" "/>
  </layout></bibliography>
</style>""",
        "utf-8",
    )
    item = {"id": "a", "type": "book", "title": "T"}
    assert citelib.format_bibliography([item], style).entries[0].text == "[1] Anonymous. T in"


def test_csl_m_layouts_go_by_the_declared_language(tmp_path: Path) -> None:
    """citeproc-js picks a CSL-M <layout locale> by the language a work declares; a work
    that declares none, or the style's default locale (en = en-US here), gets the default
    layout; en-GB is another locale than en-US (checked against citeproc-js)."""
    style = tmp_path / "layouts.csl"
    style.write_text(
        """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
  default-locale="en-US">
  <info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout locale="zh"><text value="ZH "/><text variable="title"/></layout>
    <layout locale="en"><text value="EN "/><text variable="title"/></layout>
    <layout><text value="D "/><text variable="title"/></layout>
  </bibliography>
</style>""",
        "utf-8",
    )
    items = [
        {"id": "a", "type": "book", "title": "A", "language": "zh-CN"},
        {"id": "b", "type": "book", "title": "B", "language": "en"},
        {"id": "c", "type": "book", "title": "中文"},
        {"id": "d", "type": "book", "title": "D", "language": "en-GB"},
    ]
    got = [e.text for e in citelib.format_bibliography(items, style).entries]
    assert got == ["ZH A", "D B", "D 中文", "EN D"]


def test_names_added_to_disambiguate_citations_do_not_cut_the_list(tmp_path: Path) -> None:
    """add-names shows two names in the citations; the list, which has no et-al options of
    its own, still shows every name (checked against citeproc-js)."""
    style = tmp_path / "etal.csl"
    style.write_text(
        """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <macro name="author"><names variable="author"><name initialize-with=". "/></names></macro>
  <citation et-al-min="3" et-al-use-first="1" disambiguate-add-names="true"
    disambiguate-add-year-suffix="true">
    <layout><text macro="author"/><date variable="issued" prefix=" "><date-part name="year"/></date></layout>
  </citation>
  <bibliography><layout><text macro="author"/><text variable="title" prefix=". "/></layout></bibliography>
</style>""",
        "utf-8",
    )

    def person(family: str, given: str) -> dict[str, str]:
        return {"family": family, "given": given}

    items = [
        {"id": "a", "type": "book", "title": "A", "issued": {"date-parts": [[2000]]},
         "author": [person("Aa", "X"), person("Bb", "Y"), person("Cc", "Z"), person("Dd", "W")]},
        {"id": "b", "type": "book", "title": "B", "issued": {"date-parts": [[2000]]},
         "author": [person("Aa", "X"), person("Ee", "Y"), person("Ff", "Z")]},
    ]  # fmt: skip
    entries = [e.text for e in citelib.format_bibliography(items, style).entries]
    assert entries == ["X. Aa, Y. Bb, Z. Cc, W. Dd. A", "X. Aa, Y. Ee, Z. Ff. B"]
    assert str(citelib.cite(items, ["a"], style)) == "X. Aa, Y. Bb, et al. 2000"
