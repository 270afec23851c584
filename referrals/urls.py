from django.urls import path

from referrals import views

app_name = "referrals"
urlpatterns = [
    path("", views.referral_list, name="list"),
    path("new/<int:person_id>/", views.referral_new, name="new"),
    path("<int:referral_id>/", views.referral_detail, name="detail"),
    path("<int:referral_id>/accept/", views.referral_accept, name="accept"),
    path("<int:referral_id>/decline/", views.referral_decline, name="decline"),
    path("<int:referral_id>/withdraw/", views.referral_withdraw, name="withdraw"),
    path("<int:referral_id>/sessions/new/", views.session_new, name="session-new"),
    path("<int:referral_id>/sessions/<int:session_id>/attendance/", views.session_attendance, name="attendance"),
    path("<int:referral_id>/complete/", views.referral_complete, name="complete"),
]
