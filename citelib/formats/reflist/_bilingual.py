"""Entries that give a Chinese work twice: as written, then in English, ``(in Chinese)``.

Many Chinese journals (and the zotero-chinese styles made for them) follow each Chinese
reference with its English translation and a note of the language::

    张三, 李四. 标题[J]. 农业工程学报, 2020, 36(1): 1-10. Zhang S, Li S. Title[J].
    Transactions of the CSAE, 2020, 36(1): 1-10 (in Chinese with English abstract)

or ``…1-10; Zhang S…(in Chinese)``, or the translation in parentheses after the entry.
:func:`split` finds the two halves; the reader reads each as an entry of its own and
keeps the translation in the record's ``original-*`` variables, as Zotero users of those
styles hold it.  An English entry that only ends in the note (an English list citing a
Chinese paper) keeps the note as the record's ``note``.
"""

from __future__ import annotations

import re

import attrs

from ...language import has_cjk
from ._text import to_halfwidth
from .gbt import CODE

__all__ = ["Halves", "split"]

#: the note at the end: ``(in Chinese)``, ``［in Chinese］``, ``( in Chinese with English
#: abstract)``, with the full stop and the parenthesis of a translation in parentheses
_NOTE = re.compile(
    r"[\s.]*[(\[]\s*(in\s+Chinese(?:\s+with\s+English\s+abstracts?)?)\s*[)\]]"
    r"\s*\.?\s*(\))?\s*\.?\s*$",
    re.IGNORECASE,
)
#: where a translation may start: after a semicolon (any text), or after a full stop (an
#: English text)
_AFTER_SEMICOLON = re.compile(r";\s*(?=\S)")
_AFTER_STOP = re.compile(r"(?<=[^\s.])\.\s*(?=[A-Za-z\[])")
#: a full stop before anything (between two type codes: a translation that fell back on
#: the Chinese of a field with no English given)
_AFTER_ANY_STOP = re.compile(r"(?<=[^\s.])[.。]\s*(?=\S)")
#: how an entry's own half ends before a full stop: in a year, pages or an issue, a date in
#: brackets, or a link (not in creators' names or a type code)
_ENTRY_END = re.compile(r"(?:\d|\d\]|\)|https?://\S+|doi:\S+)$", re.IGNORECASE)


@attrs.frozen
class Halves:
    """An entry's own text, its English translation (None: the entry is English and only
    notes the language) and the language note as written (``in Chinese``)."""

    own: str
    translation: str | None
    note: str


def split(text: str) -> Halves | None:
    """The halves of an entry that ends in a language note, or None for any other entry."""
    half = to_halfwidth(text)
    m = _NOTE.search(half)
    if m is None:
        return None
    note = " ".join(m[1].split())
    body = half[: m.start()]
    if m[2]:  # the translation is in parentheses: (Zhang S. Title[J]... (in Chinese))
        start = _opening(body)
        if start is None:
            return None
        own, translation = text[:start].rstrip(), text[start + 1 : m.start()].strip()
        return Halves(own, translation, note) if has_cjk(own) and translation else None
    at = _translation_start(body)
    if at is None:
        # an English entry noting the work's language (no Chinese half before it)
        return None if has_cjk(body) else Halves(text[: m.start()].strip(), None, note)
    own, translation = text[:at].rstrip(" ;；"), text[at : m.start()].strip()
    return Halves(own, translation, note) if translation else None


def _opening(body: str) -> int | None:
    """Where the parenthesis closing *body*'s end opened: the translation's start."""
    depth = 0
    for i in range(len(body) - 1, -1, -1):
        ch = body[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                return i
            depth -= 1
    return None


def _translation_start(body: str) -> int | None:
    """Where the English half of *body* (half-width, note cut off) starts.

    Between the type codes of the two halves when both print one (``[J]``), else anywhere
    after Chinese text: after the first semicolon, or after the first full stop that ends
    an entry (a year, pages, a date, a link) and, without type codes, that the rest
    follows with no Chinese in it.  Between two type codes, a semicolon starts the
    translation of an entry in any script (one citeproc-js printed with no English given)."""
    codes = list(CODE.finditer(body))
    low, high = 0, len(body)
    coded = len(codes) >= 2
    if coded:
        low, high = codes[0].end(), codes[-1].start()
    for m in _AFTER_SEMICOLON.finditer(body, low, high + 1):
        if coded or has_cjk(body[: m.start()]):
            return m.end()
    for m in (_AFTER_ANY_STOP if coded else _AFTER_STOP).finditer(body, low, high + 1):
        own = body[: m.start()]
        if _ENTRY_END.search(own) and has_cjk(own) and (coded or not has_cjk(body[m.end() :])):
            return m.end()
    return None
