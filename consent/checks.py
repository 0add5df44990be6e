"""Start-up checks of the consent settings."""

from cookie_consent.conf import settings as consent_settings
from django.core import checks

# How long static/js/analytics.js keeps the visitor's analytics ID (its MAX_AGE); a test reads
# the script and holds the two to the same value.
ANALYTICS_ID_MAX_AGE = 365 * 24 * 60 * 60


@checks.register(checks.Tags.security)
def analytics_id_outlives_no_consent(app_configs, **kwargs):
    """The analytics ID must not be kept longer than the consent that allows it."""
    if consent_settings.COOKIE_CONSENT_MAX_AGE >= ANALYTICS_ID_MAX_AGE:
        return []
    consent_days = consent_settings.COOKIE_CONSENT_MAX_AGE // 86400
    return [
        checks.Error(
            f"Consent lasts {consent_days} days, but the analytics ID lasts "
            f"{ANALYTICS_ID_MAX_AGE // 86400}: it would be kept on visitors' devices after their "
            "consent ran out.",
            hint="Set NEWSROOM_CONSENT_MAX_AGE_DAYS to at least 365, or shorten MAX_AGE in "
            "static/js/analytics.js, ANALYTICS_ID_MAX_AGE and the cookie table's lifetime.",
            id="consent.E001",
        )
    ]
