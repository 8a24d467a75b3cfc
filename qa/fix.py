"""Fixes: apply findings' suggestions to the input file, safely.

- Only shown findings are fixed (at or above the confidence threshold, not suppressed,
  ignored or baselined); ``safe`` fixes always, ``unsafe`` ones on request.
- Overlapping fixes are resolved deterministically: the earliest start wins, then the
  longer span, then the rule code; the loser is reported as not applied. Findings sharing
  a ``group`` are fixed together or not at all.
- A fix can reveal or reposition another, so the text is re-checked and fixed again until
  no fix applies (a bounded number of passes): a second ``--fix`` then changes nothing.
- Edits are spliced into the file's bytes, so every untouched byte (encoding, BOM, line
  endings) stays as it was; a JSONL item gets only its text field's JSON string replaced.
- A bilingual file (XLIFF, TMX, PO, two-column TSV) gets its edits inside the target text of
  one unit, escaped for the format; the source side and all markup stay as they were. With
  ``--source``, a fix that would add or remove a line break is refused, so that each pass can
  align the target with its source again.
- Writing is atomic (a temporary file in the same folder, then ``os.replace``), keeps the
  file's permissions, and never happens when the file changed since it was read.
"""
from __future__ import annotations

import codecs
import difflib
import html
import json
import os
import stat
import tempfile
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from .bilingual import AlignmentError, Segment, align_plain, parse_bilingual
from .document import Document
from .finding import Finding
from .patterns import compiled
from .readers import InputProblem, kind_of, read_bytes, read_path
from .readers.decode import DecodeError, decode_bytes
from .readers.feeds import _LOOKS_HTML as FEED_ITEM_HTML
from .runner import Checked, Checker
from .textmap import TextBuilder

MAX_PASSES = 8
#: Characters that carry Markdown syntax: a span holding one, or a suggestion adding one, is left alone.
_MD_SYNTAX = compiled(r"[*_`<>\[\]]|^\s{0,3}(?:#|>|[-+]\s)")
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


class WriteError(Exception):
    """A fixed file could not be written; the original is left as it was."""


# -- bytes ↔ text ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Encoded:
    """A file's text and how to turn text offsets back into its bytes."""

    raw: bytes
    text: str
    encoding: str  # utf-8, cp1252 (the fallback for invalid UTF-8), utf-16-le or utf-16-be
    bom: bytes

    @classmethod
    def decode(cls, raw: bytes) -> "Encoded":
        text, bad = decode_bytes(raw)
        bom, encoding = next(((b, e) for b, e in _BOMS if raw.startswith(b)), (b"", "utf-8"))
        return cls(raw, text, "cp1252" if bad is not None else encoding, bom)

    def splice(self, edits: Iterable["Edit"]) -> bytes:
        """The file's bytes with ``edits`` (text offsets) applied; other bytes are copied."""
        out: list[bytes] = [self.bom]
        body = self.raw[len(self.bom):]
        char, byte = 0, 0
        for e in sorted(edits):
            start = byte + self._width(char, e.start)
            end = start + self._width(e.start, e.end)
            out += [body[byte:start], e.text.encode(self.encoding)]
            char, byte = e.end, end
        out.append(body[byte:])
        return b"".join(out)

    def _width(self, a: int, b: int) -> int:
        # The cp1252 fallback decodes one byte to one character (undecodable bytes become U+FFFD).
        return b - a if self.encoding == "cp1252" else len(self.text[a:b].encode(self.encoding))

    def can_write(self, text: str) -> bool:
        try:
            text.encode(self.encoding)
        except UnicodeEncodeError:
            return False
        return True


# -- planning --------------------------------------------------------------------------------
@dataclass(frozen=True, order=True)
class Edit:
    start: int
    end: int
    text: str


@dataclass
class Plan:
    """What to apply to one document, and the fixable findings left out (with the reason)."""

    applied: list[Finding] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    skipped: list[tuple[Finding, str]] = field(default_factory=list)


def fixable(finding: Finding, unsafe: bool) -> bool:
    return (finding.suggestion is not None and finding.suggestion != finding.text
            and (finding.fix == "safe" or (unsafe and finding.fix == "unsafe")))


def _overlap(a: Edit, b: Edit) -> bool:
    return a.start == b.start or (a.start < b.end and b.start < a.end)


def plan(findings: Iterable[Finding], *, unsafe: bool = False, hidden: Iterable[Finding] = (),
         replacement: Callable[[Finding], str | None] = lambda f: f.suggestion,
         refuse: Callable[[Finding], Optional[str]] = lambda f: None) -> Plan:
    """Choose the edits for one document's findings.

    ``replacement`` gives the text to write for a finding (escaped for the file's format); it
    is asked only about findings that ``refuse`` accepted (``refuse`` gives a reason why a
    finding cannot be written, or None).
    """
    hidden_groups = {(f.rule, f.group) for f in hidden if f.group is not None}
    units: dict[tuple, list[Finding]] = {}
    for f in findings:
        if fixable(f, unsafe):
            units.setdefault((f.rule, f.group) if f.group is not None else (f.rule, f.start, f.end), []).append(f)
    out = Plan()
    accepted: list[tuple[Edit, Finding]] = []
    order = sorted(units.items(), key=lambda kv: min((f.start, -(f.end - f.start), f.rule) for f in kv[1]))
    for key, members in order:
        members.sort(key=lambda f: f.start)
        reason = "part of its group is hidden" if key in hidden_groups else None
        reason = reason or next((r for r in map(refuse, members) if r), None)
        if reason is None:
            edits = [Edit(f.start, f.end, replacement(f) or "") for f in members]
            clash = next(((e, f) for e, f in accepted for mine in edits if _overlap(e, mine)), None)
            if clash:
                reason = f"overlaps the fix of {clash[1].rule} at {clash[1].line}:{clash[1].column}"
            elif any(_overlap(a, b) for i, a in enumerate(edits) for b in edits[i + 1:]):
                reason = "the edits of its group overlap"
        if reason:
            out.skipped += [(f, reason) for f in members]
            continue
        accepted += zip(edits, members)
        out.applied += members
        out.edits += edits
    return out


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with non-overlapping ``edits`` applied (right to left, so offsets stay valid)."""
    for e in sorted(edits, reverse=True):
        text = text[:e.start] + e.text + text[e.end:]
    return text


def shift(pos: int, edits: Iterable[Edit]) -> Optional[int]:
    """Where ``pos`` moves once ``edits`` are applied; None when an edit replaced it."""
    delta = 0
    for e in edits:
        if e.start <= pos < e.end:
            return None
        if e.end <= pos:  # an insertion at ``pos`` goes before it
            delta += len(e.text) - (e.end - e.start)
    return pos + delta


# -- format-aware replacements ---------------------------------------------------------------
def _format(kind: str, doc: Document) -> str:
    """txt, md or html: how a document's original text is written."""
    if kind in ("md", "html"):
        return kind
    if kind in ("jsonl", "feed") and FEED_ITEM_HTML.search(doc.original):  # the reader's own test
        return "html"
    return "txt"


def _replacement(fmt: str) -> Callable[[Finding], str | None]:
    if fmt == "html":
        return lambda f: html.escape(f.suggestion, quote=False) if f.suggestion is not None else None
    return lambda f: f.suggestion


def _refusal(fmt: str, enc: Encoded) -> Callable[[Finding], Optional[str]]:
    def refuse(f: Finding) -> Optional[str]:
        suggestion = f.suggestion or ""
        if fmt == "html" and "<" in f.text:
            return "the span contains markup"
        if fmt == "md" and (_MD_SYNTAX.search(f.text) or _MD_SYNTAX.search(suggestion)):
            return "the span or the suggestion holds Markdown syntax"
        if not enc.can_write(suggestion):
            return f"the suggestion cannot be written in {enc.encoding}"
        return None
    return refuse


_LINE_BREAK = compiled(r"\r\n|\r|\n")


def _keeping_lines(refuse: Callable[[Finding], Optional[str]]) -> Callable[[Finding], Optional[str]]:
    """``refuse``, also refusing a fix that adds or removes a line break (the source's alignment)."""
    def check(f: Finding) -> Optional[str]:
        if len(_LINE_BREAK.findall(f.text)) != len(_LINE_BREAK.findall(f.suggestion or "")):
            return "it would change the lines the source is aligned with"
        return refuse(f)
    return check


# -- bilingual files: write inside one target ---------------------------------------------------
class BilingualTargets:
    """Where a bilingual file's targets lie; a fix must stay inside one and is escaped for the format."""

    def __init__(self, doc: Document, enc: Encoded) -> None:
        self.file = parse_bilingual(doc.original, doc.path)
        self.segments = sorted(self.file.segments, key=lambda s: s.start)
        self._starts = [s.start for s in self.segments]
        self.enc = enc

    def _holding(self, f: Finding) -> Optional[Segment]:
        """The segment whose target holds the whole span, if any."""
        i = bisect_right(self._starts, f.start) - 1
        return self.segments[i] if i >= 0 and f.end <= self.segments[i].end else None

    def _text(self, start: int, end: int) -> str:
        """The target text of the file's ``start``–``end`` stretch, as rules see it."""
        builder = TextBuilder(self.file.original)
        self.file.decode(builder, start, end)
        return builder.build()[0]

    def refuse(self, f: Finding) -> Optional[str]:
        segment = self._holding(f)
        if segment is None:
            return "the span runs past the target text of its unit"
        if not (f.suggestion or "").strip() and not (self._text(segment.start, f.start)
                                                      + self._text(f.end, segment.end)).strip():
            # The source says it too (page furniture, say): an empty target would be a gap.
            return "it would leave its unit without a translation"
        if self.file.format.startswith(("xliff", "tmx")) and "<" in f.text:  # a tag, an inline code, CDATA
            return "the span contains inline markup"
        try:
            escaped = self.file.escape(f.suggestion or "")
        except ValueError as exc:  # a TSV cell cannot hold a tab or a line break
            return str(exc)
        if not self.enc.can_write(escaped):
            return f"the suggestion cannot be written in {self.enc.encoding}"
        return None

    def replacement(self, f: Finding) -> Optional[str]:
        return self.file.escape(f.suggestion) if f.suggestion is not None else None


# -- JSONL: replace one field's JSON string -------------------------------------------------
_NON_ASCII_ESCAPE = compiled(r"\\u(?:00[89a-fA-F][0-9a-fA-F]|0[1-9a-fA-F][0-9a-fA-F]{2}|[1-9a-fA-F][0-9a-fA-F]{3})")


_JSON_SPACE = compiled(r"[ \t\r\n]*")
_DECODER = json.JSONDecoder()


def _value_span(line: str, key: str) -> Optional[tuple[int, int]]:
    """Offsets of the JSON value of top-level ``key`` in a one-object ``line`` (the last one wins)."""
    ws = _JSON_SPACE
    pos = ws.match(line, 0).end()
    if line[pos:pos + 1] != "{":
        return None
    pos = ws.match(line, pos + 1).end()
    found = None
    while line[pos:pos + 1] == '"':
        name, pos = json.decoder.scanstring(line, pos + 1)
        pos = ws.match(line, pos).end() + 1  # the colon
        pos = ws.match(line, pos).end()
        _, end = _DECODER.raw_decode(line, pos)
        if name == key:
            found = (pos, end)
        pos = ws.match(line, end).end()
        if line[pos:pos + 1] != ",":
            break
        pos = ws.match(line, pos + 1).end()
    return found


def _json_string(value: str, original_token: str, line: str) -> str:
    """``value`` as a JSON string, escaping non-ASCII characters as the original line did."""
    for sample in (original_token, line):
        if _NON_ASCII_ESCAPE.search(sample):
            return json.dumps(value, ensure_ascii=True)
        if not sample.isascii():
            return json.dumps(value, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False)


def _line_starts(text: str) -> list[int]:
    """Start offset of each line as the JSONL reader numbers them (``str.splitlines``)."""
    starts, pos = [], 0
    for line in text.splitlines(keepends=True):
        starts.append(pos)
        pos += len(line)
    return starts


# -- the fixer --------------------------------------------------------------------------------
def _item_line(c: Checked) -> Optional[int]:
    """Which document of the file: a feed item's line (stable while fixing), None for a file."""
    return c.doc.item["line"] if c.doc.item else None


@dataclass
class NotApplied:
    where: str
    finding: Finding
    reason: str

    def __str__(self) -> str:
        f = self.finding
        return f"{self.where}:{f.line}:{f.column}: {f.rule} fix not applied: {self.reason}"


@dataclass
class FilePlan:
    """One pass over a file: edits to its text, the same edits per document, and the bookkeeping."""

    edits: list[Edit] = field(default_factory=list)
    by_doc: dict[Optional[int], list[Edit]] = field(default_factory=dict)
    #: What the pass fixes; reported as not applied if the pass has to be abandoned.
    applied: list[NotApplied] = field(default_factory=list)
    skipped: list[NotApplied] = field(default_factory=list)


@dataclass
class FixOutcome:
    """One file after fixing: what changed, what was left, and whether it was written."""

    path: str
    before: bytes
    after: bytes
    fixed: int = 0
    checked: list[Checked] = field(default_factory=list)
    not_applied: list[NotApplied] = field(default_factory=list)
    written: bool = False

    @property
    def changed(self) -> bool:
        return self.after != self.before

    def diff(self) -> str:
        """A unified diff of the file's text (empty when nothing changed)."""
        if not self.changed:
            return ""
        before = Encoded.decode(self.before).text.splitlines(keepends=True)
        after = Encoded.decode(self.after).text.splitlines(keepends=True)
        out = []
        for line in difflib.unified_diff(before, after, f"a/{self.path}", f"b/{self.path}"):
            out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
        return "".join(out)


class Fixer:
    """Fixes files with a Checker's view of what is shown."""

    def __init__(self, checker: Checker, unsafe: bool = False, max_passes: int = MAX_PASSES) -> None:
        self.checker = checker
        self.unsafe = unsafe
        self.max_passes = max_passes
        self._source: Optional[str] = None  # the text of ``--source``, read once

    def supports(self, path: str) -> bool:
        return kind_of(path) != "feed"

    def has_fixes(self, checked: Iterable[Checked]) -> bool:
        return any(fixable(f, self.unsafe) for c in checked for f in c.result.findings)

    def _check(self, raw: bytes, path: str, kind: str) -> list[Checked]:
        docs = [d for d in read_bytes(raw, path, kind, self.checker.field) if not isinstance(d, InputProblem)]
        if self.checker.source:  # each pass aligns the fixed target with its source again
            for doc in docs:
                try:
                    doc.alignment = align_plain(doc.text, self._source_text())
                except AlignmentError as exc:
                    raise WriteError(f"{path}: not written: once fixed, {exc}") from None
        return list(self.checker.check_docs(path, kind, docs))

    def _source_text(self) -> str:
        if self._source is None:
            (item,) = read_path(self.checker.source)
            if isinstance(item, InputProblem):
                raise WriteError(f"not written: the source cannot be read: {item}")
            self._source = item.text
        return self._source

    def _writer(self, kind: str, enc: Encoded, doc: Document
                ) -> tuple[Callable[[Finding], Optional[str]], Callable[[Finding], Optional[str]]]:
        """How a document's fixes are written: (replacement, refuse), as ``plan`` takes them."""
        if kind == "bilingual":
            targets = BilingualTargets(doc, enc)
            replacement, refuse = targets.replacement, targets.refuse
        else:
            fmt = _format(kind, doc)
            replacement, refuse = _replacement(fmt), _refusal(fmt, enc)
        return replacement, _keeping_lines(refuse) if self.checker.source else refuse

    def _plan(self, kind: str, enc: Encoded, checked: list[Checked], carried: set[tuple]) -> FilePlan:
        out = FilePlan()
        starts = _line_starts(enc.text) if kind == "jsonl" else []
        for c in checked:
            line = _item_line(c)
            held = [(line, f.rule, f.start, f.text) in carried for f in c.result.findings]
            replacement, refuse = self._writer(kind, enc, c.doc)
            p = plan([f for f, h in zip(c.result.findings, held) if not h], unsafe=self.unsafe,
                     hidden=c.hidden + [f for f, h in zip(c.result.findings, held) if h],
                     replacement=replacement, refuse=refuse)
            out.skipped += [NotApplied(c.where, f, reason) for f, reason in p.skipped]
            if not p.edits:
                continue
            edits = [self._jsonl_edit(enc.text, starts, c.doc, p.edits)] if kind == "jsonl" else p.edits
            if not all(enc.can_write(e.text) for e in edits):  # the item's whole text is written again
                reason = f"the item's text holds characters that cannot be written back in {enc.encoding}"
                out.skipped += [NotApplied(c.where, f, reason) for f in p.applied]
                continue
            out.applied += [NotApplied(c.where, f, "fixes did not settle") for f in p.applied]
            out.by_doc[line] = p.edits
            out.edits += edits
        return out

    @staticmethod
    def _jsonl_edit(text: str, starts: list[int], doc: Document, edits: list[Edit]) -> Edit:
        """The file edit that replaces the item's text field by its fixed value."""
        number = doc.item["line"]
        begin = starts[number - 1]
        line = text[begin:starts[number] if number < len(starts) else len(text)].splitlines()[0]
        span = _value_span(line, doc.item["field"])
        if span is None:  # the reader parsed this line, so the field is there
            raise ValueError(f"{doc.path}:{doc.item['line']}: field {doc.item['field']!r} not found")
        token = line[span[0]:span[1]]
        value = apply_edits(doc.original, edits)
        return Edit(begin + span[0], begin + span[1], _json_string(value, token, line))

    def fix_bytes(self, path: str, raw: bytes, kind: Optional[str] = None) -> FixOutcome:
        """Fix ``raw`` (the content of ``path``) in memory, pass after pass, until nothing applies."""
        kind = kind or kind_of(path)
        outcome = FixOutcome(path, raw, raw)
        carried: set[tuple] = set()  # hidden findings, in the current text's offsets
        seen = {raw}
        for _ in range(self.max_passes + 1):
            try:
                enc = Encoded.decode(outcome.after)
            except DecodeError:  # not text (it may have changed since it was checked): nothing to fix
                return outcome
            outcome.checked = self._check(outcome.after, path, kind)
            for c in outcome.checked:  # what a pass hides stays hidden once edits move it
                carried |= {(_item_line(c), f.rule, f.start, f.text) for f in c.hidden}
            p = self._plan(kind, enc, outcome.checked, carried)
            outcome.not_applied = p.skipped
            if not p.edits:
                return outcome
            new = enc.splice(p.edits)
            if new in seen or len(seen) > self.max_passes:  # fixes that undo each other, or never end
                outcome.not_applied += p.applied
                return outcome
            carried = {(line, rule, moved, text) for line, rule, start, text in carried
                       if (moved := shift(start, p.by_doc.get(line, []))) is not None}
            seen.add(new)
            outcome.after = new
            outcome.fixed += len(p.applied)
        return outcome

    def fix_path(self, path: str, write: bool = True) -> FixOutcome:
        """Fix one file; with ``write``, replace it atomically when something changed."""
        try:
            with open(path, "rb") as fh:
                raw = fh.read()
        except OSError as exc:
            raise WriteError(f"{path}: not written: cannot read it again: {exc.strerror or exc}") from None
        outcome = self.fix_bytes(path, raw)
        if write and outcome.changed:
            write_atomic(path, outcome.after, expected=raw)
            outcome.written = True
        return outcome


def write_atomic(path: str, data: bytes, expected: bytes) -> None:
    """Replace ``path`` by ``data`` unless its content is no longer ``expected``.

    The temporary file sits next to the target (so the rename stays on one file system),
    takes the target's permissions (and owner, where allowed), and is removed on failure.
    """
    target = os.path.realpath(path)  # replace the file a symlink points to, not the link
    folder = os.path.dirname(target) or "."
    try:
        st = os.stat(target)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".mtlint")
    except OSError as exc:
        raise WriteError(f"{path}: not written: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except (AttributeError, OSError):  # not permitted for other owners, absent on Windows
            pass
        with open(target, "rb") as fh:
            if fh.read() != expected:
                raise WriteError(f"{path}: not written: the file changed while it was being checked")
        os.replace(tmp, target)
    except WriteError:
        _remove(tmp)
        raise
    except OSError as exc:
        _remove(tmp)
        raise WriteError(f"{path}: not written: {exc.strerror or exc}; the original is unchanged") from None
    except BaseException:
        _remove(tmp)
        raise


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass

