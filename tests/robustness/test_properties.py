"""Properties that hold for any text (hypothesis; the long campaign is ``scripts/fuzz.py``).

- Every reader and every output format take arbitrary Unicode (combining marks, right-to-left
  text, emoji, NUL, lone surrogates from JSON escapes) without an exception.
- Every finding's offsets lie inside the text, ``text == source[start:end]``, and its line and
  column agree with its start.
- Fixing is idempotent, changes nothing outside the spans it was given, and never leaves
  more findings than it found.
"""
from __future__ import annotations

import json
from html import escape
from xml.sax.saxutils import escape as xml_escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa.config import RunConfig
from qa.document import Document
from qa.engine import FileResult, lint
from qa.fix import Encoded, Fixer
from qa.readers import InputProblem, read_bytes
from qa.report import FORMATS, RunResult, render
from qa.runner import Checker

from .oracles import outside, position

#: Pieces that make rules fire and readers work, mixed with arbitrary text.
PIECES = [
    "The minister said", " \u201cDeeply concerned\u201d ", " \u00ab historique \u00bb ", "3,5 %", "M. Macron ",
    "Russia said to herself", "l'accord de Paris ", "\r\n", "\n\n", "\r", " ", "\u00a0", "e\u0301", "\u202f",
    "\u200f\u05e9\u05dc\u05d5\u05dd\u200e", "\u0627\u0644\u0633\u0644\u0627\u0645", "\U0001F600\u200d\U0001F4A5",
    "\x00", "\x1b[2J", "\u00c3\u00a9", "\u2019", "\u2014", "...", "Read also: the rest\n", "<p>", "</p>", "&amp;",
    "&#x1F600;", "<!--", "-->", "**", "[a](b)", "`", "#", "\t", "I ", ".", ",", '"', "'", "Vladimir Poutine",
    "\ufeff", "\ufffd", "\u0301\u0301", "A", "a ", "-", "1,000", "12 000", "1er",
]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=24).map("".join)
BUDGET = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CONFIG = RunConfig()
SETTINGS = CONFIG.settings()


def inputs(text: str) -> list[tuple[str, str, bytes]]:
    """(file name, reader, bytes) for ``text`` in every input format."""
    cell = " ".join(text.replace("\t", " ").split("\n"))
    surrogate = json.dumps({"id": "s", "text": text + "\ud83d"})  # a lone surrogate, escaped
    return [
        ("a.txt", "txt", text.encode()),
        ("a.md", "md", text.encode()),
        ("a.html", "html", text.encode()),
        ("a.jsonl", "jsonl", (json.dumps({"id": "x", "text": text}) + "\n" + surrogate + "\n" + text).encode()),
        ("a.rss", "feed", (f"<rss><channel><item><title>T</title><description>{xml_escape(text)}"
                           "</description></item></channel></rss>").encode()),
        ("b.rss", "feed", text.encode()),
        ("a.tsv", "bilingual", f"source\ttarget\nLe texte.\t{cell}\n".encode()),
        ("a.xlf", "bilingual", ('<xliff version="1.2"><file source-language="fr" target-language="en"><body>'
                                f'<trans-unit id="1"><source>Le texte.</source><target>{escape(text)}</target>'
                                "</trans-unit></body></file></xliff>").encode()),
        ("a.po", "bilingual", f'msgid "Le texte."\nmsgstr {json.dumps(text)}\n'.encode()),
    ]


def documents(text: str) -> list[Document]:
    out = []
    for name, kind, raw in inputs(text):
        out += [d for d in read_bytes(raw, name, kind) if not isinstance(d, InputProblem)]
    return out


@BUDGET
@given(TEXT)
def test_every_reader_and_format_takes_any_text(text):
    results: list[FileResult] = []
    problems = []
    for name, kind, raw in inputs(text):
        for item in read_bytes(raw, name, kind):
            if isinstance(item, InputProblem):
                problems.append(item)
            else:
                results.append(lint(item, SETTINGS))
    run = RunResult(results, problems=problems, version="test")
    for fmt in FORMATS:
        page = render(fmt, run)
        page.encode("utf-8", "backslashreplace")  # what the command line writes


@BUDGET
@given(TEXT)
def test_findings_point_at_their_text(text):
    for doc in documents(text):
        for f in lint(doc, SETTINGS).findings:
            assert 0 <= f.start <= f.end <= len(doc.original), f
            assert doc.original[f.start:f.end] == f.text, f
            assert (f.line, f.column) == position(doc.original, f.start), f


def fixed(name: str, raw: bytes, passes: int = 8):
    """The outcome of fixing ``raw`` (safe and unsafe fixes) in at most ``passes`` passes."""
    return Fixer(Checker(CONFIG), unsafe=True, max_passes=passes).fix_bytes(name, raw)


def count(outcome) -> int:
    return sum(len(c.result.findings) for c in outcome.checked)


@BUDGET
@given(TEXT, st.sampled_from(["a.txt", "a.md", "a.html"]))
def test_one_fixing_pass_changes_only_flagged_spans(text, name):
    flagged = fixed(name, text.encode(), passes=0)  # checked, nothing applied
    one = fixed(name, text.encode(), passes=1)
    if not one.changed:  # nothing fixed (or bytes that are not text)
        return
    before, after = Encoded.decode(text.encode()).text, Encoded.decode(one.after).text  # a BOM is not text
    spans = [(f.start, f.end) for c in flagged.checked for f in c.result.findings]
    pos = 0
    for piece in outside(before, spans):  # everything outside the flagged spans is kept, in order
        found = after.find(piece, pos)
        assert found >= 0, (piece, after)
        pos = found + len(piece)


@BUDGET
@given(TEXT, st.sampled_from(["a.txt", "a.md", "a.html", "a.jsonl"]))
def test_fixing_is_idempotent_and_never_adds_findings(text, name):
    raw = (json.dumps({"text": text}) + "\n").encode() if name.endswith(".jsonl") else text.encode()
    once = fixed(name, raw)
    assert fixed(name, once.after).after == once.after  # a second fix changes nothing
    assert count(once) <= count(fixed(name, raw, passes=0))
