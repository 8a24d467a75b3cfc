"""--fix on bilingual files and on a target checked with --source: only target text changes."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from qa.bilingual import BilingualFile, parse_bilingual
from qa.document import Document
from qa.finding import Finding, Severity
from qa.fix import BilingualTargets, Encoded, plan

SOURCES = ["Le ministre a salué une « victoire historique » & un accord.",
           "Il a jugé la situation « profondément inquiétante »."]
FIXED = ["The minister hailed a “historic victory” & a deal.",
         "He found the situation “deeply worrying” for the region."]

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="fr" target-language="en" datatype="plaintext" original="news">
    <body>
      <trans-unit id="u1">
        <source>Le ministre a salué une « victoire historique » &amp; un accord.</source>
        <target state="translated">The minister hailed a « historic victory » &amp; a deal.</target>
      </trans-unit>
      <trans-unit id="u2">
        <source>Il a jugé la situation « profondément inquiétante ».</source>
        <target>He found the situation “Deeply worrying” for the region.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr" trgLang="en">
  <file id="f1">
    <unit id="u1">
      <segment id="s1">
        <source>Le ministre a salué une « victoire historique » &amp; un accord.</source>
        <target>The minister hailed a « historic victory » &amp; a deal.</target>
      </segment>
      <segment id="s2">
        <source>Il a jugé la situation « profondément inquiétante ».</source>
        <target>He found the situation “Deeply worrying” for the region.</target>
      </segment>
    </unit>
  </file>
</xliff>
"""

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en"
          srclang="fr" datatype="plaintext"/>
  <body>
    <tu tuid="1">
      <tuv xml:lang="fr"><seg>Le ministre a salué une « victoire historique » &amp; un accord.</seg></tuv>
      <tuv xml:lang="en"><seg>The minister hailed a « historic victory » &amp; a deal.</seg></tuv>
    </tu>
    <tu tuid="2">
      <tuv xml:lang="en"><seg>He found the situation “Deeply worrying” for the region.</seg></tuv>
      <tuv xml:lang="fr"><seg>Il a jugé la situation « profondément inquiétante ».</seg></tuv>
    </tu>
  </body>
</tmx>
"""

PO = '''# A catalogue written for the tests.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#: news.c:1
msgctxt "u1"
msgid "Le ministre a salué une « victoire historique » & un accord."
msgstr "The minister hailed a « historic victory » & a deal."

msgctxt "u2"
msgid "Il a jugé la situation « profondément inquiétante »."
msgstr ""
"He found the situation “Deeply worrying” "
"for the region."
'''

TSV = ("source\ttarget\r\n"
       "Le ministre a salué une « victoire historique » & un accord.\t"
       "The minister hailed a « historic victory » & a deal.\r\n"
       "Il a jugé la situation « profondément inquiétante ».\t"
       "He found the situation “Deeply worrying” for the region.\r\n")

FILES = {"news.xlf": XLIFF12, "news.xliff": XLIFF20, "news.tmx": TMX, "news.po": PO, "news.tsv": TSV}


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def outside_targets(parsed: BilingualFile) -> list[str]:
    """Everything of the file but its targets' raw text, piece by piece."""
    pieces, pos = [], 0
    for seg in sorted(parsed.segments, key=lambda s: s.start):
        pieces.append(parsed.original[pos:seg.start])
        pos = seg.end
    return pieces + [parsed.original[pos:]]


@pytest.mark.parametrize("name", sorted(FILES))
def test_fix_writes_the_targets_and_leaves_every_other_byte(tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_bytes(FILES[name].encode("utf-8"))
    result = run("check", "--fix", "--select", "MT101,MT601", str(path))
    assert result.exit_code == 0, result.output
    before = parse_bilingual(FILES[name], name)
    after = parse_bilingual(path.read_bytes().decode("utf-8"), name)
    assert [after.target_text(s) for s in after.segments] == FIXED
    assert [s.source for s in after.segments] == SOURCES
    assert outside_targets(after) == outside_targets(before)


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_second_fix_changes_nothing(tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_bytes(FILES[name].encode("utf-8"))
    run("check", "--fix", "--select", "MT101,MT601", str(path))
    fixed = path.read_bytes()
    result = run("check", "--fix", "--select", "MT101,MT601", str(path))
    assert path.read_bytes() == fixed
    assert "fixed 0 findings in 0 files" in result.stderr


def test_diff_of_a_bilingual_file_shows_only_target_lines(tmp_path: Path):
    path = tmp_path / "news.xlf"
    path.write_text(XLIFF12, encoding="utf-8")
    result = run("check", "--diff", "--select", "MT101,MT601", str(path))
    assert result.exit_code == 1
    changed = [line for line in result.stdout.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed and all("<target" in line for line in changed)
    assert path.read_text(encoding="utf-8") == XLIFF12


@pytest.mark.parametrize("name", ["news.xlf", "news.po"])
def test_the_recheck_after_a_fix_keeps_the_alignment(tmp_path: Path, name: str):
    import json

    # A changed figure has only an unsafe fix: it stays, and must still face its own source.
    path = tmp_path / name
    path.write_text(FILES[name].replace("inquiétante »", "inquiétante » pour 12 villages")
                    .replace("for the region", "for 21 villages"), encoding="utf-8")
    result = run("check", "--fix", "--select", "MT101,MT601,MT801", "--format", "json", str(path))
    (finding,) = json.loads(result.stdout)["files"][0]["findings"]
    text = path.read_text(encoding="utf-8")
    assert finding["rule"] == "MT801" and text[finding["start"]:finding["end"]] == finding["text"] == "21"
    assert finding["source"] == "Il a jugé la situation « profondément inquiétante » pour 12 villages."
    assert "fixed 3 findings in 1 file; 1 remains" in result.stderr


# -- escaping and refusals, one finding at a time --------------------------------------------------
def _finding_on(parsed: BilingualFile, seg_index: int, needle: str, suggestion: str, *, through: str = "") -> Finding:
    """A safe finding on ``needle`` in the raw target of segment ``seg_index`` (up to ``through``)."""
    seg = parsed.segments[seg_index]
    start = parsed.original.index(needle, seg.start)
    end = parsed.original.index(through, start) + len(through) if through else start + len(needle)
    return Finding(rule="MT999", name="n", category="calque", severity=Severity.MINOR, start=start, end=end,
                   line=1, column=1, text=parsed.original[start:end], message="m", suggestion=suggestion,
                   fix="safe", confidence=0.9)


def _apply(name: str, original: str, finding: Finding) -> tuple[str, list]:
    """The file once ``finding`` is planned and spliced as --fix does, and what was refused."""
    doc = Document(original, path=name)
    targets = BilingualTargets(doc, Encoded.decode(original.encode("utf-8")))
    p = plan([finding], replacement=targets.replacement, refuse=targets.refuse)
    return Encoded.decode(original.encode("utf-8")).splice(p.edits).decode("utf-8"), p.skipped


@pytest.mark.parametrize("name", ["news.xlf", "news.xliff", "news.tmx", "news.po"])
def test_replacements_are_escaped_for_the_format(name: str):
    original = FILES[name]
    parsed = parse_bilingual(original, name)
    new = 'a "quoted" <b> & \\ back'
    fixed, skipped = _apply(name, original, _finding_on(parsed, 0, "a deal", new))
    assert not skipped
    reparsed = parse_bilingual(fixed, name)
    assert reparsed.target_text(reparsed.segments[0]) == parsed.target_text(parsed.segments[0]).replace("a deal", new)
    assert outside_targets(reparsed) == outside_targets(parsed)


def test_a_span_holding_inline_markup_is_not_fixed():
    original = XLIFF12.replace("“Deeply worrying”", '“<g id="1">Deeply</g> worrying”')
    parsed = parse_bilingual(original, "news.xlf")
    fixed, skipped = _apply("news.xlf", original, _finding_on(parsed, 1, "“", "“deeply", through="Deeply"))
    assert fixed == original
    assert [reason for _, reason in skipped] == ["the span contains inline markup"]


def test_a_span_running_past_its_unit_is_not_fixed():
    parsed = parse_bilingual(XLIFF12, "news.xlf")
    fixed, skipped = _apply("news.xlf", XLIFF12, _finding_on(parsed, 0, "a deal.", "", through="He found"))
    assert fixed == XLIFF12
    assert [reason for _, reason in skipped] == ["the span runs past the target text of its unit"]


@pytest.mark.parametrize("name", ["news.xlf", "news.po"])
def test_a_fix_that_would_empty_a_target_is_not_applied(name: str):
    original = FILES[name].replace("The minister hailed", '<g id="1">The minister</g> hailed', 1) \
        if name == "news.xlf" else FILES[name]
    parsed = parse_bilingual(original, name)
    fixed, skipped = _apply(name, original, _finding_on(parsed, 0, "The minister", "", through="deal."))
    assert fixed == original
    assert [reason for _, reason in skipped] == ["it would leave its unit without a translation"]


def test_a_tsv_cell_cannot_take_a_tab_or_a_line_break():
    parsed = parse_bilingual(TSV, "news.tsv")
    fixed, skipped = _apply("news.tsv", TSV, _finding_on(parsed, 0, "a deal", "a\tdeal"))
    assert fixed == TSV
    assert [reason for _, reason in skipped] == ["a TSV cell cannot hold a tab or a line break"]


def test_the_cli_names_a_fix_it_could_not_write(tmp_path: Path):
    path = tmp_path / "news.xlf"
    path.write_text(XLIFF12.replace("“Deeply worrying”", '“<g id="1">Deeply</g> worrying”'), encoding="utf-8")
    result = run("check", "--fix", "--select", "MT101,MT601", str(path))
    assert "MT101 fix not applied: the span contains inline markup" in result.stderr
    after = parse_bilingual(path.read_text(encoding="utf-8"), "news.xlf")
    assert after.target_text(after.segments[0]) == FIXED[0]


# -- a plain target fixed with its source ----------------------------------------------------------
TARGET = ("The minister hailed a « historic victory » on Monday.\n"
          "Read also: Markets fall again\n"
          "He found the situation “Deeply worrying” for the region.\n")
SOURCE = ("Le ministre a salué lundi une « victoire historique ».\n"
          "Lire aussi : Les marchés chutent encore\n"
          "Il a jugé la situation « profondément inquiétante » pour la région.\n")


def test_fix_with_source_corrects_the_target_and_never_the_source(tmp_path: Path):
    target, source = tmp_path / "article.en.txt", tmp_path / "article.fr.txt"
    target.write_text(TARGET, encoding="utf-8")
    source.write_text(SOURCE, encoding="utf-8")
    result = run("check", "--fix", str(target), "--source", str(source))
    assert source.read_text(encoding="utf-8") == SOURCE
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "The minister hailed a “historic victory” on Monday."
    assert lines[2] == "He found the situation “deeply worrying” for the region."
    # Deleting the boilerplate line would shift the alignment: it is reported, not applied.
    assert lines[1] == "Read also: Markets fall again"
    assert "MT701 fix not applied: it would change the lines the source is aligned with" in result.stderr
    assert "    source: Lire aussi : Les marchés chutent encore" in result.stdout
    again = target.read_bytes()
    result = run("check", "--fix", str(target), "--source", str(source))
    assert target.read_bytes() == again and "fixed 0 findings in 0 files" in result.stderr


def test_diff_with_source_writes_nothing(tmp_path: Path):
    target, source = tmp_path / "article.en.txt", tmp_path / "article.fr.txt"
    target.write_text(TARGET, encoding="utf-8")
    source.write_text(SOURCE, encoding="utf-8")
    result = run("check", "--diff", str(target), "--source", str(source))
    assert result.exit_code == 1
    assert "+The minister hailed a “historic victory” on Monday." in result.stdout
    assert target.read_text(encoding="utf-8") == TARGET
