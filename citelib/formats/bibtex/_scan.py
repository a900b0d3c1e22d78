"""A fast splitter for well-formed BibTeX, equal to bibtexparser's on what it accepts.

bibtexparser's :class:`~bibtexparser.splitter.Splitter` walks the text one
mark (brace, quote, comma, newline) at a time in Python.  :func:`scan` splits
the same blocks with a handful of regular-expression matches per field (braces
nested more than five deep, which the expressions do not follow, are counted by
:func:`_group_end`).  It gives up (returns None) on anything it is not sure to
split exactly as bibtexparser does: ``@type(…)`` blocks, braces nested more
than two deep inside a quoted value, a block start at the beginning of a line
inside a value, or any syntax error.  The caller then uses bibtexparser's
splitter, so results never differ; ``tests/test_bibtex_scan.py`` checks that
on every corpus.  Every path is linear in the length of the text.
"""

from __future__ import annotations

import re

__all__ = ["ScannedEntry", "ScannedField", "ScannedString", "scan"]


# Possessive quantifiers (``*+``, ``++``) are written as atomic groups: the same
# semantics (no backtracking into what was matched, so no catastrophic backtracking), but
# CPython before 3.11.5 matches some possessive patterns wrongly (gh-106052, gh-100061),
# and Debian 12's Python is 3.11.2.


def _star(alternatives: str) -> str:
    """``(?:alternatives)*`` matched atomically (what ``(?:…)*+`` means)."""
    return f"(?>(?:{alternatives})*)"


_ESCAPE = r"(?>\\+)."  # backslashes and the character after them, atomically


def _run(chars: str) -> str:
    """One or more characters outside the class *chars*, atomically (``[^chars]++``)."""
    return f"(?>[^{chars}]+)"


def _braced(depth: int) -> str:
    """A regular expression for a ``{…}`` group with groups nested up to *depth* deep."""
    inner = _star(_run(r"{}\\") + "|" + _ESCAPE)
    for _ in range(depth - 1):
        inner = _star(_run(r"{}\\") + "|" + _ESCAPE + r"|\{" + inner + r"\}")
    return r"\{" + inner + r"\}"


_BR = _braced(5)
# "\\X": bibtexparser takes no character after a backslash as a mark, so neither do we
# a quoted string: braces inside must balance and hold no quote (but {"} is a quote)
_BRQ = (
    r"\{"
    + _star(_run(r'{}"\\') + "|" + _ESCAPE + r"|\{" + _star(_run(r'{}"\\') + "|" + _ESCAPE) + r"\}")
    + r"\}"
)
_QUOTED = '"' + _star(_run(r'"{}\\') + "|" + _ESCAPE + r'|\{"\}|' + _BRQ) + '"'
_VALUE = re.compile(_star(_run(r'{}",\\') + "|" + _ESCAPE + "|" + _BR + "|" + _QUOTED), re.DOTALL)
_FIELD = re.compile(
    "("
    + _star(_run(r'{}",=\\') + "|" + _ESCAPE)
    + ")=("
    + _star(_run(r'{}",\\') + "|" + _ESCAPE + "|" + _BR + "|" + _QUOTED)
    + ")",
    re.DOTALL,
)
_BODY = re.compile(_star(_run(r"{}\\") + "|" + _ESCAPE + "|" + _BR), re.DOTALL)
_KEY = re.compile(_star(_run(r'{}",=\\') + "|" + _ESCAPE), re.DOTALL)
_BRACE = re.compile(r"(?<!\\)[{}]")  # as bibtexparser reads them: no brace after a backslash
_BLOCK = re.compile(r"@[\w]*[ \t]*(?=[{(])")
_LINE_START_BLOCK = re.compile(r"\n[ \t]*@[\w]*[ \t]*[{(]")
_ENTRY_KEY = _KEY


def _group_end(text: str, i: int) -> int:
    """The index after the ``}`` closing the ``{`` at *i*, or -1 if it is never closed.

    Braces are counted as bibtexparser counts them, at any depth: one right after a
    backslash is none (which is what :data:`_ESCAPE` matches in the expressions)."""
    depth = 0
    for m in _BRACE.finditer(text, i):
        if m.group() == "{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return m.end()
    return -1


def _deep(pattern: re.Pattern[str], text: str, end: int) -> int:
    """Where a value or body that *pattern* matched up to *end* really ends: past the
    groups nested too deep for the expressions (each followed by more of *pattern*);
    -1 if one is never closed."""
    n = len(text)
    while end < n and text[end] == "{":
        end = _group_end(text, end)
        if end < 0:
            return -1
        m = pattern.match(text, end)
        assert m is not None  # a starred pattern always matches
        end = m.end()
    return end


class ScannedField:
    """A field as bibtexparser's Field gives it: key, raw value, line of its ``=`` (0-based)."""

    __slots__ = ("key", "value", "start_line")

    def __init__(self, key: str, value: str, start_line: int) -> None:
        self.key = key
        self.value = value
        self.start_line = start_line


class ScannedEntry:
    """An entry as bibtexparser's Entry gives it."""

    __slots__ = ("entry_type", "key", "fields", "start_line")

    def __init__(
        self, entry_type: str, key: str, fields: list[ScannedField], start_line: int
    ) -> None:
        self.entry_type = entry_type
        self.key = key
        self.fields = fields
        self.start_line = start_line


class ScannedString:
    """A ``@string`` definition."""

    __slots__ = ("key", "value", "start_line")

    def __init__(self, key: str, value: str, start_line: int) -> None:
        self.key = key
        self.value = value
        self.start_line = start_line


def scan(text: str) -> tuple[list[ScannedString], list[ScannedEntry]] | None:
    """The strings and entries of *text*, in order, or None to ask for bibtexparser's splitter."""
    strings: list[ScannedString] = []
    entries: list[ScannedEntry] = []
    pos = 0
    line = 0
    line_pos = 0
    n = len(text)
    count = text.count
    while True:
        m = _BLOCK.search(text, pos)
        if m is None:
            return strings, entries
        start = m.start()
        end = m.end()
        if text[end] != "{":
            return None
        line += count("\n", line_pos, start) - count("\\\n", line_pos, start)
        line_pos = start
        kind = m.group().lower()
        body_start = end + 1
        if kind.startswith(("@comment", "@preamble")):
            b = _BODY.match(text, body_start)
            assert b is not None  # a starred pattern always matches
            close = _deep(_BODY, text, b.end())
            if (
                close < 0
                or close >= n
                or text[close] != "}"
                or _LINE_START_BLOCK.search(text, body_start, close)
            ):
                return None
            pos = close + 1
            continue
        if kind.startswith("@string"):
            k = _KEY.match(text, body_start)
            assert k is not None  # a starred pattern always matches
            if (
                k.end() >= n
                or text[k.end()] != "="
                or ("@" in k.group() and _BLOCK.search(k.group()))
            ):
                return None
            b = _BODY.match(text, k.end() + 1)
            assert b is not None  # a starred pattern always matches
            close = _deep(_BODY, text, b.end())
            if (
                close < 0
                or close >= n
                or text[close] != "}"
                or _LINE_START_BLOCK.search(text, body_start, close)
            ):
                return None
            strings.append(
                ScannedString(k.group().strip(), text[k.end() + 1 : close].strip(), line)
            )
            pos = close + 1
            continue
        entry_type = kind[1:].strip()
        k = _ENTRY_KEY.match(text, body_start)
        assert k is not None  # a starred pattern always matches
        kend = k.end()
        if kend >= n:
            return None
        c = text[kend]
        key = k.group().strip()
        fields: list[ScannedField] = []
        if "@" in key and _BLOCK.search(key):
            return None
        if c == "}":
            entries.append(ScannedEntry(entry_type, key, fields, line))
            pos = kend + 1
            continue
        if c != ",":
            return None
        p = kend + 1
        fline = line
        fpos = start
        while True:
            fm = _FIELD.match(text, p)  # key = value, in one match
            if fm is None:
                km = _KEY.match(text, p)
                assert km is not None  # a starred pattern always matches
                ke = km.end()
                if ke < n and text[ke] == "}" and not km.group().strip():
                    pos = ke + 1  # a trailing comma before the closing brace
                    break
                return None
            fkey, value = fm.group(1, 2)
            ke = fm.start(2) - 1
            ve = fm.end()
            if ve < n and text[ve] == "{":  # braces nested too deep for _FIELD
                ve = _deep(_VALUE, text, ve)
                value = text[ke + 1 : ve]
            if ve >= n or ve < 0:
                return None
            term = text[ve]
            if term not in ",}" or ("@" in fkey and _BLOCK.search(fkey)):
                return None
            if "@" in value and _LINE_START_BLOCK.search(value):
                return None
            fline += count("\n", fpos, ke) - count("\\\n", fpos, ke)
            fpos = ke
            fields.append(ScannedField(fkey.strip(), value.strip(), fline))
            if term == "}":
                pos = ve + 1
                break
            p = ve + 1
        entries.append(ScannedEntry(entry_type, key, fields, line))
