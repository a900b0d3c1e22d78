"""Likely duplicates across a library: found, reported by check, merged (issue 10, item 5)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import DATA, examples
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import cjk_names

from citelib import io
from citelib.checks import check, locate_files
from citelib.cli import cli
from citelib.duplicates import find_duplicates, merge_duplicates, normalize_title
from citelib.model import Date, Library, Name, Work

SET = DATA / "duplicates"
FILES = [SET / "cnki.txt", SET / "zotero.json", SET / "near-miss.json"]


def _labelled() -> tuple[Library, list[str], set[frozenset[str]], set[frozenset[str]]]:
    lib = io.read(*FILES)
    refs = [
        f"cnki.txt:{lib.origin(i).line}"
        if (lib.origin(i).file or "").endswith("cnki.txt")
        else w.id
        for i, w in enumerate(lib.works)
    ]
    labels = json.loads((SET / "labels.json").read_text(encoding="utf-8"))
    same = {frozenset(p) for p in labels["duplicates"]}
    distinct = {frozenset(p) for p in labels["distinct"]}
    return lib, refs, same, distinct


def test_labelled_set_no_false_merge_and_recall() -> None:
    lib, refs, same, distinct = _labelled()
    assert len(set(refs)) == len(refs) == 37 * 2 + 17 * 2
    assert set().union(*same) <= set(refs) and set().union(*distinct) <= set(refs)
    found = {frozenset((refs[d.first], refs[d.second])) for d in find_duplicates(lib.works)}
    true = found & same
    false = found - same
    precision = len(true) / len(found) if found else 1.0
    recall = len(true) / len(same)
    print(
        f"\nduplicates: {len(found)} pairs found, {len(true)} of {len(same)} labelled"
        f" (recall {recall:.1%}), {len(false)} false (precision {precision:.1%});"
        f" missed: {sorted(sorted(p) for p in same - found)}"
    )
    assert not false, sorted(sorted(p) for p in false)
    assert not (found & distinct)
    assert recall >= 0.95


def test_merging_the_labelled_set() -> None:
    lib, refs, same, _distinct = _labelled()
    merged = merge_duplicates(lib, locate_files(FILES))
    reports = [p for p in merged.problems if p.code == "merged-duplicate"]
    pairs = len({frozenset((refs[d.first], refs[d.second])) for d in find_duplicates(lib.works)})
    assert len(merged) == len(lib) - pairs == len(lib) - len(reports)
    kept = {w.id for w in merged}
    near = {i["id"] for i in json.loads((SET / "near-miss.json").read_text(encoding="utf-8"))}
    assert near <= kept  # no near miss was merged away
    # the fuller record is kept and takes what only the other had
    (first,) = [w for w in merged if w.title == "数字政府建设中的协同治理：机制与路径"]
    assert first.doi == "10.19735/j.issn.1006-0863.2022.03.002"
    assert first.keyword == "治理, 改革" and first.available_date is not None
    assert first.id == "z00"  # the key written in the Zotero file, not the one made up
    (report,) = [p for p in reports if p.key == first.id]
    assert report.related[0][:2] == ("z00", str(SET / "zotero.json"))
    assert report.file == str(SET / "cnki.txt") and report.line == 1
    assert "took from it: " in report.message and "keeps the key 'z00'" in report.message


def test_check_reports_duplicates_with_both_keys_and_files() -> None:
    result = CliRunner().invoke(cli, ["check", *map(str, FILES[:2]), "--json"])
    rows = json.loads(result.stdout)["problems"]
    dups = [r for r in rows if r["code"] == "likely-duplicate"]
    assert len(dups) == 36
    row = next(r for r in dups if r["key"] == "z00")
    assert row["severity"] == "warning" and row["field"] == "title"
    assert row["file"] == str(SET / "zotero.json") and row["line"] is not None
    (rel,) = row["related"]
    assert rel["file"] == str(SET / "cnki.txt") and rel["line"] == 1 and rel["key"]
    assert "merge-duplicates" in row["hint"]


def test_cli_merge_duplicates(tmp_path: Path) -> None:
    out = tmp_path / "merged.json"
    result = CliRunner().invoke(
        cli, ["convert", *map(str, FILES[:2]), "--merge-duplicates", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 37 + 1  # h0 stays apart
    assert result.stderr.count("warning: ") >= 36
    assert "merged into" in result.stderr and "took from it" in result.stderr


def _article(**fields: object) -> Work:
    base: dict[str, object] = {
        "id": "a",
        "type": "article-journal",
        "title": "数字治理：理论与实践",
        "author": [Name(family="张", given="三")],
        "container_title": "中国行政管理",
        "issued": Date.of(2020),
        "page": "1-10",
    }
    base.update(fields)
    return Work(**base)  # type: ignore[arg-type]


def test_what_matches() -> None:
    a = _article()
    for b in (
        _article(id="b", author=[Name(literal="张三")]),
        _article(id="b", title="数字治理: 理论与实践"),
        _article(id="b", title="数字治理 ：理论与实践", page="1–10"),
        _article(id="b", doi="https://doi.org/10.1/X", title="数字治理", issued=Date.of(2019)),
    ):
        c = a.evolve(doi="10.1/x") if b.doi else a
        assert [(d.first, d.second) for d in find_duplicates([c, b])] == [(0, 1)], b
    assert normalize_title("Ａ：ｂ <i>C</i>") == normalize_title("a: B c") == "abc"


def test_what_never_matches() -> None:
    a = _article()
    for b in (
        _article(id="b", type="paper-conference", container_title="会议论文集"),
        _article(id="b", container_title="管理世界"),
        _article(id="b", page="11-20"),
        _article(id="b", volume="2", issue="3"),
        _article(id="b", issued=Date.of(2021)),
        _article(id="b", author=[Name(family="李", given="四")]),
        _article(id="b", doi="10.1/other"),
        _article(id="b", volume="2"),
    ):
        c = a.evolve(volume="1", issue="3") if b.issue else a
        c = c.evolve(number_of_volumes="3") if b.volume and not b.issue else c
        c = c.evolve(doi="10.1/this") if b.doi else c
        assert find_duplicates([c, b]) == [], b


@settings(max_examples=examples(100))
@given(
    cjk_names(),
    st.sampled_from(["patent", "standard", "report"]),
    st.integers(1, 99999),
    st.integers(1, 99999),
)
def test_numbered_works_with_one_title_stay_apart(name: Name, kind: str, x: int, y: int) -> None:
    a = Work(
        id="a", type=kind, title="一种方法", author=[name], number=str(x), issued=Date.of(2020)
    )
    b = a.evolve(id="b", number=str(y))
    assert bool(find_duplicates([a, b])) == (x == y)


@settings(max_examples=examples(100))
@given(cjk_names(), st.booleans())
def test_cjk_names_split_or_not(name: Name, literal: bool) -> None:
    other = Name(literal=str(name)) if literal else name
    a = _article(author=[name])
    b = _article(id="b", author=[other], title="数字治理：理论与实践".replace("：", ":"))
    assert len(find_duplicates([a, b])) == 1
    assert check([a, b], None)[-1].code == "likely-duplicate"


def test_merging_never_joins_conflicting_works_through_a_third() -> None:
    base = Work(
        id="w",
        type="patent",
        title="一种方法",
        author=[Name(family="张", given="三")],
        issued=Date.of(2020),
    )
    one, two = base.evolve(id="p1", number="CN1"), base.evolve(id="p2", number="CN2")
    assert len(find_duplicates([base, one, two])) == 2  # each numbered one looks like w
    merged = merge_duplicates(Library([base, one, two]))
    assert [w.id for w in merged] == ["p1", "p2"]  # w joined one of them, never both
    (report,) = [p for p in merged.problems if p.code == "merged-duplicate"]
    assert report.related[0][0] == "w"


@st.composite
def _lookalikes(draw: st.DrawFn) -> list[Work]:
    """Works drawn from few titles, types, numbers, pages and years: many look alike."""
    out = []
    for i in range(draw(st.integers(0, 8))):
        fields: dict[str, object] = {
            "id": f"w{i}",
            "type": draw(st.sampled_from(["patent", "article-journal", "chapter"])),
            "title": draw(st.sampled_from(["一种方法", "一种方法：装置", "A Method"])),
            "author": [
                draw(st.sampled_from([Name(family="张", given="三"), Name(literal="张三")]))
            ],
            "issued": Date.of(draw(st.sampled_from([2020, 2021]))),
        }
        for attr, values in (("number", ["1", "2"]), ("page", ["1-5", "6-9"])):
            value = draw(st.one_of(st.none(), st.sampled_from(values)))
            if value:
                fields[attr] = value
        out.append(Work(**fields))  # type: ignore[arg-type]
    return out


@settings(max_examples=examples(200))
@given(_lookalikes())
def test_merge_never_joins_works_that_conflict(works: list[Work]) -> None:
    from citelib.duplicates import conflict

    merged = merge_duplicates(Library(works))
    reports = [p for p in merged.problems if p.code == "merged-duplicate"]
    assert len(merged) == len(works) - len(reports)
    kept = {w.id for w in merged}
    by_id = {w.id: w for w in works}
    groups: dict[str, list[Work]] = {}
    for p in reports:
        groups.setdefault(p.key or "", []).append(by_id[p.related[0][0] or ""])
    for key, gone in groups.items():
        assert key in kept
        members = [by_id[key], *gone] if key in by_id else gone
        assert all(conflict(a, b) is None for a in members for b in members if a is not b)
