"""Numbers from the machines that produce them: test reports, coverage reports, tracker exports.

Every reader here is pure apart from reading the one file it is given: it returns plain values
(NamedTuples) or raises StatusGenError with the file, line and column of what it could not read.
Reports come from CI runs of strangers' pull requests, so every reader is bounded in size, never
builds a tree (constant memory, time linear in the file) and refuses what an attacker could use
(DTD internal subsets, entities, absurd nesting).

Modules: ``junit``, ``coverage_report``, ``tracker`` (the readers), ``collect`` (reads what the
data names), ``text`` (how the document words it). This file imports none of them, so that
rendering without reports pays nothing for them.
"""
