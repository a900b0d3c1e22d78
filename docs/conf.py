"""Sphinx configuration: the API reference is generated from citelib's docstrings.

Build (warnings are errors, as in CI)::

    .venv/bin/python -m sphinx -W --keep-going -n -b html docs docs/_build/html
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

from typing import Any  # noqa: E402

from docutils.nodes import Element  # noqa: E402
from sphinx.application import Sphinx  # noqa: E402
from sphinx.environment import BuildEnvironment  # noqa: E402

import citelib  # noqa: E402

project = "citelib"
author = "the citelib developers"
copyright = "2026, the citelib developers"  # noqa: A001
release = citelib.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
    "clihelp",
]

# Every cross-reference must resolve (-n in the build command); the few that point outside
# the project (no intersphinx: the docs build offline) are named here.
nitpicky = True
nitpick_ignore_regex = [
    ("py:class", r"(attrs|click|os|re|pathlib|zipfile|collections\.abc|typing|types|_io)\..*"),
    ("py:mod", r"attrs"),
    ("py:func", r"attrs\..*"),
    ("py:class", r"(PathLike|Path|TextIO|Iterable|Iterator|Mapping|Sequence|Callable)"),
    ("py:class", r"(str|int|bool|float|bytes|object|dict|list|tuple|set|frozenset|None)"),
    ("py:class", r"(NoneType|Literal|Any|ModuleType|Exception|ValueError|LookupError)"),
    # the engine's rich text (citelib._citeproc, private), carried by Entry.rich for writers
    ("py:class", r"Rich"),
]

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True
autodoc_default_options = {"members": True, "show-inheritance": True}


def _public_name(app: Sphinx, env: BuildEnvironment, node: Element, contnode: Element) -> Any:
    """Resolve a short reference in a docstring (``write``, ``ParseError``, ``key_base``,
    ``Problem.code``): first to the name citelib exports it under (``citelib.write``), else
    to the one documented object whose full name ends with it."""
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"]
    domain = env.get_domain("py")
    short = target.rsplit("citelib.", 1)[-1]
    candidates = [f"citelib.{short}"]
    candidates += sorted(name for name in domain.objects if name.endswith(f".{short}"))
    for candidate in candidates:
        if candidate in domain.objects:
            return domain.resolve_xref(
                env, node["refdoc"], app.builder, node["reftype"], candidate, node, contnode
            )
    return None


def setup(app: Sphinx) -> None:
    app.connect("missing-reference", _public_name)


html_theme = "alabaster"
html_title = f"citelib {release}"
html_static_path: list[str] = []
exclude_patterns = ["_build"]
