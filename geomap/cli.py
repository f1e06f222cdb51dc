"""The ``geomap`` command line.

Exit status: 0 when every input was read, 1 when some could not be read (each
named on stderr in one line, the rest still processed and written) or an
output could not be made, 2 for a usage error. No traceback reaches the user.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import signal
import sqlite3
import sys
from collections.abc import Sequence
from typing import NoReturn

from . import settings
from .model import ReadProblem

PROG = "geomap"


def _iso_date(value: str) -> str:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date in the form YYYY-MM-DD") from None
    if not settings.date_in_range(day):
        raise argparse.ArgumentTypeError(
            f"'{value}' is outside the dates geomap reads ({settings.MIN_DATE}..{settings.MAX_DATE})")
    return day.isoformat()


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error told in one line (the usage itself is one ``--help`` away)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Find strikes in news text, geocode them offline, and write maps and GIS layers.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="extract, geocode, merge, and write GeoJSON, GeoPackage, CSV and map")
    run.add_argument("inputs", nargs="+", metavar="INPUT",
                     help=".txt, .html, .jsonl/.ndjson, a Telegram export .json, an .rss/.atom/.xml feed "
                          "(any of them .gz/.bz2/.xz), an ACLED .csv export, a folder, or - for stdin")
    run.add_argument("-o", "--outdir", default=str(settings.DEFAULT_OUTDIR), help="output folder")
    run.add_argument("--name", default=settings.DEFAULT_NAME, help="base name of the output files")
    run.add_argument("--date", type=_iso_date, help="publication date for inputs that carry none")
    _add_scale_options(run, store=True)

    ext = sub.add_parser("extract", help="text to events only (GeoJSON)")
    ext.add_argument("inputs", nargs="+", metavar="INPUT")
    ext.add_argument("-o", "--output", required=True, metavar="FILE.geojson")
    ext.add_argument("--date", type=_iso_date, help="publication date for inputs that carry none")
    _add_scale_options(ext, store=False)

    mp = sub.add_parser("map", help="the layered analyst map from an events file")
    mp.add_argument("events", metavar="FILE.geojson", help="a geomap GeoJSON, or a store made by run --store")
    mp.add_argument("-o", "--output", required=True, metavar="FILE.html")
    mp.add_argument("--title", default=None, help="title shown on the map")
    mp.add_argument("--tiles", default=None,
                    help="an online tile provider (xyzservices name) added as an extra base layer")
    mp.add_argument("--no-cluster", action="store_true", help="draw every marker, without clustering")

    exp = sub.add_parser("export", help="GIS layers; the format follows the extension")
    exp.add_argument("events", metavar="FILE.geojson",
                     help="a geomap GeoJSON, or a store made by run --store")
    exp.add_argument("-o", "--output", required=True, metavar="FILE.EXT",
                     help=".gpkg, .shp, .kml, .fgb, .csv or .geojson")
    exp.add_argument("--acled", action="store_true",
                     help="write an ACLED-compatible CSV (FILE.csv) instead of geomap's own CSV")

    geo = sub.add_parser("geocode", help="what the local gazetteer makes of a name")
    geo.add_argument("names", nargs="+", metavar="NAME")
    geo.add_argument("--json", action="store_true", help="print JSON")

    ev = sub.add_parser("evaluate", help="score the extractor against gold annotations or coded notes")
    ev.add_argument("gold_dir", metavar="GOLD_DIR",
                    help="folder of gold NNN_slug.json files, or a .jsonl file of coded-event notes")
    ev.add_argument("--texts", metavar="DIR", help="folder of the articles (default: beside the gold files)")
    ev.add_argument("--report", metavar="FILE.json", help="also write the full report as JSON")
    ev.add_argument("--worst", type=int, default=10, metavar="N", help="list the N worst misses (10)")
    return parser


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"'{value}': at least one process must read")
    return jobs


def _add_scale_options(parser: argparse.ArgumentParser, *, store: bool) -> None:
    """--jobs, --dask and (for run) --store: see docs/scale.md."""
    parser.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                        help="processes reading documents (default: the machine's cores); "
                             "the output is the same whatever N is")
    parser.add_argument("--dask", metavar="ADDRESS", default=None,
                        help="read on a Dask cluster (scheduler address, e.g. tcp://host:8786); "
                             "needs the 'dask' extra")
    if store:
        parser.add_argument("--store", metavar="FILE.gpkg", default=None,
                            help="a GeoPackage that keeps what was read: only documents it has not "
                                 "seen are read, merged into its events, and the outputs written from it")
        parser.add_argument("--no-outputs", action="store_true",
                            help="with --store: update the store only, write nothing into OUTDIR (the "
                                 "map and layers of the whole store cost more than a day's update; "
                                 "'geomap map' and 'geomap export' read the store when they are wanted)")


def _report(problem: ReadProblem) -> None:
    if problem.warning:
        print(f"{PROG}: warning: {problem}", file=sys.stderr)
    else:
        print(f"{PROG}: cannot read {problem}", file=sys.stderr)


def _status(problems: list[ReadProblem]) -> int:
    return 1 if any(not p.warning for p in problems) else 0


def _cmd_run(args: argparse.Namespace) -> int:
    from .pipeline import read_nothing, write_outputs

    if args.store is not None:
        return _cmd_run_store(args)
    if args.no_outputs:  # a plain run's outputs are all it gives
        print(f"{PROG} run: error: --no-outputs goes with --store", file=sys.stderr)
        return 2
    result = _extract(args)
    if not read_nothing(result):
        write_outputs(result, args.outdir, args.name)
    if read_nothing(result):
        print(f"{PROG}: error: no input could be read; nothing written (what {args.outdir} holds "
              "is left as it was)", file=sys.stderr)
        return 1
    print(f"{result.documents} documents, {len(result.events)} strike events, "
          f"{len(result.mentions)} mentions")
    for path in result.outputs.values():
        print(f"wrote {path}")
    _note_undated(result.events)
    return _status(result.problems)


def _extract(args: argparse.Namespace):  # -> pipeline.Result
    """Read the inputs here (--jobs processes) or on a Dask cluster (--dask)."""
    if args.dask:
        from .cluster import extract_events_on_cluster

        return extract_events_on_cluster(args.dask, args.inputs, date=args.date, on_problem=_report)
    from .pipeline import extract_events

    return extract_events(args.inputs, date=args.date, on_problem=_report, progress=True,
                          jobs=args.jobs or _default_jobs())


def _cmd_run_store(args: argparse.Namespace) -> int:
    from .store import update_store

    if args.dask:
        print(f"{PROG} run: error: --store reads on this machine; --dask cannot be used with it",
              file=sys.stderr)
        return 2
    outdir = None if args.no_outputs else args.outdir
    update = update_store(args.store, args.inputs, outdir=outdir, name=args.name, date=args.date,
                          on_problem=_report, progress=True, jobs=args.jobs or _default_jobs())
    # Without outputs the events are not read back from the store just to count them.
    held = update.event_count if outdir is None else len(update.events)
    print(f"{update.read} new documents read ({update.skipped} already in the store); the store holds "
          f"{update.documents} documents, {held} strike events, {update.mentions} mentions")
    for path in update.outputs.values():
        print(f"wrote {path}")
    return _status(update.problems)


def _default_jobs() -> int:
    from .parallel import default_jobs

    return default_jobs()


def _note_undated(events: list) -> None:
    """Say once when no event could be dated: the inputs carried no publication date."""
    if events and all(e.event_date is None for e in events):
        print(f"{PROG}: note: no event could be dated: the inputs give no publication date; "
              "pass --date YYYY-MM-DD (or name files YYYY-MM-DD-*.txt)", file=sys.stderr)


def _cmd_extract(args: argparse.Namespace) -> int:
    from .export import write_geojson
    from .pipeline import read_nothing

    result = _extract(args)
    if read_nothing(result):
        print(f"{PROG}: error: no input could be read; {args.output} not written", file=sys.stderr)
        return 1
    path = write_geojson(result.events, args.output)
    print(f"{result.documents} documents, {len(result.events)} strike events; wrote {path}")
    _note_undated(result.events)
    return _status(result.problems)


def _cmd_map(args: argparse.Namespace) -> int:
    from .mapping import write_map

    events, mentions = _read_events(args.events)
    kwargs = {"cluster": not args.no_cluster, "tiles": args.tiles}
    if args.title:
        kwargs["title"] = args.title
    path = write_map(events, args.output, mentions=mentions, **kwargs)
    print(f"{len(events)} strike events; wrote {path}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from .export import write_acled_csv, write_layers

    if args.acled and not args.output.lower().endswith(".csv"):
        print(f"{PROG} export: error: --acled writes CSV: the output must end in .csv", file=sys.stderr)
        return 2
    events, _ = _read_events(args.events)
    if args.acled:
        def warn(message: str) -> None:
            print(f"{PROG} export: warning: {message}", file=sys.stderr)

        path = write_acled_csv(events, args.output, warn=warn)
        undated = sum(1 for event in events if not event.event_date)
        print(f"{len(events) - undated} strike events as ACLED rows; wrote {path}")
        return 0
    path = write_layers(events, args.output)
    print(f"{len(events)} strike events; wrote {path}")
    return 0


def _read_events(path: str) -> tuple[list, list]:
    """Events (and mentions, from a store) of an events file: a geomap GeoJSON or a store (.gpkg)."""
    from .store import is_store, read_store

    if is_store(path):
        return read_store(path)
    from .export import read_events

    return read_events(path), []


def _cmd_geocode(args: argparse.Namespace) -> int:
    from .gazetteer import default_gazetteer

    gazetteer = default_gazetteer()
    answers = []
    for name in args.names:
        location = gazetteer.geocode(name)
        if location is None:
            answers.append({"query": name, "found": False})
            continue
        raw = location.raw
        answers.append({
            "query": name, "found": True, "name": raw["name"], "lat": location.latitude,
            "lon": location.longitude, "kind": raw["kind"], "precision": raw["precision"],
            "admin1": raw["admin1"], "admin2": raw.get("admin2", ""), "admin3": raw.get("admin3", ""),
            "country": raw["country"], "id": raw["id"], "confidence": raw.get("confidence", 1.0),
            "ambiguous": raw.get("ambiguous", False), "why": raw.get("why", ""),
            "rejected": raw["alternatives"],
        })
    if args.json:
        print(json.dumps(answers if len(answers) > 1 else answers[0], ensure_ascii=False, indent=2))
    else:
        for a in answers:
            if not a["found"]:
                print(f"{a['query']}: not found in the gazetteer")
                continue
            print(f"{a['query']}: {a['name']} ({a['kind']}, {_where(a)}, {a['country']}) "
                  f"{a['lat']:.5f}, {a['lon']:.5f}  [{a['id']}]")
            flag = ", ambiguous" if a["ambiguous"] else ""
            print(f"    why: {a['why'] or '-'} (confidence {a['confidence']:.2f}{flag})")
            for alt in a["rejected"][:5]:
                print(f"    alternative: {alt['name']} ({alt['kind']}, {_where(alt)}, "
                      f"{alt['country']}) {alt['lat']:.5f}, {alt['lon']:.5f} [{alt['id']}]")
    return 0 if all(a["found"] for a in answers) else 1


def _where(answer: dict) -> str:
    """Hromada, raion and region of a geocoded place, as far as known ("-" for none)."""
    parts = [answer.get("admin3", ""), answer.get("admin2", ""), answer.get("admin1", "")]
    return ", ".join(p for p in parts if p) or "-"


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import run_cli

    return run_cli(args.gold_dir, texts_dir=args.texts, report_path=args.report, worst=args.worst, prog=PROG)


_COMMANDS = {"run": _cmd_run, "extract": _cmd_extract, "map": _cmd_map, "export": _cmd_export,
             "geocode": _cmd_geocode, "evaluate": _cmd_evaluate}


class _Terminated(BaseException):
    """SIGTERM, raised where the program is so that every ``finally`` runs (temporary files go)."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated


def _catch_sigterm() -> object:
    """Turn SIGTERM into :class:`_Terminated`; return the handler it replaces (None if it cannot)."""
    try:
        return signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread (main() called from a worker): leave signals alone
        return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    previous = _catch_sigterm()
    try:
        return _COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except _Terminated:
        print(f"{PROG}: terminated", file=sys.stderr)
        return 128 + signal.SIGTERM
    except (OSError, ValueError, RuntimeError, KeyError, sqlite3.Error) as exc:
        # Expected failures (an unreadable events file, an unwritable folder, an
        # unsupported format, GDAL's and SQLite's errors, which are RuntimeErrors
        # or their own) get one line, not a traceback.
        where = f"{exc.filename}: " if isinstance(exc, OSError) and exc.filename else ""
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        print(f"{PROG}: error: {where}{reason}", file=sys.stderr)
        return 1
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
