"""Input items for the engine: CSL-JSON dicts made safe to render.

:func:`prepare` turns one CSL-JSON item into an :class:`Item`: names as
:class:`PName`, dates as :class:`PDate` (``date-parts``, ``literal``, ``raw``
and EDTF strings alike), every other value a string, the leading ``key: value``
lines of ``note`` read as variables (as citeproc-js and Zotero do) and the
language decided from the ``language`` field or, when missing, the script.
Nothing in here raises on odd data; what cannot be used is reported back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..language import has_cjk, normalize_language
from ..model import CSL_TYPES, FIELDS

__all__ = ["SUBTYPES", "Item", "PDate", "PName", "prepare"]

NAME_VARS = frozenset(
    [
        "author",
        "chair",
        "collection-editor",
        "compiler",
        "composer",
        "container-author",
        "contributor",
        "curator",
        "director",
        "editor",
        "editorial-director",
        "executive-producer",
        "guest",
        "host",
        "interviewer",
        "illustrator",
        "narrator",
        "organizer",
        "original-author",
        "performer",
        "producer",
        "recipient",
        "reviewed-author",
        "script-writer",
        "series-creator",
        "translator",
        "editor-translator",
        # citelib extension: a patent's holder (biblatex ``holder``, 专利申请者或所有者),
        # whom GB/T 7714 names as the patent's responsible party; CSL 1.0.2 has no such
        # variable, so only citelib's GB/T style copies read it (other processors see none)
        "holder",
    ]
)
DATE_VARS = frozenset(
    [
        "accessed",
        "available-date",
        "event-date",
        "issued",
        "original-date",
        "submitted",
        "container",
    ]
)
NUMBER_VARS = frozenset(
    [
        "chapter-number",
        "citation-number",
        "collection-number",
        "edition",
        "first-reference-note-number",
        "issue",
        "locator",
        "number",
        "number-of-pages",
        "number-of-volumes",
        "page",
        "page-first",
        "part-number",
        "printing-number",
        "section",
        "supplement-number",
        "version",
        "volume",
    ]
)

_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")


class PName:
    """A personal or institutional name ready for rendering."""

    __slots__ = ("family", "given", "dp", "ndp", "suffix", "literal", "comma_suffix", "cjk")

    def __init__(self, data: Mapping[str, Any]) -> None:
        def s(key: str) -> str | None:
            v = data.get(key)
            if v is None or v == "":
                return None
            return str(v)

        self.family = s("family")
        self.given = s("given")
        self.dp = s("dropping-particle")
        self.ndp = s("non-dropping-particle")
        self.suffix = s("suffix")
        self.literal = s("literal")
        self.comma_suffix = bool(data.get("comma-suffix"))
        if self.literal is None and self.family is None and self.given is not None:
            self.family, self.given = self.given, None
        if self.literal is None and self.family is None:
            self.literal = ""
        self.cjk = any(has_cjk(x) for x in (self.family, self.given, self.literal) if x)

    def key(self) -> tuple[str | None, ...]:
        return (self.family, self.given, self.dp, self.ndp, self.suffix, self.literal)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PName) and self.key() == other.key()

    def __hash__(self) -> int:
        return hash(self.key())

    def __repr__(self) -> str:
        return f"PName({self.key()!r})"


DatePart = tuple[int, int, int]  # year, month (13-16 seasons, 0 none), day (0 none)


class PDate:
    """A date or range: up to two (year, month, day) parts, or a literal string."""

    __slots__ = ("parts", "circa", "literal", "season")

    def __init__(
        self,
        parts: tuple[DatePart, ...] = (),
        *,
        circa: bool = False,
        literal: str | None = None,
        season: int | str | None = None,
    ) -> None:
        self.parts = parts
        self.circa = circa
        self.literal = literal
        self.season = season

    @property
    def year(self) -> int | None:
        return self.parts[0][0] if self.parts else None

    def sort_key(self) -> str:
        if not self.parts:
            return self.literal or ""
        out = []
        for y, m, d in self.parts:
            out.append(f"{y + 10000:05d}{m:02d}{d:02d}")
        return "-".join(out)

    def __repr__(self) -> str:
        return f"PDate({self.parts!r}, literal={self.literal!r})"


_SEASONS = {"spring": 13, "summer": 14, "autumn": 15, "fall": 15, "winter": 16}


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    return None


def _edtf_part(text: str) -> DatePart | None:
    text = text.strip().rstrip("?~%")
    m = re.fullmatch(r"(-?\d{1,5})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:T.*)?", text)
    if not m:
        return None
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else 0
    d = int(m.group(3)) if m.group(3) else 0
    if mo > 24 or d > 31:
        return None
    if 21 <= mo <= 24:
        mo -= 8  # EDTF seasons 21-24 → CSL 13-16
    return (y, mo, d)


def parse_date(value: Any) -> PDate | None:
    """A :class:`PDate` from any CSL-JSON date form; unparseable text becomes a literal."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return PDate(((int(value), 0, 0),))
    if isinstance(value, str):
        return _parse_date_string(value)
    if not isinstance(value, Mapping):
        return PDate(literal=str(value))
    circa_raw = value.get("circa")
    circa = circa_raw not in (None, False, 0, "", "0", "false", "False")
    season = value.get("season")
    parts_raw = value.get("date-parts")
    parts: list[DatePart] = []
    if isinstance(parts_raw, list):
        for p in parts_raw[:2]:
            if not isinstance(p, list):
                continue
            nums = [_int(x) for x in p if x not in ("", None)]
            if not nums or nums[0] is None:
                continue
            y = nums[0]
            mo = nums[1] if len(nums) > 1 and nums[1] is not None else 0
            d = nums[2] if len(nums) > 2 and nums[2] is not None and mo else 0
            parts.append((y, mo, d))
    if parts:
        if season and not parts[0][1]:
            s = _int(season) or _SEASONS.get(str(season).lower())
            if s:
                s = s + 12 if s <= 4 else s
                parts[0] = (parts[0][0], s, 0)
        if len(parts) == 2 and parts[1] == parts[0]:
            parts = parts[:1]
        if len(parts) == 1 and isinstance(parts_raw, list) and len(parts_raw) == 2:
            end_raw = parts_raw[1]
            if isinstance(end_raw, list) and end_raw and _int(end_raw[0]) == 0:
                parts.append((0, 0, 0))  # [[1987], [0]]: an open range
        return PDate(tuple(parts), circa=circa, season=season)
    if value.get("literal"):
        # a literal that is a date or range ("1984/", "2015–Present") is rendered as
        # one; a date with a gloss ("1865（清同治四年）") stays as written
        parsed = _parse_date_string(str(value["literal"]), gloss=False)
        if parsed is not None and parsed.parts:
            parsed.circa = parsed.circa or circa
            return parsed
        return PDate(literal=str(value["literal"]), circa=circa)
    if value.get("raw"):
        parsed = _parse_date_string(str(value["raw"]))
        if parsed is not None:
            parsed.circa = parsed.circa or circa
        return parsed
    return None


def _parse_date_string(text: str, *, gloss: bool = True) -> PDate | None:
    """A date from text: EDTF (with ranges, open ends), else a literal.

    With ``gloss`` a leading date followed by other text ("2019-07-16 (online)") reads
    as that date, as citeproc-js reads dates in a note; without it such text stays
    literal, as the standard prints it ("1865（清同治四年）").
    """
    text = text.strip()
    if not text:
        return None
    circa = text.endswith("~") or text.endswith("%")
    sep = "/" if "/" in text else "–" if "–" in text else None
    if sep:
        a, _, b = text.partition(sep)
        pa = _edtf_part(a)
        b = b.strip()
        if pa is not None:
            if b in ("", "..") or re.fullmatch(r"(?i)present|now|today|open|至今|今", b):
                # an open range ("1984/", "2015–Present") renders its start, as in citeproc-js
                return PDate((pa,), circa=circa)
            pb = _edtf_part(b)
            if pb is not None:
                return PDate((pa, pb), circa=circa)
    else:
        p = _edtf_part(text)
        if p is not None:
            return PDate((p,), circa=circa)
    if gloss:
        m = re.match(r"(\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)(?=\D)", text)
        if m and not re.match(r"\d{4}\s*[-–/]\s*\d", text):
            p = _edtf_part(m.group(1))
            if p is not None:
                return PDate((p,), circa=circa)
    return PDate(literal=text)


# citeproc-js reads "key: value" lines at the start of note as variables
_NOTE_LINE = re.compile(r"^\s*\{?:?([A-Za-z][\w-]*):\s*(.*?)\}?\s*$")
_KNOWN_TEXT_VARS = frozenset(
    [
        "abstract",
        "annote",
        "archive",
        "archive_collection",
        "archive_location",
        "archive-place",
        "authority",
        "call-number",
        "chapter-number",
        "citation-key",
        "citation-label",
        "collection-number",
        "collection-title",
        "container-title",
        "container-title-short",
        "dimensions",
        "division",
        "DOI",
        "edition",
        "event",
        "event-title",
        "event-place",
        "genre",
        "ISBN",
        "ISSN",
        "issue",
        "jurisdiction",
        "keyword",
        "language",
        "locator",
        "medium",
        "note",
        "number",
        "number-of-pages",
        "number-of-volumes",
        "original-publisher",
        "original-publisher-place",
        "original-title",
        "page",
        "page-first",
        "part",
        "part-title",
        "PMCID",
        "PMID",
        "printing",
        "publisher",
        "publisher-place",
        "references",
        "reviewed-genre",
        "reviewed-title",
        "scale",
        "section",
        "source",
        "status",
        "supplement",
        "title",
        "title-short",
        "URL",
        "version",
        "volume",
        "volume-title",
        "volume-title-short",
        "year-suffix",
        "CSTR",
        "type",
    ]
)


def _note_hacks(item: dict[str, Any]) -> None:
    """Read ``key: value`` lines of ``note`` naming CSL variables, as citeproc-js does.

    Dates and ``type`` in the note override the item's own (Zotero exports the
    precise date there); other variables only fill what is missing.
    """
    note = item.get("note")
    if not isinstance(note, str) or ":" not in note:
        return
    rest: list[str] = []
    for line in note.split("\n"):
        m = _NOTE_LINE.match(line)
        key = m.group(1) if m else None
        if m is None or not (key in NAME_VARS or key in DATE_VARS or key in _KNOWN_TEXT_VARS):
            if m is not None and key and "." in line.split(":", 1)[0]:
                continue  # tex.entrytype: ... and similar exporter lines
            rest.append(line)
            continue
        value = m.group(2).strip()
        if key in NAME_VARS:
            family, _, given = value.partition("||")
            name = {"family": family.strip(), "given": given.strip()}
            if not given:
                name = {"literal": family.strip()}
            existing = item.get(key)
            if isinstance(existing, list) and item.get("_hack_" + key):
                existing.append(name)
            elif key not in item:
                item[key] = [name]
                item["_hack_" + key] = True
        elif key in DATE_VARS or key == "type" or key not in item:
            item[key] = value
    item["note"] = "\n".join(rest).strip()
    if not item["note"]:
        del item["note"]


_ACCEPTED_KEYS = frozenset(
    {f.csl for f in FIELDS}
    | {"id", "type", "custom", "citation-key", "journalAbbreviation", "shortTitle", "CSTR", "event"}
    | {"container-title-short", "title-short", "volume-title", "year-suffix", "categories"}
)

_ORDINAL_WORDS = {
    w: i + 1
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ]
    )
}


#: Kinds of work that CSL files under a broader type, given to the engine in the item's
#: ``custom`` object as ``subtype``.  A style condition ``type="proceedings"`` matches
#: them (a citelib extension: CSL 1.0.2 has no type for a whole conference proceedings,
#: which is a ``book``; GB/T 7714 codes it ``[C]``, not ``[M]``).  Other CSL processors
#: never see such an item type, so a style using the condition stays portable.
SUBTYPES = frozenset(["proceedings"])


class Item:
    """One prepared work: id, type (and :data:`SUBTYPES` subtype), language and variables."""

    __slots__ = ("id", "type", "subtype", "lang", "vars", "index")

    def __init__(
        self,
        id: str,
        type: str,
        lang: str,
        vars: dict[str, Any],
        index: int,
        subtype: str | None = None,
    ) -> None:
        self.id = id
        self.type = type
        self.subtype = subtype
        self.lang = lang
        self.vars = vars
        self.index = index

    def get(self, name: str) -> Any:
        return self.vars.get(name)

    def __repr__(self) -> str:
        return f"Item({self.id!r})"


def script_language(texts: list[str]) -> str:
    probe = " ".join(texts)
    if _KANA.search(probe):
        return "ja-JP"
    if _HANGUL.search(probe):
        return "ko-KR"
    if has_cjk(probe):
        return "zh-CN"
    return "en-US"


def prepare(data: Mapping[str, Any], index: int, problems: list[tuple[str, str]]) -> Item:
    """An :class:`Item` from one CSL-JSON object; what is unusable goes to ``problems``."""
    item = dict(data)
    _note_hacks(item)
    raw_id = item.get("id", f"item-{index + 1}")
    typ = str(item.get("type") or "document")
    variables: dict[str, Any] = {}
    for key, value in item.items():
        if key in ("id", "type", "custom") or key.startswith("_hack_"):
            continue
        if key == "journalAbbreviation":
            key = "container-title-short"
        elif key == "shortTitle":
            key = "title-short"
        if key in NAME_VARS:
            if not isinstance(value, list):
                problems.append(("bad-name", f"{key}: not a list of names, ignored"))
                continue
            names = [PName(n) for n in value if isinstance(n, Mapping)]
            names = [n for n in names if n.literal != ""]
            if names:
                variables[key] = names
        elif key in DATE_VARS:
            try:
                d = parse_date(value)
            except (TypeError, ValueError):
                d = None
            if d is None and value not in (None, "", {}):
                problems.append(("bad-date", f"{key}: unreadable date {value!r}, ignored"))
            if d is not None:
                variables[key] = d
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            text = str(value)
            if text.strip():
                variables[key] = text
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            if key == "categories":
                continue
            if value:
                variables[key] = ", ".join(value)
    edition = variables.get("edition")
    if isinstance(edition, str) and edition.strip().lower() in _ORDINAL_WORDS:
        # biblatex-style "Second" edition: a number, so each locale words it ("2 版", "2nd ed.")
        variables["edition"] = str(_ORDINAL_WORDS[edition.strip().lower()])
    if typ not in CSL_TYPES:
        problems.append(("unknown-type", f"unknown type {typ!r}: no style condition matches it"))
    for key in item:
        if key not in _ACCEPTED_KEYS and not key.startswith("_hack_"):
            problems.append(
                ("unsupported-variable", f"unsupported variable {key!r} ignored by the styles")
            )
    if not variables.get("title") and not any(
        isinstance(variables.get(v), list) for v in NAME_VARS
    ):
        problems.append(("sparse-entry", "neither a title nor any names: the entry says little"))
    lang_field = variables.get("language")
    lang = normalize_language(lang_field) if lang_field else None
    if lang is None:
        texts = [variables.get(k, "") for k in ("title", "container-title", "publisher")]
        for k in ("author", "editor"):
            for n in variables.get(k, [])[:3]:
                texts.append(n.literal or n.family or "")
        lang = script_language([t for t in texts if isinstance(t, str)])
    custom = item.get("custom")
    subtype = custom.get("subtype") if isinstance(custom, Mapping) else None
    return Item(str(raw_id), typ, lang, variables, index, subtype if subtype in SUBTYPES else None)
