"""citelib.parse: formatted reference lists back into records, each verified by rendering.

The GB/T examples are facts from GB/T 7714-2025 Appendix B and §8 (author, title, place,
publisher, year, pages of the works the standard cites), written as citelib's styles and
the standard's own embedded text print them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import gbt_works, gbt_works_with_marks_inside

import citelib
from citelib.cli import cli
from citelib.formats.reflist import split_entries
from citelib.model import Date, Name, Work
from citelib.parsing import Reference, normalise


def one(text: str, style: str | None = None) -> citelib.parsing.Reference:  # type: ignore[name-defined]
    result = citelib.parse(text, style)
    assert len(result.references) == 1, result
    return result.references[0]


# ---------------------------------------------------------------------------- GB/T 7714 examples


def test_book_with_volume_in_the_title() -> None:
    ref = one("[1] 陈登原. 国史旧闻：第1卷[M]. 北京：中华书局，2000：29.")
    w = ref.work
    assert (w.type, w.title, w.volume) == ("book", "国史旧闻", "1")
    assert w.author == (Name(family="陈", given="登原"),)
    assert (w.publisher_place, w.publisher, w.issued, w.page) == (
        "北京",
        "中华书局",
        Date.of(2000),
        "29",
    )
    assert ref.label == "[1]"
    assert ref.verified and ref.style == "gbt7714-2025-numeric"


def test_the_standards_own_text_half_width_without_spaces() -> None:
    ref = one("张伯伟.全唐五代诗格汇考[M].南京:江苏古籍出版社,2002:288.")
    w = ref.work
    assert (w.title, w.publisher_place, w.publisher, w.page) == (
        "全唐五代诗格汇考",
        "南京",
        "江苏古籍出版社",
        "288",
    )
    assert w.author == (Name(family="张", given="伯伟"),)
    assert ref.verified


def test_chapter_with_editors() -> None:
    ref = one(
        "程根伟. 1998 年长江洪水的成因与减灾对策[M]//许厚泽，赵其国. 长江流域洪涝灾害与科技对策. 北京：科学出版社，1999：32-36."
    )
    w = ref.work
    assert w.type == "chapter"
    assert w.editor == (Name(family="许", given="厚泽"), Name(family="赵", given="其国"))
    assert (w.container_title, w.page, w.issued) == (
        "长江流域洪涝灾害与科技对策",
        "32-36",
        Date.of(1999),
    )
    assert ref.verified


def test_journal_article_western_names_and_doi() -> None:
    ref = one(
        "[3] Frese K S, Katus H A, Meder B. Next-generation sequencing: from understanding"
        " biology to personalized medicine[J/OL]. Biology, 2013, 2(1): 378-398."
        " http://www.mdpi.com/2079-7737/2/1/378. DOI:10.3390/biology2010378."
    )
    w = ref.work
    assert w.type == "article-journal"
    assert w.author == (
        Name(family="Frese", given="K. S."),
        Name(family="Katus", given="H. A."),
        Name(family="Meder", given="B."),
    )
    assert (w.container_title, w.issued, w.volume, w.issue, w.page) == (
        "Biology",
        Date.of(2013),
        "2",
        "1",
        "378-398",
    )
    assert w.url == "http://www.mdpi.com/2079-7737/2/1/378"
    assert w.doi == "10.3390/biology2010378"
    assert w.language == "en-US"


def test_et_al_is_an_incomplete_list() -> None:
    result = citelib.parse(
        "[1] 陈晋镳，张惠民，朱士兴，等. 蓟县震旦亚界的研究[M]//中国地质科学院天津地质矿产研究所."
        " 中国震旦亚界. 天津：天津科学技术出版社，1980：56-114."
    )
    ref = result.references[0]
    assert [str(n) for n in ref.work.author] == ["陈晋镳", "张惠民", "朱士兴"]
    assert ref.work.editor == (Name(literal="中国地质科学院天津地质矿产研究所"),)
    assert ref.verified  # rendered with a name more, the list shows 等 again
    (problem,) = [p for p in result.problems if p.code == "incomplete-names"]
    assert (problem.line, problem.field, problem.key) == (1, "author", ref.work.id)


def test_patent_number_and_date() -> None:
    ref = one("[7] 邓一刚. 全智能节电器：200610171314.3[P]. 2006-12-13.")
    w = ref.work
    assert (w.type, w.title, w.number, w.issued) == (
        "patent",
        "全智能节电器",
        "200610171314.3",
        Date.of(2006, 12, 13),
    )
    assert ref.verified


def test_author_date_with_year_suffix() -> None:
    ref = one("杨洪升，2013a. 四库馆私家抄校书考略[J]. 文献（1）：56-75.")
    w = ref.work
    assert (w.issued, w.container_title, w.issue, w.page) == (Date.of(2013), "文献", "1", "56-75")
    assert ref.work.author == (Name(family="杨", given="洪升"),)
    assert set(ref.styles) <= {"gbt7714-2025-author-date", "gbt7714-2015-author-date"}


def test_values_keep_their_width() -> None:
    ref = one(
        "[3] 于潇，刘义. 互联网药品可信交易环境中主体资质审核备案模式[J]. 清华大学学报（自然科学版），2012，52（11）：1518-1523."
    )
    assert ref.work.container_title == "清华大学学报（自然科学版）"
    assert ref.work.issue == "11"
    assert ref.verified


def test_apa_journal_article() -> None:
    ref = one(
        "Dunbar, K. L., & Mitchell, D. A. (2013). Revealing nature’s synthetic potential."
        " ACS Chemical Biology, 8(3), 473–487. https://doi.org/10.1021/cb3005325"
    )
    w = ref.work
    assert w.author == (
        Name(family="Dunbar", given="K. L."),
        Name(family="Mitchell", given="D. A."),
    )
    assert (w.type, w.container_title, w.volume, w.issue, w.page) == (
        "article-journal",
        "ACS Chemical Biology",
        "8",
        "3",
        "473–487",
    )
    assert w.doi == "10.1021/cb3005325"
    assert ref.verified and ref.styles == ("apa",)


# ---------------------------------------------------------------------------- lists as pasted


def test_labels_of_every_kind() -> None:
    text = "［1］张伯伟. 全唐五代诗格汇考[M]. 南京：江苏古籍出版社，2002：288.\n2. 曹凌. 中国佛教疑伪经综录[M]. 上海：上海古籍出版社，2011：19.\n[3]钱学森. 创建系统学[M]. 太原：山西科学技术出版社，2001：序2-3."
    result = citelib.parse(text)
    assert [r.label for r in result.references] == ["［1］", "2.", "[3]"]
    assert [r.line for r in result.references] == [1, 2, 3]
    assert all(r.verified for r in result.references)


def test_line_breaks_and_hyphenation_from_a_pdf() -> None:
    text = (
        "[1] Frese K S, Katus H A, Meder B. Next-generation sequencing: from under-\n"
        "standing biology to personalized medicine[J/OL]. Biology, 2013, 2(1): 378-398. http://www.mdpi.com/\n"
        "2079-7737/2/1/378.\n"
        "[2] 曹凌. 中国佛教疑伪经综\n录[M]. 上海：上海古籍出版社，2011：19.\n"
    )
    result = citelib.parse(text)
    assert len(result.references) == 2
    first, second = result.references
    assert (
        first.work.title
        == "Next-generation sequencing: from understanding biology to personalized medicine"
    )
    assert first.work.url == "http://www.mdpi.com/2079-7737/2/1/378"
    assert second.work.title == "中国佛教疑伪经综录" and second.line == 4
    assert first.verified and second.verified


def test_paragraphs_without_labels() -> None:
    text = "曹凌. 中国佛教疑伪经综录[M]. 上海：\n上海古籍出版社，2011：19.\n\n张伯伟. 全唐五代诗格汇考[M]. 南京：江苏古籍出版社，2002：288.\n"
    entries = split_entries(text)
    assert [(e.line, e.label) for e in entries] == [(1, None), (4, None)]
    assert entries[0].text.endswith("上海：上海古籍出版社，2011：19.")


def test_nothing_dropped_an_unreadable_entry_is_a_document() -> None:
    text = "[1] 张伯伟. 全唐五代诗格汇考[M]. 南京：江苏古籍出版社，2002：288.\n[2] 这不是一条参考文献\n"
    result = citelib.parse(text, source="refs.txt")
    assert len(result.references) == 2
    bad = result.references[1]
    assert (bad.work.type, bad.work.title, bad.parsed, bad.verified) == (
        "document",
        "这不是一条参考文献",
        False,
        False,
    )
    (problem,) = [p for p in result.problems if p.code == "unparsed-reference"]
    assert (problem.file, problem.line, problem.key) == ("refs.txt", 2, bad.work.id)
    assert "entry 2" in problem.message


def test_ambiguous_entry_is_not_verified() -> None:
    # the volume may start at either colon, or there may be none: all render alike
    result = citelib.parse(
        "[1] 康熙字典：巳集上：水部[M]. 同文书局影印本. 北京：中华书局，1962：50."
    )
    (ref,) = result.references
    assert not ref.verified and not ref.styles
    assert ref.difference is not None and "volume" in ref.difference
    assert [p.code for p in result.problems] == ["ambiguous-reference"]


def test_lone_place_is_ambiguous_with_a_publisher() -> None:
    result = citelib.parse(
        "[1] LICHSTEIN K L, JOHNSON R S. Relaxation therapy[C]//Reducing medication."
        " Uppsala, Sweden, 1990."
    )
    (ref,) = result.references
    assert ref.work.publisher_place == "Uppsala, Sweden" and not ref.verified


def test_unverified_entry_says_where_it_differs() -> None:
    result = citelib.parse(
        "[1] 张伯伟. 全唐五代诗格汇考[M]. 南京：江苏古籍出版社，2002：288. 另见附录."
    )
    ref = result.references[0]
    assert not ref.verified and ref.difference
    (problem,) = [p for p in result.problems if p.code == "unverified-reference"]
    assert problem.line == 1 and "另见附录" in problem.message


def test_keys_are_made_as_convert_makes_them() -> None:
    text = "[1] 曹凌. 中国佛教疑伪经综录[M]. 上海：上海古籍出版社，2011：19.\n[2] 曹凌. 中国佛教疑伪经综录[M]. 上海：上海古籍出版社，2011：20."
    assert [r.work.id for r in citelib.parse(text).references] == ["cao2011", "cao2011a"]


def test_normalise_ignores_width_and_spacing_only() -> None:
    assert normalise("北京：中华书局，2000：29.") == normalise("北京: 中华书局, 2000: 29")
    assert normalise("Biology, 2013") != normalise("Biology, 2014")


# ---------------------------------------------------------------------------- round trip


GBT = (
    "gbt7714-2025-numeric",
    "gbt7714-2015-numeric",
    "gbt7714-2025-author-date",
    "gbt7714-2015-author-date",
)


def _shown_names(names: tuple[Name, ...]) -> list[str]:
    out = []
    for n in names[:3] if len(names) > 3 else names:
        if n.given and not any("\u4e00" <= ch <= "\u9fff" for ch in str(n)):
            initials = "".join(p[0] for p in n.given.replace("-", " ").replace(".", " ").split())
            out.append(f"{n.family} {initials}".casefold())
        else:
            out.append(str(n))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gbt_works())
def test_round_trip_through_every_gbt_style(work: Work) -> None:
    for style in GBT:
        (entry,) = citelib.format_bibliography([work], style=style).entries
        ref = one(entry.text)
        got = ref.work
        assert ref.verified, (style, entry.text, ref.difference)
        assert style in ref.styles
        assert got.type == work.type, entry.text
        assert _shown_names(got.author) == _shown_names(work.author), entry.text
        for field in (
            "title",
            "container_title",
            "volume",
            "issue",
            "page",
            "publisher",
            "publisher_place",
        ):
            assert getattr(got, field) == getattr(work, field), (style, field, entry.text)
        assert got.issued == work.issued


# ---------------------------------------------------------------------------- command line

LIST = "[1] 陈登原. 国史旧闻：第1卷[M]. 北京：中华书局，2000：29.\n[2] 这不是一条参考文献\n"


@pytest.fixture
def reflist(tmp_path: Path) -> Path:
    path = tmp_path / "refs.txt"
    path.write_text(LIST, encoding="utf-8")
    return path


def test_cli_json_shape(reflist: Path) -> None:
    result = CliRunner().invoke(cli, ["parse", str(reflist), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert set(doc) == {"references", "problems"}
    first, second = doc["references"]
    assert set(first) == {"line", "label", "text", "verified", "style", "styles", "work"}
    assert (first["line"], first["label"], first["verified"], first["style"]) == (
        1,
        "[1]",
        True,
        "gbt7714-2025-numeric",
    )
    assert first["work"]["id"] == "chen2000" and first["work"]["publisher"] == "中华书局"
    assert second["work"]["type"] == "document" and second["verified"] is False
    (problem,) = doc["problems"]
    assert problem["code"] == "unparsed-reference" and problem["line"] == 2
    assert set(problem) >= {"file", "line", "key", "severity", "code", "field", "message"}


def test_cli_to_bibtex_reports_unverified_on_stderr(reflist: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.bib"
    result = CliRunner().invoke(cli, ["parse", str(reflist), "--to", "bibtex", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "@book{chen2000," in text and "这不是一条参考文献" in text
    assert "refs.txt:2:" in result.stderr and "1 verified" in result.stderr


def test_cli_json_and_to_exclude_each_other(reflist: Path) -> None:
    result = CliRunner().invoke(cli, ["parse", str(reflist), "--json", "--to", "ris"])
    assert result.exit_code == 2
    assert "exclude each other" in result.output


def test_cli_reads_stdin() -> None:
    result = CliRunner().invoke(cli, ["parse", "-", "--to", "csljson"], input=LIST.splitlines()[0])
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["title"] == "国史旧闻"


# ---------------------------------------------------------------------------- more shapes


def test_translators_ending_in_deng_are_incomplete() -> None:
    result = citelib.parse(
        "[1] 罗杰斯. 西方文明史：问题与源头[M]. 潘惠霞，魏婧，杨艳，等，译. 大连：东北财经大学出版社，2011：15-16."
    )
    ref = result.references[0]
    assert [str(n) for n in ref.work.translator] == ["潘惠霞", "魏婧", "杨艳"]
    assert ref.verified
    assert [p.field for p in result.problems if p.code == "incomplete-names"] == ["translator"]


def test_archive_call_number_and_place() -> None:
    ref = one(
        "[1] 李鸿章. 奏请上海道库洋务外销要款无款可筹仍拨药厘接济事：04-01-35-0399-039[A]."
        " 北京：中国第一历史档案馆，1887."
    )
    w = ref.work
    assert (w.type, w.archive_location, w.archive_place, w.archive) == (
        "collection",
        "04-01-35-0399-039",
        "北京",
        "中国第一历史档案馆",
    )
    assert ref.verified


def test_gbt_2005_author_year_head() -> None:
    ref = one("汪冰. 1997. 电子图书馆理论与实践研究[M]. 北京: 北京图书馆出版社: 16.")
    w = ref.work
    assert (w.issued, w.title, w.publisher, w.page) == (
        Date.of(1997),
        "电子图书馆理论与实践研究",
        "北京图书馆出版社",
        "16",
    )


def test_author_date_list_reads_anonymous_as_no_author() -> None:
    text = "张伯伟，2002. 全唐五代诗格汇考[M]. 南京：江苏古籍出版社：288.\n佚名. 袖珍神学[M].\n"
    result = citelib.parse(text)
    assert result.references[1].work.author == ()
    assert result.references[1].work.title == "袖珍神学"


def test_apa_entry_without_creator() -> None:
    ref = one(
        "Coffee drinking and cancer of the pancreas. (1981). British Medical Journal, 283(6292), 628."
    )
    w = ref.work
    assert (w.title, w.container_title, w.volume, w.issue, w.page) == (
        "Coffee drinking and cancer of the pancreas",
        "British Medical Journal",
        "283",
        "6292",
        "628",
    )
    assert w.author == ()


def test_cli_keys_unique_across_files(tmp_path: Path) -> None:
    one_file, other = tmp_path / "a.txt", tmp_path / "b.txt"
    one_file.write_text(
        "[1] 曹凌. 中国佛教疑伪经综录[M]. 上海：上海古籍出版社，2011：19.\n", encoding="utf-8"
    )
    other.write_text(
        "[1] 曹凌. 中国佛教疑伪经综录[M]. 上海：上海古籍出版社，2011：20.\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["parse", str(one_file), str(other), "--json"])
    assert result.exit_code == 0, result.output
    refs = json.loads(result.stdout)["references"]
    assert [r["work"]["id"] for r in refs] == ["cao2011", "cao2011a"]
    assert [r["line"] for r in refs] == [1, 1]


def test_given_style_is_the_only_one_tried() -> None:
    ref = one("[1] 陈登原. 国史旧闻：第1卷[M]. 北京：中华书局，2000：29.", "gbt7714-2015-numeric")
    assert ref.styles in ((), ("gbt7714-2015-numeric",))
    ref = one("[1] 陈登原. 国史旧闻：第1卷[M]. 北京：中华书局，2000：29.", "gbt7714-2025-numeric")
    assert ref.styles == ("gbt7714-2025-numeric",)


def test_segments_cost_the_words_not_the_segment() -> None:
    """A stop after a long run without spaces (a fuzz input: ``<i>`` repeated, then a
    name and a year) used to cost the run's length squared at every stop (20,000 tags:
    14 s); the last word is now found by a backward scan. The segments stay the same."""
    from citelib.formats.reflist._text import _segments

    s = "Manufacturing Typical Experience " + "<i>" * 20_000 + " REN K Q, 2020. Next part. Last"
    parts = [s[a:b] for a, b in _segments(s, 0, len(s))]
    assert [p[-12:] for p in parts] == ["EN K Q, 2020", "Next part", "Last"]
    assert parts[0].startswith("Manufacturing")
    # an initial before the last word keeps the stop inside a name: "Smith J. Title"
    s = "Smith A. B. Title of the work. Beijing"
    assert [s[a:b] for a, b in _segments(s, 0, len(s))] == [
        "Smith A. B. Title of the work",
        "Beijing",
    ]


# ---------------------------------------------------------------------------- rival readings
# (made-up entries in the shapes of corpus entries that were verified with a wrong field)


def _ambiguous(text: str, field: str) -> None:
    result = citelib.parse(text)
    (ref,) = result.references
    assert not ref.verified, (text, ref.work)
    assert ref.difference is not None and field in ref.difference, ref.difference
    assert [p.code for p in result.problems] == ["ambiguous-reference"]


def test_boundary_between_place_and_publisher_moves_to_the_other_colon() -> None:
    # London : New York：Macmillan is a place and a publisher either side of either colon
    _ambiguous(
        "[1] Roe J. A dictionary of things[M]. 6th ed. London : New York：Macmillan，1980.",
        "publisher-place",
    )


def test_boundary_between_journal_and_volume_moves_to_the_other_comma() -> None:
    text = "Roe J，2012. Terminology[J]. Revista clinica，8, supplement 2：3-9."
    _ambiguous(text, "volume")
    # in a numeric list the year parts them: one reading
    ref = one("[1] Roe J. Terminology[J]. Revista clinica，2012，8, supplement 2：3-9.")
    assert (ref.work.container_title, ref.work.volume) == ("Revista clinica", "8, supplement 2")
    assert ref.verified


def test_no_boundary_moves_where_no_mark_is_inside_a_value() -> None:
    ref = one("[1] 李四. 某书[M]. 北京：科学出版社，2010：12-15.")
    assert ref.verified and ref.work.publisher == "科学出版社"


def test_a_mark_between_digits_is_a_numbers_own() -> None:
    ref = one(
        "[1] ISO 15836:2009 Information and Documentation—The Dublin Core Metadata Element"
        " Set[S/OL]. [2013-03-24]. http://www.iso.org/iso/home/store/catalogue_detail.htm."
    )
    assert ref.work.number == "ISO 15836:2009"


def test_date_before_the_pages_colon() -> None:
    ref = one("[1] 邓一刚. 全智能节电器：CN200610171314.3[P]. 2008-01-16：8-9.")
    w = ref.work
    assert (w.issued, w.page, w.publisher, w.publisher_place) == (
        Date.of(2008, 1, 16),
        "8-9",
        None,
        None,
    )
    assert ref.verified


def test_publisher_and_year_after_a_colon_are_no_pages() -> None:
    ref = one("[1] Roe J. A dictionary[M]. London：Macmillan，1980.")
    assert (ref.work.publisher, ref.work.issued, ref.work.page) == (
        "Macmillan",
        Date.of(1980),
        None,
    )


def test_a_number_where_place_and_publisher_go_is_pages() -> None:
    ref = one("[1] Some case, Freedom of art[Z]//Reports：第75卷. 369.")
    assert (ref.work.page, ref.work.publisher, ref.work.volume) == ("369", None, "75")


def test_standard_number_with_lower_case_letters_and_slashes() -> None:
    for text, number in (
        (
            "[1] IEEE P802.11ba/D8.0-2020 IEEE Approved Draft Standard[S].",
            "IEEE P802.11ba/D8.0-2020",
        ),
        ("[1] AIAA G-136-2022 Guide to Lithium Battery Safety[S].", "AIAA G-136-2022"),
    ):
        ref = one(text)
        assert ref.work.number == number and ref.verified, ref.work


def test_a_urls_colon_starts_no_number() -> None:
    ref = one(
        "[1] Frog Lab. These frogs walk. https://example.org/2KlriwH[EB/OL]. (2018-06-26)."
        " https://example.org/videos/1."
    )
    assert ref.work.number is None
    assert ref.work.title == "These frogs walk. https://example.org/2KlriwH"


def test_archive_title_and_call_number_without_digits_are_ambiguous() -> None:
    _ambiguous("[1] 座谈会记录：某某档案[A]. 某省档案室，1950-07.", "archive_location")


def test_volume_with_an_english_volume_title() -> None:
    ref = one("[1] Roe J. Handbook of things：v.1 History and theory[M]. Some Press，2018.")
    w = ref.work
    assert (w.title, w.volume, w.volume_title) == ("Handbook of things", "1", "History and theory")


def test_volume_with_a_chinese_numeral_and_a_volume_title() -> None:
    ref = one("[1] 中国科学技术史：第二卷 科学思想史[M].")
    w = ref.work
    assert (w.title, w.volume, w.volume_title) == ("中国科学技术史", "第二卷", "科学思想史")


def test_korean_volume() -> None:
    # read as 1; the styles print 第1卷, so what renders back is the volume as written
    ref = one("[1] 김철수. 도서관법: 제 1 권[M]. 서울: 출판부, 2005: 67-68.")
    assert ref.work.title == "도서관법" and ref.work.volume in ("1", "제 1 권")
    assert citelib.parse("[1] 김철수. 도서관법: 제 1 권[M].", verify=False).works[0].volume == "1"


def test_stop_before_a_lower_case_word_ends_no_creators() -> None:
    ref = one(
        "[1] Chevron U.S.A., Inc. v. Natural Resources Defense Council[Z]//U.S.：v.467. 1984：837."
    )
    assert not ref.work.author
    assert ref.work.title == "Chevron U.S.A., Inc. v. Natural Resources Defense Council"


def test_st_is_part_of_a_name() -> None:
    ref = one("[1] St. Clair W T. A compend of medical Latin[M]. Philadelphia：Blakiston，1904.")
    assert ref.work.author == (Name(family="St. Clair", given="W. T."),)


def test_one_word_abbreviation_may_start_the_title() -> None:
    _ambiguous("[1] Exec. Order No. 13,676[Z]//C.F.R.：v.3. 2014：294.", "title")


def test_creators_the_rules_do_not_take_for_names_are_a_rival() -> None:
    _ambiguous(
        "[1] Holst M R，9 workshop participants who wished to remain anonymous. How to handle"
        " abuse of power[A]. 2020-11-09.",
        "author",
    )


def test_stops_without_spaces_beside_chinese() -> None:
    ref = one(
        "[1] 张三，李四．某书［M］．王五，赵六，钱七，等，译．2 版．北京：某出版社，2010：798．"
    )
    w = ref.work
    assert [str(n) for n in w.translator][:3] == ["王五", "赵六", "钱七"]
    assert (w.edition, w.publisher_place, w.publisher) == ("2", "北京", "某出版社")
    assert ref.verified


def test_cnki_comma_between_year_and_issue_without_volume() -> None:
    # CNKI's "cite" text writes "年,(期)" where a journal has no volume
    ref = one("[1]俞可平.治理和善治引论[J].马克思主义与现实,1999,(05):37-41.")
    w = ref.work
    assert (w.container_title, w.issued, w.volume, w.issue, w.page) == (
        "马克思主义与现实",
        Date.of(1999),
        None,
        "05",
        "37-41",
    )
    assert not ref.verified  # citelib's styles print "1999(05)"


def test_written_by_after_the_authors_is_a_role_not_a_name() -> None:
    # catalogue copies print "著" (written by) after the authors; a two-character name ending
    # in 著 stays a name
    assert one(
        "[1]周雪光著.中国国家治理的制度逻辑[M].北京:生活·读书·新知三联书店,2017."
    ).work.author == (Name(family="周", given="雪光"),)
    ref = one("[1]王浦劬等著.治理理论[M].北京:中央编译出版社,2017.")
    assert ref.work.author == (Name(family="王", given="浦劬"),)
    assert not ref.verified  # citelib's styles do not print 著
    assert one("[1]王著.书法史[M].北京:中华书局,2000.").work.author == (
        Name(family="王", given="著"),
    )


def test_an_initial_inside_a_name_written_in_chinese_ends_no_creators() -> None:
    ref = one("[1]（美）詹姆斯·C.斯科特.国家的视角[M].北京:社会科学文献出版社,2004.")
    assert ref.work.title == "国家的视角"
    assert [n.literal for n in ref.work.author] == ["(美)詹姆斯·C.斯科特"]


def test_a_body_written_in_chinese_is_kept_whole() -> None:
    # 民政部 as family 民 and given name 政部 rendered back the same and was verified
    for text, body in (
        ("[1]民政部.2019年民政事业发展统计公报[R].北京:民政部,2020.", "民政部"),
        ("[1]国务院.关于加强社区建设的意见[Z].2010-11-09.", "国务院"),
        ("[1]清华大学.某报告[R].北京:清华大学,2020.", "清华大学"),
    ):
        assert one(text).work.author == (Name(literal=body),), text
    # three characters ending in 会 and four with a compound surname stay persons
    assert one("[1]李秀会.某书[M].北京:某出版社,2000.").work.author == (
        Name(family="李", given="秀会"),
    )
    assert one("[1]欧阳中心.某书[M].北京:某出版社,2000.").work.author == (
        Name(family="欧阳", given="中心"),
    )


def test_gbt_2005_analytic_with_a_and_its_hosts_code() -> None:
    # 1987 and 2005 print a part of a book as "Title[A]. Editors. Book[C]." (2015: "[C]//")
    w = one(
        "[1]李强,王五.社区治理创新研究[A].张三.社会治理论文集[C].北京:某出版社,2015:12-20."
    ).work
    assert (w.type, w.title, w.container_title, w.page) == (
        "paper-conference",
        "社区治理创新研究",
        "社会治理论文集",
        "12-20",
    )
    assert w.editor == (Name(family="张", given="三"),)
    # an [A] with no host's code after it is an archive (2015)
    assert one("[1]李强.某档案[A].北京:某档案馆,1950.").work.archive == "某档案馆"


def test_editors_role_after_the_hosts_editors() -> None:
    w = one(
        "[1] Smith J. Local governance[M]//Brown K, Lee M, eds. Handbook. London: Sage, 2010."
    ).work
    assert w.editor == (Name(family="Brown", given="K."), Name(family="Lee", given="M."))
    assert w.container_title == "Handbook"
    w = one("[1]李强.社区治理[C]//张三主编.社会治理论文集.北京:某出版社,2015:12-20.").work
    assert (w.editor, w.container_title) == ((Name(family="张", given="三"),), "社会治理论文集")


def test_full_width_stops_between_latin_words_end_elements() -> None:
    # zotero-chinese's "全角标点" styles print "．" with no space after it, Latin text too
    w = one(
        "POISSON M，2015．Le droit de la mer［M］//LAPIEUVRE R．Le droit des Océans．"
        "Paris：Éditions de la mer，2015：12—48．"
    ).work
    assert (w.editor, w.container_title, w.publisher_place, w.publisher) == (
        (Name(family="LAPIEUVRE", given="R."),),
        "Le droit des Océans",
        "Paris",
        "Éditions de la mer",
    )


def test_year_letter_inside_the_date_cited() -> None:
    # citeproc-js puts an author-date style's year letter in the only date there is
    w = one("佚名．中国国家博物馆［EB/OL］．［2025z-05-06］．https://www.chnmuseum.cn/．").work
    assert (w.accessed, w.publisher) == (Date.of(2025, 5, 6), None)


def test_latin_names_joined_by_he_are_two_names() -> None:
    ref = one(
        "Pang L, Brauw A de和Rozelle S．Working until you drop[J]．The China Journal，2004，52：73-94．"
    )
    assert [n.family for n in ref.work.author] == ["Pang", "Brauw", "Rozelle"]
    assert not ref.verified  # citelib's styles join them with a comma
    assert one("[1]王和平.某书[M].北京:某出版社,2000.").work.author == (
        Name(family="王", given="和平"),
    )


def test_a_list_writing_given_names_out_reads_family_first() -> None:
    # one entry cannot tell "Yufin Sergey A." from "Des Marais D J"; a list that writes
    # given names out (Dario, Henry-James) can
    text = (
        "[1] Yufin Sergey A. Geoecology and computers[M]. Rotterdam: Balkema, 2000.\n"
        "[2] Schmid Henry-James. Entrenchment[M]. Berlin: De Gruyter, 2017.\n"
        "[3] Grattapaglia Dario, Tuskan Gerald A. The genome[J]. Nature, 2014, 510: 356-362.\n"
    )
    refs = citelib.parse(text).references
    assert [n for r in refs for n in r.work.author] == [
        Name(family="Yufin", given="Sergey A."),
        Name(family="Schmid", given="Henry-James"),
        Name(family="Grattapaglia", given="Dario"),
        Name(family="Tuskan", given="Gerald A."),
    ]
    assert not any(r.verified for r in refs)  # citelib's styles print initials
    # a list with initials keeps a family of two words
    text = (
        "[1] Des Marais D J. Isotopic evolution[J]. Science, 1999, 285: 1-2.\n"
        "[2] Smith J. A book[M]. London: Sage, 2000.\n"
        "[3] Brown K L. Another book[M]. London: Sage, 2001.\n"
    )
    assert citelib.parse(text).references[0].work.author == (
        Name(family="Des Marais", given="D. J."),
    )


def test_years_joined_by_an_underscore_are_kept_as_written() -> None:
    ref = one("[1] Roe J. Dictionary of medieval Latin[M]. Oxford：Some Press，1975_2013.")
    assert (ref.work.publisher, ref.work.issued) == ("Some Press", Date(literal="1975_2013"))


def test_whole_journals_dates_printed_twice() -> None:
    text = (
        "中华医学会湖北分会, 1984a. 临床内科杂志[J]. 1984, 1984, 1(1)-. 武汉: 中华医学会湖北分会.\n"
        "中华医学会湖北分会, 1984b. 临床内科杂志[J]. 1984, 1984, 1(1)-. 武汉: 中华医学会湖北分会."
    )
    for ref in citelib.parse(text).references:
        assert ref.work.volume == "1984, 1(1)-", ref.work


def test_call_number_without_an_archive_may_be_the_works_number() -> None:
    work = Work(
        id="act",
        type="legislation",
        title="Some Transportation Act",
        number="89-670",
        container_title="Stat.",
        volume="80",
        issued=Date.of(1966),
        page="931",
        language="en-US",
    )
    (entry,) = citelib.format_bibliography([work], style="gbt7714-2015-numeric").entries
    ref = one(entry.text)
    assert not ref.verified or ref.work.number == "89-670", (entry.text, ref.work)


def test_a_number_at_an_archive_may_be_a_call_number() -> None:
    work = Work(
        id="m",
        type="manuscript",
        author=(Name(literal="某省建设厅"),),
        title="某省建设厅关于登记规则的训令",
        archive="某省档案馆",
        archive_place="武汉",
        archive_location="LS031-001-0001-001",
        issued=Date.of(1931),
        language="zh-CN",
    )
    (entry,) = citelib.format_bibliography([work], style="gbt7714-2015-numeric").entries
    ref = one(entry.text)
    assert not ref.verified or ref.work.archive_location == work.archive_location, entry.text


def test_a_journal_issue_may_have_its_own_title() -> None:
    _ambiguous(
        "[1] Roe J. Archives of psychology：Heterodox issues[J]. 6. 2018：51-104.", "volume-title"
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gbt_works_with_marks_inside())
def test_verified_means_read_right_where_a_value_holds_its_mark(work: Work) -> None:
    # a value holding the mark that parts it from its neighbour prints as two readings
    # would: verified, the reading is the work's; else not verified
    for style in GBT:
        (entry,) = citelib.format_bibliography([work], style=style).entries
        ref = one(entry.text)
        if not ref.verified:
            continue
        for field in ("container_title", "volume", "publisher", "publisher_place", "title"):
            assert getattr(ref.work, field) == getattr(work, field), (style, field, entry.text)


def test_creators_rival_keeps_the_tails_date_in_an_author_date_list() -> None:
    # the head's year is the rival's date only where the tail gives none: (2020-11-09) here
    text = (
        "HOLST M R, 9 workshop participants who wished to remain anonymous, 2020. How to"
        " handle abuse of power[Z/OL]. (2020-11-09). DOI:10.5281/zenodo.4273761.\n"
        "张三, 2019. 某书[M]. 北京: 科学出版社."
    )
    first, second = citelib.parse(text).references
    assert not first.verified and first.difference and "author" in first.difference
    assert second.verified


def test_a_lone_value_after_a_container_may_be_the_containers_end() -> None:
    # "//Fla. Stat.": the container Fla. Stat., or Fla held by (published by) Stat
    _ambiguous(
        "[1] 佚名. Some Health Act[A/OL]//Fla. Stat. http://www.example.org/x.html.", "container"
    )
    # a publisher's word settles it
    text = "[1] 张三. 某文[M]//李四. 某书. 某大学出版社."
    assert "container" not in (one(text).difference or "")


def test_title_tail_may_be_the_publisher_or_a_number() -> None:
    # a title runs to the end of the entry when nothing follows it: its tail after the last
    # mark may as well be the publisher, or a report's number in brackets
    _ambiguous("Roe, J. (2012). A study of things (Version 2). arXiv.", "publisher")
    _ambiguous(
        "Roe, J. (1991). Population by age in local areas, June 1990 (3209.1). Statistics Office.",
        "number",
    )


def test_volumes_one_to_n_may_be_their_count() -> None:
    # APA prints volume 1-20 and twenty volumes alike: "Vols. 1–20"
    _ambiguous(
        "Roe, J. (Ed.). (1980). The big dictionary (2nd ed., Vols. 1–20). Macmillan.", "volume"
    )


def test_tail_rivals_leave_gbt_entries_verified() -> None:
    # GB/T prints a title, its publisher and a periodical's pages each in its own way
    ref = one("[1] Roe J. A study of things (Version 2)[M]. London: Macmillan, 2012.")
    assert ref.verified, ref.difference
    ref = one("[1] Roe J. Life in the middle class[J]. The Weekly Magazine, 2021, 3: 45-55.")
    assert ref.verified, ref.difference


# ---------------------------------------------------------------------------- APA shapes
# (made-up entries in the shapes of APA entries the corpora showed read wrongly)


def _apa(text: str) -> Reference:
    (ref,) = citelib.parse(text, style="apa").references
    return ref


def test_apa_stop_inside_closing_quotes_ends_the_title() -> None:
    # American punctuation puts the title's full stop inside its quotes
    ref = _apa("Roe, J. (2008). Things go “old school.” The Journal of Things, 97(4), 62–67.")
    assert ref.work.title == "Things go “old school”"
    assert (ref.work.container_title, ref.work.volume) == ("The Journal of Things", "97")
    assert ref.verified, ref.difference


def test_apa_thesis_description_names_the_school_and_the_archive_follows() -> None:
    ref = _apa(
        "Roe, J. (2012). Dual things [Master’s thesis, The College of Things]."
        " Things Digital Archive. https://example.org/roe.pdf"
    )
    w = ref.work
    assert (w.type, w.genre, w.publisher, w.archive) == (
        "thesis",
        "Master’s thesis",
        "The College of Things",
        "Things Digital Archive",
    )
    assert ref.verified, ref.difference
    w = _apa("张三. (2011). 某某研究 [博士学位论文, 某某大学]. https://doi.org/10.1/x").work
    assert (w.genre, w.publisher) == ("博士学位论文", "某某大学")


def test_apa_trailing_particles_and_suffixes_in_names() -> None:
    w = _apa(
        "Veen, P. H. van der, & Graaf, Y. van der. (2014). Changes. Journal of Things, 3(1), 1–8."
    ).work
    assert w.author == (
        Name(family="Veen", given="P. H.", dropping_particle="van der"),
        Name(family="Graaf", given="Y.", dropping_particle="van der"),
    )
    w = _apa(
        "Roe, L. (1974). Properties. In W. A. Doe Jr. & W. A. Doe (Eds.), Physiology"
        " (pp. 457–472). Saunders."
    ).work
    assert w.editor == (
        Name(family="Doe", given="W. A.", suffix="Jr."),
        Name(family="Doe", given="W. A."),
    )


def test_apa_book_author_of_a_chapter_and_chinese_volumes() -> None:
    ref = _apa("李四. (1991). 题词. In 张三, 王五, & 赵六, 某书研究 (p. 扉页). 某某出版社.")
    assert [str(n) for n in ref.work.container_author] == ["张三", "王五", "赵六"]
    assert ref.work.container_title == "某书研究"
    assert ref.verified, ref.difference
    for text, title, volume in (
        ("王五. (2009). 某某日记: 第 4 册 (p. 155). 某某出版社.", "某某日记", "第 4 册"),
        ("王五. (2010). 某某概论: 上 (p. 112). 某某出版社.", "某某概论", "上"),
    ):
        ref = _apa(text)
        assert (ref.work.title, ref.work.volume) == (title, volume)
        assert ref.verified, ref.difference


def test_apa_entries_whose_title_stands_first() -> None:
    # nothing between the date and "In": no creator, the title moved before the date
    ref = _apa("List of things. (2019). In Wikipedia. https://en.wikipedia.org/wiki/Things")
    assert (ref.work.author, ref.work.title, ref.work.container_title) == (
        (),
        "List of things",
        "Wikipedia",
    )
    # a colon and a volume are no creator's name
    ref = _apa("某某全集 (Vol. 31). (1998). 某某出版社.")
    assert (ref.work.author, ref.work.title, ref.work.volume) == ((), "某某全集", "31")


def test_apa_pages_alone_and_an_issue_without_a_name() -> None:
    w = _apa("Roe, J. (2022). Application of things. 574–579. https://doi.org/10.1/x").work
    assert (w.page, w.publisher) == ("574–579", None)
    w = _apa("Roe, J. (2024). 某文. 某某会议论文集, 134–147.").work
    assert (w.container_title, w.page) == ("某某会议论文集", "134–147")
    w = _apa("Roe, J. (Ed.). (2018). Archives of things [Special section]. 6(1), 51–104.").work
    assert (w.volume, w.issue, w.page, w.publisher) == ("6", "1", "51–104", None)


def test_apa_archive_and_call_number() -> None:
    w = _apa("李某. (1887). 某某奏折 [Letter]. 某某历史档案馆 (04-01-35-0399), 北京.").work
    assert (w.archive, w.archive_location, w.archive_place) == (
        "某某历史档案馆",
        "04-01-35-0399",
        "北京",
    )


def test_apa_lone_name_after_the_title_is_ambiguous_unless_its_words_say() -> None:
    # a photograph's magazine, publisher or archive print alike
    ref = _apa("Roe, J. (1985). A girl [Photograph]. National Things. https://example.org/g")
    assert not ref.verified and "publisher" in (ref.difference or "")
    # an article online before its issue and a book from a publisher with no tell-tale word
    ref = _apa("Roe, J. (2025). Using things. Things Monthly. https://doi.org/10.1/x")
    assert not ref.verified
    # a publisher's or a journal's word settles it; a book's edition too
    assert _apa("Roe, J. (2025). Using things. Things Press. https://doi.org/10.1/x").verified
    ref = _apa("Roe, J. (2025). Using things. Journal of Things. https://doi.org/10.1/x")
    assert ref.verified and ref.work.container_title == "Journal of Things"
    assert _apa("Roe, J. (1955). Medical Greek at a glance (3rd ed.). Hoeber.").verified


def test_apa_records_that_render_back_but_are_no_reading() -> None:
    # a publisher with no letter, a title with no word: rendering proves nothing
    ref = _apa("Roe Society (Ed.). (1883). Things. 1883, 1(1)-.")
    assert not ref.verified and "no name" in (ref.difference or "")
    # a note in brackets the rules cannot read stays in the title, unproved
    ref = _apa("Roe, J. (2016). Things (Some Office Report No. 9,367, draft 2). https://x.org/a")
    assert not ref.verified, ref.work


def test_apa_question_mark_may_end_the_title_or_not() -> None:
    ref = _apa("Roe, J. A. (2007). Should things be abandoned? No. BMJ, 335(7617), 425.")
    assert not ref.verified and "title" in (ref.difference or "")


# ---------------------------------------------------------------------------- Zotero's text
# (the official GB/T styles as citeproc-js renders them print some parts otherwise)


def test_numbered_volume_is_never_the_end_of_a_title() -> None:
    # "：卷1" (the official styles) is a volume: citelib's styles print "：第1卷", so the
    # entry is not verified, but no reading with the volume in the title is taken for it
    ref = one("[1] Roe J，Doe J. Handbook of things：卷1[M/OL]. 5 版. Wiley，2010.")
    assert ref.work.title == "Handbook of things"
    assert not ref.verified


def test_rivals_are_rendered_in_the_language_the_entry_rendered_back_in() -> None:
    # "Exec." may be a body or the title's start; the volume's term (卷 3) is Chinese
    _ambiguous(
        "Exec. Order No. 13,676[A/OL]//C.F.R.: 卷 3. 2014: 294. https://example.org/eo.pdf.",
        "author",
    )


def test_code_after_a_title_colon_may_be_the_number() -> None:
    _ambiguous(
        "Civil Rights Act of 1964: 88-352[A/OL]//Stat.: 卷 78. 1964: 241."
        " https://www.govinfo.gov/content/pkg/STATUE-78/pdf/STATUTE-78-Pg241.pdf.",
        "'88-352'",  # a number or an archive's call number, outside the title
    )


def test_other_programs_apa_shapes_are_never_verified_wrong() -> None:
    # pandoc prints a translator's or a narrator's name alone, the original title after a
    # link as "(as ...)": the rules read neither, so the entry must not verify
    ref = _apa("Roe, J. (2012). Quiet things (K. Doe) [Audiobook]. Things House Audio.")
    assert not ref.verified
    ref = _apa(
        "Roe, J. (2015). Therapy. In J. Doe (Ed.), Guía práctica (pp. 67–86). Editorial Cosas."
        " http://example.org/guia.html (as Terapia sensorial)"
    )
    assert (
        ref.work.url == "http://example.org/guia.html" and ref.work.publisher == "Editorial Cosas"
    )
    assert not ref.verified
    ref = _apa(
        "Roe, J. (2013). A secret. In K. Doe, A destiny (pp. 9–25). Brill. (Original work published 1947)"
    )
    assert [(n.family, n.given) for n in ref.work.container_author] == [("Doe", "K.")]
    assert ref.work.original_date is not None and ref.work.original_date.parts == ((1947,),)


def test_gbt_suffix_after_initials_does_not_end_the_creators() -> None:
    ref = one(
        "[1] Roe P R，Doe G L Jr.，Poe D R. Subsolidus things[M]. London：Things Press，1980."
    )
    assert [n.family for n in ref.work.author] == ["Roe", "Doe", "Poe"]
    assert ref.work.title == "Subsolidus things"


def test_records_holding_another_programs_marks_are_no_reading() -> None:
    # citeproc-js's official author-date styles: a bracketed year, a year's letter run into
    # an accessed date; a title or a publisher that holds them was misread
    for text in (
        "ROE BUREAU OF THINGS. DOE DEPARTMENT OF THINGS OFFICE, [2013]. Things Laws[EB/OL]."
        " [2013-03-15]. https://example.org/laws.",
        "佚名, 1949. 某某文告[Z/OL]. 武汉: 某某大学档案馆[2025a-02-28]. https://example.org/a.",
    ):
        ref = one(text)
        assert not ref.verified, ref.work


def test_one_body_whose_name_holds_a_comma_in_capitals() -> None:
    # the 2015 styles print a body's name in capitals: still one body or two
    _ambiguous(
        "INSTITUTE FOR ART AND THINGS, ACADEMY OF FINE THINGS VIENNA, 2023. Hitze: Things"
        "[M]. Zürich: Park Books.",
        "author",
    )


def test_school_styles_quirks_are_no_reading() -> None:
    # zotero-chinese school variants print what citelib's styles never do; a record that
    # holds it in the wrong field renders back but is no reading
    for text in (
        "[1] 刘某. 某某刊物研究[J]. 中国出版, 1998a(5): 38-39.",  # a year's letter as a volume
        "[1] 某某学会. 某某杂志[J]. 武汉: 某某学会湖北分会, 1984.",  # a publisher as pages
        "Roe,  R A, 2015. Unpublished raw data on things[Z]. 2015.",  # Family, I I cut in two
        "Roe,  O M, Doe,  M W, 2024. Deep things[M]. Springer Cham, 2024.",  # names in the title
        "全国某某委员会, 2013. 中华人民共和国某某法[A]. 2013年修正.",  # an edition as the archive
    ):
        (ref,) = citelib.parse(text).references
        assert not ref.verified, (text, ref.work)


def test_edition_with_a_style_s_added_ban() -> None:
    ref = one("[1] 王某. 宋论[M]. 刻本 版. 金陵: 某某堂, 1865.")
    assert ref.work.edition == "刻本"


def test_more_school_style_quirks() -> None:
    for text in (
        "[1] Roe S. K., Doe M. E. The future of things[M]. New York: Things Press, 1995.",
        "[1] 邓某. 全智能节电器: 中国[P]. 2008a-01-16.",  # a dated patent's year with its letter
        "[1] 某某. 某书[J]. 某某学报. 32(10): 721-724.",  # a volume after a stop
    ):
        (ref,) = citelib.parse(text).references
        assert not ref.verified, (text, ref.work)
    # initials with stops are one name; a case's R. is no initial
    ref = one("[1] Roe S. K., Doe M. E. The future of things[M]. New York: Things Press, 1995.")
    assert [n.family for n in ref.work.author] == ["Roe", "Doe"]
    ref = one("[1] R. v. Panel on Things[Z]//QB：v.815. 1987.")
    assert ref.work.title == "R. v. Panel on Things"
    # editors named by their role
    ref = one("[1] Fan X，Roe C H主编. Food things[M]. Ames：Blackwell，2013.")
    assert [n.family for n in ref.work.editor] == ["Fan", "Roe"] and not ref.work.author
    # Anonymous is read as 佚名 and Anon are: the record as the style prints it
    ref = one("Anonymous, 2000. 某某书[M]. 北京：某某出版社.")
    assert ref.verified and [n.literal for n in ref.work.author] in ([], ["Anonymous"])


#: zotero-chinese school and journal styles' text (through citeproc-js) that renders back in
#: a GB/T or APA style of citelib's read wrongly: each record is no reading
SCHOOL_NO_READING = {
    "initials inside a family name": "Roe F J & Doe A. Things[J]. Thing Journal, 2009, 69(2): 8-13.",
    "a conjunction after an initial": "Roe G和Doe B．Things of medicine[J]．Thing Journal，2000，101（9）：52-55．",
    "et al. glued to an initial": "Roe A A，Doe D，Moe G A等. The things[J]. Nature，2014，510：356-362.",
    "an initial in another script": "Кочев А. Я. Молибденовые вещи[J]. Вещи, 1993(7): 50-58.",
    "a suffix starting the title": "Roe Peter Z. Jr. Things, Variables, and Signals[M]. 4 版. New York: Thing Press, 2001.",
    "a stop starting the title": "Thing Library Center, Inc.．About Things: History[EB/OL]．[2012-03-27]．http://www.example.org/about.html．",
    "an et-al term before the title": "김세훈，others．도서관 연구[M]．서울：한국연구원，2003：15．",
    "two GB/T names before the title": "Van Roe R, Doe M, Moe S E, the members of Thing Work Group. What does it take? Lessons[J]. Things, 2013, 29(10): 1122-1128.",
    "an ordinal edition as the place": "Roe P Z．Things and Signals[M]．Fourth．New York：Thing Press，2001．",
    "an edition in the publisher": "Roe J A，Doe E G．Thing Standards[M]．Thing Quality: A Handbook on Things．6th ed.．New York：Thing Press，2011：1-36．",
    "a revised edition as the publisher": "Roe A．Death by Things[M]．Rev. ed.．Thing Publishing Group, Inc.，2011：13．",
    "translators in the publisher": "Roe P S．An essay on things[M]．Doe F W, Moe F L，trans.．Dover，1951．",
    "a volume in the publisher": "Roe P G．Relativity[M]．The new encyclopedia Britannica：Vol. 26．New York：Encyclopedia Britannica，1993：501-508．",
    "an edition after a container": "邓某. 某某是一场革命[M]//某某文选, 2 版. 人民出版社, 1994.",
    "a note after a publisher": "狄某. 某阁笔记[M]. 上海: 某某书局, [日期不详].",
    "a year with its letter after a periodical": "Roe C R. Social Things[J]. Thing Law Review, 1996a, 96: 903.",
    "a patent's date in the publisher": "Roe R，Doe S，Moe K，等．Thing Method and System［P］．U.S.专利，US6915001．2005-07-05．",
    "an open year span before a comma in a volume": "某某学会．某某杂志[J]．1984-，1984, 1(1)-．武汉：某某学会，1984-．",
    "a type code in a volume": "李某. 某某法[J]. 某某工作, 2008, 52(6): 6-21; [J]. 2008, 52(6): 6-21 (in Chinese)",
    "a year before a volume and its issue": "Roe S O. Archives of things: Heterodox issues[J]. 2018, 6(1). 2018: 51-104.",
    "a thesis description in the title": "Roe, O. (2016). Word things as a model for tasks (PhD thesis). University of Helsinki, Helsinki.",
    "a number in the title": "ISO. (2016). Atmosphères de choses (No. ISO/IEC 80079-20-2:2016(fr)).",
    "a volume after a title's colon": "Roe B J, Doe V A, Moe P, et al. Comprehensive Textbook of Things: Vol. 1 [M]. 9th ed. Philadelphia: Thing Press, 2009.",
    "an unclosed bracket in a name": "[某某中央委员会. (2014). 某某若干重大问题的决定.]",
    "creators in brackets as the title": "(张某 & 李某). (2008). [2008, 引注测试 2.1:3.]",
    "two names joined by 和": "高某某和程某某．某某法原论[M]．某某大学出版社，2013．",
    "two bodies joined by 和": "国家某某总局和中国国家某某委员会．某某著录规则：GB/T 7714—2015[S]．2015．",
    "a person's name printed whole beside persons": "Mou Weimin, Zhang Kan, Roe T P. Frames of things[J]. Journal of Things, 2004, 30: 171-180.",
    "a given name written out with a stop": "Bai Yi. Citation test 2.4:7[M]. 2002.",
    "names printed whole in another alphabet": "Holomáňová Anna, Ivanová Alena, Roe I. History of things[J]. Thing Journal, 2004, 105(1): 22-24.",
    "initials run together at the title's start": "Roe P.G.W. Oxford dictionary of things[M]. Oxford: Clarendon Press, 1982.",
    "a given name written out read as a family's word": "Roe John H. Little things that count[J]. The Journal of Things, 1999, 21(2): 204-207.",
    "a given name written out starting the title": "Roe J. Alan, Doe Eric G. Thing Standards and Goals[M]//Thing Works Association. Thing Quality: A Handbook on Things. 6 版. New York: Thing Press, 2011: 1.1-1.36.",
    "a body's name starting the title": "Roe Libraries Bureau of Thing Development. Roe Department of Thing Office．Thing Library Laws[EB/OL]．[2013-03-24]．http://www.example.org/laws.pdf．",
    "initials with stops before a comma starting the title": "Roe J.A., Doe E.S.C. The Oxford dictionary of things[M]. 2 版. Oxford: Clarendon Press, 1989.",
    "one initial before a comma starting the title": "Roe T., B. Doe. Unpacking Differences in Things: A Modeling Approach[J]. Thing Bulletin & Review.",
    "names with initials in one literal": "Veen P H van der, Muller M, Vincken K L, Graaf Y van der, SMART-MR Study Group. Changes in things[J]. Things, 2015, 46: 1-8.",
    "a book's title before the place": "Roe J H．Names of things[M]．Encyclopedia of Entomology．Dordrecht：Thing Press，2008：3300-3303．",
    "a book's subtitle before the publisher": "Roe C，Doe G W．Calling a thing[M]．Cognitive things: Key readings in cognition．Thing Press，2004：10．",
    "the word before a book as the place": "Roe P．On coastal things［C］．见：2nd International Conference on Things (ICT 2021)．Thing Press，2021：574-579．",
    "a date with two letters as the publisher": "某某网站[EB/OL]. [2016aa-12-18]. http://www.example.org/judging.",
    "a date note as the periodical": "佚名. 某某思想实验[J]. [日期不详]. .",
    "a Chinese volume after Vol.": "皮某某. (2009). 某某日记: Vol. 第 4 册 (p. 155). 某某出版社.",
    "editors and a container in the edition": "Roe S. Gesture and things[M]. Doe L S, Moe U, eds.//Handbook of things, 7 edition. Thing & Sons, 2015: 339-380.",
    "names with their initials' stops starting the title": "Van Roe R., Doe M., Moe S. E., the members of Thing Work Group. What does it take? Lessons[J/OL]. Things, 2013, 29(10): 1122-1128.",
    "a lettered year after an et-al term in full-width marks": "김세훈，others，2003a．도서관 연구［M］．서울：한국연구원：15．",
    "a place and a publisher in a meeting's name": "肖某, 石某某. 某某教育的社会贡献[C]//纪念某某教育100周年研讨会论文集, 北京: 某某大学信息管理系, 2024: 134-147.",
    "a translation's whole reference after the entry": "Modern things dictionary. (1986). Thing Language University Press. [现代某某词典. (1986). 北京: 某某学院出版社.]",
    "a volume of a year after Vol.": "贾某, & 柯某. (2011). 某某服务体系研究. In 中国某某学会 (Ed.), 中国某某学会年会论文集: Vol. 2011 年卷 (pp. 45–52). 某某出版社.",
}


def test_every_author_with_given_names_written_out_is_read_as_names() -> None:
    # a style printing all authors (a hundred names): the names are read, not the title
    names = ", ".join(f"Roe{chr(97 + i // 26)}{chr(97 + i % 26)} Alexander A." for i in range(40))
    text = f"{names}, Vanroe Kevin. The genome of things[J]. Nature, 2014, 510(7505): 356-362."
    assert len(names) > 400
    (ref,) = citelib.parse(text).references
    assert ref.work.title == "The genome of things"
    assert len(ref.work.author) == 41
    assert ref.work.author[0] == Name(family="Roeaa", given="Alexander A.")


#: what other styles print where citelib's print another field: a record that renders back
#: in citelib's styles is no proof when no style is named
OTHER_STYLES_PRINT_SO = {
    "a call number after the title": (
        "某省建设厅. 某省建设厅关于某某规则的布告: LS031-001-0001-001[Z]. 1931.",
        "number",
    ),
    "a number after the title of a work an archive holds": (
        "某省建设厅. 某省建设厅关于某某规则的布告: 12-3[EB]. 武汉: 某省档案馆, 1931.",
        "number",
    ),
    "a court case's number after the title": (
        "某某诉某县人民政府强制拆除房屋案: （1988）某法民上字 7 号[M].",
        "title",
    ),
    "an episode after the title": (
        "Roe K. Things: Season 3, Episode 12[M]//Thing Show. Thing Films, 2017.",
        "title",
    ),
    "an archive's box after the title": (
        "Roe to Doe: Box 1032, Thing Files, Thing Presidential Project (TPP)[A]. 1969.",
        "title",
    ),
    "a number alone after a Chinese periodical in APA": (
        "刘某某. (1998). 中国的某某刊物. 中国出版, 5, 38–39.",
        "volume",
    ),
}


@pytest.mark.parametrize(
    ("text", "field"), OTHER_STYLES_PRINT_SO.values(), ids=OTHER_STYLES_PRINT_SO.keys()
)
def test_what_other_styles_print_so_is_ambiguous_with_no_style_named(text: str, field: str) -> None:
    _ambiguous(text, field)


def test_a_named_style_settles_what_other_styles_print_so() -> None:
    # APA prints an issue alone "(5)": named, a number alone is the volume
    (ref,) = citelib.parse("刘某某. (1998). 中国的某某刊物. 中国出版, 5, 38–39.", "apa").references
    assert ref.verified and ref.work.volume == "5" and ref.work.issue is None


@pytest.mark.parametrize("text", SCHOOL_NO_READING.values(), ids=SCHOOL_NO_READING.keys())
def test_school_styles_text_read_wrong_is_no_reading(text: str) -> None:
    (ref,) = citelib.parse(text).references
    assert not ref.verified, ref.work


# ---------------------------------------------------------------------------- no type code


def test_codeless_numeric_book_read_with_the_type_its_shape_suggests() -> None:
    result = citelib.parse(
        "[3] 徐光宪, 王祥云. 物质结构. 北京: 科学出版社, 2010.", source="refs.txt"
    )
    (ref,) = result.references
    w = ref.work
    assert (w.type, w.title, w.publisher_place, w.publisher) == (
        "book",
        "物质结构",
        "北京",
        "科学出版社",
    )
    assert w.author == (Name(family="徐", given="光宪"), Name(family="王", given="祥云"))
    assert w.issued == Date.of(2010)
    # a style that prints codes never renders it back: not verified, and the guess is said
    assert not ref.verified
    (problem,) = [p for p in result.problems if p.code == "inferred-type"]
    assert (problem.file, problem.line, problem.key) == ("refs.txt", 1, w.id)
    assert "[M]" in problem.message and "entry 1" in problem.message


def test_codeless_author_date_journal_article() -> None:
    w = one("Roe, J. 2020. Frames of things. Journal of Things, 75(4): 860-877.").work
    assert (w.type, w.title, w.container_title) == (
        "article-journal",
        "Frames of things",
        "Journal of Things",
    )
    assert (w.volume, w.issue, w.page, w.issued) == ("75", "4", "860-877", Date.of(2020))


def test_codeless_part_of_a_book_and_a_newspaper_article() -> None:
    refs = citelib.parse(
        "程某某. 长江洪水的成因//许某某, 赵某某. 洪涝灾害与对策. 北京: 科学出版社, 1999: 32-36.\n"
        "陈某某. 2022. 探索微观世界. 人民日报, 2022-11-02(17).\n"
    ).references
    chapter, news = (r.work for r in refs)
    assert (chapter.type, chapter.title, chapter.container_title, chapter.page) == (
        "chapter",
        "长江洪水的成因",
        "洪涝灾害与对策",
        "32-36",
    )
    assert chapter.editor == (Name(family="许", given="某某"), Name(family="赵", given="某某"))
    assert (news.type, news.container_title, news.page) == ("article-newspaper", "人民日报", "17")
    assert news.issued == Date.of(2022, 11, 2)


def test_codeless_names_with_initials_after_the_family() -> None:
    # author-date journal styles of English origin: "Family, I. I.", never GB/T's own form
    w = one("Roe, A. C.、Doe, W. L., 1901. A cyclopedia of things. Philadelphia: Thing Press.").work
    assert w.author == (Name(family="Roe", given="A. C."), Name(family="Doe", given="W. L."))
    assert (w.type, w.title, w.publisher, w.issued) == (
        "book",
        "A cyclopedia of things",
        "Thing Press",
        Date.of(1901),
    )


def test_codeless_long_list_of_names_is_read_promptly() -> None:
    # a hundred "I. Family" names: a pattern that backtracks on every space took minutes
    names = ", ".join(f"{chr(65 + i % 26)}. {chr(65 + i % 26)}. Roe{i}" for i in range(100))
    w = one(f"Doe, A. A., {names}. 2014. The genome of a thing. Nature, 510: 356-362.").work
    assert (w.type, w.title, w.container_title, len(w.author)) == (
        "article-journal",
        "The genome of a thing",
        "Nature",
        101,
    )


def test_codeless_entry_verified_in_a_style_that_prints_no_codes() -> None:
    # 会计研究 (zotero-chinese) prints GB/T 7714 author-date entries without type codes, pages
    # joined by its locale's "~", and a layout for Chinese works that the one here, with no
    # language given, does not take: the language is no part of the proof
    refs = citelib.parse(
        "博某某. 2023. 银行业的未来与人工智能. 徐某, 译. 北京: 清华大学出版社: 35.\n"
        "曹某某, 章某某. 2020. 距离欲的解释框架. 地理学报, 75(4): 860~877.\n",
        "会计研究",
    ).references
    assert [(r.verified, r.style) for r in refs] == [(True, "会计研究"), (True, "会计研究")]
    book, article = (r.work for r in refs)
    assert (book.type, book.translator) == ("book", (Name(family="徐", given="某"),))
    assert (article.type, article.volume, article.issue, article.page) == (
        "article-journal",
        "75",
        "4",
        "860-877",
    )


def test_text_of_no_shape_is_still_no_reading() -> None:
    (ref,) = citelib.parse("这不是一条参考文献. 只是两句话.").references
    assert (ref.work.type, ref.parsed) == ("document", False)


def test_bare_number_labels_of_a_list_numbered_from_one() -> None:
    # GB/T 7714-1987 numbers its list "1 ", "2 ": a number starts an entry only as the next
    entries = split_entries(
        "1 顾某某. 昌平山水记. 北京: 北京古籍出版社,\n1992.\n2 杨某某. 新闻道德论. 北京: 某某出版社, 2010.\n"
    )
    assert [(e.line, e.number, e.label) for e in entries] == [(1, 1, "1"), (3, 2, "2")]
    assert entries[0].text == "顾某某. 昌平山水记. 北京: 北京古籍出版社, 1992."
    # a line that merely starts with a number is no label
    (alone,) = split_entries("2 号文件的说明. 北京: 某某出版社, 2010.")
    assert (alone.label, alone.text) == (None, "2 号文件的说明. 北京: 某某出版社, 2010.")


def test_codeless_patent_and_a_work_of_no_telling_shape() -> None:
    refs = citelib.parse(
        "邓某某. 2008. 全智能节电器: CN200610171314.3. 2008-01-16.\n"
        "北京市某某办公厅. 2005. 关于某某办法的通知: 京政办发［2005］37 号.\n"
    ).references
    patent, notice = (r.work for r in refs)
    assert (patent.type, patent.title, patent.number) == (
        "patent",
        "全智能节电器",
        "CN200610171314.3",
    )
    # creators and a year, then a title and nothing that tells the kind: GB/T's Z
    assert (notice.type, notice.title, notice.issued) == (
        "document",
        "关于某某办法的通知",
        Date.of(2005),
    )
    assert notice.author == (Name(literal="北京市某某办公厅"),)


def test_codeless_standard_and_online_work_with_glued_dates() -> None:
    refs = citelib.parse(
        "全国某某标准化技术委员会. 2010. 文献著录：第 4 部分 非书资料: GB/T 3792.4—2009."
        " 北京: 中国标准出版社: 3.\n"
        "李某. 2012. 化解某某矛盾需釜底抽薪(2012-05-03)[2013-03-25].\n"
    ).references
    standard, online = (r.work for r in refs)
    assert (standard.type, standard.title, standard.number) == (
        "standard",
        "文献著录：第 4 部分 非书资料",
        "GB/T 3792.4—2009",
    )
    # the dates, updated and cited, printed against the title with no stop
    assert (online.type, online.title, online.accessed) == (
        "webpage",
        "化解某某矛盾需釜底抽薪",
        Date.of(2013, 3, 25),
    )


def test_codeless_pages_after_the_year_and_creators_ending_in_an_initial() -> None:
    refs = citelib.parse(
        "1 北京市某某委员会. 历代王朝与民族宗教. 北京: 民族出版社, 2012. 112\n"
        "2 Roe J. Developing early things: past and future. Thing University Press, 2011. 105\n"
        "3 Roe J. K. Frames of things. Journal of Things, 2004, 30: 171-180.\n"
    ).references
    book, other, article = (r.work for r in refs)
    # GB/T 7714-1987 prints pages after the year
    assert (book.type, book.publisher, book.issued, book.page) == (
        "book",
        "民族出版社",
        Date.of(2012),
        "112",
    )
    assert (other.type, other.publisher, other.page) == ("book", "Thing University Press", "105")
    assert other.author == (Name(family="Roe", given="J."),)
    assert (article.type, article.title, article.container_title, article.volume) == (
        "article-journal",
        "Frames of things",
        "Journal of Things",
        "30",
    )
    assert article.author == (Name(family="Roe", given="J. K."),)


def test_codeless_thesis_by_its_grantor_and_a_title_of_one_word() -> None:
    refs = citelib.parse(
        "迟某. 2008. 俄罗斯远东地区资源开发研究. 长春: 吉林大学.\n"
        "Roe J. Things. Oxford: Oxford University Press, 2010.\n"
    ).references
    thesis, book = (r.work for r in refs)
    # a university that is no press, after a place: a thesis's grantor
    assert (thesis.type, thesis.publisher, thesis.publisher_place) == ("thesis", "吉林大学", "长春")
    # "Things" could end a list of names, but then no title would be left
    assert (book.type, book.title, book.publisher) == ("book", "Things", "Oxford University Press")
    assert book.author == (Name(family="Roe", given="J."),)


def _verified_in(style: str, *entries: str) -> list[Work]:
    """The records of *entries*, each of which must render back in *style*."""
    refs = citelib.parse("\n".join(entries), style).references
    assert [r.verified for r in refs] == [True] * len(entries), [r.difference for r in refs]
    return [r.work for r in refs]


def test_codeless_newspaper_by_its_name_and_a_thesis_with_pages() -> None:
    daily, youth, journal, thesis = _verified_in(
        "会计研究",
        "陈某某. 2022. 探索微观世界的奥秘. 人民日报, 17[2015-02-28].",
        "丁某某. 2000. 数字革命与竞争国际化. 中国青年报, : 15.",
        "常某. 2013. 某某学说. 北京大学学报（哲学社会科学版）, 50(1): 75.",
        "金某某. 2020. 社交媒体时代的虚假信息研究. 温州: 温州大学: 16[2025-12-02].",
    )
    # a newspaper (日报, 青年报; a journal's 学报 is none) and its page (版次)
    assert (daily.type, daily.container_title, daily.page) == (
        "article-newspaper",
        "人民日报",
        "17",
    )
    assert (youth.type, youth.container_title, youth.page) == (
        "article-newspaper",
        "中国青年报",
        "15",
    )
    assert (journal.type, journal.volume, journal.issue) == ("article-journal", "50", "1")
    # a university that is no press grants a degree, pages and a cited date after it or not
    assert (thesis.type, thesis.publisher, thesis.page) == ("thesis", "温州大学", "16")


def test_codeless_editors_and_translators_after_the_title() -> None:
    chapter, paper, book, translated = _verified_in(
        "会计研究",
        "白某某. 1998. 植物开花研究. 李某某, ed.//植物科学进展. 北京: 高等教育出版社: 146~163.",
        "贾某某, 柯某. 2011. 某某服务体系研究. 中国某某学会, 编//中国某某学会年会论文集. 北京: 某某出版社: 45~52.",
        "费某某. 2013. 乡土中国. 刘某某, ed.. 修订本 edition. 上海: 上海人民出版社.",
        "韩某某. 2004. 苏北人在上海（1850–1980）. 卢某某, trans.. 上海: 上海古籍出版社.",
    )
    # the book's editors before "//", as this style prints them: a part of a book
    assert (chapter.type, chapter.editor, chapter.container_title) == (
        "chapter",
        (Name(family="李", given="某某"),),
        "植物科学进展",
    )
    assert (paper.type, paper.editor) == ("paper-conference", (Name(literal="中国某某学会"),))
    # "names, ed." after a title: the book's editors, not its translators
    assert (book.type, book.editor, book.translator, book.edition) == (
        "book",
        (Name(family="刘", given="某某"),),
        (),
        "修订本",
    )
    # years in brackets in a title are no APA date
    assert (translated.type, translated.translator) == ("book", (Name(family="卢", given="某某"),))


def test_codeless_heads_with_no_date_others_and_initialled_names() -> None:
    refs = citelib.parse(
        "张某, 李某. [日期不详]. 中国心理学的过去与未来. 北京: 某某出版社.\n"
        "蒋某某, 郭某某, 马某, others. 1998. 中国森林群落分类. 北京: 科学出版社.\n"
        "Roe, D., S. Doe, J. A. Moe. 2019. Democracy Does Cause Things. Journal of Things, 127(1): 47~100.\n"
        "Anonymous. 1982. Oxford Thing Dictionary. Glare, P. G. W., ed.. Oxford: Clarendon Press.\n"
    ).references
    undated, others, article, edited = (r.work for r in refs)
    assert (undated.type, undated.issued, len(undated.author)) == ("book", None, 2)
    assert len(others.author) == 3  # "others": the locale's et al.
    assert article.author[-1] == Name(family="Moe", given="J. A.")  # the head's stop is no part
    assert edited.editor == (Name(family="Glare", given="P. G. W."),)


def test_codeless_issue_glued_to_a_periodical_a_lone_publisher_an_archive_and_a_map() -> None:
    journal, daily, book, held, atlas, paper = _verified_in(
        "岩石学报",
        "崔某某. 2006. 知识产权法官造法批判. 中国法学(1): 144-164.",
        "刘某某, 杨某. 2013. 雾霾来袭的对策. 人民日报, 2013-01-12.",
        "高某某, 程某某. 2013. 英美法原论. 北京大学出版社.",
        "李某某. 1887. 奏请某某接济事: 04-01-35-0399-039. 北京: 中国第一历史档案馆.",
        "刘某某. 2016. 沈阳市政区图. 武汉: 武汉大学出版社.",
        "李某, 王某. 2022. 某某干预效果研究//某某学会第31次全国学术年会. 2.",
    )
    assert (journal.type, journal.container_title, journal.issue) == (
        "article-journal",
        "中国法学",
        "1",
    )
    assert (daily.type, daily.container_title, daily.issued) == (
        "article-newspaper",
        "人民日报",
        Date.of(2013, 1, 12),
    )
    assert (book.type, book.publisher) == ("book", "北京大学出版社")
    # an archive after the place: a document it holds, with its call number
    assert (held.type, held.archive, held.archive_location) == (
        "collection",
        "中国第一历史档案馆",
        "04-01-35-0399-039",
    )
    assert atlas.type == "map"
    assert paper.type == "paper-conference"


def test_codeless_numeric_shapes_of_english_books_reports_patents_and_untitled_bodies() -> None:
    refs = citelib.parse(
        "Roe B E. Library Services. Littleton, Colo.: Libraries Unlimited, Inc., 1982.\n"
        "Roe P. Early Childhood Services. Open University Press, 2011: 105.\n"
        "Roe R, Doe S, et al. Electronic Watermarking Method: US6915001. 2005-07-05.\n"
        "中国某某中心. 第 29 次中国某某发展状况统计报告. 2012.\n"
        "某某委员会成立仪式与某某规划团. 图书馆文化, 2007, 48(7): 11-12.\n"
    ).references
    place, alone, patent, report, article = (r.work for r in refs)
    # a state's abbreviation after the place; a press by its word before ", year: pages"
    assert (place.type, place.publisher_place, place.publisher) == (
        "book",
        "Littleton, Colo.",
        "Libraries Unlimited, Inc.",
    )
    assert (alone.type, alone.publisher, alone.page) == ("book", "Open University Press", "105")
    assert (patent.type, patent.number) == ("patent", "US6915001")
    # a title and a year alone: a report by its word (the year is no author-date head's)
    assert (report.type, report.author, report.issued) == (
        "report",
        (Name(literal="中国某某中心"),),
        Date.of(2012),
    )
    # a title read as names leaves nothing after it; read with no creators, a journal's shape
    assert (article.type, article.author, article.container_title, article.volume) == (
        "article-journal",
        (),
        "图书馆文化",
        "48",
    )


def test_codeless_1987_host_after_in_and_page_ranges_after_the_year() -> None:
    refs = citelib.parse(
        "1 程某某. 1998 年长江洪水的成因. 见: 许某某, 赵某某编. 长江流域灾害与对策. 北京: 科学出版社, 1999. 32～36\n"
        "2 哈某某, 沃某某. 经济数学与金融数学. 谢某某译. 北京: 中国人民大学出版社, 2012. 235～236\n"
    ).references
    chapter, book = (r.work for r in refs)
    # GB/T 7714-1987's "见:" before a host is later editions' "//"
    assert (chapter.type, chapter.container_title, chapter.page) == (
        "chapter",
        "长江流域灾害与对策",
        "32-36",
    )
    assert chapter.editor == (Name(family="许", given="某某"), Name(family="赵", given="某某"))
    assert (book.type, book.publisher, book.issued, book.page) == (
        "book",
        "中国人民大学出版社",
        Date.of(2012),
        "235-236",
    )


def test_codeless_issue_alone_after_a_chinese_periodical_and_an_edition_after_a_host() -> None:
    article, chapter = _verified_in(
        "会计研究",
        "崔某某. 2006. 知识产权法官造法批判. 中国法学, 1: 144~164[2024-11-06].",
        "邓某某. 1994. 精简机构是一场革命//某某文选. 2 版. 人民出版社.",
    )
    # a small number alone after a Chinese periodical: its issue (期), as this style prints it
    assert (article.volume, article.issue) == (None, "1")
    # an edition after the host's first element: that element is the book, not its editors
    assert (chapter.container_title, chapter.edition, chapter.editor) == ("某某文选", "2", ())
    # a larger number stays a volume
    (ref,) = citelib.parse(
        "张某, 李某. 2008. 中国心理学的过去与未来. 心理学报, 40: 210-215."
    ).references
    assert (ref.work.volume, ref.work.issue) == ("40", None)


# ---------------------------------------------------------------------------- bilingual entries


def test_chinese_entry_followed_by_its_english_translation() -> None:
    """A journal's bilingual entry: the Chinese half read as the record, the English half into
    its original-* variables, each half rendered back (the note says the language)."""
    ref = one(
        "[1] 王五. 农业工程概论[M]. 北京: 中国农业出版社, 2019. Wang W. Introduction to"
        " agricultural engineering[M]. Beijing: China Agriculture Press, 2019."
        " (in Chinese with English abstract)"
    )
    w = ref.work
    assert (w.title, w.publisher_place, w.publisher, w.issued) == (
        "农业工程概论",
        "北京",
        "中国农业出版社",
        Date.of(2019),
    )
    assert w.author == (Name(family="王", given="五"),)
    assert (w.original_title, w.original_publisher_place, w.original_publisher) == (
        "Introduction to agricultural engineering",
        "Beijing",
        "China Agriculture Press",
    )
    assert w.original_author == (Name(family="Wang", given="W."),)
    assert ref.verified, ref.difference


def test_translation_after_a_semicolon_keeps_the_periodical_in_extra() -> None:
    ref = one(
        "[2] 张三, 李四. 农业机械化对粮食产量的影响[J]. 农业工程学报, 2020, 36(1): 1-10;"
        " Zhang S, Li S. Effects of agricultural mechanization on grain yield[J]."
        " Transactions of the CSAE, 2020, 36(1): 1-10 (in Chinese)"
    )
    w = ref.work
    assert (w.type, w.container_title, w.volume, w.issue, w.page) == (
        "article-journal",
        "农业工程学报",
        "36",
        "1",
        "1-10",
    )
    assert w.original_title == "Effects of agricultural mechanization on grain yield"
    assert ("original-container-title", "Transactions of the CSAE") in w.extra
    assert ref.verified, ref.difference


def test_translation_that_does_not_render_back_is_not_verified() -> None:
    """What citeproc-js prints for a bilingual style when no English is given: the Chinese
    half is read, but the entry is not verified, with the reason."""
    result = citelib.parse(
        "[1] 陈登原. 国史旧闻: 卷 1[M]. 北京: 中华书局, 2000: 29; [M]. 2000: 29 (in Chinese)"
    )
    (ref,) = result.references
    assert (ref.work.title, ref.work.publisher, ref.work.page) == ("国史旧闻", "中华书局", "29")
    assert not ref.verified
    assert any(
        p.code == "unverified-reference" and "English translation" in p.message
        for p in result.problems
    )


def test_english_entry_noting_its_language() -> None:
    ref = one(
        "[3] Zhang S, Li S. Effects of agricultural mechanization on grain yield[J]."
        " Transactions of the CSAE, 2020, 36(1): 1-10 (in Chinese)"
    )
    assert (ref.work.container_title, ref.work.page, ref.work.note) == (
        "Transactions of the CSAE",
        "1-10",
        "in Chinese",
    )
    assert ref.verified, ref.difference


def test_translation_in_parentheses() -> None:
    ref = one(
        "邱均平. 2000. 信息计量学: 第六讲. 情报理论与实践, 23(6): 475-478. (Qiu J P. 2000."
        " Informetrics: lecture six. Information Studies, 23(6): 475-478.［in Chinese］)"
    )
    assert (ref.work.title, ref.work.container_title, ref.work.page) == (
        "信息计量学: 第六讲",
        "情报理论与实践",
        "475-478",
    )
    assert ref.work.original_author == (Name(family="Qiu", given="J. P."),)


# ---------------------------------------------------------------------------- placeholders


@pytest.mark.parametrize(
    ("text", "place", "publisher"),
    [
        (
            "[1] WANG S. Intelligent auditing[C]//2022 Asian Conference on AI. [S.l.]: [s.n.], 2022: 2.",
            None,
            None,
        ),
        (
            "[2] LAPLACE P S. A philosophical essay on probabilities[M]. [S.l.]: Dover, 1951.",
            None,
            "Dover",
        ),
        ("[3] 张三. 某书[M]. [出版地不详]: [出版者不详], 2001.", None, None),
        ("[4] 张三. 某书[M]. 北京: [出版者不详], 2001.", "北京", None),
    ],
)
def test_placeholders_are_no_values(text: str, place: str | None, publisher: str | None) -> None:
    """GB/T 7714's placeholders say the place or publisher is unknown: the record holds
    none, and the entry is verified by rendering it with placeholders."""
    ref = one(text)
    assert (ref.work.publisher_place, ref.work.publisher) == (place, publisher)
    assert ref.verified, ref.difference


def test_patent_country_and_number_are_not_the_title() -> None:
    """A style printing a patent's country and number before the type code: a title
    holding them renders back, but is no reading of the entry."""
    ref = one("[1] 邓一刚. 全智能节电器. 中国, 200610171314.3[P]. 2006-12-13.")
    assert not ref.verified


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    gbt_works().filter(lambda w: w.language == "zh-CN"),
    gbt_works().filter(lambda w: w.language == "en-US"),
    st.sampled_from([" ", "; "]),
    st.sampled_from([" (in Chinese)", ". (in Chinese with English abstract)", "［in Chinese］"]),
)
def test_bilingual_entries_split_into_their_halves(
    chinese: Work, english: Work, separator: str, note: str
) -> None:
    """Any Chinese entry followed by any English one and a language note reads as the
    Chinese record with the English title and creators as its original-* variables."""
    style = "gbt7714-2025-numeric"
    own, translation = (
        entry.text.removeprefix(entry.label or "").strip()
        for work in (chinese, english)
        for entry in citelib.format_bibliography([work], style=style).entries
    )
    ref = one(own + separator + translation + note)
    assert ref.verified, (own, translation, ref.difference)
    assert (ref.work.title, ref.work.original_title) == (chinese.title, english.title)
    assert _shown_names(ref.work.author) == _shown_names(chinese.author)
    assert _shown_names(ref.work.original_author) == _shown_names(english.author)


def test_part_of_a_book_printed_without_double_slash() -> None:
    """A style that prints a chapter's book after a full stop (``[M]. Book. Place``): with
    pages, the element between the code and the place is the book; the entry does not
    render back in GB/T 7714, which prints ``//``."""
    ref = one(
        "[1] 马克思．政治经济学批判[M]．马克思恩格斯全集：第 35 卷．北京：人民出版社，2013：302．"
    )
    w = ref.work
    assert (w.type, w.title, w.container_title, w.volume, w.page) == (
        "chapter",
        "政治经济学批判",
        "马克思恩格斯全集",
        "35",
        "302",
    )
    assert not ref.verified


def test_an_edition_or_editors_before_the_place_is_no_book() -> None:
    ref = one("[1] Praetzellis A. Death by Theory[M]. Rev. ed. 版. Rowman & Littlefield, 2011: 13.")
    assert (ref.work.type, ref.work.container_title) == ("book", None)
