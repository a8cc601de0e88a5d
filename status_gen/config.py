"""Read settings from ``[tool.status-gen]`` in pyproject.toml, or a ``.status-gen.toml``.

The settings value itself (``Config``) lives in ``settings.py``, which imports nothing of
status-gen: rules type-check against it while this module imports the rule registry to
validate rule names, and neither import closes a loop.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import fields
from pathlib import Path
from typing import Any

from .errors import Location, StatusGenError
from .hints import closest
from .settings import RULE_LEVELS, Config
from .vocabulary import DEFAULT_LABELS, ICONS, LEVELS, Label

__all__ = ["RULE_LEVELS", "Config", "find_config_file", "load_config", "parse_table"]

_SCALARS: dict[str, type] = {
    "data": str,
    "templates": str,
    "output": str,
    "max_age_days": int,
    "component_max_age_days": int,
    "max_section_age_days": int,
    "p0_max_age_days": int,
    "min_pass_rate": float,
}
_KNOWN = [*_SCALARS, "labels", "rules"]


def find_config_file(cwd: Path) -> Path | None:
    """``.status-gen.toml`` wins over pyproject.toml; a pyproject without our table is skipped."""
    dedicated = cwd / ".status-gen.toml"
    if dedicated.is_file():
        return dedicated
    pyproject = cwd / "pyproject.toml"
    if pyproject.is_file() and re.search(r"^\[tool\.status-gen[.\]]", _read(pyproject), re.M):
        return pyproject
    return None


def load_config(explicit: str | None, cwd: Path | None = None) -> Config:
    cwd = cwd or Path.cwd()
    path = Path(explicit) if explicit else find_config_file(cwd)
    if path is None:
        return _resolve(Config(root=cwd), cwd)
    display = _display(path, cwd)
    text = _read(path, display)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+), column (\d+)", str(exc))
        where = Location(display, int(match[1]), int(match[2])) if match else Location(display)
        raise StatusGenError(f"TOML syntax error: {str(exc).split(' (at')[0]}", where) from None
    table: Any = document
    if path.name == "pyproject.toml":  # any other file holds the settings at its top level
        tool = document.get("tool", {})
        table = tool.get("status-gen", {}) if isinstance(tool, dict) else {}
        if not isinstance(table, dict):
            raise StatusGenError("[tool.status-gen] must be a table of settings", _where(display, text, "status-gen"))
    config = _resolve(parse_table(table, display, text), path.parent.resolve() if explicit else cwd)
    if "templates" in table and config.templates is not None and not config.templates.is_dir():
        raise StatusGenError(
            f"setting 'templates' names a folder that does not exist: {table['templates']}",
            _where(display, text, "templates"),
        )
    return config


def _display(path: Path, cwd: Path) -> str:
    try:
        return path.relative_to(cwd).as_posix() if path.is_absolute() else str(path)
    except ValueError:
        return str(path)


def _read(path: Path, display: str | None = None) -> str:
    from .loader import decode

    display = display or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise StatusGenError("config file does not exist (check --config)", Location(display)) from None
    except IsADirectoryError:
        raise StatusGenError("config path is a folder, not a TOML file", Location(display)) from None
    except OSError as exc:
        raise StatusGenError(f"cannot read config file: {exc.strerror or exc}", Location(display)) from None
    return decode(data, display)  # NUL or non-UTF-8 bytes are reported with their line and column


def _where(display: str, text: str, key: str) -> Location:
    """TOML parsers keep no positions; find the key's line by its text (best effort)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"\s*\"?{re.escape(key)}\"?\s*=", line):
            return Location(display, number, line.index(key.split(".")[-1][:1]) + 1)
    return Location(display)


def parse_table(table: dict[str, Any], display: str, text: str = "") -> Config:
    values: dict[str, Any] = {"source": display}
    for key, value in table.items():
        where = _where(display, text, key)
        if key not in _KNOWN:
            close = closest(key, _KNOWN)
            hint = f"; did you mean '{close}'?" if close else f"; known keys: {', '.join(_KNOWN)}"
            raise StatusGenError(f"unknown setting '{key}'{hint}", where)
        if key == "labels":
            values["labels"] = _labels(value, display, text)
        elif key == "rules":
            values["rules"] = _rules(value, display, text)
        else:
            kind = _SCALARS[key]
            ok = isinstance(value, kind) or (kind is float and isinstance(value, int))
            if not ok or isinstance(value, bool):
                raise StatusGenError(f"setting '{key}' must be {kind.__name__}, not {value!r}", where)
            if kind is float and not math.isfinite(value):
                raise StatusGenError(f"setting '{key}' must be a finite number, not {value!r}", where)
            if kind in (int, float) and value < 0:
                raise StatusGenError(f"setting '{key}' must not be negative", where)
            if key == "min_pass_rate" and value > 100:
                raise StatusGenError("setting 'min_pass_rate' is a percentage (0-100)", where)
            values[key] = Path(value) if key in ("data", "templates") else value
    return Config(**values)


def _labels(value: Any, display: str, text: str) -> dict[str, Label]:
    labels = dict(DEFAULT_LABELS)
    if not isinstance(value, dict):
        raise StatusGenError(
            "'labels' must be a table of NAME = { level = ..., icon = ... }", _where(display, text, "labels")
        )
    for name, spec in value.items():
        where = _where(display, text, name)
        if isinstance(spec, str):
            spec = {"level": spec}
        if not isinstance(spec, dict) or spec.get("level") not in LEVELS or set(spec) - {"level", "icon"}:
            raise StatusGenError(f'label \'{name}\' needs level = "ok" | "warn" | "fail" and an optional icon', where)
        level = spec["level"]
        labels[name] = Label(name, level, str(spec.get("icon", ICONS[level])))
    return labels


def _rules(value: Any, display: str, text: str) -> dict[str, str]:
    from .rules.registry import find_rule

    if not isinstance(value, dict):
        raise StatusGenError(
            '\'rules\' must be a table of CODE = "error" | "warning" | "off"', _where(display, text, "rules")
        )
    chosen: dict[str, str] = {}
    for name, level in value.items():
        where = _where(display, text, name)
        rule = find_rule(name)
        if rule is None:
            raise StatusGenError(f"unknown rule '{name}' (see 'status-gen rules')", where)
        if level not in RULE_LEVELS:
            raise StatusGenError(f'rule \'{name}\' must be "error", "warning" or "off", not {level!r}', where)
        chosen[rule.code] = level
    return chosen


def _resolve(config: Config, base: Path) -> Config:
    """Make paths absolute against the config's folder; find templates/ when present."""
    data = config.data if config.data.is_absolute() else base / config.data
    templates = config.templates
    if templates is not None and not templates.is_absolute():
        templates = base / templates
    if templates is None and (base / "templates").is_dir():
        templates = base / "templates"
    kwargs = {f.name: getattr(config, f.name) for f in fields(config)}
    kwargs.update(root=base, data=data, templates=templates)
    return Config(**kwargs)
