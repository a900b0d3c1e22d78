"""Checks the tests of the tagged-format readers (RIS, EndNote, CNKI, NoteExpress) share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citelib.errors import ParseError

__all__ = ["check_read"]


def check_read(read: Callable[..., Any], text: str) -> None:
    """Lenient reading never raises; strict reading raises exactly the lenient problems."""
    lib = read(text, source="f")
    assert all(p.file == "f" and p.line for p in lib.problems)
    try:
        strict = read(text, source="f", strict=True)
    except ParseError as e:
        assert e.problems == lib.problems
    else:
        assert lib.problems == () and strict.works == lib.works
