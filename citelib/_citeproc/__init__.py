"""citelib's CSL engine: a layer over citeproc-py.

citeproc-py reads the style XML (and supplies the locale files citelib does not
ship); citelib compiles the rendering elements into its own nodes and evaluates
them, because citeproc-py 0.11.1 gets the parts GB/T 7714 depends on wrong at
the root (see :mod:`.nodes` for the causes: group suppression decided
statically, one locale per list, names, rich text; and :mod:`.engine` for
sorting, year-suffix disambiguation and citation collapsing it lacks).

Private: only :mod:`citelib.render` imports this package.
"""

from __future__ import annotations

from .engine import CiteRequest, Processor, collation_key
from .rich import Rich, to_html, to_markdown, to_text
from .style import Style, load_style

__all__ = [
    "CiteRequest",
    "Processor",
    "Rich",
    "Style",
    "collation_key",
    "load_style",
    "to_html",
    "to_markdown",
    "to_text",
]
