"""The CLI's shared vocabulary: every reading command takes --from and --encoding,
data errors exit 1 with one line, usage errors exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

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
        args.insert(2, "sun2018")
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
