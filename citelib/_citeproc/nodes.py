"""Compiled CSL rendering elements and the per-render context.

citeproc-py parses a style into lxml elements whose ``render`` methods walk the
XML on every use.  Several of its behaviours are wrong at the root, so citelib
compiles each rendering element once into a small node object here and
evaluates those instead:

* **Group suppression** (why ``[J]`` / ``[D]`` disappear): citeproc-py decides
  whether a ``cs:group`` "calls a variable" *statically*, by asking every child
  -- including every branch of every ``cs:choose`` and every macro -- whether it
  could call one (``Parent.calls_variable``).  The type-code group
  ``<group prefix="[" suffix="]"><text macro="entry-type-id"/><text
  macro="entry-medium-id"/></group>`` contains ``<text variable="medium"/>`` in
  a branch that is not taken, so citeproc-py thinks a variable was called and
  none rendered, and drops the group.  CSL 1.0.2 counts only variables actually
  evaluated; :class:`Ctx` tracks them at run time (``var_frames``).
* **Locale per item**: every node looks terms up in ``ctx.locale``, which the
  engine sets per work (CSL-M ``<layout locale="en">`` honoured).
* **Names**: literal names, CJK names (family+given, no space, never
  initialised) and name options inherited from style/citation/bibliography.
* **Rich text**: values are parsed from citeproc-js markup into
  :class:`~citelib._citeproc.rich.Rich`, so ``<i>`` is formatting, not text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lxml import etree

from ..language import is_pinyin_name
from .data import SUBTYPES, Item, PDate, PName
from .locale import NS, Locale
from .rich import (
    BOLD,
    EMPTY,
    ITALIC,
    LINK_DOI,
    LINK_URL,
    NOCASE,
    NORMAL,
    SMALLCAPS,
    SUB,
    SUP,
    UNDERLINE,
    Rich,
    affix,
    join,
    parse_markup,
)

__all__ = ["Ctx", "Node", "compile_children", "compile_element"]

NAME_OPTIONS = (
    "and",
    "delimiter-precedes-et-al",
    "delimiter-precedes-last",
    "et-al-min",
    "et-al-use-first",
    "et-al-use-last",
    "et-al-subsequent-min",
    "et-al-subsequent-use-first",
    "initialize",
    "initialize-with",
    "initialize-with-hyphen",
    "name-as-sort-order",
    "sort-separator",
    "form",
    "delimiter",
)


class Ctx:
    """Everything one rendering of one item needs and tracks."""

    __slots__ = (
        "item",
        "locale",
        "style",
        "mode",
        "name_opts",
        "names_delimiter",
        "sorting",
        "sort_opts",
        "suppressed",
        "var_frames",
        "cite",
        "year_suffix",
        "suffix_done",
        "disamb",
        "suppress_author",
        "first_names",
        "consumed",
        "logs",
        "blank_dates",
        "full_pinyin",
        "author_substitute",
    )

    def __init__(
        self,
        item: Item,
        locale: Locale,
        style: Any,
        mode: str,
        name_opts: dict[str, str],
        names_delimiter: str,
    ) -> None:
        self.item = item
        self.locale = locale
        self.style = style
        self.mode = mode  # "bibliography" | "citation"
        self.name_opts = name_opts
        self.names_delimiter = names_delimiter
        self.sorting = False
        self.sort_opts: dict[str, str] = {}
        self.suppressed: set[str] = set()
        self.var_frames: list[list[int]] = [[0, 0]]
        self.cite: dict[str, Any] = {}
        self.year_suffix: str | None = None
        self.suffix_done = False
        self.disamb: dict[str, Any] = {}
        self.suppress_author = False
        self.first_names: Rich | None = None
        self.consumed: set[str] = set()
        self.logs: list[set[str]] = []
        self.blank_dates = False  # disambiguation: dates other than issued render empty
        self.full_pinyin = False  # GB/T 7714-2025: pinyin given names in full, not initials
        self.author_substitute: str | None = None  # subsequent-author-substitute text

    def used(self, name: str) -> None:
        """Record a rendered variable (substitutes suppress what they used)."""
        for log in self.logs:
            log.add(name)

    def note_var(self, rendered: bool) -> None:
        frame = self.var_frames[-1]
        frame[0] += 1
        if rendered:
            frame[1] += 1

    def value(self, name: str) -> Any:
        if name in self.suppressed:
            return None
        if name == "locator":
            return self.cite.get("locator")
        if name == "citation-number":
            n = self.cite.get("number")
            return str(n) if n is not None else None
        if name == "year-suffix":
            return self.year_suffix
        if name == "page-first":
            v = self.item.vars.get("page-first")
            if v is None and isinstance(self.item.vars.get("page"), str):
                v = re.split(r"\s*[-–—,&]\s*", self.item.vars["page"])[0] or None
            return v
        if name == "first-reference-note-number":
            n = self.cite.get("first-note")
            return str(n) if n is not None else None
        return self.item.vars.get(name)


class Node:
    """A compiled rendering element."""

    __slots__ = (
        "prefix",
        "suffix",
        "fmt",
        "normal",
        "display",
        "text_case",
        "strip_periods",
        "quotes",
    )

    def __init__(self, el: etree._Element) -> None:
        self.prefix = el.get("prefix", "")
        self.suffix = el.get("suffix", "")
        fmt = 0
        self.normal = False
        if el.get("font-style") in ("italic", "oblique"):
            fmt |= ITALIC
        elif el.get("font-style") == "normal":
            self.normal = True
        if el.get("font-weight") == "bold":
            fmt |= BOLD
        if el.get("font-variant") == "small-caps":
            fmt |= SMALLCAPS
        if el.get("text-decoration") == "underline":
            fmt |= UNDERLINE
        va = el.get("vertical-align")
        if va == "sup":
            fmt |= SUP
        elif va == "sub":
            fmt |= SUB
        self.fmt = fmt
        self.display = el.get("display")
        self.text_case = el.get("text-case")
        self.strip_periods = el.get("strip-periods") == "true"
        self.quotes = el.get("quotes") == "true"

    def render(self, ctx: Ctx) -> Rich:
        raise NotImplementedError

    def formatted(self, body: Rich) -> Rich:
        if not body:
            return body
        if self.normal:
            body = body.with_flags(NORMAL)
        if self.fmt:
            for flag in (ITALIC, BOLD, SMALLCAPS, UNDERLINE, SUP, SUB):
                if self.fmt & flag:
                    body = body.with_flags(flag)
        return affix(body, self.prefix, self.suffix)

    def finish(self, body: Rich, ctx: Ctx) -> Rich:
        """Strip periods, text case, quotes, formatting and affixes, in CSL order."""
        if not body:
            return body
        if self.strip_periods:
            body = body.map_text(lambda t: t.replace(".", ""), protect=False)
        if self.text_case:
            body = apply_case(body, self.text_case, ctx.item.lang)
        if self.quotes:
            body = quote(body, ctx)
        return self.formatted(body)


# ----------------------------------------------------------------------------
# text case and quotes

_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "down",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "onto",
        "or",
        "over",
        "so",
        "the",
        "till",
        "to",
        "up",
        "via",
        "with",
        "yet",
        "v",
        "v.",
        "vs",
        "vs.",
        "y",
        "et",
        # name particles stay lowercase in titles ("John von Doe")
        "von",
        "van",
        "de",
        "der",
        "del",
        "della",
        "des",
        "du",
    ]
)
_WORD_RE = re.compile(r"[^\s\-/]+|[\s\-/]+")


def _cap_first(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
    return text


def apply_case(body: Rich, case: str, lang: str) -> Rich:
    if case == "lowercase":
        return body.map_text(str.lower)
    if case == "uppercase":
        return body.map_text(str.upper)
    if case == "capitalize-first":
        return _capitalize_first(body)
    if case == "capitalize-all":
        return body.map_text(lambda t: "".join(_cap_first(w) for w in _WORD_RE.findall(t)))
    if case == "sentence":
        if str(body).isupper():
            body = body.map_text(str.lower)
        return _capitalize_first(body)
    if case == "title":
        if not lang.lower().startswith("en"):
            return body
        return title_case(body)
    return body


def _capitalize_first(body: Rich) -> Rich:
    runs = list(body.runs)
    for i, (t, f) in enumerate(runs):
        if any(ch.isalpha() for ch in t):
            if not f & NOCASE:
                runs[i] = (_cap_first(t), f)
            break
    return Rich(runs)


_TITLE_SPLIT = re.compile(r"([\s\-/–—]+)")


def title_case(body: Rich) -> Rich:
    """CSL title case: lowercase words capitalised except stop words inside the title.

    The first and last word and a word after a colon (or ? ! .) are always
    capitalised; words with capitals are left alone; nocase runs are untouched
    but count as words.  Dashes and slashes separate words.
    """
    # tokens: (run index, text, is_word); words found across runs
    tokens: list[list[Any]] = []
    for i, (text, _flags) in enumerate(body.runs):
        for piece in _TITLE_SPLIT.split(text):
            if piece:
                tokens.append([i, piece, not _TITLE_SPLIT.fullmatch(piece)])
    word_positions = [k for k, t in enumerate(tokens) if t[2]]
    if not word_positions:
        return body
    first, last = word_positions[0], word_positions[-1]
    after_colon = False
    for k in word_positions:
        run, word, _ = tokens[k]
        flags = body.runs[run][1]
        core = word.strip("\"'“‘(")
        if (
            not flags & NOCASE
            and core.islower()
            and (k in (first, last) or after_colon or core.lower() not in _STOP_WORDS)
        ):
            tokens[k][1] = _cap_first(word)
        after_colon = word.endswith((":", "?", "!", "."))
    texts = ["" for _ in body.runs]
    for run, piece, _ in tokens:
        texts[run] += piece
    return Rich((texts[i], f) for i, (_t, f) in enumerate(body.runs))


def quote(body: Rich, ctx: Ctx) -> Rich:
    loc = ctx.locale
    oq = loc.term("open-quote") or "“"
    cq = loc.term("close-quote") or "”"
    oiq = loc.term("open-inner-quote") or "‘"
    ciq = loc.term("close-inner-quote") or "’"
    # nested quotes flip to inner quotes
    body = body.map_text(lambda t: t.replace(oq, oiq).replace(cq, ciq), protect=False)
    return Rich(((oq, 0),)) + body + Rich(((cq, 0),))


# ----------------------------------------------------------------------------
# conditions


def is_numeric(value: Any) -> bool:
    """CSL "numeric" content: numbers, maybe with affixed letters, joined by - , & or "and".

    A backslash-escaped hyphen joins one number (``18\\-2424``), as in citeproc-js.
    """
    if value is None:
        return False
    text = str(value).strip().replace("\\-", "")
    return bool(_NUMERIC_RE.fullmatch(text))


_NUMERIC_RE = re.compile(r"[A-Za-z]*\d+[A-Za-z]*(?:\s*(?:[-–,&]|and)\s*[A-Za-z]*\d+[A-Za-z]*)*")


class Condition:
    __slots__ = ("tests", "match", "body")

    def __init__(self, el: etree._Element, style: Any) -> None:
        self.match = el.get("match", "all")
        self.tests: list[Callable[[Ctx], bool]] = []
        for attr, value in el.attrib.items():
            for v in value.split():
                test = _make_test(attr, v)
                if test is not None:
                    self.tests.append(test)
        self.body = compile_children(el, style)

    def holds(self, ctx: Ctx) -> bool:
        if not self.tests:
            return True
        if self.match == "any":
            return any(t(ctx) for t in self.tests)
        if self.match == "none":
            return not any(t(ctx) for t in self.tests)
        return all(t(ctx) for t in self.tests)


def _make_test(attr: str, v: str) -> Callable[[Ctx], bool] | None:
    if attr == "type":
        if v in SUBTYPES:  # citelib extension: a kind of work CSL files under another type
            return lambda ctx: ctx.item.subtype == v
        return lambda ctx: ctx.item.type == v
    if attr == "variable":
        if v == "locator":
            return lambda ctx: bool(ctx.cite.get("locator"))
        if v == "year-suffix":
            return lambda ctx: bool(ctx.year_suffix)
        return lambda ctx: ctx.value(v) is not None
    if attr == "is-numeric":
        return lambda ctx: is_numeric(ctx.value(v))
    if attr == "is-uncertain-date":
        return lambda ctx: isinstance(ctx.value(v), PDate) and ctx.value(v).circa
    if attr == "has-day":
        return lambda ctx: (
            isinstance(ctx.value(v), PDate)
            and bool(ctx.value(v).parts)
            and ctx.value(v).parts[0][2] > 0
        )
    if attr == "has-year-only":
        return lambda ctx: (
            isinstance(ctx.value(v), PDate)
            and bool(ctx.value(v).parts)
            and ctx.value(v).parts[0][1] == 0
        )
    if attr == "locator":
        return lambda ctx: (
            bool(ctx.cite.get("locator")) and ctx.cite.get("label", "page") == v.replace("-", " ")
        )
    if attr == "position":
        return lambda ctx: _position(ctx, v)
    if attr == "disambiguate":
        return lambda ctx: bool(ctx.disamb.get("condition"))
    return None


def _position(ctx: Ctx, v: str) -> bool:
    if ctx.mode != "citation":
        return False
    pos = ctx.cite.get("position", "first")
    if v == "first":
        return pos == "first"
    if v == "subsequent":
        return pos != "first"
    if v == "ibid":
        return pos in ("ibid", "ibid-with-locator")
    if v == "ibid-with-locator":
        return pos == "ibid-with-locator"
    if v == "near-note":
        return pos != "first" and bool(ctx.cite.get("near-note"))
    return False


class Choose(Node):
    __slots__ = ("branches",)

    def __init__(self, el: etree._Element, style: Any) -> None:
        super().__init__(el)
        self.branches = [Condition(c, style) for c in el if isinstance(c.tag, str)]

    def render_list(self, ctx: Ctx) -> list[Rich]:
        for branch in self.branches:
            if branch.holds(ctx):
                return [n.render(ctx) for n in branch.body]
        return []

    def render(self, ctx: Ctx) -> Rich:
        return join(self.render_list(ctx))


# ----------------------------------------------------------------------------
# group, layout-like containers


class Group(Node):
    __slots__ = ("children", "delimiter")

    def __init__(self, el: etree._Element, style: Any) -> None:
        super().__init__(el)
        self.children = compile_children(el, style)
        self.delimiter = el.get("delimiter", "")

    def render(self, ctx: Ctx) -> Rich:
        ctx.var_frames.append([0, 0])
        parts: list[Rich] = []
        for child in self.children:
            if isinstance(child, Choose):
                parts.extend(child.render_list(ctx))
            else:
                parts.append(child.render(ctx))
        called, rendered = ctx.var_frames.pop()
        parent = ctx.var_frames[-1]
        if called and not rendered:
            parent[0] += 1
            return EMPTY
        body = join(parts, self.delimiter)
        parent[0] += called
        # a group that renders counts as rendered content for its parent
        # (citeproc-js: "[Z]" survives a title group whose variables are empty)
        parent[1] += rendered + (1 if body else 0)
        return self.formatted(body)


# ----------------------------------------------------------------------------
# text


def page_range(value: str, ctx: Ctx, fmt: str | None) -> str:
    delim = ctx.locale.term("page-range-delimiter") or "–"

    def fix(m: re.Match[str]) -> str:
        first, last = m.group(1), m.group(2)
        return first + delim + _format_last(first, last, fmt)

    return _RANGE_RE.sub(fix, value)


_RANGE_RE = re.compile(r"([A-Za-z]*\d+)\s*[-–—]+\s*([A-Za-z]*\d+)")


def _format_last(first: str, last: str, fmt: str | None) -> str:
    if not fmt or fmt == "expanded":
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
    if fmt == "minimal":
        return last[common:] or last[-1:]
    if fmt == "minimal-two":
        keep = max(len(last) - common, 2)
        return last[-keep:] if len(last) >= 2 else last
    if fmt in ("chicago", "chicago-15", "chicago-16"):
        n = int(first)
        if n < 100 or n % 100 == 0:
            return last
        if n % 100 < 10:
            return last[common:] or last[-1:]
        keep = max(len(last) - common, 2)
        if fmt != "chicago-16" and len(first) == 4 and len(last) - common >= 3:
            return last
        return last[-keep:]
    return last


class Text(Node):
    __slots__ = ("kind", "arg", "form", "plural", "macro")

    def __init__(self, el: etree._Element, style: Any) -> None:
        super().__init__(el)
        self.form = el.get("form", "long")
        self.plural = el.get("plural") == "true"
        self.macro: Macro | None = None
        if "variable" in el.attrib:
            self.kind, self.arg = "variable", el.get("variable")
        elif "macro" in el.attrib:
            self.kind, self.arg = "macro", el.get("macro")
            self.macro = style.macro(self.arg)
        elif "term" in el.attrib:
            self.kind, self.arg = "term", el.get("term")
        else:
            self.kind, self.arg = "value", el.get("value", "")

    def render(self, ctx: Ctx) -> Rich:
        kind = self.kind
        if kind == "value":
            return self.finish(Rich.plain(self.arg), ctx)
        if kind == "term":
            t = ctx.locale.term(self.arg, self.form, self.plural)
            return self.finish(Rich.plain(smart_apostrophes(t)) if t else EMPTY, ctx)
        if kind == "macro":
            if self.macro is None:
                return EMPTY
            body = self.macro.render(ctx)
            return self.finish(body, ctx)
        return self.finish(self.variable(ctx), ctx)

    def variable(self, ctx: Ctx) -> Rich:
        var = self.arg
        if var in ctx.consumed:
            ctx.note_var(True)
            return EMPTY
        if self.form == "short" and ctx.value(var + "-short") is not None:
            var = var + "-short"  # the short form where the work has one, else the long
        value = ctx.value(var)
        if value is None or isinstance(value, (list, PDate)):
            if var == "year-suffix":
                return EMPTY
            ctx.note_var(False)
            return EMPTY
        ctx.note_var(True)
        ctx.used(var)
        if var == "year-suffix":
            ctx.suffix_done = True
            return Rich.plain(str(value))
        text = _unescape(str(value))
        if var in ("page", "page-first", "locator"):
            if var == "page-first":
                text = re.split(r"\s*[-–—,&]\s*", text)[0]
            else:
                text = page_range(text, ctx, ctx.style.page_range_format if var == "page" else None)
            return Rich.plain(text)
        if var == "URL":
            return Rich.plain(text, LINK_URL | NOCASE)
        if var == "DOI":
            return Rich.plain(text, LINK_DOI | NOCASE)
        if var in ("ISBN", "ISSN", "PMID", "PMCID", "citation-number", "citation-label"):
            return Rich.plain(text, NOCASE)
        return parse_markup(smart_apostrophes(text))


_OPENING = re.compile(r"(^|(?<=[\s(\[{“‘—–/>-]))(\")|(^|(?<=[\s(\[{“‘—–/-]))('(?=[^\W\d_]))")


def smart_apostrophes(text: str) -> str:
    """Typographic quotes and apostrophes, as citeproc-js prints them.

    ``Master's`` → ``Master’s``; a straight quote at the start of a word opens
    (``"friend"`` → ``“friend”``, ``'word'`` → ``‘word’``), anywhere else it closes.
    """
    if "'" not in text and '"' not in text:
        return text
    # markup tags (<span class="nocase">) keep their straight quotes
    pieces = re.split(r"(<[^<>]*>)", text)
    for i in range(0, len(pieces), 2):
        piece = pieces[i]
        if i and pieces[i - 1].startswith("</") and piece and piece[0] in "'\"":
            # after a closing tag a quote closes: "{Sadock}'s", "<i>x</i>"
            piece = ("’" if piece[0] == "'" else "”") + piece[1:]
        piece = _OPENING.sub(
            lambda m: (m.group(1) or "") + "“" if m.group(2) else (m.group(3) or "") + "‘",
            piece,
        )
        pieces[i] = piece.replace('"', "”").replace("'", "’")
    return "".join(pieces)


def _unescape(text: str) -> str:
    """Drop backslash escapes before punctuation (``89\\-670`` → ``89-670``)."""
    return re.sub(r"\\([^\w\s])", r"\1", text) if "\\" in text else text


class Macro(Node):
    __slots__ = ("children", "name")

    def __init__(self, el: etree._Element, style: Any) -> None:
        super().__init__(el)
        self.name = el.get("name")
        self.children: list[Node] = []

    def fill(self, el: etree._Element, style: Any) -> None:
        self.children = compile_children(el, style)

    def render(self, ctx: Ctx) -> Rich:
        parts: list[Rich] = []
        for child in self.children:
            if isinstance(child, Choose):
                parts.extend(child.render_list(ctx))
            else:
                parts.append(child.render(ctx))
        return join(parts)


# ----------------------------------------------------------------------------
# numbers and labels


class Number(Node):
    __slots__ = ("variable", "form")

    def __init__(self, el: etree._Element, style: Any) -> None:
        super().__init__(el)
        self.variable = el.get("variable", "")
        self.form = el.get("form", "numeric")

    def render(self, ctx: Ctx) -> Rich:
        var = self.variable
        if var in ctx.consumed:
            ctx.note_var(True)
            return EMPTY
        value = ctx.value(var)
        if value is None or not isinstance(value, str):
            ctx.note_var(False)
            return EMPTY
        ctx.note_var(True)
        ctx.used(var)
        text = format_number(value, self.form, ctx, var)
        return self.finish(Rich.plain(text) if "<" not in text else parse_markup(text), ctx)


def format_number(value: str, form: str, ctx: Ctx, variable: str) -> str:
    if not is_numeric(value):
        return _unescape(value)
    escaped = "\\-" in value
    value = value.replace("\\-", "\x00")
    if variable in ("page", "locator"):
        value = page_range(value, ctx, None)

    def one(m: re.Match[str]) -> str:
        n = int(m.group(0))
        if form == "ordinal":
            return f"{n}{ctx.locale.ordinal(n)}"
        if form == "long-ordinal":
            if 1 <= n <= 10:
                t = ctx.locale.term(f"long-ordinal-{n:02d}")
                if t:
                    return t
            return f"{n}{ctx.locale.ordinal(n)}"
        if form == "roman":
            return _roman(n).lower()
        return str(n)

    out = re.sub(r"\d+", one, value)
    # a hyphen between numbers is a range: en dash
    if variable != "page":
        out = re.sub(r"(?<=\w)\s*-\s*(?=\w)", "–", out) if re.search(r"\d\s*-\s*\d", out) else out
    return out.replace("\x00", "-") if escaped else out


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    vals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip
    out = []
    for v, s in vals:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def is_plural_value(value: str) -> bool:
    value = value.replace("\\-", "")
    value = re.sub(r"(?<=\d),(?=\d{3}\b)", "", value)  # 9,367,592 is one number
    return bool(re.search(r"\d+\s*(?:[-–—,&]|and)\s*[A-Za-z]*\d+", value))


class Label(Node):
    __slots__ = ("variable", "form", "plural")

    def __init__(self, el: etree._Element, style: Any) -> None:
        super().__init__(el)
        self.variable = el.get("variable", "")
        self.form = el.get("form", "long")
        self.plural = el.get("plural", "contextual")

    def render(self, ctx: Ctx) -> Rich:
        var = self.variable
        if var == "locator":
            value = ctx.cite.get("locator")
            term = ctx.cite.get("label") or "page"
        else:
            value = ctx.value(var)
            term = var
        if value is None or not isinstance(value, str):
            return EMPTY
        if self.plural == "always":
            plural = True
        elif self.plural == "never":
            plural = False
        elif var.startswith("number-of-"):
            plural = is_numeric(value) and int(re.sub(r"\D", "", value) or 0) > 1
        else:
            plural = is_plural_value(value)
        t = ctx.locale.term(term, self.form, plural)
        if not t:
            return EMPTY
        if "%s" in t:
            # CSL-M: the term carries the number ("第%s卷"); the variable is then used up
            t = t.replace("%s", value)
            ctx.consumed.add(var)
        return self.finish(Rich.plain(t), ctx)


# ----------------------------------------------------------------------------
# dates


class DatePartSpec:
    __slots__ = (
        "name",
        "form",
        "prefix",
        "suffix",
        "range_delimiter",
        "text_case",
        "strip_periods",
        "fmt_node",
    )

    def __init__(self, attrs: dict[str, str], el: etree._Element | None = None) -> None:
        self.name = attrs.get("name", "year")
        self.form = attrs.get("form")
        self.prefix = attrs.get("prefix", "")
        self.suffix = attrs.get("suffix", "")
        self.range_delimiter = attrs.get("range-delimiter", "–")
        self.text_case = attrs.get("text-case")
        self.strip_periods = attrs.get("strip-periods") == "true"
        fake = etree.Element("x", {k: v for k, v in attrs.items() if k in _FMT_ATTRS})
        self.fmt_node = Node(fake)


_FMT_ATTRS = ("font-style", "font-weight", "font-variant", "text-decoration", "vertical-align")


class DateNode(Node):
    __slots__ = ("variable", "form", "date_parts", "parts", "delimiter", "overrides")

    def __init__(self, el: etree._Element, style: Any) -> None:
        super().__init__(el)
        self.variable = el.get("variable", "issued")
        self.form = el.get("form")
        self.date_parts = el.get("date-parts", "year-month-day")
        self.delimiter = el.get("delimiter", "")
        children = [c for c in el if isinstance(c.tag, str) and c.tag == NS + "date-part"]
        self.overrides = {c.get("name"): dict(c.attrib) for c in children}
        self.parts = [DatePartSpec(dict(c.attrib)) for c in children]

    def specs(self, ctx: Ctx) -> tuple[list[DatePartSpec], str]:
        if not self.form:
            return self.parts, self.delimiter
        key = (id(self), ctx.locale.lang)
        cached = ctx.style.date_cache.get(key)
        if cached is not None:
            return cached
        attrs, parts = ctx.locale.dates.get(self.form, ({}, []))
        wanted = {"year": ("year",), "year-month": ("year", "month")}.get(
            self.date_parts, ("year", "month", "day")
        )
        specs = []
        for p in parts:
            if p.get("name") not in wanted:
                continue
            merged = dict(p)
            over = self.overrides.get(p.get("name"), {})
            for k, v in over.items():
                if k not in ("prefix", "suffix"):
                    merged[k] = v
            specs.append(DatePartSpec(merged))
        result = (specs, attrs.get("delimiter", ""))
        ctx.style.date_cache[key] = result
        return result

    def sort_key(self, value: PDate, ctx: Ctx) -> str:
        """The date as a sort key, limited to the parts this element shows."""
        specs, _ = self.specs(ctx)
        return _date_sort_key(value, {s.name for s in specs})

    def render(self, ctx: Ctx) -> Rich:
        value = ctx.value(self.variable)
        if not isinstance(value, PDate):
            ctx.note_var(False)
            return EMPTY
        if ctx.blank_dates and self.variable != "issued":
            ctx.note_var(False)
            return EMPTY
        ctx.note_var(True)
        ctx.used(self.variable)
        if ctx.sorting:
            return Rich.plain(self.sort_key(value, ctx))
        if not value.parts:
            return self.formatted(parse_markup(value.literal or ""))
        specs, delim = self.specs(ctx)
        want_suffix = (
            (self.variable == "issued" or "issued" not in ctx.item.vars)
            and ctx.year_suffix
            and not ctx.suffix_done
            and not ctx.style.renders_year_suffix
        )
        body = render_date(value, specs, delim, ctx, want_suffix)
        if want_suffix and body:
            ctx.suffix_done = True
        return self.formatted(body)


def _date_sort_key(value: PDate, names: set[str]) -> str:
    if not value.parts:
        return value.literal or ""
    out = []
    for y, m, d in value.parts:
        out.append(
            f"{y + 10000:05d}"
            + (f"{m:02d}" if "month" in names else "00")
            + (f"{d:02d}" if "day" in names else "00")
        )
    return "-".join(out)


def _part_text(spec: DatePartSpec, part: tuple[int, int, int], ctx: Ctx) -> str:
    y, m, d = part
    name = spec.name
    if name == "year":
        form = spec.form or "long"
        if y < 0:
            return f"{-y}{ctx.locale.term('bc') or 'BC'}"
        if form == "short":
            return f"{y % 100:02d}"
        if 0 < y < 1000:
            return f"{y}{ctx.locale.term('ad') or 'AD'}"
        return str(y)
    if name == "month":
        if not m:
            return ""
        form = spec.form or "long"
        if m > 12:
            season = (m - 13) % 4 + 1
            return ctx.locale.term(f"season-{season:02d}") or ""
        if form == "numeric":
            return str(m)
        if form == "numeric-leading-zeros":
            return f"{m:02d}"
        t = ctx.locale.term(f"month-{m:02d}", "short" if form == "short" else "long")
        return t or str(m)
    if name == "day":
        if not d or not m or m > 12:
            return ""
        form = spec.form or "numeric"
        if form == "numeric-leading-zeros":
            return f"{d:02d}"
        if form == "ordinal" and (
            d == 1 or ctx.locale.option("limit-day-ordinals-to-day-1") != "true"
        ):
            return f"{d}{ctx.locale.ordinal(d)}"
        return str(d)
    return ""


def _render_part(
    spec: DatePartSpec, part: tuple[int, int, int], ctx: Ctx, suffix: str = ""
) -> Rich:
    text = _part_text(spec, part, ctx)
    if not text:
        return EMPTY
    if spec.strip_periods:
        text = text.replace(".", "")
    body = Rich.plain(text)
    if spec.text_case:
        body = apply_case(body, spec.text_case, ctx.item.lang)
    if suffix:
        body = body + Rich.plain(suffix)
    body = spec.fmt_node.formatted(body)
    return affix(body, spec.prefix, spec.suffix)


_LEVEL = {"year": 0, "month": 1, "day": 2}


def render_date(
    value: PDate, specs: list[DatePartSpec], delim: str, ctx: Ctx, year_suffix: bool
) -> Rich:
    begin = value.parts[0]
    end = value.parts[1] if len(value.parts) > 1 else None
    ys = ctx.year_suffix if year_suffix else ""
    if end is None or end == begin:
        pieces = [_render_part(s, begin, ctx, ys if s.name == "year" else "") for s in specs]
        return join(pieces, delim)
    if end[0] == 0:  # an open range ([[1987], [0]]): "1987–"
        pieces = [_render_part(s, begin, ctx, ys if s.name == "year" else "") for s in specs]
        body = join(pieces, delim).rstrip()
        year = next((s for s in specs if s.name == "year"), None)
        return body + Rich.plain(year.range_delimiter if year else "–") if body else body
    # the largest part that differs
    diff = 0 if begin[0] != end[0] else 1 if begin[1] != end[1] else 2
    idx = [i for i, s in enumerate(specs) if _LEVEL.get(s.name, 0) >= diff]
    if not idx:  # the parts that differ are not shown: render the start
        pieces = [_render_part(s, begin, ctx, ys if s.name == "year" else "") for s in specs]
        return join(pieces, delim)
    range_delim = next((s.range_delimiter for s in specs if _LEVEL.get(s.name) == diff), "–")
    lo, hi = min(idx), max(idx)
    head = [_render_part(s, begin, ctx) for s in specs[:lo]]
    mid_b = [_render_part(s, begin, ctx) for s in specs[lo : hi + 1]]
    mid_e = [_render_part(s, end, ctx, ys if s.name == "year" else "") for s in specs[lo : hi + 1]]
    tail = [_render_part(s, begin, ctx, ys if s.name == "year" else "") for s in specs[hi + 1 :]]
    b = join(mid_b, delim)
    e = join(mid_e, delim)
    # the prefix of the range end's first part is dropped: "2019-05/06", not "2019-05/-06"
    prefix = specs[lo].prefix
    if e and prefix and str(e).startswith(prefix):
        for _ in range(len(prefix)):
            e = e.drop_first()
    middle = b.rstrip() + Rich.plain(range_delim) + e if b and e else (b or e)
    return join([*head, middle, *tail], delim)


# ----------------------------------------------------------------------------
# names


class NameSpec(Node):
    """A ``cs:name`` element: its own options (others are inherited at render time)."""

    __slots__ = ("opts", "family_part", "given_part")

    def __init__(self, el: etree._Element | None) -> None:
        super().__init__(el if el is not None else etree.Element("name"))
        self.opts: dict[str, str] = {}
        self.family_part: Node | None = None
        self.given_part: Node | None = None
        if el is None:
            return
        for k in NAME_OPTIONS:
            if k in el.attrib:
                self.opts[k] = el.get(k)
        for part in el:
            if isinstance(part.tag, str) and part.tag == NS + "name-part":
                if part.get("name") == "family":
                    self.family_part = Node(part)
                elif part.get("name") == "given":
                    self.given_part = Node(part)


class Names(Node):
    __slots__ = (
        "variables",
        "name",
        "et_al",
        "label",
        "label_first",
        "substitute",
        "delimiter",
        "has_name",
    )

    def __init__(self, el: etree._Element, style: Any) -> None:
        super().__init__(el)
        self.variables = el.get("variable", "").split()
        self.delimiter = el.get("delimiter")
        name_el = et_al_el = label_el = sub_el = None
        label_first = False
        for child in el:
            if not isinstance(child.tag, str):
                continue
            tag = child.tag.replace(NS, "")
            if tag == "name":
                name_el = child
            elif tag == "et-al":
                et_al_el = child
            elif tag == "label":
                label_el = child
                label_first = name_el is None
            elif tag == "substitute":
                sub_el = child
        self.has_name = name_el is not None
        self.name = NameSpec(name_el)
        self.et_al: tuple[str, Node] | None = (
            (et_al_el.get("term", "et-al"), Node(et_al_el)) if et_al_el is not None else None
        )
        self.label = Label(label_el, style) if label_el is not None else None
        self.label_first = label_first
        self.substitute = compile_children(sub_el, style) if sub_el is not None else []

    def render(self, ctx: Ctx, inherit: Names | None = None) -> Rich:
        spec = self if (self.has_name or inherit is None) else inherit
        label = self.label if self.label is not None or inherit is None else inherit.label
        label_first = (
            self.label_first if self.label is not None or inherit is None else inherit.label_first
        )
        if ctx.suppress_author and ctx.mode == "citation":
            # year collapsing: the author is already shown by the previous cite
            ctx.suppress_author = False
            ctx.note_var(True)
            return EMPTY
        found: list[tuple[str, list[PName]]] = []
        for var in self.variables:
            value = ctx.value(var)
            if isinstance(value, list) and value:
                found.append((var, value))
        if found:
            ctx.note_var(True)
            for var, _ in found:
                ctx.used(var)
            # editor and translator the same people: one list with the editortranslator term
            if (
                len(found) == 2
                and {found[0][0], found[1][0]} == {"editor", "translator"}
                and found[0][1] == found[1][1]
                and ctx.locale.term("editortranslator", "short")
            ):
                found = [("editortranslator", found[0][1])]
            pieces = []
            for var, names in found:
                body, count = render_names(names, spec.name, ctx)
                if not ctx.sorting and ctx.first_names is None:
                    ctx.first_names = body
                    if ctx.author_substitute is not None:
                        # subsequent-author-substitute: "———" for a repeated author
                        body = Rich.plain(ctx.author_substitute)
                        if not body:
                            ctx.note_var(True)
                            return EMPTY
                if label is not None and body:
                    lab = label_for(label, var, count > 1 or len(names) > 1, ctx)
                    if lab:
                        body = join([lab, body]) if label_first else join([body, lab])
                pieces.append(body)
            delim = self.delimiter if self.delimiter is not None else ctx.names_delimiter
            if spec.name.opts.get("form", ctx.name_opts.get("form")) == "count" or (
                ctx.sort_opts.get("form") == "count"
            ):
                total = sum(int(str(p)) for p in pieces if str(p).isdigit())
                return self.formatted(Rich.plain(str(total))) if total else EMPTY
            return self.formatted(join(pieces, delim))
        # substitute
        for node in self.substitute:
            ctx.var_frames.append([0, 0])
            log: set[str] = set()
            ctx.logs.append(log)
            if isinstance(node, Names):
                out = node.render(ctx, inherit=self)
            elif isinstance(node, Choose):
                out = EMPTY
                for branch in node.branches:
                    if branch.holds(ctx):
                        outs = []
                        for n in branch.body:
                            outs.append(
                                n.render(ctx, inherit=self)
                                if isinstance(n, Names)
                                else n.render(ctx)
                            )
                            if outs[-1]:
                                out = outs[-1]
                                if isinstance(n, Names):
                                    ctx.suppressed.update(n.variables)
                                break
                        break
            else:
                out = node.render(ctx)
            ctx.var_frames.pop()
            ctx.logs.pop()
            if out:
                ctx.note_var(True)
                ctx.suppressed.update(log)
                if isinstance(node, Names):
                    ctx.suppressed.update(node.variables)
                elif isinstance(node, Text) and node.kind == "variable":
                    ctx.suppressed.add(node.arg)
                return self.formatted(out)
        ctx.note_var(False)
        return EMPTY


def label_for(label: Label, var: str, plural: bool, ctx: Ctx) -> Rich:
    if label.plural == "always":
        plural = True
    elif label.plural == "never":
        plural = False
    t = ctx.locale.term(var, label.form, plural)
    if not t:
        return EMPTY
    return label.finish(Rich.plain(t), ctx)


def _opt(name: str, spec: NameSpec, ctx: Ctx) -> str | None:
    if ctx.sorting and name in ctx.sort_opts:
        return ctx.sort_opts[name]
    v = spec.opts.get(name)
    if v is not None:
        return v
    return ctx.name_opts.get(name)


def render_names(names: list[PName], spec: NameSpec, ctx: Ctx) -> tuple[Rich, int]:
    """The rendered name list and its length; ``cs:name`` formatting and affixes wrap the list."""
    body, count = _render_names(names, spec, ctx)
    if ctx.sorting or not body or (_opt("form", spec, ctx) or "long") == "count":
        return body, count
    return spec.formatted(body), count


def _render_names(names: list[PName], spec: NameSpec, ctx: Ctx) -> tuple[Rich, int]:
    form = _opt("form", spec, ctx) or "long"
    delimiter = _opt("delimiter", spec, ctx)
    if delimiter is None:
        delimiter = ", "
    et_al_min = int(_opt("et-al-min", spec, ctx) or 0)
    et_al_first = int(_opt("et-al-use-first", spec, ctx) or 0)
    if ctx.mode == "citation" and ctx.cite.get("position", "first") != "first":
        sub_min = _opt("et-al-subsequent-min", spec, ctx)
        sub_first = _opt("et-al-subsequent-use-first", spec, ctx)
        if sub_min:
            et_al_min = int(sub_min)
        if sub_first:
            et_al_first = int(sub_first)
    use_last = _opt("et-al-use-last", spec, ctx) == "true"
    extra = ctx.disamb.get("add_names", 0)
    truncated = False
    shown = names
    if et_al_min and len(names) >= et_al_min and et_al_first:
        n = min(len(names), et_al_first + extra)
        if n < len(names):
            shown = names[:n]
            truncated = True
    # BibTeX "and others": the list is known to be incomplete, so it ends in et al.
    if (
        shown
        and shown[-1].literal is not None
        and shown[-1].literal.lower() in ("others", "et al.")
    ):
        shown = shown[:-1]
        truncated = bool(shown)
        names = shown + [names[-1]]
    if form == "count":
        return Rich.plain(str(len(shown))), len(shown)
    nas = _opt("name-as-sort-order", spec, ctx)
    if ctx.sorting:
        nas = "all"
    sort_sep = _opt("sort-separator", spec, ctx)
    if sort_sep is None:
        sort_sep = ", "
    rendered: list[Rich] = []
    inverted: list[bool] = []
    givenname_level = ctx.disamb.get("givenname")
    for i, name in enumerate(shown):
        inv = nas == "all" or (nas == "first" and i == 0)
        level = None
        if givenname_level is not None:
            level = givenname_level.get(i)
        rendered.append(render_name(name, spec, ctx, form, inv, sort_sep, level))
        inverted.append(inv)
    count = len(rendered)
    and_ = None if ctx.sorting else _opt("and", spec, ctx)  # sort keys: names only
    and_term = None
    if and_ == "text":
        and_term = ctx.locale.term("and") or "and"
    elif and_ == "symbol":
        and_term = "&"
    if truncated:
        if use_last and len(names) > et_al_first + 1:
            last = render_name(names[-1], spec, ctx, form, nas == "all", sort_sep, None)
            # et-al-use-last: "A, B, … Z"
            body = join([join(rendered, delimiter), Rich.plain("…")], delimiter)
            return join([body, last], " "), count
        et = EMPTY if ctx.sorting else _et_al_term(spec, ctx)
        if not et:
            return join(rendered, delimiter), count
        dpe = _opt("delimiter-precedes-et-al", spec, ctx) or "contextual"
        use_delim = (
            dpe == "always"
            or (dpe == "contextual" and len(rendered) >= 2)
            or (dpe == "after-inverted-name" and inverted[-1])
        )
        body = join(rendered, delimiter)
        if use_delim:
            return join([body, et], delimiter), count
        return join([body, et], " ") if not str(et).startswith(" ") else body + et, count
    if and_term and len(rendered) > 1:
        dpl = _opt("delimiter-precedes-last", spec, ctx) or "contextual"
        use_delim = (
            # citeproc-js: two names, the first not inverted (an institution): "A & B"
            (dpl == "always" and not (len(rendered) == 2 and shown[0].literal is not None))
            or (dpl == "contextual" and len(rendered) >= 3)
            or (dpl == "after-inverted-name" and inverted[-2])
        )
        head = join(rendered[:-1], delimiter)
        if use_delim:
            body = join([head, join([Rich.plain(and_term), rendered[-1]], " ")], delimiter)
        else:
            body = join([head, Rich.plain(and_term), rendered[-1]], " ")
        return body, count
    return join(rendered, delimiter), count


def _et_al_term(spec: NameSpec, ctx: Ctx) -> Rich:
    et = ctx.style.current_et_al.get(id(spec))
    term = "et-al"
    node = None
    if et is not None:
        term, node = et
    t = ctx.locale.term(term)
    if not t:
        return EMPTY
    body = Rich.plain(t)
    return node.formatted(body) if node is not None else body


def initialize(given: str, mark: str, hyphen: bool) -> str:
    """Initials of ``given``: ``Kai Quan`` → ``K Q`` (mark " "), ``Jean-Paul`` → ``J.-P.``."""
    out = []
    words = re.split(r"(\s+|-)", given.strip())
    pending_hyphen = False
    for w in words:
        if not w:
            continue
        if w == "-":
            pending_hyphen = True
            continue
        if w.isspace():
            continue
        core = w.strip(".")
        if not core:
            continue
        if core[0].isupper() or not core[0].isalpha():
            initial = core[0] if core[0].isalpha() else core
            # an initial written as a digraph stays one ("Th." is not "T.")
            if w.endswith(".") and len(core) == 2 and core[1].islower():
                initial = core
            piece = initial + mark
        else:
            piece = w + " "  # particle-like lowercase word: kept whole
        if pending_hyphen and out and hyphen:
            out[-1] = out[-1].rstrip() + "-"
        pending_hyphen = False
        out.append(piece)
    result = "".join(out)
    return result.rstrip() if mark.endswith(" ") or mark == "" else result.rstrip(" ")


def render_name(
    name: PName,
    spec: NameSpec,
    ctx: Ctx,
    form: str,
    inverted: bool,
    sort_sep: str,
    level: int | None,
) -> Rich:
    fam_node, giv_node = spec.family_part, spec.given_part
    if name.literal is not None:
        return parse_markup(smart_apostrophes(name.literal))
    family = smart_apostrophes(name.family or "")
    given = smart_apostrophes(name.given or "")
    if name.cjk:
        fam = _part(Rich.plain(family), fam_node, ctx)
        if form == "short" and level is None:
            return fam
        giv = _part(Rich.plain(given), giv_node, ctx) if given else EMPTY
        return fam + giv
    demote = ctx.style.demote_ndp
    init_with = _opt("initialize-with", spec, ctx)
    init = _opt("initialize", spec, ctx) != "false"
    hyphen = _opt("initialize-with-hyphen", spec, ctx) != "false"
    if level is not None:
        # disambiguation: 1 = initials, 2 = full given name
        if level >= 2:
            init_with = None
        elif init_with is None:
            init_with = ". "
            init = True
    if given and init_with is not None and init:
        if not (ctx.full_pinyin and is_pinyin_name(name.family, name.given)):
            given = initialize(given, init_with, hyphen)
    elif given and init_with is not None and not init:
        pass
    ndp = name.ndp or ""
    dp = name.dp or ""
    if form == "short" and (level is None or level == 0):
        fam_text = " ".join(x for x in (ndp, family) if x)
        return _part(Rich.plain(fam_text), fam_node, ctx)
    if inverted:
        if demote in ("never", "sort-only") and not ctx.sorting or demote == "never":
            fam_text = " ".join(x for x in (ndp, family) if x)
            giv_text = " ".join(x for x in (given, dp) if x)
        else:
            fam_text = family
            giv_text = " ".join(x for x in (given, dp, ndp) if x)
        fam = _part(Rich.plain(fam_text), fam_node, ctx)
        giv = _part(Rich.plain(giv_text), giv_node, ctx) if giv_text else EMPTY
        pieces = [fam, giv]
        if name.suffix:
            pieces.append(Rich.plain(_suffix_text(name.suffix, init_with)))
        return join([p for p in pieces if p], sort_sep)
    fam_text = " ".join(x for x in (dp, ndp, family) if x)
    fam = _part(Rich.plain(fam_text), fam_node, ctx)
    giv = _part(Rich.plain(given), giv_node, ctx) if given else EMPTY
    body = join([giv, fam], " ")
    if name.suffix:
        suffix = _suffix_text(name.suffix, init_with)
        body = join([body, Rich.plain(suffix)], ", " if name.comma_suffix else " ")
    return body


def _suffix_text(suffix: str, init_with: str | None) -> str:
    """Name suffixes lose their periods where initials do (``Jr.`` → ``Jr`` with ``initialize-with=" "``)."""
    if init_with is not None and "." not in init_with:
        return suffix.replace(".", "")
    return suffix


def _part(body: Rich, node: Node | None, ctx: Ctx) -> Rich:
    if node is None or not body:
        return body
    return node.finish(body, ctx)


# ----------------------------------------------------------------------------
# compilation

_NODE_TYPES: dict[str, Any] = {}


def compile_element(el: etree._Element, style: Any) -> Node | None:
    if not isinstance(el.tag, str):
        return None
    tag = el.tag.replace(NS, "")
    cls = _NODE_TYPES.get(tag)
    if cls is None:
        return None
    node = cls(el, style)
    if isinstance(node, Names) and node.et_al is not None:
        style.current_et_al[id(node.name)] = node.et_al
    return node


def compile_children(el: etree._Element, style: Any) -> list[Node]:
    out = []
    for child in el:
        node = compile_element(child, style)
        if node is not None:
            out.append(node)
    return out


_NODE_TYPES.update(
    {
        "text": Text,
        "group": Group,
        "choose": Choose,
        "names": Names,
        "date": DateNode,
        "number": Number,
        "label": Label,
    }
)
