"""MT20x: names — French forms of names, and spellings that follow French transliteration."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterator, Optional

import regex

from ..cache import has_lemma
from ..document import Document
from ..finding import Hit, Severity
from ..matchers import LexiconRule
from ..pack import Pack
from ..patterns import compiled
from .base import Rule
from .consistency import calendar, people


class FrenchNameForm(LexiconRule):
    """A person or place left in its French form, or a French name translated word for word.

    **What it does**
    Matches the pack's `names.tsv`: French exonyms (Pékin, Moscou), French transliterations
    of names written otherwise in English (Vladimir Poutine, Nikol Pachinian) and French
    names rendered word by word (North Karabakh for Haut-Karabakh), and proposes the
    English form.
    A French form written on purpose stays quiet: inside a longer name (Royal Air Maroc,
    Afrique Magazine), among French words (a French headline quoted, Banque de Paris et des
    Pays-Bas), or presented as a name form ("known in French as Hanovre").

    **Why is this bad?**
    An English reader meets the name in its English form everywhere else; the French form
    looks like a mistake, may not be recognised, and breaks searches and links.

    **Example**
    bad: The Kremlin said [[Poutine]] had spoken to Emmanuel Macron. => Putin
    bad: The delegation left [[Pékin]] on Tuesday. => Beijing
    bad: Fighting resumed in [[North Karabakh]] overnight. => Nagorno-Karabakh
    good: Vladimir Putin spoke to Emmanuel Macron on Tuesday.
    good: The diner in Montreal serves poutine with cheese curds and gravy.
    good: She flew Royal Air Maroc to Casablanca.
    good: The city is known in French as Hanovre.

    **Fix safety**
    Safe for a name whose English form is settled; a row marks the fix unsafe where
    English text may use the French form legitimately (an older spelling, a surname).

    **References**
    Each row's `note` gives the source form; `mtlint explain MT201` lists the lexicon file.
    """

    code = "MT201"
    name = "name-form"
    category = "name"
    severity = Severity.MAJOR
    fixable = "sometimes"
    confidence = 0.9
    lexicons = ("names",)
    lexicon = "names"
    message = "source-language form of a name ({source}): {note}"
    targets = ("en", "fr")

    def accept(self, doc: Document, m) -> Optional[float]:
        """The French form written on purpose is left alone: inside a longer name (Royal Air
        Maroc, Afrique Magazine), among French words (Banque de Paris et des Pays-Bas, a
        French headline quoted), or presented as the French name ("known in French as Hanovre")."""
        text = doc.norm
        before = _WORD_BEFORE_NAME.search(text, max(0, m.start - _NAME_REACH), m.start)
        after = _WORD_AFTER_NAME.match(text, m.end)
        sentence = doc.sentence_at(m.start)
        if _FRENCH_CUE.search(text, max(0, m.start - 60), m.start) \
                or _ABOUT_FRENCH_FORM.search(text, sentence.start, max(sentence.end, m.end)):
            return None
        for word in (before, after):
            if word and word.group(1).lower() in _FRENCH_FUNCTION_WORDS:
                return None
        if before and before.group(1).lower() in _NAMED_THINGS:
            return None  # "the Paris bistro Calabre", "rue Copernic": a business or a street named so
        if m.suggestion in doc.pack.places or m.row.note.startswith(_PLACE_NOTES):
            # a place inside a longer name (a person's first name is followed by a surname)
            if after and after.group(1)[0].isupper() and not doc.pack.is_known_name(after.group(1)) \
                    and not calendar(doc.pack).is_time_word(after.group(1)):
                return None  # "Afrique Magazine", "Maroc Telecom"
            if before and before.group(1)[0].isupper() and not self._may_precede(doc, before.group(1), before.start(1)):
                return None  # "Royal Air Maroc", "Air Sénégal"
        quote = doc.quotation_at(m.start)
        # Words of the quotation around the name (a title or slogan is short; a quotation left
        # open may run to the end of a huge paragraph, read once per name otherwise).
        words = _WORDS.findall(text, max(quote.start, m.start - _QUOTE_REACH), min(quote.end, m.end + _QUOTE_REACH)) \
            if quote else []
        if any(w.lower() in _FRENCH_FUNCTION_WORDS for w in words):
            return None  # a French title or slogan quoted as it is
        if quote and quote.end - quote.start <= 2 * _QUOTE_REACH and len(words) <= 4 and all(w[0].isupper() for w in words):
            return None  # a name quoted on its own: a label, a title, a heading ("Palaos")
        if quote and (cue := _WORD_BEFORE_QUOTE.search(text, max(0, quote.start - _NAME_REACH), quote.start)) \
                and cue.group(1).lower() in doc.pack.target_words("title_cues"):
            return None  # the French edition of the guide, "Norvège"
        return -1

    @staticmethod
    def _may_precede(doc: Document, word: str, at: int) -> bool:
        """A capitalised word that may stand before a place's name in English: a function word
        (In, From), another place (Washington and Pékin), or a sentence's first word that is not
        a noun ("Meanwhile Pékin", not "Air Sénégal")."""
        pack = doc.pack
        if word.lower() in pack.target_words("function_words") or pack.is_known_name(word):
            return True
        return doc.sentence_at(at).start == at and (calendar(pack).is_time_word(word) or not has_lemma(word, "NOUN"))


# French words around a French name written on purpose: Banque de Paris et des Pays-Bas,
# « La paix dans la Corne de l'Afrique », l'autre Sibérie.
_FRENCH_FUNCTION_WORDS = frozenset("de du des la le les et en au aux à sur pour par dans l d".split())
_WORD_BEFORE_NAME = compiled(r"(?:^|[^\p{L}])(\p{L}+)['\u2019 ]\s*$")
_WORD_AFTER_NAME = compiled(r"[ \u00a0](\p{L}+)")
_WORDS = compiled(r"\p{L}+(?:-\p{L}+)*")  # "Aix-la-Chapelle" is one word: its "la" is no French text
# The sentence speaks of the French form itself: "the French spelling of Bryansk".
_ABOUT_FRENCH_FORM = compiled(r"(?i)\b(?:French(?:-language)? (?:spelling|name|form|transliteration|acronym|edition"
                              r"|translation|version|title|headline|word|original|text|brochure|guide)s?"
                              r"|known in France as|in French as)\b")
# Nouns for things named after a place or a person, and French street words: the bistro
# Calabre, the tea shop Bhoutan, rue Copernic, the Pont Alexandre III.
_NAMED_THINGS = frozenset("""restaurant bistro brasserie café cafe bar shop boutique hotel inn cinema theatre theater
gallery choir band club magazine newspaper label brand rue avenue boulevard quai pont place impasse allée""".split())
#: How far back the word before a name is looked for.
_NAME_REACH = 40
#: How far around a name inside a quotation its words are read.
_QUOTE_REACH = 150
# The name presented as a name form right before it: "known in French as Hanovre", "the
# acronym ONG", "Polish maps label the river Dniestr".
_FRENCH_CUE = compiled(r"(?i:\bin French"
                       r"|\b(?:known|called|named|styled|billed|titled|entitled|dubbed|spelt|spelled|labelled|labeled)"
                       r"(?: in French| in France)?(?: as)?|\b(?:acronym|spelling|abbreviation)"
                       r"|\b(?:call|calls|label|labels|spell|spells|name|names|refer to|refers to|referred to)"
                       r"(?: (?:it|him|her|them|its|his|the(?: \p{Ll}+)?))?(?: the)?(?: as)?)"
                       r"[\s,:\"'\u201c\u2018\u00ab]*(?:(?:the|la|le|les|l')\s*)?$")
_WORD_BEFORE_QUOTE = compiled(r"(\p{L}+)[\s,:]*$")
# Row notes of places (as opposed to people's names), whose French form may sit inside a longer name.
_PLACE_NOTES = ("French name of", "French exonym of")


# Endings of Slavic, Armenian and Georgian names, as French spells them (not the native
# French -aine of Touraine). -ovitch/-evitch (English -ovich) is French by itself.
_FOREIGN_ENDING = compiled(r"(?:ov|ev|ova|eva|(?<!a)ine|enko|ian|iane|ski|[oe]vitch|chvili|ouk)$")
# What a word must end with for _FOREIGN_ENDING to match: tested first, at C speed, on every name.
_ENDINGS = ("ov", "ev", "ova", "eva", "ine", "enko", "ian", "iane", "ski", "vitch", "chvili", "ouk")
# French spelling conventions for sounds English transliterates otherwise.
_FRENCH_SPELLING = compiled(r"ou(?!gh)|tch|ï|gu(?=[eiï])|^iou")
# "ch" for English "sh" is a sign only before a French ending: English writes Gorbachev too.
_CH_FOR_SH = compiled(r"(?<![sctk])ch(?!r)")
# The English transliteration of each French convention, applied in one pass.
_ENGLISH_SPELLING = {"chtch": "shch", "tch": "ch", "iou": "yu", "ch": "sh", "ou": "u", "gue": "ge", "gui": "gi",
                     "ï": "i", "é": "e"}
_CONVENTION = compiled("|".join(sorted(_ENGLISH_SPELLING, key=len, reverse=True)))
_CAPITALISED = compiled(r"(?<![\p{L}'-])\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?![\p{L}'-])")
_WORD_BEFORE = compiled(r"(\S+)\s+$")
_HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Dr", "Mr.", "Mrs.", "Ms.", "Dr.", "President", "Minister",
                         "Premier", "General", "Patriarch", "Chancellor", "Senator", "Governor", "Mayor"})


def looks_transliterated(word: str) -> bool:
    """A Slavic, Armenian or Georgian name ending with a French spelling in its stem (Gorbatchev)."""
    lower = word.lower()
    ending = _FOREIGN_ENDING.search(lower) if lower.endswith(_ENDINGS) else None
    if not ending:
        return False
    stem = lower[:ending.start()]
    if ending.group().endswith("vitch"):
        return True
    return bool(_FRENCH_SPELLING.search(stem) or (ending.group() in ("ine", "ian") and _CH_FOR_SH.search(stem)))


def english_transliteration(name: str) -> str:
    """The English spelling a French transliteration most likely stands for (Poutine → Putin)."""
    out = _CONVENTION.sub(lambda m: _ENGLISH_SPELLING[m.group()], name.lower())
    if out.endswith("ine"):
        out = out[:-1]
    elif out.endswith("ian"):
        out = out[:-3] + "yan"
    return "-".join(part[:1].upper() + part[1:] for part in out.split("-"))


class FrenchTransliteration(Rule):
    """A foreign name spelt with French transliteration conventions.

    **What it does**
    Finds a capitalised name next to a first name or a title, unknown to the English
    lexicon and the gazetteer, that has the ending of a Slavic, Armenian or Georgian name
    and a French spelling convention before it: "ou" for u, "tch" for ch, "ï", "gue" for
    ge, or "ch" for sh before -ine/-ian ("Gorbatchev", "Pachinian"); or the French ending
    -ovitch/-evitch (English -ovich). Names that the pack's
    `names.tsv` lists are left to `name-form`.

    **Why is this bad?**
    French and English transliterate Cyrillic and Armenian differently; a French form
    in an English article is a translation residue and will not match the English spelling
    readers and search engines know.

    **Example**
    bad: The dissident Viktor [[Soukhanov]] was released on Monday. => Sukhanov
    bad: The Kremlin appointed Oleg [[Tchernov]] as envoy. => Chernov
    good: The former leader Mikhail Gorbachev died in Moscow.
    good: Hans Christian Andersen and Bernard Kouchner are not transliterated.

    **Fix safety**
    Unsafe: the English spelling is derived by rule and should be checked.
    """

    code = "MT202"
    name = "french-transliteration"
    category = "name"
    severity = Severity.MINOR
    fixable = "sometimes"
    confidence = 0.45

    def check(self, doc: Document) -> Iterator[Hit]:
        pack = doc.pack
        text = doc.norm
        listed: Optional[list[tuple[int, int]]] = None
        for m in _CAPITALISED.finditer(text):
            word = m.group()
            if not looks_transliterated(word) or pack.is_known_name(word) or pack.is_common_word(word):
                continue
            if not self._beside_name(text, m.start(), pack):
                continue
            if listed is None:  # the names lexicon is scanned only when a candidate turns up
                listed = [(n.start, n.end) for n in pack.lexicon("names").finditer(text)]
            if any(s < m.end() and m.start() < e for s, e in listed):
                continue  # name-form reports it with the lexicon's spelling
            yield Hit(m.start(), m.end(), f"“{word}” looks like a French transliteration; check the English "
                      "spelling of this name", english_transliteration(doc.text[m.start():m.end()]), "unsafe")

    @staticmethod
    def _beside_name(text: str, start: int, pack: Pack) -> bool:
        """Preceded by a known first name or a title."""
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        return bool(before and (before.group(1) in pack.first_names or before.group(1) in _HONORIFICS))


class TitleBeforeFirstName(Rule):
    """A courtesy title before a person's first name: "Mr Yannick" for Yannick Kervella.

    **What it does**
    Finds "Mr", "Mrs", "Ms", "Mme" or "Dr" followed by a single listed first name that the
    article gives elsewhere as the first name of someone named in full, and never as a
    surname. The suggestion puts the surname after the title.

    **Why is this bad?**
    English puts a title before the surname ("Mr Kervella"). A translation engine that meets
    a French first name it takes for a surname, or a text that calls people by their first
    name ("Yannick" in a quotation), produces "Mr Yannick", which reads as a different person.

    **Example**
    bad: Yannick Kervella runs the project. [[Mr Yannick]] says the turbines are far apart. => Mr Kervella
    bad: The teacher, Karim Haddad, is angry. [[Mr. Karim]] also points to the contract teachers. => Mr. Haddad
    good: Yannick Kervella runs the project. Mr Kervella says the turbines are far apart.
    good: Dylan Thomas wrote it; Mr Thomas was thirty-nine.
    good: Marie Durand met Thomas Martin and Mr Thomas Ferrand.

    **Fix safety**
    Unsafe: the surname is taken from the article; two people may share the first name.
    """

    code = "MT203"
    name = "title-before-first-name"
    category = "name"
    severity = Severity.MINOR
    fixable = "sometimes"
    confidence = 0.8

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.norm
        if not _TITLE_THEN_WORD.search(text):
            return
        surnames_of: dict[str, set[str]] = {}
        surnames: set[str] = set()
        for m in people(doc):
            if m.group("first"):  # after a title, the word is what is in question
                surnames.add(m.group("surname"))
                surnames_of.setdefault(m.group("first"), set()).add(m.group("surname"))
        for m in _TITLE_THEN_WORD.finditer(text):
            first = m.group("name")
            if first not in doc.pack.first_names or first in surnames or first not in surnames_of:
                continue
            own = surnames_of[first]
            suggestion = f"{m.group('title')} {next(iter(own))}" if len(own) == 1 else None
            yield Hit(m.start(), m.end(), f"a title before the first name “{first}”: English puts it before the surname",
                      suggestion, "unsafe" if suggestion else "none")


# A title and one capitalised word, not followed by another (a full name: "Mr Thomas Ferrand").
_TITLE_THEN_WORD = compiled(r"(?<![\p{L}\p{N}])(?P<title>(?:Mr|Mrs|Ms|Mme|Dr)\.?)\s(?P<name>\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)"
                            r"(?![\p{L}'’-]|\s+(?:\p{Lu}|(?:de|du|le|la|van|von)\s))")


class UnexplainedAcronym(Rule):
    """A French institution's acronym that an English reader cannot know, never explained.

    **What it does**
    Looks for the acronyms of `french_acronyms.tsv` (ARS, SDIS, DGCCRF, Urssaf, EHPAD …:
    French agencies, services, contracts and labels that English writing about France
    explains) and reports the first one of each that the article never explains: not in
    brackets with its meaning, not after or before a word that says what it is ("the CGT
    union", "the health agency ARS", "ARS, the regional health agency", "…, or PGHM"), and
    with neither its French name nor the English words of its meaning anywhere in the text.
    Acronyms that English news uses as they are (SNCF, EDF, CNRS, AFP) and those that are
    also common English abbreviations (DUP, CAF, CFA) are not listed.

    **Why is this bad?**
    French writing takes "l'ARS" or "le Sdis" for granted; a translation that keeps the
    acronym alone leaves the English reader with letters that mean nothing.

    **Example**
    bad: The [[ARS]] has ordered the closure of two wards. => ARS (regional health agency)
    bad: The [[SDIS]] sent forty vehicles to the scene. => SDIS (departmental fire and rescue service)
    good: The regional health agency (ARS) has ordered the closure of two wards.
    good: The ARS, the regional health agency, has ordered the closure of two wards.
    good: The health agency ARS has ordered the closure of two wards.
    good: Rescuers from the Peloton de Gendarmerie de Haute Montagne, or PGHM, found them.
    good: The DUP and Sinn Féin met in Belfast.

    **Fix safety**
    None: the suggestion puts the meaning in brackets after the acronym, which the writer may
    prefer to rephrase.
    """

    code = "MT204"
    name = "unexplained-acronym"
    category = "name"
    severity = Severity.MINOR
    fixable = "never"
    confidence = 0.75

    def check(self, doc: Document) -> Iterator[Hit]:
        meanings = doc.pack.mapping("french_acronyms", "acronym", "english")
        if not meanings:
            return
        text = doc.norm
        finder, row_of = _acronym_finder(doc.pack)
        first: dict[str, tuple[int, int]] = {}  # row → where its first form stands
        explained: set[str] = set()
        for m in finder.finditer(text):
            row = row_of[m.group()]
            first.setdefault(row, m.span())
            if row not in explained and _explained_here(doc, m.start(), m.end()):
                explained.add(row)
        lowered = text.lower() if first else ""
        french = doc.pack.mapping("french_acronyms", "acronym", "french")
        for row, (start, end) in first.items():
            meaning = meanings[row]
            if row in explained or french[row].lower() in lowered or _bare(meaning).lower() in lowered:
                continue
            acronym = text[start:end]
            yield Hit(start, end, f"French acronym “{acronym}” left unexplained: English readers need "
                      f"what it is ({meaning})", f"{acronym} ({_bare(meaning)})", "none")


@lru_cache(maxsize=16)
def _acronym_finder(pack: Pack) -> tuple[regex.Pattern, dict[str, str]]:
    """One pattern for every listed form, and the row (its ``acronym`` cell) each form belongs to."""
    row_of = {form: row for row in pack.mapping("french_acronyms", "acronym", "english") for form in row.split()}
    forms = sorted(row_of, key=len, reverse=True)
    pattern = regex.compile(r"(?<![\p{L}\p{N}'’-])(?:" + "|".join(map(regex.escape, forms)) + r")(?![\p{L}\p{N}'’-])")
    return pattern, row_of


def _bare(meaning: str) -> str:
    """A meaning without its leading article: "regional health agency"."""
    return _ARTICLE.sub("", meaning, count=1)


def _explained_here(doc: Document, start: int, end: int) -> bool:
    """Whether the acronym at [start, end) is explained where it stands: in brackets after its
    meaning or before one, after ", or" or "known as", before ", the …", or next to a word
    that says what it is ("the CGT union", "the health agency ARS")."""
    text = doc.norm
    if _GLOSS_AFTER.match(text, end) or _GLOSS_BEFORE.search(text, max(0, start - 40), start):
        return True
    words = {w.strip().lower() for w in _WORD.findall(text, max(0, start - 40), start)[-4:]}
    after = _WORD.match(text, end)
    if after:
        words.add(after.group().lower().strip())
    kinds = doc.pack.target_mapping("object_nouns", "word", "kind")
    return any(kinds.get(w) == "body" or w in _WHAT_IT_IS for w in words)


_ARTICLE = compiled(r"^(?:the|a|an)\s+")
_WORD = compiled(r"\s*[\p{L}'’-]+")
# "ARS (the regional health agency)", "ARS, the regional health agency", "ARS, which runs …".
_GLOSS_AFTER = compiled(r"\s*(?:\((?!\s*\p{Lu}{2,}\s*\))|,\s+(?:the|a|an|which|whose|France's|France’s)\s)")
# "(ARS)" after its meaning, "…, or PGHM", "known as the ARS".
_GLOSS_BEFORE = compiled(r"(?:\(\s*|,\s+or\s+(?:the\s+)?|\b(?:known|referred\s+to)\s+as\s+(?:the\s+)?|\b(?:called|dubbed)\s+(?:the\s+)?)$")
# Words that say what an acronym names, besides the bodies of object_nouns.tsv.
_WHAT_IT_IS = frozenset("""body watchdog service services unit inspectorate survey police contract contracts label
designation housing home homes order plan zone camp wage brigade rescuers firefighters""".split())
