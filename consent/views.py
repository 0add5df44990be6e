from django.contrib import messages
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.http.response import HttpResponseRedirectBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.encoding import escape_uri_path
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from newsroom.cache import reads_query_parameters
from newsroom.languages import in_each_language, language_versions
from newsroom.methods import require_POST, require_safe

from .forms import ConsentForm
from .models import ConsentRecord
from .security import is_same_origin, safe_next
from .services import (
    analytics_script_url,
    consent_cookie_set,
    consent_record,
    consent_state,
    recorded_state,
    rendered_state,
)
from .texts import (
    banner_texts,
    current_digest,
    current_version,
    policy_context,
    settings_texts,
)


class HttpResponseSeeOther(HttpResponseRedirectBase):
    status_code = 303


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


# An answer is a few short fields; anything bigger is not one.
MAX_BODY_BYTES = 16 * 1024
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _refuse(request, status, message, *, reader_message=None):
    """The script's answer refused as JSON; a browser's form post, as a page that leads back.

    `reader_message`, if given, is what the page says instead of `message` (which may name
    the form's fields, for the script and the logs).
    """
    if _wants_json(request):
        return JsonResponse({"error": message}, status=status)
    context = {"message": reader_message or message}
    response = render(request, "consent/refused.html", context, status=status)
    add_never_cache_headers(response)
    return response


def _refuse_body(request, status, message):
    """A request body that is no consent answer at all, refused."""
    reader_message = _(
        "The answer sent from the page was incomplete or could not be read, so nothing "
        "was saved or changed."
    )
    return _refuse(request, status, message, reader_message=reader_message)


def _only_the_wording_is_gone(form):
    """The answer is well-formed, but to a banner version that no longer exists."""
    return list(form.errors) == ["banner"] and form.has_error("banner", "unknown_version")


# Cross-site posts are refused by is_same_origin() rather than a per-page CSRF token, so that
# article pages carry no per-visitor token and stay cacheable.
@csrf_exempt
@require_POST
def choose(request):
    """Record an accept or decline and store it in the visitor's consent cookie."""
    if not is_same_origin(request):
        return _refuse(request, 403, _("Consent can only be given on this site."))
    # Checked before the body is read: a form of a few short fields, no upload, from anyone.
    # Met by scripts and unusual clients: `message` tells their developer what the site takes,
    # a browser's page tells its reader that nothing was saved.
    if request.content_type not in FORM_TYPES:
        return _refuse_body(
            request,
            415,
            _(
                "A consent answer is sent as a form (application/x-www-form-urlencoded or "
                "multipart/form-data)."
            ),
        )
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return _refuse_body(request, 400, _("The request's Content-Length header is no number."))
    if length > MAX_BODY_BYTES:
        return _refuse_body(
            request, 413, _("A consent answer is a few short fields, at most 16 KB in all.")
        )
    if request.FILES:
        return _refuse_body(request, 400, _("A consent answer carries no files."))
    form = ConsentForm(request.POST)
    wants_json = _wants_json(request)
    if not form.is_valid():
        if not wants_json and _only_the_wording_is_gone(form):
            # The banner's wording changed while its page was open, and nobody answered the old
            # one: nothing is recorded, and the reader is back on the page, asked in the new one.
            # (The script falls back to this plain post when its own answer is refused.)
            back = safe_next(request, form.cleaned_data.get("next", ""), reverse("articles:front"))
            response = HttpResponseSeeOther(back)
            if form.cleaned_data.get("source") == "settings":
                # Said on the settings page, as a saved answer is: not silence after a click.
                messages.warning(request, "changed", extra_tags=SAVED_TAG)
            add_never_cache_headers(response)
            return response
        errors = "; ".join(f"{field}: {' '.join(e)}" for field, e in form.errors.items())
        return _refuse(
            request,
            400,
            _("Invalid consent: %s") % errors,
            reader_message=_(
                "The answer sent from the page was incomplete or could not be read, so nothing "
                "was saved or changed."
            ),
        )
    data = form.cleaned_data
    source = ConsentForm.SOURCES[data["source"]] or (
        ConsentRecord.Source.BANNER_JS if wants_json else ConsentRecord.Source.BANNER_NO_JS
    )
    state = consent_state(request)
    if source == ConsentRecord.Source.GPC and not state.undecided:
        # The signal answers for a visitor who has no choice that counts. A choice that does (the
        # signal's own, sent by another tab or page meanwhile, or the visitor's accept in Cookie
        # settings before a stale note's OK) stands: nothing is recorded, nothing changes.
        return _choice_kept(request, state, next=data["next"], wants_json=wants_json)
    record = consent_record(
        request=request,
        accept=data["choice"] == "accept",
        groups=data["groups"],
        source=source,
        banner_version=data["banner"],
    )
    if wants_json:
        analytics = record.groups.get("analytics", False)
        response = JsonResponse(
            {
                "choice": record.choice,
                "consent_id": str(record.consent_id),
                "analytics_script": analytics_script_url() if analytics else None,
                # The page's script now shows this state (rendered_state(), as its cookie says).
                "state": recorded_state(record),
            }
        )
    else:
        fallback = reverse("articles:front")
        response = HttpResponseSeeOther(safe_next(request, data["next"], fallback))
        if source == ConsentRecord.Source.SETTINGS:
            # Said once, on the settings page the answer leads back to: it is never cached (a
            # banner's page may be), and the words wait in the visitor's own cookie till then.
            messages.success(request, _saved_outcome(record), extra_tags=SAVED_TAG)
    consent_cookie_set(response, record=record)
    add_never_cache_headers(response)
    return response


def _choice_kept(request, state, *, next, wants_json):
    """The answer to a GPC decline that changed nothing: the choice that counts, as it is."""
    if wants_json:
        if state.analytics_allowed:
            choice = ConsentRecord.Choice.ACCEPTED
        elif state.withdrawn:
            choice = ConsentRecord.Choice.WITHDRAWN
        else:
            choice = ConsentRecord.Choice.DECLINED
        response = JsonResponse(
            {
                "choice": choice,
                "consent_id": str(state.consent_id),
                "analytics_script": analytics_script_url() if state.analytics_allowed else None,
                "state": rendered_state(request),
            }
        )
    else:
        response = HttpResponseSeeOther(safe_next(request, next, reverse("articles:front")))
    add_never_cache_headers(response)
    return response


SAVED_TAG = "consent-saved"


def _saved_outcome(record):
    """What the answer just saved left: the key of its confirmation (see _saved_confirmation)."""
    if record.groups.get("analytics", False):
        return "allowed"
    return "withdrawn" if record.choice == ConsentRecord.Choice.WITHDRAWN else "off"


def _saved_confirmation(request):
    """The settings page's confirmation of the answer just given there, or that nothing was
    saved (its wording had changed), if any (said once).

    In the language of the page shown, which the answer's own address need not have.
    """
    # Reading the storage uses up every message in it: the others (an admin page's, say) are
    # put back for the page that shows them; this page shows only its own.
    storage = messages.get_messages(request)
    saved, others = [], []
    for message in storage:
        (saved if SAVED_TAG in message.tags.split() else others).append(message)
    for message in others:
        storage.add(message.level, message.message, extra_tags=message.extra_tags)
    saved = [message.message for message in saved]
    if not saved:
        return ""
    return {
        "allowed": _("Your choice is saved: analytics cookies are allowed."),
        "withdrawn": _(
            "Your choice is saved: your consent is withdrawn and analytics cookies are off."
        ),
        "off": _("Your choice is saved: analytics cookies are off."),
        "changed": _(
            "Nothing was saved: our question changed while the page was open. Choose again below."
        ),
    }.get(saved[-1], "")


@require_safe
@never_cache
def settings_page(request):
    """The visitor's current choice and consent ID, with one-click accept and withdraw."""
    return render(
        request,
        "consent/settings.html",
        {
            "state": consent_state(request),
            "texts": {"decline": banner_texts()["decline"], **settings_texts()},
            "banner_digest": current_digest(request),
            "consent_settings_page": True,
            "saved": _saved_confirmation(request),
        },
    )


@require_safe
@reads_query_parameters()
def privacy_policy(request):
    """The privacy policy, with the cookie table generated from the cookie groups."""
    # The table the current consent version holds, so that the page shows what it keeps as proof.
    table = current_version(request).texts.get(get_language(), {}).get("cookie_table", [])
    context = {"cookie_groups": table, **policy_context(page=True)}
    context.update(language_versions(request, in_each_language("consent:privacy_policy")))
    return render(request, "consent/privacy_policy.html", context)


def old_cookie_admin(request, model=None, rest=""):
    """The package's cookie admin addresses, moved for good to the proxies' (models.SiteCookie).

    Only the path below the model's list is carried over, escaped again, under the new list's
    address: the answer stays on this site, within the admin, whatever the old address held.
    The package's app index, which listed those two, moves to this app's.
    """
    if model is None:
        url = reverse("admin:app_list", kwargs={"app_label": "consent"})
    else:
        url = reverse(f"admin:consent_site{model}_changelist") + escape_uri_path(rest)
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
