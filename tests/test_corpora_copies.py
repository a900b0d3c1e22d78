"""The copies in tests/data are what their SOURCES.md files say: byte for byte the files of
../shared (which copied them from the upstream commits named there), or a prefix of one, and
nothing that may not be redistributed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import COMPARE, DATA, shared_path

#: The folders of tests/data that mirror ../shared.
MIRRORS = ("corpora", "csl")
#: Files of tests/data that describe the copies and are not copies themselves.
OWN = {"corpora/SOURCES.md", "corpora/LICENSES.md", "csl/SOURCES.md"}
#: Copies that are the beginning of a larger file (whole entries, cut before the next one).
PREFIXES = {
    "corpora/large-bib/cdl.bib",
    "corpora/large-bib/iridia-references/articles.bib",
    "corpora/large-bib/iridia-references/biblio.bib",
}
#: What may never be copied: GPL data and data without a licence.
NEVER = (
    "corpora/pandoc-biblatex-to-csl/",
    "corpora/ris/mrhelper-cn-db-exports/",
    "corpora/csl-test-suite/",
)


def _copies() -> dict[str, Path]:
    return {
        p.relative_to(DATA).as_posix(): p
        for folder in MIRRORS
        for p in sorted((DATA / folder).rglob("*"))
        if p.is_file()
    }


def test_nothing_that_may_not_be_copied_is_there() -> None:
    copies = _copies()
    assert len(copies) > 200
    assert [rel for rel in copies if rel.startswith(NEVER)] == []
    assert set(copies) >= OWN
    assert set(copies) >= PREFIXES


def test_every_file_listed_in_sources() -> None:
    """Each copy is named in its folder's SOURCES.md (by its path or its folder's)."""
    sources = {
        folder: (DATA / folder / "SOURCES.md").read_text(encoding="utf-8") for folder in MIRRORS
    }
    unlisted = []
    for rel in set(_copies()) - OWN:
        folder, _, inner = rel.partition("/")
        parent = inner.rpartition("/")[0]
        if f"`{inner}`" not in sources[folder] and f"`{parent}/`" not in sources[folder]:
            unlisted.append(rel)
    assert sorted(unlisted) == []


@pytest.mark.parametrize("folder", MIRRORS)
def test_copies_equal_the_shared_files(folder: str) -> None:
    shared = shared_path(folder, why=COMPARE).parent
    differ = []
    for rel, path in _copies().items():
        if not rel.startswith(f"{folder}/") or rel in OWN:
            continue
        ours, theirs = path.read_bytes(), (shared / rel).read_bytes()
        if rel in PREFIXES:
            whole_entries = theirs[len(ours) :].lstrip().startswith(b"@")
            if not (theirs.startswith(ours) and len(ours) < len(theirs) and whole_entries):
                differ.append(rel)
        elif ours != theirs:
            differ.append(rel)
    assert differ == []
