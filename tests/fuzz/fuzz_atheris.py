"""Coverage-guided fuzzing of one reader (and the writers' round trip) with atheris.

    .venv/bin/pip install -e '.[fuzz]'
    .venv/bin/python tests/fuzz/fuzz_atheris.py FORMAT [libFuzzer options] [CORPUS_DIR ...]

FORMAT is one of the readers (bibtex, biblatex, csljson, ris, endnote, cnki, noteexpress,
page).  Without a corpus directory, one is made under bench/out/fuzz-corpus/FORMAT from the
seeds in tests/data (tests/fuzz/mutate.py); libFuzzer adds to it what reaches new code.
Run for hours with, say, ``-max_total_time=14400 -timeout=60 -rss_limit_mb=4096``; a crash
(an escape: anything but a CitelibError, or a writer failing on a reader's works) is
written as ``crash-*`` in the working directory: turn each into a regression test.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import atheris  # noqa: E402

with atheris.instrument_imports():
    import citelib  # noqa: F401
    from fuzz.harness import READERS, check
    from fuzz.mutate import seeds

CORPORA = HERE.parent.parent / "bench" / "out" / "fuzz-corpus"


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in READERS:
        sys.exit(
            f"usage: fuzz_atheris.py FORMAT [libFuzzer options] [CORPUS ...]; FORMAT: {READERS}"
        )
    fmt = sys.argv.pop(1)
    if not any(not a.startswith("-") for a in sys.argv[1:]):
        corpus = CORPORA / fmt
        corpus.mkdir(parents=True, exist_ok=True)
        for i, data in enumerate(seeds().get(fmt, ())):
            (corpus / f"seed-{i}").write_bytes(data)
        sys.argv.append(str(corpus))

    def one_input(data: bytes) -> None:
        check(data, fmt)

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
