from django.utils.cache import patch_vary_headers

from .services import rendered_state


def consent_vary_middleware(get_response):
    """Responses that depended on the visitor's consent say so to every cache on the way."""

    def middleware(request):
        response = get_response(request)
        if getattr(request, "_consent_state", None) is not None:
            patch_vary_headers(response, ("Cookie", "Sec-GPC"))
            # The variant this page was rendered for: shared caches key on it (see README). A
            # decision's names the wording it answered, as its state cookie does.
            response["X-Consent-State"] = rendered_state(request)
        return response

    return middleware
