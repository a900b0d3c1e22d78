"""BibTeX reading and writing on hostile or huge inputs: size → seconds for each shape.

Each shape builds an input of a given size (not timed) and times one operation on
it: reading a .bib text (``bibtex.read``), writing a work (``bibtex.write``), or one
function of the reader (``latex.decode``, ``names.split_name_list``).  Every
measurement runs in a fresh process with a time limit (``--timeout``, 60 s by
default), so that the super-linear paths of an older citelib can be measured
too: a case over the limit prints ``>60`` and the larger sizes of its shape are
skipped; its address space is limited too (``--memory``, 4 GiB), so that an
exponential case ends in a MemoryError instead of taking the machine's memory.
Each row gives the input's size, the wall-clock and CPU seconds of the operation
(on a shared machine, trust CPU), the child's peak memory, and what came out
(works and problems, or the length of the result).

    .venv/bin/python bench/bench_bibtex_limits.py                   # every shape
    .venv/bin/python bench/bench_bibtex_limits.py --shape page-digits --shape crossref-chain
    .venv/bin/python bench/bench_bibtex_limits.py --quick           # the smaller sizes only

To time another checkout (the "before" column), run this file with that
checkout first on ``PYTHONPATH``::

    git archive HEAD | tar -x -C /tmp/before
    PYTHONPATH=/tmp/before .venv/bin/python bench/bench_bibtex_limits.py

The shapes, from the fuzzing campaign of the limits issue and from a search for
other super-linear paths:

* ``macro-doubling``: ``@string`` macros each twice the previous one (size: levels);
* ``page-digits``: writing ``pages`` of one digit run (size: digits);
* ``latex-nested``: decoding 400 nested groups around commands (size: bytes inside);
* ``and-spaces``: splitting a name list holding a run of spaces (size: spaces);
* ``crossref-chain``: each entry the crossref parent of the next (size: entries);
* ``crossref-fan``: entries sharing one crossref parent with a 100 KB abstract (size: children);
* ``merged-fields``: one value holding many ``name = value`` (missing commas);
* ``merged-newlines``: a braced value with a long run of line breaks;
* ``title-angles``: a title of ``<`` with a subtitle (joining them looks for markup);
* ``big-field``: one entry, one field of that many bytes;
* ``tiny-entries``: that many ``@misc{kN, year = 2000}``;
* ``brace-pairs``: a title of that many ``{}`` pairs;
* ``accents``: a title of ``\\'e`` repeated;
* ``authors``: ``author`` of that many names joined by `` and ``;
* ``deep-nesting``: entries whose titles nest braces 9 deep (past the scanner's expressions:
  the whole file went to bibtexparser's splitter);
* ``deep-one``: one title nested that deep.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent

MB = 1_000_000


# --------------------------------------------------------------------------- inputs


def macro_doubling(levels: int) -> str:
    out = ['@string{m0 = "ab"}']
    for i in range(1, levels + 1):
        out.append(f"@string{{m{i} = m{i - 1} # m{i - 1}}}")
    out.append(f"@misc{{k, title = m{levels}}}")
    out.append("@misc{other, title = {Kept}}")
    return "\n".join(out) + "\n"


def latex_nested(size: int) -> str:
    unit = "\\textbf{x} \\foo{y} "
    return "{" * 400 + unit * (size // len(unit)) + "}" * 400


def crossref_chain(n: int) -> str:
    # children first: resolving the first entry follows the whole chain
    out = [f"@book{{e{i}, crossref = {{e{i + 1}}}, note = {{n{i}}}}}" for i in range(n - 1)]
    out.append(f"@book{{e{n - 1}, title = {{Root}}, publisher = {{P}}, year = 2000}}")
    return "\n".join(out) + "\n"


def crossref_fan(n: int) -> str:
    out = [f"@inbook{{c{i}, crossref = {{parent}}, title = {{Chapter {i}}}}}" for i in range(n)]
    out.append(
        "@book{parent, title = {The Book}, editor = {Ed, A.}, publisher = {P}, year = 2000,"
        " abstract = {" + "word " * 20_000 + "}}"
    )
    return "\n".join(out) + "\n"


def merged_fields(n: int) -> str:
    body = " ".join(f"f{i} = {{v{i}}}" for i in range(n))
    return "@misc{k, note = {start} " + body + "}\n@misc{other, title = {Kept}}\n"


def merged_newlines(n: int) -> str:
    return "@misc{k, title = {{a}" + "\n" * n + ".}}\n"


def title_angles(n: int) -> str:
    return "@misc{k, title = {" + "<" * n + "}, subtitle = {S}}\n"


def big_field(size: int) -> str:
    unit = "word{s} and more text, "
    return "@misc{k, abstract = {" + unit * (size // len(unit)) + "}}\n"


def tiny_entries(n: int) -> str:
    return "".join(f"@misc{{k{i}, year = 2000}}\n" for i in range(n))


def brace_pairs(n: int) -> str:
    return "@misc{k, title = {" + "{}" * n + "}}\n"


def accents(size: int) -> str:
    return "@misc{k, title = {" + "\\'e" * (size // 3) + "}}\n"


def authors(n: int) -> str:
    names = " and ".join(f"Family{i}, Given{i}" for i in range(n))
    return "@misc{k, author = {" + names + "}}\n"


def deep_nesting(size: int) -> str:
    entry = "@misc{{k{i}, title = {{{{{{{{{{{{{{{{T}}}}}}}}}}}}}}}}}}\n"
    one = len(entry.format(i=0))
    return "".join(entry.format(i=i) for i in range(size // one))


def deep_one(depth: int) -> str:
    return "@misc{k, title = {" + "{" * depth + "x" + "}" * depth + "}}\n"


# --------------------------------------------------------------------------- operations


def _read(text: str) -> str:
    from citelib import io

    lib = io.read_text(text, "bibtex", source="bench.bib")  # the public path, as users read
    codes: dict[str, int] = {}
    for p in lib.problems:
        codes[p.code] = codes.get(p.code, 0) + 1
    longest = max((len(w.title or "") for w in lib.works), default=0)
    return f"{len(lib.works)} works, problems {codes or 'none'}, longest title {longest}"


def _write_pages(digits: int) -> str:
    from citelib.formats import bibtex
    from citelib.model import Work

    text = bibtex.write([Work(id="k", type="article-journal", page="1" * digits)]).text
    return f"{len(text)} chars written"


def _decode(text: str) -> str:
    from citelib.formats.bibtex import latex

    return f"{len(latex.decode(text))} chars decoded"


def _split_names(text: str) -> str:
    from citelib.formats.bibtex import names

    return f"{len(names.split_name_list(text))} names"


class Shape(NamedTuple):
    """What is timed, how its input is built from a size, the sizes, and their unit."""

    op: Callable[[Any], str]
    build: Callable[[int], Any]
    sizes: list[int]
    quick: list[int]
    unit: str


def _same(n: int) -> int:
    return n


def _spaces(n: int) -> str:
    return "A" + " " * n + "B"


SHAPES: dict[str, Shape] = {
    "macro-doubling": Shape(_read, macro_doubling, [16, 18, 20, 22, 24, 26, 40, 200], [16, 20, 22], "levels"),
    "page-digits": Shape(_write_pages, _same, [250, 500, 1000, 2000, 4000, 100_000, MB], [250, 500, 1000], "digits"),
    "latex-nested": Shape(_decode, latex_nested, [50_000, 100_000, 250_000, 500_000, 5 * MB], [50_000, 100_000], "bytes"),
    "and-spaces": Shape(_split_names, _spaces, [2_500, 5_000, 10_000, 20_000, 40_000, 10 * MB], [2_500, 5_000], "spaces"),
    "crossref-chain": Shape(_read, crossref_chain, [250, 500, 992, 2_000, 10_000, 100_000], [250, 992], "entries"),
    "crossref-fan": Shape(_read, crossref_fan, [2_500, 5_000, 10_000, 20_000, 100_000], [2_500, 5_000], "children"),
    "merged-fields": Shape(_read, merged_fields, [500, 1_000, 5_000, 20_000, 200_000], [500, 1_000], "fields"),
    "merged-newlines": Shape(_read, merged_newlines, [2_500, 5_000, 10_000, 20_000, 10 * MB], [2_500, 5_000], "newlines"),
    "title-angles": Shape(_read, title_angles, [2_500, 5_000, 10_000, 20_000, 10 * MB], [2_500, 5_000], "chars"),
    "big-field": Shape(_read, big_field, [MB, 5 * MB, 10 * MB], [MB], "bytes"),
    "tiny-entries": Shape(_read, tiny_entries, [10_000, 100_000, 400_000], [10_000], "entries"),
    "brace-pairs": Shape(_read, brace_pairs, [10_000, 100_000, 5 * MB], [10_000], "pairs"),
    "accents": Shape(_read, accents, [MB, 10 * MB], [MB], "bytes"),
    "authors": Shape(_read, authors, [5_000, 50_000, 400_000], [5_000], "names"),
    "deep-nesting": Shape(_read, deep_nesting, [MB, 10 * MB], [MB], "bytes"),
    "deep-one": Shape(_read, deep_one, [1_000, 10_000, 100_000, MB], [1_000, 10_000], "depth"),
}  # fmt: skip


def one(shape: str, size: int) -> dict[str, Any]:
    """Time one case in this process: build the input, run the operation once."""
    limit = int(os.environ.get("BENCH_MEMORY_MIB", "4096")) * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))  # MemoryError, not a swapping machine
    data = SHAPES[shape].build(size)
    nbytes = len(data.encode("utf-8")) if isinstance(data, str) else 0
    c0 = time.process_time()
    t0 = time.perf_counter()
    try:
        what = SHAPES[shape].op(data)
    except Exception as e:  # a failure is a result too (the old code loses the library)
        what = f"{type(e).__name__}: {str(e)[:80]}"
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - c0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MiB (Linux: KiB)
    return {"seconds": seconds, "cpu": cpu, "bytes": nbytes, "what": what, "rss": rss}


def run(shape: str, size: int, timeout: float) -> dict[str, Any] | None:
    """One case in a fresh process; None when it takes longer than *timeout*."""
    cmd = [sys.executable, __file__, "--one", shape, str(size)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=os.environ)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        nan = float("nan")
        return {
            "seconds": nan,
            "cpu": nan,
            "bytes": 0,
            "what": f"exit {done.returncode}: {last}",
            "rss": 0,
        }
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES), help="only these")
    parser.add_argument("--quick", action="store_true", help="the smaller sizes only")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per case")
    parser.add_argument("--memory", type=int, default=4096, help="MiB of address space per case")
    parser.add_argument("--one", nargs=2, metavar=("SHAPE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one[0], int(args.one[1]))))
        return 0
    os.environ["BENCH_MEMORY_MIB"] = str(args.memory)
    import citelib

    print(f"citelib from {Path(citelib.__file__).parent.parent}, Python {sys.version.split()[0]}")
    print(f"{'shape':<16} {'size':>16} {'input':>10} {'wall s':>8} {'CPU s':>8} {'MiB':>6}  result")
    for name in args.shape or SHAPES:
        shape = SHAPES[name]
        over = False
        for size in shape.quick if args.quick else shape.sizes:
            label = f"{size:,} {shape.unit}"
            if over:
                print(f"{name:<16} {label:>16} {'':>10} {'skipped':>8}")
                continue
            r = run(name, size, args.timeout)
            if r is None:
                over = True
                print(f"{name:<16} {label:>16} {'':>10} {'>' + format(args.timeout, 'g'):>8}")
                continue
            kb = f"{r['bytes'] / 1000:,.0f} KB" if r["bytes"] else ""
            print(
                f"{name:<16} {label:>16} {kb:>10} {r['seconds']:8.2f} {r['cpu']:8.2f}"
                f" {r['rss']:6.0f}  {r['what']}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
