"""Load the demo newsroom: sections, authors, pictures, articles and an editor account."""

import os
import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.demo import content, drawings
from articles.models import Article, Author, Image, Section, article_history
from articles.services import article_byline_set, image_renditions_create
from newsroom.cache import page_cache_purge

EDITOR_USERNAME = "redaktor"
PRIVACY_OFFICER_USERNAME = "integritet"
PASSWORD_VARIABLE = "NEWSROOM_DEMO_PASSWORD"  # noqa: S105 - the name of a variable
# Published on purpose: the local demo's login, refused outside the local demo.
DEFAULT_PASSWORD = "newsroom-demo"  # noqa: S105


def image_file_stem(drawing):
    return f"newsroom-demo-{drawing}"


def demo_image_lookup(drawing):
    """The stored demo picture for a drawing, whatever date folder or suffix storage gave it."""
    # FileSystemStorage appends "_" and seven characters when the name is taken.
    pattern = rf"(^|/){re.escape(image_file_stem(drawing))}(_[A-Za-z0-9]{{7}})?\.jpg$"
    return Image.objects.filter(file__regex=pattern).order_by("pk").first()


def validated(instance, *, exclude=None):
    """The demo row, checked by its model's validation (full_clean), as an editor's form
    checks what they type: the demo shows nothing an editor could not save."""
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        problems = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
        raise CommandError(
            f"The demo {instance._meta.model_name} {str(instance)!r} is not valid: {problems}"
        ) from error
    return instance


class Command(BaseCommand):
    help = (
        "Load the demo sections, authors, images and articles and the demo editor account. "
        "Running it again adds nothing twice; demo rows are brought back to their demo state."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo content even though settings.LOCAL_DEMO is off.",
        )

    def handle(self, *args, force=False, **options):
        if not settings.LOCAL_DEMO and not force:
            raise CommandError(
                "Refusing to load demo content: settings.LOCAL_DEMO is off, so this looks like a "
                "real site. Use --force if you really want demo articles here."
            )
        password = os.environ.get(PASSWORD_VARIABLE)
        if password is None and not settings.LOCAL_DEMO:
            # A staff account with a published password must never appear on a real site.
            raise CommandError(
                f"Set {PASSWORD_VARIABLE}: the default demo password is for the local demo only."
            )

        with transaction.atomic():
            sections = self.load_sections()
            authors = self.load_authors()
            images, new_images = self.load_images()
            articles, new_articles = self.load_articles(sections, authors, images)
            editor_created = self.load_editor(password or DEFAULT_PASSWORD)
            self.load_privacy_officer(password or DEFAULT_PASSWORD)
        page_cache_purge()

        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content: {len(articles)} articles ({new_articles} new), "
                f"{len(images)} images ({new_images} new), {len(sections)} sections, "
                f"{len(authors)} authors."
            )
        )
        shown = "from $" + PASSWORD_VARIABLE if password else DEFAULT_PASSWORD
        state = "created" if editor_created else "updated"
        self.stdout.write(
            f"Demo editor ({state}): log in at /admin/ as {EDITOR_USERNAME}, password {shown}."
        )
        self.stdout.write(
            f"Demo privacy officer: log in at /admin/ as {PRIVACY_OFFICER_USERNAME}, "
            f"password {shown}."
        )

    def load_sections(self):
        return self.load_by_slug(Section, content.SECTIONS)

    def load_authors(self):
        return self.load_by_slug(Author, content.AUTHORS)

    @staticmethod
    def load_by_slug(model, rows):
        """Rows keyed by their slug, created or brought back to their demo values."""
        loaded = {}
        for fields in rows:
            row = model.objects.filter(slug=fields["slug"]).first() or model()
            for key, value in fields.items():
                setattr(row, key, value)
            validated(row).save()
            loaded[row.slug] = row
        return loaded

    def load_images(self):
        images, created = {}, 0
        for fields in content.IMAGES:
            drawing = fields["drawing"]
            details = {key: value for key, value in fields.items() if key != "drawing"}
            image = demo_image_lookup(drawing)
            if image is None:
                upload = ContentFile(
                    drawings.jpeg_bytes(drawing), name=f"{image_file_stem(drawing)}.jpg"
                )
                image = validated(Image(file=upload, **details))
                image.save(force_insert=True)
                image_renditions_create(image=image)
                created += 1
            else:
                for key, value in details.items():
                    setattr(image, key, value)
                # Its file is the stored one, not changed here (and not opened to be measured).
                validated(image, exclude=["file"]).save(update_fields=list(details))
            images[drawing] = image
        return images, created

    def load_articles(self, sections, authors, images):
        articles, created_count = {}, 0
        now = timezone.now()
        # Originals first, so every translation finds the article it translates.
        ordered = sorted(content.ARTICLES, key=lambda entry: "translation_of" in entry)
        for entry in ordered:
            published_at = entry["published_at"]
            relative = isinstance(published_at, timedelta)
            if relative:
                published_at = now + published_at
            original = entry.get("translation_of")
            # The texts as the article form stores them (stripped): an editor's save of an
            # untouched demo article changes nothing then.
            values = {
                "headline": entry["headline"].strip(),
                "lede": entry["lede"].strip(),
                "body": entry["body"].strip(),
                "section_id": sections[entry["section"]].pk,
                "status": entry["status"],
                "published_at": published_at,
                "lead_image_id": images[entry["image"]].pk,
                "lead_image_caption": entry["caption"].strip(),
                "translation_of_id": articles[("sv", original)].pk if original else None,
            }
            lookup = {"language": entry["language"], "slug": entry["slug"]}
            article = Article.objects.filter(**lookup).first()
            created = article is None
            if created:
                article = validated(Article(**lookup, **values))
                article.save(force_insert=True)
            else:
                if relative and article.published_at is not None and article.published_at > now:
                    # Still to come, as the demo wants it: kept, not moved on by every run.
                    values["published_at"] = article.published_at
                changed = {
                    name: value for name, value in values.items() if getattr(article, name) != value
                }
                for name, value in changed.items():
                    setattr(article, name, value)
                validated(article)
                # Saved (and a revision written) only to bring back what was changed since.
                if changed:
                    article.save()
            byline = [authors[slug] for slug in entry["authors"]]
            if article_byline_set(article=article, authors=byline):
                # As an editor's change of the byline would: a revision with it.
                article_history.create_historical_record(article, "~")
            articles[(article.language, article.slug)] = article
            created_count += created
        return articles, created_count

    def load_editor(self, password):
        """The demo editor: staff, not superuser, in the "Editor" role."""
        # The role and its permissions come from a migration of the articles app.
        return self.load_staff_user(EDITOR_USERNAME, password, role="Editor")

    def load_privacy_officer(self, password):
        """The demo privacy officer: consent records and cookie groups, nothing editorial."""
        # The group and its permissions come from a migration of the consent app.
        return self.load_staff_user(PRIVACY_OFFICER_USERNAME, password, role="Privacy officer")

    def load_staff_user(self, username, password, *, role):
        """A demo staff user whose permissions are their role's alone; True when created."""
        user, created = get_user_model().objects.get_or_create(username=username)
        user.is_staff = True
        user.is_superuser = False
        user.is_active = True
        # Set every time, so the login the command prints always works.
        user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get(name=role)])
        # A permission given to the user by hand would outlive the role: the role decides.
        user.user_permissions.clear()
        return created
