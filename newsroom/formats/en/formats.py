# "28 October 2025" and "28 October 2025, 14:05": day first, as in the Swedish edition.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
