import re

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def is_same_origin(request: HttpRequest) -> bool:
    """Whether a POST comes from this site's own pages.

    Browsers send Sec-Fetch-Site (or at least Origin) with every POST, so checking them refuses
    another site's form without a per-page CSRF token, which would make pages uncacheable.
    A client that sends neither is not a browser acting for a visitor.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin == f"{request.scheme}://{request.get_host()}"
    return True


CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def safe_next(request: HttpRequest, url: str, fallback: str) -> str:
    """A redirect target on this site only: a local path, never another host.

    An address with a control character (a NUL byte, a line break) is no page's: the fallback.
    """
    if (
        url
        and url.startswith("/")
        and not CONTROL_CHARACTERS.search(url)
        and url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return url
    return fallback
