"""What the field table cannot say: the special cases of reading and writing an entry.

Each case is a pair: a ``read_…`` function that the reader applies after the
table's codecs (:func:`._to_work.to_work`), and a ``write_…`` function that
the writer applies before them (:func:`._writer.entry_text`) and that undoes
it, so that a record reads back as it was.  The inheritance of fields through
``crossref`` and ``xdata`` happens earlier, between raw entries
(:mod:`._crossref`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...model import Work
from . import _fields as bm
from ._codecs import Out, WriteContext
from ._titles import main_title
from .latex import encode

__all__ = [
    "default_genre",
    "entry_type",
    "keep_entry_type",
    "read_archive_place",
    "read_default_genre",
    "read_main_title",
    "read_subtype",
    "read_type",
    "write_archive_place",
    "write_entrysubtype",
    "write_main_title",
    "write_subtype",
]

# --------------------------------------------------------------------------- entry types


def read_type(bibtype: str, fields: Mapping[str, str]) -> tuple[str, bool]:
    """The CSL type of an entry, and whether its ``entrysubtype`` was used up deciding it.

    biblatex's ``@article`` with ``entrysubtype = {magazine}`` or
    ``{newspaper}`` is a magazine or newspaper article; an ``entrysubtype``
    that names another CSL type (as :func:`write_entrysubtype` writes it)
    gives that type.  Any other ``entrysubtype`` stays in ``extra``.
    """
    return bm.csl_type_for(bibtype, fields.get("entrysubtype"))


def write_entrysubtype(work: Work, ctx: WriteContext) -> list[Out]:
    """The ``entrysubtype`` that makes the entry read back as the work's CSL type, if any
    is needed (:func:`read_type`); lost with a warning if ``extra`` holds another."""
    subtype = bm.subtype_for(work.type, ctx.bibtype)
    if subtype is None:
        return []
    if "entrysubtype" in ctx.extra:
        ctx.lost(f"type {work.type!r} (entrysubtype is taken)", "type")
        return []
    return [("entrysubtype", subtype, False)]


def keep_entry_type(bibtype: str, csl_type: str, values: Mapping[str, Any]) -> bool:
    """True if the entry type must be kept in ``extra`` (``entrytype: proceedings``): the
    writer would not choose it again from the record (see :func:`entry_type`)."""
    genre = values.get("genre")
    editor = bool(values.get("editor"))
    cauthor = bool(values.get("container_author"))
    subtype = values.get("subtype")
    return bibtype not in (
        bm.write_type_for(csl_type, genre, editor, cauthor, "bibtex", subtype),
        bm.write_type_for(csl_type, genre, editor, cauthor, "biblatex", subtype),
    )


def entry_type(work: Work, extra: dict[str, str], dialect: str) -> str:
    """The entry type written for *work*, the ``entrytype`` taken out of *extra*.

    The type the record was read from (:func:`keep_entry_type`) when it still
    reads back as the work's CSL type, else the table's choice
    (:func:`._fields.write_type`).
    """
    btype = extra.pop("entrytype", None)
    if btype:
        btype = btype.strip().lower()
        if (
            bm.csl_type_for(btype, None)[0] != work.type
            and bm.subtype_for(work.type, btype) is None
        ):
            btype = None
    return btype or bm.write_type(work, dialect)


def read_subtype(bibtype: str, csl_type: str, values: dict[str, Any]) -> None:
    """A ``@proceedings`` (or ``@mvproceedings``) is a book with the subtype ``proceedings``."""
    if csl_type == "book" and bibtype in bm.SUBTYPE_OF:
        values["subtype"] = bm.SUBTYPE_OF[bibtype]


def write_subtype(work: Work, ctx: WriteContext) -> None:
    """A subtype only the entry type can carry: lost, with a warning, unless the entry type does."""
    if work.subtype and bm.SUBTYPE_OF.get(ctx.bibtype) != work.subtype:
        ctx.lost(f"the subtype {work.subtype!r} in a @{ctx.bibtype} entry", "subtype")


def default_genre(bibtype: str) -> str | None:
    """The genre BibTeX's ``@phdthesis`` and ``@mastersthesis`` imply (``PhD thesis``), as
    BibTeX's standard styles print it; the writer leaves such a genre out (:class:`._codecs.Genre`)."""
    return bm.DEFAULT_GENRE.get(bibtype)


def read_default_genre(bibtype: str, csl_type: str, values: dict[str, Any]) -> None:
    """A thesis without a ``type`` field gets the genre of its entry type (:func:`default_genre`)."""
    if csl_type == "thesis" and not values.get("genre"):
        genre = default_genre(bibtype)
        if genre is not None:
            values["genre"] = genre


# --------------------------------------------------------------------------- maintitle


def read_main_title(bibtype: str, fields: Mapping[str, str], values: dict[str, Any]) -> None:
    """A multi-volume work's ``maintitle``, as biblatex and pandoc print it.

    In a chapter it is the container title and the book's own title the volume
    title; in a book it is the title and the book's own title the volume title.
    ``maintitle`` stays in ``extra``, which tells the writer to undo this.
    Applies only where no ``issuetitle`` gave a volume title.
    """
    if "maintitle" not in fields or "volume_title" in values:
        return
    main = main_title(fields)
    if not main:
        return
    attr = "container_title" if bibtype in bm.CHAPTER_TYPES else "title"
    if values.get(attr):
        values["volume_title"] = values[attr]
    values[attr] = main


def write_main_title(work: Work, ctx: WriteContext) -> Work:
    """Undo :func:`read_main_title`: the entry's own title is the volume title again."""
    if not ctx.extra.get("maintitle"):
        return work
    attr = "container_title" if ctx.bibtype in bm.CHAPTER_TYPES else "title"
    if getattr(work, attr) != main_title(ctx.extra):
        return work
    if attr == "title":
        return work.evolve(title=work.volume_title, volume_title=None)
    return work.evolve(container_title=work.volume_title, volume_title=None)


# --------------------------------------------------------------------------- archives


def read_archive_place(bibtype: str, values: dict[str, Any], place_field: str | None) -> None:
    """An archival document's place is its archive's (GB/T 7714: 收藏者所在地).

    In an ``@archive`` or ``@letter`` (biblatex-gb7714, gbt7714.bst) without a
    publisher, the ``location`` or ``address`` read as the publisher's place
    (*place_field*) becomes ``archive_place``.
    """
    if (
        bibtype in bm.ARCHIVE_TYPES
        and "publisher" not in values
        and "archive_place" not in values
        and place_field in ("location", "address")
    ):
        values["archive_place"] = values.pop("publisher_place")


def write_archive_place(work: Work, ctx: WriteContext) -> tuple[Work, list[Out]]:
    """Undo :func:`read_archive_place`: an archival document without a publisher writes
    ``archive_place`` as its place, and a ``publisher_place`` apart (``publisher-place``)."""
    if ctx.bibtype not in bm.ARCHIVE_TYPES or work.publisher:
        return work, []
    if work.publisher_place:
        tail: list[Out] = []
        if "publisher-place" in ctx.extra:
            ctx.lost("publisher_place (publisher-place is taken)", "publisher-place")
        else:
            tail.append(("publisher-place", encode(work.publisher_place), False))
        return work.evolve(publisher_place=None), tail
    if work.archive_place:
        return work.evolve(publisher_place=work.archive_place, archive_place=None), []
    return work, []
