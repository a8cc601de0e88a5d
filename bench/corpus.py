"""Run ``status-gen lint`` over every Markdown document of a folder and print what it read and found.

    .venv/bin/python bench/corpus.py DIR [DIR...]

Per document: seconds (lint_text, in this process), the claims extracted by kind, and the
findings by rule code; then the findings themselves, for review by hand. The documents are
evaluation data (a corpus of real status documents): nothing is copied from them. A second
table imports each document into a scratch folder (``status-gen import``), renders it back and
prints seconds (import + render), records recognised by kind, the share of the original's
non-blank lines present in the re-rendered document, lint's findings on the original and on the
re-rendered document (import settles contradictions: the target is 0), and the notes it wrote.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    from status_gen.claims import extract, vocabulary
    from status_gen.errors import StatusGenError
    from status_gen.lint import lint_text, read_markdown
    from status_gen.settings import Config

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", metavar="DIR")
    args = parser.parse_args(argv)
    config = Config()
    words = vocabulary({name: label.level for name, label in config.labels.items()})
    print("| Document | Seconds | Entities | Issues | Checks | Verdicts | Dates | Totals | Findings |")
    print("|---|---|---|---|---|---|---|---|---|")
    everything = []
    for folder in args.folders:
        for path in sorted(Path(folder).glob("*.md")):
            try:
                text = read_markdown(path, path.name)
            except StatusGenError as error:
                print(f"| {path.name} | | | | | | | | unreadable: {error.message} |")
                continue
            start = time.perf_counter()
            problems = lint_text(text, path.name, config)
            seconds = time.perf_counter() - start
            claims = extract(text, words)
            codes = Counter(p.code for p in problems)
            found = ", ".join(f"{code} x{n}" for code, n in sorted(codes.items())) or "0"
            print(
                f"| {path.name} | {seconds:.3f} | {len(claims.entities)} | {len(claims.issues)} | {len(claims.checks)} "
                f"| {len(claims.verdicts)} | {len(claims.doc_dates) + len(claims.events)} | {len(claims.totals)} "
                f"| {found} |"
            )
            everything.extend(problems)
    _import_table(args.folders)
    print(f"\n{len(everything)} findings:\n")
    for problem in everything:
        print(f"- {problem.where}: {problem.code} {problem.message}")
    return 0


def _import_table(folders: list[str]) -> None:
    import datetime as dt
    import statistics
    import tempfile

    from status_gen.api import build
    from status_gen.config import load_config
    from status_gen.errors import StatusGenError
    from status_gen.importer import lines_kept, plan_import, write_import
    from status_gen.lint import lint_text, read_markdown
    from status_gen.settings import Config

    today = dt.date(2026, 1, 1)
    print("\n| Document | Import+render s | Records by kind | Lines kept | Findings before | After | Notes |")
    print("|---|---|---|---|---|---|---|")
    shares = []
    totals = Counter[str]()
    for folder in folders:
        for path in sorted(Path(folder).glob("*.md")):
            try:
                text = read_markdown(path, path.name)
                start = time.perf_counter()
                with tempfile.TemporaryDirectory() as scratch:
                    planned = plan_import(text, path.name, today)
                    write_import(Path(scratch) / "data", planned.files, Path(scratch))
                    rendered = build(load_config(None, Path(scratch)), today, "SYSTEM_STATUS.md").text
                seconds = time.perf_counter() - start
            except StatusGenError as error:
                print(f"| {path.name} | | failed: {error} | |")
                continue
            share = lines_kept(text, rendered)
            shares.append(share)
            after = lint_text(rendered, "rendered", Config())
            notes = sum(planned.notes.values())
            totals.update(before=planned.found, after=len(after), notes=notes)
            kinds = ", ".join(f"{kind} {n}" for kind, n in planned.counts.items() if n)
            print(
                f"| {path.name} | {seconds:.3f} | {kinds} | {share:.1%} | {planned.found} "
                f"| {', '.join(p.code for p in after) or 0} | {notes} |"
            )
    if shares:
        print(f"\n{len(shares)} imported; lines kept: min {min(shares):.1%}, median {statistics.median(shares):.1%}")
        print(
            f"lint findings: {totals['before']} on the originals, {totals['after']} on the re-rendered documents; "
            f"{totals['notes']} notes written"
        )


if __name__ == "__main__":
    sys.exit(main())
