"""``import citelib`` loads nothing until a name is used; the console script tunes the
process before the CLI loads."""

from __future__ import annotations

import subprocess
import sys

import citelib


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout


def test_importing_the_package_loads_no_submodule() -> None:
    out = _run(
        "import sys, citelib; print(sorted(m for m in sys.modules if m.startswith('citelib')),"
        " 'attrs' in sys.modules)"
    )
    assert out.split() == ["['citelib']", "False"]


def test_every_public_name_loads_on_use() -> None:
    for name in citelib.__all__:
        assert getattr(citelib, name) is not None, name
    namespace: dict[str, object] = {}
    exec("from citelib import *", namespace)
    assert set(citelib.__all__) <= set(namespace)
    assert citelib.Work.__module__ == "citelib.model"


def test_the_console_script_sets_the_collector_before_the_cli_loads() -> None:
    out = _run(
        "import gc, sys\n"
        "real = gc.set_threshold\n"
        "def spy(*a):\n"
        "    print('citelib.cli' in sys.modules, 'attrs' in sys.modules, a[0], flush=True)\n"
        "    real(*a)\n"
        "gc.set_threshold = spy\n"
        "sys.argv = ['citelib', '--version']\n"
        "from citelib._console import main\n"
        "main()\n"
    )
    first = out.splitlines()[0]
    assert first == "False False 1000000"
    assert "citelib" in out.splitlines()[-1]  # the version line: the command ran


def test_the_modules_a_format_run_imports_compile_no_pattern() -> None:
    # a pattern compiled at import costs every run, used or not: such modules keep
    # LazyPattern (citelib._regex); the patterns of the standard library and of click
    # and attrs are theirs
    out = _run(
        "import re._compiler, sys\n"
        "import attrs, click, json, xml.parsers.expat\n"
        "real = re._compiler.compile\n"
        "def spy(pattern, flags=0):\n"
        "    where = sys._getframe(1)\n"
        "    while where.f_globals.get('__name__', '').startswith('re'):\n"
        "        where = where.f_back\n"
        "    print(where.f_globals.get('__name__'), repr(pattern)[:60])\n"
        "    return real(pattern, flags)\n"
        "re._compiler.compile = spy\n"
        "import citelib.cli, citelib.render, citelib.checks, citelib._citeproc\n"
        "import citelib.formats.csljson\n"
    )
    compiled = [line for line in out.splitlines() if line.startswith("citelib")]
    assert compiled == []
