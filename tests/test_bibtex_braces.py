"""The one brace-depth walker (citelib.formats.bibtex._braces) and the functions built on it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citelib.formats.bibtex._braces import brace_depth, walk
from citelib.formats.bibtex.latex import braces_balanced, match_brace
from citelib.formats.bibtex.names import parse_name, split_name_list

# text made mostly of the characters the walker cares about
braces_text = st.text(alphabet='{}\\ a,"~', max_size=30)


def _reference(text: str, start: int, clamp: bool) -> list[tuple[int, int]]:
    """The walker's brace positions and depths, one character at a time."""
    out: list[tuple[int, int]] = []
    depth = 0
    i = start
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
            out.append((i, depth))
        elif c == "}":
            if depth > 0 or not clamp:
                depth -= 1
            out.append((i, depth))
        i += 1
    return out


@given(braces_text, st.booleans())
def test_walk_counts_braces_one_character_at_a_time(text: str, clamp: bool) -> None:
    got = [(i, d) for i, _end, d in walk(text, clamp=clamp)]
    assert got == _reference(text, 0, clamp)


def test_walk_escapes_and_marks() -> None:
    text = r"a\{b{c,\,d}\\}, e"
    seen = [(text[i:end], depth) for i, end, depth in walk(text, marks=",")]
    # \{ is no brace, \\ escapes itself so the } after it counts, \, is no mark
    assert seen == [("{", 1), (",", 1), ("}", 0), ("}", -1), (",", -1)]
    assert [d for _i, _e, d in walk("}}{", clamp=True)] == [0, 0, 1]
    assert [d for _i, _e, d in walk("}}{")] == [-1, -2, -1]
    assert list(walk("a\\")) == []  # a trailing backslash is plain text


def test_brace_depth() -> None:
    assert brace_depth("{a{b}") == 1
    assert brace_depth("a}") == -1
    assert brace_depth(r"\{\}}") == -1
    assert brace_depth("") == 0


@given(braces_text)
def test_match_brace_and_braces_balanced_agree_with_the_reference(text: str) -> None:
    text = "{" + text
    closes = [i for i, d in _reference(text, 0, False) if d == 0]
    assert match_brace(text, 0) == (closes[0] if closes else -1)
    depths = [d for _i, d in _reference(text, 0, False)]
    assert braces_balanced(text) == (min(depths, default=0) >= 0 and depths[-1] == 0)


def test_match_brace() -> None:
    assert match_brace("x{a}", 1) == 3
    assert match_brace(r"{a\}b}", 0) == 5
    assert match_brace(r"{a\\}b}", 0) == 4
    assert match_brace("{a{b}c}d", 0) == 6
    assert match_brace("{a{b}", 0) == -1


def test_name_lists_split_at_depth_zero_only() -> None:
    assert split_name_list("A and {B and C} AND D") == ["A", "{B and C}", "D"]
    assert split_name_list(r"A \and B and {C}") == [r"A \and B", "{C}"]
    # a stray closing brace does not hide the separators after it (depth clamped at 0)
    assert split_name_list(r"A} and {B} and C\{") == ["A}", "{B}", r"C\{"]
    assert split_name_list("{A}\\ and B") == ["{A}\\ and B"]  # an escaped space separates nothing


def test_names_split_words_and_commas_at_depth_zero() -> None:
    assert parse_name("{van Gogh}, Vincent").family == "van Gogh"
    assert parse_name("Ludwig~van Beethoven").dropping_particle == "van"
    assert parse_name("{World Health Organization}").literal == "World Health Organization"
    assert parse_name(r"{A\}B}").literal == "A}B"
