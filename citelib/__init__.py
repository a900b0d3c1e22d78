"""citelib: citations and bibliographies for Chinese and English works alike.

Read BibTeX/BibLaTeX, CSL-JSON and more into immutable :class:`Work` records,
write them back losslessly, and format reference lists and citations in
GB/T 7714 (2025 and 2015) and APA 7.
"""

from __future__ import annotations

from typing import Any

from .errors import (
    CitelibError,
    ParseError,
    Problem,
    RenderError,
    UnknownFormat,
    UnknownStyle,
    WriteError,
)
from .library import Library, read, read_text, write, write_file
from .model import Date, Name, Work

__version__ = "0.1.0"

__all__ = [
    "CitelibError",
    "Date",
    "Library",
    "Name",
    "ParseError",
    "Problem",
    "RenderError",
    "UnknownFormat",
    "UnknownStyle",
    "Work",
    "WriteError",
    "__version__",
    "read",
    "read_text",
    "write",
    "write_file",
]

# Rendering pulls in citeproc-py and lxml: load it on first use only.
_RENDER_NAMES = ("format_bibliography", "cite", "styles", "Bibliography", "Citation", "Entry")


def __getattr__(name: str) -> Any:
    if name in _RENDER_NAMES:
        from . import render

        return getattr(render, name)
    raise AttributeError(f"module 'citelib' has no attribute {name!r}")
