"""The Django admin, for global admins only. Every save, delete and lifecycle action goes
through the registry's forms and domain functions — the same validation, access checks,
version locking and history as every other write path. The history page of every entry
is the registry's own (one entry per save, readable, with restore through
`history.restore_version`); simple-history's raw revert is not offered.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from serviceguiden.directory import access, editing, lifecycle
from serviceguiden.directory.errors import RegistryError
from serviceguiden.directory.forms import (
    ArchiveForm,
    ChannelForm,
    ExternalActorForm,
    FunctionForm,
    OrganisationForm,
    PolicyExceptionForm,
    TopicForm,
)
from serviceguiden.directory.history import restore_version, versions
from serviceguiden.directory.models import (
    Channel,
    ExternalActor,
    Function,
    Membership,
    Organisation,
    PolicyException,
    Status,
    Topic,
)
from serviceguiden.directory.policy_exceptions import revoke_exception

admin.site.site_header = _("Serviceguiden – registry administration")
admin.site.site_title = _("Serviceguiden")


def _global_admins_only(request) -> bool:
    return access.is_global_admin(request.user)


admin.site.has_permission = _global_admins_only


def _report(request, warnings) -> None:
    for warning in warnings or []:
        messages.warning(request, warning.text())


def _refusals_as_messages(view):
    """A refusal raised while committing (a conflict in a race, a right that changed) is
    shown as a message instead of a server error; the transaction has rolled back."""

    @wraps(view)
    def wrapper(self, request, *args, **kwargs):
        try:
            return view(self, request, *args, **kwargs)
        except RegistryError as exc:
            for problem in exc.problems:
                messages.error(request, problem.text())
        except access.AccessDenied as exc:
            messages.error(request, str(exc))
        return HttpResponseRedirect(request.get_full_path())

    return wrapper


class VersionsAdmin(admin.ModelAdmin):
    """The admin's history page is the registry's: one entry per save, in the admin's
    language and local time (the editor's words, `web/changes.py`), with a restore button
    for each earlier version where the model can be restored."""

    can_restore = False

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        own = [
            path(
                "<path:object_id>/versions/",
                self.admin_site.admin_view(self.versions_view),
                name="{}_{}_versions".format(*info),
            )
        ]
        return own + super().get_urls()

    def history_view(self, request, object_id, extra_context=None):
        return self.versions_view(request, object_id)

    def versions_view(self, request, object_id):
        """Every version with who/when/what, and a restore button for each."""
        from serviceguiden.web.changes import history_entries  # the editor's readable words
        from serviceguiden.web.i18n import page_lang

        obj = get_object_or_404(self.model, pk=object_id)
        if request.method == "POST" and self.can_restore:
            try:
                history_id = int(request.POST["history_id"])
                _report(request, restore_version(obj, history_id, request.user))
                messages.success(request, _("The earlier version was restored."))
            except RegistryError as exc:
                for problem in exc.problems:
                    messages.error(request, problem.text())
            except PermissionDenied as exc:
                messages.error(request, str(exc))
            return HttpResponseRedirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": obj,
            "title": _("Versions of %s") % obj,
            "entries": history_entries(versions(obj), page_lang()),
            "can_restore": self.can_restore,
        }
        return render(request, "admin/directory/versions.html", context)


class RegistryAdmin(VersionsAdmin):
    """Saves through the form's `commit(user)`, i.e. the domain function."""

    change_form_template = "admin/directory/change_form.html"
    can_restore = True

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.base_fields["expected_version"].label = _("version you opened")
        return form

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        _report(request, form.commit(request.user))

    @_refusals_as_messages
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return super().changeform_view(request, object_id, form_url, extra_context)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(RegistryAdmin):
    form = OrganisationForm
    list_display = ["name", "kind", "parent", "general_email"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class ChannelFormSet(BaseInlineFormSet):
    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # Validate each channel against the function as edited on the same page.
        if self.instance.organisation_id is not None:
            form.instance.function = self.instance
        return form


class ChannelInline(admin.StackedInline):
    """One block per channel, each field with its own label (a table row of inputs has only
    column headers, which screen readers do not read as labels)."""

    model = Channel
    form = ChannelForm
    formset = ChannelFormSet
    extra = 1
    fields = [
        "position", "kind", "value", "label", "shared_mobile_reason", "hours", "expected_version",
    ]  # fmt: skip

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["expected_version"].label = _("version you opened")
        return formset


@admin.register(Function)
class FunctionAdmin(RegistryAdmin):
    form = FunctionForm
    inlines = [ChannelInline]
    list_display = ["name", "organisation", "status", "review_by", "is_contact_center"]
    list_filter = ["status", "organisation"]
    search_fields = ["name", "slug", "channels__value"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["status", "replaced_by"]
    actions = ["publish", "mark_reviewed"]

    def save_related(self, request, form, formsets, change):
        """Channels are saved one by one through `save_channel`/`delete_channel`."""
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            for channel_form in formset.deleted_forms:
                if channel_form.instance.pk is not None:
                    editing.delete_channel(
                        channel_form.instance, request.user,
                        expected_version=channel_form.version,
                    )  # fmt: skip
                    formset.deleted_objects.append(channel_form.instance)
            for channel_form in formset.forms:
                if channel_form in formset.deleted_forms or not channel_form.has_changed():
                    continue
                is_new = channel_form.instance.pk is None
                channel_form.instance.function = form.instance
                _report(request, channel_form.commit(request.user))
                if is_new:
                    formset.new_objects.append(channel_form.instance)
                else:
                    formset.changed_objects.append(
                        (channel_form.instance, channel_form.changed_data)
                    )

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.status == Status.DRAFT

    def delete_model(self, request, obj):
        lifecycle.delete_function(obj, request.user)

    def delete_queryset(self, request, queryset):
        for function in queryset:
            lifecycle.delete_function(function, request.user)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except RegistryError as exc:
            for problem in exc.problems:
                messages.error(request, problem.text())
            change = reverse("admin:directory_function_change", args=[object_id])
            return HttpResponseRedirect(change)

    @admin.action(description=_("Publish the selected functions"))
    def publish(self, request, queryset):
        self._each(request, queryset, lambda f: lifecycle.publish_function(f, request.user))

    @admin.action(description=_("Mark the selected functions as reviewed"))
    def mark_reviewed(self, request, queryset):
        self._each(request, queryset, lambda f: lifecycle.mark_reviewed(f, request.user))

    def _each(self, request, queryset, operation) -> None:
        done = 0
        for function in queryset:
            try:
                operation(function)
                done += 1
            except RegistryError as exc:
                for problem in exc.problems:
                    messages.error(request, f"{function}: {problem.text()}")
            except PermissionDenied as exc:
                messages.error(request, f"{function}: {exc}")
        if done:
            messages.success(request, _("%d functions updated.") % done)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        own = [
            path(
                "<path:object_id>/archive/",
                self.admin_site.admin_view(self.archive_view),
                name="{}_{}_archive".format(*info),
            )
        ]
        return own + super().get_urls()

    def archive_view(self, request, object_id):
        function = get_object_or_404(Function, pk=object_id)
        form = ArchiveForm(request.POST or None, function=function)
        if request.method == "POST" and form.is_valid():
            try:
                moved = lifecycle.archive_function(
                    function, request.user, replacement=form.cleaned_data["replacement"],
                    expected_version=form.cleaned_data["expected_version"],
                )  # fmt: skip
                messages.success(request, _("Archived; %d topics moved.") % moved)
                return HttpResponseRedirect(
                    reverse("admin:directory_function_change", args=[function.pk])
                )
            except RegistryError as exc:
                for problem in exc.problems:
                    form.add_error(None, problem.text())
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": function,
            "form": form,
            "topics": function.topics.all(),
            "title": _("Archive %s") % function,
        }
        return render(request, "admin/directory/archive.html", context)


@admin.register(Topic)
class TopicAdmin(RegistryAdmin):
    form = TopicForm
    list_display = ["name", "organisation", "function", "external_actor", "contact_center_first"]
    list_filter = ["organisation", "contact_center_first"]
    search_fields = ["name", "slug", "synonyms"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["function", "external_actor"]

    def has_delete_permission(self, request, obj=None):
        return access.is_global_admin(request.user)

    def delete_model(self, request, obj):
        editing.delete_topic(obj, request.user)

    def delete_queryset(self, request, queryset):
        for topic in queryset:
            editing.delete_topic(topic, request.user)


@admin.register(ExternalActor)
class ExternalActorAdmin(RegistryAdmin):
    form = ExternalActorForm
    list_display = ["name", "website", "national_number"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(PolicyException)
class PolicyExceptionAdmin(VersionsAdmin):
    form = PolicyExceptionForm
    list_display = ["value", "organisation", "ends_on", "is_active", "granted_by_name"]
    list_filter = ["organisation"]
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["organisation", "value", "reason", "ends_on", "granted_by_name", "revoked_at"]

    @admin.display(boolean=True, description=_("in force"))
    def is_active(self, obj):
        return obj.is_active

    def save_model(self, request, obj, form, change):
        if not change:
            form.commit(request.user)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected exceptions now"))
    def revoke(self, request, queryset):
        for exception in queryset:
            revoke_exception(exception, request.user)
        messages.success(request, _("Revoked."))


@admin.register(Membership)
class MembershipAdmin(VersionsAdmin):
    list_display = ["account", "organisation", "role"]
    list_filter = ["organisation", "role"]
    fields = ["user", "organisation", "role"]

    @admin.display(description=_("user"), ordering="user__username")
    def account(self, obj):
        return obj.user.get_username()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.base_fields["user"].label = _("user")
        return form

    def save_model(self, request, obj, form, change):
        editing.set_membership(obj.organisation, obj.user, obj.role, request.user)

    def delete_model(self, request, obj):
        editing.remove_membership(obj, request.user)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            editing.remove_membership(membership, request.user)
