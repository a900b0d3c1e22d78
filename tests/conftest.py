"""Shared test fixtures: where the repository, the test data and the shared corpora are.

tests/data/corpora and tests/data/csl hold the redistributable part of ../shared/corpora and
../shared/csl (whole files, or a byte-for-byte prefix of a large corpus), at the same relative
paths; tests/data/corpora/SOURCES.md and tests/data/csl/SOURCES.md say where each file comes
from and under which licence.  Tests read those copies.  What may not be copied (GPL data, data
without a licence) and the whole of a corpus that tests/data carries only in part are read from
../shared, and those tests skip, saying why, where it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"
#: The copies in tests/data of files from ../shared/corpora, at the same relative paths.
COPIES = DATA / "corpora"

#: Why a test reads ../shared instead of a copy in tests/data.
GPL = "GPL-licensed data, never copied into tests/"
NO_LICENCE = "data without a licence to redistribute, not copied into tests/"
FULL_CORPUS = "the whole corpus (tests/data carries a subset, tested without ../shared)"


def shared_path(*parts: str, why: str = "") -> Path:
    """A path under ../shared, skipping the test when it is absent.

    *why* says why the test needs ../shared and not a copy in tests/data (:data:`GPL`,
    :data:`NO_LICENCE`, :data:`FULL_CORPUS`).
    """
    path = SHARED.joinpath(*parts)
    if not path.exists():
        because = f" ({why})" if why else ""
        pytest.skip(f"needs ../shared{because}: {path} is absent")
    return path
