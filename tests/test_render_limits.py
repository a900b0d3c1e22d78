"""Rendering stays linear on pathological field values: the results are checked here, the
times are measured by bench/bench_render_limits.py."""

from __future__ import annotations

import citelib
from citelib import Date, Name, Work
from citelib._citeproc.rich import ITALIC, NORMAL, parse_markup

N = 200_000  # the old code took minutes on each of these


def _work(**fields: object) -> Work:
    base: dict[str, object] = dict(
        id="k",
        type="article-journal",
        title="T",
        container_title="J",
        author=(Name(family="Smith", given="John"),),
        issued=Date(((2020,),)),
    )
    base.update(fields)
    return Work(**base)  # type: ignore[arg-type]


def test_a_page_of_letters_or_digits_is_kept_whole() -> None:
    for page in ("a" * N, "1" * N, "1" + "a" * N):
        text = citelib.format_bibliography([_work(page=page)], "apa").entries[0].text
        assert page in text


def test_ranges_next_to_long_runs() -> None:
    # as citeproc-js reads them: a value whose first number is not a number keeps its
    # hyphens ("aaaa 12-15", "1111 12-15" as written); one that starts with a range has it
    for page, printed in (
        ("a" * N + " 12-15", "a" * N + " 12-15"),
        ("1" * N + " 12-15", "1" * N + " 12-15"),
        ("12-15, " + "a" * N, "12–15, " + "a" * N),
    ):
        text = citelib.format_bibliography([_work(page=page)], "apa").entries[0].text
        assert printed in text


def test_many_opening_tags_parse_in_one_pass() -> None:
    rich = parse_markup("<i>" * N + "x</i>")
    # a close tag follows every opening tag, so each opens italics, and italics inside
    # italics flip to upright (citeproc-js flip-flop): N even ends upright in italics
    flags = ITALIC if N % 2 else ITALIC | NORMAL
    assert [(t, f) for t, f in rich.runs if t] == [("x", flags)]
    rich = parse_markup("x</i>" + "<i>" * N)
    assert [(t, f) for t, f in rich.runs if t] == [("x</i>" + "<i>" * N, 0)]
