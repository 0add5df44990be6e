"""Text as XML (feeds, sitemaps) can carry it."""

import re

# What XML 1.0 cannot hold. Django refuses to write a feed with one (a server error) and a
# template writes it into a sitemap no parser reads; editors' text is refused with one
# (newsroom.validators), but text saved before that check or by a script may hold one: a line
# break pasted from Word is a vertical tab.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value):
    """Text as XML can carry it: a vertical tab or form feed is a space, other controls go."""
    return NOT_XML.sub(lambda match: " " if match[0] in "\x0b\x0c" else "", value)
