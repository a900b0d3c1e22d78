"""Shared test fixtures: where the repository, the test data and the shared corpora are;
the Hypothesis profiles.

tests/data/corpora and tests/data/csl hold the redistributable part of ../shared/corpora and
../shared/csl (whole files, or a byte-for-byte prefix of a large corpus), at the same relative
paths; tests/data/corpora/SOURCES.md and tests/data/csl/SOURCES.md say where each file comes
from and under which licence.  Tests read those copies.  What may not be copied (GPL data, data
without a licence) and the whole of a corpus that tests/data carries only in part are read from
../shared, and those tests skip, saying why, where it is absent.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"
#: The copies in tests/data of files from ../shared/corpora, at the same relative paths.
COPIES = DATA / "corpora"

#: Why a test reads ../shared instead of a copy in tests/data.
GPL = "GPL-licensed data, never copied into tests/"
NO_LICENCE = "data without a licence to redistribute, not copied into tests/"
FULL_CORPUS = "the whole corpus; tests/data has a part of it, tested without ../shared"
COMPARE = "the sources of the copies in tests/data, to compare them"


def shared_path(*parts: str, why: str = "") -> Path:
    """A path under ../shared, skipping the test when it is absent.

    *why* says why the test needs ../shared and not a copy in tests/data (:data:`GPL`,
    :data:`NO_LICENCE`, :data:`FULL_CORPUS`, :data:`COMPARE`).
    """
    __tracebackhide__ = True  # a skip is reported at the test's line, not here
    path = SHARED.joinpath(*parts)
    if not path.exists():
        because = f": {why}" if why else ""
        pytest.skip(f"needs ../shared{because} ({path} is absent)")
    return path


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    """The results of *calls*, run side by side in threads.

    For independent runs of a real client (pandoc, node): each waits on its own subprocess,
    so two of them use both cores of a 2-core machine.  An exception in a call is raised here.
    """
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = [pool.submit(call) for call in calls]
        return [f.result() for f in futures]


# --------------------------------------------------------------------------- Hypothesis
#
# One place for the settings every property test shares.  "quick" (the default) runs a tenth of
# the examples: enough for a developer's run.  "thorough" (HYPOTHESIS_PROFILE=thorough, as in
# .ci/run) runs the counts each test names.  Generating works, BibTeX and RIS records is slow
# by nature, and a loaded machine makes it slower: no deadline, and the health checks that
# only measure speed or size are off.

_SLOW_GENERATION = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile(
    "thorough", max_examples=100, deadline=None, suppress_health_check=_SLOW_GENERATION
)
settings.register_profile(
    "quick", max_examples=10, deadline=None, suppress_health_check=_SLOW_GENERATION
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


def examples(thorough: int) -> int:
    """``max_examples`` for a test that runs *thorough* examples in the thorough profile.

    Scaled by the loaded profile's ``max_examples`` against thorough's 100: a tenth in the
    quick profile (at least 5, or *thorough* if smaller).
    """
    scaled = thorough * settings.default.max_examples // 100
    return max(scaled, min(thorough, 5))
