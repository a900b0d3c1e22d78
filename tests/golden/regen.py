"""Regenerate citelib's render goldens, or print the conformance figures.

    .venv/bin/python tests/golden/regen.py            # rewrite tests/golden/render/*.json
    .venv/bin/python tests/golden/regen.py --report   # citelib vs citeproc-js per style; GB/T 2025 worked examples
    .venv/bin/python tests/golden/regen.py --stock    # stock citeproc-py 0.11.1, same lists
    .venv/bin/python tests/golden/regen.py --csl-suite [PREFIX]   # CSL test suite (diagnostic)

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


def csl_suite_results() -> dict[str, dict[str, Any]]:
    """What the engine renders for each single-cluster CSL test-suite fixture.

    Each fixture gives ``{"mode", "got", "ok"}`` (``ok``: equal to ``RESULT`` once
    all whitespace is removed); a multi-cluster fixture gives ``{"mode": "skipped"}``.
    Many fixtures test citeproc-js extensions; the figure shows general CSL health.
    """
    import os
    import re
    import tempfile

    from citelib._citeproc import CiteRequest, Processor, load_style, to_html
    from citelib.formats.csljson import read_items

    def sections(text: str) -> dict[str, str]:
        pattern = r">>=+ ([A-Z-]+) =+>>\n(.*?)\n<<=+ \1 =+<<"
        return {m.group(1): m.group(2) for m in re.finditer(pattern, text, re.S)}

    results: dict[str, dict[str, Any]] = {}
    for path in sorted((SHARED / "corpora" / "csl-test-suite" / "humans").glob("*.txt")):
        fixture = sections(path.read_text(encoding="utf-8-sig"))
        mode = fixture.get("MODE", "").strip()
        if "CITATIONS" in fixture or mode not in ("bibliography", "citation"):
            results[path.stem] = {"mode": "skipped"}
            continue
        with tempfile.NamedTemporaryFile("w", suffix=".csl", delete=False, encoding="utf-8") as f:
            f.write(fixture["CSL"])
        try:
            items = json.loads(fixture["INPUT"])
            proc = Processor(load_style(f.name)[0], read_items(items).works)
            if mode == "bibliography":
                proc.register(None)
                body = "".join(
                    f'<div class="csl-entry">{to_html(r)}</div>' for _, r, _ in proc.bibliography()
                )
                got = f'<div class="csl-bib-body">{body}</div>'
            elif "CITATION-ITEMS" in fixture:
                clusters = json.loads(fixture["CITATION-ITEMS"])
                proc.register([str(c["id"]) for cl in clusters for c in cl])
                got = "\n".join(
                    to_html(
                        proc.citation(
                            [
                                CiteRequest(
                                    str(c["id"]),
                                    c.get("locator"),
                                    c.get("label"),
                                    c.get("prefix", ""),
                                    c.get("suffix", ""),
                                )
                                for c in cl
                            ]
                        )
                    )
                    for cl in clusters
                )
            else:
                proc.register(None)
                got = to_html(proc.citation([CiteRequest(str(it.get("id"))) for it in items]))
        except Exception as e:  # noqa: BLE001 - a diagnostic counts crashes as failures
            got = f"{type(e).__name__}: {e}"
        finally:
            os.unlink(f.name)
        ok = "".join(got.split()) == "".join(fixture.get("RESULT", "").split())
        results[path.stem] = {"mode": mode, "got": got, "ok": ok}
    return results


def csl_suite(prefix: str | None) -> None:
    """Print the CSL test-suite figure (and, with a prefix, the failing fixtures it starts)."""
    results = csl_suite_results()
    skipped = sum(r["mode"] == "skipped" for r in results.values())
    run = {k: r for k, r in results.items() if r["mode"] != "skipped"}
    passed = sum(r["ok"] for r in run.values())
    print(
        f"CSL test suite: {passed}/{len(run)} = {100 * passed / len(run):.1f}% ({skipped} multi-cluster fixtures skipped)"
    )
    for mode in ("citation", "bibliography"):
        of_mode = [r for r in run.values() if r["mode"] == mode]
        print(f"  {mode}: {sum(r['ok'] for r in of_mode)}/{len(of_mode)}")
    if prefix:
        print("\n".join(k for k, r in run.items() if not r["ok"] and k.startswith(prefix)))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--report", action="store_true", help="print citelib's conformance figures")
    parser.add_argument("--stock", action="store_true", help="print stock citeproc-py's figures")
    parser.add_argument(
        "--csl-suite", nargs="?", const="", metavar="PREFIX", help="run the CSL test suite"
    )
    args = parser.parse_args()
    if args.csl_suite is not None:
        csl_suite(args.csl_suite or None)
    elif args.report:
        report()
    elif args.stock:
        stock()
    else:
        regenerate()


if __name__ == "__main__":
    main()
