"""Public pages at the root, the editor under /redigera/ (paths in Swedish, as visitors and
contact owners read them)."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from serviceguiden.web import (
    actors,
    checking,
    dashboard,
    functions,
    guide,
    members,
    missed_searches,
    public,
    topics,
)
from serviceguiden.web.importing import import_job, import_job_state, spreadsheet_import
from serviceguiden.web.search import search_page

app_name = "web"

urlpatterns = [
    path("", public.home, name="home"),
    # browsers ask for /favicon.ico on pages without an icon link (the admin, the API docs)
    path("favicon.ico", RedirectView.as_view(url=static("web/favicon.svg"), permanent=True)),
    path("sok", search_page, name="search"),
    path("amne/<slug:slug>", public.topic_page, name="topic"),
    path("organisation/<slug:slug>", public.organisation_page, name="organisation"),
    # the editor
    path(
        "redigera/logga-in/",
        auth_views.LoginView.as_view(
            template_name="web/editor/login.html",
            redirect_authenticated_user=True,
            extra_context={"oidc": settings.OIDC_ENABLED},
        ),
        name="login",
    ),
    path("redigera/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("redigera/", dashboard.editor_home, name="editor"),
    path("redigera/guide/", guide.user_guide, name="guide"),
    path(
        "redigera/organisation/<slug:slug>/",
        dashboard.organisation_dashboard,
        name="organisation-dashboard",
    ),
    path("redigera/organisation/<slug:slug>/medlemmar/", members.member_list, name="members"),
    path(
        "redigera/organisation/<slug:slug>/uppgifter/",
        members.organisation_details,
        name="organisation-details",
    ),
    path(
        "redigera/organisation/<slug:slug>/medlemmar/<int:pk>/",
        members.member_change,
        name="member-change",
    ),
    path(
        "redigera/organisation/<slug:organisation>/ny-funktion/",
        functions.function_create,
        name="function-create",
    ),
    path(
        "redigera/organisation/<slug:organisation>/nytt-amne/",
        topics.topic_create,
        name="topic-create",
    ),
    path("redigera/funktion/<slug:slug>/", functions.function_edit, name="function"),
    path(
        "redigera/funktion/<slug:slug>/publicera/",
        functions.function_publish,
        name="function-publish",
    ),
    path(
        "redigera/funktion/<slug:slug>/granskad/", functions.function_review, name="function-review"
    ),
    path(
        "redigera/funktion/<slug:slug>/arkivera/",
        functions.function_archive,
        name="function-archive",
    ),
    path(
        "redigera/funktion/<slug:slug>/ta-tillbaka/",
        functions.function_unarchive,
        name="function-unarchive",
    ),
    path(
        "redigera/funktion/<slug:slug>/radera/", functions.function_delete, name="function-delete"
    ),
    path(
        "redigera/funktion/<slug:slug>/historik/",
        functions.function_history,
        name="function-history",
    ),
    path(
        "redigera/funktion/<slug:slug>/historik/<int:history_id>/aterstall/",
        functions.function_restore,
        name="function-restore",
    ),
    path("redigera/amne/<slug:slug>/", topics.topic_edit, name="topic-edit"),
    path("redigera/amne/<slug:slug>/historik/", topics.topic_history, name="topic-history"),
    path(
        "redigera/amne/<slug:slug>/historik/<int:history_id>/aterstall/",
        topics.topic_restore,
        name="topic-restore",
    ),
    path("redigera/externa-aktorer/", actors.actor_list, name="actors"),
    path("redigera/externa-aktorer/ny/", actors.actor_edit, name="actor-create"),
    path("redigera/externa-aktorer/<slug:slug>/", actors.actor_edit, name="actor-edit"),
    path("redigera/kontrollera", checking.check_value, name="check"),
    path(
        "redigera/sokningar-utan-traff/",
        missed_searches.missed_search_list,
        name="missed-searches",
    ),
    path(
        "redigera/sokningar-utan-traff/<int:pk>/dolj/",
        missed_searches.missed_search_hide,
        name="missed-search-hide",
    ),
    path("redigera/importera/", spreadsheet_import, name="import"),
    path("redigera/importera/<int:pk>/", import_job, name="import-job"),
    path("redigera/importera/<int:pk>.json", import_job_state, name="import-job-state"),
]
