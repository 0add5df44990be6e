"""Admin search that ignores the case of every letter, å, ä and ö too, on SQLite as elsewhere.

SQLite's LIKE, with which Django's `icontains` is made there, ignores the case of A to Z only:
"åsa" does not find "Åsa", nor "ÖRESUND" "Öresund". PostgreSQL's UPPER() knows every alphabet.
`unicode_icontains` is `icontains` on PostgreSQL, to the letter of its SQL. On SQLite, a search
with a letter beyond ASCII compares the column and the search folded by Python's
str.casefold(), a function each SQLite connection is given as it opens; a search in ASCII
alone is Django's own LIKE, which is right for it. Every admin's `search_fields` name it
(`"headline__unicode_icontains"`), which Django's admin search accepts as it accepts a lookup.

Folding calls Python for every row, some twenty times slower than LIKE over long article
bodies, so it is kept to the rows LIKE finds the search's longest ASCII part in ("resund" of
"öresund"). Like PostgreSQL, then, ASCII letters of a search are found only as ASCII letters:
"ss" does not find "ß", nor "fi" the ligature "ﬁ" (while "ß" finds "ss", as folding has it).
"""

import re

from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models import CharField, FileField, Func, TextField
from django.db.models.lookups import IContains

CASEFOLD_FUNCTION = "newsroom_casefold"
_ASCII_RUN = re.compile(r"[\x00-\x7f]+")


def _casefold(value):
    # SQLite hands over whatever the column holds: text is folded, anything else kept.
    return value.casefold() if isinstance(value, str) else value


def casefold_for_sqlite(connection):
    """Give an SQLite connection the function Casefold() calls (other databases need none)."""
    if connection.vendor == "sqlite" and connection.connection is not None:
        connection.connection.create_function(CASEFOLD_FUNCTION, 1, _casefold, deterministic=True)


def _connection_created(sender, connection, **kwargs):
    casefold_for_sqlite(connection)


class Casefold(Func):
    """Text folded for caseless comparison (SQLite only: the function is the project's)."""

    function = CASEFOLD_FUNCTION
    arity = 1
    output_field = TextField()


class UnicodeIContains(IContains):
    """`icontains` that ignores the case of every letter on SQLite too (see the module)."""

    lookup_name = "unicode_icontains"

    def as_sql(self, compiler, connection):
        # Django's own, as it is: the SQL of icontains depends on the lookup's name.
        return compiler.compile(IContains(self.lhs, self.rhs))

    def as_sqlite(self, compiler, connection):
        if not (self.is_simple_lookup and isinstance(self.rhs, str)):
            # Another column or an expression: both sides folded by the database.
            return compiler.compile(IContains(Casefold(self.lhs), Casefold(self.rhs)))
        if self.rhs.isascii():
            # LIKE ignores the case of ASCII letters, and it is fast.
            return compiler.compile(IContains(self.lhs, self.rhs))
        # The search is folded here, once; the column, in each row LIKE let through.
        sql, params = compiler.compile(IContains(Casefold(self.lhs), self.rhs.casefold()))
        ascii_part = max(_ASCII_RUN.findall(self.rhs), key=len, default="")
        if not ascii_part:
            return sql, params
        like_sql, like_params = compiler.compile(IContains(self.lhs, ascii_part))
        return f"({like_sql} AND {sql})", (*like_params, *params)


def register():
    """Make `unicode_icontains` a lookup of text and file fields, and SQLite able to run it."""
    for field in (CharField, TextField, FileField):
        field.register_lookup(UnicodeIContains)
    connection_created.connect(_connection_created, dispatch_uid="newsroom.casefold")
    for connection in connections.all(initialized_only=True):
        # Opened before this ran (by another app's start-up, say).
        casefold_for_sqlite(connection)
