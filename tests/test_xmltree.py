"""The style and locale reader (citelib._citeproc.xmltree): what ElementTree reads, plus
line numbers; no DTD; any encoding the declaration or a byte-order mark names."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given

from citelib._citeproc.xmltree import Element, parse
from tests.strategies import xml_elements

NS = "{http://purl.org/net/xbiblio/csl}"


def _same(ours: Element, theirs: Any) -> None:
    assert ours.tag == theirs.tag
    assert ours.attrib == theirs.attrib
    # text before the first child; ElementTree reads an empty text as None
    assert (ours.text or "") == (theirs.text or "")
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs, strict=True):
        _same(a, b)


@given(xml_elements())
def test_reads_what_elementtree_reads(el: Any) -> None:
    data = ET.tostring(el, encoding="utf-8", xml_declaration=True)
    _same(parse(data), ET.fromstring(data))


def test_lines_order_and_lookups() -> None:
    data = f"""<?xml version="1.0" encoding="utf-8"?>
<style xmlns="{NS[1:-1]}" xmlns:c="https://citelib.org/csl">
  <!-- a comment is dropped -->
  <info><title>T &amp; <?pi dropped?>U</title><c:options c:sort="true"/></info>
  <macro name="m"><group><text variable="title"/></group></macro>
</style>""".encode()
    root = parse(data)
    assert root.tag == NS + "style" and root.sourceline == 2 and root.index == 0
    info = root.find(NS + "info")
    assert info is not None and info.sourceline == 4 and info.localname == "info"
    title = info.find(NS + "title")
    assert title is not None and title.text == "T & U"
    (options,) = root.iterfind(NS + "info/{https://citelib.org/csl}options")
    assert options.attrib == {"{https://citelib.org/csl}sort": "true"}
    assert [e.localname for e in root.iter()] == [
        "style", "info", "title", "options", "macro", "group", "text",
    ]  # fmt: skip
    assert [e.index for e in root.iter()] == list(range(7))
    assert [e.get("variable") for e in root.iter(NS + "text", NS + "date")] == ["title"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig", "gb18030", "big5"])
def test_encodings(encoding: str) -> None:
    declared = "utf-8" if encoding.startswith("utf") else encoding
    text = f'<?xml version="1.0" encoding="{declared}"?><term name="et-al">等人</term>'
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert parse(data).text == "等人"


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"<style>\n  <info>\n</style>", "line 3, column 3"),
        (b"<style a='1' a='2'/>", "line 1, column 14"),
        (b"", "line 1, column 1"),
    ],
)
def test_malformed_xml_says_where(data: bytes, where: str) -> None:
    with pytest.raises(ValueError, match=f"^s.csl: {where}: "):
        parse(data, "s.csl")


def test_a_document_type_declaration_is_refused() -> None:
    with pytest.raises(ValueError, match="DTD"):
        parse(b'<!DOCTYPE style [<!ENTITY x "x">]><style>&x;</style>')
