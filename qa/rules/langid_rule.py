"""MT51x: whole paragraphs in another language than the target, found by language identification."""
from __future__ import annotations

from typing import Iterator

from ..document import Document
from ..finding import Hit, Severity
from ..langid import paragraph_languages, words
from .base import Rule
from .quotes import is_title_line

#: Above this share of target-language function words a paragraph is at most mixed: a
#: translated paragraph quoting a foreign phrase, or a name langdetect mistook.
MAX_TARGET_FUNCTION_SHARE = 0.3


class ForeignParagraph(Rule):
    """A paragraph left in another language than the target (`--langid all`).

    **What it does**
    With `--langid all` (config `langid = "all"`), runs language identification on every
    paragraph and reports one whose language is not the target's: at least six words,
    a probability of at least 0.95, and few of the target's function words (headlines
    and lines in capitals are skipped: they mislead the identification). The message
    names the language found and its probability. With the default `--langid marked`,
    only the spans the untranslated rule's marker pass flags are identified, and this
    rule stays silent.

    **Why is this bad?**
    A paragraph the translation skipped (a caption, a quotation, a whole block the
    system failed on) is lost to the reader; it is often the only trace of an engine
    error, and nothing in the surrounding English gives it away.

    **Example**
    bad: The talks resumed on Monday.\\n[[Die Gespräche sollen am Freitag in Genf fortgesetzt werden.]]\\nThe minister left. => -
    good: The talks resumed on Monday in Geneva, the ministry said.
    good: He quoted Goethe: Über allen Gipfeln ist Ruh.

    **Fix safety**
    No fix: the paragraph has to be translated.
    """

    code = "MT510"
    name = "foreign-paragraph"
    category = "untranslated"
    severity = Severity.MAJOR
    fixable = "never"
    confidence = 0.9
    targets = ("en", "fr")
    example_settings = {"langid": "all"}

    def check(self, doc: Document) -> Iterator[Hit]:
        if doc.options.get("langid") != "all":
            return
        target = doc.pack.target_lang
        function_words = doc.pack.target_words("function_words")
        for found in paragraph_languages(doc):
            if not found.is_foreign(target):
                continue
            chunk = doc.text[found.span.start:found.span.end]
            if chunk.isupper() or is_title_line(chunk):
                continue  # capitals and title case mislead language identification
            tokens = words(chunk)
            share = sum(t.lower() in function_words for t in tokens) / len(tokens)
            if share > MAX_TARGET_FUNCTION_SHARE:
                continue
            yield Hit(found.span.start, found.span.end,
                      f"paragraph in another language ({found.lang}, probability {found.prob:.2f}), "
                      f"not {target}: translate it", None, "none")
