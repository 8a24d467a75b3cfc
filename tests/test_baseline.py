"""Baselines: accepted findings stay hidden however the rest of the article or feed changes."""
from __future__ import annotations

import pytest

import json

from click.testing import CliRunner

from cli import main
from qa.baseline import VERSION, Baseline, Fingerprint

pytestmark = pytest.mark.usefixtures("declared_confidence")

FIRST = "The plan was called “ historic” by the minister."
SECOND = "Officials described it as “ unfair” on Monday."
OTHER = "A later paragraph calls the vote “ final” in the end."


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def record(tmp_path, *paths) -> str:
    baseline = tmp_path / "baseline.json"
    result = run("check", "--select", "MT104", "--write-baseline", str(baseline), *map(str, paths))
    assert result.exit_code == 0, result.output
    return str(baseline)


def new_lines(baseline: str, *paths) -> list[tuple[str, int]]:
    """(item id or file name, line) of the findings the baseline lets through."""
    report = json.loads(run("check", "--format", "json", "--select", "MT104", "--baseline", baseline,
                            *map(str, paths)).stdout)
    return sorted(((entry.get("item") or {}).get("id") or entry["path"].rsplit("/", 1)[-1], f["line"])
                  for entry in report["files"] for f in entry["findings"])


def test_baseline_hides_recorded_findings(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(f"{FIRST}\n\n{SECOND}\n", encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    result = run("check", "--select", "MT104", "--write-baseline", str(baseline), str(article))
    assert result.exit_code == 0 and "wrote 2 findings" in result.stderr and result.stdout == ""
    assert run("check", "--select", "MT104", "--baseline", str(baseline), str(article)).exit_code == 0
    assert run("check", "--select", "MT104", str(article)).exit_code == 1


def test_edits_elsewhere_keep_the_baseline(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(f"{FIRST}\n\n{SECOND}\n", encoding="utf-8")
    baseline = record(tmp_path, article)
    # A new paragraph on top moves every line and offset, and SECOND's paragraph grows by a sentence.
    article.write_text(f"Headline\n\n{OTHER}\n\n{FIRST}\n\n{SECOND} Nothing else was said.\n", encoding="utf-8")
    assert new_lines(baseline, article) == [("a.txt", 3)]


def test_editing_the_flagged_sentence_makes_its_finding_new(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(f"{FIRST}\n", encoding="utf-8")
    baseline = record(tmp_path, article)
    article.write_text(FIRST.replace("minister", "prime minister") + "\n", encoding="utf-8")
    assert new_lines(baseline, article) == [("a.txt", 1)]


def test_occurrences_of_the_same_sentence_are_counted(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(f"{FIRST}\n\n{FIRST}\n", encoding="utf-8")
    baseline = record(tmp_path, article)
    article.write_text(f"{FIRST}\n\n{FIRST}\n\n{FIRST}\n", encoding="utf-8")
    assert len(new_lines(baseline, article)) == 1


def test_feed_items_may_be_appended_and_reordered(tmp_path):
    feed = tmp_path / "feed.jsonl"
    items = [{"id": "a", "text": FIRST}, {"id": "b", "text": SECOND}]
    feed.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    baseline = record(tmp_path, feed)
    items = [{"id": "c", "text": OTHER}, items[1], items[0]]
    feed.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    assert new_lines(baseline, feed) == [("c", 1)]


def test_feed_items_without_ids_may_be_reordered(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": FIRST}) + "\n" + json.dumps({"text": SECOND}) + "\n", encoding="utf-8")
    baseline = record(tmp_path, feed)
    feed.write_text(json.dumps({"text": SECOND}) + "\n" + json.dumps({"text": FIRST}) + "\n", encoding="utf-8")
    assert new_lines(baseline, feed) == []


def test_baseline_file_is_sorted_versioned_and_position_free(tmp_path):
    article = tmp_path / "docs" / "a.txt"
    article.parent.mkdir()
    article.write_text(f"{SECOND}\n\n{FIRST}\n", encoding="utf-8")
    data = json.loads((tmp_path / record(tmp_path, article)).read_text(encoding="utf-8"))
    assert data["tool"] == "mtlint" and data["version"] == VERSION
    entries = data["findings"]
    assert [e["path"] for e in entries] == ["docs/a.txt", "docs/a.txt"]
    assert set(entries[0]) == {"path", "rule", "text", "sentence", "occurrence"}
    prints = [Fingerprint.from_json(e) for e in entries]
    assert prints == sorted(prints)
    assert Baseline.load(tmp_path / "baseline.json").prints == frozenset(prints)


def test_bad_baselines_are_usage_errors(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(f"{FIRST}\n", encoding="utf-8")
    missing = run("check", "--baseline", str(tmp_path / "nope.json"), str(article))
    assert missing.exit_code == 2 and "no such baseline file" in missing.output
    future = tmp_path / "future.json"
    future.write_text(json.dumps({"tool": "mtlint", "version": 99, "findings": []}), encoding="utf-8")
    result = run("check", "--baseline", str(future), str(article))
    assert result.exit_code == 2 and "baseline version 99" in result.output
    assert run("check", "--fix", "--write-baseline", str(future), str(article)).exit_code == 2


def test_fix_leaves_baselined_findings_alone(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(f"{FIRST}\n", encoding="utf-8")
    baseline = record(tmp_path, article)
    article.write_text(f"{FIRST}\n\n{OTHER}\n", encoding="utf-8")
    run("check", "--fix", "--select", "MT104", "--baseline", baseline, str(article))
    assert article.read_text(encoding="utf-8") == f"{FIRST}\n\n{OTHER.replace('“ ', '“')}\n"
