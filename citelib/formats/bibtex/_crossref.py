"""``crossref`` and ``xdata``: the fields an entry inherits from its parents, as biblatex reads them."""

from __future__ import annotations

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


def resolve_parents(reader: Reader, entries: list[RawEntry]) -> None:
    """Give each entry with ``xdata`` or ``crossref`` the fields of its parents (their own parents
    first), reporting missing parents and cycles."""
    by_key: dict[str, RawEntry] = {}
    for e in entries:
        by_key.setdefault(e.key.lower(), e)
    done: set[int] = set()

    def resolve(e: RawEntry, stack: tuple[int, ...]) -> None:
        if id(e) in done:
            return
        if id(e) in stack:
            reader.problem("crossref-cycle", "crossref/xdata cycle", e.source, e.line, e.key)
            return
        stack = stack + (id(e),)
        xdata = e.fields.get("xdata")
        if xdata:
            for ref in (r.strip() for r in xdata.split(",")):
                parent = by_key.get(ref.lower()) if ref else None
                if parent is None:
                    if ref:
                        reader.problem(
                            "missing-parent",
                            f"xdata entry '{ref}' not found",
                            e.source,
                            e.line,
                            e.key,
                        )
                    continue
                resolve(parent, stack)
                _inherit(e, parent, renames=False)
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
                resolve(parent, stack)
                _inherit(e, parent, renames=True)
        done.add(id(e))

    for e in entries:
        if "crossref" in e.fields or "xdata" in e.fields:
            resolve(e, ())
