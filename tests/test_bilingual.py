"""Bilingual inputs: aligned readers, offsets into the original file, and fix-by-offset round trips."""
from __future__ import annotations

import unicodedata

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from qa.bilingual import AlignmentError, align_plain, parse_bilingual, read_pair
from qa.document import Document, Span
from qa.pack import corpora_root
from qa.readers import InputProblem, kind_of, read_path

SAMPLES = corpora_root() / "samples" / "bilingual"

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="fr" target-language="en" datatype="plaintext" original="menu">
    <body>
      <group id="g1">
        <trans-unit id="save">
          <source>Enregistrer &amp; quitter</source>
          <target>Save &amp; <g id="1">quit</g></target>
          <alt-trans><source>Enregistrer</source><target>Record</target></alt-trans>
        </trans-unit>
      </group>
      <trans-unit id="bold">
        <source>Cliquez <ph id="1">&lt;b&gt;</ph>ici</source>
        <target>Click <ph id="1">&lt;b&gt;</ph>here<![CDATA[ & now]]></target>
      </trans-unit>
      <trans-unit id="todo"><source>Pas encore traduit</source></trans-unit>
      <trans-unit id="empty"><source>Vide</source><target/></trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr" trgLang="en">
  <file id="f1">
    <unit id="u1">
      <segment id="s1">
        <source>Le chat dort.</source>
        <target>The cat <pc id="1">sleeps</pc>.</target>
      </segment>
      <ignorable><source> </source><target> </target></ignorable>
      <segment id="s2">
        <source>Le chien<cp hex="0009"/>aboie.</source>
        <target>The dog<cp hex="0009"/>barks<ph id="2"/>.</target>
      </segment>
    </unit>
  </file>
</xliff>
"""

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en"
          srclang="fr-FR" datatype="plaintext"/>
  <body>
    <tu tuid="7">
      <tuv xml:lang="en-GB"><seg>The <bpt i="1">&lt;b&gt;</bpt>cat<ept i="1">&lt;/b&gt;</ept> sleeps.</seg></tuv>
      <tuv xml:lang="fr-FR"><seg>Le chat dort.</seg></tuv>
    </tu>
    <tu tuid="8"><tuv xml:lang="fr-FR"><seg>Seul</seg></tuv></tu>
  </body>
</tmx>
"""

PO = r'''# A catalogue written for the tests.
msgid ""
msgstr ""
"Language: en\n"
"Content-Type: text/plain; charset=UTF-8\n"

#: menu.c:1
msgid "Bonjour \"ami\""
msgstr "Hello \"friend\""

#, fuzzy
msgctxt "menu"
msgid "Fichier"
msgstr ""
"File\n"
"menu"

msgid "un fichier"
msgid_plural "%d fichiers"
msgstr[0] "one file"
msgstr[1] "%d files"

msgid "Pas traduit"
msgstr ""

#~ msgid "Vieux"
#~ msgstr "Old"
'''

TSV = "source\ttarget\nLe chat dort.\tThe cat sleeps.\n\nLe chien aboie.\tThe dog barks.\r\nVide\t\n"

FORMATS = {"menu.xlf": XLIFF12, "units.xlf": XLIFF20, "memory.tmx": TMX, "messages.po": PO, "pairs.tsv": TSV}
EXPECTED = {
    "menu.xlf": [("Enregistrer & quitter", "Save & quit", "save"), ("Cliquez ici", "Click here & now", "bold")],
    "units.xlf": [("Le chat dort.", "The cat sleeps.", "u1/s1"), ("Le chien\taboie.", "The dog\tbarks.", "u1/s2")],
    "memory.tmx": [("Le chat dort.", "The cat sleeps.", "7")],
    "messages.po": [('Bonjour "ami"', 'Hello "friend"', None), ("Fichier", "File\nmenu", "menu"),
                    ("un fichier", "one file", None), ("%d fichiers", "%d files", None)],
    "pairs.tsv": [("Le chat dort.", "The cat sleeps.", None), ("Le chien aboie.", "The dog barks.", None)],
}


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_segments_pair_each_target_with_its_source(name):
    parsed = parse_bilingual(FORMATS[name], name)
    got = [(s.source, parsed.target_text(s), s.id) for s in parsed.segments]
    assert got == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_document_text_is_the_targets_and_offsets_point_into_the_file(name):
    original = FORMATS[name]
    parsed = parse_bilingual(original, name)
    doc = parsed.document()
    assert doc.original == original
    assert [src for _, src in doc.alignment] == [s.source for s in parsed.segments]
    for (span, _), seg in zip(doc.alignment, parsed.segments):
        assert doc.text[span.start:span.end] == parsed.target_text(seg)
        # The first and last characters of each target map inside its raw range in the file.
        assert seg.start <= doc.offsets.start(span.start) < seg.end
        assert seg.start < doc.offsets.end(span.end) <= seg.end


def test_line_numbers_of_findings_are_lines_of_the_file():
    doc = parse_bilingual(PO, "messages.po").document()
    pos = doc.text.index("friend")
    line, column = doc.line_col(doc.offsets.start(pos))
    assert PO.splitlines()[line - 1][column - 1:column + 5] == "friend"


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_replacing_a_target_by_offset_changes_only_that_target(name):
    parsed = parse_bilingual(FORMATS[name], name)
    for i, seg in enumerate(parsed.segments):
        new = 'A "new" <b> & translation'
        edited = parsed.replace_target(seg, new)
        reparsed = parse_bilingual(edited, name)
        texts = [reparsed.target_text(s) for s in reparsed.segments]
        expected = [parsed.target_text(s) for s in parsed.segments]
        expected[i] = new
        assert texts == expected
        # Everything outside the target's raw range is byte-identical.
        assert edited[:seg.start] == FORMATS[name][:seg.start]
        assert edited[seg.start + len(parsed.escape(new)):] == FORMATS[name][seg.end:]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\t"),
               min_size=1, max_size=40).filter(lambda t: t.strip() and t == t.strip()))
def test_any_replacement_round_trips_in_xml_and_po(new):
    for name in ("menu.xlf", "messages.po", "memory.tmx"):
        parsed = parse_bilingual(FORMATS[name], name)
        seg = parsed.segments[0]
        reparsed = parse_bilingual(parsed.replace_target(seg, new), name)
        # Readers compose text to NFC before rules see it.
        assert reparsed.target_text(reparsed.segments[0]) == unicodedata.normalize("NFC", new)


def test_tsv_cells_refuse_tabs_and_line_breaks():
    parsed = parse_bilingual(TSV, "pairs.tsv")
    with pytest.raises(ValueError):
        parsed.replace_target(parsed.segments[0], "two\tcells")


@pytest.mark.parametrize("name,text,where", [
    ("bad.xlf", "<xliff version='1.2'><file><body><trans-unit id='1'><target>x</trans-unit></body></file></xliff>", 1),
    ("bad.tmx", "<?xml version='1.0'?>\n<tmx>\n<body>\n<tu><tuv><seg>a</tuv></tu></body></tmx>", 4),
    ("bad.tsv", "a\tb\nonly one column\n", 2),
    ("other.xlf", "<?xml version='1.0'?><html><body>hi</body></html>", None),
])
def test_malformed_files_are_errors_naming_the_line(name, text, where):
    with pytest.raises(AlignmentError) as info:
        parse_bilingual(text, name)
    assert info.value.line == where


def test_xml_entities_and_dtds_are_refused():
    bomb = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
            '<xliff version="1.2"><file><body><trans-unit id="1"><source>&a;</source>'
            '<target>&a;</target></trans-unit></body></file></xliff>')
    with pytest.raises(AlignmentError, match="refused"):
        parse_bilingual(bomb, "bomb.xlf")


def test_tmx_target_language_can_be_chosen():
    three = TMX.replace('<tuv xml:lang="fr-FR"><seg>Le chat dort.</seg></tuv>',
                        '<tuv xml:lang="fr-FR"><seg>Le chat dort.</seg></tuv>'
                        '<tuv xml:lang="de"><seg>Die Katze schläft.</seg></tuv>')
    parsed = parse_bilingual(three, "memory.tmx", target_lang="de")
    assert [parsed.target_text(s) for s in parsed.segments] == ["Die Katze schläft."]


def test_readers_dispatch_bilingual_extensions(tmp_path: Path):
    path = tmp_path / "menu.xlf"
    path.write_text(XLIFF12, encoding="utf-8")
    assert kind_of(str(path)) == "bilingual"
    (doc,) = read_path(str(path))
    assert isinstance(doc, Document) and doc.text == "Save & quit\nClick here & now"
    assert doc.source_at(doc.text.index("here")) == "Cliquez ici"


def test_a_bilingual_file_without_translations_is_a_notice(tmp_path: Path):
    path = tmp_path / "todo.po"
    path.write_text('msgid "Bonjour"\nmsgstr ""\n', encoding="utf-8")
    (problem,) = read_path(str(path))
    assert isinstance(problem, InputProblem) and not problem.error


# -- plain files aligned by line or paragraph ------------------------------------------------
def test_line_alignment_pairs_lines_and_skips_blank_targets():
    pairs = align_plain("One.\n\nThree.\n", "Un.\nDeux.\nTrois.\n")
    assert [(t, s) for t, s in pairs] == [(Span(0, 4), "Un."), (Span(6, 12), "Trois.")]


def test_paragraph_alignment_when_line_counts_differ():
    target = "First line\nwrapped.\n\nSecond paragraph.\n"
    source = "Première ligne coupée.\n\nDeuxième paragraphe.\n"
    pairs = align_plain(target, source)
    assert [target[s.start:s.end] for s, _ in pairs] == ["First line\nwrapped.", "Second paragraph."]
    assert [src for _, src in pairs] == ["Première ligne coupée.", "Deuxième paragraphe."]


def test_misaligned_files_name_the_first_suspicious_paragraph():
    target = "Short.\n\n" + "A long paragraph that clearly has no counterpart here at all. " * 3 + "\n\nEnd.\n"
    source = "Court.\n\nFin.\n"
    with pytest.raises(AlignmentError, match=r"3 paragraphs.*2 paragraphs.*paragraph 2 is the first"):
        align_plain(target, source)


def test_misaligned_files_otherwise_name_the_last_aligned_paragraph():
    with pytest.raises(AlignmentError, match=r"the last paragraph both files have is 2 \(target line 3, source line 3\)"):
        align_plain("A.\n\nB.\n\nC.\n", "A.\n\nB.\n")


def test_read_pair_aligns_a_target_with_its_source(tmp_path: Path):
    (tmp_path / "t.txt").write_text("The cat sleeps.\nThe dog barks.\n", encoding="utf-8")
    (tmp_path / "s.txt").write_text("Le chat dort.\nLe chien aboie.\n", encoding="utf-8")
    (doc,) = read_pair(str(tmp_path / "t.txt"), str(tmp_path / "s.txt"))
    assert [src for _, src in doc.alignment] == ["Le chat dort.", "Le chien aboie."]


def test_read_pair_refuses_bilingual_files_and_reports_misalignment(tmp_path: Path):
    (tmp_path / "t.txt").write_text("One.\n\nTwo.\n", encoding="utf-8")
    (tmp_path / "s.txt").write_text("Un.\n", encoding="utf-8")
    (tmp_path / "m.po").write_text(PO, encoding="utf-8")
    (problem,) = read_pair(str(tmp_path / "t.txt"), str(tmp_path / "s.txt"))
    assert problem.error and "do not align" in problem.message
    (problem,) = read_pair(str(tmp_path / "m.po"), str(tmp_path / "s.txt"))
    assert problem.error and "carries its own source" in problem.message


# -- shipped samples ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["bridge-closure.xlf", "bridge-closure.xliff2.xlf", "bridge-closure.tmx",
                                  "bridge-closure.po"])
def test_shipped_samples_hold_the_same_aligned_text(name):
    target = (SAMPLES / "bridge-closure.en.txt").read_text(encoding="utf-8").splitlines()
    source = (SAMPLES / "bridge-closure.fr.txt").read_text(encoding="utf-8").splitlines()
    parsed = parse_bilingual((SAMPLES / name).read_text(encoding="utf-8"), name)
    assert [parsed.target_text(s) for s in parsed.segments] == target
    assert [s.source for s in parsed.segments] == source


# -- command line ------------------------------------------------------------------------------
def run_cli(*args: str):
    from click.testing import CliRunner

    from cli import main

    return CliRunner().invoke(main, list(args))


def test_check_with_source_reports_source_aware_findings_with_file_positions():
    target, source = SAMPLES / "bridge-closure.en.txt", SAMPLES / "bridge-closure.fr.txt"
    result = run_cli("check", str(target), "--source", str(source), "--select", "MT8", "--format", "json")
    assert result.exit_code == 1, result.output
    import json

    data = json.loads(result.output)
    found = data["files"][0]["findings"]
    text = target.read_text(encoding="utf-8")
    assert {f["rule"] for f in found} == {"MT801", "MT802", "MT804", "MT805", "MT806", "MT807"}
    assert all(text[f["start"]:f["end"]] == f["text"] for f in found)


def test_check_a_bilingual_file_alone_and_add_reference_metrics():
    import json

    xlf, ref = SAMPLES / "bridge-closure.xlf", SAMPLES / "bridge-closure.en.txt"
    result = run_cli("check", str(xlf), "--select", "MT801", "--ref", str(ref), "--format", "json")
    data = json.loads(result.output)
    (finding,) = data["files"][0]["findings"]
    assert finding["text"] == "35" and finding["line"] == 11
    assert data["metrics"]["BLEU"]["score"] == 100 and data["metrics"]["BLEU"]["signature"].startswith("nrefs:1")
    text = run_cli("check", str(xlf), "--select", "MT801", "--ref", str(ref)).output
    assert text.rstrip().splitlines()[-1] == "reference metrics: BLEU 100.00 · chrF2 100.00 · TER 0.00"


def test_check_with_source_refuses_what_it_cannot_align(tmp_path: Path):
    (tmp_path / "t.txt").write_text("One.\n\nTwo.\n", encoding="utf-8")
    (tmp_path / "s.txt").write_text("Un.\n", encoding="utf-8")
    result = run_cli("check", str(tmp_path / "t.txt"), "--source", str(tmp_path / "s.txt"))
    assert result.exit_code == 2 and "do not align" in result.output
    result = run_cli("check", str(tmp_path / "t.txt"), str(tmp_path / "s.txt"), "--source", str(tmp_path / "s.txt"))
    assert result.exit_code == 2 and "single target file" in result.output
