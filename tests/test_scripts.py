"""The install-and-test script survives a busy machine."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "install-and-test.sh"


def _apt_commands() -> list[list[str]]:
    """Every apt-get command line the script runs (comments and echoed hints left out)."""
    commands = []
    for line in SCRIPT.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith(("#", "echo")) or "apt-get" not in line:
            continue
        words = shlex.split(line.split(">", 1)[0])
        commands.append(words[words.index("apt-get"):])
    return commands


def test_apt_waits_for_the_dpkg_lock():
    commands = _apt_commands()
    verbs = {next(w for w in cmd[1:] if not w.startswith("-") and "=" not in w) for cmd in commands}
    assert {"update", "install"} <= verbs
    for cmd in commands:
        options = [cmd[i + 1] for i, w in enumerate(cmd[:-1]) if w == "-o"]
        assert any(re.fullmatch(r"DPkg::Lock::Timeout=\d{3,}", o) for o in options), cmd
