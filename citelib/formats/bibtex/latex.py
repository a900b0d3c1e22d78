"""LaTeX ⇄ Unicode for BibTeX field values, table-driven and fast.

:func:`decode` turns the LaTeX of a BibTeX value into Unicode text with the
citeproc-js rich-text markup the model uses: accents and special letters
become characters (``{\\"u}`` → ``ü``, ``\\ss`` → ``ß``), ``\\textit{}`` and
``\\emph{}`` become ``<i>``, ``\\textbf{}`` ``<b>``, ``\\textsc{}`` a
small-caps span, ``\\textsuperscript{}``/``\\textsubscript{}`` ``<sup>``/``<sub>``,
and, with ``rich=True``, a case-protecting ``{Group}`` becomes
``<span class="nocase">Group</span>``.  Math (``$…$``) and commands it does
not know are kept verbatim, so nothing is lost.

:func:`encode` is the inverse: Unicode stays UTF-8 (CJK text is written as
is), only what LaTeX needs is escaped, and markup goes back to ``\\textit{}``
and ``{…}``.  For any text ``t`` that :func:`decode` can produce,
``decode(encode(t)) == t``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ._braces import walk

__all__ = [
    "KNOWN_COMMANDS",
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
    follows the same escape rule.
    """
    flat = _FLAT_GROUP.match(s, i)
    if flat is not None:
        return flat.end() - 1
    for j, _end, depth in walk(s, i):
        if depth == 0:
            return j
    return -1


def _combine(base: str, accent: str) -> str:
    """The first character of *base* with the combining *accent*, composed (NFC)."""
    if not base:
        # an accent on nothing: the spacing form of the accent character
        return {"\u0302": "^", "\u0303": "~", "\u0301": "´", "\u0300": "`", "\u0308": "¨"}.get(
            accent, accent
        )
    first = _DOTLESS.get(base[0], base[0])
    return unicodedata.normalize("NFC", first + accent) + base[1:]


class _Decoder:
    """A recursive-descent reader over one value."""

    __slots__ = ("s", "n", "rich")

    def __init__(self, s: str, rich: bool) -> None:
        self.s = s
        self.n = len(s)
        self.rich = rich

    def run(self, i: int, end: int, nocase: bool) -> str:
        """Decode ``s[i:end]``; *nocase* is true inside a protected group."""
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
                close = match_brace(s, j)
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
            close = match_brace(s, i)
            if close < 0 or close >= end:
                return i + 1, end, end
            return i + 1, close, close + 1
        if s[i] == "\\":
            m = _NAME.match(s, i + 1)
            k = m.end() if m else min(i + 2, end)
            name = m.group() if m else s[i + 1 : k]
            if name in _ACCENTS and len(name) == 1:
                # an accent command as the argument takes its own argument along:
                # \b\'a is \b{\'a}, as the fast path reads it
                k = self._arg(k, end)[2]
            return i, k, k
        return i, i + 1, i + 1

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
                a, b, k = self._arg(j + 2, end)
                out.append(_combine(self.run(a, b, True), _ACCENTS[c]))
                return k
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
            a, b, k2 = self._arg(k, end)
            out.append(_combine(self.run(a, b, True), _ACCENTS[name]))
            return k2
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
            close = match_brace(s, k)
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


def _accent(m: re.Match[str]) -> str:
    """The fast path's replacement for an accent command."""
    if m.group(1):  # an escaped backslash
        return m.group(1)
    accent = _ACCENTS[m.group(3) or m.group(4)]
    base = m.group(5) or m.group(6) or m.group(7)
    return _combine(_SYMBOLS[base[1:]] if base[0] == "\\" else base, accent)


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
    """:func:`decode` of a value that needs decoding, cached."""
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
    if _NEEDS.search(text) is None:
        return text.strip(" ")
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
    """Escape text that holds no markup."""
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        b = text.find("\\", i)
        d = text.find("$", i)
        nxt = min(x for x in (b, d, n) if x >= 0)
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
                close = match_brace(text, k)
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
                content = "".join(out[slot + 1 :])
                if content.startswith("\\"):
                    out[slot] = "{{}"  # else {\cmd…} would read as a special character
            out.append("}")
        else:
            slots.append(len(out) if kind == "nocase" else -1)
            out.append(_OPEN_LATEX[kind])
        pos = b
    out.append(_encode_plain(text[pos:]))
    return "".join(out)
