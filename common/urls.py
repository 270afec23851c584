from django.urls import path

from common import views

app_name = "common"
urlpatterns = [
    path("", views.start, name="start"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("healthcheck/", views.healthcheck, name="healthcheck"),
]
