"""The ``citelib`` command: thin Click commands over the public API.

Commands parse arguments, call the library, print problems to stderr and turn
:class:`~citelib.errors.CitelibError` into exit code 1 through Click's own
exceptions (usage errors exit 2).  Options that several commands share are
declared once below, so they mean the same everywhere.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterable
from typing import IO, TYPE_CHECKING, Any, TypeVar

import attrs
import click

from . import __version__
from ._console import GC_THRESHOLD
from .errors import CitelibError, Problem
from .model import Library

if TYPE_CHECKING:
    from .output import Fonts

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_STYLE = "gbt7714-2025-numeric"  # citelib.render.DEFAULT_STYLE, without importing it
MARKUPS = ("text", "html", "markdown")
#: what `format` writes: the markups of a citation, then whole-document ones (citelib.output)
LIST_MARKUPS = (*MARKUPS, "latex", "rtf", "docx")


class DataError(click.ClickException):
    """Bad input or output: ``citelib: message`` on stderr, exit 1 (no traceback)."""

    exit_code = 1

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"citelib: {self.format_message()}", err=True)


def _data_errors(func: F) -> F:
    """Turn a :class:`CitelibError` into a :class:`DataError`."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CitelibError as e:
            raise DataError(str(e)) from None

    return wrapper  # type: ignore[return-value]


def _report(problems: Iterable[Problem]) -> None:
    for p in problems:
        click.echo(str(p), err=True)


# ----------------------------------------------------------------------------- shared options

# One instance of each path type for every option that takes it: click names a path type
# through gettext, which looks for message catalogues on disk each time (about 0.1 ms).
_FILE_OR_DASH = click.Path(dir_okay=False, allow_dash=True)
_EXISTING_FILE = click.Path(dir_okay=False, exists=True)


def _inputs(name: str = "inputs", metavar: str = "INPUT...") -> Callable[[F], F]:
    return click.argument(
        name,
        nargs=-1,
        required=True,
        metavar=metavar,
        type=_FILE_OR_DASH,
    )


_FROM = click.option(
    "--from",
    "from_format",
    metavar="FORMAT",
    help="Input format (default: each file's suffix, or its content).",
)
_ENCODING = click.option("--encoding", help="Input encoding (default: detected).")
_OUTPUT = click.option(
    "-o",
    "--output",
    type=_FILE_OR_DASH,
    help="Write here (atomically) instead of stdout.",
)
_STYLE = click.option(
    "--style",
    "-s",
    default=DEFAULT_STYLE,
    show_default=True,
    help="Style: a short name (see `citelib styles`) or a path to a .csl file.",
)
_MARKUP = click.option(
    "--markup",
    type=click.Choice(MARKUPS),
    default="text",
    show_default=True,
    help="Output markup.",
)


_STRICT_RENDER = click.option(
    "--strict",
    is_flag=True,
    help="Exit 1, writing nothing, on a missing key or a work that cannot be rendered.",
)

#: the problems that --strict makes errors in format and cite
_RENDER_FAILURES = ("unknown-key", "render-failed", "empty-entry")


def _strict_render(problems: Iterable[Problem]) -> None:
    """Under --strict: report every problem and stop (exit 1) if one is a render failure."""
    problems = list(problems)
    failed = [p for p in problems if p.code in _RENDER_FAILURES]
    if failed:
        _report(problems)
        raise DataError(f"{len(failed)} problem(s) under --strict; nothing written")


def _to_option(default_help: str) -> Callable[[F], F]:
    return click.option(
        "--to", "to_format", metavar="FORMAT", help=f"Output format (default: {default_help})."
    )


def _reading(func: F) -> F:
    """--from and --encoding: every command that reads files takes both."""
    return _FROM(_ENCODING(func))


def _read(inputs: Iterable[str], from_format: str | None, encoding: str | None) -> Library:
    from .io import read

    return read(*inputs, format=from_format, encoding=encoding)


def _require_works(library: Library, problems: Iterable[Problem]) -> None:
    """Stop (exit 1, nothing written) when the inputs gave no work and errors say why."""
    if not library.works and any(p.severity == "error" for p in problems):
        raise DataError("no works read; nothing written")


def _emit(text: str, output: str | None) -> None:
    """*text* to the file *output* (atomically) or to stdout."""
    from .io import write_text_atomic

    if output and output != "-":
        write_text_atomic(output, text)
    else:
        click.echo(text, nl=False)


# ----------------------------------------------------------------------------- commands


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="citelib")
def cli() -> None:
    """Citations and bibliographies: convert, check and format reference lists."""


def _with_duplicates(library: Any) -> list[Problem]:
    """The library's problems plus duplicate keys across files that no reader reported."""
    from .keys import duplicate_keys

    problems: list[Problem] = list(library.problems)
    reported = {p.key for p in problems if p.code == "duplicate-key"}
    problems += [p for p in duplicate_keys(library.works) if p.key not in reported]
    return problems


def _tally(
    problems: list[Problem], words: tuple[str, str] = ("skipped", "repaired or doubtful")
) -> str:
    """``3 problems (1 skipped, 2 repaired or doubtful)``: errors and warnings in *words*."""
    if not problems:
        return "no problems"
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    plural = "s" if len(problems) != 1 else ""
    return f"{len(problems)} problem{plural} ({errors} {words[0]}, {warnings} {words[1]})"


def _output_format(to_format: str | None, output: str | None, default: str | None) -> Any:
    from .formats import format_for_path, get_format

    if to_format is not None:
        return get_format(to_format)
    if output and output != "-":
        return format_for_path(output)
    if default is None:
        raise click.UsageError("name the output format with --to (or give -o FILE.suffix)")
    return get_format(default)


@cli.command("convert")
@_inputs()
@_to_option("from the -o suffix")
@_reading
@click.option("--strict", is_flag=True, help="Exit 1, writing nothing, on any problem.")
@click.option(
    "--database-url",
    is_flag=True,
    help="Keep CNKI, Wanfang and VIP landing-page links as the URL (by default they are kept"
    " in extra as landing-page, which the styles do not print).",
)
@click.option(
    "--merge-duplicates",
    is_flag=True,
    help="Merge likely duplicate works (see `citelib check`) into the fuller record,"
    " reporting what was taken from each.",
)
@_OUTPUT
@_data_errors
def convert_command(
    inputs: tuple[str, ...],
    to_format: str | None,
    from_format: str | None,
    encoding: str | None,
    strict: bool,
    database_url: bool,
    merge_duplicates: bool,
    output: str | None,
) -> None:
    """Convert INPUT files (one library; - is stdin) to another format.

    Lenient by default: every readable work is written and every skipped or
    repaired entry is listed on stderr (exit 0).  With --strict any problem,
    duplicate keys included, exits 1 and nothing is written.

    Keys made up for records without one (CNKI, EndNote, NoteExpress, RIS) are unique
    across all INPUT files; each change is reported.  --merge-duplicates merges the
    likely duplicates `citelib check` reports: the fuller record is kept, takes the
    fields only the others have, and each merge names the key dropped and what was taken.
    """
    from .io import write_text

    fmt = _output_format(to_format, output, None)
    # read leniently even with --strict, so that every problem is listed before exiting
    library = _read(inputs, from_format, encoding)
    if database_url:
        from .formats._tagged import landing_page_as_url

        library = attrs.evolve(library, works=[landing_page_as_url(w) for w in library.works])
    if merge_duplicates:
        from .checks import locate_files
        from .duplicates import merge_duplicates as merge

        library = merge(library, locate_files(inputs, from_format, encoding))
    problems = _with_duplicates(library)
    if not library.works and any(p.severity == "error" for p in problems):
        _report(problems)
        _require_works(library, problems)
    text = ""
    if not strict or not problems:
        written = write_text(library.works, fmt.name)
        text = written.text
        problems += written.problems
    _report(problems)
    summary = f"citelib: {len(library.works)} works to {fmt.name}; {_tally(problems)}"
    if strict and problems:
        click.echo(summary + "; nothing written (--strict)", err=True)
        raise click.exceptions.Exit(1)
    _emit(text, output)
    if problems:
        click.echo(summary, err=True)


@cli.command("fix")
@_inputs()
@_to_option("from the -o suffix, else the input's format")
@_reading
@_OUTPUT
@_data_errors
def fix_command(
    inputs: tuple[str, ...],
    to_format: str | None,
    from_format: str | None,
    encoding: str | None,
    output: str | None,
) -> None:
    """Repair what has one right answer in INPUT files (one library) and write them.

    The repairs: the language tag from the script of a CJK title (a Latin title's
    contradicting CJK tag is removed), leading zeros in volume, issue and a newspaper's
    page, full-width characters and odd dashes inside a DOI, ISBN or ISSN (and a DOI's
    resolver prefix), a Chinese personal name kept as one literal split into family and
    given name.  Each repair is listed on stderr (FILE:LINE: warning: ... (entry 'KEY'));
    what needs a person (a missing place, a duplicate) is left to `citelib check`.  The
    output (-o, written atomically; -o may name the input) is in the input's format
    unless --to or the -o suffix says otherwise.
    """
    from .checks import locate_files
    from .formats import format_for_path
    from .io import write_text
    from .repairs import fix

    library = _read(inputs, from_format, encoding)
    _require_works(library, library.problems)
    if to_format is None and not (output and output != "-"):
        first = inputs[0]
        to_format = from_format or (format_for_path(first).name if first != "-" else None)
        if to_format is None:
            raise click.UsageError("name the output format with --to (or give -o FILE.suffix)")
    fmt = _output_format(to_format, output, None)
    where = locate_files(inputs, from_format, encoding) | library.where()
    fixed = fix(library, where)
    written = write_text(fixed.works, fmt.name)
    _emit(written.text, output)
    problems = [*fixed.problems, *written.problems]
    _report(problems)
    repairs = sum(p.code == "repaired" for p in problems)
    click.echo(
        f"citelib: {len(fixed.works)} works to {fmt.name}; {repairs} repair"
        f"{'s' if repairs != 1 else ''}; {_tally(problems)}",
        err=True,
    )


@cli.command("check")
@_inputs()
@_reading
@_STYLE
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='Print {"problems": [{file, line, key, severity, code, field, message, clause, hint,'
    " related}]} on stdout instead of lines on stderr.",
)
@click.option("--strict", is_flag=True, help="Exit 1 on any problem, warnings included.")
@_data_errors
def check_command(
    inputs: tuple[str, ...],
    from_format: str | None,
    encoding: str | None,
    style: str,
    as_json: bool,
    strict: bool,
) -> None:
    """Read INPUT files (one library; - is stdin) and report every problem.

    Reading problems (duplicate keys included) come first, then for each work the
    elements the standard of --style (GB/T 7714-2025 or -2015, APA 7) requires for its
    type that are missing (errors), and doubtful data: a language tag the script
    contradicts, a Chinese name kept as one literal, a malformed URL or DOI, likely
    duplicate works across the files, with both keys and files (warnings; `citelib fix`
    repairs what has one right answer, `convert --merge-duplicates` merges duplicates).
    A style of no known standard gets only these generic checks, and says so.

    Each problem is printed on stderr as FILE:LINE: severity: message (entry 'KEY'),
    with how to fix it; a one-line summary follows on stdout.  Exit 1 if an error was
    found, 0 if only warnings or nothing (--strict: 1 on any problem).
    """
    from .checks import check, locate_files
    from .errors import ParseError
    from .model import Library

    remaining = list(inputs)
    unreadable: list[Problem] = []
    library = Library()
    while remaining:
        try:
            library = _read(remaining, from_format, encoding)
            break
        except ParseError as e:  # one file cannot be read at all: check the others
            unreadable += e.problems
            name = "-" if e.file == "<stdin>" else e.file
            if name not in remaining:
                break
            remaining.remove(name)
    problems = unreadable + _with_duplicates(library)
    located = locate_files(remaining, from_format, encoding) | library.where()
    where = _stdin_keys(remaining, library, located)
    problems += check(library, style, where=where)
    if as_json:
        import json

        rows = [p.to_json() for p in problems]
        click.echo(json.dumps({"problems": rows}, ensure_ascii=False, indent=1))
    else:
        for p in problems:
            click.echo(f"{p}; fix: {p.hint}" if p.hint else str(p), err=True)
        files = f"{len(inputs)} file{'s' if len(inputs) != 1 else ''}"
        failed = (
            f", {len(inputs) - len(remaining)} unreadable" if len(remaining) < len(inputs) else ""
        )
        click.echo(
            f"{len(library.works)} works in {files}{failed}: {_tally(problems, ('errors', 'warnings'))}"
        )
    errors = any(p.severity == "error" for p in problems)
    if errors or (strict and problems):
        raise click.exceptions.Exit(1)


def _stdin_keys(
    inputs: Iterable[str], library: Library, where: dict[str, tuple[str | None, int | None]]
) -> dict[str, tuple[str | None, int | None]]:
    """*where*, and when standard input is the only input every key there (line unknown)."""
    if list(inputs) == ["-"]:
        return {w.id: ("<stdin>", None) for w in library.works} | where
    return where


@cli.command("import-page")
@_inputs("files", "FILE...")
@_to_option("from the -o suffix, else csljson")
@_OUTPUT
@_ENCODING
@_data_errors
def import_page_command(
    files: tuple[str, ...], to_format: str | None, output: str | None, encoding: str | None
) -> None:
    """Turn pasted catalogue pages (thesis-abstract or Chinese journal-article) into records.

    FILES are text files of pages copied from a browser ("-" reads one from standard
    input).  A page of neither layout is an error (exit 1) and nothing is written.
    """
    from .io import import_pages, write_text

    fmt = _output_format(to_format, output, "csljson")
    library = import_pages(files, encoding=encoding)
    written = write_text(library.works, fmt.name)
    text = written.text
    _emit(text if text.endswith("\n") or output else text + "\n", output)
    _report(written.problems)


@cli.command("format")
@_inputs()
@_reading
@_STYLE
@click.option(
    "--markup",
    type=click.Choice(LIST_MARKUPS),
    default="text",
    show_default=True,
    help="Output markup: a line per entry (text), citeproc-js's HTML, Markdown (a paragraph"
    " per entry), a LaTeX thebibliography, RTF, or a Word file (docx: needs -o).",
)
@click.option(
    "--standalone",
    is_flag=True,
    help="HTML: a complete page (doctype, UTF-8 charset, the style's language).",
)
@click.option(
    "--font",
    metavar="NAME",
    help="docx/rtf: font of Latin text [default: Times New Roman].",
)
@click.option(
    "--east-asian-font",
    metavar="NAME",
    help="docx/rtf: font of Chinese, Japanese and Korean text [default: 宋体].",
)
@click.option(
    "--font-size",
    type=click.FloatRange(1, 1638),
    metavar="PT",
    help="docx/rtf: size in points [default: 10.5, 五号].",
)
@click.option("--keys", help="Cited keys in citation order (comma-separated): list only these.")
@click.option(
    "--aux",
    type=_EXISTING_FILE,
    help="LaTeX .aux file whose \\citation lines give the cited keys in order.",
)
@click.option("--json", "as_json", is_flag=True, help='Print {"entries": [{"id", "text"}]}.')
@click.option("--sentence-case", is_flag=True, help="Sentence-case English titles.")
@click.option(
    "--full-pinyin", is_flag=True, help="Pinyin given names in full (Wang Shanshan; GB/T 2025)."
)
@click.option(
    "--omit-contained-pid",
    is_flag=True,
    help="Leave out a DOI or CSTR that the URL already contains (GB/T 7714-2025 §7.9).",
)
@click.option(
    "--placeholders",
    is_flag=True,
    help="Print GB/T 7714's placeholders for a missing place, publisher or year"
    " ([出版地不详]/[S.l.], [出版者不详]/[s.n.], [出版年不详]/[n.d.]).",
)
@_STRICT_RENDER
@_OUTPUT
@_data_errors
def format_command(
    inputs: tuple[str, ...],
    from_format: str | None,
    encoding: str | None,
    style: str,
    markup: str,
    standalone: bool,
    font: str | None,
    east_asian_font: str | None,
    font_size: float | None,
    keys: str | None,
    aux: str | None,
    as_json: bool,
    sentence_case: bool,
    full_pinyin: bool,
    omit_contained_pid: bool,
    placeholders: bool,
    strict: bool,
    output: str | None,
) -> None:
    """Print the reference list of INPUT files (one library) in a style.

    Numeric styles number works in input order, or by first citation with
    --keys/--aux (then only the cited works are listed).  A listed work that lacks an
    element the style's standard requires (see `citelib check`) is a warning on stderr;
    with --placeholders a missing place, publisher or year prints as GB/T 7714 prescribes.

    --markup docx writes a Word file (-o FILE.docx): one paragraph per entry, numeric
    labels on a hanging indent, 宋体 / Times New Roman 10.5 pt unless --east-asian-font,
    --font or --font-size say otherwise.  --markup latex writes a thebibliography
    environment to \\input into a thesis (natbib Author(Year) labels in author-date styles).
    """
    from .render import format_bibliography, read_aux

    if keys and aux:
        raise click.UsageError("give --keys or --aux, not both")
    if markup == "docx" and (not output or output == "-"):
        raise click.UsageError("--markup docx writes a file: give -o FILE.docx")
    if markup == "docx" and as_json:
        raise click.UsageError("--json prints text: it cannot be given with --markup docx")
    if standalone and markup != "html":
        raise click.UsageError("--standalone is for --markup html")
    if (font or east_asian_font or font_size) and markup not in ("docx", "rtf"):
        raise click.UsageError("--font, --east-asian-font and --font-size are for docx and rtf")
    library = _read(inputs, from_format, encoding)
    _report(library.problems)
    _require_works(library, library.problems)
    cited: list[str] | None = None
    if keys:
        cited = [k.strip() for k in keys.split(",") if k.strip()]
    elif aux:
        cited = read_aux(aux)
    bib = format_bibliography(
        library.works,
        style,
        markup="text" if markup == "docx" else markup,  # type: ignore[arg-type]
        cited=cited,
        sentence_case=sentence_case,
        full_pinyin=full_pinyin,
        omit_contained_pid=omit_contained_pid,
        placeholders=placeholders,
    )
    if strict:
        _strict_render(bib.problems)
    if as_json:
        import json

        entries = [{"id": e.id, "text": e.text} for e in bib.entries]
        text = json.dumps({"entries": entries}, ensure_ascii=False, indent=2) + "\n"
    elif markup == "text":
        text = "".join(e.text + "\n" for e in bib.entries)
    elif markup == "docx":
        from .io import write_bytes_atomic
        from .output import bibliography_docx

        assert output is not None  # a usage error above
        write_bytes_atomic(
            output, bibliography_docx(bib, fonts=_fonts(font, east_asian_font, font_size))
        )
        text = None
    else:
        from .output import bibliography_text

        text = bibliography_text(
            bib,
            markup,  # type: ignore[arg-type]
            standalone=standalone,
            works=library.works,
            fonts=_fonts(font, east_asian_font, font_size),
        )
    if text is not None:
        _emit(text, output)
    where: dict[str, tuple[str | None, int | None]] = {}
    if any(p.code == "missing-element" for p in bib.problems):  # only then re-read for lines
        from .checks import locate_files

        where = locate_files(inputs, from_format, encoding)
    _report(_placed(p, where) if p.code == "missing-element" else p for p in bib.problems)


def _fonts(latin: str | None, east_asian: str | None, size: float | None) -> Fonts:
    """The fonts of --font, --east-asian-font and --font-size, defaults for the others
    (``citelib.output`` is loaded only for the markups that use fonts)."""
    from .output import Fonts

    default = Fonts()
    return Fonts(
        latin=latin or default.latin,
        east_asian=east_asian or default.east_asian,
        size=size or default.size,
    )


def _placed(problem: Problem, where: dict[str, tuple[str | None, int | None]]) -> Problem:
    """*problem* at its work's file and line, where known."""
    import attrs

    if problem.key is None or problem.key not in where:
        return problem
    file, line = where[problem.key]
    return attrs.evolve(problem, file=file, line=line)


@cli.command("cite")
@_inputs()
@click.option(
    "-k",
    "--cite",
    "clusters",
    multiple=True,
    metavar="CLUSTER",
    help="One citation: KEY[,KEY...] or pandoc's '[@a, p. 12; -@b]' / '@a' (repeatable, in"
    " document order).",
)
@click.option(
    "--aux",
    type=_EXISTING_FILE,
    help="Take the citations from a LaTeX .aux file (BibTeX or biblatex), after any -k.",
)
@_reading
@_STYLE
@click.option(
    "--locator",
    "locators",
    multiple=True,
    metavar="KEY=LOCATOR",
    help="Pinpoint for every cite of KEY that has none, e.g. sun2018=12-15 or"
    " sun2018='chap. 3' (repeatable).",
)
@_MARKUP
@click.option("--json", "as_json", is_flag=True, help='Print {"citations": [...]}.')
@_STRICT_RENDER
@_OUTPUT
@_data_errors
def cite_command(
    inputs: tuple[str, ...],
    clusters: tuple[str, ...],
    aux: str | None,
    from_format: str | None,
    encoding: str | None,
    style: str,
    locators: tuple[str, ...],
    markup: str,
    as_json: bool,
    strict: bool,
    output: str | None,
) -> None:
    """Print the in-text citations (-k, --aux) of works in INPUT files, one line each.

    Citations are numbered by first citation, disambiguated across all of them, and
    footnote styles track ibid and subsequent citations; each line is a citation's
    final form.  A key not in the INPUT files is a warning (with --strict an error).
    """
    from pathlib import Path

    from .document import CiteItem, Document, parse_citation
    from .render import _locator, aux_citations

    for name in inputs:
        if name != "-" and not Path(name).exists():
            raise click.UsageError(
                f"no such file: {name!r}; cite keys go with -k, e.g."
                f" citelib cite {inputs[0] if inputs[0] != name else 'refs.bib'} -k {name}"
            )
    if not clusters and not aux:
        raise click.UsageError("nothing to cite: give -k CLUSTER (repeatable) or --aux FILE")
    pins: dict[str, tuple[str, str]] = {}
    for spec in locators:
        key, sep, loc = spec.partition("=")
        if not sep or not key.strip() or not loc.strip():
            raise click.UsageError(f"--locator wants KEY=LOCATOR, got {spec!r}")
        label, value = _locator(loc)
        pins[key.strip()] = (value, label)
    citations: list[list[CiteItem]] = []
    for text in clusters:
        try:
            citations.append(parse_citation(text))
        except ValueError as e:
            raise click.UsageError(f"-k {text!r}: {e}") from None
    nocite: list[str] = []
    if aux:
        for keys in aux_citations(aux):
            if keys == ["*"]:
                nocite.append("*")
            else:
                citations.append([CiteItem(k) for k in keys if k != "*"])
    library = _read(inputs, from_format, encoding)
    _report(library.problems)
    _require_works(library, library.problems)
    doc = Document(library, style, nocite=nocite)
    for items in citations:
        if not items:
            continue
        doc.cite(
            *(
                CiteItem(i.id, *pins[i.id], i.prefix, i.suffix, i.mode)
                if i.locator is None and i.id in pins
                else i
                for i in items
            )
        )
    rendered = doc.render(markup)  # type: ignore[arg-type]
    if strict:
        _strict_render(rendered.problems)
    if as_json:
        import json

        text = json.dumps({"citations": rendered.citations}, ensure_ascii=False) + "\n"
    else:
        text = "".join(c + "\n" for c in rendered.citations)
    _emit(text, output)
    _report(p for p in rendered.problems if p.code != "missing-element")


@cli.command("styles")
@click.argument("query", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print each style's details as JSON.")
def styles_command(query: tuple[str, ...], as_json: bool) -> None:
    """List the styles --style takes, or those matching QUERY.

    citelib's own styles come first (the default first), then the 337 styles of the
    zotero-chinese collection by title (school, journal and GB/T 7714 variants, shipped
    unmodified). QUERY words must all occur in a style's title, folder name, tags or
    description, in any case and in full- or half-width forms: `citelib styles 清华`,
    `citelib styles GB/T 2015 著者`. --style takes a title or its folder name.
    """
    import attrs

    from .render import find_styles

    found = find_styles(" ".join(query) or None)
    found.sort(key=lambda info: info.name != DEFAULT_STYLE)  # stable: the default first
    if as_json:
        import json

        rows = [attrs.asdict(info) for info in found]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for info in found:
        click.echo(info.name)
    if query and not found:
        raise DataError(f"no style matches {' '.join(query)!r}")


@cli.command("parse")
@_inputs("files", "FILE...")
@click.option(
    "--style",
    "-s",
    default=None,
    help="Verify against this style only (default: the GB/T 7714 or APA styles each entry's"
    " shape suggests).",
)
@_to_option("from the -o suffix, else csljson")
@_OUTPUT
@_ENCODING
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='Print {"references": [{"line", "label", "text", "verified", "style", "styles",'
    ' "work"}], "problems": [...]} instead of records.',
)
@_data_errors
def parse_command(
    files: tuple[str, ...],
    style: str | None,
    to_format: str | None,
    output: str | None,
    encoding: str | None,
    as_json: bool,
) -> None:
    """Read formatted reference lists (GB/T 7714, APA 7) back into records.

    FILES hold lists as text (one entry per line or paragraph, labels such as [1] or 1.
    optional; "-" reads standard input).  Each record is rendered again in the style its
    entry reads as and compared with the entry: the unverified ones are listed on stderr
    with the first difference.  An entry no rule reads becomes a document titled with its
    text, and is listed too.  --json prints the whole result instead of records.
    """
    from pathlib import Path

    from .io import decode, write_text
    from .parsing import parse_sources

    if as_json and to_format is not None:
        raise click.UsageError("--json and --to exclude each other")
    fmt = None if as_json else _output_format(to_format, output, "csljson")
    sources: list[tuple[str, str]] = []
    for name in files:
        if name == "-":
            import sys

            data = sys.stdin.buffer.read()
            sources.append(("<stdin>", decode(data, source="<stdin>", encoding=encoding)))
            continue
        try:
            data = Path(name).read_bytes()
        except OSError as e:
            raise DataError(f"{name}: cannot read: {e.strerror or e}") from None
        sources.append((name, decode(data, source=name, encoding=encoding)))
    result = parse_sources(sources, style)
    problems = list(result.problems)
    if as_json:
        import json

        doc = {
            "references": [r.to_json() for r in result.references],
            "problems": [p.to_json() for p in problems],
        }
        _emit(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", output)
        return
    assert fmt is not None
    written = write_text(result.works, fmt.name)
    problems += written.problems
    _report(problems)
    text = written.text
    _emit(text if text.endswith("\n") or output else text + "\n", output)
    verified = sum(r.verified for r in result.references)
    unparsed = sum(not r.parsed for r in result.references)
    click.echo(
        f"citelib: {len(result.references)} references to {fmt.name}: {verified} verified,"
        f" {len(result.references) - verified - unparsed} not verified, {unparsed} not parsed",
        err=True,
    )


def main() -> None:
    """Entry point of the console script."""
    # (the console script sets it before the imports: citelib._console; here for
    # ``python -m citelib.cli``)
    gc.set_threshold(*GC_THRESHOLD)
    try:
        cli()  # Click's standalone mode ends by raising SystemExit
    except SystemExit as e:
        _exit_now(e.code)
        raise


def _exit_now(code: object) -> None:
    """End the process at once with *code*, skipping the interpreter's teardown.

    Freeing every record, node and string one by one at exit took 15-35 ms of a short
    run.  Only the console script does this, and only when nothing is left to do:
    stdout and stderr flush without error and no ``atexit`` callback is registered
    (otherwise the caller raises again and Python exits as usual, reporting what fails).
    Files the commands write are complete and closed before they return.
    """
    import atexit
    import os
    import sys

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        return  # a message for Python to print
    if getattr(atexit, "_ncallbacks", lambda: 1)():
        return
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return  # e.g. a closed pipe: Python's own exit reports it as before
    os._exit(status & 0xFF)


if __name__ == "__main__":
    main()
