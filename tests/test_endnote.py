"""EndNote tagged (.enw) reading: tags, types, Chinese exports, records and problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, examples
from hypothesis import given, settings
from hypothesis import strategies as st
from tagged_helpers import check_read

from citelib.errors import ParseError
from citelib.formats import endnote, format_for_path
from citelib.model import Date, Name


def test_book_example() -> None:
    text = (DATA / "ris" / "Endnote.book.example.enw").read_text(encoding="utf-8")
    lib = endnote.read(text, source="book.enw")
    assert lib.problems == ()
    (w,) = lib.works
    assert w.id == "preissel2016"
    assert w.type == "book"
    assert w.author == (
        Name(family="Preißel", given="René"),
        Name(family="Stachmann", given="Bjørn"),
    )
    assert w.title == "Git : dezentrale Versionsverwaltung im Team : Grundlagen und Workflows"
    assert (w.publisher, w.publisher_place) == ("dpunkt.verlag", "Heidelberg")
    assert w.issued == Date.of(2016)
    assert w.accessed == Date.of(2015, 10, 28)
    assert w.number_of_pages == "XX, 327"
    assert w.isbn == "978-3-86490-311-3"
    assert w.edition == "3., aktualisierte und erweiterte Auflage"
    assert (w.keyword, w.call_number) == ("Versionsverwaltung", "6H 1249(3)")
    assert w.url == "http://d-nb.info/107601965X"
    assert w.language is None
    assert w.extra == (
        ("last-modified", "20151125"),
        ("custom1", "UB Vaihingen (geschlossen: 24.12.15 - 3.1.16)"),
    )


CNKI_ENW = """%0 Journal Article
%A 孙柏瑛
%A 欧阳修
%+ 中国人民大学公共管理学院;
%T 地方治理中的有序公众参与
%J 中国行政管理
%D 2011
%N 09
%K 地方治理;公众参与;有序
%X 公众参与是地方治理的
核心议题。
%P 22-26
%@ 1006-0863
%L 11-1291/D
%W CNKI

%0 Thesis
%A 张三
%T 一篇论文
%I 北京大学
%9 博士
%D 2019
"""


def test_cnki_flavoured_enw() -> None:
    lib = endnote.read(CNKI_ENW)
    assert lib.problems == ()
    a, b = lib.works
    assert a.id == "sun2011" and b.id == "zhang2019"
    assert a.type == "article-journal"
    assert a.author == (Name(family="孙", given="柏瑛"), Name(family="欧阳", given="修"))
    assert a.language == "zh-CN"
    assert a.keyword == "地方治理, 公众参与, 有序"
    assert a.abstract == "公众参与是地方治理的\n核心议题。"
    assert (a.container_title, a.issue, a.page, a.issn) == (
        "中国行政管理",
        "9",
        "22-26",
        "1006-0863",
    )
    assert (a.call_number, a.source) == ("11-1291/D", "CNKI")
    assert a.extra == (("author-address", "中国人民大学公共管理学院;"),)
    assert (b.type, b.publisher, b.genre, b.language) == (
        "thesis",
        "北京大学",
        "博士学位论文",
        "zh-CN",
    )


def test_language_tag_wins_over_script() -> None:
    (w,) = endnote.read("%0 Book\n%T 中文书名\n%G English\n").works
    assert w.language == "en-US"


def test_records_and_problems() -> None:
    text = "%0 Journal\n%0 Book\n%T Kept\n\n%A Lone, Author\n%0 Test0\n%T Odd\n"
    lib = endnote.read(text, source="t.enw")
    assert [(w.type, w.title) for w in lib.works] == [
        ("book", "Kept"),
        ("document", None),
        ("document", "Odd"),
    ]
    assert [(p.line, p.severity) for p in lib.problems] == [
        (1, "warning"),
        (5, "warning"),
        (6, "warning"),
    ]
    assert "empty record" in lib.problems[0].message
    assert "without a reference type" in lib.problems[1].message
    assert "'Test0'" in lib.problems[2].message
    with pytest.raises(ParseError) as err:
        endnote.read(text, source="t.enw", strict=True)
    assert err.value.file == "t.enw"


def test_doi_and_notes() -> None:
    (w,) = endnote.read(
        "%0 Journal Article\n%R doi:10.1000/xyz\n%Z one\n%O two\n%8 May 16, 2019\n%D 2019\n"
    ).works
    assert (w.doi, w.note) == ("10.1000/xyz", "one\ntwo")
    assert w.issued == Date.of(2019, 5, 16)


def test_not_endnote() -> None:
    lib = endnote.read("just some words\n")
    assert lib.works == () and lib.problems[-1].severity == "error"


def test_sniff_and_suffix() -> None:
    assert endnote.sniff("%0 Journal Article\n%T x\n")
    assert not endnote.sniff("TY  - JOUR\n")
    assert not endnote.sniff("100% sure\n")
    assert format_for_path("x.enw").name == "endnote"


@settings(max_examples=examples(300))
@given(st.text())
def test_arbitrary_text_raises_only_citelib_errors(text: str) -> None:
    check_read(endnote.read, text)


@settings(max_examples=examples(200))
@given(st.lists(st.tuples(st.sampled_from("0ADTJPK@RX8["), st.text(max_size=12)), max_size=10))
def test_arbitrary_tag_soup_raises_only_citelib_errors(lines: list[tuple[str, str]]) -> None:
    check_read(endnote.read, "\n".join(f"%{t} {v}" for t, v in lines))


def test_old_cnki_authors_on_one_line() -> None:
    (w,) = endnote.read("%0 Journal Article\n%A 蔺卿 %A 罗格平 %A 陈曦\n%T LUCC\n%W CNKI\n").works
    assert [str(n) for n in w.author] == ["蔺卿", "罗格平", "陈曦"]
    assert w.author[1] == Name(family="罗", given="格平")


def test_convert_enw_to_ris_on_the_command_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from citelib.cli import cli
    from citelib.formats import ris

    src = tmp_path / "cnki.enw"
    src.write_text(CNKI_ENW, encoding="utf-8")
    out = tmp_path / "out.ris"
    result = CliRunner().invoke(cli, ["convert", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_bytes().decode("utf-8")
    assert text.startswith("TY  - JOUR\r\nID  - sun2011\r\nAU  - 孙, 柏瑛\r\nAU  - 欧阳, 修\r\n")
    back = ris.read(text).works
    assert [w.id for w in back] == ["sun2011", "zhang2019"]
    assert back[0].extra_dict["author-address"] == "中国人民大学公共管理学院;"
    bad = CliRunner().invoke(cli, ["convert", str(src), "--to", "endnote"])
    assert bad.exit_code == 1 and "cannot be written" in bad.output
