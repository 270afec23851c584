from django.urls import path

from release import views

app_name = "release"
urlpatterns = [
    path("coming-up/", views.coming_up, name="coming-up"),
    path("follow-ups/", views.followups, name="followups"),
    path("checkpoints/<int:checkpoint_id>/", views.checkpoint, name="checkpoint"),
    path("<int:person_id>/plan/", views.release_plan, name="plan"),
    path("<int:person_id>/released/", views.release_record, name="record"),
    path("<int:person_id>/handover/", views.handover, name="handover"),
]
