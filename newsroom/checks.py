"""Start-up checks of the site's own settings."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def analytics_script_is_allowed_by_the_csp(app_configs, **kwargs):
    """An external analytics script must be https: the CSP allows no other origin for it."""
    url = settings.NEWSROOM_ANALYTICS_SCRIPT
    if not url or url.startswith("https://") or (url.startswith("/") and url[1:2] not in "/\\"):
        return []
    return [
        checks.Error(
            f"NEWSROOM_ANALYTICS_SCRIPT is {url!r}: the Content Security Policy allows scripts "
            "from this site and from an https:// address only, so browsers would refuse it.",
            hint="Give the provider's https:// address, or a path on this site.",
            id="newsroom.E001",
        )
    ]
