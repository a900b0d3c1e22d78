"""Citation keys for works that arrive without one.

RIS, EndNote, CNKI and NoteExpress exports and pasted catalogue pages carry no
citation key.  Their readers give each work a *placeholder id* instead:
``_:1``, ``_:2``, … (``_:`` followed by the record's number in its source,
as blank nodes are written in RDF), and :func:`assign_keys` replaces the
placeholders by readable keys.  A work "has no key" when its id is empty or
such a placeholder (:func:`has_key`); every other id is a real key and is
never changed.

A key is the first author's family name and the year, lower case ASCII:
``K. Q. Ren`` 2020 → ``ren2020``, 孙柏瑛 2018 → ``sun2018`` (Chinese names in
pinyin, surnames read as surnames: 曾 ``zeng``, 单 ``shan``), ``Müller`` →
``muller``.  An institution gives its first significant word (``World Health
Organization`` → ``world``; a Chinese one the pinyin of its first two
characters), a work without creators the first significant word of its
title, and a work without a year just the name.  Collisions get ``a``,
``b``, … (``sun2018``, ``sun2018a``, ``sun2018b``), compared without regard
to case because citeproc-py lowercases keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

import attrs

from ._regex import LazyPattern
from .errors import Problem
from .language import has_cjk, is_cjk_name, pinyin_key, split_cjk_name
from .model import Library, Name, Origin, Work

__all__ = [
    "PLACEHOLDER_PREFIX",
    "assign_keys",
    "duplicate_keys",
    "has_key",
    "key_base",
    "make_key",
    "placeholder_id",
    "unique_across_files",
]

PLACEHOLDER_PREFIX = "_:"
_PLACEHOLDER_RE = LazyPattern(r"^_:\d+$")

# Creators tried in this order when a work has no author.
_CREATOR_FIELDS = (
    "author",
    "editor",
    "collection_editor",
    "container_author",
    "composer",
    "director",
    "translator",
    "compiler",
    "organizer",
    "interviewer",
    "contributor",
)

# Words skipped at the start of titles and institutional names.
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "on",
        "in",
        "at",
        "to",
        "for",
        "and",
        "or",
        "with",
        "by",
        "from",
        "about",
        "de",
        "la",
        "le",
        "les",
        "el",
        "los",
        "las",
        "der",
        "die",
        "das",
        "den",
        "des",
        "du",
        "un",
        "une",
    ]
)

# Letters NFKD does not decompose into ASCII, and Cyrillic and Greek, transliterated.
_TRANSLIT = {
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ı": "i",
    "ŋ": "ng",
    **dict(
        zip(
            "абвгдезийклмнопрстуфыэ",
            [
                "a",
                "b",
                "v",
                "g",
                "d",
                "e",
                "z",
                "i",
                "y",
                "k",
                "l",
                "m",
                "n",
                "o",
                "p",
                "r",
                "s",
                "t",
                "u",
                "f",
                "y",
                "e",
            ],
            strict=True,
        )
    ),
    "ё": "e",
    "ж": "zh",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ь": "",
    "ю": "yu",
    "я": "ya",
    **dict(
        zip(
            "αβγδεζηικλμνξοπρστυφχωςθψ",
            [
                "a",
                "b",
                "g",
                "d",
                "e",
                "z",
                "i",
                "i",
                "k",
                "l",
                "m",
                "n",
                "x",
                "o",
                "p",
                "r",
                "s",
                "t",
                "y",
                "f",
                "ch",
                "o",
                "s",
                "th",
                "ps",
            ],
            strict=True,
        )
    ),
}


def placeholder_id(number: int) -> str:
    """The placeholder id a keyless reader gives its *number*-th record: ``_:3``."""
    return f"{PLACEHOLDER_PREFIX}{number}"


def has_key(work: Work) -> bool:
    """False when *work*'s id is empty or a placeholder (``_:<n>``), True for a real key."""
    return bool(work.id) and not _PLACEHOLDER_RE.match(work.id)


def _ascii(text: str) -> str:
    """*text* folded to lower-case ASCII letters and digits (accents dropped, Cyrillic and Greek transliterated)."""
    out: list[str] = []
    for composed in unicodedata.normalize("NFC", text.lower()):
        if composed in _TRANSLIT:  # before decomposing: й is not и
            out.append(_TRANSLIT[composed])
            continue
        for ch in unicodedata.normalize("NFKD", composed):
            if ch.isascii():
                if ch.isalnum():
                    out.append(ch)
            elif ch in _TRANSLIT:
                out.append(_TRANSLIT[ch])
    return "".join(out)


def _pinyin(text: str, *, surname: bool) -> str:
    """Han text as toneless pinyin, syllables run together; other characters folded to ASCII."""
    return _ascii("".join(re.sub(r"[1-5]$", "", s) for s in pinyin_key(text, surname=surname)))


def _first_word(text: str) -> str:
    """The first significant word of *text*, folded; for Chinese, the pinyin of two characters."""
    plain = re.sub(r"<[^>]+>", "", text)  # rich-text markup
    words = re.findall(r"[^\W_]+(?:['’][^\W_]+)*", plain)
    for word in words:
        if has_cjk(word):
            han = re.sub(r"[^\u3400-\u9fff\uf900-\ufaff]", "", word)
            token = _pinyin(han[:2], surname=False) if han else _ascii(word)
        elif word.lower() in _STOPWORDS and len(words) > 1:
            continue
        else:
            token = _ascii(word)
        if token:
            return token
    return ""


def _name_token(name: Name) -> str:
    if name.literal is not None:
        literal = name.literal.strip()
        if has_cjk(literal) and len(literal) <= 4:
            split = split_cjk_name(literal)  # a Chinese person's name kept unsplit
            if split.family:
                return _pinyin(split.family, surname=True)
        return _first_word(literal)
    family = name.family or name.given or ""
    if is_cjk_name(name):
        return _pinyin(family, surname=True)
    return _ascii(family) or _first_word(family)


def key_base(work: Work) -> str:
    """The key of *work* before collisions are resolved: name token + year (``sun2018``)."""
    token = ""
    for attr in _CREATOR_FIELDS:
        names: tuple[Name, ...] = getattr(work, attr)
        if names:
            token = _name_token(names[0])
            if token:
                break
    if not token and work.title:
        token = _first_word(work.title)
    if not token:
        token = "anon"
    year = work.issued.year if work.issued is not None else None
    if year is None and work.issued is not None and work.issued.literal:
        found = re.search(r"\d{4}", work.issued.literal)
        year = int(found.group()) if found else None
    if year is None:
        return token
    return f"{token}{year}" if year >= 0 else f"{token}{-year}bc"


def make_key(work: Work) -> str:
    """A readable key for *work* alone: its existing key, or :func:`key_base`."""
    return work.id if has_key(work) else key_base(work)


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _suffix(index: int) -> str:
    """The *index*-th collision suffix: ``a`` … ``z`` (0-25), then ``aa`` … ``zz``, ``aaa`` …"""
    out = ""
    index += 1
    while index:
        index, r = divmod(index - 1, len(_LETTERS))
        out = _LETTERS[r] + out
    return out


def assign_keys(works: Sequence[Work]) -> list[Work]:
    """*works* with every missing or placeholder id replaced by a unique readable key.

    Existing keys are kept as they are and reserved first, so a new key never
    takes one; new keys are made in order, the first ``sun2018``, then
    ``sun2018a``, ``sun2018b``.  Keys are compared case-insensitively.  Each
    base remembers the suffix it got to, so n works sharing one base take
    linear time, not quadratic.
    """
    taken = {w.id.casefold() for w in works if has_key(w)}
    next_suffix: dict[str, int] = {}  # base (casefolded) -> first suffix index not yet tried
    out: list[Work] = []
    for work in works:
        if has_key(work):
            out.append(work)
            continue
        base = key_base(work)
        key = base
        if key.casefold() in taken:
            folded = base.casefold()
            index = next_suffix.get(folded, 0)
            while (key := base + _suffix(index)).casefold() in taken:
                index += 1
            next_suffix[folded] = index + 1
        taken.add(key.casefold())
        out.append(work.evolve(id=key))
    return out


def duplicate_keys(works: Sequence[Work]) -> list[Problem]:
    """Problems for ids that repeat, exactly or only differing in case."""
    seen: dict[str, str] = {}
    out: list[Problem] = []
    for w in works:
        folded = w.id.casefold()
        if folded in seen:
            other = seen[folded]
            how = "again" if other == w.id else f"differs only in case from {other!r}"
            out.append(
                Problem(
                    f"duplicate key: {w.id!r} {how}",
                    key=w.id,
                    severity="warning",
                    code="duplicate-key",
                )
            )
        else:
            seen[folded] = w.id
    return out


def _where(origin: Origin) -> str:
    where = origin.file or "<input>"
    return f"{where}:{origin.line}" if origin.line is not None else where


def unique_across_files(
    library: Library, *, locate: Callable[[str], tuple[str | None, int | None]] | None = None
) -> Library:
    """*library* with the keys its readers made up unique across all its files.

    Each file's reader makes keys unique within the file; read together (50 records
    at a time is how CNKI exports), two files may give ``li2022`` twice.  A made-up
    key (``Origin.key_made``) that a key the user wrote, or an
    earlier work, already holds gets the next free suffix (``li2022a``), and a
    ``renamed-key`` warning names both files and lines.  Keys the user wrote are
    never changed: a repeat of one stays a ``duplicate-key`` problem.  The problems
    about a renamed work follow its new key.  *locate* gives the file and line of a key
    whose reader gave no origin (a BibTeX entry).
    """
    if not library.origins:
        return library
    works = list(library.works)
    taken: dict[str, int] = {}  # casefolded key -> the index of the work holding it
    for i, (w, o) in enumerate(zip(works, library.origins, strict=True)):
        if not o.key_made:
            taken.setdefault(w.id.casefold(), i)
    present = {w.id.casefold() for w in works}  # a new key takes none of these either
    next_suffix: dict[str, int] = {}  # base -> the first suffix index not yet tried
    renamed: dict[tuple[str | None, str], str] = {}
    problems: list[Problem] = []
    for i, (w, o) in enumerate(zip(works, library.origins, strict=True)):
        if not o.key_made:
            continue
        holder = taken.get(w.id.casefold())
        if holder is None or holder == i:
            taken[w.id.casefold()] = i
            continue
        base = key_base(w)
        index = next_suffix.get(base.casefold(), 0)
        key = base
        while key.casefold() in taken or key.casefold() in present:
            key = base + _suffix(index)
            index += 1
        other = library.origins[holder]
        if other.file is None and locate is not None:
            file, line = locate(works[holder].id)
            other = Origin(file, line)
        problems.append(
            Problem(
                f"the key {w.id!r} made for this record is taken by {works[holder].id!r}"
                f" at {_where(other)}: this record is {key!r}",
                file=o.file,
                line=o.line,
                key=key,
                severity="warning",
                code="renamed-key",
                related=((works[holder].id, other.file, other.line),),
                hint="cite it as " + key,
            )
        )
        next_suffix[base.casefold()] = index
        renamed[(o.file, w.id)] = key
        works[i] = w.evolve(id=key)
        taken[key.casefold()] = i
    if not problems:
        return library
    moved = [
        attrs.evolve(p, key=renamed[(p.file, p.key)])
        if p.key is not None and (p.file, p.key) in renamed
        else p
        for p in library.problems
    ]
    return Library(works, [*moved, *problems], library.origins)
