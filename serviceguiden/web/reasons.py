"""History reasons in the reader's language. The registry stores each reason once, in
Swedish and English ("publicerad / published", "visiting_address tillagd / added: …");
a person reads one language and the words of the page ("Besöksadress tillagd: …").

Times in reasons are the restored version's local time (Europe/Stockholm). Reasons stored
before that carry UTC with seconds ("2026-05-04 05:44:00"); they are shown in local time.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from serviceguiden.web import labels
from serviceguiden.web.i18n import page_lang, when_text

PHRASES = {
    "publicerad / published": gettext_lazy("Published"),
    "arkiverad / archived": gettext_lazy("Archived"),
    "granskad / reviewed": gettext_lazy("Marked as reviewed"),
    "raderad / deleted": gettext_lazy("Deleted"),
    "funktionen raderad / function deleted": gettext_lazy("Deleted with its function"),
    "återtagen från arkivet / taken back from the archive": gettext_lazy(
        "Taken back from the archive"
    ),
    "beviljat / granted": gettext_lazy("Granted"),
    "återkallat / revoked": gettext_lazy("Revoked"),
}
_CHANNEL = re.compile(
    r"^(?P<kind>[a-z_]+) (?P<verb>tillagd / added|ändrad / changed|borttagen / removed): "
    r"(?P<value>.*)$",
    re.S,
)
_MOVED = re.compile(r"^flyttad: (?P<name>.+?) arkiverad / moved: .* archived$", re.S)
_RESTORED = re.compile(
    r"^återställd till (?P<when>\d{4}-\d\d-\d\d \d\d:\d\d)(?P<seconds>:\d\d)? / restored"
)


def channel_kind(kind: str) -> str:
    return str(labels.CHANNEL_KINDS.get(kind, kind.replace("_", " ")))


def reason_text(reason: str) -> str:
    """A stored history reason as a sentence in the active language."""
    reason = (reason or "").strip()
    if not reason:
        return ""
    if reason in PHRASES:
        return str(PHRASES[reason])
    if match := _CHANNEL.match(reason):
        kind, value = channel_kind(match["kind"]), match["value"]
        verb = match["verb"].split(" / ")[1]
        template = {
            "added": _("%(kind)s added: %(value)s"),
            "changed": _("%(kind)s changed: %(value)s"),
            "removed": _("%(kind)s removed: %(value)s"),
        }[verb]
        return template % {"kind": kind, "value": value}
    if match := _MOVED.match(reason):
        return _("Moved here when %(name)s was archived") % {"name": match["name"]}
    if match := _RESTORED.match(reason):
        moment = dt.datetime.strptime(match["when"], "%Y-%m-%d %H:%M")
        zone = dt.UTC if match["seconds"] else timezone.get_current_timezone()
        moment = moment.replace(tzinfo=zone)
        return _("Restored to the version of %(when)s") % {"when": when_text(moment)}
    sv, sep, en = reason.partition(" / ")
    if sep and " / " not in en:
        return en if page_lang() == "en" else sv
    return reason
