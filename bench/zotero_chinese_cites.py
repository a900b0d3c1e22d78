"""zotero-chinese's test citations through citelib.Document, against citeproc-js (issue 9).

zotero-chinese renders each style's "默认测试" citations (``citations/default-test-cites-
{numeric,author-date,note}.json`` of ``../shared/corpora/zotero-chinese-styles``) with all
its test items registered together (``items/gbt7714-data.json``,
``default-test-cites-author-date-data.json``, ``manual-of-legal-citation-data.json``).
Two references:

* ``expected-html/*.index.md``: zotero-chinese's own citeproc-js output for the four
  bilingual GB/T 7714 styles (2015, 2025; numeric, author-date), under "默认测试 / 引注";
* citeproc-js itself (``render_js.py``, the clusters processed in order as a document
  would, one note each): the 2025 note style, and with ``--all`` every style of
  ``styles/zotero-chinese.zip`` by its citation format (note styles with the note cites,
  numeric ones with the numeric cites, all others with the author-date cites).

citelib gets the same items as a list of CSL-JSON dicts, the clusters in order, one note
each, and the style by its file (or, with ``--all``, its zotero-chinese name); every work is
registered (``nocite *``) against zotero-chinese's output, only the cited ones against the
harness, as each reference does.  A citation counts when its HTML is identical.

    .venv/bin/python bench/zotero_chinese_cites.py            # the five styles
    .venv/bin/python bench/zotero_chinese_cites.py --all      # + all 337 (citeproc-js cached)
    .venv/bin/python bench/zotero_chinese_cites.py --show 5   # + the first 5 misses of each
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import citelib  # noqa: E402
from citelib.document import CiteItem, Document  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "zotero-chinese-styles"
STYLES = ROOT.parent / "shared" / "csl" / "styles"
CACHE = BENCH / "out" / "zotero-chinese-cites-js"
ITEM_FILES = (
    "gbt7714-data.json",
    "default-test-cites-author-date-data.json",
    "manual-of-legal-citation-data.json",
)
EXPECTED = {  # expected-html file -> (bilingual style file, cites)
    "gbt7714-2015-numeric": ("zotero-chinese-gb-t-7714-2015-numeric-bilingual.csl", "numeric"),
    "gbt7714-2015-author-date": (
        "zotero-chinese-gb-t-7714-2015-author-date-bilingual.csl",
        "author-date",
    ),
    "gbt7714-2025-numeric": ("zotero-chinese-gb-t-7714-2025-numeric-bilingual.csl", "numeric"),
    "gbt7714-2025-author-date": (
        "zotero-chinese-gb-t-7714-2025-author-date-bilingual.csl",
        "author-date",
    ),
}
NOTE_STYLE = "zotero-chinese-gb-t-7714-2025-note-bilingual.csl"


def items() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for name in ITEM_FILES:
        out.extend(json.loads((CORPUS / "items" / name).read_text(encoding="utf-8")))
    return out


def cites(kind: str) -> list[list[dict[str, Any]]]:
    path = CORPUS / "citations" / f"default-test-cites-{kind}.json"
    data: list[list[dict[str, Any]]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def expected(name: str) -> list[str]:
    """The "默认测试 / 引注" lines of an expected-html file."""
    text = (CORPUS / "expected-html" / f"{name}.index.md").read_text(encoding="utf-8")
    m = re.search(r"## 默认测试\s+### 引注\s+(.*?)\n\s*\n", text, re.S)
    if m is None:
        raise SystemExit(f"{name}: no 默认测试 citations")
    return [line.removesuffix("<br>") for line in m.group(1).splitlines()]


def citelib_citations(
    style: str, works: list[dict[str, Any]], clusters: Any, *, every: bool
) -> list[str]:
    """citelib's final citations; *every*: all works registered (listed), as zotero-chinese's
    renderer does, else only the cited ones, as the citeproc-js harness does."""
    doc = Document(works, style=style, nocite=["*"] if every else [])
    for i, cluster in enumerate(clusters):
        doc.cite(
            *(
                CiteItem(
                    str(c["id"]),
                    c.get("locator"),
                    c.get("label") or "page",
                    c.get("prefix", ""),
                    c.get("suffix", ""),
                    c.get("mode", "normal"),
                )
                for c in cluster
            ),
            note=i + 1,  # as the harness (and zotero-chinese's) numbers them
        )
    return doc.render("html").citations


def js_citations(style_file: Path, works: list[dict[str, Any]], clusters: Any) -> list[str]:
    """citeproc-js's final citations, cached by a hash of style, items, clusters, engine."""
    from render_js import render, version

    key = hashlib.sha256()
    for part in (
        style_file.read_bytes(),
        json.dumps([works, clusters]).encode(),
        version().encode(),
    ):
        key.update(part)
    cached = CACHE / f"{key.hexdigest()[:24]}.json"
    if cached.exists():
        out: list[str] = json.loads(cached.read_text(encoding="utf-8"))
        return out
    result = render(style_file, works, modes=("clusters",), clusters=clusters, format="html")
    out = [c["html"] or "" for c in result["citations"]]
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return out


def compare(name: str, got: list[str], want: list[str], show: int) -> tuple[int, int]:
    exact = sum(g == w for g, w in zip(got, want, strict=False))
    total = max(len(want), len(got))
    print(f"{exact:3d}/{total:<3d} {name}")
    misses = [(i, g, w) for i, (g, w) in enumerate(zip(got, want, strict=False)) if g != w]
    for i, g, w in misses[:show]:
        print(f"      [{i}] want {w}\n          got  {g}")
    return exact, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="every zotero-chinese style too")
    parser.add_argument("--show", type=int, default=0, help="print the first N misses of each")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"no corpus at {CORPUS}")
    works = items()
    exact = total = 0
    for name, (style_file, kind) in EXPECTED.items():
        got = citelib_citations(str(STYLES / style_file), works, cites(kind), every=True)
        e, t = compare(f"{name} (zotero-chinese expected-html)", got, expected(name), args.show)
        exact, total = exact + e, total + t
    note = cites("note")
    style = STYLES / NOTE_STYLE
    got = citelib_citations(str(style), works, note, every=False)
    e, t = compare(
        "gbt7714-2025-note (citeproc-js)", got, js_citations(style, works, note), args.show
    )
    exact, total = exact + e, total + t
    print(f"five GB/T 7714 styles: {exact}/{total} = {100 * exact / total:.1f}% exact")
    if not args.all:
        return
    from render_js import CiteprocJsError

    styles_exact = all_exact = all_total = 0
    js_failed: list[str] = []
    infos = [s for s in citelib.find_styles() if s.collection == "zotero-chinese"]
    archive = zipfile.ZipFile(ROOT / "styles" / "zotero-chinese.zip")
    with tempfile.TemporaryDirectory() as tmp:
        for info in infos:
            kind = info.citation_format if info.citation_format in ("numeric", "note") else None
            clusters = cites(kind or "author-date")
            member = next(
                n
                for n in archive.namelist()
                if n.startswith(f"{info.folder}/") and n.endswith(".csl")
            )
            path = Path(tmp) / f"{hashlib.sha1(member.encode()).hexdigest()}.csl"
            path.write_bytes(archive.read(member))
            try:
                want = js_citations(path, works, clusters)
            except CiteprocJsError as exc:
                js_failed.append(f"{info.name}: {str(exc).splitlines()[0]}")
                continue
            try:
                got = citelib_citations(info.name, works, clusters, every=False)
            except Exception as exc:  # noqa: BLE001 - a style citelib cannot use counts as missed
                got = [f"{type(exc).__name__}: {exc}"] * len(want)
            e, t = (
                compare(info.name, got, want, args.show)
                if args.show
                else (
                    sum(g == w for g, w in zip(got, want, strict=False)),
                    len(want),
                )
            )
            all_exact, all_total = all_exact + e, all_total + t
            styles_exact += e == t
    measured = len(infos) - len(js_failed)
    print(
        f"{measured} zotero-chinese styles: {all_exact}/{all_total} citations ="
        f" {100 * all_exact / all_total:.1f}% exact; {styles_exact} styles entirely exact"
    )
    for line in js_failed:
        print(f"  not measured, citeproc-js fails: {line}")


if __name__ == "__main__":
    main()
