"""Rebuild ``citelib/_citeproc/collation-surname-anchors.txt`` from pypinyin's dictionary.

Surname readings (曾 zeng, 单 shan) sort a character as if it were read so: right after the
character that is the pinyin-order anchor of that reading (the median place, in ICU's pinyin
collation, of the characters read only so, else of those read so first). Computing the anchors
walks pypinyin's whole dictionary (0.7 s), so they are built once here and shipped::

    .venv/bin/python scripts/build_surname_anchors.py

Run it again after ``scripts/build_han_collation.mjs`` or a pypinyin upgrade, and review the diff.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "citelib" / "_citeproc" / "collation-surname-anchors.txt"


def anchors() -> dict[str, int]:
    """Reading (``zeng1``) -> the pinyin-order place of its anchor character."""
    import pypinyin
    from pypinyin import Style, pinyin_dict
    from pypinyin.style import convert

    from citelib._citeproc.collation import han_order

    order = han_order("pinyin")
    only: dict[str, list[int]] = {}
    first: dict[str, list[int]] = {}
    for cp, readings in pinyin_dict.pinyin_dict.items():
        ch = chr(cp)
        if ch not in order:
            continue
        head = readings.split(",")[0]
        reading = convert(head, Style.TONE3, strict=True, neutral_tone_with_five=True)
        first.setdefault(reading, []).append(order[ch])
        if "," not in readings:
            only.setdefault(reading, []).append(order[ch])
    places = {**first, **only}
    print(f"pypinyin {pypinyin.__version__}: {len(places)} readings", file=sys.stderr)
    return {r: sorted(p)[len(p) // 2] for r, p in places.items()}


def main() -> int:
    table = anchors()
    lines = [
        "# reading<TAB>place: the pinyin-order anchor of each reading, for surname readings",
        "# built by scripts/build_surname_anchors.py from pypinyin's dictionary; do not edit",
        *(f"{r}\t{p}" for r, p in sorted(table.items())),
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
