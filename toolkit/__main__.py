"""``python -m toolkit``: see :mod:`toolkit.cli.main`."""

from toolkit.cli.main import run

if __name__ == "__main__":
    raise SystemExit(run())
