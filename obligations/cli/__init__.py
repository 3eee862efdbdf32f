"""The command line: parse arguments, read the environment, call the library, render."""

from obligations.cli.main import main

__all__ = ["main"]
