"""The processor: numbering, sorting, disambiguation, citations and the list.

A :class:`Processor` holds one compiled :class:`~.style.Style` and the works to
render, each as an :class:`~.item.Item`.  It numbers items in registration order (input order, or
citation order when the caller gives one), sorts the bibliography with the
style's keys (compared as ICU's collation for the style's locale does, as in Zotero -- see
:mod:`.collation`),
disambiguates author-date citations (more names, given names, then year
suffixes 2018a/2018b) and renders entries and citations as
:class:`~.rich.Rich` text.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from .._regex import LazyPattern
from ..model import Date, Name, Work
from .braces import mark as mark_braces
from .braces import resolve as resolve_braces
from .collation import collation_key
from .context import Ctx
from .item import NAME_VARIABLES, Disambiguation, Item, date_sort_key
from .names import NameReg, NameSpec, name_key, render_names
from .nodes import CITEPROC_JS_NUMERIC, render_children
from .rich import (
    AFFIX,
    BOLD,
    EMPTY,
    ITALIC,
    NORMAL,
    SMALLCAPS,
    SUB,
    SUP,
    UNDERLINE,
    Rich,
    affix,
    concat,
    join,
    margin_marks,
    mark_after_quotation,
    nested,
    parse_markup,
    punctuation_in_quote,
    with_label,
)
from .style import Layout, Section, SortKey, Style
from .textcase import resolve_quotes, smart_apostrophes

__all__ = ["CITE_MODES", "CiteRequest", "Processor", "collation_key"]


_DECORATIONS = ITALIC | BOLD | SUP | SUB | SMALLCAPS | UNDERLINE | NORMAL

NO_PRINTED_FORM = "[CSL STYLE ERROR: reference with no printed form.]"

_SORT_NAME = NameSpec(None)  # sort keys render names with no cs:name options of their own


#: what a cite may show: all of it, only the author, all but the author
CITE_MODES = ("normal", "author-only", "suppress-author")


class CiteRequest:
    """One cited item inside a citation, and where it stands in the document.

    ``mode`` is one of :data:`CITE_MODES`.  ``position`` (``first``, ``subsequent``,
    ``ibid``, ``ibid-with-locator``), ``near_note`` and ``first_note`` (the note that
    first cited the item) are set by the document (:mod:`.document`); a lone citation
    is a first cite.
    """

    __slots__ = (
        "id",
        "locator",
        "label",
        "prefix",
        "suffix",
        "mode",
        "position",
        "near_note",
        "first_note",
    )

    def __init__(
        self,
        id: str,
        locator: str | int | None = None,
        label: str | None = None,
        prefix: str = "",
        suffix: str = "",
        mode: str = "normal",
    ) -> None:
        self.id = id
        self.locator = str(locator) if locator is not None and locator != "" else None
        self.label = label or ("page" if self.locator else None)
        self.prefix = prefix
        self.suffix = suffix
        if mode not in CITE_MODES:
            raise ValueError(f"unknown cite mode {mode!r}; known: {', '.join(CITE_MODES)}")
        self.mode = mode
        self.position = "first"
        self.near_note = False
        self.first_note: int | None = None


class Processor:
    """Render one library of works in one style."""

    def __init__(self, style: Style, works: Sequence[Work], *, full_pinyin: bool = False) -> None:
        self.style = style
        self.full_pinyin = full_pinyin
        self.warnings: list[tuple[str | None, str, str]] = []  # (key, code, message)
        self.items: list[Item] = []
        self.by_id: dict[str, Item] = {}
        edition_numbers = "edition-as-number" in style.options
        for i, work in enumerate(works):
            try:
                item = Item(work, i, edition_numbers=edition_numbers)
            except Exception as e:  # noqa: BLE001 - one bad work must not lose the list
                item = Item(Work(id=work.id, type=work.type), i)
                item.problems.append(("bad-entry", f"unusable work: {e}"))
            for code, message in item.problems:
                self.warnings.append((item.id, code, message))
            if item.id in self.by_id:
                self.warnings.append(
                    (item.id, "duplicate-key", "duplicate id; the first item with it is cited")
                )
            else:
                self.by_id[item.id] = item
            self.items.append(item)
        self.order: list[Item] = list(self.items)
        # sort keys compare as ICU's collation for the style's locale (citeproc-js), with
        # the options the style declares (citelib:sort-cjk-first, citelib:sort-surname-readings)
        self._sort_locale = style.sort_locale
        self._cjk_first = "sort-cjk-first" in style.options
        self._surname_readings = "sort-surname-readings" in style.options
        self._prepared = False
        self._last_author: tuple[str, ...] | None = None
        self.namereg: NameReg | None = None
        self._looks: dict[tuple[str, tuple[Any, ...], tuple[int, ...]], _Look] = {}
        self._pkeys: dict[str, tuple[str, ...]] = {}
        self._unlooked: set[str] = set()  # works whose config is not worked out yet
        self.registered: list[Item] = []
        self._fresh_citation = True
        self._braces = False  # rendering a note style's citation (.braces)

    # ------------------------------------------------------------------
    # setup

    def register(self, ids: Sequence[str] | None = None) -> None:
        """Fix the list: all items in input order, or just ``ids`` in citation order."""
        if ids is not None:
            seen: set[str] = set()
            chosen: list[Item] = []
            for key in ids:
                item = self.by_id.get(key)
                if item is None:
                    self.warnings.append((key, "unknown-key", "cited key not in the library"))
                    continue
                if key not in seen:
                    seen.add(key)
                    chosen.append(item)
            registered = chosen
        else:
            registered = list(self.items)
        for it in self.items:
            it.number = None
        for i, it in enumerate(registered):
            it.number = i + 1
        self.registered = registered  # citeproc-js's registry order (mylist)
        try:
            # the names every cite shows are registered before the list is sorted: a
            # sort key shows a given name as the list does (citeproc-js registers names as
            # it inserts works, then keys them: "Fairbank, John K." before "John King")
            self._register_all_names()
        except Exception as e:  # noqa: BLE001
            self.namereg = None
            self.warnings.append((None, "render-failed", f"cannot register names ({e})"))
        bib = self.style.bibliography
        ordered = registered
        if bib is not None and bib.sort:
            try:
                ordered = self.sort(registered, bib)
            except Exception as e:  # noqa: BLE001 - an odd value must not lose the list
                self.warnings.append(
                    (None, "render-failed", f"cannot sort the list ({e}); input order kept")
                )
            if not any(k.variable == "citation-number" for k in bib.sort):
                for i, it in enumerate(ordered):
                    it.number = i + 1
        self.order = ordered
        self._last_author = None
        try:
            self._disambiguate()
        except Exception as e:  # noqa: BLE001
            self.warnings.append((None, "render-failed", f"cannot disambiguate citations ({e})"))
        self._prepared = True

    def _ctx(self, item: Item, section: Section) -> tuple[Ctx, Layout]:
        layout, locale = self.style.layout_for(section, item.lang, item.declared_lang)
        ctx = Ctx(
            item, locale, self.style, section.kind, section.name_options, section.names_delimiter
        )
        ctx.full_pinyin = self.full_pinyin
        ctx.namereg = self.namereg
        ctx.build_lang = layout.build_lang
        ctx.build_key = f"@{layout.build_lang}"
        return ctx, layout

    # ------------------------------------------------------------------
    # sorting

    def sort(self, items: list[Item], section: Section) -> list[Item]:
        """*items* in the order of *section*'s keys.  A key is rendered only for the works
        whose earlier keys tie with another's (most lists never need the second key)."""
        sort_keys = section.sort
        memo: dict[tuple[int, int], Any] = {}
        reg = self.namereg
        if reg is not None and reg.add_given and reg.rule != "by-cite":
            # citeproc-js keys every work by every key, and each name a key renders joins
            # the registry that decides given names across works (Chiang Kai-shek, whom a
            # sort macro shows, makes a citation "Yi-Lin Chiang 2022"): the keys that
            # can show names are rendered for every work, the others only where needed
            for i, key in enumerate(sort_keys):
                if (
                    key.variable in NAME_VARIABLES
                    if key.variable
                    else key.macro is not None and self.style.shows_names(key.macro.name or "")
                ):
                    for it in items:
                        memo[id(it), i] = self._sort_value(it, key, section)

        def value_of(it: Item, i: int) -> Any:
            found = memo.get((id(it), i), memo)
            return self._sort_value(it, sort_keys[i], section) if found is memo else found

        def ordered(group: list[Item], i: int) -> list[Item]:
            # by key i, works without one last (ascending or descending); each run of
            # equal keys by the keys after it; Python's sort is stable, so what ties on
            # every key stays in registration order
            if i == len(sort_keys) or len(group) < 2:
                return group
            values = {id(it): value_of(it, i) for it in group}
            keyed = [it for it in group if values[id(it)] is not None]
            keyed.sort(key=lambda it: values[id(it)], reverse=sort_keys[i].descending)
            out: list[Item] = []
            start = 0
            while start < len(keyed):
                value = values[id(keyed[start])]
                end = start + 1
                while end < len(keyed) and values[id(keyed[end])] == value:
                    end += 1
                out += ordered(keyed[start:end], i + 1)
                start = end
            out += ordered([it for it in group if values[id(it)] is None], i + 1)
            return out

        return ordered(sorted(items, key=lambda it: it.index), 0)

    def _sort_value(self, item: Item, key: SortKey, section: Section) -> Any:
        ctx, _ = self._ctx(item, section)
        # sort keys are rendered in the style's default locale (as citeproc-js
        # does), so "Anon" and "佚名" sort together
        ctx.locale = self.style.locale(self.style.default_locale)
        ctx.sorting = True
        ctx.sort_options = key.name_options
        if key.variable:
            var = key.variable
            if var == "citation-number":
                return (0, (), item.number or 0)
            # (a citation label and a first page are made from other variables where the
            # work gives none: citeproc-js keys them as it prints them)
            value = (
                ctx.value(var) if var in ("citation-label", "page-first") else item.vars.get(var)
            )
            if value is None:
                return None
            if var in NAME_VARIABLES and isinstance(value, tuple):
                text = str(render_names(value, _SORT_NAME, ctx)[0])
                return self._text_key(text)
            if isinstance(value, Date):
                # a literal date keys nothing (citeproc-js finds no year in it): last
                return (0, (), date_sort_key(value)) if value.parts else None
            text = str(value)
            if var in CITEPROC_JS_NUMERIC:
                # citeproc-js keys a number variable by the first whole number in it
                # (CSL.Util.padding): issue "4-5" as 4, "Suppl. 2" as 2; else as text
                found = _FIRST_NUMBER.search(text)
                if found:
                    n = int(found.group(1))
                    return (0, (), f"{n if n >= 0 else 99999999999999999999 + n:020d}")
            elif text.isdigit():
                return (0, (), f"{int(text):012d}")
            return self._text_key(re.sub(r"<[^>]+>", "", text))
        if key.macro is not None:
            try:
                text = str(key.macro.render(ctx))
            except Exception:  # noqa: BLE001
                return None
            if not text:
                return None
            return self._text_key(text)
        return None

    def _text_key(self, text: str) -> tuple[Any, ...] | None:
        """A rendered key as citeproc-js compares it: each ASCII space a ``|`` (a symbol, so
        not ignored: "Gold M" before "Goldberg J F"), a leading one too (an affix's space:
        " Poesie" before "Amor"), one more at the end; empty or blank: no key."""
        if not text.strip():
            return None
        key = collation_key(
            "|".join(text.split(" ")) + "|",
            self._sort_locale,
            surname_readings=self._surname_readings,
            cjk_first=self._cjk_first,
        )
        return (1, *key)

    # ------------------------------------------------------------------
    # disambiguation

    def _register_all_names(self) -> None:
        """A fresh name registry holding the names of every registered work's cite (the
        first step of disambiguation)."""
        for it in self.items:
            it.year_suffix = None
            it.disambiguation = Disambiguation()
        self.namereg = None
        self._looks.clear()
        self._pkeys.clear()
        self._unlooked.clear()
        cit = self.style.citation
        if cit is None:
            return
        add_given = cit.opt("disambiguate-add-givenname") == "true"
        rule = cit.opt("givenname-disambiguation-rule", "by-cite") or "by-cite"
        reg = self.namereg = NameReg(add_given, rule, self.style.demote_ndp == "never")
        # with given names added under a rule across works, every name as cited first, so
        # that each ambiguity key sees all of them.  Under "by-cite" (one registry per work)
        # a work registers its names as its first cite renders them, as citeproc-js does
        # (each in the style's own form then: names.NameReg), and a work whose names all
        # have different families never needs its registry
        if add_given:
            for it in self.registered:
                if rule != "by-cite":
                    self._register_names(it)
                elif not _repeats_family(it, reg):
                    reg.single.add(it.id)

    def _disambiguate(self) -> None:
        """Disambiguate the registered cites as citeproc-js does (see :class:`_Disambiguator`),
        the names registered (:meth:`_register_all_names`)."""
        cit = self.style.citation
        if cit is None:
            return
        reg = self.namereg
        add_given = reg is not None and reg.add_given
        rule = reg.rule if reg is not None else "by-cite"
        registered = self.registered
        runner = _Disambiguator(self, cit, add_given, rule)
        if not runner.modes and not add_given:
            # nothing to disambiguate with, and names look nobody up: each work's config
            # is its cite's own, worked out when a cite is rendered (a list needs none)
            self._unlooked = {it.id for it in registered}
            return
        groups: dict[str, list[Item]] = {}
        for it in registered:
            text, config, _ = self._ambiguous(it, None)
            it.disambiguation = config
            groups.setdefault(text, []).append(it)
        if runner.modes:
            for group in groups.values():
                if len(group) > 1:
                    runner.run(group)
        for it in registered:
            ys = it.disambiguation.year_suffix
            it.year_suffix = _suffix(ys) if ys is not None else None

    def _config(self, item: Item) -> Disambiguation:
        """What disambiguation chose for *item*'s cites."""
        if item.id in self._unlooked:
            self._unlooked.discard(item.id)
            _, item.disambiguation, _ = self._ambiguous(item, None)
        return item.disambiguation

    def _families(self, item: Item) -> tuple[str, ...]:
        """The registry's family keys of the names of *item* whose given names it can
        change (under a ``primary-name`` rule, the first of each list)."""
        pkeys = self._pkeys.get(item.id)
        if pkeys is None:
            reg = self.namereg
            assert reg is not None
            first_only = reg.rule.startswith("primary-")
            pkeys = self._pkeys[item.id] = tuple(
                reg.scoped(item.id, reg.family(name))
                for names in item.vars.values()
                if type(names) is tuple  # only name variables hold tuples
                for name in (names[:1] if first_only else names)
            )
        return pkeys

    def _ambiguous(
        self, item: Item, config: Disambiguation | None
    ) -> tuple[str, Disambiguation, _Look]:
        """The cite of *item* as disambiguation compares it (citeproc-js getAmbiguousCite):
        in its subsequent form, without formatting, and with dates other than ``issued``
        blank; under *config*, which the rendering updates, or a fresh one.

        A cite depends only on the work, the config it is rendered under and the name
        registry, so one rendered again under the same three is looked up, not rendered."""
        reg = self.namereg
        state: tuple[int, ...] = ()
        pkeys: tuple[str, ...] = ()
        if reg is not None and reg.add_given and item.id not in reg.single:
            # else the names of this work never read the registry
            pkeys = self._families(item)
            state = reg.state(pkeys)
        config_key = _config_key(config)
        key = (item.id, config_key, state)
        look = self._looks.get(key)
        if look is None:
            look = self._look(item, config)
            self._looks[key] = look
            if reg is not None and pkeys and len(set(pkeys)) == len(pkeys):
                # each name added to the registry before its own level is read, and no
                # other name of the work in its entry: the registry as it is now gives
                # the same cite
                self._looks[(item.id, config_key, reg.state(pkeys))] = look
        after = look.settings
        if config is None:
            return look.text, after.clone(), look
        config.names = list(after.names)
        config.givens = [list(g) for g in after.givens]
        config.year_suffix = after.year_suffix
        config.disambiguate = after.disambiguate
        return look.text, config, look

    def _ambiguity_ctx(self, item: Item) -> tuple[Ctx, Layout]:
        """A context for *item*'s cite as disambiguation compares it: subsequent, near
        the last note, dates other than ``issued`` blank, not the printed cite."""
        cit = self.style.citation
        assert cit is not None
        ctx, layout = self._ctx(item, cit)
        ctx.cite.position = "subsequent"
        ctx.cite.near_note = True
        ctx.blank_dates = True
        ctx.just_looking = True
        return ctx, layout

    def _register_names(self, item: Item) -> None:
        """Put the names *item*'s cite shows into the name registry."""
        ctx, layout = self._ambiguity_ctx(item)
        ctx.registering = True
        # as in _look, a work whose cite cannot be rendered is left out, not fatal
        with contextlib.suppress(Exception):
            render_children(layout.children, ctx)

    def _look(self, item: Item, config: Disambiguation | None) -> _Look:
        ctx, layout = self._ambiguity_ctx(item)
        if config is not None:
            ctx.request = config
            ctx.settings = config
        try:
            text = str(_finish(nested(join(render_children(layout.children, ctx))), ctx))
        except Exception:  # noqa: BLE001 - one odd work must not stop the others
            text = "\x00" + item.id
        return _Look(
            text, ctx.settings.clone(), ctx.disamb_count, ctx.disamb_max, tuple(ctx.names_max)
        )

    # ------------------------------------------------------------------
    # rendering

    def _render_cite_body(
        self, item: Item, req: CiteRequest, section: Section, **extra: Any
    ) -> Rich:
        if req.mode == "author-only":
            return self._author_only(item, req, section)
        ctx, layout = self._ctx(item, section)
        self._set_cite(ctx, item, req)
        ctx.predecessor = not self._fresh_citation  # only the citation's first cite is fresh
        if req.prefix:
            # a prefix comes before the cite, unless it ends a sentence ("This has been
            # said. Ibid."; a one-word prefix may be an abbreviation: "Cf. ibid."), as
            # citeproc-js's checkIgnorePredecessor decides
            ctx.predecessor = not _ends_sentence(req.prefix)
        self._fresh_citation = False
        ctx.braces = self._braces
        if extra.get("suppress_author") or req.mode == "suppress-author":
            ctx.suppress_author = True
        if extra.get("ambiguity"):
            ctx.blank_dates = True
        return _finish(nested(join(render_children(layout.children, ctx))), ctx)

    def entry(self, item: Item) -> tuple[Rich, Rich | None]:
        """One bibliography entry and, with second-field-align, its label.

        Entries are expected in list order: ``subsequent-author-substitute``
        compares each entry's author with the previous one's.
        """
        label, body = self.entry_parts(item)
        return (body, None) if label is None else (with_label(label, body), label)

    def entry_parts(self, item: Item) -> tuple[Rich | None, Rich]:
        """One bibliography entry as its second-field-align label (or None) and the rest,
        each with its own affixes, as citeproc-js puts them in ``csl-left-margin`` and
        ``csl-right-inline`` (``[1]`` and `` J. Doe…``); entries in list order, as
        :meth:`entry`."""
        bib = self.style.bibliography
        if bib is None:
            return None, EMPTY
        substitute = bib.opt("subsequent-author-substitute")
        label, body, author = self._entry(item, bib, None)
        if author is _NOT_FIRST:
            # names after other text: neither replaced nor remembered (citeproc-js)
            return label, body
        if substitute is not None and author and self._last_author:
            replaced = _substituted(
                author, self._last_author, bib.opt("subsequent-author-substitute-rule")
            )
            if replaced is not None:
                label, body, _ = self._entry(item, bib, substitute, replaced)
        self._last_author = author
        return label, body

    def _entry(
        self, item: Item, bib: Section, substitute: str | None, replaced: int = 0
    ) -> tuple[Rich | None, Rich, tuple[str, ...] | None]:
        ctx, layout = self._ctx(item, bib)
        ctx.author_substitute = substitute
        ctx.substitute_names = replaced
        # citeproc-js: the list shows the given names disambiguation chose for the cites
        cit = self.style.citation
        if cit is not None and cit.opt("disambiguate-add-givenname") == "true":
            config = Disambiguation()
            if cit.opt("disambiguate-add-names") == "true":
                config.names = list(self._config(item).names)
            config.givens = [list(g) for g in self._config(item).givens]
            ctx.request = ctx.settings = config
        parts = margin_marks(render_children(layout.children, ctx))
        shown = ctx.first_names_key
        author = None
        if shown and bib.opt("subsequent-author-substitute") is not None:
            author = (shown,) if isinstance(shown, str) else tuple(map(name_key, shown))
        if author and not ctx.names_lead:
            author = _NOT_FIRST
        label = None
        # punctuation moves into quotes across the whole entry, the layout's suffix and
        # the delimiters between its parts included ("“Quarto.” Available at")
        if bib.opt("second-field-align") in ("flush", "margin") and len(parts) >= 2 and parts[0]:
            # the layout's prefix goes before the label ("[1] Borror"), as citeproc-js
            # prints it
            label = _finish(affix(parts[0], layout.prefix, "") if layout.prefix else parts[0], ctx)
            body = _finish(layout.formatted(nested(join(parts[1:])), prefix=""), ctx)
            return label, body, author
        return label, _finish(layout.formatted(nested(join(parts))), ctx), author

    def bibliography(self) -> list[tuple[Item, Rich, Rich | None]]:
        if not self._prepared:
            self.register()
        self._last_author = None
        out: list[tuple[Item, Rich, Rich | None]] = []
        for item in self.order:
            rich, label = self.entry(item)
            if not rich.runs or (label is not None and str(rich).strip() == str(label).strip()):
                # citeproc-js leaves an entry the style prints nothing for out of the list
                self.warnings.append(
                    (item.id, "empty-entry", "the style prints nothing for this work: left out")
                )
                continue
            out.append((item, rich, label))
        return out

    def citation(self, cites: Sequence[CiteRequest], *, sort: bool = True) -> Rich:
        """One in-text citation of ``cites`` (unknown ids are reported and shown as ``id?``).

        ``sort=False``: the cites are in the style's order already (a document sorted them
        to find their positions).  Cites whose mode is ``author-only`` show the author
        alone; a citation of nothing else has no layout affixes.  A note style's
        parentheses inside parentheses become brackets (:mod:`.braces`).
        """
        if self.style.cls != "note":
            return self._citation(cites, sort)
        self._braces = True
        try:
            return resolve_braces(self._citation(cites, sort))
        finally:
            self._braces = False

    def _citation(self, cites: Sequence[CiteRequest], sort: bool) -> Rich:
        if not self._prepared:
            self.register()
        cit = self.style.citation
        if cit is None:
            return EMPTY
        known: list[tuple[Item, CiteRequest]] = []
        unknown: list[str] = []
        for req in cites:
            item = self.by_id.get(req.id)
            if item is None:
                unknown.append(req.id)
                self.warnings.append((req.id, "unknown-key", "cited key not in the library"))
            else:
                known.append((item, req))
        if sort and cit.sort:
            known = self.sorted_cites(known, cit)
        # CSL-M: the citation takes the layout (affixes, delimiter) of its first cite's language
        layout = (
            self.style.layout_for(cit, known[0][0].lang, known[0][0].declared_lang)[0]
            if known
            else cit.default_layout
        )
        if self._braces and layout.braces_level:
            layout = layout.braced()
        self._fresh_citation = True
        if known and not unknown and all(req.mode == "author-only" for _, req in known):
            return join([self._author_only(it, req, cit) for it, req in known], layout.delimiter)
        name = self.style.option_values.get("cite-locator-after")
        after = self.style.macro(name) if name else None
        if after is None or not any(req.locator for _, req in known):
            return self._quote_punctuation(
                self._in_layout(layout, self._cluster(known, unknown, cit, layout))
            )
        # a cite with a locator stands apart, its locator after the layout's suffix
        groups: list[list[tuple[Item, CiteRequest]]] = []
        for pair in known:
            if pair[1].locator or not groups or groups[-1][-1][1].locator:
                groups.append([pair])
            else:
                groups[-1].append(pair)
        pieces: list[Rich] = []
        for i, group in enumerate(groups):
            last = i == len(groups) - 1
            text = self._in_layout(
                layout, self._cluster(group, unknown if last else [], cit, layout)
            )
            item, req = group[0]
            if req.locator and text:
                ctx, _ = self._ctx(item, cit)
                self._set_cite(ctx, item, req)
                text = concat(text, layout.flagged(_finish(after.render(ctx), ctx)))
            pieces.append(text)
        return join(pieces, layout.delimiter)

    def _in_layout(self, layout: Layout, body: Rich) -> Rich:
        """*body* (a citation's cites, their quotes printed) in the layout's affixes: the
        suffix's first mark is one with the mark a closing quotation ends in, as
        citeproc-js merges them (``‘Should X?’`` + ``.``)."""
        suffix = layout.suffix
        if suffix and suffix[0] in ".,;:!?":
            default = self.style.locale(self.style.default_locale)
            closers = "".join(
                default.term(name) or glyph
                for name, glyph in (("close-quote", "”"), ("close-inner-quote", "’"))
            )
            if mark_after_quotation(body, suffix[0], closers):
                return layout.formatted(body, suffix=suffix[1:])
        return layout.formatted(body)

    def _quote_punctuation(self, body: Rich) -> Rich:
        """Punctuation after a closing quote moved inside it across the whole citation (its
        cites' own affixes and the layout's suffix included), where the style's default
        locale asks for it; citelib's own styles, whose works each take their locale's
        rule, are left as their cites are."""
        if "item-locales" in self.style.options:
            return body
        default = self.style.locale(self.style.default_locale)
        if default.option("punctuation-in-quote") != "true":
            return body
        # quotes a cite's own prefix or suffix writes keep what follows them
        return punctuation_in_quote(
            body,
            default.term("close-quote") or "”",
            default.term("close-inner-quote") or "’",
            skip=AFFIX,
        )

    def sorted_cites(
        self, known: list[tuple[Item, CiteRequest]], cit: Section
    ) -> list[tuple[Item, CiteRequest]]:
        """The cites of one citation in the order of the style's citation sort keys."""
        order = self.sort([it for it, _ in known], cit)
        pos = {id(it): i for i, it in enumerate(order)}
        out = sorted(known, key=lambda p: pos[id(p[0])])
        if len(out) > 1 and self._grouped_sort(cit):
            # cite grouping (CSL 1.0.2): cites whose names print alike join the first of
            # them, each group in the place of its first cite
            authors = [self._author_text(it, cit) for it, _ in out]
            first: dict[str, int] = {}
            for i, author in enumerate(authors):
                first.setdefault(author, i)
            keyed = sorted(range(len(out)), key=lambda i: (first[authors[i]], i))
            out = [out[i] for i in keyed]
        return out

    def _grouped_sort(self, cit: Section) -> bool:
        """Whether the cites of a citation are grouped by their names after sorting, as
        citeproc-js decides: an in-text style that collapses, or a cite-group-delimiter
        where positions and citation numbers do not matter."""
        if self.style.cls == "in-text" and cit.opt("collapse"):
            return True
        return bool(cit.opt("cite-group-delimiter")) and not (
            self.style.uses_position or self.style.cites_numbers
        )

    def _cluster(
        self,
        known: list[tuple[Item, CiteRequest]],
        unknown: list[str],
        cit: Section,
        layout: Layout,
    ) -> Rich:
        """The cites of a citation joined and collapsed, without the layout's affixes."""
        delimiter = layout.delimiter
        collapse = cit.opt("collapse")
        if any(req.mode == "author-only" for _, req in known):
            collapse = None
        pieces: list[tuple[Rich, str]] = []  # (text, delimiter before it)
        if collapse == "citation-number" and known:
            pieces = self._collapse_numbers(known, cit, delimiter)
        elif known and (
            collapse in ("year", "year-suffix", "year-suffix-ranged")
            or (cit.opt("cite-group-delimiter") and self._grouped_sort(cit))
        ):
            pieces = self._collapse_years(known, cit, delimiter)
        else:
            for i, (item, req) in enumerate(known):
                body = self._render_cite_body(item, req, cit)
                if not body:
                    body = self._no_printed_form(item)
                delim = _affix_delimiter(delimiter, known[i - 1][1], req) if i else delimiter
                pieces.append((self._cite_affixed(body, req), delim))
        for key in unknown:
            pieces.append((Rich.plain(f"{key}?"), delimiter))
        out = EMPTY
        for i, (text, delim) in enumerate(pieces):
            out = text if i == 0 else join([out, text], delim)
        return out

    def _cite_affixed(self, body: Rich, req: CiteRequest) -> Rich:
        """A cite with its own prefix and suffix, whose markup (``<sc>See</sc>``) and
        quotes (``"Please work."``) are read as in titles, as citeproc-js reads them."""
        if not body:
            return body
        default = self.style.locale(self.style.default_locale)

        def read(text: str) -> Rich:
            return resolve_quotes(parse_markup(smart_apostrophes(text), AFFIX), default)

        prefix, suffix = req.prefix, req.suffix
        if self._braces:  # a cite's affixes are levels of their own (.braces)
            prefix, suffix = mark_braces(prefix), mark_braces(suffix)
        if prefix:
            body = concat(read(prefix), body)
        if suffix:
            body = concat(body, read(suffix))
        return body

    def _set_cite(self, ctx: Ctx, item: Item, req: CiteRequest) -> None:
        ctx.request = self._config(item).clone()
        ctx.settings = ctx.request
        if req.locator and req.locator.strip():
            ctx.cite.locator = req.locator.strip()  # " 666" is 666, as citeproc-js reads it
            # "sub verbo" is CSL 1.0's name of the locator type "sub-verbo"
            ctx.cite.label = (req.label or "page").replace(" ", "-")
            m = _EMBEDDED_LOCATOR_LABEL.match(ctx.cite.locator)
            if m and ctx.cite.label == "page" and item.type not in _LEGAL_TYPES:
                # a page locator that starts with an abbreviated label (vol. 1, fol. 186)
                # is a locator of that type, as citeproc-js reads it
                term = _LOCATOR_ABBREVIATIONS.get(m.group(1))
                if term and ctx.locale.term(term):
                    ctx.cite.label, ctx.cite.locator = term, m.group(2)
        ctx.cite.position = req.position
        ctx.cite.near_note = req.near_note
        ctx.cite.first_note = req.first_note

    def _author_only(self, item: Item, req: CiteRequest, cit: Section) -> Rich:
        """The author of a cite as the citation shows it; in a citation that shows no
        names (numeric styles), as the reference list shows it.  Without formatting, as
        citeproc-js suppresses an author-only cite's decorations (et al., not *et al.*)."""
        for section in (cit, self.style.bibliography):
            if section is None:
                continue
            ctx, layout = self._ctx(item, section)
            self._set_cite(ctx, item, req)
            for child in layout.children:
                child.render(ctx)
                if ctx.first_names is not None:
                    return _finish(ctx.first_names, ctx).without_flags(_DECORATIONS)
        return EMPTY

    def _no_printed_form(self, item: Item) -> Rich:
        """citeproc-js's marker for a cite the style prints nothing for, reported."""
        self.warnings.append((item.id, "empty-entry", "the style prints nothing for this citation"))
        return Rich.plain(NO_PRINTED_FORM)

    def _collapse_numbers(
        self, known: list[tuple[Item, CiteRequest]], cit: Section, delimiter: str
    ) -> list[tuple[Rich, str]]:
        after = cit.opt("after-collapse-delimiter", delimiter) or delimiter
        out: list[tuple[Rich, str]] = []
        run: list[tuple[int, Rich]] = []

        def flush() -> None:
            if not run:
                return
            if len(run) >= 3:
                item0 = known[0][0]
                _, loc = self.style.layout_for(cit, item0.lang, item0.declared_lang)
                rd = loc.term("citation-range-delimiter") or "–"
                text = join([run[0][1], Rich.plain(rd), run[-1][1]])
                out.append((text, delimiter))
                out.append((EMPTY, after))  # marks the next delimiter
            else:
                for _, text in run:
                    out.append((text, delimiter))
            run.clear()

        for item, req in known:
            body = self._render_cite_body(item, req, cit)
            number = item.number
            plain = not (req.locator or req.prefix or req.suffix)
            if plain and number is not None and run and number == run[-1][0] + 1:
                run.append((number, body))
                continue
            flush()
            if plain and number is not None:
                run.append((number, body))
            else:
                out.append((self._cite_affixed(body, req), delimiter))
        flush()
        # fold the after-collapse markers into the next piece's delimiter
        merged: list[tuple[Rich, str]] = []
        pending: str | None = None
        for text, delim in out:
            if not text:
                pending = delim
                continue
            merged.append((text, pending if pending is not None else delim))
            pending = None
        return merged

    def _collapse_years(
        self, known: list[tuple[Item, CiteRequest]], cit: Section, delimiter: str
    ) -> list[tuple[Rich, str]]:
        """``collapse="year"`` and the year-suffix forms, with citeproc-js's delimiters.

        A cite by the author of the one before drops the author; with ``year-suffix``
        one of the same year also drops the year (``2000a, b``), and ``year-suffix-ranged``
        makes runs of three or more a range (``2000a–c``).  The delimiter before a cite is
        citeproc-js's getSpliceDelimiter: ``after-collapse-delimiter`` after a locator and
        after a collapsed group, ``cite-group-delimiter`` inside one, else ", " inside one
        in an in-text style, else the layout's.
        """
        collapse = cit.opt("collapse")
        acd = cit.opt("after-collapse-delimiter")
        cgd = cit.opt("cite-group-delimiter") or None
        in_text = self.style.cls == "in-text"
        successor = cgd or cit.opt("year-suffix-delimiter") or delimiter
        suffixes = collapse in ("year-suffix", "year-suffix-ranged")
        out: list[tuple[Rich, str]] = []
        runs: list[list[int]] = []  # per piece: the year-suffix indices collapsed into it
        last_author: str | None = None
        last_collapsed = False
        last_locator = False
        last_base: str | None = None
        for pos, (item, req) in enumerate(known):
            author = self._author_text(item, cit)
            cur = bool(author) and author == last_author
            plain = not (req.locator or req.prefix or req.suffix)
            ys = item.disambiguation.year_suffix if item.year_suffix else None
            # without collapsing, grouped cites keep their names (cite-group-delimiter alone)
            body = self._render_cite_body(item, req, cit, suppress_author=cur and bool(collapse))
            if not body and not cur:
                body = self._no_printed_form(item)  # as where nothing collapses
            base: str | None = None
            if suffixes and ys is not None and plain and item.year_suffix:
                saved = item.year_suffix
                item.year_suffix = None
                try:
                    base = str(self._render_cite_body(item, req, cit, suppress_author=True))
                finally:
                    item.year_suffix = saved
                if not str(body).endswith(saved):
                    base = None
            if cur and base is not None and base == last_base and runs and runs[-1]:
                runs[-1].append(ys if ys is not None else 0)
                last_collapsed, last_locator = True, False
                continue
            if pos == 0:
                delim = delimiter
            elif acd is not None:
                after = last_locator or (last_collapsed and not cur)
                if not last_collapsed and not cur and collapse != "year-suffix":
                    after = True
                delim = acd if after else delimiter
            elif cur and cgd is not None:
                delim = cgd
            elif cur and in_text:
                delim = ", "
            else:
                delim = delimiter
            out.append((self._cite_affixed(body, req), delim))
            runs.append([ys] if base is not None and ys is not None else [])
            last_base = base
            last_author = author
            last_collapsed = cur
            last_locator = bool(req.locator)
        if any(len(r) > 1 for r in runs):
            ranged = collapse == "year-suffix-ranged"
            rd = (
                self.style.locale(self.style.default_locale).term("citation-range-delimiter") or "–"
            )
            out = [
                (text + Rich.plain(_suffix_runs(run, ranged, rd, successor)), delim)
                for (text, delim), run in zip(out, runs, strict=True)
            ]
        return out

    def _author_text(self, item: Item, cit: Section) -> str:
        ctx, layout = self._ctx(item, cit)
        ctx.request = self._config(item).clone()
        ctx.settings = ctx.request
        ctx.cite.position = "first"
        for child in layout.children:
            child.render(ctx)
            if ctx.first_names is not None:
                return str(ctx.first_names)
        return ""


#: the author of an entry whose first names follow other text (no subsequent-author-substitute)
_NOT_FIRST = ("\x00not-first",)


def _substituted(author: tuple[str, ...], last: tuple[str, ...], rule: str | None) -> int | None:
    """What subsequent-author-substitute replaces in an entry whose first names are
    *author* after an entry's *last*: None (nothing), 0 (the whole list at once) or how
    many names, one by one.  A text put in the names' place is one name here."""
    if rule in (None, "complete-all", "complete-each"):
        if author != last:
            return None
        return 0 if rule != "complete-each" or len(author) == 1 else len(author)
    if author[0] != last[0]:
        return None
    if rule == "partial-first" or len(author) == 1:
        return 1 if len(author) > 1 else 0
    same = 0
    while same < min(len(author), len(last)) and author[same] == last[same]:
        same += 1
    return same  # partial-each


def _finish(body: Rich, ctx: Ctx) -> Rich:
    """Locale-dependent final touches: quotation marks by depth, punctuation inside quotes
    for en-US."""
    default = ctx.style.locale(ctx.style.default_locale)
    body = resolve_quotes(body, ctx.locale, default)
    # citeproc-js reads punctuation-in-quote once, from the style's default locale (a
    # CSL-M English layout in a zh-CN style keeps “Title”.); citelib's own styles, which
    # declare item-locales, take each work's locale
    options = ctx.locale if "item-locales" in ctx.style.options else default
    if options.option("punctuation-in-quote") == "true":
        return punctuation_in_quote(
            body,
            ctx.locale.term("close-quote") or "”",
            ctx.locale.term("close-inner-quote") or "’",
        )
    return body


_TAGS = LazyPattern(r"<[^>]+>")
_FIRST_NUMBER = LazyPattern(r"\s*(-?[0-9]+)")
#: abbreviated locator labels a page locator may start with, and the locator type each
#: stands for (citeproc-js's locator_label_parse, for the types CSL 1.0.2 has terms for)
_LOCATOR_ABBREVIATIONS = {
    "app": "appendix", "bk": "book", "ch": "chapter", "col": "column", "fig": "figure",
    "fol": "folio", "l": "line", "n": "note", "no": "issue", "op": "opus", "p": "page",
    "pp": "page", "para": "paragraph", "pt": "part", "r": "rule", "sec": "section",
    "supp": "supplement", "sv": "sub-verbo", "tbl": "table", "vol": "volume", "vrs": "verse",
}  # fmt: skip
_EMBEDDED_LOCATOR_LABEL = LazyPattern(r"([a-z]+)\.\s+(.*)", re.S)
_LEGAL_TYPES = frozenset({"bill", "gazette", "legislation", "regulation", "treaty"})


def _ends_sentence(prefix: str) -> bool:
    """Whether a cite's prefix of more than one word ends with a full stop, colon, semicolon,
    question or exclamation mark (closing quotes and spaces after it aside)."""
    text = _TAGS.sub("", prefix).rstrip("\"'\u201d\u2019\u00bb\u202f\u00a0 ")
    return bool(text) and text[-1] in ":.;!?" and " " in prefix.strip()


def _affix_delimiter(delimiter: str, before: CiteRequest, req: CiteRequest) -> str:
    """The delimiter between two cites where their own affixes punctuate (citeproc-js):
    after a suffix ending in ``;``, ``.`` or ``,`` only its spacing is left; before a prefix
    starting so (with no suffix before it) nothing."""
    if before.suffix and before.suffix[-1] in ";.,":
        return delimiter[delimiter.index(" ") :] if " " in delimiter else ""
    if not before.suffix and req.prefix and req.prefix[0] in ";.,":
        return ""
    return delimiter


def _names_of(item: Item) -> tuple[Name, ...]:
    for var in ("author", "editor", "composer", "director", "translator"):
        v = item.vars.get(var)
        if isinstance(v, tuple):
            return v
    return ()


def _suffix_runs(run: list[int], ranged: bool, rd: str, successor: str) -> str:
    """What follows a cite's own year suffix for the suffixes collapsed into it."""
    out = ""
    i = 0
    while i < len(run):
        j = i
        while ranged and j + 1 < len(run) and run[j + 1] == run[j] + 1:
            j += 1
        if j - i >= 2:
            out += ("" if i == 0 else successor + _suffix(run[i])) + rd + _suffix(run[j])
            i = j + 1
            continue
        if i > 0:
            out += successor + _suffix(run[i])
        i += 1
    return out


class _Look(NamedTuple):
    """A cite as disambiguation saw it: the text, the config after rendering, how many
    ``disambiguate="true"`` tests held and were met, each name list's length."""

    text: str
    settings: Disambiguation
    disamb_count: int
    disamb_max: int
    names_max: tuple[int, ...]


def _config_key(config: Disambiguation | None) -> tuple[Any, ...]:
    if config is None:
        return ()
    return (
        tuple(config.names),
        tuple(tuple(g) for g in config.givens),
        config.year_suffix,
        config.disambiguate,
    )


def _repeats_family(item: Item, reg: NameReg) -> bool:
    """True if two of *item*'s names share the registry's family key."""
    # only name variables hold tuples
    names = [name for value in item.vars.values() if type(value) is tuple for name in value]
    if len(names) < 2:
        return False
    # the work's own id, which prefixes every key under "by-cite", changes no comparison
    return len(set(map(reg.family, names))) < len(names)


def _suffix(i: int) -> str:
    """The year suffix of the *i*-th work (from 0): a to z, aa to zz, aaa... (citeproc-js's
    bijective base 26: a list may give more than 702 works one)."""
    n, key = i + 1, ""
    while n:
        n, r = divmod(n - 1, 26)
        key = "abcdefghijklmnopqrstuvwxyz"[r] + key
    return key


def _js_cmp_key(values: list[int]) -> str:
    # citeproc-js sorts these arrays with > and <, which compare them as strings
    return ",".join(str(v) for v in values)


class _Disambiguator:
    """citeproc-js's cite disambiguation (CSL.Disambiguation), step for step.

    Works whose cites print alike are tried, in turn, with more names and fuller
    given names (``disNames``), year suffixes (``disYears``), then the
    ``disambiguate="true"`` conditions (``disExtraText``).  ``base`` is a forward-only
    counter of what is tried; ``betterbase`` keeps what helped.
    """

    def __init__(self, proc: Processor, cit: Section, add_given: bool, rule: str) -> None:
        self.proc = proc
        self.add_names = cit.opt("disambiguate-add-names") == "true"
        self.rule = rule
        self.modes: list[str] = []
        if self.add_names or (add_given and rule == "by-cite"):
            self.modes.append("names")
        if cit.opt("disambiguate-add-year-suffix") == "true":
            self.modes.append("years")
        if proc.style.uses_disambiguate_condition:
            self.modes.append("extra")
        self.givens_max: int | None = 2 if add_given and rule == "by-cite" else None
        self.lists: list[tuple[Disambiguation, list[Item]]] = []
        self.base: Disambiguation | None = None
        self.betterbase: Disambiguation | None = None
        self.max_names: dict[str, list[int]] = {}
        self.modeindex = 0
        self.names_max: int | None = None
        self.namesets_max = -1
        self.init_givens = True
        self.gnameset = self.gname = self.listpos = 0
        self.clashes = [1, 0]
        self.partners: list[Item] = []
        self.nonpartners: list[Item] = []
        self.last_count = self.last_max = 0
        #: each work's place in citeproc-js's registry and in the list (year suffixes)
        self.positions: tuple[dict[str, int], dict[str, int]] | None = None

    def cite(self, item: Item, config: Disambiguation | None) -> str:
        text, _, look = self.proc._ambiguous(item, config)
        self.last_count = look.disamb_count
        self.last_max = look.disamb_max
        return text

    def register(self, item: Item, config: Disambiguation) -> None:
        item.disambiguation = config.clone()

    # -- initVars / getCiteData
    def _cite_data(self, item: Item, base: Disambiguation | None) -> None:
        if item.id in self.max_names:
            return
        _, settings, look = self.proc._ambiguous(item, base)
        new = settings.clone()
        self.max_names[item.id] = list(look.names_max)
        item.disambiguation.givens = [list(g) for g in settings.givens]
        self.namesets_max = len(item.disambiguation.names) - 1
        if self.base is None:
            self.base = new
            self.betterbase = new.clone()
        assert self.betterbase is not None
        if len(new.names) < len(self.base.names):
            self.base = new
        for i in range(len(new.names)):
            if i < len(self.base.names) and new.names[i] > self.base.names[i]:
                self.base.givens[i] = list(new.givens[i])
                self.base.names[i] = new.names[i]
                self.betterbase.names = list(self.base.names)
                self.betterbase.givens = list(self.base.givens)
                self.base.pad()
                self.betterbase.pad()
        self.betterbase.givens = [list(g) for g in self.base.givens]

    def run(self, group: list[Item]) -> None:
        self.lists = []
        self.base = None
        self.betterbase = None
        self.max_names = {}
        self.namesets_max = -1
        self.last_count = self.last_max = 0
        first = group[0]
        self._cite_data(first, None)
        assert self.base is not None
        self.base = self.base.clone()
        bundles = [(self.max_names[first.id], first)]
        for it in group[1:]:
            self._cite_data(it, self.base)
            bundles.append((self.max_names[it.id], it))
        bundles.sort(key=lambda b: (_js_cmp_key(b[0]), b[1].id))
        items = [b[1] for b in bundles]
        self.lists.append((self.base, items))
        lead = items[0]
        self.modeindex = 0
        lead_max = self.max_names.get(lead.id) or []
        self.names_max = lead_max[0] if lead_max else None
        assert self.betterbase is not None
        self.base.pad()
        self.betterbase.pad()
        self.base.year_suffix = self.betterbase.year_suffix = None
        self.base.disambiguate = self.betterbase.disambiguate = 0
        self._run()

    # -- runDisambig
    def _run(self) -> None:
        self.init_givens = True
        guard = 0
        while self.lists:
            self.gnameset = 0
            self.gname = 0
            self.clashes = [1, 0]
            while self.lists and self.lists[0][1]:
                guard += 1
                if guard > 2000:  # citeproc-js can loop; never hang
                    for it in self.lists[0][1]:
                        self.register(it, self.lists[0][0])
                    self.lists[0] = (self.lists[0][0], [])
                    break
                self.listpos = 0
                ismax = self._increment()
                self._scan(self.lists[0])
                self._eval(ismax)
            self.lists = self.lists[1:]

    def _scan(self, lst: tuple[Disambiguation, list[Item]]) -> None:
        assert self.base is not None
        items = lst[1]
        mine = self.cite(items[0], self.base)
        self.partners = [items[0]]
        self.nonpartners = []
        clashes = 0
        for other in items[1:]:
            if self.cite(other, self.base) == mine:
                clashes += 1
                self.partners.append(other)
            else:
                self.nonpartners.append(other)
        self.clashes = [self.clashes[1], clashes]

    def _eval(self, maxed: bool) -> None:
        mode = self.modes[self.modeindex]
        if mode == "names":
            self._names(maxed)
        elif mode == "years":
            self._years()
        else:
            self._extra()
        if maxed:
            if self.modeindex < len(self.modes) - 1:
                self.modeindex += 1
            else:
                assert self.base is not None
                entry = (self.base, list[Item]())
                if self.listpos + 1 < len(self.lists):
                    self.lists[self.listpos + 1] = entry
                else:
                    self.lists.append(entry)

    def _capture(self) -> None:
        base, better = self.base, self.betterbase
        assert base is not None and better is not None
        gs, g = self.gnameset, self.gname
        if self.rule == "by-cite" and gs < len(base.givens) and g < len(base.givens[gs]):
            if len(better.givens) < len(base.givens):
                better.givens = [list(x) for x in base.givens]
            while len(better.givens[gs]) <= g:
                better.givens[gs].append(0)
            better.givens[gs][g] = base.givens[gs][g]
        while len(better.names) <= self.gnameset:
            better.names.append(0)
        if self.gnameset < len(base.names):
            better.names[self.gnameset] = base.names[self.gnameset]

    def _names(self, ismax: bool) -> None:
        better = self.betterbase
        assert better is not None
        pos = self.listpos
        if self.clashes[1] == 0 and len(self.nonpartners) == 1:
            self._capture()
            self.register(self.nonpartners[0], better)
            self.register(self.partners[0], better)
            self.lists[pos] = (better, [])
        elif self.clashes[1] == 0:
            self._capture()
            self.register(self.partners[0], better)
            self.lists[pos] = (better, self.nonpartners)
            if self.nonpartners:
                self.init_givens = True
        elif len(self.nonpartners) == 1:
            self._capture()
            self.register(self.nonpartners[0], better)
            self.lists[pos] = (better, self.partners)
        elif self.clashes[1] < self.clashes[0]:
            self._capture()
            self.lists[pos] = (better, self.partners)
            self.lists.append((better, self.nonpartners))
        elif ismax:
            self.lists[pos] = (better, self.nonpartners)
            self.lists.append((better, self.partners))
            if self.modeindex == len(self.modes) - 1:
                for it in self.partners:
                    self.register(it, better)
                self.lists[pos] = (better, [])

    def _extra(self) -> None:
        base, better = self.base, self.betterbase
        assert base is not None and better is not None
        done = self.clashes[1] == 0 and len(self.nonpartners) < 2
        pos = self.listpos
        if not done and (not base.disambiguate or self.last_count != self.last_max):
            self.modeindex = 0
            base.disambiguate = self.last_count
            better.disambiguate = self.last_count
            if not base.disambiguate:
                self.init_givens = True
                base.disambiguate = 1
            else:
                self._names(False)
        elif done or self.last_count == self.last_max:
            lst = self.lists[pos]
            if done or self.modeindex == len(self.modes) - 1:
                for it in lst[1]:
                    self.register(it, lst[0])
                self.lists[pos] = (better, [])
            else:
                self.modeindex = len(self.modes) - 1
                lst[0].disambiguate = 1
                for it in lst[1]:
                    self.register(it, lst[0])

    def _years(self) -> None:
        lst = self.lists[self.listpos]
        tokens: list[Item] = []
        if self.positions is None:  # made once a run: the lists are fixed while it runs
            self.positions = (
                {it.id: i for i, it in enumerate(self.proc.registered)},
                {it.id: i for i, it in enumerate(self.proc.order)},
            )
        mylist, order = self.positions
        if self.clashes[1]:
            tokens = sorted(lst[1], key=lambda it: mylist.get(it.id, 0))
        tokens.sort(key=lambda it: order.get(it.id, 0))
        base = lst[0]
        for i, it in enumerate(tokens):
            base.year_suffix = i
            self.register(it, base)
        assert self.betterbase is not None
        self.lists[self.listpos] = (self.betterbase, [])

    def _increment(self) -> bool:
        if self.init_givens:
            self.init_givens = False
            return False
        base, better = self.base, self.betterbase
        assert base is not None and better is not None
        mode = self.modes[self.modeindex]
        if mode == "extra":
            base.disambiguate += 1
            better.disambiguate += 1
            return False
        if mode != "names":
            return False
        gmax, nmax, smax = self.givens_max, self.names_max, self.namesets_max
        increment_names = gmax is None
        increment_namesets = nmax is None
        gs, g = self.gnameset, self.gname
        if gmax is not None:
            if gs < len(base.givens) and g < len(base.givens[gs]) and base.givens[gs][g] < gmax:
                base.givens[gs][g] += 1
            else:
                increment_names = True
        if nmax is not None and increment_names:
            if self.add_names:
                increment_namesets = False
                if self.gname < nmax:
                    base.names[self.gnameset] += 1
                    self.gname += 1
                else:
                    increment_namesets = True
            else:
                increment_namesets = True
        if increment_namesets and self.gnameset < smax:
            self.gnameset += 1
            while len(base.names) <= self.gnameset:
                base.names.append(0)
            base.names[self.gnameset] = 1
            self.gname = 0
        base.pad()
        gs, g = self.gnameset, self.gname
        given_done = (
            gmax is None
            or gs >= len(base.givens)
            or g >= len(base.givens[gs])
            or base.givens[gs][g] == gmax
        )
        return (
            (smax == -1 or self.gnameset == smax)
            and (not self.add_names or nmax is None or self.gname == nmax)
            and given_done
        )
