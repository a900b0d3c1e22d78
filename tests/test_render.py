"""Rendering: the issue's seed texts, the citeproc-js seed goldens, the API's promises, the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import strategies
from click.testing import CliRunner
from conftest import DATA, ROOT, examples
from hypothesis import given, settings
from hypothesis import strategies as st

import citelib
from citelib import Date, Name, UnknownStyle, Work
from citelib.cli import cli
from citelib.render import format_bibliography, read_aux, sentence_case, styles

SEEDS = DATA / "render" / "issue-seeds.json"
STYLES = [
    "gbt7714-2025-numeric",
    "gbt7714-2025-author-date",
    "gbt7714-2015-numeric",
    "gbt7714-2015-author-date",
    "apa",
]
SUN_TITLE = "突破“碎片化”：构建“回应性”城市政府协同治理框架——基于杭州上城区“平安365”的案例分析"
REN_TITLE = (
    "Manufacturing Typical Experience: Research on Innovation Behavior of Urban Local "
    "Government in Social Governance"
)

#: The texts issue 3 quotes (what citeproc-js gives with the bilingual styles).
ISSUE_TEXTS = {
    "gbt7714-2025-numeric": {
        0: f"[1] Ren K Q. {REN_TITLE}[D]. 2020.",
        2: f"[3] 孙柏瑛. {SUN_TITLE}[J]. 地方治理研究，2018（1）：2-16.",
    },
    "gbt7714-2025-author-date": {0: f"孙柏瑛，2018. {SUN_TITLE}[J]. 地方治理研究（1）：2-16."},
    "gbt7714-2015-numeric": {
        0: f"[1] REN K Q. {REN_TITLE}[D]. 2020.",
        2: f"[3] 孙柏瑛. {SUN_TITLE}[J]. 地方治理研究, 2018(1): 2-16.",
    },
    "apa": {
        1: f"Ren, K. Q. (2020). {REN_TITLE} [Doctoral dissertation].",
        4: f"孙柏瑛. (2018). {SUN_TITLE}. 地方治理研究, (1), 2–16.",
    },
}


@pytest.fixture(scope="module")
def seeds() -> list[Work]:
    return citelib.read(SEEDS).works


@pytest.mark.parametrize("style", sorted(ISSUE_TEXTS))
def test_issue_seed_texts(seeds: list[Work], style: str) -> None:
    entries = format_bibliography(seeds, style).entries
    for position, text in ISSUE_TEXTS[style].items():
        assert entries[position].text == text


def test_seed_list_in_every_style_has_all_five(seeds: list[Work]) -> None:
    for style in STYLES:
        bib = format_bibliography(seeds, style)
        assert sorted(e.id for e in bib.entries) == sorted(w.id for w in seeds)
        # the four theses lack the place and the institution that GB/T 7714 requires (APA:
        # the institution; sun2018, no volume); nothing else is amiss
        missing = sorted((p.key, p.field) for p in bib.problems)
        assert all(p.code == "missing-element" and p.severity == "warning" for p in bib.problems)
        theses = ["pang2021", "ren2020", "wang2024", "wu2024"]
        if style == "apa":
            want = sorted([(k, "publisher") for k in theses] + [("sun2018", "volume")])
        else:
            want = sorted([(k, f) for k in theses for f in ("publisher", "publisher-place")])
        assert missing == want, style


@pytest.mark.parametrize("style", STYLES)
def test_seed_goldens_from_citeproc_js(style: str) -> None:
    """The seed library as citeproc-js renders it: list and single citations, text and HTML.

    The items are the copy the golden file holds (``items.data``), read through
    citelib's CSL-JSON reader, so the test follows the golden, not later seed edits.
    """
    golden = json.loads((ROOT / "tests" / "golden" / "apa" / f"seeds-{style}.json").read_text())
    works = citelib.read_text(json.dumps(golden["items"]["data"]), format="csljson").works
    entries = format_bibliography(works, style).entries
    assert [(e.id, e.text) for e in entries] == [
        (g["id"], " ".join(g["text"].split())) for g in golden["entries"]
    ]
    html = format_bibliography(works, style, markup="html").entries
    assert [e.text for e in html] == [_inner_html(g["html"]) for g in golden["entries"]]
    for c in golden["citations"]:
        assert citelib.cite(works, c["ids"], style).text == c["text"]
        assert citelib.cite(works, c["ids"], style, markup="html").text == c["html"]


def _inner_html(html: str) -> str:
    """citeproc-js's entry HTML without its div wrappers (label and body joined by a space)."""
    html = html.replace('</div><div class="csl-right-inline">', " ")
    return " ".join(re.sub(r"</?div[^>]*>", "", html).split())


def test_numeric_citations_collapse(seeds: list[Work]) -> None:
    assert citelib.cite(seeds, ["ren2020", "wang2024", "sun2018"]).text == "[1-3]"
    assert citelib.cite(seeds, ["sun2018", "ren2020"]).text == "[1,3]"
    assert citelib.cite(seeds, ["wu2024", "ren2020", "wang2024", "sun2018"]).text == "[1-3,5]"


def test_author_date_citation(seeds: list[Work]) -> None:
    cit = citelib.cite(seeds, ["sun2018"], "gbt7714-2025-author-date")
    assert cit.text == "（孙柏瑛，2018）"
    assert citelib.cite(seeds, ["sun2018"], "apa", locators={"sun2018": "12-15"}).text == (
        "(孙, 2018, pp. 12–15)"
    )


def test_cited_order_numbers_by_first_citation(seeds: list[Work]) -> None:
    bib = format_bibliography(seeds, cited=["sun2018", "wu2024", "sun2018"])
    assert [e.id for e in bib.entries] == ["sun2018", "wu2024"]
    assert bib.entries[0].text.startswith("[1] 孙柏瑛.")
    assert bib.entries[0].label == "[1]"
    missing = format_bibliography(seeds, cited=["nope"])
    assert missing.entries == ()
    assert [p.key for p in missing.problems] == ["nope"]


def test_read_aux(tmp_path: Path) -> None:
    (tmp_path / "ch1.aux").write_text("\\citation{c,a}\n")
    aux = tmp_path / "main.aux"
    aux.write_text("\\relax\n\\citation{b,a}\n\\@input{ch1.aux}\n\\citation{*}\n")
    assert read_aux(aux) == ["b", "a", "c", "*"]


def test_styles_and_unknown_style(seeds: list[Work]) -> None:
    assert set(STYLES) <= set(styles())
    format_bibliography(seeds)
    assert citelib.styles() == styles()  # the styles package never shadows the function
    with pytest.raises(UnknownStyle) as err:
        format_bibliography(seeds, "gbt7714-2099")
    assert "gbt7714-2025-numeric" in str(err.value)
    path = Path(citelib.__file__).parent.parent / "styles" / "apa.csl"
    assert format_bibliography(seeds, str(path)).entries[4].text.startswith("孙柏瑛. (2018).")


def _work(id: str, **fields: object) -> Work:
    return Work(id=id, **fields)  # type: ignore[arg-type]


def test_bilingual_terms_in_one_list() -> None:
    zh = _work(
        "zh",
        type="book",
        language="zh-CN",
        title="心理学史",
        author=tuple(Name(family=f, given="三") for f in "张李王赵"),
        edition="2",
        publisher="北京大学出版社",
        issued=Date.of(2008),
    )
    en = _work(
        "en",
        type="book",
        language="english",
        title="A history of psychology",
        author=tuple(Name(family=f, given="John") for f in ("Smith", "Jones", "Brown", "Green")),
        edition="2",
        publisher="Wiley",
        issued=Date.of(2008),
    )
    text = [e.text for e in format_bibliography([zh, en]).entries]
    assert text[0] == "[1] 张三，李三，王三，等. 心理学史[M]. 2 版. 北京大学出版社，2008."
    assert (
        text[1]
        == "[2] Smith J，Jones J，Brown J，et al. A history of psychology[M]. 2nd ed. Wiley，2008."
    )


def test_full_pinyin_given_names() -> None:
    work = _work(
        "p",
        type="book",
        language="en",
        title="Hyperspectral imaging",
        author=(Name(family="Wang", given="Shanshan"), Name(family="Smith", given="John")),
        issued=Date.of(2022),
    )
    assert format_bibliography([work]).entries[0].text.startswith("[1] Wang S，Smith J.")
    full = format_bibliography([work], full_pinyin=True).entries[0].text
    assert full.startswith("[1] Wang Shanshan，Smith J.")


def test_whole_proceedings_is_coded_c_in_every_gbt_style() -> None:
    """A book whose subtype is proceedings (a @proceedings entry) is [C] (GB/T 7714-2025 B.5); other books [M]."""
    common = dict(type="book", language="zh", publisher="海洋出版社", publisher_place="北京")
    proc = _work("p", title="综合湿地管理", subtype="proceedings", **common)
    book = _work("b", title="湿地", extra=(("entrytype", "collection"),), **common)
    for style in [s for s in styles() if s.startswith("gbt7714")]:
        texts = [e.text for e in format_bibliography([proc, book], style).entries]
        assert "综合湿地管理[C]" in texts[0], (style, texts)
        assert "湿地[M]" in texts[1], (style, texts)
    apa = format_bibliography([proc], "apa").entries[0].text
    assert "[C]" not in apa and "综合湿地管理" in apa
    # a CSL-JSON item says the same with custom.subtype
    item = {"id": "j", "type": "book", "title": "Proceedings", "custom": {"subtype": "proceedings"}}
    assert "Proceedings[C]" in format_bibliography([item]).entries[0].text


def test_patent_holder_is_the_gbt_responsible_party() -> None:
    """GB/T names a patent's holder (2015 §4.5, 2025 §8.10); APA keeps the inventors."""
    patent = _work(
        "p",
        type="patent",
        language="zh",
        title="光折变自适应光外差探测方法",
        number="CN01128777.2",
        author=(Name(family="石", given="顺祥"), Name(family="许", given="海平")),
        issued=Date.of(2002, 3, 6),
        holder=(Name(literal="西安电子科技大学"),),
    )
    expected = {
        "gbt7714-2025-numeric": "[1] 西安电子科技大学. 光折变自适应光外差探测方法：CN01128777.2[P]. 2002-03-06.",
        "gbt7714-2015-numeric": "[1] 西安电子科技大学. 光折变自适应光外差探测方法: CN01128777.2[P]. 2002-03-06.",
    }
    for style, text in expected.items():
        assert format_bibliography([patent], style).entries[0].text == text
    for style in ("gbt7714-2025-author-date", "gbt7714-2015-author-date"):
        assert format_bibliography([patent], style).entries[0].text.startswith("西安电子科技大学")
        assert "西安电子科技大学" in citelib.cite([patent], ["p"], style).text
    assert format_bibliography([patent], "apa").entries[0].text.startswith("石顺祥")
    inventors = patent.evolve(holder=())
    assert format_bibliography([inventors]).entries[0].text.startswith("[1] 石顺祥，许海平.")


def test_identifier_in_the_url_is_not_repeated_on_request() -> None:
    doi = "10.1002/9781444305036"
    work = _work(
        "w",
        type="book",
        language="en",
        title="A companion",
        issued=Date.of(2013),
        url=f"https://onlinelibrary.wiley.com/doi/book/{doi}",
        doi=doi,
    )
    assert format_bibliography([work]).entries[0].text.endswith(f"DOI:{doi}.")
    omitted = format_bibliography([work], omit_contained_pid=True).entries[0].text
    assert omitted.endswith(f"/doi/book/{doi}.") and "DOI:" not in omitted
    own = _work("o", type="book", language="en", title="T", url=f"https://doi.org/{doi}", doi=doi)
    assert "DOI:" not in format_bibliography([own]).entries[0].text
    cstr = _work(
        "c",
        type="dataset",
        language="zh",
        title="数据",
        url="https://cstr.cn/31253.11.sciencedb.610",
        cstr="31253.11.sciencedb.610",
    )
    assert "CSTR:" in format_bibliography([cstr]).entries[0].text
    assert "CSTR:" not in format_bibliography([cstr], omit_contained_pid=True).entries[0].text


def test_language_from_script_when_missing() -> None:
    work = _work("x", type="book", title="概率论", author=(Name(family="孙", given="一"),) * 4)
    assert "等" in format_bibliography([work]).entries[0].text


def test_author_date_chinese_first_by_pinyin_then_others() -> None:
    def book(id: str, family: str, given: str) -> Work:
        return _work(
            id,
            type="book",
            title="T",
            author=(Name(family=family, given=given),),
            issued=Date.of(2020),
        )

    works = [
        book("smith", "Smith", "A."),
        book("zhang", "张", "三"),
        book("zeng", "曾", "一"),
        book("an", "安", "二"),
        book("adams", "Adams", "B."),
    ]
    order = [e.id for e in format_bibliography(works, "gbt7714-2025-author-date").entries]
    assert order == ["an", "zeng", "zhang", "adams", "smith"]


def test_year_suffixes_in_list_and_citations() -> None:
    def art(id: str, title: str) -> Work:
        return _work(
            id,
            type="book",
            title=title,
            author=(Name(family="张", given="三"),),
            issued=Date.of(2018),
        )

    works = [art("b", "乙书"), art("a", "甲书")]
    style = "gbt7714-2025-author-date"
    entries = format_bibliography(works, style).entries
    assert [e.text[:9] for e in entries] == ["张三，2018a.", "张三，2018b."]
    assert citelib.cite(works, [entries[0].id], style).text == "（张三，2018a）"
    assert citelib.cite(works, ["a", "b"], style).text == "（张三，2018a, 2018b）"


def test_subsequent_author_substitute_in_a_csl_file() -> None:
    items = [
        {
            "id": i,
            "type": "book",
            "title": t,
            "author": [{"family": f, "given": "J"}],
            "issued": {"date-parts": [[y]]},
        }
        for i, t, f, y in (
            ("a", "One", "Doe", 2001),
            ("b", "Two", "Doe", 2002),
            ("c", "Three", "Roe", 2002),
        )
    ]
    bib = format_bibliography(items, DATA / "render" / "substitute-author.csl")
    assert [e.text for e in bib.entries] == [
        "J Doe. 2001. One.",
        "———. 2002. Two.",
        "J Roe. 2002. Three.",
    ]


def test_markup_is_formatting_not_text() -> None:
    work = _work(
        "m",
        type="article-journal",
        language="en",
        title="The <i>E. coli</i> genome",
        container_title="Nature",
        issued=Date.of(2001),
    )
    text = format_bibliography([work], "apa").entries[0].text
    assert "<i>" not in text and "The E. coli genome" in text
    html = format_bibliography([work], "apa", markup="html").entries[0].text
    assert "<i>E. coli</i>" in html and "<i>Nature</i>" in html
    md = format_bibliography([work], "apa", markup="markdown").entries[0].text
    assert "*Nature*" in md


def test_odd_data_never_raises_and_never_loses_the_list() -> None:
    items = [
        {"id": "lit", "type": "book", "title": "机构作者", "author": [{"literal": "国家统计局"}]},
        {"id": "edtf", "type": "book", "title": "EDTF", "issued": "2019-07-16"},
        {"id": "raw", "type": "book", "title": "Raw", "issued": {"raw": "2019/2020"}},
        {
            "id": "junk",
            "type": "nonsense-type",
            "author": "not a list",
            "issued": {"date-parts": [["x"]]},
        },
        {"id": "empty", "type": "book"},
    ]
    bib = format_bibliography(items)
    assert [e.id for e in bib.entries] == ["lit", "edtf", "raw", "junk", "empty"]
    assert bib.entries[0].text == "[1] 国家统计局. 机构作者[M]."
    assert bib.entries[1].text == "[2] EDTF[M]. 2019."
    assert bib.entries[2].text == "[3] Raw[M]. 2019—2020."
    junk = {(p.code, p.message) for p in bib.problems if p.key == "junk"}
    # CSL-JSON items are read by the CSL-JSON reader, with its problems
    assert ("unknown-type", "unknown item type 'nonsense-type'; read as 'document'") in junk
    assert ("bad-name", "author[0]: a name given as a string was read as a literal name") in junk
    assert all(p.severity == "warning" for p in bib.problems)
    extra = format_bibliography([{"id": "u", "type": "book", "title": "T", "colour": "red"}])
    assert [p.message for p in extra.problems if p.code != "missing-element"] == [
        "unsupported variable 'colour' ignored by the styles"
    ]


def test_ids_differing_in_case_stay_distinct() -> None:
    items = [
        {"id": "Smith2020", "type": "book", "title": "Upper", "language": "en"},
        {"id": "smith2020", "type": "book", "title": "Lower", "language": "en"},
    ]
    bib = format_bibliography(items)
    assert [(e.id, e.text) for e in bib.entries] == [
        ("Smith2020", "[1] Upper[M]."),
        ("smith2020", "[2] Lower[M]."),
    ]
    assert citelib.cite(items, ["smith2020"]).text == "[2]"


def test_sentence_case_keeps_protected_words() -> None:
    assert (
        sentence_case("Cataloging Internet Resources: A Manual")
        == "Cataloging internet resources: a manual"
    )
    assert sentence_case('The <span class="nocase">NASA</span> Way of DNA and iPhone') == (
        'The <span class="nocase">NASA</span> way of DNA and iPhone'
    )
    work = _work(
        "s", type="book", language="en", title="Cataloging Internet Resources", issued=Date.of(1995)
    )
    assert format_bibliography([work], sentence_case=True).entries[0].text == (
        "[1] Cataloging internet resources[M]. 1995."
    )
    serial = _work("q", type="periodical", language="en", title="Public Library Quarterly")
    assert format_bibliography([serial], sentence_case=True).entries[0].text == (
        "[1] Public Library Quarterly[J]."
    )


names = st.text(alphabet="张李王abcXYZ .-", max_size=8)


@settings(max_examples=examples(60))
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "type": st.sampled_from(
                    ["book", "article-journal", "thesis", "webpage", "chapter", "report"]
                ),
                "title": st.one_of(
                    st.text(max_size=20),
                    st.text(alphabet="ab'\"<>/ispan=", max_size=20),
                ),
                "author": st.lists(
                    st.one_of(
                        st.fixed_dictionaries({"family": names, "given": names}),
                        st.fixed_dictionaries({"literal": names}),
                    ),
                    max_size=5,
                ),
                "issued": st.one_of(st.text(max_size=12), st.just({"date-parts": [[2020, 13]]})),
                "page": st.text(alphabet="0123456789-–, ", max_size=8),
            }
        ),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from(STYLES),
)
def test_rendering_never_raises(items: list[dict[str, object]], style: str) -> None:
    for i, item in enumerate(items):
        item["id"] = f"k{i}"
    bib = format_bibliography(items, style)
    assert _listed_or_reported(bib) == {f"k{i}" for i in range(len(items))}
    # the fallback entry is a safety net, not a way to hide engine errors
    assert not [p for p in bib.problems if p.message.startswith("cannot render")]
    assert citelib.cite(items, [f"k{i}" for i in range(len(items))], style).text


def _listed_or_reported(bib: citelib.Bibliography) -> set[str]:
    """The works with an entry, and those reported as printing nothing (left out, as
    citeproc-js leaves them out); each exactly once."""
    listed = [e.id for e in bib.entries]
    empty = [p.key for p in bib.problems if p.code == "empty-entry" and p.key not in listed]
    assert len(set(listed)) == len(listed) and len(set(empty)) == len(empty)
    return set(listed) | {k for k in empty if k}


@settings(max_examples=examples(40))
@given(st.lists(strategies.works(full=True), min_size=1, max_size=4), st.sampled_from(STYLES))
def test_any_work_renders_in_every_style(works: list[Work], style: str) -> None:
    """Works of every kind (tests/strategies.py) render without a fallback entry."""
    works = [w.evolve(id=f"w{i}") for i, w in enumerate(works)]
    for markup in ("text", "html"):
        bib = format_bibliography(works, style, markup=markup, sentence_case=True)  # type: ignore[arg-type]
        if style.endswith("numeric"):  # numbered in input order, an empty entry marked
            assert [e.id for e in bib.entries] == [w.id for w in works]
        assert _listed_or_reported(bib) == {w.id for w in works}
        assert not [p for p in bib.problems if p.message.startswith("cannot render")]
    assert citelib.cite(works, [w.id for w in works], style).text


# ----------------------------------------------------------------------------
# CLI


def test_cli_format_json_and_keys() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["format", str(SEEDS), "--keys", "sun2018,ren2020", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [e["id"] for e in data["entries"]] == ["sun2018", "ren2020"]
    assert data["entries"][1]["text"] == f"[2] Ren K Q. {REN_TITLE}[D]. 2020."


def test_cli_format_standard_forms(tmp_path: Path) -> None:
    """--full-pinyin and --omit-contained-pid reach format_bibliography."""
    bib = tmp_path / "w.bib"
    bib.write_text(
        "@book{w, author = {Wang, Shanshan}, title = {Imaging}, year = {2022},\n"
        "  url = {https://link.springer.com/book/10.1007/978-981-16-3868-8},\n"
        "  doi = {10.1007/978-981-16-3868-8}, langid = {american}}\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    plain = runner.invoke(cli, ["format", str(bib)])
    assert plain.exit_code == 0, plain.output
    assert plain.stdout.startswith("[1] Wang S. Imaging[M/OL]. 2022.")
    assert "DOI:10.1007/978-981-16-3868-8." in plain.stdout
    opted = runner.invoke(cli, ["format", str(bib), "--full-pinyin", "--omit-contained-pid"])
    assert opted.exit_code == 0, opted.output
    assert opted.stdout == (
        "[1] Wang Shanshan. Imaging[M/OL]. 2022. "
        "https://link.springer.com/book/10.1007/978-981-16-3868-8.\n"
    )


def test_cli_format_aux_markup_and_output(tmp_path: Path) -> None:
    aux = tmp_path / "t.aux"
    aux.write_text("\\citation{wu2024}\n")
    out = tmp_path / "refs.md"
    result = CliRunner().invoke(
        cli,
        [
            "format",
            str(SEEDS),
            "--aux",
            str(aux),
            "--style",
            "apa",
            "--markup",
            "markdown",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("Wu, Y. (2024). *Research on Vertical")


def test_cli_cite_and_styles() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["cite", str(SEEDS), "-k", "sun2018,ren2020,wang2024", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"citations": ["[1-3]"]}
    result = runner.invoke(
        cli, ["cite", str(SEEDS), "-k", "sun2018", "--style", "apa", "--locator", "sun2018=chap. 3"]
    )
    assert result.stdout.strip() == "(孙, 2018, Chapter 3)"
    result = runner.invoke(cli, ["cite", str(SEEDS), "-k", "nope"])
    assert result.exit_code == 0 and result.stdout.strip() == "[nope?]"
    assert "nope" in result.stderr
    listed = runner.invoke(cli, ["styles"]).stdout.split()
    assert listed[0] == "gbt7714-2025-numeric" and "apa" in listed


def test_cli_unknown_style_is_an_error() -> None:
    result = CliRunner().invoke(cli, ["format", str(SEEDS), "--style", "nope"])
    assert result.exit_code == 1
    assert "known: apa" in result.stderr


def test_a_short_name_and_its_path_load_one_compiled_style() -> None:
    # the short-name path (os.path, no pathlib) and style_path find the same file
    from citelib import render as R

    for name in R.styles():
        assert R._style(name) is R._style(R.style_path(name)), name
