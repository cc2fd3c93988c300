"""The command line, ``python -m toolkit ...`` (the top layer): parser, commands, one-line errors.

A contract other tools script against: command names, flags and CSV columns stay as they are.
"""
