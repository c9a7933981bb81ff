"""``python -m pipeline``: the command line of :mod:`pipeline.cli` (``run``, ``eval``, ``fetch``, ``report``,
``docs``)."""

from .cli import main

main()
