# "28 oktober 2025" and "28 oktober 2025 kl. 14.05", as Swedish newspapers write them.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = r"j F Y \k\l. H.i"
