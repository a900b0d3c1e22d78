"""The CSL processor test suite, run as citeproc-js's own runner runs it.

    .venv/bin/python tests/csl_suite.py            # the figure, by mode and by prefix
    .venv/bin/python tests/csl_suite.py --write    # rewrite tests/data/csl-suite-passing.txt
    .venv/bin/python tests/csl_suite.py PREFIX     # the failing fixtures that start so, diffs

The fixtures (../shared/corpora/csl-test-suite/humans) carry no licence, so they are read
from ../shared and never copied; tests/data/csl-suite-passing.txt lists, by name only, the
fixtures citelib passes, and tests/test_csl_suite.py fails on a new failure and on an
unexpected pass (then run ``--write`` and review the diff).

How a fixture runs: ``bibliography`` mode renders the list of every input item;
``citation`` mode renders each ``CITATION-ITEMS`` cluster alone, or the ``CITATIONS`` in
document order (items registered in order of first citation), printed as the runner
prints them (``..[i]`` before each earlier citation, ``>>[i]`` before the last), or, with
neither, one citation of every item in the list's order (citeproc-js's registry order).
Output and RESULT are compared with runs of whitespace collapsed to one space and nothing
else normalised; HTML is citeproc-js's as its runner sets it up (no links for URLs,
second-field-align labels in ``csl-left-margin``).  ``CITATIONS`` go through the
document state (:mod:`citelib._citeproc.document`: first-citation order, positions, notes):
the citations in the order of the last call, and a ``>>`` before those whose text,
positions, numbers or disambiguation that call changed.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parent
SUITE = TESTS.parent.parent / "shared" / "corpora" / "csl-test-suite" / "humans"
PASSING = TESTS / "data" / "csl-suite-passing.txt"

_SECTION = re.compile(r">>=+\s*([A-Z-]+)\s*=+(?:>>)?[ \t]*\n(.*?)\n<<=+\s*\1\s*=+(?:<<)?", re.S)


def fixtures() -> list[Path]:
    """Every fixture file, sorted (empty when ../shared is absent)."""
    return sorted(SUITE.glob("*.txt")) if SUITE.is_dir() else []


def sections(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8-sig")
    return {m.group(1): m.group(2) for m in _SECTION.finditer(text)}


def collapse(text: str) -> str:
    return " ".join(text.split())


_POSITIONS = {0: "first", 1: "subsequent", 2: "ibid", 3: "ibid-with-locator"}


def _request(cite: dict[str, Any], mode: str | None = None) -> Any:
    from citelib._citeproc import CiteRequest

    locator = cite.get("locator")
    if mode is None:
        mode = "normal"
        if cite.get("author-only"):
            mode = "author-only"
        elif cite.get("suppress-author"):
            mode = "suppress-author"
    req = CiteRequest(
        str(cite["id"]),
        None if locator is None else str(locator),
        cite.get("label"),
        cite.get("prefix", ""),
        cite.get("suffix", ""),
        mode,
    )
    if "position" in cite:  # CITATION-ITEMS may give positions, as citeproc-js reads them
        req.position = _POSITIONS.get(int(cite["position"]), "first")
    req.near_note = bool(cite.get("near-note"))
    if cite.get("first-reference-note-number"):
        req.first_note = int(cite["first-reference-note-number"])
    return req


def _document(
    style: Any, works: Any, calls: list[Any], upto: int
) -> tuple[list[str], list[Any], Any]:
    """The citations (in HTML) after the first *upto* ``processCitationCluster`` calls, in
    document order, and each one's cite positions."""
    from citelib._citeproc import Processor
    from citelib._citeproc.document import Cluster, render_clusters

    defined: dict[str, dict[str, Any]] = {}
    for citation, _, _ in calls[: upto if upto > 0 else len(calls)]:
        defined[str(citation.get("citationID"))] = citation
    citation, pre, post = calls[upto - 1 if upto > 0 else -1]
    order = [(str(i), n) for i, n in pre] + [
        (str(citation.get("citationID")), citation.get("properties", {}).get("noteIndex", 0))
    ]
    order += [(str(i), n) for i, n in post]
    clusters = []
    for cid, note in order:
        c = defined[cid]
        mode = c.get("properties", {}).get("mode")
        cites = [
            _request(x, "author-only" if mode == "author-only" else None)
            for x in c.get("citationItems", [])
        ]
        if mode == "suppress-author" and cites and style.cls != "note":
            cites[0].mode = "suppress-author"
        clusters.append(Cluster(cites, int(note or 0), narrative=mode == "composite"))
    proc = Processor(style, works)
    lines = [_html(r) for r in render_clusters(proc, clusters)]
    if upto < 0:
        return lines, [], proc

    numeric = any(e.get("variable") == "citation-number" for e in style.root.iter())

    def config(key: str) -> Any:
        item = proc.by_id.get(key)
        if item is None:
            return None
        d = item.disambiguation
        # numbers taint a citation only where the style prints them (citeproc-js NUMERIC)
        number = item.number if numeric else None
        return (number, d.names, d.givens, d.year_suffix, d.disambiguate)

    state = [
        [(r.position, r.near_note, r.first_note, config(r.id)) for r in cl.cites] for cl in clusters
    ]
    return lines, state, proc


def _citation(calls: list[Any], cid: str) -> list[dict[str, Any]]:
    """The cites of citation *cid* as last defined."""
    found: list[dict[str, Any]] = []
    for citation, _, _ in calls:
        if str(citation.get("citationID")) == cid:
            found = citation.get("citationItems", [])
    return found


def _html(rich: Any) -> str:
    """HTML as the runner's citeproc-js writes it: no links for URLs and DOIs."""
    from citelib._citeproc import to_html

    return to_html(rich, links=False)


def _bibliography(style: Any, proc: Any) -> str:
    """The list as citeproc-js's makeBibliography gives it in HTML: second-field-align
    labels in ``csl-left-margin``, the rest in ``csl-right-inline``; an entry that prints
    nothing left out or, where the citations print numbers, an error in its place."""
    from citelib._citeproc.engine import NO_PRINTED_FORM

    numeric = style.cites_numbers
    entries: list[str] = []
    for item in proc.order:
        label, body = proc.entry_parts(item)
        if not str(body).strip():
            if numeric:
                entries.append(f"{len(entries) + 1}. {NO_PRINTED_FORM}")
            continue
        if label is None:
            entries.append(_html(body))
        else:
            entries.append(
                f'\n    <div class="csl-left-margin">{_html(label)}</div>'
                f'<div class="csl-right-inline">{_html(body).rstrip()}</div>\n  '
            )
    body = "".join(f'  <div class="csl-entry">{e}</div>\n' for e in entries)
    return f'<div class="csl-bib-body">\n{body}</div>'


def render(fixture: dict[str, str]) -> str:
    """What citelib prints for *fixture*, in the runner's layout."""
    from citelib._citeproc import Processor, load_style
    from citelib.formats.csljson import read_items

    mode = fixture.get("MODE", "").strip()
    with tempfile.TemporaryDirectory() as tmp:
        style_path = Path(tmp) / "style.csl"
        style_path.write_text(fixture["CSL"], encoding="utf-8")
        style = load_style(style_path)[0]
    items = json.loads(fixture["INPUT"])
    works = read_items(items).works
    proc = Processor(style, works)
    if mode == "bibliography":
        if "CITATIONS" in fixture:  # the list of the works the document cites
            _, _, proc = _document(style, works, json.loads(fixture["CITATIONS"]), -1)
        elif "CITATION-ITEMS" in fixture:
            cited = json.loads(fixture["CITATION-ITEMS"])
            proc.register([str(c["id"]) for cl in cited for c in cl])
        else:
            proc.register(None)
        return _bibliography(style, proc)
    if "CITATIONS" in fixture:
        # the runner: one processCitationCluster call per entry; it prints every citation
        # as it ends, ">>" before those the last call (re)rendered, ".." before the others
        calls = json.loads(fixture["CITATIONS"])
        lines, state, _ = _document(style, works, calls, len(calls))
        before: dict[str, tuple[str, Any]] = {}
        if len(calls) > 1:
            old_lines, old_state, _ = _document(style, works, calls, len(calls) - 1)
            old = calls[len(calls) - 2]
            old_ids = [str(i) for i, _ in old[1]] + [str(old[0].get("citationID"))]
            old_ids += [str(i) for i, _ in old[2]]
            before = {
                cid: (line, st) for cid, line, st in zip(old_ids, old_lines, old_state, strict=True)
            }
        last = calls[-1]
        ids = [str(i) for i, _ in last[1]] + [str(last[0].get("citationID"))]
        ids += [str(i) for i, _ in last[2]]
        out = []
        cited = [[str(c["id"]) for c in _citation(calls, cid)] for cid in ids]
        # a cite whose first-reference-note-number changed reruns all its work's citations
        moved: set[str] = set()
        for cid, keys, st in zip(ids, cited, state, strict=True):
            if cid in before and len(before[cid][1]) == len(st):
                for key, now, was in zip(keys, st, before[cid][1], strict=False):
                    if now[2] != was[2]:
                        moved.add(key)
        for i, (cid, line, st) in enumerate(zip(ids, lines, state, strict=True)):
            same = cid in before and before[cid] == (line, st) and not moved & set(cited[i])
            if cid == str(last[0].get("citationID")):
                same = False
            out.append(f"{'..' if same else '>>'}[{i}] {line}")
        return "\n".join(out)
    if "CITATION-ITEMS" in fixture:
        clusters = json.loads(fixture["CITATION-ITEMS"])
        proc.register([str(c["id"]) for cl in clusters for c in cl])
        return "\n".join(_html(proc.citation([_request(c) for c in cl])) for cl in clusters)
    proc.register(None)
    return _html(proc.citation([_request({"id": it.id}) for it in proc.order]))


def run(path: Path) -> tuple[bool, str, str]:
    """(passed, got, expected) for one fixture; a crash is a failure showing the error."""
    fixture = sections(path)
    want = fixture.get("RESULT", "")
    try:
        got = render(fixture)
    except Exception as e:  # noqa: BLE001 - a diagnostic counts crashes as failures
        got = f"{type(e).__name__}: {e}"
    return collapse(got) == collapse(want), got, want


def results() -> dict[str, bool]:
    return {path.stem: run(path)[0] for path in fixtures()}


def main() -> None:
    args = sys.argv[1:]
    if not fixtures():
        sys.exit(f"no fixtures at {SUITE}")
    found = results()
    passed = sorted(name for name, ok in found.items() if ok)
    print(f"CSL test suite: {len(passed)}/{len(found)} = {100 * len(passed) / len(found):.1f}%")
    failing = Counter(name.split("_")[0] for name, ok in found.items() if not ok)
    print("failures by prefix: " + ", ".join(f"{p}_ {n}" for p, n in failing.most_common()))
    if args == ["--write"]:
        PASSING.write_text("\n".join(passed) + "\n", encoding="utf-8")
        print(f"wrote {PASSING.relative_to(TESTS.parent)}")
    elif args:
        for path in fixtures():
            if path.stem.startswith(args[0]) and not found[path.stem]:
                _, got, want = run(path)
                print(f"\n== {path.stem}\n-- want\n{want}\n-- got\n{got}")


if __name__ == "__main__":
    main()
