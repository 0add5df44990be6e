"""Article bodies: Markdown typed by editors, rendered to HTML that cannot carry markup of theirs."""

import re
import unicodedata
from functools import cache, partial
from urllib.parse import unquote, urlsplit

from django.utils.text import slugify
from django.utils.translation import gettext, override
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_block.table import escapedSplit


def _heading_levels(state):
    # The page's only h1 is the headline: a "# " in the body becomes a subheading (h2). No
    # level is skipped either, as screen readers list the headings as the article's outline:
    # "### " first is an h2, and a subheading is at most one level below the one before it.
    previous = 1
    for token in state.tokens:
        if token.type == "heading_open":
            previous = min(max(int(token.tag[1]), 2), previous + 1)
            token.tag = f"h{previous}"
        elif token.type == "heading_close":
            token.tag = f"h{previous}"


def _label_column_headers(state):
    # A pipe table's header row is its only row of <th>: say so to assistive technology.
    for token in state.tokens:
        if token.type == "th_open":
            token.attrSet("scope", "col")


# Before each subheading's id, in the article's language, so that none is one of the page's
# own ("main", "content"). Not translated through gettext: a changed translation would change
# every id, and break the links to them, without a body being saved.
HEADING_ID_PREFIXES = {"sv": "avsnitt-", "en": "section-"}


def heading_slug(text):
    """A subheading's or a fragment link's part of an id: "Åtgärder i år" is "atgarder-i-ar"."""
    return slugify(unquote(text))


def _heading_slugs(tokens):
    """Each subheading's opening token with its slug, the same whenever the body is rendered:
    the first of two alike is "bakgrund", the second "bakgrund-2"."""
    slugs, taken = [], set()
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            words = "".join(
                child.content
                for child in _inline_tokens(tokens[index + 1].children or ())
                if child.type in ("text", "code_inline")
            )
            slug = heading_slug(words) or "rubrik"
            unique, number = slug, 1
            while unique in taken:
                number += 1
                unique = f"{slug}-{number}"
            taken.add(unique)
            slugs.append((token, unique))
    return slugs


def _heading_ids(state, *, prefix):
    # Each subheading gets an id from its words, and a link to "#its-words" (or "#Its words"
    # as typed) leads to it.
    slugs = _heading_slugs(state.tokens)
    for token, slug in slugs:
        token.attrSet("id", prefix + slug)
    targets = {slug for _token, slug in slugs}
    for token in _inline_tokens(state.tokens):
        if token.type == "link_open":
            href = str(token.attrGet("href"))
            if href.startswith("#") and heading_slug(href[1:]) in targets:
                token.attrSet("href", f"#{prefix}{heading_slug(href[1:])}")


def _count_tables(state):
    # The renderer names each table's box by this count (see _scrolling_table).
    state.env["tables"] = sum(token.type == "table_open" for token in state.tokens)


def _scrolling_table(label, numbered_label):
    # A table wider than a phone scrolls sideways in a box of its own, not the page. The box
    # takes the keyboard focus, so that it can be scrolled without a pointer, and a region
    # that takes focus needs a name (axe-core: scrollable-region-focusable). Two regions of one
    # name are one landmark to a screen reader's list of them (axe-core: landmark-unique): the
    # tables of a body with several are numbered.

    def table_open(self, tokens, idx, options, env):
        name = label
        if env.get("tables", 1) > 1:
            env["table_number"] = number = env.get("table_number", 0) + 1
            name = numbered_label % {"number": number}
        opening = (
            '<div class="table-scroll" role="region" tabindex="0" '
            f'aria-label="{escapeHtml(name)}">\n'
        )
        return opening + self.renderToken(tokens, idx, options, env)

    def table_close(self, tokens, idx, options, env):
        return self.renderToken(tokens, idx, options, env) + "</div>\n"

    return table_open, table_close


# Typographic quotes by language: Swedish uses ”…” and ’…’, English “…” and ‘…’.
QUOTES = {"sv": "””’’", "en": "“”‘’"}


@cache
def _renderer(language):
    # "html": False escapes any HTML an editor types; markdown-it's link validation refuses
    # javascript:, vbscript:, file: and data: addresses. Images come from the image library,
    # never from an address in the text, so no third-party host is ever contacted.
    md = MarkdownIt(
        "commonmark",
        {"html": False, "typographer": True, "quotes": QUOTES.get(language, QUOTES["sv"])},
    )
    # Tables: GFM pipe tables. Column alignment comes out as a style attribute, which the
    # Content Security Policy allows (style-src 'unsafe-inline', for images' focal points).
    md.enable(["replacements", "smartquotes", "strikethrough", "table"])
    md.disable("image")
    # A paragraph indented by four spaces (text pasted from an e-mail often is) stays a
    # paragraph: news articles hold no code, and a code block would be monospace and unwrapped.
    md.disable("code")
    md.core.ruler.push("heading_levels", _heading_levels)
    md.core.ruler.push("label_column_headers", _label_column_headers)
    prefix = HEADING_ID_PREFIXES.get(language, HEADING_ID_PREFIXES["sv"])
    md.core.ruler.push("heading_ids", partial(_heading_ids, prefix=prefix))
    md.core.ruler.push("count_tables", _count_tables)
    # The article's language, not the one of whoever saves it (an editor in the admin).
    with override(language):
        table_open, table_close = _scrolling_table(
            gettext("Table"),
            # Translators: the name of one of several tables in an article, for screen readers.
            gettext("Table %(number)s"),
        )
    md.add_render_rule("table_open", table_open)
    md.add_render_rule("table_close", table_close)
    return md


def render_markdown(text: str, *, language: str = "sv") -> str:
    """Render an editor's Markdown to safe HTML: paragraphs, subheadings, links, lists, tables."""
    return _renderer(language).render(text or "")


@cache
def _inspector():
    # Finds what the renderer leaves out: images, links whatever their address, and HTML (the
    # CommonMark preset reads it as such).
    md = MarkdownIt("commonmark")
    # As the renderer: a table's cells are split at their pipes, and indented text is text.
    md.enable(["strikethrough", "table"])
    md.disable("code")
    md.validateLink = lambda url: True
    return md


def _inline_tokens(tokens):
    for token in tokens:
        yield token
        yield from _inline_tokens(token.children or ())


# An HTML tag or comment as the inspector's html_block and html_inline tokens hold them.
HTML_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^>]*>", re.S)


# What comes before a table row's first cell on its line: indentation and blockquote markers.
ROW_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)*[ \t]*")
# The line breaks Markdown knows (markdown-it's own normalisation): token.map numbers lines so.
# Not str.splitlines(), which also breaks at the line and page separators pasted text can hold.
LINE_BREAK = re.compile(r"\r\n?|\n")


def _cells_beyond_the_columns(tokens, lines):
    """The text of the cells right of a table's last column, which GFM drops without a word.

    A table has the header row's columns; a row with more cells loses the rest. They are read
    again from the row's line as markdown-it splits it (a pipe after a backslash is text).
    """
    columns, dropped = 0, []
    for token in tokens:
        if token.type == "thead_open":
            columns = 0
        elif token.type == "th_open":
            columns += 1
        elif token.type == "tr_open" and token.map and columns:
            cells = escapedSplit(ROW_PREFIX.sub("", lines[token.map[0]]).strip())
            if cells and cells[0] == "":
                cells.pop(0)
            if cells and cells[-1] == "":
                cells.pop()
            dropped.extend(cell.strip() for cell in cells[columns:] if cell.strip())
    return dropped


# A host name (with a dot, or localhost) and a port, with no scheme before them: a browser
# reads "www.riksbank.se:" as the scheme of an address it cannot open. The schemes articles
# link with have no dot ("https:", "mailto:"); the number after "tel:" is no host's port.
HOST_AND_PORT = re.compile(r"(?:localhost|[^:/?#]*\.[^:/?#]*):[0-9]+(?:[/?#]|$)", re.IGNORECASE)


def _leads_somewhere(href):
    """Whether a link's address is the same from every page: a full one, one on this site
    ("/…"), or a part of the page ("#…").

    Without a scheme ("www.riksbank.se"), or with http(s) but no host ("https:/riksbank.se"),
    a browser reads the address as relative to the article's, a page of this site that does
    not exist; a host and a port ("www.riksbank.se:8080/…") as one of an unknown scheme.
    """
    if href.startswith(("/", "#")):
        return True
    if HOST_AND_PORT.match(href):
        return False
    address = urlsplit(href)
    if address.scheme in ("http", "https"):
        return bool(address.netloc)
    return bool(address.scheme)


def markup_readers_would_not_get(
    text: str,
) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
    """The images, the link addresses refused, the link addresses that lead nowhere, the HTML
    and the table cells that render_markdown() does not give readers as the editor meant.

    Images, refused links and HTML come out as plain text on the page, links that lead nowhere
    as broken links, the cells not at all, so an editor should hear of them before saving.
    """
    allowed = _renderer("sv").validateLink
    inspector = _inspector()
    tokens = inspector.parse(text or "")
    images, links, nowhere, html = [], [], [], []
    for token in _inline_tokens(tokens):
        if token.type == "image":
            images.append(str(token.attrGet("src")))
        elif token.type == "link_open":
            href = str(token.attrGet("href"))
            if not allowed(href):
                links.append(href)
            elif not _leads_somewhere(href):
                # As typed, not percent-encoded as markdown-it stores it.
                nowhere.append(inspector.normalizeLinkText(href))
        elif token.type in ("html_block", "html_inline"):
            html.extend(tag for tag in HTML_TAG.findall(token.content) if tag not in html)
    cells = _cells_beyond_the_columns(tokens, LINE_BREAK.split(text or ""))
    return images, links, nowhere, html, cells


def fragment_links_without_heading(text: str) -> list[str]:
    """The links to a part of the article ("#bakgrund") that no subheading of it is named for,
    as typed: they would lead nowhere."""
    inspector = _inspector()
    tokens = inspector.parse(text or "")
    targets = {slug for _token, slug in _heading_slugs(tokens)}
    found = []
    for token in _inline_tokens(tokens):
        if token.type == "link_open":
            href = str(token.attrGet("href"))
            if href.startswith("#") and heading_slug(href[1:]) not in targets:
                typed = inspector.normalizeLinkText(href)
                if typed not in found:
                    found.append(typed)
    return found


def links_without_words(text: str) -> list[str]:
    """The addresses of the links with nothing to read between their brackets ("[](…)"), as
    typed: readers would see nothing to click, and screen readers could not name the link."""
    inspector = _inspector()
    found, words, href = [], None, ""
    for token in _inline_tokens(inspector.parse(text or "")):
        if token.type == "link_open":
            words, href = [], str(token.attrGet("href"))
        elif token.type == "link_close" and words is not None:
            visible = "".join(c for c in "".join(words) if unicodedata.category(c) != "Cf")
            typed = inspector.normalizeLinkText(href)
            if not visible.strip() and typed not in found:
                found.append(typed)
            words = None
        elif words is not None:
            # Text, code and a picture's description are what a link shows (the renderer
            # shows a picture's Markdown as typed).
            words.append(token.content or "")
    return found
