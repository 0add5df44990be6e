from django.utils.cache import patch_vary_headers

from .services import shared_cache_state
from .texts import current_digest


def consent_vary_middleware(get_response):
    """Responses that depended on the visitor's consent say so to every cache on the way."""

    def middleware(request):
        response = get_response(request)
        state = getattr(request, "_consent_state", None)
        if state is not None:
            patch_vary_headers(response, ("Cookie", "Sec-GPC"))
            # The variant this page was rendered for: shared caches key on it (see README). A
            # decision's names the wording it answered, as its state cookie does.
            shown = state.cache_key
            if not state.undecided:
                shown = shared_cache_state(state.status, current_digest(request))
            response["X-Consent-State"] = shown
        return response

    return middleware
