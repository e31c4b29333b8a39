"""The policy engine: the four contact principles as code. Pure Python, no Django.

Public API:
- `scan(text, profile=None, fmt=None, lang="sv")` -> list of `Finding` for a document
  (plain text, HTML or Markdown; sniffed when `fmt` is None)
- `check_field(kind, value, profile=None, owner_domains=(), lang="sv")` -> list of `Violation`
  for one registry field; errors block the save
- `format_phone(value)` -> '031-365 00 00'; `phone_e164(value)` -> '+46313650000'
- `load_profile(path=None)` -> `CityProfile` (Gothenburg by default)
- `RULES` -> the rules catalogue, keyed by rule id
"""

from serviceguiden.policy.fields import Violation, check_field
from serviceguiden.policy.phones import format_phone, phone_e164
from serviceguiden.policy.profile import CityProfile, ProfileError, load_profile
from serviceguiden.policy.rules import RULES, Rule
from serviceguiden.policy.scan import Finding, scan

__all__ = [
    "RULES",
    "CityProfile",
    "Finding",
    "ProfileError",
    "Rule",
    "Violation",
    "check_field",
    "format_phone",
    "load_profile",
    "phone_e164",
    "scan",
]
