"""The registry: organisations, the functions that answer, their contact channels, the
topics visitors need help with, external actors (name + website only) and the rare,
expiring exceptions to the personal-details rule.

There is no person entity. A contact owner is a user account with a `Membership`; it is
never published. Writes go through the domain functions in `editing.py`, `lifecycle.py`,
`restore.py`, `policy_exceptions.py` and `transfer.py`, never through `save()` directly:
those functions check access (`access.py`), validate (`validation.py`), lock the version
and record who did it.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from serviceguiden.directory.hours import parse_hours, render_hours


def today() -> dt.date:
    return timezone.localdate()


def default_review_by() -> dt.date:
    months = getattr(settings, "SERVICEGUIDEN_REVIEW_MONTHS", 12)
    return add_months(today(), months)


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Versioned(models.Model):
    """Optimistic locking: every save through the domain functions compares and bumps it."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


# -- organisations ----------------------------------------------------------------------


class OrganisationKind(models.TextChoices):
    ADMINISTRATION = "administration", _("administration (förvaltning)")
    COMPANY = "company", _("city-owned company")
    CONTACT_CENTER = "contact_center", _("contact center")
    OTHER = "other", _("other")


class OrganisationQuerySet(models.QuerySet):
    def contact_center(self):
        return self.filter(kind=OrganisationKind.CONTACT_CENTER)


class Organisation(Versioned):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("key"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    general_email = models.CharField(
        _("general mailbox"),
        max_length=254,
        blank=True,
        help_text=_("The organisation's general mailbox: the fallback when a function has none."),
    )
    website = models.URLField(_("website"), blank=True)
    domains = models.JSONField(
        _("own domains"),
        default=list,
        blank=True,
        help_text=_(
            "E-mail and web domains the organisation owns besides the city's (a city-owned "
            "company's own domain). Only global admins change them."
        ),
    )
    history = HistoricalRecords()
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def owner_domains(self) -> tuple[str, ...]:
        return tuple(d.lower() for d in self.domains)


class Role(models.TextChoices):
    VIEWER = "viewer", _("viewer")
    EDITOR = "editor", _("editor")
    ADMIN = "admin", _("organisation admin")


class Membership(models.Model):
    """A user's role in one organisation. Rights are read from its `can_*` properties,
    always through `access.py`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_role_per_org")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    @property
    def can_view_entries(self) -> bool:
        return True

    @property
    def can_edit_entries(self) -> bool:
        """Create and change functions, channels and topics; publish, review, restore,
        delete drafts."""
        return self.role in (Role.EDITOR, Role.ADMIN)

    @property
    def can_archive_functions(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def can_change_organisation(self) -> bool:
        """The organisation's own details: name, general mailbox, website."""
        return self.role == Role.ADMIN

    @property
    def can_manage_members(self) -> bool:
        return self.role == Role.ADMIN


# -- external actors --------------------------------------------------------------------


class ExternalActor(Versioned):
    """Another authority or organisation. P4: a name and a link, and nothing else — there is
    deliberately no e-mail, phone or address field."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("key"), max_length=100, unique=True)
    website = models.URLField(_("website"))
    purpose = models.TextField(_("what it is for"), blank=True)
    national_number = models.CharField(
        _("national service number"),
        max_length=20,
        blank=True,
        help_text=_(
            "Only a number fixed by law for the whole country that the city profile lists "
            "(112, 1177, 114 14 …). Any other number of theirs is never stored (P4)."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("external actor")
        verbose_name_plural = _("external actors")

    def __str__(self) -> str:
        return self.name


# -- functions and channels -------------------------------------------------------------


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    ARCHIVED = "archived", _("archived")


class FunctionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def contact_center(self):
        """The function named as the city's contact center (at most one)."""
        return self.filter(is_contact_center=True)

    def not_archived(self):
        return self.exclude(status=Status.ARCHIVED)

    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def review_overdue(self, on: dt.date | None = None):
        return self.published().filter(review_by__lt=on or today())


class Function(Versioned):
    """The unit that answers: 'Bygglov', 'Förskoleantagning', 'Kontaktcenter'."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="functions",
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("key"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    review_by = models.DateField(_("review by"), default=default_review_by)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
    )
    is_contact_center = models.BooleanField(
        _("is the city's contact center"),
        default=False,
        help_text=_(
            "Exactly one function is the contact center: every 'contact center answers first' "
            "contact and every last fallback shows it. Only global admins change it."
        ),
    )
    history = HistoricalRecords()
    objects = FunctionQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="function_name_unique_in_org"
            ),
            models.UniqueConstraint(
                fields=["is_contact_center"],
                condition=Q(is_contact_center=True),
                name="one_contact_center_function",
            ),
        ]
        verbose_name = _("function")
        verbose_name_plural = _("functions")

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"

    @property
    def is_archived(self) -> bool:
        return self.status == Status.ARCHIVED

    @property
    def is_review_overdue(self) -> bool:
        return self.status == Status.PUBLISHED and self.review_by < today()


class ChannelKind(models.TextChoices):
    EMAIL = "email", _("function mailbox")
    PHONE = "phone", _("function phone")
    ESERVICE = "eservice", _("e-service / web form")
    WEBSITE = "website", _("web page")
    CHAT = "chat", _("chat")
    SMS = "sms", _("SMS")
    TEXT_PHONE = "text_phone", _("text telephone")
    VISITING_ADDRESS = "visiting_address", _("visiting address")
    POSTAL_ADDRESS = "postal_address", _("postal address")
    ACCESSIBILITY = "accessibility", _("interpreter / sign language information")


# How the policy engine checks each channel kind (`check_field(kind, ...)`).
POLICY_KIND = {
    ChannelKind.EMAIL: "email",
    ChannelKind.PHONE: "phone",
    ChannelKind.SMS: "phone",
    ChannelKind.TEXT_PHONE: "phone",
    ChannelKind.ESERVICE: "website",
    ChannelKind.WEBSITE: "website",
    ChannelKind.CHAT: "website",
    ChannelKind.VISITING_ADDRESS: "address",
    ChannelKind.POSTAL_ADDRESS: "address",
    ChannelKind.ACCESSIBILITY: "text",
}
# Channel kinds that have hours (phone hours, opening hours).
KINDS_WITH_HOURS = {
    ChannelKind.PHONE,
    ChannelKind.SMS,
    ChannelKind.TEXT_PHONE,
    ChannelKind.CHAT,
    ChannelKind.VISITING_ADDRESS,
}


class ChannelQuerySet(models.QuerySet):
    def live(self, on: dt.date | None = None):
        """Channels that may be shown: no exception needed, or one still in force."""
        on = on or today()
        return self.filter(
            Q(exception__isnull=True)
            | Q(exception__revoked_at__isnull=True, exception__ends_on__gte=on)
        )

    def exception_lapsed(self, on: dt.date | None = None):
        on = on or today()
        return self.filter(exception__isnull=False).exclude(
            exception__revoked_at__isnull=True, exception__ends_on__gte=on
        )


class Channel(Versioned):
    """One typed, ordered way to reach a function. No channel belongs to a person."""

    function = models.ForeignKey(
        Function, verbose_name=_("function"), on_delete=models.CASCADE, related_name="channels"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ChannelKind.choices)
    value = models.TextField(
        _("value"),
        help_text=_("The mailbox, number, link or address, as it should be shown."),
    )
    label = models.CharField(_("label"), max_length=200, blank=True)
    shared_mobile_reason = models.TextField(
        _("why this mobile is a shared function mobile"),
        blank=True,
        help_text=_(
            "A mobile number is taken for a person's unless the editor states that the whole "
            "function shares it (an on-call phone, a team's mobile) and why. Kept in the history."
        ),
    )
    hours = models.JSONField(_("hours"), default=dict, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    normalized = models.CharField(
        _("normalised value"),
        max_length=254,
        blank=True,
        editable=False,
        help_text=_("Lower-cased e-mail address or E.164 number, for matching."),
    )
    exception = models.ForeignKey(
        "PolicyException",
        verbose_name=_("exception"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="channels",
        help_text=_("The personal-details exception this channel relies on, if any."),
    )
    history = HistoricalRecords()
    objects = ChannelQuerySet.as_manager()

    class Meta:
        ordering = ["function", "position", "id"]
        verbose_name = _("contact channel")
        verbose_name_plural = _("contact channels")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"

    @property
    def policy_kind(self) -> str:
        return POLICY_KIND[ChannelKind(self.kind)]

    def hours_lines(self, lang: str = "sv") -> list[str]:
        """The hours as people write them: ['Mån–fre 08.00–16.30', 'Lör–sön stängt', …]."""
        return render_hours(parse_hours(self.hours), lang) if self.hours else []


# -- topics -----------------------------------------------------------------------------


class Topic(Versioned):
    """What a visitor needs help with (ärende). Routed (P1) to exactly one best-service
    function, or to an external actor (a link only)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("owning organisation"),
        on_delete=models.PROTECT,
        related_name="topics",
    )
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("key"), max_length=100, unique=True)
    synonyms = models.JSONField(_("synonyms"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)
    function = models.ForeignKey(
        Function,
        verbose_name=_("best-service function"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="topics",
    )
    external_actor = models.ForeignKey(
        ExternalActor,
        verbose_name=_("external actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="topics",
    )
    contact_center_first = models.BooleanField(_("the contact center answers first"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(function__isnull=False) & Q(external_actor__isnull=True))
                | (Q(function__isnull=True) & Q(external_actor__isnull=False)),
                name="topic_routes_to_exactly_one",
            )
        ]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name


# -- exceptions to P3 -------------------------------------------------------------------


class PolicyExceptionQuerySet(models.QuerySet):
    def active(self, on: dt.date | None = None):
        return self.filter(revoked_at__isnull=True, ends_on__gte=on or today())

    def lapsed(self, on: dt.date | None = None):
        on = on or today()
        return self.exclude(revoked_at__isnull=True, ends_on__gte=on)


class PolicyException(models.Model):
    """A global admin's explicit, dated permission to publish one personal contact detail
    (P3) for one organisation. It ends by itself on `ends_on`; channels that rely on it
    stop being shown after that (`Channel.objects.live()`)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="policy_exceptions",
    )
    value = models.CharField(_("contact detail"), max_length=254)
    normalized = models.CharField(_("normalised value"), max_length=254, editable=False)
    reason = models.TextField(_("reason"))
    ends_on = models.DateField(_("ends on"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_by_name = models.CharField(_("granted by (name)"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    history = HistoricalRecords()
    objects = PolicyExceptionQuerySet.as_manager()

    class Meta:
        ordering = ["ends_on", "id"]
        verbose_name = _("exception to the personal-details rule")
        verbose_name_plural = _("exceptions to the personal-details rule")

    def __str__(self) -> str:
        return f"{self.value} ({self.organisation}, {self.ends_on})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.ends_on >= today()
