"""Whole reference lists as documents (citelib.output, `citelib format --markup M`):
Word opened by python-docx and by pandoc, HTML parsed, Markdown and RTF read back by pandoc,
LaTeX checked for braces and escapes and compiled where a TeX engine is installed."""

from __future__ import annotations

import html.parser
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from hypothesis import given
from strategies import plain_text

import citelib
from citelib._citeproc.rich import (
    ITALIC,
    LINK_URL,
    NORMAL,
    Rich,
    latex_escape,
    rtf_escape,
    to_latex,
    to_markdown,
)
from citelib.cli import cli
from citelib.output import Fonts, bibliography_docx, bibliography_text

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds" / "governance.bib"
SPECIALS = ROOT / "tests" / "data" / "output" / "specials.json"
STYLES = ["gbt7714-2025-numeric", "gbt7714-2025-author-date", "apa"]
PANDOC = shutil.which("pandoc")
needs_pandoc = pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed")


def _bib(path: Path, style: str) -> tuple[citelib.Bibliography, list[citelib.Work]]:
    works = list(citelib.read(path).works)
    return citelib.format_bibliography(works, style), works


def _norm(text: str) -> str:
    return " ".join(text.split())


def _pandoc(data: str | bytes, source: str, target: str = "plain") -> str:
    assert PANDOC is not None
    args = [PANDOC, "-f", source, "-t", target, "--wrap=none"]
    if isinstance(data, bytes):
        proc = subprocess.run(args, input=data, capture_output=True, timeout=120, check=True)
        return proc.stdout.decode("utf-8")
    return subprocess.run(
        args, input=data, capture_output=True, text=True, timeout=120, check=True
    ).stdout


def _paragraphs(plain: str) -> list[str]:
    return [_norm(p) for p in re.split(r"\n\s*\n", plain) if p.strip()]


# ----------------------------------------------------------------------------- Word


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("path", [SEEDS, SPECIALS], ids=["seeds", "specials"])
def test_docx_one_paragraph_per_entry_in_the_default_fonts(path: Path, style: str) -> None:
    bib, _ = _bib(path, style)
    document = docx.Document(_as_file(bibliography_docx(bib)))
    paragraphs = document.paragraphs
    assert len(paragraphs) == len(bib.entries) > 0
    for paragraph, entry in zip(paragraphs, bib.entries, strict=True):
        assert _norm(paragraph.text.replace("\t", " ")) == _norm(entry.text)
        for run in paragraph.runs:
            fonts = run._r.rPr.rFonts
            assert fonts.get(qn("w:eastAsia")) == "宋体"
            assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == "Times New Roman"
            assert run.font.size is not None and run.font.size.pt == 10.5
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 10.5
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"


def _as_file(data: bytes) -> object:
    import io

    return io.BytesIO(data)


def test_docx_chinese_entries_set_shared_punctuation_in_the_east_asian_font() -> None:
    bib, _ = _bib(SEEDS, "gbt7714-2025-numeric")
    document = docx.Document(_as_file(bibliography_docx(bib)))
    for paragraph, entry in zip(document.paragraphs, bib.entries, strict=True):
        hints = {run._r.rPr.rFonts.get(qn("w:hint")) for run in paragraph.runs}
        # 孙柏瑛's entry has “碎片化” in quotes that Word would set in Times New Roman
        assert hints == ({"eastAsia"} if entry.id == "sun2018" else {None})


def test_docx_numeric_labels_hang_on_a_tab_stop() -> None:
    bib, _ = _bib(SEEDS, "gbt7714-2025-numeric")
    document = docx.Document(_as_file(bibliography_docx(bib)))
    for number, paragraph in enumerate(document.paragraphs, 1):
        layout = paragraph.paragraph_format
        assert layout.left_indent is not None and layout.left_indent > 0
        assert layout.first_line_indent == -layout.left_indent
        assert [stop.position for stop in layout.tab_stops] == [layout.left_indent]
        label, tab, body = paragraph.text.partition("\t")
        assert label == f"[{number}]" and tab and "\t" not in body


def test_docx_author_date_hangs_by_two_characters_without_tabs() -> None:
    bib, _ = _bib(SEEDS, "gbt7714-2025-author-date")
    fonts = Fonts(size=12)
    document = docx.Document(_as_file(bibliography_docx(bib, fonts=fonts)))
    for paragraph in document.paragraphs:
        layout = paragraph.paragraph_format
        assert layout.left_indent.pt == 24 and layout.first_line_indent.pt == -24
        assert "\t" not in paragraph.text
        assert not list(layout.tab_stops)


def test_docx_carries_the_formatting_of_the_style() -> None:
    bib, _ = _bib(SPECIALS, "apa")
    document = docx.Document(_as_file(bibliography_docx(bib)))
    runs = {run.text: run for p in document.paragraphs for run in p.runs}
    # APA italicises a book title; the species name inside it is upright (flip-flop)
    assert runs["On the origin of "].italic is True
    assert runs["Homo sapiens"].italic is not True
    assert runs["2"].font.subscript is True
    assert runs["5"].font.superscript is True
    assert runs["Small Caps"].font.small_caps is True
    assert runs["bold"].bold is True
    assert runs["Journal of Finance & Economics"].italic is True
    # the DOI is a link to doi.org, the text as the style prints it
    xml = zipfile.ZipFile(_as_file(bibliography_docx(bib))).read("word/_rels/document.xml.rels")
    assert b'Target="https://doi.org/10.1000/x_y.2019"' in xml
    assert b'TargetMode="External"' in xml


@needs_pandoc
@pytest.mark.parametrize("style", STYLES)
def test_pandoc_reads_the_list_back_from_docx(style: str) -> None:
    for path in (SEEDS, SPECIALS):
        bib, _ = _bib(path, style)
        plain = _pandoc(bibliography_docx(bib), "docx")
        # pandoc's plain writer prints small capitals in capitals, H₂O with Unicode digits
        assert [p.translate(_SUB_SUP).casefold() for p in _paragraphs(plain)] == [
            _norm(e.text).casefold() for e in bib.entries
        ]


def test_cli_docx_needs_a_file_and_takes_the_fonts(tmp_path: Path) -> None:
    runner = CliRunner()
    for extra in ([], ["-o", "-"]):
        result = runner.invoke(cli, ["format", str(SEEDS), "--markup", "docx", *extra])
        assert result.exit_code == 2, result.output
        assert "-o FILE.docx" in result.output
    out = tmp_path / "refs.docx"
    args = ["format", str(SEEDS), "--markup", "docx", "-o", str(out)]
    fonts = ["--font", "Arial", "--east-asian-font", "仿宋", "--font-size", "12"]
    result = runner.invoke(cli, args + fonts)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["refs.docx"]  # no temporary left
    document = docx.Document(str(out))
    assert len(document.paragraphs) == 5
    run = document.paragraphs[0].runs[-1]
    assert run._r.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    assert run.font.name == "Arial" and run.font.size.pt == 12


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--markup", "docx", "-o", "x.docx", "--json"], "--json"),
        (["--markup", "latex", "--standalone"], "--standalone"),
        (["--markup", "html", "--font", "Arial"], "--font"),
        (["--font-size", "0"], "0"),
    ],
)
def test_cli_options_that_do_not_fit_the_markup_are_usage_errors(
    args: list[str], message: str, tmp_path: Path
) -> None:
    result = CliRunner().invoke(cli, ["format", str(SEEDS), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "x.docx").exists()


def test_fonts_are_checked() -> None:
    with pytest.raises(ValueError, match="font size"):
        Fonts(size=0)
    with pytest.raises(ValueError, match="name"):
        Fonts(latin=" ")


# ----------------------------------------------------------------------------- HTML


class _Checker(html.parser.HTMLParser):
    """Tags opened and closed in order, the classes of divs, the meta charset."""

    VOID = frozenset(["meta", "br", "link"])

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.classes: list[str] = []
        self.charset: str | None = None
        self.lang: str | None = None
        self.doctype: str | None = None

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and "charset" in values:
            self.charset = values["charset"]
        if tag == "html":
            self.lang = values.get("lang")
        if tag == "div":
            self.classes.append(values.get("class") or "")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()


def _check_html(text: str) -> _Checker:
    checker = _Checker()
    checker.feed(text)
    checker.close()
    assert checker.stack == []
    return checker


@pytest.mark.parametrize("style", STYLES)
def test_html_fragment_is_citeproc_js_bib_body(style: str) -> None:
    bib, _ = _bib(SPECIALS, style)
    text = bibliography_text(bib, "html")
    checker = _check_html(text)
    assert checker.classes[0].split()[0] == "csl-bib-body"
    assert checker.classes.count("csl-entry") == len(bib.entries)
    assert checker.charset is None and checker.doctype is None
    numbered = style.endswith("numeric")
    assert checker.classes.count("csl-left-margin") == (len(bib.entries) if numbered else 0)
    assert "Risk &#38; return" in text
    assert '<a href="https://example.org/a_b?x=1&#38;y=50%25#frag">' in text or style == "apa"


@pytest.mark.parametrize(("style", "lang"), [("gbt7714-2025-numeric", "zh-CN"), ("apa", "en-US")])
def test_html_standalone_is_a_page_with_charset_and_language(
    style: str, lang: str, tmp_path: Path
) -> None:
    out = tmp_path / "refs.html"
    runner = CliRunner()
    args = ["format", str(SEEDS), "-s", style, "--markup", "html", "--standalone"]
    to_stdout = runner.invoke(cli, args)
    assert to_stdout.exit_code == 0
    assert runner.invoke(cli, [*args, "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == to_stdout.stdout
    page = to_stdout.stdout
    assert page.startswith("<!DOCTYPE html>\n")
    checker = _check_html(page)
    assert checker.charset == "utf-8"
    assert checker.lang == lang
    assert checker.classes.count("csl-entry") == 5
    fragment = runner.invoke(cli, ["format", str(SEEDS), "-s", style, "--markup", "html"])
    assert fragment.stdout in page


# ----------------------------------------------------------------------------- Markdown


@pytest.mark.parametrize("style", STYLES)
def test_markdown_entries_are_paragraphs(style: str) -> None:
    bib, _ = _bib(SPECIALS, style)
    text = bibliography_text(bib, "markdown")
    blocks = text.split("\n\n")
    assert len(blocks) == len(bib.entries)
    assert all("\n" not in b.strip() for b in blocks)


@needs_pandoc
@pytest.mark.parametrize("style", STYLES)
def test_pandoc_reads_one_paragraph_per_markdown_entry_with_the_text(style: str) -> None:
    for path in (SEEDS, SPECIALS):
        bib, _ = _bib(path, style)
        text = bibliography_text(bib, "markdown")
        blocks = json.loads(_pandoc(text, "markdown", "json"))["blocks"]
        assert [b["t"] for b in blocks] == ["Para"] * len(bib.entries)
        plain = _pandoc(text, "markdown")
        assert [p.casefold() for p in _paragraphs(plain)] == [
            _norm(e.text).casefold() for e in bib.entries
        ]


@needs_pandoc
@pytest.mark.parametrize(
    "text",
    [
        "1. Smith, an ordered list",
        "2) also a list",
        "(3) an example list",
        "a. a letter list",
        "# a heading",
        "> a quote",
        "- a bullet",
        "+ a bullet",
        "[@key] a citation, $x$ math, ~sub~, ^sup^, <b>raw</b>, &amp; an entity, *em*",
    ],
)
def test_markdown_text_that_looks_like_markup_stays_text(text: str) -> None:
    out = _pandoc(to_markdown(Rich.plain(text)), "markdown", "json")
    blocks = json.loads(out)["blocks"]
    assert [b["t"] for b in blocks] == ["Para"]
    assert _norm(_pandoc(to_markdown(Rich.plain(text)), "markdown")) == text


@given(plain_text())
def test_markdown_escapes_are_undone_by_removing_backslashes(text: str) -> None:
    out = to_markdown(Rich.plain(text))
    assert re.sub(r"\\(.)", r"\1", out) == text
    # nothing pandoc reads as markup is left unescaped
    assert not re.search(r"(?<!\\)[*_`\[\]<>$^~@]", out.replace("\\\\", ""))


# ----------------------------------------------------------------------------- LaTeX


def _balanced(tex: str) -> bool:
    depth = 0
    for m in re.finditer(r"\\[{}]|\\\\|[{}]", tex):
        if m.group(0) == "{":
            depth += 1
        elif m.group(0) == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _outside_urls(tex: str) -> str:
    return re.sub(r"\\url\{[^}]*\}", "", tex)


@pytest.mark.parametrize("style", STYLES)
def test_latex_is_a_thebibliography_with_escaped_text(style: str) -> None:
    bib, works = _bib(SPECIALS, style)
    tex = bibliography_text(bib, "latex", works=works)
    assert _balanced(tex)
    body = tex[tex.index("\\begin{thebibliography}") :]
    assert body.endswith("\\end{thebibliography}\n")
    assert body.count("\\bibitem[") == len(bib.entries)
    # no special character unescaped outside \url{} and comments
    text = _outside_urls("\n".join(line for line in body.splitlines() if line[:1] != "%"))
    assert not re.search(r"(?<!\\)[&%$#_]", text)
    assert not re.search(r"(?<!\\)[~^](?!\{)", text.replace("\\textasciitilde{}", ""))
    assert "Risk \\& return: 50\\% of the\\_data in \\$ and \\# tags" in tex
    assert "back\\textbackslash{}slash" in tex and "\\{like these\\}" in tex
    assert "\\textsubscript{2}" in tex and "\\textsuperscript{5}" in tex
    assert "\\textsc{Small Caps}" in tex and "\\textbf{bold}" in tex
    if style != "apa":  # APA prints the DOI link rather than the URL
        assert "\\url{https://example.org/a_b?x=1&y=50%25#frag}" in tex
    else:
        assert "\\url{https://doi.org/10.1000/x_y.2019}" in tex
        assert "\\textit{On the origin of \\textup{Homo sapiens}" in tex


def test_latex_labels_numbers_or_natbib_author_year() -> None:
    bib, works = _bib(SPECIALS, "gbt7714-2025-numeric")
    tex = bibliography_text(bib, "latex", works=works)
    assert re.findall(r"\\bibitem\[(\d+)\]\{([^}]+)\}", tex) == [
        (str(i), e.id) for i, e in enumerate(bib.entries, 1)
    ]
    bib, works = _bib(SPECIALS, "gbt7714-2025-author-date")
    tex = bibliography_text(bib, "latex", works=works)
    labels = dict((k, v) for v, k in re.findall(r"\\bibitem\[\{(.*?)\}\]\{([^}]+)\}", tex))
    assert labels == {
        "smith2019": "Smith et al.(2019)Smith, Jones, and Brown",
        "darwin1859": "Darwin and Wallace(1859)",
        "h2o2001": "Lee(2001)",
        "zhou2014": "周黎安(2014)",
    }
    assert "\\begin{thebibliography}{}" in tex


def test_latex_refuses_a_key_it_cannot_write() -> None:
    work = citelib.read_text(
        '[{"id": "a%b", "type": "book", "title": "T", "issued": {"date-parts": [[2000]]}}]',
        format="csljson",
    ).works
    bib = citelib.format_bibliography(work, "apa")
    with pytest.raises(citelib.WriteError, match="'a%b'"):
        bibliography_text(bib, "latex")


@given(plain_text())
def test_latex_escape_leaves_no_special_character(text: str) -> None:
    out = latex_escape(text)
    assert _balanced(out)
    assert not re.search(r"(?<!\\)[&%$#_]", out)
    assert "~" not in out.replace("\\textasciitilde{}", "")


def test_latex_links_stay_outside_formatting() -> None:
    rich = Rich([("Title ", ITALIC), ("https://x.org/a%20b#c{d}", ITALIC | LINK_URL)])
    assert to_latex(rich) == "\\textit{Title }\\url{https://x.org/a%20b#c%7Bd%7D}"
    assert to_latex(Rich([("x", ITALIC | NORMAL)])) == "\\textit{\\textup{x}}"


_TEX_ENGINE = shutil.which("pdflatex")
_SUB_SUP = str.maketrans("₀₁₂₃₄₅₆₇₈₉⁰¹²³⁴⁵⁶⁷⁸⁹", "01234567890123456789")
_XELATEX = shutil.which("xelatex")


def _kpsewhich(name: str) -> bool:
    exe = shutil.which("kpsewhich")
    if exe is None:
        return False
    return bool(subprocess.run([exe, name], capture_output=True, text=True).stdout.strip())


# what pdfLaTeX needs for the full-width punctuation of GB/T lists of English works
_FULL_WIDTH = "".join(
    f"\\DeclareUnicodeCharacter{{{ord(c):04X}}}{{{a}}}"
    for c, a in zip("，：（）", (",\\ ", ":\\ ", "(", ")"), strict=True)
)


def _compile(engine: str, preamble: str, tex: str, tmp_path: Path) -> str:
    (tmp_path / "refs.tex").write_text(tex, encoding="utf-8")
    main = (
        f"\\documentclass{{article}}\n{preamble}\n\\begin{{document}}\n"
        "\\nocite{*}\\cite{smith2019}\n\\input{refs}\n\\end{document}\n"
    )
    (tmp_path / "main.tex").write_text(main, encoding="utf-8")
    for _ in range(2):  # the second run reads the \bibcite lines of the first
        proc = subprocess.run(
            [engine, "-interaction=nonstopmode", "-halt-on-error", "main.tex"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert proc.returncode == 0, proc.stdout[-3000:]
    return (tmp_path / "main.aux").read_text(encoding="utf-8")


@pytest.mark.skipif(_TEX_ENGINE is None, reason="no TeX engine (pdflatex) installed")
@pytest.mark.parametrize(
    ("style", "preamble", "bibcite"),
    [
        (
            "apa",
            "\\usepackage{natbib}\\usepackage{url}",
            "{{3}{2019}{{Smith et al.}}{{Smith, Jones, and Brown}}}",
        ),
        ("apa", "\\usepackage[numbers]{natbib}\\usepackage{hyperref}", "{{3}{2019}"),
        ("gbt7714-2025-numeric", _FULL_WIDTH + "\\usepackage{url}", "{1}"),
        (
            "gbt7714-2025-numeric",
            _FULL_WIDTH + "\\usepackage[numbers]{natbib}\\usepackage{url}",
            "{{1}{}{{}}",
        ),
    ],
)
def test_latex_compiles_in_a_template(
    style: str, preamble: str, bibcite: str, tmp_path: Path
) -> None:
    works = [w for w in citelib.read(SPECIALS).works if w.id != "zhou2014"]  # pdfLaTeX: no CJK
    bib = citelib.format_bibliography(works, style)
    assert _TEX_ENGINE is not None
    aux = _compile(_TEX_ENGINE, preamble, bibliography_text(bib, "latex", works=works), tmp_path)
    assert f"\\bibcite{{smith2019}}{bibcite}" in aux


@pytest.mark.skipif(
    _XELATEX is None or not _kpsewhich("xeCJK.sty"), reason="no XeLaTeX with xeCJK installed"
)
def test_latex_compiles_chinese_with_xelatex(tmp_path: Path) -> None:
    bib, works = _bib(SPECIALS, "gbt7714-2025-author-date")
    assert _XELATEX is not None
    aux = _compile(
        _XELATEX,
        "\\usepackage{xeCJK}\\usepackage{natbib}\\usepackage{url}",
        bibliography_text(bib, "latex", works=works),
        tmp_path,
    )
    assert "\\bibcite{zhou2014}{{1}{2014}{{周黎安}}{{}}}" in aux  # Chinese works first
    assert "\\bibcite{smith2019}{{4}{2019}{{Smith et al.}}{{Smith, Jones, and Brown}}}" in aux


# ----------------------------------------------------------------------------- RTF


@pytest.mark.parametrize("style", STYLES)
def test_rtf_is_ascii_with_balanced_groups(style: str) -> None:
    bib, _ = _bib(SPECIALS, style)
    rtf = bibliography_text(bib, "rtf")
    assert rtf.isascii()
    assert _balanced(rtf)
    assert rtf.startswith("{\\rtf1") and rtf.count("\\par}") == len(bib.entries)
    assert "\\uc0\\u21608{}\\uc0\\u-24882{}\\uc0\\u23433{}" in rtf  # 周黎安: 黎 is U+9ECE
    assert "\\fs21" in rtf


@given(plain_text())
def test_rtf_escape_reads_back(text: str) -> None:
    out = rtf_escape(text)
    assert out.isascii()
    units = re.sub(
        r"\\uc0\\u(-?\d+)\{\}|\\([\\{}])",
        lambda m: m.group(2) or chr(int(m.group(1)) % 65536),
        out,
    )
    assert units.encode("utf-16-le", "surrogatepass").decode("utf-16-le") == text


def test_rtf_escape() -> None:
    assert rtf_escape("a{b}\\c") == "a\\{b\\}\\\\c"
    assert rtf_escape("周") == "\\uc0\\u21608{}"
    assert rtf_escape("，") == "\\uc0\\u-244{}"  # past 32767: negative, as RTF wants
    assert rtf_escape("𠀀") == "\\uc0\\u-10176{}\\uc0\\u-9216{}"  # a surrogate pair


@needs_pandoc
def test_pandoc_reads_the_rtf_list_back() -> None:
    bib, _ = _bib(SPECIALS, "gbt7714-2025-numeric")
    plain = _pandoc(bibliography_text(bib, "rtf"), "rtf")
    assert [p.translate(_SUB_SUP).casefold() for p in _paragraphs(plain)] == [
        _norm(e.text).casefold() for e in bib.entries
    ]
