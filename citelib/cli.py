"""The ``citelib`` command: thin Click commands over the public API.

Commands parse arguments, call the library, print problems to stderr and turn
:class:`~citelib.errors.CitelibError` into exit code 1 (usage errors exit 2).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import click

from . import __version__
from .errors import CitelibError, Problem

F = TypeVar("F", bound=Callable[..., Any])


def _fail_cleanly(func: F) -> F:
    """Print a CitelibError without a traceback and exit 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CitelibError as e:
            click.echo(f"citelib: {e}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _report(problems: Iterable[Problem]) -> None:
    for p in problems:
        click.echo(str(p), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="citelib")
def cli() -> None:
    """Citations and bibliographies: convert, check and format reference lists."""


_INPUTS = click.argument(
    "inputs", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True)
)
_FROM = click.option(
    "--from",
    "from_format",
    help="Input format (default: each file's suffix, or its content for stdin).",
)
_ENCODING = click.option("--encoding", help="Input encoding (default: detected).")


def _with_duplicates(library: Any) -> list[Problem]:
    """The library's problems plus duplicate keys across files that no reader reported."""
    from .keys import duplicate_keys

    problems = list(library.problems)
    # keys a reader already reported as duplicates (within one file) are not reported again
    reported = {p.key for p in problems if "duplicate" in p.message or "only in case" in p.message}
    problems += [p for p in duplicate_keys(library.works) if p.key not in reported]
    return problems


def _tally(problems: list[Problem]) -> str:
    if not problems:
        return "no problems"
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    plural = "s" if len(problems) != 1 else ""
    return f"{len(problems)} problem{plural} ({errors} skipped, {warnings} repaired or doubtful)"


@cli.command("convert")
@_INPUTS
@click.option(
    "--to",
    "to_format",
    help="Output format: csljson, bibtex, biblatex or any registered one"
    " (default: from the -o suffix).",
)
@_FROM
@_ENCODING
@click.option("--strict", is_flag=True, help="Exit 1, writing nothing, on any problem.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write here (atomically) instead of stdout.",
)
@_fail_cleanly
def convert_command(
    inputs: tuple[str, ...],
    to_format: str | None,
    from_format: str | None,
    encoding: str | None,
    strict: bool,
    output: str | None,
) -> None:
    """Convert INPUT files (one library; - is stdin) to another format.

    Lenient by default: every readable work is written and every skipped or
    repaired entry is listed on stderr (exit 0).  With --strict any problem,
    duplicate keys included, exits 1 and nothing is written.
    """
    from .formats import format_for_path, get_format
    from .io import read, write, write_text_atomic

    to_file = output if output and output != "-" else None
    if to_format is None:
        if to_file is None:
            raise click.UsageError("name the output format with --to (or give -o FILE.suffix)")
        fmt = format_for_path(to_file)
    else:
        fmt = get_format(to_format)
    # read leniently even with --strict, so that every problem is listed before exiting
    library = read(*inputs, format=from_format, encoding=encoding)
    problems = _with_duplicates(library)
    if not strict or not problems:
        out_problems: list[Problem] = []
        text = write(library.works, fmt.name, problems=out_problems)
        problems += out_problems
    _report(problems)
    summary = f"citelib: {len(library.works)} works to {fmt.name}; {_tally(problems)}"
    if strict and problems:
        click.echo(summary + "; nothing written (--strict)", err=True)
        sys.exit(1)
    if to_file is not None:
        write_text_atomic(to_file, text)
    else:
        click.echo(text, nl=False)
    if problems:
        click.echo(summary, err=True)


@cli.command("check")
@_INPUTS
@_FROM
@_ENCODING
@_fail_cleanly
def check_command(inputs: tuple[str, ...], from_format: str | None, encoding: str | None) -> None:
    """Read INPUT files (one library; - is stdin) and report every problem.

    Each problem is printed on stderr as FILE:LINE: severity: message (entry
    'KEY'), duplicate keys included; a one-line summary follows on stdout.
    Exit 1 if there is any problem, 0 if none.
    """
    from .errors import ParseError
    from .io import read
    from .model import Library

    remaining = list(inputs)
    unreadable: list[Problem] = []
    library = Library()
    while remaining:
        try:
            library = read(*remaining, format=from_format, encoding=encoding)
            break
        except ParseError as e:  # one file cannot be read at all: check the others
            unreadable += e.problems
            name = "-" if e.file == "<stdin>" else e.file
            if name not in remaining:
                break
            remaining.remove(name)
    problems = unreadable + _with_duplicates(library)
    _report(problems)
    files = f"{len(inputs)} file{'s' if len(inputs) != 1 else ''}"
    failed = f", {len(inputs) - len(remaining)} unreadable" if len(remaining) < len(inputs) else ""
    click.echo(f"{len(library.works)} works in {files}{failed}: {_tally(problems)}")
    if problems:
        sys.exit(1)


@cli.command("import-page")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--to",
    "to_format",
    help="Output format (default: from the -o suffix, else csljson).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write here (atomically) instead of stdout.",
)
@_ENCODING
@_fail_cleanly
def import_page_command(
    files: tuple[str, ...], to_format: str | None, output: str | None, encoding: str | None
) -> None:
    """Turn pasted catalogue pages (thesis-abstract or Chinese journal-article) into records.

    FILES are text files of pages copied from a browser ("-" reads one from standard
    input).  A page of neither layout is an error (exit 1) and nothing is written.
    """
    from .formats import format_for_path, get_format
    from .io import import_pages, write, write_text_atomic

    to_file = output if output and output != "-" else None
    if to_format is not None:
        fmt = get_format(to_format)
    elif to_file is not None:
        fmt = format_for_path(to_file)
    else:
        fmt = get_format("csljson")
    library = import_pages(files, encoding=encoding)
    problems: list[Problem] = []
    text = write(library.works, fmt.name, problems=problems)
    if to_file is not None:
        write_text_atomic(to_file, text)
    else:
        click.echo(text, nl=not text.endswith("\n"))
    _report(problems)


_STYLE_HELP = "Style: a short name (see `citelib styles`) or a path to a .csl file."


@cli.command("format")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--style", "-s", default="gbt7714-2025-numeric", show_default=True, help=_STYLE_HELP)
@click.option(
    "--markup",
    type=click.Choice(["text", "html", "markdown"]),
    default="text",
    show_default=True,
    help="Output markup.",
)
@click.option("--keys", help="Cited keys in citation order (comma-separated): list only these.")
@click.option(
    "--aux",
    type=click.Path(dir_okay=False, exists=True),
    help="LaTeX .aux file whose \\citation lines give the cited keys in order.",
)
@click.option("--json", "as_json", is_flag=True, help='Print {"entries": [{"id", "text"}]}.')
@click.option("--sentence-case", is_flag=True, help="Sentence-case English titles.")
@click.option(
    "--full-pinyin", is_flag=True, help="Pinyin given names in full (Wang Shanshan; GB/T 2025)."
)
@click.option(
    "--omit-contained-pid",
    is_flag=True,
    help="Leave out a DOI or CSTR that the URL already contains (GB/T 7714-2025 §7.9).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here (atomically).")
@_fail_cleanly
def format_command(
    inputs: tuple[str, ...],
    style: str,
    markup: str,
    keys: str | None,
    aux: str | None,
    as_json: bool,
    sentence_case: bool,
    full_pinyin: bool,
    omit_contained_pid: bool,
    output: str | None,
) -> None:
    """Print the reference list of INPUT files (one library) in a style.

    Numeric styles number works in input order, or by first citation with
    --keys/--aux (then only the cited works are listed).
    """
    import json

    from .io import read, write_text_atomic
    from .render import format_bibliography, read_aux

    if keys and aux:
        raise click.UsageError("give --keys or --aux, not both")
    library = read(*inputs)
    _report(library.problems)
    cited: list[str] | None = None
    if keys:
        cited = [k.strip() for k in keys.split(",") if k.strip()]
    elif aux:
        cited = read_aux(aux)
    bib = format_bibliography(
        library.works,
        style,
        markup=markup,  # type: ignore[arg-type]
        cited=cited,
        sentence_case=sentence_case,
        full_pinyin=full_pinyin,
        omit_contained_pid=omit_contained_pid,
    )
    if as_json:
        entries = [{"id": e.id, "text": e.text} for e in bib.entries]
        text = json.dumps({"entries": entries}, ensure_ascii=False, indent=2) + "\n"
    else:
        text = "".join(e.text + "\n" for e in bib.entries)
    if output:
        write_text_atomic(output, text)
    else:
        click.echo(text, nl=False)
    _report(bib.warnings)


@cli.command("cite")
@click.argument("input_file", metavar="INPUT", type=click.Path(dir_okay=False, allow_dash=True))
@click.argument("keys", nargs=-1, required=True)
@click.option("--style", "-s", default="gbt7714-2025-numeric", show_default=True, help=_STYLE_HELP)
@click.option(
    "--locator",
    "locators",
    multiple=True,
    metavar="KEY=LOCATOR",
    help="Pinpoint for one key, e.g. sun2018=12-15 or sun2018='chap. 3' (repeatable).",
)
@click.option(
    "--markup",
    type=click.Choice(["text", "html", "markdown"]),
    default="text",
    show_default=True,
    help="Output markup.",
)
@click.option("--json", "as_json", is_flag=True, help='Print {"citation": ...}.')
@_fail_cleanly
def cite_command(
    input_file: str,
    keys: tuple[str, ...],
    style: str,
    locators: tuple[str, ...],
    markup: str,
    as_json: bool,
) -> None:
    """Print one in-text citation of KEYs, numbered by their position in INPUT."""
    import json

    from .io import read
    from .render import cite

    pins: dict[str, str] = {}
    for spec in locators:
        key, sep, loc = spec.partition("=")
        if not sep or not key.strip():
            raise click.UsageError(f"--locator wants KEY=LOCATOR, got {spec!r}")
        pins[key.strip()] = loc.strip()
    library = read(input_file)
    _report(library.problems)
    result = cite(library.works, list(keys), style, locators=pins, markup=markup)  # type: ignore[arg-type]
    if as_json:
        click.echo(json.dumps({"citation": result.text}, ensure_ascii=False))
    else:
        click.echo(result.text)
    _report(result.warnings)


@cli.command("styles")
def styles_command() -> None:
    """List the shipped styles (the default first)."""
    from .render import DEFAULT_STYLE, styles

    names = styles()
    for name in [DEFAULT_STYLE] + [n for n in names if n != DEFAULT_STYLE]:
        click.echo(name)


def main() -> None:
    """Entry point of the console script."""
    cli()


if __name__ == "__main__":
    main()
