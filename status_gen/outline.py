"""The outline: presets, ``outline.yaml``, and the checked list of sections to render.

``resolve`` merges the data folder's ``outline.yaml`` over its preset (``default`` unless it names
another) and checks every entry against the section kinds, raising errors with the YAML position
of the entry at fault. ``sections`` then builds what the main template walks: only sections whose
records are not empty, headings filled in and escaped.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import Location, StatusGenError, raise_all
from .escape import inline
from .hints import closest
from .kinds import KINDS, PLACEHOLDERS, Kind, Placement, Section, View, pick, record_id
from .listitems import check as check_item
from .loader import Map, Seq
from .words import ENGLISH, LANGUAGES, Words, fill, placeholders

if TYPE_CHECKING:
    from . import datafiles
    from .dataset import Dataset

PRESETS = Path(__file__).parent / "presets"
DEFAULT_PRESET = "default"


class Resolved(NamedTuple):
    title: str
    words: Words
    specs: list[datafiles.SectionSpec]
    placement: Placement


def preset_names() -> list[str]:
    return sorted(p.stem for p in PRESETS.glob("*.yaml"))


@functools.cache
def load_preset(name: str) -> datafiles.Outline:
    """A built-in outline, validated like a user's (a broken preset is a bug, caught by tests)."""
    from .dataset import validate_document
    from .loader import load_file

    path = PRESETS / f"{name}.yaml"
    document = load_file(path, f"status_gen/presets/{name}.yaml")
    outline: datafiles.Outline = validate_document("outline", document, {"labels": None})
    return outline


def _preset(name: str, where: Location) -> datafiles.Outline:
    names = preset_names()
    if name not in names:
        close = closest(name, names)
        hint = f"did you mean '{close}'? " if close else ""
        raise StatusGenError(f"unknown preset '{name}'; {hint}(presets: {', '.join(names)})", where)
    return load_preset(name)


def resolve(data: Dataset) -> Resolved:
    """The outline in effect, checked; errors name outline.yaml's lines."""
    from . import datafiles

    given = data.outline or datafiles.Outline()
    preset = _preset(given.preset or DEFAULT_PRESET, given.where("preset"))
    if preset.sections is None and preset.preset:  # a preset that only translates another
        base = load_preset(preset.preset)
        preset = preset.model_copy(update={"sections": base.sections, "title": preset.title or base.title})
    errors: list[StatusGenError] = []
    language = given.language or preset.language or "en"
    if language not in LANGUAGES:
        errors.append(
            StatusGenError(
                f"unknown language '{language}' (built in: {', '.join(sorted(LANGUAGES))}); "
                "set single words with 'words:'",
                given.where("language"),
            )
        )
        language = "en"
    table = dict(LANGUAGES[language])
    for source in (preset, given):
        for key, value in source.words.items():
            error = _check_word(key, value, source)
            if error:
                errors.append(error)
            else:
                table[key] = value
    specs = list(given.sections if given.sections is not None else preset.sections or [])
    owner = given if given.sections is not None else preset
    errors += _check_specs(specs, data, owner)
    title = given.title or preset.title or "{name} Status"
    errors += _check_placeholders(title, given.where("title") if given.title else preset.where("title"), "title")
    raise_all(errors)
    placement = Placement(frozenset(s.kind for s in specs), _placed_ids(specs), _listed_ids(specs))
    return Resolved(title, Words(table), specs, placement)


def _check_word(key: str, value: str, source: datafiles.Outline) -> StatusGenError | None:
    words = source._src.get("words") if source._src is not None else None
    where = words.where(key, of_key=True) if isinstance(words, Map) else source.where("words")
    if key not in ENGLISH:
        close = closest(key, ENGLISH)
        hint = f"; did you mean '{close}'?" if close else " (the keys are status-gen's English words; see words.py)"
        return StatusGenError(f"unknown word '{key}'{hint}", where)
    extra = placeholders(value) - placeholders(key)
    if extra:
        return StatusGenError(f"word '{key}': unknown placeholder {{{sorted(extra)[0]}}}", where)
    return None


def _check_placeholders(text: str, where: Location, what: str) -> list[StatusGenError]:
    unknown = sorted(placeholders(text) - set(PLACEHOLDERS))
    if not unknown:
        return []
    known = ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
    return [StatusGenError(f"{what}: unknown placeholder {{{unknown[0]}}} (known: {known})", where)]


def _check_specs(specs: list[datafiles.SectionSpec], data: Dataset, owner: datafiles.Outline) -> list[StatusGenError]:
    errors: list[StatusGenError] = []
    named: dict[tuple[str, str], datafiles.SectionSpec] = {}
    for spec in specs:
        kind = KINDS.get(spec.kind)
        if kind is None:
            # The reference's kinds keep their old template names; a template name gets its kind.
            by_template = {k.template.removesuffix(".md.j2"): k.name for k in KINDS.values()}
            close = by_template.get(spec.kind) or closest(spec.kind, KINDS)
            hint = f"did you mean '{close}'?" if close else f"the kinds are {', '.join(KINDS)}"
            errors.append(StatusGenError(f"unknown section kind '{spec.kind}'; {hint}", spec.where("kind")))
            continue
        if spec.heading:
            errors += _check_placeholders(spec.heading, spec.where("heading"), "heading")
        for key, text in spec.titles.items():
            src = spec._src.get("titles") if spec._src is not None else None
            where = src.where(key, of_key=True) if isinstance(src, Map) else spec.where("titles")
            if key not in kind.titles:
                close = closest(key, kind.titles)
                allowed = ", ".join(kind.titles) or "none"
                hint = f"; did you mean '{close}'?" if close else f" (kind '{kind.name}' has: {allowed})"
                errors.append(StatusGenError(f"unknown title '{key}'{hint}", where))
            errors += _check_placeholders(text, where, f"title '{key}'")
        if spec.style is not None and spec.style not in kind.styles:
            allowed = " or ".join(kind.styles) if kind.styles else "no style"
            errors.append(StatusGenError(f"kind '{kind.name}' takes {allowed}", spec.where("style")))
        if spec.item is not None:
            problem = check_item(spec.item, kind.name)
            if problem:
                errors.append(StatusGenError(f"item: {problem}", spec.where("item")))
        errors += _check_layout(spec, kind.name)
        if spec.ids is not None:
            errors += _check_ids(spec, kind, data, named)
        if spec.id is not None:
            if kind.pool is None:
                errors.append(
                    StatusGenError(
                        f"kind '{kind.name}' shows all its records; 'id' is for "
                        + ", ".join(k.name for k in KINDS.values() if k.pool),
                        spec.where("id"),
                    )
                )
                continue
            ids = [r.id for r in getattr(data, kind.pool)]
            if spec.id not in ids:
                close = closest(spec.id, ids)
                hint = f"; did you mean '{close}'?" if close else ""
                errors.append(StatusGenError(f"no {kind.name} record has the id '{spec.id}'{hint}", spec.where("id")))
            elif (kind.name, spec.id) in named:
                first = named[(kind.name, spec.id)].where("id")
                errors.append(
                    StatusGenError(f"'{spec.id}' is placed twice (also line {first.line}); keep one", spec.where("id"))
                )
            else:
                named[(kind.name, spec.id)] = spec
    return errors


def _check_ids(
    spec: datafiles.SectionSpec, kind: Kind, data: Dataset, named: dict[tuple[str, str], datafiles.SectionSpec]
) -> list[StatusGenError]:
    """Each id names a record of the kind, once in the whole outline."""
    if kind.every is None:
        pickable = ", ".join(k.name for k in KINDS.values() if k.every)
        return [
            StatusGenError(f"kind '{kind.name}' has no records to pick; 'ids' is for {pickable}", spec.where("ids"))
        ]
    if spec.id is not None:
        return [
            StatusGenError("a section names one record with 'id' or several with 'ids', not both", spec.where("ids"))
        ]
    source = spec._src.get("ids") if spec._src is not None else None
    known = [record_id(r) for r in kind.every(data)]
    errors = []
    for index, ident in enumerate(spec.ids or []):
        where = source.where(index) if isinstance(source, Seq) else spec.where("ids")
        if ident not in known:
            close = closest(ident, known)
            hint = f"; did you mean '{close}'?" if close else ""
            errors.append(StatusGenError(f"no {kind.name} record has the id '{ident}'{hint}", where))
        elif (kind.name, ident) in named:
            first = named[(kind.name, ident)].where("ids")
            errors.append(StatusGenError(f"'{ident}' is placed twice (also line {first.line}); keep one", where))
        else:
            named[(kind.name, ident)] = spec
    return errors


def _check_layout(spec: datafiles.SectionSpec, kind: str) -> list[StatusGenError]:
    """``columns`` and ``rule``: a table layout for kinds whose records fill cells (columns.py)."""
    from .columns import PLACEHOLDERS, rule_problem
    from .layout import check

    errors: list[StatusGenError] = []
    if spec.columns is None:
        if spec.rule is not None:
            message = "'rule' is the separator line of a 'columns' table; add 'columns'"
            errors.append(StatusGenError(message, spec.where("rule")))
        return errors
    if kind not in PLACEHOLDERS:
        message = f"kind '{kind}' has no 'columns' layout (kinds with one: {', '.join(PLACEHOLDERS)})"
        return [StatusGenError(message, spec.where("columns"))]
    if spec.style == "list" or spec.item is not None:
        key = "style" if spec.style == "list" else "item"
        errors.append(StatusGenError(f"'columns' draws a table: remove '{key}'", spec.where(key)))
    known = PLACEHOLDERS[kind]
    for column in spec.columns:
        if column.cell is None:
            if "field" not in known:
                message = f"kind '{kind}' has no 'fields': give the column a 'cell'"
                errors.append(StatusGenError(message, column.where()))
            continue
        problem = check(column.cell, known) or _marker_problem(column.cell)
        if problem:
            errors.append(StatusGenError(f"cell: {problem}", column.where("cell")))
    if spec.rule is not None:
        problem = rule_problem(spec.rule, len(spec.columns))
        if problem:
            errors.append(StatusGenError(problem, spec.where("rule")))
    return errors


def _marker_problem(cell: str) -> str | None:
    """A status marker written in a cell format would show on every row whatever its level."""
    from .claims import icon_status

    marker = icon_status(re.sub(r"\{[^{}]*\}", "", cell))
    return (
        f"the format writes the marker {marker.word}: write {{icon}}, which follows each record's level"
        if marker
        else None
    )


def _listed_ids(specs: list[datafiles.SectionSpec]) -> dict[str, set[str]]:
    listed: dict[str, set[str]] = {}
    for spec in specs:
        listed.setdefault(spec.kind, set()).update(spec.ids or [])
    return listed


def _placed_ids(specs: list[datafiles.SectionSpec]) -> dict[str, set[str]]:
    placed: dict[str, set[str]] = {}
    for spec in specs:
        if spec.id is not None:
            placed.setdefault(spec.kind, set()).add(spec.id)
    return placed


def sections(view: View, resolved: Resolved) -> list[Section]:
    """The sections that have something to show, in outline order, headings final."""
    words = resolved.words
    values = _values(view, words)
    built = []
    for spec in resolved.specs:
        kind = KINDS[spec.kind]
        records = kind.records(view, spec, resolved.placement)
        if kind.every is not None:
            records = pick(records, spec, resolved.placement)
        if not records:
            continue
        single = spec.id is not None
        if spec.heading is not None:
            heading = spec.heading
        elif single:  # the record's own title
            record = records[0]
            heading = getattr(record, "name", None) or getattr(record, "title", None) or record.heading or ""
        else:
            heading = words(kind.heading) if kind.heading else ""
        titles = {key: spec.titles.get(key) or words(default) for key, default in kind.titles.items()}
        absorbs = frozenset([kind.absorbs] if kind.absorbs and kind.absorbs not in resolved.placement.kinds else [])
        built.append(
            Section(
                kind=kind.name,
                template=_template(spec, kind.template),
                heading=_text(heading, values),
                level=spec.level,
                titles={key: _text(text, values) for key, text in titles.items()},
                style=spec.style or (kind.styles[0] if kind.styles else None),
                records=records,
                absorbs=absorbs,
                single=single,
                item=spec.item or "",
                columns=tuple(spec.columns or ()),
                rule=spec.rule,
            )
        )
    return built


def _template(spec: datafiles.SectionSpec, own: str) -> str:
    """A layout option's template (a table's columns, a list's item), else the kind's own."""
    if spec.columns:
        return "sections/columns.md.j2"
    return "sections/items.md.j2" if spec.item else f"sections/{own}"


def title(view: View, resolved: Resolved) -> str:
    return _text(resolved.words(resolved.title), _values(view, resolved.words))


def _text(text: str, values: dict[str, str]) -> str:
    return inline(fill(text, values)) if text else ""


def _values(view: View, words: Words) -> dict[str, Any]:
    project = view.project
    verdict = view.readiness.verdict
    period = view.priorities.period if view.priorities else None
    return {
        "name": project.name,
        "date": str(project.last_updated),
        "period": view.period_text(period),
        "run_date": str(view.run.date) if view.run else "",
        "verdict": words(verdict.name),
        "icon": verdict.icon,
    }
