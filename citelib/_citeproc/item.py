"""A :class:`~citelib.model.Work` as the engine renders it.

The engine renders the model's records directly: an :class:`Item` is a work with
its place in the list (number, year suffix, disambiguation) and the variables a
style asks for by their CSL names.  Values stay model values — text, tuples of
:class:`~citelib.model.Name`, :class:`~citelib.model.Date` — normalised once for
rendering by the rules CSL processors apply:

* a name with only a given name is rendered as a family name; a name with no
  name in it is left out;
* a date's season (``season``) becomes its month (13–16, as CSL numbers seasons),
  every part becomes ``(year, month, day)`` with 0 for what is missing, a range
  whose ends are equal is one date, and a literal date that a processor reads as
  a date (``2015–Present``, see :func:`citelib.dates.date_in_text`) becomes one;
* an edition written as an ordinal word (``Second``) is its number, so each locale
  words it (``2 版``, ``2nd ed.``);
* the work's language decides its locale (:func:`citelib.language.work_language`).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from functools import lru_cache
from itertools import compress
from typing import Any, TypeAlias

import attrs

from .._regex import LazyPattern
from ..dates import SEASONS, date_in_text, date_to_csl
from ..language import has_cjk, normalize_language, work_language
from ..model import FIELDS, Date, Name, Work

__all__ = ["Item", "Value", "date_sort_key", "is_cjk", "rendered_date"]

Value: TypeAlias = str | tuple[Name, ...] | Date
"""A variable's value: text, names or a date."""

# CSL variable name -> (model attribute, kind), every variable the model holds
_VARIABLES: tuple[tuple[str, str, str], ...] = tuple(
    (f.csl, f.attr, f.kind) for f in FIELDS if f.kind != "list"
)
NAME_VARIABLES: frozenset[str] = frozenset(f.csl for f in FIELDS if f.kind == "name")


def _runs() -> tuple[tuple[str, tuple[str, ...], Callable[[Work], tuple[Any, ...]]], ...]:
    """_VARIABLES as runs of one kind, in order: (kind, CSL names, the values' getter)."""
    runs: list[tuple[str, list[str], list[str]]] = []
    for csl, attr, kind in _VARIABLES:
        if not runs or runs[-1][0] != kind:
            runs.append((kind, [], []))
        runs[-1][1].append(csl)
        runs[-1][2].append(attr)
    return tuple((kind, tuple(csls), _getter(attributes)) for kind, csls, attributes in runs)


def _getter(attributes: list[str]) -> Callable[[Work], tuple[Any, ...]]:
    """The values of *attributes* as a tuple (attrgetter of one name gives the value alone)."""
    if len(attributes) > 1:
        return operator.attrgetter(*attributes)
    get = operator.attrgetter(attributes[0])
    return lambda work: (get(work),)


#: a work's values of _VARIABLES by kind, each run in one call (the model declares names,
#: then dates, then text: three runs)
_RUNS = _runs()

_ORDINAL_WORDS = {
    word: n
    for n, word in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ],
        start=1,
    )
}


@lru_cache(maxsize=65536)
def is_cjk(name: Name) -> bool:
    """True for a name written in Han, kana or hangul: family then given, no space."""
    return has_cjk(name.family) or has_cjk(name.given) or has_cjk(name.literal)


#: extra keys read as text variables: CSL's naming (lower case, hyphens)
_EXTRA_VARIABLE = LazyPattern(r"[a-z]+(?:-[a-z]+)*")
_FAMILY_PARTICLE = LazyPattern(r"([^ ]+?(?:-|\u02bb|\u2019| |')) *(?=\S)")
_GIVEN_PARTICLE = LazyPattern(r" +([^ ]+)$")


def _lower_first(word: str) -> bool:
    """True if the first letter of *word* (after apostrophes and hyphens) is lower case."""
    stripped = word.lstrip("-'\u02bb\u2019 ")
    return bool(stripped) and stripped[0].upper() != stripped[0]


def parse_particles(name: Name) -> Name:  # (remembered through _rendered_name)
    """*name* with the particles a CSL-JSON family or given name holds split off, as
    citeproc-js splits them when it renders (``van Regenmortel`` → particle ``van``;
    ``Ludwig van`` → dropping particle ``van``; ``Walton O., III`` → suffix ``III``).

    Only a name with a family and a given name and no particle of its own is parsed;
    a family in double quotes is kept whole (without the quotes), as citeproc-js keeps it.
    """
    family, given = name.family, name.given
    if not family or not given or name.non_dropping_particle or name.static_ordering:
        return name
    if len(family) > 1 and family.startswith('"') and family.endswith('"'):
        return attrs.evolve(name, family=family[1:-1])
    changes: dict[str, object] = {}
    particles = []
    pos = 0
    while m := _FAMILY_PARTICLE.match(family, pos):
        if not _lower_first(m.group(1)):
            break
        particles.append(family[pos : m.end()])
        pos = m.end()
    if particles:
        changes["family"] = family[pos:]
        changes["non_dropping_particle"] = "".join(particles).strip()
    if not name.suffix and "," in given:
        head, _, tail = given.partition(",")
        comma_bang = tail.startswith("!")  # ",!" marks a suffix printed after a comma
        tail = tail.lstrip("!").strip()
        if tail:
            given = head.rstrip()
            changes["given"] = given
            changes["suffix"] = tail
            if comma_bang:
                changes["comma_suffix"] = True
    if not name.dropping_particle:
        dropped: list[str] = []
        while given and (m := _GIVEN_PARTICLE.search(given)) and _lower_first(m.group(1)):
            dropped.insert(0, m.group(1).strip())
            given = given[: m.start()].rstrip()
        if dropped and given:
            changes["given"] = given
            changes["dropping_particle"] = " ".join(dropped)
    return attrs.evolve(name, **changes) if changes else name


def _family_first(name: Name) -> Name:
    """A Latin-script personal name marked to print family name first."""
    if name.literal is not None or not name.family or not name.given or is_cjk(name):
        return name
    return attrs.evolve(name, static_ordering=True)


@lru_cache(maxsize=65536)  # a name repeats in a list (the reader gives it as one object)
def _rendered_name(name: Name) -> Name | None:
    if name.family is not None and name.given is not None and name.literal is None:
        return name if is_cjk(name) else parse_particles(name)
    if name.literal is None and name.family is None:
        if name.given is None:
            return None  # no name in it
        return Name(
            family=name.given,
            dropping_particle=name.dropping_particle,
            non_dropping_particle=name.non_dropping_particle,
            suffix=name.suffix,
            comma_suffix=name.comma_suffix,
            static_ordering=name.static_ordering,
        )
    return name


def _season_month(season: int | str) -> int | None:
    """A date's season (1–4, a season month, or a word such as ``Spring``) as its month."""
    if isinstance(season, int):
        number: int | None = season
    elif season.strip().lstrip("-").isdigit():
        number = int(season)
    else:
        code = SEASONS.get(season.strip().lower())  # EDTF's 21–24
        number = code - 8 if code is not None else None  # CSL's 13–16
    if not number:
        return None
    return number + 12 if number <= 4 else number


# remembered: dates repeat (a year, a month), and equal dates render alike
@lru_cache(maxsize=4096)
def rendered_date(date: Date) -> Date | None:
    """*date* as the engine renders it: ``(year, month, day)`` parts (see the module docstring).

    None for a date with neither parts nor a literal (a season alone).
    """
    if date.parts:
        parts = [
            (p[0], p[1] if len(p) > 1 else 0, p[2] if len(p) > 2 and p[1] else 0)
            for p in date.parts[:2]
        ]
        if date.season is not None and not parts[0][1]:
            month = _season_month(date.season)
            if month:
                parts[0] = (parts[0][0], month, 0)
        if len(parts) == 2 and parts[1] == parts[0]:
            parts = parts[:1]
        return Date(parts=parts, season=date.season, circa=date.circa)
    if date.literal is not None:
        found = date_in_text(date.literal)
        if found is not None and found.parts:
            parts = [
                (p[0], p[1] if len(p) > 1 else 0, p[2] if len(p) > 2 else 0) for p in found.parts
            ]
            return Date(parts=parts, circa=found.circa or date.circa)
        return Date(literal=date.literal, circa=date.circa)
    return None


def date_sort_key(date: Date, shown: frozenset[str] = frozenset(["year", "month", "day"])) -> str:
    """A rendered date as a sort key, limited to the parts in *shown*: as citeproc-js keys
    it, the start's year (``1`` and four digits, ``0`` and 9999 less the year before the
    common era), month and day, then the end's (a year 0 where the date has no end), so
    that every key is a run of 18 digits (compared by value, as ICU's numeric collation
    compares them, they must be of one length)."""
    if not date.parts:
        return date.literal or ""
    start, end = (date.parts + ((0,),))[:2]
    out = []
    for part in (start, end):
        y, m, d = (part + (0, 0))[:3]
        out.append(
            (f"1{y:04d}" if y >= 0 else f"0{9999 + y:04d}")
            + (f"{m:02d}" if "month" in shown else "00")
            + (f"{d:02d}" if "day" in shown else "00")
        )
    return "".join(out)


class Item:
    """One work in one processor: its variables by CSL name and its place in the list.

    ``number`` (citation number), ``year_suffix`` and ``disambiguation`` are set by the
    processor when it registers the list.
    """

    __slots__ = (
        "work",
        "id",
        "type",
        "subtype",
        "lang",
        "declared_lang",
        "index",
        "vars",
        "problems",
        "number",
        "year_suffix",
        "disambiguation",
    )

    def __init__(self, work: Work, index: int, *, edition_numbers: bool = False) -> None:
        self.work = work
        self.id = work.id
        self.type = work.type
        self.subtype = work.subtype
        declared = normalize_language(work.language)
        # work_language is the declared language when there is one, else the script's
        self.lang = declared or work_language(work)
        # the language the work says it is in ("" if none), as citeproc-js reads it
        self.declared_lang = declared or ""
        self.index = index
        self.problems: list[tuple[str, str]] = []  # (code, message)
        self.vars: dict[str, Value] = self._variables(work)
        if edition_numbers:
            edition = self.vars.get("edition")
            if isinstance(edition, str) and edition.strip().lower() in _ORDINAL_WORDS:
                self.vars["edition"] = str(_ORDINAL_WORDS[edition.strip().lower()])
        self.number: int | None = None
        self.year_suffix: str | None = None
        self.disambiguation = Disambiguation()

    def _variables(self, work: Work) -> dict[str, Value]:
        out: dict[str, Value] = {}
        # citeproc-js prints Latin-script names family first in a Chinese or Japanese work
        # ("Zhang San", "Swingland Ian R."): its "romanesque = 1" names
        family_first = (work.language or "")[:2] in ("zh", "ja")
        for kind, csls, get in _RUNS:
            values = get(work)
            # most variables are unset (None, ()): compress leaves them out at C speed
            for csl, value in compress(zip(csls, values, strict=True), values):
                if kind == "text":
                    if value.strip():
                        out[csl] = value
                elif kind == "name":
                    names = tuple(n for n in map(_rendered_name, value) if n is not None)
                    if family_first:
                        names = tuple(map(_family_first, names))
                    if names == value:  # (mostly: then the work's own tuple, one object less)
                        names = value
                    if names:
                        out[csl] = names
                else:
                    date = rendered_date(value)
                    if date is None:
                        self.problems.append(
                            ("bad-date", f"{csl}: unreadable date {date_to_csl(value)!r}, ignored")
                        )
                    else:
                        out[csl] = date
        # CSL-M and citeproc-js variables the model has no field for (original-container-title,
        # original-genre, nationality, dynasty...), which Zotero's Extra / CSL-JSON note
        # lines carry and the readers keep in extra: text variables for the styles that ask
        for key, value in work.extra:
            if key not in out and value.strip() and _EXTRA_VARIABLE.fullmatch(key):
                out[key] = value
        if not out.get("title") and not any(isinstance(out.get(v), tuple) for v in NAME_VARIABLES):
            self.problems.append(
                ("sparse-entry", "neither a title nor any names: the entry says little")
            )
        return out

    def get(self, name: str) -> Value | None:
        return self.vars.get(name)

    def __repr__(self) -> str:
        return f"Item({self.id!r})"


class Disambiguation:
    """What disambiguation chose for one item's cites: citeproc-js's "ambig config".

    ``names[i]`` is how many names the i-th name list rendered shows, ``givens[i][j]``
    how much of the given name its j-th name shows (0 none, 1 initials, 2 in full),
    ``year_suffix`` the index of the year suffix (0 = a) and ``disambiguate`` how many
    ``cs:if disambiguate="true"`` tests hold, in document order.
    """

    __slots__ = ("names", "givens", "year_suffix", "disambiguate")

    def __init__(self) -> None:
        self.names: list[int] = []
        self.givens: list[list[int]] = []
        self.year_suffix: int | None = None
        self.disambiguate = 0

    def clone(self) -> Disambiguation:
        out = Disambiguation()
        out.names = list(self.names)
        out.givens = [list(g) for g in self.givens]
        out.year_suffix = self.year_suffix
        out.disambiguate = self.disambiguate
        return out

    def pad(self) -> None:
        """A given-name level for every name shown (citeproc-js padBase)."""
        while len(self.givens) < len(self.names):
            self.givens.append([])
        for i, n in enumerate(self.names):
            g = self.givens[i]
            g.extend([0] * (n - len(g)))

    def __repr__(self) -> str:
        return (
            f"Disambiguation(names={self.names}, givens={self.givens}, "
            f"year_suffix={self.year_suffix}, disambiguate={self.disambiguate})"
        )
