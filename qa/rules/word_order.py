"""MT40x: word order — French order kept in English: inverted clauses, adverbs before objects."""
from __future__ import annotations

import heapq
import itertools
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Optional

import ahocorasick
import regex

from ..document import Document
from ..finding import Hit, Severity
from ..lexicon import load_table
from ..lexicon.compile import inflect
from ..matchers import transfer_case
from ..pack import Pack
from ..patterns import compiled
from .anchors import LOWER_RUN_BEFORE, matches_at, run_starts, word_starts_before, word_starts_before_words
from .base import Rule
from .consistency import Calendar, calendar

# Closing marks on doc.norm, where curly quotes are '"' and French guillemets stay as they are.
_QUOTE_MARK = compiled('["\u00bb]')
# What stands between a closing quotation and an inverted reporting verb: “…,” verb or “…”, verb
# (older MT also leaves ', "verb' with the closing mark glued to the verb). Matched on doc.norm.
_AFTER_QUOTE = compiled(r'(?:[,.!?;\u2026]\s*(?P<mark>["\u00bb])|(?P<mark>["\u00bb])\s*,)\s*$')
_NEXT_WORD = compiled(r"\s+([\p{L}][\p{L}.'\u2019-]*)")
_LOWER_WORD = compiled(r"(?<![\p{L}'-])\p{Ll}+(?![\p{L}'-])")
_CAPITAL = compiled(r"\p{Lu}")
# Whom the words were said to, between an inverted verb and its subject: "to AFP", "to Le Monde".
# A subject pronoun right after a verb, ending its clause ("…», explains she.").
_PRONOUN_AFTER = compiled(r"\s+(he|she|they)(?=\s*[.,;:!?]|\s+(?:in|on|at|to|from|with|before|after|while|during)\b)")
# Inversions English keeps with a pronoun, if old-fashioned ("“…,” said he").
_PLAIN_INVERSIONS = frozenset(("said", "says", "asked", "asks", "replied", "cried", "quoth"))
# The reflexive pronoun of a French pronominal verb, kept in the translation.
_REFLEXIVE = compiled(r"\s+(?:himself|herself|themselves|itself)\b")
_TO_ADDRESSEE = compiled(r"\s+to\s+(?:the\s+)?(?:\p{Lu}[\p{L}'-]*\s+){0,2}\p{Lu}[\p{L}'-]*(?=\s+\p{Lu})")
_DETERMINERS = frozenset("a an the his her its their our my one this some many several".split())


def closing_mark_before(doc: Document, pos: int, openings: frozenset[int]) -> Optional[int]:
    """Where the closing quote mark stands when ``pos`` starts a word right after a closing
    quotation (and its comma); None otherwise.

    ``openings`` holds the positions of the document's opening quote marks: a mark that
    opens a quotation (', "We will') is not the end of one.
    """
    para = doc.paragraph_at(pos)
    m = _AFTER_QUOTE.search(doc.norm, max(para.start, pos - 8), pos)
    return m.start("mark") if m and m.start("mark") not in openings else None


def follows_quotation(doc: Document, pos: int, openings: frozenset[int]) -> bool:
    return closing_mark_before(doc, pos, openings) is not None


# What may end the text (doc.norm) before a quotation that is a sentence of its own (or a colon's).
_SENTENCE_BEFORE = compiled(r'[.!?:\u2026]["\u00bb\')]?\s*$')


def quotes_a_sentence(doc: Document, mark: int) -> bool:
    """Whether the quotation the closing ``mark`` ends opens its paragraph or sentence (or
    follows a colon, or runs on from an earlier paragraph): "“…”, worries X" rather than a
    quoted fragment inside a clause ("…, whose chairman appealed to “calm”, estimates the cost")."""
    quote = doc.quotation_at(mark)
    if quote is None or quote.end != mark + 1:
        return True  # a closing mark paired with none: a quotation run on from an earlier paragraph
    start = quote.start
    before = doc.norm[doc.paragraph_at(start).start:start]
    return not before.strip() or bool(_SENTENCE_BEFORE.search(before))


def opening_marks(doc: Document) -> frozenset[int]:
    return frozenset(q.start for q in doc.quotations)


def matches_after_quote_marks(doc: Document, pattern: regex.Pattern) -> Iterator[regex.Match]:
    """The matches of ``pattern.finditer(doc.norm)`` that start close enough after a quote mark
    for ``follows_quotation`` to hold (it looks 8 characters back): the only ones worth testing,
    found by eight anchored tries a mark.

    Exact for a pattern whose matches never hold a quote mark: a match starting further from
    a mark then ends before the next mark, so it cannot hide one of these as ``finditer`` goes.
    Each try sees the text up to the next mark, included (no match reaches past it, and a
    lookahead sees the mark): ``regex`` may search ahead for a literal the pattern needs, and
    in a storm of marks every try must not search to the end of the text.
    """
    text = doc.norm
    marks = [m.start() for m in _QUOTE_MARK.finditer(text)]

    def up_to_next_mark(pos: int) -> int:
        following = bisect_left(marks, pos)
        return marks[following] + 1 if following < len(marks) else len(text)

    starts = {pos for mark in marks for pos in range(mark + 1, min(mark + 9, len(text)))}
    return matches_at(pattern, text, starts, up_to_next_mark)


class InciseVerbs:
    """French incise verbs that English does not invert (``corpora/<pair>/inverted_incises.tsv``)."""

    def __init__(self, path: Path) -> None:
        rows = load_table(path, ("word", "source", "note")) if path.is_file() else []
        self.rows = {r["word"]: r for r in rows}
        # Every inflected form → (lemma, Penn tag); lemmas unknown to lemminflect inflect regularly.
        self.forms: dict[str, tuple[str, str]] = {}
        for lemma in self.rows:
            for form, tag in _verb_forms(lemma).items():
                self.forms.setdefault(form, (lemma, tag))
        # Suggestions inflected here, so that checking never loads lemminflect (~0.5 s).
        self.suggestions: dict[str, str] = {}
        for form, (lemma, tag) in self.forms.items():
            head, _, particle = (self.rows[lemma].get("suggestion") or "").partition(" ")
            if head:
                self.suggestions[form] = " ".join(filter(None, (inflect(head, tag), particle)))

    def lookup(self, word: str) -> Optional[tuple[dict, str]]:
        """The row of an inflected verb and the verb's Penn tag, or None."""
        hit = self.forms.get(word.lower())
        return (self.rows[hit[0]], hit[1]) if hit else None

    def suggestion(self, word: str) -> Optional[str]:
        return self.suggestions.get(word.lower())


def _verb_forms(lemma: str) -> dict[str, str]:
    """The verb's inflected forms and their Penn tags (regular endings for unknown verbs)."""
    from lemminflect import getAllInflections

    forms = {lemma: "VB"}
    for tag, words in sorted(getAllInflections(lemma, upos="VERB").items()):
        for word in words:
            forms.setdefault(word, tag)
    if len(forms) == 1:  # unknown to lemminflect (ironize): regular endings
        if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            forms[lemma[:-1] + "ies"], forms[lemma[:-1] + "ied"] = "VBZ", "VBD"
        elif lemma.endswith("e"):
            forms[lemma + "s"], forms[lemma + "d"] = "VBZ", "VBD"
        else:
            forms[lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")] = "VBZ"
            forms[lemma + "ed"] = "VBD"
    return forms


@lru_cache(maxsize=16)  # by pack, as calendar()
def incise_verbs(pack: Pack) -> InciseVerbs:
    return _incise_verbs(pack.dir / "inverted_incises.tsv")


@lru_cache(maxsize=None)
def _incise_verbs(path: Path) -> InciseVerbs:
    from ..cache import cached  # lemminflect's inflection table costs ~0.6 s to load

    return cached("incise-verbs", (path,), lambda: InciseVerbs(path), str(path))


def _is_subject_start(word: str, cal: Calendar) -> bool:
    """A word that can open the subject of an inverted clause (a name or a determiner)."""
    if word.lower() in _DETERMINERS:
        return True
    return word[0].isupper() and not cal.is_time_word(word.rstrip("."))


class InvertedNonSpeechVerb(Rule):
    """A verb that is not a speech verb placed before its subject after a quotation.

    **What it does**
    Finds a verb from the pack's list of French incise verbs (réagit, s'inquiète, souligne,
    martèle …, as the translation renders them: reacted, worries, underlines, hammered)
    directly after a closing quotation and directly before its subject (or its reflexive
    pronoun: "defended himself the manager"); and any reporting verb
    but "said" and its like inverted with a pronoun ("explique-t-elle": "…», explains she").

    **Why is this bad?**
    French inverts any verb of speech or attitude after a quotation (« … », s'inquiète X).
    English inverts only plain reporting verbs (said X, asked X); "…”, worries X" reads as
    a verb with a missing subject and an odd sense.

    **Example**
    bad: “The war may spread”, [[worries]] Anna Petrova, an analyst. => warns
    bad: “We are ready,” [[hammered]] the minister. => insisted
    bad: “Nothing is decided,” [[underlines]] Paul Martin. => stresses
    bad: “No one was in danger,” [[specified]] to AFP Olivier Roux. => added
    bad: “We have only two fans for 26 pupils,” [[explains she]]. => she explains
    bad: “I never forced anyone,” [[defended himself]] the former manager. => insisted
    good: “The war may spread,” warns Anna Petrova, an analyst.
    good: “We are ready,” said the minister.
    good: Anna Petrova worries that “the war may spread”.
    good: “Come in,” said he, and opened the door.

    **Fix safety**
    Unsafe: the English reporting verb proposed keeps the sense in most cases, but the
    writer may prefer to rebuild the sentence (X said, welcoming …).
    """

    code = "MT401"
    name = "inverted-non-speech-verb"
    category = "word-order"
    severity = Severity.MINOR
    fixable = "sometimes"
    confidence = 0.8

    def check(self, doc: Document) -> Iterator[Hit]:
        verbs = incise_verbs(doc.pack)
        speech = doc.pack.target_words("reporting_verbs")
        cal = calendar(doc.pack)
        text = doc.norm
        openings = opening_marks(doc)
        for m in matches_after_quote_marks(doc, _LOWER_WORD):
            pronoun = _PRONOUN_AFTER.match(text, m.end())
            if pronoun and m.group() not in _PLAIN_INVERSIONS and (m.group() in speech or verbs.lookup(m.group())) \
                    and follows_quotation(doc, m.start(), openings):
                # "…», explains she": French inverts a pronoun too; English writes "she explains".
                yield Hit(m.start(), pronoun.end(), f"French order: put “{pronoun.group(1)}” before “{m.group()}”",
                          f"{pronoun.group(1)} {m.group()}", "safe")
                continue
            found = verbs.lookup(m.group())
            if not found or m.group().endswith("ing"):
                continue
            # "…”, defended himself the manager" (se défend X); "…”, specified to AFP Olivier Roux"
            reflexive = _REFLEXIVE.match(text, m.end())
            after = reflexive.end() if reflexive else m.end()
            addressee = _TO_ADDRESSEE.match(text, after)
            nxt = _NEXT_WORD.match(text, addressee.end() if addressee else after)
            mark = closing_mark_before(doc, m.start(), openings) if nxt and _is_subject_start(nxt.group(1), cal) \
                else None
            if mark is None:
                continue
            if not quotes_a_sentence(doc, mark):
                continue  # a quoted fragment inside a clause: "appealed to “calm”, estimates the cost"
            row = found[0]
            suggestion = verbs.suggestion(m.group())
            yield Hit(m.start(), after,
                      f"“{m.group()}” is not a reporting verb English places before its subject "
                      f"(French {row['source']}): {row['note']}",
                      suggestion, "unsafe" if suggestion else "none")


class AdverbialBeforeSubject(Rule):
    """An inverted reporting clause with a time or place phrase between the verb and its subject.

    **What it does**
    Finds a reporting verb after a closing quotation followed first by an adverbial (a
    weekday, "yesterday", or a phrase opening with in/on/at/to/during …, or such a phrase
    between commas) and only then by its subject: "…,” reacted Wednesday Emmanuel Macron.

    **Why is this bad?**
    French puts circumstances between the inverted verb and the subject ("a réagi mercredi
    Emmanuel Macron"). English keeps the subject next to the verb and the circumstance after
    it: "…,” Emmanuel Macron said on Wednesday.

    The same order after a comma, closing a sentence of reported speech without quotation
    marks, is found too when the subject is a name: "…, [[announced on Wednesday the
    International Cycling Union]]."

    **Example**
    bad: “We will not give in,” [[said Tuesday Maria Lopez]]. => Maria Lopez said on Tuesday
    bad: The rider tested positive for EPO, [[announced on Wednesday the International Cycling Union]] (UCI). => the International Cycling Union announced on Wednesday
    bad: “Talks will resume,” [[added in a statement the Foreign Ministry]]. => the Foreign Ministry added in a statement
    bad: “I did nothing wrong,” [[has repeated throughout the trial the former mayor]]. => the former mayor has repeated throughout the trial
    bad: “We cannot carry it all,” [[estimates, between two performances, Mathieu Lorrain]]. => -
    bad: “The liners will go to Lisbon,” [[regretted on Thursday its president]]. => its president regretted on Thursday
    bad: “No haste,” [[warned on Sunday evening on the public channel ARD the chief negotiator]], Markus Wendel. => the chief negotiator warned on Sunday evening on the public channel ARD
    good: “We will not give in,” Maria Lopez said on Tuesday.
    good: “We will not give in,” said Maria Lopez on Tuesday.
    good: “Talks will resume,” the Foreign Ministry added in a statement.
    good: The rider tested positive, the International Cycling Union said on Wednesday.
    good: The rider tested positive, said on Wednesday that he would appeal, and left.
    good: The office said it must “Adapt resources to changes in pupil numbers”, pointing to a drop of 27 pupils at the start of the next school year.
    good: “We cannot carry it all,” Mathieu Lorrain says, between two performances.

    **Fix safety**
    Unsafe: the subject is moved before the verb and a bare weekday takes "on"; the
    rewrite is proposed only when the adverbial holds no name of its own.
    """

    code = "MT402"
    name = "adverbial-before-subject"
    category = "word-order"
    severity = Severity.MINOR
    fixable = "sometimes"
    confidence = 0.8

    def check(self, doc: Document) -> Iterator[Hit]:
        cal = calendar(doc.pack)
        speech = doc.pack.target_words("reporting_verbs")
        incises = incise_verbs(doc.pack)
        clause = _inverted_clause(cal.weekday_pattern, cal.relative_pattern)
        for m in heapq.merge(self._after_quotations(doc, clause, speech, incises),
                             self._after_commas(doc, clause, _comma_then_day(speech, cal.weekday_pattern,
                                                                              cal.relative_pattern)),
                             key=lambda m: m.start()):
            subject = m.group("subject")
            if cal.is_time_word(subject.split()[0]):
                continue
            adverbial = doc.text[m.start("adv"):m.end("adv")]
            verb_group = doc.text[m.start():m.end("verb")]
            suggestion = None
            if adverbial.startswith(","):  # between commas: English may say so, if rarely
                yield Hit(m.start(), m.end(), "French order: put the subject before the verb (or right after it)",
                          None, "none", 0.75)
                continue
            # A rewrite only when the adverbial is whole: no name inside, not cut after "to the".
            whole = adverbial.split()[-1].lower() not in doc.pack.target_words("function_words")
            if m.group("day") or (whole and not _CAPITAL.search(adverbial)):
                if m.group("day") and not adverbial.lower().startswith("on "):
                    adverbial = "on " + adverbial
                suggestion = f"{doc.text[m.start('subject'):m.end('subject')]} {verb_group} {adverbial}"
            yield Hit(m.start(), m.end(),
                      "French order: put the subject before the verb (or right after it) and the "
                      "circumstance after them", suggestion, "unsafe" if suggestion else "none")

    @staticmethod
    def _after_quotations(doc: Document, clause: regex.Pattern, speech: frozenset[str],
                          incises: InciseVerbs) -> Iterator[regex.Match]:
        if '"' not in doc.norm and "\u00bb" not in doc.norm:
            return  # no closing quotation for a clause to follow
        openings = opening_marks(doc)
        for m in matches_after_quote_marks(doc, clause):
            verb = m.group("verb")
            if verb.endswith("ing"):
                continue  # “…”, pointing to a drop of 27 pupils at the start of the year: a participle
            if (verb in speech or incises.lookup(verb)) and follows_quotation(doc, m.start(), openings):
                yield m

    @staticmethod
    def _after_commas(doc: Document, clause: regex.Pattern, anchor: regex.Pattern) -> Iterator[regex.Match]:
        """The clauses after a comma, outside quotations, with a day between the verb and a
        subject holding a name that ends the sentence: "…, announced on Wednesday the
        International Cycling Union (UCI)." (After an apposition, "Linda Castellano, a Fed
        governor, said in a speech in St. Louis", the subject came first: a day is required.)"""
        text = doc.norm
        for c in anchor.finditer(text):
            m = clause.match(text, c.start(1))
            if m and (m.group("day") or m.group("relative")) and _CAPITAL.search(m.group("subject")) \
                    and _SENTENCE_END_AFTER.match(text, m.end()) and doc.quotation_at(m.start()) is None:
                yield m


@lru_cache(maxsize=None)
def _comma_then_day(speech: frozenset[str], weekdays: str, relative: str) -> regex.Pattern:
    """A comma, a reporting verb (perhaps after "has") and a day: where an inverted clause after
    a comma may start (the verb is group 1). One scan for the listed verbs, not one per comma."""
    return compiled(rf", (?:(?:has|have|had) )?(\L<verbs>) (?=(?:on |this )?(?:{weekdays})\b|(?:{relative})\b)",
                    verbs=speech)
# The end of a sentence after a subject, perhaps with an acronym in brackets (" (UCI).") or
# an apposition (", the regional health agency, citing …").
_SENTENCE_END_AFTER = compiled(r"\s*(?:\([^()\n]{1,30}\)\s*)?(?:\.(?!\w)|$|,\s+(?:the|a|an)\s)", regex.MULTILINE)


@lru_cache(maxsize=None)
def _inverted_clause(weekdays: str, relative: str) -> regex.Pattern:
    word = r"[\p{Ll}\d][\p{L}\d'-]*"
    # A capitalised word, or a short abbreviation before another one ("Mr. Macron", "J. Smith"),
    # so that a sentence's full stop never joins the next sentence to the subject.
    name = r"\p{Lu}(?:\p{Ll}{0,2}\.(?= \p{Lu})|[\p{L}'-]*)"
    # A day may take a place phrase after it ("on Sunday evening on the public channel ARD").
    place = rf"(?: (?:on|in|at|to|before) (?:(?:{word}|\p{{Lu}}{{2,}}) ){{0,4}}(?:{word}|\p{{Lu}}{{2,}}))?"
    return compiled(
        rf"(?<![\p{{L}}'-])(?:(?P<aux>has|have|had) )?(?P<verb>\p{{Ll}}+)"
        rf"(?: (?P<adv>(?P<day>(?:on )?{weekdays}(?: (?:morning|afternoon|evening|night))?){place}|(?P<relative>{relative})"
        rf"|(?:in|on|at|to|during|after|before|from|with|for|via|through|throughout|by)(?: {word}){{1,7}}?)"
        # or a phrase between commas: "estimates, between two performances, Mathieu Lorrain"
        rf"|(?P<adv>, (?:in|on|at|under|between|during|after|before|from|with|for|in front of)\b[^,.;:\n\"\u201c\u201d\u00ab\u00bb]{{2,50}},)) "
        rf"(?P<subject>(?:the (?:{word} ){{0,3}})?{name}(?: {name}){{0,5}}|the(?: {word}){{1,4}}?"
        rf"|(?:the|a|an|its|his|her|their)(?: (?:{word}|{name})){{1,5}}?)"
        rf"(?=\s*(?:[,;:(]|\.(?!\w)|$)|\s+(?:the|in|at|before|after|during|from|with)\s)",
        regex.MULTILINE)


# Modals and "to" before a bare verb: "can read also the files", "must present in the spring a bill".
_MODALS = r"(?:will|would|can|could|should|must|may|might|shall|cannot|to)"
_SUBJECT_PRONOUNS = r"(?:I|we|you|they|he|she|it|We|You|They|He|She|It)"
_ADVERB_WORDS = frozenset("also still now already always never often".split())
_ADVERBS = rf"(?:{'|'.join(sorted(_ADVERB_WORDS))})"
_OBJECT_START = (r"(?:the|a|an|his|her|their|its|our|your|my|this|these|those|some|any|two|three|four|five|six|"
                 r"several|many|\d+)")
_AUXILIARIES = frozenset("am are be been being is was were do does did".split())
# Adverbs of manner that French puts between a past verb and its object ("a défendu fermement
# l'opération"), as it does "also" ("a observé aussi une baisse"); English puts them before the
# verb or after the object.
_MANNER_WORDS = frozenset("""firmly strongly sharply officially publicly formally fiercely vigorously severely vehemently
openly warmly unanimously massively heavily harshly categorically explicitly solemnly definitively provisionally
immediately finally perfectly completely totally fully rapidly quickly progressively gradually considerably
significantly violently brutally sincerely deeply strictly partly partially rigorously scrupulously drastically
temporarily permanently urgently closely slowly carefully attentively actively clearly thus entirely""".split())
_MANNER_ADVERBS = rf"(?:{'|'.join(sorted(_MANNER_WORDS))})"
# Verbs that link their subject to what follows ("remained largely the same"): no object.
_LINKING_VERBS = frozenset("""appeared became looked proved remained seemed sounded stayed turned appears becomes looks
proves remains seems sounds stays turns""".split())
# The adverbs, which every match of _ADVERB_ORDER holds two words after its start, and every
# match of _MANNER_ORDER and _INTENT_ORDER one word after it.
_INTENT_ADVERBS = frozenset("also now already still".split())
_ADVERB_ANCHORS = {"plain": (_ADVERB_WORDS, 2), "manner": (_MANNER_WORDS, 1), "intent": (_INTENT_ADVERBS, 1)}
_PAST_OBJECT = r"(?=(?:the|a|an|his|her|their|its|our|this|these) (?!same\b|most\b|best\b|only\b|case\b|way\b)\p{L})"
# Irregular simple pasts that take an object, for verbs that French news puts before a day
# ("a remporté samedi son premier titre": "won on Saturday her first title").
_IRREGULAR_PASTS = ("beat", "bought", "brought", "built", "caught", "chose", "cut", "drew", "flew", "found", "gave",
                    "held", "hit", "kept", "led", "left", "lost", "made", "met", "paid", "sent", "set", "shut", "sold",
                    "spent", "struck", "swept", "took", "won", "wrote")
_ADVERB_ORDER = compiled(
    rf"\b(?:{_MODALS}|{_SUBJECT_PRONOUNS}) (?P<verb>\p{{Ll}}+) (?P<adv>{_ADVERBS}) (?={_OBJECT_START}\b)"
    rf"|\b{_MODALS} (?P<verb>be) (?P<adv>also)\b"
    rf"|(?<![\p{{L}}'-])(?P<verb>\p{{Ll}}+ed|{'|'.join(_IRREGULAR_PASTS)}) (?:(?P<adv>also|already) {_PAST_OBJECT}"
    # or a passive's agent counted out: "signed already by 1,340 people" (not a year: "by 2020").
    rf"|(?P<adv>already) (?=by (?:(?:more than|over|nearly|almost|some|about"
    rf"|around) )?\p{{N}}{{1,3}}(?:,\p{{N}}{{3}})*(?![\p{{N}}.,:]| ?(?:am|pm|a\.m|p\.m|o'clock|h\b))))")
# The particle of a phrasal verb, between the verb and the time: "flew over on Tuesday the area".
_PARTICLE = r"(?: (?:over|up|out|off|down|back|away))?"

_MANNER_ORDER = compiled(rf"(?<![\p{{L}}'-])(?P<verb>\p{{Ll}}+(?:ed|s)|{'|'.join(_IRREGULAR_PASTS)}) (?P<adv>{_MANNER_ADVERBS})"
                         rf" {_PAST_OBJECT}"
                         rf"|(?<=\b(?:{_MODALS}|which|who) )(?P<verb>\p{{Ll}}+) (?P<adv>{_MANNER_ADVERBS}) {_PAST_OBJECT}")


# A verb of will before its infinitive, the adverb between them ("veut désormais conquérir":
# "wants now to conquer"); English says "now wants to conquer".
_INTENT_VERBS = ("want", "wants", "wanted", "hope", "hopes", "hoped", "intend", "intends", "intended", "plan", "plans",
                 "planned", "aim", "aims", "aimed", "seek", "seeks", "sought", "wish", "wishes", "wished", "refuse",
                 "refuses", "refused", "prefer", "prefers", "preferred", "need", "needs", "needed", "try", "tries", "tried",
                 "decide", "decides", "decided")
_INTENT_ORDER = compiled(rf"(?<![\p{{L}}'-])(?P<verb>{'|'.join(_INTENT_VERBS)}) (?P<adv>{'|'.join(sorted(_INTENT_ADVERBS))}) (?=to \p{{Ll}})")


class AdverbBeforeObject(Rule):
    """An adverb placed after the main verb and before its object or complement, French style.

    **What it does**
    Finds "also", "still", "now", "already", "always", "never" or "often" between a verb
    (after a modal or a subject pronoun) and its object: "can read also the files", "we have
    still three networks", "should be also effective"; an adverb of manner (firmly,
    officially, strictly, partly, thus …), "also" or "already" between a past verb (or a verb after a
    modal, "which" or "who") and its object: "defended firmly the plan", "observed also a
    drop", "which finance partly the line"; and "also", "now", "already" or "still" between a
    verb of will and its infinitive: "wants now to conquer".

    **Why is this bad?**
    French puts the adverb after the conjugated verb ("peut lire aussi", "nous avons encore").
    English puts it before the main verb: "can also read", "we still have", "should also be".

    **Example**
    bad: Most players can [[read also]] the newer files. => also read
    bad: We [[have still]] three networks in the region. => still have
    bad: The plan should [[be also]] effective abroad. => also be
    bad: The ministry [[defended firmly]] the police operation. => firmly defended
    bad: The chain wants to [[develop rapidly]] its network of shops. => rapidly develop
    bad: The lawyer [[contests formally]] the facts. => formally contests
    bad: The car [[struck violently]] a low wall. => violently struck
    bad: The region and the department, which [[finance partly]] the line, will pay more. => partly finance
    bad: I ask the population to [[respect strictly]] the instructions. => strictly respect
    bad: The minister promised to [[follow closely]] the file. => closely follow
    bad: A petition, [[signed already]] by 1,340 people, goes to the minister. => already signed
    bad: Many shops [[lost already]] their Christmas orders. => already lost
    bad: Lorries take the ferry to [[avoid thus]] the motorway. => thus avoid
    bad: The brand [[wants now]] to conquer the American market. => now wants
    good: The brand now wants to conquer the American market.
    good: He reasoned thus: the vote would fail.
    good: The deal was signed already by 2020, long before the vote.
    good: Most players can also read the newer files.
    good: We still have three networks in the region.
    good: The plan should also be effective abroad.
    good: They were also the first to arrive.
    good: The ministry firmly defended the police operation.
    good: Prices remained largely the same.

    **Fix safety**
    Unsafe: moving the adverb before the verb is almost always right, but "still" and
    "now" can change their sense with their position.
    """

    code = "MT403"
    name = "adverb-before-object"
    category = "word-order"
    severity = Severity.MINOR
    fixable = "sometimes"
    confidence = 0.8

    def check(self, doc: Document) -> Iterator[Hit]:
        from ..cache import has_lemma  # word sets of the lemma dictionary, from the disk cache

        text = doc.norm
        starts = word_starts_before_words(text, _ADVERB_ANCHORS)
        for m in itertools.chain(matches_at(_ADVERB_ORDER, text, starts["plain"]),
                                 matches_at(_MANNER_ORDER, text, starts["manner"]),
                                 matches_at(_INTENT_ORDER, text, starts["intent"])):
            verb, adverb = m.group("verb", "adv")
            if verb in _AUXILIARIES and not (verb == "be" and adverb == "also") or verb in _LINKING_VERBS:
                continue  # "will be always" is rare but English; "should be also" is the French order
            if not has_lemma(verb, "VERB"):
                continue
            start, end = m.start("verb"), m.end("adv")
            yield Hit(start, end, f"French adverb order: put “{adverb}” before “{verb}”",
                      f"{doc.text[m.start('adv'):end]} {doc.text[start:m.end('verb')]}", "unsafe")


class NationalityAfterNoun(Rule):
    """A nationality adjective put after its noun, French style: "fifty vessels Dutch".

    **What it does**
    Finds a nationality or regional adjective of `nationality_adjectives.tsv` (Dutch,
    Austrian, Breton …) right after a lower-case noun and before a clause boundary (a comma,
    a full stop, "and", "which", a verb): "a Muslim cemetery Austrian,", "the elections
    Austrian.". A language after a verb or an adjective ("they study English", "in fluent
    Dutch") is left alone, as is a noun that may be an adjective.

    **Why is this bad?**
    French puts the adjective of nationality after its noun ("des navires néerlandais");
    English always puts it before: "Dutch vessels".

    **Example**
    bad: Thirty French boats fish there, against about fifty [[vessels Dutch]], often bigger. => Dutch vessels
    bad: Born in Kazakhstan, she is now a [[citizen German]] and lives in Berlin. => German citizen
    bad: The coalition broke up after the [[elections Austrian]]. => Austrian elections
    bad: The brand was bought by a [[group Dutch]] based in Rotterdam. => Dutch group
    bad: The contract was signed with a [[shipowner Italian]] based in Genoa. => Italian shipowner
    bad: In 2019, a [[fund American]] bought a neighbouring workshop. => American fund
    good: Thirty French boats fish there, against about fifty Dutch vessels.
    good: Most of the players are French, and the coach is Dutch.
    good: The gap between French and German bonds widened.
    good: Half the pupils study English, and a few speak fluent Dutch at home.
    good: Most of the students are still learning English.
    good: He spoke by phone with his Ukrainian and Russian counterparts.

    **Fix safety**
    Unsafe: the adjective moves before the noun, but an adjective or a number before the noun
    may have to stay in front of both.
    """

    code = "MT406"
    name = "nationality-after-noun"
    category = "word-order"
    severity = Severity.MINOR
    fixable = "sometimes"
    confidence = 0.7

    def check(self, doc: Document) -> Iterator[Hit]:
        from ..cache import has_lemma  # word sets of the lemma dictionary, from the disk cache

        function_words = doc.pack.target_words("function_words")
        text = doc.norm
        for start, end in _before_boundary(text, doc.pack.target_words("nationality_adjectives"), _NATIONALITY_BOUNDARY):
            before = _LOWER_WORD_BEFORE.search(text, max(0, start - _WORD_REACH), start)
            if before is None:
                continue
            noun = before.group(1)
            low = noun.lower()
            if low in function_words or low in _LANGUAGE_VERBS or low.endswith(("ing", "ed")) \
                    or not (has_lemma(noun, "NOUN") or _unlisted_noun(text, before.start(1), noun)) or has_lemma(noun, "ADJ"):
                continue  # "speak Dutch", "some Breton", "good English", "learning English": a language
            yield Hit(before.start(1), end, f"French order: put “{text[start:end]}” before “{noun}”",
                      f"{doc.text[start:end]} {doc.text[before.start(1):before.end(1)]}", "unsafe")


def _unlisted_noun(text: str, start: int, word: str) -> bool:
    """Whether a word the lemma dictionary lacks is a noun by its article: "a shipowner"."""
    from ..cache import has_lemma

    return len(word) >= 6 and bool(_ARTICLE_BEFORE.search(text, max(0, start - 5), start)) and not has_lemma(word, "VERB")


_ARTICLE_BEFORE = compiled(r"(?<![\p{L}'-])(?i:a|an|the) \G", regex.REVERSE)


# Nouns that are also verbs taking a language as object: "they study English", "uses French".
_LANGUAGE_VERBS = frozenset("study studies use uses love loves master masters read reads".split())


# The lower-case word before a position and one space (searched backwards from it).
_LOWER_WORD_BEFORE = compiled(r"(?<![\p{L}'-])(\p{Ll}{3,}) \G", regex.REVERSE)
_WORD_REACH = 40


def _before_boundary(text: str, adjectives: frozenset[str], boundary: str) -> Iterator[tuple[int, int]]:
    """Where an adjective of the list stands after a space and before a clause boundary:
    punctuation or one of the ``boundary`` words (the noun before it is looked at only there).
    The adjectives are found by one Aho–Corasick pass (a regex alternation tried at every
    position cost 25 times more), the boundary checked at each."""
    if not adjectives:
        return  # an empty automaton cannot be searched
    after = _boundary_after(boundary)
    for last, word in _adjective_finder(adjectives).iter(text):
        if after.match(text, last + 1):
            yield last + 1 - len(word), last + 1


@lru_cache(maxsize=None)
def _adjective_finder(adjectives: frozenset[str]) -> ahocorasick.Automaton:
    finder = ahocorasick.Automaton()
    for word in adjectives:
        finder.add_word(" " + word, word)
    finder.make_automaton()
    return finder


@lru_cache(maxsize=None)
def _boundary_after(boundary: str) -> regex.Pattern:
    return compiled(r"(?![\p{L}'-])(?=\s*[,.;:)]|\s+(?:" + boundary + r")\b)")


# After a nationality, any preposition closes the noun phrase ("the elections Austrian in"), and
# so does a participle that describes the noun ("a group Dutch based in The Hague").
_NATIONALITY_BOUNDARY = ("who|which|that|has|have|had|is|are|was|were|in|on|at|with|for|to|from|and|but|often|also"
                         "|based|headquartered|founded|specialised|specialized|owned|listed|established|created|controlled"
                         "|bought|sold|took|won|acquired|announced|said|says|wants|plans|offered")
# After other adjectives, "with", "for", "to", "of" and "from" may open their complement
# ("a field white with snow", "a scene painful to watch").
_ADJECTIVE_BOUNDARY = ("which|that|who|has|have|had|is|are|was|were|in|on|at|since|and|but|for|remains|remained|will|would"
                       "|could|can|must|seems|seemed|of|near")
# After these, "of" or "near" may go with the noun they are: "the deep red of the roofs", "the
# drum major of the band".
_NOUN_TOO = frozenset({"major", "minor"})


class AdjectiveAfterNoun(Rule):
    """An adjective put after its noun, French style: "a drop sharp", "a foam whitish".

    **What it does**
    Finds an adjective of `postposed_adjectives.tsv` (colours, "brutal", "sharp", "painful",
    "unlimited", "historic", "electric" …: adjectives French places after the noun and English
    never does) right after "a", "an", "the", "this", "that", "these", "those" or "some" and a
    lower-case noun, before a clause boundary (a comma, a full stop, "and", "but", "which", "in",
    a verb). A colour after a noun that names a shade ("sky blue", "the colour red") and an
    object made so by its verb ("painted the wall white") are left alone.

    **Why is this bad?**
    French puts most adjectives after the noun ("une baisse brutale", "une mousse blanchâtre",
    "une grève illimitée"); translation that keeps the order writes "a drop brutal". English puts
    them before: "a sharp drop", "a whitish foam", "an indefinite strike".

    **Example**
    bad: Several clients have announced [[a drop sharp]] in their volumes. => a sharp drop
    bad: The geologists believe that [[the slope entire]] remains unstable. => the entire slope
    bad: Residents discovered [[a foam whitish]] on the surface of the river. => a whitish foam
    bad: The union has filed notice of [[a strike unlimited]], from Monday. => an unlimited strike
    bad: It is [[a decision painful]] but necessary. => a painful decision
    bad: After [[a summer particularly brutal]], the harvest fell. => a particularly brutal summer
    bad: It was [[a mobilisation historic]] for the school. => a historic mobilisation
    bad: Inspectors will examine [[the conditions sanitary]] of every lodging. => the sanitary conditions
    bad: The bay is one of the Breton [[sites the most affected]] by green tides. => -
    bad: Morvan, 51, [[the coach former]] of Lorient, was sacked. => the former coach
    good: Several clients have announced a sharp drop in their volumes.
    good: They painted the wall white and left.
    good: The team wore navy blue, and the sky blue was perfect.
    good: Her favourite is the colour red.
    good: She left, her face red with anger.
    good: She came out of the hearing, the eyes red, and said nothing.
    good: With the drop so sharp, traders sold everything.
    good: The deep red of the roofs and the drum major of the band were the stars.
    good: The drought hit the farmers the most in 2022, and the sites most affected were in the west.

    **Fix safety**
    Unsafe: the adjective moves before the noun; "a" may have to become "an" and the reverse.
    """

    code = "MT407"
    name = "adjective-after-noun"
    category = "word-order"
    severity = Severity.MINOR
    fixable = "sometimes"
    confidence = 0.7

    def check(self, doc: Document) -> Iterator[Hit]:
        from ..cache import has_lemma  # word sets of the lemma dictionary, from the disk cache

        adjectives = doc.pack.target_words("postposed_adjectives")
        colours = doc.pack.target_mapping("postposed_adjectives", "word", "note")
        function_words = doc.pack.target_words("function_words")
        text = doc.norm
        for start, end in _before_boundary(text, adjectives, _ADJECTIVE_BOUNDARY):
            before = _DETERMINER_NOUN_BEFORE.search(text, max(0, start - _WORD_REACH), start)
            if before is None:
                continue
            noun, adjective = before.group("noun"), text[start:end]
            if text.startswith((" of ", " near "), end) and (adjective in _NOUN_TOO or colours.get(adjective) == "colour"):
                continue
            if noun in function_words or noun.endswith(("ing", "ed")) or noun in _SHADE_NOUNS \
                    or not has_lemma(noun, "NOUN") or has_lemma(noun, "ADJ") \
                    or _RESULT_VERB_BEFORE.search(text, max(0, before.start() - _WORD_REACH), before.start()):
                continue  # "the sky blue", "the colour red", "painted the wall white"
            article = before.group("det")
            at = before.start("det")
            if article.lower() == "the" and noun in _BODY_PARTS and text[max(0, at - 8):at].rstrip().endswith(","):
                continue  # "she left, the eyes red": a possessive lost ("her eyes red"), not the order
            if _WITH_BEFORE.search(text, max(0, at - 10), at):
                continue  # "with the soil very dry": English says so
            adjective = f"{before.group('adverb')} {adjective}" if before.group("adverb") else adjective
            if article.lower() in ("a", "an"):
                article = transfer_case(article, "an" if adjective[0] in "aeiou" else "a")
            yield Hit(at, end, f"French order: put “{adjective}” before “{noun}”",
                      f"{article} {adjective} {noun}", "unsafe")
        if " the most " in text or " the least " in text:
            for m in _SUPERLATIVE_AFTER.finditer(text):
                if has_lemma(m.group("noun")[:-1], "NOUN"):
                    yield Hit(m.start("noun"), m.end(), f"French order: put “{m.group('degree')}” before “{m.group('noun')}”, "
                              f"or drop its “the”", None, "none", 0.75)


# "one of the Breton sites the most affected by", "the colours the most in demand": a superlative
# kept after its noun with its own "the" (English: "the most affected sites", "the sites most affected").
_SUPERLATIVE_AFTER = compiled(r"(?<![\p{L}'-])(?P<noun>\p{Ll}{3,}s) the (?P<degree>(?:most|least) (?:\p{Ll}+(?:ed|ing|ive|ful|ous|able|ible|al|ic|ant|ent)|in demand|at risk))"
                              r"(?= (?:by|in|of|among|today|for|to)\b|[,.;:])")
# "a", "the" … and a lower-case noun, right before the adjective (searched backwards from it).
_DETERMINER_NOUN_BEFORE = compiled(r"(?<![\p{L}'-])(?P<det>[Aa]n?|[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|[Ss]ome)"
                                   r" (?P<noun>\p{Ll}{3,})(?: (?P<adverb>very|more|less|particularly|extremely|especially|highly"
                                   r"|deeply|rather|quite|so|too|really|truly|totally|entirely|completely|relatively|potentially))? \G",
                                   regex.REVERSE)
_WITH_BEFORE = compiled(r"\b(?i:with|without)\s+\G", regex.REVERSE)
# A verb that makes or finds its object so ("painted the wall white", "served the soup cold").
_RESULT_VERB_BEFORE = compiled(r"(?<![\p{L}'-])(?:paint|turn|make|made|dye|colou?r|leave|left|keep|kept|get|got|find"
                               r"|found|consider|render|deem|call|declare|prove|judge|think|thought|believe|like|want"
                               r"|prefer|serve|wash|bleach|stain|wipe|scrub|drive|drove)(?:s|ed|ing)? \G", regex.REVERSE)
# What "…, the eyes red" describes: a part of the body, whose possessive French leaves out.
_BODY_PARTS = frozenset("eyes eye face hands hand cheeks cheek hair lips head arms arm voice feet legs heart skin".split())
# Nouns that name a shade with a colour after them ("sky blue", "navy blue"), or the colour itself.
_SHADE_NOUNS = frozenset("""sky navy royal blood lemon jet snow olive bottle brick cherry ice pitch baby powder
midnight emerald ruby salmon rose sea forest lime mustard chocolate coffee cream ivory silver gold steel slate
charcoal wine plum peach coral mint sand stone bone ash smoke pearl dove racing signal colour color shade hue tone
tint word letter team side kit""".split())



# Objects that are measures of time or quantity, not things acted on ("spent in his youth a year").
_MEASURE_NOUNS = frozenset("""bit couple day decade few little lot month number time week while year times hours
minutes seconds days weeks months years decades kilometres kilometers miles metres meters laps""".split())


@lru_cache(maxsize=None)
def _pp_before_object(weekdays: str) -> regex.Pattern:
    return compiled(
        rf"\b(?P<verb>\p{{Ll}}+(?:ed|es|s)|have|has|had)(?: (?:on )?{weekdays})?"
        rf" (?P<pp>(?:in|on|into) (?:his|her|its|their|your|our|my) (?P<noun>(?:[\p{{L}}-]+ ){{0,2}}?[\p{{L}}-]+))"
        rf" (?P<article>a|an) (?P<object>\p{{Ll}}+)")


# The place phrase's preposition and possessive, which every match of _pp_before_object holds.
_PP_ANCHOR = compiled(r" (?:in|on|into) (?:his|her|its|their|your|our|my)(?= )")


def _pp_before_object_matches(text: str, cal: Calendar) -> Iterator[regex.Match]:
    """The matches of ``_pp_before_object(…).finditer(text)``, tried only at the starts of the
    few words before each place phrase: the verb (a whole word: a boundary before it, a space
    after) is the word before the phrase, or before "on" and a weekday."""
    pattern = _pp_before_object(cal.weekday_pattern)
    back = 2 + max((len(day.split()) for day in cal.weekdays), default=0)
    return matches_at(pattern, text, word_starts_before(text, _PP_ANCHOR, back))




class VerbFirstSentence(Rule):
    """A statement that opens on its verb, its subject put after it, French style:
    "Remains the question of the exams", "Is also targeted a restaurant owner".

    **What it does**
    Finds a sentence ending with a full stop that begins with "Remain(s)" and a determiner, or
    with "Is", "Are", "Was", "Were", "Will be", "Has been", "Have been" or "Had been" and a past
    participle (perhaps after "also", "only", "notably") followed by what must be its subject.
    Also a past verb and a determiner right after a time phrase and a comma that open the
    sentence ("On Tuesday evening, left the Gare d'Austerlitz the first train"). Questions (a
    question mark at the end) and headlines (no final stop) are left alone.

    **Why is this bad?**
    French may open on the verb: « Reste la question des examens », « Est également visé un
    restaurateur », « Sera maintenue seule la ligne Rodez–Orly ». Translated in that order, the
    English reads as a question or has lost its subject. English puts the subject first, or
    says "There remains …" and "Also targeted is …".

    **Example**
    bad: The talks ended at noon. [[Remains the]] question of the June exams. => There remains the
    bad: Three brokers were charged. [[Is also targeted]] a restaurant owner in Sarlat. => -
    bad: All other routes close. [[Will be maintained only]] the Rodez–Orly route. => -
    bad: On Tuesday evening, [[left the]] Gare d'Austerlitz the first night train for Nice. => -
    good: On Tuesday evening, the first night train left the Gare d'Austerlitz.
    good: On Tuesday, armed with a warrant, the police searched the flat.
    good: Is the strike legal? The union says it is.
    good: There remains the question of the June exams.
    good: Remains of a Roman villa were found under the car park.
    good: Also targeted is a restaurant owner in Sarlat.
    good: Were the prices fixed in advance, or did the market set them?

    **Fix safety**
    "Remains" takes "There" before it; other sentences need the subject moved, which is left
    to the reader.
    """

    code = "MT408"
    name = "verb-first-sentence"
    category = "word-order"
    severity = Severity.MINOR
    fixable = "sometimes"
    confidence = 0.8

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.norm
        starts = None
        for m in _VERB_FIRST.finditer(text):
            if starts is None:
                starts = {s.start: s for s in doc.sentences}
            sentence = starts.get(m.start())
            if sentence is None or not text[sentence.start:sentence.end].rstrip().endswith("."):
                continue  # inside a sentence, a question, or a headline
            if m.group("remain"):
                yield Hit(m.start(), m.end(), "French order: the sentence opens on its verb; English says "
                          "“There remains …” or puts the subject first",
                          "There " + m.group().lower(), "unsafe")
            else:
                yield Hit(m.start(), m.end("participle") if m.group("only") is None else m.end("only"),
                          "French order: the subject comes after the verb; put it first, or write "
                          "“Also … is …”", None, "none")
        for m in _VERB_AFTER_OPENER.finditer(text):
            if starts is None:
                starts = {s.start: s for s in doc.sentences}
            sentence = starts.get(m.start())
            if sentence is not None and text[sentence.start:sentence.end].rstrip().endswith("."):
                yield Hit(m.start("verb"), m.end(), f"French order: the verb “{m.group('verb')}” comes before its "
                          f"subject after “{m.group('opener')},”; put the subject first", None, "none", 0.65)


_PARTICIPLE = (r"(?:\p{Ll}+(?:ed|en)|held|made|kept|set|put|hit|cut|found|caught|brought|sold|sought|left|lost"
               r"|built|sent|spent|paid|won|struck|told|shut|bound)")
_VERB_FIRST = compiled(
    r"(?:(?P<remain>Remains?|Remained)\s+(?=(?:the|a|an|some|several|two|three|many|this|these|those|only|also)\s)"
    r"(?:(?:only|also)\s+)?(?:the|a|an|some|several|two|three|many|this|these|those)"
    rf"|(?:Is|Are|Was|Were|Will\s+be|Has\s+been|Have\s+been|Had\s+been)\s+(?:(?:also|only|notably|equally|likewise)\s+)?"
    rf"(?P<participle>{_PARTICIPLE})(?:\s+(?P<only>only|also|notably))?"
    r"(?=\s+(?:the|a|an|his|her|its|their|some|several|two|three|\p{Lu})\b))")

# A time phrase opening the sentence, a comma, then a verb in the past and a determiner: the
# subject put after its verb ("Mardi soir, est parti … le premier train de nuit").
_VERB_AFTER_OPENER = compiled(
    r"(?P<opener>(?:On|In|At|Since|Last|Early|Late|Earlier|Later|Yesterday|Overnight)(?: [\p{L}\d'-]+){0,4}),"
    rf" (?P<verb>\p{{Ll}}+ed|{'|'.join(_IRREGULAR_PASTS)}|came|went|began|fell|rose|ran)"
    r" (?:the|a|an|its|his|her|their)(?![\p{L}'-])")


class PrepositionalPhraseBeforeObject(Rule):
    """A place phrase put between a verb and its object: "published on his account a photograph".

    **What it does**
    Finds a verb followed by a phrase opening with in/on/into and a possessive ("on his
    account", "in your pocket") and only then by its object ("a photograph", "a computer").

    **Why is this bad?**
    French readily places a complement before the direct object ("a publié sur son compte
    une photo"). English keeps the object next to the verb: "published a photograph on his
    account".

    **Example**
    bad: The reporter [[published on his blog a photograph]] of the camp. => -
    bad: The mayor [[posted Monday on her account a video]] of the flood. => -
    bad: Soon you will [[have in your pocket a computer]]. => -
    good: The reporter published a photograph of the camp on his blog.
    good: She put her hand in her pocket and a coin fell out.

    **Fix safety**
    No automatic fix: the object may run on for several words and must be moved by hand.
    """

    code = "MT404"
    name = "prepositional-phrase-before-object"
    category = "word-order"
    severity = Severity.MINOR
    fixable = "never"
    confidence = 0.75

    def check(self, doc: Document) -> Iterator[Hit]:
        from ..cache import has_lemma  # word sets of the lemma dictionary, from the disk cache

        function_words = doc.pack.target_words("function_words")
        for m in _pp_before_object_matches(doc.norm, calendar(doc.pack)):
            if not has_lemma(m.group("verb"), "VERB") or m.group("verb") in _AUXILIARIES:
                continue
            if any(w.lower() in function_words for w in m.group("noun").split()):
                continue  # the phrase runs into another clause: "in her pocket and a coin"
            if m.group("object") in function_words or m.group("object") in _MEASURE_NOUNS:
                continue
            yield Hit(m.start(), m.end(), f"French order: put “{m.group('article')} {m.group('object')}…” "
                      f"before “{m.group('pp')}”", None, "none")


# Words that, met right after the object's first words, show a clause rather than an object:
# "said Tuesday the plan would …", "resigned on Friday, citing his health, a move that …".
# ("which" and "who" open a relative clause on the object: "signed on Tuesday a decree which …".)
_CLAUSE_MARKERS = frozenset("""am are can could did do does had has have is may might must shall should that
was were will would""".split())
# A form of "be" (and an adverb: "was first organized") right before the verb: a passive.
_PASSIVE_BEFORE = compiled(r"\b(?:is|are|was|were|be|been|being)"
                           r"(?: (?:\p{Ll}+ly|first|also|already|then|later|only|never|not|still|just|once))? $")
# Verbs that take no object but may be followed by what the subject was: "returned on Sunday a hero".
_DEPICTIVE_VERBS = frozenset("arrived came died emerged remained retired returned stayed went".split())
# Superlatives that say how much, not what: "rose in March the most since 2000", "the fastest in".
_DEGREE_WORDS = frozenset("most least more less".split())
_AFTER_DEGREE = tuple([w] for w in "in since of for on at ever yet this".split())
# Nouns in -est, no superlatives: "will examine on Monday the request".
_EST_NOUNS = frozenset("""arrest bequest chest conquest contest crest forest guest harvest inquest interest nest
protest quest request test unrest vest west""".split())
# Time phrases that look like objects: "rained on Monday the whole day".
_TIME_PHRASE_STARTS = frozenset("""entire following last next previous same whole day night morning afternoon evening
week weekend month year season summer winter""".split())


# The object's first words: an article, a possessive or a number, then a word (a name too:
# "the A7"; "placed on Tuesday fourteen departments on alert").
_OBJECT = (r"(?P<det>the|a|an|his|her|its|their|our|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
           r"|thirteen|fourteen|fifteen|twenty|thirty|forty|fifty|hundreds|thousands|several|some|all(?: (?:the|its|their|his|her|our))?"
           r"|(?:(?:nearly|almost|about|around|some|more than|less than|fewer than) )?\d+(?:,\d{3})*)"
           r" (?P<object>\p{Ll}+|\p{Lu}[\p{L}\d-]*|\d+(?:st|nd|rd|th))")


def _time_phrase(weekdays: str, relative: str, months: str) -> str:
    """A day ("on Wednesday", "Tuesday evening", "on Friday 6 February", "on 2 March", "in the
    morning", "yesterday"), a month, a season or a year ("in September", "in the spring", "in
    2019", "next week"); ``on`` names the "on " of a day."""
    date = rf"(?:(?:the )?\d{{1,2}}(?:st|nd|rd|th)?(?: of)? (?:{months})|(?:{months}) \d{{1,2}}(?:st|nd|rd|th)?)\b"
    # Atomic: a date after the weekday belongs to the phrase, never to the object.
    return (rf"(?:(?P<on>on |this )?(?>(?:{weekdays})(?:,? {date})?)(?: (?:morning|afternoon|evening|night))?|{relative}"
            rf"|on {date}|in the (?:morning|afternoon|evening)|this (?:morning|afternoon|evening)|during the night|at dawn"
            rf"|in (?:the )?(?:spring|summer|autumn|fall|winter)|(?:in|as of) (?:early |late |mid-)?(?:{months})"
            rf"|(?:in|since|by) (?:19|20)\d\d"
            rf"|(?:next|this|last) (?:week|month|year|weekend|spring|summer|autumn|fall|winter))")


# A second complement between the day and the object: ", by 13 votes to 2," or "in a joint
# statement", "in receivership", "for the small resorts".
_INSERTED = (r"(?P<inserted>,[^,.;:\n]{3,60},| (?:in|at|during|by|for|with) (?:(?:a|an|the|his|her|its|their) )?"
             r"(?:[\p{L}-]+ ){0,3}?[\p{L}-]+)?")


@lru_cache(maxsize=None)
def _time_before_object(weekdays: str, relative: str, months: str) -> regex.Pattern:
    return compiled(
        # An irregular past only before a day: ``_irregular_anchors`` find no other.
        rf"\b(?P<verb>\p{{Ll}}+ed|(?:{'|'.join(_IRREGULAR_PASTS)})(?={_PARTICLE} (?:on )?(?:{weekdays}|{relative})))"
        rf"{_PARTICLE}(?P<time> {_time_phrase(weekdays, relative, months)})"
        rf"{_INSERTED} {_OBJECT}(?P<rest>(?: [\p{{L}}'-]+){{0,4}})")


@lru_cache(maxsize=None)
def _time_anchor(weekdays: str, relative: str, months: str) -> regex.Pattern:
    """The end of the verb of a ``_time_before_object`` match, before its time phrase."""
    return compiled(rf"ed(?={_PARTICLE} {_time_phrase(weekdays, relative, months)})")


@lru_cache(maxsize=None)
def _irregular_anchors(weekdays: str, relative: str) -> tuple[regex.Pattern, ...]:
    """The days after an irregular past (``verb`` its start), each found from its last three
    letters ("day" of "Monday"), a literal the engine searches for, one pattern a distinct
    ending. (An irregular past before a month or a season is not looked for.)"""
    words = regex.findall(r"\p{L}+", f"{weekdays}|{relative}")
    endings = sorted({w[-3:] for w in words})
    verbs = "|".join(_IRREGULAR_PASTS)
    return tuple(compiled(rf"(?<=\b(?P<verb>{verbs}){_PARTICLE} (?:on )?(?:{'|'.join(w[:-3] for w in words if w.endswith(end))}))"
                          + end) for end in endings)


def time_before_object_matches(text: str, cal: Calendar) -> Iterator[regex.Match]:
    """The matches of ``_time_before_object(…).finditer(text)``, tried only where a verb
    before a time phrase stands: a whole run of lower-case letters (a word boundary before
    it) that ends in "ed" before the time phrase, or an irregular past before a day."""
    months = cal.full_month_pattern
    ends = (m.end() for m in _time_anchor(cal.weekday_pattern, cal.relative_pattern, months).finditer(text))
    starts = set(run_starts(text, ends, LOWER_RUN_BEFORE))
    for anchor in _irregular_anchors(cal.weekday_pattern, cal.relative_pattern):
        starts.update(m.start("verb") for m in anchor.finditer(text))
    return matches_at(_time_before_object(cal.weekday_pattern, cal.relative_pattern, months), text, starts)


# Who says so, between two commas after the time: what follows describes the source, not an object.
_ATTRIBUTION = compiled(r",\s*(?:according\s+to|as\s+reported\s+by|said|says|citing)\b")
# A finite verb between two commas after the time: a clause, not an inserted complement.
_CLAUSE_VERB = compiled(r"\b(?:is|are|was|were|has|have|had|will|would)\b")
# Verbs after a modal that take no object, or "be"/"have" (not objects but complements follow them).
_NO_OBJECT_AFTER_MODAL = frozenset("""be have arrive come die go leave live remain retire return stay""".split())


@lru_cache(maxsize=None)
def _modal_time_before_object(weekdays: str, relative: str, months: str) -> regex.Pattern:
    """A bare verb after a modal, a time phrase, and the object (the groups of ``_time_before_object``)."""
    return compiled(
        rf"\b{_MODALS} (?P<verb>\p{{Ll}}+)(?P<time> {_time_phrase(weekdays, relative, months)})"
        rf"(?P<inserted>) {_OBJECT}(?P<rest>(?: [\p{{L}}'-]+){{0,4}})")


def modal_time_before_object_matches(text: str, cal: Calendar) -> Iterator[regex.Match]:
    pattern = _modal_time_before_object(cal.weekday_pattern, cal.relative_pattern, cal.full_month_pattern)
    for m in pattern.finditer(text):
        if m.group("verb") not in _NO_OBJECT_AFTER_MODAL:
            yield m


def _runs_on(words: list[str], function_words: frozenset[str]) -> bool:
    """Whether a complement's later words hold a function word, bar the "of" inside a name
    ("in the Council of Ministers")."""
    return any(w in function_words and not (w == "of" and following[:1].isupper())
               for w, following in zip(words, words[1:] + [""]))


class TimeBeforeObject(Rule):
    """A day put between a verb and its object: "condemned on Wednesday the former mayor".

    **What it does**
    Finds a past-tense verb followed by a time ("on Wednesday", "Tuesday evening",
    "yesterday", "in September", "in 2019"; an irregular past only before a day), sometimes
    a second complement ("in a joint statement", "in receivership", ", by 13 votes to 2,"),
    and only then by its object ("the former mayor", "a resolution"); or a bare verb after a
    modal followed by a time ("must present in the spring a bill"). A clause after the time
    ("said Tuesday the plan would …") and a superlative ("rose in March the most") are left alone.

    **Why is this bad?**
    French places the date right after the verb ("a condamné mercredi l'ancien maire").
    English keeps the object next to its verb and puts the day after it: "condemned the former
    mayor on Wednesday".

    **Example**
    bad: The court [[condemned on Wednesday the]] former mayor of the town. => -
    bad: The council [[adopted on Friday, by 13 votes to 2, a]] resolution on the war. => -
    bad: The unions [[announced Tuesday evening in a joint statement a]] new strike. => -
    bad: The Polish player [[won on Saturday afternoon her]] first Grand Slam title. => -
    bad: Farmers [[blocked on Monday morning the]] A7 motorway near Lyon. => -
    bad: The minister [[must present in the spring a]] bill on housing. => -
    bad: The group [[launched in September a]] restructuring plan. => -
    bad: The government [[presented on Wednesday in the Council of Ministers a]] reform. => -
    bad: The hospital [[postponed on Thursday all]] non-urgent operations. => -
    bad: The screening [[gathered on Friday nearly 9,000]] spectators by the lake. => -
    bad: The prefect [[flew over on Tuesday morning the]] area in a helicopter. => -
    bad: The club [[called off on Friday the]] match against Nantes. => -
    bad: The prefect [[signed Tuesday evening a]] decree which bans fireworks. => -
    bad: The mayor [[visited this morning the]] site with an expert. => -
    bad: The prefecture [[will examine on Monday the]] request. => -
    bad: The region [[unveiled on Wednesday a]] plan that it describes as a new start. => -
    bad: The company [[cancelled on Monday all its]] crossings to Marseille. => -
    bad: The company [[will publish as of June a]] monthly report on night flights. => -
    bad: The agency has [[financed since 2023 eleven]] set-up grants. => -
    bad: Inspectors [[searched during the night the]] premises where the workers slept. => -
    bad: The mayor [[cut on Saturday morning the]] ribbon at the new station. => -
    bad: An avalanche [[swept away Saturday four]] skiers in the Bauges. => -
    good: It rained on Monday all day, and the match was called off.
    good: The court condemned the former mayor on Wednesday.
    good: Officials said Tuesday the plan would be delayed.
    good: He resigned on Friday, citing his health, a move that surprised many.
    good: It rained on Monday the whole day.
    good: “It will pass,” estimated yesterday the senator.
    good: He explained today during the presentation of the film why he left.
    good: In its report, published in March, the regional audit court concluded that the city had lost money.
    good: The team arrived on Monday the 14th, a day early.
    good: "We will pay, declared yesterday the Finance Minister, Wouter Bos.
    good: She won on Saturday her coach said, after a long rally.
    good: The exhibition will open in the spring and close in the autumn.
    good: She will be in the spring the first woman to lead it.
    good: The court will rule next week whether the law stands.
    good: Prices climbed in March the fastest in a decade.
    good: Of the 52 restaurants he reviewed last year, 31 were in Paris, 14 elsewhere in France.
    good: The number of start-ups has doubled since 2019, according to Aerospace Valley, the regional cluster.

    **Fix safety**
    No automatic fix: the object may run on for several words and must be moved by hand.
    """

    code = "MT405"
    name = "time-before-object"
    category = "word-order"
    severity = Severity.MINOR
    fixable = "never"
    confidence = 0.75

    def check(self, doc: Document) -> Iterator[Hit]:
        cal = calendar(doc.pack)
        function_words = doc.pack.target_words("function_words")
        speech = doc.pack.target_words("reporting_verbs")
        openings = opening_marks(doc)
        for m in itertools.chain(time_before_object_matches(doc.norm, cal),
                                 modal_time_before_object_matches(doc.norm, cal)):
            if follows_quotation(doc, m.start(), openings):
                continue  # “…”, estimated yesterday the senator: an inverted subject, not an object
            obj = m.group("object")
            if obj in function_words or obj in _MEASURE_NOUNS or obj in _TIME_PHRASE_STARTS:
                continue
            if obj[0].isupper() and m.group("verb") in speech:
                continue  # "declared yesterday the Finance Minister": an inverted subject
            if m.group("det") in ("a", "an") and m.group("verb") in _DEPICTIVE_VERBS:
                continue  # "returned on Sunday a hero": what the subject was, not an object
            if obj[0].isdigit() and (not m.group("rest") or m.group("rest").split()[0] == "of"):
                continue  # "arrived on Monday the 14th (of May)": a date, not an object
            if obj in _DEGREE_WORDS or (obj.endswith("est") and obj not in _EST_NOUNS
                                        and m.group("rest").split()[:1] in ([], *_AFTER_DEGREE)):
                continue  # "climbed in March the fastest in a decade": how much, not what
            if _PASSIVE_BEFORE.search(doc.norm, max(0, m.start() - 40), m.start()):
                continue  # "is expected on Tuesday, …, a climb of 15 km": a passive takes no object
            inserted = m.group("inserted") or ""
            if not inserted.startswith(",") and _runs_on(inserted.split()[2:], function_words):
                continue  # the phrase runs on: "during the presentation of the film"
            if inserted.startswith(",") and (_CLAUSE_VERB.search(inserted) or _ATTRIBUTION.match(inserted)):
                continue  # "Of the 52 restaurants he reviewed last year, 31 were in Paris, 14 …": a clause;
                # "doubled since 2019, according to Aerospace Valley, the regional cluster": its source
            if inserted.startswith(",") and doc.norm.endswith(", ", 0, m.start()):
                continue  # "its report, published in March, the audit court concluded": a participle between commas
            rest = m.group("rest").split()
            relative = (m.group("det") in ("a", "an") and rest[:1] in (["that"], ["which"]) and not m.group("inserted")
                        and m.group("verb") not in speech)
            if not relative and any(w.lower() in _CLAUSE_MARKERS or w.lower() in speech for w in rest):
                continue  # "said Tuesday the plan would …"; but "unveiled on Wednesday a plan that it describes"
            # A bare day before the object is also US news style before a long clause: less sure.
            confidence = 0.75 if m.group("on") or m.group("inserted") else 0.6
            yield Hit(m.start(), m.end("det"),
                      f"French order: put the object “{m.group('det')} {obj}…” right after “{m.group('verb')}” "
                      f"and “{m.group('time').strip()}” after it", None, "none", confidence=confidence)
