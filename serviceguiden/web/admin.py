"""The admin in the admin's language for what the project does not own: the names of the
sign-in-attempt and background-job apps and the columns their admins name in plain English
(their other texts are translated in `serviceguiden/locale`), and user accounts as this
project uses them.

Rights come from two places only: the superuser flag (a global admin) and memberships of
organisations (`directory/access.py`). Django's groups and per-user permissions decide
nothing here, so the admin does not offer them.
"""

from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

# Apps whose own configuration names them with a plain English string.
APP_NAMES = {
    "axes": _("Sign-in attempts"),
    "django_tasks_database": _("Background jobs"),
}
for label, name in APP_NAMES.items():
    if label in apps.app_configs:
        apps.get_app_config(label).verbose_name = name

if admin.site.is_registered(Group):
    admin.site.unregister(Group)

User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(UserAdmin):
    """User accounts: a global admin is a superuser; organisation roles are memberships."""

    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Rights"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    list_filter = ("is_superuser", "is_active")
    filter_horizontal = ()


def _background_jobs_admin():
    """django-tasks-db's admin, with the columns it names in plain English in Swedish too."""
    from django_tasks_db.admin import DBTaskResultAdmin
    from django_tasks_db.models import DBTaskResult

    class BackgroundJobAdmin(DBTaskResultAdmin):
        list_display = tuple(
            "job" if c == "task_name" else c for c in DBTaskResultAdmin.list_display
        )

        @admin.display(description=_("job"))
        def job(self, obj):
            return obj.task_name

        @admin.display(description=_("error trace"))
        def formatted_traceback(self, obj):
            return super().formatted_traceback(obj)

        @admin.display(description=_("run at the earliest"))
        def display_run_after(self, obj):
            return super().display_run_after(obj)

    if admin.site.is_registered(DBTaskResult):
        admin.site.unregister(DBTaskResult)
    admin.site.register(DBTaskResult, BackgroundJobAdmin)


if "django_tasks_database" in apps.app_configs:
    _background_jobs_admin()
