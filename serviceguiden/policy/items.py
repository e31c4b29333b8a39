"""What the engine hands around: an `Item` is a contact detail while it is being labelled (text
offsets, label, evidence); a `Finding` is what `scan` returns for it (input offsets, rule,
message and fix).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from serviceguiden.policy.profile import Organisation


@dataclass
class Finding:
    value: str
    start: int
    end: int
    kind: str
    label: str
    rule: str
    principle: str
    severity: str
    message: str
    fix: str
    evidence: list[str] = field(default_factory=list)
    normalized: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Item:
    """A contact detail while it is being labelled (text offsets)."""

    start: int
    end: int
    kind: str
    normalized: str
    label: str = "unknown"
    evidence: list[str] = field(default_factory=list)
    org: Organisation | None = None
    person: bool = False  # presented with or as an individual person
    raw_span: tuple[int, int] | None = None  # set for details found in HTML attributes
    mobile: bool = False
    link_text: tuple[int, int] | None = None  # for links: where the link's text sits
    known: str = ""  # the registry's function or organisation this detail is a channel of
    company_person: bool = False  # a city company's employee's detail (labelled personal)
