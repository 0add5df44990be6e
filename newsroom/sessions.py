"""Database sessions that never send a malformed session key to the database."""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    """Django's database sessions, refusing keys that Django never makes.

    Keys are lower-case letters and digits; anything else in the cookie (a NUL byte, which
    PostgreSQL refuses in text, or other junk) is no session at all rather than a query.
    """

    def _validate_session_key(self, key):
        return super()._validate_session_key(key) and key.isascii() and key.isalnum()
