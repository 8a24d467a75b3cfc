"""MT501: untranslated text — source-language words, phrases and sentences left in English.

A cheap marker pass runs first: frequent source words that are not English words (the
pack's ``source_markers.tsv``) and elided articles (l', d', qu' before a vowel). Only
stretches with two markers or more go to language identification (langdetect, seeded),
so a clean article costs one regex scan per sentence.
"""
from __future__ import annotations

import itertools
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Optional

import regex

from ..document import Document, Quotation, Span
from ..finding import Hit, Severity
from ..langid import detect
from ..pack import Pack
from ..patterns import compiled
from .anchors import SPACES, Cuts
from .base import Rule

# French elided articles and pronouns (l', d', qu' …; lower case or capitalised) and verb
# endings that no English word has (évadiez, concurrenciez, finiraient).
_ELIDED_WORDS = ("l", "d", "j", "n", "s", "c", "m", "t", "qu", "jusqu", "lorsqu", "puisqu")
_VERB_ENDINGS = ("iez", "aient", "erions", "eriez", "èrent", "âmes", "âtes", "issiez", "assions", "issions")
_ELIDED_ALTERNATION = "|".join(f"[{w[0]}{w[0].upper()}]{w[1:]}" for w in _ELIDED_WORDS)
_TOKEN = compiled(rf"(?:{_ELIDED_ALTERNATION})'(?=\p{{L}})|\p{{L}}+(?:-\p{{L}}+)*")
_ELISION = compiled(rf"(?:{_ELIDED_ALTERNATION})'$")
_VERB_ENDING = compiled(r"\p{Ll}{3,}(?:" + "|".join(_VERB_ENDINGS) + ")$")
# For the whole-text clue scan: the words of _TOKEN (an elided article cut from its word) and
# the elided forms as strings.
_WORD = compiled(r"\p{L}+(?:-\p{L}+)*")
_CONTRACTION = compiled(r"(?i)['\u2019](?:ll|s|re|ve|d|m)\b")
_ELIDED = frozenset(form for w in _ELIDED_WORDS for form in (w, w[0].upper() + w[1:]))
# A superset of the French forms ``_suspect_sentences`` counts, found without a loop over words:
# a verb ending anywhere (each looked for with ``in``: ``regex`` tries an alternation of literals
# at every character, 20× slower), or an apostrophe after an elided article that follows a
# non-letter (this pattern starts at the apostrophe so that ``regex`` can search for it).
_ELIDED_ARTICLE = compiled(r"'(?<=(?<!\p{L})(?:" + "|".join(sorted(_ELIDED)) + ")')")
_VOWEL = compiled(r"[aeiouyhàâäéèêëîïôöûùü]")
_ACCENTED = compiled(r"[àâçéèêëîïôûùœ]", regex.IGNORECASE)
# URLs and e-mail addresses: the last two forms start only at a token's first character and never
# backtrack, so a long token without spaces costs one pass.
_URL = compiled(r"(?:https?://|www\.)\S+|(?<!\S)\S[^\s@]*+@\S[^\s.]*+\.\S+|(?<!\S)\S[^\s.]*+\.\S[^\s/]*+/\S*")
_OPENERS = "\"'\u201c\u2018\u00ab(:\u2014\u2013-"
# A quotation glossed by its translation right after it: “On ne lâchera rien” (“We will not
# give up”), “…” – “…”, “…”, meaning “…”, théâtre populaire — theater for everyone. English
# writing quotes the original on purpose there. A bracket that is not a quotation or a gloss
# word, or the words after a dash, must hold English: not "(AFP)" or "(sic)".
_GLOSS = compiled(r"[\s.,;:!?\u201d\u00bb\"']*(?:\(\s*[\u201c\u2018\"']|[\u2014\u2013]\s*[\u201c\u2018\"']|[\u2014\u2013-]?\s*\(?(?:meaning"
                  r"|which means|(?:which\s+)?translat(?:es|ed)(?:\s+(?:roughly|loosely|literally))?\s+as|roughly|literally"
                  r"|or, in English|in English|or)\b"
                  r"|\((?P<bracket>[^()\n]{1,300})\)"
                  r"|[\u2014\u2013]\s*(?P<dashed>\p{Ll}[^\u2014\u2013.,;:!?()\n\"\u201d]{3,200}))")
# A gloss later in the sentence, after the speaker: “C’est la patience qui paie,” he said, before
# translating: “…”; “…,” she said – it is not a catastrophe; “…,” he said, quoting a proverb.
_GLOSS_LATER = compiled(r"[^.!?\n]{0,160}?(?:\b(?i:translat\w*|in English(?=\s*[:\u2014\u2013])|proverb|French for|which means|roughly|loosely"
                        r"|literally)\b|[\u2014\u2013]\s*[\u201c\u2018\"]?(?P<dash>[^.!?\n\u201c\"\u2014\u2013]{8,200}))")
_DASH_CLOSES = compiled(r"[?!]?\s*[\u2014\u2013]")
# An acronym in brackets right after a name, or right before it with a bracket, a dash or
# "short for" between: the name is the acronym's expansion ("the Autorité de sûreté nucléaire
# (ASN)", "the DNACG – short for Direction nationale d’aide et de contrôle de gestion").
_ACRONYM = compiled(r"\p{Lu}{2,8}")
_ACRONYM_AFTER = compiled(r"\s*\((\p{Lu}{2,8})\)")
_WORD_ACRONYM_BEFORE = compiled(r"(?<![\p{L}-])(\p{Lu}\p{Ll}{1,9})(?P<between>\s*\(\s*|,\s+or\s+)(?:[\p{L}'\u2019-]+\s+)?\G",
                                regex.REVERSE)
_ACRONYM_BEFORE = compiled(r"(?<![\p{L}-])(\p{Lu}{2,8})\s*(?:\(|[\u2014\u2013-]|,)?\s*(?:(?i:short for|which stands for"
                           r"|standing for|for)\s+)?(?:the\s+)?(\p{Lu}[\p{L}'\u2019-]*\s+(?:[\p{L}'\u2019-]+\s+){0,2})?\G",
                           regex.REVERSE)
# Name particles: lower case between names (Charles de Gaulle, Jean de La Fontaine).
_PARTICLES = frozenset({"de", "du", "des", "la", "le", "les", "d'", "l'", "von", "van", "der", "y"})
CONFIRMED = 0.9  # langdetect probability that confirms the source language
STRONGLY_MARKED = 0.7  # the confidence of a sentence found by its markers, langdetect unsure
MIN_WORDS = 4  # langdetect is unreliable below this


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    kind: str  # "marker", "unknown" (not an English word), "english" or "name"

    @property
    def frenchish(self) -> bool:
        return self.kind in ("marker", "unknown")


@lru_cache(maxsize=8)
def _phrase_pattern(phrases: frozenset[str]) -> Optional[regex.Pattern]:
    """One pattern for the listed phrases; spaces and hyphens match each other, and accented
    letters match their plain forms (raison d'etre, deja vu). See ``_loose``."""
    from ..cache import cached  # compiling takes longer than unpickling the compiled pattern

    if not phrases:
        return None
    # Longest first, then alphabetical: the order (part of the cache key) must not depend on
    # the set's iteration order, which changes from process to process.
    parts = sorted((_loose(p) for p in phrases), key=lambda part: (-len(part), part))
    return cached("pattern", (), lambda: regex.compile(r"(?<!\p{L})(?:" + "|".join(parts) + r")(?!\p{L})",
                                                       regex.IGNORECASE), *parts)


def _loose(phrase: str) -> str:
    """``phrase`` as a pattern that also matches it with or without its commas, with either
    apostrophe, and with plain letters for accented ones."""
    out = []
    for ch in phrase:
        plain = unicodedata.normalize("NFD", ch)[0]
        if ch == ",":
            continue
        if ch in " -":
            out.append(",?[ -]")
        elif ch in "'\u2019":
            out.append("['\u2019]")
        elif plain != ch:
            out.append(f"[{ch}{plain}]")
        else:
            out.append(regex.escape(ch))
    return "".join(out)


@lru_cache(maxsize=4096)
def identify(text: str) -> tuple[str, float]:
    """langdetect's best guess for ``text`` and its probability (seeded, so repeatable)."""
    return detect(text)


def language_probability(text: str, lang: str) -> float:
    """The probability that ``text`` is in ``lang``, when that is langdetect's best guess (else 0)."""
    found, prob = identify(text)
    return prob if found == lang else 0.0


def glossed(text: str, end: int, pack: Pack, words_glossed: int = 4) -> bool:
    """Whether a quotation or phrase ending at ``end`` is followed by its English translation. A bracket
    of a few words is English when its words are (langdetect guesses on so few: it calls
    "Here, we do not look away" Afrikaans); three words may gloss a longer phrase ("Stop aux
    usines à cochons (Stop pig factories)"), and fewer what is as short (“le dernier kilomètre”
    (the last kilometer)), but no fewer than two."""
    m = _GLOSS.match(text, end)
    if m is None or m.group("bracket") is None and m.group("dashed") is None:
        return m is not None
    gloss = m.group("bracket") or m.group("dashed")
    words = _english_words(gloss)
    return len(words) >= max(2, min(3, words_glossed)) and (pack.common_share(words) >= 0.8
                                or identify(gloss)[0] == "en")


def _glossed_run(text: str, run: list[Token], pack: Pack) -> bool:
    """Whether a run of source words is glossed, or the phrase it ends within two more words of
    its clause ("joueurs issus des filières de formation, or academy-trained players", where
    "formation" is English too and ends the run early)."""
    ends = [run[-1].end]
    while len(ends) < 3 and (word := _NEXT_WORD.match(text, ends[-1])):
        ends.append(word.end())
    return any(glossed(text, end, pack, len(run)) for end in ends)


_NEXT_WORD = compiled(r"[ ]+[\p{L}'\u2019-]+")
# Words that announce a French name or title quoted on purpose: "holds the title of architecte en
# chef", "known as", "what locals call"; searched backwards from the run's first word.
_ANNOUNCED = compiled(r"(?i:\b(?:(?:title|rank|status|label|motto|slogan)\s+of|known\s+as|dubbed|what\s+"
                      r"(?:the\s+French|locals|residents|villagers|they|people\s+here)\s+call))\s+\G", regex.REVERSE)


def _inside_a_name(text: str, run: list[Token], pack: Pack) -> bool:
    """Whether the run is the lower-case rest of a French name after its capitalised head: between
    the head and the capitalised word its particle leads to ("the Parc naturel régional des Volcans
    d'Auvergne"; only adjectives before the particle, not "Macron a déclaré que la France"), or
    followed by an English description in apposition ("…, a laboratory in Grenoble")."""
    if not _CAPITAL_BEFORE.search(text, max(0, run[0].start - 40), run[0].start):
        return False
    words = [t.text.lower() for t in run]
    if (words[-1] in _PARTICLES and all(t.kind != "english" and w not in _PARTICLES and w.endswith(_ADJECTIVE_ENDINGS)
                                        for t, w in zip(run[:-1], words))
            and _CAPITAL_AFTER.match(text, run[-1].end)):
        return True
    # "the Institut des géosciences de l'environnement, a laboratory in Grenoble": described in
    # apposition, after the name's capitalised end if it has one ("… de la Dordogne, the county's …")
    end = run[-1].end
    if tail := _CAPITALISED_TAIL.match(text, end):
        end = tail.end()
    return described(text, end, pack)


def _apposed_gloss(text: str, end: int, pack: Pack) -> bool:
    """Whether a quotation ending at ``end`` is glossed by an English noun phrase in apposition,
    its comma inside the closing mark (American style) or after it: "“le repas gastronomique des
    Français,” the gastronomic meal of the French, which …". A gloss may hold a word English has
    from French ("gastronomic"): more than half of its words common, where French has almost none."""
    if text[end - 2:end - 1] == ",":
        return _noun_phrase_gloss(text, end, pack, 0.6)
    return text.startswith(",", end) and _noun_phrase_gloss(text, end + 1, pack, 0.6)


def _introduced_and_glossed(text: str, run: list[Token], pack: Pack) -> bool:
    """Whether the run is a French phrase set out after a colon or a dash and glossed by an
    English noun phrase in apposition: "a phrase for that: le bruit du métier, the noise of the
    loom." (not "…: la situation est grave, the mayor said", a clause)."""
    end = run[-1].end
    return bool(_SET_OUT.search(text, max(0, run[0].start - 4), run[0].start)) \
        and text.startswith(",", end) and _noun_phrase_gloss(text, end + 1, pack, 0.8)


def _noun_phrase_gloss(text: str, pos: int, pack: Pack, share: float) -> bool:
    """Whether an English noun phrase ("the …", "a …") starts at ``pos`` and runs to the next mark,
    with no auxiliary or reporting verb ("…,” the agency wrote": a clause) and at least ``share``
    of its words common English ones."""
    m = _NOUN_PHRASE.match(text, pos)
    if not m:
        return False
    words = m.group(1).lower().split()
    if not _VERBS_OF_A_CLAUSE.isdisjoint(words) or not pack.target_words("reporting_verbs").isdisjoint(words):
        return False
    return pack.common_share(words) >= share


def described(text: str, end: int, pack: Pack, indefinite: bool = False) -> bool:
    """Whether a French name or term ending at ``end`` is described in English in apposition: "…,
    a laboratory in Grenoble", "a maison de santé, a publicly funded group practice,". With
    ``indefinite``, only "a …" or "an …" closed by a mark, or "the …" that a relative clause
    follows ("bandes dessinées, the hardcover albums that fill bookshops"), which define a term
    ("at the criée, the price of sole has jumped" goes on with the sentence)."""
    if text.startswith(")", end):
        end += 1  # after the acronym in brackets: "the Agence régionale de santé (ARS), the state body that …"
    gloss = (_DEFINITION.match(text, end) or _DEFINED_BY_RELATIVE.match(text, end)) if indefinite \
        else _APPOSITION.match(text, end)
    if not gloss:
        return False
    # A possessive is English whatever its noun: "the county's growers' federation".
    words = gloss.group(1).lower().split()
    return sum(bool(_POSSESSIVE_END.search(w)) or pack.is_common_word(w) for w in words) >= 0.8 * len(words)


# How the French adjectives of a name end: naturel, régional, nationale, supérieure, française.
_ADJECTIVE_ENDINGS = ("el", "elle", "al", "ale", "aux", "ien", "ienne", "ain", "aine", "ais", "aise", "ique", "if", "ive",
                      "eur", "eure", "ier", "ière", "é", "ée", "ant", "ante", "ent", "ente")
# The capitalised head of a French name, right before the run or a few lower-case words before it
# ("the Chambre de commerce et d'industrie Grand Lille": "commerce" is English too).
_CAPITAL_BEFORE = compiled(r"(?<![\p{L}'\u2019-])\p{Lu}\p{Ll}+(?: \p{Ll}+){0,3} \G", regex.REVERSE)
_CAPITAL_AFTER = compiled(r" \p{Lu}")
_POSSESSIVE_END = compiled(r"\p{L}['\u2019]s?$")
_CAPITALISED_TAIL = compiled(r"(?: \p{Lu}[\p{L}'\u2019-]*){1,3}")
_APPOSITION = compiled(r",\s+((?:a|an|the)(?:\s+[\p{Ll}'\u2019-]+){2,6})")
# A noun phrase in apposition, up to its next mark; it may hold a capitalised word ("… of the French").
_NOUN_PHRASE = compiled(r"\s+((?:a|an|the)(?:\s+[\p{L}'\u2019-]+){2,8})(?=\s*[,.;)])")
_VERBS_OF_A_CLAUSE = frozenset("is was are were has have had will would can could may might must".split())
_SET_OUT = compiled(r"[:\u2014\u2013]\s*\G", regex.REVERSE)
_DEFINED_BY_RELATIVE = compiled(r",\s+(the(?:\s+[\p{Ll}'\u2019-]+){1,5}?\s+(?:that|which|who|whose))\b")
_DEFINITION = compiled(r",\s+((?:a|an)(?:\s+(?!(?:is|was|are|were|has|have|had|will|would)\b)[\p{L}'\u2019-]+){2,12})(?=\s*[,.;)])")


def _spells_out_acronym(text: str, run: list[Token]) -> bool:
    """Whether the words of ``run`` (with up to three words before it) are what an acronym next
    to them stands for: its letters are their initials, in order, particles aside."""
    end = run[-1].end
    if len(run) > 1 and text.startswith("(", run[-1].start - 1) and _ACRONYM.fullmatch(run[-1].text):
        run, acronym = run[:-1], run[-1].text  # the acronym itself ended the run
        end = run[-1].end
    elif after := _ACRONYM_AFTER.match(text, end):
        acronym = after.group(1)
    elif before := _ACRONYM_BEFORE.search(text, max(0, run[0].start - 120), run[0].start):
        acronym = before.group(1)
    elif word := _WORD_ACRONYM_BEFORE.search(text, max(0, run[0].start - 60), run[0].start):
        # "the Crous (Centre régional des œuvres …)", "Solideo (Société de livraison des ouvrages
        # olympiques)": an acronym written as a word, made of the first letters or syllables
        # The name only, not the text; after "(" or ", or" ("the Drac, or direction régionale …").
        words = _WORD.findall(text[word.end("between"):end].replace("\u0153", "oe"))
        return _prefixes_spell(word.group(1).lower(), tuple(w.lower() for w in words))
    else:
        return False
    # The name may open with words the run left out ("Direction" is English too).
    head = _HEAD_BEFORE.search(text, max(0, run[0].start - 60), run[0].start)
    start = head.start() if head else run[0].start
    initials = [w[0] for w in _WORD.findall(regex.sub(r"(?i)\b[dl]['\u2019]", "", text[start:end]))
                if w.lower() not in _PARTICLES and w.lower() not in _NAME_LINKS]
    return len(initials) >= len(acronym) and initials[0].upper() == acronym[0] and _subsequence(
        acronym.lower(), "".join(initials).lower())


# Words an acronym skips inside a French name: Autorité de sûreté nucléaire et de radioprotection.
_NAME_LINKS = frozenset(("et", "en", "à", "aux", "au", "pour", "sur"))


@lru_cache(maxsize=256)
def _prefixes_spell(acronym: str, words: tuple[str, ...]) -> bool:
    """Whether ``acronym`` is the beginnings of ``words`` run together, in order, the first word's
    first of all; a particle or a link may give nothing, and words after the last may be left."""
    if not acronym:
        return True
    if not words:
        return False
    first, rest = words[0], words[1:]
    if (first in _PARTICLES or first in _NAME_LINKS) and _prefixes_spell(acronym, rest):
        return True
    return any(first.startswith(acronym[:k]) and _prefixes_spell(acronym[k:], rest)
               for k in range(1, min(len(first), len(acronym)) + 1))


def _subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(c in letters for c in short)


# Up to three words before a run, the first of them capitalised: where a name it ends may start.
_HEAD_BEFORE = compiled(r"\p{Lu}[\p{L}'\u2019-]*(?:\s+[\p{L}'\u2019-]+){0,2}\s+\G", regex.REVERSE)


def _english_words(gloss: str) -> list[str]:
    """The words of a would-be English gloss, contractions cut off ("who'll" is "who")."""
    return _WORD.findall(_CONTRACTION.sub("", gloss))


def _glossed_later(text: str, end: int, pack: Pack, words_glossed: int) -> bool:
    """Whether a quotation of ``words_glossed`` words ending at ``end`` is translated later in its
    sentence: after a word that says so ("translating", "in English", "proverb") or after a dash,
    in English, quoted or not (“On l’a fait” — we did it; “…,” he said – “I did not kill him.”)."""
    m = _GLOSS_LATER.match(text, end)
    if m is None or m.group("dash") is None:
        return m is not None
    words = _english_words(m.group("dash"))
    # Three words are enough between two dashes: “Qui dit mieux ?” – who'll bid more? – with …
    between_dashes = _DASH_CLOSES.match(text, m.end()) is not None
    # English needs no more words than French, often fewer: “On est des sidérurgistes” — we are steelworkers.
    # Of three words, two common ones will do ("we are steelworkers"; langdetect calls it Afrikaans).
    return len(words) >= max(2, min(3 if between_dashes else 4, words_glossed - 1)) and \
        pack.common_share(words) >= (0.6 if len(words) <= 3 else 0.8)


# Words that say a quotation in a sentence is the title of a piece of music: the aria “Je suis
# encore tout étourdie”, “Adieu, notre petite table” is sung mezza voce.
_MUSIC = compiled(r"\b(?i:sung|sings?|sang|singing|arias?|duets?|chansons?|songs?|hymns?|ballads?|refrains?|lyrics"
                  r"|sopranos?|tenors?|baritones?|mezzo|contralto|coloratura|libretto|recital|operas?)\b")
_POSSESSIVES = frozenset({"his", "her", "their", "its", "my", "our", "your"})
#: A title is short: longer quotations are speech.
_TITLE_WORDS = 10


# A year in brackets after a quotation: the date of the work it names.
_DATED_WORK = compiled(r"\s*\((?:1[5-9]|20)\d\d\)")


def _titled(doc: Document, sentence: Span, q: Quotation, inner: list[Token], memo: "_Memo") -> bool:
    """Whether a short quotation is a title: a year in brackets right after it ("“Gavottes pour
    une vieille dame” (1994)", a work and its date), a title cue among the four words before it
    ("the entrance aria, “Je suis …”", "his novel “Le Grand Meaulnes”"), a possessive right
    before it (his “En fermant les yeux”: a piece he performs), or a paragraph about music."""
    if len(inner) > _TITLE_WORDS:
        return False
    if _DATED_WORK.match(doc.text, q.end):
        return True
    before = _WORD.findall(doc.text, max(sentence.start, q.start - 60), q.start)[-4:]
    cues = doc.pack.target_words("title_cues")
    if any(w.lower() in cues for w in before) or (before and before[-1].lower() in _POSSESSIVES
                                                  and doc.text[q.start - 1:q.start].isspace()):
        return True
    return memo.about_music(doc.text, doc.paragraph_at(sentence.start))


#: Characters that eight words and their spaces cannot exceed.
_GAP_REACH = 400


@dataclass
class _Memo:
    """Per document: whether a quotation is translated by the next one (by its start), and
    whether a paragraph is about music (by its start)."""

    translated: dict[int, bool]
    music: dict[int, bool]

    def translates(self, text: str, french: Quotation, later: Quotation) -> bool:
        if french.start not in self.translated:
            self.translated[french.start] = _translates(text, french, later)
        return self.translated[french.start]

    def about_music(self, text: str, para: Span) -> bool:
        if para.start not in self.music:
            self.music[para.start] = bool(_MUSIC.search(text, para.start, para.end))
        return self.music[para.start]


def _translates(text: str, french: Quotation, later: Quotation) -> bool:
    """Whether ``later`` is the English translation of ``french``: the next quotation, at most
    eight words on (“Nous sommes en guerre,” he said in 2020 — “We are at war.”), of a length
    near the French one's, and in English."""
    if later.start - french.end > _GAP_REACH:
        return False  # more than eight words between them, counted without walking a long text
    words = len(_WORD.findall(text, french.start, french.end))
    inside = text[later.start + 1:later.end - 1]
    english = len(_WORD.findall(inside))
    return (len(_WORD.findall(text, french.end, later.start)) <= 8 and words / 2 <= english <= words * 2
            and identify(inside)[0] == "en")


class UntranslatedText(Rule):
    """Words, phrases or whole sentences left in the source language.

    **What it does**
    Scans each sentence for markers of the source language: frequent words that English
    does not have (le, une, selon, aucun …, from the pack's `source_markers.tsv`) and
    elided articles (l', d', qu' before a vowel). A stretch of three words or more with
    two markers, a quotation or a whole sentence, is then confirmed by language
    identification (langdetect). Verb forms that no English word ends with (-iez,
    -aient) are reported on their own. French that English uses (coup d'état, déjà vu,
    Le Monde, Charles de Gaulle) stays quiet: names and the expressions listed in
    `french_in_english.tsv` are skipped.

    **Why is this bad?**
    The reader cannot understand text the translation skipped, and it usually hides a
    quotation or a fact the article depends on.

    **Example**
    bad: [[Selon l'avocat, l'accord n'a jamais été signé par le ministre.]] => -
    bad: The mayor said: “[[Nous n'avons pas d'argent pour l'hôpital]]”, to applause. => -
    bad: The unions said the plan was [[surenchérissaient]] by rivals. => -
    good: The coup d'état left a sense of déjà vu in Le Monde's newsroom.
    good: Charles de Gaulle and Médecins Sans Frontières were named in the report.
    good: They chanted “On ne lâchera rien, jamais” (“We will never give up”) all night.
    good: “Ce n’est pas une catastrophe, c’est une frustration,” she said – it is not a catastrophe, it is a frustration.
    good: “Je n’ai jamais eu aussi peur de ma vie,” she said, before repeating it in English: “I have never been so frightened.”
    good: The slogan most heard was “On ne lâchera rien, jamais” – “We will never give up” – and it rang out all day.
    good: He went further: “Notre Europe, aujourd’hui, est mortelle. Elle peut mourir.” (“Our Europe, today, is mortal. It can die.”)
    good: His line at every stop: "Ici, on ne baisse pas les yeux" (Here, we do not look away).
    good: Several picked up "J'ai trop mangé" ("I've eaten too much") after their first family dinner.
    good: Couriers call it "le dernier kilomètre" (the last kilometer), the dearest stage of a delivery.
    good: His idea was théâtre populaire — theater for everyone, and it still is.
    good: His records include "Gavottes pour une vieille dame" (1994), a tribute to his accordion.
    good: The entrance aria, “Je suis encore tout étourdie”, tumbles out in a rush of excitement.
    good: He quotes his master: “On ne répare pas une corde, on la remplace.” The line – “You don’t mend a string; you replace it” – is about pianos.
    good: “On n’a rien lâché” – we never let up – said Julien Martel, a welder from La Rochelle with Soudure Atlantique.
    good: The regulator, the Autorité de sûreté nucléaire et de radioprotection (ASNR), gave its approval.
    good: The DNACG – short for Direction nationale d’aide et de contrôle de gestion – polices the clubs’ finances.
    good: Its full name, Direction nationale d’aide et de contrôle de gestion, translates roughly as “national directorate for management control”.
    good: Clubs must field JIFF players — joueurs issus des filières de formation, or academy-trained players — every week.
    good: She turned to her colleagues and said simply, “On l’a fait” — we did it.
    good: “Je ne l’ai pas tué,” he said – “I did not kill him.”
    good: He repeated a phrase heard often here: "On est des sidérurgistes" — we are steelworkers.
    good: She holds the title of architecte en chef des monuments historiques, like her father.
    good: Visitors flock to the Parc naturel régional des Volcans d'Auvergne, the regional nature park.
    good: She works at the Institut des géosciences de l'environnement, a laboratory in Grenoble.
    good: She sits on the board of the Fédération départementale des trufficulteurs de la Dordogne, the county’s growers’ federation.
    good: The collective Stop aux usines à cochons (Stop pig factories) has filed an appeal.
    good: Students apply to the Crous (Centre régional des œuvres universitaires et scolaires), the state body.
    good: Every slate must be approved by the Drac, or direction régionale des affaires culturelles, the ministry's regional office.
    good: The Agence régionale de santé (ARS), the state body that oversees hospitals, said the decision was final.
    good: The weavers have a phrase for that: le bruit du métier, the noise of the loom.
    good: Many of its films began as bandes dessinées, the hardcover comic albums that fill bookshops.
    good: The exhibitions lean on "le repas gastronomique des Français," the gastronomic meal of the French, which UNESCO listed in 2010.
    bad: The mayor was blunt: "[[nous ne paierons pas pour les travaux de la ville]]," the mayor said on Monday. => -
    good: She spent 12 years at the Chambre de commerce et d’industrie Grand Lille, the local chamber of commerce.
    good: Guérande salt is protected by an indication géographique protégée, a European label reserved for products from a defined area, since 2012.
    good: Solideo (Société de livraison des ouvrages olympiques) handed the buildings over in 2024.

    **Fix safety**
    No automatic fix: the passage must be translated.
    """

    code = "MT501"
    name = "untranslated-text"
    category = "untranslated"
    severity = Severity.MAJOR
    fixable = "never"
    confidence = 0.85
    lexicons = ("source_markers", "french_in_english")

    def check(self, doc: Document) -> Iterator[Hit]:
        pack = doc.pack
        markers = pack.words("source_markers")
        lang = pack.source_lang
        french = lang == "fr"  # elisions and verb endings are French letter patterns
        phrases = pack.words("french_in_english", "phrase")
        allowed, cuts = _phrase_pattern(phrases), _cuts(phrases)
        whole: dict[tuple[int, str], list[tuple[int, int]]] = {}  # (paragraph, pattern) → spans in all of it
        # Answers about a quotation or a paragraph, which every sentence of a long one asks again.
        memo = _Memo({}, {})
        for sentence in _suspect_sentences(doc, markers, french):
            masked = self._masked(doc, allowed, cuts, sentence, whole)
            words = [m for m in _TOKEN.finditer(doc.norm, sentence.start, sentence.end)
                     if m.start() not in masked]
            if not _worth_a_look(words, markers, french):
                continue  # the cheap pass: no pair of markers and no French verb form
            tokens = self._tokens(doc, sentence, words, markers, french)
            if french:
                yield from self._single_words(tokens)
            if _evidence(tokens) >= 2:
                yield from self._passages(doc, sentence, tokens, lang, memo)

    # -- the marker pass ---------------------------------------------------------------
    def _masked(self, doc: Document, allowed: Optional[regex.Pattern], cuts: Optional[Cuts], sentence: Span,
                whole: dict[tuple[int, str], list[tuple[int, int]]]) -> _Spans:
        """Spans that may hold a word of ``sentence`` and are never source-language text:
        URLs and French that English uses."""
        para = doc.paragraph_at(sentence.start)
        spans = _spans_near(_URL, doc.text, para, sentence, SPACES, whole)  # no URL holds a space
        if allowed is not None:
            spans = spans + _spans_near(allowed, doc.norm, para, sentence, cuts, whole)
        return _Spans(sorted(spans))

    def _tokens(self, doc: Document, sentence: Span, raw: list[regex.Match],
                markers: frozenset[str], french: bool) -> list[Token]:
        text = doc.norm
        tokens: list[Token] = []
        for i, m in enumerate(raw):
            word = m.group()
            nxt = raw[i + 1].group() if i + 1 < len(raw) else ""
            prev_end = raw[i - 1].end() if i else sentence.start
            clause_start = i == 0 or any(c in _OPENERS for c in text[prev_end:m.start()])
            tokens.append(Token(m.start(), m.end(), doc.text[m.start():m.end()],
                                self._kind(doc, word, nxt, clause_start, tokens, markers, french)))
        return tokens

    def _kind(self, doc: Document, word: str, nxt: str, clause_start: bool, before: list[Token],
              markers: frozenset[str], french: bool) -> str:
        lower = word.lower()
        capital = word[0].isupper()
        next_capital = nxt[:1].isupper()
        if capital and (not clause_start or next_capital):
            return "name"  # Le Monde, La Tribune, Médecins Sans Frontières
        if lower in _PARTICLES and (next_capital or nxt.lower() in _PARTICLES) and before \
                and before[-1].kind == "name":
            return "name"  # Charles de Gaulle, Place de la Concorde
        if _ELISION.search(word):
            if before and before[-1].kind == "name" and not clause_start:
                return "name"  # Cour d'honneur, Val d'Isère, Légion d'honneur
            return "marker" if french and _VOWEL.match(nxt.lower()) and not next_capital else "english"
        if lower in markers:
            return "marker"
        if word.isalpha() and len(word) > 1 and not doc.pack.is_common_word(lower) \
                and lower not in doc.pack.target_words("number_words"):
            return "unknown"
        return "english"

    # -- confirmation ------------------------------------------------------------------
    def _single_words(self, tokens: list[Token]) -> Iterator[Hit]:
        for t in tokens:
            if t.kind == "unknown" and _VERB_ENDING.match(t.text):
                yield Hit(t.start, t.end, f"“{t.text}” is a French verb form: translate it", None, "none", 0.7)

    def _passages(self, doc: Document, sentence: Span, tokens: list[Token], lang: str, memo: "_Memo") -> Iterator[Hit]:
        text = doc.text
        done: list[tuple[int, int]] = []
        # Those that overlap the sentence: a quotation of two sentences is glossed after its end.
        quotations = doc.quotations_in(sentence.start, sentence.end)
        for q in quotations:
            inner = [t for t in tokens if q.start < t.start and t.end < q.end]
            later = doc.quotation_after(q.end)  # in the next sentence, perhaps: “…” Lyle renders it as “…”
            quoted_words = len(text[inner[0].start:inner[-1].end].split()) if inner else 0  # "l'a" is one
            if inner and (glossed(text, q.end, doc.pack, quoted_words) or _glossed_later(text, q.end, doc.pack, quoted_words)
                          or _apposed_gloss(text, q.end, doc.pack)
                          or (later is not None and memo.translates(text, q, later))
                          or _titled(doc, sentence, q, inner, memo)):
                done.append((inner[0].start, inner[-1].end))  # quoted on purpose: translated, or a title
                continue
            if self._confirmed(text, inner, lang):
                what, confidence = "quotation", None
            elif self._short_quotation(text, inner, lang):
                what, confidence = "short quotation", 0.6
            else:
                continue
            done.append((inner[0].start, inner[-1].end))
            yield self._hit(inner[0].start, inner[-1].end, what, lang, confidence)
        rest = [t for t in tokens if not any(s <= t.start < e for s, e in done)]
        if not done and self._confirmed(text, rest, lang, mostly_source=True, strongly_marked=True):
            end = sentence.end
            while end > sentence.start and text[end - 1].isspace():
                end -= 1
            sure = language_probability(text[rest[0].start:rest[-1].end], lang) >= CONFIRMED
            yield self._hit(sentence.start, end, "sentence", lang, None if sure else STRONGLY_MARKED)
            return
        for run in self._runs(rest):
            if _evidence(run) < 2 or _glossed_run(text, run, doc.pack) or _spells_out_acronym(text, run) \
                    or _ANNOUNCED.search(text, max(0, run[0].start - 40), run[0].start) or _inside_a_name(text, run, doc.pack) \
                    or _introduced_and_glossed(text, run, doc.pack) or described(text, run[-1].end, doc.pack, indefinite=True):
                # "what the French call déserts médicaux, or medical deserts": glossed; "the Autorité
                # de sûreté nucléaire (ASN)": the name an acronym stands for
                continue
            if self._confirmed(text, run, lang):
                yield self._hit(run[0].start, run[-1].end, "words", lang)
                continue
            core = _core(run)
            if core[-1].end != run[-1].end and described(text, core[-1].end, doc.pack, indefinite=True):
                continue  # the run went on past the term into its English description ("…, the hardcover albums that")
            if len(core) < MIN_WORDS and _evidence(core) >= 2 and any(t.kind == "unknown" for t in core) \
                    and language_probability(text[core[0].start:core[-1].end], lang) >= 0.5:
                # Too short for a confident langdetect: a non-English word held by markers
                # (peine d'inéligibilité), where the phrase at least looks more French than not.
                yield self._hit(core[0].start, core[-1].end, "short phrase", lang, 0.6)

    @staticmethod
    def _short_quotation(text: str, inner: list[Token], lang: str) -> bool:
        """A quoted phrase of a few words, nearly all source-looking, that langdetect does not
        confidently give to another language (it guesses on so few words)."""
        if len(inner) < 3 or _evidence(inner) < 2 or sum(t.frenchish for t in inner) < 0.75 * len(inner):
            return False
        found, prob = identify(text[inner[0].start:inner[-1].end])
        return found == lang or prob < CONFIRMED

    def _confirmed(self, text: str, tokens: list[Token], lang: str, mostly_source: bool = False,
                   strongly_marked: bool = False) -> bool:
        """Enough words, two markers (mostly non-English words for a sentence), and langdetect
        agrees; with ``strongly_marked``, three points of evidence ("La route, c'est notre cordon
        ombilical": an elided word and two markers) make its best guess enough, however unsure
        (langdetect gives these six words of French 0.6)."""
        if len(tokens) < MIN_WORDS or _evidence(tokens) < 2:
            return False
        if mostly_source and sum(t.frenchish for t in tokens) < 0.6 * len(tokens):
            return False
        span = text[tokens[0].start:tokens[-1].end]
        if strongly_marked and _evidence(tokens) >= 3:
            return identify(span)[0] == lang
        return language_probability(span, lang) >= CONFIRMED

    @staticmethod
    def _runs(tokens: list[Token]) -> Iterator[list[Token]]:
        """Stretches of source-looking words, allowing one English-looking word between two."""
        run: list[Token] = []
        gap = 0
        for t in tokens:
            if t.frenchish:
                run.append(t)
                gap = 0
            elif run and gap == 0 and t.kind == "english":
                run.append(t)
                gap = 1
            else:
                if run:
                    yield _trim(run)
                run, gap = [], 0
        if run:
            yield _trim(run)

    def _hit(self, start: int, end: int, what: str, lang: str, confidence: Optional[float] = None) -> Hit:
        return Hit(start, end, f"{what} left in the source language ({lang}): translate it", None, "none",
                   confidence)


# How far from a sentence a cut is looked for; beyond, the whole paragraph is searched (once).
_REACH = 2000


@lru_cache(maxsize=None)
def _cuts(phrases: frozenset[str]) -> Optional[Cuts]:
    """The sentence ends that no listed phrase holds: no match of the phrase pattern crosses them."""
    characters = "".join(c for c in ".!?;" if not any(c in phrase for phrase in phrases))
    return Cuts.of(f"[{regex.escape(characters)}]") if characters else None


def _spans_near(pattern: regex.Pattern, text: str, para: Span, sentence: Span, cuts: Optional[Cuts],
                whole: dict[tuple[int, str], list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Spans of ``pattern``'s matches in ``para``: at least those that hold a word of
    ``sentence``. No match holds a character of ``cuts``, so a search from the last one
    before the sentence to the first one after it finds there what a search of the whole
    paragraph finds, at the cost of the sentence, not of the paragraph (which may be a whole
    file on one line). Where no cut is near, the whole paragraph is searched, once."""
    if cuts is not None:
        before = cuts.backward.search(text, max(para.start, sentence.start - _REACH), sentence.start)
        after = cuts.forward.search(text, sentence.end, min(para.end, sentence.end + _REACH))
        if (before or sentence.start - _REACH <= para.start) and (after or sentence.end + _REACH >= para.end):
            return [m.span() for m in pattern.finditer(text, before.end() if before else para.start,
                                                         after.start() if after else para.end)]
    key = (para.start, pattern.pattern)
    if key not in whole:
        whole[key] = [m.span() for m in pattern.finditer(text, para.start, para.end)]
    return whole[key]


class _Spans:
    """Sorted, possibly overlapping spans; ``pos in spans`` is a binary search, not a scan."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._starts = [s for s, _ in spans]
        self._reach = list(itertools.accumulate((e for _, e in spans), max))  # furthest end so far

    def __contains__(self, pos: int) -> bool:
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and self._reach[i] > pos


@lru_cache(maxsize=None)
def _hyphenated(markers: frozenset[str]) -> bool:
    return any("-" in marker for marker in markers)


def _suspect_sentences(doc: Document, markers: frozenset[str], french: bool) -> Iterator[Span]:
    """The sentences that may pass ``_worth_a_look``: those holding two markers, an elided
    article or a verb ending, counted on the whole text at once (a superset: words in masked
    spans count here)."""
    if _may_hold_source_words(doc, markers, french):
        yield from _scored_sentences(doc, markers, french)


def _may_hold_source_words(doc: Document, markers: frozenset[str], french: bool) -> bool:
    """False when ``_scored_sentences`` would count no word (most English texts), found without
    a Python loop over every word."""
    # Runs of letters hold every word of _WORD but those with a hyphen, which no marker has.
    words = doc.letter_runs if not _hyphenated(markers) else _WORD.findall(doc.norm)
    if not markers.isdisjoint(map(str.lower, words)):
        return True
    return french and (any(ending in doc.norm for ending in _VERB_ENDINGS) or bool(_ELIDED_ARTICLE.search(doc.norm)))


def _scored_sentences(doc: Document, markers: frozenset[str], french: bool) -> Iterator[Span]:
    text = doc.norm
    # sentence index → [markers, elisions and verb endings (2 each); accented lower-case words]
    scores: dict[int, list[int]] = {}
    for m in _WORD.finditer(text):
        word = m.group()
        if word.lower() in markers:
            score, accents = 1, 0
        elif french and (word.endswith(_VERB_ENDINGS) or word in _ELIDED and text[m.end():m.end() + 1] == "'"):
            score, accents = 2, 0
        elif french and word.islower() and _ACCENTED.search(word):
            score, accents = 0, 1
        else:
            continue
        counts = scores.setdefault(doc.sentence_index(m.start()), [0, 0])
        counts[0] += score
        counts[1] += accents
    for i in sorted(scores):
        if _enough(*scores[i]) and i >= 0:
            yield doc.sentences[i]


def _worth_a_look(words: list[regex.Match], markers: frozenset[str], french: bool) -> bool:
    """The marker pass, before any word is looked up: at least two markers (an elided
    article may count twice), one beside accented words, or a French verb form."""
    score = accents = 0
    for m in words:
        word = m.group()
        if word.lower() in markers:
            score += 1
        elif french and _ELISION.search(word):
            score += 2
        elif french and _VERB_ENDING.match(word):
            return True
        elif french and word.islower() and _ACCENTED.search(word):
            accents += 1
    return _enough(score, accents)


def _enough(markers: int, accents: int) -> bool:
    """Two markers, or one marker and accented words to make two: accented words alone are as
    likely French that English borrows (see ``_evidence``)."""
    return markers >= 2 or (markers >= 1 and markers + accents >= 2)


def _evidence(tokens: list[Token]) -> int:
    """Markers count once; an elided word before a non-English word (d'inéligibilité) or a
    vowel-initial word of two letters at most (n'a, l'on, qu'il) twice; with a marker, a word
    English does not have that holds a French accent (société, précisions) once (alone, such
    words are as likely French that English borrows: rentrée littéraire)."""
    score = accented = 0
    for i, t in enumerate(tokens):
        if t.kind == "marker":
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            elided = t.text[-1] in "'\u2019" and nxt is not None and (
                nxt.kind == "unknown" or (len(nxt.text) <= 2 and _VOWEL.match(nxt.text.lower()) is not None))
            score += 2 if elided else 1
        elif t.kind == "unknown" and _ACCENTED.search(t.text):
            accented += 1
    return score + accented if score else 0


def _core(run: list[Token]) -> list[Token]:
    """The unbroken stretch of source-looking words that holds the most evidence."""
    blocks: list[list[Token]] = [[]]
    for t in run:
        if t.frenchish:
            blocks[-1].append(t)
        elif blocks[-1]:
            blocks.append([])
    return max(blocks, key=_evidence)


def _trim(run: list[Token]) -> list[Token]:
    """The run without English words at its end, nor the words before an English gap that
    precedes its first marker ("Bulava flew du sous-marin": those belong to the English)."""
    while run and not run[-1].frenchish:
        run = run[:-1]
    first = next((i for i, t in enumerate(run) if t.kind == "marker"), 0)
    gaps = [i for i, t in enumerate(run[:first]) if not t.frenchish]
    return run[gaps[-1] + 1:] if gaps else run
