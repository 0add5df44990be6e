"""Admin searches ignore the case of å, ä and ö on SQLite as on PostgreSQL (newsroom/lookups.py)."""

import unittest

from cookie_consent.models import CookieGroup
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.auth.models import Group, User
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.db import connection, connections
from django.db.backends.postgresql.base import DatabaseWrapper as PostgreSQLWrapper
from django.db.models import CharField, F, FileField, TextField
from django.test import RequestFactory, TestCase
from django.urls import reverse

from articles.models import Article, ArticleViewDay, Author, Image, Section
from consent.models import ConsentRecord, SiteCookieGroup
from tests.factories import (
    make_article,
    make_author,
    make_cookie_groups,
    make_image,
    make_section,
)

# Django's admin search prefixes: ^ starts with, = is exactly, @ is full-text search.
SEARCH_PREFIXES = ("^", "=", "@")
# newsroom/lookups.py's: case in every alphabet, and accents too, for the editors' lists.
UNICODE_LOOKUPS = ("__unicode_icontains", "__unaccent_icontains")


def postgresql():
    """A PostgreSQL connection that only compiles: nothing connects to a server."""
    settings = {
        **connections["default"].settings_dict,
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "newsroom",
        "HOST": "127.0.0.1",
        "PORT": "9",
    }
    return PostgreSQLWrapper(settings, alias="compile-only")


def compiled(queryset, using):
    return queryset.query.get_compiler(connection=using).as_sql()


class LookupTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.asa = make_author(name="Åsa Öberg", slug="asa-oberg")
        cls.olle = make_author(name="Olle Berg", slug="olle-berg")
        cls.sund = make_author(name="Öresund Ärlig", slug="oresund")

    def names(self, **lookup):
        return set(Author.objects.filter(**lookup).values_list("name", flat=True))

    def test_swedish_letters_are_found_in_either_case(self):
        for term, found in [
            ("åsa", {"Åsa Öberg"}),
            ("ÅSA", {"Åsa Öberg"}),
            ("öBERG", {"Åsa Öberg"}),
            ("ÖRESUND", {"Öresund Ärlig"}),
            ("ärlig", {"Öresund Ärlig"}),
            ("BERG", {"Åsa Öberg", "Olle Berg"}),
            # å, ä and ö are letters of their own: no accent is ignored.
            ("asa", set()),
        ]:
            with self.subTest(term=term):
                self.assertEqual(self.names(name__unicode_icontains=term), found)

    def test_like_characters_in_the_search_are_plain_characters(self):
        make_author(name="100% Åsa_x", slug="procent")
        self.assertEqual(self.names(name__unicode_icontains="0% å"), {"100% Åsa_x"})
        self.assertEqual(self.names(name__unicode_icontains="a_X"), {"100% Åsa_x"})
        self.assertEqual(self.names(name__unicode_icontains="%"), {"100% Åsa_x"})

    # PostgreSQL's UPPER() keeps "ß" as it is: there "strauß" finds "Strauß" but not "STRAUSS".
    @unittest.skipUnless(connection.vendor == "sqlite", "casefold() is SQLite's here")
    def test_a_letter_folded_to_two_is_found_as_either(self):
        make_author(name="Johann Strauß", slug="strauss")
        make_author(name="STRAUSS & CO", slug="strauss-co")
        self.assertEqual(
            self.names(name__unicode_icontains="strauß"), {"Johann Strauß", "STRAUSS & CO"}
        )

    @unittest.skipUnless(connection.vendor == "sqlite", "SQLite's SQL")
    def test_on_sqlite_only_a_search_beyond_ascii_calls_python_and_after_like(self):
        ascii_only = Author.objects.filter(name__unicode_icontains="Berg")
        django = Author.objects.filter(name__icontains="Berg")
        self.assertEqual(compiled(ascii_only, connection), compiled(django, connection))
        sql, params = compiled(Author.objects.filter(name__unicode_icontains="Öresund"), connection)
        self.assertIn(
            'WHERE ("articles_author"."name" LIKE %s ESCAPE \'\\\' '
            'AND newsroom_casefold("articles_author"."name") LIKE %s ESCAPE \'\\\')',
            sql,
        )
        self.assertEqual(params, ("%resund%", "%öresund%"))

    def test_a_column_is_compared_with_another_folded_too(self):
        make_author(name="ÖSTRA öst", slug="öst")
        self.assertEqual(self.names(name__unicode_icontains=F("slug")), {"ÖSTRA öst"})

    @unittest.skipUnless(connection.vendor == "sqlite", "SQLite's LIKE is what this corrects")
    def test_sqlites_own_icontains_misses_them(self):
        # Were this to pass one day, the lookup could go.
        self.assertEqual(self.names(name__icontains="åsa"), set())

    def test_on_postgresql_the_sql_is_icontains_own(self):
        pg = postgresql()
        for lookup, value in [
            ("name", "Åsa"),
            ("name", F("slug")),
            ("bylines__article__headline", "ÖRESUND"),
            ("email", "%_"),
        ]:
            with self.subTest(lookup=lookup, value=value):
                ours = Author.objects.filter(**{f"{lookup}__unicode_icontains": value})
                django = Author.objects.filter(**{f"{lookup}__icontains": value})
                self.assertEqual(compiled(ours, pg), compiled(django, pg))
        sql, params = compiled(Author.objects.filter(name__unicode_icontains="Åsa"), pg)
        self.assertIn('WHERE UPPER("articles_author"."name"::text) LIKE UPPER(%s)', sql)
        self.assertEqual(params, ("%Åsa%",))


class AdminSearchTests(TestCase):
    """Each list's search box finds Swedish words whatever their case."""

    @classmethod
    def setUpTestData(cls):
        cls.superuser = User.objects.create_superuser("chef", password="x", first_name="Örjan")
        section = make_section(name_sv="Östersjön", name_en="The Baltic")
        cls.author = make_author(name="Åsa Öberg", slug="asa-oberg")
        cls.article = make_article(
            headline="Öresundsbron stängd",
            body="Trafiken över ÅRSTABRON påverkas.",
            section=section,
            authors=[cls.author],
        )
        cls.other = make_article(headline="Ny budget", section=section)
        make_cookie_groups()

    def setUp(self):
        self.client.force_login(self.superuser)

    def found(self, model, term):
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = self.client.get(url, {"q": term})
        self.assertEqual(response.status_code, 200)
        return set(response.context["cl"].result_list)

    def test_article_authors_sections_and_users_are_found_in_either_case(self):
        section = self.article.section
        for model, term, expected in [
            (Article, "öresundsbron", {self.article}),
            (Article, "ÖRESUNDSBRON", {self.article}),
            (Article, "årstabron", {self.article}),
            (Author, "ÅSA ÖBERG", {self.author}),
            (Section, "ÖSTERSJÖN", {section}),
            (User, "örjan", {self.superuser}),
        ]:
            with self.subTest(model=model.__name__, term=term):
                self.assertEqual(self.found(model, term), expected)

    def test_a_cookie_group_is_found_by_its_swedish_name_in_either_case(self):
        group = CookieGroup.objects.get(varname="analytics")
        group.name = "Statistik och mätning"
        group.save()
        self.assertEqual(self.found(SiteCookieGroup, "MÄTNING"), {group})

    def test_the_editors_lists_find_swedish_words_typed_without_their_accents(self):
        image = make_image(credit="Foto: Björn Ölund/TT", renditions=False)
        article = make_article(
            headline="Göteborgsvarvet ställs in",
            section=make_section(name_sv="Västsverige", name_en="West Sweden"),
            authors=[make_author(name="Jörgen Ågren", slug="jorgen-agren")],
            lead_image=image,
        )
        views = ArticleViewDay.objects.create(article=article, date="2026-11-20", views=3)
        for model, term, expected in [
            (Article, "goteborgsvarvet stalls", {article}),
            (Article, "oresundsbron", {self.article}),
            (Author, "jorgen agren", {article.bylines.get().author}),
            (Section, "vastsverige", {article.section}),
            (Image, "bjorn olund", {image}),
            (ArticleViewDay, "goteborgsvarvet", {views}),
        ]:
            with self.subTest(model=model.__name__, term=term):
                self.assertEqual(self.found(model, term), expected)

    def test_users_groups_redirects_and_sites_are_found_typed_without_accents(self):
        # As in the editors' own lists: a name typed on any keyboard finds its owner.
        user = User.objects.create_user("jorgen", first_name="Jörgen", last_name="Ångström")
        group = Group.objects.create(name="Redaktörer")
        redirect = Redirect.objects.create(
            site_id=settings.SITE_ID, old_path="/nyheter/göteborg/", new_path="/nyheter/gbg/"
        )
        site = Site.objects.get(pk=settings.SITE_ID)
        site.name = "Nyhetsrummet Västerås"
        site.save()
        for model, term, expected in [
            (User, "jorgen angstrom", {user}),
            (User, "angstrom", {user}),
            (User, "ÖRJAN", {self.superuser}),
            (Group, "redaktorer", {group}),
            (Redirect, "goteborg", {redirect}),
            (Site, "vasteras", {site}),
        ]:
            with self.subTest(model=model.__name__, term=term):
                self.assertEqual(self.found(model, term), expected)


class SearchFieldsTests(TestCase):
    def test_every_admin_searches_text_with_the_unicode_lookup(self):
        # A plain text field name would be searched with icontains, blind to å, ä and ö.
        for model, model_admin in admin.site._registry.items():
            for name in model_admin.search_fields:
                if name.startswith(SEARCH_PREFIXES) or name.endswith(UNICODE_LOOKUPS):
                    continue
                field = get_fields_from_path(model, name)[-1]
                with self.subTest(admin=type(model_admin).__name__, field=name):
                    self.assertNotIsInstance(field, CharField | TextField | FileField)

    def test_consent_id_searches_read_the_indexes_rather_than_the_lookup(self):
        # ConsentRecordAdmin.get_search_results matches ID ranges (fast at 300,000 records).
        model_admin = admin.site._registry[ConsentRecord]
        request = RequestFactory().get("/")
        queryset, _duplicates = model_admin.get_search_results(
            request, ConsentRecord.objects.all(), "4D96"
        )
        self.assertNotIn("casefold", str(queryset.query))
        self.assertNotIn("LIKE", str(queryset.query))


class AccentsLookupTests(TestCase):
    """`unaccent_icontains`: a letter typed without its accent finds it with one or without."""

    @classmethod
    def setUpTestData(cls):
        for name, slug in [
            ("Göteborgs hamn", "goteborgs-hamn"),
            ("GÖTEBORG", "goteborg-versaler"),
            ("Goteborg Inc.", "goteborg-inc"),
            ("Malmö", "malmo"),
            ("José Gonçalves", "jose"),
            ("Øresund Æble", "oresund"),
            ("Łódź", "lodz"),
        ]:
            make_author(name=name, slug=slug)

    def names(self, term):
        return set(
            Author.objects.filter(name__unaccent_icontains=term).values_list("name", flat=True)
        )

    def test_a_letter_without_its_accent_finds_it_in_either_case(self):
        for term, found in [
            ("goteborg", {"Göteborgs hamn", "GÖTEBORG", "Goteborg Inc."}),
            ("GOTEBORGS", {"Göteborgs hamn"}),
            ("malmo", {"Malmö"}),
            ("jose goncalves", {"José Gonçalves"}),
            ("oresund", {"Øresund Æble"}),
            ("lodz", {"Łódź"}),
        ]:
            with self.subTest(term=term):
                self.assertEqual(self.names(term), found)

    def test_a_letter_typed_with_its_accent_finds_only_it_in_either_case(self):
        # "för" is not "for": an editor who types the Swedish letter means it.
        for term, found in [
            ("göteborg", {"Göteborgs hamn", "GÖTEBORG"}),
            ("MALMÖ", {"Malmö"}),
            ("ÆBLE", {"Øresund Æble"}),
            ("josé", {"José Gonçalves"}),
        ]:
            with self.subTest(term=term):
                self.assertEqual(self.names(term), found)

    def test_characters_of_patterns_are_plain_characters(self):
        make_author(name="100% (a.b) [c]* \\d+ ^x$ a|b ?{2}", slug="tecken")
        for term in ["100%", "(a.b)", "[c]*", "\\d+", "^x$", "a|b", "?{2}", "%", "_"]:
            with self.subTest(term=term):
                expected = {"100% (a.b) [c]* \\d+ ^x$ a|b ?{2}"} if term != "_" else set()
                self.assertEqual(self.names(term), expected)
        self.assertEqual(self.names("a.c"), set())

    def test_a_search_in_decomposed_letters_finds_the_composed_ones(self):
        self.assertEqual(self.names("Malmo\u0308"), {"Malmö"})
