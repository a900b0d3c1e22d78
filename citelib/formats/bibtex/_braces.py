"""The one brace-depth walker of the BibTeX package.

BibTeX values, LaTeX groups and name lists all nest ``{…}``.  :func:`walk` is
the one place that counts the depth; its callers (:func:`.latex.match_brace`,
:func:`.latex.braces_balanced`, the reader's quoted values and its repair of
unbalanced entries, the splitters of :mod:`.names`) differ only in what they
do with the positions it yields.

Escapes: a backslash escapes the character after it, whatever it is, as
bibtexparser's splitter and LaTeX read a value: ``\\{`` and ``\\}`` are no
braces, ``\\\\`` is one escaped backslash (so the brace after it counts), and
no mark starts at an escaped character (``\\ `` is no space).  A backslash at
the very end of the text escapes nothing and is plain text.

Unmatched closing braces: a ``}`` at depth 0 takes the depth below zero
(``clamp=False``, the default: the caller sees that the text is unbalanced),
or leaves it at zero (``clamp=True``: the name splitters, for which a stray
``}`` must not hide the separators after it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

__all__ = ["brace_depth", "walk"]

_BRACES = re.compile(r"[{}\\]")


@cache
def _pattern(marks: str) -> re.Pattern[str]:
    """The walker's search pattern: a brace, a backslash, or one of *marks*."""
    if not marks:
        return _BRACES
    return re.compile(r"[{}\\]|" + marks, re.DOTALL)


def walk(
    text: str, start: int = 0, *, marks: str = "", clamp: bool = False
) -> Iterator[tuple[int, int, int]]:
    """``(start, end, depth)`` for each brace of *text* from *start* on, and each match of *marks*.

    A ``{`` gives the depth inside it (1 for an outermost group), a ``}`` the
    depth after it (0 when it closes an outermost group), a mark the depth it
    stands at.  *marks* is a regular expression that matches at least one
    character and never a brace or a backslash (``,``, ``[\\s~]``).  Escapes
    and unmatched ``}`` are treated as the module docstring says.
    """
    depth = 0
    search = _pattern(marks).search
    i = start
    while True:
        m = search(text, i)
        if m is None:
            return
        j = m.start()
        c = text[j]
        if c == "\\":
            i = j + 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            if depth > 0 or not clamp:
                depth -= 1
        else:
            i = m.end()
            yield j, i, depth
            continue
        i = j + 1
        yield j, i, depth


def brace_depth(text: str) -> int:
    """The depth at the end of *text*: opening minus closing braces (negative if more close)."""
    depth = 0
    for _start, _end, after in walk(text):
        depth = after
    return depth
