"""Faults while fixing and interruptions: a file is never left half written.

``--fix`` writes a temporary file next to the target and renames it over the target, so a
full disk, a permission error, a failed rename or a process killed at any moment leaves the
original or the fixed file, never a mixture; the run names every file it did not write and
exits with code 2. Ctrl-C stops a run cleanly with the results so far and exit code 130.
"""
from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

import qa.fix
from qa.fix import write_atomic

from .conftest import MTLINT, check

FLAWED = "The plan was called \u00ab historic \u00bb by the minister on Monday.\n"
FIXED = "The plan was called \u201chistoric\u201d by the minister on Monday.\n"


@pytest.fixture
def two_files(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    for path in (first, second):
        path.write_text(FLAWED, encoding="utf-8")
    return first, second


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".mtlint"))


def temporary_files_of(target: Path, monkeypatch) -> set[int]:
    """The descriptors of the temporary files made for ``target``'s fixes, as they are made
    (a test takes a descriptor out once it has failed: the number is reused for the next file)."""
    fds: set[int] = set()
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args, **kwargs):
        fd, name = real_mkstemp(*args, **kwargs)
        if Path(name).name.startswith(f".{target.name}."):
            fds.add(fd)
        return fd, name

    monkeypatch.setattr(qa.fix.tempfile, "mkstemp", mkstemp)
    return fds


@pytest.mark.parametrize("stage", ["write", "fsync", "rename"])
def test_disk_full_while_writing_names_the_file_and_keeps_the_original(two_files, monkeypatch, stage):
    first, second = two_files
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    fds = temporary_files_of(first, monkeypatch)
    if stage == "write":
        real_fdopen = os.fdopen

        class FullDisk:
            def __init__(self, fh) -> None:
                self.fh = fh

            def __enter__(self):
                return self

            def __exit__(self, *exc) -> None:
                self.fh.close()

            def write(self, data: bytes) -> int:
                raise full

        def fdopen(fd, *args, **kwargs):
            fh = real_fdopen(fd, *args, **kwargs)
            if fd not in fds:
                return fh
            fds.discard(fd)
            return FullDisk(fh)

        monkeypatch.setattr(qa.fix.os, "fdopen", fdopen)
    elif stage == "fsync":
        real_fsync = os.fsync

        def fsync(fd: int) -> None:
            if fd in fds:
                fds.discard(fd)
                raise full
            real_fsync(fd)

        monkeypatch.setattr(qa.fix.os, "fsync", fsync)
    else:
        real_replace = os.replace

        def replace(src, dst) -> None:
            if Path(dst).name == first.name:
                raise full
            real_replace(src, dst)

        monkeypatch.setattr(qa.fix.os, "replace", replace)
    result = check("--fix", str(first), str(second))
    assert result.exit_code == 2
    assert f"{first}: not written: No space left on device; the original is unchanged" in result.stderr
    assert first.read_text(encoding="utf-8") == FLAWED
    assert second.read_text(encoding="utf-8") == FIXED  # the other file is fixed all the same
    assert "fixed 2 findings in 1 file" in result.stderr
    assert leftovers(first.parent) == []


def test_permission_denied_while_writing(two_files, monkeypatch):
    first, second = two_files
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args, **kwargs):
        if kwargs.get("prefix", "").startswith(f".{first.name}."):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        return real_mkstemp(*args, **kwargs)

    if os.geteuid() == 0:  # root may write anywhere: refuse where the temporary file is made
        monkeypatch.setattr(qa.fix.tempfile, "mkstemp", mkstemp)
        result = check("--fix", str(first), str(second))
    else:
        folder = first.parent / "locked"
        folder.mkdir()
        first = first.rename(folder / first.name)
        folder.chmod(0o555)
        try:
            result = check("--fix", str(first), str(second))
        finally:
            folder.chmod(0o755)
    assert result.exit_code == 2
    assert f"{first}: not written: Permission denied" in result.stderr
    assert first.read_text(encoding="utf-8") == FLAWED
    assert second.read_text(encoding="utf-8") == FIXED


def test_a_failed_rename_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "a.txt"
    target.write_text(FLAWED, encoding="utf-8")

    def refuse(src, dst) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(qa.fix.os, "replace", refuse)
    with pytest.raises(qa.fix.WriteError, match="not written: I/O error"):
        write_atomic(str(target), FIXED.encode(), expected=FLAWED.encode())
    assert target.read_text(encoding="utf-8") == FLAWED and leftovers(tmp_path) == []


# -- real processes --------------------------------------------------------------------------------
def big_flawed_file(path: Path, lines: int = 1500) -> None:
    path.write_text("".join(f"{i}. " + FLAWED for i in range(lines)), encoding="utf-8")


#: ``mtlint`` whose fsync announces the write on stderr and then waits: the test kills it there.
_STALLED_WRITE = ("import os, sys, time\n"
                  "real_fsync = os.fsync\n"
                  "def fsync(fd):\n"
                  "    sys.stderr.write('writing\\n'); sys.stderr.flush(); time.sleep(60); real_fsync(fd)\n"
                  "os.fsync = fsync\n"
                  "import cli; cli.main()\n")


def test_sigkill_between_writing_and_renaming_keeps_the_original(tmp_path):
    target = tmp_path / "big.txt"
    big_flawed_file(target)
    original = target.read_bytes()
    proc = subprocess.Popen([sys.executable, "-c", _STALLED_WRITE, "check", "--fix", "--quiet", str(target)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert proc.stderr.readline() == b"writing\n"  # the fixed text is written, not yet renamed
        proc.kill()
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert target.read_bytes() == original
    # The next run ignores the abandoned temporary file and fixes the file completely.
    assert check("--fix", "--quiet", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").count("\u201chistoric\u201d") == 1500


def test_sigkill_at_any_moment_leaves_old_or_new_content_never_a_mixture(tmp_path):
    reference = tmp_path / "reference.txt"
    big_flawed_file(reference)
    original = reference.read_bytes()
    begin = time.perf_counter()
    assert check("--fix", "--quiet", str(reference)).exit_code == 0
    duration = time.perf_counter() - begin
    fixed = reference.read_bytes()
    assert fixed != original
    rng = random.Random(7)
    for trial in range(3):
        target = tmp_path / f"trial{trial}.txt"
        target.write_bytes(original)
        proc = subprocess.Popen([*MTLINT, "check", "--fix", "--quiet", str(target)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, duration + 2))
        proc.kill()
        proc.wait(timeout=60)
        assert target.read_bytes() in (original, fixed), f"trial {trial}: a partial file"


#: Items of the feed a Ctrl-C interrupts: more than the fastest machine checks before the signal.
INTERRUPTED_ITEMS = 200_000


def _interrupt(tmp_path: Path, *options: str, group: bool) -> tuple[int, bytes, bytes]:
    feed = tmp_path / "feed.jsonl"
    with open(feed, "w", encoding="utf-8") as fh:
        for i in range(INTERRUPTED_ITEMS):
            fh.write(json.dumps({"id": i, "text": f"Item {i}: " + FLAWED.strip()}) + "\n")
    proc = subprocess.Popen([*MTLINT, "check", *options, str(feed)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(8)  # well into the feed, far from its end
    if group:  # what a terminal's Ctrl-C does: the whole process group, workers included
        os.killpg(proc.pid, signal.SIGINT)
    else:
        proc.send_signal(signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    return proc.returncode, out, err


@pytest.mark.parametrize("jobs, group", [("1", False), ("2", False), ("2", True)])
def test_ctrl_c_stops_cleanly_with_partial_results_and_exit_130(tmp_path, jobs, group):
    code, out, err = _interrupt(tmp_path, "--jobs", jobs, "--format", "json", group=group)
    assert code == 130
    assert b"interrupted; partial results follow" in err and b"Traceback" not in err
    checked = json.loads(out)["files"]
    assert 0 < len(checked) < INTERRUPTED_ITEMS
    assert [f["item"]["index"] for f in checked] == list(range(1, len(checked) + 1))  # a prefix, in order


def test_ctrl_c_while_streaming_keeps_every_line_written(tmp_path):
    code, out, err = _interrupt(tmp_path, "--format", "jsonl", group=True)
    assert code == 130 and b"Traceback" not in err
    lines = out.decode("utf-8").splitlines()
    assert lines and all(json.loads(line)["findings"] for line in lines)
