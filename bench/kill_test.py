"""Kill test: SIGKILL ``citelib convert big.bib --to csljson -o out.json`` at moments: half spread over the
conversion, half while its temporary file is being written.

    .venv/bin/python bench/kill_test.py [--kills 20] [--entries 20000]

Builds a BibTeX file of --entries entries, writes out.json once, then --kills times starts
the conversion again and kills it after a random delay within one conversion's time.  After
each kill the target must be the old file or a complete new one (parsed as JSON with the
expected number of items); after a final uninterrupted run no temporary file may remain.
Prints the counts: old file kept, new file complete, corrupt targets, temporary files left
after the kills and after the next run.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CITELIB = str(Path(sys.executable).parent / "citelib")


def _big_bib(path: Path, entries: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(entries):
            fh.write(
                f"@article{{k{i},\n  author = {{张, 三 and Smith, John}},\n"
                f"  title = {{Title number {i}: 标题}},\n  journal = {{期刊}},\n"
                f"  year = {{2020}}, pages = {{1--10}}\n}}\n"
            )


def _temps(directory: Path) -> list[str]:
    return [n for n in os.listdir(directory) if n.endswith(".tmp")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--entries", type=int, default=20000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        big, out = d / "big.bib", d / "out.json"
        _big_bib(big, args.entries)
        argv = [CITELIB, "convert", str(big), "--to", "csljson", "-o", str(out)]
        out.write_text("[]\n")  # the "old" file
        subprocess.run(argv, check=True, capture_output=True)  # warm-up: byte code cached
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        full_time = time.perf_counter() - start
        out.write_text("[]\n")
        counts = {"old": 0, "new": 0, "corrupt": 0}
        for i in range(args.kills):
            proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if i % 2:  # anywhere in the conversion
                time.sleep(full_time * i / args.kills)
            else:  # while the temporary file is being written
                deadline = time.perf_counter() + 3 * full_time
                while not _temps(d) and time.perf_counter() < deadline:
                    time.sleep(0.001)
                time.sleep(0.002 * i)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            try:
                items = json.loads(out.read_text(encoding="utf-8"))
            except (ValueError, OSError):
                counts["corrupt"] += 1
                continue
            if items == []:
                counts["old"] += 1
            elif len(items) == args.entries:
                counts["new"] += 1
            else:
                counts["corrupt"] += 1
        left_after_kills = len(_temps(d))
        subprocess.run(argv, check=True, capture_output=True)
        left_after_next = len(_temps(d))
    print(f"{args.kills} kills of a {full_time:.2f} s conversion ({args.entries} entries):")
    print(
        f"  target kept old {counts['old']}, complete new {counts['new']}, corrupt {counts['corrupt']}"
    )
    print(
        f"  temporary files after the kills {left_after_kills}, after the next run {left_after_next}"
    )


if __name__ == "__main__":
    main()
