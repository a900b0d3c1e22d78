"""citelib.check: the elements a style's standard requires, generic checks, placeholders,
locations, and the defect benchmark over the standards' own examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import citelib
from citelib import Date, Name, Work
from citelib.checks import (
    APA7,
    GBT2015,
    GBT2025,
    check_files,
    locate,
    missing_elements,
    rules_for_style,
    with_placeholders,
)
from citelib.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds" / "governance.bib"
THESES = ["ren2020", "wang2024", "pang2021", "wu2024"]


@pytest.mark.parametrize(
    ("style", "rules"),
    [
        ("gbt7714-2025-numeric", GBT2025),
        ("gbt7714-2025-note", GBT2025),
        ("gbt7714-2015-author-date", GBT2015),
        ("apa", APA7),
        ("GB/T 7714—2015（顺序编码，双语，姓名不大写，无URL、DOI）", GBT2015),  # by its id
        ("GB/T 7714—1987（顺序编码，双语）", None),  # its 2015 template does not make it 2015
        ("IEEE（双语）", None),
        (str(ROOT / "styles" / "apa.csl"), APA7),  # a path: by the id inside
    ],
)
def test_the_standard_comes_from_the_style(style: str, rules: object) -> None:
    assert rules_for_style(style) is rules


def test_the_seed_theses_lack_place_and_institution() -> None:
    assert [p.line for p in citelib.check(citelib.read(SEEDS))] == [None] * 8  # no lines in works
    problems = check_files(SEEDS, style="gbt7714-2025-numeric")
    assert [(p.key, p.field, p.severity, p.code, p.line) for p in problems] == [
        (key, field, "error", "missing-element", line)
        for key, line in zip(THESES, [4, 18, 56, 70], strict=True)
        for field in ("publisher-place", "publisher")
    ]
    first = problems[0]
    assert first.file == str(SEEDS)
    assert first.clause == "GB/T 7714—2025 8.7, 7.5.2"
    assert first.hint == (
        "add the place (BibTeX address/location); if unknown, --placeholders prints [S.l.]"
    )


def test_cli_check_names_the_four_theses() -> None:
    result = CliRunner().invoke(cli, ["check", str(SEEDS), "--style", "gbt7714-2025-numeric"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 8
    for key in THESES:
        assert sum(f"(entry '{key}')" in line for line in lines) == 2
    assert "学位授予单位所在地" in lines[0] and "学位授予单位)" in lines[1]
    assert result.stdout == "5 works in 1 file: 8 problems (8 errors, 0 warnings)\n"


def test_cli_check_json_is_exactly_the_documented_shape() -> None:
    result = CliRunner().invoke(cli, ["check", str(SEEDS), "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert list(data) == ["problems"]
    assert data["problems"][0] == {
        "file": str(SEEDS),
        "line": 4,
        "key": "ren2020",
        "severity": "error",
        "code": "missing-element",
        "field": "publisher-place",
        "message": "missing place of the degree-granting institution (学位授予单位所在地),"
        " required of a thesis by GB/T 7714—2025 8.7, 7.5.2",
        "clause": "GB/T 7714—2025 8.7, 7.5.2",
        "hint": "add the place (BibTeX address/location); if unknown, --placeholders prints [S.l.]",
        "related": [],
    }
    assert result.stderr == ""


def _fields(work: Work, rules: object) -> list[str | None]:
    return [p.field for p in missing_elements(work, rules)]  # type: ignore[arg-type]


def test_required_elements_by_type_and_edition() -> None:
    article = Work(id="a", type="article-journal", title="T", language="zh")
    assert _fields(article, GBT2025) == ["container-title", "issued", "volume", "page"]
    assert _fields(article, APA7) == ["container-title", "volume", "page"]
    online = Work(id="o", type="book", title="T", url="https://example.org/b")
    assert _fields(online, GBT2025) == []  # e-resources may leave out place and publisher
    assert _fields(online, GBT2015) == ["accessed"]  # 2015: the cited date of every online work
    page = Work(id="w", type="webpage", title="T")
    assert _fields(page, GBT2025) == ["URL", "accessed"]
    standard = Work(id="s", type="standard", title="信息与文献 资源描述")
    assert _fields(standard, GBT2025) == ["number"]
    assert _fields(standard, GBT2015) == ["publisher-place", "publisher", "issued", "number"]
    patent = Work(id="p", type="patent", title="全智能节电器", issued=Date.of(2008, 1, 16))
    assert _fields(patent, GBT2025) == ["author", "number"]
    thesis = Work(id="t", type="thesis", title="T", issued=Date.of(2020))
    assert _fields(thesis, APA7) == ["publisher"]


def test_the_language_tag_against_the_script() -> None:
    zh_as_en = Work(id="z", type="book", title="全唐五代诗格汇考", language="en")
    en_as_zh = Work(
        id="e", type="book", title="Invisible college", author=(Name("Crane", "D"),), language="zh"
    )
    right = Work(id="r", type="book", title="全唐五代诗格汇考", language="zh-CN")
    found = citelib.check([zh_as_en, en_as_zh, right], None)
    assert [(p.key, p.code, p.field, p.severity) for p in found] == [
        ("z", "language-script", "language", "warning"),
        ("e", "language-script", "language", "warning"),
    ]
    assert found[0].message == (
        "language 'en' but the title and names are written in Chinese, Japanese or Korean characters"
    )


def test_chinese_names_literal_or_split() -> None:
    work = Work(
        id="n",
        type="book",
        title="T",
        author=(
            Name(literal="孙柏瑛"),
            Name(literal="国家统计局"),
            Name("中国科学院", "物理研究所"),
        ),
    )
    found = citelib.check([work], None)
    assert [(p.code, p.field, p.hint) for p in found] == [
        ("name-literal", "author", "store it as family '孙', given '柏瑛' (BibTeX: {family}, {given})"),
        ("name-split", "author", "store an institution as one literal name (BibTeX: wrap it in braces {...})"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("url", "doi", "codes"),
    [
        ("https://doi.org/10.1000/1", "10.1000/1", []),
        ("www.example.org", None, ["bad-url"]),
        ("http://exa mple.org", None, ["bad-url"]),
        (None, "https://doi.org/10.1000/1", ["bad-doi"]),
        (None, "doi 10/abc", ["bad-doi"]),
    ],
)
def test_urls_and_dois(url: str | None, doi: str | None, codes: list[str]) -> None:
    work = Work(id="u", type="webpage", title="T", url=url, doi=doi, accessed=Date.of(2025))
    found = [
        p for p in citelib.check([work], "gbt7714-2025-numeric") if p.code != "missing-element"
    ]
    assert [p.code for p in found] == codes
    assert all(p.severity == "warning" for p in found)


def test_placeholders_by_language() -> None:
    zh = Work(id="z", type="book", title="测试书", language="zh")
    en = Work(id="e", type="book", title="A book", publisher="Wiley", language="en")
    filled = with_placeholders(zh, GBT2025)
    assert (filled.publisher_place, filled.publisher, filled.issued) == (
        "[出版地不详]",
        "[出版者不详]",
        Date(literal="[出版年不详]"),
    )
    filled = with_placeholders(en, GBT2015)
    assert (filled.publisher_place, filled.publisher, filled.issued) == (
        "[S.l.]",
        "Wiley",
        Date(literal="[n.d.]"),
    )
    assert with_placeholders(zh, APA7) is zh
    bib = citelib.format_bibliography([zh, en], placeholders=True)
    assert [e.text for e in bib.entries] == [
        "[1] 测试书[M]. [出版地不详]：[出版者不详]，[出版年不详].",
        "[2] A book[M]. [S.l.]：Wiley，[n.d.].",
    ]
    plain = citelib.format_bibliography([zh, en])
    assert [e.text for e in plain.entries] == ["[1] 测试书[M].", "[2] A book[M]. Wiley."]
    assert [(p.key, p.field, p.severity) for p in plain.problems] == [
        ("z", "publisher-place", "warning"),
        ("z", "publisher", "warning"),
        ("z", "issued", "warning"),
        ("e", "publisher-place", "warning"),
        ("e", "issued", "warning"),
    ]


def test_format_warns_on_stderr_at_the_line_and_fills_placeholders() -> None:
    result = CliRunner().invoke(cli, ["format", str(SEEDS), "--placeholders", "--keys", "ren2020"])
    assert result.exit_code == 0
    assert result.stdout == (
        "[1] Ren K Q. Manufacturing Typical Experience: Research on Innovation Behavior of Urban"
        " Local Government in Social Governance[D]. [S.l.]：[s.n.]，2020.\n"
    )
    assert result.stderr.splitlines() == [
        f"{SEEDS}:4: warning: missing place of the degree-granting institution (学位授予单位所在地),"
        " required of a thesis by GB/T 7714—2025 8.7, 7.5.2 (entry 'ren2020')",
        f"{SEEDS}:4: warning: missing degree-granting institution (学位授予单位), required of a"
        " thesis by GB/T 7714—2025 8.7, 7.5.3 (entry 'ren2020')",
    ]


def test_locate_bibtex_and_csljson() -> None:
    bib = "@string{x = {y}}\n\n@book{a,\n title={A}}\n  @Article ( b , title={B})\n"
    js = '[\n {"id": "c"},\n {"type": "book", "id": 7}\n]'
    assert locate([("r.bib", bib), ("r.json", js)]) == {
        "a": ("r.bib", 3),
        "b": ("r.bib", 5),
        "c": ("r.json", 2),
        "7": ("r.json", 3),
    }


# ----------------------------------------------------------------------------- benchmark

import defect_bench  # noqa: E402

#: found / injected per defect class over both editions' complete examples
RECALL = {
    "place": (127, 127),
    "publisher": (127, 127),
    "institution": (15, 15),
    "journal": (63, 63),
    "year": (169, 169),
    "pages": (60, 60),
    "volume-issue": (45, 45),
    # gbt7714.b.1:17 (最新図書館用語大辭典, Japanese) tagged zh: kanji without kana, no script tells
    "language": (242, 243),
    # each example again under a new key (full-width colons, Chinese names unsplit)
    "duplicate": (368, 368),
    "access-date-2015": (44, 44),
}

#: complete examples whose .bib lacks an element the standard prints (none found: the rules
#: follow the examples, e.g. online reports and maps of 2025 print no year, 2015's report
#: A.3:3 prints no place or publisher)
DATA_GAPS: dict[str, list[str]] = {"2025": [], "2015": []}


def test_defect_benchmark_recall() -> None:
    results = defect_bench.run()
    assert results == RECALL
    found = sum(h for h, _ in results.values())
    total = sum(n for _, n in results.values())
    assert found / total >= 0.98


def test_no_errors_on_the_complete_examples() -> None:
    assert defect_bench.errors_on_complete_examples() == DATA_GAPS
    assert len(defect_bench.complete_examples("2025")) == 243
    assert len(defect_bench.complete_examples("2015")) == 125
