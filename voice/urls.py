from voice.views import builder, kiosk, paper, staff

app_name = "voice"
urlpatterns = [*kiosk.urlpatterns, *builder.urlpatterns, *paper.urlpatterns, *staff.urlpatterns]
