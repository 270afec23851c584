from django.urls import path

from resettlement import plan_views, views

app_name = "resettlement"
urlpatterns = [
    path("<int:person_id>/timeline/", views.person_timeline, name="timeline"),
    path("<int:person_id>/screening/start/", views.screening_start, name="screening-start"),
    path("<int:person_id>/screening/<int:screening_id>/", views.screening_detail, name="screening"),
    path(
        "<int:person_id>/screening/<int:screening_id>/<slug:section_id>/",
        views.screening_section,
        name="screening-section",
    ),
    path("<int:person_id>/plan/risk/", plan_views.risk_assessment_new, name="risk-assessment"),
    path("<int:person_id>/plan/concerns/new/", plan_views.risk_concern_new, name="concern-new"),
    path("<int:person_id>/plan/actions/new/", plan_views.action_new, name="action-new"),
    path("<int:person_id>/plan/actions/<int:action_id>/result/", plan_views.action_result, name="action-result"),
    path(
        "<int:person_id>/plan/needs/<int:need_id>/no-action/",
        plan_views.need_without_action,
        name="need-without-action",
    ),
    path("<int:person_id>/plan/needs/<int:need_id>/status/", plan_views.need_status, name="need-status"),
]
