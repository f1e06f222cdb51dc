"""Using geomap from Python: geocode a name, read strikes from text, and write a map and layers.

Run from the project root:  python examples/api_example.py
"""

from __future__ import annotations

from pathlib import Path

from geomap import Gazetteer, extract_events, extract_text, write_layers, write_map

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "outputs" / "api_example"


def main() -> None:
    # The gazetteer is a geopy geocoder that never touches the network.
    gazetteer = Gazetteer()
    location = gazetteer.geocode("Pokrovsk")
    print(f"Pokrovsk -> {location.address} ({location.raw['admin1']}, {location.raw['country']}) "
          f"at {location.latitude:.4f}, {location.longitude:.4f}")

    # One piece of text in, strike events out.
    text = ("Ukrainian drones struck an oil depot near Klintsy in the Bryansk region overnight, "
            "starting a fire, the governor said on Monday.")
    for event in extract_text(text, published="2025-04-07", gazetteer=gazetteer):
        print(f"{event.place_name}: {event.strike_type} / {event.target_type} / {event.status} "
              f"on {event.event_date} ({event.geo_precision})")

    # A whole folder: read, extract, geocode and merge, then write what analysts and GIS users open.
    result = extract_events([str(HERE)], gazetteer=gazetteer)
    print(f"{result.documents} documents -> {len(result.events)} strikes, {len(result.mentions)} mentions")
    OUT.mkdir(parents=True, exist_ok=True)
    write_map(result.events, OUT / "strikes.html", mentions=result.mentions, title="geomap API example")
    write_layers(result.events, OUT / "strikes.gpkg", mentions=result.mentions)
    print(f"wrote {OUT / 'strikes.html'} and {OUT / 'strikes.gpkg'}")


if __name__ == "__main__":
    main()
