"""``python -m citelib``: the command-line interface."""

from .cli import main

main()
