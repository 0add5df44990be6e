"""Write consent records as CSV, for exports too long to download from the admin."""

import getpass
from datetime import date, datetime, time, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from consent.export import consent_records_csv
from consent.models import AccessLogEntry, ConsentRecord
from consent.services import consent_access_logged, optional_group_names


def local_day(value):
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value!r}") from None


def system_user():
    """The login name of whoever runs the command, when the system knows it."""
    try:
        return getpass.getuser()[:150]
    except (OSError, KeyError):
        return ""


def start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


class Command(BaseCommand):
    help = (
        "Write consent records, newest first, as CSV with the admin export's columns, to a file "
        "or standard output. The admin's download must finish within a request's time limit; "
        "this has none."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", type=local_day, help="From this day on (YYYY-MM-DD).")
        parser.add_argument("--until", type=local_day, help="Up to this day, inclusive.")
        parser.add_argument(
            "--output", default="-", help="The file to write (created or replaced); - for stdout."
        )

    def handle(self, *args, since=None, until=None, output="-", **options):
        if since and until and since > until:
            raise CommandError("--since is after --until: no day is in between.")
        records = ConsentRecord.objects.all()
        # The calendar's first and last days bound nothing, and the local midnights that would
        # bound them are outside it in UTC.
        if since and since > date.min:
            records = records.filter(created_at__gte=start_of(since))
        if until and until < date.max:
            records = records.filter(created_at__lt=start_of(until + timedelta(days=1)))
        chunks = consent_records_csv(records, groups=optional_group_names())
        if output == "-":
            self.log(records, since=since, until=until)
            for chunk in chunks:
                self.stdout.write(chunk, ending="")
            return
        try:
            with open(output, "w", encoding="utf-8", newline="") as file:
                self.log(records, since=since, until=until)
                file.writelines(chunks)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}") from error
        self.stderr.write(f"Wrote {output}.")

    def log(self, records, *, since, until):
        """The export in the access log, as the admin's are: the system's user, the options."""
        options = [f"{name} {day}" for name, day in (("--since", since), ("--until", until)) if day]
        consent_access_logged(
            request=None,
            username=system_user(),
            action=AccessLogEntry.Action.EXPORTED_RECORDS,
            count=records.count(),
            query=" ".join(["manage.py consent_export", *options]),
        )
