"""Punctuation where pieces meet, and sorting on short names, as citeproc-js does it
(expected values: citeproc-js 2.4.63 on the same style and items, bench/render_js.py)."""

from __future__ import annotations

from pathlib import Path

import citelib

_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
    demote-non-dropping-particle="sort-only">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="short"><names variable="author"><name form="short"/></names></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <sort><key macro="short"/></sort>
    <layout>
      <text macro="short" suffix=". "/>
      <text variable="title" font-style="italic" suffix="."/>
      <text variable="title" prefix=" " suffix="."/>
      <text variable="title-short" font-style="italic" prefix=" " suffix="."/>
      <text variable="container-title" prefix=" " suffix=" ;"/>
      <text value="."/>
    </layout>
  </bibliography>
</style>"""

_ITEMS = [
    {
        "id": "a",
        "type": "book",
        "author": [{"family": "van Regenmortel", "given": "M.H."}],
        "title": "Made Easy!",
        "title-short": "Acme Inc.",
        "container-title": "J",
    },
    {
        "id": "b",
        "type": "book",
        "author": [{"family": "Ride", "given": "W."}],
        "title": "Code?",
        "title-short": "Co.",
        "container-title": "K",
    },
]


def test_seams_and_short_name_sort_keys(tmp_path: Path) -> None:
    style = tmp_path / "p.csl"
    style.write_text(_STYLE, encoding="utf-8")
    entries = [e.text for e in citelib.format_bibliography(_ITEMS, style).entries]
    assert entries == [
        # sort-only: a short name as a sort key is "Regenmortel", before "Ride"
        # an italic title keeps its "!" and its own suffix "." (a plain one merges them);
        # a mark both have is dropped once ("Inc." + "."); a suffix ";" and a text value
        # "." that follows it both stay (citeproc-js merges a suffix with a prefix only)
        "van Regenmortel. Made Easy!. Made Easy! Acme Inc. J ;.",
        "Ride. Code?. Code? Co. K ;.",
    ]
