"""Every RIS, EndNote, CNKI and NoteExpress sample of the corpora read without an
uncaught exception, with the number of records each file holds.

The samples are read from their copies in tests/data/corpora/ris (JabRef's and rispy's, MIT;
the hand-made CNKI samples), except mrhelper's CNKI, Wanfang, PubMed and Web of Science
exports: they are GPL, so they are read from ../shared and those tests skip without it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import COPIES, GPL, shared_path

from citelib.errors import CitelibError
from citelib.formats import cnki, endnote, noteexpress, ris
from citelib.io import decode

READERS = {"ris": ris, "endnote": endnote, "cnki": cnki, "noteexpress": noteexpress}

# file -> (format, records read, error problems): the figures of the closing note
EXPECTED: dict[str, tuple[str, int, int]] = {
    "jabref/Endnote.book.example.enw": ("endnote", 1, 0),
    "jabref/Endnote.entries.enw": ("endnote", 5, 0),
    "jabref/Endnote.pattern.A.enw": ("endnote", 1, 0),
    "jabref/Endnote.pattern.E.enw": ("endnote", 1, 0),
    "jabref/Endnote.pattern.no_enw": ("endnote", 0, 1),  # "%0" alone: no record
    "jabref/RisImporterCorrupted.ris": ("ris", 1, 0),  # no TY: read as a journal article
    "jabref/RisImporterTest1.ris": ("ris", 3, 0),  # TY repeated mid-record: three records
    "jabref/RisImporterTest3.ris": ("ris", 1, 0),
    "jabref/RisImporterTest4a.ris": ("ris", 1, 0),
    "jabref/RisImporterTest4b.ris": ("ris", 1, 0),
    "jabref/RisImporterTest4c.ris": ("ris", 1, 0),
    "jabref/RisImporterTest5a.ris": ("ris", 1, 0),
    "jabref/RisImporterTest5b.ris": ("ris", 1, 0),
    "jabref/RisImporterTest6.ris": ("ris", 1, 0),
    "jabref/RisImporterTest7.ris": ("ris", 1, 0),
    "jabref/RisImporterTest8_date.ris": ("ris", 1, 0),
    "jabref/RisImporterTest9.ris": ("ris", 1, 0),
    "jabref/RisImporterTestDOI.ris": ("ris", 1, 0),
    "jabref/RisImporterTestDate1.1.ris": ("ris", 1, 0),
    "jabref/RisImporterTestDate1.2.ris": ("ris", 1, 0),
    "jabref/RisImporterTestDoiAndJournalTitle.ris": ("ris", 1, 0),
    "jabref/RisImporterTestScience.ris": ("ris", 1, 0),
    "jabref/RisImporterTestScopus.ris": ("ris", 1, 0),
    "jabref/RisImporterTestWithEmptyER.ris": ("ris", 1, 0),
    "rispy/example_basic.ris": ("ris", 1, 0),
    "rispy/example_bom.ris": ("ris", 1, 0),
    "rispy/example_custom_list_tags.ris": ("ris", 1, 0),
    "rispy/example_empty_tag.ris": ("ris", 1, 0),
    "rispy/example_extraneous_data.ris": ("ris", 2, 0),
    "rispy/example_full.ris": ("ris", 2, 0),
    "rispy/example_full_without_whitespace.ris": ("ris", 2, 0),
    "rispy/example_full_write.ris": ("ris", 2, 0),
    "rispy/example_multi_unknown_tags.ris": ("ris", 1, 0),
    "rispy/example_multiline.ris": ("ris", 3, 0),
    "rispy/example_single_unknown_tag.ris": ("ris", 1, 0),
    "rispy/example_starting_newlines.ris": ("ris", 1, 0),
    "rispy/example_urls.ris": ("ris", 4, 0),
    "rispy/example_utf_chars.ris": ("ris", 1, 0),
    "rispy/example_wos.ris": ("ris", 0, 1),  # Web of Science tagged text, not RIS
    "mrhelper-cn-db-exports/demo_cnki_202101.txt": ("cnki", 20, 0),
    "mrhelper-cn-db-exports/demo_wanfang_202101.NET": ("noteexpress", 20, 0),
    "handmade-cnki/cnki-endnote.txt": ("endnote", 3, 0),  # article, thesis, newspaper
    "handmade-cnki/cnki-estudy-custom.txt": ("cnki", 2, 0),  # the "自定义" layout
    "handmade-cnki/cnki-estudy-datatype.txt": ("cnki", 4, 0),  # DataType 1 (x3) and 2
}


#: mrhelper's exports are GPL-3.0: read from ../shared, never copied into tests/data.
GPL_FOLDER = "mrhelper-cn-db-exports"


def _path(rel: str) -> Path:
    if rel.startswith(f"{GPL_FOLDER}/"):
        return shared_path("corpora", "ris", *rel.split("/"), why=GPL)
    return COPIES / "ris" / rel


def _text(rel: str) -> str:
    return decode(_path(rel).read_bytes(), source=rel)


@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_sample_reads(rel: str) -> None:
    fmt, count, errors = EXPECTED[rel]
    lib = READERS[fmt].read(_text(rel), source=rel)
    assert len(lib.works) == count
    assert sum(p.severity == "error" for p in lib.problems) == errors
    assert all(p.file == rel and p.line is not None for p in lib.problems)
    ids = [w.id for w in lib.works]
    assert all(ids) and len({i.casefold() for i in ids}) == len(ids)


_NOT_OURS = {
    "handmade-cnki/README.md",
    "mrhelper-cn-db-exports/demo_pubmed_202101.nbib",
    "mrhelper-cn-db-exports/demo_wos_202101.txt",
}


def _samples(root: Path) -> set[str]:
    """The files of a corpora/ris folder, .bib files (JabRef's expected output) left out."""
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and p.suffix.lower() != ".bib"
    }


def test_every_copied_file_is_listed() -> None:
    copied = {rel for rel in EXPECTED if not rel.startswith(f"{GPL_FOLDER}/")}
    assert len(copied) == 42
    assert _samples(COPIES / "ris") - _NOT_OURS == copied


def test_every_shared_file_is_listed() -> None:
    assert _samples(shared_path("corpora", "ris", why=GPL)) - _NOT_OURS == set(EXPECTED)


def _survives(root: Path) -> None:
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        text = decode(path.read_bytes(), source=path.name)
        for module in READERS.values():
            try:
                module.read(text, source=path.name)
            except CitelibError:  # pragma: no cover - lenient reads do not raise
                pytest.fail(f"{module.__name__} raised on {path.name}")


def test_every_reader_survives_every_copied_file() -> None:
    _survives(COPIES / "ris")


def test_every_reader_survives_the_gpl_exports() -> None:
    _survives(shared_path("corpora", "ris", GPL_FOLDER, why=GPL))


def test_the_chinese_exports_give_chinese_records() -> None:
    for rel in (
        "mrhelper-cn-db-exports/demo_cnki_202101.txt",
        "mrhelper-cn-db-exports/demo_wanfang_202101.NET",
    ):
        fmt = EXPECTED[rel][0]
        works = READERS[fmt].read(_text(rel), source=rel).works
        assert all(w.language == "zh-CN" for w in works)
        assert all(w.type == "article-journal" and w.title for w in works)
        authors = [n for w in works for n in w.author]
        assert len(authors) > 40
        assert all(n.family and n.given for n in authors), rel
        assert sum(bool(w.keyword) for w in works) == 20
        assert sum(bool(w.abstract) for w in works) == 20
        assert all(w.issued is not None and w.issued.year in (2020, 2021) for w in works)


def test_wos_text_is_not_taken_for_cnki_or_noteexpress() -> None:
    text = _text("mrhelper-cn-db-exports/demo_wos_202101.txt")
    assert not cnki.sniff(text) and not noteexpress.sniff(text) and not ris.sniff(text)
    assert cnki.read(text).works == ()


# --------------------------------------------------------------------------- JabRef's expected BibTeX

# For each JabRef pair: the fields (of those JabRef's BibTeX sets) where citelib's reading of the
# RIS differs from citelib's reading of JabRef's expected BibTeX, and why.  Pairs not listed agree
# on every field.  JabRef's own extras (comment, refid, database) are not CSL variables and are
# not compared; dates are compared at JabRef's precision (year, month).
JABREF_DIFFERENCES: dict[str, dict[str, str]] = {
    "RisImporterTest1": {
        # a deliberately broken file: nine TY lines, a TY in mid-record; JabRef merges it all
        # into one entry, citelib reads three records (the first is compared)
        "author": "a name without a comma stays whole (Zotero); JabRef splits 'Cocke'",
        "abstract": "N2 and AB differ: JabRef joins them, citelib keeps AB (N2 in extra)",
        "container_title": "in the third record",
        "genre": "JabRef invents 'PhD thesis'",
        "issn": "in the third record",
        "keyword": "in the third record",
        "publisher": "in the third record",
        "publisher_place": "in the third record",
        "title": "JabRef joins five T1/TI lines; citelib takes TI, the rest in extra",
        "url": "in the third record",
    },
    "RisImporterTest3": {
        "author": "'Catarina Barata' has no comma: one unsplit name, as Zotero reads it",
        "collection_number": "M1 is the number (CSL number); JabRef's @incollection number",
        "issn": "978-1-4822-5326-9 is an ISBN by its form: citelib's isbn",
    },
    "RisImporterTest5a": {
        "issue": "M1 is the number (CSL number), not the issue (JabRef's number)",
    },
    "RisImporterTest6": {
        "author": "JabRef adds a period to the initial 'E'",
        "issue": "AN is the archive location (Zotero); JabRef makes it the number",
        "title": "the RIS has an em dash; JabRef's BibTeX writes '--' (an en dash)",
    },
    "RisImporterTest7": {
        "author": "A2 of a BOOK is the series editor (Zotero); JabRef appends them to the authors",
    },
    "RisImporterTest8_date": {
        "container_title": "T2/JF is the journal, JO its abbreviation (Zotero); JabRef prefers JO",
    },
    "RisImporterTestDate1.1": {
        "container_title": "T2/JF is the journal, JO its abbreviation (Zotero); JabRef prefers JO",
    },
    "RisImporterTestDate1.2": {
        "container_title": "T2/JF is the journal, JO its abbreviation (Zotero); JabRef prefers JO",
    },
    "RisImporterTestWithEmptyER": {
        "container_title": "T2/JF is the journal, JO its abbreviation (Zotero); JabRef prefers JO",
    },
    "RisImporterTestDOI": {
        "issn": "two SN lines: citelib keeps the first (the second in extra), JabRef the last",
        "issue": "AN is the archive location (Zotero); JabRef makes it the number",
        "url": "UR is the URL; JabRef takes the L2 link instead",
    },
    "RisImporterTestDoiAndJournalTitle": {
        "author": "'some author' has no comma: one unsplit name (JabRef: von-part 'some')",
        "editor": "'some editor' likewise",
        "number": "IS is the issue; JabRef makes a patent's IS its number",
    },
    "RisImporterTestScopus": {
        "publisher_place": "AD is the author's address (extra author-address); JabRef: address",
    },
}


def _norm(attr: str, kind: str, value: object) -> object:
    import re

    from citelib.language import normalize_language

    if kind == "name":
        return tuple(
            (n.family, n.given, n.literal, n.suffix, n.dropping_particle, n.non_dropping_particle)
            for n in value  # type: ignore[attr-defined]
        )
    if attr == "page":
        return re.sub(r"\s*(?:--|–|—|-)\s*", "-", str(value))
    if attr == "keyword":
        return frozenset(k.strip() for k in re.split(r"[,;]", str(value)) if k.strip())
    if attr == "language":
        return normalize_language(str(value)) or value
    return " ".join(str(value).split())


def jabref_differences(stem: str) -> tuple[set[str], int]:
    """The fields JabRef's BibTeX sets where the RIS reading differs, and how many were compared."""
    from citelib.formats import bibtex
    from citelib.model import FIELDS

    ris_work = ris.read(_text(f"jabref/{stem}.ris")).works[0]
    bib_work = bibtex.read(_text(f"jabref/{stem}.bib")).works[0]
    differ: set[str] = set()
    compared = 0
    for f in FIELDS:
        theirs = getattr(bib_work, f.attr)
        if theirs is None or theirs == ():
            continue
        compared += 1
        ours = getattr(ris_work, f.attr)
        if f.kind == "date":
            part = theirs.parts[0] if theirs.parts else None
            if ours is None or not ours.parts or part is None or ours.parts[0][: len(part)] != part:
                differ.add(f.attr)
        elif (
            ours is None
            or ours == ()
            or _norm(f.attr, f.kind, ours) != _norm(f.attr, f.kind, theirs)
        ):
            differ.add(f.attr)
    return differ, compared


JABREF_PAIRS = sorted(
    [
        "RisImporterTest1",
        "RisImporterTest3",
        "RisImporterTest4a",
        "RisImporterTest4b",
        "RisImporterTest4c",
        "RisImporterTest5a",
        "RisImporterTest5b",
        "RisImporterTest6",
        "RisImporterTest7",
        "RisImporterTest8_date",
        "RisImporterTest9",
        "RisImporterTestDOI",
        "RisImporterTestDate1.1",
        "RisImporterTestDate1.2",
        "RisImporterTestDoiAndJournalTitle",
        "RisImporterTestScience",
        "RisImporterTestScopus",
        "RisImporterTestWithEmptyER",
    ]
)


@pytest.mark.parametrize("stem", JABREF_PAIRS)
def test_agreement_with_jabref(stem: str) -> None:
    pytest.importorskip("citelib.formats.bibtex")
    differ, _ = jabref_differences(stem)
    assert differ == set(JABREF_DIFFERENCES.get(stem, {}))


def test_jabref_figures() -> None:
    """6 of the 18 pairs agree on every field; 149 of the 178 fields JabRef sets agree.

    The 29 differences are listed, with their reasons, in JABREF_DIFFERENCES.
    """
    pytest.importorskip("citelib.formats.bibtex")
    root = COPIES / "ris" / "jabref"
    assert sorted(p.stem for p in root.glob("*.bib")) == JABREF_PAIRS
    agree = [s for s in JABREF_PAIRS if s not in JABREF_DIFFERENCES]
    assert len(agree) == 6
    compared = sum(jabref_differences(s)[1] for s in JABREF_PAIRS)
    differing = sum(len(v) for v in JABREF_DIFFERENCES.values())
    assert (compared, differing) == (178, 29)


def test_formats_are_detected() -> None:
    pytest.importorskip("citelib.formats.bibtex")  # sniffing loads every registered format
    from citelib.formats import format_for_path

    for rel, (fmt, _, _) in EXPECTED.items():
        if rel == "jabref/Endnote.pattern.no_enw":  # "%0" alone, no suffix: nothing to tell
            continue
        if rel.startswith(f"{GPL_FOLDER}/"):
            continue  # test_gpl_formats_are_detected
        assert format_for_path(_path(rel), _text(rel)).name == fmt, rel


def test_gpl_formats_are_detected() -> None:
    from citelib.formats import format_for_path

    for rel, (fmt, _, _) in EXPECTED.items():
        if rel.startswith(f"{GPL_FOLDER}/"):
            assert format_for_path(_path(rel), _text(rel)).name == fmt, rel
