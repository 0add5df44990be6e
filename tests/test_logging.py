import json
import logging
import re
import sqlite3
import sys
import time
from contextlib import closing
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from unittest import mock, skipUnless

import pytest
import time_machine
from django.contrib.auth.models import User
from django.db import OperationalError, connection
from django.test import TestCase, override_settings
from gunicorn.config import Config

from articles.views import FrontPageView
from newsroom.logging import GunicornJSONLogger, JSONFormatter


class ListHandler(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


def access_logger():
    """gunicorn's logger as newsroom/gunicorn.conf.py sets it up, its access lines kept in a list."""
    config = Config()
    config.set("accesslog", "-")
    logger = GunicornJSONLogger(config)
    handler = ListHandler()
    logger.access_log.handlers = [handler]
    return logger, handler


def test_access_log_is_one_json_line_without_address_query_or_cookies():
    logger, handler = access_logger()
    consent_id = "5f0c3c1e-1111-4a4a-9b9b-222233334444"
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": '/sv/artiklar/"quoted"/',
        "QUERY_STRING": "q=secret",
        "RAW_URI": '/sv/artiklar/"quoted"/?q=secret',
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.9",
        "HTTP_COOKIE": f"nr_consent={consent_id}",
        "HTTP_X_FORWARDED_FOR": "198.51.100.4",
    }
    request = SimpleNamespace(headers=[("COOKIE", f"nr_consent={consent_id}")])
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[])
    logger.access(response, request, environ, timedelta(milliseconds=12.5))

    (line,) = handler.lines
    entry = json.loads(line)
    assert entry["method"] == "GET"
    assert entry["path"] == '/sv/artiklar/"quoted"/'
    assert entry["status"] == 200
    assert entry["duration_ms"] == 12.5
    for secret in ("203.0.113.9", "198.51.100.4", consent_id, "secret"):
        assert secret not in line


def log_front_page_request(logger):
    """gunicorn's access line for a GET of /sv/ answered 200 in 1 ms."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/sv/",
        "RAW_URI": "/sv/",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    request = SimpleNamespace(headers=[])
    response = SimpleNamespace(status="200 OK", sent=1, headers=[])
    logger.access(response, request, environ, timedelta(milliseconds=1))


def test_access_and_error_lines_give_their_time_in_one_format():
    # A log collector parses one time format for the site's lines, access and error alike.
    logger, handler = access_logger()
    log_front_page_request(logger)
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "boom", (), None)
    times = [
        json.loads(line)["time"] for line in (handler.lines[0], JSONFormatter().format(record))
    ]
    for value in times:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", value), value


@pytest.fixture
def stockholm_local_time(monkeypatch):
    """The process's local time as a worker's is, once Django has set TZ from TIME_ZONE."""
    monkeypatch.setenv("TZ", "Europe/Stockholm")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# 13:00 in Stockholm: a line in local time would say so.
NOON_UTC = datetime(2026, 1, 15, 12, 0, 0, tzinfo=UTC)


def test_an_error_lines_time_is_utc_whatever_the_processs_time_zone(stockholm_local_time):
    # gunicorn's master never loads Django's settings: its local time is not its workers'.
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "boom", (), None)
    record.created = NOON_UTC.timestamp()
    entry = json.loads(JSONFormatter().format(record))
    assert entry["time"] == "2026-01-15T12:00:00+00:00"


def test_an_access_lines_time_is_utc_whatever_the_processs_time_zone(stockholm_local_time):
    logger, handler = access_logger()
    with time_machine.travel(NOON_UTC, tick=False):
        log_front_page_request(logger)
    (line,) = handler.lines
    assert json.loads(line)["time"] == "2026-01-15T12:00:00+00:00"


def test_django_log_records_are_json_lines():
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "boom %s", ("x",), None
    )
    entry = json.loads(JSONFormatter().format(record))
    assert entry["level"] == "ERROR"
    assert entry["message"] == "boom x"


def test_gunicorns_own_messages_are_json_lines_without_address_or_query(capsys):
    config = Config()
    config.set("errorlog", "-")
    logger = GunicornJSONLogger(config)
    logger.warning(
        "Invalid request from ip=203.0.113.9: Invalid HTTP request line: 'GET /sv/?q=secret HTTP/1.1'"
    )
    logger.warning("Invalid request from ip=2001:db8::7: Invalid HTTP Version: 'HTTP/9'")
    try:
        raise ValueError("boom")
    except ValueError:
        logger.exception("Error handling request %s %s", "GET", "/sv/sok/?q=secret")
    lines = capsys.readouterr().err.splitlines()
    entries = [json.loads(line) for line in lines]
    assert [entry["message"] for entry in entries] == [
        "Invalid request: Invalid HTTP request line: 'GET /sv/ HTTP/1.1'",
        "Invalid request: Invalid HTTP Version: 'HTTP/9'",
        "Error handling request GET /sv/sok/",
    ]
    assert entries[2]["level"] == "ERROR"
    assert "ValueError: boom" in entries[2]["exception"]
    for secret in ("203.0.113.9", "2001:db8::7", "secret"):
        assert secret not in "\n".join(lines)


class DisallowedHostLogTests(TestCase):
    @override_settings(ALLOWED_HOSTS=["news.example.se"])
    def test_a_request_for_another_host_is_one_warning_line_without_a_traceback(self):
        # Scanners ask by IP address all day: a client's 400, which the access log has too,
        # is no server error; the line still tells an operator which host was refused.
        with self.assertLogs("django.security.DisallowedHost", level="DEBUG") as logs:
            response = self.client.get("/sv/", HTTP_HOST="203.0.113.80")
        self.assertEqual(response.status_code, 400)
        (record,) = logs.records
        self.assertEqual(record.levelname, "WARNING")
        entry = json.loads(JSONFormatter().format(record))
        self.assertEqual(entry["level"], "WARNING")
        self.assertIn("'203.0.113.80'", entry["message"])
        self.assertIn("ALLOWED_HOSTS", entry["message"])
        self.assertNotIn("exception", entry)


class HealthProbeLogTests(TestCase):
    def setUp(self):
        self.client.raise_request_exception = False

    def test_a_failing_health_probe_is_one_warning_line_without_a_traceback(self):
        # Probes ask every few seconds: an outage must not bury real server errors.
        with (
            mock.patch(
                "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
                side_effect=OperationalError("connection refused"),
            ),
            self.assertLogs("django.request", level="DEBUG") as logs,
        ):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)
        (record,) = logs.records
        self.assertEqual(record.levelname, "WARNING")
        entry = json.loads(JSONFormatter().format(record))
        self.assertEqual(entry["level"], "WARNING")
        self.assertEqual(entry["status"], 503)
        self.assertIn("/healthz", entry["message"])
        self.assertNotIn("exception", entry)

    def test_a_server_error_is_still_an_error_with_its_traceback(self):
        with (
            mock.patch("newsroom.views.JsonResponse", side_effect=RuntimeError("boom")),
            self.assertLogs("django.request", level="DEBUG") as logs,
        ):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 500)
        (record,) = logs.records
        entry = json.loads(JSONFormatter().format(record))
        self.assertEqual(entry["level"], "ERROR")
        self.assertIn("RuntimeError: boom", entry["exception"])


class DatabaseOutageLogTests(TestCase):
    def setUp(self):
        self.client.raise_request_exception = False

    def test_a_request_during_an_outage_is_one_error_line_with_its_503_and_the_reason(self):
        # What psycopg says when the server is down; the server's address is no reader's, but
        # the line needs only why.
        refused = OperationalError(
            'connection failed: connection to server at "10.0.0.7", port 5432 failed: '
            "Connection refused\n\tIs the server running on that host and accepting TCP/IP "
            "connections?"
        )
        with (
            mock.patch(
                "django.db.backends.base.base.BaseDatabaseWrapper.cursor", side_effect=refused
            ),
            self.assertLogs(level="DEBUG") as logs,
        ):
            response = self.client.get("/sv/sektion/inrikes/?q=secret")
        self.assertEqual(response.status_code, 503)
        lines = [
            json.loads(JSONFormatter().format(record))
            for record in logs.records
            if record.levelno >= logging.WARNING
        ]
        self.assertEqual(len(lines), 1, lines)
        (entry,) = lines
        self.assertEqual(entry["level"], "ERROR")
        self.assertEqual(entry["status"], 503)
        self.assertEqual(
            entry["message"],
            "database unavailable: GET /sv/sektion/inrikes/ answered 503: Connection refused",
        )
        self.assertNotIn("exception", entry)
        self.assertNotIn("10.0.0.7", json.dumps(entry))


def duplicate_user(username):
    """A second account under a taken username: the database's own IntegrityError."""
    User.objects.create(username=username)
    User.objects.create(username=username)


class DatabaseErrorLogTests(TestCase):
    # Database drivers quote values in their messages ("Key (username)=(anna@example.se)
    # already exists.", the SQL's literals): a log line keeps the traceback and the error's
    # class, never its message.
    email = "anna@example.se"

    def setUp(self):
        self.client.raise_request_exception = False

    def server_error_line(self):
        with (
            mock.patch.object(
                FrontPageView, "get_queryset", side_effect=lambda: duplicate_user(self.email)
            ),
            self.assertLogs("django.request", level="ERROR") as logs,
        ):
            response = self.client.get("/sv/?q=x")
        self.assertEqual(response.status_code, 500)
        (record,) = logs.records
        return JSONFormatter().format(record), record

    def test_a_database_error_is_logged_with_its_traceback_but_not_its_message(self):
        line, record = self.server_error_line()
        entry = json.loads(line)
        self.assertEqual(entry["message"], record.getMessage())
        self.assertEqual(entry["message"], "Internal Server Error: /sv/")
        exception = entry["exception"]
        # The frames stay: file, line, function and source line are code, not data.
        self.assertIn("Traceback (most recent call last):", exception)
        self.assertIn(f'File "{__file__}", line', exception)
        self.assertIn("in duplicate_user\n    User.objects.create(username=username)", exception)
        # Django's error and the driver's, which it was raised from, are both named.
        self.assertIn("The above exception was the direct cause", exception)
        self.assertRegex(exception, r"\ndjango\.db\.utils\.IntegrityError\b")
        if connection.vendor == "sqlite":
            self.assertIn("\nsqlite3.IntegrityError", exception)
            self.assertNotIn("UNIQUE constraint failed", exception)
        self.assertNotIn(self.email, line)

    @skipUnless(connection.vendor == "postgresql", "psycopg's errors need PostgreSQL.")
    def test_a_postgresql_error_is_logged_with_its_sqlstate_and_the_schema_names_it_gives(self):
        line, _ = self.server_error_line()
        exception = json.loads(line)["exception"]
        self.assertIn("\npsycopg.errors.UniqueViolation", exception)
        for name in ("23505", '"auth_user_username_key"', '"auth_user"'):
            self.assertIn(name, exception)
        self.assertNotIn(self.email, line)
        self.assertNotIn("DETAIL", line)
        self.assertNotIn("duplicate key value", line)

    def test_a_driver_error_is_redacted_in_the_exceptions_it_led_to(self):
        # sqlite3 quotes an unfinished literal whole, whatever database the site runs on.
        def give_up():
            raise RuntimeError("the newsletter signup failed")

        try:
            try:
                sqlite3.connect(":memory:").execute(f"SELECT '{self.email}")
            except sqlite3.Error:
                give_up()
        except RuntimeError:
            exc_info = sys.exc_info()
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "boom", (), exc_info
        )
        exception = json.loads(JSONFormatter().format(record))["exception"]
        self.assertIn("\nsqlite3.OperationalError", exception)
        self.assertIn(
            "During handling of the above exception, another exception occurred", exception
        )
        # Other exceptions keep their messages.
        self.assertIn("\nRuntimeError: the newsletter signup failed", exception)
        self.assertNotIn(self.email, exception)
        self.assertNotIn("unrecognized token", exception)


EMAIL = "anna@example.se"


def raised(error):
    """`error` with a traceback, as a handler would catch it."""
    try:
        raise error
    except BaseException as caught:
        return caught


def sqlite_error():
    """sqlite3's own error, which quotes an unfinished literal whole."""
    with closing(sqlite3.connect(":memory:")) as database:
        try:
            database.execute(f"SELECT '{EMAIL}")
        except sqlite3.Error as error:
            return error


def django_database_error():
    """Django's error raised from sqlite3's, as Django's database wrapper raises it."""
    driver_error = sqlite_error()
    try:
        raise OperationalError(*driver_error.args) from driver_error
    except OperationalError as error:
        return error


def logged_exception(error):
    """The "exception" of the JSON line logging `error` makes."""
    record = logging.LogRecord(
        "django.request",
        logging.ERROR,
        __file__,
        1,
        "boom",
        (),
        (type(error), error, error.__traceback__),
    )
    return json.loads(JSONFormatter().format(record))["exception"]


def assert_no_database_message(exception):
    assert EMAIL not in exception
    assert "unrecognized token" not in exception


def test_an_exception_groups_members_are_logged_each_database_error_without_its_message():
    # asyncio.TaskGroup raises every failed task's error in one group: each is logged, with its
    # traceback and chain, and a database error among them is redacted as on its own.
    exception = logged_exception(
        raised(
            ExceptionGroup(
                "unhandled errors in a TaskGroup",
                [django_database_error(), raised(ValueError("the newsletter signup failed"))],
            )
        )
    )
    assert "Exception Group Traceback (most recent call last):" in exception
    assert "ExceptionGroup: unhandled errors in a TaskGroup (2 sub-exceptions)" in exception
    assert "+-+---------------- 1 ----------------" in exception
    assert "+---------------- 2 ----------------" in exception
    assert "\n    | django.db.utils.OperationalError: " in exception
    assert "The above exception was the direct cause of the following exception" in exception
    assert "\n    | sqlite3.OperationalError: SQLITE_ERROR, message withheld" in exception
    assert "in sqlite_error\n    |     database.execute" in exception
    assert "\n    | ValueError: the newsletter signup failed" in exception
    assert_no_database_message(exception)


def test_nested_exception_groups_are_logged_with_every_member_redacted():
    inner = raised(ExceptionGroup("inner", [sqlite_error(), raised(KeyError("slug"))]))
    exception = logged_exception(
        raised(BaseExceptionGroup("outer", [inner, raised(RuntimeError("timeout"))]))
    )
    assert "\n  | ExceptionGroup: outer (2 sub-exceptions)" in exception
    assert "\n    | ExceptionGroup: inner (2 sub-exceptions)" in exception
    assert "\n      | sqlite3.OperationalError: SQLITE_ERROR, message withheld" in exception
    assert "\n      | KeyError: 'slug'" in exception
    assert "\n    | RuntimeError: timeout" in exception
    assert_no_database_message(exception)


def test_an_exception_groups_width_and_depth_are_limited_as_python_limits_them():
    wide = ExceptionGroup("wide", [ValueError(number) for number in range(20)])
    deep = ExceptionGroup("deepest", [sqlite_error()])
    for level in range(12):
        deep = ExceptionGroup(f"level {level}", [deep])
    exception = logged_exception(raised(ExceptionGroup("outer", [wide, deep])))
    assert "ValueError: 14" in exception
    assert "ValueError: 15" not in exception
    assert "and 5 more exceptions" in exception
    assert "... (max_group_depth is 10)" in exception
    assert "deepest" not in exception
    assert_no_database_message(exception)


def test_an_errors_notes_are_logged():
    error = ValueError("the newsletter signup failed")
    error.add_note("while sending the welcome mail")
    exception = logged_exception(raised(error))
    assert "ValueError: the newsletter signup failed\nwhile sending the welcome mail" in exception


def test_a_database_errors_notes_are_withheld_but_counted():
    # Our notes could be harmless, but a driver or an ORM could copy values into its own.
    error = django_database_error()
    error.add_note(f"while subscribing {EMAIL}")
    error.add_note("second attempt")
    error.__cause__.add_note(f"SELECT '{EMAIL}")
    exception = logged_exception(error)
    assert (
        "\ndjango.db.utils.OperationalError: SQLITE_ERROR, message withheld (database errors "
        "quote values), 2 notes withheld"
    ) in exception
    assert "\nsqlite3.OperationalError: SQLITE_ERROR, message withheld" in exception
    assert "1 note withheld" in exception
    assert "second attempt" not in exception
    assert_no_database_message(exception)


def test_an_exception_chain_with_a_cycle_is_logged_once_round():
    first, second = raised(ValueError("first")), raised(ValueError("second"))
    first.__context__, second.__context__ = second, first
    back_to_the_group = raised(RuntimeError("back to the group"))
    group = raised(ExceptionGroup("group", [first, back_to_the_group, sqlite_error()]))
    back_to_the_group.__cause__ = group
    exception = logged_exception(group)
    assert exception.count("ValueError: first") == 1
    assert exception.count("ValueError: second") == 1
    assert exception.count("RuntimeError: back to the group") == 1
    assert exception.count("ExceptionGroup: group") == 1
    assert "sqlite3.OperationalError: SQLITE_ERROR, message withheld" in exception
    assert_no_database_message(exception)
