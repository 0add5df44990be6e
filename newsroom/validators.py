"""Checks of the text editors type into the fields readers see."""

import html
import re

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

# Characters no headline, name, caption or body of a Swedish or English news site has a use
# for, and which change what readers see of the text around them, or are not seen at all:
# - the explicit direction controls, embeddings and overrides (U+202A-U+202E) and isolates
#   (U+2066-U+2069): a right-to-left override in an author's name reverses the rest of the
#   byline and the page's title. Pages mark direction with HTML (dir, <bdi>), not with these;
# - invisible characters that split words for search or make two names look alike: the zero
#   width space, the word joiner and the invisible operators (U+200B, U+2060-U+2064), the
#   Mongolian vowel separator (U+180E), the byte-order mark pasted from a file (U+FEFF), the
#   deprecated format controls (U+206A-U+206F) and the interlinear annotations (U+FFF9-U+FFFB);
# - control characters but tab, line feed and carriage return: feeds cannot carry them (a line
#   break pasted from Word is a vertical tab, U+000B).
# Allowed, as text in other scripts needs them and none can reverse or hide any: the
# direction marks U+200E, U+200F and U+061C (they only place punctuation or digits beside
# right-to-left words), the joiners U+200C and U+200D (Persian spelling, emoji sequences), the
# soft hyphen (where a long compound may break) and the tag characters of flags such as
# Scotland's. Letters of any script, Arabic and Hebrew included, are of course allowed.
INVISIBLE_CHARACTERS = (
    # (the characters, as a regular expression's set; what the message calls them, translated)
    ("\x0b", pgettext_lazy("invisible character", "vertical tab")),
    ("\x0c", pgettext_lazy("invisible character", "form feed")),
    ("\x00-\x08\x0e-\x1f\x7f-\x9f", pgettext_lazy("invisible character", "control code")),
    ("\u180e", pgettext_lazy("invisible character", "Mongolian vowel separator")),
    ("\u200b", pgettext_lazy("invisible character", "zero-width space")),
    ("\u202a", pgettext_lazy("invisible character", "left-to-right embedding")),
    ("\u202b", pgettext_lazy("invisible character", "right-to-left embedding")),
    ("\u202c", pgettext_lazy("invisible character", "pop directional formatting")),
    ("\u202d", pgettext_lazy("invisible character", "left-to-right override")),
    ("\u202e", pgettext_lazy("invisible character", "right-to-left override")),
    ("\u2060", pgettext_lazy("invisible character", "word joiner")),
    ("\u2061-\u2064", pgettext_lazy("invisible character", "invisible mathematical operator")),
    ("\u2066", pgettext_lazy("invisible character", "left-to-right isolate")),
    ("\u2067", pgettext_lazy("invisible character", "right-to-left isolate")),
    ("\u2068", pgettext_lazy("invisible character", "first strong isolate")),
    ("\u2069", pgettext_lazy("invisible character", "pop directional isolate")),
    ("\u206a-\u206f", pgettext_lazy("invisible character", "deprecated format control")),
    ("\ufeff", pgettext_lazy("invisible character", "byte order mark")),
    ("\ufff9-\ufffb", pgettext_lazy("invisible character", "interlinear annotation mark")),
)
REFUSED = re.compile("[" + "".join(characters for characters, _name in INVISIBLE_CHARACTERS) + "]")
_DESCRIPTIONS = tuple(
    (re.compile(f"[{characters}]"), description) for characters, description in INVISIBLE_CHARACTERS
)
# A character reference, as Markdown reads it in a body: "&#x202E;" is the character itself.
CHARACTER_REFERENCE = re.compile(
    r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});"
)
# Errors listed one by one; beyond these, how many more.
LISTED = 5
EXCERPT_LENGTH = 30


def character_description(character):
    """What a refused character is, translated when shown: "right-to-left override"."""
    return next(
        description for pattern, description in _DESCRIPTIONS if pattern.fullmatch(character)
    )


def character_in_message(character):
    """A refused character as a message names it: "U+202E (right-to-left override)", lazily
    (a form's errors are made before the page's language may be known, and shown after)."""
    return format_lazy("U+{:04X} ({})", ord(character), character_description(character))


def without_invisible_characters(text):
    """Text without the characters REFUSED, for the places machines read (titles, meta tags,
    structured data, feeds): a vertical tab, form feed or next line becomes a space."""
    return REFUSED.sub(_space_or_nothing, text)


def _space_or_nothing(match):
    # These break a line (pasted from Word, or a C1 next line): the words either side stay two.
    return " " if match[0] in "\x0b\x0c\x85" else ""


def text_before(text, index):
    """The visible text just before a position, to find it by: the end of the last words."""
    words = REFUSED.sub("", text[:index]).split()
    kept = words[-1:]  # a last word longer than the excerpt is kept whole
    for word in reversed(words[:-1]):
        if len(" ".join([word, *kept])) > EXCERPT_LENGTH:
            break
        kept.insert(0, word)
    words = ("…" if len(kept) < len(words) else "") + " ".join(kept)
    # Isolated, so that a right-to-left excerpt leaves the message around it as it reads. The
    # isolates are this message's own, not text the editor typed.
    return f"\u2068{words}\u2069" if words else ""


def invisible_character_errors(text):
    """A ValidationError for each refused character in a text, first LISTED by position."""
    found = list(REFUSED.finditer(text))
    errors = []
    for match in found[:LISTED]:
        character, before = character_in_message(match[0]), text_before(text, match.start())
        if before:
            message = _(
                "Delete the invisible character %(character)s after “%(before)s”, for example "
                "by typing the words around it again. Characters like it can reverse or hide "
                "text on the site."
            )
        else:
            message = _(
                "Delete the invisible character %(character)s at the start of the text, for "
                "example by typing the first words again. Characters like it can reverse or "
                "hide text on the site."
            )
        errors.append(
            ValidationError(
                message,
                code="invisible_character",
                params={"character": character, "before": before},
            )
        )
    return errors + more_errors(len(found) - LISTED)


def more_errors(count):
    if count <= 0:
        return []
    message = ngettext_lazy(
        "The text holds %(count)s more invisible character like these.",
        "The text holds %(count)s more invisible characters like these.",
        "count",
    )
    return [ValidationError(message, code="invisible_character", params={"count": count})]


def validate_reader_text(value):
    """Refuse the direction controls and invisible characters that readers' text has no use for."""
    if errors := invisible_character_errors(value):
        raise ValidationError(errors)


def validate_markdown_text(value):
    """As validate_reader_text(), also for such characters written as a Markdown character
    reference ("&#x202E;"), which the page shows as the character itself."""
    errors = invisible_character_errors(value)
    references = [
        reference
        for reference in dict.fromkeys(CHARACTER_REFERENCE.findall(value))
        if REFUSED.search(html.unescape(reference))
    ]
    if references:
        # In code (`&#x202E;`) or escaped (\&#x202E;) a reference is shown as typed: only
        # one that the page shows as the character is refused.
        # Imported here: articles imports this module.
        from articles.markup import render_markdown

        shown = render_markdown(value)
        references = [
            reference
            for reference in references
            if REFUSED.search(html.unescape(reference))[0] in shown
        ]
    for reference in references[:LISTED]:
        message = _(
            "Delete “%(reference)s”: it stands for the invisible character %(character)s, "
            "which can reverse or hide text on the site."
        )
        character = character_in_message(REFUSED.search(html.unescape(reference))[0])
        errors.append(
            ValidationError(
                message,
                code="invisible_character",
                params={"reference": reference, "character": character},
            )
        )
    if errors:
        raise ValidationError(errors)


# What a browser would read as the start of a tag: "<" and a letter, "/" or "!" ("<b>", "</p>",
# "<!--"). A "<" before a digit, a space or a sign is text: "Inflation <2 %", "a < b", "<3".
HTML_TAG_START = re.compile(r"<[A-Za-z/!][^<>\s]*>?")


def validate_plain_text(value):
    """Refuse what looks like an HTML tag in a field readers see as plain text (a headline, a
    caption): the pages escape it, so readers would see the tag as typed."""
    tags = list(dict.fromkeys(HTML_TAG_START.findall(value)))
    if tags:
        raise ValidationError(
            _(
                "This field is plain text, so readers would see HTML such as %(found)s as "
                "typed. Write the words without tags; bold, italics and links belong in the "
                "body."
            ),
            code="html_in_plain_text",
            params={"found": ", ".join(f"“{tag}”" for tag in tags[:LISTED])},
        )
