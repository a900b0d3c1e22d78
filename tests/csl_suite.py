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
neither, one citation of every input item.  Output and RESULT are compared with runs of
whitespace collapsed to one space and nothing else normalised.  Document state (positions:
ibid, subsequent; note numbers) is not tracked yet: fixtures that need it fail.
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


def _request(cite: dict[str, Any]) -> Any:
    from citelib._citeproc import CiteRequest

    locator = cite.get("locator")
    return CiteRequest(
        str(cite["id"]),
        None if locator is None else str(locator),
        cite.get("label"),
        cite.get("prefix", ""),
        cite.get("suffix", ""),
    )


def render(fixture: dict[str, str]) -> str:
    """What citelib prints for *fixture*, in the runner's layout."""
    from citelib._citeproc import Processor, load_style, to_html
    from citelib.formats.csljson import read_items

    mode = fixture.get("MODE", "").strip()
    with tempfile.TemporaryDirectory() as tmp:
        style_path = Path(tmp) / "style.csl"
        style_path.write_text(fixture["CSL"], encoding="utf-8")
        style = load_style(style_path)[0]
    items = json.loads(fixture["INPUT"])
    proc = Processor(style, read_items(items).works)
    if mode == "bibliography":
        proc.register(None)
        body = "".join(
            f'  <div class="csl-entry">{to_html(r)}</div>\n' for _, r, _ in proc.bibliography()
        )
        return f'<div class="csl-bib-body">\n{body}</div>'
    if "CITATIONS" in fixture:
        citations = [entry[0] for entry in json.loads(fixture["CITATIONS"])]
        clusters = [c.get("citationItems", []) for c in citations]
        proc.register([str(c["id"]) for cl in clusters for c in cl])
        lines = [to_html(proc.citation([_request(c) for c in cl])) for cl in clusters]
        marks = [".."] * (len(lines) - 1) + [">>"]
        return "\n".join(
            f"{m}[{i}] {line}" for i, (m, line) in enumerate(zip(marks, lines, strict=True))
        )
    if "CITATION-ITEMS" in fixture:
        clusters = json.loads(fixture["CITATION-ITEMS"])
        proc.register([str(c["id"]) for cl in clusters for c in cl])
        return "\n".join(to_html(proc.citation([_request(c) for c in cl])) for cl in clusters)
    proc.register(None)
    return to_html(proc.citation([_request({"id": it.get("id")}) for it in items]))


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
