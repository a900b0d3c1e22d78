"""Whole libraries: encodings, several files as one library, stdin, atomic writing, duplicate keys."""

from __future__ import annotations

import io
import json
import os
import stat
import sys
from pathlib import Path

import pytest
from hypothesis import given
from strategies import path_texts

from citelib import io as library
from citelib.errors import CitelibError, ParseError, Problem, UnknownFormat, WriteError
from citelib.formats import csljson
from citelib.io import decode, read, read_text, write, write_file, write_text
from citelib.keys import duplicate_keys
from citelib.model import Library, Work

CHINESE_BIB = (
    "@article{sun2018,\n  author = {孙柏瑛},\n  title = {突破“碎片化”：构建整体性治理},\n}\n"
)
ITEMS = [{"id": "sun2018", "type": "article-journal", "title": "突破“碎片化”"}]


# --------------------------------------------------------------------------- decode


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"\xef\xbb\xbf@book{a}", "@book{a}"),
        ("@book{a, title={治理}}".encode("utf-16"), "@book{a, title={治理}}"),
        ("@book{a, title={治理}}".encode("utf-16-le"), "@book{a, title={治理}}"),
        ("@book{a, title={治理}}".encode("utf-16-be"), "@book{a, title={治理}}"),
        (CHINESE_BIB.encode("utf-8"), CHINESE_BIB),
        (CHINESE_BIB.encode("gbk"), CHINESE_BIB),
        (CHINESE_BIB.encode("gb18030"), CHINESE_BIB),
        (b"plain ascii", "plain ascii"),
        (b"", ""),
    ],
)
def test_decode_detects_the_encoding(data: bytes, text: str) -> None:
    assert decode(data) == text


def test_decode_gbk_chinese_bibtex() -> None:
    # a real-world GBK .bib: what Chinese users' older tools save
    data = CHINESE_BIB.encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "孙柏瑛" in decode(data)


def test_decode_with_a_named_encoding() -> None:
    data = "Müller".encode("latin-1")
    assert decode(data, encoding="latin-1") == "Müller"
    assert decode("\ufeffx".encode(), encoding="utf-8") == "x"


def test_decode_errors_name_the_line() -> None:
    data = b"line one\nline two \xff\xfe\xfd\xfc\x80\x80\n"
    with pytest.raises(ParseError) as e:
        decode(data, source="x.bib", encoding="utf-8")
    assert (e.value.file, e.value.line) == ("x.bib", 2)
    with pytest.raises(ParseError) as e:
        decode(b"ok\n\x80\x80\x80\xff", source="y.bib")
    assert (e.value.file, e.value.line) == ("y.bib", 2)
    assert "--encoding" in str(e.value)
    with pytest.raises(CitelibError, match="unknown encoding"):
        decode(b"x", encoding="no-such-codec")


# --------------------------------------------------------------------------- read


def _json(path: Path, items: list[dict], encoding: str = "utf-8") -> Path:
    path.write_bytes(json.dumps(items, ensure_ascii=False).encode(encoding))
    return path


def test_read_several_files_as_one_library(tmp_path: Path) -> None:
    a = _json(tmp_path / "a.json", [{"id": "x", "type": "book"}])
    b = _json(tmp_path / "b.csljson", [{"id": "y", "type": "book"}, {"id": "z", "type": "book"}])
    lib = read(a, str(b))
    assert lib.keys() == ["x", "y", "z"]
    assert lib.problems == ()


def test_read_files_in_other_encodings(tmp_path: Path) -> None:
    for enc in ("utf-8-sig", "utf-16", "gb18030"):
        lib = read(_json(tmp_path / f"{enc}.json", ITEMS, enc))
        assert lib["sun2018"].title == "突破“碎片化”"
    gbk = _json(tmp_path / "gbk.json", ITEMS, "gbk")
    assert read(gbk, encoding="gbk")["sun2018"].title == "突破“碎片化”"


def test_read_chinese_bibtex_in_gbk(tmp_path: Path) -> None:
    pytest.importorskip("citelib.formats.bibtex")
    path = tmp_path / "zh.bib"
    path.write_bytes(CHINESE_BIB.encode("gbk"))
    work = read(path)["sun2018"]
    assert work.title == "突破“碎片化”：构建整体性治理"
    assert str(work.author[0]) == "孙柏瑛"


def test_problems_name_their_file(tmp_path: Path) -> None:
    a = _json(tmp_path / "a.json", [{"id": "x", "type": "book"}])
    b = _json(tmp_path / "b.json", [{"id": "y"}])
    lib = read(a, b)
    assert [(p.file, p.line, p.key) for p in lib.problems] == [(str(b), 1, "y")]
    with pytest.raises(ParseError) as e:
        read(a, b, strict=True)
    assert e.value.file == str(b)


def test_read_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.dumps(ITEMS).encode("utf-16")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    lib = read("-", format="csljson")
    assert lib.keys() == ["sun2018"]


def test_read_errors(tmp_path: Path) -> None:
    with pytest.raises(CitelibError, match="no input files"):
        read()
    with pytest.raises(CitelibError, match="cannot read"):
        read(tmp_path / "missing.json")
    with pytest.raises(CitelibError, match="cannot read"):
        read(tmp_path)  # a directory
    odd = tmp_path / "refs.xyz"
    odd.write_text("hello", encoding="utf-8")
    with pytest.raises(UnknownFormat, match="unknown format 'nope'"):
        read(odd, format="nope")


def test_unknown_suffix_and_content(tmp_path: Path) -> None:
    pytest.importorskip("citelib.formats.bibtex")  # sniffing asks every registered format
    odd = tmp_path / "refs.xyz"
    odd.write_text("hello", encoding="utf-8")
    with pytest.raises(UnknownFormat, match="cannot tell the format"):
        read(odd)
    _json(odd, ITEMS)
    assert read(odd).keys() == ["sun2018"]


def test_format_overrides_the_suffix(tmp_path: Path) -> None:
    path = tmp_path / "refs.txt"
    _json(path, ITEMS)
    assert read(path, format="csljson").keys() == ["sun2018"]


def test_read_text_and_write_text() -> None:
    lib = read_text(json.dumps(ITEMS), "csljson", source="mem")
    assert lib.keys() == ["sun2018"]
    written = write_text(lib, "csljson")
    assert written == csljson.write(lib.works)
    assert written.problems == ()
    with pytest.raises(UnknownFormat, match="known: "):
        write_text(lib.works, "docx")


def test_write_returning_text_is_deprecated() -> None:
    lib = read_text(json.dumps(ITEMS), "csljson", source="mem")
    with pytest.warns(DeprecationWarning, match="write_text"):
        text = write(lib.works, "csljson")
    assert text == csljson.write(lib.works).text
    problems: list[Problem] = []
    with pytest.warns(DeprecationWarning):
        text = write(lib.works, "ris", problems=problems)
    assert text == write_text(lib, "ris").text
    assert problems == list(write_text(lib, "ris").problems)


def test_write_writes_a_file_and_returns_its_problems(tmp_path: Path) -> None:
    lib = read_text(json.dumps(ITEMS), "csljson", source="mem")
    out = tmp_path / "out.ris"
    problems = write(lib, out)
    assert out.read_bytes().decode("utf-8") == write_text(lib, "ris").text
    assert problems == write_text(lib, "ris").problems
    assert write(lib, tmp_path / "out.bib", "biblatex") == ()
    assert (tmp_path / "out.bib").read_text(encoding="utf-8") == write_text(lib, "biblatex").text


# --------------------------------------------------------------------------- write (files)


def test_write_is_atomic_and_keeps_permissions(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    os.chmod(out, 0o640)
    works = [Work(id="a", type="book", title="治理")]
    write(works, out)
    assert json.loads(out.read_text(encoding="utf-8"))[0]["title"] == "治理"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_write_failure_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(library.os, "replace", broken_replace)
    with pytest.raises(WriteError, match="disk full"):
        write([Work(id="a")], out)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_write_into_a_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="cannot write"):
        write([Work(id="a")], tmp_path / "no" / "such" / "dir.json")


def test_write_file_is_deprecated(tmp_path: Path) -> None:
    out = tmp_path / "out.ris"
    problems: list[Problem] = []
    with pytest.warns(DeprecationWarning, match="write\\(works, path\\)"):
        write_file(
            [Work(id="a", type="book", title="T", categories=("x",))], out, problems=problems
        )
    assert out.read_text(encoding="utf-8").startswith("TY  - BOOK")
    assert [p.code for p in problems] == ["not-written"]


# --------------------------------------------------------------------------- library


def test_library_container() -> None:
    a, b = Work(id="a"), Work(id="b")
    lib = Library([a]) + Library([b])
    assert len(lib) == 2 and list(lib) == [a, b] and lib["b"] is b
    with pytest.raises(KeyError):
        lib["c"]


def test_duplicate_keys() -> None:
    works = [Work(id="Smith2020"), Work(id="x"), Work(id="smith2020"), Work(id="x")]
    assert [(p.key, p.message) for p in duplicate_keys(works)] == [
        ("smith2020", "duplicate key: 'smith2020' differs only in case from 'Smith2020'"),
        ("x", "duplicate key: 'x' again"),
    ]
    assert duplicate_keys([Work(id="a"), Work(id="b")]) == []


def test_write_text_atomic_writes_through_devices_and_keeps_them(tmp_path: Path) -> None:
    """/dev/null stays a device: no temporary file is renamed over it."""
    from citelib.io import write_text_atomic

    write_text_atomic("/dev/null", "x")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    target = tmp_path / "out.txt"
    write_text_atomic(target, "新\n")
    assert target.read_text(encoding="utf-8") == "新\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"\xff\xfe" + "ab".encode("utf-16-le") + b"x", "byte 6"),  # odd length, with a BOM
        (b"\xff\xfe\x00\xd8a\x00", "byte 2"),  # a lone high surrogate
        (b"\xfe\xff\xd8\x00\x00a", "byte 2"),  # the same, big-endian
        (b"a\x00b\x00\x00\xd8", "byte 4"),  # no BOM, a lone surrogate at the end
        (b"\xef\xbb\xbf{\xff}", "byte 4"),  # a UTF-8 BOM, then a byte UTF-8 never has
        (b"title\n\xc0\xaf x \xfe", "byte 6"),  # neither UTF-8 nor GB18030
    ],
)
def test_undecodable_bytes_stop_the_file_naming_where(data: bytes, where: str) -> None:
    with pytest.raises(ParseError) as info:
        decode(data, source="f.bib")
    assert info.value.code == "encoding"
    assert str(info.value).startswith("f.bib:")
    assert where in str(info.value)


@given(path_texts)
def test_a_suffix_is_read_as_pathlib_reads_it(path: str) -> None:
    from pathlib import PurePath

    from citelib.formats import _suffix

    assert _suffix(path) == PurePath(path).suffix


@pytest.mark.parametrize(
    "path", ["a.a/.", "./x.bib", "x.bib/", ".bib", "a.", "..", "a/..", "/", "", "a.tar.gz"]
)
def test_a_suffix_of_an_unusual_path_is_pathlibs(path: str) -> None:
    from pathlib import PurePath

    from citelib.formats import _suffix

    assert _suffix(path) == PurePath(path).suffix
