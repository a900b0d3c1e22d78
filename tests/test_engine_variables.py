"""Variables the model has no field for, as citeproc-js reads them from a CSL-JSON note."""

from __future__ import annotations

import json
from pathlib import Path

import citelib


def test_csl_m_variables_from_note_lines_reach_the_style(tmp_path: Path) -> None:
    """zotero-chinese's bilingual styles print ``original-container-title`` (a CSL-M
    variable) from Zotero's Extra lines; citelib keeps it in ``extra`` and the engine
    reads it as citeproc-js does. Keys that are not CSL-style names stay out."""
    style = tmp_path / "orig.csl"
    style.write_text(
        """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout delimiter=". ">
    <text variable="title"/>
    <text variable="original-container-title" prefix="[" suffix="]"/>
    <text variable="nationality"/>
  </layout></bibliography>
</style>""",
        "utf-8",
    )
    item = {
        "id": "a",
        "type": "article-journal",
        "title": "中国心理学的过去与未来",
        "note": "original-container-title: Acta Psychologica Sinica\nnationality: 中国",
    }
    lib = citelib.read_text(json.dumps([item]), "csljson")
    assert ("original-container-title", "Acta Psychologica Sinica") in lib.works[0].extra
    text = citelib.format_bibliography(lib, style).entries[0].text
    assert text == "中国心理学的过去与未来[Acta Psychologica Sinica]中国"
