"""Side effects of the articles app, as plain functions called by admin and commands."""

import hashlib
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.cache import CACHE_ERRORS, cache_outage, page_cache_purge
from newsroom.languages import in_each_language

from . import images
from .markup import render_markdown
from .models import (
    Article,
    ArticleViewDay,
    Author,
    Byline,
    Image,
    ImageRendition,
    Language,
    Section,
    article_history,
)


@transaction.atomic
def image_renditions_create(
    *, image: Image, rendered: list[images.RenderedImage] | None = None
) -> list[ImageRendition]:
    """Store every rendition of an image anew (once, on save; never during a page view).

    `rendered` are renditions already made of the image's file and source (the admin makes
    them while it checks the upload); without them they are made here. A rendition's name
    carries a digest of its content, so an address never serves two different pictures and
    renditions can be cached for good. If storing fails, none of the new files is kept.
    """
    # The rows of the old renditions go now, their files once this is committed (a signal in
    # models.py): until then pages and a rolled-back transaction still find them.
    image.renditions.all().delete()

    if rendered is None:
        image.file.open("rb")
        try:
            rendered = images.renditions(
                image.file,
                widths=settings.NEWSROOM_RENDITION_WIDTHS,
                digital_source_type=image.source_uri,
            )
        finally:
            image.file.close()
    # Short enough for the file field's 100 characters with folder, width, digest and the
    # suffix storage adds to a name already taken.
    stem = PurePath(image.file.name).stem[:40]
    renditions = []
    try:
        for picture in rendered:
            rendition = ImageRendition(
                image=image, format=picture.format, width=picture.width, height=picture.height
            )
            extension = "jpg" if picture.format == "jpeg" else picture.format
            digest = hashlib.sha256(picture.content).hexdigest()[:12]
            rendition.file.save(
                f"{stem}-{picture.width}-{digest}.{extension}",
                ContentFile(picture.content),
                save=False,
            )
            renditions.append(rendition)
        ImageRendition.objects.bulk_create(renditions)
    except Exception:
        # The transaction takes the rows back, not the files already written.
        for rendition in renditions:
            rendition.file.delete(save=False)
        raise
    image.rendition_index = [[r.format, r.width, r.height, r.file.name] for r in renditions]
    Image.objects.filter(pk=image.pk).update(rendition_index=image.rendition_index)
    image.__dict__.pop("rendition_sets", None)
    return renditions


def page_view_count(*, article_id: int, visitor: str | None) -> None:
    """Count one page view of an article today; a visitor is counted once a day per article."""
    today = timezone.localdate()
    new_visitor = 0
    # Who was counted today is in the cache: while it is down, the view still counts, the
    # visitor not (never twice).
    if visitor and not cache_outage.ongoing:
        key = "analytics:" + hashlib.sha256(f"{today}:{article_id}:{visitor}".encode()).hexdigest()
        try:
            new_visitor = int(cache.add(key, True, timeout=60 * 60 * 24))
        except CACHE_ERRORS:
            cache_outage.begin("analytics visitors")
    counts = {"views": F("views") + 1, "visitors": F("visitors") + new_visitor}
    if ArticleViewDay.objects.filter(article_id=article_id, date=today).update(**counts):
        return
    try:
        with transaction.atomic():
            ArticleViewDay.objects.create(
                article_id=article_id, date=today, views=1, visitors=new_visitor
            )
    except IntegrityError:  # another request created today's row first
        ArticleViewDay.objects.filter(article_id=article_id, date=today).update(**counts)


def free_slug(slug: str, *, language: str, exclude_pk: int | None = None) -> str:
    """The slug, or the first of slug-2, slug-3... no other article in the language has.

    Every address tried starts with the slug's first 190 characters (a long one is cut there),
    within the field's 200.
    """
    stem = slug[:190]
    others = Article.objects.filter(language=language, slug__startswith=stem)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    taken = set(others.values_list("slug", flat=True))
    suffix = 2
    while slug in taken:
        slug = f"{stem}-{suffix}"
        suffix += 1
    return slug


@dataclass(frozen=True)
class BylineChanges:
    """What article_byline_set() changed: rows added, rows given a new position, rows removed."""

    added: list[Byline]
    moved: list[Byline]
    removed: list[Byline]

    def __bool__(self):
        return bool(self.added or self.moved or self.removed)


@transaction.atomic
def article_byline_set(*, article: Article, authors: Sequence[Author]) -> BylineChanges:
    """Make the article's byline these authors, in this order (positions 1, 2, 3...).

    Rows of authors no longer named go first, then the others are added or moved: an author
    moved from one row to another never meets the one-row-per-author constraint half-way.
    Writes no revision: the caller does, once the article and its byline are both saved.
    """
    wanted = [author.pk for author in authors]
    if len(set(wanted)) != len(wanted):
        raise ValueError("An author can be named only once on a byline.")
    stored = {row.author_id: row for row in Byline.objects.filter(article=article)}
    removed = [row for author_id, row in stored.items() if author_id not in wanted]
    Byline.objects.filter(pk__in=[row.pk for row in removed]).delete()
    added, moved = [], []
    for position, author in enumerate(authors, start=1):
        row = stored.get(author.pk)
        if row is None:
            added.append(Byline(article=article, author=author, position=position))
        elif row.position != position:
            row.position = position
            moved.append(row)
    Byline.objects.bulk_create(added)
    Byline.objects.bulk_update(moved, ["position"])
    # What the article instance remembers of its byline is read again when next asked.
    article.__dict__.pop("byline", None)
    for name in ("bylines", "authors"):
        getattr(article, "_prefetched_objects_cache", {}).pop(name, None)
    return BylineChanges(added=added, moved=moved, removed=removed)


def article_translation_create(*, article: Article) -> tuple[Article, bool]:
    """A new draft of the story in the other language, linked to its original, ready to translate.

    Headline, lede, body and caption are copied for the translator to overwrite; the image,
    section and byline carry over. If the story exists in that language already, that version
    is returned instead. The second value says whether a new draft was made.
    """
    original = article.translation_of or article
    language = Language.other_than(article.language)
    if original.language == language:
        return original, False
    existing = original.translations_queryset().filter(language=language).first()
    if existing is not None:
        return existing, False
    translation = Article(
        language=language,
        headline=article.headline,
        slug=free_slug(article.slug, language=language),
        lede=article.lede,
        body=article.body,
        section=article.section,
        lead_image=article.lead_image,
        lead_image_caption=article.lead_image_caption,
        status=Article.Status.DRAFT,
        translation_of=original,
    )
    # One revision of the draft with its byline, as a new article in admin starts: not one
    # without the byline and a second that adds it.
    translation.skip_history_when_saving = True
    try:
        translation.save(force_insert=True)
        # In the original's order, read afresh: the editor may have just changed it.
        authors = [row.author for row in Byline.objects.filter(article=article)]
        article_byline_set(article=translation, authors=authors)
    finally:
        del translation.skip_history_when_saving
    article_history.create_historical_record(translation, "+")
    return translation, True


@contextmanager
def translations_unlinked_on_delete(*, articles):
    """Around a deletion of articles: the translations it keeps get a revision that says so.

    translation_of is SET_NULL: the database unlinks a kept translation without a save(), and
    its history would not show why it no longer has an original.
    """
    with transaction.atomic():
        kept = Article.objects.filter(translation_of__in=articles).exclude(pk__in=articles)
        unlinked = list(kept)
        yield
        for translation in unlinked:
            translation.translation_of = None
            article_history.create_historical_record(translation, "~")


def article_slug_redirect(*, article: Article, old_url: str, was_published: bool = True) -> None:
    """Keep an article's previous address working with a permanent redirect, when readers had
    it: the article was published there, or redirects lead there from earlier addresses.

    A draft's address is followed too once it was published: taken off the site (by a restored
    draft revision, say) and moved, it would leave its redirects leading to an address that no
    longer exists, rather than to where it is published again.
    """
    new_url = article.get_absolute_url()
    if old_url == new_url:
        return
    if (
        not was_published
        and not Redirect.objects.filter(site=Site.objects.get_current(), new_path=old_url).exists()
    ):
        return
    address_redirect(old_url=old_url, new_url=new_url)


SECTION_URL_NAMES = ("articles:section", "articles:section_feed_rss", "articles:section_feed_atom")


def section_slug_redirect(*, section: Section, old_slugs: Iterable[str]) -> None:
    """Keep a section's pages and feeds, in every language, at the addresses its former slugs
    (Swedish or English) gave them too."""
    # An address with one of its slugs now is the section's page's own, or redirected by it.
    for old_slug in sorted(set(old_slugs) - {"", section.slug, section.slug_en}):
        for url_name in SECTION_URL_NAMES:
            for language, old_url in in_each_language(url_name, slug=old_slug).items():
                address_redirect(old_url=old_url, new_url=section.url_in(language, url_name))


AUTHOR_URL_NAMES = ("articles:author", "articles:author_feed_rss", "articles:author_feed_atom")


def author_slug_redirect(*, author: Author, old_slug: str) -> None:
    """Keep an author's page and feeds, in every language, at the addresses its former slug
    gave them too."""
    if old_slug == author.slug:
        return
    for url_name in AUTHOR_URL_NAMES:
        new_urls = in_each_language(url_name, slug=author.slug)
        for language, old_url in in_each_language(url_name, slug=old_slug).items():
            address_redirect(old_url=old_url, new_url=new_urls[language])


@contextmanager
def redirects_to_removed_on_delete(pages):
    """Around a deletion: the redirects leading to the deleted pages' addresses (`pages`, read
    before it) go with them, in the same transaction.

    They would lead to a page that no longer exists, and whoever is given a deleted author's or
    section's slug next would take over its old links, and its former slugs with them.
    """
    with transaction.atomic():
        pages = list(pages)
        yield
        Redirect.objects.filter(site=Site.objects.get_current(), new_path__in=pages).delete()


def author_redirects_removed_on_delete(*, authors):
    """Around a deletion of authors: the redirects to their pages and feeds go with them."""
    slugs = list(authors.values_list("slug", flat=True))
    return redirects_to_removed_on_delete(
        url
        for slug in slugs
        for url_name in AUTHOR_URL_NAMES
        for url in in_each_language(url_name, slug=slug).values()
    )


def section_redirects_removed_on_delete(*, sections):
    """Around a deletion of sections: the redirects to their pages and feeds go with them."""
    return redirects_to_removed_on_delete(
        section.url_in(language, url_name)
        for section in list(sections)
        for url_name in SECTION_URL_NAMES
        for language in Language.values
    )


def address_redirect(*, old_url: str, new_url: str) -> None:
    """A permanent redirect from an address readers had to the one that replaced it."""
    if old_url == new_url:
        return
    site = Site.objects.get_current()
    # Earlier addresses jump straight to the new one, and a returning address is live again.
    Redirect.objects.filter(site=site, new_path=old_url).update(new_path=new_url)
    Redirect.objects.filter(site=site, old_path=new_url).delete()
    Redirect.objects.update_or_create(site=site, old_path=old_url, defaults={"new_path": new_url})


def article_publish(*, article: Article) -> Article:
    """Publish now, or at the article's publication time when one is set."""
    article.status = Article.Status.PUBLISHED
    article.published_at = article.published_at or timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    return article


def article_unpublish(*, article: Article) -> Article:
    """Take an article back to draft: readers no longer see it."""
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "updated_at"])
    return article


def deleted_articles():
    """The deletion revisions of articles deleted and not restored, newest deletion first.

    One row per article: its latest revision, when that is its deletion (an article restored
    and deleted again is listed once, by its last deletion). With section and deleting user.
    """
    history = article_history_model()
    later = history.objects.filter(id=OuterRef("id"), history_id__gt=OuterRef("history_id"))
    return (
        history.objects.filter(history_type="-")
        .exclude(Exists(later))
        .exclude(Exists(Article.objects.filter(pk=OuterRef("id"))))
        .select_related("section", "history_user")
        .order_by("-history_date", "-history_id")
    )


def article_history_model():
    return Article.history.model


class RestoreRefused(Exception):
    """The article cannot be restored as asked; the message says why, for the editor."""


@dataclass(frozen=True)
class TranslationRelink:
    """A version in another language that the article's deletion unlinked, and whether
    restoring the article links it again (`kept_apart` is None) or not, and why."""

    HAS_TRANSLATIONS = "has_translations"  # it has a translation of its own since
    LANGUAGE_TAKEN = "language_taken"  # in the article's language now, or another one's

    article: Article
    kept_apart: str | None = None

    @property
    def linked(self) -> bool:
        return self.kept_apart is None


@dataclass(frozen=True)
class RestorePlan:
    """What restoring a deleted article brings back, and what it cannot bring back.

    `slug` is the address the article comes back at: its own, or, when another article has
    taken it in that language since (`slug_taken_by`), the first free one after it.
    `missing_author_ids`, `section_missing`, `image_missing`: deleted since the article was.
    `original_id`: the article it was a translation of, when it was deleted or until that
    article's deletion unlinked it (`original_headline` names it, gone or not). `original`:
    that article, when it is restored as its translation again; `original_unlinked` when it
    is not, as `original` is deleted (`original_gone`), has another version in its language
    since (`original_taken_by`) or cannot be an original any more. `translations`: the
    versions its own deletion unlinked, each linked again or not.
    """

    historical: models.Model
    authors: list[Author]
    missing_author_ids: list[int]
    section: Section | None
    image: Image | None
    image_missing: bool
    original: Article | None
    original_unlinked: bool
    slug: str
    slug_taken_by: Article | None
    original_id: int | None = None
    original_headline: str = ""
    original_gone: bool = False
    original_taken_by: Article | None = None
    translations: list[TranslationRelink] = field(default_factory=list)

    @property
    def section_missing(self) -> bool:
        return self.section is None

    @property
    def had_byline(self) -> bool:
        """Whether any revision of the article had an author on its byline."""
        return bool(self.authors or self.missing_author_ids)

    @property
    def original_linked_again(self) -> bool:
        """Unlinked from its original by that one's deletion, and linked to it again now."""
        return self.original is not None and self.historical.translation_of_id is None


def unlinked_translations(*, historical) -> list[Article]:
    """The articles the deletion (`historical`) unlinked from the article, still unlinked.

    Each one's last revision before the deletion had the article as its original, it has no
    original now, and no revision since linked it to one: an editor's later choice stands.
    With `has_translations`, whether it has translations of its own now.
    """
    history = article_history_model()
    before = history.objects.filter(id=OuterRef("pk"), history_id__lt=historical.history_id)
    linked_since = history.objects.filter(
        id=OuterRef("pk"), history_id__gt=historical.history_id, translation_of__isnull=False
    )
    return list(
        Article.objects.filter(
            pk__in=history.objects.filter(
                translation_of=historical.id, history_id__lt=historical.history_id
            ).values("id"),
            translation_of__isnull=True,
        )
        .alias(
            original_before=Subquery(before.order_by("-history_id").values("translation_of")[:1])
        )
        .filter(original_before=historical.id)
        .exclude(Exists(linked_since))
        .annotate(has_translations=Exists(Article.objects.filter(translation_of=OuterRef("pk"))))
        .order_by("pk")
    )


def original_unlinked_by_its_deletion(*, historical) -> int | None:
    """The original the article was a translation of until that original's deletion unlinked
    it (before the article's own deletion, `historical`), or None."""
    revisions = article_history_model().objects.filter(id=historical.id)
    linked = (
        revisions.filter(translation_of__isnull=False, history_id__lt=historical.history_id)
        .order_by("-history_id")
        .values_list("history_id", "translation_of")
        .first()
    )
    if linked is None:
        return None
    linked_id, original_id = linked
    # The revision that unlinked it (translations_unlinked_on_delete's), or, unlinked by the
    # database alone, the next one written: the original's deletion comes between.
    unlinked_id = (
        revisions.filter(history_id__gt=linked_id)
        .order_by("history_id")
        .values_list("history_id", flat=True)
        .first()
    )
    deleted_between = article_history_model().objects.filter(
        id=original_id, history_type="-", history_id__gt=linked_id, history_id__lt=unlinked_id
    )
    return original_id if deleted_between.exists() else None


def article_restore_plan(*, historical) -> RestorePlan:
    """What article_restore() would do with this deletion revision now (nothing is written)."""
    article_id = historical.id
    # The byline of the last revision that has one: the deletion's own has none (the
    # database removes the byline rows before the article's, whose revision is written last).
    bylines = article_history.m2m_models[Article._meta.get_field("authors")].objects
    revision_id = (
        bylines.filter(history__id=article_id)
        .order_by("-history__history_date", "-history_id")
        .values_list("history_id", flat=True)
        .first()
    )
    author_ids = list(
        bylines.filter(history_id=revision_id)
        .order_by("position", "author")
        .values_list("author_id", flat=True)
    )
    found = Author.objects.in_bulk(author_ids)
    section = Section.objects.filter(pk=historical.section_id).first()
    image = None
    if historical.lead_image_id is not None:
        image = Image.objects.filter(pk=historical.lead_image_id).first()

    translations = unlinked_translations(historical=historical)
    original_id = historical.translation_of_id
    if original_id is None and not translations:
        # An original with translations when it was deleted comes back as one.
        original_id = original_unlinked_by_its_deletion(historical=historical)
    original = taken_by = None
    original_headline = ""
    if original_id is not None:
        original = Article.objects.filter(pk=original_id).first()
        if original is not None:
            original_headline = original.headline
            taken_by = original.translations.filter(language=historical.language).first()
        else:
            original_headline = (
                article_history_model()
                .objects.filter(id=original_id)
                .order_by("-history_id")
                .values_list("headline", flat=True)
                .first()
                or ""
            )
    keeps_original = (
        original is not None
        and original.translation_of_id is None
        and original.language != historical.language
        and taken_by is None
        and not translations
    )

    languages = {historical.language}
    relinks = []
    for translation in translations:
        kept_apart = None
        if translation.has_translations:
            kept_apart = TranslationRelink.HAS_TRANSLATIONS
        elif translation.language in languages:
            kept_apart = TranslationRelink.LANGUAGE_TAKEN
        else:
            languages.add(translation.language)
        relinks.append(TranslationRelink(article=translation, kept_apart=kept_apart))

    slug_taken_by = Article.objects.filter(
        language=historical.language, slug=historical.slug
    ).first()
    slug = historical.slug
    if slug_taken_by is not None:
        slug = free_slug(historical.slug, language=historical.language)
    return RestorePlan(
        historical=historical,
        authors=[found[pk] for pk in author_ids if pk in found],
        missing_author_ids=[pk for pk in author_ids if pk not in found],
        section=section,
        image=image,
        image_missing=historical.lead_image_id is not None and image is None,
        original=original if keeps_original else None,
        original_unlinked=original_id is not None and not keeps_original,
        slug=slug,
        slug_taken_by=slug_taken_by,
        original_id=original_id,
        original_headline=original_headline,
        original_gone=original_id is not None and original is None,
        original_taken_by=taken_by,
        translations=relinks,
    )


@transaction.atomic
def article_restore(
    *, historical, by, section: Section | None = None, author: Author | None = None
) -> tuple[Article, RestorePlan]:
    """Bring a deleted article back from its deletion revision, as a draft, with its byline.

    Its last saved text, slug (or a free one), section, lead image and translation link, each
    as far as it still exists: a section deleted since is replaced by `section`, a byline whose
    authors were all deleted since, or that had none, by `author` (RestoreRefused without
    them). The versions in other languages its deletion unlinked are linked to it again, as
    far as they can be (see RestorePlan). A draft, so that a restored article reaches readers
    only when an editor publishes it again; its publication time is kept for that. Writes a
    revision saying it was restored, by `by`, and one on each version linked again.
    """
    if Article.objects.filter(pk=historical.id).exists():
        raise RestoreRefused(_("This article has been restored already."))
    plan = article_restore_plan(historical=historical)
    section = plan.section or section
    if section is None:
        raise RestoreRefused(
            _("The article's section has been deleted since. Choose a section for it.")
        )
    authors = plan.authors or ([author] if author is not None else [])
    if not authors:
        raise RestoreRefused(
            _("Every author on the article's byline has been deleted since. Choose an author.")
            if plan.had_byline
            else _("The article had no author on its byline. Choose an author.")
        )
    article = historical.instance
    # Not a revision being restored (simple-history's form, ArticleAdmin.save_model): a new row.
    del article._history
    article.status = Article.Status.DRAFT
    article.slug = plan.slug
    article.section = section
    article.lead_image = plan.image
    if plan.image_missing:
        # The caption describes a picture that is gone: it stays in the history.
        article.lead_image_caption = ""
    article.translation_of = plan.original
    # One revision of the restored article with its byline, written below.
    article.skip_history_when_saving = True
    try:
        article.save(force_insert=True)
        article_byline_set(article=article, authors=authors)
    finally:
        del article.skip_history_when_saving
    # created_at is set on every insert: the article keeps the one it had.
    Article.objects.filter(pk=article.pk).update(created_at=historical.created_at)
    article.created_at = historical.created_at
    article._history_user = by
    # Stored as text, in the language of the editor who restored it.
    article._change_reason = str(_("Restored after deletion"))
    article_history.create_historical_record(article, "+")
    del article._history_user, article._change_reason
    # The versions its deletion unlinked point at it again, each with a revision saying so.
    relinked = [relink.article.pk for relink in plan.translations if relink.linked]
    for translation in Article.objects.select_for_update().filter(
        pk__in=relinked, translation_of__isnull=True
    ):
        translation.translation_of = article
        translation._history_user = by
        translation._change_reason = str(_("Linked again to its restored original"))
        # updated_at too: a form opened on the unlinked version is refused, not saved over it.
        translation.save(update_fields=["translation_of", "updated_at"])
    return article, plan


# Bodies read and written at a time by article_bodies_render().
BODIES_BATCH_SIZE = 500


def article_bodies_render(
    *, articles: models.QuerySet, keep: Callable[[str], bool] | None = None
) -> int:
    """Write body_html anew where the renderer now makes other HTML of a stored body; the
    number written. For a migration after a change to the renderer: `articles` (of its
    historical model, which has no save()) are the bodies the change can touch, and `keep`, if
    given, says which new HTML to write.

    Read in batches by key rather than through one cursor: the table is written to while it is
    read. bulk_update() leaves updated_at (the admin's edit-conflict check) and the revision
    history alone: the body the editor wrote is unchanged. The page cache is purged when any
    body changes, so no copy of a page keeps the old one.
    """
    articles = articles.only("language", "body", "body_html").order_by("pk")
    written = 0
    last_pk = 0
    while batch := list(articles.filter(pk__gt=last_pk)[:BODIES_BATCH_SIZE]):
        last_pk = batch[-1].pk
        changed = []
        for article in batch:
            html = render_markdown(article.body, language=article.language)
            if html != article.body_html and (keep is None or keep(html)):
                article.body_html = html
                changed.append(article)
        if changed:
            articles.model.objects.using(articles.db).bulk_update(
                changed, ["body_html"], batch_size=100
            )
            written += len(changed)
    if written:
        page_cache_purge()
    return written
