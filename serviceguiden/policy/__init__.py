"""The policy engine: the four contact principles as code. Pure Python, no Django.

Public API:
- `scan(text, profile=None, fmt=None, lang="sv", known=None)` -> list of `Finding` for a
  document (plain text, HTML or Markdown; sniffed when `fmt` is None); `known` is the
  registry's knowledge (`Known`: its channels and companies)
- `check_field(kind, value, profile=None, owner_domains=(), lang="sv")` -> list of `Violation`
  for one registry field (kinds: email, phone, website, address, text, name); errors block
  the save
- `format_phone(value)` -> '031-365 00 00'; `phone_e164(value)` -> '+46313650000'
- `load_profile(path=None)` -> `CityProfile` (Gothenburg by default);
  `city_profile("lund")` -> any of the 290 municipalities' profiles;
  `profile_for_domain("www.lund.se")` -> the profile of the municipality owning a domain
- `RULES` -> the rules catalogue, keyed by rule id
"""

from serviceguiden.policy.cities import city_profile, profile_for_domain
from serviceguiden.policy.fields import Violation, check_field
from serviceguiden.policy.known import Known, KnownChannel
from serviceguiden.policy.phones import format_phone, phone_e164
from serviceguiden.policy.profile import CityProfile, ProfileError, load_profile
from serviceguiden.policy.rules import RULES, Rule
from serviceguiden.policy.scan import Finding, scan

__all__ = [
    "RULES",
    "CityProfile",
    "Finding",
    "Known",
    "KnownChannel",
    "ProfileError",
    "Rule",
    "Violation",
    "check_field",
    "city_profile",
    "format_phone",
    "load_profile",
    "phone_e164",
    "profile_for_domain",
    "scan",
]
