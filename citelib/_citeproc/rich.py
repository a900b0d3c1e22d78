"""Rich text for the engine: runs of text with formatting flags.

A :class:`Rich` value is a tuple of ``(text, flags)`` runs.  Flags are bits
(:data:`ITALIC`, :data:`BOLD` ...); :data:`NOCASE` marks case-protected text
(``<span class="nocase">``) that text-case transforms leave alone.  Input
strings carry citeproc-js markup (``<i>``, ``<b>``, ``<sup>``, ``<sub>``,
small-caps and nocase spans), parsed by :func:`parse_markup`; output goes to
plain text, HTML, Markdown, LaTeX or RTF (:func:`to_text`, :func:`to_html`,
:func:`to_markdown`, :func:`to_latex`, :func:`to_rtf`).

:func:`join` concatenates pieces the way CSL processors do at affix and
delimiter seams: no doubled spaces, no ``..``, no ``?.``.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import cache

from .._regex import LazyPattern

__all__ = [
    "BOLD",
    "ITALIC",
    "LINK_DOI",
    "LINK_URL",
    "NOCASE",
    "NODECOR",
    "NORMAL",
    "NORMAL_VARIANT",
    "NORMAL_WEIGHT",
    "SMALLCAPS",
    "SUB",
    "SUP",
    "UNDERLINE",
    "Rich",
    "join",
    "join_unmerged",
    "parse_markup",
    "to_html",
    "to_latex",
    "to_markdown",
    "to_rtf",
    "to_text",
]

ITALIC = 1
BOLD = 2
SUP = 4
SUB = 8
SMALLCAPS = 16
UNDERLINE = 32
NOCASE = 64
NORMAL = 128  # explicit upright text inside italics (flip-flop)
LINK_URL = 256  # a URL: a link to itself in HTML
LINK_DOI = 512  # a DOI: a link to https://doi.org/<DOI> in HTML
#: text from a style's affixes and delimiters (no formatting): only where one of these
#: meets other text is punctuation merged, as citeproc-js merges it ("eds." and a
#: text value ". " stay "eds.."; "eds." and a suffix ". " make "eds. ")
AFFIX = 1024
NORMAL_WEIGHT = 2048  # explicit normal weight inside bold (flip-flop)
NORMAL_VARIANT = 4096  # explicit normal variant inside small caps (flip-flop)
#: text in a ``<span class="nodecor">``: upright, normal weight and variant whatever
#: surrounds it, and left alone by text case
NODECOR = 8192
#: what kind of affix text is (with AFFIX): a prefix, a delimiter, or either affix of an
#: element in a font of its own; citeproc-js merges a suffix with the next element's
#: prefix only where neither element has a font of its own ("medicine.. 10th edn")
PREFIX = 16384
DELIMITER = 32768
DECORATED = 65536
#: a suffix of an element's own (not a name's): citeproc-js adds a delimiter's leading mark
#: to the suffix of each element the delimiter follows, unmerged (``Wilkins;. T``); with
#: NESTED, the element's suffix has since been wrapped by a group or a macro
OWN_SUFFIX = 131072
#: the suffix of a leaf (a text's variable, value or term, a label): a mark from the
#: suffix or the delimiter of a group around it goes into its text, before the suffix
#: (``Wilkins`` + ``;`` + ``.`` -> ``Wilkins.;``), where the two marks merge into one
LEAF_SUFFIX = 262144
NESTED = 524288
DEEP = 2097152  # wrapped twice or more
#: a group's suffix whose last character, a space, goes where a sibling follows it (after
#: its last child's suffix); a next element's prefix mark goes instead (citeproc-js moves
#: the mark into the suffix, then drops its last character: "‘Quarto’. 2024")
TRIMMED = 4194304
#: a closing quotation mark of a style whose punctuation goes inside quotes
QUOTE_PIQ = 8388608
#: with QUOTE_PIQ: the quotation of a plain text, into which any mark of a group goes
QUOTE_PLAIN = 268435456
#: the end of a group whose whole suffix went after its last child's: a sibling's prefix
#: mark that follows goes too
TRIMMED0 = 134217728
#: the end of an element whose own suffix "." went into its last mark ("Why?" + ".")
SWALLOWED = 16777216
#: the closing quotation mark of an element's quotes attribute (NESTED once wrapped)
QUOTE_END = 33554432
#: a quoted text's suffix mark that punctuation_in_quote moved into the quotation
MOVED_IN = 67108864
#: the space after a ``display="left-margin"`` block (citeproc-js's text output): a mark
#: that starts what follows goes before it (:func:`margin_marks`)
MARGIN = 536870912
#: the suffix of a number that ends in a digit: citeproc-js merges no mark after it
#: into it (``4;.``), only drops the same mark twice
NUMBER_SUFFIX = 1048576
#: the end of a number with no suffix of its own: a suffix around what ends in a number
#: (:data:`NUMBER_SUFFIX`, or this) is a number's suffix too, as citeproc-js merges no
#: parent's mark into the suffix of an element whose last descendant is a number
#: (``76;.``: a group's ``;``, the layout's ``.``)
NUMBER_END = 1073741824
#: the end of a group or macro call in a font of its own (a formatting attribute, a no-op
#: one too) that has no suffix and ends in text: citeproc-js merges no mark of a prefix
#: after its blob ("Dict.. 32"), a delimiter's as anywhere; a group around it makes it an
#: ordinary end again (undecorated_edges)
BLOB_END = 4294967296
#: the end of a group whose suffix "." went into its text's last "?" or "!": a prefix of
#: an element in a font after it merges as after that suffix ("Why? Journal")
SUFFIX_GONE = 8589934592
#: the mark a style's text value starts with, before more text (``. (In:``): citeproc-js
#: merges it with the mark before it as a prefix's ("o. J. (In:"); a comma is not one
VALUE_LEAD = 17179869184
#: a prefix a group or macro call in a font of its own (without a prefix of its own) starts
#: with, from a child: citeproc-js keeps it inside that blob, where no mark before the blob
#: merges with it, however the blob is wrapped ("/.. Consulté")
BLOB_START = 34359738368
#: a number variable's text that begins with a number: citeproc-js holds it as a number
#: blob, which no strip-periods reaches ("9th ed." stays where "Rev. ed." loses its periods)
NUMBER_BLOB = 2147483648
_LINKS = LINK_URL | LINK_DOI
# the unions the hot paths test at once, named: Python folds no union of global names
#: a suffix's last character pending (:data:`TRIMMED`, :data:`TRIMMED0`)
TRIMS = TRIMMED | TRIMMED0
#: an edge a font of its own keeps apart (:func:`undecorated_edges`)
EDGE_MARKS = DECORATED | BLOB_END
_SUFFIX_MARKS = OWN_SUFFIX | SWALLOWED | SUFFIX_GONE | QUOTE_END
#: what :func:`nested` changes at the end of a body
NESTING = TRIMS | _SUFFIX_MARKS
_DELIMITER = AFFIX | DELIMITER

Run = tuple[str, int]
_new = object.__new__
_TEXT_OF = operator.itemgetter(0)  # a run's text


class Rich:
    """Immutable rich text: a tuple of (text, flags) runs."""

    __slots__ = ("runs",)

    def __init__(self, runs: Iterable[Run] = ()) -> None:
        merged: list[Run] = []
        for text, flags in runs:
            if not text:
                continue
            if merged and merged[-1][1] == flags:
                merged[-1] = (merged[-1][0] + text, flags)
            else:
                merged.append((text, flags))
        self.runs: tuple[Run, ...] = tuple(merged)

    @classmethod
    def _of(cls, runs: tuple[Run, ...]) -> Rich:
        """A Rich of *runs* that already hold no empty text and no two neighbours alike."""
        rich = _new(cls)
        rich.runs = runs
        return rich

    @classmethod
    def plain(cls, text: str, flags: int = 0) -> Rich:
        rich = _new(cls)
        rich.runs = ((text, flags),) if text else ()
        return rich

    def __str__(self) -> str:
        runs = self.runs
        if len(runs) == 1:
            return runs[0][0]
        return "".join(map(_TEXT_OF, runs))

    def __bool__(self) -> bool:
        return bool(self.runs)

    def __repr__(self) -> str:
        return f"Rich({self.runs!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Rich) and self.runs == other.runs

    def __hash__(self) -> int:
        return hash(self.runs)

    @property
    def first(self) -> str:
        return self.runs[0][0][0] if self.runs else ""

    @property
    def last(self) -> str:
        return self.runs[-1][0][-1] if self.runs else ""

    def with_flags(self, flag: int) -> Rich:
        """Add a formatting flag to every run (italic inside italic flips to upright)."""
        if flag == ITALIC:
            # italics inside italics flip to upright (kept inside the italic, as
            # citeproc-js nests <span style="font-style:normal;"> in <i>), and back
            return Rich((t, _flip_italic(f)) for t, f in self.runs)
        if flag == NORMAL:
            # upright now, and still upright inside italics applied around it later
            return Rich((t, (f & ~ITALIC) | NORMAL) for t, f in self.runs)
        if flag in _FLIPS:
            # bold in bold, small caps in small caps: back to normal, inside it
            back = _FLIPS[flag]
            return Rich((t, f ^ back if f & flag else f | flag) for t, f in self.runs)
        return Rich((t, f | flag) for t, f in self.runs)

    def without_flags(self, flag: int) -> Rich:
        return Rich((t, f & ~flag) for t, f in self.runs)

    def map_text(self, func: Callable[[str], str], *, protect: bool = True) -> Rich:
        """Apply ``func`` to the text of every run (not to nocase runs when ``protect``)."""
        return Rich((t if protect and f & NOCASE else func(t), f) for t, f in self.runs)

    def drop_first(self) -> Rich:
        runs = self.runs
        if not runs:
            return self
        text, flags = runs[0]
        if len(text) == 1:
            return Rich._of(runs[1:])  # neighbours stay unlike
        return Rich._of(((text[1:], flags), *runs[1:]))

    def drop_last(self) -> Rich:
        runs = self.runs
        if not runs:
            return self
        text, flags = runs[-1]
        if len(text) == 1:
            return Rich._of(runs[:-1])
        return Rich._of((*runs[:-1], (text[:-1], flags)))

    def __add__(self, other: Rich) -> Rich:
        left, right = self.runs, other.runs
        if not left:
            return other
        if not right:
            return self
        if left[-1][1] == right[0][1]:  # the runs that meet merge; the rest stay as they are
            met = (left[-1][0] + right[0][0], right[0][1])
            return Rich._of((*left[:-1], met, *right[1:]))
        return Rich._of(left + right)

    def rstrip(self) -> Rich:
        runs = self.runs
        end = len(runs)
        while end and not runs[end - 1][0].strip():
            end -= 1
        if not end:
            return EMPTY
        text, flags = runs[end - 1]
        stripped = text.rstrip()
        if end == len(runs) and stripped == text:
            return self
        # the runs kept are as they were (no empty text, no two neighbours alike)
        return Rich._of((*runs[: end - 1], (stripped, flags)))

    def strip(self) -> Rich:
        runs = self.runs
        start, end = 0, len(runs)
        while start < end and not runs[start][0].strip():
            start += 1
        while end > start and not runs[end - 1][0].strip():
            end -= 1
        if start == end:
            return EMPTY
        kept = list(runs[start:end])
        kept[0] = (kept[0][0].lstrip(), kept[0][1])
        kept[-1] = (kept[-1][0].rstrip(), kept[-1][1])
        return Rich._of(tuple(kept))


def _flip_italic(f: int) -> int:
    if f & ITALIC:
        return f & ~NORMAL if f & NORMAL else f | NORMAL
    return f | ITALIC  # explicitly upright text stays upright inside the italics


_FLIPS = {BOLD: NORMAL_WEIGHT, SMALLCAPS: NORMAL_VARIANT}


EMPTY = Rich()

# Punctuation a following piece drops when the text before already ends in it.
_SWALLOW = {".": ".?!…。？！", ",": ",", ";": ";", ":": ":", "!": "!", "?": "?"}


# citeproc-js's punctuation merging (LtoR_MAP): what two marks meeting at a seam become
_MERGE = {
    "!": {".": "!", "?": "!?", ":": "!", ",": "!,", ";": "!;"},
    "?": {"!": "?!", ".": "?", ":": "?", ",": "?,", ";": "?;"},
    ".": {"!": ".!", "?": ".?", ":": ".:", ",": ".,", ";": ".;"},
    ":": {"!": "!", "?": "?", ".": ":", ",": ":,", ";": ":;"},
    ",": {"!": ",!", "?": ",?", ":": ",:", ".": ",.", ";": ",;"},
    ";": {"!": "!", "?": "?", ":": ";", ",": ";,", ".": ";"},
}


#: the closing quotation marks while a list is rendered (textcase.QUOTE_CLOSERS)
_QUOTE_CLOSE = "\ue001\ue003\ue005\ue007\ue009"


# the marks meeting at a seam after which the right one is dropped (``_SWALLOW``, and
# ``_MERGE`` where the left one wins), and two spaces
_DROP_RIGHT = frozenset(
    [a + b for b, before in _SWALLOW.items() for a in before]
    + [a + b for a, merged in _MERGE.items() for b, m in merged.items() if m == a]
    + ["  "]
)
# the marks meeting at a seam after which the left one is dropped (``_MERGE``'s right wins)
_DROP_LEFT = frozenset(a + b for a, merged in _MERGE.items() for b, m in merged.items() if m == b)
#: the characters :func:`_extend`'s rules drop or move on the right of a seam: every pair of
#: :data:`_DROP_RIGHT` and :data:`_DROP_LEFT` has one of them on its right
_SEAM_MARKS = frozenset(_MERGE) | {" "} | frozenset(_QUOTE_CLOSE)


def _seam(left: Rich, right: Rich) -> Rich:
    """``right`` with what the seam with ``left`` makes redundant removed."""
    if not left.runs or not right.runs:
        return right
    a, b = left.runs[-1][0][-1], right.runs[0][0][0]
    if a + b in _DROP_RIGHT:
        return right.drop_first()
    if b == "." and a in _QUOTE_CLOSE and str(left).rstrip(_QUOTE_CLOSE).endswith("."):
        # citeproc-js: a period after a quotation that ends in one is dropped
        # (《Inc.》 + "." -> 《Inc.》)
        return right.drop_first()
    return right


def _cat(left: tuple[Run, ...], right: tuple[Run, ...]) -> Rich:
    """The runs *left* then *right*, both non-empty (``Rich.__add__``)."""
    rich = _new(Rich)
    last, first = left[-1], right[0]
    if last[1] == first[1]:
        rich.runs = (*left[:-1], (last[0] + first[0], first[1]), *right[1:])
    else:
        rich.runs = left + right
    return rich


def concat(left: Rich, right: Rich) -> Rich:
    """``left + right`` with seam punctuation merged where an affix or a delimiter is on
    one side of the seam (two pieces of text meet as they are)."""
    lruns = left.runs
    if not lruns:
        return right
    rruns = right.runs
    if not rruns:
        return left
    last, first = lruns[-1], rruns[0]
    a, b = last[0][-1], first[0][0]
    if first[1] & PREFIX and _kept_apart(last[1], first[1]):
        return _cat(lruns, rruns)
    if not first[1] & AFFIX:
        if a == " " and b == " ":
            right = right.drop_first()  # two spaces meeting are one everywhere
            return _cat(lruns, right.runs) if right.runs else left
        return _cat(lruns, rruns)
    pair = a + b
    if pair in _DROP_LEFT:
        return left.drop_last() + right  # "Title:" + "?" -> "Title?"
    if pair in _DROP_RIGHT or (
        b == "." and a in _QUOTE_CLOSE and str(left).rstrip(_QUOTE_CLOSE).endswith(".")
    ):
        # citeproc-js: a period after a quotation that ends in one is dropped
        # (《Inc.》 + "." -> 《Inc.》)
        right = right.drop_first()
        return _cat(lruns, right.runs) if right.runs else left
    return _cat(lruns, rruns)


#: the affix or delimiter text of each string and kind (:func:`join`, :func:`affix`)
_AFFIXES: dict[int, dict[str, Rich]] = {}


def _affix_of(text: str, flags: int = AFFIX) -> Rich:
    cache = _AFFIXES.get(flags)
    if cache is None:
        cache = _AFFIXES[flags] = {}
    rich = cache.get(text)
    if rich is None:
        rich = Rich.plain(text, flags)
        if len(cache) < 4096:
            cache[text] = rich
    return rich


def undecorated_edges(body: Rich) -> Rich:
    """*body* as one element not in a font of its own holds it: its first and last affixes
    no longer count as a decorated element's (only an element's immediate neighbours'
    fonts keep a suffix and a prefix apart, as citeproc-js compares siblings)."""
    runs = body.runs
    if not runs or not (runs[0][1] | runs[-1][1]) & EDGE_MARKS:
        return body
    out = list(runs)
    for i in (0, -1):
        out[i] = (out[i][0], out[i][1] & ~EDGE_MARKS)
    return Rich(out)  # merges a run that now has its neighbour's flags


def _kept_apart(lflags: int, rflags: int) -> bool:
    """Whether a suffix and the following element's prefix stay as they are: one of the
    two elements has a font of its own (citeproc-js's "decorations")."""
    return bool(
        rflags & PREFIX
        and lflags & AFFIX
        and not lflags & (PREFIX | DELIMITER)
        and (lflags | rflags) & DECORATED
    )


def join(pieces: Sequence[Rich], delimiter: str = "") -> Rich:
    """Join non-empty pieces with ``delimiter``, merging punctuation at the seams."""
    first: Rich | None = None
    runs: list[Run] = []
    delim = _affix_of(delimiter, _DELIMITER).runs if delimiter else ()
    for piece in pieces:
        if not piece.runs:
            continue
        if first is None:
            first = piece
            continue
        if not runs:
            runs.extend(first.runs)
        if delim:
            _extend(runs, delim)
        _extend(runs, piece.runs)
    if first is None:
        return EMPTY
    if not runs:
        return first  # one piece: itself
    rich = _new(Rich)
    rich.runs = tuple(runs)
    return rich


def join_unmerged(left: Rich, delimiter: str, right: Rich) -> Rich:
    """*left*, *delimiter* and *right* side by side: no marks merge at either seam (a
    name list's last delimiter where it has no "and", see :mod:`.names`)."""
    return Rich((*left.runs, *_affix_of(delimiter, AFFIX | DELIMITER).runs, *right.runs))


#: a leaf's suffix mark and a mark after it from a group's suffix or delimiter that
#: citeproc-js merges into one (the leaf's: ``;`` + ``.``, ``:`` + ``.``; the second's:
#: ``;`` + ``!``): the second goes into the leaf's text, before its suffix
_INTO_LEAF = frozenset(
    a + b for a, merged in _MERGE.items() for b, m in merged.items() if len(m) == 1
)
_PUNCT = frozenset(_MERGE)
#: the characters :func:`_extend`'s rules look at on the left of a seam
_LEFT_MARKS = frozenset(p[0] for p in _DROP_RIGHT | _DROP_LEFT) | _SEAM_MARKS
#: a colon and an exclamation or question mark: after a leaf's suffix from a level down,
#: a prefix's mark merges with it as anywhere ("T!" for ":" + "!" and for "!" + ":"),
#: where the other marks go into the leaf's text (Node suffix ":" + prefix ".": "T.:")
_COLON_EXCLAMATIONS = frozenset({":!", ":?", "!:", "?:"})


def _merge_into(runs: list[Run], end: int, mark: str, *, quoted: bool = False) -> bool:
    """Put *mark* after the last character of ``runs[:end]`` that is not a closing
    quotation mark, merged with it as citeproc-js merges two marks (``Inc.`` + ``.``:
    ``Inc.``; ``Why?`` + ``.``: ``Why?``); False where there is no such character, or
    where *quoted* and ``runs[:end]`` does not end in a quotation not yet printed."""
    if quoted and not runs[end - 1][0].endswith(tuple(_QUOTE_CLOSE)):
        return False
    i = end - 1
    while i >= 0:
        text, flags = runs[i]
        core = text.rstrip(_QUOTE_CLOSE)
        if core:
            last = core[-1]
            if last != mark:
                merged = _MERGE.get(last, {}).get(mark)
                core = core[:-1] + merged if merged is not None else core + mark
                runs[i] = (core + text[len(text.rstrip(_QUOTE_CLOSE)) :], flags)
            return True
        if text.strip(_QUOTE_CLOSE) or flags & AFFIX:
            return False
        i -= 1
    return False


def _into_leaf(runs: list[Run], mark: str) -> bool:
    """Put *mark* at the end of the text before the leaf suffix ``runs[-1]`` (in its
    quotes), as citeproc-js moves a group's mark into a leaf; False where there is no
    such text."""
    if len(runs) < 2 or runs[-2][1] & AFFIX:
        return False
    return _merge_into(runs, len(runs) - 1, mark, quoted=bool(runs[-2][1] & QUOTE_PIQ))


def mark_after_quotation(body: Rich, mark: str, closers: str) -> bool:
    """Whether *mark* after *body*, which ends in a printed quotation (one of the closing
    marks *closers*), is one with the quotation's last mark, as citeproc-js merges a
    citation's layout suffix (``‘Should X?’`` + ``.``: ``‘Should X?’``)."""
    text = str(body)
    core = text.rstrip(closers)
    return core != text and bool(core) and core[-1] + mark in _DROP_RIGHT


def _quoted_mark_drops(runs: list[Run], mark: str, apart: bool, prefix: bool = False) -> bool:
    """Whether *mark* after a quotation is dropped: a period after one that ends in a
    period; a suffix's mark after one that ends in a mark they merge into (citeproc-js
    merges a group's suffix with the quotation's text: “Why?” + "." -> “Why?”).
    *apart*: the mark is a prefix's, or a delimiter's after a quotation of one of the
    delimiter's own children: a delimiter's or a sibling's prefix period goes only after
    a period; the *prefix* of what follows an element that ends in the quotation merges
    as after any text ("“Why?” J", not "“Why?”. J")."""
    text = "".join(map(_TEXT_OF, runs)).rstrip(_QUOTE_CLOSE)
    if not text:
        return False
    if apart and not prefix:
        return mark == "." and text[-1] == "."
    return text[-1] + mark in _DROP_RIGHT


def _drop_last(runs: list[Run]) -> None:
    """*runs* without their last character."""
    text, flags = runs[-1]
    if len(text) > 1:
        runs[-1] = (text[:-1], flags)
    else:
        runs.pop()


def _extend(runs: list[Run], right: tuple[Run, ...]) -> None:
    """:func:`concat` of *runs* and *right* (not empty), in place."""
    if not runs:
        runs.extend(right)
        return
    ltext, lflags = runs[-1]
    rtext, rflags = right[0]
    a, b = ltext[-1], rtext[0]
    if lflags & TRIMS:
        # a group's suffix whose last character citeproc-js drops (see affix), unless a
        # sibling's prefix mark follows, which it drops instead
        pending = bool(lflags & TRIMMED)
        lflags &= ~TRIMS
        runs[-1] = (ltext, lflags)
        if (
            rflags & PREFIX
            and (b in _PUNCT or b == " ")
            and not (lflags | rflags) & (DECORATED | BLOB_START)
            or rflags & DELIMITER
            and b in _PUNCT
        ):
            # (a delimiter's first mark goes too, in a font or not: "Alpha.) Delmar" for
            # "Alpha." in a group of suffix ".)" and a delimiter "; ")
            rest = rtext[1:]
            if b == " ":
                # the prefix's space goes where the suffix ends in one; the suffix's last
                # character goes
                if not pending:
                    _extend(runs, right)
                    return
                if a != " ":
                    rest = rtext
                _drop_last(runs)
            elif pending and a == " " and rest[:1] == " ":
                runs.append((rest, rflags))  # both spaces print
                runs.extend(right[1:])
                return
            right = ((rest, rflags), *right[1:]) if rest else right[1:]
            if right:
                _extend(runs, right)
            return
        if pending and (not rflags & AFFIX or rflags & (PREFIX | DELIMITER) or a != " "):
            # a sibling follows, or the group's suffix follows a last character that is no
            # space (a space moves up to that suffix)
            _drop_last(runs)
            _extend(runs, right)
            return
        ltext, lflags = runs[-1]
        a = ltext[-1]
    if a != b and (a not in _LEFT_MARKS or b not in _SEAM_MARKS and a not in _QUOTE_CLOSE):
        # (most seams: the rules below look at a mark, a space or a quotation's close on
        # the left, and drop or move one of :data:`_SEAM_MARKS` on the right or after a
        # quotation; the same character twice only where a delimiter meets a prefix)
        if lflags == rflags:
            runs[-1] = (ltext + rtext, lflags)
            runs.extend(right[1:])
        else:
            runs.extend(right)
        return
    drop_right = False
    if not rflags & AFFIX and not (rflags & VALUE_LEAD and not lflags & DECORATED):
        drop_right = a == " " and b == " "  # two spaces meeting are one everywhere
    elif rflags & BLOB_START:
        drop_right = a == " " and b == " "
    elif (
        lflags & OWN_SUFFIX
        and (lflags & NUMBER_SUFFIX or rflags & DELIMITER and not lflags & NESTED)
        and not rflags & PREFIX
        and a in _PUNCT
        and b in _PUNCT
    ):
        # citeproc-js adds a delimiter's first mark to the suffix of the element it
        # follows unless the suffix ends in it: "Wilkins;. T", "Wilkins:. T"; nor does a
        # number's suffix merge with a mark after it: "4;."
        drop_right = a == b
    elif (
        lflags & (LEAF_SUFFIX | QUOTE_PLAIN)
        and not rflags & PREFIX
        and (lflags & NESTED or not rflags & DELIMITER)
        and b in _PUNCT
        and (
            lflags & LEAF_SUFFIX
            and not rflags & VALUE_LEAD
            and (a + b in _INTO_LEAF or len(runs) > 1 and runs[-2][1] & QUOTE_PIQ and a in _PUNCT)
            and _into_leaf(runs, b)
            or lflags & QUOTE_PLAIN
            and not (rflags & VALUE_LEAD and b in ";:")
            and _merge_into(runs, len(runs), b, quoted=True)
        )
    ):
        # where punctuation goes inside quotes, a group's mark after a quotation (and
        # after its text's suffix) goes into the quoted text: “Glance;”, “Glance.,”
        drop_right = True
    elif lflags & rflags & PREFIX:
        # a prefix and the prefix of the first thing after it: citeproc-js merges no
        # marks between them (";" + ":" -> ";:"), only two spaces are one
        drop_right = a == " " and b == " "
    elif lflags & DELIMITER and rflags & PREFIX:
        # a delimiter and the prefix after it: citeproc-js merges no two marks ("T;:3",
        # "T!.3"); the same mark twice, or two spaces, are one
        drop_right = a == b
    elif (
        lflags & NUMBER_SUFFIX
        and lflags & NESTED
        and rflags & PREFIX
        and a in _PUNCT
        and b in _PUNCT
    ):
        # a number's suffix from a level down keeps the mark of a prefix after it, as
        # citeproc-js keeps it ("1:. https://doi.org/..."); the same mark twice is one
        drop_right = a == b
    elif (
        lflags & LEAF_SUFFIX
        and lflags & NESTED
        and rflags & PREFIX
        and a in _PUNCT
        and b in _PUNCT
        and a + b not in _COLON_EXCLAMATIONS
        and not (lflags | rflags) & DECORATED
    ):
        # a leaf's suffix from a level down and a prefix's mark after it: the same mark
        # is one; a mark they merge into goes into the leaf's text before its suffix
        # ("in.: 3rd edition", "T.;"), as citeproc-js moves it; any other stays ("T:,")
        drop_right = a == b or (a + b in _INTO_LEAF and _into_leaf(runs, b))
    elif rflags & DELIMITER and lflags & DECORATED and not lflags & AFFIX:
        # a leaf in a font of its own (nodes.Node.formatted): a delimiter's mark stays
        # after its last mark ("Easy!. P"), only the same mark twice is one ("Inc. P")
        drop_right = a == b and a in _PUNCT
    elif rflags & PREFIX and (
        lflags & (DECORATED | BLOB_END)
        and not lflags & AFFIX
        or rflags & DECORATED
        and (not lflags & (AFFIX | SWALLOWED | SUFFIX_GONE) or lflags & NESTED)
        or _kept_apart(lflags, rflags)
    ):
        # and a prefix's mark stays after it, even the same mark ("Dictionary.. 32nd"); nor
        # does citeproc-js merge into the prefix of an element in a font of its own a mark
        # of text, or of a suffix from a level down ("Why?. Journal", "Done.. Journal"):
        # two spaces are one, and an element's own suffix beside it (a leaf's, a group's)
        # and that prefix are one where they are the same mark ("Alpha. Journal")
        if lflags & OWN_SUFFIX and lflags & AFFIX and not lflags & (NESTED | DECORATED):
            drop_right = a == b and (a in _PUNCT or a == " ")
        else:
            drop_right = a == " " and b == " "
    elif rflags & VALUE_LEAD and a in _QUOTE_CLOSE:
        # a text value's mark that does not go into a quotation (";" or ":", or any where
        # punctuation stays outside quotes) stays after it, but the mark the quotation ends
        # in is not printed twice ("“Dict:” X", "„Why?“. X")
        quoted = "".join(map(_TEXT_OF, runs)).rstrip(_QUOTE_CLOSE)
        drop_right = quoted[-1:] == b
    else:
        pair = a + b
        if pair in _DROP_LEFT:  # "Title:" + "?" -> "Title?"
            if len(ltext) == 1:
                runs.pop()
                if not runs:
                    runs.extend(right)
                    return
            else:
                runs[-1] = (ltext[:-1], lflags)
        elif pair in _DROP_RIGHT or (
            a in _QUOTE_CLOSE
            and _quoted_mark_drops(
                runs,
                b,
                bool(rflags & PREFIX or rflags & DELIMITER and not lflags & NESTED),
                prefix=bool(rflags & PREFIX and lflags & NESTED),
            )
        ):
            drop_right = True
    if drop_right:
        if len(rtext) == 1:
            right = right[1:]
            if not right:
                return
        else:
            right = ((rtext[1:], rflags), *right[1:])
    ltext, lflags = runs[-1]
    rtext, rflags = right[0]
    if lflags == rflags:
        runs[-1] = (ltext + rtext, lflags)
        runs.extend(right[1:])
    else:
        runs.extend(right)


def affix(
    body: Rich,
    prefix: str,
    suffix: str,
    *,
    merge: bool = True,
    decorated: bool = False,
    own: int = 0,
) -> Rich:
    """``prefix + body + suffix`` with seam merging (affixes are never formatted); without
    *merge*, the body and the suffix only lose a mark they both have (``Inc.`` + ``.``).
    *decorated*: the affixes are those of an element in a font of its own; *own*: flags
    for the suffix (:data:`OWN_SUFFIX`, :data:`LEAF_SUFFIX`)."""
    if not body.runs or not (prefix or suffix):
        return body
    kind = AFFIX | DECORATED if decorated else AFFIX
    runs: list[Run] = list(_affix_of(prefix, kind | PREFIX).runs) if prefix else []
    _extend(runs, body.runs)
    if suffix:
        last, lflags = runs[-1]
        if (
            lflags & NESTED
            and not lflags & DEEP
            and (
                lflags & OWN_SUFFIX
                and last[-1] == suffix[0]
                and last[-1] in _PUNCT
                and (last[0] in _PUNCT or last[0] == " ")
                and not (len(runs) > 1 and runs[-2][1] & QUOTE_PIQ)
                or lflags & SWALLOWED
                and suffix[0] == "."
            )
        ):
            # citeproc-js: after the suffix of its last child ending in the mark this
            # suffix begins with, a group's suffix loses its first and its last character
            # (". " after "Glance." -> nothing: "Glance.3rd edn"), unless the child ends in
            # a quotation its suffix's mark goes into (punctuation-in-quote)
            # its last character is pending (TRIMMED): a sibling's prefix mark goes instead,
            # and a space of the last of its siblings moves up to the suffix around it
            suffix = suffix[1:]
            if not suffix:
                runs[-1] = (last, lflags | TRIMMED0)
                rich = _new(Rich)
                rich.runs = tuple(runs)
                return rich
            own |= TRIMMED
        end = runs[-1][0][-1]
        if (
            suffix[0] == "."
            and own
            and runs[-1][1] & (QUOTE_END | QUOTE_PIQ) == QUOTE_END
            and _quoted_mark_drops(runs, ".", True)
        ):
            # where punctuation stays outside quotes, an element's suffix loses the period
            # its quotation already ends in ("„Dow, Inc.“ F"; "„Why?“. F" keeps it)
            if len(suffix) == 1:
                runs[-1] = (runs[-1][0], runs[-1][1] | SWALLOWED)
                rich = _new(Rich)
                rich.runs = tuple(runs)
                return rich
            suffix = suffix[1:]
        if (
            suffix == "."
            and own
            and not runs[-1][1] & AFFIX
            and (end == "." or own & LEAF_SUFFIX and merge and end + "." in _DROP_RIGHT)
        ):
            # the element's suffix goes into its last mark ("Inc." + ".", "Why?" + "." for
            # a text), but citeproc-js still counts it as the element's suffix (see above)
            runs[-1] = (runs[-1][0], runs[-1][1] | SWALLOWED)
            rich = _new(Rich)
            rich.runs = tuple(runs)
            return rich
        if (
            suffix == "."
            and own
            and merge
            and not own & LEAF_SUFFIX
            and not runs[-1][1] & AFFIX
            and end + "." in _DROP_RIGHT
        ):
            # a group's: gone into "?" or "!", but a prefix after it merges as after it
            runs[-1] = (runs[-1][0], runs[-1][1] | SUFFIX_GONE)
            rich = _new(Rich)
            rich.runs = tuple(runs)
            return rich
        after = _affix_of(suffix, kind | own).runs
        if merge or runs[-1][0][-1] == suffix[0]:
            _extend(runs, after)
        elif runs[-1][1] == after[0][1]:
            runs[-1] = (runs[-1][0] + after[0][0], after[0][1])
            runs.extend(after[1:])
        else:
            runs.extend(after)
    rich = _new(Rich)
    rich.runs = tuple(runs)
    return rich


def nested(body: Rich) -> Rich:
    """*body* as an element wraps it: the suffix it ends in (:data:`OWN_SUFFIX`, or one its
    last mark took, :data:`SWALLOWED`) is no longer that of a child of this element
    (:data:`NESTED`), then no longer that of a child of the element around it (:data:`DEEP`)."""
    runs = body.runs
    if not runs:
        return body
    text, flags = runs[-1]
    if not flags & NESTING:
        return body  # (most bodies: nothing to do)
    if flags & TRIMS:
        # the suffix of the last child: its pending last character goes, but a space,
        # which moves up to the suffix around and stays
        if flags & TRIMMED and text[-1] != " ":
            text = text[:-1]
        flags &= ~TRIMS
        if not text:
            return nested(Rich._of(runs[:-1]))
        runs = (*runs[:-1], (text, flags))
        body = Rich._of(runs)
    if not flags & _SUFFIX_MARKS or flags & DEEP:
        return body
    flags |= DEEP if flags & NESTED else NESTED
    return Rich._of((*runs[:-1], (text, flags)))


def punctuation_in_quote(
    body: Rich, close_quote: str = "”", close_inner: str = "’", *, skip: int = 0
) -> Rich:
    """Move a comma or period that follows a closing quote inside it (en-US style): inside
    an inner quote closed with it too (“This is ‘The One.’”), in the quote's formatting.
    Quotes whose flags have a bit of *skip* are left alone.  Only an affix's or a delimiter's mark moves (a ``cs:text value=". "`` stays out), and a
    mark is dropped after the quotation's own mark it merges into (``.``, ``?`` or ``!``
    for a period, ``,`` for a comma), as citeproc-js does."""
    text = str(body)
    if close_quote not in text:
        return body
    shifted = _marks_before_nested_suffix(body, close_quote)
    if shifted is not body:
        body, text = shifted, str(shifted)
    if close_quote + "," not in text and close_quote + "." not in text:
        return body
    chars = [(ch, f) for t, f in body.runs for ch in t]
    # (the closing marks of quotes in quotes, inner or not: “…‘One’”, ““Title””)
    closers = f"(?:{re.escape(close_inner)}|{re.escape(close_quote)})"
    pattern = re.compile(f"{closers}*{re.escape(close_quote)}(?=[,.])")
    out: list[Run] = []
    pos = 0
    for m in pattern.finditer(text):
        after = chars[m.end()][1]
        if (
            m.start() < pos
            or chars[m.end() - 1][1] & skip
            or not after & AFFIX
            or after & (PREFIX | DECORATED) == PREFIX | DECORATED
        ):
            # only an affix's or a delimiter's mark moves, never a text's own, nor that of
            # the prefix of an element in a font of its own (“Why?”, Journal)
            continue
        out.extend(chars[pos : m.start()])
        end = m.end()
        flags = chars[m.start()][1]
        marks = [(text[end], chars[end][1] & (LEAF_SUFFIX | DELIMITER))]
        # the marks of affixes right after it go in too, as citeproc-js moves each in turn
        while (
            end + len(marks) < len(text)
            and text[end + len(marks)] in ",."
            and chars[end + len(marks)][1] & AFFIX
            and (not marks[-1][1] & LEAF_SUFFIX or not chars[end + len(marks)][1] & LEAF_SUFFIX)
        ):
            marks.append((text[end + len(marks)], chars[end + len(marks)][1] & DELIMITER))
        if (
            not chars[m.end() - 1][1] & QUOTE_END
            and chars[end][1] & OWN_SUFFIX
            and any(mk[1] & DELIMITER for mk in marks)
        ):
            # a quotation the field itself ends in takes its text's suffix, and the mark of
            # a delimiter after it stays out (“China’s Destiny.”, B)
            marks = [mk for mk in marks if not mk[1] & DELIMITER]
        pos = end + len(marks)
        # the quoted text's own suffix (moved in before, or here), then a group's mark:
        # citeproc-js puts the group's mark into the text first (“Title.,”), a delimiter's
        # after the text's suffix (“Title.,” for a suffix "." and a delimiter ", ")
        moved: list[tuple[str, int]] = []
        while out and out[-1][1] & MOVED_IN:
            moved.insert(0, (out.pop()[0], LEAF_SUFFIX))
        ordered = (
            [mk for mk in marks if not mk[1]]
            + moved
            + [mk for mk in marks if mk[1] & LEAF_SUFFIX]
            + [mk for mk in marks if mk[1] == DELIMITER]
        )
        last = out[-1][0] if out else ""
        for mark, leaf in ordered:
            # a mark moved in after a quotation's own end mark merges with it ("it?." ->
            # "it?", "it,," -> "it,")
            if last + mark not in _DROP_RIGHT:
                # the punctuation, as the quote
                out.append((mark, flags | MOVED_IN if leaf & LEAF_SUFFIX else flags))
                last = mark
        out.extend(chars[m.start() : end])
    out.extend(chars[pos:])
    return Rich(out)


_NESTED_LEAF_SUFFIX = OWN_SUFFIX | LEAF_SUFFIX | NESTED


def _marks_before_nested_suffix(body: Rich, close_quote: str) -> Rich:
    """*body* with the period or comma of an affix after a quotation's suffix put before
    that suffix, where the quotation is a field's, its suffix holds no mark and a group
    wraps it, however deep (``“Title”]`` + ``. ``: ``“Title”.]``, which the caller moves
    inside the quote: ``“Title.”]``), as citeproc-js moves it past the field's own suffix;
    directly in the group that delimits it, the suffix stays between (``“Title”].``)."""
    runs = body.runs
    out: list[Run] = []
    changed = False
    i = 0
    while i < len(runs):
        run = runs[i]
        out.append(run)
        if (
            i + 2 < len(runs)
            and run[0].endswith(close_quote)
            and runs[i + 1][1] & _NESTED_LEAF_SUFFIX == _NESTED_LEAF_SUFFIX
            and not any(ch in _PUNCT or ch.isspace() for ch in runs[i + 1][0])
            and runs[i + 2][0][:1] in (",", ".")
            and runs[i + 2][1] & AFFIX
        ):
            suffix, (after, flags) = runs[i + 1], runs[i + 2]
            marks = len(after) - len(after.lstrip(",."))
            out.append((after[:marks], flags))
            out.append(suffix)
            if after[marks:]:
                out.append((after[marks:], flags))
            changed = True
            i += 3
            continue
        i += 1
    return Rich(out) if changed else body


# ----------------------------------------------------------------------------
# input markup

_TAG_RE = LazyPattern(
    r"<(/?)(i|b|sup|sub|sc|span)(\s+[^>]*)?>",
    re.IGNORECASE,
)
_SPAN_FLAGS = (
    (LazyPattern(r"nocase", re.I), NOCASE),
    (LazyPattern(r"nodecor", re.I), NODECOR | NOCASE),
    (LazyPattern(r"small-caps", re.I), SMALLCAPS),
    (LazyPattern(r"font-style:\s*normal", re.I), NORMAL),
    (LazyPattern(r"font-style:\s*italic", re.I), ITALIC),
    (LazyPattern(r"font-weight:\s*bold", re.I), BOLD),
    (LazyPattern(r"underline", re.I), UNDERLINE),
)
_TAG_FLAGS = {"i": ITALIC, "b": BOLD, "sup": SUP, "sub": SUB, "sc": SMALLCAPS}


def parse_markup(text: str, base: int = 0) -> Rich:
    """Parse citeproc-js rich-text markup; unknown or unbalanced tags stay literal text."""
    if "<" not in text:
        return Rich.plain(text, base) if text else EMPTY
    runs: list[Run] = []
    stack: list[tuple[str, int]] = []
    flags = base
    pos = 0
    lowered = text.lower()
    last_close: dict[str, int] = {}  # where each tag's last close tag starts (-1: none)
    for m in _TAG_RE.finditer(text):
        closing, tag, attrs = m.group(1), m.group(2).lower(), m.group(3) or ""
        if closing:
            if not stack or stack[-1][0] != tag:
                continue  # unbalanced close: leave it as text
            runs.append((text[pos : m.start()], flags))
            stack.pop()
            flags = stack[-1][1] if stack else base
            pos = m.end()
            continue
        if tag == "span":
            add = 0
            for pattern, flag in _SPAN_FLAGS:
                if pattern.search(attrs):
                    add |= flag
            if not add:
                continue
        else:
            if attrs.strip():
                continue
            add = _TAG_FLAGS[tag]
        # only treat as markup when a matching close tag follows
        if tag not in last_close:
            last_close[tag] = lowered.rfind(f"</{tag}>")
        if last_close[tag] < m.end():
            continue
        runs.append((text[pos : m.start()], flags))
        new = flags | add
        if add & ITALIC and flags & ITALIC:
            # italics inside italics flip to upright (citeproc-js flip-flop)
            new = _flip_italic(flags) | (add & ~ITALIC)
        for flag, back in _FLIPS.items():
            if add & flag and flags & flag:
                new ^= back
        if add & NORMAL and not flags & ITALIC:
            new &= ~NORMAL  # upright outside italics is plain text
        stack.append((tag, new))
        flags = new
        pos = m.end()
    runs.append((text[pos:], flags))
    return Rich(runs)


# ----------------------------------------------------------------------------
# output

_HTML_TAGS = (
    (ITALIC, "<i>", "</i>"),
    (NORMAL, '<span style="font-style:normal;">', "</span>"),
    (BOLD, "<b>", "</b>"),
    (NORMAL_WEIGHT, '<span style="font-weight:normal;">', "</span>"),
    (SMALLCAPS, '<span style="font-variant:small-caps;">', "</span>"),
    (NORMAL_VARIANT, '<span style="font-variant:normal;">', "</span>"),
    (UNDERLINE, '<span style="text-decoration:underline;">', "</span>"),
    (SUP, "<sup>", "</sup>"),
    (SUB, "<sub>", "</sub>"),
)
_MD_TAGS = (
    (ITALIC, "*", "*"),
    (NORMAL, "", ""),
    (BOLD, "**", "**"),
    (NORMAL_WEIGHT, "", ""),
    (NORMAL_VARIANT, "", ""),
    (SMALLCAPS, '<span style="font-variant:small-caps;">', "</span>"),
    (UNDERLINE, "<u>", "</u>"),
    (SUP, "<sup>", "</sup>"),
    (SUB, "<sub>", "</sub>"),
)


def to_text(rich: Rich) -> str:
    return str(rich)


def _render(
    rich: Rich,
    tags: tuple[tuple[int, str, str], ...],
    escape: Callable[[str], str],
    link: Callable[[str, int], str] | None = None,
) -> str:
    out: list[str] = []
    open_: list[int] = []  # flags currently open, outermost first
    for text, flags in rich.runs:
        is_link = flags & _LINKS
        flags &= ~(NOCASE | _LINKS)
        if flags & NODECOR:
            # undo each decoration around it, inside it (<i>… <span normal>v.</span>)
            flags |= (
                (NORMAL if flags & ITALIC else 0)
                | (NORMAL_WEIGHT if flags & BOLD else 0)
                | (NORMAL_VARIANT if flags & SMALLCAPS else 0)
            )
        if not flags & ITALIC:
            flags &= ~NORMAL  # upright outside italics is plain text
        # close what is not continued
        keep = 0
        while keep < len(open_) and open_[keep] & flags:
            keep += 1
        for flag in reversed(open_[keep:]):
            out.append(next(c for f, _, c in tags if f == flag))
        del open_[keep:]
        for flag, opening, _ in tags:
            if flags & flag and flag not in open_:
                out.append(opening)
                open_.append(flag)
        if is_link and link is not None:
            out.append(link(text, is_link))
        else:
            out.append(escape(text))
    for flag in reversed(open_):
        out.append(next(c for f, _, c in tags if f == flag))
    return "".join(out)


_DOI_RESOLVERS = (
    "https://doi.org/",
    "http://doi.org/",
    "https://dx.doi.org/",
    "http://dx.doi.org/",
)


def _html_escape(text: str) -> str:
    # entities as citeproc-js writes them
    return text.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")


def _superscript(ch: str) -> str | None:
    """The letter a superscript character stands for, where citeproc-js's HTML writes it
    in ``<sup>`` (its table: the Latin-1, IPA, phonetic, superscript, letterlike and kanbun
    characters Unicode decomposes as ``<super>``, and four modifier letters that it does not)."""
    n = ord(ch)
    if not (n <= 0x2FF or 0x1D2C <= n <= 0x1D61 or 0x2070 <= n <= 0x2122 or 0x3192 <= n <= 0x319F):
        return _SUPER_EXTRA.get(ch)
    parts = unicodedata.decomposition(ch).split()
    if not parts or parts[0] != "<super>":
        return _SUPER_EXTRA.get(ch)
    return "".join(chr(int(p, 16)) for p in parts[1:])


_SUPER_EXTRA = {"\u02c0": "\u0294", "\u02c1": "\u0295", "\u06e5": "\u0648", "\u06e6": "\u064a"}


@cache
def _superscripts() -> tuple[dict[str, str], re.Pattern[str]]:
    """The superscript characters and the letters they stand for, and a pattern finding
    them: made on first use (HTML only), as the table takes a scan of 12,800 characters."""
    table = {ch: s for ch in map(chr, range(0x3200)) if (s := _superscript(ch))}
    return table, re.compile("[" + "".join(table) + "]")


def _html_text(text: str) -> str:
    """Text in HTML as citeproc-js writes it: escaped, superscript characters (ª, ᵉʳ, ™)
    as ``<sup>`` letters."""
    table, pattern = _superscripts()
    return pattern.sub(lambda m: f"<sup>{table[m.group(0)]}</sup>", _html_escape(text))


def _html_link(text: str, kind: int) -> str:
    href = text
    if kind & LINK_DOI and not text.lower().startswith(("http://", "https://")):
        href = "https://doi.org/" + text
    attr = _html_escape(href).replace('"', "&#34;")
    return f'<a href="{attr}">{_html_escape(text)}</a>'


def _absorb_doi_prefix(rich: Rich) -> Rich:
    """A DOI printed after a resolver prefix links with it: ``<a>https://doi.org/10…</a>``."""
    runs = list(rich.runs)
    for i in range(1, len(runs)):
        text, flags = runs[i]
        if not flags & LINK_DOI:
            continue
        before, bflags = runs[i - 1]
        for resolver in _DOI_RESOLVERS:
            if before.endswith(resolver) and not bflags & _LINKS:
                runs[i - 1] = (before[: -len(resolver)], bflags)
                runs[i] = (resolver + text, flags)
                break
    return Rich(runs)


def to_html(rich: Rich, *, links: bool = True) -> str:
    """HTML as citeproc-js writes it: ``<i>``, ``<b>``, ``<sup>``…, and links for URLs and
    DOIs (citeproc-js's ``wrap_url_and_doi``, as Zotero sets it) unless *links* is false."""
    if not links:
        return _render(rich, _HTML_TAGS, _html_text)
    return _render(_absorb_doi_prefix(rich), _HTML_TAGS, _html_text, _html_link)


# what pandoc's Markdown (and CommonMark) would read as markup anywhere in a line:
# emphasis, code, links, raw HTML, math, super- and subscripts, citations
_MD_ESCAPE = LazyPattern(r"([\\`*_\[\]<>$^~@])|&(?=#?\w+;)")
# what would begin a block (heading, quote, list item, example list) at the start of an entry
_MD_BLOCK_START = LazyPattern(
    r"^(?:([#>+=|%-])|(\()|(\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+)([.)])(?=\s|$))"
)


def _md_escape(text: str) -> str:
    return _MD_ESCAPE.sub(lambda m: "\\" + m.group(0), text)


def _md_block_start(text: str) -> str:
    """*text* that cannot begin a block other than a paragraph (``1\\. Smith``, ``\\# x``)."""
    m = _MD_BLOCK_START.match(text)
    if m is None:
        return text
    if m.group(3):
        return f"{m.group(3)}\\{m.group(4)}{text[m.end() :]}"
    return "\\" + text


def _md_link(text: str, kind: int) -> str:
    href = text
    if kind & LINK_DOI and not text.lower().startswith(("http://", "https://")):
        href = "https://doi.org/" + text
    if href == text:
        return f"<{text}>"  # an autolink: no escapes inside
    label = _md_escape(text)
    return f"[{label}](<{href}>)"


def _md_spaces(rich: Rich) -> Rich:
    """Spaces where emphasis opens or closes moved outside it: CommonMark reads neither
    ``* a*`` nor ``*a *`` as emphasis."""
    runs = rich.runs
    out: list[Run] = []
    for i, (t, f) in enumerate(runs):
        em = f & (ITALIC | BOLD)
        if not em:
            out.append((t, f))
            continue
        opening = em & ~(runs[i - 1][1] if i else 0)
        closing = em & ~(runs[i + 1][1] if i + 1 < len(runs) else 0)
        lead = t[: len(t) - len(t.lstrip())] if opening else ""
        trail = t[len(t.rstrip()) :] if closing and t.strip() else ""
        out.append((lead, f & ~opening))
        out.append((t[len(lead) : len(t) - len(trail)], f))
        out.append((trail, f & ~closing))
    return Rich(out)


def to_markdown(rich: Rich) -> str:
    """Markdown: ``*italic*``, ``**bold**``, HTML for the rest; URLs and DOIs as links.

    Text is escaped wherever pandoc's Markdown would read it as markup (``*``, ``_``,
    ``[``, ``<``, ``$``, ``^``, ``~``, ``@`` ...), and at the start so that it cannot open a
    heading, quote or list (``1\\. ``): an entry stays one paragraph.  Line breaks are spaces.
    """
    # upright text inside italics is simply not italic in Markdown
    flat = _md_spaces(
        Rich(
            (
                " ".join(t.splitlines()) if "\n" in t or "\r" in t else t,
                f & ~(ITALIC | NORMAL) if f & NORMAL else f,
            )
            for t, f in rich.runs
        )
    )
    return _md_block_start(_render(_absorb_doi_prefix(flat), _MD_TAGS, _md_escape, _md_link))


# ----------------------------------------------------------------------------
# LaTeX

_LATEX_TAGS = (
    (ITALIC, "\\textit{", "}"),
    (NORMAL, "\\textup{", "}"),
    (BOLD, "\\textbf{", "}"),
    (NORMAL_WEIGHT, "\\textmd{", "}"),
    (SMALLCAPS, "\\textsc{", "}"),
    (NORMAL_VARIANT, "\\textup{", "}"),
    (UNDERLINE, "\\underline{", "}"),
    (SUP, "\\textsuperscript{", "}"),
    (SUB, "\\textsubscript{", "}"),
)
_LATEX_SPECIAL = {
    "\\": "\\textbackslash{}",
    "{": "\\{",
    "}": "\\}",
    "&": "\\&",
    "%": "\\%",
    "$": "\\$",
    "#": "\\#",
    "_": "\\_",
    "~": "\\textasciitilde{}",
    "^": "\\textasciicircum{}",
    "<": "\\textless{}",
    ">": "\\textgreater{}",
    "|": "\\textbar{}",
    "\u00a0": "~",
}
_LATEX_SPECIAL_RE = LazyPattern("|".join(re.escape(c) for c in _LATEX_SPECIAL))


def latex_escape(text: str) -> str:
    """*text* for LaTeX's text mode: ``& % $ # _ { } ~ ^ \\`` and ``< > |`` as commands."""
    text = " ".join(text.splitlines()) if "\n" in text or "\r" in text else text
    return _LATEX_SPECIAL_RE.sub(lambda m: _LATEX_SPECIAL[m.group(0)], text)


# characters a URL cannot carry inside \url{} (percent-encoded: the same address)
_URL_UNSAFE = LazyPattern(r"[{}\\\s^]")


def _latex_link(text: str, kind: int) -> str:
    url = _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode()), text)
    return f"\\url{{{url}}}"


def to_latex(rich: Rich) -> str:
    """LaTeX: ``\\textit{}``, ``\\textbf{}``, ``\\textsc{}``, ``\\textsuperscript{}`` ...;
    text escaped; URLs and DOIs in ``\\url{}``, unescaped (``%`` and ``#`` too).

    ``\\url`` (from the ``url`` or ``hyperref`` package) reads its argument verbatim only
    outside other commands' arguments, so a link is written outside any formatting.
    """
    bare = Rich((t, f & (_LINKS | NOCASE)) if f & _LINKS else (t, f) for t, f in rich.runs)
    return _render(_absorb_doi_prefix(bare), _LATEX_TAGS, latex_escape, _latex_link)


# ----------------------------------------------------------------------------
# RTF

_RTF_TAGS = (
    (ITALIC, "{\\i ", "}"),
    (NORMAL, "{\\i0 ", "}"),
    (BOLD, "{\\b ", "}"),
    (NORMAL_WEIGHT, "{\\b0 ", "}"),
    (SMALLCAPS, "{\\scaps ", "}"),
    (NORMAL_VARIANT, "{\\scaps0 ", "}"),
    (UNDERLINE, "{\\ul ", "}"),
    (SUP, "{\\super ", "}"),
    (SUB, "{\\sub ", "}"),
)


def rtf_escape(text: str) -> str:
    """*text* for RTF: ``\\ { }`` escaped, tabs as ``\\tab``, anything past ASCII as
    ``\\uc0\\uN{}`` (UTF-16 units, signed, as RTF wants them; no fallback character, as
    citeproc-js writes them)."""
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ch == "\t":
            out.append("\\tab ")
        elif ch in "\r\n":
            out.append(" ")
        elif 32 <= code < 127:
            out.append(ch)
        else:
            units = ch.encode("utf-16-le")
            for i in range(0, len(units), 2):
                unit = int.from_bytes(units[i : i + 2], "little", signed=True)
                out.append(f"\\uc0\\u{unit}{{}}")
    return "".join(out)


def to_rtf(rich: Rich) -> str:
    """RTF as citeproc-js writes it: ``{\\i ...}``, ``{\\b ...}``, ``{\\super ...}``,
    ``\\uc0\\uN{}``."""
    return _render(rich, _RTF_TAGS, rtf_escape)


_MARGIN_MARKS = ".,;:"


def with_label(label: Rich, body: Rich) -> Rich:
    """An entry's label (``second-field-align``) and body as one text: a space between
    them, the marks the body starts with before it, as citeproc-js's text output puts
    what follows a left-margin block (``13.: Marking time``, where the body starts with a
    prefix ``: ``)."""
    head, tail = margin_marks([label + Rich.plain(" ", AFFIX | MARGIN), body])
    return join([head, tail])


def margin_marks(parts: list[Rich]) -> list[Rich]:
    """A layout's pieces with the marks that start a piece after a left-margin block moved
    into the block, before its space, as citeproc-js's output queue moves them
    (``(1955)`` + ``. Title``: ``(1955). Title``)."""
    out = list(parts)
    for i in range(len(out) - 1):
        runs = out[i].runs
        if not runs or not runs[-1][1] & MARGIN:
            continue
        nxt = out[i + 1].runs
        if not nxt:
            continue
        text, flags = nxt[0]
        marks = len(text) - len(text.lstrip(_MARGIN_MARKS))
        if not marks:
            continue
        out[i] = Rich((*runs[:-1], (text[:marks], flags), runs[-1]))
        rest = text[marks:]
        out[i + 1] = Rich(((rest, flags), *nxt[1:])) if rest else Rich(nxt[1:])
    return out
