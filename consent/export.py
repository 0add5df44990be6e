"""Consent records, banner versions and the access log as CSV, the proof officers hand on."""

import csv
import io
import json
from datetime import UTC
from functools import lru_cache
from itertools import batched

from django.conf import settings
from django.db.models import CharField, TextField
from django.db.models.functions import Cast
from django.utils import timezone, translation

from .models import AccessLogEntry, ConsentRecord

# Records read from the database at a time.
CHUNK_SIZE = 2000
# Rows sent to the browser at a time: one row at a time made long exports outlast the worker.
ROWS_PER_CHUNK = 1000
# Privacy officers open the file in Excel, which splits a CSV file's lines at the list separator
# of the computer's region (a semicolon in Sweden, where the comma is the decimal mark) and reads
# it as UTF-8 only after a byte order mark; Python reads both (delimiter=";", "utf-8-sig").
DELIMITER = ";"
# Excel set to a region whose list separator is the comma (English ones) shows a semicolon file
# in one column: the admin offers the file with commas too, by name. A "sep=;" line would make
# any Excel split at semicolons, but Excel then ignores the byte order mark (å, ä and ö come out
# wrong) and every other reader takes the line for the first row.
DELIMITERS = {"semicolon": DELIMITER, "comma": ","}
BYTE_ORDER_MARK = "\ufeff"
# A cell that begins with one of these is read by Excel and LibreOffice as a formula, which can
# run commands or send the sheet's data away: a user name ("+46…", "@ada"), a search typed by an
# officer or a banner text could. Such a cell is written with an apostrophe before it (OWASP's
# advice), which spreadsheets take as "text" and do not show; other readers see it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell):
    """A cell as a spreadsheet reads it as text, never as a formula."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return f"'{cell}"
    return cell


class _SpreadsheetWriter:
    """The exports' CSV writer: semicolons (or `delimiter`), and no cell a spreadsheet would
    read as a formula."""

    def __init__(self, buffer, delimiter=DELIMITER):
        self._writer = csv.writer(buffer, delimiter=delimiter)

    def writerow(self, row):
        self._writer.writerow([spreadsheet_safe(cell) for cell in row])


def _local_time_column():
    """The header of the local times' column, naming their zone: "created_at_Europe/Stockholm".

    A file handed on (to a visitor, a regulator) says nowhere else which zone they are in;
    the UTC times say so themselves ("Z").
    """
    return f"created_at_{timezone.get_default_timezone().key}"


def _csv_file(delimiter=DELIMITER):
    """The buffer of a new export, its byte order mark written, and the writer of its rows."""
    buffer = io.StringIO()
    buffer.write(BYTE_ORDER_MARK)
    return buffer, _SpreadsheetWriter(buffer, delimiter)


def consent_records_csv(queryset, *, groups, delimiter=DELIMITER):
    """Consent records as CSV: the header, then the rows in strings of ROWS_PER_CHUNK rows each.

    `groups` are the optional cookie groups given a column each. The admin streams this to the
    browser; `manage.py consent_export` writes it to a file, for exports too long for a request.
    The choice and the source are given as stored (the code, which is the same in every
    language, in the admin's filters and in the access log) and, beside it, in the words of the
    language active now (the command's: the site's), which the file is read in.
    """
    return _consent_record_rows(
        queryset,
        groups=groups,
        choices=_labels(ConsentRecord.Choice),
        sources=_labels(ConsentRecord.Source),
        delimiter=delimiter,
    )


def _labels(choices):
    """A TextChoices' labels in the active language, read now: the rows are made later, when
    the response is sent, perhaps in another thread."""
    return {value: str(label) for value, label in choices.choices}


def _consent_record_rows(queryset, *, groups, choices, sources, delimiter):
    buffer, writer = _csv_file(delimiter)
    writer.writerow(
        [
            "consent_id",
            "previous_consent_id",
            "created_at",
            # The same time as Excel reads a date and time, in the site's zone (Stockholm).
            _local_time_column(),
            "choice",
            "choice_label",
            *(f"group:{name}" for name in groups),
            "source",
            "source_label",
            "language",
            "banner_version",
            "groups",
        ]
    )
    yield _taken(buffer)

    @lru_cache(maxsize=1024)
    def answer_cells(stored):
        answers = json.loads(stored)
        answers = answers if isinstance(answers, dict) else {}
        return [_csv_answer(answers.get(name)) for name in groups], _json(answers)

    zone = timezone.get_default_timezone()
    rows = queryset.values_list(
        # As text: building a UUID object for each only to print it again is slow.
        Cast("consent_id", CharField()),
        Cast("previous_consent_id", CharField()),
        "created_at",
        "choice",
        # As stored: equal answers, which most records share, are then read and formatted once.
        Cast("groups", TextField()),
        "source",
        "language",
        "banner_version__digest",
    ).iterator(chunk_size=CHUNK_SIZE)
    for batch in batched(rows, ROWS_PER_CHUNK):
        for consent_id, previous, created_at, choice, stored, source, language, digest in batch:
            group_cells, answers_json = answer_cells(stored)
            writer.writerow(
                [
                    _uuid_text(consent_id),
                    _uuid_text(previous) if previous else "",
                    # As strftime("%Y-%m-%dT%H:%M:%SZ") would, only much faster.
                    created_at.astimezone(UTC).isoformat(timespec="seconds")[:19] + "Z",
                    created_at.astimezone(zone).isoformat(sep=" ", timespec="seconds")[:19],
                    choice,
                    choices.get(choice, choice),
                    *group_cells,
                    source,
                    sources.get(source, source),
                    language,
                    digest,
                    # The whole stored answer, so that groups deleted since are not lost.
                    answers_json,
                ]
            )
        yield _taken(buffer)


def access_log_csv(queryset, *, describe_query=None, delimiter=DELIMITER):
    """Access log entries as CSV, with the record export's conventions: what the log's list
    shows, whole (every consent ID an entry names, the filters and search as stored).

    A visitor who asks who read their records is answered with this file: each ID is given
    with dashes, as the settings page shows it to the visitor. The action is given as stored
    and in the words of the active language, as the records' choice is; so are the filters and
    search, when `describe_query(query, action)` words a stored query of an action
    (consent.admin.readable_query).
    """
    return _access_log_rows(
        queryset,
        actions=_labels(AccessLogEntry.Action),
        describe_query=describe_query,
        language=translation.get_language(),
        delimiter=delimiter,
    )


def _access_log_rows(queryset, *, actions, describe_query, language, delimiter):
    buffer, writer = _csv_file(delimiter)
    writer.writerow(
        [
            "created_at",
            _local_time_column(),
            "username",
            "action",
            "action_label",
            "consent_id",
            "other_consent_ids",
            "count",
            "count_exceeded",
            "query",
            *(["query_label"] if describe_query else []),
        ]
    )
    yield _taken(buffer)
    zone = timezone.get_default_timezone()
    rows = queryset.values_list(
        "created_at",
        "username",
        "action",
        Cast("consent_id", CharField()),
        "other_consent_ids",
        "count",
        "count_exceeded",
        "query",
    ).iterator(chunk_size=CHUNK_SIZE)
    for batch in batched(rows, ROWS_PER_CHUNK):
        # Worded in the language the export was asked in, which need not be active as the
        # rows are made (as the response is sent, perhaps in another thread); never across a
        # yield, so that nothing else is worded in it.
        with translation.override(language):
            for created_at, username, action, consent_id, others, count, exceeded, query in batch:
                writer.writerow(
                    [
                        created_at.astimezone(UTC).isoformat(timespec="seconds")[:19] + "Z",
                        created_at.astimezone(zone).isoformat(sep=" ", timespec="seconds")[:19],
                        username,
                        action,
                        actions.get(action, action),
                        _uuid_text(consent_id) if consent_id else "",
                        # In the order the record's page showed them, one cell, space-separated.
                        (
                            " ".join(map(str, others))
                            if isinstance(others, list)
                            else _readable_json(others)
                        ),
                        "" if count is None else count,
                        str(bool(exceeded)).lower(),
                        query,
                        *(
                            [describe_query(query, action) if query else ""]
                            if describe_query
                            else []
                        ),
                    ]
                )
        yield _taken(buffer)


# A banner version's texts in the order the banner, the settings page and the policy show them;
# texts of other names (kept by older versions) follow in the order of their names.
TEXT_ORDER = [
    "title",
    "text",
    "policy",
    "policy_link",
    "withdrawal",
    "settings_link",
    "decline",
    "accept",
    "gpc",
    "settings_text",
    "settings_policy_link",
    "settings_accept",
    "settings_withdraw",
    "policy_page",
    "cookie_table",
]

_TEXT_RANK = {key: n for n, key in enumerate(TEXT_ORDER)}


def banner_versions_csv(queryset, *, delimiter=DELIMITER):
    """Banner versions as CSV, one row per text per language, with the record export's conventions.

    The record export names each record's version by its digest only; this holds what the
    digest stands for: every text a visitor was shown, whole (the policy page as its HTML, the
    cookie table as JSON), so that the two files together show what each visitor agreed to.
    """
    buffer, writer = _csv_file(delimiter)
    writer.writerow(["digest", "created_at", _local_time_column(), "language", "key", "text"])
    yield _taken(buffer)
    zone = timezone.get_default_timezone()
    rows = queryset.values_list("digest", "created_at", "texts").iterator(chunk_size=100)
    for digest, created_at, texts in rows:
        times = [
            created_at.astimezone(UTC).isoformat(timespec="seconds")[:19] + "Z",
            created_at.astimezone(zone).isoformat(sep=" ", timespec="seconds")[:19],
        ]
        for language, key, text in _texts_in_order(texts):
            writer.writerow([digest, *times, language, key, text])
        yield _taken(buffer)


def _texts_in_order(texts):
    """(language, key, text) of a version's stored texts: languages as in settings, then texts."""
    if not isinstance(texts, dict):
        # Not as the site stores texts: kept whole rather than lost.
        yield "", "", _readable_json(texts)
        return
    known = [code for code, _name in settings.LANGUAGES]
    for language in [c for c in known if c in texts] + sorted(set(texts) - set(known)):
        shown = texts[language]
        if not isinstance(shown, dict):
            yield language, "", _readable_json(shown)
            continue
        for key in sorted(shown, key=lambda k: (_TEXT_RANK.get(k, len(_TEXT_RANK)), k)):
            value = shown[key]
            yield language, key, value if isinstance(value, str) else _readable_json(value)


def _readable_json(value):
    """JSON as a reader reads it: å, ä and ö as they are, keys in order whatever the database."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _uuid_text(value):
    """A UUID read as text, with dashes (SQLite stores the bare hexadecimal digits)."""
    if len(value) == 32:
        return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
    return value


def _taken(buffer):
    """What was written to the buffer since it was last taken."""
    value = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return value


def _csv_answer(answer):
    return "" if answer is None else str(bool(answer)).lower()


def _json(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"))
