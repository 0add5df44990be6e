"""Readable word-level differences between two revisions of an article's text."""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """Both texts, escaped, with removed words in <del> (old) and added words in <ins> (new)."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    old_html, new_html = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        removed, added = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if tag == "equal":
            old_html.append(removed)
            new_html.append(added)
            continue
        if removed:
            old_html.append(f"<del>{removed}</del>")
        if added:
            new_html.append(f"<ins>{added}</ins>")
    # Every piece was escaped above; only <del> and <ins> are markup.
    return mark_safe("".join(old_html)), mark_safe("".join(new_html))  # noqa: S308
