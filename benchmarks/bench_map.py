"""How big and how fast is the HTML map at 1k, 10k and 100k strikes?

Usage::

    python benchmarks/bench_map.py [--sizes 1000,10000,100000] [--runs 3] [--keep DIR]

For each size it builds synthetic strike events (spread over Ukraine and
western Russia around real towns, with mixed strike types, targets, statuses
and origins -- about a tenth coded by ACLED --, dates over three years, one or
two evidence sentences of 120-300 characters each, a third of them in
Cyrillic, and a source URL shared by about three events each), writes the map
with :func:`geomap.mapping.write_map`, and opens it by file:// URL in headless
system Chromium (/usr/bin/chromium, the flags of ``tests/conftest.py``) with
every other request aborted.

What is measured, per run, in a fresh browser page:

- **drawn**: navigation start -> the app is built, markers (or clusters) are
  on the map, and the browser has painted a frame (``performance.now()`` after
  two ``requestAnimationFrame``; ``performance.now()`` counts from navigation
  start);
- **toggle**: one strike-type checkbox clicked off -> the filter has run, the
  counts are updated and a frame is painted (measured in the page);
- **interactive** = drawn + toggle: the time until an analyst has seen the map
  and one strike-type toggle has completed.
- **names**: navigation start -> the gazetteer's place names (unpacked after the
  events are drawn) are placed on the map and painted (after the toggle, so it
  is an upper bound).
- **bare Leaflet**: the same points drawn by a bare page that inlines only Leaflet
  (one canvas ``circleMarker`` per point, no clustering, no labels, no panel), from
  navigation start to a painted frame; *ratio* = drawn / bare (issue 15 asks for at
  most 1.5 at 100,000 strikes, and at most 12 MB).

It also writes a map of 20 events with the whole labelled base (the gazetteer's place
names, country outlines, regions) and prints its size (issue 15: at most 2 MB).

The table shows the median over ``--runs`` runs (and the worst run of
*interactive*), the HTML size, and the time to build the HTML in Python. It
fails (exit 1) if the page attempted a request or reported an error.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from geomap.mapping import write_map
from geomap.model import STATUSES, TARGET_TYPES, Event

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

#: (Latin name, Cyrillic name, lat, lon, country, region) of towns strikes are spread around.
TOWNS: list[tuple[str, str, float, float, str, str]] = [
    ("Kharkiv", "Харків", 49.99, 36.23, "UA", "Kharkiv Oblast"),
    ("Kyiv", "Київ", 50.45, 30.52, "UA", "Kyiv"),
    ("Odesa", "Одеса", 46.48, 30.72, "UA", "Odesa Oblast"),
    ("Zaporizhzhia", "Запоріжжя", 47.84, 35.14, "UA", "Zaporizhzhia Oblast"),
    ("Dnipro", "Дніпро", 48.46, 35.05, "UA", "Dnipropetrovsk Oblast"),
    ("Kherson", "Херсон", 46.64, 32.62, "UA", "Kherson Oblast"),
    ("Mykolaiv", "Миколаїв", 46.97, 31.99, "UA", "Mykolaiv Oblast"),
    ("Sumy", "Суми", 50.91, 34.80, "UA", "Sumy Oblast"),
    ("Chernihiv", "Чернігів", 51.49, 31.29, "UA", "Chernihiv Oblast"),
    ("Pokrovsk", "Покровськ", 48.28, 37.18, "UA", "Donetsk Oblast"),
    ("Kramatorsk", "Краматорськ", 48.72, 37.56, "UA", "Donetsk Oblast"),
    ("Kryvyi Rih", "Кривий Ріг", 47.91, 33.39, "UA", "Dnipropetrovsk Oblast"),
    ("Lviv", "Львів", 49.84, 24.03, "UA", "Lviv Oblast"),
    ("Poltava", "Полтава", 49.59, 34.55, "UA", "Poltava Oblast"),
    ("Nikopol", "Нікополь", 47.57, 34.39, "UA", "Dnipropetrovsk Oblast"),
    ("Belgorod", "Белгород", 50.60, 36.59, "RU", "Belgorod Oblast"),
    ("Kursk", "Курск", 51.73, 36.19, "RU", "Kursk Oblast"),
    ("Bryansk", "Брянск", 53.25, 34.37, "RU", "Bryansk Oblast"),
    ("Voronezh", "Воронеж", 51.67, 39.18, "RU", "Voronezh Oblast"),
    ("Rostov-on-Don", "Ростов-на-Дону", 47.24, 39.71, "RU", "Rostov Oblast"),
    ("Novorossiysk", "Новороссийск", 44.72, 37.77, "RU", "Krasnodar Krai"),
    ("Tuapse", "Туапсе", 44.10, 39.08, "RU", "Krasnodar Krai"),
    ("Krasnodar", "Краснодар", 45.04, 38.98, "RU", "Krasnodar Krai"),
    ("Ryazan", "Рязань", 54.63, 39.74, "RU", "Ryazan Oblast"),
    ("Engels", "Энгельс", 51.48, 46.21, "RU", "Saratov Oblast"),
    ("Saratov", "Саратов", 51.53, 46.03, "RU", "Saratov Oblast"),
    ("Volgograd", "Волгоград", 48.71, 44.51, "RU", "Volgograd Oblast"),
    ("Moscow", "Москва", 55.75, 37.62, "RU", "Moscow"),
    ("Oryol", "Орёл", 52.97, 36.07, "RU", "Oryol Oblast"),
    ("Tambov", "Тамбов", 52.72, 41.45, "RU", "Tambov Oblast"),
    ("Smolensk", "Смоленск", 54.78, 32.04, "RU", "Smolensk Oblast"),
    ("Kaluga", "Калуга", 54.51, 36.26, "RU", "Kaluga Oblast"),
    ("Lipetsk", "Липецк", 52.61, 39.59, "RU", "Lipetsk Oblast"),
    ("Yeysk", "Ейск", 46.71, 38.27, "RU", "Krasnodar Krai"),
    ("Sevastopol", "Севастополь", 44.62, 33.53, "UA", "Sevastopol"),
    ("Donetsk", "Донецьк", 48.00, 37.80, "UA", "Donetsk Oblast"),
    ("Luhansk", "Луганськ", 48.57, 39.31, "UA", "Luhansk Oblast"),
    ("Kazan", "Казань", 55.79, 49.12, "RU", "Republic of Tatarstan"),
    ("Novoshakhtinsk", "Новошахтинск", 47.76, 39.93, "RU", "Rostov Oblast"),
    ("Kirishi", "Кириши", 59.45, 32.02, "RU", "Leningrad Oblast"),
]
WEIGHTS = [12, 9, 6, 8, 5, 6, 4, 7, 3, 9, 6, 4, 1, 2, 5, 9, 5, 4, 3, 3, 2, 1, 2, 1, 1, 1, 1, 2,
           1, 1, 1, 1, 1, 1, 2, 4, 2, 1, 1, 1]

STRIKES = ["drone", "missile", "airstrike", "artillery", "glide_bomb", "sabotage", "unknown"]
STRIKE_W = [40, 20, 8, 14, 10, 2, 6]
ATTACKERS = ["ukraine", "russia", "unknown"]

_EN = [
    "{town} regional governor said {n} drones were shot down overnight and debris damaged {m} houses",
    "A {target} near {town} was hit in a {weapon} attack early on {weekday}, officials said",
    "Emergency services reported a fire at the {target} in {town} after the {weapon} strike",
    "Air defence destroyed {n} {weapon}s over the {region}, the ministry said in a statement",
    "Local residents posted videos of explosions near {town}; the damage to the {target} is unclear",
    "The strike on {town} left {m} people injured and cut power to parts of the city",
]
_RU = [
    "По словам губернатора, над {town} сбиты {n} беспилотников, обломками повреждены {m} домов",
    "В результате удара по {town} повреждено предприятие, пострадали {m} человек",
    "Ночью {town} атаковали дроны, возник пожар на территории {target_ru}",
    "Удар по {town}: повреждена инфраструктура, введён режим ЧС, работают экстренные службы",
]
_TAIL = [
    "according to preliminary information", "citing the local administration",
    "though the claim could not be independently verified", "as firefighters worked through the night",
    "the second such attack this month", "with no casualties reported so far",
    "according to satellite images published later", "the operator confirmed in a short statement",
]
_TAIL_RU = ["сообщил губернатор в Telegram", "пострадавших нет", "данные уточняются",
            "информация о погибших не поступала", "на месте работают специалисты"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _sentence(rng: random.Random, town: tuple, target: str, weapon: str) -> str:
    if rng.random() < 0.33:
        text = rng.choice(_RU).format(town=town[1], n=rng.randint(2, 60), m=rng.randint(1, 40),
                                      target_ru="нефтебазы")
        parts = [text, rng.choice(_TAIL_RU)]
        while sum(map(len, parts)) < rng.randint(110, 260):
            parts.append(rng.choice(_TAIL_RU))
        return ", ".join(parts) + "."
    text = rng.choice(_EN).format(town=town[0], n=rng.randint(2, 60), m=rng.randint(1, 40),
                                  target=target.replace("_", " "), weapon=weapon.replace("_", " "),
                                  weekday=rng.choice(_WEEKDAYS), region=town[5])
    parts = [text, rng.choice(_TAIL)]
    while sum(map(len, parts)) < rng.randint(110, 280):
        parts.append(rng.choice(_TAIL))
    return ", ".join(parts) + "."


def synthetic_events(n: int, seed: int = 7) -> list[Event]:
    """Return ``n`` synthetic but realistic strike events (see the module docstring)."""
    rng = random.Random(seed)
    facilities = []
    for k in range(max(5, min(300, n // 40))):
        town = rng.choices(TOWNS, WEIGHTS)[0]
        kind = rng.choice(["refinery", "oil depot", "power plant", "substation", "airfield"])
        facilities.append((f"facility:synthetic-{k}", f"{town[0]} {kind} {k}", town,
                           town[2] + rng.gauss(0, 0.05), town[3] + rng.gauss(0, 0.08)))
    events = []
    article = 0
    for i in range(n):
        origin = "acled" if rng.random() < 0.1 else "text"
        strike = rng.choices(STRIKES, STRIKE_W)[0]
        if rng.random() < 0.15:
            fid, fname, town, lat, lon = rng.choice(facilities)
            place, place_name, place_id, precision = fname, fname, fid, "facility"
        else:
            town = rng.choices(TOWNS, WEIGHTS)[0]
            lat, lon = town[2] + rng.gauss(0, 0.18), town[3] + rng.gauss(0, 0.28)
            place, place_name = town[0], town[1]
            place_id, precision = f"geonames:{TOWNS.index(town) + 1000}", "town"
        target = rng.choice(TARGET_TYPES)
        day = rng.randint(0, 3 * 365)
        y, rest = 2022 + day // 365, day % 365
        date = f"{y}-{rest // 31 % 12 + 1:02d}-{rest % 28 + 1:02d}" if rng.random() > 0.03 else None
        if i % 3 == 0:
            article += 1
        evidence = [_sentence(rng, town, target, strike) for _ in range(rng.choice((1, 1, 2)))]
        events.append(Event(
            place=place, place_name=place_name, place_id=place_id, lat=lat, lon=lon,
            admin1=town[5], country=town[4], geo_precision=precision, strike_type=strike,
            target_type=target, status=rng.choice(STATUSES), attacker=rng.choice(ATTACKERS),
            event_date=date, date_precision="day" if date else "unknown",
            doc_ids=[f"doc-{article}"],
            sources=[f"https://news.example.org/{y}/{article:07d}-{town[0].lower()}-strike"],
            evidence=evidence, confidence=round(rng.uniform(0.3, 0.95), 2),
            event_id=f"ev-{i:012x}", origin=origin,
        ))
    return events


_MEASURE = """async () => {
  const app = window.geomapApp;
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  await frame();
  const drawn = performance.now();
  const stats = app.stats();
  const value = app.events.vocab.strike_type[0];
  const box = document.querySelector('input[data-filter="strike_type"][data-value="' + value + '"]');
  const t0 = performance.now();
  box.click();
  while (app._pending) { await new Promise(r => setTimeout(r, 0)); }
  await frame();
  const toggle = performance.now() - t0;
  await app.placesReady;
  await frame();
  const names = performance.now();
  return {drawn, toggle, names, visible: app.visible.length, total: stats.total,
          onMap: stats.drawn + stats.clusters};
}"""


_BARE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>bare Leaflet</title>
<style>{css}</style><style>html, body, #m {{ height: 100%; margin: 0; }}</style>
<script>{js}</script></head><body><div id="m"></div>
<script type="application/json" id="pts">{points}</script>
<script>
const pts = JSON.parse(document.getElementById('pts').textContent);
const map = L.map('m', {{preferCanvas: true}}).setView([48.5, 32.0], 5);
const renderer = L.canvas();
for (const p of pts) {{ L.circleMarker(p, {{radius: 6, renderer: renderer}}).addTo(map); }}
window.bareReady = true;
</script></body></html>
"""


def write_bare(events: list[Event], path: Path) -> Path:
    """Write the bare inlined-Leaflet page of the same points (the yardstick of *ratio*)."""
    import json

    from geomap import assets

    points = json.dumps([[round(e.lat, 5), round(e.lon, 5)] for e in events], separators=(",", ":"))
    path.write_text(_BARE.format(css=assets.leaflet_css(), js=assets.leaflet_js(), points=points),
                    encoding="utf-8")
    return path


def measure_bare(browser, url: str) -> float:
    """Navigation start -> the bare page's points drawn and a frame painted (ms)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
    page.goto(url, wait_until="commit", timeout=300_000)
    page.wait_for_function("window.bareReady === true", timeout=300_000, polling=10)
    drawn = page.evaluate("""async () => {
      await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
      return performance.now(); }""")
    context.close()
    return float(drawn)


def measure(browser, url: str) -> dict[str, float]:
    """Open ``url`` in a fresh page and return the timings (ms) described in the module docstring."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    attempted: list[str] = []
    errors: list[str] = []

    def route(r) -> None:
        if r.request.url == url:
            r.continue_()
        else:
            attempted.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(url, wait_until="commit", timeout=120_000)
    page.wait_for_function("window.geomapApp !== undefined || window.geomapError !== undefined",
                           timeout=120_000, polling=10)
    result = page.evaluate(_MEASURE)
    context.close()
    if attempted or errors:
        raise RuntimeError(f"requests attempted: {attempted[:5]}; errors: {errors[:5]}")
    if not result["onMap"] or result["visible"] >= result["total"]:
        raise RuntimeError(f"nothing drawn or toggle without effect: {result}")
    return result


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; return 0, or 1 if a page misbehaved."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the HTML maps in this folder")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for n in sizes:
                events = synthetic_events(n)
                t0 = time.perf_counter()
                path = write_map(events, folder / f"map_{n}.html")
                build = time.perf_counter() - t0
                url = path.resolve().as_uri()
                runs = [measure(browser, url) for _ in range(args.runs)]
                drawn = statistics.median(r["drawn"] for r in runs)
                toggle = statistics.median(r["toggle"] for r in runs)
                inter = [r["drawn"] + r["toggle"] for r in runs]
                names = statistics.median(r["names"] for r in runs)
                bare_url = write_bare(events, folder / f"bare_{n}.html").resolve().as_uri()
                bare = statistics.median(measure_bare(browser, bare_url) for _ in range(args.runs))
                rows.append((n, path.stat().st_size, build, drawn, toggle,
                             statistics.median(inter), max(inter), bare, names))
                print(f"  {n} events done", file=sys.stderr, flush=True)
            small = write_map(synthetic_events(20), folder / "map_20.html")
            small_size = small.stat().st_size
            measure(browser, small.resolve().as_uri())  # it must open cleanly too
        except RuntimeError as exc:
            print(f"page misbehaved: {exc}", file=sys.stderr)
            return 1
        finally:
            browser.close()

    print(f"median of {args.runs} runs, headless Chromium, network aborted")
    print("| events | HTML size | build (Python) | drawn | toggle | interactive (median / worst) "
          "| names | bare Leaflet | ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, size, build, drawn, toggle, inter, worst, bare, names in rows:
        print(f"| {n:,} | {size / 1e6:.2f} MB | {build:.2f} s | {drawn / 1000:.2f} s | "
              f"{toggle / 1000:.2f} s | {inter / 1000:.2f} s / {worst / 1000:.2f} s | "
              f"{names / 1000:.2f} s | {bare / 1000:.2f} s | {drawn / bare:.2f} |")
    print(f"\n20 events with the labelled base: {small_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
