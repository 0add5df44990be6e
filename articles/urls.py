from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.FrontPageView.as_view(), name="front"),
    path(_("news/"), views.AllNewsView.as_view(), name="all_news"),
    path(_("section/<slug:slug>/"), views.SectionView.as_view(), name="section"),
    path(_("articles/<slug:slug>/"), views.ArticleDetailView.as_view(), name="detail"),
    path(_("authors/<slug:slug>/"), views.AuthorView.as_view(), name="author"),
    path(_("search/"), views.SearchView.as_view(), name="search"),
    path(_("feed/rss/"), feeds.LatestArticlesFeed(), name="feed_rss"),
    path(_("feed/atom/"), feeds.LatestArticlesAtomFeed(), name="feed_atom"),
    path(_("section/<slug:slug>/feed/rss/"), feeds.LatestArticlesFeed(), name="section_feed_rss"),
    path(
        _("section/<slug:slug>/feed/atom/"),
        feeds.LatestArticlesAtomFeed(),
        name="section_feed_atom",
    ),
    path(_("authors/<slug:slug>/feed/rss/"), feeds.AuthorArticlesFeed(), name="author_feed_rss"),
    path(
        _("authors/<slug:slug>/feed/atom/"),
        feeds.AuthorArticlesAtomFeed(),
        name="author_feed_atom",
    ),
]
