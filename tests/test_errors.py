"""Problems and their codes: one vocabulary from every reader, writer and the renderer."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import citelib
from citelib.cli import cli
from citelib.errors import CODES, ParseError, Problem, Report
from citelib.io import decode, read_text, write_text
from citelib.model import Name, Work


def test_codes_are_checked() -> None:
    assert Problem("x", code="bad-date").code == "bad-date"
    with pytest.raises(ValueError, match="unknown problem code 'nope'"):
        Problem("x", code="nope")


def test_every_code_is_kebab_case_and_explained() -> None:
    for code, meaning in CODES.items():
        assert code == code.lower() and " " not in code and "_" not in code
        assert meaning and not meaning.endswith(".")


def test_report_collects_in_order() -> None:
    report = Report("refs.bib")
    report.warning("bad-date", "odd date", line=3, key="a", field="date")
    report.error("syntax", "bad block", line=9)
    assert [(p.severity, p.code, p.file, p.line, p.key, p.field) for p in report.problems] == [
        ("warning", "bad-date", "refs.bib", 3, "a", "date"),
        ("error", "syntax", "refs.bib", 9, None, None),
    ]
    assert str(report.problems[0]) == "refs.bib:3: warning: odd date (entry 'a')"


@pytest.mark.parametrize(
    ("text", "fmt", "code"),
    [
        ("@article{a, title={T}\n  year={2020}}", "bibtex", "missing-comma"),
        ("@article{a, title={T}}\n@article{a, title={U}}", "bibtex", "duplicate-key"),
        ("@article{a, title={T}, title={U}}", "bibtex", "duplicate-field"),
        ("@article{a, journal=jnl}", "bibtex", "undefined-macro"),
        ("@article{a, crossref={b}}", "bibtex", "missing-parent"),
        ("@book{a, year={2020}, month={Smarch}}", "bibtex", "bad-date"),
        ('[{"id": "a", "type": "thing"}]', "csljson", "unknown-type"),
        ('[{"id": "a", "type": "book", "id": "b"}]', "csljson", "duplicate-field"),
        ('{"id": "a", "type": "book"}', "csljson", "not-an-array"),
        ("nothing here", "ris", "no-records"),
        ("TY  - JOUR\nTI  - T\n", "ris", "syntax"),
        ("%0 Wild Thing\n%T T\n", "endnote", "unknown-type"),
    ],
)
def test_reader_codes(text: str, fmt: str, code: str) -> None:
    assert code in [p.code for p in read_text(text, fmt).problems]


def test_parse_errors_have_codes() -> None:
    with pytest.raises(ParseError) as bad_json:
        read_text("[{", "csljson")
    assert bad_json.value.code == "syntax"
    with pytest.raises(ParseError) as bad_bytes:
        decode(b"\xef\xbb\xbf\xff\xfe", source="x.bib")
    assert bad_bytes.value.code == "encoding"
    assert "x.bib:1" in str(bad_bytes.value)


def test_writer_codes() -> None:
    w = Work(
        id="a",
        type="book",
        title="<i>T</i>",
        author=(Name(family="Beethoven", given="Ludwig", dropping_particle="van"),),
        categories=("x",),
    )
    assert {p.code for p in write_text([w], "ris").problems} == {"not-written", "changed"}
    assert [p.code for p in write_text([w], "bibtex").problems] == ["not-written"]
    assert write_text([w], "csljson").problems == ()


def test_render_codes() -> None:
    works = [Work(id="a", type="book", title="T")]
    cited = citelib.cite(works, ["a", "zz"])
    assert [(p.code, p.key) for p in cited.problems] == [("unknown-key", "zz")]
    bib = citelib.format_bibliography([Work(id="b", type="book")])
    assert "sparse-entry" in [p.code for p in bib.problems]


def test_deprecated_warnings_name() -> None:
    bib = citelib.format_bibliography([Work(id="b", type="book")])
    with pytest.warns(DeprecationWarning, match="Bibliography.problems"):
        assert bib.warnings == bib.problems


def test_cli_duplicates_are_found_by_code(tmp_path: Path) -> None:
    a, b = tmp_path / "a.bib", tmp_path / "b.json"
    a.write_text("@book{k, title={A}}\n@book{k, title={B}}\n", encoding="utf-8")
    b.write_text('[{"id": "K", "type": "book", "title": "C"}]', encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(a), str(b)])
    assert result.exit_code == 1
    # the reader reported k twice in a.bib; the library-wide check adds only K (case)
    assert result.stderr.count("duplicate key") == 2
