"""Atomic file output: one file, or a run's set of files, appears whole or not at all.

One file (:func:`atomic_path`): written beside the target under a temporary
name, flushed, then renamed over it, so an interrupted write never leaves a
half-written file under the final name.

A set of files (:class:`OutputSet`, what ``geomap run`` writes): every file is
first written in full under its temporary name; only then are they renamed
onto their targets, one after another in a burst of a few milliseconds with
SIGINT and SIGTERM held back, so a reader sees the previous run's files or
this run's, never a mixture. Before the burst the list of renames is written
to a small journal; a run killed outright in the middle of the burst (SIGKILL,
power loss) leaves that journal behind, and the next run into the same folder
finishes the renames before it does anything else.

Temporary names are ``.<target stem>.geomap-<pid>-<8 random characters><suffix>``
(and the journal ``.geomap-<pid>-<random>.commit.json``): hidden, and naming the
process that wrote them. Each run into a folder removes what matches this
pattern and belongs to a process that no longer runs (or is over a day old),
and the ``.<stem>.<8 random characters><suffix>`` temporaries of earlier geomap
versions for its own output names when over an hour old. Nothing else is touched.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import signal
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

#: A temporary file of this module: ``.<stem>.geomap-<pid>-<random><suffix>`` (or a journal).
_TEMP = re.compile(r"^\..*\.geomap-(?P<pid>\d+)-[A-Za-z0-9_]{8}(?:\.|$)|^\.geomap-(?P<jpid>\d+)-")
_JOURNAL_SUFFIX = ".commit.json"
#: Temporaries older than this are stale even when their process id is in use again.
_STALE_SECONDS = 24 * 3600
#: Temporaries of earlier versions (no process id in the name) are stale after this.
_LEGACY_STALE_SECONDS = 3600
_HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def _temp_prefix(target: Path) -> str:
    return f".{target.stem}.geomap-{os.getpid()}-"


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it onto ``target`` on success.

    The temporary name keeps the target's suffix, so libraries that choose a
    format from the extension (GDAL drivers) still see the right one. On error
    the temporary file is removed and the target is left as it was.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=target.suffix, dir=target.parent)
    tmp = Path(tmp_name)
    try:
        # Inside the try: a SIGTERM handled here (as an exception) leaves no empty temporary.
        os.close(fd)
        tmp.unlink()  # GDAL drivers refuse to create over an existing file
        yield tmp
        _sync(tmp)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def _sync(path: Path) -> None:
    """Flush a finished file to disk before it takes the target's name."""
    if path.is_file():
        with open(path, "rb") as handle:
            os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    """Make renames in ``folder`` durable (where the platform allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_text_atomic(target: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``target`` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


class OutputSet:
    """Files that appear together: stage each, then :meth:`commit` renames them all at once.

    >>> with OutputSet(folder) as outputs:                      # doctest: +SKIP
    ...     write_geojson(events, outputs.stage(folder / "strikes.geojson"))
    ...     write_csv(events, outputs.stage(folder / "strikes.csv"))
    ... # leaving the block without an error commits; with one, removes every staged file

    ``stage`` returns a temporary path (not yet created) in ``folder`` to write
    the file to in full. Entering the block first finishes an interrupted commit
    of an earlier run into the folder and removes stale temporaries (see the
    module docstring).
    """

    def __init__(self, folder: str | os.PathLike[str], *, names: Iterable[str] = ()) -> None:
        """``names``: the output file names, whose temporaries of earlier versions are cleared too."""
        self.folder = Path(folder)
        self._names = tuple(names)
        self._staged: list[tuple[Path, Path]] = []

    def __enter__(self) -> OutputSet:
        self.folder.mkdir(parents=True, exist_ok=True)
        recover(self.folder, names=self._names)
        return self

    def stage(self, target: str | os.PathLike[str]) -> Path:
        """A temporary path in the folder that :meth:`commit` will rename onto ``target``."""
        target = Path(target)
        tmp = self.folder / f"{_temp_prefix(target)}{secrets.token_hex(4)}{target.suffix}"
        self._staged.append((tmp, target))
        return tmp

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()

    def discard(self) -> None:
        """Remove every staged file (and what SQLite or GDAL left beside it); no target is touched."""
        for tmp, _ in self._staged:
            # Beside the staged file: what SQLite or GDAL made of it, and the temporary of a
            # writer that was itself writing it through atomic_path ("..x.geomap-1-ab.geomap-1-cd.geojson").
            for leftover in [*self.folder.glob(f"{tmp.name}*"),
                             *self.folder.glob(f".{tmp.stem}.geomap-*")]:
                with contextlib.suppress(OSError):
                    leftover.unlink()
        self._staged.clear()

    def commit(self) -> None:
        """Rename every staged file onto its target, all in one burst.

        The burst runs with SIGINT and SIGTERM held back (they are handled just
        after it), after a journal of the renames is on disk: a run killed
        outright in the middle leaves the journal, and the next run finishes it.
        """
        missing = [str(tmp) for tmp, _ in self._staged if not tmp.exists()]
        if missing:
            self.discard()
            raise RuntimeError(f"staged output never written: {', '.join(missing)}")
        for tmp, _ in self._staged:
            _sync(tmp)
        journal = self.folder / f".geomap-{os.getpid()}-{secrets.token_hex(4)}{_JOURNAL_SUFFIX}"
        renames = [[tmp.name, str(target.resolve())] for tmp, target in self._staged]
        write_text_atomic(journal, json.dumps(renames))
        _sync_folder(self.folder)
        with _signals_held():
            for tmp, target in self._staged:
                os.replace(tmp, target)
            _sync_folder(self.folder)
            journal.unlink()
        self._staged.clear()


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back for the block (where the platform can), then let them in."""
    block = getattr(signal, "pthread_sigmask", None)
    if block is None:
        yield
        return
    previous = block(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        yield
    finally:
        block(signal.SIG_SETMASK, previous)


def recover(folder: str | os.PathLike[str], *, names: Iterable[str] = ()) -> None:
    """Finish an interrupted commit in ``folder`` and remove stale temporaries.

    ``names`` are output file names (``strikes.geojson``) whose temporaries of
    earlier geomap versions (``.strikes.k2j3h4g5.geojson``) are removed too
    when over an hour old.
    """
    folder = Path(folder)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        if entry.name.endswith(_JOURNAL_SUFFIX) and _stale(entry, now):
            _finish_journal(folder, Path(entry.path))
    legacy = [re.compile(rf"^\.{re.escape(Path(n).stem)}\.[a-z0-9_]{{8}}{re.escape(Path(n).suffix)}"
                         r"(?:-journal|-wal|-shm)?$") for n in names]
    for entry in entries:
        if not os.path.lexists(entry.path):
            continue
        if _TEMP.match(entry.name):
            if not _stale(entry, now):
                continue
        elif not any(p.match(entry.name) for p in legacy) or not _older(entry, now, _LEGACY_STALE_SECONDS):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)


def _finish_journal(folder: Path, journal: Path) -> None:
    """Complete the renames a journal lists (each staged file was whole before it was written)."""
    try:
        renames = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        renames = []  # never completed: nothing was renamed yet, the temporaries go as stale
    for name, target in renames if isinstance(renames, list) else []:
        tmp = folder / name
        if tmp.exists():
            with contextlib.suppress(OSError):
                os.replace(tmp, target)
    _sync_folder(folder)
    with contextlib.suppress(OSError):
        journal.unlink()


def _stale(entry: os.DirEntry, now: float) -> bool:
    """Whether a temporary of this module belongs to no running process (or is very old)."""
    m = _TEMP.match(entry.name)
    if m is None:
        return False
    pid = int(m.group("pid") or m.group("jpid"))
    if pid == os.getpid():
        return False
    return not _alive(pid) or _older(entry, now, _STALE_SECONDS)


def _older(entry: os.DirEntry, now: float, seconds: float) -> bool:
    try:
        return now - entry.stat(follow_symlinks=False).st_mtime > seconds
    except OSError:
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except OSError:
        return True
    return True
