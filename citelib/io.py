"""Whole libraries: reading files in any registered format, writing them back.

``read`` turns one or several files (or ``-`` for standard input) into one
:class:`Library`; ``write`` turns works into text in a format; ``write_file``
writes atomically.  Encodings are detected (UTF-8 with or without BOM,
UTF-16 with BOM, GB18030/GBK) unless one is given.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import CitelibError, ParseError, Problem, WriteError
from .formats import Format, format_for_path, get_format
from .model import Library, Work

__all__ = [
    "decode",
    "import_pages",
    "read",
    "read_text",
    "write",
    "write_file",
    "write_text_atomic",
]

PathArg = str | os.PathLike[str]


def decode(data: bytes, *, source: str = "<bytes>", encoding: str | None = None) -> str:
    """Text from bytes: *encoding* if given, else BOM, UTF-8, then GB18030 (a superset of GBK)."""
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise CitelibError(f"{source}: unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as e:
            raise ParseError(
                f"not valid {encoding} at byte {e.start}",
                file=source,
                line=data[: e.start].count(b"\n") + 1,
            ) from None
        return text.removeprefix("\ufeff")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if len(data) >= 4 and data[0] == 0 and data[1] != 0 and data[2] == 0:
        return data.decode("utf-16-be")
    if len(data) >= 4 and data[0] != 0 and data[1] == 0 and data[3] == 0:
        return data.decode("utf-16-le")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            e = utf8_error
            raise ParseError(
                f"neither UTF-8 nor GB18030 (byte {e.start}); name the encoding with --encoding",
                file=source,
                line=data[: e.start].count(b"\n") + 1,
            ) from None


def _options(fmt: Format, options: dict[str, object]) -> dict[str, object]:
    return {**fmt.options, **options}


def read_text(
    text: str, format: str, *, source: str = "<string>", strict: bool = False, **options: object
) -> Library:
    """Works from *text* in the named *format*."""
    fmt = get_format(format)
    module = fmt.load()
    if not hasattr(module, "read"):
        raise CitelibError(f"format {fmt.name!r} cannot be read")
    return module.read(text, source=source, strict=strict, **_options(fmt, options))


def read(
    *inputs: PathArg,
    format: str | None = None,
    encoding: str | None = None,
    strict: bool = False,
    **options: object,
) -> Library:
    """One library from one or more files (``-`` reads standard input).

    Files of one format are read together, so BibTeX ``@string`` macros and
    ``crossref`` parents resolve across them.  Without *format*, each file's
    suffix (or, where that is ambiguous, its content) decides.
    """
    if not inputs:
        raise CitelibError("no input files given")
    groups: dict[str, list[tuple[str, str]]] = {}
    for item in inputs:
        name = os.fspath(item)
        if name == "-":
            data = sys.stdin.buffer.read()
            source = "<stdin>"
        else:
            try:
                data = Path(name).read_bytes()
            except OSError as e:
                raise CitelibError(f"{name}: cannot read: {e.strerror or e}") from None
            source = name
        text = decode(data, source=source, encoding=encoding)
        if format is not None:
            fmt = get_format(format)
        elif name == "-":
            fmt = format_for_path("stdin", text)
        else:
            fmt = format_for_path(name, text)
        groups.setdefault(fmt.name, []).append((source, text))
    result = Library()
    for fmt_name, sources in groups.items():
        fmt = get_format(fmt_name)
        module = fmt.load()
        opts = _options(fmt, options)
        if hasattr(module, "read_many"):
            result = result + module.read_many(sources, strict=strict, **opts)
        else:
            for source, text in sources:
                result = result + module.read(text, source=source, strict=strict, **opts)
    return result


def write(
    works: Iterable[Work], format: str, *, problems: list[Problem] | None = None, **options: object
) -> str:
    """*works* as text in the named *format*; what the format cannot carry is added to *problems*."""
    fmt = get_format(format)
    module = fmt.load()
    if not hasattr(module, "write"):
        raise WriteError(f"format {fmt.name!r} cannot be written")
    return module.write(list(works), problems=problems, **_options(fmt, options))


def write_file(
    works: Iterable[Work],
    path: PathArg,
    format: str | None = None,
    *,
    problems: list[Problem] | None = None,
    **options: object,
) -> None:
    """Write *works* to *path* atomically (a temporary file renamed over it)."""
    fmt = get_format(format) if format else format_for_path(path)
    text = write(works, fmt.name, problems=problems, **options)
    write_text_atomic(path, text)


def write_text_atomic(path: PathArg, text: str) -> None:
    """Write *text* (UTF-8) to *path* so readers see the old file or the new one, never half of it."""
    target = Path(path)
    if target.exists() and not target.is_file():
        # a device or pipe (/dev/null, /dev/stdout, a FIFO): no rename over it, write through
        try:
            with open(target, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        except OSError as e:
            raise WriteError(f"{target}: cannot write: {e.strerror or e}") from None
        return
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as e:
        raise WriteError(f"{target}: cannot write: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def import_pages(paths: Sequence[PathArg], *, encoding: str | None = None) -> Library:
    """One library from pasted catalogue-page files (``-``: standard input).

    Keys are unique across the pages (``li2020a``).  Every file is read; if any
    is not a page of the two layouts (or cannot be read), one
    :class:`ParseError` lists them all and nothing is returned.
    """
    return read(*paths, format="page", encoding=encoding, strict=True)
