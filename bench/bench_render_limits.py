"""Rendering time on pathological field values (one work, three styles, list + citation).

    .venv/bin/python bench/bench_render_limits.py [--size 200000]

Each shape puts a long run into one field of an otherwise ordinary article; the time is
the whole render (list and one citation) in apa, gbt7714-2025-numeric and
gbt7714-2025-author-date.  Linear code renders each in well under a second at 200,000
characters.  Figures before the fixes (2026-12-02, this machine, 20,000 characters):
page of letters 4.2 s and page of digits 7.0 s in the range regex alone; 20,000 ``<i>``
tags in a title 1.8 s in parse_markup (quadratic in both).
"""

from __future__ import annotations

import argparse
import time

import citelib
from citelib import Date, Name, Work

STYLES = ("apa", "gbt7714-2025-numeric", "gbt7714-2025-author-date")


def shapes(n: int) -> dict[str, dict[str, str]]:
    return {
        "page: letters": {"page": "a" * n},
        "page: digits": {"page": "1" * n},
        "page: digit then letters": {"page": "1" + "a" * n},
        "page: spaces inside a range": {"page": "1" + " " * n + "-2"},
        "page: dashes": {"page": "1" + "-" * n},
        "page: many ranges": {"page": "1-2, " * (n // 5)},
        "title: <i> tags": {"title": "<i>" * (n // 3) + "x</i>"},
        "title: words": {"title": "word " * (n // 5)},
        "title: quotes": {"title": '"' * n},
        "title: spaces": {"title": "A" + " " * n + "b"},
        "volume: digits": {"volume": "1" * n},
        "issue: 'and' lists": {"issue": "1 and " * (n // 6)},
        "container: hyphens": {"container_title": "a -" * (n // 3)},
        "url: percent signs": {"url": "http://x/" + "%" * n},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=200_000)
    args = parser.parse_args()
    print(f"{args.size:,} characters; seconds for list + citation")
    print(f"{'shape':32}" + "".join(f"{s:>26}" for s in STYLES))
    for name, fields in shapes(args.size).items():
        work = Work(
            id="k",
            type="article-journal",
            title="T",
            container_title="J",
            author=(Name(family="Smith", given="John"),),
            issued=Date(((2020,),)),
        ).evolve(**fields)
        row = []
        for style in STYLES:
            start = time.perf_counter()
            citelib.format_bibliography([work], style)
            citelib.cite([work], ["k"], style=style)
            row.append(time.perf_counter() - start)
        print(f"{name:32}" + "".join(f"{t:26.3f}" for t in row))


if __name__ == "__main__":
    main()
