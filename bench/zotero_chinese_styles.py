"""citelib vs citeproc-js over the whole zotero-chinese collection (issue 8, items 3 and 4).

For every in-text style of ``styles/zotero-chinese.zip`` (note styles are left out) the five
test lists zotero-chinese renders its own examples with (``golden/inputs/zc-{gbt7714,aps,ssc,
mlc,apa}.json`` of ``../shared/corpora/zotero-chinese-styles``: the GB/T 7714 examples, 心理学报,
中国社会科学, 法学引注手册, the APA manual) are rendered as reference lists by citelib (the style
given by its zotero-chinese name, as a user would) and by citeproc-js 2.4.63 (the same
unmodified file, extracted to a temporary folder). An entry counts as exact when it is in the
same place in both lists with the same id and the same text, whitespace collapsed (nothing
else is normalised), so a list in another order counts against the style.

    .venv/bin/python bench/zotero_chinese_styles.py                 # table, median, count >= 99 %
    .venv/bin/python bench/zotero_chinese_styles.py --show 20       # + the 20 worst styles' first misses
    .venv/bin/python bench/zotero_chinese_styles.py --style 心理学报 --show 50
    .venv/bin/python bench/zotero_chinese_styles.py --json out.json # per-style figures for a diff

citeproc-js takes about half a second a list (1,455 lists): its output is cached under
``bench/out/zotero-chinese-js/`` by a hash of the style, the items and the engine version, so
only the first run is slow. At most two processes (``--jobs``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import statistics
import sys
import tempfile
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import render_js  # noqa: E402

INPUTS = ROOT.parent / "shared" / "corpora" / "zotero-chinese-styles" / "golden" / "inputs"
PARTS = ("gbt7714", "aps", "ssc", "mlc", "apa")
CACHE = BENCH / "out" / "zotero-chinese-js"
ARCHIVE = ROOT / "styles" / "zotero-chinese.zip"
_SPACE = re.compile(r"\s+")


def collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def in_text_styles() -> list[tuple[str, str]]:
    """(citelib name, archive member) of every in-text style of the collection."""
    from citelib.render import _zotero_chinese

    with zipfile.ZipFile(ARCHIVE) as archive:
        names = archive.namelist()
    out = []
    for info in _zotero_chinese():
        if info.citation_format == "note":
            continue
        member = next(n for n in names if n.startswith(f"{info.folder}/") and n.endswith(".csl"))
        out.append((info.name, member))
    return out


def _items(part: str) -> bytes:
    return (INPUTS / f"zc-{part}.json").read_bytes()


def js_lists(member: str) -> dict[str, list[tuple[str, str]]]:
    """citeproc-js's five lists for the archive's *member*, from the cache or rendered now."""
    with zipfile.ZipFile(ARCHIVE) as archive:
        style = archive.read(member)
    out: dict[str, list[tuple[str, str]]] = {}
    with tempfile.TemporaryDirectory(prefix="zc-js-") as tmp:
        path = Path(tmp) / "style.csl"
        path.write_bytes(style)
        for part in PARTS:
            items = _items(part)
            key = hashlib.sha256(
                style + b"\0" + items + b"\0" + render_js.version().encode()
            ).hexdigest()[:32]
            cached = CACHE / f"{key}.json"
            if cached.is_file():
                rows = json.loads(cached.read_text(encoding="utf-8"))
            else:
                try:
                    result = render_js.render(path, INPUTS / f"zc-{part}.json", format="text")
                    rows = [[e["id"], collapse(e["text"] or "")] for e in result["entries"]]
                except render_js.CiteprocJsError as e:
                    rows = [["<error>", str(e).splitlines()[0] if str(e) else "error"]]
                CACHE.mkdir(parents=True, exist_ok=True)
                cached.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
            out[part] = [(str(i), t) for i, t in rows]
    return out


def citelib_lists(name: str) -> dict[str, list[tuple[str, str]]]:
    import warnings

    import citelib

    warnings.simplefilter("ignore")
    out = {}
    for part in PARTS:
        items = json.loads(_items(part))
        try:
            bib = citelib.format_bibliography(items, name)
            out[part] = [(e.id, collapse(e.text)) for e in bib.entries]
        except Exception as e:  # noqa: BLE001 - a crash is a figure here
            out[part] = [("<error>", f"{type(e).__name__}: {e}")]
    return out


def compare(job: tuple[str, str]) -> dict[str, Any]:
    name, member = job
    js = js_lists(member)
    mine = citelib_lists(name)
    exact = total = 0
    same_entries = 0  # entries right but in another place
    misses: list[tuple[str, str, str]] = []
    for part in PARTS:
        want, got = js[part], mine[part]
        got_by_id = dict(got)
        for i, (wid, wtext) in enumerate(want):
            total += 1
            if i < len(got) and got[i] == (wid, wtext):
                exact += 1
            else:
                same_entries += got_by_id.get(wid) == wtext
                misses.append(
                    (
                        f"{part}:{i}",
                        f"{wid}: {wtext}",
                        f"{got[i][0]}: {got[i][1]}" if i < len(got) else "-",
                    )
                )
    return {
        "name": name,
        "exact": exact,
        "total": total,
        "misplaced": same_entries,
        "percent": 100 * exact / total if total else 0.0,
        "misses": misses,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--style", action="append", help="only styles whose name contains this")
    parser.add_argument("--jobs", type=int, default=2, help="processes (at most 2)")
    parser.add_argument("--show", type=int, default=0, help="print the first misses of the N worst")
    parser.add_argument("--json", help="write the per-style figures to this file")
    args = parser.parse_args(argv)
    reason = render_js.unavailable_reason()
    if reason:
        print(f"citeproc-js unavailable: {reason}", file=sys.stderr)
        return 2
    jobs = in_text_styles()
    if args.style:
        jobs = [j for j in jobs if any(s in j[0] for s in args.style)]
    with ProcessPoolExecutor(max_workers=max(1, min(2, args.jobs))) as pool:
        results = list(pool.map(compare, jobs, chunksize=1))
    results.sort(key=lambda r: (r["percent"], r["name"]))
    for r in results:
        print(
            f"{r['percent']:6.1f}%  {r['exact']:3d}/{r['total']}  "
            f"(misplaced {r['misplaced']:3d})  {r['name']}"
        )
    percents = [r["percent"] for r in results]
    if percents:
        print(
            f"\n{len(results)} in-text styles: median {statistics.median(percents):.1f}% exact, "
            f"{sum(p >= 99 for p in percents)} at >= 99%, {sum(p == 100 for p in percents)} at 100%; "
            f"all entries {sum(r['exact'] for r in results)}/{sum(r['total'] for r in results)}"
        )
    for r in results[: args.show]:
        print(f"\n== {r['name']} ({r['percent']:.1f}%)")
        for where, want, got in r["misses"][:6]:
            print(f"  {where}\n    js:      {want}\n    citelib: {got}")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {r["name"]: {k: r[k] for k in ("exact", "total", "percent")} for r in results},
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
