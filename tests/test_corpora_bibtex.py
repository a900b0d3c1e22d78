"""Round trips over every BibTeX corpus: the copies in tests/data/corpora, and the whole
corpora in ../shared/corpora where tests/data carries only a part.

BibTeX → records → BibTeX → records must give equal records for every entry,
in both dialects; bibtexparser must read what we write without a failed block;
no file of Better BibTeX's problem files may raise anything but a CitelibError.
The expected entry counts pin what is read, so a regression that drops entries
fails here too.
"""

from __future__ import annotations

from pathlib import Path

import bibtexparser
import pytest
from conftest import COPIES, CORPORA, FULL_CORPUS, shared_path

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

# corpus -> (files, entries read from the copy in tests/data, entries read from ../shared)
CORPORA_BIB: dict[str, tuple[list[str], int, int]] = {
    "biblatex-examples": (["biblatex/biblatex-examples.bib"], 92, 92),
    "biblatex-apa-citations": (["biblatex-apa/biblatex-apa-test-citations.bib"], 90, 90),
    "biblatex-apa-misc": (["biblatex-apa/biblatex-apa-test-misc.bib"], 9, 9),
    "biblatex-apa-references": (["biblatex-apa/biblatex-apa-test-references.bib"], 283, 283),
    "gbt7714-2015-examples": (["gbt7714-bibtex-style/gbt7714-2015-examples.bib"], 224, 224),
    "gbt7714-2015-biblatex": (["gbt7714-bibtex-style/gbt7714-2015-biblatex.bib"], 225, 225),
    "gbt7714-examples": (["gbt7714-bibtex-style/gbt7714-examples.bib"], 344, 344),
    "gbt7714-biblatex": (["gbt7714-bibtex-style/gbt7714-biblatex.bib"], 344, 344),
    # tests/data: the first 700 of 6,315 entries
    "cdl": (["large-bib/cdl.bib"], 700, 6315),
    # tests/data: the four macro files and crossref.bib whole, the first 300 entries of
    # biblio.bib (of 1,367) and of articles.bib (of 1,509)
    "iridia": ([f"large-bib/iridia-references/{f}" for f in _IRIDIA], 1029, 3305),
    "latin-greek-terminology": (["csl-json/latin-greek-terminology/bibliography.bib"], 240, 240),
}
#: The corpora tests/data carries only in part: their whole is checked from ../shared too.
PARTIAL = sorted(name for name, (_, copied, whole) in CORPORA_BIB.items() if copied != whole)

_BBT = "better-bibtex/import-bib"


def _sources(root: Path, files: list[str]) -> list[tuple[str, str]]:
    out = []
    for f in files:
        path = root.joinpath(*f.split("/"))
        out.append((str(path), decode(path.read_bytes(), source=str(path))))
    return out


def _unequal(first: tuple, second: tuple) -> list[str]:
    again = {w.id: w for w in second}
    return [w.id for w in first if again.get(w.id) != w]


def _round_trip(root: Path, files: list[str], expected: int, dialect: str) -> None:
    lib = bibtex.read_many(_sources(root, files))
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


@pytest.mark.parametrize("name", sorted(CORPORA_BIB))
@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_corpus_round_trip(name: str, dialect: str) -> None:
    files, copied, _ = CORPORA_BIB[name]
    _round_trip(COPIES, files, copied, dialect)


@pytest.mark.slow
@pytest.mark.parametrize("name", PARTIAL)
@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_whole_corpus_round_trip(name: str, dialect: str) -> None:
    files, _, whole = CORPORA_BIB[name]
    shared_path("corpora", why=FULL_CORPUS)
    _round_trip(CORPORA, files, whole, dialect)


def _problem_files(folder: Path, count: int, entries: int) -> None:
    """Every file reads without an exception other than CitelibError, and round-trips."""
    files = sorted(folder.glob("*.bib"))
    assert len(files) == count
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
    assert read == entries
    assert unequal == {}


def test_better_bibtex_problem_files() -> None:
    """The 92 files of tests/data: all of Better BibTeX's import fixtures but the six largest
    (the bulk libraries of 200 KB to 3 MB that ../shared has)."""
    _problem_files(COPIES / _BBT, 92, 459)


@pytest.mark.slow
def test_better_bibtex_all_problem_files() -> None:
    _problem_files(shared_path("corpora", _BBT, why=FULL_CORPUS), 98, 11555)


@pytest.mark.slow
def test_better_bibtex_large_file() -> None:
    path = shared_path("corpora", _BBT, "Unabbreviate_on_import_1436-3.bib", why=FULL_CORPUS)
    lib = bibtex.read(decode(path.read_bytes()), source=str(path))
    assert len(lib.works) == 7166
    back = bibtex.read(bibtex.write(lib.works, dialect="biblatex").text)
    assert _unequal(lib.works, back.works) == []
