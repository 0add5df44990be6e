"""Start-up checks of the consent settings."""

from cookie_consent.conf import settings as consent_settings
from django.conf import settings
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


def consent_lifetime_days():
    """How many days, begun ones included, a visitor's choice stays in force."""
    return -(-consent_settings.COOKIE_CONSENT_MAX_AGE // (24 * 60 * 60))


@checks.register(checks.Tags.security)
def consent_records_outlive_consents(app_configs, **kwargs):
    """Records must be kept while their choices are in force, or consent_prune refuses to run."""
    retention_days = settings.NEWSROOM_CONSENT_RETENTION_DAYS
    consent_days = consent_lifetime_days()
    if retention_days >= consent_days:
        return []
    return [
        checks.Error(
            f"Consent records are kept {retention_days} days, but a consent lasts "
            f"{consent_days}: manage.py consent_prune refuses to delete the proof of choices "
            "still in force, so it would never delete any record.",
            hint="Set NEWSROOM_CONSENT_RETENTION_DAYS to at least NEWSROOM_CONSENT_MAX_AGE_DAYS "
            "(and the privacy policy's retention time to match).",
            id="consent.E002",
        )
    ]


@checks.register(checks.Tags.security)
def access_log_is_kept(app_configs, **kwargs):
    """The access log must be kept a day at least, or consent_prune refuses to run."""
    days = settings.NEWSROOM_CONSENT_ACCESS_LOG_DAYS
    if days >= 1:
        return []
    return [
        checks.Error(
            f"Access log entries are kept {days} days: manage.py consent_prune would delete "
            "each as it is made, so it refuses to run, and no record would be deleted either.",
            hint="Set NEWSROOM_CONSENT_ACCESS_LOG_DAYS to a number of days (396 by default).",
            id="consent.E003",
        )
    ]
