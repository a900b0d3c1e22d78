"""Round trips over every BibTeX corpus in ../shared/corpora.

BibTeX → records → BibTeX → records must give equal records for every entry,
in both dialects; bibtexparser must read what we write without a failed block;
no file of Better BibTeX's 98 problem files may raise anything but a
CitelibError.  The expected entry counts pin what is read, so a regression that
drops entries fails here too.
"""

from __future__ import annotations

from pathlib import Path

import bibtexparser
import pytest
from conftest import CORPORA, shared_path

from citelib.errors import CitelibError
from citelib.formats import bibtex
from citelib.io import decode

_IRIDIA = [
    "abbrev.bib",
    "journals.bib",
    "authors.bib",
    "biblio.bib",
    "articles.bib",
    "crossref.bib",
]

# corpus -> (files, entries read)
CORPORA_BIB: dict[str, tuple[list[str], int]] = {
    "biblatex-examples": (["biblatex/biblatex-examples.bib"], 92),
    "biblatex-apa-citations": (["biblatex-apa/biblatex-apa-test-citations.bib"], 90),
    "biblatex-apa-misc": (["biblatex-apa/biblatex-apa-test-misc.bib"], 9),
    "biblatex-apa-references": (["biblatex-apa/biblatex-apa-test-references.bib"], 283),
    "gbt7714-2015-examples": (["gbt7714-bibtex-style/gbt7714-2015-examples.bib"], 224),
    "gbt7714-2015-biblatex": (["gbt7714-bibtex-style/gbt7714-2015-biblatex.bib"], 225),
    "gbt7714-examples": (["gbt7714-bibtex-style/gbt7714-examples.bib"], 344),
    "gbt7714-biblatex": (["gbt7714-bibtex-style/gbt7714-biblatex.bib"], 344),
    "cdl": (["large-bib/cdl.bib"], 6315),
    "iridia": ([f"large-bib/iridia-references/{f}" for f in _IRIDIA], 3305),
    "latin-greek-terminology": (["csl-json/latin-greek-terminology/bibliography.bib"], 240),
}

_BBT = "better-bibtex/import-bib"


def _sources(files: list[str]) -> list[tuple[str, str]]:
    out = []
    for f in files:
        path = shared_path("corpora", *f.split("/"))
        out.append((str(path), decode(path.read_bytes(), source=str(path))))
    return out


def _unequal(first: tuple, second: tuple) -> list[str]:
    again = {w.id: w for w in second}
    return [w.id for w in first if again.get(w.id) != w]


@pytest.mark.parametrize("name", sorted(CORPORA_BIB))
@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_corpus_round_trip(name: str, dialect: str) -> None:
    files, expected = CORPORA_BIB[name]
    lib = bibtex.read_many(_sources(files))
    assert len(lib.works) == expected
    assert lib.problems == ()
    text = bibtex.write(lib.works, dialect=dialect).text
    back = bibtex.read(text, source="written.bib")
    assert back.problems == ()
    assert len(back.works) == expected
    assert _unequal(lib.works, back.works) == []
    parsed = bibtexparser.parse_string(text)
    assert parsed.failed_blocks == []
    assert [e.key for e in parsed.entries] == [w.id for w in lib.works]


def _bbt_files() -> list[Path]:
    folder = CORPORA / _BBT
    return sorted(folder.glob("*.bib")) if folder.exists() else []


def test_better_bibtex_problem_files() -> None:
    """Every file reads without an exception other than CitelibError, and round-trips."""
    files = _bbt_files()
    if not files:
        shared_path("corpora", _BBT)
    assert len(files) == 98
    read = 0
    unequal: dict[str, list[str]] = {}
    for path in files:
        try:
            text = decode(path.read_bytes(), source=str(path))
            lib = bibtex.read(text, source=str(path))
        except CitelibError:
            continue
        read += len(lib.works)
        back = bibtex.read(bibtex.write(lib.works).text, source="written.bib")
        bad = _unequal(lib.works, back.works)
        if bad:
            unequal[path.name] = bad
    assert read == 11555
    assert unequal == {}


def test_better_bibtex_large_file() -> None:
    path = shared_path("corpora", _BBT, "Unabbreviate_on_import_1436-3.bib")
    lib = bibtex.read(decode(path.read_bytes()), source=str(path))
    assert len(lib.works) == 7166
    back = bibtex.read(bibtex.write(lib.works, dialect="biblatex").text)
    assert _unequal(lib.works, back.works) == []
