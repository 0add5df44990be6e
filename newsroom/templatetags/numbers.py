"""Numbers as the page's language writes them."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

register = template.Library()


@register.filter
def grouped(value):
    """An integer with its thousands grouped as the active language does: "12 345", "12,345".

    Django's own grouping (what USE_THOUSAND_SEPARATOR does to every number), for the numbers
    that are amounts: the setting stays off, since it would also group years and IDs. Anything
    that is no whole number is returned as it is.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, str | Decimal):
        try:
            value = int(value)
        except (TypeError, ValueError, ArithmeticError):
            return value
    if not isinstance(value, int):
        return value
    return number_format(value, use_l10n=True, force_grouping=True)


@register.simple_tag
def result_count(cl):
    """A changelist's count as its search box says it: "12 345 results", or "More than …"
    when its paginator stopped counting at a limit (consent.admin.LimitedCountPaginator)."""
    count = cl.result_count
    if getattr(cl.paginator, "more", False):
        return gettext("More than %(limit)s results") % {"limit": grouped(count)}
    return ngettext("%(counter)s result", "%(counter)s results", count) % {
        "counter": grouped(count)
    }
