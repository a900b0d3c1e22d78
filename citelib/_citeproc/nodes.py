"""Compiled CSL rendering elements: the base node, text, groups, conditions and macros.

citeproc-py parses a style into XML elements whose ``render`` methods walk the
XML on every use.  Several of its behaviours are wrong at the root, so citelib
compiles each rendering element once into a small node object and evaluates
those instead:

* **Group suppression** (why ``[J]`` / ``[D]`` disappear): citeproc-py decides
  whether a ``cs:group`` "calls a variable" *statically*, by asking every child
  -- including every branch of every ``cs:choose`` and every macro -- whether it
  could call one (``Parent.calls_variable``).  The type-code group
  ``<group prefix="[" suffix="]"><text macro="entry-type-id"/><text
  macro="entry-medium-id"/></group>`` contains ``<text variable="medium"/>`` in
  a branch that is not taken, so citeproc-py thinks a variable was called and
  none rendered, and drops the group.  CSL 1.0.2 counts only variables actually
  evaluated; :class:`~.context.Ctx` tracks them at run time (``var_frames``).
* **Locale per item**: every node looks terms up in ``ctx.locale``, which the
  engine sets per work (CSL-M ``<layout locale="en">`` honoured).
* **Rich text**: values are parsed from citeproc-js markup into
  :class:`~.rich.Rich`, so ``<i>`` is formatting, not text.

Names, dates, numbers and labels live in :mod:`.names`, :mod:`.dates` and
:mod:`.numbers`; they register their node classes here (:func:`register`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Self, cast

from .._regex import LazyPattern
from .braces import has_braces, mark
from .context import SPECIAL_VARIABLES, Ctx
from .locale import NS, Locale
from .rich import (
    AFFIX,
    BLOB_END,
    BLOB_START,
    BOLD,
    DECORATED,
    EDGE_MARKS,
    EMPTY,
    ITALIC,
    LEAF_SUFFIX,
    LINK_DOI,
    LINK_URL,
    MARGIN,
    NESTING,
    NOCASE,
    NORMAL,
    NUMBER_BLOB,
    NUMBER_END,
    NUMBER_SUFFIX,
    OWN_SUFFIX,
    PREFIX,
    QUOTE_END,
    QUOTE_PIQ,
    QUOTE_PLAIN,
    SMALLCAPS,
    SUB,
    SUP,
    SWALLOWED,
    UNDERLINE,
    VALUE_LEAD,
    Rich,
    affix,
    join,
    nested,
    parse_markup,
    undecorated_edges,
)
from .textcase import apply_case, quote, smart_apostrophes, upper_first
from .xmltree import Element

if TYPE_CHECKING:
    from .style import Style

__all__ = [
    "ROMANESQUE_LETTERS",
    "Choose",
    "Group",
    "Macro",
    "Node",
    "Text",
    "compile_children",
    "compile_element",
    "register",
    "register_number_variables",
    "render_children",
]

_FLAGS = (ITALIC, BOLD, SMALLCAPS, UNDERLINE, SUP, SUB)
#: a number's end, or a number's suffix (named once: Python folds no union of global names)
_NUMBER_ENDS = NUMBER_END | NUMBER_SUFFIX

#: CSL 1.0 variable names a style may still use, and the CSL 1.0.2 names they became.
RENAMED_VARIABLES = {"event": "event-title"}


#: The variables whose title case depends on the work's language: citeproc-js's
#: ``MULTI_FIELDS`` (the ones a multilingual item can hold in several languages). It
#: title-cases the other titles (``original-title``, ``volume-title``...) whatever the
#: language, and so do we: Zotero users see that (the suite's
#: textcase_TitleCaseWithVolumeTitle expects otherwise and fails, as in citeproc-js).
LANGUAGE_CASED = frozenset(
    {
        "event", "publisher", "publisher-place", "event-place", "title", "container-title",
        "collection-title", "authority", "genre", "title-short", "medium", "country",
        "jurisdiction", "archive", "archive-place",
    }
)  # fmt: skip
_LANGUAGE_PREFIX = LazyPattern(r"[A-Za-z]{2}")


def case_language(ctx: Ctx) -> str:
    """The language title case is decided on, as citeproc-js decides it: the first two
    letters of the work's ``language`` field (a value that starts otherwise names no
    language), or the style's default locale when the work has none."""
    given = ctx.item.work.language
    if not given:
        return ctx.style.default_locale
    m = _LANGUAGE_PREFIX.match(given.strip())
    return m.group().lower() if m else "und"


def foreign_locale(ctx: Ctx) -> bool:
    """True while a CSL-M layout renders in a locale other than the style's default one
    (where citeproc-js has no stop words for title case); never for citelib's own styles
    that render each work in its language's locale (``citelib:item-locales``)."""
    style = ctx.style
    if "item-locales" in style.options:
        return False
    return ctx.locale.lang != style.locale(style.default_locale).lang


def title_case_off(case: str, ctx: Ctx) -> bool:
    """True where citeproc-js leaves a ``text-case="title"`` off: for a work with a
    jurisdiction (a patent, a statute, a case), whose titles it prints as written."""
    return case == "title" and bool(ctx.item.vars.get("jurisdiction"))


#: the displays that change the text (citeproc-js's text output): ``right-inline`` adds
#: nothing; ``left-margin`` and ``indent`` only on a layout's own children
#: (:func:`show_displays`), which citeproc-js alone puts in blocks of their own
_DISPLAYED = frozenset(["block"])
_TOP_DISPLAYS = frozenset(["left-margin", "indent"])


_STRIPPED = LazyPattern(r"\.([^a-z]|$)")
#: what stands between two date sort keys (18 digits each: item.date_sort_key)
_BETWEEN_KEYS = LazyPattern(r"(?<=\d{18})[^\w]+(?=\d{18})")


def strip_periods(body: Rich) -> Rich:
    """*body* with ``strip-periods``, as citeproc-js strips what an element holds: from
    text only (never an affix or a delimiter, an inner group's ``.`` suffix stays), and only
    the periods no lower-case letter follows (``T.i.`` -> ``T.i``, ``P. Inc.`` -> ``P Inc``)."""
    return Rich((_stripped(text, flags), flags) for text, flags in body.runs)


def _stripped(text: str, flags: int) -> str:
    if flags & (AFFIX | NUMBER_BLOB):
        return text
    if flags & SWALLOWED and text.endswith("."):
        # the last period is the element's suffix its text took ("U.S." + "."): citeproc-js
        # strips the text before it adds the suffix ("US.")
        return _STRIPPED.sub(r"\1", text[:-1]) + "."
    return _STRIPPED.sub(r"\1", text)


def show_displays(children: Iterable[Node]) -> None:
    """Let the layout's own children (those in its ``cs:choose`` branches too) show a
    ``left-margin``, ``indent`` or ``block`` display; nested deeper, citeproc-js's text
    ignores them."""
    for child in children:
        if isinstance(child, Choose):
            for branch in child.branches:
                show_displays(branch.body)
        elif child.display in _TOP_DISPLAYS or child.display == "block":
            child.shows_display = True
            child.styled = True


class Node:
    """A compiled rendering element: its formatting, affixes and text transforms."""

    __slots__ = (
        "prints",
        "prefix",
        "suffix",
        "fmt",
        "normal",
        "display",
        "text_case",
        "strip_periods",
        "quotes",
        "fmt_flags",
        "styled",
        "affixed",
        "finishing",
        "suffix_merges",
        "suffix_flags",
        "number_leaf",
        "number_parts",
        "shows_display",
        "braces_level",
        "twin",
        "leaf_font",
        "merges_unfonted",
        "unfonted",
        "cases_first",
        "decorated",
    )

    def __init__(self, el: Element) -> None:
        # whether this node's output counts as printed before a term (citeproc-js's
        # term_predecessor): containers leave that to their children, a macro call to its
        # content, and the citation number (a numeric blob) does not count: "[59] Anonymous"
        self.prints = True
        get = el.attrib.get
        self.prefix = get("prefix", "")
        self.suffix = get("suffix", "")
        fmt = 0
        self.normal = False
        if get("font-style") in ("italic", "oblique"):
            fmt |= ITALIC
        elif get("font-style") == "normal":
            self.normal = True
        if get("font-weight") == "bold":
            fmt |= BOLD
        if get("font-variant") == "small-caps":
            fmt |= SMALLCAPS
        if get("text-decoration") == "underline":
            fmt |= UNDERLINE
        va = get("vertical-align")
        if va == "sup":
            fmt |= SUP
        elif va == "sub":
            fmt |= SUB
        self.fmt = fmt
        self.display = get("display")
        self.text_case = get("text-case")
        self.strip_periods = get("strip-periods") == "true"
        self.quotes = get("quotes") == "true"
        # what formatted() and finish() have to do, decided once
        self.fmt_flags = tuple(flag for flag in _FLAGS if fmt & flag)
        #: whether citeproc-js decorates its blob: a formatting attribute (a leaf and a
        #: group count a no-op one too, see Text and Group)
        self.decorated = self.normal or bool(fmt)
        self.styled = self.decorated or self.display in _DISPLAYED
        self.affixed = bool(self.prefix or self.suffix)
        self.finishing = self.strip_periods or bool(self.text_case) or self.quotes
        #: whether the body's last mark and the suffix's first merge (``!`` + ``.`` -> ``!``);
        #: a leaf (a variable, term or value) in a font of its own keeps both, as citeproc-js
        #: does (``Easy!.``), dropping only the same mark twice (set by the leaf classes)
        self.suffix_merges = True
        #: how the suffix is marked for the seams after it (set by the leaf classes)
        self.suffix_flags = OWN_SUFFIX
        #: a number, whose suffix keeps a mark after it where the number ends in a digit
        self.number_leaf = False
        #: a number variable, whose parts take a capitalize-first one by one (leaf classes)
        self.number_parts = False
        #: a left-margin or indent display shown (a layout's own child: show_displays)
        self.shows_display = False
        #: a level of citeproc-js's output whose affixes hold parentheses, which a note
        #: style's citation counts (:mod:`.braces`; set by the level classes)
        self.braces_level = False
        self.twin: Node | None = None  # this node with marked affixes (braced)
        #: a leaf (a string to citeproc-js) with a font-style, which it prints only on
        #: text with a letter of a Latin-like script (set by the leaf classes: is_leaf)
        self.leaf_font = False
        #: text case before strip-periods (a leaf: citeproc-js cases a string as it takes
        #: it in, then strips it: "AnatomicalTerms.info" -> "AnatomicalTermsInfo")
        self.cases_first = False
        self.merges_unfonted = True  # whether its suffix merges without the font-style
        self.unfonted: Node | None = None  # this node without its font-style (made on use)

    def render(self, ctx: Ctx) -> Rich:
        raise NotImplementedError

    def is_level(self) -> None:
        """Mark this node as one of citeproc-js's output levels, whose affixes' parentheses
        a note style's citation counts (:mod:`.braces`)."""
        self.braces_level = has_braces(self.prefix) or has_braces(self.suffix)

    def is_leaf(self, merges_unfonted: bool = True) -> None:
        """Mark this node as one of citeproc-js's strings, whose ``font-style`` is dropped
        where its text has no letter or digit of a Latin-like script (``<i>`` never wraps
        乡土中国, and the mark after it merges as after plain text).  *merges_unfonted*:
        whether its suffix merges once the font-style is gone."""
        self.leaf_font = bool(self.fmt & ITALIC) or self.normal
        self.cases_first = True
        self.merges_unfonted = merges_unfonted

    def _unfonted(self) -> Node:
        """This node without its font-style (made on first use, from the finished node)."""
        twin = self.unfonted
        if twin is None:
            twin = copy.copy(self)
            twin.fmt &= ~ITALIC
            twin.normal = False
            twin.fmt_flags = tuple(flag for flag in _FLAGS if twin.fmt & flag)
            twin.decorated = bool(twin.fmt)
            twin.styled = twin.decorated or twin.display in _DISPLAYED
            twin.suffix_merges = self.merges_unfonted
            twin.leaf_font = False
            self.unfonted = twin
        return twin

    def braced(self) -> Self:
        """This node with the parentheses of its affixes marked, rendered in a note style's
        citation in its place (made on first use; its children are this node's)."""
        twin = self.twin
        if twin is not None:
            return cast("Self", twin)
        made = copy.copy(self)
        made.prefix = mark(self.prefix)
        made.suffix = mark(self.suffix)
        made.braces_level = False
        made.unfonted = None  # its own, with these affixes
        self.twin = made
        return made

    def strips_every_period(self) -> bool:
        """Whether ``strip-periods`` takes every period of what this prints (a term's, as
        citeproc-js strips terms), not only those no lower-case letter follows."""
        return False

    def reads(self, acc: set[str], seen: set[int]) -> bool:
        """Add to *acc* every variable this node (and what is under it) can print; False
        where it may do more than print them and count them to its group (names, a
        ``disambiguate`` test...): see :class:`Skip`.  *seen*: the macros being read."""
        return False

    def calls_surely(self, seen: set[int]) -> bool:
        """True where this node calls a variable whatever the work (its group counts it)."""
        return False

    def formatted(self, body: Rich, affixes: bool = True) -> Rich:
        """*body* with this element's formatting and (unless not *affixes*) affixes."""
        runs = body.runs
        if not runs:
            return body
        if self.leaf_font and not any(_ROMANESQUE.search(text) for text, _ in runs):
            return self._unfonted().formatted(body, affixes)
        own = 0
        merge = self.suffix_merges
        # a number (citeproc-js's number blob: a number variable ending in a digit), or
        # content that ends in one, with or without a suffix of its own
        number = self.number_leaf and runs[-1][0][-1:].isdigit()
        if affixes and self.suffix:  # (the suffix's flags: none without one)
            own = self.suffix_flags
            if number or runs[-1][1] & _NUMBER_ENDS:
                own |= NUMBER_SUFFIX
            elif own & LEAF_SUFFIX and not _plain_text(body):
                # a field citeproc-js reads as a tree (quotes, an apostrophe, markup): its
                # suffix merges with its last mark, in a font of its own too ("I’m here!")
                own &= ~LEAF_SUFFIX
                merge = True
        elif number:
            text, flags = runs[-1]
            body = Rich._of((*runs[:-1], (text, flags | NUMBER_END)))
        if not self.styled:
            if not (affixes and self.affixed):
                return body
            return affix(body, self.prefix, self.suffix, merge=merge, own=own)
        if self.normal:
            body = body.with_flags(NORMAL)
        for flag in self.fmt_flags:
            body = body.with_flags(flag)
        display = self.display
        prefix = self.prefix
        if display == "block" and self.shows_display:
            # a layout's own block starts a line of its own, as in citeproc-js's text output
            # (a bilingual entry's translation under the original): before its prefix, but
            # after the marks the prefix starts with (", 36": ",\n 36"; " (2010": "\n (2010");
            # a block deeper down breaks no line there ("T, 36", "T doi:10.1/x")
            head = len(prefix) - len(prefix.lstrip(",.;:!?"))
            prefix = f"{prefix[:head]}\n{prefix[head:]}"
        if affixes:
            body = affix(
                body,
                prefix,
                self.suffix,
                merge=merge,
                decorated=self.decorated,
                own=own,
            )
        if (
            self.suffix_flags & LEAF_SUFFIX
            and self.decorated
            and (not own or body.runs[-1][1] & (SWALLOWED | AFFIX) == SWALLOWED)
        ):
            # a leaf in a font of its own and with no suffix (or one its own last mark
            # took) keeps a delimiter's mark after its own ("Easy!. P") and a prefix's
            # ("Dictionary.. 32nd"), as citeproc-js merges no mark into a decorated
            # string; a group around it makes it an ordinary end again (undecorated_edges)
            runs = body.runs
            body = Rich._of((*runs[:-1], (runs[-1][0], runs[-1][1] | DECORATED)))
        if self.shows_display and display != "block":
            if display == "left-margin":  # a space after it (a label's column)
                body = body + Rich.plain(" ", AFFIX | MARGIN)
            else:  # indent: a line of its own, indented
                body = Rich.plain("\n    ") + body
        return body

    def finish(
        self,
        body: Rich,
        ctx: Ctx,
        language_cased: bool = False,
        cased: bool = True,
        *,
        affixes: bool = True,
    ) -> Rich:
        """Strip periods, text case, quotes, formatting and affixes, in CSL order.

        Title case is left off for a work in another language than English only where
        *language_cased* says the body is one of the variables citeproc-js checks
        (:data:`LANGUAGE_CASED`); terms, labels, numbers and macros are title-cased
        whatever the work's language, as citeproc-js does."""
        if not body.runs:
            return body
        if not self.finishing:
            return self.formatted(body, affixes=affixes)
        late_strip = False
        if self.strip_periods:
            if self.strips_every_period():  # a term or a label loses every period
                body = body.map_text(lambda t: t.replace(".", ""), protect=False)
            elif self.cases_first and self.text_case:
                late_strip = True
            else:
                body = strip_periods(body)
        if self.text_case and cased and not title_case_off(self.text_case, ctx):
            if self.text_case != "title":
                # citeproc-js cases in the work's declared language, else the locale's
                # (Turkish İ in a Turkish style's list of English titles)
                lang = ctx.item.declared_lang or ctx.locale.lang
            else:
                lang = case_language(ctx) if language_cased else "en"
            if (
                self.number_parts
                and self.text_case == "capitalize-first"
                and len(body.runs) == 1
                and NUMBER_JOINERS.search(body.runs[0][0])
            ):
                # citeproc-js cases each part of a number variable ("2nd ed., Corrected")
                text, flags = body.runs[0]
                parts = NUMBER_JOINERS.split(text)
                parts[::2] = [
                    str(apply_case(Rich.plain(p), "capitalize-first", lang)) if p else p
                    for p in parts[::2]
                ]
                body = Rich._of((("".join(parts), flags),))
            else:
                body = apply_case(body, self.text_case, lang, foreign_locale(ctx))
        if late_strip:
            body = strip_periods(body)
        if self.quotes:
            # a mark goes into the quotes of a plain leaf's text (a string to citeproc-js)
            plain = QUOTE_PLAIN if self.suffix_flags & LEAF_SUFFIX and _plain_text(body) else 0
            body = quote(body, ctx.locale)
            runs = body.runs
            end = QUOTE_END | (QUOTE_PIQ | plain if _punct_in_quote(ctx) else 0)
            body = Rich._of((*runs[:-1], (runs[-1][0], runs[-1][1] | end)))
        return self.formatted(body, affixes=affixes)


#: what citeproc-js reads as markup in a field (quotes, an apostrophe), which makes the
#: field a tree of its own rather than a string that a group's mark can go into
_FIELD_MARKUP = frozenset("’‘\"'“”\ue002\ue003\ue004\ue005\ue006\ue007\ue008\ue009")


def _plain_text(body: Rich) -> bool:
    """Whether *body* is one string to citeproc-js: no formatting of its own, no quotes."""
    runs = body.runs
    if len(runs) == 1:
        return _FIELD_MARKUP.isdisjoint(runs[0][0])
    flags = runs[0][1]
    return all(f == flags for _, f in runs) and all(
        _FIELD_MARKUP.isdisjoint(text) for text, _ in runs
    )


def _punct_in_quote(ctx: Ctx) -> bool:
    """Whether punctuation goes inside quotes: the style's default locale says (citeproc-js
    reads it once), or, in citelib's own styles, the work's locale."""
    style = ctx.style
    if "item-locales" in style.options:
        return ctx.locale.option("punctuation-in-quote") == "true"
    return style.locale(style.default_locale).option("punctuation-in-quote") == "true"


def render_children(children: Iterable[Node], ctx: Ctx) -> list[Rich]:
    """The pieces a list of children renders; a ``cs:choose`` gives its branch's pieces.

    Delimiters go between the children of the chosen branch as if they were the
    parent's own, as CSL processors join them.
    """
    parts: list[Rich] = []
    for child in children:
        if isinstance(child, Choose):
            parts.extend(child.render_list(ctx))  # its own children mark what they print
        else:
            part = child.render(ctx)
            parts.append(part)
            if part.runs and child.prints:
                ctx.predecessor = True
    return parts


def _render_parts(children: Iterable[Node], ctx: Ctx, parts: list[Rich]) -> None:
    """Add to *parts* the non-empty pieces :func:`render_children` would give: what
    :func:`~.rich.join` keeps of them."""
    for child in children:
        if type(child) is Choose:
            for branch in child.branches:
                if branch.holds(ctx):
                    _render_parts(branch.body, ctx, parts)
                    break
        else:
            part = child.render(ctx)
            if part.runs:
                parts.append(part)
                if child.prints:
                    ctx.predecessor = True


# ----------------------------------------------------------------------------
# conditions


# (the en dash apart from the class: a class of marks beyond Latin-1 compiles ten times slower)
_NUMERIC_RE = LazyPattern(r"[A-Za-z]*\d+[A-Za-z]*(?:\s*(?:[-,&]|–|and)\s*[A-Za-z]*\d+[A-Za-z]*)*")


def is_numeric(value: object) -> bool:
    """CSL "numeric" content: numbers, maybe with affixed letters, joined by - , & or "and".

    A backslash-escaped hyphen joins one number (``18\\-2424``), as in citeproc-js.
    """
    if value is None:
        return False
    if type(value) is str and value.isdigit() and value.isascii():
        return True  # (most: a number alone)
    text = str(value).strip().replace("\\-", "")
    return bool(_NUMERIC_RE.fullmatch(text))


Test = Callable[[Ctx], bool]

#: the variables citeproc-js holds as numbers (CSL.NUMERIC_VARIABLES): it tests them with
#: ``is-numeric`` (any other variable is never numeric to it: a date, a genre of digits),
#: and renders their parts one by one (``2nd ed., corrected``: two parts, each cased)
CITEPROC_JS_NUMERIC = frozenset(
    [
        "call-number",
        "chapter-number",
        "collection-number",
        "division",
        "edition",
        "page",
        "issue",
        "locator",
        "locator-extra",
        "number",
        "number-of-pages",
        "number-of-volumes",
        "part-number",
        "printing-number",
        "section",
        "supplement-number",
        "version",
        "volume",
        "supplement",
        "citation-number",
    ]
)
#: what parts a number variable's value (citeproc-js's joiners but a range's hyphen)
NUMBER_JOINERS = LazyPattern(r"(\s*&\s*|,\s+and\s+|\s+and\s+|;\s+|,\s+)")


class Condition:
    """A ``cs:if`` / ``cs:else-if`` / ``cs:else`` branch: its tests and its children."""

    __slots__ = ("tests", "match", "body", "holds")

    def __init__(self, el: Element, style: Style) -> None:
        self.match = el.get("match", "all")
        self.tests: list[Test] = []
        for attr, value in el.attrib.items():
            if attr == "type":
                # citeproc-js: the types of one attribute are alternatives whatever the
                # match ("thesis manuscript" with match="all" is either, not both)
                self.tests.append(_type_test(str(value).split()))
                continue
            present: list[str] = []  # the ordinary variables of a variable="..."
            for v in str(value).split():
                if attr == "variable" and RENAMED_VARIABLES.get(v, v) not in SPECIAL_VARIABLES:
                    present.append(RENAMED_VARIABLES.get(v, v))
                elif t := _make_test(str(attr), v):
                    self.tests.append(t)
            if present:  # tested in one, where the attribute is (a disambiguate test counts)
                self.tests.append(_presence_test(tuple(present), self.match))
        self.body = compile_children(el, style)
        #: whether the branch is taken (a single test of match="all" or "any" is itself)
        self.holds: Test = (
            self.tests[0] if len(self.tests) == 1 and self.match in ("all", "any") else self._holds
        )

    def _holds(self, ctx: Ctx) -> bool:
        match = self.match
        if match == "any":
            for test in self.tests:
                if test(ctx):
                    return True
            return not self.tests
        none = match == "none"
        for test in self.tests:  # noqa: SIM110 - a loop, not a generator per call: hot path
            if (not test(ctx)) is not none:  # "all": one fails; "none": one holds
                return False
        return True


def _presence_test(names: tuple[str, ...], match: str) -> Test:
    """The tests ``variable="a b"`` of a condition in one: whether the work has each of
    *names* (``match="all"``), or one of them (``any``; ``none``: its negation, which the
    condition negates back).  The tests have no side effects: their order is free."""
    if len(names) == 1:
        name = names[0]
        return lambda ctx: ctx.item.vars.get(name) is not None
    if match == "all":

        def every(ctx: Ctx) -> bool:
            get = ctx.item.vars.get
            for name in names:  # noqa: SIM110 - a loop, not a generator per call: hot path
                if get(name) is None:
                    return False
            return True

        return every

    def some(ctx: Ctx) -> bool:
        get = ctx.item.vars.get
        for name in names:  # noqa: SIM110 - a loop, not a generator per call: hot path
            if get(name) is not None:
                return True
        return False

    return some


def _type_test(types: list[str]) -> Test:
    """Whether the work is one of *types* (CSL types, or citelib's subtypes)."""
    from ..model import SUBTYPES

    main = frozenset(t for t in types if t not in SUBTYPES)
    sub = frozenset(t for t in types if t in SUBTYPES)
    if not sub:
        return lambda ctx: ctx.item.type in main
    return lambda ctx: ctx.item.type in main or ctx.item.subtype in sub


def _first_part(ctx: Ctx, variable: str) -> tuple[int, ...] | None:
    from ..model import Date

    value = ctx.value(variable)
    if isinstance(value, Date) and value.parts:
        return value.parts[0]
    return None


def _make_test(attr: str, v: str) -> Test | None:
    from ..model import Date

    v = RENAMED_VARIABLES.get(v, v) if attr in ("variable", "is-numeric") else v
    if attr == "variable":
        if v == "locator":
            return lambda ctx: bool(ctx.cite.locator)
        if v == "year-suffix":
            return lambda ctx: bool(ctx.item.year_suffix)
        if v == "citation-label":
            # the work's own label: the one citeproc-js makes from names and year is
            # printed by cs:text but tested nowhere (a style's "citation-label, else
            # author" prints the author)
            return lambda ctx: bool(ctx.item.vars.get("citation-label"))
        if v in SPECIAL_VARIABLES:
            return lambda ctx: ctx.value(v, suppressed=False) is not None
        return lambda ctx: ctx.item.vars.get(v) is not None
    if attr == "is-numeric":
        from .numbers import NUMBER_VARIABLES, number_info

        if v == "title":  # citeproc-js: a title that ends in a digit
            return lambda ctx: str(ctx.value(v) or "")[-1:].isdigit()
        if v not in NUMBER_VARIABLES:
            if v not in CITEPROC_JS_NUMERIC:
                return lambda ctx: False  # a date, names, any other text: never numeric
            return lambda ctx: is_numeric(ctx.value(v))

        def numeric(ctx: Ctx) -> bool:
            value = ctx.value(v)
            if not isinstance(value, str):
                return False
            info = number_info(value, v, ctx.locale, ctx.cite.label)
            return is_numeric(value) if info is None else info.numeric

        return numeric
    if attr == "is-uncertain-date":

        def uncertain(ctx: Ctx) -> bool:
            value = ctx.value(v)
            return isinstance(value, Date) and value.circa

        return uncertain
    if attr == "has-day":
        return lambda ctx: (part := _first_part(ctx, v)) is not None and part[2] > 0
    if attr == "has-year-only":
        return lambda ctx: (part := _first_part(ctx, v)) is not None and part[1] == 0
    if attr == "locator":
        return lambda ctx: (
            bool(ctx.cite.locator) and (ctx.cite.label or "page") == v.replace("-", " ")
        )
    if attr == "position":
        return lambda ctx: _position(ctx, v)
    if attr == "disambiguate":
        return _disambiguate_test
    return None


def _disambiguate_test(ctx: Ctx) -> bool:
    """``disambiguate="true"``: the first n such tests hold, n chosen by disambiguation."""
    if ctx.mode == "bibliography":
        limit = ctx.item.disambiguation.disambiguate
    else:
        ctx.disamb_max += 1
        limit = ctx.settings.disambiguate
    if limit and ctx.disamb_count < limit:
        ctx.disamb_count += 1
        return True
    return False


def _position(ctx: Ctx, v: str) -> bool:
    if ctx.mode != "citation":
        return False
    pos = ctx.cite.position
    if v == "first":
        return pos == "first"
    if v == "subsequent":
        return pos != "first"
    if v == "ibid":
        return pos in ("ibid", "ibid-with-locator")
    if v == "ibid-with-locator":
        return pos == "ibid-with-locator"
    if v == "near-note":
        return pos != "first" and ctx.cite.near_note
    return False


class Choose(Node):
    """``cs:choose``: the first branch whose conditions hold."""

    __slots__ = ("branches",)

    def __init__(self, el: Element, style: Style) -> None:
        super().__init__(el)
        self.branches = [Condition(c, style) for c in el]
        self.prints = False

    def branch(self, ctx: Ctx) -> Condition | None:
        for branch in self.branches:
            if branch.holds(ctx):
                return branch
        return None

    def render_list(self, ctx: Ctx) -> list[Rich]:
        branch = self.branch(ctx)
        return render_children(branch.body, ctx) if branch is not None else []

    def render(self, ctx: Ctx) -> Rich:
        return join(self.render_list(ctx))

    def reads(self, acc: set[str], seen: set[int]) -> bool:
        return all(
            _disambiguate_test not in branch.tests
            and all(child.reads(acc, seen) for child in branch.body)
            for branch in self.branches
        )

    def calls_surely(self, seen: set[int]) -> bool:
        """True where a branch is always taken (a ``cs:else``) and every branch that can be
        calls a variable for sure."""
        for branch in self.branches:
            if not any(child.calls_surely(seen) for child in branch.body):
                return False
            if not branch.tests:
                return True  # cs:else: the branches after it are never taken
        return False


class Skip:
    """When a group (or a macro call) is suppressed for sure, without rendering it.

    A group whose children call a variable whatever the branches taken (a ``cs:text``,
    ``cs:number`` or ``cs:date`` of its own, or such a group), whose every nested group
    does too, and whose every node only prints (text, terms, labels, numbers, dates,
    conditions without ``disambiguate``; no names) is suppressed when none of the
    variables it can print is there: each variable it calls counts as called and
    empty, each nested group as a suppressed one, and what it printed is dropped.
    Rendering it would only count one called variable to its parent, which is what
    :meth:`skips` does instead."""

    __slots__ = ("ordinary", "special")

    def __init__(self, variables: set[str]) -> None:
        self.ordinary = frozenset(v for v in variables if v not in SPECIAL_VARIABLES)
        self.special = tuple(v for v in variables if v in SPECIAL_VARIABLES)

    @staticmethod
    def of(children: list[Node], seen: set[int] | None = None) -> Skip | None:
        """The skip test of a group of *children*; None where it cannot be skipped."""
        seen = set() if seen is None else seen
        acc: set[str] = set()
        if _group_reads(children, acc, seen):
            return Skip(acc)
        return None

    def skips(self, ctx: Ctx) -> bool:
        """True if none of the variables is there (the group then counts as a suppressed
        one to its parent)."""
        if not self.ordinary.isdisjoint(ctx.item.vars):
            return False  # a variable there (or one a substitute used up: rendered)
        for name in self.special:
            if ctx.value(name) is not None:
                return False
        ctx.var_frames[-1][0] += 1
        return True


def _group_reads(children: list[Node], acc: set[str], seen: set[int]) -> bool:
    """:meth:`Node.reads` for a group of *children*: also False unless they surely call a
    variable (a group that calls none may print its terms)."""
    return all(child.reads(acc, seen) for child in children) and any(
        child.calls_surely(seen) for child in children
    )


# ----------------------------------------------------------------------------
# group, macro


class Group(Node):
    """``cs:group``: rendered only if a variable it calls renders, or it calls none."""

    __slots__ = ("children", "delimiter", "skip", "analysed", "outer_suffix")

    def __init__(self, el: Element, style: Style) -> None:
        super().__init__(el)
        self.children = compile_children(el, style)
        self.decorated = _decorated(el)  # a no-op attribute counts (_inner_affix_apart)
        self.delimiter = el.get("delimiter", "")
        self.prints = False
        self.skip: Skip | None = None  # set on first render (macros may not be filled yet)
        self.analysed = False
        #: the suffix of a list's layout, where it goes after this group's own
        #: (:meth:`.style.Layout.suffix_to_last_group`)
        self.outer_suffix = ""
        self.is_level()

    def reads(self, acc: set[str], seen: set[int]) -> bool:
        return _group_reads(self.children, acc, seen)

    def calls_surely(self, seen: set[int]) -> bool:
        return any(child.calls_surely(seen) for child in self.children)

    def render(self, ctx: Ctx) -> Rich:
        if self.braces_level and ctx.braces:
            return self.braced().render(ctx)
        if not self.analysed:
            self.skip = Skip.of(self.children)
            self.analysed = True
        if self.skip is not None and self.skip.skips(ctx):
            return EMPTY
        if ctx.dates_only:
            # a sort key of a macro with a date: its dates alone, no group's affixes or
            # delimiters (citeproc-js's "macro with date" renders through empty tokens)
            return render_as_group(self.children, ctx)
        body = render_as_group(self.children, ctx, self.delimiter)
        if not body.runs:
            return body
        if self.decorated and not self.suffix:
            body = _inner_affix_apart(body)
        if self.decorated and not self.prefix:
            body = _inner_prefix_apart(body)
        if self.styled or self.affixed:
            body = self.formatted(body)
        if self.outer_suffix:
            # the layout's suffix goes before a left-margin's space, as citeproc-js's
            # display decoration wraps the blob with its affixes ("Tucson." not "Tucson .")
            margin = body.runs[-1] if body.runs[-1][1] & MARGIN else None
            if margin is not None:
                body = Rich._of(body.runs[:-1])
            body = affix(nested(body), "", self.outer_suffix, own=OWN_SUFFIX)
            if margin is not None:
                body = Rich._of((*body.runs, margin))
        return body


def _decorated(el: Element, *, font_style: bool = True) -> bool:
    """Whether *el* sets a formatting attribute, a no-op one too (font-variant="normal"):
    citeproc-js then decorates its blob, and a prefix after an affix inside it does not
    merge (:func:`_inner_affix_apart`)."""
    return any(
        el.get(name) is not None
        for name in (
            "font-style",
            "font-variant",
            "font-weight",
            "text-decoration",
            "vertical-align",
        )
        if font_style or name != "font-style"
    )


def _inner_prefix_apart(body: Rich) -> Rich:
    """*body* (a decorated group's or macro call's, without a prefix of its own) with a
    prefix a child starts it with kept inside citeproc-js's decorated blob: no mark before
    the blob merges with it ("/.. Consulté")."""
    text, flags = body.runs[0]
    if flags & (AFFIX | PREFIX) != AFFIX | PREFIX:
        return body
    return Rich._of(((text, flags | BLOB_START), *body.runs[1:]))


def _inner_affix_apart(body: Rich) -> Rich:
    """*body* (a decorated group's or macro call's, without a suffix of its own) with an
    affix a child ends it with kept apart from a prefix after it, as it sits inside
    citeproc-js's decorated blob ("T:. 10.1/x", "3rd edition.. Hoeber")."""
    runs = body.runs
    if not runs[-1][1] & (AFFIX | SWALLOWED):  # (a suffix its text's last mark took)
        # text: a prefix's mark after the blob stays too ("Dict.. 32")
        return Rich._of((*runs[:-1], (runs[-1][0], runs[-1][1] | BLOB_END)))
    return Rich._of((*runs[:-1], (runs[-1][0], runs[-1][1] | DECORATED)))


def render_as_group(children: Iterable[Node], ctx: Ctx, delimiter: str = "") -> Rich:
    """*children* joined by *delimiter*, or nothing when they call variables and every one
    of them is empty (CSL's group rule; citeproc-js applies it to macro calls too)."""
    frames = ctx.var_frames
    frame = [0, 0]
    frames.append(frame)
    predecessor = ctx.predecessor
    parts: list[Rich] = []
    for child in children:  # _render_parts(children, ctx, parts), one call less a group
        if type(child) is Choose:
            for branch in child.branches:
                if branch.holds(ctx):
                    _render_parts(branch.body, ctx, parts)
                    break
        else:
            part = child.render(ctx)
            if part.runs:
                parts.append(part)
                if child.prints:
                    ctx.predecessor = True
    frames.pop()
    called, rendered = frame
    parent = frames[-1]
    if called and not rendered:
        parent[0] += 1
        # what a suppressed group printed is gone: a term after it is first again
        ctx.predecessor = predecessor
        return EMPTY
    if parts:
        body = parts[0] if len(parts) == 1 else join(parts, delimiter)
        runs = body.runs
        if (runs[0][1] | runs[-1][1]) & EDGE_MARKS:
            body = undecorated_edges(body)
            runs = body.runs
        if runs[-1][1] & NESTING:
            body = nested(body)
        if body.runs:
            parent[0] += called
            # a group that renders counts as rendered content for its parent
            # (citeproc-js: "[Z]" survives a title group whose variables are empty)
            parent[1] += rendered + 1
            return body
    else:
        body = EMPTY
    if not rendered:
        # a group that printed nothing and tried no variable (an empty macro, a choose
        # with no branch taken) leaves its parent as if no variable had been tried:
        # citeproc-js hands a failed group's "variable attempt" up as it is
        parent[0] = 0
        return body
    parent[0] += called
    parent[1] += rendered
    return body


class Macro(Node):
    """``cs:macro``: compiled on first use (macros may call each other)."""

    __slots__ = ("children", "name", "has_date", "skip", "analysed")

    def __init__(self, el: Element, style: Style) -> None:
        super().__init__(el)
        self.name = el.get("name")
        self.children: list[Node] = []
        self.has_date = False
        self.skip: Skip | None = None  # set on first call (Text.render)
        self.analysed = False

    def reads(self, acc: set[str], seen: set[int]) -> bool:
        if id(self) in seen:
            return False  # a macro calling itself: not worth reading
        seen.add(id(self))
        try:
            return _group_reads(self.children, acc, seen)
        finally:
            seen.discard(id(self))

    def calls_surely(self, seen: set[int]) -> bool:
        if id(self) in seen:
            return False
        seen.add(id(self))
        try:
            return any(child.calls_surely(seen) for child in self.children)
        finally:
            seen.discard(id(self))

    def fill(self, el: Element, style: Style) -> None:
        self.children = compile_children(el, style)
        self.has_date = next(el.iter(NS + "date"), None) is not None

    def render(self, ctx: Ctx) -> Rich:
        """The macro's children, suppressed as a group's are (citeproc-js renders each
        macro call as an implicit group): terms alone when every variable it calls is
        empty print nothing.

        In a sort key, a macro with a ``cs:date`` in it keys by its dates alone, as
        citeproc-js's "macro with date" does: its text, numbers and names add nothing
        (so "n.d." ties with an empty key), until it ends."""
        if ctx.sorting and self.has_date:
            ctx.dates_only = True
            out = render_as_group(self.children, ctx)
            ctx.dates_only = False
            if out.runs and _BETWEEN_KEYS.search(str(out)):
                # two date keys run together, no affix or delimiter between them (an issued
                # date and an accessed one make one run of digits, compared by value, as in
                # citeproc-js)
                out = Rich.plain(_BETWEEN_KEYS.sub("", str(out)))
            return out
        return render_as_group(self.children, ctx)


# ----------------------------------------------------------------------------
# text


_ESCAPED = LazyPattern(r"\\([^\w\s])")
_URL_SHORT = LazyPattern(r"(.*\.[^/]+)/.*")
_URL_SCHEME = LazyPattern(r"https?://")
_PAGE_FIRST = LazyPattern(r"\s*[-–—,&]\s*")


_SPACE_BEFORE_MARK = LazyPattern(r" (?=[:;?!\u00bb])")


def narrow_spaces(text: str) -> str:
    """A space before ``: ; ? ! »`` and after ``«`` as a narrow no-break space, as
    citeproc-js writes every text it prints (French typography: ``Titre\u202f: sous-titre``,
    ``«\u202fx\u202f»``); affixes and delimiters are left as the style wrote them."""
    if " " not in text:
        return text
    if "\u00ab " in text:
        text = text.replace("\u00ab ", "\u00ab\u202f")
    if " :" in text or " ;" in text or " ?" in text or " !" in text or " \u00bb" in text:
        return _SPACE_BEFORE_MARK.sub("\u202f", text)
    return text


#: the letters citeproc-js counts as a Latin-like script's (its ROMANESQUE regular
#: expressions), as a character-class body
ROMANESQUE_LETTERS = (
    "a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4"
    "\u05d6-\u05ff\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218-\u021b"
    "\u202a-\u202e"
)
#: text of a Latin-like script (ROMANESQUE_REGEXP, digits and hyphens too): a string
#: without one takes no font-style (Node.is_leaf)
_ROMANESQUE = LazyPattern(f"[-0-9{ROMANESQUE_LETTERS}]")


def _number_field(variable: str) -> bool:
    """Whether a ``cs:text`` prints *variable* as a number field of its own (citeproc-js's
    outputNumericField: one of its output levels, see :mod:`.braces`): a number variable,
    or the cite's locator."""
    from .numbers import EMBEDDED_NUMBER_VARIABLES  # (numbers imports this module)

    return variable in EMBEDDED_NUMBER_VARIABLES or variable in ("locator", "locator-extra")


def _by_depth(body: Rich, ctx: Ctx) -> Rich:
    """*body* with the curly quotes of its fields read by depth (:func:`_quotes_by_depth`)."""
    table = _quotes_by_depth(ctx.style.locale(ctx.style.default_locale))
    if not table:
        return body
    return body.map_text(lambda t: t.translate(table), protect=False)


@lru_cache(maxsize=16)
def _quotes_by_depth(locale: Locale) -> dict[int, str]:
    """The curly quotes of a field that are quotes in *locale* (its outer or inner
    opening glyph: “ and ‘ in English, neither in German) as straight ones, which take
    their glyphs by depth (textcase.resolve_quotes)."""
    opening = (locale.term("open-quote") or "“", locale.term("open-inner-quote") or "‘")
    table: dict[int, str] = {}
    if "“" in opening:
        table.update({0xE006: "\ue002", 0xE007: "\ue003"})
    if "‘" in opening:
        table.update({0xE008: "\ue004", 0xE009: "\ue005"})
    return table


#: a field's quotes (read as straight ones, :func:`_by_depth`) as a style's: outer quotes
#: inside any other (textcase.resolve_quotes)
_OUTER_QUOTES = {0xE002: "\ue000", 0xE003: "\ue001", 0xE004: "\ue000", 0xE005: "\ue001"}


def unescape(text: str) -> str:
    """Drop backslash escapes before punctuation (``89\\-670`` → ``89-670``)."""
    return _ESCAPED.sub(r"\1", text) if "\\" in text else text


def _value_text(body: Rich) -> Rich:
    """A style's text value, its leading mark marked where more text follows it (``. (In:``,
    not ``. ``): citeproc-js merges that mark with the one before it (:data:`VALUE_LEAD`)."""
    runs = body.runs
    if not runs:
        return body
    text, flags = runs[0]
    if text[0] not in ".;:!?" or not "".join(t for t, _ in runs)[1:].strip(" .,;:!?"):
        return body
    head = (
        ((text[0], flags | VALUE_LEAD), (text[1:], flags))
        if len(text) > 1
        else ((text, flags | VALUE_LEAD),)
    )
    return Rich._of((*head, *runs[1:]))


class Text(Node):
    """``cs:text``: a variable, a macro, a term or a value."""

    __slots__ = (
        "kind",
        "arg",
        "form",
        "plural",
        "macro",
        "constant",
        "language_cased",
        "reads_quotes",
        "decorated_call",
    )

    def __init__(self, el: Element, style: Style) -> None:
        super().__init__(el)
        self.form = el.get("form", "long")
        self.plural = el.get("plural") == "true"
        self.macro: Macro | None = None
        if "variable" in el.attrib:
            self.kind = "variable"
            name = el.get("variable", "")
            self.arg = RENAMED_VARIABLES.get(name, name)
        elif "macro" in el.attrib:
            self.kind, self.arg = "macro", el.get("macro", "")
            self.macro = style.macro(self.arg)
        elif "term" in el.attrib:
            self.kind, self.arg = "term", el.get("term", "")
        else:
            self.kind, self.arg = "value", el.get("value", "")
        self.prints = self.kind != "macro" and not (
            self.kind == "variable" and self.arg == "citation-number"
        )
        # quotes and markup in a style's own text read as in a field (“friend”, <b>)
        self.constant = (
            parse_markup(narrow_spaces(smart_apostrophes(self.arg)))
            if self.kind == "value"
            else EMPTY
        )
        self.language_cased = self.arg in LANGUAGE_CASED
        #: a quotes attribute, true or false: citeproc-js then reads every pair of quotes
        #: in the field by its depth, curly ones too (‘we’ for “we” in an en-GB style),
        #: where without one it keeps curly quotes of their own kind
        self.reads_quotes = self.kind in ("variable", "macro") and "quotes" in el.attrib
        decorated = _decorated(el)
        if self.kind == "value" and not decorated:
            self.constant = _value_text(self.constant)
        self.decorated_call = self.kind == "macro" and decorated
        # (a quotes attribute counts, true or false: citeproc-js reads its presence)
        # any formatting attribute counts, a no-op one too (font-weight="normal"): citeproc-js
        # decorates the string's blob, whose suffix then keeps apart ("Why?. R")
        self.suffix_merges = self.kind == "macro" or not (decorated or "quotes" in el.attrib)
        if self.kind != "macro":
            self.is_leaf(not (_decorated(el, font_style=False) or "quotes" in el.attrib))
            if decorated:  # font-weight="normal" decorates a string's blob too
                self.decorated = self.styled = True
        self.number_parts = self.kind == "variable" and self.arg in CITEPROC_JS_NUMERIC
        if self.kind == "variable" and self.arg in _VARIABLE_KINDS:
            # citeproc-js holds a number variable as a number where it ends in one
            self.number_leaf = self.arg not in _NOT_NUMBERS
            if self.arg in _STRINGS:
                self.suffix_flags = OWN_SUFFIX | LEAF_SUFFIX
        elif self.kind != "macro":
            # a text citeproc-js holds as a string
            self.suffix_flags = OWN_SUFFIX | LEAF_SUFFIX
        if self.kind == "macro" or (self.kind == "variable" and _number_field(self.arg)):
            self.is_level()

    def render(self, ctx: Ctx) -> Rich:
        if self.braces_level and ctx.braces:
            return self.braced().render(ctx)
        kind = self.kind
        if ctx.dates_only and kind != "macro":
            self._render(ctx)  # for the group's variable counts
            return EMPTY
        if kind == "variable":
            body = self.variable(ctx)
            if self.reads_quotes:
                body = _by_depth(body, ctx)
            return self.finish(body, ctx, self.language_cased)
        if kind == "macro":
            macro = self.macro
            if macro is None:
                return EMPTY
            # (in a sort key, inside a macro with a date: this call takes no affixes)
            plain_call = ctx.dates_only
            if not macro.analysed:
                macro.skip = Skip.of(macro.children, {id(macro)})
                macro.analysed = True
            if macro.skip is not None and macro.skip.skips(ctx):
                if ctx.sorting and macro.has_date:
                    ctx.dates_only = False  # as Macro.render leaves it
                return EMPTY
            registry = ctx.style.macro_build_lang
            if not registry:
                if ctx.sorting and macro.has_date:
                    body = macro.render(ctx)
                else:
                    body = render_as_group(macro.children, ctx)
            else:
                key = f"{self.arg}@{ctx.build_lang}" if macro.has_date else self.arg
                outer, outer_key = ctx.build_lang, ctx.build_key
                ctx.build_lang = registry.get(key, outer)
                ctx.build_key = key
                try:
                    body = macro.render(ctx)
                finally:
                    ctx.build_lang, ctx.build_key = outer, outer_key
            if body.runs and self.reads_quotes and not self.quotes:
                # quotes="false": citeproc-js reads the quotes of the fields inside from this
                # call's state, outer ones whatever quotes are set within ("“Goes “old
                # school” now”")
                body = _by_depth(body, ctx).map_text(
                    lambda t: t.translate(_OUTER_QUOTES), protect=False
                )
            if body.runs and self.decorated_call and not self.suffix:
                body = _inner_affix_apart(body)
            if body.runs and self.decorated_call and not self.prefix:
                body = _inner_prefix_apart(body)
            if not body.runs or not (self.finishing or self.styled or self.affixed) or plain_call:
                # (a call inside a sort key's macro with a date takes no affixes: citeproc-js
                # renders it through empty tokens, see Group; the call of a macro with a
                # date from elsewhere keeps its own: ", 1977")
                return body
            # citeproc-js renders a macro call as a group in a group that has the call's
            # affixes: a text-case on it does nothing, and the macro's children are two
            # levels under its suffix
            if self.quotes:  # (quotes="false" read the fields' quotes above)
                body = _by_depth(body, ctx)
            return self.finish(nested(body), ctx, cased=False)
        return self._render(ctx)

    def strips_every_period(self) -> bool:
        return self.kind == "term"

    def reads(self, acc: set[str], seen: set[int]) -> bool:
        if self.kind == "variable":
            if self.arg == "year-suffix":
                return False  # it counts as printed whatever the work (variable below)
            acc.add(self.arg)
            if self.form == "short":
                acc.add(self.arg + "-short")
        elif self.kind == "macro" and self.macro is not None:
            return self.macro.reads(acc, seen)
        return True

    def calls_surely(self, seen: set[int]) -> bool:
        if self.kind == "variable":
            return True
        if self.kind == "macro" and self.macro is not None:
            return self.macro.calls_surely(seen)
        return False

    def _render(self, ctx: Ctx) -> Rich:
        kind = self.kind
        if kind == "value":
            return self.finish(self.constant, ctx)
        if kind == "term":
            t = ctx.locale.term(self.arg, self.form, self.plural)
            if t and not ctx.predecessor and (ctx.mode != "citation" or ctx.style.cls != "in-text"):
                # citeproc-js: a term that is the first thing rendered (in an entry, or in a
                # citation of a note style) starts with a capital: "Ibid."
                t = upper_first(t, ctx.item.declared_lang or ctx.locale.lang)
            return self.finish(Rich.plain(narrow_spaces(smart_apostrophes(t))) if t else EMPTY, ctx)
        if kind == "macro":
            return self.render(ctx)
        return self.finish(self.variable(ctx), ctx, self.language_cased)

    def variable(self, ctx: Ctx) -> Rich:
        numbers = _numbers
        var = self.arg
        if (
            self.form == "short"
            and var not in ctx.suppressed
            and ctx.value(var + "-short") is not None
        ):
            # the short form where the work has one, else the long; a substitute that
            # printed the variable took its short form with it (citeproc-js)
            var = var + "-short"
        value = ctx.value(var)
        frame = ctx.var_frames[-1]
        if not isinstance(value, str):  # absent, or names or a date: cs:text prints neither
            frame[0] += 1  # ctx.note_var(False)
            if var == "year-suffix":
                # citeproc-js counts a year-suffix as printed even where the work has none,
                # so that a "no date" term beside it in a group prints ("n.d.")
                frame[1] += 1
            return EMPTY
        frame[0] += 1  # ctx.note_var(True)
        frame[1] += 1
        if ctx.logs:
            ctx.used(var)
            if var != self.arg:
                # the short form stands for the variable the style names: a substitute
                # that printed "title-short" suppresses "title" after it (citeproc-js)
                ctx.used(self.arg)
        kind = _VARIABLE_KINDS.get(var)
        if kind is None:  # any other variable: rich text
            return parse_markup(narrow_spaces(smart_apostrophes(unescape(value))))
        if kind == _YEAR_SUFFIX:
            ctx.suffix_done = True
            return Rich.plain(value, NUMBER_END)  # a number blob to citeproc-js ("1983a;. P")
        if var in numbers.NUMBER_VARIABLES:
            text = numbers.number_variable_text(ctx, var, value)
            if text is not None:
                text = smart_apostrophes(text)
                body = Rich.plain(text) if var in ("page", "locator") else parse_markup(text)
                return numbers.embed_in_term(numbers.number_blob(body, value), var, value, ctx)
        text = unescape(value)
        if var in ("page", "page-first", "locator"):
            if var == "page-first":
                text = _PAGE_FIRST.split(text)[0]
            else:
                page_format = ctx.style.page_range_format if var == "page" else None
                text = numbers.page_range(text, ctx.locale, page_format)
            body = numbers.number_blob(Rich.plain(smart_apostrophes(text)), value)
            return numbers.embed_in_term(body, var, value, ctx)
        if var == "URL":
            if self.form == "short":
                # citeproc-js's short URL: the host (and path) up to the last "name.ext/",
                # and no scheme before "www."
                text = _URL_SHORT.sub(r"\1", text, count=1)
                if "//www." in text:
                    text = _URL_SCHEME.sub("", text, count=1)
            return Rich.plain(text, LINK_URL | NOCASE)
        if var == "DOI":
            return Rich.plain(text, LINK_DOI | NOCASE)
        if var == "citation-label":
            # the label carries the year suffix (citeproc-js), in the printed cite only
            ctx.suffix_done = True
            if ctx.item.year_suffix and not ctx.just_looking:
                text += ctx.item.year_suffix
            return Rich.plain(text, NOCASE)
        if var in ("ISBN", "ISSN", "PMID", "PMCID", "citation-number"):
            if ctx.sorting and var == "citation-number":
                # citeproc-js pads the number in a sort key's macro to 20 digits, so that
                # "…1983" + "11" sorts after "…1983" + "2" as the number says
                text = text.zfill(20)
            return Rich.plain(text, NOCASE)
        if var in numbers.RANGE_VARIABLES:
            text = numbers.text_ranges(text)
        body = parse_markup(smart_apostrophes(text))
        if var in numbers.NUMBER_VARIABLES:
            body = numbers.number_blob(body, value)
        return numbers.embed_in_term(body, var, value, ctx)


#: the special variables that are not numbers, and those of them held as strings
_NOT_NUMBERS = frozenset(
    ("year-suffix", "URL", "DOI", "citation-label", "ISBN", "ISSN", "PMID", "PMCID")
)
_STRINGS = frozenset(("citation-label", "ISBN", "ISSN", "PMID", "PMCID"))

_YEAR_SUFFIX = 1
_SPECIAL = 2
#: the variables :meth:`Text.variable` prints otherwise than as a field's rich text: these,
#: and the number variables :mod:`.numbers` adds (:func:`register_number_variables`)
_VARIABLE_KINDS = {"year-suffix": _YEAR_SUFFIX} | dict.fromkeys(
    ("page", "page-first", "locator", "URL", "DOI", "citation-label", "ISBN", "ISSN", "PMID",
     "PMCID", "citation-number"),
    _SPECIAL,
)  # fmt: skip


def register_number_variables(names: Iterable[str]) -> None:
    """Print the variables *names* as numbers (split, ranged, embedded in their terms)."""
    _VARIABLE_KINDS.update(dict.fromkeys(names, _SPECIAL))


# ----------------------------------------------------------------------------
# compilation

NodeClass = Callable[[Element, "Style"], Node]
_NODE_TYPES: dict[str, NodeClass] = {}


def register(tag: str, cls: NodeClass) -> None:
    """Compile CSL elements named *tag* with *cls*."""
    _NODE_TYPES[tag] = cls


def compile_element(el: Element, style: Style) -> Node | None:
    """The node for one element (None for elements that render nothing)."""
    cls = _NODE_TYPES.get(el.tag.replace(NS, ""))
    return cls(el, style) if cls is not None else None


def compile_children(el: Element, style: Style) -> list[Node]:
    """The nodes of an element's children, in order."""
    out: list[Node] = []
    for child in el:
        node = compile_element(child, style)
        if node is not None:
            out.append(node)
    return out


register("text", Text)
register("group", Group)
register("choose", Choose)


# numbers imports this module (its nodes register here): bound once both are loaded
from . import numbers as _numbers  # noqa: E402
