"""Same input and options, same bytes out: whatever the number of jobs, the order in which the
files were created on disk, the locale or the hash seed."""
from __future__ import annotations

import functools
import json
import subprocess
from pathlib import Path
from typing import Callable

import pytest

from ..conftest import ROOT
from .conftest import run_process

SAMPLES = ROOT / "corpora" / "samples"
FORMATS = ("json", "jsonl", "sarif", "html", "markdown", "text", "junit", "github")


def build_corpus(folder: Path, reverse: bool) -> Path:
    """The project's samples, malformed ones included, and a feed big enough for several
    batches of work, created in one order or the reverse one."""
    files = {source.relative_to(SAMPLES): source.read_bytes()
             for source in [*SAMPLES.glob("*.txt"), *(SAMPLES / "bad").iterdir(), *(SAMPLES / "bilingual").iterdir()]}
    article = (SAMPLES / "mt-rail-strike.txt").read_text(encoding="utf-8").split("\n\n")
    files[Path("feed.jsonl")] = "".join(json.dumps({"id": f"p{i}", "text": paragraph}, ensure_ascii=False) + "\n"
                                        for i, paragraph in enumerate(article * 10)).encode("utf-8")
    folder.mkdir()
    for name in sorted(files, reverse=reverse):
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_bytes(files[name])
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("determinism") / "corpus", reverse=False)


def output(folder: Path, fmt: str, *options: str, env: dict | None = None) -> tuple[int, bytes, bytes]:
    """Exit code, report and messages of ``mtlint check`` run in ``folder`` on ``.``."""
    done = run_process("check", "--format", fmt, *options, ".", env=env, cwd=folder)
    assert b"Traceback" not in done.stderr, done.stderr.decode()
    return done.returncode, done.stdout, done.stderr


@pytest.fixture(scope="module")
def reference(corpus) -> Callable[[str], tuple[int, bytes, bytes]]:
    """The output of a plain run (all cores, this environment), computed once per format."""
    return functools.cache(lambda fmt: output(corpus, fmt))


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_number_of_jobs_changes_nothing(corpus, reference, fmt):
    code, report, _ = reference(fmt)
    assert code == 2 and report  # the malformed samples are input errors; the rest is reported
    assert output(corpus, fmt, "--jobs", "1") == reference(fmt)
    if fmt == "json":
        assert output(corpus, fmt, "--jobs", "3") == reference(fmt)


def test_the_order_files_were_created_in_changes_nothing(reference, tmp_path):
    other = build_corpus(tmp_path / "corpus", reverse=True)
    for fmt in ("json", "html"):
        assert output(other, fmt) == reference(fmt), fmt


def available_locales() -> list[str]:
    try:
        listed = subprocess.run(["locale", "-a"], capture_output=True, text=True, timeout=30).stdout.split()
    except (OSError, subprocess.SubprocessError):
        listed = []
    wanted = {"c.utf8": "C.UTF-8", "c.utf-8": "C.UTF-8", "fr_fr.utf8": "fr_FR.UTF-8", "fr_fr.utf-8": "fr_FR.UTF-8"}
    return sorted({"C", *(wanted[name.lower()] for name in listed if name.lower() in wanted)})


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_the_locale_changes_nothing(corpus, reference, fmt):
    for loc in available_locales():
        assert output(corpus, fmt, env={"LC_ALL": loc, "LANG": loc, "LANGUAGE": loc}) == reference(fmt), loc


def test_the_hash_seed_changes_nothing(corpus, reference):
    for fmt in ("json", "html"):
        for seed in ("1", "4242"):
            assert output(corpus, fmt, env={"PYTHONHASHSEED": seed}) == reference(fmt), (fmt, seed)
