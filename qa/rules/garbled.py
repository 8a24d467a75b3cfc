"""MT41x: garbled text — sentences broken around stray words, split compounds, lost objects."""
from __future__ import annotations

import itertools
import operator
from collections import Counter
from typing import Iterator, Optional

import regex

from ..document import Document
from ..finding import Hit, Severity
from ..matchers import LexiconRule
from ..patterns import compiled
from .anchors import LOWER_RUN_BEFORE, matches_at, run_starts, word_starts_before
from .base import Rule
from .consistency import calendar

# A word, a full stop, then one or two lower-case words closed by another full stop: "in control. competition."
# The article "a" counts as a word after another word ("during a. parade"), not as a list's label.
_STRAY_WORDS = compiled(r"(?<![\p{L}.])(?P<prev>\p{Ll}{2,}|(?<=\p{L}\s)a)\. (?P<stray>\p{Ll}{2,}(?: \p{Ll}{2,})?)\.(?=\s|$)")
# A word, a full stop, then a lower-case word that carries on as if no sentence had ended.
_LOWER_AFTER_STOP = compiled(r"(?<![\p{L}.])(?P<prev>\p{Ll}{2,}|(?<=\p{L}\s)a)\. (?P<next>\p{Ll}{2,})(?![\p{L}.'-])")
# A full stop after a word no sentence ends with ("every. Sunday"): searched from the full stop.
# So are "because of" and a subject pronoun after "said that": the rest of the clause was lost.
_DETERMINER_STOP = compiled(r"\.(?<=(?<![\p{L}.'-])(?P<prev>the|a|an|every|its|their|our|whose|than|because[ \t]+of"
                            r"|(?:said|says|added|adds|announced|announces|explained|explains|stated|states|indicated"
                            r"|indicates|confirmed|confirms|replied|replies|declared|declares)[ \t]+that[ \t]+(?:it|he|she|they|we))\.)"
                            r"(?=[ \t]+\p{L})")  # within the paragraph: a paragraph's end is MT418's
_NEXT_WORD_END = compiled(r"[ \t]+\p{L}+")
_LIST_LABEL_B = compiled(r"(?<![\p{L}\p{N}])b[.)]\s")
# A full stop between lower-case letters, which every match of the two patterns above holds
# right after its first word: they are tried only at the start of that word.
_LOWER_STOP_LOWER = compiled(r"(?<=\p{Ll})\. (?=\p{Ll})")


class StraySentenceBreak(Rule):
    """A full stop inside a sentence, followed by a lower-case word.

    **What it does**
    Finds a full stop after an ordinary word (not an abbreviation) followed by a lower-case
    word: either a stray word closed by a second full stop ("are already in control.
    competition.") or a sentence that simply carries on in lower case; and a full stop after a
    word no sentence ends with ("the", "every", "their", "because of", "said that it" …),
    whatever follows it.

    **Why is this bad?**
    Translation sometimes splits a French phrase around a full stop or leaves a fragment of
    an alternative rendering behind; the sentence no longer parses and the reader cannot tell
    which word belongs.

    **Example**
    bad: Several powers are already in [[control. competition.]] Talks stall. => -
    bad: The fighting [[spread. into]] the northern valleys overnight. => -
    bad: They will parade on Monday during [[a. parade]] on the quay. => -
    bad: The priest says Mass [[every. Sunday]] under a tarpaulin. => -
    bad: The match was called off [[because of. The]] club apologised. => -
    bad: Asked about the brand, the group [[said that it. The]] sale closes in May. => -
    good: Choose between a. renting and b. buying.
    good: The fighting spread. Into the valleys came the refugees.
    good: Prices rose by 3% vs. last year, e.g. in food.
    good: The firm, Acme Kft. in Budapest, denied it.

    **Fix safety**
    No automatic fix: either word may be the stray one.
    """

    code = "MT411"
    name = "stray-sentence-break"
    category = "garbled"
    severity = Severity.MAJOR
    fixable = "never"
    confidence = 0.8

    def check(self, doc: Document) -> Iterator[Hit]:
        pack = doc.pack
        text = doc.norm
        broken: list[tuple[int, int]] = []
        starts = list(run_starts(text, (m.start() for m in _LOWER_STOP_LOWER.finditer(text)), LOWER_RUN_BEFORE))
        for m in matches_at(_STRAY_WORDS, text, starts):
            if self._ordinary(doc, m):
                broken.append(m.span())
                yield Hit(m.start(), m.end(), "a stray word stands between two full stops: the sentence is broken",
                          None, "none", severity=Severity.CRITICAL)
        for m in matches_at(_LOWER_AFTER_STOP, text, starts):
            if any(a <= m.start() < b for a, b in broken) or not self._ordinary(doc, m):
                continue  # already inside a reported break: "text. compromise. before"
            if pack.is_common_word(m.group("next")):
                yield Hit(m.start(), m.end(), "a full stop inside the sentence: the next word is lower case",
                          None, "none", confidence=0.7)
        if pack.target_lang != "en":
            return  # the words below are English
        for m in _DETERMINER_STOP.finditer(text):
            start = m.start("prev")
            if any(a <= start < b for a, b in broken) or (m.group("prev") == "a" and not self._ordinary(doc, m)):
                continue
            end = _NEXT_WORD_END.match(text, m.end()).end()
            yield Hit(start, end, f"a sentence cannot end on “{m.group('prev')}”: a stray full stop",
                      None, "none", confidence=0.75)

    @staticmethod
    def _ordinary(doc: Document, m: regex.Match) -> bool:
        """An ordinary word, so that its full stop cannot belong to an abbreviation; "a" not as the
        label of a list with a "b." after it ("between a. renting and b. buying")."""
        pack, word = doc.pack, m.group("prev")
        if word == "a":
            return _LIST_LABEL_B.search(doc.norm, m.end(), m.end() + 120) is None
        return f"{word}." not in pack.abbreviations and pack.is_common_word(word)


_WEDGED_ADJECTIVE = compiled(
    r'\b(?:a|an|the) (?P<noun>\p{Ll}+) "(?P<adj>\p{Lu}\p{Ll}+)(?P<more>(?: [\p{Ll}-]+){0,4})" (?P<next>\p{Ll}+)\b')
# Its matches start two words before a quotation opening on a capital: tried there alone.
_QUOTED_CAPITAL = compiled(r' "(?=\p{Lu})')


def wedged_adjectives(text: str) -> Iterator[regex.Match]:
    """The matches of ``_WEDGED_ADJECTIVE.finditer(text)``."""
    return matches_at(_WEDGED_ADJECTIVE, text, word_starts_before(text, _QUOTED_CAPITAL, 2))


class QuotedAdjectiveAfterNoun(Rule):
    """A capitalised quoted adjective wedged between two nouns: "a stop “Complete” fighting".

    **What it does**
    Finds a noun, a capitalised adjective in quotation marks (alone or opening a short
    phrase), and then a second noun with no preposition, or "of": "an end “Immediate”
    hostilities", "an access “Immediate and unhindered” of aid".

    **Why is this bad?**
    French quotes a single adjective after its noun ("un arrêt « complet » des combats").
    Translation keeps the French order, capitalises the quoted word and drops "of the",
    leaving a phrase that does not parse: English writes "a complete end to the fighting".

    **Example**
    bad: The leaders called for a [[truce “Lasting” fighting]] in the valley. => -
    bad: They demanded an [[end “Immediate” hostilities]] on Monday. => -
    bad: They called for an [[access “Immediate and unhindered” of]] aid convoys. => -
    good: The leaders called for a “lasting” truce in the valley.
    good: The band “Blue” plays on Friday.
    good: He read the magazine “Time” yesterday.
    good: It appeared in the online “Edge” magazine.

    **Fix safety**
    No automatic fix: the adjective must move before its noun and the lost preposition must
    be restored by hand.
    """

    code = "MT412"
    name = "quoted-adjective-after-noun"
    category = "garbled"
    severity = Severity.MAJOR
    fixable = "never"
    confidence = 0.8

    def check(self, doc: Document) -> Iterator[Hit]:
        from ..cache import has_lemma  # word sets of the lemma dictionary, from the disk cache

        pack = doc.pack
        cues = pack.target_words("title_cues")
        function_words = pack.target_words("function_words")
        cal = calendar(pack)
        for m in wedged_adjectives(doc.norm):
            noun, adj, nxt = m.group("noun", "adj", "next")
            if noun in cues or nxt in cues or noun in function_words:
                continue
            if nxt in function_words and nxt != "of":  # "of" is the French "de" kept after the quotation
                continue
            if cal.is_time_word(nxt):
                continue  # a title read "today", not a noun phrase
            if pack.is_known_name(adj) or not pack.is_common_word(adj):
                continue
            # The word after the quotation must be able to be a noun: "opens" after a title is a verb.
            if nxt != "of" and not has_lemma(nxt, "NOUN") and not nxt.endswith("ing"):
                continue
            if nxt == "of" and not m.group("more"):
                continue  # a single quoted word before "of" is often a title: the ship “Endeavour” of Cook
            quoted = adj + m.group("more")
            yield Hit(m.start("noun"), m.end(),
                      f"the quoted adjective “{quoted}” stands after its noun, French style: put it before "
                      f"“{noun}” in lower case and use an English preposition", None, "none")


class PiecewiseCompound(LexiconRule):
    """A French hyphenated compound cut at its hyphen and translated piece by piece.

    **What it does**
    Finds the rows of the pack's `piecewise_compounds` lexicon: "door - word" (porte-parole),
    "may - be" (peut-être), "him - even" (lui-même), "it's - to - ie" (c'est-à-dire). A dash
    between two clauses is never matched; compounds merely cut apart ("post - war") are the
    typography rule's.

    **Why is this bad?**
    Older machine translation cut French words at their hyphens and translated each half;
    the halves mean something else in English and the phrase loses its sense.

    **Example**
    bad: “The talks went well,” said the [[door - word]] of the ministry. => spokesperson
    bad: The future [[may - be]] brighter for the port. => perhaps
    bad: The president [[him - even]] was pleased. => himself
    good: The future may be brighter for the port.
    good: He knocked at the door - words failed him.
    good: Everybody loved it - even the critics who had panned it.

    **Fix safety**
    Unsafe: the English word is proposed, but the sentence around the split often needs
    rewriting too.
    """

    code = "MT413"
    name = "piecewise-compound"
    category = "garbled"
    severity = Severity.MAJOR
    fixable = "sometimes"
    confidence = 0.9
    lexicons = ("piecewise_compounds",)
    lexicon = "piecewise_compounds"
    message = "compound translated piece by piece (French {source}): {note}"


_DOUBLED = compiled(r"(?i)(?<![\p{L}'-])(?P<word>\p{L}+)(?P<gap> | - )(?P=word)(?![\p{L}'-])")
_DOUBLED_CONJUNCTION = compiled(
    r"(?i)(?<![\p{L}'-])(?P<word>if|when|that|because|although|whether|since|while|unless), "
    r"(?:\p{L}+ ){0,3}\p{L}+, (?P=word)(?![\p{L}'-])")


def _doubled(doc: Document, folded: Optional[list[str]] = None) -> Iterator[regex.Match]:
    """The matches of ``_DOUBLED.finditer(doc.norm)``, each tried only where a run of letters
    that the next run repeats (compared case-folded in ``folded``, a superset of the pattern's
    case-insensitive back-reference) may stand: most texts have none, and the comparison runs in C."""
    runs = doc.letter_runs
    folded = folded if folded is not None else list(map(str.casefold, runs))
    repeated = list(itertools.compress(range(len(runs)), map(operator.eq, folded, folded[1:])))
    if not repeated:
        return iter(())
    text = doc.norm
    # A match is two neighbouring runs of the list with a gap between them: it starts where
    # their text stands, with either gap (a superset, found in C; not every offset of the
    # first word, which a long text holds thousands of times). A try there sees them and the
    # character after.
    ends: dict[int, int] = {}
    for first, second in {(runs[i], runs[i + 1]) for i in repeated}:
        for gap in (" ", " - "):
            pair = first + gap + second
            at = text.find(pair)
            while at >= 0:
                ends[at] = max(ends.get(at, 0), min(len(text), at + len(pair) + 1))
                at = text.find(pair, at + 1)
    return matches_at(_DOUBLED, text, ends, ends.__getitem__)


# Doublings that English grammar allows: "she had had enough", "he said that that was", "what it is is".
_GRAMMATICAL_DOUBLES = frozenset("do had is that".split())
# Words English repeats for emphasis or sound: "very very", "bye bye", "knock knock", "so so".
_REDUPLICATED = frozenset("""again away blah bla bye chop far ha hey hush knock la là long many much night no now
often on out over pretty quite really round so tick tut very well yeah yes""".split())
_PAIR = compiled(r"(?<![\p{L}'-])(?P<pair>\p{L}+ \p{L}+) (?P=pair)(?![\p{L}'-])")


def _doubled_pairs(doc: Document, folded: Optional[list[str]] = None) -> Iterator[regex.Match]:
    """Two words written twice in a row ("in the in the"), tried only where the list of letter
    runs repeats a pair (compared case-folded in ``folded``, in C), each place once."""
    runs = doc.letter_runs
    folded = folded if folded is not None else list(map(str.casefold, runs))
    same = map(operator.and_, map(operator.eq, folded, folded[2:]), map(operator.eq, folded[1:], folded[3:]))
    text = doc.norm
    starts: set[int] = set()
    # Each distinct pair once: a text that repeats one pair throughout finds it once per place.
    for first, second in {(runs[i], runs[i + 1]) for i in itertools.compress(range(len(runs)), same)}:
        pair = f"{first} {second} {first} {second}"
        at = text.find(pair)
        while at >= 0:
            starts.add(at)
            at = text.find(pair, at + 1)
    return matches_at(_PAIR, text, starts)


class DoubledWord(Rule):
    """The same word twice in a row, or a conjunction repeated after an inserted phrase.

    **What it does**
    Finds a word written twice ("the the", "defence defence") or two words written twice ("in
    the in the"), a function word or a capitalised word repeated around a spaced hyphen ("have
    - have", "States - States": residue of a split compound), and a conjunction repeated after
    a short inserted phrase ("If, in addition, if"). Two capitalised words with a space between
    are a name (The The); words English repeats for emphasis ("very very", "bye bye") and
    grammatical doublings ("had had") are left alone.

    **Why is this bad?**
    Translation of a split compound or of a French clause with an inserted phrase can emit
    the same word twice; the reader stumbles over it.

    **Example**
    bad: He signed [[the the]] agreement on Friday. => the
    bad: [[If, in addition, if]] the rain stops, they will sail. => If, in addition,
    bad: Travellers may [[have - have]] noticed the machines. => have
    bad: They work together, notably in [[defence defence]] and energy. => defence
    bad: Spectators were queuing [[in the in the]] sun. => in the
    good: She had had enough of the talks.
    good: He said that that was the end of it.
    good: If, in addition, the rain stops, they will sail.
    good: They wanted peace - peace at any price.
    good: She saw the band The The in 1986.
    good: It was a very very long day, and bye bye to the summer.
    good: The skiers were lowered one by one by the rescuers.

    **Fix safety**
    Safe for a function word repeated with a space; unsafe for the other cases.
    """

    code = "MT414"
    name = "doubled-word"
    category = "garbled"
    severity = Severity.MINOR
    fixable = "sometimes"
    confidence = 0.9

    def check(self, doc: Document) -> Iterator[Hit]:
        function_words = doc.pack.target_words("function_words")
        text = doc.text
        folded = list(map(str.casefold, doc.letter_runs))  # for both searches
        for m in _doubled(doc, folded):
            word = m.group("word").lower()
            first = text[m.start():m.end("word")]
            second = text[m.end() - len(first):m.end()]
            if m.group("gap") == " ":
                if word in _GRAMMATICAL_DOUBLES or word in _REDUPLICATED or second[:1].isupper():
                    continue  # "had had", "very very"; a name: the band The The, "Will Will Smith attend?"
            elif word not in function_words and first[:1].islower():
                continue  # "peace - peace at any price": a dash repeating a word for emphasis
            yield Hit(m.start(), m.end(), f"“{first}” is written twice", first,
                      "safe" if m.group("gap") == " " else "unsafe")
        for m in _doubled_pairs(doc, folded):
            first = m.group("pair")
            if first.split()[0].lower() in _GRAMMATICAL_DOUBLES | _REDUPLICATED:
                continue
            if first.split()[-1].lower() in _LINKS_OF_A_PAIR:
                continue  # "one by one by the rescuers", "day after day after day": an idiom, then its word again
            yield Hit(m.start(), m.end(), f"“{first}” is written twice", text[m.start():m.start() + len(first)],
                      "safe")
        for m in _DOUBLED_CONJUNCTION.finditer(doc.norm):
            kept = text[m.start():m.start() + len(m.group()) - len(m.group("word"))].rstrip()
            yield Hit(m.start(), m.end(), f"“{m.group('word')}” is repeated after the inserted phrase",
                      kept, "unsafe")


# The word joining "one by one", "day after day", "face to face": such a phrase may be followed
# by the same preposition ("lowered one by one by the rescuers").
_LINKS_OF_A_PAIR = frozenset(("by", "after", "to", "upon", "for"))


# A comma, semicolon or colon doubled or followed by a full stop: ", ," ",," ", ." "; ,".
# (A spaced or doubled full stop alone is tokenisation residue, a typography rule's.)
_STRAY_PUNCTUATION = compiled(r"(?<=[\p{L}\p{N})\"'] ?)[,;:](?: ?[,;:.])+(?=\s|$)")


class StrayPunctuation(Rule):
    """A comma, semicolon or colon doubled or run into a full stop: ", ," or ", .".

    **What it does**
    Finds a comma, semicolon or colon followed by another mark, with or without a space
    (", ,", ",,", ", .", "; ,").

    **Why is this bad?**
    Translation keeps the source's mark next to the target's own, or loses the words between
    two marks; the doubled marks read as a slip and often hide a lost phrase.

    **Example**
    bad: The port reopened[[, ,]] said the mayor. => ,
    bad: The port reopened[[, .]] The mayor left. => .
    bad: The port reopened[[ ; ,]] the mayor left. => ;
    good: The port reopened, said the mayor.
    good: The firm, Acme Inc., denied it.
    good: The files (.docx, .xlsx) were sent.

    **Fix safety**
    Safe: the strongest mark is kept.
    """

    code = "MT415"
    name = "stray-punctuation"
    category = "garbled"
    severity = Severity.MINOR
    fixable = "always"
    confidence = 0.85

    def check(self, doc: Document) -> Iterator[Hit]:
        for m in _STRAY_PUNCTUATION.finditer(doc.norm):
            marks = m.group()
            start = m.start()
            while start > 0 and doc.text[start - 1] == " ":
                start -= 1  # a space before the marks goes with them: "reopened ; ,"
            kept = next(p for p in ".;:," if p in marks)
            yield Hit(start, m.end(), f"stray punctuation “{marks}”", kept, "safe")


class BrokenConstruction(LexiconRule):
    """A construction left broken by word-for-word translation: a lost object, a fragment.

    **What it does**
    Finds the rows of the pack's `broken_constructions` lexicon: a verb that needs an
    object followed directly by "of" ("accusing in return of deploying"), "as long as … will
    not" for "tant que … ne … pas", "among other" with no noun, "Evidenced by" as a
    sentence, "May be." for "Peut-être".

    **Why is this bad?**
    Each is a French construction rendered word for word into English that no longer parses
    or says the opposite ("as long as we will not see" means "until we see").

    **Example**
    bad: Baku denied it, [[accusing in return of]] hiring fighters. => -
    bad: [[As long as]] we will not see the troops leave, we will fight. => -
    bad: The group owns, [[among other]] a radio station. => among others
    good: Baku denied it, accusing Yerevan in return of hiring fighters.
    good: As long as the troops stay, we will fight.
    good: The group owns, among other things, a radio station.

    **Fix safety**
    Unsafe where a row proposes a wording (among others); no fix where words were lost.
    """

    code = "MT416"
    name = "broken-construction"
    category = "garbled"
    severity = Severity.MAJOR
    fixable = "sometimes"
    confidence = 0.85
    lexicons = ("broken_constructions",)
    lexicon = "broken_constructions"
    message = "broken construction (French {source}): {note}"


_GLUED_WORDS = compiled(r"(?<![\p{L}\p{N}'#@_-])(?P<left>\p{Ll}{2,})(?P<right>\p{Lu}\p{Ll}{2,})(?![\p{L}\p{N}'-])")
# Where a lower-case run meets a capitalised word: every match of _GLUED_WORDS holds one, and
# scanning for them costs a twentieth of trying _GLUED_WORDS at every character.
_JUNCTION = compiled(r"(?<=\p{Ll}{2})(?=\p{Lu}\p{Ll}{2})")
def _glued_words(text: str) -> Iterator[regex.Match]:
    """The matches of ``_GLUED_WORDS.finditer(text)``, each tried only where it can start: at
    the first letter of the lower-case run before a junction (its ``left`` is that whole run,
    which no letter may precede)."""
    return matches_at(_GLUED_WORDS, text, run_starts(text, (j.start() for j in _JUNCTION.finditer(text)),
                                                     LOWER_RUN_BEFORE))


# A name with a short word glued to its end: "Le Figarohe said", "Parisand". Endings that
# also end ordinary names (-on, -in, -is: Martinon, Carlin, Azerbaijanis) are left out.
_GLUED_TO_NAME = compiled(
    r"(?<![\p{L}\p{N}'#@_-])(?P<left>\p{Lu}\p{Ll}{2,}?)(?P<right>and|had|has|he|said|says|she|the|was|who|with)"
    r"(?![\p{L}\p{N}'-])")


# Articles that open a name ("Le Figaro"): what follows one is the name's first word.
_NAME_ARTICLES = frozenset(("the", "le", "la", "les", "el", "il", "der", "die", "das"))
# The word right before a match, searched backwards from it.
_WORD_BEFORE = compiled(r"(\p{L}+)\s+\G", regex.REVERSE)


class GluedWords(Rule):
    """Two words run together: "theMinister", or a name with a word glued to it: "Figarohe".

    **What it does**
    Finds a common lower-case word directly followed, with no space, by a capitalised word
    that is a name met in the text, or a common word where one of the two is a function word
    (the, of, in, he …); and a capitalised word that is
    no word or name of its own but a name met elsewhere in the text followed by a short word
    (he, the, said …). Brand names such as iPhone, eBay or easyJet are left alone.

    **Why is this bad?**
    Extraction and translation of formatted text drop the space at a tag or line break; the
    glued pair is unreadable and unsearchable.

    **Example**
    bad: The decision of [[theMinister]] was final. => the Minister
    bad: Pierre Durand told Le Figaro on Monday. In an interview with Le [[Figarohe]] added more. => Figaro he
    good: The decision of the Minister was final.
    good: She bought an iPhone on eBay.
    good: Low-cost carriers such as easyJet grew fast.
    good: Marthe Durand and Goethe met in Weimar.
    good: In March, Sylvie Marchand sold her wheat.
    good: From Mont Blanc they skied the Vallée Blanche to Italy.

    **Fix safety**
    Unsafe: a space is inserted, which is right unless the pair is a brand written that way.
    """

    code = "MT417"
    name = "glued-words"
    category = "garbled"
    severity = Severity.MAJOR
    fixable = "sometimes"
    confidence = 0.8

    def check(self, doc: Document) -> Iterator[Hit]:
        pack = doc.pack
        function_words = pack.target_words("function_words")
        for m in _glued_words(doc.norm):
            left, right = m.group("left", "right")
            if not pack.is_common_word(left):
                continue
            if pack.is_known_name(right) or right in doc.proper_nouns:
                yield self._split(doc, m)
            elif pack.is_common_word(right) and {left, right.lower()} & function_words:
                yield self._split(doc, m)  # two content words glued are a brand: easyJet, smartWatch
        counts: Optional[Counter[str]] = None  # every word's count, taken once and only if needed
        for m in _GLUED_TO_NAME.finditer(doc.norm):
            word = m.group()
            if pack.is_known_name(word) or pack.is_common_word(word):
                continue  # a word or a name in its own right
            counts = counts if counts is not None else Counter(doc.letter_runs)
            if counts[word] > 1:
                continue  # a name in its own right (a glued pair is a one-off)
            before = _WORD_BEFORE.search(doc.norm, max(0, m.start() - 40), m.start())
            if before and before.group(1) in pack.first_names:
                continue  # "Sylvie Marchand": a surname after a first name, not "March" and "and"
            if before and before.group(1)[0].isupper() and before.group(1).lower() not in _NAME_ARTICLES \
                    and not pack.is_common_word(before.group(1).lower()) \
                    and not regex.search(rf"(?<!\p{{L}}){regex.escape(before.group(1) + ' ' + m.group('left'))}(?!\p{{L}})", doc.norm):
                continue  # "the Vallée Blanche": a name's second word, not "Blanc" and "he" ("Goldman Sachshas" is
                # "Goldman Sachs" and "has" when the text writes "Goldman Sachs" elsewhere)
            if m.group("left") in doc.proper_nouns or pack.is_known_name(m.group("left")):
                yield self._split(doc, m)

    @staticmethod
    def _split(doc: Document, m: regex.Match) -> Hit:
        return Hit(m.start(), m.end(), "two words glued together: a space is missing",
                   f"{doc.text[m.start():m.end('left')]} {doc.text[m.start('right'):m.end()]}", "unsafe")


# The last word of a paragraph: what it ends with after it (a mark, or nothing).
_LAST_WORD = compiled(r"(?<![\p{L}'-])(\p{L}+)(\.?)\s*\Z")
# Words no English sentence ends with ("… as well as a", "… and the."), and, where the paragraph
# stops with no mark at all, those that cannot close a clause ("… indicated that", "… they will").
# Not prepositions: English may end on one ("Log in", "what farmers are asking for").
_NEVER_LAST = frozenset("the a an and or but than whose its their our".split())
_NOT_LAST_UNPUNCTUATED = _NEVER_LAST | frozenset(
    "that it which who will would should could can must is are was were has have had to as"
    " if because whether although unless of with from by into between among during".split())
#: A paragraph this short may be a heading or a label, which needs no full stop.
_MIN_WORDS = 8


class TruncatedParagraph(Rule):
    """A paragraph cut off in mid-sentence: "… the prefecture indicated that the".

    **What it does**
    Finds a paragraph of at least eight words that ends on a word no English sentence ends
    with ("the", "and", "its" …), with or without a full stop after it, or that ends with no
    mark at all on a word that cannot close a clause ("that", "to", "will", "of" …). Headlines and
    lines in title case are left alone.

    **Why is this bad?**
    Scrapers cut articles at a paywall or an advertisement, and translation engines drop the
    end of a segment they could not parse; the reader is left with half a sentence.

    **Example**
    bad: The prefecture, questioned on Friday, indicated [[that the]] => -
    bad: The mayor has asked to meet the minister before the end of the month [[and the.]] => -
    bad: A consultation of patients' associations is also planned, as well [[as a]] => -
    bad: According to the prefecture, the public inquiry could be launched as [[early as]] => -
    bad: In the meantime, the strikers who met on Tuesday evening [[intend to]] => -
    bad: The court must also hear, in January, the [[testimony of]] => -
    bad: The collective plans a new rally on Tuesday in front of the rectorate, and warns [[that if]] => -
    good: The prefecture, questioned on Friday, indicated that the talks would resume.
    good: What the strike means for commuters on Monday and Tuesday
    good: Nobody knew what the fuss was about.
    good: The court adjourned, and that was that.
    good: Read also: Hedges, pesticides, water: what the farmers are really asking for
    good: The article is reserved for subscribers. Already a subscriber? Log in

    **Fix safety**
    Never: the missing end cannot be guessed.
    """

    code = "MT418"
    name = "truncated-paragraph"
    category = "garbled"
    severity = Severity.MAJOR
    fixable = "never"
    confidence = 0.75

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        for para in doc.paragraphs:
            chunk = text[para.start:para.end].rstrip()
            end = para.start + len(chunk)
            m = _LAST_WORD.search(text, max(para.start, end - 40), end)
            if m is None:
                continue
            word, stop = m.group(1).lower(), m.group(2)
            if word not in (_NEVER_LAST if stop else _NOT_LAST_UNPUNCTUATED):
                continue
            if len(chunk.split()) < _MIN_WORDS or _headline(doc, para.start) or _title_case(chunk) \
                    or not stop and doc.quotation_at(m.start()):
                continue  # a headline, which needs no full stop
            before = _WORD_BEFORE_LAST.search(text, max(para.start, m.start() - 40), m.start())
            start = before.start(1) if before else m.start()
            yield Hit(start, m.end(), "the paragraph stops in mid-sentence: a part of it is missing", None, "none")


def _headline(doc: Document, start: int) -> bool:
    """The first of several paragraphs: an article's headline."""
    return len(doc.paragraphs) > 1 and start == doc.paragraphs[0].start


def _title_case(line: str) -> bool:
    """Nearly every longer word capitalised: a headline or a label, not a sentence."""
    words = _LONG_WORD.findall(line)
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


_LONG_WORD = compiled(r"\p{L}{4,}")
# The word before the last one, so that the span shows where the sentence breaks off.
_WORD_BEFORE_LAST = compiled(r"(?<![\p{L}'-])(\p{L}+)\s+\G", regex.REVERSE)


class MissingSentenceBreak(Rule):
    """Two sentences run together without a full stop: "… the happiness of the fraudsters Some
    buyers now insist …".

    **What it does**
    Finds a lower-case word followed by a capitalised word that opens sentences ("The", "Some",
    "But", "However", "They" …) and then a lower-case word, with no punctuation between them.
    A capitalised word after "the", "of", "in" and the like (the Avignon festival's "In") and
    lines in title case are left alone. Also a modal or auxiliary followed by "The" or "A" and
    a capital ("would have The MEL"), a sentence cut off before its verb, except in a question
    or after a word that inverts the order ("Only then would The Hague rule").

    **Why is this bad?**
    When a translation engine or a scraper drops a full stop, two sentences run into one and
    the reader stumbles on a capital in mid-sentence.

    **Example**
    bad: Prices went up, to the delight of the [[fraudsters Some]] buyers now cut each truffle open. => fraudsters. Some
    bad: The vote was postponed until [[Thursday However]] the unions refused. => Thursday. However
    bad: A solar project, studied in 2022, would [[have The]] MEL, asked for help, replied that it could not pay. => -
    good: Only then would The Hague court rule. Why would The Times print it?
    good: Tickets for the shows of the In have all been sold.
    good: She read The Plague twice. Some buyers now cut each truffle open.
    good: Why We Fight Back Against The Giants

    **Fix safety**
    Unsafe: a full stop is put after the first word; the sentence may have lost more than that.
    """

    code = "MT419"
    name = "missing-sentence-break"
    category = "garbled"
    severity = Severity.MAJOR
    fixable = "sometimes"
    confidence = 0.75

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.norm
        title_case: dict[int, bool] = {}  # by paragraph, judged once (a feed may be one long line)
        for m in _RUN_ON.finditer(text):
            if m.group("last") in _DETERMINERS_AND_PREPOSITIONS:
                continue  # "the shows of the In": a name
            i = doc.paragraph_index(m.start())
            if i not in title_case:
                para = doc.paragraphs[i]
                title_case[i] = _title_case(text[para.start:para.end])
            if title_case[i]:
                continue
            first, opener = m.group("last"), m.group("opener")
            yield Hit(m.start("last"), m.end("opener"),
                      f"two sentences run together: a full stop is missing before “{opener}”",
                      f"{first}. {opener}", "unsafe")
        for m in _CUT_AFTER_AUXILIARY.finditer(text):
            sentence = doc.sentence_at(m.start())
            if _INVERSION.search(text, sentence.start, m.start()) or "?" in text[m.end():sentence.end]:
                continue  # "Why would The Times print it?", "Nor could The Hague": a question, an inversion
            yield Hit(m.start("last"), m.end("opener"),
                      f"the sentence breaks off after “{m.group('last')}”: “{m.group('opener')}” starts another",
                      None, "none", 0.6)


_OPENERS = ("The Some But However This These Those Many Several Most In On At For He She They We It Its Their His "
            "After Before According Meanwhile Since When While There Yet Also Finally Then Now Other Both Such "
            "Each Every Nobody No")
# An opener between a lower-case word (or a weekday, a name that ends sentences) and a lower-case
# word. The scan stops at capitals only and looks behind from there: led by the word before, it
# was tried at every word of the text (eleven times slower).
_RUN_ON = compiled(rf"(?=\p{{Lu}})(?<=(?<![\p{{L}}'’-])(?P<last>\p{{Ll}}{{3,}}|(?:Mon|Tues|Wednes|Thurs|Fri"
                   rf"|Satur|Sun)day) )(?P<opener>{'|'.join(_OPENERS.split())}) (?=\p{{Ll}})")
_DETERMINERS_AND_PREPOSITIONS = frozenset("the and for from with into".split())
# A modal or auxiliary, then a capitalised determiner and a capital: a sentence cut off before
# its verb, and the next one ("A solar project would have The MEL, asked for help, replied").
_CUT_AFTER_AUXILIARY = compiled(r"(?=[TA])(?<=(?<![\p{L}'’-])(?P<last>could|would|should|might|must|will|shall|have|has"
                                r"|had) )(?P<opener>The|An?) (?=\p{Lu})")
_INVERSION = compiled(r"(?<![\p{L}'’-])(?i:how|why|where|when|what|which|who|nor|neither|only|never|rarely|seldom"
                      r"|hardly|so|than|as|if)(?![\p{L}'’-])")
