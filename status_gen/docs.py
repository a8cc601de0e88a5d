"""status-gen documents itself: the README's reference tables, generated from the code.

Each table is a named inject region (``<!-- status-gen:begin rules -->`` ... ``<!-- status-gen:end
rules -->``) filled from what the code declares: the rule registry and each rule's options, the
data-file models (through their JSON Schema, what editors see too), the default label vocabulary
and the declared settings. A new rule, field, label or setting appears in the README by running
``status-gen docs``; ``status-gen docs --check`` (run by CI and the test suite) fails when a table
is stale. Pure text functions; reading and writing the file is the CLI's job.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .inject import markers, merge
from .options import plain_number

if TYPE_CHECKING:
    from .options import Option
    from .rules.base import Rule


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    lines = [_row(*header), "|" + "---|" * len(header), *(_row(*r) for r in rows)]
    return "\n".join(lines) + "\n"


def _code(text: str) -> str:
    return f"`{text}`"


def _value(value: Any) -> str:
    if value is None:  # no default: unset unless the user sets it (as_of)
        return ""
    if isinstance(value, bool):
        return _code("true" if value else "false")
    if isinstance(value, str):
        return _code(f'"{value}"')
    return _code(repr(value))


def _inline(text: str) -> str:
    """A one-line doc written with Markdown code spans (``a``): kept as is, only pipes escaped."""
    return text.replace("|", "\\|")


def _summary(text: str) -> str:
    """A docstring summary (reStructuredText ``code``) as Markdown."""
    return _inline(text.replace("``", "`"))


def rules_table() -> str:
    from .rules.registry import FAMILIES, RULES

    return families_table(FAMILIES) + "\n" + _rules_table(RULES)


def family(module: ModuleType) -> tuple[str, str, str]:
    """A rule family's codes, name and what belongs in it, from its docstring's first paragraph.

    That paragraph reads ``SG3xx: statuses. What belongs here.``
    """
    first = " ".join((module.__doc__ or "").strip().split("\n\n", 1)[0].split())
    codes, _, rest = first.partition(": ")
    name, _, covers = rest.partition(". ")
    return codes, name, covers


def families_table(families: Sequence[ModuleType]) -> str:
    rows = []
    for module in families:
        codes, name, covers = family(module)
        path = "status_gen/" + module.__name__.split(".", 1)[1].replace(".", "/") + ".py"
        rows.append((codes, name, _code(path), _summary(covers)))
    return _table(("Family", "Name", "Module", "What belongs in it"), rows)


def lint_rules_table() -> str:
    from .rules.registry import LINT_RULES

    return _rules_table(LINT_RULES)


def _rules_table(rules: Sequence[Rule]) -> str:
    rows = []
    for rule in rules:
        options = ", ".join(_code(f"{o.name} = {o.default!r}") for o in rule.options)
        rows.append((rule.code, _code(rule.slug), rule.level, options, _summary(rule.summary)))
    return _table(("Code", "Slug", "Default", "Options", "What it catches"), rows)


def settings_table() -> str:
    from .config import SETTINGS
    from .rules.registry import LINT_RULES, RULES

    rows = [
        (_code(s.name), _kind(s), _value(s.default) if s.kind is not dict else "", _inline(s.doc)) for s in SETTINGS
    ]
    for rule in (*RULES, *LINT_RULES):
        for option in rule.options:
            name = _code(f"rules.{rule.code}.{option.name}")
            rows.append((name, _kind(option), _value(option.default), _inline(option.doc)))
    return _table(("Setting", "Type", "Default", "What it sets"), rows)


def _kind(option: Option) -> str:
    kind = option.kind_name
    if option.minimum is not None:
        kind += f", at least {plain_number(option.minimum)}"
    if option.maximum is not None:
        kind += f", at most {plain_number(option.maximum)}"
    return kind


def labels_table() -> str:
    from .vocabulary import DEFAULT_LABELS, LEVELS

    rows: list[tuple[str, str, str]] = []
    for level in LEVELS:
        by_icon: dict[str, list[str]] = {}
        for label in DEFAULT_LABELS.values():
            if label.level == level:
                by_icon.setdefault(label.icon, []).append(_code(label.name))
        rows.extend((_code(level), icon, ", ".join(names)) for icon, names in by_icon.items())
    return _table(("Level", "Icon", "Labels"), rows)


def data_files_table() -> str:
    from .datafiles import FILE_MODELS
    from .dataset import REQUIRED
    from .schema import schema_for
    from .vocabulary import DEFAULT_LABELS

    files: list[tuple[str, ...]] = []
    records: dict[str, dict[str, Any]] = {}
    for kind in FILE_MODELS:
        schema = schema_for(kind, DEFAULT_LABELS)
        records.update(schema.get("$defs", {}))
        keys = _fields(schema, list(DEFAULT_LABELS))
        files.append((_code(f"{kind}.yaml"), "yes" if kind in REQUIRED else "", keys))
    rows = [(name, _fields(spec, list(DEFAULT_LABELS))) for name, spec in sorted(records.items())]
    return _table(("File", "Required", "Top-level keys"), files) + "\n" + _table(("Record", "Fields"), rows)


def _fields(schema: dict[str, Any], labels: list[str]) -> str:
    """``name`` type for each property, required first, the optional ones after 'optional:'."""
    required = schema.get("required", [])
    shown = [(name, _type(spec, labels)) for name, spec in schema.get("properties", {}).items()]
    must = [f"{_code(name)} {kind}" for name, kind in shown if name in required]
    may = [f"{_code(name)} {kind}" for name, kind in shown if name not in required]
    return ", ".join(must) + (("; optional: " if must else "optional: ") + ", ".join(may) if may else "")


def _type(spec: dict[str, Any], labels: list[str]) -> str:
    """A short name for a JSON Schema type: id, text, date, label, count, a record, list of ..."""
    if "$ref" in spec:
        return str(spec["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in spec:
        kinds = [_type(s, labels) for s in spec["anyOf"] if s.get("type") != "null"]
        return " or ".join(kinds)
    if spec.get("enum") == labels:
        return "label"
    if "enum" in spec or "const" in spec:
        return " \\| ".join(_code(str(v)) for v in spec.get("enum", [spec.get("const")]))
    kind = spec.get("type")
    if kind == "array":
        return f"list of {_type(spec.get('items', {}), labels)}"
    if kind == "string":
        if spec.get("format") == "date":
            return "date"
        return "id" if "pattern" in spec else "text"
    if kind == "integer":
        return "count" if spec.get("minimum") == 0 else "integer"
    if kind == "boolean":
        return "true/false"
    if kind == "number":
        return "number"
    if kind == "object":
        return "table"
    return "any"


def options_table(commands: Sequence[tuple[str, str, Sequence[str]]]) -> str:
    """Each command with its arguments and options, as (name, arguments, options) from the CLI.

    The CLI reads them off its own commands and hands them over, so this module needs no click
    and the README cannot list a flag a command does not take.
    """
    rows = [
        (
            _code(f"status-gen {name}"),
            _code(_inline(arguments)) if arguments else "",
            ", ".join(_code(_inline(o)) for o in options),
        )
        for name, arguments, options in commands
    ]
    return _table(("Command", "Arguments", "Options"), rows)


# The regions a file may hold, by name: what ``status-gen docs`` fills in.
TABLES: dict[str, Callable[[], str]] = {
    "rules": rules_table,
    "lint-rules": lint_rules_table,
    "settings": settings_table,
    "labels": labels_table,
    "data-files": data_files_table,
}


def regenerate(text: bytes, path: str, tables: Mapping[str, Callable[[], str]] = TABLES) -> tuple[bytes, list[str]]:
    """The file with every reference region it holds regenerated, and the names of those regions.

    ``tables`` is ``TABLES`` plus whatever the caller knows (the CLI adds its ``options`` table).
    Raises StatusGenError for a broken marker (lone, doubled, reversed), like inject mode.
    """
    found = []
    for name, table in tables.items():
        begin, end = markers(name)
        if begin.encode() in text or end.encode() in text:
            found.append(name)
            text = merge(text, table(), path, name)
    return text, found
