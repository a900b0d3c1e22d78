"""A mutation fuzzing campaign over every reader and the writers' round trips.

    .venv/bin/python bench/fuzz_campaign.py [--inputs 1000000] [--workers 2] [--seed 0]
        [--formats bibtex,ris,...] [--slow 2.0] [--hang 60]

Inputs are mutants of the seeds in tests/data (tests/fuzz/mutate.py: truncations, lost
braces and quotes, inserted NULs and invalid UTF-8, re-encodings, long runs, deep nesting,
huge repeats, splices of two formats), one in twenty plain random bytes; each goes through
tests/fuzz/harness.py (decode, read in its format, write in one writable format chosen per
input, read that back).  Input *i* of format *f* is reproducible from ``--seed`` alone.  Escapes (any
exception that is not a CitelibError, a writer failing on what a reader read, a writer's
output its reader cannot read), inputs slower than ``--slow`` seconds and inputs stopped
after ``--hang`` seconds are saved under bench/out/fuzz/ with what happened; the summary
gives the counts, the rate and the slowest inputs.  Replay one with
``--replay bench/out/fuzz/FILE.bin --formats FORMAT``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import signal
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fuzz.harness import READERS, WRITERS, Escape, check  # noqa: E402
from fuzz.mutate import mutant, seeds  # noqa: E402

OUT = ROOT / "bench" / "out" / "fuzz"


class _Hang(BaseException):  # not an Exception: the harness must not catch it
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Hang


def make_input(fmt: str, index: int, seed: int) -> bytes:
    rng = random.Random(f"{seed}-{fmt}-{index}")
    if rng.random() < 0.05:  # plain random bytes
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 2048)))
    return mutant(rng.choice(seeds()[fmt]), rng)


def run_batch(task: tuple[str, int, int, int, float, int]) -> dict[str, Any]:
    fmt, start, count, seed, slow, hang = task
    signal.signal(signal.SIGALRM, _alarm)
    found: dict[str, Any] = {"inputs": 0, "works": 0, "escapes": [], "slow": [], "hangs": []}
    for index in range(start, start + count):
        data = make_input(fmt, index, seed)
        began = time.perf_counter()
        signal.alarm(hang)
        try:
            writers = (random.Random(f"{seed}-{fmt}-{index}-w").choice(WRITERS),)
            found["works"] += check(data, fmt, writers=writers)
        except Escape as e:
            found["escapes"].append(_save(fmt, index, data, str(e)))
        except _Hang:
            found["hangs"].append(_save(fmt, index, data, f"stopped after {hang} s"))
        except RecursionError as e:  # outside the API's promise, but say so
            found["escapes"].append(_save(fmt, index, data, f"RecursionError: {e}"))
        finally:
            signal.alarm(0)
        took = time.perf_counter() - began
        if took > slow:
            found["slow"].append((took, _save(fmt, index, data, f"{took:.2f} s")))
        found["inputs"] += 1
    return found


def _save(fmt: str, index: int, data: bytes, what: str) -> str:
    OUT.mkdir(parents=True, exist_ok=True)
    name = f"{fmt}-{index}"
    (OUT / f"{name}.bin").write_bytes(data)
    (OUT / f"{name}.txt").write_text(f"{fmt} input {index}: {what}\n", encoding="utf-8")
    return f"{name}: {what}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--inputs", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--formats", default=",".join(READERS))
    parser.add_argument("--slow", type=float, default=2.0)
    parser.add_argument("--hang", type=int, default=60)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--replay", type=Path)
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    if args.replay:
        began = time.perf_counter()
        works = check(args.replay.read_bytes(), formats[0])
        print(f"{works} works, {time.perf_counter() - began:.2f} s, no escape")
        return
    per_format = args.inputs // len(formats)
    tasks = [
        (fmt, start, min(args.batch, per_format - start), args.seed, args.slow, args.hang)
        for fmt in formats
        for start in range(0, per_format, args.batch)
    ]
    random.Random(args.seed).shuffle(tasks)  # the formats' costs spread over the run
    totals: dict[str, Any] = {"inputs": 0, "works": 0, "escapes": [], "slow": [], "hangs": []}
    began = time.perf_counter()
    with multiprocessing.Pool(args.workers) as pool:
        for done, found in enumerate(pool.imap_unordered(run_batch, tasks), 1):
            for key in ("inputs", "works"):
                totals[key] += found[key]
            for key in ("escapes", "slow", "hangs"):
                totals[key] += found[key]
            if done % 50 == 0 or done == len(tasks):
                rate = totals["inputs"] / (time.perf_counter() - began)
                print(
                    f"  {totals['inputs']:,} inputs, {rate:,.0f}/s, escapes "
                    f"{len(totals['escapes'])}, hangs {len(totals['hangs'])}",
                    file=sys.stderr,
                )
    elapsed = time.perf_counter() - began
    slowest = sorted(totals["slow"], reverse=True)[:10]
    summary = {
        "inputs": totals["inputs"],
        "formats": formats,
        "seconds": round(elapsed, 1),
        "inputs per second": round(totals["inputs"] / elapsed),
        "works read": totals["works"],
        "escapes": totals["escapes"],
        "hangs": totals["hangs"],
        f"slower than {args.slow} s": len(totals["slow"]),
        "slowest": [what for _, what in slowest],
    }
    print(json.dumps(summary, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
