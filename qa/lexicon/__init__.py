"""Lexicons: TSV rows validated on load and compiled into fast matchers."""
from .load import LexiconError, Row, load_rows, load_table
from .compile import PatternLexicon

__all__ = ["LexiconError", "Row", "load_rows", "load_table", "PatternLexicon"]
