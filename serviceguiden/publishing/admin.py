"""Django admin (global admins): webhook subscriptions with their delivery log, channel
keys, the change feed and where-used counts (read-only)."""

from django.contrib import admin

from serviceguiden.publishing.models import (
    BlockedPublish,
    Change,
    Consumer,
    Delivery,
    DeliveryAttempt,
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


@admin.register(Delivery)
class DeliveryAdmin(ReadOnly):
    list_display = ["message_id", "subscription", "change", "state", "attempts", "next_attempt_at"]
    list_filter = ["state", "subscription"]
    inlines = [AttemptInline]


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


@admin.register(BlockedPublish)
class BlockedPublishAdmin(ReadOnly):
    """What the publish gate refused: the previous version stays published until a change
    passes the gate (then the row is resolved)."""

    list_display = ["kind", "slug", "name", "organisation", "rules", "updated_at", "resolved_at"]
    list_filter = ["kind", ("resolved_at", admin.EmptyFieldListFilter)]
    search_fields = ["slug", "name"]

    @admin.display(description="rules")
    def rules(self, obj):
        return ", ".join(sorted({f.get("rule", "") for f in obj.findings}))
