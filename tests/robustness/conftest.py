"""The robustness suite's helpers: the malformed samples and two ways to run the command line."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Optional

import pytest
from click.testing import CliRunner, Result

from cli import main

from ..conftest import ROOT

BAD = ROOT / "corpora" / "samples" / "bad"
#: Runs ``mtlint`` in a child process (for signals, kills and locales).
MTLINT = [sys.executable, "-c", "import cli; cli.main()"]


def check(*args: str, input: Optional[bytes] = None) -> Result:
    """``mtlint check --jobs 1 ARGS`` in this process, so that monkeypatches reach the code that runs."""
    return CliRunner().invoke(main, ["check", "--jobs", "1", *args], input=input)


def run_process(*args: str, env: Optional[dict] = None, timeout: float = 300,
                **kwargs) -> subprocess.CompletedProcess:
    """``mtlint ARGS`` in a child process; a hang fails the test instead of blocking the suite."""
    return subprocess.run([*MTLINT, *args], capture_output=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, **kwargs)


def report(result: Result) -> dict:
    """The JSON report a run printed."""
    return json.loads(result.stdout)


def findings(result: Result) -> list[dict]:
    return [f for file in report(result)["files"] for f in file["findings"]]


@pytest.fixture
def bad_copy(tmp_path: Path) -> Path:
    """A writable copy of the malformed samples (permissions and fixes change files)."""
    folder = tmp_path / "bad"
    folder.mkdir()
    for sample in BAD.iterdir():
        (folder / sample.name).write_bytes(sample.read_bytes())
    return folder
