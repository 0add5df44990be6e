"""What a visitor is asked to consent to, in each language; its digest versions every consent.

A version is the banner and privacy policy texts, which change only with a deploy, and the
cookie table privacy officers edit in admin, whose every save purges the page cache.
"""

import hashlib
import json
from dataclasses import dataclass
from functools import cache

from cookie_consent.models import CookieGroup
from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext, override

from newsroom.cache import current_generation, until_purge

from .checks import consent_lifetime_days


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
            "is off. You can change this in %(link)s."
        ),
    }


def settings_texts() -> dict[str, str]:
    """The settings page's question in the active language (its template shows exactly these).

    Consent is given there too, so its wording is part of the proof; its Decline button is the
    banner's ("decline").
    """
    return {
        "settings_text": gettext(
            "We use analytics cookies only if you accept them. Necessary cookies, such as the one "
            "that remembers your choice, are always used."
        ),
        "settings_policy_link": gettext("Read about the cookies in our privacy policy."),
        "settings_accept": gettext("Accept analytics cookies"),
        "settings_withdraw": gettext("Withdraw consent"),
    }


PRIVACY_EMAIL = "integritet@newsroom.invalid"


def policy_periods() -> dict[str, int]:
    """The privacy policy's periods, in days, from the settings that enforce them."""
    return {
        "choice_days": consent_lifetime_days(),
        "record_days": settings.NEWSROOM_CONSENT_RETENTION_DAYS,
        "access_days": settings.NEWSROOM_CONSENT_ACCESS_LOG_DAYS,
    }


def policy_context(*, page: bool = False) -> dict:
    """The policy text's context: its periods and the privacy officer's address.

    The page links the address; the version keeps it as the words it is, so that the link's
    markup is no new wording and asks nobody again (the link's text is the address itself).
    """
    email = PRIVACY_EMAIL
    if page:
        email = format_html('<a href="mailto:{}">{}</a>', PRIVACY_EMAIL, PRIVACY_EMAIL)
    return {**policy_periods(), "privacy_email": email}


@cache
def current_texts() -> dict[str, dict[str, str]]:
    """Banner, settings page and privacy policy texts in every language, as shown now."""
    texts = {}
    for code, _name in settings.LANGUAGES:
        with override(code):
            texts[code] = {
                **banner_texts(),
                **settings_texts(),
                "policy_page": render_to_string(
                    "consent/includes/policy_text.html", policy_context()
                ).strip(),
            }
    return texts


@cache
def _texts_digest() -> str:
    encoded = json.dumps(current_texts(), sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()


def cookie_table() -> dict[str, list[dict]]:
    """The privacy policy's cookie table in every language, as its page shows it (one query)."""
    rows = list(
        CookieGroup.objects.order_by(
            "ordering", "varname", "cookie__name", "cookie__domain"
        ).values(
            "varname",
            "is_required",
            "name",
            "description",
            "text__name_en",
            "text__description_en",
            "cookie__name",
            "cookie__domain",
            "cookie__description",
            "cookie__detail__purpose_en",
            "cookie__detail__lifetime_sv",
            "cookie__detail__lifetime_en",
            "cookie__detail__first_party",
        )
    )
    table = {}
    for code, _name in settings.LANGUAGES:
        # The package's own fields hold Swedish; English has fields of its own, Swedish the rest.
        english = code == "en"
        groups = {}
        with override(code):
            for row in rows:
                group = groups.get(row["varname"])
                if group is None:
                    in_english = english and row["text__name_en"] is not None
                    group = groups[row["varname"]] = {
                        "varname": row["varname"],
                        "required": row["is_required"],
                        "name": row["text__name_en"] if in_english else row["name"],
                        "description": (
                            row["text__description_en"] if in_english else row["description"]
                        ),
                        "cookies": [],
                    }
                if row["cookie__name"] is not None:  # else a group without cookies
                    group["cookies"].append(_cookie_shown(row, english=english))
        table[code] = list(groups.values())
    return table


def _cookie_shown(row, *, english):
    purpose_en = row["cookie__detail__purpose_en"]
    lifetime = row["cookie__detail__lifetime_en" if english else "cookie__detail__lifetime_sv"]
    domain = row["cookie__domain"]
    if row["cookie__detail__first_party"]:
        party = gettext("First party (this site)")
    else:
        party = gettext("Third party (%(domain)s)") % {"domain": domain}
    return {
        "name": row["cookie__name"],
        "domain": domain,
        "purpose": purpose_en if english and purpose_en else row["cookie__description"],
        "lifetime": lifetime or "",
        "party": party,
    }


@dataclass(frozen=True)
class ConsentVersion:
    """What visitors are asked to consent to now, and its digest."""

    # Per language: the banner texts, the policy page ("policy_page") and the cookie table
    # ("cookie_table"), as BannerVersion.texts keeps them.
    texts: dict
    digest: str


def _version() -> ConsentVersion:
    table = cookie_table()
    texts = {
        code: {**shown, "cookie_table": table[code]} for code, shown in current_texts().items()
    }
    # Everything shown is hashed, the descriptions and purposes of the cookie table too, although
    # fixing a typo in one then asks every visitor again, as a typo fixed in the banner or policy
    # texts does: a stored version must be what its visitors were shown (the digest of its texts
    # is its own digest), and the policy promises to ask again when it changes.
    encoded = json.dumps(texts, sort_keys=True, ensure_ascii=False).encode()
    return ConsentVersion(texts=texts, digest=hashlib.sha256(encoded).hexdigest())


# The version this process computed last, and the page-cache generation it holds for: every admin
# change of the cookie table purges, in every worker, and the texts change only with a deploy.
_latest: tuple[str, ConsentVersion] | None = None


def current_version(request: HttpRequest | None = None) -> ConsentVersion:
    """The version visitors are asked about now, read from the database once per purge.

    With a request, the page cache's generation for it is used, and the version is kept on it.
    While the generation cannot be read (the cache is down), it is read from the database.
    """
    global _latest
    version = getattr(request, "_consent_version", None)
    if version is not None:
        return version
    generation = current_generation(request)
    latest = _latest
    if generation is not None and latest is not None and latest[0] == generation:
        version = latest[1]
    elif generation is not None:
        # Shared with the other workers until the next purge: one of them reads the database,
        # and a worker that starts while the database is down still serves cached pages.
        # Named by the texts too: a deploy with new wording must not find the old version.
        name = f"consent-version:{_texts_digest()}"
        version = until_purge(request, name, _version)
        _latest = (generation, version)
    else:
        version = _version()
    if request is not None:
        request._consent_version = version
    return version


def current_digest(request: HttpRequest | None = None) -> str:
    """The current version's digest: what the consent cookie and the banner form name."""
    return current_version(request).digest


def _forget_versions() -> None:
    global _latest
    _latest = None
    _texts_digest.cache_clear()


# As functools.cache, which kept the digest before, offers: tests that change texts use it.
current_version.cache_clear = current_digest.cache_clear = _forget_versions
