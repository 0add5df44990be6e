from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info

from newsroom.cache import until_purge
from newsroom.languages import other_front_page

from .models import Language, Section


def site(request):
    """Shared by every reader page: sections, the way to the other language, the canonical address."""
    other = Language.other_than(get_language())

    def other_language_url():
        url = translate_url(request.path, other)
        return other_front_page() if url == request.path else url

    return {
        # Pages whose query string matters (a later page of a list, a search) set their own.
        "canonical_url": SimpleLazyObject(lambda: request.build_absolute_uri(request.path)),
        "nav_sections": SimpleLazyObject(
            lambda: until_purge(request, f"sections:{get_language()}", section_menu)
        ),
        "other_language": get_language_info(other),
        "other_language_url": SimpleLazyObject(other_language_url),
    }


def section_menu():
    """The sections as the masthead lists them, named and addressed in the active language."""
    return [
        {"slug": section.slug, "name": section.name, "url": section.get_absolute_url()}
        for section in Section.objects.all()
    ]
