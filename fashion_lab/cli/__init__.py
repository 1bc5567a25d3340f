"""The command line: ``python -m fashion_lab train|list|evaluate|predict|photos``."""

from fashion_lab.cli.main import main

__all__ = ["main"]
