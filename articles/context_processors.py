from django.urls import reverse, translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info, override

from .models import Language, Section


def site(request):
    """Navigation shared by every reader page: sections and the way to the other language."""
    other = Language.other_than(get_language())

    def other_language_url():
        url = translate_url(request.path, other)
        if url == request.path:
            with override(other):
                url = reverse("articles:front")
        return url

    return {
        "nav_sections": SimpleLazyObject(lambda: list(Section.objects.all())),
        "other_language": get_language_info(other),
        "other_language_url": SimpleLazyObject(other_language_url),
    }
