"""What publishing keeps in the database: the change feed, webhook subscriptions and their
delivery log, the channels that identify themselves with a key, and where-used counts.

The rendered artifacts themselves are files in the published store (`store.py`), not rows.
Subjects are named by kind and slug, not foreign keys, so that the feed and the counts
outlive a deleted topic.
"""

from __future__ import annotations

import base64
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

TOPIC = "topic"
FUNCTION = "function"
ORGANISATION = "organisation"
EXTERNAL_ACTOR = "external_actor"
SUBJECT_KINDS = (TOPIC, FUNCTION, ORGANISATION, EXTERNAL_ACTOR)


class Change(models.Model):
    """One publish: what was re-rendered or removed. Its id is the change feed's cursor."""

    created_at = models.DateTimeField(_("published at"), auto_now_add=True, db_index=True)
    # [{"kind": "topic", "slug": "bygglov", "action": "updated" | "removed"}, ...]
    subjects = models.JSONField(_("subjects"), default=list)
    # Where the change came from: "topic:bygglov changed", "publish --all", ...
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("published change")
        verbose_name_plural = _("published changes")

    def __str__(self) -> str:
        return f"#{self.pk} {self.reason}"


def new_webhook_secret() -> str:
    """A Standard Webhooks secret: `whsec_` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


class Subscription(models.Model):
    """A channel that wants to be told, by a signed POST, when published contacts change."""

    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("endpoint URL"), max_length=500)
    secret = models.CharField(
        _("signing secret"),
        max_length=100,
        default=new_webhook_secret,
        help_text=_("Give it to the subscriber; it verifies each delivery with it."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")

    def __str__(self) -> str:
        return f"{self.name} ({self.url})"


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("pending")
    DELIVERED = "delivered", _("delivered")
    FAILED = "failed", _("given up")


class Delivery(models.Model):
    """One change sent to one subscription, across all its attempts. `message_id` stays the
    same across retries, so a subscriber can drop duplicates."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    change = models.ForeignKey(Change, on_delete=models.CASCADE, related_name="deliveries")
    message_id = models.CharField(_("message id"), max_length=64, unique=True)
    state = models.CharField(
        _("state"), max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self) -> str:
        return f"{self.message_id} → {self.subscription.name}: {self.state}"


class DeliveryAttempt(models.Model):
    """The delivery log: one row per POST, with what the subscriber answered."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="log")
    number = models.PositiveSmallIntegerField(_("attempt"))
    attempted_at = models.DateTimeField(_("attempted at"), auto_now_add=True)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)

    class Meta:
        ordering = ["delivery", "number"]
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")

    def __str__(self) -> str:
        return f"{self.delivery.message_id} #{self.number}: {self.status_code or self.error}"

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class Consumer(models.Model):
    """A channel that shows registry data (a website, an app, the intranet, a chat bot) and
    identifies itself with a key, so that the registry knows who shows what. Public reads
    need no key."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    key = models.SlugField(_("channel key"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("channel")
        verbose_name_plural = _("channels")

    def __str__(self) -> str:
        return self.name


class Usage(models.Model):
    """Where used: how often one subject was fetched for one page, per day and channel.
    `channel` is a registered channel key, else the referring site (`https://host`)."""

    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=20)
    slug = models.CharField(_("key"), max_length=100)
    page = models.CharField(_("page"), max_length=500)
    channel = models.CharField(_("channel"), max_length=200)
    hits = models.PositiveIntegerField(_("requests"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "kind", "slug", "page", "channel"], name="one_usage_row_per_day"
            )
        ]
        indexes = [models.Index(fields=["kind", "slug", "day"], name="usage_subject_day")]
        verbose_name = _("where used")
        verbose_name_plural = _("where used")

    def __str__(self) -> str:
        return f"{self.kind}:{self.slug} on {self.page} ({self.day}: {self.hits})"


class MissedSearchQuerySet(models.QuerySet):
    def shown(self):
        """Not hidden by an editor, most searched first, then the most recently searched."""
        return self.filter(hidden_at__isnull=True).order_by("-count", "-last_seen", "query")


class MissedSearch(models.Model):
    """A public search (the search page or the API) that found nothing, or only a weak best
    hit: the words visitors use that the registry lacks. One row per normalised query and
    language, counted; nothing about who searched (publishing/missed_searches.py)."""

    query = models.CharField(_("search words"), max_length=100)
    lang = models.CharField(_("language"), max_length=2)
    count = models.PositiveIntegerField(_("searches"), default=1)
    first_seen = models.DateTimeField(_("first searched"))
    last_seen = models.DateTimeField(_("last searched"))
    top_hit = models.CharField(
        _("best hit"), max_length=200, blank=True,
        help_text=_("The weak best hit the search found last time; empty when it found nothing."),
    )  # fmt: skip
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)

    objects = MissedSearchQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["query", "lang"], name="one_missed_search_per_lang")
        ]
        indexes = [models.Index(fields=["count", "last_seen"], name="missed_search_eviction")]
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")

    def __str__(self) -> str:
        return f"{self.query} ({self.lang}: {self.count})"


class BlockedPublishQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)

    def for_organisations(self, organisation_ids):
        return self.filter(organisation_id__in=organisation_ids)


class BlockedPublish(models.Model):
    """The publish gate refused a subject's new artifacts: the policy engine found a personal
    or external contact detail in what would have been shown. The previous version stays
    published until a later change passes the gate; then `resolved_at` is set.

    One open row per subject: a later blocked publish of the same subject updates it."""

    kind = models.CharField(_("kind"), max_length=20)
    slug = models.CharField(_("key"), max_length=100)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Whose editors see it; empty for external actors (global admins)."),
    )
    # [{"lang", "value", "kind", "label", "rule", "principle", "message_sv", "message_en",
    #   "fix_sv", "fix_en"}, ...]
    findings = models.JSONField(_("findings"), default=list)
    reason = models.CharField(_("change"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("blocked at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last blocked at"), auto_now=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    objects = BlockedPublishQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "slug"],
                condition=models.Q(resolved_at__isnull=True),
                name="one_open_block_per_subject",
            )
        ]
        verbose_name = _("blocked publish")
        verbose_name_plural = _("blocked publishes")

    def __str__(self) -> str:
        return f"{self.kind}:{self.slug} ({len(self.findings)})"


class PendingChangeQuerySet(models.QuerySet):
    def unannounced(self):
        return self.filter(done_at__isnull=True)


class PendingChange(models.Model):
    """The transactional outbox: a registry change, written in the same database transaction
    as the change itself, and marked done in the same transaction that records its change-feed
    entry and webhook deliveries. After any crash, whatever committed change is not done yet is
    found here (by `publish --all`, the worker's sweep or the next save) and announced once."""

    # [{"kind": "function", "pk": 12, "slug": "bygglov"}, ...]
    subjects = models.JSONField(_("subjects"), default=list)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("committed at"), auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(_("publish attempts"), default=0)
    done_at = models.DateTimeField(_("announced at"), null=True, blank=True, db_index=True)
    change = models.ForeignKey(
        Change,
        verbose_name=_("published change"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pending",
    )
    objects = PendingChangeQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("unannounced change")
        verbose_name_plural = _("unannounced changes")

    def __str__(self) -> str:
        return f"#{self.pk} {self.reason}"


class WorkerHeartbeat(models.Model):
    """When each background worker last swept the outbox: the health check's evidence that
    webhooks are being delivered and stranded changes published."""

    worker = models.CharField(_("worker"), max_length=100, unique=True)
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.worker}: {self.seen_at:%Y-%m-%d %H:%M:%S}"


class Dependency(models.Model):
    """What one published subject's box shows, written each time it is published: whether it
    shows the contact center, and which functions. A change of the contact center re-renders
    exactly the subjects marked here (found in the database, not by reading the store)."""

    kind = models.CharField(_("kind"), max_length=20)
    slug = models.CharField(_("key"), max_length=100)
    shows_contact_center = models.BooleanField(_("shows the contact center"), default=False)
    functions = models.JSONField(_("functions shown"), default=list)
    # A digest of the subject's own words (name, description, synonyms …) as they last passed
    # the publish gate: unchanged words need not be read again when only its contacts change.
    own_words = models.CharField(_("own words checked"), max_length=64, blank=True)
    # A digest of what the subject shows in the lists and the search entries: when no subject
    # of a publish changed it (and none came or went), the lists are not rebuilt.
    listed = models.CharField(_("listed as"), max_length=64, blank=True)
    # A digest of everything the subject's files show but its contacts: when only a topic's
    # contacts change, its files are not rendered again (its contacts are in its block).
    frame = models.CharField(_("frame"), max_length=64, blank=True)
    # The block holding a topic's contacts (`cards.routing_key`), shared by the topics routed
    # alike; empty for the other subjects, whose files hold their contacts.
    block = models.CharField(_("contacts block"), max_length=120, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "slug"], name="one_dependency_per_subject")
        ]
        indexes = [
            models.Index(fields=["shows_contact_center"], name="dependency_center"),
            models.Index(fields=["block"], name="dependency_block"),
        ]
        verbose_name = _("published dependency")
        verbose_name_plural = _("published dependencies")

    def __str__(self) -> str:
        return f"{self.kind}:{self.slug}"


class SharedArtifact(models.Model):
    """The published store's truth when several servers share one PostgreSQL database: the
    latest bytes of every file of the store (or that it was removed), with the generation of
    the publish that last wrote it. Each server keeps its own copy on its own disk, and its
    worker applies every generation it has not seen yet (`replica.py`): no shared disk."""

    relpath = models.CharField(_("path"), max_length=200, unique=True)
    data = models.BinaryField(_("bytes"), default=b"")
    removed = models.BooleanField(_("removed"), default=False)
    generation = models.BigIntegerField(_("generation"), db_index=True)

    class Meta:
        verbose_name = _("shared artifact")
        verbose_name_plural = _("shared artifacts")

    def __str__(self) -> str:
        return f"{self.relpath} @{self.generation}"
