"""The words a visitor is asked with, in each language; their digest versions every consent."""

import hashlib
import json
from functools import cache

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext, override


def banner_texts() -> dict[str, str]:
    """The banner's texts in the active language (the banner template shows exactly these)."""
    return {
        "title": gettext("This website uses cookies"),
        "text": gettext("We use cookies for analytics to improve our website."),
        "policy": gettext("Read our %(link)s for more information."),
        "policy_link": gettext("privacy policy"),
        "withdrawal": gettext(
            "You can change or withdraw your consent at any time via Cookie settings at the "
            "bottom of every page."
        ),
        "settings_link": gettext("Cookie settings"),
        "decline": gettext("Decline"),
        "accept": gettext("Accept"),
        "gpc": gettext(
            "Your browser asks sites not to track you (Global Privacy Control), so analytics "
            "is off. You can change this in Cookie settings."
        ),
    }


@cache
def current_texts() -> dict[str, dict[str, str]]:
    """Banner and privacy policy texts in every language, as shown to visitors now."""
    texts = {}
    for code, _name in settings.LANGUAGES:
        with override(code):
            texts[code] = {
                **banner_texts(),
                "policy_page": render_to_string("consent/includes/policy_text.html").strip(),
            }
    return texts


@cache
def current_digest() -> str:
    """A fingerprint of the current texts: a new wording is a new banner version."""
    encoded = json.dumps(current_texts(), sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()
