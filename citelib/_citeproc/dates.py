"""``cs:date``: a date rendered in the style's parts or in the locale's date form.

Dates are model :class:`~citelib.model.Date` values as :func:`.item.rendered_date`
prepared them: ``(year, month, day)`` parts, 0 for what is missing, months 13–16
for seasons.  A range prints the parts that differ once (``2019–2020``,
``May 5–7``), an open range (``[[1987], [0]]``) its start and the range delimiter,
a literal as written.  A localized form (``form="text"``) takes the locale's date
parts, overridden by the element's own ``cs:date-part`` attributes; the merged
parts are computed once per language.  The year suffix of a disambiguated
author-date cite (2018a) follows the year unless the style prints it itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Date
from .context import Ctx
from .item import date_sort_key
from .locale import NS
from .nodes import Node, register, title_case_off
from .rich import EMPTY, NUMBER_END, Rich, affix, join, parse_markup
from .textcase import apply_case
from .xmltree import Element

if TYPE_CHECKING:
    from .style import Style

__all__ = ["DateNode", "DatePart", "render_date"]

_FORMAT_ATTRIBUTES = (
    "font-style",
    "font-weight",
    "font-variant",
    "text-decoration",
    "vertical-align",
)
_LEVEL = {"year": 0, "month": 1, "day": 2}
Part = tuple[int, ...]


class DatePart:
    """A ``cs:date-part`` (or a locale's): which part, in which form, with which affixes."""

    __slots__ = (
        "name",
        "form",
        "prefix",
        "suffix",
        "range_delimiter",
        "text_case",
        "strip_periods",
        "format",
    )

    def __init__(self, attributes: dict[str, str]) -> None:
        self.name = attributes.get("name", "year")
        self.form = attributes.get("form")
        self.prefix = attributes.get("prefix", "")
        self.suffix = attributes.get("suffix", "")
        # an empty range-delimiter is none: citeproc-js takes the en dash
        self.range_delimiter = attributes.get("range-delimiter") or "–"
        self.text_case = attributes.get("text-case")
        self.strip_periods = attributes.get("strip-periods") == "true"
        formatting = {k: v for k, v in attributes.items() if k in _FORMAT_ATTRIBUTES}
        self.format = Node(Element("date-part", formatting))
        self.format.is_leaf()  # a string to citeproc-js

    def text(self, part: Part, ctx: Ctx) -> str:
        """This part of a ``(year, month, day)`` date, as text (empty if absent)."""
        y, m, d = part[0], part[1], part[2]
        locale = ctx.locale
        if self.name == "year":
            form = self.form or "long"
            if y < 0:
                return str(-y)
            if form == "short":
                return f"{y % 100:02d}"
            return str(y)
        if self.name == "month":
            if not m:
                return ""
            form = self.form or "long"
            if m > 12:
                season = (m - 13) % 4 + 1
                return locale.term(f"season-{season:02d}") or ""
            if form == "numeric":
                return str(m)
            if form == "numeric-leading-zeros":
                return f"{m:02d}"
            return locale.term(f"month-{m:02d}", "short" if form == "short" else "long") or str(m)
        if self.name == "day":
            if not d or not m or m > 12:
                return ""
            form = self.form or "numeric"
            if form == "numeric-leading-zeros":
                return f"{d:02d}"
            if form == "ordinal" and (
                d == 1 or locale.option("limit-day-ordinals-to-day-1") != "true"
            ):
                # of the month's gender, as citeproc-js reads the day (French 1er)
                return f"{d}{locale.ordinal(d, locale.genders.get(f'month-{m:02d}'))}"
            return str(d)
        return ""

    def render(
        self,
        part: Part,
        ctx: Ctx,
        suffix: str = "",
        bare_prefix: bool = False,
        bare_suffix: bool = False,
        lead: str = "",
    ) -> Rich:
        """This part, formatted, with *suffix* (a year suffix) after it in this part's
        formatting and affixes too, as citeproc-js styles it (``2008年a年``, ``<2008><a>``),
        after the mark *lead* (the date's delimiter's first, as citeproc-js adds it to the
        year's suffix: "2019,a, 6"); *bare_prefix* and *bare_suffix* leave this part's own
        prefix or suffix off."""
        text = self.text(part, ctx)
        if not text:
            return EMPTY
        if self.strip_periods:
            text = text.replace(".", "")
        body = Rich.plain(text)
        if self.text_case and not title_case_off(self.text_case, ctx):
            # title case whatever the work's language: a date is no multilingual field
            lang = "en" if self.text_case == "title" else ctx.item.declared_lang or ctx.locale.lang
            body = apply_case(body, self.text_case, lang)
        out = affix(
            self.format.formatted(body),
            "" if bare_prefix else self.prefix,
            "" if bare_suffix else self.suffix,
        )
        if self.name == "year":
            # the era after the year's affixes, as citeproc-js appends it ("[349] BC")
            y = part[0]
            if y < 0:
                out = out + Rich.plain(ctx.locale.term("bc") or "BC")
            elif 0 < y < 1000 and (self.form or "long") != "short":
                out = out + Rich.plain(ctx.locale.term("ad") or "AD")
        if suffix:
            if lead and not str(out).endswith(lead):
                out = out + Rich.plain(lead)
            out = out + affix(self.format.formatted(Rich.plain(suffix)), self.prefix, self.suffix)
        return out


class DateNode(Node):
    """``cs:date``."""

    __slots__ = (
        "variable",
        "form",
        "date_parts",
        "parts",
        "delimiter",
        "overrides",
        "path",
        "_localized",
    )

    def __init__(self, el: Element, style: Style) -> None:
        super().__init__(el)
        self.variable = el.get("variable", "issued")
        self.form = el.get("form")
        self.date_parts = el.get("date-parts", "year-month-day")
        self.delimiter = el.get("delimiter", "")
        children = [c for c in el if c.tag == NS + "date-part"]
        self.overrides = {
            c.get("name"): {str(k): str(v) for k, v in c.attrib.items()} for c in children
        }
        self.parts = [DatePart({str(k): str(v) for k, v in c.attrib.items()}) for c in children]
        self.path = el.index  # Style.date_builds
        self._localized: dict[str, tuple[list[DatePart], str]] = {}  # by language or build
        self.is_level()

    def reads(self, acc: set[str], seen: set[int]) -> bool:
        acc.add(self.variable)
        return True

    def calls_surely(self, seen: set[int]) -> bool:
        return True

    def specs(self, ctx: Ctx) -> tuple[list[DatePart], str]:
        """The parts to print and the delimiter between them, for the item's locale."""
        if not self.form:
            return self.parts, self.delimiter
        built = ctx.style.date_builds.get((self.path, ctx.build_key))
        if built is not None:
            # as citeproc-js compiled this date in this layout or macro (Style._simulate_builds)
            cache_key = "\x00" + ctx.build_key
            found = self._localized.get(cache_key)
            if found is None:
                found = ([DatePart(p) for p in built[0]], built[1])
                self._localized[cache_key] = found
            return found
        locale = ctx.locale
        found = self._localized.get(locale.lang)
        if found is not None:
            return found
        attributes, parts = locale.dates.get(self.form, ({}, []))
        wanted = {"year": ("year",), "year-month": ("year", "month")}.get(
            self.date_parts, ("year", "month", "day")
        )
        specs = []
        for p in parts:
            if p.get("name") not in wanted:
                continue
            # the style's date-part attributes, affixes included, over the locale's
            # (citeproc-js's fixDateNode)
            specs.append(DatePart({**p, **self.overrides.get(p.get("name"), {})}))
        found = (specs, attributes.get("delimiter", ""))
        self._localized[locale.lang] = found
        return found

    def render(self, ctx: Ctx) -> Rich:
        if self.braces_level and ctx.braces:
            return self.braced().render(ctx)
        value = ctx.value(self.variable)
        if not isinstance(value, Date):
            ctx.note_var(False)
            return EMPTY
        if ctx.blank_dates and self.variable == "accessed":
            ctx.note_var(False)
            return EMPTY
        ctx.used(self.variable)
        if ctx.sorting:
            if ctx.dates_only and not value.parts:
                # a literal date keys nothing in a macro keyed by its dates: after every
                # dated work, in registration order ("2012_2013", "in press"), as citeproc-js
                ctx.note_var(False)
                return EMPTY
            ctx.note_var(True)
            specs, _ = self.specs(ctx)
            return Rich.plain(date_sort_key(value, frozenset(s.name for s in specs)))
        if not value.parts:
            year = next((spec for spec in self.specs(ctx)[0] if spec.name == "year"), None)
            if year is None:
                # a literal date stands for a year: a date of months or days alone leaves
                # it out (citeproc-js)
                ctx.note_var(False)
                return EMPTY
            ctx.note_var(True)
            # in the year's place, with the year's formatting and affixes (citeproc-js)
            body = year.format.formatted(parse_markup(value.literal or ""))
            return self.formatted(affix(body, year.prefix, year.suffix))
        specs, delim = self.specs(ctx)
        want_suffix = bool(
            # the first date with a year that renders, whichever its variable: an accessed
            # date before the issued one takes it (citeproc-js: "accessed April 10, 2014a")
            ctx.item.year_suffix
            and not ctx.suffix_done
            and not ctx.style.renders_year_suffix
            # citeproc-js puts it after a year: a date of day and month leaves it to the
            # next date ("ago. 1983b")
            and any(s.name == "year" for s in specs)
        )
        body = render_date(value, specs, delim, ctx, want_suffix)
        # a date none of whose asked-for parts the work has (a month of a year-only date)
        # is an empty variable to its group (CSL 1.0.2 group suppression)
        ctx.note_var(bool(body))
        if want_suffix and body:
            ctx.suffix_done = True
            text, flags = body.runs[-1]
            if text.endswith(ctx.item.year_suffix or "\x00"):
                # a date that ends in its year suffix ends in a number to citeproc-js (a
                # number blob): no mark after it merges into its suffix ("1983a;. P")
                body = Rich._of((*body.runs[:-1], (text, flags | NUMBER_END)))
        return self.formatted(body)


def render_date(
    value: Date, specs: list[DatePart], delim: str, ctx: Ctx, year_suffix: bool
) -> Rich:
    """A date or range in *specs*; *year_suffix* puts the item's year suffix after the year."""
    begin = value.parts[0]
    end = value.parts[1] if len(value.parts) > 1 else None
    ys = (ctx.item.year_suffix or "") if year_suffix else ""
    # citeproc-js adds a delimiter's leading mark to the suffix of each part but the last,
    # and the year suffix is a part after the year ("14.6.2019.a", "2019,a, 6")
    lead = delim[0] if delim[:1] in (".", ",", ";", ":", "!", "?") else ""

    def parts(date: Part, chosen: list[DatePart], suffix: str = "") -> list[Rich]:
        return [s.render(date, ctx, suffix if s.name == "year" else "", lead=lead) for s in chosen]

    if end is None or end == begin:
        return join(parts(begin, specs, ys), delim)
    if end[0] == 0:  # an open range ([[1987], [0]]): "1987–"
        body = join(parts(begin, specs, ys), delim).rstrip()
        year = next((s for s in specs if s.name == "year"), None)
        return body + Rich.plain(year.range_delimiter if year else "–") if body else body
    # the largest part that differs
    diff = 0 if begin[0] != end[0] else 1 if begin[1] != end[1] else 2
    # the parts that differ or follow, among those the dates have (citeproc-js's collapse)
    present = {0, 1 if begin[1] or end[1] else 0, 2 if begin[2] or end[2] else 0}
    shown = [
        i
        for i, s in enumerate(specs)
        if _LEVEL.get(s.name, 0) >= diff and _LEVEL.get(s.name, 0) in present
    ]
    if not shown:  # the parts that differ are not shown: render the start
        return join(parts(begin, specs, ys), delim)
    range_delim = next((s.range_delimiter for s in specs if _LEVEL.get(s.name) == diff), "–")
    lo, hi = min(shown), max(shown)
    head = parts(begin, specs[:lo])
    # as citeproc-js collapses a range: the start's last part without its suffix
    # ("1957—1990年", "3月2—8日"); in the end, the parts before its last without their
    # prefixes, and the last too when it is the only one ("2019-05/06", not "2019-05/-06")
    start = join(
        [s.render(begin, ctx, bare_suffix=i == hi) for i, s in enumerate(specs[lo : hi + 1], lo)],
        delim,
    )
    stop = join(
        [
            s.render(
                end, ctx, ys if s.name == "year" else "", bare_prefix=i < hi or lo == hi, lead=lead
            )
            for i, s in enumerate(specs[lo : hi + 1], lo)
        ],
        delim,
    )
    tail = parts(begin, specs[hi + 1 :], ys)
    middle = start.rstrip() + Rich.plain(range_delim) + stop if start and stop else (start or stop)
    return join([*head, middle, *tail], delim)


register("date", DateNode)
