"""Pack the zotero-chinese style collection into styles/zotero-chinese.zip.

    .venv/bin/python scripts/build_zotero_chinese.py [SOURCE]

SOURCE is a copy of zotero-chinese/styles' ``src/`` folder (default:
../shared/csl/zotero-chinese, one folder per style with its ``.csl`` and
``metadata.json``).  The archive holds every style file byte for byte, as
``DIR/FILE.csl``, and ``index.json``: each style's metadata without the rendered
examples (``citations``, ``bibliography``), sorted by folder name.  Entries carry a
fixed date, so the same source gives the same bytes.  The styles are CC BY-SA 3.0:
styles/LICENSE.md says where they come from; the index keeps each style's authors
and contributors.
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "styles" / "zotero-chinese.zip"
DROP = {"citations", "bibliography"}
EPOCH = (2026, 1, 1, 0, 0, 0)


def build(source: Path) -> int:
    index = []
    with zipfile.ZipFile(OUT, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for folder in sorted(p for p in source.iterdir() if p.is_dir()):
            meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
            csl = folder / meta["file"]
            info = zipfile.ZipInfo(f"{meta['dir']}/{meta['file']}", EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, csl.read_bytes(), compresslevel=9)
            index.append({k: v for k, v in meta.items() if k not in DROP})
        info = zipfile.ZipInfo("index.json", EPOCH)
        info.compress_type = zipfile.ZIP_DEFLATED
        text = json.dumps(index, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        archive.writestr(info, text.encode("utf-8"), compresslevel=9)
    return len(index)


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/csl/zotero-chinese"
    count = build(source)
    print(f"{OUT.relative_to(ROOT)}: {count} styles, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
