"""The shipped locales' JSON (styles/locales/locales.json) is what their XML reads as."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from citelib._citeproc import locale as L
from citelib._citeproc.xmltree import parse_file

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "styles" / "locales"
XML = sorted(LOCALES.glob("locales-*.xml"))


def _state(locale: L.Locale) -> dict[str, object]:
    return {name: getattr(locale, name) for name in vars(locale)}


def test_the_data_file_is_what_the_script_writes() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from build_locale_data import build
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    written = (LOCALES / L.LOCALE_DATA).read_text(encoding="utf-8")
    assert written == build(), "stale: run .venv/bin/python scripts/build_locale_data.py"


@pytest.mark.parametrize("path", XML, ids=lambda p: p.stem)
def test_each_shipped_locale_reads_as_its_xml(path: Path) -> None:
    tag = path.stem.removeprefix("locales-")
    from_xml = L.Locale(tag)
    L.read_locale_element(parse_file(path), from_xml)
    L.locale_file.cache_clear()
    try:
        loaded = L.locale_file(tag)
    finally:
        L.locale_file.cache_clear()
    assert loaded is not None
    assert _state(loaded) == _state(from_xml)
    assert type(loaded.ordinal_names) is type(from_xml.ordinal_names)


def _english_with(monkeypatch: pytest.MonkeyPatch, **changes: object) -> L.Locale | None:
    """en-US as locale_file reads it where its entry in the data has *changes* (None: gone)."""
    data = {tag: dict(entry) for tag, entry in L._shipped_data().items()}
    for key, value in changes.items():
        if value is None:
            del data["en-US"][key]
        else:
            data["en-US"][key] = value
    monkeypatch.setattr(L, "_shipped_data", lambda: data)
    L.locale_file.cache_clear()
    try:
        return L.locale_file("en-US")
    finally:
        L.locale_file.cache_clear()


def test_a_locale_file_of_another_size_is_read_as_xml(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = _english_with(monkeypatch, size=-1, terms=[["and", "long", "STALE", "STALE"]])
    assert loaded is not None and loaded.term("and") == "and"


def test_the_data_round_trips() -> None:
    for tag, entry in L._shipped_data().items():
        assert L.locale_data(L.locale_from_data(tag, entry), entry["size"]) == entry


def test_damaged_data_falls_back_to_the_xml(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = _english_with(monkeypatch, terms=None)
    assert loaded is not None and loaded.term("and") == "and"


def test_the_data_is_used_where_the_size_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = _english_with(monkeypatch, terms=[["and", "long", "FROM-DATA", "FROM-DATA"]])
    assert loaded is not None and loaded.term("and") == "FROM-DATA"
