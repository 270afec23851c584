from django.urls import path

from accountability import views

app_name = "accountability"

urlpatterns = [
    path("scorecards/", views.scorecards, name="scorecards"),
    path("scorecards/<str:level>/", views.scorecard_level, name="scorecards-level"),
    path("scorecards/<str:level>/download.csv", views.scorecard_csv, name="scorecards-csv"),
    path("scorecards/<str:level>/<str:code>/", views.scorecard_place, name="scorecards-place"),
    path("scorecards/<str:level>/<str:code>/scorecard.pdf", views.scorecard_pdf, name="scorecards-pdf"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/<str:level>/", views.dashboard_level, name="dashboard-level"),
    path("dashboard/<str:level>/download.csv", views.dashboard_csv, name="dashboard-csv"),
    path("dashboard/<str:level>/<str:code>/", views.dashboard_place, name="dashboard-place"),
    path("outcomes/", views.outcomes, name="outcomes"),
]
