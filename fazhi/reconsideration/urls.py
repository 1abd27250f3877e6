app_name = "reconsideration"
urlpatterns = []
