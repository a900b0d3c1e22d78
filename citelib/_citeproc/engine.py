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

import re
from collections.abc import Sequence
from functools import cmp_to_key
from typing import Any

from ..model import Date, Name, Work
from .collation import collation_key
from .context import Ctx
from .item import NAME_VARIABLES, Disambiguation, Item, date_sort_key
from .names import NameSpec, render_names
from .nodes import render_children
from .rich import EMPTY, Rich, affix, join, punctuation_in_quote
from .style import Layout, Section, SortKey, Style

__all__ = ["CiteRequest", "Processor", "collation_key"]


_SORT_NAME = NameSpec(None)  # sort keys render names with no cs:name options of their own


class CiteRequest:
    """One cited item inside a citation."""

    __slots__ = ("id", "locator", "label", "prefix", "suffix")

    def __init__(
        self,
        id: str,
        locator: str | int | None = None,
        label: str | None = None,
        prefix: str = "",
        suffix: str = "",
    ) -> None:
        self.id = id
        self.locator = str(locator) if locator is not None and locator != "" else None
        self.label = label or ("page" if self.locator else None)
        self.prefix = prefix
        self.suffix = suffix


class Processor:
    """Render one library of works in one style."""

    def __init__(self, style: Style, works: Sequence[Work], *, full_pinyin: bool = False) -> None:
        self.style = style
        self.full_pinyin = full_pinyin
        self.warnings: list[tuple[str | None, str, str]] = []  # (key, code, message)
        self.items: list[Item] = []
        self.by_id: dict[str, Item] = {}
        for i, work in enumerate(works):
            try:
                item = Item(work, i)
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
        self._last_author: str | None = None

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
        layout, locale = self.style.layout_for(section, item.lang)
        ctx = Ctx(
            item, locale, self.style, section.kind, section.name_options, section.names_delimiter
        )
        ctx.full_pinyin = self.full_pinyin
        return ctx, layout

    # ------------------------------------------------------------------
    # sorting

    def sort(self, items: list[Item], section: Section) -> list[Item]:
        keyed = [
            (item, [self._sort_value(item, k, section) for k in section.sort]) for item in items
        ]
        descending = [k.descending for k in section.sort]

        def cmp(a: tuple[Item, list[Any]], b: tuple[Item, list[Any]]) -> int:
            for i, desc in enumerate(descending):
                x, y = a[1][i], b[1][i]
                if x is None and y is None:
                    continue
                if x is None:  # no key: last, ascending or descending
                    return 1
                if y is None:
                    return -1
                if x != y:
                    r = -1 if x < y else 1
                    return -r if desc else r
            return a[0].index - b[0].index

        return [item for item, _ in sorted(keyed, key=cmp_to_key(cmp))]

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
            value = item.vars.get(var)
            if value is None:
                return None
            if var in NAME_VARIABLES and isinstance(value, tuple):
                text = str(render_names(value, _SORT_NAME, ctx)[0])
                return self._text_key(text)
            if isinstance(value, Date):
                return (0, (), date_sort_key(value))
            text = str(value)
            if text.isdigit():
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
        not ignored: "Gold M" before "Goldberg J F"), one more at the end; empty: no key."""
        text = text.strip()
        if not text:
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

    def _disambiguate(self) -> None:
        for it in self.items:
            it.year_suffix = None
            it.disambiguation = Disambiguation()
        cit = self.style.citation
        if cit is None:
            return
        add_names = cit.opt("disambiguate-add-names") == "true"
        add_given = cit.opt("disambiguate-add-givenname") == "true"
        add_suffix = cit.opt("disambiguate-add-year-suffix") == "true"
        if not (add_names or add_given or add_suffix or self.style.uses_disambiguate_condition):
            return
        rule = cit.opt("givenname-disambiguation-rule", "by-cite") or "by-cite"

        def text_of(item: Item) -> str:
            # citeproc-js compares cites as if only `issued` were a date: two
            # undated works by one author are ambiguous even when their access
            # dates differ ("佚名，[2016a]" and "佚名，[2022b]")
            try:
                return str(self._render_cite_body(item, CiteRequest(item.id), cit, ambiguity=True))
            except Exception:  # noqa: BLE001
                return item.id

        def groups(items: list[Item]) -> list[list[Item]]:
            by: dict[str, list[Item]] = {}
            for it in items:
                by.setdefault(text_of(it), []).append(it)
            return [g for g in by.values() if len(g) > 1]

        pending = groups(self.order)
        if add_names and pending:
            still: list[list[Item]] = []
            for group in pending:
                for extra in range(1, 20):
                    for it in group:
                        it.disambiguation.add_names = extra
                    sub = groups(group)
                    if not sub or extra > 15:
                        break
                    if len(sub) == 1 and len(sub[0]) == len(group):
                        # no progress: undo only if more names never help
                        names_len = max(len(_names_of(it)) for it in group)
                        if extra >= names_len:
                            for it in group:
                                it.disambiguation.add_names = 0
                            break
                        continue
                    break
                still.extend(groups(group))
            pending = still
        if add_given and pending:
            still = []
            for group in pending:
                levels = [1, 2] if "initials" not in rule else [1]
                for level in levels:
                    for it in group:
                        n = len(_names_of(it))
                        if rule.startswith("primary-name"):
                            gl = {0: level}
                        else:
                            gl = {i: level for i in range(n)}
                        it.disambiguation.givenname = gl
                    sub = groups(group)
                    if not sub:
                        break
                else:
                    # expansion did not help: drop it
                    before = [g for g in groups(group)]
                    if before and len(before[0]) == len(group):
                        for it in group:
                            it.disambiguation.givenname = None
                still.extend(groups(group))
            pending = still
        if pending and self.style.uses_disambiguate_condition:
            # cs:if disambiguate="true" applies to cites still ambiguous here
            still = []
            for group in pending:
                for it in group:
                    it.disambiguation.condition = True
                still.extend(groups(group))
            pending = still
        if add_suffix and pending:
            position = {it.id: i for i, it in enumerate(self.order)}
            for group in pending:
                group.sort(key=lambda it: position.get(it.id, 0))
                for i, it in enumerate(group):
                    it.year_suffix = _suffix(i)

    # ------------------------------------------------------------------
    # rendering

    def _render_cite_body(
        self, item: Item, req: CiteRequest, section: Section, **extra: Any
    ) -> Rich:
        ctx, layout = self._ctx(item, section)
        if req.locator:
            ctx.cite.locator = req.locator
            ctx.cite.label = req.label or "page"
        ctx.cite.position = "first"
        if extra.get("suppress_author"):
            ctx.suppress_author = True
        if extra.get("ambiguity"):
            ctx.blank_dates = True
        return _finish(join(render_children(layout.children, ctx)), ctx)

    def entry(self, item: Item) -> tuple[Rich, Rich | None]:
        """One bibliography entry and, with second-field-align, its label.

        Entries are expected in list order: ``subsequent-author-substitute``
        compares each entry's author with the previous one's.
        """
        bib = self.style.bibliography
        if bib is None:
            return EMPTY, None
        substitute = bib.opt("subsequent-author-substitute")
        rich, label, author = self._entry(item, bib, None)
        if substitute is not None and author and author == self._last_author:
            rich, label, _ = self._entry(item, bib, substitute)
        self._last_author = author
        return rich, label

    def _entry(
        self, item: Item, bib: Section, substitute: str | None
    ) -> tuple[Rich, Rich | None, str | None]:
        ctx, layout = self._ctx(item, bib)
        ctx.author_substitute = substitute
        parts = [_finish(p, ctx) for p in render_children(layout.children, ctx)]
        author = str(ctx.first_names) if ctx.first_names is not None else None
        label = None
        if bib.opt("second-field-align") in ("flush", "margin") and len(parts) >= 2 and parts[0]:
            label = parts[0]
            rest = join(parts[1:])
            body = layout.formatted(rest)
            return join([label, body], " "), label, author
        return layout.formatted(join(parts)), label, author

    def bibliography(self) -> list[tuple[Item, Rich, Rich | None]]:
        if not self._prepared:
            self.register()
        self._last_author = None
        return [(item, *self.entry(item)) for item in self.order]

    def citation(self, cites: Sequence[CiteRequest]) -> Rich:
        """One in-text citation of ``cites`` (unknown ids are reported and shown as ``id?``)."""
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
        if cit.sort:
            order = self.sort([it for it, _ in known], cit)
            pos = {id(it): i for i, it in enumerate(order)}
            known.sort(key=lambda p: pos[id(p[0])])
        layout = cit.default_layout
        delimiter = layout.delimiter
        collapse = cit.opt("collapse")
        pieces: list[tuple[Rich, str]] = []  # (text, delimiter before it)
        if collapse == "citation-number" and known:
            pieces = self._collapse_numbers(known, cit, delimiter)
        elif collapse in ("year", "year-suffix", "year-suffix-ranged") and known:
            pieces = self._collapse_years(known, cit, delimiter)
        else:
            for item, req in known:
                body = self._render_cite_body(item, req, cit)
                pieces.append((affix(body, req.prefix, req.suffix), delimiter))
        for key in unknown:
            pieces.append((Rich.plain(f"{key}?"), delimiter))
        out = EMPTY
        for i, (text, delim) in enumerate(pieces):
            out = text if i == 0 else join([out, text], delim)
        return layout.formatted(out)

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
                _, loc = self.style.layout_for(cit, item0.lang)
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
            if plain and number is not None and run and number == run[-1][0]:
                continue  # the same work twice in one citation
            flush()
            if plain and number is not None:
                run.append((number, body))
            else:
                out.append((affix(body, req.prefix, req.suffix), delimiter))
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
        group_delim = cit.opt("cite-group-delimiter", ", ") or ", "
        after = cit.opt("after-collapse-delimiter", delimiter) or delimiter
        out: list[tuple[Rich, str]] = []
        last_author: str | None = None
        collapsed = False
        for item, req in known:
            ctx_author = self._author_text(item, cit)
            if last_author is not None and ctx_author == last_author and ctx_author:
                body = self._render_cite_body(item, req, cit, suppress_author=True)
                out.append((affix(body, req.prefix, req.suffix), group_delim))
                collapsed = True
            else:
                body = self._render_cite_body(item, req, cit)
                out.append((affix(body, req.prefix, req.suffix), after if collapsed else delimiter))
                collapsed = False
            last_author = ctx_author
        return out

    def _author_text(self, item: Item, cit: Section) -> str:
        ctx, layout = self._ctx(item, cit)
        ctx.cite.position = "first"
        for child in layout.children:
            child.render(ctx)
            if ctx.first_names is not None:
                return str(ctx.first_names)
        return ""


def _finish(body: Rich, ctx: Ctx) -> Rich:
    """Locale-dependent final touches: punctuation inside quotes for en-US."""
    if ctx.locale.option("punctuation-in-quote") == "true":
        return punctuation_in_quote(
            body,
            ctx.locale.term("close-quote") or "”",
            ctx.locale.term("close-inner-quote") or "’",
        )
    return body


def _names_of(item: Item) -> tuple[Name, ...]:
    for var in ("author", "editor", "composer", "director", "translator"):
        v = item.vars.get(var)
        if isinstance(v, tuple):
            return v
    return ()


def _suffix(i: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    if i < 26:
        return letters[i]
    return letters[i // 26 - 1] + letters[i % 26]
