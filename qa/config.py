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

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


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


def _lexicons(key: str, value: Any, base: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{key}: expected a table of kind = [files]")
    out = []
    for kind, files in value.items():
        paths = []
        for f in _str_list(f"{key}.{kind}", files):
            p = (base / f).resolve()
            if not p.is_file():
                raise ConfigError(f"{key}.{kind}: no such file {f}")
            paths.append(str(p))
        out.append((kind, tuple(paths)))
    return tuple(sorted(out))


def _per_file_ignores(key: str, value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{key}: expected a table of glob = [codes]")
    return tuple(sorted((glob, _str_list(f"{key}.{glob}", codes)) for glob, codes in value.items()))


KEYS = ("select", "ignore", "per-file-ignores", "severity", "lexicons", "field", "fail-on",
        "max-penalty", "min-confidence", "lang", "ignore-words")


@dataclass
class RunConfig:
    """The effective configuration of a run, with where each value came from."""

    values: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    base: Path = field(default_factory=Path.cwd)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def settings(self) -> Settings:
        return settings_from_mapping(self.values, self.base)


def validate(mapping: Mapping[str, Any], base: Path) -> dict[str, Any]:
    """Checked, normalised values for every key of ``mapping``."""
    from .pack import available_pairs
    from .rules import known_selector

    out: dict[str, Any] = {}
    for key, value in mapping.items():
        if key not in KEYS:
            raise ConfigError(f"unknown key {key!r} (known: {', '.join(KEYS)})")
        if key in ("select", "ignore"):
            items = _str_list(key, value)
            bad = [s for s in items if not known_selector(s)]
            if bad:
                raise ConfigError(f"{key}: {', '.join(bad)} matches no rule code, name or category")
            out[key] = items
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
            if value not in available_pairs():
                raise ConfigError(f"lang: unknown pair {value!r} (available: {', '.join(available_pairs())})")
            out[key] = value
        elif key in ("field", "ignore-words"):
            if not isinstance(value, str) or not value:
                raise ConfigError(f"{key}: expected a string")
            out[key] = value
    return out


def settings_from_mapping(mapping: Mapping[str, Any], base: Optional[Path] = None) -> Settings:
    values = validate(mapping, base or Path.cwd())
    return Settings(
        lang=values.get("lang", "fr-en"),
        select=values.get("select", ()),
        ignore=values.get("ignore", ()),
        severity=values.get("severity", ()),
        min_confidence=values.get("min-confidence", 0.5),
        lexicons=values.get("lexicons", ()),
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
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
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
        run.base = path.parent.resolve()
        try:
            run.values.update(validate(table, run.base))
        except ConfigError as exc:
            raise ConfigError(f"{path}: {exc}") from None
        run.origins.update({k: str(path) for k in table})
    cli_values = validate({k: v for k, v in overrides.items() if v not in (None, (), [])}, Path.cwd())
    run.values.update(cli_values)
    run.origins.update({k: "command line" for k in cli_values})
    return run
