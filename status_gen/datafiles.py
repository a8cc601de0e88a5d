"""One pydantic model per data file (the file's name picks it), and outline.yaml's.

They hold the record models of ``models.py``. Kept apart because only loading a data folder needs
them: import validates single records, and defining a model costs about a millisecond at start-up.
"""

from typing import Annotated, Literal

from pydantic import Field, StrictInt, StringConstraints

# ruff sees Record's pydantic base in models.py only, so it takes ``= []`` and ``= {}`` below for
# class attributes (RUF012); pydantic copies a field's default for every record.
from .models import (
    Blocker,
    Checklist,
    Column,
    Command,
    Component,
    FreeSection,
    Id,
    Issue,
    Milestone,
    Period,
    PriorityItem,
    Project,
    Record,
    Risk,
    TestCategory,
    Text,
    ValidationRun,
)

SectionKindName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z_]*$", max_length=40)]
Heading = Annotated[str, StringConstraints(max_length=200)]


class SectionSpec(Record):
    """One entry of the outline: a section of some kind, where it stands, under which heading."""

    kind: SectionKindName
    heading: Heading | None = None
    level: Annotated[StrictInt, Field(ge=2, le=4)] = 2
    id: Id | None = None
    style: Literal["table", "list"] | None = None
    # One line per record, from a format with the record's fields: "- {icon} **{name}**: {note}".
    item: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = None
    # The records this section shows, in this order (others of its kind go to sections without 'ids').
    ids: Annotated[list[Id], Field(min_length=1)] | None = None
    titles: dict[Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$", max_length=40)], Heading] = {}  # noqa: RUF012
    columns: Annotated[list[Column], Field(min_length=1, max_length=30)] | None = None
    rule: Annotated[str, StringConstraints(min_length=3, max_length=2000)] | None = None  # the |---| line


class Outline(Record):
    """``outline.yaml``: every key optional; ``sections`` replaces the preset's list when given."""

    preset: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=40)] | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")] | None = None
    title: Heading | None = None
    words: dict[Annotated[str, StringConstraints(min_length=1, max_length=200)], Heading] = {}  # noqa: RUF012
    # An empty list would render a document of nothing but the banner.
    sections: Annotated[list[SectionSpec], Field(min_length=1)] | None = None


# One model per data file; the file's name picks the model.


class ProjectFile(Record):
    project: Project


class ComponentsFile(Record):
    components: list[Component]


class IssuesFile(Record):
    issues: list[Issue]


class BlockersFile(Record):
    blockers: list[Blocker]
    final_steps: list[Text] = []  # noqa: RUF012


class TestsFile(Record):
    categories: list[TestCategory]
    commands: list[Command] = []  # noqa: RUF012


class PrioritiesFile(Record):
    period: Period | None = None
    items: list[PriorityItem]


class ValidationFile(Record):
    runs: list[ValidationRun]


class MilestonesFile(Record):
    milestones: list[Milestone]


class RisksFile(Record):
    risks: list[Risk]


class ChecklistsFile(Record):
    checklists: list[Checklist]


class SectionsFile(Record):
    sections: list[FreeSection]


FILE_MODELS: dict[str, type[Record]] = {
    "project": ProjectFile,
    "components": ComponentsFile,
    "issues": IssuesFile,
    "blockers": BlockersFile,
    "tests": TestsFile,
    "priorities": PrioritiesFile,
    "validation": ValidationFile,
    "milestones": MilestonesFile,
    "risks": RisksFile,
    "checklists": ChecklistsFile,
    "sections": SectionsFile,
    "outline": Outline,
}
