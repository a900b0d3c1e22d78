"""Pasted catalogue pages: the five seed pages come out equal to seeds/, other text is refused.

The seed pages (../shared/seeds) are catalogue pages saved from the web, without a licence to
redistribute them: the tests that need those very pages skip without ../shared.  The others
read two hand-made pages of the same two layouts (tests/data/page, invented values).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, NO_LICENCE, ROOT, SHARED, examples, shared_path
from hypothesis import given, settings
from hypothesis import strategies as st
from test_seeds import IDS, check_seed_works

from citelib.cli import cli
from citelib.errors import CitelibError, ParseError
from citelib.formats.page import (
    NEITHER_LAYOUT,
    TITLE_STOP_WORDS,
    catalogue_title_case,
    english_title,
    english_title_spacing,
    full_width_punctuation,
    import_page,
    is_capitalised_every_word,
    page_layout,
    read,
    sniff,
    split_english_keywords,
)
from citelib.io import import_pages
from citelib.model import Date, Name


def seed_pages() -> list[Path]:
    return sorted(shared_path("seeds", why=NO_LICENCE).glob("*.txt"))


#: Hand-made pages of the two layouts: an English thesis abstract and a Chinese journal article.
THESIS = DATA / "page" / "thesis.txt"
JOURNAL = DATA / "page" / "journal.txt"
PAGES = [THESIS, JOURNAL]


# ---------------------------------------------------------------------------
# The seed pages


def test_the_five_pages_import_to_the_seed_records() -> None:
    lib = import_pages(seed_pages())
    assert lib.problems == ()
    check_seed_works(list(lib.works))


def test_each_page_alone_gets_its_key() -> None:
    keys = [import_page(p.read_text(encoding="utf-8"), source=p.name).id for p in seed_pages()]
    assert keys == IDS


def test_importer_output_equals_the_hand_made_json_seed() -> None:
    from citelib.io import read as read_file

    assert import_pages(seed_pages()).works == read_file(ROOT / "seeds" / "governance.json").works


def test_abstracts_are_the_page_text_in_full() -> None:
    pages = seed_pages()
    seeds = json.loads((ROOT / "seeds" / "governance.json").read_text(encoding="utf-8"))
    for page, item in zip(pages, seeds, strict=True):
        work = import_page(page.read_text(encoding="utf-8"), source=str(page))
        assert work.abstract == item["abstract"]
        assert work.abstract in page.read_text(encoding="utf-8")
    sun = import_page(pages[2].read_text(encoding="utf-8"))
    assert sun.extra_dict["translated-abstract"] == seeds[2]["custom"]["translated-abstract"]


# ---------------------------------------------------------------------------
# Other text is refused, by name, without a half-filled record

NOT_PAGES = [
    "",
    "hello world\n",
    "@article{a, title={T}, author={B}, year=2020}\n",
    '[{"id": "a", "type": "book"}]\n',
    "TY  - JOUR\nTI  - A title\nAU  - Smith, J.\nER  - \n",
    "Posted on:2020-08-25\nThis page has no abstract section.\n",
    "作者 孙柏瑛\n没有出处的页面\n",
]


@pytest.mark.parametrize("text", NOT_PAGES)
def test_text_of_another_layout_is_a_parse_error_naming_the_file(text: str) -> None:
    assert page_layout(text) is None
    assert not sniff(text)
    with pytest.raises(ParseError) as info:
        import_page(text, source="notes.txt")
    assert info.value.file == "notes.txt"
    assert str(info.value) == f"notes.txt: error: {NEITHER_LAYOUT}"


def test_a_page_of_the_layout_missing_its_date_or_title_is_refused(tmp_path: Path) -> None:
    page = THESIS.read_text(encoding="utf-8")
    bad_date = page.replace("Posted on:2023-06-12", "Posted on:sometime")
    with pytest.raises(ParseError, match="'Posted on:' is not a date") as info:
        import_page(bad_date, source="p.txt")
    assert (info.value.file, info.value.line) == ("p.txt", 5)
    no_title = page.replace(page.splitlines()[2], "")
    with pytest.raises(ParseError, match="without a title"):
        import_page(no_title, source="p.txt")
    journal = JOURNAL.read_text(encoding="utf-8")
    with pytest.raises(ParseError, match="cannot read the journal and year"):
        import_page(journal.replace("《农村治理评论》 2022年", "农村治理评论 某年"), source="j.txt")


def test_import_pages_lists_every_bad_file_and_returns_nothing(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("not a page", encoding="utf-8")
    b.write_text("nor this", encoding="utf-8")
    with pytest.raises(ParseError) as info:
        import_pages([THESIS, a, b])
    assert [p.file for p in info.value.problems] == [str(a), str(b)]


def test_read_as_a_format_module() -> None:
    lenient = read("nothing here", source="x.txt")
    assert lenient.works == ()
    assert [(p.file, p.message) for p in lenient.problems] == [("x.txt", NEITHER_LAYOUT)]
    with pytest.raises(ParseError):
        read("nothing here", source="x.txt", strict=True)
    assert [w.id for w in read(JOURNAL.read_text(encoding="utf-8"), source="j.txt")] == ["zhao2022"]


def _fuzzed_pages() -> list[str]:
    """The hand-made pages, and the real seed pages where ../shared has them."""
    seeds = SHARED / "seeds"
    return [p.read_text(encoding="utf-8") for p in PAGES + sorted(seeds.glob("*.txt"))]


# a line-level fuzz of the pages: any subset of lines is a record or a ParseError
@settings(max_examples=examples(60))
@given(data=st.data())
def test_damaged_pages_give_a_record_or_a_parse_error(data: st.DataObject) -> None:
    pages = _fuzzed_pages()
    lines = data.draw(st.sampled_from(pages)).splitlines()
    keep = data.draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    text = "\n".join(line for line, k in zip(lines, keep, strict=True) if k)
    try:
        work = import_page(text, source="damaged.txt")
    except ParseError as e:
        assert e.file == "damaged.txt"
    else:
        assert work.title and work.author and work.issued is not None


_FRAGMENTS = [
    "Posted on:",
    "2020-08-25",
    "Degree:Doctor",
    "Type:",
    "Candidate:",
    "GTID:",
    "Subject:",
    "Abstract/Summary:",
    "Keywords/Search Tags:",
    "PDF Full Text Request",
    "作者 ",
    "出处 ",
    "《",
    "》",
    " 2018年",
    "第1卷",
    "第1期",
    "2-16",
    ",共15页",
    "摘要 ",
    "关键词 ",
    "基金 ",
    " 被引量:",
    "参考文献",
    "“",
    "”",
    ":",
    " ",
    "\n",
]
_PAGE_LIKE = st.lists(
    st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=12)), max_size=40
).map("".join)


@settings(max_examples=examples(300))
@given(st.one_of(st.text(max_size=400), _PAGE_LIKE))
def test_arbitrary_text_raises_nothing_but_citelib_errors(text: str) -> None:
    try:
        work = import_page(text, source="x.txt")
    except CitelibError as e:
        assert isinstance(e, ParseError) and e.file == "x.txt"
    else:
        assert work.id and work.title and work.author and work.issued is not None


# ---------------------------------------------------------------------------
# The pieces


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("突破“碎片化”:构建“回应性”框架", "突破“碎片化”：构建“回应性”框架"),
        ("问题研究:以北京为例", "问题研究：以北京为例"),
        ("谁来治理?基层的困境", "谁来治理？基层的困境"),
        ("城市,乡村与国家", "城市，乡村与国家"),
        ("GIS: 方法", "GIS: 方法"),  # not between Chinese characters
        ("研究: A case", "研究: A case"),
        ("Time:A Study", "Time:A Study"),
        ("基于“平安365”:的分析", "基于“平安365”:的分析"),  # a digit before the quote
    ],
)
def test_full_width_punctuation(title: str, expected: str) -> None:
    assert full_width_punctuation(title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # the seed pages' titles
        ("Manufacturing Typical Experience:Research On Innovation Behavior Of Urban Local Government In Social Governance",
         "Manufacturing Typical Experience: Research on Innovation Behavior of Urban Local Government in Social Governance"),
        ("Research On The Practical Dilemma Of Community Governance Platform",
         "Research on the Practical Dilemma of Community Governance Platform"),
        ("Research On Vertical Blame Avoidance Behavior Of Local Government Under The Perspective Of Technological Governance",
         "Research on Vertical Blame Avoidance Behavior of Local Government Under the Perspective of Technological Governance"),
        # first and last words, subtitles after : ? ! and dashes keep their capital
        ("The Way Up", "The Way Up"),
        ("A Study Of Time: An Essay On The Past", "A Study of Time: An Essay on the Past"),
        ("Who Governs? A Study Of Power", "Who Governs? A Study of Power"),
        ("Cities — The Case Of Beijing", "Cities — The Case of Beijing"),
        ("Cities—A Study", "Cities—A Study"),
        # hyphenated compounds: the first element keeps its capital, later stop words do not
        ("Up-To-Date Methods For Cities", "Up-to-Date Methods for Cities"),
        ("A Bottom-Up Approach To Reform", "A Bottom-up Approach to Reform"),
        # acronyms and inner capitals stay; so do words that only begin like a stop word
        ("Use Of GIS In McDonald Studies", "Use of GIS in McDonald Studies"),
        ("ON And OF Are Acronyms Here", "ON and OF Are Acronyms Here"),
        ("Inside Onto Into Over Andes Theory", "Inside onto into over Andes Theory"),
        ("Smith Vs. Jones And The Law", "Smith vs. Jones and the Law"),
        ("Children's Play As Learning", "Children's Play as Learning"),
        ("Governance 2.0 In “Safe 365” Cities", "Governance 2.0 in “Safe 365” Cities"),
        # not in the catalogue's form: left alone
        ("Research on the practical dilemma", "Research on the practical dilemma"),
        ("Research on the Practical Dilemma of Community Governance", "Research on the Practical Dilemma of Community Governance"),
        ("GIS IN CITIES OF CHINA", "GIS IN CITIES OF CHINA"),
        ("Use Of iPhone Apps", "Use Of iPhone Apps"),
        ("", ""),
        ("2020", "2020"),
    ],
)  # fmt: skip
def test_catalogue_title_case(title: str, expected: str) -> None:
    assert english_title(title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Experience:Research", "Experience: Research"),
        ("Government:A Case Study", "Government: A Case Study"),
        ("Web 2.0:The Next Step", "Web 2.0: The Next Step"),
        ("Cities;Towns", "Cities; Towns"),
        (
            "“Safe 365”in Shangcheng District,Hangzhou",
            "“Safe 365” in Shangcheng District, Hangzhou",
        ),
        ("of“Safe 365”", "of “Safe 365”"),
        ("“Safe”:A Case", "“Safe”: A Case"),
        # already spaced, numbers, times, URLs and Chinese text: unchanged
        ("Experience: Research", "Experience: Research"),
        ("1,000 Cities at 10:30", "1,000 Cities at 10:30"),
        ("See https://example.org", "See https://example.org"),
        ("研究:以北京为例", "研究:以北京为例"),
        ("“碎片化”治理", "“碎片化”治理"),
    ],
)
def test_english_title_spacing(title: str, expected: str) -> None:
    assert english_title_spacing(title) == expected


def test_capitalised_every_word() -> None:
    assert is_capitalised_every_word("Research On The Dilemma")
    assert is_capitalised_every_word("“Safe 365” Of 2020")  # no-letter words do not count
    assert not is_capitalised_every_word("Research on the Dilemma")
    assert not is_capitalised_every_word("RESEARCH ON THE DILEMMA")
    assert not is_capitalised_every_word("2020 1999")
    assert not is_capitalised_every_word("城市治理")
    assert {"a", "the", "of", "in", "on", "from", "with", "over", "per", "vs"} <= TITLE_STOP_WORDS
    assert not {"under", "through", "among", "is", "it"} & TITLE_STOP_WORDS


_TITLE_WORDS = st.sampled_from(
    sorted(TITLE_STOP_WORDS)
    + ["governance", "city", "GIS", "McDonald", "up-to-date", "2.0", "“safe", "365”", "iPhone"]
)


@settings(max_examples=examples(200))
@given(st.lists(st.tuples(_TITLE_WORDS, st.booleans(), st.sampled_from([" ", " ", ": ", "-"]))))
def test_catalogue_title_case_changes_only_the_case_of_stop_words(
    words: list[tuple[str, bool, str]],
) -> None:
    title = "".join((w[:1].upper() + w[1:] if cap else w) + sep for w, cap, sep in words).strip()
    cased = catalogue_title_case(title)
    assert cased.lower() == title.lower()
    assert catalogue_title_case(cased) == cased
    assert english_title(english_title(title)) == english_title(title)
    runs = zip(re.findall(r"[^\W\d_]+", title), re.findall(r"[^\W\d_]+", cased), strict=True)
    for i, (before, after) in enumerate(runs):
        if before != after:  # a capitalised stop word made lower case, never the first
            assert i > 0 and before.casefold() in TITLE_STOP_WORDS
            assert before[:1].isupper() and after == before.lower()
    if not is_capitalised_every_word(title):
        assert cased == title


def test_english_keywords_follow_the_chinese_ones() -> None:
    chinese = [
        "城市政府",
        "城市政府治理",
        "协同治理",
        "精细化治理",
        "基层社会治理",
        "“平安365”",
        "行政绩效",
    ]
    english = (
        "urban government urban governance collaborative governance delicacy management"
        ' community-level social governance "safe 365" administrative performance'
    )
    assert split_english_keywords(english, chinese) == [
        "urban government",
        "urban governance",
        "collaborative governance",
        "delicacy management",
        "community-level social governance",
        '"safe 365"',
        "administrative performance",
    ]
    # as many words as keywords: one each; fewer: kept whole
    assert split_english_keywords("governance trust", ["治理", "信任"]) == ["governance", "trust"]
    assert split_english_keywords("governance", ["治理", "信任"]) == ["governance"]
    assert split_english_keywords("", ["治理"]) == []


def test_english_keywords_do_not_end_on_an_adjective_or_a_function_word() -> None:
    chinese = ["社会治理", "政府责任", "基层治理"]
    assert split_english_keywords(
        "social governance government responsibility grassroots governance", chinese
    ) == ["social governance", "government responsibility", "grassroots governance"]
    assert split_english_keywords(
        "rule of law digital government public participation", ["法治", "数字政府", "公众参与"]
    ) == ["rule of law", "digital government", "public participation"]


JOURNAL_PAGE = """期刊文献+

基层治理中的数字技术:以某市为例 被引量:3

Digital Technology in Grassroots Governance
摘要 本文研究数字技术。 This paper studies digital technology.
作者 李明[1] 欧阳修远[2]
机构 [1]某大学公共管理学院 [2]某研究院
出处 《公共管理学报》 2021年第18卷第3期45-58,共14页 Journal of Public Management
基金 国家自然科学基金(72004001)
关键词 数字技术 基层治理 digital technology grassroots governance
分类号 D63
DOI 10.16149/j.cnki.23-1523.2021.03.004
参考文献12
"""


def test_a_journal_page_with_volume_several_authors_and_more_labels() -> None:
    w = import_page(JOURNAL_PAGE, source="j.txt")
    assert w.id == "li2021"
    assert w.type == "article-journal"
    assert w.title == "基层治理中的数字技术：以某市为例"
    assert w.original_title is None  # a parallel title, not the original of a translation
    assert w.author == (Name(family="李", given="明"), Name(family="欧阳", given="修远"))
    assert w.container_title == "公共管理学报"
    assert (w.issued, w.volume, w.issue, w.page, w.number_of_pages) == (
        Date.of(2021),
        "18",
        "3",
        "45-58",
        "14",
    )
    assert w.abstract == "本文研究数字技术。"
    assert w.keyword == "数字技术, 基层治理, digital technology, grassroots governance"
    assert w.doi == "10.16149/j.cnki.23-1523.2021.03.004"
    assert w.language == "zh-CN"
    assert w.extra == (
        ("times-cited", "3"),
        ("translated-title", "Digital Technology in Grassroots Governance"),
        ("translated-abstract", "This paper studies digital technology."),
        ("affiliation", "[1]某大学公共管理学院 [2]某研究院"),
        ("translated-container-title", "Journal of Public Management"),
        ("fund", "国家自然科学基金(72004001)"),
        ("clc", "D63"),
        ("references-count", "12"),
    )


def test_a_sparse_journal_page_leaves_out_what_it_does_not_say() -> None:
    w = import_page("李明\n作者 李明\n出处 《学刊》 2019年\n关键词 治理\n")
    assert w.title == "李明"
    assert (w.issue, w.page, w.original_title, w.abstract) == (None, None, None, None)
    assert w.extra == ()
    assert w.keyword == "治理"


def test_thesis_candidates_and_degrees() -> None:
    page = THESIS.read_text(encoding="utf-8")
    w = import_page(page.replace("Candidate:H M Zhao", "Candidate:X-Y Li"))
    assert w.author == (Name(family="Li", given="X.-Y."),)
    assert w.id == "li2023"
    w = import_page(page.replace("Candidate:H M Zhao", "Candidate:Qiang Wang"))
    assert w.author == (Name(family="Wang", given="Qiang"),)
    w = import_page(page.replace("Degree:Master", "Degree:Doctor"))
    assert w.genre == "Doctoral dissertation"
    w = import_page(page.replace("Degree:Master", "Degree:Engineer"))
    assert w.genre == "Engineer thesis"


# ---------------------------------------------------------------------------
# The command


def test_cli_import_page_writes_csl_json(tmp_path: Path) -> None:
    from citelib.io import read_text

    pages = [str(p) for p in PAGES]
    result = CliRunner().invoke(cli, ["import-page", *pages])
    assert result.exit_code == 0, result.output
    assert read_text(result.stdout, "csljson").works == import_pages(pages).works
    out = tmp_path / "seeds.json"
    result = CliRunner().invoke(cli, ["import-page", *pages, "-o", str(out)])
    assert result.exit_code == 0
    assert read_text(out.read_text(encoding="utf-8"), "csljson").works == import_pages(pages).works


def test_cli_import_page_refuses_another_layout_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "refs.bib"
    bad.write_text("@book{a, title={T}}\n", encoding="utf-8")
    out = tmp_path / "out.json"
    result = CliRunner().invoke(cli, ["import-page", str(THESIS), str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert f"{bad}: error: {NEITHER_LAYOUT}" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()
    assert result.stdout == ""


def test_cli_import_page_unknown_format() -> None:
    result = CliRunner().invoke(cli, ["import-page", str(THESIS), "--to", "nope"])
    assert result.exit_code == 1
    assert "unknown format 'nope'" in result.stderr


def test_cli_import_page_to_bibtex(tmp_path: Path) -> None:
    from citelib.io import read_text

    pages = [str(p) for p in PAGES]
    out = tmp_path / "pages.bib"
    result = CliRunner().invoke(cli, ["import-page", *pages, "--to", "bibtex", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert read_text(text, "bibtex").works == import_pages(pages).works


def test_cli_import_page_to_zotero_json_reports_what_changes() -> None:
    result = CliRunner().invoke(cli, ["import-page", str(JOURNAL), "--to", "zotero-json"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert [i["id"] for i in items] == ["zhao2022"]
    assert "custom" not in items[0]
    assert result.stderr.splitlines() == [
        "<input>: warning: no Zotero field for keyword, number-of-pages in a"
        " journalArticle item; written as Extra lines (entry 'zhao2022')",
        "<input>: warning: keywords of 1 work written as Extra 'keyword:' lines: Zotero's"
        " CSL JSON import makes no tags; for Zotero tags write RIS (--to ris: one KW line"
        " per keyword) or BibTeX (keywords)",
    ]


def test_cli_import_page_reads_a_pasted_page_from_stdin() -> None:
    page = JOURNAL.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["import-page", "-"], input=page.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert [i["id"] for i in json.loads(result.stdout)] == ["zhao2022"]
    result = CliRunner().invoke(cli, ["import-page", "-"], input=b"nothing to see")
    assert result.exit_code == 1
    assert f"<stdin>: error: {NEITHER_LAYOUT}" in result.stderr


def test_cli_import_page_takes_the_format_from_the_output_suffix(tmp_path: Path) -> None:
    out = tmp_path / "zhao.bib"
    result = CliRunner().invoke(cli, ["import-page", str(JOURNAL), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("@article{zhao2022,")
    result = CliRunner().invoke(cli, ["import-page", str(JOURNAL), "-o", str(tmp_path / "x.txt")])
    assert result.exit_code == 1
    assert "cannot tell the format" in result.stderr


@pytest.mark.parametrize(
    ("abstract", "chinese", "english"),
    [
        ("本文研究“碎片化”治理。 This paper studies “fragmented” governance.", "本文研究“碎片化”治理。", "This paper studies “fragmented” governance."),
        ("治理被称为“碎片化” The so-called “fragmentation” problem.", "治理被称为“碎片化”", "The so-called “fragmentation” problem."),
        ("只有中文摘要(PM2.5)。", "只有中文摘要(PM2.5)。", ""),
        ("English only, with “quotes”.", "", "English only, with “quotes”."),
    ],
)  # fmt: skip
def test_the_abstract_line_splits_into_chinese_and_english(
    abstract: str, chinese: str, english: str
) -> None:
    page = JOURNAL_PAGE.replace(
        "摘要 本文研究数字技术。 This paper studies digital technology.", f"摘要 {abstract}"
    )
    w = import_page(page)
    extra = w.extra_dict
    if chinese and english:
        assert (w.abstract, extra["translated-abstract"]) == (chinese, english)
    else:
        assert w.abstract == (chinese or english)
        assert "translated-abstract" not in extra
