"""schema.org descriptions of pages for search engines (JSON-LD)."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from .models import Article, DigitalSourceType

PUBLISHER_NAME = "Newsroom"
# static/img/logo.png: the favicon's mark, large enough for search engines' publisher logos.
PUBLISHER_LOGO = ("img/logo.png", 512, 512)


def publisher(*, request) -> dict:
    """The newspaper as schema.org's NewsMediaOrganization, with its logo."""
    path, width, height = PUBLISHER_LOGO
    return {
        "@type": "NewsMediaOrganization",
        "name": PUBLISHER_NAME,
        "url": request.build_absolute_uri(reverse("site_root")),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static(path)),
            "width": width,
            "height": height,
        },
    }


def lead_image(article: Article, *, request) -> dict | None:
    """The lead image as an ImageObject: its JPEG rendition, caption, credit and how it was made."""
    image = article.lead_image
    rendition = image.fallback_rendition() if image else None
    if rendition is None:
        return None
    url = request.build_absolute_uri(rendition.url)
    data = {
        "@type": "ImageObject",
        "url": url,
        "contentUrl": url,
        "width": rendition.width,
        "height": rendition.height,
        # A machine-readable disclosure of AI images, next to the visible one in the caption.
        "digitalSourceType": DigitalSourceType(image.source).schema_org_uri,
    }
    if article.lead_image_caption:
        data["caption"] = article.lead_image_caption
    if image.credit_text:
        data["creditText"] = image.credit_text
    return data


def news_article(article: Article, *, request) -> dict:
    """A published article as schema.org's NewsArticle (for `<script type="application/ld+json">`)."""
    url = request.build_absolute_uri(article.get_absolute_url())
    with override(article.language):
        section = article.section.name
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline,
        "description": article.lede,
        "inLanguage": article.language,
        "datePublished": timezone.localtime(article.published_at).isoformat(),
        "dateModified": timezone.localtime(article.modified_at).isoformat(),
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": request.build_absolute_uri(author.get_absolute_url()),
            }
            for author in article.byline
        ],
        "articleSection": section,
        "publisher": publisher(request=request),
    }
    image = lead_image(article, request=request)
    if image is not None:
        data["image"] = image
    return data
