"""The ``citelib`` console script: one command, one short process."""

from __future__ import annotations

import gc

__all__ = ["GC_THRESHOLD", "main"]

#: the cyclic collector's pace for one command in one short process, which keeps nearly
#: all it makes (records, a compiled style, rendered entries) and makes few cycles: the
#: default, a pass every 700 new containers, spent 0.2-0.36 s of a 5,000-work list
#: walking them; a pass every 50,000 still 0.05-0.1 s; every 1,000,000 none below ~5,000
#: works, for 4-5 MB more at the peak (bench/README.md).  The library leaves it alone.
GC_THRESHOLD = (1_000_000, 20, 20)


def main() -> None:
    """Set the collector's pace before anything loads (the imports alone made it walk the
    new classes and functions 13 M instructions' worth, 1.4 % of a 300-work list), then
    run the command."""
    gc.set_threshold(*GC_THRESHOLD)
    from .cli import main as run

    run()
