"""Numbers, page ranges and labels: ``cs:number``, ``cs:label`` and the helpers under them.

Page ranges take the locale's ``page-range-delimiter`` and the style's
``page-range-format`` (expanded, minimal, minimal-two, chicago-15/16); a number
is rendered numeric, ordinal, long-ordinal or roman; a label's plural follows the
value (``pp.`` for ``12-15``), and a CSL-M term that carries its number
(``第%s卷``) prints nothing itself: the number it labels is rendered inside it instead.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml import etree

from .context import Ctx
from .locale import Locale
from .nodes import Node, is_numeric, register, unescape
from .rich import EMPTY, Rich, parse_markup

if TYPE_CHECKING:
    from .style import Style

__all__ = [
    "Label",
    "Number",
    "format_number",
    "is_plural_value",
    "page_range",
    "roman",
]

# A range's ends: letters then digits.  A match never starts after a letter, nor between two
# digits, where a match starting one character earlier would have been tried already: the
# result is the same, and a long run of letters or digits is scanned once, not once per
# character (100,000 letters took 105 s).
_RANGE_RE = re.compile(
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


_DIGITS = re.compile(r"\d+")
_NUMBER_RANGE = re.compile(r"\d\s*-\s*\d")
_HYPHEN = re.compile(r"(?<=\w)\s*-\s*(?=\w)")


#: The variables whose ranges citeproc-js joins with an en dash wherever they are printed
#: (its ``fixupRangeDelimiter``; ``page`` and ``locator`` have their own rules, and a
#: ``number`` such as a bill's ``89-670`` keeps its hyphen).
RANGE_VARIABLES = frozenset({"collection-number", "edition", "issue", "volume"})
_NUMBER_TOKEN = r"[^\W_]*\d[^\W_]*"
_TEXT_RANGE = re.compile(rf"({_NUMBER_TOKEN})\s*-\s*({_NUMBER_TOKEN})")
_RANGE_LIST = re.compile(rf"\s*{_NUMBER_TOKEN}(?:\s*-\s*{_NUMBER_TOKEN})?\s*(?:[,&]|$)")


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


def format_number(value: str, form: str, locale: Locale, variable: str) -> str:
    """A numeric variable's text in *form* (numeric, ordinal, long-ordinal, roman)."""
    if not is_numeric(value):
        return unescape(value)
    escaped = "\\-" in value
    value = value.replace("\\-", "\x00")
    if variable in ("page", "locator"):
        value = page_range(value, locale, None)

    def one(m: re.Match[str]) -> str:
        n = int(m.group(0))
        if form == "ordinal":
            return f"{n}{locale.ordinal(n)}"
        if form == "long-ordinal":
            if 1 <= n <= 10:
                t = locale.term(f"long-ordinal-{n:02d}")
                if t:
                    return t
            return f"{n}{locale.ordinal(n)}"
        if form == "roman":
            return roman(n)
        return str(n)

    out = _DIGITS.sub(one, value)
    # a hyphen between numbers is a range: en dash
    if variable != "page" and _NUMBER_RANGE.search(out):
        out = _HYPHEN.sub("–", out)
    return out.replace("\x00", "-") if escaped else out


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_PLURAL = re.compile(
    r"\d+\s*(?:[-–—,&]|,?\s*and)\s*[A-Za-z]*\d+"
    # a range of roman numerals (i–ix)
    r"|(?<![A-Za-z])[ivxlcdm]+\s*[-–—]\s*[ivxlcdm]+(?![A-Za-z])",
    re.IGNORECASE,
)


_EMBEDDED_LABEL = re.compile(r",?\s+[A-Za-z]+\.\s*(?=\d)")
_ROMAN_RANGE = re.compile(r"\s*[ivxlcdm]+\s*[-–—]\s*[ivxlcdm]+\s*", re.IGNORECASE)


def is_plural_value(value: str) -> bool:
    """True for a value that holds several numbers (``12-15``, ``3, 5``, ``i-ix``; not
    ``9,367``, nor a code with a number range in it, ``AIAA G-136-2022``, as citeproc-js
    counts only values that are numbers throughout)."""
    value = _THOUSANDS.sub("", value.replace("\\-", ""))
    if not _PLURAL.search(value):
        return False
    value = _EMBEDDED_LABEL.split(value, 1)[0]  # "367-368, fig. 333": the numbers before
    if _ROMAN_RANGE.fullmatch(value):
        return True
    listed = re.sub(r",?\s+and\s+", ", ", value).replace("–", "-").replace("—", "-")
    return _fully(listed)


class Number(Node):
    """``cs:number``."""

    __slots__ = ("variable", "form")

    def __init__(self, el: etree._Element, style: Style) -> None:
        super().__init__(el)
        self.variable = el.get("variable", "")
        self.form = el.get("form", "numeric")

    def render(self, ctx: Ctx) -> Rich:
        var = self.variable
        value = ctx.value(var)
        if not isinstance(value, str):
            ctx.note_var(False)
            return EMPTY
        ctx.note_var(True)
        ctx.used(var)
        if ctx.dates_only:
            return EMPTY
        text = format_number(value, self.form, ctx.locale, var)
        body = Rich.plain(text) if "<" not in text else parse_markup(text)
        return self.finish(embed_in_term(body, var, value, ctx), ctx)


#: the variables citeproc-js renders as numbers (its outputNumericField), in cs:number and cs:text
NUMBER_VARIABLES = frozenset(
    {
        "page",
        "page-first",
        "chapter-number",
        "collection-number",
        "edition",
        "issue",
        "number",
        "number-of-pages",
        "number-of-volumes",
        "volume",
    }
)


def embed_in_term(body: Rich, var: str, value: str, ctx: Ctx) -> Rich:
    """*body*, a number variable's rendering, inside its term where the term carries it
    (CSL-M ``第%s版``, `` %s edn.``), as citeproc-js embeds it: the term of the form a
    ``cs:label`` for the variable asked for (else the long form); text before ``%s``
    only when some follows it too."""
    if var not in NUMBER_VARIABLES:
        return body
    term = "page" if var == "page-first" else var
    form = ctx.label_forms.get(var) or "long"
    t = ctx.locale.term(term, form, is_plural_value(value))
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

    def __init__(self, el: etree._Element, style: Style | None = None) -> None:
        super().__init__(el)
        self.variable = el.get("variable", "")
        self.form = el.get("form", "long")
        self.explicit_form = el.get("form")
        self.plural = el.get("plural", "contextual")

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
        elif var.startswith("number-of-"):
            plural = is_numeric(value) and int(re.sub(r"\D", "", value) or 0) > 1
        else:
            plural = is_plural_value(value)
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
