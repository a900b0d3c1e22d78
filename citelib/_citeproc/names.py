"""``cs:names`` and ``cs:name``: name lists, with et al., labels and substitutes.

Name options (``and``, ``et-al-min``, ``initialize-with``...) are read once, when the
style is compiled, into :class:`NameOptions` records, and inherited in CSL's order:
the style, then ``cs:citation``/``cs:bibliography``, then ``cs:name``, then a sort
key's ``names-min``/``names-use-first``/``names-use-last`` while sorting.

Names are model :class:`~citelib.model.Name` values.  CJK names print family then
given, with no space and never initialised (孙柏瑛); literal names as written;
Western names as the options say, with particles placed as
``demote-non-dropping-particle`` asks.  A list that ends in BibTeX's ``others`` is
known to be incomplete and ends in et al. (等 in a Chinese locale).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from .._regex import LazyPattern
from ..language import is_pinyin_name
from ..model import Name
from .context import Ctx
from .item import is_cjk
from .locale import NS
from .nodes import ROMANESQUE_LETTERS, Choose, Node, Text, compile_children, register
from .numbers import Label
from .rich import EMPTY, Rich, affix, concat, join, join_unmerged, nested, parse_markup
from .textcase import smart_apostrophes
from .xmltree import Element

if TYPE_CHECKING:
    from .style import Style

__all__ = ["NameOptions", "NameReg", "NameSpec", "Names", "initialize", "name_key", "render_names"]


def _int(value: str | None) -> int | None:
    text = (value or "").strip()
    return int(text) if text.isdigit() else None


class NameOptions(NamedTuple):
    """The name options of one level of a style; None where the level sets nothing.

    (A named tuple, not an attrs class: built once per style, it costs a tenth.)"""

    and_: str | None = None
    delimiter: str | None = None
    delimiter_precedes_et_al: str | None = None
    delimiter_precedes_last: str | None = None
    et_al_min: int | None = None
    et_al_use_first: int | None = None
    et_al_use_last: bool | None = None
    et_al_subsequent_min: int | None = None
    et_al_subsequent_use_first: int | None = None
    initialize: bool | None = None
    initialize_with: str | None = None
    initialize_with_hyphen: bool | None = None
    name_as_sort_order: str | None = None
    sort_separator: str | None = None
    form: str | None = None

    @classmethod
    def read(cls, attributes: Mapping[str, str], *, inherited: bool = False) -> NameOptions:
        """The options an element sets; *inherited* for the style and its sections, whose
        ``form`` and ``delimiter`` are spelled ``name-form`` and ``name-delimiter``."""
        get = attributes.get
        prefix = "name-" if inherited else ""
        use_last, initialize, hyphen = (
            get("et-al-use-last"),
            get("initialize"),
            get("initialize-with-hyphen"),
        )
        return cls(
            and_=get("and"),
            delimiter=get(prefix + "delimiter"),
            delimiter_precedes_et_al=get("delimiter-precedes-et-al"),
            delimiter_precedes_last=get("delimiter-precedes-last"),
            et_al_min=_int(get("et-al-min")),
            et_al_use_first=_int(get("et-al-use-first")),
            et_al_use_last=None if use_last is None else use_last == "true",
            et_al_subsequent_min=_int(get("et-al-subsequent-min")),
            et_al_subsequent_use_first=_int(get("et-al-subsequent-use-first")),
            initialize=None if initialize is None else initialize != "false",
            initialize_with=get("initialize-with"),
            initialize_with_hyphen=None if hyphen is None else hyphen != "false",
            name_as_sort_order=get("name-as-sort-order"),
            sort_separator=get("sort-separator"),
            form=get(prefix + "form"),
        )

    def over(self, base: NameOptions) -> NameOptions:
        """These options where set, *base*'s elsewhere."""
        if all(v is None for v in self):
            return base
        return NameOptions._make(b if v is None else v for v, b in zip(self, base, strict=True))


_INSTITUTION_KEYS = ("font-style", "font-variant", "font-weight", "text-decoration", "text-case")


def _leaf(node: Node) -> Node:
    """*node* (a name-part's, an institution's or et al.'s formatting) as one of
    citeproc-js's strings, which take a font-style only in a Latin-like script."""
    node.is_leaf()
    return node


class NameSpec(Node):
    """A ``cs:name`` element: its options, its name-part formatting and its et al."""

    __slots__ = (
        "options",
        "family_part",
        "given_part",
        "institution_part",
        "institution_delimiter",
        "et_al",
        "_resolved",
        "_merged",
        "subsequent_et_al",
        "inherited_et_al",
    )

    def __init__(self, el: Element | None) -> None:
        super().__init__(el if el is not None else Element("name"))
        self.options = NameOptions()
        self.family_part: Node | None = None
        self.given_part: Node | None = None
        self.institution_part: Node | None = None
        # what joins an institution last in the list to the names before it: citeproc-js's
        # cs:institution delimiter, which it copies from this cs:name's own delimiter
        # (not an inherited one) and else sets to ", "; None: the list's delimiter
        self.institution_delimiter: str | None = ", "
        self.et_al: tuple[str, Node] | None = None  # the cs:et-al of the cs:names around it
        self._resolved: dict[NameOptions, NameOptions] = {}
        #: a substitute's cs:name in a citation: et-al-subsequent options even in a first
        #: cite (with_parts_of)
        self.subsequent_et_al = False
        #: a substitute's cs:name whose outer one sets no et al.: the et-al-min and
        #: et-al-use-first the style or section sets come before its own (with_parts_of)
        self.inherited_et_al = False
        # with_parts_of's, by the outer cs:name and whether its et al. counts
        self._merged: dict[tuple[int, bool], NameSpec] = {}
        if el is None:
            return
        if el.get("delimiter") is not None:
            self.institution_delimiter = el.get("delimiter")
        self.options = NameOptions.read({str(k): str(v) for k, v in el.attrib.items()})
        for part in el:
            if part.tag == NS + "name-part":
                if part.get("name") == "family":
                    self.family_part = _leaf(Node(part))
                elif part.get("name") == "given":
                    self.given_part = _leaf(Node(part))
        # citeproc-js formats an institution (a literal name) as the family name: the
        # family name-part's font and text-case (never its affixes), and a text-case on
        # cs:name itself (its font is the whole list's already)
        inst = Element("institution-part")
        if el.get("text-case"):
            inst.set("text-case", str(el.get("text-case")))
        family = next(
            (p for p in el if p.tag == NS + "name-part" and p.get("name") == "family"),
            None,
        )
        if family is not None:
            for key in _INSTITUTION_KEYS:
                if family.get(key):
                    inst.set(key, str(family.get(key)))
        if len(inst.attrib):
            self.institution_part = _leaf(Node(inst))

    def with_parts_of(self, outer: NameSpec, citation: bool) -> NameSpec:
        """This cs:name with the name-parts and et al it lacks taken from *outer*'s, as a
        substitute's cs:name has them in citeproc-js (which compiles a cs:names' name-parts
        into every cs:names nested in it).  Where *outer* sets et-al-min or
        et-al-use-first, a list's entry takes them, whatever this one sets ("M. Grandtner
        et al. (eds.)" for editors standing in for authors), and a *citation* takes the
        et-al-subsequent options in force, even in a first cite (all three editors where
        there are none), as citeproc-js does; itself where nothing changes.  Where *outer*
        sets neither, the style's or section's et-al-min and et-al-use-first, where set,
        still come before this one's own (citeproc-js: all three editors for an
        et-al-min="4" bibliography whose substitute's cs:name says 3)."""
        key = (id(outer), citation)
        found = self._merged.get(key)
        if found is not None:
            return found
        missing = {
            attr: getattr(outer, attr)
            for attr in ("family_part", "given_part", "et_al")
            if getattr(self, attr) is None and getattr(outer, attr) is not None
        }
        sets_et_al = (
            outer.options.et_al_min is not None or outer.options.et_al_use_first is not None
        )
        outer_et_al = {
            option: getattr(outer.options, option)
            for option in ("et_al_min", "et_al_use_first")
            if not citation
            and getattr(outer.options, option) is not None
            and getattr(outer.options, option) != getattr(self.options, option)
        }
        subsequent = citation and sets_et_al
        inherited = not sets_et_al and (
            self.options.et_al_min is not None or self.options.et_al_use_first is not None
        )
        if not missing and not outer_et_al and not subsequent and not inherited:
            self._merged[key] = self
            return self
        found = copy.copy(self)
        found.inherited_et_al = inherited
        found._resolved = {}
        for attr, value in missing.items():
            setattr(found, attr, value)
        if outer_et_al:
            found.options = self.options._replace(**outer_et_al)
            found._resolved = {}
        found.subsequent_et_al = subsequent
        found._merged = {}
        self._merged[key] = found
        return found

    def resolved(self, ctx: Ctx) -> NameOptions:
        """The options in force: the section's, this element's, then a sort key's."""
        found = self._resolved.get(ctx.name_options)
        if found is None:
            found = self.options.over(ctx.name_options)
            if self.inherited_et_al:
                inherited = {
                    option: value
                    for option in ("et_al_min", "et_al_use_first")
                    if (value := getattr(ctx.name_options, option)) is not None
                }
                if inherited:
                    found = found._replace(**inherited)
            self._resolved[ctx.name_options] = found
        if ctx.sorting and ctx.sort_options is not None:
            return ctx.sort_options.over(found)
        return found


class Names(Node):
    """``cs:names``: the first of its variables that has names, else its substitute."""

    __slots__ = (
        "variables",
        "name",
        "label",
        "label_first",
        "substitute",
        "spenders",
        "delimiter",
        "has_name",
    )

    def __init__(self, el: Element, style: Style) -> None:
        super().__init__(el)
        self.variables = el.get("variable", "").split()
        self.delimiter = el.get("delimiter")
        name_el = et_al_el = label_el = sub_el = inst_el = None
        label_first = False
        for at, child in enumerate(el.children):
            tag = child.tag.replace(NS, "")
            if tag == "name":
                name_el = child
            elif tag == "et-al":
                et_al_el = child
            elif tag == "label":
                label_el = child
                # before a cs:name; without one the implicit name comes first
                label_first = name_el is None and any(
                    c.tag == NS + "name" for c in el.children[at + 1 :]
                )
            elif tag == "substitute":
                sub_el = child
            elif tag == "institution":
                inst_el = child
        self.has_name = name_el is not None
        self.name = NameSpec(name_el)
        if inst_el is not None:
            # CSL-M cs:institution: its own institution-part formats the institution, and
            # the family name-part's formatting is not copied to it (citeproc-js)
            part = next((c for c in inst_el if c.tag == NS + "institution-part"), None)
            self.name.institution_part = _leaf(Node(part)) if part is not None else None
            self.name.institution_delimiter = inst_el.get("delimiter")
        if et_al_el is not None:
            self.name.et_al = (et_al_el.get("term", "et-al"), _leaf(Node(et_al_el)))
        self.label = Label(label_el) if label_el is not None else None
        self.label_first = label_first
        self.substitute = compile_children(sub_el, style) if sub_el is not None else []
        #: the substitute's children that can spend the author check (a cs:names of its
        #: own cs:name, or a cs:choose holding one): see :attr:`.Ctx.substitute_spent`
        self.spenders = frozenset(
            id(node)
            for node in self.substitute
            if isinstance(node, Names)
            and node.has_name
            or isinstance(node, Choose)
            and any(isinstance(n, Names) and n.has_name for b in node.branches for n in b.body)
        )
        self.is_level()

    def render(self, ctx: Ctx, inherit: Names | None = None) -> Rich:
        if self.braces_level and ctx.braces:
            return self.braced().render(ctx, inherit)
        spec = self if (self.has_name or inherit is None) else inherit
        if self.label is not None or inherit is None or self.has_name:
            label, label_first = self.label, self.label_first
        else:  # a substitute without a name or a label of its own takes its parent's
            label, label_first = inherit.label, inherit.label_first
        if ctx.suppress_author and ctx.mode == "citation":
            # year collapsing: the author is already shown by the previous cite
            ctx.suppress_author = False
            ctx.note_var(True)
            return EMPTY
        found: list[tuple[str, tuple[Name, ...]]] = []
        for var in self.variables:
            value = ctx.value(var)
            if isinstance(value, tuple) and value:
                found.append((var, value))
        if found:
            name = spec.name
            outer = ctx.outer_name
            if outer is not None and outer is not name:
                name = name.with_parts_of(outer, ctx.mode == "citation")
            # a substitute cs:names without a cs:name of its own leaves its own affixes
            # and formatting off: the cs:names it stands in for puts its own (citeproc-js)
            own = self.has_name or inherit is None
            names = inherit if inherit is not None else self
            return self._render_found(found, name, label, label_first, ctx, own, names)
        outer = ctx.outer_name
        if outer is None:
            ctx.outer_name = spec.name
        try:
            out = self._substitute(ctx)
        finally:
            ctx.outer_name = outer
        if not out.runs and inherit is None and not ctx.sorting:
            if not ctx.predecessor and spec.name.resolved(ctx).form != "count":
                # citeproc-js: a cs:names that shows nothing still counts as printed before
                # what follows (its et-al term goes through the output queue): a term after
                # it is not capitalised ("anon. Three"), names after it are not an entry's
                # first (no subsequent-author-substitute)
                ctx.predecessor = True
        elif (
            not out.runs
            and inherit is None
            and ctx.sorting
            and spec.name.resolved(ctx).form == "count"
        ):
            # citeproc-js: in a sort key, a count of no names is "0", which sorts first
            ctx.var_frames[-1][1] += 1
            return Rich.plain("0")
        return out

    def _render_found(
        self,
        found: list[tuple[str, tuple[Name, ...]]],
        spec: NameSpec,
        label: Label | None,
        label_first: bool,
        ctx: Ctx,
        own: bool = True,
        outer: Names | None = None,
    ) -> Rich:
        ctx.note_var(True)
        for var, _ in found:
            ctx.used(var)
            if ctx.logs:
                # names a substitute prints are suppressed at once, for the rest of the
                # substitute too (a macro that names the editor twice prints them once)
                ctx.suppressed.add(var)
        if ctx.dates_only:  # a sort key in a macro with a date: only dates count
            return EMPTY
        # editor and translator the same people: one list with the editortranslator term,
        # where the names have a label and the locale a term in its form, and the cs:names
        # asks for those two variables alone (citeproc-js: not in "container-author editor
        # translator")
        if (
            len(found) == 2
            and len(self.variables) == 2
            and {found[0][0], found[1][0]} == {"editor", "translator"}
            and found[0][1] == found[1][1]
            and label is not None
            and ctx.locale.term("editortranslator", label.form)
        ):
            found = [("editortranslator", found[0][1])]
        pieces = []
        for var, names in found:
            first = not ctx.sorting and ctx.first_names is None
            replaced = ctx.substitute_names if first and ctx.author_substitute is not None else 0
            # subsequent-author-substitute name by name: "——— and M. Leider"
            body, count = render_names(names, spec, ctx, replaced=replaced)
            ctx.nameset_counter += 1
            substituted = False
            if first:
                ctx.first_names = body
                ctx.first_names_key = tuple(ctx.shown_names)  # compared by name_key
                ctx.names_lead = not ctx.predecessor and not ctx.substitute_spent
                if ctx.author_substitute is not None and not replaced:
                    # subsequent-author-substitute: "———" for a repeated author; an empty
                    # one leaves the names' label (citeproc-js: ", ed. 2012")
                    body = Rich.plain(ctx.author_substitute)
                    substituted = True
                    # printed, even empty: a term after it is not first ("(s.a.)")
                    ctx.predecessor = True
                    if not body and label is None:
                        ctx.note_var(True)
                        return EMPTY
            if label is not None and (body or substituted) and not ctx.sorting:
                # (citeproc-js: no label in keys)
                term = label.term(var, count > 1 or len(names) > 1, ctx)
                if term:
                    # the substitute text and the label are two pieces the (outermost)
                    # cs:names joins with its delimiter (citeproc-js: "———, (ed.)")
                    joiner = _names_delimiter(outer or self, ctx) if substituted else ""
                    body = join([term, body] if label_first else [body, term], joiner)
            pieces.append(body)
        delim = _names_delimiter(self, ctx)
        if spec.resolved(ctx).form == "count":
            total = sum(int(str(p)) for p in pieces if str(p).isdigit())
            if not total:
                return EMPTY
            return self.formatted(Rich.plain(str(total))) if own else Rich.plain(str(total))
        # a label's suffix is inside the names, as citeproc-js nests it
        body = nested(join(pieces, delim))
        return self.formatted(body) if own else body

    def _substitute(self, ctx: Ctx) -> Rich:
        """The first ``cs:substitute`` child that renders; what it used is suppressed after."""
        lead = not ctx.predecessor  # whether what stands in for the names comes first
        for node in self.substitute:
            ctx.var_frames.append([0, 0])
            log: set[str] = set()
            ctx.logs.append(log)
            # whether what rendered is names that take these names' formatting and affixes:
            # a cs:names with a cs:name of its own takes neither (citeproc-js)
            names = False
            if isinstance(node, Names):
                out, names = node.render(ctx, inherit=self), not node.has_name
            elif isinstance(node, Choose):
                out = EMPTY
                branch = node.branch(ctx)
                for n in branch.body if branch is not None else ():
                    if isinstance(n, Names):
                        out, names = n.render(ctx, inherit=self), not n.has_name
                    else:
                        out, names = n.render(ctx), False
                    if out.runs:
                        if isinstance(n, Names):
                            ctx.suppressed.update(n.variables)
                        break
            else:
                out = node.render(ctx)
            _, rendered = ctx.var_frames.pop()
            ctx.logs.pop()
            if (
                not out.runs
                and id(node) in self.spenders
                and not rendered
                and ctx.first_names is None
                and any(isinstance(n, Names) and n.has_name for n in _tried(node, ctx))
            ):
                ctx.substitute_spent = True
            if not out.runs and rendered and isinstance(node, Names) and not ctx.sorting:
                # names found, but an empty subsequent-author-substitute stands for them:
                # they were the substitute, nothing after them is tried (citeproc-js)
                ctx.note_var(True)
                ctx.suppressed.update(log)
                ctx.suppressed.update(node.variables)
                return EMPTY
            if (
                out.runs
                and log
                and not isinstance(node, Names)
                and not ctx.sorting
                and ctx.first_names is None
            ):
                # a variable that stands in for the names is the author subsequent-author-
                # substitute compares and replaces (a newspaper's title, a work's title); a
                # term or a fixed value (佚名, Anon.) is not (citeproc-js's rendered_name)
                ctx.first_names = out
                ctx.first_names_key = "\x01" + str(out)
                ctx.names_lead = lead and not ctx.substitute_spent
                if ctx.author_substitute is not None:
                    out = Rich.plain(ctx.author_substitute)
                    if not out.runs:
                        ctx.note_var(True)
                        ctx.suppressed.update(log)
                        return EMPTY
            if out.runs:
                # a term or value alone (no variable in it) ends the substitution but counts
                # as an empty variable, so the group or macro around the names can drop it,
                # as citeproc-js drops a substitute's `<text value="..."/>` in a macro
                ctx.note_var(bool(rendered))
                ctx.suppressed.update(log)
                if isinstance(node, Names):
                    ctx.suppressed.update(node.variables)
                elif isinstance(node, Text) and node.kind == "variable":
                    ctx.suppressed.add(node.arg)
                # the names' formatting and affixes go to names put in their place, not to
                # a title or a term (citeproc-js: "[Ed]." but "Title", not "[Title]."), nor
                # to a cs:names with a cs:name of its own
                return self.formatted(out) if names else out
        ctx.note_var(False)
        return EMPTY


_SPACES = LazyPattern(r"\s+")
_GIVEN_TAIL = LazyPattern(r"[,!]* ([^,]+)$")


def _tried(node: Node, ctx: Ctx) -> Iterable[Node]:
    """What a substitute's child *node* tried: itself, or a ``cs:choose``'s branch."""
    if isinstance(node, Choose):
        branch = node.branch(ctx)
        return branch.body if branch is not None else ()
    return (node,)


def _strip_periods(text: str | None) -> str:
    return _SPACES.sub(" ", (text or "").replace(".", " ")).rstrip()


@lru_cache(maxsize=65536)
def _reg_keys(family: str | None, given: str | None) -> tuple[str, str, str]:
    """A name's registry keys before the family takes a particle or a work's id:
    family, initials, given (a name met again is not read again)."""
    pkey = _strip_periods(family)
    skey = _strip_periods(given)
    m = _GIVEN_TAIL.search(skey)
    if m and m.group(1) == m.group(1).lower():
        skey = skey[: m.start()]
    ikey = initialize(skey, "%s", True) if skey else ""
    return pkey, ikey, skey


def _names_delimiter(names: Names, ctx: Ctx) -> str:
    """What a ``cs:names`` joins its name lists with: its own delimiter, else the
    section's ``names-delimiter``."""
    return names.delimiter if names.delimiter is not None else ctx.names_delimiter


class NameReg:
    """The names of every cited work, for given-name disambiguation (citeproc-js NameReg).

    Each family name (``pkey``) keeps the initials (``ikey``) seen with it, each initials
    the full given names (``skey``): two people with one family name show initials, two
    with the same initials too their given names.  Under ``by-cite`` the registry is per
    work, and a cite's own request decides; under ``primary-name*`` only first names count.
    """

    def __init__(self, add_given: bool, rule: str, demote_never: bool) -> None:
        self.add_given = add_given
        self.rule = rule
        self.demote_never = demote_never
        self.reg: dict[str, dict[str, set[str]]] = {}
        #: how many times each family's entry has grown: a cite rendered again while the
        #: entries of its names are as they were renders as it did
        self.versions: dict[str, int] = {}
        #: works whose names all have different family keys, under ``by-cite`` (a registry
        #: per work): each family of theirs holds one name, so a level is the style's own or
        #: what a cite asks for, and their names need not be registered
        self.single: set[str] = set()

    def family(self, name: Name) -> str:
        """*name*'s family key, before a work's id is put in front of it under ``by-cite``."""
        return self._with_particle(_reg_keys(name.family, name.given)[0], name)

    def _with_particle(self, pkey: str, name: Name) -> str:
        # demote-non-dropping-particle="never": the particle belongs to the family
        if self.demote_never and name.non_dropping_particle and name.family:
            return f"{pkey} {name.non_dropping_particle}"
        return pkey

    def keys(self, item_id: str, name: Name) -> tuple[str, str, str]:
        """*name*'s registry keys: family (per work under ``by-cite``), initials, given."""
        pkey, ikey, skey = _reg_keys(name.family, name.given)
        return self.scoped(item_id, self._with_particle(pkey, name)), ikey, skey

    def scoped(self, item_id: str, pkey: str) -> str:
        """A family key as the registry files it: per work under ``by-cite``."""
        return item_id + "\x00" + pkey if self.rule == "by-cite" else pkey

    def add(self, item_id: str, name: Name, pos: int) -> None:
        if self.rule.startswith("primary-") and pos != 0:
            return
        pkey, ikey, skey = self.keys(item_id, name)
        if not pkey:
            return
        by_initials = self.reg.get(pkey)
        grown = by_initials is None
        if by_initials is None:
            by_initials = self.reg[pkey] = {}
        if ikey:
            fulls = by_initials.get(ikey)
            if fulls is None:
                fulls = by_initials[ikey] = set()
                grown = True
            if skey and skey not in fulls:
                fulls.add(skey)
                grown = True
        if grown:
            self.versions[pkey] = self.versions.get(pkey, 0) + 1

    def state(self, pkeys: Sequence[str]) -> tuple[int, ...]:
        """The versions of the entries of *pkeys* (families from :meth:`keys`)."""
        versions = self.versions
        return tuple(versions.get(k, 0) for k in pkeys)

    def level(
        self, item_id: str, name: Name, namenum: int, request: int, form: str, initials: bool
    ) -> int:
        """How much of the given name to show: 0 none, 1 initials, 2 in full (evalname)."""
        pkey, ikey, _ = self.keys(item_id, name)
        param = 0 if form == "short" else 1 if initials else 2
        by_initials = self.reg.get(pkey)
        if by_initials is None or ikey not in by_initials:
            return param
        if self.rule == "by-cite" and param <= request:
            return request
        if not self.add_given:
            return param
        if self.rule.startswith("primary-name") and namenum > 0:
            return param
        rule = "all-names" if self.rule == "by-cite" else self.rule
        if rule in ("all-names", "primary-name"):
            if len(by_initials) > 1:
                param = 1
            if len(by_initials[ikey]) > 1 or (len(by_initials) > 1 and not initials):
                param = 2
        elif rule.endswith("-with-initials"):
            param = 1 if len(by_initials) > 1 else 0
        return param


def _given_level(name: Name, i: int, pos: int, options: NameOptions, ctx: Ctx, form: str) -> int:
    """The given-name level of the i-th name of the pos-th name list (citeproc-js
    _runDisambigNames and _renderGivenName): the registry's, a disambiguation request's,
    never below what the style's own options show."""
    initials = options.initialize_with is not None
    default = 0 if form == "short" else 1 if initials else 2
    reg = ctx.namereg
    if reg is None or (name.family is None and name.given is None):
        return default
    item_id = ctx.item.id
    single = item_id in reg.single
    if reg.add_given and not single:
        reg.add(item_id, name, i)
        if ctx.request is None and reg.rule == "by-cite":
            # a work's first cite, as citeproc-js renders it before the work is in its
            # registry: each name in the style's own form, whatever namesakes the work
            # has ("MM Grandtner MM Grandtner"); only a cite's request raises it later
            plain = default
        else:
            plain = reg.level(item_id, name, i, 0, form, initials)
    else:
        # without add-givenname, or for a work of one name a family, the registry's level
        # is the style's own whatever it holds: neither it nor the registry needs looking at
        plain = default
    settings = ctx.settings
    while len(settings.givens) <= pos:
        settings.givens.append([])
    givens = settings.givens[pos]
    if len(givens) <= i:
        givens.extend([0] * (i - len(givens)))
        givens.append(plain)
    if ctx.request is not None:
        val = givens[i]
        if val == 1 and reg.rule == "by-cite" and (not initials or not name.given):
            val = 2
        param = val
        if reg.add_given and name.given:
            if not single:
                param = reg.level(item_id, name, i, param, form, initials)
            elif _reg_keys(name.family, name.given)[1]:
                param = max(param, default)  # NameReg.level: the request, at least
            else:
                param = default  # no initials: NameReg.level's name not registered
    else:
        param = plain
    if not ctx.just_looking and ctx.mode == "citation" and ctx.cite.position == "first":
        param = max(param, plain)
    givens[i] = param
    return max(param, default)


def render_names(
    names: Sequence[Name], spec: NameSpec, ctx: Ctx, *, replaced: int = 0
) -> tuple[Rich, int]:
    """The rendered name list and its length; ``cs:name`` formatting wraps the list.
    The first *replaced* names print as the subsequent-author-substitute text.

    The affixes of ``cs:name`` go around each personal name and, after an et al., around
    the whole list too, never around an institution alone, as citeproc-js puts them
    (``Aa B, 译, Cc D, 译``; ``甲, 乙, 丙, 等, 译``)."""
    options = spec.resolved(ctx)
    body, count = _render_names(names, spec, options, ctx, replaced)
    if ctx.sorting or not body or (options.form or "long") == "count":
        return body, count
    return spec.formatted(body, affixes=False), count


def _name_affixes(body: Rich, name: Name | None, spec: NameSpec, ctx: Ctx) -> Rich:
    """A personal name (or, with *name* None, a list ending in et al.) in ``cs:name``'s
    affixes; an institution (a literal name) takes none."""
    if ctx.sorting or (name is not None and name.literal is not None):
        return body
    return affix(body, spec.prefix, spec.suffix)


def _render_names(
    names: Sequence[Name], spec: NameSpec, options: NameOptions, ctx: Ctx, replaced: int = 0
) -> tuple[Rich, int]:
    form = options.form or "long"
    delimiter = options.delimiter if options.delimiter is not None else ", "
    et_al_min = options.et_al_min or 0
    et_al_first = options.et_al_use_first or 0
    if ctx.mode == "citation" and (ctx.cite.position != "first" or spec.subsequent_et_al):
        if options.et_al_subsequent_min is not None:
            et_al_min = options.et_al_subsequent_min
        if options.et_al_subsequent_use_first is not None:
            et_al_first = options.et_al_subsequent_use_first
    pos = ctx.nameset_counter
    # et-al-use-first="0": no names at all (citeproc-js), unless disambiguation, which
    # reads the cite as a subsequent one (et-al-subsequent-use-first), asked for some
    none_first = (
        et_al_min
        and not et_al_first
        and options.et_al_use_first is not None
        and len(names) >= et_al_min
        and not ctx.sorting
    )
    req = ctx.request
    asked = req.names[pos] if req is not None and pos < len(req.names) else 0
    if none_first and (ctx.just_looking or not asked):
        return EMPTY, len(names)
    use_last = bool(options.et_al_use_last)
    truncated = False
    shown = list(names)
    count = len(names)
    active = bool(et_al_min and et_al_first)
    if ctx.sorting:
        n = et_al_first if active and count >= et_al_min else count
    elif none_first:
        n = asked
    else:
        # citeproc-js _imposeNameConstraints: a disambiguation request may show more
        if ctx.just_looking and asked:
            n = asked
        elif not ctx.just_looking and asked > et_al_first:
            n = asked if active and count >= et_al_min else count
        elif active and count >= et_al_min:
            n = et_al_first
        elif ctx.just_looking and options.et_al_min:
            # a cite as disambiguation sees it (subsequent) shows at most et-al-min names
            # where et-al-subsequent-min is more than the names: citeproc-js starts from
            # et-al-min, and the first cite then shows them with et al. ("Davis,
            # Griessenauer, Bosmia, Tubbs, et al. 2014" for five, et-al-min 4, -subsequent-min 6)
            n = min(count, options.et_al_min)
        else:
            n = count
        if (
            not ctx.just_looking
            and use_last
            and active
            and count >= et_al_min
            and n > et_al_min - 2
        ):
            n = et_al_min - 2  # "A, B, … Z" leaves a name out: fewer than all show
    if (not active or et_al_min >= et_al_first or none_first) and count > n:
        shown = list(names[:n])
        truncated = True
    ctx.shown_names = shown
    if not ctx.sorting:
        settings = ctx.settings
        while len(settings.names) <= pos:
            settings.names.append(0)
        settings.names[pos] = len(shown) + (1 if truncated and use_last else 0)
        settings.pad()
        ctx.names_max.append(count)
    # BibTeX "and others": the list is known to be incomplete, so it ends in et al.
    if (
        shown
        and shown[-1].literal is not None
        and shown[-1].literal.lower() in ("others", "et al.")
    ):
        shown = shown[:-1]
        truncated = bool(shown)
        names = [*shown, names[-1]]
    if form == "count":
        return Rich.plain(str(len(shown))), len(shown)
    if ctx.registering:
        # the names this cite shows go into the registry; how they print does not matter
        for i, name in enumerate(shown):
            _given_level(name, i, pos, options, ctx, form)
        return (_REGISTERED if any(_has_text(n) for n in shown) else EMPTY), len(shown)
    sort_order = "all" if ctx.sorting else options.name_as_sort_order
    sort_sep = options.sort_separator if options.sort_separator is not None else ", "
    rendered: list[Rich] = []
    turned: list[bool] = []  # the names name-as-sort-order turned (isInverted proper)
    # citeproc-js adds the delimiter to the suffix of each name but the last (",, " from
    # suffix "," and delimiter ", "): no merging between them; the name before an "and",
    # an et al. or an ellipsis keeps its own suffix, which merges with what follows
    folded: list[Rich | None] = []
    fold = bool(spec.suffix) and not ctx.sorting
    for i, name in enumerate(shown):
        inv = sort_order == "all" or (sort_order == "first" and i == 0)
        level = _given_level(name, i, pos, options, ctx, form)
        # citeproc-js's isInverted: a Latin-script personal name turned family first by
        # name-as-sort-order (an institution, a CJK name or a fixed-order name is not);
        # the first name of a list counts as one whatever it is, as citeproc-js reads
        # it for the delimiters "after-inverted-name" ("J. Smith, et al.", "秦晖, and 金雁").
        # A name an author substitute replaces keeps its place in that reading: citeproc-js
        # swaps the printed name for the substitute after joining ("---, en Morris Leider").
        turned.append(
            inv and name.literal is None and not name.static_ordering and not is_cjk(name)
        )
        if i < replaced:
            rendered.append(Rich.plain(ctx.author_substitute or ""))
            folded.append(None)
            continue
        one = render_name(name, spec, options, ctx, form, inv, sort_sep, level)
        rendered.append(_name_affixes(one, name, spec, ctx))
        folded.append(
            affix(one, spec.prefix, spec.suffix + delimiter)
            if fold and one.runs and name.literal is None
            else None
        )
    # the list's first counts as inverted whatever it is (see above)
    inverted = [i == 0 or t for i, t in enumerate(turned)]
    count = len(rendered)
    and_ = None if ctx.sorting else options.and_  # sort keys: names only
    and_term = None
    if and_ == "text":
        and_term = ctx.locale.term("and") or "and"
    elif and_ == "symbol":
        and_term = "&"
    if truncated:
        # (a sort key adds the last name to any shortened list: "A, B" for two names and
        # one shown, as citeproc-js keys them; a list as printed leaves one out at least)
        if use_last and len(names) > len(shown) + (0 if ctx.sorting else 1):
            last = render_name(
                names[-1], spec, options, ctx, form, sort_order == "all", sort_sep, None
            )
            last = _name_affixes(last, names[-1], spec, ctx)
            if ctx.sorting:  # a sort key lists the last name after the first ones, no "…"
                return join([*rendered, last], delimiter), count
            if not rendered:  # none of the first (et-al-min 2, use-first 1): the last alone
                return last, count
            # et-al-use-last: "A, B, … Z"; after one name no delimiter: "A … Z"
            before = delimiter if len(rendered) > 1 else " "
            body = join([_join_names(rendered, folded, delimiter), Rich.plain("…")], before)
            return join([body, last], " "), count
        et = EMPTY if ctx.sorting else _et_al_term(spec, ctx)
        if not et:
            return _join_names(rendered, folded, delimiter), count
        dpe = options.delimiter_precedes_et_al or "contextual"
        use_delim = (
            dpe == "always"
            or (dpe == "contextual" and len(rendered) >= 2)
            or (dpe == "after-inverted-name" and inverted[-1])
        )
        body = _join_names(rendered, folded, delimiter)
        if use_delim:
            body = join([body, et], delimiter)
        elif not _STARTS_ROMANESQUE.match(str(et)):
            # citeproc-js: no space before a term that does not begin with a Latin, Greek,
            # Cyrillic, ... letter (張三等), nor before one that begins with its own space
            body = body + et
        else:
            body = join([body, et], " ")
        return _name_affixes(body, None, spec, ctx), count
    if and_term and len(rendered) > 1:
        dpl = options.delimiter_precedes_last or "contextual"
        # (an institution last is joined by cs:institution's "and": after-inverted only
        # after a name name-as-sort-order turned, "Holst, M.R., and Inst", not after the
        # list's first that only counts as one, "Inst A and Inst B")
        after_inverted = (
            dpl == "after-inverted-name"
            and inverted[-2]
            and (shown[-1].literal is None or turned[-2])
        )
        if shown[-1].literal is not None:
            # citeproc-js joins an institution last with its cs:institution's "and", which
            # takes delimiter-precedes-last from the style or section, not from cs:name:
            # the delimiter before it with three names or more unless "never", with two
            # only for "always" ("A, B, and Inst", "A and Inst")
            dpl = ctx.name_options.delimiter_precedes_last or "contextual"
            use_delim = dpl != "never" if len(rendered) >= 3 else dpl == "always"
            inst_delim = spec.institution_delimiter
            if (
                use_delim
                and not after_inverted
                and inst_delim is not None
                and _STARTS_ROMANESQUE.match(and_term)
            ):
                # before a Latin "and", the institution's own delimiter
                head = _join_names(rendered[:-1], folded, delimiter)
                return join(
                    [head, join([Rich.plain(and_term), rendered[-1]], " ")], inst_delim
                ), count
        else:
            use_delim = dpl == "always" or (dpl == "contextual" and len(rendered) >= 3)
        use_delim = use_delim or after_inverted
        head = _join_names(rendered[:-1], folded, delimiter)
        if not _STARTS_ROMANESQUE.match(and_term):
            # citeproc-js: no spaces around an "and" that is not a Latin, Greek, ... word
            # (张三和李四, Wang和Sun); a delimiter before it only with "always" and two names
            before = delimiter if (dpl == "always" and len(rendered) == 2) or after_inverted else ""
            return concat(concat(head, Rich.plain(before + and_term)), rendered[-1]), count
        if use_delim:
            body = join([head, join([Rich.plain(and_term), rendered[-1]], " ")], delimiter)
        elif len(rendered) >= 3 and not delimiter:
            # citeproc-js puts a space before the "and" of three names or more only where
            # the names' delimiter is not empty ("J. YooY. Miyamotoand C. Ryff")
            body = concat(head, join([Rich.plain(and_term), rendered[-1]], " "))
        else:
            body = join([head, Rich.plain(and_term), rendered[-1]], " ")
        return body, count
    if len(rendered) > 1 and shown[-1].literal is not None and not ctx.sorting:
        # no "and": an institution last is joined by cs:institution's delimiter
        inst_delim = spec.institution_delimiter
        if inst_delim is not None:
            return join(
                [_join_names(rendered[:-1], folded, delimiter), rendered[-1]], inst_delim
            ), count
    # no "and": citeproc-js joins the last name with the delimiter in the "and"'s place,
    # which no mark of the name before merges with ("Jansma,, DeRuiter" for a family
    # name-part's suffix "," and the delimiter ", "; the others "Cc, Ee")
    return _join_names(rendered, folded, delimiter, merge_last=ctx.sorting), count


def _join_names(
    rendered: list[Rich], folded: list[Rich | None], delimiter: str, *, merge_last: bool = True
) -> Rich:
    """*rendered* names joined by *delimiter*; a name with a suffix (*folded*: the name
    with the delimiter added to its suffix) takes it unmerged, the last its own suffix.
    Without *merge_last*, the delimiter before the last name merges with no mark before it."""
    last = len(rendered) - 1
    if not any(folded[:last]) and (merge_last or last < 1):
        return join(rendered, delimiter)
    body = EMPTY
    pending = False
    for i, piece in enumerate(rendered):
        if not piece.runs:
            continue
        own = folded[i] if i < last else None
        if own is not None:
            piece = own
        if not pending or not body.runs:
            body = concat(body, piece)
        elif i == last and not merge_last:
            body = join_unmerged(body, delimiter, piece)
        else:
            body = join([body, piece], delimiter)
        pending = own is None
    return body


_REGISTERED = Rich.plain("\x00")  # a name list while names are only registered


def _has_text(name: Name) -> bool:
    return any((name.literal, name.family, name.given, name.non_dropping_particle))


# citeproc-js's STARTSWITH_ROMANESQUE_REGEXP
_STARTS_ROMANESQUE = LazyPattern(f"^[&{ROMANESQUE_LETTERS}]")


def _et_al_term(spec: NameSpec, ctx: Ctx) -> Rich:
    term, node = spec.et_al if spec.et_al is not None else ("et-al", None)
    text = ctx.locale.term(term)
    if not text:
        return EMPTY
    body = Rich.plain(text)
    return node.formatted(body) if node is not None else body


_WORDS = LazyPattern(r"(\s+|-)")
#: what citeproc-js trims from the end of initials and of normalised given names
_TRAILING_SPACE = " \t\n\x0b\x0c\r\ufeff\u00a0"
_JOINED_INITIALS = LazyPattern(r"\.(?=[^\W\d_])")


@lru_cache(maxsize=65536)
def initialize(given: str, mark: str, hyphen: bool) -> str:
    """Initials of ``given``: ``Kai Quan`` → ``K Q`` (mark " "), ``Jean-Paul`` → ``J.-P.``."""
    out: list[str] = []
    pending_hyphen = False
    # initials joined by periods are separate names: J.R. → J. R., P.G.W. → P. G. W.
    given = _JOINED_INITIALS.sub(". ", given)
    if not hyphen:
        # citeproc-js reads hyphens as spaces: a lowercase part is then a word of its own,
        # kept whole ("Kai-shek" → "K shek", where with hyphens it has no initial: "K")
        given = given.replace("-", " ")
    for w in _WORDS.split(given.strip()):
        if not w:
            continue
        if w == "-":
            pending_hyphen = True
            continue
        if w.isspace():
            continue
        core = w.strip(".")
        if not core:
            continue
        if core[0].isupper() or not core[0].isalpha():
            initial = core[0] if core[0].isalpha() else core
            # an abbreviation stays whole ("Th." is not "T.", "ME." not "M.")
            if w.endswith(".") and len(core) >= 2:
                initial = core
            elif len(core) > 2 and core[1].isupper() and core[2].islower():
                initial = core[0] + core[1].lower()  # a digraph initial: TSerendorjiin, Ts.
            piece = initial + mark
        elif pending_hyphen:
            pending_hyphen = False  # Guo-ping: a lowercase part after a hyphen has no initial
            continue
        else:
            piece = w + " "  # particle-like lowercase word: kept whole
            if out and not out[-1].endswith(" "):
                piece = " " + piece  # J.B. de C.M.: a space before it even when crowded
        if pending_hyphen and out and hyphen:
            out[-1] = out[-1].rstrip() + "-"
        pending_hyphen = False
        out.append(piece)
    # citeproc-js trims these from the end, a no-break space too (``initialize-with=".&#160;"``)
    return "".join(out).rstrip(_TRAILING_SPACE)


def normalize_initials(given: str, mark: str, hyphen: bool = True) -> str:
    """``initialize="false"``: the initials and abbreviations written in *given* take *mark*
    (``M.E`` → ``M. E.``, ``H.-K.`` → ``H. K.`` with ". "), full names stay as written
    (``Jung-Ran``; ``Jung Ran`` where *hyphen* is off), as citeproc-js's doNormalize has it."""
    name = given.strip()
    if name in ("Lord", "Lady") or not _STARTS_ROMANESQUE.match(name):
        return given
    if not hyphen:
        name = name.replace("-", " ")
    name = re.sub(r"\s+", " ", re.sub(r"\s*-\s*", "-", name))
    name = _HYPHEN_LOWER.sub("\u2013\\1", name)  # "Jean-paul" is one word
    name = _JOINED_PERIOD.sub(". ", name)
    parts = _NAME_SEPARATORS.split(name)  # words at even places, separators between
    if len(parts) == 1:
        tail = re.search(r"[^.]+$", parts[0])
        if tail and len(tail.group()) == 1 and tail.group() != tail.group().lower():
            parts[0] += "."
    abbrev = []
    for i in range(0, len(parts), 2):
        w = parts[i]
        if len(w) > 1 and w.endswith("."):
            head, _, rest = w.rpartition(".")
            parts[i] = head + rest
            abbrev.append(True)
        else:
            abbrev.append(len(w) == 1 and w.upper() == w)
    last = len(parts) - 1
    for i in range(0, len(parts), 2):
        if not abbrev[i // 2]:
            continue
        if i < last:
            sep = parts[i + 1]
            if not abbrev[i // 2 + 1]:
                sep += " "
            # the separator after an initial is the mark (before a full word, mark + it)
            parts[i + 1] = mark + sep if len(parts[i + 2]) > 1 else mark
        else:
            parts[i] += mark
    out = "".join(parts).rstrip(_TRAILING_SPACE)
    out = re.sub(r"\s+", " ", re.sub(r"\s*-\s*", "-", out))
    return _DASH_LOWER.sub(r"-\1", out)


_HYPHEN_LOWER = LazyPattern(r"-([a-z])")
_DASH_LOWER = LazyPattern("\u2013([a-z])")
_JOINED_PERIOD = LazyPattern(r"\.(?=[^ ])")
_NAME_SEPARATORS = LazyPattern(r"([-\s]+)")


def render_name(
    name: Name,
    spec: NameSpec,
    options: NameOptions,
    ctx: Ctx,
    form: str,
    inverted: bool,
    sort_sep: str,
    level: int | None,
) -> Rich:
    """One name: literal as written, CJK family+given, Western by the options."""
    fam_node, giv_node = spec.family_part, spec.given_part
    if name.literal is not None:
        return _part(parse_markup(smart_apostrophes(name.literal)), spec.institution_part, ctx)
    family = _apostrophes(name.family or "")
    given = _apostrophes(name.given or "")
    if is_cjk(name):
        # citeproc-js formats the name-parts of a name not in Latin script but leaves
        # their affixes off
        fam = _part(Rich.plain(family), fam_node, ctx, affixes=False)
        if form == "short" and not level:
            return fam
        giv = _part(Rich.plain(given), giv_node, ctx, affixes=False) if given else EMPTY
        if given[:1].isascii() and given[:1].isalpha():
            return join([fam, giv], " ")  # ラムザイヤー J.マーク: a mixed name, spaced
        return fam + giv
    demote = ctx.style.demote_ndp
    space = ctx.style.particle_space  # (a sort key keeps "de\u00a0Beauvoir" one word)
    init_with = options.initialize_with
    init = options.initialize is not False
    hyphen = options.initialize_with_hyphen is not False
    if level is not None:
        # disambiguation: 1 = initials (where the style initialises), 2 = full given name
        if level >= 2:
            init_with = None
        elif (
            init_with is None
            and ctx.namereg is not None
            and ctx.namereg.rule.endswith("-with-initials")
        ):
            init_with = ""
    if (
        given
        and init_with is not None
        and init
        and not (ctx.full_pinyin and is_pinyin_name(name.family, name.given))
    ):
        given = initialize(given, init_with, hyphen)
    elif given and init_with is not None and not init:
        given = normalize_initials(given, init_with, hyphen)
    ndp = _apostrophes(name.non_dropping_particle or "")
    dp = _apostrophes(name.dropping_particle or "")
    # CSL 1.0.2: the family name-part's formatting covers the non-dropping particle, the
    # given one's the dropping particle; each particle is formatted on its own, a particle
    # moved to the given side keeps its own formatting, and each side's affixes wrap it
    fam_side = [(ndp, fam_node), (family, fam_node)]
    giv_side = [(given, giv_node), (dp, giv_node)]
    if name.static_ordering and not (form == "short" and not level):
        # family first, space-separated, whatever the name order asks (citeproc-js)
        fam = _side(fam_side, fam_node, ctx, space=space)
        giv = _side(giv_side[:1], giv_node, ctx)
        return join([fam, giv], " ")
    if form == "short" and not level:
        if ctx.sorting and ndp and demote != "never":
            # a short name as a sort key demotes its particle too (van Regenmortel under R)
            return Rich.plain(f"{family}|{ndp}")
        if inverted and ndp and demote in ("always", "display-and-sort"):
            # name-as-sort-order inverts a short name too: its particle, demoted, after the
            # family name and the sort separator, within the given part's affixes
            # ("Regenmortel, van", as citeproc-js writes it)
            fam = _side(fam_side[1:], fam_node, ctx, space=space)
            return join([fam, _side(fam_side[:1], giv_node, ctx)], sort_sep)
        return _side(fam_side, fam_node, ctx, space=space)
    if ctx.sorting:
        # citeproc-js's sort key: family and given joined by its sort separator "|", a
        # symbol that sorts before letters ("Gold|M" before "Goldberg|J"), where a
        # style's separator is punctuation the collation ignores
        if demote == "never":
            head = _spaced(_spaced(ndp, family, space=space), dp)
            rest = given
        else:
            head = family
            rest = _spaced(given, dp, ndp)
        key = Rich.plain("|".join(p for p in (head, rest) if p))
        if name.suffix:
            key = join([key, Rich.plain(smart_apostrophes(name.suffix))], " ")
        return key
    if inverted:
        if not (demote in ("never", "sort-only") and not ctx.sorting or demote == "never"):
            giv_side.append(fam_side.pop(0))
        fam = _side(fam_side, fam_node, ctx, space=space)
        giv = _side(giv_side, giv_node, ctx)
        pieces = [fam, giv]
        if name.suffix:
            pieces.append(Rich.plain(_suffix_text(smart_apostrophes(name.suffix), init_with)))
        return join([p for p in pieces if p], sort_sep)
    # a dropping particle in the given part's formatting but within the family's affixes,
    # as citeproc-js writes "François Hédelin (d’Aubignac)"
    # the suffix too sits within the family's affixes: "[Jean] (de La Fontaine III)"
    tail = None
    if name.suffix:
        suffix = _suffix_text(smart_apostrophes(name.suffix), init_with)
        tail = (", " if name.comma_suffix else " ", suffix)
    fam = _side([giv_side.pop(), *fam_side], fam_node, ctx, tail, space=space)
    giv = _side(giv_side, giv_node, ctx)
    # initials whose mark holds a no-break space keep to the family name with one too
    initials = init_with is not None and any(c in init_with for c in "\u00a0\ufeff")
    return join([giv, fam], space if initials else " ")


def name_key(name: Name) -> str:
    """A name as subsequent-author-substitute compares it: its parts, run together."""
    if name.literal is not None:
        return name.literal
    return "".join(
        p or ""
        for p in (
            name.family, name.given, name.non_dropping_particle, name.dropping_particle,
            name.suffix,
        )
    )  # fmt: skip


def _spaced(*parts: str, space: str = " ") -> str:
    """Name parts joined by *space*, none after a particle that ends in an apostrophe or
    a hyphen (``d'Alembert``, ``al-Farabi``), as citeproc-js joins them."""
    out = ""
    for part in parts:
        if not part:
            continue
        if out and not out.endswith(("'", "\u2019", "\u02bb", "-")):
            out += space
        out += part
    return out


def _suffix_text(suffix: str, init_with: str | None) -> str:
    """Name suffixes lose their periods where initials do (``Jr.`` → ``Jr`` with ``initialize-with=" "``)."""
    if init_with is not None and "." not in init_with:
        return suffix.replace(".", "")
    return suffix


@lru_cache(maxsize=65536)
def _apostrophes(text: str) -> str:
    """A personal name's typographic apostrophes: a straight single quote in a name is an
    apostrophe wherever it stands (’t Hooft, d’Alembert), as citeproc-js prints it."""
    return smart_apostrophes(text.replace("'", "\u2019"))


def _side(
    parts: list[tuple[str, Node | None]],
    outer: Node | None,
    ctx: Ctx,
    tail: tuple[str, str] | None = None,
    *,
    space: str = " ",
) -> Rich:
    """Name parts each in its own part's formatting, spaced as :func:`_spaced` spaces them
    (with *space*), and a *tail* (delimiter, unformatted text), within *outer*'s affixes."""
    body = EMPTY
    last = ""
    for text, node in parts:
        if not text:
            continue
        piece = parse_markup(text)  # markup in a name part (<b>Doe</b>) reads as in fields
        if node is not None:
            piece = node.finish(piece, ctx, affixes=False)
        if body and not last.endswith(("'", "\u2019", "\u02bb", "-")):
            body = body + Rich.plain(space)
        body = body + piece
        last = text
    if tail is not None and tail[1]:
        body = join([body, Rich.plain(tail[1])], tail[0])
    if outer is None or not body:
        return body
    return affix(body, outer.prefix, outer.suffix)


def _part(body: Rich, node: Node | None, ctx: Ctx, *, affixes: bool = True) -> Rich:
    if node is None or not body:
        return body
    return node.finish(body, ctx, affixes=affixes)


register("names", Names)
