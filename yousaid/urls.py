from django.urls import path

from yousaid import views

app_name = "yousaid"

urlpatterns = [
    path("", views.issue_list, name="list"),
    path("feedback/", views.feedback, name="feedback"),
    path("raise/", views.issue_raise, name="raise"),
    path("report/", views.report, name="report"),
    path("deadline/", views.deadline, name="deadline"),
    path("boards/", views.boards, name="boards"),
    path("boards/<int:organisation_id>/", views.board, name="board"),
    path("<int:issue_id>/", views.issue_detail, name="detail"),
    path("<int:issue_id>/respond/", views.issue_respond, name="respond"),
    path("<int:issue_id>/close/", views.issue_close, name="close"),
    path("<int:issue_id>/actions/new/", views.action_new, name="action-new"),
    path("<int:issue_id>/actions/<int:action_id>/progress/", views.action_progress, name="action-progress"),
    path("<int:issue_id>/actions/<int:action_id>/done/", views.action_claim, name="action-claim"),
    path("<int:issue_id>/actions/<int:action_id>/confirm/", views.action_confirm, name="action-confirm"),
    path("<int:issue_id>/actions/<int:action_id>/not-done/", views.action_claim_reject, name="action-claim-reject"),
    path("<int:issue_id>/actions/<int:action_id>/cancel/", views.action_cancel, name="action-cancel"),
]
