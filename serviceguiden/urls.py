from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    # Read API, embeds, oEmbed, the web component and the demo article.
    path("", include("serviceguiden.publishing.urls")),
]
