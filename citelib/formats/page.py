"""Pasted catalogue pages: the text of a page copied from a browser, turned into a record.

Two layouts are read, the two the seed library comes in:

* the **thesis-abstract page** of an English-language catalogue of Chinese
  theses: a title line, then ``Posted on:``, ``Degree:``, ``Type:``,
  ``Country:``, ``Candidate:``, ``Full Text:``, ``GTID:`` and ``Subject:``
  run together on a few lines with no separator (``Posted on:2020-08-25Degree:DoctorType:Dissertation``),
  ``Abstract/Summary:`` with the abstract on the next line and
  ``Keywords/Search Tags:``;
* the **Chinese journal-article page** (CQVIP style): the Chinese title with
  its citation count (``被引量:22``), the English title, then labelled lines
  ``摘要`` (the Chinese abstract followed by the English one), ``作者``,
  ``出处`` (``《地方治理研究》 2018年第1期2-16,共15页 Local Governance Research``),
  ``基金``, ``关键词`` (Chinese keywords, then English ones) and the
  catalogue's citation-network counts (``参考文献6`` …).

Every fact the page gives is kept, mapped as in ``seeds/`` (see
``seeds/README.md``): what CSL has a variable for goes there, the rest into
``extra`` (``gtid``, ``subject``, ``country``, ``fund``, ``times-cited``, the
counts, and the article's English title, abstract and journal name as
``translated-title``, ``translated-abstract`` and ``translated-container-title``:
parallel titles of a work written in Chinese, not CSL's ``original-title``, which
names the original of a translated work and which APA prints as "Original work
published as …").  The
pages turn full-width punctuation into ASCII; an ASCII ``:`` ``,`` ``;`` ``?``
or ``!`` between Chinese characters of a title is turned back into the
full-width form the journal prints; English titles get back the spaces the
pages drop after ``:`` ``;`` ``,`` and curly quotes, and a title written with
Every Word Capitalised is put in title case (:func:`english_title`).  Page furniture (``Font Size: a A A``,
``Full Text:PDF`` and ``PDF Full Text Request`` links, ``下载PDF``, ``相关文献`` …)
is ignored.

A page of neither layout, or one that lacks what its layout must have (a
title, a date, an author), raises :class:`~citelib.errors.ParseError` naming
the file: never a half-filled record.  Keys come from :mod:`citelib.keys`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

import attrs

from ..errors import ParseError, Problem, Report
from ..keys import assign_keys, key_base, placeholder_id
from ..language import CSL_STOP_WORDS, has_cjk, is_han, split_cjk_name
from ..model import Date, Library, Name, Work

__all__ = [
    "NEITHER_LAYOUT",
    "TITLE_STOP_WORDS",
    "catalogue_title_case",
    "english_title",
    "english_title_spacing",
    "full_width_punctuation",
    "import_page",
    "is_capitalised_every_word",
    "read_many",
    "page_layout",
    "read",
    "sniff",
    "split_english_keywords",
]

NEITHER_LAYOUT = "not a thesis-abstract page nor a journal-article page"

# ---------------------------------------------------------------------------
# Layout detection

_THESIS_LABELS = (
    "Posted on",
    "Degree",
    "Type",
    "Country",
    "Candidate",
    "Full Text",
    "GTID",
    "Subject",
)
_THESIS_LABEL_RE = re.compile("(" + "|".join(re.escape(x) for x in _THESIS_LABELS) + "):")
_ABSTRACT_LABEL = "Abstract/Summary:"
_KEYWORDS_LABEL = "Keywords/Search Tags:"

_JOURNAL_LABELS = ("摘要", "作者", "机构", "出处", "基金", "关键词", "分类号", "DOI")
# ``((?:.*\S)?)\s*$``, not ``(.*?)\s*$``: the lazy form retries the tail at every
# character, quadratic in a long run of spaces inside the value
_JOURNAL_LINE_RE = re.compile(
    r"^\s*(" + "|".join(_JOURNAL_LABELS) + r")\s*[:：]?\s+((?:.*\S)?)\s*$"
)


def page_layout(text: str) -> str | None:
    """``"thesis"``, ``"journal"`` or None: which of the two page layouts *text* is."""
    lines = [line.strip() for line in text.splitlines()]
    if (
        any(line.startswith("Posted on:") for line in lines)
        and any(line.startswith(_ABSTRACT_LABEL) for line in lines)
        and any(line.startswith("GTID:") or "Candidate:" in line for line in lines)
    ):
        return "thesis"
    labels = {m.group(1) for line in lines if (m := _JOURNAL_LINE_RE.match(line))}
    if {"作者", "出处"} <= labels and labels & {"摘要", "关键词"}:
        return "journal"
    return None


def sniff(text: str) -> bool:
    """True if *text* is a catalogue page of one of the two layouts."""
    return page_layout(text) is not None


# ---------------------------------------------------------------------------
# Helpers shared by the layouts

_OPENERS = "“‘「『《〈（【〔([{\"'"
_CLOSERS = "”’」』》〉）】〕)]}\"'"
_FULL_WIDTH = {":": "：", ",": "，", ";": "；", "?": "？", "!": "！"}


def full_width_punctuation(title: str) -> str:
    """*title* with ASCII ``: , ; ? !`` between Chinese characters made full-width.

    Quotes and brackets next to the mark do not count: ``碎片化”:构建`` → ``碎片化”：构建``.
    """
    chars = list(title)
    for i, ch in enumerate(chars):
        if ch not in _FULL_WIDTH:
            continue
        j = i - 1
        while j >= 0 and (chars[j] in _CLOSERS or chars[j] == " "):
            j -= 1
        k = i + 1
        while k < len(chars) and (chars[k] in _OPENERS or chars[k] == " "):
            k += 1
        if j >= 0 and k < len(chars) and is_han(chars[j]) and is_han(chars[k]):
            chars[i] = _FULL_WIDTH[ch]
    return "".join(chars)


# ---------------------------------------------------------------------------
# English titles: the catalogue's spacing and capitalisation undone

#: Words a title-cased English title keeps in lower case unless they are its first or
#: last word or start a subtitle: the stop words of CSL 1.0.2 ``text-case="title"``
#: (the list citeproc-js applies, after the Chicago Manual of Style), plus the short
#: prepositions ``off``, ``per`` and ``vs``, which Chicago also lowercases.
TITLE_STOP_WORDS = CSL_STOP_WORDS | {"off", "per", "vs"}

_LATIN = "A-Za-z\u00c0-\u024f"
_SPACE_AFTER = re.compile(
    f"(?<=[{_LATIN}0-9)\\]”’\"'])([:;])(?=[{_LATIN}(“‘])"  # Governance:A, 2.0;The
    f"|(?<=[{_LATIN}]),(?=[{_LATIN}])"  # District,Hangzhou (never 1,000)
)
_QUOTE_SPACE = re.compile(f"(?<=[{_LATIN}])(“)|(”)(?=[{_LATIN}0-9])")
_LETTERS = re.compile(r"[^\W\d_]+")
# What ends a title's phrase: the word after it starts a subtitle, the word before ends one.
_PHRASE_END = re.compile(r"[:?!—–]|\s-\s")


def english_title_spacing(title: str) -> str:
    """*title* with the spaces the catalogue pages drop after punctuation put back.

    A space follows an ASCII ``:`` or ``;`` between Latin words
    (``Experience:Research`` → ``Experience: Research``), a ``,`` between Latin
    letters (``District,Hangzhou``, never ``1,000``), a closing curly quote before
    a word and an opening one after a word (``“Safe 365”in`` → ``“Safe 365” in``).
    """
    title = _SPACE_AFTER.sub(lambda m: (m.group(1) or ",") + " ", title)
    return _QUOTE_SPACE.sub(lambda m: " “" if m.group(1) else "” ", title)


def is_capitalised_every_word(title: str) -> bool:
    """True if every word of *title* starts with a capital, as the catalogue writes titles.

    A word is a run of non-space characters; those without letters do not count.  A title
    in capitals only (``GIS IN CITIES``) is not this form: its case says nothing.
    """
    firsts = [m.group()[0] for word in title.split() if (m := _LETTERS.search(word))]
    return bool(firsts) and all(ch.isupper() for ch in firsts) and any(ch.islower() for ch in title)


def catalogue_title_case(title: str) -> str:
    """An English title the catalogue capitalised Every Word Of in standard title case.

    Only a title in that form (:func:`is_capitalised_every_word`) changes; one in
    sentence or title case is returned as it is.  A stop word
    (:data:`TITLE_STOP_WORDS`) written with one capital (``Of``, not ``OF``) goes
    lower case unless it is the first or last word, starts or ends a subtitle (after
    or before ``:`` ``?`` ``!`` or a dash) or is the first element of a
    hyphenated compound (``Up-to-Date``).  Nothing else changes: acronyms and words
    with inner capitals stay as they are.

    ``Research On The Practical Dilemma Of Community Governance Platform`` →
    ``Research on the Practical Dilemma of Community Governance Platform``.
    """
    if not is_capitalised_every_word(title):
        return title
    parts = list(_LETTERS.finditer(title))
    out: list[str] = []
    at = 0
    for i, m in enumerate(parts):
        word = m.group()
        before = title[parts[i - 1].end() : m.start()] if i else ""
        after = title[m.end() : parts[i + 1].start()] if i + 1 < len(parts) else ""
        keep = (
            i == 0
            or i + 1 == len(parts)
            or word.casefold() not in TITLE_STOP_WORDS
            or not (word[0].isupper() and word[1:].islower() or len(word) == 1)
            or _PHRASE_END.search(before) is not None
            or _PHRASE_END.search(after) is not None
            or (after.startswith("-") and not before.endswith("-"))
        )
        out.append(title[at : m.start()])
        out.append(word if keep else word.lower())
        at = m.end()
    out.append(title[at:])
    return "".join(out)


def english_title(title: str) -> str:
    """A catalogue page's English title as the work prints it: spacing, then title case."""
    return catalogue_title_case(english_title_spacing(title))


def _error(source: str, message: str, line: int | None = None) -> ParseError:
    return ParseError(message, file=source, line=line, code="not-a-page")


# ---------------------------------------------------------------------------
# The thesis-abstract page

_THESIS_CHROME = frozenset(["Font Size: a A A", "PDF Full Text Request", "Related items"])
_DEGREE_GENRES = {
    "doctor": "Doctoral dissertation",
    "doctoral": "Doctoral dissertation",
    "phd": "Doctoral dissertation",
    "master": "Master's thesis",
    "masters": "Master's thesis",
    "bachelor": "Bachelor's thesis",
}


def _candidate(value: str) -> Name:
    """``K Q Ren`` → family Ren, given ``K. Q.``; a Chinese name split as usual."""
    text = " ".join(value.split())
    if has_cjk(text):
        return split_cjk_name(text)
    if "," in text:
        family, _, given = text.partition(",")
        tokens = given.split()
    else:
        *tokens, family = text.split()
    given_parts = []
    for token in tokens:
        # bare initials get their periods: K → K., K-Q → K.-Q.
        if re.fullmatch(r"[A-Z](?:-[A-Z])*\.?", token):
            token = "-".join(p.rstrip(".") + "." for p in token.split("-"))
        given_parts.append(token)
    return Name(family=family.strip(), given=" ".join(given_parts) or None)


def _repeated(report: Report, label: str, kept: tuple[str, int], value: str, line: int) -> None:
    report.warning(
        "duplicate-field",
        f"{label!r} given again (line {kept[1]} gave {kept[0]!r}): {value!r} left out",
        line=line,
    )


def _thesis(text: str, source: str, report: Report) -> Work:
    lines = text.splitlines()
    fields: dict[str, tuple[str, int]] = {}
    title: str | None = None
    abstract_at = keywords_at = None
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line in _THESIS_CHROME:
            continue
        if line.startswith(_ABSTRACT_LABEL):
            abstract_at = n
            break
        labels = list(_THESIS_LABEL_RE.finditer(line))
        if labels and labels[0].start() == 0:
            for m, nxt in zip(labels, [*labels[1:], None], strict=True):
                end = nxt.start() if nxt is not None else len(line)
                value = line[m.end() : end].strip()
                if m.group(1) in fields:
                    _repeated(report, m.group(1) + ":", fields[m.group(1)], value, n)
                else:
                    fields[m.group(1)] = (value, n)
        elif title is None and not fields:
            title = line
    if abstract_at is None:  # pragma: no cover - page_layout checked it
        raise _error(source, "thesis-abstract page without 'Abstract/Summary:'")
    abstract_lines: list[str] = []
    keywords = ""
    for n in range(abstract_at, len(lines)):
        line = lines[n].strip()
        if line.startswith(_KEYWORDS_LABEL):
            keywords_at = n + 1
            keywords = line.removeprefix(_KEYWORDS_LABEL).strip()
            break
        if line and line not in _THESIS_CHROME:
            abstract_lines.append(line)
    head = lines[abstract_at - 1].strip().removeprefix(_ABSTRACT_LABEL).strip()
    if head and head not in _THESIS_CHROME:
        abstract_lines.insert(0, head)

    if not title:
        raise _error(source, "thesis-abstract page without a title line", 1)
    posted, posted_line = fields.get("Posted on", ("", None))
    posted_date = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", posted)
    if posted_date is None:
        raise _error(
            source, f"thesis-abstract page: 'Posted on:' is not a date: {posted!r}", posted_line
        )
    year, month, day = (int(g) for g in posted_date.groups())
    candidate, candidate_line = fields.get("Candidate", ("", None))
    if not candidate:
        raise _error(source, "thesis-abstract page without 'Candidate:'", candidate_line)

    author = _candidate(candidate)
    if not (author.family or author.literal):
        raise _error(
            source, f"thesis-abstract page: no name in 'Candidate:{candidate}'", candidate_line
        )
    degree = fields.get("Degree", ("", 0))[0]
    kind = fields.get("Type", ("", 0))[0]
    genre = _DEGREE_GENRES.get(degree.lower().rstrip("'s"))
    if genre is None:
        genre = " ".join(x for x in (degree, kind.lower()) if x) or None
    extra = [
        (key, fields[label][0])
        for label, key in (("Country", "country"), ("GTID", "gtid"), ("Subject", "subject"))
        if fields.get(label, ("", 0))[0]
    ]
    keyword = ", ".join(k.strip() for k in keywords.split(",") if k.strip()) or None
    if keywords_at is None:
        keyword = None
    return Work(
        id=placeholder_id(1),
        type="thesis",
        author=(author,),
        issued=Date.of(year),
        available_date=Date.of(year, month, day),
        abstract="\n".join(abstract_lines) or None,
        genre=genre,
        keyword=keyword,
        language="zh-CN" if has_cjk(title) else "en",
        title=full_width_punctuation(title) if has_cjk(title) else english_title(title),
        extra=extra,
    )


# ---------------------------------------------------------------------------
# The Chinese journal-article page

_JOURNAL_CHROME = re.compile(
    r"^(期刊文献\+?|下载PDF|导出|在线阅读|下载|收藏|分享|•?\s*相关文献|相关作者|相关机构|相关主题"
    r"|浏览历史|内容加载中请稍等\.*|;|使用帮助\s*返回顶部|返回顶部)$"
)
_COUNT_KEYS = {
    "参考文献": "references-count",
    "二级参考文献": "secondary-references-count",
    "共引文献": "co-citing-count",
    "同被引文献": "co-cited-count",
    "引证文献": "citing-count",
    "二级引证文献": "secondary-citing-count",
}
_COUNT_RE = re.compile(r"^(" + "|".join(_COUNT_KEYS) + r")\s*(\d+)$")
# no leading ``\s*`` (the title is stripped): searched for, it made a run of spaces quadratic
_CITED_RE = re.compile(r"被引量\s*[:：]\s*(\d+)\s*$")
_SOURCE_RE = re.compile(
    r"^《(?P<journal>[^》]+)》\s*"
    r"(?:(?P<year>\d{4})\s*年)?\s*"
    r"(?:第\s*(?P<volume>[^卷期\s]+)\s*卷)?\s*"
    r"(?:第\s*(?P<issue>[^期\s]+)\s*期)?\s*"
    r"(?P<page>[A-Za-z]?\d+[A-Za-z]?(?:\s*[-–—~]\s*[A-Za-z]?\d+[A-Za-z]?)?(?:\s*[,，+]\s*[A-Za-z]?\d+[A-Za-z]?(?:\s*[-–—~]\s*[A-Za-z]?\d+[A-Za-z]?)?)*)?\s*"
    r"(?:[,，]?\s*共\s*(?P<pages>\d+)\s*页)?\s*"
    r"(?P<english>(?:.*\S)?)\s*$"  # not (.*?)\s*$: quadratic in a run of spaces
)
# Han characters and full-width punctuation; not the curly quotes English text uses too.
_CJK_END = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_CLOSING = "”’」』》〉）】〕\"'"


def _split_bilingual(text: str) -> tuple[str, str]:
    """``中文摘要。 English abstract.`` → (Chinese part, English part).

    The English part starts after the last Chinese character or full-width mark
    (and the closing quotes or brackets right after it).
    """
    last = None
    for m in _CJK_END.finditer(text):
        last = m
    if last is None:
        return "", text.strip()
    end = last.end()
    while end < len(text) and text[end] in _CLOSING:
        end += 1
    return text[:end].strip(), text[end:].strip()


_SPACES = re.compile(r"\s*")
_WORD = re.compile(r"\S+")
_QUOTE_CLOSE = {'"': '"', "“": "”"}


def _skip_spaces(text: str, at: int) -> int:
    m = _SPACES.match(text, at)
    return m.end() if m else at


def _quoted_units(text: str) -> list[str]:
    """Words of *text*, with a quoted phrase (``"safe 365"``, ``“…”``) as one unit.

    What ``re.findall(r'"[^"]*"|“[^”]*”|\\S+', text)`` gives, in linear time: that
    pattern looks for a closing quote to the end of the text from every unclosed one.
    """
    units: list[str] = []
    found: dict[str, tuple[int, int]] = {}  # closing quote -> (searched from, found at)

    def next_close(close: str, start: int) -> int:
        # searches only where no earlier search looked: linear over the whole text
        since, at = found.get(close, (len(text) + 1, -1))
        if since <= start and (at == -1 or at >= start):
            return at
        at = text.find(close, start)
        found[close] = (start, at)
        return at

    i = _skip_spaces(text, 0)
    while i < len(text):
        close = _QUOTE_CLOSE.get(text[i])
        end = next_close(close, i + 1) + 1 if close is not None else 0
        if end <= 0:
            m = _WORD.match(text, i)
            assert m is not None
            end = m.end()
        units.append(text[i:end])
        i = _skip_spaces(text, end)
    return units


_ADJECTIVE_END = re.compile(
    r"(al|ive|ic|ous|ary|ory|an|ed|ing|level|based|oriented|like|ful|less|able|ible)$"
)
_FUNCTION_WORDS = frozenset(
    ["of", "and", "or", "for", "in", "on", "at", "to", "the", "a", "an", "with", "by", "from", "as"]
)


def _expected_words(keyword: str) -> float:
    if keyword[:1] in "“\"'‘《" and keyword[-1:] in "”\"'’》":
        return 1.0
    han = sum(1 for ch in keyword if is_han(ch))
    latin = len(re.findall(r"[A-Za-z0-9]+", keyword))
    return max(1.0, han / 2 + latin)


def _group_cost(units: Sequence[str], chinese: str) -> float:
    cost = (len(units) - _expected_words(chinese)) ** 2
    last, first = units[-1].lower(), units[0].lower()
    if last in _FUNCTION_WORDS or first in _FUNCTION_WORDS - {"the", "a", "an"}:
        cost += 4
    if _ADJECTIVE_END.search(last) and not last.startswith(('"', "“")):
        cost += 2
    quoted_en = any(u[:1] in '"“' for u in units)
    quoted_zh = chinese[:1] in '“"' and chinese[-1:] in '”"'
    if quoted_en != quoted_zh:
        cost += 3
    return cost


def split_english_keywords(english: str, chinese: Sequence[str]) -> list[str]:
    """The English keywords of a page, which shows them separated by single spaces only.

    They translate the Chinese keywords one to one, so the words are cut into
    as many groups as there are Chinese keywords, choosing the cut that best
    fits the length of each Chinese keyword (two Han characters to a word) and
    does not end a keyword on an adjective or a function word.  When there
    are fewer words than Chinese keywords, the English text is kept whole.

    The best cut is found by dynamic programming over the cuts that can be
    best (:func:`_cut_windows`): time grows with the number of keywords, not
    with the number of words beyond reading them.
    """
    units = _quoted_units(english)
    n = len(chinese)
    if not units:
        return []
    if n == 0 or len(units) < n:
        return [" ".join(units)]
    if len(units) == n:
        return units
    cost = _CutCost(units, chinese)
    windows, lengths = _cut_windows(cost, len(units), n)
    inf = float("inf")
    # best[k][i]: cost of cutting units[:i] into the first k keywords (i in windows[k])
    best: list[dict[int, float]] = [{0: 0.0}]
    back: list[dict[int, int]] = [{}]
    for k in range(1, n + 1):
        prev, row, links = best[k - 1], {}, {}
        shortest, longest = lengths[k - 1]
        lo, hi = windows[k]
        for i in range(lo, hi + 1):
            top = inf
            at = 0
            for j in range(max(i - longest, k - 1), min(i - shortest, i - 1) + 1):
                before = prev.get(j)
                if before is None:
                    continue
                c = before + cost(j, i, k - 1)
                if c < top:
                    top, at = c, j
            if top < inf:
                row[i], links[i] = top, at
        best.append(row)
        back.append(links)
    cuts = []
    i = len(units)
    for k in range(n, 0, -1):
        j = back[k][i]
        cuts.append(" ".join(units[j:i]))
        i = j
    return cuts[::-1]


class _CutCost:
    """:func:`_group_cost` of ``units[j:i]`` against keyword *k*, in constant time
    (the facts about each word computed once)."""

    def __init__(self, units: Sequence[str], chinese: Sequence[str]) -> None:
        lower = [u.lower() for u in units]
        self.expected = [_expected_words(c) for c in chinese]
        self.quoted_zh = [c[:1] in '“"' and c[-1:] in '”"' for c in chinese]
        self.bad_last = [w in _FUNCTION_WORDS for w in lower]
        self.bad_first = [w in _FUNCTION_WORDS - {"the", "a", "an"} for w in lower]
        self.adjective = [
            _ADJECTIVE_END.search(w) is not None and not w.startswith(('"', "“")) for w in lower
        ]
        self.quoted = [0]  # quoted[i]: how many of units[:i] are quoted
        for u in units:
            self.quoted.append(self.quoted[-1] + (u[:1] in '"“'))

    def __call__(self, j: int, i: int, k: int) -> float:
        cost = (i - j - self.expected[k]) ** 2
        if self.bad_last[i - 1] or self.bad_first[j]:
            cost += 4
        if self.adjective[i - 1]:
            cost += 2
        if (self.quoted[i] > self.quoted[j]) != self.quoted_zh[k]:
            cost += 3
        return cost


def _cut_windows(
    cost: _CutCost, size: int, n: int
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Where the *k*-th cut of *size* words into *n* groups can be, and how long group *k*
    can be, in a cut no worse than a simple one.

    A cut's cost is at least the sum of ``(length - expected)²`` (the other terms are
    positive).  With ``λ`` the mean excess length, the lengths ``expected + λ + d`` sum
    to *size* when the ``d`` sum to 0, and that sum is ``nλ² + Σd²``.  So a cut costing
    no more than a known one (*bound*) has ``Σd² ≤ D = bound - nλ²``: each group's
    length is within ``√D`` of ``expected + λ`` and the *k*-th cut within
    ``√(min(k, n - k)·D)`` of where those lengths put it.  Every best cut lies inside,
    so the dynamic programming finds the same cut as over every cut.
    """
    expected = cost.expected
    lam = (size - sum(expected)) / n
    ideal = [0.0]
    for e in expected:
        ideal.append(ideal[-1] + e + lam)
    # a simple cut: the ideal positions rounded, kept in order
    cuts = [0]
    for k in range(1, n):
        cuts.append(min(max(round(ideal[k]), cuts[-1] + 1), size - (n - k)))
    cuts.append(size)
    bound = sum(cost(cuts[k], cuts[k + 1], k) for k in range(n))
    spread = max(0.0, bound - n * lam * lam) + 1.0  # + 1: room for rounding in floats
    windows = [(0, 0)]
    for k in range(1, n + 1):
        r = math.sqrt(min(k, n - k) * spread)
        lo = max(k, math.floor(ideal[k] - r))
        hi = min(size - (n - k), math.ceil(ideal[k] + r))
        windows.append((lo, hi) if k < n else (size, size))
    r = math.sqrt(spread)
    lengths = [(max(1, math.floor(e + lam - r)), max(1, math.ceil(e + lam + r))) for e in expected]
    return windows, lengths


def _split_keywords(value: str) -> list[str]:
    tokens = _quoted_units(value) if "；" not in value and ";" not in value else None
    if tokens is None:  # keywords separated by semicolons
        return [t.strip() for t in re.split(r"[;；]", value) if t.strip()]
    last_cjk = max((i for i, t in enumerate(tokens) if has_cjk(t)), default=-1)
    chinese = tokens[: last_cjk + 1]
    english = " ".join(tokens[last_cjk + 1 :])
    return chinese + split_english_keywords(english, chinese)


def _without_mark(token: str) -> str:
    """*token* without the affiliation mark at its end (``王五1``, ``王五[1,2]``, ``王五(1)``).

    What ``re.sub(r"[\\[［(（]?\\d+(?:[,，]\\d+)*[\\]］)）]?$", "", token)`` does, in linear
    time: that search retries every digit of a long run of digits not at the end.
    """
    end = len(token) - (token[-1:] in ("]", "］", ")", "）"))
    start = end
    while True:
        while start > 0 and token[start - 1].isdecimal():
            start -= 1
        if start < end and start > 1 and token[start - 1] in ",，" and token[start - 2].isdecimal():
            start -= 1  # a comma between numbers: 1,2
            continue
        break
    if start == end or not token[start].isdecimal():
        return token
    if start > 0 and token[start - 1] in "[［(（":
        start -= 1
    return token[:start]


def _authors(value: str) -> tuple[Name, ...]:
    names = []
    for token in re.split(r"[\s,，;；、]+", value):
        token = _without_mark(token).strip()
        if token:
            names.append(split_cjk_name(token) if has_cjk(token) else Name(literal=token))
    return tuple(names)


def _journal(text: str, source: str, report: Report) -> Work:
    lines = text.splitlines()
    labelled: dict[str, tuple[str, int]] = {}
    titles: list[tuple[str, int]] = []
    counts: dict[str, tuple[str, int]] = {}
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or _JOURNAL_CHROME.match(line):
            continue
        m = _JOURNAL_LINE_RE.match(line)
        if m:
            if m.group(1) in labelled:
                _repeated(report, m.group(1), labelled[m.group(1)], m.group(2), n)
            else:
                labelled[m.group(1)] = (m.group(2), n)
            continue
        c = _COUNT_RE.match(line)
        if c:
            if c.group(1) in counts:
                _repeated(report, c.group(1), counts[c.group(1)], c.group(2), n)
            else:
                counts[c.group(1)] = (c.group(2), n)
            continue
        if not labelled:
            titles.append((line, n))

    if not titles or not has_cjk(titles[0][0]):
        raise _error(source, "journal-article page without a Chinese title line", 1)
    title_line = titles[0][0]
    cited = _CITED_RE.search(title_line)
    title = title_line[: cited.start()] if cited else title_line
    translated_title = next((t for t, _ in titles[1:] if not has_cjk(t)), None)

    author_text, author_line = labelled["作者"]
    authors = _authors(author_text)
    if not authors:
        raise _error(source, "journal-article page: no author after '作者'", author_line)
    source_text, source_line = labelled["出处"]
    s = _SOURCE_RE.match(source_text)
    if s is None or s.group("year") is None:
        raise _error(
            source,
            f"journal-article page: cannot read the journal and year in '出处 {source_text}'",
            source_line,
        )

    extra: list[tuple[str, str]] = []
    if cited:
        extra.append(("times-cited", cited.group(1)))
    if translated_title:
        extra.append(("translated-title", english_title(translated_title)))
    abstract = None
    if "摘要" in labelled:
        chinese, english = _split_bilingual(labelled["摘要"][0])
        abstract = chinese or english or None
        if chinese and english:
            extra.append(("translated-abstract", english))
    if "机构" in labelled:
        extra.append(("affiliation", labelled["机构"][0]))
    if s.group("english"):
        extra.append(("translated-container-title", s.group("english")))
    if "基金" in labelled:
        extra.append(("fund", labelled["基金"][0]))
    if "分类号" in labelled:
        extra.append(("clc", labelled["分类号"][0]))
    extra.extend((_COUNT_KEYS[label], count) for label, (count, _) in counts.items())
    keywords = _split_keywords(labelled["关键词"][0]) if "关键词" in labelled else []
    page = re.sub(r"\s*[-–—~]\s*", "-", s.group("page")) if s.group("page") else None
    return Work(
        id=placeholder_id(1),
        type="article-journal",
        author=authors,
        issued=Date.of(int(s.group("year"))),
        abstract=abstract,
        container_title=s.group("journal").strip(),
        doi=labelled["DOI"][0] if "DOI" in labelled else None,
        issue=s.group("issue"),
        keyword=", ".join(keywords) or None,
        language="zh-CN",
        number_of_pages=s.group("pages"),
        page=page,
        title=full_width_punctuation(title.strip()),
        volume=s.group("volume"),
        extra=extra,
    )


# ---------------------------------------------------------------------------
# Public API


def import_page(text: str, *, source: str = "<string>", report: Report | None = None) -> Work:
    """The record a pasted catalogue page describes, with its key (``sun2018``).

    Raises :class:`ParseError` naming *source* for a page of neither layout.
    What is read but left out (a field the page gives twice: the first is kept)
    is reported to *report*, if one is given.
    """
    report = report if report is not None else Report(source)
    layout = page_layout(text)
    if layout is None:
        raise _error(source, NEITHER_LAYOUT)
    read_layout = _thesis if layout == "thesis" else _journal
    work = read_layout(text, source, report)
    return work.evolve(id=key_base(work))


def _read_all(sources: Iterable[tuple[str, str]]) -> tuple[list[Work], list[Problem]]:
    works: list[Work] = []
    problems: list[Problem] = []
    reported: list[list[Problem]] = []  # each work's problems, to be given its key
    for source, text in sources:
        report = Report(source)
        try:
            work = import_page(text, source=source, report=report)
        except ParseError as e:
            problems.extend(report.problems)
            problems.extend(e.problems)
            continue
        works.append(work.evolve(id=placeholder_id(len(works) + 1)))
        reported.append(report.problems)
        problems.extend(report.problems)
    keyed = assign_keys(works)
    named = {id(p): w.id for w, ps in zip(keyed, reported, strict=True) for p in ps}
    return keyed, [attrs.evolve(p, key=named[id(p)]) if id(p) in named else p for p in problems]


def read_many(
    sources: Sequence[tuple[str, str]], *, strict: bool = False, **options: object
) -> Library:
    """Pages ``(source, text)`` as one library, keys unique across them (``li2020a``).

    Leniently, a page of neither layout is left out with an error problem; with
    *strict* one :class:`ParseError` lists every such page.
    """
    works, problems = _read_all(sources)
    if strict and problems:
        raise ParseError.from_problems(problems)
    return Library(works, problems)


def read(
    text: str, *, source: str = "<string>", strict: bool = False, **options: object
) -> Library:
    """A format-module ``read``: one page as a one-work library.

    Leniently, a page of neither layout gives an empty library and an error
    problem; with *strict* it raises.
    """
    return read_many([(source, text)], strict=strict)
