class BoundedSearchAdminMixin:
    """Admin searches of at most 10 words and 200 characters.

    Longer searches find nothing more for an editor, but can make the database work very hard
    (or refuse the query, as SQLite does for very long LIKE patterns).
    """

    max_search_length = 200
    max_search_words = 10

    def get_search_results(self, request, queryset, search_term):
        words = search_term[: self.max_search_length].split()[: self.max_search_words]
        return super().get_search_results(request, queryset, " ".join(words))
