"""The checker's own rules, about details held against the registry, beside the policy
engine's catalogue (`serviceguiden.policy.RULES`). `rule(id)` finds either."""

from __future__ import annotations

from serviceguiden.policy import RULES, Rule

HARD_CODED = "P2-hard-coded-copy"
STALE = "P2-stale-copy"
SEVERITIES = ("info", "warning", "error")

CHECKER_RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule(
            HARD_CODED,
            "P2",
            "warning",
            "Uppgiften finns i Serviceguiden men är inskriven för hand i texten; den blir fel "
            "när registret ändras.",
            "The detail is in Serviceguiden but typed into the text by hand; it goes wrong "
            "when the registry changes.",
            "Ta bort den inskrivna uppgiften och bädda in {name} från Serviceguiden i stället: "
            "{embed}",
            "Remove the typed detail and embed {name} from Serviceguiden instead: {embed}",
        ),
        Rule(
            STALE,
            "P2",
            "error",
            "Uppgiften står bredvid en funktions andra uppgifter i Serviceguiden men stämmer "
            "inte med registret: den är troligen inaktuell.",
            "The detail sits beside a function's other details from Serviceguiden but differs "
            "from the registry: it is most likely out of date.",
            "Registret säger {current}. Ta bort de inskrivna uppgifterna och bädda in {name} "
            "från Serviceguiden: {embed}",
            "The registry says {current}. Remove the typed details and embed {name} from "
            "Serviceguiden: {embed}",
        ),
    )
}


def rule(rule_id: str) -> Rule | None:
    return CHECKER_RULES.get(rule_id) or RULES.get(rule_id)


def at_least(severity: str, minimum: str) -> bool:
    return SEVERITIES.index(severity) >= SEVERITIES.index(minimum)
