from django.urls import path

from stage1.review import views

app_name = "review"

urlpatterns = [
    path("<slug:slug>/review/", views.review_page, name="review"),
    path("<slug:slug>/review/versions/<int:major>/charter.pdf", views.approved_pdf, name="approved_pdf"),
    path("<slug:slug>/review/versions/<int:major>/render/", views.approved_pdf_retry, name="approved_pdf_retry"),
]
