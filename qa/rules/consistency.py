"""MT42x: consistency — days and dates that contradict each other after translation."""
from __future__ import annotations

import datetime
import itertools
from collections import deque
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Optional

import regex

from ..document import Document
from ..finding import Hit, Severity
from ..lexicon import load_table
from ..pack import Pack
from ..patterns import compiled
from .base import Rule


def _longest_first(word: str) -> tuple[int, str]:
    """Longer alternatives first (a prefix must not hide them); ties in a fixed order, so that the
    pattern, a cache key, is the same in every process."""
    return -len(word), word


@dataclass(frozen=True)
class Calendar:
    """The target language's calendar words (``corpora/<tgt>/calendar.tsv``)."""

    weekdays: dict[str, int]  # Monday → 0
    months: dict[str, int]  # January, Jan → 1
    relative: frozenset[str]  # yesterday, today …

    @cached_property
    def weekday_pattern(self) -> str:
        return "(?:" + "|".join(sorted(self.weekdays, key=_longest_first)) + ")"

    @cached_property
    def relative_pattern(self) -> str:
        return "(?:" + "|".join(sorted(self.relative, key=_longest_first)) + ")"

    @cached_property
    def month_pattern(self) -> str:
        return "(?:" + "|".join(sorted(self.months, key=_longest_first)) + r")\.?"

    @cached_property
    def full_month_pattern(self) -> str:
        """The months by their longest names (January, not Jan.), in a fixed order."""
        longest = {max((n for n, k in self.months.items() if k == number), key=len)
                   for number in set(self.months.values())}
        return "|".join(sorted(longest, key=_longest_first))

    def is_time_word(self, word: str) -> bool:
        return word in self.weekdays or word in self.months or word.lower() in self.relative


@lru_cache(maxsize=16)  # by pack: rules ask once per document, and building the path costs more
def calendar(pack: Pack) -> Calendar:
    return _calendar(pack.root / pack.target_lang / "calendar.tsv")


@lru_cache(maxsize=None)
def _calendar(path: Path) -> Calendar:
    rows = load_table(path, ("word", "kind", "note")) if path.is_file() else []
    by_kind: dict[str, dict[str, int]] = {"weekday": {}, "month": {}, "relative": {}}
    for r in rows:
        by_kind[r["kind"]][r["word"]] = int(r["number"]) if r.get("number") else 0
    return Calendar(by_kind["weekday"], by_kind["month"], frozenset(by_kind["relative"]))


# Words between two day names that make two days legitimate: a range, a sequence, a second
# clause, a plan or a report of something said on the first day about the second.
_SECOND_EVENT = frozenset("""
added after agreed and announced as before between but by confirmed could decided declared due
expected from later may might next or planned postponed previous promised reported said says
scheduled set should since stated that then through till to told until warned when whereas which
while who will would
""".split())


# The second day dates a noun, not the clause: "the victims of the floods on Thursday" (an
# event of `event_nouns.tsv` in a phrase after a preposition; "the adoption of the text on
# Wednesday" stays reported) or "the man arrested on Sunday" (a participle after its noun,
# once the clause has had its verb: a word in -ed, or an irregular past, earlier on).
_PAST = r"(?:\p{L}+ed|(?:up|with|re|over|under|mis)?(?:made|lost|held|won|taken|given|seen|found|built|sent|left|met|struck|shot|caught|brought|bought|sold|paid|kept|spent|written|chosen|drawn|beaten|stolen|broken|begun|done|known|hit|set|cut))"
_NOUN_PHRASE_END = compiled(r"\b(?:of|for|from|about|over|after|before|since|into|in|at|against|with|during)"
                            r" (?:the|a|an|his|her|its|their|this|that|these|those|last) (?:[\p{L}'-]+ ){0,2}?"
                            r"(?P<noun>[\p{L}'-]+) $")
_PARTICIPLE_END = compiled(rf"\b{_PAST} (?:[\p{{L}}'-]+ )+(?<!\b(?:has|have|had|was|were|is|are|been|be) )"
                           rf"{_PAST} $", regex.IGNORECASE)


def _dates_a_noun(mid: str, events: frozenset[str]) -> bool:
    """Whether the words before the second day make it date a noun of the clause, not its verb."""
    phrase = _NOUN_PHRASE_END.search(mid)
    return bool(phrase and phrase.group("noun").lower() in events or _PARTICIPLE_END.search(mid))


class ConflictingDays(Rule):
    """A clause dated to one day by its opening and to another by its verb, or two days in apposition.

    **What it does**
    Finds a sentence that opens with "On <day>," (or "<Day> evening,") and whose first clause
    then places the same event "on <another day>" ("On Sunday, fighting continued on
    Wednesday"), with no word between them that could introduce a second event (and, until,
    said, will …); two different weekdays set side by side for one date ("next
    Wednesday, Tuesday 22 April"); and "Sunday, the day after Friday's accident".

    **Why is this bad?**
    French news writes "Les combats, qui ont éclaté dimanche, se poursuivaient mercredi";
    a translation that keeps both days and drops the relative clause tells the reader the
    same thing happened on two different days. A day said to be "the day after" (or "before")
    another that is not next to it is the same slip.

    **Example**
    bad: [[On Monday, the strike continued on Thursday]] at the port. => -
    good: On Monday, the union said the strike would continue on Thursday.
    good: On Monday, talks resumed and on Thursday they failed.
    good: The strike, which began on Monday, continued on Thursday.
    good: On Wednesday, prosecutors charged the man arrested on Sunday.
    good: On Tuesday, police released details of the attack on Saturday.
    bad: The match will be played [[next Wednesday, Tuesday 22]] April. => -
    bad: [[Friday evening, the envoys hailed the vote on Wednesday]] in New York. => -
    good: The match will be played next Tuesday, 22 April.
    good: Strikes are called for Monday, Tuesday 4 and Wednesday 5 March.
    good: Friday evening, the envoys said the vote would be held on Wednesday.
    bad: The prosecutor opened an inquiry on [[Sunday, the day after Friday]]'s accident. => -
    good: The prosecutor opened an inquiry on Sunday, the day after Saturday's accident.
    good: They met on Monday, the day before Tuesday's vote.

    **Fix safety**
    No automatic fix: only the source tells which day belongs to which event.
    """

    code = "MT421"
    name = "conflicting-days"
    category = "consistency"
    severity = Severity.MAJOR
    fixable = "never"
    confidence = 0.7

    def check(self, doc: Document) -> Iterator[Hit]:
        cal = calendar(doc.pack)
        opening, apposition = _conflict_patterns(cal.weekday_pattern, cal.month_pattern)
        events = doc.pack.target_words("event_nouns")
        for span in doc.sentences:
            m = opening.match(doc.norm, span.start, span.end)
            if m and m.group("d1") != m.group("d2") and not any(
                    w.lower() in _SECOND_EVENT for w in m.group("mid").split()) and not _dates_a_noun(m.group("mid"), events):
                yield Hit(m.start(), m.end(),
                          f"the clause is dated {m.group('d1')} and {m.group('d2')}: one of the days belongs "
                          "to another event", None, "none")
        for m in apposition.finditer(doc.norm):
            if m.group("d1") != m.group("d2"):
                yield Hit(m.start(), m.end(), f"one date is given two weekdays, {m.group('d1')} and {m.group('d2')}",
                          None, "none")
        for m in _day_after_pattern(cal.weekday_pattern).finditer(doc.norm):
            step = 1 if m.group("rel") == "after" else -1
            if (cal.weekdays[m.group("d1")] - cal.weekdays[m.group("d2")] - step) % 7:
                yield Hit(m.start(), m.end(), f"{m.group('d1')} is not the day {m.group('rel')} {m.group('d2')}",
                          None, "none")


@lru_cache(maxsize=None)
def _conflict_patterns(days: str, months: str) -> tuple[regex.Pattern, regex.Pattern]:
    part = "(?: (?:morning|afternoon|evening|night))?"
    opening = compiled(
        rf"(?:\"\s*)?(?:On (?P<d1>{days}){part},?|(?P<d1>{days}){part},) "
        rf"(?P<mid>(?:[\p{{L}}'-]+ ){{1,8}}?)on (?P<d2>{days})\b")
    apposition = compiled(
        rf"(?:\b(?:next|last|this) )?\b(?P<d1>{days}), (?:on )?(?P<d2>{days}),? (?:the )?(?:\d{{1,2}}|{months})"
        rf"(?![^.;]{{0,25}}(?:\band\b|\bor\b|,)\s*{days})")  # not a list: "Monday, Tuesday 4 and Wednesday 5"
    return opening, apposition


@lru_cache(maxsize=None)
def _day_after_pattern(days: str) -> regex.Pattern:
    """"on Sunday, the day after Friday's accident": a day and the one it is said to follow or precede."""
    return compiled(rf"\b(?P<d1>{days}),? the day (?P<rel>after|before) (?:the )?(?P<d2>{days})\b")


class WeekdayDateMismatch(Rule):
    """A weekday and a full date that do not fall on the same day.

    **What it does**
    Finds a weekday written next to a date with its year ("Wednesday, September 30, 2020",
    "Monday 3 October 2021") and checks the calendar: the date must fall on that weekday.
    Dates of one month are checked against each other, with or without a year: a weekday
    must lie as many days after another as its date does ("Friday 6 February … Saturday 8
    February", "Tuesday May 14 … Wednesday May 14"); a date with no year in another month is
    checked in the same way against the date before it.

    **Why is this bad?**
    Translation shifts French dates ("mercredi 30 septembre") and weekdays independently,
    and a wrong pair is a factual error the reader cannot resolve.

    **Example**
    bad: The vote took place on [[Tuesday, March 3, 2021]], in Geneva. => -
    bad: It opened on [[Thursday 12 June 2020]] in Lyon. => -
    bad: The strike began on Tuesday May 14. On [[Wednesday May 14]], the region called for talks. => -
    bad: The river rose on Friday 6 February and fell on [[Saturday 8 February]]. => -
    bad: Hail fell on Saturday 26 August; claims close on [[Friday 14 September]]. => -
    good: The vote took place on Wednesday, March 3, 2021, in Geneva.
    good: It opened on Friday 12 June 2020 in Lyon.
    good: It opened on Thursday (June 12) in Lyon.
    good: The strike began on Tuesday May 14. On Wednesday May 15, the region called for talks.
    good: A strike on Tuesday 24 March, twelve days after that of Thursday 12 March.
    good: It opened on Tuesday May 14, 2024, and closes on Wednesday May 14, 2025.
    good: Hail fell on Saturday 26 August; claims close on Thursday 14 September.
    good: On Monday 16 January 2023 the inspectors weighed 38kg; prices have climbed since the season opened on Monday 5 December.
    good: The Cité opened on Friday, May 6, 2022. Two years on, the city released figures on Monday, June 10.

    **Fix safety**
    No automatic fix: either the weekday or the date may be the wrong one.
    """

    code = "MT422"
    name = "weekday-date-mismatch"
    category = "consistency"
    severity = Severity.MAJOR
    fixable = "never"
    confidence = 0.9

    def check(self, doc: Document) -> Iterator[Hit]:
        cal = calendar(doc.pack)
        # The first date given in each month (and year, if written): weekday, day and the text.
        first: dict[tuple[int, str], tuple[int, int, str]] = {}
        # The last date that fitted, and where it ends: weekday, month, day, text.
        last: Optional[tuple[int, int, int, str]] = None
        last_end = 0
        for m in _date_pattern(cal.weekday_pattern, cal.month_pattern).finditer(doc.norm):
            month = cal.months[m.group("month").rstrip(".")]
            day = int(m.group("day1") or m.group("day2"))
            weekday = cal.weekdays[m.group("weekday")]
            end = m.end() - (not m.group("year") and doc.norm[m.end() - 1] == ".")  # a full stop, not the date's
            before = first.setdefault((month, m.group("year") or ""), (weekday, day, m.group()))
            if (weekday - before[0] - (day - before[1])) % 7:
                yield Hit(m.start(), end, f"this weekday does not fit “{before[2].strip(' .')}”, given earlier",
                          None, "none")
                continue
            if not m.group("year") and last and m.start() - last_end < _DATE_REACH \
                    and not _ANOTHER_YEAR.search(doc.norm, last_end, m.start()) and not _fits(last, weekday, month, day):
                yield Hit(m.start(), end, f"this weekday does not fit “{last[3].strip(' .')}”, given earlier",
                          None, "none")
                continue
            last, last_end = (weekday, month, day, m.group()), m.end()
            if not m.group("year"):
                continue
            try:
                date = datetime.date(int(m.group("year")), month, day)
            except ValueError:
                yield Hit(m.start(), m.end(), "this date does not exist", None, "none")
                continue
            if date.weekday() != cal.weekdays[m.group("weekday")]:
                actual = next(w for w, n in cal.weekdays.items() if n == date.weekday())
                yield Hit(m.start(), m.end(),
                          f"{date.isoformat()} is a {actual}, not a {m.group('weekday')}", None, "none")


#: How far apart two dates of different months are compared: about one article's length, not
#: the items of a file that gathers many.
_DATE_REACH = 5000


_YEAR_IN = compiled(r"[0-9]{4}")
# Between two dates, a sign that the later one may be in another year: "Two years on, …".
_ANOTHER_YEAR = compiled(r"(?i:\b(?:years?|months)\s+(?:on|later)\b)")


def _fits(before: tuple[int, int, int, str], weekday: int, month: int, day: int) -> bool:
    """Whether a weekday and a date with no year may fall in the year of the date ``before``,
    or in the year after it (an earlier month) or before it (a later month: a season that opened
    "on Monday 5 December" told after "Monday 16 January 2023"): the days between the two dates
    must match the weekdays', in a leap year or in another."""
    first_weekday, first_month, first_day, _ = before
    if month == first_month:
        return True  # checked against the month's first date
    # A later month may be in the year before only after a date whose year is written: "Thursday
    # 16 October … Tuesday 27 November" are the same autumn.
    shifts = (0, 1) if month < first_month else (0, -1) if _YEAR_IN.search(before[3]) else (0,)
    for year in (2023, 2024):  # a common year, then a leap year
        for shift in shifts:
            try:
                days = (datetime.date(year + shift, month, day) - datetime.date(year, first_month, first_day)).days
            except ValueError:
                continue  # 29 February in a common year
            if (days - (weekday - first_weekday)) % 7 == 0:
                return True
    return False


@lru_cache(maxsize=None)
def _date_pattern(weekdays: str, months: str) -> regex.Pattern:
    ordinal = r"(?:st|nd|rd|th)?"
    return compiled(
        rf"\b(?P<weekday>{weekdays}),?\s+\(?(?:(?:the\s+)?(?P<day1>[0-9]{{1,2}}){ordinal}(?:\s+of)?\s+"
        rf"(?P<month>{months})|(?P<month>{months})\s+(?P<day2>[0-9]{{1,2}}){ordinal}\b)(?:,?\s+(?P<year>[0-9]{{4}})\b\)?)?")


class PartExceedsWhole(Rule):
    """A part larger than the whole it belongs to: "620 million euros, of which 1.2 billion".

    **What it does**
    Finds an amount followed by "of which", "of whom", "including" or "among them" and a
    second amount of the same kind (no percentage, no unit of measure, no other noun: "8
    hospitals, including 12 wards" counts something else), and reports the pair when the
    part is larger than the whole. Millions, billions and thousands are read as such; an
    amount whose separators could be read two ways (French "3,400") is left alone.

    **Why is this bad?**
    French "dont" introduces a part of the figure before it; when a translation garbles one
    of the two figures or their scales, the sentence states something impossible.

    **Example**
    bad: The mission cost [[620 million euros, of which 1.2 billion]] for the satellite. => -
    bad: Police arrested [[12 people, including 15]] minors. => -
    bad: The fund raised [[$2 million, including $5 million]] from donors. => -
    good: The mission cost 1.2 billion euros, of which 620 million for the satellite.
    good: Police arrested 12 people, including 5 minors.
    good: Sales reached 3 million units, of which 40% abroad.
    good: He scored 10 goals in 5 games, including 7 penalties.
    good: The match lasted 2 hours, including 30 minutes of extra time.
    good: Leicester won 4-2, including 3 goals from set pieces.
    good: The 2024 budget, including 300 million for schools, passed.

    **Fix safety**
    No automatic fix: only the source text tells which figure is wrong.
    """

    code = "MT423"
    name = "part-exceeds-whole"
    category = "consistency"
    severity = Severity.MAJOR
    fixable = "never"
    confidence = 0.8

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.norm
        if not any(words in text for words in ("of which", "of whom", "including", "among them")):
            return
        for m in _PART_OF_WHOLE.finditer(text):
            if _YEAR.fullmatch(m.group("n1")) or _YEAR.fullmatch(m.group("n2")) \
                    or _CONTAINER_BEFORE.search(text, max(0, m.start() - 10), m.start()):
                continue
            if not _same_kind(m.group("unit").split(), (m.group("after") or "").split()):
                continue
            whole, part = _amount(m.group("n1"), m.group("s1")), _amount(m.group("n2"), m.group("s2"))
            if whole is not None and part is not None and part > whole:
                end = m.end("s2") if m.group("s2") else m.end("n2")
                yield Hit(m.start(), end, f"the part ({text[m.start('n2'):end]}) is larger than the whole it "
                          "belongs to", None, "none")


_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6}
_NUMBER = r"\d[\d,.]*"
_SCALE = rf"(?:{'|'.join(_SCALE_WORDS)})\b"
_CURRENCY = r"[$\u00a3\u20ac]?"
# After an amount: not a share ("40%", "12 per cent").
_NOT_SHARE = r"(?![\d,.]*\s*(?:%|per\s*cent|percent))"
# A whole, up to three words of unit (euros, people, tonnes of grain), then the part; a part
# followed by % or "per cent" is a share, not an amount.
_PART_OF_WHOLE = compiled(
    rf"(?<![\d,.\-\u2013]){_CURRENCY}(?P<n1>{_NUMBER})\s*(?P<s1>{_SCALE})?(?P<unit>(?:\s+[\p{{Ll}}-]+){{0,3}}),?\s+"
    rf"(?:of\s+(?:which|whom)|including|among\s+them)\s+{_CURRENCY}(?P<n2>{_NUMBER})"
    rf"{_NOT_SHARE}(?:\s*(?P<s2>{_SCALE}))?(?P<after>\s+[\p{{Ll}}-]+)?")
# Units of measure: "2 hours, including 30 minutes" changes unit, and compares nothing.
_MEASURES = frozenset("""
second seconds minute minutes min hour hours hr hrs day days week weeks month months year years
mm cm m km metre metres meter meters kilometre kilometres kilometer kilometers mile miles
g kg gram grams kilogram kilograms kilo kilos tonne tonnes ton tons litre litres liter liters
hectare hectares acre acres point points goal goals lap laps floor floors storey storeys
""".split())
_YEAR = compiled(r"(?:1[89]|20)\d\d")
# "10 goals in 5 games, including 7 penalties": the part belongs to the figure before.
_CONTAINER_BEFORE = compiled(r"\b(?i:in|over|across|from|after|during|within|per)\s+\G", regex.REVERSE)
_PLAIN_NUMBER = compiled(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")


def _same_kind(unit: list[str], after: list[str]) -> bool:
    """Whether the part counts what the whole counts: no unit of measure on either side, and
    after the part nothing, a preposition, or the whole's own noun ("12 people, including 15
    minors" names people; "8 hospitals, including 12 wards" does not)."""
    if any(w in _MEASURES for w in unit + after):
        return False
    noun = after[0] if after else ""
    return not noun or noun in _PART_PREPOSITIONS or (bool(unit) and (
        noun.rstrip("s") == unit[-1].rstrip("s") or unit[-1] in _PEOPLE))


_PART_PREPOSITIONS = frozenset("for from in at on to of by with".split())
_PEOPLE = frozenset("people persons individuals victims dead injured wounded".split())


def _amount(number: str, scale: str | None) -> float | None:
    """The value of an amount written the English way, or None when its separators are odd."""
    number = number.rstrip(".,")
    if not _PLAIN_NUMBER.fullmatch(number):
        return None
    return float(number.replace(",", "")) * _SCALE_WORDS.get(scale or "", 1)


class BreakdownSumMismatch(Rule):
    """Two parts that do not add up to the total they break down: "62 firefighters, 40 from
    Nantes and 12 from Saint-Herblain".

    **What it does**
    Finds a total broken down into two parts joined by "and", in one sentence: after the total
    and a comma ("214 strikers, 130 in the morning and 96 in the afternoon"), after "Of the"
    and the total, or before it ("8.4 million in 2022 and 5.1 million in 2023, or 12.5
    million"). It reports the sentence when the parts add up to more than the total, or, for a
    breakdown set off by a comma or summed with "or", "that is" or "a total of", to less. A
    breakdown opened with "of which", "including" or "Of the" may be partial: there only a sum
    above the total is reported. "Of the four skiers, two …; the three others …" must add up. Shares (%), measures, years and lists after a colon are left
    alone.

    **Why is this bad?**
    A translation that garbles one figure of a breakdown leaves the sentence contradicting
    itself; the reader cannot tell which figure is right.

    **Example**
    bad: In total, [[62 firefighters were mobilised, 40 from Nantes and 12]] from Saint-Herblain. => -
    bad: [[Of the 52,000 demonstrators, 31,000 had come from Flanders and 26,000]] from Wallonia. => -
    bad: The deficit reached [[8.4 million euros in 2022 and 5.1 million in 2023, or 12.5 million]] over two years. => -
    bad: It posted [[380 million euros, of which 210 million in the first quarter and 190 million]] in the second. => -
    good: In total, 62 firefighters were mobilised, 50 from Nantes and 12 from Saint-Herblain.
    good: Police made 25 arrests, including 10 in Paris and 8 in Lyon.
    good: Of the 52,000 demonstrators, 31,000 had come from Flanders and 16,000 from Wallonia.
    good: The deficit reached 8.4 million euros in 2022 and 5.1 million in 2023, or 13.5 million over two years.
    good: Turnout was 62 percent, 40 percent in the north and 12 percent in the south.
    good: Every day 2,500 accidents occur, 3 people die and 27 are left disabled.
    good: The money has three sources: 12 million euros in capital, 6 million in loans and 4 million from sponsors.
    good: Of the 620 employees, 410 work in production, 150 in maintenance and 60 in administration.
    good: A family might spend $4,800 on flights, $2,100 on lodging and $900 on a guide, $7,800 in all.
    good: Of the 2.4 million euros, 1.5 million euros is going to advertising, 600,000 euros to events and 300,000 euros to a shuttle.
    bad: [[Of the four skiers, two were buried; the three others]] raised the alarm. => -
    good: Of the four skiers, two were buried; the two others raised the alarm.
    good: Its budget is €48,000, of which €30,000 comes from the clubs, €12,000 from the region and €6,000 from sponsors.

    **Fix safety**
    No automatic fix: only the source text tells which figure is wrong.
    """

    code = "MT425"
    name = "breakdown-sum-mismatch"
    category = "consistency"
    severity = Severity.MAJOR
    fixable = "never"
    confidence = 0.75

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.norm
        if "other" in text:
            yield from self._rest_mismatches(doc)
        if " and " not in text:
            return
        for m in _BREAKDOWN.finditer(text):
            if any(w in _MEASURES for w in (m.group("unit") or "").split()):
                continue
            if text[max(0, m.start() - 5):m.start()].rstrip().endswith(":"):
                continue  # "three sources: 12 million …, 6 million … and 4 million": a list, not a total
            if m.group("nt") and _OF_THE_BEFORE.search(text, max(0, m.start() - 60), m.start()):
                continue  # "Of the 620 employees, 410 work …, 150 … and 60 …": the first of three parts
            if m.group("nt") and self._first_of_a_list(text, m):
                continue  # "$4,800 on flights, $2,100 on lodging and $900 on a guide": three parts
            numbers = [m.group(n) for n in ("nt", "nt2", "n1", "n2") if m.group(n)]
            if any(_YEAR.fullmatch(n) for n in numbers):
                continue
            scale = m.group("st") or m.group("st2")
            total = _amount(m.group("nt") or m.group("nt2"), scale)
            # A part without a scale word takes the total's ("380 million, of which 210 and 170").
            parts = [_amount(m.group(n), m.group(s) or scale) for n, s in (("n1", "s1"), ("n2", "s2"))]
            if total is None or None in parts:
                continue
            if not all(self._counts_the_same(text, _amount_end(m, n, s), m.group("unit"))
                       for n, s in (("n1", "s1"), ("n2", "s2"))):
                continue  # "2,500 accidents occur, 3 persons die and 27 …": other things counted
            found = sum(parts)
            complete = m.group("nt2") is not None or not (m.group("partial") or m.group("of_the"))
            if found > total * 1.001 or (complete and found < total * 0.999):
                yield Hit(m.start(), _amount_end(m, *(("nt2", "st2") if m.group("nt2") else ("n2", "s2"))),
                          "the parts of this breakdown do not add up to its total", None, "none",
                          0.8 if found > total else 0.65)


    @staticmethod
    def _rest_mismatches(doc: Document) -> Iterator[Hit]:
        """"Of the four skiers, two were buried; the three others …": the rest must make up the total."""
        values = doc.pack.target_mapping("number_words", "word", "value")
        def value(word: str) -> Optional[int]:
            return int(word) if word.isascii() and word.isdigit() else (
                int(values[word.lower()]) if values.get(word.lower(), "").isdigit() and int(values[word.lower()]) < 100 else None)
        for m in _THE_OTHERS.finditer(doc.norm):
            total, part, rest = value(m.group("total")), value(m.group("part")), value(m.group("rest") or m.group("rest2"))
            if None not in (total, part, rest) and part + rest != total:
                yield Hit(m.start(), m.end(), f"{part} and the {rest} others do not make {total}", None, "none", 0.8)

    @staticmethod
    def _first_of_a_list(text: str, m: regex.Match) -> bool:
        """Whether the would-be total is the first of three parallel parts: the preposition after
        the next figure ("$2,100 on lodging") already stood between it and the comma ("$4,800 on
        flights,"), where a total names what it counts ("62 firefighters were mobilised, 40 from")."""
        after = _WORD_AFTER.match(text, _amount_end(m, "n1", "s1"))
        word = after.group(1).lower() if after else ""
        if word in _CURRENCIES:  # "600,000 euros to events"
            after = _WORD_AFTER.match(text, after.end())
            word = after.group(1).lower() if after else ""
        lead = text[_amount_end(m, "nt", "st"):m.start("partial") if m.group("partial") else m.start("n1")]
        return word in _PART_PREPOSITIONS and word in lead.lower().split()

    @staticmethod
    def _counts_the_same(text: str, end: int, unit: Optional[str]) -> bool:
        """Whether the part ending at ``end`` counts what the total counts: nothing, a
        preposition or a verb of the breakdown after it, or the total's own noun."""
        after = _WORD_AFTER.match(text, end)
        word = after.group(1).lower() if after else ""
        nouns = (unit or "").split()
        return (not word or word in _PART_PREPOSITIONS or word in _BREAKDOWN_VERBS or word in _CURRENCIES
                or bool(nouns) and word.rstrip("s") == nouns[0].rstrip("s"))


_WORD_AFTER = compiled(r"\s+([\p{L}'-]+)")
# "Of the 620 employees, " right before a figure: that figure is a part, not a total.
_OF_THE_BEFORE = compiled(rf"\b[Oo]f\s+the\s+{_NUMBER}(?:\s+[\p{{L}}-]+){{1,3}},\s+\G", regex.REVERSE)
# Verbs that say where the parts of a total came from: "31,000 had come from Flanders".
_BREAKDOWN_VERBS = frozenset("had have has were was are is came come went".split())
_CURRENCIES = frozenset("euro euros dollar dollars pound pounds franc francs yen yuan".split())
# A word between the figures of a breakdown: no figure but a year ("5.1 million in 2023").
_WORD_OR_YEAR = r"\s+(?!and\b)(?:[\p{L}'-]+|(?:19|20)\d\d)"
# Two parts: a number, its scale, up to five words, "and", a number.
_PARTS = (rf"(?P<n1>{_NUMBER})\s*(?P<s1>{_SCALE})?{_NOT_SHARE}(?:{_WORD_OR_YEAR}){{0,5}}?\s+and\s+{_CURRENCY}"
          rf"(?P<n2>{_NUMBER})\s*(?P<s2>{_SCALE})?{_NOT_SHARE}")
_BREAKDOWN = compiled(
    # A total, its unit, perhaps a verb phrase, a comma, then the parts ("62 firefighters were
    # mobilised, 40 from … and 12 …"), or "Of the" and a total ("Of the 52,000 demonstrators, …").
    rf"(?<![\d,.\-\u2013])(?:(?P<of_the>\b[Oo]f\s+the\s+)?{_CURRENCY}(?P<nt>{_NUMBER})\s*(?P<st>{_SCALE})?"
    rf"{_NOT_SHARE}(?P<unit>(?:\s+[\p{{Ll}}-]+){{1,3}})(?:\s+[\p{{Ll}}-]+){{0,4}}?,\s+"
    rf"(?P<partial>(?:of\s+(?:which|whom)|including|among\s+them)\s+)?{_CURRENCY}{_PARTS}"
    # or the parts, then "or" and their total ("… and 5.1 million in 2023, or 12.5 million").
    rf"|{_CURRENCY}{_PARTS}(?:{_WORD_OR_YEAR}){{0,4}}?,\s+(?:or|that\s+is|i\.e\.|making|a\s+total\s+of)\s+"
    rf"{_CURRENCY}(?P<nt2>{_NUMBER})\s*(?P<st2>{_SCALE})?)")


_COUNT = r"(?:[0-9]{1,4}|[a-z]{3,9})"
# "Of the four skiers, two were completely buried; the three others …" ("…, the other three").
_THE_OTHERS = compiled(rf"\b[Oo]f\s+the\s+(?P<total>{_COUNT})\s+(?:[\p{{Ll}}-]+\s+){{0,2}}?\p{{Ll}}+s,\s+(?P<part>{_COUNT})\s+"
                       rf"[^.;:!?\n]{{3,120}}?[;,]\s+(?:and\s+|while\s+|but\s+|whereas\s+)?the\s+"
                       rf"(?:(?P<rest>{_COUNT})\s+others|other\s+(?P<rest2>{_COUNT}))\b")


def _amount_end(m: regex.Match, number: str, scale: str) -> int:
    """Where an amount of ``m`` ends: after its scale word, if it has one."""
    return m.end(scale) if m.group(scale) else m.end(number)


class NearDuplicateFigures(Rule):
    """One count given twice with figures a slip apart: "450,000 ducks … 540,000 ducks".

    **What it does**
    Finds a number of at least 10 followed by a plural noun (ducks, bottles, communes), perhaps
    after a word that qualifies it (milk producers), that the article gave a few paragraphs
    before, in another sentence, with the same noun and a figure of as many digits whose digits
    are the same in another order, or (from 100) differ in one place. Units of measure, money, years and sentences that compare or update a figure ("up
    from", "rose to", "last year") are left alone.

    **Why is this bad?**
    A digit swapped or changed in transcription or translation (450,000 → 540,000) makes
    the article contradict itself, and the reader cannot tell which figure is right.

    **Example**
    bad: Nearly 450,000 ducks were culled in the area. Farmers said [[540,000 ducks]] had been lost. => -
    bad: The drought hit 112 communes in May. The prefect listed [[121 communes]] under restrictions. => -
    bad: The cooperative gathers 64 milk producers. At Monday's meeting, the [[46 producers]] voted to hold firm. => -
    good: The club had 12 coaches in May. Last year it had 21 coaches. It now has 15 coaches.
    good: Nearly 450,000 ducks were culled. By Sunday, 900,000 ducks had been lost.
    good: The stage covered 120 kilometres. The leaders rode the last 102 kilometres alone.
    good: The plant made 400,000 bottles. This year it made 450,000 bottles, up from last year.
    good: The firm sold 1,300 cars. Its rival sold 1,300 cars too.
    good: The chain cut prices on 500 products. Its main competitor will match them on 300 products.

    **Fix safety**
    No fix: only the source tells which figure is right.
    """

    code = "MT424"
    name = "near-duplicate-figures"
    category = "consistency"
    severity = Severity.MAJOR
    fixable = "never"
    confidence = 0.6

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.norm
        # noun → (digits, sentence, match) of its counts within reach, oldest first
        seen: dict[str, deque[tuple[str, int, regex.Match]]] = {}
        for m in _COUNT.finditer(text):
            digits, noun = m.group("n").replace(",", ""), m.group("noun")
            if noun in _MEASURES or noun in _MONEY or _YEAR.fullmatch(digits):
                continue
            here = doc.sentence_index(m.start())
            earlier = seen.setdefault(noun, deque())
            while earlier and m.start() - earlier[0][2].start() > _FIGURE_REACH:
                earlier.popleft()  # out of reach: a one-line feed of many articles stays linear
            slip = next((e for e in earlier if e[1] != here and _one_slip(e[0], digits)), None)
            if slip is not None and not _compares(doc, here) and not _compares(doc, slip[1]):
                yield Hit(m.start(), m.end(), f"“{m.group()}” here, but “{slip[2].group()}” earlier: one of the "
                          "figures has a digit swapped or changed", None, "none",
                          0.7 if sorted(slip[0]) == sorted(digits) else None)
            earlier.append((digits, here, m))


# A count: a number of two digits or more, then a plural noun, perhaps after a word that
# qualifies it ("64 milk producers").
_COUNT = compiled(r"(?<![\p{L}\p{N}.,$\u00a3\u20ac-])(?P<n>\d{1,3}(?:,\d{3})+|\d{2,})(?![\p{N}]|[.,]\d)"
                  r"(?: \p{Ll}{3,}(?<!and|the|for|per|new|old|more|less))? (?P<noun>\p{Ll}{3,}s)\b")
_MONEY = frozenset("""euros dollars pounds francs crowns kronor kroner yen yuan rupees roubles rubles pesos
zlotys forints cents pence""".split())
# Words that compare a figure with another or update it: two figures are then both meant.
_CHANGE_CUES = compiled(r"\b(?i:from|than|compared|against|rose|risen|rising|fell|fallen|falling|increased|"
                        r"decreased|grew|grown|instead|rather|last year|previous|until|so far|to date|by now|"
                        r"another|additional|further|extra)\b")
#: How far apart (characters) two mentions of one count may be: a long article, not a whole feed.
_FIGURE_REACH = 6000


def _compares(doc: Document, i: int) -> bool:
    """Whether sentence ``i`` compares or updates a figure."""
    sentence = doc.sentences[max(i, 0)]
    return bool(_CHANGE_CUES.search(doc.norm, sentence.start, sentence.end))


def _one_slip(a: str, b: str) -> bool:
    """Two different figures of as many digits: the same digits in another order, or one changed
    unless both are one digit and zeros (round figures, 300 and 500 products, are often two
    counts of different things)."""
    if a == b or len(a) != len(b):
        return False
    if sorted(a) == sorted(b):
        return True
    if len(a) < 3:
        return False  # two digits: only swapped (64 and 46), as 12 and 15 are often two counts
    return sum(x != y for x, y in zip(a, b)) == 1 and max(len(a.rstrip("0")), len(b.rstrip("0"))) >= 2


class NameSpelling(Rule):
    """One person's surname spelt two ways: "Sandrine Mollet … Sandrine Molet".

    **What it does**
    Finds a first name followed by two surnames that differ by one letter (added, dropped or
    changed), or that are the same letters with a space or hyphen more ("Le Marchand" and
    "Lemarchand" after "Mr" or a first name), and a surname met only after a title two letters
    away from one given with a first name ("Julie Marchal … Ms Marchant"). The less frequent spelling is reported (the later
    one when both are as frequent), with the other as the suggestion. First names that are
    common English words, surnames that are common words (Field, Prize), names of five letters or
    fewer with a letter changed (Marten, Martin), two spellings met only in one sentence ("Anne
    Martin and Anne Marten") or further apart than a long article are left alone.

    **Why is this bad?**
    Translation engines and hurried editors change a letter of an unfamiliar name (Delpeyrat
    becomes Delpeyrac, Le Goff becomes Le Gof); the reader cannot tell whether there are two
    people or which spelling is right.

    **Example**
    bad: Sandrine Mollet leads the union. The offer was judged unacceptable by Sandrine [[Molet]]. => Mollet
    bad: Jean-Marc Delpeyrat grows truffles near Vergt. Jean-Marc [[Delpeyrac]] wants sanctions. => Delpeyrat
    bad: For Yannick Le Goff, the line is a rebirth. On board, Yannick [[Le Goffic]] checks the tickets. => Le Goff
    bad: Yves Lemarchand runs the line. Mr [[Le Marchand]] says it will close. => Lemarchand
    bad: Julie Marchal, 26, is a nurse. Ms [[Marchant]] has been looking for a flat for five months. => Marchal
    bad: Marc Le Goff chairs the committee. M. [[Legoff]] says he is ready to go to court. => Le Goff
    good: Marie Durand met Marie Durant, her namesake from Lyon, and Paul Durand.
    good: Sandrine Mollet spoke first; Sandrine Mollet's deputy spoke next.
    good: Anne Martin and Anne Marten were both elected.
    good: Julie Marchal is a nurse. Ms Marchand, her landlady, has raised the rent.
    good: Zora Neale Hurston opened the way for many more Zora Neale Hurstons.

    **Fix safety**
    Unsafe: the spelling used more often is usually the right one, but only the source can tell.
    """

    code = "MT426"
    name = "name-spelling"
    category = "consistency"
    severity = Severity.MAJOR
    fixable = "sometimes"
    confidence = 0.7

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.norm
        # (first name or title, surname) → offsets of its surname, in order
        mentions: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for m in people(doc):
            key = _TITLE_KEY if m.group("title") else m.group("first")
            mentions.setdefault((key, m.group("surname")), []).append((m.start("surname"), m.end("surname")))
        surnames: dict[str, dict[str, list[tuple[int, int]]]] = {}
        for (key, surname), spans in mentions.items():
            surnames.setdefault(key, {}).setdefault(surname, []).extend(spans)
        titled = surnames.pop(_TITLE_KEY, {})
        titled_index = _by_deletion(titled)
        # Surnames met only after a title ("Ms Marchant"), by their forms with two letters deleted:
        # such a name two slips away from a full name ("Julie Marchal") is that person's.
        named = {surname for spellings in surnames.values() for surname in spellings}
        titled_only = {surname: spans for surname, spans in titled.items() if surname not in named}
        reported: set[tuple[int, int]] = set()
        for spellings in surnames.values():
            pairs = itertools.chain(_variant_pairs(spellings, titled, titled_index),
                                    _two_slips(spellings, titled_only, text))
            for odd, usual in pairs:
                odd_spans, usual_spans = (spellings.get(x, titled.get(x, [])) for x in (odd, usual))
                if any(doc.pack.is_common_word(x.lower()) for x in (odd, usual)):
                    continue  # "Nobel Prize", "Nobel Prizes"; "John Field", "Sally Fields"
                if min(abs(a - b) for a, _ in odd_spans for b, _ in usual_spans) > NAME_REACH:
                    continue  # two articles of a feed: two people
                if odd == usual + "s" and all(_MANY_BEFORE.search(text, max(0, start - 60), start)
                                              for start, _ in odd_spans):
                    continue  # "many more Zora Neale Hurstons": a name made plural
                if len({doc.sentence_index(start) for start, _ in odd_spans + usual_spans}) < 2:
                    continue  # "Anne Martin and Anne Marten were both elected": two people
                for span in odd_spans:
                    if span not in reported:
                        reported.add(span)
                        yield Hit(*span, f"“{odd}” here, “{usual}” elsewhere: one person's name spelt two ways",
                                  usual, "unsafe")


def people(doc: Document) -> Iterator[regex.Match]:
    """Every first name (group ``first``) or title (``title``) followed by a surname (``surname``),
    overlapping ("on Thursday Loïc Le Goff" gives Loïc's too). A common word is no first name ("Since
    Molet …") unless it is a listed one inside a sentence ("the director, Marc Delorme"); hyphenated
    ones are kept (Jean-Marc, whatever its parts)."""
    for m in _PERSON.finditer(doc.norm, overlapped=True):
        first = m.group("first")
        if m.group("title") is None and (first in PARTICLES or "-" not in first
                                         and doc.pack.is_common_word(first.lower())
                                         and (first not in doc.pack.first_names or doc.sentence_at(m.start()).start == m.start())):
            continue
        yield m


_TITLE_KEY = "(title)"
_MANY_BEFORE = compiled(r"\b(?i:more|many|other|few|several|new|future|next|all|these|those)\s+"
                        r"(?:\p{Lu}[\p{L}'\u2019.-]*\s+){1,3}\G", regex.REVERSE)
#: How far apart (characters) two spellings may be: one long article, not a whole feed.
NAME_REACH = 6000
NAME_WORD = r"\p{Lu}[\p{Ll}\u2019']*\p{Ll}(?:-\p{Lu}\p{Ll}+)?"
# A first name (or a title) and a surname, which may begin with a particle (Le Goff, de Villiers).
PARTICLES = ("Le", "La", "De", "Du", "Van", "Von", "de", "du", "van", "von")
_PERSON = compiled(rf"(?<![\p{{L}}\p{{N}}'’-])(?:(?P<title>(?:Mr|Mrs|Ms|Dr|Mme|Mlle)\.?|M\.)|(?P<first>{NAME_WORD}))"
                   rf"\s(?P<surname>(?:(?:{'|'.join(PARTICLES)})\s)?\p{{Lu}}\p{{Ll}}+(?:-\p{{Lu}}\p{{Ll}}+)?)"
                   rf"(?![\p{{L}}\p{{N}}'’-])")


def _variant_pairs(spellings: dict[str, list[tuple[int, int]]], titled: dict[str, list[tuple[int, int]]],
                   titled_index: dict[str, set[str]]) -> Iterator[tuple[str, str]]:
    """(odd spelling, usual spelling) for each surname after one first name that is a slip of
    another after it or after a title: the odd one is the rarer, or the later of two as frequent.
    Candidates are found through their one-letter deletions, not by comparing every pair (a feed
    names thousands of people)."""
    every = {**titled, **spellings}
    own = _by_deletion(spellings)
    done: set[frozenset[str]] = set()
    for a in sorted(spellings, key=lambda s: spellings[s][0]):
        keys = _deletions(a)
        candidates = set().union(*(own.get(k, ()) for k in keys), *(titled_index.get(k, ()) for k in keys))
        if a[:-2] in every:
            candidates.add(a[:-2])  # two letters more at the end (Le Goffic): not one deletion away
        for b in sorted(candidates, key=lambda s: every[s][0]):
            if frozenset((a, b)) in done or not _slip(a, b):
                continue
            done.add(frozenset((a, b)))
            count_a, count_b = len(every[a]), len(every[b])
            yield (b, a) if (count_b, -every[b][0][0]) < (count_a, -every[a][0][0]) else (a, b)


def _two_slips(spellings: dict[str, list[tuple[int, int]]], titled_only: dict[str, list[tuple[int, int]]],
               text: str) -> Iterator[tuple[str, str]]:
    """(odd, usual) for a surname met only after a title that is two slips from one given with a
    first name before it ("Julie Marchal … Ms Marchant", "Sophie Garnier … Ms Grenier"): names of
    six letters or more with the same first letter. The one after the title is the odd one; one
    introduced in apposition ("Ms Marchand, her landlady,") is someone else."""
    if not titled_only:
        return
    index: dict[str, set[str]] = {}
    for name, spans in titled_only.items():
        if len(name) >= 6 and not any(_INTRODUCED.match(text, end) for _, end in spans):
            for key in _two_deletions(name):
                index.setdefault(key, set()).add(name)
    for a in spellings:
        if len(a) < 6:
            continue
        near = set().union(*(index.get(key, ()) for key in _two_deletions(a)))
        for b in sorted(near):
            if b[0] == a[0] and spellings[a][0][0] < titled_only[b][0][0] and not _slip(a, b) \
                    and _edits(_squeezed(a), _squeezed(b)) == 2:
                yield b, a


# Right after a name: an apposition or an age that introduces a person ("Ms Marchand, her landlady,").
_INTRODUCED = compiled(r"\s*,\s*(?:\d{1,3}\s*,|(?:a|an|the|his|her|their|its|our)\b)")


def _two_deletions(name: str) -> set[str]:
    return {d for one in _deletions(name) for d in _deletions(one)}


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (names are short: the table is a few dozen cells)."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def _by_deletion(names: Iterable[str]) -> dict[str, set[str]]:
    """Each name under its squeezed form and every form with one letter deleted."""
    index: dict[str, set[str]] = {}
    for name in names:
        for key in _deletions(name):
            index.setdefault(key, set()).add(name)
    return index


def _deletions(name: str) -> set[str]:
    squeezed = _squeezed(name)
    return {squeezed, *(squeezed[:i] + squeezed[i + 1:] for i in range(len(squeezed)))}


def _squeezed(name: str) -> str:
    return _SPACE_OR_HYPHEN.sub("", name).lower()


_SPACE_OR_HYPHEN = compiled(r"[\s-]")


def _slip(a: str, b: str) -> bool:
    """Two spellings of one name: the same letters but for a space or a hyphen, one letter added
    or dropped (Mollet, Molet), one changed in a name of more than five letters, or two added at
    the end of one of five letters or more (Le Goff, Le Goffic)."""
    if a == b:
        return False
    if _squeezed(a) == _squeezed(b):
        return True
    short, long = sorted((a, b), key=len)
    if len(long) == len(short) + 2 and long.startswith(short) and len(_squeezed(short)) >= 5:
        return True  # an ending added: Le Goff, Le Goffic
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    if len(a) == len(b):  # a letter changed: Martin and Marten may be two people, Delpeyrat and Delpeyrac not
        return len(a) > 5 and sum(x != y for x, y in zip(a, b)) == 1
    i = next((k for k, (x, y) in enumerate(zip(short, long)) if x != y), len(short))
    return short[i:] == long[i + 1:]
