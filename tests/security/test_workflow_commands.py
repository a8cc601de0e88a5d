"""Data cannot forge GitHub workflow commands (issue 15, item 6).

The hostile project below puts runner commands where a pull request could: a test command
``##[error]...`` and ``##[stop-commands]...`` (they reach the stale diff verbatim, inside code
spans), a priority title with ``\\n::add-mask::`` and ``\\r##[warning]`` (it reaches a rule's
message), a label with a newline (a load error's message), and data and output names with
newlines (the banner, the diff headers and the "is missing" line). Every format is run with and
without ``GITHUB_ACTIONS=true``, and ``github_runner.obeyed`` says which lines the runner would
carry out: only status-gen's own annotations (and its own stop-commands) may be among them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from status_gen.report import REPORTERS
from tests.conftest import EXAMPLE_TODAY, run_cli
from tests.security import azure_agent
from tests.security.github_runner import Command, annotation_title, obeyed

FORGED_TITLE = (
    "Auth\n::add-mask::hunter2\n::error::forged title\r##[warning]forged after CR"
    " ##vso[task.setvariable variable=x]forged on Azure"
)
OUR_TITLES = {"SG304 closed-issue-in-priorities", "stale document", "load error"}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r") + '"'


@pytest.fixture
def hostile(project: Path) -> Path:
    """Commands in a test command and in a priority's title; the committed document is stale."""
    _edit(
        project / "data/tests.yaml",
        "    command: python tests/unified_test_runner.py --real-services\n",
        '    command: "##[error]forged in a test command ##vso[task.prependpath]/tmp/evil"\n'
        '  - label: Stop\n    command: "##[stop-commands]attacker"\n',
    )
    _edit(
        project / "data/priorities.yaml",
        "    next_steps: Load testing and performance profiling\n",
        "    next_steps: Load testing and performance profiling\n"
        f"  - {{title: {_yaml_string(FORGED_TITLE)}, goal: Ship, status: done, next_steps: none, issue: 1296}}\n",
    )
    return project


def _run(monkeypatch: pytest.MonkeyPatch, on_actions: bool, *args: str) -> tuple[int, str, str]:
    if on_actions:
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
    else:
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return run_cli(*args)


def _not_ours(commands: list[Command]) -> list[Command]:
    """Commands other than status-gen's annotations and its stop-commands."""
    return [
        c
        for c in commands
        if c.name != "stop-commands" and not (c.name in ("error", "warning") and annotation_title(c) in OUR_TITLES)
    ]


def _assert_nothing_forged(fmt: str, on_actions: bool, out: str, err: str) -> None:
    # Azure Pipelines reads every step's output, whatever GITHUB_ACTIONS says, and obeys ##vso[
    # anywhere in a line: no format, on or off GitHub, may carry one through.
    for stream in (out, err):
        assert azure_agent.obeyed(stream) == [], azure_agent.obeyed(stream)
    if not on_actions and fmt == "text":
        # Off GitHub Actions no runner reads the text (GitHub's sets GITHUB_ACTIONS=true), so a
        # '##[' inside a line, or a diff's context line ' ::x', is left as written; but each name
        # and message stays on its line: nothing the data holds after a line break starts one.
        assert not [line for line in re.split(r"\r\n|\r|\n", out + err) if line.startswith("::")]
        return
    for stream in (out, err, out + err):
        commands = obeyed(stream)
        assert _not_ours(commands) == [], commands
        if fmt != "github":
            assert [c for c in commands if c.name in ("error", "warning")] == []


def _annotations(out: str) -> list[tuple[str, str]]:
    return [(c.name, annotation_title(c)) for c in obeyed(out) if c.name != "stop-commands"]


@pytest.mark.parametrize("on_actions", [True, False], ids=["actions", "local"])
@pytest.mark.parametrize("fmt", list(REPORTERS))
def test_commands_in_the_data_are_never_obeyed(
    hostile: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, on_actions: bool
) -> None:
    code, out, err = _run(monkeypatch, on_actions, "check", "--today", EXAMPLE_TODAY, "--format", fmt)
    assert code == 1
    assert "forged" in out, "the hostile text is reported, escaped"
    _assert_nothing_forged(fmt, on_actions, out, err)
    if fmt == "github":
        assert _annotations(out) == [("error", "SG304 closed-issue-in-priorities"), ("error", "stale document")]
    if fmt == "text":
        assert "Auth\\n::add-mask::hunter2\\n::error::forged title\\r##[warning]forged after CR" in out


@pytest.mark.parametrize("on_actions", [True, False], ids=["actions", "local"])
@pytest.mark.parametrize("fmt", list(REPORTERS))
def test_names_with_newlines_stay_on_one_line(
    project: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, on_actions: bool
) -> None:
    data = "d\n::warning::forged data name"
    (project / "data").rename(project / data)
    output = "out\n::error::forged output name\r##[error]x.md"
    code, out, err = _run(
        monkeypatch, on_actions, "check", "--today", EXAMPLE_TODAY, "--format", fmt, "--data", data, "--output", output
    )
    assert code == 1, out + err  # the document is missing
    assert "forged output name" in out
    _assert_nothing_forged(fmt, on_actions, out, err)
    if fmt == "github":
        assert _annotations(out) == [("error", "stale document")]


@pytest.mark.parametrize("on_actions", [True, False], ids=["actions", "local"])
@pytest.mark.parametrize("fmt", list(REPORTERS))
def test_a_load_error_quoting_hostile_text_forges_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, on_actions: bool
) -> None:
    label = _yaml_string("X\n::error::forged label\r##vso[a.b]x")  # under 40 characters
    _edit(project / "data/components.yaml", "status: NOT RUNNING", f"status: {label}")
    code, out, err = _run(monkeypatch, on_actions, "check", "--today", EXAMPLE_TODAY, "--format", fmt)
    assert code == 2
    assert "forged label" in out + err
    _assert_nothing_forged(fmt, on_actions, out, err)
    if fmt == "github":
        assert _annotations(out) == [("error", "load error")]


@pytest.mark.parametrize("on_actions", [True, False], ids=["actions", "local"])
def test_render_messages_forge_nothing(hostile: Path, monkeypatch: pytest.MonkeyPatch, on_actions: bool) -> None:
    code, out, err = _run(monkeypatch, on_actions, "render", "--today", EXAMPLE_TODAY)
    assert code == 1 and "forged title" in err
    _assert_nothing_forged("text", on_actions, out, err)


def test_the_stop_token_is_fresh_each_run_and_not_in_the_data(hostile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tokens = []
    for _ in range(2):
        out = _run(monkeypatch, True, "check", "--today", EXAMPLE_TODAY, "--format", "github")[1]
        (stop,) = [c for c in obeyed(out) if c.name == "stop-commands"]
        assert re.fullmatch(r"[0-9a-f]{32}", stop.message)
        assert out.rstrip("\n").endswith(f"::{stop.message}::"), "commands resume after our own text"
        tokens.append(stop.message)
    assert tokens[0] != tokens[1]
    data = "".join(p.read_text(encoding="utf-8") for p in (hostile / "data").iterdir())
    assert not any(token in data for token in tokens)


def test_the_runner_model_finds_what_it_should() -> None:
    """The checker itself can fail: raw hostile text is full of commands for it."""
    raw = f"x {FORGED_TITLE}\n  ::set-output name=a::b\n::stop-commands::t\n::error::hidden\n::t::\n::notice::after"
    assert [c.name for c in obeyed(raw)] == ["add-mask", "error", "warning", "set-output", "stop-commands", "notice"]


def test_the_azure_agent_model_finds_what_it_should() -> None:
    raw = f"x {FORGED_TITLE}\n##[group]g\nmid ##VSO[task.prependpath]/x\n#\\x23vso[task.complete]escaped"
    assert [c.name for c in azure_agent.obeyed(raw)] == ["task.setvariable", "##[group]", "task.prependpath"]


@pytest.mark.parametrize("on_actions", [True, False], ids=["actions", "local"])
def test_docs_check_diff_of_a_hostile_readme_forges_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, on_actions: bool
) -> None:
    from status_gen.inject import markers

    monkeypatch.chdir(tmp_path)
    begin, end = markers("labels")
    readme = (
        f"##[error]forged before the table\n::add-mask::x ##vso[task.complete]x\n{begin}\nold \r::error::cr\n{end}\n"
    )
    (tmp_path / "README.md").write_text(readme, encoding="utf-8", newline="")
    code, out, err = _run(monkeypatch, on_actions, "docs", "--check")
    assert code == 1 and "forged before the table" in out
    _assert_nothing_forged("text", on_actions, out, err)


@pytest.mark.parametrize("on_actions", [True, False], ids=["actions", "local"])
@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_lint_messages_quoting_a_hostile_document_forge_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, on_actions: bool
) -> None:
    from tests.lint.test_lint_cli import CONTRADICTORY

    monkeypatch.chdir(tmp_path)
    text = CONTRADICTORY.read_text(encoding="utf-8").replace(
        "Auth Service", "Auth ##[error]forged lint ##vso[task.setvariable variable=x]y"
    )
    (tmp_path / "h.md").write_text(text, encoding="utf-8")
    code, out, err = _run(monkeypatch, on_actions, "lint", "h.md", "--format", fmt)
    assert code == 1 and "forged lint" in out
    if fmt == "text" and not on_actions:
        return  # no runner reads it
    ours = [
        c
        for c in obeyed(out)
        if fmt == "github" and c.name in ("error", "warning") and c.props.startswith("file=h.md,")
    ]
    assert ours or fmt != "github"
    assert [c for c in obeyed(out) + obeyed(err) if c.name != "stop-commands" and c not in ours] == []
    assert azure_agent.obeyed(out) + azure_agent.obeyed(err) == []


HOSTILE_NAME = "DB ##[error]forged diff\\n::add-mask::x ##VSO[task.setvariable variable=y]z"  # YAML double quotes


def _history(repo: Path) -> None:
    from tests.gitrepo import commit, init, project, write_data

    components = """
        components:
          - id: db
            name: "{name}"
            status: {status}
            note: replicas
        """
    init(repo)
    write_data(repo, project=project("2025-01-01"), components=components.format(name=HOSTILE_NAME, status="FIXED"))
    commit(repo, "status 1")
    write_data(repo, project=project("2025-01-08"), components=components.format(name=HOSTILE_NAME, status="BROKEN"))


@pytest.mark.parametrize("on_actions", [True, False], ids=["actions", "local"])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_status_diff_of_hostile_names_forges_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, on_actions: bool
) -> None:
    _history(tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo")
    code, out, err = _run(monkeypatch, on_actions, "diff", "--format", fmt)
    assert code == 0 and "forged diff" in out, err
    _assert_nothing_forged(fmt, on_actions, out, err)
    if fmt == "json":
        assert "##[" not in out and "##[error]forged diff" in str(json.loads(out))
