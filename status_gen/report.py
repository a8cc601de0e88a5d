"""Reporters: a ``CheckResult`` in, the text to print out. Pure: they return strings.

``REPORTERS`` is the one table of output formats: ``check --format`` offers its keys. A new
format is a function here, one entry in the table, and its tests.

Every format keeps data-derived text (names, messages, the diff) from becoming a CI command.
GitHub's runner obeys a line that starts with ``::`` and, in its legacy syntax, ``##[`` anywhere
in a line; it splits lines at CR as well as LF. So: each name and message is printed on one line
with control characters shown escaped (``visible``); JSON formats never contain ``##``; and on
GitHub Actions (``--format github``, or any format when ``GITHUB_ACTIONS=true``) everything except
status-gen's own annotations is printed between ``::stop-commands::TOKEN`` and ``::TOKEN::``,
with a random token that the data cannot know.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import Location

if TYPE_CHECKING:
    from .result import CheckResult
    from .rules.base import Problem, Rule


class Options(NamedTuple):
    """How to report, decided by the command line."""

    strict: bool = False  # warnings fail too: the verdicts say so
    token: str = "status-gen"  # for ::stop-commands::, random in real runs
    on_actions: bool = False  # GITHUB_ACTIONS=true: shield everything but our annotations


class Report(NamedTuple):
    out: str  # for stdout: the report
    err: str = ""  # for stderr: input errors in the text format, where every command prints them
    summary: str = ""  # Markdown for $GITHUB_STEP_SUMMARY, when the format writes one


Reporter = Callable[["CheckResult", Options], Report]


# -- one line, visible characters -------------------------------------------------------------


def visible(text: str) -> str:
    """``text`` on one line, invisible characters escaped: a newline, CR or ESC from the data can
    neither start a line (a forged CI command) nor drive the terminal. Azure Pipelines obeys
    ``##vso[`` anywhere in a line, on or off GitHub, so its second '#' is escaped too."""
    text = no_azure_commands(text)
    return text if text.isprintable() else "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


_AZURE_COMMAND = re.compile(r"##(?=vso\[)", re.IGNORECASE)


def no_azure_commands(text: str) -> str:
    """``##vso[`` written ``#\\x23vso[``: the Azure Pipelines agent obeys it anywhere in any line of
    any step's output, and it has no ``::stop-commands::``, so only escaping shields it there."""
    return _AZURE_COMMAND.sub(r"#\\x23", text) if "##" in text else text


def shield(text: str, options: Options) -> str:
    """On GitHub Actions, make the runner ignore any command inside ``text``."""
    if not text or not options.on_actions:
        return text
    return f"::stop-commands::{options.token}\n{text}::{options.token}::\n"


def plain(text: str) -> str:
    """reStructuredText literals (double backticks in docstrings) as plain text for a terminal."""
    return re.sub(r"``(.+?)``", r"'\1'", text, flags=re.S)


# -- text -------------------------------------------------------------------------------------


def problem_lines(problems: Sequence[Problem]) -> str:
    """``file:line:col: CODE message [slug]``, one line per problem (render prints these too)."""
    return "".join(visible(f"{p.where}: {p.code} {p.message} [{p.slug}]") + "\n" for p in problems)


def error_lines(result: CheckResult) -> str:
    """``file:line:col: error: message``, one line per load error, as every command prints them."""
    return "".join(visible(f"{e.where or 'status-gen'}: error: {e.message}") + "\n" for e in result.load_errors)


def diff_lines(diff: str) -> str:
    """A diff with each line's invisible characters escaped (a CR inside a line ends it for a runner)."""
    return "".join(visible(line) + "\n" for line in diff.splitlines())


def _counts(result: CheckResult) -> str:
    errors, warnings = len(result.errors), len(result.warnings)
    if not errors and not warnings:
        return "no problems"
    parts = [f"{errors} error{'s' * (errors != 1)}"] if errors else []
    parts += [f"{warnings} warning{'s' * (warnings != 1)}"] if warnings else []
    return ", ".join(parts)


def verdict(result: CheckResult) -> str:
    """The last line of a report: what was checked and how it ended."""
    if not result.loaded:
        n = len(result.load_errors)
        return f"{result.document} was not checked: the input has {n} error{'s' * (n != 1)}"
    if result.stale:
        state = "is missing" if result.missing else "is stale"
        return f"{result.document} {state}: run '{result.fix}' to regenerate it"
    if result.stale_files:
        return result.stale_files[0].message()
    off = f" ({result.rules_off} off)" if result.rules_off else ""
    return f"{result.document} is up to date; {result.rules_run} rules{off}, {_counts(result)}"


def _stale_file_lines(result: CheckResult) -> str:
    """The derived files other than the document that are stale, one line each (the last is the verdict's)."""
    shown = result.stale_files if result.stale else result.stale_files[1:]
    return "".join(visible(f.message()) + "\n" for f in shown)


def text(result: CheckResult, options: Options) -> Report:
    if not result.loaded:  # nothing was checked: no report, the errors as every command prints them
        return Report("", shield(error_lines(result), options))
    body = problem_lines(result.problems) + diff_lines(result.diff) + _stale_file_lines(result)
    return Report(shield(body + visible(verdict(result)) + "\n", options))


# -- JSON -------------------------------------------------------------------------------------


def _problem_dict(p: Problem) -> dict[str, Any]:
    return {
        "code": p.code,
        "slug": p.slug,
        "level": p.level,
        "file": p.where.path,
        "line": p.where.line,
        "column": p.where.column,
        "message": p.message,
    }


def _dump(payload: Any) -> str:
    """JSON in which no line can be a runner command: ``##[`` is written ``#\\u0023[`` and ``##vso[``
    ``#\\u0023vso[`` (``#`` only occurs inside strings, where the escape reads back as the same
    text) and no line can start with ``::``. JSON escapes CR, LF and other control characters
    itself; the Unicode breaks too."""
    import json  # only the JSON formats pay for it; --help and rules import this module too

    return json_safe(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n"


_JSON_COMMAND = re.compile(r"##(?=\[|vso\[)", re.IGNORECASE)


def json_safe(text: str) -> str:
    """JSON text with ``##[``, ``##vso[`` and the Unicode line breaks escaped (see ``_dump``); same data."""
    text = _JSON_COMMAND.sub(r"#\\u0023", text).replace("\u0085", "\\u0085")
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def problems_json(problems: Sequence[Problem], document: str) -> str:
    """A JSON document of problems alone (``lint``: no data, no staleness)."""
    return _dump({"document": document, "problems": [_problem_dict(p) for p in problems]})


def as_json(result: CheckResult, options: Options) -> Report:
    payload = {
        "document": result.document,
        "loaded": result.loaded,
        "stale": result.stale,
        "diff": result.diff,
        "problems": [_problem_dict(p) for p in result.findings],
    }
    if result.stale_files:  # only then: the payload of a project without a badge keeps its shape
        payload["stale_files"] = [{"file": f.path, "missing": f.missing, "fix": f.fix} for f in result.stale_files]
    return Report(_dump(payload))


# -- GitHub Actions workflow commands ---------------------------------------------------------


def _escape_data(value: str) -> str:
    return visible(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _annotation(level: str, path: str, line: int, column: int, title: str, message: str) -> str:
    props = [f"file={_escape_property(path)}"] if path else []
    if line:
        props += [f"line={line}", f"col={column}"]
    props.append(f"title={_escape_property(title)}")
    return f"::{'error' if level == 'error' else 'warning'} {','.join(props)}::{_escape_data(message)}\n"


def annotation_lines(problems: Sequence[Problem]) -> str:
    """One ``::error``/``::warning`` workflow command per problem, on its file, line and column."""
    from .result import LOAD_ERROR

    out = []
    for p in problems:
        title = "load error" if p.code == LOAD_ERROR else f"{p.code} {p.slug}"
        out.append(_annotation(p.level, p.where.path, p.where.line, p.where.column, title, p.message))
    return "".join(out)


def github(result: CheckResult, options: Options) -> Report:
    """Annotations on the YAML lines, then the diff and the verdict shielded from the runner."""
    out = [annotation_lines(result.findings)]
    if result.stale:
        message = f"{result.document} does not match its data; run: {result.fix}"
        out.append(_annotation("error", result.document, 0, 0, "stale document", message))
    out += [_annotation("error", f.path, 0, 0, "stale file", f.message()) for f in result.stale_files]
    tail = diff_lines(result.diff) + visible(verdict(result)) + "\n"
    return Report(
        "".join(out) + shield(tail, options._replace(on_actions=True)), summary=github_summary(result, options)
    )


def github_summary(result: CheckResult, options: Options) -> str:
    """A Markdown summary for $GITHUB_STEP_SUMMARY."""
    from .escape import code, inline

    errors, warnings = len(result.errors) + len(result.load_errors), len(result.warnings)
    failed = result.failed(options.strict)
    if not result.loaded:
        state = "not checked: the input cannot be loaded"
    else:
        state = "missing" if result.missing else "stale" if result.stale else "up to date"
    lines = ["## status-gen check", ""]
    lines += [f"{'❌' if failed else '✅'} {errors} error(s), {warnings} warning(s); document {state}.", ""]
    if result.stale:
        lines += [f"{inline(result.document)} does not match its data. Fix: {code(result.fix)}", ""]
    lines += [f"{inline(f.path)} does not match its data. Fix: {code(f.fix)}\n" for f in result.stale_files]
    if result.load_errors or result.problems:
        lines += ["| Level | Rule | Where | Message |", "|---|---|---|---|"]
        for p in result.findings:
            lines.append(f"| {p.level} | {p.code} {inline(p.slug)} | {inline(str(p.where))} | {inline(p.message)} |")
        lines.append("")
    return "\n".join(lines) + "\n"


# -- SARIF 2.1.0 (GitHub code scanning) -------------------------------------------------------

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def _sarif_rule(code: str, slug: str, level: str, summary: str, doc: str) -> dict[str, Any]:
    return {
        "id": code,
        "name": slug,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": doc},
        "help": {"text": doc},
        "defaultConfiguration": {"level": level},
    }


def _sarif_rules(rules: Sequence[Rule]) -> list[dict[str, Any]]:
    from .result import LOAD_ERROR, STALE_DOCUMENT

    described = [_sarif_rule(r.code, r.slug, r.level, plain(r.summary), plain(r.doc)) for r in rules]
    load = "The input cannot be loaded (YAML, data, settings, templates or the document)."
    stale = "The document does not match what its data renders; run 'status-gen render'."
    described.append(_sarif_rule(LOAD_ERROR, LOAD_ERROR, "error", load, load))
    described.append(_sarif_rule(STALE_DOCUMENT, STALE_DOCUMENT, "error", stale, stale))
    return described


def _sarif_location(path: str, line: int, column: int) -> dict[str, Any]:
    from urllib.parse import quote

    physical: dict[str, Any] = {"artifactLocation": {"uri": quote(path or ".", safe="/"), "uriBaseId": "%SRCROOT%"}}
    if line:
        physical["region"] = {"startLine": line, "startColumn": max(column, 1)}
    return {"physicalLocation": physical}


def sarif(result: CheckResult, options: Options) -> Report:
    """A SARIF 2.1.0 log: upload it with github/codeql-action/upload-sarif for code scanning."""
    from . import __version__
    from .result import STALE_DOCUMENT
    from .rules.base import Problem
    from .rules.registry import RULES

    rules = _sarif_rules(RULES)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    findings = result.findings
    if result.stale:
        message = f"{result.document} does not match its data; run: {result.fix}"
        findings.append(Problem(STALE_DOCUMENT, STALE_DOCUMENT, "error", Location(result.document), message))
    for f in result.stale_files:
        findings.append(Problem(STALE_DOCUMENT, STALE_DOCUMENT, "error", Location(f.path), f.message()))
    results = [
        {
            "ruleId": p.code,
            "ruleIndex": index[p.code],
            "level": "error" if p.level == "error" else "warning",
            "message": {"text": visible(p.message)},
            "locations": [_sarif_location(p.where.path, p.where.line, p.where.column)],
        }
        for p in findings
    ]
    run = {
        "tool": {"driver": {"name": "status-gen", "version": __version__, "rules": rules}},
        "invocations": [{"executionSuccessful": result.loaded}],
        "results": results,
    }
    return Report(_dump({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}))


# The formats of `check --format`, in the order --help lists them.
REPORTERS: dict[str, Reporter] = {"text": text, "json": as_json, "github": github, "sarif": sarif}
