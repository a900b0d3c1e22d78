"""``citation-label``: a work's own label, or one made from its names and year (trigraph).

CSL 1.0.2 leaves the form of a generated label to the processor; citelib makes it as
citeproc-js does, from its default trigraph ``Aaaa00:AaAa00:AaAA00:AAAA00``: one name
gives four letters, two names two letters each, three names two letters then one, four
names or more one letter each; then the last two digits of the year.  A work without
names takes its title's first four letters (stop words left out).
"""

from __future__ import annotations

import re

from ..model import Date, Name
from .item import Item
from .textcase import STOP_WORDS

__all__ = ["TRIGRAPH", "citation_label"]

TRIGRAPH = "Aaaa00:AaAa00:AaAA00:AAAA00"
#: the name variables in the order citeproc-js looks for the first one a work has
_NAME_ORDER = (
    "author", "chair", "collection-editor", "compiler", "composer", "container-author",
    "contributor", "curator", "director", "editor", "editor-translator",
    "editorial-director", "executive-producer", "guest", "host", "illustrator",
    "interviewer", "narrator", "organizer", "original-author", "performer", "producer",
    "recipient", "reviewed-author", "script-writer", "series-creator", "translator",
    "commenter",
)  # fmt: skip
# letters of the Latin, Greek, Cyrillic, Hebrew, Arabic and Thai scripts (and the
# joiners and direction marks citeproc-js keeps); anything else leaves a name
_NOT_ROMANESQUE = re.compile(
    "[^a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4"
    "\u05d6-\u05ff\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218-\u021b\u202a-\u202e]"
)
_LOWER_PARTICLES = re.compile(r"^[ '\u2019a-z]+\s+")
_ARTICLE = re.compile(r"^(?:a|the|an)\s+", re.I)


def _pattern(trigraph: str) -> list[tuple[list[int], int]]:
    """Each ``:``-separated form as (letters per name, year digits)."""
    out: list[tuple[list[int], int]] = []
    for form in trigraph.split(":"):
        letters: list[int] = []
        digits = 0
        for ch in form:
            if ch == "A":
                letters.append(1)
            elif ch == "a" and letters:
                letters[-1] += 1
            elif ch == "0":
                digits += 1
        out.append((letters, digits))
    return out


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:].lower()


def _name_part(name: Name) -> str:
    if name.family:
        return _LOWER_PARTICLES.sub("", name.family)
    return name.literal or ""


def citation_label(item: Item, trigraph: str = TRIGRAPH) -> str:
    """The label citeproc-js would make for *item* (``Asth00``, ``RoNo78``)."""
    forms = _pattern(trigraph)
    letters, digits = forms[0]
    label = ""
    for var in _NAME_ORDER:
        names = item.vars.get(var)
        if not isinstance(names, tuple) or not names:
            continue
        letters, digits = forms[min(len(names), len(forms)) - 1]
        for name, width in zip(names, letters, strict=False):
            part = _name_part(name) if isinstance(name, Name) else str(name)
            part = _NOT_ROMANESQUE.sub("", _ARTICLE.sub("", part))
            if not part:
                break
            label += _capitalised(part[:width])
        break
    if not label:
        title = item.vars.get("title")
        if isinstance(title, str):
            words = [w for w in title.split() if w not in STOP_WORDS]
            label = _capitalised("".join(words)[: forms[0][0][0]])
    issued = item.vars.get("issued")
    year = str(issued.year) if isinstance(issued, Date) and issued.year is not None else "0000"
    return label + (year[-digits:] if digits else "")
