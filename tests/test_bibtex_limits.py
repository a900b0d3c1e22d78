"""BibTeX on hostile and huge inputs: the limits (macro expansion, LaTeX depth) and the paths
that used to be super-linear or recursive.

Every input is built here.  The tests check results and problems, never time: the sizes
are chosen so that each test takes well under a second now, where the code before these
fixes took minutes or hours (or lost the whole library), so a regression shows up as a
hang or a failure.  bench/bench_bibtex_limits.py times the same shapes.
"""

from __future__ import annotations

import re

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from test_bibtex_scan import _reference, _scanned

from citelib.errors import ParseError
from citelib.formats import bibtex
from citelib.formats.bibtex import MACRO_LIMIT, MACRO_TOTAL_LIMIT, _reader
from citelib.formats.bibtex._scan import scan
from citelib.formats.bibtex.latex import MAX_DEPTH, decode, encode
from citelib.formats.bibtex.names import parse_names, split_name_list
from citelib.model import Library, Name, Work

NC = '<span class="nocase">'


def codes(lib: Library) -> list[str]:
    return [p.code for p in lib.problems]


# --------------------------------------------------------------------------- @string macros


def _doubling(levels: int) -> str:
    lines = ['@string{m0 = "ab"}']
    lines += [f"@string{{m{i} = m{i - 1} # m{i - 1}}}" for i in range(1, levels + 1)]
    lines.append(f"@misc{{k, title = m{levels}}}")
    lines.append("@misc{other, title = {Kept}}")
    return "\n".join(lines) + "\n"


def test_doubling_macros_stop_at_the_limit_and_keep_the_library() -> None:
    # 2 * 2**40 characters unbounded: a MemoryError that lost every entry
    lib = bibtex.read(_doubling(40), source="doubling.bib")
    assert [w.id for w in lib.works] == ["k", "other"]
    assert lib.works[1].title == "Kept"
    title = lib.works[0].title or ""
    assert 0 < len(title) <= MACRO_LIMIT
    assert set(title) <= set("abm0123456789")
    assert set(codes(lib)) == {"macro-limit"}
    assert all(p.severity == "warning" for p in lib.problems)
    # the first definition past the limit is named, with the macro left unexpanded...
    first = lib.problems[0]
    assert first.key is None and first.file == "doubling.bib" and first.line == 20
    assert "macro 'm18' not expanded in field '@string m19'" in first.message
    assert f"at most {MACRO_LIMIT:,} characters" in first.message
    # ... then each definition built on one cut short, and the entry
    assert [p.line for p in lib.problems] == list(range(20, 42)) + [42]
    assert "'m19' in field '@string m20' is incomplete" in lib.problems[1].message
    last = lib.problems[-1]
    assert last.key == "k" and "macro 'm40' in field 'title' is incomplete" in last.message
    assert (first.field, last.field) == (None, "title")


def test_doubling_macros_in_strict_mode_raise_one_parse_error_naming_the_limit() -> None:
    with pytest.raises(ParseError) as err:
        bibtex.read(_doubling(24), strict=True)
    assert {p.code for p in err.value.problems} == {"macro-limit"}


def test_a_macro_too_large_for_one_value_is_left_unexpanded_and_the_rest_expands() -> None:
    big = "x" * (MACRO_LIMIT + 1)
    text = (
        f"@string{{big = {{{big}}}}}\n@string{{small = {{s}}}}\n"
        "@misc{k, title = small # big # small, note = big}\n"
        f"@misc{{fits, title = {{{'y' * 10}}} # small}}\n"
    )
    lib = bibtex.read(text)
    k, fits = lib.works
    assert k.title == "sbigs"  # the macro's name is kept as text
    assert k.note == "big"
    assert fits.title == "yyyyyyyyyys"
    assert codes(lib) == ["macro-limit", "macro-limit"]  # one a value
    assert all(p.key == "k" for p in lib.problems)
    assert f"this one has {MACRO_LIMIT + 1:,}" in lib.problems[0].message


def test_the_macros_of_one_value_may_add_up_to_the_limit() -> None:
    half = "h" * (MACRO_LIMIT // 2)
    text = (
        f"@string{{half = {{{half}}}}}\n"
        "@misc{k, title = half # half, note = half # half # half}\n"
    )
    lib = bibtex.read(text)
    (k,) = lib.works
    assert k.title == half * 2  # exactly the limit
    assert k.note == half * 2 + "half"
    assert codes(lib) == ["macro-limit"]
    assert "added already" in lib.problems[0].message


def test_the_macros_of_a_library_share_one_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_reader, "MACRO_TOTAL_LIMIT", 0)  # the budget: ten times the text
    macro = "m" * 5000
    entries = "".join(f"@misc{{e{i}, note = big}}\n" for i in range(20))
    text = f"@string{{big = {{{macro}}}}}\n" + entries
    budget = 10 * len(text)
    lib = bibtex.read(text)
    assert len(lib.works) == 20
    notes = [w.note for w in lib.works]
    expanded = budget // len(macro)
    assert notes == [macro] * expanded + ["big"] * (20 - expanded)
    assert [p.key for p in lib.problems] == [f"e{i}" for i in range(expanded, 20)]
    assert "the macros of the library have added as many characters" in lib.problems[0].message
    assert "MACRO_TOTAL_LIMIT" in lib.problems[0].message
    assert lib.problems[0].field == "note"
    assert MACRO_TOTAL_LIMIT >= 10 * MACRO_LIMIT  # the default budget takes ten full values


def test_ordinary_macros_are_untouched_by_the_limits() -> None:
    journals = "".join(f"@string{{j{i} = {{Journal {i}}}}}\n" for i in range(100))
    entries = "".join(
        f"@article{{a{i}, journal = j{i % 100} # {{ (}} # jan # {{)}}}}\n" for i in range(10_000)
    )
    lib = bibtex.read(journals + entries)
    assert not lib.problems
    assert lib.works[-1].container_title == "Journal 99 (January)"


# --------------------------------------------------------------------------- crossref, xdata


def test_a_crossref_chain_of_any_length_resolves_and_keeps_the_library() -> None:
    # children first: resolving e0 follows the whole chain (992 used to lose the library)
    n = 5000
    text = "".join(f"@book{{e{i}, crossref = {{e{i + 1}}}, note = {{n{i}}}}}\n" for i in range(n))
    text += f"@book{{e{n}, title = {{Root}}, publisher = {{P}}, year = 2000}}\n"
    lib = bibtex.read(text)
    assert not lib.problems
    assert len(lib.works) == n + 1
    assert all(w.title == "Root" and w.publisher == "P" for w in lib.works)
    assert dict(lib.works[0].extra)["crossref"] == "e1"


def test_a_long_crossref_cycle_is_reported_once_and_every_entry_kept() -> None:
    n = 3000
    text = "".join(
        f"@book{{c{i}, crossref = {{c{(i + 1) % n}}}, note = {{n{i}}}}}\n" for i in range(n)
    )
    text += "@book{free, crossref = {missing}}\n"
    lib = bibtex.read(text)
    assert len(lib.works) == n + 1
    assert [(p.code, p.key) for p in lib.problems] == [
        ("crossref-cycle", "c0"),
        ("missing-parent", "free"),
    ]


def test_xdata_and_crossref_chains_mixed() -> None:
    n = 1200  # past the recursion limit; each entry inherits the notes of those after it
    text = "".join(f"@xdata{{x{i}, xdata = {{x{i + 1}}}, note{i} = {{v{i}}}}}\n" for i in range(n))
    text += f"@xdata{{x{n}, publisher = {{XP}}}}\n"
    text += "@book{b, xdata = {x0}, crossref = {p}}\n@book{p, title = {Parent}}\n"
    lib = bibtex.read(text)
    assert not lib.problems
    b = next(w for w in lib.works if w.id == "b")
    assert b.publisher == "XP" and b.title == "Parent"
    assert len([k for k, _ in b.extra if k.startswith("note")]) == n


def test_children_sharing_a_parent_share_its_values() -> None:
    abstract = "word " * 20_000  # decoded once, not once a child
    children = "".join(
        f"@inbook{{c{i}, crossref = {{p}}, title = {{C{i}}}}}\n" for i in range(10_000)
    )
    parent = f"@book{{p, title = {{The Book}}, editor = {{Ed, A.}}, abstract = {{{abstract}}}}}\n"
    lib = bibtex.read(children + parent)
    assert not lib.problems
    kids = lib.works[:-1]
    assert all(w.abstract == abstract.strip() for w in kids)
    assert all(w.abstract is kids[0].abstract for w in kids)
    assert all(w.container_title == "The Book" for w in kids)
    assert all(w.editor == (Name(family="Ed", given="A."),) for w in kids)


# --------------------------------------------------------------------------- fields and values


def test_many_fields_merged_by_missing_commas_are_all_read() -> None:
    # each used to recurse: 1,000 lost the library to the recursion limit
    n = 5000
    body = " ".join(f"f{i} = {{v{i}}}" for i in range(n))
    lib = bibtex.read("@misc{k, note = {start} " + body + "}\n@misc{other, title = {Kept}}\n")
    k, other = lib.works
    extra = dict(k.extra)
    assert k.note == "start"
    assert all(extra[f"f{i}"] == f"v{i}" for i in range(n))
    assert codes(lib) == ["missing-comma"] * n
    assert "before field 'f0' (after 'note')" in lib.problems[0].message
    assert "before field 'f1' (after 'f0')" in lib.problems[1].message
    assert other.title == "Kept"


def test_merged_fields_with_macros_and_concatenation() -> None:
    text = '@string{s = "S"}\n@misc{k, note = {a} b = s # {x} c = "q" d = {y}}\n'
    lib = bibtex.read(text)
    (w,) = lib.works
    extra = dict(w.extra)
    assert (w.note, extra["b"], extra["c"], extra["d"]) == ("a", "Sx", "q", "y")
    assert codes(lib) == ["missing-comma"] * 3


def test_a_long_run_of_line_breaks_in_a_value() -> None:
    lib = bibtex.read("@misc{k, title = {{a}" + "\n" * 1_000_000 + ".}}\n")
    assert lib.works[0].title == NC + "a</span>\n."
    assert not lib.problems
    # a field swallowed by a missing brace is still pointed out
    lib = bibtex.read("@misc{k, title = {{a}," + "\n" * 1000 + "year = {2000}}\n")
    assert "merged-fields" in codes(lib)


def test_a_field_of_five_megabytes() -> None:
    unit = "word{s} and more text, "
    text = "@misc{k, abstract = {" + unit * (5_000_000 // len(unit)) + "}}\n"
    (w,) = bibtex.read(text).works
    assert w.abstract == ("words and more text, " * (5_000_000 // len(unit))).strip()


def test_twenty_thousand_tiny_entries() -> None:
    text = "".join(f"@misc{{k{i}, year = 2000}}\n" for i in range(20_000))
    lib = bibtex.read(text)
    assert len(lib.works) == 20_000 and not lib.problems
    assert lib.works[-1].id == "k19999" and lib.works[-1].issued is not None


def test_a_title_of_a_hundred_thousand_empty_groups() -> None:
    lib = bibtex.read("@misc{k, title = {" + "{}" * 100_000 + "}}\n")
    assert len(lib.works) == 1 and lib.works[0].title is None and not lib.problems


def test_a_megabyte_of_accents() -> None:
    lib = bibtex.read("@misc{k, title = {" + "\\'e" * 333_333 + "}}\n")
    assert lib.works[0].title == "é" * 333_333


def test_fifty_thousand_authors() -> None:
    names = " and ".join(f"Family{i}, Given{i}" for i in range(50_000))
    (w,) = bibtex.read("@misc{k, author = {" + names + "}}\n").works
    assert len(w.author) == 50_000
    assert w.author[-1] == Name(family="Family49999", given="Given49999")


def test_a_title_of_angle_brackets_with_a_subtitle() -> None:
    # joining title and subtitle looks for the markup at the title's end
    (w,) = bibtex.read("@misc{k, title = {" + "<" * 1_000_000 + "}, subtitle = {S}}\n").works
    assert w.title == "<" * 1_000_000 + ": S"


# --------------------------------------------------------------------------- deep braces


def _deep_entries(depth: int, count: int) -> str:
    title = "{" * depth + "T" + "}" * depth
    return "".join(f"@misc{{k{i}, title = {title}, year = 2000}}\n" for i in range(count))


def test_the_scanner_follows_braces_nested_deeper_than_its_expressions() -> None:
    text = _deep_entries(9, 200) + "@string{s = {" + "{" * 12 + "}" * 12 + "}}\n"
    text += "@comment{" + "{" * 10 + "c" + "}" * 10 + "}\n"
    assert scan(text) is not None  # no longer left to bibtexparser's splitter
    assert _scanned(text) == _reference(text)
    lib = bibtex.read(text)
    assert len(lib.works) == 200 and not lib.problems
    assert lib.works[0].title == NC + "T</span>"


def test_one_title_nested_a_hundred_thousand_deep() -> None:
    n = 100_000
    lib = bibtex.read("@misc{k, title = {" + "{" * n + "x" + "}" * n + "}}\n")
    assert not lib.problems  # was skipped: "maximum recursion depth exceeded"
    (w,) = lib.works
    # the first group is a nocase span; past MAX_DEPTH the LaTeX is kept as it is
    assert w.title is not None and w.title.startswith(NC) and w.title.endswith("</span>")
    inner = w.title[len(NC) : -len("</span>")]
    j = inner.index("x")
    assert inner == "{" * j + "x" + "}" * j
    assert n - MAX_DEPTH <= j < n


def test_an_unclosed_deep_group_still_goes_to_the_repairs() -> None:
    text = "@misc{k, title = {" + "{" * 8 + "x" + "}" * 7 + "}\n@misc{b, title = {B}}\n"
    assert scan(text) is None
    lib = bibtex.read(text)
    assert "b" in [w.id for w in lib.works]
    assert lib.problems


_inner = st.lists(
    st.sampled_from(["x", " ", ",", "=", '"', "\\{", "\\}", "\\\\", "{}", "{a}", "\n", "@x{", "#"]),
    max_size=6,
).map("".join)


@given(st.integers(1, 14), _inner, st.sampled_from(["entry", "string", "comment", "preamble"]))
@settings(max_examples=examples(300))
def test_the_scanner_agrees_with_bibtexparser_at_any_depth(
    depth: int, inner: str, kind: str
) -> None:
    group = "{" * depth + inner + "}" * depth
    if kind == "entry":
        text = f"@misc{{k, t = {group} # {{z}}, u = {{v}}}}\n@misc{{b, t = {{B}}}}\n"
    elif kind == "string":
        text = f"@string{{s = {group}}}\n"
    else:
        text = f"@{kind}{{{group}}}\n"
    ours = _scanned(text)
    if ours is not None:
        assert ours == _reference(text)


# --------------------------------------------------------------------------- LaTeX


def test_nested_groups_around_half_a_megabyte() -> None:
    # each group was matched by walking to its end: 400 groups around 500 KB took 26 s
    unit = "\\textbf{x} \\foo{y} {\\'e} "
    payload = unit * (500_000 // len(unit))
    nested = "{" * (MAX_DEPTH - 1) + payload + "}" * (MAX_DEPTH - 1)
    # without case protection the groups only fall away
    assert decode(nested, rich=False) == decode(payload, rich=False)
    assert decode(nested).startswith(NC + "<b>x</b> \\foo{y} é <b>x</b>")
    # past MAX_DEPTH, the rest is kept as it is (but for the accents of the fast path)
    out = decode("{" * 400 + payload + "}" * 400, rich=False)
    kept = payload.replace("{\\'e}", "é")
    assert out == "{" * (400 - MAX_DEPTH) + kept + "}" * (400 - MAX_DEPTH)


def test_a_chain_of_accents() -> None:
    # each accent takes the next as its argument: was recursive (and quadratic)
    assert decode("\\'" * 100_000 + "a") == "á" + "\u0301" * 99_999
    assert decode("\\'" * 3 + "a") == decode("\\'{\\'{\\'{a}}}")
    assert decode("\\u" * 50_000 + "{a}") == "ă" + "\u0306" * 49_999
    assert decode("\\'" * 100_000) == "´" + "\u0301" * 99_999


def test_latex_nested_past_max_depth_is_kept_as_source() -> None:
    for open_, close, mark in [
        ("\\textbf{", "}", "<b>"),
        ("\\enquote{", "}", "“"),
        ("\\em ", "", "<i>"),
        ("\\'{", "}", None),
    ]:
        text = open_ * (MAX_DEPTH * 3) + "x" + close * (MAX_DEPTH * 3)
        out = decode(text, rich=False)
        assert open_.strip() in out  # the part past the limit, verbatim
        if mark:
            assert out.startswith(mark * (MAX_DEPTH - 1))


def test_encoding_is_linear_on_unclosed_commands_dollars_and_nested_spans() -> None:
    n = 100_000
    assert encode("\\a{" * n) == "\\a\\{" * n
    assert encode("$" * n) == "\\$" * n
    assert encode("\\" * n).count("\\textbackslash{}") == n
    assert encode(NC * 5000 + "x" + "</span>" * 5000) == "{" * 5000 + "x" + "}" * 5000
    assert encode(NC * 5000 + "\\x" + "</span>" * 5000).startswith("{" * 4999 + "{{}\\x}}")


# --------------------------------------------------------------------------- names


def test_a_name_list_holding_a_long_run_of_white_space() -> None:
    spaces = " " * 1_000_000
    assert split_name_list("A" + spaces + "B") == ["A" + spaces + "B"]
    assert split_name_list("A" + spaces + "and B") == ["A", "B"]
    assert split_name_list("{A}" + spaces + "and {B}") == ["{A}", "{B}"]
    assert split_name_list("{A" + spaces + "and B}") == ["{A" + spaces + "and B}"]
    assert parse_names("A" + spaces + "B") == (Name(family="B", given="A"),)


def test_a_separator_after_an_escaped_space() -> None:
    # the white space after "\ " may start a separator, as the brace walker reads it
    assert split_name_list("x\\ " + " " * 10 + "and y") == ["x\\", "y"]
    assert split_name_list("x\\  and y") == ["x\\", "y"]
    assert split_name_list("x\\ and y") == ["x\\ and y"]
    assert split_name_list("{x} and and y") == ["{x}", "and y"]


# --------------------------------------------------------------------------- writing


def test_pages_of_long_digit_runs_are_written_whole() -> None:
    # the page-range expression was cubic: 4,000 digits took 215 s
    digits = "1" * 50_000
    for page, written in [
        (digits, digits),
        (digits + "-" + "2" * 50_000, digits + "--" + "2" * 50_000),
        ("1-2, 3-4, x-5, 6-y, a7-b8", "1--2, 3--4, x-5, 6-y, a7--b8"),
        ("1-2-3", "1--2--3"),
    ]:
        text = bibtex.write([Work(id="k", type="article-journal", page=page)]).text
        assert re.search(r"pages = \{(.*)\}", text).group(1) == written  # type: ignore[union-attr]
        (back,) = bibtex.read(text).works
        assert back.page == page
