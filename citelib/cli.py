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


def main() -> None:
    """Entry point of the console script."""
    cli()


if __name__ == "__main__":
    main()
