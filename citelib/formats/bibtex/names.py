"""BibTeX name lists: parsing ``A and B and others`` into :class:`Name` values and back.

Parsing follows BibTeX's rules as biber applies them:

* a list splits on ``and`` at brace depth 0 (any case); ``and others`` ends
  the list as ``Name(literal="others")``, which renderers turn into et al./等;
* ``First von Last``, ``von Last, First`` and ``von Last, Jr, First``: the
  *von* part is the run of words starting in lower case (``van``, ``de la``);
  it becomes the dropping particle, or the non-dropping particle when
  ``useprefix`` is on (biblatex's default is off);
* a name that is one braced group (``{World Health Organization}``) is a
  literal; braces elsewhere only keep words together;
* biblatex's extended format ``family=Beethoven, given=Ludwig, prefix=van,
  useprefix=true``;
* Chinese names: an all-Han token such as ``孙柏瑛`` is split into family 孙
  and given 柏瑛 (:func:`citelib.language.split_cjk_name`); ``孙, 柏瑛`` and
  ``孙 柏瑛`` (family first, as Chinese is written) give the same;
* initials stay as written: ``K. Q. Ren`` is family Ren, given ``K. Q.``.

Parts are decoded from LaTeX (``M{\\"u}ller`` → ``Müller``).
:func:`format_name` writes the shortest form that reads back to the same
:class:`Name`, falling back to braces and then to the extended format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ...language import is_han, split_cjk_name
from ...model import Name
from ._braces import walk
from .latex import decode, encode

__all__ = [
    "OTHERS",
    "bibtex_form",
    "format_name",
    "format_names",
    "parse_name",
    "parse_names",
]

OTHERS = Name(literal="others")
"""The ``and others`` marker that ends a truncated name list."""

# the separator of a name list: "and" between white space, the white space taken whole
# (matched from the start of a run only: "\s+and\s+" alone tries every space of a long run
# and costs its square); a word break in a name (a brace-walker mark)
_AND_SEP = re.compile(r"(?<!\s)\s+[Aa][Nn][Dd]\s+")
_AND_MARKS = re.compile(r"[{}\\]|" + _AND_SEP.pattern)  # _braces.walk's marks, and it
_AND_AT = re.compile(r"\s+[Aa][Nn][Dd]\s+")
_WORD_SEP = r"[\s~]"
_EXTENDED_KEY = re.compile(
    r"^\s*(family|given|prefix|suffix|useprefix|juniorcomma|"
    r"family-i|given-i|prefix-i|suffix-i)\s*=",
    re.IGNORECASE,
)
_EXTENDED_KEYS = frozenset(["family", "given", "prefix", "suffix", "useprefix", "juniorcomma"])
_TRUE = frozenset(["true", "1", "yes", "on", ""])


def _split_depth0(text: str, sep: str) -> list[str]:
    """Split *text* on the single character *sep* outside braces."""
    if "{" not in text:
        return text.split(sep)
    parts: list[str] = []
    start = 0
    for i, end, depth in walk(text, marks=re.escape(sep), clamp=True):
        if depth == 0 and text[i] == sep:
            parts.append(text[start:i])
            start = end
    parts.append(text[start:])
    return parts


def _words(text: str) -> list[str]:
    """The words of a name part: split on whitespace and ``~`` outside braces."""
    if "{" not in text:
        return text.replace("~", " ").split()
    words: list[str] = []
    start = 0
    for i, end, depth in walk(text, marks=_WORD_SEP, clamp=True):
        if depth == 0 and text[i] not in "{}":
            if i > start:
                words.append(text[start:i])
            start = end
    if start < len(text):
        words.append(text[start:])
    return words


def split_name_list(text: str) -> list[str]:
    """The names of a name list, split on ``and`` (any case) between white space, at brace depth 0."""
    text = text.strip()
    if not text:
        return []
    padded = " " + text + " "
    if "{" not in text and "\\" not in text:
        parts = _AND_SEP.split(padded)  # no braces, no escapes: what the walker would find
    elif _AND_SEP.search(padded) is None:
        return [text]  # one name
    else:
        # _braces.walk(padded, marks=_AND_SEP, clamp=True), inlined: a separator found at
        # depth 0 splits.  After an escaped white space ("\\ ") the white space that follows
        # may start one, which _AND_SEP's look-behind would not take.
        parts = []
        start = i = depth = 0
        search = _AND_MARKS.search
        while (m := search(padded, i)) is not None:
            j = m.start()
            c = padded[j]
            if c == "\\":
                i = j + 2
                if depth == 0 and padded[j + 1 : i].isspace():
                    sep = _AND_AT.match(padded, i)
                    if sep is not None:
                        parts.append(padded[start:i])
                        start = i = sep.end()
            elif c == "{":
                depth += 1
                i = j + 1
            elif c == "}":
                depth = max(depth - 1, 0)
                i = j + 1
            else:
                if depth == 0:
                    parts.append(padded[start:j])
                    start = m.end()
                i = m.end()
        parts.append(padded[start:])
    return [p.strip() for p in parts if p.strip()]


def _is_von(word: str) -> bool:
    """BibTeX's test: the first letter at brace depth 0 (or in a special character) is lower case."""
    if word.startswith("{") and not word.startswith("{\\"):
        return False
    for ch in decode(word, rich=False):
        if ch.isalpha():
            return ch.islower()
    return False


def _fully_braced(word: str) -> bool:
    """True if *word* is one ``{…}`` group (not a special character ``{\\…}``)."""
    if not (word.startswith("{") and word.endswith("}")) or word.startswith("{\\"):
        return False
    last = len(word) - 1
    for i, _end, depth in walk(word):
        if depth == 0:
            return i == last
    return True


def _dec(words: list[str]) -> str | None:
    """Words decoded and joined by one space (None for none)."""
    if not words:
        return None
    return " ".join(decode(" ".join(words), rich=False).split()) or None


def _value(text: str) -> str:
    """An extended-format value, one pair of braces or quotes taken off, decoded."""
    text = text.strip()
    if len(text) >= 2 and (
        (text[0] == "{" and text[-1] == "}" and _fully_braced(text))
        or (text[0] == '"' and text[-1] == '"')
    ):
        text = text[1:-1]
    return decode(text, rich=False)


def _parse_extended(text: str, useprefix: bool) -> Name | None:
    """A name in biblatex's extended format, or None if *text* is not one."""
    items: dict[str, str] = {}
    for item in _split_depth0(text, ","):
        if not item.strip():
            continue
        key, eq, value = item.partition("=")
        key = key.strip().lower()
        if not eq or key not in _EXTENDED_KEYS and not key.endswith("-i"):
            return None
        if key.endswith("-i"):
            continue  # initials are derived, not data
        items[key] = _value(value)
    if "useprefix" in items:
        useprefix = items["useprefix"].strip().lower() in _TRUE
    prefix = items.get("prefix") or None
    return Name(
        family=items.get("family"),
        given=items.get("given"),
        suffix=items.get("suffix"),
        non_dropping_particle=prefix if useprefix else None,
        dropping_particle=None if useprefix else prefix,
        comma_suffix=items.get("juniorcomma", "false").strip().lower() in _TRUE,
    )


def _von_last(words: list[str]) -> tuple[list[str], list[str]]:
    """Split ``von Last`` (before the first comma): the leading lower-case words are von."""
    k = 0
    while k < len(words) - 1 and _is_von(words[k]):
        k += 1
    return words[:k], words[k:]


_SIMPLE = re.compile(
    r"[A-Z][A-Za-z.'-]*(?: +[A-Z][A-Za-z.'-]*)*(?:, *[A-Z][A-Za-z.'-]*(?: +[A-Z][A-Za-z.'-]*)*)?"
)


@lru_cache(maxsize=65536)
def _parse_name(text: str, useprefix: bool) -> Name:
    """:func:`parse_name`, cached, with a fast path for names of capitalised words."""
    text = text.strip()
    if _SIMPLE.fullmatch(text) and "--" not in text and "''" not in text:
        # "Smith, John A." or "John A. Smith": every word capitalised, so no von part
        if "," in text:
            last, _, first = text.partition(",")
            return Name(family=" ".join(last.split()), given=" ".join(first.split()) or None)
        words = text.split()
        return Name(family=words[-1], given=" ".join(words[:-1]) or None)
    return parse_name_by_rules(text, useprefix=useprefix)


def parse_name_by_rules(text: str, *, useprefix: bool = False) -> Name:
    """:func:`parse_name` without its fast path for all-capitalised names."""
    text = text.strip()
    if _EXTENDED_KEY.match(text):
        found = _parse_extended(text, useprefix)
        if found is not None:
            return found
    if text.lower() == "others":
        return OTHERS
    parts = [p.strip() for p in _split_depth0(text, ",")]
    first: list[str]
    von: list[str]
    last: list[str]
    jr: list[str] = []
    if len(parts) == 1:
        words = _words(parts[0])
        if not words:
            return Name(literal=text) if text else Name()
        if len(words) == 1:
            word = words[0]
            if _fully_braced(word):
                return Name(literal=" ".join(decode(word[1:-1], rich=False).split()) or word)
            plain = " ".join(decode(word, rich=False).split())
            if is_han(plain):
                return split_cjk_name(plain)
            return Name(family=plain)
        decoded = [decode(w, rich=False) for w in words]
        if len(words) == 2 and all(is_han(d) for d in decoded):
            # 孙 柏瑛: Chinese order, family first
            return Name(family=decoded[0], given=decoded[1])
        # First von Last: von starts at the first lower-case word before the last word
        start = next((i for i, w in enumerate(words[:-1]) if _is_von(w)), None)
        if start is None:
            first, von, last = words[:-1], [], words[-1:]
        else:
            end = start
            for i in range(start, len(words) - 1):
                if _is_von(words[i]):
                    end = i + 1
            first, von, last = words[:start], words[start:end], words[end:]
    else:
        von, last = _von_last(_words(parts[0]))
        if len(parts) == 2:
            first = _words(parts[1])
        else:
            jr = _words(parts[1])
            first = _words(", ".join(parts[2:]))
        if not last and von:
            last = von[-1:]
            von = von[:-1]
    particle = _dec(von)
    return Name(
        family=_dec(last),
        given=_dec(first),
        suffix=_dec(jr),
        dropping_particle=None if useprefix else particle,
        non_dropping_particle=particle if useprefix else None,
    )


def parse_name(text: str, *, useprefix: bool = False) -> Name:
    """One name in BibTeX form (or biblatex's extended form) as a :class:`Name`.

    >>> parse_name("van Beethoven, Ludwig")
    Name(family='Beethoven', given='Ludwig', dropping_particle='van', non_dropping_particle=None, suffix=None, literal=None, comma_suffix=False, static_ordering=False)
    """
    return _parse_name(text, useprefix)


@lru_cache(maxsize=32768)
def _parse_names(text: str, useprefix: bool) -> tuple[Name, ...]:
    """:func:`parse_names`, cached."""
    return tuple(_parse_name(part, useprefix) for part in split_name_list(text))


def parse_names(text: str, *, useprefix: bool = False) -> tuple[Name, ...]:
    """A BibTeX name list (``A and B and others``) as names; ``others`` becomes :data:`OTHERS`."""
    return _parse_names(text, useprefix)


# --------------------------------------------------------------------------- writing


def _brace_if_needed(latex: str) -> str:
    """Protect a part that holds a comma or the word ``and`` at depth 0."""
    if "," in latex or " and " in f" {latex.lower()} " or not latex:
        return "{" + latex + "}"
    return latex


def _safe_group(latex: str) -> str:
    """``{latex}``, kept a literal group even if *latex* starts with a command."""
    return "{{}" + latex + "}" if latex.startswith("\\") else "{" + latex + "}"


def _extended(name: Name) -> str:
    """*name* in biblatex's extended format."""
    items: list[str] = []
    if name.family is not None:
        items.append("family=" + _safe_group(encode(name.family)))
    if name.given is not None:
        items.append("given=" + _safe_group(encode(name.given)))
    prefix = name.non_dropping_particle or name.dropping_particle
    if prefix is not None:
        items.append("prefix=" + _safe_group(encode(prefix)))
    if name.suffix is not None:
        items.append("suffix=" + _safe_group(encode(name.suffix)))
    if prefix is not None:
        items.append("useprefix=" + ("true" if name.non_dropping_particle else "false"))
    if name.comma_suffix:
        items.append("juniorcomma=true")
    return ", ".join(items)


def _candidates(name: Name, useprefix: bool, extended: bool = True) -> Iterable[str]:
    """The forms of *name* :func:`format_name` tries, shortest first."""
    if name.literal is not None:
        if name.literal == "others":
            yield "others"
        yield _safe_group(encode(name.literal))
        return
    family, given = name.family, name.given
    particle = name.non_dropping_particle if useprefix else name.dropping_particle
    other = name.dropping_particle if useprefix else name.non_dropping_particle
    if other is None and not name.comma_suffix:
        if family and given and not particle and not name.suffix:
            joined = family + given
            if is_han(joined) and split_cjk_name(joined) == Name(family=family, given=given):
                yield joined
        fam = encode(family) if family is not None else ""
        giv = encode(given) if given is not None else None
        von = encode(particle) + " " if particle else ""
        for braced in (False, True):
            last = _safe_group(fam) if braced and fam else _brace_if_needed(fam)
            text = von + last
            if name.suffix is not None:
                text += ", " + _brace_if_needed(encode(name.suffix))
                text += ", " + (_brace_if_needed(giv) if giv is not None else "")
            elif giv is not None:
                text += ", " + _brace_if_needed(giv)
            elif not braced and not von:
                yield last
                continue
            yield text
        if giv is not None and name.suffix is None and fam:
            # First von Last: a von part with capitalised words only reads back this way
            yield f"{giv} {von}{fam}"
    if extended:
        yield _extended(name)


@lru_cache(maxsize=65536)
def _format_name(name: Name, useprefix: bool, extended: bool = True) -> str:
    """:func:`format_name`, cached: the first candidate that reads back as *name*."""
    last = ""
    for text in _candidates(name, useprefix, extended):
        last = text
        if _parse_name(text, useprefix) == name:
            return text
    if not extended and name.literal is None:
        return _classic(name)
    return last


def _classic(name: Name) -> str:
    """The nearest form classic BibTeX reads, for a name that needs biblatex's extended one."""
    if _family_only(name):
        return _safe_group(encode(name.family or ""))  # kept whole: reads back as a literal
    particle = name.non_dropping_particle or name.dropping_particle
    family = encode(name.family) if name.family else ""
    last = _safe_group(family) if family and (" " in family or "," in family) else family
    text = (encode(particle) + " " if particle else "") + (last or "{}")
    given = _brace_if_needed(encode(name.given)) if name.given else ""
    if name.suffix:
        return f"{text}, {_brace_if_needed(encode(name.suffix))}, {given}"
    return f"{text}, {given}" if given else text


def _family_only(name: Name) -> bool:
    """True if *name* is a family name and nothing else."""
    return (
        name.family is not None
        and name.given is None
        and name.dropping_particle is None
        and name.non_dropping_particle is None
        and name.suffix is None
        and name.literal is None
    )


def format_name(name: Name, *, useprefix: bool = False, extended: bool = True) -> str:
    """*name* in BibTeX form (``von Last, Jr, First``) that :func:`parse_name` reads back.

    Literal names are braced; a name plain BibTeX cannot hold (a non-dropping
    particle without ``useprefix``, a given name alone) uses biblatex's
    extended format.  With ``extended=False`` (for classic BibTeX styles such
    as gbt7714.bst, which print ``family=…`` as it is) a family name alone that
    would otherwise need it (``孙柏瑛`` as one family name, ``García Márquez``)
    is braced instead, and reads back as a literal name; a non-dropping particle
    is written as BibTeX's von part (and reads back as a dropping particle).
    """
    return _format_name(name, useprefix, extended)


def format_names(names: Iterable[Name], *, useprefix: bool = False, extended: bool = True) -> str:
    """A name list joined with `` and `` (see :func:`format_name`)."""
    return " and ".join(_format_name(n, useprefix, extended) for n in names)


def bibtex_form(name: Name) -> Name:
    """What *name* reads back as after ``format_name(name, extended=False)``."""
    return _parse_name(_format_name(name, False, False), False)
