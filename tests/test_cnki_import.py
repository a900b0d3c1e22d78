"""CNKI, Wanfang and EndNote imports without the traps (issue 10, item 3).

The hand-made samples in tests/data/corpora/ris/handmade-cnki (invented values, free to
copy) hold each CNKI layout in use; the mrhelper exports are GPL and are read only from
../shared, in tests that skip without it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import COPIES, GPL, examples, shared_path
from hypothesis import given, settings
from strategies import made_key_libraries

from citelib import io
from citelib.errors import ParseError
from citelib.formats import cnki, endnote, noteexpress, ris
from citelib.keys import unique_across_files
from citelib.model import Date, Name
from citelib.render import format_bibliography

HANDMADE = COPIES / "ris" / "handmade-cnki"


def _read(name: str, **options: object) -> list:  # type: ignore[type-arg]
    path = HANDMADE / name
    reader = endnote if "endnote" in name else cnki
    lib = reader.read(path.read_text(encoding="utf-8"), source=name, **options)
    assert lib.problems == ()
    return list(lib.works)


def _gbt(works: list) -> list[str]:  # type: ignore[type-arg]
    return [e.text for e in format_bibliography(works, "gbt7714-2025-numeric").entries]


# ----------------------------------------------------------------------------- the 自定义 layout


def test_first_duty_does_not_count_the_first_author_twice() -> None:
    article, thesis = _read("cnki-estudy-custom.txt")
    assert article.author == (
        Name(family="王", given="永贵"),
        Name(family="钟", given="娅楠"),
        Name(family="汪", given="淋淋"),
    )
    assert thesis.author == (Name(family="陈", given="某某"),)
    assert "firstduty" not in article.extra_dict
    text = _gbt([article, thesis])
    assert text[0].startswith("[1] 王永贵，钟娅楠，汪淋淋. 代言人类型")
    assert text[1].startswith("[2] 陈某某. 城市社区治理")


def test_first_duty_alone_or_different_is_kept() -> None:
    alone = "SrcDatabase-来源库: 期刊\nTitle-题名: T\nFirstDuty-第一责任人: 李四\nYear-年: 2020\n"
    (w,) = cnki.read(alone).works
    assert w.author == (Name(family="李", given="四"),)
    other = alone + "Author-作者: 王五;\n"
    (w,) = cnki.read(other).works
    assert w.author == (Name(family="王", given="五"),)
    assert w.extra_dict["firstduty"] == "李四"  # not an author here: kept, not dropped


def test_custom_layout_page_range_and_issue() -> None:
    article, _ = _read("cnki-estudy-custom.txt")
    # PageCount-页码 holds the page range in this layout
    assert (article.page, article.number_of_pages) == ("15-28", None)
    assert (article.volume, article.issue) == ("40", "3")
    assert (article.issued, article.available_date) == (Date.of(2026), Date.of(2026, 3, 6))


def test_degree_is_the_thesis_type() -> None:
    _, phd = _read("cnki-estudy-custom.txt")
    master = _read("cnki-estudy-datatype.txt")[-1]
    assert (phd.type, phd.genre, phd.publisher) == ("thesis", "博士学位论文", "华中师范大学")
    assert (master.type, master.genre) == ("thesis", "硕士学位论文")
    for src, genre in [
        ("中国优秀硕士学位论文全文数据库", "硕士学位论文"),
        ("博士", "博士学位论文"),
    ]:
        (w,) = cnki.read(f"SrcDatabase-来源库: {src}\nTitle-题名: T\n").works
        assert w.genre == genre
    (w,) = cnki.read("SrcDatabase-来源库: 硕士\nTitle-题名: T\nDegree-学位: MA\n").works
    assert w.genre == "MA"  # a degree written out is kept as written


# ----------------------------------------------------------------------------- dates


def test_online_first_date_is_kept_apart_from_the_issue() -> None:
    works = _read("cnki-estudy-datatype.txt")
    huang = next(w for w in works if w.id == "huang2014")
    assert (huang.issued, huang.available_date) == (Date.of(2014), Date.of(2014, 11, 20))
    assert (huang.volume, huang.issue) == ("29", "6")
    (text,) = _gbt([huang])
    assert "社会学研究，2014，29（6）：98-123+244." in text
    assert "2014-11-20" not in text


def test_no_year_the_online_first_date_is_the_date() -> None:
    (w,) = cnki.read(
        "Title-题名: T\nSrcDatabase-来源库: 期刊\nPubTime-出版时间: 2021-01-15\n"
    ).works
    assert (w.issued, w.available_date) == (Date.of(2021, 1, 15), None)


def test_newspaper_date_is_its_issue_and_pages_lose_leading_zeros() -> None:
    text = (
        "SrcDatabase-来源库: 报纸\nTitle-题名: T\nSource-报纸: 人民日报\nYear-年: 2023\n"
        "PubTime-出版时间: 2023-05-18\nPage-页码: 007\n"
    )
    (w,) = cnki.read(text).works
    assert (w.type, w.issued, w.page) == ("article-newspaper", Date.of(2023, 5, 18), "7")
    news = _read("cnki-endnote.txt")[2]
    assert (news.type, news.page) == ("article-newspaper", "7")
    assert _gbt([news])[0].endswith("人民日报，2023-05-18（7）.")


def test_article_numbers_keep_their_zeros() -> None:
    (w,) = ris.read("TY  - JOUR\nTI  - T\nSP  - 034708\nER  - \n").works
    assert w.page == "034708"


# ----------------------------------------------------------------------------- EndNote theses


def test_endnote_advisor_is_the_thesis_contributor() -> None:
    thesis = _read("cnki-endnote.txt")[1]
    assert thesis.type == "thesis"
    assert thesis.contributor == (Name(family="张", given="三"),)
    assert (thesis.collection_editor, thesis.genre) == ((), "硕士学位论文")
    for fmt in ("csljson", "zotero-json"):
        (item,) = json.loads(io.write_text([thesis], fmt).text)
        assert item["contributor"] == [{"family": "张", "given": "三"}]
        assert item["genre"] == "硕士学位论文"
    (book,) = endnote.read("%0 Book\n%T T\n%Y Smith, J.\n").works
    assert book.collection_editor == (Name(family="Smith", given="J."),)  # a series editor


def test_noteexpress_degree() -> None:
    (w,) = noteexpress.read("{Reference Type}: Thesis\n{Title}: T\n{Type of Work}: 博士\n").works
    assert w.genre == "博士学位论文"


# ----------------------------------------------------------------------------- landing pages


def test_database_landing_pages_are_not_printed() -> None:
    works = _read("cnki-estudy-datatype.txt")
    assert all(w.url is None for w in works)
    assert works[0].extra_dict["landing-page"].startswith("https://kns.cnki.net/kcms/detail/")
    text = _gbt(works)
    assert all("[J]" in t or "[D]" in t for t in text)
    assert not any("/OL]" in t or "cnki.net" in t for t in text)


def test_database_url_option_puts_the_link_back() -> None:
    works = _read("cnki-estudy-datatype.txt", database_url=True)
    assert works[0].url is not None and works[0].url.startswith("https://kns.cnki.net/")
    assert "landing-page" not in works[0].extra_dict
    assert "[J/OL]" in _gbt(works[:1])[0]


def test_other_links_stay() -> None:
    for url in (
        "https://example.org/paper",
        "https://doi.org/10.1000/1",
        "http://cnki.net.evil.org/",
    ):
        (w,) = ris.read(f"TY  - JOUR\nTI  - T\nUR  - {url}\nER  - \n").works
        assert w.url == url and "landing-page" not in w.extra_dict
    for url in (
        "https://d.wanfangdata.com.cn/periodical/x",
        "http://www.cqvip.com/QK/1/2.html",
        "https://www.cnki.com.cn/Article/CJFDTotal-X.htm",
    ):
        (w,) = ris.read(f"TY  - JOUR\nTI  - T\nUR  - {url}\nER  - \n").works
        assert w.url is None and w.extra_dict["landing-page"] == url


def test_other_sources_render_as_they_are() -> None:
    item = {
        "id": "x",
        "type": "article-journal",
        "title": "T",
        "container-title": "J",
        "URL": "https://kns.cnki.net/kcms/detail/x",
        "issued": {"date-parts": [[2020]]},
    }
    lib = io.read_text(json.dumps([item]), "csljson")
    assert lib.works[0].url == item["URL"]  # the user's own record: printed as it is


# ----------------------------------------------------------------------------- names and tags


def test_translated_names_keep_their_dot() -> None:
    for value in ("斯科特·詹姆斯, C.", "斯科特•詹姆斯, C."):
        (w,) = ris.read(f"TY  - BOOK\nAU  - {value}\nTI  - 国家的视角\nPY  - 2012\nER  - \n").works
        (name,) = w.author
        assert name.literal == value.replace(",", "")
        assert _gbt([w])[0].startswith(f"[1] {name.literal} 国家的视角")  # not glued: C.
    (w,) = cnki.read(
        "SrcDatabase-来源库: 图书\nTitle-题名: T\nAuthor-作者: 斯科特·詹姆斯 C.;王五\n"
    ).works
    assert w.author == (Name(literal="斯科特·詹姆斯 C."), Name(family="王", given="五"))


def test_keywords_reach_zotero_as_tags_through_ris() -> None:
    works = _read("cnki-estudy-custom.txt")
    text = io.write_text(works[:1], "ris").text
    assert [ln for ln in text.splitlines() if ln.startswith("KW")] == [
        "KW  - 代言人类型",
        "KW  - 沟通风格",
        "KW  - 购买意愿",
    ]
    written = io.write_text(works[:1], "zotero-json")
    (item,) = json.loads(written.text)
    assert "keyword: 代言人类型, 沟通风格, 购买意愿" in item["note"].splitlines()
    assert any("makes no tags" in p.message for p in written.problems)


# ----------------------------------------------------------------------------- keys across files


def test_two_cnki_files_read_as_one_library(tmp_path: Path) -> None:
    a, b = tmp_path / "cnki-a.txt", tmp_path / "cnki-b.txt"
    shutil.copy(HANDMADE / "cnki-estudy-datatype.txt", a)
    shutil.copy(HANDMADE / "cnki-estudy-datatype.txt", b)
    lib = io.read(a, b)
    keys = lib.keys()
    assert len(set(keys)) == len(keys) == 8
    assert keys[:4] == ["li2022", "huang2014", "meng2023", "wang2024"]
    assert keys[4:] == ["li2022a", "huang2014a", "meng2023a", "wang2024a"]
    renamed = [p for p in lib.problems if p.code == "renamed-key"]
    assert len(renamed) == 4
    first = renamed[0]
    assert (first.file, first.line, first.key) == (str(b), 1, "li2022a")
    assert first.related == (("li2022", str(a), 1),)
    assert str(a) in first.message and "li2022" in first.message
    assert [(o.file, o.line) for o in lib.origins[4:6]] == [(str(b), 1), (str(b), 16)]
    with pytest.raises(ParseError) as caught:  # strict reading: any problem raises
        io.read(a, b, strict=True)
    assert [p.code for p in caught.value.problems] == ["renamed-key"] * 4


def test_written_keys_are_never_renamed(tmp_path: Path) -> None:
    bib = tmp_path / "mine.bib"
    bib.write_text("@article{li2022, title={Mine}, year=2022}\n", encoding="utf-8")
    cn = tmp_path / "cnki.txt"
    shutil.copy(HANDMADE / "cnki-estudy-datatype.txt", cn)
    lib = io.read(cn, bib)
    assert lib.keys()[0] == "li2022a"  # the made-up key gives way
    assert lib.keys()[-1] == "li2022"
    (p,) = [p for p in lib.problems if p.code == "renamed-key"]
    assert p.related[0] == ("li2022", str(bib), 1)
    assert f"taken by 'li2022' at {bib}:1" in p.message
    # two keys the user wrote: never renamed, a duplicate key
    r1, r2 = tmp_path / "a.ris", tmp_path / "b.ris"
    r1.write_text("TY  - JOUR\nID  - same\nTI  - A\nER  - \n", encoding="utf-8")
    r2.write_text("TY  - JOUR\nID  - same\nTI  - B\nER  - \n", encoding="utf-8")
    lib = io.read(r1, r2)
    assert lib.keys() == ["same", "same"]
    assert not any(p.code == "renamed-key" for p in lib.problems)


def test_cli_convert_two_cnki_files(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from citelib.cli import cli

    a, b = tmp_path / "cnki-a.txt", tmp_path / "cnki-b.txt"
    shutil.copy(HANDMADE / "cnki-estudy-datatype.txt", a)
    shutil.copy(HANDMADE / "cnki-estudy-datatype.txt", b)
    result = CliRunner().invoke(cli, ["convert", str(a), str(b), "--to", "bibtex"])
    assert result.exit_code == 0
    heads = [ln for ln in result.stdout.splitlines() if ln.startswith("@")]
    assert len(set(heads)) == 8
    assert f"{b}:1: warning: the key 'li2022'" in result.stderr
    assert f"taken by 'li2022' at {a}:1" in result.stderr


@settings(max_examples=examples(100))
@given(made_key_libraries())
def test_made_keys_unique_written_keys_kept(lib: object) -> None:
    from citelib.model import Library

    assert isinstance(lib, Library)
    out = unique_across_files(lib)
    made = [w.id.casefold() for w, o in zip(out.works, out.origins, strict=True) if o.key_made]
    written = [
        w.id.casefold() for w, o in zip(out.works, out.origins, strict=True) if not o.key_made
    ]
    assert len(set(made)) == len(made)
    assert not set(made) & set(written)
    for before, after, o in zip(lib.works, out.works, out.origins, strict=True):
        if not o.key_made:
            assert before.id == after.id
    renamed = [p for p in out.problems if p.code == "renamed-key"]
    changed = sum(a.id != b.id for a, b in zip(lib.works, out.works, strict=True))
    assert len(renamed) == changed


# ----------------------------------------------------------------------------- mrhelper (GPL)


def test_mrhelper_cnki_and_wanfang_exports_read_twice(tmp_path: Path) -> None:
    folder = shared_path("corpora", "ris", "mrhelper-cn-db-exports", why=GPL)
    cn = folder / "demo_cnki_202101.txt"
    wf = folder / "demo_wanfang_202101.NET"
    copies = []
    for src in (cn, wf):
        dst = tmp_path / ("again-" + src.name)
        shutil.copy(src, dst)
        copies.append(dst)
    lib = io.read(cn, wf, *copies, format=None)
    keys = [w.id.casefold() for w in lib]
    assert len(keys) == len(set(keys))
    once = io.read(cn, wf)
    assert len(lib) == 2 * len(once)
    assert sum(p.code == "renamed-key" for p in lib.problems) == len(once)
    assert all(w.url is None or "cnki" not in w.url and "wanfang" not in w.url for w in lib)
    assert all("landing-page" in w.extra_dict for w in once)
    assert all(a.count("，") < 40 for a in _gbt(list(once.works)))


def test_cli_database_url(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from citelib.cli import cli

    src = tmp_path / "cnki.txt"
    shutil.copy(HANDMADE / "cnki-estudy-datatype.txt", src)
    plain = CliRunner().invoke(cli, ["convert", str(src), "--to", "csljson"])
    linked = CliRunner().invoke(cli, ["convert", str(src), "--to", "csljson", "--database-url"])
    assert plain.exit_code == linked.exit_code == 0
    assert "URL" not in json.loads(plain.stdout)[0]
    item = json.loads(linked.stdout)[0]
    assert item["URL"].startswith("https://kns.cnki.net/")
    assert "landing-page" not in json.dumps(item, ensure_ascii=False)


def test_format_and_check_two_cnki_files(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from citelib.cli import cli

    a, b = tmp_path / "cnki-a.txt", tmp_path / "cnki-b.txt"
    shutil.copy(HANDMADE / "cnki-estudy-custom.txt", a)
    shutil.copy(HANDMADE / "cnki-estudy-custom.txt", b)
    listed = CliRunner().invoke(cli, ["format", str(a), str(b), "--json"])
    entries = json.loads(listed.stdout)["entries"]
    assert [e["id"] for e in entries] == ["wang2026", "chen2022", "wang2026a", "chen2022a"]
    checked = CliRunner().invoke(cli, ["check", str(a), str(b), "--json"])
    rows = json.loads(checked.stdout)["problems"]
    # made-up keys are placed at their records, in their own files
    (renamed,) = [r for r in rows if r["code"] == "renamed-key" and r["key"] == "chen2022a"]
    assert (renamed["file"], renamed["line"]) == (str(b), 21)
    assert renamed["related"] == [{"key": "chen2022", "file": str(a), "line": 21}]
    thesis = [r for r in rows if r["code"] == "missing-element" and r["key"] == "chen2022a"]
    assert thesis and all((r["file"], r["line"]) == (str(b), 21) for r in thesis)
    dup = [r for r in rows if r["code"] == "likely-duplicate"]
    assert {r["key"] for r in dup} == {"wang2026a", "chen2022a"}
