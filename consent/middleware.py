from django.utils.cache import patch_vary_headers


def consent_vary_middleware(get_response):
    """Responses that depended on the visitor's consent say so to every cache on the way."""

    def middleware(request):
        response = get_response(request)
        state = getattr(request, "_consent_state", None)
        if state is not None:
            patch_vary_headers(response, ("Cookie", "Sec-GPC"))
            # The variant this page was rendered for: shared caches key on it (see README).
            response["X-Consent-State"] = state.cache_key
        return response

    return middleware
