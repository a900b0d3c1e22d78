"""Limits of the tagged readers and the pasted-page importer: inputs built by code, large
enough that the old super-linear code would take minutes (the fixed code a second or two),
results checked.  Timings are in bench/bench_tagged_limits.py, never here."""

from __future__ import annotations

import re

import citelib
from citelib.formats import page
from citelib.formats._tagged import join_keywords
from citelib.model import Date, Work

# --------------------------------------------------------------------------- RIS


def _ris_one(body: str) -> str:
    return f"TY  - JOUR\nTI  - A title\n{body}ER  - \n"


def test_ris_many_keywords_deduplicated_in_order() -> None:
    # 200,000 KW lines, each keyword twice: a list membership test took hours
    body = "".join(f"KW  - k{i % 100_000}\n" for i in range(200_000))
    (work,) = citelib.read_text(_ris_one(body), "ris").works
    kws = (work.keyword or "").split(", ")
    assert len(kws) == 100_000
    assert kws[:3] == ["k0", "k1", "k2"] and kws[-1] == "k99999"


def test_join_keywords_many() -> None:
    words = [f"w{i}; w{i + 1}" for i in range(100_000)]
    joined = join_keywords(words) or ""
    assert joined.split(", ") == [f"w{i}" for i in range(100_001)]


def test_ris_many_sn_lines() -> None:
    # 200,000 ISSN-like SN values: the ISSN rule's partition was quadratic
    body = "".join(f"SN  - {i:08d}\n" for i in range(200_000))
    (work,) = citelib.read_text(_ris_one(body), "ris").works
    assert work.issn == "00000000"
    assert work.isbn is None
    rest = work.extra_dict["SN"].split("\n")
    assert len(rest) == 199_999 and rest[0] == "00000001" and rest[-1] == "00199999"


def test_ris_many_continuation_lines() -> None:
    body = "AB  - start\n" + "".join(f"line {i}\n" for i in range(500_000))
    (work,) = citelib.read_text(_ris_one(body), "ris").works
    lines = (work.abstract or "").split("\n")
    assert len(lines) == 500_001
    assert lines[:2] == ["start", "line 0"] and lines[-1] == "line 499999"


def test_ris_many_records() -> None:
    text = "".join(
        f"TY  - JOUR\nAU  - Family{i}, G\nTI  - T{i}\nPY  - 2000\nER  - \n" for i in range(20_000)
    )
    lib = citelib.read_text(text, "ris")
    assert len(lib.works) == 20_000 and lib.problems == ()
    assert lib.works[-1].title == "T19999" and lib.works[-1].id == "family199992000"


def test_ris_many_authors() -> None:
    body = "".join(f"AU  - Family{i}, G\n" for i in range(100_000))
    (work,) = citelib.read_text(_ris_one(body), "ris").works
    assert len(work.author) == 100_000 and work.author[-1].family == "Family99999"


def test_ris_repeated_ty_lines() -> None:
    lib = citelib.read_text("TY  - JOUR\n" * 50_000 + "TI  - T\nER  - \n", "ris")
    (work,) = lib.works
    assert work.title == "T"
    assert [p.code for p in lib.problems] == ["syntax"] * 49_999


# --------------------------------------------------------------------------- line-per-tag formats


def test_endnote_many_isbn_issn_lines_and_continuations() -> None:
    text = "%0 Journal Article\n%T A title\n" + "".join(f"%@ {i:08d}\n" for i in range(100_000))
    (work,) = citelib.read_text(text, "endnote").works
    assert work.issn == "00000000"
    assert len(work.extra_dict["%@"].split("\n")) == 99_999
    text = "%0 Journal Article\n%T A title\n%X start\n" + "".join(
        f"more {i}\n" for i in range(300_000)
    )
    (work,) = citelib.read_text(text, "endnote").works
    assert (work.abstract or "").count("\n") == 300_000


def test_cnki_record_with_many_labels() -> None:
    # a record ends at a label it already has: the check scanned the record's lines
    text = "DataType: 1\nTitle-题名: 标题\n" + "".join(f"F{i}-字段: v{i}\n" for i in range(50_000))
    (work,) = citelib.read_text(text, "cnki").works
    assert work.title == "标题"
    assert len(work.extra) == 50_001  # datatype and the 50,000 labels
    assert work.extra_dict["f49999"] == "v49999"


def test_noteexpress_many_continuations() -> None:
    text = "{Reference Type}: Journal Article\n{Title}: 标题\n{Abstract}: a\n" + "".join(
        f"b{i}\n" for i in range(300_000)
    )
    (work,) = citelib.read_text(text, "noteexpress").works
    assert (work.abstract or "").endswith("\nb299999")


# --------------------------------------------------------------------------- RIS writer


def test_ris_writer_never_writes_a_ty_line_alone() -> None:
    bare = Work(id="k1", type="book", event_date=Date.of(2000))  # nothing RIS carries
    out = citelib.write_text([bare], "ris", ids=False)
    assert out.text == "TY  - BOOK\r\nID  - k1\r\nER  - \r\n"
    assert "changed" in [p.code for p in out.problems]
    assert [w.id for w in citelib.read_text(out.text, "ris").works] == ["k1"]

    spaced = citelib.write_text([Work(id="a b", type="book")], "ris")
    back = citelib.read_text(spaced.text, "ris").works
    assert [w.extra for w in back] == [(("ID", "a b"),)]

    keyless = citelib.write_text([Work(id="", type="book")], "ris")
    assert [p.code for p in keyless.problems] == ["not-written"]


# --------------------------------------------------------------------------- pasted pages


_JOURNAL_HEAD = "社区治理的研究\nResearch on Community Governance\n摘要 中文摘要。 English.\n"


def _journal(keywords: str, more: str = "") -> str:
    return (
        f"{_JOURNAL_HEAD}作者 王五\n出处 《期刊》2018年第1期2-16,共15页\n关键词 {keywords}\n{more}"
    )


def test_page_repeated_field_is_kept_first_and_reported() -> None:
    text = "标题\n作者 王五\n出处 《期刊》2018年\n摘要 文本\n二级引证文献2\n二级引证文献3\n"
    lib = citelib.read_text(text, "page")
    (work,) = lib.works
    assert work.extra == (("secondary-citing-count", "2"),)
    assert [(p.code, p.line, p.key) for p in lib.problems] == [("duplicate-field", 6, "wang2018")]


def test_page_repeated_labels_and_lines() -> None:
    text = _journal("社区 治理 community governance", "作者 李四\n" + "参考文献6\n" * 100_000)
    lib = citelib.read_text(text, "page")
    (work,) = lib.works
    assert [str(a) for a in work.author] == ["王五"]
    assert dict(work.extra)["references-count"] == "6"
    assert len(lib.problems) == 100_000  # the second 作者 and 99,999 repeated counts
    assert {p.code for p in lib.problems} == {"duplicate-field"}


def test_page_many_english_keywords() -> None:
    # 25,000 English words for 40 Chinese keywords: the old cut was cubic, never finishing
    chinese = " ".join(f"关键词{i}" for i in range(40))
    english = " ".join(f"word{i}" for i in range(25_000))
    (work,) = citelib.read_text(_journal(f"{chinese} {english}"), "page").works
    kws = (work.keyword or "").split(", ")
    assert len(kws) == 80
    assert [len(k.split()) for k in kws[40:]] == [625] * 40


def test_page_english_keywords_cut_as_before() -> None:
    assert page.split_english_keywords(
        "grid governance “Safe 365” community of practice",
        ["网格化治理", "“平安365”", "实践社区"],
    ) == ["grid governance", "“Safe 365”", "community of practice"]


def test_quoted_units_linear_and_as_the_pattern() -> None:
    text = "“a " * 50_000 + '"b ' * 50_000 + "c”"
    units = page._quoted_units(text)
    assert units[:1] == ["“a " * 50_000 + '"b ' * 50_000 + "c”"]
    small = '“a “b” c” "d e f"g'
    assert page._quoted_units(small) == re.findall(r'"[^"]*"|“[^”]*”|\S+', small)


def test_page_long_runs_of_spaces_and_digits() -> None:
    spaces = " " * 200_000
    text = (
        f"标题{spaces}被引量:3\n摘要 中文。{spaces}English.\n作者 王五1{'1' * 200_000}x\n"
        f"出处 《期刊》2018年第1期2-16 Local{spaces}Research\n关键词 a b\n"
    )
    (work,) = citelib.read_text(text, "page").works
    extra = dict(work.extra)
    assert work.title == "标题" and extra["times-cited"] == "3"
    assert extra["translated-container-title"] == f"Local{spaces}Research"
    assert [a.literal for a in work.author] == ["王五1" + "1" * 200_000 + "x"]


def test_page_of_one_repeated_line() -> None:
    line = "一行重复的文字 repeated text\n"
    text = "标题\n作者 王五\n出处 《期刊》2018年\n摘要 文本\n" + line * 7_000
    (work,) = citelib.read_text(text, "page").works
    assert work.title == "标题" and work.abstract == "文本"


def test_fuzz_found_endnote_names_over_a_long_run_of_spaces() -> None:
    """bench/fuzz_campaign.py: 100 %E lines of 10,000 spaces took 15 s (quadratic split)."""
    text = "%0 Book\n%T T\n" + ("%E t" + " " * 10_000 + "estE\n") * 100
    (work,) = citelib.read_text(text, "endnote").works
    assert len(work.editor) == 100
    # a "%A" inside a value still separates names, as before
    (two,) = citelib.read_text("%0 Book\n%A Li, Wei %A Wang, Fang\n", "endnote").works
    assert [n.family for n in two.author] == ["Li", "Wang"]


def test_fuzz_found_a_page_value_of_dashes_is_kept_as_written() -> None:
    """bench/fuzz_campaign.py: a 1 KB SP of dashes took 6 s (cubic page-range regex)."""
    first = "-" * 100_000 + "x y"
    (work,) = citelib.read_text(
        f"TY  - JOUR\nTI  - T\nSP  - {first}\nEP  - 9\nER  - \n", "ris"
    ).works
    assert work.page == first
    assert work.extra_dict["EP"] == "9"  # kept, not lost
