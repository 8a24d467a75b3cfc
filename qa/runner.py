"""A whole run: inputs → documents → filtered results, plus the exit code (DESIGN.md's table).

After the engine (rules and the confidence threshold), a finding can still be hidden by,
in order: ``per-file-ignores``, an inline suppression, an ignored word, the baseline.
Hidden findings do not count towards the penalty, the exit code or ``--fix``.
"""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional

from .bilingual import read_pair
from .config import RunConfig
from .document import Document
from .engine import FileResult, Settings, lint
from .finding import Finding, Severity
from .readers import InputProblem, Stdin, input_name_and_kind, kind_of, read_path, walk
from .suppress import codes_of, ignored_words, parse

if TYPE_CHECKING:  # a run without a baseline never imports it
    from .baseline import Baseline, Fingerprint

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
#: Readers whose documents may carry comment directives (plain text shows comments as prose).
_DIRECTIVE_KINDS = frozenset({"md", "html", "jsonl", "feed"})


@dataclass
class Outcome:
    results: list[FileResult] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)


@dataclass
class Checked:
    """One linted document: its shown findings (in ``result``), what was hidden, and their fingerprints."""

    doc: Document
    result: FileResult
    hidden: list[Finding]
    fingerprints: list[Fingerprint]

    @property
    def where(self) -> str:
        """``path``, or ``path#N`` for the N-th item of a feed."""
        return where(self.result.path, self.doc)


def where(path: str, doc: Document) -> str:
    return f"{path}#{doc.item['index']}" if doc.item else path


class Checker:
    """Lints documents with a run's configuration and applies the filters that follow the engine."""

    def __init__(self, config: RunConfig, baseline: Optional[Baseline] = None,
                 fingerprint_base: Optional[Path] = None, source: Optional[str] = None,
                 timed: bool = False) -> None:
        self.config = config
        #: Whether each result records the CPU time of every rule (``check --timings``).
        self.timed = timed
        #: A plain source file aligned with the (single, plain) target: ``check --source``.
        self.source = source
        self.settings: Settings = config.settings()
        self.per_file = config.get("per-file-ignores", ())
        self.field = config.get("field")
        self.ignored = ignored_words(config.get("ignore-words"))
        self.baseline = baseline
        #: Fingerprints are computed when a baseline is read or is to be written.
        self.fingerprint_base = baseline.base if baseline else fingerprint_base
        self.active = frozenset(r.code for r in self.settings.rules())

    def _ignored_here(self, path: str, finding: Finding) -> bool:
        candidates = {path, path.replace("\\", "/")}
        try:
            candidates.add(os.path.relpath(os.path.abspath(path), self.config.base).replace(os.sep, "/"))
        except ValueError:
            pass
        return any(finding.rule in codes_of(selector)
                   for glob, selectors in self.per_file
                   if any(fnmatch.fnmatch(c, glob) for c in candidates)
                   for selector in selectors)

    def check_docs(self, path: str, kind: str, docs: Iterable[Document]) -> Iterator[Checked]:
        """Lint and filter the documents of one input file (occurrences count per file)."""
        fingerprinter = None
        if self.fingerprint_base:
            from .baseline import Fingerprinter

            fingerprinter = Fingerprinter(self.fingerprint_base)
        for doc in docs:
            result = lint(doc, self.settings, self.timed)
            shown, hidden = [], []
            for f in result.findings:
                (hidden if self.per_file and self._ignored_here(path, f) else shown).append(f)
            if kind in _DIRECTIVE_KINDS and "mtlint-" in doc.original:
                directives = parse(doc)
                shown, suppressed = directives.apply(shown)
                hidden += suppressed
                result.notices += [f"{where(path, doc)}:{n}"
                                   for n in directives.problems + directives.unused(self.active)]
            if self.ignored:
                dropped = [self.ignored.matches(f) for f in shown]
                hidden += [f for f, d in zip(shown, dropped) if d]
                shown = [f for f, d in zip(shown, dropped) if not d]
            prints = fingerprinter(doc, shown) if fingerprinter and shown else []
            if self.baseline is not None and prints:
                new = [(f, p) for f, p in zip(shown, prints) if p not in self.baseline]
                hidden += [f for f, p in zip(shown, prints) if p in self.baseline]
                shown, prints = [f for f, _ in new], [p for _, p in new]
            result.findings = shown
            yield Checked(doc, result, hidden, prints)

    def iter_files(self, inputs: Iterable[tuple[str, bool]], stdin: Optional[Stdin] = None,
                   on_problem: Optional[Callable[[InputProblem], None]] = None
                   ) -> Iterator[tuple[str, Iterator[Checked]]]:
        """(path, its checked documents, lazily) for every input in order.

        Problems go to ``on_problem`` as they are met. Consume each file's documents before
        asking for the next file.
        """
        for path, named in inputs:
            name, kind = input_name_and_kind(path, stdin)
            yield path, self.check_docs(name, kind, self._documents(path, named, stdin, on_problem))

    def iter_documents(self, inputs: Iterable[tuple[str, bool]], stdin: Optional[Stdin] = None,
                       on_problem: Optional[Callable[[InputProblem], None]] = None
                       ) -> Iterator[tuple[str, Iterator[Document]]]:
        """(path, its documents, read lazily and not yet linted) for every input in order."""
        for path, named in inputs:
            yield path, self._documents(path, named, stdin, on_problem)

    def _documents(self, path: str, named: bool, stdin: Optional[Stdin],
                   on_problem: Optional[Callable[[InputProblem], None]]) -> Iterator[Document]:
        items = (read_pair(path, self.source) if self.source
                 else read_path(path, named=named, field=self.field, stdin=stdin))
        for item in items:
            if not isinstance(item, InputProblem):
                yield item
            elif on_problem:
                on_problem(item)


def iter_results(paths: list[str], config: RunConfig, stdin: Optional[Stdin] = None,
                 on_problem: Optional[Callable[[InputProblem], None]] = None) -> Iterator[FileResult]:
    """Lint every input in order; problems go to ``on_problem`` as they are met."""
    for _, checked in Checker(config).iter_files(walk(paths), stdin, on_problem):
        yield from (c.result for c in checked)


def iter_aligned_results(target: str, source: str, config: RunConfig,
                         on_problem: Optional[Callable[[InputProblem], None]] = None) -> Iterator[FileResult]:
    """Lint a plain target aligned with its plain source, which may run on past the target's
    last line (``eval --source``: a development split is the first lines of a parallel set)."""
    docs = []
    for item in read_pair(target, source, prefix=True):
        if not isinstance(item, InputProblem):
            docs.append(item)
        elif on_problem:
            on_problem(item)
    yield from (c.result for c in Checker(config).check_docs(target, "txt", docs))


def estimate_articles(path: str) -> int:
    """A cheap guess of how many articles an input holds (feed items or 1), for progress bars."""
    kind = kind_of(path)
    if kind not in ("jsonl", "feed"):
        return 1
    needles = (b"\n",) if kind == "jsonl" else (b"<item", b"<entry")
    count, tail = 0, b""
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):  # in chunks: a feed may be larger than memory
                data = tail + chunk
                count += sum(data.count(n) for n in needles)
                tail = data[-5:]
                count -= sum(tail.count(n) for n in needles)
    except OSError:
        return 1
    return max(1, count + sum(tail.count(n) for n in needles))


def exit_code(outcome: Outcome, fail_on: str = "minor", max_penalty: Optional[float] = None) -> int:
    if any(p.error for p in outcome.problems):
        return EXIT_INPUT
    threshold = Severity(fail_on).rank
    for result in outcome.results:
        if any(f.severity.rank >= threshold for f in result.findings):
            return EXIT_FINDINGS
        if max_penalty is not None and result.penalty > max_penalty:
            return EXIT_FINDINGS
    return EXIT_OK
