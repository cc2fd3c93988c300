"""``python -m toolkit``: see :mod:`toolkit.cli.main`."""

from toolkit.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
