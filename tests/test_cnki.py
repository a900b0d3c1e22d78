"""CNKI E-Study text export reading: labels, types, Chinese names, dates and keywords."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from tagged_helpers import check_read

from citelib.errors import ParseError
from citelib.formats import cnki, noteexpress
from citelib.model import Date, Name

# written for these tests in the layout of CNKI's E-Study export
SAMPLE = """DataType: 1
Title-题名: 地方治理中的有序公众参与
Author-作者: 孙柏瑛;欧阳修;John Smith;
Source-刊名: 中国行政管理
Year-年: 2011
PubTime-出版时间: 2011-09-01
Keyword-关键词: 地方治理;公众参与;有序
Summary-摘要: <正>公众参与是地方治理的核心议题。
第二段。
Period-期: 09
Roll-卷: 3
PageCount-页数: 5
Page-页码: 22-26
SrcDatabase-来源库: 期刊
Organ-机构: 中国人民大学公共管理学院;
Link-链接: https://kns.cnki.net/kcms/detail/detail.aspx?FileName=ZGXZ201109006
DataType: 2
Title-题名: 城市社区治理研究
Author-作者: 张三
Source-刊名: 北京大学
PubTime-出版时间: 2019-06-01 10:20
SrcDatabase-来源库: 博士
"""


def test_read_sample() -> None:
    lib = cnki.read(SAMPLE, source="s.txt")
    assert lib.problems == ()
    a, b = lib.works
    assert (a.id, b.id) == ("sun2011", "zhang2019")
    assert a.type == "article-journal"
    assert a.title == "地方治理中的有序公众参与"
    assert a.author == (
        Name(family="孙", given="柏瑛"),
        Name(family="欧阳", given="修"),
        Name(literal="John Smith"),
    )
    assert a.container_title == "中国行政管理"
    # the year of the issue is the date; PubTime is the online-first date
    assert (a.issued, a.available_date) == (Date.of(2011), Date.of(2011, 9, 1))
    assert a.keyword == "地方治理, 公众参与, 有序"
    assert a.abstract == "公众参与是地方治理的核心议题。\n第二段。"
    assert (a.issue, a.volume, a.page, a.number_of_pages) == ("9", "3", "22-26", "5")
    assert a.url is None  # the landing page is kept where the styles do not print it
    assert a.language == "zh-CN"
    assert a.extra == (
        ("datatype", "1"),
        ("srcdatabase", "期刊"),
        ("organ", "中国人民大学公共管理学院;"),
        ("landing-page", "https://kns.cnki.net/kcms/detail/detail.aspx?FileName=ZGXZ201109006"),
    )
    assert b.type == "thesis"
    assert (b.publisher, b.container_title, b.genre) == ("北京大学", None, "博士学位论文")
    assert (b.issued, b.available_date) == (Date.of(2019, 6, 1), None)  # no Year: PubTime


def test_chinese_labels_and_repeated_label_starts_a_record() -> None:
    text = "题名: 第一篇\n作者: 王伟\n年: 2020\n题名: 第二篇\n作者: 李丽\n"
    lib = cnki.read(text)
    assert [(w.title, w.author[0].family, w.language) for w in lib.works] == [
        ("第一篇", "王", "zh-CN"),
        ("第二篇", "李", "zh-CN"),
    ]
    assert lib.works[0].issued == Date.of(2020)


def test_source_database_types() -> None:
    for src, csl in [
        ("中国优秀硕士学位论文全文数据库", "thesis"),
        ("国际会议", "paper-conference"),
        ("报纸", "article-newspaper"),
        ("标准", "standard"),
        ("专利", "patent"),
        ("期刊", "article-journal"),
    ]:
        (w,) = cnki.read(f"Title-题名: T\nSrcDatabase-来源库: {src}\n").works
        assert w.type == csl, src


def test_not_cnki() -> None:
    lib = cnki.read("FN Clarivate Analytics Web of Science\nPT J\n")
    assert lib.works == ()
    assert lib.problems[-1].severity == "error"
    with pytest.raises(ParseError):
        cnki.read("nothing here", strict=True)


def test_sniff() -> None:
    assert cnki.sniff(SAMPLE)
    assert cnki.sniff("\ufeffTitle-题名: x\n")
    assert not cnki.sniff("{Reference Type}: Journal Article\n")
    assert not noteexpress.sniff(SAMPLE)


def test_txt_is_sniffed() -> None:
    pytest.importorskip("citelib.formats.bibtex")  # sniffing loads every registered format
    from citelib.formats import format_for_path

    assert format_for_path("x.txt", SAMPLE).name == "cnki"
    assert format_for_path("x.txt", "{Reference Type}: Journal Article\n{Title}: T\n").name == (
        "noteexpress"
    )
    # RIS and EndNote exports saved as .txt are recognised too
    assert format_for_path("x.txt", "TY  - JOUR\nTI  - x\nER  - \n").name == "ris"
    assert format_for_path("x.txt", "%0 Journal Article\n%T x\n").name == "endnote"


@settings(max_examples=examples(300))
@given(st.text())
def test_arbitrary_text_raises_only_citelib_errors(text: str) -> None:
    check_read(cnki.read, text)


@settings(max_examples=examples(200))
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                ["DataType", "Title-题名", "Author-作者", "PubTime-出版时间", "Page-页码", "年"]
            ),
            st.text(max_size=12),
        ),
        max_size=10,
    )
)
def test_arbitrary_label_soup_raises_only_citelib_errors(lines: list[tuple[str, str]]) -> None:
    check_read(cnki.read, "\n".join(f"{t}: {v}" for t, v in lines))


def test_yearbook_entry() -> None:
    text = (
        "DataType: 4\nTitle-题名: 健康教育与新闻出版\nSource-刊名: 中国卫生年鉴\n"
        "PubTime-发表时间: 2001\nPage-页码: 241-242\n"
        "SrcDatabase-来源库: CHKD年鉴网络出版总库\nOrgan-出版者: 人民卫生出版社\n"
    )
    (w,) = cnki.read(text).works
    assert (w.type, w.container_title, w.publisher) == ("chapter", "中国卫生年鉴", "人民卫生出版社")
    assert (w.issued, w.page) == (Date.of(2001), "241-242")
    assert ("organ", "人民卫生出版社") not in w.extra


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.0 mg·kg~(-1)", "1.0 mg·kg<sup>-1</sup>"),
        ("(χ~2=14.8,P<0.05)", "(χ<sup>2</sup>=14.8,P<0.05)"),
        ("CD4~+、CD8~+T淋巴", "CD4<sup>+</sup>、CD8<sup>+</sup>T淋巴"),
        ("H_(2)O_(2)处理", "H<sub>2</sub>O<sub>2</sub>处理"),
        ("情况~([1-3])。", "情况<sup>[1-3]</sup>。"),
        ("每日2~3次", "每日2~3次"),
        ("范围 10~20 mg", "范围 10~20 mg"),
    ],
)
def test_cnki_super_and_subscripts(text: str, expected: str) -> None:
    assert cnki.cnki_markup(text) == expected


def test_gbk_export_through_the_library(tmp_path: Path) -> None:
    """Older CNKI exports are GBK-encoded; the library decodes them before the reader runs."""
    from citelib.io import read

    path = tmp_path / "cnki.txt"
    path.write_bytes(SAMPLE.encode("gbk"))
    lib = read(path, format="cnki")
    assert [w.id for w in lib.works] == ["sun2011", "zhang2019"]
    assert lib.works[0].author[0] == Name(family="孙", given="柏瑛")
