"""The format registry: every format by name and file suffix.

Each format is one module (or package) in this package with

* ``read(text, *, source="<string>", strict=False, **options) -> Library``;
* ``write(works, **options) -> Written`` (where writing makes sense): the text and
  a :class:`~citelib.errors.Problem` for everything the format cannot carry;
* optionally ``read_many(sources, *, strict=False, **options) -> Library`` for
  formats whose files form one library together (BibTeX ``@string`` and
  ``crossref`` across files), and ``sniff(text) -> bool`` for content detection.

A :class:`Format` calls them with its registered options (``dialect`` for
BibTeX/BibLaTeX).  Modules are imported on first use, so importing citelib stays
cheap.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import ModuleType
from typing import Any, cast

import attrs

from ..errors import CitelibError, UnknownFormat, WriteError
from ..model import Library, Work, Written

__all__ = ["FORMATS", "Format", "format_for_path", "get_format", "sniff_format"]


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a reader builds its records.

    A reader allocates many container objects that all survive (the records), so
    every collection the allocations trigger walks a growing heap and frees
    nothing: a third of the time of a 400,000-entry file went to it.  Readers make
    no reference cycles of their own, so nothing accumulates meanwhile; the
    collector runs again as before afterwards (and stays off if it was off).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@attrs.frozen
class Format:
    """A registered format: its name, the module that implements it and its suffixes."""

    name: str
    module: str
    suffixes: tuple[str, ...] = ()
    description: str = ""
    options: Mapping[str, Any] = attrs.field(factory=dict)

    def load(self) -> ModuleType:
        """The module that implements the format."""
        return importlib.import_module(self.module)

    @property
    def can_read(self) -> bool:
        return hasattr(self.load(), "read")

    @property
    def can_write(self) -> bool:
        return hasattr(self.load(), "write")

    def read(
        self, text: str, *, source: str = "<string>", strict: bool = False, **options: Any
    ) -> Library:
        """Works from *text* in this format."""
        module = self.load()
        if not hasattr(module, "read"):
            raise CitelibError(f"format {self.name!r} cannot be read")
        with _collector_paused():
            return cast(
                Library,
                module.read(text, source=source, strict=strict, **{**self.options, **options}),
            )

    def read_many(
        self, sources: Sequence[tuple[str, str]], *, strict: bool = False, **options: Any
    ) -> Library:
        """One library from several ``(source, text)`` pairs in this format."""
        module = self.load()
        if hasattr(module, "read_many"):
            with _collector_paused():
                return cast(
                    Library,
                    module.read_many(sources, strict=strict, **{**self.options, **options}),
                )
        out = Library()
        for source, text in sources:
            out = out + self.read(text, source=source, strict=strict, **options)
        return out

    def write(self, works: Iterable[Work], **options: Any) -> Written:
        """*works* as text in this format, with what it could not carry."""
        module = self.load()
        if not hasattr(module, "write"):
            raise WriteError(f"format {self.name!r} cannot be written")
        return cast(Written, module.write(list(works), **{**self.options, **options}))


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add a format to the registry (a later registration of a name replaces the earlier)."""
    FORMATS[fmt.name] = fmt
    return fmt


register(
    Format(
        "bibtex",
        "citelib.formats.bibtex",
        (".bib", ".bibtex"),
        "BibTeX (reads BibLaTeX too)",
        {"dialect": "bibtex"},
    )
)
register(
    Format(
        "biblatex", "citelib.formats.bibtex", (".biblatex",), "BibLaTeX", {"dialect": "biblatex"}
    )
)
register(
    Format(
        "csljson",
        "citelib.formats.csljson",
        (".json", ".csljson"),
        "CSL-JSON (Zotero, pandoc, citeproc-js)",
    )
)
register(Format("ris", "citelib.formats.ris", (".ris",), "RIS (Zotero, EndNote, Mendeley)"))
register(Format("endnote", "citelib.formats.endnote", (".enw",), "EndNote tagged export (read)"))
register(Format("cnki", "citelib.formats.cnki", (".txt",), "CNKI E-Study text export (read)"))
register(
    Format(
        "noteexpress",
        "citelib.formats.noteexpress",
        (".net", ".txt"),
        "NoteExpress export, as Wanfang writes it (read)",
    )
)
register(Format("page", "citelib.formats.page", (".txt",), "pasted catalogue page (read)"))
register(
    Format(
        "reflist",
        "citelib.formats.reflist",
        (),
        "formatted reference list, GB/T 7714 or APA (read; `citelib parse` verifies it)",
    )
)
register(
    Format(
        "zotero-json",
        "citelib.formats.zotero_json",
        (),
        "CSL-JSON that Zotero's importer takes without loss (write)",
    )
)


def get_format(name: str) -> Format:
    """The format called *name*; an :class:`UnknownFormat` error lists the known ones."""
    try:
        return FORMATS[name.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise UnknownFormat(f"unknown format {name!r}; known: {known}") from None


def sniff_format(text: str) -> Format | None:
    """The first registered format whose ``sniff`` recognises *text*, if any."""
    for fmt in FORMATS.values():
        sniff = getattr(fmt.load(), "sniff", None)
        if sniff is not None and sniff(text):
            return fmt
    return None


def _suffix(path: str) -> str:
    """The suffix of a path's last part, as :attr:`pathlib.PurePath.suffix` gives it (none
    for ``.bib`` or ``refs.``), read without importing :mod:`pathlib`."""
    if os.altsep:
        path = path.replace(os.altsep, os.sep)
    # the last part that is not empty nor ".", as pathlib normalises ("a.b/." is "a.b")
    name = next((p for p in reversed(path.split(os.sep)) if p not in ("", ".")), "")
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def format_for_path(path: str | os.PathLike[str], text: str | None = None) -> Format:
    """The format a file's suffix names; content sniffing (given *text*) settles unknown suffixes."""
    suffix = _suffix(os.fspath(path)).lower()
    candidates = [f for f in FORMATS.values() if suffix in f.suffixes]
    if len(candidates) == 1:
        return candidates[0]
    if text is not None:
        found = sniff_format(text)
        if found is not None:
            return found
    known = ", ".join(sorted({s for f in FORMATS.values() for s in f.suffixes}))
    raise UnknownFormat(
        f"cannot tell the format of {str(path)!r} from its suffix {suffix or '(none)'!r}"
        f" (known suffixes: {known}); name it with --from/--to or format="
    )
