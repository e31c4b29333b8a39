"""The admin (global admins only, see directory/admin.py): page address prefixes that give
pages to organisations, and the scan runs and acceptances to look at. Runs, pages and
findings are written by scans only; acceptances in Granskning (`checker/acceptance.py`)."""

from django.contrib import admin
from django.db import models

from serviceguiden.checker.models import AcceptedFinding, PagePrefix, ScanRun, ScanSchedule
from serviceguiden.directory import access


@admin.register(PagePrefix)
class PagePrefixAdmin(admin.ModelAdmin):
    list_display = ["prefix", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["prefix", "organisation__name"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_module_permission(self, request):
        return access.is_global_admin(request.user)

    def has_add_permission(self, request):
        return access.is_global_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return access.is_global_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return access.is_global_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return access.is_global_admin(request.user)


class ReadOnly(admin.ModelAdmin):
    def has_module_permission(self, request):
        return access.is_global_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return access.is_global_admin(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ScanRun)
class ScanRunAdmin(ReadOnly):
    list_display = ["id", "state", "created_at", "finished_at", "started_by_name"]
    list_filter = ["state"]


@admin.register(ScanSchedule)
class ScanScheduleAdmin(ReadOnly):
    list_display = ["id", "every_days", "next_run_at", "active"]


@admin.register(AcceptedFinding)
class AcceptedFindingAdmin(ReadOnly):
    list_display = ["tracked", "reason", "ends_on", "granted_by_name", "revoked_at"]
