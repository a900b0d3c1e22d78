"""The CLI's shared vocabulary: every reading command takes --from and --encoding,
data errors exit 1 with one line, usage errors exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from citelib.cli import cli

ITEM = (
    '[{"id": "sun2018", "type": "book", "title": "治理", "issued": {"date-parts": [[2018]]},'
    ' "publisher": "人民出版社", "publisher-place": "北京"}]'
)


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def gbk_json(tmp_path: Path) -> Path:
    """CSL-JSON in GBK under a suffix that names no format."""
    path = tmp_path / "refs.data"
    path.write_bytes(ITEM.encode("gbk"))
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["convert", "--to", "ris"],
        ["check"],
        ["format"],
        ["cite"],
    ],
)
def test_every_reading_command_takes_from_and_encoding(command: list[str], gbk_json: Path) -> None:
    args = [*command, str(gbk_json), "--from", "csljson", "--encoding", "gbk"]
    if command[0] == "cite":
        args[2:2] = ["-k", "sun2018"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    as_ris = CliRunner().invoke(cli, [a if a != "csljson" else "ris" for a in args])
    assert "no RIS records found" in as_ris.stderr
    as_utf8 = CliRunner().invoke(cli, [a if a != "gbk" else "utf-8" for a in args])
    assert as_utf8.exit_code == 1
    assert f"{gbk_json}:1: error: not valid utf-8" in as_utf8.stderr


def test_usage_errors_exit_2(gbk_json: Path) -> None:
    assert CliRunner().invoke(cli, ["format", str(gbk_json), "--markup", "pdf"]).exit_code == 2
    assert CliRunner().invoke(cli, ["convert", str(gbk_json)]).exit_code == 2
    assert CliRunner().invoke(cli, ["nonesuch"]).exit_code == 2


def test_data_errors_exit_1_with_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["format", str(tmp_path / "missing.json")])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("citelib: ")
    bad = tmp_path / "bad.json"
    bad.write_text(ITEM, encoding="utf-8")
    result = CliRunner().invoke(cli, ["format", str(bad), "--style", "nonesuch"])
    assert result.exit_code == 1
    assert "citelib: unknown style 'nonesuch'" in result.stderr


# ----------------------------------------------------------------------------- cite

SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "governance.bib"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_cite_numbers_by_first_citation_one_line_per_cluster() -> None:
    result = invoke("cite", str(SEEDS), "-k", "sun2018", "-k", "ren2020,sun2018", "-k", "wang2024")
    assert result.exit_code == 0, result.output
    assert result.stdout == "[1]\n[1,2]\n[3]\n"


def test_cite_pandoc_clusters_locators_and_json() -> None:
    result = invoke(
        "cite",
        str(SEEDS),
        "-s",
        "gbt7714-2025-author-date",
        "-k",
        "[@sun2018, p. 12; -@ren2020]",
        "-k",
        "@sun2018",
        "-k",
        "ren2020",
        "--locator",
        "ren2020=3",
        "--json",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "citations": ["（孙柏瑛，2018）12；（2020）3", "孙柏瑛（2018）", "（Ren，2020）3"]
    }


def test_cite_several_inputs(tmp_path: Path) -> None:
    extra = tmp_path / "more.json"
    extra.write_text(ITEM.replace("sun2018", "zhi2018"), encoding="utf-8")
    result = invoke("cite", str(SEEDS), str(extra), "-k", "zhi2018", "-k", "sun2018,zhi2018")
    assert result.exit_code == 0, result.output
    assert result.stdout == "[1]\n[1,2]\n"


def test_cite_positional_keys_are_a_usage_error_that_suggests_k() -> None:
    result = invoke("cite", str(SEEDS), "sun2018", "ren2020")
    assert result.exit_code == 2
    assert "-k sun2018" in result.stderr
    assert invoke("cite", str(SEEDS)).exit_code == 2
    assert invoke("cite", str(SEEDS), "-k", "[@a").exit_code == 2
    assert invoke("cite", str(SEEDS), "-k", "a", "--locator", "a").exit_code == 2


def test_missing_keys_warn_and_strict_makes_them_errors(tmp_path: Path) -> None:
    result = invoke("cite", str(SEEDS), "-k", "sun2018,nosuch")
    assert result.exit_code == 0
    assert result.stdout == "[1,nosuch?]\n"
    assert "'nosuch'" in result.stderr
    out = tmp_path / "out.txt"
    for command in (["cite", "-k", "nosuch"], ["format", "--keys", "sun2018,nosuch"]):
        args = [command[0], str(SEEDS), *command[1:], "--strict", "-o", str(out)]
        result = invoke(*args)
        assert result.exit_code == 1, command
        assert "'nosuch'" in result.stderr and not out.exists()
    assert invoke("format", str(SEEDS), "--keys", "sun2018", "--strict").exit_code == 0


def test_cite_aux_bibtex_and_biblatex(tmp_path: Path) -> None:
    bibtex = tmp_path / "thesis.aux"
    bibtex.write_text("\\relax\n\\citation{wang2024}\n\\citation{sun2018,wang2024}\n")
    result = invoke("cite", str(SEEDS), "--aux", str(bibtex))
    assert result.stdout == "[1]\n[1,2]\n"
    biblatex = tmp_path / "biblatex.aux"
    biblatex.write_text(
        "\\abx@aux@refcontext{nty/global//global/global}\n"
        "\\abx@aux@cite{0}{ren2020}\n\\abx@aux@segm{0}{0}{ren2020}\n"
        "\\abx@aux@cite{0}{sun2018}\n\\citation{*}\n"
    )
    result = invoke("cite", str(SEEDS), "-k", "sun2018", "--aux", str(biblatex))
    assert result.stdout == "[1]\n[2]\n[1]\n"
    listed = invoke("format", str(SEEDS), "--aux", str(biblatex))
    assert listed.exit_code == 0
    assert len(listed.stdout.splitlines()) == 5  # \nocite{*}
    assert listed.stdout.startswith("[1] Ren K Q.")


def _console(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The console script's entry point (``citelib.cli:main``) in a fresh process."""
    code = "import sys; from citelib.cli import main; sys.argv[0] = 'citelib'; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        check=False,
    )


def test_console_script_exits_with_all_output_written(tmp_path: Path) -> None:
    """main() ends the process without the interpreter's teardown: every byte of stdout
    and stderr, the -o file and the exit codes must be as a normal exit leaves them."""
    items = [
        {
            "id": f"w{i}",
            "type": "article-journal",
            "title": f"Title {i}",
            "author": [{"family": "Li"}],
        }
        for i in range(400)
    ]
    src = tmp_path / "refs.json"
    src.write_text(json.dumps(items), encoding="utf-8")
    expected = CliRunner().invoke(cli, ["format", str(src), "--style", "apa"])
    done = _console("format", str(src), "--style", "apa", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout == expected.stdout and len(done.stdout.splitlines()) == 400
    assert done.stderr == expected.stderr and done.stderr.count("\n") >= 400  # missing elements
    out = tmp_path / "out.txt"
    written = _console("format", str(src), "--style", "apa", "-o", str(out), cwd=tmp_path)
    assert written.returncode == 0 and out.read_text(encoding="utf-8") == expected.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt", "refs.json"]  # no temp left
    missing = _console("format", str(tmp_path / "none.json"), cwd=tmp_path)
    assert missing.returncode == 1 and missing.stderr.startswith("citelib: ")
    assert _console("format", "--markup", "pdf", str(src), cwd=tmp_path).returncode == 2
    version = _console("--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("citelib, version ")
