"""MT3xx: word-for-word idioms and false friends, both driven by the pack's lexicons."""
from __future__ import annotations

from ..finding import Severity
from ..matchers import LexiconRule


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
