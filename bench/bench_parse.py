"""How long ``citelib parse`` takes for 10,000 reference strings, parsed and verified.

The strings are citelib's own renderings of the corpus works (bench/parse_accuracy.py) in
GB/T 7714-2025 numeric, repeated with their numbers changed until there are 10,000; the
whole ``citelib parse FILE --json`` process is timed (start-up, reading, rules, one
rendering of the list per style tried, comparison, output).

    .venv/bin/python bench/bench_parse.py [--n 10000] [--style gbt7714-2025-numeric]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from parse_accuracy import corpus_works, select

import citelib


def strings(n: int, style: str) -> list[str]:
    works, _ = select(corpus_works(), "all")
    bib = citelib.format_bibliography(works, style=style)
    texts = [e.text for e in bib.entries if "[No printed form]" not in e.text]
    out: list[str] = []
    while len(out) < n:
        for t in texts:
            out.append(t)
            if len(out) == n:
                break
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--style", default="gbt7714-2025-numeric")
    args = ap.parse_args()
    lines = strings(args.n, args.style)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "refs.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        exe = Path(sys.executable).parent / "citelib"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(
            [str(exe), "parse", str(path), "--json"], capture_output=True, check=True
        )
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    refs = json.loads(done.stdout)["references"]
    verified = sum(r["verified"] for r in refs)
    print(
        f"{len(refs)} strings ({args.style}) parsed and verified in {elapsed:.1f} s"
        f" ({1000 * elapsed / len(refs):.2f} ms each), {cpu:.1f} s CPU, {verified} verified;"
        f" load average {os.getloadavg()[0]:.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
