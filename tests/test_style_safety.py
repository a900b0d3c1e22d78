"""A style file cannot reach outside itself: no entity is expanded, nothing is fetched or
read, no DTD is accepted; broken styles fail with a RenderError that says why."""

from __future__ import annotations

from pathlib import Path

import pytest

import citelib
from citelib import Date, RenderError, Work

STYLES = Path(__file__).resolve().parent.parent / "styles"
WORKS = [Work(id="a", type="book", title="A Book", publisher="P", issued=Date(((2020,),)))]

_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'
_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text value="{value}"/></layout></citation>
  <bibliography><layout><text variable="title"/><text value="{value}"/></layout></bibliography>
</style>
"""


def _style(tmp_path: Path, doctype: str, value: str) -> Path:
    path = tmp_path / "s.csl"
    path.write_text(_HEAD + doctype + _STYLE.format(value=value), encoding="utf-8")
    return path


def test_a_plain_style_renders(tmp_path: Path) -> None:
    bib = citelib.format_bibliography(WORKS, _style(tmp_path, "", "!"))
    assert [e.text for e in bib.entries] == ["A Book!"]


def test_external_entities_are_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    doctype = f'<!DOCTYPE style [<!ENTITY x SYSTEM "file://{secret}">]>\n'
    with pytest.raises(RenderError) as info:
        citelib.format_bibliography(WORKS, _style(tmp_path, doctype, "&x;"))
    assert "TOP-SECRET" not in str(info.value)


def test_network_entities_are_not_fetched(tmp_path: Path) -> None:
    doctype = '<!DOCTYPE style [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>\n'
    with pytest.raises(RenderError):
        citelib.format_bibliography(WORKS, _style(tmp_path, doctype, "&x;"))


def test_entity_bombs_are_refused(tmp_path: Path) -> None:
    levels = ['<!ENTITY e0 "' + "a" * 20 + '">']
    for i in range(1, 10):
        levels.append(f'<!ENTITY e{i} "' + f"&e{i - 1};" * 10 + '">')
    doctype = "<!DOCTYPE style [" + "\n".join(levels) + "]>\n"
    with pytest.raises(RenderError):
        citelib.format_bibliography(WORKS, _style(tmp_path, doctype, "&e9;"))
    quadratic = '<!DOCTYPE style [<!ENTITY big "' + "a" * 50_000 + '">]>\n'
    with pytest.raises(RenderError):
        citelib.format_bibliography(WORKS, _style(tmp_path, quadratic, "&big;" * 2_000))


def test_a_harmless_dtd_is_refused_too(tmp_path: Path) -> None:
    doctype = '<!DOCTYPE style [<!ENTITY x "x">]>\n'
    with pytest.raises(RenderError, match="DTD"):
        citelib.format_bibliography(WORKS, _style(tmp_path, doctype, "plain"))


def test_a_style_without_a_layout_says_so(tmp_path: Path) -> None:
    path = tmp_path / "s.csl"
    path.write_text(
        _HEAD
        + _STYLE.format(value="x").replace(
            '<citation><layout><text value="x"/></layout></citation>', "<citation/>"
        ),
        encoding="utf-8",
    )
    with pytest.raises(RenderError, match=r"s.csl: .*line 4: <citation> has no <layout>"):
        citelib.format_bibliography(WORKS, path)


def test_styles_in_utf16_are_read(tmp_path: Path) -> None:
    text = (STYLES / "apa.csl").read_text(encoding="utf-8")
    expected = citelib.format_bibliography(WORKS, "apa").entries
    for encoding in ("utf-16", "utf-8-sig"):
        path = tmp_path / f"apa-{encoding}.csl"
        path.write_bytes(text.encode(encoding))
        assert citelib.format_bibliography(WORKS, path).entries == expected


def test_validation_against_the_schema_names_the_problem(tmp_path: Path) -> None:
    from citelib._citeproc import load_style

    path = _style(tmp_path, "", "x")
    assert load_style(path, validate=True)[1] == []
    path.write_text(
        path.read_text(encoding="utf-8").replace("<text value", '<text bogus="1" value'),
        encoding="utf-8",
    )
    style, problems = load_style(path, validate=True)
    assert problems and style.bibliography is not None  # still usable, the problem reported
