"""Module-level regular expressions, compiled once per installation instead of once per run.

``regex`` parses and compiles in Python: the ~150 patterns that mtlint's modules compile when
they are imported take ~0.13 s, a quarter of a run on one paragraph. A compiled ``regex``
pattern pickles as its compiled code, so ``compiled`` serves them from one disk-cache entry
(see ``qa/cache.py``; keyed by the versions of Python, mtlint and ``regex``) and compiles only
those it lacks. When any was missing, the entry is rewritten as the process exits. With the
cache off, every pattern is compiled as ``regex.compile`` would.
"""
from __future__ import annotations

import atexit
from typing import Iterable, Optional

import regex

from . import cache

_KIND = "patterns"
#: (pattern, flags, *named lists) → compiled pattern: what the disk held, then what this process added.
_known: Optional[dict[tuple, regex.Pattern]] = None
_added = False


def compiled(pattern: str, flags: int = 0, **named_lists: Iterable[str]) -> regex.Pattern:
    """``regex.compile(pattern, flags, **named_lists)``, from the disk cache when it holds it."""
    global _added
    known = _loaded()
    lists = tuple((name, tuple(sorted(items))) for name, items in sorted(named_lists.items()))
    key = (pattern, int(flags), *lists)
    found = known.get(key)
    if found is None:
        found = known[key] = regex.compile(pattern, flags, **dict(lists))
        if not _added:
            _added = True
            atexit.register(_save)
    return found


def _loaded() -> dict[tuple, regex.Pattern]:
    global _known
    if _known is None:
        path = cache.environment_entry(_KIND)
        found = cache.load(path) if path is not None else None
        _known = found if isinstance(found, dict) else {}
    return _known


def _save() -> None:
    path = cache.environment_entry(_KIND)
    if path is not None and _known:
        cache.store(path, _known)
