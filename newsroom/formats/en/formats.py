# "28 October 2025" and "28 October 2025, 14:05 CET": day first, as in the Swedish edition, and
# the time zone named (CET or CEST), since the times are Stockholm's and English readers are
# often elsewhere. Swedish datelines need no zone.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i T"
