"""Every mistake outside the data files gets one readable ``where: error: what (fix)`` line and exit 2.

Each test also checks that the committed document is untouched: the failure happens before
anything is written. Running as root, permission failures are simulated by patching the OS call
that would fail for a normal user (root may read and write anything).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_TODAY, STALE_DOCUMENT, run_cli


def refused(project: Path, *args: str) -> str:
    """Run the CLI, assert a clean exit 2 with an unchanged document; return the error line."""
    document = project / "SYSTEM_STATUS.md"
    before = document.read_bytes()
    code, out, err = run_cli(*args)
    assert code == 2, err
    assert "Traceback" not in err + out
    lines = [line for line in err.splitlines() if line]
    assert len(lines) == 1, err
    assert document.read_bytes() == before
    return lines[0]


def render(project: Path, *extra: str) -> str:
    return refused(project, "render", "--today", EXAMPLE_TODAY, *extra)


# Data folder and files


def test_missing_data_folder(project: Path) -> None:
    assert render(project, "--data", "nowhere") == (
        "nowhere: error: data folder does not exist (run 'status-gen init' to create an example, or pass --data)"
    )


def test_data_path_that_is_a_file(project: Path) -> None:
    assert render(project, "--data", "pyproject.toml").startswith("pyproject.toml: error: --data must be a folder")


def test_data_file_that_is_a_folder(project: Path) -> None:
    (project / "data" / "tests.yaml").unlink()
    (project / "data" / "tests.yaml").mkdir()
    assert render(project) == "data/tests.yaml: error: is a folder, not a YAML file"


def test_data_file_that_is_a_pipe_does_not_hang(project: Path) -> None:
    # Reading a FIFO nobody writes to blocks forever; it must be refused before it is opened.
    (project / "data" / "tests.yaml").unlink()
    os.mkfifo(project / "data" / "tests.yaml")
    assert render(project) == "data/tests.yaml: error: is not a regular file (a pipe, socket or device)"


def test_unreadable_data_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Simulated: as root, chmod 000 does not stop reading.
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "issues.yaml":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert render(project) == "data/issues.yaml: error: cannot read file: Permission denied"


def test_oversized_data_file_is_refused_before_reading(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from status_gen import loader

    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 100)
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        assert self.parent.name != "data", f"read {self} although it is too big"
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    code, _, err = run_cli("render", "--today", EXAMPLE_TODAY)
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 8  # every data file, reported together
    assert all(line.endswith("bytes; the limit is 100 (split the data into smaller files)") for line in lines)


# Output


def test_output_folder_missing(project: Path) -> None:
    line = refused(project, "render", "--today", EXAMPLE_TODAY, "--output", "docs/STATUS.md")
    assert line == "docs/STATUS.md: error: output folder docs/ does not exist; create it or pass another --output"
    assert not (project / "docs").exists()


def test_output_folder_read_only(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Simulated: mkstemp in a read-only folder fails with EACCES for a normal user, not for root.
    import tempfile

    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    (project / "SYSTEM_STATUS.md").write_text(STALE_DOCUMENT, encoding="utf-8")
    line = render(project)
    assert line.startswith("SYSTEM_STATUS.md: error: cannot create a file in ")
    assert line.endswith(": Permission denied (is the folder read-only?)")


def test_output_that_is_a_folder(project: Path) -> None:
    (project / "out").mkdir()
    assert render(project, "--output", "out") == "out: error: output is a folder; pass a file name with --output"


def test_output_that_is_a_pipe_does_not_hang(project: Path) -> None:
    os.mkfifo(project / "pipe")
    assert render(project, "--output", "pipe") == (
        "pipe: error: output is not a regular file; use --output - to print the document"
    )


def test_output_symlink_loop(project: Path) -> None:
    (project / "loop.md").symlink_to("loop.md")
    line = render(project, "--output", "loop.md")
    assert line.startswith("loop.md: error: ")


# Templates (through a user templates/ override, as users customise)


def _template(project: Path, text: str, name: str = "SYSTEM_STATUS.md.j2") -> None:
    path = project / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_template_syntax_error_names_template_file_and_line(project: Path) -> None:
    _template(project, "# Title\n\n{{ view. }}\nmore\n")
    line = render(project)
    assert line.startswith("templates/SYSTEM_STATUS.md.j2:3:1: error: template syntax error: ")


def test_template_undefined_name_in_a_section_override(project: Path) -> None:
    _template(project, "## System Health\n\n{{ view.componnets }}\n", "sections/system_health.md.j2")
    line = render(project)
    assert line.startswith("templates/sections/system_health.md.j2:3:1: error: template error: ")
    assert "componnets" in line


def test_template_python_error_is_the_templates_fault(project: Path) -> None:
    _template(project, "a\nb\n{{ 1 / 0 }}\n")
    assert (
        render(project)
        == "templates/SYSTEM_STATUS.md.j2:3:1: error: template error: ZeroDivisionError: division by zero"
    )


def test_template_endless_recursion(project: Path) -> None:
    _template(project, "{% macro f() %}{{ f() }}{% endmacro %}\n{{ f() }}\n")
    assert "call themselves without end" in render(project)


def test_template_not_utf8(project: Path) -> None:
    (project / "templates" / "SYSTEM_STATUS.md.j2").write_bytes(b"# Status\ncaf\xe9\n")
    assert render(project) == (
        "templates/SYSTEM_STATUS.md.j2:2:4: error: is not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    )


def test_template_including_a_missing_file(project: Path) -> None:
    _template(project, "a\n{% include 'sections/nope.md.j2' %}\n")
    line = render(project)
    assert line.startswith("templates/SYSTEM_STATUS.md.j2:2:1: error: template 'sections/nope.md.j2' not found")


def test_templates_flag_pointing_nowhere(project: Path) -> None:
    assert render(project, "--templates", "nope") == "nope: error: --templates must be an existing folder"


# Safe templates


@pytest.mark.parametrize(
    "expression",
    [
        "''.__class__.__mro__[1].__subclasses__()",
        "''.__class__.__mro__",
        "view.__init__.__globals__",
        "project.__class__.__base__",
        "range(10 ** 9) | list",
    ],
)
def test_sandbox_stops_escapes_cleanly(project: Path, expression: str) -> None:
    _template(project, "# Status\n{{ " + expression + " }}\n")
    assert render(project).startswith("templates/SYSTEM_STATUS.md.j2:2:1: error: template error: ")


def test_data_is_never_compiled_as_a_template(project: Path) -> None:
    components = project / "data" / "components.yaml"
    text = components.read_text(encoding="utf-8")
    text = text.replace("name: Database\n", 'name: "{{ 7*7 }} {% if true %}x{% endif %}"\n', 1)
    components.write_text(text, encoding="utf-8")
    code, out, err = run_cli("render", "--today", EXAMPLE_TODAY, "--output", "-")
    assert code in (0, 1), err
    assert "| **{{ 7\\*7 }} {% if true %}x{% endif %}** | ⚠️ PARTIAL |" in out
    assert "49" not in out.split("## System Health")[1].split("##")[0]


# Config and flags


def test_config_unknown_key(project: Path) -> None:
    (project / ".status-gen.toml").write_text('data = "data"\nmax_age_dyas = 3\n', encoding="utf-8")
    assert (
        render(project) == ".status-gen.toml:2:1: error: unknown setting 'max_age_dyas'; "
        "did you mean 'max_age_days' under [rules.SG401]?"
    )


def test_config_bad_value(project: Path) -> None:
    (project / ".status-gen.toml").write_text('min_pass_rate = "high"\n', encoding="utf-8")
    assert render(project) == ".status-gen.toml:1:1: error: setting 'min_pass_rate' must be a number, not 'high'"


def test_config_toml_syntax_error(project: Path) -> None:
    (project / ".status-gen.toml").write_text("[rules\n", encoding="utf-8")
    assert render(project).startswith(".status-gen.toml:1:")


def test_config_not_utf8(project: Path) -> None:
    (project / ".status-gen.toml").write_bytes(b'output = "caf\xe9.md"\n')
    assert render(project) == ".status-gen.toml:1:14: error: is not valid UTF-8 (byte 0xe9); save the file as UTF-8"


def test_config_file_missing(project: Path) -> None:
    assert render(project, "--config", "nope.toml") == "nope.toml: error: config file does not exist (check --config)"


@pytest.mark.parametrize("value", ["2025-13-01", "yesterday", "17/09/2025", ""])
def test_invalid_today(project: Path, value: str) -> None:
    line = refused(project, "render", "--today", value)
    assert line == f"status-gen: error: --today must be a date as YYYY-MM-DD, not '{value}'"


def test_readme_errors_section_shows_real_output(project: Path) -> None:
    """The README's example is this run's output, verbatim."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Errors")[1].split("```console\n")[1].split("```")[0]
    shown = [line for line in block.splitlines() if line.startswith("data/")]
    components = project / "data" / "components.yaml"
    components.write_text(
        components.read_text(encoding="utf-8").replace(
            "    note: 86.2% tests pass - UUID generation failures in auth models\n",
            "    note: UUID generation failures, see #1296\n    stauts: PARTIAL\n",
        ),
        encoding="utf-8",
    )
    issues = project / "data" / "issues.yaml"
    issues.write_text(issues.read_text(encoding="utf-8").replace("number: 1176", "number: yes", 1), encoding="utf-8")
    code, _, err = run_cli("render")
    assert code == 2
    assert err.splitlines() == shown


@pytest.mark.parametrize("damage", ["truncated", "empty", "garbage"])
def test_corrupt_template_cache_is_a_miss_not_an_error(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, damage: str
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    code, _, err = run_cli("render", "--today", EXAMPLE_TODAY)
    assert code == 0, err
    entries = list((tmp_path / "cache").rglob("*.cache"))
    assert entries
    for entry in entries:
        data = entry.read_bytes()
        entry.write_bytes({"truncated": data[: len(data) // 2], "empty": b"", "garbage": data[:20] + b"junk"}[damage])
    (project / "SYSTEM_STATUS.md").write_text(STALE_DOCUMENT, encoding="utf-8")
    code, _, err = run_cli("render", "--today", EXAMPLE_TODAY)
    assert code == 0, err
    assert (project / "SYSTEM_STATUS.md").read_text(encoding="utf-8").startswith("<!-- Generated by status-gen")


def test_editor_lock_and_backup_files_in_the_data_folder_are_ignored(project: Path) -> None:
    (project / "data" / ".#components.yaml").symlink_to("root@host.12345:1700000000")  # emacs lock
    (project / "data" / ".components.yaml").write_text("not: data\n", encoding="utf-8")
    code, _, err = run_cli("render", "--today", EXAMPLE_TODAY)
    assert code == 0, err


def test_control_characters_from_the_data_are_escaped_in_messages(project: Path) -> None:
    components = project / "data" / "components.yaml"
    text = components.read_text(encoding="utf-8")
    components.write_text(text.replace("    name: Database\n", '    name: Database\n    "\\e[2J\\a": x\n', 1))
    line = render(project)
    assert "\x1b" not in line and "\x07" not in line
    assert "unknown key '\\x1b[2J\\x07'" in line


def test_leading_zero_number_gets_its_own_hint(project: Path) -> None:
    blockers = project / "data" / "blockers.yaml"
    blockers.write_text(blockers.read_text(encoding="utf-8").replace("order: 1\n", "order: 010\n", 1))
    line = render(project)
    assert line.endswith("blockers[0].order: input should be a valid integer (numbers have no leading zeros; write 10)")


@pytest.mark.parametrize("encoding", ["bom", "crlf", "cr"])
def test_bom_and_line_endings_are_accepted(project: Path, encoding: str) -> None:
    for path in (project / "data").glob("*.yaml"):
        data = path.read_bytes()
        if encoding == "bom":
            data = b"\xef\xbb\xbf" + data
        else:
            data = data.replace(b"\n", b"\r\n" if encoding == "crlf" else b"\r")
        path.write_bytes(data)
    code, _, err = run_cli("check", "--today", EXAMPLE_TODAY)
    assert code == 0, err  # the committed document is still exactly what the data renders to


def test_template_calling_a_helper_wrongly_is_the_templates_fault(project: Path) -> None:
    """A user template passing a bad value to a view helper or filter is a template error, not a bug."""
    for body in ('{{ "x" | rate }}', "{{ view.component_note(none) }}"):
        _template(project, f"a\n{body}\n")
        line = render(project)
        assert line.startswith("templates/SYSTEM_STATUS.md.j2:2:1: error: template error: "), line


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("tool = 1\n", ".status-gen.toml:1:1: error: unknown setting 'tool'"),
        ('templates = "nope"\n', ".status-gen.toml:1:1: error: setting 'templates' names a folder that does not exist"),
        ("min_pass_rate = nan\n", ".status-gen.toml:1:1: error: setting 'min_pass_rate' must be a finite number"),
    ],
)
def test_bad_dedicated_config(project: Path, config: str, message: str) -> None:
    (project / ".status-gen.toml").write_text(config, encoding="utf-8")
    assert render(project).startswith(message)


def test_status_gen_table_that_is_not_a_table(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool]\n"status-gen" = 5\n', encoding="utf-8")
    line = render(project, "--config", "pyproject.toml")
    assert line == "pyproject.toml:2:2: error: [tool.status-gen] must be a table of settings"


def test_template_error_names_the_templates_folder_as_given(project: Path) -> None:
    (project / "custom").mkdir()
    (project / "custom" / "SYSTEM_STATUS.md.j2").write_text("a\n{{ nope }}\n", encoding="utf-8")
    line = render(project, "--templates", "custom")
    assert line.startswith("custom/SYSTEM_STATUS.md.j2:2:1: error: template error: 'nope' is undefined")


def test_records_with_many_bad_values_stop_validating_at_the_cap(tmp_path: Path) -> None:
    # 60 milestones of 900 bad items each: chunks of 1,000 records were validated whole, so the
    # first chunk alone made 54,000 errors (416,600 in 4 MB: 12 s, 730 MB) before the cap applied.
    # Chunks now end after about 1,000 values, and validation stops at the cap.
    from status_gen.dataset import load_dataset
    from status_gen.errors import StatusGenError
    from status_gen.vocabulary import DEFAULT_LABELS

    data = tmp_path / "data"
    data.mkdir()
    (data / "project.yaml").write_text('project: {name: X, last_updated: "2025-09-17"}\n', encoding="utf-8")
    record = "  - id: m{0}\n    name: M\n    status: OK\n    items:\n" + "      - 1\n" * 900
    (data / "milestones.yaml").write_text(
        "milestones:\n" + "".join(record.format(i) for i in range(60)), encoding="utf-8"
    )
    with pytest.raises(StatusGenError) as caught:
        load_dataset(data, DEFAULT_LABELS, "data")
    errors = caught.value.errors  # type: ignore[attr-defined]
    assert len(errors) == 101
    assert errors[0].where.line == 6 and "milestones[0].items[0]" in errors[0].message
    assert errors[-1].message.startswith("and more errors (validation stopped) in this file")
