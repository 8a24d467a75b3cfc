"""The rule registry: every Rule subclass in this package's modules, validated at import."""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from typing import Iterable

from .base import Example, Rule, validate

__all__ = ["Rule", "Example", "all_rules", "get_rule", "resolve", "RegistryError"]


class RegistryError(Exception):
    pass


@lru_cache(maxsize=None)
def all_rules() -> tuple[type[Rule], ...]:
    """Every registered rule class, sorted by code."""
    found: dict[str, type[Rule]] = {}
    names: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for obj in vars(module).values():
            if not (isinstance(obj, type) and issubclass(obj, Rule) and obj.__module__ == module.__name__
                    and "code" in vars(obj)):
                continue
            problems = validate(obj)
            if problems:
                raise RegistryError(f"{obj.__name__}: " + "; ".join(problems))
            for code in (obj.code, *obj.aliases):
                if code in found:
                    raise RegistryError(f"duplicate code {code}: {obj.__name__} and {found[code].__name__}")
                found[code] = obj
            if obj.name in names:
                raise RegistryError(f"duplicate rule name {obj.name}")
            names[obj.name] = obj.code
    return tuple(sorted({r for r in found.values()}, key=lambda r: r.code))


def get_rule(key: str) -> type[Rule]:
    """A rule by code, alias or name."""
    for rule in all_rules():
        if key.upper() == rule.code or key.upper() in rule.aliases or key == rule.name:
            return rule
    raise KeyError(key)


def _matches(rule: type[Rule], selector: str) -> bool:
    s = selector.strip()
    if s.upper() == "ALL":
        return True
    if s == rule.name or s == rule.category:
        return True
    up = s.upper()
    return any(code.startswith(up) for code in (rule.code, *rule.aliases)) and up.startswith("MT")


def known_selector(selector: str) -> bool:
    return any(_matches(r, selector) for r in all_rules())


def resolve(select: Iterable[str] = (), ignore: Iterable[str] = (), target: str = "en") -> list[type[Rule]]:
    """The rules that ``select`` (default: all) minus ``ignore`` leave for a target language."""
    select = list(select) or ["ALL"]
    ignore = list(ignore)
    return [r for r in all_rules()
            if target in r.targets
            and any(_matches(r, s) for s in select)
            and not any(_matches(r, s) for s in ignore)]
