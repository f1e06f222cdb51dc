"""Compile the reading's modules in place, to measure what compiling them gains (throwaway).

Run: python benchmarks/build_compiled.py {cython,mypyc,clean} [--code DIR] [--jobs N] [MODULE.py ...]

Builds extension modules next to the ``.py`` files of a checkout (``--code``, by default this
one), so that ``PYTHONPATH=DIR python ...`` imports the compiled modules in their place (an
extension module is found before the ``.py`` of the same name). ``clean`` removes them again.
Nothing in pyproject.toml is changed: this only measures. Build in a frozen checkout, never in
the one an editable install points at: the extension modules shadow the ``.py`` files, so later
edits would silently not run (``clean`` first).

``cython`` compiles the ``.py`` files as they are (Cython 3 pure-Python mode) with
``annotation_typing=False``: type hints are not taken as C types, so a ``float`` argument given
an ``int`` stays an ``int`` and the compiled code computes what the Python does.
``--typed`` takes them as types (a ``list`` argument must then be exactly a list).
``mypyc`` compiles the modules together as one group, but for :data:`NOT_MYPYC`; it needs them
to type-check, and enforces their hints at run time.
Needs Cython 3 (``pip install cython``) or mypy (``pip install mypy``), and a C compiler.

Measured (callgrind_count.py --skip-teardown, instructions; Cython 3.3.2, mypy 2.4.1, ad3b3a0):
start-up 3,041 M pure, 2,583 M Cython, 2,694 M mypyc; news slice 981 / 815 / 736 M; dense
slice 1,137 / 924 / 836 M; outputs byte-identical.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# The modules the reading and merging of `geomap extract` spend their time in (cProfile of the
# 10 MB news corpus and 2 MB of the real-sentence corpus), and the ones they call.
READING = """
geomap/text.py geomap/reading.py geomap/matcher.py geomap/mentions.py geomap/strike_sentence.py
geomap/address.py geomap/claims.py geomap/namesakes.py geomap/place_doubts.py geomap/region_tally.py
geomap/casualties.py geomap/lexicon.py geomap/model.py geomap/pipeline.py geomap/parallel.py
geomap/attributes/attacker.py geomap/attributes/confidence.py geomap/attributes/cues.py
geomap/attributes/negation.py geomap/attributes/speakers.py geomap/attributes/status.py
geomap/attributes/weapons_targets.py
geomap/dates/calendar_dates.py geomap/dates/choosing.py geomap/dates/finding.py geomap/dates/relative.py
geomap/dates/resolving.py geomap/dates/patterns.py geomap/dates/datelines.py
geomap/extract/events.py geomap/extract/extractor.py geomap/extract/neighbours.py geomap/extract/places.py
geomap/gazetteer/cache.py geomap/gazetteer/core.py geomap/gazetteer/front.py geomap/gazetteer/model.py
geomap/gazetteer/names.py geomap/gazetteer/ranking.py
geomap/lang/story.py
geomap/merge/books.py geomap/merge/fold.py geomap/merge/merger.py geomap/merge/windows.py
geomap/read/common.py geomap/read/jsonl.py
geomap/story/carrying_on.py geomap/story/containers.py geomap/story/days.py geomap/story/mentioned.py
geomap/story/weapons.py
""".split()

# mypyc enforces the type hints at run time (a list where a tuple is declared raises), and needs the
# modules it compiles to type-check: these do not yet (variables reused with another type, a numpy
# array where a float is declared), so they stay interpreted under mypyc.
NOT_MYPYC = {"geomap/namesakes.py", "geomap/story/days.py", "geomap/pipeline.py", "geomap/parallel.py",
             "geomap/gazetteer/front.py", "geomap/gazetteer/cache.py", "geomap/merge/books.py",
             # (tables only; mypyc cannot type its Cyrillic words through the import cycle)
             "geomap/lexicon.py",
             # Their data classes are copied and stored through ``__dict__`` (merger, store), which
             # mypyc's native classes have not (``@mypyc_attr(native_class=False)`` would keep one).
             "geomap/model.py", "geomap/gazetteer/model.py",
             # A native Matcher cannot be unpickled from the cache (its __new__ runs __init__, which
             # wants the place keys), so every run rebuilt it; kept a plain class with
             # @mypyc_attr(native_class=False), mypy 2.4.1's mypyc crashes on _with_region_lists' lambda.
             "geomap/matcher.py",
             # Its functools.cached_property memos were recomputed at each use once compiled (the
             # place index by id rebuilt at every look-up: 4.6 times the instructions on the dense slice).
             "geomap/gazetteer/core.py"}


def _built(code: Path, modules: list[str]) -> list[Path]:
    """The extension files built for ``modules`` in ``code``."""
    found = []
    for module in modules:
        source = code / module
        found += source.parent.glob(f"{source.stem}.*.so")
    return found


def build_cython(code: Path, modules: list[str], jobs: int, typed: bool = False) -> None:
    """Compile ``modules`` of ``code`` with Cython, each on its own, in place.

    ``typed`` lets Cython take the type hints as types (``annotation_typing``): a ``list``
    argument must then be exactly a list, and a ``float`` one becomes a C double.
    """
    from Cython.Build import cythonize
    from setuptools import setup

    os.chdir(code)
    extensions = cythonize(modules, nthreads=jobs, language_level=3,
                           compiler_directives={"annotation_typing": typed})
    setup(name="geomap-compiled", ext_modules=extensions, packages=[], py_modules=[],
          script_args=["build_ext", "--inplace", f"--parallel={jobs}", "--build-temp", "build/compiled"])


def build_mypyc(code: Path, modules: list[str], jobs: int) -> None:
    """Compile ``modules`` of ``code`` with mypyc, as one group, in place."""
    from mypyc.build import mypycify
    from setuptools import setup

    os.chdir(code)
    # The modules they import are read for their types only (not checked: see NOT_MYPYC).
    extensions = mypycify(["--follow-imports=silent", "--ignore-missing-imports",
                           *(m for m in modules if m not in NOT_MYPYC)], opt_level="3")
    setup(name="geomap-compiled", ext_modules=extensions, packages=[], py_modules=[],
          script_args=["build_ext", "--inplace", f"--parallel={jobs}", "--build-temp", "build/compiled"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("how", choices=["cython", "mypyc", "clean"])
    parser.add_argument("modules", nargs="*", help="paths under the checkout (default: the reading's)")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout to build in")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--typed", action="store_true", help="cython: take the type hints as types")
    args = parser.parse_intermixed_args()  # (the modules may follow the options)
    code = args.code.resolve()
    modules = args.modules or READING
    # Whatever was built before, by either compiler, goes first: the two would shadow each other.
    for built in [*_built(code, modules), *code.glob("*__mypyc.*.so")]:
        built.unlink()
    for generated in [code / m for m in modules]:
        generated.with_suffix(".c").unlink(missing_ok=True)
    if args.how == "cython":
        build_cython(code, modules, args.jobs, args.typed)
    elif args.how == "mypyc":
        build_mypyc(code, modules, args.jobs)
    print(f"{len(_built(code, modules))} of {len(modules)} modules compiled in {code}", file=sys.stderr)


if __name__ == "__main__":
    main()
