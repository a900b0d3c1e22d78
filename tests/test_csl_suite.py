"""The CSL processor test suite against the generated pass list (tests/csl_suite.py).

A fixture on the list must pass; one off the list must fail, so that an improvement is
noticed and the list raised (``.venv/bin/python tests/csl_suite.py --write``, then review
the diff).  The fixtures have no licence and are read from ../shared; without it the
suite's tests skip.
"""

from __future__ import annotations

import pytest
from conftest import NO_LICENCE, shared_path
from csl_suite import PASSING, SUITE, fixtures, run

PASS_LIST = set(PASSING.read_text(encoding="utf-8").split())
NAMES = [path.stem for path in fixtures()] or ["(../shared absent)"]


@pytest.mark.parametrize("name", NAMES)
def test_fixture(name: str) -> None:
    shared_path("corpora", "csl-test-suite", "humans", why=NO_LICENCE)
    passed, got, want = run(SUITE / f"{name}.txt")
    if name in PASS_LIST:
        assert passed, f"{name} used to pass:\n-- want\n{want}\n-- got\n{got}"
    else:
        assert not passed, f"{name} passes now: add it (tests/csl_suite.py --write)"


def test_the_pass_list_names_only_fixtures_that_exist() -> None:
    shared_path("corpora", "csl-test-suite", "humans", why=NO_LICENCE)
    assert not PASS_LIST - {path.stem for path in fixtures()}
