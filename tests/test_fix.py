"""--fix: what is applied, how conflicts resolve, and that files are written safely."""
from __future__ import annotations

import codecs
import difflib
import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from qa.config import load
from qa.finding import Finding, Severity
from qa.fix import Edit, Encoded, Fixer, apply_edits, fixable, plan, shift, write_atomic, WriteError
from qa.runner import Checker

from .conftest import ROOT, shared_file

pytestmark = pytest.mark.usefixtures("declared_confidence")

SAMPLE = ROOT / "corpora" / "samples" / "article-fr-en.txt"
SPACED = "The plan was called “ historic” by the minister.\n"
SPACED_FIXED = "The plan was called “historic” by the minister.\n"


def finding(start: int, end: int, rule: str = "MT104", suggestion: str | None = "x", fix: str = "safe",
            group: str | None = None, text: str = "?") -> Finding:
    return Finding(rule=rule, name="n", category="quote-marks", severity=Severity.MINOR, start=start, end=end,
                   line=1, column=start + 1, text=text, message="m", suggestion=suggestion, fix=fix,
                   confidence=0.9, group=group)


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def fixer(unsafe: bool = False, **overrides) -> Fixer:
    return Fixer(Checker(load(None, overrides)), unsafe)


# -- planning -------------------------------------------------------------------------------------
def test_earliest_start_wins_then_longer_span_then_rule_code():
    first, later = finding(5, 9, "MT104"), finding(7, 12, "MT101")
    p = plan([later, first])
    assert p.applied == [first]
    assert p.skipped == [(later, "overlaps the fix of MT104 at 1:6")]
    longer, shorter = finding(5, 12, "MT106"), finding(5, 8, "MT101")
    assert plan([shorter, longer]).applied == [longer]
    a, b = finding(5, 8, "MT106"), finding(5, 8, "MT101")
    assert plan([a, b]).applied == [b]


def test_adjacent_fixes_both_apply():
    a, b = finding(0, 3, suggestion="A"), finding(3, 6, suggestion="B")
    p = plan([a, b])
    assert p.applied == [a, b] and apply_edits("abcdefg", p.edits) == "ABg"


def test_group_is_fixed_together_or_not_at_all():
    left = finding(2, 3, "MT102", "“", group="g1")
    right = finding(10, 11, "MT102", "”", group="g1")
    assert plan([left, right]).applied == [left, right]
    blocker = finding(9, 12, "MT101")  # starts after the group: the group wins
    p = plan([left, right, blocker])
    assert p.applied == [left, right] and [f for f, _ in p.skipped] == [blocker]
    alone = plan([left], hidden=[right])
    assert alone.applied == [] and alone.skipped == [(left, "part of its group is hidden")]


def test_group_losing_one_member_loses_both():
    left = finding(2, 3, "MT102", "“", group="g1")
    right = finding(10, 11, "MT102", "”", group="g1")
    blocker = finding(1, 11, "MT101")  # earlier start: wins against the whole group
    p = plan([left, right, blocker])
    assert p.applied == [blocker]
    assert sorted(f.start for f, _ in p.skipped) == [2, 10]


def test_unsafe_fixes_only_on_request_and_never_without_suggestion():
    unsafe = finding(0, 2, fix="unsafe")
    assert not fixable(unsafe, False) and fixable(unsafe, True)
    assert not fixable(finding(0, 2, suggestion=None), True)
    assert not fixable(finding(0, 2, fix="none"), True)
    assert not fixable(finding(0, 2, suggestion="ab", text="ab"), True)  # no change


def test_shift_moves_positions_after_edits_and_drops_replaced_ones():
    edits = [Edit(2, 4, "xyz"), Edit(8, 8, "++")]
    assert shift(1, edits) == 1
    assert shift(3, edits) is None
    assert shift(5, edits) == 6
    assert shift(8, edits) == 11  # an insertion goes before the position


# -- bytes ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("raw", [
    codecs.BOM_UTF8 + "A “ b” c\r\nnext “ line”\r\n".encode("utf-8"),
    "A “ b” c\rnext\r".encode("utf-8"),
    codecs.BOM_UTF16_LE + "A “ b” c\n".encode("utf-16-le"),
    codecs.BOM_UTF16_BE + "A “ b” c\n".encode("utf-16-be"),
])
def test_splice_keeps_bom_encoding_and_line_endings(raw):
    enc = Encoded.decode(raw)
    start = enc.text.index("“ ")
    out = enc.splice([Edit(start, start + 2, "“")])
    assert out.startswith(enc.bom)
    assert out == raw.replace("“ ".encode(enc.encoding), "“".encode(enc.encoding), 1)


def test_cp1252_input_is_written_back_in_cp1252_byte_for_byte():
    raw = "Caf\u00e9 \u201c b\u201d and ".encode("cp1252") + b"\x81 odd byte\r\n"
    enc = Encoded.decode(raw)
    assert enc.encoding == "cp1252"
    start = enc.text.index("\u201c ")
    out = enc.splice([Edit(start, start + 2, "\u201c")])
    assert out == raw.replace(b"\x93 ", b"\x93", 1)
    assert not enc.can_write("\u0100")


# -- whole files ----------------------------------------------------------------------------------
def flagged_only(before: str, after: str, spans: list[tuple[int, int]]) -> bool:
    """Every change between ``before`` and ``after`` lies inside the ``spans`` (of ``before``).

    Deleted lines take their line break with them, and a diff may align that break with the
    neighbouring one ("\n\nSource link\n"): an uncovered changed character is accepted only
    when it is such a line break.
    """
    def covered(i: int) -> bool:
        return any(s <= i < e for s, e in spans)

    ops = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    for tag, i1, i2, _, _ in ops:
        if tag == "equal":
            continue
        if tag == "insert":
            if not any(s <= i1 <= e for s, e in spans):
                return False
        elif not all(covered(i) or before[i] in "\r\n" for i in range(i1, i2)):
            return False
    return True


def assert_fix_round_trip(tmp_path: Path, source: Path, *extra: str) -> None:
    target = tmp_path / source.name
    shutil.copyfile(source, target)
    before = target.read_text(encoding="utf-8")
    first = json.loads(run("check", "--format", "json", *extra, str(target)).stdout)
    spans = [(f["start"], f["end"]) for f in first["files"][0]["findings"] if f["fix"] == "safe"]
    assert spans, "the sample should hold safe fixes"
    result = run("check", "--fix", *extra, str(target))
    assert result.exit_code in (0, 1), result.output
    assert "fixed" in result.stderr and "remain" in result.stderr
    after = target.read_text(encoding="utf-8")
    assert after != before and flagged_only(before, after, spans)
    again = json.loads(run("check", "--format", "json", *extra, str(target)).stdout)
    assert [f for f in again["files"][0]["findings"] if f["fix"] == "safe"] == []
    data = target.read_bytes()
    assert run("check", "--fix", *extra, str(target)).exit_code in (0, 1)
    assert target.read_bytes() == data  # a second --fix is a no-op


def test_fix_sample_then_check_again(tmp_path):
    if not SAMPLE.is_file():
        pytest.skip("sample article not written yet")
    assert_fix_round_trip(tmp_path, SAMPLE)


def test_fix_shared_seed_article(tmp_path):
    assert_fix_round_trip(tmp_path, shared_file("seed", "lemonde-karabakh-2020.txt"))


def test_fix_applies_only_shown_findings(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text(SPACED, encoding="utf-8")
    assert run("check", "--fix", "--select", "MT1", "--min-confidence", "0.99", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8") == SPACED
    assert run("check", "--fix", "--select", "MT1", "--ignore", "MT104", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8") == SPACED


def test_fix_reports_counts_and_keeps_permissions(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text(SPACED + "Then “ again” it was “ said”.\n", encoding="utf-8")
    os.chmod(target, 0o640)
    result = run("check", "--fix", "--select", "MT1", str(target))
    assert result.exit_code == 0, result.output
    assert "fixed 3 findings in 1 file; 0 remain" in result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text(encoding="utf-8") == SPACED_FIXED + "Then “again” it was “said”.\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left behind


UNSAFE_LEXICON = ("match\tkind\tsuggestion\tfix\tcase\tunless\tsource\tnote\n"
                  "zorblat session\tliteral\tworking session\tunsafe\tany\t\tzorblat\tinvented for a test\n")


def test_unsafe_fixes_need_the_flag(tmp_path):
    (tmp_path / "mine.tsv").write_text(UNSAFE_LEXICON, encoding="utf-8")
    (tmp_path / "mtlint.toml").write_text('lexicons = {calques = ["mine.tsv"]}\n', encoding="utf-8")
    target = tmp_path / "a.txt"
    text = "The ministers held a zorblat session on Monday.\n"
    target.write_text(text, encoding="utf-8")
    config = str(tmp_path / "mtlint.toml")
    result = run("check", "--fix", "--select", "MT301", "--config", config, str(target))
    assert target.read_text(encoding="utf-8") == text
    assert "1 remains (1 fixable with --unsafe-fixes)" in result.stderr
    run("check", "--fix", "--unsafe-fixes", "--select", "MT301", "--config", config, str(target))
    assert target.read_text(encoding="utf-8") == "The ministers held a working session on Monday.\n"


def test_unsafe_fixes_alone_is_a_usage_error(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text(SPACED, encoding="utf-8")
    assert run("check", "--unsafe-fixes", str(target)).exit_code == 2


def test_diff_prints_instead_of_writing(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text(SPACED, encoding="utf-8")
    result = run("check", "--diff", "--select", "MT1", str(target))
    assert result.exit_code == 1
    assert f"--- a/{target}" in result.stdout and "-The plan was called “ historic”" in result.stdout
    assert "+The plan was called “historic”" in result.stdout
    assert "would fix 1 finding" in result.stderr
    assert target.read_text(encoding="utf-8") == SPACED


def test_stdin_fix_prints_the_fixed_text():
    result = run("check", "--fix", "--select", "MT1", "-", input=SPACED.encode("utf-8"))
    assert result.stdout == SPACED_FIXED


def test_reversed_pair_is_fixed_as_a_group(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("They asked the belligerents not to ” target “ civilians.\n", encoding="utf-8")
    run("check", "--fix", "--select", "MT102", str(target))
    assert target.read_text(encoding="utf-8") == "They asked the belligerents not to “target” civilians.\n"


def test_crlf_bom_file_keeps_its_bytes_outside_the_fix(tmp_path):
    target = tmp_path / "a.txt"
    raw = codecs.BOM_UTF8 + ("Intro line.\r\n" + SPACED.replace("\n", "\r\n")).encode("utf-8")
    target.write_bytes(raw)
    run("check", "--fix", "--select", "MT1", str(target))
    assert target.read_bytes() == raw.replace("“ ".encode(), "“".encode())


def test_failing_rename_leaves_the_original_and_names_the_file(tmp_path, monkeypatch):
    target = tmp_path / "a.txt"
    target.write_text(SPACED, encoding="utf-8")

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    result = run("check", "--fix", "--select", "MT1", str(target))
    assert result.exit_code == 2
    assert str(target) in result.stderr and "not written" in result.stderr
    assert target.read_text(encoding="utf-8") == SPACED
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_file_changed_while_checking_is_not_overwritten(tmp_path, monkeypatch):
    target = tmp_path / "a.txt"
    target.write_text(SPACED, encoding="utf-8")
    original = Fixer.fix_bytes

    def edit_meanwhile(self, path, raw, kind=None):
        outcome = original(self, path, raw, kind)
        target.write_text("Someone else's edit.\n", encoding="utf-8")
        return outcome

    monkeypatch.setattr(Fixer, "fix_bytes", edit_meanwhile)
    result = run("check", "--fix", "--select", "MT1", str(target))
    assert result.exit_code == 2 and "changed while it was being checked" in result.stderr
    assert target.read_text(encoding="utf-8") == "Someone else's edit.\n"


def test_write_atomic_refuses_on_changed_content(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"new")
    with pytest.raises(WriteError):
        write_atomic(str(target), b"fixed", expected=b"old")
    assert target.read_bytes() == b"new"


def test_symlinked_file_is_fixed_through_the_link(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text(SPACED, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    run("check", "--fix", "--select", "MT1", str(link))
    assert link.is_symlink() and real.read_text(encoding="utf-8") == SPACED_FIXED


# -- formats --------------------------------------------------------------------------------------
def test_markdown_fix_lands_in_the_original_file(tmp_path):
    target = tmp_path / "a.md"
    target.write_text("# Title\n\nThe plan was called “ historic” by the [minister](http://x.example).\n",
                      encoding="utf-8")
    run("check", "--fix", "--select", "MT104", str(target))
    assert target.read_text(encoding="utf-8") == (
        "# Title\n\nThe plan was called “historic” by the [minister](http://x.example).\n")


def test_html_fix_keeps_markup_and_skips_spans_holding_tags(tmp_path):
    target = tmp_path / "a.html"
    source = ("<p>The plan was called &ldquo; historic&rdquo; by the minister.</p>\n"
              "<p>It was called “<b> </b>great” too.</p>\n")
    target.write_text(source, encoding="utf-8")
    result = run("check", "--fix", "--select", "MT104", str(target))
    assert target.read_text(encoding="utf-8") == source.replace("&ldquo; ", "“", 1)
    assert "MT104 fix not applied: the span contains markup" in result.stderr


def test_jsonl_fix_rewrites_only_the_field_of_that_item(tmp_path):
    target = tmp_path / "feed.jsonl"
    lines = [
        '{"id": "a1", "text": "The plan was called \\u201c historic\\u201d by the minister.", "n": 1.50}',
        '{"id":"a2","text":"Nothing to fix here.","x":[1, 2]}',
        '{"id":"a3","title":"T","text":"It was called “ great” by “ all”.","x":[1, 2]}',
    ]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("check", "--fix", "--select", "MT104", str(target))
    assert result.exit_code == 0, result.output
    out = target.read_text(encoding="utf-8").split("\n")
    assert out[0] == ('{"id": "a1", "text": "The plan was called \\u201chistoric\\u201d by the minister.", '
                      '"n": 1.50}')
    assert out[1] == lines[1]
    assert out[2] == '{"id":"a3","title":"T","text":"It was called “great” by “all”.","x":[1, 2]}'


def test_rss_feeds_are_not_fixed_in_place(tmp_path):
    target = tmp_path / "feed.rss"
    body = ("<?xml version='1.0'?><rss><channel><item><guid>1</guid><title>T</title>"
            "<description>The plan was called “ historic” by the minister.</description></item>"
            "</channel></rss>\n")
    target.write_text(body, encoding="utf-8")
    result = run("check", "--fix", str(target))
    assert "fixing RSS/Atom feeds is not supported" in result.stderr
    assert target.read_text(encoding="utf-8") == body


def test_fixer_is_idempotent_in_memory():
    f = fixer()
    first = f.fix_bytes("a.txt", (SPACED * 3).encode("utf-8"))
    assert first.fixed == 3 and first.changed
    second = f.fix_bytes("a.txt", first.after)
    assert not second.changed and second.fixed == 0


def test_fixes_that_undo_each_other_stop_and_are_reported(monkeypatch):
    import qa.runner
    from qa.engine import FileResult

    def flip(doc, settings, timed=False):
        word = "ping" if "ping" in doc.original else "pong"
        start = doc.original.index(word)
        f = finding(start, start + 4, suggestion="pong" if word == "ping" else "ping", text=word)
        return FileResult(doc.path, 1, [f], source_text=doc.original)

    monkeypatch.setattr(qa.runner, "lint", flip)
    outcome = fixer().fix_bytes("a.txt", b"say ping\n")
    assert outcome.after == b"say pong\n" and outcome.fixed == 1
    assert [n.reason for n in outcome.not_applied] == ["fixes did not settle"]


def test_cp1252_file_is_fixed_in_cp1252(tmp_path):
    target = tmp_path / "a.txt"
    raw = "Café crème: the plan was called “ historic” by the minister.\r\n".encode("cp1252")
    target.write_bytes(raw)
    result = run("check", "--fix", "--select", "MT1", str(target))
    assert "fixed 1 finding" in result.stderr
    assert target.read_bytes() == raw.replace(b"\x93 ", b"\x93")
