"""``.. cli-help::``: the ``citelib`` command's help, taken from the Click commands themselves.

Each command's ``--help`` text becomes a literal block under a heading, so the CLI page
cannot drift from the code.
"""

from __future__ import annotations

from typing import Any

import click
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


def _help(command: click.Command, name: str, parent: click.Context | None) -> str:
    ctx = click.Context(command, info_name=name, parent=parent, terminal_width=88)
    return command.get_help(ctx)


class CliHelp(SphinxDirective):
    """Render ``citelib --help`` and each subcommand's ``--help``."""

    def run(self) -> list[nodes.Node]:
        from citelib.cli import cli as main

        root = click.Context(main, info_name="citelib", terminal_width=88)
        out: list[nodes.Node] = [nodes.literal_block(text=_help(main, "citelib", None))]
        commands = getattr(main, "commands", {})
        for name in sorted(commands):
            command = commands[name]
            section = nodes.section(ids=[f"citelib-{name}"])
            section += nodes.title(text=f"citelib {name}")
            section += nodes.literal_block(text=_help(command, name, root))
            out.append(section)
        return out


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("cli-help", CliHelp)
    return {"parallel_read_safe": True, "version": "1"}
