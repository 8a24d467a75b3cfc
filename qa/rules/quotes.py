"""MT1xx: quotations — capitalisation of continuing quotations and broken quote marks."""
from __future__ import annotations

import itertools
from typing import Iterator, Optional

import regex

from ..cache import has_lemma
from ..document import DOUBLE_MARKS, OPENING, Document, Quotation, QuoteProblem, Span
from ..finding import Hit, Severity
from ..patterns import compiled
from .base import Rule
from .untranslated import glossed
from .word_order import incise_verbs

_FIRST_WORD = compiled(r"[\p{L}][\p{L}'\u2019-]*")
_PREV_WORD = compiled(r"([\p{L}][\p{L}'\u2019-]*)\W*$")
_CAPITALISED = compiled(r"\b\p{Lu}[\p{Ll}'\u2019-]+")
# A run of non-space characters as ``str.split`` cuts them.
_SPLIT_WORD = compiled(r"[^\s\x1c-\x1f]+")
_YEAR_AFTER = compiled(r",?\s?\(\d")
_WORD = compiled(r"\p{L}[\p{L}'\u2019-]*")
_LONG_WORD = compiled(r"\p{L}{4,}")
#: How far back the word before a quotation is looked for.
_BEFORE_WINDOW = 200
_SPEECH_VERBS = frozenset("""said says say told tells added adds declared declares asked asks wrote writes
stated states replied replies insisted insists warned warns explained explains announced announces
tweeted tweets shouted shouts answered answers concluded concludes continued continues argued argues
noted notes recalled recalls chanted chants cried cries screamed screams texted texts scrawled read reads
signed signs""".split())
# First words that make a quotation after a speech verb a whole utterance, capitalised as
# written: a subject ("chanted “We want justice”"), a greeting or a sign-off ("texted “Happy
# birthday”", "signed “Yours faithfully”"). An imperative ("“Forgive me”") is a verb's base form.
_UTTERANCE_OPENERS = frozenset("""We You He She They It There This These Those Nobody Everyone Everybody God
Happy Thank Thanks Sorry Yes No Hello Goodbye Welcome Congratulations Please Yours Long""".split())
# A first name, a quoted nickname, a surname: Earvin “Magic” Johnson.
_NAME_BEFORE = compiled(r"(?<![\p{L}'-])\p{Lu}\p{Ll}+\s*$")
_NAME_AFTER = compiled(r"\s+\p{Lu}\p{Ll}")
_NEXT_WORD = compiled(r"\s+([\p{L}'-]+)")
# "the (independent) “Off” now stages …": a one-word quotation after "the" that a verb or an
# adverb follows is the subject, a name; a continuation would be followed by its noun.
_THE_BEFORE = compiled(r"(?<![\p{L}'-])[Tt]he(?:\s+\p{Ll}+)?\s*$")
_VERB_OR_ADVERB = frozenset("is was has had will would can could may might must should now also still already"
                            " never always often".split())


def _imperative(word: str) -> bool:
    """A verb's base form, as an imperative opens a sentence ("Forgive me")."""
    return has_lemma(word, "VERB") and not word.lower().endswith(("ed", "ing", "s"))


def _label(text: str, q: Quotation, before: int, pack) -> bool:
    """A one-word quotation used as a name: before a noun of `label_nouns.tsv` (the “Leave”
    campaign), after "the" and before a verb (the independent “Off” now stages …), or a
    nickname between a first name and a surname (Earvin “Magic” Johnson)."""
    after = _NEXT_WORD.match(text, q.end)
    if after and after.group(1).lower() in pack.target_words("label_nouns"):
        return True
    if after and (after.group(1) in _VERB_OR_ADVERB or after.group(1).endswith("ly")) \
            and _THE_BEFORE.search(text, max(0, before - 40), before):
        return True
    return bool(_NAME_BEFORE.search(text, max(0, before - 40), before) and _NAME_AFTER.match(text, q.end))


def _foreign(inner: str, pack) -> bool:
    """A quotation in another language: no more than half its words are English."""
    words = _WORD.findall(inner)
    return len(words) >= 3 and pack.common_share(words) <= 0.5


def _looks_like_title(inner: str, pack, after: str) -> bool:
    """A work's title: a year after it, or title case (every content word capitalised)."""
    if _YEAR_AFTER.match(after):
        return True
    function_words = pack.target_words("function_words")
    content = [w for w in _WORD.findall(inner) if w.lower() not in function_words]
    return len(content) >= 2 and all(w[0].isupper() for w in content)


def _work_in_apposition(text: str, q: Quotation, inner: str, cues) -> bool:
    """A short quotation that a noun phrase naming a kind of work follows in apposition: a
    title ("“Flow,” a wordless film about a cat")."""
    if (not inner.rstrip().endswith(",") and not text.startswith(",", q.end)) or len(inner.split()) > _TITLE_WORDS:
        return False
    kind = _APPOSED_KIND.match(text, q.end)
    return bool(kind) and any(word in cues for word in kind.group(1).split())


_TITLE_WORDS = 6
# ", a wordless film", ", the band's second album": a noun phrase that may name what the quotation is.
_APPOSED_KIND = compiled(r",?\s+(?:a|an|the|\p{Lu}\p{Ll}+['\u2019]s)\s+((?:[\p{Ll}'\u2019-]+\s+){0,3}\p{Ll}+)\b")


def _unknown_name(word: str, pack) -> bool:
    """A capitalised word that is neither a common word nor a place or first name the pack
    knows: with the capitalised word before it, a name of its own (Fort Knox)."""
    bare = word[:-2] if word.endswith(("'s", "\u2019s")) else word
    return not pack.is_common_word(bare.lower()) and not pack.is_known_name(bare)


def _at_most_four_words(text: str, start: int, end: int) -> bool:
    """``len(text[start:end].split()) <= 4``, without copying a stretch that may be long."""
    return next(itertools.islice(_SPLIT_WORD.finditer(text, start, end), 4, None), None) is None


def is_title_line(text: str) -> bool:
    """A headline: most longer words capitalised and no full stop at the end."""
    if text.rstrip().endswith((".", "!", "?")):
        return False
    words = _LONG_WORD.findall(text)
    if len(words) < 2:
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.6


class QuoteContinuationCapital(Rule):
    """A quotation that continues the sentence starts with a capital letter.

    **What it does**
    Finds a quotation opening inside a sentence (after a word, not after a colon, a
    comma or a full stop, and not at the start of a paragraph) whose first word is
    capitalised although it is neither a proper noun, an acronym nor "I".

    **Why is this bad?**
    French quotes fragments inside a sentence with guillemets and machine translation
    often capitalises the first quoted word. In English a quoted fragment that continues
    the sentence keeps the sentence's lower case: urged them to avoid “foreign fighters”.

    **Example**
    bad: Russia urged them to avoid using [[“Foreign]] terrorists” in the region. => “foreign
    bad: The Kremlin asked Ankara to refrain from throwing [[“Oil]] on the fire”. => “oil
    bad: The ministry indicates that [[“Intense]] fighting continues” in the north. => “intense
    bad: She would consider an aid plan [[“If]] the losses are confirmed”. => “if
    bad: He calls the project [[“Disastrous]] for the roadstead”. => “disastrous
    bad: He said the club would not pay, calling the city's plan [[“Unacceptable]]”. => “unacceptable
    good: The company calls the project “Horizon Atlantique” and hopes to start in May.
    good: The company calls the project “Phoenix” and hopes to start in May.
    good: He said: “We will not give up.”
    good: “We will not give up,” he said.
    good: The minister called it “NATO’s problem” on Monday.
    good: She said she was “not worried” about the vote.
    good: He told reporters “I am not worried” before the vote.
    good: The film “Blue” opens on Friday.
    good: The agency quoted Mr. Lavrov as saying “Moscow is ready” to host talks.
    good: Protesters chanted “We want justice” outside the court.
    good: Posters for the “Leave” campaign covered the town.
    good: Earvin “Magic” Johnson spoke at the gala.
    good: Alongside the official festival, the independent “Off” now stages 1,000 shows.
    good: He described the security perimeter as “Fort Knox with fairy lights”.
    good: He saves his power for “Ah! fuyez, douce image”, which drew the loudest ovation.
    good: Its motto is “Ensemble, on tient” – “Together, we hold firm”.
    good: The big story of the year was “Flow,” a wordless film about a cat.
    good: The studio behind the “Despicable Me” and “Minions” franchises works in Paris.

    **Fix safety**
    Lower-casing is safe when the word is a common English word that is not in the
    gazetteer; otherwise (a possible name) the fix is unsafe.
    """

    code = "MT101"
    name = "quote-capitalization"
    category = "quote-case"
    severity = Severity.MINOR
    fixable = "sometimes"
    confidence = 0.9

    def check(self, doc: Document) -> Iterator[Hit]:
        pack = doc.pack
        cues = pack.target_words("title_cues")
        text = doc.text
        titles: dict[int, bool] = {}  # paragraph start → is a headline (asked once per paragraph)
        for q in doc.quotations:
            yield from self._check_one(doc, q, text, pack, cues, titles)
        for p in doc.quote_problems:
            if p.kind == "unmatched-open" and p.mark in "\u201c\u00ab\"":
                yield from self._check_one(doc, Quotation(p.pos, doc.paragraph_at(p.pos).end, p.mark, ""),
                                           text, pack, cues, titles)

    def _check_one(self, doc: Document, q: Quotation, text: str, pack, cues,
                   titles: dict[int, bool]) -> Iterator[Hit]:
        m = _FIRST_WORD.match(text, q.start + 1, q.end)
        if not m or not m.group()[0].isupper():
            return
        word = m.group()
        bare = word.rstrip("'\u2019s") if word.endswith(("'s", "\u2019s")) else word
        if bare == "I" or bare.startswith(("I'", "I\u2019")) or (len(bare) > 1 and bare.isupper()):
            return
        para = doc.paragraph_at(q.start)
        # The text before the quotation is read backwards, never copied: a paragraph may be huge.
        end = q.start
        while end > para.start and text[end - 1].isspace():
            end -= 1
        if end == para.start or text[end - 1] in ".!?:;,\u2014\u2013-([{\u2026\u2022*\"\u201d\u00bb\u201c":
            return
        if para.start not in titles:
            titles[para.start] = is_title_line(text[para.start:para.end])
        if titles[para.start]:
            return
        prev = _PREV_WORD.search(text, max(para.start, end - _BEFORE_WINDOW), end)
        prev_word = prev.group(1).lower() if prev else ""
        if prev_word in cues and not self._clause_after_cue(text, q, bare, pack):
            return
        if prev_word == "of" and (cue := _PREV_WORD.search(text, max(para.start, prev.start() - _BEFORE_WINDOW),
                                                            prev.start())) and cue.group(1).lower() in cues:
            return  # "an edition of “Our mutual friend”": a title after "<cue> of"
        inner_end = q.end - 1 if q.closing else para.end
        inner = text[q.start + 1:inner_end] if q.closing else ""
        if prev_word in _SPEECH_VERBS and (bare in _UTTERANCE_OPENERS or _imperative(bare)):
            return  # a whole utterance as written: chanted “We want justice”, a note that said “Forgive me”
        if q.closing and m.end() == inner_end and _label(text, q, end, pack):
            return  # one quoted word used as a name: the “Leave” campaign, Earvin “Magic” Johnson
        if q.closing and inner.rstrip().endswith((".", "!", "?", "\u2026")):
            return  # a complete quoted sentence keeps its capital
        if q.closing and (_looks_like_title(inner, pack, text[q.end:q.end + 3]) or _work_in_apposition(text, q, inner, cues)):
            return
        if pack.is_known_name(bare) or not pack.is_common_word(bare):
            return
        if q.closing and (_foreign(inner, pack) or glossed(text, q.end, pack)):
            # “Ah! fuyez, douce image”, “Ensemble, on tient” – “Together, we hold firm”: another
            # language's capitals are not English continuation
            return
        if bare in doc.proper_nouns:
            return
        # A capitalised run (“White House”, “Security Council”) is a name, not a sentence.
        following = _CAPITALISED.match(text, m.end() + 1) if m.end() < q.end - 1 else None
        if following and text[m.end()] == " " and (_at_most_four_words(text, q.start + 1, inner_end)
                                                   or _unknown_name(following.group(), pack)):
            return  # … or opens with one: “Fort Knox with fairy lights” (not “Confirmed Moscow's …”)
        if following and text[m.end()] == " " and f"{word} {following.group()}" in pack.places:
            return  # “The Hague has …”: the article belongs to the place's name
        confidence = 0.65 if prev_word in _SPEECH_VERBS else None
        fix = "safe" if bare.lower() not in pack.places else "unsafe"
        lowered = word[0].lower() + word[1:]
        yield Hit(q.start, m.end(), f"quotation continues the sentence: “{word}” should be lower case",
                  text[q.start] + lowered, fix, confidence)


    @staticmethod
    def _clause_after_cue(text: str, q: Quotation, bare: str, pack) -> bool:
        """A quoted clause opened by a subordinator (“If the losses are confirmed”) after a
        title cue ("an aid plan"), or a quoted judgement after "calls the project" (“Disastrous for
        the roadstead”): not a title, unless it is in title case."""
        if not q.closing:
            return False
        inner = text[q.start + 1:q.end - 1]
        if bare in _SUBORDINATORS:
            least = 4
        elif _CALLED_BEFORE.search(text, max(0, q.start - 40), q.start):
            # One word may do when it reads as a judgement ("calling the plan “Unacceptable”"),
            # not as a name ("calls the project “Phoenix”").
            least = 1 if bare.lower().endswith(_JUDGEMENT_ENDINGS) else 3
        else:
            return False
        return len(inner.split()) >= least and not _looks_like_title(inner, pack, "")


_SUBORDINATORS = frozenset("If When Because Although Unless Since While Once Until".split())
_JUDGEMENT_ENDINGS = ("able", "ible", "ous", "ful", "less", "ive", "ic", "ant", "ent", "ing")
# A verb that judges what it names, then the cue: "calls the project “Disastrous for …”".
_CALLED_BEFORE = compiled(r"\b(?:calls?|called|calling|deems?|deemed|judges?|judged|describes?|described|considers?|considered)"
                          r"\s+(?:the|this|that|their|its|his|her)\s+(?:\p{Ll}+['\u2019]s\s+)?\p{Ll}+\s+\G", regex.REVERSE)


class ReversedQuoteMarks(Rule):
    """A closing quote mark stands where the quotation opens, and an opening one where it ends.

    **What it does**
    Finds a closing mark (”) followed by words and then an opening mark (“) in the same
    paragraph with no pairing for either: the pair was reversed, usually with the
    French spaces inside guillemets kept. Also a closing mark before a word, after a space,
    whose quotation then closes with a second closing mark (”We are …,” he said).

    **Why is this bad?**
    Machine translation converts « » to curly marks by position and gets the direction
    wrong when the guillemets were spaced; the reader sees a quotation turned inside out.

    **Example**
    bad: They asked the belligerents not to [[” ]]target “ civilians. => “
    bad: He called it a shipwreck. [[”]]We are struggling to breathe,” he promised. => “
    good: They asked the belligerents not to “target” civilians.

    **Fix safety**
    Safe: both marks are turned round together (the two findings share a group).
    """

    code = "MT102"
    name = "reversed-quote-marks"
    category = "quote-marks"
    severity = Severity.MAJOR
    fixable = "always"
    confidence = 0.9

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        problems = doc.quote_problems
        for a, b in zip(problems, problems[1:]):
            if doc.paragraph_at(a.pos) != doc.paragraph_at(b.pos):
                continue
            if closing_mark_opens(doc, a, b):
                yield Hit(a.pos, a.pos + 1, "closing quote mark where the quotation opens", "\u201c", "safe")
                continue
            if not (a.kind == "unmatched-close" and a.mark == "\u201d" and b.kind == "unmatched-open"
                    and b.mark == "\u201c"):
                continue
            group = f"MT102-{a.pos}"
            start = a.pos
            end = a.pos + 1 + (1 if text[a.pos + 1:a.pos + 2] == " " else 0)
            yield Hit(start, end, "closing quote mark where the quotation opens", "\u201c", "safe", group=group)
            bstart = b.pos - (1 if text[b.pos - 1:b.pos] == " " else 0)
            yield Hit(bstart, b.pos + 1, "opening quote mark where the quotation closes", "\u201d", "safe",
                      group=group)


def closing_mark_opens(doc: Document, a: QuoteProblem, b: QuoteProblem) -> bool:
    """Whether ``a`` and ``b``, two closing marks left without a partner in one paragraph, are a
    quotation whose opening mark was written as a closing one: ``a`` stands before a word, after
    a space or at the paragraph's start ("half. ”We are struggling,” he promised")."""
    if not (a.kind == b.kind == "unmatched-close" and a.mark == b.mark == "\u201d"):
        return False
    text = doc.text
    return (a.pos == 0 or text[a.pos - 1].isspace()) and text[a.pos + 1:a.pos + 2].isalpha()


class UnbalancedQuoteMarks(Rule):
    """A quote mark with no partner in its paragraph.

    **What it does**
    Finds an opening mark never closed, or a closing mark never opened, within one
    paragraph (a quotation continued in the next paragraph, which English opens again,
    is accepted).

    **Why is this bad?**
    The reader cannot tell where the quoted words end; translation often drops or
    duplicates one of a pair of guillemets.

    Where the quotation an opening mark starts runs into a reporting clause (", sighs a
    farmer", ", she said", ", specified X"), the quotation ends there: the finding points at
    the word before the comma and proposes the closing mark after it. A quotation that opens a
    sentence and meets no other quote mark in its paragraph ends with the paragraph: the
    finding points at its last word.

    **Example**
    bad: The minister said the plan was [[“]]unrealistic and left. => -
    bad: “After the drought, now the [[flood]], sighs a farmer from the valley. => flood”
    bad: «We will not give [[in]], said the union. => in»
    bad: “We never doubted,” said the captain. “This title is for the volunteers, who worked for [[years.]] => years.”
    bad: “The State will stand by every family,”[[”]] promised the prefect. => -
    good: The minister said the plan was “unrealistic” and left.
    good: “After the drought, now the flood,” sighs a farmer from the valley.
    good: â€œIn the present context, we cannot ask more,” he says.

    **Fix safety**
    Unsafe where a reporting clause or the paragraph's end shows where the quotation ends;
    otherwise no fix: only the writer knows where it ends.
    """

    code = "MT103"
    name = "unbalanced-quote-marks"
    category = "quote-marks"
    severity = Severity.MINOR
    fixable = "sometimes"
    # Text laid out one sentence a line splits quotations across lines: often a false alarm.
    confidence = 0.4

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        problems = doc.quote_problems
        in_order = sorted(problems, key=lambda p: p.pos)
        # A closing mark then an opening one: a reversed pair (MT102); two marks of different
        # styles that pair up: a mixed pair (MT106).
        paired_elsewhere = {p.pos for a, b in zip(in_order, in_order[1:])
                            if (a.kind == "unmatched-close" and b.kind == "unmatched-open"
                                or closing_mark_opens(doc, a, b)) for p in (a, b)}
        paired_elsewhere.update(p.pos for pair in mixed_pairs(doc) for p in pair)
        paragraphs = doc.paragraphs
        opens = {p.pos: _opens(doc, p) for p in problems}
        spanning = _across_paragraphs(doc, sorted((p for p in problems if p.mark not in "\u2018\u2019"),
                                                  key=lambda p: p.pos), opens)
        for p in problems:
            if p.pos in paired_elsewhere or p.pos in spanning or p.mark in "\u2018\u2019":
                continue
            idx = doc.paragraph_index(p.pos)
            if opens[p.pos]:
                # English re-opens a quotation that runs on into the next paragraph.
                if idx + 1 < len(paragraphs) and text[paragraphs[idx + 1].start] in "\u201c\"\u00ab":
                    continue
                close = _close_point(doc, p.pos, paragraphs[idx].end) or _paragraph_end(doc, p.pos, paragraphs[idx])
                if close is not None:
                    yield close
                    continue
                message = "opening quote mark is never closed"
            else:
                if text[paragraphs[idx].start] in "\u201c\"\u00ab" and not _closed_before(doc, paragraphs[idx].start, p.pos) \
                        or p.mark == "\u00bb" or _MOJIBAKE_OPENING in text[paragraphs[idx].start:p.pos]:
                    continue  # opened by a mark the encoding garbled ("â€œIn the …,” he says): MT503's
                message = "closing quote mark without an opening one"
            yield Hit(p.pos, p.pos + 1, message, None, "none")


def _closed_before(doc: Document, start: int, pos: int) -> bool:
    """Whether the quotation opening a paragraph at ``start`` closed before ``pos``: a closing mark
    after it is one too many (“… every family,”” promised the prefect), not its own."""
    q = doc.quotation_after(start)
    return q is not None and q.start == start and q.end <= pos


# “ read as Windows-1252: "â€œ".
_MOJIBAKE_OPENING = "\u00e2\u20ac\u0153"
# A comma, perhaps a subject pronoun, then a verb: where an unclosed quotation may end.
_COMMA_THEN_VERB = compiled(r"(?<=[\p{L}\p{N}.!?\u2026]),\s+(?:(?:he|she|they|we|I)\s+)?(\p{Ll}+)\b")
_ANY_QUOTE_MARK = compiled("[" + regex.escape(DOUBLE_MARKS) + "]")
#: How far back the word before a comma is looked for.
_WORD_REACH = 80


def _close_point(doc: Document, opening: int, end: int) -> Optional[Hit]:
    """Where the quotation an unclosed mark opens must end: before the first reporting clause
    after it in its paragraph (“…, now the flood, sighs a farmer), with no quote mark between.
    Each search stops at the next quote mark, so a paragraph full of marks costs one pass."""
    text = doc.text
    after = _ANY_QUOTE_MARK.search(text, opening + 1, end)
    stop = after.start() if after else end
    speech = doc.pack.target_words("reporting_verbs") if doc.pack else frozenset()
    incises = incise_verbs(doc.pack) if doc.pack else None
    for m in _COMMA_THEN_VERB.finditer(text, opening + 1, stop):
        verb = m.group(1)
        if verb not in speech and verb not in _SPEECH_VERBS and not (incises and incises.lookup(verb)):
            continue
        word = _PREV_WORD.search(text, max(opening + 1, m.start() - _WORD_REACH), m.start())
        if word is None:
            return None
        closing = OPENING.get(text[opening], text[opening])  # a straight mark closes with itself
        return Hit(word.start(1), m.start(), f"the quotation opened with {text[opening]} is never closed: "
                   f"it ends before the reporting clause (“{m.group().strip(', ')}”)",
                   text[word.start(1):m.start()] + closing, "unsafe")
    return None


# The last word of a paragraph and the punctuation after it.
_LAST_WORD = compiled(r"[\p{L}\p{N}'\u2019-]+[.!?\u2026]*\s*$")


def _paragraph_end(doc: Document, opening: int, para: Span) -> Optional[Hit]:
    """Where a quotation that opens a sentence inside a paragraph and is never closed ends: at
    the end of the paragraph, when no other quote mark follows it there (… in tears. “This
    title is for all of them.). One that opens its paragraph may go on in the next one (text
    laid out one sentence a line): where it ends is not known."""
    text = doc.text
    at = opening  # read backwards, never copied: a paragraph may be huge
    while at > para.start and text[at - 1].isspace():
        at -= 1
    if at == para.start or text[at - 1] not in ".!?\u2026" or _ANY_QUOTE_MARK.search(text, opening + 1, para.end):
        return None
    last = _LAST_WORD.search(text, max(opening + 1, para.end - _WORD_REACH), para.end)
    if last is None:
        return None
    end = last.start() + len(last.group().rstrip())
    closing = OPENING.get(text[opening], text[opening])
    return Hit(last.start(), end, f"the quotation opened with {text[opening]} is never closed: it runs to the end "
               "of its paragraph", text[last.start():end] + closing, "unsafe")


#: How many paragraphs a quotation may run over when each is a sentence (one sentence a line).
_SPAN = 6


def _across_paragraphs(doc: Document, problems: list[QuoteProblem], opens: dict[int, bool]) -> set[int]:
    """The unpaired marks that pair up across paragraphs: a mark left open, then, a few
    paragraphs on, the next unpaired mark, which closes. Text laid out one sentence a line
    splits a quotation of several sentences so."""
    spanning: set[int] = set()
    for a, b in zip(problems, problems[1:]):
        if opens[a.pos] and not opens[b.pos] \
                and 0 < doc.paragraph_index(b.pos) - doc.paragraph_index(a.pos) <= _SPAN:
            spanning.update((a.pos, b.pos))
    return spanning


def _opens(doc: Document, problem: QuoteProblem) -> bool:
    """Whether a mark left without a partner opens a quotation: a curly mark by its shape, a
    straight one by its place. One glued to the word before it and not to the word after it
    (`look," he said`) closes, and so does one cut off from it (see ``_cut_off_at``)."""
    if problem.mark != '"':
        return problem.kind == "unmatched-open"
    text = doc.text
    before = text[problem.pos - 1:problem.pos]
    after = text[problem.pos + 1:problem.pos + 2]
    if before and not before.isspace() and (not after or after.isspace() or after in ".,;:!?)"):
        return False
    if after and after in ".,;:!?":  # `market ", said`: no quotation opens on a comma
        return False
    return _cut_off_at(doc, problem.pos) is None


class SpacedQuoteMarks(Rule):
    """A space inside the quotation marks, French style, or a closing mark cut off by a space.

    **What it does**
    Finds an opening mark followed by a space, or a closing mark preceded by one
    (“ like this ”, or ...the end , "said), the residue of French spaced guillemets or of
    tokenised text. A straight mark left without a partner (its quotation opened in an
    earlier paragraph, or one sentence a line) counts as a closing mark cut off when it
    follows a punctuation mark and a space and ends the line, or comes before a
    reporting verb (`, "said`, `, "he added`), where no quotation opens.

    **Why is this bad?**
    English sets quotation marks tight against the words they enclose.

    **Example**
    bad: The plan was called [[“ ]]historic” by the minister. => “
    bad: "We will win[[, "]]said the coach. => `," `
    bad: We are ready to go to the end[[, "]]he added on Monday. => `," `
    bad: The talks will resume on Monday[[. "]] => `."`
    bad: It will take time[[, "]]Marek emphasized. => `," `
    good: The plan was called “historic” by the minister.
    good: "We will win," said the coach.
    good: She read the note aloud, "we are ready", and left.
    good: The coach said, "said and done, we won."
    good: The coach said, "he wanted to win", and left.

    **Fix safety**
    Safe where both marks of the quotation are in sight: only white space moves. Unsafe for a
    mark left alone, read as closing from what follows it.
    """

    code = "MT104"
    name = "spaced-quote-marks"
    category = "quote-marks"
    severity = Severity.MINOR
    fixable = "sometimes"
    confidence = 0.85

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        for q in doc.quotations:
            if q.opening in "\u00ab\u00bb" or q.end - q.start < 3:
                continue
            if text[q.start + 1] == " ":
                yield Hit(q.start, q.start + 2, "space after the opening quote mark", q.opening, "safe")
            close = q.end - 1
            if text[close - 1] == " " and text[close - 2] not in "'\u2019\"":
                start = close - 1
                punct = ""
                if start > q.start + 1 and text[start - 1] in ",.;!?":
                    start -= 1
                    punct = text[start]
                yield _cut_off(text, start, q.end, punct + q.closing)
        for lone in doc.quote_problems:
            m = _cut_off_at(doc, lone.pos) if lone.mark == '"' else None
            if m:  # unsafe: a quotation that opens with a reporting clause is rare, not impossible
                yield _cut_off(text, m.start(), m.end(), m.group(1) + '"', "unsafe")


# A straight mark after a punctuation mark and a space: where a mark found alone closes.
_CUT_OFF_MARK = compiled(r'([.,;!?]) "')
# The words after a mark: a reporting clause opens within the first five.
_NEXT_WORDS = compiled(r"\p{L}+(?: \p{L}+){0,4}")
_PRONOUNS = frozenset("he she they we it".split())
_TO_LINE_END = compiled(r"[ \t\r]*(?:\n|\Z)")


def _cut_off(text: str, start: int, end: int, closing: str, fix: str = "safe") -> Hit:
    glue = " " if text[end:end + 1].isalpha() else ""
    return Hit(start, end, "space before the closing quote mark", closing + glue, fix)


def _cut_off_at(doc: Document, pos: int) -> Optional[regex.Match]:
    """The punctuation, space and straight mark at ``pos``, when the mark closes a quotation
    although a space cuts it off: it ends the line, or a reporting verb follows it."""
    m = _CUT_OFF_MARK.match(doc.text, pos - 2) if pos >= 2 else None
    return m if m and (_ends_line(doc, m.end()) or _reporting_verb_at(doc, m.end())) else None


def _ends_line(doc: Document, pos: int) -> bool:
    """Only spaces between ``pos`` and the line's end (matched there: no copy of the rest)."""
    return _TO_LINE_END.match(doc.text, pos) is not None


def _reporting_verb_at(doc: Document, pos: int) -> bool:
    """``said``, ``he added``, ``Marek emphasized``, ``the prime minister clarified``: a reporting
    clause, which a quotation seldom opens with."""
    from .word_order import incise_verbs  # French incise verbs as translated: hammered, clarified

    m = _NEXT_WORDS.match(doc.text, pos)
    if not m:
        return False
    words = m.group().split()
    speech = doc.pack.target_words("reporting_verbs")
    incises = incise_verbs(doc.pack)

    def reporting(word: str) -> bool:
        return word in speech or incises.lookup(word) is not None

    first = words[0]
    if first in _PRONOUNS or first[0].isupper():
        return len(words) > 1 and reporting(words[1])
    if first == "the":  # the spokesman said, the prime minister clarified
        return any(reporting(w) for w in words[2:])
    return reporting(first)


class EmptyQuotation(Rule):
    """A pair of quote marks with nothing between them.

    **What it does**
    Finds “” or " " with no words inside.

    **Why is this bad?**
    The quoted words were lost in translation or extraction; the marks alone mean nothing.

    **Example**
    bad: The minister described the deal as [[“ ”]] and left. => -
    good: The minister described the deal as “fair” and left.

    **Fix safety**
    No automatic fix: the missing words must be restored by hand.
    """

    code = "MT105"
    name = "empty-quotation"
    category = "quote-marks"
    severity = Severity.MAJOR
    fixable = "never"
    confidence = 0.9

    def check(self, doc: Document) -> Iterator[Hit]:
        for q in doc.quotations:
            if not doc.text[q.start + 1:q.end - 1].strip():
                yield Hit(q.start, q.end, "empty quotation", None, "none")


class MixedQuoteMarks(Rule):
    """A quotation opened with one style of mark and closed with another.

    **What it does**
    Finds a curly opening mark closed by a straight one, or the reverse (“like this"), by
    another opening mark (“like this“), and an English opening mark closed by a French
    guillemet in the same paragraph (“like this»), or the reverse («like this”).

    **Why is this bad?**
    Mixed marks betray a partial conversion and look like errors in print.

    **Example**
    bad: The plan was called “historic[["]] by the minister. => ”
    bad: “I gave everything, but she was stronger[[»]], said the player. => ”
    bad: “There will be consequences[[“]], promised the deputy mayor. => ”
    bad: The resort wants to become a [[«]]four seasons” destination. => “
    good: The plan was called “historic” by the minister.
    good: “I gave everything,” she said. «Merci», she added in French.

    **Fix safety**
    Safe: the closing mark is made to match the opening one; a guillemet closed by an English
    mark is made English.
    """

    code = "MT106"
    name = "mixed-quote-marks"
    category = "quote-marks"
    severity = Severity.MINOR
    fixable = "always"
    confidence = 0.85

    def check(self, doc: Document) -> Iterator[Hit]:
        for q in doc.quotations:
            straight = (q.opening == '"', q.closing == '"')
            if straight[0] != straight[1] and q.opening in "\u201c\"" and q.closing in "\u201d\"":
                wanted = "\u201d" if q.opening == "\u201c" else '"'
                yield Hit(q.end - 1, q.end, "quotation opened and closed with different marks", wanted, "safe")
            elif q.opening == q.closing == "\u201c":
                yield Hit(q.end - 1, q.end, "quotation closed with an opening mark", "\u201d", "safe")
        for a, b in mixed_pairs(doc):
            if a.mark == "\u00ab":  # «…”: the English closing mark shows the style meant
                yield Hit(a.pos, a.pos + 1, "quotation opened and closed with different marks", "\u201c", "safe")
            else:
                wanted = "\u201d" if a.mark == "\u201c" else '"'
                yield Hit(b.pos, b.pos + 1, "quotation opened and closed with different marks", wanted, "safe")


def mixed_pairs(doc: Document) -> list[tuple[QuoteProblem, QuoteProblem]]:
    """Marks left unpaired that pair with each other across styles, in one paragraph: an
    English opening mark closed by a guillemet (“…») or a guillemet closed by an English
    mark («…”)."""
    problems = sorted(doc.quote_problems, key=lambda p: p.pos)
    return [(a, b) for a, b in zip(problems, problems[1:])
            if a.kind == "unmatched-open" and b.kind == "unmatched-close"
            and ((a.mark in "\u201c\"" and b.mark == "\u00bb") or (a.mark == "\u00ab" and b.mark in "\u201d\""))
            and doc.paragraph_index(a.pos) == doc.paragraph_index(b.pos)]


class GluedQuoteMark(Rule):
    """A quote mark glued to the word outside the quotation.

    **What it does**
    Finds a closing mark directly followed by a letter (work”said) or an opening mark
    directly preceded by one (said“We).

    **Why is this bad?**
    The space was lost when guillemets and their spaces were converted.

    **Example**
    bad: “We have done the work[[”]]said the minister. => `” `
    good: “We have done the work,” said the minister.

    **Fix safety**
    Safe: a space is inserted.
    """

    code = "MT107"
    name = "glued-quote-mark"
    category = "quote-marks"
    severity = Severity.MINOR
    fixable = "always"
    confidence = 0.85

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        for q in doc.quotations:
            if q.closing in "\u201d\"" and q.end < len(text) and text[q.end].isalpha():
                yield Hit(q.end - 1, q.end, "closing quote mark glued to the next word", q.closing + " ", "safe")
            if q.opening in "\u201c" and q.start > 0 and text[q.start - 1].isalpha():
                yield Hit(q.start, q.start + 1, "opening quote mark glued to the previous word",
                          " " + q.opening, "safe")
