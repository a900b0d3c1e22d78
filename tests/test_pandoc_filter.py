"""citelib-pandoc, the pandoc filter: on pandoc's JSON AST, and through real pandoc.

The tests with pandoc skip where it is absent (``.ci/clients`` installs it).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import ROOT

from citelib.cli import cli
from citelib.pandoc import FilterError, filter_document, html_inlines

THESIS = ROOT / "tests" / "data" / "pandoc" / "thesis.md"
FILTER = Path(sys.executable).parent / "citelib-pandoc"
ORDER = ["sun2018", "ren2020", "wang2024", "pang2021", "zhang1997", "luo2011", "wu2024"]


def _cite(key: str, mode: str = "NormalCitation", suffix: str = "") -> dict[str, Any]:
    return {
        "t": "Cite",
        "c": [
            [
                {
                    "citationId": key,
                    "citationPrefix": [],
                    "citationSuffix": [{"t": "Str", "c": suffix}] if suffix else [],
                    "citationMode": {"t": mode},
                    "citationNoteNum": 1,
                    "citationHash": 0,
                }
            ],
            [{"t": "Str", "c": f"[@{key}]"}],
        ],
    }


def _doc(*inlines: dict[str, Any], **meta: Any) -> dict[str, Any]:
    metadata = {k.replace("_", "-"): v for k, v in meta.items()}
    metadata.setdefault("bibliography", {"t": "MetaString", "c": "seeds/governance.bib"})
    return {
        "pandoc-api-version": [1, 22, 2, 1],
        "meta": metadata,
        "blocks": [{"t": "Para", "c": list(inlines)}],
    }


def _text(node: Any) -> str:
    if isinstance(node, list):
        return "".join(_text(n) for n in node)
    if isinstance(node, dict):
        if node.get("t") == "Str":
            return str(node["c"])
        if node.get("t") == "Space":
            return " "
        return _text(node.get("c"))
    return ""


def test_citations_and_list_on_the_ast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    doc = _doc(
        _cite("ren2020"),
        {"t": "Space"},
        _cite("sun2018", suffix=", p. 12"),
        {"t": "Space"},
        _cite("sun2018", "AuthorInText"),
        reference_section_title={"t": "MetaInlines", "c": [{"t": "Str", "c": "参考文献"}]},
    )
    out = filter_document(doc)
    para = out["blocks"][0]["c"]
    assert [_text(para[i]["c"][1]) for i in (0, 2, 4)] == ["[1]", "[2]12", "孙柏瑛[2]"]
    assert para[2]["c"][1] == [{"t": "Superscript", "c": [{"t": "Str", "c": "[2]12"}]}]
    header, refs = out["blocks"][1], out["blocks"][2]
    assert header["t"] == "Header" and _text(header["c"][2]) == "参考文献"
    assert refs["c"][0] == ["refs", ["references"], []]
    assert [e["c"][0][0] for e in refs["c"][1]] == ["ref-ren2020", "ref-sun2018"]


def test_note_style_footnotes_and_positions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    doc = _doc(
        {"t": "Str", "c": "See"},
        {"t": "Space"},
        _cite("sun2018", suffix=", p. 5"),
        {"t": "Str", "c": "."},
        {"t": "Space"},
        {"t": "Str", "c": "Again"},
        {"t": "Space"},
        _cite("sun2018", suffix=", p. 7"),
        {"t": "Str", "c": "."},
        csl={"t": "MetaString", "c": "gbt7714-2025-note"},
    )
    para = filter_document(doc)["blocks"][0]["c"]
    # the space before a footnote citation goes, the period moves before it
    assert [_text(p) if p["t"] != "Cite" else "^" for p in para] == [
        "See",
        ".",
        "^",
        " ",
        "Again",
        ".",
        "^",
    ]
    first, second = para[2]["c"][1][0], para[6]["c"][1][0]
    assert first["t"] == second["t"] == "Note"
    assert _text(first["c"]).endswith("2018（1）：5.")
    assert _text(second["c"]) == "同1：7."


def test_references_in_the_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    ref = {
        "t": "MetaMap",
        "c": {
            "id": {"t": "MetaInlines", "c": [{"t": "Str", "c": "luo2011"}]},
            "type": {"t": "MetaInlines", "c": [{"t": "Str", "c": "book"}]},
            "title": {"t": "MetaInlines", "c": [{"t": "Str", "c": "西方文明史"}]},
            "author": {
                "t": "MetaList",
                "c": [{"t": "MetaMap", "c": {"family": {"t": "MetaString", "c": "罗杰斯"}}}],
            },
        },
    }
    nocite = {"t": "MetaInlines", "c": [_cite("wu2024", "AuthorInText")]}
    doc = _doc(_cite("luo2011"), references={"t": "MetaList", "c": [ref]}, nocite=nocite)
    out = filter_document(doc)
    assert _text(out["blocks"][0]["c"][0]["c"][1]) == "[1]"
    entries = out["blocks"][1]["c"][1]
    assert [e["c"][0][0] for e in entries] == ["ref-luo2011", "ref-wu2024"]
    assert _text(entries[0]["c"][1]) == "[1] 罗杰斯. 西方文明史[M]."


def test_missing_keys_warn_or_fail(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    out = filter_document(_doc(_cite("nosuch")))
    assert _text(out["blocks"][0]["c"][0]["c"][1]) == "[nosuch?]"
    assert "'nosuch'" in capsys.readouterr().err
    with pytest.raises(FilterError, match="nosuch"):
        filter_document(_doc(_cite("nosuch"), citelib_strict={"t": "MetaBool", "c": True}))


def test_html_inlines() -> None:
    assert html_inlines('<i>A</i> <a href="https://x.org">x</a>&#38;') == [
        {"t": "Emph", "c": [{"t": "Str", "c": "A"}]},
        {"t": "Space"},
        {"t": "Link", "c": [["", [], []], [{"t": "Str", "c": "x"}], ["https://x.org", ""]]},
        {"t": "Str", "c": "&"},
    ]
    assert html_inlines('<a href="https://x.org">x</a>', links=False) == [{"t": "Str", "c": "x"}]


# ----------------------------------------------------------------------------- real pandoc


def _pandoc() -> str:
    exe = shutil.which("pandoc")
    if exe is None:
        pytest.skip("needs pandoc >= 2.11 (.ci/clients installs it)")
    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout
    m = re.match(r"pandoc(?:\.exe)? (\d+)\.(\d+)", version)
    if m is None or (int(m.group(1)), int(m.group(2))) < (2, 11):
        pytest.skip(f"needs pandoc >= 2.11, found {version.splitlines()[0]}")
    if not FILTER.exists():
        pytest.skip(f"citelib-pandoc is not installed beside {sys.executable}")
    return exe


def _run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [_pandoc(), str(THESIS), "--filter", str(FILTER), *args],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )


def _listed(*extra: str) -> list[str]:
    """``citelib format --keys`` of the manuscript's works, in first-citation order."""
    refs = ROOT / "tests" / "data" / "pandoc" / "references.json"
    args = ["format", str(ROOT / "seeds" / "governance.bib"), str(refs), "--keys", ",".join(ORDER)]
    result = CliRunner().invoke(cli, [*args, *extra])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_manuscript_through_pandoc_plain() -> None:
    result = _run("-t", "plain", "--wrap=none")
    assert result.returncode == 0, result.stderr.decode()
    text = result.stdout.decode()
    numbers = re.findall(r"\^\(\[([\d,\-]+)\]", text)
    assert numbers == ["1", "2", "3,4", "5", "5", "6", "1-3", "1", "7"]
    assert "Ren K Q^([2]) 讨论了" in text and "^([1]12-15)" in text
    body = text.split("参考文献", 1)[1]
    assert [line for line in body.splitlines() if line.strip()] == _listed()


def test_manuscript_through_pandoc_docx(tmp_path: Path) -> None:
    out = tmp_path / "thesis.docx"
    result = _run("-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    paragraphs = [
        "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p))
        for p in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S)
    ]
    listed = _listed()
    # one paragraph per entry, in order, after the body's
    assert paragraphs[-len(listed) :] == [html_unescape(e) for e in listed]


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


def test_manuscript_through_pandoc_latex_and_html() -> None:
    latex = _run("-t", "latex")
    assert latex.returncode == 0, latex.stderr.decode()
    tex = latex.stdout.decode()
    assert tex.count("\\textsuperscript{") == 9
    assert tex.count("\\hypertarget{ref-") == len(ORDER)
    assert tex.count("{") == tex.count("}")
    page = _run("-t", "html", "--wrap=none")
    assert page.returncode == 0, page.stderr.decode()
    markup = page.stdout.decode()
    assert markup.count('class="csl-entry"') == len(ORDER)
    assert '<a href="#ref-sun2018" role="doc-biblioref"><sup>[1]12-15</sup></a>' in markup


def test_missing_key_through_pandoc(tmp_path: Path) -> None:
    doc = tmp_path / "bad.md"
    doc.write_text("---\nbibliography: seeds/governance.bib\n---\n\nSee [@nosuch].\n")
    run = [_pandoc(), str(doc), "--filter", str(FILTER), "-t", "plain"]
    result = subprocess.run(run, capture_output=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0 and "'nosuch'" in result.stderr.decode()
    strict = subprocess.run(
        [*run, "-M", "citelib-strict=true"], capture_output=True, cwd=ROOT, timeout=120
    )
    assert strict.returncode != 0 and "nosuch" in strict.stderr.decode()
