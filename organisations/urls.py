from django.urls import path

from organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("<int:organisation_id>/", views.organisation_detail, name="detail"),
    path("contracts/", views.contract_list, name="contracts"),
    path("contracts/<int:contract_id>/", views.contract_detail, name="contract"),
]
