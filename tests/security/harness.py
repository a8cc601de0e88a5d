"""Run the real CLI as a child process against a hostile tree, and collect what it leaked.

Each case plants two secrets outside the project (an environment variable and a file in a folder
beside it), runs ``python -m status_gen`` in the project, and returns everything a CI log or a
reviewer would see: stdout, stderr, the document, the GitHub step summary, plus the child's
resource usage and a before/after picture of every file outside the project.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE_TODAY = "2025-09-17"
SECRET = "ghp_S3cretT0kenPlantedByTheTest"
ENV_SECRET = "sk_EnvS3cretPlantedByTheTest"
# Generous bounds: the point is "not 19 s and 2 GB", not a timing test.
MAX_SECONDS = 60.0
MAX_RSS_BYTES = 1024 * 1024 * 1024


@dataclass
class Run:
    code: int
    out: str
    err: str
    document: bytes
    summary: str
    cpu_seconds: float
    max_rss_bytes: int

    @property
    def seen(self) -> str:
        """Everything a log or a reviewer sees."""
        return "\n".join([self.out, self.err, self.document.decode("utf-8", "replace"), self.summary])


_OWN_COMMANDS = ("::error ", "::warning ", "::notice ", "::error::", "::warning::", "::notice::")


def runner_commands(text: str) -> list[str]:
    """Lines a GitHub runner would obey that are not status-gen's own annotations.

    Text between status-gen's ``::stop-commands::TOKEN`` and ``::TOKEN::`` is inert; outside it,
    only annotations may start with '::', and the legacy '##[' syntax must not appear at all.
    """
    found = []
    token = None
    for line in text.splitlines():
        if token is not None:
            if line == f"::{token}::":
                token = None
            continue
        if line.startswith("::stop-commands::"):
            token = line[len("::stop-commands::") :]
            continue
        if (line.startswith("::") and not line.startswith(_OWN_COMMANDS)) or "##[" in line:
            found.append(line)
    return found


class Tree:
    """tmp/project (the example project, the working folder) beside tmp/outside (the secret)."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.project = base / "project"
        self.outside = base / "outside"
        self.outside.mkdir()
        self.secret_file = self.outside / "secret.txt"
        self.secret_file.write_text(f"token={SECRET}\n", encoding="utf-8")
        (self.outside / "components.yaml").write_text(f"components:\n  - {SECRET}\n", encoding="utf-8")
        self.project.mkdir()
        for name in ("data", "templates"):
            shutil.copytree(ROOT / name, self.project / name)
        for name in ("pyproject.toml", "SYSTEM_STATUS.md"):
            shutil.copy2(ROOT / name, self.project / name)
        (self.project / ".git").mkdir()  # the repository root: settings are not searched above it
        (self.project / ".git" / "config").write_text(
            f'[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic {SECRET}\n', encoding="utf-8"
        )
        # The harness's own files (captured output, the step summary, the user's template cache,
        # which lives outside projects by design) are not "outside the project" for the check.
        self.own = base / "harness"
        self.own.mkdir()
        self.summary = self.own / "step-summary.md"
        self.before = self.outside_files()

    def outside_files(self) -> dict[str, str]:
        """Every file outside the project (the step summary excepted), by path, with a hash."""
        found = {}
        for path in sorted(self.base.rglob("*")):
            if path.is_relative_to(self.project) or path.is_relative_to(self.own):
                continue
            if path.is_symlink() or not path.is_file():
                found[str(path)] = "link" if path.is_symlink() else "folder"
            else:
                found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
        return found

    def settings(self, text: str) -> None:
        (self.project / ".status-gen.toml").write_text(text, encoding="utf-8")

    def write(self, name: str, text: str) -> Path:
        path = self.project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink():
            path.unlink()
        path.write_text(text, encoding="utf-8")
        return path

    def link(self, name: str, target: Path | str) -> Path:
        path = self.project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(path)
        path.symlink_to(target)
        return path

    def run(self, *args: str, cwd: Path | None = None, document: str = "SYSTEM_STATUS.md") -> Run:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "STATUS_GEN"))}
        env.update(
            STATUS_GEN_PLANTED_SECRET=ENV_SECRET,
            GITHUB_STEP_SUMMARY=str(self.summary),
            GITHUB_ACTIONS="true",
            PYTHONPATH=str(ROOT),
            XDG_CACHE_HOME=str(self.own / "cache"),
        )
        out_path, err_path = self.own / "stdout.txt", self.own / "stderr.txt"
        with out_path.open("wb") as out, err_path.open("wb") as err:
            child = subprocess.Popen(
                [sys.executable, "-m", "status_gen", *args], cwd=cwd or self.project, env=env, stdout=out, stderr=err
            )
            deadline = time.monotonic() + 10 * MAX_SECONDS
            while True:
                pid, status, usage = os.wait4(child.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() > deadline:
                    child.kill()
                    pid, status, usage = os.wait4(child.pid, 0)
                    break
                time.sleep(0.01)
            child.returncode = os.waitstatus_to_exitcode(status)
        doc = self.project / document
        shown = doc.read_bytes() if doc.is_file() and not doc.is_symlink() else b""
        return Run(
            code=child.returncode,
            out=out_path.read_text("utf-8", "replace"),
            err=err_path.read_text("utf-8", "replace"),
            document=shown,
            summary=self.summary.read_text("utf-8", "replace") if self.summary.exists() else "",
            cpu_seconds=usage.ru_utime + usage.ru_stime,
            max_rss_bytes=usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024),
        )

    def assert_contained(self, run: Run, code: int = 2, message: str = "") -> None:
        """No secret seen, nothing outside changed, the expected exit and message, bounded cost."""
        for secret in (SECRET, ENV_SECRET):
            for form in (secret, secret[::-1], secret.upper()):
                assert form not in run.seen, f"leaked {form!r}"
        assert "Traceback" not in run.seen
        for stream in (run.out, run.err):
            assert runner_commands(stream) == [], "a line the GitHub runner would obey"
        assert self.outside_files() == self.before, "a file outside the project was created or changed"
        assert run.code == code, run.err
        assert message in run.err + run.out, run.err + run.out
        assert run.cpu_seconds < MAX_SECONDS, run.cpu_seconds
        assert run.max_rss_bytes < MAX_RSS_BYTES, run.max_rss_bytes
