"""MT20x: names — French forms of names, and spellings that follow French transliteration."""
from __future__ import annotations

from typing import Iterator, Optional

from ..document import Document
from ..finding import Hit, Severity
from ..matchers import LexiconRule
from ..pack import Pack
from ..patterns import compiled
from .base import Rule


class FrenchNameForm(LexiconRule):
    """A person or place left in its French form, or a French name translated word for word.

    **What it does**
    Matches the pack's `names.tsv`: French exonyms (Pékin, Moscou), French transliterations
    of names written otherwise in English (Vladimir Poutine, Nikol Pachinian) and French
    names rendered word by word (North Karabakh for Haut-Karabakh), and proposes the
    English form.

    **Why is this bad?**
    An English reader meets the name in its English form everywhere else; the French form
    looks like a mistake, may not be recognised, and breaks searches and links.

    **Example**
    bad: The Kremlin said [[Poutine]] had spoken to Emmanuel Macron. => Putin
    bad: The delegation left [[Pékin]] on Tuesday. => Beijing
    bad: Fighting resumed in [[North Karabakh]] overnight. => Nagorno-Karabakh
    good: Vladimir Putin spoke to Emmanuel Macron on Tuesday.
    good: The diner in Montreal serves poutine with cheese curds and gravy.

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
