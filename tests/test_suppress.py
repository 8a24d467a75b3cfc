"""Inline suppressions in Markdown/HTML comments, unused-suppression notices and ignored words."""
from __future__ import annotations

import pytest

import json

from click.testing import CliRunner

from cli import main
from qa.document import Document
from qa.finding import Finding, Severity
from qa.suppress import IgnoredWords, parse

pytestmark = pytest.mark.usefixtures("declared_confidence")

FLAW = "The plan was called “ historic” by the minister."  # MT104, a quote-marks rule


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def lines_found(path) -> list[int]:
    report = json.loads(run("check", "--format", "json", "--select", "MT104", str(path)).stdout)
    return [f["line"] for entry in report["files"] for f in entry["findings"]]


def write(tmp_path, name: str, *lines: str):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_disable_enable_region(tmp_path):
    path = write(tmp_path, "a.md", FLAW, "<!-- mtlint-disable MT104 -->", FLAW, FLAW, "<!-- mtlint-enable -->", FLAW)
    assert lines_found(path) == [1, 6]


def test_region_without_enable_runs_to_the_end(tmp_path):
    path = write(tmp_path, "a.md", FLAW, "<!-- mtlint-disable -->", FLAW, FLAW)
    assert lines_found(path) == [1]


def test_disable_next_line_covers_one_line(tmp_path):
    path = write(tmp_path, "a.md", "<!-- mtlint-disable-next-line MT104 -->", FLAW, FLAW)
    assert lines_found(path) == [3]


def test_selectors_may_be_prefixes_names_or_categories(tmp_path):
    for selector in ("MT1", "mt104", "spaced-quote-marks", "quote-marks", "MT301, MT104", "MT301 MT104"):
        path = write(tmp_path, "a.md", f"<!-- mtlint-disable-next-line {selector} -->", FLAW)
        assert lines_found(path) == [], selector


def test_other_rules_are_not_suppressed(tmp_path):
    path = write(tmp_path, "a.md", "<!-- mtlint-disable-next-line MT3 -->", FLAW)
    assert lines_found(path) == [2]


def test_enable_with_selector_closes_only_its_region(tmp_path):
    path = write(tmp_path, "a.md", "<!-- mtlint-disable MT104 -->", "<!-- mtlint-disable MT301 -->",
                 "<!-- mtlint-enable MT301 -->", FLAW)
    assert lines_found(path) == []


def test_html_comments_suppress_in_html(tmp_path):
    path = write(tmp_path, "a.html", "<p>" + FLAW + "</p>", "<!-- mtlint-disable-next-line -->",
                 "<p>" + FLAW + "</p>")
    assert lines_found(path) == [1]


def test_plain_text_has_no_directives(tmp_path):
    path = write(tmp_path, "a.txt", "<!-- mtlint-disable-next-line -->", FLAW)
    assert lines_found(path) == [2]


def test_unused_and_unknown_suppressions_are_notices(tmp_path):
    path = write(tmp_path, "a.md", "<!-- mtlint-disable-next-line MT104 -->", "Clean sentence.",
                 "<!-- mtlint-disable-next-line MT999 -->", "Clean again.", "<!-- mtlint-enable -->")
    result = run("check", "--select", "MT1", str(path))
    assert result.exit_code == 0
    assert f"{path}:1: unused suppression `mtlint-disable-next-line MT104`" in result.stderr
    assert f"{path}:3: `mtlint-disable-next-line` names no known rule: MT999" in result.stderr
    assert f"{path}:5: `mtlint-enable` without a matching `mtlint-disable`" in result.stderr
    assert run("check", "--select", "MT1", "--quiet", str(path)).stderr == ""


def test_unused_is_not_reported_for_rules_that_did_not_run(tmp_path):
    path = write(tmp_path, "a.md", "<!-- mtlint-disable-next-line MT104 -->", "Clean sentence.")
    assert "unused" not in run("check", "--select", "MT3", str(path)).stderr


def test_suppressed_findings_do_not_count(tmp_path):
    path = write(tmp_path, "a.md", "<!-- mtlint-disable -->", FLAW)
    report = json.loads(run("check", "--format", "json", "--select", "MT1", str(path)).stdout)
    assert report["files"][0]["penalty"] == 0 and run("check", "--select", "MT1", str(path)).exit_code == 0


def test_parse_records_lines_and_regions():
    doc = Document("x\n<!-- mtlint-disable MT1 calque -->\ny\n<!-- mtlint-enable MT1 -->\n")
    s = parse(doc)
    assert [(d.verb, d.selector, d.line) for d in s.directives] == [("disable", "MT1", 2), ("disable", "calque", 2)]
    assert s.directives[0].end == doc.original.index("<!-- mtlint-enable")
    assert s.directives[1].end == len(doc.original)


# -- ignored words ---------------------------------------------------------------------------------
def finding(text: str) -> Finding:
    return Finding("MT201", "n", "name", Severity.MAJOR, 0, len(text), 1, 1, text, "m", None, "none", 0.9)


def test_ignored_words_match_whole_words_in_any_case():
    words = IgnoredWords(["Poutine", "l’Élysée"])
    assert words.matches(finding("poutine"))
    assert words.matches(finding("Vladimir POUTINE"))
    assert words.matches(finding("l'Élysée"))
    assert not words.matches(finding("Poutines"))
    assert not words.matches(finding("Moscou"))


def test_ignore_words_file_drops_findings(tmp_path):
    path = write(tmp_path, "a.txt", "Russia urged them to avoid using “Foreign terrorists” in the region.")
    assert run("check", "--select", "MT101", str(path)).exit_code == 1
    words = write(tmp_path, "words.txt", "# house style", "", "FOREIGN")
    assert run("check", "--select", "MT101", "--ignore-words", str(words), str(path)).exit_code == 0
    partial = write(tmp_path, "partial.txt", "foreig")
    assert run("check", "--select", "MT101", "--ignore-words", str(partial), str(path)).exit_code == 1
