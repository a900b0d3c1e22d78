"""One fuzz input through the public API: decode, read in a format, write in every
writable format and read that back.  Anything raised that is not a :class:`CitelibError`
is an escape.

A writer that fails on works a reader produced, or writes text its own reader cannot
read, counts too.

Used by ``tests/test_fuzz.py`` (Hypothesis), ``fuzz_atheris.py`` (coverage-guided) and
``bench/fuzz_campaign.py`` (a long mutation campaign).
"""

from __future__ import annotations

from citelib import CitelibError, read_text, write_text
from citelib.formats import FORMATS
from citelib.io import decode

#: the formats a fuzz input is read as
READERS = (
    "bibtex", "biblatex", "csljson", "ris", "endnote", "cnki", "noteexpress", "page", "reflist",
)  # fmt: skip
#: the formats every work read is written in, and read back from where they can be read
WRITERS = ("bibtex", "biblatex", "csljson", "ris", "zotero-json")
_READ_BACK = {"bibtex", "biblatex", "csljson", "ris"}


class Escape(Exception):
    """An exception other than CitelibError left the public API."""

    def __init__(self, stage: str, fmt: str, error: BaseException) -> None:
        self.stage, self.fmt, self.error = stage, fmt, error
        super().__init__(f"{stage} {fmt}: {type(error).__name__}: {error}")


def check(data: bytes, fmt: str, *, writers: tuple[str, ...] = WRITERS) -> int:
    """Run *data* through the reader *fmt* and the *writers*; the number of works read.

    Raises :class:`Escape` on any exception that is not a :class:`CitelibError`.
    """
    stage = "decode"
    try:
        text = decode(data, source="fuzz")
        stage = "read"
        library = read_text(text, fmt, source="fuzz")
    except CitelibError:
        return 0
    except Exception as e:  # noqa: BLE001 - the whole point: catch what escapes
        raise Escape(stage, fmt, e) from e
    if not library.works:
        return 0
    for writer in writers:
        if writer not in FORMATS:
            continue
        try:
            written = write_text(library, writer)
        except Exception as e:  # noqa: BLE001 - a writer must write what a reader read
            raise Escape("write", writer, e) from e
        if writer in _READ_BACK:
            try:
                read_text(written.text, writer, source="fuzz-written")
            except Exception as e:  # noqa: BLE001 - and read back what it wrote
                raise Escape("read back", writer, e) from e
    return len(library.works)
