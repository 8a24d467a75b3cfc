"""Same input and options, same bytes out: whatever the number of jobs, the order in which the
files were created on disk, the locale or the hash seed."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

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
                                        for i, paragraph in enumerate(article * 20)).encode("utf-8")
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


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_number_of_jobs_changes_nothing(corpus, fmt):
    one = output(corpus, fmt, "--jobs", "1")
    assert one[0] == 2 and one[1]  # the malformed samples are input errors; the rest is reported
    for jobs in ("2", "3"):
        assert output(corpus, fmt, "--jobs", jobs) == one, f"--jobs {jobs}"


def test_the_order_files_were_created_in_changes_nothing(corpus, tmp_path):
    other = build_corpus(tmp_path / "corpus", reverse=True)
    for fmt in ("json", "html"):
        assert output(other, fmt) == output(corpus, fmt), fmt


def available_locales() -> list[str]:
    try:
        listed = subprocess.run(["locale", "-a"], capture_output=True, text=True, timeout=30).stdout.split()
    except (OSError, subprocess.SubprocessError):
        listed = []
    wanted = {"c.utf8": "C.UTF-8", "c.utf-8": "C.UTF-8", "fr_fr.utf8": "fr_FR.UTF-8", "fr_fr.utf-8": "fr_FR.UTF-8"}
    return sorted({"C", *(wanted[name.lower()] for name in listed if name.lower() in wanted)})


@pytest.mark.parametrize("fmt", ["json", "text", "markdown"])
def test_the_locale_changes_nothing(corpus, fmt):
    locales = available_locales()
    outputs = {loc: output(corpus, fmt, env={"LC_ALL": loc, "LANG": loc, "LANGUAGE": loc}) for loc in locales}
    first = outputs[locales[0]]
    assert all(out == first for out in outputs.values()), sorted(outputs)


def test_the_hash_seed_changes_nothing(corpus):
    for fmt in ("json", "html"):
        runs = [output(corpus, fmt, env={"PYTHONHASHSEED": seed}) for seed in ("1", "2", "4242")]
        assert runs[0] == runs[1] == runs[2], fmt
