"""The policy engine: the four contact principles as code. Pure Python, no Django.

Public API:
- `scan(text, profile=None, fmt=None)` -> list of `Finding` for a document (text/HTML/Markdown)
- `check_field(kind, value, profile=None, ...)` -> list of `Violation` for one registry field
- `load_profile(path=None)` -> `CityProfile`
- `RULES` -> the rules catalogue, keyed by rule id
"""

from serviceguiden.policy.profile import CityProfile, ProfileError, load_profile

__all__ = ["CityProfile", "ProfileError", "load_profile"]
