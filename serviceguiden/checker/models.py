"""Scan runs and what they found, kept across runs.

- `ScanRun`: one crawl of one or more sources, with its options, state and progress.
- `QueuedUrl`: the crawl's frontier, one row per URL and run (unique), claimed by one worker
  at a time: this is what lets several worker processes share a crawl without fetching a
  page twice, and a crawl resume after an interruption.
- `Page`: a page or document that was read (or a site template block, see `checker/runs.py`),
  owned by an organisation or by nobody ("not assigned").
- `Finding`: one contact detail on one page in one run, with the rule it breaks and the
  registry entry it matched.
- `TrackedFinding`: the same finding over runs (same page, rule and value): when it was first
  and last seen, and the run in which it was gone ("fixed").
- `AcceptedFinding`: a global admin's dated acceptance of one tracked finding, with a reason;
  it ends by itself, like the registry's exceptions.
- `PagePrefix`: URL prefixes that give pages to an organisation, beside its website.
- `ScanSchedule`: a scan the background worker starts again every N days.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from serviceguiden.directory.models import Organisation, today


class RunState(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    FINISHING = "finishing", _("finishing")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class ScanSchedule(models.Model):
    sources = models.JSONField(_("start addresses"), default=list)
    options = models.JSONField(_("options"), default=dict, blank=True)
    every_days = models.PositiveSmallIntegerField(_("every (days)"), default=7)
    next_run_at = models.DateTimeField(_("next run"))
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["next_run_at"]
        verbose_name = _("scheduled scan")
        verbose_name_plural = _("scheduled scans")

    def __str__(self) -> str:
        return ", ".join(self.sources)


class ScanRun(models.Model):
    sources = models.JSONField(_("sources"), default=list)
    options = models.JSONField(_("options"), default=dict, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=RunState.choices, default=RunState.QUEUED
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_by_name = models.CharField(_("started by"), max_length=150, blank=True)
    schedule = models.ForeignKey(
        ScanSchedule, null=True, blank=True, on_delete=models.SET_NULL, related_name="runs"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    # URLs found but not queued because --max-pages was reached.
    not_queued = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("scan run")
        verbose_name_plural = _("scan runs")

    def __str__(self) -> str:
        return f"#{self.pk} {', '.join(self.sources)} ({self.state})"

    @property
    def is_active(self) -> bool:
        return self.state in (RunState.QUEUED, RunState.RUNNING, RunState.FINISHING)

    def option(self, name: str, default=None):
        return self.options.get(name, default)


class UrlKind(models.TextChoices):
    PAGE = "page", _("page")
    DOCUMENT = "document", _("document")
    SITEMAP = "sitemap", _("sitemap")
    FILE = "file", _("local file")
    WARC = "warc", _("WARC record")


class UrlState(models.TextChoices):
    PENDING = "pending", _("pending")
    CLAIMED = "claimed", _("being read")
    DONE = "done", _("read")
    SKIPPED = "skipped", _("skipped")
    FAILED = "failed", _("failed")


class QueuedUrl(models.Model):
    run = models.ForeignKey(ScanRun, on_delete=models.CASCADE, related_name="frontier")
    url = models.TextField()
    key = models.CharField(max_length=64)  # sha256 of the normal form, unique per run
    kind = models.CharField(max_length=10, choices=UrlKind.choices, default=UrlKind.PAGE)
    depth = models.PositiveIntegerField(default=0)
    referrer = models.TextField(blank=True)
    state = models.CharField(
        max_length=10, choices=UrlState.choices, default=UrlState.PENDING, db_index=True
    )
    claimed_by = models.CharField(max_length=100, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "key"], name="one_url_per_run")]
        indexes = [models.Index(fields=["run", "state", "depth", "id"], name="frontier_next")]

    def __str__(self) -> str:
        return f"{self.url} ({self.state})"


class PageKind(models.TextChoices):
    HTML = "html", _("web page")
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    ODT = "odt", "ODT"
    TEXT = "text", _("text file")
    TEMPLATE = "template", _("site template")


class Page(models.Model):
    run = models.ForeignKey(ScanRun, on_delete=models.CASCADE, related_name="pages")
    url = models.TextField()
    kind = models.CharField(max_length=10, choices=PageKind.choices, default=PageKind.HTML)
    owner = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=500, blank=True)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    content_hash = models.CharField(max_length=64, blank=True, db_index=True)
    text_length = models.PositiveIntegerField(default=0)
    embeds = models.PositiveIntegerField(default=0)
    # A template block: on how many pages it was seen, and a few of them.
    seen_on = models.PositiveIntegerField(default=1)
    examples = models.JSONField(default=list, blank=True)
    fetched_by = models.CharField(max_length=100, blank=True)
    fetched_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["url"]
        constraints = [models.UniqueConstraint(fields=["run", "url"], name="one_page_per_run")]
        indexes = [models.Index(fields=["run", "owner"], name="page_run_owner")]

    def __str__(self) -> str:
        return self.url


class TrackedFinding(models.Model):
    """One finding followed from run to run."""

    fingerprint = models.CharField(max_length=64, unique=True)
    url = models.TextField()
    owner = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rule = models.CharField(max_length=60)
    value = models.TextField()
    first_run = models.ForeignKey(ScanRun, on_delete=models.CASCADE, related_name="+")
    last_run = models.ForeignKey(ScanRun, on_delete=models.CASCADE, related_name="+")
    fixed_run = models.ForeignKey(
        ScanRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["url"], name="tracked_url")]

    def __str__(self) -> str:
        return f"{self.rule}: {self.value} ({self.url})"

    def accepted(self, on=None):
        return self.acceptances.filter(revoked_at__isnull=True, ends_on__gte=on or today()).first()


class FindingState(models.TextChoices):
    NEW = "new", _("new")
    STILL = "still", _("still there")
    FIXED = "fixed", _("fixed")


class Finding(models.Model):
    run = models.ForeignKey(ScanRun, on_delete=models.CASCADE, related_name="findings")
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="findings")
    tracked = models.ForeignKey(
        TrackedFinding, null=True, on_delete=models.SET_NULL, related_name="findings"
    )
    state = models.CharField(max_length=6, choices=FindingState.choices, default=FindingState.NEW)
    value = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    kind = models.CharField(max_length=30)
    label = models.CharField(max_length=30)
    rule = models.CharField(max_length=60)
    principle = models.CharField(max_length=5)
    severity = models.CharField(max_length=10, db_index=True)
    message = models.TextField()
    fix = models.TextField()
    evidence = models.JSONField(default=list, blank=True)
    normalized = models.CharField(max_length=300, blank=True)
    registry_kind = models.CharField(max_length=20, blank=True)
    registry_key = models.CharField(max_length=100, blank=True)
    registry_value = models.TextField(blank=True)
    context_before = models.TextField(blank=True)
    context_after = models.TextField(blank=True)
    block = models.CharField(max_length=32, blank=True, db_index=True)
    fingerprint = models.CharField(max_length=64, db_index=True)

    class Meta:
        ordering = ["page", "start", "id"]
        indexes = [models.Index(fields=["run", "principle"], name="finding_run_principle")]

    def __str__(self) -> str:
        return f"{self.rule}: {self.value}"

    @property
    def registry(self) -> dict | None:
        if not self.registry_kind:
            return None
        return {"kind": self.registry_kind, "key": self.registry_key, "value": self.registry_value}


class AcceptedFinding(models.Model):
    """A finding a global admin accepts until `ends_on`, with a reason; then it counts again."""

    tracked = models.ForeignKey(
        TrackedFinding, verbose_name=_("finding"), on_delete=models.CASCADE,
        related_name="acceptances",
    )  # fmt: skip
    reason = models.TextField(_("reason"))
    ends_on = models.DateField(_("ends on"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_by_name = models.CharField(_("granted by"), max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("accepted finding")
        verbose_name_plural = _("accepted findings")

    def __str__(self) -> str:
        return f"{self.tracked} ({self.ends_on})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.ends_on >= today()


class PagePrefix(models.Model):
    """Pages whose address starts with `prefix` belong to `organisation` (the longest
    matching prefix wins; an organisation's website counts as one too)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="page_prefixes",
    )  # fmt: skip
    prefix = models.URLField(_("address prefix"), max_length=500, unique=True)

    class Meta:
        ordering = ["prefix"]
        verbose_name = _("page address prefix")
        verbose_name_plural = _("page address prefixes")

    def __str__(self) -> str:
        return f"{self.prefix} → {self.organisation}"
