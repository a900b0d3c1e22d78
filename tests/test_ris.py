"""RIS reading and writing: the tag table, Zotero's conventions, what RIS loses, round trips."""

from __future__ import annotations

import pytest
from conftest import DATA, examples
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import ris_works, works
from tagged_helpers import check_read

from citelib.errors import ParseError
from citelib.formats import format_for_path, get_format, ris
from citelib.io import read_text
from citelib.model import Date, Name, Work


def one(text: str) -> Work:
    lib = ris.read(text)
    assert len(lib.works) == 1, lib
    return lib.works[0]


ZOTERO_STYLE = """TY  - JOUR
TI  - Chelation: Harnessing and Enhancing Heavy Metal Detoxification
AU  - Sears, Margaret E.
AU  - van Gogh, Vincent, Jr.
AU  - 孙柏瑛
AU  - World Health Organization
T2  - The Scientific World Journal
J2  - Sci. World J.
VL  - 2013
IS  - 4
SP  - 219840
EP  - 219850
PY  - 2013
DA  - 2013/04/18/
Y2  - 2020/05/17/
SN  - 1537-744X
DO  - https://doi.org/10.1155/2013/219840
UR  - http://www.ncbi.nlm.nih.gov/pmc/articles/PMC3654245/
KW  - chelation
KW  - heavy metals
N1  - first note
N1  - second note
AB  - Line one of the abstract
  continued here.
LA  - eng
PB  - Hindawi
CY  - New York
M3  - Review
ID  - sears2013
ER  -
"""


def test_read_zotero_style_record() -> None:
    w = one(ZOTERO_STYLE)
    assert w.id == "sears2013"
    assert w.type == "article-journal"
    assert w.title == "Chelation: Harnessing and Enhancing Heavy Metal Detoxification"
    assert w.author == (
        Name(family="Sears", given="Margaret E."),
        Name(family="van Gogh", given="Vincent", suffix="Jr."),
        Name(family="孙", given="柏瑛"),
        Name(literal="World Health Organization"),
    )
    assert w.container_title == "The Scientific World Journal"
    assert w.container_title_short == "Sci. World J."
    assert (w.volume, w.issue, w.page) == ("2013", "4", "219840-219850")
    assert w.issued == Date.of(2013, 4, 18)
    assert w.accessed == Date.of(2020, 5, 17)
    assert w.issn == "1537-744X"
    assert w.doi == "10.1155/2013/219840"
    assert w.url == "http://www.ncbi.nlm.nih.gov/pmc/articles/PMC3654245/"
    assert w.keyword == "chelation, heavy metals"
    assert w.note == "first note\nsecond note"
    assert w.abstract == "Line one of the abstract\ncontinued here."
    assert w.language == "en-US"
    assert (w.publisher, w.publisher_place, w.genre) == ("Hindawi", "New York", "Review")
    assert w.extra == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019/05/16/", Date.of(2019, 5, 16)),
        ("2019/05/16/other", Date(parts=((2019, 5, 16),), season="other")),
        ("2019///", Date.of(2019)),
        ("2016/12//", Date.of(2016, 12)),
        ("2016/01/", Date.of(2016, 1)),
        ("2014//", Date.of(2014)),
        ("2001/00/00/", Date.of(2001)),
        ("2015/october", Date.of(2015, 10)),
        ("2020///Spring", Date(parts=((2020, 21),))),
        ("1948/07//", Date.of(1948, 7)),
        ("2021-01-18", Date.of(2021, 1, 18)),
        ("2020/05/17/10:15:00", Date.of(2020, 5, 17)),
        ("n.d.", Date(literal="n.d.")),
        ("2020/13/45", Date(literal="2020/13/45")),  # no such month: kept as text
        ("2021/02/30", Date(literal="2021/02/30")),  # no such day
        ("2020/00/12", Date(literal="2020/00/12")),  # a day with no month
        ("2020/02/29", Date.of(2020, 2, 29)),
        ("2020/5/0", Date.of(2020, 5)),
        ("///", None),
        ("", None),
    ],
)
def test_date_forms(text: str, expected: Date | None) -> None:
    assert ris.parse_ris_date(text) == expected


def test_most_precise_date_wins_and_agreeing_ones_vanish() -> None:
    w = one("TY  - JOUR\nY1  - 2005\nPY  - 2005\nDA  - 2005/07/15\nER  - \n")
    assert w.issued == Date.of(2005, 7, 15)
    assert w.extra == ()


@pytest.mark.parametrize("fmt", ["ris", "endnote"])
def test_impossible_dates_are_kept_and_reported(fmt: str) -> None:
    text = {
        "ris": "TY  - JOUR\nTI  - x\nPY  - 2020\nDA  - 2020/13/45\nER  - \n",
        "endnote": "%0 Journal Article\n%T x\n%D 2020\n%8 2020/13/45\n",
    }[fmt]
    lib = read_text(text, fmt)
    (w,) = lib.works
    assert w.issued == Date.of(2020)
    assert [v for _, v in w.extra] == ["2020/13/45"]  # written back as it came
    (p,) = lib.problems
    assert (p.code, p.line, p.field) == ("bad-date", 4, "issued")
    assert "2020/13/45" in p.message
    alone = read_text(text.replace("PY  - 2020\n", "").replace("%D 2020\n", ""), fmt)
    assert alone.works[0].issued == Date(literal="2020/13/45")
    assert [p.code for p in alone.problems] == ["bad-date"]


def test_contradicting_dates_are_kept_in_extra() -> None:
    w = one(
        "TY  - JOUR\nY1  - 2013\nPY  - 2013/04/18\nPY  - 2013/02/15/received\nPY  - 2012\nER  - \n"
    )
    assert w.issued == Date.of(2013, 4, 18)
    assert w.extra == (("PY", "2013/02/15/received\n2012"),)


def test_multiline_values_bom_one_space_and_junk() -> None:
    text = (
        "\ufeffRecord #1 of 1\n1.\nTY - BOOK\nTI  - A long\n   title\nN1  - first line\n"
        "      * second line\nA1  - Harrison, Warren\n  Levenshtein\nER  -\n\ntrailing junk\n"
    )
    lib = ris.read(text)
    assert lib.problems == ()
    w = lib.works[0]
    assert w.type == "book"
    assert w.title == "A long title"
    assert w.note == "first line\n* second line"
    assert w.author == (Name(family="Harrison", given="Warren Levenshtein"),)


def test_empty_and_unknown_tags() -> None:
    w = one(
        "TY  - JOUR\nTI  - T\nIS  - \nSP  -\nJP  - CRISPR\nJP  - Direct Current\nDC  - x\nER  - \n"
    )
    assert w.issue is None and w.page is None
    assert w.extra == (("JP", "CRISPR\nDirect Current"), ("DC", "x"))
    out = ris.write([w], newline="\n").text
    assert "JP  - CRISPR\nJP  - Direct Current\nDC  - x\nER  - \n" in out
    assert ris.read(out).works[0] == w


def test_sn_by_form_then_by_type() -> None:
    w = one("TY  - CHAP\nSN  - 978-1-4822-5326-9\nER  - \n")
    assert (w.isbn, w.issn) == ("978-1-4822-5326-9", None)
    w = one("TY  - JOUR\nSN  - 0915-5287\nSN  - 2187-5626\nER  - \n")
    assert w.issn == "0915-5287" and w.extra == (("SN", "2187-5626"),)
    w = one("TY  - JOUR\nSN  - 12345\nER  - \n")
    assert w.issn == "12345"
    w = one("TY  - BOOK\nSN  - kmptns\nER  - \n")
    assert w.isbn == "kmptns"
    w = one("TY  - RPRT\nSN  - TR-2020-7\nER  - \n")
    assert w.number == "TR-2020-7"


def test_journal_title_tags() -> None:
    w = one(
        "TY  - JOUR\nJF  - J Chem Phys Full\nT2  - J Chem Phys Full\nJO  - J. Chem. Phys.\nER  - \n"
    )
    assert (w.container_title, w.container_title_short) == ("J Chem Phys Full", "J. Chem. Phys.")
    w = one("TY  - JOUR\nJO  - Food Technology\nER  - \n")
    assert (w.container_title, w.container_title_short) == ("Food Technology", None)


def test_type_specific_tags() -> None:
    w = one(
        "TY  - BOOK\nA2  - Series, Ed\nA3  - Book, Ed\nT2  - A Series\nSP  - 327\nM1  - 12\nER  - \n"
    )
    assert w.editor == (Name(family="Book", given="Ed"),)
    assert w.collection_editor == (Name(family="Series", given="Ed"),)
    assert (w.collection_title, w.number_of_pages, w.collection_number) == ("A Series", "327", "12")
    w = one("TY  - CONF\nT2  - ICML\nC3  - Proceedings of ICML\nCY  - Vienna\nC1  - Cham\nER  - \n")
    assert (w.event_title, w.container_title) == ("ICML", "Proceedings of ICML")
    assert (w.event_place, w.publisher_place) == ("Vienna", "Cham")
    w = one("TY  - COMP\nET  - 2.1\nER  - \n")
    assert (w.version, w.edition) == ("2.1", None)


def test_doi_cleaning_and_m3_doi() -> None:
    w = one("TY  - JOUR\nDO  - doi:10.1201/b19107-2\nM3  - doi: 10.1201/b19107-2\nER  - \n")
    assert (w.doi, w.genre, w.extra) == ("10.1201/b19107-2", None, ())
    w = one("TY  - JOUR\nM3  - 10.1016/j.powtec.2012.01.008\nER  - \n")
    assert w.doi == "10.1016/j.powtec.2012.01.008"


def test_url_lists() -> None:
    w = one("TY  - JOUR\nUR  - http://a.example; http://b.example\nER  - \n")
    assert w.url == "http://a.example"
    assert w.extra == (("UR", "http://b.example"),)


def test_problems_point_at_the_record() -> None:
    text = "TY  - JOUR\nTI  - one\nTY  - WHAT\nTI  - two\nER  - \n"
    lib = ris.read(text, source="x.ris")
    assert [w.title for w in lib.works] == ["one", "two"]
    assert [(p.line, p.severity, p.key) for p in lib.problems] == [
        (1, "warning", "one"),
        (3, "warning", "two"),
    ]
    assert str(lib.problems[1]) == (
        "x.ris:3: warning: unknown RIS type 'WHAT': read as a generic document (entry 'two')"
    )
    assert "without ER" in lib.problems[0].message
    assert "unknown RIS type 'WHAT'" in lib.problems[1].message
    with pytest.raises(ParseError) as err:
        ris.read(text, source="x.ris", strict=True)
    assert err.value.file == "x.ris" and err.value.line == 1


def test_not_ris_is_an_error() -> None:
    lib = ris.read("hello\nworld\n")
    assert lib.works == ()
    assert lib.problems[0].severity == "error"
    with pytest.raises(ParseError):
        ris.read("hello\n", strict=True)


def test_keys_are_made_for_records_without_id() -> None:
    text = (
        "TY  - JOUR\nAU  - 孙柏瑛\nPY  - 2018\nER  - \n\nTY  - JOUR\nAU  - Sun, B.\nPY  - 2018\nER  - \n"
        "TY  - JOUR\nID  - sun2018\nER  - \n"
    )
    assert [w.id for w in ris.read(text).works] == ["sun2018a", "sun2018b", "sun2018"]


def test_repeated_id_is_not_a_key() -> None:
    text = "TY  - JOUR\nID  - 12345\nER  - \nTY  - JOUR\nID  - 12345\nER  - \n"
    lib = ris.read(text)
    assert lib.works[0].id == "12345"
    assert lib.works[1].id != "12345" and lib.works[1].extra == (("ID", "12345"),)
    assert ris.read(ris.write(lib.works).text).works == lib.works


def test_write_is_zotero_shaped() -> None:
    w = Work(
        id="sun2018",
        type="article-journal",
        title="公共管理",
        author=(Name(family="孙", given="柏瑛"), Name(family="Ren", given="K. Q.")),
        container_title="中国行政管理",
        issued=Date.of(2018, 5, 16),
        page="12-19",
        keyword="治理, 公共管理",
        language="zh-CN",
    )
    written = ris.write([w])
    out, problems = written.text, written.problems
    assert out == (
        "TY  - JOUR\r\nID  - sun2018\r\nAU  - 孙, 柏瑛\r\nAU  - Ren, K. Q.\r\nTI  - 公共管理\r\n"
        "T2  - 中国行政管理\r\nPY  - 2018\r\nDA  - 2018/05/16/\r\nSP  - 12\r\nEP  - 19\r\n"
        "KW  - 治理\r\nKW  - 公共管理\r\nLA  - zh-CN\r\nER  - \r\n"
    )
    assert problems == ()


def test_write_warns_about_what_ris_loses() -> None:
    w = Work(
        id="x",
        type="review",
        title='The <i>Origin</i> of <span class="nocase">DNA</span>',
        author=(Name(family="Gogh", given="Vincent", non_dropping_particle="van"),),
        issued=Date(parts=((2019,), (2020,)), circa=True),
        original_title="Original",
        extra=(("gtid", "123"),),
    )
    written = ris.write([w], ids=False, newline="\n")
    out, problems = written.text, written.problems
    messages = "\n".join(p.message for p in problems)
    assert all(p.severity == "warning" and p.key == "x" for p in problems)
    for expected in [
        "no type for 'review'",
        "rich text",
        "particles",
        "date range",
        "approximate",
        "original-title",
        "'gtid'",
        "citation key",
    ]:
        assert expected in messages
    assert "TI  - The Origin of DNA\n" in out
    assert "AU  - van Gogh, Vincent\n" in out
    assert "PY  - 2019\n" in out


def test_continuation_lines_that_look_like_tags_are_protected() -> None:
    w = Work(id="a", type="article-journal", abstract="first\nER  - not the end\nlast")
    out = ris.write([w]).text
    assert ris.read(out).works[0] == w


def test_registry_and_sniffing() -> None:
    assert get_format("ris").load() is ris
    assert format_for_path("refs.ris").name == "ris"
    assert ris.sniff("\ufeffTY  - JOUR\nER  - \n")
    assert ris.sniff("1.\nTY - JOUR\n")
    assert not ris.sniff("FN Clarivate Analytics Web of Science\nPT J\n")
    assert read_text(ZOTERO_STYLE, "ris").works[0].id == "sears2013"


def test_sample_file_round_trip() -> None:
    path = DATA / "ris" / "example_full.ris"
    lib = ris.read(path.read_text(encoding="utf-8"))
    assert [w.id for w in lib.works] == ["12345", "marxus2006"]
    assert ris.read(ris.write(lib.works).text).works == lib.works


@settings(max_examples=examples(300))
@given(st.lists(ris_works(), max_size=3, unique_by=lambda w: w.id.casefold()))
def test_round_trip(works: list[Work]) -> None:
    written = ris.write(works)
    text = written.text
    assert written.problems == ()
    lib = ris.read(text)
    assert lib.problems == ()
    assert list(lib.works) == works


@settings(max_examples=examples(300))
@given(st.text())
def test_arbitrary_text_raises_only_citelib_errors(text: str) -> None:
    check_read(ris.read, text)


@settings(max_examples=examples(200))
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                ["TY", "ER", "AU", "PY", "DA", "SP", "EP", "SN", "KW", "UR", "ID", "M3"]
            ),
            st.text(max_size=15),
        ),
        max_size=12,
    )
)
def test_tag_soup_reads_and_what_is_read_writes_back(lines: list[tuple[str, str]]) -> None:
    text = "\n".join(f"{t}  - {v}" for t, v in lines)
    check_read(ris.read, text)
    works = ris.read(text).works
    written = ris.write(works)
    again = ris.read(written.text).works
    if not written.problems:  # what RIS cannot carry is warned about; the rest comes back unchanged
        assert again == works


@settings(max_examples=examples(200))
@given(st.lists(works(full=True), max_size=3, unique_by=lambda w: w.id.casefold()))
def test_any_work_writes_with_warnings_only(items: list[Work]) -> None:
    written = ris.write(items)
    text = written.text
    assert all(p.severity == "warning" and p.key for p in written.problems)
    lib = ris.read(text)
    # a date the writer said it wrote as text (a year RIS cannot hold) reads back as
    # text with a bad-date warning; nothing else may complain
    as_text = [p for p in written.problems if "written as text" in p.message]
    assert all(p.code == "bad-date" for p in lib.problems)
    assert len(lib.problems) <= len(as_text)
    assert len(lib.works) == len(items)


def test_named_extra_tags() -> None:
    w = one("TY  - JOUR\nAD  - Peking University\nTT  - A translated title\nER  - \n")
    assert w.extra == (
        ("author-address", "Peking University"),
        ("translated-title", "A translated title"),
    )
    assert "AD  - Peking University\r\nTT  - A translated title\r\n" in ris.write([w]).text


def test_zotero_html_notes_and_cnki_name_lists() -> None:
    w = one(
        "TY  - JOUR\nAU  - 孙柏瑛;杜英歌\nN1  - <p>First &amp; <strong>bold</strong></p>"
        "<p>Second</p>\nN1  - plain a < b\nER  - \n"
    )
    assert w.author == (Name(family="孙", given="柏瑛"), Name(family="杜", given="英歌"))
    assert w.note == "First & bold\nSecond\nplain a < b"


def test_pubmed_labelled_ids() -> None:
    w = one("TY  - JOUR\nU1  - 23690738[pmid]\nU2  - PMC3654245[pmcid]\nU4  - x-1[PII]\nER  - \n")
    assert (w.pmid, w.pmcid, w.extra) == ("23690738", "PMC3654245", (("U4", "x-1[PII]"),))
    assert "U1  - 23690738[pmid]\r\nU2  - PMC3654245[pmcid]\r\n" in ris.write([w]).text


def test_rispy_multiline_sample() -> None:
    text = (DATA / "ris" / "example_multiline.ris").read_text(encoding="utf-8")
    lib = ris.read(text)
    assert lib.problems == ()
    assert [w.abstract for w in lib.works] == [
        "first line, ER then second line and at the end the last line",
        "first line,\nER then second line and at the end\nthe last line",
        "first line,\nER then second line and at the end\nthe last line",
    ]
    assert {w.note for w in lib.works} == {"first line\n* second line\n* last line"}


def test_jabref_broken_sample() -> None:
    """Nine TY lines, a TY in mid-record, continuation lines, an ID of two lines."""
    text = (DATA / "ris" / "RisImporterTest1.ris").read_text(encoding="utf-8-sig")
    lib = ris.read(text, source="t1.ris")
    assert [w.type for w in lib.works] == ["paper-conference", "document", "thesis"]
    first, second, third = lib.works
    assert first.author == (
        Name(literal="Cocke"),
        Name(family="Harrison", given="Warren Levenshtein Morris"),
    )
    assert first.editor == (Name(literal="Rives"), Name(literal="Kasami"))
    assert (first.title, first.event_title, first.collection_title) == (
        "Editorial.",
        "Automaton",
        "Arrow",
    )
    assert (first.issued, first.page, first.volume) == (Date.of(2001, 9, 1), "193-194", "6")
    assert (second.container_title, second.publisher) == ("kmptnd", "kmptnv")
    assert third.extra_dict["ID"] == "123456 sxdbgsd"
    assert (third.abstract, third.extra_dict["N2"]) == ("abstract1", "abstract0")
    assert third.keyword == "keyword0, keyword1"
    kinds = [p.message.split(";")[0].split(":")[0] for p in lib.problems]
    assert kinds.count("TY repeated (line 3)") == 1
    assert all(p.severity == "warning" for p in lib.problems)
