"""Numbers, page ranges and labels: ``cs:number``, ``cs:label`` and the helpers under them.

Page ranges take the locale's ``page-range-delimiter`` and the style's
``page-range-format`` (expanded, minimal, minimal-two, chicago-15/16); a number
is rendered numeric, ordinal, long-ordinal or roman; a label's plural follows the
value (``pp.`` for ``12-15``), and a CSL-M term that carries its number
(``第%s卷``) prints nothing itself: the number it labels is rendered inside it instead.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from .._regex import LazyPattern
from .context import Ctx
from .locale import Locale
from .nodes import (
    CITEPROC_JS_NUMERIC,
    NUMBER_JOINERS,
    Node,
    is_numeric,
    register,
    register_number_variables,
    unescape,
)
from .rich import EMPTY, LEAF_SUFFIX, NUMBER_BLOB, OWN_SUFFIX, Rich, parse_markup
from .xmltree import Element

if TYPE_CHECKING:
    from collections.abc import Callable

    from .style import Style

__all__ = [
    "Label",
    "Number",
    "NUMBER_VARIABLES",
    "format_number",
    "NumberInfo",
    "number_info",
    "number_text",
    "number_variable_text",
    "page_mangle",
    "is_plural_value",
    "page_range",
    "roman",
]

# A range's ends: letters then digits.  A match never starts after a letter, nor between two
# digits, where a match starting one character earlier would have been tried already: the
# result is the same, and a long run of letters or digits is scanned once, not once per
# character (100,000 letters took 105 s).
_RANGE_RE = LazyPattern(
    r"(?<![A-Za-z])(?:(?<!\d)|(?=[A-Za-z]))([A-Za-z]*\d+)\s*[-–—]+\s*([A-Za-z]*\d+)"
)


def page_range(value: str, locale: Locale, page_format: str | None) -> str:
    """Every range in *value* with the locale's delimiter, its end in *page_format*."""
    delim = locale.term("page-range-delimiter") or "–"

    def fix(m: re.Match[str]) -> str:
        first, last = m.group(1), m.group(2)
        as_written = first + delim + last
        if not page_format:
            return as_written  # CSL 1.0.2: no page-range-format, no reformatting
        pa, na = _split_prefix(first)
        pb, nb = _split_prefix(last)
        # a start prefix after digits (123N110) has digits too: never the end's
        foreign = bool(pa) and m.start() > 0 and value[m.start() - 1].isdigit()
        if foreign or (pb and pb != pa):
            return as_written  # N110–M5: two different prefixes
        full = range_end(na, nb, "expanded")
        if _magnitude(full) <= _magnitude(na):
            return as_written  # 22–22, 98–7 read as 98–97: not a range to reformat
        end = range_end(na, nb, page_format)
        # citeproc-js repeats the prefix only on an expanded end (N110–N115, n11564–8)
        return first + delim + (pa + end if pa and page_format == "expanded" else end)

    return _RANGE_RE.sub(fix, value)


def _split_prefix(text: str) -> tuple[str, str]:
    """``N110`` → (``N``, ``110``)."""
    i = len(text.rstrip("0123456789"))
    return text[:i], text[i:]


def _magnitude(digits: str) -> tuple[int, str]:
    """A key that orders digit strings by value, without converting a long run to int."""
    digits = digits.lstrip("0")
    return len(digits), digits


def range_end(first: str, last: str, page_format: str | None) -> str:
    """The end of the range *first*–*last* as *page_format* writes it (``321–28`` minimal)."""
    if not page_format or page_format == "expanded":
        if first.isdigit() and last.isdigit() and len(last) < len(first):
            return first[: len(first) - len(last)] + last
        return last
    if not (first.isdigit() and last.isdigit()):
        return last
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    common = 0
    for a, b in zip(first, last, strict=False):
        if a != b:
            break
        common += 1
    if len(first) != len(last):
        return last
    if page_format == "minimal":
        return last[common:] or last[-1:]
    if page_format == "minimal-two":
        keep = max(len(last) - common, 2)
        return last[-keep:] if len(last) >= 2 else last
    if page_format in ("chicago", "chicago-15", "chicago-16"):
        n = int(first)
        if n < 100 or n % 100 == 0:
            return last
        if n % 100 < 10:
            return last[common:] or last[-1:]
        keep = max(len(last) - common, 2)
        if page_format != "chicago-16" and len(first) == 4 and len(last) - common >= 3:
            return last
        return last[-keep:]
    return last


# ---------------------------------------------------------------------------------------------
# Number variables printed by cs:text, split into values as citeproc-js splits them

#: The variables citeproc-js reads as lists of numbers wherever they are printed.
NUMBER_VARIABLES = frozenset(
    {
        "page",
        "chapter-number",
        "collection-number",
        "edition",
        "issue",
        "number",
        "number-of-pages",
        "number-of-volumes",
        "volume",
        "locator",
    }
)
#: Joiners between the values of one variable: ``&``, ``and``, ``;``, ``,`` and hyphens.
_JOINER = r"\s*&\s*|,\s+and\s+|\s+and\s+|;\s+|,\s+|\s*[-–]+\s*"
_JOINERS: dict[str | None, re.Pattern[str]] = {}


def _joiners(and_term: str | None) -> re.Pattern[str]:
    """The joiners, with the locale's word for "and" (``et``) where it is not English."""
    pattern = _JOINERS.get(and_term)
    if pattern is None:
        joiner = _JOINER
        if and_term and and_term != "and":
            word = re.escape(and_term)
            joiner = rf",\s+{word}\s+|\s+{word}\s+|{joiner}"
        pattern = _JOINERS[and_term] = re.compile(f"({joiner})")
    return pattern


#: What citeproc-js would read as a label inside a value (``fig. 3``, ``suppl 2``).
_LABEL_LIKE = LazyPattern(
    r"(?:^| )(?:[a-z]{1,4}|subpara|subch|amend|bibliog|annot|illus|princ|intro|sched|subdiv"
    r"|subsec)(?:\.| )"
)
_PARTICLE = LazyPattern(r"([0-9]*[a-zA-Z]+0*)?([0-9]+(?:[a-zA-Z]*|[-,a-zA-Z]+))")
#: a label inside a value as citeproc-js finds one (a word of one to four lower-case
#: letters, or one of a few longer ones, then a period or a space)
_LABEL_IN_VALUE = LazyPattern(
    r"(?:^| )(?:[a-z]|[a-z][a-z]|[a-z][a-z][a-z]|[a-z][a-z][a-z][a-z]|subpara|subch|amend"
    r"|bibliog|annot|illus|princ|intro|sched|subdiv|subsec)(?:\.| ) *"
)
_NUMBER_LIKE = LazyPattern(r"[0-9]+[-;,:a-zA-Z]*")
#: citeproc-js's labels and the locator terms they stand for (CSL.STATUTE_SUBDIV_STRINGS;
#: its "series," is no term, so "ser." never labels)
_SUBDIV_LABELS = {
    "vrs.": "verse", "sv.": "sub-verbo", "subpara.": "subparagraph", "op.": "opus",
    "subch.": "subchapter", "add.": "addendum", "amend.": "amendment",
    "annot.": "annotation", "app.": "appendix", "art.": "article",
    "bibliog.": "bibliography", "bk.": "book", "ch.": "chapter", "cl.": "clause",
    "col.": "column", "cmt.": "comment", "dec.": "decision", "dept.": "department",
    "ex.": "example", "fig.": "figure", "fld.": "field", "fol.": "folio", "n.": "note",
    "hypo.": "hypothetical", "illus.": "illustration", "intro.": "introduction",
    "l.": "line", "no.": "issue", "p.": "page", "pp.": "page", "para.": "paragraph",
    "pt.": "part", "pmbl.": "preamble", "princ.": "principle", "pub.": "publication",
    "r.": "rule", "rn.": "randnummer", "sched.": "schedule", "sec.": "section",
    "ser.": "series,", "subdiv.": "subdivision", "subsec.": "subsection",
    "supp.": "supplement", "tbl.": "table", "tit.": "title", "vol.": "volume",
}  # fmt: skip
#: the label each term implies (CSL.STATUTE_SUBDIV_STRINGS_REVERSE: "pp." is not one)
_LABEL_OF_TERM = {term: label for label, term in _SUBDIV_LABELS.items() if label != "pp."}
_LABEL_OF_TERM["sub verbo"] = "sv."
_FRACTIONS = LazyPattern(r"[0-9]+(?:/[0-9]+)+")
# a number with subsections, after the labels citeproc-js allows before it ("p. 12a")
_SUBSECTION_HEAD = LazyPattern(r"(?:[a-z]{1,4}\.  *)*[0-9]+[,a-zA-Z]+")
_SUBSECTION_TAIL = LazyPattern(r"[,a-zA-Z]+")
_NUMERIC_MASTER = LazyPattern(r"(?:[0-9]+|[ixv]+)(?:[-,:a-zA-Z]*|-[-0-9]+)")
_LEADING_INT = LazyPattern(r"\s*[-+]?\d+")
_ROMAN_ONLY = LazyPattern(r"[ivxlcmIVXLCM]+")
_DIGITS_OR_ROMAN = LazyPattern(r"[0-9]+|[ivxlcmIVXLCM]+")
_HYPHEN_SPACED = LazyPattern(r"\s*-\s*")
_HYPHEN_SPACES = LazyPattern(r"\s+-\s+")
_UNESCAPED_HYPHEN = LazyPattern(r"(?<=[^\\])-")
_AND = LazyPattern(r",?\s+and\s+")
_NOT_DIGIT = LazyPattern(r"\D")
_MANGLED = LazyPattern(
    r"((?:[0-9]*[a-zA-Z]+0*))?([0-9]+[a-z]*)(\s*[^0-9]+\s*)([-,a-zA-Z]?0*)([0-9]+[a-z]*)"
)
_PAGE_SPAN = r"(?:[0-9]*[a-zA-Z]+0*)?[0-9]+[a-z]*"
# a token starts at the head of a run of digits (a long run is scanned once, not once per digit)
_PAGE_RANGE_TOKEN = LazyPattern(rf"(?<![0-9])({_PAGE_SPAN}\s+-\s+{_PAGE_SPAN})")
_PAGE_RANGE_PARTS = LazyPattern(
    r"(?<![0-9])([0-9]*[a-zA-Z]+0*)?([0-9]+[a-z]*)\s*[-–]\s*([0-9]*[a-zA-Z]+0*)?([0-9]+[a-z]*)"
)


def _int_prefix(text: str) -> int | None:
    """JavaScript's ``parseInt``: the leading integer of *text*, None where there is none."""
    if _is_digits(text):
        return int(text[:18])  # (most: a number alone)
    m = _LEADING_INT.match(text)
    # at most 18 digits: a number that long is never a page, and int() of a 200,000-digit
    # string is slow (and refused past 4,300 digits)
    return int(m.group(0)[:18]) if m else None


class _Value:
    __slots__ = ("particle", "value", "joiner")

    def __init__(self, text: str, joiner: str) -> None:
        m = _PARTICLE.fullmatch(text)
        self.particle, self.value = (m.group(1) or "", m.group(2)) if m else ("", text)
        self.joiner = _HYPHEN_SPACED.sub("-", joiner, count=1)

    @classmethod
    def digits(cls, text: str, joiner: str) -> _Value:
        """A value of ASCII digits and a joiner of none or one hyphen, as ``__init__`` reads it."""
        value = cls.__new__(cls)
        value.particle, value.value, value.joiner = "", text, joiner
        return value

    def text(self) -> str:
        return self.particle + self.value + self.joiner


def _split_values(value: str, variable: str, locale: Locale) -> list[_Value] | None:
    """*value* split into numbers and joiners as citeproc-js splits it; None for a value with a
    label in it or an escaped hyphen."""
    text = value.strip()
    if variable == "page":
        text = text.replace("–", "-")
    first, hyphen, last = text.partition("-")
    if hyphen and _is_digits(first) and _is_digits(last):
        # a range of two numbers (most pages): what the split below makes of it
        return [_Value.digits(first, "-"), _Value.digits(last, "")]
    return _split_labelled(text, locale)


def _split_labelled(text: str, locale: Locale) -> list[_Value] | None:
    """:func:`_split_values` of a stripped *text* in general."""
    if "\\" in text or _LABEL_LIKE.search(text):
        return None
    parts = _joiners(locale.term("and")).split(text)
    _join_subsections(parts)
    and_term = locale.term("and", "symbol") or "&"
    values: list[_Value] = []
    for i in range(0, len(parts), 2):
        joiner = parts[i + 1] if i + 1 < len(parts) else ""
        if joiner.strip() == "&":
            piece = parts[i]
            joiner = and_term if re.match(r"[a-zA-Z].*[a-zA-Z]$", piece) else f" {and_term} "
        values.append(_Value(parts[i].strip(), joiner))
    return values


def _join_subsections(parts: list[str]) -> None:
    """*parts* (values and the joiners between them) with a number and its subsections one
    value (``12a-c``, ``p. 12a-c``), as citeproc-js's fixupSubsections joins them: only
    across a bare hyphen (``12a - c`` stays two values)."""
    for i in range(len(parts) - 2, 0, -2):
        if (
            parts[i] == "-"
            and _SUBSECTION_HEAD.fullmatch(parts[i - 1])
            and _SUBSECTION_TAIL.fullmatch(parts[i + 1])
        ):
            parts[i - 1 : i + 2] = ["".join(parts[i - 1 : i + 2])]


class NumberInfo(NamedTuple):
    """What citeproc-js's processNumber makes of a number variable's value for its tests
    and its label: ``is-numeric``, a plural label, and the term a label written in the
    value names (``page`` for ``pp. 12-15``), if any."""

    numeric: bool
    plural: bool
    label: str | None


def number_info(
    value: str, variable: str, locale: Locale, locator_label: str | None = None
) -> NumberInfo | None:
    """*value* of the number variable *variable* as citeproc-js reads it for ``is-numeric``
    and ``cs:label``: its values (:func:`_number_values`), the first run of them under one
    label deciding.  Numeric where the first is a number (``viii, 342 p.``, not
    ``342 p.``); plural where that run holds several and the first starts with a digit or
    is a roman numeral (``number-of-`` variables also from a leading number above one);
    ``2/3`` is one numeric value.  None for a value with an escaped hyphen."""
    values = _number_values(value, variable, locale, locator_label)
    if values is None:
        return None
    if not values:
        return NumberInfo(False, False, None)
    label, master = values[0]
    count = 1
    while count < len(values) and values[count][0] == label:
        count += 1
    numeric = _is_digits(master) or bool(master) and bool(_NUMERIC_MASTER.fullmatch(master))
    plural = (
        numeric
        and count > 1
        and (_int_prefix(master) is not None or bool(_ROMAN_ONLY.fullmatch(master)))
    )
    if numeric and variable.startswith("number-of-"):
        plural = plural or (_int_prefix(value) or 0) > 1
    if len(values) == 1 and "/" in master and _FRACTIONS.fullmatch(master):
        numeric, plural = True, False  # 2/3: numeric, one number
    term = _SUBDIV_LABELS.get(label) if label else None
    if variable == "number" and term == "issue" and locale.term("number"):
        term = "number"
    return NumberInfo(numeric, plural, term)


def _number_values(
    value: str, variable: str, locale: Locale, locator_label: str | None
) -> list[tuple[str, str]] | None:
    """*value* split as citeproc-js's processNumber splits it: (label, number) pairs.

    The label the variable implies goes in front (``p.`` for a page or a locator, ``vol.``
    for a volume, ``no.`` for an issue), the value splits at joiners, then at labels (a
    word of one to four lower-case letters and a period or a space) within each piece; a
    label not between two numbers goes back into the text (``342 p.``), as does a leading
    one that is no label of this variable (``ch. 3`` in an edition).  A number keeps its
    digits without a letter prefix (``A12``: ``12``).  None for an escaped hyphen."""
    text = value.strip()
    if text and text.split(" ", 1)[0] not in _SUBDIV_LABELS:
        if variable in ("locator", "locator-extra"):
            embedded = _LABEL_OF_TERM.get(locator_label) if locator_label else "p."
        elif variable in ("page", "page-first"):
            embedded = "p."
        else:
            embedded = _LABEL_OF_TERM.get(variable)
        if embedded:
            text = f"{embedded} {text}"
        elif _is_digits(text):
            # a number alone, no label implied (an edition): what the split below makes of it
            return [(_LABEL_OF_TERM.get(variable, "").strip(), text)]
    if variable in ("page", "page-first"):
        text = text.replace("\u2013", "-")
    if "\\-" in text:
        return None
    elems = _joiners(locale.term("and")).split(text)
    _join_subsections(elems)
    page_like = variable in ("locator", "number", "locator-extra", "page", "page-first")
    label = _LABEL_OF_TERM.get(variable, "")
    found: list[tuple[str, str]] = []
    for i in range(0, len(elems), 2):
        elem = elems[i]
        labels = [m.group(0) for m in _LABEL_IN_VALUE.finditer(elem)]
        if not labels:
            found.append((label, elem))
            continue
        pieces = _LABEL_IN_VALUE.split(elem)
        # a label between two numbers stays one; any other goes back into the text
        for j in range(len(pieces) - 1, 0, -1):
            if pieces[j - 1] and not (
                _NUMBER_LIKE.fullmatch(pieces[j]) and _NUMBER_LIKE.fullmatch(pieces[j - 1])
            ):
                pieces[j - 1] += labels[j - 1] + pieces[j]
                del pieces[j], labels[j - 1]
        if labels and i == 0:
            slug = labels[0].strip()
            term = _SUBDIV_LABELS.get(slug)
            if (
                term is None
                or not locale.term(term)
                or (not page_like and term != variable.replace("page-first", "page"))
            ):
                # a leading word that is no label of this variable: text again
                labels = labels[1:]
                pieces[0:2] = [f"{pieces[0]} {slug} {pieces[1]}"]
        for j, piece in enumerate(pieces):
            if piece or j == len(pieces) - 1:
                if j:
                    label = labels[j - 1]
                found.append((label, piece.strip()))
    out = []
    for name, number in found:
        particle = _PARTICLE.fullmatch(number)
        out.append((name.strip(), particle.group(2) if particle else number))
    return out


def number_text(
    value: str,
    variable: str,
    locale: Locale,
    page_format: str | None,
    page_label: bool = True,
    page_locale: Locale | None = None,
) -> str | None:
    """*value* of the number variable *variable* as citeproc-js prints it with ``cs:text``: split
    into numbers at hyphens, commas, ``&`` and ``and``, each range joined by the locale's
    ``page-range-delimiter`` where its ends are numbers of one kind (``12-15``, ``xii-xv``,
    ``e123-e130``), pages reformatted by *page_format*, anything else left as written
    (``序2-3``, ``A3-4``, ``1.1-1.36``).  A page range reformatted takes the delimiter of
    *page_locale* (citeproc-js fixes it when it reads the style: the style's default locale,
    whatever the layout's), any other range that of *locale*.  None for a value with a label
    in it or an escaped hyphen, which the caller prints its own way."""
    key = (value, variable, locale, page_format, page_label, page_locale)
    try:
        return _NUMBER_TEXTS[key]
    except KeyError:
        pass
    if len(_NUMBER_TEXTS) >= 8192:
        _NUMBER_TEXTS.clear()
    text = _NUMBER_TEXTS[key] = _number_text(
        value, variable, locale, page_format, page_label, page_locale
    )
    return text


#: :func:`number_text`'s results: volumes, issues and pages come again (in a list, and in
#: each rendering of an entry: sort keys, disambiguation, the entry)
_NUMBER_TEXTS: dict[tuple[str, str, Locale, str | None, bool, Locale | None], str | None] = {}


def _number_text(
    value: str,
    variable: str,
    locale: Locale,
    page_format: str | None,
    page_label: bool,
    page_locale: Locale | None,
) -> str | None:
    if _is_digits(value):
        return value  # one number (most volumes and issues): itself, as below
    values = _split_values(value, variable, locale)
    if values is None:
        return None
    if len(values) == 1:
        return values[0].text()
    master = values[0].value
    numeric = _is_digits(master) or bool(master) and bool(_NUMERIC_MASTER.fullmatch(master))
    collapsible = _int_prefix(master) is not None or bool(_ROMAN_ONLY.fullmatch(master))
    delim = locale.term("page-range-delimiter") or "–"
    page_delim = (page_locale or locale).term("page-range-delimiter") or "–"
    is_page = variable == "page" or (variable == "locator" and page_label)

    def fixup(joiner: str, numbers: bool = numeric) -> str:
        if joiner != "-" or not numbers:
            return joiner
        if variable == "collection-number":
            return locale.term("year-range-delimiter") or "–"
        return delim

    def mangle(i: int) -> None:
        first, last = values[i - 1], values[i]
        if first.joiner != "-":
            return
        a, b = _int_prefix(first.value), _int_prefix(last.value)
        if not page_format and a is not None and b is not None and a > b:
            first.joiner = fixup(first.joiner, True)  # a descending pair: a range all the same
            return
        if is_page and a is not None and b is not None:
            if not (first.particle or last.particle) and _is_digits(first.value + last.value):
                joined = digit_range(first.value, last.value, page_delim, page_format)
                if _mangled_digits(first, last, joined, page_delim, fixup):
                    return
            else:
                joined = page_mangle(
                    f"{first.particle}{first.value} - {last.particle}{last.value}",
                    page_delim,
                    page_format,
                )
        else:
            if _digits_or_roman(first.value) and _digits_or_roman(last.value):
                first.joiner = delim
            joined = first.value + first.joiner + last.value
            if (
                not (first.particle or last.particle)
                and _is_digits(first.value)
                and _is_digits(last.value)
                and _mangled_digits(first, last, joined, first.joiner, fixup)
            ):
                return
        m = _MANGLED.fullmatch(joined)
        if m:
            first.particle, first.value = m.group(1) or "", m.group(2)
            first.joiner = fixup(m.group(3))
            last.particle, last.value = m.group(4), m.group(5)

    if not collapsible:
        for v in values:
            v.joiner = fixup(v.joiner)
        return "".join(v.text() for v in values)
    count = 0
    for i, v in enumerate(values):
        if i == 0 or v.joiner == "-":
            count = 1
        else:
            count += 1
            if count == 2:
                if values[i - 1].particle != v.particle:
                    continue
                if values[i - 1].joiner != "-":
                    count = 1
                    continue
                mangle(i)
                count = 0
    return "".join(v.text() for v in values)


def _digits_or_roman(text: str) -> bool:
    return _is_digits(text) or bool(_DIGITS_OR_ROMAN.fullmatch(text))


def _mangled_digits(
    first: _Value, last: _Value, joined: str, delim: str, fixup: Callable[[str], str]
) -> bool:
    """Set *first* and *last* (two numbers of ASCII digits) from *joined*, the first, *delim*
    and the last (maybe shortened), as ``_MANGLED`` would read it back; False where a
    delimiter of digits, or one with a hyphen among other marks, needs the pattern.

    The pattern's third group is *delim* (the numbers are digits, the delimiter none), and
    only a joiner that is a hyphen changes (fixup): its other groups give back the text."""
    if delim == "-":
        first.joiner = fixup("-")
    elif delim and "-" not in delim and not any("0" <= c <= "9" for c in delim):
        first.joiner = delim
    else:
        return False
    last.value = joined[len(first.value) + len(delim) :]
    return True


def number_variable_text(ctx: Ctx, variable: str, value: str) -> str | None:
    """:func:`number_text` for *variable* of the item *ctx* renders, with the style's range
    options."""
    label = ctx.cite.label
    return number_text(
        value,
        variable,
        ctx.locale,
        ctx.style.page_range_format,
        page_label=variable != "locator" or label in (None, "page"),
        page_locale=(
            ctx.locale
            if "item-locales" in ctx.style.options
            else ctx.style.locale(ctx.style.default_locale)
        ),
    )


def page_mangle(text: str, delim: str, page_format: str | None) -> str:
    """citeproc-js's page-range reformatting of *text*: every range of two numbers with the
    same prefix expanded, then written in *page_format*, hyphens as *delim*."""
    marked = re.sub(rf"(?<=[^\\])[-{re.escape(delim)}–]", " - ", text)
    marked = _HYPHEN_SPACES.sub(" - ", marked)
    pieces: list[str | list[str]] = []
    for k, piece in enumerate(_PAGE_RANGE_TOKEN.split(marked)):
        if k % 2 == 0:
            pieces.append(piece)
            continue
        piece = _HYPHEN_SPACED.sub("-", piece)
        m = _PAGE_RANGE_PARTS.search(piece)
        if m and (not m.group(3) or m.group(1) == m.group(3)):
            pa, begin, end = m.group(1) or "", m.group(2), m.group(4)
            if len(end) < len(begin):
                end = begin[: len(begin) - len(end)] + end
            if (_int_prefix(begin) or 0) < (_int_prefix(end) or 0):
                pieces.append([pa, begin, delim + pa, end])
                continue
        pieces.append(piece.replace("-", delim))
    for piece in pieces:
        if isinstance(piece, list):
            _reformat(piece, delim, page_format)
    out = "".join(p if isinstance(p, str) else "".join(p) for p in pieces)
    return _UNESCAPED_HYPHEN.sub(delim, out)


def digit_range(begin: str, end: str, delim: str, page_format: str | None) -> str:
    """:func:`page_mangle` of ``f"{begin} - {end}"`` for two runs of ASCII digits (most
    page ranges), without its patterns: an end shorter than the beginning takes the
    beginning's leading digits, an ascending range is written in *page_format*, any other
    keeps its ends as written, *delim* between."""
    full = begin[: len(begin) - len(end)] + end if len(end) < len(begin) else end
    if int(begin[:18]) < int(full[:18]):
        rng = ["", begin, delim, full]
        _reformat(rng, delim, page_format)
        return "".join(rng)
    return begin + delim + end


def _is_digits(text: str) -> bool:
    return text.isdigit() and text.isascii()


def _reformat(rng: list[str], delim: str, page_format: str | None) -> None:
    """One expanded range [prefix, begin, delimiter+prefix, end] in *page_format*."""
    if page_format in ("minimal", "minimal-two"):
        rng[3] = _minimize(rng[1], rng[3], 2 if page_format == "minimal-two" else 0)
    elif page_format in ("chicago", "chicago-15", "chicago-16"):
        begin, end = _int_prefix(rng[1]) or 0, _int_prefix(rng[3]) or 0
        if page_format == "chicago-16":
            if begin > 100 and begin % 100:
                for i in range(2, len(str(end))):
                    if begin // 10**i == end // 10**i:
                        rng[3] = str(end % 10**i)
                        break
        elif begin > 100 and begin % 100 and begin // 100 == end // 100:
            rng[3] = str(end % 100)
        elif begin >= 10000:
            rng[3] = str(end % 1000)
    else:
        return
    if rng[2][1:] == rng[0]:
        rng[2] = delim


def _minimize(begin: str, end: str, keep: int) -> str:
    """*end* without the leading digits it shares with *begin*, at least *keep* left."""
    if len(begin) != len(end):
        return end
    drop = 0
    for a, b in zip(begin, end, strict=True):
        if a != b or len(end) - drop <= keep:
            break
        drop += 1
    return end[drop:]


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(n: int) -> str:
    """*n* in lower-case roman numerals (as a decimal outside 1–3999)."""
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out).lower()


_BARE_DIGITS = LazyPattern(r"(?<![A-Za-z\d])\d+(?![A-Za-z\d])")
_HYPHEN = LazyPattern(r"(?<=\w)\s*-\s*(?=\w)")


#: The variables whose ranges citeproc-js joins with an en dash wherever they are printed
#: (its ``fixupRangeDelimiter``; ``page`` and ``locator`` have their own rules, and a
#: ``number`` such as a bill's ``89-670`` keeps its hyphen).
RANGE_VARIABLES = frozenset({"collection-number", "edition", "issue", "volume"})
# a word with a digit in it, matched in linear time: the lookahead finds the digit once
_NUMBER_TOKEN = r"(?=[^\W_]*\d)[^\W_]+"
_TEXT_RANGE = LazyPattern(rf"(?<![^\W_])({_NUMBER_TOKEN})\s*-\s*({_NUMBER_TOKEN})")
_RANGE_LIST = LazyPattern(rf"\s*{_NUMBER_TOKEN}(?:\s*-\s*{_NUMBER_TOKEN})?\s*(?:[,&]|$)")


def text_ranges(value: str) -> str:
    """A number variable printed by ``cs:text`` with its ranges en-dashed, as citeproc-js
    prints them: ``4-5`` → ``4–5``, ``2a-3``, ``1-2, 4-5``; anything else as it is (``R-12-14``,
    ``Suppl. 2-3``)."""
    if "-" not in value or not _fully(value):
        return value
    return _TEXT_RANGE.sub(lambda m: f"{m.group(1)}–{m.group(2)}", value)


def _fully(value: str) -> bool:
    """True if *value* is a list of numbers and ranges of two numbers, nothing else."""
    pos = 0
    n = len(value)
    while pos < n:
        m = _RANGE_LIST.match(value, pos)
        if m is None or m.end() == pos:
            return False
        pos = m.end()
    return True


def format_number(
    value: str, form: str, locale: Locale, variable: str, gender: str | None = None
) -> str:
    """A numeric variable's text in *form* (numeric, ordinal, long-ordinal, roman); ordinals
    of the *gender* of the noun counted."""
    delim = locale.term("page-range-delimiter") or "–"
    if not is_numeric(value):
        if _ROMAN_RANGE.fullmatch(value):
            # a range of roman numerals (vi-vii, VI-VII) stays as written, joined by the
            # locale's range delimiter whatever the form (citeproc-js: "VI‑VII" in French)
            return _HYPHEN.sub(delim, value.strip())
        if form != "numeric" and NUMBER_JOINERS.search(value):
            # a list whose parts are not all numbers ("8, supplement 2"): citeproc-js
            # formats the parts that are ("viii, supplement 2") and keeps the others
            parts = NUMBER_JOINERS.split(value)
            parts[::2] = [
                format_number(p, form, locale, variable, gender) if p.isdigit() else unescape(p)
                for p in parts[::2]
            ]
            return "".join(parts)
        return unescape(value)
    if _is_digits(value) and variable not in ("page", "locator"):
        return _number_form(int(value), form, locale, gender)  # (most: one number)
    escaped = "\\-" in value
    value = value.replace("\\-", "\x00")
    if variable in ("page", "locator"):
        value = page_range(value, locale, None)

    def one(m: re.Match[str]) -> str:
        return _number_form(int(m.group(0)), form, locale, gender)

    # a number with letters (161A, A12) is left as it is (citeproc-js)
    out = _BARE_DIGITS.sub(one, value)
    # a hyphen between numbers is a range, joined by the locale's range delimiter (an en
    # dash, a non-breaking hyphen in French: 6ᵉ‑7ᵉ), roman numerals too: vi–vii; 2a–3b
    if variable != "page" and "-" in value:
        out = _HYPHEN.sub(delim, out)
    return out.replace("\x00", "-") if escaped else out


def _number_form(n: int, form: str, locale: Locale, gender: str | None) -> str:
    """The number *n* in *form* (numeric, ordinal, long-ordinal, roman)."""
    if form == "ordinal":
        return f"{n}{locale.ordinal(n, gender)}"
    if form == "long-ordinal":
        if 1 <= n <= 10:
            t = locale.term(f"long-ordinal-{n:02d}")
            if t:
                return t
        return f"{n}{locale.ordinal(n, gender)}"
    if form == "roman":
        return roman(n)
    return str(n)


_THOUSANDS = LazyPattern(r"(?<=\d),(?=\d{3}\b)")
_PLURAL = LazyPattern(
    # a match starts at the head of a run of digits only: a long run is scanned once
    r"(?<!\d)\d+\s*(?:[-–—,&]|,?\s*and)\s*[A-Za-z]*\d+"
    # a range of roman numerals (i–ix)
    r"|(?<![A-Za-z])[ivxlcdm]+\s*[-–—]\s*[ivxlcdm]+(?![A-Za-z])",
    re.IGNORECASE,
)


_EMBEDDED_LABEL = LazyPattern(r",?\s+[A-Za-z]+\.\s*(?=\d)")
_ROMAN_RANGE = LazyPattern(r"\s*[ivxlcdm]+\s*[-–—]\s*[ivxlcdm]+\s*", re.IGNORECASE)


def is_plural_value(value: str, and_term: str | None = None) -> bool:
    """True for a value that holds several numbers (``12-15``, ``3, 5``, ``i-ix``, ``213
    et 235`` where *and_term* is the locale's "and"; not ``9,367``, nor a code with a
    number range in it, ``AIAA G-136-2022``, as citeproc-js counts only values that are
    numbers throughout)."""
    if and_term and and_term.lower() != "and":
        value = re.sub(rf"(?<=\d)(,?\s+){re.escape(and_term)}(?=\s+\d)", r"\1and", value)
    value = _THOUSANDS.sub("", value.replace("\\-", ""))
    if not _PLURAL.search(value):
        return False
    value = _EMBEDDED_LABEL.split(value, 1)[0]  # "367-368, fig. 333": the numbers before
    if not _PLURAL.search(value):
        return False  # "1, fol. 186": one number before the next label
    if _ROMAN_RANGE.fullmatch(value):
        return True
    listed = _AND.sub(", ", value).replace("–", "-").replace("—", "-")
    return _fully(listed)


class Number(Node):
    """``cs:number``."""

    __slots__ = ("variable", "form")

    def __init__(self, el: Element, style: Style) -> None:
        super().__init__(el)
        self.variable = el.get("variable", "")
        self.form = el.get("form", "numeric")
        self.number_leaf = True
        self.number_parts = self.variable in CITEPROC_JS_NUMERIC
        self.is_level()

    def reads(self, acc: set[str], seen: set[int]) -> bool:
        acc.add(self.variable)
        return True

    def calls_surely(self, seen: set[int]) -> bool:
        return True

    def render(self, ctx: Ctx) -> Rich:
        if self.braces_level and ctx.braces:
            return self.braced().render(ctx)
        var = self.variable
        value = ctx.value(var)
        if not isinstance(value, str):
            ctx.note_var(False)
            return EMPTY
        ctx.note_var(True)
        ctx.used(var)
        if ctx.dates_only:
            return EMPTY
        numbers = None
        if self.form == "numeric" and var in NUMBER_VARIABLES:
            numbers = number_variable_text(ctx, var, value)
        if numbers is None:
            # an ordinal agrees with the noun the variable's term names (édition: 1re)
            noun = (ctx.cite.label or "page") if var == "locator" else var
            numbers = format_number(value, self.form, ctx.locale, var, ctx.locale.genders.get(noun))
        body = Rich.plain(numbers) if "<" not in numbers else parse_markup(numbers)
        return self.finish(embed_in_term(number_blob(body, value), var, value, ctx), ctx)


#: the variables citeproc-js renders as numbers (its outputNumericField), in cs:number and cs:text
EMBEDDED_NUMBER_VARIABLES = (NUMBER_VARIABLES - {"locator"}) | {"page-first"}
register_number_variables(NUMBER_VARIABLES | RANGE_VARIABLES | EMBEDDED_NUMBER_VARIABLES)


def number_blob(body: Rich, value: str) -> Rich:
    """*body*, a number variable's text, marked as citeproc-js's number blob where *value*
    begins with a number: no strip-periods reaches it (``9th ed.`` keeps its period where
    ``Rev. ed.`` loses both)."""
    if not value.lstrip()[:1].isdigit():
        return body
    return Rich._of(tuple((text, flags | NUMBER_BLOB) for text, flags in body.runs))


def embed_in_term(body: Rich, var: str, value: str, ctx: Ctx) -> Rich:
    """*body*, a number variable's rendering, inside its term where the term carries it
    (CSL-M ``第%s版``, `` %s edn.``), as citeproc-js embeds it: the term of the form a
    ``cs:label`` for the variable asked for (else the long form); text before ``%s``
    only when some follows it too."""
    if var not in EMBEDDED_NUMBER_VARIABLES:
        return body
    term = "page" if var == "page-first" else var
    form = ctx.label_forms.get(var) or "long"
    one, many = ctx.locale.term(term, form), ctx.locale.term(term, form, True)
    if "%s" not in (one or "") and "%s" not in (many or ""):
        return body  # (most terms: the plural test is not needed)
    t = many if one != many and is_plural_value(value) else one
    if not t or "%s" not in t:
        return body
    pos = t.index("%s")
    if pos + 2 >= len(t):
        return body
    if pos:
        body = Rich.plain(t[:pos]) + body
    return body + Rich.plain(t[pos + 2 :])


class Label(Node):
    """``cs:label``: the term for a variable, singular or plural by its value."""

    __slots__ = ("variable", "form", "explicit_form", "plural")

    def strips_every_period(self) -> bool:
        return True

    def __init__(self, el: Element, style: Style | None = None) -> None:
        super().__init__(el)
        self.variable = el.get("variable", "")
        self.form = el.get("form", "long")
        self.explicit_form = el.get("form")
        self.plural = el.get("plural", "contextual")
        self.suffix_flags = OWN_SUFFIX | LEAF_SUFFIX  # a term: a string in citeproc-js
        self.is_leaf()

    def reads(self, acc: set[str], seen: set[int]) -> bool:
        acc.add(self.variable)  # a label of a variable there sets its term's form
        return True

    def render(self, ctx: Ctx) -> Rich:
        var = self.variable
        if var == "locator":
            value: object = ctx.cite.locator
            term = ctx.cite.label or "page"
        else:
            value = ctx.value(var)
            term = var
        if self.plural == "always":
            plural = True
        elif self.plural == "never" or not isinstance(value, str):
            # a label whose variable is empty still prints its term, singular, as
            # citeproc-js does; the enclosing group decides whether it shows
            plural = False
        else:
            info = (
                number_info(value, var, ctx.locale, ctx.cite.label)
                if var in NUMBER_VARIABLES
                else None
            )
            if info is not None:
                plural = info.plural
                if info.label and var in ("locator", "number", "page"):
                    # a label written in the value names the term (number "p. 12, 14":
                    # pages), as citeproc-js reads it
                    term = info.label
            elif var.startswith("number-of-"):
                plural = is_numeric(value) and int(_NOT_DIGIT.sub("", value) or 0) > 1
            else:
                plural = is_plural_value(value, ctx.locale.term("and"))
        if isinstance(value, str) and var not in ctx.label_forms:
            # the first label of a variable sets the form of the term its number is
            # embedded in (citeproc-js labelForm), whether or not that term carries it
            ctx.label_forms[var] = self.explicit_form
        t = ctx.locale.term(term, self.form, plural)
        if not t or "%s" in t or ctx.dates_only:
            # CSL-M: a term that carries the number ("第%s卷") prints nothing here; the
            # number prints it (embed_in_term)
            return EMPTY
        return self.finish(Rich.plain(t), ctx)

    def term(self, variable: str, plural: bool, ctx: Ctx) -> Rich:
        """The label of a name variable (``editor``/``editors``), finished."""
        if self.plural == "always":
            plural = True
        elif self.plural == "never":
            plural = False
        t = ctx.locale.term(variable, self.form, plural)
        if not t:
            return EMPTY
        return self.finish(Rich.plain(t), ctx)


register("number", Number)
register("label", Label)
