"""Round trips over every CSL-JSON file of the corpora: the copies in tests/data/corpora, and
from ../shared/corpora what tests/data does not carry (the 5,000-item perf library, of which
tests/data has the first 1,000 items; the CSL test suite, which has no licence).

For each file: CSL-JSON → records → CSL-JSON → records gives equal records for
every item, no item is skipped, and the CSL-JSON written validates against the
CSL 1.0 schema.  The CSL test-suite fixtures' INPUT sections count as CSL-JSON
too.  Run this file as a script for the per-corpus table::

    .venv/bin/python tests/test_corpora_csljson.py
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import (  # noqa: E402
    COMPARE,
    COPIES,
    CORPORA,
    DATA,
    FULL_CORPUS,
    NO_LICENCE,
    shared_path,
)

from citelib.formats import csljson  # noqa: E402

GLOBS = {
    "csl-json": "csl-json/**/*.json",
    "better-bibtex/export-csl": "better-bibtex/export-csl/*.json",
    "zotero-chinese-styles/items": "zotero-chinese-styles/items/*.json",
    "zotero-chinese-styles/golden/inputs": "zotero-chinese-styles/golden/inputs/*.json",
    "perf": "perf/*.json",
}
_INPUT = re.compile(r">>=+ INPUT =+>>\n(.*?)<<=+ INPUT =+<<", re.S)


#: What ../shared/corpora has and tests/data does not (its first 1,000 items are there).
SHARED_ONLY = ["perf/perf-items-5000.json"]


def corpus_files(root: Path = COPIES) -> list[tuple[str, Path]]:
    out: list[tuple[str, Path]] = []
    for corpus, pattern in GLOBS.items():
        out.extend((corpus, p) for p in sorted(root.glob(pattern)))
    return out


def suite_inputs() -> Iterator[tuple[str, str]]:
    """(fixture name, INPUT text) for every CSL test-suite fixture that has one."""
    for path in sorted((CORPORA / "csl-test-suite" / "humans").rglob("*.txt")):
        m = _INPUT.search(path.read_text(encoding="utf-8-sig"))
        if m is not None:
            yield str(path.relative_to(CORPORA)), m[1]


def _validator() -> jsonschema.Draft7Validator:
    schema = json.loads((DATA / "csljson" / "csl-data.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


def round_trip(text: str, source: str) -> tuple[int, int, int, list[str]]:
    """(items in the file, records read, records equal after a round trip, schema errors)."""
    items = json.loads(text.removeprefix("\ufeff"))
    count = len(items["references"] if isinstance(items, dict) else items)
    first = csljson.read(text, source=source)
    written = csljson.write(first.works).text
    errors = [e.message for e in _validator().iter_errors(json.loads(written))]
    second = csljson.read(written, source=source + " (written)")
    equal = sum(a == b for a, b in zip(first.works, second.works, strict=True))
    return count, len(first.works), equal, errors


FILES = corpus_files()


def _check_round_trip(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    count, read, equal, errors = round_trip(text, str(path))
    assert (read, equal) == (count, count)
    assert errors == []


@pytest.mark.parametrize(
    "path", [p for _, p in FILES], ids=[str(p.relative_to(COPIES)) for _, p in FILES]
)
def test_round_trip(path: Path) -> None:
    _check_round_trip(path)


@pytest.mark.slow
@pytest.mark.parametrize("rel", SHARED_ONLY)
def test_round_trip_of_what_only_shared_has(rel: str) -> None:
    _check_round_trip(shared_path("corpora", *rel.split("/"), why=FULL_CORPUS))


def test_the_corpora_are_all_there() -> None:
    found = {corpus: sum(c == corpus for c, _ in FILES) for corpus in GLOBS}
    assert found == {
        "csl-json": 3,
        "better-bibtex/export-csl": 23,
        "zotero-chinese-styles/items": 7,
        "zotero-chinese-styles/golden/inputs": 5,
        "perf": 1,
    }


def test_every_shared_file_is_tested() -> None:
    """Every CSL-JSON file of ../shared/corpora has its copy in tests/data (test_corpora_copies
    checks they are equal), or is in SHARED_ONLY."""
    root = shared_path("corpora", why=COMPARE)
    shared = {str(p.relative_to(root)) for _, p in corpus_files(root)}
    copies = {str(p.relative_to(COPIES)) for _, p in FILES}
    assert sorted(shared - copies) == SHARED_ONLY
    assert copies <= shared


@pytest.mark.slow
def test_csl_test_suite_inputs() -> None:
    shared_path("corpora", "csl-test-suite", "humans", why=NO_LICENCE)
    fixtures = list(suite_inputs())
    assert len(fixtures) > 800
    for name, text in fixtures:
        count, read, equal, errors = round_trip(text, name)
        assert (name, read, equal, errors) == (name, count, count, [])


def report() -> None:
    """Print items read and equal after the round trip, per corpus."""
    totals: dict[str, list[int]] = {}
    for corpus, path in corpus_files(CORPORA if CORPORA.exists() else COPIES):
        count, read, equal, errors = round_trip(path.read_text(encoding="utf-8"), str(path))
        t = totals.setdefault(corpus, [0, 0, 0, 0, 0])
        for i, v in enumerate((1, count, read, equal, len(errors))):
            t[i] += v
    suite = totals.setdefault("csl-test-suite INPUT sections", [0, 0, 0, 0, 0])
    for name, text in suite_inputs():
        count, read, equal, errors = round_trip(text, name)
        for i, v in enumerate((1, count, read, equal, len(errors))):
            suite[i] += v
    print(f"{'corpus':40} {'files':>5} {'items':>6} {'read':>6} {'equal':>6} {'invalid':>7}")
    for corpus, (files, count, read, equal, invalid) in totals.items():
        print(f"{corpus:40} {files:5} {count:6} {read:6} {equal:6} {invalid:7}")


if __name__ == "__main__":
    report()
