"""Language identification: langdetect on paragraphs, and the source language guessed from residues.

Two questions, two kinds of evidence:

- *Which language is this paragraph in?* ``detect`` and ``paragraph_languages`` ask
  langdetect (seeded, so that a run is reproducible; loaded on first use, one detector
  factory per process). A paragraph counts as foreign only on strong evidence: at least
  ``MIN_WORDS`` words and a probability of at least ``MIN_PROB``.
- *Which language was this English translated from?* ``guess_pair`` (``--lang auto-en``)
  cannot ask langdetect, since the text is English; it counts what each pack's data finds
  in it: exonyms (``names``), source typography (``residue``, ``typography``), untranslated
  page furniture (``boilerplate``) and source-language function words (``source_markers``,
  counted only where two or more stand in one clause).
"""
from __future__ import annotations

import mmap
import os
from array import array
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Sequence

from .patterns import compiled

if TYPE_CHECKING:
    from langdetect.detector_factory import DetectorFactory

    from .document import Document, Span
    from .pack import Pack

#: A paragraph shorter than this (in words) is never called foreign: langdetect guesses.
MIN_WORDS = 6
#: The probability langdetect must give a foreign language before a paragraph is flagged.
MIN_PROB = 0.95
#: Language code returned when a text has nothing langdetect can read (digits, symbols).
UNKNOWN = "und"

_WORD = compiled(r"\p{L}+(?:['\u2019]\p{L}+)*")
_CLAUSE = compiled(r"[.!?;:\n]+")
#: The pair ``--lang auto-<tgt>`` falls back on when no residue points anywhere.
DEFAULT_PAIRS = {"en": "fr-en"}
#: Weight of one piece of evidence, by the pack file that found it. An exonym or a source
#: typography mark is rare in native English; a function word may be a quoted name.
WEIGHTS = {"names": 3, "residue": 3, "boilerplate": 3, "typography": 2, "source_markers": 1}
#: The winning pack needs at least this much evidence, and more than any other pack.
MIN_EVIDENCE = 3


@lru_cache(maxsize=1)
def _factory() -> "DetectorFactory":
    """The process's one langdetect factory, seeded, its profiles read once from the disk cache."""
    from langdetect.detector_factory import DetectorFactory

    DetectorFactory.seed = 0
    factory = DetectorFactory()
    langs, words, probs = _profiles()
    factory.langlist = list(langs)
    factory.word_lang_prob_map = _Probabilities(words, probs, len(langs))
    return factory


def _profiles() -> tuple[tuple[str, ...], tuple[str, ...], Sequence[float]]:
    """langdetect's 55 JSON profiles (parsing them takes ~0.6 s): the languages, the n-grams
    and, n-gram after n-gram, each one's probability in every language. From the disk cache
    the probabilities are a memory map of an array of doubles: nothing is read until an
    n-gram is looked up, and the pages stay shared with the page cache (38 MB otherwise)."""
    from . import cache

    entry = cache.environment_entry(cache.installed("langdetect"))
    if entry is None:
        return _parsed_profiles()
    raw = entry.with_suffix(".f64")
    found = cache.load(entry)
    if isinstance(found, tuple) and len(found) == 2:
        langs, words = found
        mapped = _mapped(raw, len(langs) * len(words))
        if mapped is not None:
            return langs, words, mapped
    langs, words, probs = _parsed_profiles()
    cache.store_bytes(raw, probs.tobytes())
    cache.store(entry, (langs, words))
    return langs, words, probs


def _mapped(path: Path, count: int) -> Optional[Sequence[float]]:
    """The ``count`` doubles of ``path``, memory-mapped; None when the file is missing or short."""
    from . import cache

    try:
        with open(path, "rb") as fh:
            info = os.fstat(fh.fileno())
            if info.st_size != count * 8:
                return None
            cache.mark_used(path, info.st_mtime)
            return memoryview(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)).cast("d")
    except (OSError, ValueError):
        return None


def _parsed_profiles() -> tuple[tuple[str, ...], tuple[str, ...], array]:
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    probs = array("d", (p for row in factory.word_lang_prob_map.values() for p in row))
    return tuple(factory.langlist), tuple(factory.word_lang_prob_map), probs


class _Probabilities(dict):
    """n-gram → its probability in each language, as langdetect's ``word_lang_prob_map``
    expects, sliced from one flat sequence of doubles (4.8 million float objects in lists
    would take longer to load than the profiles take to parse, and three times the memory)."""

    def __init__(self, words: tuple[str, ...], probs: Sequence[float], width: int) -> None:
        super().__init__(zip(words, range(0, len(words) * width, width)))
        self._probs = probs
        self._width = width

    def __getitem__(self, word: str) -> Sequence[float]:
        at = dict.__getitem__(self, word)
        return self._probs[at:at + self._width]


@lru_cache(maxsize=1)
def _detector_class() -> type:
    """langdetect's Detector with a tighter sampling loop: a step multiplies the 55 language
    probabilities in one list comprehension instead of an indexed loop, and each n-gram's row
    is fetched once. Each element gets langdetect's own arithmetic in its own order
    (``p * (weight + q)``, then division by the sum, summed as langdetect does) and the random
    draws are the same, so the probabilities are the same to the last bit. (Plain lists beat
    numpy here: on 55 numbers its call overhead outweighs the loop, and importing it costs
    50–70 ms, a tenth of a short run.)"""
    from langdetect.detector import Detector
    from langdetect.lang_detect_exception import ErrorCode, LangDetectException

    class FastDetector(Detector):
        def _detect_block(self) -> None:
            self.cleaning_text()
            ngrams = self._extract_ngrams()
            if not ngrams:
                raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
            rows = {gram: list(self.word_lang_prob_map[gram]) for gram in set(ngrams)}
            langprob = [0.0] * len(self.langlist)
            draw = self.random
            draw.seed(self.seed)
            for _ in range(self.n_trial):
                prob = list(self._init_probability())
                weight = (self.alpha + draw.gauss(0.0, 1.0) * self.ALPHA_WIDTH) / self.BASE_FREQ
                i = 0
                while True:
                    prob = [p * (weight + q) for p, q in zip(prob, rows[draw.choice(ngrams)])]
                    if i % 5 == 0:
                        total = sum(prob)
                        prob = [p / total for p in prob]
                        if max(prob) > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT:
                            break
                    i += 1
                langprob = [lp + p / self.n_trial for lp, p in zip(langprob, prob)]
            self.langprob = langprob

    return FastDetector


def detect(text: str) -> tuple[str, float]:
    """The most probable language of ``text`` (ISO 639-1, as langdetect names it) and its probability.

    ``("und", 0.0)`` when the text holds nothing langdetect can read.
    """
    from langdetect.lang_detect_exception import LangDetectException

    detector = _detector_class()(_factory())
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return UNKNOWN, 0.0
    return best.lang, best.prob


def words(text: str) -> list[str]:
    """The words of ``text`` (letters with inner apostrophes; digits and symbols left out)."""
    return _WORD.findall(text)


@dataclass(frozen=True)
class ParagraphLanguage:
    """The language langdetect gives one paragraph."""

    span: "Span"
    lang: str
    prob: float
    words: int

    def is_foreign(self, target: str) -> bool:
        """Another language than ``target``, on strong evidence (long enough, probable enough)."""
        return (self.lang not in (target, UNKNOWN) and self.words >= MIN_WORDS
                and self.prob >= MIN_PROB)


def paragraph_languages(doc: "Document", min_words: int = MIN_WORDS) -> list[ParagraphLanguage]:
    """The language of every paragraph of ``doc`` with at least ``min_words`` words."""
    out = []
    for para in doc.paragraphs:
        chunk = doc.text[para.start:para.end]
        n = len(words(chunk))
        if n < min_words:
            continue
        lang, prob = detect(chunk)
        out.append(ParagraphLanguage(para, lang, prob, n))
    return out


@dataclass(frozen=True)
class Evidence:
    """One trace of a source language: which pack file found it, and the text it matched."""

    kind: str
    text: str

    @property
    def weight(self) -> int:
        return WEIGHTS[self.kind]


def pack_evidence(pack: "Pack", text: str) -> list[Evidence]:
    """What ``pack``'s data finds in ``text``: exonyms, residues, furniture, function words."""
    found = []
    for kind in ("names", "residue", "typography"):
        if pack.has(kind):
            found += [Evidence(kind, text[m.start:m.end]) for m in pack.lexicon(kind).finditer(text)]
    if pack.has("boilerplate"):
        furniture = pack.lexicon("boilerplate")
        for line in text.splitlines():
            line = line.strip(" \t*\u2022-:|")
            if line and len(line) <= 200 and any(m.start == 0 and m.end == len(line)
                                                  for m in furniture.finditer(line)):
                found.append(Evidence("boilerplate", line))
    markers = pack.words("source_markers")
    if markers:
        # A lone marker may be a particle of a name (de las Casas); two in a clause are a phrase.
        for clause in _CLAUSE.split(text):
            hits = [w for w in words(clause) if w in markers]
            if len(hits) >= 2:
                found += [Evidence("source_markers", w) for w in hits]
    return found


def guess_pair(text: str, target: str = "en") -> tuple[str, list[Evidence]]:
    """The language pair whose source residues ``text`` shows most, and that evidence.

    Every pack translating into ``target`` is scored by the weighted evidence its data finds
    (``WEIGHTS``). The best pack wins if it has at least ``MIN_EVIDENCE`` and strictly more
    than the runner-up; otherwise the default pair for the target is used, with no evidence.
    """
    from .document import Document
    from .pack import available_pairs, get_pack

    norm = Document(text).norm
    scores: list[tuple[int, str, list[Evidence]]] = []
    for pair in available_pairs():
        pack = get_pack(pair)
        if pack.target_lang != target:
            continue
        evidence = pack_evidence(pack, norm)
        scores.append((sum(e.weight for e in evidence), pair, evidence))
    scores.sort(key=lambda s: -s[0])
    if scores and scores[0][0] >= MIN_EVIDENCE and (len(scores) == 1 or scores[0][0] > scores[1][0]):
        return scores[0][1], scores[0][2]
    return default_pair(target), []


def default_pair(target: str) -> str:
    """The pair used for ``auto-<target>`` when the text shows no residue."""
    from .pack import PackError, available_pairs

    if target in DEFAULT_PAIRS:
        return DEFAULT_PAIRS[target]
    candidates = [p for p in available_pairs() if p.endswith(f"-{target}")]
    if not candidates:
        raise PackError(f"no language pack translates into {target!r}")
    return candidates[0]


def describe(pair: str, evidence: list[Evidence], limit: int = 4) -> str:
    """A one-line account of a guess, for notices: the pair and its most frequent evidence."""
    if not evidence:
        return f"{pair} (no source-language residue found; the default pair)"
    counts = Counter((e.kind, e.text) for e in evidence)
    shown = ", ".join(f"{kind.replace('_', ' ')} “{t}”" + (f" ×{n}" if n > 1 else "")
                      for (kind, t), n in counts.most_common(limit))
    return f"{pair} (evidence: {shown})"
