"""``citelib-pandoc``: a pandoc filter that does what ``--citeproc`` does, with citelib.

    pandoc thesis.md --filter citelib-pandoc -o thesis.docx

It reads the metadata ``--citeproc`` reads: ``bibliography`` (one or several files in any
format citelib reads), ``references`` (CSL items in the metadata), ``csl`` (a short name, a
zotero-chinese title or folder name, or a path; default ``gbt7714-2025-numeric``),
``nocite`` (``@*``: every work), ``link-citations``, ``link-bibliography`` (default true),
``reference-section-title``, ``suppress-bibliography`` and ``notes-after-punctuation``
(default true); ``citelib-strict: true`` makes a missing key an error.  Every citation
(``[@key, p. 12]``, ``[@a; @b]``, ``@key`` narrative, ``[-@key]``) is rendered through
:class:`citelib.Document`, in document order; footnote styles put citations of the running
text in footnotes.  The list goes into the ``#refs`` div, or at the end, one paragraph per
entry (a ``csl-entry`` div ``ref-KEY``, which linked citations point to).

The filter works on pandoc's JSON AST and needs nothing but pandoc (2.11 or later).
"""

from __future__ import annotations

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from .errors import CitelibError, Problem

__all__ = ["FilterError", "filter_document", "html_inlines", "main"]

Json = Any
_NULL_ATTR: list[Any] = ["", [], []]
_MODES = {"AuthorInText": "narrative", "SuppressAuthor": "suppress-author"}
_NOTE_PUNCT = re.compile(r"^[.,;:!?。，；：！？、]+")


class FilterError(CitelibError):
    """The document cannot be processed as asked (a missing key under citelib-strict)."""


# ----------------------------------------------------------------------------- pandoc JSON


def _stringify(value: Json) -> str:
    """The plain text of inlines (or of a metadata value)."""
    if isinstance(value, list):
        return "".join(_stringify(v) for v in value)
    if not isinstance(value, dict):
        return "" if value is None else str(value)
    kind = value.get("t")
    content: Any = value.get("c")
    if kind == "Str":
        return str(content)
    if kind in ("Space", "SoftBreak", "LineBreak"):
        return " "
    if kind == "MetaString":
        return str(content)
    if kind == "MetaBool":
        return "true" if content else "false"
    if kind in ("Code", "Math", "RawInline"):
        return str(content[-1])
    if kind == "Quoted":
        return "“" + _stringify(content[1]) + "”"
    if kind in ("Link", "Image", "Span"):
        return _stringify(content[1])
    if kind == "Cite":
        return _stringify(content[1])
    if kind == "Note":
        return ""
    return _stringify(content)


def _meta_value(value: Json) -> Any:
    """A metadata value as plain JSON (maps, lists, strings, booleans)."""
    kind, content = value.get("t"), value.get("c")
    if kind == "MetaMap":
        return {k: _meta_value(v) for k, v in content.items()}
    if kind == "MetaList":
        return [_meta_value(v) for v in content]
    if kind == "MetaBool":
        return bool(content)
    return _stringify(value)


def _meta_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def _flag(meta: dict[str, Any], name: str, default: bool) -> bool:
    value = meta.get(name)
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("true", "yes", "1", "on")


def _str_inlines(text: str) -> list[Json]:
    """Text as pandoc inlines: words and spaces."""
    out: list[Json] = []
    for part in re.split(r"( +)", text):
        if not part:
            continue
        out.append({"t": "Space"} if part.startswith(" ") else {"t": "Str", "c": part})
    return out


class _HtmlInlines(HTMLParser):
    """citelib's HTML (``<i>``, ``<b>``, ``<sup>``, ``<sub>``, small caps, links) as inlines."""

    _WRAP = {"i": "Emph", "b": "Strong", "sup": "Superscript", "sub": "Subscript"}

    def __init__(self, links: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.links = links
        self.stack: list[tuple[str, list[Json], Any]] = [("root", [], None)]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append((tag, [], dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if len(self.stack) < 2:
            return
        name, children, attrs = self.stack.pop()
        parent = self.stack[-1][1]
        style = (attrs or {}).get("style") or ""
        if name in self._WRAP:
            parent.append({"t": self._WRAP[name], "c": children})
        elif name == "a" and self.links:
            parent.append({"t": "Link", "c": [_NULL_ATTR, children, [attrs.get("href", ""), ""]]})
        elif name == "span" and "small-caps" in style:
            parent.append({"t": "SmallCaps", "c": children})
        elif name == "span" and "underline" in style:
            parent.append({"t": "Underline", "c": children})
        else:
            parent.extend(children)

    def handle_data(self, data: str) -> None:
        self.stack[-1][1].extend(_str_inlines(data))

    def result(self) -> list[Json]:
        while len(self.stack) > 1:
            self.handle_endtag(self.stack[-1][0])
        return self.stack[0][1]


def html_inlines(text: str, *, links: bool = True) -> list[Json]:
    """citelib's HTML output as pandoc inlines."""
    parser = _HtmlInlines(links)
    parser.feed(text)
    parser.close()
    return parser.result()


# ----------------------------------------------------------------------------- the filter


class _Cite:
    """One pandoc Cite element, where it is and what note it is in."""

    __slots__ = ("element", "note", "in_note", "index")

    def __init__(self, element: Json, note: int, in_note: bool) -> None:
        self.element = element
        self.note = note
        self.in_note = in_note
        self.index = 0  # its citation in the Document


def _cites(blocks: Json, note_style: bool) -> list[_Cite]:
    """Every Cite of the document in order, with its note number: footnotes count as notes,
    and so, in a footnote style, does every citation of the running text."""
    found: list[_Cite] = []
    counter = 0

    def walk(node: Json, note: int | None) -> None:
        nonlocal counter
        if isinstance(node, list):
            for child in node:
                walk(child, note)
            return
        if not isinstance(node, dict):
            return
        kind = node.get("t")
        if kind == "Note":
            counter += 1
            walk(node.get("c"), counter)
            return
        if kind == "Cite":
            if note is not None:
                found.append(_Cite(node, note, True))
            elif note_style:
                counter += 1
                found.append(_Cite(node, counter, False))
            else:
                found.append(_Cite(node, 0, False))
            return  # a Cite's own inlines are the citation as written
        for value in node.values():
            if isinstance(value, list | dict):
                walk(value, note)

    walk(blocks, None)
    return found


def _cite_items(citations: list[Json]) -> list[Any]:
    from .document import CiteItem, _after_key

    items = []
    for c in citations:
        mode = _MODES.get(c.get("citationMode", {}).get("t", ""), "normal")
        suffix_text = _stringify(c.get("citationSuffix", [])).strip()
        comma = suffix_text.startswith(",")
        locator, label, suffix = _after_key(suffix_text, comma=comma)
        if suffix and not comma and locator is None:
            suffix = " " + suffix.strip()
        prefix = _stringify(c.get("citationPrefix", [])).strip()
        items.append(
            CiteItem(
                str(c["citationId"]), locator, label, prefix + " " if prefix else "", suffix, mode
            )
        )
    return items


def _read_works(meta: dict[str, Any], base: Path) -> tuple[list[Any], list[Problem]]:
    from .formats.csljson import read_items
    from .io import read

    works: list[Any] = []
    problems: list[Problem] = []
    files = _meta_list(meta.get("bibliography"))
    if files:
        paths = [p if Path(p).is_absolute() else str(base / p) for p in files]
        library = read(*paths)
        works.extend(library.works)
        problems.extend(library.problems)
    refs = meta.get("references")
    if isinstance(refs, list) and refs:
        got = read_items([r for r in refs if isinstance(r, dict)], source="<references>")
        works.extend(got.works)
        problems.extend(got.problems)
    return works, problems


def filter_document(doc: Json, fmt: str = "html", *, base: Path | None = None) -> Json:
    """The pandoc document *doc* (JSON AST) with its citations rendered and its list added.

    Problems go to stderr as pandoc prints them; with ``citelib-strict: true`` in the
    metadata a missing key or a failed rendering raises :class:`FilterError`.
    """
    from .document import CiteItem, Document
    from .render import DEFAULT_STYLE

    raw_meta = doc.get("meta", {})
    meta = {k: _meta_value(v) for k, v in raw_meta.items()}
    works, problems = _read_works(meta, base or Path.cwd())
    style = str(meta.get("csl") or DEFAULT_STYLE)
    nocite: list[str] = []
    if "nocite" in raw_meta:
        for cite in _cites(raw_meta["nocite"], False):
            nocite.extend(str(c["citationId"]) for c in cite.element["c"][0])
    document = Document(works, style=style, nocite=nocite)
    note_style = document.style_class == "note"
    cites = _cites(doc.get("blocks", []), note_style)
    narrators: dict[int, str] = {}  # cite -> the work whose author goes in the text
    for i, cite in enumerate(cites):
        items = _cite_items(cite.element["c"][0])
        if note_style and not cite.in_note and items[0].mode == "narrative":
            # as --citeproc: the author in the text, the whole citation in the footnote
            head = items[0]
            narrators[i] = head.id
            items[0] = CiteItem(head.id, head.locator, head.label, head.prefix, head.suffix)
        cite.index = document.cite(*items, note=cite.note)
    # the authors last, so that they change no position (a note's first cite stays first)
    authors = {
        i: document.cite(CiteItem(key, mode="author-only"), note=0) for i, key in narrators.items()
    }
    rendered = document.render("html")
    link_cites = _flag(meta, "link-citations", False)
    link_bib = _flag(meta, "link-bibliography", True)
    strict = _flag(meta, "citelib-strict", False)
    every = [*problems, *rendered.problems]
    for p in every:
        if p.code != "missing-element":
            print(f"[WARNING] citelib: {p}", file=sys.stderr)
    failed = [p for p in every if p.code in ("unknown-key", "render-failed")]
    if strict and failed:
        raise FilterError(
            f"{len(failed)} problem(s) under citelib-strict: "
            + "; ".join(f"{p.key or ''} {p.message}".strip() for p in failed)
        )
    listed = {e.id for e in rendered.bibliography}
    for i, cite in enumerate(cites):
        inlines = html_inlines(rendered.citations[cite.index])
        if link_cites:
            keys = [str(c["citationId"]) for c in cite.element["c"][0]]
            target = next((k for k in keys if k in listed), None)
            if target is not None:
                inlines = [{"t": "Link", "c": [_NULL_ATTR, inlines, ["#ref-" + target, ""]]}]
        if note_style and not cite.in_note:
            note = {"t": "Note", "c": [{"t": "Para", "c": inlines}]}
            author = html_inlines(rendered.citations[authors[i]]) if i in authors else []
            inlines = [*author, note]
        cite.element["c"][1] = inlines
    _no_doubled_periods(doc.get("blocks", []))
    if note_style and _flag(meta, "notes-after-punctuation", True):
        _notes_after_punctuation(doc.get("blocks", []))
    if not _flag(meta, "suppress-bibliography", False) and rendered.bibliography.entries:
        entries = [
            {
                "t": "Div",
                "c": [
                    ["ref-" + e.id, ["csl-entry"], []],
                    [{"t": "Para", "c": html_inlines(e.text, links=link_bib)}],
                ],
            }
            for e in rendered.bibliography
        ]
        _place_bibliography(doc, entries, meta.get("reference-section-title"))
    return doc


def _notes_after_punctuation(node: Json) -> None:
    """Footnote citations go after the punctuation that follows them, with no space before."""
    if isinstance(node, dict):
        for value in node.values():
            if isinstance(value, list | dict):
                _notes_after_punctuation(value)
        return
    if not isinstance(node, list):
        return
    for child in node:
        _notes_after_punctuation(child)
    i = 0
    while i < len(node):
        el = node[i]
        if isinstance(el, dict) and el.get("t") == "Cite" and _is_note(el):
            alone = len(el["c"][1]) == 1  # a narrative citation keeps its space
            if (
                alone
                and i > 0
                and isinstance(node[i - 1], dict)
                and node[i - 1].get("t") == "Space"
            ):
                del node[i - 1]
                i -= 1
            nxt = node[i + 1] if i + 1 < len(node) else None
            if isinstance(nxt, dict) and nxt.get("t") == "Str":
                m = _NOTE_PUNCT.match(nxt["c"])
                if m:
                    rest = nxt["c"][m.end() :]
                    node.insert(i, {"t": "Str", "c": m.group(0)})
                    i += 1
                    if rest:
                        nxt["c"] = rest
                    else:
                        del node[i + 1]
        i += 1


def _last_text(inlines: list[Json]) -> str:
    text = _stringify(inlines)
    return text[-1:] if text else ""


def _no_doubled_periods(node: Json) -> None:
    """A citation that ends with a period swallows the period that follows it (``同1.``)."""
    if isinstance(node, dict):
        for value in node.values():
            if isinstance(value, list | dict):
                _no_doubled_periods(value)
        return
    if not isinstance(node, list):
        return
    for child in node:
        _no_doubled_periods(child)
    for i, el in enumerate(node[:-1]):
        nxt = node[i + 1]
        if (
            isinstance(el, dict)
            and el.get("t") == "Cite"
            and not _is_note(el)
            and isinstance(nxt, dict)
            and nxt.get("t") == "Str"
            and nxt["c"].startswith(".")
            and _last_text(el["c"][1]) == "."
        ):
            nxt["c"] = nxt["c"][1:]
    node[:] = [
        n for n in node if not (isinstance(n, dict) and n.get("t") == "Str" and n["c"] == "")
    ]


def _is_note(cite: Json) -> bool:
    inlines = cite["c"][1]
    return bool(inlines) and isinstance(inlines[-1], dict) and inlines[-1].get("t") == "Note"


def _place_bibliography(doc: Json, entries: list[Json], title: Any) -> None:
    """The entries into the ``#refs`` div, or at the end (after a heading, if titled)."""

    def find(node: Json) -> Json | None:
        if isinstance(node, list):
            for child in node:
                got = find(child)
                if got is not None:
                    return got
        elif isinstance(node, dict):
            if node.get("t") == "Div" and node["c"][0][0] == "refs":
                return node
            for value in node.values():
                if isinstance(value, list | dict):
                    got = find(value)
                    if got is not None:
                        return got
        return None

    blocks: list[Json] = []
    if title:
        blocks.append(
            {
                "t": "Header",
                "c": [1, ["bibliography", ["unnumbered"], []], _str_inlines(str(title))],
            }
        )
    refs = find(doc.get("blocks", []))
    if refs is not None:
        refs["c"][1] = [*refs["c"][1], *blocks, *entries]
        classes = refs["c"][0][1]
        if "references" not in classes:
            classes.append("references")
    else:
        doc.setdefault("blocks", []).extend(
            [*blocks, {"t": "Div", "c": [["refs", ["references"], []], entries]}]
        )


def main(argv: list[str] | None = None) -> None:
    """Read pandoc's JSON on stdin, write the filtered JSON to stdout (argv[1]: the format)."""
    args = sys.argv[1:] if argv is None else argv
    fmt = args[0] if args else "html"
    data = sys.stdin.buffer.read()
    try:
        doc = json.loads(data.decode("utf-8"))
        out = filter_document(doc, fmt)
    except CitelibError as e:
        print(f"citelib-pandoc: {e}", file=sys.stderr)
        sys.exit(1)
    except (ValueError, KeyError, TypeError) as e:
        print(f"citelib-pandoc: not a pandoc JSON document: {e}", file=sys.stderr)
        sys.exit(1)
    sys.stdout.write(json.dumps(out, ensure_ascii=False))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
