"""Sort keys that order text as Zotero does: ICU collation in the style's locale.

citeproc-js (Zotero's engine) compares sort keys with ``localeCompare`` in the style's
``default-locale`` (``sensitivity: "base"``, ``ignorePunctuation``, ``numeric``), that is with
ICU's collation for that language.  :func:`collation_key` gives a Python key that sorts the
same way, in pure Python:

* spaces and punctuation are ignored, case and accents too (``base``);
* a run of digits counts by its value (``2`` before ``10``), before any letter;
* Han characters compare one by one, each by its own place in ICU's order: for Chinese
  locales (``zh``, ``zh-CN``, ``zh-Hans``, ``zh-SG``) the pinyin order of CLDR (胡 before 湖,
  so 胡健民 before 湖北省, although *hubei* < *hujian*), for ``zh-TW``/``zh-Hant``/``zh-HK``
  the stroke order; Han comes before Latin there, as ICU's Chinese collations reorder it.
  In other locales Han comes after every other script, in ICU's root order (radical-stroke);
* Latin, then Greek, Cyrillic, other letters, Hangul, kana; a Latin letter at its base
  letter (``é`` is ``e``), except where the language places it apart (Czech ``č`` after
  ``c`` and ``ch`` after ``h``, Swedish ``å ä ö`` after ``z``, Estonian ``z`` after ``š``)
  and, for letters with no base letter, where the root collation puts them (``ı`` after
  ``i``, ``ŋ`` after ``n``): ``collation-latin.txt``.

The Han orders are ICU's own, read from ``collation-han-pinyin.txt``,
``collation-han-stroke.txt`` and ``collation-han-radical.txt`` (made by ``scripts/build_han_collation.mjs`` from the ICU in
node, which is what citeproc-js uses); so no ICU library is needed at run time.  Equal keys
leave the order to the next sort key and then to registration order, as in citeproc-js.

Two options belong to a style that asks for them (:class:`~.style.Style` reads them from the
style file, see :mod:`.style`): *surname_readings* reads the one or two Han characters that
start a key as a surname (曾 *zeng*, 单 *shan*, 仇 *qiu*: ICU reads 曾 *ceng*); *cjk_first*
puts every key that starts with Han, kana or hangul before all others but digits, whatever
the locale (citelib's GB/T 7714 styles: Chinese works first, GB/T 7714-2015 §9.2).
"""

from __future__ import annotations

import os
import unicodedata
from functools import lru_cache
from typing import Any

__all__ = ["collation_key", "han_order"]

# primary groups, in the order ICU gives them (Han moves for Chinese locales)
_SYMBOL, _DIGIT, _HAN_ZH, _LATIN, _GREEK, _CYRILLIC, _OTHER, _HANGUL, _KANA, _HAN = range(10)

_EXPANSIONS = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h"}

_DATA = os.path.dirname(os.path.realpath(__file__))


def _read_data(name: str) -> str:
    """The text of one of the collation files shipped beside this module."""
    with open(os.path.join(_DATA, name), encoding="utf-8") as f:
        return f.read()


@lru_cache(maxsize=3)
def _han_chars(kind: str) -> str:
    """The Han characters of ICU's ``pinyin``, ``stroke`` or ``radical`` order, in order."""
    lines = _read_data(f"collation-han-{kind}.txt").splitlines()
    return "".join(line for line in lines if not line.startswith("#"))


def han_order(kind: str) -> dict[str, int]:
    """Each Han character's place in ICU's ``pinyin`` or ``stroke`` Chinese collation, or in
    its root collation (``radical``)."""
    return {ch: i for i, ch in enumerate(_han_chars(kind))}


def _han_place(kind: str, ch: str) -> int:
    """*ch*'s place in :func:`han_order`, -1 if it is not there.

    A search of the string (a few µs, once per character: the weights are cached) instead
    of the dict, whose 27,585 entries took about 9 ms to build at every sorting run.
    """
    return _han_chars(kind).find(ch)


@lru_cache(maxsize=64)
def _han_kind(locale: str) -> str | None:
    """``pinyin``, ``stroke`` or ``None`` (not a Chinese collation) for a BCP 47 locale."""
    parts = [p.lower() for p in locale.replace("_", "-").split("-")]
    if not parts or parts[0] != "zh":
        return None
    if "hans" not in parts and ("hant" in parts or any(p in ("tw", "hk", "mo") for p in parts)):
        return "stroke"
    return "pinyin"


def _script(ch: str) -> int:
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return _OTHER
    word = name.split(" ", 1)[0]
    if word == "LATIN":
        return _LATIN
    if word == "GREEK":
        return _GREEK
    if word == "CYRILLIC":
        return _CYRILLIC
    if word == "HANGUL":
        return _HANGUL
    if word in ("HIRAGANA", "KATAKANA"):
        return _KANA
    return _OTHER


def _is_han(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x3FFFF
        or 0xF900 <= cp <= 0xFAFF
    )


def _is_cjk(ch: str) -> bool:
    return (
        _is_han(ch)
        or ch == "\u3007"
        or _script(ch) in (_HANGUL, _KANA)
        or 0x3100 <= ord(ch) <= 0x312F
    )


@lru_cache(maxsize=4096)
def _char_weights(ch: str, kind: str | None) -> tuple[tuple[int, int], ...]:
    """Primary weights of one non-digit character (no weight: ignored)."""
    if ch == "\u3007":  # 〇: ling in Chinese collations, before Latin in the others
        return ((_HAN_ZH, _han_place(kind, ch)),) if kind else ((_HAN_ZH, 0),)
    if _is_han(ch):
        place = _han_place(kind or "radical", ch)
        if place < 0:
            place = len(_han_chars(kind or "radical")) + ord(ch)
        return ((_HAN_ZH if kind else _HAN, place),)
    category = unicodedata.category(ch)
    if category[0] in "PZC" or category == "Mn":
        return ()  # spaces, punctuation, controls and lone marks: ignorable
    if category[0] == "S":
        return ((_SYMBOL, ord(ch)),)
    lower = ch.casefold()
    out: list[tuple[int, int]] = []
    root = _root_latin()
    for c in lower:
        weight = root.get(c)
        if weight is not None:  # a letter ICU places by itself ("ı" after "i", "þ" after "z")
            out.append((_LATIN, weight))
            continue
        c = _EXPANSIONS.get(c, c)
        for d in unicodedata.normalize("NFKD", c):
            if unicodedata.category(d) == "Mn":
                continue
            if d.isalpha():
                script = _script(d)
                if script == _KANA and 0x3041 <= ord(d) <= 0x3096:
                    d = chr(ord(d) + 0x60)  # hiragana = katakana at base strength
                # Latin letters leave room after each for a language's own (č after c)
                out.append((script, ord(d) * _ROOM if script == _LATIN else ord(d)))
            elif d.isdigit():
                out.append((_DIGIT, int(unicodedata.digit(d))))
    return tuple(out)


#: Latin weights are a letter's code point times this, plus its place after that letter
#: in a language that puts letters there (:func:`_latin_tailoring`)
_ROOM = 64


@lru_cache(maxsize=1)
def _latin_tables() -> dict[str, str]:
    """``collation-latin.txt`` (made by ``scripts/build_latin_collation.mjs`` from node's
    ICU): each language's entries, read once."""
    table: dict[str, str] = {}
    for line in _read_data("collation-latin.txt").splitlines():
        if line and not line.startswith("#"):
            lang, _, entries = line.partition("\t")
            table[lang] = entries
    return table


@lru_cache(maxsize=64)
def _latin_tailoring(locale: str) -> tuple[dict[str, int], dict[str, int]]:
    """The Latin letters and the letter groups ICU's collation for *locale*'s language
    puts elsewhere than at their base letter (Czech č after c and ch after h, Swedish å ä
    ö after z), with their weights: (letters, groups)."""
    parts = locale.replace("_", "-").split("-")
    wanted = [f"{parts[0].lower()}-{parts[1].title()}"] if len(parts) > 1 else []
    wanted.append(parts[0].lower())
    tables = _latin_tables()
    entries = next((tables[w] for w in wanted if w in tables), "")
    letters: dict[str, int] = {}
    groups: dict[str, int] = {}
    for entry in entries.split():
        names, _, place = entry.partition("=")
        anchor, _, after = place.partition("+")
        weight = ord(anchor) * _ROOM + int(after or 0)
        for name in names.split(","):
            (letters if len(name) == 1 else groups)[name] = weight
    return letters, groups


@lru_cache(maxsize=1)
def _root_latin() -> dict[str, int]:
    """The Latin letters ICU's root collation places apart from a base letter (those with
    none: "ı" after "i", "ŋ" after "n", "þ" after "z"), with their weights."""
    return _latin_tailoring("und")[0]


@lru_cache(maxsize=8)
def _weight_table(kind: str | None, scale: int) -> dict[str, tuple[tuple[int, int], ...]]:
    """Each character's weights met so far, Han weights scaled: filled as keys are made."""
    return {}


@lru_cache(maxsize=1)
def _surname_anchors() -> dict[str, int]:
    """Reading (``zeng1``) -> the pinyin-order place of a character read so (the median of
    those with that reading alone, else of those with it first), as
    ``scripts/build_surname_anchors.py`` computed it from pypinyin's dictionary."""
    text = _read_data("collation-surname-anchors.txt")
    out: dict[str, int] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            reading, place = line.split("\t")
            out[reading] = int(place)
    return out


def _surname_weights(text: str) -> tuple[int, list[tuple[int, int]]]:
    """(characters read, weights) for a surname reading at the start of *text*, if any."""
    from ..language import surname_reading

    found = surname_reading(text)
    if found is None:
        return 0, []
    length, readings = found
    anchors = _surname_anchors()
    weights = []
    for ch, reading in zip(text[:length], readings, strict=True):
        place = anchors.get(reading)
        # right after a character that is read so: an odd weight, between two characters
        weights.append(
            (_HAN_ZH, 2 * place + 1 if place is not None else 2 * max(_han_place("pinyin", ch), 0))
        )
    return length, weights


def collation_key(
    text: str,
    locale: str = "en-US",
    *,
    surname_readings: bool = False,
    cjk_first: bool = False,
) -> tuple[Any, ...]:
    """A key that sorts *text* as ICU's collation for *locale* does at base strength.

    See the module's docstring for the order and the two options.
    """
    text = unicodedata.normalize("NFKC", text.strip())
    kind = _han_kind(locale)
    elements: list[tuple[int, int]] = []
    start = 0
    if surname_readings and kind == "pinyin":
        start, elements = _surname_weights(text)
    scale = 2 if kind == "pinyin" and surname_readings else 1
    weights = _weight_table(kind, scale)
    letters, groups = _latin_tailoring(locale) if kind is None else ({}, {})
    i = start
    n = len(text)
    while i < n:
        ch = text[i]
        if ch.isdigit():  # a run of digits weighs as its value
            value = 0
            while i < n and (ch := text[i]).isdigit():
                value = value * 10 + unicodedata.digit(ch)
                i += 1
            elements.append((_DIGIT, value))
            continue
        if letters:
            if groups:  # a letter group of the language: Czech "ch", Hungarian "dzs"
                for size in (3, 2):
                    weight = groups.get(text[i : i + size].casefold())
                    if weight is not None:
                        break
                else:
                    weight = None
                if weight is not None:
                    elements.append((_LATIN, weight))
                    i += size
                    continue
            weight = letters.get(ch.casefold())
            if weight is not None:
                elements.append((_LATIN, weight))
                i += 1
                continue
        found = weights.get(ch)
        if found is None:
            found = weights[ch] = tuple(
                (group, weight * scale if group == _HAN_ZH else weight)
                for group, weight in _char_weights(ch, kind)
            )
        elements += found
        i += 1
    lead = 0
    if cjk_first:
        first = next((ch for ch in text if ch.isdigit() or _char_weights(ch, kind)), "")
        lead = 0 if first.isdigit() else 1 if first and _is_cjk(first) else 2
    return (lead, tuple(elements))
