"""Every output format, on a small fixed run built by hand (tests/report_sample.py).

Each format is compared with its golden file in tests/golden/; after an intended change,
regenerate them with ``MTLINT_UPDATE_GOLDEN=1 pytest tests/test_report_formats.py`` and
review the diff. The other tests state the behaviour each format promises.
"""
from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from .conftest import shared_file
from .report_sample import ARTICLE, FEED_ITEM, ITEM, finding, sample_run, single_article_run

from qa.engine import FileResult
from qa.explain import page
from qa.report import FORMATS, RunResult, common, html_format, markdown_format, render, sarif_format
from qa.report.common import RuleInfo, excerpt, sentence_bounds
from qa.report.github_format import escape_data, escape_property
from qa.rules import get_rule

GOLDEN = Path(__file__).parent / "golden"
EXPECTED_FORMATS = {"text", "json", "jsonl", "sarif", "github", "junit", "markdown", "html"}
HOSTILE = "Read also: <script>alert(1)</script> and ]]> then <!-- & </textarea>\n"


def _stub_rule_info(code: str) -> RuleInfo:
    return RuleInfo(code, f"rule-{code.lower()}", "quote-case", "minor", f"Summary of {code}.",
                    f"What {code} finds.", f"{code} page", 0.875)


@pytest.fixture
def stable_rules(monkeypatch):
    """Rule pages change as rules evolve: golden files use fixed ones."""
    monkeypatch.setattr(sarif_format, "rule_info", _stub_rule_info)


@pytest.fixture
def run() -> RunResult:
    return sample_run()


def hostile_run() -> RunResult:
    text = "The minister said it was \u201cDeeply worrying\u201d.\n" + HOSTILE
    findings = [
        finding(text, "\u201cDeeply", "MT101", "quote-capitalization", "quote-case", "minor", "lower case", "\u201cdeeply"),
        finding(text, HOSTILE, "MT701", "read-also-line", "boilerplate", "minor", "furniture <script>", ""),
        finding(text, "<script>alert(1)</script>", "MT501", "source-words", "untranslated", "major",
                "markup ]]> left <b>in</b>", "<script>x</script>"),
    ]
    return single_article_run("odd <name>.txt", text, sorted(findings, key=lambda f: f.sort_key))


# -- every format ----------------------------------------------------------------------------
def test_formats_are_listed_for_the_command_line():
    assert set(FORMATS) == EXPECTED_FORMATS


@pytest.mark.parametrize("fmt", sorted(EXPECTED_FORMATS))
def test_format_matches_its_golden_file(fmt, run, stable_rules):
    out = render(fmt, run)
    golden = GOLDEN / f"sample.{fmt}"
    if os.environ.get("MTLINT_UPDATE_GOLDEN"):
        golden.write_bytes(out.encode("utf-8"))
    assert golden.is_file(), f"missing {golden}: run with MTLINT_UPDATE_GOLDEN=1"
    assert out == golden.read_bytes().decode("utf-8")


@pytest.mark.parametrize("fmt", sorted(EXPECTED_FORMATS))
def test_every_format_shows_words_penalty_and_quality_per_article(fmt, run, stable_rules):
    out = render(fmt, run)
    for result in run.results:
        assert str(result.words) in out
        assert f"{result.penalty:.1f}" in out or f"{result.penalty:.2f}" in out or f"{round(result.penalty, 2)}" in out
        assert f"{result.quality:.1f}" in out or f"{round(result.quality, 2)}" in out


@pytest.mark.parametrize("fmt", sorted(EXPECTED_FORMATS - {"jsonl", "github"}))
def test_every_document_format_renders_an_empty_run(fmt):
    assert render(fmt, RunResult([], version="1.0")).endswith("\n")


@pytest.mark.parametrize("fmt", ["jsonl", "github"])
def test_streamed_formats_print_nothing_for_an_empty_run(fmt):
    assert render(fmt, RunResult([], version="1.0")) == ""


# -- text and JSON ---------------------------------------------------------------------------
def test_text_gives_each_article_its_figures(run):
    lines = render("text", run).splitlines()
    assert "news/article.txt: 1200 words, 7 findings, penalty 23.3, quality 76.7" in lines
    assert "feed.jsonl#2:1:17: MT601 [typography/minor] French number format \u2192 3.5%" in lines
    assert lines[-1].startswith("8 findings in 3 articles")


def test_json_is_the_design_contract(run):
    report = json.loads(render("json", run))
    assert set(report) == {"tool", "version", "lang", "files", "summary"}
    entry = report["files"][1]
    assert list(entry) == ["path", "item", "words", "penalty", "quality", "findings"]
    assert entry["item"] == ITEM
    f = report["files"][0]["findings"][0]
    assert set(f) == {"rule", "name", "category", "severity", "start", "end", "line", "column", "text",
                      "message", "suggestion", "fix", "confidence"}
    assert ARTICLE[f["start"]:f["end"]] == f["text"]
    assert report["summary"] == {"files": 3, "findings": 8,
                                 "by_category": {"boilerplate": 1, "calque": 1, "garbled": 1, "name": 1,
                                                 "quote-case": 1, "quote-marks": 2, "typography": 1}}


def test_jsonl_streams_one_file_entry_per_line(run):
    lines = render("jsonl", run).split("\n")
    assert lines[-1] == ""
    entries = [json.loads(line) for line in lines[:-1]]
    files = json.loads(render("json", run))["files"]
    assert entries == [{"tool": "mtlint", "version": "9.9.9", **entry} for entry in files]


def test_jsonl_escapes_characters_that_split_lines():
    text = "A line\u2028with a separator and Poutine.\n"
    run = single_article_run("a.txt", text, [finding(text, "Poutine", "MT201", "name-form", "name", "major",
                                                     "French form", "Putin")])
    out = render("jsonl", run)
    assert len(out.splitlines()) == 1
    assert json.loads(out)["findings"][0]["start"] == text.index("Poutine")


# -- SARIF -----------------------------------------------------------------------------------
def _sarif(run) -> dict:
    return json.loads(render("sarif", run))


def test_sarif_is_valid_against_the_2_1_0_schema(run):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(shared_file("data", "sarif", "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    errors = [f"{list(e.path)}: {e.message}" for e in validator(schema).iter_errors(_sarif(run))]
    assert errors == []
    errors = [f"{list(e.path)}: {e.message}" for e in validator(schema).iter_errors(_sarif(hostile_run()))]
    assert errors == []


def test_sarif_run_describes_the_tool_and_counts_code_points(run, stable_rules):
    sarif_run = _sarif(run)["runs"][0]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    driver = sarif_run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("mtlint", "9.9.9")
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == ["MT101", "MT102", "MT201", "MT301", "MT401", "MT601", "MT701"]
    for result in sarif_run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_rules_carry_their_page_level_category_and_precision():
    text = "She said it was \u201cDeeply worrying\u201d."
    run = single_article_run("a.txt", text, [finding(text, "\u201cDeeply", "MT101", "quote-capitalization",
                                                     "quote-case", "minor", "lower case", "\u201cdeeply")])
    rule = _sarif(run)["runs"][0]["tool"]["driver"]["rules"][0]
    cls = get_rule("MT101")
    assert rule["help"]["text"] == page(cls)
    assert rule["shortDescription"]["text"] == cls.summary()
    assert rule["fullDescription"]["text"]
    assert rule["defaultConfiguration"]["level"] == "note"
    assert rule["properties"]["category"] == "quote-case"
    assert 0 < rule["properties"]["precision"] <= 1


def test_sarif_levels_follow_severity(run):
    levels = {r["ruleId"]: r["level"] for r in _sarif(run)["runs"][0]["results"]}
    assert (levels["MT101"], levels["MT201"], levels["MT401"]) == ("note", "warning", "error")


def test_sarif_region_counts_code_points_after_an_emoji(run):
    results = _sarif(run)["runs"][0]["results"]
    calque = next(r for r in results if r["ruleId"] == "MT301")
    region = calque["locations"][0]["physicalLocation"]["region"]
    start = ARTICLE.index("called them")
    assert region == {"startLine": 4, "startColumn": start - ARTICLE.index("Vladimir") + 1, "endLine": 4,
                      "endColumn": start - ARTICLE.index("Vladimir") + 1 + len("called them not to"),
                      "charOffset": start, "charLength": len("called them not to")}


def test_sarif_fixes_replace_the_span_and_groups_fix_together(run):
    results = _sarif(run)["runs"][0]["results"]
    by_rule = {}
    for r in results:
        by_rule.setdefault(r["ruleId"], []).append(r)
    assert "fixes" not in by_rule["MT401"][0]  # no wording proposed
    (change,) = by_rule["MT201"][0]["fixes"][0]["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "news/article.txt"
    assert change["replacements"] == [{"deletedRegion": {"charOffset": ARTICLE.index("Poutine"), "charLength": 7},
                                       "insertedContent": {"text": "Putin"}}]
    first, second = by_rule["MT102"]
    assert first["fixes"] == second["fixes"]
    assert len(first["fixes"][0]["artifactChanges"][0]["replacements"]) == 2
    deletion = by_rule["MT701"][0]
    assert deletion["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {"text": ""}
    region = deletion["locations"][0]["physicalLocation"]["region"]
    assert region["endLine"] == region["startLine"] == 5  # the deleted line break is not another line


def test_sarif_points_feed_items_at_their_line_in_the_feed(run):
    result = next(r for r in _sarif(run)["runs"][0]["results"] if r["ruleId"] == "MT601")
    location = result["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "feed.jsonl"}, "region": {"startLine": 2}}
    assert result["properties"]["item"] == ITEM
    assert (result["properties"]["line"], result["properties"]["column"]) == (1, FEED_ITEM.index("3,5") + 1)
    assert "fixes" not in result


def test_sarif_fingerprints_survive_moved_lines():
    text = "Vladimir Poutine spoke.\n"
    moved = "A new first line.\n\n" + text
    prints = []
    for t in (text, moved):
        run = single_article_run("a.txt", t, [finding(t, "Poutine", "MT201", "name-form", "name", "major", "m",
                                                      "Putin")])
        prints.append(_sarif(run)["runs"][0]["results"][0]["partialFingerprints"])
    assert prints[0] == prints[1]


def test_sarif_reports_unreadable_inputs_as_notifications(run):
    invocation = _sarif(run)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["level"] == "error"


def test_sarif_uris_are_relative_references():
    assert common.uri("dir with space/a#1.txt") == "dir%20with%20space/a%231.txt"
    assert common.uri("sub\\a.txt") == "sub/a.txt"


# -- GitHub ----------------------------------------------------------------------------------
def test_github_escapes_data_and_properties():
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_annotations_map_severity_and_point_at_the_span(run):
    lines = render("github", run).splitlines()
    assert lines[0] == ("::notice file=news/article.txt,line=3,col=27,endLine=3,endColumn=34,"
                        "title=MT101 quote-capitalization::quotation continues the sentence: "
                        "\u201cDeeply\u201d should be lower case \u2192 \u201cdeeply")
    commands = [line.split(" ", 1)[0] for line in lines if line.startswith("::")]
    assert commands.count("::error") == 2  # the critical finding and the unreadable input
    assert "::warning" in commands


def test_github_points_feed_items_at_their_line(run):
    line = next(x for x in render("github", run).splitlines() if "MT601" in x)
    assert line.startswith("::notice file=feed.jsonl,line=2,title=MT601 decimal-comma::item 2 (urn:news:2), line 1,")
    assert line.endswith("\u2192 3.5%25")


def test_github_properties_cannot_be_split_by_a_path():
    text = "Vladimir Poutine spoke.\n"
    run = single_article_run("a,b:c.txt", text, [finding(text, "Poutine", "MT201", "name-form", "name", "major",
                                                         "first\nsecond", "Putin")])
    line = render("github", run).splitlines()[0]
    assert line.startswith("::warning file=a%2Cb%3Ac.txt,line=1,")
    assert line.endswith("::first%0Asecond \u2192 Putin")


# -- JUnit -----------------------------------------------------------------------------------
def test_junit_has_a_case_per_article_and_a_failure_per_finding(run):
    root = ET.fromstring(render("junit", run))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["news/article.txt", "feed.jsonl", "clean.txt", "broken.jsonl"]
    article = suites["news/article.txt"].find("testcase")
    failures = article.findall("failure")
    assert [f.get("type") for f in failures] == [f.rule for f in run.results[0].findings]
    assert failures[0].get("message").startswith("line 3, column 27: quotation continues")
    props = {p.get("name"): p.get("value") for p in article.find("properties")}
    assert props == {"words": "1200", "penalty": "23.33", "quality": "76.67"}
    item = suites["feed.jsonl"].find("testcase")
    assert item.get("name") == "item 2 (urn:news:2)"
    assert "file line 2" in item.find("failure").get("message")
    assert suites["clean.txt"].find("testcase").find("failure") is None
    assert suites["broken.jsonl"].find("testcase/error") is not None
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "2", "1")


def test_junit_replaces_characters_xml_cannot_carry():
    text = "Bad\x01byte and Poutine.\n"
    run = single_article_run("a.txt", text, [finding(text, "Poutine", "MT201", "name-form", "name", "major",
                                                     "m\x0b", "Putin")])
    failure = ET.fromstring(render("junit", run)).find("testsuite/testcase/failure")
    assert failure.get("message").endswith("m\ufffd \u2192 Putin")


# -- Markdown --------------------------------------------------------------------------------
def test_markdown_gives_each_article_a_heading_and_figures(run):
    out = render("markdown", run)
    assert "## news/article.txt\n\n**1200** words · penalty **23.33** · quality **76.67** · **7** findings" in out
    assert "## feed.jsonl item 2 (urn:news:2)" in out
    assert "## clean.txt" in out and "No findings." in out


def test_markdown_groups_findings_by_category_in_taxonomy_order(run):
    headings = re.findall(r"^### (.+) \(\d+\)$", render("markdown", run).split("## feed.jsonl")[0], re.M)
    assert headings == ["quote-case", "quote-marks", "calque", "name", "garbled", "boilerplate"]


def test_markdown_shows_the_sentence_with_the_problem_and_suggestion(run):
    out = render("markdown", run)
    assert ("  The minister said she was ~~\u201cDeeply~~ **\u201cdeeply** worried\u201d about the 50% rise, "
            "a sign of A\\|B \\*tension\\*.\\") in out
    assert "  Vladimir Poutine \U0001F600 **met the envoy, and called them** not to" in out  # no suggestion: bold
    assert "  ~~Read also: &lt;b&gt;Markets&lt;/b&gt; &amp; more~~\\" in out  # deletion
    assert "Suggestion: **\u201cdeeply** · quotation continues the sentence" in out


def test_markdown_keeps_highlights_working_next_to_letters():
    assert markdown_format.highlight("the work", "\u201d", "said", "\u201c") == "the work ~~\u201d~~ **\u201c** said"
    assert markdown_format.highlight("a ", "word", " b", None) == "a **word** b"


def test_markdown_makes_spacing_fixes_visible():
    assert markdown_format.highlight("the residents", ' "', " is", '"') == 'the residents ~~\u2423"~~ **"** is'
    assert markdown_format.highlight("the work", "\u201d", "said", "\u201d ") == "the work ~~\u201d~~ **\u201d\u2423** said"


def test_html_makes_spacing_fixes_visible():
    text = 'the residents " is written.'
    run = single_article_run("a.txt", text, [finding(text, ' "', "MT104", "spaced-quote-marks", "quote-marks",
                                                     "minor", "space before the closing quote mark", '"')])
    assert "<del>\u2423&quot;</del> → <ins>&quot;</ins>" in render("html", run)


def test_markdown_escapes_block_starts_and_inline_markup():
    assert markdown_format.md_line("1. item") == "1\\. item"
    assert markdown_format.md_line("- item") == "\\- item"
    assert markdown_format.md("*a* _b_ `c` [d](e) # | ~ $x$ <i> &") == \
        "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\# \\| \\~ \\$x\\$ &lt;i&gt; &amp;"


# -- HTML ------------------------------------------------------------------------------------
def test_html_is_one_self_contained_page(run):
    out = render("html", run)
    assert out.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(?<![.\w])(?:src|href|action)\s*=|url\(|@import""", out)
    assert "default-src 'none'" in out
    assert out.count('<section class="article"') == 3


def test_html_script_hash_allows_exactly_the_page_script(run):
    out = render("html", run)
    scripts = re.findall(r"<script>(.*?)</script>", out, re.S)
    assert len(scripts) == 1
    assert f"'sha256-{html_format._SCRIPT_HASH}'" in out
    assert base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode() == html_format._SCRIPT_HASH


def test_html_highlights_overlapping_findings_stretch_by_stretch():
    text = "He met the envoy and called them not to go."
    a = finding(text, "met the envoy and called them", "MT401", "garbled-clause", "garbled", "critical", "m", None,
                fix="none")
    b = finding(text, "called them not to", "MT301", "calque-phrase", "calque", "minor", "m", "urged them not to")
    body = html_format.highlighted_text(text, [a, b])
    spans = re.findall(r'<span class="([^"]*)" data-f="([^"]*)"[^>]*>([^<]*)</span>', body)
    assert [(cls.split()[1], ids, t) for cls, ids, t in spans] == [
        ("c-garbled", "0", "met the envoy and "), ("c-garbled", "0 1", "called them"), ("c-calque", "1", " not to")]
    assert "multi" in spans[1][0]
    assert re.sub(r"<[^>]+>", "", body) == text


def test_html_marks_insertion_points():
    text = "He went home"
    f = dataclasses.replace(finding(text, "", "MT401", "garbled-clause", "garbled", "minor", "m", "."),
                            start=12, end=12, column=13)
    body = html_format.highlighted_text(text, [f])
    assert body.endswith('data-point title="MT401 garbled-clause (garbled, minor): m \u2192 ."></span>')


def test_html_data_offsets_count_utf16_units(run):
    out = render("html", run)
    data = json.loads(re.search(r'<script type="application/json" id="mtlint-data">(.*?)</script>', out, re.S)[1])
    article = data["articles"][0]
    text16 = article["text"].encode("utf-16-le")
    for f, original in zip(article["findings"], run.results[0].findings):
        assert text16[2 * f["start"]:2 * f["end"]].decode("utf-16-le") == original.text


def test_html_embedded_data_cannot_close_its_script(run):
    out = render("html", hostile_run())
    data = re.search(r'<script type="application/json" id="mtlint-data">(.*?)</script>', out, re.S)[1]
    assert "<" not in data and ">" not in data
    assert json.loads(data)["articles"][0]["text"].endswith(HOSTILE)


# -- escaping: what comes from the article stays text ------------------------------------------
def test_html_renders_hostile_article_text_as_text():
    out = render("html", hostile_run())
    assert out.count("<script") == 2  # the data block and the page's own script
    assert "<script>alert(1)" not in out and "</textarea>" not in out and "<!--" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; and ]]&gt; then &lt;!-- &amp; &lt;/textarea&gt;" in out
    assert "odd &lt;name&gt;.txt" in out


def test_markdown_renders_hostile_article_text_as_text():
    out = render("markdown", hostile_run())
    assert "<" not in out and "]]>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; and \\]\\]&gt; then &lt;!-- &amp; &lt;/textarea&gt;" in out


def test_junit_renders_hostile_article_text_as_text():
    out = render("junit", hostile_run())
    root = ET.fromstring(out)
    assert "<script>alert" not in out and "]]>" not in out
    details = [f.text for f in root.iter("failure")]
    assert any(HOSTILE in d for d in details)
    assert root.find("testsuite").get("name") == "odd <name>.txt"


# -- shared pieces ---------------------------------------------------------------------------
def test_excerpt_is_the_sentence_around_the_span():
    text = "First one here. He said it was \u201cDeeply\u201d bad. Last one.\nNext line."
    f = finding(text, "\u201cDeeply", "MT101", "quote-capitalization", "quote-case", "minor", "m", "x")
    assert excerpt(text, f) == ("He said it was ", "\u201cDeeply", "\u201d bad.")


def test_excerpt_cuts_long_sentences_with_an_ellipsis():
    text = "word " * 100 + "Poutine " + "word " * 100
    f = finding(text, "Poutine", "MT201", "name-form", "name", "major", "m", "Putin")
    before, flagged, after = excerpt(text, f, limit=20)
    assert before.startswith("\u2026") and after.endswith("\u2026") and flagged == "Poutine"
    assert len(before) <= 21 and len(after) <= 21


def test_sentence_of_a_deleted_line_is_that_line():
    text = "Intro.\nRead also: more\nBody text."
    start = text.index("Read")
    end = text.index("Body")
    assert sentence_bounds(text, start, end) == (start, end)


def test_every_format_renders_a_real_check():
    """The renderers accept what the engine produces (not only hand-built findings)."""
    from qa import check_documents

    results = list(check_documents(["Russia urged them to avoid using \u201cForeign terrorists\u201d in the region.\n"]))
    run = RunResult(results, version="x")
    for fmt in sorted(EXPECTED_FORMATS):
        assert render(fmt, run)
    assert isinstance(results[0], FileResult)
