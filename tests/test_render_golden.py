"""citelib's own render goldens: every shipped style, text/HTML/Markdown, lists and citations.

The files in tests/golden/render are written by ``tests/golden/regen.py`` (never by hand);
this test fails on any change in output, so a change is reviewed as a diff of those files.
"""

from __future__ import annotations

import importlib.util
import json

import pytest
from conftest import ROOT

from citelib.render import styles

GOLDEN = ROOT / "tests" / "golden" / "render"

_spec = importlib.util.spec_from_file_location("regen", ROOT / "tests" / "golden" / "regen.py")
assert _spec is not None and _spec.loader is not None
regen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regen)


def test_every_style_has_a_golden() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == styles()


@pytest.mark.parametrize("style", styles())
def test_render_golden(style: str) -> None:
    want = json.loads((GOLDEN / f"{style}.json").read_text(encoding="utf-8"))
    got = json.loads(json.dumps(regen.golden(style), ensure_ascii=False))
    for name in regen.INPUTS:
        assert got[name]["entries"] == want[name]["entries"], (
            f"{style}/{name}: run tests/golden/regen.py"
        )
        assert got[name]["citations"] == want[name]["citations"]
        assert got[name]["problems"] == want[name]["problems"]
