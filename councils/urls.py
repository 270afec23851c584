from django.urls import path

from councils import views

app_name = "councils"
urlpatterns = [
    path("", views.council_list, name="list"),
    path("new/", views.council_new, name="new"),
    path("<int:council_id>/", views.council_detail, name="detail"),
    path("<int:council_id>/members/new/", views.member_add, name="member-add"),
    path("<int:council_id>/members/<int:membership_id>/leave/", views.member_leave, name="member-leave"),
    path("<int:council_id>/meetings/new/", views.meeting_add, name="meeting-add"),
    path("<int:council_id>/elections/new/", views.election_new, name="election-new"),
    path("elections/<int:election_id>/", views.election_detail, name="election"),
    path("elections/<int:election_id>/open/", views.election_open, name="election-open"),
    path("elections/<int:election_id>/close/", views.election_close, name="election-close"),
    path("elections/<int:election_id>/publish/", views.election_publish, name="election-publish"),
    path("elections/<int:election_id>/candidates/new/", views.candidate_add, name="candidate-add"),
    path(
        "elections/<int:election_id>/candidates/<int:candidate_id>/withdraw/",
        views.candidate_withdraw,
        name="candidate-withdraw",
    ),
    path("elections/<int:election_id>/voters/", views.voter_list, name="voters"),
    # The polling station: staff choose the voter, then the person fills in the ballot in private.
    path("elections/<int:election_id>/polling-station/", views.polling_station, name="polling"),
    path("elections/<int:election_id>/polling-station/ballot/", views.ballot, name="ballot"),
    path("elections/<int:election_id>/paper/", views.paper_ballot, name="paper"),
    # Public: no sign-in.
    path("board/<int:council_id>/", views.board, name="board"),
    path("board/elections/<int:election_id>/", views.board_election, name="board-election"),
]
