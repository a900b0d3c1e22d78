"""Text case, quotes and typographic apostrophes, as CSL and citeproc-js apply them.

All work on :class:`~.rich.Rich` runs and leave case-protected (``nocase``) runs
alone.  Title case applies to English only (CSL 1.0.2: other languages keep their
case); its stop words are CSL's (:data:`citelib.language.CSL_STOP_WORDS`) plus the
abbreviations and name particles citeproc-js also keeps in lower case.
"""

from __future__ import annotations

import re

from ..language import CSL_STOP_WORDS
from .locale import Locale
from .rich import NOCASE, Rich

__all__ = [
    "STOP_WORDS",
    "apply_case",
    "cap_first",
    "quote",
    "smart_apostrophes",
    "title_case",
]

#: Words CSL title case leaves in lower case inside a title.
STOP_WORDS: frozenset[str] = CSL_STOP_WORDS | frozenset(
    ["v", "v.", "vs", "vs.", "y", "et"]
    # name particles stay lowercase in titles ("John von Doe")
    + ["von", "van", "de", "der", "del", "della", "des", "du"]
)

_WORD_RE = re.compile(r"[^\s\-/]+|[\s\-/]+")
_TITLE_SPLIT = re.compile(r"([\s\-/–—]+)")


def cap_first(text: str) -> str:
    """*text* with its first letter in upper case."""
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
    return text


def apply_case(body: Rich, case: str, lang: str) -> Rich:
    """A CSL ``text-case`` on *body*, for a work in *lang*."""
    if case == "lowercase":
        return body.map_text(str.lower)
    if case == "uppercase":
        return body.map_text(str.upper)
    if case == "capitalize-first":
        return _capitalize_first(body)
    if case == "capitalize-all":
        return body.map_text(lambda t: "".join(cap_first(w) for w in _WORD_RE.findall(t)))
    if case == "sentence":
        if str(body).isupper():
            body = body.map_text(str.lower)
        return _capitalize_first(body)
    if case == "title":
        if not lang.lower().startswith("en"):
            return body
        return title_case(body)
    return body


def _capitalize_first(body: Rich) -> Rich:
    runs = list(body.runs)
    for i, (t, f) in enumerate(runs):
        if any(ch.isalpha() for ch in t):
            if not f & NOCASE:
                runs[i] = (cap_first(t), f)
            break
    return Rich(runs)


def title_case(body: Rich) -> Rich:
    """CSL title case: lowercase words capitalised except stop words inside the title.

    The first and last word and a word after a colon (or ? ! .) are always
    capitalised; words with capitals are left alone; nocase runs are untouched
    but count as words.  Dashes and slashes separate words.
    """
    # tokens: [run index, text, is a word]; words found across runs
    tokens: list[tuple[int, str, bool]] = []
    for i, (text, _flags) in enumerate(body.runs):
        for piece in _TITLE_SPLIT.split(text):
            if piece:
                tokens.append((i, piece, not _TITLE_SPLIT.fullmatch(piece)))
    word_positions = [k for k, t in enumerate(tokens) if t[2]]
    if not word_positions:
        return body
    first, last = word_positions[0], word_positions[-1]
    after_colon = False
    for k in word_positions:
        run, word, _ = tokens[k]
        flags = body.runs[run][1]
        core = word.strip("\"'“‘(")
        if (
            not flags & NOCASE
            and core.islower()
            and (k in (first, last) or after_colon or core.lower() not in STOP_WORDS)
        ):
            tokens[k] = (run, cap_first(word), True)
        after_colon = word.endswith((":", "?", "!", "."))
    texts = ["" for _ in body.runs]
    for run, piece, _ in tokens:
        texts[run] += piece
    return Rich((texts[i], f) for i, (_t, f) in enumerate(body.runs))


def quote(body: Rich, locale: Locale) -> Rich:
    """*body* in the locale's quotation marks; quotes inside become inner quotes."""
    oq = locale.term("open-quote") or "“"
    cq = locale.term("close-quote") or "”"
    oiq = locale.term("open-inner-quote") or "‘"
    ciq = locale.term("close-inner-quote") or "’"
    body = body.map_text(lambda t: t.replace(oq, oiq).replace(cq, ciq), protect=False)
    return Rich(((oq, 0),)) + body + Rich(((cq, 0),))


_OPENING = re.compile(r"(^|(?<=[\s(\[{“‘—–/>-]))(\")|(^|(?<=[\s(\[{“‘—–/-]))('(?=[^\W\d_]))")
_TAG_SPLIT = re.compile(r"(<[^<>]*>)")


def smart_apostrophes(text: str) -> str:
    """Typographic quotes and apostrophes, as citeproc-js prints them.

    ``Master's`` → ``Master’s``; a straight quote at the start of a word opens
    (``"friend"`` → ``“friend”``, ``'word'`` → ``‘word’``), anywhere else it closes.
    """
    if "'" not in text and '"' not in text:
        return text
    # markup tags (<span class="nocase">) keep their straight quotes
    pieces = _TAG_SPLIT.split(text)
    for i in range(0, len(pieces), 2):
        piece = pieces[i]
        if i and pieces[i - 1].startswith("</") and piece and piece[0] in "'\"":
            # after a closing tag a quote closes: "{Sadock}'s", "<i>x</i>"
            piece = ("’" if piece[0] == "'" else "”") + piece[1:]
        piece = _OPENING.sub(
            lambda m: (m.group(1) or "") + "“" if m.group(2) else (m.group(3) or "") + "‘",
            piece,
        )
        pieces[i] = piece.replace('"', "”").replace("'", "’")
    return "".join(pieces)
