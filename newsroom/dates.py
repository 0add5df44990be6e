"""Times as readers and editors read them: local, in their language's format, zone named.

English formats name the zone ("28 October 2025, 15:00 CET"): the site's times are Stockholm's
and English readers are often elsewhere. Django's "T" writes nothing for a time that comes twice,
02:00–03:00 on the last Sunday of October, when the clocks go back: exactly when the zone is what
tells the two apart ("02:30 CEST", then "02:30 CET"). Here the zone is written in as text.
"""

import re
from datetime import UTC

from django.utils import formats, timezone

# A zone in a date format ("T"), not one escaped to be written as it is ("\T").
ZONE_IN_FORMAT = re.compile(r"(?<!\\)T")


def repeated_hour(local):
    """Whether a local time is in the hour the clocks go back: its clock time is read twice."""
    return local.utcoffset() != local.replace(fold=1 - local.fold).utcoffset()


def skipped_hour(local):
    """Whether a local time is in the hour the clocks go forward: no clock showed it."""
    return local.astimezone(UTC).astimezone(local.tzinfo).replace(tzinfo=None) != local.replace(
        tzinfo=None
    )


def with_zone_named(format_string, local):
    """The format with its zone ("T") as the local time's own, as text ("CET" or "CEST")."""
    zone = "".join(f"\\{character}" for character in local.tzname())
    return ZONE_IN_FORMAT.sub(lambda _match: zone, format_string)


def local_datetime(value, format_name="DATETIME_FORMAT"):
    """The time in the site's time zone and the active language's format, its zone named
    where the format names one (English), whatever the hour."""
    local = timezone.localtime(value)
    return formats.date_format(local, with_zone_named(formats.get_format(format_name), local))
