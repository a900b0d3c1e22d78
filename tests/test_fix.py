"""citelib fix: the unambiguous repairs, each reported, output written atomically (issue 10, item 4)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import examples
from hypothesis import given, settings
from strategies import works

import citelib
from citelib.checks import language_problem, unsplit_personal_name
from citelib.cli import cli
from citelib.model import Date, Name, Work
from citelib.repairs import fix, fix_work

BIB = """@article{zhang2020,
  author = {{张三} and {欧阳修} and {北京大学}},
  title = {数字治理研究},
  journal = {中国行政管理},
  year = {2020},
  volume = {03},
  number = {09},
  pages = {1--10},
  doi = {https://doi.org/１０．１０００／ａｂｃ},
  issn = {１００６－０８６３},
  langid = {english}
}
@book{smith2020,
  author = {Smith, John},
  title = {Digital governance},
  publisher = {Springer},
  address = {Berlin},
  year = {2020},
  isbn = {ISBN 978－3－16－148410－0},
  language = {chinese}
}
@article{news,
  author = {{张璁}},
  title = {让“接诉即办”更加精准高效},
  journal = {人民日报},
  date = {2023-05-18},
  pages = {007},
  entrysubtype = {newspaper}
}
"""


def _fixed(work: Work) -> tuple[Work, list[str]]:
    out, problems = fix_work(work)
    assert all(
        p.code == "repaired" and p.severity == "warning" and p.key == work.id for p in problems
    )
    return out, [p.field or "" for p in problems]


def test_language_from_script() -> None:
    w, fields = _fixed(Work(id="a", type="book", title="全唐五代诗格汇考", language="en-US"))
    assert (w.language, fields) == ("zh-CN", ["language"])
    w, _ = _fixed(Work(id="a", type="book", title="日本の図書館", language="zh"))
    assert w.language == "ja-JP"
    w, _ = _fixed(Work(id="a", type="book", title="Invisible college", language="zh-CN"))
    assert w.language is None  # a Latin title cannot say its language: the tag goes
    right = Work(id="a", type="book", title="Invisible college", language="de")
    assert _fixed(right) == (right, [])  # no contradiction, nothing to repair


def test_leading_zeros() -> None:
    w, fields = _fixed(Work(id="a", type="article-journal", title="T", volume="03", issue="09"))
    assert (w.volume, w.issue, fields) == ("3", "9", ["volume", "issue"])
    news = Work(id="n", type="article-newspaper", title="T", page="007")
    assert _fixed(news)[0].page == "7"
    article = Work(id="a", type="article-journal", title="T", page="034708", issue="0")
    assert _fixed(article) == (article, [])  # an article number keeps its zeros


def test_identifiers_half_width() -> None:
    w, fields = _fixed(
        Work(
            id="a",
            type="book",
            title="T",
            doi="doi: １０．１０００／ＡＢＣ",
            isbn="ISBN 978－7－5097－3587－6",
            issn="１００６－０８６３",
        )
    )
    assert (w.doi, w.isbn, w.issn) == ("10.1000/ABC", "978-7-5097-3587-6", "1006-0863")
    assert fields == ["DOI", "ISBN", "ISSN"]


def test_cjk_literal_names_split() -> None:
    work = Work(
        id="a",
        type="book",
        title="T",
        author=[Name(literal="张三"), Name(literal="欧阳修"), Name(literal="北京大学")],
        editor=[Name(literal="斯科特·詹姆斯 C.")],
    )
    w, fields = _fixed(work)
    assert w.author == (
        Name(family="张", given="三"),
        Name(family="欧阳", given="修"),
        Name(literal="北京大学"),  # an institution stays whole
    )
    assert w.editor == work.editor  # a translated name stays whole
    assert fields == ["author"]


def test_fix_places_problems() -> None:
    lib = citelib.io.read_text(BIB, "bibtex", source="refs.bib")
    fixed = fix(lib, {"zhang2020": ("refs.bib", 1), "news": ("refs.bib", 22)})
    repairs = [p for p in fixed.problems if p.code == "repaired"]
    assert [(p.key, p.field, p.line) for p in repairs] == [
        ("zhang2020", "language", 1),
        ("zhang2020", "volume", 1),
        ("zhang2020", "issue", 1),
        ("zhang2020", "DOI", 1),
        ("zhang2020", "ISSN", 1),
        ("zhang2020", "author", 1),
        ("smith2020", "language", None),
        ("smith2020", "ISBN", None),
        ("news", "page", 22),
        ("news", "author", 22),
    ]
    assert "'https://doi.org/１０．１０００／ａｂｃ' → '10.1000/abc'" in repairs[3].message


def test_cli_fix_in_place(tmp_path: Path) -> None:
    src = tmp_path / "refs.bib"
    src.write_text(BIB, encoding="utf-8")
    result = CliRunner().invoke(cli, ["fix", str(src), "-o", str(src)])
    assert result.exit_code == 0, result.output
    assert f"{src}:1: warning: volume '03' → '3' (leading zeros dropped) (entry 'zhang2020')" in (
        result.stderr
    )
    assert "10 repairs" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["refs.bib"]  # no temporary file left
    again = citelib.read(src)
    (z,) = [w for w in again if w.id == "zhang2020"]
    assert (z.volume, z.issue, z.doi, z.language) == ("3", "9", "10.1000/abc", "zh-CN")
    assert z.author[0] == Name(family="张", given="三")
    # a second run has nothing left to repair; check finds none of what was repaired
    second = CliRunner().invoke(cli, ["fix", str(src), "-o", str(src)])
    assert "0 repairs" in second.stderr
    check = CliRunner().invoke(cli, ["check", str(src), "--json"])
    codes = {p["code"] for p in __import__("json").loads(check.stdout)["problems"]}
    assert not codes & {"language-script", "name-literal", "bad-doi"}


def test_cli_fix_to_stdout_in_the_input_format(tmp_path: Path) -> None:
    src = tmp_path / "refs.bib"
    src.write_text(BIB, encoding="utf-8")
    result = CliRunner().invoke(cli, ["fix", str(src)])
    assert result.exit_code == 0
    assert result.stdout.startswith("@article{zhang2020,")
    as_json = CliRunner().invoke(cli, ["fix", str(src), "--to", "csljson"])
    assert as_json.stdout.lstrip().startswith("[")


@settings(max_examples=examples(100))
@given(works())
def test_fix_is_idempotent_and_leaves_nothing_to_repair(work: Work) -> None:
    once, _ = fix_work(work)
    twice, problems = fix_work(once)
    assert twice == once and problems == []
    assert language_problem(once) is None
    assert not any(unsplit_personal_name(n) for n in once.author)


def test_dates_and_other_fields_untouched() -> None:
    w = Work(id="a", type="book", title="T", issued=Date.of(2020, 1, 2), note="x 09")
    assert fix_work(w) == (w, [])
