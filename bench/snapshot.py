"""A behaviour snapshot: everything citelib produces for the shared corpora, for diffing.

    .venv/bin/python bench/snapshot.py OUT_DIR            # write the snapshot
    .venv/bin/python bench/snapshot.py --diff A B         # compare two snapshots

A refactoring that must not change behaviour is checked by taking a snapshot before
and after it and diffing the two.  The snapshot holds, as JSON files:

* ``read/<corpus file>.json``: the works each corpus file reads into (their repr)
  and the problems reported;
* ``write/<format>/<corpus file>.json``: what each writable format writes for those
  works, and the problems the writer reports;
* ``render/<style>/<input>.json``: the reference list (text and HTML), each work
  cited alone, and the warnings, for the shipped styles, the popular styles and a
  sample of the zotero-chinese styles over varied inputs;
* ``csl-suite.json``: what the engine renders for each CSL test-suite fixture.

It needs ../shared (the corpora and styles); nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "golden"))

CORPORA = SHARED / "corpora"


def _inputs() -> list[tuple[str, list[Path], str | None]]:
    out: list[tuple[str, list[Path], str | None]] = []
    for p in sorted(CORPORA.rglob("*")):
        if not p.is_file():
            continue
        rel = p.relative_to(CORPORA).as_posix()
        if rel.startswith(("csl-test-suite/", "pandoc-biblatex-to-csl/")):
            continue
        if "iridia-references" in rel:
            continue
        if p.suffix.lower() in (".md", ".tsv", ".yml", ".tlg", ".nbib") or p.name == "SOURCES.md":
            continue
        if "zotero-chinese-styles/golden/" in rel and not rel.endswith(".json"):
            continue
        if rel.startswith("zotero-chinese-styles/golden/") and "/inputs/" not in rel:
            continue
        if rel.startswith("zotero-chinese-styles/citations/"):
            continue
        if "demo_wos" in rel:
            continue
        fmt = None
        if p.suffix.lower() == ".txt" and "cnki" in rel:
            fmt = "cnki"
        out.append((rel, [p], fmt))
    iri = CORPORA / "large-bib" / "iridia-references"
    out.append(
        (
            "large-bib/iridia-references (abbrev+journals+authors+biblio+articles+crossref)",
            [
                iri / f
                for f in (
                    "abbrev.bib",
                    "journals.bib",
                    "authors.bib",
                    "biblio.bib",
                    "articles.bib",
                    "crossref.bib",
                )
            ],
            None,
        )
    )
    return out


def _works_of(paths: list[Path], fmt: str | None) -> Any:
    import citelib

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return citelib.read(*paths, format=fmt)


def _write(works: Any, fmt: str) -> tuple[str, list[str]]:
    from citelib.io import write_text

    try:
        written = write_text(works, fmt)
    except Exception as e:  # noqa: BLE001
        return f"{type(e).__name__}: {e}", []
    return written.text, [str(p) for p in written.problems]


WRITE_FORMATS = ("bibtex", "biblatex", "csljson", "ris", "zotero-json")


def snap_read(job: tuple[str, list[Path], str | None], out: Path) -> str:
    name, paths, fmt = job
    safe = name.replace("/", "__")
    try:
        lib = _works_of(paths, fmt)
    except Exception as e:  # noqa: BLE001
        _dump(out / "read" / f"{safe}.json", {"error": f"{type(e).__name__}: {e}"})
        return name
    _dump(
        out / "read" / f"{safe}.json",
        {"works": [repr(w) for w in lib.works], "problems": [str(p) for p in lib.problems]},
    )
    for wf in WRITE_FORMATS:
        text, problems = _write(lib.works, wf)
        _dump(out / "write" / wf / f"{safe}.json", {"text": text, "problems": problems})
    return name


# --------------------------------------------------------------------------- rendering

RENDER_INPUTS = [
    "zotero-chinese-styles/items/gbt7714-data.json",
    "zotero-chinese-styles/items/gbt7714-2025-numeric-style-items.json",
    "zotero-chinese-styles/items/apa-data.json",
    "zotero-chinese-styles/items/acta-psychologica-sinica-data.json",
    "zotero-chinese-styles/items/social-sciences-in-china-data.json",
    "zotero-chinese-styles/items/manual-of-legal-citation-data.json",
    "zotero-chinese-styles/items/default-test-cites-author-date-data.json",
    "csl-json/quarto-chinese/bibliography.json",
    "csl-json/latin-greek-terminology/bibliography.json",
    "biblatex/biblatex-examples.bib",
    "gbt7714-bibtex-style/gbt7714-examples.bib",
    "gbt7714-bibtex-style/gbt7714-2015-biblatex.bib",
    "biblatex-apa/biblatex-apa-test-references.bib",
]


def _styles() -> list[tuple[str, str]]:
    from citelib.render import styles

    out = [(s, s) for s in styles()]
    for p in sorted((SHARED / "csl" / "popular").glob("*.csl")):
        out.append((f"popular/{p.stem}", str(p)))
    zc = sorted((SHARED / "csl" / "zotero-chinese").glob("*/*.csl"))
    for p in zc[::12]:  # a spread sample of the 337
        out.append((f"zc/{p.stem}", str(p)))
    return out


def snap_render(job: tuple[str, str], out: Path) -> str:
    import citelib
    from citelib.render import cite, format_bibliography

    name, style = job
    for rel in RENDER_INPUTS:
        works = list(_works_of([CORPORA / rel], None).works)
        data: dict[str, Any] = {}
        try:
            text = format_bibliography(works, style)
            html = format_bibliography(works, style, markup="html")
            data["entries"] = [
                [t.id, t.text, h.text] for t, h in zip(text.entries, html.entries, strict=True)
            ]
            data["warnings"] = [str(p) for p in text.problems]
            sc = format_bibliography(works, style, sentence_case=True, omit_contained_pid=True)
            data["sentence_case"] = [e.text for e in sc.entries]
        except citelib.CitelibError as e:
            data["error"] = str(e)
        cites: list[Any] = []
        try:
            for w in works:
                c = cite(works, [w.id], style)
                cites.append([w.id, c.text])
            ids = [w.id for w in works[:6]]
            c = cite(works, ids, style, locators={ids[0]: "12-15"} if ids else None)
            cites.append([ids, c.text, [str(p) for p in c.problems]])
        except citelib.CitelibError as e:
            cites.append(str(e))
        data["cites"] = cites
        safe = rel.replace("/", "__")
        _dump(out / "render" / name.replace("/", "__") / f"{safe}.json", data)
    return name


# --------------------------------------------------------------------------- io


def _dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


def _run(jobs: Iterable[Any], func: Callable[[Any, Path], str], out: Path, workers: int) -> None:
    with ProcessPoolExecutor(workers) as pool:
        for name in pool.map(func, jobs, [out] * 10_000):
            print(f"  {name}", file=sys.stderr)


def take(out: Path, workers: int, parts: set[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    if "read" in parts:
        _run(_inputs(), snap_read, out, workers)
    if "render" in parts:
        _run(_styles(), snap_render, out, workers)
    if "suite" in parts:
        sys.path.insert(0, str(ROOT / "tests"))
        import csl_suite

        got = {path.stem: csl_suite.run(path)[1] for path in csl_suite.fixtures()}
        _dump(out / "csl-suite.json", got)


def diff(a: Path, b: Path, limit: int) -> int:
    changed = 0
    files_a = {p.relative_to(a) for p in a.rglob("*.json")}
    files_b = {p.relative_to(b) for p in b.rglob("*.json")}
    for rel in sorted(files_a ^ files_b):
        print(f"only in {'A' if rel in files_a else 'B'}: {rel}")
        changed += 1
    for rel in sorted(files_a & files_b):
        da = json.loads((a / rel).read_text(encoding="utf-8"))
        db = json.loads((b / rel).read_text(encoding="utf-8"))
        if da == db:
            continue
        changed += 1
        print(f"--- {rel}")
        for shown, line in enumerate(_differences(da, db, ""), 1):
            print("   ", line)
            if shown >= limit:
                print("    ...")
                break
    print(f"{changed} file(s) differ")
    return 1 if changed else 0


def _differences(x: Any, y: Any, path: str) -> Iterable[str]:
    if isinstance(x, dict) and isinstance(y, dict):
        for k in sorted(set(x) | set(y), key=str):
            if x.get(k) != y.get(k):
                yield from _differences(x.get(k), y.get(k), f"{path}.{k}")
    elif isinstance(x, list) and isinstance(y, list) and len(x) == len(y):
        for i, (p, q) in enumerate(zip(x, y, strict=True)):
            if p != q:
                yield from _differences(p, q, f"{path}[{i}]")
    else:
        yield f"{path}:\n      A: {json.dumps(x, ensure_ascii=False)[:600]}\n      B: {json.dumps(y, ensure_ascii=False)[:600]}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--diff", nargs=2, type=Path, metavar=("A", "B"))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--parts", default="read,render,suite")
    parser.add_argument("--limit", type=int, default=20, help="differences shown per file")
    args = parser.parse_args()
    if args.diff:
        raise SystemExit(diff(*args.diff, args.limit))
    if args.out is None:
        parser.error("give OUT_DIR or --diff A B")
    take(args.out, args.workers, set(args.parts.split(",")))


if __name__ == "__main__":
    main()
