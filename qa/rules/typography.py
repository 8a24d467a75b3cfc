"""MT6xx: typography — source-language conventions and tokenisation residue left in English."""
from __future__ import annotations

from bisect import bisect_left
from typing import Iterable, Iterator, Optional

import regex

from ..document import Document
from ..finding import Hit, Severity
from ..matchers import LexiconRule
from ..patterns import compiled
from .anchors import matches_at, run_starts
from .base import Rule

#: Spaces French typography puts inside guillemets and before : ; ! ? % (no-break, narrow, thin).
SPACES = " \u00a0\u202f\u2009"
_TYPESET = "\u00a0\u202f\u2009"  # only typesetting software inserts these: a sure French trace
_SP = f"[{SPACES}]"
_DOUBLE_OPENERS = "\u201c\"\u201e"

# -- MT602 ------------------------------------------------------------------------------
_SPACE_BEFORE_PUNCT = compiled(rf"(?<=[\p{{L}}\p{{N}})\]\u00bb\u201d\"'\u2019%])({_SP}+)([:;!?]+)")
# Its matches open with the run of spaces before a mark: tried only where such a run ends at one.
_PUNCT_AFTER_SPACE = compiled(rf"(?<={_SP})[:;!?]")
_TYPESET_SPACES_BEFORE = compiled(rf"{_SP}*", regex.REVERSE)
# Emoticons (": )", "; -)", ":D") and the digits of a time or ratio ("9 : 30", "3 : 1").
_EMOTICON = compiled(r"[ ]?-?[()\[\]DPpOo3|/\\*]+(?![\p{L}\p{N}])")

# -- MT603 ------------------------------------------------------------------------------
_NUM_START = r"(?<![\p{N}.,\u00a0\u202f\u2009]|\p{N} )"
# 10.809,25: dots group the thousands and a comma marks the decimals (continental style).
_DOT_GROUPED = compiled(_NUM_START + r"(\d{1,3}(?:\.\d{3})+,\d+)(?![\p{N}]|[.,]\d)")
# 150 000 with typeset spaces, optionally with a decimal comma; with plain spaces only when
# a decimal comma makes the French origin certain.
_SPACE_GROUPED = compiled(
    _NUM_START + r"(\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?:,\d+)?|\d{1,3}(?: \d{3})+,\d+)(?![\p{N}]|[.,]\d)")
# 150 000 with plain spaces: French only when the document writes numbers the French way elsewhere.
_PLAIN_GROUPED = compiled(_NUM_START + r"([1-9]\d{0,2}(?: \d{3})+)(?![\p{N}]|[.,]\d)")
# 3,5: a decimal comma; three digits after it are an English thousands group, and more
# are a list of years (2019,2020) as often as a long decimal. Locants before a hyphen name a
# chemical (2,4-D, 1,3-butadiene, 4,4′-MDI).
_DECIMAL_COMMA = compiled(_NUM_START + r"(\d+,\d{1,2})(?![\p{N}]|[.,]\d|[\u2032'\u2019]?-\p{L})")
# French typing: guillemets, a space before "%" or after a word before "?", "!" or ";", and the
# French honorifics before a name (M. Dupont, Mme Roy).
_FRENCH_MARKS = compiled(r"[«»]|\d[ \u00a0\u202f]%|\p{L}[ \u00a0\u202f][?!;]|(?<![\p{L}.])(?:M\.|Mme|Mlle) \p{Lu}")
_NOT_DIGIT = compiled(r"\D")
_SPACE_BETWEEN_DIGITS = compiled(rf"\d{_SP}\d")
_PLAIN_AMOUNT = compiled(r"(?<![\p{N}.,])\d+(?:\.\d+)?(?=[ \u00a0\u202f]?[€$£](?![\p{L}\p{N}]))")
_PERCENT_AFTER = compiled(rf"{_SP}?%")
# An amount written before its currency symbol: 150 €, 3,50 $.
_SYMBOL_AFTER = compiled(rf"{_SP}?([€$£])(?![\p{{L}}\p{{N}}])")
_UNIT_AFTER = compiled(
    r"\s*(?:%|per ?cent|percent|points?|million|billion|trillion|euros?|dollars?|pounds?|"
    r"degrees?|km|kg|m|cm|mm|t|tonnes?|hectares?|°)(?![\p{L}])", regex.IGNORECASE)

# -- MT604 ------------------------------------------------------------------------------
_NUMERIC_ORDINAL = compiled(
    r"(?<![\p{L}\p{N}.,#])([0-9]{1,4})(ᵉʳ|ʳᵉ|ᵉ|er|re|ère|ere|ème|eme|nde|e)(?![\p{L}\p{N}]|-\d)")
_ROMAN_ORDINAL = compiled(r"(?<![\p{L}\p{N}])([IVXLC]+)(ᵉʳ|ᵉ|er|ème|eme|e)(?![\p{L}\p{N}])")
_FIRST_ENDINGS = ("ᵉʳ", "ʳᵉ", "er", "re", "ère", "ere")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_SIECLE = compiled(r" si[eè]cles?(?![\p{L}])")
# Single-letter numerals read as words elsewhere (Ve, Xe for xenon) need the noun they number.
_ORDINAL_NOUN = compiled(
    r" (?:century|centuries|siècle|Republic|République|arrondissement|district|Reich|dynasty|"
    r"legislature|Congress|Council|Summit|Festival|Olympiad|edition)(?![\p{L}])")

# -- MT605 ------------------------------------------------------------------------------
_TIME_HM = compiled(r"(?<![\p{L}\p{N}:.,])([01]?[0-9]|2[0-3]) ?h ?([0-5][0-9])(?![\p{L}\p{N}])")
_TIME_H = compiled(r"(?<![\p{L}\p{N}:.,])([01]?[0-9]|2[0-3]) ?h(?![\p{L}\p{N}])")
# What a match of either holds: a text without it (nearly every English one) is not scanned.
_HOUR = compiled(r"\d ?h(?: ?[0-5]\d)?(?![\p{L}\p{N}])")
_TIME_PREP = compiled(
    r"(?<!\p{L})(?:at|from|until|till|to|by|before|after|around|about|towards|since|between|"
    r"and|or|à|vers|(?-i:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)) $", regex.IGNORECASE)

# -- MT606 ------------------------------------------------------------------------------
# Other French typesetting in the text (guillemets, a space before ; ! ?; and, in the rule, a
# decimal comma, 1er, 20h30): then a plain space before % is one more trace of it, not SI style.
_FRENCH_TRACE = compiled(r"[\u00ab\u00bb]|\p{L} [;!?](?=\s|$)")
_SPACED_PERCENT = compiled(rf"(?<![\p{{N}}.,]|\p{{N}}{_SP})(\d+(?:\.\d+)?)({_SP}+)%")

# -- MT607 ------------------------------------------------------------------------------
_SPACE_BEFORE_STOP = compiled(
    r"(?<=[\p{L}\p{N})\]\u201d\"\u2019'%])([ \u00a0]+)([.,])(?=\s|$|[\"\u201d\u2019')\]])(?![ \u00a0]\.)")
_DOTS = compiled(r"[ \u00a0]*\.(?:[ \u00a0]?\.)+")
# Both patterns above open with the run of spaces before a mark, so each is tried only where
# such a run ends at its mark (found first), at the run's start.
_STOP_AFTER_SPACE = compiled(r"(?=[.,])(?<=[ \u00a0])")
_SPACES_BEFORE = compiled(r"[ \u00a0]*", regex.REVERSE)
_TWO_DOTS = compiled(r"\.[ \u00a0]?\.")


def space_before_stop(text: str) -> Iterator[regex.Match]:
    """The matches of ``_SPACE_BEFORE_STOP.finditer(text)``."""
    stops = (m.start() for m in _STOP_AFTER_SPACE.finditer(text))
    return matches_at(_SPACE_BEFORE_STOP, text, run_starts(text, stops, _SPACES_BEFORE))


def space_before_punct(text: str) -> Iterator[regex.Match]:
    """The matches of ``_SPACE_BEFORE_PUNCT.finditer(text)``."""
    marks = (m.start() for m in _PUNCT_AFTER_SPACE.finditer(text))
    return matches_at(_SPACE_BEFORE_PUNCT, text, run_starts(text, marks, _TYPESET_SPACES_BEFORE))


def dot_runs(text: str) -> Iterator[regex.Match]:
    """The matches of ``_DOTS.finditer(text)``."""
    dots = (m.start() for m in _TWO_DOTS.finditer(text))
    return matches_at(_DOTS, text, run_starts(text, dots, _SPACES_BEFORE))


_CURRENCY_SYMBOLS = "$€£¥"  # every match of _PLAIN_AMOUNT and _CURRENCY_SPACE holds one
_CURRENCY_SPACE = compiled(r"(?<![\p{L}\p{N}])([$€£¥])([ \u00a0]+)(\d[\d,.]*\d|\d)")


def _has_currency(text: str) -> bool:
    """Whether a currency symbol stands in ``text`` (a few C searches, where the patterns that
    need one would try their lookbehinds at every character)."""
    return any(symbol in text for symbol in _CURRENCY_SYMBOLS)


def _blank(ch: str) -> bool:
    return ch in SPACES


class FrenchGuillemets(Rule):
    """French guillemets « », where English uses “ ”.

    **What it does**
    Finds a pair of guillemets, set the French way with a space (or no-break space) inside
    the marks or tight against the words as Swiss French and other source languages set
    them, and proposes English curly quotation marks without the spaces (single marks ‘ ’
    when the guillemets sit inside another quotation). Tight pairs are reported with a lower
    confidence: an English house style may keep a source's guillemets in a quoted title.

    **Why is this bad?**
    « » and the spaces inside them are French typography; an English reader expects
    “ ” tight against the quoted words.

    **Example**
    bad: The minister called the deal [[« ]]historic » on Monday. => “
    bad: He described it as [[« ]]a historic step » in Paris. => “
    bad: He demands [[«]]real guarantees» on noise. => “
    good: The minister called the deal “historic” on Monday.
    good: The agency quoted him as saying ‘no comment’ in Rome.

    **Fix safety**
    Safe: both marks of a pair are changed together (the two findings share a group).
    """

    code = "MT601"
    name = "french-guillemets"
    category = "typography"
    severity = Severity.MINOR
    fixable = "always"
    confidence = 0.9

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        quotations = doc.quotations
        for q in quotations:
            if q.opening != "\u00ab" or not text[q.start + 1:q.end - 1].strip(SPACES):
                continue
            tight = not (_blank(text[q.start + 1]) or _blank(text[q.end - 2]))
            confidence = 0.75 if tight else None
            nested = any(o.start < q.start and q.end <= o.end and o.opening in _DOUBLE_OPENERS for o in quotations)
            opening, closing = ("\u2018", "\u2019") if nested else ("\u201c", "\u201d")
            group = f"MT601-{q.start}"
            yield Hit(q.start, _skip_spaces(text, q.start + 1), "French guillemet: use an English quotation mark",
                      opening, "safe", confidence, group=group)
            yield Hit(_back_spaces(text, q.end - 1), q.end, "French guillemet: use an English quotation mark",
                      closing, "safe", confidence, group=group)
        for p in doc.quote_problems:
            if p.mark == "\u00ab" and p.pos + 1 < len(text) and _blank(text[p.pos + 1]):
                yield Hit(p.pos, _skip_spaces(text, p.pos + 1), "French opening guillemet", "\u201c", "safe")
            elif p.mark == "\u00bb" and p.pos > 0 and _blank(text[p.pos - 1]):
                yield Hit(_back_spaces(text, p.pos), p.pos + 1, "French closing guillemet", "\u201d", "safe")


def _skip_spaces(text: str, i: int) -> int:
    while i < len(text) and _blank(text[i]):
        i += 1
    return i


def _back_spaces(text: str, i: int) -> int:
    while i > 0 and _blank(text[i - 1]):
        i -= 1
    return i


class SpaceBeforePunctuation(Rule):
    """A space before a colon, semicolon, exclamation mark or question mark.

    **What it does**
    Finds a space or no-break space between a word and : ; ! or ?, the French
    convention, leaving alone the digits of a time or ratio (9 : 30) and emoticons (: ).

    **Why is this bad?**
    French typography puts a (thin) space before these marks; English sets them tight
    against the word, and the space lets a line break strand the mark at a line start.

    **Example**
    bad: The minister had one question[[ ?]] Who pays => ?
    bad: Three countries voted against[[ :]] France, Italy and Spain. => :
    bad: "We will win[[ !]]" she said. => !
    good: The minister had one question: who pays?
    good: The talks resume at 9 : 30 on Monday.
    good: Thanks for the help : )

    **Fix safety**
    Safe: only the space is removed.
    """

    code = "MT602"
    name = "space-before-punctuation"
    category = "typography"
    severity = Severity.MINOR
    fixable = "always"
    confidence = 0.9

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        for m in space_before_punct(text):
            after = m.end()
            if after < len(text) and (text[after].isalnum() or text[after] in "/=&"):
                continue  # not sentence punctuation: a brand, a URL, an identifier
            if m.group(2)[0] in ":;" and _EMOTICON.match(text, after):
                continue
            if m.group(2) == ":" and text[m.start() - 1].isdigit() and text[after:after + 2].strip()[:1].isdigit():
                continue
            yield Hit(m.start(), m.end(), f"space before “{m.group(2)}” (French typography)", m.group(2), "safe")


class FrenchNumberFormat(Rule):
    """A number written the French way: decimal comma, spaces between thousands, symbol after.

    **What it does**
    Finds decimal commas (3,5), thousands grouped by no-break or thin spaces (150 000),
    continental grouping (10.809,25) and an amount written before its currency symbol
    (150 €), and rewrites them the English way. Thousands grouped by plain spaces
    (12 000) are reported only in a document typed the French way elsewhere (a French
    number, guillemets, "80 %", 1er, 20h30, a space before "?" or "!", "M." or "Mme"
    before a name), since some English writers follow that SI style. A comma before exactly three digits (1,000) is English grouping and is left alone.

    **Why is this bad?**
    In English a comma groups thousands and a point marks decimals: "3,5" reads as a
    list or a typo, and "10.809,25" as two numbers.

    **Example**
    bad: Growth reached [[3,5 %]] last year. => 3.5%
    bad: The index closed at [[10.809,25]] points. => 10,809.25
    bad: The ticket costs [[150 €]] this year. => €150
    bad: Up to 80 % of the crop was lost on [[1 200]] hectares. => 1,200
    bad: M. Roy runs a village of [[1 800]] people. => 1,800
    good: Some 1 800 people live in the village.
    good: Growth reached 3.5% last year.
    good: Some 1,000 people attended, and 2,500 more watched online.
    good: The figures for 2019, 2020 and 2021 were published.

    **Fix safety**
    Safe: the digits are kept and only their separators change.
    """

    code = "MT603"
    name = "french-number-format"
    category = "typography"
    severity = Severity.MINOR
    fixable = "always"
    confidence = 0.85

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        kept = _Kept()
        for pattern, certain in ((_DOT_GROUPED, True), (_SPACE_GROUPED, True), (_DECIMAL_COMMA, False)):
            kept.add(self._hit(text, *m.span(1), certain) for m in pattern.finditer(text))
        # A text typed the French way nearby uses French grouping in "12 000" too; on its own,
        # plain-space grouping may be the SI style of English writers.
        plain_matches = list(_PLAIN_GROUPED.finditer(text))
        if plain_matches:
            french = sorted(self._french_typing(text, kept))
            plain = (self._hit(text, *m.span(1), False) for m in plain_matches if _near(french, m.start()))
            kept.add(Hit(h.start, h.end, h.message, h.suggestion, h.fix, 0.75) if h else None for h in plain)
        if _has_currency(text):
            kept.add(self._hit(text, m.start(), m.end(), True) for m in _PLAIN_AMOUNT.finditer(text))
        yield from kept.hits

    @staticmethod
    def _french_typing(text: str, kept: "_Kept") -> Iterator[int]:
        """Where the text is typed the French way: a French number, guillemets, "80 %", 1er, 20h30,
        "word ?", "M. Roy"."""
        yield from (h.start for h in kept.hits)
        yield from (m.start() for m in _FRENCH_MARKS.finditer(text))
        yield from (m.start() for m in _NUMERIC_ORDINAL.finditer(text))
        if _HOUR.search(text):
            yield from (m.start() for m in _TIME_HM.finditer(text))

    def _hit(self, text: str, start: int, end: int, certain: bool) -> Optional[Hit]:
        number = text[start:end]
        english = english_number(number)
        confidence = None if certain or _UNIT_AFTER.match(text, end) else 0.7
        pct = _PERCENT_AFTER.match(text, end)
        if pct:
            return Hit(start, pct.end(), "French number format", english + "%", "safe", confidence)
        symbol = _SYMBOL_AFTER.match(text, end)
        if symbol:
            return Hit(start, symbol.end(), "amount written before its currency symbol (French order)",
                       symbol.group(1) + english, "safe", confidence)
        if english == number:
            return None
        return Hit(start, end, "French number format: a comma marks decimals, spaces group thousands",
                   english, "safe", confidence)


#: How far from French typing a plain-space group counts as French: about one article's
#: length, not the items of a file that gathers many.
_FRENCH_REACH = 5000


def _near(offsets: list[int], at: int) -> bool:
    """Whether one of the sorted ``offsets`` is within ``_FRENCH_REACH`` of ``at``."""
    i = bisect_left(offsets, at - _FRENCH_REACH)
    return i < len(offsets) and offsets[i] <= at + _FRENCH_REACH


class _Kept:
    """The hits kept so far, in the order found, with their spans sorted for overlap tests."""

    def __init__(self) -> None:
        self.hits: list[Hit] = []
        self._spans: list[tuple[int, int]] = []  # sorted and disjoint, so the ends are sorted too

    def add(self, found: Iterable[Optional[Hit]]) -> None:
        """Keep the hits of one pass (found in text order) that overlap no hit kept before them."""
        starts = [s for s, _ in self._spans]
        new: list[Hit] = []
        for hit in found:
            if hit is None or (new and hit.start < new[-1].end):
                continue
            i = bisect_left(starts, hit.end) - 1  # the kept span starting last before this one ends
            if i < 0 or self._spans[i][1] <= hit.start:
                new.append(hit)
        self.hits += new
        self._spans = sorted(self._spans + [(h.start, h.end) for h in new])


def english_number(number: str) -> str:
    """150 000,5 → 150,000.5; 10.809,25 → 10,809.25; 3,5 → 3.5; other numbers unchanged (and those
    written in other scripts' digits, which Python's int() may not know)."""
    if not _NOT_DIGIT.sub("", number).isascii():
        return number
    if "," in number:
        integer, _, decimals = number.rpartition(",")
        return f"{int(_NOT_DIGIT.sub('', integer)):,}.{decimals}"
    if _SPACE_BETWEEN_DIGITS.search(number):
        return f"{int(_NOT_DIGIT.sub('', number)):,}"
    return number


def english_ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _is_french_ordinal(n: int, ending: str) -> bool:
    """1er, 1re, 2nde, 3e …; not 0e, 3er or 2019e (a year)."""
    if not 1 <= n <= 999:
        return False
    if ending in _FIRST_ENDINGS:
        return n == 1
    return n == 2 if ending == "nde" else True


def roman_value(numeral: str) -> Optional[int]:
    """The value of a well-formed Roman numeral (I … CCCXCIX), or None."""
    values = [_ROMAN_VALUES[c] for c in numeral]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return total if total > 0 and _to_roman(total) == numeral else None


def _to_roman(n: int) -> str:
    out = []
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


class FrenchAbbreviation(LexiconRule):
    """A French ordinal or abbreviation kept in English text: 1er, 2e, XXe siècle, M., Mme, n°.

    **What it does**
    Finds ordinals with French endings (1er, 2e, 3ème, XIXe siècle, Ier after a
    monarch's name) and French abbreviations listed in the pack's `typography.tsv`
    (M. and Mme before a name, n° before a number, av. J.-C.), and gives the English form.

    **Why is this bad?**
    English writes 1st, 2nd, the 19th century, Mr, Ms and No.; the French forms are
    unreadable or mean something else ("M." is an initial in English).

    **Example**
    bad: The race starts in the [[2e]] arrondissement of Paris. => 2nd
    bad: A chapel built in the [[XIXe siècle]] was restored. => 19th century
    bad: The decision was announced by [[M.]] Dupont on Monday. => Mr
    bad: The vote is set for the [[1er]] of June. => 1st
    good: The race starts in the 2nd arrondissement of Paris.
    good: The novel by J. M. Coetzee won the prize.
    good: Le Monde and Le Figaro published the letter.
    good: The film was directed by M. Night Shyamalan.

    **Fix safety**
    Ordinals are safe. Titles are unsafe: "M." may be an initial, and Mme may be Mrs or Ms.
    """

    code = "MT604"
    name = "french-abbreviation"
    category = "typography"
    severity = Severity.MINOR
    fixable = "sometimes"
    confidence = 0.85
    lexicons = ("typography",)
    lexicon = "typography"
    message = "French abbreviation ({source}): {note}"

    def check(self, doc: Document) -> Iterator[Hit]:
        yield from super().check(doc)
        text = doc.text
        for m in _NUMERIC_ORDINAL.finditer(text):
            n = int(m.group(1))
            if not _is_french_ordinal(n, m.group(2)):
                continue
            yield Hit(m.start(), m.end(), f"French ordinal ending “{m.group(2)}”", english_ordinal(n), "safe")
        for m in _ROMAN_ORDINAL.finditer(text):
            yield from self._roman(text, m)

    def _roman(self, text: str, m: regex.Match) -> Iterator[Hit]:
        numeral, ending = m.groups()
        value = roman_value(numeral)
        if value is None:
            return
        if len(numeral) == 1:
            if numeral in "LC":
                return  # Le, Ce are French words
            regnal = ending in ("er", "ᵉʳ") and numeral == "I" and text[m.start() - 2:m.start() - 1].isalpha()
            if regnal:
                yield Hit(m.start(), m.end(), "French regnal number: English writes the plain numeral", "I", "safe")
                return
            if not _ORDINAL_NOUN.match(text, m.end()):
                return
        siecle = _SIECLE.match(text, m.end())
        if siecle:
            plural = siecle.group().rstrip().endswith("s")
            yield Hit(m.start(), siecle.end(), "French century ordinal",
                      english_ordinal(value) + (" centuries" if plural else " century"), "safe")
            return
        yield Hit(m.start(), m.end(), "French ordinal in Roman numerals", english_ordinal(value), "safe")


class FrenchTimeFormat(Rule):
    """A time written the French way: 20h41, 20 h 41, at 16h.

    **What it does**
    Finds hours written with "h" (20h41, 9 h 30) and a bare hour (16h) after a time
    preposition (at, from, until, between …), and proposes the 24-hour clock (20:41).

    **Why is this bad?**
    English writes 20:41 or 8:41 p.m.; "20h41" is French and "20h" reads as twenty hours.

    **Example**
    bad: The polls closed at [[20h41]] on Sunday. => 20:41
    bad: Shops open from [[9 h 30]] on weekdays. => 09:30
    bad: The curfew starts at [[22h]] in the city. => 22:00
    bad: All flights have been cancelled since Thursday [[6 h]]. => 06:00
    good: The polls closed at 20:41 on Sunday.
    good: The race lasts 24h and the car covered 5,000 km.
    good: He spent 12h on the train.

    **Fix safety**
    Safe: the hour and minutes are kept; writers who prefer 8:41 p.m. can rewrite it.
    """

    code = "MT605"
    name = "french-time-format"
    category = "typography"
    severity = Severity.MINOR
    fixable = "always"
    confidence = 0.85

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        if not _HOUR.search(text):
            return
        taken = set()
        for m in _TIME_HM.finditer(text):
            taken.add(m.start())
            yield Hit(m.start(), m.end(), "French time format: English writes hours and minutes with a colon",
                      f"{int(m.group(1)):02d}:{m.group(2)}", "safe")
        for m in _TIME_H.finditer(text):
            if m.start() in taken or not _TIME_PREP.search(text, max(0, m.start() - 11), m.start()):
                continue  # without "at", "from" or a weekday ("since Thursday 6 h"), "16h" may be a duration
            yield Hit(m.start(), m.end(), "French time format: English writes hours with a colon",
                      f"{int(m.group(1)):02d}:00", "safe", 0.8)


class SpaceBeforePercent(Rule):
    """A space between a number and the percent sign.

    **What it does**
    Finds a space between a number and % and proposes "5%". A no-break or thin space is
    the trace of French typesetting; a plain space is reported with low confidence, since
    English writers following SI style leave one too, unless the text shows other French
    typesetting (guillemets, a space before ; ! or ?, a decimal comma, 1er, 20h30).

    **Why is this bad?**
    English news style sets the percent sign tight against the number; a no-break space
    before it is a trace of French typography.

    **Example**
    bad: Unemployment fell to [[7.4 %]] in May. => 7.4%
    good: Unemployment fell to 7.4% in May.

    **Fix safety**
    Safe: only the space is removed.
    """

    code = "MT606"
    name = "space-before-percent"
    category = "typography"
    severity = Severity.MINOR
    fixable = "always"
    confidence = 0.85

    def check(self, doc: Document) -> Iterator[Hit]:
        french_elsewhere: Optional[bool] = None
        for m in _SPACED_PERCENT.finditer(doc.text):
            typeset = any(c in _TYPESET for c in m.group(2))
            if not typeset and french_elsewhere is None:
                french_elsewhere = bool(_FRENCH_TRACE.search(doc.text) or _NUMERIC_ORDINAL.search(doc.text)
                                        or _DECIMAL_COMMA.search(doc.text) or _TIME_HM.search(doc.text))
            yield Hit(m.start(), m.end(), "space before the percent sign", m.group(1) + "%", "safe",
                      None if typeset else 0.6 if french_elsewhere else 0.45)


class TokenisationResidue(Rule):
    """Spaces and full stops left by tokenised text: "word .", "etc ..", "$ 700".

    **What it does**
    Finds a space before a full stop or comma, a doubled full stop (".." or ". .", but not
    an ellipsis) and a space between a currency symbol and its amount.

    **Why is this bad?**
    Statistical translation systems split punctuation from words and did not always glue
    it back; the spaces and stray stops look careless in print.

    **Example**
    bad: The bank raised its rates[[ .]] => .
    bad: They discussed trade, energy, etc[[ ..]] => .
    bad: Congress approved a plan worth [[$ 700]] billion. => $700
    bad: He left the room[[ ,]] then the building. => ,
    good: The bank raised its rates... and then cut them again.
    good: The files use the .docx format.
    good: Congress approved a plan worth $700 billion.
    good: He left . . . and never came back.

    **Fix safety**
    Safe, except for stray stops in mid-sentence, which are reported without a fix.
    """

    code = "MT607"
    name = "tokenization-residue"
    category = "typography"
    severity = Severity.MINOR
    fixable = "sometimes"
    confidence = 0.85

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        for m in space_before_stop(text):
            mark = m.group(2)
            # Human writers leave a stray space before a comma about as often as old MT did.
            yield Hit(m.start(), m.end(), f"space before “{mark}” (tokenised text)", mark, "safe",
                      0.45 if mark == "," else None)
        for m in dot_runs(text):
            hit = self._dots(text, m)
            if hit:
                yield hit
        for m in _CURRENCY_SPACE.finditer(text) if _has_currency(text) else ():
            yield Hit(m.start(), m.end(), "space after the currency symbol (tokenised text)",
                      m.group(1) + m.group(3), "safe")

    def _dots(self, text: str, m: regex.Match) -> Optional[Hit]:
        run = m.group()
        if run.count(".") != 2 or text[m.end():m.end() + 1] == "." or text[m.start() - 1:m.start()] == ".":
            return None  # an ellipsis (... or . . .) or a longer run
        if m.start() == 0 or text[m.start() - 1] in "/\\":
            return None
        after = text[m.end():m.end() + 3]
        if after[:1] and not after[:1].isspace() and after[:1] not in "\"\u201d\u2019')]":
            return None  # 1..5, ../path: not prose
        rest = after.lstrip(" \u00a0\"\u201d\u2019')]")
        if not rest or rest[0] in "\r\n" or rest[0].isupper():
            return Hit(m.start(), m.end(), "doubled full stop", ".", "safe")
        return Hit(m.start(), m.end(), "stray full stops in mid-sentence", None, "none")


class SplitHyphen(LexiconRule):
    """A hyphenated compound split by spaces: "post - war", "T - Mobile", "United - States".

    **What it does**
    Matches the pack's `split_compounds.tsv`: prefixes and combining forms (non, post,
    anti, Anglo …) and source-language hyphenated names that tokenisation cut apart with
    spaces around the hyphen, and rejoins them.

    **Why is this bad?**
    "post - war" reads as a dash between two clauses; English writes post-war, and the
    French place names États-Unis and Grande-Bretagne are the United States and Great Britain.

    **Example**
    bad: The [[post - war]] economy grew fast. => post-war
    bad: Trade with [[Great - Britain]] rose. => Great Britain
    good: The post-war economy grew fast.
    good: It was the year of the war - and of the peace that followed.
    good: The government has a Plan B - Treasury officials confirmed it on Monday.

    **Fix safety**
    Safe: the words are kept and only the spaces (and, for names, the hyphen) go.
    """

    code = "MT608"
    name = "split-hyphen"
    category = "typography"
    severity = Severity.MINOR
    fixable = "always"
    confidence = 0.9
    lexicons = ("split_compounds",)
    lexicon = "split_compounds"
    message = "hyphenated compound split by tokenisation: {note}"

