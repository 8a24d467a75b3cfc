"""MT61x: typography of the source language left in the translation, for any pack.

English targets read each pack's `residue.tsv` (German „…“, Spanish ¿ ¡, EE. UU. …) and its
`conventions.tsv` (German capitalises every noun); a French target gets the conventions
English typography breaks there (no-break space before ; : ! ?, « », decimal comma).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

import regex

from ..document import Document
from ..finding import Hit, Severity
from ..langid import words
from ..matchers import LexiconRule
from ..patterns import compiled
from .base import Rule
from .quotes import is_title_line

if TYPE_CHECKING:
    from ..pack import Pack


class SourceTypography(LexiconRule):
    """Punctuation or an abbreviation of the source language kept in the translation.

    **What it does**
    Matches the pack's `residue.tsv`: the source language's quotation marks (German „…“
    and ‚…‘), Spanish opening ¿ and ¡, number grouping with dots (1.500.000), and source
    abbreviations (z. B., Nr., EE. UU., Sig.) that English writes otherwise.

    **Why is this bad?**
    English readers do not use these marks or abbreviations: „ looks like a stray comma,
    ¿ like a misprint, and 1.500 reads as one and a half.

    **Example**
    bad: The minister called the plan [[„unrealistic“]] on Monday. => “unrealistic”
    bad: The company cut [[1.500.000]] jobs over ten years. => 1,500,000
    good: The minister called the plan “unrealistic” on Monday.
    good: The company cut 1,500,000 jobs over ten years.

    **Fix safety**
    Safe for marks and number separators; unsafe where a row says so (an abbreviation
    that may be an initial).
    """

    code = "MT611"
    name = "source-typography"
    category = "typography"
    severity = Severity.MINOR
    fixable = "sometimes"
    confidence = 0.9
    lexicons = ("residue",)
    lexicon = "residue"
    message = "source-language typography ({source}): {note}"
    example_settings = {"lang": "de-en"}


#: A capitalised word standing alone inside a sentence: after a lower-case word (and maybe a
#: comma), and not followed by another capitalised word (White House, Prime Minister).
_INNER_CAPITAL = compiled(r"(?<=(?:^|\s)\p{Ll}[\p{L}'\u2019-]*[,;]? )\p{Lu}\p{Ll}{2,}(?=[,.;:!?)]| (?!\p{Lu}))")
_WORD_BEFORE = compiled(r"(\p{L}+)\W*$")
_WORD_AFTER = compiled(r"\s*(\p{L}+)")
#: A word joining the parts of a name, after or before a capitalised word: the Color of Money,
#: Friends of the Earth, the Museum for Modern Art.
_JOINER = r"(?:of|for|and|on|de|del|der|la|le|von|van)(?: the)?"
_JOINED_BEFORE = compiled(rf"(\p{{Lu}}\p{{L}}*) {_JOINER} $")
_JOINED_AFTER = compiled(rf" {_JOINER} (\p{{Lu}}\p{{L}}*)")
#: Nouns after which a capitalised word is the name of a publication, law or body.
_NAME_HEADS = frozenset({"magazine", "act", "party", "fund", "trust", "foundation", "association", "league",
                         "union", "day", "award", "prize"})
#: A noun capitalised once may be a name; German capitalisation shows on many nouns at once.
MIN_CAPITALISED_NOUNS = 3
#: A paragraph with this many source-language function words is untranslated, not capitalised.
UNTRANSLATED_MARKERS = 2
#: A lone capitalised noun is as often a name the gazetteer lacks: hidden by default.
LONE_CAPITAL_CONFIDENCE = 0.4


class CapitalisedCommonNoun(Rule):
    """A common noun written with a capital inside a sentence, as the source language does.

    **What it does**
    For packs whose `conventions.tsv` lists `capitalised-nouns` (German writes every noun
    with a capital), finds everyday English nouns (`corpora/en/common_nouns.tsv`: refugees,
    measures, prices …) capitalised inside a sentence, after a lower-case word and standing
    alone (not part of a run of capitalised words or a name joined by "of"). One such
    capital may be a name and is reported below the default confidence; when a document
    has several, they are a habit and are reported in full.

    **Why is this bad?**
    English capitalises names, not nouns: "the Refugees were given new Apartments" reads
    as a list of proper names and marks the text as translated word for word.

    **Example**
    bad: The city housed the [[Refugees]] in new apartments. => refugees
    bad: The city housed the refugees in new [[Apartments]] near the station. => apartments
    good: The city housed the refugees in new apartments, and the Government thanked the volunteers.
    good: The charity Friends of the Earth and the Bank of England were named in the report.

    **Fix safety**
    Unsafe: the capital may mark a name the gazetteer does not know.
    """

    code = "MT612"
    name = "capitalised-common-noun"
    category = "typography"
    severity = Severity.MINOR
    fixable = "sometimes"
    confidence = 0.7
    example_settings = {"lang": "de-en"}

    def check(self, doc: Document) -> Iterator[Hit]:
        pack = doc.pack
        if "capitalised-nouns" not in pack.words("conventions", "convention"):
            return
        nouns = pack.target_words("common_nouns")
        markers = pack.words("source_markers")
        text = doc.text
        sentence_starts = {s.start for s in doc.sentences}
        found: list[regex.Match] = []
        for para in doc.paragraphs:
            chunk = text[para.start:para.end]
            if is_title_line(chunk) or sum(w in markers for w in words(chunk)) >= UNTRANSLATED_MARKERS:
                continue  # a headline, or a paragraph left in the source language
            for m in _INNER_CAPITAL.finditer(text, para.start, para.end):
                if m.start() not in sentence_starts and self._common_noun(text, m, pack, nouns):
                    found.append(m)
        habit = len({m.group() for m in found}) >= MIN_CAPITALISED_NOUNS
        for m in found:
            word = m.group()
            yield Hit(m.start(), m.end(), f"common noun “{word}” capitalised inside a sentence "
                      "(source-language capitalisation)", word.lower(), "unsafe",
                      None if habit else LONE_CAPITAL_CONFIDENCE)

    @staticmethod
    def _common_noun(text: str, m: regex.Match, pack: "Pack", nouns: frozenset[str]) -> bool:
        """An everyday noun, not a name or a title it is part of."""
        word = m.group()
        if word.lower() not in nouns or pack.is_known_name(word):
            return False
        before = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if before and before.group(1).lower() in pack.target_words("title_cues"):
            return False  # a film called Parents, a boat named Friends
        # Joined by "of" to another capital that is no everyday noun, it is part of a name or
        # a title: The Color of Money, Friends of the Earth (but new Subsidies for Villages).
        for joined in (_JOINED_BEFORE.search(text, max(0, m.start() - 60), m.start()),
                       _JOINED_AFTER.match(text, m.end())):
            if joined and joined.group(1).lower() not in nouns:
                return False
        after = _WORD_AFTER.match(text, m.end())
        return not (after and after.group(1).lower() in _NAME_HEADS)  # People magazine, Children Act


# -- French targets ---------------------------------------------------------------------
#: ; : ! ? glued to the word before; a run (?!) counts as one mark.
_TIGHT_PUNCT = compiled(r"(?<=[\p{L}\p{N})\]\u00bb\u201d\"'\u2019%])[;:!?]+")
#: French sets a no-break space before a colon and a narrow no-break space before ; ! ?.
_SPACE_FOR = {":": "\u00a0"}
_NARROW_NBSP = "\u202f"
_NUMBER_START = r"(?<![\p{N}.,\u00a0\u202f]|\p{N} )"
#: 3.5, 12.75: a decimal point (three digits after it may be a grouping, and are left alone).
_DECIMAL_POINT = compiled(_NUMBER_START + r"(\d+)\.(\d{1,2})(?![\p{N}]|[.,]\d)")
#: 1,500,000 or 1,500.25: English grouping commas (one group alone may be a French decimal).
_COMMA_GROUPED = compiled(_NUMBER_START + r"(?:\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d{1,3},\d{3}\.\d+)"
                               r"(?![\p{N}]|[.,]\d)")
#: A version or model number: Web 2.0, Windows 3.1, iOS 16.2, HTTP/1.1, version 5.1.
_VERSION_BEFORE = compiled(
    r"(?<!\p{L})(?:version|v|web|windows|ios|android|python|linux|macos|http/|bluetooth|usb|wi-?fi|dolby|"
    r"firefox|chrome|php|java|html|css|xbox|playstation|ps)\s*$", regex.IGNORECASE)


class TightPunctuation(Rule):
    """A French text with no space before a semicolon, colon, exclamation or question mark.

    **What it does**
    In a French target, finds ; : ! ? set tight against the word before, the English
    convention, and inserts the space French typography wants: a no-break space before
    the colon, a narrow no-break space before ; ! ?. Times (9:30), ratios (3:1), addresses
    (https://) and marks followed by a letter or digit are left alone.

    **Why is this bad?**
    French typography separates these marks from the word; a translation that keeps
    the English habit looks foreign to a French reader.

    **Example**
    bad: Le ministre a posé une question[[?]] Personne n'a répondu. => `\u202f?`
    bad: Trois pays ont voté contre[[:]] la France, l'Italie et l'Espagne. => `\u00a0:`
    good: Le ministre a posé une question ? Personne n'a répondu.
    good: La séance reprend à 9:30 sur https://example.org et le score est de 3:1.

    **Fix safety**
    Safe: a no-break space is inserted, nothing else changes.
    """

    code = "MT613"
    name = "tight-punctuation"
    category = "typography"
    severity = Severity.MINOR
    fixable = "always"
    confidence = 0.7
    targets = ("fr",)
    example_settings = {"lang": "en-fr"}

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        for m in _TIGHT_PUNCT.finditer(text):
            after = text[m.end():m.end() + 1]
            if after and (after.isalnum() or after in "/=&"):
                continue  # 9:30, https://, a:b, a query string
            marks = m.group()
            space = _SPACE_FOR.get(marks[0], _NARROW_NBSP)
            yield Hit(m.start(), m.end(), f"French typography puts a no-break space before “{marks}”",
                      space + marks, "safe")


class EnglishQuotationMarks(Rule):
    """English quotation marks “…” in a French text, where French uses « … ».

    **What it does**
    In a French target, finds a quotation opened with “ and closed with ” that is not
    nested inside « … » (French uses “ ” for a quotation within a quotation), and
    proposes guillemets with their no-break spaces.

    **Why is this bad?**
    « » are the quotation marks of French; “ ” at the outer level are a trace of the
    English source, and a French reader takes them for a nested quotation.

    **Example**
    bad: Le ministre a qualifié l'accord d'[[“]]historique” lundi. => `«\u00a0`
    good: Le ministre a qualifié l'accord d'« historique » lundi.
    good: Il a dit : « Le mot “historique” est de trop. »

    **Fix safety**
    Safe: both marks of a pair are changed together (the two findings share a group).
    """

    code = "MT614"
    name = "english-quotation-marks"
    category = "typography"
    severity = Severity.MINOR
    fixable = "always"
    confidence = 0.85
    targets = ("fr",)
    example_settings = {"lang": "en-fr"}

    def check(self, doc: Document) -> Iterator[Hit]:
        guillemets_end = -1  # the furthest end of a « » quotation opened so far (they come by start)
        for q in doc.quotations:
            if q.opening == "\u00ab":
                guillemets_end = max(guillemets_end, q.end)
            if q.opening != "\u201c" or q.closing != "\u201d":
                continue
            if q.end <= guillemets_end:
                continue  # a quotation within a quotation: French uses “ ” there
            group = f"MT614-{q.start}"
            yield Hit(q.start, q.start + 1, "English quotation mark: French opens with « and a no-break space",
                      "\u00ab\u00a0", "safe", group=group)
            yield Hit(q.end - 1, q.end, "English quotation mark: French closes with a no-break space and »",
                      "\u00a0\u00bb", "safe", group=group)


class EnglishNumberFormat(Rule):
    """A number written the English way in a French text: 3.5 for 3,5, 1,500,000 for 1 500 000.

    **What it does**
    In a French target, finds a decimal point (3.5, 12.75) and English grouping commas
    (1,500,000; 1,500.25) and rewrites them the French way: a decimal comma and narrow
    no-break spaces between thousands. Version numbers (Web 2.0, iOS 16.2) are left
    alone, and so is a single comma group (1,500 may be a French decimal).

    **Why is this bad?**
    In French a comma marks the decimals: "1,500" reads as one and a half, and "3.5" is
    English.

    **Example**
    bad: La croissance a atteint [[3.5]] % l'an dernier. => 3,5
    bad: Le pays compte [[1,500,000]] chômeurs. => 1\u202f500\u202f000
    good: La croissance a atteint 3,5 % l'an dernier.
    good: Le site passe au Web 2.0 et 1,500 reste une décimale.

    **Fix safety**
    Safe: the digits are kept and only their separators change.
    """

    code = "MT615"
    name = "english-number-format"
    category = "typography"
    severity = Severity.MINOR
    fixable = "always"
    confidence = 0.75
    targets = ("fr",)
    example_settings = {"lang": "en-fr"}

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        for m in _COMMA_GROUPED.finditer(text):
            yield Hit(m.start(), m.end(), "English number format: French groups thousands with spaces and "
                      "marks decimals with a comma", french_number(m.group()), "safe")
        for m in _DECIMAL_POINT.finditer(text):
            if _VERSION_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                continue
            yield Hit(m.start(), m.end(), "English decimal point: French writes a decimal comma",
                      f"{m.group(1)},{m.group(2)}", "safe")


def french_number(number: str) -> str:
    """1,500,000.25 → 1 500 000,25 (narrow no-break spaces between thousands)."""
    integer, _, decimals = number.partition(".")
    grouped = integer.replace(",", _NARROW_NBSP)
    return f"{grouped},{decimals}" if decimals else grouped
