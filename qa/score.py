"""Reference metrics: sacrebleu's BLEU, chrF (chrF++ on request) and TER against references.

The figures are sacrebleu's own: the same metric objects with their default settings, the
same reading of the files (one segment a line, trailing white space removed, as the
``sacrebleu`` command does), the same signatures, and sacrebleu's bootstrap resampling for
confidence intervals (seeded by ``SACREBLEU_SEED``, default 12345, like the command).

``mtlint score HYP --ref REF`` prints them; ``mtlint check --ref REF`` adds the corpus figures
of the checked target to its report. Penalty and quality (mtlint's own figures) live in
``qa.engine``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

#: The metrics, in the order reports show them.
METRICS = ("bleu", "chrf", "ter")


class ScoreError(ValueError):
    """Hypotheses and references that cannot be scored together (unreadable, different lengths)."""


@dataclass(frozen=True)
class CorpusScore:
    """One metric over the whole corpus, as sacrebleu reports it."""

    name: str  # BLEU, chrF2, chrF2++, TER
    score: float
    signature: str
    verbose: str  # sacrebleu's one-line rendering (with the confidence interval when bootstrapped)
    mean: Optional[float] = None  # bootstrap mean
    ci: Optional[float] = None  # bootstrap 95% half-width

    def to_json(self) -> dict:
        out = {"score": round(self.score, 4), "signature": self.signature, "verbose": self.verbose}
        if self.ci is not None:
            out.update(mean=round(self.mean, 4), ci=round(self.ci, 4))
        return out


@dataclass
class ScoreReport:
    """Corpus scores, and per-segment ones when asked for."""

    hypothesis: str
    references: list[str]
    corpus: list[CorpusScore]
    segments: list[dict[str, float]] = field(default_factory=list)

    def to_json(self) -> dict:
        out: dict = {"hypothesis": self.hypothesis, "references": self.references,
                     "metrics": {s.name: s.to_json() for s in self.corpus}}
        if self.segments:
            out["segments"] = self.segments
        return out


def read_segments(path: str | Path) -> list[str]:
    """One segment a line, trailing white space removed: how the sacrebleu command reads files."""
    try:
        with open(path, encoding="utf-8") as fh:
            return [line.rstrip() for line in fh]
    except (OSError, UnicodeDecodeError) as exc:
        raise ScoreError(f"{path}: cannot read: {exc}") from None


def _metrics(chrf_plus: bool, sentence: bool = False, names: Sequence[str] = METRICS) -> list:
    from sacrebleu.metrics import BLEU, CHRF, TER

    unknown = set(names) - set(METRICS)
    if unknown:
        raise ScoreError(f"unknown metric(s): {', '.join(sorted(unknown))} (known: {', '.join(METRICS)})")
    # Sentence BLEU needs effective order, or most short segments score 0.
    make = {"bleu": lambda: BLEU(effective_order=sentence), "chrf": lambda: CHRF(word_order=2 if chrf_plus else 0),
            "ter": TER}
    return [make[name]() for name in METRICS if name in names]


def _check(hypotheses: Sequence[str], references: Sequence[Sequence[str]], names: Sequence[str]) -> None:
    if not references:
        raise ScoreError("at least one reference is needed")
    for name, ref in zip(names, references):
        if len(ref) != len(hypotheses):
            raise ScoreError(f"{name} has {len(ref)} segments, the hypothesis {len(hypotheses)}")


def corpus_scores(hypotheses: Sequence[str], references: Sequence[Sequence[str]], *,
                  chrf_plus: bool = False, n_bootstrap: int = 1, metrics: Sequence[str] = METRICS,
                  names: Optional[Sequence[str]] = None) -> list[CorpusScore]:
    """BLEU, chrF (or chrF++) and TER of ``hypotheses`` against one or more reference streams."""
    _check(hypotheses, references, names or [f"reference {i + 1}" for i in range(len(references))])
    out = []
    for metric in _metrics(chrf_plus, names=metrics):
        result = metric.corpus_score(list(hypotheses), [list(r) for r in references], n_bootstrap=n_bootstrap)
        signature = metric.get_signature().format()
        # sacrebleu keeps the bootstrap mean and interval as numpy floats: make them plain floats.
        mean, ci = (float(result._mean), float(result._ci)) if n_bootstrap > 1 else (None, None)
        out.append(CorpusScore(result.name, float(result.score), signature, result.format(signature=signature),
                               mean, ci))
    return out


def segment_scores(hypotheses: Sequence[str], references: Sequence[Sequence[str]], *,
                   chrf_plus: bool = False, metrics: Sequence[str] = METRICS) -> list[dict[str, float]]:
    """Each segment's sentence-level BLEU, chrF and TER (1-based ``segment``)."""
    scorers = _metrics(chrf_plus, sentence=True, names=metrics)
    rows = []
    for i, hyp in enumerate(hypotheses):
        refs = [r[i] for r in references]
        row: dict = {"segment": i + 1}
        for metric in scorers:
            result = metric.sentence_score(hyp, refs)
            row[result.name] = round(result.score, 4)
        rows.append(row)
    return rows


def score_files(hypothesis: str, references: Sequence[str], *, chrf_plus: bool = False, n_bootstrap: int = 1,
                segments: bool = False, metrics: Sequence[str] = METRICS) -> ScoreReport:
    """``mtlint score``: the hypothesis file against reference files, all read like sacrebleu does."""
    hyps = read_segments(hypothesis)
    refs = [read_segments(r) for r in references]
    corpus = corpus_scores(hyps, refs, chrf_plus=chrf_plus, n_bootstrap=n_bootstrap, metrics=metrics,
                           names=list(references))
    rows = segment_scores(hyps, refs, chrf_plus=chrf_plus, metrics=metrics) if segments else []
    return ScoreReport(hypothesis, list(references), corpus, rows)


def target_segments(path: str) -> list[str]:
    """What ``check --ref`` scores: a bilingual file's target segments, or a text file's lines."""
    from .bilingual import AlignmentError, is_bilingual, parse_bilingual
    from .readers.decode import DecodeError, decode_bytes

    try:
        text, _ = decode_bytes(Path(path).read_bytes())
    except (OSError, DecodeError) as exc:
        raise ScoreError(f"{path}: cannot read: {exc}") from None
    if not is_bilingual(path):
        return [line.rstrip() for line in text.splitlines()]
    try:
        parsed = parse_bilingual(text, path)
    except AlignmentError as exc:
        raise ScoreError(f"{path}: {exc}") from None
    return [parsed.target_text(s).replace("\n", " ").rstrip() for s in parsed.segments]


def reference_metrics(target: str, references: Sequence[str], *, chrf_plus: bool = False) -> dict:
    """The corpus figures ``check --ref`` adds to a report: metric name → its JSON entry."""
    hyps = target_segments(target)
    refs = [read_segments(r) for r in references]
    return {s.name: s.to_json() for s in corpus_scores(hyps, refs, chrf_plus=chrf_plus, names=list(references))}


def metrics_line(metrics: dict) -> str:
    """One line for text reports: ``BLEU 23.41 · chrF2 51.20 · TER 61.03``."""
    return " · ".join(f"{name} {entry['score']:.2f}" for name, entry in metrics.items())


def render_text(report: ScoreReport) -> str:
    lines = [s.verbose for s in report.corpus]
    for row in report.segments:
        lines.append("\t".join([str(row["segment"])] + [f"{k} {v:.2f}" for k, v in row.items() if k != "segment"]))
    return "\n".join(lines) + "\n"


def render_json(report: ScoreReport) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"
