from django.urls import path

from stage1.review import comment_views

app_name = "comments"

urlpatterns = [
    path("<slug:slug>/comments/<slug:target>/<slug:target_slug>/", comment_views.comments_page, name="page"),
]
