"""Reading BibTeX text into raw entries: splitting, values, repairs, duplicate keys.

A file is split into ``@string`` definitions and entries by :func:`._scan.scan`
(fast, for well-formed text) or by bibtexparser's splitter (everything else);
a block that does not parse because its braces do not balance is repaired when
closing braces make it one entry.  Field values are evaluated (``@string``
macros, ``#`` concatenation, the month macros) into raw LaTeX strings, and
every problem met becomes a :class:`~citelib.errors.Problem` with file, line and key.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

import attrs

from ...dates import MONTH_NAMES
from ...errors import Problem, Report, Severity
from ._braces import brace_depth, walk
from ._scan import ScannedEntry, ScannedField, scan
from .latex import match_brace

if TYPE_CHECKING:
    from bibtexparser.model import ParsingFailedBlock

__all__ = [
    "MACRO_LIMIT",
    "MACRO_TOTAL_LIMIT",
    "EntryBlock",
    "RawEntry",
    "Reader",
    "ValueBlock",
    "raw_entries",
]

#: The most characters ``@string`` macros may put into one value (a field, or the
#: definition of another macro).  A macro that would take a value past it is left
#: unexpanded: its name is kept as text, and a ``macro-limit`` problem names the macro
#: and the field or macro being read.  Macros that each double the one before
#: (``@string{b = a # a}``) would otherwise grow exponentially: 40 lines, 4 GB.
MACRO_LIMIT = 1_000_000
#: The most characters macros may add to a whole library, whatever the values they go
#: into: this many, or ten times the size of the texts read if that is more (each
#: macro counts as often as it is used).  Past it, macros are left unexpanded as above.
MACRO_TOTAL_LIMIT = 10_000_000

_MONTH_MACROS = {name[:3].lower(): name for name in MONTH_NAMES}
_IDENT = re.compile(r"[^\s#{}\",=()]+")
_FIELD_START = re.compile(r"([A-Za-z][\w:.+/-]*)\s*=\s*", re.DOTALL)
# a line break, then "name =": the white space before the name matched atomically, up to
# its first line break and then to its end (not "\s*\n\s*", quadratic on a long run)
_MERGED = re.compile(r"[,}](?>[^\S\n]*)\n(?>\s*)([A-Za-z](?>[\w-]*))\s*=\s*[{\"\w]")


class ValueBlock(Protocol):
    """A ``key = value`` as a splitter gives it: a field of an entry or a ``@string``
    definition (bibtexparser's ``Field`` and ``String``, :mod:`._scan`'s)."""

    @property
    def key(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def start_line(self) -> int | None: ...


class EntryBlock(Protocol):
    """An entry as a splitter gives it (bibtexparser's ``Entry``, :class:`._scan.ScannedEntry`)."""

    @property
    def entry_type(self) -> str: ...
    @property
    def key(self) -> str: ...
    @property
    def fields(self) -> Sequence[ValueBlock]: ...
    @property
    def start_line(self) -> int | None: ...


def _commented_out(text: str) -> Callable[[int | None], bool]:
    """Whether the block starting on a (0-based) line of *text* is commented out: a line
    that starts with ``%`` (``%@article{…``), as biber reads it (BibTeX has no comments)."""
    if "%" not in text:
        return lambda at: False
    lines = text.split("\n")

    def commented(at: int | None) -> bool:
        at = at or 0
        return at < len(lines) and lines[at].lstrip().startswith("%")

    return commented


@attrs.define
class RawEntry:
    """One entry as split: its fields evaluated to raw LaTeX strings (lowercase names)."""

    source: str
    line: int
    key: str
    type: str
    fields: dict[str, str]
    lines: dict[str, int]


class Reader:
    """Reads the texts of one library: the macros defined so far and the problems met."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.problems: list[Problem] = []
        self.macros: dict[str, str] = dict(_MONTH_MACROS)
        #: the characters macros may still add to the library (:data:`MACRO_TOTAL_LIMIT`)
        self.macro_budget = MACRO_TOTAL_LIMIT
        #: macros whose definitions hit a limit (a macro in them left unexpanded)
        self.incomplete: set[str] = set()
        self.hit_limit = False  # whether a value read since it was reset hit a limit

    def problem(
        self,
        code: str,
        message: str,
        source: str,
        line: int | None,
        key: str | None,
        severity: Severity = "warning",
        field: str | None = None,
    ) -> None:
        """Add a problem found in *source* at *line*, in the entry *key* (its *field*)."""
        Report(source, self.problems).add(severity, code, message, line=line, key=key, field=field)

    # ---------------------------------------------------------------- values

    def evaluate(
        self, raw: str, source: str, line: int, key: str | None, field: str
    ) -> tuple[str, list[tuple[str, str]]]:
        """The value of a field expression, and fields found merged into it (a missing comma).

        The fields merged into one value (``{a} b = {c} d = {e}``) are read one after
        the other in a loop, however many there are.
        """
        n = len(raw)
        if n >= 2 and "#" not in raw and "=" not in raw:
            c = raw[0]
            if (c == "{" and raw[-1] == "}") or (c == '"' and raw[-1] == '"'):
                return raw[1:-1], []
        if raw.isdigit():
            return raw, []
        first, after = self._value(raw, 0, source, line, key, field)
        merged: list[tuple[str, str]] = []
        # the tail of raw after a merged field's "name =" is read as that field's value,
        # with the shortcut above when it holds no "#" and no "=" (as if it were a value alone)
        last_hash = raw.rfind("#")
        last_eq = raw.rfind("=")
        while after is not None:
            name, start = after
            c = raw[start] if start < n else ""
            if (
                n - start >= 2
                and last_hash < start
                and last_eq < start
                and ((c == "{" and raw[-1] == "}") or (c == '"' and raw[-1] == '"'))
            ):
                merged.append((name, raw[start + 1 : -1]))
                break
            value, after = self._value(raw, start, source, line, key, name)
            merged.append((name, value))
        return first, merged

    def _value(
        self, raw: str, i: int, source: str, line: int, key: str | None, field: str
    ) -> tuple[str, tuple[str, int] | None]:
        """The value of the field expression ``raw[i:]``, up to the name of a field merged
        into it (with where that field's value starts), if any."""
        n = len(raw)
        parts: list[str] = []
        expand = MACRO_LIMIT  # what macros may still add to this value
        over = False  # a macro was left unexpanded (reported once a value)
        expect = True
        while i < n:
            c = raw[i]
            if c.isspace():
                i += 1
                continue
            if not expect:
                if c == "#":
                    expect = True
                    i += 1
                    continue
                if c == "%":  # a comment line after the value
                    end = raw.find("\n", i)
                    if end < 0:
                        break
                    i = end + 1
                    continue
                m = _FIELD_START.match(raw, i)
                if m:
                    name = m.group(1).lower()
                    self.problem(
                        "missing-comma",
                        f"missing comma before field '{name}' (after '{field}'); repaired",
                        source,
                        line,
                        key,
                    )
                    return "".join(parts), (name, m.end())
                self.problem(
                    "unexpected-text",
                    f"unexpected text in field '{field}': {raw[i : i + 30]!r}",
                    source,
                    line,
                    key,
                )
                parts.append(raw[i:])
                break
            if c == "{":
                close = match_brace(raw, i)
                if close < 0:
                    self.problem(
                        "unbalanced-braces",
                        f"unbalanced braces in field '{field}'",
                        source,
                        line,
                        key,
                    )
                    parts.append(raw[i + 1 :])
                    break
                parts.append(raw[i + 1 : close])
                i = close + 1
            elif c == '"':
                close = _match_quote(raw, i)
                if close < 0:
                    self.problem(
                        "unclosed-quote", f'unclosed " in field {field!r}', source, line, key
                    )
                    parts.append(raw[i + 1 :])
                    break
                parts.append(raw[i + 1 : close])
                i = close + 1
            else:
                m = _IDENT.match(raw, i)
                if m is None:
                    self.problem(
                        "unexpected-text", f"unexpected {c!r} in field '{field}'", source, line, key
                    )
                    i += 1
                    continue
                word = m.group()
                i = m.end()
                if word.isdigit():
                    parts.append(word)
                else:
                    name = word.lower()
                    macro = self.macros.get(name)
                    if macro is None:
                        self.problem(
                            "undefined-macro",
                            f"undefined macro '{word}' in field '{field}' (kept as text)",
                            source,
                            line,
                            key,
                        )
                        macro = word
                    elif len(macro) > expand or len(macro) > self.macro_budget:
                        if not over:
                            self._macro_limit(word, len(macro), expand, field, source, line, key)
                            over = self.hit_limit = True
                        macro = word
                    else:
                        expand -= len(macro)
                        self.macro_budget -= len(macro)
                        if name in self.incomplete and not over:
                            self._macro_limit(word, 0, expand, field, source, line, key)
                            over = self.hit_limit = True
                    parts.append(macro)
            expect = False
        if expect and parts:
            self.problem(
                "unexpected-text",
                f"'#' with nothing after it in field '{field}'",
                source,
                line,
                key,
            )
        return "".join(parts), None

    def _macro_limit(
        self,
        word: str,
        size: int,
        left: int,
        field: str,
        source: str,
        line: int,
        key: str | None,
    ) -> None:
        """Report the macro *word* (of *size* characters) left unexpanded in *field*, or
        expanded but incomplete (*size* 0)."""
        name = None if key is None else field  # a field of an entry, not a @string
        if not size:
            self.problem(
                "macro-limit",
                f"macro '{word}' in field '{field}' is incomplete: a macro in its definition "
                "was left unexpanded at the limit (citelib.formats.bibtex.MACRO_LIMIT)",
                source,
                line,
                key,
                field=name,
            )
            return
        if size > left:
            why = (
                f"the macros of one value may add at most {MACRO_LIMIT:,} characters "
                f"and this one has {size:,}"
                + (f" ({MACRO_LIMIT - left:,} added already)" if left < MACRO_LIMIT else "")
            )
            limit = "MACRO_LIMIT"
        else:
            why = "the macros of the library have added as many characters as they may"
            limit = "MACRO_TOTAL_LIMIT"
        self.problem(
            "macro-limit",
            f"macro '{word}' not expanded in field '{field}': {why}; "
            f"its name is kept as text (citelib.formats.bibtex.{limit})",
            source,
            line,
            key,
            field=name,
        )

    # ---------------------------------------------------------------- splitting

    def split(
        self, source: str, text: str
    ) -> tuple[list[ValueBlock], list[tuple[EntryBlock, bool]]]:
        """The string definitions and entries of one file; each entry with whether
        bibtexparser found a field repeated in it.

        Well-formed text goes through :func:`._scan.scan`, which splits it as
        bibtexparser's splitter does, only faster; anything else (and every file
        with a syntax error) through bibtexparser's splitter itself.  A block
        whose line starts with ``%`` is commented out (:func:`_commented_out`).
        """
        commented_out = _commented_out(text)
        strings: list[ValueBlock] = []
        entries: list[tuple[EntryBlock, bool]] = []
        scanned = scan(text)
        if scanned is not None:
            for string in scanned[0]:
                if not commented_out(string.start_line):
                    strings.append(string)
            for entry in scanned[1]:
                if not commented_out(entry.start_line):
                    entries.append((entry, False))
            return strings, entries
        from bibtexparser import model as bm_model  # the slow path only: a 10 ms import
        from bibtexparser.splitter import Splitter

        try:
            with _quiet():
                library = Splitter(text).split()
        except Exception as e:  # the splitter raises on states it calls bugs
            self.problem("syntax", f"cannot split the file: {e}", source, None, None, "error")
            return [], []
        for block in library.blocks:
            if isinstance(block, (bm_model.Entry, bm_model.String)) and commented_out(
                block.start_line
            ):
                continue
            if isinstance(block, bm_model.Entry):
                entries.append((block, False))
            elif isinstance(block, bm_model.String):
                strings.append(block)
            elif isinstance(block, bm_model.DuplicateFieldKeyBlock):
                inner = block.ignore_error_block
                if isinstance(inner, bm_model.Entry):
                    entries.append((inner, True))
            elif isinstance(block, bm_model.DuplicateBlockKeyBlock):
                inner = block.ignore_error_block
                if isinstance(inner, bm_model.String):
                    strings.append(inner)
                elif isinstance(inner, bm_model.Entry):
                    entries.append((inner, False))
            elif isinstance(block, bm_model.ParsingFailedBlock):
                repaired = self.repair(source, block)
                if repaired is not None:
                    entries.append((repaired, False))
        return strings, entries

    def repair(self, source: str, block: ParsingFailedBlock) -> ScannedEntry | None:
        """An entry from a block that did not parse (unbalanced braces), or None with an error."""
        from bibtexparser import model as bm_model
        from bibtexparser.splitter import Splitter

        raw: str = block.raw or ""
        line = (block.start_line or 0) + 1
        m = re.match(r"@\s*([A-Za-z][\w:-]*)\s*[{(]\s*([^,\s{}()]*)", raw)
        key = m.group(2) if m else None
        reason: str = getattr(block.error, "abort_reason", None) or "syntax error"
        btype = m.group(1).lower() if m else ""
        if btype in ("comment", "preamble"):
            self.problem("syntax", f"@{btype} block skipped: {reason.strip()}", source, line, None)
            return None
        depth = brace_depth(raw)
        entry: ScannedEntry | None = None
        if m and btype != "string" and depth > 0:
            try:
                with _quiet():
                    lib = Splitter(raw.rstrip() + "}" * depth).split()
                found = [b for b in lib.blocks if isinstance(b, bm_model.Entry)]
                if len(found) == 1 and not lib.failed_blocks:
                    base = block.start_line or 0
                    entry = ScannedEntry(
                        found[0].entry_type,
                        found[0].key,
                        [
                            ScannedField(f.key, f.value, (f.start_line or 0) + base)
                            for f in found[0].fields
                        ],
                        base,
                    )
            except Exception:
                entry = None
        if entry is not None:
            self.problem(
                "unbalanced-braces",
                f"unbalanced braces ({reason.strip()}); {depth} closing brace(s) added, "
                "check the entry",
                source,
                line,
                key,
            )
            return entry
        what = "@string definition" if btype == "string" else "entry"
        self.problem(
            "syntax", f"{what} skipped: {reason.strip()}", source, line, key or None, "error"
        )
        return None

    # ---------------------------------------------------------------- entries

    def raw_entry(self, source: str, entry: EntryBlock, dup_fields: bool) -> RawEntry | None:
        """The fields of *entry* evaluated; problems (no key, a field repeated or merged
        into another by a missing comma) reported."""
        line = (entry.start_line or 0) + 1
        key = (entry.key or "").strip()
        if not key:
            key = f"nokey-{line}"
            self.problem("missing-key", f"entry has no key; named it '{key}'", source, line, None)
        fields: dict[str, str] = {}
        lines: dict[str, int] = {}
        for f in entry.fields:
            name = f.key.strip().lower()
            if "%" in name:
                # comment lines before the field name (biber skips them); a field
                # whose own line is commented out is skipped as well
                kept = [ln for ln in name.split("\n") if not ln.lstrip().startswith("%")]
                if not kept or f.key.rstrip().split("\n")[-1].lstrip().startswith("%"):
                    continue
                name = "\n".join(kept).strip()
            fline = (f.start_line or 0) + 1
            value, merged = self.evaluate(f.value, source, fline, key, name)
            for fname, fvalue in [(name, value), *merged]:
                if fname in fields:
                    self.problem(
                        "duplicate-field",
                        f"duplicate field '{fname}' (the first is kept)",
                        source,
                        fline,
                        key,
                    )
                    continue
                if not fname:
                    self.problem("syntax", "field with no name skipped", source, fline, key)
                    continue
                fields[fname] = fvalue
                lines[fname] = fline
                if "\n" in fvalue and "{" in fvalue:
                    mm = _MERGED.search(fvalue)
                    if mm:
                        self.problem(
                            "merged-fields",
                            f"field '{fname}' seems to hold another field "
                            f"('{mm.group(1)} = …'): a missing brace or quote?",
                            source,
                            fline,
                            key,
                        )
        return RawEntry(source, line, key, entry.entry_type.lower(), fields, lines)


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Keep bibtexparser's log messages off stderr: its problems come back as Problems."""
    import logging  # only on bibtexparser's slow path

    logger = logging.getLogger("bibtexparser")
    old = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(old)


def _match_quote(s: str, i: int) -> int:
    """Index of the ``"`` closing the quoted value opened at *i* (one outside braces), or -1."""
    for j, _end, depth in walk(s, i + 1, marks='"'):
        if depth <= 0 and s[j] == '"':
            return j
    return -1


def raw_entries(reader: Reader, sources: Sequence[tuple[str, str]]) -> list[RawEntry]:
    """The entries of several texts ``(source, text)``, their macros evaluated across them.

    Files that define macros and hold no entry are read first (a ``@string``
    file given after the entries that use it still counts); an entry whose key
    repeats one seen before is skipped with an error, one whose key differs
    only in case is kept with a warning (BibTeX treats them as one).
    """
    reader.macro_budget = max(MACRO_TOTAL_LIMIT, 10 * sum(len(text) for _, text in sources))
    split = [(source, *reader.split(source, text)) for source, text in sources]
    # macro files (strings, no entries) first, then the others in the order given
    for source, strings, _entries in sorted(split, key=lambda s: bool(s[2])):
        for s in strings:
            line = (s.start_line or 0) + 1
            reader.hit_limit = False
            value, _ = reader.evaluate(s.value, source, line, None, "@string " + s.key)
            name = s.key.strip().lower()
            reader.macros[name] = value
            if reader.hit_limit:
                reader.incomplete.add(name)
            else:
                reader.incomplete.discard(name)  # defined again
    raws: list[RawEntry] = []
    seen: dict[str, RawEntry] = {}
    for source, _strings, entries in split:
        for entry, dup_fields in entries:
            raw = reader.raw_entry(source, entry, dup_fields)
            if raw is None:
                continue
            folded = raw.key.lower()
            if folded in seen:
                first = seen[folded]
                if first.key == raw.key:
                    reader.problem(
                        "duplicate-key",
                        f"duplicate key '{raw.key}' (first at {first.source}:{first.line}); "
                        "this entry is skipped",
                        source,
                        raw.line,
                        raw.key,
                        "error",
                    )
                    continue
                reader.problem(
                    "duplicate-key",
                    f"key '{raw.key}' differs only in case from '{first.key}' "
                    f"({first.source}:{first.line}); BibTeX treats them as one",
                    source,
                    raw.line,
                    raw.key,
                )
            else:
                seen[folded] = raw
            raws.append(raw)
    return raws
