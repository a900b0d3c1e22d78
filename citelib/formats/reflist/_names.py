"""Names as GB/T 7714 and APA print them, read back into name parts."""

from __future__ import annotations

import re

import attrs

from ...language import has_cjk
from ...model import Name

_COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "诸葛",
        "上官",
        "东方",
        "皇甫",
        "令狐",
        "慕容",
        "夏侯",
        "尉迟",
        "长孙",
        "宇文",
        "司徒",
        "公孙",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "轩辕",
        "钟离",
        "闻人",
        "万俟",
        "澹台",
        "公冶",
        "宗政",
        "濮阳",
        "淳于",
        "单于",
        "太叔",
        "申屠",
        "仲孙",
        "呼延",
        "百里",
        "东郭",
        "拓跋",
    ]
)
_PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "le",
        "la",
        "ten",
        "ter",
        "dos",
        "das",
    ]
)
#: an initial (``J``, ``Th.``, ``J.-P.``), or initials run together with their stops (``M.M.``)
_INITIALS = re.compile(
    r"^(?:[^\W\d_][^\W\d_]?\.?(?:-[^\W\d_][^\W\d_]?\.?)?|(?:[A-Z]\.){1,3}[A-Z]\.?)$"
)
_SUFFIXES = frozenset(["Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"])


def _initial(word: str) -> bool:
    return (
        bool(_INITIALS.match(word))
        and word[0].isupper()
        and (len(word) == 1 or not word[1].isupper() or "-" in word or word[1] == ".")
    )


#: words that name a body, not a person (``World Health Organization``)
_BODY = re.compile(
    r"\b(?:Association|Agency|Academy|Board|Bureau|Cent(?:er|re)|College|Commission|Committee"
    r"|Company|Corporation|Council|Department|Federation|Foundation|Government|Group|Inc"
    r"|Institute|Laborator(?:y|ies)|Labs?|Library|Ltd|Ministry|Museum|Office|Organi[sz]ation"
    r"|Press|Research|Service|Society|Team|University|Zoo)\b"
)

#: the characters a body's name written in Chinese ends in that a three-character person's
#: name hardly does (会 is left out: 李秀会)
_CJK_BODY_CHARS = "社所院部局馆厅处室站团组队委署办厂"
#: the end of a body's name written in Chinese (民政部, 国务院, 北京大学, 新华社)
_CJK_BODY = re.compile(rf"(?:[会{_CJK_BODY_CHARS}]|中心|大学|学校|公司|集团|政府|银行)$")
_CJK_BODY_3 = re.compile(rf"[{_CJK_BODY_CHARS}]$")


def _cjk_name(text: str) -> Name:
    """A name written in Chinese: family and given name, or a body's name kept whole."""
    if (len(text) >= 4 and _CJK_BODY.search(text) and text[:2] not in _COMPOUND_SURNAMES) or (
        len(text) == 3 and _CJK_BODY_3.search(text)
    ):
        return Name(literal=text)
    if "·" in text or "•" in text or len(text) > 4 or len(text) < 2:
        return Name(literal=text) if len(text) > 4 else Name(family=text)
    if len(text) >= 3 and text[:2] in _COMPOUND_SURNAMES:
        return Name(family=text[:2], given=text[2:])
    return Name(family=text[0], given=text[1:])


def _gbt_name(text: str) -> Name:
    """A name as GB/T 7714 prints it: ``孙柏瑛``, ``SMITH J A``, ``VEEN P H van der``."""
    text = text.strip()
    if has_cjk(text):
        return _cjk_name(text.replace(" ", "")) if " " not in text.strip() else Name(literal=text)
    words = text.split()
    if len(words) < 2:
        return (
            Name(literal=text) if len(words) == 1 and not words[0].isupper() else Name(family=text)
        )
    suffix = None
    if len(words) > 2 and words[-1] in _SUFFIXES:
        suffix = words.pop()
    i = len(words)
    while i > 1 and words[i - 1] in _PARTICLES:
        i -= 1
    particles = words[i:]
    j = i
    while j > 1 and _initial(words[j - 1]):
        j -= 1
    if j == i:  # no initials: an institution or a name we cannot split
        return Name(literal=text)
    given = " ".join(w if w.endswith(".") else w + "." for w in words[j:i])
    return Name(
        family=" ".join(words[:j]),
        given=given,
        dropping_particle=" ".join(particles) or None,
        suffix=suffix,
    )


_LATIN_AND = re.compile(r"(?<=[A-Za-z.])\s*和\s*(?=[A-Z])")
_ETAL = re.compile(r"^(?:等|et al\.?|等\.?|\.\.\.|…|others)$", re.I)


def _names(text: str, split: re.Pattern[str]) -> tuple[tuple[Name, ...], bool]:
    """Names from a list and whether it ends in 等/et al. (an incomplete list)."""
    names: list[Name] = []
    incomplete = False
    parts: list[str] = []
    # some school styles join the last two Latin names with 和 ("Nord G L Jr和Veblen D R")
    text = _LATIN_AND.sub(", ", text)
    for part in split.split(text):
        if parts and re.fullmatch(r"\s*(?:Inc|Ltd|LLC|Co|Corp|S\.A|GmbH)\.?\s*", part):
            parts[-1] += ", " + part.strip()
        elif parts and re.fullmatch(r"\s*(?:Jr|Sr|II|III|IV)\.?\s*", part):
            parts[-1] += " " + part.strip()  # SMITH J, Jr: the suffix of the name before
        else:
            parts.append(part)
    for part in parts:
        part = (
            part.strip(" .")
            if not part.strip().endswith(("Inc.", "Ltd.", "Co.", "Corp."))
            else part.strip()
        )
        tail = re.search(r"\s+(?:等|et al\.?)$|(?<=[^\x00-\x7f]{2})(?:等|et al\.?)$", part)
        if tail:
            incomplete = True
            part = part[: tail.start()]
        if not part:
            continue
        if _ETAL.match(part) or _ETAL.match(part + "."):
            incomplete = True
            continue
        names.append(_gbt_name(part))
    return tuple(names), incomplete


_COMMA = re.compile(r"\s*,\s*")


def _plausible_names(text: str, *, strict: bool = False) -> bool:
    """Whether *text* (before the first full stop) reads as a GB/T list of creators;
    *strict*: Western names only as persons (``SMITH J``) or capitalised institutions, as
    editors must be to tell them from a book's title."""
    parts = [p.strip(" .") for p in _COMMA.split(text) if p.strip(" .")]
    # a long text is a list of names only as a list of many short parts (a style printing
    # every author: a hundred names)
    if not parts or len(text) > 400 and len(text) > 30 * len(parts):
        return False
    for part in parts:
        if _ETAL.match(part) or _ETAL.match(part + "."):
            continue
        if has_cjk(part):
            part = re.sub(r"^(?:\[[^\]]{1,3}\]|\([^)]{1,3}\))", "", part)
            if len(part) > 40 or re.search(r"[:《》“”\[\]]", part):
                return False
            continue
        words = part.split()
        while len(words) > 1 and words[0] in _PARTICLES:
            words = words[1:]
        if not words or len(words) > 8 or not words[0][:1].isupper() or ":" in part:
            return False
        if len(words) == 1 and len(words[0]) < 2:
            return False
        if words[-1] in ("v", "vs"):
            return False  # Brown v. Board: a case, not a person
        if strict and not (_initial(words[-1]) or all(w[:1].isupper() for w in words)):
            return False
        if re.search(r"\d", part):
            return False
    return True


_APA_INITIALS = re.compile(
    r"^(?:[A-Z][a-z]?\.[\s-]?)+(?:\s*(?:Jr\.|Sr\.|I{2,3}))?"
    r"(?P<particle>(?:\s+(?:" + "|".join(sorted(_PARTICLES)) + r"))+\.?)?$"
)


def _apa_names(text: str) -> tuple[tuple[Name, ...], bool]:
    """Names as APA lists them: ``Family, I. I., Family, I., & Family, I.``, a particle
    printed after the initials (``Veen, P. H. van der``) dropped there by the style."""
    text = text.strip()
    incomplete = "…" in text or "..." in text
    etal = re.search(r"\s*(?:,\s*)?et al\.?$", text)
    if etal:
        incomplete, text = True, text[: etal.start()]
    text = text.replace("…", ",").replace("...", ",").replace("&", ",")
    tokens = [t.strip() for t in re.split(r"\s*,\s*", text) if t.strip()]
    names: list[Name] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        initials = _APA_INITIALS.match(tokens[i + 1]) if i + 1 < len(tokens) else None
        if initials:
            family, given = token, tokens[i + 1]
            dropping = None
            if initials["particle"]:
                dropping = initials["particle"].strip(" .")
                given = given[: initials.start("particle")]
            suffix = None
            m = re.search(r"\s*(Jr\.|Sr\.|I{2,3})$", given)
            if m:
                suffix, given = m[1], given[: m.start()]
            words = family.split()
            particle = None
            if len(words) > 1 and words[0] in _PARTICLES:
                particle, family = " ".join(words[:-1]), words[-1]
            names.append(
                Name(
                    family=family,
                    given=given.strip(),
                    non_dropping_particle=particle,
                    dropping_particle=dropping,
                    suffix=suffix,
                )
            )
            i += 2
            continue
        names.append(
            _cjk_name(token.rstrip("."))
            if has_cjk(token) and len(token.rstrip(".")) <= 4
            else Name(literal=token.rstrip("."))
        )
        i += 1
    return tuple(names), incomplete


# ---------------------------------------------------------------------------- given names
# Some styles write Western given names out (zotero-chinese's "姓名不缩写", several school
# styles): "Yufin Sergey A.", "Grattapaglia Dario".  One entry cannot tell family from given
# name there (Des Marais D J, Hacker Hughes J are families of two words); a list can.


def _written_out(word: str) -> bool:
    """A given name written out: capitalised words of letters (Dario, Henry-James, Lúcia)."""
    return all(p[:1].isupper() and p[1:].islower() and p.isalpha() for p in word.split("-"))


def _latin_person(name: Name) -> bool:
    text = name.literal or f"{name.family or ''} {name.given or ''}"
    return not has_cjk(text) and not _BODY.search(text)


def given_written_out(name: Name) -> bool | None:
    """True where *name* reads as a person's with a given name written out, False where as
    one with initials only (``Smith J.``), None where it says neither."""
    if not _latin_person(name):
        return None
    if name.literal:
        words = name.literal.split()
        return True if 2 <= len(words) <= 5 and all(map(_written_out, words)) else None
    family = (name.family or "").split()
    given = (name.given or "").split()
    if not family or not given:
        return None
    if any(_written_out(w) for w in given):
        return True  # read so already (``Burin Dalila``)
    if len(family) >= 2 and all(map(_written_out, family)):
        return True  # "Yufin Sergey A.": a family of two words, or a given name and initials
    return False if len(family) == 1 and all(_initial(w) for w in given) else None


def with_given_written_out(name: Name) -> Name:
    """*name* read as family first, then given names written out (a list that writes them):
    ``Yufin Sergey A.`` is Yufin, Sergey A.; ``Grattapaglia Dario`` Grattapaglia, Dario."""
    if given_written_out(name) is not True:  # (a Latin person's name, written out)
        return name
    if name.literal:
        first, *rest = name.literal.split()
        return Name(family=first, given=" ".join(rest))
    first, *rest = (name.family or "").split()
    if not rest:
        return name
    return attrs.evolve(name, family=first, given=" ".join([*rest, name.given or ""]).strip())


# ---------------------------------------------------------------------------- initialled lists

#: a word of a name that is not a particle: capitalised, initials, ``&``, ``et al.``, Han
_NAME_WORD = re.compile(r"[A-Z][\w'’-]*\.?|(?:[A-Z]\.-?)+|&|and|et|al\.?|[\u3400-\u9fff·]+")


def _name_like(text: str) -> bool:
    """Whether *text* is only names' words: capitalised words, initials, particles, ``&``
    (a list of names too long or too mixed for :func:`_plausible_names`)."""
    words = [w for w in re.split(r"[\s,，、]+", text) if w]
    return bool(words) and all(w.lower() in _PARTICLES or _NAME_WORD.fullmatch(w) for w in words)


#: initials with their stops, as author-date lists of English origin print them (``A. C.``)
_STOPPED_INITIALS = r"(?:[A-Z][a-z]?\.[\s-]?)+"
#: ``Family, I. I.``
_INVERTED_NAME = re.compile(rf"([^,、;&.]+?),\s*({_STOPPED_INITIALS})")
#: ``I. I. Family``
_DIRECT_NAME = re.compile(rf"({_STOPPED_INITIALS})\s*([A-Za-z][^,、;&]*?)\s*(?=[,、;&]|$)")


def _initialled_names(text: str) -> tuple[Name, ...]:
    """Names written with initials as author-date styles of English origin print them:
    ``Webb, A. C.``, ``Gould, G. M.、Pyle, W. L.``, ``Myburg, A. A., D. Grattapaglia``;
    empty when *text* is not all such names."""
    names: list[Name] = []
    rest = text.strip()
    while rest:
        rest = re.sub(r"^(?:[,、;&]\s*|and\s+)+", "", rest)
        m = _DIRECT_NAME.match(rest) if re.match(r"[A-Z]\.", rest) else _INVERTED_NAME.match(rest)
        if m is None:
            return ()
        given, family = (m[1], m[2]) if m.re is _DIRECT_NAME else (m[2], m[1])
        # "J. A. Robinson. 2019": the stop after a family name parts the head's elements
        names.append(Name(family=family.strip().rstrip("."), given=given.strip()))
        rest = rest[m.end() :].strip()
    return tuple(names)
