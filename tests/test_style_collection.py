"""Every zotero-chinese style by name: the shipped collection, its search, its resolution."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import COMPARE, shared_path

import citelib
from citelib import UnknownStyle
from citelib.cli import cli
from citelib.render import ZOTERO_CHINESE, _styles_dir, find_styles, style_path

SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "governance.bib"
ARCHIVE = _styles_dir() / ZOTERO_CHINESE


def _collection() -> list[citelib.render.StyleInfo]:
    return [s for s in find_styles() if s.collection == "zotero-chinese"]


def test_the_whole_collection_is_listed_after_citelibs_own() -> None:
    found = find_styles()
    own = [s.name for s in found if s.collection == "citelib"]
    assert own == citelib.styles()
    assert found[: len(own)] == [s for s in found if s.collection == "citelib"]
    assert len(_collection()) == 337
    assert len({s.name for s in _collection()}) == 337  # names are unique
    # two styles share a title: each is named by its folder, and the title is ambiguous
    shared = "GB/T 7714—2015（注释，双语，姓名不大写，无 URL、DOI）"
    twins = [s for s in _collection() if s.title == shared]
    assert [s.name for s in twins] == [s.folder for s in twins] and len(twins) == 2
    with pytest.raises(UnknownStyle, match="give the folder name"):
        style_path(shared)
    assert style_path(twins[1].name).name.startswith(twins[1].name)


def test_the_styles_are_shipped_unmodified() -> None:
    source = shared_path("csl", "zotero-chinese", why=COMPARE)
    with zipfile.ZipFile(ARCHIVE) as archive:
        members = [n for n in archive.namelist() if n.endswith(".csl")]
        assert len(members) == 337
        for member in members:
            assert archive.read(member) == (source / member).read_bytes(), member


def test_a_style_is_found_by_title_or_folder_in_any_width_or_case() -> None:
    by_title = style_path("GB/T 7714—2015（顺序编码，双语）")
    assert isinstance(by_title, zipfile.Path)
    assert by_title.name == "GB-T-7714—2015（顺序编码，双语）.csl"
    for other in (
        "GB-T-7714—2015（顺序编码，双语）",  # the folder
        "GB-T-7714—2015（顺序编码，双语）.csl",  # the file
        "gb/t 7714—2015(顺序编码,双语)",  # half-width brackets and comma, lower case
    ):
        assert str(style_path(other)) == str(by_title), other
    with pytest.raises(UnknownStyle, match="citelib styles WORD"):
        style_path("GB/T 7714—2015（不存在）")


def test_search_by_title_tag_and_description() -> None:
    assert [s.name for s in find_styles("清华")] == [
        "清华大学（人文社科）",
        "清华大学（著者-出版年）",
        "清华大学（顺序编码）",
    ]
    both = find_styles("GB/T 2015 著者 全角标点")
    assert [s.name for s in both] == ["GB/T 7714—2015（著者-出版年，双语，全角标点）"]
    tagged = find_styles("姓名小写")
    assert tagged and all("姓名小写" in s.tags for s in tagged)
    assert find_styles("apa")[0].name == "apa"


@pytest.mark.slow
def test_every_style_renders_the_seeds() -> None:
    lib = citelib.read(SEEDS)
    failed = []
    for info in _collection():
        bib = citelib.format_bibliography(lib, info.name)
        # each work has its entry, or is reported as one the style prints nothing for
        shown = {e.id for e in bib.entries} | {
            p.key for p in bib.problems if p.code == "empty-entry"
        }
        if shown != set(lib.keys()):
            failed.append((info.name, sorted(set(lib.keys()) - shown)))
    assert not failed


def test_a_zotero_chinese_style_renders_as_its_file_does(tmp_path: Path) -> None:
    lib = citelib.read(SEEDS)
    title = "GB/T 7714—2015（著者-出版年，双语）"
    copy = tmp_path / "style.csl"
    copy.write_bytes(style_path(title).read_bytes())
    assert citelib.format_bibliography(lib, title).entries == (
        citelib.format_bibliography(lib, copy).entries
    )


def test_cli_lists_and_searches() -> None:
    runner = CliRunner()
    listed = runner.invoke(cli, ["styles"]).stdout.splitlines()
    assert listed[0] == "gbt7714-2025-numeric" and len(listed) == 343
    result = runner.invoke(cli, ["styles", "清华", "顺序"])
    assert result.stdout.splitlines() == ["清华大学（顺序编码）"]
    rows = json.loads(runner.invoke(cli, ["styles", "清华", "顺序", "--json"]).stdout)
    assert rows[0]["folder"] == "清华大学（顺序编码）" and rows[0]["citation_format"] == "numeric"
    missing = runner.invoke(cli, ["styles", "no-such-style"])
    assert missing.exit_code == 1 and "no style matches" in missing.stderr
    formatted = runner.invoke(cli, ["format", str(SEEDS), "--style", "清华大学（顺序编码）"])
    assert formatted.exit_code == 0 and formatted.stdout.count("\n") == 5
