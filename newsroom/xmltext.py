"""Text as XML (feeds, sitemaps) can carry it."""

import re

from newsroom.validators import without_invisible_characters

# What XML 1.0 cannot hold. Django refuses to write a feed with one (a server error) and a
# template writes it into a sitemap no parser reads; editors' text is refused with one
# (newsroom.validators), but text saved before that check or by a script may hold one: a line
# break pasted from Word is a vertical tab.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value):
    """Text as XML can carry it, and as feed readers and search engines should read it: without
    what editors' text refuses (direction controls, invisible characters; a vertical tab or
    form feed is a space), nor what XML cannot hold."""
    return NOT_XML.sub("", without_invisible_characters(value))
