"""Granskning, under /redigera/granskning/ (included from the project's URLconf)."""

from django.urls import path

from serviceguiden.checker import views

app_name = "checker"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("starta/", views.start_scan, name="start"),
    path("schema/<int:pk>/stoppa/", views.stop_schedule, name="stop-schedule"),
    path("korning/<int:pk>/", views.run_progress, name="run"),
    path("korning/<int:pk>.json", views.run_progress, {"as_json": True}, name="run-json"),
    path("sida/<int:pk>/", views.page_report, name="page"),
    path("fynd/<int:pk>/godta/", views.accept_finding, name="accept"),
    path("godkannande/<int:pk>/aterkalla/", views.revoke_acceptance, name="revoke"),
    path("<slug:slug>/", views.scope_report, name="scope"),
    path("<slug:slug>/export.csv", views.export, {"fmt": "csv"}, name="export-csv"),
    path("<slug:slug>/export.xlsx", views.export, {"fmt": "xlsx"}, name="export-xlsx"),
]
