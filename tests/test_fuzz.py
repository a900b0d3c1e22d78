"""Fuzzing in the suite: every reader, on random bytes and on mutated seed files, raises
nothing but CitelibError, and every writer writes what a reader read in a form its own
reader reads back (tests/fuzz/harness.py).  The quick profile runs a few hundred inputs,
the thorough one (CI) ten times as many; bench/fuzz_campaign.py runs millions."""

from __future__ import annotations

import random

import pytest
from conftest import examples
from fuzz.harness import READERS, check
from fuzz.mutate import mutant, seeds
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

_SETTINGS = settings(
    max_examples=examples(300),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("fmt", READERS)
@_SETTINGS
@given(data=st.binary(max_size=2048))
def test_random_bytes(fmt: str, data: bytes) -> None:
    check(data, fmt)


@pytest.mark.parametrize("fmt", READERS)
@_SETTINGS
@given(rng=st.randoms(use_true_random=False))
def test_mutated_seed_files(fmt: str, rng: random.Random) -> None:
    check(mutant(rng.choice(seeds()[fmt]), rng), fmt)


def test_every_reader_has_seeds() -> None:
    assert {fmt for fmt in READERS if seeds().get(fmt)} == set(READERS)
