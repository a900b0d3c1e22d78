"""Every RIS, EndNote, CNKI and NoteExpress sample in ../shared/corpora/ris read without an
uncaught exception, with the number of records each file holds.

The samples are read from /work/shared (mrhelper's are GPL and are not copied);
the test skips when the shared corpora are absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import shared_path

from citelib.errors import CitelibError
from citelib.formats import cnki, endnote, noteexpress, ris
from citelib.library import decode

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
}


def _text(rel: str) -> str:
    path: Path = shared_path("corpora", "ris", *rel.split("/"))
    return decode(path.read_bytes(), source=rel)


@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_sample_reads(rel: str) -> None:
    fmt, count, errors = EXPECTED[rel]
    lib = READERS[fmt].read(_text(rel), source=rel)
    assert len(lib.works) == count
    assert sum(p.severity == "error" for p in lib.problems) == errors
    assert all(p.file == rel and p.line is not None for p in lib.problems)
    ids = [w.id for w in lib.works]
    assert all(ids) and len({i.casefold() for i in ids}) == len(ids)


def test_every_file_is_listed() -> None:
    root = shared_path("corpora", "ris")
    found = {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and p.suffix.lower() != ".bib"
    }
    not_ours = {
        "mrhelper-cn-db-exports/demo_pubmed_202101.nbib",
        "mrhelper-cn-db-exports/demo_wos_202101.txt",
    }
    assert found - not_ours == set(EXPECTED)


def test_every_reader_survives_every_file() -> None:
    root = shared_path("corpora", "ris")
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        text = decode(path.read_bytes(), source=path.name)
        for module in READERS.values():
            try:
                module.read(text, source=path.name)
            except CitelibError:  # pragma: no cover - lenient reads do not raise
                pytest.fail(f"{module.__name__} raised on {path.name}")


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
