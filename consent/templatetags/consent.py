from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from ..services import analytics_script_url, consent_state, rendered_state
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
    return {
        "show": state.undecided,
        "state": state,
        "texts": texts,
        "policy_sentence": sentence_with_link(
            texts["policy"], reverse("consent:privacy_policy"), texts["policy_link"]
        ),
        # The settings link is the note's own last words, not a repetition of them after it.
        "gpc_sentence": sentence_with_link(
            texts["gpc"], reverse("consent:settings"), texts["settings_link"]
        ),
        "digest": current_digest(request),
        "next": request.get_full_path(),
        "action": reverse("consent:choose"),
    }


def sentence_with_link(sentence, url, text):
    """A translated sentence with a link in place of its %(link)s: the sentence escaped, the
    link the only markup."""
    link = format_html('<a href="{}">{}</a>', url, text)
    return mark_safe(conditional_escape(sentence) % {"link": link})  # noqa: S308


@register.inclusion_tag("consent/scripts.html", takes_context=True)
def consent_scripts(context):
    """The consent script, and the analytics script only once the visitor has accepted."""
    request = context.get("request")
    if request is None:
        return {"analytics_script": None}
    allowed = consent_state(request).analytics_allowed
    return {
        "analytics_script": analytics_script_url() if allowed else None,
        # What the script checks the page against when it is shown again.
        "state": rendered_state(request),
    }
