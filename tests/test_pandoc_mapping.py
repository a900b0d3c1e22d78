"""BibLaTeX → CSL against pandoc's own expected conversions (pandoc's test suite).

Each of the 124 cases in ../shared/corpora/pandoc-biblatex-to-csl holds a .bib
input and the references pandoc produces for it, as YAML (the files are GPL:
they are read from ../shared at test time, never copied).  pandoc itself turns
that YAML into CSL-JSON, and citelib's reading of the input, written with
:func:`citelib.formats.csljson.work_to_csl`, is compared with it field by field
for the fields both produce.  Ignored on purpose: pandoc's sentence-casing of
English titles (titles compare case-insensitively) and its merging of
``note`` + ``addendum`` and ``number`` + ``issue``, which citelib keeps apart.

Every case that disagrees is in ``EXPECTED_FAILURES`` with the reason; a case
that starts agreeing fails the test too, so the list stays exact.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from conftest import GPL, shared_path

from citelib.formats import bibtex, csljson
from citelib.formats.bibtex._scan import scan

_TITLES = {
    "title",
    "title-short",
    "container-title",
    "collection-title",
    "volume-title",
    "original-title",
    "event-title",
    "reviewed-title",
}

# case -> why citelib's reading differs from pandoc's (fields both produce)
EXPECTED_FAILURES: dict[str, str] = {
    "biblatex-angenendt": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written",
    "biblatex-book-coleridge": "volume 7, part 2: pandoc writes volume 7.2, citelib keeps the part in CSL's part",
    "biblatex-cicero": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written",
    "biblatex-cms": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written; @manual: pandoc gives book, citelib report (mapping.md §2)",
    "biblatex-coleridge": "volume 7, part 2: pandoc writes volume 7.2, citelib keeps the part in CSL's part",
    "biblatex-cotton": "pandoc drops the unknown command \\\\arabic{author}; citelib keeps it verbatim",
    "biblatex-dates": "open date ranges (1999-10/, 1998/unknown) stay literal in citelib.dates",
    "biblatex-doody": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written",
    "biblatex-edtf-date": "EDTF years before 1 (-0876): pandoc shifts them to CSL's count (-877), citelib.dates keeps them as written; EDTF 1723?~ and y-123456789 stay literal in citelib.dates; 1723? is circa in citelib, not in pandoc; open date ranges (1999-10/, 1998/unknown) stay literal in citelib.dates",
    "biblatex-gillies": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written",
    "biblatex-gonzalez": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written",
    "biblatex-hammond": "publisher as a list (A and B): pandoc joins with '; ', citelib keeps the text",
    "biblatex-hyman": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written",
    "biblatex-inbook": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written; publisher as a list (A and B): pandoc joins with '; ', citelib keeps the text",
    "biblatex-incollection": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written",
    "biblatex-inproceedings": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written",
    "biblatex-itzhaki": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written",
    "biblatex-jcg": "@periodical: pandoc gives article-journal with the title as container-title; citelib keeps CSL's periodical",
    "biblatex-kant-kpv": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written",
    "biblatex-kant-ku": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written",
    "biblatex-knuth-ct-a": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written",
    "biblatex-kowalik": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written",
    "biblatex-loh": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written",
    "biblatex-manual": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written; @manual: pandoc gives book, citelib report (mapping.md §2)",
    "biblatex-moore-related": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written",
    "biblatex-moraux": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written",
    "biblatex-murray": "pandoc drops the unknown command \\\\arabic{author}; citelib keeps it verbatim",
    "biblatex-nietzsche-historie": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written; publisher as a list (A and B): pandoc joins with '; ', citelib keeps the text",
    "biblatex-nietzsche-ksa": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written; publisher as a list (A and B): pandoc joins with '; ', citelib keeps the text",
    "biblatex-nietzsche-ksa1": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written; publisher as a list (A and B): pandoc joins with '; ', citelib keeps the text",
    "biblatex-patent": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written",
    "biblatex-periodical": "@periodical: pandoc gives article-journal with the title as container-title; citelib keeps CSL's periodical",
    "biblatex-quotes": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written",
    "biblatex-reese": "series = 3: pandoc prints '3rd series', citelib keeps 3",
    "biblatex-thesis": "pandoc prints ' as ’ (as LaTeX typesets it); citelib keeps the apostrophe as written",
}


def _case(path: Path) -> tuple[str, str]:
    """The .bib input and the expected YAML document of one case file."""
    text = path.read_text(encoding="utf-8")
    body = text.split("```", 2)[1]
    bib, _, expected = body.partition("\n^D\n")
    bib = bib.split("\n", 2)[2] if bib.startswith("\n%") else bib.split("\n", 1)[1]
    return bib, expected


def _pandoc_csl(yaml_doc: str) -> list[dict[str, Any]]:
    out = subprocess.run(
        ["pandoc", "-f", "markdown", "-t", "csljson"],
        input=yaml_doc,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out) if out.strip() else []


_TAG = re.compile(r"<[^>]+>")


def _norm(key: str, value: Any) -> Any:
    if isinstance(value, str):
        text = " ".join(_TAG.sub("", value).split())
        return text.casefold() if key in _TITLES else text
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return [_norm(key, v) for v in value]
    if isinstance(value, dict):
        return {k: _norm(k, v) for k, v in value.items() if v not in ("", None, [])}
    return value


def _differences(ours: dict[str, Any], theirs: dict[str, Any], fields: set[str]) -> list[str]:
    out = []
    for key in sorted(set(ours) & set(theirs)):
        if key == "id" or key in ("custom", "note") and key not in theirs:
            continue
        if key == "note" and "addendum" in fields:
            continue  # pandoc joins note and addendum
        if key == "issue" and {"number", "issue"} <= fields:
            continue  # pandoc joins number and issue
        a, b = _norm(key, ours[key]), _norm(key, theirs[key])
        if a != b:
            out.append(f"{key}: {a!r} != {b!r}")
    return out


def _field_names(bib: str) -> dict[str, set[str]]:
    """Field names per entry key, from the raw input."""
    found = scan(bib)
    if found is None:
        return {}
    return {e.key: {f.key.lower() for f in e.fields} for e in found[1]}


def _check(path: Path) -> tuple[str, list[str]]:
    bib, expected = _case(path)
    theirs = {item["id"]: item for item in _pandoc_csl(expected)}
    lib = bibtex.read(bib, source=path.name)
    fields = _field_names(bib)
    problems: list[str] = []
    for work in lib.works:
        item = theirs.get(work.id)
        if item is None:
            continue  # pandoc leaves out some entries (xdata, sets)
        ours = csljson.work_to_csl(work)
        for d in _differences(ours, item, fields.get(work.id, set())):
            problems.append(f"{work.id}: {d}")
    return path.stem, problems


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pandoc") is None, reason="needs pandoc, which is not installed")
def test_biblatex_to_csl_agrees_with_pandoc() -> None:
    folder = shared_path("corpora", "pandoc-biblatex-to-csl", why=GPL)
    cases = sorted(folder.glob("*.md"))
    assert len(cases) == 124
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = dict(pool.map(_check, cases))
    failing = {name for name, diffs in results.items() if diffs}
    unexpected = {name: results[name] for name in sorted(failing - set(EXPECTED_FAILURES))}
    fixed = sorted(set(EXPECTED_FAILURES) - failing)
    assert unexpected == {}, f"{len(cases) - len(failing)} of {len(cases)} agree"
    assert fixed == [], "cases that now agree: remove them from EXPECTED_FAILURES"
