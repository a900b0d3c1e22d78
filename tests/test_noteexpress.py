"""NoteExpress (.net) reading, as Wanfang exports it."""

from __future__ import annotations

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from tagged_helpers import check_read

from citelib.errors import ParseError
from citelib.formats import format_for_path, noteexpress
from citelib.model import Date, Name

# written for these tests in the layout of Wanfang's NoteExpress export
SAMPLE = """{Reference Type}: Journal Article
{Title}: 超声引导下神经阻滞的临床研究
{Translated Title}: A clinical study of ultrasound-guided nerve block
{Author}: 江文杰
{Author}: 司马光
{Translated Author}: Wenjie JIANG
{Translated Author}:  Guang SIMA
{Author Address}: 宜兴市人民医院
{Author Address}: 宜兴市人民医院
{Journal}: 临床检验杂志（电子版）
{Translated Journal}: Clinical Laboratory Journal
{ISBN/ISSN}: 1672-9676
{Year}: 2020
{Volume}: 9
{Issue}: 01
{Pages}: 117-118
{Keywords}: 神经阻滞
{Keywords}:  乳腺癌
{Abstract}: 目的 探讨超声引导。
结论 有效。
{URL}: http://www.wanfangdata.com.cn/details/detail.do?_type=perio&id=x
{DOI}: 10.3969/j.issn.1672-9676.2020.01.039
{Database Provider}: 北京万方数据股份有限公司
{Language}: chi

{Reference Type}: Thesis
{Title}: 英文学位论文
{Author}: Smith, John
{Year}: 2018
{Publisher}: 清华大学
{Language}: eng
"""


def test_read_sample() -> None:
    lib = noteexpress.read(SAMPLE, source="w.net")
    assert lib.problems == ()
    a, b = lib.works
    assert (a.id, b.id) == ("jiang2020", "smith2018")
    assert a.type == "article-journal"
    assert a.author == (Name(family="江", given="文杰"), Name(family="司马", given="光"))
    assert a.title == "超声引导下神经阻滞的临床研究"
    assert a.container_title == "临床检验杂志（电子版）"
    assert (a.issn, a.volume, a.issue, a.page) == ("1672-9676", "9", "1", "117-118")
    assert a.issued == Date.of(2020)
    assert a.keyword == "神经阻滞, 乳腺癌"
    assert a.abstract == "目的 探讨超声引导。\n结论 有效。"
    assert a.doi == "10.3969/j.issn.1672-9676.2020.01.039"
    assert (a.language, a.source) == ("zh-CN", "北京万方数据股份有限公司")
    assert a.extra == (
        ("translated-title", "A clinical study of ultrasound-guided nerve block"),
        ("translated-author", "Wenjie JIANG\nGuang SIMA"),
        ("author-address", "宜兴市人民医院\n宜兴市人民医院"),
        ("translated-journal", "Clinical Laboratory Journal"),
        ("landing-page", "http://www.wanfangdata.com.cn/details/detail.do?_type=perio&id=x"),
    )
    assert a.url is None  # Wanfang's landing page: kept where the styles do not print it
    assert (b.type, b.publisher, b.language) == ("thesis", "清华大学", "en-US")
    assert b.author == (Name(family="Smith", given="John"),)


def test_script_gives_the_language_when_none_is_named() -> None:
    (w,) = noteexpress.read("{Reference Type}: Book\n{Title}: 中文书\n{Author}: 王伟；李丽\n").works
    assert w.language == "zh-CN"
    assert w.author == (Name(family="王", given="伟"), Name(family="李", given="丽"))


def test_problems() -> None:
    lib = noteexpress.read("{Reference Type}: Strange\n{Title}: T\n", source="x.net")
    assert lib.works[0].type == "document"
    assert (lib.problems[0].line, lib.problems[0].severity) == (1, "warning")
    with pytest.raises(ParseError):
        noteexpress.read("{Reference Type}: Strange\n{Title}: T\n", strict=True)
    assert noteexpress.read("plain text").problems[-1].severity == "error"


def test_sniff_and_suffix() -> None:
    assert noteexpress.sniff(SAMPLE)
    assert not noteexpress.sniff("TY  - JOUR\n")
    assert format_for_path("export.NET").name == "noteexpress"


@settings(max_examples=examples(300))
@given(st.text())
def test_arbitrary_text_raises_only_citelib_errors(text: str) -> None:
    check_read(noteexpress.read, text)


@settings(max_examples=examples(200))
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Reference Type", "Author", "Year", "Title", "Keywords", "ISBN/ISSN"]),
            st.text(max_size=12),
        ),
        max_size=10,
    )
)
def test_arbitrary_field_soup_raises_only_citelib_errors(lines: list[tuple[str, str]]) -> None:
    check_read(noteexpress.read, "\n".join(f"{{{t}}}: {v}" for t, v in lines))
