"""citelib's exceptions and the problems readers, writers and the renderer report.

Every error citelib raises derives from :class:`CitelibError`.  Problems that do
not stop the work (a skipped or repaired entry, a field a format cannot hold, a
cited key that is missing) are returned as :class:`Problem` values instead; strict
reading turns them into a :class:`ParseError`.

Each problem has a stable :attr:`Problem.code` from :data:`CODES`, so programs can
act on a kind of problem without matching message text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import attrs

__all__ = [
    "CODES",
    "CitelibError",
    "ParseError",
    "Problem",
    "RenderError",
    "Report",
    "UnknownFormat",
    "UnknownStyle",
    "WriteError",
]

Severity = Literal["error", "warning"]

#: Every :attr:`Problem.code`, with what it means.
CODES: dict[str, str] = {
    # reading
    "encoding": "text that is not valid in its encoding (replaced or rejected)",
    "syntax": "text that does not parse; the block or document is skipped",
    "unbalanced-braces": "BibTeX braces that do not balance (closed or escaped)",
    "unclosed-quote": 'a BibTeX "..." value that never closes',
    "missing-comma": "a missing comma that merged two BibTeX fields (repaired)",
    "merged-fields": "a value that seems to hold another field (a missing brace or quote?)",
    "unexpected-text": "text where a value belongs, kept as text",
    "undefined-macro": "a BibTeX @string macro that is never defined (kept as text)",
    "macro-limit": "a BibTeX @string macro left unexpanded: the value would grow too large",
    "duplicate-key": "a key used twice (or differing only in case)",
    "renamed-key": "a key made up for a record without one, changed to stay unique across files",
    "duplicate-field": "a field or JSON key given twice in one entry",
    "missing-key": "an entry without a key or id (one is made up)",
    "bad-key": "a key that cannot be used as a citation key",
    "missing-parent": "a crossref or xdata entry that is not in the library",
    "crossref-cycle": "crossref or xdata entries that inherit from each other",
    "bad-date": "a date that cannot be read (kept as literal text or in extra)",
    "bad-name": "a name that cannot be read as given (read otherwise or left out)",
    "bad-value": "a value of the wrong kind (joined, or kept in extra)",
    "bad-entry": "an entry that cannot be made a record; skipped",
    "unknown-type": "an item type citelib does not know (read as a generic document)",
    "missing-type": "an entry without a type (one is assumed)",
    "empty-record": "a record with nothing but its type; skipped",
    "stray-text": "text outside any record; skipped",
    "no-records": "a file in which no record was found",
    "not-an-array": "a CSL-JSON document that is one item, not an array",
    "not-a-page": "a pasted page of neither known layout, or missing a part",
    "unparsed-reference": "a formatted reference no rule reads (kept as a document titled with its text)",
    "unverified-reference": "a parsed reference whose record does not render back to its text",
    "ambiguous-reference": (
        "a parsed reference that another reading of its text renders back to as well"
    ),
    "incomplete-names": "a formatted reference whose list of names is cut short (等, et al.)",
    "unread-part": "a part of a formatted reference that was read as no field",
    "inferred-type": (
        "a formatted reference printed with no GB/T 7714 type code, read as the type its shape"
        " suggests"
    ),
    # writing
    "not-written": "something the output format cannot hold; left out",
    "changed": "something the output format holds only in another form",
    # rendering
    "unknown-key": "a cited key that is not in the library",
    "unsupported-variable": "a variable no CSL style reads",
    "sparse-entry": "an entry with neither a title nor any names",
    "render-failed": "a work, citation or list step that could not be rendered as asked",
    "empty-entry": "an entry the style prints nothing for (its id is shown)",
    # checking against a style's standard (citelib.checks)
    "missing-element": "an element the style's standard requires for the work's type is missing",
    "language-script": "a language tag that the script of the title and names contradicts",
    "name-literal": "a Chinese personal name kept as one literal where family/given are expected",
    "name-split": "an institution's name split into family and given names",
    "bad-url": "a URL that is not a web address",
    "bad-doi": "a DOI that is not a bare DOI (10.NNNN/suffix)",
    "unchecked-style": "a style of no known standard: only the generic checks were made",
    # duplicates (citelib.duplicates)
    "likely-duplicate": "a work that is likely the same as another work of the library",
    "merged-duplicate": "likely duplicates merged into one record (what was taken is named)",
    # repairing (citelib.repairs, citelib fix)
    "repaired": "a value citelib fix changed (language, leading zeros, identifier, name split)",
}
"""Every problem code, with what it means."""


def _known_code(instance: object, attribute: object, value: str) -> None:
    if value not in CODES:
        raise ValueError(f"unknown problem code {value!r}; known: {', '.join(CODES)}")


#: a place a problem concerns: ``(key, file, line)``
Place = tuple[str | None, str | None, int | None]


def _places(value: Iterable[Place]) -> tuple[Place, ...]:
    return tuple(value)


@attrs.frozen
class Problem:
    """One thing wrong with the input or lost on output, with where it was found.

    The attributes say what, where and how bad; ``str()`` gives the line the command line
    prints.
    """

    #: what happened, in a sentence
    message: str
    #: the file read or written, ``None`` for a string
    file: str | None = None
    #: the line (1-based) where the problem is
    line: int | None = None
    #: the entry's key or id
    key: str | None = None
    #: ``"error"`` when an entry (or part of it) was skipped, ``"warning"`` when it was
    #: repaired or something was lost but the record kept
    severity: Severity = "error"
    #: the column (1-based), where known
    column: int | None = None
    #: the kind of problem, stable across releases: a key of :data:`CODES`
    code: str = attrs.field(kw_only=True, validator=_known_code)
    #: the field concerned (its CSL name), where there is one
    field: str | None = attrs.field(default=None, kw_only=True)
    #: the clause of the standard a check enforces (``GB/T 7714—2025 8.7, 7.5.2``)
    clause: str | None = attrs.field(default=None, kw_only=True)
    #: how to fix it, in one line
    hint: str | None = attrs.field(default=None, kw_only=True)
    #: other places concerned, as ``(key, file, line)`` (the first use of a duplicate key)
    related: tuple[Place, ...] = attrs.field(default=(), kw_only=True, converter=_places)

    def to_json(self) -> dict[str, object]:
        """The problem as ``citelib check --json`` prints it."""
        return {
            "file": self.file,
            "line": self.line,
            "key": self.key,
            "severity": self.severity,
            "code": self.code,
            "field": self.field,
            "message": self.message,
            "clause": self.clause,
            "hint": self.hint,
            "related": [{"key": k, "file": f, "line": n} for k, f, n in self.related],
        }

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


@attrs.define
class Report:
    """The problems of one source, collected as they are found.

    ``report.warning("bad-date", "...", line=12, key="li2020")`` adds a repaired
    problem, ``report.error(...)`` a skipped one; ``report.problems`` holds them in
    order.  Every reader and writer builds its problems through a Report.
    """

    source: str | None = None
    problems: list[Problem] = attrs.field(factory=list)

    def add(
        self,
        severity: Severity,
        code: str,
        message: str,
        *,
        line: int | None = None,
        key: str | None = None,
        column: int | None = None,
        field: str | None = None,
    ) -> None:
        """Add one problem of *severity* about this source."""
        self.problems.append(
            Problem(
                message,
                file=self.source,
                line=line,
                key=key,
                severity=severity,
                column=column,
                code=code,
                field=field,
            )
        )

    def warning(
        self,
        code: str,
        message: str,
        *,
        line: int | None = None,
        key: str | None = None,
        column: int | None = None,
        field: str | None = None,
    ) -> None:
        """Add a problem that was repaired, or a loss that left the record whole."""
        self.add("warning", code, message, line=line, key=key, column=column, field=field)

    def error(
        self,
        code: str,
        message: str,
        *,
        line: int | None = None,
        key: str | None = None,
        column: int | None = None,
        field: str | None = None,
    ) -> None:
        """Add a problem that made something be skipped."""
        self.add("error", code, message, line=line, key=key, column=column, field=field)

    def __bool__(self) -> bool:
        return bool(self.problems)


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
        code: str = "syntax",
        problems: Iterable[Problem] = (),
    ) -> None:
        self.file = file
        self.line = line
        self.key = key
        self.column = column
        self.problems: tuple[Problem, ...] = tuple(problems) or (
            Problem(message, file=file, line=line, key=key, column=column, code=code),
        )
        super().__init__(message)

    @property
    def code(self) -> str:
        """The code of the first problem."""
        return self.problems[0].code

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
