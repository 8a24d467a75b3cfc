"""mtlint: find the artifacts that machine translation leaves in English text.

Public API::

    from qa import check_text, check_documents
    findings = check_text("Russia said to herself “Deeply concerned”.")
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator, Mapping, Optional, Union

# Set before the imports below: importing them reads it (the disk cache is keyed by it).
__version__ = "0.1.0"

from .document import Document  # noqa: E402
from .engine import FileResult, Settings, check_document, lint  # noqa: E402
from .finding import CATEGORIES, Finding, Severity  # noqa: E402

__all__ = ["check_text", "check_documents", "Finding", "Severity", "CATEGORIES", "Document",
           "FileResult", "Settings", "__version__"]

Config = Union[Settings, Mapping[str, object], None]


def _settings(config: Config, lang: Optional[str]) -> Settings:
    if config is None:
        return _default_settings(lang)
    from .config import settings_from_mapping

    if isinstance(config, Settings):
        return config if lang is None else Settings(**{**config.__dict__, "lang": lang})
    mapping = dict(config)
    if lang is not None:
        mapping["lang"] = lang
    return settings_from_mapping(mapping)


@lru_cache(maxsize=16)
def _default_settings(lang: Optional[str]) -> Settings:
    """Validated once per language: ``check_text`` may be called for every item of a feed."""
    return _settings({}, lang)


def check_text(text: str, *, config: Config = None, lang: str = "fr-en") -> list[Finding]:
    """Findings for one plain-text article, sorted by position."""
    settings = _settings(config, lang)
    return check_document(Document(text, pack=settings.pack(text)), settings)


def check_documents(documents: Iterable[Union[str, Document]], *, config: Config = None,
                    lang: str = "fr-en") -> Iterator[FileResult]:
    """One FileResult per input, in input order; strings are read as plain-text articles.

    Results and findings are picklable, so this is the function to map over a partitioned
    corpus (Dask bag, Spark ``mapPartitions``).
    """
    settings = _settings(config, lang)
    for i, doc in enumerate(documents):
        if isinstance(doc, str):
            doc = Document(doc, path=f"<text {i + 1}>")
        yield lint(doc, settings)
