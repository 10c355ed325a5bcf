"""The setup script the Makefile runs (``python src/newsevents/web/_vendor.py``): it runs
:mod:`newsevents.web.vendor`, which the app imports. Nothing imports this file."""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":  # pragma: no cover
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from vendor import main  # the module beside this file, without importing the web package

    sys.exit(main(sys.argv[1:]))
