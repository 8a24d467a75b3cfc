"""Compile pattern-lexicon rows into one matcher per lexicon.

Literal rows are expanded (``{lemma}`` → every inflection) into concrete phrases and
compiled into a ``regex`` named list, a set lookup that stays linear however many rows
there are; regex rows are joined into one alternation. Each match is traced back to its
row and to the concrete suggestion, inflected like the matched word.
"""
from __future__ import annotations

import heapq
import itertools
import pickle
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Optional

import regex

from ..patterns import compiled
from .load import Row
from .prefilter import (
    Prefilter,
    Tables,
    analyse,
    ascii_lookalikes,
    needle_finder,
    phrase_prefix,
    prefilter_for,
    split_branches,
)

_BRACED = compiled(r"\{([^{}]+)\}")
_BOUNDARY_L = r"(?<![\p{L}\p{N}_'-])"
# A match may end before a possessive ("Poutine's visit") but not inside an elided or
# hyphenated word ("d'Estaing", "Pékin-Express").
_BOUNDARY_R = r"(?![\p{L}\p{N}_]|'(?!s(?![\p{L}\p{N}_]))\p{L}|-\p{L})"
# What a regex means only in its own pattern: a backreference by number or name, a bare flag.
_CONTEXT_BOUND = regex.compile(r"\\[1-9]|\(\?P=|\\g<|\(\?[a-zA-Z]+\)")


@dataclass(frozen=True, slots=True)
class LexiconMatch:
    start: int
    end: int
    row: Row
    suggestion: Optional[str]


class Deferred:
    """A compiled pattern that, once pickled, stays pickled until first used.

    A lexicon comes from the disk cache whole, but a short text uses a few of its hundreds of
    patterns: unpickling them all (each a list of compiled code) cost ~0.1 s per large lexicon
    at every start. Unpickling one on first use costs what unpickling it then would have; the
    bytes are kept so that the holder pickles again as it came. ``source`` is the pattern's text."""

    __slots__ = ("source", "_data", "_pattern")

    def __init__(self, pattern: regex.Pattern) -> None:
        self.source: str = pattern.pattern
        self._data: Optional[bytes] = None
        self._pattern: Optional[regex.Pattern] = pattern

    def __call__(self) -> regex.Pattern:
        if self._pattern is None:
            self._pattern = pickle.loads(self._data)
        return self._pattern

    def __getstate__(self) -> tuple[str, bytes]:
        if self._data is None:
            self._data = pickle.dumps(self._pattern, protocol=pickle.HIGHEST_PROTOCOL)
        return self.source, self._data

    def __setstate__(self, state: tuple[str, bytes]) -> None:
        (self.source, self._data), self._pattern = state, None


@lru_cache(maxsize=None)
def inflections(lemma: str) -> dict[str, str]:
    """Every inflected form of ``lemma`` mapped to its Penn tag (the lemma itself as VB).

    A form that is both a verb and a noun (makes: VBZ and NNS) is taken as the verb: the
    lexicons' ``{lemma}`` slots are verbs in all but a few rows, and "there {be}" must not
    become "there bes"."""
    from lemminflect import getAllInflections

    forms: dict[str, str] = {}
    for tag, words in sorted(getAllInflections(lemma).items(), key=lambda item: (not item[0].startswith("VB"), item[0])):
        for word in words:
            forms.setdefault(word, tag)
    forms.setdefault(lemma, "VB")
    return forms


@lru_cache(maxsize=None)
def participles(lemma: str) -> frozenset[str]:
    """The past participles of ``lemma``; some are also its past tense (made, said)."""
    from lemminflect import getAllInflections

    return frozenset(getAllInflections(lemma).get("VBN", ()))


def inflect(lemma: str, tag: str) -> str:
    from lemminflect import getInflection

    got = getInflection(lemma, tag=tag)
    return got[0] if got else lemma


def expand(row: Row) -> Iterator[tuple[str, Optional[str], Optional[str]]]:
    """Concrete (phrase, suggestion, suggestion after an auxiliary) triples for a literal row.

    The third is set where a matched verb form is both past tense and past participle (made)
    and the suggested verb's forms differ (took, taken): after "has", "had" … the participle is meant.
    """
    lemmas = _BRACED.findall(row.match)
    if not lemmas:
        yield row.match, row.suggestion, None
        return
    choices = [sorted(inflections(lemma).items()) for lemma in lemmas]
    for combo in itertools.product(*choices):
        words = iter(w for w, _ in combo)
        phrase = _BRACED.sub(lambda _m: next(words), row.match)
        if not row.suggestion:
            yield phrase, row.suggestion, None
            continue
        tags = [t for _, t in combo]
        as_participles = [("VBN" if t == "VBD" and w in participles(lemma) else t)
                          for (w, t), lemma in zip(combo, lemmas)]
        suggestion = _inflect_braced(row.suggestion, tags)
        participle = _inflect_braced(row.suggestion, as_participles) if as_participles != tags else None
        yield phrase, suggestion, participle if participle != suggestion else None


def _inflect_braced(suggestion: str, tags: list[str]) -> str:
    """``suggestion`` with its i-th ``{lemma}`` inflected with the i-th tag (the last one after)."""
    k = itertools.count()
    return _BRACED.sub(lambda m: inflect(m.group(1), tags[min(next(k), len(tags) - 1)]), suggestion)


# A perfect-tense "have" (and perhaps an adverb) just before a verb: has made, had already made.
# Not "be": "was made the object of" is a passive, and "was been the subject of" is wrong.
_AUXILIARY_BEFORE = compiled(
    r"(?i)(?<![\p{L}'])(?:has|have|had|having|'ve|'d)\s+(?:(?:not|never|already|just|also|ever|recently|\p{L}+ly)\s+)?$")


def _after_auxiliary(text: str, pos: int) -> bool:
    return bool(_AUXILIARY_BEFORE.search(text, max(0, pos - 40), pos))


def _key(phrase: str) -> str:
    return " ".join(phrase.split()).casefold()


class PatternLexicon:
    """All rows of one lexicon file, compiled once; ``finditer`` scans a text in one pass per kind.

    Matches are those of one alternation of every row (literal phrases first, then regex rows
    in file order, leftmost match first). Prefilters (``prefilter.py``) leave out the phrases
    and regex branches whose required words a text or line lacks, which cannot change them.
    """

    def __init__(self, rows: list[Row]) -> None:
        self.rows = rows
        self._exact: dict[str, tuple[Row, Optional[str], Optional[str]]] = {}
        self._folded: dict[str, tuple[Row, Optional[str], Optional[str]]] = {}
        regex_rows: list[Row] = []
        for row in rows:
            if row.kind == "regex":
                regex_rows.append(row)
                continue
            for phrase, *suggestions in expand(row):
                if row.case == "exact":
                    self._exact.setdefault(" ".join(phrase.split()), (row, *suggestions))
                else:
                    self._folded.setdefault(_key(phrase), (row, *suggestions))
        self._tables = Tables.build()
        self._patterns = []
        if self._exact:
            self._patterns.append(_PhraseList(self._exact, 0))
        if self._folded:
            self._patterns.append(_PhraseList(self._folded, regex.IGNORECASE | regex.V1))
        # Patterns needed only at a match (or where a text may hold one) are Deferred.
        self._regex_rows = [(row, Deferred(regex.compile(_scoped(row)))) for row in regex_rows]
        # One pattern per top-level branch of each row, with what any of its matches needs.
        self._branches = [(i, j, Deferred(regex.compile(_BOUNDARY_L + "(?:" + _scoped(row, branch) + ")" + _BOUNDARY_R)),
                           analyse(branch))
                          for i, row in enumerate(regex_rows) for j, branch in enumerate(split_branches(row.match))]
        self._needles = frozenset(s for *_, req in self._branches if req.needs
                                  for group in (req.needs, *req.also) for s in group)
        # Which branches each needle makes worth running, and those that always run: a short
        # text (a feed title) then costs the few branches it may match, not a loop over all.
        self._by_needle: dict[str, list[int]] = {}
        for k, (*_, req) in enumerate(self._branches):
            for needle in req.needs or ():
                self._by_needle.setdefault(needle, []).append(k)
        self._always = [k for k, (*_, req) in enumerate(self._branches) if req.needs is None]
        self._unless = {r: Deferred(regex.compile(r.unless, regex.IGNORECASE)) for r in rows if r.unless}
        self._joined: Optional[regex.Pattern] = None
        self._joined_made = False  # not yet asked for (a flag that pickles, unlike a sentinel)

    def finditer(self, text: str, overlapped: bool = False) -> Iterator[LexiconMatch]:
        pre = prefilter_for(text, self._tables)
        for phrases in self._patterns:
            for m in phrases.finditer(pre, overlapped):
                yield self._phrase_match(phrases, m, text)
        present, live = self._live(pre)
        sources = []
        for k in live:  # in file order, as the one alternation would try them
            i, j, deferred, req = self._branches[k]
            pattern = deferred()
            if req.needs is not None and pre.exact and req.reach is not None and "." not in req.stops \
                    and not pre.long_spaces:
                # Segments would be whole lines (the branch may match a full stop): tried instead
                # only where a match holding a needle may start, each try cut where it stops looking.
                ranges = pre.starts_near(req.needs & present, req.reach)
                sources.append(_Listed(i, j, [m for first, last in ranges
                                              for m in _starting_in(pattern, text, first, last, req.reach)]))
            elif req.needs is not None and pre.exact and req.stops:
                # Only the segments between stops that hold a needle (the branch matches no stop).
                segments = pre.segments_with(req.needs & present, req.stops)
                sources.append(_Listed(i, j, [m for start, end in segments
                                              for m in pattern.finditer(text, start, end, overlapped=True)]))
            else:
                sources.append(_Searched(text, i, j, pattern))
        for i, m in _alternation(sources, overlapped):
            yield self._regex_match(i, m, text)

    def whole(self, text: str) -> Optional[LexiconMatch]:
        """The match of ``finditer(text)`` that spans all of ``text``, if any, found by anchored
        tries alone: of the matches at 0, phrases come first, then the first regex branch in row
        order that matches there (it hides the others), and no later match can span the text."""
        for phrases in self._patterns:
            m = phrases.pattern.match(text)
            if m and m.end() == len(text):
                return self._phrase_match(phrases, m, text)
        any_branch = self._any_branch()
        if any_branch is not None and not any_branch.match(text):
            return None
        for k in self._live(prefilter_for(text, self._tables))[1]:
            i, _, pattern, _ = self._branches[k]
            m = pattern().match(text)
            if m:
                return self._regex_match(i, m, text) if m.end() == len(text) else None
        return None

    def _any_branch(self) -> Optional[regex.Pattern]:
        """Every branch in one alternation, which tells ``whole`` whether any branch matches at
        the start (most lines: none); None where a branch's own group numbers or flags would
        change meaning once joined. Made when first needed (from the disk cache): unpickling
        it with every lexicon would cost start-up time for the lexicons ``whole`` never sees."""
        if not self._joined_made:
            from ..cache import cached

            branches = [pattern.source for _, _, pattern, _ in self._branches]
            joined = "|".join(branches)
            self._joined = (cached("pattern", (), lambda: regex.compile(joined), joined)
                            if branches and not any(_CONTEXT_BOUND.search(b) for b in branches) else None)
            self._joined_made = True
        return self._joined

    def _live(self, pre: Prefilter) -> tuple[frozenset[str], Iterable[int]]:
        """The needles present, and (in order) the branches that may match: those without
        needles, and those with a needle of each of their requirements present."""
        if not pre.exact:
            return frozenset(), range(len(self._branches))
        present = pre.present(self._needles)
        candidates = sorted(set(self._always).union(*(self._by_needle.get(n, ()) for n in present)))
        return present, [k for k in candidates if all(group & present for group in self._branches[k][3].also)]

    def _phrase_match(self, phrases: "_PhraseList", m: regex.Match, text: str) -> LexiconMatch:
        key = _key(m.group()) if phrases.folded else " ".join(m.group().split())
        row, suggestion, participle = phrases.table[key]
        if participle is not None and _after_auxiliary(text, m.start()):
            suggestion = participle
        return LexiconMatch(m.start(), m.end(), row, suggestion)

    def _regex_match(self, i: int, m: regex.Match, text: str) -> LexiconMatch:
        row, own = self._regex_rows[i]
        return LexiconMatch(m.start(), m.end(), row, _expand_template(own().match(text, m.start()), row.suggestion))

    def vetoed(self, row: Row, context: str) -> bool:
        veto = self._unless.get(row)
        return bool(veto and veto().search(context))


class _PhraseList:
    """Literal phrases as one named list, tried only where a phrase (or, when case does not
    matter, its beginning) stands."""

    def __init__(self, table: dict[str, tuple[Row, Optional[str], Optional[str]]], flags: int) -> None:
        self.table = table
        self.folded = bool(flags)
        self.pattern = regex.compile(_BOUNDARY_L + r"\L<phrases>" + _BOUNDARY_R, flags, phrases=list(table))
        if self.folded:
            # Tried where its lower-cased leading ASCII characters stand in the text's folded
            # lower-case form; a phrase starting otherwise is searched for.
            lookalikes = ascii_lookalikes()
            prefixes = {phrase: phrase_prefix(phrase, lookalikes) for phrase in table}
            needles = [prefix for prefix in prefixes.values() if prefix is not None]
            others = [phrase for phrase, prefix in prefixes.items() if prefix is None]
        else:  # matched as written: the phrase itself stands in the text
            needles, others = list(table), []
        # Matched as written: an automaton over the text. Folded: the prefixes join the needles
        # that every lexicon looks for in one pass over the folded text (``Prefilter.present``).
        self.needles = needle_finder(needles) if not self.folded else None
        self.prefixes = frozenset(needles)
        self.others = (regex.compile(_BOUNDARY_L + r"\L<phrases>" + _BOUNDARY_R, flags, phrases=others)
                       if others else None)
        self.longest = max(map(len, table))

    def finditer(self, pre: Prefilter, overlapped: bool) -> Iterator[regex.Match]:
        text = pre.text
        if not self.folded:
            yield from self._tried(text, {end - len(phrase) + 1 for end, phrase in self.needles.iter(text)}, overlapped)
            return
        if not pre.exact:
            yield from self.pattern.finditer(text, overlapped=overlapped)
            return
        starts = {at for prefix in pre.present(self.prefixes) for at in pre.offsets(prefix)}
        if self.others is not None:
            starts.update(m.start() for m in self.others.finditer(text, overlapped=True))
        # A match holding a character that folds onto ASCII may not hold its prefix: it starts
        # at most one phrase length before that character (a text match is never longer).
        for at in pre.lookalike_positions:
            starts.update(range(max(0, at - self.longest), at + 1))
        yield from self._tried(text, starts, overlapped)

    def _tried(self, text: str, starts: set[int], overlapped: bool) -> Iterator[regex.Match]:
        pos = 0
        for start in sorted(starts):
            if start < pos:
                continue
            m = self.pattern.match(text, start)
            if m:
                yield m
                pos = start + 1 if overlapped or m.end() == start else m.end()


def _starting_in(pattern: regex.Pattern, text: str, first: int, last: int, reach: int) -> Iterator[regex.Match]:
    """Every match of ``pattern`` (overlapping) that starts in [first, last], in order. A try
    looks at most ``reach`` characters ahead, so the text may end there; it sees what precedes
    ``first`` (lookbehinds, \\b)."""
    for m in pattern.finditer(text, first, min(len(text), last + reach), overlapped=True):
        if m.start() > last:
            return
        yield m


class _Searched:
    """A branch's matches, searched in the whole text as they are asked for."""

    def __init__(self, text: str, row: int, branch: int, pattern: regex.Pattern) -> None:
        self.text, self.key, self.pattern = text, (row, branch), pattern

    def first(self, pos: int) -> Optional[regex.Match]:
        return self.pattern.search(self.text, pos)


class _Listed:
    """A branch's matches at every start (found line by line), handed out in order."""

    def __init__(self, row: int, branch: int, matches: list[regex.Match]) -> None:
        self.key, self.matches, self.i = (row, branch), matches, 0

    def first(self, pos: int) -> Optional[regex.Match]:
        while self.i < len(self.matches) and self.matches[self.i].start() < pos:
            self.i += 1
        return self.matches[self.i] if self.i < len(self.matches) else None


def _alternation(sources: list, overlapped: bool) -> Iterator[tuple[int, regex.Match]]:
    """(row index, match) in the order one alternation of the branches (row, branch order) finds them."""
    heap = []
    for source in sources:
        m = source.first(0)
        if m:
            heap.append((m.start(), source.key, source, m))
    heapq.heapify(heap)
    pos = 0
    while heap:
        start, key, source, m = heap[0]
        if start >= pos:
            yield key[0], m
            pos = start + 1 if overlapped or m.end() == start else m.end()
        m = source.first(pos)
        if m:
            heapq.heapreplace(heap, (m.start(), key, source, m))
        else:
            heapq.heappop(heap)


def _scoped(row: Row, pattern: Optional[str] = None) -> str:
    pattern = row.match if pattern is None else pattern
    return pattern if row.case == "exact" else f"(?i:{pattern})"


def _expand_template(m: Optional[regex.Match], suggestion: Optional[str]) -> Optional[str]:
    """Regex rows may use \\1-style references to their own groups in the suggestion."""
    if m is None or not suggestion or "\\" not in suggestion:
        return suggestion
    try:
        return m.expand(suggestion)
    except (regex.error, IndexError):
        return suggestion
