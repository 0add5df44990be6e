"""A page's versions in the site's languages: hreflang links and the language switcher."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language, override

from articles.models import Language


def language_versions(request, urls):
    """hreflang links and the language switcher's target for a page that exists in each language.

    `urls` maps language codes to the page's address in that language; the Swedish version, the
    site's first language, is also the x-default.
    """
    alternates = [
        {"hreflang": code, "url": request.build_absolute_uri(urls[code])}
        for code, _name in settings.LANGUAGES
        if code in urls
    ]
    if settings.LANGUAGE_CODE in urls:
        default = request.build_absolute_uri(urls[settings.LANGUAGE_CODE])
        alternates.append({"hreflang": "x-default", "url": default})
    return {
        "language_alternates": alternates,
        "alternate_url": urls.get(Language.other_than(get_language())),
    }


def in_each_language(url_name, **kwargs):
    """A page's address in each of the site's languages."""
    urls = {}
    for code, _name in settings.LANGUAGES:
        with override(code):
            urls[code] = reverse(url_name, kwargs=kwargs)
    return urls


def other_front_page():
    """The front page in the site's other language: where the switcher leads when this page has
    no version there."""
    with override(Language.other_than(get_language())):
        return reverse("articles:front")
