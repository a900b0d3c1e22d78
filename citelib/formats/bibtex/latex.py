"""LaTeX ⇄ Unicode for BibTeX field values, table-driven and fast.

:func:`decode` turns the LaTeX of a BibTeX value into Unicode text with the
citeproc-js rich-text markup the model uses: accents and special letters
become characters (``{\\"u}`` → ``ü``, ``\\ss`` → ``ß``), ``\\textit{}`` and
``\\emph{}`` become ``<i>``, ``\\textbf{}`` ``<b>``, ``\\textsc{}`` a
small-caps span, ``\\textsuperscript{}``/``\\textsubscript{}`` ``<sup>``/``<sub>``,
and, with ``rich=True``, a case-protecting ``{Group}`` becomes
``<span class="nocase">Group</span>``.  Math (``$…$``) and commands it does
not know are kept verbatim, so nothing is lost.  Decoding takes time linear in
the length of the value, however its groups nest (each group is matched once) and
however long a chain of accents is (``\\'\\'\\'…a``); LaTeX nested more than
:data:`MAX_DEPTH` deep is kept verbatim too.

:func:`encode` is the inverse: Unicode stays UTF-8 (CJK text is written as
is), only what LaTeX needs is escaped, and markup goes back to ``\\textit{}``
and ``{…}``.  For any text ``t`` that :func:`decode` can produce (its markup
nested at most :data:`MAX_DEPTH` deep), ``decode(encode(t)) == t``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ._braces import walk

__all__ = [
    "KNOWN_COMMANDS",
    "MAX_DEPTH",
    "braces_balanced",
    "decode",
    "encode",
    "match_brace",
    "needs_decoding",
]

# --------------------------------------------------------------------------- tables

_ACCENTS: dict[str, str] = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
    "d": "\u0323",
    "b": "\u0331",
    "t": "\u0361",
    "G": "\u030f",
    "U": "\u030e",
}

_SYMBOLS: dict[str, str] = {
    "ss": "ß",
    "SS": "SS",
    "o": "ø",
    "O": "Ø",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "aa": "å",
    "AA": "Å",
    "dh": "ð",
    "DH": "Ð",
    "th": "þ",
    "TH": "Þ",
    "dj": "đ",
    "DJ": "Đ",
    "ng": "ŋ",
    "NG": "Ŋ",
    "textendash": "–",
    "textemdash": "—",
    "textquoteleft": "‘",
    "textquoteright": "’",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "quotedblbase": "„",
    "quotesinglbase": "‚",
    "guillemotleft": "«",
    "guillemotright": "»",
    "guillemetleft": "«",
    "guillemetright": "»",
    "guilsinglleft": "‹",
    "guilsinglright": "›",
    "textregistered": "®",
    "texttrademark": "™",
    "copyright": "©",
    "textcopyright": "©",
    "S": "§",
    "textsection": "§",
    "P": "¶",
    "textparagraph": "¶",
    "dag": "†",
    "ddag": "‡",
    "textdagger": "†",
    "textdaggerdbl": "‡",
    "textbullet": "•",
    "ldots": "…",
    "dots": "…",
    "textellipsis": "…",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "textbackslash": "\\",
    "textbar": "|",
    "textless": "<",
    "textgreater": ">",
    "textunderscore": "_",
    "textdollar": "$",
    "textbraceleft": "{",
    "textbraceright": "}",
    "textasciigrave": "`",
    "textquotesingle": "'",
    "textquotedbl": '"',
    "textperiodcentered": "·",
    "textdegree": "°",
    "pounds": "£",
    "textsterling": "£",
    "euro": "€",
    "texteuro": "€",
    "textyen": "¥",
    "textcent": "¢",
    "textexclamdown": "¡",
    "textquestiondown": "¿",
    "textordfeminine": "ª",
    "textordmasculine": "º",
    "textonehalf": "½",
    "textonequarter": "¼",
    "textthreequarters": "¾",
    "textmu": "µ",
    "textpm": "±",
    "texttimes": "×",
    "textdiv": "÷",
    "textminus": "−",
    "textnumero": "№",
    "textvisiblespace": "␣",
    "hyphen": "-",
    "textdash": "–",
    "LaTeX": "LaTeX",
    "TeX": "TeX",
    "BibTeX": "BibTeX",
    "LaTeXe": "LaTeX2ε",
    "slash": "/",
    "nobreakspace": "\u00a0",
    "enspace": "\u2002",
    "quad": "\u2003",
    "qquad": "\u2003\u2003",
    "thinspace": "\u2009",
}

# Single-character control sequences that stand for a character (or nothing).
_ESCAPES: dict[str, str] = {
    "&": "&",
    "%": "%",
    "$": "$",
    "#": "#",
    "_": "_",
    "{": "{",
    "}": "}",
    " ": " ",
    "\n": " ",
    "\t": " ",
    ",": "\u2009",
    ";": " ",
    ":": " ",
    "!": "",
    "-": "",
    "/": "",
    "@": "",
}

_I, _B, _SC = "<i>", "<b>", '<span style="font-variant:small-caps;">'
_SUP, _SUB, _NOCASE = "<sup>", "<sub>", '<span class="nocase">'
_CLOSE = {
    _I: "</i>",
    _B: "</b>",
    _SC: "</span>",
    _SUP: "</sup>",
    _SUB: "</sub>",
    _NOCASE: "</span>",
}

# Commands with one argument that becomes markup ("" = the argument, unmarked).
_FORMATTING: dict[str, str] = {
    "textit": _I,
    "emph": _I,
    "textsl": _I,
    "mkbibemph": _I,
    "mkbibitalic": _I,
    "textbf": _B,
    "mkbibbold": _B,
    "textsc": _SC,
    "textsuperscript": _SUP,
    "mkbibsuperscript": _SUP,
    "textsubscript": _SUB,
    "mkbibsubscript": _SUB,
    "textrm": "",
    "textnormal": "",
    "textup": "",
    "textmd": "",
    "textsf": "",
    "texttt": "",
    "mbox": "",
    "hbox": "",
    "text": "",
    "nolinkurl": "",
}

# Declarations that switch a style on for the rest of the enclosing group.
_DECLARATIONS: dict[str, str] = {
    "em": _I,
    "it": _I,
    "itshape": _I,
    "sl": _I,
    "slshape": _I,
    "bf": _B,
    "bfseries": _B,
    "sc": _SC,
    "scshape": _SC,
    "rm": "",
    "upshape": "",
    "normalfont": "",
    "mdseries": "",
    "sffamily": "",
    "ttfamily": "",
    "relax": "",
    "protect": "",
}

# Commands handled on their own below.
_SPECIAL_COMMANDS = frozenset(
    ["url", "href", "enquote", "mkbibquote", "noopsort", "par", "bibstring", "sortnoop"]
)

KNOWN_COMMANDS: frozenset[str] = frozenset(
    set(_SYMBOLS) | set(_FORMATTING) | set(_DECLARATIONS) | _SPECIAL_COMMANDS
) | frozenset(k for k in _ACCENTS if k.isalpha())
"""Every command name :func:`decode` gives a meaning; any other is kept verbatim."""

_DOTLESS = {"ı": "i", "ȷ": "j"}
# biblatex localisation keys (English) that \bibstring{} prints
_BIBSTRINGS = {
    "newseries": "new series",
    "oldseries": "old series",
    "andothers": "et al.",
    "and": "and",
    "editor": "editor",
    "editors": "editors",
    "translator": "translator",
    "volume": "volume",
    "number": "number",
    "page": "page",
    "pages": "pages",
    "inpress": "in press",
    "forthcoming": "forthcoming",
    "submitted": "submitted",
}
_STARRED = frozenset(["enquote", "mkbibquote", "textcite", "mbox", "hbox"])

# A value needs the slow path only if it holds one of these.
_NEEDS = re.compile(r"[\\{}$~\n\t\r\f\v]|--|``|''|  ")
_STOP = re.compile(r"[\\{}$~'`-]")
_PAR = "\ue000"  # a paragraph break until whitespace is collapsed
_WS_RUN = re.compile("[ \t\n\r\f\v\ue000]{2,}|[\t\n\r\f\v\ue000]")

# the fast path: accents in their common forms, flat groups, ligatures
_ACCENT_RE = re.compile(
    r"(?P<pair>\\\\)|(\{)?\\(?:([\'\"`^~=.])\s*|([cvuHkrdbt])(?=[\s{]))"
    r"(?:\{(\\[ij](?![A-Za-z])|[A-Za-z])\}|(?<=[\'\"`^~=.])(\\[ij](?![A-Za-z])|[A-Za-z])"
    r"|(?<=[cvuHkrdbt])\s+([A-Za-z]))(?(2)\})"
)
# a letter accent whose argument is an accent command (\b\'a): the slow path only, since
# the fast path would decode the inner accent first and leave "\b" glued to its letter
_ACCENT_ON_ACCENT = re.compile(r"\\[cvuHkrdbt]\s*\{?\\")
_FLAT = re.compile(r"[^{}]*(?:\{[^{}]*\}[^{}]*)*")
_JOIN_RISK = re.compile(r"[-`'][{}]+[-`']")
_GROUP = re.compile(r"\{([^{}]*)\}")
_LIG = re.compile(r"-{2,}|``|''|~")
_NAME = re.compile(r"[A-Za-z]+")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_WS = re.compile(r"\s+")
# a group with no group inside, backslash escapes included (match_brace's fast path)
# (an atomic group, not ``*+``: CPython < 3.11.5 matches possessive quantifiers wrongly)
_FLAT_GROUP = re.compile(r"\{(?>(?:[^{}\\]+|\\.)*)\}", re.DOTALL)


def needs_decoding(text: str) -> bool:
    """True if *text* has anything :func:`decode` would change."""
    return _NEEDS.search(text) is not None


def match_brace(s: str, i: int) -> int:
    """Index of the ``}`` closing the ``{`` at *i*, or -1 if it is never closed.

    Braces are counted by :func:`._braces.walk`; a group with no group inside
    (the common case) is matched at once by one regular expression that
    follows the same escape rule.  Each call walks to the closing brace: to
    match many groups of one text, use :func:`_brace_pairs` once.
    """
    flat = _FLAT_GROUP.match(s, i)
    if flat is not None:
        return flat.end() - 1
    for j, _end, depth in walk(s, i):
        if depth == 0:
            return j
    return -1


def _brace_pairs(s: str) -> dict[int, int]:
    """For each ``{`` of *s* that is no escape: the index of its ``}``, or -1 if it is never
    closed (what :func:`match_brace` gives it), from one walk over *s*."""
    pairs: dict[int, int] = {}
    opened: list[int] = []
    for j, _end, _depth in walk(s):
        if s[j] == "{":
            opened.append(j)
        elif opened:
            pairs[opened.pop()] = j
    for j in opened:
        pairs[j] = -1
    return pairs


#: How deep :func:`decode` interprets nested groups and commands (``{{…}}``,
#: ``\textit{\textbf{…}}``, ``\em`` …): the LaTeX nested deeper is kept as it is.
#: The decoder is recursive (at most three Python frames a level); this keeps it well
#: inside Python's default recursion limit of 1,000.  (TeX itself stops at 255 levels.)
MAX_DEPTH = 200


def _combine(base: str, accent: str) -> str:
    """The first character of *base* with the combining *accent*, composed (NFC)."""
    if not base:
        # an accent on nothing: the spacing form of the accent character
        return {"\u0302": "^", "\u0303": "~", "\u0301": "´", "\u0300": "`", "\u0308": "¨"}.get(
            accent, accent
        )
    first = _DOTLESS.get(base[0], base[0])
    return unicodedata.normalize("NFC", first + accent) + base[1:]


@lru_cache(maxsize=4096)
def _nfc(pair: str) -> str:
    """A character and a combining accent, composed (NFC)."""
    return unicodedata.normalize("NFC", pair)


def _combine_all(base: str, accents: list[str]) -> str:
    """``_combine(…_combine(_combine(base, accents[-1]), accents[-2])…, accents[0])`` in
    linear time: each step changes only the first character (the rest is not copied)."""
    if not accents:
        return base
    first, rest = base[:1], base[1:]
    added: list[str] = []  # what each step put after the first character, innermost first
    for accent in reversed(accents):
        if not first:
            first = _combine("", accent)
            continue
        combined = _nfc(_DOTLESS.get(first, first) + accent)
        first = combined[:1]
        added.append(combined[1:])
    added.reverse()
    return first + "".join(added) + rest


class _Decoder:
    """A recursive-descent reader over one value.

    Every recursion goes through :meth:`run`, which keeps the LaTeX nested more
    than :data:`MAX_DEPTH` deep as it is; groups are matched through
    :meth:`close`, which walks the value once for all of them (matching each
    group by walking to its end costs the square of the depth).
    """

    __slots__ = ("s", "n", "rich", "depth", "pairs")

    def __init__(self, s: str, rich: bool) -> None:
        self.s = s
        self.n = len(s)
        self.rich = rich
        self.depth = 0
        self.pairs: dict[int, int] | None = None

    def close(self, i: int) -> int:
        """:func:`match_brace` of the ``{`` at *i*."""
        flat = _FLAT_GROUP.match(self.s, i)  # up to the next brace only: linear in all
        if flat is not None:
            return flat.end() - 1
        pairs = self.pairs
        if pairs is None:
            pairs = self.pairs = _brace_pairs(self.s)
        close = pairs.get(i)
        if close is None:  # a brace the walk from the start read as escaped
            return match_brace(self.s, i)
        return close

    def run(self, i: int, end: int, nocase: bool) -> str:
        """Decode ``s[i:end]``; *nocase* is true inside a protected group."""
        if self.depth >= MAX_DEPTH:
            return self.s[i:end]
        self.depth += 1  # (not restored if an exception ends the decoding)
        s = self.s
        out: list[str] = []
        append = out.append
        stop = _STOP.search
        while i < end:
            m = stop(s, i, end)
            if m is None:
                append(s[i:end])
                break
            j = m.start()
            if j > i:
                append(s[i:j])
            c = s[j]
            if c == "\\":
                i = self._command(j, end, nocase, out)
            elif c == "{":
                close = self.close(j)
                if close < 0 or close >= end:
                    append("{")
                    i = j + 1
                    continue
                append(self._group(j + 1, close, nocase))
                i = close + 1
            elif c == "}":
                append("}")
                i = j + 1
            elif c == "$":
                i = self._math(j, end, out)
            elif c == "~":
                append("\u00a0")
                i = j + 1
            elif c == "-":
                k = j
                while k < end and s[k] == "-":
                    k += 1
                run = k - j
                if run == 1:
                    append("-")
                elif run == 2:
                    append("–")
                else:
                    append("—" + "-" * (run - 3))
                i = k
            elif c == "`" or c == "'":
                if j + 1 < end and s[j + 1] == c:
                    append("“" if c == "`" else "”")
                    i = j + 2
                else:
                    append(c)
                    i = j + 1
        self.depth -= 1
        return "".join(out)

    def _group(self, i: int, close: int, nocase: bool) -> str:
        """A ``{…}`` group whose content is ``s[i:close]``."""
        if i == close:
            return ""
        s = self.s
        if s[i] == "\\":
            # a BibTeX "special character" ({\"u}, {\em x}): no case protection
            return self.run(i, close, nocase)
        if self.rich and not nocase:
            return _NOCASE + self.run(i, close, True) + "</span>"
        return self.run(i, close, nocase)

    def _arg(self, i: int, end: int) -> tuple[int, int, int]:
        """The next argument after *i*: (content start, content end, index after it)."""
        s = self.s
        while i < end and s[i] in " \t\n\r":
            i += 1
        if i >= end:
            return i, i, i
        if s[i] == "{":
            close = self.close(i)
            if close < 0 or close >= end:
                return i + 1, end, end
            return i + 1, close, close + 1
        if s[i] == "\\":
            start = i
            while True:
                m = _NAME.match(s, i + 1)
                k = m.end() if m else min(i + 2, end)
                name = m.group() if m else s[i + 1 : k]
                if not (name in _ACCENTS and len(name) == 1):
                    return start, k, k
                # an accent command as the argument takes its own argument along:
                # \b\'a is \b{\'a}, as the fast path reads it (a loop: \'\'\'…\'a)
                i = k
                while i < end and s[i] in " \t\n\r":
                    i += 1
                if i >= end:
                    return start, i, i
                if s[i] == "{":
                    close = self.close(i)
                    k = end if close < 0 or close >= end else close + 1
                    return start, k, k
                if s[i] != "\\":
                    return start, i + 1, i + 1
        return i, i + 1, i + 1

    def _accented(self, k: int, end: int, accent: str, out: list[str]) -> int:
        """Decode the argument after *k* of an accent command: append it with *accent*, return
        the index after it.  An argument that is itself an accent command (``\\'\\'a``) takes
        its own argument along, as :meth:`_arg` reads it; a chain of them is read in one loop
        (linear time, no recursion) and its accents applied innermost first."""
        s = self.s
        accents = [accent]
        while True:
            while k < end and s[k] in " \t\n\r":
                k += 1
            if k >= end:
                a = b = after = k
                break
            c = s[k]
            if c == "{":
                close = self.close(k)
                if close < 0 or close >= end:
                    a, b, after = k + 1, end, end
                else:
                    a, b, after = k + 1, close, close + 1
                break
            if c == "\\":
                # an accent command (as _command reads it: \' or a one-letter name)
                inner = _ACCENTS.get(s[k + 1]) if k + 1 < end else None
                if inner is not None and (
                    s[k + 1] not in _ASCII_LETTERS or k + 2 >= end or s[k + 2] not in _ASCII_LETTERS
                ):
                    accents.append(inner)
                    k += 2
                    continue
                m = _NAME.match(s, k + 1)
                after = m.end() if m else min(k + 2, end)
                a, b = k, after
                break
            a, b, after = k, k + 1, k + 1
            break
        text = self.run(a, b, True)
        out.append(_combine(text, accent) if len(accents) == 1 else _combine_all(text, accents))
        return after

    def _command(self, j: int, end: int, nocase: bool, out: list[str]) -> int:
        """Decode the command at *j*; return the index after it and its arguments."""
        s = self.s
        if j + 1 >= end:
            out.append("\\")
            return j + 1
        m = _NAME.match(s, j + 1, end)
        if m is None:
            c = s[j + 1]
            if c in _ACCENTS:
                return self._accented(j + 2, end, _ACCENTS[c], out)
            if c in _ESCAPES:
                out.append(_ESCAPES[c])
                return j + 2
            # \\ and other control symbols: kept verbatim
            out.append(s[j : j + 2])
            return j + 2
        name = m.group()
        k = m.end()
        if k < end and s[k] == "*" and name in _STARRED:
            k += 1  # \enquote*{…}, \mkbibquote*: the starred forms read the same
        if name in _ACCENTS and len(name) == 1:
            return self._accented(k, end, _ACCENTS[name], out)
        if name in _SYMBOLS:
            out.append(_SYMBOLS[name])
            while k < end and s[k] in " \t\n\r":
                k += 1
            if s.startswith("{}", k) and k + 2 <= end:
                k += 2
            return k
        if name in _FORMATTING:
            a, b, k2 = self._arg(k, end)
            tag = _FORMATTING[name]
            inner = self.run(a, b, nocase)
            out.append(tag + inner + _CLOSE[tag] if tag and inner else inner)
            return k2
        if name in _DECLARATIONS:
            while k < end and s[k] in " \t\n\r":
                k += 1
            tag = _DECLARATIONS[name]
            inner = self.run(k, end, nocase)
            out.append(tag + inner + _CLOSE[tag] if tag and inner else inner)
            return end
        if name in _SPECIAL_COMMANDS:
            return self._special(name, k, end, nocase, out)
        # unknown: the command and its adjacent {…} arguments, verbatim
        while k < end and s[k] == "{":
            close = self.close(k)
            if close < 0 or close >= end:
                break
            k = close + 1
        out.append(s[j:k])
        return k

    def _special(self, name: str, k: int, end: int, nocase: bool, out: list[str]) -> int:
        """Decode a command :data:`_SPECIAL_COMMANDS` names; return the index after it."""
        s = self.s
        if name == "par":
            while k < end and s[k] in " \t\n\r":
                k += 1
            out.append(_PAR)
            return k
        a, b, k2 = self._arg(k, end)
        if name == "url":
            out.append(s[a:b])
        elif name == "href":
            a2, b2, k2 = self._arg(k2, end)
            out.append(self.run(a2, b2, nocase))
        elif name in ("enquote", "mkbibquote"):
            out.append("“" + self.run(a, b, nocase) + "”")
        elif name == "bibstring":
            key = self.s[a:b].strip()
            out.append(_BIBSTRINGS.get(key, key))
        # noopsort / sortnoop: sorting tricks that print nothing
        return k2

    def _math(self, j: int, end: int, out: list[str]) -> int:
        """Keep the math at *j* verbatim (white space folded); return the index after it."""
        s = self.s
        delim = "$$" if s.startswith("$$", j) else "$"
        k = j + len(delim)
        while True:
            close = s.find(delim, k, end)
            if close < 0:
                out.append("$")
                return j + 1
            if s[close - 1] == "\\":
                k = close + 1
                continue
            break
        body = s[j + len(delim) : close]
        if "\n" in body or "  " in body or "\t" in body:
            body = " ".join(body.split())
        out.append(delim + body + delim)
        return close + len(delim)


_ACCENT_CACHE: dict[str, str] = {}  # _accent's results by the text matched (a few hundred)


def _accent(m: re.Match[str]) -> str:
    """The fast path's replacement for an accent command."""
    found = _ACCENT_CACHE.get(m.group())
    if found is not None:
        return found
    if m.group(1):  # an escaped backslash
        return m.group(1)
    accent = _ACCENTS[m.group(3) or m.group(4)]
    base = m.group(5) or m.group(6) or m.group(7)
    text = _combine(_SYMBOLS[base[1:]] if base[0] == "\\" else base, accent)
    if len(_ACCENT_CACHE) < 4096 and len(m.group()) <= 8:
        _ACCENT_CACHE[m.group()] = text
    return text


def _span(m: re.Match[str]) -> str:
    """The fast path's replacement for a flat ``{group}``: a nocase span."""
    inner = m.group(1)
    return _NOCASE + inner + "</span>" if inner else ""


def _lig(m: re.Match[str]) -> str:
    """The character a ligature (a dash run, two quotes, ``~``) stands for."""
    g = m.group()
    c = g[0]
    if c == "-":
        return "–" if len(g) == 2 else "—" + "-" * (len(g) - 3)
    if c == "~":
        return "\u00a0"
    return "“" if c == "`" else "”"


def _ws(m: re.Match[str]) -> str:
    """One space for a run of white space; line breaks for paragraph breaks."""
    g = m.group()
    pars = g.count(_PAR)
    if pars:
        return "\n" * pars  # \par\par: an empty line kept
    return "\n" if g.count("\n") >= 2 else " "


@lru_cache(maxsize=65536)
def _decode_cached(text: str, rich: bool) -> str:
    """:func:`decode` of a value that needs decoding or is long, cached."""
    if _NEEDS.search(text) is None:
        return text.strip(" ")
    t = text
    if "\\" in t and "$" not in t and not _ACCENT_ON_ACCENT.search(t):
        t = _ACCENT_RE.sub(_accent, t)
    if "\\" not in t and "$" not in t and _FLAT.fullmatch(t) and not _JOIN_RISK.search(t):
        # no commands, no math, no nested groups: regular expressions do it all
        if "{" in t:
            t = _GROUP.sub(_span, t) if rich else t.replace("{", "").replace("}", "")
        t = _LIG.sub(_lig, t)
    else:
        t = _Decoder(t, rich).run(0, len(t), False)
    return _WS_RUN.sub(_ws, t).strip(" ")


def decode_slow(text: str, *, rich: bool = True) -> str:
    """:func:`decode` without its fast paths (for tests that compare the two)."""
    return _WS_RUN.sub(_ws, _Decoder(text, rich).run(0, len(text), False)).strip(" ")


def decode(text: str, *, rich: bool = True) -> str:
    """Unicode text with rich-text markup from the LaTeX of a BibTeX value.

    With *rich* (titles), a case-protecting ``{Group}`` becomes a nocase span;
    otherwise its braces are dropped.  Whitespace runs become one space (a
    blank line or ``\\par`` becomes ``\\n``).
    """
    if len(text) < 1000 and _NEEDS.search(text) is None:
        return text.strip(" ")
    # long values are looked up first: a parent's abstract inherited by 10,000 children
    # through crossref is one string, searched once (its hash is kept with it)
    return _decode_cached(text, rich)


# --------------------------------------------------------------------------- encoding

_TAG = re.compile(
    r'<(/?)(i|b|sup|sub)>|<span class="nocase">|<span style="font-variant:small-caps;">|</span>'
)
_OPEN_LATEX = {
    "i": "\\textit{",
    "b": "\\textbf{",
    "sup": "\\textsuperscript{",
    "sub": "\\textsubscript{",
    "sc": "\\textsc{",
    "nocase": "{",
}
_ENC_NEEDS = re.compile(r"[\\{}$&%#_~^\u00a0\n<]|--|``|''")
_ENC_CHARS: dict[str, str] = {
    "{": "\\{",
    "}": "\\}",
    "&": "\\&",
    "%": "\\%",
    "#": "\\#",
    "_": "\\_",
    "~": "\\textasciitilde{}",
    "^": "\\textasciicircum{}",
    "\u00a0": "~",
    "\n": "\\par ",
}
_COMMAND_TAIL = re.compile(r"\\([A-Za-z]+)(?:\{[^{}]*\})*$")
_MATH_BAD = re.compile(r"(?<!\\)[&%#]|\n")
_ENC_TEXT = re.compile(r"[{}&%#_~^\u00a0\n]|-(?=-)|`(?=`)|'(?=')")


def braces_balanced(text: str) -> bool:
    """True if every brace of *text* outside a backslash escape is matched."""
    depth = 0
    for _start, _end, depth in walk(text):
        if depth < 0:
            return False
    return depth == 0


def _looks_like_math(body: str) -> bool:
    """Whether ``$body$`` is kept as math (else its dollars are escaped, as for ``$5 and $6``)."""
    return (
        bool(body)
        and not body[0].isspace()
        and not body[-1].isspace()
        and not body.endswith("\\")
        and _MATH_BAD.search(body) is None
        and braces_balanced(body)
    )


def _encode_plain(text: str) -> str:
    """Escape text that holds no markup (in linear time: each backslash, dollar and
    brace is looked for once)."""
    out: list[str] = []
    i = 0
    n = len(text)
    b = d = -1
    pairs: dict[int, int] | None = None
    while i < n:
        if b < i:
            b = text.find("\\", i)
            if b < 0:
                b = n
        if d < i:
            d = text.find("$", i)
            if d < 0:
                d = n
        nxt = min(b, d)
        if nxt > i:
            out.append(_ENC_TEXT.sub(_enc_char, text[i:nxt]))
        if nxt >= n:
            break
        if text[nxt] == "$":
            delim = "$$" if text.startswith("$$", nxt) else "$"
            close = text.find(delim, nxt + len(delim))
            body = text[nxt + len(delim) : close] if close > 0 else ""
            if close > 0 and _looks_like_math(body):
                out.append(text[nxt : close + len(delim)])
                i = close + len(delim)
            else:
                out.append("\\$")
                i = nxt + 1
            continue
        # a backslash: an unknown command passes through with its arguments
        m = _NAME.match(text, nxt + 1)
        if m and m.group() not in KNOWN_COMMANDS:
            k = m.end()
            while k < n and text[k] == "{":
                flat = _FLAT_GROUP.match(text, k)  # up to the next brace only
                if flat is not None:
                    close = flat.end() - 1
                else:
                    if pairs is None:
                        pairs = _brace_pairs(text)
                    close = pairs.get(k, -1)  # a brace after a letter is never escaped
                if close < 0:
                    break
                k = close + 1
            if braces_balanced(text[nxt:k]):
                out.append(text[nxt:k])
                i = k
                continue
        out.append("\\textbackslash{}")
        i = nxt + 1
    return "".join(out)


def _enc_char(m: re.Match[str]) -> str:
    """The LaTeX for one special character."""
    c = m.group()
    if c in _ENC_CHARS:
        return _ENC_CHARS[c]
    return c + "{}"  # break the -- `` '' ligatures


def encode(text: str) -> str:
    """LaTeX for a value: markup to commands, special characters escaped, Unicode kept."""
    if _ENC_NEEDS.search(text) is None:
        return text
    if "<" not in text:
        return _encode_plain(text)
    # pair the tags; unpaired ones are literal text
    tokens: list[tuple[int, int, str]] = []  # (start, end, kind or "/kind")
    stack: list[int] = []
    paired: set[int] = set()
    for m in _TAG.finditer(text):
        g = m.group()
        if g.startswith("<span"):
            kind = "nocase" if "nocase" in g else "sc"
            stack.append(len(tokens))
            tokens.append((m.start(), m.end(), kind))
        elif g == "</span>" or m.group(1):
            want = None if g == "</span>" else m.group(2)
            if stack:
                top = tokens[stack[-1]][2]
                if (want is None and top in ("nocase", "sc")) or top == want:
                    paired.add(stack.pop())
                    paired.add(len(tokens))
            tokens.append((m.start(), m.end(), "/"))
        else:
            stack.append(len(tokens))
            tokens.append((m.start(), m.end(), m.group(2)))
    out: list[str] = []
    pos = 0
    slots: list[int] = []  # for each open group: its index in out, -1 unless nocase
    for idx, (a, b, kind) in enumerate(tokens):
        if idx not in paired:
            continue
        segment = text[pos:a]
        out.append(_encode_plain(segment))
        if kind == "nocase":
            tail = _COMMAND_TAIL.search(segment)
            if tail and tail.group(1) not in KNOWN_COMMANDS:
                out.append("\\relax ")  # else the group would read as the command's argument
        if kind == "/":
            slot = slots.pop()
            if slot >= 0:
                # the group's first text (not joined: nested groups would cost the square)
                first = next((out[x] for x in range(slot + 1, len(out)) if out[x]), "")
                if first.startswith("\\"):
                    out[slot] = "{{}"  # else {\cmd…} would read as a special character
            out.append("}")
        else:
            slots.append(len(out) if kind == "nocase" else -1)
            out.append(_OPEN_LATEX[kind])
        pos = b
    out.append(_encode_plain(text[pos:]))
    return "".join(out)
