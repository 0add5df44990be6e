from django.utils.cache import patch_vary_headers


def consent_vary_middleware(get_response):
    """Responses that depended on the visitor's consent say so to every cache on the way."""

    def middleware(request):
        response = get_response(request)
        if hasattr(request, "_consent_state"):
            patch_vary_headers(response, ("Cookie", "Sec-GPC"))
        return response

    return middleware
