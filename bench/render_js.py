"""Python side of the citeproc-js harness: run ``citeproc_js.mjs`` under node, get its JSON.

citeproc-js (npm ``citeproc``, installed in ``bench/node_modules`` by ``npm ci`` here or by
``.ci/clients``) is the reference engine: what Zotero renders.  Used by
``make_apa_golden.py``, ``bench_render.py`` and ``tests/test_citeproc_js.py``::

    from render_js import render
    out = render("apa.csl", items, modes=("bibliography", "cite-each"))
    out["entries"][0] == {"id": ..., "html": ..., "text": ...}

Run as a script it prints the same JSON (``python bench/render_js.py --help``).
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "BENCH",
    "LOCALES",
    "SCRIPT",
    "STYLES",
    "CiteprocJsError",
    "available",
    "command",
    "html_to_text",
    "node",
    "render",
    "style_path",
    "unavailable_reason",
    "version",
]

BENCH = Path(__file__).resolve().parent
SCRIPT = BENCH / "citeproc_js.mjs"
SHARED = BENCH.parent.parent / "shared"
STYLES = SHARED / "csl" / "styles"
# the shared locales first, then the complete set citeproc-py ships, which citelib falls
# back to as well (en-GB, de-DE, ...): both engines see the same locale files
LOCALES = os.pathsep.join(
    str(p)
    for p in (
        SHARED / "csl" / "locales",
        Path(importlib.util.find_spec("citeproc").origin or "").parent / "data" / "locales"
        if importlib.util.find_spec("citeproc")
        else None,
    )
    if p is not None
)
PACKAGE = BENCH / "node_modules" / "citeproc" / "package.json"

Items = str | os.PathLike[str] | Sequence[dict[str, Any]]


class CiteprocJsError(RuntimeError):
    """citeproc-js could not run or failed on its input."""


def node() -> str | None:
    """The node executable, or None."""
    return shutil.which("node")


def unavailable_reason() -> str | None:
    """Why the harness cannot run here (no node, no citeproc package), or None if it can."""
    if node() is None:
        return "node is not installed"
    if not PACKAGE.exists():
        return f"citeproc-js is not installed ({PACKAGE.parent} missing: run `npm ci` in bench/)"
    if not (STYLES.is_dir() and Path(LOCALES.split(os.pathsep)[0]).is_dir()):
        return f"the reference styles and locales are missing ({STYLES.parent}: ../shared/csl)"
    return None


def available() -> bool:
    """True when node and the citeproc package are both there."""
    return unavailable_reason() is None


def version() -> str:
    """The installed citeproc-js version (npm package ``citeproc``)."""
    return json.loads(PACKAGE.read_text(encoding="utf-8"))["version"]


def style_path(style: str | os.PathLike[str]) -> Path:
    """A .csl path as given, or a file name / stem looked up in ../shared/csl/styles."""
    path = Path(style)
    if path.exists():
        return path
    for candidate in (STYLES / path.name, STYLES / f"{path.name}.csl"):
        if candidate.exists():
            return candidate
    raise CiteprocJsError(f"no such style: {style}")


def command(
    style: str | os.PathLike[str],
    items_file: str | os.PathLike[str],
    *,
    modes: Iterable[str] = ("bibliography",),
    clusters_file: str | os.PathLike[str] | None = None,
    format: str = "both",
    locales: str | os.PathLike[str] = LOCALES,
    lang: str | None = None,
) -> list[str]:
    """The node command line that renders *items_file* (for timing it as a whole process)."""
    exe = node()
    if exe is None:
        raise CiteprocJsError("node is not installed")
    cmd = [
        exe,
        str(SCRIPT),
        "--style",
        str(style_path(style)),
        "--locales",
        str(locales),
        "--items",
        str(items_file),
        "--mode",
        ",".join(modes),
        "--format",
        format,
    ]
    if clusters_file is not None:
        cmd += ["--clusters", str(clusters_file)]
    if lang:
        cmd += ["--lang", lang]
    return cmd


def render(
    style: str | os.PathLike[str],
    items: Items,
    *,
    modes: Iterable[str] = ("bibliography",),
    clusters: Sequence[Sequence[dict[str, Any]]] | None = None,
    format: str = "both",
    locales: str | os.PathLike[str] = LOCALES,
    lang: str | None = None,
    timeout: float = 600,
) -> dict[str, Any]:
    """Render *items* (a CSL-JSON file or a list of item dicts) with citeproc-js.

    Returns ``{"engine", "entries": [{id, html, text}], "citations": [{ids|items, html,
    text}], "warnings"}``; raises :class:`CiteprocJsError` if node fails.
    """
    reason = unavailable_reason()
    if reason:
        raise CiteprocJsError(reason)
    modes = tuple(modes)
    if clusters is not None and "clusters" not in modes:
        modes += ("clusters",)
    with tempfile.TemporaryDirectory(prefix="citeproc-js-") as tmp:
        if isinstance(items, str | os.PathLike):
            items_file = Path(items)
        else:
            items_file = Path(tmp) / "items.json"
            items_file.write_text(json.dumps(list(items), ensure_ascii=False), encoding="utf-8")
        clusters_file = None
        if clusters is not None:
            clusters_file = Path(tmp) / "clusters.json"
            clusters_file.write_text(json.dumps(clusters, ensure_ascii=False), encoding="utf-8")
        cmd = command(
            style,
            items_file,
            modes=modes,
            clusters_file=clusters_file,
            format=format,
            locales=locales,
            lang=lang,
        )
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        raise CiteprocJsError(
            f"citeproc-js failed ({proc.returncode}): {proc.stderr.decode('utf-8', 'replace')}"
        )
    return json.loads(proc.stdout.decode("utf-8"))


_BLOCK = re.compile(r"</?(?:div|p|br)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def html_to_text(markup: str) -> str:
    """Plain text from citeproc-js HTML, as the zotero-chinese goldens were made.

    Block tags become a space, inline tags are dropped, entities unescaped, whitespace
    collapsed and trimmed (so ``<div class="csl-left-margin">[1]</div><div ...>`` gives
    ``[1] ...``).
    """
    text = _TAG.sub("", _BLOCK.sub(" ", markup))
    return _SPACE.sub(" ", html.unescape(text)).strip()


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: render a CSL-JSON file with citeproc-js and print the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("items", help="CSL-JSON items file")
    parser.add_argument("--style", default="apa.csl", help="a .csl path or a name in shared/csl")
    parser.add_argument("--mode", default="bibliography", help="bibliography,cite-each,clusters")
    parser.add_argument("--clusters", help="JSON list of citation clusters")
    parser.add_argument("--format", default="both", choices=("both", "html", "text"))
    parser.add_argument("--lang")
    args = parser.parse_args(argv)
    clusters = None
    if args.clusters:
        clusters = json.loads(Path(args.clusters).read_text(encoding="utf-8"))
    try:
        out = render(
            args.style,
            args.items,
            modes=args.mode.split(","),
            clusters=clusters,
            format=args.format,
            lang=args.lang,
        )
    except CiteprocJsError as e:
        print(e, file=sys.stderr)
        return 1
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
