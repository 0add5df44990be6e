# "28 oktober 2025" and "28 oktober 2025 kl. 14.05", as Swedish newspapers write them.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = r"j F Y \k\l. H.i"

# The admin shows times "kl. 08.00": an editor may type them so. Colons first, as Django's own:
# the first format is the one the time input and its "Now" shortcut write.
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M", "%H.%M.%S", "%H.%M"]
