from django.urls import path

from work import views

app_name = "work"
urlpatterns = [
    path("opportunities/", views.opportunity_list, name="opportunities"),
    path("opportunities/new/", views.opportunity_new, name="opportunity-new"),
    path("opportunities/<int:opportunity_id>/", views.opportunity_detail, name="opportunity"),
    path("opportunities/<int:opportunity_id>/edit/", views.opportunity_edit, name="opportunity-edit"),
    path("opportunities/<int:opportunity_id>/close/", views.opportunity_close, name="opportunity-close"),
    path("applications/<int:application_id>/", views.application_detail, name="application"),
    path("applications/<int:application_id>/step/", views.application_step, name="application-step"),
    path("approaching-release/", views.approaching_release, name="approaching-release"),
    path("people/<int:person_id>/", views.person_matches, name="person"),
    path("people/<int:person_id>/profile/", views.profile_edit, name="profile"),
    path(
        "people/<int:person_id>/opportunities/<int:opportunity_id>/apply/",
        views.application_new,
        name="apply",
    ),
]
