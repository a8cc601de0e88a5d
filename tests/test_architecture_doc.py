"""docs/architecture.md stays true: what it names exists, and the mechanisms it describes are the code's."""

from __future__ import annotations

import importlib
import re
from types import ModuleType

import pytest

from tests.conftest import ROOT

DOC = ROOT / "docs" / "architecture.md"
TEXT = DOC.read_text(encoding="utf-8")
WHAT = ("a rule", "a field", "a section kind", "an output format", "a lint check", "an import recogniser")


def _sections() -> dict[str, str]:
    parts = re.split(r"^## ", TEXT, flags=re.M)[1:]
    return {part.split("\n", 1)[0]: part.split("\n", 1)[1] for part in parts}


def _spans() -> list[str]:
    return re.findall(r"`([^`\n]+)`", TEXT)


def test_the_page_has_the_picture_and_every_how_to() -> None:
    sections = _sections()
    assert "The pipeline" in sections and "```" in sections["The pipeline"]
    assert [s for s in sections if s.startswith("To add ")] == [f"To add {what}" for what in WHAT]


@pytest.mark.parametrize("what", WHAT)
def test_each_how_to_is_at_most_five_steps(what: str) -> None:
    steps = re.findall(r"^\d+\. ", _sections()[f"To add {what}"], flags=re.M)
    assert 1 <= len(steps) <= 5


def _paths() -> list[str]:
    roots = ("status_gen/", "tests/", "docs/", "schemas/", "templates/", "data/", "bench/", ".ci/")
    return [s for s in _spans() if s.startswith(roots) and " " not in s]


def test_every_file_and_folder_it_names_exists() -> None:
    assert len(_paths()) >= 10
    for path in _paths():
        # Placeholders (SG3nn-slug, <family>, *.md.j2, <template>) name a file to create: its folder must exist.
        if re.search(r"[<*]|nn", path):
            assert (ROOT / path).parent.is_dir(), path
        else:
            assert (ROOT / path).exists(), path


def test_every_module_in_the_picture_exists() -> None:
    picture = _sections()["The pipeline"].split("```")[1]
    modules = re.findall(r"([a-z_/]+\.py)", picture)
    assert len(modules) >= 15
    for module in modules:
        assert (ROOT / "status_gen" / module).is_file(), module
    folders = re.findall(r"([a-z_]+)/ ", picture)
    for folder in folders:
        assert (ROOT / "status_gen" / folder).is_dir() or folder in ("data", "templates"), folder


def _resolve(dotted: str) -> object:
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            found = getattr(found, name)
        return found
    raise AssertionError(f"{dotted} cannot be imported")


def test_every_name_it_mentions_can_be_imported() -> None:
    names = [s for s in _spans() if re.fullmatch(r"(status_gen|tests)(\.\w+)+", s)]
    assert len(names) >= 6
    for name in names:
        _resolve(name)


def test_rules_come_from_the_family_modules_it_describes() -> None:
    from status_gen.rules.registry import FAMILIES, RULES

    assert all(isinstance(module, ModuleType) for module in FAMILIES)
    assert tuple(rule for module in FAMILIES for rule in module.RULES) == RULES
    for module in FAMILIES:
        assert (ROOT / "status_gen" / "rules" / f"{module.__name__.rsplit('.', 1)[1]}.py").is_file()


def test_lint_rules_come_from_the_markdown_module() -> None:
    from status_gen.rules import markdown
    from status_gen.rules.registry import LINT_RULES

    assert tuple(markdown.RULES) == LINT_RULES


def test_check_offers_every_reporter() -> None:
    from status_gen.cli import check
    from status_gen.report import REPORTERS

    choices = next(p.type for p in check.params if p.name == "fmt")
    assert list(choices.choices) == list(REPORTERS)  # type: ignore[attr-defined]


def test_section_kinds_come_from_kinds_and_have_templates() -> None:
    from status_gen.kinds import KINDS

    templates = ROOT / "status_gen" / "templates" / "sections"
    kinds = KINDS.values() if isinstance(KINDS, dict) else KINDS
    for kind in kinds:
        assert (templates / kind.template).is_file(), kind.name
