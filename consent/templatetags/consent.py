from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from ..services import analytics_script_url, consent_state
from ..texts import banner_texts, current_digest

register = template.Library()


@register.inclusion_tag("consent/banner.html", takes_context=True)
def consent_banner(context):
    """The cookie banner, on every page while the visitor has not decided (and only then)."""
    request = context.get("request")
    # The settings page asks the same question itself; the plain 500 page has no request.
    if request is None or context.get("consent_settings_page"):
        return {"show": False}
    state = consent_state(request)
    texts = banner_texts()
    policy_url = reverse("consent:privacy_policy")
    link = format_html('<a href="{}">{}</a>', policy_url, texts["policy_link"])
    return {
        "show": state.undecided,
        "state": state,
        "texts": texts,
        # The translated sentence is escaped; only the link is markup.
        "policy_sentence": mark_safe(conditional_escape(texts["policy"]) % {"link": link}),  # noqa: S308
        "digest": current_digest(request),
        "next": request.get_full_path(),
        "action": reverse("consent:choose"),
        "settings_url": reverse("consent:settings"),
    }


@register.inclusion_tag("consent/scripts.html", takes_context=True)
def consent_scripts(context):
    """The consent script, and the analytics script only once the visitor has accepted."""
    request = context.get("request")
    allowed = request is not None and consent_state(request).analytics_allowed
    return {"analytics_script": analytics_script_url() if allowed else None}
