"""Quantities and dates in a segment, normalised across locales, for the number check (MT801).

Each Quantity carries the set of values it may stand for: ``("n", 3.5)`` for a number
(``3,5`` and ``3.5`` alike, ``150 000`` and ``150,000`` alike, ``700 milliards`` and
``700 billion`` alike, ``quatre-vingts`` and ``80`` alike), ``("month", 9)`` and
``("weekday", 1)`` for calendar words. The two sides are read differently on purpose:

- the **source** is read generously (every reading a French writer may have meant, glued
  digits such as ``14h30`` included, ``14 h`` also as 2 p.m.), because a source value only
  ever *excuses* a target number;
- the **target** is read strictly (digits glued to letters such as ``G20`` or ``A320`` are
  not numbers, ``one`` alone is a pronoun, ``May`` is a month only beside a digit), because
  a target value that no source value excuses is reported.

The words come from the pack: ``corpora/<pair>/source_numbers.tsv`` for the source
language, ``corpora/<target>/number_words.tsv`` and ``calendar.tsv`` for the target.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import regex

from ..lexicon import load_table
from ..patterns import compiled

Value = tuple[str, float]

# A numeral: grouped thousands (space, no-break space, dot or comma), or digits with one
# decimal separator. The suffix and scale that may follow are matched separately.
_NUMERAL = compiled(
    r"(?<![\p{N}])(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?(?![\p{N}])"
    r"|\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?(?![\p{N}])"
    r"|\d+(?:[.,]\d+)?)")
_AFTER = compiled(r"\p{L}+")
_GAP_TO_SCALE = compiled(r"[ \u00a0\u202f]?(?:de |d')?(\p{L}+)")
# In the source, one short word may stand between a numeral and its scale (100 autres milliards).
_SOURCE_GAP_TO_SCALE = compiled(r"[ \u00a0\u202f]?(?:\p{Ll}{1,7} )?(?:de |d')?(\p{L}+)")
_WORD = compiled(r"\p{L}+(?:\.(?=\s))?")
# Ordinal and plural suffixes a target numeral may carry (1st, 20th, 1990s) and French ones.
_TARGET_SUFFIX = frozenset({"st", "nd", "rd", "th", "s"})
_SOURCE_HOUR = frozenset({"h", "heure", "heures", "hrs"})
_DECADE_CUES = frozenset({"années", "ans"})
_RANGE = compiled(r"^\s*(?:et|à|ou|-|\u2013|/)\s*$")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number or date in a text: its span and every value it may stand for."""

    start: int
    end: int
    values: frozenset[Value]
    scaled: bool = False  # carries a scale word (million, billion, milliard)
    value: Optional[float] = None  # the most likely number, for suggestions
    spelled: bool = False  # written in words (four, quatre-vingts)


@dataclass(frozen=True)
class Words:
    """Number and calendar words of one language: word → (kind, value)."""

    table: dict[str, tuple[str, float]]

    def get(self, word: str) -> Optional[tuple[str, float]]:
        return self.table.get(word) or self.table.get(word.lower())


@lru_cache(maxsize=None)
def load_words(*paths: Path) -> Words:
    table: dict[str, tuple[str, float]] = {}
    for path in paths:
        if not path.is_file():
            continue
        for row in load_table(path, ("word", "kind", "note")):
            value = row.get("value") or row.get("number")
            if value:
                table[row["word"]] = (row["kind"], float(value))
    return Words(table)


def _key(value: float) -> float:
    return round(value, 4)


def _parse_numeral(raw: str, generous: bool) -> list[float]:
    """Every value a written numeral may stand for (locale separators read both ways), likeliest first."""
    compact = regex.sub(r"[ \u00a0\u202f]", "", raw)
    if not compact.isascii():  # other scripts' digits: float() knows them, or (newer ones) it does not
        compact = "".join(str(unicodedata.digit(c, c)) if c.isdigit() else c for c in compact)
        if regex.search(r"(?![0-9])\d", compact):
            return []
    out: list[float] = []
    if regex.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", compact):
        out.append(float(regex.sub(r"[.,]", "", compact)))  # 150.000 / 150,000: thousands
        if compact.count(",") + compact.count(".") == 1:
            out.append(float(compact.replace(",", ".")))  # …or one decimal separator
    elif regex.fullmatch(r"\d+[.,]\d+", compact):
        out.append(float(compact.replace(",", ".")))
    elif regex.fullmatch(r"\d+", compact):
        out.append(float(compact))
    else:  # grouped thousands with decimals: 1 234,5 / 1,234.5 / 1.234,5
        digits = regex.sub(r"[.,](?=\d{3}(?:[.,]|$))", "", compact)
        if digits.count(",") + digits.count(".") <= 1:
            out.append(float(digits.replace(",", ".")))
    if generous or " " in raw or "\u00a0" in raw:
        # Space-grouped digits may be separate numbers (30 100-metre); a decimal a time (9.30).
        out.extend(float(p) for p in regex.findall(r"\d+", raw))
    return out


def _joined(words: Words, previous: str, gap: str, word: str) -> bool:
    """Whether two number words belong to one numeral.

    Hyphens join (vingt-deux, quatre-vingt-dix, twenty-one); a space joins a tens word and a
    unit (twenty one), anything and a multiplier or scale (trois mille, two hundred), and a
    multiplier and what follows it (cent deux); et/and join only vingt et un, soixante et onze
    and one hundred and five. Two units side by side (trois quatre mille) are two numbers.
    """
    kind, before = words.get(previous)
    next_kind, after = words.get(word)
    if next_kind not in ("number", "multiplier", "scale") or kind not in ("number", "multiplier", "scale"):
        return False
    tens = kind == "number" and before >= 20 and before % 10 == 0
    if gap in ("-", "-et-"):
        return True
    if gap.strip().lower() in ("et", "and"):
        return (tens and after in (1, 11)) or kind == "multiplier"
    if gap in (" ", "\u00a0"):
        return (next_kind != "number" or kind == "multiplier" or (tens and after < 10)
                or (before == 4 and after == 20))
    return False


def _word_runs(text: str, words: Words, taken: list[tuple[int, int]]) -> Iterable[tuple[int, int, list[str]]]:
    """Runs of number words that form one numeral, outside the ``taken`` spans."""
    run: list[tuple[int, int, str]] = []
    for m in _WORD.finditer(text):
        word = m.group().rstrip(".")
        if word.lower() in ("et", "and"):
            continue  # judged by _joined, from the gap between its neighbours
        if any(s <= m.start() < e for s, e in taken) or not words.get(word):
            if run:
                yield run[0][0], run[-1][1], [w for _, _, w in run]
                run = []
            continue
        if run and not _joined(words, run[-1][2], text[run[-1][1]:m.start()], word):
            yield run[0][0], run[-1][1], [w for _, _, w in run]
            run = []
        run.append((m.start(), m.start() + len(word), word))
    if run:
        yield run[0][0], run[-1][1], [w for _, _, w in run]


def _compose(tokens: list[str], words: Words) -> tuple[Optional[float], bool, list[float]]:
    """The value of a run of number words (None when it is not a number), whether it is
    scaled, and the counts met before a multiplier or scale (trois in trois mille)."""
    total = current = 0.0
    numeric = scaled = False
    partial: list[float] = []
    for token in tokens:
        kind, value = words.get(token)
        if kind == "number":
            if value == 20 and current % 100 == 4:  # quatre-vingt(s): 4 × 20
                current += 76
            else:
                current += value
            numeric = True
        elif kind in ("multiplier", "scale"):
            if current:
                partial.append(current)
            if kind == "multiplier" and value == 100:
                current = (current or 1) * 100
            elif kind == "multiplier":
                total += (current or 1) * value
                current = 0
            else:
                total = (total + (current or 1)) * value
                current = 0
                scaled = True
            numeric = True
        else:
            return None, False, []
    return (total + current if numeric else None), scaled, partial


def _calendar(kind: str, value: float) -> Optional[Value]:
    if kind in ("month", "weekday"):
        return (kind, value)
    return None


def source_quantities(text: str, words: Words) -> list[Quantity]:
    """Every reading of every number and date in a source segment (generous)."""
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in _NUMERAL.finditer(text):
        readings = _parse_numeral(m.group(), generous=True)
        values = {("n", _key(v)) for v in readings}
        primary = readings[0] if readings else None
        end = m.end()
        after = _SOURCE_GAP_TO_SCALE.match(text, end)
        if not (after and words.get(after.group(1))):
            after = _GAP_TO_SCALE.match(text, end)
        scaled = False
        if after and words.get(after.group(1)) and words.get(after.group(1))[0] in ("scale", "multiplier"):
            factor = words.get(after.group(1))[1]
            values |= {("n", _key(v * factor)) for _, v in values}
            primary = primary * factor if primary is not None else None
            end, scaled = after.end(), True
        glued = _AFTER.match(text, m.end())
        numbers = [v for kind, v in values if kind == "n"]
        if glued and glued.group().lower() in _SOURCE_HOUR or text[m.end():m.end() + 2] in (" h",):
            values |= {("n", v - 12) for v in numbers if 13 <= v <= 23}
        before = text[max(0, m.start() - 8):m.start()].split()
        if before and before[-1].lower() in _DECADE_CUES:
            values |= {("n", 1900 + v) for v in numbers if 10 <= v < 100}
            values |= {("n", 2000 + v) for v in numbers if v < 30}
        if scaled and out and _RANGE.match(text[out[-1].end:m.start()]):
            # 327 et 440 milliards, de 2 à 3 millions: the scale is shared.
            prev = out[-1]
            out[-1] = Quantity(prev.start, prev.end, prev.values | {("n", _key(v * factor)) for _, v in prev.values},
                               True, prev.value)
        out.append(Quantity(m.start(), end, frozenset(values), scaled, primary))
        taken.append((m.start(), end))
    for start, end, tokens in _word_runs(text, words, taken):
        value, scaled, partial = _compose(tokens, words)
        if all(words.get(t)[0] == "scale" for t in tokens):
            continue  # des millions, M. (Monsieur): no count
        if tokens[0].lower() == "cent" and text[max(0, start - 5):start].lower() == "pour ":
            continue  # pour cent: the percent sign
        values: set[Value] = set()
        if value is not None:
            values.add(("n", _key(value)))
            values.update(("n", _key(v)) for v in partial)
        else:  # a date or an approximate number: each word stands for itself
            for token in tokens:
                kind, v = words.get(token)
                values.add(_calendar(kind, v) or ("n", _key(v)))
        out.append(Quantity(start, end, frozenset(values), scaled, value))
    return sorted(out, key=lambda q: q.start)


def target_quantities(text: str, words: Words) -> list[Quantity]:
    """The numbers and dates of a target segment that its source must account for (strict)."""
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in _NUMERAL.finditer(text):
        if m.start() and (text[m.start() - 1].isalpha() or text[m.start() - 1] in "-/"
                          and m.start() > 1 and text[m.start() - 2].isalpha()):
            continue  # G20, A-320, COVID-19: part of a name
        glued = _AFTER.match(text, m.end())
        values = {("n", _key(v)) for v in _parse_numeral(m.group(), generous=False)}
        if regex.fullmatch(r"[0-9]{1,2}[.:][0-9]{2}", m.group()):  # 4.30pm, 21.31: a time of day
            values |= {("n", float(p)) for p in regex.findall(r"\d+", m.group())}
        end = m.end()
        scaled = False
        if glued:
            suffix = glued.group()
            entry = words.get(suffix)
            if suffix.lower() in _TARGET_SUFFIX or suffix.lower() in ("am", "pm"):
                end = glued.end()
            elif entry and entry[0] == "scale":  # $2bn, €5m (also 5 metres: keep the bare number)
                values |= {("n", _key(v * entry[1])) for _, v in values}
                end, scaled = glued.end(), True
            else:
                taken.append((m.start(), glued.end()))
                continue  # 3D, 4G, 10km: a code or a unit glued to digits
        else:
            after = _GAP_TO_SCALE.match(text, m.end())
            entry = words.get(after.group(1)) if after else None
            if entry and entry[0] in ("scale", "multiplier") and not after.group(1).endswith("s"):
                scaled_values = {("n", _key(v * entry[1])) for _, v in values}
                # 5 m, 3 k: an abbreviation may be a unit, so the bare number stays possible.
                values = scaled_values | values if len(after.group(1)) <= 2 else scaled_values
                end, scaled = after.end(), True
        out.append(Quantity(m.start(), end, frozenset(values), scaled))
        taken.append((m.start(), end))
    for start, end, tokens in _word_runs(text, words, taken):
        if len(tokens) == 1:
            kind, v = words.get(tokens[0])
            cal = _calendar(kind, v)
            if cal:
                if _is_calendar_use(text, start, end, tokens[0]):
                    out.append(Quantity(start, end, frozenset({cal})))
                continue
            if kind in ("scale", "multiplier") or (kind == "number" and v == 1):
                continue  # millions of, a thousand, one of them: not a count the source must match
        if any(words.get(t)[0] in ("month", "weekday") for t in tokens):
            continue
        if regex.match(r"-\p{L}", text[end:end + 2]) or (tokens[0][0].isupper() and regex.search(r"\p{L}\W? $", text[:start])):
            continue  # three-dimensional, two-party; Tiger Holding Four: an adjective or a name
        value, scaled, _ = _compose(tokens, words)
        if value is not None:
            out.append(Quantity(start, end, frozenset({("n", _key(value))}), scaled, value, True))
    return sorted(out, key=lambda q: q.start)


def _is_calendar_use(text: str, start: int, end: int, word: str) -> bool:
    """A capitalised calendar word used as a date (May, March and abbreviations only beside a digit)."""
    if not word[0].isupper():
        return False
    if word.rstrip(".") in ("May", "March") or len(word.rstrip(".")) <= 4:  # Jan, Sept: also names
        near = text[max(0, start - 4):start] + text[end:end + 5]
        return bool(regex.search(r"\d", near))
    return True
