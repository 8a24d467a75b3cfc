"""Two plain files aligned by line, or else by paragraph (blocks between blank lines).

Line alignment is used when both files have the same number of lines, paragraph alignment
when they have the same number of paragraphs. Otherwise alignment fails with a message that
names the first place where the files diverge: the first paragraph pair whose lengths are
too far apart to be translations of each other, or else the last pair that still matched.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..document import Span
from ..patterns import compiled
from .model import AlignmentError

_LINE = compiled(r"[^\r\n]*(?:\r\n|\r|\n|$)")
#: Target/source length ratios beyond these mean the pair is not a translation of itself.
ABSURD_RATIO = (1 / 3, 3.0)
#: Pairs shorter than this (in characters) are too short for a length ratio to mean anything.
MIN_RATIO_LENGTH = 40


@dataclass(frozen=True, slots=True)
class Block:
    """A line or a paragraph: its span in the text and the 1-based line where it starts."""

    start: int
    end: int
    line: int


def _lines(text: str) -> list[Block]:
    out = []
    for number, m in enumerate(_LINE.finditer(text), 1):
        if m.start() == len(text) and out:
            break  # the empty match after a final line break is not a line
        body = m.group().rstrip("\r\n")
        out.append(Block(m.start(), m.start() + len(body), number))
    return out


def _paragraphs(lines: list[Block], text: str) -> list[Block]:
    """Runs of non-blank lines."""
    out: list[Block] = []
    current: list[Block] = []
    for block in lines + [Block(len(text), len(text), 0)]:
        if text[block.start:block.end].strip() and block.line:
            current.append(block)
        elif current:
            out.append(Block(current[0].start, current[-1].end, current[0].line))
            current = []
    return out


def _first_mismatch(tgt: list[Block], src: list[Block]) -> str:
    """The first paragraph pair too different in length to be a translation ('' when none)."""
    for i, (t, s) in enumerate(zip(tgt, src), 1):
        tl, sl = t.end - t.start, s.end - s.start
        if max(tl, sl) >= MIN_RATIO_LENGTH and not ABSURD_RATIO[0] <= tl / max(sl, 1) <= ABSURD_RATIO[1]:
            return (f"paragraph {i} is the first that does not match (target line {t.line}, "
                    f"{tl} characters; source line {s.line}, {sl} characters)")
    return ""


def _divergence(tgt: list[Block], src: list[Block]) -> str:
    mismatch = _first_mismatch(tgt, src)
    if mismatch:
        return mismatch
    n = min(len(tgt), len(src))
    if not n:
        return "one of the files has no text"
    return (f"the last paragraph both files have is {n} (target line {tgt[n - 1].line}, "
            f"source line {src[n - 1].line})")


def first_lines(text: str, n: int) -> str:
    """The first ``n`` lines of ``text``, with their line breaks (all of it when it has no more)."""
    lines = _lines(text)
    return text[:lines[n].start] if len(lines) > n else text


def line_count(text: str) -> int:
    return len(_lines(text))


def align_plain(target: str, source: str) -> list[tuple[Span, str]]:
    """(target span, source text) pairs for two plain texts; AlignmentError when they do not align."""
    tgt_lines, src_lines = _lines(target), _lines(source)
    if len(tgt_lines) == len(src_lines):
        pairs = zip(tgt_lines, src_lines)
    else:
        tgt_paras, src_paras = _paragraphs(tgt_lines, target), _paragraphs(src_lines, source)
        if len(tgt_paras) != len(src_paras):
            raise AlignmentError(
                f"target and source do not align: the target has {len(tgt_lines)} lines in "
                f"{len(tgt_paras)} paragraphs, the source {len(src_lines)} lines in {len(src_paras)} "
                f"paragraphs; {_divergence(tgt_paras, src_paras)}")
        # Paragraphs wrapped differently still align; paragraphs of absurd lengths do not.
        mismatch = _first_mismatch(tgt_paras, src_paras)
        if mismatch:
            raise AlignmentError(f"target and source do not align: the target has {len(tgt_lines)} lines, "
                                 f"the source {len(src_lines)}; {mismatch}")
        pairs = zip(tgt_paras, src_paras)
    # A blank target line faces nothing a rule could point at.
    return [(Span(t.start, t.end), source[s.start:s.end]) for t, s in pairs if target[t.start:t.end].strip()]
