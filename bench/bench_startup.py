"""Start-up time: whole processes on the seeds, side by side with pandoc --citeproc.

    .venv/bin/python bench/bench_startup.py [--runs 5]

Times, as the median of --runs runs each (interleaved, after one warm-up run so that
byte code is cached as it is on a user's machine):

* ``citelib format seeds/governance.bib`` (the README's main command),
* ``citelib cite seeds/governance.bib sun2018`` (one citation),
* ``python -c "import citelib"``,
* ``pandoc --citeproc`` rendering the same five works (seeds/governance.json) in
  citelib's copy of the GB/T 7714-2025 numeric style, when pandoc is installed.

The environment is the caller's without ``PYTHONDONTWRITEBYTECODE`` (some sandboxes set
it; it makes every run compile every module).  ``--importtime`` prints ``python -X
importtime`` for the format command instead, the slowest imports last.  ``--before VENV``
adds the same three commands run by another virtual environment's citelib (an older commit
installed there, not editable), interleaved with the others, for a before/after in one run::

    git worktree add /tmp/before <commit> && python3 -m venv /tmp/venv-before
    /tmp/venv-before/bin/pip install /tmp/before
    .venv/bin/python bench/bench_startup.py --before /tmp/venv-before
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
SEEDS_BIB = ROOT / "seeds" / "governance.bib"
SEEDS_JSON = ROOT / "seeds" / "governance.json"
STYLE = ROOT / "styles" / "gbt7714-2025-numeric.csl"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def commands(before: Path | None = None) -> dict[str, tuple[list[str], bytes | None]]:
    citelib = str(VENV_BIN / "citelib")
    out: dict[str, tuple[list[str], bytes | None]] = {
        "citelib format seeds/governance.bib": ([citelib, "format", str(SEEDS_BIB)], None),
        "citelib cite seeds/governance.bib sun2018": (
            [citelib, "cite", str(SEEDS_BIB), "sun2018"],
            None,
        ),
        'python -c "import citelib"': ([sys.executable, "-c", "import citelib"], None),
    }
    if before is not None:
        old = str(before / "bin" / "citelib")
        out["before: citelib format seeds/governance.bib"] = ([old, "format", str(SEEDS_BIB)], None)
        out["before: citelib cite seeds/governance.bib sun2018"] = (
            [old, "cite", str(SEEDS_BIB), "sun2018"],
            None,
        )
        out['before: python -c "import citelib"'] = (
            [str(before / "bin" / "python"), "-c", "import citelib"],
            None,
        )
    pandoc = shutil.which("pandoc")
    if pandoc:
        document = b'---\nnocite: "@*"\n---\n'
        out["pandoc --citeproc (same five works)"] = (
            [
                pandoc,
                "-f",
                "markdown",
                "-t",
                "plain",
                "--citeproc",
                "--bibliography",
                str(SEEDS_JSON),
                "--csl",
                str(STYLE),
            ],
            document,
        )
    return out


def run_once(argv: list[str], stdin: bytes | None) -> float:
    start = time.perf_counter()
    subprocess.run(argv, input=stdin, stdout=subprocess.DEVNULL, check=True, env=_env())
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--importtime", action="store_true")
    parser.add_argument(
        "--before", type=Path, help="a venv with an older citelib installed, timed side by side"
    )
    args = parser.parse_args()
    if args.importtime:
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "citelib", "format", str(SEEDS_BIB)],
            capture_output=True,
            text=True,
            env=_env(),
        )
        rows = [
            line
            for line in result.stderr.splitlines()
            if line.startswith("import time:") and line.split("|")[1].strip().isdigit()
        ]
        rows.sort(key=lambda line: int(line.split("|")[1]))
        print("\n".join(rows[-40:]))
        return
    cmds = commands(args.before)
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for argv, stdin in cmds.values():
        run_once(argv, stdin)  # warm-up: byte code cached, files in the page cache
    for _ in range(args.runs):
        for name, (argv, stdin) in cmds.items():
            times[name].append(run_once(argv, stdin))
    medians = {name: statistics.median(ts) for name, ts in times.items()}
    pandoc = next((m for n, m in medians.items() if n.startswith("pandoc")), None)
    print(f"median of {args.runs} runs, whole process, seconds")
    for name, median in medians.items():
        ratio = (
            f"  ({median / pandoc:.1f}x pandoc)" if pandoc and not name.startswith("pandoc") else ""
        )
        print(f"  {median:6.3f}  {name}{ratio}")


if __name__ == "__main__":
    main()
