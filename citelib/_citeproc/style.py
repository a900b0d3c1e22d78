"""A CSL style compiled for the engine.

The XML is read by :mod:`.xmltree` (comments dropped, no DTD, nothing fetched) and,
when asked, validated against the CSL schema citeproc-py ships (with lxml); the macros, citation and
bibliography are then compiled into node objects once per style (see :mod:`.nodes` for
why citeproc-py's own evaluation is replaced).
Name options are read into typed :class:`~.names.NameOptions` records here;
per-language locales (and, on each date node, localized date formats) are built
lazily and cached, so rendering never re-parses anything.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from .._regex import LazyPattern
from . import dates as _dates  # noqa: F401 - registers cs:date
from .locale import NS, Locale, build_locale, citeproc_data, parse_xml, primary_dialect
from .names import NameOptions
from .nodes import RENAMED_VARIABLES, Group, Macro, Node, compile_children, show_displays
from .numbers import Label as _Label  # noqa: F401 - registers cs:number and cs:label
from .rich import BOLD, ITALIC, NORMAL, SMALLCAPS, SUB, SUP, UNDERLINE, Rich, affix
from .xmltree import Element

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "CITELIB_NS",
    "OPTIONS",
    "VALUED_OPTIONS",
    "Layout",
    "Section",
    "SortKey",
    "Style",
    "load_style",
]

#: The namespace of the options a style declares for citelib alone: attributes of a
#: ``<citelib:options xmlns:citelib="urn:citelib:csl" NAME="true" .../>`` element in its
#: ``<info>``, which other CSL processors skip (citeproc-js refuses unknown attributes on
#: ``<style>``, so they cannot go there).
CITELIB_NS = "urn:citelib:csl"

#: citelib's style options: attribute of ``<citelib:options>`` -> what it does.  Off unless
#: the style declares it; the engine never turns one on by recognising a style.
OPTIONS = {
    "item-locales": "in a citation or bibliography without CSL-M <layout locale>, each work"
    " gets the terms of its own language's locale (English works et al. in a Chinese list)",
    "sort-cjk-first": "sort keys that begin with Han, kana or hangul come before all others"
    " but those that begin with a digit, whatever the style's locale",
    "sort-surname-readings": "Han sort keys (Chinese collation) read their first one or two"
    " characters as a surname: 曾 zeng, 单 shan, 仇 qiu",
    "omit-doi-link": "a DOI is left out when the work's URL is that DOI's own link"
    " (GB/T 7714-2025 §7.9)",
    "edition-as-number": "an edition written as an English ordinal word (Third) is its"
    " number (3), as GB/T 7714 writes editions (3版, 3rd ed)",
    "narrative-tight": "a narrative citation's author and the rest are joined without the"
    " space citeproc-js puts between them where the seam is Chinese, Japanese or Korean text"
    " or full-width punctuation, or the rest a superscript (孙柏瑛（2018）, 孙柏瑛[1])",
}

#: citelib's style options that take a value (a macro's name): attribute -> what it does.
VALUED_OPTIONS = {
    "cite-locator-after": "the macro printing a cite's locator after the citation's closing"
    " affix, in the layout's formatting: a cite with a locator is set apart from the others"
    " ([3]12-15, （孙柏瑛，2018）12-15: GB/T 7714-2015 §10.1.3, §10.2.4)",
}


class Layout(Node):
    """``cs:layout``: the children of an entry or a cite, and the locales it is for (CSL-M)."""

    __slots__ = ("children", "delimiter", "locales", "build_lang")

    def __init__(self, el: Element, style: Style) -> None:
        super().__init__(el)
        self.children = compile_children(el, style)
        show_displays(self.children)
        self.delimiter = el.get("delimiter", "")
        self.locales = el.get("locale", "").split()
        #: the locale citeproc-js compiles this layout's localized dates in (see
        #: Style.macro_build_lang)
        self.build_lang = _layout_lang(self.locales, style.default_locale)
        self.is_level()

    def suffix_to_last_group(self) -> None:
        """In a list whose layout starts with a ``display`` element, the layout's suffix
        goes after its last child's, as citeproc-js sets it: a last displayed group that
        prints nothing takes the suffix with it ("Somewhere Else 2018", no period).  Done
        where that child is a group (a ``cs:choose``'s children are known only as an
        entry is rendered)."""
        children = self.children
        if not children or children[0].display is None or not self.suffix:
            return
        last = children[-1]
        if type(last) is not Group or last.display is None:
            # (a group of no display that prints nothing is gone: the suffix goes to the
            # last child that printed, where the layout's own affix puts it anyway)
            return
        last.outer_suffix = self.suffix
        self.suffix = ""
        self.affixed = bool(self.prefix)

    def formatted(
        self,
        body: Rich,
        affixes: bool = True,
        suffix: str | None = None,
        prefix: str | None = None,
    ) -> Rich:
        """Layout affixes sit inside its formatting (``<sup>[1]</sup>``), as in citeproc-js;
        *suffix*, *prefix*: others in place of the layout's."""
        if not body:
            return body
        if not affixes:
            return self.flagged(body)
        return self.flagged(
            affix(
                body,
                self.prefix if prefix is None else prefix,
                self.suffix if suffix is None else suffix,
            )
        )

    def flagged(self, body: Rich) -> Rich:
        """*body* in the layout's formatting, without its affixes."""
        if not body:
            return body
        for flag in (ITALIC, BOLD, SMALLCAPS, UNDERLINE, SUP, SUB):
            if self.fmt & flag:
                body = body.with_flags(flag)
        return body.with_flags(NORMAL) if self.normal else body


class SortKey:
    """A ``cs:key``: a variable or a macro, its direction and its name options."""

    __slots__ = ("variable", "macro", "descending", "name_options")

    def __init__(self, el: Element, style: Style) -> None:
        variable = el.get("variable")
        self.variable = RENAMED_VARIABLES.get(variable, variable) if variable else None
        self.macro = style.macro(el.get("macro")) if el.get("macro") else None
        self.descending = el.get("sort") == "descending"
        # names-min, names-use-first, names-use-last override et-al-* while sorting
        self.name_options = NameOptions.read(
            {
                option: value
                for attribute, option in (
                    ("names-min", "et-al-min"),
                    ("names-use-first", "et-al-use-first"),
                    ("names-use-last", "et-al-use-last"),
                )
                if (value := el.get(attribute))
            }
        )


class Section:
    """``cs:citation`` or ``cs:bibliography``: options, sort keys, layouts."""

    def __init__(self, el: Element, style: Style, kind: str) -> None:
        self.kind = kind
        self.attrs = {str(k): str(v) for k, v in el.attrib.items()}
        self.name_options = NameOptions.read(self.attrs, inherited=True).over(style.name_options)
        self.names_delimiter = el.get("names-delimiter", style.names_delimiter)
        self.sort: list[SortKey] = []
        sort_el = el.find(NS + "sort")
        if sort_el is not None:
            self.sort = [SortKey(k, style) for k in sort_el if k.tag == NS + "key"]
        # citeproc-js: a key without names-min / names-use-first / names-use-last takes the
        # section's or the style's et-al-min / -use-first / -use-last, which then win over a
        # cs:name's own while sorting (et-al-min="2" on cs:style: "Karenberg, A. & Förstl,
        # H." sorts as "Karenberg, A.")
        inherited = NameOptions(
            et_al_min=self.name_options.et_al_min or None,
            et_al_use_first=self.name_options.et_al_use_first or None,
            et_al_use_last=self.name_options.et_al_use_last,
        )
        for key in self.sort:
            key.name_options = key.name_options.over(inherited)
        self.layouts = [Layout(lay, style) for lay in el if lay.tag == NS + "layout"]
        if not self.layouts:
            raise ValueError(f"line {el.sourceline}: <{el.localname}> has no <layout>")
        if kind == "bibliography":
            for layout in self.layouts:
                layout.suffix_to_last_group()
        self.default_layout = next(
            (lay for lay in self.layouts if not lay.locales), self.layouts[0]
        )
        self.localized = any(lay.locales for lay in self.layouts)

    def opt(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)


class Style:
    """A compiled CSL style."""

    def __init__(self, root: Element, source: str) -> None:
        self.source = source
        self.root = root
        self.cls = root.get("class", "in-text")
        self.default_locale = root.get("default-locale") or "en-US"
        #: what joins a particle to a family name: a no-break space where the default
        #: locale is French, Russian or Czech, as citeproc-js joins them ("de\u00a0Beauvoir")
        self.particle_space = "\u00a0" if self.default_locale[:2] in ("fr", "ru", "cs") else " "
        # citeproc-js sorts in the style's default locale, or in CSL-M's default-locale-sort
        self.sort_locale = root.get("default-locale-sort") or self.default_locale
        declared: dict[str, str] = {}
        for el in root.iterfind(f"{NS}info/{{{CITELIB_NS}}}options"):
            declared.update((str(k), str(v)) for k, v in el.attrib.items())
        self.options = frozenset(
            name for name in OPTIONS if declared.get(name, "").strip().lower() == "true"
        )
        self.option_values = {
            name: declared[name].strip()
            for name in VALUED_OPTIONS
            if declared.get(name, "").strip()
        }
        self.page_range_format = root.get("page-range-format")
        self.demote_ndp = root.get("demote-non-dropping-particle", "display-and-sort")
        self.name_options = NameOptions.read(
            {str(k): str(v) for k, v in root.attrib.items()}, inherited=True
        )
        self.names_delimiter = root.get("names-delimiter", "")
        self.locale_elements = [e for e in root if e.tag == NS + "locale"]
        self._locales: dict[str, Locale] = {}
        self._layouts: dict[tuple[Section, str, str | None], tuple[Layout, Locale]] = {}
        info = root.find(NS + "info")
        self.title = ""
        title = info.find(NS + "title") if info is not None else None
        if title is not None:
            self.title = title.text or ""
        #: the style's ``<id>``, then the ``template`` links it declares (what it derives from)
        self.ids: tuple[str, ...] = ()
        if info is not None:
            own = [(e.text or "").strip() for e in info.iterfind(NS + "id")][:1]
            templates = [
                e.get("href", "")
                for e in info.iterfind(NS + "link")
                if e.get("rel") == "template" and e.get("href")
            ]
            self.ids = tuple(filter(None, own + templates))
        scan = _Scan(root)
        self.uses_disambiguate_condition = scan.disambiguate
        #: whether cites need their document positions (citeproc-js's update mode
        #: POSITION): a position condition, or et-al-subsequent options that differ
        self.uses_position = scan.position or scan.differing_subsequent
        # a citation-label carries the year suffix, as a year-suffix variable does
        self.renders_year_suffix = scan.year_suffix
        self._macro_els = {m.get("name"): m for m in root if m.tag == NS + "macro"}
        cit_el = root.find(NS + "citation")
        #: whether the citations print citation numbers (citeproc-js's update mode NUMERIC)
        self.cites_numbers = cit_el is not None and self._prints_number(cit_el, set())
        self._macros: dict[str, Macro] = {}
        cit = root.find(NS + "citation")
        bib = root.find(NS + "bibliography")
        self.citation = Section(cit, self, "citation") if cit is not None else None
        self.bibliography = Section(bib, self, "bibliography") if bib is not None else None
        self.macro_build_lang: dict[str, str] = {}
        #: (a cs:date with a form, as its element's index, build key) -> its date-parts' attributes and the
        #: delimiter, as citeproc-js fixed them when it compiled that instance
        self.date_builds: dict[tuple[int, str], tuple[list[dict[str, str]], str]] = {}
        if scan.layout_locales:
            self._simulate_builds()

    def _simulate_builds(self) -> None:
        """Replay how citeproc-js compiles a style with CSL-M layout locales, for what it
        freezes then: the locale of localized dates (``form="text"``).

        It compiles the sections in document order: a section's sort keys (in the style's
        default locale), then its layouts, each in its own locale.  A layout compiles each
        macro once, at its first call, in that layout's locale, except that a macro with a
        ``cs:date`` of its own is compiled once per locale; a macro without a date shared
        by ``<layout locale="zh">`` and the default layout keeps, in both, the dates of the
        layout that called it first ("2020年6月" in an English entry).  Each compilation of
        a localized date rewrites the style's date element as the locale's date form, and
        the next one lays that element's part attributes (all, or all but affixes and form
        when the locale differs) over its own locale's form, so a range delimiter "/" of a
        zh-CN build stays in a later en-US one.  Keys: macro name, ``name@lang`` for a
        macro with a date, ``@lang`` for a layout's own elements."""
        registry = self.macro_build_lang
        fixed: dict[int, tuple[str, list[dict[str, str]]]] = {}  # date element -> (lingo, parts)

        def fix(date_el: Element, lang: str, key: str) -> None:
            at = date_el.index
            form = date_el.get("form")
            if not form:
                return
            attributes, base = self.locale(lang).dates.get(form, ({}, []))
            parts = [dict(p) for p in base]
            if at in fixed:
                lingo, previous = fixed[at]
            else:
                lingo = ""
                previous = [
                    {str(k): str(v) for k, v in c.attrib.items()}
                    for c in date_el
                    if c.tag == NS + "date-part"
                ]
            for src in previous:
                target = next((p for p in parts if p.get("name") == src.get("name")), None)
                if target is None:
                    continue
                for k, v in src.items():
                    if k == "name" or (
                        lingo and lingo != lang and k in ("prefix", "suffix", "form")
                    ):
                        continue
                    target[k] = v
            parts = _date_parts_kept(parts, date_el.get("date-parts", "year-month-day"))
            fixed[at] = (lang, parts)
            self.date_builds[(at, key)] = (parts, attributes.get("delimiter", ""))

        def walk(el: Element, lang: str, key: str, sorting: bool) -> None:
            for child in el:
                if child.tag == NS + "date":
                    fix(child, lang, key)
                name = child.get("macro") if child.tag in (NS + "text", NS + "key") else None
                macro_el = self._macro_els.get(name) if name else None
                if macro_el is not None:
                    with_date = next(macro_el.iter(NS + "date"), None) is not None
                    sub = f"{name}@{lang}" if with_date else str(name)
                    if sorting:
                        walk(macro_el, lang, sub, True)
                    elif sub not in registry:
                        registry[sub] = lang
                        walk(macro_el, lang, sub, False)
                walk(child, lang, key, sorting)

        for section in self.root:
            if section.tag not in (NS + "citation", NS + "bibliography"):
                continue
            sort_el = section.find(NS + "sort")
            if sort_el is not None:
                walk(sort_el, self.default_locale, "", True)
            for lay in section.iterfind(NS + "layout"):
                lang = _layout_lang(lay.get("locale", "").split(), self.default_locale)
                walk(lay, lang, f"@{lang}", False)

    def _prints_number(self, el: Element, seen: set[str]) -> bool:
        """Whether *el* or a macro it calls prints ``citation-number``."""
        return self._holds(
            el, lambda e: e.tag == NS + "text" and e.get("variable") == "citation-number", seen
        )

    def shows_names(self, macro: str) -> bool:
        """Whether the macro *macro*, or one it calls, has a ``cs:names``."""
        el = self._macro_els.get(macro)
        return el is not None and self._holds(el, lambda e: e.tag == NS + "names", set())

    def _holds(self, el: Element, test: Callable[[Element], bool], seen: set[str]) -> bool:
        """Whether *el*, or a macro it calls, holds an element that passes *test*."""
        for e in el.iter():
            if test(e):
                return True
            name = e.get("macro") if e.tag in (NS + "text", NS + "key") else None
            if name and name not in seen and name in self._macro_els:
                seen.add(name)
                if self._holds(self._macro_els[name], test, seen):
                    return True
        return False

    def macro(self, name: str | None) -> Macro | None:
        if name is None:
            return None
        m = self._macros.get(name)
        if m is None:
            el = self._macro_els.get(name)
            if el is None:
                return None
            m = Macro(el, self)
            self._macros[name] = m  # registered before filling: recursion-safe
            m.fill(el, self)
        return m

    def locale(self, lang: str) -> Locale:
        loc = self._locales.get(lang)
        if loc is None:
            loc = build_locale(lang, self.locale_elements)
            self._locales[lang] = loc
        return loc

    def layout_for(
        self, section: Section, lang: str, declared: str | None = None
    ) -> tuple[Layout, Locale]:
        """The layout and locale an item in ``lang`` is rendered with.

        CSL-M ``<layout locale="en">`` layouts are chosen by the item's language (other
        languages: the default layout and locale).  Without them every work gets the style's
        default locale, as in citeproc-js, unless the style declares ``citelib:item-locales``:
        then each work gets its own language's locale (等 / et al.).

        As citeproc-js chooses them, a style's layouts go by the language the work
        *declares* (*declared*, a BCP 47 tag): a work that declares none, or the style's
        own default locale, gets the default layout. A style that declares
        ``citelib:item-locales`` goes by *lang*, the language its script shows.
        """
        key = (section, lang, declared)
        found = self._layouts.get(key)
        if found is None:
            found = self._layouts[key] = self._layout_for(section, lang, declared)
        return found

    def _layout_for(
        self, section: Section, lang: str, declared: str | None
    ) -> tuple[Layout, Locale]:
        if "item-locales" not in self.options and declared is not None:
            if not declared or declared.lower() == self.default_locale.lower():
                return section.default_layout, self.locale(self.default_locale)
            lang = declared
        primary = lang.split("-")[0].lower()
        if section.localized:
            for lay in section.layouts:
                for tag in lay.locales:
                    if tag.split("-")[0].lower() == primary:
                        return lay, self.locale(primary_dialect(tag) if "-" not in tag else tag)
            return section.default_layout, self.locale(self.default_locale)
        if "item-locales" in self.options and lang:
            return section.default_layout, self.locale(
                lang if "-" in lang else primary_dialect(lang)
            )
        return section.default_layout, self.locale(self.default_locale)


def _date_parts_kept(parts: list[dict[str, str]], which: str) -> list[dict[str, str]]:
    """A localized date's parts as ``date-parts`` keeps them (citeproc-js: for
    ``month-day``, the part before the year loses its suffix)."""
    if which == "year":
        return [p for p in parts if p.get("name") == "year"]
    if which == "year-month":
        return [p for p in parts if p.get("name") != "day"]
    if which == "month-day":
        for i, p in enumerate(parts[1:], 1):
            if p.get("name") == "year":
                parts[i - 1]["suffix"] = ""
                break
        return [p for p in parts if p.get("name") != "year"]
    return parts


def _layout_lang(locales: list[str], default: str) -> str:
    """The locale a layout is compiled in: its first CSL-M locale, else the style's."""
    if not locales:
        return default
    tag = locales[0]
    return tag if "-" in tag else primary_dialect(tag)


class _Scan:
    """What a style holds that decides how the engine runs, read in one walk of its tree."""

    __slots__ = (
        "disambiguate",
        "position",
        "differing_subsequent",
        "year_suffix",
        "layout_locales",
    )

    def __init__(self, root: Element) -> None:
        #: a ``disambiguate="true"`` condition
        self.disambiguate = False
        #: a ``position`` condition
        self.position = False
        #: an et-al-subsequent option that differs from its et-al one
        self.differing_subsequent = False
        #: a ``cs:text`` of year-suffix or citation-label
        self.year_suffix = False
        #: a CSL-M ``<layout locale>``
        self.layout_locales = False
        conditions = (NS + "if", NS + "else-if")
        for el in root.iter():
            get = el.attrib.get
            tag = el.tag
            if tag in conditions:
                self.disambiguate = self.disambiguate or get("disambiguate") == "true"
                self.position = self.position or bool(get("position"))
            elif tag == NS + "text":
                self.year_suffix = self.year_suffix or get("variable") in (
                    "year-suffix",
                    "citation-label",
                )
            elif tag == NS + "layout":
                self.layout_locales = self.layout_locales or bool(get("locale"))
            for subsequent, first in _SUBSEQUENT_OPTIONS:
                later = get(subsequent)
                if later is not None and later != get(first):
                    self.differing_subsequent = True


_SUBSEQUENT_OPTIONS = (
    ("et-al-subsequent-min", "et-al-min"),
    ("et-al-subsequent-use-first", "et-al-use-first"),
)


def load_style(
    path: str | os.PathLike[str] | bytes, *, validate: bool = False, name: str | None = None
) -> tuple[Style, list[str]]:
    """Parse and compile the style at ``path`` (or the style given as bytes, called *name*);
    returns the style and schema warnings.

    The XML is read by :func:`.locale.parse_xml` (its encoding from the byte-order mark
    or the declaration, nothing fetched, no entities); with *validate* it is checked
    against the CSL schema citeproc-py ships.
    """
    root = parse_xml(path)
    source = name or ("<bytes>" if isinstance(path, bytes) else os.fspath(path))
    problems: list[str] = []
    data = citeproc_data() if validate else None
    if data is not None:
        problems = _schema_problems(path, data / "schema" / "schemas" / "styles" / "csl.rng")
    if root.tag != NS + "style":
        raise ValueError(f"{source}: not a CSL style (root element {root.tag!r})")
    _unescape_references(root)
    return Style(root, source), problems


def _schema_problems(path: str | os.PathLike[str] | bytes, schema_path: Path) -> list[str]:
    """What the CSL schema finds wrong with the style (read with lxml, loaded only here)."""
    from lxml import etree

    schema = etree.RelaxNG(etree.parse(os.fspath(schema_path)))
    parser = etree.XMLParser(no_network=True, load_dtd=False, resolve_entities=False)
    if isinstance(path, bytes):
        source = path
    else:
        with open(path, "rb") as f:
            source = f.read()
    if schema.validate(etree.fromstring(source, parser).getroottree()):
        return []
    return [str(e).splitlines()[0] for e in schema.error_log]


#: attributes that hold text a style prints
_PRINTED = frozenset((
    "prefix", "suffix", "delimiter", "value", "range-delimiter", "after-collapse-delimiter",
    "year-suffix-delimiter", "cite-group-delimiter", "sort-separator", "initialize-with",
    "subsequent-author-substitute",
))  # fmt: skip
_TERM_TAGS = frozenset(NS + tag for tag in ("term", "single", "multiple"))
_REFERENCE = LazyPattern(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));")


def _unescape_references(root: Element) -> None:
    """Read a character reference a style wrote escaped in printed text (``&amp;#160;``,
    so ``&#160;`` after XML) as its character, as citeproc-js does (21 official styles),
    in attributes and in the terms of the style's own locales (``n&amp;#7506;``: nᵒ)."""

    def char(m: re.Match[str]) -> str:
        code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        return chr(code) if 0 < code <= 0x10FFFF else m.group(0)

    for el in root.iter():
        attrib = el.attrib
        for name, value in attrib.items():
            if "&#" in value and name in _PRINTED:
                attrib[name] = _REFERENCE.sub(char, value)
        if el.text and "&#" in el.text and el.tag in _TERM_TAGS:
            el.text = _REFERENCE.sub(char, el.text)
