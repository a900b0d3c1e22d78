"""citelib's CSL engine, written for citelib; citeproc-py lends it data only.

What comes from citeproc-py: the CSL schema that user styles are validated against and
the locale files for every language citelib does not ship (found on disk without
importing citeproc-py). Styles and locales are read with the standard library's expat
(:mod:`.xmltree`) and compiled here.

What citelib does its own way, and why (each cause is documented where it is fixed):

* evaluation of the rendering elements (:mod:`.nodes` for text, groups,
  conditions and macros, :mod:`.names`, :mod:`.dates`, :mod:`.numbers`, with
  :mod:`.textcase` and :mod:`.context`): citeproc-py decides group suppression
  statically, over branches that are never taken, which drops the GB/T type codes
  ``[J]``/``[D]``; it has one locale per list; it crashes on literal names and
  prints CJK names with a space; it treats ``<i>`` as text;
* input (:mod:`.item`): the engine renders citelib's own :class:`~citelib.model.Work`
  records, not a second data model; ids are kept as given (citeproc-py lowercases
  them, so ``Smith2020`` and ``smith2020`` collide there; here they never do);
* the processor (:mod:`.engine`): sorting as ICU's collation for the style's locale
  (:mod:`.collation`: Han character by character, in pinyin order for Chinese), year-suffix
  and name disambiguation, citation-number and year collapsing, which citeproc-py
  0.11.1 lacks;
* rich text (:mod:`.rich`): runs with formatting flags, punctuation merged at seams,
  output as text, HTML (as citeproc-js writes it) or Markdown.

Two small extensions of CSL, read only by citelib's GB/T style copies (other processors
see nothing, so the styles stay portable): the item type ``proceedings`` in conditions
matches a ``book`` whose :attr:`~citelib.model.Work.subtype` is ``proceedings`` (a whole
conference proceedings, ``[C]``), and the name variable ``holder`` (a patent's holder,
GB/T 7714's responsible party for patents).  Behaviour beyond CSL that a style wants is
declared by the style itself, as ``citelib:`` attributes of its ``<style>`` element
(:data:`.style.OPTIONS`: per-item locales, Chinese-first sorting, surname readings, no DOI
that the URL repeats); the engine never switches on a style's title, id or locale.

Performance notes for later work: a style is parsed and compiled once
(:func:`load_style`, cached by :mod:`citelib.render`); locales and localized date
formats are built once per language and cached; each work is prepared once per
:class:`Processor`.  Per render, the work is the node walk
(``Node.render``), :func:`.rich.join` at every seam and, for author-date styles,
sort keys (:func:`collation_key`) and disambiguation (one citation render per work).

Private: only :mod:`citelib.render` imports this package.
"""

from __future__ import annotations

from .collation import collation_key
from .engine import CiteRequest, Processor
from .rich import Rich, to_html, to_latex, to_markdown, to_rtf, to_text
from .style import Style, load_style

__all__ = [
    "CiteRequest",
    "Processor",
    "Rich",
    "Style",
    "collation_key",
    "load_style",
    "to_html",
    "to_latex",
    "to_markdown",
    "to_rtf",
    "to_text",
]
