"""Read settings from ``[tool.status-gen]`` in pyproject.toml, or a ``.status-gen.toml``.

The settings value itself (``Config``) lives in ``settings.py``, which imports nothing of
status-gen: rules type-check against it while this module imports the rule registry to
validate rule names, and neither import closes a loop.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import tomllib
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .confine import setting_path
from .errors import Location, StatusGenError
from .hints import closest
from .options import Option
from .settings import RULE_LEVELS, Config
from .vocabulary import DEFAULT_LABELS, ICONS, LEVELS, Label

if TYPE_CHECKING:
    from .rules.base import Rule

__all__ = ["RULE_LEVELS", "SETTINGS", "Config", "find_config_file", "load_config", "parse_table"]

# Every top-level setting, declared once: the loader checks values against these and the README's
# settings table is generated from them. A rule's own options are declared on the rule instead.
SETTINGS: tuple[Option, ...] = (
    Option("data", str, "data", "folder of the YAML data files"),
    Option(
        "output", str, "SYSTEM_STATUS.md", "the document to write (a file with inject markers keeps its other text)"
    ),
    Option("templates", str, "templates", "folder of template overrides (used when it exists)"),
    Option(
        "max_errors_per_file",
        int,
        100,
        "errors reported per data file; validation stops there and says how many more",
        minimum=1,
        maximum=10_000,
    ),
    Option(
        "max_output_bytes",
        int,
        32 * 1024 * 1024,
        "largest document, and largest text or list a template may build (ceiling 256 MiB)",
        minimum=1024,
        maximum=256 * 1024 * 1024,
    ),
    Option(
        "recent_days",
        int,
        30,
        "days before `last_updated` in which a closed issue counts as recently completed",
        minimum=0,
        maximum=36_500,
    ),
    Option(
        "as_of",
        dt.date,
        None,
        "the date age rules (SG4xx) and SG205 measure against instead of the system date, for a frozen "
        "example; `--today` still wins",
    ),
    Option("render_timeout", float, 60.0, "seconds a render may take (ceiling 600)", minimum=0.1, maximum=600),
    Option(
        "tracker",
        str,
        "",
        "the issue tracker's JSON export (`gh issue list --json ...` or GitLab's API), compared with issues.yaml",
    ),
    Option(
        "badge",
        str,
        "",
        "the status badge SVG (`status-gen badge` writes it there; `check` fails when it is stale)",
    ),
    Option("provenance", bool, True, "numbers read from test and coverage reports name their file and date"),
    Option("labels", dict, "{}", 'extra status labels: `NAME = { level = "ok" | "warn" | "fail", icon = "..." }`'),
    Option(
        "rules",
        dict,
        "{}",
        'per rule (code or slug): `CODE = "error" | "warning" | "off"`, or a table of `level` and options',
    ),
)
_KNOWN = [o.name for o in SETTINGS]


def find_config_file(cwd: Path) -> Path | None:
    """The settings file of the project that holds ``cwd``, found by walking up as ruff does.

    In each folder ``.status-gen.toml`` wins over pyproject.toml, and a pyproject without our table
    is skipped. The walk stops at the repository's root (a folder holding ``.git``), so a project
    never picks up the settings of an unrelated folder above its clone.
    """
    for folder in (cwd, *cwd.parents):
        dedicated = folder / ".status-gen.toml"
        if dedicated.is_file():
            return dedicated
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and re.search(r"^\[tool\.status-gen[.\]]", _read(pyproject), re.M):
            return pyproject
        if (folder / ".git").exists():
            return None
    return None


def load_config(explicit: str | None, cwd: Path | None = None) -> Config:
    cwd = cwd or Path.cwd()
    path = Path(explicit) if explicit else find_config_file(cwd)
    if path is None:
        return _resolve(Config(root=cwd), cwd)
    # Found by walking up: named relative to the project root, like every data file in messages.
    display = _display(path, cwd) if explicit else path.name
    root = path.parent if path.is_absolute() else cwd / path.parent
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
    config = _resolve(parse_table(table, display, text), root)
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
    from .confine import for_reading
    from .textfile import decode

    display = display or str(path)
    try:
        # A settings file that is a symlink to a secret would print it in "unknown setting" errors.
        data = for_reading(path, path.parent, display).read_bytes()
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


_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


def _locate(display: str, text: str, path: tuple[str, ...]) -> Location:
    """Best-effort position of a nested key (``tool.status-gen.rules.SG403.max_age_days``).

    Found as a ``[table]`` header, as ``key = ...`` under its table's header, or inside the
    inline table on its parent's line; else the parent's position.
    """
    *table, key = path
    current: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            current = tuple(part.strip().strip("\"'") for part in header[1].split("."))
            if current == path:
                return Location(display, number, line.index(key) + 1)
        elif current == tuple(table) and re.match(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=", line):
            return Location(display, number, line.index(key) + 1)
    if not table:
        return Location(display)
    parent = _locate(display, text, tuple(table))
    if parent.line:
        line = text.splitlines()[parent.line - 1]
        inline = re.search(rf"[{{,]\s*[\"']?({re.escape(key)})[\"']?\s*=", line)
        if inline:
            return Location(display, parent.line, inline.start(1) + 1)
    return parent


def _root(display: str) -> tuple[str, ...]:
    """Where the settings sit in their file: under [tool.status-gen] in pyproject.toml, else at the top."""
    return ("tool", "status-gen") if display.endswith("pyproject.toml") else ()


def parse_table(table: dict[str, Any], display: str, text: str = "") -> Config:
    values: dict[str, Any] = {"source": display}
    root = _root(display)
    deprecated: dict[str, Any] = {}
    for key, value in table.items():
        where = _locate(display, text, (*root, key))
        if key not in _KNOWN:
            if key in _legacy():
                deprecated[key] = value
                continue
            raise StatusGenError(f"unknown setting '{key}'{_setting_hint(key, root)}", where)
        if key == "labels":
            values["labels"] = _labels(value, display, text)
        elif key == "rules":
            values["rules"], values["rule_options"] = _rules(value, display, text, root)
        else:
            if key == "as_of" and isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                with contextlib.suppress(ValueError):  # an impossible day stays text: reported below
                    value = dt.date.fromisoformat(value)
            problem = next(o for o in SETTINGS if o.name == key).problem(value)
            if problem:
                raise StatusGenError(f"setting '{key}' {problem}", where)
            if key in ("data", "templates", "output", "tracker", "badge") and value not in ("-", ""):
                value = setting_path(value, key, where)
            values[key] = str(value) if key in ("output", "tracker", "badge") else value
    if deprecated:
        values["rule_options"], values["warnings"] = _migrate(deprecated, values.get("rule_options", {}), display, text)
    return Config(**values)


def _legacy() -> dict[str, tuple[Rule, Option]]:
    """Old top-level threshold keys -> the rule option that replaced them."""
    from .rules.registry import RULES

    return {o.legacy: (r, o) for r in RULES for o in r.options if o.legacy}


def _table_name(root: tuple[str, ...], code: str) -> str:
    return "[" + ".".join((*root, "rules", code)) + "]"


def _setting_hint(key: str, root: tuple[str, ...]) -> str:
    legacy = _legacy()
    close = closest(key, [*_KNOWN, *legacy])
    if close in legacy:
        rule, option = legacy[close]
        return f"; did you mean '{option.name}' under {_table_name(root, rule.code)}?"
    return f"; did you mean '{close}'?" if close else f"; known keys: {', '.join(_KNOWN)}"


def _migrate(
    deprecated: dict[str, Any], options: dict[str, dict[str, Any]], display: str, text: str
) -> tuple[dict[str, dict[str, Any]], tuple[str, ...]]:
    """Old top-level thresholds still work (with a warning naming the new place) unless both are set."""
    root = _root(display)
    options = {code: dict(values) for code, values in options.items()}
    warnings = []
    for key, value in deprecated.items():
        rule, option = _legacy()[key]
        where = _locate(display, text, (*root, key))
        problem = option.problem(value)
        if problem:
            raise StatusGenError(f"setting '{key}' {problem}", where)
        table = _table_name(root, rule.code)
        if option.name in options.get(rule.code, {}):
            raise StatusGenError(f"setting '{key}' is also set as '{option.name}' under {table}; remove '{key}'", where)
        options.setdefault(rule.code, {})[option.name] = option.value(value)
        warnings.append(
            f"{where}: warning: setting '{key}' is deprecated: write '{option.name} = {value!r}' under {table}"
        )
    return options, tuple(warnings)


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


def _rules(
    value: Any, display: str, text: str, root: tuple[str, ...] = ()
) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    """Levels and options per rule code, checked against each rule's own declarations.

    ``CODE = "warning"`` sets the level only; a table (``[rules.CODE]`` or an inline one) holds
    ``level`` and any of the rule's options. Codes and slugs are both accepted.
    """
    from .rules.registry import RULES, find_rule

    if not isinstance(value, dict):
        raise StatusGenError(
            '\'rules\' must be a table of CODE = "error" | "warning" | "off" (or CODE = { level = ..., option = ... })',
            _locate(display, text, (*root, "rules")),
        )
    levels: dict[str, str] = {}
    options: dict[str, dict[str, Any]] = {}
    written: dict[str, str] = {}  # code -> the name the user wrote, to catch a rule set twice
    for name, spec in value.items():
        where = _locate(display, text, (*root, "rules", name))
        rule = find_rule(name)
        if rule is None:
            close = closest(name, [n for r in RULES for n in (r.code, r.slug)])
            hint = f"did you mean '{close}'? " if close else ""
            raise StatusGenError(f"unknown rule '{name}' ({hint}see 'status-gen rules')", where)
        if rule.code in written:
            raise StatusGenError(
                f"rule {rule.code} is set twice, as '{written[rule.code]}' and as '{name}'; keep one", where
            )
        written[rule.code] = name
        if isinstance(spec, str):
            spec = {"level": spec}
        elif not isinstance(spec, dict):
            raise StatusGenError(
                f'rule \'{name}\' must be "error", "warning" or "off", or a table of level and options', where
            )
        for key, given in spec.items():
            here = where if isinstance(value[name], str) else _locate(display, text, (*root, "rules", name, key))
            if key == "level":
                if given not in RULE_LEVELS:
                    raise StatusGenError(f'rule \'{name}\' must be "error", "warning" or "off", not {given!r}', here)
                levels[rule.code] = given
                continue
            option = rule.option(key)
            if option is None:
                known = ["level", *(o.name for o in rule.options)]
                close = closest(key, known)
                hint = f"did you mean '{close}'? " if close else ""
                raise StatusGenError(
                    f"rule {rule.code} has no option '{key}' ({hint}it takes: {', '.join(known)})", here
                )
            problem = option.problem(given)
            if problem:
                raise StatusGenError(f"rule {rule.code} option '{key}' {problem}", here)
            options.setdefault(rule.code, {})[key] = option.value(given)
    return levels, options


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
