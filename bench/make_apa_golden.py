"""Regenerate ``tests/golden/apa/*.json``: what citeproc-js renders, citelib's reference output.

Run from the repository root (needs node and ``bench/node_modules``: ``cd bench && npm ci``)::

    .venv/bin/python bench/make_apa_golden.py

Writes, with citeproc-js (npm ``citeproc``, the engine inside Zotero):

* ``apa-data.json``: the 198 APA 7 manual examples of zotero-chinese/styles
  (``../shared/corpora/zotero-chinese-styles/items/apa-data.json``) with the official
  ``apa.csl``: the reference list (entries in list order, with ids) and each item's in-text
  citation cited alone (all items registered, so year suffixes match the list);
* ``seeds-<style>.json``: the five seed works (``seeds/governance.json``, embedded in the
  golden as rendered) in ``apa`` and in the four zotero-chinese bilingual GB/T 7714 styles
  (``gbt7714-2025-numeric`` ...): reference list, each work cited alone, and a few citation
  clusters (several works in one citation, a locator).

Each golden records the engine version and the sha256 of its style and items, so
``tests/test_citeproc_js.py`` can tell a stale golden from a changed harness.  Never edit
the goldens by hand: rerun this script and review the diff.

Afterwards it compares the seed goldens with the texts issue 3 quotes ("What it must show")
and prints every difference (``--check-issue`` alone does only that, on the committed goldens).
``--score [-v]`` measures citelib against the committed goldens: the share of list entries and
single citations it renders exactly as citeproc-js (plain text, whitespace collapsed).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import render_js  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "apa"
SHARED = ROOT.parent / "shared"
APA_ITEMS = SHARED / "corpora" / "zotero-chinese-styles" / "items" / "apa-data.json"
SEEDS = ROOT / "seeds" / "governance.json"
COMMAND = "python bench/make_apa_golden.py"

#: citelib's short style names and the CSL files (in ../shared/csl/styles) whose
#: citeproc-js output is the reference for them.
STYLES: dict[str, str] = {
    "apa": "apa.csl",
    "gbt7714-2025-numeric": "zotero-chinese-gb-t-7714-2025-numeric-bilingual.csl",
    "gbt7714-2025-author-date": "zotero-chinese-gb-t-7714-2025-author-date-bilingual.csl",
    "gbt7714-2015-numeric": "zotero-chinese-gb-t-7714-2015-numeric-bilingual.csl",
    "gbt7714-2015-author-date": "zotero-chinese-gb-t-7714-2015-author-date-bilingual.csl",
}

#: Citation clusters rendered for the seeds, in document order: three works in one
#: citation, one with a page locator, the other two, and two with locators together.
SEED_CLUSTERS: list[list[dict[str, str]]] = [
    [{"id": "ren2020"}, {"id": "wang2024"}, {"id": "sun2018"}],
    [{"id": "sun2018", "label": "page", "locator": "5"}],
    [{"id": "pang2021"}, {"id": "wu2024"}],
    [{"id": "ren2020", "label": "page", "locator": "12-13"}, {"id": "wu2024"}],
]

#: The seed texts issue 3 quotes as what citeproc-js gives with the bilingual styles
#: ("…" stands for an elided part of the text).
ISSUE_TEXTS: list[tuple[str, str, str]] = [
    (
        "gbt7714-2025-numeric",
        "ren2020",
        "[1] Ren K Q. Manufacturing Typical Experience: Research on Innovation Behavior of "
        "Urban Local Government in Social Governance[D]. 2020.",
    ),
    (
        "gbt7714-2025-numeric",
        "sun2018",
        "[3] 孙柏瑛. 突破“碎片化”：构建“回应性”城市政府协同治理框架——基于杭州上城区"
        "“平安365”的案例分析[J]. 地方治理研究，2018（1）：2-16.",
    ),
    (
        "gbt7714-2025-author-date",
        "sun2018",
        "孙柏瑛，2018. 突破“碎片化”：…的案例分析[J]. 地方治理研究（1）：2-16.",
    ),
    (
        "gbt7714-2015-numeric",
        "ren2020",
        "[1] REN K Q. Manufacturing Typical Experience: …[D]. 2020.",
    ),
    (
        "gbt7714-2015-numeric",
        "sun2018",
        "[3] 孙柏瑛. 突破“碎片化”：…的案例分析[J]. 地方治理研究, 2018(1): 2-16.",
    ),
    (
        "apa",
        "ren2020",
        "Ren, K. Q. (2020). Manufacturing Typical Experience: … in Social Governance "
        "[Doctoral dissertation].",
    ),
    (
        "apa",
        "sun2018",
        "孙柏瑛. (2018). 突破“碎片化”：…的案例分析. 地方治理研究, (1), 2–16.",
    ),
]


def sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def relative(path: Path) -> str:
    """*path* relative to the repository's parent (``main/...`` or ``shared/...``)."""
    absolute = Path(os.path.abspath(path))  # symlinks kept: shared/ may be a link
    for base, prefix in ((ROOT.parent, ""), (SHARED.resolve(), "shared/")):
        with contextlib.suppress(ValueError):
            return (
                prefix + (absolute if not prefix else path.resolve()).relative_to(base).as_posix()
            )
    return path.resolve().relative_to(ROOT.parent.resolve()).as_posix()


def _rows(rows: list[dict[str, Any]], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{k: row[k] for k in keys} for row in rows]


def render_golden(
    style: str,
    items: Path | list[dict[str, Any]],
    *,
    clusters: list[list[dict[str, str]]] | None = None,
) -> dict[str, Any]:
    """Reference list, each item cited alone and *clusters*, as stored in a golden file."""
    csl = render_js.style_path(STYLES[style])
    out = render_js.render(csl, items, modes=("bibliography", "cite-each"))
    golden: dict[str, Any] = {
        "generated_by": COMMAND,
        "engine": out["engine"],
        "style": {"name": style, "file": relative(csl), "sha256": sha256(csl)},
        "entries": _rows(out["entries"], ("id", "html", "text")),
        "citations": _rows(out["citations"], ("ids", "html", "text")),
    }
    if clusters is not None:
        # Clusters run on their own engine: they alone decide the numbering, as in a document.
        cl = render_js.render(csl, items, modes=(), clusters=clusters)
        golden["clusters"] = _rows(cl["citations"], ("items", "html", "text"))
        out["warnings"] += cl["warnings"]
    golden["warnings"] = sorted(set(out["warnings"]))
    return golden


def build() -> dict[str, dict[str, Any]]:
    """Every golden file's content, by file name."""
    goldens: dict[str, dict[str, Any]] = {}
    apa = render_golden("apa", APA_ITEMS)
    apa["items"] = {"file": relative(APA_ITEMS), "sha256": sha256(APA_ITEMS)}
    goldens["apa-data.json"] = apa
    seeds = json.loads(SEEDS.read_text(encoding="utf-8"))
    for style in STYLES:
        golden = render_golden(style, seeds, clusters=SEED_CLUSTERS)
        golden["items"] = {"file": relative(SEEDS), "sha256": sha256(SEEDS), "data": seeds}
        goldens[f"seeds-{style}.json"] = golden
    return goldens


def dump(data: dict[str, Any]) -> str:
    """The stable JSON text of a golden file."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _pattern(expected: str) -> re.Pattern[str]:
    return re.compile("^" + ".*?".join(re.escape(part) for part in expected.split("…")) + "$")


def issue_differences_for(
    goldens: dict[str, dict[str, Any]], style: str, key: str, expected: str
) -> list[str]:
    """A description of how the seed golden of *style* differs from *expected*, if it does."""
    entries = {e["id"]: e["text"] for e in goldens[f"seeds-{style}.json"]["entries"]}
    got = entries.get(key)
    if got is not None and _pattern(expected).match(got):
        return []
    return [f"{style} {key}:\n  issue:       {expected}\n  citeproc-js: {got}"]


def issue_differences(goldens: dict[str, dict[str, Any]]) -> list[str]:
    """Where the seed goldens differ from the texts quoted in issue 3."""
    return [
        diff
        for style, key, expected in ISSUE_TEXTS
        for diff in issue_differences_for(goldens, style, key, expected)
    ]


_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def score(goldens: dict[str, dict[str, Any]], *, verbose: bool = False) -> list[str]:
    """How much of each golden citelib reproduces (plain text, whitespace collapsed).

    Renders the golden's items with ``citelib.format_bibliography`` and ``citelib.cite`` (each
    item alone) in the style of the same short name; one line per golden file, and with
    *verbose* every differing entry.
    """
    import tempfile

    import citelib

    lines = []
    for name, golden in sorted(goldens.items()):
        style = golden["style"]["name"]
        if "data" in golden["items"]:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "items.json"
                path.write_text(json.dumps(golden["items"]["data"], ensure_ascii=False), "utf-8")
                works = citelib.read(path, format="csljson").works
        else:
            works = citelib.read(ROOT.parent / golden["items"]["file"], format="csljson").works
        bib = citelib.format_bibliography(works, style)
        got = {e.id: _norm(e.text) for e in bib.entries}
        want = {e["id"]: _norm(e["text"]) for e in golden["entries"]}
        same = [k for k in want if got.get(k) == want[k]]
        order = [e.id for e in bib.entries] == [e["id"] for e in golden["entries"]]
        cites_same = 0
        bad_cites = []
        for row in golden["citations"]:
            key = row["ids"][0]
            text = _norm(citelib.cite(works, [key], style).text)
            if text == _norm(row["text"]):
                cites_same += 1
            else:
                bad_cites.append((key, row["text"], text))
        n, c = len(want), len(golden["citations"])
        lines.append(
            f"{name}: list {len(same)}/{n} exact ({100 * len(same) / n:.1f} %), "
            f"order {'same' if order else 'differs'}; citations {cites_same}/{c} exact "
            f"({100 * cites_same / c:.1f} %); {len(bib.warnings)} warnings"
        )
        if verbose:
            for key in want:
                if got.get(key) != want[key]:
                    lines.append(
                        f"  {key}\n    citeproc-js: {want[key]}\n    citelib:     {got.get(key)}"
                    )
            for key, w, g in bad_cites:
                lines.append(f"  cite {key}\n    citeproc-js: {w}\n    citelib:     {g}")
    return lines


def load_committed() -> dict[str, dict[str, Any]]:
    """The golden files as committed (for --check-issue)."""
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in GOLDEN.glob("*.json")}


def main(argv: list[str] | None = None) -> int:
    """Regenerate the goldens (or only check the committed ones against the issue's texts)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check-issue",
        action="store_true",
        help="only compare the committed seed goldens with the texts issue 3 quotes",
    )
    parser.add_argument(
        "--score",
        action="store_true",
        help="only score citelib's rendering against the committed goldens (exact-match rates)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="with --score: list misses")
    args = parser.parse_args(argv)
    if args.score:
        print("\n".join(score(load_committed(), verbose=args.verbose)))
        return 0
    if args.check_issue:
        goldens = load_committed()
    else:
        reason = render_js.unavailable_reason()
        if reason:
            print(f"cannot run citeproc-js: {reason}", file=sys.stderr)
            return 1
        for path in (APA_ITEMS, SEEDS):
            if not path.exists():
                print(f"missing input: {path}", file=sys.stderr)
                return 1
        goldens = build()
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for name, data in goldens.items():
            (GOLDEN / name).write_text(dump(data), encoding="utf-8")
            print(
                f"{name}: {len(data['entries'])} entries, {len(data['citations'])} citations"
                + (f", {len(data['clusters'])} clusters" if "clusters" in data else "")
                + (f", warnings: {data['warnings']}" if data["warnings"] else "")
            )
    diffs = issue_differences(goldens)
    print(f"issue 3 seed texts: {len(ISSUE_TEXTS) - len(diffs)} of {len(ISSUE_TEXTS)} as quoted")
    for diff in diffs:
        print(diff)
    return 0


if __name__ == "__main__":
    sys.exit(main())
