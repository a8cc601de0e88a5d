"""``status-gen init``: a small, consistent example project to start from.

The example lives as plain files in ``status_gen/scaffold/`` (readable, and validated by the
tests like any data) with the token ``TODAY`` where a date goes: a fresh example is dated the day
it is created, so the age rules have nothing to say and ``render`` then ``check`` pass at once.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import NamedTuple

from . import __version__
from .errors import Location, StatusGenError

SOURCE = Path(__file__).parent / "scaffold"
DOCUMENT = "SYSTEM_STATUS.md"
PRE_COMMIT = ".pre-commit-config.yaml"
GITIGNORE = ".gitignore"
# Package data skips dot-files on some build backends, so they ship without the dot.
_RENAMED = {"status-gen.toml": ".status-gen.toml", "pre-commit-config.yaml": ".pre-commit-config.yaml"}


def example_files(today: dt.date, preset: str = "default") -> dict[str, bytes]:
    """Relative path → bytes of every hand-written file of the example (not schemas or document)."""
    files: dict[str, bytes] = {}
    for path in sorted(SOURCE.rglob("*")):
        if not path.is_file() or path.suffix not in (".yaml", ".toml"):
            continue
        name = path.relative_to(SOURCE).as_posix()
        text = path.read_text(encoding="utf-8")
        text = text.replace('"TODAY"', f'"{today.isoformat()}"').replace("vVERSION", f"v{__version__}")
        text = text.replace("preset: PRESET", f"preset: {preset}")
        files[_RENAMED.get(name, name)] = text.encode("utf-8")
    return files


def planned_paths(today: dt.date, preset: str = "default") -> list[str]:
    """Everything init creates, relative to the target folder."""
    from .datafiles import FILE_MODELS
    from .schema import file_name

    schemas = [f"schemas/{file_name(kind)}" for kind in FILE_MODELS]
    return sorted([*example_files(today, preset), *schemas, DOCUMENT])


def refuse_symlinks(target: Path, paths: list[str]) -> None:
    """Raise before anything is written if a planned path or folder is a symlink (or a loop)."""
    from .confine import for_writing

    for name in paths:
        for_writing(target / name, target, name)


def refuse_existing(target: Path, paths: list[str]) -> None:
    """Raise, naming every file that exists already: init never overwrites anything."""
    taken = [p for p in paths if (target / p).exists() or (target / p).is_symlink()]
    # A file where init needs a folder (say, a file called 'data') would fail halfway through.
    blocking = {str(parent) for p in paths for parent in Path(p).parents if (target / parent).is_file()}
    taken += sorted(f"{name} (a file where a folder goes)" for name in blocking)
    if taken:
        shown = ", ".join(taken)
        raise StatusGenError(
            f"init would overwrite {shown}; nothing was written. Remove or move them, run "
            "'status-gen init --skip-existing' to keep them, or 'status-gen init NEW_FOLDER'",
            Location(str(target)),
        )


class Created(NamedTuple):
    created: list[str]
    skipped: list[str]
    hook_block: str | None  # the pre-commit entry to copy, when the user's own config was kept


def init(target: Path, today: dt.date, skip_existing: bool = False, preset: str = "default") -> Created:
    """Create the example in ``target`` and render its document; returns what was created.

    Everything, the document included, is produced in a scratch folder first, so a failure
    (a broken ``templates/`` already in the target, say) writes nothing into the target. With
    ``skip_existing``, files that exist are kept as they are instead of stopping init.
    """
    from dataclasses import replace

    from .api import build
    from .config import load_config
    from .outline import preset_names
    from .schema import render_schemas

    if preset not in preset_names():
        raise StatusGenError(f"unknown preset '{preset}' (presets: {', '.join(preset_names())})")
    if target.exists() and not target.is_dir():
        raise StatusGenError("init needs a folder, and this is a file", Location(str(target)))
    paths = planned_paths(today, preset)
    refuse_symlinks(target, [*paths, GITIGNORE])
    skipped = [p for p in paths if (target / p).exists()] if skip_existing else []
    refuse_existing(target, [p for p in paths if p not in skipped])
    files = dict(example_files(today, preset))
    files.update({f"schemas/{name}": data for name, data in render_schemas(load_config(None, target).labels).items()})
    with tempfile.TemporaryDirectory(prefix="status-gen-init-") as scratch:
        stage = Path(scratch)
        _write_all(stage, files, stage)
        # Render as 'status-gen render' will in the target: with its templates/, if it has one.
        templates = target / "templates"
        config = replace(load_config(None, stage), templates=templates if templates.is_dir() else None)
        files[DOCUMENT] = build(config, today, DOCUMENT).text.encode("utf-8")
    files = {name: data for name, data in files.items() if name not in skipped}
    ignore = _gitignore(target)
    if ignore is not None:
        files[GITIGNORE] = ignore
    _write_all(target, files, target)
    created = [p for p in paths if p not in skipped] + ([GITIGNORE] if ignore is not None else [])
    hook = hook_block(today) if PRE_COMMIT in skipped else None
    return Created(created, skipped, hook)


def hook_block(today: dt.date) -> str:
    """The scaffold's pre-commit entry, indented to go under an existing 'repos:' list."""
    text = example_files(today)[PRE_COMMIT].decode("utf-8")
    return text[text.index("  - repo: local") :]


def _gitignore(target: Path) -> bytes | None:
    """.gitignore with the temp-file pattern added, or None when it is there already."""
    pattern = (SOURCE / "gitignore").read_text(encoding="utf-8")
    path = target / GITIGNORE
    try:
        existing = path.read_bytes() if path.is_file() else b""
    except OSError:
        existing = b""
    if pattern.splitlines()[-1].encode() in existing.splitlines():
        return None
    separator = b"\n" if existing and not existing.endswith(b"\n") else b""
    return existing + separator + pattern.encode("utf-8")


def _write_all(root: Path, files: dict[str, bytes], shown_root: Path) -> None:
    from .confine import for_writing
    from .output import write_if_changed

    for name, data in files.items():
        path = root / name
        try:
            for_writing(path, root, name)  # checked again: nothing may have become a link since
            path.parent.mkdir(parents=True, exist_ok=True)
            write_if_changed(path, data, root)
        except OSError as exc:
            raise StatusGenError(f"cannot create {name}: {exc.strerror or exc}", Location(str(shown_root))) from None
