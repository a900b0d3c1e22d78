"""The ``convert`` and ``check`` commands: exit codes, messages on stderr, atomic output, stdin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from citelib.cli import cli
from citelib.formats import csljson
from citelib.model import Work

GOOD = [
    {"id": "sun2018", "type": "article-journal", "title": "突破“碎片化”", "issue": 1},
    {"id": "ren2020", "type": "thesis", "author": [{"family": "Ren", "given": "K. Q."}]},
]
BAD = """[
  {"id": "a", "type": "book"},
  "not an item",
  {"id": "A", "type": "bookish"}
]
"""


def run(*args: str, input: bytes | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), input=input)
    assert "Traceback" not in result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.json"
    path.write_text(json.dumps(GOOD, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.json"
    path.write_text(BAD, encoding="utf-8")
    return path


def expected_text(path: Path) -> str:
    return csljson.write(csljson.read(path.read_text(encoding="utf-8")).works).text


# --------------------------------------------------------------------------- convert


def test_convert_to_stdout(good: Path) -> None:
    result = run("convert", str(good), "--to", "csljson")
    assert result.exit_code == 0
    assert result.stdout == expected_text(good)
    assert result.stderr == ""


def test_convert_to_a_file_infers_the_format(good: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = run("convert", str(good), "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == expected_text(good)
    assert {p.name for p in tmp_path.iterdir()} == {"good.json", "out.json"}  # no temp file left


def test_convert_lenient_lists_every_problem_and_exits_0(bad: Path) -> None:
    result = run("convert", str(bad), "--to", "csljson")
    assert result.exit_code == 0
    assert [w["id"] for w in json.loads(result.stdout)] == ["a", "A"]
    assert result.stderr.splitlines() == [
        f"{bad}:3: error: an item is a JSON object, not not an item",
        f"{bad}:4: warning: unknown item type 'bookish'; read as 'document' (entry 'A')",
        f"{bad}:4: warning: duplicate key: 'A' differs only in case from 'a' (entry 'A')",
        "citelib: 2 works to csljson; 3 problems (1 skipped, 2 repaired or doubtful)",
    ]


def test_convert_strict_exits_1_and_writes_nothing(bad: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = run("convert", str(bad), "--to", "csljson", "--strict", "-o", str(out))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{bad}:3: error: an item is a JSON object, not not an item",
        f"{bad}:4: warning: unknown item type 'bookish'; read as 'document' (entry 'A')",
        f"{bad}:4: warning: duplicate key: 'A' differs only in case from 'a' (entry 'A')",
        "citelib: 2 works to csljson; 3 problems (1 skipped, 2 repaired or doubtful);"
        " nothing written (--strict)",
    ]
    assert not out.exists()
    assert {p.name for p in tmp_path.iterdir()} == {"bad.json"}


def test_convert_strict_on_clean_input_succeeds(good: Path) -> None:
    result = run("convert", str(good), "--to", "csljson", "--strict")
    assert result.exit_code == 0
    assert result.stdout == expected_text(good)


def test_failed_convert_leaves_the_old_output_alone(good: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('[{"id": "a",\n "type": "book"', encoding="utf-8")
    result = run("convert", str(good), str(broken), "-o", str(out))
    assert result.exit_code == 1
    assert f"{broken}:2:" in result.stderr and "invalid JSON" in result.stderr
    assert out.read_text(encoding="utf-8") == "old"
    assert {p.name for p in tmp_path.iterdir()} == {"good.json", "broken.json", "out.json"}


def test_convert_replaces_the_output_whole(good: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("x" * 100_000, encoding="utf-8")
    assert run("convert", str(good), "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8") == expected_text(good)


def test_convert_from_stdin(good: Path) -> None:
    result = run("convert", "-", "--from", "csljson", "--to", "csljson", input=good.read_bytes())
    assert result.exit_code == 0
    assert result.stdout == expected_text(good)


def test_convert_stdin_problems_name_stdin() -> None:
    result = run("convert", "-", "--from", "csljson", "--to", "csljson", input=b"[1]")
    assert "<stdin>:1: error: an item is a JSON object, not 1" in result.stderr
    # no work read, and an error says why: nothing is written (no "[]"), exit 1
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no works read; nothing written" in result.stderr


def test_convert_says_when_nothing_was_read(tmp_path: Path, good: Path) -> None:
    empty = tmp_path / "empty.bib"
    empty.write_text("  \n", encoding="utf-8")
    result = run("convert", str(empty), "--to", "csljson")
    assert result.exit_code == 0  # an empty file is an empty library, with a warning
    assert result.stdout.strip() == "[]"
    assert f"{empty}: warning: empty file: no records" in result.stderr
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    for args in (["--from", "ris"], ["--from", "bibtex"], ["--encoding", "utf-16"]):
        result = run("convert", str(good), *args, "-o", str(out))
        assert result.exit_code == 1, args
        assert ": error: " in result.stderr, args  # what went wrong, with the file named
        assert out.read_text(encoding="utf-8") == "old"  # never overwritten with nothing


def test_several_inputs_form_one_library(good: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text(json.dumps([{"id": "SUN2018", "type": "book"}]), encoding="utf-8")
    result = run("convert", str(good), str(other), "--to", "csljson")
    assert result.exit_code == 0
    assert [w["id"] for w in json.loads(result.stdout)] == ["sun2018", "ren2020", "SUN2018"]
    assert "duplicate key: 'SUN2018' differs only in case from 'sun2018'" in result.stderr
    strict = run("convert", str(good), str(other), "--to", "csljson", "--strict")
    assert strict.exit_code == 1


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "gb18030"])
def test_convert_detects_the_encoding(good: Path, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "enc.json"
    path.write_text(json.dumps(GOOD, ensure_ascii=False), encoding=encoding)
    result = run("convert", str(path), "--to", "csljson")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["title"] == "突破“碎片化”"


def test_convert_encoding_option(tmp_path: Path) -> None:
    path = tmp_path / "gbk.json"
    path.write_bytes(json.dumps(GOOD, ensure_ascii=False).encode("gbk"))
    assert run("convert", str(path), "--to", "csljson", "--encoding", "gbk").exit_code == 0
    wrong = run("convert", str(path), "--to", "csljson", "--encoding", "utf-8")
    assert wrong.exit_code == 1
    assert "not valid utf-8" in wrong.stderr
    unknown = run("convert", str(path), "--to", "csljson", "--encoding", "klingon")
    assert unknown.exit_code == 1
    assert "unknown encoding 'klingon'" in unknown.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--to", "bibtx"], 1, "unknown format 'bibtx'"),
        (["--from", "nope", "--to", "csljson"], 1, "unknown format 'nope'"),
        ([], 2, "name the output format with --to"),
        (["-o", "out.unknown"], 1, "cannot tell the format"),
    ],
)
def test_convert_usage_errors(good: Path, args: list[str], code: int, message: str) -> None:
    result = run("convert", str(good), *args)
    assert result.exit_code == code
    assert message in result.stderr


def test_convert_missing_input(tmp_path: Path) -> None:
    result = run("convert", str(tmp_path / "nope.json"), "--to", "csljson")
    assert result.exit_code == 1
    assert "nope.json: cannot read" in result.stderr


def test_convert_to_bibtex(good: Path) -> None:
    pytest.importorskip("citelib.formats.bibtex")
    result = run("convert", str(good), "--to", "bibtex")
    assert result.exit_code == 0
    assert "@article{sun2018," in result.stdout.lower()
    assert "{ren2020," in result.stdout


def test_convert_stdin_format_is_sniffed(good: Path) -> None:
    pytest.importorskip("citelib.formats.bibtex")  # sniffing asks every registered format
    result = run("convert", "-", "--to", "csljson", input=good.read_bytes())
    assert result.exit_code == 0
    assert result.stdout == expected_text(good)


# --------------------------------------------------------------------------- check


CLEAN = [
    {
        "id": "sun2018",
        "type": "article-journal",
        "title": "突破“碎片化”",
        "author": [{"family": "孙", "given": "柏瑛"}],
        "container-title": "地方治理研究",
        "issued": {"date-parts": [[2018]]},
        "issue": 1,
        "page": "2-16",
    },
    {
        "id": "ren2020",
        "type": "thesis",
        "title": "Manufacturing typical experience",
        "author": [{"family": "Ren", "given": "K. Q."}],
        "publisher": "Zhejiang University",
        "publisher-place": "Hangzhou",
        "issued": {"date-parts": [[2020]]},
    },
]

MISSING_A = [
    "missing title (题名), required of a book by GB/T 7714—2025 8.2, 7.2 (entry 'a'); fix: add the title",
    "missing place of publication (出版地), required of a book by GB/T 7714—2025 8.2, 7.5.2"
    " (entry 'a'); fix: add the place (BibTeX address/location); if unknown, --placeholders"
    " prints [S.l.]",
    "missing publisher (出版者), required of a book by GB/T 7714—2025 8.2, 7.5.3 (entry 'a');"
    " fix: add the publisher (BibTeX publisher); if unknown, --placeholders prints [s.n.]",
    "missing year of publication (出版年), required of a book by GB/T 7714—2025 8.2, 7.5.4"
    " (entry 'a'); fix: add the year (BibTeX year/date)",
]


def test_check_clean(tmp_path: Path) -> None:
    path = tmp_path / "clean.json"
    path.write_text(json.dumps(CLEAN, ensure_ascii=False), encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 0
    assert result.stdout == "2 works in 1 file: no problems\n"
    assert result.stderr == ""


def test_check_reports_every_problem(bad: Path) -> None:
    result = run("check", str(bad))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{bad}:3: error: an item is a JSON object, not not an item",
        f"{bad}:4: warning: unknown item type 'bookish'; read as 'document' (entry 'A')",
        f"{bad}:4: warning: duplicate key: 'A' differs only in case from 'a' (entry 'A')",
        *(f"{bad}:2: error: {line}" for line in MISSING_A),
        f"{bad}:4: error: missing title (题名), required of any work by GB/T 7714—2025 8, 7.2"
        " (entry 'A'); fix: add the title",
    ]
    assert result.stdout == "2 works in 1 file: 8 problems (6 errors, 2 warnings)\n"


def test_check_goes_on_past_an_unreadable_file(good: Path, bad: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("[\n{", encoding="utf-8")
    result = run("check", str(broken), str(good), str(bad), "--style", "IEEE（双语）")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{broken}:2:2: error: invalid JSON")
    assert lines[-1] == (
        "<input>: warning: the style 'IEEE（双语）' follows no standard citelib knows; only the"
        " generic checks were made; fix: name a GB/T 7714 or APA style with --style for its"
        " required elements"
    )
    assert len(lines) == 5
    assert result.stdout == "4 works in 3 files, 1 unreadable: 5 problems (2 errors, 3 warnings)\n"


def test_check_stdin() -> None:
    data = json.dumps([{"id": "x", "type": "book"}, {"id": "x", "type": "book"}]).encode()
    result = run("check", "-", "--from", "csljson", input=data)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "<stdin>:1: warning: duplicate key: 'x' again (entry 'x')"
    # standard input is not read twice: its works are named without a line
    assert (
        lines[1:]
        == [
            f"<stdin>: error: {line.replace(chr(39) + 'a' + chr(39), chr(39) + 'x' + chr(39))}"
            for line in MISSING_A
        ]
        * 2
    )


def test_check_exits_0_on_warnings_alone_and_1_with_strict(tmp_path: Path) -> None:
    """Only an error fails a check; --strict keeps the old rule (any problem exits 1)."""
    works = [{**CLEAN[1], "URL": "www.example.org/thesis"}]
    path = tmp_path / "warn.json"
    path.write_text(json.dumps(works), encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 0
    assert result.stderr == (
        f"{path}:1: warning: the URL 'www.example.org/thesis' is not a web address"
        " (http(s)://host/...) (entry 'ren2020'); fix: give the full address with http:// or"
        " https://, without spaces\n"
    )
    assert run("check", "--strict", str(path)).exit_code == 1


def test_check_help_lists_the_commands() -> None:
    result = run("--help")
    assert "convert" in result.stdout and "check" in result.stdout


def test_written_output_reads_back(good: Path, tmp_path: Path) -> None:
    out = tmp_path / "round.json"
    assert run("convert", str(good), "-o", str(out)).exit_code == 0
    again = csljson.read(out.read_text(encoding="utf-8"))
    assert [w.id for w in again.works] == ["sun2018", "ren2020"]
    assert isinstance(again.works[0], Work)


def test_check_reports_a_case_only_duplicate_once(tmp_path: Path) -> None:
    """The reader's report of Smith2020/smith2020 is not repeated by the CLI's own check."""
    path = tmp_path / "dup.bib"
    path.write_text("@misc{smith2020, title={A}}\n\n@misc{Smith2020, title={B}}\n", "utf-8")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 0  # a duplicate key is a warning: it fails only --strict
    lines = [line for line in result.stderr.splitlines() if "Smith2020" in line]
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path}:3: warning: key 'Smith2020' differs only in case")
