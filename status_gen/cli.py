"""The command line: the only module that imports click. Commands return exit codes.

Heavy modules (pydantic, jinja2, markdown-it-py) are imported inside the commands that need
them, so ``--help``, ``rules`` and ``explain`` start as fast as click itself.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import os
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .errors import StatusGenError, flatten
from .paths import shown
from .report import REPORTERS, Options, no_azure_commands, shield, visible

EXIT_OK, EXIT_PROBLEMS, EXIT_INPUT, EXIT_BUG = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # the shell's code for SIGINT


def _options(strict: bool = False) -> Options:
    """Report options for this run: a fresh stop-commands token, and whether GitHub Actions reads us."""
    import secrets

    return Options(strict, secrets.token_hex(16), os.environ.get("GITHUB_ACTIONS") == "true")


def _emit(text: str, *, err: bool = False, guard: bool = False) -> None:
    """Print ``text`` as is (``guard``: shielded from the GitHub runner when it reads us).

    A standard output that cannot take it (a full disk, ``> /dev/full``) is exit 2 with a
    message, not a traceback: the OSError becomes an input error here.
    """
    if guard:
        text = shield(no_azure_commands(text), _options())
    stream = sys.stderr if err else sys.stdout
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        if err:
            return  # no stream is left to say it on; the exit code still tells
        _detach_stdout()
        raise StatusGenError(f"cannot write to standard output: {exc.strerror or exc}") from None


def _detach_stdout() -> None:
    """Point file descriptor 1 at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass  # not a real file (a test runner's buffer): nothing will flush it at exit


def _echo_error(error: StatusGenError) -> None:
    lines = []
    for one in flatten(error):
        prefix = f"{one.where}: " if one.where else "status-gen: "
        lines.append(visible(f"{prefix}error: {one.message}") + "\n")
    _emit("".join(lines), err=True, guard=True)


def _parse_today(value: str | None, as_of: dt.date | None = None) -> dt.date:
    """--today, else the settings' ``as_of`` (a frozen example), else the system date."""
    if value is None:
        return as_of or dt.date.today()
    try:
        if len(value) != 10:  # fromisoformat also takes "20250917" and week dates
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise StatusGenError(f"--today must be a date as YYYY-MM-DD, not '{value}'") from None


# An option block shared by several commands: written once, applied like click's own decorators.
_Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]
_data: _Decorator = click.option("--data", metavar="DIR", help="Folder of YAML data files [default: data/].")


def _config(help_text: str) -> _Decorator:
    """``--config FILE``; ``help_text`` says what this command reads from the settings."""
    return click.option("--config", metavar="FILE", help=help_text)


def _common(function: Callable[..., Any]) -> Callable[..., Any]:
    options: list[_Decorator] = [
        _data,
        click.option(
            "--templates", metavar="DIR", help="Folder of template overrides [default: templates/ if present]."
        ),
        click.option(
            "--output",
            "-o",
            metavar="FILE|-",
            help="Document to write or check; '-' is stdout [default: SYSTEM_STATUS.md].",
        ),
        click.option(
            "--today", metavar="YYYY-MM-DD", help="Date that age rules measure against [default: the system date]."
        ),
        _config("Settings file [default: .status-gen.toml or [tool.status-gen] in pyproject.toml]."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _report_options(formats: list[str], help_text: str) -> _Decorator:
    """``--format`` (one of ``formats``, default text) and ``--strict``: how check and lint report."""

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        strict = click.option("--strict", is_flag=True, help="Fail on warnings too.")
        fmt = click.option(
            "--format", "fmt", type=click.Choice(formats), default="text", show_default=True, help=help_text
        )
        return fmt(strict(function))

    return decorate


def _settings(data: str | None, templates: str | None, output: str | None, config_file: str | None) -> Any:
    from dataclasses import replace

    from .config import load_config

    config = load_config(config_file)
    for warning in config.warnings:  # deprecated settings still work; say where they moved
        _emit(visible(warning) + "\n", err=True, guard=True)
    cwd = Path.cwd()
    given = {"--data": data, "--templates": templates, "--output": output, "--config": config_file}
    flags = [f"{flag} {shlex.quote(value)}" for flag, value in given.items() if value is not None and value != "-"]
    config = replace(config, render_command=" ".join(["status-gen render", *flags]))
    if data is not None:
        config = replace(config, data=cwd / data)
    if templates is not None:
        folder = cwd / templates
        if not folder.is_dir():
            raise StatusGenError("--templates must be an existing folder", _where(templates))
        config = replace(config, templates=folder)
    if output is not None:
        config = replace(config, output=output if output == "-" else str(cwd / output))
    elif config.output != "-" and not Path(config.output).is_absolute():
        config = replace(config, output=str(config.root / config.output))
    return config


def _where(path: str) -> Any:
    from .errors import Location

    return Location(path)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="status-gen", prog_name="status-gen")
def main_group() -> None:
    """Keep SYSTEM_STATUS.md generated from YAML data, and consistent with it.

    \b
    Examples:
      status-gen render                 write SYSTEM_STATUS.md from data/
      status-gen check                  fail if it is stale or the data contradicts itself
      status-gen check --format github  the same, as GitHub Actions annotations
      status-gen rules                  list the consistency rules
      status-gen labels                 list the status labels and their levels
      status-gen schema                 write JSON Schemas for editors to schemas/
      status-gen init my-status         scaffold an example project
      status-gen explain SG101          document one rule
      status-gen docs --check           fail if the README's reference tables are stale
      status-gen lint STATUS.md         find contradictions in a hand-written document
      status-gen import STATUS.md       turn a hand-written document into a data folder
      status-gen sync                   copy the tracker export's issue states into issues.yaml
    """


@main_group.command()
@_common
@click.option("--verbose", "-v", is_flag=True, help="Also say why a derived section (changes, health chart) is absent.")
def render(
    data: str | None, templates: str | None, output: str | None, today: str | None, config: str | None, verbose: bool
) -> int:
    """Render the document from the data and report rule problems.

    The document is written (atomically, only when its bytes change) even when rules find
    problems, so you can see them in context; the exit code is 1 if any is an error. Input that
    cannot be loaded, a duplicate id (SG101) or an unknown reference (SG102) exits 2 and writes
    nothing.

    \b
    Examples:
      status-gen render
      status-gen render --data status/ --output docs/STATUS.md
      status-gen render --output - | less
    """
    from .api import build
    from .inject import merge, refuse_foreign
    from .output import read_bytes, write_if_changed
    from .report import problem_lines

    settings = _settings(data, templates, output, config)
    day = _parse_today(today, settings.as_of)
    name = "-" if settings.output == "-" else shown(Path(settings.output), settings.root)
    result = build(settings, day, name)
    # Inject-mode marker errors must surface before anything is printed as done or written.
    on_disk = None if settings.output == "-" else read_bytes(Path(settings.output), settings.root)
    refuse_foreign(on_disk, name)  # a README with a mistyped marker is not ours to replace
    document = b"" if settings.output == "-" else merge(on_disk, result.text, name)
    _emit(problem_lines(result.problems), err=True, guard=True)
    if verbose and result.data.history is not None:
        _emit("".join(f"note: {visible(note)}\n" for note in result.data.history.notes), err=True, guard=True)
    if settings.output == "-":
        _emit(result.text)
    elif write_if_changed(Path(settings.output), document, settings.root):
        _emit(visible(f"wrote {name}") + "\n", err=True, guard=True)
    else:
        _emit(visible(f"{name} is up to date") + "\n", err=True, guard=True)
    return EXIT_PROBLEMS if result.errors else EXIT_OK


@main_group.command()
@_common
@_report_options(
    list(REPORTERS),
    "Report format, printed on stdout (github: annotations and a step summary; sarif: code scanning).",
)
def check(
    data: str | None,
    templates: str | None,
    output: str | None,
    today: str | None,
    config: str | None,
    fmt: str,
    strict: bool,
) -> int:
    """Check the data against the rules and the document against the data. Never writes.

    Exits 0 when clean, 1 when a rule finds an error (or a warning, with --strict) or the
    document is missing or stale (a diff and the fixing command are printed), 2 when the input
    cannot be loaded. The whole report, in every format, goes to stdout.

    \b
    Examples:
      status-gen check
      status-gen check --format json > status-report.json
      status-gen check --format github --strict
      status-gen check --format sarif > status-gen.sarif
    """
    from . import api

    try:
        settings = _settings(data, templates, output, config)
        result = api.check(settings, _parse_today(today, settings.as_of))
    except StatusGenError as error:  # settings or flags: reported in the chosen format too
        result = api.not_loaded(error, output or "SYSTEM_STATUS.md")
    report = REPORTERS[fmt](result, _options(strict))
    _emit(report.err, err=True)
    _emit(report.out)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if report.summary and summary:
        try:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(report.summary)
        except OSError as exc:
            raise StatusGenError(f"cannot append to $GITHUB_STEP_SUMMARY: {exc.strerror}", _where(summary)) from None
    if not result.loaded:
        return EXIT_INPUT
    return EXIT_PROBLEMS if result.failed(strict) else EXIT_OK


@main_group.command(name="diff")
@click.argument("revision", required=False, metavar="[REV]")
@click.argument("revision2", required=False, metavar="[REV2]")
@_data
@_config("Settings file [default: .status-gen.toml or pyproject.toml].")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text for people, json for tools, markdown for a pull-request comment.",
)
def diff_command(revision: str | None, revision2: str | None, data: str | None, config: str | None, fmt: str) -> int:
    """Show what changed in the status between two revisions of the data.

    Facts, not lines: components whose level changed, issues opened, closed or reopened, phases
    finished, blockers opened or resolved, test counts that moved, the health and readiness
    verdicts. REV defaults to the previous status: the newest commit whose last_updated differs
    from the compared data's. REV2 defaults to the working tree. Revisions are read with git
    (never checked out) and validated like the working tree.

    \b
    Examples:
      status-gen diff                      since the previous status
      status-gen diff v1.2                 since a tag, up to the working tree
      status-gen diff HEAD~5 HEAD --format markdown > comment.md
    """
    from .changes import as_json, as_markdown, as_text, compare
    from .dataset import load_dataset
    from .history import load_pair
    from .report import json_safe

    settings = _settings(data, None, None, config)
    working = None
    if revision2 is None:
        working = load_dataset(settings.data, settings.labels, shown(settings.data, settings.root), settings.root)
    before, after = load_pair(Path.cwd(), settings.data, settings.labels, working, revision, revision2)
    changes = compare(before.data, after.data, settings.labels)
    if fmt == "json":
        out = as_json(changes, before.name, after.name, before.commit, after.commit)
    elif fmt == "markdown":
        out = as_markdown(changes, before.name, after.name)
    else:
        out = as_text(changes, before.name, after.name)
    # Names come from the data: JSON never holds '##[', text is shielded on GitHub Actions.
    _emit(json_safe(out) if fmt == "json" else out, guard=fmt == "text")
    return EXIT_OK


@main_group.command()
@click.argument("documents", nargs=-1, required=True, metavar="DOC.md...")
@_report_options(["text", "json", "github"], "How to print findings.")
@_config("Settings file (rule levels, labels, min_pass_rate) [default: .status-gen.toml or pyproject.toml].")
def lint(documents: tuple[str, ...], fmt: str, strict: bool, config: str | None) -> int:
    """Find contradictions in hand-written Markdown status documents. Never writes.

    Reads each document's tables, lists, headings and checkboxes and reports, with the line of
    every side, the same thing marked ok in one place and failing in another, an issue closed
    here and open there, a verdict better than its items, dates after the document's date,
    totals that are not the sum of their table, and merge-conflict markers (rules SL101-SL701;
    'status-gen rules' lists them). Silence one line with <!-- status-gen: ignore[SL101] -->.
    Exits 0 when clean, 1 when a rule finds an error (or a warning, with --strict), 2 when a
    document cannot be read (binary, not UTF-8, larger than 2 MiB).

    \b
    Examples:
      status-gen lint SYSTEM_STATUS.md
      status-gen lint docs/*.md --format json > lint.json
      status-gen lint STATUS.md --format github --strict
    """
    from .config import load_config
    from .errors import raise_all
    from .lint import lint_text, read_markdown
    from .report import annotation_lines, problem_lines, problems_json

    settings = load_config(config)
    cwd = Path.cwd()
    texts: list[tuple[str, str]] = []
    errors: list[StatusGenError] = []
    for document in documents:
        name = shown(cwd / document, cwd)
        try:
            texts.append((name, read_markdown(cwd / document, name, settings.root)))
        except StatusGenError as error:
            errors.append(error)
    raise_all(errors)
    problems = [problem for name, text in texts for problem in lint_text(text, name, settings)]
    names = ", ".join(name for name, _ in texts)
    if fmt == "json":
        _emit(problems_json(problems, names))
    elif fmt == "github":
        _emit(annotation_lines(problems))
    else:
        _emit(problem_lines(problems), guard=True)
    failed = any(p.level == "error" for p in problems) or (strict and bool(problems))
    return EXIT_PROBLEMS if failed else EXIT_OK


@main_group.command(name="import")
@click.argument("document", metavar="DOC.md")
@click.option(
    "--data", "data_dir", default="data", show_default=True, metavar="DIR", help="Folder to create the data in."
)
@click.option(
    "--today", metavar="YYYY-MM-DD", help="Date used when the document states none [default: the system date]."
)
@_config("Settings file (labels for lint's findings) [default: .status-gen.toml or pyproject.toml].")
def import_command(document: str, data_dir: str, today: str | None, config: str | None) -> int:
    """Turn a hand-written Markdown status document into a data folder that renders it back.

    The title and 'Last Updated' date go to project.yaml. What renders back line for line becomes
    records: a table with a name and a status column (components, risks, milestones), a table of
    test counts, a '| Metric | Value |' table, a plain [x] / [ ] checklist, and a list of one
    shape under its heading (next steps, known issues, blockers, issues, components, milestones,
    achievements). Everything else stays verbatim in free sections (sections.yaml), in place;
    outline.yaml lists every part in the document's order.

    Prints lint's findings on the document, then settles each contradiction in the data by
    keeping one value (a table row over a list item over a heading; the sum over a stated total;
    the items over a verdict; the latest date) and writes a '#' comment above the record that
    keeps it, naming the other value and its line; what no small edit settles (17/15 tests pass)
    is left as written, with a comment saying so. Never overwrites: if any file it would create
    exists, it names them, writes nothing and exits 2 (as for an unreadable document).

    \b
    Examples:
      status-gen import STATUS.md                     data/ from STATUS.md
      status-gen import docs/STATUS.md --data status/
      status-gen render --data status/ --output docs/NEW_STATUS.md
    """
    from .claims import vocabulary
    from .config import load_config
    from .importer import plan_import, write_import
    from .lint import read_markdown
    from .report import problem_lines

    settings = load_config(config)
    cwd = Path.cwd()
    name = shown(cwd / document, cwd)
    text = read_markdown(cwd / document, name, settings.root)
    words = {label: value.level for label, value in settings.labels.items()}
    planned = plan_import(text, name, _parse_today(today), vocabulary(words), settings)
    target = cwd / data_dir
    for written in write_import(target, planned.files, settings.root or cwd):
        click.echo(f"created {shown(target / written, cwd)}", err=True)
    recognised = ", ".join(f"{count} {kind}" for kind, count in planned.counts.items() if count)
    click.echo(f"recognised: {recognised}", err=True)
    _emit(problem_lines(planned.findings), guard=True)
    if planned.found:
        where = ", ".join(f"{shown(target / file, cwd)} ({n})" for file, n in planned.notes.items())
        click.echo(
            f"contradictions: {planned.found - planned.left} of {planned.found} findings settled in the data, "
            f"{planned.left} left as written; the notes ('#' comments above the records) are in {where}",
            err=True,
        )
    # render never replaces a hand-written file: importing the document it writes needs a step more.
    output = settings.root / settings.output if settings.output != "-" else None
    aside = f"move {name} aside, " if output is not None and output.resolve() == (cwd / document).resolve() else ""
    click.echo(f"next: review {data_dir}/*.yaml, then {aside}run 'status-gen render --data {data_dir}'", err=True)
    return EXIT_OK


@main_group.command(name="labels")
@_config("Settings file whose [labels] to include [default: .status-gen.toml or pyproject.toml].")
def labels_command(config: str | None) -> int:
    """List the status labels: label, icon, level (ok, warn, fail) and origin (built-in or config).

    Rules, the health rollup and the readiness verdict reason about the level; the document shows
    the label and its icon. Labels are written in upper case. Add or change labels under
    [tool.status-gen.labels].

    \b
    Example:
      status-gen labels
    """
    from .config import load_config
    from .vocabulary import label_table

    rows = label_table(load_config(config).labels)
    width = max(len(name) for name, *_ in rows)
    click.echo(f"{'LABEL':<{width}}  ICON  LEVEL  ORIGIN")
    for name, icon, level, origin in rows:
        # The built-in icons are one or two code points (⚠️ carries a variation selector), each two
        # columns wide on a terminal.
        click.echo(f"{name:<{width}}  {icon}    {level:<5}  {origin}")
    return EXIT_OK


@main_group.command()
@_data
@_config("Settings file [default: .status-gen.toml or pyproject.toml].")
@click.option("--output", "-o", metavar="FILE|-", help="'-' is stdout [default: the 'badge' setting, else status.svg].")
def badge(data: str | None, config: str | None, output: str | None) -> int:
    """Write a status badge: an SVG with the overall health and the open P0 count.

    No network, the same bytes for the same data; written only when they change. Embed it in
    a README with ![status](status.svg).

    \b
    Examples:
      status-gen badge
      status-gen badge --output docs/status.svg
    """
    from .badge import badge_svg
    from .dataset import load_dataset
    from .output import write_if_changed

    settings = _settings(data, None, None, config)
    dataset = load_dataset(settings.data, settings.labels, shown(settings.data, settings.root), settings.root)
    svg = badge_svg(dataset, settings.labels)
    if output is None:
        output = str(settings.root / (settings.badge or "status.svg"))
    if output == "-":
        _emit(svg)  # a full disk is exit 2 with a message, as for render
        return EXIT_OK
    path = Path.cwd() / output
    name = shown(path, settings.root)
    click.echo(
        f"wrote {name}" if write_if_changed(path, svg.encode(), settings.root) else f"{name} is up to date", err=True
    )
    return EXIT_OK


@main_group.command()
@click.option("--output", "-o", metavar="DIR", help="Folder for the schema files [default: schemas/].")
@_config("Settings file whose labels the schemas offer [default: .status-gen.toml or pyproject.toml].")
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if a schema file is missing or stale.")
def schema(output: str | None, config: str | None, check_only: bool) -> int:
    """Write a JSON Schema for each kind of data file (<kind>.schema.json).

    Editors complete and validate the YAML with them (status labels are offered from the
    configured vocabulary) once each data file starts with a line such as
    '# yaml-language-server: $schema=../schemas/components.schema.json'. Regenerate them after
    adding labels to the config.

    \b
    Examples:
      status-gen schema
      status-gen schema --output docs/schemas
      status-gen schema --check
    """
    from .config import load_config
    from .schema import stale_schemas, write_schemas

    settings = load_config(config)
    folder = Path.cwd() / output if output else settings.root / "schemas"
    if check_only:
        stale = stale_schemas(folder, settings.labels, settings.root)
        for name in stale:
            fix = "status-gen schema" + (f" --output {output}" if output else "")
            click.echo(f"{shown(folder / name, settings.root)} is missing or stale: run '{fix}'", err=True)
        return EXIT_PROBLEMS if stale else EXIT_OK
    for path in write_schemas(folder, settings.labels, settings.root):
        click.echo(f"wrote {shown(path, settings.root)}", err=True)
    return EXIT_OK


@main_group.command(name="docs")
@click.argument("file", default="README.md", metavar="[FILE]")
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if a table is stale.")
def docs_command(file: str, check_only: bool) -> int:
    """Write status-gen's own reference tables into FILE [default: README.md].

    The reference tables are generated from the code into each region FILE marks with
    '<!-- status-gen:begin NAME -->' and '<!-- status-gen:end NAME -->' lines (NAME is rules,
    lint-rules, settings, labels, data-files or options); every other byte is kept. CI runs
    '--check', which prints a diff and exits 1 when a table is stale.

    \b
    Examples:
      status-gen docs
      status-gen docs --check
    """
    from .docs import regenerate
    from .errors import Location
    from .inject import markers
    from .output import read_bytes, unified_diff, write_if_changed
    from .report import diff_lines

    path = Path.cwd() / file
    name = shown(path)
    existing = read_bytes(path)
    tables = docs_tables()
    example = " and ".join(f"'{m}'" for m in markers("rules"))
    if existing is None:
        raise StatusGenError(
            f"file does not exist: name the file that holds the tables ('status-gen docs FILE'), or create "
            f"{name} with {example} on lines of their own where the rules table goes",
            Location(name),
        )
    updated, found = regenerate(existing, name, tables)
    if not found:
        raise StatusGenError(
            f"no table markers: put {example} on lines of their own (names: {', '.join(tables)})", Location(name)
        )
    if check_only:
        if updated == existing:
            return EXIT_OK
        _emit(diff_lines(unified_diff(existing, updated, name)), guard=True)  # the file is the PR's text
        fix = "status-gen docs" + (f" {shlex.quote(file)}" if file != "README.md" else "")
        _emit(visible(f"{name} has stale tables: run '{fix}' to regenerate them") + "\n", err=True, guard=True)
        return EXIT_PROBLEMS
    click.echo(f"wrote {name}" if write_if_changed(path, updated) else f"{name} is up to date", err=True)
    return EXIT_OK


def docs_tables() -> dict[str, Callable[[], str]]:
    """The tables 'status-gen docs' fills: the code's (docs.TABLES) and the commands' options."""
    from .docs import TABLES, options_table

    return {**TABLES, "options": lambda: options_table(command_options())}


def command_options() -> list[tuple[str, str, list[str]]]:
    """(command, arguments, options) for every command, read off click's own declarations."""
    rows = []
    for name, command in main_group.commands.items():
        arguments, options = [], []
        for param in command.params:
            if isinstance(param, click.Argument):
                metavar = param.metavar or (param.name or "").upper()
                arguments.append(f"{metavar}..." if param.nargs == -1 and not metavar.endswith("...") else metavar)
            elif isinstance(param, click.Option) and param.name != "help" and not param.hidden:
                flags = "/".join(sorted([*param.opts, *param.secondary_opts], key=len))
                if param.is_flag:
                    options.append(flags)
                elif isinstance(param.type, click.Choice):
                    options.append(f"{flags} {'|'.join(str(c) for c in param.type.choices)}")
                else:
                    options.append(f"{flags} {param.metavar or param.type.name.upper()}")
        rows.append((name, " ".join(arguments), options))
    return rows


@main_group.command(name="sync")
@_data
@_config("Settings file [default: .status-gen.toml or [tool.status-gen] in pyproject.toml].")
@click.option("--dry-run", is_flag=True, help="Print the changes; write nothing (exit 1 if there are any).")
def sync_command(data: str | None, config: str | None, dry_run: bool) -> int:
    """Copy the issue tracker's states and dates into issues.yaml.

    Reads the export named by the 'tracker' setting and edits only the scalars that differ
    (status, opened, closed) in place, so comments, order and formatting survive. The file is
    replaced atomically and never through a symlink.

    \b
    Examples:
      gh issue list --state all --limit 1000 \\
        --json number,title,state,createdAt,closedAt,labels > reports/issues.json
      status-gen sync --dry-run
      status-gen sync
    """
    from .api import sync_issues
    from .output import write_if_changed

    settings = _settings(data, None, None, config)
    result = sync_issues(settings)
    lines = [f"{result.display}: {note}" for note in result.notes]
    lines += [f"{result.display}: {note} (left for you to do)" for note in result.manual]
    if result.new is None:
        lines.append(f"{result.display} already agrees with {result.tracker}")
    elif not dry_run:
        write_if_changed(result.path, result.new, settings.root)
        lines.append(f"wrote {result.display}")
    _emit("".join(visible(line) + "\n" for line in lines), err=True, guard=True)
    return EXIT_PROBLEMS if dry_run and result.new is not None else EXIT_OK
    if dry_run:
        return EXIT_PROBLEMS
    write_if_changed(result.path, result.new, settings.root)
    click.echo(f"wrote {result.display}", err=True)
    return EXIT_OK


@main_group.command(name="init")
@click.argument("directory", default=".", metavar="[DIR]")
@click.option("--today", metavar="YYYY-MM-DD", help="Date written into the example [default: the system date].")
@click.option(
    "--skip-existing",
    is_flag=True,
    help="Keep files that exist already instead of stopping; for an existing .pre-commit-config.yaml, "
    "print the hook entry to add to it.",
)
@click.option(
    "--preset",
    metavar="NAME",
    default="default",
    show_default=True,
    help="The document's outline: default (neutral), reference (the Netra Apex shape) or it (Italian).",
)
def init_command(directory: str, today: str | None, skip_existing: bool, preset: str) -> int:
    """Create a small, consistent example project in DIR (default: here).

    Writes data/*.yaml (with editor modelines; data/outline.yaml names the preset), schemas/,
    .status-gen.toml, a .pre-commit-config.yaml whose local hook runs the installed status-gen,
    the rendered SYSTEM_STATUS.md, and adds the pattern of status-gen's temporary files to
    .gitignore; 'render' and 'check' pass on it at once. Never overwrites and never writes through
    a symlink: if any of these files exists, it names them, writes nothing and exits 2 (or, with
    --skip-existing, keeps them).

    \b
    Examples:
      status-gen init
      status-gen init status-example && cd status-example && status-gen check
      status-gen init --skip-existing
      status-gen init --preset reference
    """
    from .scaffold import init

    target = Path.cwd() / directory
    done = init(target, _parse_today(today), skip_existing, preset)
    for name in done.created:
        click.echo(f"created {shown(target / name, Path.cwd())}", err=True)
    for name in done.skipped:
        click.echo(f"kept {shown(target / name, Path.cwd())} (exists)", err=True)
    if done.hook_block:
        click.echo("add this entry to the 'repos:' list of your .pre-commit-config.yaml:\n", err=True)
        click.echo(done.hook_block, err=True, nl=False)
    click.echo("next: edit data/*.yaml, then run 'status-gen render' (or 'pre-commit install')", err=True)
    return EXIT_OK


@main_group.command(name="rules")
@_config("Settings file whose rule levels apply [default: found as for check].")
def rules_command(config: str | None) -> int:
    """List every rule: code, slug, the level in effect here (and the default where it differs), summary.

    \b
    Examples:
      status-gen rules
      status-gen rules --config ci/.status-gen.toml
    """
    from .config import load_config
    from .report import plain
    from .rules.registry import LINT_RULES, RULES

    chosen = load_config(config).rules
    rules = (*RULES, *LINT_RULES)
    levels = [chosen.get(r.code, r.level) for r in rules]
    levels = [lv if lv == r.level else f"{lv} (default {r.level})" for r, lv in zip(rules, levels, strict=True)]
    slug_width, level_width = max(len(r.slug) for r in rules), max(len(lv) for lv in levels)
    lines = [
        f"{r.code}  {r.slug:<{slug_width}}  {lv:<{level_width}}  {plain(r.summary)}"
        for r, lv in zip(rules, levels, strict=True)
    ]
    _emit("".join(line + "\n" for line in lines))
    return EXIT_OK


@main_group.command()
@click.argument("code")
def explain(code: str) -> int:
    """Show one rule's documentation with its passing and failing examples.

    \b
    Examples:
      status-gen explain SG101
      status-gen explain duplicate-id
    """
    from .report import plain
    from .rules.registry import find_rule

    rule = find_rule(code)
    if rule is None:
        raise StatusGenError(f"unknown rule '{visible(code)}'; 'status-gen rules' lists them")
    lines = [f"{rule.code} {rule.slug} (default level: {rule.level})", "", plain(rule.doc)]
    if rule.options:
        lines += ["", f"Options (set them under [tool.status-gen.rules.{rule.code}]):"]
        lines += [f"  {o.name} ({o.kind_name}, default {o.default!r}): {plain(o.doc)}" for o in rule.options]
    _emit("".join(line + "\n" for line in lines))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; only __main__ and the console script exit."""
    # status-gen's models are internal, so pydantic plugins (observability hooks found through
    # entry points) have nothing to watch here; looking for them scans every installed
    # distribution on each run (~2.5 ms). Setting the variable yourself still wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        code = main_group.main(args=argv, prog_name="status-gen", standalone_mode=False)
    except StatusGenError as error:
        _echo_error(error)
        return EXIT_INPUT
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return EXIT_INPUT
    except (click.exceptions.Abort, KeyboardInterrupt):  # click turns Ctrl-C into Abort
        click.echo("Aborted!", err=True)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `status-gen ... | head`: the reader has all it wanted
        _detach_stdout()
        return EXIT_OK
    except Exception:
        import traceback  # only a bug pays for this import

        click.echo(traceback.format_exc(), err=True)
        click.echo("status-gen: internal error: this is a bug, please report it with the text above", err=True)
        return EXIT_BUG
    return int(code or 0)


def run() -> None:
    """Console-script entry point."""
    code = main()
    # The process ends here. Without this, the interpreter's final garbage collection walks every
    # object the run created (models, templates, the data): 25 ms of a 170 ms check on the
    # example. Frozen objects are still freed normally; only that pointless walk is skipped.
    gc.freeze()
    sys.exit(code)
