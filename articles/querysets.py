import operator
import re
from functools import reduce
from itertools import groupby

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections, models
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    Lookup,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Replace
from django.utils import timezone

# PostgreSQL's text search configuration for each of the site's languages.
# English ignores accents (migration 0011: "Goteborg" finds "Göteborg"); Swedish does not.
SEARCH_CONFIGS = {"sv": "swedish", "en": "english_unaccent"}
# Fields whose change makes an article's search document stale.
SEARCHED_FIELDS = frozenset({"language", "headline", "lede", "body"})
# The words those configurations leave out of every search, as PostgreSQL lists them
# (tsearch_data/swedish.stop and english.stop, from Snowball): SQLite leaves out the same.
STOP_WORDS = {
    "sv": frozenset(
        """
        och det att i en jag hon som han på den med var sig för så till är men ett om hade de av
        icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde
        något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under
        någon eller allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli
        blev oss din dessa några deras blir mina samma vilken er sådan vår blivit dess inom
        mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt våra
        ert era vilkas
        """.split()  # noqa: SIM905 - the words as PostgreSQL's files list them
    ),
    "en": frozenset(
        """
        i me my myself we our ours ourselves you your yours yourself yourselves he him his
        himself she her hers herself it its itself they them their theirs themselves what which
        who whom this that these those am is are was were be been being have has had having do
        does did doing a an the and but if or because as until while of at by for with about
        against between into through during before after above below to from up down in out on
        off over under again further then once here there when where why how all any both each
        few more most other some such no nor not only own same so than too very s t can will
        just don should now
        """.split()  # noqa: SIM905 - the words as PostgreSQL's files list them
    ),
}
# Characters that join a word, or mark where it may break, without being part of it: the soft
# hyphen (U+00AD), the zero width non-joiner (U+200C: Persian, German typesetting) and joiner
# (U+200D: Indic scripts, emoji). Search leaves them out of the article text it indexes and of
# the reader's words alike, so a word is found whether it was written or typed with them or not.
# The stored documents and SQLite's index are made without them (migration 0019): another
# character here needs a migration making them anew.
IGNORED_IN_WORDS = "\u00ad\u200c\u200d"
IGNORED_IN_WORDS_TABLE = dict.fromkeys(map(ord, IGNORED_IN_WORDS))
# A term as PostgreSQL's websearch syntax reads it: a word or a "quoted phrase", ended by a
# space, a quote or one of its operators (!&|()<), with a "-" before it to leave out the
# articles that have it.
SEARCH_TERM = re.compile(r'(-[-\s!&|()<]*)?("[^"]*"?|[^\s!&|()<"]+)')
WORD = re.compile(r"[^\W_]+")
# SQLite: the trigram index of headline, lede and body (migrations 0010 and 0019), kept by
# triggers.
SEARCH_INDEX = "articles_article_fts"
# Cased letters whose forms the index's tokenizer folds together just as glob_anycase() pairs
# them: Latin, Greek and Cyrillic, less ı (Python pairs it with I, which SQLite folds to i) and
# the Greek yot (Unicode 7). SQLite's folding table is older Unicode than Python's: other
# scripts' letters (Georgian, Cherokee...) are left to GLOB alone.
# tests/articles/test_search_sqlite_index.py checks every one on the SQLite in use.
INDEX_FOLDED_BLOCKS = (("\u0000", "\u024f"), ("\u0370", "\u04ff"))
INDEX_FOLDED_OTHERWISE = frozenset("\u0131\u037f\u03f3")


def without_ignored(text):
    """Text as search reads it: without the characters in IGNORED_IN_WORDS."""
    return text.translate(IGNORED_IN_WORDS_TABLE)


def column_without_ignored(expression):
    """An expression's text as search reads it, in SQL (see without_ignored())."""
    for char in IGNORED_IN_WORDS:
        expression = Replace(expression, Value(char), output_field=TextField())
    return expression


class Glob(Lookup):
    """SQLite's GLOB: a case-sensitive match of a pattern (* any text, [aA] either letter)."""

    lookup_name = "glob"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} GLOB {rhs}", (*lhs_params, *rhs_params)


def case_forms(char):
    """The character and its one-character lower and upper case forms."""
    return {form for form in (char, char.lower(), char.upper()) if len(form) == 1}


def glob_anycase(word):
    """A GLOB pattern for text containing the word in any case: "Åland" is *[åÅ][lL][aA][nN][dD]*.

    SQLite's LIKE and lower() fold ASCII letters only; this folds å, Ä, Ö and every other letter
    with one-character case forms, in the pattern made once per query, not per row.
    """
    pattern = []
    for char in word:
        forms = case_forms(char)
        if len(forms) > 1:
            pattern.append(f"[{''.join(sorted(forms))}]")
        elif char in "*?[":
            pattern.append(f"[{char}]")
        else:
            pattern.append(char)
    return f"*{''.join(pattern)}*"


class InSearchIndex(Lookup):
    """SQLite: rows whose headline, lede or body the trigram index finds the FTS5 query in."""

    lookup_name = "in_search_index"
    # The query is text for the index, not a value of the primary key it is compared with.
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        index = connection.ops.quote_name(SEARCH_INDEX)
        return (
            # A constant table name: the reader's words are only ever the parameter.
            f"{lhs} IN (SELECT rowid FROM {index} WHERE {index} MATCH {rhs})",  # noqa: S608
            (*lhs_params, *rhs_params),
        )


def index_folds_like_glob(char):
    """Whether the trigram index finds every form of the character that glob_anycase() matches."""
    if len(case_forms(char)) == 1:
        return True
    return char not in INDEX_FOLDED_OTHERWISE and any(
        first <= char <= last for first, last in INDEX_FOLDED_BLOCKS
    )


def trigram_query(terms):
    """An FTS5 query for the trigram index finding at least the text GLOB matches all terms in.

    Each run of three characters or more the index folds as GLOB does becomes a phrase, quoted
    so that no reader's character is FTS5 syntax. Shorter runs have no trigram to look up; with
    none left the query is "" and search reads every article.
    """
    runs = (
        "".join(chars)
        for term in terms
        for folds_alike, chars in groupby(term, index_folds_like_glob)
        if folds_alike
    )
    phrases = ['"{}"'.format(run.replace('"', '""')) for run in runs if len(run) >= 3]
    return " AND ".join(phrases)


def search_terms(query):
    """A query's terms as websearch reads them: (wanted, excluded), leaving out wordless ones.

    "or" between terms is websearch's operator, not a word to find. With no wanted term,
    PostgreSQL would match, and rank, every article without the excluded ones: no search.
    """
    wanted, excluded = [], []
    for minus, term in SEARCH_TERM.findall(query):
        if not WORD.search(term) or (not minus and term.lower() == "or"):
            continue
        (excluded if minus else wanted).append(term)
    return wanted, excluded


def is_too_common(term, *, language):
    """Whether every word of a term is one the language's search leaves out ("och", "the")."""
    stop_words = STOP_WORDS.get(language, frozenset())
    return all(word in stop_words for word in WORD.findall(term.lower()))


class PrefixSearchQuery(SearchQuery):
    """A websearch query whose words of three letters or more each match as a prefix too.

    Swedish stemming (Snowball) leaves definite forms and compounds whole: "valet", "färjan" and
    "klimatplanen" are lexemes of their own, which "val", "färja" and "klimat" would not find.
    As prefixes they do, through the same GIN index. Shorter words stay exact: "it" would
    otherwise stand for every word beginning with it.
    """

    # In a tsquery's text every lexeme is quoted, a quote inside one doubled: all of them are
    # made prefixes, then those of one or two letters made exact again (between two lexemes
    # there are always more than two characters, so no match spans one).
    EVERY_LEXEME = r"('(?:[^']|'')+')"
    SHORT_LEXEME = r"('[^']{1,2}'):\*"

    def as_sql(self, compiler, connection, function=None, template=None):
        sql, params = super().as_sql(compiler, connection, function, template)
        prefixes = f"regexp_replace(({sql})::text, %s, %s, 'g')"
        return (
            f"(regexp_replace({prefixes}, %s, %s, 'g'))::tsquery",
            (*params, self.EVERY_LEXEME, r"\1:*", self.SHORT_LEXEME, r"\1"),
        )


def search_document(*, language, headline, lede, body):
    """An article's weighted full-text document (PostgreSQL): headline, then lede, then body."""
    config = SEARCH_CONFIGS.get(language, "simple")
    return (
        SearchVector(Value(without_ignored(headline)), weight="A", config=config)
        + SearchVector(Value(without_ignored(lede)), weight="B", config=config)
        + SearchVector(Value(without_ignored(body)), weight="C", config=config)
    )


# The original's text a translation follows, headline included (unlike Article.TRANSLATED_FIELDS,
# which may rightly stay the same): a change of anything else in the original (byline, status,
# image) leaves the translation as right as it was.
TRANSLATED_TEXT_FIELDS = ("headline", "lede", "body")


def text_changed_since(model, *, article, since):
    """A condition on the article at `article` (a relation prefix of the queried model, "" for
    the row itself): its text differs from what it was at `since` (a datetime, or the name of a
    field of the queried row).

    Its text then is that of its latest revision from before that time; a byline or status
    change writes a revision with the same text, and a save that changes nothing writes none.
    An article with no revision that old (made by a command without history) is compared by
    its updated_at instead. Subqueries of the same query, whatever the number of rows.
    """
    history = model.history.model

    def outer(name, depth):
        ref = name
        for _level in range(depth):
            ref = OuterRef(ref)
        return ref

    def revisions_then(depth):
        until = outer(since, depth) if isinstance(since, str) else since
        return history.objects.filter(id=outer(f"{article}pk", depth), history_date__lte=until)

    latest_then = revisions_then(2).order_by("-history_date", "-history_id").values("history_id")
    same_text = history.objects.filter(
        history_id=Subquery(latest_then[:1]),
        **{name: OuterRef(f"{article}{name}") for name in TRANSLATED_TEXT_FIELDS},
    )
    has_revision = Exists(revisions_then(1))
    updated_later = Q(**{f"{article}updated_at__gt": F(since) if isinstance(since, str) else since})
    return (has_revision & ~Exists(same_text)) | (~has_revision & updated_later)


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
        """What cards need, in one query whatever the number of articles."""
        return (
            self.select_related("section", "lead_image")
            # Cards show no body and no byline, and pages never show the search document.
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

    def with_original_changed(self):
        """Annotate `original_changed`: whether a translation's original has had its headline,
        lede or body changed since the translation was last saved (see text_changed_since())."""
        return self.annotate(
            original_changed=ExpressionWrapper(
                Q(translation_of__isnull=False)
                & text_changed_since(self.model, article="translation_of__", since="updated_at"),
                output_field=BooleanField(),
            )
        )

    def with_text_changed_since(self, since):
        """Annotate `text_changed`: whether each article's headline, lede or body has changed
        since the time `since` (see text_changed_since())."""
        return self.annotate(
            text_changed=ExpressionWrapper(
                text_changed_since(self.model, article="", since=since),
                output_field=BooleanField(),
            )
        )

    def search(self, query, *, language):
        """Articles matching the reader's words, best first; none if nothing is left to find.

        Full-text search with the language's stemming on PostgreSQL; elsewhere (SQLite, the local
        demo) a plain match of every wanted word or phrase in headline, lede or body, "or" being
        no alternative there, narrowed by a trigram index first. Both leave out the language's
        stop words and honour "-word". Both ignore the characters in IGNORED_IN_WORDS.
        """
        query = without_ignored(query)
        wanted, excluded = (
            [term for term in terms if not is_too_common(term, language=language)]
            for terms in search_terms(query)
        )
        if not wanted:
            return self.none()
        if connections[self.db].vendor == "postgresql":
            # English stemming finds other forms well enough; prefixes would only add noise.
            query_class = PrefixSearchQuery if language == "sv" else SearchQuery
            search_query = query_class(
                query, search_type="websearch", config=SEARCH_CONFIGS.get(language, "simple")
            )
            return (
                # What the index can look up: "T" when the query would match without any word,
                # as "a or -b" does. A constant, so PostgreSQL then reads no row at all.
                self.alias(
                    indexed=Func(search_query, function="querytree", output_field=TextField())
                )
                .exclude(indexed="T")
                .filter(search_vector=search_query)
                .annotate(rank=SearchRank(F("search_vector"), search_query))
                .order_by("-rank", "-published_at", "-pk")
            )
        words = [term.strip('"') for term in wanted[:10]]
        patterns = [glob_anycase(word) for word in words]

        # GLOB reads the text as the index has it (migration 0019): without the ignored
        # characters. Cheaper ways to skip replace() on text without them (instr(), a GLOB
        # for them first) cost more than it: each reads the text once more.
        texts = {field: column_without_ignored(F(field)) for field in ("headline", "lede", "body")}

        def everywhere(pattern):
            return reduce(operator.or_, (Q(Glob(text, pattern)) for text in texts.values()))

        def all_words_in(field):
            return reduce(operator.and_, (Q(Glob(texts[field], pattern)) for pattern in patterns))

        articles = self
        # The trigram index only narrows the rows GLOB then checks: results and ranks stay
        # GLOB's. A query whose words are all under three letters has nothing to look up
        # there: GLOB then reads every article, as it did before the index.
        if indexed := trigram_query(words):
            articles = articles.filter(InSearchIndex(F("pk"), indexed))
        articles = articles.filter(reduce(operator.and_, map(everywhere, patterns)))
        for term in excluded[:10]:
            articles = articles.exclude(everywhere(glob_anycase(term.strip('"'))))
        return articles.annotate(
            rank=Case(
                When(all_words_in("headline"), then=Value(2)),
                When(all_words_in("lede"), then=Value(1)),
                default=Value(0),
            )
        ).order_by("-rank", "-published_at", "-pk")
