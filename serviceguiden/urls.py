from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    # Read API, embeds, oEmbed, the web component and the demo article.
    path("", include("serviceguiden.publishing.urls")),
    # The language button (Swedish by default, English available).
    path("i18n/", include("django.conf.urls.i18n")),
    # Granskning: the site scans' findings, per organisation (serviceguiden.checker).
    path("redigera/granskning/", include("serviceguiden.checker.urls")),
    # Public pages ("Hitta kontakt", search, topics, organisations) and the editor.
    path("", include("serviceguiden.web.urls")),
]

if settings.OIDC_ENABLED:  # the city's single sign-on (README, "The editor and public pages")
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
