"""citelib's exceptions and the problems readers and writers report.

Every error citelib raises derives from :class:`CitelibError`.  Problems that do
not stop a lenient read (a skipped or repaired entry) are returned as
:class:`Problem` values instead; strict reading turns them into a
:class:`ParseError`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import attrs

__all__ = [
    "CitelibError",
    "ParseError",
    "Problem",
    "RenderError",
    "UnknownFormat",
    "UnknownStyle",
    "WriteError",
]

Severity = Literal["error", "warning"]


@attrs.frozen
class Problem:
    """One thing wrong with the input or lost on output, with where it was found.

    ``severity`` is ``"error"`` when an entry (or part of it) was skipped and
    ``"warning"`` when it was repaired or something was lost but the record kept.
    """

    message: str
    file: str | None = None
    line: int | None = None
    key: str | None = None
    severity: Severity = "error"
    column: int | None = None

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.severity}: {self.message}"
        if self.key:
            text += f" (entry '{self.key}')"
        return text


class CitelibError(Exception):
    """The root of every exception citelib raises on purpose."""


class ParseError(CitelibError):
    """Input that cannot be read; names the file, line and entry key.

    A ParseError may carry several problems (a file's problems are collected, not
    cut off at the first); ``problems`` holds them all and the message lists them.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        key: str | None = None,
        column: int | None = None,
        problems: Iterable[Problem] = (),
    ) -> None:
        self.file = file
        self.line = line
        self.key = key
        self.column = column
        self.problems: tuple[Problem, ...] = tuple(problems) or (
            Problem(message, file=file, line=line, key=key, column=column),
        )
        super().__init__(message)

    @classmethod
    def from_problems(cls, problems: Iterable[Problem]) -> ParseError:
        """One error for a list of problems (at least one)."""
        found = tuple(problems)
        if not found:
            raise ValueError("ParseError.from_problems needs at least one problem")
        first = found[0]
        if len(found) == 1:
            message = first.message
        else:
            message = f"{len(found)} problems, the first: {first.message}"
        return cls(
            message,
            file=first.file,
            line=first.line,
            key=first.key,
            column=first.column,
            problems=found,
        )

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class UnknownFormat(CitelibError, ValueError):
    """A format name or file suffix citelib does not know."""


class UnknownStyle(CitelibError, ValueError):
    """A style name that is neither a shipped style nor a readable .csl file."""


class WriteError(CitelibError):
    """Records that cannot be written in the requested format, or an output file that cannot be written."""


class RenderError(CitelibError):
    """A style that cannot be used at all (a broken .csl file, say).

    Odd data in one work never raises this: it comes back as a warning.
    """
