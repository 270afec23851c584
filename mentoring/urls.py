from django.urls import path

from mentoring import views

app_name = "mentoring"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("mentors/", views.mentor_list, name="mentors"),
    path("mentors/new/", views.mentor_new, name="mentor-new"),
    path("mentors/<int:mentor_id>/unavailable/", views.mentor_unavailable, name="mentor-unavailable"),
    path("people/<int:person_id>/allocate/", views.allocate, name="allocate"),
    path(
        "people/<int:person_id>/allocations/<int:allocation_id>/contacts/new/",
        views.contact_new,
        name="contact-new",
    ),
    path("people/<int:person_id>/allocations/<int:allocation_id>/end/", views.end, name="end"),
]
