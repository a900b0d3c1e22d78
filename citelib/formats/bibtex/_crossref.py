"""``crossref`` and ``xdata``: the fields an entry inherits from its parents, as biblatex reads them."""

from __future__ import annotations

from collections.abc import Iterator

from ._reader import RawEntry, Reader

__all__ = ["resolve_parents"]

# fields never inherited through crossref/xdata (biblatex)
_NO_INHERIT = frozenset(
    [
        "ids",
        "crossref",
        "xref",
        "xdata",
        "entryset",
        "entrysubtype",
        "execute",
        "label",
        "options",
        "presort",
        "related",
        "relatedoptions",
        "relatedstring",
        "relatedtype",
        "shorthand",
        "shorthandintro",
        "sortkey",
        "shorttitle",
        "sorttitle",
        "indextitle",
        "indexsorttitle",
    ]
)
_MV = frozenset(["mvbook", "mvcollection", "mvproceedings", "mvreference"])
_IN_MV = frozenset(
    [
        "book",
        "inbook",
        "bookinbook",
        "suppbook",
        "collection",
        "incollection",
        "suppcollection",
        "reference",
        "inreference",
        "proceedings",
        "inproceedings",
    ]
)
_BOOKISH = frozenset(["book", "collection", "proceedings", "reference"]) | _MV
_IN_BOOK = frozenset(
    [
        "inbook",
        "bookinbook",
        "suppbook",
        "incollection",
        "suppcollection",
        "inreference",
        "inproceedings",
    ]
)
_TITLE_PARTS = ("title", "subtitle", "titleaddon")


def _inherit(child: RawEntry, parent: RawEntry, renames: bool) -> None:
    """Copy into *child* the fields it lacks from *parent* (biblatex's rules if *renames*)."""
    fields = child.fields
    if renames:
        pt, ct = parent.type, child.type
        mapping: dict[str, str] = {}
        if pt in _MV and ct in _IN_MV:
            mapping = {p: "main" + p for p in _TITLE_PARTS}
        elif pt in _BOOKISH and ct in _IN_BOOK:
            mapping = {p: "book" + p for p in _TITLE_PARTS}
        elif pt == "periodical" and ct in ("article", "suppperiodical"):
            mapping = {"title": "journaltitle", "subtitle": "journalsubtitle"}
        if (
            pt in ("book", "mvbook")
            and ct in ("inbook", "bookinbook", "suppbook")
            and "bookauthor" not in fields
            and "author" in parent.fields
        ):
            fields["bookauthor"] = parent.fields["author"]
        for src, dst in mapping.items():
            if src in parent.fields and dst not in fields:
                fields[dst] = parent.fields[src]
        skip = set(mapping)
    else:
        skip = set()
    for name, value in parent.fields.items():
        if name in skip or name in _NO_INHERIT or name in fields:
            continue
        fields[name] = value


def _parents(
    reader: Reader, by_key: dict[str, RawEntry], e: RawEntry
) -> Iterator[tuple[RawEntry, bool]]:
    """The parents of *e* in the order it inherits from them (its ``xdata`` entries, then its
    ``crossref``), each with whether biblatex's renaming rules apply; a parent not found is
    reported when its turn comes.  Lazy: *e*'s ``crossref`` is looked at once it has
    inherited from its ``xdata`` entries."""
    xdata = e.fields.get("xdata")
    if xdata:
        for ref in (r.strip() for r in xdata.split(",")):
            parent = by_key.get(ref.lower()) if ref else None
            if parent is None:
                if ref:
                    reader.problem(
                        "missing-parent", f"xdata entry '{ref}' not found", e.source, e.line, e.key
                    )
                continue
            yield parent, False
    cref = e.fields.get("crossref")
    if cref and cref.strip():
        parent = by_key.get(cref.strip().lower())
        if parent is None:
            reader.problem(
                "missing-parent",
                f"crossref entry '{cref.strip()}' not found",
                e.source,
                e.line,
                e.key,
            )
        elif parent is not e:
            yield parent, True


def resolve_parents(reader: Reader, entries: list[RawEntry]) -> None:
    """Give each entry with ``xdata`` or ``crossref`` the fields of its parents (their own parents
    first), reporting missing parents and cycles.

    Each entry is resolved once, however many children share it, and chains of parents
    are followed with a stack of our own, not Python's: a chain of any length is
    resolved (no recursion limit), in time linear in the entries and their fields.
    """
    by_key: dict[str, RawEntry] = {}
    for e in entries:
        by_key.setdefault(e.key.lower(), e)
    done: set[int] = set()
    on_path: set[int] = set()  # the entries being resolved: a parent among them is a cycle
    for root in entries:
        if id(root) in done or ("crossref" not in root.fields and "xdata" not in root.fields):
            continue
        # each frame: an entry, its parents still to take, the parent being resolved for it
        stack: list[tuple[RawEntry, Iterator[tuple[RawEntry, bool]], tuple[RawEntry, bool] | None]]
        stack = [(root, _parents(reader, by_key, root), None)]
        on_path.add(id(root))
        while stack:
            e, parents, waiting = stack[-1]
            if waiting is not None:  # its parent is resolved (or in a cycle): inherit
                _inherit(e, waiting[0], renames=waiting[1])
            step = next(parents, None)
            stack[-1] = (e, parents, step)
            if step is None:
                done.add(id(e))
                on_path.discard(id(e))
                stack.pop()
                continue
            parent = step[0]
            if id(parent) in done:
                continue
            if id(parent) in on_path:
                reader.problem(
                    "crossref-cycle", "crossref/xdata cycle", parent.source, parent.line, parent.key
                )
                continue
            on_path.add(id(parent))
            stack.append((parent, _parents(reader, by_key, parent), None))
