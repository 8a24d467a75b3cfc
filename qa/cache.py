"""A disk cache for compiled data, so that a short run does not pay for compiling lexicons.

Compiling the lexicons (expanding inflections, building a few hundred regular expressions)
takes seconds; unpickling the result takes milliseconds, because a compiled ``regex``
pattern pickles as its compiled code. Entries live in ``$MTLINT_CACHE_DIR``, else
``$XDG_CACHE_HOME/mtlint``, else ``~/.cache/mtlint``, and are keyed by a hash of everything
that decides their content: the source files' bytes (for a lexicon, the code that compiles it
too), the module that defines the builder function, this module, mtlint's version and the
versions of Python, ``regex`` and ``lemminflect``. A stale entry is therefore never read. Entries
that depend on the environment alone (``environment_entry``: the modules' compiled patterns,
langdetect's profiles) are keyed by those versions and this module.

Every upgrade and every edit of a lexicon makes new entries (langdetect's profiles alone weigh
40 MB), so the directory is bounded: whenever an entry is written and the directory holds more
than ``$MTLINT_CACHE_MAX_MB`` (default 256), the least recently used entries are deleted until
it holds three quarters of that. An entry read counts as used: its modification time is brought
up to date when it is a day old, so that reading costs a write at most once a day.

``MTLINT_NO_CACHE=1`` turns the cache off. A cache that cannot be read or written (read-only
home, corrupt file) is ignored: the data is built in memory as if there were none.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
import time
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator, Optional, TypeVar

import regex

T = TypeVar("T")
_HERE = Path(__file__).resolve().parent
#: The modules that build a compiled lexicon: its entries are keyed by their code too.
LEXICON_CODE = tuple(_HERE / name for name in ("lexicon/compile.py", "lexicon/load.py", "lexicon/prefilter.py"))
#: The directory's size limit when ``$MTLINT_CACHE_MAX_MB`` does not set one.
DEFAULT_MAX_MB = 256
#: An entry read is marked as used (its modification time set to now) when it is older than this.
USED_AFTER_SECONDS = 24 * 3600


def cache_dir() -> Optional[Path]:
    """Where entries are kept, or None when caching is off."""
    if os.environ.get("MTLINT_NO_CACHE"):
        return None
    if os.environ.get("MTLINT_CACHE_DIR"):
        return Path(os.environ["MTLINT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mtlint"


@lru_cache(maxsize=None)
def _environment() -> bytes:
    from . import __version__

    versions = [__version__, sys.version, f"regex {regex.__version__}", installed("lemminflect")]
    digest = hashlib.sha256("\n".join(versions).encode())
    digest.update(Path(__file__).read_bytes())
    return digest.digest()


def installed(package: str) -> str:
    """What tells one installed version of ``package`` from another without importing it (or
    ``importlib.metadata``, ~30 ms at every start): the name of its ``.dist-info`` directory,
    else the date of its ``__init__``."""
    spec = find_spec(package)
    if spec is None or not spec.origin:
        return f"{package} absent"
    try:
        site = os.path.dirname(os.path.dirname(spec.origin))
        prefix = package + "-"
        found = sorted(n for n in os.listdir(site) if n.startswith(prefix) and n.endswith(".dist-info"))
        return found[-1] if found else f"{package} {os.stat(spec.origin).st_mtime_ns}"
    except OSError:  # not a plain directory (a zip): keyed without the version
        return f"{package} unknown"


def key(kind: str, sources: Iterable[Path], build: Callable, *extra: str) -> str:
    """The cache key of ``kind`` built by ``build`` from ``sources`` (files; a missing one counts
    as empty): the module that defines ``build`` is part of it."""
    digest = hashlib.sha256(_environment() + kind.encode())
    digest.update(Path(build.__code__.co_filename).read_bytes())
    for source in sources:
        path = Path(source)
        digest.update(str(path.name).encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"\0missing")
    for item in extra:
        digest.update(item.encode() + b"\0")
    return digest.hexdigest()[:32]


def cached(kind: str, sources: Iterable[Path], build: Callable[[], T], *extra: str) -> T:
    """``build()``'s result, from the disk cache when an entry for the same inputs exists."""
    directory = cache_dir()
    if directory is None:
        return build()
    path = directory / f"{kind}-{key(kind, sources, build, *extra)}.pickle"
    found = load(path)
    if found is not None:
        return found
    value = build()
    store(path, value)
    return value


def environment_entry(kind: str) -> Optional[Path]:
    """The file of an entry whose content depends on the environment alone (the versions of
    Python, mtlint and ``regex``), or None when caching is off."""
    directory = cache_dir()
    if directory is None:
        return None
    return directory / f"{kind}-{hashlib.sha256(_environment() + kind.encode()).hexdigest()[:32]}.pickle"


def load(path: Path) -> Optional[object]:
    """The entry at ``path``, or None when it is missing or unreadable."""
    try:
        with open(path, "rb") as fh:
            value = pickle.load(fh)
            mark_used(path, os.fstat(fh.fileno()).st_mtime)
            return value
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, IndexError, TypeError,
            ValueError):
        return None


def store(path: Path, value: object) -> None:
    """Pickle ``value`` to ``path`` atomically."""
    _write(path, lambda fh: pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL))


def store_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    _write(path, lambda fh: fh.write(data))


def _write(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write atomically (a concurrent reader sees the old entry or the new one, never half),
    then keep the directory within its size limit."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
        try:
            with os.fdopen(fd, "wb") as fh:
                write(fh)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, pickle.PicklingError):
        return  # an unwritable cache only costs time
    evict(path.parent, max_bytes(), keep=path)


def mark_used(path: Path, mtime: float) -> None:
    """Mark an entry just read (last modified at ``mtime``) as used, at most once a day."""
    if time.time() - mtime > USED_AFTER_SECONDS:
        try:
            os.utime(path)
        except OSError:
            pass  # a read-only cache: the entry may be evicted sooner, and rebuilt


def max_bytes() -> int:
    """The directory's size limit: ``$MTLINT_CACHE_MAX_MB`` megabytes, else the default."""
    try:
        megabytes = float(os.environ.get("MTLINT_CACHE_MAX_MB") or DEFAULT_MAX_MB)
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    return int(max(megabytes, 0) * 1_000_000)


def evict(directory: Path, limit: int, keep: Optional[Path] = None) -> list[str]:
    """When the entries in ``directory`` weigh more than ``limit`` bytes, delete the least
    recently used (oldest modification time) until they weigh three quarters of it; ``keep``,
    the entry just written, stays. Returns the names deleted.

    Listing the directory costs a few milliseconds, paid only when an entry is written. Another
    process may delete the same entries at the same time, or still read one: a file it has open
    or memory-mapped stays readable until it closes it."""
    entries = []
    try:
        with os.scandir(directory) as found:
            for entry in found:
                if entry.name.startswith(".tmp-") or not entry.is_file(follow_symlinks=False):
                    continue
                info = entry.stat(follow_symlinks=False)
                entries.append((info.st_mtime, entry.name, info.st_size))
    except OSError:
        return []
    total = sum(size for *_, size in entries)
    if total <= limit:
        return []
    deleted = []
    for _, name, size in sorted(entries):
        if total <= limit * 3 // 4:
            break
        if keep is not None and name == keep.name:
            continue
        try:
            os.unlink(directory / name)
        except FileNotFoundError:
            pass  # deleted by another process meanwhile
        except OSError:
            continue
        total -= size
        deleted.append(name)
    return deleted


def lemma_words(upos: str = "") -> frozenset[str]:
    """Every word lemminflect's lemma dictionary knows (``getAllLemmas(w)`` is not empty) or, given
    ``upos``, knows as that part of speech (``upos in getAllLemmas(w)``): without importing
    lemminflect (which costs ~0.3 s) or parsing its dictionary (~0.6 s)."""
    return _lemma_words(upos)  # one cache entry whether ``upos`` is given or defaulted


@lru_cache(maxsize=None)
def _lemma_words(upos: str) -> frozenset[str]:
    return cached(f"lemma-words{upos}", (), lambda: _build_lemma_words(upos))


def _build_lemma_words(upos: str) -> frozenset[str]:
    return frozenset(word for word, lemmas in _lemma_entries() if (upos in lemmas if upos else lemmas))


def base_forms(upos: str) -> frozenset[str]:
    """Every lower-case word that is its own lemma as ``upos`` (``word in getAllLemmas(word,
    upos)[upos]``: "keep", not "kept" or "keeps"), from the disk cache like ``lemma_words``.
    (``getAllLemmas`` looks a word up in lower case: the dictionary's capitalised keys are never found.)"""
    return _base_forms(upos)


@lru_cache(maxsize=None)
def _base_forms(upos: str) -> frozenset[str]:
    return cached(f"base-forms{upos}", (), lambda: frozenset(
        word for word, lemmas in _lemma_entries() if word == word.lower() and word in lemmas.get(upos, ())))


def sole_base_forms(upos: str) -> frozenset[str]:
    """The words of ``base_forms(upos)`` that are no other word's form as well: "keep", not
    "saw" or "found" (also the past of "see" and "find")."""
    return _sole_base_forms(upos)


@lru_cache(maxsize=None)
def _sole_base_forms(upos: str) -> frozenset[str]:
    return cached(f"sole-base-forms{upos}", (), lambda: frozenset(
        word for word, lemmas in _lemma_entries() if word == word.lower() and lemmas.get(upos) == (word,)))


def _lemma_entries() -> Iterator[tuple[str, dict[str, tuple[str, ...]]]]:
    """(word, its lemmas by part of speech) as ``getAllLemmas`` gives them: the overrides table
    replaces the dictionary's entry for a part of speech."""
    from lemminflect import Lemmatizer

    lemmatizer = Lemmatizer()
    table, overrides = lemmatizer._getLemmaDict(), lemmatizer._getOverridesDict()
    for word in table.keys() | overrides.keys():
        yield word, {**table.get(word, {}), **overrides.get(word, {})}


def has_lemma(word: str, upos: str = "") -> bool:
    """``bool(getAllLemmas(word))``, or ``upos in getAllLemmas(word)``, from the cached word sets."""
    return word.lower() in lemma_words(upos)
