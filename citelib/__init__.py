"""citelib: citations and bibliographies for Chinese and English works alike.

Read BibTeX/BibLaTeX, CSL-JSON and more into immutable :class:`Work` records,
write them back losslessly, and format reference lists and citations in
GB/T 7714 (2025 and 2015) and APA 7.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # loaded on first use (see __getattr__), visible to type checkers
    from .checks import check
    from .document import CiteItem, Document
    from .duplicates import find_duplicates, merge_duplicates
    from .errors import (
        CODES,
        CitelibError,
        ParseError,
        Problem,
        RenderError,
        UnknownFormat,
        UnknownStyle,
        WriteError,
    )
    from .formats.page import import_page
    from .io import import_pages, read, read_text, write, write_file, write_text
    from .keys import assign_keys, make_key
    from .model import Date, Library, Name, Work, Written
    from .output import Fonts, bibliography_docx, bibliography_text
    from .parsing import parse
    from .render import (
        Bibliography,
        Citation,
        Entry,
        StyleInfo,
        cite,
        find_styles,
        format_bibliography,
        read_aux,
        styles,
    )
    from .repairs import fix

__version__ = "0.1.0"

__all__ = [
    "CODES",
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
    "Written",
    "__version__",
    "assign_keys",
    "check",
    "cite",
    "find_duplicates",
    "fix",
    "format_bibliography",
    "import_page",
    "import_pages",
    "make_key",
    "merge_duplicates",
    "parse",
    "read",
    "read_aux",
    "read_text",
    "write",
    "write_file",
    "write_text",
    "styles",
    "find_styles",
    "Bibliography",
    "Citation",
    "Entry",
    "StyleInfo",
    "Document",
    "CiteItem",
    "Fonts",
    "bibliography_docx",
    "bibliography_text",
]

# Every name loads its module on first use: ``import citelib`` costs nothing until then, so
# the console script can set up its process before the records and attrs load (rendering
# pulls in the CSL engine, pages and keys pull in pypinyin).
# (``parse`` lives in ``parsing``: a submodule named ``parse`` would shadow the function.)
_LAZY = {
    "CODES": "errors",
    "CitelibError": "errors",
    "ParseError": "errors",
    "Problem": "errors",
    "RenderError": "errors",
    "UnknownFormat": "errors",
    "UnknownStyle": "errors",
    "WriteError": "errors",
    "import_pages": "io",
    "read": "io",
    "read_text": "io",
    "write": "io",
    "write_file": "io",
    "write_text": "io",
    "Date": "model",
    "Library": "model",
    "Name": "model",
    "Work": "model",
    "Written": "model",
    "check": "checks",
    "find_duplicates": "duplicates",
    "merge_duplicates": "duplicates",
    "fix": "repairs",
    "format_bibliography": "render",
    "cite": "render",
    "styles": "render",
    "find_styles": "render",
    "StyleInfo": "render",
    "read_aux": "render",
    "Bibliography": "render",
    "Citation": "render",
    "Entry": "render",
    "Document": "document",
    "CiteItem": "document",
    "Fonts": "output",
    "bibliography_docx": "output",
    "bibliography_text": "output",
    "import_page": "formats.page",
    "assign_keys": "keys",
    "make_key": "keys",
    "parse": "parsing",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'citelib' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f".{module}", __name__), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
