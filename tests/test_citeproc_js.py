"""The citeproc-js harness (bench/) and the goldens made with it.

citeproc-js (npm ``citeproc``, the engine inside Zotero) is citelib's reference renderer.
These tests check that the harness reproduces the committed goldens in tests/golden/apa
(so a stale golden is caught), that it reproduces zotero-chinese/styles' own published
citeproc-js output (so its settings are the right ones), and that CSL-JSON written by
citelib renders in citeproc-js exactly as the Zotero originals do.  They skip when node or
bench/node_modules/citeproc is absent (``cd bench && npm ci``), or the reference styles of
../shared/csl that the harness renders with.  The zotero-chinese items, lists and citations
are the copies in tests/data/corpora (CC BY-SA 3.0, see its SOURCES.md).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from conftest import COPIES, ROOT, at_once

sys.path.insert(0, str(ROOT / "bench"))

import make_apa_golden  # noqa: E402
import render_js  # noqa: E402

GOLDEN = ROOT / "tests" / "golden" / "apa"
SEED_STYLES = list(make_apa_golden.STYLES)
ZC = COPIES / "zotero-chinese-styles"
#: The zotero-chinese golden lists: citelib style name -> bilingual CSL file.
ZC_STYLES = {k: v for k, v in make_apa_golden.STYLES.items() if k != "apa"}
ZC_PARTS = ("gbt7714", "aps", "ssc", "mlc", "apa")
#: Entries where zotero-chinese's published output differs from citeproc-js 2.4.63 today
#: (its golden README names it: a date range end rendered `2020` where citeproc-js now
#: gives `[2020]`).  A listed entry that starts matching fails the test too.
ZC_KNOWN_DIFFERENCES = {
    ("gbt7714-2025-numeric", "apa", "apa.10.4:56"),
    ("gbt7714-2015-numeric", "apa", "apa.10.4:56"),
}
#: Seed texts quoted by issue 3 that the seed goldens do not give, and why.
ISSUE_TEXT_DIFFERENCES: dict[tuple[str, str], str] = {}


@pytest.fixture(scope="module")
def citeproc_js() -> None:
    """Skip unless node and the citeproc package are installed."""
    reason = render_js.unavailable_reason()
    if reason:
        pytest.skip(f"needs citeproc-js: {reason}")


@pytest.fixture(scope="module")
def pool(citeproc_js: None) -> Iterator[ThreadPoolExecutor]:
    """Two threads for the renders a module's tests ask for ahead: each waits on its own node
    process, so both cores work.  Renders not started when the module ends are cancelled."""
    executor = ThreadPoolExecutor(max_workers=2)
    yield executor
    executor.shutdown(wait=True, cancel_futures=True)


def _golden(name: str) -> dict[str, Any]:
    return json.loads((GOLDEN / name).read_text(encoding="utf-8"))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _assert_same_rows(got: list[dict[str, Any]], want: list[dict[str, Any]], what: str) -> None:
    assert [r.get("id", r.get("ids", r.get("items"))) for r in got] == [
        r.get("id", r.get("ids", r.get("items"))) for r in want
    ], f"{what}: different items or order"
    for g, w in zip(got, want, strict=True):
        assert g == w, f"{what}: {g.get('id', g.get('ids'))} differs"


def _assert_reproduced(fresh: dict[str, Any], golden: dict[str, Any], name: str) -> None:
    hint = f"{name} is stale: regenerate with `{make_apa_golden.COMMAND}` and review the diff"
    assert fresh["engine"] == golden["engine"], hint
    assert fresh["style"] == golden["style"], hint
    for key in ("entries", "citations", "clusters"):
        if key in golden or key in fresh:
            _assert_same_rows(fresh[key], golden[key], f"{hint}; {key}")
    assert fresh["warnings"] == golden["warnings"]


# ---------------------------------------------------------------- the committed goldens


@pytest.mark.slow
def test_apa_golden_is_reproduced(citeproc_js: None) -> None:
    items = ZC / "items" / "apa-data.json"
    golden = _golden("apa-data.json")
    assert golden["items"]["sha256"] == _sha256(items), "apa-data.json input changed"
    assert len(golden["entries"]) == 198
    assert len(golden["citations"]) == 198
    _assert_reproduced(make_apa_golden.render_golden("apa", items), golden, "apa-data.json")


@pytest.fixture(scope="module")
def seed_renders(pool: ThreadPoolExecutor) -> dict[str, Future[dict[str, Any]]]:
    """Each seed golden rendered afresh, by style (started together, two at a time)."""
    return {
        style: pool.submit(
            make_apa_golden.render_golden,
            style,
            _golden(f"seeds-{style}.json")["items"]["data"],
            clusters=make_apa_golden.SEED_CLUSTERS,
        )
        for style in SEED_STYLES
    }


@pytest.mark.slow
@pytest.mark.parametrize("style", SEED_STYLES)
def test_seed_golden_is_reproduced(
    seed_renders: dict[str, Future[dict[str, Any]]], style: str
) -> None:
    name = f"seeds-{style}.json"
    _assert_reproduced(seed_renders[style].result(), _golden(name), name)


@pytest.mark.parametrize("style", SEED_STYLES)
def test_seed_golden_renders_the_current_seeds(style: str) -> None:
    golden = _golden(f"seeds-{style}.json")
    seeds = json.loads(make_apa_golden.SEEDS.read_text(encoding="utf-8"))
    assert golden["items"]["data"] == seeds, (
        f"seeds/governance.json changed since the goldens were made: "
        f"regenerate with `{make_apa_golden.COMMAND}`"
    )
    assert [c["ids"][0] for c in golden["citations"]] == [s["id"] for s in seeds]


def test_golden_entries_are_complete() -> None:
    for path in sorted(GOLDEN.glob("*.json")):
        golden = json.loads(path.read_text(encoding="utf-8"))
        ids = [e["id"] for e in golden["entries"]]
        assert len(ids) == len(set(ids)), path.name
        assert sorted(ids) == sorted(c["ids"][0] for c in golden["citations"]), path.name
        for row in golden["entries"] + golden["citations"]:
            assert row["text"] and row["html"], (path.name, row)


@pytest.mark.parametrize(
    ("style", "key", "expected"),
    [
        pytest.param(
            style,
            key,
            expected,
            id=f"{style}-{key}",
            marks=[pytest.mark.xfail(strict=True, reason=ISSUE_TEXT_DIFFERENCES[(style, key)])]
            if (style, key) in ISSUE_TEXT_DIFFERENCES
            else [],
        )
        for style, key, expected in make_apa_golden.ISSUE_TEXTS
    ],
)
def test_seed_golden_matches_issue_text(style: str, key: str, expected: str) -> None:
    """The texts issue 3 quotes for the seeds are what citeproc-js gives ("…" elides)."""
    goldens = {f"seeds-{style}.json": _golden(f"seeds-{style}.json")}
    assert make_apa_golden.issue_differences_for(goldens, style, key, expected) == []


# ------------------------------------------- the harness against zotero-chinese's own output


@pytest.fixture(scope="module")
def zc_renders(pool: ThreadPoolExecutor) -> dict[tuple[str, str], Future[dict[str, Any]]]:
    """Each zotero-chinese list rendered by the harness, by (style, part), two at a time."""
    return {
        (style, part): pool.submit(
            render_js.render,
            ZC_STYLES[style],
            ZC / "golden" / "inputs" / f"zc-{part}.json",
            format="html",
        )
        for part in ZC_PARTS
        for style in ZC_STYLES
    }


@pytest.mark.slow
@pytest.mark.parametrize("style", list(ZC_STYLES))
@pytest.mark.parametrize("part", ZC_PARTS)
def test_harness_reproduces_zotero_chinese_lists(
    zc_renders: dict[tuple[str, str], Future[dict[str, Any]]], style: str, part: str
) -> None:
    golden = json.loads((ZC / "golden" / f"{style}.json").read_text(encoding="utf-8"))
    out = zc_renders[(style, part)].result()
    assert out["warnings"] == []
    want = golden["parts"][part]
    assert [e["id"] for e in out["entries"]] == [e["id"] for e in want]
    differing = {
        (style, part, e["id"])
        for e, w in zip(out["entries"], want, strict=True)
        if e["html"] != golden["html"][part][e["id"]]
        or render_js.html_to_text(e["html"]) != w["text"]
    }
    known = {k for k in ZC_KNOWN_DIFFERENCES if k[:2] == (style, part)}
    assert differing == known


@pytest.mark.slow
@pytest.mark.parametrize("style", list(ZC_STYLES))
def test_harness_reproduces_zotero_chinese_citations(citeproc_js: None, style: str) -> None:
    """The "默认测试" citation clusters of each style's index.md, through processCitationCluster."""
    index = (ZC / "expected-html" / f"{style}.index.md").read_text(encoding="utf-8")
    section = index.split("## 默认测试", 1)[1].split("### 引注", 1)[1].split("###", 1)[0]
    want = [line.removesuffix("<br>") for line in section.strip().splitlines()]
    kind = "numeric" if "numeric" in style else "author-date"
    clusters = json.loads((ZC / "citations" / f"default-test-cites-{kind}.json").read_text("utf-8"))
    items: list[dict[str, Any]] = []
    for name in ("gbt7714-data.json", "default-test-cites-author-date-data.json"):
        items += json.loads((ZC / "items" / name).read_text(encoding="utf-8"))
    out = render_js.render(ZC_STYLES[style], items, modes=(), clusters=clusters, format="html")
    assert len(want) == len(clusters) > 5
    assert [c["html"] for c in out["citations"]] == want


def test_html_to_text() -> None:
    html = (
        '<div class="csl-entry">\n    <div class="csl-left-margin">[1]</div>'
        '<div class="csl-right-inline">A &#38; B. <i>T</i>\u3000x</div>\n  </div>'
    )
    assert render_js.html_to_text(html) == "[1] A & B. T x"


# ------------------------------------------------- citelib's CSL-JSON output in citeproc-js

#: Items whose rewritten CSL-JSON renders differently from the Zotero original, and why.
#: Fails on an unexpected pass too: remove an entry when it is fixed.
CSLJSON_KNOWN_DIFFERENCES: dict[tuple[str, str], str] = {}
#: Each Zotero items file in the two bilingual GB/T styles of different kinds, and the APA
#: manual examples in apa.csl too (APA on the Chinese files adds run time, not coverage).
CSLJSON_STYLES = (
    "zotero-chinese-gb-t-7714-2025-numeric-bilingual",
    "zotero-chinese-gb-t-7714-2015-author-date-bilingual",
)


def _zotero_item_files() -> list[str]:
    return sorted(p.name for p in (ZC / "items").glob("*.json"))


CSLJSON_CASES = [(name, style) for name in _zotero_item_files() for style in CSLJSON_STYLES]
CSLJSON_CASES.append(("apa-data.json", "apa"))


@pytest.mark.slow
@pytest.mark.parametrize(("name", "style"), CSLJSON_CASES)
def test_citelib_csljson_renders_like_the_zotero_original(
    citeproc_js: None, tmp_path: Path, name: str, style: str
) -> None:
    import citelib

    original = ZC / "items" / name
    library = citelib.read(original, format="csljson")
    assert [p for p in library.problems if p.severity == "error"] == []
    rewritten = tmp_path / name
    rewritten.write_text(citelib.write_text(library.works, "csljson").text, encoding="utf-8")
    modes = ("bibliography", "cite-each")
    want, got = at_once(
        lambda: render_js.render(style, original, modes=modes, format="html"),
        lambda: render_js.render(style, rewritten, modes=modes, format="html"),
    )
    assert got["warnings"] == want["warnings"] == []
    assert [e["id"] for e in got["entries"]] == [e["id"] for e in want["entries"]]
    rows = list(zip(got["entries"], want["entries"], strict=True))
    rows += zip(got["citations"], want["citations"], strict=True)
    differing = {w.get("id") or w["ids"][0]: (w["html"], g["html"]) for g, w in rows if g != w}
    known = {key for (file, key) in CSLJSON_KNOWN_DIFFERENCES if file == name}
    details = "\n".join(f"{k}:\n  Zotero: {w}\n  citelib: {g}" for k, (w, g) in differing.items())
    assert set(differing) == known, details
