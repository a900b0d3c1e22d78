"""BibTeX and BibLaTeX, both ways: one table of codecs between BibTeX fields and the model.

Reading (either dialect, whatever the ``dialect`` option says):

* several files form one library: ``@string`` macros (case-insensitive, with
  ``#`` concatenation, the month macros ``jan``…``dec`` predefined) and
  ``crossref``/``xdata`` parents resolve across them, macro-only files first;
* ``crossref`` follows biblatex's inheritance rules (a book's ``title``
  becomes its chapter's ``booktitle``…); the ``crossref`` key stays in
  ``extra`` so that it is written back;
* values are decoded from LaTeX by :mod:`.latex` (titles keep their
  case protection as nocase spans; ``url``, ``doi``, ``eprint``, ``file`` …
  stay verbatim), names are split by :mod:`.names`, dates parsed by
  :mod:`citelib.dates`;
* the GB/T 7714 types of biblatex-gb7714 and gbt7714.bst: ``@archive`` is a
  ``manuscript`` and ``@letter`` a ``personal_communication`` held by an
  archive (``institution`` → ``archive``, ``number`` → ``archive_location``,
  the place → ``archive-place`` unless there is a publisher), ``@map`` a
  ``map``, ``@preprint`` an ``article`` whose server (``eprinttype`` or
  ``archivePrefix``) is its publisher; a ``@proceedings`` a ``book`` whose
  subtype is ``proceedings``; ``holder`` a patent's holder and ``cstr`` its
  CSTR (GB/T 7714-2025 7.9), citelib's own variables;
* every field the model has no variable for is kept in ``extra`` under its
  lowercase name, and so is the entry type where the CSL type does not
  determine it (``entrytype: proceedings``);
* every problem (a block that does not parse, a missing comma that merged two
  fields, an undefined macro, a duplicate key or field, an empty key, a bad
  date, a missing ``crossref`` parent) becomes a :class:`Problem` with file,
  line and key; lenient reading keeps every good or repaired entry, strict
  reading raises one :class:`ParseError` with them all.

Limits.  Reading takes time linear in the size of the text, whatever its shape
(a 10 MB field, a field of 100,000 ``{}``, braces nested 100,000 deep, a run of
10 million spaces, 50,000 authors, a ``crossref`` chain of 100,000 entries, a
parent shared by 100,000 children), and nothing is refused for its size.  What
could grow beyond it is bounded:

* ``@string`` macros: the macros of one value (a field, or the definition of
  another macro) may add at most :data:`MACRO_LIMIT` (1,000,000) characters,
  and those of the whole library at most :data:`MACRO_TOTAL_LIMIT`
  (10,000,000) or ten times the size of the texts read, whichever is more.  A
  macro that would go past either is left unexpanded (its name is kept as
  text) with a ``macro-limit`` problem naming it and the entry and field, or
  the macro, being read; a value that uses a macro so cut short gets one too.
  The rest of the library is read as usual.  (Macros that each double the one
  before would otherwise reach 4 GB in 40 lines.)
* LaTeX nested more than :data:`.latex.MAX_DEPTH` (200) groups or commands
  deep is kept as LaTeX source in the decoded text, not interpreted.
* ``crossref``/``xdata`` chains have no depth limit: parents are resolved with
  an explicit stack, each entry once.

Writing produces UTF-8 BibTeX (``dialect="bibtex"``: ``journal``, ``year`` and
``month = jan``, ``address``, ``@phdthesis``) or BibLaTeX (``journaltitle``,
``date``, ``location``), with ``langid`` in both (babel names where one reads
back as the same tag: pandoc reads only ``langid``, gbt7714.bst knows only
babel names), braces every value once and the word ``and`` in publisher-like
fields (biber and pandoc split those lists on it), orders fields stably, and
reads back to the same records.  Titles are written as they are: see
:func:`write` for why no case protection is added.

The modules, in the order a field travels through them:

* :mod:`._reader` splits a text (with :mod:`._scan`, or bibtexparser's
  splitter for anything irregular) and evaluates each field to its raw LaTeX;
  :mod:`._crossref` gives entries the fields they inherit;
* :mod:`._fields` is the table: entry types ⇄ CSL types, and one row per
  model attribute naming its BibTeX fields and the :mod:`._codecs` codec that
  reads and writes its value (:mod:`.latex` for text, :mod:`.names` for
  names, :mod:`._titles` for titles with subtitles);
* :mod:`._to_work` and :mod:`._writer` walk that one table in each direction,
  with the few cases it cannot say in :mod:`._special`;
* :mod:`._braces` counts brace depth for all of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from ...errors import CitelibError, ParseError, Report
from ...model import Library, Work, Written
from .._readback import check_read_back, report_repeated_keys
from ._crossref import resolve_parents
from ._reader import MACRO_LIMIT, MACRO_TOTAL_LIMIT, Reader, raw_entries
from ._to_work import to_work
from ._writer import entry_text

__all__ = ["MACRO_LIMIT", "MACRO_TOTAL_LIMIT", "read", "read_many", "sniff", "write"]

_SNIFF = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.MULTILINE)


def sniff(text: str) -> bool:
    """True if *text* looks like BibTeX: an ``@type{`` at the start of a line."""
    return _SNIFF.search(text[:20000]) is not None


def read_many(
    sources: Sequence[tuple[str, str]],
    *,
    strict: bool = False,
    dialect: str = "bibtex",
    **options: Any,
) -> Library:
    """One library from several BibTeX texts ``(source, text)``: macros and crossrefs resolve across them."""
    reader = Reader(strict)
    try:
        return _read_many(reader, sources, strict)
    except CitelibError:
        raise
    except RecursionError:
        raise ParseError(
            "input nested too deeply to read", file=sources[0][0] if sources else None
        ) from None
    except Exception as e:  # pragma: no cover - a bug, but never a raw traceback for bad data
        raise ParseError(
            f"cannot read BibTeX: {type(e).__name__}: {e}",
            file=sources[0][0] if sources else None,
        ) from e


def _read_many(reader: Reader, sources: Sequence[tuple[str, str]], strict: bool) -> Library:
    """The library of *sources*: raw entries, their parents resolved, each as a Work."""
    raws = raw_entries(reader, sources)
    resolve_parents(reader, raws)
    works: list[Work] = []
    for raw in raws:
        try:
            works.append(to_work(raw, reader))
        except (ValueError, TypeError, RecursionError) as e:
            reader.problem(
                "bad-entry", f"entry skipped: {e}", raw.source, raw.line, raw.key, "error"
            )
    if strict and reader.problems:
        raise ParseError.from_problems(reader.problems)
    return Library(works, reader.problems)


def read(
    text: str,
    *,
    source: str = "<string>",
    strict: bool = False,
    dialect: str = "bibtex",
    **options: Any,
) -> Library:
    """Works from BibTeX or BibLaTeX *text* (see the module docstring)."""
    return read_many([(source, text)], strict=strict, dialect=dialect, **options)


def write(
    works: Iterable[Work],
    *,
    dialect: str = "bibtex",
    check: bool = True,
    **options: Any,
) -> Written:
    """*works* as a .bib text in *dialect* (``bibtex`` or ``biblatex``).

    Titles keep only the case protection the records hold (nocase spans become
    ``{…}``); no protection is added.  pandoc's own export braces every
    capitalised word of an English title so that its reader, which
    sentence-cases English BibTeX titles, keeps them; citelib does not, because
    (1) BibTeX has one kind of braces: writer-added ``{Practical}`` would read back
    as a protected word, so a record would not survive the round trip, and (2) it
    would stop gbt7714.bst and biblatex-gb7714 from sentence-casing English titles,
    which GB/T 7714 wants and those styles do by default.

    Nothing is lost silently: what the entry cannot hold is reported as it is
    written, a key written twice is reported (``duplicate-key``), and with *check*
    (the default) the text is read back and every other field that does not come
    back the same is reported too (``changed`` or ``not-written``, naming the key and
    the field), as is the rule for every writer.
    """
    if dialect not in ("bibtex", "biblatex"):
        raise CitelibError(f"unknown BibTeX dialect {dialect!r}; use bibtex or biblatex")
    report = Report()
    works = list(works)
    report_repeated_keys(works, report, "BibTeX")
    entries = [entry_text(w, dialect, report) for w in works]
    text = "\n\n".join(entries) + ("\n" if entries else "")
    if check:
        check_read_back(works, read(text, source="<written>").works, report, "BibTeX")
    return Written(text, report.problems)
