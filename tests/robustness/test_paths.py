"""Paths that cannot be read: each is named with the reason, nothing hangs or crashes, and every
other input is still checked (exit code 2 when a named input could not be read)."""
from __future__ import annotations

import builtins
import errno
import json
import os
from pathlib import Path

import pytest

from qa.readers import read_path, walk

from .conftest import check, report, run_process

FLAW = "The plan was called \u00ab historic \u00bb by the minister.\n"


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(FLAW, encoding="utf-8")
    return path


def checked_paths(result) -> list[str]:
    return [f["path"] for f in report(result)["files"]]


def refuse_listing(monkeypatch, folder: Path) -> None:
    """Make listing ``folder`` fail with "permission denied", as it does for a user without
    the right (a test run as root would list it anyway)."""
    real_scandir = os.scandir

    def refused(path="."):
        if Path(path) == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refused)


def test_missing_file(tmp_path, good):
    result = check("--format", "json", str(tmp_path / "missing.txt"), str(good))
    assert result.exit_code == 2
    assert f"{tmp_path / 'missing.txt'}: no such file" in result.stderr
    assert checked_paths(result) == [str(good)]


def test_broken_symlink_is_a_missing_file(tmp_path, good):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    result = check("--format", "json", str(tmp_path / "dangling.txt"), str(good))
    assert result.exit_code == 2 and "dangling.txt: no such file" in result.stderr
    assert checked_paths(result) == [str(good)]


def _deny(monkeypatch, denied: Path) -> None:
    """Make reading ``denied`` fail with EACCES: chmod where it is enforced, else at open()."""
    denied.chmod(0)
    if os.geteuid() != 0:
        return
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and Path(file) == denied:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)


@pytest.mark.parametrize("name", ["secret.txt", "secret.jsonl", "secret.html"])
def test_permission_denied_on_a_file(tmp_path, good, monkeypatch, name):
    denied = tmp_path / name
    denied.write_text(FLAW, encoding="utf-8")
    _deny(monkeypatch, denied)
    result = check("--format", "json", str(denied), str(good))
    assert result.exit_code == 2
    assert f"{denied}: permission denied" in result.stderr
    assert checked_paths(result) == [str(good)]


def test_permission_denied_on_a_folder_inside_a_walk(tmp_path, monkeypatch):
    tree = tmp_path / "tree"
    (tree / "locked").mkdir(parents=True)
    (tree / "locked" / "inside.txt").write_text(FLAW, encoding="utf-8")
    (tree / "open.txt").write_text(FLAW, encoding="utf-8")
    locked = tree / "locked"
    locked.chmod(0)
    try:
        if os.geteuid() == 0:  # root lists anything: refuse the listing where os.walk asks for it
            refuse_listing(monkeypatch, locked)
        result = check("--format", "json", str(tree))
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 2
    assert f"{locked}: permission denied" in result.stderr
    assert checked_paths(result) == [str(tree / "open.txt")]


def test_named_folder_that_cannot_be_listed(tmp_path, monkeypatch):
    folder = tmp_path / "folder"
    folder.mkdir()
    refuse_listing(monkeypatch, folder)
    result = check(str(folder))
    assert result.exit_code == 2 and f"{folder}: permission denied" in result.stderr


def test_symlink_loops_end(tmp_path, good):
    tree = tmp_path / "tree"
    (tree / "a").mkdir(parents=True)
    (tree / "a" / "note.txt").write_text(FLAW, encoding="utf-8")
    (tree / "a" / "back").symlink_to(tree, target_is_directory=True)  # a folder that contains itself
    (tree / "self.txt").symlink_to(tree / "self.txt")  # a file link pointing at itself
    (tree / "ping.md").symlink_to(tree / "pong.md")
    (tree / "pong.md").symlink_to(tree / "ping.md")
    files = [p for p, _ in walk([str(tree)])]
    assert files.count(str(tree / "a" / "note.txt")) == 1
    result = check("--format", "json", str(tree))
    assert result.exit_code == 2
    for name in ("self.txt", "ping.md", "pong.md"):
        assert f"{tree / name}: cannot read: Too many levels of symbolic links" in result.stderr
    assert str(tree / "a" / "note.txt") in checked_paths(result)


def test_fifo_named_on_the_command_line_is_an_error_without_blocking(tmp_path, good):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # nobody writes to it: opening it for reading would block for ever
    done = run_process("check", "--format", "json", str(fifo), str(good), timeout=120)
    assert done.returncode == 2
    assert b"pipe.txt: not a regular file" in done.stderr
    assert [f["path"] for f in json.loads(done.stdout)["files"]] == [str(good)]


def test_fifo_met_in_a_walk_is_skipped_with_a_notice(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    os.mkfifo(tree / "pipe.jsonl")
    (tree / "good.txt").write_text("The minister spoke on Monday.\n", encoding="utf-8")
    done = run_process("check", "--format", "json", str(tree), timeout=120)
    assert done.returncode == 0, done.stderr
    assert b"pipe.jsonl: not a regular file" in done.stderr


def test_devices_are_never_read(tmp_path):
    for device in ("/dev/zero", "/dev/null"):
        if not os.path.exists(device):
            pytest.skip("no device files here")
        (problem,) = read_path(device)
        assert problem.error and "not a regular file" in problem.message


def test_stdin_may_be_empty_or_binary():
    assert check("-", input=b"").exit_code == 0
    result = check("-", input=b"\x00\x01\x02\x03binary")
    assert result.exit_code == 2 and "<stdin>: binary data, not text" in result.stderr
