"""Reading and recording visitors' consent."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from cookie_consent.conf import settings as consent_settings
from cookie_consent.models import Cookie, CookieGroup
from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import get_language

from .models import AccessLogEntry, BannerVersion, ConsentRecord
from .texts import current_digest, current_version

SIGNING_SALT = "newsroom.consent"
# An unsigned copy of the decision for shared caches (Varnish, a CDN), which cannot check
# signatures: they key pages on it. The site itself only believes the signed cookie, and says
# which state it rendered (X-Consent-State), so a tampered copy cannot poison a shared cache.
STATE_COOKIE = "nr_consent_state"
ANALYTICS_GROUP = "analytics"
# A search its user repeats within this time (the list's other pages, another order, a reload)
# is the same look-up, logged once.
SEARCH_LOG_WINDOW = timedelta(minutes=30)


class Status(StrEnum):
    UNDECIDED = "undecided"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class AskedAgain(StrEnum):
    """Why a visitor's last choice, still in their cookie, no longer counts."""

    EXPIRED = "expired"
    CHANGED = "changed"  # given to an earlier wording


@dataclass(frozen=True)
class ConsentState:
    """What a visitor has decided, as read from their consent cookie and browser signals."""

    status: Status = Status.UNDECIDED
    consent_id: uuid.UUID | None = None
    groups: tuple[str, ...] = ()
    gpc: bool = False
    # Declined by withdrawing an earlier consent, as the decision's record says: the same
    # pages as any decline, but the visitor is told what they did.
    withdrawn: bool = False
    # Undecided, although the cookie holds a choice: it has expired or the question changed.
    asked_again: AskedAgain | None = None
    # Declined by the browser's Global Privacy Control signal, not by the visitor, as the
    # decision's record says.
    declined_by_gpc: bool = False
    # While asked again: the consent ID of the choice that no longer counts, which the visitor's
    # records hold and the next one will name as its previous ID.
    previous_consent_id: uuid.UUID | None = None

    @property
    def undecided(self):
        return self.status == Status.UNDECIDED

    @property
    def analytics_allowed(self):
        return self.status == Status.ACCEPTED and ANALYTICS_GROUP in self.groups

    @property
    def cache_key(self):
        """The page variant this state sees: undecided, accepted, declined or gpc."""
        if self.undecided and self.gpc:
            return "gpc"
        return self.status.value


def shared_cache_state(status: Status, digest: str) -> str:
    """A decision as shared caches key pages on it: its state and the wording it answered.

    With the wording, the copy kept for visitors who answered the current one is never served
    to a visitor whose answer was to an earlier one (who is asked again).
    """
    return f"{status}.{digest[:16]}"


def rendered_state(request: HttpRequest) -> str:
    """The variant of a page this visitor is shown, as X-Consent-State names it.

    Shared caches key pages on it, and a page's consent script compares it with the site's
    answer when the page is shown again (the back/forward cache, a tab left open).
    """
    state = consent_state(request)
    if state.undecided:
        return state.cache_key
    return shared_cache_state(state.status, current_digest(request))


def consent_state(request: HttpRequest) -> ConsentState:
    """The visitor's consent; anything malformed, tampered, outdated or expired is undecided."""
    cached = getattr(request, "_consent_state", None)
    if cached is None:
        cached = request._consent_state = _read_state(request)
    return cached


def _read_state(request):
    gpc = request.headers.get("Sec-GPC", "").strip() == "1"
    undecided = ConsentState(gpc=gpc)
    decision = _signed_decision(request, max_age=consent_settings.COOKIE_CONSENT_MAX_AGE)
    if decision is None:
        expired = _signed_decision(request)
        if expired is not None:
            return ConsentState(
                gpc=gpc, asked_again=AskedAgain.EXPIRED, previous_consent_id=expired[1]
            )
        return undecided
    version, consent_id, groups, choice, source = decision
    if not isinstance(groups, list) or not all(isinstance(group, str) for group in groups):
        return undecided
    if version != current_digest(request):
        return ConsentState(gpc=gpc, asked_again=AskedAgain.CHANGED, previous_consent_id=consent_id)
    status = Status.ACCEPTED if groups else Status.DECLINED
    declined = status == Status.DECLINED
    return ConsentState(
        status=status,
        consent_id=consent_id,
        groups=tuple(groups),
        gpc=gpc,
        withdrawn=declined and choice == ConsentRecord.Choice.WITHDRAWN,
        declined_by_gpc=declined and source == ConsentRecord.Source.GPC,
    )


def _signed_decision(request, *, max_age=None):
    """(version, consent ID, groups, choice, source) from the consent cookie we signed, or None.

    The choice and source are the record's; cookies from before they were kept there have none.
    """
    raw = request.COOKIES.get(consent_settings.COOKIE_CONSENT_NAME)
    if not raw or len(raw) > 1024:
        return None
    try:
        payload = signing.loads(raw, salt=SIGNING_SALT, max_age=max_age)
        return (
            payload["v"],
            uuid.UUID(payload["id"]),
            payload["g"],
            payload.get("c"),
            payload.get("s"),
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError):
        return None


def _last_consent_id(request, state):
    """The visitor's latest consent ID, also from a cookie that is outdated or expired.

    Such a cookie no longer counts as a decision, but it is still this visitor's last one: the
    new record links to it, so the chain of proof has no gap.
    """
    if state.consent_id is not None:
        return state.consent_id
    decision = _signed_decision(request)
    return decision[1] if decision else None


def banner_version_for(digest: str) -> BannerVersion | None:
    """The stored version with this digest; the current one is stored on first use."""
    current = current_version()
    if digest == current.digest:
        version, _created = BannerVersion.objects.get_or_create(
            digest=digest, defaults={"texts": current.texts}
        )
        return version
    return BannerVersion.objects.filter(digest=digest).first()


def optional_group_names() -> list[str]:
    return list(CookieGroup.objects.filter(is_required=False).values_list("varname", flat=True))


@transaction.atomic
def consent_record(
    *,
    request: HttpRequest,
    accept: bool,
    groups: list[str],
    source: ConsentRecord.Source,
    banner_version: BannerVersion,
) -> ConsentRecord:
    """Append the proof of one decision: a new consent ID chained to the previous one.

    The same answer sent again from the same previous decision is the record made already.
    """
    previous = consent_state(request)
    if accept:
        choice = ConsentRecord.Choice.ACCEPTED
    elif previous.status == Status.ACCEPTED:
        choice = ConsentRecord.Choice.WITHDRAWN
    else:
        choice = ConsentRecord.Choice.DECLINED
    accepted = set(groups) if accept else set()
    previous_consent_id = _last_consent_id(request, previous)
    # Only optional groups are a choice; necessary cookies need no consent.
    groups = {name: name in accepted for name in optional_group_names()}
    if previous_consent_id is not None:
        repeated = _answer_recorded_already(
            previous_consent_id,
            choice=choice,
            groups=groups,
            source=source,
            banner_version=banner_version,
        )
        if repeated is not None:
            return repeated
    return ConsentRecord.objects.create(
        previous_consent_id=previous_consent_id,
        choice=choice,
        groups=groups,
        banner_version=banner_version,
        language=get_language(),
        source=source,
    )


def _answer_recorded_already(previous_consent_id, *, choice, groups, source, banner_version):
    """The record this answer made already, when it is sent again before its cookie is back.

    A double click on a plain form, or a link followed before the script's answer came back,
    sends the cookie of the decision before, which a record already names as its previous one.
    (A visitor who has never decided has no such cookie: their pages, cached for everyone,
    carry nothing of their own to tell a repeat by.)
    """
    # Two repeats at once wait for each other on the previous decision's row (PostgreSQL).
    list(
        ConsentRecord.objects.select_for_update()
        .filter(consent_id=previous_consent_id)
        .values("pk")
    )
    made = ConsentRecord.objects.filter(
        previous_consent_id=previous_consent_id,
        choice=choice,
        source=source,
        banner_version=banner_version,
    ).select_related("banner_version")
    return next((record for record in made if record.groups == groups), None)


def recorded_state(record: ConsentRecord) -> str:
    """The state a decision's pages are rendered for (rendered_state()), as its cookie says."""
    status = Status.ACCEPTED if any(record.groups.values()) else Status.DECLINED
    return shared_cache_state(status, record.banner_version.digest)


def consent_cookie_set(response: HttpResponse, *, record: ConsentRecord) -> None:
    """Store the decision in the visitor's signed consent cookie; delete refused cookies."""
    accepted = sorted(name for name, ok in record.groups.items() if ok)
    # The record's choice and source too, so that the settings page can say what it was (and
    # whether the visitor or their browser's GPC signal declined) without a query.
    value = signing.dumps(
        {
            "v": record.banner_version.digest,
            "id": record.consent_id.hex,
            "g": accepted,
            "c": record.choice,
            "s": record.source,
        },
        salt=SIGNING_SALT,
        compress=False,
    )
    for name, cookie_value in (
        (consent_settings.COOKIE_CONSENT_NAME, value),
        (STATE_COOKIE, recorded_state(record)),
    ):
        response.set_cookie(
            name,
            cookie_value,
            max_age=consent_settings.COOKIE_CONSENT_MAX_AGE,
            domain=consent_settings.COOKIE_CONSENT_DOMAIN,
            secure=consent_settings.COOKIE_CONSENT_SECURE,
            httponly=True,
            samesite=consent_settings.COOKIE_CONSENT_SAMESITE,
            path="/",
        )
    for cookie in refused_cookies(record):
        response.delete_cookie(
            cookie.name, path=cookie.path or "/", domain=cookie.domain or None, samesite="Lax"
        )


def refused_cookies(record: ConsentRecord) -> list[Cookie]:
    refused = [name for name, ok in record.groups.items() if not ok]
    return list(Cookie.objects.filter(cookiegroup__varname__in=refused, detail__first_party=True))


def analytics_script_url() -> str:
    """The gated analytics script: the site's own, or an external provider's (a setting)."""
    return settings.NEWSROOM_ANALYTICS_SCRIPT or static("js/analytics.js")


def consent_access_logged(
    *,
    request: HttpRequest | None,
    action: str,
    consent_id: uuid.UUID | None = None,
    other_consent_ids: Sequence[uuid.UUID] = (),
    count: int | None = None,
    count_exceeded: bool = False,
    query: str = "",
    username: str = "",
) -> AccessLogEntry:
    """Append who (the request's user, or `username` for a command) read what consent data.

    `other_consent_ids` are the records a page showed besides the one it opened.
    """
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return AccessLogEntry.objects.create(
        user=user if signed_in else None,
        username=user.get_username() if signed_in else username,
        action=action,
        consent_id=consent_id,
        other_consent_ids=[str(other) for other in other_consent_ids],
        count=count,
        count_exceeded=count_exceeded,
        query=query,
    )


def consent_search_logged(
    *,
    request: HttpRequest,
    query: str,
    count: int,
    count_exceeded: bool = False,
    consent_id: uuid.UUID | None = None,
) -> AccessLogEntry | None:
    """Append a search of the consent records, unless its user's same search is logged already.

    `query` is the list's search and filters (no page or order): the same within
    SEARCH_LOG_WINDOW of its entry is not logged again (None is returned).
    """
    since = timezone.now() - SEARCH_LOG_WINDOW
    logged = AccessLogEntry.objects.filter(
        user=request.user,
        action=AccessLogEntry.Action.SEARCHED_RECORDS,
        query=query,
        created_at__gte=since,
    )
    if logged.exists():
        return None
    return consent_access_logged(
        request=request,
        action=AccessLogEntry.Action.SEARCHED_RECORDS,
        consent_id=consent_id,
        count=count,
        count_exceeded=count_exceeded,
        query=query,
    )
