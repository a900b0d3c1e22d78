"""Styles and locales as a small element tree, read with the standard library's expat.

The engine reads each CSL element once, when it compiles the style, so it needs little of
an XML library: tags, attributes, children, the text of terms and titles, and the line an
element starts on (for error messages).  Importing lxml for that cost a rendering process
25 ms, more than parsing and compiling a style; expat costs 1 ms.

Reading is closed to the outside: a document type declaration is refused (so no entity can
be declared, and no external one is ever fetched or read), and comments and processing
instructions are dropped.  Names are in ElementTree's ``{namespace}local`` form.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from typing import overload
from xml.parsers import expat

__all__ = ["Element", "parse", "parse_file"]


class Element:
    """One XML element: ``tag``, ``attrib``, its element children, ``text`` before the first
    child, ``sourceline`` (1-based) and ``index`` (its place in document order)."""

    __slots__ = ("tag", "attrib", "children", "text", "sourceline", "index")

    def __init__(
        self,
        tag: str,
        attrib: dict[str, str] | None = None,
        sourceline: int | None = None,
        index: int = -1,
    ) -> None:
        self.tag = tag
        self.attrib: dict[str, str] = {} if attrib is None else attrib
        self.children: list[Element] = []
        self.text: str | None = None
        self.sourceline = sourceline
        self.index = index

    def __repr__(self) -> str:
        return f"<Element {self.tag} at line {self.sourceline}>"

    def __iter__(self) -> Iterator[Element]:
        return iter(self.children)

    def __len__(self) -> int:
        return len(self.children)

    @property
    def localname(self) -> str:
        """The tag without its namespace."""
        return self.tag.rpartition("}")[2]

    @overload
    def get(self, key: str) -> str | None: ...
    @overload
    def get(self, key: str, default: str) -> str: ...
    @overload
    def get(self, key: str, default: None) -> str | None: ...
    def get(self, key: str, default: str | None = None) -> str | None:
        return self.attrib.get(key, default)

    def set(self, key: str, value: str) -> None:
        self.attrib[key] = value

    def items(self) -> list[tuple[str, str]]:
        return list(self.attrib.items())

    def find(self, tag: str) -> Element | None:
        """The first child named *tag*."""
        for child in self.children:
            if child.tag == tag:
                return child
        return None

    def iterfind(self, path: str) -> Iterator[Element]:
        """The descendants a path of child tags leads to (``{ns}info/{ns}link``)."""
        found = [self]
        for step in _steps(path):
            found = [c for el in found for c in el.children if c.tag == step]
        return iter(found)

    def iter(self, *tags: str) -> Iterator[Element]:
        """This element and its descendants in document order, those named *tags* if given."""
        stack = [self]
        while stack:
            el = stack.pop()
            if not tags or el.tag in tags:
                yield el
            stack.extend(reversed(el.children))


def _steps(path: str) -> list[str]:
    """``{ns}a/{ns}b`` as ``["{ns}a", "{ns}b"]`` (a namespace may hold slashes)."""
    steps: list[str] = []
    while path:
        start = path.index("}") + 1 if path.startswith("{") else 0
        end = path.find("/", start)
        if end < 0:
            end = len(path)
        steps.append(path[:end])
        path = path[end + 1 :]
    return steps


def parse(data: bytes, source: str = "<bytes>") -> Element:
    """The root element of the XML document *data* (its encoding from the byte-order mark or
    the XML declaration, UTF-8 without either).

    Raises ``ValueError`` naming the line and column of malformed XML, and for any document
    type declaration.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):  # the byte-order mark decides, whatever the declaration says
            return _parse_as_utf8(data[len(bom) :].decode(codec), source)
    declared = _declared_encoding(data)
    if declared.lower().replace("_", "-") not in _EXPAT_ENCODINGS:
        # an encoding expat does not know (gb18030, big5...): decoded here, UTF-8 to expat
        try:
            text = data.decode(declared)
        except (LookupError, UnicodeDecodeError) as e:
            raise ValueError(f"{source}: cannot decode as {declared}: {e}") from None
        return _parse_as_utf8(text, source)
    try:
        return _parse(data)
    except expat.ExpatError as e:
        raise ValueError(f"{source}: {_message(e)}") from None


_EXPAT_ENCODINGS = {"utf-8", "utf-16", "iso-8859-1", "us-ascii"}  # expat's own
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _parse_as_utf8(text: str, source: str) -> Element:
    try:
        return _parse(text.encode("utf-8"), encoding="utf-8")
    except expat.ExpatError as e:
        raise ValueError(f"{source}: {_message(e)}") from None


def parse_file(path: str | os.PathLike[str]) -> Element:
    """:func:`parse` of the file at *path*."""
    with open(path, "rb") as f:
        data = f.read()
    return parse(data, os.fspath(path))


def _message(e: expat.ExpatError) -> str:
    return f"line {e.lineno}, column {e.offset + 1}: {expat.errors.messages[e.code]}"


def _declared_encoding(data: bytes) -> str:
    """The encoding the XML declaration names (UTF-8 without one)."""
    m = re.match(rb"""<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""", data)
    return m.group(1).decode("ascii") if m else "utf-8"


def _doctype(*_: object) -> None:
    raise ValueError("a document type declaration (DTD) is not allowed in a CSL file")


def _qualified(name: str) -> str:
    # expat writes a namespaced name as "uri}local" (namespace_separator="}")
    return "{" + name if "}" in name else name


def _parse(data: bytes, encoding: str | None = None) -> Element:
    parser = expat.ParserCreate(encoding, namespace_separator="}")
    parser.buffer_text = True
    stack: list[Element] = []
    push, pop = stack.append, stack.pop
    roots: list[Element] = []
    counter = itertools.count()

    # (the handlers run once per element and text of every style and locale read: kept
    # to the little they must do)
    def start(name: str, attributes: dict[str, str]) -> None:
        for key in attributes:
            if "}" in key:  # (rare: xml:lang)
                attributes = {_qualified(k): v for k, v in attributes.items()}
                break
        el = Element(_qualified(name), attributes, parser.CurrentLineNumber, next(counter))
        if stack:
            stack[-1].children.append(el)
        else:
            roots.append(el)
        push(el)

    def end(_name: str) -> None:
        pop()

    def characters(text: str) -> None:
        if stack:
            el = stack[-1]
            if not el.children:  # text before the first child only
                el.text = text if el.text is None else el.text + text

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.StartDoctypeDeclHandler = _doctype
    parser.Parse(data, True)
    return roots[0]
