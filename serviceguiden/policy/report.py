"""The text report of `serviceguiden check`: each finding with its place, rule, message and
fix; a summary per file and for the whole run, with Swedish (or English) plurals."""

from __future__ import annotations

from typing import TextIO

SEVERITIES = ("info", "warning", "error")
FIX = {"sv": "Åtgärd", "en": "Fix"}
NOTHING = {"sv": "inga kontaktuppgifter", "en": "no contact details"}
# (singular, plural) per language; Swedish 'fel' and 'info' are the same in both.
WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "sv": {
        "error": ("fel", "fel"),
        "warning": ("varning", "varningar"),
        "info": ("info", "info"),
        "document": ("dokument", "dokument"),
    },
    "en": {
        "error": ("error", "errors"),
        "warning": ("warning", "warnings"),
        "info": ("info", "info"),
        "document": ("document", "documents"),
    },
}


def count(n: int, word: str, lang: str) -> str:
    """'1 varning', '2 varningar', '1 error', '3 errors'."""
    singular, plural = WORDS[lang][word]
    return f"{n} {singular if n == 1 else plural}"


def tally(findings, lang: str) -> str:
    totals = {s: 0 for s in SEVERITIES}
    for f in findings:
        totals[f.severity] += 1
    if not any(totals.values()):
        return NOTHING[lang]
    return ", ".join(count(totals[s], s, lang) for s in ("error", "warning", "info"))


def write_text_report(out: TextIO, documents: list[dict], lang: str) -> None:
    for doc in documents:
        text = doc["text"]
        for f in doc["findings"]:
            line = text.count("\n", 0, f.start) + 1
            column = f.start - (text.rfind("\n", 0, f.start) + 1) + 1
            value = f.value.replace("\n", " ")
            out.write(
                f"{doc['source']}:{line}:{column}: {f.severity} {f.rule} [{f.label}] "
                f"{f.kind} '{value}'\n    {f.message}\n    {FIX[lang]}: {f.fix}\n"
            )
        if len(documents) > 1:
            out.write(f"{doc['source']}: {tally(doc['findings'], lang)}\n")
    everything = [f for doc in documents for f in doc["findings"]]
    out.write(f"{count(len(documents), 'document', lang)}: {tally(everything, lang)}\n")
