"""Bilingual inputs: aligned readers and the alignment model.

- A bilingual file (two-column TSV, XLIFF 1.2/2.x, TMX, gettext PO) given alone: its targets
  are linted, each aligned with its source (``read_bilingual``).
- A plain target with a plain source (``mtlint check TARGET --source SOURCE``), aligned by
  line or by paragraph (``read_pair``).

Either way the result is one Document per file whose ``alignment`` pairs each target segment
with its source text and whose findings point into the original file (see ``model``).
"""
from __future__ import annotations

import os
from typing import Iterator, Optional

from ..document import Document
from .model import AlignmentError, BilingualFile, Segment
from .plain import align_plain, first_lines, line_count

__all__ = ["AlignmentError", "BilingualFile", "Segment", "BILINGUAL_EXTENSIONS", "WALKED_EXTENSIONS",
           "parse_bilingual", "read_bilingual", "read_pair", "align_plain", "is_bilingual"]

#: File extension → bilingual format.
BILINGUAL_EXTENSIONS = {".tsv": "tsv", ".tab": "tsv", ".xlf": "xml", ".xliff": "xml", ".sdlxliff": "xml",
                        ".tmx": "xml", ".po": "po", ".pot": "po"}
#: The bilingual extensions a directory walk picks up. A TSV file is read as bilingual only when
#: named on the command line, since folders hold TSV data of other shapes (mtlint's own lexicons
#: among them); a PO template (.pot) holds no translation to check.
WALKED_EXTENSIONS = frozenset({".xlf", ".xliff", ".sdlxliff", ".tmx", ".po"})


def is_bilingual(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in BILINGUAL_EXTENSIONS


def parse_bilingual(text: str, path: str, target_lang: Optional[str] = None) -> BilingualFile:
    """Parse a decoded bilingual file (format chosen by extension); AlignmentError if it cannot be read."""
    kind = BILINGUAL_EXTENSIONS.get(os.path.splitext(path)[1].lower())
    if kind == "tsv":
        from .tsv import read_tsv

        return read_tsv(text, path)
    if kind == "po":
        from .po import read_po

        return read_po(text, path)
    if kind == "xml":
        from .xmlformats import read_xml

        return read_xml(text, path, target_lang)
    raise AlignmentError(f"not a bilingual format: {path}")


def read_bilingual(text: str, path: str, decode_error: Optional[int] = None) -> Iterator:
    """The Document of a decoded bilingual file, or an InputProblem naming where it broke."""
    from ..readers import InputProblem

    try:
        parsed = parse_bilingual(text, path)
    except AlignmentError as exc:
        yield InputProblem(path, str(exc), exc.line)
        return
    if not parsed.segments:
        yield InputProblem(path, "no translated segment found: nothing to check", error=False)
        return
    doc = parsed.document()
    doc.decode_error = decode_error
    yield doc


def read_pair(target_path: str, source_path: str, prefix: bool = False) -> Iterator:
    """The Document of a plain target aligned with a plain source, or InputProblems.

    With ``prefix``, the target may be the first lines of a longer parallel text (a development
    split of a test set): a source with more lines is cut to the target's line count, and a
    notice says so.
    """
    from ..readers import InputProblem, kind_of, read_path

    for path in (target_path, source_path):
        if kind_of(path) != "txt":
            yield InputProblem(path, "--source pairs two plain-text files; a bilingual file (TSV, XLIFF, "
                                     "TMX, PO) carries its own source and is checked alone")
            return
    target = list(read_path(target_path))
    source = list(read_path(source_path))
    problems = [p for p in target + source if not isinstance(p, Document)]
    if problems:
        yield from problems
        return
    doc, src = target[0], source[0]
    source_text = src.text
    if prefix and line_count(src.text) > line_count(doc.text):
        n = line_count(doc.text)
        source_text = first_lines(src.text, n)
        yield InputProblem(source_path, f"only its first {n} lines (as many as the target has) are "
                                        f"aligned, of {line_count(src.text)}", error=False)
    try:
        doc.alignment = align_plain(doc.text, source_text)
    except AlignmentError as exc:
        yield InputProblem(target_path, f"{exc} (source: {source_path})")
        return
    yield doc
