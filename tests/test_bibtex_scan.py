"""The fast splitter gives exactly what bibtexparser's splitter gives, or gives up."""

from __future__ import annotations

from pathlib import Path

import pytest
from bibtexparser import model as M
from bibtexparser.splitter import Splitter
from conftest import COPIES, FULL_CORPUS, examples, shared_path
from hypothesis import given, settings
from hypothesis import strategies as st

from citelib.formats.bibtex._scan import scan
from citelib.io import decode


def _reference(text: str) -> tuple[list, list] | None:
    lib = Splitter(text).split()
    strings, entries = [], []
    for b in lib.blocks:
        if isinstance(b, (M.DuplicateBlockKeyBlock, M.DuplicateFieldKeyBlock)):
            b = b.ignore_error_block
        if isinstance(b, M.ParsingFailedBlock):
            return None
        if isinstance(b, M.String):
            strings.append((b.key, b.value, b.start_line))
        elif isinstance(b, M.Entry):
            fields = [(f.key, f.value, f.start_line) for f in b.fields]
            entries.append((b.entry_type, b.key, b.start_line, fields))
    return strings, entries


def _scanned(text: str) -> tuple[list, list] | None:
    found = scan(text)
    if found is None:
        return None
    strings = [(s.key, s.value, s.start_line) for s in found[0]]
    entries = [
        (e.entry_type, e.key, e.start_line, [(f.key, f.value, f.start_line) for f in e.fields])
        for e in found[1]
    ]
    return strings, entries


def _scan_agrees(root: Path) -> tuple[int, int]:
    """(files, files scanned), asserting that each scanned file splits as bibtexparser does."""
    files = sorted(root.glob("**/*.bib"))
    scanned = 0
    for path in files:
        try:
            text = decode(path.read_bytes())
        except Exception:
            continue
        ours = _scanned(text)
        if ours is None:
            continue
        scanned += 1
        assert ours == _reference(text), path
    return len(files), scanned


def test_scan_equals_bibtexparser_on_every_copied_corpus_file() -> None:
    files, scanned = _scan_agrees(COPIES)
    assert files == 126
    assert scanned >= 120  # of 126: the rest fall back to bibtexparser


@pytest.mark.slow
def test_scan_equals_bibtexparser_on_every_corpus_file() -> None:
    files, scanned = _scan_agrees(shared_path("corpora", why=FULL_CORPUS))
    assert files == 133
    assert scanned >= 120  # of 133: the rest fall back to bibtexparser


def test_scan_gives_up_on_what_it_cannot_split_exactly() -> None:
    assert scan("@article(k, title = {x})") is None
    assert scan("@article{k,\n title = {x,\n@book{b, title={y}}") is None
    assert scan("@article{k, title = {a\\\\}, b}") is None
    assert scan('@article{k, title = "a{b"}') is None
    assert scan("@article{k title = {x}}") is None


def test_scan_splits_well_formed_text() -> None:
    text = '@string{j = "J"}\n\n@Article{k,\n  title = {A {B}},\n  journal = j # " x",\n  year = 2000,\n}\n'
    assert _scanned(text) == _reference(text)
    assert _scanned(text) == (
        [("j", '"J"', 0)],
        [
            (
                "article",
                "k",
                2,
                [("title", "{A {B}}", 3), ("journal", 'j # " x"', 4), ("year", "2000", 5)],
            )
        ],
    )


_atoms = st.sampled_from(
    [
        "@a{",
        "@string{",
        "@comment{",
        "k",
        ",",
        "=",
        "{",
        "}",
        '"',
        "#",
        "\n",
        " ",
        "x",
        "\\",
        "%",
        "(",
        "@",
    ]
)


@given(st.lists(_atoms, max_size=40).map("".join))
@settings(max_examples=examples(500))
def test_scan_agrees_or_gives_up_on_generated_text(text: str) -> None:
    ours = _scanned(text)
    if ours is not None:
        assert ours == _reference(text)
