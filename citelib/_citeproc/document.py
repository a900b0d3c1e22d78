"""A document: its citations in order, and what their order decides.

A :class:`Cluster` is one citation (one or more cites) at one place of a document, with
the note it sits in (0: in the running text).  :func:`render_clusters` registers the cited
works in order of first citation (so numeric styles number them so, and author-date
styles disambiguate them all together: an earlier citation shows the year suffix a later
one made necessary), sorts each cluster, sets each cite's position and renders them all.

Positions follow the CSL specification (1.0.2, ``position``) as citeproc-js applies it:

* ``first`` for the first cite of a work; every later one is ``subsequent``;
* ``ibid`` when the cite follows a cite of the same work immediately -- in the same
  citation, or as the first cite of a citation whose previous citation (in the same or the
  previous note, alone in its note) cited the work first; in the running text, the previous
  citation's last cite;
* ``ibid-with-locator`` then when the locators differ, or only the new cite has one; a cite
  without a locator after one with a locator is only ``subsequent``;
* ``near-note`` when the work was cited at most ``near-note-distance`` (5) notes before;
* ``first-reference-note-number``: the note of the work's first cite.

In-text citations (note 0) and notes are tracked apart; a note number lower than the one
before starts the tracking afresh.  A citation that shows only its authors is never a
work's first cite.  Positions are set only for styles that test them
(:attr:`.style.Style.uses_position`), as in citeproc-js; otherwise every cite is first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .engine import CiteRequest, Processor
from .item import Item
from .rich import EMPTY, SUP, Rich, concat

__all__ = ["Cluster", "narrative", "register", "render_clusters", "set_positions"]


class Cluster:
    """One citation of a document: its cites and its note (0 in the running text).

    ``narrative``: the first cite is part of the sentence (see :func:`narrative`); it stays
    first when the others are sorted.
    """

    __slots__ = ("cites", "note", "narrative")

    def __init__(
        self, cites: Sequence[CiteRequest], note: int = 0, *, narrative: bool = False
    ) -> None:
        self.cites = list(cites)
        self.note = note
        self.narrative = narrative and bool(self.cites)

    @property
    def author_only(self) -> bool:
        return bool(self.cites) and all(c.mode == "author-only" for c in self.cites)


def register(proc: Processor, clusters: Sequence[Cluster], nocite: Sequence[str] = ()) -> None:
    """Register the works cited, in order of first citation, then those of *nocite*
    (``*``: every other work, in input order)."""
    ids = [c.id for cl in clusters for c in cl.cites]
    for key in nocite:
        if key == "*":
            ids.extend(it.id for it in proc.items)
        else:
            ids.append(key)
    proc.register(ids)


def sort_clusters(proc: Processor, clusters: Sequence[Cluster]) -> None:
    """Put each cluster's cites in the style's citation order (unknown ids last)."""
    cit = proc.style.citation
    if cit is None or not cit.sort:
        return
    for cl in clusters:
        head = cl.cites[:1] if cl.narrative else []
        rest = cl.cites[len(head) :]
        known = [(proc.by_id[c.id], c) for c in rest if c.id in proc.by_id]
        unknown = [c for c in rest if c.id not in proc.by_id]
        if len(known) > 1:
            known = proc.sorted_cites(known, cit)
        cl.cites = head + [c for _, c in known] + unknown


def set_positions(clusters: Sequence[Cluster], near_note_distance: int = 5) -> None:
    """Set each cite's ``position``, ``near_note`` and ``first_note`` (module docstring)."""
    for group in ([c for c in clusters if not c.note], [c for c in clusters if c.note]):
        first: dict[str, int] = {}
        last: dict[str, int] = {}
        in_note: Counter[int] = Counter()
        for j, cl in enumerate(group):
            prev = group[j - 1] if j > 0 else None
            if prev is not None and cl.note and prev.note > cl.note:
                first, last, in_note = {}, {}, Counter()
            in_note[cl.note] += len(cl.cites)
            for k, req in enumerate(cl.cites):
                req.position, req.near_note, req.first_note = "first", False, None
                if req.id not in last and not cl.author_only:
                    first[req.id] = last[req.id] = cl.note
                else:
                    req.position = _later_position(group, j, k, in_note)
                    if cl.author_only:
                        req.position = "first"
                    if req.id in first and first[req.id] != cl.note:
                        req.first_note = first[req.id]
                if cl.note:
                    seen = last.get(req.id)
                    if (
                        req.position != "first"
                        and seen is not None
                        and cl.note - seen <= near_note_distance
                    ):
                        req.near_note = True
                    last[req.id] = cl.note
                elif req.position != "first":
                    req.near_note = True


def _later_position(group: Sequence[Cluster], j: int, k: int, in_note: Counter[int]) -> str:
    """``subsequent``, ``ibid`` or ``ibid-with-locator`` for cite *k* of cluster *j*."""
    cl = group[j]
    req = cl.cites[k]
    prev = group[j - 1] if j > 0 else None
    ibid = False
    before: CiteRequest | None = None
    if prev is not None and k == 0 and prev.note != cl.note:
        # the first cite of a note, after a note that cited the work first and alone
        if (
            prev.cites
            and prev.cites[0].id == req.id
            and prev.note >= cl.note - 1
            and (in_note[prev.note] == 1 or prev.note == 0)
        ):
            ibid, before = True, prev.cites[0]
    elif k > 0 and cl.cites[k - 1].id == req.id:
        ibid, before = True, cl.cites[k - 1]
    elif prev is not None and k == 0 and prev.cites:
        # the same note (or the running text): the previous citation's last cite
        back = group[j - 2] if prev.author_only and j > 1 else prev
        if back.cites and back.cites[-1].id == req.id:
            ibid, before = True, prev.cites[0]
    if not ibid or before is None:
        return "subsequent"
    was = before.locator + (before.label or "") if before.locator else None
    now = req.locator + (req.label or "") if req.locator else None
    if was and not now:
        return "subsequent"
    if was == now:
        return "ibid"
    return "ibid-with-locator"


_CLOSE_SEAM = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\u3000-\u303f\uff00-\uffef]")


def narrative(proc: Processor, cites: Sequence[CiteRequest]) -> Rich:
    """A citation whose first cite is part of the sentence: its author, then the
    citation without that author (``孙柏瑛（2018）``, ``Sun (2018)``, ``孙柏瑛[1]``).

    The two parts are joined by a space, as citeproc-js joins them; in a style that
    declares ``citelib:narrative-tight``, not where either side of the seam is Chinese,
    Japanese or Korean text or full-width punctuation, nor before a superscript.
    """
    head = cites[0]
    item: Item | None = proc.by_id.get(head.id)
    cit = proc.style.citation
    if item is None or cit is None:
        return proc.citation(cites, sort=False)
    author = proc._author_only(item, head, cit)
    rest_head = _copy(head, "suppress-author")
    rest = proc.citation([rest_head, *cites[1:]], sort=False)
    if not author:
        return rest
    if not rest:
        return author
    left, right = str(author), str(rest)
    glued = "narrative-tight" in proc.style.options and (
        (left and _CLOSE_SEAM.match(left[-1]))
        or (right and _CLOSE_SEAM.match(right[0]))
        or cit.default_layout.fmt & SUP
    )
    return concat(author, rest) if glued else concat(concat(author, Rich.plain(" ")), rest)


def _copy(req: CiteRequest, mode: str) -> CiteRequest:
    out = CiteRequest(req.id, req.locator, req.label, req.prefix, req.suffix, mode)
    out.position, out.near_note, out.first_note = req.position, req.near_note, req.first_note
    return out


def render_clusters(
    proc: Processor, clusters: Sequence[Cluster], *, nocite: Sequence[str] = ()
) -> list[Rich]:
    """Every cluster of a document in its final form (see the module docstring)."""
    register(proc, clusters, nocite)
    sort_clusters(proc, clusters)
    cit = proc.style.citation
    if proc.style.uses_position and cit is not None:
        distance = cit.opt("near-note-distance", "5") or "5"
        set_positions(clusters, int(distance) if distance.isdigit() else 5)
    out: list[Rich] = []
    for cl in clusters:
        if not cl.cites:
            out.append(EMPTY)
        elif cl.narrative:
            out.append(narrative(proc, cl.cites))
        else:
            out.append(proc.citation(cl.cites, sort=False))
    return out
