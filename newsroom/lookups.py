"""Admin search that ignores the case of every letter, å, ä and ö too, on SQLite as elsewhere.

SQLite's LIKE, with which Django's `icontains` is made there, ignores the case of A to Z only:
"åsa" does not find "Åsa", nor "ÖRESUND" "Öresund". PostgreSQL's UPPER() knows every alphabet.
`unicode_icontains` is `icontains` on PostgreSQL, to the letter of its SQL. On SQLite, a search
with a letter beyond ASCII compares the column and the search folded by Python's
str.casefold(), a function each SQLite connection is given as it opens; a search in ASCII
alone is Django's own LIKE, which is right for it. Every admin's `search_fields` name it or
`unaccent_icontains` (below) (`"name__unicode_icontains"`), which Django's admin search accepts
as it accepts a lookup.

Folding calls Python for every row, some twenty times slower than LIKE over long article
bodies, so it is kept to the rows LIKE finds the search's longest ASCII part in ("resund" of
"öresund"). Like PostgreSQL, then, ASCII letters of a search are found only as ASCII letters:
"ss" does not find "ß", nor "fi" the ligature "ﬁ" (while "ß" finds "ss", as folding has it).

`unaccent_icontains`, the editors' lists' search, ignores accents as well, one way: a letter
typed without one finds it with any ("goteborg" finds "Göteborg", "jose" "José"), as editors
type names on any keyboard, while a letter typed with one means it ("för" does not find "for").
It is a regular expression made of the search, the same on both databases: each letter becomes
the class of its forms ("o" is [oOòóôõöø…], "ö" is [öÖ]), so neither PostgreSQL's locale
(UPPER(), unaccent's rules) nor SQLite's LIKE decides what is found. A letter written as two
(æ, œ, ß) is found as typed, not as "ae", "oe" or "ss".
"""

import re
import unicodedata
from collections import defaultdict

from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models import CharField, FileField, Func, TextField
from django.db.models.lookups import IContains, Lookup, Regex

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


# Latin letters that do not decompose into an ASCII letter and accents, by the letter they are
# written as without one, as PostgreSQL's unaccent writes them.
_UNACCENTED = {"ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ł": "l", "ŧ": "t"}


def _letter_forms():
    """Each ASCII letter's forms with accents, in both cases, and its own two ("o": "OoÒÓ…")."""
    forms = defaultdict(set)
    # Latin-1, Latin Extended-A and -B, and Latin Extended Additional (Vietnamese).
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii() and base.isalpha():
            forms[base.lower()].add(char)
    for char, base in _UNACCENTED.items():
        forms[base].update({char, char.upper()})
    return {base: "".join(sorted({base, base.upper(), *chars})) for base, chars in forms.items()}


_LETTER_FORMS = _letter_forms()


def unaccent_pattern(text):
    """A regular expression finding the text as `unaccent_icontains` does (see the module).

    Both SQLite's (Python's) and PostgreSQL's regular expressions read it alike: letters are
    classes, other ASCII characters are escaped, and no other character has a meaning there.
    """
    parts = []
    for char in unicodedata.normalize("NFC", text):
        cases = {form for form in (char, char.lower(), char.upper()) if len(form) == 1}
        if char.lower() in _LETTER_FORMS:
            parts.append(f"[{_LETTER_FORMS[char.lower()]}]")
        elif len(cases) > 1:
            parts.append(f"[{''.join(sorted(cases))}]")
        elif char.isascii() and not char.isalnum():
            parts.append(f"\\{char}")
        else:
            parts.append(char)
    return "".join(parts)


class UnaccentIContains(Lookup):
    """`icontains` that ignores case, and accents the search is typed without (see the module)."""

    lookup_name = "unaccent_icontains"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        if not isinstance(self.rhs, str):
            # Another column or an expression: compared as `unicode_icontains` compares it.
            return compiler.compile(UnicodeIContains(self.lhs, self.rhs))
        return compiler.compile(Regex(self.lhs, unaccent_pattern(self.rhs)))


def register():
    """Make `unicode_icontains` and `unaccent_icontains` lookups of text and file fields, and
    SQLite able to run them."""
    for field in (CharField, TextField, FileField):
        field.register_lookup(UnicodeIContains)
        field.register_lookup(UnaccentIContains)
    connection_created.connect(_connection_created, dispatch_uid="newsroom.casefold")
    for connection in connections.all(initialized_only=True):
        # Opened before this ran (by another app's start-up, say).
        casefold_for_sqlite(connection)
