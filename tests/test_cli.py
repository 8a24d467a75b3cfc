"""The check command: exit codes, statistics, progress and the pre-commit hook."""
from __future__ import annotations

import io
import json
import signal

import pytest
from click.testing import CliRunner

import cli
from cli import main
from qa import engine
from qa.rules import resolve
from qa.rules.quotes import SpacedQuoteMarks

from .conftest import ROOT

pytestmark = pytest.mark.usefixtures("declared_confidence")

FLAW = "The plan was called “ historic” by the minister.\n"  # MT104: quote-marks, minor
CLEAN = "The minister called the plan “historic” on Monday.\n"


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input)


@pytest.fixture
def files(tmp_path):
    (tmp_path / "flaw.txt").write_text(FLAW, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    return tmp_path


# -- exit codes ------------------------------------------------------------------------------------
def test_exit_0_when_clean_and_1_on_a_finding(files):
    assert run("check", "--select", "MT1", str(files / "clean.txt")).exit_code == 0
    assert run("check", "--select", "MT1", str(files / "flaw.txt")).exit_code == 1


def test_fail_on_raises_the_bar(files):
    assert run("check", "--select", "MT104", "--fail-on", "major", str(files / "flaw.txt")).exit_code == 0


def test_max_penalty_fails_an_article_over_it(files):
    args = ("check", "--select", "MT104", "--fail-on", "critical")
    assert run(*args, "--max-penalty", "50", str(files / "flaw.txt")).exit_code == 1
    assert run(*args, "--max-penalty", "500", str(files / "flaw.txt")).exit_code == 0


def test_exit_2_for_an_unreadable_input_but_others_are_reported(files):
    result = run("check", "--format", "json", str(files / "missing.txt"), str(files / "flaw.txt"))
    assert result.exit_code == 2
    assert "missing.txt: no such file" in result.stderr
    assert json.loads(result.stdout)["summary"]["findings"] >= 1


def test_exit_2_for_usage_errors(files):
    assert run("check", "--select", "bogus", str(files / "flaw.txt")).exit_code == 2


def test_empty_file_is_a_notice_not_an_error(files):
    (files / "empty.txt").write_text("  \n", encoding="utf-8")
    result = run("check", str(files / "empty.txt"))
    assert result.exit_code == 0 and "empty input" in result.stderr
    assert run("check", "--quiet", str(files / "empty.txt")).stderr == ""


def test_exit_3_names_the_failing_rule_and_input(files, monkeypatch):
    def broken(self, doc):
        raise ValueError("boom")

    monkeypatch.setattr(SpacedQuoteMarks, "check", broken)
    result = run("check", str(files / "flaw.txt"))
    assert result.exit_code == 3
    assert "MT104" in result.stderr and "flaw.txt" in result.stderr and "boom" in result.stderr


def test_exit_130_on_interrupt_with_partial_results(files, monkeypatch):
    calls = []

    def interrupted(self, doc):
        calls.append(doc.path)
        if len(calls) > 1:
            raise KeyboardInterrupt
        return iter(())

    monkeypatch.setattr(SpacedQuoteMarks, "check", interrupted)
    result = run("check", "--select", "MT104", "--format", "json", str(files / "clean.txt"), str(files / "flaw.txt"))
    assert result.exit_code == 130 and "interrupted" in result.stderr
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == [str(files / "clean.txt")]


# -- statistics ------------------------------------------------------------------------------------
def test_stats_table_on_stderr(files):
    result = run("check", "--stats", "--select", "MT104", str(files / "flaw.txt"), str(files / "clean.txt"))
    assert "MT104" in result.stderr and "spaced-quote-marks" in result.stderr
    assert "quote-marks" in result.stderr and "total" in result.stderr
    assert "total" not in result.stdout


def test_stats_in_json_summary(files):
    result = run("check", "--stats", "--format", "json", "--select", "MT104", str(files / "flaw.txt"))
    assert json.loads(result.stdout)["summary"]["by_rule"] == {"MT104": 1}


def timing_rows(stderr: str) -> dict[str, float]:
    """The rows of the --timings table: code → CPU seconds."""
    lines = stderr.splitlines()
    table = lines[lines.index(next(line for line in lines if line.startswith("rule "))) + 1:]
    return {line.split()[0]: float(line.split()[-2]) for line in table if not line.startswith("total")}


def test_timings_list_every_selected_rule_and_leave_the_report_alone(files):
    plain = run("check", "--format", "json", "--select", "MT1", str(files / "flaw.txt"))
    timed = run("check", "--format", "json", "--timings", "--select", "MT1", str(files / "flaw.txt"))
    assert timed.stdout == plain.stdout and timed.exit_code == plain.exit_code == 1
    rows = timing_rows(timed.stderr)
    assert set(rows) == {r.code for r in resolve(("MT1",))} | {engine.SEGMENTATION}
    assert all(seconds >= 0 for seconds in rows.values())
    assert "spaced-quote-marks" in timed.stderr and "CPU s" not in plain.stderr


def test_timings_sum_over_the_articles_of_a_feed(files, monkeypatch):
    ticks = iter(range(10_000))
    monkeypatch.setattr(engine.time, "process_time", lambda: float(next(ticks)))  # each reading: one second on
    feed = files / "feed.jsonl"
    feed.write_text("".join(json.dumps({"text": FLAW}) + "\n" for _ in range(3)), encoding="utf-8")
    result = run("check", "--timings", "--jobs", "1", "--select", "MT104,MT105", str(feed))
    assert timing_rows(result.stderr) == {"MT104": 3.0, "MT105": 3.0, engine.SEGMENTATION: 3.0}
    assert "total" in result.stderr and "9.000" in result.stderr


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the dropped exception
def test_ctrl_c_dropped_by_a_finalizer_still_stops_the_run(files, monkeypatch):
    """Python drops a KeyboardInterrupt raised while a finalizer runs; the run stops after the
    article at hand all the same, with the partial report and exit code 130."""
    class InterruptsWhenFreed:
        def __del__(self) -> None:
            signal.raise_signal(signal.SIGINT)

    real = SpacedQuoteMarks.check

    def check(self, doc):
        InterruptsWhenFreed()  # freed at once: the KeyboardInterrupt is raised in its finalizer
        return real(self, doc)

    monkeypatch.setattr(SpacedQuoteMarks, "check", check)
    feed = files / "feed.jsonl"
    feed.write_text("".join(json.dumps({"text": FLAW}) + "\n" for _ in range(5)), encoding="utf-8")
    before = signal.getsignal(signal.SIGINT)  # ignored where the tests run as a background job
    result = run("check", "--jobs", "1", "--format", "json", "--select", "MT104", str(feed))
    assert result.exit_code == 130
    assert "interrupted; partial results follow" in result.stderr
    assert len(json.loads(result.stdout)["files"]) == 1
    assert signal.getsignal(signal.SIGINT) is before  # the handler is put back


# -- standard input --------------------------------------------------------------------------------
def feed_lines(*texts: str) -> bytes:
    return "".join(json.dumps({"id": n, "text": t}) + "\n" for n, t in enumerate(texts)).encode("utf-8")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_feed_on_stdin_is_read_as_the_file_its_name_says(files, jobs):
    feed = files / "feed.jsonl"
    feed.write_bytes(feed_lines(*[FLAW, CLEAN] * 40))  # more than one batch with --jobs 2
    from_file = run("check", "--format", "json", "--jobs", jobs, str(feed))
    from_stdin = run("check", "--format", "json", "--jobs", jobs, "--stdin-filename", str(feed), "-",
                     input=feed.read_bytes())
    assert from_stdin.exit_code == from_file.exit_code == 1
    assert from_stdin.stdout == from_file.stdout
    assert len(json.loads(from_stdin.stdout)["files"]) == 80


def test_an_rss_feed_on_stdin_is_read_item_by_item(files):
    rss = ("<rss><channel><item><guid>a</guid><description>" + FLAW + "</description></item>"
           "<item><guid>b</guid><description>" + CLEAN + "</description></item></channel></rss>")
    result = run("check", "--format", "json", "--stdin-filename", "news.rss", "-", input=rss.encode("utf-8"))
    report = json.loads(result.stdout)["files"]
    assert [(f["path"], f["item"]["id"], len(f["findings"])) for f in report] == [("news.rss", "a", 1), ("news.rss", "b", 0)]
    fixed = run("check", "--fix", "--stdin-filename", "news.rss", "-", input=rss.encode("utf-8"))
    assert "news.rss: fixing RSS/Atom feeds is not supported" in fixed.stderr
    clean = rss.replace(FLAW, CLEAN).encode("utf-8")
    assert "not supported" not in run("check", "--fix", "--stdin-filename", "news.rss", "-", input=clean).stderr


def test_a_jsonl_feed_on_stdin_is_printed_fixed(files):
    feed = files / "feed.jsonl"
    feed.write_bytes(feed_lines(FLAW, CLEAN))
    from_stdin = run("check", "--fix", "--stdin-filename", "feed.jsonl", "-", input=feed.read_bytes())
    assert run("check", "--fix", str(feed)).exit_code == from_stdin.exit_code == 0
    assert from_stdin.stdout.encode("utf-8") == feed.read_bytes() != feed_lines(FLAW, CLEAN)


def test_stdin_without_a_name_is_one_plain_text_article(files):
    result = run("check", "--format", "json", "-", input=feed_lines(FLAW, CLEAN))
    (entry,) = json.loads(result.stdout)["files"]
    assert entry["path"] == "<stdin>" and "item" not in entry


def test_per_file_ignores_match_the_name_given_to_stdin(files):
    (files / "mtlint.toml").write_text('[per-file-ignores]\n"wire/*.jsonl" = ["MT104"]\n', encoding="utf-8")
    config = ["--config", str(files / "mtlint.toml")]
    ignored = run("check", *config, "--stdin-filename", "wire/feed.jsonl", "-", input=feed_lines(FLAW))
    kept = run("check", *config, "--stdin-filename", "desk/feed.jsonl", "-", input=feed_lines(FLAW))
    assert (ignored.exit_code, kept.exit_code) == (0, 1)


def test_stdin_filename_without_stdin_is_a_usage_error(files):
    result = run("check", "--stdin-filename", "feed.jsonl", str(files / "flaw.txt"))
    assert result.exit_code == 2 and "--stdin-filename" in result.output


# -- progress --------------------------------------------------------------------------------------
class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def many(tmp_path, n: int) -> list[tuple[str, bool]]:
    paths = []
    for i in range(n):
        p = tmp_path / f"{i:02}.txt"
        p.write_text(CLEAN, encoding="utf-8")
        paths.append((str(p), False))
    return paths


def bar(inputs, quiet: bool = False):
    return cli._progress(iter(inputs), quiet)[0]


def test_progress_bar_only_on_a_terminal_with_many_inputs(tmp_path, monkeypatch):
    monkeypatch.setattr(cli.sys, "stderr", Terminal())
    assert isinstance(bar(many(tmp_path, 3)), cli._NoProgress)
    inputs = many(tmp_path, 25)
    assert not isinstance(bar(inputs), cli._NoProgress)
    assert isinstance(bar(inputs, quiet=True), cli._NoProgress)
    monkeypatch.setattr(cli.sys, "stderr", io.StringIO())
    assert isinstance(bar(inputs), cli._NoProgress)


def test_progress_bar_for_a_large_feed(tmp_path, monkeypatch):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": i, "text": CLEAN}) + "\n" for i in range(300)), encoding="utf-8")
    monkeypatch.setattr(cli.sys, "stderr", Terminal())
    assert not isinstance(bar([(str(feed), True)]), cli._NoProgress)


def test_without_a_progress_bar_the_folders_are_walked_as_the_files_are_checked(tmp_path, monkeypatch):
    """An archive of millions of files is not listed in memory before the first is checked."""
    walked = iter(many(tmp_path, 25))
    monkeypatch.setattr(cli.sys, "stderr", io.StringIO())
    assert cli._progress(walked, quiet=False)[1] is walked
    monkeypatch.setattr(cli.sys, "stderr", Terminal())
    assert cli._progress(walked, quiet=True)[1] is walked
    _, listed = cli._progress(iter(many(tmp_path, 25)), quiet=False)
    assert len(listed) == 25  # counted for the bar, and still all there to check


def test_no_progress_output_when_not_a_terminal(tmp_path):
    many(tmp_path, 25)
    result = run("check", "--select", "MT1", str(tmp_path))
    assert result.exit_code == 0 and "checking" not in result.stderr


# -- pre-commit ------------------------------------------------------------------------------------
def test_pre_commit_hook_definition():
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: mtlint" in text and "entry: mtlint check" in text and "types: [text]" in text
    files = next(line for line in text.splitlines() if line.strip().startswith("files:"))
    pattern = files.split(":", 1)[1].strip().strip("'\"")
    import re

    for name in ("a.txt", "b.md", "c.html", "d.jsonl"):
        assert re.search(pattern, name), name
    assert not re.search(pattern, "e.py")
