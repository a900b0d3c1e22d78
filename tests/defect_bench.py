"""Defect benchmark for ``citelib.check``: the standards' own examples, each broken once.

The complete examples of GB/T 7714-2025 (``gbt7714-examples.bib``: clauses 8, 9 and
Appendix B) and GB/T 7714-2015 (``gbt7714-2015-examples.bib``: clauses 4, 9, 10 and
Appendix A) are read; the fragments (names, titles, publication data of clauses 5-7, 2015's
clause 8) are left out, as they are not whole references.  For every example and every
defect class that applies to it, one mutant is made with that one defect; a defect is
found when ``check`` reports it with the expected code and field on that key.

Which examples a class applies to is decided here from the standards' element tables,
not from the checker: place and publisher for printed books, parts of books, proceedings
and maps; the degree-granting institution for theses; journal, pages and volume/issue for
journal articles (in 2025 only printed ones: an online article without volume and issue is
the standard's online-first form, 8.5.1.1 ex. 7); the year for printed books, parts,
articles, theses and maps; a wrong language tag for every example with a tag; the access
date for every 2015 example with a URL (2015 8.4.4).

Run ``python tests/defect_bench.py`` for the table.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs

import citelib
from citelib.checks import check
from citelib.language import has_cjk
from citelib.model import Name, Work

CORPUS = Path(__file__).parent / "data" / "corpora" / "gbt7714-bibtex-style"

#: (file, style, the clauses of the complete examples)
EDITIONS = {
    "2025": ("gbt7714-examples.bib", "gbt7714-2025-numeric", r"gbt7714\.(8|9|b)\."),
    "2015": ("gbt7714-2015-examples.bib", "gbt7714-2015-numeric", r"gbt7714\.(4|9|10|A)\."),
}

BOOKISH = frozenset(["book", "chapter", "paper-conference", "map"])
DATED = frozenset(["book", "chapter", "paper-conference", "map", "article-journal", "thesis"])


@attrs.frozen
class Defect:
    """One defect class: where it applies, how to inject it, what ``check`` should say."""

    name: str
    code: str
    field: str
    applies: Callable[[Work, str], bool]
    inject: Callable[[Work], Work]
    #: the broken work is checked beside the original (a duplicate under a new key)
    beside: bool = False


def _print(work: Work) -> bool:
    return not work.url and not work.doi


def _bookish(work: Work) -> bool:
    if work.type == "paper-conference" and not work.container_title:
        return False  # an unpublished conference paper (2025 8.6) has no publisher
    return work.type in BOOKISH and _print(work)


def _copied(work: Work) -> Work:
    """*work* again under a new key, as a second export gives it: full-width colons and
    parentheses in the title, Chinese names as one literal."""
    title = (work.title or "").replace(":", "：").replace("(", "（").replace(")", "）")
    names = tuple(Name(literal=str(n)) if n.family and has_cjk(str(n)) else n for n in work.author)
    return work.evolve(id=work.id + "-again", title=title, author=names)


def _wrong_language(work: Work) -> Work:
    zh = (work.language or "").lower().startswith("zh")
    return work.evolve(language="en" if zh else "zh")


DEFECTS: tuple[Defect, ...] = (
    Defect(
        "place",
        "missing-element",
        "publisher-place",
        lambda w, ed: _bookish(w) and bool(w.publisher_place),
        lambda w: w.evolve(publisher_place=None),
    ),
    Defect(
        "publisher",
        "missing-element",
        "publisher",
        lambda w, ed: _bookish(w) and bool(w.publisher),
        lambda w: w.evolve(publisher=None),
    ),
    Defect(
        "institution",
        "missing-element",
        "publisher",
        lambda w, ed: w.type == "thesis" and bool(w.publisher),
        lambda w: w.evolve(publisher=None),
    ),
    Defect(
        "journal",
        "missing-element",
        "container-title",
        lambda w, ed: w.type == "article-journal" and bool(w.container_title),
        lambda w: w.evolve(container_title=None),
    ),
    Defect(
        "year",
        "missing-element",
        "issued",
        lambda w, ed: w.type in DATED and _print(w) and w.issued is not None,
        lambda w: w.evolve(issued=None),
    ),
    Defect(
        "pages",
        "missing-element",
        "page",
        lambda w, ed: (
            w.type == "article-journal"
            and bool(w.page or w.number)
            and (ed == "2015" or _print(w) or bool(w.volume or w.issue))
        ),
        lambda w: w.evolve(page=None, number=None),
    ),
    Defect(
        "volume-issue",
        "missing-element",
        "volume",
        lambda w, ed: (
            w.type == "article-journal"
            and bool(w.volume or w.issue)
            and (ed == "2015" or _print(w))
        ),
        lambda w: w.evolve(volume=None, issue=None),
    ),
    Defect(
        "language",
        "language-script",
        "language",
        lambda w, ed: bool(w.language) and bool(w.title),
        _wrong_language,
    ),
    Defect(
        "duplicate",
        "likely-duplicate",
        "title",
        lambda w, ed: bool(w.title),
        _copied,
        beside=True,
    ),
    Defect(
        "access-date-2015",
        "missing-element",
        "accessed",
        lambda w, ed: ed == "2015" and bool(w.url) and w.accessed is not None,
        lambda w: w.evolve(accessed=None),
    ),
)


def complete_examples(edition: str) -> list[Work]:
    """The complete examples of an edition, as read from the corpus copy."""
    file, _style, clauses = EDITIONS[edition]
    library = citelib.read(CORPUS / file)
    return [w for w in library.works if w.title and re.match(clauses, w.id)]


def mutants(edition: str) -> Iterator[tuple[Defect, list[Work]]]:
    """Every (defect, works to check) of an edition: the broken example (after the
    original, for a defect found beside it)."""
    for work in complete_examples(edition):
        for defect in DEFECTS:
            if defect.applies(work, edition):
                broken = defect.inject(work)
                yield defect, [work, broken] if defect.beside else [broken]


def run() -> dict[str, tuple[int, int]]:
    """Per defect class: (found, injected), over both editions."""
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for edition, (_file, style, _clauses) in EDITIONS.items():
        for defect, works in mutants(edition):
            total[defect.name] += 1
            problems = check(works, style)
            if any(p.code == defect.code and p.field == defect.field for p in problems):
                found[defect.name] += 1
    return {d.name: (found[d.name], total[d.name]) for d in DEFECTS if total[d.name]}


def errors_on_complete_examples() -> dict[str, list[str]]:
    """Per edition, ``key field`` of every error-severity problem on the untouched examples."""
    out: dict[str, list[str]] = {}
    for edition, (_file, style, _clauses) in EDITIONS.items():
        problems = check(complete_examples(edition), style)
        out[edition] = [f"{p.key} {p.field}" for p in problems if p.severity == "error"]
    return out


def main() -> None:
    results = run()
    print(f"{'class':<18}{'found':>7}{'injected':>10}{'recall':>9}")
    for name, (hit, n) in results.items():
        print(f"{name:<18}{hit:>7}{n:>10}{hit / n:>9.1%}")
    hit = sum(h for h, _ in results.values())
    n = sum(t for _, t in results.values())
    print(f"{'overall':<18}{hit:>7}{n:>10}{hit / n:>9.1%}")
    for edition, errors in errors_on_complete_examples().items():
        print(f"errors on the complete {edition} examples: {len(errors)}", *errors)


if __name__ == "__main__":
    main()
