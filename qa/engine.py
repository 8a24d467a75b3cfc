"""The engine: select rules → run them on a Document → filter → sort."""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable, Iterator, Optional

from .document import Document
from .finding import Finding, Hit, Severity
from .lexicon import load_table
from .pack import Pack, corpora_root, get_pack
from .rules import Rule, resolve
from .windows import WINDOW, window_bounds


class RuleError(RuntimeError):
    """A rule crashed: the message names the rule and the input (exit code 3)."""


#: How long one document's rules may run, in seconds plus seconds per character, before the
#: rule at work is stopped with a RuleError: a backstop against a regular expression that
#: backtracks without end. Linear rules use a small fraction of it.
RULE_SECONDS, RULE_SECONDS_PER_CHAR = 60.0, 2e-4
#: The key of ``FileResult.timings`` for the segmentation (paragraphs, sentences, quotations) rules share.
SEGMENTATION = "(segmentation)"


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    """Raise TimeoutError after ``seconds`` (in the main thread, when SIGALRM is not in use)."""
    if not (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)):
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds:.0f} s")

    signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


@dataclass(frozen=True)
class Settings:
    """Everything that decides what a run reports (built by ``qa.config``)."""

    lang: str = "fr-en"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    min_confidence: float = 0.5
    lexicons: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: Language identification: ``marked`` (only spans a marker pass flags) or ``all`` paragraphs.
    langid: str = "marked"

    @property
    def auto(self) -> bool:
        """``auto-<tgt>``: the source language is guessed for each document from its residues."""
        return self.lang.startswith("auto-")

    @property
    def target_lang(self) -> str:
        return self.lang.split("-", 1)[1]

    def pack(self, text: Optional[str] = None) -> Pack:
        """The language pack; with ``auto-<tgt>``, the one whose residues ``text`` shows most."""
        if self.auto:
            from .langid import guess_pair

            return get_pack(guess_pair(text or "", self.target_lang)[0], self.lexicons)
        return get_pack(self.lang, self.lexicons)

    def rules(self) -> list[type[Rule]]:
        return _rules(self.select, self.ignore, self.target_lang)


@lru_cache(maxsize=64)
def _rules(select: tuple[str, ...], ignore: tuple[str, ...], target: str) -> list[type[Rule]]:
    return resolve(select, ignore, target)


@lru_cache(maxsize=None)
def measured_precision() -> dict[str, float]:
    """Per-rule precision measured on the gold sets (``corpora/precision.tsv``)."""
    path = corpora_root() / "precision.tsv"
    if not path.is_file():
        return {}
    return {r["rule"]: float(r["precision"]) for r in load_table(path, ("rule", "precision", "note"))}


@lru_cache(maxsize=None)
def _instance(rule: type[Rule]) -> Rule:
    return rule()


def rule_confidence(rule: type[Rule]) -> float:
    return measured_precision().get(rule.code, rule.confidence)


def to_finding(doc: Document, rule: type[Rule], hit: Hit, severity: Severity) -> Finding:
    start = doc.offsets.start(hit.start)
    end = max(doc.offsets.end(hit.end), start)
    line, column = doc.line_col(start)
    base = rule_confidence(rule)
    confidence = min(base, hit.confidence) if hit.confidence is not None else base
    return Finding(
        rule=rule.code, name=rule.name, category=rule.category, severity=severity,
        start=start, end=end, line=line, column=column, text=doc.original[start:end],
        message=hit.message, suggestion=hit.suggestion, fix=hit.fix,
        confidence=confidence, group=hit.group,
        source=doc.source_at(hit.start) if doc.alignment else None,
    )


def run_rules(doc: Document, settings: Settings, spent: Optional[dict[str, float]] = None) -> list[Finding]:
    """All findings of the selected rules on ``doc``, before confidence filtering.

    With ``spent``, each rule's CPU seconds are added to ``spent[code]``, and the segmentation
    the rules share to ``spent[SEGMENTATION]`` (done first, so no rule is charged for it).
    A monolingual article longer than ``WINDOW`` is checked a window at a time (``qa.windows``)."""
    doc.options.setdefault("langid", settings.langid)
    if len(doc.text) <= WINDOW or doc.alignment:
        findings = _run_window(doc, doc, 0, settings, spent)
    else:
        findings = {}
        for start, end in window_bounds(doc.text):
            findings.update(_run_window(doc.window(start, end), doc, start, settings, spent))
    return sorted(findings.values(), key=lambda f: f.sort_key)


def _run_window(part: Document, doc: Document, shift: int, settings: Settings,
                spent: Optional[dict[str, float]]) -> dict[tuple, Finding]:
    """The findings of the rules run on ``part``, which begins at ``shift`` in ``doc``'s text."""
    findings: dict[tuple, Finding] = {}
    rule: Optional[type[Rule]] = None
    clock = time.process_time
    try:
        with _watchdog(RULE_SECONDS + RULE_SECONDS_PER_CHAR * len(part.text)):
            if spent is not None:
                began = clock()
                _ = part.sentences, part.quotations
                spent[SEGMENTATION] = spent.get(SEGMENTATION, 0.0) + clock() - began
            for rule, instance, severity, overridden in _prepared(settings):
                began = clock() if spent is not None else 0.0
                try:
                    hits = list(instance.check(part))
                except TimeoutError:
                    raise
                except Exception as exc:  # a broken rule must name itself and the input
                    raise RuleError(f"rule {rule.code} ({rule.name}) failed on {doc.path}: "
                                    f"{type(exc).__name__}: {exc}") from exc
                for hit in hits:
                    if shift:
                        hit = replace(hit, start=hit.start + shift, end=hit.end + shift)
                    sev = severity if overridden else (hit.severity or severity)
                    f = to_finding(doc, rule, hit, sev)
                    findings.setdefault((f.start, f.end, f.rule), f)
                if spent is not None:
                    spent[rule.code] = spent.get(rule.code, 0.0) + clock() - began
    except TimeoutError as exc:  # the regex module's timeout, or the watchdog's
        named = f"{rule.code} ({rule.name})" if rule else "?"
        raise RuleError(f"rule {named} timed out on {doc.path}: {exc} "
                        f"(a regular expression that backtracks without end?)") from exc
    return findings


def _prepared(settings: Settings) -> tuple[tuple[type[Rule], Rule, Severity, bool], ...]:
    """The selected rules with their instance, severity and whether configuration set it."""
    return _prepare(tuple(settings.rules()), settings.severity)


@lru_cache(maxsize=64)
def _prepare(rules: tuple[type[Rule], ...], severity: tuple[tuple[str, str], ...]
             ) -> tuple[tuple[type[Rule], Rule, Severity, bool], ...]:
    overrides = dict(severity)
    return tuple((rule, _instance(rule), Severity(overrides.get(rule.code, overrides.get(rule.name, rule.severity.value))),
                  rule.code in overrides or rule.name in overrides) for rule in rules)


def check_document(doc: Document, settings: Settings, spent: Optional[dict[str, float]] = None) -> list[Finding]:
    """Findings at or above ``min_confidence``, sorted by position (``spent``: see ``run_rules``)."""
    return [f for f in run_rules(doc, settings, spent) if f.confidence >= settings.min_confidence]


@dataclass
class FileResult:
    """One linted article: a file, or one item of a feed."""

    path: str
    words: int
    findings: list[Finding]
    item: Optional[dict] = None
    source_text: str = field(default="", repr=False)
    notices: list[str] = field(default_factory=list)
    #: The language pair guessed for this article under ``--lang auto-<tgt>`` (None otherwise).
    lang: Optional[str] = None
    #: CPU seconds by rule code (and ``SEGMENTATION``) when the run was timed (``--timings``).
    timings: Optional[dict[str, float]] = field(default=None, repr=False)

    @property
    def points(self) -> int:
        return sum(f.severity.points for f in self.findings)

    @property
    def penalty(self) -> float:
        return self.points * 1000 / max(self.words, 1)

    @property
    def quality(self) -> float:
        return max(0.0, 100.0 - self.penalty)


def lint(doc: Document, settings: Settings, timed: bool = False) -> FileResult:
    """``doc``'s result; ``timed`` records the CPU time of each rule in ``FileResult.timings``."""
    notices = []
    if doc.pack is None and settings.auto:
        from .langid import describe, guess_pair

        pair, evidence = guess_pair(doc.text, settings.target_lang)
        doc.pack = get_pack(pair, settings.lexicons)
        where = doc.path if not doc.item else f"{doc.path}#{doc.item['index']}"
        notices.append(f"{where}: --lang {settings.lang}: using {describe(pair, evidence)}")
    elif doc.pack is None:
        doc.pack = settings.pack()
    spent: Optional[dict[str, float]] = {} if timed else None
    return FileResult(path=doc.path, words=doc.words, findings=check_document(doc, settings, spent),
                      item=doc.item, source_text=doc.original, notices=notices,
                      lang=doc.pack.pair if settings.auto else None, timings=spent)


def lint_all(docs: Iterable[Document], settings: Settings) -> Iterable[FileResult]:
    for doc in docs:
        yield lint(doc, settings)
