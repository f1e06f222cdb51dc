"""Atomic file output: write beside the target, then rename over it.

An interrupted run never leaves a half-written file under the final name.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it onto ``target`` on success.

    The temporary name keeps the target's suffix, so libraries that choose a
    format from the extension (GDAL drivers) still see the right one. On error
    the temporary file is removed and the target is left as it was.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # GDAL drivers refuse to create over an existing file
    try:
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


def write_text_atomic(target: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``target`` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
