"""MT21x: gender — a pronoun whose gender does not fit what it refers to.

French gives every noun a gender and refers to it with il/elle; translation turns these into
he/she for countries, companies and reforms, and French possessives (son, sa) do not mark the
owner's sex, so a woman's plan becomes "his plan". Both rules resolve the antecedent
conservatively: they look at the mentions in the pronoun's sentence and the one before, and
give up whenever someone else who could be meant is in sight.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Callable, Iterable, Iterator, Optional

import ahocorasick
import regex

from ..document import Document, Quotation, Span
from ..finding import Hit, Severity
from ..lexicon.prefilter import needle_finder
from ..matchers import transfer_case
from ..pack import Pack
from ..patterns import compiled
from .base import Rule

_PRONOUN = compiled(r"(?<![\p{L}'-])(?:she|her|hers|herself|he|him|his|himself)(?![\p{L}'-])", regex.I)
GENDER = {"she": "f", "her": "f", "hers": "f", "herself": "f", "he": "m", "him": "m", "his": "m", "himself": "m"}
_HONORIFICS = {"mr": "m", "sir": "m", "lord": "m", "m": "m", "mrs": "f", "ms": "f", "mme": "f", "madame": "f",
               "miss": "f", "lady": "f", "dr": "", "prof": ""}
# A run of capitalised words: a name, a title and a name, or a multi-word organisation. The
# lookahead names the characters a match can start with (an upper-case letter, or m or d for a
# title): without it the scan tries the whole pattern at every character, three times slower.
_RUN = compiled(
    r"(?=[\p{Lu}mdMD])(?<![\p{L}\p{N}'-])(?:(?i:mr|mrs|ms|mme|dr|m)\.?[ ]+)?\p{Lu}[\p{L}\p{N}'-]*"
    r"(?:[ ]+(?:(?:of|for|de|du|des|la|le|von|van|der|al|bin|ben|the)[ ]+)?\p{Lu}[\p{L}\p{N}'-]*)*")
_TOKEN = compiled(r"\S+")
_FIRST_PERSON = frozenset(f"I{end}" for end in ("", "'m", "'ve", "'d", "'ll", "\u2019m", "\u2019ve", "\u2019d", "\u2019ll"))
_OPENING_MARKS = compiled(r"[ \"'(\[]*+")  # what may stand before a sentence's first word
_WORD_PART = compiled(r"[\p{L}'-]")  # what may not touch a noun standing as a word
_NEXT_WORD = compiled(r"\s+([\p{L}'-]+)")
_DEMONYM_ENDING = compiled(r"(?:an|ese|i|ish|ic|ch|k)$")
# What may stand before a subject: the start of the sentence, a quotation or a clause, then a
# determiner and up to two modifiers ("And the mobile operator", ", the US House"). Searched
# backwards: only a match that ends where the subject starts counts.
_CLAUSE_START = compiled(
    r"(?:^|[\"'\u00ab,;:(\u2014\u2013]|\b(?i:and|but|that|while|when|as|because|since|although|though|if|so"
    r"|after|before|where|whereas|whereby|then|yet|or|once|until|unless)\b)\s*"
    r"(?:(?i:the|this|its|their|our|a|an)\s+(?:[\p{L}'\u2019-]+\s+){0,3})?$", regex.REVERSE)
# What may precede a subject pronoun that refers back within its sentence: a comma or a
# conjunction, not a verb ("the court heard he …") or a noun ("the town she described").
_CLAUSE_OPENER = compiled(r"(?:[,;:(\u2014\u2013]|\b(?i:and|but|which|where|when|while|because|as|so|if"
                               r"|although|though|since|until|unless|whereas))\s*$", regex.REVERSE)
# A relative clause that a thing opens and whose verb comes before a possessive in it: the thing is
# the clause's subject ("In Limoges, which has lost two thirds of her porcelain makers"; not "to Lyon,
# which her mother loves").
_RELATIVE_TO_POSSESSIVE = compiled(r",\s+which\s+(?!(?:her|his|she|he|they|we|you|I|the|a|an|its|their|our|my|your)\b)"
                                   r"[^,;:.!?\n\"\u201c\u201d]*\s")
_NOUN_BEFORE_COMMA = compiled(r"(\p{L}+),\s+$", regex.REVERSE)  # "the city, " before an apposition
# At most one adverb before a pronoun that opens its sentence ("Thus he", "But she,"), or a
# participle that only a thing takes ("Built in 1971, he", "Founded by monks, she").
_THING_PARTICIPLE = (r"(?:Built|Founded|Created|Opened|Launched|Established|Inaugurated|Located|Situated|Renovated"
                     r"|Restored|Listed|Classified|Acquired)\s+[^,.;:!?\n]{1,40},\s+")
_SENTENCE_OPENING = compiled(r"[\"'(]?(?:\p{L}+,?\s+|" + _THING_PARTICIPLE + r")?$")
_AFTER_THING_PARTICIPLE = compiled(r"[\"'(]?" + _THING_PARTICIPLE + r"$")
_CLOSING_QUOTES = ("\u201d", "\"", "\u00bb", "'", "\u2019")
# Between a possessive and a person it possesses: "her [managing] director", "her director, [Name]".
_POSSESSED = compiled(r"\s+(?:[\p{L}-]+\s+){0,2}(?:[\p{L}-]+,\s+)?")


@dataclass(frozen=True, slots=True)
class Mention:
    """Something a pronoun may refer to.

    ``kind``: person, object (a country, organisation or thing), vessel, or unknown (a
    capitalised name that may be a person). ``named``: a person given a first name or an
    honorific. ``key``: what identifies a person across mentions (the surname).
    """

    start: int
    end: int
    kind: str
    gender: str = ""
    named: bool = False
    key: str = ""
    subject: bool = False
    common: bool = False  # an object named by a common noun ("the ministry"), not a proper name
    acronym: bool = False


@dataclass(frozen=True, slots=True)
class Pronoun:
    start: int
    end: int
    word: str

    @property
    def lower(self) -> str:
        return self.word.lower()

    @property
    def gender(self) -> str:
        return GENDER[self.lower]


# The referents of the document the rules are checking (they check one after another). Not a
# WeakKeyDictionary: each value holds its document, so no entry would ever be dropped.
_LAST: list = [None, None]


class Referents:
    """The mentions and pronouns of a document, with lookups by position; shared by the rules."""

    @classmethod
    def of(cls, doc: Document) -> "Referents":
        if _LAST[0] is not doc:
            _LAST[:] = [doc, cls(doc)]
        return _LAST[1]

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.pack = doc.pack
        self.text = doc.norm
        self.person_nouns = self.pack.target_mapping("person_nouns", "word", "gender")
        self.object_nouns = self.pack.target_mapping("object_nouns", "word", "kind")
        self.function_words = self.pack.target_words("function_words")
        self.calendar = self.pack.target_words("calendar")
        self.body_words = self.pack.words("body_words")
        self.demonyms = self.pack.target_words("demonyms")
        self.reporting_verbs = self.pack.target_words("reporting_verbs")
        self._mention_cache: dict[tuple[str, int], Optional[Mention]] = {}  # by kind and start
        self._named_runs: dict[int, bool] = {}  # by start
        self._surnames: dict[tuple[str, int], Optional[str]] = {}  # by surname and the offset it is met at
        self._bodies: dict[str, bool] = {}  # by name: whether the text gives it to a body or place
        self._runs_of: dict[int, tuple[list[tuple[int, str]], list[int]]] = {}  # by paragraph, with starts
        self._nouns_of: dict[int, tuple[list[tuple[int, str]], list[int]]] = {}  # by paragraph, with starts

    # Mentions are classified only where a rule looks (around pronouns), each once; the runs and
    # nouns they come from are found there too, paragraph by paragraph (neither crosses a line).
    def _runs(self, start: int, end: int) -> list[tuple[int, str]]:
        """(start, text) of the runs of capitalised words that overlap [start, end), in order."""
        found = []
        for i in self._paragraphs(start, end):
            runs, starts = self._paragraph_runs(i)
            first = max(bisect_right(starts, start) - 1, 0)  # the run holding ``start``, if any
            found += [run for run in runs[first:bisect_left(starts, end)] if run[0] + len(run[1]) > start]
        return found

    def _nouns(self, start: int, end: int) -> list[tuple[int, str]]:
        """(start, word) of the lower-case words naming a person or an object that start in
        [start, end), in order."""
        found = []
        for i in self._paragraphs(start, end):
            nouns, starts = self._paragraph_nouns(i)
            found += nouns[bisect_left(starts, start):bisect_left(starts, end)]
        return found

    def _paragraphs(self, start: int, end: int) -> range:
        """The indices of the paragraphs that may overlap [start, end)."""
        return range(max(self.doc.paragraph_index(start), 0), self.doc.paragraph_index(max(end - 1, start)) + 1)

    def _paragraph_runs(self, i: int) -> tuple[list[tuple[int, str]], list[int]]:
        return self._of_paragraph(self._runs_of, i, self._find_runs)

    def _find_runs(self, para: Span) -> list[tuple[int, str]]:
        """The runs of capitalised words of a paragraph, but for the names of those who wrote or
        photographed the article ("By Tom Lachaud in Mortagne", "Photograph: Julien Morel"):
        they are not people the article speaks of."""
        if _BYLINE.match(self.text, para.start, para.end):
            return []
        return [(r.start(), r.group()) for r in _RUN.finditer(self.text, para.start, para.end)
                if not _CREDIT_BEFORE.search(self.text, max(para.start, r.start() - 14), r.start())]

    def _paragraph_nouns(self, i: int) -> tuple[list[tuple[int, str]], list[int]]:
        return self._of_paragraph(self._nouns_of, i, self._find_nouns)

    def _of_paragraph(self, found: dict[int, tuple[list[tuple[int, str]], list[int]]], i: int,
                      find: Callable[[Span], list[tuple[int, str]]]) -> tuple[list[tuple[int, str]], list[int]]:
        """(start, text) of what ``find`` finds in paragraph ``i``, and their starts: found once."""
        if i not in found:
            items = find(self.doc.paragraphs[i])
            found[i] = items, [at for at, _ in items]
        return found[i]

    def _find_nouns(self, para: Span) -> list[tuple[int, str]]:
        """Every place a noun stands in the paragraph, found in one pass; those that stand as
        words are kept (no letter, apostrophe or hyphen touches them)."""
        text, finder = self.text, _noun_finder(self.pack)
        nouns = []
        for end, noun in finder.iter(text, para.start, para.end) if finder else ():
            at = end - len(noun) + 1
            if not _word_part(text[at - 1] if at else " ") and not _word_part(text[end + 1] if end + 1 < len(text) else " "):
                nouns.append((at, noun))
        return sorted(nouns)

    def unknown_name_with_the(self, start: int, end: int) -> bool:
        """A capitalised name after "the" in [start, end) that is no place and holds no noun of
        a body or thing ("the Northern Star", not "the National Assembly"): a ship, perhaps."""
        for m in _THE_NAME.finditer(self.text, start, end):
            after = _NEXT_WORD.match(self.text, m.end())
            words = m.group(1).split() + ([after.group(1)] if after else [])  # "the Bush administration"
            if m.group(1) not in self.pack.places and not any(
                    w.lower() in self.object_nouns or w.lower() in self.person_nouns for w in words):
                return True
        return False

    def plural_noun(self, m: Mention) -> bool:
        """A person noun in the plural (commuters, workers): the singular is in the list too."""
        word = self.text[m.start:m.end]
        return not m.named and word.endswith("s") and word[:-1] in self.person_nouns

    @cached_property
    def pronouns(self) -> list[Pronoun]:
        """The pronouns of the text, but for "his or her" and "he or she", which name anyone."""
        text = self.text
        return [Pronoun(m.start(), m.end(), m.group()) for m in _PRONOUN.finditer(text)
                if not (_EITHER_SEX_AFTER.match(text, m.end()) or _EITHER_SEX_BEFORE.search(text, max(0, m.start() - 12), m.start()))]

    # -- lookups by position ---------------------------------------------------------
    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """The mentions starting in [start, end), in order (a run's mention before a noun's)."""
        found = [(m.start, place[1] == "noun", m) for place in self._places(start, end)
                 if (m := self._mention(place)) is not None and start <= m.start < end]
        found.sort(key=lambda t: t[:2])
        return [m for *_, m in found]

    def last_mention(self, start: int, end: int, wanted: Callable[[Mention], bool]) -> Optional[Mention]:
        """The last of ``mentions_in(start, end)`` that is ``wanted``, classifying those nearest
        ``end`` first and stopping there. Walking the places backwards meets the mentions in
        reverse order: a noun inside a run (glued to a digit: "F16minister") never precedes the
        run's mention, which drops only leading function and common words."""
        for place in reversed(self._places(start, end)):
            m = self._mention(place)
            if m is not None and start <= m.start < end and wanted(m):
                return m
        return None

    def _places(self, start: int, end: int) -> list[tuple[int, str, tuple[int, str]]]:
        """(start, kind, (start, text)) of the runs and nouns whose mention may start in [start,
        end), by start. A run's mention may start after the run does (leading words dropped),
        so the run holding ``start`` is looked at too; it lies inside the run."""
        places = [(run[0], "run", run) for run in self._runs(start, end)]
        places += [(noun[0], "noun", noun) for noun in self._nouns(start, end)]
        places.sort()
        return places

    def _mention(self, place: tuple[int, str, tuple[int, str]]) -> Optional[Mention]:
        """The mention of a run or noun, classified once."""
        at, kind, args = place
        if (kind, at) not in self._mention_cache:
            classify = self._classify_run if kind == "run" else self._classify_noun
            self._mention_cache[kind, at] = classify(*args)
        return self._mention_cache[kind, at]

    def may_name_someone(self, start: int, end: int) -> bool:
        """Whether a mention starting in [start, end) may be named (by a first name or an
        honorific): false when no run there holds one, found without classifying the runs."""
        return any(self._may_be_named(*run) for run in self._runs(start, end))

    def _may_be_named(self, start: int, run: str) -> bool:
        """Whether a run holds a first name or an honorific, or ends in a surname given a first
        name earlier (looked at once per run)."""
        found = self._named_runs.get(start)
        if found is None:
            words = run.split()
            found = self._named_runs[start] = any(
                _core(w) in self.pack.first_names or _core(w).rstrip(".").lower() in _HONORIFICS for w in words) \
                or bool(self.surname_gender(_core(words[-1]), start))  # "Marquet", "Judge Marquet"
        return found

    def surname_gender(self, surname: str, before: int) -> Optional[str]:
        """The sex of the person a bare surname names, when the article gave it before with a
        first name, and only ever one sex (a first name not in the list counts as unknown): "Marta
        Kowalczyk … Kowalczyk"; "" when it did with no sex known ("Dominique Arnaud … Arnaud":
        the surname, not the man's first name Arnaud); None when it did not. Looked for in the
        ``_SURNAME_REACH`` characters before."""
        key = (surname, before)
        if key not in self._surnames:
            genders = set()
            at = self.text.find(surname, max(0, before - _SURNAME_REACH), before)
            while at >= 0:
                first = _WORD_BEFORE.search(self.text, max(0, at - _WORD_REACH), at)
                if first and not _LETTER.match(self.text, at + len(surname)) and first.group(1)[0].isupper() \
                        and not self._common(first.group(1)):  # "For Arnaud": no first name
                    genders.add(self.pack.first_names.get(first.group(1), "?"))
                at = self.text.find(surname, at + 1, before)
            seen = bool(genders)
            genders.discard("")
            if "?" in genders:  # "Jan Kowalczyk", a first name not listed: either sex
                genders = set()
            self._surnames[key] = _one(sorted(genders)) if seen else None
        return self._surnames[key]

    def pronouns_in(self, start: int, end: int) -> Iterator[Pronoun]:
        """The pronouns in [start, end), handed out one by one: a caller that stops at the first
        it looks for does not pay for copying a long sentence's pronouns."""
        starts, pronouns = self._pronoun_starts, self.pronouns
        return (pronouns[i] for i in range(bisect_left(starts, start), bisect_left(starts, end)))

    @cached_property
    def _pronoun_starts(self) -> list[int]:
        return [p.start for p in self.pronouns]

    def sentence_index(self, pos: int) -> int:
        return max(self.doc.sentence_index(pos), 0)

    def sentence(self, index: int) -> Span:
        """The sentence at ``index``; before the first one, an empty span at the start."""
        sentences = self.doc.sentences
        return sentences[index] if 0 <= index < len(sentences) else Span(0, 0)

    def reports(self, p: Pronoun) -> bool:
        """A pronoun before a reporting verb ("she says"): a speaker, a person."""
        after = _NEXT_WORD.match(self.text, p.end)
        return bool(after) and after.group(1).lower() in self.reporting_verbs

    def possessive_her(self, p: Pronoun) -> bool:
        """"her" before a noun phrase (her allies), not an object (told her to)."""
        nxt = _NEXT_WORD.match(self.text, p.end)
        if not nxt:
            return False
        word = nxt.group(1).lower()
        if word in ("most", "least", "more"):  # "her most popular beaches", not "gave her most of it"
            after = _NEXT_WORD.match(self.text, nxt.end())
            return bool(after) and after.group(1).lower() not in ("of", "than")
        return word not in self.function_words or word == "own"

    def at_sentence_start(self, pos: int) -> bool:
        """At the start of a sentence or of a quotation, where any word is capitalised."""
        start = self.sentence(self.sentence_index(pos)).start
        if _OPENING_MARKS.fullmatch(self.text, start, pos):  # not a copy of a long sentence's text
            return True
        return self.text[max(0, pos - 2):pos].strip() in ('"', "'", "\u00ab", ":")

    # -- classification --------------------------------------------------------------
    def _classify_run(self, start: int, run: str) -> Optional[Mention]:
        tokens = [(start + m.start(), m.group()) for m in _TOKEN.finditer(run)]
        # Leading function words and sentence-initial common words are not part of a name.
        # (Not the noun of a place before its name: "Lake Annecy", "River Thames".)
        while tokens and ((tokens[0][1].lower() in self.function_words and not tokens[0][1].isupper())
                          or (self.at_sentence_start(tokens[0][0]) and self._common(tokens[0][1])
                              and not self.pack.is_known_name(tokens[0][1]) and tokens[0][1] not in self.body_words
                              and not (len(tokens) > 1 and self.object_nouns.get(tokens[0][1].lower()) == "place"))):
            tokens = tokens[1:]
        if not tokens or (len(tokens) == 1 and tokens[0][1] in _FIRST_PERSON):
            return None  # "… and I have rented forty": the speaker, not a name
        of_at = next((i for i, (_, w) in enumerate(tokens) if w == "of"), None)
        if of_at is not None and of_at >= 2 and not self._common(tokens[0][1]) \
                and not any(_core(w) in self.pack.places for _, w in tokens[:of_at]):
            tokens = tokens[:of_at]  # "Camille Faure of France": a name, then where its bearer is from
        start, end = tokens[0][0], tokens[-1][0] + len(tokens[-1][1])
        words = [w for _, w in tokens]
        core = [_core(w) for w in words]
        honorific = _HONORIFICS.get(core[0].rstrip(".").lower())
        first = self._first_name_sexes(core)
        whole = _english_names(self.pack).get(" ".join(core), " ".join(core))

        # Only objects and unknown names need it: persons are judged wherever they stand.
        def subject() -> bool:
            return not words[-1].endswith("'") and not words[-1].endswith("'s") and self._subject_like(start)

        if len(core) > 1 and not self.body_words.isdisjoint(core):
            return Mention(start, end, "object", subject=subject())  # "Océane Ferries": a firm, not a woman
        if honorific is not None and len(core) > 1:
            return Mention(start, end, "person", honorific or _one(first), True, core[-1])
        if first and whole not in self.pack.places:
            if len(core) == 1 and (gender := self.surname_gender(core[0], start)) is not None:
                return Mention(start, end, "person", gender, True, core[0])  # "Anne Laurent … Laurent said"
            return Mention(start, end, "person", _one(first), True, core[-1])
        if whole in self.pack.places:
            return Mention(start, end, "object", subject=subject())
        if len(core) == 1 and core[0].isupper() and len(core[0]) > 1 and core[0].isalpha() \
                and core[0].lower() not in self.person_nouns:  # a CEO is a person
            return Mention(start, end, "object", subject=subject(), acronym=True)
        lowered = [w.lower().rsplit("-", 1)[-1] for w in core]  # "Google-chief" is a chief
        object_at = next((i for i, w in enumerate(lowered) if self.object_nouns.get(w) not in (None, "vessel")), None)
        person_at = next((i for i, w in enumerate(lowered) if w in self.person_nouns), None)
        if object_at is not None and (person_at is None or object_at < person_at):
            return Mention(start, end, "object", subject=subject())
        if person_at is not None:
            return Mention(start, end, "person", self.person_nouns[lowered[person_at]].replace("x", ""))
        if len(core) == 1 and not core[0].endswith("s") and self._demonym(core[0]) \
                and _ARTICLE_BEFORE.search(self.text, max(0, start - _WORD_REACH), start) and self._no_noun_after(end):
            # "signed the Brazilian in June": a person, not "the Brazilian army"; "the Frenchwoman" is a woman.
            sex = "f" if core[0].endswith("woman") else "m" if core[0].endswith("man") else ""
            return Mention(start, end, "person", sex)
        if any(part in self.pack.places for w in core for part in (w, *w.split("-"))) \
                or all(w in self.calendar or self._demonym(w) for w in core):
            return None  # a club or newspaper named after a place (Météo-France); a date; a nationality
        if len(core) == 1 and len(core[0]) == 1:
            return None  # "43 °C": a letter alone is no name
        if self.text[max(0, start - 4):start].lower() == "the ":
            return None  # "the Parisians": a name with an article is not a person
        if len(core) == 1 and (gender := self.surname_gender(core[0], start)):
            return Mention(start, end, "person", gender, True, core[0])
        if not words[-1].endswith(("'s", "\u2019s")) and _IN_PLACE_BEFORE.search(self.text, max(0, start - 8), start):
            return Mention(start, end, "object")  # "In Lorient, schools stayed shut": a place, not a person
        if self._names_a_body(" ".join(core)):
            return Mention(start, end, "object", subject=subject())  # "the group Huaxing … Huaxing had cut"
        return Mention(start, end, "unknown", key=core[-1], subject=subject())

    def _names_a_body(self, name: str) -> bool:
        """Whether the text gives ``name`` to a body or a place somewhere: right after a noun of
        a body ("the Chinese group Huaxing", "the operator, Transévia,"), before ", which" or ", the
        company", after "in" ("in Montluçon"), after the noun of a place or thing and "of" ("the
        city of Coblence") or after a role in a body ("the CEO of Arvel"); and never after a first
        name or a title ("the government Fischer" in French order, but "Jan Fischer": a person).
        Found once per name, by looking around each place it stands."""
        found = self._bodies.get(name)
        if found is None:
            places = list(self._standing(name))
            found = self._bodies[name] = (any(self._given_to_a_body(at, at + len(name)) for at in places)
                                          and not any(self._after_a_name(at) for at in places))
        return found

    def _standing(self, name: str) -> Iterator[int]:
        """Where ``name`` stands as a whole word."""
        text, at = self.text, self.text.find(name)
        while at >= 0:
            if not _LETTER.match(text, at + len(name)) and not (at and _LETTER.match(text, at - 1)):
                yield at
            at = text.find(name, at + 1)

    def _given_to_a_body(self, at: int, end: int) -> bool:
        text = self.text
        if _WHICH_AFTER.match(text, end):
            return True  # "Transports Garrigue, which runs the school buses": a person is "who"
        after = _BODY_NOUN_AFTER.match(text, end)
        if after and self.object_nouns.get(after.group(1).lower()) not in (None, "vessel"):
            return True  # "Ventalys, the company that operates the wind farm"
        before = _BODY_WORD_BEFORE.search(text, max(0, at - _WORD_REACH), at)
        if before and (before.group(1) in ("in", "In") and not before.group(2)
                       or self.object_nouns.get(before.group(1)) not in (None, "vessel")
                       and (not before.group(2) or text.startswith((",", ".", ";"), end))):
            return True
        if before and before.group(1) == "of" and not before.group(2):
            place = _BODY_WORD_BEFORE.search(text, max(0, before.start() - _WORD_REACH), before.start())
            if place and not place.group(2) and self.object_nouns.get(place.group(1)) in ("place", "thing"):
                return True  # "the city of Coblence", "the town of Crest", "the cellar of Lugny"
        return bool(_ROLE_OF_BEFORE.search(text, max(0, at - _WORD_REACH), at))

    def _after_a_name(self, at: int) -> bool:
        """Whether a capitalised word that is no function word stands before ``at``: a first
        name or a title ("Jan Fischer", "Minister Fischer")."""
        before = _WORD_BEFORE.search(self.text, max(0, at - _WORD_REACH), at)
        return bool(before) and before.group(1)[0].isupper() and before.group(1).lower() not in self.function_words

    def _first_name_sexes(self, core: list[str]) -> list[str]:
        """The sexes of a name's listed first names; none known when a word that may be an
        unlisted first name (not a common word or an honorific) stands before the first of them:
        "Erich Maria Remarque", not "Agriculture Minister Sophie Marchal"."""
        names = self.pack.first_names
        at = next((i for i, w in enumerate(core) if w in names), None)
        if at is None:
            return []
        if any(not self.pack.is_common_word(w) and w.rstrip(".").lower() not in _HONORIFICS and not self._demonym(w)
               for w in core[:at]):
            return [""]
        return [names[w] for w in core[at:] if w in names]

    def _classify_noun(self, start: int, word: str) -> Optional[Mention]:
        end = start + len(word)
        gender = self.person_nouns.get(word)
        if gender is not None:
            if self._describes_object(start, end) or _INFINITIVE_BEFORE.search(self.text, max(0, start - 12), start):
                return None  # "to recruit", "will judge": a verb
            return Mention(start, end, "person", gender.replace("x", ""))
        kind = self.object_nouns.get(word)
        if kind == "vessel":
            return Mention(start, end, "vessel", subject=self._subject_like(start), common=True)
        if kind is not None:
            return Mention(start, end, "object", subject=self._subject_like(start), common=True)
        return None

    def _describes_object(self, start: int, end: int) -> bool:
        """A role noun in apposition to a body or place, with no article: "the city, owner of
        the collections," (French "la ville, propriétaire des …") or "the city of Grenoble, owner
        of the rink," describes the city."""
        before = _NOUN_BEFORE_COMMA.search(self.text, max(0, start - _WORD_REACH), start)
        return bool(before) and (self.object_nouns.get(before.group(1).lower(), "vessel") != "vessel"
                                 or before.group(1) in self.pack.places) and self.text.startswith(" of ", end)

    def _common(self, word: str) -> bool:
        """A calendar word, or a common word not used elsewhere in the text as a name (Pike, Macron)."""
        return word in self.calendar or (self.pack.is_common_word(word) and word not in self.doc.proper_nouns)

    def _no_noun_after(self, end: int) -> bool:
        """Punctuation, the end, or a function word after ``end``: no noun for a word to qualify."""
        after = _NEXT_WORD.match(self.text, end)
        return after is None or after.group(1).lower() in self.function_words

    def _demonym(self, word: str) -> bool:
        """A nationality (Syrian, Azerbaijanis, French): listed, or beginning like a gazetteer place."""
        bare = word[:-1] if word.endswith("s") else word
        if word in self.demonyms or bare in self.demonyms:  # Swiss, Syrians
            return True
        return len(bare) >= 5 and bool(_DEMONYM_ENDING.search(bare)) and bare[:4] in _place_prefixes(self.pack)

    def _subject_like(self, pos: int) -> bool:
        sentence = self.sentence(self.sentence_index(pos))
        return bool(_CLAUSE_START.search(self.text[sentence.start:pos]))  # ^ is the sentence start


# Built once per pack, not per document.
@lru_cache(maxsize=16)
def _english_names(pack: Pack) -> dict[str, str]:
    """French name forms of the pack's names lexicon and their English forms (Moscou → Moscow)."""
    return {r.match: r.suggestion for r in pack.lexicon("names").rows if r.kind == "literal" and r.suggestion}


@lru_cache(maxsize=16)
def _noun_finder(pack: Pack) -> Optional[ahocorasick.Automaton]:
    """An automaton finding the lower-case nouns ``_classify_noun`` knows (person and object
    nouns); None when the pack has none."""
    return needle_finder({*pack.target_mapping("person_nouns", "word", "gender"),
                          *pack.target_mapping("object_nouns", "word", "kind")})


@lru_cache(maxsize=16)
def _place_prefixes(pack: Pack) -> frozenset[str]:
    return frozenset(w[:4] for name in pack.places for w in name.split() if len(w) >= 4)


def _word_part(c: str) -> bool:
    """Whether the character ``c`` may not touch a noun standing as a word (ASCII told apart
    without the regex engine: most characters beside a noun are)."""
    return (c.isalpha() or c in "'-") if c.isascii() else bool(_WORD_PART.match(c))


def _core(word: str) -> str:
    """A word of a name without its possessive ending (Macron's, Williams')."""
    return word[:-2] if word.endswith("'s") else word.rstrip("'")


def _one(genders: list[str]) -> str:
    """The gender several mentions agree on, or "" when they disagree or are absent."""
    return genders[0] if genders and len(set(genders)) == 1 else ""


def _named_of_other_sex(mentions: Iterable[Mention], p: Pronoun) -> list[Mention]:
    """The people named before ``p`` whose sex is known and not the pronoun's."""
    return [m for m in mentions if m.kind == "person" and m.named and m.gender and m.gender != p.gender
            and m.start < p.start]


def _in_apposition(refs: Referents, noun: Mention, named: list[Mention]) -> bool:
    """Whether a person noun describes one of the ``named`` ("their captain, Léa Marchal"), on
    its own or as the first of two ("the chief executive of Rhénalys, Bertrand Koessler")."""
    after = _NEXT_WORD.match(refs.text, noun.end)
    second = after and (after.group(1).lower() in refs.person_nouns or after.group(1) in _TITLE_AFTER_NOUN)
    ends = (noun.end, after.end()) if second else (noun.end,)
    return any(any(_NOUN_THEN_NAME.fullmatch(refs.text, end, m.start) for end in ends) if noun.end <= m.start
               else _NAME_THEN_NOUN.fullmatch(refs.text, m.end, noun.start) for m in named)


def _named_of_its_sex(refs: Referents, p: Pronoun, start: int, end: int) -> bool:
    """Whether a person of ``p``'s sex is named in [start, end)."""
    return any(m.kind == "person" and m.named and m.gender == p.gender for m in refs.mentions_in(start, end))


_TO_NEUTER = {"she": "it", "he": "it", "her": "its", "his": "its", "hers": "its", "herself": "itself",
              "himself": "itself"}


class ObjectGivenPersonalPronoun(Rule):
    """A country, organisation or thing referred to as "she" or "he".

    **What it does**
    Finds she/her/herself and he/his/himself whose antecedent is a country, a capital used
    for its government, an organisation, a company or an institution of the gazetteer, or a
    noun for a body or a thing of `object_nouns.tsv` ("the ministry", "the reform"): the
    nearest subject before the pronoun, in its sentence or the one before, with no person,
    first name, unknown name or other personal pronoun around it. Ships, boats, aircraft and
    trains, which English may call "she" (never "he"), are left alone with "she".

    **Why is this bad?**
    French refers to la Russie, la réforme or le ministère as elle or il; English refers to
    them as "it". "Russia said to herself" or "the ministry ... He believes" reads as if a
    person were meant.

    **Example**
    bad: China and [[her]] allies consider that the text goes too far. => its
    bad: Without naming anyone, Russia declared [[herself]] deeply concerned. => itself
    bad: The ministry was inspired by campaigns abroad. [[He]] believes this will save lives. => It
    bad: But Scotland, [[she]], refused to give way and Reid scored again. => it
    bad: Switzerland, which welcomes 100,000 commuters, has [[herself]] run short of homes. => itself
    bad: Anne Roy froze the accounts. The association presented [[herself]] as a humanitarian actor. => itself
    bad: The laboratory recalled several lots produced in [[her]] factory near Tours. => its
    bad: The operator, Transévia, spoke of teething troubles. [[She]] promised to act. => It
    bad: The heatwave, which began on 1 August, should reach [[her]] peak on Wednesday. => its
    bad: In Limoges, which has lost two thirds of [[her]] porcelain makers, the takeover is watched closely. => its
    good: We drove to Lyon, which her mother loves, and stayed a week.
    bad: The head of Arianespace said the launch would slip. The countdown resumed at noon.\\n\\nArianespace, which stressed the reliability of [[her]] launcher, declined to comment. => its
    bad: The management of the hospital insists that [[she]] respected every procedure. => it
    bad: The farmers' union indicated that [[she]] would maintain the blockades. => it
    bad: The company maintains that [[she]] ordered the repairs in January. => it
    bad: The prefect promised aid and will visit Dachstein the next day. Alsace, which had not seen such floods since 1990, is discovering [[her]] vulnerability. => its
    bad: By Claire Dubosc-Hamel, in Avignon\\n\\nThe Avignon Festival is heading for a record. The festival, now in its 79th year, published [[her]] first figures on Wednesday. => its
    bad: “We respected the procedures,” said the chief executive of Rhénalys, Bertrand Koessler. The company maintains that [[she]] ordered the repairs. => it
    bad: After three years, the night train makes [[his]] return. => its
    bad: The school closes in June. Built in 1971, [[he]] no longer meets the standards. => it
    bad: The SNCF hopes that [[she]] will win over travellers who would rather not take the plane. => it
    bad: The region said [[she]] would put up 3 million euros for the workers. => it
    bad: The union says [[he]] will appeal against the measure. => it
    bad: For [[her]] part, the prefecture demanded a return to the table. => its
    bad: The coach left. For [[his]] part, the club insists that its project is unchanged. => its
    good: China and its allies consider that the text goes too far.
    good: Marta Nowak hurt her knee on Saturday.\n\nThe club said that she would miss the final.
    good: The goalkeeper was injured on Saturday.\n\nThe club says she will be out for a month.
    good: For her part, the minister said the talks would go on. For his part, the company's founder stayed silent.
    good: A cyclist was hurt in the crash. The hospital insists that she is out of danger.
    good: Anne Roy, a nurse, was hurt on Monday.\\n\\nThe ward reopened.\\n\\nThe hospital insists that she is out of danger.
    bad: Anne Roy, a nurse, was hurt.\\n\\nThe ward reopened.\\n\\nIt was busy.\\n\\nThe hospital insists that [[she]] respected every procedure. => it
    good: Paul Roux took over the farm in 1992. “Nobody will buy our milk. We are finished.” If the cooperative closes, he will have to sell his cows.
    good: “Ask me again in June,” she says. Exports matter more. The United States, which takes a third of her wine, worries her most.
    good: The government Fischer fell in May. Jan Fischer said that he would stay on as an adviser.
    good: Its founder, Gérard Le Bihan, was sentenced to four years. The court also pronounced a ban on running a charity. His former treasurer, Nathalie Corre, received eighteen months.
    good: The minister, Anna Kowalska, said Poland would not change her position.
    good: The ship left Brest on Monday and she reached the Azores in a week.
    good: Russia expelled him and his wife in March.
    good: The club lost on Sunday. Its captain presented herself to the press.
    good: The court heard he had accepted gifts.
    good: The villa reopened. Each of the 18 craftspeople who worked on it has his or her name on a plaque.
    good: The school expects every pupil to bring his or her own laptop, the academy said.
    good: TOURS, France, May 17 — Camille Faure of France won the biggest title of her career on Sunday.
    good: The board met Claire Dupont on Friday. The company, which had lost its founder, is discovering her talent.
    good: She has spent the winter with forecasters from Météo-France, the national weather service, learning to read the ocean for herself.
    good: For Sandrine Lafitte, a union delegate, the plan is a betrayal. The company received 12 million euros of public aid in 2020, during the Covid crisis. Her message to the board was blunt.

    **Fix safety**
    Unsafe: the antecedent is a guess, and the verb or the sentence may need rewording
    ("said to herself" is better "said it was").
    """

    code = "MT210"
    name = "object-gender"
    category = "gender"
    severity = Severity.MAJOR
    fixable = "sometimes"
    confidence = 0.8

    def check(self, doc: Document) -> Iterator[Hit]:
        refs = Referents.of(doc)
        flagged: set[int] = set()
        for p in refs.pronouns:
            confidence = self._judge(refs, p, flagged)
            if confidence is None:
                continue
            flagged.add(p.start)
            word = doc.text[p.start:p.end]
            suggestion = transfer_case(word, _TO_NEUTER[p.lower])
            yield Hit(p.start, p.end, f"“{word}” refers to a country, organisation or thing: English uses "
                      f"“{suggestion.lower()}”", suggestion, "unsafe", confidence)

    def _judge(self, refs: Referents, p: Pronoun, flagged: set[int]) -> Optional[float]:
        """The confidence that ``p`` stands for an object, or None."""
        if p.lower in ("his", "her") and self._part_of_a_body_after(refs, p):
            return 0.8  # "For her part, the prefecture demanded …" ("pour sa part, la préfecture")
        if p.lower == "him" or (p.lower == "her" and not refs.possessive_her(p)):
            return None  # an object pronoun names someone the object acted on
        if p.word[0].islower() and refs.at_sentence_start(p.start) and not refs.text.endswith(":", 0, p.start - 1):
            return None  # "he government": a word that lost its first letter (after a colon, lower case is right)
        here = refs.sentence_index(p.start)
        if p.lower in ("his", "her") and _EACH_OF.search(refs.text, refs.sentence(here).start, p.start):
            return None  # "Each of the skippers we met has borrowed to pay his crew": one of them
        start = refs.sentence(here - 1).start
        quote = refs.doc.quotation_at(p.start)
        end = min(refs.sentence(here).end, quote.end) if quote else refs.sentence(here).end
        reflexive = p.lower in ("herself", "himself")
        # Looked at before the mentions, which cost far more to classify (a reflexive's, after).
        # A pronoun of its sex later in its sentence ("The cooperative asked her members to vote,
        # and she …") may stand for the body named there too: it is judged with the antecedent.
        # (One before it, not taken for a thing, was judged to name someone.)
        chain: Optional[Pronoun] = None  # the first of them
        if not reflexive:
            sentence_end = refs.sentence(here).end
            for q in self._pronouns_near(refs, p, start, end, flagged):  # stops at the first that names someone
                if not (q.gender == p.gender and p.start < q.start < sentence_end
                        and refs.doc.quotation_at(q.start) == quote and not refs.reports(q)):
                    return None
                chain = chain or q
        # A thing stands as an antecedent when it is a subject: of its clause, or of a relative
        # clause that holds the possessive ("In Limoges, which has lost … her porcelain makers").
        # A plural noun of people ("200 families") is no antecedent of a singular pronoun.
        possessive = p.lower in ("his", "her")
        antecedent = refs.last_mention(start, p.start, lambda m: (
            m.kind != "object" or m.subject or possessive and _RELATIVE_TO_POSSESSIVE.fullmatch(refs.text, m.end, p.start))
            and not (m.kind == "person" and refs.plural_noun(m)))
        if antecedent is None or not (antecedent.kind == "object" or antecedent.kind == "vessel" and p.gender == "m"):
            return None  # English may call a ship "she", never "he"
        if chain and not (antecedent.subject and refs.sentence_index(antecedent.start) == here
                          and antecedent.start < chain.start):
            return None
        # A reflexive is bound in its clause: when its subject is named in its sentence, what
        # stands before that subject ("Anne Roy froze the accounts. The association presented
        # herself …") is not what it refers to, nor what follows it ("… as a humanitarian actor").
        bound = (reflexive and antecedent.subject and refs.sentence_index(antecedent.start) == here
                 and refs.doc.quotation_at(antecedent.start) == quote
                 # … unless a pronoun of its sex opens the sentence before it ("She has spent the
                 # winter with forecasters from Météo-France, …, learning to read the ocean for herself")
                 and not any(q.gender == p.gender and q.start not in flagged
                             for q in refs.pronouns_in(refs.sentence(here).start, antecedent.start)))
        if reflexive and next(self._pronouns_near(refs, p, antecedent.start if bound else start, end, flagged), None):
            return None
        if refs.doc.quotation_at(antecedent.start) != quote and not (
                reflexive and self._quoted_fragment(refs, quote, antecedent, here)):
            return None
        # "Scotland, she, refused", "Spain, herself confronted with …" and "The ministry, for his
        # part,": French "l'Écosse, elle, …", "l'Espagne, elle-même …" and "pour sa part" resume
        # the subject just named, whoever was spoken of before.
        resumptive = (refs.text[antecedent.end:p.start] == ", " and (reflexive or refs.text.startswith(",", p.end))
                      or p.lower in ("his", "her") and _FOR_ITS_PART.fullmatch(refs.text, antecedent.end, p.end + 5))
        if not resumptive and not bound and p.lower not in ("he", "she") and self._possessor_before(
                refs, p, here, start, flagged, named=refs.sentence_index(antecedent.start) != here):
            # Someone of that sex was spoken of just before: a possessive may be theirs ("… she
            # says. Exports matter. The United States, which takes a third of her wine").
            return None
        # Anyone named from the sentence before to the end of the pronoun's sentence (or of its
        # quotation) may be the one meant; after the pronoun, a person or a name as subject
        # ("when he won, Obama said").
        window = (antecedent.start if bound else start, p.start) if reflexive else (start, end)
        mentions = () if resumptive else refs.mentions_in(*window)
        # Those named before the pronoun whose sex is not its own, and the nouns that describe them.
        others = _named_of_other_sex(mentions, p)
        # A possessive in the clause whose subject is the body: someone only described in an
        # earlier sentence ("the prefect", "a farmer"), or a name there that is no subject (a
        # place, likely), is no likelier its owner.
        governs = p.lower == "her" and antecedent.subject and refs.sentence_index(antecedent.start) == here \
            and not any(antecedent.end <= m.start < p.start for m in mentions)
        for m in mentions:
            if m.kind == "person" and refs.plural_noun(m):
                continue  # "100,000 commuters": no antecedent of a singular pronoun
            if m.start > p.start and p.lower in ("his", "her") and _POSSESSED.fullmatch(refs.text, p.end, m.start) \
                    and not self._named_earlier(refs, p, here):
                continue  # "Her managing director, Thierry Cadiou": the one possessed, not the owner
            if m in others or m.kind == "person" and not m.named and m.gender != p.gender and _in_apposition(refs, m, others):
                continue  # "The minister, Laurent Dacier, … France, which exports 40% of her wines"
            if governs and m.start < refs.sentence(here).start and not m.gender and (
                    m.kind == "person" and not m.named or m.kind == "unknown" and not m.subject):
                continue  # "… the prefect will visit Dachstein. Alsace, which …, is discovering her vulnerability"
            if m.kind in ("person", "unknown") and (m.start < p.start or m.kind == "person" or m.subject):
                return None
            if m.kind == "vessel" and p.gender == "f" and m.start < p.start:
                return None  # English may call a ship "she" (not one named after the pronoun: "… avoid the plane")
        same_sentence = refs.sentence_index(antecedent.start) == here
        if same_sentence and p.lower in ("he", "she") and _SUBORDINATE_OPENING.match(refs.text, refs.sentence(here).start) \
                and self._spoken_of_earlier(refs, p, here, flagged):
            return None  # "… he took over the farm. “…” If the cooperative closes, he would have to sell"
        if p.lower in ("he", "she") and not self._opens_clause(refs, p, same_sentence, antecedent, flagged):
            return None
        confidence = 0.85 if same_sentence and p.lower not in ("he", "she") else 0.75 if same_sentence else 0.65
        if antecedent.common:
            confidence -= 0.1
        if antecedent.acronym:
            confidence = min(confidence, 0.6)
        return confidence

    @staticmethod
    def _part_of_a_body_after(refs: Referents, p: Pronoun) -> bool:
        """"For her part, the prefecture …", "For his part, the ministère des Transports …": the
        body named right after, as the sentence's subject, is whose part it is."""
        if not refs.text.endswith("For ", 0, p.start) or not refs.at_sentence_start(p.start - 4):
            return False
        m = _BODY_AFTER_PART.match(refs.text, p.end)
        if m is None:
            return False
        if m.group("french"):
            return True
        words = m.group("words").lower().split()
        return (refs.object_nouns.get(words[-1]) in ("body", "place")
                and not any(w in refs.person_nouns for w in words))

    @staticmethod
    def _pronouns_near(refs: Referents, p: Pronoun, start: int, end: int, flagged: set[int]) -> Iterator[Pronoun]:
        """The other pronouns in [start, end) that may already name someone, one by one (a caller
        that stops at the first does not walk a long sentence); one of the other sex in the
        sentence before, or before a reflexive, cannot be the one ``p`` means."""
        reflexive = p.lower in ("herself", "himself")
        sentence_start = refs.sentence(refs.sentence_index(p.start)).start
        return (q for q in refs.pronouns_in(start, end)
                if (q.start < p.start and q.start not in flagged
                    and (q.gender == p.gender or q.start >= sentence_start and not reflexive)
                    or q.start > p.start and q.lower in ("he", "she", "him") and not (reflexive and q.gender != p.gender)))

    @staticmethod
    def _named_earlier(refs: Referents, p: Pronoun, here: int) -> bool:
        """Someone of ``p``'s sex (or of either) named in the ``_EARLIER`` sentences before the
        window: the owner a possessive may mean ("Its founder, Gérard Le Bihan, was sentenced.
        The court … His former treasurer, Nathalie Corre")."""
        start, end = refs.sentence(here - 1 - _EARLIER).start, refs.sentence(here - 1).start
        return any(m.kind == "person" and m.named and m.gender in (p.gender, "")
                   for m in refs.mentions_in(start, end))

    @staticmethod
    def _spoken_of_earlier(refs: Referents, p: Pronoun, here: int, flagged: set[int]) -> bool:
        """Someone of ``p``'s sex in the ``_EARLIER`` sentences before the pronoun's: named, or
        a pronoun not taken for a thing."""
        start, end = refs.sentence(here - 1 - _EARLIER).start, refs.sentence(here).start
        return any(q.gender == p.gender and q.start not in flagged for q in refs.pronouns_in(start, end)) \
            or _named_of_its_sex(refs, p, start, end)

    @staticmethod
    def _possessor_before(refs: Referents, p: Pronoun, here: int, start: int, flagged: set[int], named: bool) -> bool:
        """Someone of the possessive's sex in the ``_EARLIER`` sentences before its window: a
        pronoun outside quotations not taken for a thing, or, with ``named`` (the body is named in
        an earlier sentence than the possessive), a person named ("For Sandrine Lafitte, … “…”. He
        [sic] points out that the company … Her message was blunt"; but "The commune has opened
        her hall" is the commune's, whoever was named before)."""
        before = refs.sentence(here - 1 - _EARLIER).start
        return any(q.gender == p.gender and q.start not in flagged and refs.doc.quotation_at(q.start) is None
                   for q in refs.pronouns_in(before, start)) or named and _named_of_its_sex(refs, p, before, start)

    @staticmethod
    def _quoted_fragment(refs: Referents, quote: Optional[Quotation], antecedent: Mention, here: int) -> bool:
        """A quotation that continues its sentence in lower case, after an antecedent of that
        sentence outside quotations: "France “cannot allow herself” a new crisis"."""
        if quote is None or refs.doc.quotation_at(antecedent.start) is not None:
            return False
        if refs.sentence_index(antecedent.start) != here or refs.sentence_index(quote.start) != here:
            return False
        first = _FIRST_LETTER.search(refs.text, quote.start + 1, quote.end)
        return bool(first) and first.group().islower()

    @staticmethod
    def _opens_clause(refs: Referents, p: Pronoun, same_sentence: bool, antecedent: Mention, flagged: set[int]) -> bool:
        """A subject pronoun that starts a clause of its own, not "the court heard he …" or "…, he said".

        After a country or an organisation named in its sentence, a reported clause counts too
        ("Turkey considers that she", "the Kremlin said he"): the name is the speaker.
        """
        proper = not antecedent.common
        sentence_start = refs.sentence(refs.sentence_index(p.start)).start
        opening = not same_sentence and bool(_SENTENCE_OPENING.fullmatch(refs.text, sentence_start, p.start))
        if refs.reports(p) and not (
                opening and proper and not refs.text[:sentence_start].rstrip().endswith(_CLOSING_QUOTES)):
            # "he said": a speaker; but "The FFBB hailed the win. She recalled that …", after a
            # body's name and no quotation, is the body again
            return False
        if not same_sentence:
            # "… explains the deputy mayor, Nathalie Brossard. Gas comes from Norway, and VAT
            # costs a fortune. She puts it simply: …": a woman named in the paragraph is as
            # likely as the body of the sentence before.
            # (Not after a participle only a thing takes: "Built in 1971, he". The paragraph is
            # looked at no further back than a few sentences: one on a single line is the article.)
            here = refs.sentence_index(p.start)
            start = max(refs.doc.paragraphs[refs.doc.paragraph_index(p.start)].start,
                        refs.sentence(max(0, here - _NAMED_REACH)).start)
            return opening and (bool(_AFTER_THING_PARTICIPLE.fullmatch(refs.text, sentence_start, p.start))
                                or not any(m.kind == "person" and m.named and m.gender == p.gender
                                           for m in refs.mentions_in(start, p.start)))
        if _CLAUSE_OPENER.search(refs.text, sentence_start, p.start):
            return True
        before = _WORD_BEFORE.search(refs.text, sentence_start, p.start)
        if not before or (before.group(1).lower() != "that" and before.group(1).lower() not in refs.reporting_verbs):
            return False
        if proper:
            return True
        # After a common noun the pronoun is most often someone the article spoke of before ("the
        # hospital said that she"). "The management insists that she" ("la direction assure
        # qu'elle") is reported only when nobody of that sex was; after plain "said" or with no
        # "that", only when the body is the verb's own subject ("The region said she would pay")
        # and nobody was spoken of in the pronoun's paragraph or the one before.
        that = before.group(1).lower() == "that"
        verb = _WORD_BEFORE.search(refs.text, sentence_start, before.start()) if that else before
        while that and verb and (verb.group(1) in refs.calendar or verb.group(1).lower() in _TIME_WORDS):
            verb = _WORD_BEFORE.search(refs.text, sentence_start, verb.start())  # "announced on Friday that"
        if not verb or not (_FINITE_VERB.fullmatch(verb.group(1)) or verb.group(1).lower() in _PLAIN_REPORT):
            return False
        if that and verb.group(1).lower() not in _PLAIN_REPORT:
            return not ObjectGivenPersonalPronoun._spoken_of_before(refs, p, flagged)
        speaker = _SUBJECT_GAP.fullmatch(refs.text, antecedent.end, verb.start())
        head = refs.text[antecedent.start:antecedent.end].rsplit(None, 1)[-1].lower()
        return (bool(speaker) and head not in _SPEAKS_OF_PEOPLE
                and not ObjectGivenPersonalPronoun._spoken_of_before(refs, p, flagged, back=1))

    @staticmethod
    def _spoken_of_before(refs: Referents, p: Pronoun, flagged: set[int], back: int = 2) -> bool:
        """Someone who may be ``p``'s person mentioned before it, in its paragraph or the ``back``
        before: a person or unknown mention of its sex or of either, or a pronoun of its sex not
        already taken for a thing. News prose names again, rather than resumes by a pronoun,
        someone last spoken of further back."""
        paragraphs = refs.doc.paragraphs
        # No further back than a few sentences: an article on a single line is one paragraph.
        here = refs.sentence_index(p.start)
        start = max(paragraphs[max(0, refs.doc.paragraph_index(p.start) - back)].start,
                    refs.sentence(max(0, here - _SPOKEN_REACH)).start)
        if any(q.gender == p.gender and q.start not in flagged for q in refs.pronouns_in(start, p.start)):
            return True
        mentions = refs.mentions_in(start, p.start)
        others = _named_of_other_sex(mentions, p)
        return any(m.kind in ("person", "unknown") and m.gender in (p.gender, "")
                   and not (m.kind == "person" and not m.named and _in_apposition(refs, m, others)) for m in mentions)


#: Sentences before their window where both rules look for a pronoun of the same sex that names
#: a person: a possessive of MT210, or a pronoun of MT211 whose match was named only in the
#: paragraph before, may be that person's, though they are not named nearby.
_EARLIER = 3
# A possessive's noun that names an answer to what was just said: "His reply", "Her response".
_REPLY_AFTER = compiled(r"\s+(?:(?:curt|blunt|swift|quick|short|only|first)\s+)?(?:reply|replies|response|answer|retort|riposte|rejoinder|rebuttal)\b")

# After "For her part": "the prefecture demanded", or a French body's name, "the Chambre d'agriculture".
_BODY_AFTER_PART = compiled(r" part, the (?:(?P<french>\p{Lu}\p{Ll}+ (?:d['\u2019]|de |des |du )|(?i:ministère|conseil|agence) )"
                            r"|(?P<words>(?:[\p{Ll}-]+ ){0,2}?\p{Ll}+)(?= \p{Ll}+(?:ed|s)\b))")
# Right after a body's name: "The ministry, for his part", "The Agency (ARS) of Normandy has for her part".
_FOR_ITS_PART = compiled(r"\)?(?:\s*\([^()]{1,20}\))?(?:\s+of\s+(?:the\s+)?\p{Lu}[\p{L}-]*)?(?:,|\s+(?:has|have|had|is|was))?"
                         r"\s+for\s+(?:his|her)\s+part")
# A sentence opening with a subordinate clause, whose subject need not be the main clause's.
_SUBORDINATE_OPENING = compiled(r"[\"'\u201c(]?(?:If|When|Unless|Once|Although|Though|While|Because|As|Since|Until|Should)\s")
_SWAP = {"he": "she", "she": "he", "him": "her", "his": "her", "himself": "herself", "herself": "himself",
         "hers": "his"}
# What may separate a person noun from the name it describes: "their captain, Léa Marchal",
# "the prefect of Finistère, Sophie Le Goff", "the director of the veterinary services, Claire
# Duprat", "the head of information security, Sandrine Piguet", "the deputy mayor in charge of
# culture, Gérard Pellissier" (noun first) and "Zoë Andersen, the Barcelona goalkeeper" (name first).
_NOUN_THEN_NAME = compiled(r"\s*(?:of\s+(?:the\s+)?\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*){0,3}\s*"
                           r"|(?:of|for|in\s+charge\s+of)\s+(?:the\s+)?(?:[\p{L}'-]+\s+){0,3}[\p{L}'-]+\s*(?=,))?,?\s*")
# A word that may follow a role noun within the role: "the director general of the port, …".
_TITLE_AFTER_NOUN = frozenset(("general",))
#: How often an article names the person it follows (a profile's subject), at the least, in
#: the stretch before a pronoun (a few pages: counting in the whole text at every pronoun would
#: make one huge text quadratic).
_PROTAGONIST = 5
_PROTAGONIST_REACH = 20000
#: How far back a bare surname's first name is looked for (a few paragraphs of an article).
_SURNAME_REACH = 6000

# Searched backwards from a mention: "the " or "The " right before it, and the word right
# before it (a title before a name, a first name before a surname).
# "the" and a capitalised name of one to three words.
# A byline paragraph, and the words that credit a photograph or its agency.
_BYLINE = compiled(r"(?:By|From) \p{Lu}[\p{L}'-]+(?: \p{Lu}[\p{L}'-]+){0,3}(?:,?(?: in| and| at) [^\n]{0,60})?\s*$")
_CREDIT_BEFORE = compiled(r"\b(?:Photograph|Photo|Picture|Photos|Credit|Image)s?\s*:\s*$")
_THE_NAME = compiled(r"(?<![\p{L}'-])the (\p{Lu}[\p{Ll}'-]+(?: \p{Lu}[\p{Ll}'-]+){0,2})(?![\p{L}'-])")
_THE_BEFORE = compiled(r"(?<![\p{L}'-])[Tt]he\s+\G", regex.REVERSE)
_TITLE_OF_PLACE = compiled(r"(?<![\p{L}'-])([\p{L}-]+)\s+of\s+(?:the\s+)?\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*){0,3}"
                           r"\s*,\s*\G", regex.REVERSE)
# The word before a name, and a comma between them: "group" in "the group Huaxing", "operator"
# in "the operator, Transévia,", "in" in "in Montluçon". Searched backwards from the name.
_BODY_WORD_BEFORE = compiled(r"(?<![\p{L}'-])(\p{L}+)(,?) \G", regex.REVERSE)
# ", which" right after a name: what it names is a thing or a body.
_WHICH_AFTER = compiled(r",\s+which(?![\p{L}'-])")
# A noun in apposition right after a name: "Ventalys, the company that …", "Voirest, a subcontractor".
_BODY_NOUN_AFTER = compiled(r",\s+(?:the|a|an)\s+(?:[\p{L}-]+\s+)??(\p{L}+)"
                            r"(?=[,.;:]|\s+(?:that|which|whose|based|in|of|from|with|owned|run)\b)")
_IN_PLACE_BEFORE = compiled(r"(?<![\p{L}'-])(?:[Ii]n|[Nn]ear)\s+\G", regex.REVERSE)
_ARTICLE_BEFORE = compiled(r"(?<![\p{L}'-])(?:[Tt]he|[Aa]|young|former)\s+\G", regex.REVERSE)
# A distributive subject earlier in the sentence: "Each of the skippers we met … his crew".
_EACH_OF = compiled(r"(?<![\p{L}'-])(?i:each|every\s+one|either|neither)\s+of\s+(?:the|these|those|our|their)\s+"
                   r"(?:[\d,]+\s+|\p{Ll}+\s+)?\p{Ll}+(?:s|people|men|women|children)\b")
# "his or her", "he or she": either sex, said of anyone.
_EITHER_SEX_AFTER = compiled(r"\s*(?:or|/)\s*(?i:his|her|hers|he|she|him|himself|herself)\b")
_EITHER_SEX_BEFORE = compiled(r"\b(?i:his|her|hers|he|she|him|himself|herself)\s*(?:or|/)\s*\G", regex.REVERSE)
# How many sentences back a sentence-opening pronoun looks for a person of its sex named in its paragraph.
_NAMED_REACH = 6
# How many sentences back, at most, a pronoun after a body looks for someone already spoken of.
_SPOKEN_REACH = 12
# Words of a time phrase between a verb and "that": "announced on Friday evening that".
_TIME_WORDS = frozenset("on yesterday today morning afternoon evening night".split())
# The verbs English reports a person's news with after a body ("the club said that she would miss the final").
_PLAIN_REPORT = frozenset(("said", "says", "told", "heard"))
# Bodies whose plain "said he" is most often about someone in their care or charge: "The court
# said that he would be released", "the club said she would miss the final".
_SPEAKS_OF_PEOPLE = frozenset("""court tribunal judge judges hospital clinic club team police prosecutor prosecutors
prosecution party family school university academy prison""".split())
# Between a body and its verb: nothing, or an insertion between commas ("The federation, based in Hossegor, said").
_SUBJECT_GAP = compiled(r"\s+|,[^,.;:!?\n]{1,80},\s+")
# A verb in the present or the past, as a body's statement is reported: "maintains", "indicated".
_FINITE_VERB = compiled(r"\p{Ll}+(?:s|ed)")
_WORD_BEFORE = compiled(r"(?<![\p{L}'-])([\p{L}-]+)\s+\G", regex.REVERSE)
# A role in a body, then "of", right before a name: "the CEO of Arvel", "the mayor of Figeac".
_ROLES = (r"(?i:ceo|chief executive|boss|head|chief|founder|owner|leader|manager|director|president|chairman"
          r"|chairwoman|chair|minister|mayor|governor|spokesman|spokeswoman|spokesperson|captain|coach|prefect"
          r"|sub-prefect|bishop|archbishop|rector)")
# A role in a body right before its name: "the CEO of Arvel", "the director of operations of Arianespace".
_ROLE_OF_BEFORE = compiled(r"(?<![\p{L}'-])" + _ROLES + r"(?:\s+of\s+\p{Ll}+)?\s+of\s+(?:the\s+)?\G",
                           regex.REVERSE)
# "to" or a modal right before a noun of people makes it a verb: "doing everything to recruit".
_INFINITIVE_BEFORE = compiled(r"(?<![\p{L}'-])(?:to|will|would|can|could|must|should|may|might)\s+\G", regex.REVERSE)
_LETTER = compiled(r"[\p{L}'-]")
_FIRST_LETTER = compiled(r"\p{L}")
#: How far back those searches look: one word and its spaces (a search that finds nothing
#: would otherwise walk back to the start of the text, at every mention).
_WORD_REACH = 80
# An age may come between: "Nathalie Orsini, 52, the park's director".
_NAME_THEN_NOUN = compiled(r"\s*,\s*(?:\d{1,3}\s*,\s*)?(?:(?i:the|a|an|their|his|her|its|our)\s+)?(?:[\p{L}'-]+\s+){0,2}")


class PersonGivenWrongPronoun(Rule):
    """A pronoun whose gender contradicts the people named near it.

    **What it does**
    Finds he/his/him/himself or she/her/herself when the pronoun's sentence and the one
    before name, before the pronoun, only people of the other sex, each identified by a
    first name of `first_names.tsv`, an honorific (Mr, Ms, Mme) or a bare surname that the
    article gave earlier with such a first name ("Marta Kowalczyk … Kowalczyk"), and no
    other person, unknown name or pronoun of the pronoun's gender is in sight. The title
    a person was named with, taken up again with "the" ("Minister Sophie Marchal … The
    minister"), is that person. Pronouns inside quotations are skipped, and so are "hers"
    (another person's, by contrast: "next to hers") and "she" or "her" where a ship or boat is
    in sight, or a name after "the" that may be one.

    **Why is this bad?**
    French possessives agree with the thing owned, not the owner (son plan, sa
    déclaration), and translation guesses "his"; a woman minister then has "his plan".

    **Example**
    bad: Ms. Renard, who had presented [[his]] plan on Monday, left early. => her
    bad: The captain, Léa Marchal, extended [[his]] contract until 2028. => her
    bad: The director of the veterinary services, Claire Duprat, was cautious. [[He]] expects new cases. => She
    bad: “I have skis and I have rented forty,” says Sylvie Bochaton. [[His]] turnover has collapsed. => Her
    bad: Agriculture Minister Sophie Marchal met the unions. The minister said [[his]] door was open. => her
    bad: The head of information security, Sandrine Piguet, explains that [[his]] team worked all night. => her
    bad: The director general of the port, Sophie Audebert, insists for [[his]] part that no job is at risk. => her
    bad: The deputy mayor in charge of culture, Gérard Pellissier, said that [[her]] department had paid. => his
    bad: Marta Kowalczyk won in Rome.\\n\\nIn the final, Kowalczyk found [[his]] first serve again. => her
    good: Ms. Renard presented her plan on Monday.
    good: Anna Kowalska met Tomasz Nowak and praised his plan.
    good: Anna Kowalska thanked the mayor for his support.
    good: Paul Girard said the price was fair. Anne Roux had called the offer a bluff. His reply was blunt: the offer stands.
    good: Marie Le Bihan sued the state. Pascal Denis, who farms the plot next to hers, did not.
    good: Captain Paul Martin, who has commanded the ferry for years, said bringing her home felt good.
    good: Captain James Holt said the Northern Star had served him well, but she was ready for the scrapyard.
    good: Anna Kowalska read the letter. “He will not resign,” she said.
    good: By Tom Lachaud in Mortagne\\n\\nThe Marie-Hélène leaves the port on her first crossing of the day.
    good: The Marie-Hélène leaves the port on her first crossing of the day. Photograph: Julien Morel
    good: Minister Anna Kowalska met the mayor. The mayor said his plan was ready.
    good: Marta Kowalczyk and Jan Nowak reached the final.\\n\\nKowalczyk praised his serve.
    good: Dominique Arnaud founded the firm in 2017. For Arnaud, Lyon was the only choice, she said.
    good: She opened her restaurant in March. Ten days later, Boris Johnson announced a lockdown.\\n\\n“Friday the thirteenth,” she says.
    good: Each guide is free to turn back at his or her own discretion, Thomas Ravanel said.
    good: Léa Carré sails alone, and Carré trains daily. Carré eats well and Carré sleeps little. Ms Carré admits she obeys two of her three rules.\\n\\nWhat would count as success? The 34-year-old does not hesitate: “Finishing.”\\n\\nMr Girard is already planning a party in Nantes for her return, though he refuses to name a date.

    **Fix safety**
    Unsafe: the pronoun may refer to someone the text does not name.
    """

    code = "MT211"
    name = "person-gender"
    category = "gender"
    severity = Severity.MAJOR
    fixable = "sometimes"
    confidence = 0.75

    def check(self, doc: Document) -> Iterator[Hit]:
        refs = Referents.of(doc)
        flagged: set[int] = set()
        for p in refs.pronouns:
            if p.lower == "hers":
                continue  # "Pascal Denis, who farms the plot next to hers": another person's, by contrast
            if refs.doc.quotation_at(p.start) is not None or not self._conflicts(refs, p, flagged):
                continue
            flagged.add(p.start)
            word = doc.text[p.start:p.end]
            swapped = _SWAP.get(p.lower) or ("his" if refs.possessive_her(p) else "him")
            yield Hit(p.start, p.end, f"“{word}” does not match the person named here: use “{swapped}”",
                      transfer_case(word, swapped), "unsafe")

    def _conflicts(self, refs: Referents, p: Pronoun, flagged: set[int]) -> bool:
        here = refs.sentence_index(p.start)
        start, end = refs.sentence(here - 1).start, refs.sentence(here).end
        if self._same_gender_before(refs, p, start, end, flagged) or not refs.may_name_someone(start, end):
            return False  # looked at first: mentions cost far more to classify
        mentions = refs.mentions_in(start, end)
        if p.gender == "f" and (any(m.kind == "vessel" for m in mentions) or refs.unknown_name_with_the(start, p.start)):
            return False  # "the captain … bringing her out of the dock", "the Northern Star … she": a ship
        people = [m for m in mentions if m.kind in ("person", "unknown")]
        # The pronoun stands outside quotations: someone named or addressed inside one ("Madame
        # the Prime Minister, you …," said he) does not tell its sex, though it may be meant.
        named = [m for m in people if m.named and refs.doc.quotation_at(m.start) is None]
        if not named or named[0].start > p.start:
            return False  # nobody, or a name after the pronoun ("His wife, Anna Smith")
        paragraph = refs.doc.paragraph_at(p.start).start
        if all(m.start < paragraph for m in named) and self._same_gender_before(
                refs, p, refs.sentence(here - 1 - _EARLIER).start, start, flagged):
            # Named only in the paragraph before, while a pronoun of the same sex a few sentences
            # back names someone else: the subject of a profile, named long before ("She opened
            # Lisette in 2020. Ten days later, Boris Johnson … ¶ “Friday the thirteenth,” she says").
            return False
        keys = {m.key for m in named}
        if len(keys) > 1 and not all(m.gender for m in named):
            return False  # several people, one of whom may be of the pronoun's sex
        gender = _one([m.gender for m in named if m.gender])
        if not gender or gender == p.gender:
            return False
        # From two paragraphs back (a quotation's sentences do not push the name out of reach).
        index = refs.doc.paragraph_index(p.start)
        earlier = max(refs.doc.paragraphs[max(0, index - 2)].start, refs.sentence(max(0, here - _SPOKEN_REACH)).start)
        if self._same_gender_before(refs, p, earlier, start, flagged) and any(
                m.named and m.gender == p.gender
                and refs.text.count(m.key, max(0, p.start - _PROTAGONIST_REACH), p.start) >= _PROTAGONIST
                for m in refs.mentions_in(earlier, start)):
            # The one the article follows, named again and resumed by a pronoun just before ("Ms
            # Carré admits she obeys two of them. … ¶ Mr Girard is planning a party for her return").
            return False
        if _REPLY_AFTER.match(refs.text, p.end) and any(m.named and m.gender == p.gender
                                                         for m in refs.mentions_in(earlier, start)):
            # A reply is the other side's: "Ferhat had dismissed the offer as a bluff. His reply was
            # blunt" answers her, in the words of the man named before her.
            return False
        for m in people:
            if m.named or (m.kind == "unknown" and m.key in keys):
                continue  # the person again, by surname
            if m.kind == "unknown" and _ROLE_OF_BEFORE.search(refs.text, max(0, m.start - _WORD_REACH), m.start):
                continue  # "the CEO of Arvel": the body someone runs, not a person
            if m.kind == "person" and m.gender and m.gender != p.gender:
                continue  # "the first woman to win it … he thanked": of the other sex, not meant
            if m.kind == "person" and m.gender != p.gender and (_in_apposition(refs, m, named)
                                                                 or self._title_again(refs, m, named)):
                continue  # "their captain, Léa Marchal"; "Minister Sophie Marchal … The minister"
            return False  # someone else who could be meant
        return True

    @staticmethod
    def _same_gender_before(refs: Referents, p: Pronoun, start: int, end: int, flagged: set[int]) -> bool:
        """Another pronoun of ``p``'s gender in [start, end), not flagged, before ``p`` or a
        subject or object one after it: another person of the pronoun's gender."""
        return any(q.start != p.start and q.gender == p.gender and q.start not in flagged
                   and (q.start < p.start or q.lower in ("he", "him", "she", "her"))
                   for q in refs.pronouns_in(start, end))

    @staticmethod
    def _title_again(refs: Referents, noun: Mention, named: list[Mention]) -> bool:
        """``the minister`` after ``Minister Sophie Marchal``: the title the person was named
        with, taken up again with "the"."""
        if not _THE_BEFORE.search(refs.text, max(0, noun.start - _WORD_REACH), noun.start):
            return False
        title = refs.text[noun.start:noun.end].lower()
        titles = {title, title + "s"}  # "Agriculture Ministers Sophie Marchal", a title made plural
        for m in named:
            before = _WORD_BEFORE.search(refs.text, max(0, m.start - _WORD_REACH), m.start)
            words = refs.text[m.start:m.end].split() + ([before.group(1)] if before else [])
            if m.start < noun.start and not titles.isdisjoint(w.lower() for w in words):
                return True
            # "the prefect of Finistère, Sophie Le Goff … The prefect": the title in apposition
            apposed = _TITLE_OF_PLACE.search(refs.text, max(0, m.start - _WORD_REACH), m.start)
            if m.start < noun.start and apposed and apposed.group(1).lower() in titles:
                return True
        return False

