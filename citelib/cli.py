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


@cli.command("import-page")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--to", "to_format", default="csljson", show_default=True, help="Output format name.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here (atomically).")
@click.option("--encoding", help="Encoding of the page files (default: detected).")
@_fail_cleanly
def import_page_command(
    files: tuple[str, ...], to_format: str, output: str | None, encoding: str | None
) -> None:
    """Turn pasted catalogue pages (thesis-abstract or Chinese journal-article) into records.

    A page of neither layout is an error (exit 1) and nothing is written.
    """
    from .library import write, write_text_atomic
    from .pages import import_pages

    library = import_pages(files, encoding=encoding)
    problems: list[Problem] = []
    text = write(library.works, to_format, problems=problems)
    if output:
        write_text_atomic(output, text)
    else:
        click.echo(text, nl=not text.endswith("\n"))
    _report(problems)


def main() -> None:
    """Entry point of the console script."""
    cli()


if __name__ == "__main__":
    main()
