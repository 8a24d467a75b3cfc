"""MT22x: agreement broken by the translation — plural titles, articles, French-style plurals."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterator, Optional

import regex

from ..document import Document
from ..finding import Hit, Severity
from ..matchers import transfer_case
from ..pack import Pack
from ..patterns import compiled
from .anchors import caseless_starts, matches_at, run_starts
from .base import Rule

# A particle joined to a name: al-Sisi, el-Sisi, d'Estaing, d’Alema.
_JOINED = r"(?:(?:al|el|ad|as|ash|ibn|bin|d|l)[-'\u2019])?"
_NAME_WORD = rf"{_JOINED}\p{{Lu}}[\p{{L}}'\-]*\.?"
# A title's field and the name after it: "(Ministers of) Public Accounts Thomas Lenoir".
_FIELD_WORDS = compiled(r"\p{Lu}[\p{L}'\-]*(?: \p{Lu}[\p{L}'\-]*){1,5}")
# A field's capitalised words, with the particles of a French name between them ("Ports de Normandie").
_FIELD_THEN_COMMA = compiled(r"\p{Lu}[\p{L}'\-]*(?: (?:(?:de|du|des|de la|d'|et)\s)?\p{Lu}[\p{L}'\-]*){0,4}, ")
_PARTICLE = r"(?:de|da|di|du|dos|das|van|von|der|den|al|el|bin|ben|ibn|le|la)"
# A name after the title: capitalised words, with the particles that sit inside names. At most
# eight words (no one's name is longer): unbounded, a text of capitalised words made every
# title's name run to the end of the text, quadratic.
_NAME = compiled(rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_NAME_WORD}){{0,7}}")
# What may follow a name before a list partner: "Putin of Russia and Macron", "Macron (France)
# and Biden", "Putin, who arrived late, and Xi", "Macron and von der Leyen".
_PARTNER = compiled(r"(?:\s+(?:of|from)\s+\p{Lu}[\p{L}-]*|\s*\([^()\n]{1,40}\)|,\s+(?:who|whose|which)\s[^,.;\n]{1,60},)?"
                    rf"\s*(?:,|\band\b|&)\s+(?:the\s+)?(?:{_PARTICLE}\s+){{0,2}}"
                    rf"({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})")


@lru_cache(maxsize=8)
def _titles(pack: Pack) -> tuple[dict[str, str], frozenset[str]]:
    """Each plural title (case-folded) → its singular, and the plurals: built once per pack."""
    singular_of = {p.casefold(): s for s, p in pack.target_mapping("titles", "singular", "plural").items()}
    return singular_of, frozenset(singular_of)


@lru_cache(maxsize=8)
def _title_pattern(plurals: frozenset[str]) -> regex.Pattern:
    # A field may follow the title: "Ministers of Public Accounts", "Ministers Delegate for
    # Transport", or in lower case "vice-presidents in charge of transport", "presidents of the court".
    return compiled(r"(?<![\p{L}\p{N}'-])(\L<titles>)(?:(?P<low>\s+(?:in\s+charge\s+of|of\s+the|for\s+the)"
                    r"(?-i:\s+\p{Ll}[\p{L}'-]*){1,4},?)|(?P<of>\s+(?:of|(?-i:Delegate\s+)?for)(?:\s+the)?))?\s+(?=\p{Lu})",
                    regex.IGNORECASE, titles=plurals)


class PluralTitleBeforeName(Rule):
    """A plural title stands before the name of one person.

    **What it does**
    Finds a title from `corpora/en/titles.tsv` in the plural ("Presidents", "Ministers")
    directly followed by a single person's name, and proposes the singular. A list of
    names ("Presidents Macron and Putin") is correct and stays quiet.

    **Why is this bad?**
    French coordinates titles and names ("les présidents russe et français Vladimir
    Poutine et Emmanuel Macron") and machine translation splits them into "Russian
    Presidents Vladimir Putin and French Presidents Emmanuel Macron": each person
    keeps a plural title.

    **Example**
    bad: Russian [[Presidents]] Vladimir Putin called for a ceasefire. => President
    bad: The decision was announced by Justice [[Ministers]] Paul Lemaire on Thursday. => Minister
    bad: UN [[Secretaries-General]] António Guterres welcomed the vote. => Secretary-General
    bad: The [[Ministers]] of Public Accounts Thomas Lenoir welcomed the vote. => Minister
    bad: The [[Ministers]] Delegate for Transport Thierry Vauclin opened the line. => Minister
    bad: Civil party [[lawyers]] Sophie Amrani asked for a retrial. => lawyer
    bad: The [[vice-presidents]] in charge of transport Anne-Sophie Kerlidou asked for talks. => vice-president
    bad: The [[presidents]] of the court Anne Vidal-Roques announced the verdict date. => president
    bad: Asked about the cuts, the [[Ministers]] for Industry, Hugo Marchal, promised to act. => Minister
    bad: The [[Mayors]] of Dachstein, Paul Wendling, welcomes the decree. => Mayor
    bad: The [[Presidents]] of the shellfish committee of Marennes-Oléron, Patrick Rousseau, denounces it. => President
    bad: The [[Presidents]] of Ports de Bretagne, Yann Kergoat, says the port will stay open. => President
    bad: They wrote to the [[presidents]] of the county council, Anne Morel, on Monday. => president
    good: Presidents Emmanuel Macron and Vladimir Putin spoke by telephone.
    good: Presidents Putin of Russia and Macron of France spoke by telephone.
    good: Presidents Abdel Fattah al-Sisi and Recep Tayyip Erdogan met in Cairo.
    good: Former presidents Bill Clinton, George W. Bush and Barack Obama attended.
    good: The Presidents Cup is played every two years.
    good: The lawyers for the family said it was over.
    good: The mayors of Dachstein, Molsheim and Obernai met the prefect.
    good: The ministers for Industry, Hugo Marchal and Anne Roth, promised to act.
    good: They wrote to the presidents of the county councils, Anne Morel and Paul Roy.

    **Fix safety**
    Safe: only the number of the title changes.
    """

    code = "MT220"
    name = "plural-title"
    category = "agreement"
    severity = Severity.MAJOR
    fixable = "always"
    confidence = 0.9

    def check(self, doc: Document) -> Iterator[Hit]:
        pack = doc.pack
        singular_of, plurals = _titles(pack)
        text = doc.norm
        pattern, starts = _title_pattern(plurals), caseless_starts(text, plurals)
        for m in pattern.finditer(text) if starts is None else matches_at(pattern, text, starts):
            at = self._name_after_field(text, m.end(), pack) if m.group("of") else m.end()
            name = _NAME.match(text, at) if at is not None else None
            if not name or not self._is_person(name.group(), pack, singular_of):
                continue
            if m.group("low") and name.group().split()[0] not in pack.first_names:
                # "the ministers of the interior Nuñez …": only a listed first name says a name
                # follows, perhaps in apposition ("The Presidents of the committee of Marennes, Patrick …")
                at = self._apposed_name(text, m.end(), pack)
                name = _NAME.match(text, at) if at is not None else None
                if not name:
                    continue
            sentence = doc.sentence_at(m.start())
            partner = _PARTNER.match(text, name.end(), max(sentence.end, name.end()))
            if partner and not any(w.casefold() in singular_of or w.casefold() in singular_of.values()
                                   for w in partner.group(1).split()):
                continue  # "Presidents Putin and Macron": a real plural
            title = doc.text[m.start(1):m.end(1)]
            # Case is carried over part by part: Secretaries-General → Secretary-General.
            singular = "-".join(transfer_case(old, new) for old, new in
                                zip(title.split("-"), singular_of[title.casefold()].split("-")))
            yield Hit(m.start(1), m.end(1), f"plural title “{title}” before the name of one person",
                      singular, "safe")

    @staticmethod
    def _name_after_field(text: str, pos: int, pack: Pack) -> Optional[int]:
        """Where a listed first name starts after a title's field ("Ministers of Public Accounts
        Thomas Lenoir"): one of the capitalised words that follow, not the first."""
        words = _FIELD_WORDS.match(text, pos)
        at = pos
        for i, word in enumerate(words.group().split(" ") if words else ()):
            if i and word in pack.first_names:
                return at
            at += len(word) + 1
        # Or the name in apposition after the field: "the Ministers for Industry, Hugo Marchal, …"
        return PluralTitleBeforeName._apposed_name(text, pos, pack)

    @staticmethod
    def _apposed_name(text: str, pos: int, pack: Pack) -> Optional[int]:
        """Where a listed first name starts after the capitalised words at ``pos`` and a comma."""
        apposition = _FIELD_THEN_COMMA.match(text, pos)
        if apposition and text[apposition.end():apposition.end() + 40].split(" ", 1)[0] in pack.first_names:
            return apposition.end()
        return None

    @staticmethod
    def _is_person(name: str, pack: Pack, titles: dict[str, str]) -> bool:
        """A person's name: it starts with a first name, or with a word that is not a common
        word, a title or a place ("Ministers Meet In Brussels" is a headline)."""
        first = name.split()[0].rstrip(".")
        if first in pack.first_names:
            return True
        return not (first.casefold() in titles or first in pack.places or pack.is_common_word(first))


# Vowel letters read with a consonant sound ("a European", "a one-off", "a OneDrive folder",
# "a Ouest-France reporter", "a unique").
# "u" sounds "yoo" in uni-, unan- and before a consonant and a vowel (user, utility); it is a
# vowel in un- before a vowel (unexpected) and before two consonants (under, ultra).
_CONSONANT_SOUND = compiled(r"eu|ewe|(?-i:[Oo]ne(?![a-z]))|once\b|ou[aeiy]|u(?:ni|nan|[b-df-hj-mp-tv-z](?![b-df-hj-np-tv-z]))",
                                 regex.I)
# Acronyms spelt letter by letter whose first letter's name starts with a vowel sound.
# A vowel (not EU, read "ee-you"), or F L M N R S X before a consonant that cannot follow it
# at the start of an English word (NGO, MP3, but not SNCF or FLAC, which may be read as words).
_SPELT_ACRONYM = compiled(r"(?!EU)[AEIO][A-Z0-9]+"
                               r"|[FLMNRSX](?!(?<=S)[CKLMNPTW]|(?<=F)[LR])[B-DF-HJ-NP-TV-Z0-9][A-Z0-9]*")
_ARTICLE = compiled(r"(?<![\p{L}\p{N}'-])([aA])[ ]+([\p{L}\p{N}][\p{L}\p{N}'-]*)")
_NUMBER_WITH_VOWEL = compiled(r"(?:8[\d,.]*|1[18])(?![\d,.]*\d)(?:th)?(?:-\p{L}.*)?")


class ArticleBeforeVowel(Rule):
    """"a" before a word that begins with a vowel sound.

    **What it does**
    Finds the article "a" before a word read with a vowel sound: a common word starting
    with a vowel letter ("a anti-competitive"), a name ("a Emgeton") or an acronym spelt
    letter by letter ("a MP3 player", "a NGO"), or a number read "eight"/"eleven". Words
    whose vowel letter sounds like a consonant ("a European", "a one-off", "a unique")
    and acronyms read as words ("a NATO summit") stay quiet.

    **Why is this bad?**
    French has no a/an alternation; translation systems that build the English article
    separately from the noun often leave "a" before a vowel.

    **Example**
    bad: The player is sold with [[a MP3]] decoder. => an MP3
    bad: The regulator found no sign of [[a anti-competitive]] practice. => an anti-competitive
    bad: Customers can buy [[a Emgeton]] handset for less. => an Emgeton
    bad: She was elected for [[a 8-year]] term. => an 8-year
    good: It was a unique opportunity for a European company.
    good: He signed a one-year contract with a NATO agency.
    good: The candidate of a US party and a UN envoy met.
    good: Hepatitis A and E travel through the digestive tract.

    **Fix safety**
    Safe before a common word; unsafe before a name or an acronym, whose pronunciation
    is a guess.
    """

    code = "MT221"
    name = "article-before-vowel"
    category = "agreement"
    severity = Severity.MINOR
    fixable = "sometimes"
    confidence = 0.85

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.norm
        pack = doc.pack
        for m in _ARTICLE.finditer(text):
            article, word = m.group(1), m.group(2)
            if article == "A" and not _starts_sentence(doc, m.start()):
                continue  # "hepatitis A", "Plan A": a letter, not the article
            fix = self._vowel_sound(word, pack)
            if fix is None:
                continue
            yield Hit(m.start(), m.end(), f"“{article}” before a vowel sound: use “{article}n”",
                      f"{article}n {doc.text[m.start(2):m.end()]}", fix)

    @staticmethod
    def _vowel_sound(word: str, pack: Pack) -> Optional[str]:
        """The fix safety when ``word`` starts with a vowel sound, else None."""
        if word[0].isdigit():
            return "safe" if _NUMBER_WITH_VOWEL.fullmatch(word) else None
        if len(word) > 1 and word.replace("-", "").isupper() or any(c.isdigit() for c in word):
            return "unsafe" if _SPELT_ACRONYM.match(word) else None
        if word[0].lower() not in "aeiou" or _CONSONANT_SOUND.match(word):
            return None
        if word[0].isupper():
            return None if word[0] == "U" else "unsafe"
        if "-" not in word and word.lower() in pack.target_words("function_words"):
            return None  # "A and E", "a is": a letter, not the article
        # Lower-case words must be English: "il a été" is untranslated French, not an article.
        return "safe" if pack.is_common_word(word.split("-")[0]) else None


def _starts_sentence(doc: Document, pos: int) -> bool:
    start = doc.sentence_at(pos).start
    return not doc.norm[start:pos].strip(" \"'([")


class ManCompoundPlural(Rule):
    """An English compound in -man given the French plural "-mans".

    **What it does**
    Finds words such as "sportsmans" or "businessmans": an English compound in -man (the
    first part an English word) with the plural "s" that French gives to these loanwords.
    A capitalised word counts when `person_nouns.tsv` lists it (the Congressmans), or when
    the dictionary knows its -men plural and no "the" stands before it: "the Newmans" is a
    family, "two Pullmans" are carriages.

    **Why is this bad?**
    French writes "des sportsmans, des businessmans"; translation keeps the form, but
    English plurals these words in -men.

    **Example**
    bad: Several [[Businessmans]] from Lyon joined the delegation. => Businessmen
    bad: Several [[Congressmans]] voted against the plan. => Congressmen
    bad: The club signed two young [[sportsmans]] this summer. => sportsmen
    good: Several businessmen from Lyon joined the delegation.
    good: The Germans and the Romans were not humans but shamans.
    good: The Newmans and the Freemans restored two Pullmans.

    **Fix safety**
    Unsafe: the -men plural is regular, but a writer may prefer "members of Congress".
    """

    code = "MT222"
    name = "man-compound-plural"
    category = "agreement"
    severity = Severity.MINOR
    fixable = "sometimes"
    confidence = 0.85

    _WORD = compiled(r"(?<![\p{L}'-])(\p{L}{3,})(man)s(?![\p{L}'-])", regex.I)
    # Where a word ends in -mans, and the letters before such an end: _WORD is tried only there.
    _ENDING = compiled(r"mans(?![\p{L}'-])", regex.I)
    _LETTERS_BEFORE = compiled(r"\p{L}+", regex.REVERSE)
    _THE = compiled(r"(?<![\p{L}'-])[Tt]he\s+\G", regex.REVERSE)

    def check(self, doc: Document) -> Iterator[Hit]:
        from ..cache import has_lemma  # word sets of the lemma dictionary, from the disk cache

        function_words = doc.pack.target_words("function_words")
        people = doc.pack.target_mapping("person_nouns", "word", "gender")
        ends = (m.end() for m in self._ENDING.finditer(doc.text))
        for m in matches_at(self._WORD, doc.text, run_starts(doc.text, ends, self._LETTERS_BEFORE)):
            stem = m.group(1).lower()
            if stem in function_words or not has_lemma(stem):
                continue  # Germans, Romans, humans: not a compound of an English word
            if m.group()[0].isupper() and stem + "man" not in people and (
                    not has_lemma(stem + "men") or self._THE.search(doc.text, 0, m.start())):
                continue  # a family or a brand: the Newmans, the Freemans, two Pullmans
            men = "MEN" if m.group(2).isupper() else "men"
            yield Hit(m.start(), m.end(), "French plural of an English word in -man: the plural is -men",
                      m.group(1) + men, "unsafe")


# "The" and a plural noun (at most two words before it, a number among them, and an "of"
# phrase of two words after it) as a subject, then a singular verb: "The damages is", "The
# two boosters was", "the restrictions of usage has been". Only at the start of a sentence or
# a clause, where "the …" is the subject.
_LINKS = r"(?:of|in|from|for|on|at|to|with|by|and|or|than|over|under|between|among|against|about|towards|toward|across|through|without|within|behind|beyond|around|during|despite)\s"  # "the rise in prices is"
_SINGULAR_VERB = compiled(r"(?<=[\p{L}.,] )(?:is|was|has|does)(?![\p{L}'-])")
# Searched backwards from a singular verb: "The damages " or "the restrictions of usage " …
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|hundreds|dozens)"
_SUBJECT_BEFORE = compiled(
    r"(?:(?:(?<![^\n])|(?<=[.!?][\"\u201d\u2019\u00bb]?\s)|(?<=[\"\u201c\u00ab])|(?<=,\s)|(?<=,\sand\s)|(?<=\b(?i:although|because|while|whereas|since|if|when)\s))(?:(?:[Tt]he|[Ii]ts|[Tt]heir|[Tt]hese|[Tt]hose|[Bb]oth|[Ss]everal|[Mm]any)\s+(?:(?!" + _LINKS + r")[\p{L}\d-]+(?:(?<=s)['\u2019])?\s+){0,2}?"
    r"(?P<noun>\p{Ll}{3,}s|\p{Ll}*(?:men|children))|(?P<noun>\p{Lu}\p{Ll}{2,}s))"
    # "around twenty villages was": a count before the plural, not in a phrase that qualifies
    # another noun ("the cooperation of the two parties is", "every one of the 180 seats was",
    # "each of the company's 22 captains has")
    r"|(?<![\p{L}\p{N},.'-])(?<!\b(?:of|between|among|from|with|by|for|in|on|to)\s+(?:(?:the|these|those|its|their|our|his|her)\s+)?"
    r"(?:[\p{L}-]+['\u2019]s\s+)?)"
    + _NUMBER + r"\s+(?P<noun>\p{Ll}{3,}s))"
    r"(?:\s+(?:of|in|at|from|on)\s+(?!(?:which|whom|whose|what)\s)(?:(?:the|this|that|its|their|our)\s+)?[\p{L}\d-]+"
    r"(?:\s+(?:\p{Ll}+|\p{Lu}\p{Ll}+))?(?:\s+and\s+(?:(?:Le|La|Les)\s+)?\p{Lu}\p{Ll}+)?)?\s+\G", regex.REVERSE)
# "The majority of the estates has", "a third of the nurses has": a share of a plural takes a
# plural verb.
_SHARE_OF = compiled(r"(?<![\p{L}'-])(?:[Tt]he\s+(?:vast\s+|great\s+)?majority|[Aa]\s+(?:third|quarter|fifth|tenth)|(?:[Tt]wo|[Tt]hree)"
                     r"\s+(?:thirds|quarters|fifths)|[Hh]alf)\s+of\s+(?:the|these|those|its|their|our|his|her)\s+"
                     r"(?:[\p{L}-]+\s+){0,2}?(?P<noun>\p{Ll}{3,}s)(?:\s+(?:in|from|of)\s+(?:the\s+)?\p{Lu}[\p{L}-]+)?"
                     r"\s+(?P<verb>is|was|has|does)(?![\p{L}'-])")
# "Both the CGT and the CFDT has", "Several of them was": a subject that can only be plural.
_CONJUNCT = r"(?:(?:the|its|their|his|her)\s+(?:[\p{L}-]+\s+){0,2}?[\p{L}-]+|\p{Lu}[\p{L}-]*)"
_PLURAL_ONLY = compiled(r"(?<![\p{L}'-])(?P<subject>[Bb]oth\s+" + _CONJUNCT + r"\s+and\s+" + _CONJUNCT +
                        r"|(?<!\bof\s)(?:[Ss]everal|[Mm]any|[Bb]oth|[Ff]ew)\s+of\s+(?:them|us|these|those|the\s+(?:[\p{L}-]+\s+){0,2}?\p{Ll}+s))"
                        r"\s+(?P<verb>is|was|has|does)(?![\p{L}'-])")
# "The two cellars, which has long been rivals": a sentence's plural subject and "which" with a
# singular verb.
_PLURAL_WHICH = compiled(r",\s+which\s+(?P<verb>has|is|was)(?![\p{L}'-])")
# … read back from its comma (a pattern tried at every position cost ten times more).
_PLURAL_BEFORE_WHICH = compiled(r"(?:(?<![^\n])|(?<=[.!?][\"\u201d\u2019\u00bb]?\s))(?:[Tt]he\s+(?:(?:two|three|four|five|six|\d+)\s+)?)?"
                                r"(?P<noun>\p{L}\p{Ll}{2,}s)\G", regex.REVERSE)
# One of them stands in any text _PLURAL_ONLY can match (a scan of the text costs less than the pattern).
_PLURAL_ONLY_WORDS = ("oth ", "everal of", "any of", "ew of")
# "whose members has", "whose trust have", "whose average age exceed": the verb agrees with
# the noun after "whose" (perhaps after an adjective; an adverb may stand before the verb).
_WHOSE_WORDS = compiled(r"(?<![\p{L}'-])whose((?:\s+\p{Ll}[\p{Ll}-]*){2,4})")
_ADVERBS_BEFORE_VERB = frozenset("already still also now never always often".split())


def _whose_readings(text: str) -> Iterator[list[tuple[str, int, str, int, int]]]:
    """For each "whose", its readings as (noun, its start, verb, its start and end): the noun
    first, or an adjective and then the noun; an adverb before the verb is skipped."""
    for m in _WHOSE_WORDS.finditer(text):
        words = [(w.group(), m.start(1) + w.start()) for w in _WORD_IN.finditer(m.group(1))]
        readings = []
        for i in (0, 1):
            rest = words[i + 1:]
            while rest and rest[0][0] in _ADVERBS_BEFORE_VERB:
                rest = rest[1:]
            if i < len(words) and rest:
                (noun, at), (verb, verb_at) = words[i], rest[0]
                readings.append((noun, at, verb, verb_at, verb_at + len(verb)))
        yield readings


_WORD_IN = compiled(r"\p{Ll}[\p{Ll}-]*")
# "Neither the makers nor the retailers wants": the verb agrees with the nearer, plural subject.
_NEITHER_NOR = compiled(r"(?<![\p{L}'-])[Nn]either\s+(?:[\p{L}'-]+\s+){1,3}?nor\s+(?:the|his|her|its|their|our)\s+"
                        r"(?:[\p{L}-]+\s+){0,2}?(?P<noun>\p{Ll}{3,}s)\s+(?P<verb>\p{Ll}{2,}s)(?![\p{L}'-])")
# … or "the police ": a plural noun without -s.
_POLICE_BEFORE = compiled(r"(?<![\p{L}'-])(?:[Tt]he\s+)?(?P<noun>[Pp]olice)\s+\G", regex.REVERSE)
# Auxiliaries, which end a subject: "the prognosis was good and the patient was".
_VERBS = r"(?:is|was|are|were|has|had|have|will|would)\s"
# "The collective and its lawyer has", "The Creuse department and the regional council has": two
# subjects joined by "and" at a sentence start, after ", and", or opening what someone said.
_PAIR_SUBJECT = compiled(r"(?:^|(?<=[.!?]\s)|(?<=[,;]\s(?:and|but)\s)|(?<=\b(?:said|says|announced|explained|added|confirmed|stated|indicated)\s+(?:that\s+)?))(?P<subject>[Tt]he\s+(?:(?!" + _VERBS + r")[\p{L}-]+['\u2019]?\s+){0,2}(?!" + _VERBS + r")\p{Ll}{3,}\s+and\s+"
                         r"(?:the|its|his|her|their)\s+(?:[\p{L}-]+\s+){0,2}\p{Ll}{3,}(?:\s+of\s+\p{Lu}[\p{L}'-]*)?)"
                         r"\s+(?P<verb>is|was|has)(?![\p{L}'-])", regex.MULTILINE)
# "The negotiations, which began in the spring, has": a sentence's plural subject, a relative
# clause between commas, then the verb (searched backwards from it).
_SUBJECT_AND_CLAUSE = compiled(r"(?:(?<![^\n])|(?<=[.!?][\"\u201d\u2019\u00bb]?\s))[Tt]he\s+(?:[\p{L}-]+\s+){0,2}?"
                               r"(?P<noun>\p{Ll}{3,}s),\s+(?:which|who)\s+[^,.;:!?\n]{3,80},\s+\G", regex.REVERSE)
# What may stand between "who" and its verb.
_BETWEEN = r"(?:(?:also|still|often|already|now|always|sometimes|never|regularly|usually)\s+)?"
# A plural noun before "who" and a verb: "the SPD members, who has", "The 2,400 pupils of
# Wattrelos who learns", "the eleven children of the village, who goes" (not "one of the
# players who has"). Searched backwards from the verb; "of" names a thing or a place, which
# "who" cannot stand for.
_RELATIVE_BEFORE = compiled(
    r"(?<!\b[Oo]ne\s+of\s+(?:the\s+|these\s+|those\s+|our\s+|their\s+)?(?:[\p{L}-]+\s+)?)"
    r"(?<=\b(?:[Tt]he|[Tt]hese|[Tt]hose|[Tt]heir|[Ii]ts|[Oo]ur)\s+(?:[\p{L}\d,-]+\s+){0,2})(?P<noun>\p{Ll}{3,}s|\p{Ll}*(?:children|men|people))"
    r"(?:\s+of\s+(?:the\s+)?(?P<of>[\p{L}-]+))?,?\s+who\s+" + _BETWEEN + r"\G", regex.REVERSE)
_VERB_AFTER = compiled(_BETWEEN + r"(?P<verb>\p{Ll}{2,}s)(?![\p{L}'-])")
# A preposition in the few words before a verb: its subject may end in an "of", "in", "at" or "on" phrase.
_LINK_BEFORE = compiled(r" (?:of|in|at|from|on) ")
#: How far back a subject is looked for: "the" and four words.
_SUBJECT_REACH = 120
#: How a subject read back from a verb in -s must open (a bare count may end a participle's phrase).
_DETERMINERS = tuple(w + " " for w in "The the Its its Their their These these Those those Both both Several several Many many".split())
_PLURAL_VERB = {"is": "are", "was": "were", "has": "have", "does": "do"}
# The end of any other verb in -s, before what it governs: "The traffic figures shows a
# decline", "the losses amounts to two-thirds" (found from its literal "s ", then read back).
_S_BEFORE_OBJECT = compiled(r"s (?:(?=(?:a|an|the|no|its|their|his|her|only|some|more|nearly|almost|about|around|over|up"
                            r"|to|little|what|whether)(?![\p{L}'-])|\d)"
                            # "calls for", "insists they": a verb of asking or saying, by name
                            r"|(?<=\b(?:call|ask|plead|campaign|press|push|speak)s )(?=for\b)|(?<=\bpoints )(?=out\b)"
                            r"|(?<=\b(?:insist|say|claim|argue|believe|think|fear|hope|admit|explain|warn|estimate"
                            r"|consider|know|regret|deplore|demand|note|stresse)s )(?=(?:they|it|he|she|we|there|all|above\s+all)\b))")


class PluralSubjectSingularVerb(Rule):
    """A plural subject with a singular verb: "The damages is estimated".

    **What it does**
    Finds a sentence or clause that opens with a plural noun ("the" and a few words before
    it, or none; an "of", "in" or "at" phrase after it), or a count and a plural noun,
    followed at once by "is", "was", "has" or "does", or after a relative clause between commas ("The
    negotiations, which began in spring, has"); "who" and a verb in -s right after a plural
    noun, or after its "of" phrase when that names a thing or a place ("the children of the
    village, who goes"); "the police" with one of these verbs; and a sentence opening with two subjects
    joined by "and" and a possessive ("The collective and its lawyer has"); and a share of a
    plural ("the majority of the estates has", "a third of the nurses has"). Nouns in -s that
    take a singular verb (news, series, means, politics …) are listed in
    `singular_plurals.tsv` and left alone, as are measures ("the ten euros is").

    **Why is this bad?**
    Translation builds the verb from a French subject of another number ("le préjudice est",
    "les dégâts sont") and the English verb no longer agrees with its own subject.

    **Example**
    bad: [[The damages is]] estimated at several million euros. => The damages are
    bad: At the scale of the region, [[the restrictions of usage has]] been tightened. => the restrictions of usage have
    bad: [[The two boosters was]] jettisoned after two minutes. => The two boosters were
    bad: [[The Red Cross volunteers has]] treated forty cases. => The Red Cross volunteers have
    bad: It must be approved by the SPD [[members, who has]] the last word. => members, who have
    bad: [[Sales in hypermarkets has]] fallen for six quarters. => Sales in hypermarkets have
    bad: Around [[twenty villages was]] evacuated. => twenty villages were
    bad: In the stands, [[the supporters' groups has]] prepared a giant banner. => the supporters' groups have
    bad: [[The fishermen of this village is]] not ready to give ground. => The fishermen of this village are
    bad: [[The first results of the carbon-14 dating is]] expected in the summer. => The first results of the carbon-14 dating are
    bad: At the scene, [[the police has]] counted 380 demonstrators. => the police have
    bad: [[The collective and its lawyer has]] filed an appeal. => The collective and its lawyer have
    bad: The consortium, whose [[shareholders includes]] a Danish utility, won the tender. => shareholders include
    bad: Since Wednesday's opening, [[2,300 applications has]] been filed. => 2,300 applications have
    bad: [[The fishermen of Camaret and Le Conquet fears]] the noise of the tugs. => The fishermen of Camaret and Le Conquet fear
    bad: [[The operators' association and the town of Cassis has]] filed an appeal. => The operators' association and the town of Cassis have
    bad: [[The negotiations, which began in the spring, has]] been slow. => The negotiations, which began in the spring, have
    bad: [[The Creuse department and the Nouvelle-Aquitaine region has]] given 15,000 euros. => The Creuse department and the Nouvelle-Aquitaine region have
    bad: The 2,400 [[pupils of Lille who learns]] to swim there will go elsewhere. => pupils of Lille who learn
    bad: The eleven [[children of the village, who goes]] to school in the valley, stay home. => children of the village, who go
    bad: The gendarmerie opened an inquiry, and [[the investigators does]] not rule out arson. => the investigators do
    bad: [[The majority of the estates has]] no climate insurance. => The majority of the estates have
    bad: [[A third of the farmers in the Lot has]] refused the vaccine. => A third of the farmers in the Lot have
    bad: [[The traffic figures shows]] a steady decline. => The traffic figures show
    bad: On his farm, [[the losses amounts]] to two-thirds of the harvest. => the losses amount
    bad: [[Its delegates calls]] for a social clause, and [[both houses insists]] they will cooperate. => Its delegates call
    bad: [[Several pickers was]] taken to hospital. => Several pickers were
    bad: The prefecture said [[the prefect and the mayor has]] agreed to meet. => the prefect and the mayor have
    bad: [[Both the CGT and the CFDT has]] asked to be heard. => Both the CGT and the CFDT have
    bad: Many workers fear for their jobs; [[several of them was]] on short time. => several of them were
    bad: The position differs, and [[the mayor and the port has]] not spoken since. => the mayor and the port have
    bad: [[The staff representatives says]] all 184 jobs must be saved. => The staff representatives say
    bad: Although [[both unions points]] out that the group received aid, talks stalled. => both unions point
    bad: [[Neither the makers nor the retailers wants]] to give way. => Neither the makers nor the retailers want
    bad: On the quays, [[the workers fears]] above all for their jobs. => the workers fear
    bad: [[The owners on Rue Pasteur has]] signed a petition. => The owners on Rue Pasteur have
    bad: [[The two cellars, which has]] long been rivals, will share a bottling line. => The two cellars, which have
    bad: [[Prices, which has]] been set at €3, are meant to keep the pool open to all. => Prices, which have
    bad: [[The figures speaks]] for themselves. => The figures speak
    good: Neither the mayor nor his deputy opposes the route, and neither of them thinks it will fail.
    bad: [[The hoteliers of the Albigny shore says]] the town acted too quickly. => The hoteliers of the Albigny shore say
    good: The majority of the population is over sixty. Half of the budget was spent.
    good: The parents of the boy who lives next door came, with the fans of Mbappé, who plays tonight.
    good: The police station is closed, and the police have left.
    good: Bread and butter is all they had. The rise and fall of the firm was swift.
    good: The deal between the state and the unions is due on Monday.
    good: The damages are estimated at several million euros.
    good: The news is good, and the series was renewed.
    good: The news, which broke on Monday, was a shock. The talks, he said, has to wait.
    good: The two years was a long time to wait.
    good: The company's sales has been a worry.
    good: He kept more than 400 notebooks in which he has recorded every meal.
    good: The rise in prices is explained by the leak.
    good: She is one of the few players who has won twice.
    good: Each of the company's 22 captains has had to retrain.
    good: Wales has won. Two years was enough.
    good: The specimen of this plant is rare, and the Kurdish people is a nation without a state.
    good: The sales figures the company published were poor.
    good: Its record both on and off the pitch has improved, and the last three rounds of talks all failed.
    good: The dream of many of us is a final in Madrid.

    **Fix safety**
    Unsafe: the verb is made plural, which is right unless the subject is a title or a name.
    """

    code = "MT223"
    name = "plural-subject-singular-verb"
    category = "agreement"
    severity = Severity.MINOR
    fixable = "sometimes"
    confidence = 0.8

    def check(self, doc: Document) -> Iterator[Hit]:
        singular = doc.pack.target_words("singular_plurals")
        attributive = doc.pack.target_words("attributive_plurals")
        text = doc.norm
        for verb in _SINGULAR_VERB.finditer(text):
            at = verb.start()
            if text.endswith("olice ", 0, at):
                m = _POLICE_BEFORE.search(text, max(0, at - 12), at)
                if m:
                    yield self._hit(doc, m.start(), verb.end(), verb.group(), "police")
                continue
            if text[at - 2] == ",":
                m = _SUBJECT_AND_CLAUSE.search(text, max(0, at - _SUBJECT_REACH - 80), at)
            elif _plural_or_phrase_before(text, at):
                m = _SUBJECT_BEFORE.search(text, max(0, at - _SUBJECT_REACH), at)
            else:
                continue  # no plural noun right before: most verbs, found without a regex
            noun = _plural_subject(doc, m, singular)
            if noun:
                yield self._hit(doc, m.start(), verb.end(), verb.group(), noun)
        for s_end in _S_BEFORE_OBJECT.finditer(text):
            end = s_end.start() + 1
            at = end - 1
            while at and "a" <= text[at - 1] <= "z":
                at -= 1
            if end - at < 3 or at < 2 or text[at - 1] != " " or not text[at - 2].islower():
                continue  # a verb in lower case after a lower-case word
            if not _plural_or_phrase_before(text, at):
                continue
            verb = text[at:end]
            plural = _base_verb(verb)
            if plural is None:
                continue
            m = _SUBJECT_BEFORE.search(text, max(0, at - _SUBJECT_REACH), at)
            if m is None or not text.startswith(_DETERMINERS, m.start()):
                continue  # a count may end a participle's phrase: "OSCE, delegating 450 observers, refuses"
            noun = _plural_subject(doc, m, singular)
            if noun and noun not in attributive:  # "The sales figures the firm published": a compound
                yield self._hit(doc, m.start(), end, verb, noun, plural)
        if " of " in text:
            for m in _SHARE_OF.finditer(text):
                if _plural_noun(m.group("noun"), singular):
                    yield self._hit(doc, m.start(), m.end(), m.group("verb"), m.group("noun"))
        for m in _PLURAL_WHICH.finditer(text):
            subject = _PLURAL_BEFORE_WHICH.search(text, max(0, m.start() - 40), m.start())
            if subject and _plural_noun(subject.group("noun"), singular):
                yield self._hit(doc, subject.start(), m.end(), m.group("verb"), subject.group("noun"))
        if " and " in text:
            for m in _PAIR_SUBJECT.finditer(text):
                yield self._hit(doc, m.start(), m.end(), m.group("verb"), m.group("subject"))
        if any(word in text for word in _PLURAL_ONLY_WORDS):
            for m in _PLURAL_ONLY.finditer(text):
                yield self._hit(doc, m.start(), m.end(), m.group("verb"), m.group("subject"))
        if "either " in text:
            for m in _NEITHER_NOR.finditer(text):
                verb = m.group("verb")
                plural = _PLURAL_VERB.get(verb) or _base_verb(verb)
                if plural and _plural_noun(m.group("noun"), singular) and m.group("noun") not in attributive:
                    yield self._hit(doc, m.start(), m.end(), verb, m.group("noun"), plural)
        if "whose " in text:
            for readings in _whose_readings(text):  # "The convention, whose members has signed"
                for noun, at, verb, _, end in readings:
                    plural = _PLURAL_VERB.get(verb) or verb.endswith("s") and _base_verb(verb)
                    if plural and len(noun) > 3 and noun.endswith("s") and _plural_noun(noun, singular) \
                            and noun not in attributive:
                        yield self._hit(doc, at, end, verb, noun, plural)
                        break
        yield from self._relatives(doc)

    def _relatives(self, doc: Document) -> Iterator[Hit]:
        """A plural noun, "who" and a verb in -s: "the SPD members, who has the last word"."""
        from ..cache import has_lemma

        text = doc.norm
        at = text.find(" who ")
        while at >= 0:
            verb = _VERB_AFTER.match(text, at + 5)
            at = text.find(" who ", at + 1)
            if verb is None:
                continue
            word = verb.group("verb")
            plural = _PLURAL_VERB.get(word) or next((s for s in _singulars(word) if has_lemma(s, "VERB")), None)
            if plural is None or not has_lemma(word, "VERB"):
                continue  # "who else", "who has": only a verb in -s
            m = _RELATIVE_BEFORE.search(text, max(0, verb.start("verb") - _SUBJECT_REACH), verb.start("verb"))
            if m is None or not self._may_refer(doc, m.group("noun"), m.group("of")):
                continue
            yield Hit(m.start(), verb.end(), f"plural subject “{m.group('noun')}” with the singular verb “{word}”",
                      doc.text[m.start():verb.start("verb")] + plural, "unsafe")

    @staticmethod
    def _may_refer(doc: Document, noun: str, of: Optional[str]) -> bool:
        """Whether "who" stands for the plural ``noun``, not for the word after its "of": a
        person ("the parents of the boy who lives") or a name other than a place's ("the fans of
        Mbappé, who plays")."""
        if not _plural_noun(noun, doc.pack.target_words("singular_plurals")):
            return False
        if of is None or of.endswith("s"):
            return True
        if of[0].isupper():
            return of in doc.pack.places
        return of.lower() not in doc.pack.target_mapping("person_nouns", "word", "gender")

    @staticmethod
    def _hit(doc: Document, start: int, end: int, verb: str, subject: str, plural: str = "") -> Hit:
        return Hit(start, end, f"plural subject “{subject}” with the singular verb “{verb}”",
                   doc.text[start:end - len(verb)] + (plural or _PLURAL_VERB[verb]), "unsafe")


def _plural_or_phrase_before(text: str, at: int) -> bool:
    """A word in -s, or an "of"/"in"/"at"/"from" phrase, right before the verb at ``at``: where a
    plural subject may end (most verbs have neither, and are passed over without a regex)."""
    return text[at - 2] == "s" or bool(_LINK_BEFORE.search(text, max(0, at - 30), at))


def _plural_subject(doc: Document, m: Optional[regex.Match], singular: frozenset[str]) -> Optional[str]:
    """The plural noun (lower-cased) heading the subject ``m`` found, or None."""
    if m is None:
        return None
    noun = m.group("noun")
    if noun[0].isupper() and doc.pack.is_known_name(noun):
        return None  # "Wales has", "Athens is": a name at the start of a sentence
    return noun.lower() if _plural_noun(noun.lower(), singular) else None


def _base_verb(word: str) -> Optional[str]:
    """The plural present of a verb in -s ("shows" → "show", "reaches" → "reach", "carries" →
    "carry"), or None when the word is no verb the lemma dictionary knows."""
    from ..cache import has_lemma

    if word.endswith("ies"):
        bases = (word[:-3] + "y",)
    elif word.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        bases = (word[:-2],)
    else:
        bases = (word[:-1],)
    return next((b for b in bases if has_lemma(b, "VERB")), None)


# Amounts and spans that take a singular verb: "the ten euros is", "the two years was".
_MEASURES = frozenset("""cents centimes dollars euros francs pounds pesos yen hours minutes seconds days weeks months
years decades centuries kilometres kilometers miles metres meters percent points""".split())


def _plural_noun(noun: str, singular: frozenset[str]) -> bool:
    """Whether a lower-case word in -s (or "children", "-men", "people") is the plural of a
    noun the lemma dictionary knows, and takes a plural verb (not "news", "the ten euros")."""
    from ..cache import has_lemma  # word sets of the lemma dictionary, from the disk cache

    if noun in singular or noun in _MEASURES or noun.endswith(("ss", "us", "is")):
        return False
    return any(has_lemma(stem, "NOUN") for stem in _singulars(noun))


def _singulars(noun: str) -> tuple[str, ...]:
    """The singulars a plural may come from: boosters → booster, taxes → tax, cities → city,
    fishermen → fisherman, children → child."""
    if noun.endswith("children"):
        return ("child",)
    if noun == "people":
        return ("person",)
    if noun.endswith("men"):
        return (noun[:-3] + "man",)
    found = [noun[:-1]]
    if noun.endswith("es"):
        found.append(noun[:-2])
    if noun.endswith("ies"):
        found.append(noun[:-3] + "y")
    return tuple(found)


# "Each of the (two) sites keep", "Each of the lots were", "each of them belong", "One of the two
# men have": the subject is "each" or "one", singular.
# After "let", "make", "watch" … the verb is a bare infinitive: "had let one of their employees go".
_EACH_OF = compiled(r"(?<![\p{L}'-])(?<!\b(?:let|lets|letting|make|makes|made|making|have|has|had|having|help|helps|helped"
                    r"|watch|watched|watching|see|saw|seen|hear|heard)\s+)(?:[Ee]ach|[Oo]ne)\s+of\s+(?:(?:the|these|those|its|their|our|his|her|your|my)\s+"
                    r"(?:(?!(?:that|which|who|where|when|whom|whose)\s)[\p{Ll}\d-]+\s+){0,2}?(?P<noun>\p{Ll}{3,}s|men|women|children|people)"
                    # a participle or a clause without "that" after it: "heard by the court", "we met"
                    r"(?:\s+(?:\p{Ll}{3,}ed|heard|seen|met|chosen|taken|known|held)(?:\s+by\s+(?:the\s+)?\p{Ll}+)?"
                    r"|\s+(?:we|they|I|you)\s+\p{Ll}{2,})?|them|us|these|those)\s+"
                    r"(?:(?:already|still|also|now|only|often|never|always|each|\p{Ll}+ly)\s+)?(?P<verb>\p{Ll}+)(?![\p{L}'-])")
# Nouns British English may give a plural verb ("whose team have"), and plurals without -s.
_COLLECTIVE = frozenset("""team family staff crew government council committee club board public band squad group
management audience jury couple police people children men women cattle clergy""".split())
# Singular heads whose "of" phrase holds a plural: "the level of fine particles were".
_HEADS_OF = ("number", "list", "sum", "total", "level", "quality", "price", "cost", "rate", "volume")
# "The number of beds have", "the number of crossings cancelled since May have", "the list of
# breaches are": "the number" (list, sum, total) is singular ("a number of … have" is right).
# The words between hold no clause of their own.
_NUMBER_OF = compiled(r"(?<![\p{L}'-])[Tt]he\s+(?:" + "|".join(_HEADS_OF) + r")\s+of\s+(?P<between>(?:[\p{L}\d,'-]+\s+){1,8}?)"
                      r"(?P<verb>have|are|were|remain|continue|reach|exceed|stand|rise|fall|increase|decrease"
                      r"|double|triple|vary|range|total|seem|appear|grow|drop|climb|show|represent|amount|go|come)(?![\p{L}'-])")
_CLAUSE_WORDS = frozenset("""who which that where when whose whom we they i you he she it there because if as than
while and or but is was has does had to will would can could may might must should not doesn't don't didn't isn't
wasn't hasn't won't can't cannot""".split())
_SINGULAR_OF = {"have": "has", "are": "is", "were": "was", "do": "does"}
# A singular body, place or thing, then ", which" and a verb: "The fishmongers' union, which
# represent about sixty traders". The noun must not end an "of" phrase ("the members of the
# union, which …" may mean the members).
_BODY_WHICH = compiled(r"(?<![\p{L}'-])(?P<noun>\p{Ll}{3,}),\s+which\s+(?:also\s+|still\s+|already\s+|now\s+|only\s+)?"
                       r"(?P<verb>\p{Ll}{2,})(?![\p{L}'-])")
_OF_BEFORE = compiled(r"(?<![\p{L}'-])(?:of|and|or)\s+(?:(?:the|its|their|his|her|our|a|an|this|that)\s+)?(?:[\p{L}'’-]+\s+)?\G",
                      regex.REVERSE)
# Verbs whose past tense is their bare form: "the company, which cut 200 jobs last year".
_PAST_AS_BASE = frozenset("""beat bet bid broadcast burst cast cost cut fit forecast hit hurt let put quit read rid set shed
shut slit split spread thrust upset""".split())


class SingularSubjectPluralVerb(Rule):
    """A singular subject with a plural verb: "Each of the lots were", "The number of beds have".

    **What it does**
    Finds "each of the …" or "one of the …" followed by a plural noun (or "each of them") and
    then a plural verb ("are", "were", "have" or a verb's bare form), and "the number of …"
    (or "the list", "the sum", "the total", "the level", "the quality", "the price", "the cost",
    "the rate", "the volume of …") whose verb, after a few words with no clause of their own, is
    plural; and a singular body, place or thing followed by ", which" and a verb's bare form
    ("the union, which represent"), unless the noun ends an "of" phrase ("the members of the
    union, which …") or the verb's past is its bare form ("the firm, which cut 200 jobs").

    **Why is this bad?**
    The verb agrees with the plural noun nearest to it, as French "chacun des sites gardent"
    or "le nombre de lits ont" slips in translation; in English "each" and "the number" are
    singular subjects ("a number of beds have" is right: there "a number" means "several").

    **Example**
    bad: Each of the two sites [[keep]] its own emergency department. => keeps
    bad: Each of the lots [[were]] presented by a sommelier. => was
    bad: Each of the two camps already [[claim]] victory. => claims
    bad: The aircraft go back to their owners: each of them [[belong]] to a leasing company. => belongs
    bad: One of the two men [[have]] already admitted part of the charges. => has
    bad: Each of the three faculties concerned [[have]] been asked to free up rooms. => has
    bad: Each of the growers we met [[have]] already sold the harvest. => has
    bad: Each of the experts heard by the court [[have]] confirmed the damage. => has
    bad: The buyers, whose trust [[have]] been shaken, left early. => has
    good: The club, whose team have won twice, is selling tickets. The firm, whose sales rose, is hiring.
    good: "Nobody asked whose grapes they were," said one vineyard manager.
    bad: The number of study places on campus [[go]] from 1,150 to 300. => goes
    bad: The list of breaches [[are]] long. => is
    bad: The number of night closures [[have]] doubled in two years. => has
    bad: The number of crossings cancelled since the start of the strike [[have]] reached 46. => has
    bad: Only the level of fine particles [[were]] briefly higher than usual. => was
    bad: The fishmongers' union, which [[represent]] about sixty traders, objected. => represents
    good: The company, which cut 200 jobs last year, agreed. The market, which saw prices fall, closed.
    good: The members of the union, which represent many trades, left.
    good: Each of the two sites keeps its own emergency department.
    good: The couple had to let one of their three employees go in January.
    good: A number of beds have been closed.
    good: The number of patients who have died rose.
    good: The number of people we have treated is small.
    good: Each of the players last season scored twice.
    good: One of the men who have admitted the charges was released.
    good: Each of them belongs to a leasing company.
    good: The number of cases has risen since doctors have been on strike.
    good: At the level of the negotiations, the two sides have made progress.
    good: The view is not the one of the city that tourists know.

    **Fix safety**
    Unsafe: the verb is made singular, which is right unless the subject is longer than it looks.
    """

    code = "MT224"
    name = "singular-subject-plural-verb"
    category = "agreement"
    severity = Severity.MINOR
    fixable = "sometimes"
    confidence = 0.8

    def check(self, doc: Document) -> Iterator[Hit]:
        from ..cache import base_forms, has_lemma, sole_base_forms

        text = doc.norm
        function_words = doc.pack.target_words("function_words")
        if "ach of" in text or "ne of" in text:
            for m in _EACH_OF.finditer(text):
                verb = m.group("verb")
                if verb in _SINGULAR_OF or (verb not in function_words and has_lemma(verb, "VERB")
                                           and not has_lemma(verb, "ADJ") and verb.lower() in base_forms("VERB")):
                    yield self._hit(doc, m.start("verb"), m.end("verb"), verb)
        if any(f"{head} of" in text for head in _HEADS_OF):
            for m in _NUMBER_OF.finditer(text):
                between = m.group("between").split()
                if _CLAUSE_WORDS.intersection(w.strip(",").lower() for w in between) or any(w.endswith(",") for w in between):
                    continue  # "At the level of the negotiations, the two sides have": another clause
                yield self._hit(doc, m.start("verb"), m.end("verb"), m.group("verb"))
        if "whose " in text:
            for readings in _whose_readings(text):  # "The supporters, whose enthusiasm have never faded"
                for noun, _, verb, start, end in readings:
                    if noun.endswith("s") or noun in _COLLECTIVE or noun in function_words or not has_lemma(noun, "NOUN") \
                            or verb in function_words and verb not in _SINGULAR_OF:
                        continue
                    if verb in _SINGULAR_OF or verb in sole_base_forms("VERB") and not has_lemma(verb, "ADJ") \
                            and not has_lemma(verb, "NOUN"):
                        yield self._hit(doc, start, end, verb)
                        break
        if ", which " in text:
            objects = doc.pack.target_mapping("object_nouns", "word", "kind")
            for m in _BODY_WHICH.finditer(text):
                verb = m.group("verb")
                if objects.get(m.group("noun")) in (None, "vessel") or verb in _PAST_AS_BASE or verb in function_words:
                    continue
                if _OF_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                    continue
                if verb in sole_base_forms("VERB") and not has_lemma(verb, "ADJ"):
                    yield self._hit(doc, m.start("verb"), m.end("verb"), verb)

    @staticmethod
    def _hit(doc: Document, start: int, end: int, verb: str) -> Hit:
        singular = _SINGULAR_OF.get(verb) or (
            verb[:-1] + "ies" if regex.search(r"[^aeiou]y$", verb)
            else verb + "es" if verb.endswith(("sh", "ch", "x", "o", "ss")) else verb + "s")
        return Hit(start, end, f"the subject is singular: “{verb}” should be “{singular}”",
                   transfer_case(doc.text[start:end], singular), "unsafe")
