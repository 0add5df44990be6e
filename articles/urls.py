from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.FrontPageView.as_view(), name="front"),
    path(_("section/<slug:slug>/"), views.SectionView.as_view(), name="section"),
    path(_("articles/<slug:slug>/"), views.ArticleDetailView.as_view(), name="detail"),
]
