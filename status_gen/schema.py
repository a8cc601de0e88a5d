"""JSON Schema for each kind of data file, generated from the pydantic models.

Editors (VS Code with the YAML extension, anything speaking yaml-language-server) read these
through the ``# yaml-language-server: $schema=...`` modeline at the top of each data file and then
complete keys and status labels and flag mistakes while typing. The bytes are deterministic so the
committed ``schemas/`` folder can be checked for staleness like the document itself.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from . import datafiles
from . import models as m
from .vocabulary import Label

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def modeline(kind: str, schemas_from_data: str = "../schemas") -> str:
    """The first line of a data file, pointing its editor at the schema by relative path."""
    return f"# yaml-language-server: $schema={schemas_from_data}/{file_name(kind)}"


def _generator(labels: dict[str, Label]) -> type[GenerateJsonSchema]:
    """A schema generator that turns the status-label validator into an enum of the vocabulary.

    The models check labels in a validator against the vocabulary passed at validation time
    (projects add labels in their config), which pydantic can only describe as a plain string; an
    enum is what makes editors offer the labels as completions.
    """
    names = list(labels)

    class WithLabels(GenerateJsonSchema):
        def function_after_schema(self, schema: core_schema.AfterValidatorFunctionSchema) -> JsonSchemaValue:
            # models.py keeps the validator private; identity is the only reliable way to spot it.
            if schema["function"].get("function") is m._check_label:
                inner = self.generate_inner(schema["schema"])
                return {**inner, "enum": names}
            return super().function_after_schema(schema)

        def function_wrap_schema(self, schema: core_schema.WrapValidatorFunctionSchema) -> JsonSchemaValue:
            # A status is a label or {label, level}: the wrap validator accepts both.
            if schema["function"].get("function") is m._status_use:
                label = self.generate_inner(schema["schema"])
                use = {
                    "type": "object",
                    "properties": {"label": label, "level": {"enum": ["ok", "warn", "fail"]}},
                    "required": ["label"],
                    "additionalProperties": False,
                }
                return {"anyOf": [label, use]}
            return super().function_wrap_schema(schema)

    return WithLabels


def schema_for(kind: str, labels: dict[str, Label]) -> dict[str, Any]:
    model = datafiles.FILE_MODELS[kind]
    body = model.model_json_schema(mode="validation", schema_generator=_generator(labels))
    body.pop("title", None)
    return {
        "$schema": DIALECT,
        "title": f"status-gen {kind}.yaml",
        "description": f"One status-gen data file of kind '{kind}' (data/{kind}.yaml).",
        **body,
    }


def render_schemas(labels: dict[str, Label]) -> dict[str, bytes]:
    """File name → exact bytes, for every kind of data file, in a stable order."""
    return {
        file_name(kind): (json.dumps(schema_for(kind, labels), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        for kind in datafiles.FILE_MODELS
    }


def stale_schemas(folder: Path, labels: dict[str, Label], root: Path | None = None) -> list[str]:
    """Names of the schema files in ``folder`` that are missing or differ from the models."""
    from .output import read_bytes

    return [name for name, data in render_schemas(labels).items() if read_bytes(folder / name, root) != data]


def write_schemas(folder: Path, labels: dict[str, Label], root: Path | None = None) -> list[Path]:
    """Write every schema whose bytes changed; returns the paths written (never through a symlink)."""
    from .confine import for_writing
    from .errors import Location, StatusGenError
    from .output import write_if_changed
    from .paths import shown

    for_writing(folder, root, shown(folder, root))
    if folder.exists() and not folder.is_dir():
        raise StatusGenError("--output must be a folder for the schema files", Location(shown(folder)))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StatusGenError(f"cannot create the schema folder: {exc.strerror}", Location(shown(folder))) from None
    schemas = render_schemas(labels).items()
    return [folder / name for name, data in schemas if write_if_changed(folder / name, data, root)]
