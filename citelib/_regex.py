"""Regular expressions compiled on first use.

Compiling a pattern costs 0.05-1 ms; the patterns a run never uses (those of other formats,
markups, rare field shapes) added about 10 ms to every ``citelib format`` start.  A
:class:`LazyPattern` stands where a module would keep ``re.compile(...)``; its first call
compiles the pattern and puts the compiled pattern's own methods on the instance, so later
calls cost what the compiled pattern's do.  The modules a run that formats imports keep
no ``re.compile`` at module level: a pattern compiled at import costs every run, used or
not (a test counts the patterns compiled on import).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["LazyPattern"]

_METHODS = ("search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer")


class LazyPattern:
    """``re.compile(pattern, flags)``, compiled when one of its methods is first called."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern; its methods replace this object's from now on."""
        compiled = re.compile(self.pattern, self.flags)
        for name in _METHODS:
            self.__dict__[name] = getattr(compiled, name)
        self.__dict__["compiled"] = lambda: compiled
        return compiled

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().match(string, pos, endpos)

    def fullmatch(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        return self.compiled().fullmatch(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled().sub(repl, string, count)

    def subn(
        self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0
    ) -> tuple[str, int]:
        return self.compiled().subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled().split(string, maxsplit)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled().findall(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string, pos, endpos)
