"""Load a data folder into validated models; map every pydantic error back to file:line:column."""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from . import datafiles
from . import models as m
from .confine import for_reading
from .errors import Location, StatusGenError, raise_all
from .hints import closest
from .indentation import dedented
from .loader import Document, Map, Seq, load_file
from .vocabulary import Label

if TYPE_CHECKING:
    from .evidence.collect import Evidence

EXTENSIONS = (".yaml", ".yml")
MAX_ERRORS_PER_FILE = 100
REQUIRED = ("project",)


@dataclass
class Dataset:
    """Everything the data folder says, validated, with id indexes built once."""

    project: m.Project
    components: list[m.Component] = field(default_factory=list)
    issues: list[m.Issue] = field(default_factory=list)
    blockers: list[m.Blocker] = field(default_factory=list)
    final_steps: list[str] = field(default_factory=list)
    categories: list[m.TestCategory] = field(default_factory=list)
    commands: list[m.Command] = field(default_factory=list)
    priorities: datafiles.PrioritiesFile | None = None
    runs: list[m.ValidationRun] = field(default_factory=list)
    milestones: list[m.Milestone] = field(default_factory=list)
    risks: list[m.Risk] = field(default_factory=list)
    checklists: list[m.Checklist] = field(default_factory=list)
    free_sections: list[m.FreeSection] = field(default_factory=list)
    outline: datafiles.Outline | None = None
    documents: dict[str, Document] = field(default_factory=dict)
    evidence: Evidence | None = None  # what the reports say, once read (evidence.collect)
    # What git says, when the outline shows it: a history.Derived (typed loosely, since history's
    # modules import this one), set by api.attach_history.
    history: Any = None
    kinds: frozenset[str] = frozenset()  # the kinds of data file the folder has

    def __post_init__(self) -> None:
        # First record wins for duplicated ids; the duplicate-id rule reports the others.
        self.component_by_id: dict[str, m.Component] = {}
        for c in self.components:
            self.component_by_id.setdefault(c.id, c)
        self.issue_by_number: dict[int, m.Issue] = {}
        for i in self.issues:
            self.issue_by_number.setdefault(i.number, i)
        self.metric_by_id: dict[str, m.Metric] = {}
        for metric in self.project.metrics:
            self.metric_by_id.setdefault(metric.id, metric)

    @property
    def latest_run(self) -> m.ValidationRun | None:
        return max(self.runs, key=lambda r: r.date, default=None)


def data_files(folder: Path, display: str, root: Path | None = None) -> dict[str, tuple[Path, str]]:
    """The data files in a folder by kind, refusing unknown or doubled kinds.

    The folder and every file must really lie inside the project ``root`` (symlinks followed).
    """
    for_reading(folder, root, display)
    if not folder.exists():
        raise StatusGenError(
            "data folder does not exist (run 'status-gen init' to create an example, or pass --data)",
            Location(display),
        )
    if not folder.is_dir():
        raise StatusGenError("--data must be a folder of YAML files, not a file", Location(display))
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise StatusGenError(f"cannot list data folder: {exc.strerror}", Location(display)) from None
    by_name = {path.name: path for path in entries}
    named, errors = _classify(list(by_name), display)
    found: dict[str, tuple[Path, str]] = {}
    for kind, (name, shown) in named.items():
        try:
            found[kind] = (for_reading(by_name[name], root or folder, shown), shown)
        except StatusGenError as exc:
            errors.append(exc)
    _require(found, errors, display)
    raise_all(errors)
    return found


def kinds_of(names: list[str], display: str) -> dict[str, tuple[str, str]]:
    """Which file (name, shown path) holds each kind, from a folder's sorted file names.

    Shared by the working tree and by revisions read from git, so both accept the same files.
    """
    found, errors = _classify(names, display)
    _require(found, errors, display)
    raise_all(errors)
    return found


def _classify(names: list[str], display: str) -> tuple[dict[str, tuple[str, str]], list[StatusGenError]]:
    found: dict[str, tuple[str, str]] = {}
    errors: list[StatusGenError] = []
    for name in names:
        # Hidden files are editors' locks and backups (emacs' '.#components.yaml' is a dangling
        # symlink that exists while the file is being edited), never data.
        kind, dot, suffix = name.rpartition(".")
        if not dot or f".{suffix}" not in EXTENSIONS or name.startswith("."):
            continue
        shown = f"{display.rstrip('/')}/{name}"
        if kind not in datafiles.FILE_MODELS:
            close = closest(kind, datafiles.FILE_MODELS)
            hint = f"; did you mean '{close}.{suffix}'?" if close else ""
            known = ", ".join(f"{k}.yaml" for k in datafiles.FILE_MODELS)
            errors.append(StatusGenError(f"unknown data file{hint} (known: {known})", Location(shown)))
        elif kind in found:
            errors.append(
                StatusGenError(f"'{kind}' is defined twice (also {found[kind][1]}); keep one", Location(shown))
            )
        else:
            found[kind] = (name, shown)
    return found, errors


def _require(found: Mapping[str, object], errors: list[StatusGenError], display: str) -> None:
    for kind in REQUIRED:
        if kind not in found and not errors:
            errors.append(StatusGenError(f"missing {kind}.yaml: every data folder needs one", Location(display)))


def load_dataset(
    folder: Path,
    labels: dict[str, Label],
    display: str | None = None,
    root: Path | None = None,
    max_errors: int = MAX_ERRORS_PER_FILE,
) -> Dataset:
    """Read, parse and validate every data file; all errors of all files are raised together."""
    display = display or str(folder)
    files = data_files(folder, display, root)
    sources = {kind: partial(load_file, path, shown) for kind, (path, shown) in files.items()}
    return build_dataset(sources, labels, max_errors)


def build_dataset(
    sources: Mapping[str, Callable[[], Document]], labels: dict[str, Label], max_errors: int = MAX_ERRORS_PER_FILE
) -> Dataset:
    """Validate one document per kind (each read by its callable); all errors are raised together."""
    documents: dict[str, Document] = {}
    validated: dict[str, Any] = {}
    errors: list[StatusGenError] = []
    context = {"labels": labels}
    for kind, read in sources.items():
        try:
            document = read()
            documents[kind] = document
            validated[kind] = validate_document(kind, document, context, max_errors)
        except StatusGenError as exc:
            errors.extend(getattr(exc, "errors", [exc]))
    raise_all(errors)
    if "sections" in validated:
        raise_all(list(_free_section_errors(validated["sections"].sections, documents["sections"])))
    blockers = validated.get("blockers")
    tests = validated.get("tests")
    return Dataset(
        project=validated["project"].project,
        components=validated["components"].components if "components" in validated else [],
        issues=validated["issues"].issues if "issues" in validated else [],
        blockers=blockers.blockers if blockers else [],
        final_steps=blockers.final_steps if blockers else [],
        categories=tests.categories if tests else [],
        commands=tests.commands if tests else [],
        priorities=validated.get("priorities"),
        runs=validated["validation"].runs if "validation" in validated else [],
        milestones=validated["milestones"].milestones if "milestones" in validated else [],
        risks=validated["risks"].risks if "risks" in validated else [],
        checklists=validated["checklists"].checklists if "checklists" in validated else [],
        free_sections=validated["sections"].sections if "sections" in validated else [],
        outline=validated.get("outline"),
        documents={d.path: d for d in documents.values()},
        kinds=frozenset(validated),
    )


def _free_section_errors(sections: list[m.FreeSection], document: Document) -> Iterator[StatusGenError]:
    """Free Markdown that would break the sections after it, at its line in the YAML file."""
    from .verify import check_body

    lines = document.text.splitlines()
    for section in sections:
        found = check_body(section.body)
        if found is None:
            continue
        offset, problem = found
        where = section.where("body")
        # A block scalar ('|' or '>') starts its text on the line after the indicator.
        source = lines[where.line - 1] if 0 < where.line <= len(lines) else ""
        block = source[where.column - 1 : where.column].strip() in ("|", ">")
        line = where.line + offset - (0 if block else 1)
        yield StatusGenError(
            f"free section '{section.id}', line {offset} of its body: {problem}",
            Location(where.path, line, where.column if not block else 1),
        )


def validate_document(
    kind: str, document: Document, context: dict[str, Any], max_errors: int = MAX_ERRORS_PER_FILE
) -> Any:
    """The file's model, or up to ``max_errors`` errors and a line saying how many more there are.

    Long lists are validated in chunks first, stopping at the cap: pydantic reports every error of
    a list at once, and a 4 MB file of '- 1' items made a million errors (19 s, 2 GB; at 31 MB it
    aborted). A chunk ends after 1,000 items or about 1,000 values, whichever comes first, and the
    loader bounds one record (MAX_RECORD_VALUES), so no chunk can hold more than about 11,000
    errors. Valid chunks are kept, so the whole file is still validated only once.
    """
    model = datafiles.FILE_MODELS[kind]
    root = document.root
    if not isinstance(root, Map):
        found = type(root).__name__ if root is not None else "nothing"
        key = next(iter(model.model_fields))
        raise StatusGenError(
            f"expected a mapping with the key '{key}:' at the top, found {_kind_name(found)}",
            Location(document.path, 1, 1),
        )
    data = root
    for name, value in root.items():
        if isinstance(value, Seq) and value.weight > _CHUNK and name in model.model_fields:
            items = _validate_in_chunks(model, name, value, document, context, max_errors)
            if data is root:
                data = Map(root.path, root.line, root.column)
                data.update(root)
                data.key_at, data.value_at = root.key_at, root.value_at
            data[name] = items
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        errors = [_to_error(error, model, document) for error in exc.errors(include_url=False)[: max_errors + 1]]
        raise_all(_capped(errors, exc.error_count(), max_errors))
        raise AssertionError("unreachable") from None


# Items per chunk, or values (all levels) per chunk: errors come per value, so a chunk of records
# with many values each is cut sooner. One record holds at most loader.MAX_RECORD_VALUES.
_CHUNK = 1000


def _chunks(items: Seq) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive items holding at most _CHUNK items and about _CHUNK values."""
    start, weight = 0, 0
    for index, item in enumerate(items):
        weight += 1 + getattr(item, "weight", 0)
        if index + 1 - start >= _CHUNK or weight >= _CHUNK:
            yield start, index + 1
            start, weight = index + 1, 0
    if start < len(items):
        yield start, len(items)


def _validate_in_chunks(
    model: type[BaseModel], name: str, items: Seq, document: Document, context: dict[str, Any], max_errors: int
) -> list[Any]:
    from pydantic import TypeAdapter

    annotation: Any = model.model_fields[name].annotation
    adapter: TypeAdapter[list[Any]] = TypeAdapter(annotation)
    validated: list[Any] = []
    errors: list[StatusGenError] = []
    for start, end in _chunks(items):
        try:
            validated += adapter.validate_python(items[start:end], context=context)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                loc = error["loc"]
                shifted = (name, start + loc[0], *loc[1:]) if loc and isinstance(loc[0], int) else (name, *loc)
                errors.append(_to_error({**error, "loc": shifted}, model, document))
                if len(errors) > max_errors:
                    raise_all(_capped(errors, None, max_errors))
    raise_all(errors)
    return validated


def _capped(errors: list[StatusGenError], total: int | None, limit: int) -> list[StatusGenError]:
    """The first ``limit`` errors, then one (at the first error left out) saying how many more."""
    if len(errors) <= limit:
        return errors
    more = f"and {total - limit:,} more errors" if total is not None else "and more errors (validation stopped)"
    note = f"{more} in this file; showing the first {limit} (setting max_errors_per_file)"
    return [*errors[:limit], StatusGenError(note, errors[limit].where)]


def _kind_name(name: str) -> str:
    return {"Seq": "a list", "str": "text", "int": "a number", "float": "a number", "bool": "true/false"}.get(
        name, name
    )


def _to_error(error: Any, model: type[BaseModel], document: Document) -> StatusGenError:
    """Walk the YAML tree along the error's loc to find the offending node."""
    node: Any = document.root
    where = Location(document.path, 1, 1)
    names: list[str] = []
    owner: type[BaseModel] | None = model
    loc = error["loc"]
    kind = error["type"]
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, Map) and isinstance(part, str) and (part in node or part in node.key_at):
            if last and kind == "extra_forbidden":
                where = node.where(part, of_key=True)
                break
            where = node.where(part)
            names.append(part)
            node = node.get(part)
            owner = _field_model(owner, part)
        elif isinstance(node, Seq) and isinstance(part, int) and 0 <= part < len(node):
            where = node.where(part)
            names[-1:] = [f"{names[-1]}[{part}]"] if names else [f"[{part}]"]
            node = node[part]
        elif isinstance(node, Map) and isinstance(part, str) and last and kind == "missing":
            where = node.where()
            names.append(part)
        # anything else is a pydantic label such as 'list[int]' or 'function-after[...]'
    field_name = ".".join(names)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        slip = dedented(document.lines, where.line) if where.line else None
        if slip:  # a key dedented out of the block above it: "did you mean" would only mislead
            return StatusGenError(f"unknown key '{key}' here; {slip}", where)
        known = list(owner.model_fields) if owner else []
        close = closest(key, known)
        hint = f"; did you mean '{close}'?" if close else f" (allowed: {', '.join(known)})"
        return StatusGenError(f"unknown key '{key}'{hint}", where)
    if kind == "missing":
        return StatusGenError(f"missing required key '{loc[-1]}'", where)
    message = str(error["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    message = message[0].lower() + message[1:] if message else message
    return StatusGenError(f"{field_name}: {message}{_hint(error, document, where)}", where)


def _hint(error: Any, document: Document, where: Location) -> str:
    value = error.get("input")
    kind = error["type"]
    if kind.startswith("date"):  # a well-formed but impossible date, such as 2025-02-30
        return f" (got '{value}'; write dates as YYYY-MM-DD)"
    if kind == "string_type" and value is None:
        return " (the value is empty; write it after the colon, or remove the key)"
    if kind == "string_type" and isinstance(value, (bool, int, float)):
        token = document.token_at(where.line, where.column) or str(value)
        return f' (YAML read this as {_kind_name(type(value).__name__)}; write "{token}" in quotes)'
    if kind == "int_type" and isinstance(value, bool):
        return " (YAML read this as true/false; write a whole number)"
    if kind == "int_type" and isinstance(value, str):
        text = value.strip()
        if text.isdigit() and document.token_at(where.line, where.column) == text:
            # Unquoted digits that did not load as a number have a leading zero (YAML 1.1 octal).
            return f" (numbers have no leading zeros; write {int(text)})"
        return f" (write {text} without quotes)" if text.isdigit() else " (write a whole number, e.g. 42)"
    if kind == "bool_type":
        return " (write true or false, without quotes)"
    if kind == "too_short" and isinstance(value, list) and not value:
        return "; add an entry, or remove the key"
    return ""


def _field_model(owner: type[BaseModel] | None, name: str) -> type[BaseModel] | None:
    """The model class a field holds (through list[...] and optional), for 'did you mean'."""
    if owner is None or name not in owner.model_fields:
        return None
    return _inner_model(owner.model_fields[name].annotation)


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found:
                return found
    return None
