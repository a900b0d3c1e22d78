"""Rules found by comparing citelib with citeproc-js on styles the project does not keep
(``bench/popular_styles.py --dir``): punctuation where pieces meet, sort keys, substitutes,
et al. (expected values: citeproc-js 2.4.63 on the same style and items, bench/render_js.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import citelib
from citelib.render import Markup


def _entries(
    tmp_path: Path, csl: str, items: list[dict[str, Any]], markup: Markup = "text"
) -> list[str]:
    """The list *items* make in the style *csl* (written to a file), as texts."""
    style = tmp_path / "style.csl"
    style.write_text(csl, encoding="utf-8")
    bib = citelib.format_bibliography(items, style, markup=markup)
    return [e.text for e in bib.entries]


_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
    demote-non-dropping-particle="sort-only">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="short"><names variable="author"><name form="short"/></names></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <sort><key macro="short"/></sort>
    <layout>
      <text macro="short" suffix=". "/>
      <text variable="title" font-style="italic" suffix="."/>
      <text variable="title" prefix=" " suffix="."/>
      <text variable="title-short" font-style="italic" prefix=" " suffix="."/>
      <text variable="container-title" prefix=" " suffix=" ;"/>
      <text value="."/>
    </layout>
  </bibliography>
</style>"""

_ITEMS = [
    {
        "id": "a",
        "type": "book",
        "author": [{"family": "van Regenmortel", "given": "M.H."}],
        "title": "Made Easy!",
        "title-short": "Acme Inc.",
        "container-title": "J",
    },
    {
        "id": "b",
        "type": "book",
        "author": [{"family": "Ride", "given": "W."}],
        "title": "Code?",
        "title-short": "Co.",
        "container-title": "K",
    },
]


def test_seams_and_short_name_sort_keys(tmp_path: Path) -> None:
    entries = _entries(tmp_path, _STYLE, _ITEMS)
    assert entries == [
        # sort-only: a short name as a sort key is "Regenmortel", before "Ride"
        # an italic title keeps its "!" and its own suffix "." (a plain one merges them);
        # a mark both have is dropped once ("Inc." + "."); a suffix ";" and a text value
        # "." that follows it both stay (citeproc-js merges a suffix with a prefix only)
        "van Regenmortel. Made Easy!. Made Easy! Acme Inc. J ;.",
        "Ride. Code?. Code? Co. K ;.",
    ]


_SUBSTITUTE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="t"><text variable="title"/></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography et-al-min="8" et-al-use-first="6" et-al-use-last="true">
    <sort><key macro="issued"/></sort>
    <layout delimiter=" | ">
      <names variable="author" prefix="[" suffix="]." font-weight="bold">
        <name/>
        <substitute>
          <names variable="editor"/>
          <choose><if type="book"><text variable="title"/></if><else><text macro="t"/></else></choose>
        </substitute>
      </names>
      <text macro="issued" prefix=" "/>
    </layout>
  </bibliography>
  <macro name="issued"><date variable="issued"><date-part name="year"/></date></macro>
</style>"""


def test_substitutes_literal_dates_and_et_al_use_last(tmp_path: Path) -> None:
    seven = [{"family": f"N{i}", "given": "A."} for i in range(7)]
    items = [
        {"id": "a", "type": "book", "title": "Bk", "issued": {"literal": "in press"}},
        {"id": "b", "type": "article", "title": "Art", "issued": {"literal": "1990s"}},
        {
            "id": "c",
            "type": "book",
            "title": "Ed",
            "editor": seven,
            "issued": {"date-parts": [[2001]]},
        },
        {
            "id": "d",
            "type": "book",
            "title": "T",
            "author": seven[:1],
            "issued": {"date-parts": [[1999]]},
        },
    ]
    entries = _entries(tmp_path, _SUBSTITUTE, items, markup="html")
    assert entries == [
        "[<b>A. N0</b>]. 1999",
        # seven names under et-al-min 8: all of them, even with et-al-use-last
        "[<b>A. N0, A. N1, A. N2, A. N3, A. N4, A. N5, A. N6</b>]. 2001",
        # a title put in the names' place takes neither their font nor their affixes;
        # literal dates sort after the dated works, in the order given
        "Bk in press",
        "Art 1990s",
    ]


_FONTS_AND_ORDINALS = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
    default-locale="fr-FR">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <locale xml:lang="fr"><terms>
    <term name="ordinal-01">ère</term><term name="ordinal-02">e</term>
  </terms></locale>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout>
      <text variable="title" font-style="italic" suffix="."/>
      <text variable="edition" prefix=". "/>
      <group prefix=" ">
        <text variable="container-title" font-style="normal" suffix="."/>
      </group>
      <text variable="publisher" prefix=". "/>
      <number variable="volume" form="ordinal" prefix=" "/>
      <number variable="issue" form="ordinal" prefix=" "/>
    </layout>
  </bibliography>
</style>"""


def test_fonts_keep_affixes_apart_and_ordinals_without_ordinal(tmp_path: Path) -> None:
    items = [
        {"id": "a", "type": "book", "title": "Medicine", "edition": "Revised",
         "container-title": "Dict", "publisher": "Pub", "volume": "1", "issue": "2"},
        {"id": "b", "type": "book", "title": "Easy!", "edition": "Third",
         "container-title": "Web.", "publisher": "P", "volume": "3", "issue": "11"},
    ]  # fmt: skip
    entries = _entries(tmp_path, _FONTS_AND_ORDINALS, items)
    assert entries == [
        # an italic title's suffix and the next element's prefix both stay ("..");
        # a group around a text in a font of its own is itself plain: "Dict." + ". " merge;
        # the style's ordinal-01/-02 without an "ordinal" term reword the locale's terms
        # but add no rule, so 2 is "2ᵉ" (the locale's "ordinal"), as in citeproc-js
        "Medicine.. Revised Dict. Pub 1ᵉʳ 2ᵉ",
        # an edition in words stays words outside citelib's GB/T styles
        "Easy!.. Third Web. P 3ᵉ 11ᵉ",
    ]
    gbt = citelib.format_bibliography(items[1:], "gbt7714-2025-numeric").entries[0].text
    assert "3版" in gbt or "3rd ed" in gbt


_SAS = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography subsequent-author-substitute="---" subsequent-author-substitute-rule="{rule}">
    <layout>
      <names variable="author" suffix=". "><name and="text" initialize-with=". "/></names>
      <text variable="title"/>
      <date variable="issued" prefix=" "><date-part name="month"/></date>
    </layout>
  </bibliography>
</style>"""

_K, _H, _L = (
    {"family": "Karenberg", "given": "Axel"},
    {"family": "Hort", "given": "Irmgard"},
    {"family": "Leitz", "given": "C."},
)


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("partial-each", ["--- and I. Hort. B", "--- and ---. C", "--- and C. Leitz. D"]),
        ("partial-first", ["--- and I. Hort. B", "--- and I. Hort. C", "--- and C. Leitz. D"]),
        (
            "complete-each",
            ["A. Karenberg and I. Hort. B", "--- and ---. C", "A. Karenberg and C. Leitz. D"],
        ),
        (
            "complete-all",
            ["A. Karenberg and I. Hort. B", "---. C", "A. Karenberg and C. Leitz. D"],
        ),
    ],
)
def test_subsequent_author_substitute_rules(tmp_path: Path, rule: str, expected: list[str]) -> None:
    items = [
        {"id": "a", "type": "book", "title": "A", "author": [_K]},
        {"id": "b", "type": "book", "title": "B", "author": [_K, _H]},
        # a literal date stands for a year: a date of months alone prints nothing of it
        {"id": "c", "type": "book", "title": "C", "author": [_K, _H], "issued": {"literal": "x"}},
        {"id": "d", "type": "book", "title": "D", "author": [_K, _L]},
        {"id": "e", "type": "book", "title": "E", "author": [{"family": "Moog", "given": "F."}]},
    ]
    entries = _entries(tmp_path, _SAS.format(rule=rule), items)
    assert entries == ["A. Karenberg. A", *expected, "F. Moog. E"]


_ESCAPED = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout>
      <text variable="title" quotes="false" suffix="."/>
      <text variable="container-title" suffix="."/>
      <text variable="DOI" prefix="&amp;#91;doi&amp;#x3A;"/>
    </layout>
  </bibliography>
</style>"""


def test_escaped_references_and_a_quotes_attribute(tmp_path: Path) -> None:
    item = {"id": "a", "type": "article-journal", "title": "Reasonable?",
            "container-title": "Why?", "DOI": "10.1/x"}  # fmt: skip
    # "&amp;#91;" prints "["; a quotes attribute, even "false", keeps "?." apart
    assert _entries(tmp_path, _ESCAPED, [item]) == ["Reasonable?.Why?[doi:10.1/x"]


_NAME_SUFFIX = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout>
      <names variable="editor" suffix=" | "><name suffix="," and="text" initialize-with=". "/></names>
      <names variable="author">
        <name suffix="," et-al-min="3" et-al-use-first="2" initialize-with=". "/>
      </names>
    </layout>
  </bibliography>
</style>"""


def test_a_names_suffix_and_the_delimiter_both_stay(tmp_path: Path) -> None:
    s, b, t = (
        {"family": "Stegman", "given": "J. K."},
        {"family": "Branger", "given": "E."},
        {"family": "Tyler", "given": "K. L."},
    )
    items = [
        {"id": "a", "type": "book", "title": "A", "editor": [s, b, t], "author": [s, b, t]},
        {"id": "b", "type": "book", "title": "B", "editor": [s, b], "author": [s, b]},
    ]
    # citeproc-js adds the delimiter to each name's suffix (",, "); the name before "and"
    # or "et al." keeps its own, which merges with the ", " before them
    assert _entries(tmp_path, _NAME_SUFFIX, items) == [
        "J. K. Stegman,, E. Branger, and K. L. Tyler, | J. K. Stegman,, E. Branger, et al.,",
        "J. K. Stegman, and E. Branger, | J. K. Stegman,, E. Branger,",
    ]


_COUNT_KEY = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="count">
    <names variable="author"><name form="count"/><substitute><names variable="editor"/></substitute></names>
  </macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <sort><key macro="count"/><key variable="title"/></sort>
    <layout><text variable="title"/><text macro="count" prefix=" "/></layout>
  </bibliography>
</style>"""


def test_a_count_of_no_names_sorts_first(tmp_path: Path) -> None:
    x, z = {"family": "X", "given": "Y"}, {"family": "Z", "given": "Y"}
    items = [
        {"id": "a", "type": "book", "title": "A", "editor": [x]},
        {"id": "b", "type": "book", "title": "B"},
        {"id": "c", "type": "book", "title": "C", "editor": [x, z]},
        {"id": "d", "type": "book", "title": "D", "author": [x]},
    ]
    # citeproc-js: in a sort key, a count of no names is "0" (it prints nothing)
    assert _entries(tmp_path, _COUNT_KEY, items) == ["B", "A 1", "D 1", "C 2"]


_SORT_ET_AL = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
    et-al-min="2" et-al-use-first="1">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="author">
    <names variable="author">
      <name and="symbol" et-al-min="9" et-al-use-first="8" initialize-with="." name-as-sort-order="all"/>
    </names>
  </macro>
  <macro name="year"><date variable="issued"><date-part name="year"/></date></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <sort><key macro="author"{names}/><key macro="year"/></sort>
    <layout><text macro="author"/><text macro="year" prefix=" "/></layout>
  </bibliography>
</style>"""


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        # the style's et-al-min / et-al-use-first win over cs:name's in a sort key:
        # "Karenberg, A. & Förstl, H." sorts as "Karenberg, A.", by its year
        ("", ["D & L 1981", "D 2006", "K 2003", "K & F 2006", "K 2009"]),
        # a key's own names-min / names-use-first win over both
        (' names-min="3" names-use-first="1"',
         ["D 2006", "D & L 1981", "K 2003", "K 2009", "K & F 2006"]),
    ],
)  # fmt: skip
def test_sort_keys_take_the_styles_et_al(tmp_path: Path, names: str, expected: list[str]) -> None:
    k, f = {"family": "Karenberg", "given": "Axel"}, {"family": "Förstl", "given": "H."}
    d, le = {"family": "Dirckx", "given": "J. H."}, {"family": "Leider", "given": "M."}
    items = [
        {"id": "a", "type": "book", "author": [k, f], "issued": {"date-parts": [[2006]]}},
        {"id": "b", "type": "book", "author": [k], "issued": {"date-parts": [[2009]]}},
        {"id": "c", "type": "book", "author": [k], "issued": {"date-parts": [[2003]]}},
        {"id": "d", "type": "book", "author": [d, le], "issued": {"date-parts": [[1981]]}},
        {"id": "e", "type": "book", "author": [d], "issued": {"date-parts": [[2006]]}},
    ]
    entries = _entries(tmp_path, _SORT_ET_AL.replace("{names}", names), items)
    short = {"Karenberg, A.": "K", "Förstl, H.": "F", "Dirckx, J.H.": "D", "Leider, M.": "L"}
    for long, s in short.items():
        entries = [e.replace(long, s) for e in entries]
    assert entries == expected


_MARKS_INTO_LEAF = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="pub"><text variable="publisher" suffix=";"/></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout suffix=".">
      <group delimiter=". " suffix="|"><text variable="publisher" suffix=";"/><text variable="title"/></group>
      <group delimiter=". " suffix="|"><text macro="pub"/><text variable="title"/></group>
      <group delimiter=": " suffix="|">
        <group><text variable="publisher" suffix=";"/></group><text variable="title"/>
      </group>
      <group delimiter=". " suffix="|">
        <group suffix=";"><text variable="publisher"/></group><text variable="title"/>
      </group>
      <group delimiter=". " suffix="|">
        <group><text variable="publisher" suffix=";" font-style="italic"/></group>
        <text variable="title"/>
      </group>
      <group delimiter=". " suffix="|">
        <group><text variable="publisher" suffix=";" quotes="true"/></group><text variable="title"/>
      </group>
      <group delimiter=". " suffix="|">
        <group><text variable="issue" suffix=";"/></group>
        <names variable="author" suffix=";"/>
        <text variable="title"/>
      </group>
      <group delimiter=". " suffix="|">
        <group><names variable="author" suffix=";"/></group><text variable="title"/>
      </group>
      <text macro="pub"/>
    </layout>
  </bibliography>
</style>"""


def test_marks_of_a_group_go_into_a_leaf_before_its_suffix(tmp_path: Path) -> None:
    doe = [{"family": "Doe", "given": "J."}]
    items = [
        {"id": "a", "type": "book", "title": "T", "publisher": "Wilkins", "issue": "4",
         "author": doe},
        {"id": "b", "type": "book", "title": "T", "publisher": "Why?", "issue": "Spring",
         "author": doe},
    ]  # fmt: skip
    entries = _entries(tmp_path, _MARKS_INTO_LEAF, items, markup="html")
    assert entries == [
        # a delimiter's first mark joins the suffix of the element it follows, unmerged
        # (";."); a suffix of a group or macro around a text ("." of the delimiter, of a
        # group, of the layout) goes into the text before the text's own suffix (".;",
        # ":;", in its italics, in its quotes), merged with the text's last mark ("Why?;");
        # a number ending in a digit merges no mark after it ("4;."), names and a group's
        # suffix do ("J. Doe;")
        "Wilkins;. T|Wilkins.; T|Wilkins:; T|Wilkins;. T|<i>Wilkins.</i>; T|“Wilkins.”; T"
        "|4;. J. Doe;. T|J. Doe; T|Wilkins.;",
        "Why?;. T|Why?; T|Why?; T|Why?;. T|<i>Why?</i>; T|“Why?”; T"
        "|Spring; J. Doe;. T|J. Doe; T|Why?;",
    ]


_LAST_CHILD = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
    default-locale="{locale}">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="t"><text variable="title" quotes="true"/></macro>
  <macro name="ed"><text variable="edition" suffix=" ed."/></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout suffix="]">
      <group suffix=". " prefix="1["><text variable="title" suffix="."/></group>
      <group suffix=".)" prefix="2["><group suffix="."><text variable="title"/></group></group>
      <group suffix=". " prefix="3["><group><text variable="title" suffix="."/></group></group>
      <group suffix=". " prefix="4["><names variable="editor"><label prefix=", " suffix="."/></names></group>
      <text macro="ed" suffix=". " prefix="5["/>
      <group suffix=". " prefix="6["><text macro="t" suffix="."/></group>
      <group delimiter=", "><text variable="volume" prefix=", "/><text variable="issue"/></group>
      <group suffix=". " prefix="7["><text macro="t" suffix="."/></group>
      <text variable="volume" prefix=" ("/>
    </layout>
  </bibliography>
</style>"""

_LAST_CHILD_ITEMS = [
    {"id": "a", "type": "book", "title": "Glance", "editor": [{"family": "Doe", "given": "J."}],
     "edition": "Rev. ed.", "volume": "4", "issue": "5"},
    {"id": "b", "type": "book", "title": "Why?", "editor": [{"family": "Doe", "given": "J."}],
     "edition": "2", "volume": "4", "issue": "5"},
]  # fmt: skip


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        # a group's suffix after its last child's suffix ending in the suffix's first mark
        # loses its first and its last character (". " and ".)" -> nothing), also where
        # the child's "." went into its text ("Why?"); not a child's child's (3, 4, 5: a
        # label is in its names, a macro's text two levels under the call's suffix); the
        # space such a suffix lost comes back for the next element's prefix mark, which is
        # dropped (6), and takes the place of its space (7)
        ("en-GB", ["1[Glance.2[Glance.3[Glance. 4[J. Doe, editor. 5[Rev. ed. ed. "
                   "6[‘Glance’.  4, 57[‘Glance’.(4]"]),
        # a quotation the suffix's mark goes into keeps the group's suffix but its mark
        ("en-US", ["1[Glance.2[Glance.3[Glance. 4[J. Doe, editor. 5[Rev. ed. ed. "
                   "6[“Glance.” , 4, 57[“Glance.” (4]"]),
    ],
)  # fmt: skip
def test_a_group_suffix_after_its_last_childs(
    tmp_path: Path, locale: str, expected: list[str]
) -> None:
    style = _LAST_CHILD.replace("{locale}", locale)
    assert _entries(tmp_path, style, _LAST_CHILD_ITEMS[:1]) == expected
    # "Why?" + "." in a text: the text's suffix still counts
    assert _entries(tmp_path, style, _LAST_CHILD_ITEMS[1:])[0].startswith("1[Why?2[Why?)3[Why? ")


_QUOTED = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
    default-locale="en-GB">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout suffix="]">
      <group suffix="." prefix="1["><text variable="title" quotes="true"/></group>
      <group delimiter=": " prefix="2["><text variable="title" quotes="true"/><text variable="volume"/></group>
      <group prefix="3["><text variable="title" quotes="true"/><text variable="volume" prefix=". "/></group>
      <group delimiter=". " prefix="4["><group><text variable="title" quotes="true"/></group><text variable="volume"/></group>
    </layout>
  </bibliography>
</style>"""


#: titles ending in no mark, in "?" and in "."
_MARKED_TITLES = [
    {"id": "a", "type": "book", "title": "Glance", "volume": "4"},
    {"id": "b", "type": "book", "title": "Why?", "volume": "4"},
    {"id": "c", "type": "book", "title": "Inc.", "volume": "4"},
]


def test_a_group_mark_after_a_quotation_merges_with_its_last_mark(tmp_path: Path) -> None:
    items = _MARKED_TITLES
    # a group's suffix, or a delimiter after a group around the quotation, merges with
    # the quotation's last mark (citeproc-js moves it into the quoted text); a delimiter
    # after the quotation itself and a prefix only drop a period twice
    assert _entries(tmp_path, _QUOTED, items) == [
        "1[‘Glance’.2[‘Glance’: 43[‘Glance’. 44[‘Glance’. 4]",
        "1[‘Why?’2[‘Why?’: 43[‘Why?’. 44[‘Why?’ 4]",
        "1[‘Inc.’2[‘Inc.’: 43[‘Inc.’ 44[‘Inc.’ 4]",
    ]
    style = _LAST_CHILD.replace("{locale}", "en-GB")
    assert _entries(tmp_path, style, _LAST_CHILD_ITEMS[1:]) == [
        "1[Why?2[Why?)3[Why? 4[J. Doe, editor. 5[2 ed. 6[‘Why?’ , 4, 57[‘Why?’ (4]"
    ]


_INTO_QUOTES = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="t"><text variable="title" quotes="true" suffix=","/></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout suffix="]">
      <group suffix=";" prefix="1["><text variable="title" quotes="true"/></group>
      <text macro="t" suffix="." prefix="2["/>
      <group suffix=":" prefix="3["><text variable="title" quotes="true" suffix=","/></group>
      <group suffix="." prefix="4["><text variable="title" quotes="true" suffix=";"/></group>
      <group delimiter=", " prefix="5[">
        <group><text variable="title" quotes="true" suffix=","/></group><text variable="volume"/>
      </group>
    </layout>
  </bibliography>
</style>"""


def test_marks_of_a_group_go_into_quotes_where_punctuation_does(tmp_path: Path) -> None:
    items = [*_MARKED_TITLES, {"id": "d", "type": "book", "title": "Doe’s view", "volume": "4"}]
    # en-US: a group's mark after a quotation, or after the quoted text's own suffix, goes
    # into the quoted text, merged with its last mark; the text's suffix follows it in
    # (“Glance.,”), a comma once (“Glance,”); a text citeproc-js reads as a tree (an
    # apostrophe) takes a group's mark after its suffix, and only "," "." go in
    assert _entries(tmp_path, _INTO_QUOTES, items) == [
        "1[“Glance;”2[“Glance.,”3[“Glance:,”4[“Glance.”;5[“Glance,” 4]",
        "1[“Why?;”2[“Why?,”3[“Why?,”4[“Why?”;5[“Why?,” 4]",
        "1[“Inc.;”2[“Inc.,”3[“Inc.:,”4[“Inc.”;5[“Inc.,” 4]",
        "1[“Doe’s view”;2[“Doe’s view,.”3[“Doe’s view,”:4[“Doe’s view”;5[“Doe’s view,” 4]",
    ]


_RICH_LEAF = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout>
      <group delimiter=". ">
        <group><text variable="publisher" suffix=";"/></group><text variable="volume"/>
      </group>
    </layout>
  </bibliography>
</style>"""


def test_a_text_with_quotes_or_markup_takes_no_mark_of_a_group(tmp_path: Path) -> None:
    items = [
        {"id": "a", "type": "book", "publisher": "Wilkins", "volume": "4"},
        {"id": "b", "type": "book", "publisher": "Wilkins’s", "volume": "4"},
        {"id": "c", "type": "book", "publisher": "<i>Wilkins</i> Co", "volume": "4"},
    ]
    # citeproc-js reads a field with an apostrophe, quotes or markup as a tree of its own,
    # not a string a group's mark goes into
    assert _entries(tmp_path, _RICH_LEAF, items) == ["Wilkins.; 4", "Wilkins’s; 4", "Wilkins Co; 4"]


_CITE_INTO_QUOTES = """<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation>
    <layout suffix="." delimiter="; ">
      <group delimiter=", ">
        <names variable="author"><name form="short"/></names>
        <text variable="title" quotes="true" suffix=","/>
      </group>
    </layout>
  </citation>
  <bibliography><layout><text variable="title"/></layout></bibliography>
</style>"""


def test_a_layout_mark_goes_into_quotes_before_the_texts_suffix(tmp_path: Path) -> None:
    style = tmp_path / "style.csl"
    style.write_text(_CITE_INTO_QUOTES, encoding="utf-8")
    doe = [{"family": "Doe", "given": "J."}]
    items = [
        {"id": k, "type": "article-journal", "title": t, "author": doe}
        for k, t in (("a", "Glance"), ("b", "Why?"), ("c", "Doe’s view"))
    ]
    # the quoted title's "," moved in first, then the layout's ".": citeproc-js puts the
    # layout's mark into the title before the title's suffix (a plain title only)
    assert [citelib.cite(items, [k], style).text for k in "abc"] == [
        "Doe, “Glance.,”",
        "Doe, “Why?,”",
        "Doe, “Doe’s view,.”",
    ]


_LAST_OF_ALL = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout suffix="]">
      <group suffix=". " prefix="1["><text variable="title" suffix="."/></group>
      <group prefix="2[">
        <group suffix=". "><text variable="title" suffix="."/></group>
      </group>
    </layout>
  </bibliography>
</style>"""


def test_the_space_of_a_last_groups_suffix_stays(tmp_path: Path) -> None:
    items = [{"id": "a", "type": "book", "title": "Glance"}]
    # the group followed by a sibling loses its suffix; the last of its siblings keeps the
    # space (citeproc-js first moves it up to the suffix of the group around)
    assert _entries(tmp_path, _LAST_OF_ALL, items) == ["1[Glance.2[Glance. ]"]


_OWN_NAME = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout suffix="]">
      <group prefix="[">
        <names variable="author" prefix="&lt;" suffix=", " font-style="italic">
          <name/><label prefix=" {" suffix="}"/><substitute>{sub}</substitute>
        </names>
        <text variable="title"/>
      </group>
    </layout>
  </bibliography>
</style>"""


@pytest.mark.parametrize(
    ("sub", "expected"),
    [
        # a substitute cs:names without a cs:name takes the names' name, label, font and
        # affixes; one with a cs:name of its own takes none of them (citeproc-js)
        ('<names variable="editor"/>', "[&#60;<i>K. Brooks {editor}</i>, T]"),
        ('<names variable="editor"><name/></names>', "[K. BrooksT]"),
        ('<choose><if type="book"><names variable="editor"><name/></names></if></choose>',
         "[K. BrooksT]"),
    ],
)  # fmt: skip
def test_a_substitute_with_a_name_of_its_own(tmp_path: Path, sub: str, expected: str) -> None:
    items = [
        {"id": "a", "type": "book", "title": "T", "editor": [{"family": "Brooks", "given": "K."}]}
    ]
    assert _entries(tmp_path, _OWN_NAME.replace("{sub}", sub), items, markup="html") == [expected]


_SIBLING_PREFIX = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout>
      <group prefix="1[" suffix="."><text variable="title" suffix="."/></group>
      <group prefix="; " suffix="]"><text variable="volume"/></group>
      <group prefix="2[" suffix=".)"><text variable="title" suffix="."/></group>
      <group prefix=", " suffix="]"><text variable="volume"/></group>
      <group prefix="3[" suffix=".)"><text variable="title" suffix="."/></group>
      <group prefix=" (" suffix="]"><text variable="volume"/></group>
      <group prefix="4[" suffix=".)"><text variable="title" suffix="."/></group>
    </layout>
  </bibliography>
</style>"""


def test_a_trimmed_group_suffix_and_the_next_prefix_mark(tmp_path: Path) -> None:
    items = [{"id": "a", "type": "book", "title": "Glance", "volume": "4"}]
    # after its last child's ".", a group's suffix takes the next sibling's prefix mark
    # and loses its own first and last characters: "." + "; " -> " ", ".)" + ", " -> ") ";
    # a prefix without a mark stays, and the suffix loses its last character then
    # (".)" -> nothing), as it does at the end
    assert _entries(tmp_path, _SIBLING_PREFIX, items) == [
        "1[Glance. 4]2[Glance.) 4]3[Glance. (4]4[Glance."
    ]


_CJK_PARTS = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout>
      <names variable="author" suffix="|">
        <name and="text" initialize-with=".">
          <name-part name="family" prefix="&lt;" suffix="&gt;" font-weight="bold"/>
          <name-part name="given" prefix="{" suffix="}"/>
        </name>
      </names>
      <names variable="author" suffix="|">
        <name form="short" and="text"><name-part name="family" prefix="&lt;" suffix="&gt;"/></name>
      </names>
    </layout>
  </bibliography>
</style>"""


def test_name_parts_of_a_cjk_name_take_no_affixes(tmp_path: Path) -> None:
    items = [
        {"id": "a", "type": "book", "author": [{"family": "伊莎白"}, {"family": "柯临清"}]},
        {"id": "b", "type": "book", "author": [{"family": "储", "given": "安平"}]},
        {"id": "d", "type": "book", "author": [{"family": "Doe", "given": "John"}]},
    ]
    # citeproc-js formats the parts of a name not in Latin script without their affixes
    assert _entries(tmp_path, _CJK_PARTS, items, markup="html") == [
        "<b>伊莎白</b> and <b>柯临清</b>|伊莎白 and 柯临清|",
        "<b>储</b>安平|储|",
        "{J.} &#60;<b>Doe</b>&#62;|&#60;Doe&#62;|",
    ]


_SUFFIX_AFTER_YEAR = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation disambiguate-add-year-suffix="true">
    <layout><names variable="author"/><date variable="issued" prefix=" "><date-part name="year"/></date></layout>
  </citation>
  <bibliography>
    <layout>
      <date variable="issued" suffix=" "><date-part name="month" form="short"/></date>
      <date variable="issued"><date-part name="year"/></date>
    </layout>
  </bibliography>
</style>"""


def test_a_year_suffix_goes_after_a_year(tmp_path: Path) -> None:
    doe = [{"family": "Doe", "given": "J."}]
    items = [
        {"id": "a", "type": "book", "author": doe, "issued": {"date-parts": [[1983, 8]]}},
        {"id": "b", "type": "book", "author": doe, "issued": {"date-parts": [[1983, 2]]}},
    ]
    # a date of a month alone leaves the year suffix to the date with the year
    assert _entries(tmp_path, _SUFFIX_AFTER_YEAR, items) == ["Aug. 1983a", "Feb. 1983b"]


_NUMBERS_ALIKE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>n</title><id>n</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation disambiguate-add-year-suffix="true">
    <layout prefix="[" suffix="]"><text variable="citation-number"/></layout>
  </citation>
  <bibliography>
    <layout>
      <text variable="citation-number" suffix=". "/>
      <text variable="title" suffix=", "/>
      <date variable="issued"><date-part name="year"/></date>
    </layout>
  </bibliography>
</style>"""


def test_numeric_cites_are_alike_to_disambiguation(tmp_path: Path) -> None:
    """citeproc-js renders no number in the cite it compares: a numeric style that adds year
    suffixes gives one to every work, in list order (serdica-journal-of-computing)."""
    items = [
        {"id": "a", "type": "book", "title": "A", "issued": {"date-parts": [[1948]]}},
        {"id": "b", "type": "book", "title": "B", "issued": {"date-parts": [[1949]]}},
        {"id": "c", "type": "book", "title": "C", "issued": {"date-parts": [[1948]]}},
    ]
    assert _entries(tmp_path, _NUMBERS_ALIKE, items) == [
        "1. A, 1948a",
        "2. B, 1949b",
        "3. C, 1948c",
    ]


_KEYED_BY_MACRO = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>k</title><id>k</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="date"><date variable="issued" date-parts="year" form="text"/></macro>
  <macro name="key">
    <text value="1"/>
    <names variable="author"><name name-as-sort-order="all"/></names>
    <text macro="date"/>
    <text variable="citation-number"/>
  </macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <sort><key macro="key"/></sort>
    <layout><text variable="title"/></layout>
  </bibliography>
</style>"""


def test_a_macro_key_pads_the_number_and_keys_every_date_alike(tmp_path: Path) -> None:
    """In a sort key's macro citeproc-js pads a citation number to 20 digits and keys a date
    as its start and its end (a single date's end a zero year), so that the digit runs
    ICU compares by value are of one length (food-and-agriculture-organization...)."""
    doe = [{"family": "Doe", "given": "J."}]
    years = [1981, 1985, 2000, 1977, 1983, [2002, 2008], 1975, 1979, 1990, 1983, 1989]
    items = [
        {
            "id": f"i{n}",
            "type": "book",
            "title": f"T{n}",
            "author": doe,
            "issued": {"date-parts": [[y[0]], [y[1]]] if isinstance(y, list) else [[y]]},
        }
        for n, y in enumerate(years)
    ]
    assert _entries(tmp_path, _KEYED_BY_MACRO, items) == [
        "T6",
        "T3",
        "T7",
        "T0",
        "T4",
        "T9",
        "T1",
        "T10",
        "T8",
        "T2",
        "T5",
    ]


_DISPLAYS = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>d</title><id>d</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <sort><key variable="issued" sort="descending"/></sort>
    <layout suffix=".">
      <group display="left-margin"><text variable="title"/></group>
      <group display="right-inline"><text variable="title-short" font-style="italic"/></group>
      <choose>
        <if is-numeric="issued">
          <date variable="issued" prefix=", " date-parts="year" form="text"/>
        </if>
        <else>
          <date variable="issued" prefix=", " form="text" date-parts="year-month-day"/>
        </else>
      </choose>
    </layout>
  </bibliography>
</style>"""


def test_displays_dates_never_numeric_and_literal_dates_last(tmp_path: Path) -> None:
    """citeproc-js's text output puts a space after a left-margin block; ``is-numeric`` is
    false for a date (only number variables and a title ending in a digit are tested); a
    literal date keys nothing, so it sorts last even in descending order
    (universitetet-i-oslo-rettsvitenskap, universite-catholique-de-louvain-histoire)."""
    items = [
        {
            "id": "a",
            "type": "report",
            "title": "Alpha: one",
            "title-short": "Alpha",
            "issued": {"literal": "2012_2013"},
        },
        {
            "id": "b",
            "type": "report",
            "title": "Beta: two",
            "title-short": "Beta",
            "issued": {"date-parts": [[1994, 4, 2]]},
        },
        {
            "id": "c",
            "type": "report",
            "title": "Gamma: three",
            "title-short": "Gamma",
            "issued": {"date-parts": [[2005]]},
        },
    ]
    assert _entries(tmp_path, _DISPLAYS, items) == [
        "Gamma: three Gamma, 2005.",
        "Beta: two Beta, April 2, 1994.",
        "Alpha: one Alpha, 2012_2013.",
    ]


_EDITION_CASED = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>e</title><id>e</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout>
      <text variable="title" suffix=", "/>
      <text variable="edition" text-case="capitalize-first" suffix=", "/>
      <text variable="genre" text-case="capitalize-first"/>
    </layout>
  </bibliography>
</style>"""


def test_a_number_variable_is_cased_part_by_part(tmp_path: Path) -> None:
    """citeproc-js renders a number variable's parts one by one (``2nd ed., corrected``),
    so a capitalize-first takes each; other variables are one string."""
    items = [
        {
            "id": "a",
            "type": "book",
            "title": "T",
            "edition": "2nd ed., corrected",
            "genre": "thesis, revised",
        },
    ]
    assert _entries(tmp_path, _EDITION_CASED, items) == ["T, 2nd ed., Corrected, Thesis, revised"]


_LITERAL_AND_LANGUAGE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>l</title><id>l</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout>
      <text variable="title"/>
      <text variable="language" prefix=" |langue="/>
      <date variable="issued" prefix=" |d=" suffix="|">
        <date-part name="day" form="numeric" suffix="!"/>
        <date-part name="month" form="long" prefix=" "/>
        <date-part name="year" form="long" prefix=" [" suffix="]" font-style="italic"/>
      </date>
    </layout>
  </bibliography>
</style>"""


def test_a_literal_date_takes_the_years_place_and_no_language_is_made_up(
    tmp_path: Path,
) -> None:
    """citeproc-js prints a literal date where the year goes, with the year's affixes and
    font; and the ``language`` variable is the work's own, never the language citelib
    renders it in (wikipedia-fr-templates printed ``|langue=en-US`` for every work)."""
    items = [
        {"id": "a", "type": "book", "title": "T", "issued": {"literal": "2012_2013"}},
        {
            "id": "b",
            "type": "book",
            "title": "U",
            "language": "fr",
            "issued": {"date-parts": [[1999]]},
        },
    ]
    assert _entries(tmp_path, _LITERAL_AND_LANGUAGE, items, markup="html") == [
        "T |d= [<i>2012_2013</i>]|",
        "U |langue=fr |d= [<i>1999</i>]|",
    ]


_SUBSTITUTE_PARTS = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>s</title><id>s</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="ed"><names variable="editor"><name/></names></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout>
      <names variable="author" suffix=". ">
        <name><name-part name="family" text-case="uppercase"/></name>
        <substitute><text macro="ed"/></substitute>
      </names>
      <text variable="title"/>
    </layout>
  </bibliography>
</style>"""


def test_a_substitutes_name_takes_the_name_parts_it_lacks(tmp_path: Path) -> None:
    """citeproc-js compiles a cs:names' name-parts into every cs:names nested in its
    substitute, a macro's included, that has none of its own: the editor standing in for
    the author is in capitals too (galatasaray-universitesi-sosyal-bilimler-enstitusu)."""
    items = [
        {
            "id": "a",
            "type": "book",
            "title": "T",
            "editor": [{"family": "Brooks", "given": "Katie"}],
        },
        {"id": "b", "type": "book", "title": "U", "author": [{"family": "Smith", "given": "Ann"}]},
    ]
    assert _entries(tmp_path, _SUBSTITUTE_PARTS, items) == ["Katie BROOKST", "Ann SMITH. U"]


_SUBSTITUTE_AFFIXES = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>s</title><id>s</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout>
      <names variable="author" prefix="&lt;" suffix="&gt; ">
        <name/>
        <label form="short" prefix=" (" suffix=")"/>
        <substitute>
          <names variable="editor" prefix="{" suffix="} "/>
        </substitute>
      </names>
      <text variable="title"/>
    </layout>
  </bibliography>
</style>"""


def test_a_substitute_without_a_name_takes_only_the_outer_affixes(tmp_path: Path) -> None:
    """A substitute cs:names with no cs:name of its own is printed with the affixes of the
    cs:names it stands in for, its own left off (im-gesprach printed ``(Hrsg.): :``)."""
    items = [
        {
            "id": "a",
            "type": "book",
            "title": "T",
            "editor": [{"family": "Brooks", "given": "Katie"}],
        },
        {"id": "b", "type": "book", "title": "U", "author": [{"family": "Smith", "given": "Ann"}]},
    ]
    assert _entries(tmp_path, _SUBSTITUTE_AFFIXES, items) == [
        "<Katie Brooks (ed.)> T",
        "<Ann Smith> U",
    ]


_GERMAN_TERMS = """<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0"
    default-locale="de-CH">
  <info><title>g</title><id>g</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <locale xml:lang="de"><terms><term name="cited">zit.</term></terms></locale>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout>
      <text variable="title" suffix=" "/>
      <text term="cited" form="short"/>
    </layout>
  </bibliography>
</style>"""


def test_a_form_falls_back_in_the_styles_language_before_english(tmp_path: Path) -> None:
    """citeproc-js reads a German style's terms from the German files and the style alone
    (en-US only where no file exists for the language): the short "cited" a German style
    leaves undefined is its long "zit.", not en-US's "cit." (zitierguide-...)."""
    items = [{"id": "a", "type": "book", "title": "T"}]
    assert _entries(tmp_path, _GERMAN_TERMS, items) == ["T zit."]


_NESTED_DISPLAY = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>n</title><id>n</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout>
      <group delimiter=". ">
        <group><text variable="title" display="left-margin" prefix="(" suffix=")"/></group>
        <text value="X"/>
      </group>
    </layout>
  </bibliography>
</style>"""


def test_a_display_nested_in_a_group_is_ignored(tmp_path: Path) -> None:
    """citeproc-js shows a left-margin or indent display on a layout's own children only
    (university-of-helsinki-faculty-of-theology printed ``(1955) . Title``)."""
    items = [{"id": "a", "type": "book", "title": "T"}]
    assert _entries(tmp_path, _NESTED_DISPLAY, items) == ["(T). X"]


_STRIPPED_MACRO = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>s</title><id>s</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="date">
    <group suffix=".">
      <date variable="issued"><date-part name="year"/></date>
      <text variable="note" prefix=" "/>
    </group>
  </macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <group delimiter=" ">
      <text variable="publisher" strip-periods="true"/>
      <text macro="date" strip-periods="true"/>
      <text variable="page" prefix="s. "/>
    </group>
  </layout></bibliography>
</style>"""


def test_strip_periods_on_a_macro_keeps_its_affixes(tmp_path: Path) -> None:
    """citeproc-js strips periods from the text an element holds, never from an affix: a
    macro's group suffix stays ("2009 Rev ed." in ugeskrift-for-laeger, which lost it), and
    a period a lower-case letter follows stays too."""
    items = [
        {
            "id": "a",
            "type": "book",
            "title": "T",
            "publisher": "U.S. Govt. Print. Off.",
            "issued": {"date-parts": [[2009]]},
            "note": "Rev. ed",
            "page": "49–59",
        }
    ]
    assert _entries(tmp_path, _STRIPPED_MACRO, items) == ["US Govt Print Off 2009 Rev ed. s. 49–59"]


_NUMBER_FORMS = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>s</title><id>s</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout delimiter="|">
    <number variable="volume" form="roman" suffix="|"/>
    <number variable="volume" form="ordinal" suffix="|"/>
    <number variable="volume" form="long-ordinal"/>
  </layout></bibliography>
</style>"""


def test_number_forms_leave_letters_and_format_list_parts(tmp_path: Path) -> None:
    """cs:number as citeproc-js formats it: a number with letters stays as it is, a list's
    numbers are formatted and its words kept, a range takes an en dash (expected texts:
    citeproc-js 2.4.63; oxford-guide-to-style-notes-roman-volume... printed ``clxiA``)."""
    values = ["161A", "A12", "2a-3b", "8, supplement 2", "6-7", "12", "3 & 4"]
    items = [
        {"id": f"i{n}", "type": "book", "title": "T", "volume": v} for n, v in enumerate(values)
    ]
    assert _entries(tmp_path, _NUMBER_FORMS, items) == [
        "161A|161A|161A",
        "A12|A12|A12",
        "2a–3b|2a–3b|2a–3b",
        "viii, supplement 2|8th, supplement 2|eighth, supplement 2",
        "vi–vii|6th–7th|sixth–seventh",
        "xii|12th|12th",
        "iii & iv|3rd & 4th|third & fourth",
    ]


_STRIPPED_LABEL = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>l</title><id>l</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <locale><terms><term name="editor" form="short">b.t.v.</term></terms></locale>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout>
      <names variable="editor">
        <name/>
        <label form="short" prefix=", " suffix="." strip-periods="true"/>
      </names>
    </layout>
  </bibliography>
</style>"""


def test_a_stripped_label_loses_every_period(tmp_path: Path) -> None:
    """A term or a label loses every period to strip-periods, as citeproc-js strips terms
    (vietnam-ministry-of-education-and-training-vi printed ``b.t.v.``)."""
    items = [{"id": "a", "type": "book", "editor": [{"family": "Glare", "given": "P."}]}]
    assert _entries(tmp_path, _STRIPPED_LABEL, items) == ["P. Glare, btv."]


_MARGIN_THEN_MARK = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>m</title><id>m</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout>
      <text variable="title" display="left-margin" prefix="(" suffix=")"/>
      <text value=". X"/>
    </layout>
  </bibliography>
</style>"""


def test_a_mark_after_a_left_margin_block_goes_into_it(tmp_path: Path) -> None:
    """citeproc-js moves a mark that starts what follows a left-margin block before the
    block's space (administrative-science-quarterly printed ``Supervision2017 . Film``)."""
    items = [{"id": "a", "type": "book", "title": "T"}]
    assert [" ".join(t.split()) for t in _entries(tmp_path, _MARGIN_THEN_MARK, items)] == ["(T). X"]


_ACCESSED_IN_KEY = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>a</title><id>a</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="date">
    <group suffix=";" delimiter=" ">
      <date variable="issued" form="text"/>
      <date variable="accessed" form="text" prefix="[cited " suffix="]"/>
    </group>
  </macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <sort><key macro="date"/></sort>
    <layout><text variable="title"/></layout>
  </bibliography>
</style>"""


def test_two_dates_in_a_sort_macro_make_one_key(tmp_path: Path) -> None:
    """citeproc-js keys a macro with dates by the date keys run together, nothing between
    them: a work with an accessed date has a longer run of digits, so it sorts after the
    works without one, whatever its year (survey-of-ophthalmology)."""
    items = [
        {
            "id": "a",
            "type": "article-journal",
            "title": "A",
            "issued": {"date-parts": [[1977, 11, 7]]},
            "accessed": {"date-parts": [[2014, 5, 7]]},
        },
        {"id": "b", "type": "article-journal", "title": "B", "issued": {"date-parts": [[1983, 8]]}},
        {"id": "c", "type": "article-journal", "title": "C", "issued": {"date-parts": [[1985]]}},
    ]
    assert _entries(tmp_path, _ACCESSED_IN_KEY, items) == ["B", "C", "A"]


_PARTICLES_FR = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
    default-locale="fr-FR"{demote}>
  <info><title>n</title><id>n</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="author"><names variable="author"><name name-as-sort-order="all"
    sort-separator=" " initialize-with=".&#160;" delimiter=", "/></names></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <sort><key macro="author"/></sort>
    <layout><text macro="author" suffix=" | "/><names variable="author"><name
      initialize-with=".&#160;"/></names><text variable="title" prefix=" | "/></layout>
  </bibliography>
</style>"""

_PARTICLE_ITEMS = [
    {
        "id": "a",
        "type": "book",
        "title": "A",
        "author": [
            {"family": "Boer", "given": "Dirk", "non-dropping-particle": "De"},
            {"family": "Howe", "given": "Harold M."},
        ],
    },
    {
        "id": "b",
        "type": "book",
        "title": "B",
        "author": [{"family": "Beauvoir", "given": "Simone", "non-dropping-particle": "de"}],
    },
    {
        "id": "c",
        "type": "book",
        "title": "C",
        "author": [{"family": "Vries", "given": "R.", "non-dropping-particle": "De"}],
    },
]


@pytest.mark.parametrize(
    ("demote", "expected"),
    [
        (
            "",
            [
                "Beauvoir S. de | S.\xa0de\xa0Beauvoir | B",
                "Boer D. De, Howe H.\xa0M. | D.\xa0De\xa0Boer, H.\xa0M.\xa0Howe | A",
                "Vries R. De | R.\xa0De\xa0Vries | C",
            ],
        ),
        (
            ' demote-non-dropping-particle="never"',
            [
                "de\xa0Beauvoir S. | S.\xa0de\xa0Beauvoir | B",
                "De\xa0Boer D., Howe H.\xa0M. | D.\xa0De\xa0Boer, H.\xa0M.\xa0Howe | A",
                "De\xa0Vries R. | R.\xa0De\xa0Vries | C",
            ],
        ),
    ],
)
def test_french_particles_and_initials_take_no_break_spaces(
    tmp_path: Path, demote: str, expected: list[str]
) -> None:
    """citeproc-js trims a trailing no-break space of ``initialize-with=".&#160;"`` (gallia
    printed ``Agard W. R. , Howe``), joins a particle to the family name with a no-break
    space where the style's default locale is French, Russian or Czech, and the given
    initials to the family name too where the initials' mark holds one; in a sort key the
    no-break space keeps ``de Beauvoir`` one word (clara-architecture-recherche)."""
    style = _PARTICLES_FR.replace("{demote}", demote)
    assert _entries(tmp_path, style, _PARTICLE_ITEMS) == expected


_PAGE_FIRST_KEY = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <sort><key variable="page-first"/><key variable="title"/></sort>
    <layout><text variable="title"/></layout>
  </bibliography>
</style>"""


def test_a_page_first_key_reads_the_page_range(tmp_path: Path) -> None:
    """``page-first`` in a sort key is the first page of ``page``, a number, as citeproc-js
    makes it (gallia sorts a work's two 2005 papers by it); a work without pages last."""
    items = [
        {"id": "a", "type": "book", "title": "Amor"},
        {"id": "b", "type": "chapter", "title": "Poesie", "page": "2971-2978"},
        {"id": "c", "type": "chapter", "title": "Chapter", "page": "31-40"},
    ]
    assert _entries(tmp_path, _PAGE_FIRST_KEY, items) == ["Chapter", "Poesie", "Amor"]


_NAMESAKES = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>g</title><id>g</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="author"><names variable="author"><name name-as-sort-order="all"
    initialize-with=". "/><substitute><names variable="editor"/></substitute></names></macro>
  <citation disambiguate-add-givenname="true" givenname-disambiguation-rule="primary-name">
    <layout><names variable="author"><name form="short" initialize-with=". "/>
      <substitute><names variable="editor"/></substitute></names></layout>
  </citation>
  <bibliography>
    <sort><key macro="author"/></sort>
    <layout><text macro="author" suffix=". "/><text variable="title"/></layout>
  </bibliography>
</style>"""


def test_a_sort_key_shows_given_names_as_the_name_registry_does(tmp_path: Path) -> None:
    """Two people whose initials are alike print their given names in full in the list,
    and their sort keys show them in full too, as citeproc-js registers names before it
    keys the list: ``John K.`` before ``John King`` (journal-of-business-logistics keyed
    both ``Fairbank|J. K.`` and left them in input order)."""
    items = [
        {
            "id": "a",
            "type": "chapter",
            "title": "A preliminary framework",
            "author": [{"family": "Fairbank", "given": "John King"}],
        },
        {
            "id": "b",
            "type": "book",
            "title": "The Cambridge history of China",
            "editor": [{"family": "Fairbank", "given": "John K."}],
        },
        {
            "id": "c",
            "type": "book",
            "title": "Other",
            "author": [{"family": "Smith", "given": "John King"}],
        },
    ]
    assert _entries(tmp_path, _NAMESAKES, items) == [
        "Fairbank, John K. The Cambridge history of China",
        "Fairbank, John King. A preliminary framework",
        "Smith, J. K. Other",
    ]
    style = tmp_path / "style.csl"
    assert [citelib.cite(items, [i["id"]], style=style).text for i in items] == [
        "John King Fairbank",
        "John K. Fairbank",
        "Smith",
    ]


_GROUP_ENDING = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>m</title><id>m</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="pages"><text variable="page" prefix="p. "/></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout suffix=".">{body}</layout></bibliography>
</style>"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a group ending in a number keeps the layout's period after its own mark
        ('<group delimiter="; " suffix=";"><text variable="title"/><text macro="pages"/></group>',
         "T; p. 76;."),
        ('<group delimiter="; " suffix=";"><text variable="title"/>'
         '<group delimiter=", "><text variable="publisher"/><text variable="volume"/></group>'
         "</group>", "T; P, 1;."),
        ('<group delimiter="; " suffix=";"><text variable="title"/><number variable="volume"/>'
         "</group>", "T; 1;."),
        ('<group delimiter="; " suffix=";"><text variable="title"/>'
         '<text variable="volume" suffix="x"/></group>', "T; 1x;."),
        # ending in text or a date, the two marks merge; the same mark twice is one
        ('<group delimiter="; " suffix=";"><text variable="title"/><text variable="publisher"/>'
         "</group>", "T; P;"),
        ('<group delimiter="; " suffix=";"><text variable="title"/><date variable="issued">'
         '<date-part name="year"/></date></group>', "T; 2000;"),
        ('<group delimiter="; " suffix="."><text variable="title"/><text variable="volume"/>'
         "</group>", "T; 1."),
    ],
)  # fmt: skip
def test_a_mark_after_what_ends_in_a_number_does_not_merge(
    tmp_path: Path, body: str, expected: str
) -> None:
    """citeproc-js merges no parent's mark into the suffix of an element whose last
    descendant is a number: multidisciplinary-digital-publishing-institute ends its books
    ``…, 1982; p. 76;.``, where citelib printed ``p. 76;``."""
    item = {
        "id": "a",
        "type": "book",
        "title": "T",
        "publisher": "P",
        "volume": "1",
        "page": "76",
        "issued": {"date-parts": [[2000]]},
    }
    assert _entries(tmp_path, _GROUP_ENDING.replace("{body}", body), [item]) == [expected]


_REPEATED_EDITOR = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>s</title><id>s</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="contributors"><names variable="author"><name name-as-sort-order="first"/>{label}
    <substitute><names variable="editor"/><text variable="title"/></substitute></names></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography subsequent-author-substitute="{substitute}">
    <sort><key macro="contributors"/><key variable="issued"/></sort>
    <layout suffix="."><group delimiter=" "><text macro="contributors"/>
      <date variable="issued"><date-part name="year"/></date>
      <text variable="title" font-style="italic"/></group></layout>
  </bibliography>
</style>"""

_GLARE = [
    {
        "id": "a",
        "type": "book",
        "title": "Oxford Latin dictionary",
        "editor": [{"family": "Glare", "given": "P.G.W."}],
        "issued": {"date-parts": [[1982]]},
    },
    {
        "id": "b",
        "type": "book",
        "title": "Oxford Latin dictionary 2",
        "editor": [{"family": "Glare", "given": "P.G.W."}],
        "issued": {"date-parts": [[2012]]},
    },
]


@pytest.mark.parametrize(
    ("substitute", "label", "second"),
    [
        ("", '<label form="short" prefix=", "/>', ", ed. 2012 Oxford Latin dictionary 2."),
        ("", "", "2012 Oxford Latin dictionary 2."),
        ("———", '<label form="short" prefix=", "/>', "———, ed. 2012 Oxford Latin dictionary 2."),
    ],
)
def test_an_empty_author_substitute_ends_the_substitution(
    tmp_path: Path, substitute: str, label: str, second: str
) -> None:
    """Editors standing in for the author and replaced by an empty
    subsequent-author-substitute keep their label, and the title after them in the
    ``cs:substitute`` is not tried: citelib printed the title in the author's place
    (american-anthropological-association: ``Oxford Latin Dictionary 2012``)."""
    style = _REPEATED_EDITOR.replace("{label}", label).replace("{substitute}", substitute)
    first = "Glare, P.G.W." + (", ed." if label else "") + " 1982 Oxford Latin dictionary."
    assert _entries(tmp_path, style, _GLARE) == [first, second]


_DISPLAYED = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>d</title><id>d</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout suffix=".">
      <group display="block"><names variable="author"/></group>
      <group display="left-margin"><date variable="issued"><date-part name="year"/></date></group>
      <group display="right-inline" suffix=")"><text variable="title"/></group>
    </layout>
  </bibliography>
</style>"""


#: a work with a title and a year, and one with neither
_DOE_AND_ROE = [
    {
        "id": "a",
        "type": "book",
        "title": "T",
        "author": [{"family": "Doe", "given": "J"}],
        "issued": {"date-parts": [[2018]]},
    },
    {
        "id": "b",
        "type": "book",
        "author": [{"family": "Roe", "given": "K"}],
        "issued": {"date-parts": [[2019]]},
    },
]


def test_a_displayed_layout_puts_its_suffix_after_its_last_group(tmp_path: Path) -> None:
    """A list whose layout starts with a display element takes the layout's suffix after
    its last group's own, and not at all where that group prints nothing (citeproc-js;
    american-anthropological-association printed ``Somewhere Else 2018 .``)."""
    texts = [" ".join(t.split()) for t in _entries(tmp_path, _DISPLAYED, _DOE_AND_ROE)]
    assert texts == ["J Doe2018 T).", "K Roe2019"]


_SUBSEQUENT_ET_AL = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>e</title><id>e</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation et-al-min="{min}" et-al-use-first="1" et-al-subsequent-min="6"
      et-al-subsequent-use-first="1" disambiguate-add-year-suffix="true">
    <layout prefix="(" suffix=")"><group delimiter=" ">
      <names variable="author"><name form="short" and="text" delimiter=", "/></names>
      <date variable="issued"><date-part name="year"/></date></group></layout>
  </citation>
  <bibliography><layout><text variable="title"/></layout></bibliography>
</style>"""


@pytest.mark.parametrize(
    ("et_al_min", "expected"),
    [
        ("4", "(Davis, Griessenauer, Bosmia, Tubbs, et al. 2014)"),
        ("3", "(Davis, Griessenauer, Bosmia, et al. 2014)"),
        ("5", "(Davis, Griessenauer, Bosmia, Tubbs, and Shoja 2014)"),
    ],
)
def test_a_larger_subsequent_et_al_min_shows_et_al_min_names(
    tmp_path: Path, et_al_min: str, expected: str
) -> None:
    """Where et-al-subsequent-min is more than a work's names and et-al-min is not,
    citeproc-js's first cite shows et-al-min names and et al.: disambiguation keys the cite
    as a subsequent one, starting from et-al-min names, and the cite takes that count
    (american-journal-of-political-science; citelib printed all five names)."""
    item = {
        "id": "davis",
        "type": "article-journal",
        "title": "The naming of the cranial nerves",
        "issued": {"date-parts": [[2014]]},
        "author": [
            {"family": f, "given": "A."}
            for f in ("Davis", "Griessenauer", "Bosmia", "Tubbs", "Shoja")
        ],
    }
    style = tmp_path / "style.csl"
    style.write_text(_SUBSEQUENT_ET_AL.replace("{min}", et_al_min), encoding="utf-8")
    assert citelib.cite([item], ["davis"], style=style).text == expected


_AFTER_INVERTED = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>c</title><id>c</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography {etal}><layout><names variable="author"><name initialize-with="." and="text"
    {order} delimiter-precedes-last="{dpl}" delimiter-precedes-et-al="after-inverted-name"/>
  </names></layout></bibliography>
</style>"""

_AFTER_INVERTED_ITEMS = [
    {"id": "a", "type": "book", "author": [{"family": "秦晖"}, {"family": "金雁"}]},
    {"id": "b", "type": "book", "author": [{"literal": "ACME Corp"}, {"family": "Roe", "given": "Al"}]},
    {"id": "c", "type": "book", "author": [{"literal": "中国人民大学清史研究所"}, {"literal": "档案系"}]},
    {
        "id": "d",
        "type": "book",
        "author": [{"family": "秦晖"}, {"family": "Smith", "given": "John"}, {"family": "Doe", "given": "Kim"}],
    },
    {
        "id": "e",
        "type": "book",
        "author": [{"family": "Smith", "given": "John"}, {"family": "秦晖"}, {"family": "Roe", "given": "Al"}],
    },
]  # fmt: skip


@pytest.mark.parametrize(
    ("etal", "order", "dpl", "expected"),
    [
        (
            "",
            'name-as-sort-order="all"',
            "after-inverted-name",
            [
                "秦晖, and 金雁",
                "ACME Corp, and Roe, A.",
                "中国人民大学清史研究所 and 档案系",
                "秦晖, Smith, J., and Doe, K.",
                "Smith, J., 秦晖 and Roe, A.",
            ],
        ),
        (
            "",
            "",
            "after-inverted-name",
            [
                "秦晖, and 金雁",
                "ACME Corp, and A. Roe",
                "中国人民大学清史研究所 and 档案系",
                "秦晖, J. Smith and K. Doe",
                "J. Smith, 秦晖 and A. Roe",
            ],
        ),
        (
            'et-al-min="2" et-al-use-first="1"',
            "",
            "never",
            ["秦晖, et al.", "ACME Corp, et al.", "中国人民大学清史研究所, et al.", "秦晖, et al.", "J. Smith, et al."],
        ),
        (
            "",
            'name-as-sort-order="all"',
            "always",
            [
                "秦晖, and 金雁",
                "ACME Corp, and Roe, A.",
                "中国人民大学清史研究所 and 档案系",
                "秦晖, Smith, J., and Doe, K.",
                "Smith, J., 秦晖, and Roe, A.",
            ],
        ),
    ],
)  # fmt: skip
def test_the_first_name_counts_as_inverted(
    tmp_path: Path, etal: str, order: str, dpl: str, expected: list[str]
) -> None:
    """For ``after-inverted-name`` citeproc-js takes a list's first name as inverted, a
    Chinese name, an institution or a name in reading order alike ("秦晖, and 金雁",
    "J. Smith, et al."); a later name only where name-as-sort-order turned a Latin-script
    personal name (canadian-journal-of-economics).  With ``always`` an institution first
    takes the delimiter too ("ACME Corp, and Roe, A.")."""
    style = _AFTER_INVERTED.replace("{etal}", etal).replace("{order}", order)
    style = style.replace("{dpl}", dpl)
    assert _entries(tmp_path, style, _AFTER_INVERTED_ITEMS) == expected


_SHORT_TITLE_SUBSTITUTE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="author"><names variable="author"><name/>
    <substitute><text variable="title" form="short"/></substitute></names></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><group delimiter=". "><text macro="author"/>
    <text variable="title" font-style="italic"/><text variable="publisher"/></group></layout>
  </bibliography>
</style>"""


def test_a_short_title_substitute_suppresses_the_title(tmp_path: Path) -> None:
    """A substitute that printed the short title suppresses the title after it, as
    citeproc-js suppresses the variable the style names (natbib-plainnat-author-date
    printed the title twice); an italic title keeps a delimiter's period after its own
    mark (``Easy!. P``), a plain one merges it (``Plain. P``)."""
    items = [
        {
            "id": "a",
            "type": "book",
            "title": "The Torah: The five books of Moses",
            "title-short": "The Torah",
            "publisher": "JPS",
        },
        {
            "id": "b",
            "type": "book",
            "title": "Easy!",
            "publisher": "P",
            "author": [{"family": "Doe", "given": "J"}],
        },
        {"id": "c", "type": "book", "title": "Plain", "publisher": "P"},
    ]
    assert _entries(tmp_path, _SHORT_TITLE_SUBSTITUTE, items) == [
        "The Torah. JPS",
        "J Doe. Easy!. P",
        "Plain. P",
    ]


_DELIMITER_AFTER_FONT = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>d</title><id>d</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="t"><text variable="title" font-style="italic"/></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>{body}</layout></bibliography>
</style>"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<group delimiter=". "><text variable="title" font-style="italic"/>'
         '<text variable="publisher"/></group>', ["Easy!. P", "Acme Inc. P", "Why?. P"]),
        ('<group delimiter=". "><text variable="publisher"/>'
         '<text variable="title" font-style="italic"/><text variable="publisher"/></group>',
         ["P. Easy!. P", "P. Acme Inc. P", "P. Why?. P"]),
        # the font on a group or in a macro: the marks merge
        ('<group delimiter=". "><group font-style="italic"><text variable="title"/></group>'
         '<text variable="publisher"/></group>', ["Easy! P", "Acme Inc. P", "Why? P"]),
        ('<group delimiter=". "><text macro="t"/><text variable="publisher"/></group>',
         ["Easy! P", "Acme Inc. P", "Why? P"]),
        ('<group delimiter=". "><group><text variable="title" font-style="italic"/></group>'
         '<text variable="publisher"/></group>', ["Easy! P", "Acme Inc. P", "Why? P"]),
    ],
)  # fmt: skip
def test_a_delimiter_after_a_leaf_in_its_own_font(
    tmp_path: Path, body: str, expected: list[str]
) -> None:
    """citeproc-js merges no delimiter's mark into a text in a font of its own: only the
    same mark twice is one (its siblings alone see the font)."""
    items = [
        {"id": "a", "type": "book", "title": "Easy!", "publisher": "P"},
        {"id": "b", "type": "book", "title": "Acme Inc.", "publisher": "P"},
        {"id": "c", "type": "book", "title": "Why?", "publisher": "P"},
    ]
    assert _entries(tmp_path, _DELIMITER_AFTER_FONT.replace("{body}", body), items) == expected


_PREFIXES = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text variable="title"/>{body}</layout></bibliography>
</style>"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<group prefix=";"><text variable="volume"/><text variable="page" prefix=":"/></group>',
         ["T;2:3", "T;:3"]),
        ('<group prefix=";"><group prefix=":"><text variable="page" prefix=","/></group></group>',
         ["T;:,3", "T;:,3"]),
        # a suffix and a prefix, a text and a prefix: merged
        ('<group><text variable="volume" suffix=";"/><text variable="page" prefix=":"/></group>',
         ["T2;3", "T:3"]),
        ('<group><text value="x;"/><text variable="page" prefix=":"/></group>', ["Tx;3", "Tx;3"]),
    ],
)  # fmt: skip
def test_a_prefix_keeps_the_prefix_after_it(tmp_path: Path, body: str, expected: list[str]) -> None:
    """citeproc-js merges no marks between a group's prefix and the prefix of what it
    starts with (journal-of-medical-genetics: ``2008;:3300–3`` without a volume)."""
    items = [
        {"id": "a", "type": "book", "title": "T", "page": "3", "volume": "2"},
        {"id": "b", "type": "book", "title": "T", "page": "3"},
    ]
    assert _entries(tmp_path, _PREFIXES.replace("{body}", body), items) == expected


_NOTHING_TO_CITE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>n</title><id>n</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="author"><names variable="author"><name/>
    <substitute><text variable="title"/></substitute></names></macro>
  <citation collapse="year">
    <layout delimiter=", " prefix="(" suffix=")"><group delimiter=" ">
      <names variable="author"><name form="short"/></names>
      <date variable="issued"><date-part name="year"/></date></group></layout>
  </citation>
  <bibliography><layout><group delimiter=". "><text macro="author"/>
    <text variable="title" form="short"/><text variable="publisher"/></group></layout>
  </bibliography>
</style>"""


def test_a_collapsing_style_marks_a_cite_with_no_printed_form(tmp_path: Path) -> None:
    """A style that collapses years prints citeproc-js's marker for a cite it prints
    nothing for, as one that does not (bioscience printed ``()``); a title a substitute
    printed leaves its short form out after it (melanges-de-linstitut-dominicain-...)."""
    items = [
        {"id": "a", "type": "legislation", "title": "U.S. Const. art. I, § 3"},
        {
            "id": "b",
            "type": "book",
            "title": "The Torah: The five books of Moses",
            "title-short": "The Torah",
            "publisher": "JPS",
        },
    ]
    assert _entries(tmp_path, _NOTHING_TO_CITE, items) == [
        "U.S. Const. art. I, § 3",
        "The Torah: The five books of Moses. JPS",
    ]
    style = tmp_path / "style.csl"
    cite = citelib.cite(items, ["a"], style=style)
    assert cite.text == "([CSL STYLE ERROR: reference with no printed form.])"
    assert [p.code for p in cite.problems] == ["empty-entry"]


_QUOTED_MACRO = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>q</title><id>q</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="t"><text variable="title" quotes="true"/></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text macro="t" quotes="true" suffix="."/>
    <text variable="publisher" prefix=" "/></layout></bibliography>
</style>"""


def test_quotes_of_a_style_stay_outer_quotes_and_french_marks_take_narrow_spaces(
    tmp_path: Path,
) -> None:
    """A quoted macro of a quoted title prints two outer quotes, the period inside both
    (american-sociological-association: ``““Lecture Notes.””``; citelib printed
    ``“‘Lecture Notes’.”``), the title's own quotes inner; every text printed takes a
    narrow no-break space before ``: ; ? ! »`` and after ``«``, as citeproc-js writes it."""
    items = [
        {"id": "a", "type": "book", "title": "Plain", "publisher": "P"},
        {"id": "b", "type": "book", "title": 'Balancing “we” and "me" now', "publisher": "P"},
        {"id": "c", "type": "book", "title": "Titre : sous-titre « x »", "publisher": "Q ; R"},
    ]
    assert _entries(tmp_path, _QUOTED_MACRO, items) == [
        "““Plain.”” P",
        "““Balancing ‘we’ and ‘me’ now.”” P",
        "““Titre\u202f: sous-titre «\u202fx\u202f».”” Q\u202f; R",
    ]


_PREFIX_AFTER_QUOTES = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
    default-locale="en-US">
  <info><title>q</title><id>q</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <locale xml:lang="en"><style-options punctuation-in-quote="false"/></locale>
  <macro name="t"><text variable="title" quotes="true"/></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout suffix="."><group delimiter=". "><text variable="publisher"/>
    <text macro="t"/></group><group prefix=". " delimiter=" ">
    <text variable="container-title"/></group></layout></bibliography>
</style>"""


def test_a_prefix_mark_after_a_quotation_merges_with_its_last_mark(tmp_path: Path) -> None:
    """Where punctuation stays outside quotes, a prefix's period after a quotation that
    ends in ``?`` or ``!`` goes (european-journal-for-philosophy-of-religion printed
    ``Reasonable?”. JAHR``), as after any text; after a plain quotation it stays."""
    items = [
        {"id": t, "type": "book", "title": t, "publisher": "P", "container-title": "J"}
        for t in ("Why?", "Easy!", "Inc.", "Plain")
    ]
    assert _entries(tmp_path, _PREFIX_AFTER_QUOTES, items) == [
        "P. “Why?” J.",
        "P. “Easy!” J.",
        "P. “Inc.” J.",
        "P. “Plain”. J.",
    ]


_ACCESSED_FIRST = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>y</title><id>y</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation disambiguate-add-year-suffix="true"><layout><group delimiter=" ">
    <names variable="author"><name form="short"/></names>
    <date variable="issued"><date-part name="year"/></date></group></layout></citation>
  <bibliography><layout><group delimiter=", "><names variable="author"/>
    <text variable="title"/>
    <date variable="accessed" prefix="accessed "><date-part name="month"/>
      <date-part name="year" prefix=" [" suffix="]"/></date>
    <date variable="issued"><date-part name="year" prefix="(" suffix=")"/></date>
  </group></layout></bibliography>
</style>"""


def test_the_year_suffix_goes_after_the_first_year_printed(tmp_path: Path) -> None:
    """The year suffix a style does not print itself goes after the first year printed,
    an accessed date's too, in that year's affixes (begell-house-chicago-author-date:
    ``accessed April 10, 2014a``)."""
    items = [
        {
            "id": "a",
            "type": "book",
            "title": "A",
            "author": [{"family": "Doe", "given": "J"}],
            "issued": {"date-parts": [[2005]]},
            "accessed": {"date-parts": [[2014, 4, 10]]},
        },
        {
            "id": "b",
            "type": "book",
            "title": "B",
            "author": [{"family": "Doe", "given": "J"}],
            "issued": {"date-parts": [[2005]]},
        },
    ]
    assert _entries(tmp_path, _ACCESSED_FIRST, items) == [
        "J Doe, A, accessed April [2014] [a], (2005)",
        "J Doe, B, (2005)(b)",
    ]
    style = tmp_path / "style.csl"
    assert [citelib.cite(items, [i["id"]], style=style).text for i in items] == [
        "Doe 2005a",
        "Doe 2005b",
    ]


_ORDINALS = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>o</title><id>o</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <locale><terms>
    <term name="ordinal">ste</term>
    <term name="ordinal-00" match="whole-number">de</term>
    <term name="ordinal-02" match="last-two-digits">de</term>
    <term name="ordinal-03" match="last-two-digits">de</term>
    <term name="ordinal-08">ste</term>
    <term name="ordinal-10">de</term>
  </terms></locale>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><number variable="edition" form="ordinal"/></layout></bibliography>
</style>"""


def test_an_ordinal_matching_two_digits_matches_a_one_digit_number(tmp_path: Path) -> None:
    """Dutch ``ordinal-03`` with ``match="last-two-digits"`` gives 3de (citelib printed
    3ste in publicatiewijzer-voor-de-archeologie), and 103ste: citeproc-js compares the
    last two characters, "03", with the term's number, 3."""
    numbers = (1, 2, 3, 8, 10, 12, 13, 22, 23, 102, 103, 110)
    items = [{"id": str(n), "type": "book", "title": "T", "edition": str(n)} for n in numbers]
    assert _entries(tmp_path, _ORDINALS, items) == [
        "1ste", "2de", "3de", "8ste", "10de", "12ste", "13ste", "22ste", "23ste", "102ste",
        "103ste", "110de",
    ]  # fmt: skip


_DISPLAYED_THEN_PLAIN = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>d</title><id>d</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout suffix=".">
      <names variable="author" display="block"/>
      <group><date variable="issued"><date-part name="year"/></date>
        <text variable="title" prefix=" "/></group>
    </layout>
  </bibliography>
</style>"""


def test_an_empty_last_group_of_no_display_leaves_the_suffix(tmp_path: Path) -> None:
    """A last group with no display of its own that prints nothing is gone, and the
    layout's suffix goes after what printed (indiana: ``S.C. Const. art. XI, § 3. .``)."""
    items = [_DOE_AND_ROE[0], {"id": "b", "type": "book", "author": [{"family": "Roe"}]}]
    texts = [" ".join(t.split()) for t in _entries(tmp_path, _DISPLAYED_THEN_PLAIN, items)]
    assert texts == ["J Doe2018 T.", "Roe."]


_FLUSH_LABEL = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>s</title><id>s</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="citation-number"/></layout></citation>
  <bibliography second-field-align="flush"><layout>
    <text variable="citation-number" suffix="."/>
    <names variable="author"/>
    <group delimiter=" " prefix=": "><text variable="title"/></group>
  </layout></bibliography>
</style>"""


def test_a_mark_after_a_flush_label_goes_before_the_space(tmp_path: Path) -> None:
    """The marks an entry's body starts with go before the space after its
    second-field-align label, as after a left-margin block (citeproc-js: ``1.:  Marking
    time``, whose second space citelib leaves out; european-journal-of-microbiology-and-
    immunology printed ``13. : Marking``)."""
    items = [
        {"id": "a", "type": "book", "title": "Marking time"},
        {"id": "b", "type": "book", "title": "T", "author": [{"family": "Doe", "given": "J"}]},
    ]
    assert _entries(tmp_path, _FLUSH_LABEL, items) == ["1.: Marking time", "2. J Doe: T"]


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ("editor translator", "J Strachey ed. & trans."),
        ("container-author editor translator", "J Strachey ed., J Strachey trans."),
    ],
)
def test_editor_and_translator_merge_only_in_a_names_of_those_two(
    tmp_path: Path, variables: str, expected: str
) -> None:
    """The same editor and translator print once with ``editortranslator`` only where the
    ``cs:names`` asks for those two variables alone, as citeproc-js checks them
    (oscola-journal-abbreviations: ``J Strachey ed, J Strachey tr``)."""
    style = f"""<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>e</title><id>e</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><names delimiter=", " variable="{variables}"><name/>
    <label form="short" prefix=" "/></names></layout></bibliography>
</style>"""
    strachey = [{"family": "Strachey", "given": "J"}]
    item = {"id": "a", "type": "book", "title": "T", "editor": strachey, "translator": strachey}
    assert _entries(tmp_path, style, [item]) == [expected]


_BRACES = """<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><title>b</title><id>b</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="year"><date variable="issued"><date-part name="year"/></date></macro>
  <citation>
    <layout prefix="(" suffix=")">
      <names variable="author"><name form="short"/></names>
      <group prefix=" (" suffix=")" delimiter=", ">
        <text variable="publisher"/>
        <text macro="year" prefix="(" suffix=")"/>
      </group>
      <text variable="volume" prefix=" (vol. " suffix=")"/>
      <text term="accessed" prefix=" ("/>
      <date variable="accessed" prefix=" " suffix=")" form="numeric" date-parts="year"/>
      <text variable="title" prefix=" (" suffix=")"/>
    </layout>
  </citation>
  <bibliography>
    <layout>
      <group prefix="(" suffix=")"><group prefix="(" suffix=")"><text variable="title"/></group></group>
      <text term="accessed" prefix=" ("/>
      <date variable="accessed" prefix=" " suffix=")" form="numeric" date-parts="year"/>
    </layout>
  </bibliography>
</style>"""


def test_a_note_citation_flips_nested_parentheses_of_its_levels(tmp_path: Path) -> None:
    """In a note style's citation, parentheses of levels' affixes (the layout, groups, macro
    calls, numbers, dates) inside others become brackets by their depth; those of other
    texts and of fields are not counted, so a term's " (" closed by a date's ")" ends in
    a bracket when nested (zeitschrift-fur-kunstgeschichte ``(accessed 9.9.2014]``,
    pisa-university-press, universite-libre-de-bruxelles-histoire).  The list is left
    as it is."""
    items = [
        {
            "id": "a",
            "type": "book",
            "author": [{"family": "Doe", "given": "J."}],
            "title": "Title (with parens)",
            "publisher": "Pub",
            "issued": {"date-parts": [[2001]]},
            "accessed": {"date-parts": [[2020, 5, 1]]},
            "volume": "3",
        }
    ]
    style = tmp_path / "style.csl"
    style.write_text(_BRACES, encoding="utf-8")
    cite = citelib.cite(items, ["a"], style=style)
    assert cite.text == "(Doe [Pub, (2001)] [vol. 3] (accessed 2020) (Title (with parens))]"
    assert _entries(tmp_path, _BRACES, items) == ["((Title (with parens))) (accessed 2020)"]


_SUBSTITUTED_LABEL = """<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><title>s</title><id>s</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="author">
    <names variable="author"DELIMITER>
      <name and="text" name-as-sort-order="first"/>
      <label form="short" prefix=" (" suffix=")"/>
      <substitute><names variable="editor" delimiter=" | "/><text variable="title"/></substitute>
    </names>
  </macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography subsequent-author-substitute="———">
    <layout suffix="."><group delimiter=", "><text macro="author"/><text variable="title"/></group>
    </layout>
  </bibliography>
</style>"""


@pytest.mark.parametrize(
    ("delimiter", "expected"),
    [
        (
            ' delimiter=", "',
            ["Glare, P. G. W. (ed.), A.", "———, (ed.), B.", "Hu, P., C.", "———, D."],
        ),
        ("", ["Glare, P. G. W. (ed.), A.", "——— (ed.), B.", "Hu, P., C.", "———, D."]),
    ],
)
def test_an_author_substitute_and_the_label_take_the_names_delimiter(
    tmp_path: Path, delimiter: str, expected: list[str]
) -> None:
    """subsequent-author-substitute's text and the names' label are joined by the outer
    ``cs:names``'s delimiter, not by the substitute's own (zeitschrift-fur-kunstgeschichte
    ``———, (ed.)``)."""
    items = [
        {
            "id": "a",
            "type": "book",
            "editor": [{"family": "Glare", "given": "P. G. W."}],
            "title": "A",
        },
        {
            "id": "b",
            "type": "book",
            "editor": [{"family": "Glare", "given": "P. G. W."}],
            "title": "B",
        },
        {"id": "c", "type": "book", "author": [{"family": "Hu", "given": "P."}], "title": "C"},
        {"id": "d", "type": "book", "author": [{"family": "Hu", "given": "P."}], "title": "D"},
    ]
    csl = _SUBSTITUTED_LABEL.replace("DELIMITER", delimiter)
    assert _entries(tmp_path, csl, items) == expected


_SHORT_INVERTED = """<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0"DEMOTE>
  <info><title>s</title><id>s</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <names variable="author"><name delimiter="/" name-as-sort-order="all" form="short"/></names>
    <names variable="author" prefix=" | "><name delimiter="/" form="short"/></names>
  </layout></bibliography>
</style>"""


@pytest.mark.parametrize(
    ("demote", "expected"),
    [
        ("", ["Regenmortel, van | van Regenmortel", "Kieft, van de/Gogh | van de Kieft/Gogh"]),
        (
            ' demote-non-dropping-particle="never"',
            ["van Regenmortel | van Regenmortel", "van de Kieft/Gogh | van de Kieft/Gogh"],
        ),
    ],
)
def test_name_as_sort_order_inverts_a_short_name_with_a_particle(
    tmp_path: Path, demote: str, expected: list[str]
) -> None:
    """A short name in sort order puts a demoted particle after the family name
    (austrian-legal ``Regenmortel, van``), unless the style never demotes it."""
    items = [
        {"id": "a", "type": "book", "author": [{"family": "van Regenmortel", "given": "M. H."}]},
        {
            "id": "c",
            "type": "book",
            "author": [
                {"family": "Kieft", "given": "C.", "non-dropping-particle": "van de"},
                {"family": "Gogh", "given": "V.", "dropping-particle": "van"},
            ],
        },
    ]
    assert _entries(tmp_path, _SHORT_INVERTED.replace("DEMOTE", demote), items) == expected


_FONTED_TITLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>f</title><id>f</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="edition">
    <choose>
      <if is-numeric="edition">
        <group delimiter=" "><number variable="edition" form="ordinal"/><text term="edition" form="short"/></group>
      </if>
      <else><text variable="edition" suffix="."/></else>
    </choose>
  </macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <group suffix=" | "><text variable="title" font-style="italic" suffix="."/><text macro="edition" prefix=". "/></group>
    <group suffix=" | "><text variable="title" font-style="italic"/><text variable="edition" prefix=". "/></group>
    <group delimiter=". "><text variable="title" font-style="italic" suffix="."/><text variable="edition"/></group>
  </layout></bibliography>
</style>"""


def test_a_font_style_needs_latin_text_and_keeps_a_prefix_mark_apart(tmp_path: Path) -> None:
    """citeproc-js drops a string's font-style where it has no letter or digit of a
    Latin-like script: a Chinese title is not italic, and the mark after it merges as
    after plain text (``乡土中国. 修订本.``, baghdad-science-journal); a text in a font of its
    own keeps a prefix's mark after its own, the same mark too (``dictionary.. 32nd ed.``),
    where a delimiter's same mark is one."""
    items = [
        {"id": "a", "type": "book", "title": "乡土中国", "edition": "修订本"},
        {"id": "b", "type": "book", "title": "Dictionary.", "edition": "32"},
        {"id": "c", "type": "book", "title": "Dictionary?", "edition": "rev"},
    ]
    assert _entries(tmp_path, _FONTED_TITLE, items) == [
        "乡土中国. 修订本. | 乡土中国. 修订本 | 乡土中国. 修订本",
        "Dictionary.. 32nd ed. | Dictionary.. 32 | Dictionary. 32",
        "Dictionary?.. rev. | Dictionary?. rev | Dictionary?. rev",
    ]
    html = _entries(tmp_path, _FONTED_TITLE, items[:1], markup="html")
    assert "<i>" not in html[0]


_IS_NUMERIC = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>n</title><id>n</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <choose><if is-numeric="page"><text value="Y"/></if><else><text value="N"/></else></choose>
    <choose><if is-numeric="volume"><text value="Y"/></if><else><text value="N"/></else></choose>
    <choose><if is-numeric="edition"><text value="Y"/></if><else><text value="N"/></else></choose>
    <choose><if is-numeric="number-of-pages"><text value="Y"/></if><else><text value="N"/></else></choose>
  </layout></bibliography>
</style>"""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("viii, 342 p.", "YYYY"),  # the first number decides (baghdad-science-journal)
        ("342 p.", "NNNN"),  # a word after a number is text, not a label
        ("pp. 12-15", "YNNN"),  # a page's label; another variable's text
        ("ch. 3, p. 4", "YNNN"),
        ("3, no. 4", "YYYY"),
        ("p. 342", "YNNN"),
        ("vol. 3", "YYNN"),  # a page and a volume take vol. as a label
        ("rev. ed.", "NNNN"),
        ("12a - c", "YYYY"),  # subsections join across a bare hyphen only: 12a, c
    ],
)
def test_is_numeric_reads_labels_as_citeproc_js(tmp_path: Path, value: str, expected: str) -> None:
    """``is-numeric`` splits a value at labels as citeproc-js does: a label the variable
    implies goes in front, a word that is no label of the variable stays in the text,
    and the first number left decides."""
    variables = ("page", "volume", "edition", "number-of-pages")
    items = [{"id": "a", "type": "book", "title": "t", **dict.fromkeys(variables, value)}]
    assert _entries(tmp_path, _IS_NUMERIC, items) == [expected]


_EN_GB_QUOTES = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
    default-locale="en-GB">
  <info><title>q</title><id>q</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text variable="title"/><text variable="title" prefix=" | " quotes="true"/>
    <text variable="title" prefix=" | " quotes="false"/></layout></bibliography>
</style>"""


def test_a_quotes_attribute_reads_a_fields_quotes_by_depth(tmp_path: Path) -> None:
    """With a quotes attribute, true or false, citeproc-js reads every quotation in the
    field by its depth, curly ones too: in an en-GB style “we” prints ‘we’ where the
    text has quotes="false" (natures-sciences-societes); without the attribute curly
    quotes keep their own kind."""
    items = [
        {"id": "a", "type": "book", "title": "Balancing “we” and “me”: the best"},
        {"id": "c", "type": "book", "title": "The secret of “China’s Destiny”"},
        {"id": "d", "type": "book", "title": "A ‘single’ and “double ‘nested’ here”"},
    ]
    # a quotes attribute on a macro call reads the macro's fields so too, and a French
    # style prints “we” as « we » (universite-cheikh-anta-diop-...)
    french = (
        _EN_GB_QUOTES.replace('default-locale="en-GB"', 'default-locale="fr-FR"')
        .replace(
            '<text variable="title" prefix=" | " quotes="false"/>',
            '<text macro="t" prefix=" | " quotes="false"/>',
        )
        .replace("<citation>", '<macro name="t"><text variable="title"/></macro><citation>')
    )
    assert _entries(tmp_path, french, items[:1])[0].endswith(
        "| Balancing «\u00a0we\u00a0» and «\u00a0me\u00a0»: the best"
    )
    assert _entries(tmp_path, _EN_GB_QUOTES, items) == [
        "Balancing “we” and “me”: the best | ‘Balancing “we” and “me”: the best’"
        " | Balancing ‘we’ and ‘me’: the best",
        "The secret of “China’s Destiny” | ‘The secret of “China’s Destiny”’"
        " | The secret of ‘China’s Destiny’",
        "A ‘single’ and “double ‘nested’ here” | ‘A “single” and “double ‘nested’ here”’"
        " | A ‘single’ and ‘double “nested” here’",
    ]


_QUOTED_CITE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0"
    default-locale="en-GB">
  <info><title>q</title><id>q</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <locale><terms><term name="number" form="short">n&amp;#7506;</term></terms></locale>
  <macro name="t"><text variable="title" quotes="true"/></macro>
  <citation><layout delimiter="; " suffix="."><group delimiter=", ">
    <names variable="author"><name form="short"/></names><text macro="t"/>
    <group delimiter=" "><label variable="number" form="short"/><text variable="number"/></group>
  </group></layout></citation>
  <bibliography><layout><text macro="t"/></layout></bibliography>
</style>"""


def test_a_citation_suffix_merges_with_a_quotations_last_mark(tmp_path: Path) -> None:
    """A note citation's layout suffix after a quotation ending in a mark is one with it
    (mhra-shortened-notes ``‘Should Eponyms Be Abandoned?’``, not ``?’.``); a character
    reference a style's own term escapes prints as its character (meta ``nᵒ 443``)."""
    items = [
        {"id": "a", "type": "report", "author": [{"family": "Doe"}], "title": "Should X?"},
        {"id": "b", "type": "report", "author": [{"family": "Doe"}], "title": "Y", "number": "4"},
    ]
    style = tmp_path / "style.csl"
    style.write_text(_QUOTED_CITE, encoding="utf-8")
    assert citelib.cite(items, ["a"], style=style).text == "Doe, ‘Should X?’"
    assert citelib.cite(items, ["b"], style=style).text == "Doe, ‘Y’, n\u1d52 4."


_SUBSTITUTE_ET_AL = """<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><title>s</title><id>s</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="editor">
    <names variable="editor" delimiter=", "><name and="text" delimiter-precedes-last="never"
      initialize-with="."OWN/><label form="short" prefix=" (" suffix=")"/></names>
  </macro>
  <macro name="author">
    <names variable="author" delimiter=", ">
      <name and="symbol"OUTER form="short"/>
      <substitute><text macro="editor"/></substitute>
    </names>
  </macro>
  <citation><layout><text macro="author"/></layout></citation>
  <bibliography et-al-min="4" et-al-use-first="1"><layout><text macro="author"/></layout></bibliography>
</style>"""


@pytest.mark.parametrize(
    ("outer", "own", "expected"),
    [
        (' et-al-min="3" et-al-use-first="1"', "", "M. Grandtner et al. (eds.)"),
        (' et-al-min="3" et-al-use-first="1"', ' et-al-min="5"', "M. Grandtner et al. (eds.)"),
        ("", "", "M. Grandtner, J. Chevrette and J. Dupont (eds.)"),
    ],
)
def test_a_substitute_takes_the_et_al_of_the_name_it_stands_in_for(
    tmp_path: Path, outer: str, own: str, expected: str
) -> None:
    """In the list, names a substitute prints take the et-al-min and et-al-use-first of the
    cs:name they stand in for, over their own and the list's (universite-catholique-de-
    louvain-fial); the rest of their cs:name is their own (and="text", full names).  A
    citation's substitute keeps its own (nouvelles-perspectives-en-sciences-sociales)."""
    items = [
        {
            "id": "a",
            "type": "book",
            "title": "A",
            "editor": [
                {"family": "Grandtner", "given": "Miroslav"},
                {"family": "Chevrette", "given": "Julien"},
                {"family": "Dupont", "given": "Jean"},
            ],
        }
    ]
    csl = _SUBSTITUTE_ET_AL.replace("OUTER", outer).replace("OWN", own)
    assert _entries(tmp_path, csl, items) == [expected]
    cite = citelib.cite(items, ["a"], style=tmp_path / "style.csl").text
    assert cite == "M. Grandtner, J. Chevrette and J. Dupont (eds.)"
    # a citation's substitute whose outer cs:name sets et al. takes the et-al-subsequent
    # options in force, in a first cite too (universite-catholique-de-louvain-fial)
    subsequent = csl.replace(
        'version="1.0">', 'version="1.0" et-al-subsequent-min="2" et-al-subsequent-use-first="2">'
    )
    _entries(tmp_path, subsequent, items)
    cite = citelib.cite(items, ["a"], style=tmp_path / "style.csl").text
    assert cite == (
        "M. Grandtner, J. Chevrette, et al. (eds.)"
        if outer
        else "M. Grandtner, J. Chevrette and J. Dupont (eds.)"
    )


_NO_DATE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>s</title><id>s</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="a">
    <group delimiter="-"><text variable="year-suffix"/><date variable="issued"><date-part name="year"/></date></group>
    <choose><if match="none" variable="issued"><text term="no date"/></if></choose>
  </macro>
  <macro name="b">
    <date variable="issued"><date-part name="year"/></date>
    <choose><if match="none" variable="issued"><text term="no date"/></if></choose>
  </macro>
  <macro name="f"><group><text variable="year-suffix"/><text term="no date"/></group></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout delimiter="|"><text value="["/><text macro="a"/><text value="|"/>
    <text macro="b"/><text value="|"/><text macro="f"/><text value="]"/></layout></bibliography>
</style>"""


def test_a_year_suffix_counts_as_printed_in_its_group(tmp_path: Path) -> None:
    """citeproc-js counts a year-suffix as a printed variable whether or not the work has
    one, so a "no date" term beside a group of it and an empty date prints (university-of-
    zabol-fa ``بدون تاریخ``), where a date alone leaves the macro empty."""
    items = [{"id": "a", "type": "book", "title": "A"}]
    assert _entries(tmp_path, _NO_DATE, items) == ["[no date||no date]"]


_NUMBER_LABELS = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>n</title><id>n</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout delimiter="|">
    <label variable="number-of-pages" form="long" suffix="|"/><label variable="number" form="long"/>
  </layout></bibliography>
</style>"""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("viii, 379 p.", "pages|numbers"),  # two numbers, the first roman (gayana-botanica)
        ("p. 12, 14", "page|pages"),  # a page label in a number names its term
        ("no. 4", "page|number"),  # but an issue label in a number keeps "number"
        ("2/3", "page|number"),  # a fraction: one number
        ("12-15", "pages|numbers"),
    ],
)
def test_a_number_label_reads_the_value_as_citeproc_js(
    tmp_path: Path, value: str, expected: str
) -> None:
    """cs:label is plural and names its term as citeproc-js's processNumber reads the
    value: the first run of numbers under one label decides."""
    items = [{"id": "a", "type": "book", "title": "t", "number-of-pages": value, "number": value}]
    assert _entries(tmp_path, _NUMBER_LABELS, items) == [expected]


_NUMBER_SUFFIX_PREFIX = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>s</title><id>s</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <group suffix=" | "><group suffix=":"><text variable="volume"/></group><group prefix=". "><text variable="DOI"/></group></group>
    <group suffix=" | "><group><text variable="volume" suffix=":"/></group><group prefix=". "><text variable="DOI"/></group></group>
    <group suffix=" | "><group><group suffix=":"><text variable="volume"/></group></group><text variable="DOI" prefix=". "/></group>
    <group suffix=" | "><group><group suffix="."><text variable="volume"/></group></group><group prefix=". "><text variable="DOI"/></group></group>
    <group><group><group suffix=":"><text variable="title"/></group></group><group prefix=". "><text variable="DOI"/></group></group>
  </layout></bibliography>
</style>"""


def test_a_nested_number_suffix_keeps_a_prefix_mark(tmp_path: Path) -> None:
    """A suffix after a number, a level down, keeps the mark of the prefix after it
    (gayana-botanica ``PeerJ 1:. https://doi.org/...``); a sibling's own suffix merges
    as before, the same mark twice is one, and after a text the prefix's mark merges."""
    items = [{"id": "a", "type": "article-journal", "title": "T", "volume": "1", "DOI": "10.1/x"}]
    assert _entries(tmp_path, _NUMBER_SUFFIX_PREFIX, items) == [
        "1: 10.1/x | 1:. 10.1/x | 1:. 10.1/x | 1. 10.1/x | T: 10.1/x"
    ]


_SUBSTITUTE_THEN_TERM = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>s</title><id>s</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <locale><terms><term name="no date">s.a.</term></terms></locale>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography subsequent-author-substitute=""><layout suffix=".">
    <group delimiter=" "><names variable="author"><name/></names>
    <text term="no date" prefix="(" suffix=")"/><text variable="title"/></group>
  </layout></bibliography>
</style>"""


def test_an_empty_author_substitute_counts_as_printed_before_a_term(tmp_path: Path) -> None:
    """A term after an empty subsequent-author-substitute is not the first thing of the
    entry, so it keeps its case (university-of-helsinki-faculty-of-theology ``(s.a.)``)."""
    items = [
        {"id": "a", "type": "book", "author": [{"family": "Doe", "given": "J"}], "title": "A"},
        {"id": "b", "type": "book", "author": [{"family": "Doe", "given": "J"}], "title": "B"},
    ]
    assert _entries(tmp_path, _SUBSTITUTE_THEN_TERM, items) == ["J Doe (s.a.) A.", "(s.a.) B."]


_PREFIXED_LAYOUT = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="citation-number"/></layout></citation>
  <bibliography second-field-align="flush"><layout prefix="[">
    <text variable="citation-number" suffix="] "/><text variable="title"/>
  </layout></bibliography>
</style>"""


def test_a_layout_prefix_goes_before_the_second_field_align_label(tmp_path: Path) -> None:
    """With second-field-align, the layout's prefix starts the label, not the body
    (nist-technical-publication ``[1] Borror DJ``, was ``1] [Borror DJ``)."""
    style = tmp_path / "style.csl"
    style.write_text(_PREFIXED_LAYOUT, encoding="utf-8")
    bib = citelib.format_bibliography([{"id": "a", "type": "book", "title": "Dictionary"}], style)
    # (the label's own space and the one between label and body, as citeproc-js's text)
    assert [e.text for e in bib.entries] == ["[1]  Dictionary"]
    assert [e.label for e in bib.entries] == ["[1] "]


_DECORATED_GROUP = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>s</title><id>s</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <group suffix=" | "><group font-variant="normal"><group suffix=":"><text variable="title"/></group></group><group prefix=". "><text variable="DOI"/></group></group>
    <group suffix=" | "><group font-style="italic"><text variable="title" suffix=":"/></group><group prefix=". "><text variable="DOI"/></group></group>
    <group><group><group suffix=":"><text variable="title"/></group></group><group prefix=". "><text variable="DOI"/></group></group>
  </layout></bibliography>
</style>"""


def test_a_decorated_group_keeps_its_inner_suffix_apart(tmp_path: Path) -> None:
    """A group with a formatting attribute, even a no-op one (font-variant="normal"),
    keeps an affix a child ends it with apart from the prefix after it (gayana-botanica);
    a plain group lets them merge."""
    items = [{"id": "a", "type": "article-journal", "title": "T", "DOI": "10.1/x"}]
    assert _entries(tmp_path, _DECORATED_GROUP, items) == ["T:. 10.1/x | T:. 10.1/x | T: 10.1/x"]


def _nested_leaf_then_prefix(pairs: list[tuple[str, str]]) -> str:
    rows = "".join(
        f'<group suffix=" |"><group><text variable="title" suffix="{suffix}"/></group>'
        f'<group prefix="{prefix} "><text variable="DOI"/></group></group>'
        for suffix, prefix in pairs
    )
    return f"""<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>s</title><id>s</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>{rows}</layout></bibliography>
</style>"""


def test_a_prefix_mark_after_a_nested_leaf_suffix(tmp_path: Path) -> None:
    """A sibling's prefix mark after a leaf's suffix from a level down: the same mark is
    one, a mark they merge into goes into the leaf's text before its suffix (clays-and-
    clay-minerals ``P. in.: 3rd edition``), a colon and ! or ? merge as anywhere, any
    other pair stays as written."""
    pairs = [
        (":", "."),
        (";", ":"),
        ("!", "."),
        (":", "!"),
        ("!", ":"),
        (":", ","),
        (",", "."),
        (".", "."),
    ]
    items = [{"id": "a", "type": "book", "title": "T", "DOI": "D"}]
    text = _entries(tmp_path, _nested_leaf_then_prefix(pairs), items)[0]
    assert [piece.strip() for piece in text.split("|")][:-1] == [
        "T.: D", "T:; D", "T.! D", "T! D", "T! D", "T:, D", "T,. D", "T. D",
    ]  # fmt: skip


_SPACED_KEY = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>s</title><id>s</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="t"><choose><if type="book"><text variable="title"/></if>
    <else><text variable="title" prefix=" "/></else></choose></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><sort><key macro="t"/></sort><layout><text variable="title"/></layout></bibliography>
</style>"""


def test_a_sort_key_keeps_a_leading_space(tmp_path: Path) -> None:
    """A sort key that starts with an affix's space keeps it, and a space sorts before a
    letter (acta-universitatis-agriculturae-et-silviculturae-mendelianae-brunensis: the
    article " Poesie" before the book "Amor", so 2005a and 2005b as citeproc-js gives them)."""
    items = [
        {"id": "a", "type": "book", "title": "Amor"},
        {"id": "b", "type": "article-journal", "title": "Poesie"},
    ]
    assert _entries(tmp_path, _SPACED_KEY, items) == ["Poesie", "Amor"]


_TURKISH_CASE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
    default-locale="tr-TR">
  <info><title>s</title><id>s</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <locale><terms><term name="in">içinde</term></terms></locale>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text term="in" text-case="capitalize-first"/>
    <text variable="title" text-case="capitalize-first" prefix=" | "/>
    <text term="in" text-case="uppercase" prefix=" | "/></layout></bibliography>
</style>"""


def test_capitalize_first_in_the_works_language(tmp_path: Path) -> None:
    """capitalize-first (and a term that starts an entry) upper-cases in the work's
    language, else the style locale's: Turkish ``İçinde`` (cumhuriyet-universitesi-fen-
    bilimleri-enstitusu), English ``Içinde`` for a work in English."""
    items = [
        {"id": "a", "type": "book", "title": "istanbul", "language": "en"},
        {"id": "b", "type": "book", "title": "istanbul"},
    ]
    assert _entries(tmp_path, _TURKISH_CASE, items) == [
        "Içinde | Istanbul | IÇINDE",
        "İçinde | İstanbul | İÇİNDE",
    ]


_DECORATED_CALL = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>s</title><id>s</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="edition">
    <choose><if is-numeric="edition">
      <number variable="edition" form="ordinal" prefix=", "/><text term="edition" prefix=" " suffix="."/>
    </if><else><text variable="edition" suffix="."/></else></choose>
  </macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text variable="title"/><text macro="edition" font-weight="bold"/>
    <group prefix=". "><text variable="publisher"/></group></layout></bibliography>
</style>"""


def test_a_decorated_macro_call_keeps_its_inner_suffix_apart(tmp_path: Path) -> None:
    """A macro call in a font of its own keeps the suffix its content ends with (or the
    one its text's last mark took) apart from the prefix after it (animal-welfare
    ``3rd edition.. Hoeber``, ``Summer 2019 ed.. Stanford``)."""
    items = [
        {"id": "a", "type": "book", "title": "T", "edition": "3", "publisher": "H"},
        {"id": "b", "type": "book", "title": "U", "edition": "Summer 2019 ed.", "publisher": "S"},
    ]
    assert _entries(tmp_path, _DECORATED_CALL, items) == [
        "T, 3rd edition.. H",
        "USummer 2019 ed.. S",
    ]


_DATE_KEY_AFFIXES = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>s</title><id>s</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="accessed"><group prefix="[" suffix="]" delimiter=" "><text term="cited"/>
    <date variable="accessed"><date-part name="year"/></date></group></macro>
  <macro name="date"><group suffix="."><date variable="issued"><date-part name="year"/></date>
    <text macro="accessed" prefix=" "/></group></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><sort><key macro="date"/></sort><layout><text variable="title"/></layout></bibliography>
</style>"""


def test_a_date_macro_sort_key_takes_no_affixes(tmp_path: Path) -> None:
    """In a sort key, a macro with a date and the macros it calls print their dates
    without their affixes, as citeproc-js keys them (journal-of-applied-animal-science:
    " [2019]" would sort before "2017" now that a key keeps a leading space)."""
    items = [
        {"id": "a", "type": "webpage", "title": "A", "accessed": {"date-parts": [[2019, 6, 14]]}},
        {"id": "b", "type": "webpage", "title": "B", "issued": {"date-parts": [[2017]]}},
    ]
    assert _entries(tmp_path, _DATE_KEY_AFFIXES, items) == ["B", "A"]


_BLOCK_IN_AFFIXES = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>s</title><id>s</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout suffix="."><group><text variable="container-title"/>
    <group display="block" prefix=", "><text variable="volume"/></group></group></layout></bibliography>
</style>"""


def test_a_block_breaks_a_line_only_as_a_layouts_own_child(tmp_path: Path) -> None:
    """A block deeper than the layout's own children breaks no line (palaeodiversity
    ``Association, 36 (1)``, express-polymer-letters ``http://doi:10.1097/...``); a
    layout's own block starts its line before its prefix, after the marks the prefix
    starts with (citeproc-js: "T,\n 36"; zotero-chinese 林业科学 "93.\n (2010")."""
    items = [{"id": "a", "type": "article-journal", "container-title": "Bulletin", "volume": "36"}]
    assert _entries(tmp_path, _BLOCK_IN_AFFIXES, items) == ["Bulletin, 36."]
    top = _BLOCK_IN_AFFIXES.replace(
        '<group><text variable="container-title"/>\n    <group display="block" prefix=", ">'
        '<text variable="volume"/></group></group>',
        '<text variable="container-title"/><group display="block" prefix=", ">'
        '<text variable="volume"/></group>',
    )
    assert top != _BLOCK_IN_AFFIXES
    assert _entries(tmp_path, top, items) == ["Bulletin,\n 36."]


_SPACE_ONLY = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>s</title><id>s</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><choose><if type="legislation"><text value=" "/></if>
    <else><text variable="title"/></else></choose></layout></bibliography>
</style>"""


def test_an_entry_of_spaces_is_kept_and_reported(tmp_path: Path) -> None:
    """An entry the style prints only spaces for stays in the list, as citeproc-js keeps
    it (austrian-legal's legislation), and is reported; an entry of nothing is left out."""
    style = tmp_path / "style.csl"
    style.write_text(_SPACE_ONLY, encoding="utf-8")
    items = [
        {"id": "a", "type": "legislation", "title": "Act"},
        {"id": "b", "type": "book", "title": "Book"},
        {"id": "c", "type": "book"},
    ]
    bib = citelib.format_bibliography(items, style)
    assert [(e.id, e.text.strip()) for e in bib.entries] == [("a", ""), ("b", "Book")]
    assert sorted((p.key, p.code) for p in bib.problems if p.code == "empty-entry") == [
        ("a", "empty-entry"),
        ("c", "empty-entry"),
    ]


def _book_by(title: str, year: int, *names: str) -> dict[str, Any]:
    """A book keyed and titled *title*, by *names* written "Family Given"."""
    people = [{"family": f, "given": g} for f, g in (n.split(" ", 1) for n in names)]
    return {"id": title, "type": "book", "title": title, "issued": {"date-parts": [[year]]},
            "author": people}  # fmt: skip


_SUBSTITUTED_INVERTED = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography subsequent-author-substitute="---"
      subsequent-author-substitute-rule="partial-each">
    <sort><key variable="issued"/></sort>
    <layout>
      <names variable="author" suffix=", ">
        <name name-as-sort-order="first" and="text" delimiter=", "
            delimiter-precedes-last="after-inverted-name"/>
      </names>
      <text variable="title"/>
    </layout>
  </bibliography>
</style>"""


def test_a_substituted_name_still_counts_as_inverted(tmp_path: Path) -> None:
    """A name the author substitute replaces keeps its place in "after-inverted-name":
    citeproc-js swaps the printed name after joining the names (de-buck: "---, en …")."""

    items = [
        _book_by("One", 2001, "Dirckx John", "Leider Morris"),
        _book_by("Two", 2002, "Dirckx John", "Rosen Mary"),
        _book_by("Three", 2003, "Dirckx John", "Rosen Mary"),
        _book_by("Four", 2004, "Dirckx John", "Rosen Mary", "Zed Z"),
    ]
    assert _entries(tmp_path, _SUBSTITUTED_INVERTED, items) == [
        "Dirckx, John, and Morris Leider, One",
        "---, and Mary Rosen, Two",
        "---, and ---, Three",
        "---, --- and Z Zed, Four",
    ]


_USE_LAST_KEY = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="author">
    <names variable="author">
      <name initialize-with="." name-as-sort-order="first" delimiter=", "/>
    </names>
  </macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography et-al-min="20" et-al-use-first="5" et-al-use-last="true">
    <sort><key macro="author" names-min="3" names-use-first="1"/><key variable="issued"/></sort>
    <layout><text macro="author" suffix=". "/><text variable="title"/></layout>
  </bibliography>
</style>"""


def test_a_use_last_sort_key_has_the_last_name_and_no_ellipsis(tmp_path: Path) -> None:
    """et-al-use-last in a sort key cut by names-min: the first name and the last one, as a
    list ("Moog … Moll" sorts after "Moog, Karenberg", as in citeproc-js; wader-study)."""

    items = [
        _book_by("A", 2002, "Moog F. P.", "Karenberg A."),
        _book_by("B", 2005, "Moog F. P.", "Karenberg A.", "Moll F."),
        _book_by("C", 2003, "Moog F. P.", "Karenberg A."),
        _book_by("D", 2001, "Moog F. P.", "Aaron B.", "Jones F.", "Abel F."),
        _book_by("E", 2000, "Moog F. P."),
    ]
    assert _entries(tmp_path, _USE_LAST_KEY, items) == [
        "Moog, F.P. E",
        "Moog, F.P., B. Aaron, F. Jones, F. Abel. D",
        "Moog, F.P., A. Karenberg. A",
        "Moog, F.P., A. Karenberg. C",
        "Moog, F.P., A. Karenberg, F. Moll. B",
    ]


_NUMBER_ALONE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="citation-number"/></layout></citation>
  <bibliography second-field-align="flush">
    <layout>
      <choose>
        <if type="book">
          <text variable="citation-number" suffix="."/><text variable="title" prefix=" "/>
        </if>
        <else><text variable="title"/></else>
      </choose>
    </layout>
  </bibliography>
</style>"""


def test_a_number_alone_is_an_entry_and_nothing_is_marked(tmp_path: Path) -> None:
    """An entry of its number only prints ("2."); one of nothing, where citations print
    numbers, is citeproc-js's marker numbered as the entry it stands for."""
    items = [
        {"id": "a", "type": "book", "title": "A"},
        {"id": "b", "type": "book"},
        {"id": "c", "type": "report"},
        {"id": "d", "type": "report", "title": "D"},
    ]
    style = tmp_path / "style.csl"
    style.write_text(_NUMBER_ALONE, encoding="utf-8")
    bib = citelib.format_bibliography(items, style)
    assert [e.text for e in bib.entries] == [
        "1. A",
        "2.",
        "3. [CSL STYLE ERROR: reference with no printed form.]",
        "D",
    ]
    assert [p.key for p in bib.problems if p.code == "empty-entry"] == ["c"]


_CASE_THEN_STRIP = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout>
      <group delimiter=" | ">
        <text variable="title" text-case="title" strip-periods="true"/>
        <text variable="title" strip-periods="true"/>
      </group>
    </layout>
  </bibliography>
</style>"""


def test_a_leaf_is_cased_before_its_periods_are_stripped(tmp_path: Path) -> None:
    """citeproc-js title-cases a variable's text, then strips the periods no lower-case
    letter follows: the period before a word title case capitalised goes too."""
    items = [
        {"id": "a", "type": "article-journal", "title": "AnatomicalTerms.info: a solution"},
        {"id": "b", "type": "article-journal", "title": "Frogs hop. https://scimag.2Kl"},
        {"id": "c", "type": "article-journal", "title": "a.b.c e.g. www.x.org/a.b file.txt"},
    ]
    assert _entries(tmp_path, _CASE_THEN_STRIP, items) == [
        "AnatomicalTermsInfo: A Solution | AnatomicalTerms.info: a solution",
        "Frogs Hop Https://Scimag2Kl | Frogs hop https://scimag2Kl",
        "A.b.c e.g Www.xOrg/a.b FileTxt | a.b.c e.g www.x.org/a.b file.txt",
    ]


_SORT_KEY_NAMES = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="author"><names variable="author"><name form="short"/></names></macro>
  <macro name="source">
    <names variable="container-author"><name/></names><text variable="container-title"/>
  </macro>
  <citation disambiguate-add-givenname="true" givenname-disambiguation-rule="primary-name">
    <layout prefix="(" suffix=")">
      <group delimiter=" ">
        <text macro="author"/><date variable="issued"><date-part name="year"/></date>
      </group>
    </layout>
  </citation>
  <bibliography>
    <sort><key macro="author"/><key macro="source"/></sort>
    <layout><text macro="author" suffix=". "/><text variable="title"/></layout>
  </bibliography>
</style>"""


def test_names_a_sort_key_shows_join_the_given_name_registry(tmp_path: Path) -> None:
    """Under a rule across works, citeproc-js keys every work by every key and registers
    the names the keys render: a container-author a sort macro shows makes a namesake's
    citation show its given name; an editor no key shows does not."""
    items: list[dict[str, Any]] = [
        _book_by("a", 2022, "Chiang Yi-Lin"),
        {**_book_by("b", 2013, "Jaffe Philip"), "type": "chapter",
         "container-author": [{"family": "Chiang", "given": "Kai-shek"}]},
        {**_book_by("c", 2013, "Brown Roland"), "type": "chapter",
         "container-author": [{"family": "Lee", "given": "Ann"}]},
        {**_book_by("d", 2014, "Lee Bo"), "type": "chapter",
         "editor": [{"family": "Brown", "given": "Keith"}]},
    ]  # fmt: skip
    style = tmp_path / "style.csl"
    style.write_text(_SORT_KEY_NAMES, encoding="utf-8")
    cites = [citelib.cite(items, [key], style=style).text for key in "abcd"]
    assert cites == ["(Yi-Lin Chiang 2022)", "(Jaffe 2013)", "(Brown 2013)", "(Bo Lee 2014)"]


_NUMBER_PERIODS = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="ed"><text variable="edition"/></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout>
      <group delimiter=" | ">
        <text variable="edition" strip-periods="true"/>
        <text macro="ed" strip-periods="true"/>
        <number variable="edition" strip-periods="true"/>
        <text variable="collection-number" strip-periods="true"/>
      </group>
    </layout>
  </bibliography>
</style>"""


def test_strip_periods_leaves_a_number_variable_that_begins_with_a_number(
    tmp_path: Path,
) -> None:
    """citeproc-js holds such a value as a number blob, which no strip-periods reaches (its
    own or a macro call's): "9th ed." keeps its periods, "Rev. ed." loses them."""
    values = ["9th ed. with revised supplement", "2nd ed., Corrected", "2.", "Rev. ed.",
              "ed. 2", "Vol. 3.", "Suppl. 2. A."]  # fmt: skip
    items = [
        {"id": f"i{n}", "type": "book", "title": "T", "edition": v, "collection-number": v}
        for n, v in enumerate(values)
    ]
    assert _entries(tmp_path, _NUMBER_PERIODS, items) == [
        " | ".join([v] * 4)
        for v in [
            "9th ed. with revised supplement",
            "2nd ed., Corrected",
            "2.",
            "Rev ed",
            "ed 2",
            "Vol 3",
            "Suppl 2 A",
        ]  # fmt: skip
    ]


_LABEL_TEST = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation>
    <layout delimiter="; ">
      <group delimiter=" | ">
        <choose>
          <if variable="citation-label"><text variable="citation-label"/></if>
          <else><names variable="author"><name form="short"/></names></else>
        </choose>
        <text variable="citation-label"/>
      </group>
    </layout>
  </citation>
</style>"""


def test_a_made_citation_label_is_printed_but_not_tested(tmp_path: Path) -> None:
    """variable="citation-label" tests the work's own label; the one made from names and
    year (Borr60) is printed by cs:text only, as in citeproc-js."""
    items = [
        _book_by("a", 1960, "Borror D."),
        {**_book_by("b", 1982, "Glare P."), "citation-label": "OWN1"},
    ]
    style = tmp_path / "style.csl"
    style.write_text(_LABEL_TEST, encoding="utf-8")
    cites = [citelib.cite(items, [key], style=style).text for key in "ab"]
    assert cites == ["Borror | Borr60", "OWN1 | OWN1"]


_ISSUE_KEY = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <sort><key variable="issue"/><key variable="title"/></sort>
    <layout><text variable="issue" suffix=": "/><text variable="title"/></layout>
  </bibliography>
</style>"""


def test_a_number_variable_sort_key_is_its_first_number(tmp_path: Path) -> None:
    """citeproc-js keys a number variable by the first whole number in it ("4-5" as 4,
    "Suppl. 2" as 2, tied with "2" and ordered by the next key); one with none as text."""
    values = ["4-5", "6", "10", "Suppl. 2", "x", "1–2", "2", "A"]
    items = [
        {"id": f"i{n}", "type": "article-journal", "title": f"T{n}", "issue": v}
        for n, v in enumerate(values)
    ]
    assert _entries(tmp_path, _ISSUE_KEY, items) == [
        "1–2: T5", "Suppl. 2: T3", "2: T6", "4–5: T0", "6: T1", "10: T2", "A: T7", "x: T4",
    ]  # fmt: skip


def test_a_delimiter_and_a_prefix_keep_both_marks(tmp_path: Path) -> None:
    """A group's delimiter and the prefix of the element after it (or of its first
    child): citeproc-js merges no two marks ("T;:3", "T!.3"), one of the same twice."""
    marks = [";", ".", ":", ",", "!", "?"]
    groups = "".join(
        f'<group delimiter="{d}"><text variable="title"/>'
        f'<group><text variable="page" prefix="{p}"/></group></group>'
        for d in marks
        for p in marks
    )
    csl = (
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
        "<info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>"
        '<citation><layout><text variable="title"/></layout></citation>'
        f'<bibliography><layout><group delimiter=" | ">{groups}</group></layout></bibliography>'
        "</style>"
    )
    items = [{"id": "a", "type": "article-journal", "title": "T", "page": "3"}]
    [entry] = _entries(tmp_path, csl, items)
    assert entry.split(" | ") == [f"T{d}3" if d == p else f"T{d}{p}3" for d in marks for p in marks]


_TREE_SUFFIX = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <group delimiter=" | ">
      <group><text variable="title" quotes="false" suffix=". "/><text value="R"/></group>
      <group><text variable="title" suffix=". "/><text value="R"/></group>
      <group><text variable="title" font-style="italic" suffix=". "/><text value="R"/></group>
    </group>
  </layout></bibliography>
</style>"""


def test_a_field_read_as_a_tree_merges_its_suffix_in_a_font_of_its_own(
    tmp_path: Path,
) -> None:
    """A leaf with a quotes attribute or a font keeps its suffix apart from its last mark
    ("Why me!. R"), unless citeproc-js reads the field as a tree: an apostrophe, quotes or
    markup in it ("I’m here! R", "A B! R")."""
    titles = ["Why me!", "I’m here!", "He said “no”!", "A <i>B</i>!", "It’s done."]
    items = [{"id": f"i{n}", "type": "post", "title": t} for n, t in enumerate(titles)]
    assert _entries(tmp_path, _TREE_SUFFIX, items) == [
        "Why me!. R | Why me! R | Why me!. R",
        "I’m here! R | I’m here! R | I’m here! R",
        "He said “no”! R | He said “no”! R | He said “no”! R",
        "A B! R | A B! R | A B! R",
        "It’s done. R | It’s done. R | It’s done. R",
    ]


def test_no_space_before_and_after_an_empty_delimiter(tmp_path: Path) -> None:
    """Three names or more joined by an empty delimiter: citeproc-js puts no space before
    the "and" whatever delimiter-precedes-last says ("J. YooY. Miyamotoand C. Ryff");
    with two names the "and" keeps its space unless the delimiter precedes it."""
    variants = "".join(
        f'<names variable="author"><name delimiter="" and="text" initialize-with="."'
        f' delimiter-precedes-last="{dpl}"/></names>'
        for dpl in ("never", "contextual", "always", "after-inverted-name")
    )
    csl = (
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
        "<info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>"
        '<citation><layout><text variable="title"/></layout></citation>'
        f'<bibliography><layout><group delimiter=" | ">{variants}</group></layout>'
        "</bibliography></style>"
    )
    people = [{"family": "Yoo", "given": "J."}, {"family": "Miyamoto", "given": "Y."},
              {"family": "Ryff", "given": "C."}]  # fmt: skip
    items = [
        {"id": "two", "type": "book", "author": people[:2]},
        {"id": "three", "type": "book", "author": people},
    ]
    assert _entries(tmp_path, csl, items) == [
        "J. Yoo and Y. Miyamoto | J. Yoo and Y. Miyamoto | J. Yooand Y. Miyamoto"
        " | J. Yooand Y. Miyamoto",
        " | ".join(["J. YooY. Miyamotoand C. Ryff"] * 4),
    ]


_SAME_FAMILY = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation disambiguate-add-givenname="true">
    <layout><names variable="editor"><name and="text" initialize-with="."/></names></layout>
  </citation>
  <bibliography>
    <layout><names variable="editor"><name and="text" initialize-with="."/></names></layout>
  </bibliography>
</style>"""


def test_namesakes_in_one_work_keep_their_initials_under_by_cite(tmp_path: Path) -> None:
    """Under "by-cite", two people of one family in one work do not make each other's
    given names grow: citeproc-js renders a work's first cite before the work is in its
    name registry, each name in the style's own form (the list shows those)."""
    items = [
        {"id": "g", "type": "book", "editor": [
            {"given": "Miroslav M.", "family": "Grandtner"},
            {"given": "M.M.", "family": "Grandtner"},
            {"given": "Julien", "family": "Chevrette"},
        ]},
    ]  # fmt: skip
    assert _entries(tmp_path, _SAME_FAMILY, items) == [
        "M.M. Grandtner, M.M. Grandtner, and J. Chevrette"
    ]


@pytest.mark.parametrize("first", ["masculine", "feminine"])
def test_a_noun_of_no_gender_takes_the_feminine_ordinal(tmp_path: Path, first: str) -> None:
    """Where a locale gives an ordinal in gender-forms only, citeproc-js reads a noun of
    no gender with the feminine one, whichever comes first (Portuguese "3.ª ed.")."""
    terms = {
        "masculine": '<term name="ordinal" gender-form="masculine">.M</term>',
        "feminine": '<term name="ordinal" gender-form="feminine">.F</term>',
    }
    other = "feminine" if first == "masculine" else "masculine"
    csl = (
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
        "<info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>"
        f"<locale><terms>{terms[first]}{terms[other]}</terms></locale>"
        '<citation><layout><text variable="title"/></layout></citation>'
        '<bibliography><layout><group delimiter=" | ">'
        '<number variable="edition" form="ordinal"/><number variable="volume" form="ordinal"/>'
        "</group></layout></bibliography></style>"
    )
    items = [{"id": "a", "type": "book", "edition": "3", "volume": "11"}]
    assert _entries(tmp_path, csl, items) == ["3.F | 11.F"]


_NO_OP_FONTS = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <group delimiter=" | ">
      <group><text variable="title" font-weight="normal" suffix=". "/><text value="R"/></group>
      <group><text variable="title" text-decoration="none" suffix=". "/><text value="R"/></group>
      <group><text variable="title" vertical-align="baseline" suffix=". "/><text value="R"/></group>
      <group><text variable="title" display="block" suffix=". "/><text value="R"/></group>
      <group delimiter=". "><text variable="title" font-weight="normal"/><text value="R"/></group>
      <group><text variable="title" font-variant="normal"/><text value="R" prefix=". "/></group>
      <date variable="issued">
        <date-part name="day" range-delimiter=""/><date-part name="month" prefix=" "/>
        <date-part name="year" range-delimiter="" prefix=" "/>
      </date>
    </group>
  </layout></bibliography>
</style>"""


def test_a_no_op_font_decorates_a_leaf_and_an_empty_range_delimiter_is_none(
    tmp_path: Path,
) -> None:
    """A text with any formatting attribute, font-weight="normal" too, keeps its suffix
    and the marks after it apart from its own as a decorated one does ("Why?. R"); an
    empty range-delimiter on a date-part leaves citeproc-js's en dash ("26–29")."""
    items = [
        {"id": "a", "type": "post", "title": "Why?",
         "issued": {"date-parts": [[2018, 4, 26], [2018, 4, 29]]}},
        {"id": "b", "type": "post", "title": "Inc.", "issued": {"date-parts": [[2015], [2020]]}},
    ]  # fmt: skip
    assert _entries(tmp_path, _NO_OP_FONTS, items) == [
        "Why?. R | Why?. R | Why?. R | Why? R | Why?. R | Why?. R | 26–29 April 2018",
        "Inc. R | Inc. R | Inc. R | Inc. R | Inc. R | Inc.. R | 2015–2020",
    ]


_QUOTED_PERIOD = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
    default-locale="de-DE">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="t"><text variable="title" quotes="true" suffix="."/></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <group delimiter=" | ">
      <group><text variable="title" quotes="true" suffix=". "/><text value="F"/></group>
      <group><text variable="title" quotes="true" suffix="."/><text value="F"/></group>
      <group><text variable="title" quotes="true" suffix=", "/><text value="F"/></group>
      <group><text macro="t" font-variant="normal" suffix=" "/><text value="F"/></group>
    </group>
  </layout></bibliography>
</style>"""


def test_a_quotations_own_period_swallows_its_suffixs_outside_quotes(tmp_path: Path) -> None:
    """Where punctuation stays outside quotes (German), a quoted text's own suffix loses
    the period the quotation ends in ("„Dow, Inc.“ F"), not after another mark."""
    titles = ["Dow, Inc.", "Why?", "Plain"]
    items = [{"id": f"i{n}", "type": "legal_case", "title": t} for n, t in enumerate(titles)]
    assert _entries(tmp_path, _QUOTED_PERIOD, items) == [
        "„Dow, Inc.“ F | „Dow, Inc.“F | „Dow, Inc.“, F | „Dow, Inc.“ F",
        "„Why?“. F | „Why?“.F | „Why?“, F | „Why?“. F",
        "„Plain“. F | „Plain“.F | „Plain“, F | „Plain“. F",
    ]


_YEAR_SUFFIX_END = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation disambiguate-add-year-suffix="true">
    <layout>
      <names variable="author"><name form="short"/></names>
      <date variable="issued" prefix=" "><date-part name="year"/></date>
    </layout>
  </citation>
  <bibliography><layout>
    <group delimiter=". ">
      <group>
        <text variable="title"/>
        <date variable="issued" prefix=" " suffix=";"><date-part name="year"/></date>
      </group>
      <text variable="publisher"/>
    </group>
  </layout></bibliography>
</style>"""


def test_a_date_that_ends_in_its_year_suffix_keeps_a_mark_after_its_suffix(
    tmp_path: Path,
) -> None:
    """citeproc-js holds a year suffix as a number: the mark of a delimiter after the
    date's suffix stays ("1983a;. P"), where after a plain year it merges ("1990; P")."""
    items = [
        {"id": k, "type": "book", "title": t, "publisher": "P", "author": [{"family": f}],
         "issued": {"date-parts": [[y]]}}
        for k, t, f, y in (("a", "T", "Doe", 1983), ("b", "U", "Doe", 1983), ("c", "V", "Roe", 1990))
    ]  # fmt: skip
    assert _entries(tmp_path, _YEAR_SUFFIX_END, items) == [
        "T 1983a;. P",
        "U 1983b;. P",
        "V 1990; P",
    ]


_STRIPPED_SUFFIX = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="c"><text variable="container-title" suffix="."/></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <group delimiter=" | ">
      <group delimiter=" "><text macro="c" strip-periods="true"/><text value="1954"/></group>
      <group delimiter=" ">
        <text variable="container-title" strip-periods="true" suffix="."/><text value="1954"/>
      </group>
    </group>
  </layout></bibliography>
</style>"""


def test_strip_periods_keeps_the_suffix_a_text_took(tmp_path: Path) -> None:
    """A text's suffix "." that its own last period took ("U.S." + ".") is still its
    suffix: citeproc-js strips the text, then adds the suffix ("US. 1954")."""
    items = [
        {"id": "a", "type": "legal_case", "title": "T", "container-title": "U.S."},
        {"id": "b", "type": "legal_case", "title": "T", "container-title": "F.Supp"},
    ]
    assert _entries(tmp_path, _STRIPPED_SUFFIX, items) == [
        "US. 1954 | US. 1954",
        "FSupp. 1954 | FSupp. 1954",
    ]


@pytest.mark.parametrize(
    ("term", "expected"),
    [("[s. d.]", "[S. d.]"), ("(in)", "(In)"), ("“in”", "“In”"), ("-in", "-In"),
     ("([in])", "([In])"), ("¿in", "¿in")],
)  # fmt: skip
def test_a_first_term_is_capitalised_past_leading_marks(
    tmp_path: Path, term: str, expected: str
) -> None:
    """The first thing in an entry, a term, starts with a capital after the marks
    citeproc-js's case engine splits at ("[S. d.]", ethnologie-francaise), not after "¿"."""
    csl = (
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
        "<info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>"
        f'<locale><terms><term name="no date">{term}</term></terms></locale>'
        '<citation><layout><text variable="title"/></layout></citation>'
        '<bibliography><layout><text term="no date"/><text value=" x"/></layout></bibliography>'
        "</style>"
    )
    assert _entries(tmp_path, csl, [{"id": "a", "type": "book"}]) == [f"{expected} x"]


def _layout_style(
    layout: str, bibliography: str = "", *, macros: str = "", sort: str = "", attrs: str = ""
) -> str:
    """A style whose list has *layout* (of the attributes *attrs*; the attributes
    *bibliography* of its element, the *sort* keys) and the *macros* given."""
    return (
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
        "<info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>"
        f'{macros}<citation><layout><text variable="title"/></layout></citation>'
        f"<bibliography {bibliography}>{sort}<layout {attrs}>{layout}</layout></bibliography>"
        "</style>"
    )


@pytest.mark.parametrize(
    ("delimiter", "suffix", "expected"),
    [
        ("; ", ".", "Alpha. Delmar"),
        ("; ", ". ", "Alpha.  Delmar"),
        ("; ", ".)", "Alpha.) Delmar"),
        (", ", ".)", "Alpha.) Delmar"),
        (",", ".", "Alpha.Delmar"),
        (",", ". ", "Alpha. Delmar"),
        ("! ", ".)", "Alpha.) Delmar"),
        (" ", ".)", "Alpha. Delmar"),
        ("- ", ".", "Alpha.- Delmar"),
    ],
)
def test_a_delimiter_mark_goes_where_a_group_suffix_lost_its_first(
    tmp_path: Path, delimiter: str, suffix: str, expected: str
) -> None:
    """A group's suffix after its child's suffix that ends in the mark it begins with loses
    that mark, and a delimiter's mark after it goes instead of the suffix's last character
    (a space or another mark: either stays), as a sibling's prefix mark does; a delimiter
    that starts with no mark takes that last character instead."""
    layout = (
        f'<group delimiter="{delimiter}"><group suffix="{suffix}">'
        '<text variable="title" suffix="."/></group><text variable="publisher"/></group>'
    )
    items = [{"id": "a", "type": "book", "title": "Alpha", "publisher": "Delmar"}]
    assert _entries(tmp_path, _layout_style(layout), items) == [expected]


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        # text, then an element in a font of its own: no mark merges into its prefix
        (
            '<group><text variable="title"/></group>'
            '<text variable="container-title" font-style="italic" prefix=". "/>',
            ["Why?. Journal", "Done.. Journal", "Alpha. Journal"],
        ),
        (
            '<text variable="title"/>'
            '<group font-weight="bold" prefix="? "><text variable="container-title"/></group>',
            ["Why?? Journal", "Done.? Journal", "Alpha? Journal"],
        ),
        # a leaf's suffix from a level down keeps its mark before that prefix
        (
            '<group><text variable="title" suffix=":"/></group>'
            '<text variable="container-title" font-style="italic" prefix=". "/>',
            ["Why?. Journal", "Done.:. Journal", "Alpha:. Journal"],
        ),
        (
            '<group><text variable="title" suffix=","/></group>'
            '<text variable="container-title" font-style="italic" prefix=". "/>',
            ["Why?,. Journal", "Done.,. Journal", "Alpha,. Journal"],
        ),
        # a group's own suffix beside it: the same mark is one, gone into "?" too; a
        # level down it stays
        (
            '<group suffix="."><text variable="title"/></group>'
            '<text variable="container-title" font-style="italic" prefix=". "/>',
            ["Why? Journal", "Done. Journal", "Alpha. Journal"],
        ),
        (
            '<group><group suffix="."><text variable="title"/></group></group>'
            '<text variable="container-title" font-style="italic" prefix=". "/>',
            ["Why?. Journal", "Done.. Journal", "Alpha.. Journal"],
        ),
        # two spaces are one
        (
            '<text variable="title" suffix=" "/>'
            '<text variable="container-title" font-style="italic" prefix=" "/>',
            ["Why? Journal", "Done. Journal", "Alpha Journal"],
        ),
        # without a font the prefix merges as anywhere
        (
            '<group><text variable="title"/></group><text variable="container-title" prefix=". "/>',
            ["Why? Journal", "Done. Journal", "Alpha. Journal"],
        ),
    ],
)
def test_no_mark_merges_into_the_prefix_of_an_element_in_a_font(
    tmp_path: Path, layout: str, expected: list[str]
) -> None:
    """citeproc-js merges no mark of the text before an element in a font of its own (its
    blob) into that element's prefix: "Why?. Journal" where a plain one gives "Why? Journal"."""
    items = [
        {"id": k, "type": "article-journal", "title": t, "container-title": "Journal"}
        for k, t in (("a", "Why?"), ("b", "Done."), ("c", "Alpha"))
    ]
    assert _entries(tmp_path, _layout_style(layout), items) == expected


def test_a_layout_suffix_goes_before_a_left_margins_space(tmp_path: Path) -> None:
    """A list whose layout starts with a display element puts its suffix after its last
    group's, inside that group's display: a left margin's space comes after it."""
    layout = (
        '<group display="block"><text variable="title"/></group>'
        '<group display="left-margin"><text variable="publisher"/>'
        '<text variable="publisher-place" prefix=", "/></group>'
    )
    csl = _layout_style(layout, attrs='suffix="."')
    items = [
        {"id": "a", "type": "book", "title": "Alpha", "publisher": "Delmar"}
        | {"publisher-place": "NY"}
    ]
    assert _entries(tmp_path, csl, items) == ["AlphaDelmar, NY."]


_SPENT = [
    {"id": "a", "type": "book", "title": "One", "author": [{"family": "Glare", "given": "P."}]},
    {"id": "b", "type": "book", "title": "Two", "editor": [{"family": "Glare", "given": "P."}]},
    {"id": "c", "type": "book", "title": "Three", "author": [{"family": "Glare", "given": "P."}]},
    {"id": "d", "type": "book", "title": "Four", "editor": [{"family": "Other", "given": "P."}]},
    {"id": "e", "type": "book", "title": "Five", "author": [{"family": "Glare", "given": "P."}]},
]


@pytest.mark.parametrize(
    ("substitute", "expected"),
    [
        (
            '<names variable="author"/><names variable="editor"/>',
            ["P. Glare. One", "---, editor. Two", "---. Three", "P. Other, editor. Four",
             "P. Glare. Five"],
        ),
        # the editors come after an empty cs:names of its own cs:name: neither replaced
        # nor remembered ("Three" and "Five" compare with the author before them)
        (
            '<names variable="author"/><names variable="guest"><name/></names>'
            '<names variable="editor"/>',
            ["P. Glare. One", "P. Glare, editor. Two", "---. Three", "P. Other, editor. Four",
             "---. Five"],
        ),
        (
            '<names variable="guest"><name/></names><names variable="author"/>'
            '<names variable="editor"/>',
            ["P. Glare. One", "P. Glare, editor. Two", "P. Glare. Three",
             "P. Other, editor. Four", "P. Glare. Five"],
        ),
        # one that prints (the authors) is compared as any
        (
            '<names variable="author"><name/></names><names variable="editor"/>',
            ["P. Glare. One", "P. Glare, editor. Two", "---. Three", "P. Other, editor. Four",
             "---. Five"],
        ),
    ],
)  # fmt: skip
def test_an_empty_substitute_names_of_its_own_name_spends_the_author_check(
    tmp_path: Path, substitute: str, expected: list[str]
) -> None:
    """subsequent-author-substitute: where a substitute's ``cs:names`` with a ``cs:name``
    of its own is tried and prints nothing, citeproc-js spends its check on it, so the
    names put in the author's place after it are neither replaced nor compared with the
    next entry's (modern-language-association's ``guest``)."""
    layout = (
        '<group delimiter=". "><names variable="composer"><name/><label prefix=", "/>'
        f'<substitute>{substitute}</substitute></names><text variable="title"/></group>'
    )
    csl = _layout_style(layout, 'subsequent-author-substitute="---"')
    assert _entries(tmp_path, csl, _SPENT) == expected


def test_a_leafs_own_suffix_and_a_font_prefix_of_the_same_mark_are_one(tmp_path: Path) -> None:
    """Beside each other (not a level down), a leaf's suffix and the same mark starting the
    prefix of an element in a font are one, as citeproc-js merges them; two marks stay."""
    layout = (
        '<group delimiter=" | "><group><text variable="title" suffix="."/>'
        '<text variable="container-title" font-style="italic" prefix=". "/></group>'
        '<group><text variable="title" suffix=":"/>'
        '<text variable="container-title" font-style="italic" prefix=". "/></group></group>'
    )
    items = [{"id": "c", "type": "article-journal", "title": "Alpha", "container-title": "J"}]
    assert _entries(tmp_path, _layout_style(layout), items) == ["Alpha. J | Alpha:. J"]


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        (
            '<text macro="t" font-style="italic"/><text variable="edition" prefix=". "/>',
            ["Dict.. 32", "Why?. 32"],
        ),
        (
            '<group font-style="italic"><text variable="title"/></group>'
            '<group><text variable="edition" prefix=". "/></group>',
            ["Dict.. 32", "Why?. 32"],
        ),
        # a no-op formatting attribute makes a blob too
        (
            '<text macro="t" font-weight="normal"/><text variable="edition" prefix=". "/>',
            ["Dict.. 32", "Why?. 32"],
        ),
        # a delimiter's mark merges as anywhere; a group around the blob ends it
        (
            '<group delimiter=". "><text macro="t" font-style="italic"/>'
            '<text variable="edition"/></group>',
            ["Dict. 32", "Why? 32"],
        ),
        (
            '<group><text macro="t" font-style="italic"/></group>'
            '<text variable="edition" prefix=". "/>',
            ["Dict. 32", "Why? 32"],
        ),
    ],
)
def test_a_prefix_mark_stays_after_a_group_in_a_font(
    tmp_path: Path, layout: str, expected: list[str]
) -> None:
    """A group or macro call in a font of its own that ends in text (no suffix): citeproc-js
    merges no mark of the prefix after its blob ("Dict.. 32"), as after a leaf in a font."""
    csl = _layout_style(layout, macros='<macro name="t"><text variable="title"/></macro>')
    items = [
        {"id": k, "type": "book", "title": t, "edition": "32"}
        for k, t in (("a", "Dict."), ("b", "Why?"))
    ]
    assert _entries(tmp_path, csl, items) == expected


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        (
            '<text variable="title" quotes="true"/>'
            '<text variable="container-title" font-style="italic" prefix=", "/>',
            ["“Why?”, Journal", "“Done.”, Journal"],
        ),
        (
            '<group><text variable="title" quotes="true"/></group>'
            '<group font-weight="bold" prefix=". "><text variable="container-title"/></group>',
            ["“Why?”. Journal", "“Done.”. Journal"],
        ),
        # a plain prefix's mark goes in, as a delimiter's does
        (
            '<text variable="title" quotes="true"/><text variable="container-title" prefix=", "/>',
            ["“Why?,” Journal", "“Done.,” Journal"],
        ),
    ],
)
def test_the_prefix_of_an_element_in_a_font_stays_out_of_quotes(
    tmp_path: Path, layout: str, expected: list[str]
) -> None:
    """Punctuation in quotes (en-US) moves an affix's mark after a quotation inside it, but
    not the prefix of an element in a font of its own: citeproc-js moves no mark out of
    that element's blob (maison-de-l-orient-et-de-la-mediterranee-en: “Title”, J)."""
    items = [
        {"id": k, "type": "article-journal", "title": t, "container-title": "Journal"}
        for k, t in (("a", "Why?"), ("b", "Done."))
    ]
    assert _entries(tmp_path, _layout_style(layout), items) == expected


_FIVE = [
    {
        "id": f"a{n}",
        "type": "book",
        "title": f"T{n}",
        "author": [{"family": f, "given": f"{f[0]}."} for f in ("Aa", "Bb", "Cc", "Dd", "Ee")[:n]],
    }
    for n in (2, 3, 4, 5)
]


@pytest.mark.parametrize(
    ("et_al_min", "use_first", "expected"),
    [
        # one name shown: the ellipsis after a space, not the delimiter
        (3, 1, ["A. Aa and B. Bb", "A. Aa … C. Cc", "A. Aa … D. Dd", "A. Aa … E. Ee"]),
        # use-first above et-al-min less two shows et-al-min less two
        (4, 3, ["A. Aa and B. Bb", "A. Aa, B. Bb, and C. Cc", "A. Aa, B. Bb, … D. Dd",
                "A. Aa, B. Bb, … E. Ee"]),
        # et-al-min 2: none of the first, the last name alone (citeproc-js)
        (2, 1, ["B. Bb", "C. Cc", "D. Dd", "E. Ee"]),
    ],
)  # fmt: skip
def test_et_al_use_last_after_one_name_and_after_none(
    tmp_path: Path, et_al_min: int, use_first: int, expected: list[str]
) -> None:
    """et-al-use-last as citeproc-js prints it: at most et-al-min less two first names,
    then "…" and the last; after a single name the ellipsis takes a space, not the name
    delimiter ("Ballestas, H. C. … Walton-Moss, B.")."""
    name = (
        f'<name et-al-min="{et_al_min}" et-al-use-first="{use_first}" et-al-use-last="true"'
        ' and="text"/>'
    )
    csl = _layout_style(f'<names variable="author">{name}</names>')
    assert _entries(tmp_path, csl, _FIVE) == expected


def test_a_use_last_sort_key_adds_the_last_name_to_any_shortened_list(tmp_path: Path) -> None:
    """A sort key of names-use-first 1 with et-al-use-last keys two names by both (the
    first and the last) and three by the first and the last, as citeproc-js does: "Förstl"
    sorts before "Hort", "Zed" after, whatever the years (journal-of-fish-biology)."""
    csl = _layout_style(
        '<text macro="author"/><text variable="title" prefix=" "/>',
        macros='<macro name="author"><names variable="author">'
        '<name et-al-use-last="true" name-as-sort-order="all"/></names></macro>',
        sort='<sort><key macro="author" names-min="1" names-use-first="1"/>'
        '<key variable="issued"/></sort>',
    )
    people = {"h": ["Hort"], "f": ["Förstl"], "z": ["Baum", "Zed"]}
    years = {"h": 1998, "f": 2006, "z": 1990}
    items = [
        {
            "id": k,
            "type": "book",
            "title": k.upper(),
            "author": [{"family": "Karenberg", "given": "A."}]
            + [{"family": f, "given": "I."} for f in people[k]],
            "issued": {"date-parts": [[years[k]]]},
        }
        for k in "hfz"
    ]
    assert _entries(tmp_path, csl, items) == [
        "Karenberg, A., Förstl, I. F",
        "Karenberg, A., Hort, I. H",
        "Karenberg, A., Baum, I., Zed, I. Z",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (". X", ["Dict. X", "Why? X", "Dict,. X", "Dict: X"]),
        (": X", ["Dict.: X", "Why? X", "Dict,: X", "Dict: X"]),
        ("? X", ["Dict.? X", "Why? X", "Dict,? X", "Dict? X"]),
        # a comma is not one, nor a value of marks alone
        (", X", ["Dict., X", "Why?, X", "Dict,, X", "Dict:, X"]),
        (". ", ["Dict..", "Why?.", "Dict,.", "Dict:."]),
    ],
)
def test_the_mark_a_text_value_starts_with_merges_with_the_mark_before(
    tmp_path: Path, value: str, expected: list[str]
) -> None:
    """A style's ``<text value=". (In: "/>``: citeproc-js merges its first mark with the
    mark before it as a prefix's ("o. J. (In:", padagogische-hochschule-vorarlberg)."""
    layout = f'<text variable="title"/><text value="{value}"/>'
    items = [
        {"id": k, "type": "book", "title": t}
        for k, t in zip("abcd", ["Dict.", "Why?", "Dict,", "Dict:"], strict=True)
    ]
    assert [e.rstrip() for e in _entries(tmp_path, _layout_style(layout), items)] == [
        e.rstrip() for e in expected
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # en-US: a period, question or exclamation mark goes into the quotes, ";" and ":"
        # stay out (one with the quotation's own last mark)
        (". X", ["“Dict.” X", "“Why?” X", "“Dict,.” X", "“Dict:” X"]),
        (": X", ["“Dict.”: X", "“Why?”: X", "“Dict,”: X", "“Dict:” X"]),
        ("; X", ["“Dict.”; X", "“Why?”; X", "“Dict,”; X", "“Dict:”; X"]),
    ],
)
def test_a_text_values_first_mark_after_a_quotation(
    tmp_path: Path, value: str, expected: list[str]
) -> None:
    layout = f'<text variable="title" quotes="true"/><text value="{value}"/>'
    items = [
        {"id": k, "type": "book", "title": t}
        for k, t in zip("abcd", ["Dict.", "Why?", "Dict,", "Dict:"], strict=True)
    ]
    assert _entries(tmp_path, _layout_style(layout), items) == expected


def test_names_that_show_nothing_count_as_printed(tmp_path: Path) -> None:
    """A ``cs:names`` with nothing to show still counts as printed before what follows, as
    in citeproc-js (its et al. term goes through the output queue): a term after it is not
    capitalised ("anon. Three"), and names after it are not the entry's first, so
    subsequent-author-substitute leaves them ("P. Glare anon. Two")."""
    layout = (
        '<names variable="composer"/><names variable="author"/>'
        '<text term="anonymous" form="short" prefix=" "/><text variable="title" prefix=" "/>'
    )
    glare = [{"family": "Glare", "given": "P."}]
    items = [
        {"id": "a", "type": "book", "title": "One", "author": glare},
        {"id": "b", "type": "book", "title": "Two", "author": glare},
        {"id": "c", "type": "book", "title": "Three"},
    ]
    csl = _layout_style(layout, 'subsequent-author-substitute="---"')
    assert _entries(tmp_path, csl, items) == [
        "P. Glare anon. One",
        "P. Glare anon. Two",
        "anon. Three",
    ]
    # through a substitute the names are the entry's first as before
    layout = (
        '<names variable="composer"><substitute><names variable="author"/></substitute>'
        '</names><text term="anonymous" prefix=" "/><text variable="title" prefix=" "/>'
    )
    csl = _layout_style(layout, 'subsequent-author-substitute="---"')
    assert _entries(tmp_path, csl, items) == [
        "P. Glare anonymous One",
        "--- anonymous Two",
        "anonymous Three",
    ]


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("", ["M.R. Holst and Inst", "Inst A and Inst B", "Inst A, R. Roe, and Inst B"]),
        (
            'name-as-sort-order="first"',
            ["Holst, M.R., and Inst", "Inst A and Inst B", "Inst A, R. Roe, and Inst B"],
        ),
    ],
)
def test_after_inverted_name_before_an_institution_last(
    tmp_path: Path, order: str, expected: list[str]
) -> None:
    """An institution last takes the delimiter before "and" under after-inverted-name where
    the name before it was turned by name-as-sort-order ("Holst, M.R., and Inst",
    canadian-journal-of-economics), not where it only counts as inverted as a list's first
    ("M.R. Holst and Inst", "Inst A and Inst B")."""
    name = f'<name and="text" {order} delimiter-precedes-last="after-inverted-name" initialize-with="."/>'
    csl = _layout_style(f'<names variable="author">{name}</names>')
    items = [
        {"id": "a", "type": "book", "author": [{"family": "Holst", "given": "M.R."}, {"literal": "Inst"}]},
        {"id": "c", "type": "book", "author": [{"literal": "Inst A"}, {"literal": "Inst B"}]},
        {
            "id": "d",
            "type": "book",
            "author": [{"literal": "Inst A"}, {"family": "Roe", "given": "R."}, {"literal": "Inst B"}],
        },
    ]  # fmt: skip
    assert _entries(tmp_path, csl, items) == expected


def test_et_al_use_first_zero_takes_the_names_disambiguation_saw(tmp_path: Path) -> None:
    """A ``cs:name`` of et-al-use-first="0" prints no names, except where disambiguation,
    which reads every cite as a subsequent one, saw some: with et-al-subsequent-min 3 and
    -use-first 1 on the citation, two names print and three print as one et al., as
    citeproc-js does (turkiye-bilimsel-ve-teknolojik-arastirma-kurumu)."""
    layout = '<names variable="author"><name form="short" and="text" et-al-min="2" et-al-use-first="0"/></names>'
    style = tmp_path / "style.csl"
    items = _FIVE[:2]
    for citation, expected in (
        ("", ["[CSL STYLE ERROR: reference with no printed form.]"] * 2),
        (
            'et-al-min="6" et-al-use-first="1" et-al-subsequent-min="3" et-al-subsequent-use-first="1"',
            ["Aa and Bb", "Aa et al."],
        ),
    ):
        csl = _layout_style('<text variable="title"/>').replace(
            '<citation><layout><text variable="title"/>', f"<citation {citation}><layout>{layout}"
        )
        style.write_text(csl, encoding="utf-8")
        texts = [citelib.cite(items, [i["id"]], style=style).text for i in items]
        assert texts == expected


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (
            '<date variable="issued" delimiter="."><date-part name="day" form="numeric"/>'
            '<date-part name="month" form="numeric"/><date-part name="year"/></date>',
            ["Doe 14.6.2019.a", "Doe 31.8.2019.b"],
        ),
        (
            '<date variable="issued" delimiter=", "><date-part name="year"/>'
            '<date-part name="month" form="numeric"/></date>',
            ["Doe 2019,a, 6", "Doe 2019,b, 8"],
        ),
        (
            '<date variable="issued" delimiter=", "><date-part name="year" suffix="."/>'
            '<date-part name="month" form="numeric"/></date>',
            ["Doe 2019.,a., 6", "Doe 2019.,b., 8"],
        ),
        # a delimiter that starts with no mark adds nothing
        (
            '<date variable="issued" delimiter="-"><date-part name="year"/>'
            '<date-part name="month" form="numeric"/></date>',
            ["Doe 2019a-6", "Doe 2019b-8"],
        ),
    ],
)
def test_a_year_suffix_follows_the_mark_a_date_delimiter_starts_with(
    tmp_path: Path, date: str, expected: list[str]
) -> None:
    """citeproc-js adds a date delimiter's leading mark to the suffix of every part but the
    last, and the year suffix is a part after the year: "14.6.2019.a" (comparative-
    population-studies), not "14.6.2019a"."""
    csl = (
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
        "<info><title>p</title><id>p</id><updated>2026-01-01T00:00:00+00:00</updated></info>"
        '<citation disambiguate-add-year-suffix="true"><layout><names variable="author">'
        '<name form="short"/></names><date variable="issued" form="numeric" date-parts="year"'
        ' prefix=" "/></layout></citation><bibliography><layout><names variable="author">'
        f'<name form="short"/></names><group prefix=" ">{date}</group></layout></bibliography>'
        "</style>"
    )
    doe = [{"family": "Doe", "given": "J."}]
    items = [
        {"id": "a", "type": "book", "title": "A", "author": doe, "issued": {"date-parts": [[2019, 6, 14]]}},
        {"id": "b", "type": "book", "title": "B", "author": doe, "issued": {"date-parts": [[2019, 8, 31]]}},
    ]  # fmt: skip
    assert _entries(tmp_path, csl, items) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ('<number variable="volume" form="roman"/>', ["VI‑VII", "vi‑vii", "vi‑vii", "vi"]),
        ('<number variable="volume" form="ordinal"/>', ["VI‑VII", "6ᵉ‑7ᵉ", "vi‑vii", "6ᵉ"]),
        ('<number variable="volume"/>', ["VI‑VII", "6‑7", "vi‑vii", "6"]),
    ],
)
def test_a_formatted_number_range_takes_the_locales_range_delimiter(
    tmp_path: Path, number: str, expected: list[str]
) -> None:
    """``cs:number`` in any form joins a range with the locale's page-range-delimiter (a
    non-breaking hyphen in French), roman numerals as written too (etudes-francaises)."""
    csl = _layout_style(number).replace(
        'version="1.0">', 'version="1.0" default-locale="fr-FR">', 1
    )
    items = [
        {"id": k, "type": "article-journal", "title": "T", "volume": v}
        for k, v in zip("abcd", ["VI-VII", "6-7", "vi-vii", "6"], strict=True)
    ]
    assert _entries(tmp_path, csl, items) == expected


def test_the_era_follows_the_years_affixes(tmp_path: Path) -> None:
    """citeproc-js appends "BC" and "AD" after the year date-part's affixes ("[349] BC",
    ausonius-editions), inside the date's own ("[349 BC]")."""
    csl = _layout_style(
        '<group delimiter=" | "><date variable="issued"><date-part name="year" prefix="["'
        ' suffix="]"/></date><date variable="issued" prefix="[" suffix="]">'
        '<date-part name="year"/></date></group>'
    )
    items = [
        {"id": "a", "type": "book", "title": "P", "issued": {"date-parts": [[-349]]}},
        {"id": "b", "type": "book", "title": "X", "issued": {"date-parts": [[50]]}},
    ]
    assert _entries(tmp_path, csl, items) == ["[349] BC | [349 BC]", "[50] AD | [50 AD]"]


@pytest.mark.parametrize(
    ("attrs", "expected"),
    [
        ('initialize-with=" " initialize-with-hyphen="false"', ["Chiang, K shek", "Chiang, K S", "Doe, J paul M"]),
        ('initialize-with=" "', ["Chiang, K", "Chiang, K-S", "Doe, J M"]),
    ],
)  # fmt: skip
def test_without_hyphens_a_lowercase_part_of_a_given_name_is_kept(
    tmp_path: Path, attrs: str, expected: list[str]
) -> None:
    """initialize-with-hyphen="false": citeproc-js reads a hyphen as a space, so a lowercase
    part is a word of its own, kept whole ("K shek", chinese-gb7714-2005-numeric); with
    hyphens it has no initial ("K")."""
    csl = _layout_style(
        f'<names variable="author"><name name-as-sort-order="all" {attrs}/></names>'
    )
    items = [
        {"id": k, "type": "book", "title": "T", "author": [{"family": f, "given": g}]}
        for k, f, g in (("a", "Chiang", "Kai-shek"), ("b", "Chiang", "Kai-Shek"), ("c", "Doe", "Jean-paul Marie"))
    ]  # fmt: skip
    assert _entries(tmp_path, csl, items) == expected


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        # a quotation the field ends in takes the text's suffix; a delimiter's mark stays
        # out after it, and goes in where there is no suffix
        (
            '<group delimiter=", "><text variable="title" suffix="."/><text variable="container-title"/></group>',
            ["The secret of “China’s Destiny.”, Book", "The secret of China., Book"],
        ),
        (
            '<group delimiter=", "><text variable="title"/><text variable="container-title"/></group>',
            ["The secret of “China’s Destiny,” Book", "The secret of China, Book"],
        ),
        # a style's quotes take both, the text's suffix first
        (
            '<group delimiter=", "><text variable="title" quotes="true" suffix="."/><text variable="container-title"/></group>',
            ["“The secret of ‘China’s Destiny.,’” Book", "“The secret of China.,” Book"],
        ),
    ],
)  # fmt: skip
def test_a_delimiter_after_a_quoted_texts_suffix(
    tmp_path: Path, layout: str, expected: list[str]
) -> None:
    """Punctuation in quotes (en-US) after a text's suffix and a delimiter, as citeproc-js
    moves them (bristol-university-press, critical-reviews-in-solid-state-and-materials-
    sciences)."""
    items = [
        {"id": k, "type": "chapter", "title": t, "container-title": "Book"}
        for k, t in (("a", "The secret of “China’s Destiny”"), ("b", "The secret of China"))
    ]
    assert _entries(tmp_path, _layout_style(layout), items) == expected


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        ('<group><text variable="URL" suffix="."/></group><group font-style="normal"><text value="C" prefix=". "/></group>', "http://x.org/a/.. C"),
        ('<group><text variable="URL" suffix="."/></group><group><group font-style="italic"><text value="C" prefix=". "/></group></group>', "http://x.org/a/.. C"),
        ('<group><text variable="URL" suffix="."/></group><text macro="m" font-style="normal"/>', "http://x.org/a/.. C"),
        # a plain group's: the prefix mark merges
        ('<group><text variable="URL" suffix="."/></group><group><text value="C" prefix=". "/></group>', "http://x.org/a/. C"),
    ],
)  # fmt: skip
def test_a_prefix_inside_a_group_in_a_font_merges_with_nothing_before(
    tmp_path: Path, layout: str, expected: str
) -> None:
    """A group or macro call in a font of its own (a no-op one too) that starts with a
    child's prefix keeps it inside its blob, where citeproc-js merges no mark before the
    blob into it, however the blob is wrapped (ecole-pratique-des-hautes-etudes: "/.. Consulté")."""
    csl = _layout_style(layout, macros='<macro name="m"><text value="C" prefix=". "/></macro>')
    items = [{"id": "a", "type": "webpage", "title": "T", "URL": "http://x.org/a/"}]
    assert _entries(tmp_path, csl, items) == [expected]


@pytest.mark.parametrize(
    ("call", "locale", "expected"),
    [
        ('<text macro="t" quotes="false"/>', "en-US", "“Goes “old school” now”"),
        ('<text macro="t" quotes="false"/>', "fr-FR", "«\u00a0Goes «\u00a0old school\u00a0» now\u00a0»"),
        ('<text macro="t"/>', "en-US", "“Goes ‘old school’ now”"),
        ('<text macro="t" quotes="true"/>', "en-US", "““Goes ‘old school’ now””"),
    ],
)  # fmt: skip
def test_a_quotes_false_call_prints_the_fields_quotes_outer(
    tmp_path: Path, call: str, locale: str, expected: str
) -> None:
    """A macro call with quotes="false" around a quoted title: citeproc-js reads the
    field's own quotes from the call's state, outer ones, whatever quotes the title has
    (institut-francais-darcheologie-orientale, journal-of-universal-computer-science)."""
    csl = _layout_style(
        call, macros='<macro name="t"><text variable="title" quotes="true"/></macro>'
    ).replace('version="1.0">', f'version="1.0" default-locale="{locale}">', 1)
    items = [{"id": "a", "type": "book", "title": 'Goes "old school" now'}]
    assert _entries(tmp_path, csl, items) == [expected]


_THREE_AND_FOUR = [
    {
        "id": k,
        "type": "book",
        "title": k,
        "author": [{"family": f, "given": g} for f, g in people],
    }
    for k, people in (
        ("a", [("Gobée", "O. Paul"), ("Jansma", "Daniël"), ("DeRuiter", "Marco C.")]),
        ("b", [("Aa", "Bb"), ("Cc", "Dd"), ("Ee", "Ff"), ("Gg", "Hh")]),
    )
]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ('<name><name-part name="family" suffix=","/></name>', ["O. Paul Gobée, Daniël Jansma,, Marco C. DeRuiter,", "Bb Aa, Dd Cc, Ff Ee,, Hh Gg,"]),
        ('<name delimiter-precedes-last="always" name-as-sort-order="first" sort-separator=" "><name-part name="family" suffix=","/></name>', ["Gobée, O. Paul, Daniël Jansma,, Marco C. DeRuiter,", "Aa, Bb, Dd Cc, Ff Ee,, Hh Gg,"]),
        ('<name name-as-sort-order="all"><name-part name="given" suffix=","/></name>', ["Gobée, O. Paul, Jansma, Daniël,, DeRuiter, Marco C.,", "Aa, Bb, Cc, Dd, Ee, Ff,, Gg, Hh,"]),
        ('<name initialize-with="." name-as-sort-order="all" delimiter="., "/>', ["Gobée, O.P., Jansma, D.., DeRuiter, M.C.", "Aa, B., Cc, D., Ee, F.., Gg, H."]),
        # with an "and" the delimiter before it merges as any other
        ('<name and="text" delimiter-precedes-last="always"><name-part name="family" suffix=","/></name>', ["O. Paul Gobée, Daniël Jansma, and Marco C. DeRuiter,", "Bb Aa, Dd Cc, Ff Ee, and Hh Gg,"]),
    ],
)  # fmt: skip
def test_without_and_the_last_delimiter_merges_with_no_mark_before_it(
    tmp_path: Path, name: str, expected: list[str]
) -> None:
    """A name list without "and": citeproc-js joins the last name with the delimiter in
    the "and"'s place, and no mark the name before it ends in merges with it ("Jansma,,
    DeRuiter"), where the other delimiters merge ("Cc, Ee": izmir-katip-celebi 505 -> 530
    of 536)."""
    csl = _layout_style(f'<names variable="author">{name}</names>')
    assert _entries(tmp_path, csl, _THREE_AND_FOUR) == expected


_THREE_EDITORS = [
    {
        "id": "a",
        "type": "book",
        "title": "T",
        "editor": [{"family": f, "given": g} for f, g in (("Aa", "B"), ("Cc", "D"), ("Ee", "F"))],
    }
]


@pytest.mark.parametrize(
    ("bibliography", "outer", "own", "expected"),
    [
        # the section's et al. comes before the substitute's own
        ('et-al-min="4" et-al-use-first="1"', "<name/>", 'et-al-min="2" et-al-use-first="1"', "B Aa, D Cc, F Ee"),
        ('et-al-min="4" et-al-use-first="1"', "<name/>", 'et-al-min="3" et-al-use-first="1"', "B Aa, D Cc, F Ee"),
        # nothing inherited: the substitute's own
        ("", "<name/>", 'et-al-min="2" et-al-use-first="1"', "B Aa et al."),
        # the outer cs:name's own before both
        ('et-al-min="4" et-al-use-first="1"', '<name et-al-min="2" et-al-use-first="2"/>', 'et-al-min="3" et-al-use-first="1"', "B Aa, D Cc, et al."),
    ],
)  # fmt: skip
def test_a_substitutes_own_et_al_comes_after_the_inherited_one(
    tmp_path: Path, bibliography: str, outer: str, own: str, expected: str
) -> None:
    """Names standing in for the author take et-al-min and et-al-use-first from the
    cs:name they stand in for, else from the section or the style, and only then from
    their own cs:name, as citeproc-js builds them (chicago-author-date-basque: all three
    editors where the list's et-al-min is 4 and the editor macro's 3)."""
    csl = _layout_style(
        f'<names variable="author">{outer}<substitute><names variable="editor">'
        f"<name {own}/></names></substitute></names>",
        bibliography,
    )
    assert _entries(tmp_path, csl, _THREE_EDITORS) == [expected]


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        # in a group of its own: the delimiter's period goes in, past the field's suffix
        ('<group delimiter=". " suffix="."><group><text variable="original-title" prefix="[" suffix="]" quotes="true"/></group><text variable="container-title"/></group>', "[“Activation Cerebral.”] Guia."),
        ('<group delimiter=". " suffix="."><group><text variable="title"/><text variable="original-title" prefix=" [" suffix="]" quotes="true"/></group><text variable="container-title"/></group>', "Terapia [“Activation Cerebral.”] Guia."),
        ('<group delimiter=". " suffix="."><group><group><text variable="original-title" prefix="[" suffix="]" quotes="true"/></group></group><text variable="container-title"/></group>', "[“Activation Cerebral.”] Guia."),
        ('<group><group suffix=". "><group><text variable="original-title" prefix="[" suffix="]" quotes="true"/></group></group><text variable="container-title"/></group>', "[“Activation Cerebral.”] Guia"),
        # delimited directly: the suffix stays between
        ('<group delimiter=". " suffix="."><text variable="original-title" prefix="[" suffix="]" quotes="true"/><text variable="container-title"/></group>', "[“Activation Cerebral”]. Guia."),
    ],
)  # fmt: skip
def test_a_mark_after_a_nested_quoted_fields_suffix_goes_into_the_quote(
    tmp_path: Path, layout: str, expected: str
) -> None:
    """Punctuation in quote (en-US): a period or comma after a quoted field's suffix that
    holds no mark goes into the quote, the suffix after it, where a group wraps the field
    (biens-symboliques-symbolic-goods: “Activation Cerebral.”]), as citeproc-js moves it."""
    items = [
        {
            "id": "a",
            "type": "chapter",
            "title": "Terapia",
            "original-title": "Activation Cerebral",
            "container-title": "Guia",
        }
    ]
    assert _entries(tmp_path, _layout_style(layout), items) == [expected]
