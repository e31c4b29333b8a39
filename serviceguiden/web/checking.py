"""Live validation while the owner types: the registry's own validation of one value
(the same rules as every write path, from `serviceguiden.policy.check_field`), as JSON
`{"problems": [{"rule", "severity", "principle", "message", "fix"}]}`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from serviceguiden.directory import access, validation
from serviceguiden.directory.models import Channel, ChannelKind, Function, Organisation

MAX_LENGTH = 500


@login_required
@require_safe
def check_value(request):
    organisation = get_object_or_404(Organisation, slug=request.GET.get("organisation", ""))
    if not access.can_edit_entries(request.user, organisation):
        raise PermissionDenied
    kind = request.GET.get("kind", "")
    value = request.GET.get("value", "")[:MAX_LENGTH]
    if kind == "text":
        problems = validation.policy_problems(
            "description", "name", value, organisation.owner_domains
        )
    elif kind in ChannelKind.values:
        channel = Channel(function=Function(organisation=organisation), kind=kind, value=value)
        problems = [p for p in validation.validate_channel(channel)[0] if p.field == "value"]
    else:
        return JsonResponse({"error": "kind must be a channel kind or text"}, status=400)
    return JsonResponse(
        {
            "problems": [
                {
                    "rule": p.rule,
                    "severity": p.severity,
                    "principle": p.principle,
                    "message": p.message(),
                    "fix": p.fix(),
                }
                for p in problems
                if value.strip()
            ]
        }
    )
