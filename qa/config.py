"""Configuration: ``--config FILE``, else the nearest ``mtlint.toml`` or ``pyproject.toml``
``[tool.mtlint]`` from the current directory upward; command-line flags override it.

Keys are the long option names. Unknown keys and bad values raise ConfigError (exit 2).
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional

from .engine import Settings
from .finding import Severity


class ConfigError(ValueError):
    """A configuration problem; the message names the file and key."""


def _str_list(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.split(",") if v.strip()]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key}: expected a list of strings")
    return tuple(v.strip() for v in value)


def _severity_name(key: str, value: Any) -> str:
    try:
        return Severity(value).value
    except ValueError:
        raise ConfigError(f"{key}: {value!r} is not one of minor, major, critical") from None


def _number(key: str, value: Any, low: float, high: Optional[float] = None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{key}: expected a number, got {value!r}") from None
    if value < low or (high is not None and value > high):
        raise ConfigError(f"{key}: {value} is out of range")
    return float(value)


def _severity_map(key: str, value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{key}: expected a table such as {{MT101 = \"major\"}}")
    from .rules import get_rule

    out = []
    for rule, sev in value.items():
        try:
            get_rule(rule)
        except KeyError:
            raise ConfigError(f"{key}: unknown rule {rule!r}") from None
        out.append((rule.upper() if rule.upper().startswith("MT") else rule, _severity_name(f"{key}.{rule}", sev)))
    return tuple(sorted(out))


def lexicon_kinds() -> frozenset[str]:
    """The pattern lexicons a user file may extend: those of the packs and those rules read."""
    from .pack import available_pairs, corpora_root
    from .rules import all_rules

    kinds = {p.stem for pair in available_pairs() for p in (corpora_root() / pair).glob("*.tsv")}
    for rule in all_rules():
        kinds.update(rule.lexicons)
        own = getattr(rule, "lexicon", None)  # LexiconRule subclasses name their one lexicon
        if isinstance(own, str):
            kinds.add(own)
    return frozenset(kinds)


def _file(key: str, value: Any, base: Path) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{key}: expected a file name")
    path = (base / value).resolve()
    if not path.is_file():
        raise ConfigError(f"{key}: no such file {value}")
    return str(path)


def _lexicons(key: str, value: Any, base: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    from .lexicon.load import LexiconError, load_rows

    if not isinstance(value, Mapping):
        raise ConfigError(f"{key}: expected a table of kind = [files]")
    known = lexicon_kinds()
    out = []
    for kind, files in value.items():
        if kind not in known:
            raise ConfigError(f"{key}: unknown lexicon kind {kind!r} (known: {', '.join(sorted(known))})")
        paths = [_file(f"{key}.{kind}", f, base) for f in _str_list(f"{key}.{kind}", files)]
        for p in paths:
            try:
                load_rows(p)
            except (LexiconError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{key}.{kind}: {exc}") from None
        out.append((kind, tuple(paths)))
    return tuple(sorted(out))


def _selectors(key: str, value: Any) -> tuple[str, ...]:
    from .rules import known_selector

    items = _str_list(key, value)
    bad = [s for s in items if not known_selector(s)]
    if bad:
        raise ConfigError(f"{key}: {', '.join(bad)} matches no rule code, name or category")
    return items


def _per_file_ignores(key: str, value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{key}: expected a table of glob = [codes]")
    return tuple(sorted((glob, _selectors(f"{key}.{glob}", codes)) for glob, codes in value.items()))


#: Every key and its default (None: not set).
DEFAULTS: dict[str, Any] = {
    "select": (), "ignore": (), "per-file-ignores": (), "severity": (), "lexicons": (), "field": None,
    "fail-on": "minor", "max-penalty": None, "min-confidence": 0.5, "lang": "fr-en", "ignore-words": None,
    "langid": "marked",
}
KEYS = tuple(DEFAULTS)
#: Language identification on the spans a marker pass flags, or on every paragraph.
LANGID_MODES = ("marked", "all")
TABLE_KEYS = frozenset({"per-file-ignores", "severity", "lexicons"})
COMMAND_LINE = "command line"


@dataclass
class RunConfig:
    """The effective configuration of a run, with where each value came from."""

    values: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    base: Path = field(default_factory=Path.cwd)
    #: The configuration file read, if any.
    path: Optional[Path] = None

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def settings(self) -> Settings:
        return settings_from_values(self.values)

    def effective(self) -> list[tuple[str, Any, str]]:
        """(key, JSON-ready value, origin) for every key; origin is ``default``, the file or ``command line``."""
        return [(k, _plain(k, self.values.get(k, DEFAULTS[k])), self.origins.get(k, "default")) for k in KEYS]


def _plain(key: str, value: Any) -> Any:
    """A validated value as JSON: tables (stored as sorted pairs) become objects, tuples lists."""
    if key in TABLE_KEYS:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in value}
    return list(value) if isinstance(value, tuple) else value


def validate(mapping: Mapping[str, Any], base: Path) -> dict[str, Any]:
    """Checked, normalised values for every key of ``mapping``."""
    from .pack import available_pairs

    out: dict[str, Any] = {}
    for key, value in mapping.items():
        if key not in KEYS:
            raise ConfigError(f"unknown key {key!r} (known: {', '.join(KEYS)})")
        if key in ("select", "ignore"):
            out[key] = _selectors(key, value)
        elif key == "severity":
            out[key] = _severity_map(key, value)
        elif key == "lexicons":
            out[key] = _lexicons(key, value, base)
        elif key == "per-file-ignores":
            out[key] = _per_file_ignores(key, value)
        elif key == "fail-on":
            out[key] = _severity_name(key, value)
        elif key == "max-penalty":
            out[key] = _number(key, value, 0)
        elif key == "min-confidence":
            out[key] = _number(key, value, 0, 1)
        elif key == "lang":
            pairs = available_pairs()
            # auto-<tgt> guesses the source language per article among the packs for that target.
            autos = tuple(sorted({f"auto-{p.split('-', 1)[1]}" for p in pairs}))
            if value not in pairs and value not in autos:
                raise ConfigError(f"lang: unknown pair {value!r} (available: {', '.join(pairs + autos)})")
            out[key] = value
        elif key == "field":
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{key}: expected a field name")
            out[key] = value
        elif key == "ignore-words":
            out[key] = _file(key, value, base)
        elif key == "langid":
            if value not in LANGID_MODES:
                raise ConfigError(f"langid: {value!r} is not one of {', '.join(LANGID_MODES)}")
            out[key] = value
    return out


def settings_from_mapping(mapping: Mapping[str, Any], base: Optional[Path] = None) -> Settings:
    return settings_from_values(validate(mapping, base or Path.cwd()))


def settings_from_values(values: Mapping[str, Any]) -> Settings:
    """Engine settings from already validated values."""
    return Settings(
        lang=values.get("lang", "fr-en"),
        select=values.get("select", ()),
        ignore=values.get("ignore", ()),
        severity=values.get("severity", ()),
        min_confidence=values.get("min-confidence", 0.5),
        lexicons=values.get("lexicons", ()),
        langid=values.get("langid", "marked"),
    )


def find_config(start: Optional[Path] = None) -> Optional[tuple[Path, dict]]:
    """The nearest ``mtlint.toml`` or ``pyproject.toml`` with ``[tool.mtlint]``, and its table."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / "mtlint.toml"
        if own.is_file():
            return own, _read(own, own_file=True)
        project = folder / "pyproject.toml"
        if project.is_file():
            table = _read(project, own_file=False)
            if table is not None:
                return project, table
    return None


def _read(path: Path, own_file: bool) -> Optional[dict]:
    if sys.version_info >= (3, 11):  # imported only where a file is read
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as exc:  # nesting too deep
        raise ConfigError(f"{path}: {exc}") from None
    if own_file:
        return data.get("tool", {}).get("mtlint", data) if "tool" in data else data
    return data.get("tool", {}).get("mtlint")


def load(config_file: Optional[str], overrides: Mapping[str, Any]) -> RunConfig:
    """Merge the configuration file (explicit or discovered) with command-line ``overrides``."""
    run = RunConfig()
    if config_file:
        path = Path(config_file)
        if not path.is_file():
            raise ConfigError(f"{config_file}: no such configuration file")
        table = _read(path, own_file=path.name != "pyproject.toml") or {}
        found: Optional[tuple[Path, dict]] = (path, table)
    else:
        found = find_config()
    if found:
        path, table = found
        run.path = path
        run.base = path.parent.resolve()
        try:
            run.values.update(validate(table, run.base))
        except ConfigError as exc:
            raise ConfigError(f"{path}: {exc}") from None
        run.origins.update({k: str(path) for k in table})
    try:
        cli_values = validate({k: v for k, v in overrides.items() if v not in (None, (), [])}, Path.cwd())
    except ConfigError as exc:
        raise ConfigError(f"{COMMAND_LINE}: {exc}") from None
    run.values.update(cli_values)
    run.origins.update({k: COMMAND_LINE for k in cli_values})
    return run
