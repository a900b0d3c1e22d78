"""CSL locales: terms, localized date formats and locale options.

Locale files come from citelib's ``styles/locales`` first and otherwise from the
complete set citeproc-py ships (``citeproc.LOCALES_PATH``), so a German or
Japanese work still finds its terms.  A :class:`Locale` is the merge, in CSL
priority order, of the style's own ``<locale>`` elements and the locale files
for one language; it is built once per (style, language) and cached.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import stat
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .xmltree import Element, parse, parse_file

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "Locale",
    "LOCALE_DATA",
    "citeproc_data",
    "file_stat",
    "locale_data",
    "locale_file",
    "locale_from_data",
    "parse_xml",
    "read_locale_element",
    "styles_dir",
    "styles_root",
]

NS = "{http://purl.org/net/xbiblio/csl}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def styles_dir() -> Path:
    """The directory of package ``citelib._styles`` (the repository's ``styles/``), not imported."""
    from pathlib import Path

    return Path(styles_root())


@lru_cache(maxsize=1)
def styles_root() -> str:
    """:func:`styles_dir` as a string (a run that formats never needs :mod:`pathlib`)."""
    spec = importlib.util.find_spec("citelib._styles")
    if spec is None or spec.origin is None:  # pragma: no cover - broken install
        raise ImportError("citelib._styles (the shipped CSL styles) is not installed")
    return os.path.dirname(os.path.realpath(spec.origin))


def parse_xml(path: str | os.PathLike[str] | bytes) -> Element:
    """The root element of a style or locale file (or of its bytes), read so that it cannot
    reach outside itself (:mod:`.xmltree`: no DTD, so no entity, nothing fetched).

    The encoding comes from the byte-order mark or the XML declaration (UTF-8 without
    either).  Comments are dropped.
    """
    if isinstance(path, bytes):
        return parse(path)
    return parse_file(path)


def citeproc_data() -> Path | None:
    """citeproc-py's data folder (CSL schema, locales), found without importing citeproc-py."""
    from pathlib import Path

    root = _citeproc_root()
    return None if root is None else Path(root)


def _citeproc_root() -> str | None:
    spec = importlib.util.find_spec("citeproc")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - broken install
        return None
    return os.path.join(next(iter(spec.submodule_search_locations)), "data")


def _locale_dirs() -> list[str]:
    dirs = []
    with contextlib.suppress(ImportError):  # package data missing: citeproc-py's only
        dirs.append(os.path.join(styles_root(), "locales"))
    data = _citeproc_root()
    if data is not None:
        dirs.append(os.path.join(data, "locales"))
    return dirs


_PRIMARY_DIALECTS = {
    "af": "af-ZA", "ar": "ar", "bg": "bg-BG", "ca": "ca-AD", "cs": "cs-CZ", "cy": "cy-GB",
    "da": "da-DK", "de": "de-DE", "el": "el-GR", "en": "en-US", "es": "es-ES", "et": "et-EE",
    "eu": "eu", "fa": "fa-IR", "fi": "fi-FI", "fr": "fr-FR", "he": "he-IL", "hr": "hr-HR",
    "hu": "hu-HU", "id": "id-ID", "is": "is-IS", "it": "it-IT", "ja": "ja-JP", "km": "km-KH",
    "ko": "ko-KR", "la": "la", "lt": "lt-LT", "lv": "lv-LV", "mn": "mn-MN", "nb": "nb-NO",
    "nl": "nl-NL", "nn": "nn-NO", "pl": "pl-PL", "pt": "pt-PT", "ro": "ro-RO", "ru": "ru-RU",
    "sk": "sk-SK", "sl": "sl-SI", "sr": "sr-RS", "sv": "sv-SE", "th": "th-TH", "tr": "tr-TR",
    "uk": "uk-UA", "vi": "vi-VN", "zh": "zh-CN",
}  # fmt: skip


@lru_cache(maxsize=64)
def locale_file(tag: str) -> Locale | None:
    """The terms, dates and options of ``locales-<tag>.xml`` from the first folder that has it.

    Each file is read once per process; :func:`build_locale` merges copies of it.  A file
    citelib ships is read from :data:`LOCALE_DATA` instead, while its size is the one
    recorded there (reading the XML took 4 ms of every start for en-US and zh-CN).
    """
    for directory in _locale_dirs():
        path = os.path.join(directory, f"locales-{tag}.xml")
        st = file_stat(path)
        if st is None:
            continue
        if os.path.dirname(directory) == _shipped_dir():
            data = _shipped_data().get(tag)
            if isinstance(data, dict) and data.get("size") == st.st_size:
                with contextlib.suppress(KeyError, TypeError, ValueError):  # damaged: the XML
                    return locale_from_data(tag, data)
        found = Locale(tag)
        read_locale_element(parse_file(path), found)
        return found
    return None


def file_stat(path: str) -> os.stat_result | None:
    """The status of the regular file at *path* (following links); None where there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st if stat.S_ISREG(st.st_mode) else None


#: the shipped locale files read into JSON (``styles/locales/locales.json``), written by
#: ``scripts/build_locale_data.py``; tests/test_locale_data.py checks it is current
LOCALE_DATA = "locales.json"


def _shipped_dir() -> str | None:
    try:
        return styles_root()
    except ImportError:  # pragma: no cover - broken install
        return None


@lru_cache(maxsize=1)
def _shipped_data() -> dict[str, dict[str, Any]]:
    """The shipped locales' data by tag; empty where the file is missing or unreadable."""
    directory = _shipped_dir()
    if directory is None:  # pragma: no cover - broken install
        return {}
    try:
        with open(os.path.join(directory, "locales", LOCALE_DATA), encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def locale_data(locale: Locale, size: int) -> dict[str, Any]:
    """*locale* as JSON-ready data (sorted, so that a rebuild shows as a small diff), with
    *size*, the byte size of the file it was read from."""
    return {
        "size": size,
        "terms": sorted([*k, *v] for k, v in locale.terms.items()),
        "feminine": sorted(list(k) for k in locale.feminine),
        "gendered": sorted([*k, *v] for k, v in locale.gendered.items()),
        "gender_only": sorted(list(k) for k in locale.gender_only),
        "matches": dict(sorted(locale.matches.items())),
        "genders": dict(sorted(locale.genders.items())),
        "dates": {form: [attrs, parts] for form, (attrs, parts) in sorted(locale.dates.items())},
        "options": dict(sorted(locale.options.items())),
        "ordinals": None if locale.ordinal_names is None else sorted(locale.ordinal_names),
    }


def locale_from_data(tag: str, data: dict[str, Any]) -> Locale:
    """The :class:`Locale` :func:`locale_data` wrote."""
    loc = Locale(tag)
    loc.terms = {(n, f): (s, m) for n, f, s, m in data["terms"]}
    loc.feminine = {(n, f) for n, f in data["feminine"]}
    loc.gendered = {(n, f, g): (s, m) for n, f, g, s, m in data["gendered"]}
    loc.gender_only = {(n, f) for n, f in data["gender_only"]}
    loc.matches = dict(data["matches"])
    loc.genders = dict(data["genders"])
    loc.dates = {form: (attrs, parts) for form, (attrs, parts) in data["dates"].items()}
    loc.options = dict(data["options"])
    ordinals = data["ordinals"]
    loc.ordinal_names = None if ordinals is None else frozenset(ordinals)
    return loc


TermKey = tuple[str, str]  # (name, form)


class Locale:
    """Merged terms, dates and options for one language of one style."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.terms: dict[TermKey, tuple[str, str]] = {}
        self.feminine: set[TermKey] = set()  # terms read from a feminine gender-form
        #: gender-form variants by (name, form, gender); the terms whose entry in ``terms``
        #: came from a gender-form (no neuter one); each term's ``match``; nouns' genders
        self.gendered: dict[tuple[str, str, str], tuple[str, str]] = {}
        self.gender_only: set[TermKey] = set()
        self.matches: dict[str, str] = {}
        self.genders: dict[str, str] = {}
        self.dates: dict[str, tuple[dict[str, str], list[dict[str, str]]]] = {}
        self.options: dict[str, str] = {}
        #: the ordinal-NN terms the last locale that defined ``ordinal`` (CSL 1.0.1) gave:
        #: only these are looked up for a number; None where no locale defined ``ordinal``
        #: (CSL 1.0's ordinal-01 to -04 then). A locale without ``ordinal`` rewords terms
        #: in that table but adds none to it, as citeproc-js reads it.
        self.ordinal_names: frozenset[str] | None = None

    def add(self, element: Element) -> None:
        """Merge a ``<locale>`` element over what is already there."""
        read_locale_element(element, self)

    def merge(self, other: Locale) -> None:
        """Merge *other* over what is already there (where it defines ``ordinal``, its
        ordinals replace all ordinals)."""
        if other.ordinal_names is not None:
            _drop_ordinals(self)
            self.ordinal_names = other.ordinal_names
        for key, value in other.terms.items():
            if key not in other.feminine or key not in self.terms:
                self.terms[key] = value
                if key in other.gender_only:
                    self.gender_only.add(key)
                else:
                    self.gender_only.discard(key)
        self.gendered.update(other.gendered)
        self.matches.update(other.matches)
        self.genders.update(other.genders)
        self.dates.update(other.dates)
        self.options.update(other.options)

    def term(self, name: str, form: str = "long", plural: bool = False) -> str | None:
        """A term's text, falling back through forms (verb-short→verb→long, symbol→short→long)."""
        for f in _FORM_FALLBACK.get(form, (form, "long")):
            value = self.terms.get((name, f))
            if value is not None:
                return value[1] if plural else value[0]
        return None

    def ordinal(self, number: int, gender: str | None = None) -> str:
        """The ordinal suffix for ``number`` (``1st``, ``2nd``; ``""`` where none), of the
        *gender* of the noun it counts (``1re`` édition, ``1er`` volume in French).

        ``ordinal-00`` to ``-09`` match the last digit and ``-10`` to ``-99`` the last two
        unless their ``match`` says ``whole-number`` (or another); a term of the other
        gender only is passed over for the next rule, down to ``ordinal``.  Without an
        ``ordinal`` term (CSL 1.0 locales), ``ordinal-01`` to ``-04`` are 1st, 2nd, 3rd and
        the rest (11th to 13th among them)."""
        names = self.ordinal_names
        if names is None:
            last = 4 if 10 <= number % 100 < 20 else min(number % 10 or 4, 4)
            return self._gendered_term(f"ordinal-{last:02d}", gender) or ""
        candidates = [(number, "whole-number")] if number < 100 else []
        if number < 10 or number % 100 >= 10:
            # citeproc-js compares a number's last two characters with the term's number:
            # "ordinal-03" matching the last two digits matches 3 (Dutch 3de), not 103
            candidates.append((number % 100, "last-two-digits"))
        candidates.append((number % 10, "last-digit"))
        for n, how in candidates:
            name = f"ordinal-{n:02d}"
            default = "last-digit" if n < 10 else "last-two-digits"
            if name not in names or self.matches.get(name, default) != how:
                continue
            value = self._gendered_term(name, gender)
            if value is not None:
                return value
        return self._gendered_term("ordinal", gender) or ""

    def _gendered_term(self, name: str, gender: str | None) -> str | None:
        """The long form of *name* for *gender*: its gender-form, or its neuter form; a
        noun of no gender takes whatever form there is."""
        if gender is not None:
            value = self.gendered.get((name, "long", gender))
            if value is not None:
                return value[0]
        found = self.terms.get((name, "long"))
        if found is None or (gender is not None and (name, "long") in self.gender_only):
            return None
        return found[0]

    def option(self, name: str, default: str = "false") -> str:
        return self.options.get(name, default)


_FORM_FALLBACK = {
    "long": ("long",),
    "short": ("short", "long"),
    "verb": ("verb", "long"),
    "verb-short": ("verb-short", "verb", "long"),
    "symbol": ("symbol", "short", "long"),
}


def _drop_ordinals(locale: Locale) -> None:
    """Forget every ordinal term: a locale that defines ``ordinal`` replaces them all."""
    for key in [k for k in locale.terms if k[0].startswith("ordinal")]:
        del locale.terms[key]
        locale.gender_only.discard(key)
    for gkey in [k for k in locale.gendered if k[0].startswith("ordinal")]:
        del locale.gendered[gkey]
    for name in [n for n in locale.matches if n.startswith("ordinal")]:
        del locale.matches[name]


_TERM, _SINGLE, _MULTIPLE = NS + "term", NS + "single", NS + "multiple"


def read_locale_element(element: Element, into: Locale) -> None:
    """Read terms, dates and style options of one ``<locale>`` element into ``into``."""
    for child in element:
        tag = child.tag.replace(NS, "")
        if tag == "terms":
            # a locale that defines ordinal (CSL 1.0.1) replaces all inherited ordinals
            if any(t.get("name") == "ordinal" for t in child):
                _drop_ordinals(into)
                into.ordinal_names = frozenset(
                    name
                    for t in child
                    if (name := t.get("name", "")).startswith("ordinal-") and t.tag == _TERM
                )
            for term in child:
                if term.tag != _TERM:
                    continue
                name = term.get("name", "")
                form = term.get("form", "long")
                single = multiple = None
                if len(term):  # the first <single> and <multiple>, as find() would give
                    for sub in term:
                        if sub.tag == _SINGLE:
                            single = sub if single is None else single
                        elif sub.tag == _MULTIPLE:
                            multiple = sub if multiple is None else multiple
                if single is not None or multiple is not None:
                    s = (single.text if single is not None else None) or ""
                    # an empty <multiple/> is an empty plural (citeproc-js), not the singular
                    m = (multiple.text or "") if multiple is not None else s
                    value = (s, m)
                else:
                    text = term.text or ""
                    value = (text, text)
                if term.get("gender"):
                    into.genders[name] = term.get("gender", "")
                if term.get("match"):
                    into.matches[name] = term.get("match", "")
                gender_form = term.get("gender-form")
                if gender_form:
                    into.gendered[(name, form, gender_form)] = value
                    if (name, form) in into.terms and (name, form) not in into.gender_only:
                        continue  # the neuter form stays the term's plain form
                    if gender_form != "feminine" and (name, form) in into.feminine:
                        continue  # a feminine form is the plain one, before or after
                if gender_form == "feminine":
                    # without a neuter form, citeproc-js takes the feminine one for a noun
                    # of no gender, else the masculine (Portuguese "3.ª ed.")
                    into.feminine.add((name, form))
                if gender_form:
                    into.gender_only.add((name, form))
                else:
                    into.gender_only.discard((name, form))
                into.terms[(name, form)] = value
        elif tag == "date":
            form = child.get("form", "text")
            attrs = {k: v for k, v in child.attrib.items()}
            parts = [dict(p.attrib) for p in child if p.tag == NS + "date-part"]
            into.dates[form] = (attrs, parts)
        elif tag == "style-options":
            into.options.update(child.attrib)


def primary_dialect(lang: str) -> str:
    return _PRIMARY_DIALECTS.get(lang.split("-")[0].lower(), lang)


def build_locale(lang: str, style_locales: list[Element]) -> Locale:
    """The locale for ``lang``: files (primary dialect, exact; en-US under them for English,
    or where there is no file for the language) then style locales."""
    loc = Locale(lang)
    primary = lang.split("-")[0].lower()
    files: list[str] = []
    for tag in (primary_dialect(lang), lang):
        if tag not in files:
            files.append(tag)
    read = [found for tag in files if (found := locale_file(tag)) is not None]
    if not read or primary == "en":
        # citeproc-js reads en-US under a locale only where there is no file for it: a
        # German style's short "cited" falls back to its long "zit.", not to en-US's "cit."
        english = locale_file("en-US")
        if english is not None:
            read.insert(0, english)
    for found in read:
        loc.merge(found)
    # style locales: unqualified, then primary language, then exact dialect
    for want in (None, primary, lang):
        for element in style_locales:
            got = element.get(XML_LANG)
            if got == want or (want is not None and got and got.lower() == want.lower()):
                if want is None and got is not None:
                    continue
                read_locale_element(element, loc)
    return loc
