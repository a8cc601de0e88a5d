"""Named consistency rules: a module per family, a small generator function per rule.

A rule's docstring is its user documentation (``status-gen explain CODE``) and carries a passing
and a failing YAML example. Rules yield ``Finding`` (a place and a message); the runner stamps
the code and the level from config and drops what an ignore comment silences.
"""
