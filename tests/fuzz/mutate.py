"""Fuzz inputs: seeds from the repository's test data, and mutations of them.

Every mutation is a function of a :class:`random.Random`, so an input is reproducible
from its seed file, its window and the random seed.  The mutations are the damage real
files suffer (truncation, lost braces and quotes, encodings mixed up, pasted twice) and
the shapes that expose super-linear code (long runs, deep nesting, huge repeats).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import cache
from pathlib import Path

from citelib.formats import format_for_path
from citelib.io import decode

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
_SUFFIXES = {".bib", ".json", ".ris", ".enw", ".txt", ".net"}


@cache
def seeds() -> dict[str, tuple[bytes, ...]]:
    """Seed files by format: tests/data, tests/fuzz/seeds and the repository's seeds/."""
    found: dict[str, list[bytes]] = {}
    folders = (TESTS / "data", TESTS / "fuzz" / "seeds", ROOT / "seeds")
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix not in _SUFFIXES or not path.is_file() or "render" in path.parts:
                continue
            data = path.read_bytes()
            try:
                fmt = format_for_path(str(path), decode(data)).name
            except Exception:  # noqa: BLE001 - a seed no format claims is no seed
                continue
            found.setdefault(fmt, []).append(data)
    found.setdefault("biblatex", list(found.get("bibtex", ())))
    return {fmt: tuple(datas) for fmt, datas in found.items()}


def window(data: bytes, rng: random.Random, size: int = 4096) -> bytes:
    """A piece of *data* (most often from a line start), so large seeds stay quick to read."""
    if len(data) <= size or rng.random() < 0.1:
        return data
    start = rng.randrange(len(data) - size)
    newline = data.rfind(b"\n", 0, start)
    start = newline + 1 if newline >= 0 and rng.random() < 0.8 else start
    return data[start : start + size]


def _span(data: bytes, rng: random.Random) -> tuple[int, int]:
    a = rng.randrange(len(data) + 1)
    return a, min(len(data), a + rng.choice((1, 2, 4, 16, 64, 256)))


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def delete(data: bytes, rng: random.Random) -> bytes:
    a, b = _span(data, rng)
    return data[:a] + data[b:]


def duplicate(data: bytes, rng: random.Random) -> bytes:
    a, b = _span(data, rng)
    return data[:b] + data[a:b] + data[b:]


def insert(data: bytes, rng: random.Random) -> bytes:
    piece = rng.choice(
        (
            b"\x00",
            b"{",
            b"}",
            b'"',
            b"@",
            b"\\",
            b"%",
            b"\n",
            b"\r\n",
            b",",
            b"=",
            b"#",
            b"\xff\xfe",
            b"\xef\xbb\xbf",
            b"\xe4\xb8",
            b"\x80",
            b"\xed\xa0\x80",
            b"TY  - ",
            b"ER  - \n",
            b"%0 ",
            b"{Reference Type}: ",
            b"crossref = {",
            b"@string{a = b # a}",
            b"\\'",
            b"\\v{",
            b" and ",
            b"--",
            b"-",
            b"[",
            b"]",
            b'{"id": ',
            "：".encode(),
            "（".encode(),
            "；".encode(),
            "第".encode(),
            "年".encode(),
            "卷".encode(),
            "期".encode(),
            bytes(rng.randrange(256) for _ in range(rng.randrange(1, 9))),
        )
    )
    a = rng.randrange(len(data) + 1)
    return data[:a] + piece + data[a:]


def flip(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    a = rng.randrange(len(data))
    return data[:a] + bytes([data[a] ^ (1 << rng.randrange(8))]) + data[a + 1 :]


def drop_marks(data: bytes, rng: random.Random) -> bytes:
    """Delete every brace, quote or bracket of one kind, or one of them."""
    mark = rng.choice(b'{}"[]')
    if rng.random() < 0.5:
        return data.replace(bytes([mark]), b"")
    positions = [i for i, c in enumerate(data) if c == mark]
    if not positions:
        return data
    i = rng.choice(positions)
    return data[:i] + data[i + 1 :]


def swap_lines(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    if len(lines) < 2:
        return data
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def repeat_line(data: bytes, rng: random.Random) -> bytes:
    """One line repeated many times (repeated tags, fields, keywords)."""
    lines = data.split(b"\n")
    i = rng.randrange(len(lines))
    lines[i : i + 1] = [lines[i]] * rng.choice((2, 3, 10, 100, 1000))
    return b"\n".join(lines)


def long_run(data: bytes, rng: random.Random) -> bytes:
    """A long run of one character (super-linear regular expressions)."""
    char = rng.choice(b" \t\n{}0123456789aZ-,.\\\"'=%&")
    a = rng.randrange(len(data) + 1)
    return data[:a] + bytes([char]) * rng.choice((100, 1000, 10_000)) + data[a:]


def nest(data: bytes, rng: random.Random) -> bytes:
    """Deeply nested braces or brackets."""
    opener, closer = rng.choice(((b"{", b"}"), (b"[", b"]"), (b"<i>", b"</i>")))
    depth = rng.choice((10, 100, 1000))
    a = rng.randrange(len(data) + 1)
    return data[:a] + opener * depth + b"x" + closer * depth + data[a:]


def reencode(data: bytes, rng: random.Random) -> bytes:
    """The text in another encoding, with or without a byte-order mark, or cut in half."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    encoding = rng.choice(("utf-16", "utf-16-le", "utf-16-be", "gb18030", "utf-8-sig", "big5"))
    out = text.encode(encoding, errors="replace")
    if rng.random() < 0.3:
        out = out[: rng.randrange(len(out) + 1)]
    return out


def splice(data: bytes, rng: random.Random) -> bytes:
    """Part of this input joined to part of another seed of any format."""
    pools = [s for group in seeds().values() for s in group]
    other = window(rng.choice(pools), rng, 1024)
    return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1) :]


MUTATIONS: tuple[Callable[[bytes, random.Random], bytes], ...] = (
    truncate,
    delete,
    duplicate,
    insert,
    flip,
    drop_marks,
    swap_lines,
    repeat_line,
    long_run,
    nest,
    reencode,
    splice,
)


def mutant(data: bytes, rng: random.Random, *, max_size: int = 1 << 20) -> bytes:
    """*data* after one to four mutations, at most *max_size* bytes."""
    out = window(data, rng)
    for _ in range(rng.choice((1, 1, 2, 3, 4))):
        out = rng.choice(MUTATIONS)(out, rng)
        if len(out) > max_size:
            out = out[:max_size]
    return out
