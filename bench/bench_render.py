"""Rendering speed: citelib against citeproc-js (and stock citeproc-py), whole processes.

Renders the 5,000-item mixed Chinese/English library of ../shared/corpora/perf as a
reference list in ``gbt7714-2025-numeric`` and ``apa``, each engine as a fresh process
(start-up, imports and style parsing included: what a user waits for), median of 3:

* citelib: ``.venv/bin/citelib format FILE --style S`` (output discarded), with citelib's
  shipped styles;
* citeproc-js: ``node bench/citeproc_js.mjs`` (text output only) with the official
  ``china-national-standard-gb-t-7714-2025-numeric.csl`` and ``apa.csl``;
* pandoc (``pandoc --citeproc``, the Haskell citeproc: what a pandoc user runs), on a
  one-line Markdown file with ``nocite: '@*'`` and the same official styles, plain output;
* stock citeproc-py 0.11.1 (the version in .venv), straight on the same official styles:
  the baseline citelib started from.

Issue 8's speed table is ``--engines citelib,pandoc,citeproc-js --styles
gbt7714-2025-numeric,gbt7714-2025-author-date,apa`` at 5,000 items and with ``--items 300``.

Usage (from the repository root)::

    .venv/bin/python bench/bench_render.py                  # the full run (a few minutes)
    .venv/bin/python bench/bench_render.py --items 500      # a quick subset
    .venv/bin/python bench/bench_render.py --engines citelib --profile   # + cProfile, top 30

The table gives each engine's median wall time and citelib's time as a ratio of
citeproc-js's (the target is <= 1).  citelib is skipped, with a message, while
``citelib/render.py`` does not exist.
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SHARED = ROOT.parent / "shared"
LIBRARY = SHARED / "corpora" / "perf" / "perf-items-5000.json"
OFFICIAL = SHARED / "csl" / "styles"
LOCALES = SHARED / "csl" / "locales"

#: citelib style name -> the official CSL file the reference engines use.
STYLES = {
    "gbt7714-2025-numeric": OFFICIAL / "china-national-standard-gb-t-7714-2025-numeric.csl",
    "gbt7714-2025-author-date": OFFICIAL / "china-national-standard-gb-t-7714-2025-author-date.csl",
    "gbt7714-2015-numeric": OFFICIAL / "china-national-standard-gb-t-7714-2015-numeric.csl",
    "gbt7714-2015-author-date": OFFICIAL / "china-national-standard-gb-t-7714-2015-author-date.csl",
    "apa": OFFICIAL / "apa.csl",
}
ENGINES = ("citelib", "pandoc", "citeproc-js", "citeproc-py", "citeproc-py-memo")
DEFAULT_ENGINES = ("citelib", "citeproc-js", "citeproc-py")


def python() -> str:
    """The project venv's Python (falls back to the running one)."""
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


# ------------------------------------------------------------------------- the engines


def citelib_command(style: str, items: Path) -> list[str] | str:
    """citelib's CLI rendering *items*, or why it cannot run yet."""
    if not (ROOT / "citelib" / "render.py").exists():
        return "citelib/render.py does not exist yet"
    exe = ROOT / ".venv" / "bin" / "citelib"
    if not exe.exists():
        return f"{exe} is missing (pip install -e . in the venv)"
    # Output goes to a pipe, never `-o /dev/null`: an atomic write would rename over it.
    return [str(exe), "format", str(items), "--style", style]


def citeproc_js_command(style: str, items: Path) -> list[str] | str:
    """citeproc-js (node) rendering *items* with the official style, or why it cannot."""
    sys.path.insert(0, str(BENCH))
    import render_js

    reason = render_js.unavailable_reason()
    if reason:
        return reason
    return render_js.command(STYLES[style], items, format="text", locales=LOCALES)


def pandoc_command(style: str, items: Path) -> list[str] | str:
    """pandoc's citeproc rendering every item of *items* as a list, or why it cannot."""
    import shutil

    exe = shutil.which("pandoc")
    if exe is None:
        return "pandoc is not installed"
    doc = items.parent / "nocite.md"
    if not doc.exists():
        doc.write_text("---\nnocite: '@*'\n---\n", encoding="utf-8")
    return [
        exe, str(doc), "--citeproc", "--bibliography", str(items), "--csl", str(STYLES[style]),
        "-t", "plain", "--wrap=none",
    ]  # fmt: skip


def citeproc_py_command(style: str, items: Path) -> list[str] | str:
    """Stock citeproc-py rendering *items* with the official style (see ``run_citeproc_py``)."""
    script = str(Path(__file__).resolve())
    return [python(), script, "--run-citeproc-py", str(STYLES[style]), str(items)]


def citeproc_py_memo_command(style: str, items: Path) -> list[str] | str:
    """citeproc-py with its style-static look-ups memoised (see ``memoise_citeproc_py``)."""
    cmd = citeproc_py_command(style, items)
    return [*cmd, "--memo"] if isinstance(cmd, list) else cmd


COMMANDS: dict[str, Callable[[str, Path], list[str] | str]] = {
    "citelib": citelib_command,
    "pandoc": pandoc_command,
    "citeproc-js": citeproc_js_command,
    "citeproc-py": citeproc_py_command,
    "citeproc-py-memo": citeproc_py_memo_command,
}


def memoise_citeproc_py() -> None:
    """Patch stock citeproc-py to memoise its style-static look-ups (the ``citeproc-py-memo`` row).

    Not a fix, a measurement: how much of citeproc-py's time goes to questions whose answer
    depends on the style alone, asked again for every item.  Memoised here: macro look-ups
    (an XPath query per ``<text macro>``), ``calls_variable`` (recomputed by every
    ``<group>`` for every child on every item), locale terms (an XPath query per term),
    ``get_layout`` (an XPath query per rendered variable) and ``CitationItem.reference``
    (a chain of four dictionary look-ups through exceptions).  The output stays the same.
    """
    from citeproc import model
    from citeproc.source import CitationItem

    keep: list[object] = []  # lxml proxies must stay alive for id() keys to stay valid
    macros: dict[tuple[int, str], object] = {}
    calls: dict[int, bool] = {}
    terms: dict[tuple[int, str, str | None, bool], object] = {}
    layouts: dict[int, object] = {}

    def get_macro(self, name):  # type: ignore[no-untyped-def]
        root = self.get_root()
        key = (id(root), name)
        if key not in macros:
            macros[key] = root.xpath_search(f"cs:macro[@name='{name}'][1]")[0]
            keep.extend((root, macros[key]))
        return macros[key]

    def memo_calls(fn):  # type: ignore[no-untyped-def]
        def calls_variable(self):  # type: ignore[no-untyped-def]
            key = id(self)
            if key not in calls:
                calls[key] = fn(self)
                keep.append(self)
            return calls[key]

        return calls_variable

    get_term = model.Locale.get_term

    def locale_term(self, name, form=None, zero_padded=False):  # type: ignore[no-untyped-def]
        key = (id(self), name, form, zero_padded)
        if key not in terms:
            try:
                terms[key] = get_term(self, name, form, zero_padded)
            except IndexError as e:
                terms[key] = e
            keep.append(self)
        if isinstance(terms[key], IndexError):
            raise IndexError(name)
        return terms[key]

    get_layout = model.CitationStylesElement.get_layout

    def layout(self):  # type: ignore[no-untyped-def]
        key = id(self)
        if key not in layouts:
            layouts[key] = get_layout(self)
            keep.append(self)
        return layouts[key]

    def reference(self):  # type: ignore[no-untyped-def]
        try:
            return self.__dict__["_reference"]
        except KeyError:
            ref = self.__dict__["_reference"] = self.citation.bibliography.source[self.key]
            return ref

    model.CitationStylesElement.get_macro = get_macro
    model.Parent.calls_variable = memo_calls(model.Parent.calls_variable)
    model.Text.calls_variable = memo_calls(model.Text.calls_variable)
    model.Locale.get_term = locale_term
    model.CitationStylesElement.get_layout = layout
    CitationItem.reference = property(reference)


def run_citeproc_py(style: str, items_file: str, *, memo: bool = False) -> int:
    """Render a reference list with stock citeproc-py as its README shows (register, sort); print it."""
    if memo:
        memoise_citeproc_py()
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    items = json.loads(Path(items_file).read_text(encoding="utf-8"))
    source = CiteProcJSON(items)
    bibliography = CitationStylesBibliography(
        CitationStylesStyle(style, validate=False), source, formatter.plain
    )
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    bibliography.sort()  # the style's <sort> (APA, author-date); a no-op for numeric styles
    out = sys.stdout
    for entry in bibliography.bibliography():
        out.write(str(entry) + "\n")
    return 0


def count_entries(engine: str, stdout: bytes) -> int:
    """How many entries an engine printed (to check that every engine did all the work)."""
    if engine == "citeproc-js":
        return len(json.loads(stdout)["entries"])
    return sum(1 for line in stdout.decode("utf-8", "replace").splitlines() if line.strip())


# ------------------------------------------------------------------------- measuring


def time_run(cmd: list[str]) -> tuple[float, float, subprocess.CompletedProcess[bytes]]:
    """Wall time and CPU time (user + system, all threads) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc


class Cell:
    """The runs of one engine on one style: wall and CPU times, and a note."""

    def __init__(self, engine: str, style: str, items: Path, expected: int) -> None:
        self.engine, self.style, self.expected = engine, style, expected
        self.cmd = COMMANDS[engine](style, items)
        self.walls: list[float] = []
        self.cpus: list[float] = []
        self.note = f"skipped: {self.cmd}" if isinstance(self.cmd, str) else ""
        self.failed = isinstance(self.cmd, str)

    def run(self) -> None:
        """One more run (none once the engine cannot run or has failed)."""
        if self.failed or isinstance(self.cmd, str):
            return
        wall, cpu, proc = time_run(self.cmd)
        if proc.returncode != 0:
            err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            self.note = f"failed (exit {proc.returncode}): {err[-1] if err else ''}"
            self.failed = True
            return
        self.walls.append(wall)
        self.cpus.append(cpu)
        entries = count_entries(self.engine, proc.stdout)
        self.note = f"{entries} entries" + (
            "" if entries == self.expected else f" (expected {self.expected})"
        )
        print(
            f"[bench] {self.style} {self.engine}: {wall:.2f} s wall, {cpu:.2f} s CPU",
            file=sys.stderr,
        )

    def result(self) -> tuple[float | None, float | None, str]:
        """Median wall and CPU time, and the note with every run's wall time."""
        if self.failed or not self.walls:
            return None, None, self.note
        runs = " ".join(f"{w:.2f}" for w in self.walls)
        return (
            statistics.median(self.walls),
            statistics.median(self.cpus),
            f"{self.note}; wall runs {runs}",
        )


def profile(engine: str, style: str, items: Path, top: int = 30) -> str:
    """cProfile of one run of *engine* (citelib or citeproc-py): top functions by cumulative time."""
    cmd = COMMANDS[engine](style, items)
    if isinstance(cmd, str):
        return f"{engine} {style}: skipped: {cmd}"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "run.prof"
        if engine == "citelib":
            # Click's own entry, not the console script's main(): main() ends the process
            # with os._exit, which would leave cProfile no time to write its file
            script = (
                "import cProfile, sys; from citelib.cli import cli; sys.argv[0] = 'citelib'; "
                f"cProfile.run('cli(standalone_mode=False)', {str(out)!r})"
            )
            argv = [python(), "-c", script, *cmd[1:]]
        elif engine in ("citeproc-py", "citeproc-py-memo"):
            argv = [python(), "-m", "cProfile", "-o", str(out), *cmd[1:]]
        else:
            return f"{engine}: no Python profile (use node --cpu-prof)"
        proc = subprocess.run(argv, capture_output=True, check=False)
        if proc.returncode != 0:
            return f"{engine} {style}: failed: {proc.stderr.decode('utf-8', 'replace')[-2000:]}"
        report = Path(tmp) / "report.txt"
        with report.open("w", encoding="utf-8") as fh:
            stats = pstats.Stats(str(out), stream=fh)
            stats.strip_dirs().sort_stats("cumulative").print_stats(top)
        return f"== cProfile: {engine} {style} (top {top} by cumulative time)\n" + report.read_text(
            encoding="utf-8"
        )


def subset(library: Path, n: int | None, tmp: Path) -> tuple[Path, int]:
    """The library, or its first *n* items in a temporary file; and the item count."""
    items = json.loads(library.read_text(encoding="utf-8"))
    if n is None or n >= len(items):
        return library, len(items)
    path = tmp / f"{library.stem}-first{n}.json"
    path.write_text(json.dumps(items[:n], ensure_ascii=False), encoding="utf-8")
    return path, n


def _fmt(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds:.2f}"


def _ratio(a: float | None, b: float | None) -> str:
    return "-" if a is None or b is None else f"{a / b:.2f}"


def _table(
    title: str,
    times: dict[tuple[str, str], float | None],
    styles: list[str],
    engines: list[str],
) -> str:
    both = "citeproc-js" in engines
    width = {e: max(13, len(e) + 2) for e in engines}
    lines = [f"{title:<26}" + "".join(f"{e:>{width[e]}}" for e in engines)]
    if both and "citelib" in engines:
        lines[0] += f"{'citelib/js':>12}"
    if both and "citeproc-py" in engines:
        lines[0] += f"{'py/js':>8}"
    if "pandoc" in engines and "citelib" in engines:
        lines[0] += f"{'citelib/pandoc':>16}"
    for style in styles:
        row = f"{style:<26}" + "".join(f"{_fmt(times[e, style]):>{width[e]}}" for e in engines)
        if both and "citelib" in engines:
            row += f"{_ratio(times['citelib', style], times['citeproc-js', style]):>12}"
        if both and "citeproc-py" in engines:
            row += f"{_ratio(times['citeproc-py', style], times['citeproc-js', style]):>8}"
        if "pandoc" in engines and "citelib" in engines:
            row += f"{_ratio(times['citelib', style], times['pandoc', style]):>16}"
        lines.append(row)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table (and profiles)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, default=LIBRARY, help="CSL-JSON items to render")
    parser.add_argument("--items", type=int, help="render only the first N items")
    parser.add_argument(
        "--styles", default="gbt7714-2025-numeric,apa", help=f"comma-separated: {', '.join(STYLES)}"
    )
    parser.add_argument(
        "--engines",
        default=",".join(DEFAULT_ENGINES),
        help=f"comma-separated: {', '.join(ENGINES)} (default: {','.join(DEFAULT_ENGINES)})",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per cell (median)")
    parser.add_argument(
        "--profile",
        nargs="?",
        const="citelib",
        choices=("citelib", "citeproc-py", "citeproc-py-memo"),
        help="also print a cProfile of one run (default: citelib), top 30 by cumulative time",
    )
    parser.add_argument(
        "--run-citeproc-py", nargs=2, metavar=("STYLE", "ITEMS"), help=argparse.SUPPRESS
    )
    parser.add_argument("--memo", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run_citeproc_py:
        return run_citeproc_py(*args.run_citeproc_py, memo=args.memo)

    styles = [s for s in args.styles.split(",") if s]
    engines = [e for e in args.engines.split(",") if e]
    for name in styles:
        if name not in STYLES:
            parser.error(f"unknown style {name!r}; known: {', '.join(STYLES)}")
    for name in engines:
        if name not in ENGINES:
            parser.error(f"unknown engine {name!r}; known: {', '.join(ENGINES)}")
    if not args.library.exists():
        print(f"library not found: {args.library}", file=sys.stderr)
        return 1

    with tempfile.TemporaryDirectory(prefix="bench-render-") as tmp:
        items, n = subset(args.library, args.items, Path(tmp))
        print(
            f"{n} items of {args.library.name}; whole-process wall time in seconds, "
            f"median of {args.repeat}; {os.cpu_count()} CPUs"
        )
        load = os.getloadavg()[0]
        print(
            f"load average before the run: {load:.2f}"
            + (" (busy machine: expect noisy walls)" if load > 1 else "")
        )
        wall: dict[tuple[str, str], float | None] = {}
        cpu: dict[tuple[str, str], float | None] = {}
        notes: list[str] = []
        for style in styles:
            # the engines take turns, run by run: a machine busy for a while slows each alike
            cells = [Cell(engine, style, items, n) for engine in engines]
            for _ in range(args.repeat):
                for cell in cells:
                    cell.run()
            for cell in cells:
                wall[cell.engine, style], cpu[cell.engine, style], note = cell.result()
                notes.append(f"  {style:<26} {cell.engine:<12} {note}")
        for title, table in (("wall time (s)", wall), ("CPU time, user+sys (s)", cpu)):
            print(_table(title, table, styles, engines))
        print("runs:")
        print("\n".join(notes))
        if args.profile:
            for style in styles:
                print()
                print(profile(args.profile, style, items))
    return 0


if __name__ == "__main__":
    sys.exit(main())
