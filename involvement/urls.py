from involvement.views import activities, guidance, report, research

app_name = "involvement"
urlpatterns = [*activities.urlpatterns, *research.urlpatterns, *guidance.urlpatterns, *report.urlpatterns]
