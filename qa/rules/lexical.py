"""MT3xx: word-for-word idioms and false friends, and MT504: source-language connectives; all driven by the pack's lexicons."""
from __future__ import annotations

from typing import Optional

import regex

from ..document import Document
from ..finding import Severity
from ..lexicon.compile import LexiconMatch
from ..matchers import LexiconRule
from ..patterns import compiled
from .untranslated import described, glossed


class LiteralIdiom(LexiconRule):
    """A source-language idiom or construction translated word for word.

    **What it does**
    Matches the pack's `calques.tsv`: idioms and set constructions of the source language
    rendered literally ("blows the embers of" for *souffle sur les braises*), with every
    inflection of the verb, and proposes the idiomatic English.

    **Why is this bad?**
    A literal idiom reads as nonsense or as an odd image to an English reader and marks
    the text as machine translated; the meaning is often lost.

    **Example**
    bad: Turkey [[blows on the embers]] of the conflict, the minister said. => fans the flames
    bad: The senator [[threw oil on the fire]] with his remarks. => added fuel to the fire
    good: Turkey fans the flames of the conflict, the minister said.
    good: The campfire embers glowed long after midnight.

    **Fix safety**
    Unsafe unless a row says otherwise: the idiomatic replacement may need the sentence
    around it rephrased.

    **References**
    Each row's `note` names the source idiom; `mtlint explain MT301` lists the lexicon file.
    """

    code = "MT301"
    name = "literal-idiom"
    category = "calque"
    severity = Severity.MINOR
    fixable = "sometimes"
    confidence = 0.85
    lexicons = ("calques",)
    lexicon = "calques"
    message = "word-for-word idiom ({source}): {note}"
    targets = ("en", "fr")


class FalseFriend(LexiconRule):
    """An English word used in the sense of its source-language look-alike.

    **What it does**
    Matches the pack's `false_friends.tsv`: words such as "actually" for *actuellement*
    (currently) or "eventually" for *éventuellement* (possibly), each row restricted by
    context so that the English sense stays quiet.

    **Why is this bad?**
    The sentence says something else than the source meant: "the actual president" is
    not "the current president".

    **Example**
    bad: The ceremony was attended by [[the actual president]] of the club. => the current president
    good: The actual cost was higher than the estimate.
    good: He eventually resigned after months of pressure.

    **Fix safety**
    Never safe: a false friend may be the right word after all; the rows give the likely
    meaning as an unsafe suggestion or as advice only.
    """

    code = "MT302"
    name = "false-cognate"
    category = "false-friend"
    severity = Severity.MAJOR
    fixable = "sometimes"
    confidence = 0.75
    lexicons = ("false_friends",)
    lexicon = "false_friends"
    message = "false friend ({source}): {note}"
    targets = ("en", "fr")


class SourcePhrase(LexiconRule):
    """A source-language connective or term left untranslated in English: "Bref, …", "the mairie".

    **What it does**
    Matches the pack's `source_phrases.tsv`: connectives and sentence openers of the source
    language ("Bref,", "Autrement dit,", "Selon nos informations,") at the start of an English
    sentence, before a comma, and the terms of its institutions and daily life that English
    translates ("the mairie", "conseil municipal", "permis de construire", "garde à vue"), and
    proposes the English wording. A term spelled as a proper name ("the tribunal administratif
    de Bordeaux") is left alone.

    **Why is this bad?**
    Translation engines leave short openers in the source language when they are set off by
    a comma; they are too short for language identification (MT501) to confirm, and the
    reader of the English text cannot follow them.

    **Example**
    bad: The festival sold out. [[Bref]], Avignon remains the great summer rendezvous. => In short
    bad: [[Selon nos informations]], the player was operated on during the night. => According to our information
    bad: A rally is planned on Thursday in front of [[the mairie]]. => the town hall
    bad: The [[conseil municipal]] voted the budget on Monday. => town council
    bad: He appears before the [[tribunal correctionnel]] of Villefranche-sur-Saône. => criminal court
    bad: The [[régie]] has promised repairs before the summer. => operator
    good: The tribunal administratif de Bordeaux upheld the rules.
    good: In short, Avignon remains the great summer rendezvous.
    good: The novel Bref is set in Brittany.
    good: Pour l'instant, aucune date n'a été fixée.
    good: The hall, known locally as the criée, replaces a building from the 1960s.
    good: The water is run by a régie (a council-owned company). The régie has promised repairs.
    good: An old saying, “se prendre pour le premier moutardier du pape”, mocks the self-important.
    good: The council hopes to open a maison de santé, a publicly funded group practice, in 2027.
    good: Since 2016 the préfecture des Alpes-Maritimes, which represents the national government, has required barriers. The city asked the préfecture to help.
    good: The Chambre d’agriculture de la Dordogne, the county’s farm advisory body, offers technical help.
    good: The Inspection du travail, France's labor inspectorate, carries out regular checks.
    good: Subscribe to the préfecture’s alert service, the posters urge.

    **Fix safety**
    Unsafe: the English connective is right in most sentences, but the writer may prefer to
    rephrase.
    """

    code = "MT504"
    name = "untranslated-connective"
    category = "untranslated"
    severity = Severity.MAJOR
    fixable = "sometimes"
    confidence = 0.9
    lexicons = ("source_phrases",)
    lexicon = "source_phrases"
    message = "left in the source language ({source}): {note}"
    targets = ("en",)

    def accept(self, doc: Document, m: LexiconMatch) -> Optional[float]:
        """Only before English: a sentence or a quotation left wholly in the source language is MT501's. A term
        the writer names as such ("known locally as the criée") or glosses ("a régie (a
        council-owned company)") anywhere in the article is kept on purpose, in all its uses, and
        so is one English gives its possessive ("the préfecture's alert service")."""
        if m.row in _explained(doc, self.lexicon) or _POSSESSIVE_AFTER.match(doc.norm, m.end):
            return None  # … or given English's possessive ("the préfecture's alert service"): a loanword
        quote = doc.quotation_at(m.start)
        if quote is not None:  # a French saying quoted whole is MT501's (reported, or glossed on purpose)
            # Its first words tell its language (a long quotation need not be read whole for each term).
            inner = [w.lower() for w in _WORD.findall(doc.norm, quote.start + 1, min(quote.end - 1, quote.start + _QUOTE_SAMPLE))]
            if inner and doc.pack.common_share(inner) < 0.5:
                return None
        # Capitalised words are left out: a place name ("of Villefranche-sur-Saône") is no sign
        # that the rest of the sentence is French.
        words = [w for w in _WORD.findall(doc.norm, m.end, doc.sentence_at(m.start).end) if not w[0].isupper()]
        return -1 if not words or doc.pack.common_share(words) >= 0.5 else None


_POSSESSIVE_AFTER = compiled(r"'s\b")
#: How many characters of a quotation MT504 reads to tell whether it is in the source language.
_QUOTE_SAMPLE = 300


def _named_or_glossed(doc: Document, m: LexiconMatch) -> bool:
    return bool(_NAMED_AS.search(doc.norm, max(0, m.start - _NAMED_AS_REACH), m.start)) \
        or glossed(doc.text, m.end, doc.pack, len(doc.text[m.start:m.end].split())) or described(doc.text, m.end, doc.pack, indefinite=True) \
        or bool(_DEFINED_BY_CLAUSE.match(doc.norm, m.end))


# The document and lexicon whose explained terms were found last, and those terms' rows.
_EXPLAINED: list = [None, "", frozenset()]


def _explained(doc: Document, lexicon: str) -> frozenset:
    """The rows of ``lexicon`` whose terms the article names or glosses somewhere: a writer who
    explains "régie" once may use it bare afterwards. Found once per document, and only for a
    document that holds a term at all (this is asked at a match)."""
    if _EXPLAINED[0] is not doc or _EXPLAINED[1] != lexicon:
        found = doc.pack.lexicon(lexicon).finditer(doc.norm)
        _EXPLAINED[:] = [doc, lexicon, frozenset(m.row for m in found if _named_or_glossed(doc, m))]
    return _EXPLAINED[2]


_WORD = compiled(r"\p{L}+")
# Words that introduce a term as a term, right before it: "known (locally) as the", "what
# locals call a", "dubbed".
_NAMED_AS = compiled(r"(?<![\p{L}'-])(?i:(?:known|referred\s+to)(?:\s+\p{L}+ly)?\s+as|called|dubbed|nicknamed"
                     r"|what\s+(?:\p{L}+\s+){1,2}calls?)\s+(?:(?i:the|an?|la|le|les|l')\s*)?\G", regex.REVERSE)
_NAMED_AS_REACH = 40
# A relative clause or an apposition that says what the term is, after it (and its French
# complement): "the préfecture des Alpes-Maritimes, which represents the national government",
# "the Chambre d'agriculture de la Dordogne, the county's farm advisory body" (not "the mairie,
# which has closed the pool", a plain clause of a translation).
_DEFINED_BY_CLAUSE = compiled(r"(?:\s+(?:de|des|du|de\s+la|d['\u2019])\s*\p{Lu}[\p{L}'\u2019-]*(?:\s+\p{Lu}[\p{L}'\u2019-]*)?)?,\s+"
                              r"(?:(?:which|who)\s+(?:represents|stands\s+for|acts\s+as|serves\s+as|is\s+(?:responsible\s+for"
                              r"|in\s+charge\s+of|the\s+(?:French|local|regional|state)|France's))\b"
                              # or an apposition that names the kind of body: "…, the county's farm advisory body,"
                              r"|(?:the|a|an|\p{Lu}\p{Ll}+['\u2019]s)\s+(?:[\p{Ll}'\u2019-]+\s+){0,4}(?:body|agency|office|authority|council"
                              r"|board|federation|association|chamber|service|department|institute|organi[sz]ation|union|court|committee"
                              r"|network|inspectorate|ministry|regulator|watchdog)\b)")
