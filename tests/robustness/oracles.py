"""Independent answers the robustness checks compare mtlint with (shared by the property tests
and ``scripts/fuzz.py``): written the slow, obvious way on purpose."""
from __future__ import annotations


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``, with \\r\\n, \\r and \\n as line breaks."""
    line, start, i = 1, 0, 0
    while i < offset:
        if text[i] == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
            i += 1
        if text[i] in "\r\n":
            line, start = line + 1, i + 1
        i += 1
    return line, offset - start + 1


def outside(before: str, spans: list[tuple[int, int]]) -> list[str]:
    """The stretches of ``before`` that no span covers, in order."""
    pieces, pos = [], 0
    for start, end in sorted(spans):
        if start > pos:
            pieces.append(before[pos:start])
        pos = max(pos, end)
    pieces.append(before[pos:])
    return pieces
