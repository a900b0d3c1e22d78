"""What one rendering of one item needs and tracks: :class:`Ctx`, and the cite it is part of.

A :class:`Ctx` lives for one entry or one cite.  It carries the item and its
locale, the section's name options, the cite (number, locator, position), and
the state CSL's rules need while the layout is walked: which variables a group
called and rendered (``cs:group`` suppression), which a ``cs:substitute`` used up,
the first names rendered (for ``subsequent-author-substitute`` and year
collapsing), and the flags sorting and disambiguation set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._regex import LazyPattern
from .item import Disambiguation, Item, Value
from .locale import Locale
from .rich import Rich

if TYPE_CHECKING:
    from ..model import Name
    from .names import NameOptions, NameReg, NameSpec
    from .style import Style

__all__ = ["SPECIAL_VARIABLES", "Cite", "Ctx"]

_PAGE_START = LazyPattern(r"\s*[-–—,&]\s*")

#: the variables :meth:`Ctx.value` finds elsewhere than in the item's own variables
SPECIAL_VARIABLES = frozenset(
    {
        "locator",
        "citation-number",
        "year-suffix",
        "citation-label",
        "page-first",
        "first-reference-note-number",
    }
)


class Cite:
    """The cite an item is rendered for: its number, pinpoint and position."""

    __slots__ = ("number", "locator", "label", "position", "first_note", "near_note")

    def __init__(self, number: int | None = None) -> None:
        self.number = number
        self.locator: str | None = None
        self.label: str | None = None
        self.position = "first"  # first, subsequent, ibid, ibid-with-locator
        self.first_note: int | None = None
        self.near_note = False


class Ctx:
    """Everything one rendering of one item needs and tracks."""

    __slots__ = (
        "item",
        "locale",
        "style",
        "mode",
        "name_options",
        "names_delimiter",
        "sorting",
        "sort_options",
        "suppressed",
        "var_frames",
        "cite",
        "suffix_done",
        "suppress_author",
        "first_names",
        "first_names_key",
        "names_lead",
        "substitute_spent",
        "shown_names",
        "label_forms",
        "dates_only",
        "build_lang",
        "build_key",
        "logs",
        "outer_name",
        "blank_dates",
        "full_pinyin",
        "author_substitute",
        "substitute_names",
        "request",
        "settings",
        "nameset_counter",
        "names_max",
        "just_looking",
        "registering",
        "disamb_count",
        "disamb_max",
        "namereg",
        "predecessor",
        "braces",
    )

    def __init__(
        self,
        item: Item,
        locale: Locale,
        style: Style,
        mode: str,
        name_options: NameOptions,
        names_delimiter: str,
    ) -> None:
        self.item = item
        self.locale = locale
        self.style = style
        self.mode = mode  # "bibliography" | "citation"
        self.name_options = name_options  # the section's, inherited by every cs:name
        self.names_delimiter = names_delimiter
        self.sorting = False
        self.sort_options: NameOptions | None = None  # a sort key's names-min and friends
        self.suppressed: set[str] = set()
        self.var_frames: list[list[int]] = [[0, 0]]  # per group: variables called, rendered
        self.cite = Cite(item.number)
        self.suffix_done = False
        self.suppress_author = False
        self.first_names: Rich | None = None
        # subsequent-author-substitute compares the names the first cs:names showed,
        # et al. and labels aside, as citeproc-js compares them (or, "\x01" and the text,
        # the variable a substitute printed in their place)
        self.first_names_key: tuple[Name, ...] | str | None = None
        # the first names came first in the entry, nothing printed before them: only then
        # does subsequent-author-substitute compare or replace them (citeproc-js)
        self.names_lead = False
        # a substitute's cs:names of its own cs:name was tried and printed nothing: the
        # names put in their place are neither compared nor remembered (citeproc-js spends
        # its subsequent-author-substitute check on that names element)
        self.substitute_spent = False
        self.shown_names: list[Name] = []  # the names the last name list showed
        # the form each variable's first cs:label asked for (None: none), which the
        # term a number is embedded in takes (numbers.embed_in_term)
        self.label_forms: dict[str, str | None] = {}
        self.dates_only = False  # a sort key in a macro with a date: dates alone count
        # the locale of localized date forms here: the one citeproc-js compiled the
        # enclosing macro in (Style.macro_build_lang); "" for the item's locale
        self.build_lang = ""
        self.build_key = ""  # the compiled instance rendering now (Style.date_builds)
        self.logs: list[set[str]] = []
        #: while a cs:names renders its substitute: its cs:name, whose name-parts and et al a
        #: substitute's own cs:name without them takes (citeproc-js compiles them so)
        self.outer_name: NameSpec | None = None
        self.blank_dates = False  # disambiguation: the accessed date renders empty
        self.full_pinyin = False  # GB/T 7714-2025: pinyin given names in full, not initials
        self.author_substitute: str | None = None  # subsequent-author-substitute text
        # how many of the first names it stands for, one each (the -each and -first
        # rules); 0: the whole list at once (complete-all)
        self.substitute_names = 0
        # disambiguation (citeproc-js): the config asked for, the one this rendering
        # records (often the same object), the name lists rendered so far and their
        # lengths, and the count of cs:if disambiguate="true" tests met and held
        self.request: Disambiguation | None = None
        self.settings = Disambiguation()
        self.nameset_counter = 0
        self.names_max: list[int] = []
        self.just_looking = False  # an ambiguity rendering, not the printed one
        # a rendering only for the names it shows (NameReg): name lists stand as a mark
        self.registering = False
        self.disamb_count = 0
        self.disamb_max = 0
        self.namereg: NameReg | None = None
        # citeproc-js's term_predecessor: something was rendered before (a term that is
        # the first thing rendered is capitalised)
        self.predecessor = False
        #: a note style's citation, printed: its levels' parentheses are counted (.braces)
        self.braces = False

    def used(self, name: str) -> None:
        """Record a rendered variable (substitutes suppress what they used)."""
        for log in self.logs:
            log.add(name)

    def note_var(self, rendered: bool) -> None:
        """Count a variable called by the innermost group, and whether it rendered."""
        frame = self.var_frames[-1]
        frame[0] += 1
        if rendered:
            frame[1] += 1

    def value(self, name: str, suppressed: bool = True) -> Value | None:
        """The value of a variable for this cite (``locator``, ``citation-number`` included);
        None for one a substitute used up, unless not *suppressed* (a condition's test:
        citeproc-js tests the item's own variables)."""
        if suppressed and name in self.suppressed:
            return None
        if name not in SPECIAL_VARIABLES:
            return self.item.vars.get(name)
        if name == "locator":
            return self.cite.locator
        if name == "citation-number":
            # citeproc-js renders no number in the cite disambiguation compares: cites that
            # show only their numbers are alike (a numeric style that adds year suffixes
            # gives every work one, in list order)
            if self.cite.number is None or self.just_looking:
                return None
            return str(self.cite.number)
        if name == "year-suffix":
            return self.item.year_suffix
        if name == "citation-label":
            from .labels import citation_label

            own = self.item.vars.get(name)
            return own if isinstance(own, str) and own else citation_label(self.item)
        if name == "page-first":
            value = self.item.vars.get("page-first")
            page = self.item.vars.get("page")
            if value is None and isinstance(page, str):
                value = _PAGE_START.split(page)[0] or None
            return value
        if name == "first-reference-note-number":
            n = self.cite.first_note
            return str(n) if n is not None else None
        return self.item.vars.get(name)

    @property
    def year_suffix(self) -> str | None:
        return self.item.year_suffix
