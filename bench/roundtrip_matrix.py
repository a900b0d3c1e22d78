"""Round trips of every readable corpus file through every writer: lossless, or loudly lossy.

For each source file of ``../shared/corpora`` that a citelib reader reads (CSL-JSON, the CSL
test suite's INPUT sections, BibTeX/BibLaTeX, RIS, EndNote, CNKI, NoteExpress, and the pasted
pages of ``tests/data/page``) and each writer of :data:`citelib.formats.FORMATS` whose output a
reader takes back, the works read are written, read back and compared one by one with
attrs equality.  Each work falls in one column:

* ``same``: read back equal;
* ``loud``: changed, and the writer reported a problem naming its key (loudly lossy: fine);
* ``silent``: changed with no problem naming its key (a bug: must be 0);
* ``lost``: no work with its key came back (``lost!`` counts those with no problem naming it).

Works are matched by key, in order (a key written twice matches the first work read back with
it, then the second).  No normalisation is applied: the records must be equal as attrs values.
The only format-given allowance is the reader used for each writer's output: ``bibtex`` and
``biblatex`` are read back by the BibTeX reader, ``csljson`` by the CSL-JSON reader, ``ris`` by
the RIS reader.  ``zotero-json`` is left out unless asked for (``--only zotero-json``): it is
CSL-JSON shaped for Zotero's importer (the citation key and the variables Zotero lacks go in
``note`` as ``Key: value`` lines, which Zotero reads and citelib's CSL-JSON reader keeps as
note text), so it does not read back into the same records by design and says so with a
``changed`` problem per work.

Run::

    .venv/bin/python bench/roundtrip_matrix.py            # the matrix
    .venv/bin/python bench/roundtrip_matrix.py --show 5   # and up to 5 silent changes per cell
    .venv/bin/python bench/roundtrip_matrix.py --only bibtex,biblatex
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
sys.path.insert(0, str(ROOT))

from citelib.formats import FORMATS, get_format  # noqa: E402
from citelib.io import decode  # noqa: E402
from citelib.model import Library, Work  # noqa: E402

#: writer -> the format that reads its output back
READ_BACK = {
    "bibtex": "bibtex",
    "biblatex": "bibtex",
    "csljson": "csljson",
    "zotero-json": "csljson",
    "ris": "ris",
}

_CSLJSON_GLOBS = [
    "csl-json/**/*.json",
    "better-bibtex/export-csl/*.json",
    "zotero-chinese-styles/items/*.json",
    "zotero-chinese-styles/golden/inputs/*.json",
    "perf/*.json",
]
_INPUT = re.compile(r">>=+ INPUT =+>>\n(.*?)<<=+ INPUT =+<<", re.S)
_IRIDIA = ["abbrev", "journals", "authors", "biblio", "articles", "crossref"]
#: BibTeX files read together (macros and crossrefs across files); every other .bib alone
_BIB_GROUPS = [[f"large-bib/iridia-references/{f}.bib" for f in _IRIDIA]]
#: the RIS folder's files and their formats (as tests/test_corpora_ris.py lists them)
_TAGGED = {".ris": "ris", ".enw": "endnote", ".NET": "noteexpress"}
_TAGGED_FILES = {
    "handmade-cnki/cnki-endnote.txt": "endnote",
    "handmade-cnki/cnki-estudy-custom.txt": "cnki",
    "handmade-cnki/cnki-estudy-datatype.txt": "cnki",
    "mrhelper-cn-db-exports/demo_cnki_202101.txt": "cnki",
}


def _text(path: Path) -> str:
    return decode(path.read_bytes(), source=str(path))


def sources() -> Iterator[tuple[str, str, Library]]:
    """(source format, file name, library read) for every source of the corpora."""
    csljson = get_format("csljson")
    for pattern in _CSLJSON_GLOBS:
        for path in sorted(CORPORA.glob(pattern)):
            yield "csljson", str(path), csljson.read(_text(path), source=str(path))
    for path in sorted((CORPORA / "csl-test-suite" / "humans").rglob("*.txt")):
        m = _INPUT.search(path.read_text(encoding="utf-8-sig"))
        if m is not None:
            yield "csljson", str(path), csljson.read(m[1], source=str(path))
    bibtex = get_format("bibtex")
    grouped = {f for group in _BIB_GROUPS for f in group}
    for group in _BIB_GROUPS:
        texts = [(str(CORPORA / f), _text(CORPORA / f)) for f in group]
        yield "bibtex", group[-1], bibtex.read_many(texts)
    for path in sorted(CORPORA.rglob("*.bib")):
        rel = path.relative_to(CORPORA).as_posix()
        if rel in grouped or rel.startswith("ris/jabref/"):  # JabRef's expected output
            continue
        try:
            lib = bibtex.read(_text(path), source=str(path))
        except Exception:  # noqa: BLE001 - an unreadable problem file is no source
            continue
        yield "bibtex", str(path), lib
    ris_root = CORPORA / "ris"
    for path in sorted(ris_root.rglob("*")):
        rel = path.relative_to(ris_root).as_posix()
        fmt = _TAGGED_FILES.get(rel) or _TAGGED.get(path.suffix)
        if fmt is None or rel.endswith("example_wos.ris"):
            continue
        yield fmt, str(path), get_format(fmt).read(_text(path), source=str(path))
    for path in sorted((ROOT / "tests" / "data" / "page").glob("*.txt")):
        yield "page", str(path), get_format("page").read(_text(path), source=str(path))


def differences(a: Work, b: Work) -> list[str]:
    """The attributes in which *a* and *b* differ."""
    return [f.name for f in attrs.fields(Work) if getattr(a, f.name) != getattr(b, f.name)]


@attrs.define
class Cell:
    works: int = 0
    same: int = 0
    loud: int = 0
    silent: int = 0
    lost: int = 0
    lost_silent: int = 0
    examples: list[str] = attrs.field(factory=list)
    loud_examples: list[str] = attrs.field(factory=list)


def _detail(w: Work, other: Work) -> str:
    diff = differences(w, other)
    return "; ".join(f"{d}: {getattr(w, d)!r} -> {getattr(other, d)!r}" for d in diff)


def round_trip(works: tuple[Work, ...], writer: str, cell: Cell, show: int, loud: int = 0) -> None:
    """Write *works* with *writer*, read them back, and count each work in *cell*."""
    written = FORMATS[writer].write(works)
    named = {p.key for p in written.problems if p.key is not None}
    back = get_format(READ_BACK[writer]).read(written.text, source="written")
    by_key: dict[str, list[Work]] = defaultdict(list)
    for w in back.works:
        by_key[w.id].append(w)
    for w in works:
        cell.works += 1
        again = by_key.get(w.id)
        if not again:
            cell.lost += 1
            if w.id not in named:
                cell.lost_silent += 1
                if len(cell.examples) < show:
                    cell.examples.append(f"  LOST {w.id!r}")
            continue
        other = again.pop(0)
        if other == w:
            cell.same += 1
        elif w.id in named:
            cell.loud += 1
            if len(cell.loud_examples) < loud:
                cell.loud_examples.append(f"  {w.id!r}: {_detail(w, other)}"[:600])
        else:
            cell.silent += 1
            if len(cell.examples) < show:
                cell.examples.append(f"  {w.id!r}: {_detail(w, other)}"[:600])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", type=int, default=0, help="silent changes to print per cell")
    parser.add_argument("--loud", type=int, default=0, help="reported changes to print per cell")
    parser.add_argument("--only", default="", help="writers to run, comma-separated")
    args = parser.parse_args()
    only = args.only.split(",") if args.only else [w for w in READ_BACK if w != "zotero-json"]
    writers = [w for w in READ_BACK if w in only]
    cells: dict[tuple[str, str], Cell] = defaultdict(Cell)
    for fmt, _name, lib in sources():
        for writer in writers:
            round_trip(lib.works, writer, cells[fmt, writer], args.show, args.loud)
    print(
        f"{'source':12} {'writer':12} {'works':>7} {'same':>7} {'loud':>6} {'silent':>6}"
        f" {'lost':>5} {'lost!':>5}"
    )
    for (fmt, writer), c in sorted(cells.items()):
        print(
            f"{fmt:12} {writer:12} {c.works:7} {c.same:7} {c.loud:6} {c.silent:6}"
            f" {c.lost:5} {c.lost_silent:5}"
        )
    total = sum(c.silent + c.lost_silent for c in cells.values())
    print(f"silent changes and losses: {total}")
    for (fmt, writer), c in sorted(cells.items()):
        if c.examples:
            print(f"\nsilent, {fmt} -> {writer}:")
            print("\n".join(c.examples))
        if c.loud_examples:
            print(f"\nreported, {fmt} -> {writer}:")
            print("\n".join(c.loud_examples))


if __name__ == "__main__":
    main()
