from django.contrib import admin
from django.urls import include, path

from config.home import home
from resettlement.views import my_actions

admin.site.site_header = "throughgate administration"
admin.site.site_title = "throughgate"

urlpatterns = [
    # First, for the kiosks' answer endpoint (voice:api-responses): Django tries each pattern in
    # turn, and no other prefix here can match /voice/.
    path("voice/", include("voice.urls")),
    path("", include("common.urls")),
    path("", include("accounts.urls")),
    path("home/", home, name="home"),
    path("my-actions/", my_actions, name="my-actions"),
    path("people/", include("people.urls")),
    path("people/", include("resettlement.urls")),
    path("referrals/", include("referrals.urls")),
    path("mentoring/", include("mentoring.urls")),
    path("work/", include("work.urls")),
    path("release/", include("release.urls")),
    path("my-plan/", include("myplan.urls")),
    path("councils/", include("councils.urls")),
    path("you-said-we-did/", include("yousaid.urls")),
    path("involvement/", include("involvement.urls")),
    path("organisations/", include("organisations.urls")),
    path("audit/", include("audit.urls")),
    path("", include("accountability.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]

handler403 = "common.views.forbidden"
handler404 = "common.views.not_found"
handler500 = "common.views.server_error"
