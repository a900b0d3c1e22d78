"""Parentheses inside parentheses in a note style's citation, as citeproc-js writes them.

citeproc-js turns a parenthesis of a note style's citation into a bracket where it opens
inside another one or closes at an even depth (``(see (2000))`` -> ``(see [2000])``).  It
counts only the parentheses of *levels*' affixes: a group's, a macro call's, a
``cs:names``'s, a ``cs:date``'s, a ``cs:number``'s or a number variable's ``cs:text``'s,
the layout's and a cite's own prefix and suffix; the affixes of other texts, and what
fields print, are not counted.  So ``<text term="accessed" prefix=" ("/>`` followed by a
date whose suffix is ``)`` ends in a bracket, ``(accessed 9.9.2014]``, and that is what
Zotero prints.

A level's parentheses are written as two private-use marks while the citation renders
(:func:`mark`, on a twin of the node: :meth:`.nodes.Node.braced`); :func:`resolve` turns
them into parentheses or brackets by their depth once the citation is complete.  The count
runs over what prints, in order, which is the order citeproc-js meets the affixes in; the
affixes of an element that ends up empty are not seen (citeproc-js counts them, which
changes nothing where they pair up).
"""

from __future__ import annotations

from .rich import Rich

__all__ = ["CLOSE", "OPEN", "has_braces", "mark", "resolve"]

OPEN = "\ue010"
CLOSE = "\ue011"

_MARK = str.maketrans({"(": OPEN, ")": CLOSE})


def has_braces(text: str) -> bool:
    """Whether an affix holds a parenthesis."""
    return "(" in text or ")" in text


def mark(text: str) -> str:
    """*text* (a level's affix) with its parentheses as the marks :func:`resolve` counts."""
    return text.translate(_MARK)


def resolve(body: Rich) -> Rich:
    """*body* with each marked parenthesis written for its depth: an opening one inside an
    odd number of open ones, and a closing one that leaves an odd depth behind (its
    depth, counted before it, is even), become brackets.  A depth below zero (more closed
    than opened) flips no opening one, as citeproc-js's remainder of a negative count
    is never 1."""
    runs = body.runs
    if not any(OPEN in text or CLOSE in text for text, _ in runs):
        return body
    depth = 0
    out = []
    for text, flags in runs:
        if OPEN in text or CLOSE in text:
            chars = []
            for ch in text:
                if ch == OPEN:
                    ch = "[" if depth > 0 and depth % 2 == 1 else "("
                    depth += 1
                elif ch == CLOSE:
                    ch = "]" if depth % 2 == 0 else ")"
                    depth -= 1
                chars.append(ch)
            text = "".join(chars)
        out.append((text, flags))
    return Rich(out)
