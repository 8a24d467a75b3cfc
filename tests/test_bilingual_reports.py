"""Reports of an aligned input show each finding's source segment, escaped for the format."""
from __future__ import annotations

import json
from html import escape
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from qa.pack import corpora_root

SAMPLE = corpora_root() / "samples" / "bilingual" / "bridge-closure.xlf"
SAMPLE_SOURCE = "Les travaux dureront 3,5 mois et coûteront 150 000 euros, selon l'adjointe Věra Novotná."
CONTRACT = {"rule", "name", "category", "severity", "start", "end", "line", "column", "text", "message",
            "suggestion", "fix", "confidence"}
# A source holding markup and Markdown syntax: every format must show it as text.
MARKED_SOURCE = "Le <b>pont</b> & *le* tunnel fermeront pendant 3,5 mois."
MARKED_TSV = f"source\ttarget\n{MARKED_SOURCE}\tThe <b>bridge</b> & *the* tunnel will close for 35 months.\n"


def check(*args: str) -> str:
    result = CliRunner().invoke(main, ["check", "--select", "MT801", *args])
    assert result.exit_code == 1, result.output
    return result.stdout


@pytest.fixture
def marked(tmp_path: Path) -> str:
    path = tmp_path / "bridge.tsv"
    path.write_text(MARKED_TSV, encoding="utf-8")
    return str(path)


def test_text_puts_an_indented_source_line_under_the_finding():
    lines = check(str(SAMPLE)).splitlines()
    at = next(i for i, line in enumerate(lines) if " MT801 " in line)
    assert lines[at + 1] == f"    source: {SAMPLE_SOURCE}"


def test_text_shows_a_paragraph_source_on_one_line(tmp_path: Path):
    target, source = tmp_path / "t.txt", tmp_path / "s.txt"
    target.write_text("The works will last 35 months.\n\nThe bridge stays shut.\n", encoding="utf-8")
    source.write_text("Les travaux dureront\n3,5 mois.\n\nLe pont reste fermé.\n", encoding="utf-8")
    lines = check(str(target), "--source", str(source)).splitlines()
    assert lines[1] == "    source: Les travaux dureront 3,5 mois."


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_adds_a_source_field_and_keeps_the_contract(fmt: str):
    out = check(str(SAMPLE), "--format", fmt)
    entry = json.loads(out) if fmt == "json" else json.loads(out.splitlines()[0])
    files = entry["files"] if fmt == "json" else [entry]
    (finding,) = files[0]["findings"]
    assert set(finding) == CONTRACT | {"source"}
    assert finding["source"] == SAMPLE_SOURCE and finding["text"] == "35"


def test_a_monolingual_input_has_no_source_anywhere(tmp_path: Path):
    path = tmp_path / "article.txt"
    path.write_text("Officials said the plan was « historic » on Monday.\n", encoding="utf-8")
    runner = CliRunner()
    data = json.loads(runner.invoke(main, ["check", "--format", "json", str(path)]).stdout)
    assert data["files"][0]["findings"] and all("source" not in f for f in data["files"][0]["findings"])
    shown = {"text": "    source: ", "markdown": "> Source: ", "html": 'class="meta source"', "sarif": '"source":'}
    for fmt, marker in shown.items():
        assert marker not in runner.invoke(main, ["check", "--format", fmt, str(path)]).stdout


def test_markdown_quotes_the_source_after_the_finding():
    lines = check(str(SAMPLE), "--format", "markdown").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("- **MT801"))
    assert lines[at + 3] == "  > Source: Les travaux dureront 3,5 mois et coûteront 150 000 euros, " \
                            "selon l'adjointe Věra Novotná."


def test_markdown_escapes_the_source(marked: str):
    quoted = next(line for line in check(marked, "--format", "markdown").splitlines() if "> Source:" in line)
    assert quoted == r"  > Source: Le &lt;b&gt;pont&lt;/b&gt; &amp; \*le\* tunnel fermeront pendant 3,5 mois."


def test_html_shows_the_source_under_the_finding_escaped(marked: str):
    page = check(marked, "--format", "html")
    item = page[page.index('<li class="finding'):page.index("</li>")]
    assert f'<div class="meta source">source: {escape(MARKED_SOURCE)}</div>' in item
    assert "<b>pont" not in page
    # The source sits between the excerpt and the suggestion.
    assert item.index('class="excerpt"') < item.index("source:") < item.index('class="suggestion"')


def test_sarif_puts_the_source_in_the_result_properties(marked: str):
    (result,) = json.loads(check(marked, "--format", "sarif"))["runs"][0]["results"]
    assert result["properties"]["source"] == MARKED_SOURCE
    assert result["properties"]["text"] == "35"
