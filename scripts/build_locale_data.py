"""Rebuild ``styles/locales/locales.json``: the locale files citelib ships, read.

citelib reads a shipped locale from this file instead of its XML (4 ms of every start for
en-US and zh-CN); each entry records its XML file's size, and a file whose size differs is
read as XML again.  Run after changing a file in ``styles/locales/``, and review the diff::

    .venv/bin/python scripts/build_locale_data.py

``tests/test_locale_data.py`` fails while the file is not what this script writes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LOCALES = ROOT / "styles" / "locales"


def build() -> str:
    """The JSON text of every ``locales-*.xml`` in ``styles/locales``, read as XML."""
    from citelib._citeproc.locale import Locale, locale_data, read_locale_element
    from citelib._citeproc.xmltree import parse_file

    out = {}
    for path in sorted(LOCALES.glob("locales-*.xml")):
        tag = path.stem.removeprefix("locales-")
        locale = Locale(tag)
        read_locale_element(parse_file(path), locale)
        out[tag] = locale_data(locale, path.stat().st_size)
    return _dumps(out)


def _dumps(data: dict[str, dict[str, object]]) -> str:
    """*data* as JSON, a term (or any list item) to a line, for diffs that read."""

    def one(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    tags = []
    for tag, fields in data.items():
        lines = []
        for key, value in fields.items():
            if isinstance(value, list) and value:
                items = ",\n".join(f"    {one(item)}" for item in value)
                lines.append(f"  {one(key)}: [\n{items}\n  ]")
            else:
                lines.append(f"  {one(key)}: {one(value)}")
        tags.append(f"{one(tag)}: {{\n" + ",\n".join(lines) + "\n}")
    return "{\n" + ",\n".join(tags) + "\n}\n"


def main() -> None:
    from citelib._citeproc.locale import LOCALE_DATA

    target = LOCALES / LOCALE_DATA
    target.write_text(build(), encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
