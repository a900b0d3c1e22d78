"""Groups the engine skips without rendering them (nodes.Skip) print what rendering them
would: the same lists and citations, with and without the shortcut."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from citelib._citeproc import nodes
from citelib.render import cite, format_bibliography

DATA = Path(__file__).parent / "data" / "render"
STYLES = ["apa", "gbt7714-2025-numeric", "gbt7714-2025-author-date", "gbt7714-2025-note"]

# a style whose groups and macros cover the cases: a label of a variable that is there in
# a group whose text variables are not, a date macro in a sort key (dates alone count
# until it ends), a choose that always calls, a year-suffix (not counted when empty)
STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>skip</title><id>skip</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <macro name="year"><date variable="issued"><date-part name="year"/></date></macro>
  <macro name="missing"><group delimiter=" "><text term="in"/><text variable="archive"/></group></macro>
  <macro name="sure-choose">
    <choose>
      <if variable="volume"><text variable="volume"/></if>
      <else><text variable="issue"/></else>
    </choose>
  </macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <sort><key macro="year"/><key macro="missing"/><key variable="title"/></sort>
    <layout suffix=".">
      <group delimiter=", ">
        <text variable="title"/>
        <group delimiter=" "><label variable="page" form="short"/><text variable="archive"/></group>
        <group prefix="(" suffix=")"><text macro="sure-choose"/><text term="and"/></group>
        <group delimiter=" "><text term="in"/><text variable="year-suffix"/></group>
        <text macro="missing"/>
        <text macro="year"/>
      </group>
    </layout>
  </bibliography>
</style>
"""


def _render(items: list[dict[str, Any]], style: str) -> list[str]:
    out = [e.text for e in format_bibliography(items, style).entries]
    if style != "gbt7714-2025-note":
        out.append(cite(items, [i["id"] for i in items[:3]], style).text)
    return out


@pytest.mark.parametrize("data", ["issue-seeds.json", "mixed.json"])
@pytest.mark.parametrize("style", STYLES)
def test_skipped_groups_print_what_rendering_prints(
    data: str, style: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = json.loads((DATA / data).read_text(encoding="utf-8"))
    fast = _render(items, style)
    monkeypatch.setattr(nodes.Skip, "skips", lambda self, ctx: False)
    assert _render(items, style) == fast


def test_skip_edge_cases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "skip.csl"
    path.write_text(STYLE, encoding="utf-8")
    items = [
        {"id": "a", "type": "book", "title": "A", "page": "12-15", "issued": {"date-parts": [[2001]]}},
        {"id": "b", "type": "book", "title": "B", "volume": "3"},
        {"id": "c", "type": "book", "title": "C", "issue": "4", "archive": "Arch"},
        {"id": "d", "type": "book", "title": "D"},
    ]  # fmt: skip
    fast = [e.text for e in format_bibliography(items, str(path)).entries]
    monkeypatch.setattr(nodes.Skip, "skips", lambda self, ctx: False)
    assert [e.text for e in format_bibliography(items, str(path)).entries] == fast
