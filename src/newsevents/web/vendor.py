"""Browser libraries the explorer serves from ``static/vendor/`` (never from a CDN).

They come from npm at setup time: ``make web-assets`` runs ``npm ci`` on ``package.json`` /
``package-lock.json`` in this folder, then ``python src/newsevents/web/vendor.py`` copies the files
below out of ``node_modules/``. The app checks :func:`missing` and, when files are absent, shows
the data as tables with a message saying how to get the charts back.

    python src/newsevents/web/vendor.py [--check]
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
VENDOR = HERE / "static" / "vendor"

#: vendor file name -> path under node_modules
FILES: dict[str, str] = {
    "chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
    "cytoscape.min.js": "cytoscape/dist/cytoscape.min.js",
    "leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet.css": "leaflet/dist/leaflet.css",
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "countries-110m.json": "world-atlas/countries-110m.json",
    "swagger-ui-bundle.js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
}

#: licences shipped beside the files
LICENSES: dict[str, str] = {
    "chart.js": "chart.js/LICENSE.md",
    "cytoscape": "cytoscape/LICENSE",
    "leaflet": "leaflet/LICENSE",
    "topojson-client": "topojson-client/LICENSE",
    "world-atlas": "world-atlas/LICENSE",
    "swagger-ui-dist": "swagger-ui-dist/LICENSE",
}

#: which pages need which files (for the "missing" message)
NEEDS: dict[str, tuple[str, ...]] = {
    "overview": ("chart.umd.min.js",),
    "dyad": ("chart.umd.min.js",),
    "map": ("leaflet.js", "leaflet.css", "topojson-client.min.js", "countries-110m.json"),
    "network": ("cytoscape.min.js",),
    "docs": ("swagger-ui-bundle.js", "swagger-ui.css"),
}


def missing(page: str | None = None, *, vendor: Path = VENDOR) -> list[str]:
    """Vendor files that are not there (those ``page`` needs, or all)."""
    names = NEEDS.get(page, ()) if page else tuple(FILES)
    return [n for n in names if not (vendor / n).is_file()]


def build(*, node_modules: Path = NODE_MODULES, vendor: Path = VENDOR) -> list[str]:
    """Copy the files from ``node_modules`` into ``vendor``; returns the names copied.
    Raises FileNotFoundError naming what is missing (run ``npm ci`` first)."""
    absent = [src for src in FILES.values() if not (node_modules / src).is_file()]
    if absent:
        raise FileNotFoundError(f"not in {node_modules}: {', '.join(absent)}; run `npm ci` in {HERE} first")
    vendor.mkdir(parents=True, exist_ok=True)
    for name, src in FILES.items():
        shutil.copyfile(node_modules / src, vendor / name)
    images = node_modules / "leaflet" / "dist" / "images"
    if images.is_dir():
        shutil.copytree(images, vendor / "images", dirs_exist_ok=True)
    lic = vendor / "licenses"
    lic.mkdir(exist_ok=True)
    for pkg, src in LICENSES.items():
        if (node_modules / src).is_file():
            shutil.copyfile(node_modules / src, lic / f"{pkg}.txt")
    return list(FILES)


def main(argv: list[str]) -> int:
    if "--check" in argv:
        gone = missing()
        print("vendor assets: " + ("all present" if not gone else "missing " + ", ".join(gone)))
        return 1 if gone else 0
    try:
        names = build()
    except FileNotFoundError as exc:
        print(f"web assets: {exc}", file=sys.stderr)
        return 1
    print(f"web assets: {len(names)} files in {VENDOR}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
