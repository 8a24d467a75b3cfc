"""Malformed feeds and markup: the bad line or item is named, the rest is checked.

A malformed JSONL line or feed item is an input error (exit code 2) naming the file and
the line; every other item is still checked and reported. HTML is forgiving: a comment,
script or tag left open at the end is a notice naming its line, and what comes before it
is checked.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa.document import Document
from qa.readers import InputProblem, read_path

from .conftest import BAD, check, report

GOOD = "The plan was called \u00ab historic \u00bb by the minister."  # MT601 twice: a visible result


def items(path: Path) -> tuple[list[Document], list[InputProblem]]:
    out = list(read_path(str(path)))
    return ([d for d in out if isinstance(d, Document)], [p for p in out if isinstance(p, InputProblem)])


def test_malformed_jsonl_lines_are_named_and_the_good_items_checked():
    docs, problems = items(BAD / "malformed.jsonl")
    assert [d.item["id"] for d in docs] == ["ok-1", "ok-2"]
    assert [d.item["index"] for d in docs] == [1, 6]
    assert [(p.line, p.error) for p in problems] == [(2, True), (3, True), (4, True), (5, True)]
    messages = [p.message for p in problems]
    assert "item 2: malformed JSON" in messages[0]
    assert "item 3: no field" in messages[1]
    assert "item 4: field 'text' is not a string" in messages[2]
    assert "item 5: a JSON object was expected" in messages[3]


def test_malformed_jsonl_through_the_command_line(tmp_path):
    lines = [json.dumps({"id": "a", "text": GOOD}), "{broken", json.dumps({"id": "c", "text": 42}),
             json.dumps({"id": "d", "text": GOOD})]
    path = tmp_path / "feed.jsonl"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    result = check("--format", "json", str(path))
    assert result.exit_code == 2
    assert f"{path}:2: item 2: malformed JSON" in result.stderr
    assert f"{path}:3: item 3: field 'text' is not a string" in result.stderr
    checked = report(result)["files"]
    assert [(f["item"]["index"], f["item"]["line"]) for f in checked] == [(1, 1), (4, 4)]
    assert all(f["findings"] for f in checked)


@pytest.mark.parametrize("junk", ["\x01\x02", "\ufeff", "}{", "[]", "null", '"text"', "1e999999"])
def test_any_junk_line_is_one_named_problem(tmp_path, junk):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": GOOD}) + "\n" + junk + "\n" + json.dumps({"text": GOOD}) + "\n",
                    encoding="utf-8")
    docs, problems = items(path)
    assert [d.item["line"] for d in docs] == [1, 3]
    assert [p.line for p in problems] == [2]


def test_a_nul_byte_makes_a_feed_binary_as_for_git(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(json.dumps({"text": GOOD}).encode() + b"\n\x00\n")
    (problem,) = read_path(str(path))
    assert problem.error and "binary" in problem.message


def test_truncated_rss_keeps_the_complete_items_and_names_the_line():
    docs, problems = items(BAD / "truncated.rss")
    assert [d.item["id"] for d in docs] == ["hn-1"]
    (problem,) = problems
    assert problem.error and problem.line == 4 and "malformed feed" in problem.message


def test_malformed_atom_entry_is_left_out_and_named():
    docs, problems = items(BAD / "malformed.atom")
    assert [d.item["id"] for d in docs] == ["tag:harbour,2026:1"]
    (problem,) = problems
    assert problem.error and problem.line == 4 and problem.message.startswith("item 2: malformed item left out")


def test_a_broken_item_in_the_middle_does_not_hide_the_items_after_it(tmp_path):
    rows = [f"<item><guid>g{i}</guid><title>Item {i}</title><description>{GOOD}</description></item>"
            for i in range(1, 7)]
    rows[1] = rows[1].replace("historic", "fish & chips")  # an unescaped ampersand
    rows[3] = rows[3].replace("</description>", "<b></description>")  # a tag left open
    path = tmp_path / "feed.rss"
    path.write_text('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title>\n'
                    + "\n".join(rows) + "\n</channel></rss>\n", encoding="utf-8")
    docs, problems = items(path)
    assert [d.item["id"] for d in docs] == ["g1", "g3", "g5", "g6"]
    assert [d.item["index"] for d in docs] == [1, 3, 5, 6]
    assert [(p.line, p.error) for p in problems] == [(4, True), (6, True)]
    assert [p.message.split(":")[0] for p in problems] == ["item 2", "item 4"]


def test_more_broken_items_than_the_limit_stop_with_an_error(tmp_path, monkeypatch):
    from qa.readers import feeds

    monkeypatch.setattr(feeds, "MAX_BROKEN_ITEMS", 2)
    rows = [f"<item><title>T{i}</title><description>a & b</description></item>" for i in range(5)]
    path = tmp_path / "feed.rss"
    path.write_text("<rss><channel>\n" + "\n".join(rows) + "\n</channel></rss>\n", encoding="utf-8")
    docs, problems = items(path)
    assert docs == [] and len(problems) == 3
    assert problems[-1].message.startswith("malformed feed") and problems[-1].line == 4


def test_malformed_html_names_what_is_left_open_and_checks_what_comes_before(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(f"<html><body>\n<p>{GOOD}</p>\n<!-- an editor's note that never ends\n<p>{GOOD}</p>\n",
                    encoding="utf-8")
    result = check("--format", "json", str(path))
    assert result.exit_code == 1  # findings; the notice is not an input error
    assert f"{path}:3: comment (column 1) is never closed" in result.stderr
    (checked,) = report(result)["files"]
    assert {f["line"] for f in checked["findings"]} == {2}


@pytest.mark.parametrize("tail, what", [("<script>var a = 1;", "<script>"), ("<p class='x", "tag <p"),
                                        ("<!DOCTYPE html", "declaration"), ("<style>p {", "<style>")])
def test_each_construct_left_open_is_named(tmp_path, tail, what):
    path = tmp_path / "page.html"
    path.write_text(f"<p>{GOOD}</p>\n{tail}", encoding="utf-8")
    docs, problems = items(path)
    assert len(docs) == 1 and "historic" in docs[0].text
    (notice,) = problems
    assert not notice.error and notice.line == 2 and notice.message.startswith(what)


def test_truncated_html_is_checked_to_its_last_word():
    docs, problems = items(BAD / "truncated.html")
    assert problems == []
    assert docs[0].text.rstrip().endswith("begins in Ma")


def test_html_left_open_inside_a_feed_item_names_the_item(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "x", "text": f"<p>{GOOD}</p><p>More <!-- cut"}) + "\n", encoding="utf-8")
    docs, problems = items(path)
    assert len(docs) == 1
    (notice,) = problems
    assert not notice.error and notice.line == 1 and notice.message.startswith("item 1: line 1 of its text: comment")


@pytest.mark.parametrize("name", ["truncated.xlf"])
def test_truncated_bilingual_file_is_an_error_naming_the_line(name):
    docs, problems = items(BAD / name)
    (problem,) = problems
    assert docs == [] and problem.error and problem.line == 5


def test_a_directory_of_bad_samples_is_checked_to_the_end(bad_copy):
    result = check("--format", "json", str(bad_copy))
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    stderr = result.stderr
    for name in ("binary.txt", "image.png", "document.pdf", "articles.zip"):
        assert f"{name}: binary file skipped" in stderr, name
    for name in ("billion-laughs.xml", "external-entity.rss", "remote-dtd.atom", "truncated.rss",
                 "malformed.atom", "malformed.jsonl", "truncated.xlf", "external-entity.xlf",
                 "empty.txt", "whitespace-only.txt", "malformed.html"):
        assert f"{bad_copy / name}" in stderr, name
    checked = {Path(f["path"]).name for f in report(result)["files"]}
    assert {"invalid-utf8.txt", "invalid-utf8.md", "invalid-utf8.html", "invalid-utf8.jsonl",
            "utf16le-bom.txt", "utf16be-bom.md", "malformed.jsonl", "truncated.rss", "malformed.atom",
            "malformed.html", "truncated.html", "pathological-quotes.txt"} <= checked
