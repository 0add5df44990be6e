"""Log records as one JSON object per line, for log collectors."""

import json
import logging
import re
import sqlite3
import time
import traceback
from datetime import UTC, datetime

import psycopg
from django.db import Error as DjangoDatabaseError
from gunicorn.glogging import Logger as GunicornLogger


def utc_time(timestamp):
    """ISO 8601 in UTC ("2026-01-15T12:00:00+00:00"), for every line: access lines and errors.

    Not the process's local time: gunicorn's master never loads Django's settings, so its TZ is
    not its workers' (Django sets theirs from TIME_ZONE), and one server's lines would disagree.
    """
    return datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="seconds")


class JSONFormatter(logging.Formatter):
    """level, logger, message and (for errors) the exception, as a JSON line."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)

    def formatTime(self, record, datefmt=None):
        return utc_time(record.created)

    def formatException(self, ei):
        if ei[1] is None:
            return super().formatException(ei)
        return redacted_traceback(ei[1])


# Django's errors and the drivers' own, which Django's are raised from.
DATABASE_ERRORS = (DjangoDatabaseError, psycopg.Error, sqlite3.Error)


def redacted_traceback(error):
    """The traceback of `error` as Python writes it (chains, exception groups' members, notes),
    but with no database error's message or notes.

    Database drivers quote values in their messages (PostgreSQL's "Key (email)=(…) already
    exists.", the statement's literals), and log lines hold no personal data. The frames stay:
    code is not data.
    """
    # The standard library walks the chains and groups, stopping at a cycle; it writes groups
    # with Python's limits (15 members each, 10 deep).
    root = traceback.TracebackException.from_exception(error, compact=True)
    # Its own walk, again: each TracebackException beside the exception it was made from.
    queue = [(root, error)]
    while queue:
        formatted, exception = queue.pop()
        if isinstance(exception, DATABASE_ERRORS):
            # _str is what is written after the class's name (private, but there since 3.10).
            formatted._str = database_error_summary(exception)
            formatted.__notes__ = None
        if formatted.__cause__ is not None:
            queue.append((formatted.__cause__, exception.__cause__))
        if formatted.__context__ is not None:
            queue.append((formatted.__context__, exception.__context__))
        if formatted.exceptions:
            queue.extend(zip(formatted.exceptions, exception.exceptions, strict=True))
    return "".join(root.format()).rstrip("\n")


def database_error_summary(error):
    """What a database error tells an operator without its message: codes and schema names."""
    # Django's error carries its message only; the driver's, raised first, has the codes.
    driver_error = error if isinstance(error, psycopg.Error | sqlite3.Error) else error.__cause__
    details = []
    if sqlstate := getattr(driver_error, "sqlstate", None):
        details.append(f"SQLSTATE {sqlstate}")
    if sqlite_error := getattr(driver_error, "sqlite_errorname", None):
        details.append(sqlite_error)
    diagnostic = getattr(driver_error, "diag", None)
    for label in ("constraint", "table", "column"):
        if name := getattr(diagnostic, f"{label}_name", None):
            details.append(f'{label} "{name}"')
    details.append("message withheld (database errors quote values)")
    # Notes could quote values too (a driver's, an ORM's); an operator learns they were there.
    if notes := getattr(error, "__notes__", None):
        count = len(notes) if isinstance(notes, list | tuple) else 1
        details.append(f"{count} note{'s' if count != 1 else ''} withheld")
    return ", ".join(details)


class ClientErrorWarning(logging.Filter):
    """Logs a client's error (a Host header not in ALLOWED_HOSTS) as one warning, no traceback.

    Django logs each such request as an ERROR with the traceback of its own check. Scanners ask
    by IP address all day, and the access log has the 400 already; the message (which host was
    refused, and that ALLOWED_HOSTS may lack it) is what an operator needs.
    """

    def filter(self, record):
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = None
        return True


class HealthProbeWarning(logging.Filter):
    """Logs a failing health probe (/healthz's 503) as a warning; a server error stays an error.

    Load balancers probe every few seconds, so during an outage Django would log an ERROR per
    probe, burying the server errors that need a look. The 503 still makes one line each.
    """

    def filter(self, record):
        request = getattr(record, "request", None)
        if getattr(record, "status_code", None) == 503 and (
            getattr(request, "path_info", None) == "/healthz"
        ):
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.exc_info = record.exc_text = None
        return True


class DatabaseUnavailableLogged(logging.Filter):
    """Drops Django's "Service Unavailable" line for a 503 the database outage logged already.

    newsroom.middleware logs each such request as one line that says why; Django's would be a
    second error line per request, saying less.
    """

    def filter(self, record):
        request = getattr(record, "request", None)
        return not (
            getattr(record, "status_code", None) == 503
            and getattr(request, "database_unavailable", False)
        )


class RedactClientDetails(logging.Filter):
    """Takes client addresses and query strings out of gunicorn's own messages.

    gunicorn names the client's address when it refuses a malformed request ("Invalid request
    from ip=…: …", often quoting the request line) and the whole URI when a request fails.
    """

    CLIENT_ADDRESS = re.compile(r" from ip=\S+(?=: )")
    QUERY_STRING = re.compile(r"\?[^\s'\"]*")

    def filter(self, record):
        message = self.CLIENT_ADDRESS.sub("", record.getMessage())
        record.msg, record.args = self.QUERY_STRING.sub("", message), None
        return True


class GunicornJSONLogger(GunicornLogger):
    """gunicorn's access log as one JSON line per request, with no address or query string.

    The client's address, the query string and the cookies (which hold the consent ID) are
    left out on purpose; json.dumps keeps a hostile path from breaking the line. gunicorn's own
    messages (workers starting, malformed requests, errors) are JSON lines too, without client
    addresses or query strings.
    """

    def setup(self, cfg):
        super().setup(cfg)
        for handler in self.error_log.handlers:
            handler.setFormatter(JSONFormatter())
        self.error_log.filters = [RedactClientDetails()]

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        entry = {
            # Not gunicorn's own now(): Apache's format, unlike every other line's.
            "time": utc_time(time.time()),
            "method": atoms["m"],
            "path": atoms["U"],
            "status": int(atoms["s"]) if str(atoms["s"]).isdigit() else atoms["s"],
            "bytes": atoms["B"],
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
        }
        self.access_log.info(json.dumps(entry, ensure_ascii=False))
