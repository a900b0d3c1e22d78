"""Regenerate citelib's render goldens, or print the conformance figures.

    .venv/bin/python tests/golden/regen.py            # rewrite tests/golden/render/*.json
    .venv/bin/python tests/golden/regen.py --report   # citelib vs citeproc-js per style; GB/T 2025 worked examples
    .venv/bin/python tests/golden/regen.py --stock    # stock citeproc-py 0.11.1, same lists

The goldens are citelib's own output for tests/data/render/{issue-seeds,mixed}.json (the
seed works as issue 3 quotes them, and a mixed Chinese/English set) in every shipped style
(list as text, HTML and Markdown; some citations).  Never edit them by hand: change the
code, run this script, review the diff.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import citelib  # noqa: E402
from citelib.render import cite, format_bibliography, styles  # noqa: E402

OUT = ROOT / "tests" / "golden" / "render"
INPUTS = {
    "seeds": ROOT / "tests" / "data" / "render" / "issue-seeds.json",
    "mixed": ROOT / "tests" / "data" / "render" / "mixed.json",
}
#: Citations rendered for each input (keys as one citation).
CITATIONS = {
    "seeds": [["ren2020", "wang2024", "sun2018"], ["sun2018", "ren2020"], ["wu2024"]],
    "mixed": [
        ["zhang2008", "zeng2019", "smith2019"],
        ["smith2019", "smith2019b"],
        ["zhang2008", "web2023", "patent2008", "standard2022"],
        ["anon2020"],
    ],
}
SHARED = ROOT.parent / "shared"
GBT = [
    "gbt7714-2025-numeric",
    "gbt7714-2025-author-date",
    "gbt7714-2015-numeric",
    "gbt7714-2015-author-date",
]


def golden(style: str) -> dict[str, Any]:
    """What the golden file for ``style`` holds."""
    data: dict[str, Any] = {"style": style}
    for name, path in INPUTS.items():
        works = citelib.read(path).works
        lists = {
            m: format_bibliography(works, style, markup=m) for m in ("text", "html", "markdown")
        }
        data[name] = {
            "entries": [
                {"id": t.id, "text": t.text, "html": h.text, "markdown": md.text}
                for t, h, md in zip(
                    lists["text"].entries,
                    lists["html"].entries,
                    lists["markdown"].entries,
                    strict=True,
                )
            ],
            "problems": [str(p) for p in lists["text"].problems],
            "citations": [
                {"ids": ids, "text": cite(works, ids, style).text} for ids in CITATIONS[name]
            ],
        }
    return data


def regenerate() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for style in styles():
        path = OUT / f"{style}.json"
        path.write_text(
            json.dumps(golden(style), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(f"wrote {path.relative_to(ROOT)}")


def report() -> None:
    import test_render_conformance as conf

    for style in GBT:
        ok, total, _ = conf.compare_gbt(style)
        print(f"{style}: {ok}/{total} = {100 * ok / total:.1f}% exact")
    list_diffs, cite_diffs, total = conf.compare_apa()
    print(
        f"apa list: {total - len(list_diffs)}/{total} = {100 * (total - len(list_diffs)) / total:.1f}%"
    )
    print(
        f"apa citations: {total - len(cite_diffs)}/{total} = {100 * (total - len(cite_diffs)) / total:.1f}%"
    )
    import test_render_gbt_examples as examples

    ok, total, diffs = examples.compare()
    causes: dict[str, int] = {}
    for key in diffs:
        cause = examples.FAILURES.get(key, "unlisted:").split(":", 1)[0]
        causes[cause] = causes.get(cause, 0) + 1
    by_cause = ", ".join(f"{c} {n}" for c, n in sorted(causes.items()))
    print(
        f"gbt7714-2025 worked examples: {ok}/{total} = {100 * ok / total:.1f}% "
        f"(misses by cause: {by_cause})"
    )


def stock() -> None:
    """Stock citeproc-py 0.11.1 with the official styles on the same lists (labels ignored)."""
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    warnings.simplefilter("ignore")
    gdir = ROOT / "tests" / "data" / "corpora" / "zotero-chinese-styles" / "golden"
    for style in GBT:
        path = SHARED / "csl" / "styles" / f"china-national-standard-gb-t-7714-{style[8:]}.csl"
        gold = json.loads((gdir / f"{style}.json").read_text(encoding="utf-8"))
        ok = total = 0
        crashed = []
        for part, entries in gold["parts"].items():
            total += len(entries)
            items = json.loads((gdir / "inputs" / f"zc-{part}.json").read_text(encoding="utf-8"))
            try:
                bib = CitationStylesBibliography(
                    CitationStylesStyle(str(path), validate=False),
                    CiteProcJSON(items),
                    formatter.plain,
                )
                for it in items:
                    bib.register(Citation([CitationItem(it["id"])]))
                bib.sort()
                out = [" ".join(str(x).split()) for x in bib.bibliography()]
            except Exception as e:  # noqa: BLE001 - measuring the crash is the point
                crashed.append(f"{part} ({type(e).__name__})")
                continue
            for i, entry in enumerate(entries):
                want, mine = entry["text"], out[i] if i < len(out) else ""
                if want.startswith("["):  # numeric: citeproc-py has no second-field-align label
                    want = want.split("] ", 1)[-1]
                    mine = mine.split("]", 1)[-1].strip() if mine.startswith("[") else mine
                ok += mine == want
        extra = f"; whole list lost by a crash: {', '.join(crashed)}" if crashed else ""
        print(f"{style}: stock citeproc-py {ok}/{total} = {100 * ok / total:.1f}%{extra}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--report", action="store_true", help="print citelib's conformance figures")
    parser.add_argument("--stock", action="store_true", help="print stock citeproc-py's figures")
    args = parser.parse_args()
    if args.report:
        report()
    elif args.stock:
        stock()
    else:
        regenerate()


if __name__ == "__main__":
    main()
