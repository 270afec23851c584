from django.urls import path

from myplan import views

app_name = "myplan"
urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("actions/<int:action_id>/", views.action_confirm, name="action-confirm"),
    # Take a survey: a one-time pass, then the person's session ends before they answer.
    path("surveys/<int:survey_id>/take/", views.survey_take, name="survey-take"),
    # Say how much say they had in an involvement activity they took part in.
    path("activities/<int:activity_id>/rate/", views.activity_rate, name="activity-rate"),
    # Vote in a council election they are on the voter list for: a secret ballot, once.
    path("elections/<int:election_id>/vote/", views.election_vote, name="election-vote"),
    # Staff: set, reset or switch off a person's PIN.
    path("people/<int:person_id>/pin/", views.pin, name="pin"),
]
