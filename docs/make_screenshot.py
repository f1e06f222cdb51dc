"""Render the strike map from a GeoJSON file and screenshot it with headless Chromium.

Usage::

    python docs/make_screenshot.py outputs/strikes.geojson [docs/map.png] [--mentions M.geojson]
        [--layers facilities,regions] [--popup INDEX] [--fragment 'v=8/49.9/36.3&from=...']

The GeoJSON is a FeatureCollection of events as written by ``Event.to_feature``.
The map is written to a temporary HTML file, opened by file:// URL in the
system Chromium (/usr/bin/chromium; never a downloaded browser) with every
other request refused, and saved as a 1280×800 PNG. ``--layers`` switches on
overlays that are off by default (``facilities``, ``regions``, ``mentions``),
as an analyst would from the panel; ``--fragment`` opens the map with that URL
fragment (view, filters, date window, open event: see docs/map.md), as a shared
link would. It fails if the page
tried to fetch anything or reported an error.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from geomap.mapping import write_map
from geomap.model import Event, Mention

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _features(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return list(data.get("features") or []) if isinstance(data, dict) else []


def _mention(feature: dict) -> Mention:
    props = dict(feature.get("properties") or {})
    lon, lat = feature["geometry"]["coordinates"][:2]
    fields = Mention.__dataclass_fields__
    kwargs = {k: props.get(k, "") for k in fields if k not in ("lat", "lon")}
    return Mention(lat=float(lat), lon=float(lon), **kwargs)


def main(argv: list[str] | None = None) -> int:
    """Write the screenshot; return 0 on success, 1 if the page misbehaved."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("geojson", type=Path, help="events FeatureCollection")
    parser.add_argument("png", type=Path, nargs="?", default=Path(__file__).with_name("map.png"))
    parser.add_argument("--mentions", type=Path, help="mentions FeatureCollection")
    parser.add_argument("--popup", type=int, default=None, help="open the popup of this event index")
    parser.add_argument("--layers", default="",
                        help="comma-separated overlays to switch on: facilities, regions, mentions")
    parser.add_argument("--fragment", default="", help="URL fragment the map opens with (a shared view)")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    events = [Event.from_feature(f) for f in _features(args.geojson)]
    mentions = [_mention(f) for f in _features(args.mentions)] if args.mentions else []
    attempted: list[str] = []
    errors: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        html_path = write_map(events, Path(tmp) / "map.html", mentions=mentions)
        url = html_path.resolve().as_uri()
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})

            def route(r):
                if r.request.url == url:
                    r.continue_()
                else:
                    attempted.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
            page.goto(url + ("#" + args.fragment.lstrip("#") if args.fragment else ""))
            page.wait_for_function("window.geomapApp !== undefined || window.geomapError !== undefined",
                                   timeout=60_000)
            page.wait_for_function("!window.geomapApp || window.geomapApp.places !== null", timeout=60_000)
            for name in filter(None, (n.strip() for n in args.layers.split(","))):
                box = page.locator(f'input[data-layer="{name}"]')
                if box.count() and box.is_enabled():
                    box.check()
            if args.popup is not None and events:
                page.evaluate("(i) => geomapApp.openEvent(i)", args.popup)
            page.wait_for_timeout(500)
            args.png.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.png))
            browser.close()
    print(f"{args.png}: {len(events)} events", file=sys.stderr)
    if attempted or errors:
        print(f"requests attempted: {attempted}\nerrors: {errors}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
