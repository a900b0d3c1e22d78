"""citelib.parse on the held-out half of the corpora (bench/parse_accuracy.py): floors.

The works are split by work (bench/parse_accuracy.py: clause ids shared across corpora,
else titles), rendered with citelib's GB/T 7714 styles and APA and parsed back.  The floors are
the held-out figures measured when the parser was written (2026-12-02), less a point: a fall below one is a
regression.  (The issue's targets, 97 % fields and 90 % exact records on GB/T 2025 and
2015, 99.5 % precision of ``verified``, are reached: see bench/README.md.)
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
BENCH = Path(__file__).parent.parent / "bench" / "parse_accuracy.py"

pytestmark = pytest.mark.skipif(
    not (CORPORA / "gbt7714-bibtex-style").exists(), reason="corpora not available"
)

#: style -> (fields %, exact records %, verified %, precision of verified %)
#: (The share verified fell when an entry that a rival reading renders back to as well
#: stopped counting as verified, 2026-12-02: its floor follows, the precision's rises.
#: Raised 2026-12-02, branch parse2, with the general rival readings: fields and exact a
#: point under the held figures; precision at the issue's target, 99.5 %, the held
#: figures being 99.8-100 %; the share verified kept.  APA added 2026-12-03 with its
#: rival readings (a lone name a publisher, a periodical or an archive...), the same way:
#: held figures 90.0 / 82.1 / 69.1 / 100 %.)
FLOORS = {
    "gbt7714-2025-numeric": (97.8, 94.0, 88.4, 99.5),
    "gbt7714-2015-numeric": (97.9, 94.9, 88.4, 99.5),
    "gbt7714-2025-author-date": (98.1, 95.4, 89.5, 99.5),
    "gbt7714-2015-author-date": (97.9, 95.1, 90.7, 99.5),
    "apa": (89.0, 81.0, 68.1, 99.5),
}


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("parse_accuracy", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["parse_accuracy"] = module
    spec.loader.exec_module(module)
    return module


def test_held_out_figures_stay_above_their_floors() -> None:
    bench = _bench()
    works, _ = bench.select(bench.corpus_works(), "held")
    assert len(works) > 500
    tallies = bench.measure_rendered(works, tuple(FLOORS))
    for style, (fields, exact, verified, precision) in FLOORS.items():
        s = tallies[style].summary()
        assert s["fields"] >= fields, (style, s)
        assert s["exact"] >= exact, (style, s)
        assert s["verified_share"] >= verified, (style, s)
        assert s["verified_precision"] >= precision, (style, s)


def test_split_is_by_work_and_stable() -> None:
    bench = _bench()
    works = bench.corpus_works()
    dev, _ = bench.select(works, "dev")
    held, _ = bench.select(works, "held")
    dev_keys = {bench.split_key(w) for w in dev}
    held_keys = {bench.split_key(w) for w in held}
    assert not dev_keys & held_keys  # no work (clause example) on both sides
    assert bench.half("gbt7714.4.1.2:1") == bench.half("gbt7714.4.1.2:1")
