"""Files: reading them in any registered format, writing them back atomically.

:func:`read` turns one or several files (or ``-`` for standard input) into one
:class:`~citelib.model.Library`; :func:`write` writes works to a file
atomically and returns what the format could not carry.  :func:`read_text` and
:func:`write_text` do the same for strings.  Encodings are detected (UTF-8 with
or without BOM, UTF-16, GB18030/GBK) unless one is given.
"""

from __future__ import annotations

import contextlib
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, overload

from .errors import CitelibError, ParseError, Problem, WriteError
from .formats import FORMATS, Format, format_for_path, get_format
from .model import Library, Work, Written

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "decode",
    "import_pages",
    "read",
    "read_text",
    "write",
    "write_file",
    "write_text",
    "write_bytes_atomic",
    "write_text_atomic",
]

PathArg = str | os.PathLike[str]
Works = Iterable[Work] | Library


def _encoding_error(source: str, data: bytes, at: int, message: str) -> ParseError:
    return ParseError(message, file=source, line=data[:at].count(b"\n") + 1, code="encoding")


def decode(data: bytes, *, source: str = "<bytes>", encoding: str | None = None) -> str:
    """Text from bytes: *encoding* if given, else BOM, UTF-8, then GB18030 (a superset of GBK).

    Bytes that are not valid in the encoding raise :class:`ParseError` naming
    *source* and the line.
    """
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise CitelibError(f"{source}: unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as e:
            raise _encoding_error(
                source, data, e.start, f"not valid {encoding} at byte {e.start}"
            ) from None
        except UnicodeError as e:  # codecs such as punycode fail without a position
            raise _encoding_error(source, data, 0, f"not valid {encoding}: {e}") from None
        return text.removeprefix("\ufeff")
    if data.startswith(b"\xef\xbb\xbf"):
        detected = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        detected = "utf-16"
    elif len(data) >= 4 and data[0] == 0 and data[1] != 0 and data[2] == 0:
        detected = "utf-16-be"
    elif len(data) >= 4 and data[0] != 0 and data[1] == 0 and data[3] == 0:
        detected = "utf-16-le"
    else:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as utf8_error:
            try:
                return data.decode("gb18030")
            except UnicodeDecodeError:
                raise _encoding_error(
                    source,
                    data,
                    utf8_error.start,
                    f"neither UTF-8 nor GB18030 (byte {utf8_error.start}); "
                    "name the encoding with --encoding",
                ) from None
    try:
        return data.decode(detected)
    except UnicodeDecodeError as e:
        # utf-8-sig counts from after its byte-order mark; say where in the file it is
        start = e.start + 3 if detected == "utf-8-sig" else e.start
        raise _encoding_error(
            source, data, start, f"not valid {detected.upper()} at byte {start}"
        ) from None


def read_text(
    text: str, format: str, *, source: str = "<string>", strict: bool = False, **options: Any
) -> Library:
    """Works from *text* in the named *format*, with every problem met."""
    return get_format(format).read(text, source=source, strict=strict, **options)


def _load(name: str, encoding: str | None) -> tuple[str, str]:
    """(source name, text) of a file, ``-`` being standard input."""
    if name == "-":
        return "<stdin>", decode(sys.stdin.buffer.read(), source="<stdin>", encoding=encoding)
    try:
        with open(name, "rb") as f:
            data = f.read()
    except OSError as e:
        raise CitelibError(f"{name}: cannot read: {e.strerror or e}") from None
    return name, decode(data, source=name, encoding=encoding)


def read(
    *inputs: PathArg,
    format: str | None = None,
    encoding: str | None = None,
    strict: bool = False,
    **options: Any,
) -> Library:
    """One library from one or more files (``-`` reads standard input).

    Files of one format are read together, so BibTeX ``@string`` macros and
    ``crossref`` parents resolve across them.  Keys made up for records without one
    (CNKI, EndNote, NoteExpress, RIS without ``ID``) are unique across all the files
    (:func:`citelib.keys.unique_across_files`: each change is a ``renamed-key`` warning
    naming both files and lines); keys written in a file are never changed.  Without *format*, each file's
    suffix (or, where that is ambiguous, its content) decides.
    """
    if not inputs:
        raise CitelibError("no input files given")
    groups: dict[str, list[tuple[str, str]]] = {}
    loaded: list[tuple[str, str]] = []
    for item in inputs:
        name = os.fspath(item)
        source, text = _load(name, encoding)
        if format is not None:
            fmt = get_format(format)
        else:
            fmt = format_for_path("stdin" if name == "-" else name, text)
        groups.setdefault(fmt.name, []).append((source, text))
        loaded.append((source, text))
    result = Library()
    for fmt_name, sources in groups.items():
        read = get_format(fmt_name).read_many(sources, strict=strict, **options)
        missing = _nothing_read(fmt_name, sources, read)
        if missing and strict:
            raise ParseError.from_problems(missing)
        result = result + Library(read.works, tuple(read.problems) + missing, read.origins)
    from .keys import unique_across_files  # keys load pinyin tables: on first use

    unique = unique_across_files(result, locate=_locator(loaded))
    if strict and len(unique.problems) > len(result.problems):
        raise ParseError.from_problems(unique.problems[len(result.problems) :])
    return unique


def _locator(sources: list[tuple[str, str]]) -> Callable[[str], tuple[str | None, int | None]]:
    """Where a key is written in *sources* (found once, when first asked: only a renamed
    key's message needs the file and line of a BibTeX or CSL-JSON key)."""
    found: dict[str, tuple[str | None, int | None]] = {}
    done = False

    def where(key: str) -> tuple[str | None, int | None]:
        nonlocal done
        if not done:
            from .checks import locate

            found.update(locate(sources))
            done = True
        return found.get(key, (None, None))

    return where


def _nothing_read(fmt: str, sources: list[tuple[str, str]], read: Library) -> tuple[Problem, ...]:
    """A problem for each file that gave no works and said nothing about it.

    An empty file is a warning (an empty library is still a library); a file with text in
    which the reader found nothing and reported no error was probably read in the wrong
    format or encoding, and is an error.
    """
    found: list[Problem] = []
    explained = {p.file for p in read.problems if p.severity == "error"}
    for source, text in sources:
        if not text.strip():
            found.append(
                Problem(
                    "empty file: no records", file=source, severity="warning", code="no-records"
                )
            )
        elif not read.works and source not in explained:
            found.append(
                Problem(
                    f"no {fmt} records found; is it another format (--from) or encoding"
                    " (--encoding)?",
                    file=source,
                    line=1,
                    code="no-records",
                )
            )
    return tuple(found)


def _works(works: Works) -> list[Work]:
    return list(works.works if isinstance(works, Library) else works)


def write_text(works: Works, format: str, **options: Any) -> Written:
    """*works* as text in the named *format*, with a problem for everything it cannot carry."""
    return get_format(format).write(_works(works), **options)


def _legacy_write(
    works: Works, format: str, problems: list[Problem] | None, options: dict[str, Any]
) -> str:
    warnings.warn(
        "write(works, format) returning text is deprecated; use write_text(works, format)"
        " (or write(works, path) for a file)",
        DeprecationWarning,
        stacklevel=3,
    )
    written = write_text(works, format, **options)
    if problems is not None:
        problems.extend(written.problems)
    return written.text


@overload
def write(
    works: Works,
    path: PathArg,
    format: str | None = None,
    *,
    problems: list[Problem],
    **options: Any,
) -> str: ...


@overload
def write(
    works: Works, path: PathArg, format: str | None = None, **options: Any
) -> tuple[Problem, ...]: ...


def write(
    works: Works,
    path: PathArg,
    format: str | None = None,
    *,
    problems: list[Problem] | None = None,
    **options: Any,
) -> tuple[Problem, ...] | str:
    """Write *works* to the file *path* atomically; returns what the format could not carry.

    The format is *format*, else the one *path*'s suffix names.  The file is
    written to a temporary file renamed over *path*, so a reader sees the old
    file or the new one, never half of it.

    Deprecated: ``write(works, "bibtex")`` (a format name and no path) returns the
    text, as in citelib 0.1; use :func:`write_text`.
    """
    name = os.fspath(path)
    legacy = problems is not None or (
        format is None and name.lower() in FORMATS and not os.path.splitext(name)[1]
    )
    if legacy:
        return _legacy_write(works, format or name, problems, options)
    fmt: Format = get_format(format) if format else format_for_path(name)
    written = fmt.write(_works(works), **options)
    write_text_atomic(name, written.text)
    return written.problems


def write_file(
    works: Works,
    path: PathArg,
    format: str | None = None,
    *,
    problems: list[Problem] | None = None,
    **options: Any,
) -> None:
    """Deprecated: :func:`write` writes a file and returns its problems."""
    warnings.warn(
        "write_file(works, path) is deprecated; use write(works, path)",
        DeprecationWarning,
        stacklevel=2,
    )
    name = os.fspath(path)
    fmt: Format = get_format(format) if format else format_for_path(name)
    written = fmt.write(_works(works), **options)
    write_text_atomic(name, written.text)
    if problems is not None:
        problems.extend(written.problems)


_TEMP_TAG = "citelib"


def _host() -> str:
    """This machine's name, as a file-name part without ``-``."""
    name = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
    return "".join(c if c.isalnum() else "_" for c in name) or "host"


def _temp_name(target: Path) -> str:
    """A temporary file's name beside *target*: recognisable, and naming its writer.

    ``.refs.bib.citelib-<host>-<pid>-<random>.tmp``: the host and process id let a later
    write tell a file left by a killed writer from one a live writer is still filling.
    """
    return f".{target.name}.{_TEMP_TAG}-{_host()}-{os.getpid()}-{os.urandom(4).hex()}.tmp"


def _remove_stale_temps(target: Path, directory: Path) -> None:
    """Remove temporary files of *target* left by writers on this host that no longer run."""
    prefix = f".{target.name}.{_TEMP_TAG}-{_host()}-"
    try:
        names = [n for n in os.listdir(directory) if n.startswith(prefix) and n.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        pid_text = name[len(prefix) :].split("-", 1)[0]
        if not pid_text.isdigit() or _alive(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            os.unlink(directory / name)


def _alive(pid: int) -> bool:
    """Whether process *pid* exists (on this host); unknown counts as alive."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # it exists but is not ours, or the platform cannot tell
    return True


def write_text_atomic(path: PathArg, text: str) -> None:
    """Write *text* (UTF-8) to *path* so readers see the old file or the new one, never half of it.

    See :func:`write_bytes_atomic`.
    """
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: PathArg, data: bytes) -> None:
    """Write *data* to *path* so readers see the old file or the new one, never half of it.

    The data goes to a temporary file beside *path* (named for this host and process),
    renamed over *path* when complete.  Temporary files that killed writers left behind
    are removed by the next write to the same path; a live writer's file never is.
    """
    from pathlib import Path  # (here: reading and formatting need no pathlib)

    target = Path(path)
    if target.exists() and not target.is_file():
        # a device or pipe (/dev/null, /dev/stdout, a FIFO): no rename over it, write through
        try:
            with open(target, "wb") as fh:
                fh.write(data)
        except OSError as e:
            raise WriteError(f"{target}: cannot write: {e.strerror or e}") from None
        return
    directory = target.parent if str(target.parent) else Path(".")
    _remove_stale_temps(target, directory)
    tmp = directory / _temp_name(target)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as e:
        raise WriteError(f"{target}: cannot write: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise WriteError(f"{target}: cannot write: {e.strerror or e}") from None
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
