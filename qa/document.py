"""Document: the text a rule sees, its segments and its normalised view.

Built once per text and shared by every rule: paragraphs (non-blank lines), sentences
(abbreviation-aware), quotations (paired across “ ” " " « » „ ‘ ’ with failures recorded),
the normalised view (’ ‘ ʼ → ', “ ” → ", no-break spaces → space; same offsets as ``text``)
and the maps from text offsets to the original input's offsets, lines and columns.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Iterator, Optional, Sequence

from .patterns import compiled
from .textmap import OffsetMap, plain

if TYPE_CHECKING:
    from .pack import Pack

# Typographic quotes and spaces → ASCII, one replace each: ``str.translate`` with a table
# looks every character up (~150 ns each), a replace scans in C.
_NORM_PAIRS = (
    ("\u2019", "'"), ("\u2018", "'"), ("\u02bc", "'"), ("\u201c", '"'), ("\u201d", '"'),
    ("\u00a0", " "), ("\u202f", " "), ("\u2007", " "), ("\u2009", " "),
)
# A word token: letters or digits, with inner apostrophes, dots or commas (it's, U.S, 3.5).
_WORD = compiled(r"[\p{L}\p{N}]+(?:[.,'\u2019][\p{L}\p{N}]+)*")
_LINE_BREAK = compiled(r"\r\n|\r|\n")
_LETTER_RUN = compiled(r"\p{L}+")
# A non-blank line, tried only at line starts (a long blank run must not be rescanned from each space).
_PARAGRAPH = compiled(r"(?<![^\r\n])(?=[^\S\r\n]*\S)[^\r\n]*")
# A candidate sentence end: terminal punctuation, optional closers, then white space.
# Possessive and tried only where a run of terminal marks begins, so a long run costs one pass.
_TERMINAL = r"(?<![.!?\u2026])[.!?\u2026]++[\"'\u201d\u2019\u00bb)\]]*+"
_SENT_END = compiled(_TERMINAL + r"(?=\s++(\S))")
# The same, found in the whole text: the white space and what follows stay on the line, as in
# one paragraph (``_SENT_END`` is searched paragraph by paragraph).
_SENT_END_IN_LINE = compiled(_TERMINAL + r"(?=[^\S\r\n]++\S)")
_TOKEN_BEFORE = compiled(r"(?r)(\S+)$")  # searched backwards: costs the token, not the sentence
# A capitalised word preceded by a letter or comma and a space: not a sentence or quote start.
# Only standalone ones count: in “Foreign Minister” the capital belongs to a title.
_MIDWORD_CAPITAL = compiled(r"(?<=[\p{Ll},] )\p{Lu}[\p{Ll}]+(?! \p{Lu})")
_INITIAL = compiled(r"^(?:\p{Lu}\.)+$|^\p{Lu}$")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quotation:
    """A paired quotation: ``start`` is the opening mark, ``end`` is just after the closing mark."""

    start: int
    end: int
    opening: str
    closing: str

    @property
    def inner(self) -> Span:
        return Span(self.start + 1, self.end - 1)


@dataclass(frozen=True, slots=True)
class QuoteProblem:
    """A quotation mark that could not be paired: ``kind`` is ``unmatched-open`` or ``unmatched-close``."""

    pos: int
    mark: str
    kind: str


OPENING = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c", "\u2018": "\u2019"}
CLOSING = {"\u201d", "\u00bb", "\u2019"}
DOUBLE_MARKS = "\u201c\u201d\u00ab\u00bb\u201e\""
_QUOTE_CHARS = compiled(r"[\u201c\u201d\u00ab\u00bb\u201e\"\u2018\u2019]")


class Document:
    """An input text ready for rules. ``text`` is what rules see; findings map back to ``original``."""

    def __init__(self, original: str, *, text: Optional[str] = None,
                 offsets: Optional[OffsetMap] = None, pack: "Optional[Pack]" = None,
                 path: str = "<text>", item: Optional[dict] = None,
                 alignment: Sequence[tuple["Span", str]] = ()) -> None:
        if text is None:
            text, offsets = plain(original)
        self.original = original
        self.text = text
        self.offsets = offsets or OffsetMap(None)
        self.pack = pack
        self.path = path
        self.item = item
        #: Aligned source segments: (span of ``text``, source text), in text order; empty for a
        #: monolingual input. Source-aware rules run only when it is not empty.
        self.alignment: list[tuple[Span, str]] = list(alignment)
        #: Offset (into ``original``) of the first byte that was not UTF-8, if any.
        self.decode_error: Optional[int] = None
        #: Run options rules may consult (``langid``: ``marked`` or ``all``), set by the engine.
        self.options: dict[str, str] = {}

    # -- views -------------------------------------------------------------------------
    @cached_property
    def norm(self) -> str:
        text = self.text
        for typographic, ascii_form in _NORM_PAIRS:
            if typographic in text:
                text = text.replace(typographic, ascii_form)
        return text

    @cached_property
    def letter_runs(self) -> list[str]:
        """The runs of letters of ``norm``, in order: one scan shared by the rules that count or
        compare words."""
        return _LETTER_RUN.findall(self.norm)

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in _LINE_BREAK.finditer(self.original)]

    def line_col(self, orig_offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of an offset into ``original``."""
        i = bisect_right(self._line_starts, orig_offset) - 1
        return i + 1, orig_offset - self._line_starts[i] + 1

    def text_offset(self, original: int) -> int:
        """The offset into ``text`` of an offset into ``original`` (the first character at or after it)."""
        lo, hi = 0, len(self.text)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.offsets.start(mid) < original:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def window(self, start: int, end: int) -> "Document":
        """``text[start:end]`` as a document of its own, with this one's pack, path, item and
        options; its offsets are relative to ``start`` (see ``qa.windows``)."""
        part = self.text[start:end]
        sub = Document(part, text=part, offsets=OffsetMap(None), pack=self.pack, path=self.path, item=self.item)
        sub.options = self.options
        at = self.decode_error_at()
        if at is not None and start <= at < end:
            sub.decode_error = at - start
        return sub

    def decode_error_at(self) -> Optional[int]:
        """Where in ``text`` the first byte that was not UTF-8 stands: the character it became,
        or, when the markup dropped it (an unclosed code fence), the last character of text
        before it that is not a space (a line break there has no column of its own)."""
        if self.decode_error is None or not self.text:
            return None
        at = self.text_offset(self.decode_error)
        if at < len(self.text) and self.offsets.start(at) == self.decode_error:
            return at  # the character the byte became
        at = min(at, len(self.text) - 1)
        while at > 0 and self.text[at].isspace():
            at -= 1
        return at

    @cached_property
    def words(self) -> int:
        # Counted in C without listing them (a 100 MB line would list every word).
        return _WORD.subn("", self.text)[1]

    # -- segments ----------------------------------------------------------------------
    @cached_property
    def paragraphs(self) -> list[Span]:
        return [Span(m.start(), m.end()) for m in _PARAGRAPH.finditer(self.text)]

    @cached_property
    def sentences(self) -> list[Span]:
        abbreviations = self.pack.abbreviations if self.pack else frozenset()
        # A paragraph holding no candidate end is one sentence (found in one scan of the text).
        split = {self.paragraph_index(m.start()) for m in _SENT_END_IN_LINE.finditer(self.text)}
        out: list[Span] = []
        for i, para in enumerate(self.paragraphs):
            if i in split:
                out.extend(_split_sentences(self.text, para, abbreviations))
            else:
                out.append(para)
        return out

    def sentence_at(self, pos: int) -> Span:
        sents = self.sentences
        i = self.sentence_index(pos)
        if i >= 0 and sents[i].start <= pos < sents[i].end:
            return sents[i]
        return Span(pos, pos)

    def sentence_index(self, pos: int) -> int:
        """The index of the last sentence starting at or before ``pos`` (-1 before the first)."""
        return bisect_right(self._sentence_starts, pos) - 1

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def paragraph_at(self, pos: int) -> Span:
        paras = self.paragraphs
        i = bisect_right(self._paragraph_starts, pos) - 1
        if i >= 0 and paras[i].start <= pos <= paras[i].end:
            return paras[i]
        return Span(pos, pos)

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_index(self, pos: int) -> int:
        """The index of the last paragraph starting at or before ``pos`` (-1 before the first):
        the one holding ``pos`` when it is no space."""
        return bisect_right(self._paragraph_starts, pos) - 1

    @cached_property
    def _quotes(self) -> tuple[list[Quotation], list[QuoteProblem]]:
        quotations: list[Quotation] = []
        problems: list[QuoteProblem] = []
        # Only the paragraphs holding a quotation mark (most hold none), found in one scan.
        for i in sorted({self.paragraph_index(m.start()) for m in _QUOTE_CHARS.finditer(self.text)}):
            q, p = _pair_quotes(self.text, self.paragraphs[i])
            quotations.extend(q)
            problems.extend(p)
        quotations.sort(key=lambda q: q.start)
        return quotations, problems

    @property
    def quotations(self) -> list[Quotation]:
        return self._quotes[0]

    @property
    def quote_problems(self) -> list[QuoteProblem]:
        return self._quotes[1]

    def quotation_after(self, pos: int) -> Optional[Quotation]:
        """The first quotation that opens at or after ``pos``, if any."""
        i = bisect_left(self._quote_starts, pos)
        return self.quotations[i] if i < len(self.quotations) else None

    def quotations_in(self, start: int, end: int) -> list[Quotation]:
        """The quotations that overlap [start, end), in order: those that enclose ``start`` (found
        as ``quotation_at`` finds them: quotations nest or stand apart), then those that open
        inside the span."""
        quotations, starts = self.quotations, self._quote_starts
        enclosing = []
        i = bisect_left(starts, start) - 1
        while i >= 0:
            if quotations[i].end > start:
                enclosing.append(quotations[i])
            i = self._ends_later[i]
        return enclosing[::-1] + quotations[bisect_left(starts, start):bisect_left(starts, end)]

    def quotation_at(self, pos: int) -> Optional[Quotation]:
        """The innermost quotation holding ``pos``, if any: the last one opened before it that
        ends after it (found by jumping back to ever later-ending ones, not by a scan)."""
        quotations = self.quotations
        i = bisect_left(self._quote_starts, pos) - 1
        while i >= 0 and quotations[i].end <= pos:
            i = self._ends_later[i]
        return quotations[i] if i >= 0 else None

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [q.start for q in self.quotations]

    @cached_property
    def _ends_later(self) -> list[int]:
        """For each quotation, the nearest one before it that ends later (-1 when there is none)."""
        quotations = self.quotations
        out: list[int] = []
        stack: list[int] = []  # quotations whose ends decrease from bottom to top
        for i, q in enumerate(quotations):
            while stack and quotations[stack[-1]].end <= q.end:
                stack.pop()
            out.append(stack[-1] if stack else -1)
            stack.append(i)
        return out

    @cached_property
    def proper_nouns(self) -> frozenset[str]:
        """Standalone capitalised words met inside a sentence (not first, not after a quote mark)."""
        from .rules.quotes import is_title_line

        starts = set(self._sentence_starts)
        names = set()
        titles: dict[int, bool] = {}  # by paragraph: only those holding a candidate are looked at
        # One scan of the text: a match never spans a line break, so each lies in a paragraph.
        for m in _MIDWORD_CAPITAL.finditer(self.text):
            if m.start() in starts:
                continue
            i = self.paragraph_index(m.start())
            if i not in titles:
                para = self.paragraphs[i]
                titles[i] = is_title_line(self.text[para.start:para.end])
            if not titles[i]:
                names.add(m.group())
        return frozenset(names)

    def source_at(self, pos: int) -> Optional[str]:
        """The source segment aligned with the target text at ``pos`` (None without alignment)."""
        i = bisect_right(self.alignment, pos, key=lambda pair: pair[0].start) - 1
        if i >= 0 and pos <= self.alignment[i][0].end:
            return self.alignment[i][1]
        return None

    def iter_sentences(self) -> Iterator[tuple[Span, str]]:
        for s in self.sentences:
            yield s, self.text[s.start:s.end]


def _split_sentences(text: str, para: Span, abbreviations: frozenset[str]) -> list[Span]:
    chunk = text[para.start:para.end]
    spans: list[Span] = []
    begin = 0
    for m in _SENT_END.finditer(chunk):
        nxt = m.group(1)
        if not (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in "\"'\u201c\u2018\u00ab([\u2022-\u2013\u2014*"):
            continue
        if m.group().startswith(".") and len(m.group()) == 1:
            before = _TOKEN_BEFORE.search(chunk, begin, m.start() + 1)
            token = before.group(1) if before else ""
            if token.lstrip("(\"'\u201c") in abbreviations or _INITIAL.match(token[:-1] or "x"):
                continue
        spans.append(Span(para.start + begin, para.start + m.end()))
        begin = m.end()
        while begin < len(chunk) and chunk[begin].isspace():
            begin += 1
    if begin < len(chunk):
        spans.append(Span(para.start + begin, para.end))
    return spans


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _after_sentence_end(text: str, pos: int, start: int) -> bool:
    """Whether only spaces stand between ``pos`` and a full stop, "!" or "?" before it."""
    at = pos - 1
    while at > start and text[at].isspace():
        at -= 1
    return text[at] in ".!?"


def _pair_quotes(text: str, para: Span) -> tuple[list[Quotation], list[QuoteProblem]]:
    """Pair quotation marks inside one paragraph with a stack; record what does not pair."""
    stack: list[tuple[int, str]] = []
    quotations: list[Quotation] = []
    problems: list[QuoteProblem] = []
    for m in _QUOTE_CHARS.finditer(text, para.start, para.end):
        pos, ch = m.start(), m.group()
        before = text[pos - 1] if pos > para.start else " "
        after = text[pos + 1] if pos + 1 < para.end else " "
        if ch in "\u2018\u2019":
            # Single marks: an apostrophe between letters (or after s) is no quotation mark.
            if _is_word(before) and (_is_word(after) or ch == "\u2019"):
                if not (stack and stack[-1][1] == "\u2018" and not _is_word(after)):
                    continue
            if ch == "\u2019" and not (stack and stack[-1][1] == "\u2018"):
                continue
            if ch == "\u2018" and _is_word(before):
                continue
        if ch == '"':
            # A straight mark closes an open straight quotation; otherwise it opens one,
            # unless it is glued to the word before and not to the word after.
            top = stack[-1][1] if stack else None
            if top == '"' and before.isspace() and after.isupper() and _after_sentence_end(text, pos, para.start):
                # "… in winter. He said … session. "They want …": a mark between sentences, before a
                # capital, opens a quotation; the one still open was never closed (not this mark's doing).
                problems.append(QuoteProblem(*stack.pop(), "unmatched-open"))
                opens = True
            elif top == '"' or (top == "\u201c" and not before.isspace() and not _is_word(after)):
                opens = False
            else:
                opens = not (_is_word(before) and not _is_word(after))
        elif ch == "\u201c" and stack and stack[-1][1] == "\u201e":
            opens = False
        elif ch == "\u201c" and stack and stack[-1][1] == "\u201c" and not before.isspace() \
                and not _is_word(after) and after != "\u2018":
            # “…“: an opening mark glued to the quotation's last word closes it (a conversion
            # that turned both guillemets into “); the pair's mismatch is reported.
            opens = False
        else:
            opens = ch in OPENING
        if opens:
            stack.append((pos, ch))
            continue
        match = None
        for i in range(len(stack) - 1, -1, -1):
            o = stack[i][1]
            if OPENING.get(o) == ch or (o in '"\u201c' and ch in '"\u201d\u201c') or (o == "\u201e" and ch in "\u201c\u201d"):
                match = i
                break
        if match is None:
            problems.append(QuoteProblem(pos, ch, "unmatched-close"))
            continue
        for p, o in stack[match + 1:]:
            problems.append(QuoteProblem(p, o, "unmatched-open"))
        opos, och = stack[match]
        del stack[match:]
        quotations.append(Quotation(opos, pos + 1, och, ch))
    for p, o in stack:
        if o != "\u2018":
            problems.append(QuoteProblem(p, o, "unmatched-open"))
    return quotations, problems
