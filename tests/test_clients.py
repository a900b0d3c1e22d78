"""Checks with real clients: pandoc and citeproc-js read what citelib writes.

Nothing is installed at test time: each test skips cleanly when its client is absent
(``.ci/clients`` installs pandoc from Debian's packages and citeproc-js from npm into
``bench/node_modules``).  The Zotero items and the CSL styles are the copies in tests/data
(CC BY-SA 3.0; tests/data/corpora/SOURCES.md, tests/data/csl/SOURCES.md).

* pandoc (its built-in citeproc, ``--citeproc``) renders our CSL-JSON without a warning
  and as it renders the Zotero originals, and renders the same reference list from our
  BibTeX/BibLaTeX as from our CSL-JSON;
* citeproc-js renders our ``zotero-json`` output as it renders the Zotero originals (the
  variables moved into ``note`` lines come back), and our CSL-JSON of the seeds without
  a warning.
"""

from __future__ import annotations

import functools
import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import COPIES, DATA, ROOT, at_once

from citelib.io import read, write_text
from citelib.model import FIELDS, Work

sys.path.insert(0, str(ROOT / "bench"))
import render_js  # noqa: E402

pytestmark = pytest.mark.slow

SEEDS = ROOT / "seeds" / "governance.json"
ITEMS = COPIES / "zotero-chinese-styles" / "items"
ITEM_FILES = [
    "gbt7714-data.json",
    "gbt7714-2025-numeric-style-items.json",
    "apa-data.json",
    "acta-psychologica-sinica-data.json",
    "social-sciences-in-china-data.json",
    "manual-of-legal-citation-data.json",
    "default-test-cites-author-date-data.json",
]
APA = ("csl", "styles", "apa.csl")
GBT = ("csl", "styles", "china-national-standard-gb-t-7714-2015-numeric.csl")
GBT_BILINGUAL = "zotero-chinese-gb-t-7714-2015-numeric-bilingual.csl"


def _items(name: str) -> Path:
    return ITEMS / name


def _style(style: tuple[str, ...]) -> Path:
    return DATA.joinpath(*style)


def _works(path: Path) -> list[Work]:
    lib = read(path, format="csljson")
    assert [p for p in lib.problems if p.severity == "error"] == []
    return list(lib.works)


# ---------------------------------------------------------------------------
# pandoc


@functools.cache
def _pandoc() -> str | None:
    exe = shutil.which("pandoc")
    if exe is None:
        return None
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False).stdout
    m = re.match(r"pandoc(?:\.exe)? (\d+)\.(\d+)", out)
    if m is None or (int(m.group(1)), int(m.group(2))) < (2, 11):
        return None  # --citeproc arrived in 2.11
    return exe


@pytest.fixture(scope="module")
def pandoc() -> str:
    exe = _pandoc()
    if exe is None:
        pytest.skip("needs pandoc >= 2.11, which is not installed (.ci/clients installs it)")
    return exe


def pandoc_list(pandoc: str, bibliography: Path, style: Path) -> tuple[dict[str, str], str]:
    """pandoc's reference list for every entry of *bibliography*: id → plain text, and stderr.

    pandoc picks the bibliography format from the suffix: ``.json`` CSL-JSON, ``.bib``
    BibLaTeX, ``.bibtex`` BibTeX.
    """
    doc = "---\nnocite: '@*'\n---\n"
    proc = subprocess.run(
        [
            pandoc,
            "-f",
            "markdown",
            "-t",
            "html",
            "--citeproc",
            f"--bibliography={bibliography}",
            f"--csl={style}",
        ],
        input=doc,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    parts = re.split(r'<div id="ref-([^"]+)"[^>]*>', proc.stdout)[1:]
    entries: dict[str, str] = {}
    for key, body in zip(parts[::2], parts[1::2], strict=True):
        text = re.sub(r"<[^>]+>", "", re.sub(r"</?(?:div|p|br)\b[^>]*>", " ", body))
        text = html.unescape(text)
        entries[html.unescape(key)] = re.sub(r"\s+", " ", text).strip()
    return entries, proc.stderr


def test_pandoc_renders_the_seeds_from_our_csljson(pandoc: str, tmp_path: Path) -> None:
    works = _works(SEEDS)
    ours = tmp_path / "seeds.json"
    ours.write_text(write_text(works, "csljson").text, encoding="utf-8")
    entries, errors = pandoc_list(pandoc, ours, _style(GBT))
    assert errors == ""
    assert list(entries) == [w.id for w in works]  # numeric: in citation (file) order
    assert entries["sun2018"] == (
        "[3] 孙柏瑛. 突破“碎片化”：构建“回应性”城市政府协同治理框架——基于杭州上城区“平安365”的"
        "案例分析[J]. 地方治理研究, 2018(1): 2-16."
    )
    assert entries["wang2024"].startswith(
        "[2] WANG Q. Research on the Practical Dilemma of Community Governance Platform[D]."
    )


@pytest.mark.parametrize("style", [APA, GBT], ids=["apa", "gbt7714-2015-numeric"])
@pytest.mark.parametrize("name", ITEM_FILES)
def test_pandoc_renders_our_csljson_as_the_zotero_original(
    pandoc: str, tmp_path: Path, name: str, style: tuple[str, ...]
) -> None:
    """Every entry alike, but those whose note has ``variable: value`` lines.

    citelib's reader reads such lines as Zotero and citeproc-js do (a ``type:`` line is
    the item's type, a date line overrides the item's date, the first line may be other
    text) and writes them as variables; pandoc reads them its own way (it ignores
    ``type:``, keeps ``1865（清同治四年）`` as written), so it renders the original
    differently.
    """
    original = _items(name)
    works = _works(original)
    ours = tmp_path / "ours.json"
    ours.write_text(write_text(works, "csljson").text, encoding="utf-8")
    (want, want_errors), (got, errors) = at_once(
        lambda: pandoc_list(pandoc, original, _style(style)),
        lambda: pandoc_list(pandoc, ours, _style(style)),
    )
    assert errors == want_errors == ""
    assert list(got) == list(want)
    read_otherwise = {
        item["id"]
        for item in json.loads(original.read_text(encoding="utf-8"))
        if _pandoc_reads_otherwise(item.get("note", ""))
    }
    differing = [
        (k, want[k], got[k]) for k in want if want[k] != got[k] and k not in read_otherwise
    ]
    assert differing == []


_DATE_VARIABLES = {f.csl for f in FIELDS if f.kind == "date"}
_VARIABLE_LINE = re.compile(r"^\s*\{?:?([-_a-zA-Z]+):")


def _pandoc_reads_otherwise(note: str) -> bool:
    """A note whose variable lines pandoc reads otherwise than Zotero and citeproc-js:
    a ``type:`` or a date line, or variable lines after a first line of other text."""
    lines = [line for line in note.split("\n") if line.strip()]
    keys = [m[1] for m in map(_VARIABLE_LINE.match, lines) if m]
    first_is_text = bool(lines) and not _VARIABLE_LINE.match(lines[0])
    return any(k == "type" or k in _DATE_VARIABLES for k in keys) or (first_is_text and bool(keys))


def _sample(name: str) -> list[Work]:
    if name == "seeds":
        return _works(SEEDS)
    return _works(_items(name))


def _bib_and_json_lists(
    pandoc: str, tmp_path: Path, works: list[Work], style: tuple[str, ...], dialect: str
) -> tuple[dict[str, str], dict[str, str], str]:
    as_json = tmp_path / "refs.json"
    as_json.write_text(write_text(works, "csljson").text, encoding="utf-8")
    as_bib = tmp_path / ("refs.bibtex" if dialect == "bibtex" else "refs.bib")
    as_bib.write_text(write_text(works, dialect).text, encoding="utf-8")
    (from_json, json_errors), (from_bib, bib_errors) = at_once(
        lambda: pandoc_list(pandoc, as_json, _style(style)),
        lambda: pandoc_list(pandoc, as_bib, _style(style)),
    )
    assert json_errors == ""
    assert sorted(from_bib) == sorted(from_json)
    return from_json, from_bib, bib_errors


STYLES = [APA, GBT]
STYLE_IDS = ["apa", "gbt7714-2015-numeric"]


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_pandoc_same_seed_list_from_our_bibtex_and_our_csljson_apa(
    pandoc: str, tmp_path: Path, dialect: str
) -> None:
    from_json, from_bib, errors = _bib_and_json_lists(
        pandoc, tmp_path, _sample("seeds"), APA, dialect
    )
    assert errors == ""
    assert from_bib == from_json


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_pandoc_same_seed_list_from_our_bibtex_and_our_csljson_gbt(
    pandoc: str, tmp_path: Path, dialect: str
) -> None:
    from_json, from_bib, errors = _bib_and_json_lists(
        pandoc, tmp_path, _sample("seeds"), GBT, dialect
    )
    assert errors == ""
    assert from_bib == from_json


#: Entries pandoc renders alike from our BibTeX and our CSL-JSON, measured with pandoc
#: 2.17 (Debian 12).  BibTeX cannot carry everything CSL-JSON does (periodicals, legal
#: types, date ranges, literal dates, volume titles) and pandoc sentence-cases English
#: titles it reads from BibTeX unless they are braced; each figure is a floor, so a
#: regression fails and an improvement passes (then raise the floor).
BIB_AGREEMENT_FLOOR = {
    ("gbt7714-data.json", "apa", "bibtex"): 83,
    ("gbt7714-data.json", "apa", "biblatex"): 83,
    ("gbt7714-data.json", "gbt7714-2015-numeric", "bibtex"): 106,
    ("gbt7714-data.json", "gbt7714-2015-numeric", "biblatex"): 106,
    ("apa-data.json", "apa", "bibtex"): 90,
    ("apa-data.json", "apa", "biblatex"): 90,
    ("apa-data.json", "gbt7714-2015-numeric", "bibtex"): 147,
    ("apa-data.json", "gbt7714-2015-numeric", "biblatex"): 146,
}


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
@pytest.mark.parametrize("style", STYLES, ids=STYLE_IDS)
@pytest.mark.parametrize("name", ["gbt7714-data.json", "apa-data.json"])
def test_pandoc_bibtex_and_csljson_lists_agree_on_a_varied_sample(
    pandoc: str, tmp_path: Path, name: str, style: tuple[str, ...], dialect: str
) -> None:
    from_json, from_bib, _ = _bib_and_json_lists(pandoc, tmp_path, _sample(name), style, dialect)
    equal = sum(from_bib[k] == from_json[k] for k in from_json)
    style_id = STYLE_IDS[STYLES.index(style)]
    assert equal >= BIB_AGREEMENT_FLOOR[(name, style_id, dialect)], (equal, len(from_json))


# ---------------------------------------------------------------------------
# citeproc-js


@pytest.fixture(scope="module")
def citeproc_js() -> None:
    reason = render_js.unavailable_reason()
    if reason:
        pytest.skip(f"needs citeproc-js: {reason} (.ci/clients installs it)")


#: (items file, style) → entries whose zotero-json rendering differs from the original's,
#: and why.  An entry listed here that starts to match fails the test too.
ZOTERO_JSON_KNOWN: dict[tuple[str, str], set[str]] = {}


def _render(style: str, items: Path | list[dict[str, object]]) -> dict[str, object]:
    return render_js.render(style, items, modes=("bibliography", "cite-each"), format="html")


def _differing(got: dict[str, object], want: dict[str, object]) -> set[str]:
    assert got["warnings"] == want["warnings"] == []
    g_entries, w_entries = got["entries"], want["entries"]
    assert isinstance(g_entries, list) and isinstance(w_entries, list)
    assert [e["id"] for e in g_entries] == [e["id"] for e in w_entries]
    out = {w["id"] for g, w in zip(g_entries, w_entries, strict=True) if g != w}
    g_cites, w_cites = got["citations"], want["citations"]
    assert isinstance(g_cites, list) and isinstance(w_cites, list)
    out |= {w["ids"][0] for g, w in zip(g_cites, w_cites, strict=True) if g != w}
    return out


@pytest.mark.parametrize(
    ("name", "style"),
    [(name, GBT_BILINGUAL) for name in ITEM_FILES] + [("apa-data.json", "apa.csl")],
)
def test_citeproc_js_renders_zotero_json_as_the_zotero_original(
    citeproc_js: None, name: str, style: str
) -> None:
    original = _items(name)
    works = _works(original)
    items = json.loads(write_text(works, "zotero-json").text)
    assert all(item["type"] != "software" for item in items)
    differing = _differing(
        *at_once(lambda: _render(style, items), lambda: _render(style, original))
    )
    assert differing == ZOTERO_JSON_KNOWN.get((name, style), set())


@pytest.mark.parametrize("style", ["apa.csl", GBT_BILINGUAL])
def test_citeproc_js_renders_the_seeds_from_csljson_and_zotero_json(
    citeproc_js: None, tmp_path: Path, style: str
) -> None:
    works = _works(SEEDS)
    ours = tmp_path / "seeds.json"
    ours.write_text(write_text(works, "csljson").text, encoding="utf-8")
    # the variables zotero-json moves into note lines (available-date, keyword,
    # number-of-pages, extra) come back: the lists are the same
    zotero = json.loads(write_text(works, "zotero-json").text)
    plain, from_zotero = at_once(lambda: _render(style, ours), lambda: _render(style, zotero))
    assert plain["warnings"] == []
    entries = plain["entries"]
    assert isinstance(entries, list)
    assert sorted(e["id"] for e in entries) == sorted(w.id for w in works)
    sun = next(e for e in entries if e["id"] == "sun2018")
    assert "孙柏瑛" in sun["html"] and "地方治理研究" in sun["html"]
    assert _differing(from_zotero, plain) == set()
