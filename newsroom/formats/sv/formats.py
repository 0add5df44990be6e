# "28 oktober 2025" and "28 oktober 2025 kl. 14.05", as Swedish newspapers write them.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = r"j F Y \k\l. H.i"

# The admin shows times "kl. 08.00": an editor may type them so. Colons first, as Django's own:
# the first format is the one the time input and its "Now" shortcut write.
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M", "%H.%M.%S", "%H.%M"]

# Dates: ISO first (the admin's calendar writes it), then "1/2 2026" as Swedes write the first
# of February. Django's Swedish formats also read "01/02/2026" in the American order, as
# 2 January: a date with the year after a second slash is refused rather than misread.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m %Y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H.%M",
    "%d/%m %Y %H:%M",
    "%d/%m %Y %H.%M",
]
