"""Bylines in the order editors choose: the lead reporter first, wherever a byline is shown."""

import json
import re
import xml.etree.ElementTree as ET

from django.contrib.auth.models import Group, User
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import ProtectedError
from django.test import TestCase, TransactionTestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import override

from articles.models import Article, Author, Byline
from articles.services import article_byline_set, article_translation_create
from consent.texts import current_digest
from tests.factories import article_form_data, make_article, make_author, make_section

ATOM = "{http://www.w3.org/2005/Atom}"
# The admin speaks the site's first language, Swedish, as editors see it.
BYLINE_KEPT = "Om du återställer den här versionen behåller artikeln sin nuvarande byline."
NO_AUTHOR = "En artikel måste ha minst en skribent i bylinen."
DC = "{http://purl.org/dc/elements/1.1/}"


def names_in(text, *names):
    """The names, in the order they first appear in the text."""
    return sorted(names, key=text.index)


def make_editor(username="redaktor"):
    editor = User.objects.create_user(username, is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    return editor


class BylineModelTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        # Named so that alphabetical order is never the byline's order.
        cls.anna = make_author(name="Anna Berg")
        cls.bo = make_author(name="Bo Ek")
        cls.cecilia = make_author(name="Cecilia Dahl")

    def test_the_byline_lists_authors_by_position_not_by_name(self):
        article = make_article(authors=[self.cecilia, self.anna, self.bo])
        self.assertEqual(article.byline, [self.cecilia, self.anna, self.bo])
        self.assertEqual(list(article.bylines.values_list("position", flat=True)), [1, 2, 3])

    def test_the_byline_is_one_query_ordered_by_position(self):
        article = make_article(authors=[self.bo, self.anna])
        article = Article.objects.get(pk=article.pk)
        with self.assertNumQueries(1) as queries:
            byline = article.byline
        self.assertEqual(byline, [self.bo, self.anna])
        self.assertIn("ORDER BY", queries.captured_queries[0]["sql"])

    def test_reordering_keeps_the_rows_of_authors_still_on_the_byline(self):
        article = make_article(authors=[self.anna, self.bo])
        rows = dict(article.bylines.values_list("author", "pk"))

        changes = article_byline_set(article=article, authors=[self.bo, self.anna])

        self.assertEqual(article.byline, [self.bo, self.anna])
        self.assertEqual(dict(article.bylines.values_list("author", "pk")), rows)
        self.assertEqual((changes.added, changes.removed), ([], []))
        self.assertEqual(len(changes.moved), 2)

    def test_a_new_byline_is_read_afresh_after_a_prefetch(self):
        make_article(authors=[self.anna, self.bo])
        article = Article.objects.prefetch_related("bylines").get()
        self.assertEqual(article.byline, [self.anna, self.bo])
        article_byline_set(article=article, authors=[self.bo, self.anna])
        self.assertEqual(article.byline, [self.bo, self.anna])

    def test_a_byline_can_replace_and_reorder_authors_at_once(self):
        article = make_article(authors=[self.anna, self.bo])
        article_byline_set(article=article, authors=[self.cecilia, self.bo])
        self.assertEqual(article.byline, [self.cecilia, self.bo])
        self.assertEqual(list(article.authors.order_by("name")), [self.bo, self.cecilia])

    def test_an_author_is_on_a_byline_only_once(self):
        article = make_article(authors=[self.anna])
        with self.assertRaises(ValueError):
            article_byline_set(article=article, authors=[self.bo, self.bo])
        with self.assertRaises(IntegrityError), transaction.atomic():
            Byline.objects.create(article=article, author=self.anna, position=2)
        self.assertEqual(article.byline, [self.anna])

    def test_an_author_on_a_byline_is_not_deleted_from_anywhere(self):
        # Not from the admin alone: from the shell, a script or a cascade too, since deleting
        # the author would take the name off published articles' bylines, unrecorded.
        article = make_article(authors=[self.anna, self.bo])
        with self.assertRaises(ProtectedError):
            self.anna.delete()
        with self.assertRaises(ProtectedError):
            Author.objects.filter(pk__in=[self.anna.pk, self.cecilia.pk]).delete()
        self.assertEqual(article.byline, [self.anna, self.bo])
        # All or nothing: the author on no byline, deleted with the other, is still there.
        self.assertTrue(Author.objects.filter(pk=self.cecilia.pk).exists())

    def test_an_author_on_no_byline_is_deleted(self):
        make_article(authors=[self.anna])
        self.bo.delete()
        self.assertFalse(Author.objects.filter(pk=self.bo.pk).exists())

    def test_a_deleted_article_takes_its_byline_but_not_its_authors_or_its_revisions(self):
        article = make_article(authors=[self.bo, self.anna])
        article_pk, revision = article.pk, article.history.latest()
        article.delete()
        self.assertFalse(Byline.objects.filter(article_id=article_pk).exists())
        self.assertEqual(Author.objects.count(), 3)
        # The revision still names the byline, in order: what restoring the article reads.
        self.assertEqual(
            list(revision.authors.order_by("position").values_list("author", flat=True)),
            [self.bo.pk, self.anna.pk],
        )
        # On no byline now, its authors may go; the revision keeps their IDs.
        bo_pk = self.bo.pk
        self.bo.delete()
        self.assertEqual(
            list(revision.authors.order_by("position").values_list("author_id", flat=True)),
            [bo_pk, self.anna.pk],
        )

    def test_a_translation_keeps_the_byline_in_its_order(self):
        original = make_article(authors=[self.bo, self.cecilia, self.anna])
        translation, created = article_translation_create(article=original)
        self.assertTrue(created)
        self.assertEqual(translation.byline, [self.bo, self.cecilia, self.anna])
        [revision] = translation.history.all()
        self.assertEqual(
            list(revision.authors.order_by("position").values_list("author", flat=True)),
            [self.bo.pk, self.cecilia.pk, self.anna.pk],
        )


class BylineMigrationTests(TransactionTestCase):
    """Migration 0015 keeps every byline, and every revision's, in the order pages showed."""

    # No serialized_rollback: its rows are loaded before each test on top of what the flush
    # of an earlier transactional test made again (content types), which PostgreSQL refuses.
    before = [("articles", "0014_section_slug_en")]
    after = [("articles", "0015_byline_order")]

    def migrate(self, targets):
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(targets)
        return executor.loader.project_state(targets).apps

    def tearDown(self):
        self.migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        super().tearDown()

    def test_existing_bylines_and_revisions_are_kept_in_alphabetical_order(self):
        apps = self.migrate(self.before)
        Author = apps.get_model("articles", "Author")
        Article = apps.get_model("articles", "Article")
        Section = apps.get_model("articles", "Section")
        HistoricalArticle = apps.get_model("articles", "HistoricalArticle")
        OldHistoricalByline = apps.get_model("articles", "HistoricalArticle_authors")
        bo, anna, cecilia = (
            Author.objects.create(name=name, slug=name.split()[0].lower())
            for name in ("Bo Ek", "Anna Berg", "Cecilia Dahl")
        )
        section = Section.objects.create(slug="inrikes", name_sv="Inrikes", name_en="Sweden")
        article = Article.objects.create(
            headline="Rubrik", slug="rubrik", lede="Ingress.", body="Text.", section=section
        )
        article.authors.set([cecilia, bo, anna])
        other = Article.objects.create(
            headline="Annan", slug="annan", lede="Ingress.", body="Text.", section=section
        )
        other.authors.set([bo])
        revision = HistoricalArticle.objects.create(
            id=article.pk,
            headline="Rubrik",
            slug="rubrik",
            lede="Ingress.",
            body="Text.",
            section_id=section.pk,
            language="sv",
            status="draft",
            created_at=article.created_at,
            history_date=article.created_at,
            history_type="~",
        )
        # 4242: an author deleted since.
        for row_id, author_id in enumerate((cecilia.pk, 4242, bo.pk), start=100):
            OldHistoricalByline.objects.create(
                id=row_id, history=revision, article_id=article.pk, author_id=author_id
            )

        apps = self.migrate(self.after)

        Byline = apps.get_model("articles", "Byline")
        HistoricalByline = apps.get_model("articles", "HistoricalByline")
        self.assertEqual(
            list(
                Byline.objects.filter(article_id=article.pk)
                .order_by("position")
                .values_list("author__name", "position")
            ),
            [("Anna Berg", 1), ("Bo Ek", 2), ("Cecilia Dahl", 3)],
        )
        self.assertEqual(
            list(Byline.objects.filter(article_id=other.pk).values_list("author", "position")),
            [(bo.pk, 1)],
        )
        self.assertEqual(
            list(
                HistoricalByline.objects.filter(history_id=revision.pk)
                .order_by("position")
                .values_list("author_id", "position")
            ),
            [(bo.pk, 1), (cecilia.pk, 2), (4242, 3)],
        )
        # New rows get new ids after the copied ones.
        Author = apps.get_model("articles", "Author")
        added = Byline.objects.create(
            article_id=other.pk, author=Author.objects.get(pk=anna.pk), position=2
        )
        self.assertGreater(
            added.pk, max(Byline.objects.exclude(pk=added.pk).values_list("pk", flat=True))
        )
        added.delete()

        apps = self.migrate(self.before)

        Article = apps.get_model("articles", "Article")
        OldHistoricalByline = apps.get_model("articles", "HistoricalArticle_authors")
        self.assertEqual(
            sorted(Article.objects.get(pk=article.pk).authors.values_list("name", flat=True)),
            ["Anna Berg", "Bo Ek", "Cecilia Dahl"],
        )
        self.assertEqual(
            sorted(OldHistoricalByline.objects.values_list("author_id", flat=True)),
            sorted([bo.pk, cecilia.pk, 4242]),
        )


class BylineAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()
        cls.anna = make_author(name="Anna Berg")
        cls.bo = make_author(name="Bo Ek")
        cls.cecilia = make_author(name="Cecilia Dahl")

    def setUp(self):
        self.client.force_login(self.editor)

    def change_url(self, article):
        return reverse("admin:articles_article_change", args=[article.pk])

    def form_data(self, article, rows, **changes):
        """The change form as the page offers it, with its byline rows filled in as `rows`:
        (author, position) for each row shown, then for new rows; a position of None is left
        empty, an author of None ticks the row for deletion."""
        response = self.client.get(self.change_url(article))
        [inline] = response.context["inline_admin_formsets"]
        formset = inline.formset
        data = {
            key: value
            for key, value in article_form_data(article, **changes).items()
            if not key.startswith("bylines-")
        }
        data.update(
            {
                "bylines-TOTAL_FORMS": str(max(len(rows), formset.initial_form_count())),
                "bylines-INITIAL_FORMS": str(formset.initial_form_count()),
                "bylines-MIN_NUM_FORMS": "0",
                "bylines-MAX_NUM_FORMS": "1000",
            }
        )
        for n, (author, position) in enumerate(rows):
            if n < formset.initial_form_count():
                stored = formset.forms[n].instance
                data[f"bylines-{n}-id"] = str(stored.pk)
                data[f"bylines-{n}-article"] = str(article.pk)
                if author is None:
                    author, position = stored.author, stored.position
                    data[f"bylines-{n}-DELETE"] = "on"
            data[f"bylines-{n}-author"] = str(author.pk)
            data[f"bylines-{n}-position"] = "" if position is None else str(position)
        return data

    def test_the_change_form_offers_the_byline_in_order_as_plain_fields(self):
        article = make_article(authors=[self.bo, self.anna])
        response = self.client.get(self.change_url(article))
        [inline] = response.context["inline_admin_formsets"]
        rows = [
            (form.initial["author"], form.initial["position"])
            for form in inline.formset.initial_forms
        ]
        self.assertEqual(rows, [(self.bo.pk, 1), (self.anna.pk, 2)])
        # Without JavaScript: a labelled list of authors and a number, not the autocomplete.
        self.assertContains(
            response, '<select name="bylines-0-author" data-context="available-source" '
        )
        self.assertContains(response, '<label class="required" for="id_bylines-0-author">')
        self.assertContains(response, 'for="id_bylines-0-position"')
        self.assertContains(response, 'type="number" name="bylines-0-position" value="1"')
        self.assertNotContains(response, 'name="authors"')

    def test_editors_reorder_the_byline(self):
        article = make_article(authors=[self.anna, self.bo, self.cecilia])
        # Cecilia becomes the lead, Anna is named last.
        data = self.form_data(article, [(self.anna, 3), (self.bo, 2), (self.cecilia, 1)])

        response = self.client.post(self.change_url(article), data)

        self.assertEqual(response.status_code, 302)
        article = Article.objects.get(pk=article.pk)
        self.assertEqual(article.byline, [self.cecilia, self.bo, self.anna])
        self.assertEqual(list(article.bylines.values_list("position", flat=True)), [1, 2, 3])
        # The form opens on the new order.
        [inline] = self.client.get(self.change_url(article)).context["inline_admin_formsets"]
        self.assertEqual(
            [form.initial["author"] for form in inline.formset.initial_forms],
            [self.cecilia.pk, self.bo.pk, self.anna.pk],
        )

    def test_an_author_added_without_a_position_is_named_last(self):
        article = make_article(authors=[self.bo])
        data = self.form_data(article, [(self.bo, None), (self.anna, None)])
        self.assertEqual(self.client.post(self.change_url(article), data).status_code, 302)
        self.assertEqual(Article.objects.get(pk=article.pk).byline, [self.bo, self.anna])

        data = self.form_data(article, [(self.bo, None), (self.anna, 1)])
        self.assertEqual(self.client.post(self.change_url(article), data).status_code, 302)
        self.assertEqual(Article.objects.get(pk=article.pk).byline, [self.anna, self.bo])

    def test_authors_swapped_between_rows_are_saved(self):
        article = make_article(authors=[self.anna, self.bo])
        data = self.form_data(article, [(self.bo, 1), (self.anna, 2)])
        self.assertEqual(self.client.post(self.change_url(article), data).status_code, 302)
        self.assertEqual(Article.objects.get(pk=article.pk).byline, [self.bo, self.anna])

    def test_an_author_replaced_by_one_removed_from_another_row_is_saved(self):
        article = make_article(authors=[self.anna, self.bo])
        data = self.form_data(article, [(self.bo, 1), (None, None)])
        self.assertEqual(self.client.post(self.change_url(article), data).status_code, 302)
        self.assertEqual(Article.objects.get(pk=article.pk).byline, [self.bo])

    def assert_refused(self, article, data, message):
        response = self.client.post(self.change_url(article), data)
        self.assertEqual(response.status_code, 200)
        [inline] = response.context["inline_admin_formsets"]
        self.assertEqual(inline.formset.non_form_errors(), [message])
        self.assertContains(response, message)
        article = Article.objects.get(pk=article.pk)
        self.assertEqual(article.headline, "Första rubriken")

    def test_two_authors_at_one_position_are_refused_with_a_message(self):
        article = make_article(headline="Första rubriken", authors=[self.anna, self.bo])
        data = self.form_data(article, [(self.anna, 1), (self.bo, 1)], headline="Ny rubrik")
        self.assert_refused(
            article,
            data,
            "Två skribenter har placering 1: ge varje skribent en egen placering.",
        )
        self.assertEqual(Article.objects.get(pk=article.pk).byline, [self.anna, self.bo])

    def test_an_author_named_twice_is_refused_with_a_message(self):
        article = make_article(headline="Första rubriken", authors=[self.anna])
        data = self.form_data(article, [(self.anna, 1), (self.anna, 2)], headline="Ny rubrik")
        self.assert_refused(
            article, data, "Anna Berg står två gånger i bylinen: ta bort en av raderna."
        )

    def test_an_article_needs_an_author(self):
        article = make_article(headline="Första rubriken", authors=[self.anna])
        data = self.form_data(article, [(None, None)], headline="Ny rubrik")
        self.assert_refused(article, data, NO_AUTHOR)
        self.assertEqual(Article.objects.get(pk=article.pk).byline, [self.anna])

        data = article_form_data(article, adding=True, slug="ny", authors=[], edited_version="")
        response = self.client.post(reverse("admin:articles_article_add"), data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, NO_AUTHOR)
        self.assertFalse(Article.objects.filter(slug="ny").exists())

    def test_a_bad_position_is_a_validation_message(self):
        article = make_article(headline="Första rubriken", authors=[self.anna])
        for bad in ("0", "-1", "abc", "1.5", "9" * 30):
            with self.subTest(position=bad):
                data = self.form_data(article, [(self.anna, bad)], headline="Ny rubrik")
                response = self.client.post(self.change_url(article), data)
                self.assertEqual(response.status_code, 200)
                [inline] = response.context["inline_admin_formsets"]
                self.assertIn("position", inline.formset.errors[0])
        self.assertEqual(Article.objects.get(pk=article.pk).headline, "Första rubriken")

    def test_a_reorder_is_one_revision_and_the_history_shows_it(self):
        article = make_article(authors=[self.anna, self.bo])
        before = article.history.count()
        data = self.form_data(article, [(self.anna, 2), (self.bo, 1)])

        self.client.post(self.change_url(article), data)

        self.assertEqual(article.history.count(), before + 1)
        latest, previous = article.history.all()[:2]
        self.assertEqual(latest.history_user, self.editor)
        self.assertEqual(latest.diff_against(previous).changed_fields, ["authors"])
        response = self.client.get(reverse("admin:articles_article_history", args=[article.pk]))
        [change] = response.context["page_obj"][0].history_delta_changes
        self.assertEqual(
            (str(change["field"]), change["old"], change["new"]),
            ("Skribenter", "Anna Berg, Bo Ek", "Bo Ek, Anna Berg"),
        )
        self.assertContains(response, "Bo Ek, Anna Berg")

    def test_restoring_a_revision_restores_its_byline_order(self):
        article = make_article(headline="Första rubriken", authors=[self.anna, self.bo])
        revision = article.history.latest()
        self.client.post(
            self.change_url(article),
            self.form_data(article, [(self.anna, 2), (self.bo, 1)], headline="Andra rubriken"),
        )
        self.assertEqual(Article.objects.get(pk=article.pk).byline, [self.bo, self.anna])
        url = reverse("admin:articles_article_simple_history", args=[article.pk, revision.pk])

        form = self.client.get(url)
        self.assertContains(form, "Anna Berg, Bo Ek")
        before = article.history.count()
        response = self.client.post(url, article_form_data(article, headline="Första rubriken"))

        self.assertEqual(response.status_code, 302)
        article = Article.objects.get(pk=article.pk)
        self.assertEqual(
            (article.headline, article.byline), ("Första rubriken", [self.anna, self.bo])
        )
        self.assertEqual(article.history.count(), before + 1)
        latest = article.history.latest()
        self.assertEqual(
            list(latest.authors.order_by("position").values_list("author", flat=True)),
            [self.anna.pk, self.bo.pk],
        )

    def test_the_article_list_names_the_byline_in_order(self):
        url = reverse("admin:articles_article_changelist")
        make_article(headline="Reportaget", authors=[self.cecilia, self.anna])
        with CaptureQueriesContext(connection) as few:
            response = self.client.get(url)
        self.assertContains(response, "Cecilia Dahl, Anna Berg")
        for _ in range(5):
            make_article(authors=[self.bo, self.anna, make_author()])
        # All the listed articles' bylines in one query.
        with self.assertNumQueries(len(few)):
            self.client.get(url)

    def test_the_change_form_reads_the_authors_once_however_long_the_byline(self):
        short = make_article(authors=[self.anna])
        self.client.get(self.change_url(short))  # what the admin reads once per process
        with CaptureQueriesContext(connection) as few:
            self.client.get(self.change_url(short))
        long = make_article(authors=[self.anna, self.bo, self.cecilia, make_author()])
        # Every row's list of authors, and the empty row "Add another" copies, from one query.
        with self.assertNumQueries(len(few)):
            response = self.client.get(self.change_url(long))
        # Still offered in each: four rows, an empty one and the one "Add another" copies.
        # By name too: on PostgreSQL a section may have the same id, and be offered once more.
        options = re.findall(
            rf'<option value="{self.cecilia.pk}"(?: selected)?>Cecilia Dahl</option>',
            response.content.decode(),
        )
        self.assertEqual(len(options), 6)

    def test_the_add_another_button_names_the_author_mid_sentence_and_the_rows_heading_capitalised(
        self,
    ):
        article = make_article(authors=[self.anna])
        for language, add_text, heading in [
            ("sv", "Lägg till ytterligare skribent i bylinen", "Skribent i bylinen:"),
            ("en", "Add another author on the byline", "Author on the byline:"),
        ]:
            with self.subTest(language=language):
                response = self.client.get(
                    self.change_url(article), headers={"accept-language": language}
                )
                [inline] = response.context["inline_admin_formsets"]
                options = json.loads(inline.inline_formset_data())["options"]
                self.assertEqual(options["addText"], add_text)
                self.assertContains(response, f"<b>{heading}</b>", html=True)


class BylineReaderTests(TestCase):
    """Readers meet the byline in the editors' order: page, structured data, feeds."""

    @classmethod
    def setUpTestData(cls):
        cls.anna = make_author(name="Anna Berg")
        cls.bo = make_author(name="Bo Ek")
        cls.cecilia = make_author(name="Cecilia Dahl")
        cls.section = make_section(slug="utrikes", name_sv="Utrikes", name_en="World")
        cls.article = make_article(
            section=cls.section,
            slug="toppmote",
            headline="Toppmöte",
            authors=[cls.cecilia, cls.anna, cls.bo],
        )

    def test_the_article_page_names_the_lead_reporter_first(self):
        current_digest()  # the consent version: read once per purge, not for each page
        # article with section and image, byline, its translation, the section menu
        with self.assertNumQueries(4):
            response = self.client.get(self.article.get_absolute_url())
        [byline] = re.findall(r'<p class="byline">.*?</p>', response.content.decode())
        self.assertEqual(re.sub(r"<[^>]+>", "", byline), "Av Cecilia Dahl, Anna Berg och Bo Ek")

    def test_each_name_on_the_byline_is_isolated_from_the_others(self):
        # Two right-to-left names side by side, the comma between them unisolated, would be
        # shown in reverse order; and a direction control saved in a name before such names
        # were refused stays inside it.
        mohammed = make_author(name="محمد الأحمد", slug="mohammed")
        david = make_author(name="דוד כהן", slug="david")
        article = make_article(
            section=self.section, slug="tre-namn", authors=[mohammed, david, self.bo]
        )
        response = self.client.get(article.get_absolute_url())
        [byline] = re.findall(r'<p class="byline">.*?</p>', response.content.decode())
        names = re.findall(r'<a class="byline__name" href="[^"]*"><bdi>([^<]*)</bdi></a>', byline)
        self.assertEqual(names, ["محمد الأحمد", "דוד כהן", "Bo Ek"])

    def test_structured_data_names_the_authors_in_order(self):
        response = self.client.get(self.article.get_absolute_url())
        [data] = [
            json.loads(script)
            for script in re.findall(
                r'<script type="application/ld\+json">(.*?)</script>',
                response.content.decode(),
                re.DOTALL,
            )
        ]
        self.assertEqual(
            [author["name"] for author in data["author"]], ["Cecilia Dahl", "Anna Berg", "Bo Ek"]
        )

    def feed(self, name, **kwargs):
        with override("sv"):
            url = reverse(f"articles:{name}", kwargs=kwargs)
        return ET.fromstring(self.client.get(url).content)  # noqa: S314 (our own output)

    def test_feeds_name_the_authors_in_order(self):
        expected = "Cecilia Dahl, Anna Berg, Bo Ek"
        rss = self.feed("feed_rss").find("channel/item")
        self.assertEqual(rss.findtext(f"{DC}creator"), expected)
        atom = self.feed("section_feed_atom", slug="utrikes").find(f"{ATOM}entry")
        self.assertEqual(atom.findtext(f"{ATOM}author/{ATOM}name"), expected)
        # The feed of the last author's articles too.
        for name in ("author_feed_rss", "author_feed_atom"):
            root = self.feed(name, slug=self.bo.slug)
            names = root.findtext(f"channel/item/{DC}creator") or root.findtext(
                f"{ATOM}entry/{ATOM}author/{ATOM}name"
            )
            self.assertEqual(names, expected)

    def test_feed_queries_are_fixed_with_longer_bylines(self):
        for _ in range(5):
            make_article(section=self.section, authors=[self.bo, self.anna, make_author()])
        with override("sv"):
            url = reverse("articles:feed_rss")
        self.client.get(url)  # the current site, cached from then on
        # articles with their section and image, bylines with their authors
        with self.assertNumQueries(2):
            self.client.get(url)


@override_settings(NEWSROOM_PAGE_CACHE_SECONDS=300)
class BylinePageCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.anna = make_author(name="Anna Berg")
        cls.bo = make_author(name="Bo Ek")
        cls.article = make_article(headline="Toppmöte", authors=[cls.anna, cls.bo])
        cls.editor = make_editor()

    def test_a_change_of_the_byline_order_alone_shows_at_once(self):
        url = self.article.get_absolute_url()
        first = self.client.get(url).content.decode()
        self.assertEqual(names_in(first, "Anna Berg", "Bo Ek"), ["Anna Berg", "Bo Ek"])
        with self.assertNumQueries(0):
            self.client.get(url)  # served from the page cache

        editor = self.client_class()
        editor.force_login(self.editor)
        stored = list(self.article.bylines.all())
        data = article_form_data(self.article)
        # Only the positions change: nothing of the article's own row.
        data["bylines-0-position"], data["bylines-1-position"] = "2", "1"
        self.assertEqual([row.author for row in stored], [self.anna, self.bo])
        response = editor.post(
            reverse("admin:articles_article_change", args=[self.article.pk]), data
        )
        self.assertEqual(response.status_code, 302)

        again = self.client.get(url).content.decode()
        self.assertEqual(names_in(again, "Anna Berg", "Bo Ek"), ["Bo Ek", "Anna Berg"])


class RevisionWithoutItsAuthorsTests(TestCase):
    """A revision may have no byline left to restore: its authors deleted since (only authors
    on no current byline can be), or none saved with it."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()
        cls.anna = make_author(name="Anna Berg")

    def setUp(self):
        self.client.force_login(self.editor)

    def revision_naming_a_deleted_author(self, *, others):
        gone = make_author(name="Bo Ek")
        article = make_article(headline="Första rubriken", authors=[gone, *others])
        revision = article.history.latest()
        article_byline_set(article=article, authors=[self.anna])
        gone_pk = gone.pk
        gone.delete()
        url = reverse("admin:articles_article_simple_history", args=[article.pk, revision.pk])
        return article, url, gone_pk

    def test_the_restore_form_names_the_deleted_author_and_restores_the_others(self):
        cecilia = make_author(name="Cecilia Dahl")
        article, url, gone_pk = self.revision_naming_a_deleted_author(others=[cecilia])
        self.assertContains(
            self.client.get(url), f"Skribent nr {gone_pk}, numera raderad, Cecilia Dahl"
        )
        response = self.client.post(url, article_form_data(article, headline="Första rubriken"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Article.objects.get(pk=article.pk).byline, [cecilia])

    def test_a_revision_whose_authors_are_all_deleted_keeps_the_current_byline(self):
        article, url, gone_pk = self.revision_naming_a_deleted_author(others=[])
        self.assertContains(
            self.client.get(url),
            escape(f"Skribent nr {gone_pk}, numera raderad. {BYLINE_KEPT}"),
        )
        response = self.client.post(url, article_form_data(article, headline="Första rubriken"))
        self.assertEqual(response.status_code, 302)
        article = Article.objects.get(pk=article.pk)
        self.assertEqual((article.headline, article.byline), ("Första rubriken", [self.anna]))

    def test_a_revision_saved_before_its_byline_keeps_the_current_byline(self):
        # Article.objects.create() writes a revision before any byline is set.
        article = make_article(headline="Första rubriken", authors=[self.anna])
        first = article.history.earliest()
        self.assertFalse(first.authors.exists())
        article.headline = "Andra rubriken"
        article.save()
        url = reverse("admin:articles_article_simple_history", args=[article.pk, first.pk])
        self.assertContains(self.client.get(url), escape(BYLINE_KEPT))
        response = self.client.post(url, article_form_data(article, headline="Första rubriken"))
        self.assertEqual(response.status_code, 302)
        article = Article.objects.get(pk=article.pk)
        self.assertEqual((article.headline, article.byline), ("Första rubriken", [self.anna]))
        self.assertEqual(
            list(article.history.latest().authors.values_list("author", flat=True)), [self.anna.pk]
        )
