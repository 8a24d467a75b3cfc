"""HTML and Markdown: keep the prose, drop the markup, map offsets back to the file.

Scripts, styles, comments, tags and attributes are never linted; block-level tags and
line breaks become paragraph breaks; entities are decoded. Suppression directives in
comments are read separately (``qa.suppress``).
"""
from __future__ import annotations

import html
from typing import Optional

import regex

from ..document import Document
from ..patterns import compiled
from ..textmap import TextBuilder

_BLOCK_TAGS = frozenset("""address article aside blockquote br dd div dl dt figcaption figure footer
form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul
title""".split())
# As in a browser, a comment, declaration or tag left open runs to the end of the input (the
# empty group ``open`` marks it), so no construct is scanned to the end once for every place
# it could start: the time stays linear.
_ATTRIBUTES = r"(?:[^>\"']|\"[^\"]*+(?:\"|(?P<open>)\Z)|'[^']*+(?:'|(?P<open>)\Z))*+(?:>|(?P<open>)\Z)"
_HTML_TOKEN = compiled(
    r"(?P<comment><!--.*?(?:-->|(?P<open>)\Z))"
    r"|(?P<raw><(?P<rawtag>script|style|noscript|template)\b" + _ATTRIBUTES
    + r"(?:.*?(?:</(?P=rawtag)\s*>|(?P<open>)\Z)))"
    r"|(?P<decl><![^>]*+(?:>|(?P<open>)\Z)|<\?.*?(?:\?>|(?P<open>)\Z))"
    r"|(?P<tag></?(?P<name>[a-zA-Z][\w:-]*)" + _ATTRIBUTES + ")"
    r"|(?P<entity>&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});)"
    r"|(?P<newline>\r\n|\r|\n)",
    regex.DOTALL | regex.IGNORECASE,
)


def _decode_entity(entity: str) -> str:
    decoded = html.unescape(entity)
    return decoded if decoded != entity else entity


def html_into(builder: TextBuilder, start: int, end: int) -> Optional[tuple[int, str]]:
    """Append the prose of original[start:end] (an HTML fragment) to ``builder``.

    Returns where a construct left open at the end starts and what it is (``comment``,
    ``<script>``, ``tag <p``), or None: what follows its start is markup, not prose.
    """
    source = builder.original
    pos = start
    left_open = None
    for m in _HTML_TOKEN.finditer(source, start, end):
        if m.group("open") is not None:
            left_open = (m.start(), _construct(m))
        if m.start() > pos:
            builder.copy(pos, m.start())
        kind = m.lastgroup
        if kind == "entity":
            builder.replace(m.start(), m.end(), _decode_entity(m.group()))
        elif kind == "newline":
            builder.replace(m.start(), m.end(), " ")
        elif kind == "tag" and m.group("name").lower() in _BLOCK_TAGS:
            builder.replace(m.start(), m.end(), "\n")
        else:
            builder.replace(m.start(), m.end(), "")
        pos = m.end()
    if pos < end:
        builder.copy(pos, end)
    return left_open


def _construct(m: regex.Match) -> str:
    """What an HTML token is, in words (``lastgroup`` may name the empty group ``open``)."""
    if m.group("raw") is not None:
        return f"<{m.group('rawtag').lower()}>"
    if m.group("tag") is not None:
        return f"tag <{m.group('name')}"
    return "comment" if m.group("comment") is not None else "declaration"


def read_html(text: str, path: str, item: Optional[dict] = None) -> tuple[Document, Optional[tuple[int, str]]]:
    """The Document of an HTML text and, when a construct left open swallows its end, the
    line where it starts and a message saying so."""
    builder = TextBuilder(text)
    left_open = html_into(builder, 0, len(text))
    linted, offsets = builder.build()
    doc = Document(text, text=linted, offsets=offsets, path=path, item=item)
    if left_open is None:
        return doc, None
    at, what = left_open
    line, column = doc.line_col(at)
    return doc, (line, f"{what} (column {column}) is never closed: the rest is markup, not checked")


def html_document(text: str, path: str, item: Optional[dict] = None) -> Document:
    return read_html(text, path, item)[0]


# -- Markdown -----------------------------------------------------------------------------
# Bracketed, parenthesised and tag-like spans stop at the next opening mark, so an unclosed one
# is given up after a short scan (an unclosed construct is text in Markdown).
_MD_TOKEN = compiled(
    r"(?P<comment><!--.*?(?:-->|\Z))"
    r"|(?P<fence>^[ \t]{0,3}(?:```|~~~)[^\n]*\n.*?(?:^[ \t]{0,3}(?:```|~~~)[ \t]*$|\Z))"
    r"|(?P<lead>^[ \t]{0,3}(?:\#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)+)"
    r"|(?P<rule>^[ \t]{0,3}(?:[-*_][ \t]*){3,}$)"
    r"|(?P<image>!\[[^\[\]\n]*\]\([^)\[\]\n]*\))"
    r"|(?P<linkend>\]\([^)\[\]\n]*\)|\]\[[^\[\]\n]*\])"
    r"|(?P<linkstart>\[(?=[^\[\]\n]*\](?:\(|\[)))"
    r"|(?P<code>(?<!`)`++[^`\n]+`+)"
    r"|(?P<autolink><(?:https?|mailto):[^<>\s]+>)"
    r"|(?P<tag></?[a-zA-Z][\w:-]*(?:[^<>\"']|\"[^<\"]*\"|'[^<']*')*+>)"
    r"|(?P<emph>(?<![\p{L}\p{N}])(?:\*\*|__|\*|_)(?=\S)|(?<=\S)(?:\*\*|__|\*|_)(?![\p{L}\p{N}]))"
    r"|(?P<entity>&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});)",
    regex.MULTILINE | regex.DOTALL,
)


def markdown_document(text: str, path: str) -> Document:
    builder = TextBuilder(text)
    pos = 0
    for m in _MD_TOKEN.finditer(text):
        if m.start() > pos:
            builder.copy(pos, m.start())
        if m.lastgroup == "entity":
            builder.replace(m.start(), m.end(), _decode_entity(m.group()))
        elif m.lastgroup == "code":
            builder.replace(m.start(), m.end(), "code")  # keeps the sentence readable
        else:
            builder.replace(m.start(), m.end(), "")
        pos = m.end()
    if pos < len(text):
        builder.copy(pos, len(text))
    linted, offsets = builder.build()
    return Document(text, text=linted, offsets=offsets, path=path)
