"""Django admin (global admins): webhook subscriptions with their delivery log, channel
keys, the change feed and where-used counts (read-only). Columns of relations the models
leave unnamed get their names here, so the admin reads in Swedish too."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from serviceguiden.publishing.models import (
    BlockedPublish,
    Change,
    Consumer,
    Delivery,
    DeliveryAttempt,
    MissedSearch,
    Subscription,
    Usage,
)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "active", "created_at"]
    list_filter = ["active"]


class AttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    readonly_fields = ["number", "attempted_at", "status_code", "error", "duration_ms"]

    def has_add_permission(self, request, obj=None):
        return False


class SubscriptionFilter(admin.RelatedOnlyFieldListFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = _("webhook subscription")


@admin.register(Delivery)
class DeliveryAdmin(ReadOnly):
    list_display = [
        "message_id", "subscriber", "published_change", "state", "attempts", "next_attempt_at",
    ]  # fmt: skip
    list_filter = ["state", ("subscription", SubscriptionFilter)]
    inlines = [AttemptInline]

    @admin.display(description=_("webhook subscription"), ordering="subscription__name")
    def subscriber(self, obj):
        return obj.subscription

    @admin.display(description=_("published change"), ordering="change_id")
    def published_change(self, obj):
        return obj.change

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        for name, label in (("subscription", _("webhook subscription")),
                            ("change", _("published change"))):  # fmt: skip
            if name in form.base_fields:
                form.base_fields[name].label = label
        return form


@admin.register(Change)
class ChangeAdmin(ReadOnly):
    list_display = ["id", "created_at", "reason"]


@admin.register(Consumer)
class ConsumerAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "created_at"]


@admin.register(Usage)
class UsageAdmin(ReadOnly):
    list_display = ["day", "kind", "slug", "page", "channel", "hits"]
    list_filter = ["kind", "day"]
    search_fields = ["slug", "page", "channel"]


@admin.register(MissedSearch)
class MissedSearchAdmin(ReadOnly):
    """What visitors searched for and did not find (the editor's list; nothing identifying)."""

    list_display = ["query", "lang", "count", "first_seen", "last_seen", "top_hit", "hidden_at"]
    list_filter = ["lang", ("hidden_at", admin.EmptyFieldListFilter)]
    search_fields = ["query"]
    ordering = ["-count", "-last_seen"]


@admin.register(BlockedPublish)
class BlockedPublishAdmin(ReadOnly):
    """What the publish gate refused: the previous version stays published until a change
    passes the gate (then the row is resolved)."""

    list_display = ["kind", "slug", "name", "organisation", "rules", "updated_at", "resolved_at"]
    list_filter = ["kind", ("resolved_at", admin.EmptyFieldListFilter)]
    search_fields = ["slug", "name"]

    @admin.display(description=_("rules"))
    def rules(self, obj):
        return ", ".join(sorted({f.get("rule", "") for f in obj.findings}))
