"""Atomic writes: the target is the old file or the new one; temporary files of killed
writers are removed by the next write, those of live writers never are."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from citelib.io import _host, write_text_atomic


def _temps(directory: Path) -> list[str]:
    return sorted(n for n in os.listdir(directory) if n.endswith(".tmp"))


def _dead_pid() -> int:
    """The id of a process that has ended."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_temporary_file_names_their_target_host_and_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def spy(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        seen.append(Path(src).name)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    write_text_atomic(tmp_path / "refs.bib", "x")
    assert len(seen) == 1
    assert seen[0].startswith(f".refs.bib.citelib-{_host()}-{os.getpid()}-")
    assert seen[0].endswith(".tmp")
    assert _temps(tmp_path) == []


def test_stale_temporary_files_of_dead_writers_are_removed(tmp_path: Path) -> None:
    dead = tmp_path / f".refs.bib.citelib-{_host()}-{_dead_pid()}-0badc0de.tmp"
    dead.write_text("half a file")
    live = tmp_path / f".refs.bib.citelib-{_host()}-{os.getppid()}-0badc0de.tmp"
    live.write_text("a live writer's")
    other_host = tmp_path / f".refs.bib.citelib-elsewhere-{_dead_pid()}-0badc0de.tmp"
    other_host.write_text("another machine's writer")
    other_target = tmp_path / f".other.bib.citelib-{_host()}-{_dead_pid()}-0badc0de.tmp"
    other_target.write_text("another file's")
    write_text_atomic(tmp_path / "refs.bib", "new")
    assert (tmp_path / "refs.bib").read_text() == "new"
    assert not dead.exists()
    assert live.exists() and other_host.exists() and other_target.exists()


def test_a_failed_write_leaves_the_target_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "refs.bib"
    target.write_text("old")

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(Exception, match="No space left"):
        write_text_atomic(target, "new")
    assert target.read_text() == "old"
    assert _temps(tmp_path) == []


_WRITER = """
import sys
from citelib.io import write_text_atomic
text = "@misc{k, note = {" + "x" * 2_000_000 + "}}\\n"
while True:
    write_text_atomic(sys.argv[1], text)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_writers_never_corrupt_the_target_and_leave_nothing_after_the_next_write(
    tmp_path: Path,
) -> None:
    target = tmp_path / "out.bib"
    old = "@misc{old, title = {the old file}}\n"
    target.write_text(old)
    full = "@misc{k, note = {" + "x" * 2_000_000 + "}}\n"
    left_behind = 0
    for delay in (0.0, 0.0, 0.01, 0.02, 0.05):
        proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(target)])
        mine = f"-{proc.pid}-"
        deadline = time.monotonic() + 60  # a loaded machine may take long to start Python
        while not any(mine in n for n in _temps(tmp_path)) and time.monotonic() < deadline:
            time.sleep(0.001)
        time.sleep(delay)  # then kill it while it writes a temporary file or renames one
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert target.read_text() in (old, full)  # never half of either
        left_behind += any(mine in n for n in _temps(tmp_path))
    # the writer spends nearly all its time filling its temporary file: kills leave some
    assert left_behind
    write_text_atomic(target, old)
    assert target.read_text() == old
    assert _temps(tmp_path) == []
