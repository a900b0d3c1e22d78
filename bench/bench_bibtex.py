"""Benchmark: BibTeX → records (names split, LaTeX decoded) → CSL-JSON, against bibtexparser.

For ../shared/corpora/large-bib/cdl.bib (6,315 entries) and a generated
10,000-entry file with LaTeX accents, times (median of 3, caches cleared before
each run):

* ``bibtexparser``: ``bibtexparser.parse_string(text)`` with its default middlewares
  (string references, enclosing removal: no name splitting, no LaTeX decoding);
* ``citelib``: ``citelib.formats.bibtex.read(text)`` then ``citelib.write_text(works, "csljson")``;

and prints their ratio (the target is ≤ 2×), with the parts: reading alone, and
writing CSL-JSON indented (the default; :func:`json.dumps` with an indent runs
in pure Python) and compact (``indent=0``, json's C encoder).  ``--profile`` adds a cProfile of
one citelib run on the generated file.

    .venv/bin/python bench/bench_bibtex.py [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import bibtexparser

import citelib
from citelib.formats import bibtex
from citelib.formats.bibtex import latex, names

ROOT = Path(__file__).resolve().parent.parent
CDL = ROOT.parent / "shared" / "corpora" / "large-bib" / "cdl.bib"

_FAMILIES = [
    'M{\\"u}ller',
    "Garc{\\'\\i}a",
    "Smith",
    "Ren",
    "Nguyen",
    "{\\v{S}}koda",
    'Br{\\"o}nnimann',
    "O'Brien",
    "Dvo{\\v{r}}{\\'a}k",
    "Wang",
    "Lef{\\`e}vre",
    "{\\L}ukasiewicz",
    "Johnson",
    "Zhang",
    "Andr{\\'e}",
    "Kowalski",
]
_GIVEN = ['J{\\"o}rg', "K. Q.", "Ana", "Fran{\\c{c}}ois", "Mary Ann", "J.", "S{\\o}ren", "Li"]
_WORDS = [
    "analysis",
    "of",
    "the",
    "{DNA}",
    "model",
    "for",
    "{Bayesian}",
    "inference",
    "in",
    "large",
    "scale",
    "systems",
    "with",
    'na{\\"\\i}ve',
    "approaches",
    "{\\'e}tude",
    "r{\\'e}sum{\\'e}",
    "network",
    "learning",
    "data",
    "stochastic",
    "optimisation",
    "of",
    "protein",
    "folding",
    "under",
    "uncertainty",
    "a",
    "study",
]
_JOURNALS = ["Journal of {Chemical} Physics", "Nature", "Physical Review {B}", "Acta Math."]


def generate(n: int = 10_000, seed: int = 7) -> str:
    """A deterministic .bib text of *n* entries, about a quarter of the names accented."""
    rnd = random.Random(seed)
    out = ['@string{jcp = "Journal of Chemical Physics"}\n']
    types = ["article"] * 5 + ["inproceedings"] * 2 + ["book", "phdthesis", "techreport"]
    for i in range(n):
        t = rnd.choice(types)
        authors = " and ".join(
            f"{rnd.choice(_FAMILIES)}, {rnd.choice(_GIVEN)}" for _ in range(rnd.randint(1, 5))
        )
        title = " ".join(rnd.choice(_WORDS) for _ in range(rnd.randint(5, 14)))
        fields = [
            f"  author = {{{authors}}}",
            f"  title = {{{title[0].upper() + title[1:]}}}",
            f"  year = {rnd.randint(1950, 2024)}",
        ]
        if t == "article":
            fields.append(
                "  journal = jcp"
                if rnd.random() < 0.2
                else f"  journal = {{{rnd.choice(_JOURNALS)}}}"
            )
            fields.append(f"  volume = {{{rnd.randint(1, 120)}}}")
            fields.append(f"  number = {{{rnd.randint(1, 12)}}}")
            p = rnd.randint(1, 900)
            fields.append(f"  pages = {{{p}--{p + rnd.randint(2, 30)}}}")
            fields.append(f"  month = {rnd.choice(['jan', 'mar', 'jun', 'sep', 'dec'])}")
        elif t == "inproceedings":
            fields.append(
                f"  booktitle = {{Proceedings of the {rnd.randint(1, 40)}th {{IEEE}} Conference}}"
            )
            fields.append("  publisher = {IEEE}")
        elif t == "book":
            fields.append("  publisher = {Springer}")
            fields.append("  address = {Berlin}")
        elif t == "phdthesis":
            fields.append("  school = {Universit{\\'e} de Gen{\\`e}ve}")
        else:
            fields.append("  institution = {MIT}")
            fields.append(f"  number = {{TR-{i}}}")
        if rnd.random() < 0.5:
            fields.append(f"  doi = {{10.{1000 + i}/abc\\_{i}}}")
        if rnd.random() < 0.3:
            fields.append(f"  url = {{http://example.org/~user/{i}%20x}}")
        if rnd.random() < 0.35:
            words = " ".join(rnd.choice(_WORDS) for _ in range(rnd.randint(80, 200)))
            fields.append(f"  abstract = {{{words}}}")
        out.append(f"@{t}{{key{i},\n" + ",\n".join(fields) + "\n}\n")
    return "\n".join(out)


def _clear_caches() -> None:
    latex._decode_cached.cache_clear()
    names._parse_name.cache_clear()
    names._parse_names.cache_clear()
    names._format_name.cache_clear()


def _median(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        _clear_caches()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _citelib(text: str) -> str:
    lib = bibtex.read(text, source="bench.bib")
    return citelib.write_text(lib.works, "csljson").text


def bench(name: str, text: str) -> None:
    base = _median(lambda: bibtexparser.parse_string(text))
    ours = _median(lambda: _citelib(text))
    read = _median(lambda: bibtex.read(text, source="bench.bib"))
    works = bibtex.read(text).works
    write = _median(lambda: citelib.write_text(works, "csljson"))
    compact = _median(lambda: citelib.write_text(works, "csljson", indent=0))
    print(
        f"{name:<26} {len(works):>6} entries | bibtexparser.parse_string {base:5.2f} s"
        f" | citelib read + CSL-JSON {ours:5.2f} s = {ours / base:4.2f}x"
        f" | read alone {read:5.2f} s = {read / base:4.2f}x"
        f" | CSL-JSON indented {write:5.2f} s, compact {compact:5.2f} s"
        f" | read + compact = {(read + compact) / base:4.2f}x"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--profile", action="store_true", help="cProfile one run on the generated file"
    )
    args = parser.parse_args(argv)
    generated = generate()
    if CDL.exists():
        bench("cdl.bib", CDL.read_text(encoding="utf-8"))
    else:
        print(f"(skipping cdl.bib: {CDL} not found)", file=sys.stderr)
    bench("generated (LaTeX accents)", generated)
    if args.profile:
        _clear_caches()
        prof = cProfile.Profile()
        prof.enable()
        _citelib(generated)
        prof.disable()
        s = io.StringIO()
        pstats.Stats(prof, stream=s).sort_stats("cumulative").print_stats(30)
        print(s.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
