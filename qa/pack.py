"""Language packs: the data under ``corpora/<src>-<tgt>/`` plus the shared gazetteer.

A pack is loaded lazily, one file at a time, and cached for the life of the process, so a
rule that is never run never pays for its lexicon.
"""
from __future__ import annotations

from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional

from .lexicon import PatternLexicon, load_rows, load_table


class PackError(ValueError):
    """An unknown language pair or a broken pack."""


def corpora_root() -> Path:
    """Where the shipped corpora live (inside the installed package, or the checkout)."""
    return Path(str(resources.files("qa.corpora")))


@lru_cache(maxsize=None)
def available_pairs() -> tuple[str, ...]:
    """The shipped language pairs (listed once: an API caller may build settings per article)."""
    root = corpora_root()
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and "-" in p.name and not p.name.startswith("_")))


class Pack:
    """Data for one language pair; ``extra`` adds user lexicons by kind (config key ``lexicons``)."""

    def __init__(self, pair: str, extra: Optional[dict[str, list[str]]] = None) -> None:
        if pair not in available_pairs():
            raise PackError(f"unknown language pair {pair!r} (available: {', '.join(available_pairs())})")
        self.pair = pair
        self.source_lang, self.target_lang = pair.split("-", 1)
        self.root = corpora_root()
        self.dir = self.root / pair
        self.extra = extra or {}

    def has(self, name: str) -> bool:
        return (self.dir / f"{name}.tsv").is_file() or name in self.extra

    @lru_cache(maxsize=None)
    def lexicon(self, name: str) -> PatternLexicon:
        """The compiled pattern lexicon ``corpora/<pair>/<name>.tsv`` plus any user files of that kind."""
        return _compiled(self.dir / f"{name}.tsv", tuple(self.extra.get(name, ())))

    @cached_property
    def abbreviations(self) -> frozenset[str]:
        path = self.root / self.target_lang / "abbreviations.tsv"
        if not path.is_file():
            return frozenset()
        return frozenset(r["abbreviation"] for r in load_table(path, ("abbreviation", "note")))

    @cached_property
    def places(self) -> dict[str, str]:
        """Gazetteer name → kind (country, capital, city, region, organisation, company, institution)."""
        return _mapping(self.root / "gazetteer" / "places.tsv", "name", "kind")

    @cached_property
    def first_names(self) -> dict[str, str]:
        """First name → gender (``f`` or ``m``); a compound first name not listed takes the sex of
        its listed first part (Marie-Odile, Jean-Baptiste)."""
        return FirstNames(_mapping(self.root / "gazetteer" / "first_names.tsv", "name", "gender"))

    # Rules ask once per match or document: building the path each time cost more than the lookup.
    @lru_cache(maxsize=None)
    def words(self, name: str, column: str = "word") -> frozenset[str]:
        """A one-column word list of this pack (``source_markers`` …)."""
        return _words(self.dir / f"{name}.tsv", column)

    @lru_cache(maxsize=None)
    def mapping(self, name: str, key: str, value: str) -> dict[str, str]:
        """A table of this pack (``corpora/<pair>/<name>.tsv``) as key → value."""
        return _mapping(self.dir / f"{name}.tsv", key, value)

    @lru_cache(maxsize=None)
    def target_words(self, name: str, column: str = "word") -> frozenset[str]:
        """A one-column word list of the target language (``corpora/en/<name>.tsv``)."""
        return _words(self.root / self.target_lang / f"{name}.tsv", column)

    @lru_cache(maxsize=None)
    def target_mapping(self, name: str, key: str, value: str) -> dict[str, str]:
        """A two-column table of the target language (``corpora/en/<name>.tsv``) as key → value."""
        return _mapping(self.root / self.target_lang / f"{name}.tsv", key, value)

    def common_share(self, words: list[str]) -> float:
        """The share of ``words`` that are common words of the target language (0 for none)."""
        return sum(map(self.is_common_word, words)) / len(words) if words else 0.0

    def is_common_word(self, word: str) -> bool:
        """A common word of the target language (not a name): a function word or a lexicon
        lemma, or words of these joined by hyphens (cross-border)."""
        lower = word.lower()
        if "-" in lower.strip("-"):
            return all(self.is_common_word(part) for part in lower.split("-"))
        if lower in self.target_words("function_words") or lower in self.target_words("number_words"):
            return True
        if self.target_lang != "en":
            return False
        from .cache import lemma_words  # lemminflect's dictionary keys, cached: loading it costs ~0.6 s

        return lower in lemma_words()

    def is_known_name(self, word: str) -> bool:
        return word in self.places or word in self.first_names


@lru_cache(maxsize=None)
def _compiled(path: Path, extra: tuple[str, ...]) -> PatternLexicon:
    from .cache import LEXICON_CODE, cached

    def build() -> PatternLexicon:
        rows = load_rows(path) if path.is_file() else []
        for user_file in extra:
            rows.extend(load_rows(user_file))
        return PatternLexicon(rows)

    # Compiling takes seconds, unpickling milliseconds; the key hashes every file read.
    return cached("lexicon", (path, *map(Path, extra), *LEXICON_CODE), build, str(path), *extra)


class FirstNames(dict):
    """The listed first names, and the compounds French names build from them: "Marie-Odile"
    (listed "Marie", then a capitalised name) is a woman's name, "Jean-Baptiste" a man's; the
    first part gives the sex, as French usage does ("Jean-Marie" is a man)."""

    def _compound(self, name: object) -> Optional[str]:
        if not isinstance(name, str) or "-" not in name:
            return None
        head, _, rest = name.partition("-")
        if dict.__contains__(self, head) and all(part[:1].isupper() and part.isalpha() for part in rest.split("-")):
            return dict.__getitem__(self, head)
        return None

    def __missing__(self, name: str) -> str:
        found = self._compound(name)
        if found is None:
            raise KeyError(name)
        return found

    def __contains__(self, name: object) -> bool:
        return dict.__contains__(self, name) or self._compound(name) is not None

    def get(self, name: str, default: Optional[str] = None) -> Optional[str]:
        found = dict.get(self, name)
        return found if found is not None else (self._compound(name) or default)


# Word lists and tables, like lexicons, come from the disk cache: reading and checking the TSV
# files costs more start-up time than unpickling them.
@lru_cache(maxsize=None)
def _mapping(path: Path, key: str, value: str) -> dict[str, str]:
    from .cache import cached

    if not path.is_file():
        return {}
    return cached("table", (path,), lambda: {r[key]: r[value] for r in load_table(path, (key, value, "note"))},
                  str(path), key, value)


@lru_cache(maxsize=None)
def _words(path: Path, column: str) -> frozenset[str]:
    from .cache import cached

    if not path.is_file():
        return frozenset()
    return cached("words", (path,), lambda: frozenset(r[column] for r in load_table(path, (column, "note"))),
                  str(path), column)


@lru_cache(maxsize=None)
def get_pack(pair: str, extra_key: tuple = ()) -> Pack:
    return Pack(pair, {k: list(v) for k, v in extra_key})
