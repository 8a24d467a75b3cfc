"""MT427: consistency — one person given two ages in one article."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

import regex

from ..document import Document
from ..finding import Hit, Severity
from ..patterns import compiled
from .base import Rule
from .consistency import NAME_REACH, NAME_WORD, PARTICLES

_NAME = rf"(?P<name>{NAME_WORD}(?:\s(?:(?:{'|'.join(PARTICLES)})\s)?{NAME_WORD}){{0,2}})"
_TITLE = r"(?:(?P<title>Mr|Mrs|Ms|Dr|Mme|Mlle|M(?=\.))\.?\s)?"
# "Hélène Marchetti, 52, …", "Mr Roux, a 36-year-old engineer", "the 54-year-old breeder Jean Vidal".
_AGE_AFTER_NAME = compiled(
    rf"(?<![\p{{L}}\p{{N}}'’-]){_TITLE}{_NAME},\s(?:an?\s)?(?P<age>[0-9]{{1,3}})(?:(?=[,;]|\.(?!\d))|-year-old\b)")
_AGE_BEFORE_NAME = compiled(
    rf"\b(?i:the|a|an)\s(?P<age>[0-9]{{1,3}})-year-old\s(?:[\p{{Ll}}-]+\s){{0,3}}?{_TITLE}{_NAME}(?![\p{{L}}'’-])")
# "At 74, Mr Coutelier says he is ready": the age opening the sentence, then the person.
_AGE_AT_NAME = compiled(rf"(?<![\p{{L}}'’-])[Aa]t\s(?P<age>[0-9]{{1,3}}),\s{_TITLE}{_NAME}(?![\p{{L}}'’-])")
# "the 62-year-old mayor", no name after: the one person the article gave that role.
_AGE_BEFORE_ROLE = compiled(r"\b(?i:the)\s(?P<age>[0-9]{1,3})-year-old\s(?P<role>\p{Ll}{3,})(?![\p{L}'’-]|\s\p{Lu})")
# "the mayor, " right before a name: the role the name holds ("The mayor, Jean-Pierre Castet, 66,").
_ROLE_BEFORE = compiled(r"(?<![\p{L}'’-])[Tt]he\s(?P<role>\p{Ll}{3,}),\s\G", regex.REVERSE)
# A sentence that dates what it says: the two ages may be years apart ("In 2010 Paul Roux, 38, …").
_DATED = compiled(r"\b(?:(?:1[89]|20)\d\ds?|ago|at the time|back then|in those days|aged?\s+\d+\s+then)\b",
                  regex.IGNORECASE)


@dataclass(frozen=True)
class _Mention:
    start: int  # of the age
    end: int
    age: int
    first: Optional[str]  # None after a title or for a surname alone
    surname: str


class AgeMismatch(Rule):
    """One person given two ages in one article: "Hélène Marchetti, 52, … Hélène Marchetti, 54".

    **What it does**
    Reads the ages written next to a name ("Hélène Marchetti, 52,", "Mr Roux, a 36-year-old
    engineer", "the 54-year-old breeder Jean Vidal", "At 74, Mr Coutelier", and "the 62-year-old mayor" when the
    article named one mayor: "The mayor, Jean Castet, 66") and reports a later age that differs
    from the first one given to the same person, with that first age as the suggestion. A surname
    alone or after a title is the same person as a first name and that surname only when the
    article names one person of that surname. Two ages in one sentence ("Anne Leroy, 34, and
    Anne Leroy, 61"), sentences that date what they say outside a quotation (a year, "ago",
    "at the time") and mentions further apart than a long article are left alone.

    **Why is this bad?**
    Translation engines and editors copy figures by hand and a digit slips; the reader cannot
    tell which age is right.

    **Example**
    bad: Hélène Marchetti, 52, leads the collective. Hélène Marchetti, [[54]], promises to keep fighting. => 52
    bad: Paul Roux, 36, founded the firm. Today the [[38]]-year-old engineer Paul Roux employs ten people. => 36
    bad: Léa Morel, 24, won the race. “I cried,” said Ms Morel, [[26]], after the finish. => 24
    bad: Ana Roca, 52, sings. Ana Roca, [[54]], adds: “Since 2019, nobody has listened.” => 52
    bad: The mayor, Jean Castet, 66, has hardly slept. For the [[62]]-year-old mayor, the road is a lifeline. => 66
    bad: Bernard Coutelier, 71, leads the protest. At [[74]], Mr Coutelier says he is ready to go to court. => 71
    good: Marie Dupont, 45, runs the farm with her son. Louis Dupont, 17, milks the cows.
    good: In 2010 Paul Roux, 38, founded the firm. Paul Roux, 52, still runs it.
    good: Anne Leroy, 34, and Anne Leroy, 61, share a name but not a family.
    good: Léa Morel, 24, won the race. Ms Morel, 24, said she cried.
    good: Paul Dubois, 68, sells truffles. At 68, Mr Dubois still walks the oaks every morning.

    **Fix safety**
    Unsafe: the first age given is usually the right one, but only the source can tell.
    """

    code = "MT427"
    name = "age-mismatch"
    category = "consistency"
    severity = Severity.MAJOR
    fixable = "sometimes"
    confidence = 0.85

    def check(self, doc: Document) -> Iterator[Hit]:
        mentions = sorted(_mentions(doc), key=lambda m: m.start)
        firsts: dict[str, set[str]] = {}
        for m in mentions:
            if m.first is not None:
                firsts.setdefault(m.surname, set()).add(m.first)
        for i, later in enumerate(mentions):
            for earlier in mentions[:i]:
                if not _same_person(earlier, later, firsts) or later.start - earlier.start > NAME_REACH:
                    continue
                if earlier.age != later.age and not _apart_in_time(doc, earlier, later):
                    yield Hit(later.start, later.end,
                              f"{later.surname} is {earlier.age} earlier in the article: one of the two ages is wrong",
                              str(earlier.age), "unsafe")
                break  # the first mention of the person is the one compared with


def _mentions(doc: Document) -> Iterator[_Mention]:
    roles: dict[str, set[str]] = {}  # a role ("mayor") → the surnames given it before a name
    for pattern in (_AGE_AFTER_NAME, _AGE_BEFORE_NAME, _AGE_AT_NAME):
        for m in pattern.finditer(doc.norm):
            age = int(m.group("age"))
            words = m.group("name").split()
            if not 0 < age < 120 or any(doc.pack.is_common_word(w.lower()) or w in doc.pack.places for w in words):
                continue  # "Monday, 12", "Lens, 3": a word, a day or a place, not a person
            title = m.group("title") is not None
            surname = " ".join(words if title else words[1:]) or words[0]
            first = None if title or len(words) == 1 else words[0]
            if role := _ROLE_BEFORE.search(doc.norm, max(0, m.start() - 40), m.start()):
                roles.setdefault(role.group("role"), set()).add(surname)
            yield _Mention(m.start("age"), m.end("age"), age, first, surname)
    people = doc.pack.target_mapping("person_nouns", "word", "gender")
    for m in _AGE_BEFORE_ROLE.finditer(doc.norm):
        holders = roles.get(m.group("role"), ())
        if len(holders) == 1 and m.group("role") in people:  # "the 62-year-old mayor": the one mayor named
            yield _Mention(m.start("age"), m.end("age"), int(m.group("age")), None, next(iter(holders)))


def _same_person(a: _Mention, b: _Mention, firsts: dict[str, set[str]]) -> bool:
    if a.surname != b.surname:
        return False
    if a.first is not None and b.first is not None:
        return a.first == b.first
    return len(firsts.get(a.surname, ())) <= 1


def _apart_in_time(doc: Document, a: _Mention, b: _Mention) -> bool:
    sentences = (doc.sentence_at(a.start), doc.sentence_at(b.start))
    if sentences[0] == sentences[1]:
        return True
    # A year inside a quotation dates what the speaker says, not the age.
    return any(doc.quotation_at(m.start()) is None
               for s in sentences for m in _DATED.finditer(doc.norm, s.start, s.end))
