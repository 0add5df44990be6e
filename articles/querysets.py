import operator
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections, models
from django.db.models import Case, F, Lookup, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

# PostgreSQL's text search configuration for each of the site's languages.
SEARCH_CONFIGS = {"sv": "swedish", "en": "english"}
# Fields whose change makes an article's search document stale.
SEARCHED_FIELDS = frozenset({"language", "headline", "lede", "body"})


class Glob(Lookup):
    """SQLite's GLOB: a case-sensitive match of a pattern (* any text, [aA] either letter)."""

    lookup_name = "glob"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} GLOB {rhs}", (*lhs_params, *rhs_params)


def glob_anycase(word):
    """A GLOB pattern for text containing the word in any case: "Åland" is *[åÅ][lL][aA][nN][dD]*.

    SQLite's LIKE and lower() fold ASCII letters only; this folds å, Ä, Ö and every other letter
    with one-character case forms, in the pattern made once per query, not per row.
    """
    pattern = []
    for char in word:
        forms = {form for form in (char, char.lower(), char.upper()) if len(form) == 1}
        if len(forms) > 1:
            pattern.append(f"[{''.join(sorted(forms))}]")
        elif char in "*?[":
            pattern.append(f"[{char}]")
        else:
            pattern.append(char)
    return f"*{''.join(pattern)}*"


def search_document(*, language, headline, lede, body):
    """An article's weighted full-text document (PostgreSQL): headline, then lede, then body."""
    config = SEARCH_CONFIGS.get(language, "simple")
    return (
        SearchVector(Value(headline), weight="A", config=config)
        + SearchVector(Value(lede), weight="B", config=config)
        + SearchVector(Value(body), weight="C", config=config)
    )


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles readers may see: published status and a publication time in the past."""
        return self.filter(status=self.model.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        """Published articles whose publication time is still to come."""
        return self.filter(status=self.model.Status.PUBLISHED, published_at__gt=timezone.now())

    def in_language(self, language):
        return self.filter(language=language)

    def for_listing(self):
        """What cards need, in a fixed number of queries whatever the number of articles."""
        return (
            self.select_related("section", "lead_image")
            .prefetch_related("authors")
            # Cards show no body, and pages never show the search document.
            .defer("body", "body_html", "search_vector")
        )

    def with_published_translation(self):
        """Annotate the language and slug of each article's published version in another language."""
        group = Coalesce(OuterRef("translation_of_id"), OuterRef("pk"))
        versions = (
            self.model.objects.published()
            .filter(Q(pk=group) | Q(translation_of_id=group))
            .exclude(pk=OuterRef("pk"))
            .order_by("pk")
        )
        return self.annotate(
            translation_language=Subquery(versions.values("language")[:1]),
            translation_slug=Subquery(versions.values("slug")[:1]),
        )

    def search(self, query, *, language):
        """Articles matching the reader's words, best first.

        Full-text search with the language's stemming on PostgreSQL; elsewhere (SQLite, the local
        demo) a plain match of every word in headline, lede or body.
        """
        if connections[self.db].vendor == "postgresql":
            search_query = SearchQuery(
                query, search_type="websearch", config=SEARCH_CONFIGS.get(language, "simple")
            )
            return (
                self.filter(search_vector=search_query)
                .annotate(rank=SearchRank(F("search_vector"), search_query))
                .order_by("-rank", "-published_at", "-pk")
            )
        patterns = [glob_anycase(word) for word in query.split()[:10]]
        if not patterns:
            return self.none()

        def everywhere(pattern):
            return reduce(
                operator.or_, (Q(Glob(F(field), pattern)) for field in ("headline", "lede", "body"))
            )

        def all_words_in(field):
            return reduce(operator.and_, (Q(Glob(F(field), pattern)) for pattern in patterns))

        return (
            self.filter(reduce(operator.and_, map(everywhere, patterns)))
            .annotate(
                rank=Case(
                    When(all_words_in("headline"), then=Value(2)),
                    When(all_words_in("lede"), then=Value(1)),
                    default=Value(0),
                )
            )
            .order_by("-rank", "-published_at", "-pk")
        )
