from django.urls import path

from resettlement import views

app_name = "resettlement"
urlpatterns = [
    path("<int:person_id>/screening/start/", views.screening_start, name="screening-start"),
    path("<int:person_id>/screening/<int:screening_id>/", views.screening_detail, name="screening"),
    path(
        "<int:person_id>/screening/<int:screening_id>/<slug:section_id>/",
        views.screening_section,
        name="screening-section",
    ),
]
