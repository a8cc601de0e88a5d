"""The words status-gen writes itself, and their translations.

Every fixed word or sentence of the document (headings of the built-in kinds, verdicts, month
names, "Phase", table columns, summary sentences) is looked up here by its English text, the way
gettext keys messages by their source text. ``language:`` in outline.yaml picks a table below;
``words:`` replaces single entries. A key that is not in ``ENGLISH`` is an error, so a typo in an
override cannot silently leave the English word in place.

Adding a language: copy ``ITALIAN``, translate the values, and add it to ``LANGUAGES``.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# Every message, in English. Placeholders in braces are filled by the code that uses them.
ENGLISH: tuple[str, ...] = (
    *MONTHS,
    # verdicts and derived states
    "HEALTHY", "DEGRADED", "CRITICAL",
    "READY", "READY WITH RISKS", "NOT READY",
    "HIGH", "MEDIUM", "LOW",
    "OPEN", "IN PROGRESS", "RESOLVED", "CLOSED",
    "{state} {date}",
    "all {count} phase complete", "all {count} phases complete",
    "{done} of {count} phase complete", "{done} of {count} phases complete",
    "{count} open P0 blocker", "{count} open P0 blockers",
    "{count} open P1 blocker", "{count} open P1 blockers",
    "{count} component at fail level", "{count} components at fail level",
    "{count} component at warn level", "{count} components at warn level",
    "no open P0 or P1 blockers, every component at ok level",
    # the header
    "{name} Status", "Last Updated", "Status",
    # default headings of the kinds
    "Summary", "Components", "Issues", "Recently Completed", "Blockers", "Known Issues", "Next Steps",
    "Roadmap", "Checklists", "Tests", "Commands", "Metrics", "Readiness: {icon} {verdict}",
    "Validation ({run_date})", "Achievements",
    "Changes since {since}", "Components at a Glance", "Timeline", "Health over Time",
    # sub-headings and lead-ins inside kinds
    "Overall Health", "Highlights", "Ready", "Not Yet Ready", "Open P0 Blockers", "Other Open Blockers",
    "Confidence", "Results", "Impact", "Evidence", "Readiness",
    # table columns and field names
    "Component", "Notes", "Category", "Phase", "Issue", "Goal", "Focus Areas", "Owner", "Due", "Start",
    "Completed", "Severity", "Mitigation", "Links", "Risk",
    # sentences
    "None: no component is at an ok level.", "No open P0 blockers.",
    "{passed}/{total} tests pass", "{passed}/{total} pass ({rate})",
    "{percent}% complete", "{done}/{total} items done",
    "No change in status since {since}.",
    # the changes section's facts: record kinds, what happened to them, what a value can be
    "last updated", "health", "readiness", "component", "category", "issue", "phase", "blocker",
    "milestone", "tests", "added", "added closed", "removed", "removed while open", "opened",
    "closed", "reopened", "finished", "resolved", "reached", "no counts",
)  # fmt: skip

_ITALIAN_MONTHS = (
    "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
    "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
)  # fmt: skip
ITALIAN: dict[str, str] = {
    **dict(zip(MONTHS, _ITALIAN_MONTHS, strict=True)),
    "HEALTHY": "IN SALUTE",
    "DEGRADED": "DEGRADATO",
    "CRITICAL": "CRITICO",
    "READY": "PRONTO",
    "READY WITH RISKS": "PRONTO CON RISCHI",
    "NOT READY": "NON PRONTO",
    "HIGH": "ALTA",
    "MEDIUM": "MEDIA",
    "LOW": "BASSA",
    "OPEN": "APERTO",
    "IN PROGRESS": "IN CORSO",
    "RESOLVED": "RISOLTO",
    "CLOSED": "CHIUSO",
    "{state} {date}": "{state} il {date}",
    "all {count} phase complete": "l'unica fase è completata",
    "all {count} phases complete": "tutte le {count} fasi completate",
    "{done} of {count} phase complete": "fasi completate: {done} su {count}",
    "{done} of {count} phases complete": "fasi completate: {done} su {count}",
    "{count} open P0 blocker": "{count} blocco P0 aperto",
    "{count} open P0 blockers": "{count} blocchi P0 aperti",
    "{count} open P1 blocker": "{count} blocco P1 aperto",
    "{count} open P1 blockers": "{count} blocchi P1 aperti",
    "{count} component at fail level": "{count} componente a livello fail",
    "{count} components at fail level": "{count} componenti a livello fail",
    "{count} component at warn level": "{count} componente a livello warn",
    "{count} components at warn level": "{count} componenti a livello warn",
    "no open P0 or P1 blockers, every component at ok level": (
        "nessun blocco P0 o P1 aperto, ogni componente a livello ok"
    ),
    "{name} Status": "Stato di {name}",
    "Last Updated": "Ultimo aggiornamento",
    "Status": "Stato",
    "Summary": "Sintesi",
    "Components": "Componenti",
    "Issues": "Segnalazioni",
    "Recently Completed": "Completati di recente",
    "Blockers": "Blocchi",
    "Known Issues": "Problemi noti",
    "Next Steps": "Prossimi passi",
    "Roadmap": "Tabella di marcia",
    "Checklists": "Liste di controllo",
    "Tests": "Test",
    "Commands": "Comandi",
    "Metrics": "Metriche",
    "Readiness: {icon} {verdict}": "Prontezza: {icon} {verdict}",
    "Validation ({run_date})": "Verifica ({run_date})",
    "Achievements": "Risultati raggiunti",
    "Changes since {since}": "Modifiche dal {since}",
    "Components at a Glance": "Componenti in sintesi",
    "Timeline": "Cronologia",
    "Health over Time": "Salute nel tempo",
    "Overall Health": "Salute complessiva",
    "Highlights": "In evidenza",
    "Ready": "Pronti",
    "Not Yet Ready": "Non ancora pronti",
    "Open P0 Blockers": "Blocchi P0 aperti",
    "Other Open Blockers": "Altri blocchi aperti",
    "Confidence": "Affidabilità",
    "Results": "Risultati",
    "Impact": "Impatto",
    "Evidence": "Fonti",
    "Readiness": "Prontezza",
    "Component": "Componente",
    "Notes": "Note",
    "Category": "Categoria",
    "Phase": "Fase",
    "Issue": "Segnalazione",
    "Goal": "Obiettivo",
    "Focus Areas": "Aree di attenzione",
    "Owner": "Responsabile",
    "Due": "Scadenza",
    "Start": "Inizio",
    "Completed": "Completato",
    "Severity": "Gravità",
    "Mitigation": "Mitigazione",
    "Links": "Collegamenti",
    "Risk": "Rischio",
    "None: no component is at an ok level.": "Nessuno: nessun componente è a un livello ok.",
    "No open P0 blockers.": "Nessun blocco P0 aperto.",
    "{passed}/{total} tests pass": "{passed}/{total} test superati",
    "{passed}/{total} pass ({rate})": "{passed}/{total} superati ({rate})",
    "{percent}% complete": "{percent}% completato",
    "{done}/{total} items done": "{done}/{total} voci completate",
    "No change in status since {since}.": "Nessuna modifica dello stato dal {since}.",
    "last updated": "ultimo aggiornamento",
    "health": "salute",
    "readiness": "prontezza",
    "component": "componente",
    "category": "categoria",
    "issue": "segnalazione",
    "phase": "fase",
    "blocker": "blocco",
    "milestone": "traguardo",
    "tests": "test",
    "added": "aggiunto",
    "added closed": "aggiunto già chiuso",
    "removed": "rimosso",
    "removed while open": "rimosso mentre era aperto",
    "opened": "aperto",
    "closed": "chiuso",
    "reopened": "riaperto",
    "finished": "completata",
    "resolved": "risolto",
    "reached": "raggiunto",
    "no counts": "nessun conteggio",
}

LANGUAGES: dict[str, dict[str, str]] = {"en": {}, "it": ITALIAN}
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def fill(text: str, values: dict[str, str]) -> str:
    """Put values in for ``{name}`` placeholders; as text, never evaluated. Unknown names stay."""
    return _PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), text)


# Derived texts (derive.py writes them in English, with numbers in them) matched back to their
# message: (pattern, the names of its groups, the singular message).
_DERIVED = (
    (r"([0-9]+) open (P[01]) blockers?", ("count", "severity"), "{count} open {severity} blocker"),
    (r"([0-9]+) components? at (fail|warn) level", ("count", "level"), "{count} component at {level} level"),
    (r"all ([0-9]+) phases? complete", ("count",), "all {count} phase complete"),
    (r"([0-9]+) of ([0-9]+) phases? complete", ("done", "count"), "{done} of {count} phase complete"),
    (r"(OPEN|IN PROGRESS|RESOLVED|CLOSED) ([0-9]{4}-[0-9]{2}-[0-9]{2})", ("state", "date"), "{state} {date}"),
)
_DERIVED_PATTERNS = [(re.compile(p + r"\Z"), names, message) for p, names, message in _DERIVED]
_PLURALS = {"blocker": "blockers", "component at": "components at", "phase complete": "phases complete"}


class Words:
    """The word table of one document: ``words("Phase")`` gives the word to write."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table

    def __call__(self, text: str, **values: object) -> str:
        found = self.table.get(text)
        if found is None:
            found = text
            if self.table and not values:
                return self._counted(text)
        return fill(found, {k: str(v) for k, v in values.items()}) if values else found

    def _counted(self, text: str) -> str:
        """A derived text such as '2 open P0 blockers, 1 component at fail level', translated."""
        parts = text.split(", ")
        if len(parts) > 1:
            return ", ".join(self._counted(part) for part in parts)
        for pattern, names, message in _DERIVED_PATTERNS:
            match = pattern.match(text)
            if match is None:
                continue
            values = dict(zip(names, match.groups(), strict=True))
            # Fixed parts of the message (severity, level) are written into it; numbers stay values.
            for fixed in ("severity", "level"):
                if fixed in values:
                    message = message.replace(f"{{{fixed}}}", values.pop(fixed))
            if values.get("count", "1") != "1":
                for one, many in _PLURALS.items():
                    message = message.replace(one, many)
            if "state" in values:
                values["state"] = self(values["state"])
            return self(message, **values)
        return text

    def month(self, date: dt.date) -> str:
        """'September 2025', with the month's name from the table (never the process locale)."""
        return f"{self(MONTHS[date.month - 1])} {date.year}"

    def plural(self, count: int, one: str, many: str) -> str:
        return self(one if count == 1 else many, count=count)


ENGLISH_WORDS = Words({})
