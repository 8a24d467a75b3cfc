"""Reports escape everything taken from the article, through the whole command line.

A feed whose items (and ids, and file name) carry markup, scripts, links and control
characters must render as text: no element, link or command of the report comes from the
article.
"""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
import regex
from defusedxml.ElementTree import fromstring

from .conftest import check

SCRIPT = "<script>alert('pwned')</script>"
HOSTILE_TEXTS = [
    f"The plan was called \u00ab historic \u00bb {SCRIPT} by the minister.",
    "Russia said it was \u201cDeeply concerned\u201d <img src=x onerror=alert(1)> by the vote.",
    "The \u00ab [report](javascript:alert(1)) \u00bb was ![leaked](http://example.invalid/x.png) on Monday.",
    "The mayor said \u00ab </script><!-- ]]> | a | b | \u00bb and left.\n# not a heading\n- not a list",
    "Control characters \u00ab \x07\x1b[2J\u0000 \u00bb stay text.",
]
HOSTILE_IDS = [SCRIPT, "<b>bold</b>", "a\n::error file=x::pwned", "]]><x/>", "%0A&amp;"]


@pytest.fixture
def hostile_feed(tmp_path: Path) -> Path:
    folder = tmp_path / "<i>feeds & \"more\"<i>"
    folder.mkdir()
    path = folder / "items.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for ident, text in zip(HOSTILE_IDS, HOSTILE_TEXTS):
            fh.write(json.dumps({"id": ident, "text": text}) + "\n")
    return path


def render(path: Path, fmt: str) -> str:
    result = check("--format", fmt, "--min-confidence", "0", str(path))
    assert result.exit_code == 1, result.stderr
    return result.stdout


class Elements(HTMLParser):
    """Every start tag and attribute name a browser would see."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: set[str] = set()
        self.data_script = ""
        self._in_data = False

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        self.attributes.update(name for name, _ in attrs)
        self._in_data = tag == "script" and ("id", "mtlint-data") in attrs

    def handle_data(self, data) -> None:
        if self._in_data:
            self.data_script += data

    def handle_endtag(self, tag) -> None:
        self._in_data = False


def elements(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    return parser


def test_html_report_renders_feed_items_as_text(hostile_feed):
    page = render(hostile_feed, "html")
    parser = elements(page)
    assert not {"img", "i", "a", "iframe"} & set(parser.tags)  # the article's and the path's elements
    assert parser.tags.count("script") == 2 and parser.tags.count("style") == 1  # the report's own
    assert not any(a.startswith("on") for a in parser.attributes)
    data = json.loads(parser.data_script)  # the embedded data is intact JSON …
    texts = [a["text"] for a in data["articles"]]
    assert texts == HOSTILE_TEXTS  # … holding the articles exactly
    assert "&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;" in page


def test_markdown_report_renders_feed_items_as_text(hostile_feed):
    page = render(hostile_feed, "markdown")
    assert "<" not in page and ">" not in page.replace("&gt;", "")  # no raw HTML at all
    # Every bracket, parenthesised link target and emphasis mark from the article is escaped.
    assert not regex.search(r"(?<!\\)\[", page)
    assert not regex.search(r"(?<!\\)\]\(", page)  # so no link or image
    assert "\n# not a heading" not in page and "\n- not a list" not in page
    assert "\x1b" not in page and "\x00" not in page


def test_junit_report_renders_feed_items_as_text(hostile_feed):
    page = render(hostile_feed, "junit")
    root = fromstring(page.encode("utf-8"))  # well formed, with no DTD or entity
    assert {el.tag for el in root.iter()} <= {"testsuites", "testsuite", "testcase", "properties", "property",
                                              "failure", "error", "system-out"}
    failures = " ".join((el.text or "") + el.get("message", "") for el in root.iter("failure"))
    assert SCRIPT in failures and "]]><x/>" in failures  # the items' ids, as text


def test_machine_formats_stay_parseable(hostile_feed):
    for fmt in ("json", "sarif"):
        json.loads(render(hostile_feed, fmt))
    for line in render(hostile_feed, "jsonl").splitlines():
        json.loads(line)


def test_github_annotations_cannot_be_forged(hostile_feed):
    lines = render(hostile_feed, "github").splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert commands and all(regex.match(r"::(?:notice|warning|error) [^\n]*::", line) for line in commands)
    assert not any(line.startswith("::error file=x") for line in lines)  # the id's line break is escaped
    assert all(line.startswith("::") or "words," in line for line in lines)
